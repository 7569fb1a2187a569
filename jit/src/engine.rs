//! The JIT engine: the VM's [`Tier`]. It starts recordings when loops get
//! hot, turns finished recordings into traces (optimise, compile), enters
//! traces from the interpreter, and rebuilds the interpreter's state from a
//! snapshot when a trace exits.

use crate::ir::Ir;
use crate::params::JitOptions;
use crate::penalty::{Penalties, Verdict};
use crate::record::{Builtins, Flow, Limits, Origin, Recorder};
use crate::trace::{Trace, TraceLog};
use neap_vm::error::LuaResult;
use neap_vm::func::{FunctionKind, Proto};
use neap_vm::gc::GcHeader;
use neap_vm::thread::{Frame, FrameKind};
use neap_vm::tier::{Control, LoopAction, Tier, HOT_BLACKLISTED, HOT_TRACED, INSTRUMENT_RECORD};
use neap_vm::Vm;
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// The abort of a side trace that reached a loop it may not enter.
pub const INNER_LOOP_IN_SIDE_TRACE: &str = "inner loop in side trace";
/// Side trace attempts from one exit put off for such loops (the wait for
/// the last is `hotexit` times 2^12 exits).
const MAX_SIDE_WAITS: u32 = 12;

/// Fewest recorded instructions for a trace starting at a function's
/// entry that returns to the interpreter (one linking to another trace is
/// always kept).
const MIN_FUNCTION_TRACE: usize = 100;

/// How the JIT was asked to behave (from the host or the CLI).
#[derive(Clone, Debug, Default)]
pub struct JitConfig {
    pub options: JitOptions,
    /// Start with compilation off (`-joff`).
    pub off: bool,
    /// Where `-jv` and `-jdump` write, if wanted.
    pub log: TraceLog,
}

pub struct Engine {
    on: bool,
    options: JitOptions,
    traces: Vec<Trace>,
    /// Trace index by (prototype, pc) of its start.
    by_start: FxHashMap<(usize, usize), usize>,
    recorder: Option<Recorder>,
    /// Aborted recordings per start point.
    penalties: Penalties,
    /// Prototypes the script turned the JIT off for (`jit.off(f)`).
    disabled: std::collections::HashSet<usize>,
    builtins: Option<Rc<Builtins>>,
    log: TraceLog,
    /// Stack slots above a trace's base that any trace may touch. Traces
    /// linked in machine code run on the same base, or up to
    /// `MAX_FRAME_EXITS` times one inlined frame further up, so each entry
    /// ensures room for all of them.
    stack_need: usize,
    /// Traces completed and recordings aborted (for tests and the bench harness).
    pub stats: Stats,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub completed: u32,
    pub aborted: u32,
    /// Calls into compiled code from Rust (from the interpreter's hot loops
    /// and from exits handled in Rust).
    pub entered: u64,
    /// Exits that continued in another trace's machine code directly.
    pub linked: u64,
    /// With `NEAP_JIT_AARCH64=1`, every trace is also compiled for AArch64
    /// and run through the store-pair pass: traces compiled that way, the
    /// memory instructions in their code, and the pairs the pass merged.
    pub aarch64_traces: u32,
    pub aarch64_memory_ops: u64,
    pub aarch64_merges: u64,
}

impl Engine {
    pub fn new(config: JitConfig) -> Engine {
        Engine {
            on: !config.off,
            options: config.options,
            traces: Vec::new(),
            by_start: FxHashMap::default(),
            recorder: None,
            penalties: Penalties::default(),
            disabled: Default::default(),
            builtins: None,
            log: config.log,
            stack_need: 0,
            stats: Stats::default(),
        }
    }

    /// Installs a new engine into `vm`.
    pub fn install(vm: &mut Vm, config: JitConfig) {
        let mut e = Engine::new(config);
        e.builtins = Some(Rc::new(Builtins::find(vm)));
        vm.hotloop = if e.on { e.hotloop() } else { HOT_BLACKLISTED };
        vm.tier = Some(Box::new(e));
    }

    fn hotloop(&self) -> u16 {
        self.options.params.hotloop.clamp(1, HOT_BLACKLISTED as u32 - 1) as u16
    }

    fn limits(&self) -> Limits {
        Limits {
            max_record: self.options.params.maxrecord as usize,
            max_depth: self.options.params.callunroll as usize + 8,
            max_slots: 250,
            loop_unroll: self.options.params.loopunroll as i32,
        }
    }

    /// Root traces started at a loop instruction that end in another
    /// trace instead of looping, by start.
    fn stubs(&self) -> Vec<(usize, usize)> {
        let stubs = self.traces.iter().filter(|t| t.origin == Origin::Loop && t.link.is_some());
        stubs.map(|t| (t.start_proto as usize, t.start_pc)).collect()
    }

    fn start_recording(&mut self, vm: &mut Vm, pc: usize, origin: Origin) {
        let ir = Ir::new(self.options.flags.clone());
        let builtins = self.builtins.clone().unwrap_or_default();
        let mut rec = Recorder::start(vm, pc, origin, ir, self.limits(), builtins);
        rec.set_left_loops(self.penalties.left_loops());
        if let Origin::Side { parent, exit } = origin {
            rec.set_stubs(self.stubs());
            rec.set_inherited(vm, self.traces[parent].exit_slot_types(exit));
        }
        self.log.start(self.traces.len() + 1, &rec);
        self.recorder = Some(rec);
        vm.instrument |= INSTRUMENT_RECORD;
    }

    fn stop_recording(&mut self, vm: &mut Vm) -> Option<Recorder> {
        vm.instrument &= !INSTRUMENT_RECORD;
        self.recorder.take()
    }

    /// A recording failed: count a penalty against its start, blacklisting
    /// it after too many.
    fn abort(&mut self, vm: &mut Vm, reason: &str, at_pc: usize) {
        let Some(rec) = self.stop_recording(vm) else { return };
        self.stats.aborted += 1;
        self.log.abort(&rec, reason, neap_vm_running_proto(vm), at_pc);
        if let Origin::Side { parent, exit } = rec.origin {
            if let Some(t) = self.traces.get_mut(parent) {
                let e = exit as usize;
                if reason == INNER_LOOP_IN_SIDE_TRACE && t.side_waits[e] < MAX_SIDE_WAITS {
                    t.side_waits[e] += 1;
                    t.exit_counts[e] = 0;
                } else {
                    t.side_tries[e] += 1;
                }
            }
            return;
        }
        let key = (rec.start_proto as usize, rec.start_pc);
        let left_loop = reason == "leaving loop in root trace" || reason == "inner loop in root trace";
        let verdict = self.penalties.fail(key, left_loop);
        // The start's prototype is live: the recording ran in it.
        let counter = unsafe { &(*rec.start_proto).hot[rec.start_pc] };
        counter.set(match verdict {
            Verdict::Blacklist => HOT_BLACKLISTED,
            Verdict::Retry => self.penalties.restart_count(key, self.hotloop()),
        });
    }

    /// The recording looped back to its start, or reached another trace:
    /// make it a trace.
    fn finish(&mut self, vm: &mut Vm, flow: Flow) {
        let Some(rec) = self.stop_recording(vm) else { return };
        if rec.origin == Origin::Call && flow != Flow::Linked && rec.bytecode.len() < MIN_FUNCTION_TRACE {
            // Entering a trace from the interpreter and coming back costs
            // about as much as interpreting a few dozen instructions: a
            // short function is faster left to the interpreter.
            self.recorder = Some(rec);
            self.abort(vm, "function trace too short", 0);
            return;
        }
        let number = self.traces.len() + 1;
        let link = match flow {
            Flow::Linked => {
                let proto = crate::record::running_proto(vm);
                let pc = vm.th().frames.last().unwrap().pc;
                self.by_start.get(&(proto as usize, pc)).copied()
            }
            _ => None,
        };
        if flow == Flow::Linked && link.is_none() {
            self.recorder = Some(rec);
            self.abort(vm, "link target has no trace", 0);
            return;
        }
        match Trace::build(number as u32, rec, link, self.log.dump) {
            Ok(mut trace) => {
                let idx = self.traces.len();
                trace.root = idx;
                if let Origin::Side { parent, .. } = trace.origin {
                    trace.parent_number = self.traces[parent].number;
                    trace.root = self.traces[parent].root;
                    self.traces[trace.root].side_traces += 1;
                }
                self.stats.completed += 1;
                if std::env::var_os("NEAP_JIT_AARCH64").is_some_and(|v| v == "1") {
                    self.count_aarch64_merges(&mut trace);
                }
                self.log.complete(&trace, link.map(|l| self.traces[l].number));
                match trace.origin {
                    Origin::Loop | Origin::Call => {
                        // The start's prototype is live: the trace keeps it.
                        let counter = unsafe { &(*trace.start_proto).hot[trace.start_pc] };
                        counter.set(HOT_TRACED);
                        self.by_start.insert((trace.start_proto as usize, trace.start_pc), idx);
                    }
                    Origin::Side { parent: parent_index, exit } => {
                        let parent = &mut self.traces[parent_index];
                        parent.side[exit as usize] = Some(idx);
                        link_exit(parent, parent_index, exit, &trace);
                    }
                }
                self.stack_need = self.stack_need.max(trace.max_slot());
                self.traces.push(trace);
            }
            Err((rec, reason)) => {
                let pc = rec.start_pc;
                self.recorder = Some(rec);
                self.abort(vm, &reason, pc);
            }
        }
    }

    /// Runs trace `first` from the running frame, then whatever its exits
    /// lead to (side traces, traces their ends link to: in machine code
    /// where the exit's link slot is set, else here), and rebuilds the
    /// interpreter's state where compiled code stops.
    fn run_trace(&mut self, vm: &mut Vm, first: usize) -> LuaResult<LoopAction> {
        let mut idx = first;
        // The loop instruction the interpreter asked about. While the state
        // is still "about to run it" (nothing ran, or a trace came back
        // failing its entry checks right there), the interpreter must run
        // it itself: resuming would just ask again.
        let hot_pc = self.traces[first].start_pc;
        let hot_frame = frame_identity(vm);
        let mut at_loop_instruction = true;
        let mut failed_entries = 0;
        let stopped = |at_loop_instruction: bool| {
            if at_loop_instruction {
                LoopAction::Interpret
            } else {
                LoopAction::Resume
            }
        };
        loop {
            self.stats.entered += 1;
            // Each entry is a tick: a chain of traces that keep entering
            // each other still comes back to the interpreter's checks.
            vm.heap.ticks -= 1;
            let th = vm.th();
            // The trace's slot 0: the entry frame's function slot, or lower
            // for a trace that returns below its frame.
            let func = th.frames.last().unwrap().func;
            let Some(root) = func.checked_sub(self.traces[idx].base_shift) else {
                return Ok(stopped(at_loop_instruction));
            };
            let reach = (crate::codegen::MAX_FRAME_EXITS + 1) * self.stack_need;
            if !th.ensure(root + reach + neap_vm::thread::EXTRA_STACK) {
                return Ok(stopped(at_loop_instruction));
            }
            // The trace gets the VM, its tick counter and its stack, all as
            // raw pointers from the one `vm_ptr`: no Rust reference to the
            // VM is used while the trace runs.
            let vm_ptr: *mut Vm = vm;
            // Safety: `vm_ptr` is the live VM; the stack holds `reach` slots
            // above `root` (ensured above), enough for this trace and every
            // trace it links to; traces write only slots their snapshots
            // name, and helpers never resize the stack.
            let out = unsafe {
                let ticks = &raw mut (*vm_ptr).heap.ticks;
                // Called with the entry frame's function slot.
                let slots = (*vm_ptr).th().stack.as_mut_ptr().add(func) as *mut u64;
                self.traces[idx].run(slots, ticks, vm_ptr)
            };
            self.stats.linked += out.links;
            // Exits that jumped on and whose frames change: their frames
            // first. Each trace ran with its slot 0 its base shift below
            // the top frame's function slot at its entry.
            for &(t, snap) in &out.frame_exits[..out.frame_exits_len] {
                let t = &self.traces[t as usize];
                let root = vm.th().frames.last().unwrap().func - t.base_shift;
                restore_frames(vm, t, snap, root);
            }
            let root = vm.th().frames.last().unwrap().func - self.traces[out.trace as usize].base_shift;
            // The trace whose exit came back (ids are indices).
            idx = out.trace as usize;
            let exit = out.snap;
            let trace = &mut self.traces[idx];
            if let Some(c) = trace.exit_counts.get_mut(exit as usize) {
                *c += 1;
            }
            let snap0 = &trace.ir.snaps[0];
            let ran_nothing = exit == 0 && snap0.entries.is_empty() && snap0.pc as usize == trace.start_pc;
            if ran_nothing {
                // A check of the trace's first instruction failed: it ran
                // nothing. A side trace may take this case over; otherwise
                // the interpreter must run that instruction itself (entering
                // the trace again would fail the same way).
                at_loop_instruction = frame_identity(vm) == hot_frame && trace.start_pc == hot_pc;
                failed_entries += 1;
                if let Some(side) = trace.side[0] {
                    if failed_entries <= 2 && vm.heap.ticks >= 0 {
                        idx = side;
                        continue;
                    }
                }
                if at_loop_instruction {
                    let params = &self.options.params;
                    let hot = trace.exit_is_hot(0, params.hotexit, params.tryside) && trace.side[0].is_none();
                    let pc = trace.start_pc;
                    if hot
                        && self.tree_has_room(idx)
                        && self.recorder.is_none()
                        && self.traces.len() < self.options.params.maxtrace as usize
                    {
                        self.start_recording(vm, pc, Origin::Side { parent: idx, exit: 0 });
                    }
                    return Ok(LoopAction::Interpret);
                }
                if trace.side[0].is_some() {
                    restore_frames(vm, &self.traces[idx], exit, root);
                    return Ok(LoopAction::Resume);
                }
                // Entered in the middle of running code (a linked exit, a
                // side trace's start): an exit like any other, which may
                // grow its own side trace (but not link to itself).
            }
            at_loop_instruction = false;
            failed_entries = 0;
            restore_frames(vm, trace, exit, root);
            if let Some(side) = trace.side[exit as usize] {
                // Not taken in machine code: the ticks ran out (then the
                // interpreter's checks run first), there was no room to
                // note another exit whose frames change, or the side trace
                // returns below its entry frame (entered from here only).
                if vm.heap.ticks >= 0 {
                    idx = side;
                    continue;
                }
                return Ok(LoopAction::Resume);
            }
            // Where the exit resumes: another trace's start is entered
            // directly, unless the interpreter's periodic checks are due.
            let proto = crate::record::running_proto(vm);
            let pc = vm.th().frames.last().unwrap().pc;
            if let Some(&next) = self.by_start.get(&(proto as usize, pc)).filter(|&&next| !(ran_nothing && next == idx))
            {
                if vm.heap.ticks >= 0 && self.on {
                    // From now on this exit may enter `next` in machine code.
                    link_exit(&self.traces[idx], idx, exit, &self.traces[next]);
                    idx = next;
                    continue;
                }
                return Ok(LoopAction::Resume);
            }
            let trace = &self.traces[idx];
            let params = &self.options.params;
            let hot = trace.exit_is_hot(exit, params.hotexit, params.tryside)
                && trace.exit_counts.len() > 1
                && !trace.ends_at_return(exit)
                && self.tree_has_room(idx);
            if hot && self.on && self.recorder.is_none() && self.traces.len() < self.options.params.maxtrace as usize {
                self.start_recording(vm, pc, Origin::Side { parent: idx, exit });
            }
            return Ok(LoopAction::Resume);
        }
    }

    /// Whether the tree of trace `idx` may grow another side trace
    /// (`maxside`). A tree that grew that many already has the paths that
    /// matter; the rest run in the interpreter (and the loops there get
    /// their own traces).
    fn tree_has_room(&self, idx: usize) -> bool {
        self.traces[self.traces[idx].root].side_traces < self.options.params.maxside
    }

    fn set_on(&mut self, vm: &mut Vm, on: bool) {
        self.on = on;
        vm.hotloop = if on { self.hotloop() } else { HOT_BLACKLISTED };
    }

    fn flush(&mut self, vm: &mut Vm) {
        for t in &self.traces {
            // Traces keep their start prototypes alive.
            unsafe { (*t.start_proto).hot[t.start_pc].set(0) };
        }
        // All traces go at once: no link into freed code is left behind.
        self.traces.clear();
        self.stack_need = 0;
        self.by_start.clear();
        self.penalties.clear();
        if self.recorder.is_some() {
            self.stop_recording(vm);
        }
    }

    /// Number of traces made so far.
    pub fn trace_count(&self) -> usize {
        self.traces.len()
    }

    /// Compiles `trace` for AArch64 too and counts what the store-pair pass
    /// merges in it (the figure issue 6 asks for, over real traces).
    fn count_aarch64_merges(&mut self, trace: &mut Trace) {
        let Ok(code) = crate::backend::compile_for_aarch64(&trace.ir) else { return };
        if self.log.dump {
            trace.aarch64_listing = Some(crate::arm64::listing::listing(&code.code, &code.merges));
        }
        let memory = code
            .original
            .chunks_exact(4)
            .filter(|w| crate::arm64::classify::classify(u32::from_le_bytes([w[0], w[1], w[2], w[3]])).memory)
            .count();
        self.stats.aarch64_traces += 1;
        self.stats.aarch64_memory_ops += memory as u64;
        self.stats.aarch64_merges += code.merges.len() as u64;
    }

    /// One line about the JIT's work: traces completed, recordings aborted,
    /// calls into compiled code from Rust, exits that jumped to another
    /// trace in machine code, and the median time to optimise and compile a
    /// trace.
    pub fn summary(&self) -> String {
        let mut times: Vec<_> = self.traces.iter().map(|t| t.compile_time).collect();
        times.sort();
        let median = times.get(times.len() / 2).map_or(0.0, |d| d.as_secs_f64() * 1e6);
        let mut line = format!(
            "jit: {} traces completed, {} recordings aborted, {} trace entries from Rust, \
             {} trace-to-trace jumps in machine code, median compile time {:.0} us",
            self.stats.completed, self.stats.aborted, self.stats.entered, self.stats.linked, median
        );
        let st = &self.stats;
        if st.aarch64_traces > 0 {
            line.push_str(&format!(
                "; aarch64: {} traces, {} loads/stores, {} merged into {} pairs",
                st.aarch64_traces,
                st.aarch64_memory_ops,
                2 * st.aarch64_merges,
                st.aarch64_merges
            ));
        }
        line
    }
}

impl Drop for Engine {
    /// `NEAP_JIT_STATS=1` prints [`Engine::summary`] on stderr when the
    /// state closes (the benchmark harness reads it).
    fn drop(&mut self) {
        match std::env::var("NEAP_JIT_STATS").as_deref() {
            Ok("1") => eprintln!("{}", self.summary()),
            Ok("exits") => eprintln!("{}\n{}", self.summary(), self.exit_report()),
            _ => {}
        }
    }
}

impl Engine {
    /// `NEAP_JIT_STATS=exits`: for each trace, the exits that came back to
    /// Rust more than 1,000 times (most first) as `#exit count pc`, with
    /// `+side` where the exit has a side trace. Exits without one are where
    /// compiled code keeps handing work back to the interpreter.
    fn exit_report(&self) -> String {
        let mut out = String::new();
        for t in &self.traces {
            let mut exits: Vec<_> = t.exit_counts.iter().enumerate().filter(|&(_, &c)| c > 1000).collect();
            exits.sort_by_key(|&(_, &c)| std::cmp::Reverse(c));
            if exits.is_empty() {
                continue;
            }
            out.push_str(&format!("trace {}:", t.number));
            for (i, c) in exits {
                let side = if t.side[i].is_some() { " +side" } else { "" };
                out.push_str(&format!(" #{i} {c}x @{}{side};", t.ir.snaps[i].pc));
            }
            out.push('\n');
        }
        out
    }
}

/// Makes exit `exit` of `from` continue in `to`'s machine code, where that
/// is what the exit handler would do next: `to` starts where the exit
/// resumes (the exit calls it with that frame's function slot). A trace
/// that returns below its entry frame is jumped to only while the
/// interpreter's frames are current (`backend::LINK_NEEDS_FRAMES`). The
/// jump takes a tick unless `to` is the side trace grown at this exit
/// (`backend::LINK_TAKES_TICK`); `from` is trace `from_index`.
fn link_exit(from: &Trace, from_index: usize, exit: u32, to: &Trace) {
    let takes_tick = to.origin != (Origin::Side { parent: from_index, exit });
    // Traces are only ever dropped all together (`flush`, drop), so the
    // link never dangles.
    unsafe { from.code.link(exit as usize, Some(&to.code), takes_tick) };
}

/// Which activation runs on top: frame count, function slot and prototype.
fn frame_identity(vm: &mut Vm) -> (usize, usize, *const Proto) {
    let proto = crate::record::running_proto(vm);
    let frames = &vm.th().frames;
    (frames.len(), frames.last().map_or(0, |f| f.func), proto)
}

fn neap_vm_running_proto(vm: &Vm) -> *const Proto {
    crate::record::running_proto(vm)
}

/// Rebuilds the interpreter frames snapshot `exit` of `trace` describes
/// (the trace's code already wrote the snapshot's slot values).
fn restore_frames(vm: &mut Vm, trace: &Trace, exit: u32, root: usize) {
    let snap = &trace.ir.snaps[exit as usize];
    // Frames the trace returned from (the trace checked they may go: no
    // open upvalues, above the dispatch loop's floor).
    let level = root + snap.base as usize;
    let frames = &mut vm.th().frames;
    while frames.last().is_some_and(|f| f.func > level) {
        frames.pop();
    }
    // Inlined frames, outermost first: (function slot, caller's return pc),
    // from each frame's link entry.
    let mut links = snap
        .entries
        .iter()
        .filter(|e| e.frame)
        .filter_map(|e| trace.ir.int_of(e.val).map(|pc| (e.slot as usize - 1, pc as usize)))
        .peekable();
    // Each frame resumes where its inner frame returns to; the innermost
    // at the snapshot's pc.
    let outer_pc = links.peek().map_or(snap.pc as usize, |l| l.1);
    vm.th().frames.last_mut().unwrap().pc = outer_pc;
    while let Some((fslot, return_pc)) = links.next() {
        let pc = links.peek().map_or(snap.pc as usize, |l| l.1);
        let caller = *vm.th().frames.last().unwrap();
        let nres = call_results(vm, &caller, return_pc);
        let func = root + fslot;
        vm.th().frames.push(Frame {
            func,
            base: func + 2,
            ret: func,
            nres,
            pc,
            nvarargs: 0,
            kind: FrameKind::Lua,
            via_pcall: false,
        });
    }
}

/// The results the call before `return_pc` in `caller`'s code wants.
fn call_results(vm: &Vm, caller: &Frame, return_pc: usize) -> i32 {
    let f = vm.th().stack[caller.func].as_function_ptr().unwrap();
    // The caller's function is live (it sits in its frame's slot).
    match unsafe { &(*f).kind } {
        FunctionKind::Lua { proto, .. } => unsafe { (&(**proto).code)[return_pc - 1].b() as i32 - 1 },
        _ => -1,
    }
}

impl Tier for Engine {
    fn hot_loop(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<LoopAction> {
        let proto = crate::record::running_proto(vm);
        if let Some(&idx) = self.by_start.get(&(proto as usize, pc)) {
            if self.on {
                return self.run_trace(vm, idx);
            }
            return Ok(LoopAction::Interpret);
        }
        // Prototypes of running frames are live.
        let counter = unsafe { &(*proto).hot[pc] };
        if !self.on || self.recorder.is_some() || self.disabled.contains(&(proto as usize)) {
            counter.set(if self.disabled.contains(&(proto as usize)) { HOT_BLACKLISTED } else { 0 });
            return Ok(LoopAction::Interpret);
        }
        if self.traces.len() >= self.options.params.maxtrace as usize {
            counter.set(0);
            return Ok(LoopAction::Interpret);
        }
        counter.set(0);
        if self.penalties.waiting((proto as usize, pc), self.hotloop() as u32) {
            return Ok(LoopAction::Interpret);
        }
        // pc 0 is a function's FUNCF: a hot call, not a loop.
        self.start_recording(vm, pc, if pc == 0 { Origin::Call } else { Origin::Loop });
        Ok(LoopAction::Interpret)
    }

    fn record(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<()> {
        let Some(rec) = self.recorder.as_mut() else {
            vm.instrument &= !INSTRUMENT_RECORD;
            return Ok(());
        };
        match rec.step(vm, pc) {
            Ok(Flow::Continue) => {}
            Ok(flow @ (Flow::Looped | Flow::Linked | Flow::Returned)) => self.finish(vm, flow),
            Err(abort) => self.abort(vm, &abort.0, pc),
        }
        Ok(())
    }

    fn control(&mut self, vm: &mut Vm, ctl: Control) -> LuaResult<()> {
        match ctl {
            Control::On => self.set_on(vm, true),
            Control::Off => self.set_on(vm, false),
            Control::Flush => self.flush(vm),
            Control::Verbose => self.log.verbose = true,
            Control::Dump => self.log.dump = true,
            Control::Func { proto, on, recursive } => {
                let mut protos = vec![proto];
                while let Some(p) = protos.pop() {
                    if on {
                        self.disabled.remove(&(p as usize));
                    } else {
                        self.disabled.insert(p as usize);
                    }
                    if recursive {
                        // Child prototypes are kept alive by their parent.
                        for k in unsafe { (*p).kgc.iter() } {
                            if let neap_vm::func::Kgc::Proto(c) = k {
                                protos.push(*c);
                            }
                        }
                    }
                }
            }
            Control::Opt(args) => {
                for a in &args {
                    if let Err(msg) = self.options.apply(a) {
                        return Err(vm.error_str(&msg));
                    }
                }
                if self.on {
                    vm.hotloop = self.hotloop();
                }
            }
        }
        Ok(())
    }

    fn is_on(&self) -> bool {
        self.on
    }

    fn flags(&self) -> Vec<String> {
        let mut names: Vec<String> = cpu_flags().into_iter().map(String::from).collect();
        names.extend(self.options.flag_names().into_iter().map(String::from));
        names
    }

    fn gc_roots(&self) -> Vec<*mut GcHeader> {
        let mut roots = Vec::new();
        for t in &self.traces {
            t.gc_roots(&mut roots);
        }
        if let Some(r) = &self.recorder {
            roots.push(r.start_proto as *mut GcHeader);
            for (p, _, _) in &r.bytecode {
                roots.push(*p as *mut GcHeader);
            }
            crate::trace::ir_gc_roots(&r.ir, &mut roots);
        }
        roots
    }
}

/// The CPU features LuaJIT's `jit.status()` names on this machine.
fn cpu_flags() -> Vec<&'static str> {
    #[allow(unused_mut)]
    let mut v = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("sse3") {
            v.push("SSE3");
        }
        if std::arch::is_x86_feature_detected!("sse4.1") {
            v.push("SSE4.1");
        }
        if std::arch::is_x86_feature_detected!("bmi2") {
            v.push("BMI2");
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// The engine as the VM's tier, shared with the test so it can read the
    /// statistics afterwards.
    struct Shared(Rc<RefCell<Engine>>);

    impl Tier for Shared {
        fn hot_loop(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<LoopAction> {
            self.0.borrow_mut().hot_loop(vm, pc)
        }
        fn record(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<()> {
            self.0.borrow_mut().record(vm, pc)
        }
        fn control(&mut self, vm: &mut Vm, ctl: Control) -> LuaResult<()> {
            self.0.borrow_mut().control(vm, ctl)
        }
        fn is_on(&self) -> bool {
            self.0.borrow().is_on()
        }
        fn flags(&self) -> Vec<String> {
            self.0.borrow().flags()
        }
        fn gc_roots(&self) -> Vec<*mut GcHeader> {
            self.0.borrow().gc_roots()
        }
    }

    /// Runs `src` with the JIT; returns its first result and the engine's
    /// statistics.
    fn run(src: &str) -> (f64, Stats) {
        let (out, engine) = run_engine(src);
        let stats = engine.borrow().stats;
        (out, stats)
    }

    /// Runs `src` with the JIT; returns its first result and the engine.
    fn run_engine(src: &str) -> (f64, Rc<RefCell<Engine>>) {
        let mut vm = Vm::new();
        let mut engine = Engine::new(JitConfig::default());
        engine.builtins = Some(Rc::new(Builtins::find(&mut vm)));
        vm.hotloop = engine.hotloop();
        let engine = Rc::new(RefCell::new(engine));
        vm.tier = Some(Box::new(Shared(engine.clone())));
        let f = vm.load(src.as_bytes(), b"=test").unwrap_or_else(|e| panic!("{e:?}"));
        let out = vm.call(f, &[]).unwrap_or_else(|e| panic!("{e:?}"));
        vm.tier = None;
        (out[0].as_number().unwrap(), engine)
    }

    /// A `while` loop that ends after one iteration each time it runs:
    /// every recording of it starts on its last iteration, and closes the
    /// loop on the comparison's other outcome instead of failing.
    #[test]
    fn a_loop_recorded_on_its_last_iteration_still_becomes_a_loop_trace() {
        let (s, engine) = run_engine(
            "
            local s = 0
            for i = 1, 3000 do
                local lo, hi = 0, 1
                while lo < hi do lo = lo + 1; s = s + i end
            end
            return s",
        );
        assert_eq!(s, 4501500.0);
        let e = engine.borrow();
        // Prototypes of traces are live while the engine holds them.
        let while_loops = e.traces.iter().filter(|t| {
            t.origin == Origin::Loop
                && t.link.is_none()
                && unsafe { (*t.start_proto).code[t.start_pc].op() } == neap_vm::bytecode::Op::LOOP
        });
        assert_eq!(while_loops.count(), 1, "{:?}", e.stats);
    }

    /// The corpus program's side exits wait (`hotexit=100`) until the outer
    /// loops have root traces that only lead on to the inner loop's trace.
    /// Its side traces from the inner loops' ends go round the outer loops
    /// through those traces' starts, and link to the inner loops' traces.
    #[test]
    fn a_side_trace_goes_through_a_root_trace_that_only_leads_on() {
        let program = include_str!("../../tests/corpus/jit/side_trace_through_stub.lua");
        let (s, engine) = run_engine(&format!("{program}\nreturn s"));
        assert_eq!(s, 36000.0);
        let e = engine.borrow();
        let is_loop = |i: usize| e.traces[i].origin == Origin::Loop && e.traces[i].link.is_none();
        let sides_to_loop =
            e.traces.iter().filter(|t| matches!(t.origin, Origin::Side { .. }) && t.link.is_some_and(is_loop));
        assert_eq!(e.stubs().len(), 3, "{:?}", e.stats);
        // (Without going through: none; every side trace links to a stub.)
        assert_eq!(sides_to_loop.count(), 2, "{:?}", e.stats);
    }

    /// A loop whose body branches every other iteration: a root trace, a
    /// side trace for the other branch that links back to the root's start.
    const BRANCHY: &str = "
        local s = 0
        for i = 1, 200000 do
            if i % 2 == 0 then s = s + 3 else s = s + 1 end
        end
        return s";

    #[test]
    fn side_exits_and_links_run_in_machine_code() {
        let (s, stats) = run(BRANCHY);
        assert_eq!(s, 400000.0);
        assert!(stats.completed >= 2, "{stats:?}");
        // Without links every side exit (100000) and every return of the
        // side trace to the root would go through Rust; with them only the
        // tick countdown (one return per 1000 ticks) and the first
        // transitions do.
        assert!(stats.linked > 100_000, "{stats:?}");
        assert!(stats.entered < 2_000, "{stats:?}");
    }

    #[test]
    fn side_traces_load_the_slots_their_parent_exit_wrote_unchecked() {
        let (s, engine) = run_engine(BRANCHY);
        assert_eq!(s, 400000.0);
        let engine = engine.borrow();
        let side = engine.traces.iter().find(|t| matches!(t.origin, Origin::Side { .. })).expect("a side trace");
        // The side trace reads `s` (slot 2) and the loop index (slot 5),
        // both numbers the parent's exit stored: no type check for them.
        let Origin::Side { parent, exit } = side.origin else { unreachable!() };
        let types = engine.traces[parent].exit_slot_types(exit);
        assert_eq!(types.get(2), Some(&Some(crate::ir::IrType::Num)), "{types:?}");
        let loads: Vec<_> = side
            .ir
            .ins_refs()
            .map(|r| *side.ir.get(r))
            .filter(|ins| ins.op == crate::ir::Op::SLOAD && ins.op1 != 0)
            .collect();
        assert!(!loads.is_empty(), "{}", side.ir.dump());
        for ins in loads {
            assert_eq!(ins.op2 & crate::ir::ops::SLOAD_TYPECHECK, 0, "{}", side.ir.dump());
            assert_ne!(ins.op2 & crate::ir::ops::SLOAD_INHERIT, 0);
        }
    }

    #[test]
    fn side_traces_returning_below_their_frame_are_jumped_to() {
        // The heapsort benchmark on 20,000 numbers: `sift`'s loop trace
        // exits at each `break`, and the side traces from there return into
        // the sorting loops (below their entry frame). Exits jump to them
        // in machine code: about one entry from Rust per call of `sift`
        // (30,000), where going through Rust at those exits made 86,000.
        let heapsort = include_str!("../../benches/programs/heapsort.lua");
        let (s, stats) = run(&format!("arg = {{ '20000' }}\n{heapsort}\nreturn 1"));
        assert_eq!(s, 1.0);
        assert!(stats.entered < 45_000, "{stats:?}");
    }

    #[test]
    fn exits_with_inlined_frames_jump_on_in_the_inner_frame() {
        // The main loop's trace inlines `f` and ends at the start of f's
        // loop trace, inside f's frame; that trace inlines `g` and ends in
        // g's loop trace, inside g's frame. Both jumps stay in machine
        // code (the Rust side rebuilds the frames afterwards); g's loop
        // ending still returns to Rust, once per call of g's trace.
        let (s, stats) = run("
            local function g(x) local s = 0 for j = 1, 3 do s = s + x * j end return s end
            local function f(x)
                local s = 0
                for j = 1, 3 do if j > 1 then s = s + g(x + j) end end
                return s
            end
            local t = 0
            for i = 1, 20000 do t = t + f(i) end
            return t");
        assert_eq!(s, 2400720000.0);
        assert!(stats.completed >= 3, "{stats:?}");
        // Going through Rust at each of these exits takes 6 entries per
        // iteration; jumping in machine code 3.
        assert!(stats.linked > 50_000, "{stats:?}");
        assert!(stats.entered < 70_000, "{stats:?}");
    }

    #[test]
    fn flushing_drops_linked_traces_together() {
        let (s, stats) = run("
            local s = 0
            for round = 1, 3 do
                for i = 1, 20000 do
                    if i % 2 == 0 then s = s + 3 else s = s + 1 end
                end
                jit.flush()
            end
            return s");
        assert_eq!(s, 120000.0);
        assert!(stats.linked > 0, "{stats:?}");
    }

    #[test]
    fn a_side_trace_whose_first_check_fails_grows_its_own_side_trace() {
        // The side trace for `t[i]` being absent is recorded while the
        // entries are nil; once they are false its first check fails. That
        // exit must grow its own side trace (it used to go back to the
        // interpreter every time).
        let (s, stats) = run("
            local t, s = {}, 0
            for i = 1, 100 do if i % 10 ~= 0 then t[i] = true end end
            for round = 1, 2000 do
                if round == 100 then for i = 10, 100, 10 do t[i] = false end end
                for i = 1, 100 do
                    if t[i] then s = s + 1 end
                end
            end
            return s");
        assert_eq!(s, 180000.0);
        // 19,000 exits from round 100 on, each through Rust without it.
        assert!(stats.entered < 5_000, "{stats:?}");
    }

    #[test]
    fn a_side_trace_goes_round_the_loop_it_started_in() {
        // The inner loop's trace exits at `break`; the side trace from there
        // goes on through the outer loop's step and back into the inner
        // loop's trace, in machine code (before, it aborted at the outer
        // loop and every break went through Rust).
        let (s, stats) = run("
            local n = 0
            for x = 1, 20000 do
                for k = 1, 50 do
                    if k * k > x % 97 then n = n + k break end
                end
            end
            return n");
        assert_eq!(s, 141174.0);
        assert!(stats.entered < 2_000, "{stats:?}");
        assert!(stats.linked > 20_000, "{stats:?}");
    }

    #[test]
    fn maxside_bounds_a_trace_tree() {
        // Every residue takes its own path: without a bound the tree would
        // grow a side trace per path.
        let src = |maxside: u32| {
            format!(
                "jit.opt.start('maxside={maxside}')
                local s = 0
                for i = 1, 100000 do
                    local r = i % 8
                    if r == 0 then s = s + 1 elseif r == 1 then s = s + 2
                    elseif r == 2 then s = s + 3 elseif r == 3 then s = s + 4
                    elseif r == 4 then s = s + 5 elseif r == 5 then s = s + 6
                    elseif r == 6 then s = s + 7 else s = s + 8 end
                end
                return s"
            )
        };
        let (s, wide) = run(&src(100));
        assert_eq!(s, 450000.0);
        let (s, narrow) = run(&src(2));
        assert_eq!(s, 450000.0);
        assert_eq!(narrow.completed, 3, "{narrow:?}");
        assert!(wide.completed > 3, "{wide:?}");
    }
    #[test]
    fn side_traces_wait_for_inner_loops_to_get_traces() {
        // The copy loop's exit leads through `while first ~= 1` into the
        // swap loop, which has no trace at first: the side trace attempts
        // stop there, and wait (rather than use up their tries) until the
        // swap loop has a trace to link to.
        let (s, stats) = run("
            local perm, work, total = {1, 2, 3, 4, 5, 6}, {}, 0
            for round = 1, 20000 do
                for i = 1, 6 do work[i] = perm[(i + round) % 6 + 1] end
                local first = work[1]
                while first ~= 1 do
                    local lo, hi = 1, first
                    while lo < hi do
                        work[lo], work[hi] = work[hi], work[lo]
                        lo, hi = lo + 1, hi - 1
                    end
                    total = total + 1
                    first = work[1]
                end
            end
            return total");
        assert_eq!(s, 39999.0);
        assert!(stats.entered < 2_000, "{stats:?}");
    }
    #[test]
    fn hot_functions_get_traces_from_their_entry() {
        // `driver`'s loop stays interpreted (jit.off), so `body` is only
        // ever called from the interpreter: its entry gets hot and a trace
        // starting there runs each later call up to its return. A short
        // function gets none (its recordings are dropped as too short).
        let body: String = (0..60).map(|k| format!("a = a * 0.5 + {k}\n")).collect();
        let (s, stats) = run(&format!(
            "local function body(x) local a = x\n{body} return a end
            local function short(x) return x + 1 end
            local function driver()
                local s = 0
                for i = 1, 1000 do s = s + body(i) + short(i) end
                return s
            end
            jit.off(driver)
            return math.floor(driver())"
        ));
        assert_eq!(s, 617500.0);
        assert_eq!(stats.completed, 1, "{stats:?}");
        assert!(stats.entered > 900, "{stats:?}");
    }
}

//! The JIT engine: the VM's [`Tier`]. It starts recordings when loops get
//! hot, turns finished recordings into traces (optimise, compile), enters
//! traces from the interpreter, and rebuilds the interpreter's state from a
//! snapshot when a trace exits.

use crate::ir::Ir;
use crate::params::JitOptions;
use crate::record::{Builtins, Flow, Limits, Origin, Recorder};
use crate::trace::{Trace, TraceLog};
use neap_vm::error::LuaResult;
use neap_vm::func::{FunctionKind, Proto};
use neap_vm::gc::GcHeader;
use neap_vm::thread::{Frame, FrameKind};
use neap_vm::tier::{Control, LoopAction, Tier, HOT_BLACKLISTED, HOT_TRACED, INSTRUMENT_RECORD};
use neap_vm::Vm;
use std::collections::HashMap;
use std::rc::Rc;

/// Aborted recordings at one start point before it is blacklisted.
const MAX_PENALTY: u8 = 5;

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
    by_start: HashMap<(usize, usize), usize>,
    recorder: Option<Recorder>,
    /// Aborted recordings per start point.
    penalties: HashMap<(usize, usize), u8>,
    /// Prototypes the script turned the JIT off for (`jit.off(f)`).
    disabled: std::collections::HashSet<usize>,
    builtins: Option<Rc<Builtins>>,
    log: TraceLog,
    /// Traces completed and recordings aborted (for tests and the bench harness).
    pub stats: Stats,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub completed: u32,
    pub aborted: u32,
    pub entered: u64,
}

impl Engine {
    pub fn new(config: JitConfig) -> Engine {
        Engine {
            on: !config.off,
            options: config.options,
            traces: Vec::new(),
            by_start: HashMap::new(),
            recorder: None,
            penalties: HashMap::new(),
            disabled: Default::default(),
            builtins: None,
            log: config.log,
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
        }
    }

    fn start_recording(&mut self, vm: &mut Vm, pc: usize, origin: Origin) {
        let ir = Ir::new(self.options.flags.clone());
        let builtins = self.builtins.clone().unwrap_or_default();
        let rec = Recorder::start(vm, pc, origin, ir, self.limits(), builtins);
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
                t.side_tries[exit as usize] += 1;
            }
            return;
        }
        let key = (rec.start_proto as usize, rec.start_pc);
        let n = self.penalties.entry(key).or_insert(0);
        *n += 1;
        // The start's prototype is live: the recording ran in it.
        let counter = unsafe { &(*rec.start_proto).hot[rec.start_pc] };
        counter.set(if *n >= MAX_PENALTY { HOT_BLACKLISTED } else { 0 });
    }

    /// The recording looped back to its start, or reached another trace:
    /// make it a trace.
    fn finish(&mut self, vm: &mut Vm, flow: Flow) {
        let Some(rec) = self.stop_recording(vm) else { return };
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
        match Trace::build(number as u32, rec, link) {
            Ok(mut trace) => {
                if let Origin::Side { parent, .. } = trace.origin {
                    trace.parent_number = self.traces[parent].number;
                }
                self.stats.completed += 1;
                self.log.complete(&trace, link.map(|l| self.traces[l].number));
                let idx = self.traces.len();
                match trace.origin {
                    Origin::Loop => {
                        // The start's prototype is live: the trace keeps it.
                        let counter = unsafe { &(*trace.start_proto).hot[trace.start_pc] };
                        counter.set(HOT_TRACED);
                        self.by_start.insert((trace.start_proto as usize, trace.start_pc), idx);
                    }
                    Origin::Side { parent, exit } => self.traces[parent].side[exit as usize] = Some(idx),
                }
                self.traces.push(trace);
            }
            Err((rec, reason)) => {
                let pc = rec.start_pc;
                self.recorder = Some(rec);
                self.abort(vm, &reason, pc);
            }
        }
    }

    /// Runs trace `idx` from the running frame, then whatever its exits
    /// lead to directly (side traces, traces their ends link to), and
    /// rebuilds the interpreter's state where compiled code stops.
    fn run_trace(&mut self, vm: &mut Vm, first: usize) -> LuaResult<LoopAction> {
        let mut idx = first;
        loop {
            self.stats.entered += 1;
            // Each entry is a tick: a chain of traces that keep entering
            // each other still comes back to the interpreter's checks.
            vm.heap.ticks -= 1;
            let trace = &mut self.traces[idx];
            let th = vm.th();
            let root = th.frames.last().unwrap().func;
            if !th.ensure(root + trace.max_slot() + neap_vm::thread::EXTRA_STACK) {
                return Ok(LoopAction::Interpret);
            }
            let ticks = &mut vm.heap.ticks as *mut i32;
            // The stack holds the trace's slots (ensured above); the trace
            // writes only slots its snapshots name.
            let exit = unsafe { trace.run(th.stack.as_mut_ptr().add(root) as *mut u64, ticks) };
            let snap0 = &trace.ir.snaps[0];
            if trace.origin == Origin::Loop && exit == 0 && snap0.entries.is_empty() && snap0.pc as usize == trace.start_pc
            {
                // A check of the loop instruction itself failed: nothing
                // ran, so the interpreter must run that instruction itself
                // (entering the trace again would fail the same way).
                if idx == first {
                    return Ok(LoopAction::Interpret);
                }
                restore_frames(vm, trace, exit, root);
                return Ok(LoopAction::Resume);
            }
            restore_frames(vm, trace, exit, root);
            if let Some(side) = trace.side[exit as usize] {
                idx = side;
                continue;
            }
            // Where the exit resumes: another trace's start is entered
            // directly, unless the interpreter's periodic checks are due.
            let proto = crate::record::running_proto(vm);
            let pc = vm.th().frames.last().unwrap().pc;
            if let Some(&next) = self.by_start.get(&(proto as usize, pc)) {
                if vm.heap.ticks >= 0 && self.on {
                    idx = next;
                    continue;
                }
                return Ok(LoopAction::Resume);
            }
            let trace = &self.traces[idx];
            let hot = trace.exit_counts[exit as usize] >= self.options.params.hotexit
                && trace.side_tries[exit as usize] < self.options.params.tryside
                && trace.exit_counts.len() > 1;
            if hot && self.on && self.recorder.is_none() && self.traces.len() < self.options.params.maxtrace as usize
            {
                self.start_recording(vm, pc, Origin::Side { parent: idx, exit });
            }
            return Ok(LoopAction::Resume);
        }
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
        self.traces.clear();
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
}

fn neap_vm_running_proto(vm: &Vm) -> *const Proto {
    crate::record::running_proto(vm)
}

/// Rebuilds the interpreter frames snapshot `exit` of `trace` describes
/// (the trace's code already wrote the snapshot's slot values).
fn restore_frames(vm: &mut Vm, trace: &Trace, exit: u32, root: usize) {
    let snap = &trace.ir.snaps[exit as usize];
    // Inlined frames, outermost first: (function slot, caller's return pc),
    // from each frame's link entry.
    let links: Vec<(usize, usize)> = snap
        .entries
        .iter()
        .filter(|e| e.frame)
        .filter_map(|e| trace.ir.int_of(e.val).map(|pc| (e.slot as usize - 1, pc as usize)))
        .collect();
    // Each frame resumes where its inner frame returns to; the innermost
    // at the snapshot's pc.
    let mut pcs: Vec<usize> = links.iter().map(|l| l.1).collect();
    pcs.push(snap.pc as usize);
    vm.th().frames.last_mut().unwrap().pc = pcs[0];
    for (i, &(fslot, return_pc)) in links.iter().enumerate() {
        let caller = *vm.th().frames.last().unwrap();
        let nres = call_results(vm, &caller, return_pc);
        let func = root + fslot;
        vm.th().frames.push(Frame {
            func,
            base: func + 2,
            ret: func,
            nres,
            pc: pcs[i + 1],
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
        self.start_recording(vm, pc, Origin::Loop);
        Ok(LoopAction::Interpret)
    }

    fn record(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<()> {
        let Some(rec) = self.recorder.as_mut() else {
            vm.instrument &= !INSTRUMENT_RECORD;
            return Ok(());
        };
        match rec.step(vm, pc) {
            Ok(Flow::Continue) => {}
            Ok(flow @ (Flow::Looped | Flow::Linked)) => self.finish(vm, flow),
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
        let f = &self.options.flags;
        [("fold", f.fold), ("cse", f.cse), ("dce", f.dce), ("fwd", f.fwd), ("narrow", f.narrow), ("loop", f.loop_opt)]
            .iter()
            .filter(|(_, on)| *on)
            .map(|(n, _)| n.to_string())
            .collect()
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

//! A finished trace (its optimised IR and machine code) and the trace log
//! behind `-jv` and `-jdump`.

use crate::codegen::Code;
use crate::ir::{Ir, IrType, Op};
use crate::record::{Origin, Recorder};
use neap_vm::bytecode::{Ins as BcIns, JUMP_BIAS};
use neap_vm::func::Proto;
use neap_vm::gc::GcHeader;
use std::io::Write;

/// The type a value of IR type `ty` has once an exit stores it in a stack
/// slot (ints are stored as numbers); None for types no slot holds.
fn stack_type(ty: IrType) -> Option<IrType> {
    match ty {
        IrType::Int | IrType::Num => Some(IrType::Num),
        IrType::Nil
        | IrType::False
        | IrType::True
        | IrType::LightUd
        | IrType::Str
        | IrType::Thread
        | IrType::Func
        | IrType::Tab
        | IrType::Udata => Some(ty),
        _ => None,
    }
}

pub struct Trace {
    /// 1-based, as `-jv` prints it.
    pub number: u32,
    pub start_proto: *mut Proto,
    pub start_pc: usize,
    pub ir: Ir,
    pub code: Code,
    /// The recorded instructions (prototype, pc, inline depth) for `-jdump`.
    pub bytecode: Vec<(*const Proto, usize, usize)>,
    /// How often each exit was taken.
    pub exit_counts: Vec<u32>,
    /// The side trace each exit enters, if any.
    pub side: Vec<Option<usize>>,
    /// Failed attempts at a side trace from each exit.
    pub side_tries: Vec<u32>,
    /// Attempts from each exit that stopped at a loop without a trace yet
    /// (not counted as tries): each doubles the exits awaited before the
    /// next attempt, since that loop may have a trace by then.
    pub side_waits: Vec<u32>,
    pub origin: Origin,
    /// How far the trace's slot 0 lies below the function slot of the
    /// frame it is entered in (non-zero when it returns below that frame,
    /// `record/retf.rs`).
    pub base_shift: usize,
    /// The trace this one continues in when it ends (not a loop).
    pub link: Option<usize>,
    /// For a side trace, its parent's number (for `-jv`).
    pub parent_number: u32,
    /// The root trace of its tree (its own index for a root trace).
    pub root: usize,
    /// For a root trace: the side traces grown in its tree (`maxside`
    /// bounds them).
    pub side_traces: u32,
    /// Time spent optimising and compiling it.
    pub compile_time: std::time::Duration,
    /// With `NEAP_JIT_AARCH64=1` and `-jdump`: the trace compiled for
    /// AArch64 after the store-pair pass, merged pairs marked.
    pub aarch64_listing: Option<String>,
}

impl Trace {
    /// Optimises and compiles a finished recording; on failure hands the
    /// recording back with the reason. The trace's code reports its exits
    /// as `number - 1`, its index in the engine's list; `listing` keeps its
    /// machine code listing for `-jdump`.
    pub fn build(number: u32, rec: Recorder, link: Option<usize>, listing: bool) -> Result<Trace, (Recorder, String)> {
        let started = std::time::Instant::now();
        let mut src = rec.ir.clone();
        // Only a trace that loops back to its own start is a loop.
        src.opts.loop_opt &= link.is_none() && rec.origin == Origin::Loop;
        let mut ir = match crate::opt::optimize(&src) {
            Ok(ir) => ir,
            Err(e) => return Err((rec, e.to_string())),
        };
        if miscompile_requested(number) {
            seed_miscompile(&mut ir);
        }
        let code = match crate::codegen::compile(&ir, number - 1, rec.shift, listing) {
            Ok(c) => c,
            Err(e) => return Err((rec, e)),
        };
        let exit_counts = vec![0; ir.snaps.len()];
        Ok(Trace {
            side: vec![None; ir.snaps.len()],
            side_tries: vec![0; ir.snaps.len()],
            side_waits: vec![0; ir.snaps.len()],
            origin: rec.origin,
            base_shift: rec.shift,
            link,
            parent_number: 0,
            root: 0,
            side_traces: 0,
            compile_time: started.elapsed(),
            aarch64_listing: None,
            number,
            start_proto: rec.start_proto as *mut Proto,
            start_pc: rec.start_pc,
            ir,
            code,
            bytecode: rec.bytecode,
            exit_counts,
        })
    }

    /// Whether `exit` is where the trace stops at a return (its last
    /// snapshot, of a side or function-entry trace without a link): the
    /// interpreter returns there, so it is no place to grow a side trace
    /// from.
    pub fn ends_at_return(&self, exit: u32) -> bool {
        self.link.is_none() && self.origin != Origin::Loop && exit as usize + 1 == self.ir.snaps.len()
    }

    /// Whether exit `exit` has been taken often enough for a side trace
    /// attempt, and has attempts left (`hotexit`, `tryside`).
    pub fn exit_is_hot(&self, exit: u32, hotexit: u32, tryside: u32) -> bool {
        let e = exit as usize;
        self.exit_counts[e] >= hotexit.saturating_mul(1 << self.side_waits[e]) && self.side_tries[e] < tryside
    }

    /// The type of each stack slot that exit `exit` is known to leave,
    /// numbered as a side trace started there numbers them (its slot 0 is
    /// the function slot of the frame the exit resumes in, as the exit's
    /// link passes it): the slots the exit's snapshot writes, and the slots
    /// it leaves unchanged whose type a load checked before the exit's
    /// first guard. Such a side trace loads these slots without checking
    /// their type again (LuaJIT's side traces inherit their parent's types
    /// the same way).
    pub fn exit_slot_types(&self, exit: u32) -> Vec<Option<IrType>> {
        use crate::ir::ops::{SLOAD_INHERIT, SLOAD_TYPECHECK};
        let ir = &self.ir;
        let snap = &ir.snaps[exit as usize];
        let resume = ir.resume_slot(exit as usize);
        let mut types = vec![None; (snap.nslots.max(resume) - resume) as usize];
        for r in ir.chain_iter(Op::SLOAD, crate::ir::Ref::BASE) {
            let ins = ir.get(r);
            let checked = ins.op2 & (SLOAD_TYPECHECK | SLOAD_INHERIT) != 0;
            if r < snap.at && checked && ins.op1 >= resume && snap.get(ins.op1).is_none() {
                if let Some(t) = types.get_mut((ins.op1 - resume) as usize) {
                    *t = stack_type(ins.ty);
                }
            }
        }
        for e in snap.entries.iter().filter(|e| !e.frame && e.slot >= resume) {
            if let Some(t) = types.get_mut((e.slot - resume) as usize) {
                *t = stack_type(ir.get(e.val).ty);
            }
        }
        types
    }

    /// Highest slot any snapshot writes, plus one.
    pub fn max_slot(&self) -> usize {
        self.ir.snaps.iter().map(|s| s.nslots as usize).max().unwrap_or(0) + 2
    }

    /// Runs the trace on the stack slots at `slots`, and the traces its
    /// linked exits continue in; returns the exit that came back.
    ///
    /// # Safety
    /// `slots` points at the trace frame's function slot, with at least
    /// [`Trace::max_slot`] slots after it for this trace and every trace
    /// reachable through links; `ticks` at the VM's tick counter; `vm` at
    /// the VM whose stack holds the slots (the allocating helpers use it;
    /// they never resize the stack).
    pub unsafe fn run(&self, slots: *mut u64, ticks: *mut i32, vm: *mut neap_vm::Vm) -> crate::codegen::Exit {
        self.code.run(slots, ticks, vm)
    }

    pub fn gc_roots(&self, roots: &mut Vec<*mut GcHeader>) {
        roots.push(self.start_proto as *mut GcHeader);
        for (p, _, _) in &self.bytecode {
            roots.push(*p as *mut GcHeader);
        }
        ir_gc_roots(&self.ir, roots);
    }
}

/// Test-only: `NEAP_TEST_MISCOMPILE_TRACE=N` makes trace N compute wrong
/// numbers on purpose, so the tests of `-jbisect` can check that it names
/// the trace at fault. Nothing else reads this variable.
fn miscompile_requested(number: u32) -> bool {
    std::env::var("NEAP_TEST_MISCOMPILE_TRACE").is_ok_and(|v| v.trim() == number.to_string())
}

/// Turns the trace's first number addition into a subtraction.
fn seed_miscompile(ir: &mut Ir) {
    let refs: Vec<_> = ir.ins_refs().collect();
    if let Some(r) = refs.into_iter().find(|&r| ir.get(r).op == crate::ir::Op::ADD && ir.get(r).ty == IrType::Num) {
        ir.get_mut(r).op = crate::ir::Op::SUB;
    }
}

/// The GC objects an IR names as constants.
pub fn ir_gc_roots(ir: &Ir, roots: &mut Vec<*mut GcHeader>) {
    for c in ir.gc_consts() {
        if c.addr != 0 && c.ty != IrType::P64 {
            roots.push(c.addr as *mut GcHeader);
        }
    }
}

/// Where the JIT reports what it does: `-jv` (one line per trace started,
/// completed or aborted) and `-jdump` (bytecode, IR, machine code).
#[derive(Clone, Debug, Default)]
pub struct TraceLog {
    pub verbose: bool,
    pub dump: bool,
}

/// `file:line` of `pc` in `p`, as LuaJIT's `-jv` prints positions.
fn position(p: *const Proto, pc: usize) -> String {
    if p.is_null() {
        return "?".into();
    }
    // Prototypes named by a recording or trace are live.
    let p = unsafe { &*p };
    let src = neap_vm::chunkname::short_src(p.chunkname_bytes());
    let line = p.lines.get(pc).copied().unwrap_or(p.first_line);
    format!("{}:{}", String::from_utf8_lossy(&src), line)
}

/// One bytecode instruction as `-jdump` lists it.
fn format_bytecode(p: *const Proto, pc: usize, depth: usize) -> String {
    // Prototypes named by a recording are live.
    let ins: BcIns = unsafe { (&(*p).code)[pc] };
    let op = ins.op();
    let mut s = format!("{:04} {}{:<6}", pc, ". ".repeat(depth), op.name());
    let modes = op.modes();
    let a = ins.a();
    if modes.0 != neap_vm::bytecode::Mode::None {
        s.push_str(&format!(" {a:3}"));
    }
    if modes.2 == neap_vm::bytecode::Mode::Jump {
        let target = pc as i64 + 1 + ins.d() as i64 - JUMP_BIAS as i64;
        s.push_str(&format!(" => {target:04}"));
    } else if modes.1 != neap_vm::bytecode::Mode::None {
        s.push_str(&format!(" {:3} {:3}", ins.b(), ins.c()));
    } else if modes.2 != neap_vm::bytecode::Mode::None {
        s.push_str(&format!(" {:3}", ins.d()));
    }
    s
}

impl TraceLog {
    fn out(&self, text: &str) {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(text.as_bytes());
    }

    pub fn start(&self, number: usize, rec: &Recorder) {
        if self.dump {
            self.out(&format!("---- TRACE {} start {}\n", number, position(rec.start_proto, rec.start_pc)));
        }
    }

    pub fn complete(&self, t: &Trace, link: Option<u32>) {
        if self.dump {
            let mut s = format!("---- TRACE {} bytecode\n", t.number);
            for &(p, pc, depth) in &t.bytecode {
                s.push_str(&format_bytecode(p, pc, depth));
                s.push('\n');
            }
            s.push_str(&format!("---- TRACE {} IR\n", t.number));
            s.push_str(&t.ir.dump());
            s.push_str(&format!("---- TRACE {} mcode {}\n", t.number, t.code.size()));
            s.push_str(&t.code.disassemble());
            if let Some(listing) = &t.aarch64_listing {
                s.push_str(&format!("---- TRACE {} mcode aarch64, after the store-pair pass\n", t.number));
                s.push_str(listing);
            }
            let end = link.map_or(unlinked_end(t).to_string(), |l| l.to_string());
            s.push_str(&format!("---- TRACE {} stop -> {}\n\n", t.number, end));
            self.out(&s);
        }
        if self.verbose {
            let from = match t.origin {
                Origin::Side { exit, .. } => format!("({}/{}) ", t.parent_number, exit),
                Origin::Loop | Origin::Call => String::new(),
            };
            let end = link.map_or(unlinked_end(t).to_string(), |l| format!("-> {l}"));
            self.out(&format!("[TRACE {:3} {}{} {}]\n", t.number, from, position(t.start_proto, t.start_pc), end));
        }
    }

    pub fn abort(&self, rec: &Recorder, reason: &str, at: *const Proto, at_pc: usize) {
        if self.dump {
            let mut s = String::from("---- TRACE recorded IR\n");
            s.push_str(&rec.ir.dump());
            if let Ok(ir) = crate::opt::optimize(&rec.ir) {
                s.push_str("---- TRACE optimised IR\n");
                s.push_str(&ir.dump());
            }
            s.push_str(&format!("---- TRACE abort {} -- {}\n\n", position(at, at_pc), reason));
            self.out(&s);
        }
        if self.verbose {
            // A side trace names its parent and exit, as when it completes
            // (trace numbers are indices plus one).
            let side = match rec.origin {
                Origin::Side { parent, exit } => format!("({}/{}) ", parent + 1, exit),
                Origin::Loop | Origin::Call => String::new(),
            };
            self.out(&format!(
                "[TRACE --- {}{} -- {} at {}]\n",
                side,
                position(rec.start_proto, rec.start_pc),
                reason,
                position(at, at_pc)
            ));
        }
    }
}

/// How a trace without a link ends, as `-jv` and `-jdump` say it: a root
/// trace loops; a side trace stops at a return (`Flow::Returned`), shown
/// as LuaJIT's `-jv` shows a trace linked to the interpreter's return.
fn unlinked_end(t: &Trace) -> &'static str {
    match t.origin {
        Origin::Loop => "loop",
        Origin::Side { .. } | Origin::Call => "return",
    }
}

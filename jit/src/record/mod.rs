//! The recorder: follows the interpreter through one iteration of a hot
//! loop and turns each bytecode instruction into typed IR (LuaJIT's
//! lj_record.c, as facts; the code is Neap's own).
//!
//! The interpreter calls [`Recorder::step`] before it executes each
//! instruction. The recorder reads the operands' runtime values, emits IR
//! specialised on what it sees (types, branch directions, table shapes,
//! callee identity) and a guard for each such assumption, so the compiled
//! trace exits wherever a later run differs. Each guard exits through the
//! snapshot taken before the instruction that emitted it: the interpreter
//! resumes by running that instruction again.
//!
//! Slots use snapshot numbering (see `ir/README.md`): slot 0 is the trace
//! frame's function, slot 1 its link, slot 2 its first register; an inlined
//! call's frame sits higher up.

mod builtins;
mod constructors;
mod retf;
mod strings;

use crate::ir::ops::{SLOAD_INHERIT, SLOAD_READONLY, SLOAD_TYPECHECK};
use crate::ir::{GcConst, Ins, Ir, IrType, Op, Ref, SnapEntry, TraceError, SLOT_FIRST_REG};
use crate::opt::narrow::forl_index_is_int;
use neap_vm::bytecode::{Ins as BcIns, Op as Bc, JUMP_BIAS};
use neap_vm::func::{Function, FunctionKind, Kgc, Proto};
use neap_vm::state::MetaMethod;
use neap_vm::thread::FrameKind;
use neap_vm::value::Tag;
use neap_vm::{Value, Vm};

/// Most `__index` tables a field lookup follows in a trace (the
/// interpreter follows up to 100; longer chains abort the recording).
const MAX_INDEX_CHAIN: usize = 4;

/// The interned string `__index`.
fn index_name(vm: &Vm) -> Value {
    vm.mm_name(neap_vm::state::MetaMethod::Index)
}

pub use builtins::{Builtin, Builtins};

/// Why recording stopped without a trace (printed by `-jv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abort(pub String);

impl Abort {
    fn nyi(what: impl std::fmt::Display) -> Abort {
        Abort(format!("NYI: {what}"))
    }
}

impl From<TraceError> for Abort {
    fn from(e: TraceError) -> Abort {
        Abort(e.to_string())
    }
}

type Rec<T> = Result<T, Abort>;

/// What the interpreter does after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Execute the instruction and call the recorder again before the next.
    Continue,
    /// The trace is complete: it loops back to its start.
    Looped,
    /// The trace is complete: it ends where another trace starts (a loop
    /// instruction with a trace), and continues in that trace.
    Linked,
    /// The trace is complete: a side trace reached a return from the
    /// function its parent started in; it ends there and the interpreter
    /// performs the return (LuaJIT's "-> return").
    Returned,
}

/// What a recording grows from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A hot loop instruction.
    Loop,
    /// A hot function entry (`FUNCF`): the trace runs to the function's
    /// return, where the interpreter takes over ("-> return").
    Call,
    /// A hot exit of trace `parent` (an index into the engine's traces).
    Side { parent: usize, exit: u32 },
}

/// Limits the recorder enforces (from the JIT parameters).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Most bytecode instructions recorded in one trace.
    pub max_record: usize,
    /// Deepest inlined call.
    pub max_depth: usize,
    /// Most slots a trace may touch.
    pub max_slots: usize,
    /// Most inner loop iterations a trace unrolls (`loopunroll`).
    pub loop_unroll: i32,
}

/// An inlined Lua call.
#[derive(Clone, Copy, Debug)]
struct Inlined {
    /// Slot of the callee's first register.
    base: u16,
    /// The caller's pc to resume at after the call.
    return_pc: u32,
    /// The callee (guarded to be this function).
    func: Ref,
    /// Results the caller wants (-1: all).
    nres: i32,
    proto: *const Proto,
}

/// A recording in progress.
pub struct Recorder {
    pub ir: Ir,
    /// The IR value of each slot; `Ref::DROP` where nothing was read or written.
    slots: Vec<Ref>,
    /// Stack index of slot 0.
    root: usize,
    /// Interpreter frames when the recording started.
    root_depth: usize,
    /// Slot of the running frame's first register.
    base: u16,
    frames: Vec<Inlined>,
    pub start_proto: *const Proto,
    pub start_pc: usize,
    /// Instructions recorded, as (prototype, pc, inline depth), for `-jdump`.
    pub bytecode: Vec<(*const Proto, usize, usize)>,
    /// The next guard needs a fresh snapshot at this pc.
    snap_pc: Option<u32>,
    limits: Limits,
    builtins: std::rc::Rc<Builtins>,
    pub origin: Origin,
    /// Frames the recording returned from below its starting frame.
    returned: usize,
    /// How many values the last call or return that wanted all of its
    /// results left (the interpreter's `multres`); a constant on the
    /// recorded path, which the next CALLM or RETM uses.
    multres: Option<usize>,
    /// A root trace's loop body (first and last instruction): leaving it
    /// at the trace's own level aborts (LuaJIT records closed loops only).
    loop_range: Option<(usize, usize)>,
    /// The recorded comparison closes the loop (see
    /// [`Recorder::closes_on_other_outcome`]).
    closes_here: bool,
    /// Inner loop iterations the recording may still unroll.
    unroll_left: i32,
    /// IR size when the last inner loop iteration began (0: none yet).
    loop_ref: usize,
    /// Loops (prototype, pc) whose own recordings kept leaving them or
    /// hitting inner loops: short loops, which a root trace may unroll.
    left_loops: Vec<(usize, usize)>,
    /// Starts (prototype, pc) of root traces that begin at a loop
    /// instruction but only lead on to another trace (see
    /// [`Recorder::passes_through`]).
    stubs: Vec<(usize, usize)>,
    /// How far slot 0 lies below the starting frame's function slot.
    pub shift: usize,
    /// For a side trace: the slot types its parent's exit leaves
    /// ([`crate::trace::Trace::exit_slot_types`]), loaded unchecked.
    inherited: Vec<Option<IrType>>,
    /// The interned names of the metamethods the recording checks for.
    mm: MetaNames,
}

/// Interned metamethod names (`Vm::mm_name`), fixed strings the VM keeps.
#[derive(Clone, Copy)]
struct MetaNames {
    index: Value,
    newindex: Value,
}

/// The IR type of a runtime value.
fn type_of(v: Value) -> IrType {
    if v.is_number() {
        return IrType::Num;
    }
    match v.tag() {
        Some(Tag::Nil) => IrType::Nil,
        Some(Tag::False) => IrType::False,
        Some(Tag::True) => IrType::True,
        Some(Tag::LightUserdata) => IrType::LightUd,
        Some(Tag::Str) => IrType::Str,
        Some(Tag::Thread) => IrType::Thread,
        Some(Tag::Function) => IrType::Func,
        Some(Tag::Table) => IrType::Tab,
        Some(Tag::Userdata) => IrType::Udata,
        _ => IrType::P64,
    }
}

/// The jump target of the jump instruction at `pc`.
fn jump_target(ins: BcIns, pc: usize) -> usize {
    (pc as isize + 1 + ins.d() as isize - JUMP_BIAS as isize) as usize
}

/// The first and last instruction of the loop whose loop instruction is at
/// `pc`: FORL and ITERL close their loop (the body starts at their jump
/// target); LOOP opens it, and the backward JMP before its exit target
/// closes it. None for a LOOP without one ("repeat ... until true").
fn loop_body(p: &Proto, pc: usize) -> Option<(usize, usize)> {
    let ins = p.code[pc];
    match ins.op() {
        Bc::FORL | Bc::ITERL => Some((jump_target(ins, pc), pc)),
        Bc::LOOP => {
            let close = jump_target(ins, pc).checked_sub(1)?;
            let jmp = *p.code.get(close)?;
            let back = jump_target(jmp, close);
            (jmp.op() == Bc::JMP && back <= close).then_some((back, close))
        }
        _ => None,
    }
}

impl Recorder {
    /// Starts recording at `pc` of the running frame: a hot loop
    /// instruction, or where a hot exit resumes.
    pub fn start(
        vm: &mut Vm,
        pc: usize,
        origin: Origin,
        ir: Ir,
        limits: Limits,
        builtins: std::rc::Rc<Builtins>,
    ) -> Recorder {
        let th = vm.th();
        let frame = *th.frames.last().unwrap();
        let proto = running_proto(vm);
        let mut rec = Recorder {
            ir,
            slots: Vec::new(),
            root: frame.func,
            root_depth: th.frames.len(),
            base: SLOT_FIRST_REG,
            frames: Vec::new(),
            start_proto: proto,
            start_pc: pc,
            bytecode: Vec::new(),
            snap_pc: None,
            limits,
            builtins,
            origin,
            returned: 0,
            shift: 0,
            multres: None,
            loop_range: None,
            closes_here: false,
            unroll_left: limits.loop_unroll,
            loop_ref: 0,
            left_loops: Vec::new(),
            stubs: Vec::new(),
            inherited: Vec::new(),
            mm: MetaNames { index: vm.mm_name(MetaMethod::Index), newindex: vm.mm_name(MetaMethod::NewIndex) },
        };
        if origin == Origin::Loop {
            // Prototypes of running frames are live.
            rec.loop_range = loop_body(unsafe { &*proto }, pc);
        }
        // Snapshot #0: the loop entry, nothing changed yet.
        rec.ir.snapshot(pc as u32, 0, Vec::new());
        rec
    }

    /// Tells the recording which root traces only lead on to others (see
    /// `stubs`).
    pub fn set_stubs(&mut self, stubs: Vec<(usize, usize)>) {
        self.stubs = stubs;
    }

    /// Tells the recording which loops may be unrolled (see `left_loops`).
    pub fn set_left_loops(&mut self, loops: Vec<(usize, usize)>) {
        self.left_loops = loops;
    }

    /// A side trace's slot types as its parent's exit leaves them. They
    /// must be the types the stack holds now, the exit having just run;
    /// if one is not (a parent and child disagreeing on slot numbering),
    /// nothing is inherited.
    pub fn set_inherited(&mut self, vm: &Vm, types: Vec<Option<IrType>>) {
        let stack = &vm.th().stack;
        let agree = types
            .iter()
            .enumerate()
            .all(|(slot, ty)| ty.is_none() || stack.get(self.root + slot).map(|&v| type_of(v)) == *ty);
        debug_assert!(agree, "a side trace's inherited slot types disagree with the stack");
        if agree {
            self.inherited = types;
        }
    }

    /// Records the instruction at `pc` of the running frame, before the
    /// interpreter executes it.
    pub fn step(&mut self, vm: &mut Vm, pc: usize) -> Rec<Flow> {
        let th = vm.th();
        let depth = th.frames.len();
        if depth < self.root_depth {
            return Err(Abort::nyi("return from the trace's function"));
        }
        if depth != self.root_depth + self.frames.len() {
            return Err(Abort::nyi("call through a native function"));
        }
        let frame = *th.frames.last().unwrap();
        if frame.kind != FrameKind::Lua && !self.frames.is_empty() {
            return Err(Abort::nyi("frame kind"));
        }
        let proto = running_proto(vm);
        let at_start = depth == self.root_depth && pc == self.start_pc && proto == self.start_proto;
        if at_start && !self.bytecode.is_empty() && self.origin == Origin::Loop {
            self.close_loop(pc)?;
            return Ok(Flow::Looped);
        }
        // Prototypes of running frames are live.
        let p = unsafe { &*proto };
        let traced = p.hot[pc].get() == neap_vm::tier::HOT_TRACED;
        if traced
            && !self.bytecode.is_empty()
            && !(at_start && self.origin == Origin::Loop)
            && is_loop_instruction(p.code[pc].op())
            && !self.passes_through(proto, pc)
        {
            // Another trace starts here: end this one and go on in it. From
            // an inlined frame, the final snapshot rebuilds the frames, so
            // the other trace runs on the innermost frame as usual.
            self.snapshot_at(pc as u32)?;
            return Ok(Flow::Linked);
        }
        if let Some((first, last)) = self.loop_range {
            if depth == self.root_depth && !(first..=last).contains(&pc) {
                return Err(Abort("leaving loop in root trace".into()));
            }
        }
        if self.bytecode.len() >= self.limits.max_record {
            return Err(Abort("trace too long".into()));
        }
        let ins = p.code[pc];
        let returns_below = self.frames.is_empty() && matches!(ins.op(), Bc::RET | Bc::RET0 | Bc::RET1);
        if returns_below && self.origin != Origin::Loop {
            let Some(to) = self.lower_return(vm) else {
                if self.bytecode.is_empty() {
                    return Err(Abort::nyi("return from the trace's function"));
                }
                // The side trace stops at the return, which the interpreter
                // executes.
                self.snapshot_at(pc as u32)?;
                return Ok(Flow::Returned);
            };
            self.bytecode.push((proto, pc, self.frames.len()));
            self.snap_pc = Some(pc as u32);
            self.return_below(vm, ins.a() as usize, ins.d() as usize - 1, to)?;
            return Ok(Flow::Continue);
        }
        self.bytecode.push((proto, pc, self.frames.len()));
        self.snap_pc = Some(pc as u32);
        self.instruction(vm, p, pc, ins)?;
        if std::mem::take(&mut self.closes_here) {
            self.close_loop(self.start_pc)?;
            return Ok(Flow::Looped);
        }
        Ok(Flow::Continue)
    }

    /// Whether a side trace goes on through the start of a root trace that
    /// only leads on to another one (a loop whose recording reached another
    /// trace before coming round), instead of jumping to it: the jump
    /// there, and that trace's reloads of the slots, are saved on a path
    /// that only passes through. Only while the side trace may enter the
    /// loop there (no inner loop entered yet, unrolling left).
    fn passes_through(&self, proto: *const Proto, pc: usize) -> bool {
        matches!(self.origin, Origin::Side { .. })
            && self.loop_ref == 0
            && self.unroll_left > 0
            && self.stubs.contains(&(proto as usize, pc))
    }

    /// Whether the comparison at `pc` (followed by its JMP, taken when the
    /// comparison `jumps`) is about to leave the root loop being recorded
    /// while its other outcome goes straight to the loop's start: the
    /// recorded iteration is the loop's last. Its trace is then closed on
    /// that other outcome (the guard leaves when the loop ends; the
    /// interpreter runs the comparison again) instead of failing: a short
    /// `while` loop often ends on the iteration a recording starts on.
    fn closes_on_other_outcome(&self, p: &Proto, pc: usize, jumps: bool, x: Ref, y: Ref) -> bool {
        if self.origin != Origin::Loop || !self.frames.is_empty() || (x.is_const() && y.is_const()) {
            return false;
        }
        let (Some((first, last)), Some(&jmp)) = (self.loop_range, p.code.get(pc + 1)) else {
            return false;
        };
        if jmp.op() != Bc::JMP {
            return false;
        }
        let target = jump_target(jmp, pc + 1);
        let (next, other) = if jumps { (target, pc + 2) } else { (pc + 2, target) };
        !(first..=last).contains(&next) && other == self.start_pc
    }

    // ---- Slots and snapshots ---------------------------------------------

    /// Runtime value of register `r` of the running frame.
    fn rv(&self, vm: &Vm, r: usize) -> Value {
        vm.th().stack[self.root + self.base as usize + r]
    }

    fn slot_ref(&self, slot: u16) -> Ref {
        self.slots.get(slot as usize).copied().unwrap_or(Ref::DROP)
    }

    /// The IR value of slot `slot`, loading it (with a type check) on first use.
    fn slot(&mut self, vm: &Vm, slot: u16) -> Rec<Ref> {
        let r = self.slot_ref(slot);
        if r != Ref::DROP {
            return Ok(r);
        }
        let v = vm.th().stack[self.root + slot as usize];
        let ty = type_of(v);
        if slot != 0 && self.inherited.get(slot as usize) == Some(&Some(ty)) {
            let r = match ty {
                IrType::Nil | IrType::False | IrType::True => self.ir.kpri(ty),
                _ => self.ir.sload(slot, ty, SLOAD_INHERIT)?,
            };
            self.set_slot(slot, r);
            return Ok(r);
        }
        let mode = if slot == 0 { SLOAD_READONLY } else { SLOAD_TYPECHECK };
        let r = match ty {
            // A primitive's type check is its whole value.
            IrType::Nil | IrType::False | IrType::True => {
                self.snap()?;
                self.ir.sload(slot, ty, mode)?;
                self.ir.kpri(ty)
            }
            _ => {
                if mode & SLOAD_TYPECHECK != 0 {
                    self.snap()?;
                }
                self.ir.sload(slot, ty, mode)?
            }
        };
        self.set_slot(slot, r);
        Ok(r)
    }

    fn reg(&mut self, vm: &Vm, r: usize) -> Rec<Ref> {
        self.slot(vm, self.base + r as u16)
    }

    fn set_slot(&mut self, slot: u16, r: Ref) {
        let s = slot as usize;
        if self.slots.len() <= s {
            self.slots.resize(s + 1, Ref::DROP);
        }
        self.slots[s] = r;
    }

    fn set_reg(&mut self, r: usize, v: Ref) -> Rec<()> {
        let slot = self.base as usize + r;
        if slot >= self.limits.max_slots {
            return Err(Abort("too many spill slots".into()));
        }
        self.set_slot(slot as u16, v);
        Ok(())
    }

    /// Takes the snapshot the next guard exits through, if the running
    /// instruction has none yet.
    fn snap(&mut self) -> Rec<()> {
        if let Some(pc) = self.snap_pc.take() {
            self.snapshot_at(pc)?;
        }
        Ok(())
    }

    /// A snapshot resuming at `pc`: every slot whose value differs from
    /// what the stack held at trace entry, and the inlined frames.
    fn snapshot_at(&mut self, pc: u32) -> Rec<()> {
        let mut entries = Vec::new();
        for (slot, &r) in self.slots.iter().enumerate() {
            if r == Ref::DROP || self.is_unchanged_load(slot as u16, r) {
                continue;
            }
            if self.frames.iter().any(|f| f.base as usize == slot + 2 || f.base as usize == slot + 1) {
                continue;
            }
            entries.push(SnapEntry::value(slot as u16, r));
        }
        for f in &self.frames {
            entries.push(SnapEntry::frame_func(f.base, f.func));
            let link = self.ir.kint(f.return_pc as i32);
            entries.push(SnapEntry::frame_link(f.base, link));
        }
        let nslots = self.slots.len().max(self.base as usize) as u16;
        self.ir.snapshot(pc, nslots, entries);
        Ok(())
    }

    /// Whether `r` is a load of `slot` itself (the stack still holds it).
    fn is_unchanged_load(&self, slot: u16, r: Ref) -> bool {
        match self.ir.def_of(r) {
            Some(ins) => ins.op == Op::SLOAD && ins.op1 == slot,
            None => false,
        }
    }

    /// A call of the `backend::CALLS` helper `name` on `args`, passed as a
    /// CARG chain; `op` says whether the call is pure (CALLN) or has
    /// effects (CALLS).
    fn call_helper(&mut self, op: Op, ty: IrType, name: &str, args: &[Ref]) -> Rec<Ref> {
        let id = crate::backend::call_id(name).ok_or_else(|| Abort::nyi(format!("helper {name}")))?;
        let mut chain = args[0];
        for &x in &args[1..] {
            chain = self.emit(Op::CARG, IrType::Nil, chain, x)?;
        }
        Ok(self.ir.emit(Ins::new(op, ty, chain.0, id))?)
    }

    /// Emits a guard through the running instruction's snapshot.
    fn guard(&mut self, op: Op, ty: IrType, a: Ref, b: Ref) -> Rec<Ref> {
        self.snap()?;
        Ok(self.ir.guard(op, ty, a, b)?)
    }

    fn emit(&mut self, op: Op, ty: IrType, a: Ref, b: Ref) -> Rec<Ref> {
        Ok(self.ir.emit_op(op, ty, a, b)?)
    }

    fn ty(&self, r: Ref) -> IrType {
        self.ir.get(r).ty
    }

    /// `r` as a double.
    fn to_num(&mut self, r: Ref) -> Rec<Ref> {
        match self.ty(r) {
            IrType::Num => Ok(r),
            IrType::Int => Ok(self.ir.conv(r, IrType::Num, IrType::Int, 0)?),
            t => Err(Abort::nyi(format!("arithmetic on {}", t.name()))),
        }
    }

    /// `r` as a 32-bit integer, converted as `bit.tobit` converts.
    pub(crate) fn to_bit(&mut self, r: Ref) -> Rec<Ref> {
        match self.ty(r) {
            IrType::Int => Ok(r),
            IrType::Num => self.emit(Op::TOBIT, IrType::Int, r, Ref::DROP),
            t => Err(Abort::nyi(format!("bit operation on {}", t.name()))),
        }
    }

    fn kgc(&mut self, ty: IrType, addr: u64, bytes: Option<Vec<u8>>) -> Ref {
        self.ir.kgc(GcConst { ty, addr, bytes })
    }

    fn kvalue(&mut self, v: Value) -> Ref {
        if let Some(n) = v.as_number() {
            return self.ir.knum(n);
        }
        match v.tag() {
            Some(Tag::Nil) => Ref::NIL,
            Some(Tag::False) => Ref::FALSE,
            Some(Tag::True) => Ref::TRUE,
            Some(Tag::Str) => {
                let s = v.as_string_ptr().unwrap();
                // Constant strings are kept alive by their prototype.
                let bytes = unsafe { (*s).as_bytes().to_vec() };
                self.kgc(IrType::Str, s as u64, Some(bytes))
            }
            _ => {
                let p = v.gc_header().map_or(0, |h| h as u64);
                self.kgc(type_of(v), p, None)
            }
        }
    }

    // ---- Instructions ------------------------------------------------------

    fn instruction(&mut self, vm: &mut Vm, p: &Proto, pc: usize, ins: BcIns) -> Rec<()> {
        let a = ins.a() as usize;
        match ins.op() {
            Bc::MOV => {
                let v = self.reg(vm, ins.d() as usize)?;
                self.set_reg(a, v)?;
            }
            Bc::KSTR => {
                let v = self.kvalue(p.kstr(ins.d() as usize));
                self.set_reg(a, v)?;
            }
            Bc::KSHORT => {
                let v = self.ir.knum(ins.sd() as f64);
                self.set_reg(a, v)?;
            }
            Bc::KNUM => {
                let v = self.ir.knum(p.knum[ins.d() as usize].num_unchecked());
                self.set_reg(a, v)?;
            }
            Bc::KPRI => {
                let v = [Ref::NIL, Ref::FALSE, Ref::TRUE][ins.d() as usize];
                self.set_reg(a, v)?;
            }
            Bc::KNIL => {
                for r in a..=ins.d() as usize {
                    self.set_reg(r, Ref::NIL)?;
                }
            }
            Bc::NOT => {
                let v = self.reg(vm, ins.d() as usize)?;
                let falsy = matches!(self.ty(v), IrType::Nil | IrType::False);
                self.set_reg(a, if falsy { Ref::TRUE } else { Ref::FALSE })?;
            }
            Bc::UNM => {
                let v = self.reg(vm, ins.d() as usize)?;
                let v = self.arith_operand(v)?;
                let r = self.emit(Op::NEG, IrType::Num, v, Ref::DROP)?;
                self.set_reg(a, r)?;
            }
            Bc::LEN => {
                let v = self.reg(vm, ins.d() as usize)?;
                let r = match self.ty(v) {
                    IrType::Tab => {
                        let n = self.emit(Op::ALEN, IrType::Int, v, Ref::NIL)?;
                        self.ir.conv(n, IrType::Num, IrType::Int, 0)?
                    }
                    IrType::Str => {
                        let n = self.ir.emit(Ins::new(Op::FLOAD, IrType::Int, v.0, field("str.len")))?;
                        self.ir.conv(n, IrType::Num, IrType::Int, 0)?
                    }
                    t => return Err(Abort::nyi(format!("length of {}", t.name()))),
                };
                self.set_reg(a, r)?;
            }
            Bc::ADDVN | Bc::SUBVN | Bc::MULVN | Bc::DIVVN | Bc::MODVN => {
                let x = self.reg(vm, ins.b() as usize)?;
                let y = self.ir.knum(p.knum[ins.c() as usize].num_unchecked());
                self.arith(a, arith_op(ins.op()), x, y)?;
            }
            Bc::ADDNV | Bc::SUBNV | Bc::MULNV | Bc::DIVNV | Bc::MODNV => {
                let x = self.ir.knum(p.knum[ins.c() as usize].num_unchecked());
                let y = self.reg(vm, ins.b() as usize)?;
                self.arith(a, arith_op(ins.op()), x, y)?;
            }
            Bc::ADDVV | Bc::SUBVV | Bc::MULVV | Bc::DIVVV | Bc::MODVV | Bc::POW => {
                let x = self.reg(vm, ins.b() as usize)?;
                let y = self.reg(vm, ins.c() as usize)?;
                self.arith(a, arith_op(ins.op()), x, y)?;
            }
            Bc::ISLT | Bc::ISGE | Bc::ISLE | Bc::ISGT => {
                let (xv, yv) = (self.rv(vm, a), self.rv(vm, ins.d() as usize));
                let x = self.reg(vm, a)?;
                let y = self.reg(vm, ins.d() as usize)?;
                if !(xv.is_number() && yv.is_number()) {
                    return Err(Abort::nyi("comparison of non-numbers"));
                }
                let le = matches!(ins.op(), Bc::ISLE | Bc::ISGT);
                let (xn, yn) = (xv.num_unchecked(), yv.num_unchecked());
                let mut holds = if le { xn <= yn } else { xn < yn };
                let jumps = holds == matches!(ins.op(), Bc::ISLT | Bc::ISLE);
                if self.closes_on_other_outcome(p, pc, jumps, x, y) {
                    holds = !holds;
                    self.closes_here = true;
                }
                let op = match (le, holds) {
                    (false, true) => Op::LT,
                    (false, false) => Op::GE,
                    (true, true) => Op::LE,
                    (true, false) => Op::GT,
                };
                self.compare(op, x, y)?;
            }
            Bc::ISEQV | Bc::ISNEV => {
                let (xv, yv) = (self.rv(vm, a), self.rv(vm, ins.d() as usize));
                let x = self.reg(vm, a)?;
                let y = self.reg(vm, ins.d() as usize)?;
                self.equality(x, y, xv, yv)?;
            }
            Bc::ISEQS | Bc::ISNES => {
                let xv = self.rv(vm, a);
                let yv = p.kstr(ins.d() as usize);
                let x = self.reg(vm, a)?;
                let y = self.kvalue(yv);
                self.equality(x, y, xv, yv)?;
            }
            Bc::ISEQN | Bc::ISNEN => {
                let xv = self.rv(vm, a);
                let yv = p.knum[ins.d() as usize];
                let x = self.reg(vm, a)?;
                let y = self.ir.knum(yv.num_unchecked());
                self.equality(x, y, xv, yv)?;
            }
            // The type check of the operand's load decides these.
            Bc::ISEQP | Bc::ISNEP | Bc::IST | Bc::ISF => {
                let r = if matches!(ins.op(), Bc::IST | Bc::ISF) { ins.d() } else { ins.a() as u16 };
                self.reg(vm, r as usize)?;
            }
            Bc::ISTC | Bc::ISFC => {
                let v = self.reg(vm, ins.d() as usize)?;
                let truthy = !matches!(self.ty(v), IrType::Nil | IrType::False);
                if truthy == (ins.op() == Bc::ISTC) {
                    self.set_reg(a, v)?;
                }
            }
            Bc::JMP => {}
            Bc::UGET => {
                if let Some(slot) = self.upvalue_slot(vm, ins.d() as usize) {
                    let v = self.slot(vm, slot)?;
                    self.set_reg(a, v)?;
                    return Ok(());
                }
                let r = self.upvalue_ref(vm, ins.d() as usize)?;
                let v = self.upvalue_value(vm, ins.d() as usize);
                let ty = type_of(v);
                let r = self.load(Op::ULOAD, ty, r)?;
                self.set_reg(a, r)?;
            }
            Bc::USETV | Bc::USETS | Bc::USETN | Bc::USETP => {
                let v = match ins.op() {
                    Bc::USETV => self.reg(vm, ins.d() as usize)?,
                    Bc::USETS => self.kvalue(p.kstr(ins.d() as usize)),
                    Bc::USETN => self.ir.knum(p.knum[ins.d() as usize].num_unchecked()),
                    _ => [Ref::NIL, Ref::FALSE, Ref::TRUE][ins.d() as usize],
                };
                if let Some(slot) = self.upvalue_slot(vm, a) {
                    self.set_slot(slot, v);
                    return Ok(());
                }
                let r = self.upvalue_ref(vm, a)?;
                self.emit(Op::USTORE, IrType::Nil, r, v)?;
            }
            Bc::GGET | Bc::GSET => {
                let env_v = Value::table(self.running_function(vm).env);
                let f = self.function_ref(vm)?;
                let env = self.ir.emit(Ins::new(Op::FLOAD, IrType::Tab, f.0, field("func.env")))?;
                let key = p.kstr(ins.d() as usize);
                if ins.op() == Bc::GGET {
                    let v = self.get_field(Some(index_name(vm)), env, env_v, key)?;
                    self.set_reg(a, v)?;
                } else {
                    let v = self.reg(vm, a)?;
                    self.set_field(env, env_v, key, v)?;
                }
            }
            Bc::TGETS | Bc::TGETB | Bc::TGETV => {
                let tv = self.rv(vm, ins.b() as usize);
                let t = self.reg(vm, ins.b() as usize)?;
                if self.ty(t) != IrType::Tab {
                    return Err(Abort::nyi("indexing a non-table"));
                }
                let v = match ins.op() {
                    Bc::TGETS => self.get_field(Some(index_name(vm)), t, tv, p.kstr(ins.c() as usize))?,
                    Bc::TGETB => {
                        let k = self.ir.kint(ins.c() as i32);
                        self.get_index(t, tv, k, ins.c() as i64)?
                    }
                    _ => {
                        let kv = self.rv(vm, ins.c() as usize);
                        let k = self.reg(vm, ins.c() as usize)?;
                        self.get_dynamic(Some(index_name(vm)), t, tv, k, kv)?
                    }
                };
                self.set_reg(a, v)?;
            }
            Bc::TSETS | Bc::TSETB | Bc::TSETV => {
                let tv = self.rv(vm, ins.b() as usize);
                let t = self.reg(vm, ins.b() as usize)?;
                if self.ty(t) != IrType::Tab {
                    return Err(Abort::nyi("indexing a non-table"));
                }
                let v = self.reg(vm, a)?;
                match ins.op() {
                    Bc::TSETS => self.set_field(t, tv, p.kstr(ins.c() as usize), v)?,
                    Bc::TSETB => {
                        let k = self.ir.kint(ins.c() as i32);
                        self.set_index(t, tv, k, ins.c() as i64, v)?
                    }
                    _ => {
                        let kv = self.rv(vm, ins.c() as usize);
                        let k = self.reg(vm, ins.c() as usize)?;
                        if is_object_key(kv) {
                            self.set_object_key(t, tv, k, kv, v)?
                        } else {
                            let (k, n) = self.index_key(k, kv)?;
                            self.set_index(t, tv, k, n, v)?
                        }
                    }
                }
            }
            Bc::CALL => self.call(vm, pc, a, ins.b() as i32 - 1, ins.c() as usize - 1)?,
            Bc::CALLT => self.tail_call(vm, a, ins.d() as usize - 1)?,
            Bc::RET | Bc::RET0 | Bc::RET1 => self.ret(vm, a, ins.d() as usize - 1)?,
            Bc::RETM => {
                let n = ins.d() as usize + self.take_multres()?;
                self.ret(vm, a, n)?
            }
            Bc::CALLM => {
                let nargs = ins.c() as usize + self.take_multres()?;
                self.call(vm, pc, a, ins.b() as i32 - 1, nargs)?
            }
            Bc::ITERC => self.iterator_call(vm, pc, a, ins.b() as i32 - 1)?,
            Bc::ITERL => {
                let own = self.origin == Origin::Loop && pc == self.start_pc && self.frames.is_empty();
                let v = self.reg(vm, a)?;
                let leaves = self.ty(v) == IrType::Nil;
                if own && leaves {
                    return Err(Abort("leaving loop in root trace".into()));
                }
                if !own {
                    self.inner_loop(vm, pc, leaves)?;
                }
                if !leaves {
                    self.set_reg(a - 1, v)?;
                }
            }
            Bc::ISNEXT => return Err(Abort("inner loop in root trace".into())),
            Bc::FORL => self.forl(vm, pc, a, ins)?,
            Bc::LOOP => {
                if !(pc == self.start_pc && self.frames.is_empty()) {
                    self.inner_loop(vm, pc, false)?;
                }
            }
            Bc::FORI => self.fori(vm, a)?,
            // The function header: nothing to do once the frame exists.
            Bc::FUNCF => {}
            Bc::BNOT => {
                let v = self.reg(vm, ins.d() as usize)?;
                let x = self.to_bit(v)?;
                let r = self.emit(Op::BNOT, IrType::Int, x, Ref::DROP)?;
                self.set_reg(a, r)?;
            }
            Bc::BAND | Bc::BOR | Bc::BXOR | Bc::BSHL | Bc::BSHR | Bc::BSAR => {
                let x = self.reg(vm, ins.b() as usize)?;
                let y = self.reg(vm, ins.c() as usize)?;
                let (x, y) = (self.to_bit(x)?, self.to_bit(y)?);
                let op = match ins.op() {
                    Bc::BAND => Op::BAND,
                    Bc::BOR => Op::BOR,
                    Bc::BXOR => Op::BXOR,
                    Bc::BSHL => Op::BSHL,
                    Bc::BSHR => Op::BSHR,
                    _ => Op::BSAR,
                };
                let r = self.emit(op, IrType::Int, x, y)?;
                self.set_reg(a, r)?;
            }
            Bc::CAT => self.concat(vm, a, ins.b() as usize, ins.c() as usize)?,
            Bc::TNEW => self.table_new(a, ins.d())?,
            Bc::TDUP => self.table_dup(p, a, ins.d())?,
            op => return Err(Abort::nyi(format!("bytecode {}", op.name()))),
        }
        Ok(())
    }

    /// A numeric operand: numbers and ints only (no metamethods, no string
    /// coercion in traces).
    fn arith_operand(&mut self, r: Ref) -> Rec<Ref> {
        self.to_num(r)
    }

    fn arith(&mut self, dst: usize, op: Op, x: Ref, y: Ref) -> Rec<()> {
        let x = self.arith_operand(x)?;
        let y = self.arith_operand(y)?;
        if self.ir.opts.narrow {
            if let Some((op, a, b)) = crate::opt::narrow::int_step(&mut self.ir, op, x, y) {
                let r = self.guard(op, IrType::Int, a, b)?;
                return self.set_reg(dst, r);
            }
        }
        let r = self.emit(op, IrType::Num, x, y)?;
        self.set_reg(dst, r)
    }

    /// A comparison guard on two numbers (ints compared as ints).
    fn compare(&mut self, op: Op, x: Ref, y: Ref) -> Rec<()> {
        if self.ty(x) == IrType::Int && self.ty(y) == IrType::Int {
            self.guard(op, IrType::Int, x, y)?;
        } else {
            let x = self.to_num(x)?;
            let y = self.to_num(y)?;
            self.guard(op, IrType::Num, x, y)?;
        }
        Ok(())
    }

    /// `x == y` as observed, guarded (raw equality; `__eq` is NYI).
    fn equality(&mut self, x: Ref, y: Ref, xv: Value, yv: Value) -> Rec<()> {
        let (tx, ty) = (self.ty(x), self.ty(y));
        let num = |t: IrType| matches!(t, IrType::Num | IrType::Int);
        if num(tx) && num(ty) {
            let eq = xv.num_unchecked() == yv.num_unchecked();
            return self.compare(if eq { Op::EQ } else { Op::NE }, x, y);
        }
        if tx != ty || tx.is_pri() {
            // The operands' type checks decide the outcome.
            return Ok(());
        }
        let eq = xv == yv;
        if !eq && matches!(tx, IrType::Tab | IrType::Udata) {
            // Without an `__eq` in the first one's metatable, raw
            // inequality would decide (`no_metamethod` can guard that), but
            // recording it made deltablue slower: its `ipairs` loop traces
            // then get entered through links as their loops end, failing
            // their first check each time.
            return Err(Abort::nyi("comparison with __eq"));
        }
        self.guard(if eq { Op::EQ } else { Op::NE }, tx, x, y)?;
        Ok(())
    }

    /// A typed load (a guard unless the type is known).
    fn load(&mut self, op: Op, ty: IrType, addr: Ref) -> Rec<Ref> {
        self.snap()?;
        let r = self.ir.emit(Ins::new(op, ty, addr.0, 0).guarded())?;
        Ok(if ty.is_pri() { self.ir.kpri(ty) } else { r })
    }

    // ---- Functions and upvalues -------------------------------------------

    fn running_function(&self, vm: &Vm) -> &Function {
        let th = vm.th();
        let f = th.stack[th.frames.last().unwrap().func].as_function_ptr().unwrap();
        // The running function is live (it sits in its frame's slot).
        unsafe { &*f }
    }

    /// The running frame's function.
    fn function_ref(&mut self, vm: &Vm) -> Rec<Ref> {
        if let Some(f) = self.frames.last() {
            return Ok(f.func);
        }
        self.slot(vm, 0)
    }

    fn upvalue_value(&self, vm: &Vm, n: usize) -> Value {
        match &self.running_function(vm).kind {
            // Upvalues of a live closure are live.
            FunctionKind::Lua { upvals, .. } => unsafe { (*upvals[n]).get() },
            _ => Value::NIL,
        }
    }

    /// The slot an upvalue of an inlined function stands for, when it is
    /// open on a frame of the trace: the upvalue is that slot. (The inlined
    /// function is guarded, so its upvalues are always these.)
    fn upvalue_slot(&self, vm: &Vm, n: usize) -> Option<u16> {
        if self.frames.is_empty() {
            return None;
        }
        let FunctionKind::Lua { upvals, .. } = &self.running_function(vm).kind else { return None };
        // Upvalues of a live closure are live.
        let uv = unsafe { &*upvals[n] };
        (uv.open && uv.slot >= self.root).then(|| (uv.slot - self.root) as u16)
    }

    fn upvalue_ref(&mut self, vm: &Vm, n: usize) -> Rec<Ref> {
        let FunctionKind::Lua { upvals, .. } = &self.running_function(vm).kind else {
            return Err(Abort::nyi("upvalue of a native"));
        };
        // Upvalues of a live closure are live.
        let uv = unsafe { &*upvals[n] };
        if uv.open && uv.slot >= self.root {
            return Err(Abort::nyi("upvalue of a traced frame"));
        }
        let f = self.function_ref(vm)?;
        Ok(self.ir.emit(Ins::new(Op::UREFO, IrType::P64, f.0, n as u16))?)
    }

    // ---- Tables --------------------------------------------------------------

    /// A constant string key's value in table `t` (its hash part). An
    /// absent key goes on to the `__index` table of `t`'s metatable, as
    /// `Vm::index_step` does, for a few levels: each level guards that the
    /// key is absent (or dead), the metatable is the recorded one, and its
    /// `__index` is the recorded table. Any of these failing leaves before
    /// the lookup, so the interpreter redoes it. `index` is the interned
    /// name `__index` (`Vm::mm_name`), or None for a raw lookup.
    fn get_field(&mut self, index: Option<Value>, t: Ref, tv: Value, key: Value) -> Rec<Ref> {
        let (mut t, mut tab) = (t, tv.as_table_ptr().unwrap());
        for _ in 0..MAX_INDEX_CHAIN {
            // The table is live: a register holds it, or it is the
            // `__index` of a live table's metatable.
            let v = unsafe { (*tab).get_str(key) };
            if !v.is_nil() {
                let k = self.slot_key(tab, key);
                let r = self.guard(Op::HREFK, IrType::P64, t, k)?;
                return self.load(Op::HLOAD, type_of(v), r);
            }
            self.absent_field(t, key)?;
            let Some(index_name) = index else { return Ok(Ref::NIL) };
            // As above: a live table's metatable is live.
            let mt = unsafe { (*tab).metatable };
            let meta = self.ir.emit(Ins::new(Op::FLOAD, IrType::Tab, t.0, field("tab.meta")))?;
            let recorded = self.ir.kptr(mt as u64);
            self.guard(Op::EQ, IrType::P64, meta, recorded)?;
            if mt.is_null() {
                return Ok(Ref::NIL);
            }
            // The metatable is live (see above).
            let index = unsafe { (*mt).get_str(index_name) };
            if index.is_nil() {
                self.absent_field(meta, index_name)?;
                return Ok(Ref::NIL);
            }
            let Some(next) = index.as_table_ptr() else {
                return Err(Abort::nyi("__index that is not a table"));
            };
            let k = self.slot_key(mt, index_name);
            let r = self.guard(Op::HREFK, IrType::P64, meta, k)?;
            let loaded = self.load(Op::HLOAD, IrType::Tab, r)?;
            let recorded = self.ir.kptr(next as u64);
            self.guard(Op::EQ, IrType::P64, loaded, recorded)?;
            (t, tab) = (loaded, next);
        }
        Err(Abort::nyi("long __index chain"))
    }

    /// Guards that string `key` has no value in table `t` (absent, or a
    /// dead entry holding nil).
    fn absent_field(&mut self, t: Ref, key: Value) -> Rec<()> {
        let k = self.kvalue(key);
        let r = self.emit(Op::HREF, IrType::P64, t, k)?;
        self.load(Op::HLOAD, IrType::Nil, r)?;
        Ok(())
    }

    /// `HREFK`'s key operand for a key of table `tab`: with the position of
    /// its hash-part entry when it has one (the compiled code checks that
    /// entry instead of searching), else the bare key.
    fn slot_key(&mut self, tab: *mut neap_vm::table::Table, key: Value) -> Ref {
        let k = self.kvalue(key);
        // The table is live: a register holds it.
        let pos = unsafe { (*tab).entry_position(key) };
        match pos.and_then(|p| u16::try_from(p).ok()) {
            Some(p) if key.is_string() => self.ir.kslot(k, p),
            _ => k,
        }
    }

    fn set_field(&mut self, t: Ref, tv: Value, key: Value, v: Ref) -> Rec<()> {
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let old = unsafe { (*tab).get_str(key) };
        let k = self.kvalue(key);
        let r = if old.is_nil() {
            // `__newindex` would run: only tables without a metatable.
            self.no_metamethod(t, tv, self.mm.newindex)?;
            // The table is live: a register holds it.
            let present = unsafe { (*tab).slot_mut(key).is_some() };
            if present {
                // A dead entry: the store revives it.
                let k = self.slot_key(tab, key);
                self.guard(Op::HREFK, IrType::P64, t, k)?
            } else {
                // A new key (also for a nil, as the interpreter adds it):
                // added, then stored to (the table may grow).
                let href = self.emit(Op::HREF, IrType::P64, t, k)?;
                let nil = self.nil_slot();
                self.guard(Op::EQ, IrType::P64, href, nil)?;
                self.guard(Op::NEWREF, IrType::P64, t, k)?
            }
        } else {
            let k = self.slot_key(tab, key);
            self.guard(Op::HREFK, IrType::P64, t, k)?
        };
        self.emit(Op::TBAR, IrType::Nil, t, Ref::DROP)?;
        self.emit(Op::HSTORE, IrType::Nil, r, v)?;
        Ok(())
    }

    /// An int key for the array part: the key's ref as an int and its value.
    fn index_key(&mut self, k: Ref, kv: Value) -> Rec<(Ref, i64)> {
        let Some(n) = kv.as_number() else {
            return Err(Abort::nyi("table key of type other than number"));
        };
        let i = n as i32;
        if i as f64 != n {
            return Err(Abort::nyi("non-integer table key"));
        }
        let k = match self.ty(k) {
            IrType::Int => k,
            _ => self.ir.conv(k, IrType::Int, IrType::Num, crate::ir::ops::CONV_INDEX)?,
        };
        Ok((k, i as i64))
    }

    /// `t[k]`; `index` as for [`Self::get_field`].
    fn get_dynamic(&mut self, index: Option<Value>, t: Ref, tv: Value, k: Ref, kv: Value) -> Rec<Ref> {
        if is_object_key(kv) {
            let tab = tv.as_table_ptr().unwrap();
            // The table is live: a register holds it.
            if kv.is_string() && unsafe { !(*tab).metatable.is_null() } {
                // With a metatable, an absent key follows `__index`: the
                // same as a constant key, plus a guard that the register
                // holds that string.
                let kc = self.kvalue(kv);
                self.guard(Op::EQ, IrType::Str, k, kc)?;
                return self.get_field(index, t, tv, kv);
            }
            return self.get_object_key(t, tv, k, kv);
        }
        self.snap()?;
        let (k, n) = self.index_key(k, kv)?;
        self.get_index(t, tv, k, n)
    }

    /// `t[k]` for a key in a register that is not a number (a string, a
    /// boolean, an object): a hash lookup of whatever key the register
    /// holds (the key's type is guarded where it was loaded). An absent
    /// key reads nil from `NIL_SLOT`, with no metatable to consult.
    fn get_object_key(&mut self, t: Ref, tv: Value, k: Ref, kv: Value) -> Rec<Ref> {
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let v = unsafe { (*tab).get(kv) };
        if v.is_nil() {
            self.no_metamethod(t, tv, self.mm.index)?;
        }
        let r = self.emit(Op::HREF, IrType::P64, t, k)?;
        self.load(Op::HLOAD, type_of(v), r)
    }

    /// `t[k] = v` for such a key: stored where the key is, or the key is
    /// added first (only in tables without a metatable when the old value
    /// is nil, since `__newindex` would run).
    fn set_object_key(&mut self, t: Ref, tv: Value, k: Ref, kv: Value, v: Ref) -> Rec<()> {
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let (old, present) = unsafe { ((*tab).get(kv), (*tab).slot_mut(kv).is_some()) };
        if old.is_nil() {
            self.no_metamethod(t, tv, self.mm.newindex)?;
        }
        let r = self.emit(Op::HREF, IrType::P64, t, k)?;
        let nil = self.nil_slot();
        let r = if present {
            self.guard(Op::NE, IrType::P64, r, nil)?;
            r
        } else {
            self.guard(Op::EQ, IrType::P64, r, nil)?;
            self.guard(Op::NEWREF, IrType::P64, t, k)?
        };
        self.emit(Op::TBAR, IrType::Nil, t, Ref::DROP)?;
        self.emit(Op::HSTORE, IrType::Nil, r, v)?;
        Ok(())
    }

    /// The address of array slot `k` (guarded to be inside the array part).
    fn array_ref(&mut self, t: Ref, tv: Value, k: Ref, n: i64) -> Rec<Ref> {
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let asize = unsafe { (*tab).array_size() } as i64;
        if n < 0 || n >= asize {
            return Err(Abort::nyi("table key outside the array part"));
        }
        let size = self.ir.emit(Ins::new(Op::FLOAD, IrType::Int, t.0, field("tab.asize")))?;
        self.guard(Op::ABC, IrType::Int, size, k)?;
        let arr = self.ir.emit(Ins::new(Op::FLOAD, IrType::P64, t.0, field("tab.array")))?;
        self.emit(Op::AREF, IrType::P64, arr, k)
    }

    /// Guards that table `t` has no metamethod `name` (an interned name
    /// of [`MetaNames`]): its metatable is the recorded one, and that is
    /// none or has no such key. So a nil slot means nil, a new key is
    /// stored.
    fn no_metamethod(&mut self, t: Ref, tv: Value, name: Value) -> Rec<()> {
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let mt = unsafe { (*tab).metatable };
        let meta = self.ir.emit(Ins::new(Op::FLOAD, IrType::Tab, t.0, field("tab.meta")))?;
        let recorded = self.ir.kptr(mt as u64);
        self.guard(Op::EQ, IrType::P64, meta, recorded)?;
        if mt.is_null() {
            return Ok(());
        }
        // A live table's metatable is live.
        if unsafe { !(*mt).get_str(name).is_nil() } {
            // Metamethod names are live strings the VM keeps.
            let name = String::from_utf8_lossy(unsafe { name.str_bytes() }.unwrap_or_default()).into_owned();
            return Err(Abort::nyi(format!("table with {name}")));
        }
        self.absent_field(meta, name)
    }

    /// Whether integer key `n` is in `tv`'s array part now.
    fn in_array(tv: Value, n: i64) -> bool {
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let asize = unsafe { (*tab).array_size() } as i64;
        (0..asize).contains(&n)
    }

    /// The address of key `k` (an int) through a hash lookup, which finds
    /// it wherever it lives; `NIL_SLOT` when absent.
    fn hash_ref(&mut self, t: Ref, k: Ref) -> Rec<Ref> {
        let key = self.to_num(k)?;
        self.emit(Op::HREF, IrType::P64, t, key)
    }

    fn nil_slot(&mut self) -> Ref {
        self.ir.kptr(&neap_vm::layout::NIL_SLOT as *const Value as u64)
    }

    fn get_index(&mut self, t: Ref, tv: Value, k: Ref, n: i64) -> Rec<Ref> {
        if !Self::in_array(tv, n) {
            let tab = tv.as_table_ptr().unwrap();
            // The table is live: a register holds it.
            let v = unsafe { (*tab).get_int(n) };
            if v.is_nil() {
                self.no_metamethod(t, tv, self.mm.index)?;
            }
            let r = self.hash_ref(t, k)?;
            return self.load(Op::HLOAD, type_of(v), r);
        }
        let r = self.array_ref(t, tv, k, n)?;
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let v = unsafe { (*tab).get_int(n) };
        if v.is_nil() {
            self.no_metamethod(t, tv, self.mm.index)?;
        }
        self.load(Op::ALOAD, type_of(v), r)
    }

    fn set_index(&mut self, t: Ref, tv: Value, k: Ref, n: i64, v: Ref) -> Rec<()> {
        if !Self::in_array(tv, n) {
            let tab = tv.as_table_ptr().unwrap();
            // The table is live: a register holds it.
            let old = unsafe { (*tab).get_int(n) };
            let present = unsafe { (*tab).slot_mut(Value::number(n as f64)).is_some() };
            if old.is_nil() {
                self.no_metamethod(t, tv, self.mm.newindex)?;
            }
            let r = self.hash_ref(t, k)?;
            let nil = self.nil_slot();
            let r = if present {
                self.guard(Op::NE, IrType::P64, r, nil)?;
                r
            } else {
                // A new key: added, then stored to (the table may grow).
                self.guard(Op::EQ, IrType::P64, r, nil)?;
                let key = self.to_num(k)?;
                self.guard(Op::NEWREF, IrType::P64, t, key)?
            };
            self.emit(Op::TBAR, IrType::Nil, t, Ref::DROP)?;
            self.emit(Op::HSTORE, IrType::Nil, r, v)?;
            return Ok(());
        }
        let r = self.array_ref(t, tv, k, n)?;
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let old = unsafe { (*tab).get_int(n) };
        if old.is_nil() {
            self.no_metamethod(t, tv, self.mm.newindex)?;
        }
        self.emit(Op::TBAR, IrType::Nil, t, Ref::DROP)?;
        self.emit(Op::ASTORE, IrType::Nil, r, v)?;
        Ok(())
    }

    // ---- Calls and returns ---------------------------------------------------

    /// `CALLT a d` in an inlined frame: the callee and its arguments move
    /// down to the frame's function slot and the callee takes the frame's
    /// place, returning where the frame would have returned (as the
    /// interpreter does). From the trace's own function it would leave
    /// the trace's frame: not recorded.
    fn tail_call(&mut self, vm: &mut Vm, a: usize, nargs: usize) -> Rec<()> {
        let Some(&frame) = self.frames.last() else {
            return Err(Abort::nyi("tail call from the trace's function"));
        };
        let (f, fv, args) = self.call_operands(vm, a, nargs)?;
        self.frames.pop();
        self.base = self.frames.last().map_or(SLOT_FIRST_REG, |f| f.base);
        let dst = frame.base - 2;
        // The frame's own slots are dead; the call's take their place.
        self.slots.truncate(dst as usize);
        self.set_slot(dst, f);
        for (i, &(r, _)) in args.iter().enumerate() {
            self.set_slot(dst + 2 + i as u16, r);
        }
        self.call_with(frame.return_pc, (dst - self.base) as usize, frame.nres, f, fv, &args)
    }

    /// CALL: the function in register `a`, its arguments from `a + 2`.
    fn call(&mut self, vm: &mut Vm, pc: usize, a: usize, nres: i32, nargs: usize) -> Rec<()> {
        let (f, fv, args) = self.call_operands(vm, a, nargs)?;
        self.call_with(pc as u32 + 1, a, nres, f, fv, &args)
    }

    /// A call's function in register `a` and its `nargs` arguments from
    /// `a + 2`: IR values with their runtime values.
    fn call_operands(&mut self, vm: &Vm, a: usize, nargs: usize) -> Rec<(Ref, Value, Vec<(Ref, Value)>)> {
        let fv = self.rv(vm, a);
        let f = self.reg(vm, a)?;
        let mut args = Vec::with_capacity(nargs);
        for i in 0..nargs {
            let v = self.rv(vm, a + 2 + i);
            args.push((self.reg(vm, a + 2 + i)?, v));
        }
        Ok((f, fv, args))
    }

    /// ITERC: the iterator call of a generic `for` (function, state and
    /// control in `a - 3 .. a - 1`, copied to `a`, `a + 2`, `a + 3`).
    fn iterator_call(&mut self, vm: &mut Vm, pc: usize, a: usize, nres: i32) -> Rec<()> {
        let fv = self.rv(vm, a - 3);
        let f = self.reg(vm, a - 3)?;
        let mut args = Vec::with_capacity(2);
        for i in [a - 2, a - 1] {
            let v = self.rv(vm, i);
            args.push((self.reg(vm, i)?, v));
        }
        self.set_reg(a, f)?;
        self.set_reg(a + 2, args[0].0)?;
        self.set_reg(a + 3, args[1].0)?;
        self.call_with(pc as u32 + 1, a, nres, f, fv, &args)
    }

    /// A call of `f` (runtime value `fv`) whose frame sits at register `a`,
    /// with `args` (IR value and runtime value each) already in place from
    /// `a + 2`. Builtins become IR; Lua functions are inlined.
    fn call_with(&mut self, return_pc: u32, a: usize, nres: i32, f: Ref, fv: Value, args: &[(Ref, Value)]) -> Rec<()> {
        let Some(fp) = fv.as_function_ptr() else {
            return Err(Abort::nyi("call of a non-function"));
        };
        let kf = self.kvalue(fv);
        self.guard(Op::EQ, IrType::Func, f, kf)?;
        // The callee is live: a register holds it.
        let func = unsafe { &*fp };
        match &func.kind {
            FunctionKind::Native { .. } => {
                let Some(b) = self.builtins.get(fp) else {
                    return Err(Abort::nyi(format!("FastFunc {}", native_name(func))));
                };
                let refs: Vec<Ref> = args.iter().map(|x| x.0).collect();
                let vals: Vec<Value> = args.iter().map(|x| x.1).collect();
                let results = self.builtin(b, &refs, &vals)?;
                let want = if nres < 0 { results.len() } else { nres as usize };
                if nres < 0 {
                    self.multres = Some(results.len());
                }
                for i in 0..want {
                    let v = results.get(i).copied().unwrap_or(Ref::NIL);
                    self.set_reg(a + i, v)?;
                }
                Ok(())
            }
            FunctionKind::Lua { proto, .. } => {
                // Prototypes of live closures are live.
                let callee = unsafe { &**proto };
                if callee.is_vararg {
                    return Err(Abort::nyi("vararg function"));
                }
                if self.frames.len() >= self.limits.max_depth {
                    return Err(Abort("call unroll limit reached".into()));
                }
                // The function the trace started in is on the stack below
                // the inlined frames until the trace returns from it (a side
                // trace going on in the caller may call it again).
                let start_on_stack = self.returned == 0;
                if (*proto as *const Proto == self.start_proto && start_on_stack)
                    || self.frames.iter().any(|fr| fr.proto == *proto as *const Proto)
                {
                    return Err(Abort::nyi("recursive call"));
                }
                let base = self.base + a as u16 + 2;
                if base as usize + callee.frame_size as usize >= self.limits.max_slots {
                    return Err(Abort("too many spill slots".into()));
                }
                let nargs = args.len();
                self.frames.push(Inlined { base, return_pc, func: kf, nres, proto: *proto });
                self.base = base;
                for i in nargs..callee.num_params as usize {
                    self.set_reg(i, Ref::NIL)?;
                }
                // Registers above the arguments hold nothing yet.
                for i in nargs.max(callee.num_params as usize)..callee.frame_size as usize {
                    let s = base as usize + i;
                    if s < self.slots.len() {
                        self.slots[s] = Ref::DROP;
                    }
                }
                Ok(())
            }
        }
    }

    /// The count the previous call or return left for this CALLM/RETM.
    fn take_multres(&mut self) -> Rec<usize> {
        self.multres.take().ok_or_else(|| Abort::nyi("multiple results from outside the trace"))
    }

    fn ret(&mut self, vm: &Vm, a: usize, n: usize) -> Rec<()> {
        let Some(fr) = self.frames.pop() else {
            return Err(Abort::nyi("return from the trace's function"));
        };
        let mut results = Vec::with_capacity(n);
        for i in 0..n {
            results.push(self.reg(vm, a + i)?);
        }
        let dst = fr.base - 2;
        self.base = self.frames.last().map_or(SLOT_FIRST_REG, |f| f.base);
        // A call that wants all results gets exactly these.
        let want = if fr.nres < 0 { n } else { fr.nres as usize };
        if fr.nres < 0 {
            self.multres = Some(n);
        }
        for i in 0..want {
            let v = results.get(i).copied().unwrap_or(Ref::NIL);
            self.set_slot(dst + i as u16, v);
        }
        // The callee's slots are dead.
        let keep = dst as usize + want;
        if self.slots.len() > keep {
            self.slots.truncate(keep);
        }
        Ok(())
    }

    // ---- Loops -----------------------------------------------------------------

    /// FORL: the loop's own step, or an inner loop (not recorded).
    fn forl(&mut self, vm: &Vm, pc: usize, a: usize, ins: BcIns) -> Rec<()> {
        if !(pc == self.start_pc && self.frames.is_empty()) {
            return self.inner_forl(vm, pc, a);
        }
        let (iv, sv, stv) = (self.rv(vm, a), self.rv(vm, a + 1), self.rv(vm, a + 2));
        let (i, stop, step) = (iv.num_unchecked(), sv.num_unchecked(), stv.num_unchecked());
        let next = i + step;
        let runs = if step.is_sign_negative() { next >= stop } else { next <= stop };
        if !runs && self.origin != Origin::Loop {
            // A side trace starting where its loop ends crosses it.
            return self.inner_forl(vm, pc, a);
        }
        if !runs {
            return Err(Abort("leaving loop in root trace".into()));
        }
        self.snap()?;
        let use_int = forl_index_is_int(i, stop, step);
        let slot = self.base + a as u16;
        if step == 0.0 || step.is_nan() {
            return Err(Abort::nyi("for loop with a zero step"));
        }
        // The step is loaded, not specialised: only its sign is guarded
        // (it decides the loop's direction), so one trace serves every step.
        let up = step > 0.0;
        let (idx, lim, k, ty) = if use_int {
            let mode = SLOAD_TYPECHECK | crate::ir::ops::SLOAD_CONVERT;
            let idx = self.ir.sload(slot, IrType::Int, mode)?;
            let lim = self.ir.sload(slot + 1, IrType::Int, mode)?;
            let st = self.ir.sload(slot + 2, IrType::Int, mode)?;
            let zero = self.ir.kint(0);
            self.ir.guard(if up { Op::GT } else { Op::LT }, IrType::Int, st, zero)?;
            // Stepping past the limit must stay in the int range.
            let bound = self.ir.kint(if up { i32::MAX } else { i32::MIN });
            let edge = self.emit(Op::SUB, IrType::Int, bound, st)?;
            self.ir.guard(if up { Op::LE } else { Op::GE }, IrType::Int, lim, edge)?;
            (idx, lim, st, IrType::Int)
        } else {
            let idx = self.ir.sload(slot, IrType::Num, SLOAD_TYPECHECK)?;
            let lim = self.ir.sload(slot + 1, IrType::Num, SLOAD_TYPECHECK)?;
            let st = self.ir.sload(slot + 2, IrType::Num, SLOAD_TYPECHECK)?;
            let zero = self.ir.knum(0.0);
            self.ir.guard(if up { Op::GT } else { Op::LT }, IrType::Num, st, zero)?;
            (idx, lim, st, IrType::Num)
        };
        let next_r = self.emit(Op::ADD, ty, idx, k)?;
        // Leaving the loop resumes after FORL, where the interpreter goes
        // when the loop is done.
        self.set_slot(slot, next_r);
        self.snapshot_at(pc as u32 + 1)?;
        let cmp = if step.is_sign_negative() { Op::GE } else { Op::LE };
        self.ir.guard(cmp, ty, next_r, lim)?;
        self.set_slot(slot + 3, next_r);
        let _ = jump_target(ins, pc);
        Ok(())
    }

    /// FORI: entering a numeric `for` loop (an inner loop, whose FORL will
    /// end this trace or link it to the loop's own trace).
    /// Guards a numeric `for` loop's test as it came out: `i <= stop`
    /// (`stop <= i` going down), ordered, so a NaN ends the loop as in the
    /// interpreter.
    fn loop_test(&mut self, negative: bool, runs: bool, i: Ref, stop: Ref) -> Rec<()> {
        let (x, y) = if negative { (stop, i) } else { (i, stop) };
        self.guard(if runs { Op::LE } else { Op::GT }, IrType::Num, x, y)?;
        Ok(())
    }

    /// Another loop's instruction reached inside the recording: a loop
    /// left or not entered is crossed; entering an inner loop aborts,
    /// except when that loop's own recordings kept leaving it (a short
    /// loop: it is unrolled here, LuaJIT's `innerloopleft` rule). A side
    /// trace also enters the first inner loop it reaches (the loop inside
    /// it may have a trace to link to) and goes round the loops around its
    /// start. (LuaJIT lets side
    /// traces unroll any loop; here that grew trees of side traces for
    /// every path through the unrolled iterations, on heapsort and
    /// fannkuch.) Unrolling is limited by `loopunroll`, and unrolled
    /// iterations must stay short.
    fn inner_loop(&mut self, vm: &Vm, pc: usize, leaves: bool) -> Rec<()> {
        if leaves {
            return Ok(());
        }
        let n = self.ir.top().number() as usize;
        let proto = running_proto(vm);
        let key = (proto as usize, pc);
        let short = self.left_loops.contains(&key);
        let side = matches!(self.origin, Origin::Side { .. });
        if !side && !short {
            return Err(Abort("inner loop in root trace".into()));
        }
        let first_entered = self.loop_ref == 0;
        if side && !short && !first_entered && !self.encloses_start(proto, pc) {
            return Err(Abort(crate::engine::INNER_LOOP_IN_SIDE_TRACE.into()));
        }
        // Only short iterations are unrolled.
        if self.loop_ref != 0 && n - self.loop_ref > 24 {
            return Err(Abort("loop unroll limit reached".into()));
        }
        self.unroll_left -= 1;
        if self.unroll_left < 0 {
            return Err(Abort("loop unroll limit reached".into()));
        }
        self.loop_ref = n;
        Ok(())
    }

    /// Whether the loop instruction at `pc` of `proto` closes a loop around
    /// the trace's start (a side trace going round a loop it started in:
    /// the next iteration leads to the loops that have traces).
    fn encloses_start(&self, proto: *const Proto, pc: usize) -> bool {
        // Prototypes of running frames are live.
        self.frames.is_empty()
            && proto == self.start_proto
            && loop_body(unsafe { &*proto }, pc).is_some_and(|(first, last)| (first..=last).contains(&self.start_pc))
    }

    /// FORL of an inner loop being unrolled: the index steps and the test
    /// is guarded as it came out.
    fn inner_forl(&mut self, vm: &Vm, pc: usize, a: usize) -> Rec<()> {
        let vals = [self.rv(vm, a), self.rv(vm, a + 1), self.rv(vm, a + 2)];
        if !vals.iter().all(|v| v.is_number()) {
            return Err(Abort::nyi("for loop over non-numbers"));
        }
        let (i, stop, step) = (vals[0].num_unchecked(), vals[1].num_unchecked(), vals[2].num_unchecked());
        let next = i + step;
        let negative = step.is_sign_negative();
        let runs = if negative { next >= stop } else { next <= stop };
        self.inner_loop(vm, pc, !runs)?;
        let idx = self.reg(vm, a)?;
        let lim = self.reg(vm, a + 1)?;
        let st = self.reg(vm, a + 2)?;
        let (idx, lim, st) = (self.to_num(idx)?, self.to_num(lim)?, self.to_num(st)?);
        let zero = self.ir.knum(0.0);
        self.guard(if negative { Op::LT } else { Op::GE }, IrType::Num, st, zero)?;
        let nx = self.emit(Op::ADD, IrType::Num, idx, st)?;
        self.loop_test(negative, runs, nx, lim)?;
        if runs {
            self.set_reg(a, nx)?;
            self.set_reg(a + 3, nx)?;
        }
        Ok(())
    }

    fn fori(&mut self, vm: &Vm, a: usize) -> Rec<()> {
        let vals = [self.rv(vm, a), self.rv(vm, a + 1), self.rv(vm, a + 2)];
        if !vals.iter().all(|v| v.is_number()) {
            return Err(Abort::nyi("for loop over non-numbers"));
        }
        let (i, stop, step) = (vals[0].num_unchecked(), vals[1].num_unchecked(), vals[2].num_unchecked());
        let idx = self.reg(vm, a)?;
        let lim = self.reg(vm, a + 1)?;
        let st = self.reg(vm, a + 2)?;
        let (idx, lim, st) = (self.to_num(idx)?, self.to_num(lim)?, self.to_num(st)?);
        // The direction is the step's sign: guarded as observed.
        let zero = self.ir.knum(0.0);
        let negative = step.is_sign_negative();
        self.guard(if negative { Op::LT } else { Op::GE }, IrType::Num, st, zero)?;
        let runs = if negative { i >= stop } else { i <= stop };
        self.loop_test(negative, runs, idx, lim)?;
        self.set_reg(a, idx)?;
        self.set_reg(a + 1, lim)?;
        self.set_reg(a + 2, st)?;
        if runs {
            self.set_reg(a + 3, idx)?;
        }
        Ok(())
    }

    /// The loop is back at its start: the last snapshot is the back-edge.
    fn close_loop(&mut self, pc: usize) -> Rec<()> {
        self.snapshot_at(pc as u32)?;
        Ok(())
    }
}

/// A key that is neither a number nor nil: looked up by hash as it is.
fn is_object_key(kv: Value) -> bool {
    !kv.is_number() && !kv.is_nil()
}

fn is_loop_instruction(op: Bc) -> bool {
    matches!(op, Bc::FORL | Bc::ITERL | Bc::LOOP)
}

fn field(name: &str) -> u16 {
    crate::ir::ops::FIELD_NAMES.iter().position(|&f| f == name).unwrap() as u16
}

fn arith_op(op: Bc) -> Op {
    match op {
        Bc::ADDVN | Bc::ADDNV | Bc::ADDVV => Op::ADD,
        Bc::SUBVN | Bc::SUBNV | Bc::SUBVV => Op::SUB,
        Bc::MULVN | Bc::MULNV | Bc::MULVV => Op::MUL,
        Bc::DIVVN | Bc::DIVNV | Bc::DIVVV => Op::DIV,
        Bc::MODVN | Bc::MODNV | Bc::MODVV => Op::MOD,
        _ => Op::POW,
    }
}

fn native_name(f: &Function) -> &'static str {
    match &f.kind {
        FunctionKind::Native { name, .. } => name,
        _ => "?",
    }
}

/// The prototype of the running Lua frame.
pub fn running_proto(vm: &Vm) -> *const Proto {
    let th = vm.th();
    let f = th.stack[th.frames.last().unwrap().func].as_function_ptr().unwrap();
    // The running function is live.
    match unsafe { &(*f).kind } {
        FunctionKind::Lua { proto, .. } => *proto,
        _ => std::ptr::null(),
    }
}

#[allow(dead_code)]
fn child_proto(p: &Proto, d: usize) -> Option<*mut Proto> {
    match p.kgc.get(d) {
        Some(Kgc::Proto(c)) => Some(*c),
        _ => None,
    }
}

//! The trace IR: typed SSA instructions and constants in one reference space,
//! with snapshots of the Lua stack for the exits. See README.md next to this
//! file for the instruction list and the text format.

pub mod eval;
pub mod ops;
pub mod text;

use std::collections::HashMap;

pub use ops::{Kind, Mode, Op};

/// The type of an IR value. The first thirteen follow Neap's value tags
/// (`neap_vm::value::Tag`, LuaJIT's order); the rest are unboxed machine types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum IrType {
    Nil = 0,
    False,
    True,
    LightUd,
    Str,
    /// Neap's upvalue tag; in the IR, a pointer to an upvalue.
    Upval,
    Thread,
    Proto,
    Func,
    /// Neap's trace tag; in the IR, a raw 64-bit pointer.
    P64,
    Cdata,
    Tab,
    Udata,
    Float,
    Num,
    I8,
    U8,
    I16,
    U16,
    Int,
    U32,
    I64,
    U64,
}

impl IrType {
    pub const ALL: [IrType; 23] = [
        IrType::Nil,
        IrType::False,
        IrType::True,
        IrType::LightUd,
        IrType::Str,
        IrType::Upval,
        IrType::Thread,
        IrType::Proto,
        IrType::Func,
        IrType::P64,
        IrType::Cdata,
        IrType::Tab,
        IrType::Udata,
        IrType::Float,
        IrType::Num,
        IrType::I8,
        IrType::U8,
        IrType::I16,
        IrType::U16,
        IrType::Int,
        IrType::U32,
        IrType::I64,
        IrType::U64,
    ];

    /// Three-letter name, as in LuaJIT's listings.
    pub fn name(self) -> &'static str {
        [
            "nil", "fal", "tru", "lud", "str", "upv", "thr", "pro", "fun", "p64", "cdt", "tab", "udt", "flt", "num",
            "i8", "u8", "i16", "u16", "int", "u32", "i64", "u64",
        ][self as usize]
    }

    pub fn from_name(s: &str) -> Option<IrType> {
        IrType::ALL.iter().copied().find(|t| t.name() == s)
    }

    pub fn from_u8(n: u8) -> Option<IrType> {
        IrType::ALL.get(n as usize).copied()
    }

    /// nil, false or true: the value is the type.
    pub fn is_pri(self) -> bool {
        self <= IrType::True
    }

    pub fn is_integer(self) -> bool {
        self >= IrType::I8
    }

    pub fn is_num(self) -> bool {
        self == IrType::Num
    }

    /// A type that a Lua value slot can hold (as opposed to raw machine types).
    pub fn is_value(self) -> bool {
        self <= IrType::Udata || self == IrType::Num || self == IrType::Int
    }
}

/// Reference bias: constants live below it, instructions at and above it.
pub const BIAS: u16 = 0x8000;

/// A reference to an instruction or a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ref(pub u16);

impl Ref {
    /// The frame base pointer; always the first instruction.
    pub const BASE: Ref = Ref(BIAS);
    pub const FIRST: Ref = Ref(BIAS + 1);
    pub const NIL: Ref = Ref(BIAS - 1);
    pub const FALSE: Ref = Ref(BIAS - 2);
    pub const TRUE: Ref = Ref(BIAS - 3);
    /// Returned by emit when a guard folded away (always true).
    pub const DROP: Ref = Ref(0);

    pub fn is_const(self) -> bool {
        self.0 < BIAS
    }

    /// Position in the printed listing (instructions only).
    pub fn number(self) -> u16 {
        self.0.wrapping_sub(BIAS)
    }
}

/// Instruction flags.
pub const F_GUARD: u8 = 0x80;
/// Marks a value that flows into a PHI (printed as `+`).
pub const F_PHI: u8 = 0x40;

/// One instruction or constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ins {
    pub op: Op,
    pub ty: IrType,
    pub flags: u8,
    pub op1: u16,
    pub op2: u16,
    /// The previous instruction with the same opcode (0 at the end), the
    /// chains CSE and alias analysis walk.
    pub prev: u16,
}

impl Ins {
    pub fn new(op: Op, ty: IrType, op1: u16, op2: u16) -> Ins {
        Ins { op, ty, flags: 0, op1, op2, prev: 0 }
    }

    pub fn guarded(mut self) -> Ins {
        self.flags |= F_GUARD;
        self
    }

    pub fn is_guard(&self) -> bool {
        self.flags & F_GUARD != 0
    }

    pub fn is_phi(&self) -> bool {
        self.flags & F_PHI != 0
    }

    pub fn a(&self) -> Ref {
        Ref(self.op1)
    }

    pub fn b(&self) -> Ref {
        Ref(self.op2)
    }

    /// The operands that are references.
    pub fn ref_operands(&self) -> impl Iterator<Item = Ref> {
        let (m1, m2) = self.op.modes();
        let a = (m1 == Mode::Ref).then_some(Ref(self.op1));
        let b = (m2 == Mode::Ref).then_some(Ref(self.op2));
        a.into_iter().chain(b)
    }
}

/// A GC object constant. The recorder fills in `addr`; IR text names strings
/// by their contents and other objects by a symbolic address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GcConst {
    pub ty: IrType,
    pub addr: u64,
    /// String contents (for `str` constants).
    pub bytes: Option<Vec<u8>>,
}

/// One entry of a snapshot: stack slot `slot` holds `val`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnapEntry {
    /// Slot number relative to the trace's base frame, in SLOAD numbering:
    /// 0 is the base function, 1 its frame link, 2 the first register.
    pub slot: u16,
    pub val: Ref,
    /// The slot holds the function of an inlined frame (printed `|`).
    pub frame: bool,
}

/// Snapshot slot numbering for Neap's two-slot frames (`Frame::func` is
/// `base - 2`): a frame whose first register is slot `b` keeps its function
/// in slot `b - 2` and its link (nil on the stack; the return pc for the
/// exit to rebuild the `Frame`) in slot `b - 1`. The trace's own frame has
/// `b = 2`.
pub const SLOT_FUNC: u16 = 0;
pub const SLOT_LINK: u16 = 1;
pub const SLOT_FIRST_REG: u16 = 2;

impl SnapEntry {
    /// Slot `slot` holds `val`.
    pub fn value(slot: u16, val: Ref) -> SnapEntry {
        SnapEntry { slot, val, frame: false }
    }

    /// The function of an inlined frame whose registers start at `base_slot`.
    pub fn frame_func(base_slot: u16, func: Ref) -> SnapEntry {
        SnapEntry { slot: base_slot - 2, val: func, frame: true }
    }

    /// The link of an inlined frame: `return_pc` is a KINT with the pc the
    /// caller resumes at when the frame returns.
    pub fn frame_link(base_slot: u16, return_pc: Ref) -> SnapEntry {
        SnapEntry { slot: base_slot - 1, val: return_pc, frame: true }
    }
}

/// What an exit must write back to the Lua stack before resuming the
/// interpreter at `pc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The first instruction this snapshot covers: guards from here up to the
    /// next snapshot exit through it.
    pub at: Ref,
    /// Bytecode index to resume at.
    pub pc: u32,
    /// Slots 0..nslots are described (those without an entry are unchanged).
    pub nslots: u16,
    /// Entries sorted by slot.
    pub entries: Vec<SnapEntry>,
    /// Slot of the function of the frame running at the trace's own level
    /// here: 0, unless the trace returned below the frame it started in
    /// (then slot 0 is the lowest frame's function, and frames whose
    /// function sits above this slot are gone at this point).
    pub base: u16,
}

impl Snapshot {
    pub fn get(&self, slot: u16) -> Option<&SnapEntry> {
        self.entries.iter().find(|e| e.slot == slot)
    }
}

/// Why a trace cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceError {
    /// A guard folded to false: the trace would always exit.
    GuardFails,
    /// A loop-carried value changes type between iterations.
    TypeInstability,
    /// The IR buffer is full.
    TooLong,
    /// IR text could not be parsed.
    Parse(String),
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::GuardFails => write!(f, "guard would always fail"),
            TraceError::TypeInstability => write!(f, "failed to stabilise types of loop-carried values"),
            TraceError::TooLong => write!(f, "trace too long"),
            TraceError::Parse(m) => write!(f, "{m}"),
        }
    }
}

/// A trace's IR: constants and instructions in one reference space.
/// Constants grow down from [`BIAS`], instructions up from it; two vectors
/// hold the two halves so both can grow.
#[derive(Clone, Debug)]
pub struct Ir {
    /// `consts[i]` is reference `BIAS - 1 - i`.
    consts: Vec<Ins>,
    /// `insts[i]` is reference `BIAS + i`; `insts[0]` is BASE.
    insts: Vec<Ins>,
    /// 64-bit constant payloads (KNUM, KINT64, KPTR), indexed by the constant's op12.
    k64: Vec<u64>,
    gcs: Vec<GcConst>,
    interned: HashMap<(Op, IrType, u64), Ref>,
    /// Newest instruction of each opcode.
    chain: Vec<u16>,
    pub snaps: Vec<Snapshot>,
    /// Set when the constant half filled up; the next emit fails with
    /// TooLong (constant constructors stay infallible for the recorder).
    const_overflow: bool,
    /// Which optimisations `emit` applies.
    pub opts: crate::opt::OptFlags,
}

/// Most instructions a trace may have.
pub const MAX_INS: usize = 0x7000;
/// Most constants a trace may have.
pub const MAX_CONSTS: usize = 0x7000;

impl Default for Ir {
    fn default() -> Self {
        Ir::new(crate::opt::OptFlags::all())
    }
}

impl Ir {
    pub fn new(opts: crate::opt::OptFlags) -> Ir {
        let mut ir = Ir {
            consts: Vec::new(),
            insts: Vec::new(),
            k64: Vec::new(),
            gcs: Vec::new(),
            interned: HashMap::new(),
            chain: vec![0; Op::COUNT],
            snaps: Vec::new(),
            const_overflow: false,
            opts,
        };
        for t in [IrType::Nil, IrType::False, IrType::True] {
            ir.push_const(Ins::new(Op::KPRI, t, 0, 0), t as u64);
        }
        ir.insts.push(Ins::new(Op::BASE, IrType::P64, 0, 0));
        ir
    }

    /// An empty IR with the same options.
    pub fn fresh(&self) -> Ir {
        Ir::new(self.opts.clone())
    }

    pub fn get(&self, r: Ref) -> &Ins {
        if r.is_const() {
            &self.consts[(BIAS - 1 - r.0) as usize]
        } else {
            &self.insts[(r.0 - BIAS) as usize]
        }
    }

    /// Like [`Ir::get`], but None for a reference outside the buffer.
    pub fn try_get(&self, r: Ref) -> Option<&Ins> {
        if r.is_const() {
            self.consts.get((BIAS - 1 - r.0) as usize)
        } else {
            self.insts.get((r.0 - BIAS) as usize)
        }
    }

    pub fn get_mut(&mut self, r: Ref) -> &mut Ins {
        if r.is_const() {
            &mut self.consts[(BIAS - 1 - r.0) as usize]
        } else {
            &mut self.insts[(r.0 - BIAS) as usize]
        }
    }

    /// One past the newest instruction.
    pub fn top(&self) -> Ref {
        Ref(BIAS + self.insts.len() as u16)
    }

    /// References of all instructions after BASE, oldest first.
    pub fn ins_refs(&self) -> impl Iterator<Item = Ref> {
        (BIAS + 1..BIAS + self.insts.len() as u16).map(Ref)
    }

    /// Newest instruction with opcode `op`, or None.
    pub fn chain_head(&self, op: Op) -> Option<Ref> {
        let h = self.chain[op as usize];
        (h != 0).then_some(Ref(h))
    }

    /// Walks the `op` chain from the newest instruction down to (excluding) `limit`.
    pub fn chain_iter(&self, op: Op, limit: Ref) -> impl Iterator<Item = Ref> + '_ {
        let mut cur = self.chain[op as usize];
        std::iter::from_fn(move || {
            if cur == 0 || cur <= limit.0 {
                return None;
            }
            let r = Ref(cur);
            cur = self.get(r).prev;
            Some(r)
        })
    }

    fn push_const(&mut self, ins: Ins, key: u64) -> Ref {
        if self.consts.len() >= MAX_CONSTS {
            self.const_overflow = true;
            return Ref::NIL;
        }
        let r = Ref(BIAS - 1 - self.consts.len() as u16);
        self.consts.push(ins);
        self.interned.insert((ins.op, ins.ty, key), r);
        r
    }

    fn intern(&mut self, op: Op, ty: IrType, key: u64, make: impl FnOnce(&mut Ir) -> Ins) -> Ref {
        if let Some(&r) = self.interned.get(&(op, ty, key)) {
            return r;
        }
        let ins = make(self);
        self.push_const(ins, key)
    }

    pub fn kpri(&self, ty: IrType) -> Ref {
        match ty {
            IrType::Nil => Ref::NIL,
            IrType::False => Ref::FALSE,
            _ => Ref::TRUE,
        }
    }

    pub fn kint(&mut self, v: i32) -> Ref {
        self.intern(Op::KINT, IrType::Int, v as u32 as u64, |_| {
            Ins::new(Op::KINT, IrType::Int, v as u32 as u16, (v as u32 >> 16) as u16)
        })
    }

    fn k64_const(&mut self, op: Op, ty: IrType, bits: u64) -> Ref {
        self.intern(op, ty, bits, |ir| {
            let i = ir.k64.len() as u32;
            ir.k64.push(bits);
            Ins::new(op, ty, i as u16, (i >> 16) as u16)
        })
    }

    /// A number constant, interned by its bits (so -0 and +0 differ, and so do NaNs).
    pub fn knum(&mut self, v: f64) -> Ref {
        self.k64_const(Op::KNUM, IrType::Num, v.to_bits())
    }

    pub fn kint64(&mut self, v: i64) -> Ref {
        self.k64_const(Op::KINT64, IrType::I64, v as u64)
    }

    pub fn kptr(&mut self, p: u64) -> Ref {
        self.k64_const(Op::KPTR, IrType::P64, p)
    }

    pub fn kgc(&mut self, c: GcConst) -> Ref {
        if let Some(i) = self.gcs.iter().position(|g| *g == c) {
            return self.interned[&(Op::KGC, c.ty, i as u64)];
        }
        if self.consts.len() >= MAX_CONSTS {
            self.const_overflow = true;
            return Ref::NIL;
        }
        let i = self.gcs.len();
        let ty = c.ty;
        self.gcs.push(c);
        self.push_const(Ins::new(Op::KGC, ty, i as u16, (i >> 16) as u16), i as u64)
    }

    /// Every GC object constant, in creation order.
    pub fn gc_consts(&self) -> &[GcConst] {
        &self.gcs
    }

    /// The GC constants in order, for filling in object addresses after the
    /// IR was built from text (tests; the recorder passes real addresses).
    pub fn gc_consts_mut(&mut self) -> &mut [GcConst] {
        &mut self.gcs
    }

    /// A hash key together with the position among the table's hash-part
    /// entries where the recorder found it (`HREFK`'s second operand, as
    /// LuaJIT's `KSLOT`): the compiled code checks that position first.
    pub fn kslot(&mut self, key: Ref, pos: u16) -> Ref {
        self.intern(Op::KSLOT, IrType::P64, u64::from(key.0) | u64::from(pos) << 16, |_| {
            Ins::new(Op::KSLOT, IrType::P64, key.0, pos)
        })
    }

    /// The key of an `HREFK` operand: a `KSLOT`'s key, else the operand
    /// itself (a key without a recorded position).
    pub fn slot_key(&self, r: Ref) -> Ref {
        match self.try_get(r) {
            Some(k) if r.is_const() && k.op == Op::KSLOT => k.a(),
            _ => r,
        }
    }

    /// The recorded entry position of a `KSLOT` operand.
    pub fn slot_pos(&self, r: Ref) -> Option<u16> {
        let k = self.try_get(r)?;
        (r.is_const() && k.op == Op::KSLOT).then_some(k.op2)
    }

    pub fn kstr(&mut self, s: &[u8]) -> Ref {
        self.kgc(GcConst { ty: IrType::Str, addr: 0, bytes: Some(s.to_vec()) })
    }

    fn payload_index(ins: &Ins) -> usize {
        ins.op1 as usize | (ins.op2 as usize) << 16
    }

    /// The value of a KINT constant.
    pub fn int_of(&self, r: Ref) -> Option<i32> {
        let k = self.try_get(r)?;
        (r.is_const() && k.op == Op::KINT).then(|| Ir::payload_index(k) as u32 as i32)
    }

    /// The value of a KNUM constant.
    pub fn num_of(&self, r: Ref) -> Option<f64> {
        let k = self.try_get(r)?;
        (r.is_const() && k.op == Op::KNUM).then(|| f64::from_bits(self.k64[Ir::payload_index(k)]))
    }

    /// The payload of a KINT64 or KPTR constant.
    pub fn u64_of(&self, r: Ref) -> Option<u64> {
        let k = self.try_get(r)?;
        (r.is_const() && matches!(k.op, Op::KINT64 | Op::KPTR)).then(|| self.k64[Ir::payload_index(k)])
    }

    pub fn gc_of(&self, r: Ref) -> Option<&GcConst> {
        let k = self.try_get(r)?;
        (r.is_const() && k.op == Op::KGC).then(|| &self.gcs[Ir::payload_index(k)])
    }

    /// Appends an instruction as is: no folding, no CSE.
    pub fn emit_raw(&mut self, mut ins: Ins) -> Result<Ref, TraceError> {
        if self.insts.len() >= MAX_INS || self.const_overflow {
            return Err(TraceError::TooLong);
        }
        let r = self.top();
        ins.prev = self.chain[ins.op as usize];
        self.chain[ins.op as usize] = r.0;
        self.insts.push(ins);
        Ok(r)
    }

    /// Appends an instruction through the optimisation pipeline (folding,
    /// load forwarding, CSE as `opts` allows). May return an existing
    /// reference, a constant, or [`Ref::DROP`] for a guard that always holds.
    pub fn emit(&mut self, ins: Ins) -> Result<Ref, TraceError> {
        crate::opt::emit(self, ins)
    }

    /// Shorthand for `emit(Ins::new(op, ty, a, b))`.
    pub fn emit_op(&mut self, op: Op, ty: IrType, a: Ref, b: Ref) -> Result<Ref, TraceError> {
        self.emit(Ins::new(op, ty, a.0, b.0))
    }

    /// Loads stack slot `slot` (snapshot numbering, so register r of the
    /// trace's frame is `SLOT_FIRST_REG + r`); a type-checking load is a guard.
    pub fn sload(&mut self, slot: u16, ty: IrType, mode: u16) -> Result<Ref, TraceError> {
        let ins = Ins::new(Op::SLOAD, ty, slot, mode);
        self.emit(if mode & ops::SLOAD_TYPECHECK != 0 { ins.guarded() } else { ins })
    }

    /// Emits a guard: the trace exits through the current snapshot when
    /// the comparison (or check) does not hold.
    pub fn guard(&mut self, op: Op, ty: IrType, a: Ref, b: Ref) -> Result<Ref, TraceError> {
        self.emit(Ins::new(op, ty, a.0, b.0).guarded())
    }

    /// Converts `a` from `src` to `dst` type; `flags` is CONV_CHECK or
    /// CONV_INDEX for a guarded number-to-int conversion.
    pub fn conv(&mut self, a: Ref, dst: IrType, src: IrType, flags: u16) -> Result<Ref, TraceError> {
        let mode = (dst as u16) << ops::CONV_DST_SHIFT | src as u16 | flags;
        let ins = Ins::new(Op::CONV, dst, a.0, mode);
        self.emit(if flags != 0 { ins.guarded() } else { ins })
    }

    /// Takes a snapshot covering the instructions emitted from now on.
    pub fn snapshot(&mut self, pc: u32, nslots: u16, mut entries: Vec<SnapEntry>) {
        entries.sort_by_key(|e| e.slot);
        let snap = Snapshot { at: self.top(), pc, nslots, entries, base: 0 };
        // A snapshot with no instruction after it is replaced by the new one.
        if self.snaps.last().is_some_and(|s| s.at == snap.at) {
            self.snaps.pop();
        }
        self.snaps.push(snap);
    }

    /// Turns an instruction into a NOP (it keeps its place in the numbering).
    pub fn nop(&mut self, r: Ref) {
        let ins = self.get_mut(r);
        ins.op = Op::NOP;
        ins.ty = IrType::Nil;
        ins.flags = 0;
        ins.op1 = 0;
        ins.op2 = 0;
    }

    /// Rebuilds the opcode chains after instructions were changed in place.
    pub fn rechain(&mut self) {
        self.chain = vec![0; Op::COUNT];
        for i in 0..self.insts.len() {
            let op = self.insts[i].op;
            self.insts[i].prev = self.chain[op as usize];
            self.chain[op as usize] = BIAS + i as u16;
        }
    }

    /// The snapshot that guards at `r` exit through.
    pub fn snap_for(&self, r: Ref) -> Option<usize> {
        self.snaps.iter().rposition(|s| s.at <= r)
    }

    /// The function slot of the innermost inlined frame of snapshot
    /// `snap`, if it has any: where the trace continuing from that exit
    /// has its slot 0 (as the exit handler's `restore_frames` rebuilds it).
    pub fn innermost_frame(&self, snap: usize) -> Option<u16> {
        let entries = &self.snaps[snap].entries;
        entries.iter().filter(|e| e.frame && self.int_of(e.val).is_some()).map(|e| e.slot - 1).last()
    }

    /// The function slot of the frame exit `snap` resumes in: the innermost
    /// inlined one, else the one at the trace's own level.
    pub fn resume_slot(&self, snap: usize) -> u16 {
        self.innermost_frame(snap).unwrap_or(self.snaps[snap].base)
    }
}

impl Ir {
    /// The instruction defining `r`, for rules that look through an operand
    /// to its definition. None for constants and for PHI-marked values: in a
    /// loop body those stand for the PHI (a value that changes every
    /// iteration), not for their pre-roll definition.
    pub fn def_of(&self, r: Ref) -> Option<&Ins> {
        let ins = self.get(r);
        (!r.is_const() && !ins.is_phi()).then_some(ins)
    }
}

#[cfg(test)]
mod tests {
    use super::ops::*;
    use super::*;
    use crate::opt::OptFlags;

    /// The recorder's view: emit through the builder, fold on the fly.
    #[test]
    fn too_many_instructions_or_constants_is_an_error() {
        let mut ir = Ir::new(OptFlags::none());
        for i in 0..MAX_CONSTS as i32 + 10 {
            ir.kint(i);
        }
        let one = ir.knum(1.0);
        assert_eq!(ir.emit_op(Op::ADD, IrType::Num, one, one), Err(TraceError::TooLong));
        let mut ir = Ir::new(OptFlags::none());
        let err = (0..MAX_INS + 1).map(|_| ir.emit_raw(Ins::new(Op::NOP, IrType::Nil, 0, 0))).find(|r| r.is_err());
        assert_eq!(err, Some(Err(TraceError::TooLong)));
    }

    #[test]
    fn builder_folds_interns_and_snapshots() {
        let mut ir = Ir::new(OptFlags::all());
        let f = ir.kgc(GcConst { ty: IrType::Func, addr: 0x40, bytes: None });
        ir.snapshot(3, 2, vec![]);
        let i = ir.sload(SLOT_FIRST_REG, IrType::Int, SLOAD_TYPECHECK).unwrap();
        assert_eq!(ir.sload(SLOT_FIRST_REG, IrType::Int, SLOAD_TYPECHECK).unwrap(), i);
        let one = ir.kint(1);
        let two = ir.kint(2);
        let k = ir.emit_op(Op::ADD, IrType::Int, one, two).unwrap();
        assert_eq!(ir.int_of(k), Some(3));
        let n = ir.conv(i, IrType::Num, IrType::Int, 0).unwrap();
        assert_eq!(ir.conv(n, IrType::Int, IrType::Num, CONV_CHECK).unwrap(), i);
        let pc = ir.kint(9);
        // An inlined call frame whose registers start at slot 5.
        ir.snapshot(
            4,
            6,
            vec![
                SnapEntry::value(2, i),
                SnapEntry::frame_func(5, f),
                SnapEntry::frame_link(5, pc),
                SnapEntry::value(5, k),
            ],
        );
        assert_eq!(ir.guard(Op::LT, IrType::Int, one, two), Ok(Ref::DROP));
        ir.guard(Op::LT, IrType::Int, i, two).unwrap();
        let text = ir.dump();
        assert_eq!(
            text,
            "\
....        SNAP   #0   [ ---- ---- ] @3
0001 >  int SLOAD  #2    T
0002    num CONV   0001  num.int
....        SNAP   #1   [ ---- ---- 0001 fun:0x40|+9|+3 ] @4
0003 >  int LT     0001  +2
"
        );
        assert_eq!(Ir::parse(&text, OptFlags::none()).unwrap().dump(), text);
    }
}

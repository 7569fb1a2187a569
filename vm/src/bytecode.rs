//! Neap's bytecode: fixed 32-bit instructions in LuaJIT's operand formats.
//!
//! An instruction is `op:8 | A:8 | C:8 | B:8` (low to high bits), or
//! `op:8 | A:8 | D:16` where D overlays C and B. Everything about an opcode
//! (name, operand kinds, meaning) is written once, in [`opcodes!`]; the enum,
//! the name table and the dumper all come from that list.
//!
//! Conventions shared by the compiler and the interpreter:
//! - Slots are relative to the frame base: slot 0 is the first parameter.
//!   Two slots sit below the base: the called function (base-2) and the
//!   frame link (base-1). This is LuaJIT's two-slot frame layout (`LJ_FR2`,
//!   used by its 64-bit builds), so Neap's bytecode for a program is the
//!   same as `luajit -bl` lists for it.
//! - A call at slot A: function in A, A+1 reserved for the frame link,
//!   arguments from A+2. Results land in A, A+1, ... (B-1 of them; B = 0
//!   means "all", setting MULTRES). C = number of arguments + 1.
//! - MULTRES is the count of values produced by the last multi-result
//!   instruction (CALLM/CALL with B=0, VARG with B=0); CALLM, CALLMT, RETM and
//!   TSETM consume it.
//! - Jumps: D holds `target - (pc + 1) + JUMP_BIAS`.
//! - Comparison and test instructions (ISLT .. ISF) are always followed by a
//!   JMP; when the condition holds, that JMP is taken, else it is skipped.
//! - Primitive constants (`pri`): 0 = nil, 1 = false, 2 = true.
//! - `num` operands index the prototype's number constants, `str`, `func` and
//!   `tab` operands index its GC constants (strings, child prototypes,
//!   template tables).
//! - pc 0 of every prototype holds its header instruction (FUNCF/FUNCV).

/// Bias added to signed jump offsets stored in D.
pub const JUMP_BIAS: i32 = 0x8000;
/// "No register" marker in A of a JMP that leaves no free slot information.
pub const NO_REG: u8 = 0xff;

/// Operand kinds, used by the dumper and by debug-info lookups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Unused operand.
    None,
    /// A slot (destination or source register).
    Var,
    /// A slot range base (call base, return base).
    Base,
    /// Destination slot.
    Dst,
    /// Read-only slot.
    Rbase,
    /// Unsigned 8-bit or 16-bit literal.
    Lit,
    /// Signed 16-bit literal.
    Lits,
    /// Primitive constant: nil/false/true.
    Pri,
    /// Index into the number constants.
    Num,
    /// Index into the GC constants (a string).
    Str,
    /// Index into the GC constants (a template table).
    Tab,
    /// Index into the GC constants (a child prototype).
    Func,
    /// Upvalue index.
    Uv,
    /// Jump target (biased offset).
    Jump,
}

macro_rules! opcodes {
    ($( $(#[$doc:meta])* $name:ident ($a:ident, $b:ident, $cd:ident); )*) => {
        /// A bytecode operation. See the module docs for operand conventions.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Op {
            $( $(#[$doc])* $name, )*
        }

        impl Op {
            /// Every opcode, in encoding order.
            pub const ALL: &'static [Op] = &[$(Op::$name),*];

            /// The opcode's name as the dumper prints it.
            pub fn name(self) -> &'static str {
                match self { $(Op::$name => stringify!($name),)* }
            }

            /// Operand kinds: (A, B, C-or-D). B is `Mode::None` for AD formats.
            pub fn modes(self) -> (Mode, Mode, Mode) {
                match self { $(Op::$name => (Mode::$a, Mode::$b, Mode::$cd),)* }
            }
        }
    };
}

opcodes! {
    // Comparisons, each followed by a JMP taken when the condition holds.
    /// A < D (both slots).
    ISLT(Var, None, Var);
    /// not (A < D).
    ISGE(Var, None, Var);
    /// A <= D.
    ISLE(Var, None, Var);
    /// not (A <= D).
    ISGT(Var, None, Var);
    /// A == D (slots).
    ISEQV(Var, None, Var);
    /// A ~= D (slots).
    ISNEV(Var, None, Var);
    /// A == str D.
    ISEQS(Var, None, Str);
    /// A ~= str D.
    ISNES(Var, None, Str);
    /// A == num D.
    ISEQN(Var, None, Num);
    /// A ~= num D.
    ISNEN(Var, None, Num);
    /// A == pri D.
    ISEQP(Var, None, Pri);
    /// A ~= pri D.
    ISNEP(Var, None, Pri);

    // Unary tests, followed by a JMP.
    /// If D is truthy: A = D and take the jump.
    ISTC(Dst, None, Var);
    /// If D is falsy: A = D and take the jump.
    ISFC(Dst, None, Var);
    /// Take the jump if D is truthy.
    IST(None, None, Var);
    /// Take the jump if D is falsy.
    ISF(None, None, Var);

    // Unary operations.
    /// A = D.
    MOV(Dst, None, Var);
    /// A = not D.
    NOT(Dst, None, Var);
    /// A = -D.
    UNM(Dst, None, Var);
    /// A = #D.
    LEN(Dst, None, Var);

    // Binary arithmetic. VN: slot op number; NV: number op slot; VV: slot op slot.
    /// A = B + num C.
    ADDVN(Dst, Var, Num);
    /// A = B - num C.
    SUBVN(Dst, Var, Num);
    /// A = B * num C.
    MULVN(Dst, Var, Num);
    /// A = B / num C.
    DIVVN(Dst, Var, Num);
    /// A = B % num C.
    MODVN(Dst, Var, Num);
    /// A = num C + B.
    ADDNV(Dst, Var, Num);
    /// A = num C - B.
    SUBNV(Dst, Var, Num);
    /// A = num C * B.
    MULNV(Dst, Var, Num);
    /// A = num C / B.
    DIVNV(Dst, Var, Num);
    /// A = num C % B.
    MODNV(Dst, Var, Num);
    /// A = B + C.
    ADDVV(Dst, Var, Var);
    /// A = B - C.
    SUBVV(Dst, Var, Var);
    /// A = B * C.
    MULVV(Dst, Var, Var);
    /// A = B / C.
    DIVVV(Dst, Var, Var);
    /// A = B % C.
    MODVV(Dst, Var, Var);
    /// A = B ^ C.
    POW(Dst, Var, Var);
    /// A = B .. B+1 .. ... .. C (C > B).
    CAT(Dst, Rbase, Rbase);

    // Constants.
    /// A = str D.
    KSTR(Dst, None, Str);
    /// A = D as a signed 16-bit integer.
    KSHORT(Dst, None, Lits);
    /// A = num D.
    KNUM(Dst, None, Num);
    /// A = pri D.
    KPRI(Dst, None, Pri);
    /// Slots A..=D = nil.
    KNIL(Base, None, Base);

    // Upvalues and closures.
    /// A = upvalue D.
    UGET(Dst, None, Uv);
    /// upvalue A = slot D.
    USETV(Uv, None, Var);
    /// upvalue A = str D.
    USETS(Uv, None, Str);
    /// upvalue A = num D.
    USETN(Uv, None, Num);
    /// upvalue A = pri D.
    USETP(Uv, None, Pri);
    /// Close upvalues of slots >= A, then jump to D.
    UCLO(Rbase, None, Jump);
    /// A = new closure of child prototype D.
    FNEW(Dst, None, Func);

    // Tables.
    /// A = new table; D = array size (low 11 bits) | log2 hash size << 11.
    TNEW(Dst, None, Lit);
    /// A = copy of template table D.
    TDUP(Dst, None, Tab);
    /// A = _ENV[str D] (the function's environment table).
    GGET(Dst, None, Str);
    /// _ENV[str D] = A.
    GSET(Var, None, Str);
    /// A = B[C].
    TGETV(Dst, Var, Var);
    /// A = B[str C].
    TGETS(Dst, Var, Str);
    /// A = B[C] with C an 8-bit literal.
    TGETB(Dst, Var, Lit);
    /// B[C] = A.
    TSETV(Var, Var, Var);
    /// B[str C] = A.
    TSETS(Var, Var, Str);
    /// B[C] = A with C an 8-bit literal.
    TSETB(Var, Var, Lit);
    /// (A-1)[i], (A-1)[i+1], ... = A, A+1, ..., A+MULTRES-1 where i is the
    /// integer in num D.
    TSETM(Base, None, Num);

    // Calls and iteration.
    /// A, ..., A+B-2 = A(A+2, ..., A+C+MULTRES+1): C fixed arguments, then
    /// MULTRES more.
    CALLM(Base, Lit, Lit);
    /// A, ..., A+B-2 = A(A+2, ..., A+C): C-1 arguments.
    CALL(Base, Lit, Lit);
    /// return A(A+2, ..., A+D+MULTRES+1): D fixed arguments, then MULTRES.
    CALLMT(Base, None, Lit);
    /// return A(A+2, ..., A+D): D-1 arguments.
    CALLT(Base, None, Lit);
    /// Generic for iterator call: A, A+2, A+3 = A-3, A-2, A-1;
    /// then A, ..., A+B-2 = A(A+2, A+3). C is always 3.
    ITERC(Base, Lit, Lit);
    /// Like ITERC, specialised for `next` (the interpreter may treat it as ITERC).
    ITERN(Base, Lit, Lit);
    /// A, ..., A+B-2 = ... (the varargs); B = 0 copies them all (MULTRES).
    VARG(Base, Lit, Lit);
    /// Checks the ITERN specialisation and jumps to D (the ITERN/ITERC).
    ISNEXT(Base, None, Jump);

    // Returns.
    /// return A, ..., A+D+MULTRES-1: D fixed values, then MULTRES.
    RETM(Base, None, Lit);
    /// return A, ..., A+D-2.
    RET(Rbase, None, Lit);
    /// return (no values).
    RET0(Rbase, None, Lit);
    /// return A.
    RET1(Rbase, None, Lit);

    // Loops and branches.
    /// Numeric for init. A = index, A+1 = stop, A+2 = step, A+3 = visible
    /// copy of the index. Jump to D (past the loop) if it runs zero times.
    FORI(Base, None, Jump);
    /// Numeric for step: index += step; if in range, A+3 = index and jump
    /// back to D (loop body start). Hot-counted.
    FORL(Base, None, Jump);
    /// Generic for step: if A ~= nil then A-1 = A and jump back to D.
    /// Hot-counted.
    ITERL(Base, None, Jump);
    /// Top of a while/repeat loop; D points past the loop. Hot-counted; a
    /// no-op for the interpreter otherwise.
    LOOP(Rbase, None, Jump);
    /// Jump to D. A is the first free slot at this point.
    JMP(Rbase, None, Jump);

    // Bit operations (the backported operators `~ & | ~ << >> ~>>`). The
    // operands must be numbers (strings are not coerced, no metamethods);
    // each is converted to a 32-bit integer like `bit.tobit` (rounding to
    // nearest, even on ties, modulo 2^32). Shift counts use their low 5 bits.
    /// A = ~D.
    BNOT(Dst, None, Var);
    /// A = B & C.
    BAND(Dst, Var, Var);
    /// A = B | C.
    BOR(Dst, Var, Var);
    /// A = B ~ C (exclusive or).
    BXOR(Dst, Var, Var);
    /// A = B << C.
    BSHL(Dst, Var, Var);
    /// A = B >> C (logical: zeros shifted in).
    BSHR(Dst, Var, Var);
    /// A = B ~>> C (arithmetic: the sign bit shifted in).
    BSAR(Dst, Var, Var);

    // Function headers (pc 0 of each prototype).
    /// Fixed-argument Lua function; A = frame size.
    FUNCF(Rbase, None, None);
    /// Vararg Lua function; A = frame size.
    FUNCV(Rbase, None, None);
}

/// One 32-bit instruction.
///
/// Invariant: the low byte is always a valid [`Op`]. Only the constructors
/// and `set_op` (which take an `Op`) write it; code in this crate may patch
/// the other fields through `.0`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Ins(pub(crate) u32);

impl Ins {
    pub fn abc(op: Op, a: u8, b: u8, c: u8) -> Ins {
        Ins(op as u32 | (a as u32) << 8 | (c as u32) << 16 | (b as u32) << 24)
    }
    pub fn ad(op: Op, a: u8, d: u16) -> Ins {
        Ins(op as u32 | (a as u32) << 8 | (d as u32) << 16)
    }
    /// A jump-format instruction to `target`, placed at `pc`.
    pub fn jump(op: Op, a: u8, pc: usize, target: usize) -> Ins {
        Ins::ad(op, a, jump_operand(pc, target))
    }
    #[inline(always)]
    pub fn op(self) -> Op {
        let byte = self.0 as u8;
        debug_assert!((byte as usize) < Op::ALL.len());
        // By the type's invariant the low byte is a valid `Op` discriminant
        // (`Op` is `repr(u8)` with discriminants 0..ALL.len()).
        unsafe { std::mem::transmute::<u8, Op>(byte) }
    }
    #[inline(always)]
    pub fn a(self) -> u8 {
        (self.0 >> 8) as u8
    }
    #[inline(always)]
    pub fn b(self) -> u8 {
        (self.0 >> 24) as u8
    }
    #[inline(always)]
    pub fn c(self) -> u8 {
        (self.0 >> 16) as u8
    }
    #[inline(always)]
    pub fn d(self) -> u16 {
        (self.0 >> 16) as u16
    }
    /// D read as a signed 16-bit literal (KSHORT).
    #[inline(always)]
    pub fn sd(self) -> i16 {
        (self.0 >> 16) as u16 as i16
    }
    /// Target pc of a jump-format instruction at `pc`.
    #[inline(always)]
    pub fn jump_target(self, pc: usize) -> usize {
        (pc as isize + 1 + self.d() as isize - JUMP_BIAS as isize) as usize
    }
    pub fn set_a(&mut self, a: u8) {
        self.0 = (self.0 & !0xff00) | (a as u32) << 8;
    }
    pub fn set_d(&mut self, d: u16) {
        self.0 = (self.0 & 0xffff) | (d as u32) << 16;
    }
    pub fn set_op(&mut self, op: Op) {
        self.0 = (self.0 & !0xff) | op as u32;
    }
}

/// The D operand of a jump at `pc` to `target`.
pub fn jump_operand(pc: usize, target: usize) -> u16 {
    (target as isize - (pc as isize + 1) + JUMP_BIAS as isize) as u16
}

impl Ins {
    /// The raw 32 bits.
    pub fn bits(self) -> u32 {
        self.0
    }
}

impl std::fmt::Debug for Ins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (_, mb, _) = self.op().modes();
        if mb == Mode::None {
            write!(f, "{:<6} {:3} {:5}", self.op().name(), self.a(), self.d())
        } else {
            write!(f, "{:<6} {:3} {:3} {:3}", self.op().name(), self.a(), self.b(), self.c())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let i = Ins::abc(Op::ADDVV, 1, 2, 3);
        assert_eq!((i.op(), i.a(), i.b(), i.c()), (Op::ADDVV, 1, 2, 3));
        let j = Ins::ad(Op::KSHORT, 4, (-5i16) as u16);
        assert_eq!((j.op(), j.a(), j.sd()), (Op::KSHORT, 4, -5));
    }

    #[test]
    fn jumps_round_trip() {
        for (pc, target) in [(10usize, 3usize), (3, 10), (7, 8), (0, 0)] {
            let i = Ins::jump(Op::JMP, NO_REG, pc, target);
            assert_eq!(i.jump_target(pc), target);
        }
    }

    #[test]
    fn opcode_bytes_index_all() {
        for (n, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, n);
        }
    }
}

//! The IR opcode list. Everything that depends on the set of opcodes (the
//! enum, the printed names, the operand modes, the kind that tells the
//! optimiser what an instruction may do) comes from the one table below.

/// What an operand field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// An IR reference (instruction or constant).
    Ref,
    /// A literal number whose meaning depends on the opcode (slot, field...).
    Lit,
    /// Part of a constant's payload.
    Cst,
    /// Unused.
    None,
}

/// What the optimiser may assume about an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Pure: may be folded, CSE'd and removed when unused.
    Normal,
    /// Pure address computation (CSE'd, removed when unused).
    Ref,
    /// Allocation: never CSE'd, removed when unused.
    Alloc,
    /// Memory read: CSE'd only by the load forwarding pass, removed when unused.
    Load,
    /// Memory write: never CSE'd, never removed.
    Store,
    /// Control or side effect (LOOP, PHI, calls...): never CSE'd or removed.
    Effect,
}

macro_rules! ir_ops {
    ($( $op:ident $kind:ident $m1:ident $m2:ident ; )*) => {
        /// An IR opcode.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Op { $($op),* }

        impl Op {
            /// Every opcode, in table order.
            pub const ALL: &'static [Op] = &[$(Op::$op),*];
            pub const COUNT: usize = Op::ALL.len();

            /// The name printed in listings.
            pub fn name(self) -> &'static str {
                match self { $(Op::$op => stringify!($op)),* }
            }

            pub fn kind(self) -> Kind {
                match self { $(Op::$op => Kind::$kind),* }
            }

            /// Operand modes of (op1, op2).
            pub fn modes(self) -> (Mode, Mode) {
                match self { $(Op::$op => (Mode::$m1, Mode::$m2)),* }
            }

            pub fn from_name(name: &str) -> Option<Op> {
                match name { $(stringify!($op) => Some(Op::$op),)* _ => None }
            }
        }
    };
}

// Order matters in one place: the eight comparisons come first, in pairs
// whose second member is the inverse of the first (LT/GE, LE/GT...), so the
// inverse of a comparison is `op ^ 1`, as in LuaJIT.
ir_ops! {
    LT Normal Ref Ref;
    GE Normal Ref Ref;
    LE Normal Ref Ref;
    GT Normal Ref Ref;
    ULT Normal Ref Ref;
    UGE Normal Ref Ref;
    ULE Normal Ref Ref;
    UGT Normal Ref Ref;
    EQ Normal Ref Ref;
    NE Normal Ref Ref;
    ABC Normal Ref Ref;
    RETF Store Ref Ref;

    NOP Normal None None;
    BASE Normal Lit Lit;
    GCSTEP Effect None None;
    LOOP Effect None None;
    USE Effect Ref None;
    PHI Effect Ref Ref;
    RENAME Effect Ref Lit;

    KPRI Normal None None;
    KINT Normal Cst None;
    KGC Normal Cst None;
    KPTR Normal Cst None;
    KNUM Normal Cst None;
    KINT64 Normal Cst None;
    KSLOT Normal Ref Lit;

    BNOT Normal Ref None;
    BSWAP Normal Ref None;
    BAND Normal Ref Ref;
    BOR Normal Ref Ref;
    BXOR Normal Ref Ref;
    BSHL Normal Ref Ref;
    BSHR Normal Ref Ref;
    BSAR Normal Ref Ref;
    BROL Normal Ref Ref;
    BROR Normal Ref Ref;

    ADD Normal Ref Ref;
    SUB Normal Ref Ref;
    MUL Normal Ref Ref;
    DIV Normal Ref Ref;
    MOD Normal Ref Ref;
    POW Normal Ref Ref;
    NEG Normal Ref None;
    ABS Normal Ref None;
    MIN Normal Ref Ref;
    MAX Normal Ref Ref;
    FPMATH Normal Ref Lit;
    ADDOV Normal Ref Ref;
    SUBOV Normal Ref Ref;
    MULOV Normal Ref Ref;

    AREF Ref Ref Ref;
    HREFK Ref Ref Ref;
    HREF Load Ref Ref;
    NEWREF Store Ref Ref;
    UREFO Ref Ref Lit;
    UREFC Ref Ref Lit;
    FREF Ref Ref Lit;
    STRREF Normal Ref Ref;

    ALOAD Load Ref None;
    HLOAD Load Ref None;
    ULOAD Load Ref None;
    FLOAD Load Ref Lit;
    SLOAD Load Lit Lit;
    ALEN Load Ref Ref;

    ASTORE Store Ref Ref;
    HSTORE Store Ref Ref;
    USTORE Store Ref Ref;
    FSTORE Store Ref Ref;

    SNEW Normal Ref Ref;
    TNEW Alloc Lit Lit;
    TDUP Alloc Ref None;

    TBAR Store Ref None;
    OBAR Store Ref Ref;

    CONV Normal Ref Lit;
    TOBIT Normal Ref None;
    TOSTR Normal Ref Lit;
    STRTO Normal Ref None;

    CALLN Normal Ref Lit;
    CALLL Load Ref Lit;
    CALLS Effect Ref Lit;
    CARG Normal Ref Ref;
}

impl Op {
    /// The comparison with the opposite outcome (LT <-> GE, EQ <-> NE...).
    pub fn inverse_compare(self) -> Option<Op> {
        let i = self as usize;
        if i < Op::NE as usize + 1 {
            Some(Op::ALL[i ^ 1])
        } else {
            None
        }
    }

    pub fn is_compare(self) -> bool {
        (self as usize) <= Op::NE as usize
    }

    pub fn is_const(self) -> bool {
        (Op::KPRI as usize..=Op::KSLOT as usize).contains(&(self as usize))
    }

    /// Operands may be swapped without changing the result (for integer
    /// operands; floating-point callers check NaN operands themselves).
    pub fn is_commutative(self) -> bool {
        matches!(self, Op::EQ | Op::NE | Op::ADD | Op::MUL | Op::BAND | Op::BOR | Op::BXOR | Op::ADDOV | Op::MULOV)
    }
}

/// Sub-operations of FPMATH.
pub const FPM_FLOOR: u16 = 0;
pub const FPM_CEIL: u16 = 1;
pub const FPM_TRUNC: u16 = 2;
pub const FPM_SQRT: u16 = 3;
pub const FPM_NAMES: [&str; 4] = ["floor", "ceil", "trunc", "sqrt"];

/// Fields for FLOAD/FREF, printed as `tab.meta` etc.
pub const FIELD_NAMES: [&str; 8] =
    ["str.len", "func.env", "func.pc", "tab.meta", "tab.array", "tab.node", "tab.asize", "tab.hmask"];

/// SLOAD mode flags (op2), printed as letters in this order.
pub const SLOAD_PARENT: u16 = 0x01;
pub const SLOAD_FRAME: u16 = 0x02;
pub const SLOAD_TYPECHECK: u16 = 0x04;
pub const SLOAD_CONVERT: u16 = 0x08;
pub const SLOAD_READONLY: u16 = 0x10;
pub const SLOAD_INHERIT: u16 = 0x20;
pub const SLOAD_LETTERS: &str = "PFTCRI";

/// CONV op2: destination type << 5 | source type, plus these flags.
pub const CONV_SRC_MASK: u16 = 0x1f;
pub const CONV_DST_SHIFT: u16 = 5;
/// Guarded: exit unless the conversion is exact.
pub const CONV_CHECK: u16 = 0x400;
/// An array index: checked by the bounds check that uses it instead.
pub const CONV_INDEX: u16 = 0x800;

/// Whether `x` passes a guarded `CONV int.num` with flags `op2`: integral
/// and in the int range, and not -0 unless the conversion makes a table
/// key (-0 is the key 0).
pub fn conv_int_exact(x: f64, op2: u16) -> bool {
    let t = x.trunc();
    let fits = t >= i32::MIN as f64 && t <= i32::MAX as f64;
    let minus_zero = x == 0.0 && x.is_sign_negative();
    fits && t == x && !(minus_zero && op2 & CONV_CHECK != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_compares_pair_up() {
        for &op in Op::ALL {
            assert_eq!(Op::from_name(op.name()), Some(op));
        }
        assert_eq!(Op::LT.inverse_compare(), Some(Op::GE));
        assert_eq!(Op::GT.inverse_compare(), Some(Op::LE));
        assert_eq!(Op::NE.inverse_compare(), Some(Op::EQ));
        assert_eq!(Op::ABC.inverse_compare(), None);
    }
}

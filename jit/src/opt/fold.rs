//! Constant folding and algebraic simplification, as a table of named rules
//! in the spirit of LuaJIT's lj_opt_fold.c. Each rule can be switched off by
//! name (`-rule:NAME`).
//!
//! Floating-point rules must give the exact IEEE result the interpreter
//! would compute, bit for bit, including NaN signs and -0. So: constants
//! fold with the interpreter's own arithmetic (`neap_vm::meta`), `x + 0` is
//! not `x` (it turns -0 into +0) but `x + -0` is, `x * -1` is not `-x` (NEG
//! flips a NaN's sign, the multiply keeps it), operands swap only when that
//! cannot change which NaN comes out, and `x ^ 2` stays a POW (the
//! interpreter calls pow, and pow(x, 2) need not round like x * x).

use crate::ir::ops::*;
use crate::ir::{Ins, Ir, IrType, Op, Ref, TraceError};
use neap_vm::meta::{floor, Arith};

/// What folding made of an instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Folded {
    /// Emit it unchanged.
    Keep,
    /// Use this existing reference or constant instead.
    To(Ref),
    /// A guard that always holds: drop it.
    Drop,
    /// Look again at this rewritten instruction.
    Retry(Ins),
}

type RuleFn = fn(&mut Ir, &Ins) -> Result<Option<Folded>, TraceError>;

/// One rewrite rule: the opcodes it looks at and what it does.
pub struct Rule {
    pub name: &'static str,
    pub ops: &'static [Op],
    apply: RuleFn,
}

const NUM_BINARY: &[Op] = &[Op::ADD, Op::SUB, Op::MUL, Op::DIV, Op::MOD, Op::POW];
const INT_BINARY: &[Op] =
    &[Op::ADD, Op::SUB, Op::MUL, Op::BAND, Op::BOR, Op::BXOR, Op::BSHL, Op::BSHR, Op::BSAR, Op::BROL, Op::BROR];
const COMPARES: &[Op] = &[Op::LT, Op::GE, Op::LE, Op::GT, Op::ULT, Op::UGE, Op::ULE, Op::UGT, Op::EQ, Op::NE];

/// The rules, tried in this order; the first that applies wins.
pub static RULES: &[Rule] = &[
    Rule { name: "kfold_numarith", ops: NUM_BINARY, apply: kfold_numarith },
    Rule { name: "kfold_numunary", ops: &[Op::NEG, Op::ABS, Op::FPMATH], apply: kfold_numunary },
    Rule { name: "kfold_intarith", ops: INT_BINARY, apply: kfold_intarith },
    Rule { name: "kfold_intunary", ops: &[Op::NEG, Op::BNOT, Op::BSWAP], apply: kfold_intunary },
    Rule { name: "kfold_intov", ops: &[Op::ADDOV, Op::SUBOV, Op::MULOV], apply: kfold_intov },
    Rule { name: "kfold_intcomp", ops: COMPARES, apply: kfold_intcomp },
    Rule { name: "kfold_numcomp", ops: COMPARES, apply: kfold_numcomp },
    Rule { name: "kfold_abc", ops: &[Op::ABC], apply: kfold_abc },
    Rule { name: "kfold_conv", ops: &[Op::CONV], apply: kfold_conv },
    Rule { name: "conv_roundtrip", ops: &[Op::CONV], apply: conv_roundtrip },
    Rule {
        name: "comm_swap",
        ops: &[Op::ADD, Op::MUL, Op::BAND, Op::BOR, Op::BXOR, Op::EQ, Op::NE, Op::ADDOV, Op::MULOV],
        apply: comm_swap,
    },
    Rule { name: "compare_self", ops: COMPARES, apply: compare_self },
    Rule { name: "simplify_numadd_negzero", ops: &[Op::ADD], apply: simplify_numadd_negzero },
    Rule { name: "simplify_numsub_zero", ops: &[Op::SUB], apply: simplify_numsub_zero },
    Rule { name: "simplify_nummuldiv_one", ops: &[Op::MUL, Op::DIV], apply: simplify_nummuldiv_one },
    Rule { name: "simplify_nummul_two", ops: &[Op::MUL], apply: simplify_nummul_two },
    Rule { name: "simplify_numpow_zero", ops: &[Op::POW], apply: simplify_numpow_zero },
    Rule { name: "simplify_neg_neg", ops: &[Op::NEG, Op::BNOT], apply: simplify_neg_neg },
    Rule {
        name: "simplify_int_k",
        ops: &[
            Op::ADD,
            Op::SUB,
            Op::MUL,
            Op::BAND,
            Op::BOR,
            Op::BXOR,
            Op::BSHL,
            Op::BSHR,
            Op::BSAR,
            Op::BROL,
            Op::BROR,
            Op::ADDOV,
            Op::SUBOV,
            Op::MULOV,
        ],
        apply: simplify_int_k,
    },
    Rule { name: "simplify_int_self", ops: &[Op::SUB, Op::BXOR, Op::BAND, Op::BOR], apply: simplify_int_self },
    Rule { name: "simplify_intsub_k", ops: &[Op::SUB], apply: simplify_intsub_k },
    Rule { name: "reassoc_intadd_k", ops: &[Op::ADD], apply: reassoc_intadd_k },
];

/// Applies the first matching enabled rule.
pub fn fold(ir: &mut Ir, ins: &Ins) -> Result<Folded, TraceError> {
    for rule in RULES {
        if !rule.ops.contains(&ins.op) || !ir.opts.rule_enabled(rule.name) {
            continue;
        }
        if let Some(f) = (rule.apply)(ir, ins)? {
            return Ok(f);
        }
    }
    Ok(Folded::Keep)
}

fn nums(ir: &Ir, ins: &Ins) -> Option<(f64, f64)> {
    Some((ir.num_of(ins.a())?, ir.num_of(ins.b())?))
}

fn ints(ir: &Ir, ins: &Ins) -> Option<(i32, i32)> {
    Some((ir.int_of(ins.a())?, ir.int_of(ins.b())?))
}

fn to_num(ir: &mut Ir, v: f64) -> Result<Option<Folded>, TraceError> {
    Ok(Some(Folded::To(ir.knum(v))))
}

fn to_int(ir: &mut Ir, v: i32) -> Result<Option<Folded>, TraceError> {
    Ok(Some(Folded::To(ir.kint(v))))
}

/// A guard's outcome is known.
fn guard_outcome(holds: bool) -> Result<Option<Folded>, TraceError> {
    if holds {
        Ok(Some(Folded::Drop))
    } else {
        Err(TraceError::GuardFails)
    }
}

/// The interpreter's arithmetic for an arithmetic opcode.
pub fn arith_of(op: Op) -> Option<Arith> {
    Some(match op {
        Op::ADD => Arith::Add,
        Op::SUB => Arith::Sub,
        Op::MUL => Arith::Mul,
        Op::DIV => Arith::Div,
        Op::MOD => Arith::Mod,
        Op::POW => Arith::Pow,
        _ => return None,
    })
}

fn kfold_numarith(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let (Some((a, b)), Some(arith)) = (nums(ir, ins), arith_of(ins.op)) else { return Ok(None) };
    to_num(ir, arith.apply(a, b))
}

/// FPMATH sub-operations the interpreter computes exactly this way.
pub fn fpmath(mode: u16, x: f64) -> Option<f64> {
    match mode {
        FPM_FLOOR => Some(floor(x)),
        // sqrt is correctly rounded in IEEE 754, in every implementation.
        FPM_SQRT => Some(x.sqrt()),
        _ => None,
    }
}

fn kfold_numunary(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let Some(x) = ir.num_of(ins.a()) else { return Ok(None) };
    let v = match ins.op {
        Op::NEG => -x,
        Op::ABS => x.abs(),
        _ => match fpmath(ins.op2, x) {
            Some(v) => v,
            None => return Ok(None),
        },
    };
    to_num(ir, v)
}

/// Integer arithmetic as the IR defines it: wrapping, shift counts mod 32.
pub fn int_arith(op: Op, a: i32, b: i32) -> Option<i32> {
    let s = (b & 31) as u32;
    Some(match op {
        Op::ADD => a.wrapping_add(b),
        Op::SUB => a.wrapping_sub(b),
        Op::MUL => a.wrapping_mul(b),
        Op::BAND => a & b,
        Op::BOR => a | b,
        Op::BXOR => a ^ b,
        Op::BSHL => a.wrapping_shl(s),
        Op::BSHR => ((a as u32) >> s) as i32,
        Op::BSAR => a >> s,
        Op::BROL => a.rotate_left(s),
        Op::BROR => a.rotate_right(s),
        _ => return None,
    })
}

fn kfold_intarith(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    match (ins.ty == IrType::Int).then(|| ints(ir, ins)).flatten() {
        Some((a, b)) => to_int(ir, int_arith(ins.op, a, b).unwrap_or(0)),
        None => Ok(None),
    }
}

fn kfold_intunary(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let Some(x) = ir.int_of(ins.a()).filter(|_| ins.ty == IrType::Int) else { return Ok(None) };
    let v = match ins.op {
        Op::NEG => x.wrapping_neg(),
        Op::BNOT => !x,
        _ => x.swap_bytes(),
    };
    to_int(ir, v)
}

/// Checked integer arithmetic, the exact int version of number arithmetic
/// on ints: None (the guard exits) where the number result is not an int.
/// That is overflow, and for MULOV also a zero result with a negative
/// operand, which as a number is -0 (found by the property test).
pub fn int_arith_checked(op: Op, a: i32, b: i32) -> Option<i32> {
    match op {
        Op::ADDOV => a.checked_add(b),
        Op::SUBOV => a.checked_sub(b),
        Op::MULOV => a.checked_mul(b).filter(|&v| v != 0 || (a >= 0 && b >= 0)),
        _ => None,
    }
}

fn kfold_intov(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    match ints(ir, ins).and_then(|(a, b)| int_arith_checked(ins.op, a, b)) {
        Some(v) => to_int(ir, v),
        // Overflow: the guard fails at run time; keep it (LuaJIT does too).
        None => Ok(None),
    }
}

/// An integer comparison; the U variants compare as unsigned.
pub fn int_compare(op: Op, a: i32, b: i32) -> bool {
    let (ua, ub) = (a as u32, b as u32);
    match op {
        Op::LT => a < b,
        Op::GE => a >= b,
        Op::LE => a <= b,
        Op::GT => a > b,
        Op::ULT => ua < ub,
        Op::UGE => ua >= ub,
        Op::ULE => ua <= ub,
        Op::UGT => ua > ub,
        Op::EQ => a == b,
        _ => a != b,
    }
}

/// A number comparison. GE and GT are the negations of LT and LE (true
/// when unordered), so `not (a < b)` records as GE; the U variants are the
/// unordered-true forms of the others, as in LuaJIT.
pub fn num_compare(op: Op, a: f64, b: f64) -> bool {
    match op {
        Op::LT => a < b,
        Op::GE => !(a < b),
        Op::LE => a <= b,
        Op::GT => !(a <= b),
        Op::ULT => !(a >= b),
        Op::UGE => a >= b,
        Op::ULE => !(a > b),
        Op::UGT => a > b,
        Op::EQ => a == b,
        _ => a != b,
    }
}

fn kfold_intcomp(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    match ints(ir, ins) {
        Some((a, b)) => guard_outcome(int_compare(ins.op, a, b)),
        None => Ok(None),
    }
}

fn kfold_numcomp(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    match nums(ir, ins) {
        Some((a, b)) => guard_outcome(num_compare(ins.op, a, b)),
        None => Ok(None),
    }
}

/// ABC len idx: the index is within 0..len (unsigned compare).
fn kfold_abc(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    match ints(ir, ins) {
        Some((len, idx)) => guard_outcome((idx as u32) < (len as u32)),
        None => Ok(None),
    }
}

fn conv_types(mode: u16) -> (u16, u16) {
    (mode >> CONV_DST_SHIFT & CONV_SRC_MASK, mode & CONV_SRC_MASK)
}

const NUM: u16 = IrType::Num as u16;
const INT: u16 = IrType::Int as u16;

fn kfold_conv(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    match conv_types(ins.op2) {
        (NUM, INT) => match ir.int_of(ins.a()) {
            Some(i) => to_num(ir, i as f64),
            None => Ok(None),
        },
        (INT, NUM) => {
            let Some(x) = ir.num_of(ins.a()) else { return Ok(None) };
            let t = x.trunc();
            let fits = t >= i32::MIN as f64 && t <= i32::MAX as f64;
            if ins.op2 & (CONV_CHECK | CONV_INDEX) != 0 {
                if conv_int_exact(x, ins.op2) {
                    to_int(ir, t as i32)
                } else {
                    Err(TraceError::GuardFails)
                }
            } else if fits {
                to_int(ir, t as i32)
            } else {
                Ok(None)
            }
        }
        _ => Ok(None),
    }
}

/// int -> num -> int gives back the int exactly.
fn conv_roundtrip(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    if conv_types(ins.op2) != (INT, NUM) {
        return Ok(None);
    }
    let Some(&inner) = ir.def_of(ins.a()) else { return Ok(None) };
    if inner.op == Op::CONV && conv_types(inner.op2) == (NUM, INT) {
        return Ok(Some(Folded::To(inner.a())));
    }
    Ok(None)
}

/// Constant operands go right, so later rules and CSE see one form. For
/// numbers only when the constant is not NaN: with two NaN operands the
/// hardware returns the first, and NaN signs are observable (`-nan`).
fn comm_swap(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    if !ins.a().is_const() || ins.b().is_const() {
        return Ok(None);
    }
    if ir.num_of(ins.a()).is_some_and(f64::is_nan) {
        return Ok(None);
    }
    let mut n = *ins;
    std::mem::swap(&mut n.op1, &mut n.op2);
    Ok(Some(Folded::Retry(n)))
}

/// `x OP x`: decided for integers and for non-number values; for numbers
/// only EQ/NE of a non-number type (NaN is not equal to itself).
fn compare_self(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    if ins.op1 != ins.op2 || ins.a().is_const() {
        return Ok(None);
    }
    let ty = ir.get(ins.a()).ty;
    if ty == IrType::Num || ty == IrType::Float {
        return Ok(None);
    }
    guard_outcome(matches!(ins.op, Op::GE | Op::LE | Op::UGE | Op::ULE | Op::EQ))
}

fn is_num_k(ir: &Ir, r: Ref, bits: u64) -> bool {
    ir.num_of(r).is_some_and(|v| v.to_bits() == bits)
}

/// x + -0 = x for every x (+0 + -0 = +0, -0 + -0 = -0, NaN stays).
fn simplify_numadd_negzero(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let hit = ins.ty == IrType::Num && is_num_k(ir, ins.b(), (-0.0f64).to_bits());
    Ok(hit.then_some(Folded::To(ins.a())))
}

/// x - +0 = x for every x.
fn simplify_numsub_zero(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let hit = ins.ty == IrType::Num && is_num_k(ir, ins.b(), 0.0f64.to_bits());
    Ok(hit.then_some(Folded::To(ins.a())))
}

/// x * 1 = x / 1 = x for every x (a NaN operand comes out as it went in).
fn simplify_nummuldiv_one(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let hit = ins.ty == IrType::Num && is_num_k(ir, ins.b(), 1.0f64.to_bits());
    Ok(hit.then_some(Folded::To(ins.a())))
}

/// x * 2 = x + x, one rounding each, same NaN.
fn simplify_nummul_two(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    if ins.ty != IrType::Num || !is_num_k(ir, ins.b(), 2.0f64.to_bits()) {
        return Ok(None);
    }
    Ok(Some(Folded::Retry(Ins::new(Op::ADD, IrType::Num, ins.op1, ins.op1))))
}

/// x ^ ±0 = 1 for every x, NaN included (C99 Annex F, which the
/// interpreter's pow follows).
fn simplify_numpow_zero(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let zero = ir.num_of(ins.b()).is_some_and(|v| v == 0.0);
    if ins.ty != IrType::Num || !zero {
        return Ok(None);
    }
    to_num(ir, 1.0)
}

/// -(-x) = x and ~~x = x, bit for bit.
fn simplify_neg_neg(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let Some(inner) = ir.def_of(ins.a()) else { return Ok(None) };
    let hit = inner.op == ins.op && inner.ty == ins.ty;
    Ok(hit.then_some(Folded::To(inner.a())))
}

/// Integer identities with a constant right operand.
fn simplify_int_k(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let Some(k) = ir.int_of(ins.b()).filter(|_| ins.ty == IrType::Int) else { return Ok(None) };
    let x = Folded::To(ins.a());
    Ok(match (ins.op, k) {
        (Op::ADD | Op::SUB | Op::BOR | Op::BXOR | Op::ADDOV | Op::SUBOV, 0) => Some(x),
        (Op::BSHL | Op::BSHR | Op::BSAR | Op::BROL | Op::BROR, k) if k & 31 == 0 => Some(x),
        (Op::MUL | Op::MULOV, 1) => Some(x),
        (Op::BAND, -1) => Some(x),
        // Not MULOV: x * 0 is -0 for negative x, so the guard must stay.
        (Op::MUL | Op::BAND, 0) => Some(Folded::To(ins.b())),
        (Op::BOR, -1) => Some(Folded::To(ins.b())),
        _ => None,
    })
}

/// x - x = 0, x ^ x = 0, x & x = x | x = x for integers.
fn simplify_int_self(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    if ins.ty != IrType::Int || ins.op1 != ins.op2 {
        return Ok(None);
    }
    match ins.op {
        Op::SUB | Op::BXOR => to_int(ir, 0),
        _ => Ok(Some(Folded::To(ins.a()))),
    }
}

/// x - k = x + (-k) in wrapping integer arithmetic.
fn simplify_intsub_k(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let Some(k) = ir.int_of(ins.b()).filter(|_| ins.ty == IrType::Int) else { return Ok(None) };
    let nk = ir.kint(k.wrapping_neg());
    Ok(Some(Folded::Retry(Ins::new(Op::ADD, IrType::Int, ins.op1, nk.0))))
}

/// (x + k1) + k2 = x + (k1 + k2) in wrapping integer arithmetic.
fn reassoc_intadd_k(ir: &mut Ir, ins: &Ins) -> Result<Option<Folded>, TraceError> {
    let Some(k2) = ir.int_of(ins.b()).filter(|_| ins.ty == IrType::Int) else { return Ok(None) };
    let Some(&inner) = ir.def_of(ins.a()) else { return Ok(None) };
    let Some(k1) = (inner.op == Op::ADD && inner.ty == IrType::Int).then(|| ir.int_of(inner.b())).flatten() else {
        return Ok(None);
    };
    let k = ir.kint(k1.wrapping_add(k2));
    Ok(Some(Folded::Retry(Ins::new(Op::ADD, IrType::Int, inner.op1, k.0))))
}

#[cfg(test)]
mod tests {
    use crate::opt::filetest::run_filetest;

    #[test]
    fn constants_fold() {
        run_filetest(
            "fold",
            "
0001    num ADD    +1.5  +2.0
0002    num MOD    -5.0  +3.0
0003    num POW    +2.0  +0.5
0004    int ADD    +2147483647  +1
0005    int BSHL   +1  +33
0006    num NEG    +0.0
0007    num FPMATH -1.5  floor
0008 >  int CONV   +3.0  int.num check
0009    num CONV   -7  num.int
0010 >  int LT     +1  +2
0011 >  num GE     nan  +1.0
0012    num ADD    0001  0002
0013    num ADD    0012  0003
0014    int ADD    0004  0005
0015    int ADD    0014  0008
0016    num ADD    0006  0007
0017    num ADD    0016  0009
0018 >  num SLOAD  #2    T
0019    num ADD    0018  0017
0020    num ADD    0019  0013
0021    int ADD    0015  0015
; check: 0001 >  num SLOAD  #2    T
; check: 0002    num ADD    0001  -9.0
; check: 0003    num ADD    0002  +5.914213562373095
; check-not: LT
",
        );
    }

    #[test]
    fn guard_that_always_fails_is_an_error() {
        let ir = crate::ir::Ir::parse("0001 >  int LT     +2  +1", crate::opt::OptFlags::all()).unwrap();
        assert_eq!(crate::opt::reemit(&ir).unwrap_err(), crate::ir::TraceError::GuardFails);
    }

    #[test]
    fn algebra_keeps_ieee_results() {
        run_filetest(
            "fold",
            "
0001 >  num SLOAD  #2    T
0002    num ADD    0001  +0.0
0003    num ADD    0002  -0.0
0004    num SUB    0003  +0.0
0005    num MUL    0004  +1.0
0006    num MUL    0005  -1.0
0007    num MUL    +2.0  0006
0008    num POW    0007  +2.0
0009    num POW    0008  +0.0
0010    num NEG    0007
0011    num NEG    0010
0012    num ADD    nan   0011
0013    num ADD    0012  0009
; check: 0001 >  num SLOAD  #2    T
; check: 0002    num ADD    0001  +0.0
; check: 0003    num MUL    0002  -1.0
; check: 0004    num ADD    0003  0003
; check: 0005    num POW    0004  +2.0
; check: 0006    num NEG    0004
; check: 0007    num ADD    nan   0004
; check: 0008    num ADD    0007  +1.0
",
        );
    }

    #[test]
    fn integer_algebra() {
        run_filetest(
            "fold",
            "
0001 >  int SLOAD  #2    T
0002    int SUB    0001  +5
0003    int ADD    0002  +3
0004    int MUL    0003  +1
0005    int BXOR   0004  0004
0006    int BOR    0004  0005
0007    int ADD    +4    0006
0008 >  int EQ     0007  0007
; check: 0002    int ADD    0001  -5
; check: 0003    int ADD    0001  -2
; check: 0004    int ADD    0001  +2
; check-not: EQ
",
        );
    }

    #[test]
    fn rules_switch_off_by_name() {
        run_filetest(
            "fold -rule:kfold_numarith",
            "
0001    num ADD    +1.0  +2.0
; check: 0001    num ADD    +1.0  +2.0
",
        );
    }
}

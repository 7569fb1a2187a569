//! Numeric narrowing (LuaJIT's lj_opt_narrow.c, the parts Neap needs):
//! Lua numbers are doubles, but loop indexes and array indexes are mostly
//! small integers. Two tools:
//! - [`forl_index_is_int`]: the recorder's decision whether a numeric `for`
//!   loop's index can be an int for the whole loop;
//! - conversion backpropagation: `CONV int.num` of number arithmetic on
//!   values that came from ints (`int.num` of `num.int x + 1`) becomes
//!   integer arithmetic with overflow checks (`ADDOV x +1`). The overflow
//!   check is what makes it exact: where the double result would leave the
//!   int range, the int version exits instead. A number the trace already
//!   converted to an int with a check counts as coming from that int (as
//!   LuaJIT reuses an existing conversion), so `t[hi]` then `t[hi - 1]`
//!   converts once.

use crate::ir::ops::{CONV_CHECK, CONV_DST_SHIFT, CONV_INDEX};
use crate::ir::{Ins, Ir, IrType, Op, Ref, TraceError};

/// Deepest arithmetic tree narrowed at once.
const MAX_DEPTH: u32 = 4;

/// Whether a `for` loop with these start, stop and step values can keep its
/// index in an int: all three are integers in int32 range, the step is not
/// zero, and stepping past the stop value cannot overflow.
pub fn forl_index_is_int(start: f64, stop: f64, step: f64) -> bool {
    let is_i32 =
        |v: f64| v == v.trunc() && v >= i32::MIN as f64 && v <= i32::MAX as f64 && !(v == 0.0 && v.is_sign_negative());
    if !(is_i32(start) && is_i32(stop) && is_i32(step)) || step == 0.0 {
        return false;
    }
    let past = stop + step;
    past >= i32::MIN as f64 && past <= i32::MAX as f64
}

fn conv(dst: IrType, src: IrType) -> u16 {
    (dst as u16) << CONV_DST_SHIFT | src as u16
}

/// An earlier guarded conversion of number `r` to the same int, for a
/// narrowed result converted in `index` mode or not. An index conversion
/// reads -0 as 0, which only another index conversion may ignore (the sign
/// of a zero result is all that can differ).
/// In a loop body, a value carried round the loop (PHI-marked) is not the
/// value its pre-roll conversion converted: neither may be one.
fn converted(ir: &Ir, r: Ref, index: bool) -> Option<Ref> {
    ir.def_of(r)?;
    ir.chain_iter(Op::CONV, Ref::BASE).find(|&c| {
        let ins = ir.get(c);
        ins.a() == r
            && !ins.is_phi()
            && ins.op2 & !(CONV_CHECK | CONV_INDEX) == conv(IrType::Int, IrType::Num)
            && (ins.op2 & CONV_CHECK != 0 || (index && ins.op2 & CONV_INDEX != 0))
    })
}

/// The int a number constant is exactly (not -0, within ±(2^31 - 1)).
fn int32_of(v: f64) -> Option<i32> {
    (v == v.trunc() && v.abs() <= i32::MAX as f64 && !(v == 0.0 && v.is_sign_negative())).then_some(v as i32)
}

/// Can `r` (a number) be computed in ints?
fn narrowable(ir: &Ir, r: Ref, depth: u32, index: bool) -> bool {
    if let Some(v) = ir.num_of(r) {
        return int32_of(v).is_some();
    }
    if converted(ir, r, index).is_some() {
        return true;
    }
    let Some(ins) = ir.def_of(r) else { return false };
    match ins.op {
        Op::CONV => ins.op2 & !(CONV_CHECK | CONV_INDEX) == conv(IrType::Num, IrType::Int),
        Op::ADD | Op::SUB if ins.ty == IrType::Num && depth < MAX_DEPTH => {
            narrowable(ir, ins.a(), depth + 1, index) && narrowable(ir, ins.b(), depth + 1, index)
        }
        _ => false,
    }
}

/// Emits the int version of narrowable `r`.
fn emit_narrow(ir: &mut Ir, r: Ref, index: bool) -> Result<Ref, TraceError> {
    if let Some(v) = ir.num_of(r).and_then(int32_of) {
        return Ok(ir.kint(v));
    }
    if let Some(c) = converted(ir, r, index) {
        return Ok(c);
    }
    let ins = *ir.get(r);
    match ins.op {
        Op::CONV => Ok(ins.a()),
        _ => {
            let a = emit_narrow(ir, ins.a(), index)?;
            let b = emit_narrow(ir, ins.b(), index)?;
            let op = if ins.op == Op::ADD { Op::ADDOV } else { Op::SUBOV };
            ir.emit(Ins::new(op, IrType::Int, a.0, b.0).guarded())
        }
    }
}

/// `x + k`, `k + x` or `x - k` for a nonzero int constant `k` and a number
/// `x` the trace already converted to an int with a check: the int
/// operation (ADDOV or SUBOV, with its overflow guard) and its operands,
/// for the recorder to use as the result (a loop index stepped by hand,
/// `lo = lo + 1` after `t[lo]`, then stays an int round the loop). Exact
/// even from an index conversion, which reads -0 as 0: -0 + k is k, and an
/// int plus a nonzero int is never -0.
pub fn int_step(ir: &mut Ir, op: Op, x: Ref, y: Ref) -> Option<(Op, Ref, Ref)> {
    let (v, k) = match op {
        Op::ADD if ir.num_of(x).is_some() => (y, x),
        Op::ADD | Op::SUB => (x, y),
        _ => return None,
    };
    let kv = int32_of(ir.num_of(k)?).filter(|&kv| kv != 0)?;
    let c = converted(ir, v, true)?;
    let k = ir.kint(kv);
    Some((if op == Op::ADD { Op::ADDOV } else { Op::SUBOV }, c, k))
}

/// `CONV int.num` (checked or index) of narrowable arithmetic: the int
/// arithmetic instead. None if the rule does not apply.
pub fn narrow_conv(ir: &mut Ir, ins: &Ins) -> Result<Option<Ref>, TraceError> {
    if ins.op != Op::CONV || ins.op2 & (CONV_CHECK | CONV_INDEX) == 0 {
        return Ok(None);
    }
    if ins.op2 & !(CONV_CHECK | CONV_INDEX) != conv(IrType::Int, IrType::Num) {
        return Ok(None);
    }
    let Some(src) = ir.def_of(ins.a()).copied() else { return Ok(None) };
    let index = ins.op2 & CONV_INDEX != 0;
    if !matches!(src.op, Op::ADD | Op::SUB) || !narrowable(ir, ins.a(), 0, index) {
        return Ok(None);
    }
    emit_narrow(ir, ins.a(), index).map(Some)
}

/// Re-emits the trace with narrowing on (it runs inside [`super::emit`]).
pub fn run(ir: &mut Ir) -> Result<(), TraceError> {
    let mut src = ir.clone();
    src.opts.narrow = true;
    let mut out = super::reemit(&src)?;
    out.opts = ir.opts.clone();
    *ir = out;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opt::filetest::run_filetest;

    #[test]
    fn for_loop_index_decision() {
        assert!(forl_index_is_int(1.0, 100.0, 1.0));
        assert!(forl_index_is_int(10.0, -10.0, -2.0));
        assert!(!forl_index_is_int(1.0, 2147483647.0, 1.0));
        assert!(!forl_index_is_int(1.0, -2147483648.0, -1.0));
        assert!(!forl_index_is_int(1.5, 10.0, 1.0));
        assert!(!forl_index_is_int(1.0, 10.0, 0.0));
        assert!(!forl_index_is_int(-0.0, 10.0, 1.0));
    }

    #[test]
    fn index_arithmetic_becomes_checked_int_arithmetic() {
        run_filetest(
            "narrow cse",
            "
0001 >  int SLOAD  #2    CI
0002    num CONV   0001  num.int
0003    num ADD    0002  +1.0
0004    num SUB    0003  +3.0
0005 >  int CONV   0004  int.num index
0006    num ADD    0002  +0.5
0007 >  int CONV   0006  int.num check
; check: 0004    num SUB    0003  +3.0
; check: 0005 >  int ADDOV  0001  +1
; check: 0006 >  int SUBOV  0005  +3
; check: 0007    num ADD    0002  +0.5
; check: 0008 >  int CONV   0007  int.num check
",
        );
    }

    #[test]
    fn a_number_converted_once_is_reused() {
        // hi converted for t[hi]; hi - 1 for t[hi - 1] is that int minus
        // one. A checked conversion of hi - 1 cannot use the index
        // conversion (-0 would read as 0); one of hi + 0.5 narrows nothing.
        run_filetest(
            "narrow cse",
            "
0001 >  num SLOAD  #2    T
0002 >  int CONV   0001  int.num index
0003    num SUB    0001  +1.0
0004 >  int CONV   0003  int.num index
0005 >  int CONV   0003  int.num check
0006    num ADD    0001  +0.5
0007 >  int CONV   0006  int.num index
; check: 0002 >  int CONV   0001  int.num index
; check: 0003    num SUB    0001  +1.0
; check: 0004 >  int SUBOV  0002  +1
; check: 0005 >  int CONV   0003  int.num check
; check: 0006    num ADD    0001  +0.5
; check: 0007 >  int CONV   0006  int.num index
",
        );
    }

    #[test]
    fn a_converted_number_stepped_by_a_nonzero_int_steps_as_an_int() {
        let text = "
0001 >  num SLOAD  #2    T
0002 >  int CONV   0001  int.num index
0003 >  num SLOAD  #3    T
";
        let mut ir = Ir::parse(text, crate::opt::OptFlags::all()).unwrap();
        let (x, converted_x, y) = (Ref::FIRST, Ref(Ref::FIRST.0 + 1), Ref(Ref::FIRST.0 + 2));
        let one = ir.knum(1.0);
        let step = |ir: &mut Ir, op, a, b| int_step(ir, op, a, b).map(|(op, a, b)| (op, a, ir.int_of(b)));
        assert_eq!(step(&mut ir, Op::ADD, x, one), Some((Op::ADDOV, converted_x, Some(1))));
        assert_eq!(step(&mut ir, Op::ADD, one, x), Some((Op::ADDOV, converted_x, Some(1))));
        let minus_two = ir.knum(-2.0);
        assert_eq!(step(&mut ir, Op::SUB, x, minus_two), Some((Op::SUBOV, converted_x, Some(-2))));
        // Not: a constant minus x, a zero or fractional step, an operand
        // never converted, multiplication.
        assert_eq!(step(&mut ir, Op::SUB, one, x), None);
        for k in [0.0, -0.0, 0.5, 4294967296.0] {
            let k = ir.knum(k);
            assert_eq!(step(&mut ir, Op::ADD, x, k), None);
        }
        assert_eq!(step(&mut ir, Op::ADD, y, one), None);
        assert_eq!(step(&mut ir, Op::MUL, x, one), None);
    }

    #[test]
    fn off_means_off() {
        run_filetest(
            "cse",
            "
0001 >  int SLOAD  #2    CI
0002    num CONV   0001  num.int
0003    num ADD    0002  +1.0
0004 >  int CONV   0003  int.num index
; check: 0004 >  int CONV   0003  int.num index
",
        );
    }
}

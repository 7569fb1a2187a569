//! A reference evaluator for straight-line IR on numbers and ints, with the
//! interpreter's arithmetic. It exists to check the optimiser: a trace and
//! its optimised form must compute the same values, bit for bit, or exit at
//! a guard in both.

use super::ops::*;
use super::{Ir, IrType, Op, Ref};
use crate::opt::fold::{arith_of, fpmath, int_arith, int_arith_checked, int_compare, num_compare};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    Num(f64),
    Int(i32),
    /// A value this evaluator does not model (or a guard's non-value).
    None,
}

impl Val {
    /// Equality bit for bit (NaN == NaN of the same bits, -0 != +0).
    pub fn same_bits(self, other: Val) -> bool {
        match (self, other) {
            (Val::Num(a), Val::Num(b)) => a.to_bits() == b.to_bits(),
            (a, b) => a == b,
        }
    }
}

/// The trace left at a guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exit;

/// Evaluates the instructions in order; `slots[n]` is what `SLOAD #n` reads.
/// Returns the value of every reference, or Exit at the first failing guard
/// (including a type check that fails).
pub fn eval(ir: &Ir, slots: &[Val]) -> Result<Vec<Val>, Exit> {
    let mut vals = vec![Val::None; (ir.top().0 - super::BIAS) as usize];
    let get = |vals: &Vec<Val>, r: Ref| -> Val {
        if let Some(v) = ir.int_of(r) {
            Val::Int(v)
        } else if let Some(v) = ir.num_of(r) {
            Val::Num(v)
        } else if r.is_const() {
            Val::None
        } else {
            vals[(r.0 - super::BIAS) as usize]
        }
    };
    for r in ir.ins_refs() {
        let ins = *ir.get(r);
        let a = get(&vals, ins.a());
        let b = get(&vals, ins.b());
        let v = match (ins.op, a, b) {
            (Op::SLOAD, ..) => match (slots.get(ins.op1 as usize).copied().unwrap_or(Val::None), ins.ty) {
                (v @ Val::Num(_), IrType::Num) | (v @ Val::Int(_), IrType::Int) => v,
                _ => return Err(Exit),
            },
            (op, Val::Num(x), Val::Num(y)) if op.is_compare() => {
                if num_compare(op, x, y) {
                    Val::None
                } else {
                    return Err(Exit);
                }
            }
            (op, Val::Int(x), Val::Int(y)) if op.is_compare() => {
                if int_compare(op, x, y) {
                    Val::None
                } else {
                    return Err(Exit);
                }
            }
            (op, Val::Num(x), Val::Num(y)) if arith_of(op).is_some() => Val::Num(arith_of(op).unwrap().apply(x, y)),
            (Op::NEG, Val::Num(x), _) => Val::Num(-x),
            (Op::ABS, Val::Num(x), _) => Val::Num(x.abs()),
            (Op::FPMATH, Val::Num(x), _) => fpmath(ins.op2, x).map_or(Val::None, Val::Num),
            (Op::ADDOV | Op::SUBOV | Op::MULOV, Val::Int(x), Val::Int(y)) => {
                Val::Int(int_arith_checked(ins.op, x, y).ok_or(Exit)?)
            }
            (op, Val::Int(x), Val::Int(y)) => int_arith(op, x, y).map_or(Val::None, Val::Int),
            (Op::NEG, Val::Int(x), _) => Val::Int(x.wrapping_neg()),
            (Op::BNOT, Val::Int(x), _) => Val::Int(!x),
            (Op::CONV, Val::Int(x), _) if ins.op2 & CONV_SRC_MASK == IrType::Int as u16 => Val::Num(x as f64),
            (Op::CONV, Val::Num(x), _) => {
                let t = x.trunc();
                let fits = t >= i32::MIN as f64 && t <= i32::MAX as f64;
                let exact = fits && t == x && !(x == 0.0 && x.is_sign_negative());
                if ins.op2 & (CONV_CHECK | CONV_INDEX) != 0 && !exact {
                    return Err(Exit);
                }
                if fits { Val::Int(t as i32) } else { Val::None }
            }
            _ => Val::None,
        };
        vals[(r.0 - super::BIAS) as usize] = v;
    }
    Ok(vals)
}

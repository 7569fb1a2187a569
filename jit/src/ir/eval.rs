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
    /// A table (by identity); also its array part's address.
    Tab(u32),
    /// A slot in a table: array index, or a hash key's first byte + 2^32.
    Addr(u32, i64),
    /// A value this evaluator does not model (or a guard's non-value).
    None,
}

/// Table contents: (table, slot) -> value.
pub type Mem = std::collections::BTreeMap<(u32, i64), Val>;

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

/// The value of reference `r` given the instruction values so far.
fn value(ir: &Ir, vals: &[Val], r: Ref) -> Val {
    if let Some(v) = ir.int_of(r) {
        Val::Int(v)
    } else if let Some(v) = ir.num_of(r) {
        Val::Num(v)
    } else if r.is_const() {
        Val::None
    } else {
        vals.get((r.0 - super::BIAS) as usize).copied().unwrap_or(Val::None)
    }
}

/// Evaluates the instructions in order; `slots[n]` is what `SLOAD #n` reads.
/// Returns the value of every reference, or Exit at the first failing guard
/// (including a type check that fails).
pub fn eval(ir: &Ir, slots: &[Val]) -> Result<Vec<Val>, Exit> {
    let mut vals = vec![Val::None; (ir.top().0 - super::BIAS) as usize];
    let mut mem = Mem::new();
    for r in ir.ins_refs() {
        vals[(r.0 - super::BIAS) as usize] = step(ir, &vals, slots, &mut mem, r).map_err(|_| Exit)?;
    }
    Ok(vals)
}

/// Evaluates one instruction; Err when its guard fails.
fn step(ir: &Ir, vals: &[Val], slots: &[Val], mem: &mut Mem, r: Ref) -> Result<Val, Exit> {
    let ins = *ir.get(r);
    let a = value(ir, vals, ins.a());
    let b = value(ir, vals, ins.b());
    Ok(match (ins.op, a, b) {
        (Op::SLOAD, ..) => match (slots.get(ins.op1 as usize).copied().unwrap_or(Val::None), ins.ty) {
            (v @ Val::Num(_), IrType::Num) | (v @ Val::Int(_), IrType::Int) | (v @ Val::Tab(_), IrType::Tab) => v,
            _ => return Err(Exit),
        },
        (Op::FLOAD, Val::Tab(t), _) if FIELD_NAMES.get(ins.op2 as usize) == Some(&"tab.array") => Val::Tab(t),
        (Op::AREF, Val::Tab(t), Val::Int(i)) => Val::Addr(t, i as i64),
        (Op::HREFK, Val::Tab(t), _) => match ir.gc_of(ir.slot_key(ins.b())).and_then(|g| g.bytes.as_ref()) {
            Some(key) => Val::Addr(t, (1 << 32) + key.first().copied().unwrap_or(0) as i64),
            None => Val::None,
        },
        (Op::ALOAD | Op::HLOAD, Val::Addr(t, i), _) => match (mem.get(&(t, i)).copied(), ins.ty) {
            (Some(v @ Val::Num(_)), IrType::Num) => v,
            _ => return Err(Exit),
        },
        (Op::ASTORE | Op::HSTORE, Val::Addr(t, i), v) => {
            mem.insert((t, i), v);
            Val::None
        }
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
            if ins.op2 & (CONV_CHECK | CONV_INDEX) != 0 && !conv_int_exact(x, ins.op2) {
                return Err(Exit);
            }
            if fits {
                Val::Int(t as i32)
            } else {
                Val::None
            }
        }
        _ => Val::None,
    })
}

/// Writes snapshot `snap`'s entries into `slots`.
fn restore(ir: &Ir, vals: &[Val], snap: usize, slots: &mut Vec<Val>) {
    for e in &ir.snaps[snap].entries {
        let slot = e.slot as usize;
        if slots.len() <= slot {
            slots.resize(slot + 1, Val::None);
        }
        slots[slot] = value(ir, vals, e.val);
    }
}

/// Where a run of a trace ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The stack after the exit wrote its snapshot back.
    pub slots: Vec<Val>,
    /// The tables' contents at the exit.
    pub mem: Mem,
    /// Loop iterations completed before the exit.
    pub iterations: usize,
}

/// Runs a trace without LOOP as a loop body, the way the interpreter would
/// run the loop: each iteration starts from the stack the last one left
/// (the last snapshot), until a guard exits or `max` iterations ran.
pub fn run_unrolled(ir: &Ir, slots: &[Val], mem: &Mem, max: usize) -> Outcome {
    let mut slots = slots.to_vec();
    let mut mem = mem.clone();
    let last = ir.snaps.len().saturating_sub(1);
    for it in 0..max {
        let mut vals = vec![Val::None; (ir.top().0 - super::BIAS) as usize];
        for r in ir.ins_refs() {
            match step(ir, &vals, &slots, &mut mem, r) {
                Ok(v) => vals[(r.0 - super::BIAS) as usize] = v,
                Err(Exit) => {
                    if let Some(s) = ir.snap_for(r) {
                        restore(ir, &vals, s, &mut slots);
                    }
                    return Outcome { slots, mem, iterations: it };
                }
            }
        }
        if !ir.snaps.is_empty() {
            restore(ir, &vals, last, &mut slots);
        }
    }
    Outcome { slots, mem, iterations: max }
}

/// Runs an optimised loop trace: the pre-roll once, then the body after
/// LOOP with PHIs carrying values, until a guard exits or `max` iterations
/// (pre-roll included) ran. Returns None if `max` is reached (the stack of a
/// loop that keeps running is only written by an exit).
pub fn run_loop(ir: &Ir, slots: &[Val], mem: &Mem, max: usize) -> Option<Outcome> {
    let mut slots = slots.to_vec();
    let mut mem = mem.clone();
    let mut vals = vec![Val::None; (ir.top().0 - super::BIAS) as usize];
    let loop_at = ir.ins_refs().find(|&r| ir.get(r).op == Op::LOOP)?;
    let phis: Vec<(Ref, Ref)> =
        ir.ins_refs().filter(|&r| ir.get(r).op == Op::PHI).map(|r| (ir.get(r).a(), ir.get(r).b())).collect();
    let mut range: Vec<Ref> = ir.ins_refs().filter(|&r| r < loop_at).collect();
    for it in 0..max {
        for &r in &range {
            if matches!(ir.get(r).op, Op::PHI | Op::NOP) {
                continue;
            }
            match step(ir, &vals, &slots, &mut mem, r) {
                Ok(v) => vals[(r.0 - super::BIAS) as usize] = v,
                Err(Exit) => {
                    if let Some(s) = ir.snap_for(r) {
                        restore(ir, &vals, s, &mut slots);
                    }
                    return Some(Outcome { slots, mem, iterations: it });
                }
            }
        }
        if it > 0 {
            // All PHIs move at once: the next iteration sees this one's values.
            let moved: Vec<(Ref, Val)> = phis.iter().map(|&(l, r)| (l, value(ir, &vals, r))).collect();
            for (l, v) in moved {
                vals[(l.0 - super::BIAS) as usize] = v;
            }
        }
        if it == 0 {
            range = ir.ins_refs().filter(|&r| r > loop_at).collect();
        }
    }
    None
}

//! Property tests for the fold rules: folding never changes a result.
//! - Constant folding of every arithmetic opcode, on random operands biased
//!   to the edges (NaN of both signs, ±0, ±inf, huge and tiny, the int32
//!   boundaries), gives the bits the interpreter's own arithmetic gives
//!   (`Arith::apply`, `lua_mod`, `floor`).
//! - Random straight-line programs, evaluated with the interpreter's
//!   arithmetic before and after folding+CSE, give the same bits for every
//!   value a snapshot keeps, or both exit at a guard.

use super::test_rng::Rng;
use crate::ir::eval::{eval, Exit, Val};
use crate::ir::ops::*;
use crate::ir::{Ins, Ir, IrType, Op, Ref, SnapEntry, TraceError};
use crate::opt::{reemit, OptFlags};
use neap_vm::meta::{floor, lua_mod, Arith};

impl Rng {
    pub(crate) fn num(&mut self) -> f64 {
        const EDGES: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -1.0,
            2.0,
            0.5,
            -1.5,
            3.0,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            -f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            2147483647.0,
            2147483648.0,
            -2147483648.0,
            -2147483649.0,
            4294967296.0,
            9007199254740992.0,
            9007199254740993.0,
            1e300,
            1e-300,
            0.1,
        ];
        match self.below(4) {
            0 | 1 => EDGES[self.below(EDGES.len())],
            2 => (self.next() as i64 % 1000) as f64 / 8.0,
            _ => {
                let v = f64::from_bits(self.next());
                // Neap values never hold NaNs with payloads.
                if v.is_nan() {
                    f64::NAN
                } else {
                    v
                }
            }
        }
    }

    pub(crate) fn int(&mut self) -> i32 {
        const EDGES: &[i32] =
            &[0, 1, -1, 2, 31, 32, 33, -32, i32::MAX, i32::MIN, i32::MAX - 1, i32::MIN + 1, 0xffff, 0x10000];
        if self.below(2) == 0 {
            EDGES[self.below(EDGES.len())]
        } else {
            self.next() as i32
        }
    }
}

const ITERATIONS: usize = 20_000;

#[test]
fn constant_folding_matches_the_interpreter_bit_for_bit() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..ITERATIONS {
        let (a, b) = (rng.num(), rng.num());
        let mut ir = Ir::default();
        let (ka, kb) = (ir.knum(a), ir.knum(b));
        for (op, want) in [
            (Op::ADD, Arith::Add.apply(a, b)),
            (Op::SUB, Arith::Sub.apply(a, b)),
            (Op::MUL, Arith::Mul.apply(a, b)),
            (Op::DIV, Arith::Div.apply(a, b)),
            (Op::MOD, lua_mod(a, b)),
            (Op::POW, Arith::Pow.apply(a, b)),
        ] {
            let r = ir.emit_op(op, IrType::Num, ka, kb).unwrap();
            let got = ir.num_of(r).expect("constant operands fold");
            assert_eq!(got.to_bits(), want.to_bits(), "{} {a:?} {b:?}", op.name());
        }
        for (ins, want) in [
            (Ins::new(Op::NEG, IrType::Num, ka.0, 0), -a),
            (Ins::new(Op::ABS, IrType::Num, ka.0, 0), a.abs()),
            (Ins::new(Op::FPMATH, IrType::Num, ka.0, FPM_FLOOR), floor(a)),
            (Ins::new(Op::FPMATH, IrType::Num, ka.0, FPM_SQRT), a.sqrt()),
        ] {
            let r = ir.emit(ins).unwrap();
            let got = ir.num_of(r).expect("constant operand folds");
            assert_eq!(got.to_bits(), want.to_bits(), "{} {a:?}", ins.op.name());
        }
        // Guards on number comparisons: dropped exactly when they hold.
        for (op, holds) in [
            (Op::LT, a < b),
            (Op::LE, a <= b),
            (Op::GE, !(a < b)),
            (Op::GT, !(a <= b)),
            (Op::EQ, a == b),
            (Op::NE, a != b),
        ] {
            let res = ir.emit(Ins::new(op, IrType::Num, ka.0, kb.0).guarded());
            assert_eq!(
                res,
                if holds { Ok(Ref::DROP) } else { Err(TraceError::GuardFails) },
                "{} {a:?} {b:?}",
                op.name()
            );
        }
        // A checked number -> int conversion folds exactly when the number is an int.
        let conv = IrType::Int as u16 * 32 + IrType::Num as u16 | CONV_CHECK;
        match ir.emit(Ins::new(Op::CONV, IrType::Int, ka.0, conv).guarded()) {
            Ok(r) => assert_eq!((ir.int_of(r).unwrap() as f64).to_bits(), a.to_bits()),
            Err(e) => {
                assert_eq!(e, TraceError::GuardFails);
                assert!(a as i32 as f64 != a || a.to_bits() == (-0.0f64).to_bits(), "{a:?}");
            }
        }
    }
}

#[test]
fn integer_folding_agrees_with_number_arithmetic() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..ITERATIONS {
        let (a, b) = (rng.int(), rng.int());
        let mut ir = Ir::default();
        let (ka, kb) = (ir.kint(a), ir.kint(b));
        // The overflow-checked forms stand for number arithmetic on ints.
        for (op, arith) in [(Op::ADDOV, Arith::Add), (Op::SUBOV, Arith::Sub), (Op::MULOV, Arith::Mul)] {
            let want = arith.apply(a as f64, b as f64);
            let r = ir.emit(Ins::new(op, IrType::Int, ka.0, kb.0).guarded()).unwrap();
            match ir.int_of(r) {
                Some(v) => assert_eq!((v as f64).to_bits(), want.to_bits(), "{} {a} {b}", op.name()),
                None => assert!(
                    (want as i32 as f64).to_bits() != want.to_bits(),
                    "{} {a} {b} should have folded",
                    op.name()
                ),
            }
        }
        // Wrapping forms against 64-bit arithmetic.
        let (x, y) = (a as i64, b as i64);
        let s = (b & 31) as u32;
        for (op, want) in [
            (Op::ADD, (x + y) as i32),
            (Op::SUB, (x - y) as i32),
            (Op::MUL, (x * y) as i32),
            (Op::BAND, a & b),
            (Op::BOR, a | b),
            (Op::BXOR, a ^ b),
            (Op::BSHL, ((x as u64) << s) as i32),
            (Op::BSHR, ((a as u32 as u64) >> s) as i32),
            (Op::BSAR, (x >> s) as i32),
            (Op::BROL, (((a as u32 as u64) << s | (a as u32 as u64) >> (32 - s)) as u32) as i32),
        ] {
            let r = ir.emit_op(op, IrType::Int, ka, kb).unwrap();
            assert_eq!(ir.int_of(r), Some(want), "{} {a} {b}", op.name());
        }
    }
}

/// Builds a random straight-line program on two number slots (or two int
/// slots), unoptimised, with a final snapshot that keeps every value.
pub(crate) fn random_program(rng: &mut Rng, ints: bool) -> Ir {
    let mut ir = Ir::new(OptFlags::none());
    let ty = if ints { IrType::Int } else { IrType::Num };
    let mut vals = vec![
        ir.emit_raw(Ins::new(Op::SLOAD, ty, 2, SLOAD_TYPECHECK).guarded()).unwrap(),
        ir.emit_raw(Ins::new(Op::SLOAD, ty, 3, SLOAD_TYPECHECK).guarded()).unwrap(),
    ];
    let num_ops =
        [Op::ADD, Op::SUB, Op::MUL, Op::DIV, Op::MOD, Op::POW, Op::NEG, Op::ABS, Op::FPMATH, Op::LT, Op::GE, Op::EQ];
    let int_ops = [
        Op::ADD,
        Op::SUB,
        Op::MUL,
        Op::BAND,
        Op::BOR,
        Op::BXOR,
        Op::BSHL,
        Op::BSAR,
        Op::BROL,
        Op::NEG,
        Op::BNOT,
        Op::ADDOV,
        Op::SUBOV,
        Op::MULOV,
        Op::LT,
        Op::ULE,
        Op::EQ,
        Op::NE,
    ];
    let num_ks = [0.0, -0.0, 1.0, -1.0, 2.0, 0.5, f64::NAN, -f64::NAN, f64::INFINITY];
    let int_ks = [0, 1, -1, 2, 31, 32, i32::MAX, i32::MIN];
    let mut values = vals.clone();
    for _ in 0..2 + rng.below(7) {
        let operand = |ir: &mut Ir, rng: &mut Rng| -> Ref {
            if rng.below(3) == 0 {
                if ints {
                    ir.kint(int_ks[rng.below(int_ks.len())])
                } else {
                    ir.knum(num_ks[rng.below(num_ks.len())])
                }
            } else {
                vals[rng.below(vals.len())]
            }
        };
        let op = if ints { int_ops[rng.below(int_ops.len())] } else { num_ops[rng.below(num_ops.len())] };
        let a = operand(&mut ir, rng);
        let (m1, m2) = op.modes();
        let b = match m2 {
            crate::ir::Mode::Ref => operand(&mut ir, rng),
            crate::ir::Mode::Lit => Ref([FPM_FLOOR, FPM_SQRT][rng.below(2)]),
            _ => Ref(0),
        };
        debug_assert_eq!(m1, crate::ir::Mode::Ref);
        let mut ins = Ins::new(op, ty, a.0, b.0);
        if op.is_compare() || matches!(op, Op::ADDOV | Op::SUBOV | Op::MULOV) {
            ins = ins.guarded();
        }
        let r = ir.emit_raw(ins).unwrap();
        if !op.is_compare() {
            vals.push(r);
            values.push(r);
        }
    }
    let entries =
        values.iter().enumerate().map(|(i, &r)| SnapEntry { slot: 2 + i as u16, val: r, frame: false }).collect();
    ir.snapshot(0, 2 + values.len() as u16, entries);
    ir
}

fn snapshot_values(ir: &Ir, slots: &[Val]) -> Result<Vec<Val>, Exit> {
    let vals = eval(ir, slots)?;
    let snap = ir.snaps.last().expect("program has a snapshot");
    Ok(snap
        .entries
        .iter()
        .map(|e| {
            if let Some(v) = ir.num_of(e.val) {
                Val::Num(v)
            } else if let Some(v) = ir.int_of(e.val) {
                Val::Int(v)
            } else {
                vals[(e.val.0 - crate::ir::BIAS) as usize]
            }
        })
        .collect())
}

#[test]
fn folding_random_programs_keeps_every_value() {
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    for round in 0..ITERATIONS / 4 {
        let ints = round % 2 == 1;
        let raw = random_program(&mut rng, ints);
        let mut src = raw.clone();
        src.opts = OptFlags::all();
        let folded = reemit(&src);
        for _ in 0..8 {
            let slots = if ints {
                [Val::None, Val::None, Val::Int(rng.int()), Val::Int(rng.int())]
            } else {
                [Val::None, Val::None, Val::Num(rng.num()), Val::Num(rng.num())]
            };
            let before = snapshot_values(&raw, &slots);
            match &folded {
                Ok(opt) => {
                    let after = snapshot_values(opt, &slots);
                    let same = match (&before, &after) {
                        (Ok(x), Ok(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.same_bits(*q)),
                        (Err(_), Err(_)) => true,
                        _ => false,
                    };
                    assert!(
                        same,
                        "folding changed a result for {slots:?}:\n{}\n=>\n{}\n{before:?}\n{after:?}",
                        raw.dump(),
                        opt.dump()
                    );
                }
                Err(TraceError::GuardFails) => {
                    assert_eq!(before, Err(Exit), "a guard folded to false but held:\n{}", raw.dump())
                }
                Err(e) => panic!("unexpected {e}"),
            }
        }
    }
}

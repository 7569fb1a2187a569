//! Property test for the whole optimiser on loops: a random loop trace, run
//! iteration by iteration as recorded (what the interpreter does), and the
//! same trace optimised with a random set of passes (peeled, hoisted, with
//! PHIs, narrowed, folded), run as a loop, leave the same stack, bit for
//! bit, after the same number of iterations.

use super::test_rng::Rng;
use crate::ir::eval::{run_loop, run_unrolled, Mem, Val};
use crate::ir::ops::*;
use crate::ir::{Ins, Ir, IrType, Op, Ref, SnapEntry, TraceError};
use crate::opt::{optimize, OptFlags};

pub(crate) const NUM_KS: &[f64] = &[0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 3.0, f64::NAN, f64::INFINITY, 1e308];

fn conv_mode(dst: IrType, src: IrType) -> u16 {
    (dst as u16) << CONV_DST_SHIFT | src as u16
}

/// Slots: 2 and 3 numbers carried around the loop, 4 the int counter,
/// 5 a number the loop only reads, 6 and 7 tables (the same one or two).
pub(crate) fn random_loop(rng: &mut Rng) -> Ir {
    let mut ir = Ir::new(OptFlags::none());
    let raw = |ir: &mut Ir, ins: Ins| ir.emit_raw(ins).unwrap();
    ir.snapshot(0, 8, vec![]);
    let c = raw(&mut ir, Ins::new(Op::SLOAD, IrType::Int, 4, SLOAD_TYPECHECK).guarded());
    let mut vals: Vec<Ref> = [2, 3, 5]
        .iter()
        .map(|&s| raw(&mut ir, Ins::new(Op::SLOAD, IrType::Num, s, SLOAD_TYPECHECK).guarded()))
        .collect();
    let tabs: Vec<Ref> =
        [6, 7].iter().map(|&s| raw(&mut ir, Ins::new(Op::SLOAD, IrType::Tab, s, SLOAD_TYPECHECK).guarded())).collect();
    for _ in 0..1 + rng.below(10) {
        let operand = |ir: &mut Ir, rng: &mut Rng, vals: &[Ref]| {
            if rng.below(4) == 0 {
                ir.knum(rng.pick(NUM_KS))
            } else {
                rng.pick(vals)
            }
        };
        match rng.below(9) {
            6 | 7 => {
                // A table slot: array index from the counter or constant, or a string key.
                let t = rng.pick(&tabs);
                let addr = if rng.below(3) == 0 {
                    let key = ir.kstr(rng.pick(&[b"x", b"y"]));
                    raw(&mut ir, Ins::new(Op::HREFK, IrType::P64, t.0, key.0))
                } else {
                    let arr = raw(&mut ir, Ins::new(Op::FLOAD, IrType::P64, t.0, 4));
                    let idx = match rng.below(3) {
                        0 => c,
                        1 => {
                            let k = ir.kint(rng.pick(&[1, -1, 2]));
                            raw(&mut ir, Ins::new(Op::ADD, IrType::Int, c.0, k.0))
                        }
                        _ => ir.kint(rng.below(3) as i32),
                    };
                    raw(&mut ir, Ins::new(Op::AREF, IrType::P64, arr.0, idx.0))
                };
                let hash = ir.get(addr).op == Op::HREFK;
                if rng.below(2) == 0 {
                    let op = if hash { Op::HLOAD } else { Op::ALOAD };
                    vals.push(raw(&mut ir, Ins::new(op, IrType::Num, addr.0, 0).guarded()));
                } else {
                    let op = if hash { Op::HSTORE } else { Op::ASTORE };
                    let v = operand(&mut ir, rng, &vals);
                    raw(&mut ir, Ins::new(op, IrType::Num, addr.0, v.0));
                }
            }
            0 => {
                // An index computed from the counter: narrowing's pattern.
                let cv = raw(&mut ir, Ins::new(Op::CONV, IrType::Num, c.0, conv_mode(IrType::Num, IrType::Int)));
                let k = ir.knum(rng.pick(&[1.0, -1.0, 2.0, 0.5]));
                let op = rng.pick(&[Op::ADD, Op::SUB]);
                let w = raw(&mut ir, Ins::new(op, IrType::Num, cv.0, k.0));
                let flag = rng.pick(&[CONV_CHECK, CONV_INDEX]);
                let u = raw(
                    &mut ir,
                    Ins::new(Op::CONV, IrType::Int, w.0, conv_mode(IrType::Int, IrType::Num) | flag).guarded(),
                );
                let back = raw(&mut ir, Ins::new(Op::CONV, IrType::Num, u.0, conv_mode(IrType::Num, IrType::Int)));
                vals.push(back);
            }
            1 => {
                let a = rng.pick(&vals);
                let k = ir.knum(rng.pick(&[0.0, 1.0, 100.0, -5.0]));
                let op = rng.pick(&[Op::LT, Op::GE, Op::LE, Op::GT]);
                raw(&mut ir, Ins::new(op, IrType::Num, a.0, k.0).guarded());
            }
            2 => {
                let a = operand(&mut ir, rng, &vals);
                let op = rng.pick(&[Op::NEG, Op::ABS, Op::FPMATH]);
                let b = if op == Op::FPMATH { rng.pick(&[FPM_FLOOR, FPM_SQRT]) } else { 0 };
                vals.push(raw(&mut ir, Ins::new(op, IrType::Num, a.0, b)));
            }
            _ => {
                let a = operand(&mut ir, rng, &vals);
                let b = operand(&mut ir, rng, &vals);
                let op = rng.pick(&[Op::ADD, Op::SUB, Op::MUL, Op::DIV, Op::MOD, Op::POW]);
                vals.push(raw(&mut ir, Ins::new(op, IrType::Num, a.0, b.0)));
            }
        }
    }
    let one = ir.kint(1);
    let c1 = raw(&mut ir, Ins::new(Op::ADD, IrType::Int, c.0, one.0));
    let mut entries = vec![SnapEntry::value(4, c1)];
    for slot in [2, 3] {
        if rng.below(4) != 0 {
            entries.push(SnapEntry::value(slot, rng.pick(&vals)));
        }
    }
    ir.snapshot(0, 8, entries.clone());
    let limit = ir.kint(rng.below(7) as i32);
    raw(&mut ir, Ins::new(Op::LE, IrType::Int, c1.0, limit.0).guarded());
    ir.snapshot(0, 8, entries);
    ir
}

/// A stack for a [`random_loop`] trace as the backend tests run it: the
/// counter starts at 1 or 2 so that array indexes (counter - 1 at the
/// least) stay in the tables' array parts, and slot 7 names table 0 or 1.
pub(crate) fn random_loop_start(rng: &mut Rng) -> Vec<Val> {
    let t1 = rng.below(2) as u32;
    vec![
        Val::None,
        Val::None,
        Val::Num(rng.pick(NUM_KS)),
        Val::Num((rng.below(200) as f64 - 100.0) / 4.0),
        Val::Int(1 + rng.below(2) as i32),
        Val::Num(rng.pick(NUM_KS)),
        Val::Tab(0),
        Val::Tab(t1),
    ]
}

pub(crate) fn random_flags(rng: &mut Rng) -> OptFlags {
    let mut f = OptFlags::all();
    for pass in ["fold", "cse", "fwd", "dce", "narrow"] {
        if rng.below(4) == 0 {
            f.set(&format!("-{pass}"));
        }
    }
    f
}

fn same(a: &[Val], b: &[Val]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_bits(*y))
}

#[test]
fn optimised_loops_leave_the_same_stack() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut compared, mut looped) = (0, 0);
    for _ in 0..3000 {
        let raw = random_loop(&mut rng);
        let mut src = raw.clone();
        src.opts = random_flags(&mut rng);
        let opt = match optimize(&src) {
            Ok(ir) => ir,
            // A guard that can never hold: the recorder would abort.
            Err(TraceError::GuardFails) => continue,
            Err(e) => panic!("{e}:\n{}", raw.dump()),
        };
        for _ in 0..4 {
            let start = vec![
                Val::None,
                Val::None,
                Val::Num(rng.pick(NUM_KS)),
                Val::Num((rng.below(200) as f64 - 100.0) / 4.0),
                Val::Int(rng.below(3) as i32),
                Val::Num(rng.pick(NUM_KS)),
            ];
            // The counter guard ends every loop within 8 iterations.
            let tables = [0, rng.below(2) as u32];
            let start: Vec<Val> = start.into_iter().chain(tables.iter().map(|&t| Val::Tab(t))).collect();
            let mut mem = Mem::new();
            for t in 0..2u32 {
                for i in -2..12 {
                    mem.insert((t, i), Val::Num(i as f64 * 1.5 + t as f64));
                }
                for key in [b'x', b'y'] {
                    mem.insert((t, (1 << 32) + key as i64), Val::Num(key as f64));
                }
            }
            let want = run_unrolled(&raw, &start, &mem, 20);
            assert!(want.iterations < 20);
            let Some(got) = run_loop(&opt, &start, &mem, 20) else {
                panic!("the optimised loop does not end:\n{}\n{}", raw.dump(), opt.dump())
            };
            assert!(
                want.iterations == got.iterations
                    && same(&want.slots, &got.slots)
                    && want.mem.len() == got.mem.len()
                    && want.mem.iter().zip(&got.mem).all(|(a, b)| a.0 == b.0 && a.1.same_bits(*b.1)),
                "start {start:?}\nrecorded:\n{}\noptimised ({:?}):\n{}\nwant {want:?}\ngot  {got:?}",
                raw.dump(),
                src.opts,
                opt.dump()
            );
            compared += 1;
            if got.iterations >= 2 {
                looped += 1;
            }
        }
    }
    assert!(compared > 5000 && looped > 2000, "only {compared} runs compared, {looped} went round the loop");
}

//! The AArch64 lowering, executed: random loop traces (those that call no
//! host helper: no hash lookups, no `POW`) compiled by
//! `compile_for_aarch64`, run under qemu-aarch64 by a small C harness
//! (qemu_trace_harness.c) as Cranelift emitted them and after the
//! store-pair pass. Both must leave the same stack and arrays, bit for bit,
//! and the evaluator's (NaNs compared as NaNs: AArch64's default NaN is
//! positive, x86's negative). Skips loudly without the cross tools.

use super::compile_for_aarch64;
use crate::ir::eval::{run_loop, run_unrolled, Mem, Outcome, Val};
use crate::ir::{Ir, IrType, Op};
use crate::opt::loop_props::{random_flags, random_loop, random_loop_start};
use crate::opt::optimize;
use crate::opt::test_rng::Rng;
use neap_vm::layout;
use neap_vm::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const ASIZE: usize = 16;

/// Says loudly that the check did not run (or fails when
/// `NEAP_REQUIRE_ARM64_TOOLS` is set, as the arm64 checks do).
fn skip_loudly(test: &str, why: &str) {
    if std::env::var_os("NEAP_REQUIRE_ARM64_TOOLS").is_some() {
        panic!("{test}: {why}, and NEAP_REQUIRE_ARM64_TOOLS says it must run");
    }
    eprintln!("\n*** SKIPPED {test}: {why} ***");
}

fn tab_bits(t: u32) -> u64 {
    ((0x1ffff - IrType::Tab as u64) << layout::TAG_SHIFT) | t as u64
}

fn build_harness(dir: &Path) -> Option<PathBuf> {
    let source = concat!(env!("CARGO_MANIFEST_DIR"), "/src/backend/qemu_trace_harness.c");
    let binary = dir.join("trace-harness");
    let out =
        Command::new("aarch64-linux-gnu-gcc").args(["-O1", "-static", "-o"]).arg(&binary).arg(source).output().ok()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(binary)
}

/// One run: code, starting stack and arrays.
struct Case {
    code: Vec<u8>,
    slots: Vec<u64>,
    arrays: Vec<[u64; ASIZE]>,
}

/// What a run left.
#[derive(Debug, PartialEq)]
struct RunResult {
    exit: u64,
    ticks: i64,
    slots: Vec<u64>,
    arrays: Vec<[u64; ASIZE]>,
}

fn run_cases(harness: &Path, dir: &Path, cases: &[Case]) -> Vec<RunResult> {
    let mut input: Vec<u64> = vec![cases.len() as u64, layout::TABLE_ARRAY as u64, layout::TABLE_ASIZE as u64];
    for c in cases {
        input.push(c.code.len() as u64);
        for chunk in c.code.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            input.push(u64::from_le_bytes(w));
        }
        input.push(1_000_000);
        input.push(c.slots.len() as u64);
        input.extend(&c.slots);
        input.push(c.arrays.len() as u64);
        for a in &c.arrays {
            input.extend(a);
        }
    }
    let (inp, outp) = (dir.join("in.bin"), dir.join("out.bin"));
    std::fs::write(&inp, input.iter().flat_map(|w| w.to_le_bytes()).collect::<Vec<u8>>()).unwrap();
    let status = Command::new("qemu-aarch64").arg(harness).arg(&inp).arg(&outp).status().unwrap();
    assert!(status.success(), "harness failed: {status}");
    let bytes = std::fs::read(&outp).unwrap();
    let words: Vec<u64> = bytes.chunks(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect();
    let mut it = words.into_iter();
    cases
        .iter()
        .map(|c| {
            let exit = it.next().unwrap();
            let ticks = it.next().unwrap() as i64;
            let slots = (0..c.slots.len()).map(|_| it.next().unwrap()).collect();
            let arrays = (0..c.arrays.len()).map(|_| std::array::from_fn(|_| it.next().unwrap())).collect();
            RunResult { exit, ticks, slots, arrays }
        })
        .collect()
}

/// Bits equal, or both NaN.
fn same_num(a: u64, b: u64) -> bool {
    a == b || (f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
}

fn check_against_eval(want: &Outcome, got: &RunResult) -> Result<(), String> {
    for (i, v) in want.slots.iter().enumerate() {
        let expect = match *v {
            Val::Num(x) => x.to_bits(),
            Val::Int(n) => Value::number(n as f64).bits(),
            Val::Tab(t) => tab_bits(t),
            _ => continue,
        };
        if !same_num(got.slots[i], expect) {
            return Err(format!("slot {i}: want {v:?}, got {:#x}", got.slots[i]));
        }
    }
    for (&(t, k), v) in &want.mem {
        if let (Val::Num(x), true) = (*v, (0..ASIZE as i64).contains(&k)) {
            if !same_num(got.arrays[t as usize][k as usize], x.to_bits()) {
                return Err(format!("table {t}[{k}]: want {x:?}"));
            }
        }
    }
    Ok(())
}

fn calls_a_helper(ir: &Ir) -> bool {
    ir.ins_refs().any(|r| matches!(ir.get(r).op, Op::HREFK | Op::POW | Op::CALLN | Op::CALLL | Op::CALLS))
}

#[test]
fn aarch64_traces_run_the_same_before_and_after_the_pair_pass() {
    let tools = ["aarch64-linux-gnu-gcc", "qemu-aarch64"];
    if let Some(t) = tools.iter().find(|t| Command::new(t).arg("--version").output().is_err()) {
        return skip_loudly("aarch64_traces_run_the_same_before_and_after_the_pair_pass", &format!("{t} not found"));
    }
    let dir = std::env::temp_dir().join(format!("neap-jit-backend-qemu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let harness = build_harness(&dir).expect("cross compiler runs");

    let mut rng = Rng(0x5eed_a64a_0000_0003);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    let mut merged = 0;
    while cases.len() < 400 {
        let raw = random_loop(&mut rng);
        let mut src = raw.clone();
        src.opts = random_flags(&mut rng);
        let Ok(opt) = optimize(&src) else { continue };
        if calls_a_helper(&raw) {
            continue;
        }
        let start = random_loop_start(&mut rng);
        let mut mem = Mem::new();
        let mut arrays = vec![[Value::NIL.bits(); ASIZE]; 2];
        for t in 0..2u32 {
            for i in 0..12 {
                let v = i as f64 * 1.5 + t as f64;
                mem.insert((t, i), Val::Num(v));
                arrays[t as usize][i as usize] = Value::number(v).bits();
            }
        }
        let slots: Vec<u64> = start
            .iter()
            .map(|v| match *v {
                Val::Num(x) => Value::number(x).bits(),
                Val::Int(i) => Value::number(i as f64).bits(),
                Val::Tab(t) => tab_bits(t),
                _ => Value::NIL.bits(),
            })
            .collect();
        // The recorded trace runs one iteration; the optimised one its loop.
        let runs = [(&raw, Some(run_unrolled(&raw, &start, &mem, 1))), (&opt, run_loop(&opt, &start, &mem, 20))];
        for (ir, want) in runs {
            let Some(want) = want else { continue };
            let code = compile_for_aarch64(ir).unwrap_or_else(|e| panic!("{e}\n{}", ir.dump()));
            merged += code.merges.len();
            for bytes in [code.original, code.code] {
                cases.push(Case { code: bytes, slots: slots.clone(), arrays: arrays.clone() });
            }
            expected.push((ir.dump(), want));
        }
    }
    let results = run_cases(&harness, &dir, &cases);
    std::fs::remove_dir_all(&dir).unwrap();
    for (pair, (listing, want)) in results.chunks(2).zip(&expected) {
        assert_eq!(pair[0], pair[1], "the store-pair pass changed what this trace does:\n{listing}");
        if let Err(e) = check_against_eval(want, &pair[0]) {
            panic!("{e}\n{listing}\ngot {:?}", pair[0]);
        }
    }
    eprintln!("{} traces, {merged} pairs", expected.len());
    assert!(merged > 100, "only {merged} store pairs merged");
}

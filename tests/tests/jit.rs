//! The JIT tier seen from the command line: traces really compile for the
//! programs of `tests/corpus/jit/` (counted from `-jv`, not assumed), side
//! traces form, JIT decisions are the same from run to run, and `-jbisect`
//! names the trace whose compilation changes a program's output.

use neap_tests::engines::{self, BuildDirs};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn neap() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let dirs = BuildDirs::of_current_exe().expect("build directories");
    let bin = engines::neap(&root, &dirs).expect("neap binary");
    (root, bin)
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let (root, bin) = neap();
    let mut cmd = Command::new(bin);
    cmd.args(args).current_dir(root);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run neap")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Completed traces in a `-jv` log.
fn completed(log: &str) -> usize {
    log.lines()
        .filter(|l| l.strip_prefix("[TRACE").is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit())))
        .count()
}

#[test]
fn every_jit_corpus_program_compiles_traces() {
    let (root, _) = neap();
    let dir = root.join("tests/corpus/jit");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let (mut total, mut aborts) = (0, 0);
    // Programs that switch the JIT off themselves are left out.
    let lua = |f: &&PathBuf| f.extension().is_some_and(|e| e == "lua");
    let jit_stays_on = |f: &&PathBuf| !std::fs::read_to_string(f).unwrap().contains("jit.off");
    for f in files.iter().filter(lua).filter(jit_stays_on) {
        let rel = f.strip_prefix(&root).unwrap().to_str().unwrap().to_string();
        for opts in [&["-jv"][..], &["-jv", "-Ohotloop=1,hotexit=1"][..]] {
            let mut args = opts.to_vec();
            args.push(&rel);
            let log = stderr(&run(&args, &[]));
            let n = completed(&log);
            assert!(n > 0, "{rel} {opts:?}: no trace completed:\n{log}");
            total += n;
            aborts += log.lines().filter(|l| l.starts_with("[TRACE ---")).count();
        }
    }
    println!("tests/corpus/jit: {total} traces completed, {aborts} recordings aborted");
}

#[test]
fn hot_exits_grow_side_traces() {
    let log = stderr(&run(&["-jv", "tests/corpus/jit/side_exit_branches.lua"], &[]));
    assert!(log.lines().any(|l| l.starts_with("[TRACE") && l.contains("(1/")), "no side trace of trace 1:\n{log}");
}

/// A `-jdump` without its machine code (which holds addresses that differ
/// between processes) and with the addresses in the IR blanked out: what
/// was recorded, in which order, and how it was optimised.
fn masked_dump(args: &[&str]) -> String {
    let log = stderr(&run(args, &[]));
    let mut out = String::with_capacity(log.len());
    let mut in_mcode = false;
    for line in log.lines() {
        if line.starts_with("---- TRACE") {
            in_mcode = line.contains(" mcode ");
        } else if in_mcode {
            continue;
        }
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '0' && chars.peek() == Some(&'x') {
                chars.next();
                while chars.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    chars.next();
                }
                out.push_str("0x?");
            } else {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_same_program_makes_the_same_traces() {
    for prog in ["tests/corpus/jit/side_exit_branches.lua", "tests/corpus/jit/nested_loops.lua"] {
        let args = ["-jdump", "-Ohotloop=3,hotexit=2", prog];
        let first = masked_dump(&args);
        assert!(first.contains("---- TRACE 1 IR"), "{prog}: nothing compiled");
        for _ in 0..2 {
            let again = masked_dump(&args);
            if again != first {
                let at = first.lines().zip(again.lines()).position(|(a, b)| a != b).unwrap_or(0);
                let show = |t: &str| t.lines().skip(at.saturating_sub(3)).take(8).collect::<Vec<_>>().join("\n");
                panic!(
                    "{prog}: the traces differ between runs, at line {at}:\n{}\n--- vs ---\n{}",
                    show(&first),
                    show(&again)
                );
            }
        }
    }
}

#[test]
fn jit_bisect_names_the_miscompiled_trace() {
    let prog = "tests/jit/bisect_three_loops.lua";
    let o = run(&["-jbisect", prog], &[]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("the interpreter and the JIT agree"));
    for n in 1..=3 {
        let o = run(&["-jbisect", prog], &[("NEAP_TEST_MISCOMPILE_TRACE", &n.to_string())]);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(out.starts_with(&format!("jit-bisect: trace {n} (of 3)")), "miscompiled {n}, got:\n{out}");
        assert!(out.contains(&format!("---- TRACE {n} IR")), "no dump of trace {n}:\n{out}");
    }
}

#[test]
fn aarch64_dump_marks_merged_pairs() {
    let o = run(&["-jdump", "tests/corpus/jit/arith_loop.lua"], &[("NEAP_JIT_AARCH64", "1"), ("NEAP_JIT_STATS", "1")]);
    let log = stderr(&o);
    assert!(log.contains("mcode aarch64, after the store-pair pass"), "no aarch64 listing");
    assert!(log.contains("; merged pair ("), "no merged pair marked");
    assert!(log.lines().any(|l| l.starts_with("jit: ") && l.contains("aarch64:")), "no merge count");
}

//! `neap -jbisect script.lua args...`: when a program's output differs
//! between the interpreter and the JIT, finds the first trace whose
//! compilation makes the difference and prints its `-jdump`.
//!
//! Trace decisions are deterministic (hot counters live in the bytecode,
//! nothing depends on addresses or time), so a run limited to its first N
//! traces (`-Omaxtrace=N`) compiles exactly the first N traces of the full
//! run. The output differs with N traces exactly when the guilty trace is
//! among them: a binary search over N finds it.

use std::path::Path;
use std::process::{Command, ExitCode};

/// What a run printed and how it ended.
#[derive(PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<i32>,
}

fn run(exe: &Path, options: &[&str], rest: &[String]) -> Outcome {
    let out = Command::new(exe).args(options).args(rest).output();
    match out {
        Ok(o) => Outcome { stdout: o.stdout, stderr: o.stderr, status: o.status.code() },
        Err(e) => Outcome { stdout: Vec::new(), stderr: e.to_string().into_bytes(), status: None },
    }
}

/// Traces the JIT completes on this program (lines `[TRACE n ...]` of `-jv`).
fn count_traces(exe: &Path, rest: &[String]) -> usize {
    let out = run(exe, &["-jv"], rest);
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.strip_prefix("[TRACE").is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit())))
        .count()
}

/// The `-jdump` section of trace `n` in a dump.
fn dump_of(dump: &str, n: usize) -> String {
    let mine = format!("---- TRACE {n} ");
    let mut out = String::new();
    let mut inside = false;
    for line in dump.lines() {
        if line.starts_with("---- TRACE ") {
            inside = line.starts_with(&mine);
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

pub fn bisect(rest: &[String]) -> ExitCode {
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("jit-bisect: cannot find the neap executable");
        return ExitCode::FAILURE;
    };
    if rest.is_empty() {
        eprintln!("usage: neap -jbisect [options] script.lua [args]");
        return ExitCode::FAILURE;
    }
    let reference = run(&exe, &["-joff"], rest);
    if run(&exe, &[], rest) == reference {
        println!("jit-bisect: the interpreter and the JIT agree");
        return ExitCode::SUCCESS;
    }
    let total = count_traces(&exe, rest);
    let differs = |n: usize| run(&exe, &[&format!("-Omaxtrace={n}")], rest) != reference;
    if total == 0 || !differs(total) {
        println!("jit-bisect: the outputs differ, but not because of one trace's compilation");
        return ExitCode::FAILURE;
    }
    // The smallest N whose first N traces make the difference.
    let (mut lo, mut hi) = (1, total);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if differs(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let dump = run(&exe, &["-jdump", &format!("-Omaxtrace={lo}")], rest);
    println!("jit-bisect: trace {lo} (of {total}) makes the difference");
    print!("{}", dump_of(&String::from_utf8_lossy(&dump.stderr), lo));
    ExitCode::SUCCESS
}

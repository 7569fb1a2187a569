//! Optimiser tests on IR text, in the style of Cranelift's filetests: the
//! input listing and its expectations in one string.
//!
//! The first argument names the passes to run (`fold cse fwd narrow loop
//! dce`, or `all`, then `-PASS` to switch one off again), and `-rule:NAME`
//! switches one fold rule off; they run in [`optimize`]'s order. Expectations are comments in the text:
//! - `; check: LINE` - the output has a line matching LINE, after the line
//!   the previous check matched (whitespace runs compare as one space);
//! - `; check-not: TEXT` - no output line contains TEXT;
//! - `; error: TEXT` - the passes fail with this message.
//!
//! Files in `jit/filetests/*.ir` hold one such test each, their first line
//! naming the passes: `; test: fold cse`.

use crate::ir::Ir;
use crate::opt::{optimize, OptFlags};

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the passes named in `spec` over `text` and returns the listing.
pub fn run_passes(spec: &str, text: &str) -> Result<String, String> {
    let mut flags = OptFlags::none();
    for word in spec.split_whitespace() {
        if word == "all" {
            flags = OptFlags::all();
        } else if !flags.set(word) {
            panic!("unknown pass or flag {word}");
        }
    }
    let parsed = Ir::parse(text, flags).map_err(|e| e.to_string())?;
    let ir = optimize(&parsed).map_err(|e| e.to_string())?;
    Ok(ir.dump())
}

/// Runs a filetest; panics with the full output when an expectation fails.
pub fn run_filetest(spec: &str, text: &str) {
    let result = run_passes(spec, text);
    let directives: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix(';'))
        .filter_map(|l| l.trim().split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    if let Some((_, want)) = directives.iter().find(|(k, _)| *k == "error") {
        match result {
            Err(e) => assert!(e.contains(want), "expected error {want:?}, got {e:?}"),
            Ok(out) => panic!("expected error {want:?}, got:\n{out}"),
        }
        return;
    }
    let out = result.unwrap_or_else(|e| panic!("passes failed: {e}"));
    let lines: Vec<String> = out.lines().map(squash).collect();
    let mut pos = 0;
    for (kind, want) in directives {
        let want = squash(want);
        match kind {
            "check" => match lines[pos..].iter().position(|l| *l == want) {
                Some(i) => pos += i + 1,
                None => panic!("check failed: {want:?} not found in:\n{out}"),
            },
            "check-not" => {
                assert!(!lines.iter().any(|l| l.contains(&want)), "check-not failed: {want:?} found in:\n{out}")
            }
            _ => {}
        }
    }
}

/// Runs every `jit/filetests/*.ir` file: its first line is `; test: PASSES`.
#[test]
fn filetests_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/filetests");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("jit/filetests exists").map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut ran = 0;
    for path in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "ir")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let spec = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("; test:"))
            .unwrap_or_else(|| panic!("{} must start with '; test: PASSES'", path.display()));
        let result = std::panic::catch_unwind(|| run_filetest(spec.trim(), &text));
        assert!(result.is_ok(), "filetest {} failed", path.display());
        ran += 1;
    }
    assert!(ran > 0);
}

//! Traces compiled by an AArch64 neap for itself run after the store-pair
//! pass (jit/src/backend/define.rs): its `-jdump` shows the host code after
//! the pass, with merged pairs marked. Meaningful when `NEAP_BIN` names an
//! AArch64 neap (the qemu wrapper .ci/aarch64 writes); it then runs with
//! `NEAP_EXPECT_AARCH64=1`, which turns "not an AArch64 neap" into a failure.
//! On x86-64 it checks that the host code is left as Cranelift made it.

use neap_tests::engines::{self, BuildDirs};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let dirs = BuildDirs::of_current_exe().expect("build directories");
    let bin: PathBuf = engines::neap(&root, &dirs).expect("neap binary");
    // The cross-compiled listing NEAP_JIT_AARCH64 adds must not stand in for
    // the host's own.
    Command::new(bin).args(args).current_dir(root).env_remove("NEAP_JIT_AARCH64").output().expect("run neap")
}

/// `jit.arch` of the neap under test.
fn arch() -> String {
    String::from_utf8_lossy(&run(&["-e", "io.write(jit.arch)"]).stdout).into_owned()
}

/// Pairs merged per trace, from the `-jdump` lines the host pass writes.
fn host_merges(dump: &str) -> Vec<u64> {
    dump.lines()
        .filter_map(|l| l.strip_prefix("; host code after the store-pair pass: "))
        .map(|rest| rest.split(' ').next().and_then(|n| n.parse().ok()).expect("merge count"))
        .collect()
}

#[test]
fn host_traces_run_after_the_store_pair_pass() {
    let arch = arch();
    let expect_aarch64 = std::env::var_os("NEAP_EXPECT_AARCH64").is_some_and(|v| v == "1");
    let o = run(&["-jdump", "tests/corpus/jit/arith_loop.lua"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dump = String::from_utf8_lossy(&o.stderr);
    let merges = host_merges(&dump);
    if arch != "arm64" {
        assert!(!expect_aarch64, "NEAP_EXPECT_AARCH64=1 but the neap under test is {arch:?}");
        assert!(merges.is_empty(), "the pass ran on {arch} code");
        return;
    }
    assert!(!merges.is_empty(), "no trace went through the host pass:\n{dump}");
    assert!(merges.iter().sum::<u64>() > 0, "the host pass merged nothing: {merges:?}");
    assert!(dump.contains("; merged pair ("), "no merged pair marked");
    assert!(dump.contains("; merged into "), "no nop marked");
}

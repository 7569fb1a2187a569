//! The collector bounds memory: a program that allocates about 10 GB of
//! garbage in total must run with a peak resident set under 100 MB.

use neap_tests::engines::{self, BuildDirs};
use std::path::Path;
use std::process::{Command, Stdio};

/// Waits for child `pid`; returns its exit status word and peak resident
/// set in KB (from the child's own `struct rusage`).
fn wait_with_rusage(pid: u32) -> (i32, i64) {
    // `struct rusage` starts with two `struct timeval` (two longs each),
    // then `ru_maxrss`; 18 longs cover the whole structure on Linux.
    #[repr(C)]
    struct RUsage([i64; 18]);
    extern "C" {
        fn wait4(pid: i32, status: *mut i32, options: i32, usage: *mut RUsage) -> i32;
    }
    let mut usage = RUsage([0; 18]);
    let mut status = 0;
    // wait4 reaps our own child and fills the buffers we own.
    let rc = unsafe { wait4(pid as i32, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid as i32, "wait4 failed");
    (status, usage.0[4])
}

#[test]
fn ten_gigabytes_of_garbage_fit_in_100_megabytes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let dirs = BuildDirs::of_current_exe().expect("build directories");
    let neap = engines::neap(&root, &dirs).expect("neap binary");
    let mut child = Command::new(&neap)
        .arg("tests/programs/garbage_10gb.lua")
        .current_dir(&root)
        .stdout(Stdio::piped())
        .spawn()
        .expect("run neap");
    // The output is one short line: it fits the pipe, so waiting first
    // cannot deadlock.
    let (status, peak_kb) = wait_with_rusage(child.id());
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    // The child is reaped: `child` must not be waited for again.
    std::mem::forget(child);
    assert_eq!(status, 0, "neap failed (status {status:#x})");
    assert_eq!(out.trim(), "10737458334", "the program did not do its work");
    let peak_mb = peak_kb / 1024;
    eprintln!("gc_memory: peak resident set {peak_mb} MB for ~10 GB of garbage");
    assert!(peak_mb < 100, "peak resident set {peak_mb} MB");
}

//! The `neap` command line behaves like `luajit`'s: options, the `arg` table,
//! scripts from stdin, exit statuses and error reports. (The reference runner
//! is not a full `luajit` CLI, so these expectations are written from
//! `luajit`'s documented behaviour.)

use neap_tests::engines::{self, BuildDirs};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn neap() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let dirs = BuildDirs::of_current_exe().expect("build directories");
    let bin = engines::neap(&root, &dirs).expect("neap binary");
    (root, bin)
}

fn run(args: &[&str], stdin: &str) -> Output {
    let (root, bin) = neap();
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn neap");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn runs_a_script_with_arguments() {
    let o = run(&["examples/hello.lua"], "");
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("counter:\t3\n"));
    let o = run(&["-e", "print(select('#', ...), arg[0], arg[1], arg[2], arg[-1] ~= nil)", "-", "a", "b"], "");
    // `arg` exists while -e runs (as luajit prints for the same command);
    // then `-` runs stdin (empty here) with the arguments.
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o), "0\t-\ta\tb\ttrue\n");
    let o = run(&["-", "x", "y"], "print(..., arg[0], arg[1], #arg)");
    assert_eq!(stdout(&o), "x\t-\tx\t2\n");
}

#[test]
fn options_run_in_order() {
    let o = run(&["-e", "x = 1", "-e", "print(x + 1)"], "");
    assert_eq!(stdout(&o), "2\n");
    let o = run(&["-l", "nonexistent_module_for_test"], "");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("module 'nonexistent_module_for_test' not found"));
    let o = run(&["-v"], "");
    assert!(stdout(&o).starts_with("Neap "));
}

#[test]
fn errors_exit_1_with_message_and_traceback() {
    let o = run(&["-e", "local t = nil; print(t.x)"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("neap: (command line):1: attempt to index local 't' (a nil value)\nstack traceback:\n"),
        "{err}"
    );
    let o = run(&["-e", "x = = 1"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "neap: (command line):1: unexpected symbol near '='\n");
    let o = run(&["no/such/file.lua"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "neap: cannot open no/such/file.lua\n");
}

#[test]
fn stdin_script_and_interactive_mode() {
    let o = run(&[], "print('from stdin')");
    assert_eq!(stdout(&o), "from stdin\n");
    let o = run(&["-i"], "x = 40\nx + 2\nfunction f()\nreturn 7 end\nf()\n");
    let out = stdout(&o);
    assert!(out.contains("42\n"), "{out}");
    assert!(out.contains(">> "), "continuation prompt: {out}");
    assert!(out.contains("7\n"), "{out}");
}

#[test]
fn bytecode_listing() {
    let o = run(&["-bl", "examples/hello.lua"], "");
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("-- BYTECODE -- examples/hello.lua:"));
}

#[test]
fn bytecode_saved_and_run() {
    let out = std::env::temp_dir().join(format!("neap-cli-bc-{}.raw", std::process::id()));
    let out_s = out.to_str().unwrap();
    // -b strips debug info by default, -bg keeps it; both run like the
    // source (but for the position and variable names in error messages).
    for opts in ["-b", "-bg", "-bd"] {
        let o = run(&[opts, "examples/hello.lua", out_s], "");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"\x1bLJ\x02"));
        assert_eq!(bytes[4] & 2 != 0, opts != "-bg", "strip flag for {opts}");
        let from_dump = stdout(&run(&[out_s], ""));
        let from_source = stdout(&run(&["examples/hello.lua"], ""));
        if opts == "-bg" {
            assert_eq!(from_dump, from_source);
        } else {
            assert_eq!(from_dump.lines().next(), from_source.lines().next());
        }
    }
    let _ = std::fs::remove_file(&out);
    // A chunk string saved to stdout, run from stdin.
    let o = run(&["-be", "print(6 * 7)", "-"], "");
    assert!(o.status.success());
    let (_, bin) = neap();
    let mut child = Command::new(bin).arg("-").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(&o.stdout).unwrap();
    assert_eq!(String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout), "42\n");
    let o = run(&["-b", "examples/hello.lua", "out.c"], "");
    assert_eq!(o.status.code(), Some(1));
}

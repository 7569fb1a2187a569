//! Compiles each C test program in `tests/c/` with the system C compiler
//! against `include/` and the built `libneap.a` (and one against
//! `libneap.so`), runs it, and runs it again under valgrind's memcheck when
//! valgrind is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where this build's libneap.a and libneap.so are: next to the test
/// executable (`target/debug/deps/`), where cargo puts them when it builds
/// the library for the tests (`cargo build` copies them up a level).
fn build_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().to_path_buf();
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        // `cargo test` does not rebuild a library with no rlib for its
        // tests: build it in this profile (a no-op when it is fresh).
        let profile_dir = dir.parent().unwrap();
        let profile = profile_dir.file_name().unwrap().to_string_lossy().into_owned();
        let target_dir = profile_dir.parent().unwrap();
        let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.args(["build", "-p", "neap-ffi", "--target-dir"]).arg(target_dir);
        if profile == "release" {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("running cargo build -p neap-ffi");
        assert!(status.success(), "building libneap failed");
    });
    dir
}

fn ffi_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compiles `tests/c/NAME.c` into the build directory; `shared` links
/// libneap.so instead of libneap.a.
fn compile(name: &str, shared: bool) -> PathBuf {
    let dir = build_dir();
    let out = dir.join(format!("capi-test-{name}{}", if shared { "-shared" } else { "" }));
    let src = ffi_dir().join("tests/c").join(format!("{name}.c"));
    let mut cmd = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
    // -fexceptions: unwind tables for the C frames lua_error unwinds
    // through (GCC emits them by default on x86-64 anyway).
    cmd.args(["-g", "-O1", "-Wall", "-fexceptions"])
        .arg("-I")
        .arg(ffi_dir().join("include"))
        .arg(&src)
        .arg("-o")
        .arg(&out);
    if shared {
        cmd.arg(format!("-L{}", dir.display())).arg("-lneap").arg(format!("-Wl,-rpath,{}", dir.display()));
    } else {
        cmd.arg(dir.join("libneap.a"));
    }
    cmd.args(["-lpthread", "-ldl", "-lm"]);
    let status = cmd.status().expect("running cc");
    assert!(status.success(), "compiling {name}.c failed");
    out
}

fn have_valgrind() -> bool {
    Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Runs a compiled test; returns its stdout. Panics on failure.
fn run(exe: &Path, args: &[&str]) -> String {
    // Without cargo's LD_LIBRARY_PATH, which may point at an older
    // libneap.so than the one the test was linked with (its rpath).
    let out = Command::new(exe)
        .args(args)
        .env_remove("LD_LIBRARY_PATH")
        .current_dir(ffi_dir().join("tests/c"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{} failed ({}):\n{}\n{}",
        exe.display(),
        out.status,
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Runs a compiled test under memcheck: no invalid access, no leak.
fn run_valgrind(exe: &Path, args: &[&str]) {
    if !have_valgrind() {
        eprintln!("\n*** valgrind is not installed: SKIPPING the memcheck run of {} ***\n", exe.display());
        return;
    }
    let out = Command::new("valgrind")
        .args(["--tool=memcheck", "--error-exitcode=1", "--leak-check=full", "-q"])
        .arg(exe)
        .args(args)
        .current_dir(ffi_dir().join("tests/c"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "valgrind found errors in {}:\n{}",
        exe.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check(name: &str) {
    let exe = compile(name, false);
    let out = run(&exe, &[]);
    assert!(out.contains("ok:"), "{name}: {out}");
    run_valgrind(&exe, &[]);
    check_on_luajit(name);
}

/// The reference LuaJIT's static library and headers, if the reference
/// runner has been built (`refrun/luajit`, which vendors LuaJIT through mlua).
fn luajit_dir() -> Option<PathBuf> {
    let target = build_dir().parent()?.parent()?.to_path_buf();
    for profile in ["release", "debug"] {
        let Ok(entries) = std::fs::read_dir(target.join(profile).join("build")) else { continue };
        for e in entries.flatten() {
            let out = e.path().join("out");
            if e.file_name().to_string_lossy().starts_with("mlua-sys-") && out.join("lib/libluajit.a").exists() {
                return Some(out);
            }
        }
    }
    None
}

/// Runs the same C test against LuaJIT: the tests' expectations (message
/// texts included) are LuaJIT's behaviour, not just Neap's.
fn check_on_luajit(name: &str) {
    let Some(lj) = luajit_dir() else {
        eprintln!("\n*** the reference LuaJIT is not built: not checking {name}.c against it ***\n");
        return;
    };
    let out = build_dir().join(format!("capi-test-{name}-luajit"));
    let status = Command::new("cc")
        .args(["-g", "-fexceptions", "-DON_LUAJIT"])
        .arg("-I")
        .arg(lj.join("include"))
        .arg(ffi_dir().join("tests/c").join(format!("{name}.c")))
        .arg("-o")
        .arg(&out)
        .arg(lj.join("lib/libluajit.a"))
        .args(["-lm", "-ldl"])
        .status()
        .unwrap();
    assert!(status.success(), "compiling {name}.c against LuaJIT failed");
    let stdout = run(&out, &[]);
    assert!(stdout.contains("ok:"), "{name} on LuaJIT: {stdout}");
}

#[test]
fn stack() {
    check("stack");
}

#[test]
fn tables() {
    check("tables");
}

#[test]
fn calls_and_errors() {
    check("calls");
}

#[test]
fn auxlib() {
    check("auxlib");
}

#[test]
fn debug_interface() {
    check("debug");
}

#[test]
fn hooks() {
    check("hooks");
}

/// lua_newstate's allocator gets all of the state's memory, and refusals
/// become LUA_ERRMEM errors.
#[test]
fn state_allocator() {
    check("alloc");
}

#[test]
fn coroutines() {
    check("coroutines");
}

#[test]
fn extensions() {
    // neap.h only: nothing to compare with LuaJIT.
    let exe = compile("extensions", false);
    let out = run(&exe, &[]);
    assert!(out.contains("ok:"), "{out}");
    run_valgrind(&exe, &[]);
}

#[test]
fn shared_library() {
    let exe = compile("stack", true);
    let out = run(&exe, &[]);
    assert!(out.contains("ok:"), "{out}");
}

/// An error with no protected call: the panic function runs, then the
/// process exits with status 1, as Lua 5.1 does.
#[test]
fn unprotected_error_calls_panic_function() {
    let exe = compile("panic", false);
    let out = Command::new(&exe).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "panic: boom\n");
}

/// The Nginx-style host: 10,000 coroutines parked in host I/O and resumed
/// in a scrambled order.
#[test]
fn coroutine_host() {
    let exe = compile("host", false);
    let out = run(&exe, &["10000"]);
    eprintln!("{out}");
    assert!(out.contains("ok:"), "{out}");
    run_valgrind(&exe, &["300"]);
}

/// The embedding example of ffi/README.md.
#[test]
fn readme_example() {
    let readme = std::fs::read_to_string(ffi_dir().join("README.md")).unwrap();
    let start = readme.find("```c\n").expect("a C example in the README") + 5;
    let end = start + readme[start..].find("```").unwrap();
    let src = build_dir().join("capi-readme-example.c");
    std::fs::write(&src, &readme[start..end]).unwrap();
    let exe = build_dir().join("capi-readme-example");
    let status = Command::new("cc")
        .args(["-fexceptions", "-I"])
        .arg(ffi_dir().join("include"))
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .arg(build_dir().join("libneap.a"))
        .args(["-lpthread", "-ldl", "-lm"])
        .status()
        .unwrap();
    assert!(status.success());
    let out = run(&exe, &[]);
    assert_eq!(out, "hello from Lua, 42\nsum = 6\nerror: example.lua:1: boom\n");
}

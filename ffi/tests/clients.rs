//! Real clients of the C API that no one here wrote:
//! - Lua 5.1.5's standalone interpreter `lua.c`, from Debian's `lua5.1`
//!   source package, compiled against `ffi/include` and linked with
//!   `libneap.a`, runs the differential corpus with the same results as
//!   `neap`;
//! - Debian's prebuilt Lua 5.1 modules (lua-lpeg, lua-cjson,
//!   lua-filesystem) load into `neap` with `require` and give the same
//!   output as in `lua5.1`.
//!
//! Each test says loudly when what it needs is missing and skips
//! (fails instead with NEAP_REQUIRE_CAPI_CLIENTS=1).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use neap_tests::engines::{self, BuildDirs};

fn ffi_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn repository_root() -> PathBuf {
    ffi_dir().parent().unwrap().to_path_buf()
}

/// Says loudly why a test cannot run; with NEAP_REQUIRE_CAPI_CLIENTS=1
/// (as CI sets after installing the packages) that is a failure instead.
fn skip(why: &str) {
    if std::env::var_os("NEAP_REQUIRE_CAPI_CLIENTS").is_some_and(|v| v == "1") {
        panic!("NEAP_REQUIRE_CAPI_CLIENTS=1 but {why}");
    }
    eprintln!("\n*** SKIPPED: {why} ***\n");
}

/// Debian's lua.c: from $NEAP_LUA51_SRC (the source tree), or a source
/// package already unpacked under target/lua51-src, or fetched there with
/// `apt-get source lua5.1` (needs a deb-src entry). Never committed.
fn debian_lua_c(dirs: &BuildDirs) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("NEAP_LUA51_SRC") {
        let p = PathBuf::from(dir).join("src/lua.c");
        return p.exists().then_some(p);
    }
    let cache = dirs.target_dir.join("lua51-src");
    let find = || -> Option<PathBuf> {
        std::fs::read_dir(&cache).ok()?.flatten().map(|e| e.path().join("src/lua.c")).find(|p| p.exists())
    };
    if let Some(p) = find() {
        return Some(p);
    }
    std::fs::create_dir_all(&cache).ok()?;
    let fetched = Command::new("apt-get").args(["source", "-qq", "lua5.1"]).current_dir(&cache).status();
    if !fetched.is_ok_and(|s| s.success()) {
        return None;
    }
    find()
}

/// Compiles lua.c against Neap's headers and libneap.a into
/// `<deps>/lua-c-on-neap/neap` (named `neap` so that its messages carry
/// the same `neap: ` prefix as the real one).
fn compile_lua_c(lua_c: &Path) -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let dir = deps.join("lua-c-on-neap");
    std::fs::create_dir_all(&dir).unwrap();
    // A copy away from the source tree, whose own lua.h would be found first.
    let src = dir.join("lua.c");
    std::fs::copy(lua_c, &src).unwrap();
    let exe = dir.join("neap");
    let status = Command::new("cc")
        .args(["-O1", "-fexceptions", "-I"])
        .arg(ffi_dir().join("include"))
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .arg(deps.join("libneap.a"))
        .args(["-lpthread", "-ldl", "-lm"])
        .status()
        .unwrap();
    assert!(status.success(), "compiling Debian's lua.c against Neap's headers failed");
    exe
}

#[test]
fn debian_lua_c_runs_the_corpus_like_neap() {
    let dirs = BuildDirs::of_current_exe().unwrap();
    let Some(lua_c) = debian_lua_c(&dirs) else {
        skip("Debian's lua5.1 source (lua.c) is not available: set NEAP_LUA51_SRC or add a deb-src entry");
        return;
    };
    let lua = compile_lua_c(&lua_c);
    let root = repository_root();
    let neap = engines::neap(&root, &dirs).unwrap();
    // Run lua.c by name through PATH, so its argv[0] (its message prefix) is `neap`.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs_on_path = vec![lua.parent().unwrap().to_path_buf()];
    dirs_on_path.extend(std::env::split_paths(&path));
    // Test threads share the environment; this test is the only one here
    // that runs programs by name.
    std::env::set_var("PATH", std::env::join_paths(dirs_on_path).unwrap());
    let programs = neap_tests::corpus::programs(&root).unwrap();
    let config = neap_tests::Config {
        root: root.clone(),
        reference: neap,
        neap: PathBuf::from("neap"),
        neap_args: Vec::new(),
        timeout: Duration::from_secs(60),
        jobs: 2,
        check_determinism: false,
    };
    let results = neap_tests::run_all(&config, &programs);
    let known = known_differences();
    let mut unexpected = Vec::new();
    let mut agreeing = 0;
    for r in &results {
        if r.agrees() {
            agreeing += 1;
            if known.contains(&r.path) {
                unexpected.push(format!("{}: agrees now; remove it from {KNOWN_DIFFERENCES}", r.path));
            }
        } else if !known.contains(&r.path) {
            let diff = neap_tests::outcome::diff_labelled(&r.reference, &r.neap, "neap", "lua.c on libneap");
            unexpected.push(format!("{}:\n{diff}", r.path));
        }
    }
    println!("lua.c on libneap: {agreeing} of {} corpus programs agree with neap", results.len());
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n\n"));
}

/// Corpus programs whose results differ between lua.c and neap for reasons
/// of the interpreters, not of the C API (one path per line, `#` comments).
const KNOWN_DIFFERENCES: &str = "tests/lua_c-known-differences.txt";

fn known_differences() -> std::collections::BTreeSet<String> {
    let text = std::fs::read_to_string(ffi_dir().join(KNOWN_DIFFERENCES)).unwrap_or_default();
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// Debian's module directory for Lua 5.1 C modules.
const DEBIAN_CMODULES: &str = "/usr/lib/x86_64-linux-gnu/lua/5.1";

#[test]
fn debian_prebuilt_modules_load_into_neap() {
    let dirs = BuildDirs::of_current_exe().unwrap();
    let have_lua51 = Command::new("lua5.1").arg("-v").output().is_ok_and(|o| o.status.success());
    let modules = ["lpeg", "cjson", "lfs"];
    let missing: Vec<&str> =
        modules.iter().copied().filter(|m| !Path::new(DEBIAN_CMODULES).join(format!("{m}.so")).exists()).collect();
    if !have_lua51 || !missing.is_empty() {
        skip(&format!(
            "needs lua5.1 and Debian's lua-lpeg, lua-cjson, lua-filesystem (missing: lua5.1 {}, modules {:?})",
            !have_lua51, missing
        ));
        return;
    }
    let neap = engines::neap(&repository_root(), &dirs).unwrap();
    let script = ffi_dir().join("tests/lua/modules.lua");
    let cpath = format!("{DEBIAN_CMODULES}/?.so");
    let run = |exe: &Path| {
        let out = Command::new(exe).arg(&script).env("LUA_CPATH", &cpath).output().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code(),
        )
    };
    let want = run(Path::new("lua5.1"));
    let got = run(&neap);
    assert_eq!(want.2, Some(0), "lua5.1 failed: {}", want.1);
    assert_eq!(got, want, "neap and lua5.1 differ on {}", script.display());
}

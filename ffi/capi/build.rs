//! Compiles the C half of the API: the functions with C variable argument
//! lists (`lua_pushfstring`, `luaL_error`...), which stable Rust cannot define.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let src = "csrc/varargs.c";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=../include");
    let obj = out.join("varargs.o");
    // Cross builds name their tools per target (`CC_aarch64_unknown_linux_gnu`), as
    // the `cc` crate reads them; `CC`/`AR` and the host's `cc`/`ar` otherwise.
    let cc = tool_for_target("CC", "cc");
    let status = Command::new(&cc)
        .args(["-c", "-O2", "-fPIC", "-fexceptions", "-Wall", "-I../include", src, "-o"])
        .arg(&obj)
        .status()
        .expect("running the C compiler");
    assert!(status.success(), "compiling {src} failed");
    let lib = out.join("libneapcshim.a");
    let _ = std::fs::remove_file(&lib);
    let status = Command::new(tool_for_target("AR", "ar")).arg("crs").arg(&lib).arg(&obj).status().expect("running ar");
    assert!(status.success(), "ar failed");
    println!("cargo:rustc-link-search=native={}", out.display());
    // Whole archive: nothing in Rust calls these; C code does.
    println!("cargo:rustc-link-lib=static:+whole-archive=neapcshim");
}

/// The tool `kind` (`CC`, `AR`) for the target being built: `<kind>_<target>` with
/// the target triple's dashes as underscores, else `<kind>`, else `default`.
fn tool_for_target(kind: &str, default: &str) -> String {
    let target = std::env::var("TARGET").unwrap_or_default().replace('-', "_");
    for var in [format!("{kind}_{target}"), kind.to_owned()] {
        println!("cargo:rerun-if-env-changed={var}");
        if let Ok(tool) = std::env::var(&var) {
            return tool;
        }
    }
    default.to_owned()
}

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
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let status = Command::new(&cc)
        .args(["-c", "-O2", "-fPIC", "-fexceptions", "-Wall", "-I../include", src, "-o"])
        .arg(&obj)
        .status()
        .expect("running the C compiler");
    assert!(status.success(), "compiling {src} failed");
    let lib = out.join("libneapcshim.a");
    let _ = std::fs::remove_file(&lib);
    let status = Command::new("ar").arg("crs").arg(&lib).arg(&obj).status().expect("running ar");
    assert!(status.success(), "ar failed");
    println!("cargo:rustc-link-search=native={}", out.display());
    // Whole archive: nothing in Rust calls these; C code does.
    println!("cargo:rustc-link-lib=static:+whole-archive=neapcshim");
}

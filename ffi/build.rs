//! rustc exports only Rust items from a cdylib (through its own version
//! script); this second script adds the C-defined API functions of
//! neap-capi (`csrc/varargs.c` there).

fn main() {
    let map = std::path::Path::new("exports.map").canonicalize().unwrap();
    println!("cargo:rerun-if-changed=exports.map");
    println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={}", map.display());
}

//! The `neap` binary exports the Lua 5.1 C API (linked in from neap-capi)
//! from its dynamic symbol table, so C modules it loads with `require`
//! (built for Lua 5.1: lpeg, cjson, lfs...) resolve `lua_*` against it.

fn main() {
    println!("cargo:rustc-link-arg-bin=neap=-rdynamic");
}

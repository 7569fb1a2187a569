//! `luaL_openlibs` and the `luaopen_*` functions: Neap's standard
//! libraries, opened into the state's globals.

use std::ffi::c_int;

use neap_vm::Vm;

use crate::global::lua_State;
use crate::throw::api;

/// Opens one library with `open` and pushes its table (from the globals,
/// under `name`), returning 1 as a `luaopen_*` function does.
unsafe fn open_lib(l: *mut lua_State, name: &str, open: fn(&mut Vm)) -> c_int {
    // Safety: `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            a.on_thread(|vm| open(vm));
            let t = a.vm.get_global(name);
            a.push(t);
            Ok(1)
        })
    }
}

macro_rules! luaopen {
    ($fname:ident, $name:expr, $open:path) => {
        #[no_mangle]
        pub unsafe extern "C-unwind" fn $fname(l: *mut lua_State) -> c_int {
            // Safety: `l` is a live handle from this library.
            unsafe { open_lib(l, $name, $open) }
        }
    };
}

luaopen!(luaopen_base, "_G", neap_vm::stdlib::base::open);
luaopen!(luaopen_table, "table", neap_vm::stdlib::table::open);
luaopen!(luaopen_io, "io", neap_vm::stdlib::io::open);
luaopen!(luaopen_os, "os", neap_vm::stdlib::os::open);
luaopen!(luaopen_string, "string", neap_vm::stdlib::string::open);
luaopen!(luaopen_math, "math", neap_vm::stdlib::math::open);
luaopen!(luaopen_debug, "debug", neap_vm::stdlib::debug::open);
luaopen!(luaopen_package, "package", neap_vm::stdlib::package::open);
luaopen!(luaopen_bit, "bit", neap_vm::stdlib::bit::open);
luaopen!(luaopen_jit, "jit", neap_vm::stdlib::jit::open);

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_openlibs(l: *mut lua_State) {
    // Safety: `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            a.on_thread(neap_vm::stdlib::open_all);
            // With the libraries, the JIT, as `neap` has it (it finds the
            // builtins it compiles among them).
            if a.vm.tier.is_none() {
                neap_jit::engine::Engine::install(a.vm, neap_jit::engine::JitConfig::default());
            }
            Ok(())
        })
    }
}

//! Loading C modules: `dlopen` a shared library and wrap its `luaopen_*`
//! (or any `lua_CFunction`) as a C function value. Installed into the VM's
//! `package` library through `neap_vm::capi`.

use std::ffi::{c_char, c_int, c_void, CStr, CString};

use neap_vm::capi::LoadError;
use neap_vm::{Value, Vm};

use crate::global::{global_of, lua_CFunction, new_c_function};

const RTLD_NOW: c_int = 2;
const RTLD_GLOBAL: c_int = 0x100;

extern "C" {
    fn dlopen(filename: *const c_char, flags: c_int) -> *mut c_void;
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn dlerror() -> *const c_char;
}

/// The text of the last dynamic-linking error.
fn last_dl_error() -> String {
    // dlerror returns NULL or a C string valid until the next dl* call.
    let p = unsafe { dlerror() };
    if p.is_null() {
        "unknown dynamic linking error".to_string()
    } else {
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// Opens `path` and returns its C function `symbol`. Libraries stay loaded
/// for the life of the process (modules may keep pointers into them).
/// `symbol` `*` only loads the library, with its symbols global, and
/// returns true (as LuaJIT's `package.loadlib`).
pub fn load_c_function(vm: &mut Vm, path: &str, symbol: &str) -> Result<Value, LoadError> {
    let cpath = CString::new(path).map_err(|_| LoadError::Open(format!("{path}: invalid file name")))?;
    let global = if symbol == "*" { RTLD_GLOBAL } else { 0 };
    // A valid C string; dlopen has no other precondition.
    let handle = unsafe { dlopen(cpath.as_ptr(), RTLD_NOW | global) };
    if handle.is_null() {
        return Err(LoadError::Open(last_dl_error()));
    }
    if symbol == "*" {
        return Ok(Value::TRUE);
    }
    let csym = CString::new(symbol).map_err(|_| LoadError::Init(format!("{path}: undefined symbol: {symbol}")))?;
    // A live handle from dlopen and a valid C string.
    let f = unsafe { dlsym(handle, csym.as_ptr()) };
    if f.is_null() {
        return Err(LoadError::Init(last_dl_error()));
    }
    // The symbol is a function with lua_CFunction's signature: that is the
    // contract of `luaopen_*` and of package.loadlib's second argument.
    let f = unsafe { std::mem::transmute::<*mut c_void, lua_CFunction>(f) };
    let g = global_of(vm);
    Ok(new_c_function(vm, g, f, &[]))
}

/// Lets `require` and `package.loadlib` load C modules in every Neap state
/// of this process (the `neap` binary calls it at startup; states made
/// through the C API get it automatically).
pub fn install_c_loader() {
    neap_vm::capi::set_c_loader(load_c_function);
    neap_vm::capi::set_c_trampoline(crate::global::c_trampoline, crate::global::HIDDEN_UPVALUES);
}

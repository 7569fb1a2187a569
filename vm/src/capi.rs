//! The hook through which Neap's C API (the `neap-capi` crate) lets the
//! `package` library load C modules: the VM itself has no dynamic loading.

use std::sync::OnceLock;

use crate::state::Vm;
use crate::value::Value;

/// Why a C function could not be loaded, as `package.loadlib` reports it.
#[derive(Debug)]
pub enum LoadError {
    /// The library could not be opened (the message is the system's).
    Open(String),
    /// The library has no such function.
    Init(String),
}

/// Opens the shared library at `path` and returns its C function `symbol`
/// as a function value.
pub type CLoader = fn(vm: &mut Vm, path: &str, symbol: &str) -> Result<Value, LoadError>;

static C_LOADER: OnceLock<CLoader> = OnceLock::new();

/// Installs the loader (once per process; later calls are ignored).
pub fn set_c_loader(loader: CLoader) {
    let _ = C_LOADER.set(loader);
}

/// The installed loader, if the C API is linked in and installed it.
pub fn c_loader() -> Option<CLoader> {
    C_LOADER.get().copied()
}

/// The native that runs every C function, and how many upvalues it keeps
/// for itself before the closure's own: `debug.getupvalue` and friends skip
/// those, so a C closure shows exactly its own upvalues, as in Lua.
static C_TRAMPOLINE: OnceLock<(crate::func::NativeFn, usize)> = OnceLock::new();

/// Registers the C function trampoline (once per process).
pub fn set_c_trampoline(f: crate::func::NativeFn, hidden_upvalues: usize) {
    let _ = C_TRAMPOLINE.set((f, hidden_upvalues));
}

/// Upvalues of native `f` that belong to the C API, not to the closure.
pub fn hidden_upvalues(f: crate::func::NativeFn) -> usize {
    match C_TRAMPOLINE.get() {
        Some(&(t, n)) if t as usize == f as usize => n,
        _ => 0,
    }
}

/// The registry key of the function that hears about errors in `__gc`
/// finalizers (a light userdata, so no Lua string key can name it).
const FINALIZER_ERROR_KEY: usize = 0x6572_7266_696e;

/// Installs `handler` (a function, or nil to remove it) to be called with
/// the error value of every `__gc` finalizer that fails. Without one such
/// errors are dropped, as LuaJIT drops them in a state made by
/// `lua_newstate`; its `luaL_newstate` installs a handler that prints them.
pub fn set_finalizer_error_handler(vm: &mut Vm, handler: Value) -> crate::error::LuaResult<()> {
    let reg = vm.registry;
    vm.raw_set(reg, Value::light_userdata(FINALIZER_ERROR_KEY), handler)
}

/// Hands the error of a failed finalizer to the handler, if any; the
/// handler's own errors are dropped (nothing is there to catch them).
pub(crate) fn report_finalizer_error(vm: &mut Vm, error: crate::error::LuaError) {
    // The registry is live for the state's life.
    let handler = unsafe { (*vm.registry).get(Value::light_userdata(FINALIZER_ERROR_KEY)) };
    if handler.is_function() {
        let _ = vm.call(handler, &[error.value]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finalizer_errors_reach_the_handler() {
        fn record(vm: &mut Vm, args: crate::state::Args) -> crate::error::LuaResult<usize> {
            let e = vm.arg(args, 0);
            vm.set_global("seen", e);
            Ok(0)
        }
        let mut vm = Vm::new();
        let f = crate::func::Function::new_native(vm.globals, "record", record, Box::new([]));
        let f = Value::function(vm.heap.alloc(f));
        set_finalizer_error_handler(&mut vm, f).expect("registry grows");
        let src = b"getmetatable(newproxy(true)).__gc = function() error('gc!', 0) end\n\
                    collectgarbage() return seen";
        let chunk = vm.load(src, b"=test").expect("compiles");
        let r = vm.call(chunk, &[]).expect("runs");
        assert_eq!(vm.str_of(r[0]), b"gc!");
    }

    #[test]
    fn natives_other_than_the_trampoline_hide_no_upvalues() {
        fn f(_: &mut Vm, _: crate::state::Args) -> crate::error::LuaResult<usize> {
            Ok(0)
        }
        assert_eq!(hidden_upvalues(f), 0);
    }
}

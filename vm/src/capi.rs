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

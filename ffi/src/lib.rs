//! `libneap.so` and `libneap.a`: Neap's Lua 5.1 C API (the `neap-capi`
//! crate) as a C library. The API functions are `#[no_mangle]` items of
//! neap-capi; a cdylib or staticlib exports them as they are.

pub use neap_capi::*;

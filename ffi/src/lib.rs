//! `libneap.so` and `libneap.a`: Neap's Lua 5.1 C API (the `neap-capi`
//! crate) as a C library. The API functions are `#[no_mangle]` items of
//! neap-capi; a cdylib or staticlib exports them as they are.

pub use neap_capi::*;

/// Every Rust allocation of libneap goes through Neap's allocator, so a
/// state made by `lua_newstate(f, ud)` gets its memory from `f` (see
/// `neap_capi::alloc`). Only libneap installs it: the `neap` binary and
/// Rust programs keep Rust's default allocator.
#[global_allocator]
static ALLOCATOR: neap_capi::alloc::NeapAllocator = neap_capi::alloc::NeapAllocator;

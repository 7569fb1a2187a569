//! Neap's Lua 5.1 C API: `libneap.so`/`libneap.a` and the headers in
//! `include/`, so C hosts written for Lua 5.1 (`lua.h`, `lauxlib.h`,
//! `lualib.h`) embed Neap unchanged.
//!
//! A `lua_State *` is a Neap thread plus the state it belongs to
//! ([`global::lua_State`]). A C function's stack view is its native frame on
//! that thread (index 1 = first argument). C functions become Neap native
//! functions through one trampoline ([`global::c_trampoline`]) that keeps the
//! C pointer in a hidden upvalue.
//!
//! Errors: `lua_error` unwinds the C frames between it and the nearest
//! trampoline as a Rust panic with a private payload ([`throw::Throw`]),
//! through `extern "C-unwind"` functions; the trampoline turns it back into
//! a Lua error for the VM. Any other Rust panic is caught at the API
//! boundary and becomes a Lua error, so it never crosses into C.

#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]

pub mod access;
pub mod alloc;
pub mod auxlib;
pub mod buffer;
pub mod call;
pub mod debug;
pub mod ext;
pub mod global;
pub mod hook;
pub mod libs;
pub mod loader;
pub mod push;
pub mod stack;
pub mod table;
pub mod throw;

pub use global::{lua_CFunction, lua_State};
pub use loader::install_c_loader;

/// `lua_Number`.
pub type lua_Number = f64;
/// `lua_Integer` (`ptrdiff_t`).
pub type lua_Integer = isize;

pub const LUA_REGISTRYINDEX: i32 = -10000;
pub const LUA_ENVIRONINDEX: i32 = -10001;
pub const LUA_GLOBALSINDEX: i32 = -10002;
pub const LUA_MULTRET: i32 = -1;

pub const LUA_YIELD: i32 = 1;
pub const LUA_ERRRUN: i32 = 2;
pub const LUA_ERRSYNTAX: i32 = 3;
pub const LUA_ERRMEM: i32 = 4;
pub const LUA_ERRERR: i32 = 5;
pub const LUA_ERRFILE: i32 = 6;

pub const LUA_TNONE: i32 = -1;
pub const LUA_TNIL: i32 = 0;
pub const LUA_TBOOLEAN: i32 = 1;
pub const LUA_TLIGHTUSERDATA: i32 = 2;
pub const LUA_TNUMBER: i32 = 3;
pub const LUA_TSTRING: i32 = 4;
pub const LUA_TTABLE: i32 = 5;
pub const LUA_TFUNCTION: i32 = 6;
pub const LUA_TUSERDATA: i32 = 7;
pub const LUA_TTHREAD: i32 = 8;

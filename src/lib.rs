//! Neap: an embeddable Lua VM speaking LuaJIT 2.1's dialect of Lua 5.1.
//!
//! The embedding API follows mlua's: porting an mlua host should mostly mean
//! changing its `use` lines.
//!
//! ```
//! use neap::{Lua, Result};
//!
//! fn main() -> Result<()> {
//!     let lua = Lua::new();
//!     let greet = lua.create_function(|_, name: String| Ok(format!("hello, {}", name)))?;
//!     lua.globals().set("greet", greet)?;
//!     let s: String = lua.load(r#"greet("world")"#).eval()?;
//!     assert_eq!(s, "hello, world");
//!     Ok(())
//! }
//! ```
//!
//! # Design
//!
//! A [`Lua`] owns the VM behind a re-entrant lock; handles ([`Table`],
//! [`Function`], [`LuaString`], [`Thread`], [`AnyUserData`],
//! [`RegistryKey`]) are `'static` like mlua 0.10's, and each is a host
//! reference into the VM (a GC root) plus a weak link to its state: the
//! object lives as long as the handle, and a handle that outlives its state
//! reports [`Error::LuaDestroyed`]. `Lua` is `Send` and `Sync`, so Rust
//! callbacks and userdata types must be `Send`.
//!
//! Rust callbacks are one native function (a trampoline) with the boxed
//! closure in a userdata upvalue. A callback's `Err` travels through Lua as
//! a userdata value ([`Value::Error`]): `pcall` catches it, `tostring` prints
//! it, and rethrown it comes back to the host as the same
//! [`Error::CallbackError`].
//!
//! # Differences from mlua
//!
//! - Sandboxing: `set_memory_limit` and `set_interrupt` (called on loop
//!   back-edges and calls); not there yet: `set_hook`.
//! - Left out: `scope` (non-`'static` callbacks), async functions and
//!   threads, `Lua::sandbox` (Luau only), `create_c_function`,
//!   `Function::dump`/`info`, `Chunk::set_environment`/`set_mode`,
//!   `#[derive(FromLua)]`, and `UserData` types that are not `Send`.
//! - [`StdLib`] leaves libraries out by removing their globals from a full
//!   state; `debug`, `bit`, `ffi` and `jit` do not exist in Neap yet.
//! - [`Table::len`] is the raw length: LuaJIT ignores `__len` on tables.
//! - [`ThreadStatus`] has no `Error` state: the VM does not record whether
//!   a dead coroutine returned or failed.
//! - A chunk without a name is named by its source text, as `loadstring`
//!   does (`[string "..."]` in messages).

#![warn(missing_docs)]

pub use neap_vm as vm;

mod conversion;
mod error;
mod function;
mod lua;
mod multi;
#[cfg(feature = "serde")]
mod serde;
mod string;
mod table;
mod thread;
mod userdata;
mod value;

pub use conversion::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti};
pub use error::{Error, ErrorContext, ExternalError, ExternalResult, Result};
pub use function::Function;
pub use lua::{AppDataRef, AppDataRefMut, AsChunk, Chunk, Lua, LuaOptions, RegistryKey, StdLib, VmState};
pub use multi::{MultiValue, Variadic};
pub use string::LuaString;
pub use table::{Table, TablePairs, TableSequence};
pub use thread::{Thread, ThreadStatus};
pub use userdata::{
    AnyUserData, MetaMethod, UserData, UserDataFields, UserDataMethods, UserDataRef, UserDataRefMut, UserDataRegistry,
};
pub use value::{LightUserData, Nil, Value};

/// mlua's name for [`LuaString`].
pub type String = LuaString;

/// The usual imports, prefixed `Lua` as in mlua's prelude.
pub mod prelude {
    pub use crate::{
        AnyUserData as LuaAnyUserData, Error as LuaError, ErrorContext as LuaErrorContext,
        ExternalError as LuaExternalError, ExternalResult as LuaExternalResult, FromLua, FromLuaMulti,
        Function as LuaFunction, IntoLua, IntoLuaMulti, Lua, LuaOptions, LuaString, MetaMethod as LuaMetaMethod,
        MultiValue as LuaMultiValue, Nil as LuaNil, Result as LuaResult, StdLib as LuaStdLib, Table as LuaTable,
        Thread as LuaThread, ThreadStatus as LuaThreadStatus, UserData as LuaUserData,
        UserDataFields as LuaUserDataFields, UserDataMethods as LuaUserDataMethods, Value as LuaValue,
        Variadic as LuaVariadic, VmState as LuaVmState,
    };
}

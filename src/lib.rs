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
//! Not there yet (they need VM hooks): `set_memory_limit` and
//! `set_interrupt`.

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
pub use lua::{AppDataRef, AppDataRefMut, AsChunk, Chunk, Lua, LuaOptions, RegistryKey, StdLib};
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
        Variadic as LuaVariadic,
    };
}

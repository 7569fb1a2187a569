//! neap-vm: Neap's values, heap, front end, interpreter and standard library.
//!
//! See `DESIGN.md` in the shared folder for the architecture.

pub mod bcread;
pub mod bcwrite;
pub mod bitop;
pub mod bytecode;
pub mod capi;
pub mod chunkname;
pub mod debuginfo;
pub mod dump;
pub mod error;
pub mod func;
pub mod gc;
pub mod hook;
pub mod interp;
pub mod layout;
pub mod lex;
pub mod meta;
pub mod parse;
pub mod pattern;
pub mod proto;
pub mod state;
pub mod stdlib;
pub mod strfmt;
pub mod string;
pub mod strscan;
pub mod table;
pub mod thread;
pub mod tier;
pub mod userdata;
pub mod value;

pub use error::{LuaError, LuaResult};
pub use state::Vm;
pub use value::Value;

//! neap-vm: Neap's values, heap, front end, interpreter and standard library.
//!
//! See `DESIGN.md` in the shared folder for the architecture.

pub mod bytecode;
pub mod chunkname;
pub mod dump;
pub mod func;
pub mod gc;
pub mod lex;
pub mod parse;
pub mod proto;
pub mod string;
pub mod strscan;
pub mod table;
pub mod thread;
pub mod userdata;
pub mod value;

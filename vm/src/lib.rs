//! neap-vm: Neap's values, heap, front end, interpreter and standard library.
//!
//! See `DESIGN.md` in the shared folder for the architecture.

pub mod bytecode;
pub mod func;
pub mod gc;
pub mod pattern;
pub mod proto;
pub mod strfmt;
pub mod string;
pub mod table;
pub mod thread;
pub mod userdata;
pub mod value;

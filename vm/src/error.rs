//! Lua errors as they travel through Rust code.

use crate::value::Value;

/// A Lua error in flight: the error value (any Lua value) and, once some
/// frame recorded it, a traceback.
///
/// While an error travels, the collector does not run, so `value` stays
/// valid until it is stored back in a stack slot or converted for the host.
#[derive(Clone, Debug)]
pub struct LuaError {
    pub value: Value,
    pub traceback: Option<String>,
    pub kind: ErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Runtime,
    Syntax,
    Memory,
    /// An error raised while running an error handler.
    ErrorHandler,
    /// Not an error: a coroutine yielding unwinds the Rust stack to the
    /// `resume` that runs it, leaving its Lua frames in place.
    Yield,
}

impl LuaError {
    pub fn new(value: Value) -> LuaError {
        LuaError { value, traceback: None, kind: ErrorKind::Runtime }
    }
}

pub type LuaResult<T> = Result<T, LuaError>;

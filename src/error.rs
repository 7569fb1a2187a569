//! The embedding API's error type, in the spirit of mlua's `Error`.

use std::fmt;
use std::sync::Arc;

/// Everything that can go wrong between Rust and Lua.
///
/// ```
/// let lua = neap::Lua::new();
/// let err = lua.load("error('boom')").exec().unwrap_err();
/// assert!(matches!(err, neap::Error::RuntimeError(ref m) if m.contains("boom")));
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// The source did not compile. `incomplete_input` is set when more input
    /// could complete it (the parser stopped at `<eof>`), so a REPL can ask
    /// for another line.
    SyntaxError {
        /// The compiler's message, position included.
        message: String,
        /// More input could make it valid.
        incomplete_input: bool,
    },
    /// A Lua error at run time: the message, with the Lua traceback when one
    /// was recorded.
    RuntimeError(String),
    /// An allocation failed (LuaJIT's `not enough memory`).
    MemoryError(String),
    /// A Rust callback failed: where it was called from, and why.
    CallbackError {
        /// The Lua stack when the callback failed.
        traceback: String,
        /// What the callback returned.
        cause: Arc<Error>,
    },
    /// A Rust value could not become a Lua value.
    ToLuaConversionError {
        /// The Rust type.
        from: String,
        /// The Lua type.
        to: &'static str,
        /// Why, when there is more to say.
        message: Option<String>,
    },
    /// A Lua value could not become a Rust value.
    FromLuaConversionError {
        /// The Lua type.
        from: &'static str,
        /// The Rust type.
        to: String,
        /// Why, when there is more to say.
        message: Option<String>,
    },
    /// `Thread::resume` on a coroutine that is running or finished.
    CoroutineUnresumable,
    /// The userdata does not hold the Rust type asked for.
    UserDataTypeMismatch,
    /// The userdata's value was taken out ([`AnyUserData::take`](crate::AnyUserData::take)).
    UserDataDestructed,
    /// The userdata is already mutably borrowed.
    UserDataBorrowError,
    /// The userdata is already borrowed.
    UserDataBorrowMutError,
    /// A metamethod a userdata type may not define (`__gc`, `__metatable`).
    MetaMethodRestricted(String),
    /// A `create_function_mut` callback was re-entered while running.
    RecursiveMutCallback,
    /// A handle was used with a `Lua` other than the one that made it.
    MismatchedLua,
    /// The `Lua` a handle belongs to was dropped.
    LuaDestroyed,
    /// Wrong argument to a Rust callback.
    BadArgument {
        /// The function called, when known.
        to: Option<String>,
        /// The argument's position (1-based).
        pos: usize,
        /// The argument's name, when known.
        name: Option<String>,
        /// What was wrong with it.
        cause: Arc<Error>,
    },
    /// An error from Rust code, carried as is.
    ExternalError(Arc<dyn std::error::Error + Send + Sync>),
    /// `Lua::to_value` failed (feature `serde`).
    SerializeError(String),
    /// `Lua::from_value` failed (feature `serde`).
    DeserializeError(String),
    /// An error with a line of context in front.
    WithContext {
        /// The added context.
        context: String,
        /// The error it explains.
        cause: Arc<Error>,
    },
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A runtime error with the given message.
    pub fn runtime<S: fmt::Display>(message: S) -> Error {
        Error::RuntimeError(message.to_string())
    }

    /// Wraps any Rust error.
    pub fn external<E: Into<Box<dyn std::error::Error + Send + Sync>>>(err: E) -> Error {
        Error::ExternalError(Arc::from(err.into()))
    }

    /// The innermost cause, looking through callback and context wrappers.
    pub fn root_cause(&self) -> &Error {
        match self {
            Error::CallbackError { cause, .. }
            | Error::WithContext { cause, .. }
            | Error::BadArgument { cause, .. } => cause.root_cause(),
            e => e,
        }
    }

    pub(crate) fn from_lua_conversion(from: &'static str, to: impl Into<String>, message: Option<String>) -> Error {
        Error::FromLuaConversionError { from, to: to.into(), message }
    }

    pub(crate) fn to_lua_conversion(from: impl Into<String>, to: &'static str, message: Option<String>) -> Error {
        Error::ToLuaConversionError { from: from.into(), to, message }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::SyntaxError { message, .. } => write!(f, "syntax error: {}", message),
            Error::RuntimeError(m) => write!(f, "runtime error: {}", m),
            Error::MemoryError(m) => write!(f, "memory error: {}", m),
            Error::CallbackError { traceback, cause } => write!(f, "{}\n{}", cause, traceback),
            Error::ToLuaConversionError { from, to, message } => {
                write!(f, "error converting {} to Lua {}", from, to)?;
                match message {
                    Some(m) => write!(f, " ({})", m),
                    None => Ok(()),
                }
            }
            Error::FromLuaConversionError { from, to, message } => {
                write!(f, "error converting Lua {} to {}", from, to)?;
                match message {
                    Some(m) => write!(f, " ({})", m),
                    None => Ok(()),
                }
            }
            Error::CoroutineUnresumable => write!(f, "coroutine is non-resumable"),
            Error::UserDataTypeMismatch => write!(f, "userdata is not expected type"),
            Error::UserDataDestructed => write!(f, "userdata has been destructed"),
            Error::UserDataBorrowError => write!(f, "error borrowing userdata"),
            Error::UserDataBorrowMutError => write!(f, "error mutably borrowing userdata"),
            Error::MetaMethodRestricted(m) => write!(f, "metamethod {} is restricted", m),
            Error::RecursiveMutCallback => write!(f, "mutable callback called recursively"),
            Error::MismatchedLua => write!(f, "value belongs to another Lua state"),
            Error::LuaDestroyed => write!(f, "the Lua state was dropped"),
            Error::BadArgument { to, pos, name, cause } => {
                match name {
                    Some(n) => write!(f, "bad argument `{}`", n)?,
                    None => write!(f, "bad argument #{}", pos)?,
                }
                if let Some(to) = to {
                    write!(f, " to `{}`", to)?;
                }
                write!(f, ": {}", cause)
            }
            Error::ExternalError(e) => write!(f, "{}", e),
            Error::SerializeError(m) => write!(f, "serialize error: {}", m),
            Error::DeserializeError(m) => write!(f, "deserialize error: {}", m),
            Error::WithContext { context, cause } => write!(f, "{}\n{}", context, cause),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::CallbackError { cause, .. }
            | Error::WithContext { cause, .. }
            | Error::BadArgument { cause, .. } => Some(cause.as_ref()),
            Error::ExternalError(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

/// Turns any Rust error into an [`Error`] (`.into_lua_err()`).
pub trait ExternalError {
    /// Wraps `self` as [`Error::ExternalError`].
    fn into_lua_err(self) -> Error;
}

impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> ExternalError for E {
    fn into_lua_err(self) -> Error {
        Error::external(self)
    }
}

/// `.into_lua_err()` on results.
pub trait ExternalResult<T> {
    /// Wraps the error as [`Error::ExternalError`].
    fn into_lua_err(self) -> Result<T>;
}

impl<T, E: ExternalError> ExternalResult<T> for std::result::Result<T, E> {
    fn into_lua_err(self) -> Result<T> {
        self.map_err(|e| e.into_lua_err())
    }
}

/// Adds context to errors (`.context("while loading config")`).
pub trait ErrorContext<T> {
    /// Puts `context` in front of the error.
    fn context<C: fmt::Display>(self, context: C) -> Result<T>;
    /// Puts the context `f` makes in front of the error.
    fn with_context<C: fmt::Display>(self, f: impl FnOnce(&Error) -> C) -> Result<T>;
}

impl<T> ErrorContext<T> for Result<T> {
    fn context<C: fmt::Display>(self, context: C) -> Result<T> {
        self.map_err(|e| Error::WithContext { context: context.to_string(), cause: Arc::new(e) })
    }
    fn with_context<C: fmt::Display>(self, f: impl FnOnce(&Error) -> C) -> Result<T> {
        self.map_err(|e| Error::WithContext { context: f(&e).to_string(), cause: Arc::new(e) })
    }
}

/// Whether a syntax error message says the parser ran out of input.
pub(crate) fn is_incomplete(message: &str) -> bool {
    message.ends_with("<eof>") || message.ends_with("'<eof>'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_input_is_detected() {
        assert!(is_incomplete("[string \"x\"]:1: 'end' expected near '<eof>'"));
        assert!(!is_incomplete("[string \"x\"]:1: unexpected symbol near ')'"));
    }

    #[test]
    fn root_cause_looks_through_wrappers() {
        let e = Error::CallbackError { traceback: String::new(), cause: Arc::new(Error::runtime("x")) };
        assert!(matches!(e.root_cause(), Error::RuntimeError(m) if m == "x"));
    }
}

//! Neap's tracing JIT tier. Until the JIT issue lands this crate only names
//! the place where the recorder, IR, optimiser and Cranelift backend will live.

/// Whether this build can compile traces. Nothing is compiled yet.
pub const AVAILABLE: bool = false;

pub mod arm64;

//! Neap's tracing JIT tier. The trace IR and its optimiser passes, and the
//! AArch64 store-pair pass, exist; the recorder and the Cranelift backend
//! are still to come.

/// Whether this build can compile traces. Nothing is compiled yet.
pub const AVAILABLE: bool = false;

pub mod arm64;
pub mod backend;
pub mod ir;
pub mod opt;
pub mod codegen;
pub mod engine;
pub mod params;
pub mod record;
pub mod trace;

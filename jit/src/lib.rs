//! Neap's tracing JIT tier, one module per stage as DESIGN.md lays out:
//! `engine` (the VM's tier: hot loops, trace entry, exits), `record`
//! (bytecode to IR), `ir` (the trace IR), `opt` (the optimiser), `backend`
//! (Cranelift) behind `codegen`, `trace` (finished traces, `-jv`/`-jdump`),
//! `params` (`jit.opt.start` and `-O`), `penalty` (backing off failing loops), and `arm64` (the store-pair pass).

pub mod arm64;
pub mod backend;
pub mod codegen;
pub mod engine;
pub mod ir;
pub mod opt;
pub mod params;
pub mod penalty;
pub mod record;
pub mod trace;

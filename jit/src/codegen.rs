//! The engine's view of the machine-code backend: compile an optimised
//! trace, run it, list it. The backend proper (Cranelift) lives in
//! `backend/`; this module keeps the engine independent of its details.

use crate::backend::{CompiledTrace, TraceCtx};
use crate::ir::Ir;

/// A compiled trace.
pub struct Code {
    compiled: CompiledTrace,
}

impl Code {
    /// Runs the trace; returns the snapshot it exited through.
    ///
    /// # Safety
    /// See [`crate::trace::Trace::run`].
    pub unsafe fn run(&mut self, slots: *mut u64, ticks: *mut i32) -> u32 {
        let mut ctx = TraceCtx { ticks };
        (self.compiled.entry)(slots, &mut ctx)
    }

    pub fn size(&self) -> usize {
        self.compiled.code_size
    }

    pub fn disassemble(&self) -> String {
        crate::backend::disassemble(&self.compiled)
    }
}

/// Compiles `ir` for the host; the error is the abort reason `-jv` prints.
pub fn compile(ir: &Ir) -> Result<Code, String> {
    match crate::backend::compile(ir) {
        Ok(compiled) => Ok(Code { compiled }),
        Err(crate::backend::BackendError::Nyi(what)) => Err(format!("NYI: {what}")),
        Err(e) => Err(format!("{e:?}")),
    }
}

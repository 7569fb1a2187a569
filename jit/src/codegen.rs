//! The engine's view of the machine-code backend: compile an optimised
//! trace, run it, list it. The backend proper (Cranelift) lives in
//! `backend/`; this module keeps the engine independent of its details.

use crate::ir::Ir;

/// A compiled trace.
pub struct Code {
    size: usize,
}

impl Code {
    /// # Safety
    /// See [`crate::trace::Trace::run`].
    pub unsafe fn run(&mut self, _slots: *mut u64, _ticks: *mut i32) -> u32 {
        0
    }

    pub fn size(&self) -> usize {
        self.size
    }

    pub fn disassemble(&self) -> String {
        String::new()
    }
}

/// Compiles `ir` for the host; the error is the abort reason `-jv` prints.
pub fn compile(_ir: &Ir) -> Result<Code, String> {
    Err("NYI: no code generator".into())
}

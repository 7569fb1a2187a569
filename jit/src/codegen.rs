//! The engine's view of the machine-code backend: compile an optimised
//! trace, link its exits to other traces, run it, list it. The backend
//! proper (Cranelift) lives in `backend/`; this module keeps the engine
//! independent of its details.

pub use crate::backend::MAX_FRAME_EXITS;
use crate::backend::{CompiledTrace, LinkCtx};
use crate::ir::Ir;

/// A compiled trace whose exits can continue in other traces' code.
pub struct Code {
    compiled: CompiledTrace,
}

/// Where a run of compiled code came back to the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exit {
    /// The id of the trace whose exit returned (see [`compile`]).
    pub trace: u32,
    /// That trace's snapshot index.
    pub snap: u32,
    /// Exits on the way that continued in another trace's code.
    pub links: u64,
    /// Exits on the way that had inlined frames, in order: (trace id,
    /// snapshot), the first `frame_exits_len` entries. Their frames must
    /// be rebuilt before the returning exit's.
    pub frame_exits: [(u32, u32); MAX_FRAME_EXITS],
    pub frame_exits_len: usize,
}

impl Code {
    /// Runs the trace and whatever its linked exits continue in; returns
    /// the exit that came back.
    ///
    /// # Safety
    /// See [`crate::trace::Trace::run`].
    pub unsafe fn run(&self, slots: *mut u64, ticks: *mut i32, vm: *mut neap_vm::Vm) -> Exit {
        let mut ctx = LinkCtx::new(ticks, vm);
        let snap = self.compiled.run_linked(slots, &mut ctx);
        let mut exit = Exit {
            trace: ctx.exit_trace,
            snap,
            links: ctx.links,
            frame_exits: [(0, 0); MAX_FRAME_EXITS],
            frame_exits_len: 0,
        };
        for (i, e) in ctx.frame_exits().enumerate() {
            exit.frame_exits[i] = e;
            exit.frame_exits_len = i + 1;
        }
        exit
    }

    /// Makes `exit` continue in `target`'s code, or return (`None`); the
    /// jump takes a tick unless `target` is the side trace grown at `exit`
    /// (see [`CompiledTrace::link`]).
    ///
    /// # Safety
    /// `target` starts where the exit resumes, its slot 0 at that frame's
    /// function slot, and stays alive while the link is set (see
    /// [`CompiledTrace::link`]).
    pub unsafe fn link(&self, exit: usize, target: Option<&Code>, takes_tick: bool) {
        self.compiled.link(exit, target.map(|c| &c.compiled), takes_tick);
    }

    pub fn is_linked(&self, exit: usize) -> bool {
        self.compiled.is_linked(exit)
    }

    pub fn size(&self) -> usize {
        self.compiled.code_size
    }

    pub fn disassemble(&self) -> String {
        crate::backend::disassemble(&self.compiled)
    }
}

/// Compiles `ir` for the host; its returning exits report `id`; its slot 0
/// lies `shift` slots below its entry frame's function slot; `listing`
/// keeps the machine code listing for `-jdump`. The error is the abort
/// reason `-jv` prints.
pub fn compile(ir: &Ir, id: u32, shift: usize, listing: bool) -> Result<Code, String> {
    let shift = u16::try_from(shift).map_err(|_| "base shift too large".to_string())?;
    match crate::backend::compile_linked(ir, id, shift, listing) {
        Ok(compiled) => Ok(Code { compiled }),
        Err(crate::backend::BackendError::Nyi(what)) => Err(format!("NYI: {what}")),
        Err(e) => Err(format!("{e:?}")),
    }
}

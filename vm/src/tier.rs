//! The interface between the interpreter and a compiling tier (the JIT).
//!
//! The VM never names the JIT (DESIGN.md: `jit` depends on `vm`, not the
//! other way round). It counts loop iterations per instruction, calls the
//! installed [`Tier`] when a loop gets hot, and, while the tier records, calls
//! it before every instruction the interpreter runs.
//!
//! Hot counters live in each prototype (`Proto::hot`, one per instruction),
//! so hotness depends only on the program, never on addresses: two runs of
//! the same program reach the same thresholds at the same points.

use crate::error::LuaResult;
use crate::state::Vm;

/// A loop counter at or above this value is not counted any more and never
/// reported: the tier gave up on the loop (LuaJIT's blacklisting), or no
/// tier compiles (`Vm::hotloop` is set to it then).
pub const HOT_BLACKLISTED: u16 = 0xfffe;
/// A loop counter with this value has a trace: every run of the loop
/// instruction asks the tier to enter it.
pub const HOT_TRACED: u16 = 0xffff;

/// Bits of `Vm::instrument`: why the interpreter runs its instrumented loop
/// (which calls out before each instruction).
pub const INSTRUMENT_RECORD: u8 = 1;
/// Debug hooks that need to see instructions (line and count hooks).
pub const INSTRUMENT_HOOK: u8 = 2;

/// What the interpreter does after the tier handled a hot loop instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopAction {
    /// Run the loop instruction as usual. If the tier started recording
    /// (`Vm::instrument` now has [`INSTRUMENT_RECORD`]), the interpreter
    /// runs it, and everything after, in its instrumented loop.
    Interpret,
    /// A compiled trace ran; its exit left the stack and frames ready to
    /// resume: the interpreter reloads the running frame.
    Resume,
}

/// Commands of the `jit` library.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    On,
    Off,
    Flush,
    /// `jit.off(f, recursive)` / `jit.on(f, recursive)`, on a Lua function's
    /// prototype (and, when recursive, every prototype nested in it).
    Func {
        proto: *mut crate::func::Proto,
        on: bool,
        recursive: bool,
    },
    /// `jit.opt.start(...)` arguments, as given (`"hotloop=1"`, `"-fold"`, `"3"`).
    Opt(Vec<String>),
    /// `-jv`: report traces started, completed and aborted on stderr.
    Verbose,
    /// `-jdump`: list each trace's bytecode, IR and machine code on stderr.
    Dump,
}

/// A compiling tier, installed into the VM by the host (`Vm::tier`).
pub trait Tier {
    /// The loop instruction at `pc` of the running Lua frame (the frame
    /// `pc` is saved in) reached its hot count, or has a trace.
    fn hot_loop(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<LoopAction>;

    /// While recording: the running Lua frame is about to execute the
    /// instruction at `pc`. The tier stops recording by clearing
    /// [`INSTRUMENT_RECORD`] in `Vm::instrument`; the interpreter then
    /// executes that instruction in its plain loop (so a loop instruction the
    /// tier just gave a trace enters it).
    fn record(&mut self, vm: &mut Vm, pc: usize) -> LuaResult<()>;

    /// A `jit` library command. Errors are Lua errors (bad option names).
    fn control(&mut self, vm: &mut Vm, ctl: Control) -> LuaResult<()>;

    /// Whether the tier compiles now (`jit.status()`'s first result).
    fn is_on(&self) -> bool;

    /// `jit.status()`'s other results: the names of the optimisations on.
    fn flags(&self) -> Vec<String>;

    /// Heap objects the tier's traces refer to (prototypes, constants):
    /// roots for the collector.
    fn gc_roots(&self) -> Vec<*mut crate::gc::GcHeader>;
}

impl Vm {
    /// Asks the tier about the hot loop at `pc` of the running frame. The
    /// tier is taken out of the VM while it runs, so it may use the VM freely.
    #[inline(never)]
    pub(crate) fn loop_is_hot(&mut self, pc: usize) -> LuaResult<LoopAction> {
        let Some(mut tier) = self.tier.take() else {
            return Ok(LoopAction::Interpret);
        };
        let r = tier.hot_loop(self, pc);
        self.tier = Some(tier);
        r
    }

    /// The pc a call of `p` starts at: 1, past the function header, until
    /// the function's entry counter (its `FUNCF`'s) gets hot; then 0, so
    /// that `FUNCF` reports the call to the tier (function-entry traces).
    /// Vararg functions are not traced, and under instrumentation (a
    /// recording, debug hooks) calls start at 1 as usual.
    #[inline(always)]
    pub(crate) fn entry_pc(&self, p: &crate::func::Proto) -> usize {
        let counter = &p.hot[0];
        let n = counter.get();
        if n < self.hotloop {
            counter.set(n + 1);
            1
        } else if n != HOT_BLACKLISTED && !p.is_vararg && self.instrument == 0 {
            0
        } else {
            1
        }
    }

    /// Runs the instrumentation due before the instruction at `pc` of the
    /// running Lua frame.
    #[inline(never)]
    pub(crate) fn before_instruction(&mut self, pc: usize) -> LuaResult<()> {
        if self.instrument & INSTRUMENT_RECORD != 0 {
            if let Some(mut tier) = self.tier.take() {
                let r = tier.record(self, pc);
                self.tier = Some(tier);
                r?;
            } else {
                self.instrument &= !INSTRUMENT_RECORD;
            }
        }
        if self.instrument & INSTRUMENT_HOOK != 0 {
            self.hook_instruction(pc)?;
        }
        Ok(())
    }

    /// Passes a `jit` library command to the tier; without one, only the
    /// commands that turn compiling off succeed (as on a LuaJIT built
    /// without the JIT, `jit.on()` is accepted and changes nothing).
    pub fn jit_control(&mut self, ctl: Control) -> LuaResult<()> {
        let Some(mut tier) = self.tier.take() else {
            return Ok(());
        };
        let r = tier.control(self, ctl);
        self.tier = Some(tier);
        r
    }
}

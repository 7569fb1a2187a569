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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A tier that compiles nothing and notes each `hot_loop` call's pc.
    struct Counting(Rc<RefCell<Vec<usize>>>);

    impl Tier for Counting {
        fn hot_loop(&mut self, _vm: &mut Vm, pc: usize) -> LuaResult<LoopAction> {
            self.0.borrow_mut().push(pc);
            Ok(LoopAction::Interpret)
        }
        fn record(&mut self, _vm: &mut Vm, _pc: usize) -> LuaResult<()> {
            Ok(())
        }
        fn control(&mut self, _vm: &mut Vm, _ctl: Control) -> LuaResult<()> {
            Ok(())
        }
        fn is_on(&self) -> bool {
            true
        }
        fn flags(&self) -> Vec<String> {
            Vec::new()
        }
        fn gc_roots(&self) -> Vec<*mut crate::gc::GcHeader> {
            Vec::new()
        }
    }

    /// Runs `src` with hotloop 3; returns how often the tier was asked, per
    /// loop instruction, fewest first.
    fn hot_calls(src: &str) -> Vec<usize> {
        let mut vm = Vm::new();
        let calls = Rc::new(RefCell::new(Vec::new()));
        vm.tier = Some(Box::new(Counting(calls.clone())));
        vm.hotloop = 3;
        let f = vm.load(src.as_bytes(), b"=test").unwrap();
        vm.call(f, &[]).unwrap();
        let mut per_pc = std::collections::BTreeMap::new();
        for &pc in calls.borrow().iter() {
            *per_pc.entry(pc).or_insert(0) += 1;
        }
        let mut counts: Vec<usize> = per_pc.into_values().collect();
        counts.sort();
        counts
    }

    #[test]
    fn only_loops_going_round_again_ask_the_tier() {
        // Every run of a loop instruction counts; past the count of 3, only
        // the runs where the loop goes round again ask the tier. The inner
        // loop's instruction runs 20 times, going round on the odd runs:
        // runs 5, 7, ..., 19 ask (8). The outer FORL goes round on runs 1 to
        // 9: runs 4 to 9 ask (6). Asking on every run would make 17 and 7.
        let forl = hot_calls("for i = 1, 10 do for j = 1, 2 do end end");
        let iterl = hot_calls("local t = {1} for i = 1, 10 do for _ in ipairs(t) do end end");
        assert_eq!(forl, [6, 8]);
        assert_eq!(iterl, [6, 8]);
    }
}

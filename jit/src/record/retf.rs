//! Returning below the frame a side trace started in (LuaJIT's `RETF`).
//!
//! A side trace that reaches a return from its own starting frame goes on
//! recording in the caller, as LuaJIT does, so a loop exit that returns
//! into a caller's loop becomes one trace that links to the caller's loop
//! trace. The caller's registers lie below the trace's slot 0, so the
//! recording is renumbered: every slot moves up by the distance between
//! the two frames' function slots, and slot 0 becomes the caller's
//! function slot (the trace then runs with its slots pointer that much
//! below the entry frame's function, `Trace::base_shift`). Each snapshot
//! keeps the slot of the function of the frame running at the trace's own
//! level (`Snapshot::base`); an exit pops the interpreter frames above it.
//!
//! At run time a helper call checks that the frames below are the ones the
//! recording saw (`layout::frames::frame_return_ok`): the caller's closure
//! and resume pc, the distance, no upvalue open into the returning frame,
//! and the interpreter's dispatch loop owning the frame.

use super::{Abort, Origin, Rec, Recorder, SLOT_FIRST_REG};
use crate::ir::{IrType, Op, Ref};
use neap_vm::func::FunctionKind;
use neap_vm::Vm;

/// What the recorder checked about a return below the trace's frame.
pub(super) struct LowerReturn {
    /// The caller's closure and the pc it resumes at.
    closure: *const neap_vm::func::Function,
    pc: usize,
    /// Slots between the caller's function slot and the returning frame's.
    delta: u16,
    /// Results the caller wants.
    nres: usize,
}

impl Recorder {
    /// Whether returning from the running frame (the trace's own level)
    /// can be recorded: only in side traces (a root trace would leave its
    /// loop), into a Lua caller with the frame checks passing now.
    pub(super) fn lower_return(&self, vm: &mut Vm) -> Option<LowerReturn> {
        if !matches!(self.origin, Origin::Side { .. }) || !self.frames.is_empty() {
            return None;
        }
        let th = vm.th();
        let n = th.frames.len();
        if n < 2 {
            return None;
        }
        let (callee, caller) = (th.frames[n - 1], th.frames[n - 2]);
        let closure = th.stack[caller.func].as_function_ptr()?;
        // Closures in frames are live.
        if !matches!(unsafe { &(*closure).kind }, FunctionKind::Lua { .. }) {
            return None;
        }
        let delta = u16::try_from(callee.func.checked_sub(caller.func)?).ok()?;
        // The same check the trace makes, on the frames as they are now
        // (the running frame is the one returning).
        // Safety: the VM is not otherwise borrowed during the call.
        let ok = unsafe { neap_vm::layout::frames::frame_return_ok(vm, 1, closure, caller.pc as i32, delta as i32) };
        (ok == 1 && callee.func == self.root).then_some(LowerReturn {
            closure,
            pc: caller.pc,
            delta,
            nres: callee.nres as usize,
        })
    }

    /// Records the return of `results` (registers `a..a+n`) into the
    /// caller `to`: the frame check, the renumbering, the results.
    pub(super) fn return_below(&mut self, vm: &Vm, a: usize, n: usize, to: LowerReturn) -> Rec<()> {
        let mut results = Vec::with_capacity(n);
        for i in 0..n {
            results.push(self.reg(vm, a + i)?);
        }
        let k = self.ir.kint(self.returned as i32 + 1);
        let closure = self.ir.kptr(to.closure as u64);
        let pc = self.ir.kint(to.pc as i32);
        let delta = self.ir.kint(to.delta as i32);
        let ok = self.call_helper(Op::CALLS, IrType::Int, "frame_return_ok", &[k, closure, pc, delta])?;
        let one = self.ir.kint(1);
        self.guard(Op::EQ, IrType::Int, ok, one)?;
        self.rebase(to.delta)?;
        self.returned += 1;
        self.root_depth -= 1;
        self.base = SLOT_FIRST_REG;
        // The results go to the returning frame's function slot, now slot
        // `delta`; the frame's other slots are dead.
        let dst = to.delta;
        self.slots.truncate(dst as usize);
        for i in 0..to.nres {
            let v = results.get(i).copied().unwrap_or(Ref::NIL);
            self.set_slot(dst + i as u16, v);
        }
        Ok(())
    }

    /// Moves every slot of the recording `delta` up, so that slot 0 is
    /// `delta` slots lower on the stack.
    fn rebase(&mut self, delta: u16) -> Rec<()> {
        if self.slots.len() + delta as usize >= self.limits.max_slots {
            return Err(Abort("too many spill slots".into()));
        }
        self.slots.splice(0..0, std::iter::repeat_n(Ref::DROP, delta as usize));
        // The types the parent's exit left move with their slots: the
        // caller's slots now numbered like them were never inherited.
        if !self.inherited.is_empty() {
            self.inherited.splice(0..0, std::iter::repeat_n(None, delta as usize));
        }
        let refs: Vec<Ref> = self.ir.ins_refs().collect();
        for r in refs {
            let ins = self.ir.get_mut(r);
            if ins.op == Op::SLOAD {
                ins.op1 += delta;
            }
        }
        for snap in &mut self.ir.snaps {
            for e in &mut snap.entries {
                e.slot += delta;
            }
            snap.nslots += delta;
            snap.base += delta;
        }
        self.root -= delta as usize;
        self.shift += delta as usize;
        Ok(())
    }
}

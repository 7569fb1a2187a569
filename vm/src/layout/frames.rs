//! The check a trace makes before it returns below the frame it started
//! in (LuaJIT's `RETF`): the interpreter frames below are as they were
//! when the trace was recorded, so the caller's registers sit where the
//! trace expects them.

use crate::func::Function;
use crate::state::Vm;
use crate::thread::FrameKind;

/// Whether the trace may return from the `k`-th frame counted down from
/// the running one (k = 1: the running frame itself) into its caller:
/// the returning frame is an ordinary Lua call (results to its function
/// slot, no varargs) that no upvalue still points into, popping it stays
/// above the running dispatch loop's floor, and the caller runs `closure`,
/// resumes at `pc`, has no varargs, and its function slot sits `delta`
/// slots below the returning frame's. 1 when so, 0 when not.
///
/// # Safety
/// `vm` is the running VM, borrowed by nothing else while the helper runs.
pub unsafe extern "C" fn frame_return_ok(vm: *mut Vm, k: i32, closure: *const Function, pc: i32, delta: i32) -> i32 {
    // Safety: the caller's contract.
    let vm = unsafe { &mut *vm };
    let floor = vm.run_floor;
    let th = vm.th();
    let n = th.frames.len();
    let (Some(callee_at), true) = (n.checked_sub(k as usize), k >= 1) else { return 0 };
    if callee_at <= floor || callee_at == 0 {
        return 0;
    }
    let (callee, caller) = (th.frames[callee_at], th.frames[callee_at - 1]);
    let plain = |f: &crate::thread::Frame| f.base == f.func + 2 && f.nvarargs == 0;
    let ok = callee.kind == FrameKind::Lua
        && callee.nres >= 0
        && callee.ret == callee.func
        && plain(&callee)
        && plain(&caller)
        // Open upvalues are live; the list is sorted by slot.
        && th.open_upvals.last().is_none_or(|&u| unsafe { (*u).slot } < callee.base)
        && th.stack[caller.func].as_function_ptr() == Some(closure as *mut Function)
        && caller.pc == pc as usize
        && callee.func == caller.func + delta as usize;
    ok as i32
}

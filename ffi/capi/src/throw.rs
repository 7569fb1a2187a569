//! Raising Lua errors through C frames, and keeping Rust panics out of C.
//!
//! `lua_error` (and every API function whose operation fails) raises a
//! [`Throw`] with `std::panic::resume_unwind`: it unwinds through the C
//! function's frames (all API functions and `lua_CFunction`s use the
//! "C-unwind" ABI) to the trampoline that called the C function, which
//! hands the error to the VM. With no trampoline active the error is
//! unprotected: the `lua_atpanic` function runs and the process exits, as
//! Lua 5.1 does.

use std::any::Any;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use neap_vm::error::{ErrorKind, LuaError, LuaResult};
use neap_vm::thread::Thread;
use neap_vm::Vm;

use crate::global::{lua_State, panic_text, Global};

/// A Lua error unwinding through C frames.
pub struct Throw(pub LuaError);

// The error value is a VM pointer, only ever used on the thread that runs
// the VM; the payload crosses no threads (it is caught on the same stack).
unsafe impl Send for Throw {}

/// What an API function works on: the VM, the state's [`Global`] and the
/// thread of the `lua_State` it was given.
pub struct Api<'a> {
    pub vm: &'a mut Vm,
    pub g: &'a mut Global,
    pub l: *mut lua_State,
    pub thread: *mut Thread,
}

impl Api<'_> {
    /// The thread this call works on.
    #[allow(clippy::mut_from_ref)]
    pub fn th<'b>(&self) -> &'b mut Thread {
        // A lua_State's thread is live while C code uses the handle (the
        // host keeps it reachable, as Lua 5.1 requires).
        unsafe { &mut *self.thread }
    }

    /// A Lua error value from text.
    pub fn error(&mut self, msg: &str) -> LuaError {
        LuaError::new(self.vm.new_str(msg.as_bytes()))
    }

    /// Runs `f` with `vm.current` switched to this call's thread (calls
    /// and metamethods run on the running thread).
    pub fn on_thread<R>(&mut self, f: impl FnOnce(&mut Vm) -> R) -> R {
        let prev = self.vm.current;
        if prev == self.thread {
            return f(self.vm);
        }
        self.vm.current = self.thread;
        let r = f(self.vm);
        self.vm.current = prev;
        r
    }
}

/// Runs the body of an API function for `l`. An `Err` is raised as a Lua
/// error; a Rust panic inside becomes a Lua error too.
///
/// # Safety
/// `l` is a live handle from this library.
pub unsafe fn api<R>(l: *mut lua_State, body: impl FnOnce(&mut Api) -> LuaResult<R>) -> R {
    // A live handle points at its Global, which lives as long as the VM.
    let gp = unsafe { (*l).global };
    let thread = unsafe { (*l).thread };
    // The state's memory comes from its allocator for the whole call (the
    // guard restores the caller's when the call returns or unwinds).
    let _alloc = crate::alloc::enter(unsafe { (*gp).allocator() });
    let r = catch_unwind(AssertUnwindSafe(|| {
        // As above; this is the only reference to the Global made here.
        let g = unsafe { &mut *gp };
        let mut a = Api { vm: g.vm(), g, l, thread };
        body(&mut a)
    }));
    match r {
        Ok(Ok(v)) => {
            // As above. A block refused during a call a C function made is
            // reported there, where a protected call can catch it.
            let g = unsafe { &mut *gp };
            if g.protected > 0 {
                if let Some(e) = crate::alloc::take_refusal(g.vm(), &g.alloc_refused) {
                    unsafe { throw(l, e) }
                }
            }
            v
        }
        Ok(Err(e)) => unsafe { throw(l, e) },
        Err(payload) => {
            if payload.is::<Throw>() {
                resume_unwind(payload)
            }
            // As above.
            let e = error_from_panic(unsafe { (*gp).vm() }, payload);
            unsafe { throw(l, e) }
        }
    }
}

/// A Lua error for a caught panic: a [`Throw`]'s own error, or an internal
/// error naming the Rust panic.
pub fn error_from_panic(vm: &mut Vm, payload: Box<dyn Any + Send>) -> LuaError {
    match payload.downcast::<Throw>() {
        Ok(t) => t.0,
        Err(other) => {
            let text = format!("internal error in the C API: {}", panic_text(&*other));
            LuaError::new(vm.new_str(text.as_bytes()))
        }
    }
}

/// Raises `e` in the C function running on `l`.
///
/// # Safety
/// `l` is a live handle; the caller is an API function called from C.
pub unsafe fn throw(l: *mut lua_State, e: LuaError) -> ! {
    // As in `api`.
    let g = unsafe { &mut *(*l).global };
    if g.protected == 0 {
        unsafe { unprotected(l, e) }
    }
    resume_unwind(Box::new(Throw(e)))
}

/// An error with no protected call to catch it: push the error value, call
/// the panic function, exit (Lua 5.1 exits with EXIT_FAILURE).
unsafe fn unprotected(l: *mut lua_State, e: LuaError) -> ! {
    let g = unsafe { &mut *(*l).global };
    if e.kind != ErrorKind::Yield {
        // The thread is live (see `Api::th`).
        let th = unsafe { &mut *(*l).thread };
        if th.top + 1 + neap_vm::thread::EXTRA_STACK > th.stack.len() {
            th.grow_unchecked(th.top + 1);
        }
        th.stack[th.top] = e.value;
        th.top += 1;
    }
    if let Some(panic) = g.panic {
        // The panic function is C; if it throws there is nowhere to go, so
        // the unwind is stopped here.
        let _ = catch_unwind(AssertUnwindSafe(|| unsafe { panic(l) }));
    }
    std::process::exit(1)
}

//! Neap's extensions (`neap.h`): memory limit, instruction budget and
//! interrupt, JIT mode, deterministic mode.

use std::ffi::c_int;
use std::sync::atomic::Ordering;

use neap_vm::error::LuaError;
use neap_vm::state::{Options, CHECK_INTERVAL};

use crate::call::new_state_or_null;
use crate::global::{lua_State, Global};
use crate::throw::api;

pub const NEAP_DETERMINISTIC: c_int = 1;

#[no_mangle]
pub unsafe extern "C-unwind" fn neap_newstate(flags: c_int) -> *mut lua_State {
    new_state_or_null(Options { deterministic: flags & NEAP_DETERMINISTIC != 0, ..Options::default() }, None)
}

#[no_mangle]
pub unsafe extern "C-unwind" fn neap_setmemorylimit(l: *mut lua_State, bytes: usize) {
    // Safety (for every function here): `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            a.vm.set_memory_limit(if bytes == 0 { None } else { Some(bytes) });
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn neap_memoryused(l: *mut lua_State) -> usize {
    unsafe { api(l, |a| Ok(a.vm.heap.bytes)) }
}

/// Installs the interrupt callback: it checks the interrupt flag and
/// counts the budget down (each call stands for CHECK_INTERVAL ticks).
#[no_mangle]
pub unsafe extern "C-unwind" fn neap_setbudget(l: *mut lua_State, ticks: i64) {
    unsafe {
        api(l, |a| {
            a.g.budget = ticks;
            install_checks(a.vm, a.g);
            Ok(())
        })
    }
}

/// Installs the VM's periodic callback for the state's checks: the
/// `neap_interrupt` flag, the instruction budget, and blocks its allocator
/// refused (see [`crate::alloc`]).
pub fn install_checks(vm: &mut neap_vm::Vm, g: &Global) {
    let flag = g.interrupt.clone();
    let refused = g.alloc_refused.clone();
    let budget = g.budget;
    // Exhausted once, the budget is spent: the state runs on unlimited.
    let mut left = if budget <= 0 { i64::MAX } else { budget };
    vm.set_interrupt(Some(Box::new(move |vm| {
        if let Some(e) = crate::alloc::take_refusal(vm, &refused) {
            return Err(e);
        }
        if flag.swap(false, Ordering::Relaxed) {
            return Err(LuaError::new(vm.new_str(b"interrupted")));
        }
        if budget > 0 {
            left = left.saturating_sub(CHECK_INTERVAL as i64);
            if left <= 0 {
                left = i64::MAX;
                return Err(LuaError::new(vm.new_str(b"instruction budget exhausted")));
            }
        }
        Ok(())
    })));
}

#[no_mangle]
pub unsafe extern "C-unwind" fn neap_interrupt(l: *mut lua_State) {
    // Only an atomic store: safe from another thread or a signal handler
    // (the flag is read by the callback neap_setbudget installs).
    unsafe { (*(*l).global).interrupt.store(true, Ordering::Relaxed) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn neap_jitmode(l: *mut lua_State, mode: c_int) -> c_int {
    // Safety: `l` is a live handle from this library.
    unsafe {
        crate::throw::api(l, |a| {
            // The JIT comes with the libraries (luaL_openlibs installs it).
            if a.vm.tier.is_none() {
                return Ok(if mode == 0 { 0 } else { -1 });
            }
            let ctl = if mode == 0 { neap_vm::tier::Control::Off } else { neap_vm::tier::Control::On };
            a.vm.jit_control(ctl)?;
            Ok(0)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn neap_isdeterministic(l: *mut lua_State) -> c_int {
    // A live handle's Global.
    unsafe { (*(*l).global).deterministic as c_int }
}

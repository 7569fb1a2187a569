//! Stack indexes and the stack-manipulation functions.
//!
//! The stack a C function sees is its native frame: slot 1 is `base`, the
//! first argument. At the host level (no C function running on the thread)
//! it starts at the bottom of the thread's stack; on a coroutine suspended
//! by a yield it starts at the yielded values.

use std::ffi::c_int;

use neap_vm::func::{Function, FunctionKind};
use neap_vm::thread::{CoStatus, FrameKind, Thread};
use neap_vm::Value;

use crate::global::{lua_State, HIDDEN_UPVALUES};
use crate::throw::{api, Api};
use crate::{LUA_ENVIRONINDEX, LUA_GLOBALSINDEX, LUA_REGISTRYINDEX};

/// Stack slot of index 1 in the view of `th`.
pub fn view_base(th: &Thread) -> usize {
    if th.status == CoStatus::Suspended {
        if let Some(call) = th.yield_call {
            return call.first;
        }
    }
    if th.status == CoStatus::Dead {
        // A dead coroutine's frames (kept for tracebacks) are history.
        return 0;
    }
    match th.frames.last() {
        Some(f) if f.kind == FrameKind::Native => f.base,
        Some(_) => th.top,
        None => 0,
    }
}

/// Where an index points.
#[derive(Clone, Copy, Debug)]
pub enum Slot {
    /// A stack slot (absolute).
    Stack(usize),
    Registry,
    Globals,
    /// The running C function's environment.
    Environ(*mut Function),
    /// Upvalue `i` (0-based, hidden ones included) of the running C function.
    Upvalue(*mut Function, usize),
    /// Not a valid index (reads as none).
    Invalid,
}

impl Api<'_> {
    pub fn base(&self) -> usize {
        view_base(self.th())
    }

    /// The function running in the top native frame (for upvalue and
    /// environment pseudo-indices).
    fn running_function(&self) -> Option<*mut Function> {
        let th = self.th();
        let f = th.frames.last()?;
        if f.kind != FrameKind::Native {
            return None;
        }
        th.stack[f.func].as_function_ptr()
    }

    /// Resolves an API index.
    pub fn slot(&self, idx: c_int) -> Slot {
        let th = self.th();
        if idx > 0 {
            let s = self.base() + idx as usize - 1;
            return if s < th.top { Slot::Stack(s) } else { Slot::Invalid };
        }
        if idx > LUA_REGISTRYINDEX {
            let back = (-idx) as usize;
            return if idx != 0 && back <= th.top.saturating_sub(self.base()) {
                Slot::Stack(th.top - back)
            } else {
                Slot::Invalid
            };
        }
        match idx {
            LUA_REGISTRYINDEX => Slot::Registry,
            LUA_GLOBALSINDEX => Slot::Globals,
            LUA_ENVIRONINDEX => match self.running_function() {
                Some(f) => Slot::Environ(f),
                None => Slot::Invalid,
            },
            _ => {
                let i = (LUA_GLOBALSINDEX - idx) as usize;
                match self.running_function() {
                    // A running function is live in its frame slot.
                    Some(f) => match unsafe { &(*f).kind } {
                        FunctionKind::Native { upvals, .. } if HIDDEN_UPVALUES + i <= upvals.len() => {
                            Slot::Upvalue(f, HIDDEN_UPVALUES + i - 1)
                        }
                        _ => Slot::Invalid,
                    },
                    None => Slot::Invalid,
                }
            }
        }
    }

    /// The value at `idx`, `None` for an invalid index.
    pub fn get(&self, idx: c_int) -> Option<Value> {
        match self.slot(idx) {
            Slot::Stack(s) => Some(self.th().stack[s]),
            Slot::Registry => Some(Value::table(self.vm.registry)),
            Slot::Globals => Some(Value::table(self.vm.globals)),
            // Functions in frames are live; so are their environments.
            Slot::Environ(f) => Some(Value::table(unsafe { (*f).env })),
            Slot::Upvalue(f, i) => match unsafe { &(*f).kind } {
                FunctionKind::Native { upvals, .. } => Some(upvals[i]),
                FunctionKind::Lua { .. } => None,
            },
            Slot::Invalid => None,
        }
    }

    /// The value at `idx`, nil for an invalid index.
    pub fn value(&self, idx: c_int) -> Value {
        self.get(idx).unwrap_or(Value::NIL)
    }

    /// Stores `v` at `idx` (`lua_replace`'s target).
    pub fn set(&mut self, idx: c_int, v: Value) -> neap_vm::LuaResult<()> {
        match self.slot(idx) {
            Slot::Stack(s) => self.th().stack[s] = v,
            Slot::Globals => match v.as_table_ptr() {
                Some(t) => self.vm.globals = t,
                None => return Err(self.error("table expected")),
            },
            Slot::Environ(f) => match v.as_table_ptr() {
                // Running function, live.
                Some(t) => unsafe { (*f).env = t },
                None => return Err(self.error("table expected")),
            },
            // As in `get`.
            Slot::Upvalue(f, i) => {
                if let FunctionKind::Native { upvals, .. } = unsafe { &mut (*f).kind } {
                    upvals[i] = v;
                }
            }
            Slot::Registry | Slot::Invalid => return Err(self.error("invalid index")),
        }
        Ok(())
    }

    /// Pushes a value (growing the stack as needed).
    pub fn push(&mut self, v: Value) {
        let th = self.th();
        if th.top + 1 + neap_vm::thread::EXTRA_STACK > th.stack.len() {
            th.grow_unchecked(th.top + 1);
        }
        th.stack[th.top] = v;
        th.top += 1;
    }

    /// Removes the top value and returns it.
    pub fn pop(&mut self) -> Value {
        let th = self.th();
        if th.top <= self.base() {
            return Value::NIL;
        }
        th.top -= 1;
        th.stack[th.top]
    }

    /// Absolute stack slot of a valid stack index.
    pub fn stack_slot(&mut self, idx: c_int) -> neap_vm::LuaResult<usize> {
        match self.slot(idx) {
            Slot::Stack(s) => Ok(s),
            _ => Err(self.error("invalid stack index")),
        }
    }

    /// Runs the collector if due and enforces the memory limit.
    pub fn check_memory(&mut self) -> neap_vm::LuaResult<()> {
        self.vm.check_memory()
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_gettop(l: *mut lua_State) -> c_int {
    // Safety (for every API function): `l` is a live handle from this library.
    unsafe { api(l, |a| Ok((a.th().top - a.base()) as c_int)) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_settop(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let base = a.base();
            let th = a.th();
            if idx >= 0 {
                let new_top = base + idx as usize;
                if new_top + neap_vm::thread::EXTRA_STACK > th.stack.len() {
                    th.grow_unchecked(new_top);
                }
                for s in th.top..new_top {
                    th.stack[s] = Value::NIL;
                }
                th.top = new_top;
            } else {
                let drop = (-(idx + 1)) as usize;
                th.top = th.top.saturating_sub(drop).max(base);
            }
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushvalue(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_remove(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let s = a.stack_slot(idx)?;
            let th = a.th();
            th.stack.copy_within(s + 1..th.top, s);
            th.top -= 1;
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_insert(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let s = a.stack_slot(idx)?;
            let th = a.th();
            let v = th.stack[th.top - 1];
            th.stack.copy_within(s..th.top - 1, s + 1);
            th.stack[s] = v;
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_replace(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let th = a.th();
            if th.top <= a.base() {
                return Err(a.error("stack is empty"));
            }
            let v = th.stack[th.top - 1];
            a.set(idx, v)?;
            a.th().top -= 1;
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_checkstack(l: *mut lua_State, sz: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let th = a.th();
            let needed = th.top + sz.max(0) as usize;
            Ok((th.fits(needed) && th.ensure(needed)) as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_xmove(from: *mut lua_State, to: *mut lua_State, n: c_int) {
    if from == to || n <= 0 {
        return;
    }
    let vals = unsafe {
        api(from, |a| {
            let th = a.th();
            let n = (n as usize).min(th.top - a.base());
            let vals = th.stack[th.top - n..th.top].to_vec();
            th.top -= n;
            Ok(vals)
        })
    };
    // The values are not collected in between: nothing allocates here.
    unsafe {
        api(to, |a| {
            for v in vals {
                a.push(v);
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{lua_tointeger, lua_type};
    use crate::call::{luaL_newstate, lua_close};
    use crate::push::lua_pushinteger;

    fn ints(l: *mut lua_State) -> Vec<isize> {
        // A live state made by the test.
        unsafe { (1..=lua_gettop(l)).map(|i| lua_tointeger(l, i)).collect() }
    }

    #[test]
    fn stack_operations_move_values_as_lua_5_1() {
        // All calls below are on a live state from luaL_newstate.
        unsafe {
            let l = luaL_newstate();
            for i in 1..=4 {
                lua_pushinteger(l, i);
            }
            lua_insert(l, 1);
            assert_eq!(ints(l), [4, 1, 2, 3]);
            lua_remove(l, -2);
            assert_eq!(ints(l), [4, 1, 3]);
            lua_pushvalue(l, 1);
            lua_replace(l, 2);
            assert_eq!(ints(l), [4, 4, 3]);
            lua_settop(l, 5);
            assert_eq!(lua_type(l, 5), crate::LUA_TNIL);
            lua_settop(l, -4);
            assert_eq!(ints(l), [4, 4]);
            assert_eq!(lua_type(l, 3), crate::LUA_TNONE);
            lua_close(l);
        }
    }
}

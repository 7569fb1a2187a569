//! Tables, userdata, metatables, environments, `lua_next`, `lua_concat`.

use std::ffi::{c_char, c_int, c_void, CStr};

use neap_vm::func::FunctionKind;
use neap_vm::meta::ConcatStep;
use neap_vm::table::Table;
use neap_vm::userdata::{Payload, Userdata};
use neap_vm::{LuaResult, Value};

use crate::global::lua_State;
use crate::stack::Slot;
use crate::throw::{api, Api};

impl Api<'_> {
    /// `t[k]` with metamethods, on this call's thread.
    pub fn index(&mut self, t: Value, k: Value) -> LuaResult<Value> {
        self.on_thread(|vm| vm.index(t, k, None))
    }

    /// `t[k] = v` with metamethods.
    pub fn set_index(&mut self, t: Value, k: Value, v: Value) -> LuaResult<()> {
        self.on_thread(|vm| vm.set_index(t, k, v, None))
    }

    /// The table at `idx`, or an error naming what is there instead.
    pub fn table_at(&mut self, idx: c_int) -> LuaResult<*mut Table> {
        match self.value(idx).as_table_ptr() {
            Some(t) => Ok(t),
            None => {
                let got = self.value(idx).type_name();
                Err(self.error(&format!("table expected, got {got}")))
            }
        }
    }

    /// The environment new C functions and userdata get: the running C
    /// function's, or the globals at the host level.
    pub fn current_env(&self) -> *mut Table {
        match self.slot(crate::LUA_ENVIRONINDEX) {
            // Running function, live.
            Slot::Environ(f) => unsafe { (*f).env },
            _ => self.vm.globals,
        }
    }

    /// Concatenates the `n` values on top (replacing them with the result).
    pub fn concat(&mut self, n: usize) -> LuaResult<()> {
        if n == 0 {
            let e = self.vm.new_str(b"");
            self.push(e);
            return Ok(());
        }
        let first = self.th().top - n;
        let mut to = n - 1;
        let result = loop {
            match self.on_thread(|vm| vm.concat_step(first, 0, to))? {
                ConcatStep::Done(v) => break v,
                ConcatStep::Call(mm, args, at) => {
                    let r = self.on_thread(|vm| vm.call_meta(mm, &args))?;
                    self.th().stack[first + at] = r;
                    to = at;
                }
            }
        };
        let th = self.th();
        th.stack[first] = result;
        th.top = first + 1;
        Ok(())
    }
}

fn cstr(k: *const c_char) -> &'static [u8] {
    // The API's string arguments are C strings valid for the call.
    unsafe { CStr::from_ptr(k).to_bytes() }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_gettable(l: *mut lua_State, idx: c_int) {
    // Safety (for every API function): `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            let t = a.value(idx);
            let k = a.pop();
            let v = a.index(t, k)?;
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getfield(l: *mut lua_State, idx: c_int, k: *const c_char) {
    unsafe {
        api(l, |a| {
            let t = a.value(idx);
            let key = a.vm.new_str(cstr(k));
            // Anchor the key while metamethods run.
            a.push(key);
            let v = a.index(t, key)?;
            a.pop();
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_rawget(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let t = a.table_at(idx)?;
            let k = a.pop();
            // A table on the stack is live.
            let v = (*t).get(k);
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_rawgeti(l: *mut lua_State, idx: c_int, n: c_int) {
    unsafe {
        api(l, |a| {
            let t = a.table_at(idx)?;
            // As in lua_rawget.
            let v = (*t).get_int(n as i64);
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_createtable(l: *mut lua_State, narr: c_int, nrec: c_int) {
    unsafe {
        api(l, |a| {
            a.check_memory()?;
            let t = a.vm.heap.alloc(Table::new_ah(narr.max(0) as u32, nrec.max(0) as u32));
            a.push(Value::table(t));
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_newuserdata(l: *mut lua_State, size: usize) -> *mut c_void {
    unsafe {
        api(l, |a| {
            a.check_memory()?;
            let env = a.current_env();
            // The block comes from the global allocator (malloc), which
            // aligns it for any C type, as Lua's userdata blocks are.
            let block = vec![0u8; size].into_boxed_slice();
            let u = a.vm.heap.alloc(Userdata::new(Payload::Bytes(block), env));
            a.push(Value::userdata(u));
            Ok(crate::access::userdata_ptr(Value::userdata(u)))
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getmetatable(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let Some(v) = a.get(idx) else { return Ok(0) };
            let mt = a.vm.metatable_of(v);
            if mt.is_null() {
                return Ok(0);
            }
            a.push(Value::table(mt));
            Ok(1)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getfenv(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            // Values on the stack are live.
            let env = if let Some(f) = v.as_function_ptr() {
                Value::table((*f).env)
            } else if let Some(u) = v.as_userdata_ptr() {
                let e = (*u).env;
                if e.is_null() {
                    Value::NIL
                } else {
                    Value::table(e)
                }
            } else if v.is_thread() {
                Value::table(a.vm.globals)
            } else {
                Value::NIL
            };
            a.push(env);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_settable(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let t = a.value(idx);
            let th = a.th();
            if th.top < a.base() + 2 {
                return Err(a.error("not enough values on the stack"));
            }
            let (k, v) = (th.stack[th.top - 2], th.stack[th.top - 1]);
            a.set_index(t, k, v)?;
            a.th().top -= 2;
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setfield(l: *mut lua_State, idx: c_int, k: *const c_char) {
    unsafe {
        api(l, |a| {
            let t = a.value(idx);
            let key = a.vm.new_str(cstr(k));
            let th = a.th();
            if th.top <= a.base() {
                return Err(a.error("not enough values on the stack"));
            }
            let v = th.stack[th.top - 1];
            // Keep the key anchored while metamethods run.
            a.push(key);
            a.set_index(t, key, v)?;
            a.th().top -= 2;
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_rawset(l: *mut lua_State, idx: c_int) {
    unsafe {
        api(l, |a| {
            let t = a.table_at(idx)?;
            let th = a.th();
            if th.top < a.base() + 2 {
                return Err(a.error("not enough values on the stack"));
            }
            let (k, v) = (th.stack[th.top - 2], th.stack[th.top - 1]);
            a.vm.raw_set(t, k, v)?;
            a.th().top -= 2;
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_rawseti(l: *mut lua_State, idx: c_int, n: c_int) {
    unsafe {
        api(l, |a| {
            let t = a.table_at(idx)?;
            let v = a.pop();
            // A table on the stack is live.
            (*t).set_int(n as i64, v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setmetatable(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            let mtv = a.pop();
            let mt = match mtv.as_table_ptr() {
                Some(t) => t,
                None if mtv.is_nil() => std::ptr::null_mut(),
                None => return Err(a.error("table expected")),
            };
            // Values on the stack are live.
            if let Some(t) = v.as_table_ptr() {
                (*t).metatable = mt;
            } else if let Some(u) = v.as_userdata_ptr() {
                (*u).metatable = mt;
            } else if v.is_string() {
                a.vm.string_mt = mt;
            } else if let Some(i) = neap_vm::meta::basic_type_index(v) {
                a.vm.basic_mt[i] = mt;
            }
            Ok(1)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setfenv(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            let env = a.pop();
            let Some(t) = env.as_table_ptr() else { return Err(a.error("table expected")) };
            // Values on the stack are live.
            if let Some(f) = v.as_function_ptr() {
                (*f).env = t;
            } else if let Some(u) = v.as_userdata_ptr() {
                (*u).env = t;
            } else {
                return Ok(0);
            }
            Ok(1)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_next(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let t = a.table_at(idx)?;
            let k = a.pop();
            // A table on the stack is live.
            match (*t).next(k) {
                Ok(Some((k, v))) => {
                    a.push(k);
                    a.push(v);
                    Ok(1)
                }
                Ok(None) => Ok(0),
                Err(e) => Err(a.error(&e.to_string())),
            }
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_concat(l: *mut lua_State, n: c_int) {
    unsafe {
        api(l, |a| {
            a.check_memory()?;
            let avail = a.th().top - a.base();
            a.concat((n.max(0) as usize).min(avail))
        })
    }
}

/// Upvalue `n` (1-based) of the function at `f`: its name and a pointer to
/// where its value lives.
pub fn upvalue_ref(f: Value, n: c_int) -> Option<(&'static [u8], *mut Value)> {
    let fp = f.as_function_ptr()?;
    let i = usize::try_from(n).ok()?.checked_sub(1)?;
    // The caller holds the function; its upvalue objects live with it.
    match unsafe { &mut (*fp).kind } {
        FunctionKind::Lua { proto, upvals, .. } => {
            let u = *upvals.get(i)?;
            // Names live as long as the prototype (which the function keeps).
            let name = unsafe { (&(**proto).upval_names).get(i).map(|b| &**b).unwrap_or(b"") };
            // An upvalue's `v` points at its live value.
            Some((unsafe { std::mem::transmute::<&[u8], &'static [u8]>(name) }, unsafe { (*u).v }))
        }
        FunctionKind::Native { upvals, .. } => {
            let hidden = if crate::global::is_c_closure(fp) { crate::global::HIDDEN_UPVALUES } else { 0 };
            let slot = upvals.get_mut(hidden + i)?;
            Some((b"", slot as *mut Value))
        }
    }
}

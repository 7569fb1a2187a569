//! Pushing values.

use std::ffi::{c_char, c_int, c_void, CStr};

use neap_vm::Value;

use crate::global::{lua_CFunction, lua_State, new_c_function};
use crate::throw::api;
use crate::{lua_Integer, lua_Number};

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushnil(l: *mut lua_State) {
    // Safety (for every API function): `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            a.push(Value::NIL);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushnumber(l: *mut lua_State, n: lua_Number) {
    unsafe {
        api(l, |a| {
            a.push(Value::number(n));
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushinteger(l: *mut lua_State, n: lua_Integer) {
    unsafe {
        api(l, |a| {
            a.push(Value::number(n as f64));
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushlstring(l: *mut lua_State, s: *const c_char, len: usize) {
    unsafe {
        api(l, |a| {
            a.check_memory()?;
            // C passes `len` readable bytes at `s` (any pointer if len is 0).
            let bytes = if len == 0 { &[][..] } else { std::slice::from_raw_parts(s as *const u8, len) };
            let v = a.vm.new_str(bytes);
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushstring(l: *mut lua_State, s: *const c_char) {
    unsafe {
        api(l, |a| {
            if s.is_null() {
                a.push(Value::NIL);
                return Ok(());
            }
            a.check_memory()?;
            // A non-NULL argument is a C string.
            let v = a.vm.new_str(CStr::from_ptr(s).to_bytes());
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushcclosure(l: *mut lua_State, f: lua_CFunction, n: c_int) {
    unsafe {
        api(l, |a| {
            a.check_memory()?;
            let th = a.th();
            let n = (n.max(0) as usize).min(th.top - a.base());
            let ups = th.stack[th.top - n..th.top].to_vec();
            let g = a.g as *mut _;
            let fv = new_c_function(a.vm, g, f, &ups);
            a.th().top -= n;
            a.push(fv);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushboolean(l: *mut lua_State, b: c_int) {
    unsafe {
        api(l, |a| {
            a.push(Value::boolean(b != 0));
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushlightuserdata(l: *mut lua_State, p: *mut c_void) {
    unsafe {
        api(l, |a| {
            a.push(Value::light_userdata(p as usize));
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pushthread(l: *mut lua_State) -> c_int {
    unsafe {
        api(l, |a| {
            a.push(Value::thread(a.thread));
            Ok((a.thread == a.vm.main_thread) as c_int)
        })
    }
}

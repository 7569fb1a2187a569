//! Reading values: types, conversions, comparisons.

use std::ffi::{c_char, c_int, c_void};

use neap_vm::userdata::Payload;
use neap_vm::value::Tag;
use neap_vm::Value;

use crate::global::{c_function_of, lua_CFunction, lua_State};
use crate::throw::{api, Api};
use crate::*;

/// The `LUA_T*` type of a value.
pub fn type_of(v: Value) -> c_int {
    if v.is_number() {
        return LUA_TNUMBER;
    }
    match v.tag() {
        Some(Tag::Nil) => LUA_TNIL,
        Some(Tag::False) | Some(Tag::True) => LUA_TBOOLEAN,
        Some(Tag::LightUserdata) => LUA_TLIGHTUSERDATA,
        Some(Tag::Str) => LUA_TSTRING,
        Some(Tag::Table) => LUA_TTABLE,
        Some(Tag::Function) => LUA_TFUNCTION,
        Some(Tag::Thread) => LUA_TTHREAD,
        _ => LUA_TUSERDATA,
    }
}

/// Type names by `LUA_T*` number, NUL-terminated (index 0 is `LUA_TNONE`).
const TYPE_NAMES: [&[u8]; 10] = [
    b"no value\0",
    b"nil\0",
    b"boolean\0",
    b"userdata\0",
    b"number\0",
    b"string\0",
    b"table\0",
    b"function\0",
    b"userdata\0",
    b"thread\0",
];

pub fn type_name(t: c_int) -> &'static [u8] {
    let b = TYPE_NAMES.get((t + 1) as usize).copied().unwrap_or(b"?\0");
    &b[..b.len() - 1]
}

impl Api<'_> {
    /// Converts a number at `idx` to a string in place (as `lua_tolstring`
    /// does); returns the string value, or `None` for other types.
    pub fn to_str_in_place(&mut self, idx: c_int) -> Option<Value> {
        let v = self.get(idx)?;
        if v.is_string() {
            return Some(v);
        }
        let n = v.as_number()?;
        let s = self.vm.new_str(&neap_vm::strfmt::number_to_string(n));
        // Only stack slots and upvalues are converted; other pseudo-indices
        // never hold numbers.
        let _ = self.set(idx, s);
        Some(s)
    }
}

/// Raw equality, as `rawequal`.
pub fn raw_equal(a: Value, b: Value) -> bool {
    match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_type(l: *mut lua_State, idx: c_int) -> c_int {
    // Safety (for every API function): `l` is a live handle from this library.
    unsafe { api(l, |a| Ok(a.get(idx).map_or(LUA_TNONE, type_of))) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_typename(_l: *mut lua_State, t: c_int) -> *const c_char {
    let b = TYPE_NAMES.get((t + 1) as usize).copied().unwrap_or(b"?\0");
    b.as_ptr() as *const c_char
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_isnumber(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe { api(l, |a| Ok(neap_vm::meta::to_number(a.value(idx)).is_some() as c_int)) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_isstring(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            Ok((v.is_string() || v.is_number()) as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_iscfunction(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            // A value on the stack is live.
            Ok(a.value(idx).as_function_ptr().is_some_and(|f| (*f).is_native()) as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_isuserdata(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            Ok((v.is_userdata() || v.is_light_userdata()) as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_equal(l: *mut lua_State, i1: c_int, i2: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let (Some(x), Some(y)) = (a.get(i1), a.get(i2)) else { return Ok(0) };
            let r = a.on_thread(|vm| vm.equals(x, y))?;
            Ok(r as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_rawequal(l: *mut lua_State, i1: c_int, i2: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let (Some(x), Some(y)) = (a.get(i1), a.get(i2)) else { return Ok(0) };
            Ok(raw_equal(x, y) as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_lessthan(l: *mut lua_State, i1: c_int, i2: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let (Some(x), Some(y)) = (a.get(i1), a.get(i2)) else { return Ok(0) };
            let r = a.on_thread(|vm| vm.less(x, y, false))?;
            Ok(r as c_int)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_tonumber(l: *mut lua_State, idx: c_int) -> lua_Number {
    unsafe { api(l, |a| Ok(neap_vm::meta::to_number(a.value(idx)).unwrap_or(0.0))) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_tointeger(l: *mut lua_State, idx: c_int) -> lua_Integer {
    unsafe {
        api(l, |a| {
            let n = neap_vm::meta::to_number(a.value(idx)).unwrap_or(0.0);
            Ok(neap_vm::stdlib::to_integer(n) as lua_Integer)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_toboolean(l: *mut lua_State, idx: c_int) -> c_int {
    unsafe { api(l, |a| Ok(a.value(idx).is_truthy() as c_int)) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_tolstring(l: *mut lua_State, idx: c_int, len: *mut usize) -> *const c_char {
    unsafe {
        api(l, |a| {
            let Some(s) = a.to_str_in_place(idx) else {
                if !len.is_null() {
                    // The caller passed a writable size_t or NULL.
                    *len = 0;
                }
                return Ok(std::ptr::null());
            };
            let p = s.as_string_ptr().unwrap();
            // The string is live where it sits (stack slot or upvalue); its
            // bytes are followed by a NUL (see neap_vm::string).
            let bytes = (*p).as_bytes();
            if !len.is_null() {
                *len = bytes.len();
            }
            Ok(bytes.as_ptr() as *const c_char)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_objlen(l: *mut lua_State, idx: c_int) -> usize {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            if let Some(t) = v.as_table_ptr() {
                // Stack values are live.
                return Ok((*t).len());
            }
            if let Some(u) = v.as_userdata_ptr() {
                return Ok(match &(*u).payload {
                    Payload::Bytes(b) => b.len(),
                    Payload::Rust(_) => 0,
                });
            }
            match a.to_str_in_place(idx) {
                Some(s) => Ok((*s.as_string_ptr().unwrap()).len()),
                None => Ok(0),
            }
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_tocfunction(l: *mut lua_State, idx: c_int) -> Option<lua_CFunction> {
    unsafe { api(l, |a| Ok(c_function_of(a.value(idx)))) }
}

/// The block address of a userdata value, or a light userdata's pointer.
pub fn userdata_ptr(v: Value) -> *mut c_void {
    if let Some(p) = v.as_light_userdata() {
        return p as *mut c_void;
    }
    if let Some(u) = v.as_userdata_ptr() {
        // The caller holds the userdata.
        return match unsafe { &mut (*u).payload } {
            Payload::Bytes(b) => b.as_mut_ptr() as *mut c_void,
            Payload::Rust(_) => std::ptr::null_mut(),
        };
    }
    std::ptr::null_mut()
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_touserdata(l: *mut lua_State, idx: c_int) -> *mut c_void {
    unsafe { api(l, |a| Ok(userdata_ptr(a.value(idx)))) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_tothread(l: *mut lua_State, idx: c_int) -> *mut lua_State {
    unsafe {
        api(l, |a| match a.value(idx).as_thread_ptr() {
            Some(t) => Ok(a.g.state_for(t)),
            None => Ok(std::ptr::null_mut()),
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_topointer(l: *mut lua_State, idx: c_int) -> *const c_void {
    unsafe {
        api(l, |a| {
            let v = a.value(idx);
            if v.is_userdata() || v.is_light_userdata() {
                return Ok(userdata_ptr(v) as *const c_void);
            }
            if v.is_table() || v.is_function() || v.is_thread() || v.is_string() {
                return Ok(v.gc_header().map_or(std::ptr::null(), |h| h as *const c_void));
            }
            Ok(std::ptr::null())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_follow_lua_5_1() {
        assert_eq!(type_name(LUA_TNONE), b"no value");
        assert_eq!(type_name(LUA_TLIGHTUSERDATA), b"userdata");
        assert_eq!(type_name(LUA_TTHREAD), b"thread");
        assert_eq!(type_of(Value::number(1.0)), LUA_TNUMBER);
        assert_eq!(type_of(Value::FALSE), LUA_TBOOLEAN);
    }

    #[test]
    fn raw_equality_compares_numbers_by_value() {
        assert!(raw_equal(Value::number(0.0), Value::number(-0.0)));
        assert!(!raw_equal(Value::number(f64::NAN), Value::number(f64::NAN)));
        assert!(raw_equal(Value::TRUE, Value::TRUE));
        assert!(!raw_equal(Value::NIL, Value::FALSE));
    }
}

//! Helpers that make strings for traces (`tostring` of a number, `..`,
//! `string.sub`). They allocate, so they take the VM; they never collect
//! (allocation only notes that a collection is due, and the interpreter
//! runs it at its next check, after the trace has written its values
//! back), so every pointer the trace holds stays valid.
//!
//! Each computes exactly what the interpreter computes, and returns null
//! where the interpreter would do something else (a metamethod, an error):
//! the trace guards the result and leaves, and the interpreter redoes it.

use crate::meta::MAX_STRING_LEN;
use crate::state::{MetaMethod, Vm};
use crate::string::LuaStr;
use crate::value::Value;

/// `tostring(n)` for a number: `%.14g` as the interpreter writes it; null
/// when numbers have a `__tostring` metamethod (`debug.setmetatable`).
///
/// # Safety
/// `vm` is the running VM, borrowed by nothing else while the helper runs.
pub unsafe extern "C" fn num_tostring(vm: *mut Vm, n: f64) -> *mut LuaStr {
    // Safety: the caller's contract.
    let vm = unsafe { &mut *vm };
    if !vm.metamethod(Value::number(n), MetaMethod::ToString).is_nil() {
        return std::ptr::null_mut();
    }
    // Safety: as above.
    unsafe { num_to_str(vm, n) }
}

/// A number operand of `..`: `%.14g` (concatenation never looks at
/// `__tostring`).
///
/// # Safety
/// As [`num_tostring`].
pub unsafe extern "C" fn num_to_str(vm: *mut Vm, n: f64) -> *mut LuaStr {
    // Safety: the caller's contract.
    let vm = unsafe { &mut *vm };
    let s = vm.new_str(&crate::strfmt::number_to_string(n));
    s.as_string_ptr().unwrap_or(std::ptr::null_mut())
}

/// `a .. b` of two strings; null when the result would be longer than
/// LuaJIT allows (the interpreter raises "string length overflow").
///
/// # Safety
/// As [`num_tostring`]; `a` and `b` are live strings.
pub unsafe extern "C" fn str_concat(vm: *mut Vm, a: *mut LuaStr, b: *mut LuaStr) -> *mut LuaStr {
    // Safety: the caller's contract.
    let (vm, a, b) = unsafe { (&mut *vm, (*a).as_bytes(), (*b).as_bytes()) };
    join(vm, a, b)
}

/// `a .. n` of a string and a number, without making the number's string
/// first; null when too long.
///
/// # Safety
/// As [`str_concat`].
pub unsafe extern "C" fn str_concat_num(vm: *mut Vm, a: *mut LuaStr, n: f64) -> *mut LuaStr {
    // Safety: the caller's contract.
    let (vm, a) = unsafe { (&mut *vm, (*a).as_bytes()) };
    join(vm, a, &crate::strfmt::number_to_string(n))
}

/// `n .. b` of a number and a string; null when too long.
///
/// # Safety
/// As [`str_concat`].
pub unsafe extern "C" fn num_concat_str(vm: *mut Vm, n: f64, b: *mut LuaStr) -> *mut LuaStr {
    // Safety: the caller's contract.
    let (vm, b) = unsafe { (&mut *vm, (*b).as_bytes()) };
    join(vm, &crate::strfmt::number_to_string(n), b)
}

/// The interned string `a` followed by `b`, or null past LuaJIT's limit.
fn join(vm: &mut Vm, a: &[u8], b: &[u8]) -> *mut LuaStr {
    if a.len() + b.len() > MAX_STRING_LEN {
        return std::ptr::null_mut();
    }
    let mut buf = Vec::with_capacity(a.len() + b.len());
    buf.extend_from_slice(a);
    buf.extend_from_slice(b);
    vm.new_str(&buf).as_string_ptr().unwrap_or(std::ptr::null_mut())
}

/// `string.sub(s, i, j)` with integer positions, relative positions
/// counted from the end as `string.sub` does.
///
/// # Safety
/// As [`num_tostring`]; `s` is a live string.
pub unsafe extern "C" fn str_sub(vm: *mut Vm, s: *mut LuaStr, i: i32, j: i32) -> *mut LuaStr {
    // Safety: the caller's contract.
    let (vm, s) = unsafe { (&mut *vm, (*s).as_bytes()) };
    let len = s.len() as i64;
    let relative = |p: i64| if p < 0 { len + p + 1 } else { p };
    let i = relative(i as i64).max(1);
    let j = relative(j as i64).min(len);
    let bytes = if i <= j { &s[(i - 1) as usize..j as usize] } else { &[][..] };
    // `s` borrows the string object, not the VM: copy before allocating.
    let bytes = bytes.to_vec();
    vm.new_str(&bytes).as_string_ptr().unwrap_or(std::ptr::null_mut())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(p: *mut LuaStr) -> String {
        assert!(!p.is_null());
        // Strings the helpers just made are live (no collection runs here).
        String::from_utf8(unsafe { (*p).as_bytes().to_vec() }).unwrap()
    }

    #[test]
    fn helpers_compute_what_the_interpreter_does() {
        let mut vm = Vm::new();
        let v: *mut Vm = &mut *vm;
        let hello = vm.new_str(b"hello").as_string_ptr().unwrap();
        let world = vm.new_str(b" world").as_string_ptr().unwrap();
        // Safety: `v` is the only handle in use while each helper runs.
        unsafe {
            assert_eq!(text(num_tostring(v, 0.1)), "0.1");
            assert_eq!(text(num_to_str(v, 1e15)), "1e+15");
            assert_eq!(text(num_to_str(v, -0.0)), "-0");
            assert_eq!(text(str_concat(v, hello, world)), "hello world");
            assert_eq!(text(str_concat_num(v, hello, 2.5)), "hello2.5");
            assert_eq!(text(num_concat_str(v, -3.0, world)), "-3 world");
            for (i, j, want) in
                [(2, 4, "ell"), (-3, -1, "llo"), (0, 100, "hello"), (4, 2, ""), (-100, 2, "he"), (6, 9, "")]
            {
                assert_eq!(text(str_sub(v, hello, i, j)), want, "sub({i}, {j})");
            }
            // Interned: the same bytes give the same object.
            assert_eq!(str_sub(v, hello, 1, 5), hello);
        }
    }
}

//! The standard library: one module per Lua library.

use crate::error::LuaResult;
use crate::func::NativeFn;
use crate::state::{Args, Vm};
use crate::table::Table;
use crate::value::Value;

pub mod base;
pub mod bit;
pub mod cconv;
pub mod coroutine;
pub mod debug;
pub mod ffid;
pub mod io;
pub mod iofile;
pub mod jit;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;

/// Opens every library into the globals.
pub fn open_all(vm: &mut Vm) {
    base::open(vm);
    coroutine::open(vm);
    math::open(vm);
    string::open(vm);
    table::open(vm);
    io::open(vm);
    os::open(vm);
    bit::open(vm);
    debug::open(vm);
    jit::open(vm);
    package::open(vm);
    // The builtins LuaJIT writes in Lua show up as `[builtin:NAME]` levels.
    for (lib, name) in [
        ("table", "foreachi"),
        ("table", "foreach"),
        ("table", "getn"),
        ("table", "remove"),
        ("table", "move"),
        ("math", "deg"),
        ("math", "rad"),
        ("string", "len"),
    ] {
        if let Some(t) = vm.get_global(lib).as_table_ptr() {
            let f = vm.get_field(t, name);
            vm.mark_lua_builtin(f);
        }
    }
    ffid::number_library_functions(vm);
}

/// Creates a library table, registers `funcs` in it and stores it as a global.
pub fn new_lib(vm: &mut Vm, name: &str, funcs: &[(&'static str, NativeFn)]) -> *mut Table {
    let t = vm.new_table(0, 0);
    for &(fname, f) in funcs {
        let fv = vm.new_native(fname, f);
        vm.set_field(t, fname, fv);
    }
    vm.set_global(name, Value::table(t));
    // Also as package.loaded[name] once `package` exists.
    t
}

// ---- Argument checks, with LuaJIT's messages --------------------------------

/// Argument `n` (1-based) of a native call.
#[inline]
pub fn arg(vm: &Vm, args: Args, n: usize) -> Value {
    vm.arg(args, n - 1)
}

pub fn check_any(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Value> {
    if n > args.n {
        return Err(vm.arg_error(args, n, "value expected"));
    }
    Ok(arg(vm, args, n))
}

/// A table argument, reporting a missing one as `got nil`, as LuaJIT's
/// assembler fast functions (`string.len`, `table.remove`...) do.
pub fn check_table_fast(vm: &mut Vm, args: Args, n: usize) -> LuaResult<*mut Table> {
    match arg(vm, args, n).as_table_ptr() {
        Some(t) => Ok(t),
        None => Err(vm.arg_error(args, n, &format!("table expected, got {}", arg(vm, args, n).type_name()))),
    }
}

pub fn check_table(vm: &mut Vm, args: Args, n: usize) -> LuaResult<*mut Table> {
    match arg(vm, args, n).as_table_ptr() {
        Some(t) => Ok(t),
        None => Err(vm.type_error(args, n, "table")),
    }
}

pub fn check_number(vm: &mut Vm, args: Args, n: usize) -> LuaResult<f64> {
    match crate::meta::to_number(arg(vm, args, n)) {
        Some(x) => Ok(x),
        None => Err(vm.type_error(args, n, "number")),
    }
}

pub fn opt_number(vm: &mut Vm, args: Args, n: usize, default: f64) -> LuaResult<f64> {
    if arg(vm, args, n).is_nil() {
        Ok(default)
    } else {
        check_number(vm, args, n)
    }
}

/// An integer argument as LuaJIT's library functions read one
/// (`lj_lib_checkint`): a 32-bit truncation toward zero, where values out of
/// the 32-bit range (and NaN) become -2^31, as x86-64's conversion makes them.
pub fn check_int(vm: &mut Vm, args: Args, n: usize) -> LuaResult<i64> {
    Ok(to_int32(check_number(vm, args, n)?) as i64)
}

/// C's `(int32_t)x` on x86-64 (`cvttsd2si`): truncation, -2^31 when the
/// result does not fit.
pub fn to_int32(x: f64) -> i32 {
    let t = x.trunc();
    if t >= -2147483648.0 && t <= 2147483647.0 {
        t as i32
    } else {
        i32::MIN
    }
}

pub fn opt_int(vm: &mut Vm, args: Args, n: usize, default: i64) -> LuaResult<i64> {
    if arg(vm, args, n).is_nil() {
        Ok(default)
    } else {
        check_int(vm, args, n)
    }
}

/// `lua_tointeger` on x86-64: truncation, with out-of-range values wrapping
/// the way a 64-bit conversion does.
pub fn to_integer(x: f64) -> i64 {
    let t = x.trunc();
    // x86-64's `cvttsd2si` gives i64::MIN for NaN and out-of-range values.
    if t >= -9223372036854775808.0 && t < 9223372036854775808.0 {
        t as i64
    } else {
        i64::MIN
    }
}

/// A string argument: numbers are converted (`%.14g`), other types fail.
pub fn check_str(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Value> {
    let v = arg(vm, args, n);
    if v.is_string() {
        return Ok(v);
    }
    if let Some(x) = v.as_number() {
        let s = crate::strfmt::number_to_string(x);
        let sv = vm.new_str(&s);
        // Keep the converted string rooted in its argument slot.
        vm.th().stack[args.base + n - 1] = sv;
        return Ok(sv);
    }
    Err(vm.type_error(args, n, "string"))
}

pub fn opt_str(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Option<Value>> {
    if arg(vm, args, n).is_nil() {
        Ok(None)
    } else {
        check_str(vm, args, n).map(Some)
    }
}

/// Pushes `vals` as results.
pub fn ret(vm: &mut Vm, vals: &[Value]) -> LuaResult<usize> {
    for &v in vals {
        vm.push(v);
    }
    Ok(vals.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int32_conversion_matches_x86() {
        assert_eq!(to_int32(3.9), 3);
        assert_eq!(to_int32(-3.9), -3);
        assert_eq!(to_int32(2147483647.5), 2147483647);
        assert_eq!(to_int32(2147483648.0), i32::MIN);
        assert_eq!(to_int32(-2147483649.0), i32::MIN);
        assert_eq!(to_int32(f64::NAN), i32::MIN);
        assert_eq!(to_int32(f64::INFINITY), i32::MIN);
    }
}

//! The `string` library (the pattern and format functions arrive with the
//! pattern matcher and formatter).

use super::{arg, check_int, check_str, opt_int, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    let t = super::new_lib(
        vm,
        "string",
        &[
            ("len", len),
            ("sub", sub),
            ("upper", upper),
            ("lower", lower),
            ("rep", rep),
            ("reverse", reverse),
            ("byte", byte),
            ("char", char),
        ],
    );
    // Strings index the string table through their shared metatable.
    let mt = vm.new_table(0, 0);
    vm.set_field(mt, "__index", Value::table(t));
    vm.string_mt = mt;
}

fn bytes_of(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Vec<u8>> {
    let s = check_str(vm, args, n)?;
    Ok(vm.str_of(s).to_vec())
}

/// Lua's relative string positions: negative counts from the end.
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos < 0 {
        len as i64 + pos + 1
    } else {
        pos
    }
}

fn len(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    ret(vm, &[Value::number(s.len() as f64)])
}

fn sub(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let l = s.len();
    let mut i = posrelat(check_int(vm, args, 2)?, l);
    let mut j = posrelat(opt_int(vm, args, 3, -1)?, l);
    if i < 1 {
        i = 1;
    }
    if j > l as i64 {
        j = l as i64;
    }
    let r = if i <= j { vm.new_str(&s[(i - 1) as usize..j as usize]) } else { vm.new_str(b"") };
    ret(vm, &[r])
}

fn upper(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?.to_ascii_uppercase();
    let r = vm.new_str(&s);
    ret(vm, &[r])
}

fn lower(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?.to_ascii_lowercase();
    let r = vm.new_str(&s);
    ret(vm, &[r])
}

fn rep(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let n = check_int(vm, args, 2)?;
    let sep = match super::opt_str(vm, args, 3)? {
        Some(v) => vm.str_of(v).to_vec(),
        None => Vec::new(),
    };
    if n <= 0 {
        let r = vm.new_str(b"");
        return ret(vm, &[r]);
    }
    let total = (s.len() + sep.len()) as u64 * n as u64;
    if total > i32::MAX as u64 {
        return Err(vm.error_str("not enough memory"));
    }
    let mut out = Vec::with_capacity(total as usize);
    for k in 0..n {
        if k > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&s);
    }
    let r = vm.new_str(&out);
    ret(vm, &[r])
}

fn reverse(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut s = bytes_of(vm, args, 1)?;
    s.reverse();
    let r = vm.new_str(&s);
    ret(vm, &[r])
}

fn byte(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let l = s.len();
    let i = posrelat(opt_int(vm, args, 2, 1)?, l).max(1);
    let j = posrelat(if arg(vm, args, 3).is_nil() { i } else { check_int(vm, args, 3)? }, l).min(l as i64);
    let mut n = 0;
    let mut k = i;
    while k <= j {
        vm.push(Value::number(s[(k - 1) as usize] as f64));
        n += 1;
        k += 1;
    }
    Ok(n)
}

fn char(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut out = Vec::with_capacity(args.n);
    for i in 1..=args.n {
        let c = check_int(vm, args, i)?;
        if !(0..=255).contains(&c) {
            return Err(vm.arg_error(args, i, "invalid value"));
        }
        out.push(c as u8);
    }
    let r = vm.new_str(&out);
    ret(vm, &[r])
}

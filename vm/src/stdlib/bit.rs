//! The `bit` library (LuaJIT's BitOp): 32-bit integer operations on numbers.
//!
//! Numbers become 32-bit integers the way LuaJIT converts them: add
//! 2^52 + 2^51 and keep the low 32 bits of the sum's representation. That
//! rounds to nearest (ties to even) and wraps modulo 2^32 for values in the
//! ±2^51 range; beyond it the result is whatever low bits the double holds
//! (0 for infinities and NaN).

// LuaJIT's number-to-bit conversion, shared with the bitwise operators.
use super::{check_number, ret};
use crate::bitop::tobit as tobit_number;
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    super::new_lib(
        vm,
        "bit",
        &[
            ("tobit", tobit),
            ("bnot", bnot),
            ("bswap", bswap),
            ("lshift", lshift),
            ("rshift", rshift),
            ("arshift", arshift),
            ("rol", rol),
            ("ror", ror),
            ("band", band),
            ("bor", bor),
            ("bxor", bxor),
            ("tohex", tohex),
        ],
    );
}

/// Argument `n` as a 32-bit integer (numbers and numeric strings).
fn check_bit(vm: &mut Vm, args: Args, n: usize) -> LuaResult<i32> {
    Ok(tobit_number(check_number(vm, args, n)?))
}

fn bit_result(vm: &mut Vm, x: i32) -> LuaResult<usize> {
    ret(vm, &[Value::number(x as f64)])
}

fn tobit(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_bit(vm, args, 1)?;
    bit_result(vm, x)
}

fn bnot(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_bit(vm, args, 1)?;
    bit_result(vm, !x)
}

fn bswap(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_bit(vm, args, 1)?;
    bit_result(vm, x.swap_bytes())
}

/// The shifts and rotations take the count modulo 32, as x86 does.
macro_rules! shift {
    ($name:ident, |$x:ident, $n:ident| $body:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> LuaResult<usize> {
            let $x = check_bit(vm, args, 1)?;
            let $n = (check_bit(vm, args, 2)? & 31) as u32;
            bit_result(vm, $body)
        }
    };
}

shift!(lshift, |x, n| x.wrapping_shl(n));
shift!(rshift, |x, n| (x as u32).wrapping_shr(n) as i32);
shift!(arshift, |x, n| x.wrapping_shr(n));
shift!(rol, |x, n| x.rotate_left(n));
shift!(ror, |x, n| x.rotate_right(n));

/// Folds every argument (at least one) with `op`.
fn fold(vm: &mut Vm, args: Args, op: fn(i32, i32) -> i32) -> LuaResult<usize> {
    let mut acc = check_bit(vm, args, 1)?;
    for i in 2..=args.n {
        acc = op(acc, check_bit(vm, args, i)?);
    }
    bit_result(vm, acc)
}

fn band(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    fold(vm, args, |a, b| a & b)
}

fn bor(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    fold(vm, args, |a, b| a | b)
}

fn bxor(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    fold(vm, args, |a, b| a ^ b)
}

/// `bit.tohex(x [, n])`: `n` hex digits (8 by default), upper case when `n`
/// is negative; `|n|` is capped at 254 and digits beyond 8 are zeros.
fn tohex(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_bit(vm, args, 1)? as u32;
    let n = if args.n >= 2 { check_bit(vm, args, 2)? } else { 8 };
    let s = hex_digits(x, n);
    let v = vm.new_str(s.as_bytes());
    ret(vm, &[v])
}

fn hex_digits(x: u32, n: i32) -> String {
    let upper = n < 0;
    let width = (n.unsigned_abs()).min(254) as usize;
    let masked = if width < 8 { x & ((1u32 << (4 * width)) - 1) } else { x };
    if width == 0 {
        return String::new();
    }
    if upper {
        format!("{:0width$X}", masked, width = width)
    } else {
        format!("{:0width$x}", masked, width = width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_matches_luajit() {
        assert_eq!(tobit_number(1.5), 2);
        assert_eq!(tobit_number(2.5), 2);
        assert_eq!(tobit_number(-0.5), 0);
        assert_eq!(tobit_number(2f64.powi(32) + 1.0), 1);
        assert_eq!(tobit_number(2f64.powi(31)), i32::MIN);
        assert_eq!(tobit_number(f64::NAN), 0);
        assert_eq!(tobit_number(f64::INFINITY), 0);
        assert_eq!(tobit_number(1e300), -2013235812);
    }

    #[test]
    fn hex() {
        assert_eq!(hex_digits(255, 2), "ff");
        assert_eq!(hex_digits(255, -2), "FF");
        assert_eq!(hex_digits(255, 0), "");
        assert_eq!(hex_digits(1, 10), "0000000001");
        assert_eq!(hex_digits(0x12345678, 4), "5678");
        assert_eq!(hex_digits(1, i32::MIN).len(), 254);
    }
}

//! The bit operators LuaJIT 2.1 took from 3.0: `~x`, `&`, `|`, `~`, `<<`,
//! `>>`, `~>>` (opcodes BNOT .. BSAR).
//!
//! They work on 32-bit integers like the `bit` library: each operand must
//! be a number (strings are not coerced, and no metamethod is consulted; the
//! error is the arithmetic one), converted with `tobit`. The result is a
//! signed 32-bit integer, stored as a number.

use crate::bytecode::Op;
use crate::error::LuaResult;
use crate::meta::Culprit;
use crate::state::Vm;
use crate::value::Value;

/// 2^52 + 2^51. Adding it to a double of magnitude below 2^51 leaves that
/// number rounded to an integer (nearest, ties to even) in the low bits of
/// the mantissa; bigger magnitudes keep their low bits likewise, which is
/// how LuaJIT's conversion behaves for them too.
const TOBIT_BIAS: f64 = 6755399441055744.0;

/// A number as a 32-bit integer: rounded to nearest (ties to even), modulo
/// 2^32. NaN and infinities give 0.
pub fn tobit(x: f64) -> i32 {
    (x + TOBIT_BIAS).to_bits() as u32 as i32
}

/// `b op c` on converted operands. `c` is ignored by BNOT.
pub fn apply(op: Op, b: i32, c: i32) -> i32 {
    let shift = (c & 31) as u32;
    match op {
        Op::BNOT => !b,
        Op::BAND => b & c,
        Op::BOR => b | c,
        Op::BXOR => b ^ c,
        Op::BSHL => ((b as u32) << shift) as i32,
        Op::BSHR => ((b as u32) >> shift) as i32,
        _ => b >> shift,
    }
}

/// The result of `b op c` when both are numbers.
#[inline(always)]
pub fn on_numbers(op: Op, b: f64, c: f64) -> Value {
    Value::number(apply(op, tobit(b), tobit(c)) as f64)
}

impl Vm {
    /// `b op c` for any operands: the first one that is not a number is
    /// reported (`cb`/`cc` name their slots for the message).
    pub fn bitop(&mut self, op: Op, b: Value, c: Value, cb: Culprit, cc: Culprit) -> LuaResult<Value> {
        let Some(x) = b.as_number() else {
            return Err(self.op_error("perform arithmetic on", b, cb));
        };
        let Some(y) = c.as_number() else {
            return Err(self.op_error("perform arithmetic on", c, cc));
        };
        Ok(on_numbers(op, x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tobit_rounds_and_wraps() {
        assert_eq!(tobit(1.5), 2);
        assert_eq!(tobit(2.5), 2);
        assert_eq!(tobit(-1.5), -2);
        assert_eq!(tobit(2f64.powi(31)), i32::MIN);
        assert_eq!(tobit(2f64.powi(32)), 0);
        assert_eq!(tobit(4294967295.0), -1);
        assert_eq!(tobit(f64::NAN), 0);
        assert_eq!(tobit(f64::INFINITY), 0);
    }

    #[test]
    fn shifts_use_five_bits() {
        assert_eq!(apply(Op::BSHL, 1, 32), 1);
        assert_eq!(apply(Op::BSHL, 1, 31), i32::MIN);
        assert_eq!(apply(Op::BSHR, -8, 1), 0x7fff_fffc);
        assert_eq!(apply(Op::BSAR, -8, 1), -4);
        assert_eq!(apply(Op::BNOT, 5, 0), -6);
    }
}

//! The `math` library.

use super::{check_number, ret};
use crate::error::{LuaError, LuaResult};
use crate::func::{Function, FunctionKind, NativeFn};
use crate::meta::{to_number, Arith};
use crate::state::{Args, Vm};
use crate::userdata::{Payload, Userdata};
use crate::value::Value;

macro_rules! unary {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> LuaResult<usize> {
            let x = check_number(vm, args, 1)?;
            let f: fn(f64) -> f64 = $f;
            ret(vm, &[Value::number(f(x))])
        }
    };
}

/// `math.floor` and `math.ceil`: LuaJIT's fast path reads the first
/// argument slot without checking the argument count, so a call without
/// arguments rounds whatever number was left in that stack slot (and fails
/// as usual when it holds anything else).
macro_rules! rounding {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> LuaResult<usize> {
            let f: fn(f64) -> f64 = $f;
            if args.n == 0 {
                let stale = vm.th().stack.get(args.base).copied().unwrap_or(Value::NIL);
                if let Some(x) = stale.as_number() {
                    return ret(vm, &[Value::number(f(x))]);
                }
            }
            let x = check_number(vm, args, 1)?;
            ret(vm, &[Value::number(f(x))])
        }
    };
}

unary!(abs, f64::abs);
rounding!(ceil, f64::ceil);
rounding!(floor, crate::meta::floor);
unary!(sqrt, f64::sqrt);
unary!(sin, f64::sin);
unary!(cos, f64::cos);
unary!(tan, f64::tan);
unary!(asin, f64::asin);
unary!(acos, f64::acos);
unary!(exp, f64::exp);
unary!(log10, f64::log10);
unary!(sinh, f64::sinh);
unary!(cosh, f64::cosh);
unary!(tanh, f64::tanh);

pub fn open(vm: &mut Vm) {
    let t = super::new_lib(
        vm,
        "math",
        &[
            ("abs", abs),
            ("ceil", ceil),
            ("floor", floor),
            ("sqrt", sqrt),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("atan2", atan2),
            ("exp", exp),
            ("log", log),
            ("log10", log10),
            ("pow", pow),
            ("fmod", fmod),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("min", min),
            ("max", max),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("deg", deg),
            ("rad", rad),
        ],
    );
    // `random` and `randomseed` share one generator, held as their upvalue.
    let state = vm.heap.alloc(Userdata::new(Payload::Rust(Box::new(Prng::fixed())), vm.globals));
    for (name, f) in [("random", random as NativeFn), ("randomseed", randomseed)] {
        let func = Function::new_native(vm.globals, name, f, Box::new([Value::userdata(state)]));
        let fv = Value::function(vm.heap.alloc(func));
        vm.set_field(t, name, fv);
    }
    vm.set_field(t, "pi", Value::number(std::f64::consts::PI));
    vm.set_field(t, "huge", Value::number(f64::INFINITY));
}

fn atan(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let y = check_number(vm, args, 1)?;
    ret(vm, &[Value::number(y.atan())])
}

fn atan2(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let y = check_number(vm, args, 1)?;
    let x = check_number(vm, args, 2)?;
    ret(vm, &[Value::number(y.atan2(x))])
}

fn log(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_number(vm, args, 1)?;
    if args.n >= 2 {
        // LuaJIT multiplies by the reciprocal rather than dividing, which
        // rounds differently.
        let b = check_number(vm, args, 2)?;
        return ret(vm, &[Value::number(x.log2() * (1.0 / b.log2()))]);
    }
    ret(vm, &[Value::number(x.ln())])
}

fn pow(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_number(vm, args, 1)?;
    let y = check_number(vm, args, 2)?;
    ret(vm, &[Value::number(x.powf(y))])
}

fn fmod(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_number(vm, args, 1)?;
    let y = check_number(vm, args, 2)?;
    ret(vm, &[Value::number(x % y)])
}

fn modf(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_number(vm, args, 1)?;
    let ip = x.trunc();
    // The fraction carries the sign of `x` (-0 for negative integers), as C's modf.
    let fp = if x.is_infinite() { 0.0f64.copysign(x) } else { (x - ip).copysign(x) };
    ret(vm, &[Value::number(ip), Value::number(fp)])
}

fn frexp(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let x = check_number(vm, args, 1)?;
    if x == 0.0 || !x.is_finite() {
        return ret(vm, &[Value::number(x), Value::number(0.0)]);
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i32;
    let (m, e) = if e == 0 {
        // Subnormal: scale up first.
        let y = x * 2f64.powi(54);
        let b = y.to_bits();
        e = ((b >> 52) & 0x7ff) as i32;
        (f64::from_bits((b & !(0x7ffu64 << 52)) | (1022u64 << 52)), e - 1022 - 54)
    } else {
        (f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52)), e - 1022)
    };
    ret(vm, &[Value::number(m), Value::number(e as f64)])
}

fn ldexp(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let m = check_number(vm, args, 1)?;
    let e = check_number(vm, args, 2)?;
    ret(vm, &[Value::number(ldexp_x87(m, e))])
}

/// `m * 2^trunc(e)` with x87 `fscale`'s results (LuaJIT's ldexp on x86-64):
/// a fractional exponent is truncated, an infinite one gives inf or 0, and
/// 0 * 2^inf or inf * 2^-inf are NaN.
fn ldexp_x87(m: f64, e: f64) -> f64 {
    if m.is_nan() || e.is_nan() {
        return f64::NAN;
    }
    if e.is_infinite() {
        return match (e > 0.0, m == 0.0, m.is_infinite()) {
            (true, true, _) | (false, _, true) => f64::NAN,
            (true, false, _) => m * f64::INFINITY,
            (false, _, false) => m * 0.0,
        };
    }
    scale_by_power_of_two(m, e.trunc().clamp(-4000.0, 4000.0) as i32)
}

/// `x * 2^n`, correctly rounded: scales in steps that stay exact so that
/// only the last multiplication can round (into the subnormals or to inf).
fn scale_by_power_of_two(x: f64, mut n: i32) -> f64 {
    let pow2 = |k: i32| f64::from_bits(((0x3ff + k) as u64) << 52);
    let mut y = x;
    // 2^-1022 * 2^53: a step down that keeps normal numbers normal.
    let down = pow2(-1022) * pow2(53);
    for _ in 0..2 {
        if n > 1023 {
            y *= pow2(1023);
            n -= 1023;
        } else if n < -1022 {
            y *= down;
            n += 1022 - 53;
        }
    }
    y * pow2(n.clamp(-1022, 1023))
}

fn min(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut m = check_number(vm, args, 1)?;
    for i in 2..=args.n {
        let x = check_number(vm, args, i)?;
        // SSE `minsd`: the new value unless the old one is smaller, so a
        // NaN argument wins only when it comes last.
        m = if m < x { m } else { x };
    }
    ret(vm, &[Value::number(m)])
}

fn max(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut m = check_number(vm, args, 1)?;
    for i in 2..=args.n {
        let x = check_number(vm, args, i)?;
        m = if m > x { m } else { x };
    }
    ret(vm, &[Value::number(m)])
}

// ---- deg and rad ------------------------------------------------------------

/// LuaJIT defines `deg` and `rad` in Lua (`function(x) return x * k end`), so
/// they accept anything with a `__mul` metamethod and fail with an
/// arithmetic error located in the builtin chunk rather than an argument
/// error.
fn scale(vm: &mut Vm, args: Args, factor: f64, builtin: &str) -> LuaResult<usize> {
    let x = vm.arg(args, 0);
    if let Some(n) = to_number(x) {
        return ret(vm, &[Value::number(n * factor)]);
    }
    let k = Value::number(factor);
    let mm = vm.metamethod(x, crate::state::MetaMethod::Mul);
    if mm.is_nil() {
        let msg = format!("[builtin:{}]:0: attempt to perform arithmetic on a {} value", builtin, x.type_name());
        return Err(LuaError::new(vm.new_str(msg.as_bytes())));
    }
    let r = vm.arith(Arith::Mul, x, k, None, None)?;
    ret(vm, &[r])
}

fn deg(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    scale(vm, args, 57.29577951308232, "deg")
}

fn rad(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    scale(vm, args, 0.017453292519943295, "rad")
}

// ---- random -------------------------------------------------------------------

/// LuaJIT 2.1's generator: a combined Tausworthe generator with period
/// 2^223 (L'Ecuyer 1991, table 3, first entry), four 64-bit components.
#[derive(Clone, Debug, PartialEq)]
pub struct Prng {
    u: [u64; 4],
}

/// Per component: (k, q, s) of the recurrence.
const TAUSWORTHE: [(u32, u32, u32); 4] = [(63, 31, 18), (58, 19, 28), (55, 24, 7), (47, 21, 8)];

impl Prng {
    /// The state LuaJIT starts with before any `randomseed`.
    pub fn fixed() -> Prng {
        Prng { u: [0xa0d277570a345b8c, 0x764a296c5d4aa64f, 0x51220704070adeaa, 0x2a2717b5a7b7b927] }
    }

    /// `math.randomseed(d)`: each component from an affine map of the
    /// previous one's double, its top bits forced non-zero, then ten steps.
    pub fn seeded(mut d: f64) -> Prng {
        let mut u = [0u64; 4];
        for (i, &(k, _, _)) in TAUSWORTHE.iter().enumerate() {
            let min = 1u64 << (64 - k);
            d = d * std::f64::consts::PI + std::f64::consts::E;
            let mut bits = d.to_bits();
            if bits < min {
                bits += min;
            }
            u[i] = bits;
        }
        let mut rng = Prng { u };
        for _ in 0..10 {
            rng.next_u64();
        }
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut r = 0;
        for (z, &(k, q, s)) in self.u.iter_mut().zip(TAUSWORTHE.iter()) {
            let x = *z;
            let next = (((x << q) ^ x) >> (k - s)) ^ ((x & (u64::MAX << (64 - k))) << s);
            *z = next;
            r ^= next;
        }
        r
    }

    /// A double in [0, 1): 52 random mantissa bits under 1.0's exponent, minus 1.
    pub fn next_f64(&mut self) -> f64 {
        let bits = (self.next_u64() & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000;
        f64::from_bits(bits) - 1.0
    }
}

/// The generator in the running native's first upvalue.
fn generator(vm: &mut Vm) -> Option<&mut Prng> {
    let th = vm.th();
    let frame = th.frames.last()?;
    let fp = th.stack[frame.func].as_function_ptr()?;
    // The running function and its upvalues are live while it runs; the
    // userdata is only reached through this pointer for the call's duration.
    unsafe {
        let FunctionKind::Native { upvals, .. } = &(*fp).kind else {
            return None;
        };
        let ud = upvals.first()?.as_userdata_ptr()?;
        match &mut (*ud).payload {
            Payload::Rust(b) => b.downcast_mut::<Prng>(),
            Payload::Bytes(_) => None,
        }
    }
}

/// `math.random([m [, n]])`: a double in [0, 1), `floor(d*m) + 1`, or
/// `floor(d*(n-m+1)) + m`. As in LuaJIT there is no range check, and
/// arguments beyond the second are ignored.
fn random(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let Some(rng) = generator(vm) else {
        return Err(vm.error_str("random generator missing"));
    };
    let d = rng.next_f64();
    let r = match args.n {
        0 => d,
        1 => {
            let m = check_number(vm, args, 1)?;
            crate::meta::floor(d * m) + 1.0
        }
        _ => {
            let m = check_number(vm, args, 1)?;
            let n = check_number(vm, args, 2)?;
            crate::meta::floor(d * (n - m + 1.0)) + m
        }
    };
    ret(vm, &[Value::number(r)])
}

/// `math.randomseed([x])`; without an argument LuaJIT seeds from system
/// entropy.
fn randomseed(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let new = if args.n == 0 { entropy_seeded() } else { Prng::seeded(check_number(vm, args, 1)?) };
    match generator(vm) {
        Some(rng) => *rng = new,
        None => return Err(vm.error_str("random generator missing")),
    }
    Ok(0)
}

/// A generator seeded from the system's randomness (the hasher's keys), its
/// components conditioned so that none has its top bits all zero.
fn entropy_seeded() -> Prng {
    use std::hash::{BuildHasher, Hasher};
    let mut u = [0u64; 4];
    for (i, (x, &(k, _, _))) in u.iter_mut().zip(TAUSWORTHE.iter()).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        *x = h.finish();
        let min = 1u64 << (64 - k);
        if *x < min {
            *x += min;
        }
    }
    Prng { u }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sequence_matches_luajit() {
        let mut rng = Prng::fixed();
        let first = rng.next_f64();
        assert_eq!(&crate::strfmt::number_to_string(first)[..], &b"0.79420629243124"[..]);
    }

    #[test]
    fn seeded_sequence_matches_luajit() {
        let mut rng = Prng::seeded(42.0);
        assert_eq!(&crate::strfmt::number_to_string(rng.next_f64())[..], &b"0.95607928791821"[..]);
    }

    #[test]
    fn ldexp_edges() {
        assert_eq!(ldexp_x87(1.0, 3.0), 8.0);
        assert_eq!(ldexp_x87(1.5, -1074.0), 2.0 * f64::from_bits(1));
        assert_eq!(ldexp_x87(1.0, -1075.0), 0.0);
        assert_eq!(ldexp_x87(0.5, 1024.0), 2f64.powi(1023));
        assert!(ldexp_x87(0.0, f64::INFINITY).is_nan());
        assert_eq!(ldexp_x87(2.0, -1.5), 1.0);
    }
}

//! The `math` library.

use super::{check_number, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
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

unary!(abs, f64::abs);
unary!(ceil, f64::ceil);
unary!(floor, crate::meta::floor);
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
unary!(deg, |x| x * (180.0 / std::f64::consts::PI));
unary!(rad, |x| x * (std::f64::consts::PI / 180.0));

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
    if args.n >= 2 && !vm.arg(args, 1).is_nil() {
        let b = check_number(vm, args, 2)?;
        return ret(vm, &[Value::number(x.log2() / b.log2())]);
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
    let fp = if x.is_infinite() { 0.0 } else { x - ip };
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
    let e = super::check_int(vm, args, 2)?;
    let mut x = m;
    let mut e = e.clamp(-2200, 2200) as i32;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    ret(vm, &[Value::number(x * 2f64.powi(e))])
}

fn min(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut m = check_number(vm, args, 1)?;
    for i in 2..=args.n {
        let x = check_number(vm, args, i)?;
        if x < m {
            m = x;
        }
    }
    ret(vm, &[Value::number(m)])
}

fn max(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut m = check_number(vm, args, 1)?;
    for i in 2..=args.n {
        let x = check_number(vm, args, i)?;
        if x > m {
            m = x;
        }
    }
    ret(vm, &[Value::number(m)])
}

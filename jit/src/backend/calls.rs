//! The functions `CALLN`/`CALLL`/`CALLS` can call: the call instruction's
//! literal operand is an index into [`CALLS`]. Every function is an
//! `extern "C"` function of `neap_vm::layout`, so a trace computes exactly
//! what the interpreter computes.

use crate::ir::IrType;
use neap_vm::layout;

/// One callable helper.
pub struct CallInfo {
    /// Name in listings and errors.
    pub name: &'static str,
    /// Argument types (`num` is a double, `int` an int32, others 64-bit words).
    pub args: &'static [IrType],
    /// Result type (`nil` for none).
    pub ret: IrType,
    /// The function's address.
    pub addr: fn() -> usize,
}

macro_rules! math1 {
    ($name:ident) => {
        CallInfo {
            name: stringify!($name),
            args: &[IrType::Num],
            ret: IrType::Num,
            addr: || layout::math::$name as extern "C" fn(f64) -> f64 as usize,
        }
    };
}

/// Index = the call instruction's literal.
pub static CALLS: &[CallInfo] = &[
    CallInfo {
        name: "pow",
        args: &[IrType::Num, IrType::Num],
        ret: IrType::Num,
        addr: || layout::num_pow as extern "C" fn(f64, f64) -> f64 as usize,
    },
    CallInfo {
        name: "fmod",
        args: &[IrType::Num, IrType::Num],
        ret: IrType::Num,
        addr: || layout::math::fmod as extern "C" fn(f64, f64) -> f64 as usize,
    },
    CallInfo {
        name: "atan2",
        args: &[IrType::Num, IrType::Num],
        ret: IrType::Num,
        addr: || layout::math::atan2 as extern "C" fn(f64, f64) -> f64 as usize,
    },
    math1!(sin),
    math1!(cos),
    math1!(tan),
    math1!(asin),
    math1!(acos),
    math1!(atan),
    math1!(sinh),
    math1!(cosh),
    math1!(tanh),
    math1!(exp),
    math1!(log),
    math1!(log10),
    CallInfo {
        name: "table_len",
        args: &[IrType::Tab],
        ret: IrType::Int,
        addr: || layout::table_len as unsafe extern "C" fn(*mut neap_vm::table::Table) -> i32 as usize,
    },
];

/// The index of the helper called `name`.
pub fn call_id(name: &str) -> Option<u16> {
    CALLS.iter().position(|c| c.name == name).map(|i| i as u16)
}

//! The functions `CALLN`/`CALLL`/`CALLS` can call: the call instruction's
//! literal operand is an index into [`CALLS`]. Every function is an
//! `extern "C"` function of `neap_vm::layout`, so a trace computes exactly
//! what the interpreter computes.

use crate::ir::IrType;
use neap_vm::layout::{self, strings, tables};
use neap_vm::string::LuaStr;
use neap_vm::Vm;

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
    /// Whether the helper takes the running VM as a first argument before
    /// `args` (helpers that allocate); the trace passes `TraceCtx::vm`.
    pub vm: bool,
}

macro_rules! math1 {
    ($name:ident) => {
        CallInfo {
            name: stringify!($name),
            args: &[IrType::Num],
            ret: IrType::Num,
            addr: || layout::math::$name as extern "C" fn(f64) -> f64 as usize,
            vm: false,
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
        vm: false,
    },
    CallInfo {
        name: "fmod",
        args: &[IrType::Num, IrType::Num],
        ret: IrType::Num,
        addr: || layout::math::fmod as extern "C" fn(f64, f64) -> f64 as usize,
        vm: false,
    },
    CallInfo {
        name: "atan2",
        args: &[IrType::Num, IrType::Num],
        ret: IrType::Num,
        addr: || layout::math::atan2 as extern "C" fn(f64, f64) -> f64 as usize,
        vm: false,
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
    math1!(log2),
    math1!(modf_frac),
    CallInfo {
        name: "table_len",
        args: &[IrType::Tab],
        ret: IrType::Int,
        addr: || layout::table_len as unsafe extern "C" fn(*mut neap_vm::table::Table) -> i32 as usize,
        vm: false,
    },
    CallInfo {
        name: "table_next_nil",
        args: &[IrType::Tab],
        ret: IrType::P64,
        addr: || {
            layout::table_next_nil as unsafe extern "C" fn(*mut neap_vm::table::Table) -> *const neap_vm::Value as usize
        },
        vm: false,
    },
    CallInfo {
        name: "table_next_num",
        args: &[IrType::Tab, IrType::Num],
        ret: IrType::P64,
        addr: || {
            layout::table_next_num as unsafe extern "C" fn(*mut neap_vm::table::Table, f64) -> *const neap_vm::Value
                as usize
        },
        vm: false,
    },
    CallInfo {
        name: "table_next_str",
        args: &[IrType::Tab, IrType::Str],
        ret: IrType::P64,
        addr: || {
            layout::table_next_str
                as unsafe extern "C" fn(
                    *mut neap_vm::table::Table,
                    *mut neap_vm::string::LuaStr,
                ) -> *const neap_vm::Value as usize
        },
        vm: false,
    },
    CallInfo {
        name: "num_tostring",
        args: &[IrType::Num],
        ret: IrType::Str,
        addr: || strings::num_tostring as unsafe extern "C" fn(*mut Vm, f64) -> *mut LuaStr as usize,
        vm: true,
    },
    CallInfo {
        name: "num_to_str",
        args: &[IrType::Num],
        ret: IrType::Str,
        addr: || strings::num_to_str as unsafe extern "C" fn(*mut Vm, f64) -> *mut LuaStr as usize,
        vm: true,
    },
    CallInfo {
        name: "str_concat",
        args: &[IrType::Str, IrType::Str],
        ret: IrType::Str,
        addr: || strings::str_concat as unsafe extern "C" fn(*mut Vm, *mut LuaStr, *mut LuaStr) -> *mut LuaStr as usize,
        vm: true,
    },
    CallInfo {
        name: "str_concat_num",
        args: &[IrType::Str, IrType::Num],
        ret: IrType::Str,
        addr: || strings::str_concat_num as unsafe extern "C" fn(*mut Vm, *mut LuaStr, f64) -> *mut LuaStr as usize,
        vm: true,
    },
    CallInfo {
        name: "num_concat_str",
        args: &[IrType::Num, IrType::Str],
        ret: IrType::Str,
        addr: || strings::num_concat_str as unsafe extern "C" fn(*mut Vm, f64, *mut LuaStr) -> *mut LuaStr as usize,
        vm: true,
    },
    CallInfo {
        name: "str_sub",
        args: &[IrType::Str, IrType::Int, IrType::Int],
        ret: IrType::Str,
        addr: || strings::str_sub as unsafe extern "C" fn(*mut Vm, *mut LuaStr, i32, i32) -> *mut LuaStr as usize,
        vm: true,
    },
    CallInfo {
        name: "table_new",
        args: &[IrType::Int],
        ret: IrType::Tab,
        addr: || tables::table_new as unsafe extern "C" fn(*mut Vm, i32) -> *mut neap_vm::table::Table as usize,
        vm: true,
    },
    CallInfo {
        name: "table_set_metatable",
        args: &[IrType::Tab, IrType::Tab],
        ret: IrType::Int,
        addr: || {
            tables::table_set_metatable
                as unsafe extern "C" fn(*mut Vm, *mut neap_vm::table::Table, *mut neap_vm::table::Table) -> i32
                as usize
        },
        vm: true,
    },
    CallInfo {
        name: "table_dup",
        args: &[IrType::P64],
        ret: IrType::Tab,
        addr: || {
            tables::table_dup
                as unsafe extern "C" fn(*mut Vm, *const neap_vm::func::Template) -> *mut neap_vm::table::Table
                as usize
        },
        vm: true,
    },
    CallInfo {
        name: "frame_return_ok",
        args: &[IrType::Int, IrType::P64, IrType::Int, IrType::Int],
        ret: IrType::Int,
        addr: || {
            layout::frames::frame_return_ok
                as unsafe extern "C" fn(*mut Vm, i32, *const neap_vm::func::Function, i32, i32) -> i32
                as usize
        },
        vm: true,
    },
    CallInfo {
        name: "str_byte",
        args: &[IrType::Str, IrType::Int],
        ret: IrType::Int,
        addr: || layout::str_byte as unsafe extern "C" fn(*const neap_vm::string::LuaStr, i32) -> i32 as usize,
        vm: false,
    },
];

/// The index of the helper called `name`.
pub fn call_id(name: &str) -> Option<u16> {
    CALLS.iter().position(|c| c.name == name).map(|i| i as u16)
}

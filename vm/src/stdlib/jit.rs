//! The `jit` library. Until the JIT tier exists it reports the JIT as off,
//! as a LuaJIT built without the JIT does, and `jit.on()` does nothing.

use super::ret;
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::value::Value;

/// The LuaJIT version Neap follows (the reference build's version string).
pub const VERSION: &str = "LuaJIT 2.1.1788856981";
pub const VERSION_NUM: f64 = 20199.0;

pub fn open(vm: &mut Vm) {
    let jit = super::new_lib(
        vm,
        "jit",
        &[("on", nothing), ("off", nothing), ("flush", nothing), ("status", status), ("security", security), ("attach", nothing)],
    );
    let v = vm.new_str(VERSION.as_bytes());
    vm.set_field(jit, "version", v);
    vm.set_field(jit, "version_num", Value::number(VERSION_NUM));
    let os = vm.new_str(os_name().as_bytes());
    vm.set_field(jit, "os", os);
    let arch = vm.new_str(arch_name().as_bytes());
    vm.set_field(jit, "arch", arch);
    let opt = vm.new_table(0, 0);
    let start = vm.new_native("start", nothing);
    vm.set_field(opt, "start", start);
    vm.set_field(jit, "opt", Value::table(opt));
}

fn os_name() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "OSX",
        "windows" => "Windows",
        "freebsd" | "netbsd" | "openbsd" | "dragonfly" => "BSD",
        _ => "Other",
    }
}

fn arch_name() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "x86" => "x86",
        "aarch64" => "arm64",
        "arm" => "arm",
        other => other,
    }
}

fn nothing(_vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    Ok(0)
}

fn status(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    ret(vm, &[Value::FALSE])
}

/// `jit.security(name)`: the level of a security measure, as LuaJIT's
/// default build reports them (all four at 1).
fn security(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = super::check_str(vm, args, 1)?;
    let known = matches!(vm.str_of(name), b"prng" | b"strhash" | b"strid" | b"mcode");
    if !known {
        let msg = format!("invalid option '{}'", String::from_utf8_lossy(vm.str_of(name)));
        return Err(vm.arg_error(args, 1, &msg));
    }
    ret(vm, &[Value::number(1.0)])
}

//! The `os` library (a first part).

use super::{check_str, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::value::Value;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn open(vm: &mut Vm) {
    super::new_lib(vm, "os", &[("clock", clock), ("time", time), ("getenv", getenv), ("exit", exit)]);
}

fn clock(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    // Process CPU time, as C's clock().
    let mut ts = std::mem::MaybeUninit::<[i64; 2]>::uninit();
    extern "C" {
        fn clock_gettime(clk: i32, ts: *mut [i64; 2]) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    // clock_gettime fills the two-word timespec it is given.
    let secs = unsafe {
        if clock_gettime(CLOCK_PROCESS_CPUTIME_ID, ts.as_mut_ptr()) == 0 {
            let t = ts.assume_init();
            t[0] as f64 + t[1] as f64 * 1e-9
        } else {
            0.0
        }
    };
    ret(vm, &[Value::number(secs)])
}

fn time(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    ret(vm, &[Value::number(t as f64)])
}

fn getenv(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let name = String::from_utf8_lossy(vm.str_of(name)).into_owned();
    let v = match std::env::var_os(&name) {
        Some(val) => vm.new_str(val.to_string_lossy().as_bytes()),
        None => Value::NIL,
    };
    ret(vm, &[v])
}

fn exit(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = vm.arg(args, 0);
    let code = if v == Value::FALSE {
        1
    } else if let Some(n) = v.as_number() {
        n as i32
    } else {
        0
    };
    vm.flush_stdout();
    std::process::exit(code);
}

//! The `jit` library: argument checks as LuaJIT makes them, then the
//! command goes to the VM's tier (`Vm::jit_control`). Without a tier it
//! reports the JIT as off, as a LuaJIT built without the JIT does, and
//! `jit.on()` does nothing.

use super::ret;
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::tier::Control;
use crate::value::Value;

/// The LuaJIT version Neap follows (the reference build's version string).
pub const VERSION: &str = "LuaJIT 2.1.1788856981";
pub const VERSION_NUM: f64 = 20199.0;

pub fn open(vm: &mut Vm) {
    let jit = super::new_lib(
        vm,
        "jit",
        &[("on", on), ("off", off), ("flush", flush), ("status", status), ("security", security), ("attach", attach)],
    );
    let v = vm.new_str(VERSION.as_bytes());
    vm.set_field(jit, "version", v);
    vm.set_field(jit, "version_num", Value::number(VERSION_NUM));
    let os = vm.new_str(os_name().as_bytes());
    vm.set_field(jit, "os", os);
    let arch = vm.new_str(arch_name().as_bytes());
    vm.set_field(jit, "arch", arch);
    let opt = vm.new_table(0, 0);
    let start = vm.new_native("start", opt_start);
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

/// `jit.status()`: whether the JIT compiles, then the optimisations on.
fn status(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let (on, flags) = match &vm.tier {
        Some(t) => (t.is_on(), t.flags()),
        None => (false, Vec::new()),
    };
    let mut out = vec![Value::boolean(on)];
    for f in flags {
        out.push(vm.new_str(f.as_bytes()));
    }
    ret(vm, &out)
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

/// `jit.on/off/flush([f [, recursive]])`: the mode changes nothing here,
/// but the arguments are checked as LuaJIT does: nothing, nil, `true` or a
/// Lua function (a native function is refused as "function expected").
fn on(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    set_mode(vm, args, "on")
}

fn off(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    set_mode(vm, args, "off")
}

fn flush(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    set_mode(vm, args, "flush")
}

fn set_mode(vm: &mut Vm, args: Args, which: &str) -> LuaResult<usize> {
    let a = super::arg(vm, args, 1);
    let lua_function = a.as_function_ptr().is_some_and(|f| {
        // An argument, live.
        unsafe { !(*f).is_native() }
    });
    // `true` means the calling function, which must be a Lua function.
    let caller_is_lua = a == Value::TRUE && {
        let levels = crate::debuginfo::levels(vm);
        match levels.get(1) {
            Some(Some(idx)) => {
                let f = vm.th().stack[vm.frames()[*idx].func];
                // A function in a live frame.
                f.as_function_ptr().is_some_and(|fp| unsafe { !(*fp).is_native() })
            }
            _ => false,
        }
    };
    if !(args.n == 0 || a.is_nil() || caller_is_lua || lua_function) {
        let msg = format!("function expected, got {}", a.type_name());
        return Err(vm.arg_error(args, 1, &msg));
    }
    let on = which != "off";
    let target = if lua_function {
        a
    } else if caller_is_lua {
        caller_function(vm)
    } else {
        Value::NIL
    };
    let ctl = match target.as_function_ptr().and_then(|f| lua_proto(f)) {
        Some(proto) if which != "flush" => {
            let recursive = super::arg(vm, args, 2).is_truthy();
            Control::Func { proto, on, recursive }
        }
        Some(_) => Control::Flush,
        None if which == "flush" => Control::Flush,
        None if on => Control::On,
        None => Control::Off,
    };
    vm.jit_control(ctl)?;
    Ok(0)
}

/// The Lua function that called the running native.
fn caller_function(vm: &mut Vm) -> Value {
    let levels = crate::debuginfo::levels(vm);
    match levels.get(1) {
        Some(Some(idx)) => vm.th().stack[vm.frames()[*idx].func],
        _ => Value::NIL,
    }
}

fn lua_proto(f: *mut crate::func::Function) -> Option<*mut crate::func::Proto> {
    // Functions passed to the library are live.
    match unsafe { &(*f).kind } {
        crate::func::FunctionKind::Lua { proto, .. } => Some(*proto),
        _ => None,
    }
}

/// `jit.attach(f [, event])`: no VM events are ever sent.
fn attach(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    if !super::arg(vm, args, 1).is_function() {
        return Err(vm.type_error(args, 1, "function"));
    }
    super::opt_str(vm, args, 2)?;
    Ok(0)
}

/// The optimisation flags and parameters `jit.opt.start` accepts.
const OPT_FLAGS: &[&str] = &["fold", "cse", "dce", "fwd", "dse", "narrow", "loop", "abc", "sink", "fuse", "fma"];
const OPT_PARAMS: &[&str] = &[
    "maxtrace",
    "maxrecord",
    "maxirconst",
    "maxside",
    "maxsnap",
    "minstitch",
    "hotloop",
    "hotexit",
    "tryside",
    "instunroll",
    "loopunroll",
    "callunroll",
    "recunroll",
    "sizemcode",
    "maxmcode",
];

/// Whether `opt` is a valid `jit.opt.start` argument: a level digit, a
/// flag (optionally `+`, `-`, `no` or `no-` prefixed) or `param=digits`.
fn valid_opt(opt: &[u8]) -> bool {
    if opt.len() == 1 && opt[0].is_ascii_digit() {
        return true;
    }
    let flag = opt
        .strip_prefix(b"+")
        .or_else(|| opt.strip_prefix(b"-"))
        .or_else(|| opt.strip_prefix(b"no-"))
        .or_else(|| opt.strip_prefix(b"no"))
        .unwrap_or(opt);
    if OPT_FLAGS.iter().any(|f| f.as_bytes() == flag) {
        return true;
    }
    OPT_PARAMS.iter().any(|p| {
        opt.strip_prefix(p.as_bytes()).and_then(|rest| rest.strip_prefix(b"=")).is_some_and(|digits| {
            // LuaJIT accumulates in 32 bits (wrapping) and refuses what
            // ends up negative as an int32.
            digits.iter().all(u8::is_ascii_digit)
                && digits.iter().fold(0u32, |n, &d| n.wrapping_mul(10).wrapping_add((d - b'0') as u32))
                    <= i32::MAX as u32
        })
    })
}

/// `jit.opt.start(...)`: validates its arguments as LuaJIT does, then
/// hands them to the tier in one spelling (`-flag`, `+flag`, `name=N`).
fn opt_start(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut opts = Vec::with_capacity(args.n);
    for i in 1..=args.n {
        let s = super::check_str(vm, args, i)?;
        let opt = vm.str_of(s).to_vec();
        if !valid_opt(&opt) {
            let msg = format!("unknown or malformed optimization flag '{}'", String::from_utf8_lossy(&opt));
            return Err(vm.error_str(&msg));
        }
        let text = String::from_utf8_lossy(&opt).into_owned();
        let text = match text.strip_prefix("no-").or_else(|| text.strip_prefix("no")) {
            Some(flag) if !text.contains('=') => format!("-{flag}"),
            _ => text,
        };
        let text = if text.ends_with('=') { format!("{text}0") } else { text };
        opts.push(text);
    }
    vm.jit_control(Control::Opt(opts))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::valid_opt;

    #[test]
    fn opt_flags_parse_as_luajit() {
        for ok in ["3", "fold", "-fold", "+cse", "nofold", "no-fold", "hotloop=1", "maxmcode=2048", "hotloop="] {
            assert!(valid_opt(ok.as_bytes()), "{ok}");
        }
        for bad in ["bogus", "fold2", "hotloop", "hotloop=x", "12", "hotloop=4294967295"] {
            assert!(!valid_opt(bad.as_bytes()), "{bad}");
        }
    }
}

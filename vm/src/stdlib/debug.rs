//! The `debug` library.

use super::{arg, check_int, check_table, ret};
use crate::debuginfo;
use crate::error::LuaResult;
use crate::func::FunctionKind;
use crate::state::{Args, Vm};
use crate::thread::Thread;
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    super::new_lib(
        vm,
        "debug",
        &[
            ("traceback", traceback),
            ("getinfo", getinfo),
            ("getlocal", getlocal),
            ("setlocal", setlocal),
            ("getupvalue", getupvalue),
            ("setupvalue", setupvalue),
            ("upvalueid", upvalueid),
            ("upvaluejoin", upvaluejoin),
            ("getmetatable", getmetatable),
            ("setmetatable", setmetatable),
            ("getregistry", getregistry),
            ("getfenv", getfenv),
            ("setfenv", setfenv),
            ("sethook", sethook),
            ("gethook", gethook),
            ("debug", debug_prompt),
        ],
    );
}

/// The thread a debug function inspects: its first argument if that is a
/// thread (then the other arguments shift by one), else the running one.
fn thread_arg(vm: &Vm, args: Args) -> (*mut Thread, usize) {
    match arg(vm, args, 1).as_thread_ptr() {
        Some(th) if args.n > 0 => (th, 1),
        _ => (vm.current, 0),
    }
}

fn traceback(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (th, skip) = thread_arg(vm, args);
    let msg = arg(vm, args, skip + 1);
    if !msg.is_string() && !msg.is_number() && args.n > skip {
        // Not a message: returned untouched (nil included), as LuaJIT.
        return ret(vm, &[msg]);
    }
    let default_level = if th == vm.current { 1 } else { 0 };
    let level = super::opt_int(vm, args, skip + 2, default_level)?;
    let mut text = Vec::new();
    if args.n > skip {
        vm.append_tostring_primitive(&mut text, msg);
        text.push(b'\n');
    }
    match usize::try_from(level) {
        Ok(level) => {
            let tb = debuginfo::on_thread(vm, th, |vm| debuginfo::traceback_from(vm, level));
            text.extend_from_slice(tb.as_bytes());
        }
        Err(_) => text.extend_from_slice(b"stack traceback:"),
    }
    let s = vm.new_str(&text);
    ret(vm, &[s])
}

/// What `debug.getinfo` and friends were asked about.
enum Target {
    /// Stack level `k` of the inspected thread.
    Level(i64),
    Function(Value),
}

/// A stack level argument (a number or numeric string), or a function when
/// `functions` allows one.
fn target(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Target> {
    let a = arg(vm, args, n);
    if let Some(x) = crate::meta::to_number(a) {
        return Ok(Target::Level(super::to_integer(x)));
    }
    if a.is_function() {
        return Ok(Target::Function(a));
    }
    Err(vm.arg_error(args, n, "function or level expected"))
}

/// What `getinfo` reports about a stack level, gathered on its thread.
struct LevelInfo {
    func: Value,
    line: i64,
    name: Option<(&'static str, Vec<u8>)>,
}

fn level_info(vm: &mut Vm, th: *mut Thread, level: i64) -> Option<LevelInfo> {
    debuginfo::on_thread(vm, th, |vm| {
        let levels = debuginfo::level_list(vm);
        let k = usize::try_from(level).ok()?;
        let lv = *levels.get(k)?;
        Some(LevelInfo {
            func: debuginfo::level_function(vm, lv),
            line: debuginfo::level_line(vm, lv),
            name: debuginfo::level_name(vm, &levels, k),
        })
    })
}

fn getinfo(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (th, skip) = thread_arg(vm, args);
    let what = match super::opt_str(vm, args, skip + 2)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => b"flnSu".to_vec(),
    };
    let info = match target(vm, args, skip + 1)? {
        Target::Level(level) => match level_info(vm, th, level) {
            Some(info) => info,
            None => return ret(vm, &[Value::NIL]),
        },
        Target::Function(f) => LevelInfo { func: f, line: -1, name: None },
    };
    if what.iter().any(|c| !b"SlunfL".contains(c)) {
        return Err(vm.arg_error(args, skip + 2, "invalid option"));
    }
    let t = vm.new_table(0, 16);
    let fp = info.func.as_function_ptr();
    // A function from an argument or a live frame is live, and so is its
    // prototype.
    let proto = fp.and_then(|p| unsafe { (*p).proto() }).map(|p| unsafe { &*p });
    for c in what.iter() {
        match c {
            b'S' => {
                let (source, short, first, last, kind) = match proto {
                    Some(p) => {
                        let src = p.chunkname_bytes().to_vec();
                        let short = crate::chunkname::short_src(&src);
                        let kind = if p.is_main_chunk() { "main" } else { "Lua" };
                        (src, short, p.first_line as f64, p.last_line as f64, kind)
                    }
                    None => match debuginfo::builtin_name(info.func) {
                        Some(name) => {
                            (name.as_bytes().to_vec(), format!("[builtin:{name}]").into_bytes(), -1.0, -1.0, "Lua")
                        }
                        None => (b"=[C]".to_vec(), b"[C]".to_vec(), -1.0, -1.0, "C"),
                    },
                };
                let v = vm.new_str(&source);
                vm.set_field(t, "source", v);
                let v = vm.new_str(&short);
                vm.set_field(t, "short_src", v);
                vm.set_field(t, "linedefined", Value::number(first));
                vm.set_field(t, "lastlinedefined", Value::number(last));
                let v = vm.new_str(kind.as_bytes());
                vm.set_field(t, "what", v);
            }
            b'l' => vm.set_field(t, "currentline", Value::number(info.line as f64)),
            b'u' => {
                let n = match fp.map(|p| unsafe { &(*p).kind }) {
                    Some(FunctionKind::Lua { upvals, .. }) => upvals.len(),
                    Some(FunctionKind::Native { f, upvals, .. }) => upvals.len() - crate::capi::hidden_upvalues(*f),
                    None => 0,
                };
                vm.set_field(t, "nups", Value::number(n as f64));
                let (nparams, vararg) = match (proto, debuginfo::builtin_name(info.func)) {
                    (Some(p), _) => (p.num_params, p.is_vararg),
                    (None, Some(name)) => (debuginfo::builtin_params(name), false),
                    (None, None) => (0, true),
                };
                vm.set_field(t, "nparams", Value::number(nparams as f64));
                vm.set_field(t, "isvararg", Value::boolean(vararg));
            }
            b'n' => {
                if let Some((_, name)) = &info.name {
                    let v = vm.new_str(name);
                    vm.set_field(t, "name", v);
                }
                let v = vm.new_str(info.name.as_ref().map_or("", |(kind, _)| kind).as_bytes());
                vm.set_field(t, "namewhat", v);
            }
            _ => {}
        }
    }
    if what.contains(&b'L') {
        if let Some(p) = proto {
            let lines = vm.new_table(0, 0);
            // Every instruction but the function header.
            for &line in p.lines.iter().skip(1) {
                vm.raw_set(lines, Value::number(line as f64), Value::TRUE)?;
            }
            vm.set_field(t, "activelines", Value::table(lines));
        } else if debuginfo::builtin_name(info.func).is_some() {
            // Builtins are Lua functions without line information.
            let lines = vm.new_table(0, 0);
            vm.set_field(t, "activelines", Value::table(lines));
        }
    }
    if what.contains(&b'f') {
        vm.set_field(t, "func", info.func);
    }
    ret(vm, &[Value::table(t)])
}

/// The slot of local `n` at stack `level` of thread `th`, with its name.
fn local_slot(vm: &mut Vm, th: *mut Thread, level: i64, n: i64) -> Option<Option<(Vec<u8>, usize)>> {
    debuginfo::on_thread(vm, th, |vm| {
        let levels = debuginfo::level_list(vm);
        let k = usize::try_from(level).ok().filter(|&k| k < levels.len())?;
        Some(debuginfo::local_at(vm, &levels, k, n))
    })
}

fn getlocal(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (th, skip) = thread_arg(vm, args);
    let n = check_int(vm, args, skip + 2)?;
    let f = arg(vm, args, skip + 1);
    if f.is_function() {
        // Parameter names of a function that is not running.
        let proto = f.as_function_ptr().and_then(|p| unsafe { (*p).proto() });
        // Argument function, live.
        let name = proto.and_then(|p| {
            let p = unsafe { &*p };
            let k = usize::try_from(n).ok()?.checked_sub(1)?;
            debuginfo::local_name(p, 0, k).map(|s| s.to_vec())
        });
        let v = match name {
            Some(name) => vm.new_str(&name),
            None => Value::NIL,
        };
        return ret(vm, &[v]);
    }
    let level = check_int(vm, args, skip + 1)?;
    match local_slot(vm, th, level, n) {
        None => Err(vm.arg_error(args, skip + 1, "level out of range")),
        Some(Some((name, slot))) => {
            // The inspected thread is live (an argument, or running).
            let v = unsafe { (&(*th).stack)[slot] };
            let s = vm.new_str(&name);
            ret(vm, &[s, v])
        }
        Some(None) => ret(vm, &[Value::NIL]),
    }
}

fn setlocal(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (th, skip) = thread_arg(vm, args);
    let level = check_int(vm, args, skip + 1)?;
    if local_slot(vm, th, level, 0).is_none() {
        return Err(vm.arg_error(args, skip + 1, "level out of range"));
    }
    let v = super::check_any(vm, args, skip + 3)?;
    let n = check_int(vm, args, skip + 2)?;
    match local_slot(vm, th, level, n).flatten() {
        Some((name, slot)) => {
            // As in getlocal.
            unsafe { (&mut (*th).stack)[slot] = v };
            let s = vm.new_str(&name);
            ret(vm, &[s])
        }
        None => ret(vm, &[Value::NIL]),
    }
}

/// The function argument `n` and its upvalue index `k` (1-based), checked.
fn upvalue_of(vm: &mut Vm, args: Args, n: usize) -> LuaResult<(Value, usize)> {
    let f = arg(vm, args, n);
    if !f.is_function() {
        return Err(vm.type_error(args, n, "function"));
    }
    let k = check_int(vm, args, n + 1)?;
    Ok((f, k.max(0) as usize))
}

/// Where a native closure keeps its visible upvalue `k` (1-based): after
/// the upvalues the C API hides; None when it has no such upvalue.
fn native_upvalue_index(f: crate::func::NativeFn, nupvals: usize, k: usize) -> Option<usize> {
    let i = (k.checked_sub(1)?) + crate::capi::hidden_upvalues(f);
    (i < nupvals).then_some(i)
}

fn getupvalue(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (f, k) = upvalue_of(vm, args, 1)?;
    let fp = f.as_function_ptr().unwrap();
    // Argument function, live; its upvalue objects are live with it.
    match unsafe { &(*fp).kind } {
        FunctionKind::Lua { proto, upvals, .. } if k >= 1 && k <= upvals.len() => {
            let name = unsafe { (&(**proto).upval_names).get(k - 1).map(|n| n.to_vec()).unwrap_or_default() };
            let v = unsafe { (*upvals[k - 1]).get() };
            let s = vm.new_str(&name);
            ret(vm, &[s, v])
        }
        FunctionKind::Native { f, upvals, .. } => match native_upvalue_index(*f, upvals.len(), k) {
            Some(i) => {
                let v = upvals[i];
                let s = vm.new_str(b"");
                ret(vm, &[s, v])
            }
            None => Ok(0),
        },
        _ => Ok(0),
    }
}

fn setupvalue(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (f, k) = upvalue_of(vm, args, 1)?;
    let v = super::check_any(vm, args, 3)?;
    let fp = f.as_function_ptr().unwrap();
    // As in getupvalue.
    match unsafe { &mut (*fp).kind } {
        FunctionKind::Lua { proto, upvals, .. } if k >= 1 && k <= upvals.len() => {
            unsafe { (*upvals[k - 1]).set(v) };
            let name = unsafe { (&(**proto).upval_names).get(k - 1).map(|n| n.to_vec()).unwrap_or_default() };
            let s = vm.new_str(&name);
            ret(vm, &[s])
        }
        FunctionKind::Native { f, upvals, .. } => match native_upvalue_index(*f, upvals.len(), k) {
            Some(i) => {
                upvals[i] = v;
                let s = vm.new_str(b"");
                ret(vm, &[s])
            }
            None => Ok(0),
        },
        _ => Ok(0),
    }
}

fn upvalueid(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (f, k) = upvalue_of(vm, args, 1)?;
    let fp = f.as_function_ptr().unwrap();
    // As in getupvalue.
    let id = match unsafe { &(*fp).kind } {
        FunctionKind::Lua { upvals, .. } if k >= 1 && k <= upvals.len() => Some(upvals[k - 1] as usize),
        FunctionKind::Native { f, upvals, .. } => {
            native_upvalue_index(*f, upvals.len(), k).map(|i| &upvals[i] as *const Value as usize)
        }
        _ => None,
    };
    let Some(id) = id else {
        return Err(vm.arg_error(args, 2, "invalid upvalue index"));
    };
    ret(vm, &[Value::light_userdata(id)])
}

fn upvaluejoin(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (f1, k1) = upvalue_of(vm, args, 1)?;
    let (f2, k2) = upvalue_of(vm, args, 3)?;
    let (p1, p2) = (f1.as_function_ptr().unwrap(), f2.as_function_ptr().unwrap());
    // Argument functions, live.
    let target = match unsafe { &(*p2).kind } {
        FunctionKind::Lua { upvals, .. } if k2 >= 1 && k2 <= upvals.len() => upvals[k2 - 1],
        _ => return Err(vm.arg_error(args, 4, "invalid upvalue index")),
    };
    match unsafe { &mut (*p1).kind } {
        FunctionKind::Lua { upvals, .. } if k1 >= 1 && k1 <= upvals.len() => upvals[k1 - 1] = target,
        _ => return Err(vm.arg_error(args, 2, "invalid upvalue index")),
    }
    Ok(0)
}

fn getmetatable(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = super::check_any(vm, args, 1)?;
    let mt = vm.metatable_of(v);
    ret(vm, &[if mt.is_null() { Value::NIL } else { Value::table(mt) }])
}

fn setmetatable(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    let mt = arg(vm, args, 2);
    if !mt.is_nil() && !mt.is_table() {
        return Err(vm.arg_error(args, 2, "nil or table expected"));
    }
    let mtp = mt.as_table_ptr().unwrap_or(std::ptr::null_mut());
    // Argument objects, live.
    if let Some(t) = v.as_table_ptr() {
        unsafe { (*t).metatable = mtp };
    } else if let Some(u) = v.as_userdata_ptr() {
        unsafe { (*u).metatable = mtp };
    } else if v.is_string() {
        vm.string_mt = mtp;
    } else if let Some(i) = crate::meta::basic_type_index(v) {
        vm.basic_mt[i] = mtp;
    }
    // LuaJIT 2.1 returns true (as Lua 5.1 does).
    ret(vm, &[Value::TRUE])
}

fn getregistry(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    ret(vm, &[Value::table(vm.registry)])
}

fn getfenv(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    // Argument objects, live.
    let env = if let Some(f) = v.as_function_ptr() {
        unsafe { (*f).env }
    } else if let Some(u) = v.as_userdata_ptr() {
        unsafe { (*u).env }
    } else if let Some(co) = v.as_thread_ptr() {
        vm.thread_env(co)
    } else {
        std::ptr::null_mut()
    };
    ret(vm, &[if env.is_null() { Value::NIL } else { Value::table(env) }])
}

fn setfenv(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    let t = check_table(vm, args, 2)?;
    // Argument objects, live.
    if let Some(f) = v.as_function_ptr() {
        unsafe { (*f).env = t };
    } else if let Some(u) = v.as_userdata_ptr() {
        unsafe { (*u).env = t };
    } else if let Some(co) = v.as_thread_ptr() {
        vm.set_thread_env(co, t);
    } else {
        return Err(vm.error_str("'setfenv' cannot change environment of given object"));
    }
    ret(vm, &[v])
}

/// `debug.sethook([thread,] [f, mask [, count]])`: one hook for every
/// thread, as in LuaJIT (a thread argument is accepted and ignored).
fn sethook(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let skip = usize::from(args.n > 0 && arg(vm, args, 1).is_thread());
    let f = arg(vm, args, skip + 1);
    if f.is_nil() {
        vm.set_hook(Value::NIL, 0, 0)?;
        return Ok(0);
    }
    let letters = super::check_str(vm, args, skip + 2)?;
    if !f.is_function() {
        return Err(vm.type_error(args, skip + 1, "function"));
    }
    let count = super::opt_int(vm, args, skip + 3, 0)? as i32;
    let mask = crate::hook::parse_mask(vm.str_of(letters), count);
    vm.set_hook(f, mask, count)?;
    Ok(0)
}

/// `debug.gethook()`: the hook function (nil if none; the string
/// `"external hook"` for a hook the host set through the C API), its mask
/// letters and its count.
fn gethook(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let f = if vm.hooks.external { vm.new_str(b"external hook") } else { vm.hook_function() };
    let letters = crate::hook::mask_letters(vm.hooks.mask);
    let letters = vm.new_str(letters.as_bytes());
    let count = Value::number(vm.hooks.count_start as f64);
    ret(vm, &[f, letters, count])
}

/// `debug.debug()`: runs lines from standard input until `cont`.
fn debug_prompt(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    use std::io::{BufRead, Write};
    loop {
        vm.flush_stdout();
        eprint!("lua_debug> ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).unwrap_or(0) == 0 || line.trim_end() == "cont" {
            return Ok(0);
        }
        let result = vm.load(line.as_bytes(), b"=(debug command)").and_then(|f| vm.call(f, &[]));
        if let Err(e) = result {
            let text = vm.tostring_basic(e.value);
            eprintln!("{}", String::from_utf8_lossy(&text));
        }
    }
}

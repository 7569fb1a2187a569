//! The `debug` library.

use super::{arg, check_int, check_table, ret};
use crate::debuginfo::{self, Level};
use crate::error::LuaResult;
use crate::func::FunctionKind;
use crate::state::{Args, Vm};
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

/// Arguments after an optional leading thread (Neap inspects only the
/// running thread for now: another thread's levels are reported empty).
fn skip_thread(vm: &Vm, args: Args) -> (usize, bool) {
    if arg(vm, args, 1).is_thread() {
        let other = arg(vm, args, 1).as_thread_ptr() != Some(vm.current);
        (1, other)
    } else {
        (0, false)
    }
}

fn traceback(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (skip, other) = skip_thread(vm, args);
    let msg = arg(vm, args, skip + 1);
    if !msg.is_nil() && !msg.is_string() && !msg.is_number() {
        return ret(vm, &[msg]);
    }
    let level = if arg(vm, args, skip + 2).is_nil() { 1 } else { check_int(vm, args, skip + 2)?.max(0) as usize };
    let mut text = Vec::new();
    if !msg.is_nil() {
        vm.append_tostring_primitive(&mut text, msg);
        text.push(b'\n');
    }
    if other {
        text.extend_from_slice(b"stack traceback:");
    } else {
        text.extend_from_slice(debuginfo::traceback_from(vm, level).as_bytes());
    }
    let s = vm.new_str(&text);
    ret(vm, &[s])
}

/// The level or function an inspection function was asked about.
enum Target {
    Level(Level, usize),
    Function(Value),
}

fn target(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Option<Target>> {
    let a = arg(vm, args, n);
    if a.is_function() {
        return Ok(Some(Target::Function(a)));
    }
    let level = check_int(vm, args, n)?;
    let levels = debuginfo::level_list(vm);
    Ok(usize::try_from(level).ok().and_then(|l| levels.get(l).map(|&lv| Target::Level(lv, l))))
}

fn getinfo(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (skip, _) = skip_thread(vm, args);
    let Some(t) = target(vm, args, skip + 1)? else {
        return ret(vm, &[Value::NIL]);
    };
    let what = match super::opt_str(vm, args, skip + 2)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => b"flnSu".to_vec(),
    };
    let levels = debuginfo::level_list(vm);
    let (func, level) = match t {
        Target::Function(f) => (f, None),
        Target::Level(lv, k) => (debuginfo::level_function(vm, lv), Some((lv, k))),
    };
    let info = vm.new_table(0, 4);
    let fp = func.as_function_ptr();
    // A function from an argument or a live frame is live.
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
                    None => (b"=[C]".to_vec(), b"[C]".to_vec(), -1.0, -1.0, "C"),
                };
                let v = vm.new_str(&source);
                vm.set_field(info, "source", v);
                let v = vm.new_str(&short);
                vm.set_field(info, "short_src", v);
                vm.set_field(info, "linedefined", Value::number(first));
                vm.set_field(info, "lastlinedefined", Value::number(last));
                let v = vm.new_str(kind.as_bytes());
                vm.set_field(info, "what", v);
            }
            b'l' => {
                let line = match (level, proto) {
                    (Some((Level::Frame(i), _)), Some(p)) => debuginfo::frame_line(p, &vm.th().frames[i]) as f64,
                    _ => -1.0,
                };
                vm.set_field(info, "currentline", Value::number(line));
            }
            b'u' => {
                let n = match fp.map(|p| unsafe { &(*p).kind }) {
                    Some(FunctionKind::Lua { upvals, .. }) => upvals.len(),
                    Some(FunctionKind::Native { upvals, .. }) => upvals.len(),
                    None => 0,
                };
                vm.set_field(info, "nups", Value::number(n as f64));
            }
            b'n' => {
                let name = level.and_then(|(_, k)| debuginfo::level_name(vm, &levels, k));
                match name {
                    Some((kind, n)) => {
                        let v = vm.new_str(&n);
                        vm.set_field(info, "name", v);
                        let v = vm.new_str(kind.as_bytes());
                        vm.set_field(info, "namewhat", v);
                    }
                    None => {
                        let v = vm.new_str(b"");
                        vm.set_field(info, "namewhat", v);
                    }
                }
            }
            b'f' => vm.set_field(info, "func", func),
            b'L' | b'>' => {}
            _ => return Err(vm.arg_error(args, skip + 2, "invalid option")),
        }
    }
    ret(vm, &[Value::table(info)])
}

/// The Lua frame at a level and the stack slot of its n-th live local.
fn local_slot(vm: &Vm, level: Level, n: i64) -> Option<(Vec<u8>, usize)> {
    let Level::Frame(i) = level else { return None };
    let frame = vm.th().frames[i];
    let p = debuginfo::frame_proto(vm, &frame)?;
    // Live frame, live prototype.
    let proto = unsafe { &*p };
    let slot = usize::try_from(n).ok()?.checked_sub(1)?;
    let name = debuginfo::local_name(proto, frame.pc.saturating_sub(1), slot)?;
    Some((name.to_vec(), frame.base + slot))
}

fn getlocal(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (skip, _) = skip_thread(vm, args);
    let n = check_int(vm, args, skip + 2)?;
    match target(vm, args, skip + 1)? {
        Some(Target::Level(lv, _)) => match local_slot(vm, lv, n) {
            Some((name, slot)) => {
                let v = vm.th().stack[slot];
                let s = vm.new_str(&name);
                ret(vm, &[s, v])
            }
            None => ret(vm, &[Value::NIL]),
        },
        Some(Target::Function(f)) => {
            // Parameter names of a function that is not running.
            let proto = f.as_function_ptr().and_then(|p| unsafe { (*p).proto() });
            let name = proto.and_then(|p| {
                let p = unsafe { &*p };
                let k = usize::try_from(n).ok()?.checked_sub(1)?;
                (k < p.num_params as usize).then(|| debuginfo::local_name(p, 0, k).map(|s| s.to_vec())).flatten()
            });
            match name {
                Some(name) => {
                    let s = vm.new_str(&name);
                    ret(vm, &[s])
                }
                None => ret(vm, &[Value::NIL]),
            }
        }
        None => Err(vm.arg_error(args, skip + 1, "level out of range")),
    }
}

fn setlocal(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (skip, _) = skip_thread(vm, args);
    let n = check_int(vm, args, skip + 2)?;
    let v = arg(vm, args, skip + 3);
    match target(vm, args, skip + 1)? {
        Some(Target::Level(lv, _)) => match local_slot(vm, lv, n) {
            Some((name, slot)) => {
                vm.th().stack[slot] = v;
                let s = vm.new_str(&name);
                ret(vm, &[s])
            }
            None => ret(vm, &[Value::NIL]),
        },
        _ => Err(vm.arg_error(args, skip + 1, "level out of range")),
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
        FunctionKind::Native { upvals, .. } if k >= 1 && k <= upvals.len() => {
            let v = upvals[k - 1];
            let s = vm.new_str(b"");
            ret(vm, &[s, v])
        }
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
        FunctionKind::Native { upvals, .. } if k >= 1 && k <= upvals.len() => {
            upvals[k - 1] = v;
            let s = vm.new_str(b"");
            ret(vm, &[s])
        }
        _ => Ok(0),
    }
}

fn upvalueid(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (f, k) = upvalue_of(vm, args, 1)?;
    let fp = f.as_function_ptr().unwrap();
    // As in getupvalue.
    let id = match unsafe { &(*fp).kind } {
        FunctionKind::Lua { upvals, .. } if k >= 1 && k <= upvals.len() => upvals[k - 1] as usize,
        FunctionKind::Native { upvals, .. } if k >= 1 && k <= upvals.len() => &upvals[k - 1] as *const Value as usize,
        _ => return Err(vm.arg_error(args, 2, "invalid upvalue index")),
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
    } else {
        return Err(vm.error_str("'setfenv' cannot change environment of given object"));
    }
    ret(vm, &[v])
}

/// Hooks are recorded but not called yet (the interpreter has no hook
/// points besides its periodic check).
fn sethook(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (skip, _) = skip_thread(vm, args);
    let f = arg(vm, args, skip + 1);
    let mask = arg(vm, args, skip + 2);
    let count = arg(vm, args, skip + 3);
    let reg = vm.registry;
    vm.set_field(reg, "neap.hook.func", f);
    vm.set_field(reg, "neap.hook.mask", mask);
    vm.set_field(reg, "neap.hook.count", count);
    Ok(0)
}

fn gethook(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let reg = vm.registry;
    let f = vm.get_field(reg, "neap.hook.func");
    if f.is_nil() {
        return ret(vm, &[Value::NIL]);
    }
    let mask = vm.get_field(reg, "neap.hook.mask");
    let count = vm.get_field(reg, "neap.hook.count");
    ret(vm, &[f, mask, count])
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

//! The base library: `print`, `type`, `pcall`, `error`, `setmetatable`...

use super::{arg, check_any, check_int, check_str, check_table, opt_int, ret};
use crate::error::{LuaError, LuaResult};
use crate::func::{FunctionKind, Special};
use crate::state::{Args, MetaMethod, Vm};
use crate::userdata::{Payload, Userdata};
use crate::value::Value;
use std::io::Write;

/// Builtins other functions refer to, kept in `Vm::pinned` at these
/// indices (the base library is opened first, so they come first).
const PIN_NEXT: usize = 0;
const PIN_IPAIRS_AUX: usize = 1;
const PIN_TOSTRING: usize = 2;
/// A weak-keyed set of the metatables `newproxy(true)` made: only proxies
/// with one of these are valid `newproxy` arguments.
const PIN_PROXY_METATABLES: usize = 3;

pub fn open(vm: &mut Vm) {
    debug_assert!(vm.pinned.is_empty());
    let g = vm.globals;
    let funcs: &[(&'static str, crate::func::NativeFn)] = &[
        ("print", print),
        ("type", type_),
        ("tonumber", tonumber),
        ("next", next),
        ("ipairs", ipairs),
        ("select", select),
        ("rawget", rawget),
        ("rawset", rawset),
        ("rawequal", rawequal),
        ("setmetatable", setmetatable),
        ("getmetatable", getmetatable),
        ("assert", assert),
        ("error", error),
        ("unpack", unpack),
        ("loadstring", loadstring),
        ("load", load),
        ("dofile", dofile),
        ("loadfile", loadfile),
        ("collectgarbage", collectgarbage),
        ("gcinfo", gcinfo),
        ("newproxy", newproxy),
        ("getfenv", getfenv),
        ("setfenv", setfenv),
    ];
    for &(name, f) in funcs {
        let fv = vm.new_native(name, f);
        vm.set_field(g, name, fv);
    }
    // `pairs` returns the `next` function itself.
    let next_fn = vm.get_field(g, "next");
    vm.pinned.push(next_fn);
    let pairs_fn = vm.new_native("pairs", pairs);
    vm.set_field(g, "pairs", pairs_fn);
    let ipairs_aux = vm.new_native("ipairs_aux", ipairs_aux);
    super::ffid::set_builtin_id(ipairs_aux, "ipairs_aux");
    vm.pinned.push(ipairs_aux);
    let tostring_fn = vm.new_special("tostring", tostring, Special::ToString);
    vm.set_field(g, "tostring", tostring_fn);
    vm.pinned.push(tostring_fn);
    let proxy_metatables = vm.new_table(0, 0);
    let weak_keys = vm.new_table(0, 0);
    let mode = vm.new_str(b"k");
    vm.set_field(weak_keys, "__mode", mode);
    // A fresh table.
    unsafe { (*proxy_metatables).metatable = weak_keys };
    vm.pinned.push(Value::table(proxy_metatables));
    let pcall = vm.new_special("pcall", special_stub, Special::Pcall);
    vm.set_field(g, "pcall", pcall);
    let xpcall = vm.new_special("xpcall", special_stub, Special::Xpcall);
    vm.set_field(g, "xpcall", xpcall);
    vm.set_field(g, "_G", Value::table(g));
    let version = vm.new_str(b"Lua 5.1");
    vm.set_field(g, "_VERSION", version);
}

/// Specials run inside the interpreter; this body is never reached.
fn special_stub(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    Err(vm.error_str("internal error: special function called directly"))
}

/// `print`: each argument through the global `tostring` (the builtin one is
/// applied directly), separated by tabs.
fn print(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    // `tostring` from the running thread's environment: a raw lookup, then
    // one through `__index` when that finds nothing.
    let mut tostring_global = vm.get_global("tostring");
    if tostring_global.is_nil() {
        let key = vm.new_str(b"tostring");
        tostring_global = vm.index(Value::table(vm.globals), key, None)?;
    }
    // The builtin prints strings and numbers directly, unless numbers have
    // a metatable (which may give them a `__tostring`).
    let builtin = tostring_global == vm.pinned[PIN_TOSTRING] && vm.metatable_of(Value::number(0.0)).is_null();
    if !builtin
        && args.n > 0
        && !tostring_global.is_function()
        && vm.metamethod(tostring_global, MetaMethod::Call).is_nil()
    {
        // LuaJIT fails inside `print` itself, a C frame: no position.
        let msg = format!("attempt to call a {} value", tostring_global.type_name());
        return Err(LuaError::new(vm.new_str(msg.as_bytes())));
    }
    let mut out = Vec::new();
    for i in 0..args.n {
        if i > 0 {
            out.push(b'\t');
        }
        let v = vm.arg(args, i);
        let plain = v.is_string() || v.is_number() || v.is_nil() || v.is_bool();
        let s = if builtin && plain {
            v
        } else if builtin {
            vm.tostring(v)?
        } else {
            vm.call(tostring_global, &[v])?.first().copied().unwrap_or(Value::NIL)
        };
        if s.is_string() {
            out.extend_from_slice(vm.str_of(s));
        } else if s.is_number() || (plain && builtin) {
            out.extend_from_slice(&vm.tostring_basic(s));
        } else {
            return Err(vm.error_str("'tostring' must return a string to 'print'"));
        }
    }
    out.push(b'\n');
    let _ = vm.stdout.write_all(&out);
    Ok(0)
}

fn type_(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = check_any(vm, args, 1)?;
    let s = vm.new_str(v.type_name().as_bytes());
    ret(vm, &[s])
}

fn tostring(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = check_any(vm, args, 1)?;
    let s = vm.tostring(v)?;
    ret(vm, &[s])
}

fn tonumber(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = check_any(vm, args, 1)?;
    let base = opt_int(vm, args, 2, 10)?;
    if base == 10 {
        let r = crate::meta::to_number(v).map(Value::number).unwrap_or(Value::NIL);
        return ret(vm, &[r]);
    }
    if !(2..=36).contains(&base) {
        return Err(vm.arg_error(args, 2, "base out of range"));
    }
    let s = check_str(vm, args, 1)?;
    let bytes = vm.str_of(s).to_vec();
    ret(vm, &[parse_int_base(&bytes, base as u32).map(Value::number).unwrap_or(Value::NIL)])
}

/// `tonumber(s, base)` for bases other than 10, as LuaJIT reads it with
/// C's `strtoul`: the string ends at its first NUL; optional spaces, an
/// optional sign, then digits of the base (a `0x` prefix allowed in base
/// 16), optional spaces. Values past 64 bits saturate as `strtoul`'s do.
fn parse_int_base(s: &[u8], base: u32) -> Option<f64> {
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let end = s.iter().position(|&c| c == 0).unwrap_or(s.len());
    let s = &s[..end];
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    if !s.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(36).filter(|&d| d < base);
    if base == 16
        && s[i] == b'0'
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|&c| digit(c).is_some())
    {
        i += 2;
    }
    let start = i;
    let mut n: u64 = 0;
    while let Some(d) = s.get(i).and_then(|&c| digit(c)) {
        n = n.checked_mul(base as u64).and_then(|n| n.checked_add(d as u64)).unwrap_or(u64::MAX);
        i += 1;
    }
    if i == start {
        return None;
    }
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return None;
    }
    let n = n as f64;
    Some(if neg { -n } else { n })
}

fn next(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let k = arg(vm, args, 2);
    // `t` is an argument, live.
    match unsafe { (*t).next(k) } {
        Ok(Some((k, v))) => ret(vm, &[k, v]),
        Ok(None) => ret(vm, &[Value::NIL]),
        // LuaJIT raises this one from inside `next`: no position.
        Err(_) => Err(LuaError::new(vm.new_str(b"invalid key to 'next'"))),
    }
}

fn pairs(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    check_any(vm, args, 1)?;
    let t = check_table(vm, args, 1)?;
    let next_fn = vm.pinned[PIN_NEXT];
    ret(vm, &[next_fn, Value::table(t), Value::NIL])
}

fn ipairs(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    check_any(vm, args, 1)?;
    let t = check_table(vm, args, 1)?;
    let aux = vm.pinned[PIN_IPAIRS_AUX];
    ret(vm, &[aux, Value::table(t), Value::number(0.0)])
}

fn ipairs_aux(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let i = check_int(vm, args, 2)? + 1;
    // `t` is an argument, live.
    let v = unsafe { (*t).get_int(i) };
    if v.is_nil() {
        ret(vm, &[Value::NIL])
    } else {
        ret(vm, &[Value::number(i as f64), v])
    }
}

fn select(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let first = arg(vm, args, 1);
    if let Some(s) = first.as_string_ptr() {
        if vm.lua_str(s).first() == Some(&b'#') {
            return ret(vm, &[Value::number((args.n - 1) as f64)]);
        }
    }
    let n = check_int(vm, args, 1)?;
    let count = args.n as i64 - 1;
    let start = if n < 0 {
        if -n > count {
            return Err(vm.arg_error(args, 1, "index out of range"));
        }
        count + n
    } else if n == 0 {
        return Err(vm.arg_error(args, 1, "index out of range"));
    } else {
        (n - 1).min(count)
    };
    let vals: Vec<Value> = (start..count).map(|i| vm.arg(args, 1 + i as usize)).collect();
    ret(vm, &vals)
}

fn rawget(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let k = check_any(vm, args, 2)?;
    // Argument table, live.
    let v = unsafe { (*t).get(k) };
    ret(vm, &[v])
}

fn rawset(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let k = check_any(vm, args, 2)?;
    let v = check_any(vm, args, 3)?;
    vm.raw_set(t, k, v)?;
    ret(vm, &[Value::table(t)])
}

fn rawequal(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let a = check_any(vm, args, 1)?;
    let b = check_any(vm, args, 2)?;
    let eq = match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    };
    ret(vm, &[Value::boolean(eq)])
}

fn setmetatable(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let mt = arg(vm, args, 2);
    if !(mt.is_nil() || mt.is_table()) || args.n < 2 {
        return Err(vm.arg_error(args, 2, "nil or table expected"));
    }
    // Argument table, live.
    let old = unsafe { (*t).metatable };
    if !old.is_null() {
        let key = vm.mm_name(MetaMethod::Metatable);
        if !unsafe { (*old).get_str(key) }.is_nil() {
            return Err(vm.error_str("cannot change a protected metatable"));
        }
    }
    unsafe { (*t).metatable = mt.as_table_ptr().unwrap_or(std::ptr::null_mut()) };
    ret(vm, &[Value::table(t)])
}

fn getmetatable(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = check_any(vm, args, 1)?;
    let mt = vm.metatable_of(v);
    if mt.is_null() {
        return ret(vm, &[Value::NIL]);
    }
    let key = vm.mm_name(MetaMethod::Metatable);
    // Metatable of a live value.
    let protected = unsafe { (*mt).get_str(key) };
    if !protected.is_nil() {
        return ret(vm, &[protected]);
    }
    ret(vm, &[Value::table(mt)])
}

fn assert(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = check_any(vm, args, 1)?;
    if v.is_truthy() {
        // Return all arguments: they are already in place below `top`.
        return Ok(args.n);
    }
    if args.n < 2 {
        return Err(vm.error_str("assertion failed!"));
    }
    let msg = arg(vm, args, 2);
    if msg.is_string() || msg.is_number() {
        // A message gets the caller's position, as other errors raised by
        // natives do.
        let mut text = crate::debuginfo::where_(vm, 0);
        vm.append_tostring_primitive(&mut text, msg);
        let s = vm.new_str(&text);
        return Err(LuaError::new(s));
    }
    Err(LuaError::new(msg))
}

fn error(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    let level = opt_int(vm, args, 2, 1)?;
    if (v.is_string() || v.is_number()) && level > 0 {
        let mut text = crate::debuginfo::where_(vm, level as usize);
        vm.append_tostring_primitive(&mut text, v);
        let s = vm.new_str(&text);
        return Err(LuaError::new(s));
    }
    Err(LuaError::new(v))
}

fn unpack(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let i = opt_int(vm, args, 2, 1)?;
    let j = if arg(vm, args, 3).is_nil() {
        // Argument table, live.
        unsafe { (*t).len() as i64 }
    } else {
        check_int(vm, args, 3)?
    };
    if i > j {
        return Ok(0);
    }
    let n = (j - i + 1) as u64;
    // LuaJIT's limit: the C stack budget (8000 slots) counts the arguments.
    if n >= 8000 || args.n as u64 + n + 1 > 8000 {
        return Err(vm.error_str("too many results to unpack"));
    }
    for k in i..=j {
        let v = unsafe { (*t).get_int(k) };
        vm.push(v);
    }
    Ok(n as usize)
}

/// Returns `f` or `nil, message` for a load result.
/// The end of `load`, `loadstring` and `loadfile`: the function (given the
/// table argument `env_arg`, if any, as its environment) or nil and the
/// error message.
fn load_result(vm: &mut Vm, args: Args, r: LuaResult<Value>, env_arg: usize) -> LuaResult<usize> {
    match r {
        Ok(f) => {
            if let (Some(env), Some(fp)) = (arg(vm, args, env_arg).as_table_ptr(), f.as_function_ptr()) {
                // A fresh function.
                unsafe { (*fp).env = env };
            }
            ret(vm, &[f])
        }
        Err(e) => ret(vm, &[Value::NIL, e.value]),
    }
}

/// `loadstring` is `load` in LuaJIT 2.1.
fn loadstring(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    load(vm, args)
}

/// `load(chunk [, name [, mode [, env]]])`: `chunk` is a string (or number)
/// or a reader function. LuaJIT checks the name and mode first.
fn load(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = super::opt_str(vm, args, 2)?.map(|n| vm.str_of(n).to_vec());
    let mode = super::opt_str(vm, args, 3)?.map(|m| vm.str_of(m).to_vec());
    let chunk = arg(vm, args, 1);
    if args.n > 0 && (chunk.is_string() || chunk.is_number()) {
        let s = check_str(vm, args, 1)?;
        let src = vm.str_of(s).to_vec();
        let name = name.unwrap_or_else(|| src.clone());
        let r = vm.load_mode(&src, &name, mode.as_deref());
        return load_result(vm, args, r, 4);
    }
    if !chunk.is_function() {
        return Err(vm.type_error(args, 1, "function"));
    }
    let name = name.unwrap_or_else(|| b"=(load)".to_vec());
    let mut src = Vec::new();
    loop {
        // LuaJIT reads the chunk inside a protected call: a reader that fails
        // makes `load` return nil and the error.
        let piece = match vm.call(chunk, &[]) {
            Ok(r) => r.first().copied().unwrap_or(Value::NIL),
            Err(e) => return ret(vm, &[Value::NIL, e.value]),
        };
        if piece.is_nil() {
            break;
        }
        if let Some(x) = piece.as_number() {
            // Numbers are pieces too, converted as `lua_tolstring` does.
            src.extend_from_slice(&crate::strfmt::number_to_string(x));
            continue;
        }
        if !piece.is_string() {
            let msg = vm.new_str(b"reader function must return a string");
            return ret(vm, &[Value::NIL, msg]);
        }
        let bytes = vm.str_of(piece);
        if bytes.is_empty() {
            break;
        }
        src.extend_from_slice(bytes);
    }
    let r = vm.load_mode(&src, &name, mode.as_deref());
    load_result(vm, args, r, 4)
}

fn read_source(vm: &mut Vm, path: &[u8]) -> Result<Vec<u8>, Value> {
    use std::io::Read;
    let p = String::from_utf8_lossy(path).into_owned();
    // LuaJIT's messages: `cannot open NAME: REASON` when the file does not
    // open, `cannot read NAME: REASON` when reading it fails (a directory).
    let fail = |vm: &mut Vm, what: &str, e: std::io::Error| {
        let reason = super::iofile::strerror(super::iofile::errno_of(&e));
        vm.new_str(format!("cannot {what} {p}: {reason}").as_bytes())
    };
    let mut file = match std::fs::File::open(&p) {
        Ok(f) => f,
        Err(e) => return Err(fail(vm, "open", e)),
    };
    let mut src = Vec::new();
    match file.read_to_end(&mut src) {
        Ok(_) => Ok(src),
        Err(e) => Err(fail(vm, "read", e)),
    }
}

/// `loadfile([name [, mode [, env]]])`: without a name it reads stdin.
fn loadfile(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let path = super::opt_str(vm, args, 1)?.map(|p| vm.str_of(p).to_vec());
    let mode = super::opt_str(vm, args, 2)?.map(|m| vm.str_of(m).to_vec());
    match read_chunk_file(vm, path.as_deref()) {
        Ok((src, name)) => {
            let r = vm.load_mode(&src, &name, mode.as_deref());
            load_result(vm, args, r, 3)
        }
        Err(msg) => ret(vm, &[Value::NIL, msg]),
    }
}

/// The source and chunk name of file `path`, or of stdin without one.
fn read_chunk_file(vm: &mut Vm, path: Option<&[u8]>) -> Result<(Vec<u8>, Vec<u8>), Value> {
    match path {
        Some(path) => {
            let src = read_source(vm, path)?;
            let mut name = b"@".to_vec();
            name.extend_from_slice(path);
            Ok((src, name))
        }
        None => {
            use std::io::Read;
            let mut src = Vec::new();
            match std::io::stdin().read_to_end(&mut src) {
                Ok(_) => Ok((src, b"=stdin".to_vec())),
                Err(e) => {
                    let reason = super::iofile::strerror(super::iofile::errno_of(&e));
                    Err(vm.new_str(format!("cannot read stdin: {reason}").as_bytes()))
                }
            }
        }
    }
}

fn dofile(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let path = super::opt_str(vm, args, 1)?.map(|p| vm.str_of(p).to_vec());
    let (src, name) = read_chunk_file(vm, path.as_deref()).map_err(LuaError::new)?;
    let f = vm.load(&src, &name)?;
    let results = vm.call(f, &[])?;
    ret(vm, &results)
}

fn collectgarbage(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let opt = match super::opt_str(vm, args, 1)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => b"collect".to_vec(),
    };
    let n = super::opt_number(vm, args, 2, 0.0)?;
    let result = match &opt[..] {
        b"collect" => {
            vm.collect_garbage();
            0.0
        }
        b"count" => vm.heap.bytes as f64 / 1024.0,
        b"step" => {
            let finished = gc_step(vm, n);
            return ret(vm, &[Value::boolean(finished)]);
        }
        b"stop" => {
            vm.heap.params.stopped = true;
            0.0
        }
        b"restart" => {
            vm.heap.params.stopped = false;
            0.0
        }
        b"setpause" => {
            let old = vm.heap.params.pause;
            vm.heap.params.pause = n as u32;
            old as f64
        }
        b"setstepmul" => {
            let old = vm.heap.params.stepmul;
            vm.heap.params.stepmul = n as u32;
            old as f64
        }
        _ => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(&opt));
            return Err(vm.arg_error(args, 1, &msg));
        }
    };
    ret(vm, &[Value::number(result)])
}

/// `collectgarbage("step", kb)`: LuaJIT does an incremental step worth
/// `kb` kilobytes (at least one basic step) times the step multiplier and
/// reports whether a cycle finished. Neap's collector runs whole cycles, so
/// steps accumulate work and run a cycle once the work covers the heap:
/// smaller steps need more calls, as in LuaJIT.
fn gc_step(vm: &mut Vm, kb: f64) -> bool {
    const BASIC_STEP: usize = 1024;
    let size = if kb > 0.0 { (kb * 1024.0).min(usize::MAX as f64 / 4.0) as usize } else { 0 };
    let work = size.max(BASIC_STEP).saturating_mul(vm.heap.params.stepmul.max(1) as usize) / 100;
    let params = &mut vm.heap.params;
    params.step_work = params.step_work.saturating_add(work);
    if params.step_work < vm.heap.bytes {
        return false;
    }
    vm.heap.params.step_work = 0;
    vm.collect_garbage();
    true
}

fn gcinfo(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let kb = (vm.heap.bytes / 1024) as f64;
    ret(vm, &[Value::number(kb)])
}

fn newproxy(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let a = arg(vm, args, 1);
    let u = vm.heap.alloc(Userdata::new(Payload::Bytes(Box::new([])), vm.globals));
    let registered = vm.pinned[PIN_PROXY_METATABLES].as_table_ptr().unwrap();
    // The proxy's metatable, if it is one `newproxy(true)` made.
    let proxy_metatable = a.as_userdata_ptr().and_then(|other| {
        // Argument userdata and the pinned set, live.
        let mt = unsafe { (*other).metatable };
        let known = !mt.is_null() && unsafe { (*registered).get(Value::table(mt)) } == Value::TRUE;
        known.then_some(mt)
    });
    if a == Value::TRUE {
        let mt = vm.new_table(0, 0);
        // Fresh userdata and table; the set is pinned.
        unsafe {
            (*u).metatable = mt;
            let _ = (*registered).set(Value::table(mt), Value::TRUE);
        }
    } else if let Some(mt) = proxy_metatable {
        // Fresh userdata.
        unsafe { (*u).metatable = mt };
    } else if a.is_truthy() {
        return Err(vm.arg_error(args, 1, "boolean or proxy expected"));
    }
    ret(vm, &[Value::userdata(u)])
}

/// The function at `level` (1 = the caller of getfenv/setfenv).
fn function_at_level(vm: &mut Vm, args: Args, level: i64) -> LuaResult<Value> {
    let levels = crate::debuginfo::levels(vm);
    match usize::try_from(level).ok().and_then(|l| levels.get(l).copied()) {
        Some(Some(idx)) => {
            let f = vm.frames()[idx];
            Ok(vm.th().stack[f.func])
        }
        // A pcall level: a native, whose environment is the globals.
        Some(None) => Ok(vm.pinned[PIN_NEXT]),
        None => Err(vm.arg_error(args, 1, "invalid level")),
    }
}

fn getfenv(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let a = arg(vm, args, 1);
    let f = if a.is_function() {
        a
    } else {
        let level = opt_int(vm, args, 1, 1)?;
        if level == 0 {
            return ret(vm, &[Value::table(vm.globals)]);
        }
        function_at_level(vm, args, level)?
    };
    let fp = f.as_function_ptr().unwrap();
    // A function from an argument or a live frame.
    let env = unsafe { (*fp).env };
    if env.is_null() {
        return ret(vm, &[Value::table(vm.globals)]);
    }
    ret(vm, &[Value::table(env)])
}

fn setfenv(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let a = arg(vm, args, 1);
    let t = check_table(vm, args, 2)?;
    if a.as_number() == Some(0.0) {
        vm.globals = t;
        return Ok(0);
    }
    let f = if a.is_function() {
        a
    } else {
        let level = check_int(vm, args, 1)?;
        function_at_level(vm, args, level)?
    };
    let fp = f.as_function_ptr().unwrap();
    // As in getfenv.
    unsafe {
        if matches!((*fp).kind, FunctionKind::Native { .. }) {
            return Err(vm.error_str("'setfenv' cannot change environment of given object"));
        }
        (*fp).env = t;
    }
    ret(vm, &[f])
}

#[cfg(test)]
mod tests {
    use super::parse_int_base;

    #[test]
    fn int_base_parsing_follows_strtoul() {
        assert_eq!(parse_int_base(b"ff", 16), Some(255.0));
        assert_eq!(parse_int_base(b"  0x1F  ", 16), Some(31.0));
        assert_eq!(parse_int_base(b"0x", 16), None);
        assert_eq!(parse_int_base(b"-101", 2), Some(-5.0));
        assert_eq!(parse_int_base(b"+7", 8), Some(7.0));
        assert_eq!(parse_int_base(b"- 7", 8), None);
        assert_eq!(parse_int_base(b"10\0zz", 2), Some(2.0));
        assert_eq!(parse_int_base(b"1ffffffffffffffff", 16), Some(u64::MAX as f64));
        assert_eq!(parse_int_base(b"", 10), None);
        assert_eq!(parse_int_base(b"2", 2), None);
    }
}

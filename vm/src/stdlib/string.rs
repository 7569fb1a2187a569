//! The `string` library.

use super::{arg, check_int, check_str, opt_int, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    let t = super::new_lib(
        vm,
        "string",
        &[
            ("len", len),
            ("sub", sub),
            ("upper", upper),
            ("lower", lower),
            ("rep", rep),
            ("reverse", reverse),
            ("byte", byte),
            ("char", char),
            ("find", find),
            ("match", match_),
            ("gmatch", gmatch),
            ("gsub", gsub),
            ("format", format),
            ("dump", dump),
        ],
    );
    // Strings index the string table through their shared metatable.
    let mt = vm.new_table(0, 0);
    vm.set_field(mt, "__index", Value::table(t));
    vm.string_mt = mt;
}

/// The bytes of string argument `n` (numbers converted), without a copy.
///
/// The slice is not tied to `vm`'s borrow: the string sits in an argument
/// slot of the running native, so it stays alive (and strings never move)
/// until the native returns, which outlives every use here.
fn bytes_of<'a>(vm: &mut Vm, args: Args, n: usize) -> LuaResult<&'a [u8]> {
    let s = check_str(vm, args, n)?;
    // See above: `s` is rooted in the argument slots for the whole call.
    Ok(unsafe { s.str_bytes() }.unwrap_or(b""))
}

/// Lua's relative string positions: negative counts from the end.
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos < 0 {
        len as i64 + pos + 1
    } else {
        pos
    }
}

fn len(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    if !v.is_string() && !v.is_number() {
        // A fast function in LuaJIT: a missing argument reads as nil.
        return Err(vm.arg_error(args, 1, &format!("string expected, got {}", v.type_name())));
    }
    let s = bytes_of(vm, args, 1)?;
    ret(vm, &[Value::number(s.len() as f64)])
}

fn sub(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let l = s.len();
    let mut i = posrelat(check_int(vm, args, 2)?, l);
    let mut j = posrelat(opt_int(vm, args, 3, -1)?, l);
    if i < 1 {
        i = 1;
    }
    if j > l as i64 {
        j = l as i64;
    }
    let r = if i <= j { vm.new_str(&s[(i - 1) as usize..j as usize]) } else { vm.new_str(b"") };
    ret(vm, &[r])
}

fn upper(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?.to_ascii_uppercase();
    let r = vm.new_str(&s);
    ret(vm, &[r])
}

fn lower(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?.to_ascii_lowercase();
    let r = vm.new_str(&s);
    ret(vm, &[r])
}

fn rep(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let n = check_int(vm, args, 2)?;
    let sep = match super::opt_str(vm, args, 3)? {
        Some(v) => vm.str_of(v).to_vec(),
        None => Vec::new(),
    };
    if n <= 0 || (s.is_empty() && sep.is_empty()) {
        let r = vm.new_str(b"");
        return ret(vm, &[r]);
    }
    // LuaJIT's longest string is 0x7fffff00 bytes: beyond is a memory error.
    let total = s.len() as u64 * n as u64 + sep.len() as u64 * (n as u64 - 1);
    if total > 0x7fff_ff00 {
        return Err(vm.error_str("not enough memory"));
    }
    let mut out = Vec::with_capacity(total as usize);
    for k in 0..n {
        if k > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&s);
    }
    let r = vm.new_str(&out);
    ret(vm, &[r])
}

fn reverse(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut s = bytes_of(vm, args, 1)?.to_vec();
    s.reverse();
    let r = vm.new_str(&s);
    ret(vm, &[r])
}

fn byte(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let l = s.len();
    // The end defaults to the start as given, before the start is clamped.
    let start = opt_int(vm, args, 2, 1)?;
    let stop = if arg(vm, args, 3).is_nil() { start } else { check_int(vm, args, 3)? };
    let i = posrelat(start, l).max(1);
    let j = posrelat(stop, l).min(l as i64);
    if j - i >= 8000 {
        return Err(vm.error_str("string slice too long"));
    }
    let mut n = 0;
    let mut k = i;
    while k <= j {
        vm.push(Value::number(s[(k - 1) as usize] as f64));
        n += 1;
        k += 1;
    }
    Ok(n)
}

fn char(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let mut out = Vec::with_capacity(args.n);
    for i in 1..=args.n {
        let c = check_int(vm, args, i)?;
        if !(0..=255).contains(&c) {
            return Err(vm.arg_error(args, i, "invalid value"));
        }
        out.push(c as u8);
    }
    let r = vm.new_str(&out);
    ret(vm, &[r])
}

// ---- Pattern matching -------------------------------------------------------

use crate::error::LuaError;
use crate::pattern::{self, Capture, Match, PatternError};

fn pattern_error(vm: &mut Vm, e: PatternError) -> LuaError {
    vm.error_str(e.message())
}

fn capture_value(vm: &mut Vm, subject: &[u8], c: Capture) -> Value {
    match c {
        Capture::Bytes { start, end } => vm.new_str(&subject[start..end]),
        Capture::Position(p) => Value::number(p as f64),
    }
}

fn push_captures(vm: &mut Vm, subject: &[u8], caps: Result<Vec<Capture>, PatternError>) -> LuaResult<usize> {
    let caps = caps.map_err(|e| pattern_error(vm, e))?;
    for &c in &caps {
        let v = capture_value(vm, subject, c);
        vm.push(v);
    }
    Ok(caps.len())
}

fn str_find_aux(vm: &mut Vm, args: Args, find: bool) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let p = bytes_of(vm, args, 2)?;
    let init = opt_int(vm, args, 3, 1)?;
    // A start past the end searches from the end (Lua 5.1's rule, which
    // LuaJIT keeps).
    let st = pattern::start_offset(s.len(), init);
    if find && (arg(vm, args, 4).is_truthy() || !pattern::has_specials(&p)) {
        return match pattern::find_plain(&s, &p, st) {
            Some(at) => ret(vm, &[Value::number(at as f64 + 1.0), Value::number((at + p.len()) as f64)]),
            None => ret(vm, &[Value::NIL]),
        };
    }
    let m = pattern::find_at(&s, &p, st).map_err(|e| pattern_error(vm, e))?;
    match m {
        None => ret(vm, &[Value::NIL]),
        Some(m) => {
            if find {
                vm.push(Value::number(m.start as f64 + 1.0));
                vm.push(Value::number(m.end as f64));
                let n = push_captures(vm, &s, m.find_captures())?;
                Ok(n + 2)
            } else {
                push_captures(vm, &s, m.values())
            }
        }
    }
}

fn find(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    str_find_aux(vm, args, true)
}

fn match_(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    str_find_aux(vm, args, false)
}

fn gmatch(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = check_str(vm, args, 1)?;
    let p = check_str(vm, args, 2)?;
    let env = vm.globals;
    let f = vm.heap.alloc(crate::func::Function::new_native(
        env,
        "gmatch_aux",
        gmatch_aux,
        Box::new([s, p, Value::number(0.0)]),
    ));
    super::ffid::set_builtin_id(Value::function(f), "string.gmatch_aux");
    ret(vm, &[Value::function(f)])
}

fn gmatch_aux(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let th = vm.th();
    let me = th.stack[th.frames.last().unwrap().func].as_function_ptr().unwrap();
    // The running native is live in its frame slot; its upvalues are the
    // subject, the pattern and the position.
    let ups = match unsafe { &mut (*me).kind } {
        crate::func::FunctionKind::Native { upvals, .. } => upvals,
        _ => unreachable!(),
    };
    // The subject and pattern are upvalues of the running native: alive
    // for the whole call, and strings never move.
    let (s, p) = unsafe { (ups[0].str_bytes().unwrap_or(b""), ups[1].str_bytes().unwrap_or(b"")) };
    let mut state = pattern::GmatchState { position: ups[2].num_unchecked() as usize };
    let m = state.next(s, p).map_err(|e| pattern_error(vm, e))?;
    ups[2] = Value::number(state.position as f64);
    match m {
        None => Ok(0),
        Some(m) => push_captures(vm, s, m.values()),
    }
}

/// Errors inside `gsub`: from the matcher, or from the replacement.
enum GsubError {
    Pattern(PatternError),
    Lua(LuaError),
}

impl From<PatternError> for GsubError {
    fn from(e: PatternError) -> GsubError {
        GsubError::Pattern(e)
    }
}

fn gsub(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let s = bytes_of(vm, args, 1)?;
    let p = bytes_of(vm, args, 2)?;
    let repl = arg(vm, args, 3);
    // LuaJIT reads the count with `luaL_optint`: a 64-bit conversion cut
    // to 32 bits, unlike the other library integers.
    let max = if arg(vm, args, 4).is_nil() {
        None
    } else {
        Some(super::to_integer(super::check_number(vm, args, 4)?) as i32 as i64)
    };
    enum Repl {
        Str(Vec<u8>),
        Table(Value),
        Func(Value),
    }
    let r = if repl.is_number() || repl.is_string() {
        let v = check_str(vm, args, 3)?;
        Repl::Str(vm.str_of(v).to_vec())
    } else if repl.is_table() {
        Repl::Table(repl)
    } else if repl.is_function() {
        Repl::Func(repl)
    } else {
        return Err(vm.arg_error(args, 3, "string/function/table expected"));
    };
    let result = pattern::gsub(&s, &p, max, |m: &Match, out: &mut Vec<u8>| -> Result<(), GsubError> {
        let v = match &r {
            Repl::Str(text) => {
                pattern::expand_replacement(text, &s, m, out).map_err(|e| GsubError::Lua(pattern_error(vm, e)))?;
                return Ok(());
            }
            Repl::Table(t) => {
                let key = m.capture(0).map_err(|e| GsubError::Lua(pattern_error(vm, e)))?;
                let key = capture_value(vm, &s, key);
                vm.index(*t, key, None).map_err(GsubError::Lua)?
            }
            Repl::Func(f) => {
                let caps = m.values().map_err(|e| GsubError::Lua(pattern_error(vm, e)))?;
                let vals: Vec<Value> = caps.iter().map(|&c| capture_value(vm, &s, c)).collect();
                vm.call(*f, &vals).map_err(GsubError::Lua)?.first().copied().unwrap_or(Value::NIL)
            }
        };
        if v.is_falsy() {
            out.extend_from_slice(&s[m.start..m.end]);
        } else if v.is_string() || v.is_number() {
            vm.append_tostring_primitive(out, v);
        } else {
            let msg = format!("invalid replacement value (a {})", v.type_name());
            return Err(GsubError::Lua(vm.error_str(&msg)));
        }
        Ok(())
    });
    let (out, count) = match result {
        Ok(r) => r,
        Err(GsubError::Lua(e)) => return Err(e),
        Err(GsubError::Pattern(e)) => return Err(pattern_error(vm, e)),
    };
    let v = vm.new_str(&out);
    ret(vm, &[v, Value::number(count as f64)])
}

// ---- string.format ----------------------------------------------------------

struct LuaFormatArgs<'a> {
    vm: &'a mut Vm,
    args: Args,
    scratch: Vec<u8>,
}

impl crate::strfmt::FormatArgs for LuaFormatArgs<'_> {
    type Error = LuaError;

    fn arg_count(&self) -> usize {
        self.args.n
    }

    fn number(&mut self, arg: usize) -> Result<f64, LuaError> {
        super::check_number(self.vm, self.args, arg)
    }

    fn string(&mut self, arg: usize) -> Result<std::borrow::Cow<'_, [u8]>, LuaError> {
        // As LuaJIT: `__tostring` is called once and whatever it returns is
        // converted without metamethods (a number, `nil`, `table: 0x...`).
        let mut v = self.vm.arg(self.args, arg - 1);
        if !v.is_string() {
            let mm = self.vm.metamethod(v, crate::state::MetaMethod::ToString);
            if !mm.is_nil() {
                v = self.vm.call_meta(mm, &[v])?;
            }
        }
        self.scratch = if v.is_string() { self.vm.str_of(v).to_vec() } else { self.vm.tostring_basic(v) };
        Ok(std::borrow::Cow::Borrowed(&self.scratch))
    }

    fn pointer(&mut self, arg: usize) -> Result<usize, LuaError> {
        let v = self.vm.arg(self.args, arg - 1);
        Ok(v.gc_header().map(|h| h as usize).unwrap_or(0))
    }
}

fn format(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_str(vm, args, 1)?;
    let fmt = vm.str_of(f).to_vec();
    let mut fa = LuaFormatArgs { vm, args, scratch: Vec::new() };
    let r = crate::strfmt::format(&fmt, &mut fa);
    match r {
        Ok(out) => {
            let v = vm.new_str(&out);
            ret(vm, &[v])
        }
        Err(crate::strfmt::FormatError::Arg(e)) => Err(e),
        Err(crate::strfmt::FormatError::NoValue(n)) => Err(vm.arg_error(args, n, "value expected")),
        Err(e) => {
            let msg = String::from_utf8_lossy(&e.message().unwrap_or_default()).into_owned();
            Err(vm.error_str(&msg))
        }
    }
}

/// `string.dump(f [, mode])`: LuaJIT's bytecode dump of a Lua function.
/// `mode` is a string of flags (`s` strips debug info, `d` sorts template
/// tables, which Neap always does), or any other true value to strip.
fn dump(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = arg(vm, args, 1);
    let Some(fp) = f.as_function_ptr() else {
        return Err(vm.type_error(args, 1, "function"));
    };
    let mode = arg(vm, args, 2);
    let strip = if mode.is_string() {
        // A C string in LuaJIT: it ends at a NUL.
        vm.str_of(mode).iter().take_while(|&&c| c != 0).any(|&c| c == b's')
    } else {
        mode.is_truthy()
    };
    let opts = crate::bcwrite::DumpOptions { strip };
    // The function is an argument, so it and its prototype are live.
    let Some(proto) = (unsafe { (*fp).proto() }) else {
        return Err(vm.error_str("unable to dump given function"));
    };
    let bytes = crate::bcwrite::dump(unsafe { &*proto }, opts);
    let s = vm.new_str(&bytes);
    ret(vm, &[s])
}

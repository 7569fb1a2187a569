//! The `os` library.
//!
//! Dates go through the C library (`localtime_r`, `gmtime_r`, `mktime`,
//! `strftime`), as LuaJIT's do: time zones, normalisation of out-of-range
//! fields and every `strftime` conversion then agree with it exactly. The
//! calls are wrapped in the small `libc` module below.

use super::cconv::{to_i32 as c_to_i32, to_i64 as c_to_i64};
use super::{arg, check_number, check_str, check_table, opt_str, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::table::Table;
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    super::new_lib(
        vm,
        "os",
        &[
            ("clock", clock),
            ("date", date),
            ("difftime", difftime),
            ("execute", execute),
            ("exit", exit),
            ("getenv", getenv),
            ("remove", remove),
            ("rename", rename),
            ("setlocale", setlocale),
            ("time", time),
            ("tmpname", tmpname),
        ],
    );
}

/// The bytes of a string argument up to its first NUL, as C sees them.
fn c_string(vm: &Vm, s: Value) -> std::ffi::CString {
    let bytes = vm.str_of(s);
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    // No NUL before `end`, so this cannot fail.
    std::ffi::CString::new(&bytes[..end]).unwrap_or_default()
}

/// `luaL_fileresult`: `true`, or `nil, "name: reason", errno`.
fn file_result(vm: &mut Vm, ok: bool, name: Value) -> LuaResult<usize> {
    if ok {
        return ret(vm, &[Value::TRUE]);
    }
    let errno = libc::errno();
    let mut msg = vm.str_of(name).to_vec();
    msg.extend_from_slice(b": ");
    msg.extend_from_slice(&libc::strerror(errno));
    let msg = vm.new_str(&msg);
    ret(vm, &[Value::NIL, msg, Value::number(errno as f64)])
}

fn clock(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    ret(vm, &[Value::number(libc::clock_seconds())])
}

fn getenv(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let name = c_string(vm, name);
    let v = match libc::getenv(&name) {
        Some(val) => vm.new_str(&val),
        None => Value::NIL,
    };
    ret(vm, &[v])
}

fn remove(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let ok = libc::remove(&c_string(vm, name));
    file_result(vm, ok, name)
}

fn rename(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let from = check_str(vm, args, 1)?;
    let to = check_str(vm, args, 2)?;
    let ok = libc::rename(&c_string(vm, from), &c_string(vm, to));
    file_result(vm, ok, from)
}

fn tmpname(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    match libc::make_temp_file() {
        Some(name) => {
            let s = vm.new_str(&name);
            ret(vm, &[s])
        }
        None => Err(vm.error_str("unable to generate a unique filename")),
    }
}

/// `os.execute([cmd])`: `system`'s raw status (Lua 5.1 semantics).
fn execute(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let cmd = opt_str(vm, args, 1)?.map(|s| c_string(vm, s));
    // The command writes to the same stdout and may read our files: let
    // buffered output go first.
    super::io::flush_all(vm);
    let status = libc::system(cmd.as_deref());
    ret(vm, &[Value::number(status as f64)])
}

/// `os.setlocale([locale [, category]])`.
fn setlocale(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let locale = opt_str(vm, args, 1)?.map(|s| c_string(vm, s));
    // glibc's LC_* numbers for LuaJIT's option names.
    let category = match opt_str(vm, args, 2)? {
        None => libc::LC_ALL,
        Some(s) => match vm.str_of(s) {
            b"ctype" => libc::LC_CTYPE,
            b"numeric" => libc::LC_NUMERIC,
            b"time" => libc::LC_TIME,
            b"collate" => libc::LC_COLLATE,
            b"monetary" => libc::LC_MONETARY,
            b"all" => libc::LC_ALL,
            other => {
                let msg = format!("invalid option '{}'", String::from_utf8_lossy(other));
                return Err(vm.arg_error(args, 2, &msg));
            }
        },
    };
    let v = match libc::setlocale(category, locale.as_deref()) {
        Some(name) => vm.new_str(&name),
        None => Value::NIL,
    };
    ret(vm, &[v])
}

/// `os.exit([code [, close]])`: true is success, false failure, a number
/// the status. Buffered output (stdout and files) is written first; with `close`, finalizers
/// run as `lua_close` would.
fn exit(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    let code = if v.is_bool() {
        let b = v.is_truthy();
        if b {
            0
        } else {
            1
        }
    } else if v.is_nil() {
        0
    } else {
        c_to_i32(check_number(vm, args, 1)?)
    };
    if arg(vm, args, 2).is_truthy() {
        vm.run_all_finalizers();
    }
    // C's `exit` flushes every stream, files included.
    super::io::flush_all(vm);
    std::process::exit(code);
}

fn difftime(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t1 = c_to_i64(check_number(vm, args, 1)?);
    let t0 = c_to_i64(super::opt_number(vm, args, 2, 0.0)?);
    ret(vm, &[Value::number((t1 as i128 - t0 as i128) as f64)])
}

// ---- time and date ------------------------------------------------------------

/// `os.time([t])`: now, or the table's local date through `mktime` (which
/// normalises out-of-range fields); nil when it can't be represented.
fn time(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    if arg(vm, args, 1).is_nil() {
        return ret(vm, &[Value::number(libc::now() as f64)]);
    }
    let t = check_table(vm, args, 1)?;
    // Fields are read in LuaJIT's order, through `__index` as `lua_getfield`.
    let mut tm = libc::Tm {
        sec: date_field(vm, t, "sec", Some(0))?,
        min: date_field(vm, t, "min", Some(0))?,
        hour: date_field(vm, t, "hour", Some(12))?,
        mday: date_field(vm, t, "day", None)?,
        mon: date_field(vm, t, "month", None)?.wrapping_sub(1),
        year: date_field(vm, t, "year", None)?.wrapping_sub(1900),
        isdst: match get_date_field(vm, t, "isdst")? {
            v if v.is_nil() => -1,
            v => v.is_truthy() as i32,
        },
        ..libc::Tm::default()
    };
    match libc::mktime(&mut tm) {
        Some(secs) => ret(vm, &[Value::number(secs as f64)]),
        None => ret(vm, &[Value::NIL]),
    }
}

fn get_date_field(vm: &mut Vm, t: *mut Table, key: &str) -> LuaResult<Value> {
    let k = vm.new_str(key.as_bytes());
    vm.index(Value::table(t), k, None)
}

/// A date-table field as a C `int`; `default` None means required.
fn date_field(vm: &mut Vm, t: *mut Table, key: &str, default: Option<i32>) -> LuaResult<i32> {
    match crate::meta::to_number(get_date_field(vm, t, key)?) {
        // `(int)lua_tointeger`: truncate to 64 bits, keep the low 32.
        Some(x) => Ok(c_to_i64(x) as i32),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.error_str(&format!("field '{}' missing in date table", key))),
        },
    }
}

/// `os.date([format [, time]])`: `!` first means UTC; `*t` gives a table,
/// anything else goes to `strftime`.
fn date(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let format = match opt_str(vm, args, 1)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => b"%c".to_vec(),
    };
    let when = if arg(vm, args, 2).is_nil() { libc::now() } else { c_to_i64(check_number(vm, args, 2)?) };
    let (utc, format) = match format.strip_prefix(b"!") {
        Some(rest) => (true, rest.to_vec()),
        None => (false, format),
    };
    let Some(tm) = libc::broken_down(when, utc) else {
        return ret(vm, &[Value::NIL]);
    };
    // C stops at a NUL in the format.
    let format = match format.iter().position(|&b| b == 0) {
        Some(end) => format[..end].to_vec(),
        None => format,
    };
    if format == b"*t" {
        let t = vm.new_table(0, 4);
        let fields = [
            ("sec", tm.sec),
            ("min", tm.min),
            ("hour", tm.hour),
            ("day", tm.mday),
            ("month", tm.mon + 1),
            ("year", tm.year + 1900),
            ("wday", tm.wday + 1),
            ("yday", tm.yday + 1),
        ];
        for (name, v) in fields {
            vm.set_field(t, name, Value::number(v as f64));
        }
        if tm.isdst >= 0 {
            vm.set_field(t, "isdst", Value::boolean(tm.isdst > 0));
        }
        return ret(vm, &[Value::table(t)]);
    }
    if format.is_empty() {
        let s = vm.new_str(b"");
        return ret(vm, &[s]);
    }
    match libc::strftime(&format, &tm) {
        Some(text) => {
            let s = vm.new_str(&text);
            ret(vm, &[s])
        }
        // LuaJIT pushes nothing when strftime keeps producing nothing, so
        // the call returns its last argument.
        None => {
            let last = if args.n > 0 { vm.arg(args, args.n - 1) } else { Value::NIL };
            ret(vm, &[last])
        }
    }
}

/// Thin wrappers over the C library calls the `os` library needs.
mod libc {
    use std::ffi::{c_char, c_int, c_long, CStr, CString};

    /// `struct tm` as glibc lays it out on 64-bit Linux.
    #[repr(C)]
    #[derive(Clone, Copy, Debug)]
    pub struct Tm {
        pub sec: c_int,
        pub min: c_int,
        pub hour: c_int,
        pub mday: c_int,
        pub mon: c_int,
        pub year: c_int,
        pub wday: c_int,
        pub yday: c_int,
        pub isdst: c_int,
        pub gmtoff: c_long,
        pub zone: *const c_char,
    }

    impl Default for Tm {
        fn default() -> Tm {
            Tm {
                sec: 0,
                min: 0,
                hour: 0,
                mday: 0,
                mon: 0,
                year: 0,
                wday: 0,
                yday: 0,
                isdst: 0,
                gmtoff: 0,
                zone: std::ptr::null(),
            }
        }
    }

    pub const LC_CTYPE: c_int = 0;
    pub const LC_NUMERIC: c_int = 1;
    pub const LC_TIME: c_int = 2;
    pub const LC_COLLATE: c_int = 3;
    pub const LC_MONETARY: c_int = 4;
    pub const LC_ALL: c_int = 6;

    mod sys {
        use super::Tm;
        use std::ffi::{c_char, c_int, c_long};
        extern "C" {
            pub fn time(t: *mut i64) -> i64;
            pub fn clock() -> c_long;
            pub fn gmtime_r(t: *const i64, out: *mut Tm) -> *mut Tm;
            pub fn localtime_r(t: *const i64, out: *mut Tm) -> *mut Tm;
            pub fn mktime(tm: *mut Tm) -> i64;
            pub fn strftime(buf: *mut c_char, max: usize, format: *const c_char, tm: *const Tm) -> usize;
            pub fn getenv(name: *const c_char) -> *const c_char;
            pub fn remove(path: *const c_char) -> c_int;
            pub fn rename(from: *const c_char, to: *const c_char) -> c_int;
            pub fn mkstemp(template: *mut c_char) -> c_int;
            pub fn close(fd: c_int) -> c_int;
            pub fn system(cmd: *const c_char) -> c_int;
            pub fn setlocale(category: c_int, locale: *const c_char) -> *const c_char;
            pub fn strerror(errnum: c_int) -> *const c_char;
            pub fn __errno_location() -> *mut c_int;
        }
    }

    pub fn errno() -> c_int {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
    }

    fn clear_errno() {
        // glibc's errno location is the calling thread's, always valid.
        unsafe { *sys::__errno_location() = 0 }
    }

    /// Copies a C string the library returned (or None for NULL).
    fn owned(p: *const c_char) -> Option<Vec<u8>> {
        if p.is_null() {
            None
        } else {
            // Non-null results of getenv/setlocale/strerror are valid C
            // strings until the next such call; we copy at once.
            Some(unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
        }
    }

    pub fn now() -> i64 {
        // time(NULL) only returns the value.
        unsafe { sys::time(std::ptr::null_mut()) }
    }

    /// Processor time in seconds, `clock() / CLOCKS_PER_SEC` (10^6 on POSIX).
    pub fn clock_seconds() -> f64 {
        // clock() has no arguments and no preconditions.
        let ticks = unsafe { sys::clock() };
        ticks as f64 * (1.0 / 1_000_000.0)
    }

    /// The broken-down time of `t`, in UTC or the local zone; None if the
    /// year doesn't fit.
    pub fn broken_down(t: i64, utc: bool) -> Option<Tm> {
        let mut tm = Tm::default();
        // Both read `t` and fill `tm`, which we own; they return NULL on
        // overflow and `&tm` otherwise.
        let p = unsafe {
            if utc {
                sys::gmtime_r(&t, &mut tm)
            } else {
                sys::localtime_r(&t, &mut tm)
            }
        };
        if p.is_null() {
            None
        } else {
            Some(tm)
        }
    }

    /// `mktime`, normalising `tm`; None when the result is not representable
    /// (-1 with errno set, as LuaJIT tests).
    pub fn mktime(tm: &mut Tm) -> Option<i64> {
        clear_errno();
        // mktime reads and normalises the struct we own.
        let t = unsafe { sys::mktime(tm) };
        if t == -1 && errno() != 0 {
            None
        } else {
            Some(t)
        }
    }

    /// `strftime` with LuaJIT's buffer policy: 30 bytes per conversion, 1
    /// per other byte, grown up to three times while the result is empty.
    pub fn strftime(format: &[u8], tm: &Tm) -> Option<Vec<u8>> {
        let fmt = CString::new(format).ok()?;
        let mut size: u32 = format.iter().map(|&b| if b == b'%' { 30u32 } else { 1 }).fold(0, u32::wrapping_add);
        for _ in 0..4 {
            let mut buf = vec![0u8; size.max(1) as usize];
            // strftime writes at most `buf.len()` bytes into our buffer and
            // reads the NUL-terminated format and the struct.
            let n = unsafe { sys::strftime(buf.as_mut_ptr() as *mut c_char, buf.len(), fmt.as_ptr(), tm) };
            if n > 0 {
                buf.truncate(n);
                return Some(buf);
            }
            size = size.wrapping_add(size | 1);
        }
        None
    }

    pub fn getenv(name: &CStr) -> Option<Vec<u8>> {
        // getenv reads a NUL-terminated name; the result is copied at once.
        owned(unsafe { sys::getenv(name.as_ptr()) })
    }

    pub fn remove(path: &CStr) -> bool {
        // Reads a NUL-terminated path.
        unsafe { sys::remove(path.as_ptr()) == 0 }
    }

    pub fn rename(from: &CStr, to: &CStr) -> bool {
        // Reads two NUL-terminated paths.
        unsafe { sys::rename(from.as_ptr(), to.as_ptr()) == 0 }
    }

    /// A fresh empty file `/tmp/lua_XXXXXX`, as LuaJIT makes for `tmpname`.
    pub fn make_temp_file() -> Option<Vec<u8>> {
        let mut template = *b"/tmp/lua_XXXXXX\0";
        // mkstemp rewrites the X's of our NUL-terminated buffer in place.
        let fd = unsafe { sys::mkstemp(template.as_mut_ptr() as *mut c_char) };
        if fd == -1 {
            return None;
        }
        // `fd` is the descriptor mkstemp just opened for us.
        unsafe { sys::close(fd) };
        Some(template[..template.len() - 1].to_vec())
    }

    pub fn system(cmd: Option<&CStr>) -> c_int {
        // NULL asks whether a shell exists; otherwise a NUL-terminated command.
        unsafe { sys::system(cmd.map_or(std::ptr::null(), |c| c.as_ptr())) }
    }

    pub fn setlocale(category: c_int, locale: Option<&CStr>) -> Option<Vec<u8>> {
        // NULL queries; the returned name is copied at once.
        owned(unsafe { sys::setlocale(category, locale.map_or(std::ptr::null(), |c| c.as_ptr())) })
    }

    pub fn strerror(errnum: c_int) -> Vec<u8> {
        // strerror returns a valid string for any number; copied at once.
        owned(unsafe { sys::strerror(errnum) }).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        let tm = libc::broken_down(86400 * 365, true).unwrap();
        assert_eq!((tm.year, tm.mon, tm.mday, tm.wday), (71, 0, 1, 5));
        assert_eq!(libc::strftime(b"%Y-%m-%d %H:%M:%S", &tm).unwrap(), b"1971-01-01 00:00:00");
    }
}

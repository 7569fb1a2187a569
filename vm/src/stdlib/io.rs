//! The `io` library, as LuaJIT 2.1 has it when built without its Lua 5.2
//! compatibility: `write` returns `true` (not the file), closing a pipe
//! returns `true` (not the exit status), an invalid `io.open` mode is
//! `fopen`'s EINVAL failure (not an argument error).
//!
//! A file handle is a userdata whose payload is a [`LuaFile`]. The file
//! metatable and the default input and output files live in the registry,
//! which keeps them alive.

use super::iofile::{errno_of, strerror, BufMode, LuaFile, Stream, EINVAL};
use super::{arg, check_any, check_str, opt_str, ret};
use crate::error::LuaResult;
use crate::func::{Function, FunctionKind};
use crate::state::{Args, Vm};
use crate::userdata::{Payload, Userdata};
use crate::value::Value;
use std::io::SeekFrom;

/// Registry key of the file metatable (LuaJIT's `LUA_FILEHANDLE`).
const METATABLE_KEY: &str = "FILE*";
const INPUT_KEY: &str = "io.input";
const OUTPUT_KEY: &str = "io.output";
/// Most values a `lines` iterator keeps (LuaJIT's upvalue limit).
const MAX_LINES_VALUES: usize = 60;

pub fn open(vm: &mut Vm) {
    let io = super::new_lib(
        vm,
        "io",
        &[
            ("open", io_open),
            ("popen", io_popen),
            ("tmpfile", io_tmpfile),
            ("close", io_close),
            ("read", io_read),
            ("write", io_write),
            ("flush", io_flush),
            ("input", io_input),
            ("output", io_output),
            ("lines", io_lines),
            ("type", io_type),
        ],
    );
    // One table holds the methods and the metamethods, and is its own
    // `__index`, as in LuaJIT.
    let mt = vm.new_table(0, 0);
    let fields: [(&'static str, crate::func::NativeFn); 9] = [
        ("close", io_close),
        ("read", file_read),
        ("write", file_write),
        ("flush", file_flush),
        ("seek", file_seek),
        ("setvbuf", file_setvbuf),
        ("lines", file_lines),
        ("__gc", file_gc),
        ("__tostring", file_tostring),
    ];
    for (name, f) in fields {
        let fv = vm.new_native(name, f);
        super::ffid::set_builtin_id(fv, &format!("io.method.{name}"));
        vm.set_field(mt, name, fv);
    }
    vm.set_field(mt, "__index", Value::table(mt));
    let registry = vm.registry;
    vm.set_field(registry, METATABLE_KEY, Value::table(mt));
    for (name, stream, readable) in
        [("stdin", Stream::Stdin, true), ("stdout", Stream::Stdout, false), ("stderr", Stream::Stderr, false)]
    {
        let f = new_file(vm, LuaFile::new(stream, readable, !readable));
        vm.set_field(io, name, f);
        match name {
            "stdin" => vm.set_field(registry, INPUT_KEY, f),
            "stdout" => vm.set_field(registry, OUTPUT_KEY, f),
            _ => {}
        }
    }
}

// ---- Handles ----------------------------------------------------------------

/// A new file handle userdata with the file metatable.
fn new_file(vm: &mut Vm, file: LuaFile) -> Value {
    let registry = vm.registry;
    let mt = vm.get_field(registry, METATABLE_KEY).as_table_ptr().unwrap_or(std::ptr::null_mut());
    let u = vm.heap.alloc(Userdata::new(Payload::Rust(Box::new(file)), vm.globals));
    // The userdata was just allocated and nothing else refers to it yet.
    unsafe { (*u).metatable = mt };
    Value::userdata(u)
}

/// The `LuaFile` of a file handle value.
fn file_of(v: Value) -> Option<*mut LuaFile> {
    let u = v.as_userdata_ptr()?;
    // `v` is a live userdata (an argument or an upvalue of the running
    // native); its payload box does not move while it lives.
    match unsafe { &mut (*u).payload } {
        Payload::Rust(b) => b.downcast_mut::<LuaFile>().map(|f| f as *mut LuaFile),
        Payload::Bytes(_) => None,
    }
}

/// Mutable access to a handle's file.
///
/// The pointer must come from [`file_of`] on a value the running native
/// keeps reachable (its arguments, its upvalues or the registry); no other
/// reference to the file is held while the returned one is used.
fn file_mut<'a>(p: *mut LuaFile) -> &'a mut LuaFile {
    // See the contract above.
    unsafe { &mut *p }
}

/// Argument 1 as a file handle, open or closed.
fn check_file_any(vm: &mut Vm, args: Args) -> LuaResult<*mut LuaFile> {
    match file_of(arg(vm, args, 1)) {
        Some(f) if args.n >= 1 => Ok(f),
        _ => Err(vm.type_error(args, 1, "FILE*")),
    }
}

/// Argument 1 as an open file handle.
fn check_file(vm: &mut Vm, args: Args) -> LuaResult<*mut LuaFile> {
    let f = check_file_any(vm, args)?;
    if file_mut(f).is_closed() {
        return Err(vm.error_str("attempt to use a closed file"));
    }
    Ok(f)
}

/// The default input or output file, which must be open.
fn std_file(vm: &mut Vm, key: &str) -> LuaResult<*mut LuaFile> {
    let registry = vm.registry;
    let v = vm.get_field(registry, key);
    match file_of(v) {
        Some(f) if !file_mut(f).is_closed() => Ok(f),
        _ => Err(vm.error_str("standard file is closed")),
    }
}

// ---- Results ------------------------------------------------------------------

/// `true`, or `nil, message, errno` (the message prefixed by `name: `).
fn file_result(vm: &mut Vm, ok: bool, errno: i32, name: Option<&[u8]>) -> LuaResult<usize> {
    if ok {
        return ret(vm, &[Value::TRUE]);
    }
    let mut msg = Vec::new();
    if let Some(name) = name {
        msg.extend_from_slice(name);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(strerror(errno).as_bytes());
    let msg = vm.new_str(&msg);
    ret(vm, &[Value::NIL, msg, Value::number(errno as f64)])
}

/// The result of an operation on `f`: `true` or its recorded failure.
fn op_result(vm: &mut Vm, f: *mut LuaFile, r: std::io::Result<()>) -> LuaResult<usize> {
    match r {
        Ok(()) => ret(vm, &[Value::TRUE]),
        Err(e) => {
            let errno = file_mut(f).error.unwrap_or(errno_of(&e));
            file_result(vm, false, errno, None)
        }
    }
}

/// A file name argument as C sees it: up to the first NUL.
fn c_string(bytes: &[u8]) -> Vec<u8> {
    bytes.iter().take_while(|&&c| c != 0).copied().collect()
}

fn path_of(name: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::path::PathBuf::from(std::ffi::OsStr::from_bytes(name))
}

// ---- Opening ------------------------------------------------------------------

/// Opens `name` with a C `fopen` mode, reading it the way glibc does: `r`,
/// `w` or `a` first, then (among the next six characters, up to a `,`) `+`
/// for update and `x` for exclusive creation; other characters are ignored.
fn fopen(name: &[u8], mode: &[u8]) -> Result<LuaFile, i32> {
    let mode = c_string(mode);
    let kind = *mode.first().ok_or(EINVAL)?;
    if !matches!(kind, b'r' | b'w' | b'a') {
        return Err(EINVAL);
    }
    let (mut update, mut exclusive) = (false, false);
    for &c in mode.iter().skip(1).take(6).take_while(|&&c| c != b',') {
        match c {
            b'+' => update = true,
            b'x' => exclusive = true,
            _ => {}
        }
    }
    let mut options = std::fs::OpenOptions::new();
    let (readable, writable) = match kind {
        b'r' => (true, update),
        _ => (update, true),
    };
    options.read(readable);
    match kind {
        b'r' => {
            options.write(update);
        }
        b'w' => {
            options.write(true).truncate(true);
            if exclusive {
                options.create_new(true);
            } else {
                options.create(true);
            }
        }
        _ => {
            options.append(true);
            if exclusive {
                options.create_new(true);
            } else {
                options.create(true);
            }
        }
    }
    match options.open(path_of(&c_string(name))) {
        Ok(file) => Ok(LuaFile::new(Stream::File(file), readable, writable)),
        Err(e) => Err(errno_of(&e)),
    }
}

/// Opens argument 1 as a file name, raising an argument error on failure
/// (for `io.lines`, `io.input` and `io.output`).
fn open_or_raise(vm: &mut Vm, args: Args, mode: &[u8]) -> LuaResult<Value> {
    let name = check_str(vm, args, 1)?;
    let name = c_string(vm.str_of(name));
    match fopen(&name, mode) {
        Ok(file) => Ok(new_file(vm, file)),
        Err(errno) => {
            let msg = format!("{}: {}", String::from_utf8_lossy(&name), strerror(errno));
            Err(vm.arg_error(args, 1, &msg))
        }
    }
}

fn io_open(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let mode = match opt_str(vm, args, 2)? {
        Some(m) => vm.str_of(m).to_vec(),
        None => b"r".to_vec(),
    };
    let name = c_string(vm.str_of(name));
    match fopen(&name, &mode) {
        Ok(file) => {
            let f = new_file(vm, file);
            ret(vm, &[f])
        }
        Err(errno) => file_result(vm, false, errno, Some(&name)),
    }
}

/// glibc's `popen` modes: only `r`, `w` and `e` characters, with exactly
/// one of `r` and `w`. Returns whether the pipe reads.
fn popen_mode(mode: &[u8]) -> Option<bool> {
    let mode = c_string(mode);
    if mode.iter().any(|c| !matches!(c, b'r' | b'w' | b'e')) {
        return None;
    }
    let (reads, writes) = (mode.contains(&b'r'), mode.contains(&b'w'));
    (reads != writes).then_some(reads)
}

fn io_popen(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    use std::process::{Command, Stdio};
    let cmd = check_str(vm, args, 1)?;
    let mode = match opt_str(vm, args, 2)? {
        Some(m) => vm.str_of(m).to_vec(),
        None => b"r".to_vec(),
    };
    let cmd = c_string(vm.str_of(cmd));
    let Some(reads) = popen_mode(&mode) else {
        return file_result(vm, false, EINVAL, Some(&cmd));
    };
    // Output written so far must come before the child's, and the child
    // must see what was written to files.
    flush_all(vm);
    let mut command = Command::new("/bin/sh");
    command.arg("-c").arg(path_of(&cmd));
    if reads {
        command.stdout(Stdio::piped());
    } else {
        command.stdin(Stdio::piped());
    }
    match command.spawn() {
        Ok(mut child) => {
            let stream = match child.stdout.take() {
                Some(out) if reads => Stream::PipeFrom(child, out),
                _ => Stream::PipeTo(child.stdin.take(), child),
            };
            let f = new_file(vm, LuaFile::new(stream, reads, !reads));
            ret(vm, &[f])
        }
        Err(e) => file_result(vm, false, errno_of(&e), Some(&cmd)),
    }
}

/// C's `fflush(NULL)`: writes out the pending output of every file and of
/// standard output. `os.exit` needs it too: C's `exit` flushes every stream.
pub fn flush_all(vm: &mut Vm) {
    vm.flush_stdout();
    let mut files = Vec::new();
    vm.heap.for_each_object(|h| {
        // Objects in the heap list are allocated, garbage or not; a file not
        // yet swept is still open, as an unclosed C stream would be.
        if unsafe { (*h).tag } == crate::value::Tag::Userdata {
            if let Some(f) = file_of(Value::userdata(h as *mut Userdata)) {
                files.push(f);
            }
        }
    });
    for f in files {
        let _ = file_mut(f).flush(&mut vm.stdout);
    }
}

/// A new file, opened for update and already unlinked (C's `tmpfile`).
fn tmpfile() -> std::io::Result<std::fs::File> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let path = dir.join(format!("neap_tmp_{}_{}_{}", std::process::id(), n, nanos));
        match std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path) {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

fn io_tmpfile(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    match tmpfile() {
        Ok(file) => {
            let f = new_file(vm, LuaFile::new(Stream::File(file), true, true));
            ret(vm, &[f])
        }
        Err(e) => file_result(vm, false, errno_of(&e), None),
    }
}

// ---- Closing --------------------------------------------------------------------

/// Closes an open file: standard streams refuse.
fn close_file(vm: &mut Vm, f: *mut LuaFile) -> LuaResult<usize> {
    let file = file_mut(f);
    if file.is_std() {
        let msg = vm.new_str(b"cannot close standard file");
        return ret(vm, &[Value::NIL, msg]);
    }
    let r = file.close();
    op_result(vm, f, r)
}

/// `io.close([file])` and `file:close()`: without an argument, the default
/// output.
fn io_close(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = if args.n >= 1 {
        check_file(vm, args)?
    } else {
        let registry = vm.registry;
        let v = vm.get_field(registry, OUTPUT_KEY);
        match file_of(v) {
            Some(f) if !file_mut(f).is_closed() => f,
            _ => return Err(vm.error_str("attempt to use a closed file")),
        }
    };
    close_file(vm, f)
}

fn file_gc(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file_any(vm, args)?;
    let file = file_mut(f);
    if !file.is_closed() && !file.is_std() {
        let _ = file.close();
    }
    Ok(0)
}

fn file_tostring(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file_any(vm, args)?;
    let text = if file_mut(f).is_closed() { "file (closed)".to_string() } else { format!("file ({:p})", f) };
    let s = vm.new_str(text.as_bytes());
    ret(vm, &[s])
}

fn io_type(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let v = check_any(vm, args, 1)?;
    let t = match file_of(v) {
        None => Value::NIL,
        Some(f) if file_mut(f).is_closed() => vm.new_str(b"closed file"),
        Some(_) => vm.new_str(b"file"),
    };
    ret(vm, &[t])
}

// ---- Reading --------------------------------------------------------------------

/// Reads with the formats `formats` (argument numbers from `first_arg` for
/// messages), pushing one result per format until one fails: the failing
/// one is nil. A read error replaces them all by `nil, message, errno`.
/// Returns the number of results pushed.
fn read_formats(vm: &mut Vm, args: Args, f: *mut LuaFile, formats: &[Value], first_arg: usize) -> LuaResult<usize> {
    file_mut(f).clear_error();
    let mut pushed = 0;
    let mut ok = true;
    if formats.is_empty() {
        let (line, got) = file_mut(f).read_line(true, &mut vm.stdout);
        let s = vm.new_str(&line);
        vm.push(s);
        pushed = 1;
        ok = got;
    }
    for (i, &fmt) in formats.iter().enumerate() {
        if !ok {
            break;
        }
        let file = file_mut(f);
        let result = if let Some(bytes) = unsafe { fmt.str_bytes() } {
            // `fmt` is an argument or upvalue of the running native.
            let spec = match bytes.first() {
                Some(b'*') => bytes.get(1).copied(),
                other => other.copied(),
            };
            match spec {
                Some(b'n') => match file.read_number(&mut vm.stdout) {
                    Some(x) => Value::number(x),
                    None => {
                        ok = false;
                        Value::NIL
                    }
                },
                Some(c @ (b'l' | b'L')) => {
                    let (line, got) = file.read_line(c == b'l', &mut vm.stdout);
                    ok = got;
                    vm.new_str(&line)
                }
                Some(b'a') => {
                    let all = file.read_all(&mut vm.stdout);
                    vm.new_str(&all)
                }
                _ => return Err(vm.arg_error(args, first_arg + i, "invalid format")),
            }
        } else if let Some(x) = fmt.as_number() {
            // A count, as C's unsigned size of LuaJIT's 32-bit integer; LuaJIT
            // allocates its buffer first, and one past its largest fails.
            let count = super::to_int32(x) as u32 as usize;
            if count > 0x7fff_ff00 {
                return Err(crate::error::LuaError::new(vm.new_str(b"not enough memory")));
            }
            if count == 0 {
                ok = file.at_data(&mut vm.stdout);
                vm.new_str(b"")
            } else {
                let bytes = file.read_bytes(count, &mut vm.stdout);
                ok = !bytes.is_empty();
                vm.new_str(&bytes)
            }
        } else {
            return Err(vm.arg_error(args, first_arg + i, "invalid option"));
        };
        vm.push(result);
        pushed += 1;
    }
    if let Some(errno) = file_mut(f).error {
        return file_result(vm, false, errno, None);
    }
    if !ok {
        let th = vm.th();
        th.stack[th.top - 1] = Value::NIL;
    }
    Ok(pushed)
}

fn arg_values(vm: &Vm, args: Args, first: usize) -> Vec<Value> {
    (first..=args.n).map(|i| arg(vm, args, i)).collect()
}

fn io_read(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = std_file(vm, INPUT_KEY)?;
    let formats = arg_values(vm, args, 1);
    read_formats(vm, args, f, &formats, 1)
}

fn file_read(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file(vm, args)?;
    let formats = arg_values(vm, args, 2);
    read_formats(vm, args, f, &formats, 2)
}

// ---- Writing --------------------------------------------------------------------

/// Writes arguments `first..` (strings, or numbers as `%.14g`); after a
/// failure the rest are only checked.
fn write_args(vm: &mut Vm, args: Args, f: *mut LuaFile, first: usize) -> LuaResult<usize> {
    let mut result = Ok(());
    for i in first..=args.n {
        let v = arg(vm, args, i);
        let number_text;
        let bytes: &[u8] = if let Some(x) = v.as_number() {
            number_text = crate::strfmt::number_to_string(x);
            &number_text
        } else if let Some(b) = unsafe { v.str_bytes() } {
            // An argument of the running native: live during the call.
            b
        } else {
            return Err(vm.type_error(args, i, "string"));
        };
        if result.is_ok() {
            result = file_mut(f).write(bytes, &mut vm.stdout);
        }
    }
    op_result(vm, f, result)
}

fn io_write(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = std_file(vm, OUTPUT_KEY)?;
    write_args(vm, args, f, 1)
}

fn file_write(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file(vm, args)?;
    write_args(vm, args, f, 2)
}

fn io_flush(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let f = std_file(vm, OUTPUT_KEY)?;
    let r = file_mut(f).flush(&mut vm.stdout);
    op_result(vm, f, r)
}

fn file_flush(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file(vm, args)?;
    let r = file_mut(f).flush(&mut vm.stdout);
    op_result(vm, f, r)
}

// ---- Positioning and buffering --------------------------------------------------------

/// One of `names` as argument `n` (its index), LuaJIT's `checkopt`: with a
/// default, nil or no value gives it.
fn check_option(vm: &mut Vm, args: Args, n: usize, default: Option<usize>, names: &[&str]) -> LuaResult<usize> {
    let s = match default {
        Some(d) => match opt_str(vm, args, n)? {
            Some(s) => s,
            None => return Ok(d),
        },
        None => check_str(vm, args, n)?,
    };
    let bytes = vm.str_of(s);
    if let Some(i) = names.iter().position(|name| name.as_bytes() == bytes) {
        return Ok(i);
    }
    let msg = format!("invalid option '{}'", String::from_utf8_lossy(&c_string(bytes)));
    Err(vm.arg_error(args, n, &msg))
}

fn file_seek(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file(vm, args)?;
    let whence = check_option(vm, args, 2, Some(1), &["set", "cur", "end"])?;
    let v = arg(vm, args, 3);
    let offset = if v.is_nil() {
        0
    } else if let Some(x) = v.as_number() {
        x as i64
    } else if let Some(x) = unsafe { v.str_bytes() }.and_then(crate::strscan::str_to_number) {
        // (An argument of the running native: live during the call.)
        x as i64
    } else {
        return Err(vm.type_error(args, 3, "number"));
    };
    let to = match whence {
        0 if offset < 0 => return file_result(vm, false, EINVAL, None),
        0 => SeekFrom::Start(offset as u64),
        1 => SeekFrom::Current(offset),
        _ => SeekFrom::End(offset),
    };
    match file_mut(f).seek(to, &mut vm.stdout) {
        Ok(pos) => ret(vm, &[Value::number(pos as f64)]),
        Err(e) => file_result(vm, false, errno_of(&e), None),
    }
}

fn file_setvbuf(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = check_file(vm, args)?;
    let mode = match check_option(vm, args, 2, None, &["full", "line", "no"])? {
        0 => BufMode::Full,
        1 => BufMode::Line,
        _ => BufMode::No,
    };
    super::opt_int(vm, args, 3, 0)?;
    let r = file_mut(f).set_buffering(mode, &mut vm.stdout);
    op_result(vm, f, r)
}

// ---- Line iterators -------------------------------------------------------------------

/// A `lines` iterator over `file` reading `formats` on each call.
fn lines_iterator(vm: &mut Vm, file: Value, formats: Vec<Value>) -> LuaResult<usize> {
    if formats.len() + 1 > MAX_LINES_VALUES {
        return Err(vm.error_str("too many results to unpack"));
    }
    let mut upvals = vec![file];
    upvals.extend(formats);
    let env = vm.globals;
    let iter = vm.heap.alloc(Function::new_native(env, "lines", lines_step, upvals.into_boxed_slice()));
    ret(vm, &[Value::function(iter)])
}

fn lines_step(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let th = vm.th();
    let me = th.stack[th.frames.last().map_or(0, |fr| fr.func)].as_function_ptr();
    // The running native is live in its frame slot, and so are its upvalues.
    let upvals: Vec<Value> = match me.map(|p| unsafe { &(*p).kind }) {
        Some(FunctionKind::Native { upvals, .. }) => upvals.to_vec(),
        _ => Vec::new(),
    };
    let Some(f) = upvals.first().and_then(|&v| file_of(v)) else {
        return Err(vm.error_str("attempt to use a closed file"));
    };
    if file_mut(f).is_closed() {
        return Err(vm.error_str("attempt to use a closed file"));
    }
    let th = vm.th();
    let base = th.top;
    let n = read_formats(vm, args, f, &upvals[1..], 1)?;
    if let Some(errno) = file_mut(f).error {
        return Err(vm.error_str(&strerror(errno)));
    }
    let first = vm.th().stack[base];
    if first.is_nil() && file_mut(f).close_at_eof {
        let _ = file_mut(f).close();
        return Ok(0);
    }
    Ok(n)
}

fn file_lines(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    check_file(vm, args)?;
    let file = arg(vm, args, 1);
    let formats = arg_values(vm, args, 2);
    lines_iterator(vm, file, formats)
}

/// `io.lines(name, ...)` reads the named file and closes it at the end;
/// `io.lines()` reads the default input.
fn io_lines(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let file = if arg(vm, args, 1).is_nil() {
        let registry = vm.registry;
        vm.get_field(registry, INPUT_KEY)
    } else {
        let file = open_or_raise(vm, args, b"r")?;
        // Root the new handle in the name's slot while the iterator is made.
        vm.th().stack[args.base] = file;
        if let Some(f) = file_of(file) {
            file_mut(f).close_at_eof = true;
        }
        file
    };
    let formats = arg_values(vm, args, 2);
    lines_iterator(vm, file, formats)
}

// ---- Default files ----------------------------------------------------------------------

/// `io.input`/`io.output`: with a file or a name (opened with `mode`), sets
/// the default; returns the current default.
fn default_file(vm: &mut Vm, args: Args, key: &str, mode: &[u8]) -> LuaResult<usize> {
    let v = arg(vm, args, 1);
    let registry = vm.registry;
    if v.is_nil() {
        let current = vm.get_field(registry, key);
        return ret(vm, &[current]);
    }
    let file = if v.is_userdata() {
        check_file(vm, args)?;
        v
    } else {
        open_or_raise(vm, args, mode)?
    };
    vm.set_field(registry, key, file);
    ret(vm, &[file])
}

fn io_input(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    default_file(vm, args, INPUT_KEY, b"r")
}

fn io_output(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    default_file(vm, args, OUTPUT_KEY, b"w")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fopen_modes_follow_glibc() {
        assert_eq!(fopen(b"x", b"q").err(), Some(EINVAL));
        assert_eq!(fopen(b"x", b"").err(), Some(EINVAL));
        assert_eq!(fopen(b"no/such/dir/file", b"rw").err(), Some(2));
    }

    #[test]
    fn popen_modes_follow_glibc() {
        assert_eq!(popen_mode(b"r"), Some(true));
        assert_eq!(popen_mode(b"we"), Some(false));
        assert_eq!(popen_mode(b"rw"), None);
        assert_eq!(popen_mode(b"x"), None);
        assert_eq!(popen_mode(b""), None);
    }
}

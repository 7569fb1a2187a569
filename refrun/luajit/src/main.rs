//! `refrun-luajit`: the reference runner of Neap's differential harness.
//!
//! `refrun-luajit file.lua args...` runs one Lua file on LuaJIT 2.1 (vendored and built
//! by mlua) and behaves like the `luajit` command-line interpreter given the same
//! arguments:
//! - all standard libraries are open, the JIT compiler is on, and `ffi` is only
//!   reachable through `require` (it sits in `package.preload`, not in a global);
//! - the global `arg` holds the script name at 0, its arguments from 1 and the
//!   interpreter's own name at -1; the main chunk also receives the arguments as `...`;
//! - the file is loaded with the chunk name `@<path as given>`, so error positions
//!   read `path:line:`;
//! - an uncaught error prints `luajit: <message>` to stderr followed (for messages that
//!   are strings, numbers, or have a `__tostring` metamethod) by a `stack traceback:`
//!   block, and the exit status is 1. A `nil` error value prints nothing; any other
//!   value prints `luajit: (error object is not a string)` without a traceback.
//!   A syntax error, or a file that can't be read, prints the load message alone;
//! - `lua_close` runs before exit, so pending `__gc` finalizers run (and may print).
//!
//! `LUA_INIT` is ignored, unlike in the real interpreter: the harness wants programs to
//! see the same globals whatever the environment holds.
//!
//! The state is created through mlua, but the script is loaded and called with the raw
//! C API: mlua's own error conversion would lose the original error value, which is
//! what decides what the real interpreter prints.

use std::ffi::{c_char, c_int, c_void, CString, OsString};
use std::io::Write;

use mlua::{ffi, Lua, LuaOptions, StdLib};

/// The name the messages are prefixed with, as the real interpreter prints its own.
const PROGRAM_NAME: &str = "luajit";

extern "C" {
    /// C stdio's flush; `print` and `io.write` write through C's buffered `stdout`.
    fn fflush(stream: *mut c_void) -> c_int;
}

fn main() {
    let args: Vec<OsString> = std::env::args_os().collect();
    let status = match args.get(1) {
        Some(_) => run(&args),
        None => {
            eprintln!("usage: refrun-luajit file.lua [args...]");
            1
        }
    };
    flush_c_stdio();
    std::process::exit(status);
}

/// What happened to the script.
enum Outcome {
    /// The main chunk returned.
    Finished,
    /// Loading or running failed; the message to print, if any (`None` for a `nil`
    /// error value, which the real interpreter reports silently).
    Failed(Option<Vec<u8>>),
}

/// Runs `args[1]` with `args[2..]` as its arguments and returns the exit status.
fn run(args: &[OsString]) -> i32 {
    let c_args = match args.iter().map(to_c_string).collect::<Option<Vec<_>>>() {
        Some(c_args) => c_args,
        None => {
            report(Some(b"argument contains a NUL byte"));
            return 1;
        }
    };

    // SAFETY: `unsafe_new_with` only allows loading the unsafe libraries (debug, ffi);
    // this process exists to run untrusted-by-design test programs, like `luajit`.
    let lua = unsafe { Lua::unsafe_new_with(StdLib::ALL ^ StdLib::FFI, LuaOptions::default()) };

    let mut outcome = Outcome::Finished;
    // SAFETY: the closure only uses the raw API on the state it is given, keeps the
    // stack balanced (it pops what it pushes), and catches every Lua error itself with
    // `lua_pcall`, so nothing unwinds through mlua's frames.
    let setup = unsafe {
        lua.exec_raw::<()>((), |state| {
            outcome = run_script(state, &c_args);
        })
    };
    if let Err(err) = setup {
        report(Some(err.to_string().as_bytes()));
        return 1;
    }

    let status = match outcome {
        Outcome::Finished => 0,
        Outcome::Failed(message) => {
            report(message.as_deref());
            1
        }
    };
    // Closing the state runs pending `__gc` finalizers, which may still print.
    drop(lua);
    status
}

/// Registers `package.preload.ffi`, sets `arg`, loads the script and calls it with a
/// traceback handler. Runs inside mlua's protected call on `state`.
///
/// # Safety
/// `state` must be a live Lua state with the standard libraries open and at least a few
/// free stack slots (mlua's `exec_raw` guarantees both).
unsafe fn run_script(state: *mut ffi::lua_State, args: &[CString]) -> Outcome {
    make_ffi_preloadable(state);
    set_arg_table(state, args);

    if ffi::luaL_loadfile(state, args[1].as_ptr()) != 0 {
        return Outcome::Failed(take_error_message(state));
    }
    let script_args = &args[2..];
    let Ok(nargs) = c_int::try_from(script_args.len()) else {
        ffi::lua_pop(state, 1);
        return Outcome::Failed(Some(b"too many arguments to script".to_vec()));
    };
    if ffi::lua_checkstack(state, nargs + 2) == 0 {
        ffi::lua_pop(state, 1);
        return Outcome::Failed(Some(b"too many arguments to script".to_vec()));
    }
    // Stack: chunk. Put the handler below it, then push the arguments.
    ffi::lua_pushcfunction(state, traceback_handler);
    ffi::lua_insert(state, -2);
    for arg in script_args {
        ffi::lua_pushstring(state, arg.as_ptr());
    }
    let handler_index = ffi::lua_gettop(state) - nargs - 1;
    let status = ffi::lua_pcall(state, nargs, 0, handler_index);
    if status == 0 {
        ffi::lua_pop(state, 1); // the handler
        return Outcome::Finished;
    }
    let message = take_error_message(state);
    ffi::lua_pop(state, 1); // the handler
                            // The real interpreter collects garbage after a failed call, before reporting.
    ffi::lua_gc(state, ffi::LUA_GCCOLLECT, 0);
    Outcome::Failed(message)
}

/// `ffi` is not a global in the `luajit` interpreter; `require "ffi"` loads it.
///
/// # Safety
/// `state` is live with the `package` library open and two free stack slots.
unsafe fn make_ffi_preloadable(state: *mut ffi::lua_State) {
    ffi::lua_getglobal(state, c"package".as_ptr());
    if ffi::lua_type(state, -1) == ffi::LUA_TTABLE {
        ffi::lua_getfield(state, -1, c"preload".as_ptr());
        if ffi::lua_type(state, -1) == ffi::LUA_TTABLE {
            ffi::lua_pushcfunction(state, ffi::luaopen_ffi);
            ffi::lua_setfield(state, -2, c"ffi".as_ptr());
        }
        ffi::lua_pop(state, 1);
    }
    ffi::lua_pop(state, 1);
}

/// Sets the global `arg`: `args[0]` (this program) at -1, the script at 0, its
/// arguments from 1.
///
/// # Safety
/// `state` is live with two free stack slots.
unsafe fn set_arg_table(state: *mut ffi::lua_State, args: &[CString]) {
    let narr = c_int::try_from(args.len().saturating_sub(2)).unwrap_or(0);
    ffi::lua_createtable(state, narr, 2);
    for (i, arg) in args.iter().enumerate() {
        let index = i as ffi::lua_Integer - 1;
        ffi::lua_pushstring(state, arg.as_ptr());
        ffi::lua_rawseti(state, -2, index);
    }
    ffi::lua_setglobal(state, c"arg".as_ptr());
}

/// The message handler of the main call, with the interpreter's rules: string and
/// number values get a traceback appended; other values get one only if their
/// `__tostring` metamethod turns them into a string. Otherwise the value on top is
/// returned as it is: the original value, or the metamethod's non-string result.
unsafe extern "C-unwind" fn traceback_handler(state: *mut ffi::lua_State) -> c_int {
    if ffi::lua_isstring(state, 1) == 0 {
        let converted = ffi::lua_isnoneornil(state, 1) == 0
            && ffi::luaL_callmeta(state, 1, c"__tostring".as_ptr()) != 0
            && ffi::lua_isstring(state, -1) != 0;
        if !converted {
            return 1;
        }
        ffi::lua_remove(state, 1);
    }
    let message = ffi::lua_tolstring(state, 1, std::ptr::null_mut());
    ffi::luaL_traceback(state, state, message, 1);
    1
}

/// Pops the error value and renders it as the interpreter reports it: `None` for `nil`,
/// the string (numbers converted) or `(error object is not a string)`.
///
/// # Safety
/// `state` is live with the error value on top.
unsafe fn take_error_message(state: *mut ffi::lua_State) -> Option<Vec<u8>> {
    let message = if ffi::lua_isnil(state, -1) != 0 {
        None
    } else {
        let mut len = 0usize;
        let text: *const c_char = ffi::lua_tolstring(state, -1, &mut len);
        Some(if text.is_null() {
            b"(error object is not a string)".to_vec()
        } else {
            // SAFETY: Lua guarantees `len` readable bytes at `text` while the value
            // stays on the stack; they are copied before the pop below.
            std::slice::from_raw_parts(text.cast::<u8>(), len).to_vec()
        })
    };
    ffi::lua_pop(state, 1);
    message
}

/// Writes `luajit: <message>` to stderr after flushing what the program printed.
fn report(message: Option<&[u8]>) {
    flush_c_stdio();
    let Some(message) = message else { return };
    let mut stderr = std::io::stderr().lock();
    let mut line = Vec::with_capacity(PROGRAM_NAME.len() + 3 + message.len());
    line.extend_from_slice(PROGRAM_NAME.as_bytes());
    line.extend_from_slice(b": ");
    line.extend_from_slice(message);
    line.push(b'\n');
    // Nothing sensible to do if stderr is gone.
    let _ = stderr.write_all(&line).and_then(|()| stderr.flush());
}

fn flush_c_stdio() {
    let _ = std::io::stdout().flush();
    // SAFETY: `fflush(NULL)` flushes every open C output stream; it takes no pointer
    // from us and is safe to call at any time outside a signal handler.
    unsafe {
        fflush(std::ptr::null_mut());
    }
}

/// Arguments become C strings; on Unix they are raw bytes and only an interior NUL
/// (impossible in a real argv) is refused.
fn to_c_string(arg: &OsString) -> Option<CString> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        CString::new(arg.as_bytes()).ok()
    }
    #[cfg(not(unix))]
    {
        CString::new(arg.to_string_lossy().into_owned()).ok()
    }
}

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
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// The main chunk returned.
    Finished,
    /// Loading or running failed; the message to print, if any (`None` for a `nil`
    /// error value, which the real interpreter reports silently).
    Failed(Option<Vec<u8>>),
}

/// Runs `args[1]` with `args[2..]` as its arguments and returns the exit status.
fn run(args: &[OsString]) -> i32 {
    let Some(c_args) = args.iter().map(to_c_string).collect::<Option<Vec<_>>>() else {
        report(Some(b"argument contains a NUL byte"));
        return 1;
    };
    let mut status = 0;
    execute(&c_args, |outcome| {
        if let Outcome::Failed(message) = outcome {
            report(message.as_deref());
            status = 1;
        }
    });
    status
}

/// Runs the script `args[1]` in a fresh state, hands the outcome to `on_outcome`, then
/// closes the state. The outcome is reported before closing, as the real interpreter
/// does; closing runs pending `__gc` finalizers, which may still print.
fn execute(args: &[CString], on_outcome: impl FnOnce(&Outcome)) {
    // SAFETY: `unsafe_new_with` only allows loading the unsafe libraries (debug, ffi);
    // this process exists to run untrusted-by-design test programs, like `luajit`.
    let lua = unsafe { Lua::unsafe_new_with(StdLib::ALL ^ StdLib::FFI, LuaOptions::default()) };

    let mut outcome = Outcome::Finished;
    // SAFETY: the closure only uses the raw API on the state it is given, keeps the
    // stack balanced (it pops what it pushes), and catches every Lua error itself with
    // `lua_pcall`, so nothing unwinds through mlua's frames.
    let setup = unsafe {
        lua.exec_raw::<()>((), |state| {
            outcome = run_script(state, args);
        })
    };
    if let Err(err) = setup {
        outcome = Outcome::Failed(Some(err.to_string().into_bytes()));
    }
    on_outcome(&outcome);
    drop(lua);
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
        // Pop the handler.
        ffi::lua_pop(state, 1);
        return Outcome::Finished;
    }
    let message = take_error_message(state);
    // Pop the handler.
    ffi::lua_pop(state, 1);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `source` as a script file with the given arguments; returns the outcome
    /// with any traceback cut off the message.
    fn outcome_of(source: &str, script_args: &[&str]) -> Outcome {
        let dir = std::env::temp_dir().join(format!("refrun-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let name = format!("t{}.lua", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let path = dir.join(name);
        std::fs::write(&path, source).unwrap();
        let mut args = vec![CString::new("refrun-luajit").unwrap(), CString::new(path.to_str().unwrap()).unwrap()];
        args.extend(script_args.iter().map(|a| CString::new(*a).unwrap()));
        let mut result = None;
        execute(&args, |outcome| {
            result = Some(match outcome {
                Outcome::Finished => Outcome::Finished,
                Outcome::Failed(message) => Outcome::Failed(message.as_ref().map(|m| {
                    let text = String::from_utf8_lossy(m);
                    let text = text.replace(path.to_str().unwrap(), "FILE");
                    let cut = text.find("\nstack traceback:").unwrap_or(text.len());
                    text.as_bytes()[..cut].to_vec()
                })),
            })
        });
        std::fs::remove_file(&path).unwrap();
        result.unwrap()
    }

    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    fn failed(message: &str) -> Outcome {
        Outcome::Failed(Some(message.as_bytes().to_vec()))
    }

    #[test]
    fn a_clean_script_finishes() {
        assert_eq!(outcome_of("local x = 1 + 1", &[]), Outcome::Finished);
    }

    #[test]
    fn string_and_number_errors_keep_their_text() {
        assert_eq!(outcome_of("error('boom')", &[]), failed("FILE:1: boom"));
        assert_eq!(outcome_of("error(42)", &[]), failed("FILE:1: 42"));
        assert_eq!(outcome_of("error(2.5, 0)", &[]), failed("2.5"));
    }

    #[test]
    fn other_error_values_print_as_luajit_does() {
        assert_eq!(outcome_of("error(nil)", &[]), Outcome::Failed(None));
        assert_eq!(outcome_of("error()", &[]), Outcome::Failed(None));
        let not_a_string = failed("(error object is not a string)");
        assert_eq!(outcome_of("error({})", &[]), not_a_string);
        assert_eq!(outcome_of("error(true)", &[]), not_a_string);
        let tostring = "error(setmetatable({}, {__tostring = function() return 'T' end}))";
        assert_eq!(outcome_of(tostring, &[]), failed("T"));
        let failing = "error(setmetatable({}, {__tostring = function() error('x') end}))";
        assert_eq!(outcome_of(failing, &[]), failed("error in error handling"));
    }

    #[test]
    fn syntax_errors_are_reported_from_loading() {
        assert_eq!(outcome_of("x = = 1", &[]), failed("FILE:1: unexpected symbol near '='"));
    }

    #[test]
    fn arguments_reach_arg_and_varargs() {
        let script = "assert(arg[1] == 'a' and arg[2] == 'b' and #arg == 2)
            assert(arg[-1] == 'refrun-luajit')
            assert(select('#', ...) == 2 and select(2, ...) == 'b')";
        assert_eq!(outcome_of(script, &["a", "b"]), Outcome::Finished);
    }

    #[test]
    fn ffi_is_preloaded_not_global() {
        let script = "assert(ffi == nil) assert(type(require('ffi').new) == 'function')";
        assert_eq!(outcome_of(script, &[]), Outcome::Finished);
    }

    #[test]
    fn the_jit_is_on() {
        assert_eq!(outcome_of("assert(jit.status())", &[]), Outcome::Finished);
    }
}

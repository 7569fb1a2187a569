//! `refrun-lua51|refrun-lua54 file.lua args...`: runs a Lua file on PUC Lua the way the `lua`
//! command line does, so Neap's benchmark harness can time it as one more engine.
//!
//! The script sees the global `arg` (`arg[0]` is the script, `arg[1..]` its
//! arguments) and receives its arguments as `...`. Its chunk name is `@<path>`
//! (it is loaded with `loadfile`), and an uncaught error prints `lua: <message>`
//! on stderr and exits with status 1.

use mlua::{Lua, MultiValue, Value};
use std::process::ExitCode;

/// Loads and runs the script inside Lua itself, so the error message is Lua's own
/// text (no Rust-side wrapping) and the script's stack is the same as under `lua`.
const BOOTSTRAP: &str = r#"
local path = ...
local function fail(message)
  if type(message) ~= "string" and type(message) ~= "number" then
    message = "(error object is not a string)"
  end
  io.stderr:write("lua: ", tostring(message), "\n")
  io.stderr:flush()
  return false
end
local chunk, load_error = loadfile(path)
if not chunk then return fail(load_error) end
local unpack = unpack or table.unpack
local ok, run_error = pcall(chunk, unpack(arg, 1, #arg))
if not ok then return fail(run_error) end
io.stdout:flush()
return true
"#;

pub fn main() -> ExitCode {
    let mut args = std::env::args();
    let interpreter = args.next().unwrap_or_else(|| crate::RUNNER_NAME.to_string());
    let Some(script) = args.next() else {
        eprintln!("usage: {interpreter} script.lua [args...]");
        return ExitCode::from(2);
    };
    let script_args: Vec<String> = args.collect();
    match run(&interpreter, &script, &script_args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("lua: {error}");
            ExitCode::from(1)
        }
    }
}

/// Runs `script`; `Ok(false)` when it raised an error (already reported on stderr).
fn run(interpreter: &str, script: &str, script_args: &[String]) -> mlua::Result<bool> {
    // SAFETY: benchmark programs are trusted input and need the whole standard
    // library (`io`, `os`, `debug`) exactly as the `lua` command line opens it.
    let lua = unsafe { Lua::unsafe_new() };
    let arg = lua.create_table()?;
    arg.set(-1, interpreter)?;
    arg.set(0, script)?;
    for (index, value) in script_args.iter().enumerate() {
        arg.set(index as i64 + 1, value.as_str())?;
    }
    lua.globals().set("arg", arg)?;
    let bootstrap = lua.load(BOOTSTRAP).set_name("=refrun").into_function()?;
    let outcome: Value = bootstrap.call(MultiValue::from_iter([Value::String(lua.create_string(script)?)]))?;
    Ok(matches!(outcome, Value::Boolean(true)))
}

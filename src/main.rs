//! The `neap` command line, shaped like `luajit`:
//! `neap [options] [script [args]]` with `-e chunk`, `-l module`, `-i`, `-v`,
//! `-` (script from stdin).

use neap::vm::error::ErrorKind;
use neap::vm::{LuaError, Value, Vm};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

const PROGNAME: &str = "neap";

fn usage() {
    eprintln!(
        "usage: {PROGNAME} [options]... [script [args]...].
Available options are:
  -e chunk  Execute string 'chunk'.
  -l name   Require library 'name'.
  -i        Enter interactive mode after executing 'script'.
  -v        Show version information.
  -bl file  List the bytecode of a Lua file.
  --        Stop handling options.
  -         Execute stdin and stop handling options."
    );
}

fn version() -> String {
    format!("Neap {} -- a Lua VM speaking LuaJIT 2.1's dialect of Lua 5.1", env!("CARGO_PKG_VERSION"))
}

/// The text of an uncaught error, as `luajit` prints it.
fn error_text(vm: &mut Vm, e: &LuaError) -> String {
    let v = e.value;
    if v.is_string() || v.is_number() {
        return String::from_utf8_lossy(&vm.tostring_basic(v)).into_owned();
    }
    if !vm.metamethod(v, neap::vm::state::MetaMethod::ToString).is_nil() {
        if let Ok(s) = vm.tostring(v) {
            if s.is_string() {
                return String::from_utf8_lossy(vm.str_of(s)).into_owned();
            }
        }
    }
    "(error object is not a string)".to_string()
}

fn report(vm: &mut Vm, e: &LuaError) {
    vm.flush_stdout();
    if e.value.is_nil() {
        // luajit reports nothing for a nil error value.
        return;
    }
    let msg = error_text(vm, e);
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{PROGNAME}: {msg}");
    if e.kind != ErrorKind::Syntax {
        let tb = e.traceback.clone().unwrap_or_else(|| "stack traceback:\n\t[C]: ?".to_string());
        let _ = writeln!(err, "{tb}");
    }
    let _ = err.flush();
}

/// Loads and runs a chunk; reports an error and returns false on failure.
fn run_chunk(vm: &mut Vm, src: &[u8], chunkname: &[u8], args: &[Value]) -> bool {
    let f = match vm.load(src, chunkname) {
        Ok(f) => f,
        Err(e) => {
            report(vm, &e);
            return false;
        }
    };
    match vm.call(f, args) {
        Ok(_) => true,
        Err(e) => {
            report(vm, &e);
            false
        }
    }
}

fn repl(vm: &mut Vm) {
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    loop {
        vm.flush_stdout();
        print!("{}", if buffer.is_empty() { "> " } else { ">> " });
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        if stdin.lock().read_line(&mut line).unwrap_or(0) == 0 {
            println!();
            return;
        }
        buffer.push_str(&line);
        // Try it as an expression first, as luajit's REPL does with `=`.
        let expr = format!("return {}", buffer);
        let loaded = match vm.load(expr.as_bytes(), b"=stdin") {
            Ok(f) => Ok(f),
            Err(_) => vm.load(buffer.as_bytes(), b"=stdin"),
        };
        match loaded {
            Ok(f) => {
                buffer.clear();
                match vm.call(f, &[]) {
                    Ok(results) if !results.is_empty() => {
                        let print = vm.get_global("print");
                        if let Err(e) = vm.call(print, &results) {
                            report(vm, &e);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => report(vm, &e),
                }
            }
            Err(e) => {
                let text = error_text(vm, &e);
                if text.ends_with("'<eof>'") {
                    continue;
                }
                buffer.clear();
                report(vm, &e);
            }
        }
    }
}

/// `-bl file.lua`: list the bytecode, as `luajit -bl` does.
fn list_bytecode(path: &str) -> ExitCode {
    let Ok(src) = std::fs::read(path) else {
        eprintln!("{PROGNAME}: cannot open {path}");
        return ExitCode::FAILURE;
    };
    let chunkname = format!("@{path}");
    match neap::vm::parse::compile(&src, chunkname.as_bytes()) {
        Ok(def) => {
            let _ = std::io::stdout().write_all(&neap::vm::dump::dump(&def));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{PROGNAME}: {}", e.message);
            ExitCode::FAILURE
        }
    }
}

/// `-j cmd` and `-O flags`, as `luajit` takes them: `-joff`, `-jon`,
/// `-jflush`, `-jv`, `-jdump`, `-O3`, `-Ohotloop=10,-fold`.
fn jit_option(vm: &mut Vm, opt: &str) -> Result<(), String> {
    use neap::vm::tier::Control;
    let ctl = if let Some(list) = opt.strip_prefix("-O") {
        let args = if list.is_empty() { vec!["3".to_string()] } else { list.split(',').map(String::from).collect() };
        Control::Opt(args)
    } else {
        match &opt[2..] {
            "on" => Control::On,
            "off" => Control::Off,
            "flush" => Control::Flush,
            "v" => Control::Verbose,
            "dump" => Control::Dump,
            other => return Err(format!("unknown luaJIT command or jit.* modules not installed: {other}")),
        }
    };
    vm.jit_control(ctl).map_err(|e| error_text(vm, &e))
}

/// Where the script name is in `argv` (after the options and their
/// values), or `argv.len()` when there is none.
fn find_script(argv: &[String]) -> usize {
    let mut i = 1;
    while i < argv.len() {
        match argv[i].as_str() {
            "-e" | "-l" => i += 2,
            "--" => return i + 1,
            "-" => return i,
            s if s.starts_with('-') && s.len() > 1 => i += 1,
            _ => return i,
        }
    }
    argv.len()
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.len() == 3 && argv[1] == "-bl" {
        return list_bytecode(&argv[2]);
    }
    // NEAP_GC_STRESS=1 collects garbage at every safe point (debugging aid).
    let options = neap::vm::state::Options {
        gc_stress: std::env::var_os("NEAP_GC_STRESS").is_some_and(|v| v == "1"),
        ..Default::default()
    };
    let mut vm = Vm::with_options(options);
    neap_jit::engine::Engine::install(&mut vm, neap_jit::engine::JitConfig::default());
    // The global `arg` exists before any option runs: the script at 0, its
    // arguments from 1, the interpreter and options at negative indices.
    let script_index = find_script(&argv);
    let arg_table = vm.new_table(0, 0);
    for (k, a) in argv.iter().enumerate() {
        let v = vm.new_str(a.as_bytes());
        // A fresh table, live (it becomes a global right below).
        let _ = unsafe { (*arg_table).set(Value::number(k as f64 - script_index as f64), v) };
    }
    vm.set_global("arg", Value::table(arg_table));
    let mut i = 1;
    let mut interactive = false;
    let mut ran_something = false;
    // Options first (executed in order), then the script and its arguments.
    while i < argv.len() {
        let a = &argv[i];
        match a.as_str() {
            "-e" | "-l" => {
                let Some(val) = argv.get(i + 1) else {
                    usage();
                    return ExitCode::FAILURE;
                };
                let ok = if a == "-e" {
                    run_chunk(&mut vm, val.as_bytes(), b"=(command line)", &[])
                } else {
                    let src = format!("{0} = require(\"{0}\")", val);
                    run_chunk(&mut vm, src.as_bytes(), b"=(command line)", &[])
                };
                if !ok {
                    return ExitCode::FAILURE;
                }
                ran_something = true;
                i += 2;
            }
            "-i" => {
                interactive = true;
                i += 1;
            }
            "-v" => {
                vm.flush_stdout();
                println!("{}", version());
                ran_something = true;
                i += 1;
            }
            s if s.starts_with("-j") || s.starts_with("-O") => {
                if let Err(msg) = jit_option(&mut vm, s) {
                    vm.flush_stdout();
                    let _ = writeln!(std::io::stderr(), "{PROGNAME}: {msg}");
                    return ExitCode::FAILURE;
                }
                i += 1;
            }
            "--" => {
                i += 1;
                break;
            }
            "-" => break,
            s if s.starts_with('-') && s.len() > 1 => {
                usage();
                return ExitCode::FAILURE;
            }
            _ => break,
        }
    }
    if i < argv.len() {
        let script = &argv[i];
        let args: Vec<Value> = argv[i + 1..].iter().map(|a| vm.new_str(a.as_bytes())).collect();
        let (src, chunkname) = if script == "-" {
            let mut src = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut src);
            (src, b"=stdin".to_vec())
        } else {
            match std::fs::read(script) {
                Ok(src) => (src, format!("@{}", script).into_bytes()),
                Err(_) => {
                    let _ = writeln!(std::io::stderr(), "{PROGNAME}: cannot open {script}");
                    return ExitCode::FAILURE;
                }
            }
        };
        if !run_chunk(&mut vm, &src, &chunkname, &args) {
            return ExitCode::FAILURE;
        }
        ran_something = true;
    }
    if interactive || (!ran_something && std::io::stdin().is_terminal()) {
        if !ran_something {
            println!("{}", version());
        }
        repl(&mut vm);
    } else if !ran_something {
        let mut src = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut src);
        if !run_chunk(&mut vm, &src, b"=stdin", &[]) {
            return ExitCode::FAILURE;
        }
    }
    vm.flush_stdout();
    ExitCode::SUCCESS
}

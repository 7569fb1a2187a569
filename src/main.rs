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
  -b ...    Save or list bytecode (-b alone shows its options).
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

fn usage_bytecode() -> ExitCode {
    eprintln!(
        "Save Neap bytecode (LuaJIT 2.1's format): {PROGNAME} -b[options] input output
  -l        Only list bytecode.
  -s        Strip debug info (default).
  -g        Keep debug info.
  -d        Generate bytecode in deterministic manner.
  -F name   Override filename (default: input filename).
  -e chunk  Use chunk string as input.
  --        Stop handling options.
  -         Use stdin as input and/or stdout as output.

File types: raw only (C sources and object files are not supported)"
    );
    ExitCode::FAILURE
}

/// `-b[options] input output`: saves a chunk's bytecode dump as `luajit -b`
/// does (raw files only), or lists it with `-l`. `args` are the words
/// after `-b`, with the options glued to `-b` first.
fn save_bytecode(mut args: Vec<String>) -> ExitCode {
    let fail = |msg: &str| {
        eprintln!("{PROGNAME}: {msg}");
        ExitCode::FAILURE
    };
    let (mut list, mut strip, mut from_string) = (false, true, false);
    let mut filename: Option<String> = None;
    let mut n = 0;
    while n < args.len() {
        let a = args[n].clone();
        if !(a.starts_with('-') && a != "-") {
            n += 1;
            continue;
        }
        args.remove(n);
        if a == "--" {
            break;
        }
        let opts: Vec<char> = a.chars().skip(1).collect();
        for (m, &opt) in opts.iter().enumerate() {
            match opt {
                'l' => list = true,
                's' => strip = true,
                'g' => strip = false,
                // Dumps are always deterministic (see `DumpOptions`).
                'd' => {}
                'X' => {}
                'e' | 'F' | 'n' | 't' | 'a' | 'o' if m + 1 == opts.len() && n < args.len() => match opt {
                    'e' if n == 0 => from_string = true,
                    'F' => filename = Some(format!("@{}", args.remove(n))),
                    't' if args[n] == "raw" => {
                        args.remove(n);
                    }
                    't' | 'a' | 'o' => return fail("only raw bytecode files can be written"),
                    'n' => {
                        args.remove(n);
                    }
                    _ => return usage_bytecode(),
                },
                _ => return usage_bytecode(),
            }
        }
    }
    if list {
        return match args.as_slice() {
            [input] if !from_string => list_bytecode(input),
            _ => usage_bytecode(),
        };
    }
    let [input, output] = args.as_slice() else {
        return usage_bytecode();
    };
    let lower = output.to_ascii_lowercase();
    if [".c", ".cc", ".h", ".o", ".obj"].iter().any(|ext| lower.ends_with(ext)) {
        return fail("only raw bytecode files can be written");
    }
    let (src, chunkname) = if from_string {
        (input.as_bytes().to_vec(), filename.unwrap_or_else(|| input.clone()))
    } else {
        let src = if input == "-" {
            let mut s = Vec::new();
            let _ = std::io::stdin().read_to_end(&mut s);
            s
        } else {
            match std::fs::read(input) {
                Ok(s) => s,
                Err(_) => return fail(&format!("cannot open {input}")),
            }
        };
        let name = if input == "-" { "=stdin".to_string() } else { format!("@{input}") };
        (src, filename.unwrap_or(name))
    };
    let mut vm = Vm::new();
    let f = match vm.load(&src, chunkname.as_bytes()) {
        Ok(f) => f,
        Err(e) => {
            let msg = error_text(&mut vm, &e);
            return fail(&msg);
        }
    };
    // The function was just loaded; nothing runs before it is dumped.
    let Some(proto) = f.as_function_ptr().and_then(|fp| unsafe { (*fp).proto() }) else {
        return fail("unable to dump given function");
    };
    let opts = neap::vm::bcwrite::DumpOptions { strip };
    let bytes = neap::vm::bcwrite::dump(unsafe { &*proto }, opts);
    let written = if output == "-" {
        std::io::stdout().write_all(&bytes).and_then(|_| std::io::stdout().flush())
    } else {
        std::fs::write(output, &bytes)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write {output}: {e}")),
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

mod jit_bisect;

fn main() -> ExitCode {
    // `require` loads C modules through the C API linked into this binary.
    neap_capi::install_c_loader();
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).is_some_and(|a| a == "-jbisect") {
        return jit_bisect::bisect(&argv[2..]);
    }
    if let Some(opts) = argv.get(1).and_then(|a| a.strip_prefix("-b")) {
        // Everything after `-b` belongs to the bytecode saver.
        let mut args: Vec<String> = Vec::new();
        if !opts.is_empty() {
            args.push(format!("-{opts}"));
        }
        args.extend(argv[2..].iter().cloned());
        return save_bytecode(args);
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

//! The engines a program runs on, each as a separate process: Neap's own binary and
//! the reference runners in `refrun/` (PUC Lua and LuaJIT through mlua).

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The engine whose output every other engine must reproduce, and whose times the
/// ratios are relative to.
pub const REFERENCE: &str = "luajit";

#[derive(Debug, Clone)]
pub struct Engine {
    /// Short name used on the command line and as a column head, e.g. `lua54`.
    pub name: String,
    /// What the column is, for the report.
    pub description: String,
    pub launcher: Launcher,
}

#[derive(Debug, Clone)]
pub enum Launcher {
    /// `binary before... program args...`; `before` holds options (`-joff`) or a
    /// wrapper script that runs the program itself (used to switch LuaJIT's JIT off).
    Process { binary: PathBuf, before: Vec<std::ffi::OsString> },
    /// The engine cannot run; `planned` marks one that does not exist yet (not a failure).
    Unavailable { reason: String, planned: bool },
}

impl Engine {
    /// The command running `program` with `args`, or `None` for an unavailable engine.
    pub fn command(&self, program: &Path, args: &[String]) -> Option<Command> {
        let Launcher::Process { binary, before } = &self.launcher else {
            return None;
        };
        let mut command = Command::new(binary);
        command.args(before);
        command.arg(program).args(args);
        Some(command)
    }

    pub fn is_reference(&self) -> bool {
        self.name == REFERENCE
    }
}

/// Runs LuaJIT's interpreter only: the JIT is switched off and its traces flushed
/// before the program is loaded. The program gets its usual `arg` table and `...`.
const JIT_OFF_PRELUDE: &str = r#"-- Written by neap-bench: runs arg[1] on LuaJIT with the JIT compiler off.
jit.off()
jit.flush()
local program = arg[1]
local forwarded = { [-1] = arg[-1], [0] = program }
for i = 2, #arg do forwarded[i - 1] = arg[i] end
arg = forwarded
local chunk, message = loadfile(program)
if not chunk then error(message, 0) end
return chunk(unpack(forwarded, 1, #forwarded))
"#;

/// Where things are: the workspace root, and a scratch directory for generated files.
pub struct Layout {
    pub root: PathBuf,
    pub scratch: PathBuf,
}

impl Layout {
    fn release_binary(&self, name: &str) -> PathBuf {
        self.root.join("target").join("release").join(name)
    }
}

/// Resolves the requested engines in order, building their binaries first when
/// `build` is set. Build progress goes to stderr; a failed build makes that engine
/// unavailable instead of stopping the harness.
pub fn prepare(names: &[String], layout: &Layout, build: bool) -> Result<Vec<Engine>, String> {
    let mut engines = Vec::new();
    for name in names {
        let engine = match name.as_str() {
            "neap" => neap(layout, build, false),
            "neap-jit" => neap(layout, build, true),
            "luajit" => luajit(layout, build, false)?,
            "luajit-joff" => luajit(layout, build, true)?,
            "lua51" => puc_lua(layout, build, "lua51", "PUC Lua 5.1"),
            "lua54" => puc_lua(layout, build, "lua54", "PUC Lua 5.4"),
            other => {
                return Err(format!(
                    "unknown engine {other:?} (known: neap, neap-jit, luajit, luajit-joff, lua51, lua54)"
                ))
            }
        };
        if engines.iter().any(|e: &Engine| e.name == engine.name) {
            return Err(format!("engine {name} is listed twice"));
        }
        engines.push(engine);
    }
    Ok(engines)
}

fn neap(layout: &Layout, build: bool, jit: bool) -> Engine {
    let (name, description) =
        if jit { ("neap-jit", "Neap with its tracing JIT") } else { ("neap", "Neap, interpreter only (-joff)") };
    let description = description.to_string();
    let binary = layout.release_binary("neap");
    if build {
        let mut cargo = cargo();
        cargo
            .current_dir(&layout.root)
            .args(["build", "--release", "--bin", "neap", "--target-dir"])
            .arg(layout.root.join("target"));
        if let Err(reason) = run_build("neap", &mut cargo) {
            return unavailable(name, description, reason);
        }
    }
    let before = if jit { vec![] } else { vec!["-joff".into()] };
    process_engine(name, description, binary, before)
}

fn puc_lua(layout: &Layout, build: bool, name: &str, description: &str) -> Engine {
    let binary = layout.release_binary(&format!("refrun-{name}"));
    if build {
        if let Err(reason) = build_runner(layout, name) {
            return unavailable(name, description.to_string(), reason);
        }
    }
    process_engine(name, description.to_string(), binary, vec![])
}

/// LuaJIT through `refrun-luajit` when `refrun/luajit` exists; otherwise a `luajit`
/// found on PATH stands in, and the description says so.
fn luajit(layout: &Layout, build: bool, jit_off: bool) -> Result<Engine, String> {
    let name = if jit_off { "luajit-joff" } else { "luajit" };
    let mode = if jit_off { "LuaJIT 2.1, JIT off" } else { "LuaJIT 2.1, JIT on" };
    let mut binary = layout.release_binary("refrun-luajit");
    let mut description = mode.to_string();
    if build && layout.root.join("refrun/luajit/Cargo.toml").exists() {
        if let Err(reason) = build_runner(layout, "luajit") {
            eprintln!("neap-bench: {reason}");
        }
    }
    if !binary.exists() {
        if let Some(system) = find_on_path("luajit") {
            description = format!("{mode} (system {})", system.display());
            binary = system;
        }
    }
    let before = if jit_off {
        let path = layout.scratch.join("jit_off.lua");
        fs::write(&path, JIT_OFF_PRELUDE).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        vec![path.into_os_string()]
    } else {
        vec![]
    };
    Ok(process_engine(name, description, binary, before))
}

fn process_engine(name: &str, description: String, binary: PathBuf, before: Vec<std::ffi::OsString>) -> Engine {
    if !binary.exists() {
        return unavailable(name, description, format!("{} not built", binary.display()));
    }
    Engine { name: name.to_string(), description, launcher: Launcher::Process { binary, before } }
}

fn unavailable(name: &str, description: String, reason: String) -> Engine {
    Engine { name: name.to_string(), description, launcher: Launcher::Unavailable { reason, planned: false } }
}

fn build_runner(layout: &Layout, version: &str) -> Result<(), String> {
    let manifest = layout.root.join("refrun").join(version).join("Cargo.toml");
    let mut cargo = cargo();
    cargo
        .current_dir(&layout.root)
        .args(["build", "--release", "--manifest-path"])
        .arg(manifest)
        .arg("--target-dir")
        .arg(layout.root.join("target"));
    run_build(&format!("refrun-{version}"), &mut cargo)
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn run_build(what: &str, cargo: &mut Command) -> Result<(), String> {
    eprintln!("neap-bench: building {what}");
    match cargo.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("building {what} failed ({status})")),
        Err(e) => Err(format!("cannot run cargo to build {what}: {e}")),
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

/// Creates a fresh scratch directory for this run's generated files.
pub fn scratch_dir() -> io::Result<PathBuf> {
    let dir = env::temp_dir().join(format!("neap-bench-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout { root: PathBuf::from("/nonexistent-root"), scratch: env::temp_dir() }
    }

    #[test]
    fn unknown_and_duplicate_engines_are_errors() {
        assert!(prepare(&["nope".to_string()], &layout(), false).is_err());
        assert!(prepare(&["lua51".to_string(), "lua51".to_string()], &layout(), false).is_err());
    }

    #[test]
    fn missing_binaries_make_unavailable_engines() {
        let engines = prepare(&["neap".to_string(), "neap-jit".to_string()], &layout(), false).unwrap();
        assert!(matches!(&engines[0].launcher, Launcher::Unavailable { planned: false, .. }));
        assert!(matches!(&engines[1].launcher, Launcher::Unavailable { planned: false, .. }));
        assert!(engines[0].command(Path::new("x.lua"), &[]).is_none());
    }

    #[test]
    fn the_jit_off_prelude_forwards_arguments() {
        let engine = Engine {
            name: "luajit-joff".to_string(),
            description: String::new(),
            launcher: Launcher::Process { binary: PathBuf::from("luajit"), before: vec!["p.lua".into()] },
        };
        let command = engine.command(Path::new("prog.lua"), &["10".to_string()]).unwrap();
        let args: Vec<_> = command.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(args, ["p.lua", "prog.lua", "10"]);
    }
}

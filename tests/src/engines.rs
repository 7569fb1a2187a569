//! Finding (and building) the two engines the harness compares.
//!
//! - The reference runner, `refrun-luajit`, lives in its own Cargo workspace
//!   (`refrun/luajit`), so it is built with `cargo build --release --manifest-path
//!   refrun/luajit/Cargo.toml --target-dir <target>` into the main target directory,
//!   at `<target>/release/refrun-luajit`. Cargo makes this a no-op when it is fresh.
//! - `neap` is a binary of another package of the workspace, so Cargo gives this test
//!   no `CARGO_BIN_EXE_neap`: it is built with `cargo build -p neap --bin neap` in the
//!   test's own profile and target directory, found from the test executable's path
//!   (`<target>/<profile>/deps/differential-…`).
//!
//! `NEAP_BIN` and `NEAP_REF_BIN` name ready-made binaries instead, and skip the build.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the test executable says Cargo builds things.
#[derive(Clone, Debug)]
pub struct BuildDirs {
    /// The target directory (`target/`).
    pub target_dir: PathBuf,
    /// The profile's directory name inside it (`debug`, `release`, …).
    pub profile_dir_name: String,
}

impl BuildDirs {
    /// Derives the directories from the running test executable, which Cargo places at
    /// `<target>/<profile>/deps/<name>-<hash>`.
    pub fn of_current_exe() -> Result<BuildDirs, String> {
        let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
        let deps = exe.parent().ok_or("test executable has no directory")?;
        let profile = deps.parent().ok_or("no profile directory above deps/")?;
        let target = profile.parent().ok_or("no target directory above the profile")?;
        let profile_dir_name =
            profile.file_name().and_then(|name| name.to_str()).ok_or("profile directory name is not UTF-8")?.to_owned();
        Ok(BuildDirs { target_dir: target.to_path_buf(), profile_dir_name })
    }

    /// The `cargo build` option selecting the test's profile (`debug/` is `dev`).
    fn profile_args(&self) -> Vec<String> {
        match self.profile_dir_name.as_str() {
            "debug" => Vec::new(),
            "release" => vec!["--release".to_owned()],
            other => vec!["--profile".to_owned(), other.to_owned()],
        }
    }
}

fn cargo() -> Command {
    // Cargo tells the processes it runs where it is; fall back to the one on PATH.
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn run_cargo(mut command: Command, what: &str) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("could not run cargo to build {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("building {what} failed ({status})"))
    }
}

fn executable(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A binary named by an environment variable, if set; relative paths are taken from
/// `root`.
fn from_env(var: &str, root: &Path) -> Option<PathBuf> {
    let value = std::env::var_os(var).filter(|v| !v.is_empty())?;
    Some(root.join(value))
}

/// The reference runner: `NEAP_REF_BIN`, or built from `refrun/luajit`.
pub fn reference_runner(root: &Path, dirs: &BuildDirs) -> Result<PathBuf, String> {
    if let Some(path) = from_env("NEAP_REF_BIN", root) {
        return Ok(path);
    }
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["build", "--release", "--manifest-path"])
        .arg(root.join("refrun/luajit/Cargo.toml"))
        .arg("--target-dir")
        .arg(&dirs.target_dir);
    run_cargo(command, "the reference runner (refrun/luajit)")?;
    Ok(executable(&dirs.target_dir.join("release"), "refrun-luajit"))
}

/// The engine under test: `NEAP_BIN`, or the workspace's `neap` binary built in the
/// test's profile.
pub fn neap(root: &Path, dirs: &BuildDirs) -> Result<PathBuf, String> {
    if let Some(path) = from_env("NEAP_BIN", root) {
        return Ok(path);
    }
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["build", "-p", "neap", "--bin", "neap"])
        .args(dirs.profile_args())
        .arg("--target-dir")
        .arg(&dirs.target_dir);
    run_cargo(command, "neap")?;
    Ok(executable(&dirs.target_dir.join(&dirs.profile_dir_name), "neap"))
}

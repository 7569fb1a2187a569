//! The PUC Lua 5.1 reference runner. The runner itself is shared with the other
//! PUC Lua version (mlua's version features exclude each other, so each version is
//! its own crate around the same source).

const RUNNER_NAME: &str = "refrun-lua51";

#[path = "../../common/puc_runner.rs"]
mod puc_runner;

fn main() -> std::process::ExitCode {
    puc_runner::main()
}

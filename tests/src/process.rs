//! Running one engine on one program: a child process with captured output and a
//! time limit.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The process exited with this status code.
    Code(i32),
    /// The process was killed by this signal (a crash, on Unix).
    Signal(i32),
    /// The process ran past the time limit and was killed.
    TimedOut,
    /// The process could not be started; the reason.
    NotStarted(String),
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(code) => write!(f, "{code}"),
            Exit::Signal(signal) => write!(f, "killed by signal {signal}"),
            Exit::TimedOut => write!(f, "timed out"),
            Exit::NotStarted(reason) => write!(f, "not started: {reason}"),
        }
    }
}

/// Everything one run produced.
#[derive(Clone, Debug)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub exit: Exit,
}

/// How often a running child is checked for exit: short enough not to slow down a
/// corpus of hundreds of tiny programs.
const POLL_INTERVAL: Duration = Duration::from_millis(2);

/// Runs `program args...` in `dir` with no stdin, killing it after `timeout`.
pub fn run(program: &Path, args: &[&str], dir: &Path, timeout: Duration) -> RunOutput {
    let spawned = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env_remove("LUA_INIT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) => {
            return RunOutput {
                stdout: Vec::new(),
                stderr: Vec::new(),
                exit: Exit::NotStarted(format!("{}: {err}", program.display())),
            }
        }
    };
    // Drain both pipes while waiting, or a chatty child blocks on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let deadline = Instant::now() + timeout;
    let exit = wait_until(&mut child, deadline);
    // A grandchild may still hold the pipes open after the child is gone: wait for the
    // rest of the output only a little past the deadline, then give up on it.
    let output_deadline = deadline.max(Instant::now()) + OUTPUT_GRACE;
    RunOutput { stdout: collect(&stdout, output_deadline), stderr: collect(&stderr, output_deadline), exit }
}

/// How long output is still awaited after the time limit.
const OUTPUT_GRACE: Duration = Duration::from_secs(1);

/// At most this much of each stream is kept: a runaway program printing in a loop
/// until the time limit must not exhaust memory.
pub const OUTPUT_LIMIT: usize = 16 << 20;

/// Appended to a capture that hit `OUTPUT_LIMIT`.
pub const TRUNCATION_MARK: &[u8] = b"\n[output truncated by the harness]\n";

/// Reads `pipe` to its end on a thread of its own, which sends the bytes when done.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let bytes = pipe.map(read_capped).unwrap_or_default();
        // The receiver may have given up already; nothing to do then.
        let _ = sender.send(bytes);
    });
    receiver
}

/// Reads everything from `pipe`, keeping the first `OUTPUT_LIMIT` bytes. The rest is
/// read and dropped, so the writer never blocks on a full pipe.
fn read_capped(mut pipe: impl Read) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut truncated = false;
    let mut chunk = [0u8; 64 * 1024];
    loop {
        match pipe.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                let room = OUTPUT_LIMIT - kept.len();
                kept.extend_from_slice(&chunk[..n.min(room)]);
                truncated |= n > room;
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            // A read error just ends the capture; what was read is kept.
            Err(_) => break,
        }
    }
    if truncated {
        kept.extend_from_slice(TRUNCATION_MARK);
    }
    kept
}

fn collect(receiver: &mpsc::Receiver<Vec<u8>>, deadline: Instant) -> Vec<u8> {
    let wait = deadline.saturating_duration_since(Instant::now());
    receiver.recv_timeout(wait).unwrap_or_default()
}

fn wait_until(child: &mut Child, deadline: Instant) -> Exit {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return exit_of(status),
            Ok(None) if Instant::now() >= deadline => {
                // Killing can only fail if it already exited; reap it either way.
                let _ = child.kill();
                let _ = child.wait();
                return Exit::TimedOut;
            }
            Ok(None) => thread::sleep(POLL_INTERVAL),
            Err(err) => return Exit::NotStarted(format!("wait failed: {err}")),
        }
    }
}

fn exit_of(status: std::process::ExitStatus) -> Exit {
    if let Some(code) = status.code() {
        return Exit::Code(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Exit::Signal(signal);
        }
    }
    Exit::Code(-1)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Duration) -> RunOutput {
        run(Path::new("/bin/sh"), &["-c", script], Path::new("/"), timeout)
    }

    #[test]
    fn captures_both_streams_and_the_code() {
        let out = sh("echo out; echo err >&2; exit 3", Duration::from_secs(10));
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
        assert_eq!(out.exit, Exit::Code(3));
    }

    #[test]
    fn kills_a_program_that_runs_too_long() {
        let started = Instant::now();
        let out = sh("sleep 5", Duration::from_millis(100));
        assert_eq!(out.exit, Exit::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn caps_runaway_output() {
        let out = sh("yes 0123456789 | head -c 20000000", Duration::from_secs(30));
        assert_eq!(out.stdout.len(), OUTPUT_LIMIT + TRUNCATION_MARK.len());
        assert!(out.stdout.ends_with(TRUNCATION_MARK));
        assert_eq!(out.exit, Exit::Code(0));
    }

    #[test]
    fn reports_a_missing_program() {
        let out = run(Path::new("/nonexistent/engine"), &["x.lua"], Path::new("/"), Duration::from_secs(1));
        assert!(matches!(out.exit, Exit::NotStarted(_)));
    }
}

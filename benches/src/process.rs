//! Running one engine process and measuring it: wall time from spawn to exit, and the
//! peak resident memory of that child alone (`wait4` with a per-child `rusage`;
//! `getrusage(RUSAGE_CHILDREN)` keeps the maximum over all children ever reaped, so
//! it cannot tell runs apart).

use std::io::{self, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How a child process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    /// Killed by the harness after the time limit.
    TimedOut,
}

/// One finished run.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub exit: Exit,
    pub wall: Duration,
    pub max_rss_kib: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.exit == Exit::Code(0)
    }

    /// A one-line reason for a failed run, for the report.
    pub fn failure_summary(&self) -> String {
        let how = match self.exit {
            Exit::Code(code) => format!("exit {code}"),
            Exit::Signal(signal) => format!("killed by signal {signal}"),
            Exit::TimedOut => "timed out".to_string(),
        };
        let stderr = String::from_utf8_lossy(&self.stderr);
        match stderr.lines().find(|l| !l.trim().is_empty()) {
            Some(line) => format!("{how}: {}", truncate(line.trim(), 120)),
            None => how,
        }
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max_chars).collect();
    cut.push('…');
    cut
}

/// Runs `command` to completion (stdin closed, stdout and stderr captured), killing it
/// after `timeout`.
pub fn run(command: &mut Command, timeout: Duration) -> io::Result<Outcome> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn()?;
    let pid = child.id() as libc::pid_t;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());

    let (finished, finished_rx) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = finished_rx.recv_timeout(timeout) {
            // SAFETY: the child has not been reaped yet (the main thread reaps it only
            // after this thread has been joined), so `pid` still names our child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            return true;
        }
        false
    });

    // Wait for the exit without reaping, so the pid cannot be reused while the
    // watchdog may still signal it.
    wait_for_exit_unreaped(pid)?;
    let wall = start.elapsed();
    let _ = finished.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    let (status, usage) = reap(pid)?;
    drop(child);

    let exit = if timed_out {
        Exit::TimedOut
    } else if libc::WIFEXITED(status) {
        Exit::Code(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Exit::Signal(libc::WTERMSIG(status))
    } else {
        Exit::Code(-1)
    };
    Ok(Outcome {
        exit,
        wall,
        // Linux reports ru_maxrss in KiB.
        max_rss_kib: usage.ru_maxrss.max(0) as u64,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Reads a child's pipe to its end on a thread of its own, so that neither pipe can
/// fill up and block the child.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

fn wait_for_exit_unreaped(pid: libc::pid_t) -> io::Result<()> {
    loop {
        // SAFETY: siginfo_t is plain data that waitid fills in; zeroed is a valid value.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `info` is a valid, writable siginfo_t for the duration of the call.
        let rc = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
        if rc == 0 {
            return Ok(());
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn reap(pid: libc::pid_t) -> io::Result<(libc::c_int, libc::rusage)> {
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: rusage is plain data that wait4 fills in; zeroed is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: both out-pointers are valid and writable for the duration of the call.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if rc == pid {
            return Ok((status, usage));
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_output_and_exit_code() {
        let outcome =
            run(Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]), Duration::from_secs(10)).unwrap();
        assert_eq!(outcome.exit, Exit::Code(3));
        assert_eq!(outcome.stdout, b"out\n");
        assert_eq!(outcome.failure_summary(), "exit 3: err");
        assert!(outcome.max_rss_kib > 0);
    }

    #[test]
    fn reports_a_crash_by_signal() {
        let outcome = run(Command::new("sh").args(["-c", "kill -SEGV $$"]), Duration::from_secs(10)).unwrap();
        assert_eq!(outcome.exit, Exit::Signal(libc::SIGSEGV));
        assert_eq!(outcome.failure_summary(), format!("killed by signal {}", libc::SIGSEGV));
    }

    #[test]
    fn kills_after_the_timeout() {
        let outcome = run(Command::new("sleep").arg("5"), Duration::from_millis(100)).unwrap();
        assert_eq!(outcome.exit, Exit::TimedOut);
        assert!(outcome.wall < Duration::from_secs(4));
    }

    #[test]
    fn missing_binary_is_an_error_not_a_panic() {
        assert!(run(&mut Command::new("/nonexistent/engine"), Duration::from_secs(1)).is_err());
    }
}

//! Measuring one program on every engine: interleaved runs (A B C A B C ...), each
//! run's output checked against the reference engine's before its time counts.

use crate::engine::{Engine, Launcher};
use crate::process;
use crate::stats;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// What one engine did on one program.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Every run succeeded with the reference output.
    Timed(Timing),
    /// A crash, a time-out or a wrong output: no time is reported.
    Failed(String),
    /// The engine could not run at all; `planned` marks one that does not exist yet.
    Unavailable { reason: String, planned: bool },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timing {
    /// Wall time of each run, in seconds.
    pub walls: Vec<f64>,
    /// Peak resident memory over the runs, in KiB.
    pub max_rss_kib: u64,
}

impl Cell {
    pub fn median(&self) -> Option<f64> {
        match self {
            Cell::Timed(t) => stats::median(&t.walls),
            _ => None,
        }
    }

    /// A failure that should make `--quick` exit non-zero (a planned engine's absence
    /// is not one).
    pub fn is_failure(&self) -> bool {
        match self {
            Cell::Timed(_) => false,
            Cell::Failed(_) => true,
            Cell::Unavailable { planned, .. } => !planned,
        }
    }
}

/// Runs `program args` `runs` times on each engine and checks every output against
/// the reference engine's (`reference` is also among `engines` when it is timed).
pub fn measure(
    label: &str,
    engines: &[Engine],
    reference: &Engine,
    program: &Path,
    args: &[String],
    runs: usize,
    timeout: Duration,
) -> Vec<Cell> {
    let mut cells: Vec<Cell> = engines
        .iter()
        .map(|engine| match &engine.launcher {
            Launcher::Unavailable { reason, planned } => {
                Cell::Unavailable { reason: reason.clone(), planned: *planned }
            }
            Launcher::Process { .. } => Cell::Timed(Timing::default()),
        })
        .collect();

    // The reference runs first in every round so that its output is known before any
    // other output is checked; when it is not timed, it runs once beforehand.
    let mut order: Vec<usize> = (0..engines.len()).collect();
    order.sort_by_key(|&i| !engines[i].is_reference());
    let reference_timed = engines.iter().any(|e| e.is_reference());
    let mut expected: Option<Vec<u8>> = None;
    if !reference_timed {
        match run_reference(reference, program, args, timeout) {
            Ok(output) => expected = Some(output),
            Err(reason) => return fail_all(cells, &format!("no reference output: {reason}")),
        }
    }

    for round in 1..=runs {
        eprint!("  {label} [{round}/{runs}]");
        for &i in &order {
            let engine = &engines[i];
            let Cell::Timed(timing) = &mut cells[i] else {
                continue;
            };
            let Some(mut command) = engine.command(program, args) else {
                continue;
            };
            let result = process::run(&mut command, timeout);
            let verdict = match result {
                Err(e) => Err(format!("cannot start: {e}")),
                Ok(outcome) if !outcome.succeeded() => Err(outcome.failure_summary()),
                Ok(outcome) => match &expected {
                    Some(want) if *want != outcome.stdout => Err(describe_mismatch(want, &outcome.stdout)),
                    _ => Ok(outcome),
                },
            };
            match verdict {
                Ok(outcome) => {
                    let wall = outcome.wall.as_secs_f64();
                    eprint!("  {} {:.3}s", engine.name, wall);
                    timing.walls.push(wall);
                    timing.max_rss_kib = timing.max_rss_kib.max(outcome.max_rss_kib);
                    if expected.is_none() {
                        expected = Some(outcome.stdout);
                    }
                }
                Err(reason) => {
                    eprint!("  {} FAILED", engine.name);
                    let reference_failed = engine.is_reference() && expected.is_none();
                    cells[i] = Cell::Failed(reason.clone());
                    if reference_failed {
                        eprintln!();
                        let _ = std::io::stderr().flush();
                        let mut cells = fail_all(cells, &format!("no reference output: {reason}"));
                        cells[i] = Cell::Failed(reason);
                        return cells;
                    }
                }
            }
            let _ = std::io::stderr().flush();
        }
        eprintln!();
    }
    cells
}

fn run_reference(reference: &Engine, program: &Path, args: &[String], timeout: Duration) -> Result<Vec<u8>, String> {
    let mut command = reference.command(program, args).ok_or_else(|| format!("{} is not available", reference.name))?;
    match process::run(&mut command, timeout) {
        Ok(outcome) if outcome.succeeded() => Ok(outcome.stdout),
        Ok(outcome) => Err(outcome.failure_summary()),
        Err(e) => Err(format!("cannot start {}: {e}", reference.name)),
    }
}

fn fail_all(cells: Vec<Cell>, reason: &str) -> Vec<Cell> {
    cells
        .into_iter()
        .map(|cell| match cell {
            Cell::Timed(_) => Cell::Failed(reason.to_string()),
            other => other,
        })
        .collect()
}

/// Names the first line where `got` differs from `want`.
fn describe_mismatch(want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let mut want_lines = want.lines();
    let mut got_lines = got.lines();
    let mut line = 0;
    loop {
        line += 1;
        match (want_lines.next(), got_lines.next()) {
            (Some(w), Some(g)) if w == g => continue,
            (None, None) => return "output differs from LuaJIT's in line endings or trailing bytes".to_string(),
            (w, g) => {
                let show = |l: Option<&str>| {
                    l.map(|l| format!("{:?}", clip(l))).unwrap_or_else(|| "end of output".to_string())
                };
                return format!("output differs from LuaJIT's at line {line}: expected {}, got {}", show(w), show(g));
            }
        }
    }
}

fn clip(line: &str) -> String {
    if line.chars().count() > 60 {
        line.chars().take(60).collect::<String>() + "…"
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn shell_engine(name: &str, script: &str) -> Engine {
        // `sh script program args...`: the script is read by sh, never executed
        // itself, so no test can hit a "text file busy" race while another writes it.
        let dir = std::env::temp_dir().join(format!("neap-bench-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}-{}.sh", script.len()));
        std::fs::write(&path, format!("{script}\n")).unwrap();
        Engine {
            name: name.to_string(),
            description: String::new(),
            launcher: Launcher::Process { binary: PathBuf::from("/bin/sh"), before: vec![path.into_os_string()] },
        }
    }

    #[test]
    fn wrong_outputs_and_crashes_are_failed_cells() {
        let reference = shell_engine("luajit", "echo 42");
        let engines = vec![
            reference.clone(),
            shell_engine("same", "echo 42"),
            shell_engine("wrong", "echo 41"),
            shell_engine("crash", "echo boom >&2; exit 1"),
            Engine {
                name: "later".to_string(),
                description: String::new(),
                launcher: Launcher::Unavailable { reason: "not yet".to_string(), planned: true },
            },
        ];
        let cells = measure("t", &engines, &reference, &PathBuf::from("p.lua"), &[], 2, Duration::from_secs(10));
        assert!(matches!(&cells[0], Cell::Timed(t) if t.walls.len() == 2));
        assert!(matches!(&cells[1], Cell::Timed(t) if t.walls.len() == 2));
        assert!(matches!(&cells[2], Cell::Failed(r) if r.contains("line 1")));
        assert!(matches!(&cells[3], Cell::Failed(r) if r == "exit 1: boom"));
        assert!(!cells[4].is_failure());
        assert!(cells[2].is_failure());
    }

    #[test]
    fn a_failing_reference_fails_every_cell() {
        let reference = shell_engine("luajit", "exit 2");
        let engines = vec![reference.clone(), shell_engine("other", "echo hi")];
        let cells = measure("t", &engines, &reference, &PathBuf::from("p.lua"), &[], 3, Duration::from_secs(10));
        assert!(cells.iter().all(|c| matches!(c, Cell::Failed(_))));
    }

    #[test]
    fn mismatch_description() {
        assert_eq!(
            describe_mismatch(b"a\nb\n", b"a\n"),
            "output differs from LuaJIT's at line 2: expected \"b\", got end of output"
        );
    }
}

//! Neap's differential harness: runs every corpus program on the reference runner
//! (LuaJIT) and on `neap`, and compares what they show. See `tests/README.md`.
//!
//! The test target `tests/differential.rs` drives it; this library holds the parts.

pub mod corpus;
pub mod engines;
pub mod known_failures;
pub mod outcome;
pub mod process;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use outcome::Outcome;

/// What a differential run needs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The repository root: the engines' working directory.
    pub root: PathBuf,
    pub reference: PathBuf,
    pub neap: PathBuf,
    /// Options given to `neap` before the script (to pick a tier, e.g. `-joff`).
    pub neap_args: Vec<String>,
    /// Time limit of each single run.
    pub timeout: Duration,
    /// Programs run at once.
    pub jobs: usize,
    /// Also run the reference a second time, to catch corpus programs whose output is
    /// not deterministic.
    pub check_determinism: bool,
}

/// Both engines' outcomes for one program.
#[derive(Clone, Debug)]
pub struct ProgramResult {
    pub path: String,
    pub reference: Outcome,
    pub neap: Outcome,
    /// The reference's second run, when determinism is checked.
    pub reference_again: Option<Outcome>,
}

impl ProgramResult {
    pub fn agrees(&self) -> bool {
        self.reference == self.neap
    }

    /// A problem with the program itself rather than with Neap: the reference timed
    /// out, could not start, or gave different results on two runs.
    pub fn corpus_problem(&self) -> Option<String> {
        use process::Exit;
        match &self.reference.exit {
            Exit::TimedOut => return Some("the reference runner timed out".to_owned()),
            Exit::NotStarted(why) => return Some(format!("the reference runner {why}")),
            Exit::Signal(signal) => return Some(format!("the reference runner was killed by signal {signal}")),
            Exit::Code(_) => {}
        }
        match &self.reference_again {
            Some(again) if *again != self.reference => Some(format!(
                "the reference gave different results on two runs:\n{}",
                outcome::diff_labelled(&self.reference, again, "first run", "second run")
            )),
            _ => None,
        }
    }
}

/// Runs `programs` (paths relative to `config.root`) on both engines, `config.jobs` at a
/// time, and returns the results in the same order.
pub fn run_all(config: &Config, programs: &[String]) -> Vec<ProgramResult> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<ProgramResult>>> = Mutex::new(vec![None; programs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = programs.get(index) else {
                    break;
                };
                let result = run_one(config, path);
                // A poisoned lock only means another worker panicked; keep going.
                let mut slots = slots.lock().unwrap_or_else(|e| e.into_inner());
                slots[index] = Some(result);
            });
        }
    });
    slots.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
}

fn run_one(config: &Config, path: &str) -> ProgramResult {
    let run =
        |engine: &Path, args: &[&str]| Outcome::from_run(&process::run(engine, args, &config.root, config.timeout));
    let neap_args: Vec<&str> = config.neap_args.iter().map(String::as_str).chain([path]).collect();
    ProgramResult {
        path: path.to_owned(),
        reference: run(&config.reference, &[path]),
        neap: run(&config.neap, &neap_args),
        reference_again: config.check_determinism.then(|| run(&config.reference, &[path])),
    }
}

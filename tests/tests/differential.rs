//! The differential test: every corpus program on LuaJIT (the reference runner) and on
//! `neap`, compared. A test target without libtest (`harness = false`): `main` reports
//! and exits non-zero on failure. Settings come from the environment; see
//! `tests/README.md`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use neap_tests::{corpus, engines, known_failures, outcome, Config, ProgramResult};

const DEFAULT_KNOWN_FAILURES: &str = "tests/known-failures.txt";
const DEFAULT_TIMEOUT_SECONDS: u64 = 10;
const DEFAULT_JOBS: usize = 2;

fn main() {
    let passed = match run() {
        Ok(passed) => passed,
        Err(message) => {
            eprintln!("differential: error: {message}");
            false
        }
    };
    std::process::exit(if passed { 0 } else { 1 });
}

/// What the command line asks for. Cargo passes libtest's options through; the ones
/// that matter are understood, the rest ignored. Other words filter the corpus.
struct Args {
    filters: Vec<String>,
    list_only: bool,
    ignored_only: bool,
}

impl Args {
    fn parse() -> Args {
        const TAKES_VALUE: [&str; 6] = ["--test-threads", "--skip", "--color", "--format", "--logfile", "-Z"];
        let mut args = Args { filters: Vec::new(), list_only: false, ignored_only: false };
        let mut words = std::env::args_os().skip(1).map(|word| word.to_string_lossy().into_owned());
        while let Some(word) = words.next() {
            match word.as_str() {
                "--list" => args.list_only = true,
                "--ignored" => args.ignored_only = true,
                flag if TAKES_VALUE.contains(&flag) => {
                    words.next();
                }
                flag if flag.starts_with('-') => {}
                _ => args.filters.push(word),
            }
        }
        args
    }

    fn selects(&self, path: &str) -> bool {
        self.filters.is_empty() || self.filters.iter().any(|f| path.contains(f.as_str()))
    }
}

/// The settings read from the environment.
struct Settings {
    /// The known-failures list, or `None` when every program must agree.
    known_failures_file: Option<PathBuf>,
    update_known_failures: bool,
    show_known: bool,
    timeout: Duration,
    jobs: usize,
    check_determinism: bool,
    neap_args: Vec<String>,
    tiers: Option<String>,
}

impl Settings {
    fn from_env(root: &Path) -> Result<Settings, String> {
        let known_failures_file = match env_text("NEAP_KNOWN_FAILURES") {
            Some(value) if value == "none" => None,
            Some(value) => Some(root.join(value)),
            None => Some(root.join(DEFAULT_KNOWN_FAILURES)),
        };
        Ok(Settings {
            known_failures_file,
            update_known_failures: env_flag("NEAP_UPDATE_KNOWN_FAILURES"),
            show_known: env_flag("NEAP_SHOW_KNOWN"),
            timeout: Duration::from_secs(env_number("NEAP_TEST_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)?),
            jobs: env_number("NEAP_TEST_JOBS", DEFAULT_JOBS)?,
            check_determinism: env_text("NEAP_CHECK_DETERMINISM").as_deref() != Some("0"),
            neap_args: env_text("NEAP_ARGS").unwrap_or_default().split_whitespace().map(str::to_owned).collect(),
            tiers: env_text("NEAP_TIERS"),
        })
    }

    /// The tiers to run, as (name, neap options): `NEAP_ARGS` alone if set;
    /// else the tiers `NEAP_TIERS` names (comma-separated), by default all
    /// three: the interpreter alone, the JIT with its defaults, and the JIT
    /// under stress (every loop and exit hot at once).
    fn tiers(&self) -> Vec<(String, Vec<String>)> {
        if !self.neap_args.is_empty() {
            return vec![("custom".into(), self.neap_args.clone())];
        }
        let all = [("interp", "-joff"), ("jit", ""), ("stress", "-Ohotloop=1,hotexit=1")];
        let wanted = self.tiers.clone().unwrap_or_else(|| "interp,jit,stress".into());
        all.iter()
            .filter(|(name, _)| wanted.split(',').any(|w| w == *name))
            .map(|(name, args)| (name.to_string(), args.split_whitespace().map(str::to_owned).collect()))
            .collect()
    }

    fn listed_known_failures(&self) -> Result<BTreeSet<String>, String> {
        let Some(file) = &self.known_failures_file else {
            return Ok(BTreeSet::new());
        };
        match std::fs::read_to_string(file) {
            Ok(text) => Ok(known_failures::parse(&text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
            Err(e) => Err(format!("reading {}: {e}", file.display())),
        }
    }
}

/// A non-empty environment variable's text.
fn env_text(name: &str) -> Option<String> {
    std::env::var_os(name).map(|value| value.to_string_lossy().into_owned()).filter(|value| !value.is_empty())
}

fn env_flag(name: &str) -> bool {
    env_text(name).is_some_and(|value| value != "0")
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match env_text(name) {
        Some(text) => text.parse().map_err(|_| format!("{name}={text} is not a number")),
        None => Ok(default),
    }
}

fn repository_root() -> PathBuf {
    // This package sits at `<root>/tests`.
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn run() -> Result<bool, String> {
    let args = Args::parse();
    if args.list_only {
        println!("differential: test");
        return Ok(true);
    }
    if args.ignored_only {
        println!("differential: not an ignored test, skipped");
        return Ok(true);
    }
    let started = Instant::now();
    let root = repository_root();
    let settings = Settings::from_env(&root)?;
    let programs: Vec<String> = corpus::programs(&root)?.into_iter().filter(|path| args.selects(path)).collect();

    let dirs = engines::BuildDirs::of_current_exe()?;
    let mut config = Config {
        reference: engines::reference_runner(&root, &dirs)?,
        neap: engines::neap(&root, &dirs)?,
        neap_args: Vec::new(),
        timeout: settings.timeout,
        jobs: settings.jobs,
        check_determinism: settings.check_determinism,
        root: root.clone(),
    };
    let listed = settings.listed_known_failures()?;
    let mut all_passed = true;
    for (tier, neap_args) in settings.tiers() {
        config.neap_args = neap_args;
        all_passed &= run_tier(&tier, &config, &settings, &programs, &listed, started)?;
    }
    Ok(all_passed)
}

/// Runs the corpus on one tier (`neap` with that tier's options) and judges it.
fn run_tier(
    tier: &str,
    config: &Config,
    settings: &Settings,
    programs: &[String],
    listed: &BTreeSet<String>,
    started: Instant,
) -> Result<bool, String> {
    let root = &config.root;
    let neap_command: String = std::iter::once(config.neap.display().to_string())
        .chain(config.neap_args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    println!(
        "differential [{tier}]: {} programs, reference {}, neap {neap_command}",
        programs.len(),
        config.reference.display(),
    );

    let results = neap_tests::run_all(config, programs);
    let broken = report_corpus_problems(&results);
    let in_corpus = |path: &str| corpus::contains(root, path);

    let (passed, tally) = if settings.update_known_failures {
        let file = settings
            .known_failures_file
            .as_ref()
            .ok_or("NEAP_UPDATE_KNOWN_FAILURES needs a known-failures file, not `none`")?;
        let tally = update_known_failures(file, &results, listed, &broken, in_corpus)?;
        (broken.is_empty(), tally)
    } else {
        judge(&results, listed, &broken, settings.show_known, in_corpus)
    };

    let agreeing = results.iter().filter(|r| r.agrees()).count();
    println!(
        "differential [{tier}]: {agreeing} of {} programs agree ({:.1} s): {}",
        results.len(),
        started.elapsed().as_secs_f64(),
        if passed { "ok" } else { "FAILED" }
    );
    println!("differential [{tier}]: {} passed, {} failed, {} skipped", tally.passed, tally.failed, tally.skipped);
    Ok(passed)
}

fn agreement(results: &[ProgramResult]) -> Vec<(String, bool)> {
    results.iter().map(|r| (r.path.clone(), r.agrees())).collect()
}

/// Prints the programs whose reference runs are unusable; returns their paths.
fn report_corpus_problems(results: &[ProgramResult]) -> BTreeSet<String> {
    let mut broken = BTreeSet::new();
    for result in results {
        if let Some(problem) = result.corpus_problem() {
            println!("\n=== CORPUS PROBLEM {}: {problem}", result.path);
            broken.insert(result.path.clone());
        }
    }
    broken
}

/// Rewrites the known-failures list from this run.
fn update_known_failures(
    file: &Path,
    results: &[ProgramResult],
    listed: &BTreeSet<String>,
    broken: &BTreeSet<String>,
    in_corpus: impl Fn(&str) -> bool,
) -> Result<Tally, String> {
    let agreement = agreement(results);
    let list = known_failures::updated(&agreement, listed, in_corpus);
    std::fs::write(file, known_failures::render(&list)).map_err(|e| format!("writing {}: {e}", file.display()))?;
    println!("differential: wrote {} ({} entries)", file.display(), list.len());
    // The rewritten list expects exactly this run's disagreements.
    let mut tally = Tally::default();
    for (path, agreed) in &agreement {
        tally.count(broken.contains(path), true, !*agreed);
    }
    Ok(tally)
}

/// Judges the run against the known-failures list, prints what fails, and returns
/// whether the test passes.
fn judge(
    results: &[ProgramResult],
    listed: &BTreeSet<String>,
    broken: &BTreeSet<String>,
    show_known: bool,
    in_corpus: impl Fn(&str) -> bool,
) -> (bool, Tally) {
    let agreement = agreement(results);
    let verdict = known_failures::judge(&agreement, listed, in_corpus);
    report_mismatches(results, &verdict, show_known);
    println!(
        "\ndifferential: {} known failures, {} unexpected disagreements, {} listed but \
         agreeing now, {} stale entries, {} corpus problems",
        verdict.expected.len(),
        verdict.unexpected.len(),
        verdict.fixed.len(),
        verdict.stale.len(),
        broken.len()
    );
    let still_failing: BTreeSet<&str> = verdict.expected.iter().map(String::as_str).collect();
    let mut tally = Tally::default();
    for (path, agreed) in &agreement {
        let known_failure = still_failing.contains(path.as_str());
        let as_expected = known_failure || (*agreed && !listed.contains(path));
        tally.count(broken.contains(path), as_expected, known_failure);
    }
    tally.failed += verdict.stale.len();
    (verdict.passed() && broken.is_empty(), tally)
}

/// The closing line's counts, per program: passed (agrees, as expected), failed (a
/// corpus problem, or a result the known-failures list did not expect), skipped (a
/// listed known failure that still disagrees). Stale list entries count as failed.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    skipped: usize,
}

impl Tally {
    fn count(&mut self, broken: bool, as_expected: bool, known_failure: bool) {
        if broken || !as_expected {
            self.failed += 1;
        } else if known_failure {
            self.skipped += 1;
        } else {
            self.passed += 1;
        }
    }
}

fn report_mismatches(results: &[ProgramResult], verdict: &known_failures::Verdict, show_known: bool) {
    let unexpected: BTreeSet<&str> = verdict.unexpected.iter().map(String::as_str).collect();
    for result in results {
        let is_unexpected = unexpected.contains(result.path.as_str());
        if is_unexpected || (show_known && !result.agrees()) {
            let label = if is_unexpected { "MISMATCH" } else { "KNOWN FAILURE" };
            println!("\n=== {label} {}", result.path);
            print!("{}", outcome::diff(&result.reference, &result.neap));
        }
    }
    for path in &verdict.fixed {
        println!("\n=== NOW AGREES {path}: remove it from the known-failures list");
    }
    for path in &verdict.stale {
        println!("\n=== STALE known-failures entry {path}: no such corpus program");
    }
}

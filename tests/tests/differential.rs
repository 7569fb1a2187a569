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

fn parse_args() -> Args {
    const TAKES_VALUE: [&str; 6] = [
        "--test-threads",
        "--skip",
        "--color",
        "--format",
        "--logfile",
        "-Z",
    ];
    let mut args = Args {
        filters: Vec::new(),
        list_only: false,
        ignored_only: false,
    };
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        match word.as_str() {
            "--list" => args.list_only = true,
            "--ignored" => args.ignored_only = true,
            flag if TAKES_VALUE.contains(&flag) => {
                words.next();
            }
            flag if flag.starts_with('-') => {}
            filter => args.filters.push(filter.to_owned()),
        }
    }
    args
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(text) if !text.is_empty() => text
            .parse()
            .map_err(|_| format!("{name}={text} is not a number")),
        _ => Ok(default),
    }
}

fn repository_root() -> PathBuf {
    // This package sits at `<root>/tests`.
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn run() -> Result<bool, String> {
    let args = parse_args();
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
    let all_programs = corpus::programs(&root)?;
    let programs: Vec<String> = all_programs
        .iter()
        .filter(|path| {
            args.filters.is_empty() || args.filters.iter().any(|f| path.contains(f.as_str()))
        })
        .cloned()
        .collect();

    let dirs = engines::BuildDirs::of_current_exe()?;
    let config = Config {
        reference: engines::reference_runner(&root, &dirs)?,
        neap: engines::neap(&root, &dirs)?,
        timeout: Duration::from_secs(env_number("NEAP_TEST_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)?),
        jobs: env_number("NEAP_TEST_JOBS", DEFAULT_JOBS)?,
        check_determinism: !std::env::var("NEAP_CHECK_DETERMINISM").is_ok_and(|v| v == "0"),
        root: root.clone(),
    };
    println!(
        "differential: {} programs, reference {}, neap {}",
        programs.len(),
        config.reference.display(),
        config.neap.display()
    );

    let known_failures_file = match std::env::var("NEAP_KNOWN_FAILURES") {
        Ok(value) if value == "none" => None,
        Ok(value) if !value.is_empty() => Some(root.join(value)),
        _ => Some(root.join(DEFAULT_KNOWN_FAILURES)),
    };
    let listed = match &known_failures_file {
        None => BTreeSet::new(),
        Some(file) => match std::fs::read_to_string(file) {
            Ok(text) => known_failures::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeSet::new(),
            Err(e) => return Err(format!("reading {}: {e}", file.display())),
        },
    };

    let results = neap_tests::run_all(&config, &programs);
    let agreement: Vec<(String, bool)> = results
        .iter()
        .map(|r| (r.path.clone(), r.agrees()))
        .collect();
    let in_corpus = |path: &str| corpus::contains(&root, path);
    let show_known = env_flag("NEAP_SHOW_KNOWN");

    let mut corpus_problems = 0;
    for result in &results {
        if let Some(problem) = result.corpus_problem() {
            corpus_problems += 1;
            println!("\n=== CORPUS PROBLEM {}: {problem}", result.path);
        }
    }

    let passed = if env_flag("NEAP_UPDATE_KNOWN_FAILURES") {
        let file = known_failures_file
            .ok_or("NEAP_UPDATE_KNOWN_FAILURES needs a known-failures file, not `none`")?;
        let list = known_failures::updated(&agreement, &listed, in_corpus);
        std::fs::write(&file, known_failures::render(&list))
            .map_err(|e| format!("writing {}: {e}", file.display()))?;
        println!(
            "differential: wrote {} ({} entries)",
            file.display(),
            list.len()
        );
        corpus_problems == 0
    } else {
        let verdict = known_failures::judge(&agreement, &listed, in_corpus);
        report_mismatches(&results, &verdict, show_known);
        println!(
            "\ndifferential: {} known failures, {} unexpected disagreements, {} listed but \
             agreeing now, {} stale entries, {} corpus problems",
            verdict.expected.len(),
            verdict.unexpected.len(),
            verdict.fixed.len(),
            verdict.stale.len(),
            corpus_problems
        );
        verdict.passed() && corpus_problems == 0
    };

    let agreeing = agreement.iter().filter(|(_, agreed)| *agreed).count();
    println!(
        "differential: {agreeing} of {} programs agree ({:.1} s): {}",
        results.len(),
        started.elapsed().as_secs_f64(),
        if passed { "ok" } else { "FAILED" }
    );
    Ok(passed)
}

fn report_mismatches(
    results: &[ProgramResult],
    verdict: &known_failures::Verdict,
    show_known: bool,
) {
    let unexpected: BTreeSet<&str> = verdict.unexpected.iter().map(String::as_str).collect();
    for result in results {
        let is_unexpected = unexpected.contains(result.path.as_str());
        if is_unexpected || (show_known && !result.agrees()) {
            let label = if is_unexpected {
                "MISMATCH"
            } else {
                "KNOWN FAILURE"
            };
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

//! `neap-bench`: runs Neap's benchmark programs on Neap and on the reference engines
//! (LuaJIT with and without its JIT, PUC Lua 5.1 and 5.4), checks that every engine
//! prints LuaJIT's output, and writes `benches/results/latest.md` and `latest.svg`.
//! `--quick` runs each program once at a tiny size and only checks the outputs.

mod chart;
mod engine;
mod figures;
mod machine;
mod options;
mod process;
mod program;
mod report;
mod stats;
mod suite;

use engine::{Engine, Launcher, Layout};
use options::Options;
use report::{Report, Row};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use suite::Cell;

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("neap-bench: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the suite; `Ok(false)` when a cell failed that `--allow-fail` does not excuse.
fn run(options: &Options) -> Result<bool, String> {
    let started = Instant::now();
    let root = workspace_root();
    let scratch = engine::scratch_dir().map_err(|e| format!("cannot create a scratch directory: {e}"))?;
    let layout = Layout { root: root.clone(), scratch: scratch.clone() };
    let result = run_in(options, &layout);
    let _ = fs::remove_dir_all(&scratch);
    eprintln!("neap-bench: done in {:.0} s", started.elapsed().as_secs_f64());
    result
}

fn run_in(options: &Options, layout: &Layout) -> Result<bool, String> {
    let programs_dir = layout.root.join("benches").join("programs");
    let programs = program::discover(&programs_dir, options.filter.as_deref())
        .map_err(|e| format!("cannot read {}: {e}", programs_dir.display()))?;
    if programs.is_empty() {
        return Err(format!("no program in {} matches the filter", programs_dir.display()));
    }
    let engines = engine::prepare(&options.engines, layout, options.build)?;
    let reference = reference_engine(&engines, layout, options.build)?;
    let timeout = Duration::from_secs(options.timeout_secs);
    let names: Vec<&str> = engines.iter().map(|e| e.name.as_str()).collect();
    eprintln!(
        "neap-bench: {} program{} on {} ({} run{} each{})",
        programs.len(),
        if programs.len() == 1 { "" } else { "s" },
        names.join(", "),
        options.runs,
        if options.runs == 1 { "" } else { "s" },
        if options.quick { ", tiny sizes" } else { "" }
    );
    for engine in &engines {
        if let Launcher::Unavailable { reason, .. } = &engine.launcher {
            eprintln!("neap-bench: {} is unavailable: {reason}", engine.name);
        }
    }

    let mut rows = Vec::new();
    for (index, program) in programs.iter().enumerate() {
        let size = if options.quick { program.quick_size.clone() } else { None };
        let args: Vec<String> = size.iter().cloned().collect();
        let label = format!("[{}/{}] {}", index + 1, programs.len(), program.name);
        let cells = suite::measure(&label, &engines, &reference, &program.path, &args, options.runs, timeout);
        rows.push(Row { name: program.name.clone(), size: size.unwrap_or_default(), cells });
    }

    // The two extra figures belong to the whole suite, not to a filtered part of it.
    let (startup, frontend) = if options.filter.is_none() {
        let bytes = if options.quick { figures::FRONTEND_QUICK_BYTES } else { figures::FRONTEND_BYTES };
        let files = figures::write_files(&layout.scratch, bytes)
            .map_err(|e| format!("cannot write the figure scripts: {e}"))?;
        let startup_runs = if options.quick { 1 } else { options.runs * 4 };
        let startup = suite::measure("start-up", &engines, &reference, &files.empty_script, &[], startup_runs, timeout);
        let input = vec![files.frontend_input.to_string_lossy().into_owned()];
        let frontend =
            suite::measure("front-end", &engines, &reference, &files.frontend_driver, &input, options.runs, timeout);
        (Some(startup), Some((frontend, files.frontend_bytes)))
    } else {
        (None, None)
    };

    // What the JIT did on each program: one more run of neap-jit, asking it
    // for its summary (traces, aborts, median trace compile time).
    let mut jit_work = Vec::new();
    if let Some(jit) = engines.iter().find(|e| e.name == "neap-jit") {
        for program in &programs {
            let args: Vec<String> = if options.quick { program.quick_size.iter().cloned().collect() } else { vec![] };
            let Some(mut cmd) = jit.command(&program.path, &args) else { break };
            cmd.env("NEAP_JIT_STATS", "1").stdout(std::process::Stdio::null());
            if let Ok(out) = cmd.output() {
                let text = String::from_utf8_lossy(&out.stderr);
                if let Some(line) = text.lines().rev().find(|l| l.starts_with("jit: ")) {
                    jit_work.push((program.name.clone(), line.to_string()));
                }
            }
        }
    }

    let machine = machine::describe(&layout.root);
    let report = Report {
        machine: &machine,
        engines: &engines,
        runs: options.runs,
        rows: &rows,
        startup: startup.as_deref(),
        frontend: frontend.as_ref().map(|(cells, bytes)| (cells.as_slice(), *bytes)),
        jit_work: &jit_work,
    };

    if options.quick {
        print_quick_summary(&engines, &rows, startup.as_deref(), frontend.as_ref().map(|(c, _)| c.as_slice()));
    } else {
        write_results(options, layout, &report)?;
    }
    for line in report.failures() {
        eprintln!("neap-bench: {}", line.replace('`', ""));
    }

    // Count every cell of the run for the closing line; failures of allowed engines are
    // reported as skipped.
    let mut all_cells: Vec<&[Cell]> = rows.iter().map(|r| r.cells.as_slice()).collect();
    all_cells.extend(startup.as_deref());
    all_cells.extend(frontend.as_ref().map(|(c, _)| c.as_slice()));
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for cells in all_cells {
        for (engine, cell) in engines.iter().zip(cells) {
            match cell {
                Cell::Timed(_) => passed += 1,
                c if !c.is_failure() => skipped += 1,
                _ if options.allow_fail.contains(&engine.name) => skipped += 1,
                _ => failed += 1,
            }
        }
    }
    println!("neap-bench: {passed} passed, {failed} failed, {skipped} skipped");
    Ok(failed == 0)
}

/// The engine whose output is expected everywhere: the timed `luajit` column when it
/// is selected, otherwise one prepared only to produce that output.
fn reference_engine(engines: &[Engine], layout: &Layout, build: bool) -> Result<Engine, String> {
    let reference = match engines.iter().find(|e| e.is_reference()) {
        Some(engine) => engine.clone(),
        None => engine::prepare(&[engine::REFERENCE.to_string()], layout, build)?.remove(0),
    };
    if let Launcher::Unavailable { reason, .. } = &reference.launcher {
        return Err(format!("LuaJIT gives the expected outputs but cannot run: {reason}"));
    }
    Ok(reference)
}

fn write_results(options: &Options, layout: &Layout, report: &Report) -> Result<(), String> {
    let out_dir = options.out_dir.clone().unwrap_or_else(|| layout.root.join("benches").join("results"));
    fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let markdown = out_dir.join("latest.md");
    fs::write(&markdown, report.to_markdown()).map_err(|e| format!("cannot write {}: {e}", markdown.display()))?;

    // The chart leaves out the reference itself (1× by definition) and engines that do
    // not exist yet, and adds the means.
    let shown: Vec<usize> = (0..report.engines.len())
        .filter(|&i| {
            let engine = &report.engines[i];
            !engine.is_reference() && !matches!(engine.launcher, Launcher::Unavailable { planned: true, .. })
        })
        .collect();
    let names: Vec<String> = shown.iter().map(|&i| report.engines[i].name.clone()).collect();
    let pick = |ratios: &[Option<f64>]| shown.iter().map(|&i| ratios[i]).collect::<Vec<_>>();
    let mut groups: Vec<(String, Vec<Option<f64>>)> =
        report.rows.iter().zip(report.ratios()).map(|(row, ratios)| (row.name.clone(), pick(&ratios))).collect();
    let means: Vec<Option<f64>> = report.geometric_means().into_iter().map(|(mean, _)| mean).collect();
    groups.push(("geometric mean".to_string(), pick(&means)));
    let svg = out_dir.join("latest.svg");
    let title = format!("Time relative to LuaJIT with its JIT (lower is faster), {}", report.machine.commit);
    chart::write_svg(&svg, &title, &names, &groups)?;
    eprintln!("neap-bench: wrote {} and {}", markdown.display(), svg.display());

    for (engine, (mean, count)) in report.engines.iter().zip(report.geometric_means()) {
        if let Some(mean) = mean {
            println!("{:<12} geometric mean {} over {count} programs", engine.name, report::ratio_text(mean));
        }
    }
    Ok(())
}

/// `--quick`: one line per program with each engine's verdict.
fn print_quick_summary(engines: &[Engine], rows: &[Row], startup: Option<&[Cell]>, frontend: Option<&[Cell]>) {
    let mut lines: Vec<(String, &[Cell])> = rows.iter().map(|r| (r.name.clone(), r.cells.as_slice())).collect();
    lines.extend(startup.map(|c| ("start-up".to_string(), c)));
    lines.extend(frontend.map(|c| ("front-end".to_string(), c)));
    let mut header = format!("{:<16}", "program");
    for engine in engines {
        header.push_str(&format!(" {:>12}", engine.name));
    }
    println!("{header}");
    for (name, cells) in lines {
        let mut line = format!("{name:<16}");
        for cell in cells {
            let verdict = match cell {
                Cell::Timed(_) => "ok".to_string(),
                Cell::Failed(_) => "FAILED".to_string(),
                Cell::Unavailable { reason, planned: true } => reason.clone(),
                Cell::Unavailable { .. } => "unavailable".to_string(),
            };
            line.push_str(&format!(" {verdict:>12}"));
        }
        println!("{line}");
    }
}

/// The workspace root: the parent of this package's directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

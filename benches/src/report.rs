//! The Markdown report, `latest.md`: times, ratios to LuaJIT, spreads, memory, the
//! start-up and front-end figures, and what failed.

use crate::engine::Engine;
use crate::machine::Machine;
use crate::stats;
use crate::suite::Cell;
use std::fmt::Write as _;

/// One benchmark program's results, a cell per engine.
pub struct Row {
    pub name: String,
    /// The size argument it ran with (empty for the program's default).
    pub size: String,
    pub cells: Vec<Cell>,
}

pub struct Report<'a> {
    pub machine: &'a Machine,
    pub engines: &'a [Engine],
    pub runs: usize,
    pub rows: &'a [Row],
    /// Start-up cells: an empty script, end to end.
    pub startup: Option<&'a [Cell]>,
    /// Front-end cells and the size of the generated source in bytes.
    pub frontend: Option<(&'a [Cell], usize)>,
    /// Per program, the JIT's own summary line (`NEAP_JIT_STATS=1`):
    /// traces, aborts, entries and the median compile time.
    pub jit_work: &'a [(String, String)],
}

impl Report<'_> {
    fn reference_column(&self) -> Option<usize> {
        self.engines.iter().position(Engine::is_reference)
    }

    /// Ratio of each engine's median to the reference engine's, per row.
    pub fn ratios(&self) -> Vec<Vec<Option<f64>>> {
        self.rows.iter().map(|row| ratios_of(&row.cells, self.reference_column())).collect()
    }

    /// Geometric mean of each engine's ratios and how many rows it covers.
    pub fn geometric_means(&self) -> Vec<(Option<f64>, usize)> {
        let ratios = self.ratios();
        (0..self.engines.len())
            .map(|e| {
                let values: Vec<f64> = ratios.iter().filter_map(|r| r[e]).collect();
                (stats::geometric_mean(&values), values.len())
            })
            .collect()
    }

    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let m = self.machine;
        let _ = writeln!(md, "# Neap benchmark results\n");
        let _ = writeln!(
            md,
            "Measured on {} ({} cores) at commit `{}`, {}. Every program ran {} time{} per engine, \
             engines interleaved; a time is the median wall time of the whole process. A ratio is \
             the engine's median divided by LuaJIT's with its JIT on: lower is faster. A cell says \
             FAILED when the engine crashed, timed out or printed something other than LuaJIT's \
             output; the reasons are listed at the end. See `benches/README.md` for how to read and \
             reproduce this.\n",
            m.cpu,
            m.cores,
            m.commit,
            m.date,
            self.runs,
            if self.runs == 1 { "" } else { "s" }
        );
        let _ = writeln!(md, "| engine | what it is |\n|---|---|");
        for e in self.engines {
            let _ = writeln!(md, "| `{}` | {} |", e.name, e.description);
        }

        let header = self.header("benchmark");
        let ratios = self.ratios();
        let _ = writeln!(md, "\n## Time: median (ratio to LuaJIT)\n\n{header}");
        for (row, row_ratios) in self.rows.iter().zip(&ratios) {
            let cells: Vec<String> = row.cells.iter().zip(row_ratios).map(|(c, r)| time_cell(c, *r)).collect();
            let _ = writeln!(md, "| {} | {} |", row_label(row), cells.join(" | "));
        }
        let means: Vec<String> = self
            .geometric_means()
            .iter()
            .map(|(mean, count)| match mean {
                Some(g) if *count == self.rows.len() => format!("**{}**", ratio_text(*g)),
                Some(g) => format!("**{}** ({count} of {})", ratio_text(*g), self.rows.len()),
                None => "–".to_string(),
            })
            .collect();
        let _ = writeln!(md, "| **geometric mean of ratios** | {} |", means.join(" | "));

        let _ = writeln!(md, "\n## Spread: fastest – slowest run\n\n{header}");
        for row in self.rows {
            let cells: Vec<String> = row.cells.iter().map(spread_cell).collect();
            let _ = writeln!(md, "| {} | {} |", row_label(row), cells.join(" | "));
        }

        let _ = writeln!(md, "\n## Peak resident memory (MiB, largest over the runs)\n\n{header}");
        for row in self.rows {
            let cells: Vec<String> = row.cells.iter().map(memory_cell).collect();
            let _ = writeln!(md, "| {} | {} |", row_label(row), cells.join(" | "));
        }

        if let Some(startup) = self.startup {
            let _ = writeln!(md, "\n## Start-up\n\nAn empty script run end to end (process start, engine set-up, exit); median of the runs.\n\n{}", self.header("figure"));
            let r = ratios_of(startup, self.reference_column());
            let cells: Vec<String> = startup.iter().zip(&r).map(|(c, r)| time_cell(c, *r)).collect();
            let _ = writeln!(md, "| empty script | {} |", cells.join(" | "));
        }

        if let (Some((frontend, bytes)), Some(startup)) = (self.frontend, self.startup) {
            let megabytes = bytes as f64 / 1e6;
            let _ = writeln!(
                md,
                "\n## Front-end throughput\n\nCompiling a generated {megabytes:.1} MB Lua file with `loadstring` (`load` on 5.4) \
                 without running it. The time is the whole process's median minus the start-up median, \
                 so it also includes reading the file.\n\n{}",
                self.header("figure")
            );
            let compile_times: Vec<Option<f64>> = frontend
                .iter()
                .zip(startup)
                .map(|(f, s)| Some((f.median()? - s.median().unwrap_or(0.0)).max(1e-6)))
                .collect();
            let reference = self.reference_column().and_then(|i| compile_times[i]);
            let times: Vec<String> = frontend
                .iter()
                .zip(&compile_times)
                .map(|(cell, t)| match t {
                    Some(t) => {
                        format!("{} ({})", seconds_text(*t), reference.map(|r| ratio_text(t / r)).unwrap_or_default())
                    }
                    None => short_status(cell),
                })
                .collect();
            let rates: Vec<String> = compile_times
                .iter()
                .map(|t| t.map(|t| format!("{:.1} MB/s", megabytes / t)).unwrap_or_else(|| "–".to_string()))
                .collect();
            let _ = writeln!(md, "| compile time (ratio) | {} |", times.join(" | "));
            let _ = writeln!(md, "| throughput | {} |", rates.join(" | "));
        }

        if !self.jit_work.is_empty() {
            let _ = writeln!(md, "\n## JIT work (neap-jit, one extra run each)\n");
            let _ = writeln!(md, "| benchmark | what the JIT did |");
            let _ = writeln!(md, "| --- | --- |");
            for (name, line) in self.jit_work {
                let _ = writeln!(md, "| {} | {} |", escape(name), escape(line.trim_start_matches("jit: ")));
            }
        }

        let failures = self.failures();
        if !failures.is_empty() {
            let _ = writeln!(md, "\n## Failures\n");
            for line in failures {
                let _ = writeln!(md, "- {line}");
            }
        }
        md
    }

    /// `engine on benchmark: reason` for every failed or unavailable cell.
    pub fn failures(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut named_rows: Vec<(&str, &[Cell])> =
            self.rows.iter().map(|r| (r.name.as_str(), r.cells.as_slice())).collect();
        if let Some(s) = self.startup {
            named_rows.push(("start-up", s));
        }
        if let Some((f, _)) = self.frontend {
            named_rows.push(("front-end", f));
        }
        for (name, cells) in named_rows {
            for (engine, cell) in self.engines.iter().zip(cells) {
                match cell {
                    Cell::Failed(reason) => lines.push(format!("`{}` on {name}: {}", engine.name, escape(reason))),
                    Cell::Unavailable { reason, planned: false } => {
                        lines.push(format!("`{}` on {name}: unavailable, {}", engine.name, escape(reason)))
                    }
                    _ => {}
                }
            }
        }
        lines
    }

    fn header(&self, first_column: &str) -> String {
        let names: Vec<String> = self.engines.iter().map(|e| format!("`{}`", e.name)).collect();
        let align = vec!["---:"; self.engines.len()].join("|");
        format!("| {first_column} | {} |\n|---|{align}|", names.join(" | "))
    }
}

fn ratios_of(cells: &[Cell], reference: Option<usize>) -> Vec<Option<f64>> {
    let base = reference.and_then(|i| cells[i].median());
    cells.iter().map(|c| Some(c.median()? / base?)).collect()
}

fn row_label(row: &Row) -> String {
    if row.size.is_empty() {
        row.name.clone()
    } else {
        format!("{} ({})", row.name, row.size)
    }
}

fn time_cell(cell: &Cell, ratio: Option<f64>) -> String {
    match (cell.median(), ratio) {
        (Some(t), Some(r)) => format!("{} ({})", seconds_text(t), ratio_text(r)),
        (Some(t), None) => seconds_text(t),
        _ => short_status(cell),
    }
}

fn spread_cell(cell: &Cell) -> String {
    match cell {
        Cell::Timed(t) => match stats::min_max(&t.walls) {
            Some((lo, hi)) => format!("{} – {}", seconds_text(lo), seconds_text(hi)),
            None => "–".to_string(),
        },
        other => short_status(other),
    }
}

fn memory_cell(cell: &Cell) -> String {
    match cell {
        Cell::Timed(t) => format!("{:.1}", t.max_rss_kib as f64 / 1024.0),
        other => short_status(other),
    }
}

fn short_status(cell: &Cell) -> String {
    match cell {
        Cell::Timed(_) => "–".to_string(),
        Cell::Failed(_) => "FAILED".to_string(),
        Cell::Unavailable { reason, planned: true } => escape(reason),
        Cell::Unavailable { .. } => "unavailable".to_string(),
    }
}

pub fn seconds_text(seconds: f64) -> String {
    if seconds < 0.1 {
        format!("{:.1} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.3} s")
    }
}

pub fn ratio_text(ratio: f64) -> String {
    if ratio < 10.0 {
        format!("{ratio:.2}×")
    } else {
        format!("{ratio:.1}×")
    }
}

/// Keeps a message from breaking the Markdown table or list it goes into.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Launcher;
    use crate::suite::Timing;
    use std::path::PathBuf;

    fn engine(name: &str) -> Engine {
        Engine {
            name: name.to_string(),
            description: format!("{name} engine"),
            launcher: Launcher::Process { binary: PathBuf::from(name), before: vec![] },
        }
    }

    fn timed(walls: &[f64]) -> Cell {
        Cell::Timed(Timing { walls: walls.to_vec(), max_rss_kib: 2048 })
    }

    #[test]
    fn table_ratios_and_failures() {
        let machine = Machine {
            cpu: "Test CPU".to_string(),
            cores: 2,
            commit: "abc".to_string(),
            date: "2026-01-01 00:00 UTC".to_string(),
        };
        let engines = vec![engine("neap"), engine("luajit")];
        let rows = vec![
            Row {
                name: "fib".to_string(),
                size: String::new(),
                cells: vec![timed(&[0.4, 0.5, 0.6]), timed(&[0.1, 0.1, 0.1])],
            },
            Row {
                name: "sieve".to_string(),
                size: String::new(),
                cells: vec![Cell::Failed("exit 1: boom | bang".to_string()), timed(&[0.2])],
            },
        ];
        let startup = vec![timed(&[0.002]), timed(&[0.001])];
        let frontend = vec![timed(&[0.102]), timed(&[0.051])];
        let report = Report {
            machine: &machine,
            engines: &engines,
            runs: 3,
            rows: &rows,
            startup: Some(&startup),
            frontend: Some((&frontend, 5_000_000)),
            jit_work: &[],
        };
        let md = report.to_markdown();
        assert!(md.contains("| fib | 0.500 s (5.00×) | 0.100 s (1.00×) |"), "{md}");
        assert!(md.contains("| sieve | FAILED | 0.200 s (1.00×) |"));
        assert!(md.contains("**5.00×** (1 of 2)"));
        assert!(md.contains("`neap` on sieve: exit 1: boom \\| bang"));
        assert!(md.contains("| empty script | 2.0 ms (2.00×) | 1.0 ms (1.00×) |"));
        assert!(md.contains("| throughput | 50.0 MB/s | 100.0 MB/s |"), "{md}");
        assert!(md.contains("| fib | 2.0 | 2.0 |"));
    }
}

//! Command-line options of the harness.

use std::path::PathBuf;

/// Engines run when `--engines` is not given, in column order.
pub const DEFAULT_ENGINES: &[&str] = &["neap", "neap-jit", "luajit", "luajit-joff", "lua51", "lua54"];

pub const USAGE: &str = "\
usage: neap-bench [--quick] [--filter NAME] [--engines a,b,...] [--runs N]
                  [--allow-fail a,b,...] [--out DIR] [--timeout SECONDS] [--no-build]

  --quick           every program once at a tiny size, outputs verified, no report
  --filter NAME     only the programs whose name contains NAME
  --engines LIST    engines to run (default: neap,neap-jit,luajit,luajit-joff,lua51,lua54)
  --runs N          timed runs per engine and program (default 5)
  --allow-fail LIST engines whose failures do not make the exit status non-zero
  --out DIR         where latest.md and latest.svg go (default benches/results)
  --timeout S       seconds before one run is killed (default 300, 60 with --quick)
  --no-build        use the engine binaries as they are in target/release";

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub quick: bool,
    pub filter: Option<String>,
    pub engines: Vec<String>,
    pub runs: usize,
    pub allow_fail: Vec<String>,
    pub out_dir: Option<PathBuf>,
    pub timeout_secs: u64,
    pub build: bool,
}

impl Options {
    /// Parses the arguments after the program name; `Err` carries a message for the user.
    pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Options, String> {
        let mut options = Options {
            quick: false,
            filter: None,
            engines: DEFAULT_ENGINES.iter().map(|e| e.to_string()).collect(),
            runs: 5,
            allow_fail: Vec::new(),
            out_dir: None,
            timeout_secs: 0,
            build: true,
        };
        let mut runs_given = false;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--no-build" => options.build = false,
                "--filter" => options.filter = Some(value("--filter")?),
                "--engines" => options.engines = split_list(&value("--engines")?),
                "--allow-fail" => options.allow_fail = split_list(&value("--allow-fail")?),
                "--out" => options.out_dir = Some(PathBuf::from(value("--out")?)),
                "--runs" => {
                    options.runs = parse_positive(&value("--runs")?, "--runs")?;
                    runs_given = true;
                }
                "--timeout" => options.timeout_secs = parse_positive(&value("--timeout")?, "--timeout")? as u64,
                "-h" | "--help" => return Err(USAGE.to_string()),
                other => return Err(format!("unknown option {other}\n{USAGE}")),
            }
        }
        if options.engines.is_empty() {
            return Err("--engines needs at least one engine".to_string());
        }
        if options.quick && !runs_given {
            options.runs = 1;
        }
        if options.timeout_secs == 0 {
            options.timeout_secs = if options.quick { 60 } else { 300 };
        }
        Ok(options)
    }
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn parse_positive(text: &str, name: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name} needs a positive integer, got {text:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults() {
        let o = parse(&[]).unwrap();
        assert_eq!(o.runs, 5);
        assert_eq!(o.engines.len(), DEFAULT_ENGINES.len());
        assert_eq!(o.timeout_secs, 300);
        assert!(o.build && !o.quick);
    }

    #[test]
    fn quick_runs_once_unless_told() {
        assert_eq!(parse(&["--quick"]).unwrap().runs, 1);
        assert_eq!(parse(&["--quick", "--runs", "3"]).unwrap().runs, 3);
    }

    #[test]
    fn lists_and_errors() {
        let o = parse(&["--engines", "lua51, lua54", "--filter", "fib"]).unwrap();
        assert_eq!(o.engines, vec!["lua51", "lua54"]);
        assert_eq!(o.filter.as_deref(), Some("fib"));
        assert!(parse(&["--runs", "0"]).is_err());
        assert!(parse(&["--runs"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }
}

//! The benchmark programs: every `benches/programs/*.lua`, with the tiny size that
//! `--quick` passes, read from a `-- quick: N` line in the program's header.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// File name without `.lua`, e.g. `nbody`.
    pub name: String,
    pub path: PathBuf,
    /// The size argument for `--quick`; `None` when the header has no `-- quick:` line.
    pub quick_size: Option<String>,
}

/// Lists the programs in `dir` whose name contains `filter`, sorted by name.
pub fn discover(dir: &Path, filter: Option<&str>) -> io::Result<Vec<Program>> {
    let mut programs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("lua") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(String::from) else {
            continue;
        };
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let source = fs::read_to_string(&path)?;
        programs.push(Program { name, quick_size: quick_size(&source), path });
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}

/// Finds `-- quick: N` among the leading comment lines of a program.
fn quick_size(source: &str) -> Option<String> {
    source
        .lines()
        .take_while(|line| line.starts_with("--"))
        .find_map(|line| line.trim_start_matches('-').trim().strip_prefix("quick:"))
        .map(|size| size.trim().to_string())
        .filter(|size| !size.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_quick_size_from_the_header() {
        assert_eq!(quick_size("-- A benchmark.\n-- quick: 15\nlocal n = 1\n"), Some("15".to_string()));
        assert_eq!(quick_size("-- no size\nlocal x\n-- quick: 3\n"), None);
        assert_eq!(quick_size("-- quick:\n"), None);
    }

    #[test]
    fn every_program_in_the_suite_has_a_quick_size() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("programs");
        let programs = discover(&dir, None).unwrap();
        assert!(programs.len() >= 20, "only {} programs", programs.len());
        for p in &programs {
            assert!(p.quick_size.is_some(), "{} has no `-- quick:` line", p.name);
        }
        let fib = discover(&dir, Some("fib")).unwrap();
        assert_eq!(fib.len(), 1);
    }
}

//! The corpus: every `tests/corpus/**/*.lua`, named by its path from the repository
//! root with `/` separators (the same text the engines see as the script name).

use std::path::Path;

/// The corpus directory, relative to the repository root.
pub const CORPUS_DIR: &str = "tests/corpus";

/// All corpus programs under `root`, sorted. A directory that can't be read is an error
/// (a silently shrunken corpus would pass for the wrong reason).
pub fn programs(root: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    // Explicit stack rather than recursion: the depth is the file system's, not ours.
    let mut pending = vec![CORPUS_DIR.to_owned()];
    while let Some(relative) = pending.pop() {
        let entries = std::fs::read_dir(root.join(&relative)).map_err(|e| format!("reading {relative}: {e}"))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("reading {relative}: {e}"))?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                return Err(format!("{relative}: a file name is not UTF-8"));
            };
            let path = format!("{relative}/{name}");
            let kind = entry.file_type().map_err(|e| format!("{path}: {e}"))?;
            if kind.is_dir() {
                pending.push(path);
            } else if name.ends_with(".lua") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether `path` (as listed in known-failures) names a corpus program under `root`.
pub fn contains(root: &Path, path: &str) -> bool {
    path.starts_with(&format!("{CORPUS_DIR}/")) && path.ends_with(".lua") && root.join(path).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_programs_sorted() {
        let root = std::env::temp_dir().join(format!("neap-corpus-test-{}", std::process::id()));
        let corpus = root.join(CORPUS_DIR);
        std::fs::create_dir_all(corpus.join("b/deeper")).unwrap();
        std::fs::create_dir_all(corpus.join("a")).unwrap();
        std::fs::write(corpus.join("b/deeper/z.lua"), "").unwrap();
        std::fs::write(corpus.join("a/y.lua"), "").unwrap();
        std::fs::write(corpus.join("a/notes.txt"), "").unwrap();
        let found = programs(&root);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(found.unwrap(), vec!["tests/corpus/a/y.lua", "tests/corpus/b/deeper/z.lua"]);
    }
}

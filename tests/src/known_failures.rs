//! `tests/known-failures.txt`: the corpus programs Neap does not agree on yet.
//!
//! One path per line, relative to the repository root; `#` starts a comment, blank
//! lines are ignored. The list may only shrink: a listed program that now agrees is an
//! error too, so a fix can't hide behind the list.

use std::collections::BTreeSet;

/// The comment written at the top of a regenerated list.
const HEADER: &str = "\
# Corpus programs that Neap does not agree with LuaJIT on yet, one path per line,
# relative to the repository root. The differential test fails when a program not
# listed here disagrees, and when a listed program agrees (remove it then).
# Regenerate with: NEAP_UPDATE_KNOWN_FAILURES=1 cargo test -p neap-tests
";

/// Parses the list's text into its set of paths.
pub fn parse(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text of a list holding `paths`, sorted, under the standard header.
pub fn render(paths: &BTreeSet<String>) -> String {
    let mut text = HEADER.to_owned();
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// How the results of a run stand against the list.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Disagreeing programs that are not listed: regressions or new failures.
    pub unexpected: Vec<String>,
    /// Listed programs that agree now: the list must drop them.
    pub fixed: Vec<String>,
    /// Listed programs that the run did not contain although the corpus should have:
    /// entries for files that no longer exist.
    pub stale: Vec<String>,
    /// Disagreeing programs that are listed.
    pub expected: Vec<String>,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.unexpected.is_empty() && self.fixed.is_empty() && self.stale.is_empty()
    }
}

/// Judges `results` (path, agreed) against `listed`. `in_corpus` says whether a listed
/// path names an existing corpus program (entries for filtered-out programs are fine).
pub fn judge(results: &[(String, bool)], listed: &BTreeSet<String>, in_corpus: impl Fn(&str) -> bool) -> Verdict {
    let mut verdict = Verdict::default();
    for (path, agreed) in results {
        match (agreed, listed.contains(path)) {
            (false, false) => verdict.unexpected.push(path.clone()),
            (false, true) => verdict.expected.push(path.clone()),
            (true, true) => verdict.fixed.push(path.clone()),
            (true, false) => {}
        }
    }
    verdict.stale = listed.iter().filter(|path| !in_corpus(path)).cloned().collect();
    verdict
}

/// The list after a run: entries for programs the run did not cover are kept (if they
/// still exist), those it covered are replaced by its disagreements.
pub fn updated(
    results: &[(String, bool)],
    listed: &BTreeSet<String>,
    in_corpus: impl Fn(&str) -> bool,
) -> BTreeSet<String> {
    let ran: BTreeSet<&str> = results.iter().map(|(path, _)| path.as_str()).collect();
    let kept = listed.iter().filter(|path| !ran.contains(path.as_str()) && in_corpus(path)).cloned();
    let failing = results.iter().filter(|(_, agreed)| !agreed).map(|(path, _)| path.clone());
    kept.chain(failing).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn parse_skips_comments_and_blanks() {
        let text = "# header\n\ntests/corpus/a.lua\n  tests/corpus/b.lua  # why\n";
        assert_eq!(parse(text), set(&["tests/corpus/a.lua", "tests/corpus/b.lua"]));
    }

    #[test]
    fn render_round_trips() {
        let paths = set(&["b.lua", "a.lua"]);
        assert_eq!(parse(&render(&paths)), paths);
    }

    #[test]
    fn judge_sorts_every_case() {
        let results = vec![
            ("new.lua".to_string(), false),
            ("known.lua".to_string(), false),
            ("fixed.lua".to_string(), true),
            ("fine.lua".to_string(), true),
        ];
        let listed = set(&["known.lua", "fixed.lua", "gone.lua", "filtered.lua"]);
        let verdict = judge(&results, &listed, |p| p != "gone.lua");
        assert_eq!(verdict.unexpected, vec!["new.lua"]);
        assert_eq!(verdict.expected, vec!["known.lua"]);
        assert_eq!(verdict.fixed, vec!["fixed.lua"]);
        assert_eq!(verdict.stale, vec!["gone.lua"]);
        assert!(!verdict.passed());
    }

    #[test]
    fn update_keeps_unrun_entries_and_replaces_run_ones() {
        let results = vec![("a.lua".to_string(), true), ("b.lua".to_string(), false)];
        let listed = set(&["a.lua", "other.lua", "gone.lua"]);
        let list = updated(&results, &listed, |p| p != "gone.lua");
        assert_eq!(list, set(&["b.lua", "other.lua"]));
    }
}

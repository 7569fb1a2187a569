//! What is compared between the two engines, and how a difference is shown.
//!
//! Compared: stdout byte for byte, the exit status, and the error message. The message
//! is stderr after the interpreter's `luajit: ` / `neap: ` prefix, up to the
//! `stack traceback:` line; tracebacks themselves are not compared.

use crate::process::{Exit, RunOutput};

/// The prefixes an interpreter puts before an uncaught error's message. Either is
/// accepted from either engine, so the reference runner can stand in for `neap`.
const PROGRAM_PREFIXES: [&[u8]; 2] = [b"luajit: ", b"neap: "];

const TRACEBACK_MARKER: &[u8] = b"\nstack traceback:";

/// The observable result of running one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub exit: Exit,
    /// The uncaught error's message; `None` when nothing was written to stderr.
    pub error_message: Option<Vec<u8>>,
}

impl Outcome {
    pub fn from_run(run: &RunOutput) -> Outcome {
        Outcome { stdout: run.stdout.clone(), exit: run.exit.clone(), error_message: error_message(&run.stderr) }
    }

    /// A readable rendering, one item per line, made for line diffs. Bytes that are not
    /// UTF-8 appear as `\xNN`; a missing final newline is spelled out.
    pub fn render(&self) -> String {
        let mut text = format!("exit status: {}\n", self.exit);
        match &self.error_message {
            None => text.push_str("error message: (none)\n"),
            Some(message) => {
                text.push_str("error message: ");
                text.push_str(&escape_non_utf8(message));
                text.push('\n');
            }
        }
        text.push_str("stdout:\n");
        text.push_str(&escape_non_utf8(&self.stdout));
        if !self.stdout.is_empty() && !self.stdout.ends_with(b"\n") {
            text.push_str("\n(no newline at end of stdout)\n");
        }
        text
    }
}

/// Extracts the error message from an interpreter's stderr: drops the program-name
/// prefix, cuts at the traceback and drops the final newline. Anything else on stderr
/// is kept as is, so unexpected output still shows up in a comparison.
pub fn error_message(stderr: &[u8]) -> Option<Vec<u8>> {
    if stderr.is_empty() {
        return None;
    }
    let body = PROGRAM_PREFIXES.iter().find_map(|prefix| stderr.strip_prefix(*prefix)).unwrap_or(stderr);
    let body = match find(body, TRACEBACK_MARKER) {
        Some(end) => &body[..end],
        None => body.strip_suffix(b"\n").unwrap_or(body),
    };
    Some(body.to_vec())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn escape_non_utf8(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            text.push_str(&format!("\\x{byte:02X}"));
        }
    }
    text
}

const DIFF_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// A unified diff from the reference's outcome to Neap's.
pub fn diff(reference: &Outcome, neap: &Outcome) -> String {
    diff_labelled(reference, neap, "luajit (reference)", "neap")
}

/// A unified diff between two outcomes, headed by the given names.
pub fn diff_labelled(old: &Outcome, new: &Outcome, old_name: &str, new_name: &str) -> String {
    let (old_text, new_text) = (old.render(), new.render());
    // A time budget: a runaway program's output could make an exact diff slow; past
    // it the diff is coarser but still correct.
    let mut text = similar::TextDiff::configure()
        .timeout(DIFF_TIME_BUDGET)
        .diff_lines(&old_text, &new_text)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string();
    if old_text == new_text {
        // Same rendering, different bytes: only possible through the escaping.
        text.push_str("(outputs differ only in bytes the rendering can't show)\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_stops_at_the_traceback() {
        let stderr = b"luajit: a.lua:3: boom\nstack traceback:\n\t[C]: in ?\n";
        assert_eq!(error_message(stderr).unwrap(), b"a.lua:3: boom");
    }

    #[test]
    fn message_without_traceback_loses_its_newline() {
        let stderr = b"neap: (error object is not a string)\n";
        assert_eq!(error_message(stderr).unwrap(), b"(error object is not a string)");
    }

    #[test]
    fn multi_line_messages_are_kept_whole() {
        let stderr = b"luajit: line one\nline two\nstack traceback:\n";
        assert_eq!(error_message(stderr).unwrap(), b"line one\nline two");
    }

    #[test]
    fn empty_stderr_has_no_message() {
        assert_eq!(error_message(b""), None);
    }

    #[test]
    fn unknown_stderr_is_kept() {
        assert_eq!(error_message(b"panicked at x\n").unwrap(), b"panicked at x");
    }

    #[test]
    fn rendering_shows_bad_bytes_and_missing_newline() {
        let outcome = Outcome { stdout: b"a\xFFb".to_vec(), exit: Exit::Code(0), error_message: None };
        assert_eq!(
            outcome.render(),
            "exit status: 0\nerror message: (none)\nstdout:\na\\xFFb\n(no newline at end of stdout)\n"
        );
    }

    #[test]
    fn diff_marks_the_changed_line() {
        let reference = Outcome { stdout: b"1\n2\n".to_vec(), exit: Exit::Code(0), error_message: None };
        let neap = Outcome { stdout: b"1\n3\n".to_vec(), ..reference.clone() };
        let text = diff(&reference, &neap);
        assert!(text.contains("-2\n+3\n"), "{text}");
    }
}

//! Lua 5.1 patterns as LuaJIT 2.1 matches them (`string.find`, `match`,
//! `gmatch`, `gsub`), over plain byte slices.
//!
//! The matcher is a backtracking one with the same search order as LuaJIT's,
//! so it finds the same matches, raises the same errors and has the same
//! worst cases. Facts carried over from LuaJIT that callers see:
//!
//! - A pattern ends at its first NUL byte (LuaJIT reads patterns as C strings);
//!   the subject may contain NULs. At the subject's end the "current" byte is
//!   NUL for `%f`, and before its start the "previous" byte is NUL.
//! - `^` anchors only at the start of a `find`/`match`/`gsub` pattern; `gmatch`
//!   treats a leading `^` as a literal byte. `$` anchors only as the last
//!   pattern byte; elsewhere both are literals.
//! - Nesting of the recursive matcher is limited to 200 levels
//!   (`LJ_MAX_XLEVEL`), past which it fails with `pattern too complex`.
//! - At most 32 captures (`LUA_MAXCAPTURES`).
//! - A back-reference to a position capture never matches.
//! - Capture errors (`unfinished capture`, `invalid capture index`) for
//!   captures that are only read after the match are raised lazily, when a
//!   caller asks for the capture ([`Match::capture`]): `gsub` with a
//!   replacement string that does not mention the capture succeeds in LuaJIT.
//!
//! How LuaJIT's library functions use these pieces (for the glue):
//!
//! - `find(s, p, init, plain)`: `st = start_offset(#s, init)`. If `plain` is
//!   true or `!has_specials(p)`: `find_plain(s, p, st)` gives `at`, and the
//!   results are `at + 1, at + #p`. Otherwise `find_at(s, p, st)` gives `m`,
//!   and the results are `m.start + 1, m.end` and then `m.find_captures()`.
//!   No match: a single `nil`.
//! - `match(s, p, init)`: `find_at(s, p, start_offset(#s, init))`, results
//!   `m.values()` (always pattern matching, even without special bytes).
//! - `gmatch(s, p)`: one [`GmatchState`] per iterator; each call returns
//!   `m.values()` or nothing.
//! - `gsub(s, p, repl, n)`: [`gsub`] with `max_replacements = n`. A string or
//!   number `repl` appends [`expand_replacement`]; a function gets
//!   `m.values()`; a table is indexed with `m.capture(0)`. A `nil`/`false`
//!   result keeps the matched text `s[m.start..m.end]`; a result that is not
//!   a string or number raises `invalid replacement value (a <type>)`.

use std::fmt;

/// Maximum nesting of the recursive matcher (LuaJIT's `LJ_MAX_XLEVEL`).
const MAX_DEPTH: u32 = 200;
/// Maximum number of captures in one pattern (`LUA_MAXCAPTURES`).
pub const MAX_CAPTURES: usize = 32;

/// An error raised while compiling or matching a pattern.
///
/// LuaJIT raises every one of these as a plain error (`lj_err_caller`): the
/// message gets the calling Lua function's `chunk:line: ` prefix, never a
/// `bad argument #2 to 'find'` wrapper. The argument errors of the string
/// functions (`bad argument #3 to 'gsub' (string/function/table expected)`)
/// and `invalid replacement value (a table)` (again a plain error) belong to
/// the glue, not to this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternError {
    /// `%` as the last pattern byte.
    EndsWithPercent,
    /// `[` without a closing `]`.
    MissingBracket,
    /// `%f` not followed by `[`.
    MissingFrontierSet,
    /// `%b` without two delimiter bytes.
    Unbalanced,
    /// `)` without an open capture.
    InvalidPatternCapture,
    /// A back-reference or replacement `%n` naming a missing capture.
    InvalidCaptureIndex,
    /// A capture was opened but never closed and is read.
    UnfinishedCapture,
    /// More than [`MAX_CAPTURES`] captures.
    TooManyCaptures,
    /// The matcher nested deeper than LuaJIT allows.
    TooComplex,
}

impl PatternError {
    /// LuaJIT's message text for this error.
    pub fn message(self) -> &'static str {
        match self {
            PatternError::EndsWithPercent => "malformed pattern (ends with '%')",
            PatternError::MissingBracket => "malformed pattern (missing ']')",
            PatternError::MissingFrontierSet => "missing '[' after '%f' in pattern",
            PatternError::Unbalanced => "unbalanced pattern",
            PatternError::InvalidPatternCapture => "invalid pattern capture",
            PatternError::InvalidCaptureIndex => "invalid capture index",
            PatternError::UnfinishedCapture => "unfinished capture",
            PatternError::TooManyCaptures => "too many captures",
            PatternError::TooComplex => "pattern too complex",
        }
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for PatternError {}

/// The value of one capture, as Lua sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// The subject bytes `start..end`.
    Bytes { start: usize, end: usize },
    /// A position capture `()`: the 1-based position Lua returns.
    Position(usize),
}

/// State of one capture slot after a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Opened by `(` but not closed (yet).
    Unfinished { start: usize },
    /// `()` at this 0-based offset.
    Position { at: usize },
    /// Closed capture of `start..end`.
    Closed { start: usize, end: usize },
}

/// A successful match of a pattern: the matched range `start..end` of the
/// subject (0-based, end exclusive) and the capture slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    slots: Vec<Slot>,
}

impl Match {
    /// Number of captures the pattern opened (finished or not).
    pub fn capture_count(&self) -> usize {
        self.slots.len()
    }

    /// Capture `index` (0-based), as a replacement `%1`..`%9` or a table
    /// lookup in `gsub` reads it. Index 0 of a pattern without captures is
    /// the whole match.
    pub fn capture(&self, index: usize) -> Result<Capture, PatternError> {
        match self.slots.get(index) {
            None if index == 0 && self.slots.is_empty() => Ok(Capture::Bytes { start: self.start, end: self.end }),
            None => Err(PatternError::InvalidCaptureIndex),
            Some(Slot::Unfinished { .. }) => Err(PatternError::UnfinishedCapture),
            Some(&Slot::Position { at }) => Ok(Capture::Position(at + 1)),
            Some(&Slot::Closed { start, end }) => Ok(Capture::Bytes { start, end }),
        }
    }

    /// The captures `string.find` returns after the two positions: only the
    /// pattern's own captures (none for a pattern without any).
    pub fn find_captures(&self) -> Result<Vec<Capture>, PatternError> {
        (0..self.slots.len()).map(|i| self.capture(i)).collect()
    }

    /// The values `string.match`, `gmatch` and a `gsub` function receive:
    /// the captures, or the whole match for a pattern without captures.
    pub fn values(&self) -> Result<Vec<Capture>, PatternError> {
        let count = self.slots.len().max(1);
        (0..count).map(|i| self.capture(i)).collect()
    }
}

/// Whether `string.find` must treat `pattern` as a pattern: it contains one
/// of the bytes `^$*+?.([%-`. Without one, `find` searches for it as plain
/// bytes (so a pattern like `"a]"` is found literally).
pub fn has_specials(pattern: &[u8]) -> bool {
    pattern.iter().any(|c| b"^$*+?.([%-".contains(c))
}

/// The 0-based byte offset where `find`, `match` start from for Lua's
/// `init` argument (1-based, negative counts from the end), clamped to
/// `0..=len` as LuaJIT does.
pub fn start_offset(subject_len: usize, init: i64) -> usize {
    let len = subject_len as i64;
    let start = if init < 0 { init + len } else { init - 1 };
    start.clamp(0, len) as usize
}

/// Plain substring search (`string.find` with `plain` or without special
/// bytes): the 0-based offset of the first occurrence of `needle` at or
/// after `init`. An empty needle is found at `init`.
pub fn find_plain(subject: &[u8], needle: &[u8], init: usize) -> Option<usize> {
    let hay = subject.get(init..)?;
    if needle.is_empty() {
        return Some(init);
    }
    hay.windows(needle.len()).position(|w| w == needle).map(|i| i + init)
}

/// `string.find`/`string.match` with a pattern: tries each start offset from
/// `init` (0-based, at most `subject.len()`) up to the end of the subject,
/// or only `init` when the pattern starts with `^`.
pub fn find_at(subject: &[u8], pattern: &[u8], init: usize) -> Result<Option<Match>, PatternError> {
    let pattern = until_nul(pattern);
    let (anchored, pattern) = match pattern.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pattern),
    };
    let mut start = init.min(subject.len());
    loop {
        if let Some(m) = match_here(subject, pattern, start)? {
            return Ok(Some(m));
        }
        if anchored || start >= subject.len() {
            return Ok(None);
        }
        start += 1;
    }
}

/// The state of a `string.gmatch` iterator: the offset where the next search
/// starts. Unlike `find`, `gmatch` treats `^` as a literal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GmatchState {
    pub position: usize,
}

impl GmatchState {
    /// The next match, advancing the state past it (by at least one byte for
    /// an empty match, as LuaJIT does), or `None` once the subject is done.
    pub fn next(&mut self, subject: &[u8], pattern: &[u8]) -> Result<Option<Match>, PatternError> {
        let pattern = until_nul(pattern);
        let mut start = self.position;
        while start <= subject.len() {
            if let Some(m) = match_here(subject, pattern, start)? {
                self.position = if m.end == start { m.end + 1 } else { m.end };
                return Ok(Some(m));
            }
            start += 1;
        }
        Ok(None)
    }
}

/// `string.gsub` with the replacement supplied by `replace`, which appends the
/// replacement text for a match to the output (for a string replacement, see
/// [`expand_replacement`]; a function or table is the glue's business).
/// `max_replacements` is gsub's fourth argument (`None` for no limit).
/// Returns the new string and the number of matches.
pub fn gsub<E, F>(
    subject: &[u8],
    pattern: &[u8],
    max_replacements: Option<i64>,
    mut replace: F,
) -> Result<(Vec<u8>, usize), E>
where
    E: From<PatternError>,
    F: FnMut(&Match, &mut Vec<u8>) -> Result<(), E>,
{
    let pattern = until_nul(pattern);
    let (anchored, pattern) = match pattern.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pattern),
    };
    let limit = max_replacements.unwrap_or(i64::MAX);
    let mut out = Vec::with_capacity(subject.len());
    let mut count = 0usize;
    let mut pos = 0usize;
    while (count as i64) < limit {
        let found = match_here(subject, pattern, pos)?;
        if let Some(m) = &found {
            count += 1;
            replace(m, &mut out)?;
        }
        match found {
            Some(m) if m.end > pos => pos = m.end,
            _ if pos < subject.len() => {
                out.push(subject[pos]);
                pos += 1;
            }
            _ => break,
        }
        if anchored {
            break;
        }
    }
    out.extend_from_slice(&subject[pos..]);
    Ok((out, count))
}

/// Appends the expansion of a `gsub` replacement string for match `m`:
/// `%0` is the whole match, `%1`..`%9` the captures (a position capture as
/// its decimal number), `%` before any other byte is that byte. A `%` at the
/// very end yields a NUL byte, as in LuaJIT (which reads the terminator).
/// LuaJIT 2.1 has no `invalid use of '%' in replacement string` error (that
/// is Lua 5.2+).
pub fn expand_replacement(
    replacement: &[u8],
    subject: &[u8],
    m: &Match,
    out: &mut Vec<u8>,
) -> Result<(), PatternError> {
    let mut bytes = replacement.iter();
    while let Some(&c) = bytes.next() {
        if c != b'%' {
            out.push(c);
            continue;
        }
        let escaped = bytes.next().copied().unwrap_or(0);
        match escaped {
            b'0' => out.extend_from_slice(subject.get(m.start..m.end).unwrap_or_default()),
            b'1'..=b'9' => match m.capture(usize::from(escaped - b'1'))? {
                Capture::Bytes { start, end } => out.extend_from_slice(subject.get(start..end).unwrap_or_default()),
                Capture::Position(p) => out.extend_from_slice(p.to_string().as_bytes()),
            },
            other => out.push(other),
        }
    }
    Ok(())
}

/// The pattern as LuaJIT sees it: up to the first NUL byte.
fn until_nul(pattern: &[u8]) -> &[u8] {
    match pattern.iter().position(|&c| c == 0) {
        Some(n) => &pattern[..n],
        None => pattern,
    }
}

/// Tries to match `pattern` (already without a leading anchor) at exactly
/// offset `start`.
fn match_here(subject: &[u8], pattern: &[u8], start: usize) -> Result<Option<Match>, PatternError> {
    let mut matcher = Matcher { src: subject, pat: pattern, slots: Vec::new(), depth: 0 };
    Ok(matcher.match_from(start, 0)?.map(|end| Match { start, end, slots: matcher.slots }))
}

/// Whether byte `c` is in the class named by the byte after a `%`; bytes
/// that name no class stand for themselves. Upper case complements.
fn class_matches(c: u8, class: u8) -> bool {
    let hit = match class.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c < 32 || c == 127,
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => c == b' ' || (9..=13).contains(&c),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0,
        _ => return class == c,
    };
    hit != class.is_ascii_uppercase()
}

/// One match attempt: the backtracking state. Pattern and subject positions
/// are byte offsets; reading the pattern past its end gives NUL, which is how
/// the pattern's end is recognised (as in LuaJIT's C-string matcher).
struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    slots: Vec<Slot>,
    depth: u32,
}

impl Matcher<'_> {
    fn pat_at(&self, p: usize) -> u8 {
        self.pat.get(p).copied().unwrap_or(0)
    }

    /// Matches the pattern from `p` against the subject from `s`; the end of
    /// the match on success. Recursion is bounded by `MAX_DEPTH`.
    fn match_from(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PatternError::TooComplex);
        }
        let result = self.match_body(s, p);
        self.depth -= 1;
        result
    }

    fn match_body(&mut self, mut s: usize, mut p: usize) -> Result<Option<usize>, PatternError> {
        // Loops where LuaJIT's matcher makes a tail call.
        loop {
            match self.pat_at(p) {
                b'(' => {
                    return if self.pat_at(p + 1) == b')' {
                        self.start_capture(s, p + 2, Slot::Position { at: s })
                    } else {
                        self.start_capture(s, p + 1, Slot::Unfinished { start: s })
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                0 => return Ok(Some(s)),
                b'$' if self.pat_at(p + 1) == 0 => {
                    return Ok((s == self.src.len()).then_some(s));
                }
                b'%' => match self.pat_at(p + 1) {
                    b'b' => {
                        let Some(next) = self.match_balance(s, p + 2)? else {
                            return Ok(None);
                        };
                        s = next;
                        p += 4;
                        continue;
                    }
                    b'f' => {
                        p += 2;
                        if self.pat_at(p) != b'[' {
                            return Err(PatternError::MissingFrontierSet);
                        }
                        let ep = self.class_end(p)?;
                        let previous = if s == 0 { 0 } else { self.src[s - 1] };
                        let current = self.src.get(s).copied().unwrap_or(0);
                        if self.in_set(previous, p, ep - 1) || !self.in_set(current, p, ep - 1) {
                            return Ok(None);
                        }
                        p = ep;
                        continue;
                    }
                    d if d.is_ascii_digit() => {
                        let Some(next) = self.match_back_reference(s, d)? else {
                            return Ok(None);
                        };
                        s = next;
                        p += 2;
                        continue;
                    }
                    _ => {}
                },
                _ => {}
            }
            // A single-byte item, maybe followed by a repetition suffix.
            let ep = self.class_end(p)?;
            let matches_here = s < self.src.len() && self.single_match(self.src[s], p, ep);
            match self.pat_at(ep) {
                b'?' => {
                    if matches_here {
                        if let Some(end) = self.match_from(s + 1, ep + 1)? {
                            return Ok(Some(end));
                        }
                    }
                    p = ep + 1;
                }
                b'*' => return self.max_expand(s, p, ep),
                b'+' => {
                    return if matches_here { self.max_expand(s + 1, p, ep) } else { Ok(None) };
                }
                b'-' => return self.min_expand(s, p, ep),
                _ => {
                    if !matches_here {
                        return Ok(None);
                    }
                    s += 1;
                    p = ep;
                }
            }
        }
    }

    /// The end of the single-byte item at `p` (`%x`, `[set]` or one byte).
    fn class_end(&self, p: usize) -> Result<usize, PatternError> {
        let first = self.pat_at(p);
        let mut p = p + 1;
        match first {
            b'%' => {
                if self.pat_at(p) == 0 {
                    return Err(PatternError::EndsWithPercent);
                }
                Ok(p + 1)
            }
            b'[' => {
                if self.pat_at(p) == b'^' {
                    p += 1;
                }
                // The first byte is part of the set even if it is `]`.
                loop {
                    let c = self.pat_at(p);
                    if c == 0 {
                        return Err(PatternError::MissingBracket);
                    }
                    p += 1;
                    if c == b'%' && self.pat_at(p) != 0 {
                        p += 1;
                    }
                    if self.pat_at(p) == b']' {
                        return Ok(p + 1);
                    }
                }
            }
            _ => Ok(p),
        }
    }

    /// Whether `c` is in the set `[...]` from `p` (at `[`) to `close` (at `]`).
    fn in_set(&self, c: u8, mut p: usize, close: usize) -> bool {
        let mut wanted = true;
        if self.pat_at(p + 1) == b'^' {
            wanted = false;
            p += 1;
        }
        p += 1;
        while p < close {
            let item = self.pat_at(p);
            if item == b'%' {
                p += 1;
                if class_matches(c, self.pat_at(p)) {
                    return wanted;
                }
            } else if self.pat_at(p + 1) == b'-' && p + 2 < close {
                if item <= c && c <= self.pat_at(p + 2) {
                    return wanted;
                }
                p += 2;
            } else if item == c {
                return wanted;
            }
            p += 1;
        }
        !wanted
    }

    /// Whether byte `c` matches the single item from `p` to `ep`.
    fn single_match(&self, c: u8, p: usize, ep: usize) -> bool {
        match self.pat_at(p) {
            b'.' => true,
            b'%' => class_matches(c, self.pat_at(p + 1)),
            b'[' => self.in_set(c, p, ep - 1),
            literal => literal == c,
        }
    }

    /// `%bxy` with `p` at `x`: the end of a balanced run starting at `s`.
    fn match_balance(&self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        let open = self.pat_at(p);
        let close = self.pat_at(p + 1);
        if open == 0 || close == 0 {
            return Err(PatternError::Unbalanced);
        }
        if self.src.get(s) != Some(&open) {
            return Ok(None);
        }
        let mut depth = 1usize;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    /// Greedy repetition: as many items as possible, then backs off.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> Result<Option<usize>, PatternError> {
        let mut count = 0;
        while s + count < self.src.len() && self.single_match(self.src[s + count], p, ep) {
            count += 1;
        }
        loop {
            if let Some(end) = self.match_from(s + count, ep + 1)? {
                return Ok(Some(end));
            }
            if count == 0 {
                return Ok(None);
            }
            count -= 1;
        }
    }

    /// Lazy repetition: as few items as possible, adding one at a time.
    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> Result<Option<usize>, PatternError> {
        loop {
            if let Some(end) = self.match_from(s, ep + 1)? {
                return Ok(Some(end));
            }
            if s < self.src.len() && self.single_match(self.src[s], p, ep) {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, slot: Slot) -> Result<Option<usize>, PatternError> {
        if self.slots.len() >= MAX_CAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.slots.push(slot);
        let result = self.match_from(s, p)?;
        if result.is_none() {
            self.slots.pop();
        }
        Ok(result)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        let (index, start) = self
            .slots
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, slot)| match *slot {
                Slot::Unfinished { start } => Some((i, start)),
                _ => None,
            })
            .ok_or(PatternError::InvalidPatternCapture)?;
        self.slots[index] = Slot::Closed { start, end: s };
        let result = self.match_from(s, p)?;
        if result.is_none() {
            self.slots[index] = Slot::Unfinished { start };
        }
        Ok(result)
    }

    /// `%1`..`%9` in a pattern: the subject must repeat capture `digit`.
    fn match_back_reference(&self, s: usize, digit: u8) -> Result<Option<usize>, PatternError> {
        let index = usize::from(digit).wrapping_sub(usize::from(b'1'));
        let (start, end) = match self.slots.get(index) {
            Some(&Slot::Closed { start, end }) => (start, end),
            // A position capture has no length that fits: never matches.
            Some(Slot::Position { .. }) => return Ok(None),
            _ => return Err(PatternError::InvalidCaptureIndex),
        };
        let len = end - start;
        let rest = &self.src[s..];
        Ok((rest.len() >= len && rest[..len] == self.src[start..end]).then_some(s + len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escapes bytes as the oracle script did: `\xHH` for all but
    /// alphanumerics and most punctuation.
    fn esc(bytes: &[u8]) -> String {
        let kept = b" !#$&'()*+,-./:;<=>?@[]^_`{|}~\"%";
        let mut out = String::new();
        for &c in bytes {
            if c.is_ascii_alphanumeric() || kept.contains(&c) {
                out.push(c as char);
            } else {
                out.push_str(&format!("\\x{c:02x}"));
            }
        }
        out
    }

    fn unescape(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'x') {
                out.push(u8::from_str_radix(&text[i + 2..i + 4], 16).unwrap());
                i += 4;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    fn show_capture(subject: &[u8], c: Capture) -> String {
        match c {
            Capture::Bytes { start, end } => format!("s:{}", esc(&subject[start..end])),
            Capture::Position(p) => format!("n:{p}"),
        }
    }

    fn show_values(subject: &[u8], values: Vec<Capture>) -> Vec<String> {
        values.into_iter().map(|c| show_capture(subject, c)).collect()
    }

    /// `string.find(s, p, init)` serialised like the oracle script.
    fn find(s: &[u8], p: &[u8], init: i64) -> Result<String, PatternError> {
        let start = start_offset(s.len(), init);
        if !has_specials(p) {
            return Ok(match find_plain(s, p, start) {
                Some(at) => format!("n:{} n:{}", at + 1, at + p.len()),
                None => "nil".to_string(),
            });
        }
        Ok(match find_at(s, p, start)? {
            Some(m) => {
                let mut parts = vec![format!("n:{}", m.start + 1), format!("n:{}", m.end)];
                parts.extend(show_values(s, m.find_captures()?));
                parts.join(" ")
            }
            None => "nil".to_string(),
        })
    }

    fn match_(s: &[u8], p: &[u8], init: i64) -> Result<String, PatternError> {
        Ok(match find_at(s, p, start_offset(s.len(), init))? {
            Some(m) => show_values(s, m.values()?).join(" "),
            None => "nil".to_string(),
        })
    }

    /// Up to 40 rounds of `for a, b, c in s:gmatch(p)`.
    fn gmatch(s: &[u8], p: &[u8]) -> Result<String, PatternError> {
        let mut state = GmatchState::default();
        let mut rounds = Vec::new();
        while rounds.len() < 40 {
            let Some(m) = state.next(s, p)? else { break };
            let mut values = show_values(s, m.values()?);
            values.resize(3.max(values.len()), "nil".to_string());
            values.truncate(3);
            rounds.push(values.join(" "));
        }
        Ok(rounds.join(";"))
    }

    fn gsub_string(s: &[u8], p: &[u8], repl: &[u8]) -> Result<String, PatternError> {
        let (out, n) = gsub(s, p, None, |m, out: &mut Vec<u8>| expand_replacement(repl, s, m, out))?;
        Ok(format!("s:{} n:{n}", esc(&out)))
    }

    /// ~4000 `find`/`match`/`gmatch`/`gsub` calls, hand-written and random
    /// patterns, with the results LuaJIT 2.1 gave (generated with the
    /// mlua-vendored LuaJIT; errors without their location prefix).
    #[test]
    fn patterns_match_luajit() {
        let mut failures = Vec::new();
        for line in include_str!("testdata/patterns.txt").lines() {
            let fields: Vec<&str> = line.splitn(5, '\t').collect();
            let [op, s, p, extra, expected] = fields[..] else { panic!("bad line {line}") };
            let (s, p, extra) = (unescape(s), unescape(p), unescape(extra));
            let init = || std::str::from_utf8(&extra).unwrap().parse::<i64>().unwrap();
            let got = match op {
                "find" => find(&s, &p, init()),
                "match" => match_(&s, &p, init()),
                "gmatch" => gmatch(&s, &p),
                "gsub" => gsub_string(&s, &p, &extra),
                _ => panic!("bad op {op}"),
            };
            let got = got.unwrap_or_else(|e| format!("E:{e}"));
            if got != expected {
                failures.push(format!("{op} {:?} {:?} {:?}: got {got} want {expected}", esc(&s), esc(&p), esc(&extra)));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures[..failures.len().min(40)].join("\n"));
    }

    #[test]
    fn find_plain_edges() {
        assert_eq!(find_plain(b"hello", b"", 5), Some(5));
        assert_eq!(find_plain(b"hello", b"", 6), None);
        assert_eq!(find_plain(b"hello", b"lo", 0), Some(3));
        assert_eq!(find_plain(b"hello", b"hellos", 0), None);
        assert_eq!(find_plain(b"a\0b", b"\0b", 0), Some(1));
    }

    #[test]
    fn deepest_match_fits_a_small_stack() {
        // The depth limit as LuaJIT has it (oracle: 199 items match, 200 are
        // `pattern too complex`), checked on a 256 KiB stack in a debug build.
        let worker = std::thread::Builder::new().stack_size(256 * 1024);
        let handle = worker
            .spawn(|| {
                let subject = vec![b'a'; 300];
                let mut results = Vec::new();
                for item in [&b"a?"[..], b"a*", b"a-", b"(a)"] {
                    for count in [199, 200] {
                        let found = find_at(&subject, &item.repeat(count), 0);
                        results.push(found.map(|m| m.map(|m| (m.start, m.end))));
                    }
                }
                results
            })
            .unwrap();
        let results = handle.join().unwrap();
        let too_complex = Err(PatternError::TooComplex);
        assert_eq!(results[0], Ok(Some((0, 199))));
        assert_eq!(results[1], too_complex);
        assert_eq!(results[2], Ok(Some((0, 300))));
        assert_eq!(results[3], too_complex);
        assert_eq!(results[4], Ok(Some((0, 0))));
        assert_eq!(results[5], too_complex);
        assert_eq!(results[6], Err(PatternError::TooManyCaptures));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let subject = vec![b'a'; 100_000];
        let pattern = b"a?".repeat(50_000);
        assert_eq!(find_at(&subject, &pattern, 0), Err(PatternError::TooComplex));
        let pattern = b"(".repeat(40);
        assert_eq!(find_at(&subject, &pattern, 0), Err(PatternError::TooManyCaptures));
    }
}

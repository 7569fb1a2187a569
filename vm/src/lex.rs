//! The lexer: Lua 5.1 tokens plus LuaJIT 2.1's extensions (`goto`, `::`,
//! `\x`, `\z`, `\u{...}` escapes, hex floats, binary integers), and the
//! syntax extensions the LuaJIT 2.1 rolling took from 3.0: `const` and
//! `continue` (soft keywords), `?.`, `??`, `<<`, `>>`, `~>>`, `&&`, `||`,
//! `!=`, `->`, and `_` digit separators in numbers.
//!
//! It mirrors LuaJIT's lexer state closely because error messages depend on
//! it: `near '...'` shows the raw text of the last scanned name, string or
//! number (held in `buf`), and instruction lines come from `last_line`.

use crate::chunkname::short_src;
use crate::strscan::scan_number;

/// A compile error with LuaJIT's full message text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// E.g. `[string "x = = 1"]:1: unexpected symbol near '='`.
    pub message: String,
    /// The error is at `<eof>`: more input might complete the chunk.
    pub incomplete: bool,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// A token kind. Values (names, strings, numbers) are in [`Lexer::tokval`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// A single-character token such as `+` or `(`.
    Char(u8),
    And,
    Break,
    /// `const`, a soft keyword.
    Const,
    /// `continue`, a soft keyword.
    Continue,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    Concat,
    Dots,
    Eq,
    Ge,
    Le,
    Ne,
    /// `?.` (safe navigation).
    Nav,
    /// `??` (nil coalescing).
    Coal,
    /// `<<`.
    Shl,
    /// `>>`.
    Shr,
    /// `~>>` (arithmetic shift right).
    Sar,
    /// `&&`, same as `and`.
    AndAlt,
    /// `||`, same as `or`.
    OrAlt,
    /// `!=`, same as `~=`.
    NeAlt,
    /// `->` (short functions).
    Arrow,
    Label,
    Number,
    Name,
    String,
    Eof,
}

const RESERVED: [(&[u8], Tok); 24] = [
    (b"and", Tok::And),
    (b"break", Tok::Break),
    (b"const", Tok::Const),
    (b"continue", Tok::Continue),
    (b"do", Tok::Do),
    (b"else", Tok::Else),
    (b"elseif", Tok::Elseif),
    (b"end", Tok::End),
    (b"false", Tok::False),
    (b"for", Tok::For),
    (b"function", Tok::Function),
    (b"goto", Tok::Goto),
    (b"if", Tok::If),
    (b"in", Tok::In),
    (b"local", Tok::Local),
    (b"nil", Tok::Nil),
    (b"not", Tok::Not),
    (b"or", Tok::Or),
    (b"repeat", Tok::Repeat),
    (b"return", Tok::Return),
    (b"then", Tok::Then),
    (b"true", Tok::True),
    (b"until", Tok::Until),
    (b"while", Tok::While),
];

impl Tok {
    /// The token as LuaJIT names it in messages.
    pub fn text(self) -> String {
        let s: &str = match self {
            Tok::Char(c) => {
                return if c < 32 || c == 127 { format!("char({})", c) } else { (c as char).to_string() };
            }
            Tok::Concat => "..",
            Tok::Dots => "...",
            Tok::Eq => "==",
            Tok::Ge => ">=",
            Tok::Le => "<=",
            Tok::Ne => "~=",
            Tok::Nav => "?.",
            Tok::Coal => "??",
            Tok::Shl => "<<",
            Tok::Shr => ">>",
            Tok::Sar => "~>>",
            Tok::AndAlt => "&&",
            Tok::OrAlt => "||",
            Tok::NeAlt => "!=",
            Tok::Arrow => "->",
            Tok::Label => "::",
            Tok::Number => "<number>",
            Tok::Name => "<name>",
            Tok::String => "<string>",
            Tok::Eof => "<eof>",
            other => {
                let word = RESERVED.iter().find(|(_, t)| *t == other).map(|(w, _)| *w).unwrap_or(b"?");
                return String::from_utf8_lossy(word).into_owned();
            }
        };
        s.to_string()
    }
}

/// The value of a name, string or number token.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum TokVal {
    #[default]
    None,
    /// A name's or string's bytes.
    Str(Vec<u8>),
    Num(f64),
}

/// End of input marker for `Lexer::c`.
const EOF: i32 = -1;
/// LuaJIT's line limit.
const MAX_LINE: u32 = 0x7fff_ff00;

fn is_ident(c: i32) -> bool {
    c >= 0 && (c >= 0x80 || (c as u8).is_ascii_alphanumeric() || c == b'_' as i32)
}
fn is_digit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}
fn is_xdigit(c: i32) -> bool {
    (0..0x80).contains(&c) && (c as u8).is_ascii_hexdigit()
}
fn is_space(c: i32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0a | 0x0b | 0x0c | 0x0d)
}

pub struct Lexer<'a> {
    src: &'a [u8],
    /// Position of the next unread byte.
    pos: usize,
    /// Current character, or EOF.
    c: i32,
    /// Raw text of the token being scanned (LuaJIT's save buffer).
    buf: Vec<u8>,
    chunkname: &'a [u8],
    /// Current line.
    pub line: u32,
    /// Line of the last token consumed (where emitted code is attributed).
    pub last_line: u32,
    pub tok: Tok,
    pub tokval: TokVal,
    lookahead: Tok,
    lookahead_val: TokVal,
}

impl<'a> Lexer<'a> {
    /// A lexer positioned before the first token (call `next_token` to read it).
    pub fn new(src: &'a [u8], chunkname: &'a [u8]) -> Lexer<'a> {
        let mut lx = Lexer {
            src,
            pos: 0,
            c: EOF,
            buf: Vec::new(),
            chunkname,
            line: 1,
            last_line: 1,
            tok: Tok::Eof,
            tokval: TokVal::None,
            lookahead: Tok::Eof,
            lookahead_val: TokVal::None,
        };
        lx.advance();
        // A UTF-8 byte order mark and a leading `#` line are skipped.
        if lx.c == 0xef && lx.src.get(lx.pos..lx.pos + 2) == Some(&[0xbb, 0xbf][..]) {
            lx.pos += 2;
            lx.advance();
        }
        if lx.c == b'#' as i32 {
            loop {
                lx.advance();
                if lx.c == EOF || lx.is_eol() {
                    break;
                }
            }
            if lx.c != EOF {
                // Cannot fail: the line counter just started.
                let _ = lx.newline();
            }
        }
        lx
    }

    pub fn chunkname(&self) -> &'a [u8] {
        self.chunkname
    }

    fn advance(&mut self) -> i32 {
        self.c = match self.src.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b as i32
            }
            None => EOF,
        };
        self.c
    }

    fn save(&mut self, c: i32) {
        self.buf.push(c as u8);
    }

    fn save_advance(&mut self) -> i32 {
        self.save(self.c);
        self.advance()
    }

    fn is_eol(&self) -> bool {
        self.c == b'\n' as i32 || self.c == b'\r' as i32
    }

    /// Skips `\n`, `\r`, `\r\n` or `\n\r`.
    fn newline(&mut self) -> Result<(), SyntaxError> {
        let old = self.c;
        self.advance();
        if self.is_eol() && self.c != old {
            self.advance();
        }
        self.line += 1;
        if self.line >= MAX_LINE {
            return Err(self.error(Some(self.tok), "chunk has too many lines"));
        }
        Ok(())
    }

    /// A syntax error at the current line: `chunk:line: msg near 'tok'`.
    pub fn error(&self, tok: Option<Tok>, msg: &str) -> SyntaxError {
        let mut message = String::from_utf8_lossy(&short_src(self.chunkname)).into_owned();
        message.push_str(&format!(":{}: {}", self.line, msg));
        // A NUL byte is token 0 in LuaJIT, which means "no token": no `near`.
        if let Some(tok) = tok.filter(|&t| t != Tok::Char(0)) {
            let near = match tok {
                Tok::Name | Tok::String | Tok::Number => {
                    let end = self.buf.iter().position(|&b| b == 0).unwrap_or(self.buf.len());
                    String::from_utf8_lossy(&self.buf[..end]).into_owned()
                }
                other => other.text(),
            };
            message.push_str(&format!(" near '{}'", near));
        }
        SyntaxError { message, incomplete: tok == Some(Tok::Eof) }
    }

    /// Reads the next token into `tok`/`tokval`.
    pub fn next_token(&mut self) -> Result<(), SyntaxError> {
        self.last_line = self.line;
        if self.lookahead == Tok::Eof {
            let (t, v) = self.scan()?;
            self.tok = t;
            self.tokval = v;
        } else {
            self.tok = std::mem::replace(&mut self.lookahead, Tok::Eof);
            self.tokval = std::mem::take(&mut self.lookahead_val);
        }
        Ok(())
    }

    /// Scans the token after the current one without consuming it.
    pub fn peek(&mut self) -> Result<Tok, SyntaxError> {
        let (t, v) = self.scan()?;
        self.lookahead = t;
        self.lookahead_val = v;
        Ok(t)
    }

    fn scan(&mut self) -> Result<(Tok, TokVal), SyntaxError> {
        self.buf.clear();
        loop {
            let c = self.c;
            if is_ident(c) {
                if is_digit(c) {
                    return self.number();
                }
                while is_ident(self.c) {
                    self.save_advance();
                }
                if let Some((_, t)) = RESERVED.iter().find(|(w, _)| *w == &self.buf[..]) {
                    // Soft keywords keep their text: they may be names.
                    let val = match t {
                        Tok::Const | Tok::Continue => TokVal::Str(self.buf.clone()),
                        _ => TokVal::None,
                    };
                    return Ok((*t, val));
                }
                return Ok((Tok::Name, TokVal::Str(self.buf.clone())));
            }
            if c == EOF {
                return Ok((Tok::Eof, TokVal::None));
            }
            let ch = c as u8;
            match ch {
                b'\n' | b'\r' => self.newline()?,
                b' ' | b'\t' | 0x0b | 0x0c => {
                    self.advance();
                }
                b'-' => {
                    if self.advance() != b'-' as i32 {
                        return Ok(self.after(b'>', Tok::Arrow, Tok::Char(b'-')));
                    }
                    self.advance();
                    if self.c == b'[' as i32 {
                        let sep = self.skip_eq();
                        self.buf.clear();
                        if sep >= 0 {
                            self.long_string(sep as usize, false)?;
                            self.buf.clear();
                            continue;
                        }
                    }
                    while !self.is_eol() && self.c != EOF {
                        self.advance();
                    }
                }
                b'[' => {
                    let sep = self.skip_eq();
                    if sep >= 0 {
                        let s = self.long_string(sep as usize, true)?;
                        return Ok((Tok::String, TokVal::Str(s)));
                    } else if sep == -1 {
                        return Ok((Tok::Char(b'['), TokVal::None));
                    } else {
                        return Err(self.error(Some(Tok::String), "invalid long string delimiter"));
                    }
                }
                b'=' => return Ok(self.two_char(b'=', Tok::Eq, b'=')),
                b'<' => return Ok(self.two_of(b'<', (b'=', Tok::Le), (b'<', Tok::Shl))),
                b'>' => return Ok(self.two_of(b'>', (b'=', Tok::Ge), (b'>', Tok::Shr))),
                b'~' => {
                    self.advance();
                    if self.c == b'=' as i32 {
                        self.advance();
                        return Ok((Tok::Ne, TokVal::None));
                    }
                    if self.c == b'>' as i32 {
                        if self.advance() != b'>' as i32 {
                            return Err(self.error(Some(Tok::Char(b'~')), "unexpected symbol"));
                        }
                        self.advance();
                        return Ok((Tok::Sar, TokVal::None));
                    }
                    return Ok((Tok::Char(b'~'), TokVal::None));
                }
                b'!' => return Ok(self.two_char(b'=', Tok::NeAlt, b'!')),
                b'?' => return Ok(self.two_of(b'?', (b'.', Tok::Nav), (b'?', Tok::Coal))),
                b'&' => return Ok(self.two_char(b'&', Tok::AndAlt, b'&')),
                b'|' => return Ok(self.two_char(b'|', Tok::OrAlt, b'|')),
                b':' => return Ok(self.two_char(b':', Tok::Label, b':')),
                b'"' | b'\'' => {
                    let s = self.string()?;
                    return Ok((Tok::String, TokVal::Str(s)));
                }
                b'.' => {
                    if self.save_advance() == b'.' as i32 {
                        self.advance();
                        if self.c == b'.' as i32 {
                            self.advance();
                            return Ok((Tok::Dots, TokVal::None));
                        }
                        return Ok((Tok::Concat, TokVal::None));
                    } else if !is_digit(self.c) {
                        return Ok((Tok::Char(b'.'), TokVal::None));
                    } else {
                        return self.number();
                    }
                }
                _ => {
                    self.advance();
                    return Ok((Tok::Char(ch), TokVal::None));
                }
            }
        }
    }

    /// `first` then `second` gives `tok`, else the single char `single`.
    fn two_char(&mut self, second: u8, tok: Tok, single: u8) -> (Tok, TokVal) {
        self.advance();
        if self.c == second as i32 {
            self.advance();
            (tok, TokVal::None)
        } else {
            (Tok::Char(single), TokVal::None)
        }
    }

    /// The current character (the one after the last token scanned).
    /// Compound assignment checks it: `+=` must be written without a space.
    pub fn current_char(&self) -> i32 {
        self.c
    }

    /// After a one-character token already seen: `second` makes it `two`,
    /// else it is `one`.
    fn after(&mut self, second: u8, two: Tok, one: Tok) -> (Tok, TokVal) {
        if self.c == second as i32 {
            self.advance();
            (two, TokVal::None)
        } else {
            (one, TokVal::None)
        }
    }

    /// `first` followed by `s1` gives `t1`, by `s2` gives `t2`, else the
    /// single char `first`.
    fn two_of(&mut self, first: u8, (s1, t1): (u8, Tok), (s2, t2): (u8, Tok)) -> (Tok, TokVal) {
        self.advance();
        if self.c == s1 as i32 {
            self.advance();
            (t1, TokVal::None)
        } else if self.c == s2 as i32 {
            self.advance();
            (t2, TokVal::None)
        } else {
            (Tok::Char(first), TokVal::None)
        }
    }

    /// A numeral. Underscores between its characters are skipped (digit
    /// separators), also right after a leading `0` (`0x_ff`).
    fn number(&mut self) -> Result<(Tok, TokVal), SyntaxError> {
        let mut exp_char = b'e' as i32;
        let mut c = self.c;
        if c == b'0' as i32 {
            self.save(c);
            loop {
                c = self.advance();
                if c != b'_' as i32 {
                    break;
                }
            }
            if (c | 0x20) == b'x' as i32 {
                exp_char = b'p' as i32;
            }
        }
        while is_ident(self.c)
            || self.c == b'.' as i32
            || ((self.c == b'-' as i32 || self.c == b'+' as i32) && (c | 0x20) == exp_char)
        {
            if self.c != b'_' as i32 {
                c = self.c;
                self.save(c);
            }
            self.advance();
        }
        match scan_number(&self.buf) {
            Some(n) => Ok((Tok::Number, TokVal::Num(n))),
            None => Err(self.error(Some(Tok::Number), "malformed number")),
        }
    }

    /// Counts `=` in `[==[` or `]==]`: the level if the bracket closes,
    /// else `-count - 1`.
    fn skip_eq(&mut self) -> i64 {
        let open = self.c;
        let mut count = 0i64;
        while self.save_advance() == b'=' as i32 {
            count += 1;
        }
        if self.c == open {
            count
        } else {
            -count - 1
        }
    }

    fn long_string(&mut self, sep: usize, is_string: bool) -> Result<Vec<u8>, SyntaxError> {
        self.save_advance(); // The second '['.
        if self.is_eol() {
            self.newline()?;
        }
        loop {
            match self.c {
                EOF => {
                    let msg = if is_string { "unfinished long string" } else { "unfinished long comment" };
                    return Err(self.error(Some(Tok::Eof), msg));
                }
                0x5d /* ']' */ => {
                    if self.skip_eq() == sep as i64 {
                        self.save_advance();
                        break;
                    }
                }
                0x0a | 0x0d => {
                    self.save(b'\n' as i32);
                    self.newline()?;
                    if !is_string {
                        self.buf.clear();
                    }
                }
                _ => {
                    self.save_advance();
                }
            }
        }
        if !is_string {
            return Ok(Vec::new());
        }
        let skip = 2 + sep;
        Ok(self.buf[skip..self.buf.len() - skip].to_vec())
    }

    fn escape_error(&self) -> SyntaxError {
        self.error(Some(Tok::String), "invalid escape sequence")
    }

    fn string(&mut self) -> Result<Vec<u8>, SyntaxError> {
        let delim = self.c;
        self.save_advance();
        while self.c != delim {
            match self.c {
                EOF => return Err(self.error(Some(Tok::Eof), "unfinished string")),
                0x0a | 0x0d => return Err(self.error(Some(Tok::String), "unfinished string")),
                0x5c /* '\\' */ => {
                    let mut c = self.advance();
                    match c {
                        0x61 => c = 0x07, // \a
                        0x62 => c = 0x08, // \b
                        0x66 => c = 0x0c, // \f
                        0x6e => c = 0x0a, // \n
                        0x72 => c = 0x0d, // \r
                        0x74 => c = 0x09, // \t
                        0x76 => c = 0x0b, // \v
                        0x78 => {
                            // \xXX
                            let mut v = 0;
                            for _ in 0..2 {
                                let d = self.advance();
                                if !is_xdigit(d) {
                                    return Err(self.escape_error());
                                }
                                v = v * 16 + (d as u8 as char).to_digit(16).unwrap_or(0) as i32;
                            }
                            c = v;
                        }
                        0x75 => {
                            // \u{XXX}
                            if self.advance() != b'{' as i32 {
                                return Err(self.escape_error());
                            }
                            self.advance();
                            let mut v: u32 = 0;
                            loop {
                                if !is_xdigit(self.c) {
                                    return Err(self.escape_error());
                                }
                                v = (v << 4) | (self.c as u8 as char).to_digit(16).unwrap_or(0);
                                if v >= 0x110000 {
                                    return Err(self.escape_error());
                                }
                                if self.advance() == b'}' as i32 {
                                    break;
                                }
                            }
                            if (0xd800..0xe000).contains(&v) {
                                return Err(self.escape_error());
                            }
                            let mut utf8 = [0u8; 4];
                            let ch = char::from_u32(v).unwrap_or('\0');
                            let bytes = ch.encode_utf8(&mut utf8).as_bytes();
                            let (last, init) = bytes.split_last().unwrap_or((&0, &[]));
                            for &b in init {
                                self.save(b as i32);
                            }
                            c = *last as i32;
                        }
                        0x7a => {
                            // \z skips following whitespace, newlines included.
                            self.advance();
                            while is_space(self.c) {
                                if self.is_eol() {
                                    self.newline()?;
                                } else {
                                    self.advance();
                                }
                            }
                            continue;
                        }
                        0x0a | 0x0d => {
                            self.save(b'\n' as i32);
                            self.newline()?;
                            continue;
                        }
                        0x5c | 0x22 | 0x27 => {}
                        EOF => continue,
                        _ => {
                            if !is_digit(c) {
                                return Err(self.escape_error());
                            }
                            // \ddd: up to three decimal digits.
                            let mut v = c - b'0' as i32;
                            if is_digit(self.advance()) {
                                v = v * 10 + (self.c - b'0' as i32);
                                if is_digit(self.advance()) {
                                    v = v * 10 + (self.c - b'0' as i32);
                                    if v > 255 {
                                        return Err(self.escape_error());
                                    }
                                    self.advance();
                                }
                            }
                            self.save(v);
                            continue;
                        }
                    }
                    self.save(c);
                    self.advance();
                }
                _ => {
                    self.save_advance();
                }
            }
        }
        self.save_advance(); // Closing delimiter.
        Ok(self.buf[1..self.buf.len() - 1].to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Result<Vec<(Tok, TokVal)>, String> {
        let mut lx = Lexer::new(src.as_bytes(), b"=t");
        let mut out = Vec::new();
        loop {
            lx.next_token().map_err(|e| e.message)?;
            if lx.tok == Tok::Eof {
                return Ok(out);
            }
            out.push((lx.tok, lx.tokval.clone()));
        }
    }

    fn strval(src: &str) -> Vec<u8> {
        match &tokens(src).unwrap()[0].1 {
            TokVal::Str(s) => s.clone(),
            _ => panic!(),
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(strval(r#""a\tb\65\x41\u{20AC}\z   c""#), b"a\tbAA\xe2\x82\xacc".to_vec());
        assert_eq!(strval("'a\\\nb'"), b"a\nb".to_vec());
        assert_eq!(strval("[==[\nx]]y]==]"), b"x]]y".to_vec());
        assert_eq!(strval(r#""\0012""#), b"\x012".to_vec());
    }

    #[test]
    fn errors() {
        assert_eq!(tokens("x = \"abc\n").unwrap_err(), "t:1: unfinished string near '\"abc'");
        assert_eq!(tokens("x = \"abc").unwrap_err(), "t:1: unfinished string near '<eof>'");
        assert_eq!(tokens("x = [==[ abc").unwrap_err(), "t:1: unfinished long string near '<eof>'");
        assert_eq!(tokens("--[[ abc\n").unwrap_err(), "t:2: unfinished long comment near '<eof>'");
        assert_eq!(tokens(r#""\300""#).unwrap_err(), "t:1: invalid escape sequence near '\"'");
        assert_eq!(tokens(r#""ab\q""#).unwrap_err(), "t:1: invalid escape sequence near '\"ab'");
        assert_eq!(tokens("3..4").unwrap_err(), "t:1: malformed number near '3..4'");
        assert_eq!(tokens("1LL").unwrap_err(), "t:1: malformed number near '1LL'");
        assert_eq!(tokens("[=x").unwrap_err(), "t:1: invalid long string delimiter near '[='");
    }

    #[test]
    fn numbers_and_symbols() {
        let t = tokens("#!shebang\n0x1.8p3 .5 1e-2 a.b ... .. :: ~= == <= >=").unwrap();
        assert_eq!(t[0], (Tok::Number, TokVal::Num(12.0)));
        assert_eq!(t[1], (Tok::Number, TokVal::Num(0.5)));
        assert_eq!(t[2], (Tok::Number, TokVal::Num(0.01)));
        let kinds: Vec<Tok> = t[3..].iter().map(|x| x.0).collect();
        assert_eq!(
            kinds,
            vec![
                Tok::Name,
                Tok::Char(b'.'),
                Tok::Name,
                Tok::Dots,
                Tok::Concat,
                Tok::Label,
                Tok::Ne,
                Tok::Eq,
                Tok::Le,
                Tok::Ge
            ]
        );
    }

    #[test]
    fn extension_symbols() {
        let t = tokens("?. ?? ? << >> ~>> ~ && & || | != ! -> - --x\n").unwrap();
        let kinds: Vec<Tok> = t.iter().map(|x| x.0).collect();
        assert_eq!(
            kinds,
            vec![
                Tok::Nav,
                Tok::Coal,
                Tok::Char(b'?'),
                Tok::Shl,
                Tok::Shr,
                Tok::Sar,
                Tok::Char(b'~'),
                Tok::AndAlt,
                Tok::Char(b'&'),
                Tok::OrAlt,
                Tok::Char(b'|'),
                Tok::NeAlt,
                Tok::Char(b'!'),
                Tok::Arrow,
                Tok::Char(b'-'),
            ]
        );
        assert_eq!(tokens("1 ~> 2").unwrap_err(), "t:1: unexpected symbol near '~'");
    }

    #[test]
    fn soft_keywords_keep_their_text() {
        let t = tokens("const continue").unwrap();
        assert_eq!(t[0], (Tok::Const, TokVal::Str(b"const".to_vec())));
        assert_eq!(t[1], (Tok::Continue, TokVal::Str(b"continue".to_vec())));
    }

    #[test]
    fn digit_separators() {
        let t = tokens("1_000 0x_ff 0xf_f 1_0.5 1e1_0 1_ 0__1").unwrap();
        let nums: Vec<TokVal> = t.into_iter().map(|x| x.1).collect();
        let want = [1000.0, 255.0, 255.0, 10.5, 1e10, 1.0, 1.0];
        assert_eq!(nums, want.iter().map(|&n| TokVal::Num(n)).collect::<Vec<_>>());
        // The text shown in errors has the underscores removed.
        assert_eq!(tokens("0x_").unwrap_err(), "t:1: malformed number near '0x'");
        assert_eq!(tokens("1_x").unwrap_err(), "t:1: malformed number near '1x'");
    }

    #[test]
    fn line_endings() {
        let mut lx = Lexer::new(b"a\r\nb\n\rc\rd", b"=t");
        let mut lines = Vec::new();
        for _ in 0..4 {
            lx.next_token().unwrap();
            lines.push(lx.line);
        }
        assert_eq!(lines, vec![1, 2, 3, 4]);
    }
}

//! The stream behind an `io` file handle: a buffered reader/writer over a
//! file, a child process's pipe or a standard stream, with the reading
//! primitives of C stdio that LuaJIT's `io` library is built on (`fgets`,
//! `fread`, `fscanf("%lf")`, `ungetc`).
//!
//! Standard output is not written here: the VM buffers it in `Vm::stdout`,
//! and the caller passes that writer in.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::mem::ManuallyDrop;
use std::process::{Child, ChildStdin, ChildStdout};

/// errno values LuaJIT reports for stdio failures that never reach the OS.
pub const EBADF: i32 = 9;
pub const EINVAL: i32 = 22;
pub const ESPIPE: i32 = 29;

/// Size of a read from the OS into the read buffer.
const READ_CHUNK: usize = 8192;
/// Pending output above this is written out even in full buffering.
const WRITE_CHUNK: usize = 8192;
/// A file's `st_blksize`, glibc's buffer size: larger `fread`s bypass it.
const BLOCK_SIZE: usize = 4096;
/// `LUAL_BUFFERSIZE`: LuaJIT's first `fgets` buffer for a line.
const LINE_BUFFER: usize = 8192;

/// What the handle reads from or writes to.
pub enum Stream {
    File(File),
    /// `io.popen(cmd, "r")`: the child's standard output.
    PipeFrom(Child, ChildStdout),
    /// `io.popen(cmd, "w")`: the child's standard input.
    PipeTo(Option<ChildStdin>, Child),
    Stdin,
    Stdout,
    Stderr,
}

/// C stdio's buffering modes (`setvbuf`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BufMode {
    Full,
    Line,
    No,
}

/// The state of one `io` file handle; `stream` is `None` once closed.
pub struct LuaFile {
    pub stream: Option<Stream>,
    readable: bool,
    writable: bool,
    /// Close the file when an `io.lines(name)` iterator reaches the end.
    pub close_at_eof: bool,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
    mode: BufMode,
    /// The last failure since `clear_error` (C's `ferror` flag and errno).
    pub error: Option<i32>,
}

/// The errno of an I/O error (EIO when it did not come from the OS).
pub fn errno_of(e: &io::Error) -> i32 {
    e.raw_os_error().unwrap_or(5)
}

/// C's `strerror` text for an errno, as LuaJIT prints it.
pub fn strerror(errno: i32) -> String {
    extern "C" {
        fn strerror(errnum: i32) -> *const std::ffi::c_char;
    }
    // strerror returns a NUL-terminated string that stays valid until the
    // next call; it is copied out at once.
    unsafe {
        let p = strerror(errno);
        if p.is_null() {
            return format!("Unknown error {}", errno);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

fn bad_fd() -> io::Error {
    io::Error::from_raw_os_error(EBADF)
}

/// Runs `f` on a standard stream's descriptor seen as a `File`, without
/// closing the descriptor afterwards.
fn with_std_fd<T>(fd: i32, f: impl FnOnce(&mut File) -> io::Result<T>) -> io::Result<T> {
    use std::os::unix::io::FromRawFd;
    // Descriptors 0-2 stay open for the life of the process; ManuallyDrop
    // keeps this borrowed view from closing it.
    let mut file = ManuallyDrop::new(unsafe { File::from_raw_fd(fd) });
    f(&mut file)
}

impl LuaFile {
    pub fn new(stream: Stream, readable: bool, writable: bool) -> LuaFile {
        let mode = match stream {
            Stream::Stderr => BufMode::No,
            _ => BufMode::Full,
        };
        LuaFile {
            stream: Some(stream),
            readable,
            writable,
            close_at_eof: false,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            mode,
            error: None,
        }
    }

    pub fn is_closed(&self) -> bool {
        self.stream.is_none()
    }

    pub fn is_std(&self) -> bool {
        matches!(self.stream, Some(Stream::Stdin | Stream::Stdout | Stream::Stderr))
    }

    /// Records a failure (sets the error flag) and passes it on.
    fn fail<T>(&mut self, e: io::Error) -> io::Result<T> {
        self.error = Some(errno_of(&e));
        Err(e)
    }

    /// C's `clearerr`.
    pub fn clear_error(&mut self) {
        self.error = None;
    }

    // ---- Writing ------------------------------------------------------------

    /// Writes `data`, buffered according to the mode. `stdout` is the VM's
    /// buffered standard output.
    pub fn write(&mut self, data: &[u8], stdout: &mut BufWriter<io::Stdout>) -> io::Result<()> {
        if !self.writable {
            return self.fail(bad_fd());
        }
        if let Err(e) = self.drop_read_ahead() {
            return self.fail(e);
        }
        let result = match self.stream {
            Some(Stream::Stdout) => stdout.write_all(data).and_then(|_| match self.mode {
                BufMode::No => stdout.flush(),
                BufMode::Line if data.contains(&b'\n') => stdout.flush(),
                _ => Ok(()),
            }),
            Some(Stream::Stderr) => {
                let _ = stdout.flush();
                io::stderr().write_all(data)
            }
            _ => {
                self.wbuf.extend_from_slice(data);
                let due = match self.mode {
                    BufMode::No => true,
                    BufMode::Line => data.contains(&b'\n'),
                    BufMode::Full => self.wbuf.len() >= WRITE_CHUNK,
                };
                if due {
                    self.flush_pending()
                } else {
                    Ok(())
                }
            }
        };
        match result {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }

    /// Writes out buffered output of a file or pipe.
    fn flush_pending(&mut self) -> io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.wbuf);
        match &mut self.stream {
            Some(Stream::File(f)) => f.write_all(&data),
            Some(Stream::PipeTo(Some(w), _)) => w.write_all(&data),
            _ => Ok(()),
        }
    }

    /// C's `fflush`.
    pub fn flush(&mut self, stdout: &mut BufWriter<io::Stdout>) -> io::Result<()> {
        let result = match self.stream {
            Some(Stream::Stdout) => stdout.flush(),
            _ => self.flush_pending(),
        };
        result.or_else(|e| self.fail(e))
    }

    /// Before writing after reading: moves the OS position back over what
    /// was read ahead but not consumed, as stdio does.
    fn drop_read_ahead(&mut self) -> io::Result<()> {
        let unread = (self.rbuf.len() - self.rpos) as i64;
        self.rbuf.clear();
        self.rpos = 0;
        if unread > 0 {
            if let Some(Stream::File(f)) = &mut self.stream {
                f.seek(SeekFrom::Current(-unread))?;
            }
        }
        Ok(())
    }

    // ---- Reading ------------------------------------------------------------

    /// Refills the read buffer if it is empty; false at the end of input.
    fn fill(&mut self, stdout: &mut BufWriter<io::Stdout>) -> io::Result<bool> {
        if self.rpos < self.rbuf.len() {
            return Ok(true);
        }
        if !self.readable {
            return self.fail(bad_fd());
        }
        if let Err(e) = self.flush_pending() {
            return self.fail(e);
        }
        self.rbuf.resize(READ_CHUNK, 0);
        self.rpos = 0;
        let result = match &mut self.stream {
            Some(Stream::File(f)) => f.read(&mut self.rbuf),
            Some(Stream::PipeFrom(_, r)) => r.read(&mut self.rbuf),
            Some(Stream::Stdin) => {
                // Prompts written before a read must show first.
                let _ = stdout.flush();
                io::stdin().read(&mut self.rbuf)
            }
            _ => Err(bad_fd()),
        };
        match result {
            Ok(n) => {
                self.rbuf.truncate(n);
                Ok(n > 0)
            }
            Err(e) => {
                self.rbuf.clear();
                self.fail(e)
            }
        }
    }

    /// C's `getc`: the next byte, or `None` at the end (or on an error,
    /// which is recorded).
    fn getc(&mut self, stdout: &mut BufWriter<io::Stdout>) -> Option<u8> {
        match self.fill(stdout) {
            Ok(true) => {
                let c = self.rbuf[self.rpos];
                self.rpos += 1;
                Some(c)
            }
            _ => None,
        }
    }

    /// C's `ungetc` of the byte just read by `getc`.
    fn ungetc(&mut self) {
        self.rpos -= 1;
    }

    /// The next byte without consuming it.
    fn peek(&mut self, stdout: &mut BufWriter<io::Stdout>) -> Option<u8> {
        let c = self.getc(stdout)?;
        self.ungetc();
        Some(c)
    }

    /// C's `fread` of up to `n` bytes.
    pub fn read_bytes(&mut self, n: usize, stdout: &mut BufWriter<io::Stdout>) -> Vec<u8> {
        if !self.readable && n >= BLOCK_SIZE {
            // glibc reads this much straight into the caller's buffer,
            // resetting the stream's buffer first: pending output is lost.
            self.wbuf.clear();
        }
        let mut out = Vec::new();
        while out.len() < n {
            match self.fill(stdout) {
                Ok(true) => {
                    let take = (n - out.len()).min(self.rbuf.len() - self.rpos);
                    out.extend_from_slice(&self.rbuf[self.rpos..self.rpos + take]);
                    self.rpos += take;
                }
                _ => break,
            }
        }
        out
    }

    /// Everything up to the end of input.
    pub fn read_all(&mut self, stdout: &mut BufWriter<io::Stdout>) -> Vec<u8> {
        self.read_bytes(usize::MAX, stdout)
    }

    /// Whether a byte is available (a zero-length read).
    pub fn at_data(&mut self, stdout: &mut BufWriter<io::Stdout>) -> bool {
        self.peek(stdout).is_some()
    }

    /// C's `fgets` into a buffer of `room` bytes: up to `room - 1` bytes,
    /// stopping after a newline; `None` if nothing was read.
    fn fgets(&mut self, room: usize, stdout: &mut BufWriter<io::Stdout>) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        while out.len() + 1 < room {
            if !matches!(self.fill(stdout), Ok(true)) {
                break;
            }
            // Take buffered bytes up to the newline or the room left.
            let avail = &self.rbuf[self.rpos..];
            let limit = avail.len().min(room - 1 - out.len());
            let (take, newline) = match avail[..limit].iter().position(|&c| c == b'\n') {
                Some(i) => (i + 1, true),
                None => (limit, false),
            };
            out.extend_from_slice(&avail[..take]);
            self.rpos += take;
            if newline {
                break;
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// A line the way LuaJIT reads one: repeated `fgets` into a growing
    /// buffer, each piece cut at its first NUL (LuaJIT measures pieces with
    /// `strlen`). Returns the line (without its newline if `chop`) and
    /// whether anything counted was read.
    pub fn read_line(&mut self, chop: bool, stdout: &mut BufWriter<io::Stdout>) -> (Vec<u8>, bool) {
        let mut size = LINE_BUFFER;
        let mut line: Vec<u8> = Vec::new();
        let mut ok = false;
        while let Some(piece) = self.fgets(size - line.len(), stdout) {
            let len = piece.iter().position(|&c| c == 0).unwrap_or(piece.len());
            line.extend_from_slice(&piece[..len]);
            ok |= !line.is_empty();
            if line.last() == Some(&b'\n') {
                if chop {
                    line.pop();
                }
                break;
            }
            if line.len() >= size - 64 {
                size += size;
            }
        }
        (line, ok)
    }

    /// A number the way C's `fscanf(fp, "%lf")` reads one with glibc:
    /// characters are consumed while they can extend a number (only the
    /// last one that cannot is pushed back), then the longest prefix that
    /// `strtod` accepts is converted; `None` if there is none.
    pub fn read_number(&mut self, stdout: &mut BufWriter<io::Stdout>) -> Option<f64> {
        while self.peek(stdout).is_some_and(is_c_space) {
            self.getc(stdout);
        }
        let mut text = Vec::new();
        let mut c = self.getc(stdout)?;
        let signed = c == b'-' || c == b'+';
        if signed {
            text.push(c);
            c = self.getc(stdout)?;
        }
        let lower = c.to_ascii_lowercase();
        if lower == b'n' || lower == b'i' {
            text.push(c);
            let rest: &[u8] = if lower == b'n' { b"an" } else { b"nf" };
            self.expect_word(rest, &mut text, stdout)?;
            if lower == b'i' {
                match self.getc(stdout) {
                    Some(d) if d.eq_ignore_ascii_case(&b'i') => {
                        text.push(d);
                        self.expect_word(b"nity", &mut text, stdout)?;
                    }
                    Some(_) => self.ungetc(),
                    None => {}
                }
            }
            return strtod_prefix(&text);
        }
        let mut hex = false;
        let mut exp_char = b'e';
        let mut got_digit = false;
        let mut cur = Some(c);
        if c == b'0' {
            text.push(c);
            cur = self.getc(stdout);
            match cur {
                Some(x) if x.eq_ignore_ascii_case(&b'x') => {
                    text.push(x);
                    hex = true;
                    exp_char = b'p';
                    cur = self.getc(stdout);
                }
                _ => got_digit = true,
            }
        }
        let (mut got_e, mut got_dot) = (false, false);
        while let Some(c) = cur {
            let exponent_sign = got_e && text.last() == Some(&exp_char) && (c == b'-' || c == b'+');
            if c.is_ascii_digit() || (hex && !got_e && c.is_ascii_hexdigit()) {
                got_digit = true;
                text.push(c);
            } else if exponent_sign {
                text.push(c);
            } else if got_digit && !got_e && c.to_ascii_lowercase() == exp_char {
                // No decimal point may follow the exponent mark.
                got_e = true;
                got_dot = true;
                text.push(exp_char);
            } else if !got_dot && c == b'.' {
                got_dot = true;
                text.push(c);
            } else {
                self.ungetc();
                break;
            }
            cur = self.getc(stdout);
        }
        let sign = signed as usize;
        if text.len() == sign || (hex && text.len() == 2 + sign) {
            return None;
        }
        strtod_prefix(&text)
    }

    /// Consumes `word` (any case) into `text`; `None` on a mismatch, the
    /// mismatching byte being consumed as scanf does.
    fn expect_word(&mut self, word: &[u8], text: &mut Vec<u8>, stdout: &mut BufWriter<io::Stdout>) -> Option<()> {
        for &w in word {
            let d = self.getc(stdout)?;
            if d.to_ascii_lowercase() != w {
                return None;
            }
            text.push(d);
        }
        Some(())
    }

    // ---- Positioning and closing ---------------------------------------------

    /// C's `fseeko` then `ftello`: the new position from the start.
    pub fn seek(&mut self, to: SeekFrom, stdout: &mut BufWriter<io::Stdout>) -> io::Result<u64> {
        self.flush(stdout)?;
        let unread = (self.rbuf.len() - self.rpos) as i64;
        let to = match to {
            SeekFrom::Current(off) => SeekFrom::Current(off - unread),
            other => other,
        };
        let result = match &mut self.stream {
            Some(Stream::File(f)) => f.seek(to),
            Some(Stream::Stdin) => with_std_fd(0, |f| f.seek(to)),
            Some(Stream::Stdout) => with_std_fd(1, |f| f.seek(to)),
            Some(Stream::Stderr) => with_std_fd(2, |f| f.seek(to)),
            _ => Err(io::Error::from_raw_os_error(ESPIPE)),
        };
        match result {
            Ok(pos) => {
                self.rbuf.clear();
                self.rpos = 0;
                Ok(pos)
            }
            Err(e) => self.fail(e),
        }
    }

    /// C's `setvbuf`.
    pub fn set_buffering(&mut self, mode: BufMode, stdout: &mut BufWriter<io::Stdout>) -> io::Result<()> {
        self.flush(stdout)?;
        self.mode = mode;
        Ok(())
    }

    /// `fclose` or `pclose`: writes out pending output, releases the
    /// stream and, for a pipe, waits for the child.
    pub fn close(&mut self) -> io::Result<()> {
        let flushed = self.flush_pending();
        self.rbuf = Vec::new();
        self.rpos = 0;
        let waited = match self.stream.take() {
            Some(Stream::PipeFrom(mut child, out)) => {
                drop(out);
                child.wait().map(|_| ())
            }
            Some(Stream::PipeTo(input, mut child)) => {
                drop(input);
                child.wait().map(|_| ())
            }
            _ => Ok(()),
        };
        flushed.and(waited)
    }
}

impl Drop for LuaFile {
    /// A handle freed without `__gc` having run still releases its stream.
    fn drop(&mut self) {
        if !self.is_std() {
            let _ = self.close();
        }
    }
}

/// C's `isspace` in the C locale.
fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `strtod` on scanned text: the value of its longest numeric prefix.
fn strtod_prefix(text: &[u8]) -> Option<f64> {
    let mut p = 0;
    let neg = matches!(text.first(), Some(b'-'));
    if matches!(text.first(), Some(b'-' | b'+')) {
        p = 1;
    }
    let rest = &text[p..];
    let lower: Vec<u8> = rest.iter().map(|c| c.to_ascii_lowercase()).collect();
    let signed = |x: f64| if neg { -x } else { x };
    if lower.starts_with(b"nan") {
        return Some(f64::NAN);
    }
    if lower.starts_with(b"inf") {
        return Some(signed(f64::INFINITY));
    }
    let hex = lower.starts_with(b"0x");
    let digit = |c: u8| {
        if hex {
            c.is_ascii_hexdigit()
        } else {
            c.is_ascii_digit()
        }
    };
    let mut i = if hex { 2 } else { 0 };
    let mut digits = 0;
    while i < lower.len() && digit(lower[i]) {
        i += 1;
        digits += 1;
    }
    if i < lower.len() && lower[i] == b'.' {
        i += 1;
        while i < lower.len() && digit(lower[i]) {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        // "0x" with no hex digits is the number 0 followed by junk.
        return if hex { Some(signed(0.0)) } else { None };
    }
    let mantissa_end = i;
    let exp_char = if hex { b'p' } else { b'e' };
    let mut end = mantissa_end;
    if i < lower.len() && lower[i] == exp_char {
        let mut j = i + 1;
        if j < lower.len() && (lower[j] == b'+' || lower[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < lower.len() && lower[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            end = j;
        }
    }
    crate::strscan::str_to_number(&lower[..end]).map(signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtod_takes_the_longest_prefix() {
        assert_eq!(strtod_prefix(b"1e"), Some(1.0));
        assert_eq!(strtod_prefix(b"-3.5e2"), Some(-350.0));
        assert_eq!(strtod_prefix(b"0x1p4"), Some(16.0));
        assert_eq!(strtod_prefix(b"0x1.8"), Some(1.5));
        assert_eq!(strtod_prefix(b"."), None);
        assert_eq!(strtod_prefix(b"-.5"), Some(-0.5));
        assert_eq!(strtod_prefix(b"1e+"), Some(1.0));
        assert_eq!(strtod_prefix(b"+inf"), Some(f64::INFINITY));
        assert!(strtod_prefix(b"nan").unwrap().is_nan());
    }

    #[test]
    fn strerror_texts() {
        assert_eq!(strerror(2), "No such file or directory");
        assert_eq!(strerror(EBADF), "Bad file descriptor");
    }
}

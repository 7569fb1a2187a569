//! IR text: the `-jdump` style listing, and a parser for the same text so
//! optimiser tests can be written as IR in, IR out.
//!
//! ```text
//! 0001 >  int SLOAD  #2    CI
//! 0002  + int ADD    0001  +1
//! ....        SNAP   #1   [ ---- ---- 0002 ] @7
//! 0003 ------ LOOP ------------
//! ```

use super::ops::*;
use super::*;
use std::fmt::Write;

/// Formats a number constant so that parsing it back gives the same bits
/// (apart from NaN payloads, which Neap values never carry).
pub fn format_num(v: f64) -> String {
    if v.is_nan() {
        if v.is_sign_negative() {
            "-nan".into()
        } else {
            "nan".into()
        }
    } else if v.is_infinite() {
        if v > 0.0 {
            "+inf".into()
        } else {
            "-inf".into()
        }
    } else {
        format!("{v:+?}")
    }
}

fn format_str(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
    s
}

impl Ir {
    /// A constant as it appears inline in an operand.
    pub fn format_const(&self, r: Ref) -> String {
        let k = self.get(r);
        match k.op {
            Op::KPRI => k.ty.name().replace("fal", "false").replace("tru", "true"),
            Op::KINT => format!("{:+}", self.int_of(r).unwrap_or(0)),
            Op::KNUM => format_num(self.num_of(r).unwrap_or(0.0)),
            Op::KINT64 => format!("{:+}LL", self.u64_of(r).unwrap_or(0) as i64),
            Op::KPTR => format!("[{:#x}]", self.u64_of(r).unwrap_or(0)),
            Op::KGC => match self.gc_of(r) {
                Some(GcConst { bytes: Some(b), .. }) => format_str(b),
                Some(g) => format!("{}:{:#x}", g.ty.name(), g.addr),
                None => "?".into(),
            },
            _ => "?".into(),
        }
    }

    fn format_ref(&self, r: Ref) -> String {
        if r.is_const() {
            self.format_const(r)
        } else {
            format!("{:04}", r.number())
        }
    }

    fn format_lit(&self, ins: &Ins, which: u8) -> String {
        let v = if which == 1 { ins.op1 } else { ins.op2 };
        match (ins.op, which) {
            (Op::SLOAD, 2) => {
                SLOAD_LETTERS.chars().enumerate().filter(|(i, _)| v & (1 << i) != 0).map(|(_, c)| c).collect()
            }
            (Op::FLOAD | Op::FREF, 2) => FIELD_NAMES.get(v as usize).map_or(format!("#{v}"), |s| s.to_string()),
            (Op::FPMATH, 2) => FPM_NAMES.get(v as usize).map_or(format!("#{v}"), |s| s.to_string()),
            (Op::CONV, 2) => {
                let dst = IrType::from_u8((v >> CONV_DST_SHIFT & CONV_SRC_MASK) as u8).map_or("?", |t| t.name());
                let src = IrType::from_u8((v & CONV_SRC_MASK) as u8).map_or("?", |t| t.name());
                let mut s = format!("{dst}.{src}");
                if v & CONV_CHECK != 0 {
                    s.push_str(" check");
                }
                if v & CONV_INDEX != 0 {
                    s.push_str(" index");
                }
                s
            }
            _ => format!("#{v:<3}"),
        }
    }

    fn format_snap(&self, out: &mut String, n: usize, snap: &Snapshot) {
        let _ = write!(out, "....        SNAP   #{n:<3} [ ");
        let mut entries = snap.entries.iter().peekable();
        for slot in 0..snap.nslots {
            match entries.peek() {
                Some(e) if e.slot == slot => {
                    out.push_str(&self.format_ref(e.val));
                    out.push(if e.frame { '|' } else { ' ' });
                    entries.next();
                }
                _ => out.push_str("---- "),
            }
        }
        let _ = write!(out, "] @{}", snap.pc);
        if snap.base != 0 {
            let _ = write!(out, " base {}", snap.base);
        }
        out.push('\n');
    }

    /// One instruction's line (without the newline), or None for NOPs.
    pub fn format_ins(&self, r: Ref) -> Option<String> {
        let ins = self.get(r);
        let mut s = format!("{:04} ", r.number());
        match ins.op {
            Op::NOP | Op::BASE => return None,
            Op::LOOP => {
                s.push_str("------ LOOP ------------");
                return Some(s);
            }
            _ => {}
        }
        let _ = write!(
            s,
            "{}{} {:<3} {:<6} ",
            if ins.is_guard() { '>' } else { ' ' },
            if ins.is_phi() { '+' } else { ' ' },
            ins.ty.name(),
            ins.op.name()
        );
        let (m1, m2) = ins.op.modes();
        match m1 {
            Mode::Ref => s.push_str(&self.format_ref(ins.a())),
            Mode::Lit => {
                let _ = write!(s, "#{:<3}", ins.op1);
            }
            _ => {}
        }
        match m2 {
            Mode::Ref => {
                let _ = write!(s, "  {}", self.format_ref(ins.b()));
            }
            Mode::Lit => {
                let _ = write!(s, "  {}", self.format_lit(ins, 2));
            }
            _ => {}
        }
        Some(s.trim_end().to_string())
    }

    /// The whole listing: instructions with their snapshots interleaved.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        let mut snaps = self.snaps.iter().enumerate().peekable();
        for r in self.ins_refs().chain(std::iter::once(self.top())) {
            while let Some((n, snap)) = snaps.peek() {
                if snap.at > r {
                    break;
                }
                self.format_snap(&mut out, *n, snap);
                snaps.next();
            }
            if r < self.top() {
                if let Some(line) = self.format_ins(r) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// Splits a line into tokens; quoted strings are one token.
fn tokens(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == ';' {
            break;
        } else if c == '"' {
            let mut t = String::from("\"");
            chars.next();
            loop {
                match chars.next() {
                    None => return Err("unfinished string".into()),
                    Some('"') => break,
                    Some('\\') => {
                        t.push('\\');
                        t.push(chars.next().ok_or("unfinished string")?);
                    }
                    Some(c) => t.push(c),
                }
            }
            t.push('"');
            out.push(t);
        } else {
            let mut t = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                t.push(c);
                chars.next();
                // A frame marker ends a snapshot entry even without a space.
                if c == '|' {
                    break;
                }
            }
            out.push(t);
        }
    }
    Ok(out)
}

fn unescape(body: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'n' => out.push(b'\n'),
                b'x' if i + 3 < b.len() => {
                    let h = std::str::from_utf8(&b[i + 2..i + 4]).map_err(|e| e.to_string())?;
                    out.push(u8::from_str_radix(h, 16).map_err(|e| e.to_string())?);
                    i += 2;
                }
                c => out.push(c),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(out)
}

struct Parser {
    ir: Ir,
    /// Listing number → reference in the new IR.
    labels: HashMap<u16, Ref>,
}

impl Parser {
    fn operand(&mut self, tok: &str) -> Result<Ref, String> {
        if tok.len() == 4 && tok.bytes().all(|b| b.is_ascii_digit()) {
            let n: u16 = tok.parse().unwrap();
            return self.labels.get(&n).copied().ok_or_else(|| format!("undefined reference {tok}"));
        }
        self.constant(tok)
    }

    fn constant(&mut self, tok: &str) -> Result<Ref, String> {
        match tok {
            "nil" => return Ok(Ref::NIL),
            "false" => return Ok(Ref::FALSE),
            "true" => return Ok(Ref::TRUE),
            "nan" => return Ok(self.ir.knum(f64::NAN)),
            "-nan" => return Ok(self.ir.knum(-f64::NAN)),
            _ => {}
        }
        if let Some(body) = tok.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            let bytes = unescape(body)?;
            return Ok(self.ir.kstr(&bytes));
        }
        if let Some(hex) = tok.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let p = u64::from_str_radix(hex.trim_start_matches("0x"), 16).map_err(|e| e.to_string())?;
            return Ok(self.ir.kptr(p));
        }
        if let Some((ty, addr)) = tok.split_once(":0x") {
            let ty = IrType::from_name(ty).ok_or_else(|| format!("bad type in {tok}"))?;
            let addr = u64::from_str_radix(addr, 16).map_err(|e| e.to_string())?;
            return Ok(self.ir.kgc(GcConst { ty, addr, bytes: None }));
        }
        if let Some(n) = tok.strip_suffix("LL") {
            return Ok(self.ir.kint64(n.parse().map_err(|_| format!("bad constant {tok}"))?));
        }
        let is_num = tok.contains(['.', 'e', 'E']) || tok.contains("inf");
        if is_num {
            tok.parse::<f64>().map(|v| self.ir.knum(v)).map_err(|_| format!("bad number {tok}"))
        } else {
            tok.parse::<i32>().map(|v| self.ir.kint(v)).map_err(|_| format!("bad operand {tok}"))
        }
    }

    fn literal(&self, op: Op, toks: &[String]) -> Result<u16, String> {
        let first = toks.first().ok_or("missing literal operand")?;
        if let Some(n) = first.strip_prefix('#') {
            return n.parse().map_err(|_| format!("bad literal {first}"));
        }
        let found = |names: &[&str]| names.iter().position(|n| n == first).map(|i| i as u16);
        let v = match op {
            Op::SLOAD => {
                let mut v = 0;
                for c in first.chars() {
                    let bit = SLOAD_LETTERS.find(c).ok_or_else(|| format!("bad SLOAD flag {c}"))?;
                    v |= 1 << bit;
                }
                Some(v)
            }
            Op::FLOAD | Op::FREF => found(&FIELD_NAMES),
            Op::FPMATH => found(&FPM_NAMES),
            Op::CONV => {
                let (dst, src) = first.split_once('.').ok_or("bad CONV mode")?;
                let dst = IrType::from_name(dst).ok_or("bad CONV type")? as u16;
                let src = IrType::from_name(src).ok_or("bad CONV type")? as u16;
                let mut v = dst << CONV_DST_SHIFT | src;
                for flag in &toks[1..] {
                    v |= match flag.as_str() {
                        "check" => CONV_CHECK,
                        "index" => CONV_INDEX,
                        _ => return Err(format!("bad CONV flag {flag}")),
                    };
                }
                Some(v)
            }
            _ => None,
        };
        v.ok_or_else(|| format!("bad literal {first}"))
    }

    fn snapshot(&mut self, toks: &[String]) -> Result<(), String> {
        // .... SNAP #n [ entries ] @pc
        let open = toks.iter().position(|t| t == "[").ok_or("snapshot without [")?;
        let close = toks.iter().position(|t| t == "]").ok_or("snapshot without ]")?;
        let pc = match toks.get(close + 1) {
            Some(t) => t.strip_prefix('@').ok_or("snapshot pc must read @N")?.parse().map_err(|_| "bad pc")?,
            None => 0,
        };
        let mut entries = Vec::new();
        for (slot, tok) in toks[open + 1..close].iter().enumerate() {
            if tok == "----" {
                continue;
            }
            let (body, frame) = match tok.strip_suffix('|') {
                Some(b) => (b, true),
                None => (tok.as_str(), false),
            };
            let val = self.operand(body)?;
            entries.push(SnapEntry { slot: slot as u16, val, frame });
        }
        let nslots = (close - open - 1) as u16;
        self.ir.snapshot(pc, nslots, entries);
        if let Some(i) = toks.iter().position(|t| t == "base") {
            let base = toks.get(i + 1).and_then(|t| t.parse().ok()).ok_or("snapshot base must read base N")?;
            self.ir.snaps.last_mut().unwrap().base = base;
        }
        Ok(())
    }

    fn line(&mut self, line: &str) -> Result<(), String> {
        let toks = tokens(line)?;
        let Some(first) = toks.first() else { return Ok(()) };
        if first.starts_with("----") {
            return Ok(());
        }
        if first == "...." {
            return self.snapshot(&toks);
        }
        let n: u16 = first.parse().map_err(|_| format!("expected an instruction number, got {first}"))?;
        let mut i = 1;
        let mut flags = 0;
        if let Some(t) = toks.get(i).filter(|t| t.chars().all(|c| c == '>' || c == '+')) {
            if t.contains('>') {
                flags |= F_GUARD;
            }
            if t.contains('+') {
                flags |= F_PHI;
            }
            i += 1;
        }
        let ty_tok = toks.get(i).ok_or("missing type")?;
        if ty_tok == "------" {
            let r = self.ir.emit_raw(Ins::new(Op::LOOP, IrType::Nil, 0, 0)).map_err(|e| e.to_string())?;
            self.ir.get_mut(r).flags = F_GUARD;
            self.labels.insert(n, r);
            return Ok(());
        }
        let ty = IrType::from_name(ty_tok).ok_or_else(|| format!("unknown type {ty_tok}"))?;
        let op_tok = toks.get(i + 1).ok_or("missing opcode")?;
        let op = Op::from_name(op_tok).ok_or_else(|| format!("unknown opcode {op_tok}"))?;
        let rest = &toks[i + 2..];
        let (m1, m2) = op.modes();
        let mut ins = Ins::new(op, ty, 0, 0);
        ins.flags = flags;
        let mut k = 0;
        match m1 {
            Mode::Ref => {
                ins.op1 = self.operand(rest.first().ok_or("missing operand")?)?.0;
                k = 1;
            }
            Mode::Lit => {
                ins.op1 = self.literal(op, &rest[..1.min(rest.len())])?;
                k = 1;
            }
            _ => {}
        }
        match m2 {
            Mode::Ref => ins.op2 = self.operand(rest.get(k).ok_or("missing operand")?)?.0,
            Mode::Lit => ins.op2 = self.literal(op, &rest[k..])?,
            _ => {}
        }
        let r = self.ir.emit_raw(ins).map_err(|e| e.to_string())?;
        self.labels.insert(n, r);
        Ok(())
    }
}

impl Ir {
    /// Parses a listing as [`Ir::dump`] prints it. Instructions are
    /// appended as written (no folding); `;` starts a comment.
    pub fn parse(text: &str, opts: crate::opt::OptFlags) -> Result<Ir, TraceError> {
        let mut p = Parser { ir: Ir::new(opts), labels: HashMap::new() };
        for (no, line) in text.lines().enumerate() {
            p.line(line).map_err(|m| TraceError::Parse(format!("line {}: {m}", no + 1)))?;
        }
        Ok(p.ir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opt::OptFlags;

    const LISTING: &str = "\
....        SNAP   #0   [ ---- ---- ] @0
0001 >  int SLOAD  #2    CI
0002 >  num SLOAD  #3    T
0003    num ADD    0002  +1.5
0004    num MUL    0003  -0.0
0005 >  tab SLOAD  #4    T
0006    p64 FLOAD  0005  tab.array
0007    p64 AREF   0006  0001
0008 >  num ALOAD  0007
0009    int BAND   0001  \"a \\\"q\\\"\\x01\"
0010 >  int CONV   0003  int.num check
0011    num FPMATH 0004  floor
0012    int ADD    0001  -7
....        SNAP   #1   [ fun:0x10|---- 0012 0004 nil true \"s\" ] @12
0013  + num POW    0011  nan
....        SNAP   #2   [ ---- ---- 0013 ] @3 base 2
0014 ------ LOOP ------------
0015    int PHI    0012  0001
";

    #[test]
    fn dump_of_parse_is_identity() {
        let ir = Ir::parse(LISTING, OptFlags::none()).unwrap();
        assert_eq!(ir.dump(), LISTING);
    }

    #[test]
    fn readme_example_round_trips() {
        let readme = include_str!("README.md");
        let section = &readme[readme.find("## Text format").unwrap()..];
        let start = section.find("```\n").unwrap() + 4;
        let example = &section[start..start + section[start..].find("```").unwrap()];
        assert_eq!(Ir::parse(example, OptFlags::none()).unwrap().dump(), example);
    }

    #[test]
    fn constants_are_interned() {
        let mut ir = Ir::default();
        assert_eq!(ir.knum(1.0), ir.knum(1.0));
        assert_ne!(ir.knum(0.0), ir.knum(-0.0));
        assert_eq!(ir.kint(-5), ir.kint(-5));
        let k = ir.kint(i32::MIN);
        assert_eq!(ir.int_of(k), Some(i32::MIN));
        assert_eq!(ir.kstr(b"x"), ir.kstr(b"x"));
    }

    #[test]
    fn numbers_print_so_they_parse_back() {
        for v in [0.0, -0.0, 1.0, 0.1, 1e300, -5e-324, f64::MAX, 2f64.powi(53), f64::INFINITY] {
            let s = format_num(v);
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), v.to_bits(), "{s}");
        }
    }

    /// Every line of a valid listing, cut and spliced at random places,
    /// parses or fails cleanly.
    #[test]
    fn mangled_text_never_panics() {
        let mut seed = 0x243f_6a88_85a3_08d3u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let lines: Vec<&str> = LISTING.lines().collect();
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..1 + next(6) {
                let line = lines[next(lines.len())];
                let cut = line.char_indices().map(|(i, _)| i).nth(next(line.len() + 1)).unwrap_or(line.len());
                let other = lines[next(lines.len())];
                let from = other.char_indices().map(|(i, _)| i).nth(next(other.len() + 1)).unwrap_or(other.len());
                text.push_str(&line[..cut]);
                text.push_str(&other[from..]);
                text.push('\n');
            }
            if let Ok(ir) = Ir::parse(&text, OptFlags::all()) {
                let _ = crate::opt::optimize(&ir);
            }
        }
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        for bad in ["0001    int ADD 0009 +1", "0001 int FOO", "x", "0001 int SLOAD #2 Z", "....  SNAP #0 [ 0007 ]"] {
            assert!(Ir::parse(bad, OptFlags::none()).is_err(), "{bad}");
        }
    }
}

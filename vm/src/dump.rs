//! Bytecode listings in the format of `luajit -bl`.
//!
//! Child prototypes are listed before their parent, each under a header
//! `-- BYTECODE -- <short chunkname>:<first line>-<last line>`.

use crate::bytecode::Mode;
use crate::chunkname::short_src;
use crate::proto::{GcConst, ProtoDef};

/// Lists `proto` and (first) all its nested prototypes. The text is bytes:
/// string constants are shown raw, as LuaJIT does, and need not be UTF-8.
pub fn dump(proto: &ProtoDef) -> Vec<u8> {
    let mut out = Vec::new();
    dump_into(proto, &mut out);
    out
}

fn dump_into(proto: &ProtoDef, out: &mut Vec<u8>) {
    // Explicit stack instead of recursion: nested functions may be deep.
    // Each entry is (prototype, children already listed?).
    let mut stack: Vec<(&ProtoDef, bool)> = vec![(proto, false)];
    while let Some((p, listed)) = stack.pop() {
        if listed {
            list_one(p, out);
            continue;
        }
        stack.push((p, true));
        for k in p.kgc.iter().rev() {
            if let GcConst::Proto(child) = k {
                stack.push((child, false));
            }
        }
    }
}

fn list_one(p: &ProtoDef, out: &mut Vec<u8>) {
    out.extend_from_slice(b"-- BYTECODE -- ");
    out.extend_from_slice(&short_src(&p.chunkname));
    out.extend_from_slice(format!(":{}-{}\n", p.first_line, p.last_line).as_bytes());
    let mut targets = vec![false; p.code.len() + 1];
    for (pc, ins) in p.code.iter().enumerate().skip(1) {
        if ins.op().modes().2 == Mode::Jump {
            let t = ins.jump_target(pc);
            if t < targets.len() {
                targets[t] = true;
            }
        }
    }
    for (pc, &is_target) in targets.iter().enumerate().take(p.code.len()).skip(1) {
        out.extend_from_slice(&line(p, pc, is_target));
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// Formats a number as Lua's `tostring` does (`%.14g`).
pub fn fmt_num(n: f64) -> String {
    if n.is_nan() {
        return "nan".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if n == 0.0 {
        return if n.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // %.14g: 14 significant digits, exponent form if exp < -4 or >= 14.
    let sci = format!("{:.13e}", n);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..14).contains(&exp) {
        let mant = trim_zeros(mant);
        format!("{}e{}{:02}", mant, if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let decimals = (13 - exp).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, n)).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A string constant quoted as LuaJIT's lister does: control characters
/// escaped, cut to 40 bytes (after escaping) with a `~` mark if longer.
fn quote_str(s: &[u8]) -> Vec<u8> {
    let mut esc = Vec::new();
    for &c in s {
        match c {
            b'\n' => esc.extend_from_slice(b"\\n"),
            b'\r' => esc.extend_from_slice(b"\\r"),
            b'\t' => esc.extend_from_slice(b"\\t"),
            c if c < 32 || c == 127 => esc.extend_from_slice(format!("\\{:03}", c).as_bytes()),
            c => esc.push(c),
        }
    }
    let mut out = vec![b'"'];
    if s.len() > 40 {
        out.extend_from_slice(&esc[..esc.len().min(40)]);
        out.extend_from_slice(b"\"~");
    } else {
        out.extend_from_slice(&esc);
        out.push(b'"');
    }
    out
}

fn gc_str(p: &ProtoDef, idx: usize) -> Vec<u8> {
    match p.kgc.get(idx) {
        Some(GcConst::Str(s)) => quote_str(s),
        _ => b"?".to_vec(),
    }
}

fn uv_name(p: &ProtoDef, idx: usize) -> Vec<u8> {
    p.upval_names.get(idx).map(|n| n.to_vec()).unwrap_or_default()
}

/// One instruction line (without the newline).
fn line(p: &ProtoDef, pc: usize, is_target: bool) -> Vec<u8> {
    let ins = p.code[pc];
    let op = ins.op();
    let (ma, mb, mc) = op.modes();
    let a = if ma == Mode::None { String::new() } else { ins.a().to_string() };
    let mut s = format!("{:04} {} {:<6} {:>3} ", pc, if is_target { "=>" } else { "  " }, op.name(), a).into_bytes();
    if mc == Mode::Jump {
        s.extend_from_slice(format!("=> {:04}", ins.jump_target(pc)).as_bytes());
        return s;
    }
    let d = if mb != Mode::None { ins.c() as usize } else { ins.d() as usize };
    if mb == Mode::None && mc == Mode::None {
        return s;
    }
    // The constant comment, if the operand names one.
    let mut kc: Option<Vec<u8>> = match mc {
        Mode::Str => Some(gc_str(p, d)),
        Mode::Num => Some(fmt_num(p.knum.get(d).copied().unwrap_or(0.0)).into_bytes()),
        Mode::Func => Some(match p.kgc.get(d) {
            Some(GcConst::Proto(child)) => {
                let mut loc = short_src(&child.chunkname);
                loc.extend_from_slice(format!(":{}", child.first_line).as_bytes());
                loc
            }
            _ => b"?".to_vec(),
        }),
        Mode::Uv => Some(uv_name(p, d)),
        _ => None,
    };
    if ma == Mode::Uv {
        let mut ka = uv_name(p, ins.a() as usize);
        if let Some(k) = kc {
            ka.extend_from_slice(b" ; ");
            ka.extend_from_slice(&k);
        }
        kc = Some(ka);
    }
    let operands = if mb != Mode::None {
        match kc {
            Some(_) => format!("{:3} {:3}  ; ", ins.b(), d),
            None => format!("{:3} {:3}", ins.b(), d),
        }
    } else if kc.is_some() {
        format!("{:3}      ; ", d)
    } else if mc == Mode::Lits {
        format!("{:3}", ins.sd())
    } else {
        format!("{:3}", d)
    };
    s.extend_from_slice(operands.as_bytes());
    if let Some(k) = kc {
        s.extend_from_slice(&k);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn numbers_like_lua() {
        assert_eq!(fmt_num(1.5), "1.5");
        assert_eq!(fmt_num(2.0), "2");
        assert_eq!(fmt_num(1e15), "1e+15");
        assert_eq!(fmt_num(123456789012345.0), "1.2345678901234e+14");
        assert_eq!(fmt_num(0.1), "0.1");
        assert_eq!(fmt_num(1e-5), "1e-05");
        assert_eq!(fmt_num(0.0001), "0.0001");
        assert_eq!(fmt_num(-3.25), "-3.25");
        assert_eq!(fmt_num(1.0 / 3.0), "0.33333333333333");
        assert_eq!(fmt_num(65536.0), "65536");
    }
}

//! Bytecode listings in the format of `luajit -bl`.
//!
//! Child prototypes are listed before their parent, each under a header
//! `-- BYTECODE -- <short chunkname>:<first line>-<last line>`.

use crate::bytecode::{Mode, Op};
use crate::chunkname::short_src;
use crate::proto::{GcConst, ProtoDef};

/// Lists `proto` and (first) all its nested prototypes.
pub fn dump(proto: &ProtoDef) -> String {
    let mut out = String::new();
    dump_into(proto, &mut out);
    out
}

fn dump_into(proto: &ProtoDef, out: &mut String) {
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

fn list_one(p: &ProtoDef, out: &mut String) {
    let src = String::from_utf8_lossy(&short_src(&p.chunkname)).into_owned();
    out.push_str(&format!("-- BYTECODE -- {}:{}-{}\n", src, p.first_line, p.last_line));
    let mut targets = vec![false; p.code.len() + 1];
    for (pc, ins) in p.code.iter().enumerate().skip(1) {
        if ins.op().modes().2 == Mode::Jump {
            let t = ins.jump_target(pc);
            if t < targets.len() {
                targets[t] = true;
            }
        }
    }
    for pc in 1..p.code.len() {
        out.push_str(&line(p, pc, targets[pc]));
        out.push('\n');
    }
    out.push('\n');
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
    if exp < -4 || exp >= 14 {
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

fn quote_str(s: &[u8]) -> String {
    let mut esc = String::new();
    for &c in s {
        match c {
            b'\n' => esc.push_str("\\n"),
            b'\r' => esc.push_str("\\r"),
            b'\t' => esc.push_str("\\t"),
            c if c < 32 || c == 127 => esc.push_str(&format!("\\{:03}", c)),
            c => esc.push(c as char),
        }
    }
    if s.len() > 40 {
        let cut: String = esc.chars().take(40).collect();
        format!("\"{}\"~", cut)
    } else {
        format!("\"{}\"", esc)
    }
}

fn gc_str(p: &ProtoDef, idx: usize) -> String {
    match p.kgc.get(idx) {
        Some(GcConst::Str(s)) => quote_str(s),
        _ => "?".into(),
    }
}

fn uv_name(p: &ProtoDef, idx: usize) -> String {
    p.upval_names.get(idx).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default()
}

/// One instruction line (without the newline).
fn line(p: &ProtoDef, pc: usize, is_target: bool) -> String {
    let ins = p.code[pc];
    let op = ins.op();
    let (ma, mb, mc) = op.modes();
    let a = if ma == Mode::None { String::new() } else { ins.a().to_string() };
    let s = format!("{:04} {} {:<6} {:>3} ", pc, if is_target { "=>" } else { "  " }, op.name(), a);
    if mc == Mode::Jump {
        return format!("{}=> {:04}", s, ins.jump_target(pc));
    }
    let d = if mb != Mode::None { ins.c() as usize } else { ins.d() as usize };
    if mb == Mode::None && mc == Mode::None {
        return s;
    }
    let mut kc = match mc {
        Mode::Str => Some(gc_str(p, d)),
        Mode::Num => Some(fmt_num(p.knum.get(d).copied().unwrap_or(0.0))),
        Mode::Func => Some(match p.kgc.get(d) {
            Some(GcConst::Proto(child)) => {
                format!("{}:{}", String::from_utf8_lossy(&short_src(&child.chunkname)), child.first_line)
            }
            _ => "?".into(),
        }),
        Mode::Uv => Some(uv_name(p, d)),
        _ => None,
    };
    if ma == Mode::Uv {
        let ka = uv_name(p, ins.a() as usize);
        kc = Some(match kc {
            Some(k) => format!("{} ; {}", ka, k),
            None => ka,
        });
    }
    if mb != Mode::None {
        let b = ins.b();
        return match kc {
            Some(k) => format!("{}{:3} {:3}  ; {}", s, b, d, k),
            None => format!("{}{:3} {:3}", s, b, d),
        };
    }
    if let Some(k) = kc {
        return format!("{}{:3}      ; {}", s, d, k);
    }
    if mc == Mode::Lits {
        return format!("{}{:3}", s, ins.sd());
    }
    let _ = Op::ALL;
    format!("{}{:3}", s, d)
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

//! `string.dump`: writes a prototype in LuaJIT 2.1's bytecode dump format.
//!
//! The format (facts from LuaJIT's documentation of `lj_bcdump.h`):
//!
//! ```text
//! dump   = header proto+ 0U
//! header = ESC 'L' 'J' version:B flags:U [namelen:U name:B*]   (name unless stripped)
//! proto  = length:U pdata
//! pdata  = flags:B numparams:B framesize:B numuv:B numkgc:U numkn:U numbc:U
//!          [debuglen:U [firstline:U numline:U]]                 (unless stripped)
//!          ins:W* uvref:H* kgc* knum* debug:B*
//! ```
//!
//! `U` is an unsigned LEB128 number, `W` and `H` are little-endian 32 and 16
//! bit words. Prototypes come children first (post-order), so a reader keeps
//! a stack and a child constant pops the prototype written just before.
//! Neap's instruction encoding is LuaJIT's; only opcode numbers differ
//! (LuaJIT has opcodes Neap does not), so each instruction's low byte is
//! renumbered through [`lj_opcode`].

use crate::bytecode::Op;
use crate::func::{Kgc, Proto, Template};
use crate::value::Value;

pub const HEAD: &[u8; 3] = b"\x1bLJ";
pub const VERSION: u8 = 2;

/// Header flags.
pub const F_BE: u32 = 0x01;
pub const F_STRIP: u32 = 0x02;
pub const F_FFI: u32 = 0x04;
pub const F_FR2: u32 = 0x08;
pub const F_BITOP: u32 = 0x10;
pub const F_KNOWN: u32 = F_BITOP * 2 - 1;

/// Prototype flags.
pub const PROTO_CHILD: u8 = 0x01;
pub const PROTO_VARARG: u8 = 0x02;
pub const PROTO_FFI: u8 = 0x04;
pub const PROTO_BITOP: u8 = 0x80;

/// Upvalue reference bits: a slot of the parent (else an upvalue of the
/// parent), and a slot never assigned after its declaration.
pub const UV_LOCAL: u16 = 0x8000;
pub const UV_IMMUTABLE: u16 = 0x4000;

/// GC constant type codes; strings are `KGC_STR + length`.
pub const KGC_CHILD: u32 = 0;
pub const KGC_TAB: u32 = 1;
pub const KGC_STR: u32 = 5;

/// Template table entry type codes; strings are `KTAB_STR + length`.
pub const KTAB_NIL: u32 = 0;
pub const KTAB_FALSE: u32 = 1;
pub const KTAB_TRUE: u32 = 2;
pub const KTAB_INT: u32 = 3;
pub const KTAB_NUM: u32 = 4;
pub const KTAB_STR: u32 = 5;

/// Names of the hidden loop variables, stored as the one-byte codes 1..=6.
pub const HIDDEN_VAR_NAMES: [&str; 6] =
    ["(for index)", "(for limit)", "(for step)", "(for generator)", "(for state)", "(for control)"];

/// TSETM's number constant is the start index biased by 2^52 (its low word
/// is the integer), as LuaJIT's parser stores it.
pub const TSETM_BIAS_HI: u32 = 0x4330_0000;

/// LuaJIT 2.1's opcodes in encoding order.
pub const LJ_OPCODES: [&str; 104] = [
    "ISLT", "ISGE", "ISLE", "ISGT", "ISEQV", "ISNEV", "ISEQS", "ISNES", "ISEQN", "ISNEN", "ISEQP", "ISNEP", "ISTC",
    "ISFC", "IST", "ISF", "ISTYPE", "ISNUM", "MOV", "NOT", "UNM", "LEN", "ADDVN", "SUBVN", "MULVN", "DIVVN", "MODVN",
    "ADDNV", "SUBNV", "MULNV", "DIVNV", "MODNV", "ADDVV", "SUBVV", "MULVV", "DIVVV", "MODVV", "POW", "CAT", "KSTR",
    "KCDATA", "KSHORT", "KNUM", "KPRI", "KNIL", "UGET", "USETV", "USETS", "USETN", "USETP", "UCLO", "FNEW", "TNEW",
    "TDUP", "GGET", "GSET", "TGETV", "TGETS", "TGETB", "TGETR", "TSETV", "TSETS", "TSETB", "TSETM", "TSETR", "CALLM",
    "CALL", "CALLMT", "CALLT", "ITERC", "ITERN", "VARG", "ISNEXT", "RETM", "RET", "RET0", "RET1", "FORI", "JFORI",
    "FORL", "IFORL", "JFORL", "ITERL", "IITERL", "JITERL", "LOOP", "ILOOP", "JLOOP", "JMP", "BNOT", "BAND", "BOR",
    "BXOR", "BSHL", "BSHR", "BSAR", "FUNCF", "IFUNCF", "JFUNCF", "FUNCV", "IFUNCV", "JFUNCV", "FUNCC", "FUNCCW",
];

/// LuaJIT's opcode number for each Neap opcode, and Neap's opcode for each
/// LuaJIT number (if Neap has it), matched by name once.
fn opcode_maps() -> &'static ([u8; 256], [Option<Op>; 256]) {
    static MAPS: std::sync::OnceLock<([u8; 256], [Option<Op>; 256])> = std::sync::OnceLock::new();
    MAPS.get_or_init(|| {
        let mut to_lj = [0u8; 256];
        let mut from_lj = [None; 256];
        for (n, name) in LJ_OPCODES.iter().enumerate() {
            if let Some(&op) = Op::ALL.iter().find(|op| op.name() == *name) {
                to_lj[op as usize] = n as u8;
                from_lj[n] = Some(op);
            }
        }
        (to_lj, from_lj)
    })
}

/// LuaJIT's opcode number for a Neap opcode (every Neap opcode has one).
pub fn lj_opcode(op: Op) -> u8 {
    opcode_maps().0[op as usize]
}

/// Neap's opcode for a LuaJIT opcode number, if Neap has it.
pub fn neap_opcode(byte: u8) -> Option<Op> {
    opcode_maps().1[byte as usize]
}

/// Appends `v` as unsigned LEB128.
pub fn put_uleb(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v & 0x7f) as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A number that LuaJIT stores as an integer: integral, fits 32 bits, not -0.
pub fn narrow_int(n: f64) -> Option<i32> {
    let i = n as i32;
    (i as f64 == n && !(n == 0.0 && n.is_sign_negative())).then_some(i)
}

/// How to dump.
///
/// LuaJIT's mode `"d"` (deterministic) sorts the hash part of constant
/// tables; without it LuaJIT writes its hash nodes in memory order, which
/// follows its string hashes (seeded at random per state) and how the table
/// grew while its constructor filled it. Neap always writes the sorted
/// order, `"d"`'s exactly; without `"d"`, a constant table with two or more
/// hash keys may list them in another order than LuaJIT (which for string
/// keys changes from one LuaJIT run to the next anyway).
#[derive(Clone, Copy, Debug, Default)]
pub struct DumpOptions {
    /// Leave out the chunk name and all debug info (`string.dump(f, true)`).
    pub strip: bool,
}

/// The dump of `root` and all its nested prototypes.
pub fn dump(root: &Proto, opts: DumpOptions) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(HEAD);
    out.push(VERSION);
    let mut flags = F_FR2;
    if opts.strip {
        flags |= F_STRIP;
    }
    if uses_bitops(root) {
        flags |= F_BITOP;
    }
    put_uleb(&mut out, flags);
    if !opts.strip {
        let name = root.chunkname_bytes();
        put_uleb(&mut out, name.len() as u32);
        out.extend_from_slice(name);
    }
    // Post-order without recursion: nesting may be deep in loaded code.
    let mut stack: Vec<(&Proto, bool)> = vec![(root, false)];
    while let Some((p, children_done)) = stack.pop() {
        if children_done {
            write_proto(p, opts, &mut out);
            continue;
        }
        stack.push((p, true));
        for child in children(p).rev() {
            stack.push((child, false));
        }
    }
    out.push(0);
    out
}

/// The child prototypes of `p`, in constant index order.
fn children(p: &Proto) -> impl DoubleEndedIterator<Item = &Proto> {
    p.kgc.iter().filter_map(|k| match k {
        // Child prototypes are kept alive by their parent.
        Kgc::Proto(c) => Some(unsafe { &**c }),
        _ => None,
    })
}

fn is_bitop(op: Op) -> bool {
    matches!(op, Op::BNOT | Op::BAND | Op::BOR | Op::BXOR | Op::BSHL | Op::BSHR | Op::BSAR)
}

/// Whether `p` or a prototype nested in it uses a bit operator instruction
/// (LuaJIT's parser passes the flag from children to parents).
fn uses_bitops(p: &Proto) -> bool {
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        if p.code.iter().any(|i| is_bitop(i.op())) {
            return true;
        }
        stack.extend(children(p));
    }
    false
}

fn proto_flags(p: &Proto) -> u8 {
    let mut f = 0;
    if children(p).next().is_some() {
        f |= PROTO_CHILD;
    }
    if p.is_vararg {
        f |= PROTO_VARARG;
    }
    if uses_bitops(p) {
        f |= PROTO_BITOP;
    }
    f
}

fn write_proto(p: &Proto, opts: DumpOptions, out: &mut Vec<u8>) {
    let mut b = Vec::with_capacity(64 + p.code.len() * 4);
    b.push(proto_flags(p));
    b.push(p.num_params);
    b.push(p.frame_size);
    b.push(p.upvals.len() as u8);
    put_uleb(&mut b, p.kgc.len() as u32);
    put_uleb(&mut b, p.knum.len() as u32);
    put_uleb(&mut b, p.code.len().saturating_sub(1) as u32);
    let debug = if opts.strip { Vec::new() } else { debug_info(p) };
    if !opts.strip {
        put_uleb(&mut b, debug.len() as u32);
        if !debug.is_empty() {
            put_uleb(&mut b, p.first_line);
            put_uleb(&mut b, p.last_line.saturating_sub(p.first_line));
        }
    }
    let mut opcodes: Vec<u8> = p.code.iter().map(|i| lj_opcode(i.op())).collect();
    for &pc in p.next_loops.iter() {
        let pc = pc as usize;
        if let Some(jmp) = p.code.get(pc).filter(|i| i.op() == Op::JMP) {
            let target = jmp.jump_target(pc);
            if p.code.get(target).is_some_and(|i| i.op() == Op::ITERC) {
                opcodes[pc] = lj_opcode(Op::ISNEXT);
                opcodes[target] = lj_opcode(Op::ITERN);
            }
        }
    }
    for (ins, op) in p.code.iter().zip(opcodes).skip(1) {
        let word = (ins.bits() & !0xff) | op as u32;
        b.extend_from_slice(&word.to_le_bytes());
    }
    for (i, uv) in p.upvals.iter().enumerate() {
        let r = match *uv {
            crate::proto::UpvalSource::ParentLocal(slot) => {
                let immutable = p.upval_immutable.get(i).copied().unwrap_or(false);
                UV_LOCAL | slot as u16 | if immutable { UV_IMMUTABLE } else { 0 }
            }
            crate::proto::UpvalSource::ParentUpval(i) => i,
        };
        b.extend_from_slice(&r.to_le_bytes());
    }
    // GC constants go last index first (LuaJIT keeps them below its
    // constant pointer, index d at offset -d-1).
    for k in p.kgc.iter().rev() {
        match k {
            Kgc::Value(v) => {
                // String constants of a live prototype are live.
                let s = unsafe { v.str_bytes() }.unwrap_or(b"");
                put_uleb(&mut b, KGC_STR + s.len() as u32);
                b.extend_from_slice(s);
            }
            Kgc::Proto(_) => put_uleb(&mut b, KGC_CHILD),
            Kgc::Template(t) => {
                put_uleb(&mut b, KGC_TAB);
                write_template(t, &mut b);
            }
        }
    }
    let tsetm = tsetm_constants(p);
    for (i, k) in p.knum.iter().enumerate() {
        let n = k.as_number().unwrap_or(0.0);
        if tsetm.contains(&i) {
            // The biased form LuaJIT writes: 2^52 + index.
            write_knum_bits(&mut b, n as i64 as u32, TSETM_BIAS_HI);
        } else if let Some(i) = narrow_int(n) {
            write_knum_int(&mut b, i);
        } else {
            let bits = n.to_bits();
            write_knum_bits(&mut b, bits as u32, (bits >> 32) as u32);
        }
    }
    b.extend_from_slice(&debug);
    put_uleb(out, b.len() as u32);
    out.extend_from_slice(&b);
}

/// Number constant indexes used by TSETM instructions.
fn tsetm_constants(p: &Proto) -> Vec<usize> {
    p.code.iter().filter(|i| i.op() == Op::TSETM).map(|i| i.d() as usize).collect()
}

/// A 33-bit LEB128 number: the value shifted left by one, bit 0 telling a
/// double (1) from an integer (0).
fn put_uleb33(out: &mut Vec<u8>, v: u32, is_num: bool) {
    let wide = (v as u64) << 1 | is_num as u64;
    let mut w = wide;
    while w >= 0x80 {
        out.push((w & 0x7f) as u8 | 0x80);
        w >>= 7;
    }
    out.push(w as u8);
}

fn write_knum_int(out: &mut Vec<u8>, i: i32) {
    put_uleb33(out, i as u32, false);
}

fn write_knum_bits(out: &mut Vec<u8>, lo: u32, hi: u32) {
    put_uleb33(out, lo, true);
    put_uleb(out, hi);
}

/// One template entry. Array values and hash values are narrowed to
/// integers when they can be; hash keys are not.
fn write_ktab_value(out: &mut Vec<u8>, v: Value, narrow: bool) {
    if let Some(n) = v.as_number() {
        match narrow_int(n).filter(|_| narrow) {
            Some(i) => {
                put_uleb(out, KTAB_INT);
                put_uleb(out, i as u32);
            }
            None => {
                let bits = n.to_bits();
                put_uleb(out, KTAB_NUM);
                put_uleb(out, bits as u32);
                put_uleb(out, (bits >> 32) as u32);
            }
        }
    } else if v.is_string() {
        // Template strings are kept alive by the prototype.
        let s = unsafe { v.str_bytes() }.unwrap_or(b"");
        put_uleb(out, KTAB_STR + s.len() as u32);
        out.extend_from_slice(s);
    } else if v == Value::TRUE {
        put_uleb(out, KTAB_TRUE);
    } else if v == Value::FALSE {
        put_uleb(out, KTAB_FALSE);
    } else {
        // nil, also the marker of a key whose value a later store sets.
        put_uleb(out, KTAB_NIL);
    }
}

fn write_template(t: &Template, out: &mut Vec<u8>) {
    let narray = t.array.iter().rposition(|v| !v.is_nil()).map_or(0, |i| i + 1);
    put_uleb(out, narray as u32);
    put_uleb(out, t.hash.len() as u32);
    for v in &t.array[..narray] {
        write_ktab_value(out, *v, true);
    }
    let mut hash: Vec<&(Value, Value)> = t.hash.iter().collect();
    hash.sort_by(|a, b| key_order(a.0, b.0));
    for (k, v) in hash {
        write_ktab_value(out, *k, false);
        write_ktab_value(out, *v, true);
    }
}

/// LuaJIT's deterministic key order: numbers (by their bit patterns), then
/// strings (bytewise), then true, then false.
fn key_order(a: Value, b: Value) -> std::cmp::Ordering {
    fn class(v: Value) -> u8 {
        if v.is_number() {
            0
        } else if v.is_string() {
            1
        } else if v == Value::TRUE {
            2
        } else {
            3
        }
    }
    class(a).cmp(&class(b)).then_with(|| match (a.as_number(), b.as_number()) {
        (Some(x), Some(y)) => x.to_bits().cmp(&y.to_bits()),
        // Template strings are kept alive by the prototype.
        _ => unsafe { a.str_bytes().cmp(&b.str_bytes()) },
    })
}

/// Line numbers, upvalue names and variable names, or nothing for a
/// prototype that has none (loaded from a stripped dump).
fn debug_info(p: &Proto) -> Vec<u8> {
    if p.lines.is_empty() {
        return Vec::new();
    }
    let mut d = Vec::new();
    let numline = p.last_line.saturating_sub(p.first_line);
    for &line in p.lines.iter().skip(1) {
        let delta = line.saturating_sub(p.first_line);
        if numline < 256 {
            d.push(delta as u8);
        } else if numline < 65536 {
            d.extend_from_slice(&(delta as u16).to_le_bytes());
        } else {
            d.extend_from_slice(&delta.to_le_bytes());
        }
    }
    for name in p.upval_names.iter() {
        d.extend_from_slice(name);
        d.push(0);
    }
    let mut last_pc = 0;
    for v in p.vars.iter() {
        match HIDDEN_VAR_NAMES.iter().position(|h| h.as_bytes() == &v.name[..]) {
            Some(code) => d.push(code as u8 + 1),
            None => {
                d.extend_from_slice(&v.name);
                d.push(0);
            }
        }
        put_uleb(&mut d, v.start_pc.wrapping_sub(last_pc));
        put_uleb(&mut d, v.end_pc.wrapping_sub(v.start_pc));
        last_pc = v.start_pc;
    }
    d.push(0);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_neap_opcode_has_a_luajit_number() {
        for &op in Op::ALL {
            let n = lj_opcode(op);
            assert_eq!(LJ_OPCODES[n as usize], op.name());
            assert_eq!(neap_opcode(n), Some(op));
        }
        assert_eq!(lj_opcode(Op::ISLT), 0);
        assert_eq!(lj_opcode(Op::MOV), 18);
        assert_eq!(neap_opcode(16), None); // ISTYPE
    }

    #[test]
    fn knum_encodings() {
        let mut v = Vec::new();
        write_knum_int(&mut v, 5);
        assert_eq!(v, [10]);
        v.clear();
        write_knum_int(&mut v, -1);
        // 0xffffffff << 1 as 33 bits.
        assert_eq!(v, [0xfe, 0xff, 0xff, 0xff, 0x1f]);
        v.clear();
        put_uleb(&mut v, 300);
        assert_eq!(v, [0xac, 0x02]);
    }
}

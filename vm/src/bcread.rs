//! Loading binary chunks: LuaJIT 2.1 bytecode dumps (see [`crate::bcwrite`]
//! for the format) read back into a [`ProtoDef`] tree.
//!
//! LuaJIT trusts the bytecode it loads; Neap's interpreter trusts its
//! bytecode too (it reads slots, constants and upvalues without bounds
//! checks), so this reader checks every operand of every instruction against
//! the prototype it belongs to, as well as the shape the interpreter relies
//! on (a comparison is followed by its jump, code ends in a return or a
//! jump). A dump that fails any check is "malformed", with LuaJIT's message.
//! What the checks cannot see are run-time types: bytecode that LuaJIT's
//! compiler never emits may still raise errors at run time, e.g. TSETM on a
//! slot that holds no table.

use crate::bcwrite::*;
use crate::bytecode::{Ins, Mode, Op};
use crate::proto::{GcConst, KValue, ProtoDef, TemplateTable, UpvalSource, VarInfo};

/// Deepest nesting of prototypes accepted (loading and freeing a prototype
/// tree recurse on it). Neap's and LuaJIT's compilers stop at 200 levels.
const MAX_DEPTH: usize = 256;

/// How a chunk's text starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkKind {
    Source,
    Binary,
    /// A binary chunk behind a UTF-8 byte order mark or a `#` line, which
    /// LuaJIT refuses (it would hide bytecode from a first-byte check).
    BinaryAfterHeader,
}

/// Whether `src` is a bytecode dump (first byte ESC), as LuaJIT's lexer
/// decides after skipping a byte order mark and a `#` line.
pub fn chunk_kind(src: &[u8]) -> ChunkKind {
    let mut pos = 0;
    let mut header = false;
    if src.starts_with(b"\xef\xbb\xbf") {
        pos = 3;
        header = true;
    }
    if src.get(pos) == Some(&b'#') {
        while pos < src.len() && src[pos] != b'\n' && src[pos] != b'\r' {
            pos += 1;
        }
        if pos < src.len() {
            // A line break is one of \n, \r, \r\n or \n\r.
            let first = src[pos];
            pos += 1;
            if matches!(src.get(pos), Some(&c) if (c == b'\n' || c == b'\r') && c != first) {
                pos += 1;
            }
        }
        header = true;
    }
    match src.get(pos) {
        Some(&0x1b) if header => ChunkKind::BinaryAfterHeader,
        Some(&0x1b) if pos == 0 => ChunkKind::Binary,
        _ => ChunkKind::Source,
    }
}

/// Why a dump was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Another version, flags Neap does not know, or no two-slot frames.
    Incompatible,
    /// Truncated, inconsistent, or failing an operand check.
    Malformed,
}

impl LoadError {
    /// LuaJIT's message: `NAME: cannot load ...`, where NAME is the chunk
    /// name given to `load` without its `@`/`=` mark, or `(binary)` when no
    /// name was given (the chunk itself then serves as its name).
    pub fn message(self, chunkarg: &[u8]) -> Vec<u8> {
        // LuaJIT's chunk name is a C string: it ends at a NUL.
        let name = &chunkarg[..chunkarg.iter().position(|&c| c == 0).unwrap_or(chunkarg.len())];
        let mut out = match name.first() {
            Some(&0x1b) => b"(binary)".to_vec(),
            Some(b'@') | Some(b'=') => name[1..].to_vec(),
            _ => name.to_vec(),
        };
        out.extend_from_slice(match self {
            LoadError::Incompatible => b": cannot load incompatible bytecode",
            LoadError::Malformed => b": cannot load malformed bytecode",
        });
        out
    }
}

type Result<T> = std::result::Result<T, LoadError>;

/// Reads a whole dump. `chunkarg` is the name `load` was given; it names a
/// stripped dump's functions.
pub fn read(src: &[u8], chunkarg: &[u8]) -> Result<ProtoDef> {
    let (flags, chunkname, mut pos) = read_header(src, chunkarg)?;
    let mut done: Vec<(ProtoDef, usize)> = Vec::new();
    loop {
        match src.get(pos) {
            None => return Err(LoadError::Malformed),
            Some(0) => {
                pos += 1;
                break;
            }
            Some(_) => {}
        }
        let mut r = Cursor { buf: src, pos };
        let len = r.uleb()? as usize;
        if len == 0 {
            pos = r.pos;
            break;
        }
        let end = r.pos.checked_add(len).filter(|&e| e <= src.len()).ok_or(LoadError::Malformed)?;
        let mut body = Cursor { buf: &src[..end], pos: r.pos };
        let proto = read_proto(&mut body, flags, &chunkname, &mut done)?;
        if body.pos != end {
            return Err(LoadError::Malformed);
        }
        done.push(proto);
        pos = end;
    }
    if pos != src.len() || done.len() != 1 {
        return Err(LoadError::Malformed);
    }
    let (root, _) = done.pop().ok_or(LoadError::Malformed)?;
    Ok(root)
}

/// A bounded reader; reading past the end is a malformed dump.
struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.buf.get(self.pos).ok_or(LoadError::Malformed)?;
        self.pos += 1;
        Ok(b)
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len()).ok_or(LoadError::Malformed)?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Unsigned LEB128 of 32 bits. Bits past 32 wrap around the shift as
    /// LuaJIT's decoder does on x86.
    fn uleb(&mut self) -> Result<u32> {
        let mut v = 0u32;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u32).wrapping_shl(shift);
            shift += 7;
            if b < 0x80 {
                return Ok(v);
            }
        }
    }

    /// The 33-bit LEB128 of a number constant: (bit 0 = is a double, the
    /// low 32 bits of the value).
    fn uleb33(&mut self) -> Result<(bool, u32)> {
        let first = self.byte()?;
        let is_num = first & 1 != 0;
        let mut v = ((first & 0x7f) >> 1) as u32;
        let mut shift = 6u32;
        let mut b = first;
        while b >= 0x80 {
            b = self.byte()?;
            v |= ((b & 0x7f) as u32).wrapping_shl(shift);
            shift += 7;
        }
        Ok((is_num, v))
    }

    fn u16(&mut self, big_endian: bool) -> Result<u16> {
        let b = self.bytes(2)?;
        let b = [b[0], b[1]];
        Ok(if big_endian { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    }

    fn u32(&mut self, big_endian: bool) -> Result<u32> {
        let b = self.bytes(4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Ok(if big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }
}

/// The header: flags, chunk name and where the first prototype starts.
/// LuaJIT reads the header's first bytes without a length check (its
/// strings end in a NUL), so missing ones count as zero bytes here: a
/// too-short header is "incompatible", as it is for LuaJIT.
fn read_header(src: &[u8], chunkarg: &[u8]) -> Result<(u32, Box<[u8]>, usize)> {
    let at = |i: usize| src.get(i).copied().unwrap_or(0);
    if at(0) != HEAD[0] || at(1) != HEAD[1] || at(2) != HEAD[2] || at(3) != VERSION {
        return Err(LoadError::Incompatible);
    }
    let mut pos = 4;
    let mut flags = 0u32;
    let mut shift = 0u32;
    loop {
        let b = at(pos);
        pos += 1;
        flags |= ((b & 0x7f) as u32).wrapping_shl(shift);
        shift += 7;
        if b < 0x80 {
            break;
        }
    }
    // The FFI flag is accepted: only FFI constants and KCDATA, which Neap
    // cannot have, make such a dump malformed (LuaJIT with its FFI loads
    // the `ffi` library and goes on).
    if flags & !F_KNOWN != 0 || flags & F_FR2 == 0 {
        return Err(LoadError::Incompatible);
    }
    let chunkname: Box<[u8]> = if flags & F_STRIP != 0 {
        let named = chunkarg.first().is_some_and(|&c| c != 0x1b);
        let name = &chunkarg[..chunkarg.iter().position(|&c| c == 0).unwrap_or(chunkarg.len())];
        if named {
            name.into()
        } else {
            b"=?"[..].into()
        }
    } else {
        if pos > src.len() {
            return Err(LoadError::Malformed);
        }
        let mut r = Cursor { buf: src, pos };
        let len = r.uleb()? as usize;
        let name = r.bytes(len)?;
        pos = r.pos;
        name.into()
    };
    if pos > src.len() {
        return Err(LoadError::Malformed);
    }
    Ok((flags, chunkname, pos))
}

/// One prototype; its child constants come off `done` (the prototypes read
/// so far, each with its nesting depth).
fn read_proto(
    r: &mut Cursor,
    flags: u32,
    chunkname: &[u8],
    done: &mut Vec<(ProtoDef, usize)>,
) -> Result<(ProtoDef, usize)> {
    let big_endian = flags & F_BE != 0;
    let pflags = r.byte()?;
    let num_params = r.byte()?;
    let frame_size = r.byte()?;
    let sizeuv = r.byte()? as usize;
    let sizekgc = r.uleb()? as usize;
    let sizekn = r.uleb()? as usize;
    let sizebc = r.uleb()? as usize + 1;
    let (mut sizedbg, mut first_line, mut numline) = (0, 0, 0);
    if flags & F_STRIP == 0 {
        sizedbg = r.uleb()? as usize;
        if sizedbg > 0 {
            first_line = r.uleb()?;
            numline = r.uleb()?;
        }
    }
    // Every count must be backed by bytes before anything is allocated.
    if (sizebc - 1).saturating_mul(4) + sizeuv * 2 + sizekgc + sizekn + sizedbg > r.remaining() {
        return Err(LoadError::Malformed);
    }
    let mut code = Vec::with_capacity(sizebc);
    let header_op = if pflags & PROTO_VARARG != 0 { Op::FUNCV } else { Op::FUNCF };
    code.push(Ins::ad(header_op, frame_size, 0));
    let mut next_loops = Vec::new();
    for pc in 1..sizebc {
        let word = r.u32(big_endian)?;
        let op = match neap_opcode(word as u8).ok_or(LoadError::Malformed)? {
            // Neap runs LuaJIT's `next` specialisation as the generic loop.
            Op::ISNEXT => {
                next_loops.push(pc as u32);
                Op::JMP
            }
            Op::ITERN => Op::ITERC,
            op => op,
        };
        code.push(Ins((word & !0xff) | op as u32));
    }
    let mut upvals = Vec::with_capacity(sizeuv);
    let mut upval_immutable = Vec::with_capacity(sizeuv);
    for _ in 0..sizeuv {
        let v = r.u16(big_endian)?;
        if v & UV_LOCAL != 0 {
            upvals.push(UpvalSource::ParentLocal(v as u8));
            upval_immutable.push(v & UV_IMMUTABLE != 0);
        } else {
            upvals.push(UpvalSource::ParentUpval(v));
            upval_immutable.push(false);
        }
    }
    // GC constants come last index first; children pop off the stack.
    let mut kgc: Vec<Option<GcConst>> = (0..sizekgc).map(|_| None).collect();
    let mut depth = 1;
    for slot in kgc.iter_mut().rev() {
        let tp = r.uleb()?;
        *slot = Some(if tp >= KGC_STR {
            GcConst::Str(r.bytes((tp - KGC_STR) as usize)?.into())
        } else if tp == KGC_TAB {
            GcConst::Table(read_template(r)?)
        } else if tp == KGC_CHILD {
            let (child, d) = done.pop().ok_or(LoadError::Malformed)?;
            depth = depth.max(d + 1);
            GcConst::Proto(Box::new(child))
        } else {
            // 64-bit integer and complex constants need the FFI.
            return Err(LoadError::Malformed);
        });
    }
    if depth > MAX_DEPTH {
        return Err(LoadError::Malformed);
    }
    let kgc: Vec<GcConst> = kgc.into_iter().map(|k| k.ok_or(LoadError::Malformed)).collect::<Result<_>>()?;
    let mut knum = Vec::with_capacity(sizekn);
    for _ in 0..sizekn {
        let (is_num, lo) = r.uleb33()?;
        knum.push(if is_num {
            let hi = r.uleb()?;
            f64::from_bits((hi as u64) << 32 | lo as u64)
        } else {
            lo as i32 as f64
        });
    }
    // TSETM's constant is biased by 2^52 in LuaJIT; Neap keeps the index.
    for ins in code.iter().filter(|i| i.op() == Op::TSETM) {
        if let Some(n) = knum.get_mut(ins.d() as usize) {
            let bits = n.to_bits();
            if (bits >> 32) as u32 == TSETM_BIAS_HI {
                *n = bits as u32 as f64;
            }
        }
    }
    let debug = r.bytes(sizedbg)?;
    let mut def = ProtoDef {
        chunkname: chunkname.into(),
        first_line,
        last_line: first_line.saturating_add(numline),
        num_params,
        is_vararg: pflags & PROTO_VARARG != 0,
        frame_size,
        code,
        lines: Vec::new(),
        knum,
        kgc,
        upvals,
        upval_immutable,
        next_loops,
        upval_names: Vec::new(),
        vars: Vec::new(),
    };
    if sizedbg > 0 {
        read_debug(&mut def, debug, numline, big_endian);
    }
    validate(&def)?;
    Ok((def, depth))
}

fn read_ktab_value(r: &mut Cursor) -> Result<KValue> {
    let tp = r.uleb()?;
    Ok(match tp {
        KTAB_NIL => KValue::Nil,
        KTAB_FALSE => KValue::False,
        KTAB_TRUE => KValue::True,
        KTAB_INT => KValue::Num(r.uleb()? as i32 as f64),
        KTAB_NUM => {
            let lo = r.uleb()?;
            let hi = r.uleb()?;
            KValue::Num(f64::from_bits((hi as u64) << 32 | lo as u64))
        }
        _ => KValue::Str(r.bytes((tp - KTAB_STR) as usize)?.into()),
    })
}

fn read_template(r: &mut Cursor) -> Result<TemplateTable> {
    let narray = r.uleb()? as usize;
    let nhash = r.uleb()? as usize;
    if narray.saturating_add(nhash.saturating_mul(2)) > r.remaining() {
        return Err(LoadError::Malformed);
    }
    let mut t = TemplateTable::default();
    for _ in 0..narray {
        t.array.push(read_ktab_value(r)?);
    }
    for _ in 0..nhash {
        let key = read_ktab_value(r)?;
        let value = read_ktab_value(r)?;
        // LuaJIT's reader stores with a raw set, which refuses these keys.
        if key == KValue::Nil || matches!(key, KValue::Num(n) if n.is_nan()) {
            return Err(LoadError::Malformed);
        }
        t.hash.push((key, value));
    }
    // LuaJIT sizes the hash part for `nhash` keys.
    t.hash_size = match nhash {
        0 => 0,
        1 => 2,
        n => 2u32 << (31 - (n as u32 - 1).leading_zeros()),
    };
    Ok(t)
}

/// Line numbers, upvalue names and variable names. LuaJIT does not look
/// into them when loading, so neither does this check them: what cannot
/// be decoded is left out.
fn read_debug(def: &mut ProtoDef, debug: &[u8], numline: u32, big_endian: bool) {
    let n = def.code.len() - 1;
    let width = if numline < 256 {
        1
    } else if numline < 65536 {
        2
    } else {
        4
    };
    let mut r = Cursor { buf: debug, pos: 0 };
    let mut lines = vec![def.first_line];
    for _ in 0..n {
        let delta = match width {
            1 => r.byte().map(u32::from),
            2 => r.u16(big_endian).map(u32::from),
            _ => r.u32(big_endian),
        }
        .unwrap_or(0);
        lines.push(def.first_line.saturating_add(delta));
    }
    def.lines = lines;
    for _ in 0..def.upvals.len() {
        let Some(name) = r.cstr() else { break };
        def.upval_names.push(name.into());
    }
    let mut last_pc = 0u32;
    while let Ok(first) = r.byte() {
        let name: Box<[u8]> = match first {
            0 => break,
            code @ 1..=6 => HIDDEN_VAR_NAMES[code as usize - 1].as_bytes().into(),
            _ => {
                r.pos -= 1;
                let Some(name) = r.cstr() else { break };
                name.into()
            }
        };
        let (Ok(start), Ok(len)) = (r.uleb(), r.uleb()) else { break };
        let start_pc = last_pc.wrapping_add(start);
        def.vars.push(VarInfo { name, start_pc, end_pc: start_pc.wrapping_add(len) });
        last_pc = start_pc;
    }
}

impl<'a> Cursor<'a> {
    /// A NUL-terminated string (without the NUL).
    fn cstr(&mut self) -> Option<&'a [u8]> {
        let rest = &self.buf[self.pos..];
        let len = rest.iter().position(|&c| c == 0)?;
        self.pos += len + 1;
        Some(&rest[..len])
    }
}

/// Checks everything the interpreter takes on trust: operands in range for
/// their kind, jumps inside the code, comparisons followed by their jump,
/// no way to run past the last instruction, and child prototypes whose
/// upvalues name slots and upvalues this prototype has.
fn validate(p: &ProtoDef) -> Result<()> {
    let bad = Err(LoadError::Malformed);
    let fs = p.frame_size as usize;
    let nuv = p.upvals.len();
    let n = p.code.len();
    if n < 2 || p.num_params as usize > fs {
        return bad;
    }
    let is_str = |d: usize| matches!(p.kgc.get(d), Some(GcConst::Str(_)));
    // (target, source) of every jump, sorted, for the check below.
    let mut jumps: Vec<(usize, usize)> = Vec::new();
    for (pc, ins) in p.code.iter().enumerate().skip(1) {
        if ins.op().modes().2 == Mode::Jump {
            let t = pc as isize + 1 + ins.d() as isize - crate::bytecode::JUMP_BIAS as isize;
            if (0..n as isize).contains(&t) {
                jumps.push((t as usize, pc));
            }
        }
    }
    jumps.sort_unstable();
    let jumps_to = |pc: usize| {
        let from = jumps.partition_point(|&(t, _)| t < pc);
        jumps[from..].iter().take_while(move |&&(t, _)| t == pc).map(|&(_, s)| s)
    };
    // Whether `pc` holds a call or `...` that sets MULTRES, with its values
    // starting at slot `at`.
    let sets_multres = |pc: usize, at: usize| {
        let ins = p.code[pc];
        ins.a() as usize == at && ins.b() == 0 && matches!(ins.op(), Op::CALL | Op::CALLM | Op::VARG)
    };
    // An instruction that uses MULTRES must be reached only right after the
    // instruction that set it (a call or `...` with all results, placed
    // where the user expects them), so the values it reads are on the
    // stack: by falling through from it, or through a UCLO that directly
    // follows it and jumps here (LuaJIT's compiler emits both).
    let multres_from = |pc: usize, at: usize| {
        let falls_in = !matches!(
            p.code[pc - 1].op(),
            Op::RET0 | Op::RET1 | Op::RET | Op::RETM | Op::CALLT | Op::CALLMT | Op::JMP | Op::UCLO
        );
        (!falls_in || sets_multres(pc - 1, at))
            && jumps_to(pc).all(|src| {
                p.code[src].op() == Op::UCLO && src > 1 && jumps_to(src).next().is_none() && sets_multres(src - 1, at)
            })
    };
    for pc in 1..n {
        let ins = p.code[pc];
        let op = ins.op();
        let (ma, mb, mcd) = op.modes();
        let (a, b, c, d) = (ins.a() as usize, ins.b() as usize, ins.c() as usize, ins.d() as usize);
        let cd = if mb == Mode::None { d } else { c };
        let operand_ok = |mode: Mode, v: usize| match mode {
            Mode::None | Mode::Lit | Mode::Lits => true,
            Mode::Var | Mode::Dst | Mode::Base | Mode::Rbase => v < fs,
            Mode::Pri => v <= 2,
            Mode::Num => v < p.knum.len(),
            Mode::Str => is_str(v),
            Mode::Tab => matches!(p.kgc.get(v), Some(GcConst::Table(_))),
            Mode::Func => matches!(p.kgc.get(v), Some(GcConst::Proto(_))),
            Mode::Uv => v < nuv,
            Mode::Jump => {
                let target = pc as isize + 1 + v as isize - crate::bytecode::JUMP_BIAS as isize;
                target >= 1 && (target as usize) < n
            }
        };
        // A ret/jump/uclo base of a jump-format op may be the frame size
        // (nothing above it) or NO_REG for JMP.
        let a_ok = match op {
            Op::JMP | Op::LOOP | Op::UCLO | Op::RET0 | Op::RET => true,
            _ => operand_ok(ma, a),
        };
        if !a_ok || !operand_ok(mb, b) || !operand_ok(mcd, cd) {
            return bad;
        }
        let ok = match op {
            Op::ISLT
            | Op::ISGE
            | Op::ISLE
            | Op::ISGT
            | Op::ISEQV
            | Op::ISNEV
            | Op::ISEQS
            | Op::ISNES
            | Op::ISEQN
            | Op::ISNEN
            | Op::ISEQP
            | Op::ISNEP
            | Op::ISTC
            | Op::ISFC
            | Op::IST
            | Op::ISF => {
                // The interpreter takes the following JMP's offset.
                p.code.get(pc + 1).is_some_and(|j| j.op() == Op::JMP)
            }
            Op::CAT => b <= c,
            Op::KNIL => a <= d && d < fs,
            Op::UCLO => a <= fs,
            Op::TSETM => a >= 1 && multres_from(pc, a),
            Op::CALL => c >= 1 && a + c < fs + 1 && (b == 0 || a + b <= fs + 1),
            Op::CALLM => a + c + 1 < fs + 1 && (b == 0 || a + b <= fs + 1) && multres_from(pc, a + 2 + c),
            Op::CALLT => d >= 1 && a + d < fs + 1,
            Op::CALLMT => a + d + 1 < fs + 1 && multres_from(pc, a + 2 + d),
            Op::ITERC | Op::ITERN => a >= 3 && a + 3 < fs && b >= 1 && a + b <= fs + 1,
            Op::VARG => p.is_vararg && (b == 0 || a + b <= fs + 1),
            Op::RETM => a + d <= fs && multres_from(pc, a + d),
            Op::RET => d >= 1 && a + d <= fs + 1,
            Op::RET1 => a < fs,
            Op::FORI | Op::FORL => a + 3 < fs,
            Op::ITERL => a >= 1,
            Op::FUNCF | Op::FUNCV => false,
            Op::FNEW => match &p.kgc[d] {
                GcConst::Proto(child) => child.upvals.iter().all(|u| match *u {
                    UpvalSource::ParentLocal(slot) => (slot as usize) < fs,
                    UpvalSource::ParentUpval(i) => (i as usize) < nuv,
                }),
                _ => false,
            },
            _ => true,
        };
        if !ok {
            return bad;
        }
    }
    // Control must not run off the end.
    let last = p.code[n - 1].op();
    if !matches!(last, Op::RET0 | Op::RET1 | Op::RET | Op::RETM | Op::CALLT | Op::CALLMT | Op::JMP | Op::UCLO) {
        return bad;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Vm;

    /// The compiler's test programs (`parse/listings/*.lua`) that compile.
    fn sample_sources() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/parse/listings");
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "lua"))
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect()
    }

    /// `string.dump` of the main function of `src`, if it compiles.
    fn dump_of(vm: &mut Vm, src: &[u8], strip: bool) -> Option<Vec<u8>> {
        let f = vm.load(src, b"@sample.lua").ok()?;
        // The function was just loaded and is not collected during this call.
        let proto = unsafe { (*f.as_function_ptr()?).proto()? };
        Some(crate::bcwrite::dump(unsafe { &*proto }, crate::bcwrite::DumpOptions { strip }))
    }

    #[test]
    fn dumps_load_and_dump_again_to_the_same_bytes() {
        let mut vm = Vm::new();
        let mut checked = 0;
        for (name, src) in sample_sources() {
            for strip in [false, true] {
                let Some(bytes) = dump_of(&mut vm, &src, strip) else { continue };
                let again = dump_of(&mut vm, &bytes, strip).unwrap_or_else(|| panic!("{name} does not load"));
                assert_eq!(bytes, again, "{name} (strip: {strip})");
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    /// The big-endian form of a little-endian dump: the BE flag set, and
    /// instructions, upvalue references and 16/32-bit line deltas swapped.
    fn to_big_endian(le: &[u8]) -> Vec<u8> {
        let mut out = le.to_vec();
        let mut r = Cursor { buf: le, pos: 4 };
        let flags = r.uleb().unwrap();
        assert!(r.pos == 5 && flags & F_BE == 0);
        out[4] |= F_BE as u8;
        if flags & F_STRIP == 0 {
            let len = r.uleb().unwrap() as usize;
            r.pos += len;
        }
        loop {
            let len = r.uleb().unwrap() as usize;
            if len == 0 {
                return out;
            }
            let end = r.pos + len;
            r.pos += 3;
            let nuv = r.byte().unwrap() as usize;
            let (_, _, nbc) = (r.uleb().unwrap(), r.uleb().unwrap(), r.uleb().unwrap() as usize);
            let (mut dbg, mut numline) = (0, 0);
            if flags & F_STRIP == 0 {
                dbg = r.uleb().unwrap();
                if dbg > 0 {
                    r.uleb().unwrap();
                    numline = r.uleb().unwrap();
                }
            }
            for w in 0..nbc {
                out[r.pos + 4 * w..r.pos + 4 * w + 4].reverse();
            }
            r.pos += 4 * nbc;
            for u in 0..nuv {
                out[r.pos + 2 * u..r.pos + 2 * u + 2].reverse();
            }
            let width = if numline < 256 {
                1
            } else if numline < 65536 {
                2
            } else {
                4
            };
            if dbg > 0 && width > 1 {
                let lines = end - dbg as usize;
                for l in 0..nbc {
                    out[lines + width * l..lines + width * (l + 1)].reverse();
                }
            }
            r.pos = end;
        }
    }

    #[test]
    fn big_endian_dumps_read_the_same() {
        let mut vm = Vm::new();
        let mut sources: Vec<Vec<u8>> = sample_sources().into_iter().map(|(_, s)| s).collect();
        let many_lines = format!("local x = 0\n{}return x", "x = x + 1\n".repeat(300));
        sources.push(many_lines.into_bytes());
        for src in sources {
            for strip in [false, true] {
                let Some(le) = dump_of(&mut vm, &src, strip) else { continue };
                let be = to_big_endian(&le);
                assert_eq!(read(&be, b"=t"), read(&le, b"=t"));
            }
        }
    }

    /// A small deterministic random source (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Whether every JMP and UCLO of the dump `bytes` jumps forward: then
    /// its only loops are FORL, ITERL and LOOP ones and calls, which count
    /// towards the interrupt callback, so running it ends.
    fn runs_out(bytes: &[u8]) -> bool {
        let Ok(def) = read(bytes, b"=t") else { return false };
        let mut stack = vec![&def];
        while let Some(p) = stack.pop() {
            for (pc, ins) in p.code.iter().enumerate() {
                if matches!(ins.op(), Op::JMP | Op::UCLO) && ins.jump_target(pc) <= pc {
                    return false;
                }
            }
            stack.extend(p.kgc.iter().filter_map(|k| match k {
                GcConst::Proto(c) => Some(&**c),
                _ => None,
            }));
        }
        true
    }

    /// Runs `f` with a few harmless globals, a memory limit and a bound on
    /// loop iterations and calls; errors are expected, panics are not.
    fn run_sandboxed(vm: &mut Vm, f: crate::value::Value) {
        use std::sync::atomic::{AtomicU32, Ordering};
        use std::sync::Arc;
        let env = vm.new_table(0, 0);
        for name in ["type", "select", "tostring", "tonumber", "next", "pairs", "ipairs", "rawget", "rawequal"] {
            let v = vm.get_global(name);
            vm.set_field(env, name, v);
        }
        // The function was just loaded and is held by the caller's frame.
        unsafe { (*f.as_function_ptr().unwrap()).env = env };
        let checks = Arc::new(AtomicU32::new(0));
        let seen = checks.clone();
        vm.set_interrupt(Some(Box::new(move |vm: &mut Vm| {
            if seen.fetch_add(1, Ordering::Relaxed) > 20 {
                return Err(vm.error_str("interrupted"));
            }
            Ok(())
        })));
        vm.set_memory_limit(Some(64 << 20));
        let _ = vm.call(f, &[]);
        vm.set_memory_limit(None);
        vm.set_interrupt(None);
    }

    /// Truncated and mutated dumps give an error or a function, never a
    /// panic; mutants that surely end are run too.
    #[test]
    fn damaged_dumps_never_panic() {
        let mut vm = Vm::new();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut loaded, mut refused, mut ran) = (0, 0, 0);
        // NEAP_FUZZ_ROUNDS=n tries n mutants of every sample (default: 200
        // of every third).
        let rounds: Option<usize> = std::env::var("NEAP_FUZZ_ROUNDS").ok().and_then(|v| v.parse().ok());
        for (_, src) in sample_sources().iter().step_by(if rounds.is_some() { 1 } else { 3 }) {
            for strip in [false, true] {
                let Some(bytes) = dump_of(&mut vm, src, strip) else { continue };
                for len in 0..bytes.len() {
                    assert!(read(&bytes[..len], b"=t").is_err(), "a truncated dump loads");
                }
                for _ in 0..rounds.unwrap_or(200) {
                    let mut m = bytes.clone();
                    for _ in 0..1 + rng.below(3) {
                        let at = rng.below(m.len());
                        match rng.below(4) {
                            0 => m[at] ^= 1 << rng.below(8),
                            1 => m[at] = rng.next() as u8,
                            2 => {
                                m.remove(at);
                            }
                            _ => m.insert(at, rng.next() as u8),
                        }
                    }
                    match vm.load(&m, b"=t") {
                        Ok(f) => {
                            assert!(f.is_function());
                            loaded += 1;
                            if runs_out(&m) {
                                run_sandboxed(&mut vm, f);
                                ran += 1;
                            }
                        }
                        Err(e) => {
                            assert!(e.value.is_string());
                            refused += 1;
                        }
                    }
                }
                vm.collect_garbage();
            }
        }
        println!("{loaded} loaded, {refused} refused, {ran} ran");
        assert!(loaded > 0 && refused > 0 && ran > 0);
    }

    #[test]
    fn chunk_kinds() {
        assert_eq!(chunk_kind(b"\x1bLJ"), ChunkKind::Binary);
        assert_eq!(chunk_kind(b"print(1)"), ChunkKind::Source);
        assert_eq!(chunk_kind(b"#!/bin/lua\n\x1bLJ"), ChunkKind::BinaryAfterHeader);
        assert_eq!(chunk_kind(b"\xef\xbb\xbf\x1bLJ"), ChunkKind::BinaryAfterHeader);
        assert_eq!(chunk_kind(b""), ChunkKind::Source);
    }

    #[test]
    fn header_errors() {
        assert_eq!(read(b"\x1b", b"x").unwrap_err(), LoadError::Incompatible);
        assert_eq!(read(b"\x1bLJ\x01", b"x").unwrap_err(), LoadError::Incompatible);
        assert_eq!(read(b"\x1bLJ\x02\x00", b"x").unwrap_err(), LoadError::Incompatible);
        assert_eq!(read(b"\x1bLJ\x02\x0c", b"x").unwrap_err(), LoadError::Malformed);
        assert_eq!(read(b"\x1bLJ\x02\x48", b"x").unwrap_err(), LoadError::Incompatible);
        assert_eq!(read(b"\x1bLJ\x02\x08", b"x").unwrap_err(), LoadError::Malformed);
        assert_eq!(read(b"\x1bLJ\x02\x0a\x00", b"x").unwrap_err(), LoadError::Malformed);
    }

    #[test]
    fn messages() {
        assert_eq!(LoadError::Malformed.message(b"@a.lua"), b"a.lua: cannot load malformed bytecode");
        assert_eq!(LoadError::Incompatible.message(b"\x1bLJ"), b"(binary): cannot load incompatible bytecode");
        assert_eq!(LoadError::Malformed.message(b"=x\0y"), b"x: cannot load malformed bytecode");
    }
}

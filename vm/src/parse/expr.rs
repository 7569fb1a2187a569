//! Expressions: primary/suffixed expressions, calls, table constructors,
//! closures, and unary/binary operators with constant folding.

use std::collections::HashMap;

use super::func::{KgcSlot, PResult, MAX_C};
use super::{is_name, ExpDesc, ExpKind, Parser, EXPR_NOCOLON, EXPR_NONAV, EXPR_NORES, NO_JMP};
use crate::bytecode::{Ins, Op};
use crate::lex::{Tok, TokVal};
use crate::proto::{KValue, TemplateTable};

/// Binary operators, in LuaJIT's order (arithmetic first, matching the
/// ADDVV.. and ISLT.. opcode orders). Compound assignment accepts the
/// operators up to `Ne` (except `Pow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum BinOpr {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Band,
    Bor,
    Bxor,
    Bshl,
    Bshr,
    Bsar,
    Concat,
    Ne,
    Eq,
    Lt,
    Ge,
    Le,
    Gt,
    And,
    Or,
    /// `??`.
    Coal,
}

impl BinOpr {
    pub(super) fn from_tok(t: Tok) -> Option<BinOpr> {
        Some(match t {
            Tok::Char(b'+') => BinOpr::Add,
            Tok::Char(b'-') => BinOpr::Sub,
            Tok::Char(b'*') => BinOpr::Mul,
            Tok::Char(b'/') => BinOpr::Div,
            Tok::Char(b'%') => BinOpr::Mod,
            Tok::Char(b'^') => BinOpr::Pow,
            Tok::Char(b'&') => BinOpr::Band,
            Tok::Char(b'|') => BinOpr::Bor,
            Tok::Char(b'~') => BinOpr::Bxor,
            Tok::Shl => BinOpr::Bshl,
            Tok::Shr => BinOpr::Bshr,
            Tok::Sar => BinOpr::Bsar,
            Tok::Concat => BinOpr::Concat,
            Tok::Ne | Tok::NeAlt => BinOpr::Ne,
            Tok::Eq => BinOpr::Eq,
            Tok::Char(b'<') => BinOpr::Lt,
            Tok::Le => BinOpr::Le,
            Tok::Char(b'>') => BinOpr::Gt,
            Tok::Ge => BinOpr::Ge,
            Tok::And | Tok::AndAlt => BinOpr::And,
            Tok::Or | Tok::OrAlt => BinOpr::Or,
            Tok::Coal => BinOpr::Coal,
            _ => return None,
        })
    }

    /// (left, right) binding priorities.
    fn priority(self) -> (u32, u32) {
        match self {
            BinOpr::Add | BinOpr::Sub => (10, 10),
            BinOpr::Mul | BinOpr::Div | BinOpr::Mod => (11, 11),
            BinOpr::Pow => (14, 13),
            BinOpr::Band => (6, 6),
            BinOpr::Bor => (4, 4),
            BinOpr::Bxor => (5, 5),
            BinOpr::Bshl | BinOpr::Bshr | BinOpr::Bsar => (7, 7),
            BinOpr::Concat => (9, 8),
            BinOpr::Ne | BinOpr::Eq | BinOpr::Lt | BinOpr::Ge | BinOpr::Le | BinOpr::Gt => (3, 3),
            BinOpr::And => (2, 2),
            BinOpr::Or | BinOpr::Coal => (1, 1),
        }
    }

    fn is_bitop(self) -> bool {
        (BinOpr::Band..=BinOpr::Bsar).contains(&self)
    }

    /// The opcode of a bit operator.
    fn bit_op(self) -> Op {
        match self {
            BinOpr::Band => Op::BAND,
            BinOpr::Bor => Op::BOR,
            BinOpr::Bxor => Op::BXOR,
            BinOpr::Bshl => Op::BSHL,
            BinOpr::Bshr => Op::BSHR,
            _ => Op::BSAR,
        }
    }

    /// The VV arithmetic opcode.
    fn arith_vv(self) -> Op {
        match self {
            BinOpr::Add => Op::ADDVV,
            BinOpr::Sub => Op::SUBVV,
            BinOpr::Mul => Op::MULVV,
            BinOpr::Div => Op::DIVVV,
            _ => Op::MODVV,
        }
    }
}

const UNARY_PRIORITY: u32 = 12;

/// LuaJIT's constant folding arithmetic.
fn fold_arith(op: BinOpr, a: f64, b: f64) -> f64 {
    match op {
        BinOpr::Add => a + b,
        BinOpr::Sub => a - b,
        BinOpr::Mul => a * b,
        BinOpr::Div => a / b,
        BinOpr::Mod => a - (a / b).floor() * b,
        _ => a.powf(b),
    }
}

fn arith_nv(op: Op) -> Op {
    Op::ALL[op as usize - Op::ADDVV as usize + Op::ADDNV as usize]
}
fn arith_vn(op: Op) -> Op {
    Op::ALL[op as usize - Op::ADDVV as usize + Op::ADDVN as usize]
}

/// Number of hash bits LuaJIT reserves for `n` hash entries.
pub(super) fn hsize2hbits(n: u32) -> u32 {
    if n == 0 {
        0
    } else if n == 1 {
        1
    } else {
        1 + (31 - (n - 1).leading_zeros())
    }
}

/// A template value: a constant, or a placeholder keeping a key whose
/// value a later store sets (LuaJIT stores the table itself there).
#[derive(Clone, Debug, PartialEq)]
enum TVal {
    K(KValue),
    Placeholder,
}

impl TVal {
    fn is_nil(&self) -> bool {
        *self == TVal::K(KValue::Nil)
    }
}

/// The template of a table constructor. It replays how a LuaJIT table
/// grows while the constructor fills it (array part, hash part, rehash on a
/// full hash), because the runtime's `#` depends on the final array size.
struct Template {
    kidx: u32,
    array: Vec<TVal>,
    /// Hash part capacity in nodes (0: none).
    hsize: u32,
    /// Hash part entries in insertion order.
    hash: Vec<(KValue, TVal)>,
    /// Position of each key in `hash`.
    hash_index: HashMap<KeyId, usize>,
    /// Entries of `hash` with a non-nil value (occupied nodes).
    hash_used: u32,
}

/// A constant key in hashable form (numbers by value, 0 and -0 equal).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum KeyId {
    Bool(bool),
    Num(u64),
    Str(Box<[u8]>),
    Nil,
}

fn key_id(k: &KValue) -> KeyId {
    match k {
        KValue::Nil => KeyId::Nil,
        KValue::False => KeyId::Bool(false),
        KValue::True => KeyId::Bool(true),
        KValue::Num(n) => KeyId::Num(if *n == 0.0 { 0 } else { n.to_bits() }),
        KValue::Str(s) => KeyId::Str(s.clone()),
    }
}

/// Largest array part LuaJIT allows (keys must stay below it).
const MAX_ASIZE: u64 = (1 << 27) + 1;
/// Number of size classes of integer keys.
const MAX_ABITS: usize = 28;

/// The array index an integer-valued key would have, if any.
fn int_key(k: &KValue) -> Option<u64> {
    match *k {
        KValue::Num(n) => {
            let i = n as i64;
            (i as f64 == n && i >= 0).then_some(i as u64)
        }
        _ => None,
    }
}

fn floor_log2(x: u64) -> usize {
    63 - x.leading_zeros() as usize
}

impl Template {
    fn new(kidx: u32, asize: u32, hbits: u32) -> Template {
        Template {
            kidx,
            array: vec![TVal::K(KValue::Nil); asize as usize],
            hsize: if hbits > 0 { 1 << hbits } else { 0 },
            hash: Vec::new(),
            hash_index: HashMap::new(),
            hash_used: 0,
        }
    }

    fn hash_push(&mut self, key: KValue, val: TVal) {
        self.hash_used += !val.is_nil() as u32;
        self.hash_index.insert(key_id(&key), self.hash.len());
        self.hash.push((key, val));
    }

    fn set(&mut self, key: KValue, val: TVal) {
        if let Some(i) = int_key(&key) {
            if i < self.array.len() as u64 {
                self.array[i as usize] = val;
                return;
            }
        }
        if let Some(&i) = self.hash_index.get(&key_id(&key)) {
            let slot = &mut self.hash[i].1;
            self.hash_used = self.hash_used + !val.is_nil() as u32 - !slot.is_nil() as u32;
            *slot = val;
            return;
        }
        if self.hsize == 0 || self.hash_used >= self.hsize {
            self.rehash(&key);
            return self.set(key, val);
        }
        self.hash_push(key, val);
    }

    /// Bin of an integer key by size class, as LuaJIT counts them.
    fn bin(k: u64) -> usize {
        if k > 2 {
            floor_log2(k - 1)
        } else {
            0
        }
    }

    /// Picks new array and hash sizes for the current keys plus `extra`.
    fn rehash(&mut self, extra: &KValue) {
        let mut bins = [0u32; MAX_ABITS];
        let mut nint = 0u32;
        for (i, v) in self.array.iter().enumerate() {
            if !v.is_nil() {
                bins[Self::bin(i as u64)] += 1;
                nint += 1;
            }
        }
        let mut total = 1 + nint;
        for (k, v) in &self.hash {
            if !v.is_nil() {
                total += 1;
                if let Some(i) = int_key(k).filter(|&i| i < MAX_ASIZE) {
                    bins[Self::bin(i)] += 1;
                    nint += 1;
                }
            }
        }
        if let Some(i) = int_key(extra).filter(|&i| i < MAX_ASIZE) {
            bins[Self::bin(i)] += 1;
            nint += 1;
        }
        // Largest power-of-two size more than half full.
        let (mut sum, mut na, mut asize) = (0u32, 0u32, 0u32);
        let mut b = 0;
        while b < MAX_ABITS && 2 * nint as u64 > 1u64 << b && sum != nint {
            if bins[b] > 0 {
                sum += bins[b];
                if 2 * sum as u64 > 1u64 << b {
                    asize = (2u32 << b) + 1;
                    na = sum;
                }
            }
            b += 1;
        }
        total -= na;
        self.resize(asize, hsize2hbits(total));
    }

    /// Resizes both parts, redistributing the keys.
    fn resize(&mut self, asize: u32, hbits: u32) {
        let mut entries: Vec<(KValue, TVal)> = Vec::new();
        if (asize as usize) < self.array.len() {
            for (i, v) in self.array.drain(asize as usize..).enumerate() {
                if !v.is_nil() {
                    entries.push((KValue::Num((asize as usize + i) as f64), v));
                }
            }
        }
        self.array.resize(asize as usize, TVal::K(KValue::Nil));
        entries.extend(self.hash.drain(..).filter(|(_, v)| !v.is_nil()));
        self.hash_index.clear();
        self.hash_used = 0;
        self.hsize = if hbits > 0 { 1 << hbits } else { 0 };
        for (k, v) in entries {
            match int_key(&k) {
                Some(i) if i < asize as u64 => self.array[i as usize] = v,
                _ => self.hash_push(k, v),
            }
        }
    }

    fn finish(self) -> TemplateTable {
        let konst = |v: TVal| match v {
            TVal::K(k) => k,
            TVal::Placeholder => KValue::Nil,
        };
        TemplateTable {
            array: self.array.into_iter().map(konst).collect(),
            hash: self.hash.into_iter().filter(|(_, v)| !v.is_nil()).map(|(k, v)| (k, konst(v))).collect(),
            hash_size: self.hsize,
        }
    }
}

/// State of a table constructor being parsed.
struct TableCtor {
    /// The table (register or TNEW/TDUP instruction).
    e: ExpDesc,
    /// pc of the TNEW (or TDUP).
    pc: u32,
    /// First free register after the table.
    freg: u32,
    template: Option<Template>,
    /// The last item was positional and may return multiple values.
    vcall: bool,
    needarr: bool,
    /// Next positional index.
    narr: u32,
    nhash: u32,
}

impl<'a> Parser<'a> {
    fn kvalue(&self, e: &ExpDesc) -> KValue {
        match e.k {
            ExpKind::KNil => KValue::Nil,
            ExpKind::KFalse => KValue::False,
            ExpKind::KTrue => KValue::True,
            ExpKind::KStr => KValue::Str(self.strings[e.sval as usize].clone()),
            _ => KValue::Num(e.nval),
        }
    }

    // -- Suffixes and primaries ----------------------------------------

    fn expr_str(&mut self) -> PResult<ExpDesc> {
        let sid = self.str_checkname()?;
        Ok(ExpDesc::kstr(sid))
    }

    /// Makes `t` an indexed expression with key `e` (already a value).
    pub(super) fn expr_index(&mut self, t: &mut ExpDesc, e: &mut ExpDesc) -> PResult<()> {
        t.k = ExpKind::Indexed;
        if e.k == ExpKind::KNum {
            let n = e.nval;
            let k = n as i32;
            if (0..=255).contains(&k) && n == k as f64 {
                t.aux = MAX_C + 1 + k as u32;
                return Ok(());
            }
        } else if e.k == ExpKind::KStr {
            let idx = self.fs().const_str(e.sval);
            if idx <= MAX_C {
                t.aux = !idx;
                return Ok(());
            }
        }
        t.aux = self.expr_toanyreg(e)?;
        Ok(())
    }

    /// `name` after `.`, `?.` or `:` (already consumed) indexes `v`.
    pub(super) fn expr_field(&mut self, v: &mut ExpDesc) -> PResult<()> {
        self.expr_toanyreg(v)?;
        let mut key = self.expr_str()?;
        self.expr_index(v, &mut key)
    }

    fn expr_bracket(&mut self) -> PResult<ExpDesc> {
        self.next()?;
        let mut v = self.expr()?;
        self.expr_toval(&mut v)?;
        self.check(Tok::Char(b']'))?;
        Ok(v)
    }

    /// A table constructor. The loop keeps a small stack frame (its state
    /// is boxed, item handling is in helpers) because nested constructors
    /// recurse through it.
    pub(super) fn expr_table(&mut self) -> PResult<ExpDesc> {
        let line = self.lx.line;
        let freg = self.fsr().freereg;
        let pc = self.emit_ad(Op::TNEW, freg, 0)?;
        let mut st = Box::new(TableCtor {
            e: ExpDesc::new(ExpKind::NonReloc, freg),
            pc,
            freg: freg + 1,
            template: None,
            vcall: false,
            needarr: false,
            narr: 1,
            nhash: 0,
        });
        self.bcreg_reserve(1)?;
        self.check(Tok::Char(b'{'))?;
        while self.lx.tok != Tok::Char(b'}') {
            let key = self.table_key(&mut st)?;
            let val = self.expr()?;
            self.table_item(&mut st, key, val)?;
            if !self.opt(Tok::Char(b','))? && !self.opt(Tok::Char(b';'))? {
                break;
            }
        }
        self.match_tok(Tok::Char(b'}'), Tok::Char(b'{'), line)?;
        self.table_finish(*st)
    }

    /// The key of a constructor item (`[k] =`, `name =` or positional).
    fn table_key(&mut self, st: &mut TableCtor) -> PResult<ExpDesc> {
        st.vcall = false;
        if self.lx.tok == Tok::Char(b'[') {
            let mut key = self.expr_bracket()?;
            if !key.is_k() {
                self.expr_index(&mut st.e, &mut key)?;
            }
            if key.k == ExpKind::KNum && key.nval == 0.0 {
                st.needarr = true;
            } else {
                st.nhash += 1;
            }
            self.check(Tok::Char(b'='))?;
            Ok(key)
        } else if is_name(self.lx.tok) && self.lx.peek()? == Tok::Char(b'=') {
            let key = self.expr_str()?;
            self.check(Tok::Char(b'='))?;
            st.nhash += 1;
            Ok(key)
        } else {
            let key = ExpDesc::knum(st.narr as f64);
            st.narr += 1;
            st.needarr = true;
            st.vcall = true;
            Ok(key)
        }
    }

    /// Stores one item: into the template if constant, else by code.
    fn table_item(&mut self, st: &mut TableCtor, mut key: ExpDesc, mut val: ExpDesc) -> PResult<()> {
        let mut nonconst = true;
        if key.is_k() && key.k != ExpKind::KNil && (key.k == ExpKind::KStr || val.is_k_nojump()) {
            if st.template.is_none() {
                let asize = if st.needarr { st.narr } else { 0 };
                let kidx = self.fs().const_new(KgcSlot::Table(TemplateTable::default()));
                self.fs().code[st.pc as usize] = Ins::ad(Op::TDUP, (st.freg - 1) as u8, kidx as u16);
                st.template = Some(Template::new(kidx, asize, hsize2hbits(st.nhash)));
            }
            st.vcall = false;
            let k = self.kvalue(&key);
            let v = if val.is_k_nojump() { TVal::K(self.kvalue(&val)) } else { TVal::Placeholder };
            if let Some(t) = st.template.as_mut() {
                t.set(k, v);
            }
            if val.is_k_nojump() {
                nonconst = false;
            }
        }
        if nonconst {
            if val.k != ExpKind::Call {
                self.expr_toanyreg(&mut val)?;
                st.vcall = false;
            }
            if key.is_k() {
                self.expr_index(&mut st.e, &mut key)?;
            }
            let e = st.e;
            self.emit_store(&e, &mut val)?;
        }
        self.fs().freereg = st.freg;
        Ok(())
    }

    /// Multiple results of a last call, TNEW sizes or the template.
    fn table_finish(&mut self, st: TableCtor) -> PResult<ExpDesc> {
        let TableCtor { mut e, pc, freg, template, vcall, needarr, narr, nhash } = st;
        if vcall {
            // The last positional item is a call or `...`: store all results.
            let mut last = self.fsr().pc() - 1;
            if narr > 256 {
                self.fs().code.pop();
                self.fs().lines.pop();
                last -= 1;
            }
            let kn = self.fs().const_tsetm_index((narr - 1) as f64);
            self.fs().code[last as usize] = Ins::ad(Op::TSETM, freg as u8, kn as u16);
            self.fs().set_b(last - 1, 0);
        }
        if pc == self.fsr().pc() - 1 {
            e.info = pc;
            self.fs().freereg -= 1;
            e.k = ExpKind::Relocable;
        } else {
            e.k = ExpKind::NonReloc;
        }
        match template {
            None => {
                let n = if needarr { narr.clamp(3, 0x7ff) } else { 0 };
                self.fs().set_d(pc, n | (hsize2hbits(nhash) << 11));
            }
            Some(mut t) => {
                if needarr && (t.array.len() as u32) < narr {
                    let hbits = if t.hsize > 0 { 31 - t.hsize.leading_zeros() } else { 0 };
                    t.resize(narr, hbits);
                }
                let kidx = t.kidx;
                self.fs().kgc[kidx as usize] = KgcSlot::Table(t.finish());
            }
        }
        Ok(e)
    }

    /// `(args)`, `{table}` or `"string"` after a callee at `e.info`.
    fn parse_args(&mut self, e: &mut ExpDesc) -> PResult<()> {
        let line = self.lx.line;
        let args = match self.lx.tok {
            Tok::Char(b'(') => self.paren_args(line)?,
            Tok::Char(b'{') => self.expr_table()?,
            Tok::String => self.string_token()?,
            _ => return Err(self.err_syntax("function arguments expected")),
        };
        self.emit_call(e, args, line)
    }

    /// `( [explist] )` of a call; multiple results of a last call are kept.
    fn paren_args(&mut self, line: u32) -> PResult<ExpDesc> {
        if line != self.lx.last_line {
            return Err(self.err_syntax("ambiguous syntax (function call x new statement)"));
        }
        self.next()?;
        let args = if self.lx.tok == Tok::Char(b')') {
            ExpDesc::new(ExpKind::Void, 0)
        } else {
            let args = self.expr_list()?.1;
            if args.k == ExpKind::Call {
                self.fs().set_b(args.info, 0);
            }
            args
        };
        self.match_tok(Tok::Char(b')'), Tok::Char(b'('), line)?;
        Ok(args)
    }

    /// Emits the call of the function at `e.info` with `args`.
    fn emit_call(&mut self, e: &mut ExpDesc, mut args: ExpDesc, line: u32) -> PResult<()> {
        let base = e.info;
        let ins = if args.k == ExpKind::Call {
            Ins::abc(Op::CALLM, base as u8, 2, (args.aux - base - 2) as u8)
        } else {
            if args.k != ExpKind::Void {
                self.expr_tonextreg(&mut args)?;
            }
            let c = self.fsr().freereg - base - 1;
            Ins::abc(Op::CALL, base as u8, 2, c as u8)
        };
        let pc = self.emit(ins)?;
        *e = ExpDesc::new(ExpKind::Call, pc);
        e.aux = base;
        self.fs().lines[pc as usize] = line;
        self.fs().freereg = base + 1;
        Ok(())
    }

    /// The current string token as a constant (then skips it).
    fn string_token(&mut self) -> PResult<ExpDesc> {
        let s = match std::mem::take(&mut self.lx.tokval) {
            TokVal::Str(s) => s,
            _ => Vec::new(),
        };
        let e = ExpDesc::kstr(self.intern(&s));
        self.next()?;
        Ok(e)
    }

    /// A prefix expression with its suffixes, as a value: a `?.` that
    /// met nil makes the whole expression nil.
    pub(super) fn expr_primary(&mut self, eflags: u8) -> PResult<ExpDesc> {
        let (mut v, xpc) = self.expr_primary_nav(eflags)?;
        if xpc != NO_JMP {
            self.nav_finish(&mut v, xpc)?;
        }
        Ok(v)
    }

    /// After an expression with `?.`: its value, or nil from the jumps in
    /// `xpc`.
    #[inline(never)]
    fn nav_finish(&mut self, v: &mut ExpDesc, xpc: u32) -> PResult<()> {
        let around = self.emit_jmp()?;
        self.jmp_tohere(xpc)?;
        if v.k == ExpKind::Call {
            // Still points at the CALL; assignments may widen the nils.
            v.k = ExpKind::CallNav;
            self.emit_ad(Op::KPRI, v.aux, 0)?;
        } else {
            self.emit_ad(Op::KPRI, v.info, 0)?;
        }
        self.jmp_tohere(around)
    }

    /// A prefix expression followed by any field, index, method and call
    /// suffixes; returns it and the jumps taken when a `?.` meets nil.
    /// Nested expressions recurse through here, so each step is a single
    /// call of a helper, keeping this frame small.
    pub(super) fn expr_primary_nav(&mut self, eflags: u8) -> PResult<(ExpDesc, u32)> {
        let mut xpc = NO_JMP;
        let mut v = match self.lx.tok {
            Tok::Char(b'(') => self.expr_paren()?,
            t if is_name(t) => match self.expr_name(eflags)? {
                (f, true) => return Ok((f, xpc)),
                (v, false) => v,
            },
            _ => return Err(self.err_syntax("unexpected symbol")),
        };
        self.expr_suffixes(&mut v, &mut xpc, eflags)?;
        Ok((v, xpc))
    }

    /// The suffixes of a prefix expression `v` (a separate frame, so that
    /// parenthesized expressions recurse without it).
    #[inline(never)]
    fn expr_suffixes(&mut self, v: &mut ExpDesc, xpc: &mut u32, eflags: u8) -> PResult<()> {
        loop {
            let nav = self.suffix_nav(v, xpc, eflags)?;
            let more = match self.lx.tok {
                Tok::Char(b'[') => self.suffix_index(v, nav, eflags)?,
                Tok::Char(b':') => self.suffix_colon(v, xpc, nav, eflags)?,
                Tok::Char(b'(') | Tok::String | Tok::Char(b'{') => self.suffix_call_nav(v, nav, eflags)?,
                _ => self.suffix_field(v, nav, eflags)?,
            };
            if !more {
                return Ok(());
            }
        }
    }

    /// A name, or the short function `name -> body` (then true: it takes
    /// no suffixes).
    #[inline(never)]
    fn expr_name(&mut self, eflags: u8) -> PResult<(ExpDesc, bool)> {
        let line = self.lx.line;
        let sid = self.str_checkname()?;
        if eflags & EXPR_NORES == 0 && self.lx.tok == Tok::Arrow {
            return Ok((self.parse_shortfunc(Some(sid), eflags, line)?, true));
        }
        Ok((self.var_lookup(sid)?, false))
    }

    /// An optional `?.` before a suffix: true if there was one.
    #[inline(never)]
    fn suffix_nav(&mut self, v: &mut ExpDesc, xpc: &mut u32, eflags: u8) -> PResult<bool> {
        let nav = eflags & EXPR_NONAV == 0 && self.opt(Tok::Nav)?;
        if nav {
            self.nav_check(v, xpc)?;
        }
        Ok(nav)
    }

    /// `:name args` (with `?.` before the args if the method may be nil);
    /// false if the `:` ends the expression instead.
    #[inline(never)]
    fn suffix_colon(&mut self, v: &mut ExpDesc, xpc: &mut u32, nav: bool, eflags: u8) -> PResult<bool> {
        if eflags & EXPR_NOCOLON != 0 {
            return match nav {
                true => Err(self.err_syntax("unexpected symbol")),
                false => Ok(false),
            };
        }
        let nav = self.suffix_method(v, xpc)?;
        if self.nav_call_ends(nav, eflags) {
            return Ok(false);
        }
        self.nav_result(v, nav, eflags)?;
        Ok(true)
    }

    /// A call; false if it ends the expression.
    #[inline(never)]
    fn suffix_call_nav(&mut self, v: &mut ExpDesc, nav: bool, eflags: u8) -> PResult<bool> {
        self.suffix_call(v)?;
        if self.nav_call_ends(nav, eflags) {
            return Ok(false);
        }
        self.nav_result(v, nav, eflags)?;
        Ok(true)
    }

    /// A call behind `?.` stays a call (for multiple results) when no
    /// suffix follows it.
    fn nav_call_ends(&self, nav: bool, eflags: u8) -> bool {
        nav && eflags & EXPR_NORES == 0 && !self.suffix_follows()
    }

    /// `.name`, or `name` right after `?.`; false if neither.
    #[inline(never)]
    fn suffix_field(&mut self, v: &mut ExpDesc, nav: bool, eflags: u8) -> PResult<bool> {
        if !nav {
            if self.lx.tok != Tok::Char(b'.') {
                return Ok(false);
            }
            self.next()?;
        }
        self.expr_field(v)?;
        self.nav_result(v, nav, eflags)?;
        Ok(true)
    }

    /// After a suffix behind `?.`, its value goes to a fresh register
    /// (the nil path sets that register), unless no result is needed.
    fn nav_result(&mut self, v: &mut ExpDesc, nav: bool, eflags: u8) -> PResult<()> {
        if nav && eflags & EXPR_NORES == 0 {
            self.expr_tonextreg(v)?;
        }
        Ok(())
    }

    /// `:name args` or `:name?.args` (the method may be nil); returns
    /// whether it was the latter.
    fn suffix_method(&mut self, v: &mut ExpDesc, xpc: &mut u32) -> PResult<bool> {
        self.next()?;
        let key = self.expr_str()?;
        self.emit_method(v, &key)?;
        let nav = self.opt(Tok::Nav)?;
        if nav {
            // The method sits in the call's function slot.
            self.emit_ad(Op::ISEQP, v.info, 0)?;
            let j = self.emit_jmp()?;
            self.jmp_append(xpc, j)?;
        }
        self.parse_args(v)?;
        Ok(nav)
    }

    /// `?.`: puts `v` in a register and adds a jump taken when it is nil.
    fn nav_check(&mut self, v: &mut ExpDesc, xpc: &mut u32) -> PResult<()> {
        let r = self.expr_toanyreg(v)?;
        self.emit_ad(Op::ISEQP, r, 0)?;
        let j = self.emit_jmp()?;
        self.jmp_append(xpc, j)
    }

    /// Whether the current token continues a suffixed expression.
    fn suffix_follows(&self) -> bool {
        matches!(
            self.lx.tok,
            Tok::Nav
                | Tok::Char(b'[')
                | Tok::Char(b':')
                | Tok::Char(b'(')
                | Tok::String
                | Tok::Char(b'{')
                | Tok::Char(b'.')
        )
    }

    fn expr_paren(&mut self) -> PResult<ExpDesc> {
        let line = self.lx.line;
        self.next()?;
        let mut v = self.expr()?;
        self.match_tok(Tok::Char(b')'), Tok::Char(b'('), line)?;
        self.expr_discharge(&mut v)?;
        Ok(v)
    }

    /// `[key]`; always continues the suffixes (true).
    fn suffix_index(&mut self, v: &mut ExpDesc, nav: bool, eflags: u8) -> PResult<bool> {
        self.expr_toanyreg(v)?;
        let mut key = self.expr_bracket()?;
        self.expr_index(v, &mut key)?;
        self.nav_result(v, nav, eflags)?;
        Ok(true)
    }

    fn suffix_call(&mut self, v: &mut ExpDesc) -> PResult<()> {
        self.expr_tonextreg(v)?;
        // The frame link slot of the two-slot call frame.
        self.bcreg_reserve(1)?;
        self.parse_args(v)
    }

    fn expr_simple(&mut self, eflags: u8) -> PResult<ExpDesc> {
        match self.lx.tok {
            Tok::Char(b'{') => self.expr_table(),
            Tok::Function => self.expr_function(),
            Tok::Number | Tok::String | Tok::Nil | Tok::True | Tok::False | Tok::Dots => self.expr_token(),
            Tok::Char(b'|') | Tok::OrAlt => self.expr_shortfunc(eflags),
            _ => self.expr_primary(eflags),
        }
    }

    /// `|params| -> body` or `|| -> body`.
    #[inline(never)]
    fn expr_shortfunc(&mut self, eflags: u8) -> PResult<ExpDesc> {
        let line = self.lx.line;
        self.parse_shortfunc(None, eflags, line)
    }

    fn expr_function(&mut self) -> PResult<ExpDesc> {
        self.next()?;
        let line = self.lx.line;
        self.parse_body(false, line)
    }

    /// A constant or `...`.
    fn expr_token(&mut self) -> PResult<ExpDesc> {
        let v = match self.lx.tok {
            Tok::Number => {
                let n = match self.lx.tokval {
                    TokVal::Num(n) => n,
                    _ => 0.0,
                };
                ExpDesc::knum(n)
            }
            Tok::String => return self.string_token(),
            Tok::Nil => ExpDesc::new(ExpKind::KNil, 0),
            Tok::True => ExpDesc::new(ExpKind::KTrue, 0),
            Tok::False => ExpDesc::new(ExpKind::KFalse, 0),
            _ => {
                if !self.fsr().is_vararg {
                    return Err(self.err_syntax("cannot use '...' outside a vararg function"));
                }
                self.bcreg_reserve(1)?;
                let base = self.fsr().freereg - 1;
                let np = self.fsr().numparams;
                let pc = self.emit_abc(Op::VARG, base, 2, np)?;
                let mut v = ExpDesc::new(ExpKind::Call, pc);
                v.aux = base;
                v
            }
        };
        self.next()?;
        Ok(v)
    }

    fn synlevel_begin(&mut self) -> PResult<()> {
        let probe = 0u8;
        let addr = &probe as *const u8 as usize;
        if std::env::var("NEAP_SP").is_ok() && self.level < 8 {
            eprintln!("SP level {} addr {}", self.level, addr);
        }
        self.level += 1;
        if self.level >= super::MAX_XLEVEL {
            return Err(self.lx.error(None, "chunk has too many syntax levels"));
        }
        Ok(())
    }

    fn expr_unop(&mut self, eflags: u8) -> PResult<ExpDesc> {
        let op = match self.lx.tok {
            Tok::Not | Tok::Char(b'!') => Op::NOT,
            Tok::Char(b'-') => Op::UNM,
            Tok::Char(b'#') => Op::LEN,
            Tok::Char(b'~') => Op::BNOT,
            _ => return self.expr_simple(eflags),
        };
        self.next()?;
        let (mut v, _) = self.expr_binop(UNARY_PRIORITY, eflags)?;
        self.emit_unop(op, &mut v)?;
        Ok(v)
    }

    /// Parses operators binding tighter than `limit`; returns the first
    /// operator left over. Nested expressions recurse through here, so the
    /// work on each operator is done in `binop_rhs` to keep this frame small.
    fn expr_binop(&mut self, limit: u32, eflags: u8) -> PResult<(ExpDesc, Option<BinOpr>)> {
        self.synlevel_begin()?;
        let mut v = self.expr_unop(eflags)?;
        let mut op = BinOpr::from_tok(self.lx.tok);
        while let Some(o) = op {
            if o.priority().0 <= limit {
                break;
            }
            op = self.binop_rhs(o, &mut v, eflags)?;
        }
        self.level -= 1;
        Ok((v, op))
    }

    /// `v o rhs`: parses the right operand and emits the operator.
    fn binop_rhs(&mut self, o: BinOpr, v: &mut ExpDesc, eflags: u8) -> PResult<Option<BinOpr>> {
        self.next()?;
        self.emit_binop_left(o, v)?;
        let (mut v2, nextop) = self.expr_binop(o.priority().1, eflags)?;
        self.emit_binop(o, v, &mut v2)?;
        Ok(nextop)
    }

    #[inline(always)]
    pub(super) fn expr(&mut self) -> PResult<ExpDesc> {
        self.expr_flags(0)
    }

    /// A whole expression, including a trailing `? a : b`. Inlined, so
    /// nested expressions do not recurse through one more frame.
    #[inline(always)]
    pub(super) fn expr_flags(&mut self, eflags: u8) -> PResult<ExpDesc> {
        let (v, _) = self.expr_binop(0, eflags)?;
        self.expr_ternary_opt(v)
    }

    /// `v`, or `v ? a : b` if a `?` follows.
    #[inline(never)]
    fn expr_ternary_opt(&mut self, mut v: ExpDesc) -> PResult<ExpDesc> {
        if self.opt(Tok::Char(b'?'))? {
            self.expr_ternary(&mut v)?;
        }
        Ok(v)
    }

    /// `v ? a : b` after the `?`: both branches end in the same register.
    /// Right associative: a chain `c1 ? a1 : c2 ? a2 : b` is parsed in a
    /// loop (LuaJIT recurses; the code is the same, all exits jump to the
    /// end). A nested middle operand `c ? (d ? x : y) : z` recurses and
    /// counts as a syntax level, where LuaJIT has no limit.
    #[inline(never)]
    fn expr_ternary(&mut self, v: &mut ExpDesc) -> PResult<()> {
        let mut escape = NO_JMP;
        loop {
            self.emit_branch_t(v)?;
            let cond = v.f;
            // A `:` ends the middle expression (no method calls there).
            self.synlevel_begin()?;
            let mut a = self.expr_flags(EXPR_NOCOLON)?;
            self.level -= 1;
            self.expr_tonextreg(&mut a)?;
            let reg = a.info;
            let j = self.emit_jmp()?;
            self.jmp_append(&mut escape, j)?;
            self.jmp_tohere(cond)?;
            self.check(Tok::Char(b':'))?;
            self.bcreg_free(reg);
            *v = self.expr_binop(0, 0)?.0;
            if !self.opt(Tok::Char(b'?'))? {
                break;
            }
        }
        self.expr_tonextreg(v)?;
        self.jmp_tohere(escape)
    }

    /// Parses `e1, e2, ...`: all but the last go to consecutive registers.
    pub(super) fn expr_list(&mut self) -> PResult<(u32, ExpDesc)> {
        let mut n = 1;
        let mut v = self.expr()?;
        while self.opt(Tok::Char(b','))? {
            self.expr_tonextreg(&mut v)?;
            v = self.expr()?;
            n += 1;
        }
        Ok((n, v))
    }

    pub(super) fn expr_next(&mut self) -> PResult<()> {
        let mut e = self.expr()?;
        self.expr_tonextreg(&mut e)
    }

    /// A condition: returns the jump list taken when it is false.
    pub(super) fn expr_cond(&mut self) -> PResult<u32> {
        let mut v = self.expr()?;
        if v.k == ExpKind::KNil {
            v.k = ExpKind::KFalse;
        }
        self.emit_branch_t(&mut v)?;
        Ok(v.f)
    }

    // -- Operators -------------------------------------------------------

    fn emit_unop(&mut self, op: Op, e: &mut ExpDesc) -> PResult<()> {
        if op == Op::NOT {
            std::mem::swap(&mut e.f, &mut e.t);
            self.fs().jmp_dropval(e.f);
            self.fs().jmp_dropval(e.t);
            self.expr_discharge(e)?;
            match e.k {
                ExpKind::KNil | ExpKind::KFalse => {
                    e.k = ExpKind::KTrue;
                    return Ok(());
                }
                _ if e.is_k() => {
                    e.k = ExpKind::KFalse;
                    return Ok(());
                }
                ExpKind::Jmp => {
                    let pc = e.info - 1;
                    let o = self.fsr().op_at(pc);
                    self.fs().set_op(pc, Op::ALL[(o as usize) ^ 1]);
                    return Ok(());
                }
                ExpKind::Relocable => {
                    self.bcreg_reserve(1)?;
                    let r = self.fsr().freereg - 1;
                    self.fs().set_a(e.info, r);
                    e.info = r;
                    e.k = ExpKind::NonReloc;
                }
                _ => {}
            }
        } else {
            if !e.has_jump() && op == Op::UNM && e.k == ExpKind::KNum && e.nval != 0.0 {
                e.nval = -e.nval;
                return Ok(());
            }
            if !e.has_jump() && op == Op::BNOT && e.k == ExpKind::KNum {
                e.nval = !crate::bitop::tobit(e.nval) as f64;
                return Ok(());
            }
            self.expr_toanyreg(e)?;
        }
        self.expr_free(e);
        e.info = self.emit_ad(op, 0, e.info)?;
        e.k = ExpKind::Relocable;
        Ok(())
    }

    fn emit_binop_left(&mut self, op: BinOpr, e: &mut ExpDesc) -> PResult<()> {
        match op {
            BinOpr::And => self.emit_branch_t(e),
            BinOpr::Or => self.emit_branch_f(e),
            BinOpr::Coal => {
                // Skip the right operand when the left one is not nil.
                self.expr_tonextreg(e)?;
                let reg = e.info;
                self.emit_ad(Op::ISNEP, reg, 0)?;
                e.aux = self.emit_jmp()?;
                self.bcreg_free(reg);
                Ok(())
            }
            BinOpr::Concat => self.expr_tonextreg(e),
            BinOpr::Eq | BinOpr::Ne => {
                if !e.is_k_nojump() {
                    self.expr_toanyreg(e)?;
                }
                Ok(())
            }
            _ => {
                if !e.is_numk_nojump() {
                    self.expr_toanyreg(e)?;
                }
                Ok(())
            }
        }
    }

    pub(super) fn emit_binop(&mut self, op: BinOpr, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        match op {
            BinOpr::Add | BinOpr::Sub | BinOpr::Mul | BinOpr::Div | BinOpr::Mod | BinOpr::Pow => {
                if e1.is_numk_nojump() && e2.is_numk_nojump() {
                    let n = fold_arith(op, e1.nval, e2.nval);
                    // Never fold to NaN or -0 (they would become odd constants).
                    if !(n.is_nan() || n == 0.0 && n.is_sign_negative()) {
                        e1.nval = n;
                        return Ok(());
                    }
                }
                self.emit_arith(op, e1, e2)
            }
            _ if op.is_bitop() => {
                if e1.is_numk_nojump() && e2.is_numk_nojump() {
                    let (k1, k2) = (crate::bitop::tobit(e1.nval), crate::bitop::tobit(e2.nval));
                    e1.nval = crate::bitop::apply(op.bit_op(), k1, k2) as f64;
                    return Ok(());
                }
                self.emit_arith(op, e1, e2)
            }
            BinOpr::Coal => {
                self.expr_tonextreg(e2)?;
                self.jmp_tohere(e1.aux)
            }
            BinOpr::And => {
                self.expr_discharge(e2)?;
                let mut f = e2.f;
                self.jmp_append(&mut f, e1.f)?;
                e2.f = f;
                *e1 = *e2;
                Ok(())
            }
            BinOpr::Or => {
                self.expr_discharge(e2)?;
                let mut t = e2.t;
                self.jmp_append(&mut t, e1.t)?;
                e2.t = t;
                *e1 = *e2;
                Ok(())
            }
            BinOpr::Concat => {
                self.expr_toval(e2)?;
                if e2.k == ExpKind::Relocable && self.fsr().op_at(e2.info) == Op::CAT {
                    self.expr_free(e1);
                    self.fs().set_b(e2.info, e1.info);
                    e1.info = e2.info;
                } else {
                    self.expr_tonextreg(e2)?;
                    self.expr_free(e2);
                    self.expr_free(e1);
                    e1.info = self.emit_abc(Op::CAT, 0, e1.info, e2.info)?;
                }
                e1.k = ExpKind::Relocable;
                Ok(())
            }
            _ => self.emit_comp(op, e1, e2),
        }
    }

    fn emit_arith(&mut self, op: BinOpr, e1: &mut ExpDesc, e2: &mut ExpDesc) -> PResult<()> {
        let (ins_op, rb, rc);
        if op == BinOpr::Pow || op.is_bitop() {
            ins_op = if op == BinOpr::Pow { Op::POW } else { op.bit_op() };
            rc = self.expr_toanyreg(e2)?;
            rb = self.expr_toanyreg(e1)?;
        } else {
            let mut o = op.arith_vv();
            // The second operand first: an indexed one may free registers.
            self.expr_toval(e2)?;
            let mut c = u32::MAX;
            if e2.k == ExpKind::KNum {
                c = self.fs().const_num(e2.nval);
            }
            if c <= MAX_C {
                o = arith_vn(o);
            } else {
                c = self.expr_toanyreg(e2)?;
            }
            self.expr_toval(e1)?;
            // Two constants cannot be encoded: only one goes to an operand.
            let mut b = u32::MAX;
            if e1.k == ExpKind::KNum && e2.k != ExpKind::KNum {
                b = self.fs().const_num(e1.nval);
            }
            if b <= MAX_C {
                rb = c;
                rc = b;
                o = arith_nv(o);
            } else {
                rb = self.expr_toanyreg(e1)?;
                rc = c;
            }
            ins_op = o;
        }
        let nact = self.fsr().nactvar;
        if e1.k == ExpKind::NonReloc && e1.info >= nact {
            self.fs().freereg -= 1;
        }
        if e2.k == ExpKind::NonReloc && e2.info >= nact {
            self.fs().freereg -= 1;
        }
        e1.info = self.emit_abc(ins_op, 0, rb, rc)?;
        e1.k = ExpKind::Relocable;
        Ok(())
    }

    fn emit_comp(&mut self, op: BinOpr, e1_in: &mut ExpDesc, e2_in: &mut ExpDesc) -> PResult<()> {
        self.expr_toval(e1_in)?;
        let ins;
        // Operands may be swapped; track which descriptor is which.
        let mut a = *e1_in;
        let mut b = *e2_in;
        if op == BinOpr::Eq || op == BinOpr::Ne {
            let base = if op == BinOpr::Eq { 0 } else { 1 };
            if a.is_k() {
                std::mem::swap(&mut a, &mut b);
            }
            let ra = self.expr_toanyreg(&mut a)?;
            self.expr_toval(&mut b)?;
            ins = match b.k {
                ExpKind::KNil | ExpKind::KFalse | ExpKind::KTrue => {
                    let pri = match b.k {
                        ExpKind::KNil => 0,
                        ExpKind::KFalse => 1,
                        _ => 2,
                    };
                    Ins::ad(Op::ALL[Op::ISEQP as usize + base], ra as u8, pri)
                }
                ExpKind::KStr => {
                    let k = self.fs().const_str(b.sval);
                    Ins::ad(Op::ALL[Op::ISEQS as usize + base], ra as u8, k as u16)
                }
                ExpKind::KNum => {
                    let k = self.fs().const_num(b.nval);
                    Ins::ad(Op::ALL[Op::ISEQN as usize + base], ra as u8, k as u16)
                }
                _ => {
                    let rd = self.expr_toanyreg(&mut b)?;
                    Ins::ad(Op::ALL[Op::ISEQV as usize + base], ra as u8, rd as u16)
                }
            };
        } else {
            let mut o = match op {
                BinOpr::Lt => 0usize,
                BinOpr::Ge => 1,
                BinOpr::Le => 2,
                _ => 3,
            };
            let (ra, rd);
            if o & 1 == 1 {
                // GT -> LT, GE -> LE with swapped operands.
                std::mem::swap(&mut a, &mut b);
                o ^= 3;
                self.expr_toval(&mut a)?;
                ra = self.expr_toanyreg(&mut a)?;
                rd = self.expr_toanyreg(&mut b)?;
            } else {
                rd = self.expr_toanyreg(&mut b)?;
                ra = self.expr_toanyreg(&mut a)?;
            }
            ins = Ins::ad(Op::ALL[Op::ISLT as usize + o], ra as u8, rd as u16);
        }
        let nact = self.fsr().nactvar;
        if a.k == ExpKind::NonReloc && a.info >= nact {
            self.fs().freereg -= 1;
        }
        if b.k == ExpKind::NonReloc && b.info >= nact {
            self.fs().freereg -= 1;
        }
        self.emit(ins)?;
        let j = self.emit_jmp()?;
        *e2_in = b;
        e1_in.info = j;
        e1_in.k = ExpKind::Jmp;
        Ok(())
    }
}

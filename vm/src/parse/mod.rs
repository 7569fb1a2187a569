//! The parser and single-pass bytecode compiler.
//!
//! It generates the same bytecode as LuaJIT 2.1 (GC64, two-slot frames),
//! instruction for instruction and register for register, including line
//! numbers, variable ranges and upvalue sources. Deliberate differences:
//! - generic `for` always uses JMP/ITERC/ITERL (never ISNEXT/ITERN); the
//!   loops LuaJIT would specialise for `next` are listed in
//!   `ProtoDef::next_loops`, so `string.dump` writes LuaJIT's opcodes;
//! - TSETM's number constant is the plain start index (LuaJIT biases it by
//!   2^52; it still gets its own constant slot so numbering stays the same;
//!   dumps write the biased form);
//! - no FFI: `1LL`, `1ULL`, `1i` are malformed numbers, no KCDATA;
//! - the grammar is Lua 5.1 plus `goto`/labels plus the extensions the
//!   LuaJIT 2.1 rolling took from 3.0: bitwise operators, `!=`, `&&`, `||`,
//!   `!`, compound assignment (`+=` ...), `??`, `?.`, `c ? a : b`,
//!   `continue`, `const`, short functions (`|x| -> e`, `x -> e`) and `_`
//!   digit separators;
//! - a conditional nested in the middle operand of another one
//!   (`c ? (d ? x : y) : z` without the parentheses) counts as a syntax
//!   level, so more than about 200 of them are an error (LuaJIT recurses
//!   without a limit there).
//!
//! Submodules: `func` (per-function state, registers, jumps, emitting),
//! `expr` (expressions, table constructors), `stmt` (statements, scopes,
//! gotos).

mod expr;
mod func;
mod stmt;

use std::collections::HashMap;

use crate::bytecode::Op;
pub use crate::lex::SyntaxError;
use crate::lex::{Lexer, Tok, TokVal};
use crate::proto::{GcConst, ProtoDef, VarInfo};
use func::{FuncState, PResult, Scope, UvFrom, MAX_LOCVAR, MAX_UPVAL};

/// Empty jump list.
const NO_JMP: u32 = u32::MAX;
/// Nesting limit of syntactic levels.
const MAX_XLEVEL: u32 = 200;

/// Expression flags (LuaJIT's `EXPR_F_*`): the result is not used (a
/// statement), a `:` ends the expression (middle of `c ? a : b`), `?.` is
/// not allowed (assignment targets after the first), a single expression
/// is returned (short function body).
const EXPR_NORES: u8 = 0x01;
const EXPR_NOCOLON: u8 = 0x02;
const EXPR_NONAV: u8 = 0x04;
const EXPR_RET1: u8 = 0x08;

/// A token usable as a name: `goto`, `const` and `continue` are soft
/// keywords.
fn is_name(t: Tok) -> bool {
    matches!(t, Tok::Name | Tok::Goto | Tok::Const | Tok::Continue)
}

/// Compiles a chunk into its main function's prototype.
pub fn compile(source: &[u8], chunkname: &[u8]) -> Result<ProtoDef, SyntaxError> {
    let mut p = Parser {
        lx: Lexer::new(source, chunkname),
        funcs: Vec::new(),
        vstack: Vec::new(),
        strings: Vec::new(),
        string_ids: HashMap::new(),
        level: 0,
    };
    p.parse_main()
}

/// What an expression descriptor currently denotes. Order matters: the
/// constants come first (`is_k`), as in LuaJIT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ExpKind {
    KNil,
    KFalse,
    KTrue,
    KStr,
    KNum,
    /// A local in register `info` (`aux` = variable-stack entry).
    Local,
    /// Upvalue `info`.
    Upval,
    /// Global named `sval`.
    Global,
    /// Table in register `info`, key in `aux`: register (0..=255),
    /// byte constant (256..=511) or `!string constant`.
    Indexed,
    /// A comparison whose jump is at pc `info`.
    Jmp,
    /// An instruction at pc `info` whose A is not yet set.
    Relocable,
    /// A value in register `info`.
    NonReloc,
    /// A call (or VARG) at pc `info`, base register `aux`.
    Call,
    /// A call behind `?.` (CALL, JMP, KPRI at pc `info`), base `aux`: one
    /// result only, but assignments still adjust its result count.
    CallNav,
    Void,
}

#[derive(Clone, Copy, Debug)]
struct ExpDesc {
    k: ExpKind,
    info: u32,
    aux: u32,
    /// Interned string id (KStr, Global).
    sval: u32,
    nval: f64,
    /// Jump lists for true and false exits.
    t: u32,
    f: u32,
}

impl ExpDesc {
    fn new(k: ExpKind, info: u32) -> ExpDesc {
        ExpDesc { k, info, aux: 0, sval: 0, nval: 0.0, t: NO_JMP, f: NO_JMP }
    }
    fn kstr(sid: u32) -> ExpDesc {
        let mut e = ExpDesc::new(ExpKind::KStr, 0);
        e.sval = sid;
        e
    }
    fn knum(n: f64) -> ExpDesc {
        let mut e = ExpDesc::new(ExpKind::KNum, 0);
        e.nval = n;
        e
    }
    fn has_jump(&self) -> bool {
        self.t != self.f
    }
    fn is_k(&self) -> bool {
        self.k <= ExpKind::KNum
    }
    fn is_k_nojump(&self) -> bool {
        self.is_k() && !self.has_jump()
    }
    fn is_numk_nojump(&self) -> bool {
        self.k == ExpKind::KNum && !self.has_jump()
    }
}

/// Name of a variable-stack entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VarName {
    Str(u32),
    /// Hidden loop control variables, never found by name.
    Hidden(&'static str),
    /// The pending `break` pseudo-goto or the loop-exit pseudo-label.
    Break,
    /// A pending `continue` pseudo-goto or the loop's continue pseudo-label.
    Cont,
    /// A resolved goto or a label gone out of scope.
    Dead,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VarKind {
    Local,
    Goto,
    Label,
}

/// An entry of the variable stack: a local, a pending goto or a label.
#[derive(Clone, Copy, Debug)]
struct VarSlot {
    name: VarName,
    kind: VarKind,
    /// Locals: first live pc. Gotos: pc of the jump. Labels: target pc.
    startpc: u32,
    endpc: u32,
    /// Locals: register. Gotos/labels: active variables at that point.
    slot: u32,
    /// A local declared with `const`.
    konst: bool,
    /// A local assigned after its declaration (LuaJIT's R/W variable flag):
    /// upvalues referring to it are not immutable.
    rw: bool,
}

struct Parser<'a> {
    lx: Lexer<'a>,
    /// Functions being compiled, innermost last.
    funcs: Vec<FuncState>,
    /// Locals, gotos and labels of all functions being compiled.
    vstack: Vec<VarSlot>,
    strings: Vec<Box<[u8]>>,
    string_ids: HashMap<Box<[u8]>, u32>,
    /// Current syntactic nesting depth.
    level: u32,
}

impl<'a> Parser<'a> {
    fn intern(&mut self, s: &[u8]) -> u32 {
        if let Some(&id) = self.string_ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.string_ids.insert(s.into(), id);
        id
    }

    // -- Token helpers ----------------------------------------------------

    fn next(&mut self) -> PResult<()> {
        self.lx.next_token()
    }

    fn opt(&mut self, t: Tok) -> PResult<bool> {
        if self.lx.tok == t {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn err_token(&self, t: Tok) -> SyntaxError {
        self.err_syntax(&format!("'{}' expected", t.text()))
    }

    fn check(&mut self, t: Tok) -> PResult<()> {
        if self.lx.tok != t {
            return Err(self.err_token(t));
        }
        self.next()
    }

    /// Expects `what` closing `who` opened at `line`.
    fn match_tok(&mut self, what: Tok, who: Tok, line: u32) -> PResult<()> {
        if self.opt(what)? {
            return Ok(());
        }
        if line == self.lx.line {
            Err(self.err_token(what))
        } else {
            Err(self.err_syntax(&format!("'{}' expected (to close '{}' at line {})", what.text(), who.text(), line)))
        }
    }

    /// A name token (including the soft keywords, see [`is_name`]).
    fn str_checkname(&mut self) -> PResult<u32> {
        let sid = match self.lx.tok {
            Tok::Name | Tok::Const | Tok::Continue => match &self.lx.tokval {
                TokVal::Str(s) => {
                    let s = s.clone();
                    self.intern(&s)
                }
                _ => self.intern(b""),
            },
            Tok::Goto => self.intern(b"goto"),
            _ => return Err(self.err_token(Tok::Name)),
        };
        self.next()?;
        Ok(sid)
    }

    // -- Variables ---------------------------------------------------------

    /// Declares the `n`-th new local (not yet active).
    fn var_new(&mut self, n: u32, name: VarName) -> PResult<usize> {
        self.check_const_redeclare(n, name)?;
        let nact = self.fsr().nactvar;
        if nact + n >= MAX_LOCVAR {
            return Err(self.err_limit(MAX_LOCVAR, "local variables"));
        }
        if self.vstack.len() >= 65536 - MAX_UPVAL as usize {
            return Err(self.lx.error(None, &format!("chunk has more than {} local variables", 65536 - MAX_UPVAL)));
        }
        let vidx = self.vstack.len();
        self.vstack.push(VarSlot {
            name,
            kind: VarKind::Local,
            startpc: 0,
            endpc: 0,
            slot: 0,
            konst: false,
            rw: false,
        });
        self.fs().varmap[(nact + n) as usize] = vidx;
        Ok(vidx)
    }

    /// A new local may not shadow a visible `const` of the same name (the
    /// `n` locals declared before it in the same statement included).
    fn check_const_redeclare(&self, n: u32, name: VarName) -> PResult<()> {
        let VarName::Str(sid) = name else {
            return Ok(());
        };
        let last = self.funcs.len().saturating_sub(1);
        for (fi, fs) in self.funcs.iter().enumerate() {
            let count = if fi == last { fs.nactvar + n } else { fs.nactvar };
            for r in 0..count {
                let v = &self.vstack[fs.varmap[r as usize]];
                if v.konst && v.name == name {
                    let shown = String::from_utf8_lossy(&self.strings[sid as usize]).into_owned();
                    return Err(self.lx.error(None, &format!("attempt to re-declare const variable '{}'", shown)));
                }
            }
        }
        Ok(())
    }

    /// Assigning to a `const` local (or an upvalue of one) is an error.
    fn var_assign(&mut self, e: &ExpDesc) -> PResult<()> {
        if matches!(e.k, ExpKind::Local | ExpKind::Upval) {
            self.vstack[e.aux as usize].rw = true;
            let v = &self.vstack[e.aux as usize];
            if v.konst {
                let shown = match v.name {
                    VarName::Str(sid) => String::from_utf8_lossy(&self.strings[sid as usize]).into_owned(),
                    _ => String::new(),
                };
                return Err(self.lx.error(None, &format!("attempt to assign to const variable '{}'", shown)));
            }
        }
        Ok(())
    }

    /// Activates the `nvars` most recently declared locals.
    fn var_add(&mut self, nvars: u32) {
        let pc = self.fsr().pc();
        let mut nact = self.fsr().nactvar;
        for _ in 0..nvars {
            let vidx = self.fsr().varmap[nact as usize];
            self.vstack[vidx].startpc = pc;
            self.vstack[vidx].slot = nact;
            nact += 1;
        }
        self.fs().nactvar = nact;
    }

    fn var_remove(&mut self, tolevel: u32) {
        let pc = self.fsr().pc();
        while self.fsr().nactvar > tolevel {
            self.fs().nactvar -= 1;
            let n = self.fsr().nactvar;
            let vidx = self.fsr().varmap[n as usize];
            self.vstack[vidx].endpc = pc;
        }
    }

    /// Resolves a name to a local, an upvalue (created on demand through
    /// the enclosing functions) or a global.
    fn var_lookup(&mut self, sid: u32) -> PResult<ExpDesc> {
        let nfuncs = self.funcs.len();
        // Find the innermost function that has an active local of this name.
        let mut found = None;
        'outer: for fi in (0..nfuncs).rev() {
            let fs = &self.funcs[fi];
            for r in (0..fs.nactvar).rev() {
                let vidx = fs.varmap[r as usize];
                if self.vstack[vidx].name == VarName::Str(sid) {
                    found = Some((fi, vidx));
                    break 'outer;
                }
            }
        }
        let Some((owner, vidx)) = found else {
            let mut e = ExpDesc::new(ExpKind::Global, 0);
            e.sval = sid;
            return Ok(e);
        };
        if owner == nfuncs - 1 {
            let mut e = ExpDesc::new(ExpKind::Local, self.vstack[vidx].slot);
            e.aux = vidx as u32;
            return Ok(e);
        }
        // An upvalue: find or create it in each function from the innermost
        // one outwards, until reaching the function owning the local.
        let mut result = None;
        let mut fi = nfuncs - 1;
        loop {
            let existing = self.funcs[fi].uvmap.iter().position(|&v| v == vidx);
            if let Some(i) = existing {
                if result.is_none() {
                    result = Some(i as u32);
                }
                break;
            }
            let nuv = self.funcs[fi].uvmap.len() as u32;
            if nuv >= MAX_UPVAL {
                // Report against the function being extended.
                let line = self.funcs[fi].linedefined;
                let msg = if line == 0 {
                    format!("main function has more than {} upvalues", MAX_UPVAL)
                } else {
                    format!("function at line {} has more than {} upvalues", line, MAX_UPVAL)
                };
                return Err(self.lx.error(None, &msg));
            }
            if result.is_none() {
                result = Some(nuv);
            }
            let parent = fi - 1;
            let from = if parent == owner {
                UvFrom::Local(vidx)
            } else {
                // Upvalue of the parent: existing or about to be created.
                let pos = self.funcs[parent].uvmap.iter().position(|&v| v == vidx);
                UvFrom::Upval(pos.unwrap_or(self.funcs[parent].uvmap.len()) as u32)
            };
            self.funcs[fi].uvmap.push(vidx);
            self.funcs[fi].uvfrom.push(from);
            if parent == owner {
                let slot = self.vstack[vidx].slot;
                Self::scope_uvmark(&mut self.funcs[owner], slot);
                break;
            }
            fi = parent;
        }
        let mut e = ExpDesc::new(ExpKind::Upval, result.unwrap_or(0));
        e.aux = vidx as u32;
        Ok(e)
    }

    /// Marks the scope holding slot `level` as needing to close upvalues.
    fn scope_uvmark(fs: &mut FuncState, level: u32) {
        if let Some(bl) = fs.scopes.iter_mut().rev().find(|bl| bl.nactvar <= level) {
            bl.flags |= func::SCOPE_UPVAL;
        }
    }

    // -- Functions ---------------------------------------------------------

    fn fs_init(&mut self, linedefined: u32) {
        let fs = FuncState::new(self.vstack.len(), linedefined);
        self.funcs.push(fs);
    }

    /// Finishes the innermost function: final return, debug info.
    fn fs_finish(&mut self, line: u32) -> PResult<ProtoDef> {
        self.fixup_ret()?;
        let fs = self.funcs.pop().ok_or_else(|| self.lx.error(None, "internal error"))?;
        if fs.knum.len() > 0x10000 || fs.kgc.len() > 0x10000 {
            self.funcs.push(fs);
            return Err(self.err_limit(0x10000, "constants"));
        }
        let vars: Vec<VarInfo> = self.vstack[fs.vbase..]
            .iter()
            .filter(|v| v.kind == VarKind::Local)
            .map(|v| VarInfo {
                name: match v.name {
                    VarName::Str(sid) => self.strings[sid as usize].clone(),
                    VarName::Hidden(s) => s.as_bytes().into(),
                    _ => Box::default(),
                },
                start_pc: v.startpc,
                end_pc: v.endpc,
            })
            .collect();
        let upval_names = fs
            .uvmap
            .iter()
            .map(|&vidx| match self.vstack[vidx].name {
                VarName::Str(sid) => self.strings[sid as usize].clone(),
                VarName::Hidden(s) => s.as_bytes().into(),
                _ => Box::default(),
            })
            .collect();
        let mut kgc = self.kgc_to_consts(fs.kgc);
        // Children are constants in creation order, as their `uvfrom` lists.
        let children = kgc.iter_mut().filter_map(|k| match k {
            GcConst::Proto(child) => Some(child),
            _ => None,
        });
        for (child, from) in children.zip(&fs.child_uvfrom) {
            child.upval_immutable =
                from.iter().map(|u| matches!(*u, UvFrom::Local(vidx) if !self.vstack[vidx].rw)).collect();
        }
        self.vstack.truncate(fs.vbase);
        let upvals = match self.funcs.last() {
            Some(_) => self.upval_sources(&fs.uvfrom),
            None => Vec::new(),
        };
        let upval_immutable = vec![false; upvals.len()];
        if let Some(parent) = self.funcs.last_mut() {
            parent.child_uvfrom.push(fs.uvfrom.clone());
        }
        let mut code = fs.code;
        code[0] = crate::bytecode::Ins::ad(if fs.is_vararg { Op::FUNCV } else { Op::FUNCF }, fs.framesize as u8, 0);
        let mut lines = fs.lines;
        lines[0] = fs.linedefined;
        Ok(ProtoDef {
            chunkname: self.lx.chunkname().into(),
            first_line: fs.linedefined,
            last_line: line,
            num_params: fs.numparams as u8,
            is_vararg: fs.is_vararg,
            frame_size: fs.framesize as u8,
            code,
            lines,
            knum: fs.knum,
            kgc,
            upvals,
            upval_immutable,
            next_loops: fs.next_loops,
            upval_names,
            vars,
        })
    }

    fn parse_main(&mut self) -> PResult<ProtoDef> {
        self.fs_init(0);
        self.fs().is_vararg = true;
        self.scope_begin(0);
        self.emit_ad(Op::FUNCV, 0, 0)?;
        self.next()?;
        self.parse_chunk()?;
        if self.lx.tok != Tok::Eof {
            return Err(self.err_token(Tok::Eof));
        }
        let line = self.lx.line;
        self.fs_finish(line)
    }

    /// `(params) body end` of a function; leaves an FNEW expression.
    fn parse_body(&mut self, needself: bool, line: u32) -> PResult<ExpDesc> {
        self.fs_init(line);
        self.scope_begin(0);
        self.body_params(needself)?;
        self.parse_chunk()?;
        self.body_end(line)
    }

    /// `(params)` of a function body, then its header.
    fn body_params(&mut self, needself: bool) -> PResult<()> {
        let n = self.parse_params(needself, Tok::Char(b'('), Tok::Char(b')'))?;
        self.proto_begin(n)
    }

    /// The `end` of a function body: finishes the function.
    fn body_end(&mut self, line: u32) -> PResult<ExpDesc> {
        if self.lx.tok != Tok::End {
            self.match_tok(Tok::End, Tok::Function, line)?;
        }
        let e = self.proto_finish()?;
        self.next()?;
        Ok(e)
    }

    /// A short function: `|params| -> body`, `|| -> body` or, when `name`
    /// is given (already consumed), `name -> body`. The body is one
    /// expression, or `do block end`.
    fn parse_shortfunc(&mut self, name: Option<u32>, eflags: u8, line: u32) -> PResult<ExpDesc> {
        self.fs_init(line);
        self.scope_begin(0);
        let mut n = 0;
        if let Some(sid) = name {
            self.var_new(0, VarName::Str(sid))?;
            self.var_add(1);
            self.bcreg_reserve(1)?;
            n = 1;
        } else if !self.opt(Tok::OrAlt)? {
            n = self.parse_params(false, Tok::Char(b'|'), Tok::Char(b'|'))?;
        }
        self.check(Tok::Arrow)?;
        self.proto_begin(n)?;
        if self.opt(Tok::Do)? {
            self.parse_chunk()?;
            if !self.opt(Tok::End)? {
                self.match_tok(Tok::End, Tok::Do, line)?;
            }
        } else {
            self.parse_return(eflags | EXPR_RET1)?;
        }
        self.proto_finish()
    }

    /// The parameter count is known: emits the FUNCF header placeholder.
    fn proto_begin(&mut self, nparams: u32) -> PResult<()> {
        self.fs().numparams = nparams;
        self.emit_ad(Op::FUNCF, 0, 0)?;
        Ok(())
    }

    /// Finishes the innermost function and emits FNEW in the parent.
    fn proto_finish(&mut self) -> PResult<ExpDesc> {
        self.lx.last_line = self.lx.line;
        let endline = self.lx.line;
        let child = self.fs_finish(endline)?;
        let kidx = self.fs().const_new(func::KgcSlot::Proto(Box::new(child)));
        let pc = self.emit_ad(Op::FNEW, 0, kidx)?;
        let fs = self.fs();
        if !fs.has_child {
            if fs.has_return {
                fs.fixup_return = true;
            }
            fs.has_child = true;
        }
        Ok(ExpDesc::new(ExpKind::Relocable, pc))
    }

    /// The parameter list between `before` and `after`; returns its length.
    fn parse_params(&mut self, needself: bool, before: Tok, after: Tok) -> PResult<u32> {
        self.check(before)?;
        let mut n = 0;
        if needself {
            let sid = self.intern(b"self");
            self.var_new(n, VarName::Str(sid))?;
            n += 1;
        }
        if self.lx.tok != after {
            loop {
                if is_name(self.lx.tok) {
                    let sid = self.str_checkname()?;
                    self.var_new(n, VarName::Str(sid))?;
                    n += 1;
                } else if self.lx.tok == Tok::Dots {
                    self.next()?;
                    self.fs().is_vararg = true;
                    break;
                } else {
                    return Err(self.err_syntax("<name> or '...' expected"));
                }
                if !self.opt(Tok::Char(b','))? {
                    break;
                }
            }
        }
        self.var_add(n);
        self.bcreg_reserve(n)?;
        self.check(after)?;
        Ok(n)
    }

    /// Adds the final return and the return fixups for closures.
    fn fixup_ret(&mut self) -> PResult<()> {
        let lastpc = self.fsr().pc();
        let last_op = self.fsr().op_at(lastpc - 1);
        let is_ret = matches!(last_op, Op::RETM | Op::RET | Op::RET0 | Op::RET1 | Op::CALLMT | Op::CALLT);
        if lastpc <= self.fsr().lasttarget || !is_ret {
            if self.fsr().scopes.last().is_some_and(|s| s.flags & func::SCOPE_UPVAL != 0) {
                self.emit_aj(Op::UCLO, 0, 0)?;
            }
            self.emit_ad(Op::RET0, 0, 1)?;
        }
        self.fs().scope().flags |= func::SCOPE_NOCLOSE;
        self.scope_end()?;
        // Returns emitted before the first closure was created may need to
        // close upvalues: turn each into UCLO plus a jump to a copy.
        if self.fsr().fixup_return {
            for pc in 1..lastpc {
                let ins = self.fsr().code[pc as usize];
                match ins.op() {
                    Op::CALLMT | Op::CALLT | Op::RETM | Op::RET | Op::RET0 | Op::RET1 => {
                        let line = self.fsr().lines[pc as usize];
                        let offset = self.emit(ins)?;
                        self.fs().lines[offset as usize] = line;
                        let d = offset as i64 - (pc as i64 + 1) + crate::bytecode::JUMP_BIAS as i64;
                        if d > func::MAX_D as i64 {
                            return Err(self.err_syntax("function too long for return fixup"));
                        }
                        self.fs().code[pc as usize] = crate::bytecode::Ins::ad(Op::UCLO, 0, d as u16);
                    }
                    Op::FNEW => break,
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn scope_begin(&mut self, flags: u8) {
        let vstart = self.vstack.len();
        let fs = self.fs();
        let nactvar = fs.nactvar;
        fs.scopes.push(Scope { vstart, nactvar, flags });
    }
}

#[cfg(test)]
mod tests;

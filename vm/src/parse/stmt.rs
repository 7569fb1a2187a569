//! Statements, blocks and loops, scopes, `goto`/labels, `break` and
//! `continue`.

use super::expr::BinOpr;
use super::func::{PResult, SCOPE_BREAK, SCOPE_CONT, SCOPE_GOLA, SCOPE_LOOP, SCOPE_NOCLOSE, SCOPE_UPVAL};
use super::{
    is_name, ExpDesc, ExpKind, Parser, VarKind, VarName, VarSlot, EXPR_NONAV, EXPR_NORES, EXPR_RET1, MAX_XLEVEL, NO_JMP,
};
use crate::bytecode::{Ins, Op};
use crate::lex::Tok;

fn is_block_end(t: Tok) -> bool {
    matches!(t, Tok::Else | Tok::Elseif | Tok::End | Tok::Until | Tok::Eof)
}

impl<'a> Parser<'a> {
    // -- Scopes, gotos and labels ----------------------------------------

    pub(super) fn scope_end(&mut self) -> PResult<()> {
        let Some(bl) = self.fs().scopes.pop() else {
            return Err(self.lx.error(None, "internal error: unbalanced scopes"));
        };
        self.var_remove(bl.nactvar);
        let fs = self.fs();
        fs.freereg = fs.nactvar;
        if bl.flags & (SCOPE_UPVAL | SCOPE_NOCLOSE) == SCOPE_UPVAL {
            self.emit_aj(Op::UCLO, bl.nactvar, 0)?;
        }
        let mut bl = bl;
        if bl.flags & (SCOPE_LOOP | SCOPE_BREAK) == (SCOPE_LOOP | SCOPE_BREAK) {
            bl.flags &= !SCOPE_BREAK;
            // The loop exit is a label for the pending breaks.
            let pc = self.fsr().pc();
            let idx = self.gola_new(VarName::Break, VarKind::Label, pc)?;
            let label = self.vstack[idx];
            self.vstack.truncate(idx);
            self.gola_resolve(bl.vstart, label, idx)?;
        }
        if bl.flags & (SCOPE_GOLA | SCOPE_BREAK | SCOPE_CONT) != 0 {
            self.gola_fixup(bl)?;
        }
        Ok(())
    }

    /// Resolves the pending `continue`s of the current (loop) scope to
    /// `target`.
    fn scope_continue(&mut self, target: u32) -> PResult<()> {
        let bl = *self.fs().scope();
        if bl.flags & SCOPE_CONT != 0 {
            self.fs().scope().flags &= !SCOPE_CONT;
            let idx = self.gola_new(VarName::Cont, VarKind::Label, target)?;
            let label = self.vstack[idx];
            self.vstack.truncate(idx);
            self.gola_resolve(bl.vstart, label, idx)?;
        }
        Ok(())
    }

    fn gola_new(&mut self, name: VarName, kind: VarKind, pc: u32) -> PResult<usize> {
        if self.vstack.len() >= 65536 - super::MAX_UPVAL as usize {
            return Err(self.lx.error(None, "chunk has more than 65476 local variables"));
        }
        let slot = self.fsr().nactvar;
        self.vstack.push(VarSlot { name, kind, startpc: pc, endpc: 0, slot, konst: false, rw: false });
        Ok(self.vstack.len() - 1)
    }

    /// Points the goto at vstack `g` to the label `label`.
    fn gola_patch(&mut self, g: usize, label: VarSlot) -> PResult<()> {
        let pc = self.vstack[g].startpc;
        self.vstack[g].name = VarName::Dead;
        self.fs().set_a(pc, label.slot);
        self.jmp_patch(pc, label.startpc)
    }

    /// Makes the goto at vstack `g` close upvalues (UCLO instead of JMP).
    fn gola_close(&mut self, g: usize) -> PResult<()> {
        let pc = self.vstack[g].startpc;
        let slot = self.vstack[g].slot;
        self.fs().set_a(pc, slot);
        if self.fsr().op_at(pc) == Op::JMP {
            let next = self.fsr().jmp_next(pc);
            if next != NO_JMP {
                self.jmp_patch(next, pc)?;
            }
            let fs = self.fs();
            fs.set_op(pc, Op::UCLO);
            fs.set_d(pc, (crate::bytecode::JUMP_BIAS - 1) as u32);
        }
        Ok(())
    }

    /// Resolves pending forward gotos to a new label (at vstack `idx`,
    /// possibly already popped).
    fn gola_resolve(&mut self, vstart: usize, label: VarSlot, idx: usize) -> PResult<()> {
        for g in vstart..idx.min(self.vstack.len()) {
            let v = self.vstack[g];
            if v.name == label.name && v.kind == VarKind::Goto {
                if v.slot < label.slot {
                    let vidx = self.fsr().varmap[v.slot as usize];
                    let local = self.var_display_name(vidx);
                    self.lx.line = self.fsr().lines[v.startpc as usize];
                    let goto = match v.name {
                        VarName::Str(sid) => {
                            format!("goto {}", String::from_utf8_lossy(&self.strings[sid as usize]))
                        }
                        _ => "continue".to_string(),
                    };
                    return Err(self.lx.error(None, &format!("<{}> jumps into the scope of local '{}'", goto, local)));
                }
                self.gola_patch(g, label)?;
            }
        }
        Ok(())
    }

    fn var_display_name(&self, vidx: usize) -> String {
        match self.vstack[vidx].name {
            VarName::Str(sid) => String::from_utf8_lossy(&self.strings[sid as usize]).into_owned(),
            VarName::Hidden(s) => s.to_string(),
            _ => String::new(),
        }
    }

    /// At scope end: resolve backward gotos to the scope's labels, retire
    /// the labels, and pass still-pending gotos to the enclosing scope.
    fn gola_fixup(&mut self, bl: super::Scope) -> PResult<()> {
        let end = self.vstack.len();
        for i in bl.vstart..end {
            let v = self.vstack[i];
            if v.name == VarName::Dead {
                continue;
            }
            match v.kind {
                VarKind::Label => {
                    self.vstack[i].name = VarName::Dead;
                    for g in i + 1..end {
                        let vg = self.vstack[g];
                        if vg.name == v.name && vg.kind == VarKind::Goto {
                            if bl.flags & SCOPE_UPVAL != 0 && vg.slot > v.slot {
                                self.gola_close(g)?;
                            }
                            self.gola_patch(g, v)?;
                        }
                    }
                }
                VarKind::Goto => {
                    if let Some(outer) = self.fs().scopes.last_mut() {
                        outer.flags |= match v.name {
                            VarName::Break => SCOPE_BREAK,
                            VarName::Cont => SCOPE_CONT,
                            _ => SCOPE_GOLA,
                        };
                        self.vstack[i].slot = bl.nactvar;
                        if bl.flags & SCOPE_UPVAL != 0 {
                            self.gola_close(i)?;
                        }
                    } else {
                        self.lx.line = self.fsr().lines[v.startpc as usize];
                        let msg = match v.name {
                            VarName::Break => "no loop to break".to_string(),
                            VarName::Cont => "no loop to continue".to_string(),
                            VarName::Str(sid) => {
                                format!("undefined label '{}'", String::from_utf8_lossy(&self.strings[sid as usize]))
                            }
                            _ => String::new(),
                        };
                        return Err(self.lx.error(None, &msg));
                    }
                }
                VarKind::Local => {}
            }
        }
        Ok(())
    }

    fn gola_findlabel(&self, sid: u32) -> Option<usize> {
        let vstart = self.fsr().scopes.last().map_or(0, |s| s.vstart);
        (vstart..self.vstack.len())
            .find(|&i| self.vstack[i].name == VarName::Str(sid) && self.vstack[i].kind == VarKind::Label)
    }

    // -- Statements ----------------------------------------------------------

    /// A block's statements.
    pub(super) fn parse_chunk(&mut self) -> PResult<()> {
        self.level += 1;
        if self.level >= MAX_XLEVEL {
            return Err(self.lx.error(None, "chunk has too many syntax levels"));
        }
        let mut islast = false;
        while !islast && !is_block_end(self.lx.tok) {
            islast = self.parse_stmt()?;
            self.opt(Tok::Char(b';'))?;
            let fs = self.fs();
            fs.freereg = fs.nactvar;
        }
        self.level -= 1;
        Ok(())
    }

    /// One statement; true if it must be the last of its block.
    /// One statement; true if it must be the last of its block. Blocks
    /// recurse through here: each arm is a single call so the frame stays
    /// small.
    fn parse_stmt(&mut self) -> PResult<bool> {
        let line = self.lx.line;
        let result = match self.lx.tok {
            Tok::If => self.parse_if(line),
            Tok::While => self.parse_while(line),
            Tok::Do => self.parse_do(line),
            Tok::For => self.parse_for(line),
            Tok::Repeat => self.parse_repeat(line),
            Tok::Function => self.parse_func(line),
            Tok::Local => self.parse_local(false),
            Tok::Const => self.parse_const_or_call(),
            Tok::Return => return self.parse_return(0).map(|_| true),
            Tok::Break => return self.parse_break().map(|_| true),
            Tok::Continue => return self.parse_continue_or_call(),
            Tok::Label => self.parse_label(),
            Tok::Goto => self.parse_goto_or_call(),
            _ => self.parse_call_assign(),
        };
        result.map(|_| false)
    }

    /// `const` declares constants only when a name or `function` follows.
    fn parse_const_or_call(&mut self) -> PResult<()> {
        let ahead = self.lx.peek()?;
        if is_name(ahead) || ahead == Tok::Function {
            self.parse_local(true)
        } else {
            self.parse_call_assign()
        }
    }

    /// `continue` is a statement only at the end of a block; returns
    /// whether it was one (then it must be the last statement).
    fn parse_continue_or_call(&mut self) -> PResult<bool> {
        if !is_block_end(self.lx.peek()?) {
            self.parse_call_assign()?;
            return Ok(false);
        }
        self.next()?;
        self.fs().scope().flags |= SCOPE_CONT;
        let j = self.emit_jmp()?;
        self.gola_new(VarName::Cont, VarKind::Goto, j)?;
        Ok(true)
    }

    fn parse_do(&mut self, line: u32) -> PResult<()> {
        self.next()?;
        self.parse_block()?;
        self.match_tok(Tok::End, Tok::Do, line)
    }

    /// `goto` is a statement only when a name follows (a soft keyword).
    fn parse_goto_or_call(&mut self) -> PResult<()> {
        let ahead = self.lx.peek()?;
        if is_name(ahead) {
            self.next()?;
            self.parse_goto()
        } else {
            self.parse_call_assign()
        }
    }

    fn parse_block(&mut self) -> PResult<()> {
        self.scope_begin(0);
        self.parse_chunk()?;
        self.scope_end()
    }

    fn parse_call_assign(&mut self) -> PResult<()> {
        let (mut v, xpc) = self.expr_primary_nav(EXPR_NORES)?;
        if v.k == ExpKind::Call {
            self.fs().set_b(v.info, 1);
        } else {
            // `?.` cannot start a multiple assignment.
            if xpc != NO_JMP && self.lx.tok == Tok::Char(b',') {
                return Err(self.err_syntax("syntax error"));
            }
            if !self.parse_compound(&mut v)? {
                self.parse_assignment(v)?;
            }
        }
        if xpc != NO_JMP {
            self.jmp_tohere(xpc)?;
        }
        Ok(())
    }

    /// `target op= expr` for the operators up to `~=` in LuaJIT's order
    /// (`~=` is xor assignment) except `^`; false if this is not one.
    /// Target and key are evaluated once.
    fn parse_compound(&mut self, e: &mut ExpDesc) -> PResult<bool> {
        if !(ExpKind::Local <= e.k && e.k <= ExpKind::Indexed) {
            return Ok(false);
        }
        let mut opr = match BinOpr::from_tok(self.lx.tok) {
            Some(o) if o <= BinOpr::Ne && o != BinOpr::Pow => o,
            _ => return Ok(false),
        };
        self.var_assign(e)?;
        if opr == BinOpr::Ne {
            if self.lx.tok != Tok::Ne {
                return Err(self.lx.error(Some(Tok::Char(b'!')), "'=' expected"));
            }
            opr = BinOpr::Bxor;
        } else {
            // The '=' must follow the operator directly: `+=`, not `+ =`.
            if self.lx.current_char() != b'=' as i32 {
                return Err(self.err_token(Tok::Char(b'=')));
            }
            self.next()?;
        }
        self.next()?;
        let store = *e;
        if e.k == ExpKind::Indexed {
            // Keep the table and key registers for the store.
            let freg = self.fsr().freereg;
            self.expr_discharge(e)?;
            self.fs().freereg = freg;
        }
        if opr == BinOpr::Concat {
            self.expr_tonextreg(e)?;
        } else {
            self.expr_toanyreg(e)?;
        }
        let mut v = self.expr()?;
        self.emit_binop(opr, e, &mut v)?;
        self.emit_store(&store, e)?;
        Ok(true)
    }

    /// `a, b.c, d[e] = explist`: the targets are collected first, then the
    /// values are stored right to left, as LuaJIT's recursive version does.
    fn parse_assignment(&mut self, first: ExpDesc) -> PResult<()> {
        let mut lhs = vec![first];
        loop {
            let last = lhs[lhs.len() - 1];
            if !(ExpKind::Local <= last.k && last.k <= ExpKind::Indexed) {
                return Err(self.err_syntax("syntax error"));
            }
            self.var_assign(&last)?;
            if !self.opt(Tok::Char(b','))? {
                break;
            }
            let v = self.expr_primary(EXPR_NONAV)?;
            if v.k == ExpKind::Local {
                self.assign_hazard(&mut lhs, &v)?;
            }
            let nvars = lhs.len() as u32;
            if self.level + nvars >= MAX_XLEVEL {
                return Err(self.err_limit(MAX_XLEVEL, "variable names"));
            }
            lhs.push(v);
        }
        self.check(Tok::Char(b'='))?;
        let nvars = lhs.len() as u32;
        let (nexps, mut e) = self.expr_list()?;
        let mut rest = lhs.len();
        if nexps == nvars {
            if e.k == ExpKind::Call {
                if self.fsr().op_at(e.info) == Op::VARG {
                    self.fs().freereg -= 1;
                    e.k = ExpKind::Relocable;
                } else {
                    e.info = e.aux;
                    e.k = ExpKind::NonReloc;
                }
            }
            let last = lhs[rest - 1];
            self.emit_store(&last, &mut e)?;
            rest -= 1;
        } else {
            self.assign_adjust(nvars, nexps, &mut e)?;
        }
        while rest > 0 {
            let var = lhs[rest - 1];
            let mut e = ExpDesc::new(ExpKind::NonReloc, self.fsr().freereg - 1);
            self.emit_store(&var, &mut e)?;
            rest -= 1;
        }
        Ok(())
    }

    /// `t[i], t = ...` and `t[i], i = ...`: copy a local that an earlier
    /// target indexes with before it is overwritten.
    fn assign_hazard(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> PResult<()> {
        let reg = v.info;
        let tmp = self.fsr().freereg;
        let mut hazard = false;
        for lh in lhs.iter_mut().rev() {
            if lh.k == ExpKind::Indexed {
                if lh.info == reg {
                    hazard = true;
                    lh.info = tmp;
                }
                if lh.aux == reg {
                    hazard = true;
                    lh.aux = tmp;
                }
            }
        }
        if hazard {
            self.emit_ad(Op::MOV, tmp, reg)?;
            self.bcreg_reserve(1)?;
        }
        Ok(())
    }

    /// Adjusts `nexps` values (last one `e`, still open) to `nvars`.
    fn assign_adjust(&mut self, nvars: u32, nexps: u32, e: &mut ExpDesc) -> PResult<()> {
        let mut extra = nvars as i32 - nexps as i32;
        if e.k == ExpKind::Call || e.k == ExpKind::CallNav {
            extra += 1;
            if extra < 0 {
                extra = 0;
            }
            self.fs().set_b(e.info, (extra + 1) as u32);
            if extra > 1 {
                self.bcreg_reserve((extra - 1) as u32)?;
            }
            if e.k == ExpKind::CallNav {
                // CALL, JMP, KPRI: the skipped path sets as many nils.
                let base = e.aux;
                self.fs().set_a(e.info + 1, base + extra as u32);
                if extra > 1 {
                    self.fs().code[e.info as usize + 2] =
                        Ins::ad(Op::KNIL, base as u8, (base + extra as u32 - 1) as u16);
                }
            }
        } else {
            if e.k != ExpKind::Void {
                self.expr_tonextreg(e)?;
            }
            if extra > 0 {
                let reg = self.fsr().freereg;
                self.bcreg_reserve(extra as u32)?;
                self.emit_nil(reg, extra as u32)?;
            }
        }
        if nexps > nvars {
            self.fs().freereg -= nexps - nvars;
        }
        Ok(())
    }

    /// `local ...` or (`konst`) `const ...`.
    fn parse_local(&mut self, konst: bool) -> PResult<()> {
        self.next()?;
        if self.opt(Tok::Function)? {
            self.parse_local_function(konst)
        } else {
            self.parse_local_vars(konst)
        }
    }

    fn parse_local_function(&mut self, konst: bool) -> PResult<()> {
        let sid = self.str_checkname()?;
        let vidx = self.var_new(0, VarName::Str(sid))?;
        self.vstack[vidx].konst = konst;
        let reg = self.fsr().freereg;
        let mut v = ExpDesc::new(ExpKind::Local, reg);
        v.aux = vidx as u32;
        self.bcreg_reserve(1)?;
        self.var_add(1);
        let line = self.lx.line;
        let mut b = self.parse_body(false, line)?;
        self.expr_free(&b);
        self.expr_toreg(&mut b, v.info)?;
        // The upvalue is in scope, but the local is valid after the store.
        let n = self.fsr().nactvar - 1;
        let vi = self.fsr().varmap[n as usize];
        self.vstack[vi].startpc = self.fsr().pc();
        Ok(())
    }

    fn parse_local_vars(&mut self, konst: bool) -> PResult<()> {
        let mut nvars = 0;
        loop {
            let sid = self.str_checkname()?;
            let vidx = self.var_new(nvars, VarName::Str(sid))?;
            self.vstack[vidx].konst = konst;
            nvars += 1;
            if !self.opt(Tok::Char(b','))? {
                break;
            }
        }
        let (nexps, mut e) =
            if self.opt(Tok::Char(b'='))? { self.expr_list()? } else { (0, ExpDesc::new(ExpKind::Void, 0)) };
        self.assign_adjust(nvars, nexps, &mut e)?;
        self.var_add(nvars);
        Ok(())
    }

    fn parse_func(&mut self, line: u32) -> PResult<()> {
        self.next()?;
        let sid = self.str_checkname()?;
        let mut v = self.var_lookup(sid)?;
        while self.opt(Tok::Char(b'.'))? {
            self.expr_field(&mut v)?;
        }
        let mut needself = false;
        if self.opt(Tok::Char(b':'))? {
            needself = true;
            self.expr_field(&mut v)?;
        }
        self.var_assign(&v)?;
        let mut b = self.parse_body(needself, line)?;
        self.emit_store(&v, &mut b)?;
        let pc = self.fsr().pc() - 1;
        self.fs().lines[pc as usize] = line;
        Ok(())
    }

    /// A `return` statement, or with `EXPR_RET1` the body of a short
    /// function: exactly one expression, no `return` keyword.
    pub(super) fn parse_return(&mut self, eflags: u8) -> PResult<()> {
        if eflags & EXPR_RET1 == 0 {
            self.next()?;
        }
        self.fs().has_return = true;
        let ins;
        if eflags & EXPR_RET1 == 0 && (is_block_end(self.lx.tok) || self.lx.tok == Tok::Char(b';')) {
            ins = Ins::ad(Op::RET0, 0, 1);
        } else {
            let (nret, mut e) = if eflags & EXPR_RET1 != 0 { self.return_one(eflags)? } else { self.expr_list()? };
            if nret == 1 {
                if e.k == ExpKind::Call && self.fsr().op_at(e.info) != Op::VARG {
                    let call = self.fsr().code[e.info as usize];
                    self.fs().code.pop();
                    self.fs().lines.pop();
                    let op = if call.op() == Op::CALLM { Op::CALLMT } else { Op::CALLT };
                    ins = Ins::ad(op, call.a(), call.c() as u16);
                } else if e.k == ExpKind::Call {
                    // `return ...`: all varargs.
                    self.fs().set_b(e.info, 0);
                    let nact = self.fsr().nactvar;
                    ins = Ins::ad(Op::RETM, nact as u8, (e.aux - nact) as u16);
                } else {
                    let r = self.expr_toanyreg(&mut e)?;
                    ins = Ins::ad(Op::RET1, r as u8, 2);
                }
            } else if e.k == ExpKind::Call {
                self.fs().set_b(e.info, 0);
                let nact = self.fsr().nactvar;
                ins = Ins::ad(Op::RETM, nact as u8, (e.aux - nact) as u16);
            } else {
                self.expr_tonextreg(&mut e)?;
                let nact = self.fsr().nactvar;
                ins = Ins::ad(Op::RET, nact as u8, (nret + 1) as u16);
            }
        }
        if self.fsr().has_child {
            self.emit_aj(Op::UCLO, 0, 0)?;
        }
        self.emit(ins)?;
        Ok(())
    }

    /// The single expression of a short function's body.
    #[inline(never)]
    fn return_one(&mut self, eflags: u8) -> PResult<(u32, ExpDesc)> {
        Ok((1, self.expr_flags(eflags)?))
    }

    fn parse_break(&mut self) -> PResult<()> {
        self.next()?;
        self.break_jump()
    }

    /// A pending jump to the end of the innermost loop.
    fn break_jump(&mut self) -> PResult<()> {
        self.fs().scope().flags |= SCOPE_BREAK;
        let j = self.emit_jmp()?;
        self.gola_new(VarName::Break, VarKind::Goto, j)?;
        Ok(())
    }

    fn parse_goto(&mut self) -> PResult<()> {
        let sid = self.str_checkname()?;
        if let Some(l) = self.gola_findlabel(sid) {
            // A backward goto within the scope is like a loop.
            let slot = self.vstack[l].slot;
            self.emit_aj(Op::LOOP, slot, -1)?;
        }
        self.fs().scope().flags |= SCOPE_GOLA;
        let j = self.emit_jmp()?;
        self.gola_new(VarName::Str(sid), VarKind::Goto, j)?;
        Ok(())
    }

    fn parse_label(&mut self) -> PResult<()> {
        // Labels directly following each other are parsed in a loop (LuaJIT
        // recurses, counting syntax levels).
        let mut pending = Vec::new();
        let base_level = self.level;
        loop {
            let pc = self.fsr().pc();
            self.fs().lasttarget = pc;
            self.fs().scope().flags |= SCOPE_GOLA;
            self.next()?;
            let sid = self.str_checkname()?;
            if self.gola_findlabel(sid).is_some() {
                let name = String::from_utf8_lossy(&self.strings[sid as usize]).into_owned();
                return Err(self.lx.error(None, &format!("duplicate label '{}'", name)));
            }
            let pc = self.fsr().pc();
            let idx = self.gola_new(VarName::Str(sid), VarKind::Label, pc)?;
            self.check(Tok::Label)?;
            pending.push(idx);
            if self.lx.tok != Tok::Label {
                break;
            }
            self.level += 1;
            if self.level >= MAX_XLEVEL {
                return Err(self.lx.error(None, "chunk has too many syntax levels"));
            }
        }
        self.level = base_level;
        // Trailing labels are considered outside the scope of the block's locals.
        let trailing = is_block_end(self.lx.tok) && self.lx.tok != Tok::Until;
        for &idx in pending.iter().rev() {
            if trailing {
                let n = self.fsr().scopes.last().map_or(0, |s| s.nactvar);
                self.vstack[idx].slot = n;
            }
            let vstart = self.fsr().scopes.last().map_or(0, |s| s.vstart);
            let label = self.vstack[idx];
            self.gola_resolve(vstart, label, idx)?;
        }
        Ok(())
    }

    // -- Control structures --------------------------------------------------

    fn parse_while(&mut self, line: u32) -> PResult<()> {
        self.next()?;
        let start = self.fsr().pc();
        self.fs().lasttarget = start;
        let condexit = self.expr_cond()?;
        self.scope_begin(SCOPE_LOOP);
        self.check(Tok::Do)?;
        let nact = self.fsr().nactvar;
        let lp = self.emit_ad(Op::LOOP, nact, 0)?;
        self.parse_block()?;
        let j = self.emit_jmp()?;
        self.jmp_patch(j, start)?;
        self.match_tok(Tok::End, Tok::While, line)?;
        self.scope_continue(start)?;
        self.scope_end()?;
        self.jmp_tohere(condexit)?;
        let pc = self.fsr().pc();
        self.jmp_patchins(lp, pc)
    }

    fn parse_repeat(&mut self, line: u32) -> PResult<()> {
        let lp = self.fsr().pc();
        self.fs().lasttarget = lp;
        self.scope_begin(SCOPE_LOOP);
        self.scope_begin(0);
        self.next()?;
        let nact = self.fsr().nactvar;
        self.emit_ad(Op::LOOP, nact, 0)?;
        self.parse_chunk()?;
        self.match_tok(Tok::Until, Tok::Repeat, line)?;
        let here = self.fsr().pc();
        self.scope_continue(here)?;
        let mut condexit = self.expr_cond()?;
        let inner_upval = self.fsr().scopes.last().is_some_and(|s| s.flags & SCOPE_UPVAL != 0);
        if !inner_upval {
            self.scope_end()?;
        } else {
            // cond: UCLO+JMP out; !cond: UCLO+JMP back to the loop.
            self.break_jump()?;
            self.jmp_tohere(condexit)?;
            self.scope_end()?;
            condexit = self.emit_jmp()?;
        }
        self.jmp_patch(condexit, lp)?;
        let pc = self.fsr().pc();
        self.jmp_patchins(lp, pc)?;
        self.scope_end()
    }

    fn parse_for_num(&mut self, varname: u32, line: u32) -> PResult<()> {
        let base = self.fsr().freereg;
        self.var_new(0, VarName::Hidden("(for index)"))?;
        self.var_new(1, VarName::Hidden("(for limit)"))?;
        self.var_new(2, VarName::Hidden("(for step)"))?;
        self.var_new(3, VarName::Str(varname))?;
        self.check(Tok::Char(b'='))?;
        self.expr_next()?;
        self.check(Tok::Char(b','))?;
        self.expr_next()?;
        if self.opt(Tok::Char(b','))? {
            self.expr_next()?;
        } else {
            let r = self.fsr().freereg;
            self.emit_ad(Op::KSHORT, r, 1)?;
            self.bcreg_reserve(1)?;
        }
        self.var_add(3);
        self.check(Tok::Do)?;
        let lp = self.emit_aj(Op::FORI, base, -1)?;
        self.scope_begin(0);
        self.var_add(1);
        self.bcreg_reserve(1)?;
        self.parse_block()?;
        self.scope_end()?;
        let here = self.fsr().pc();
        self.scope_continue(here)?;
        let loopend = self.emit_aj(Op::FORL, base, -1)?;
        self.fs().lines[loopend as usize] = line;
        self.jmp_patchins(loopend, lp + 1)?;
        let pc = self.fsr().pc();
        self.jmp_patchins(lp, pc)
    }

    /// Whether LuaJIT would specialise a generic `for` for `next`: its
    /// expression list starts by reading a local, upvalue or global named
    /// `pairs` or `next`.
    fn predict_next(&self, exprpc: u32) -> bool {
        let fs = self.fsr();
        let ins = fs.code[exprpc as usize];
        let d = ins.d() as usize;
        let name = match ins.op() {
            Op::MOV if (d as u32) < fs.nactvar => self.vstack[fs.varmap[d]].name,
            Op::UGET => match fs.uvmap.get(d) {
                Some(&vidx) => self.vstack[vidx].name,
                None => return false,
            },
            Op::GGET => match fs.kgc.get(d) {
                Some(super::func::KgcSlot::Str(sid)) => VarName::Str(*sid),
                _ => return false,
            },
            _ => return false,
        };
        match name {
            VarName::Str(sid) => matches!(&self.strings[sid as usize][..], b"pairs" | b"next"),
            _ => false,
        }
    }

    fn parse_for_iter(&mut self, indexname: u32) -> PResult<()> {
        let base = self.fsr().freereg + 3;
        self.var_new(0, VarName::Hidden("(for generator)"))?;
        self.var_new(1, VarName::Hidden("(for state)"))?;
        self.var_new(2, VarName::Hidden("(for control)"))?;
        self.var_new(3, VarName::Str(indexname))?;
        let mut nvars = 4;
        while self.opt(Tok::Char(b','))? {
            let sid = self.str_checkname()?;
            self.var_new(nvars, VarName::Str(sid))?;
            nvars += 1;
        }
        self.check(Tok::In)?;
        let line = self.lx.line;
        let exprpc = self.fsr().pc();
        let (nexps, mut e) = self.expr_list()?;
        self.assign_adjust(3, nexps, &mut e)?;
        // The iterator call needs 4 more slots (function, frame link, state,
        // control).
        self.bcreg_bump(4)?;
        let isnext = nvars <= 5 && self.fsr().pc() > exprpc && self.predict_next(exprpc);
        self.var_add(3);
        self.check(Tok::Do)?;
        let lp = self.emit_aj(Op::JMP, base, -1)?;
        if isnext {
            self.fs().next_loops.push(lp);
        }
        self.scope_begin(0);
        self.var_add(nvars - 3);
        self.bcreg_reserve(nvars - 3)?;
        self.parse_block()?;
        self.scope_end()?;
        let pc = self.fsr().pc();
        self.jmp_patchins(lp, pc)?;
        self.scope_continue(pc)?;
        let iterc = self.emit_abc(Op::ITERC, base, nvars - 3 + 1, 3)?;
        let loopend = self.emit_aj(Op::ITERL, base, -1)?;
        self.fs().lines[iterc as usize] = line;
        self.fs().lines[loopend as usize] = line;
        self.jmp_patchins(loopend, lp + 1)
    }

    fn parse_for(&mut self, line: u32) -> PResult<()> {
        self.scope_begin(SCOPE_LOOP);
        self.next()?;
        let varname = self.str_checkname()?;
        match self.lx.tok {
            Tok::Char(b'=') => self.parse_for_num(varname, line)?,
            Tok::Char(b',') | Tok::In => self.parse_for_iter(varname)?,
            _ => return Err(self.err_syntax("'=' or 'in' expected")),
        }
        self.match_tok(Tok::End, Tok::For, line)?;
        self.scope_end()
    }

    fn parse_then(&mut self) -> PResult<u32> {
        self.next()?;
        let condexit = self.expr_cond()?;
        self.check(Tok::Then)?;
        self.parse_block()?;
        Ok(condexit)
    }

    fn parse_if(&mut self, line: u32) -> PResult<()> {
        let mut escapelist = NO_JMP;
        let mut flist = self.parse_then()?;
        while self.lx.tok == Tok::Elseif {
            let j = self.emit_jmp()?;
            self.jmp_append(&mut escapelist, j)?;
            self.jmp_tohere(flist)?;
            flist = self.parse_then()?;
        }
        if self.lx.tok == Tok::Else {
            let j = self.emit_jmp()?;
            self.jmp_append(&mut escapelist, j)?;
            self.jmp_tohere(flist)?;
            self.next()?;
            self.parse_block()?;
        } else {
            self.jmp_append(&mut escapelist, flist)?;
        }
        self.jmp_tohere(escapelist)?;
        self.match_tok(Tok::End, Tok::If, line)
    }
}

//! Per-function compiler state: registers, constants, jump lists and the
//! instruction emitter, plus discharging expressions into registers.
//!
//! This follows LuaJIT's single-pass code generator step for step, since
//! the goal is the same bytecode, register for register.

use std::collections::HashMap;

use super::{ExpDesc, ExpKind, Parser, NO_JMP};
use crate::bytecode::{Ins, Op, JUMP_BIAS, NO_REG};
use crate::lex::SyntaxError;
use crate::proto::{GcConst, TemplateTable, UpvalSource};

/// Most slots a frame may use.
pub(super) const MAX_SLOTS: u32 = 250;
/// Most active local variables per function.
pub(super) const MAX_LOCVAR: u32 = 200;
/// Most upvalues per function.
pub(super) const MAX_UPVAL: u32 = 60;
/// Largest C (8-bit) operand.
pub(super) const MAX_C: u32 = 0xff;
/// Largest D (16-bit) operand.
pub(super) const MAX_D: u32 = 0xffff;

pub(super) type PResult<T> = Result<T, SyntaxError>;

/// Scope flags.
pub(super) const SCOPE_LOOP: u8 = 0x01;
pub(super) const SCOPE_BREAK: u8 = 0x02;
pub(super) const SCOPE_GOLA: u8 = 0x04;
pub(super) const SCOPE_UPVAL: u8 = 0x08;
pub(super) const SCOPE_NOCLOSE: u8 = 0x10;
/// `continue` used in the scope.
pub(super) const SCOPE_CONT: u8 = 0x20;

/// A lexical block.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scope {
    /// First variable-stack entry of the block.
    pub vstart: usize,
    /// Active variables outside the block.
    pub nactvar: u32,
    pub flags: u8,
}

/// Where a new closure's upvalue comes from, before slots are final.
#[derive(Clone, Copy, Debug)]
pub(super) enum UvFrom {
    /// A variable-stack entry that is a local of the parent.
    Local(usize),
    /// An upvalue of the parent.
    Upval(u32),
}

/// A GC constant slot; tables are filled in when their constructor ends.
#[derive(Clone, Debug)]
pub(super) enum KgcSlot {
    Str(u32),
    Proto(Box<crate::proto::ProtoDef>),
    Table(TemplateTable),
}

pub(super) struct FuncState {
    pub code: Vec<Ins>,
    pub lines: Vec<u32>,
    pub knum: Vec<f64>,
    /// Number constant slots by (bits, is TSETM start index).
    knum_index: HashMap<(u64, bool), u32>,
    pub kgc: Vec<KgcSlot>,
    kstr_index: HashMap<u32, u32>,
    /// Position of the last jump target.
    pub lasttarget: u32,
    /// Pending jumps to the next instruction.
    pub jpc: u32,
    pub freereg: u32,
    pub nactvar: u32,
    pub linedefined: u32,
    /// Start of this function's variable-stack entries.
    pub vbase: usize,
    pub numparams: u32,
    pub framesize: u32,
    pub is_vararg: bool,
    pub has_return: bool,
    pub has_child: bool,
    pub fixup_return: bool,
    /// Variable-stack entry of each active local, by slot.
    pub varmap: Vec<usize>,
    /// Variable-stack entry each upvalue refers to.
    pub uvmap: Vec<usize>,
    pub uvfrom: Vec<UvFrom>,
    /// `uvfrom` of each finished child, in creation order: whether their
    /// upvalues are immutable is known only when this function finishes.
    pub child_uvfrom: Vec<Vec<UvFrom>>,
    /// See [`crate::proto::ProtoDef::next_loops`].
    pub next_loops: Vec<u32>,
    pub scopes: Vec<Scope>,
}

impl FuncState {
    pub fn new(vbase: usize, linedefined: u32) -> FuncState {
        FuncState {
            code: Vec::new(),
            lines: Vec::new(),
            knum: Vec::new(),
            knum_index: HashMap::new(),
            kgc: Vec::new(),
            kstr_index: HashMap::new(),
            lasttarget: 0,
            jpc: NO_JMP,
            freereg: 0,
            nactvar: 0,
            linedefined,
            vbase,
            numparams: 0,
            framesize: 1,
            is_vararg: false,
            has_return: false,
            has_child: false,
            fixup_return: false,
            varmap: vec![0; MAX_LOCVAR as usize + 1],
            uvmap: Vec::new(),
            uvfrom: Vec::new(),
            child_uvfrom: Vec::new(),
            next_loops: Vec::new(),
            scopes: Vec::new(),
        }
    }

    pub fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    /// Index of a number constant (one slot per distinct value).
    pub fn const_num(&mut self, n: f64) -> u32 {
        self.const_num_tagged(n, false)
    }

    /// Index of a TSETM start index. LuaJIT stores these biased by 2^52,
    /// so they never share a slot with an ordinary number; keeping them
    /// apart keeps the constant numbering the same as LuaJIT's.
    pub fn const_tsetm_index(&mut self, n: f64) -> u32 {
        self.const_num_tagged(n, true)
    }

    fn const_num_tagged(&mut self, n: f64, tsetm: bool) -> u32 {
        // LuaJIT keys constants by value in a table, where -0 and 0 collide.
        let key = (if n == 0.0 { 0u64 } else { n.to_bits() }, tsetm);
        if let Some(&i) = self.knum_index.get(&key) {
            return i;
        }
        let i = self.knum.len() as u32;
        self.knum.push(n);
        self.knum_index.insert(key, i);
        i
    }

    /// Index of a string constant (interned string id `sid`).
    pub fn const_str(&mut self, sid: u32) -> u32 {
        if let Some(&i) = self.kstr_index.get(&sid) {
            return i;
        }
        let i = self.kgc.len() as u32;
        self.kgc.push(KgcSlot::Str(sid));
        self.kstr_index.insert(sid, i);
        i
    }

    /// A fresh GC constant slot (prototypes and template tables).
    pub fn const_new(&mut self, k: KgcSlot) -> u32 {
        let i = self.kgc.len() as u32;
        self.kgc.push(k);
        i
    }

    pub fn scope(&mut self) -> &mut Scope {
        let n = self.scopes.len();
        &mut self.scopes[n - 1]
    }

    // -- Instruction fields, addressed by pc ------------------------------

    pub fn op_at(&self, pc: u32) -> Op {
        self.code[pc as usize].op()
    }
    pub fn a_at(&self, pc: u32) -> u32 {
        self.code[pc as usize].a() as u32
    }
    pub fn d_at(&self, pc: u32) -> u32 {
        self.code[pc as usize].d() as u32
    }
    pub fn set_a(&mut self, pc: u32, a: u32) {
        self.code[pc as usize].set_a(a as u8);
    }
    pub fn set_b(&mut self, pc: u32, b: u32) {
        let ins = &mut self.code[pc as usize];
        ins.0 = (ins.0 & 0x00ff_ffff) | (b & 0xff) << 24;
    }
    pub fn set_d(&mut self, pc: u32, d: u32) {
        self.code[pc as usize].set_d(d as u16);
    }
    pub fn set_op(&mut self, pc: u32, op: Op) {
        self.code[pc as usize].set_op(op);
    }

    /// Next element of a jump list threaded through the jumps' D fields.
    pub fn jmp_next(&self, pc: u32) -> u32 {
        let delta = self.d_at(pc) as i64 - JUMP_BIAS as i64;
        if delta == -1 {
            NO_JMP
        } else {
            (pc as i64 + 1 + delta) as u32
        }
    }

    /// Does some jump on the list produce no value (needs a KPRI pair)?
    pub fn jmp_novalue(&self, mut list: u32) -> bool {
        while list != NO_JMP {
            let p = self.code[if list >= 1 { list - 1 } else { list } as usize];
            if !(p.op() == Op::ISTC || p.op() == Op::ISFC || p.a() as u32 == NO_REG as u32) {
                return true;
            }
            list = self.jmp_next(list);
        }
        false
    }

    /// Sets the register a test before jump `pc` stores to.
    pub fn jmp_patchtestreg(&mut self, pc: u32, reg: u32) -> bool {
        let ip = if pc >= 1 { pc - 1 } else { pc };
        let ins = self.code[ip as usize];
        let op = ins.op();
        if op == Op::ISTC || op == Op::ISFC {
            if reg != NO_REG as u32 && reg != ins.d() as u32 {
                self.set_a(ip, reg);
            } else {
                // Nothing to store or already in place: plain test.
                self.set_op(ip, if op == Op::ISTC { Op::IST } else { Op::ISF });
                self.set_a(ip, 0);
            }
        } else if ins.a() as u32 == NO_REG as u32 {
            if reg == NO_REG as u32 {
                let a = self.a_at(pc);
                self.code[ip as usize] = Ins::ad(Op::JMP, a as u8, JUMP_BIAS as u16);
            } else {
                self.set_a(ip, reg);
                if reg >= self.a_at(ip + 1) {
                    self.set_a(ip + 1, reg + 1);
                }
            }
        } else {
            return false;
        }
        true
    }

    pub fn jmp_dropval(&mut self, mut list: u32) {
        while list != NO_JMP {
            self.jmp_patchtestreg(list, NO_REG as u32);
            list = self.jmp_next(list);
        }
    }
}

impl<'a> Parser<'a> {
    /// The function being compiled (innermost).
    pub(super) fn fs(&mut self) -> &mut FuncState {
        let n = self.funcs.len();
        &mut self.funcs[n - 1]
    }
    /// The function being compiled, read-only.
    pub(super) fn fsr(&self) -> &FuncState {
        &self.funcs[self.funcs.len() - 1]
    }

    pub(super) fn err_syntax(&self, msg: &str) -> SyntaxError {
        self.lx.error(Some(self.lx.tok), msg)
    }

    /// `function or expression too complex` style limit errors.
    pub(super) fn err_limit(&self, limit: u32, what: &str) -> SyntaxError {
        let line = self.fsr().linedefined;
        let msg = if line == 0 {
            format!("main function has more than {} {}", limit, what)
        } else {
            format!("function at line {} has more than {} {}", line, limit, what)
        };
        self.lx.error(None, &msg)
    }

    // -- Jumps -----------------------------------------------------------

    /// Points the jump at `pc` to `dest`.
    pub(super) fn jmp_patchins(&mut self, pc: u32, dest: u32) -> PResult<()> {
        let offset = dest as i64 - (pc as i64 + 1) + JUMP_BIAS as i64;
        if !(0..=MAX_D as i64).contains(&offset) {
            return Err(self.err_syntax("control structure too long"));
        }
        self.fs().set_d(pc, offset as u32);
        Ok(())
    }

    /// Appends jump list `l2` to the list `l1`.
    pub(super) fn jmp_append(&mut self, l1: &mut u32, l2: u32) -> PResult<()> {
        if l2 == NO_JMP {
            return Ok(());
        }
        if *l1 == NO_JMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1;
        loop {
            let next = self.fsr().jmp_next(list);
            if next == NO_JMP {
                break;
            }
            list = next;
        }
        self.jmp_patchins(list, l2)
    }

    /// Patches a jump list: jumps whose test can store the value into `reg`
    /// go to `vtarget`, the others to `dtarget`.
    pub(super) fn jmp_patchval(&mut self, mut list: u32, vtarget: u32, reg: u32, dtarget: u32) -> PResult<()> {
        while list != NO_JMP {
            let next = self.fsr().jmp_next(list);
            if self.fs().jmp_patchtestreg(list, reg) {
                self.jmp_patchins(list, vtarget)?;
            } else {
                self.jmp_patchins(list, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Makes the jumps of `list` target the next instruction emitted.
    pub(super) fn jmp_tohere(&mut self, list: u32) -> PResult<()> {
        let pc = self.fsr().pc();
        self.fs().lasttarget = pc;
        let mut jpc = self.fsr().jpc;
        self.jmp_append(&mut jpc, list)?;
        self.fs().jpc = jpc;
        Ok(())
    }

    /// Makes the jumps of `list` target `target` (here or backwards).
    pub(super) fn jmp_patch(&mut self, list: u32, target: u32) -> PResult<()> {
        if target == self.fsr().pc() {
            self.jmp_tohere(list)
        } else {
            self.jmp_patchval(list, target, NO_REG as u32, target)
        }
    }

    // -- Registers -------------------------------------------------------

    /// Grows the frame to hold `n` more registers above the free one.
    pub(super) fn bcreg_bump(&mut self, n: u32) -> PResult<()> {
        let sz = self.fsr().freereg + n;
        if sz > self.fsr().framesize {
            if sz >= MAX_SLOTS {
                return Err(self.err_syntax("function or expression too complex"));
            }
            self.fs().framesize = sz;
        }
        Ok(())
    }

    /// Allocates `n` registers.
    pub(super) fn bcreg_reserve(&mut self, n: u32) -> PResult<()> {
        self.bcreg_bump(n)?;
        self.fs().freereg += n;
        Ok(())
    }

    /// Frees a temporary register (locals are never freed here).
    pub(super) fn bcreg_free(&mut self, reg: u32) {
        let fs = self.fs();
        if reg >= fs.nactvar {
            fs.freereg -= 1;
        }
    }

    /// Frees the register of a temporary value.
    pub(super) fn expr_free(&mut self, e: &ExpDesc) {
        if e.k == ExpKind::NonReloc {
            self.bcreg_free(e.info);
        }
    }

    // -- Emitting --------------------------------------------------------

    /// Emits an instruction at the line of the last consumed token; pending
    /// jumps to here are resolved first.
    pub(super) fn emit(&mut self, ins: Ins) -> PResult<u32> {
        let pc = self.fsr().pc();
        let jpc = self.fsr().jpc;
        self.jmp_patchval(jpc, pc, NO_REG as u32, pc)?;
        let line = self.lx.last_line;
        let fs = self.fs();
        fs.jpc = NO_JMP;
        if pc >= (1 << 26) {
            return Err(self.err_limit(1 << 26, "bytecode instructions"));
        }
        let fs = self.fs();
        fs.code.push(ins);
        fs.lines.push(line);
        Ok(pc)
    }

    pub(super) fn emit_ad(&mut self, op: Op, a: u32, d: u32) -> PResult<u32> {
        self.emit(Ins::ad(op, a as u8, d as u16))
    }

    pub(super) fn emit_abc(&mut self, op: Op, a: u32, b: u32, c: u32) -> PResult<u32> {
        self.emit(Ins::abc(op, a as u8, b as u8, c as u8))
    }

    /// A jump-format instruction with a raw relative offset `j`.
    pub(super) fn emit_aj(&mut self, op: Op, a: u32, j: i32) -> PResult<u32> {
        self.emit(Ins::ad(op, a as u8, (j + JUMP_BIAS) as u16))
    }

    /// Emits an unconditional jump (or reuses a preceding UCLO).
    pub(super) fn emit_jmp(&mut self) -> PResult<u32> {
        let jpc = self.fsr().jpc;
        let pc = self.fsr().pc();
        let mut j = pc.wrapping_sub(1);
        self.fs().jpc = NO_JMP;
        let fs = self.fsr();
        if pc >= 1 && (j as i32) >= (fs.lasttarget as i32) && fs.op_at(j) == Op::UCLO {
            let fs = self.fs();
            fs.set_d(j, (JUMP_BIAS - 1) as u32);
            fs.lasttarget = j + 1;
        } else {
            let free = self.fsr().freereg;
            j = self.emit_aj(Op::JMP, free, -1)?;
        }
        self.jmp_append(&mut j, jpc)?;
        Ok(j)
    }

    /// Sets `n` registers from `from` to nil, merging with a previous
    /// KPRI nil / KNIL when no jump lands in between.
    pub(super) fn emit_nil(&mut self, mut from: u32, mut n: u32) -> PResult<()> {
        let fs = self.fsr();
        if fs.pc() > fs.lasttarget && fs.pc() > 0 {
            let ip = fs.pc() - 1;
            let ins = fs.code[ip as usize];
            let pfrom = ins.a() as u32;
            match ins.op() {
                Op::KPRI if ins.d() == 0 => {
                    if from == pfrom {
                        if n == 1 {
                            return Ok(());
                        }
                    } else if from == pfrom + 1 {
                        from = pfrom;
                        n += 1;
                    } else {
                        return self.emit_nil_new(from, n);
                    }
                    self.fs().code[ip as usize] = Ins::ad(Op::KNIL, from as u8, (from + n - 1) as u16);
                    return Ok(());
                }
                Op::KNIL => {
                    let pto = ins.d() as u32;
                    if pfrom <= from && from <= pto + 1 {
                        if from + n - 1 > pto {
                            self.fs().set_d(ip, from + n - 1);
                        }
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        self.emit_nil_new(from, n)
    }

    fn emit_nil_new(&mut self, from: u32, n: u32) -> PResult<()> {
        if n == 1 {
            self.emit_ad(Op::KPRI, from, 0)?;
        } else {
            self.emit_ad(Op::KNIL, from, from + n - 1)?;
        }
        Ok(())
    }

    // -- Discharging expressions ------------------------------------------

    /// Turns variables and indexing into instructions (no fixed target).
    pub(super) fn expr_discharge(&mut self, e: &mut ExpDesc) -> PResult<()> {
        let ins = match e.k {
            ExpKind::Upval => Ins::ad(Op::UGET, 0, e.info as u16),
            ExpKind::Global => {
                let k = self.fs().const_str(e.sval);
                Ins::ad(Op::GGET, 0, k as u16)
            }
            ExpKind::Indexed => {
                let rc = e.aux;
                let ins = if (rc as i32) < 0 {
                    Ins::abc(Op::TGETS, 0, e.info as u8, !rc as u8)
                } else if rc > MAX_C {
                    Ins::abc(Op::TGETB, 0, e.info as u8, (rc - (MAX_C + 1)) as u8)
                } else {
                    self.bcreg_free(rc);
                    Ins::abc(Op::TGETV, 0, e.info as u8, rc as u8)
                };
                self.bcreg_free(e.info);
                ins
            }
            ExpKind::Call | ExpKind::CallNav => {
                e.info = e.aux;
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            ExpKind::Local => {
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            _ => return Ok(()),
        };
        e.info = self.emit(ins)?;
        e.k = ExpKind::Relocable;
        Ok(())
    }

    /// Puts the value of `e` into `reg`, ignoring its jump lists.
    pub(super) fn expr_toreg_nobranch(&mut self, e: &mut ExpDesc, reg: u32) -> PResult<()> {
        self.expr_discharge(e)?;
        let ins = match e.k {
            ExpKind::KStr => {
                let k = self.fs().const_str(e.sval);
                Ins::ad(Op::KSTR, reg as u8, k as u16)
            }
            ExpKind::KNum => {
                let n = e.nval;
                let k = n as i32;
                if (-32768..=32767).contains(&k) && n == k as f64 {
                    Ins::ad(Op::KSHORT, reg as u8, k as i16 as u16)
                } else {
                    let idx = self.fs().const_num(n);
                    Ins::ad(Op::KNUM, reg as u8, idx as u16)
                }
            }
            ExpKind::Relocable => {
                self.fs().set_a(e.info, reg);
                e.info = reg;
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            ExpKind::NonReloc => {
                if reg == e.info {
                    e.k = ExpKind::NonReloc;
                    return Ok(());
                }
                Ins::ad(Op::MOV, reg as u8, e.info as u16)
            }
            ExpKind::KNil => {
                self.emit_nil(reg, 1)?;
                e.info = reg;
                e.k = ExpKind::NonReloc;
                return Ok(());
            }
            ExpKind::KFalse => Ins::ad(Op::KPRI, reg as u8, 1),
            ExpKind::KTrue => Ins::ad(Op::KPRI, reg as u8, 2),
            _ => return Ok(()), // Void or Jmp.
        };
        self.emit(ins)?;
        e.info = reg;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    /// Puts the value of `e` into `reg`, materialising conditional jumps as
    /// true/false loads where needed.
    pub(super) fn expr_toreg(&mut self, e: &mut ExpDesc, reg: u32) -> PResult<()> {
        self.expr_toreg_nobranch(e, reg)?;
        if e.k == ExpKind::Jmp {
            let mut t = e.t;
            self.jmp_append(&mut t, e.info)?;
            e.t = t;
        }
        if e.has_jump() {
            let mut jfalse = NO_JMP;
            let mut jtrue = NO_JMP;
            if self.fsr().jmp_novalue(e.t) || self.fsr().jmp_novalue(e.f) {
                let jval = if e.k == ExpKind::Jmp { NO_JMP } else { self.emit_jmp()? };
                jfalse = self.emit_ad(Op::KPRI, reg, 1)?;
                let free = self.fsr().freereg;
                self.emit_aj(Op::JMP, free, 1)?;
                jtrue = self.emit_ad(Op::KPRI, reg, 2)?;
                self.jmp_tohere(jval)?;
            }
            let jend = self.fsr().pc();
            self.fs().lasttarget = jend;
            self.jmp_patchval(e.f, jend, reg, jfalse)?;
            self.jmp_patchval(e.t, jend, reg, jtrue)?;
        }
        e.f = NO_JMP;
        e.t = NO_JMP;
        e.info = reg;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    /// Puts the value of `e` into a newly allocated register.
    pub(super) fn expr_tonextreg(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.expr_discharge(e)?;
        self.expr_free(e);
        self.bcreg_reserve(1)?;
        let r = self.fsr().freereg - 1;
        self.expr_toreg(e, r)
    }

    /// Puts the value of `e` into some register and returns it.
    pub(super) fn expr_toanyreg(&mut self, e: &mut ExpDesc) -> PResult<u32> {
        self.expr_discharge(e)?;
        if e.k == ExpKind::NonReloc {
            if !e.has_jump() {
                return Ok(e.info);
            }
            if e.info >= self.fsr().nactvar {
                let r = e.info;
                self.expr_toreg(e, r)?;
                return Ok(e.info);
            }
        }
        self.expr_tonextreg(e)?;
        Ok(e.info)
    }

    /// Makes `e` a value (a constant may stay a constant).
    pub(super) fn expr_toval(&mut self, e: &mut ExpDesc) -> PResult<()> {
        if e.has_jump() {
            self.expr_toanyreg(e)?;
            Ok(())
        } else {
            self.expr_discharge(e)
        }
    }

    /// Stores `e` into the assignable `var`.
    pub(super) fn emit_store(&mut self, var: &ExpDesc, e: &mut ExpDesc) -> PResult<()> {
        let ins = match var.k {
            ExpKind::Local => {
                self.expr_free(e);
                return self.expr_toreg(e, var.info);
            }
            ExpKind::Upval => {
                self.expr_toval(e)?;
                match e.k {
                    ExpKind::KNil => Ins::ad(Op::USETP, var.info as u8, 0),
                    ExpKind::KFalse => Ins::ad(Op::USETP, var.info as u8, 1),
                    ExpKind::KTrue => Ins::ad(Op::USETP, var.info as u8, 2),
                    ExpKind::KStr => {
                        let k = self.fs().const_str(e.sval);
                        Ins::ad(Op::USETS, var.info as u8, k as u16)
                    }
                    ExpKind::KNum => {
                        let k = self.fs().const_num(e.nval);
                        Ins::ad(Op::USETN, var.info as u8, k as u16)
                    }
                    _ => {
                        let r = self.expr_toanyreg(e)?;
                        Ins::ad(Op::USETV, var.info as u8, r as u16)
                    }
                }
            }
            ExpKind::Global => {
                let ra = self.expr_toanyreg(e)?;
                let k = self.fs().const_str(var.sval);
                Ins::ad(Op::GSET, ra as u8, k as u16)
            }
            _ => {
                let ra = self.expr_toanyreg(e)?;
                let rc = var.aux;
                if (rc as i32) < 0 {
                    Ins::abc(Op::TSETS, ra as u8, var.info as u8, !rc as u8)
                } else if rc > MAX_C {
                    Ins::abc(Op::TSETB, ra as u8, var.info as u8, (rc - (MAX_C + 1)) as u8)
                } else {
                    Ins::abc(Op::TSETV, ra as u8, var.info as u8, rc as u8)
                }
            }
        };
        self.emit(ins)?;
        self.expr_free(e);
        Ok(())
    }

    /// `obj:name` lookup: object copied to the first argument slot.
    pub(super) fn emit_method(&mut self, e: &mut ExpDesc, key: &ExpDesc) -> PResult<()> {
        let obj = self.expr_toanyreg(e)?;
        self.expr_free(e);
        let func = self.fsr().freereg;
        self.emit_ad(Op::MOV, func + 2, obj)?;
        let idx = self.fs().const_str(key.sval);
        if idx <= MAX_C {
            self.bcreg_reserve(3)?;
            self.emit_abc(Op::TGETS, func, obj, idx)?;
        } else {
            self.bcreg_reserve(4)?;
            self.emit_ad(Op::KSTR, func + 3, idx)?;
            self.emit_abc(Op::TGETV, func, obj, func + 3)?;
            self.fs().freereg -= 1;
        }
        e.info = func;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    // -- Branches ----------------------------------------------------------

    /// Negates the comparison before the jump of `e` (opcodes pair up).
    fn invertcond(&mut self, e: &ExpDesc) {
        let pc = e.info - 1;
        let op = self.fsr().op_at(pc);
        self.fs().set_op(pc, Op::ALL[(op as usize) ^ 1]);
    }

    /// A test-and-jump on the value of `e`: jumps when it is `cond`.
    fn emit_branch(&mut self, e: &mut ExpDesc, cond: bool) -> PResult<u32> {
        if e.k == ExpKind::Relocable {
            let pc = e.info;
            if self.fsr().op_at(pc) == Op::NOT {
                let d = self.fsr().d_at(pc);
                self.fs().code[pc as usize] = Ins::ad(if cond { Op::ISF } else { Op::IST }, 0, d as u16);
                return self.emit_jmp();
            }
        }
        if e.k != ExpKind::NonReloc {
            self.bcreg_reserve(1)?;
            let r = self.fsr().freereg - 1;
            self.expr_toreg_nobranch(e, r)?;
        }
        self.emit_ad(if cond { Op::ISTC } else { Op::ISFC }, NO_REG as u32, e.info)?;
        let pc = self.emit_jmp()?;
        self.expr_free(e);
        Ok(pc)
    }

    /// Falls through when `e` is true; the false exits join `e.f`.
    pub(super) fn emit_branch_t(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.expr_discharge(e)?;
        let pc = match e.k {
            ExpKind::KStr | ExpKind::KNum | ExpKind::KTrue => NO_JMP,
            ExpKind::Jmp => {
                self.invertcond(e);
                e.info
            }
            ExpKind::KFalse | ExpKind::KNil => {
                self.expr_toreg_nobranch(e, NO_REG as u32)?;
                self.emit_jmp()?
            }
            _ => self.emit_branch(e, false)?,
        };
        let mut f = e.f;
        self.jmp_append(&mut f, pc)?;
        e.f = f;
        self.jmp_tohere(e.t)?;
        e.t = NO_JMP;
        Ok(())
    }

    /// Falls through when `e` is false; the true exits join `e.t`.
    pub(super) fn emit_branch_f(&mut self, e: &mut ExpDesc) -> PResult<()> {
        self.expr_discharge(e)?;
        let pc = match e.k {
            ExpKind::KNil | ExpKind::KFalse => NO_JMP,
            ExpKind::Jmp => e.info,
            ExpKind::KStr | ExpKind::KNum | ExpKind::KTrue => {
                self.expr_toreg_nobranch(e, NO_REG as u32)?;
                self.emit_jmp()?
            }
            _ => self.emit_branch(e, true)?,
        };
        let mut t = e.t;
        self.jmp_append(&mut t, pc)?;
        e.t = t;
        self.jmp_tohere(e.f)?;
        e.f = NO_JMP;
        Ok(())
    }

    // -- Finishing a prototype ----------------------------------------------

    /// Resolves upvalue sources of a finished child against this function.
    pub(super) fn upval_sources(&self, uvfrom: &[UvFrom]) -> Vec<UpvalSource> {
        uvfrom
            .iter()
            .map(|u| match *u {
                UvFrom::Local(vidx) => UpvalSource::ParentLocal(self.vstack[vidx].slot as u8),
                UvFrom::Upval(i) => UpvalSource::ParentUpval(i as u16),
            })
            .collect()
    }

    /// Turns GC constant slots into the prototype's constants.
    pub(super) fn kgc_to_consts(&self, kgc: Vec<KgcSlot>) -> Vec<GcConst> {
        kgc.into_iter()
            .map(|k| match k {
                KgcSlot::Str(sid) => GcConst::Str(self.strings[sid as usize].clone()),
                KgcSlot::Proto(p) => GcConst::Proto(p),
                KgcSlot::Table(t) => GcConst::Table(t),
            })
            .collect()
    }
}

//! The optimiser: passes over the trace IR, each its own module and each
//! switchable (the `-O-fold` style flags map to [`OptFlags`]).
//!
//! Folding, CSE and load forwarding run on the fly as the recorder emits
//! ([`emit`]); the others run over a finished trace. For tests on IR text,
//! [`reemit`] replays a parsed trace through the on-the-fly pipeline.

pub mod cse;
pub mod dce;
pub mod fold;
pub mod loops;
pub mod mem;
pub mod narrow;

#[cfg(test)]
pub mod filetest;
#[cfg(test)]
pub(crate) mod fold_props;
#[cfg(test)]
pub(crate) mod loop_props;
#[cfg(test)]
pub(crate) mod test_rng;

use crate::ir::{Ins, Ir, Kind, Op, Ref, Snapshot, TraceError};

/// Which optimisations run. Names as LuaJIT's `-O` flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptFlags {
    pub fold: bool,
    pub cse: bool,
    /// Load forwarding (LuaJIT's `fwd`).
    pub fwd: bool,
    pub dce: bool,
    pub loop_opt: bool,
    pub narrow: bool,
    /// Fold rules switched off by name (see [`fold::RULES`]).
    pub disabled_rules: Vec<String>,
}

impl OptFlags {
    pub fn all() -> OptFlags {
        OptFlags { fold: true, cse: true, fwd: true, dce: true, loop_opt: true, narrow: true, disabled_rules: vec![] }
    }

    pub fn none() -> OptFlags {
        OptFlags {
            fold: false,
            cse: false,
            fwd: false,
            dce: false,
            loop_opt: false,
            narrow: false,
            disabled_rules: vec![],
        }
    }

    /// LuaJIT's `-O0`..`-O3`: 1 is fold, cse, dce; 2 adds narrow and loop;
    /// 3 (the default) adds fwd.
    pub fn level(n: u8) -> OptFlags {
        let mut f = OptFlags::none();
        f.fold = n >= 1;
        f.cse = n >= 1;
        f.dce = n >= 1;
        f.narrow = n >= 2;
        f.loop_opt = n >= 2;
        f.fwd = n >= 3;
        f
    }

    /// Applies one flag as LuaJIT's `-O` option spells it: `fold`, `-fold`,
    /// `+cse`; also `-rule:NAME` for one fold rule. False if unknown.
    pub fn set(&mut self, flag: &str) -> bool {
        let (on, name) = match flag.as_bytes().first() {
            Some(b'-') => (false, &flag[1..]),
            Some(b'+') => (true, &flag[1..]),
            _ => (true, flag),
        };
        if let Some(rule) = name.strip_prefix("rule:") {
            if !fold::RULES.iter().any(|r| r.name == rule) {
                return false;
            }
            self.disabled_rules.retain(|r| r != rule);
            if !on {
                self.disabled_rules.push(rule.to_string());
            }
            return true;
        }
        let field = match name {
            "fold" => &mut self.fold,
            "cse" => &mut self.cse,
            "fwd" => &mut self.fwd,
            "dce" => &mut self.dce,
            "loop" => &mut self.loop_opt,
            "narrow" => &mut self.narrow,
            _ => return false,
        };
        *field = on;
        true
    }

    pub fn rule_enabled(&self, name: &str) -> bool {
        !self.disabled_rules.iter().any(|r| r == name)
    }
}

/// Most rewrites of one instruction before it is emitted as is (a rule may
/// hand back a new instruction that other rules then look at).
const MAX_REFOLD: usize = 16;

/// The on-the-fly pipeline behind [`Ir::emit`]: fold, then forward loads,
/// then CSE, then append.
pub fn emit(ir: &mut Ir, mut ins: Ins) -> Result<Ref, TraceError> {
    if ir.opts.narrow {
        if let Some(r) = narrow::narrow_conv(ir, &ins)? {
            return Ok(r);
        }
    }
    if ir.opts.fold {
        let mut rounds = 0;
        loop {
            match fold::fold(ir, &ins)? {
                fold::Folded::Keep => break,
                fold::Folded::To(r) => return Ok(r),
                fold::Folded::Drop => return Ok(Ref::DROP),
                fold::Folded::Retry(new) => {
                    ins = new;
                    rounds += 1;
                    if rounds >= MAX_REFOLD {
                        break;
                    }
                }
            }
        }
    }
    if ir.opts.fwd && ins.op.kind() == Kind::Load {
        if let Some(r) = mem::forward(ir, &ins) {
            return Ok(r);
        }
    }
    if ir.opts.cse && cse::eligible(&ins) {
        if let Some(r) = cse::find(ir, &ins) {
            // The guard flag is sticky: a guarded twin makes the result guarded.
            if ins.is_guard() && !ir.get(r).is_guard() && !r.is_const() {
                ir.get_mut(r).flags |= crate::ir::F_GUARD;
            }
            return Ok(r);
        }
    }
    ir.emit_raw(ins)
}

/// Maps references of one IR to another while copying.
pub struct Subst {
    map: Vec<Ref>,
}

impl Subst {
    pub fn new(src: &Ir) -> Subst {
        let mut map = vec![Ref::DROP; (src.top().0 - crate::ir::BIAS) as usize];
        map[0] = Ref::BASE;
        Subst { map }
    }

    pub fn set(&mut self, from: Ref, to: Ref) {
        self.map[(from.0 - crate::ir::BIAS) as usize] = to;
    }

    pub fn get(&self, r: Ref) -> Ref {
        if r.is_const() {
            r
        } else {
            self.map[(r.0 - crate::ir::BIAS) as usize]
        }
    }
}

/// Copies constant `r` of `src` into `dst`.
pub fn copy_const(src: &Ir, dst: &mut Ir, r: Ref) -> Ref {
    let k = src.get(r);
    match k.op {
        Op::KPRI => dst.kpri(k.ty),
        Op::KINT => dst.kint(src.int_of(r).unwrap_or(0)),
        Op::KNUM => dst.knum(src.num_of(r).unwrap_or(0.0)),
        Op::KINT64 => dst.kint64(src.u64_of(r).unwrap_or(0) as i64),
        Op::KPTR => dst.kptr(src.u64_of(r).unwrap_or(0)),
        Op::KGC => dst.kgc(src.gc_of(r).cloned().expect("KGC constant has a payload")),
        _ => r,
    }
}

/// Translates an operand of `src` into `dst` (constants copied, instructions substituted).
pub fn map_operand(src: &Ir, dst: &mut Ir, subst: &Subst, r: Ref) -> Ref {
    if r.is_const() {
        copy_const(src, dst, r)
    } else {
        subst.get(r)
    }
}

/// The instruction `r` of `src` with its reference operands translated into `dst`.
pub fn translate(src: &Ir, dst: &mut Ir, subst: &Subst, r: Ref) -> Ins {
    let mut ins = *src.get(r);
    let (m1, m2) = ins.op.modes();
    if m1 == crate::ir::Mode::Ref {
        ins.op1 = map_operand(src, dst, subst, ins.a()).0;
    }
    if m2 == crate::ir::Mode::Ref {
        ins.op2 = map_operand(src, dst, subst, ins.b()).0;
    }
    ins.prev = 0;
    ins
}

/// Copies a snapshot of `src` into `dst`, taken at the current end of `dst`.
pub fn copy_snapshot(src: &Ir, dst: &mut Ir, subst: &Subst, snap: &Snapshot) {
    let entries =
        snap.entries.iter().map(|e| crate::ir::SnapEntry { val: map_operand(src, dst, subst, e.val), ..*e }).collect();
    dst.snapshot(snap.pc, snap.nslots, entries);
    dst.snaps.last_mut().unwrap().base = snap.base;
}

/// Replays `src` through [`emit`] with `src.opts`: the folding, forwarding
/// and CSE passes as a whole-trace rewrite.
pub fn reemit(src: &Ir) -> Result<Ir, TraceError> {
    let mut dst = src.fresh();
    let mut subst = Subst::new(src);
    let mut snaps = src.snaps.iter().peekable();
    for r in src.ins_refs() {
        while let Some(s) = snaps.next_if(|s| s.at <= r) {
            copy_snapshot(src, &mut dst, &subst, s);
        }
        let ins = translate(src, &mut dst, &subst, r);
        let new = match ins.op {
            Op::NOP => Ref::DROP,
            // Control instructions keep their place.
            Op::LOOP | Op::PHI => dst.emit_raw(ins)?,
            _ => dst.emit(ins)?,
        };
        subst.set(r, new);
    }
    for s in snaps {
        copy_snapshot(src, &mut dst, &subst, s);
    }
    Ok(dst)
}

/// The whole optimiser on a recorded trace, in LuaJIT's order: the
/// on-the-fly passes (replayed here), narrowing, DCE, then loop
/// optimisation of a loop trace (one without a LOOP yet whose first and
/// last snapshots exist), and DCE again for what the loop made dead.
pub fn optimize(src: &Ir) -> Result<Ir, TraceError> {
    let opts = &src.opts;
    let mut ir = if opts.fold || opts.cse || opts.fwd { reemit(src)? } else { src.clone() };
    if ir.opts.narrow {
        narrow::run(&mut ir)?;
    }
    if ir.opts.dce {
        dce::run(&mut ir);
    }
    if ir.opts.loop_opt && !ir.ins_refs().any(|r| ir.get(r).op == Op::LOOP) {
        ir = loops::run(&ir)?;
        if ir.opts.dce {
            dce::run(&mut ir);
        }
    }
    Ok(ir)
}

#[cfg(test)]
mod tests {
    use super::filetest::{run_filetest, run_passes};
    use super::OptFlags;

    /// `for i = 1, 100 do s = s + t[i + 1] * 2 end`, as the recorder emits it.
    pub const INDEXED_SUM: &str = "
....        SNAP   #0   [ ---- ---- ---- ---- ---- ] @5
0001 >  int SLOAD  #3    CI
0002 >  num SLOAD  #2    T
0003 >  tab SLOAD  #4    T
0004    num CONV   0001  num.int
0005    num ADD    0004  +1.0
0006 >  int CONV   0005  int.num index
0007    p64 FLOAD  0003  tab.array
0008    int FLOAD  0003  tab.asize
0009 >  int ABC    0008  0006
0010    p64 AREF   0007  0006
0011 >  num ALOAD  0010
0012    num MUL    0011  +2.0
0013    num ADD    0002  0012
0014    int ADD    0001  +1
....        SNAP   #1   [ ---- ---- 0013 0014 ] @5
0015 >  int LE     0014  +100
....        SNAP   #2   [ ---- ---- 0013 0014 ] @5
";

    #[test]
    fn whole_pipeline() {
        run_filetest(
            "all",
            &format!(
                "{INDEXED_SUM}
; check: 0003 >  tab SLOAD  #4    T
; check: 0006 >  int ADDOV  0001  +1
; check: 0012    num ADD    0011  0011
; check: 0016 ------ LOOP ------------
; check: 0017 >  int ADDOV  0014  +1
; check: 0018 >  int ABC    0008  0017
; check: 0019    p64 AREF   0007  0017
; check: 0020 >  num ALOAD  0019
; check: 0021    num ADD    0020  0020
; check: 0022  + num ADD    0013  0021
; check: 0023  + int ADD    0014  +1
; check: .... SNAP #3 [ ---- ---- 0022 0023 ] @5
; check: 0024 >  int LE     0023  +100
; check: 0025    num PHI    0013  0022
; check: 0026    int PHI    0014  0023
; check-not: CONV
"
            ),
        );
    }

    #[test]
    fn levels_and_flags() {
        assert_eq!(OptFlags::level(3), OptFlags::all());
        assert_eq!(OptFlags::level(0), OptFlags::none());
        let mut f = OptFlags::level(3);
        assert!(f.set("-fold") && !f.fold && f.set("+fold") && f.fold);
        assert!(f.set("-rule:comm_swap") && !f.rule_enabled("comm_swap"));
        assert!(!f.set("-nosuchpass") && !f.set("-rule:nosuchrule"));
    }

    #[test]
    fn each_pass_switches_off() {
        let all = run_passes("all", INDEXED_SUM).unwrap();
        // (This trace has nothing for plain CSE; cse.rs tests it.)
        for pass in ["fold", "fwd", "dce", "loop", "narrow"] {
            let without = run_passes(&format!("all -{pass}"), INDEXED_SUM).unwrap();
            assert_ne!(without, all, "switching {pass} off changed nothing");
        }
        assert_eq!(run_passes("", INDEXED_SUM).unwrap().trim(), INDEXED_SUM.trim());
    }
}

//! Loop optimisation as LuaJIT's lj_opt_loop.c does it: the recorded
//! iteration becomes the pre-roll, a LOOP marker follows, and a copy of the
//! iteration with every operand substituted is re-emitted through the
//! FOLD/CSE/forwarding pipeline. Whatever the copy finds already computed
//! in the pre-roll is loop-invariant and costs nothing inside the loop
//! (guards included: they are hoisted the same way). Values that flow from
//! one iteration into the next get PHIs.
//!
//! The stack: snapshot #0 is the loop entry, the last snapshot the loop
//! back-edge, with the same pc. An SLOAD of a slot the back-edge snapshot
//! maps is, in the copy, the value that snapshot holds; an SLOAD of any other
//! slot is invariant.

use super::{map_operand, Subst};
use crate::ir::ops::{CONV_CHECK, CONV_DST_SHIFT};
use crate::ir::{Ins, Ir, IrType, Kind, Op, Ref, SnapEntry, Snapshot, TraceError, F_GUARD, F_PHI};

/// Most PHIs a loop may have (LuaJIT's LJ_MAX_PHI).
pub const MAX_PHI: usize = 64;

pub fn run(src: &Ir) -> Result<Ir, TraceError> {
    let mut ir = src.clone();
    let invar = ir.top();
    let loop_snap =
        ir.snaps.last().cloned().unwrap_or(Snapshot { at: invar, pc: 0, nslots: 0, entries: vec![], base: 0 });
    let old_snaps: Vec<Snapshot> = ir.snaps.iter().skip(1).cloned().collect();
    let loop_ref = ir.emit_raw(Ins::new(Op::LOOP, IrType::Nil, 0, 0).guarded())?;
    let mut subst = Subst::new(src);
    let mut phis: Vec<Ref> = Vec::new();
    let mut snaps = old_snaps.iter().peekable();

    for r in src.ins_refs() {
        while let Some(s) = snaps.next_if(|s| s.at <= r) {
            copy_snap(src, &mut ir, &subst, s, &loop_snap);
        }
        let orig = *src.get(r);
        let new = match orig.op {
            Op::NOP => Ref::DROP,
            Op::SLOAD => match loop_snap.get(orig.op1) {
                Some(e) => stabilise(&mut ir, e.val, orig.ty)?,
                None => r,
            },
            _ => {
                let ins = super::translate(src, &mut ir, &subst, r);
                if orig.op.kind() == Kind::Normal && ins.op1 == orig.op1 && ins.op2 == orig.op2 {
                    r
                } else {
                    ir.emit(Ins { flags: ins.flags & F_GUARD, ..ins })?
                }
            }
        };
        subst.set(r, new);
        // A slot whose type differs across the back-edge loads as a
        // conversion of the back-edge value: that value is carried too.
        if orig.op == Op::SLOAD && new != r {
            if let Some(e) = loop_snap.get(orig.op1) {
                let v = e.val;
                if v != new && !v.is_const() && v < invar && !ir.get(v).ty.is_pri() && !ir.get(v).is_phi() {
                    if phis.len() >= MAX_PHI {
                        return Err(TraceError::TooLong);
                    }
                    ir.get_mut(v).flags |= F_PHI;
                    phis.push(v);
                }
            }
        }
        // A copy that lands on an older pre-roll value carries that value
        // from one iteration into the next: mark it now, so later rules do
        // not look through it to its pre-roll definition.
        // Guards that compare (their type is the operands') carry nothing.
        let carries_value = |ins: &Ins| !ins.ty.is_pri() && !ins.op.is_compare() && ins.op != Op::ABC;
        if new != r && new != Ref::DROP && !new.is_const() && new < invar && carries_value(ir.get(new)) {
            if !ir.get(new).is_phi() {
                if phis.len() >= MAX_PHI {
                    return Err(TraceError::TooLong);
                }
                ir.get_mut(new).flags |= F_PHI;
                phis.push(new);
            }
        }
    }
    for s in snaps {
        copy_snap(src, &mut ir, &subst, s, &loop_snap);
    }
    // The last snapshot (the copy of the back-edge one) stays even with no
    // guard after it: the back-edge exits through it when the trace must
    // let the interpreter run its periodic checks.
    let _ = loop_ref;
    phis.sort();
    for left in phis {
        let right = subst.get(left);
        if right == left || right == Ref::DROP {
            ir.get_mut(left).flags &= !F_PHI;
            continue;
        }
        if !right.is_const() {
            ir.get_mut(right).flags |= F_PHI;
        }
        let ty = ir.get(left).ty;
        ir.emit_raw(Ins::new(Op::PHI, ty, left.0, right.0))?;
    }
    Ok(ir)
}

/// The value a slot holds at the start of the copied iteration, converted
/// when the recorded iteration loaded it as int and the back-edge holds a
/// number or the other way round.
fn stabilise(ir: &mut Ir, val: Ref, want: IrType) -> Result<Ref, TraceError> {
    let have = ir.get(val).ty;
    if have == want {
        return Ok(val);
    }
    let conv = |dst: IrType, src: IrType| (dst as u16) << CONV_DST_SHIFT | src as u16;
    match (want, have) {
        (IrType::Num, IrType::Int) => ir.emit(Ins::new(Op::CONV, IrType::Num, val.0, conv(IrType::Num, IrType::Int))),
        (IrType::Int, IrType::Num) => {
            ir.emit(Ins::new(Op::CONV, IrType::Int, val.0, conv(IrType::Int, IrType::Num) | CONV_CHECK).guarded())
        }
        _ => Err(TraceError::TypeInstability),
    }
}

/// Copies a pre-roll snapshot into the loop body: its own entries
/// substituted, and for the slots it does not mention, the back-edge
/// snapshot's values (what those slots hold when the copied iteration starts).
fn copy_snap(src: &Ir, ir: &mut Ir, subst: &Subst, snap: &Snapshot, loop_snap: &Snapshot) {
    let mut entries: Vec<SnapEntry> = snap
        .entries
        .iter()
        .map(|e| SnapEntry { val: map_operand(src, ir, subst, e.val), ..*e })
        .filter(|e| e.val != Ref::DROP)
        .collect();
    for e in &loop_snap.entries {
        if snap.get(e.slot).is_none() {
            entries.push(*e);
        }
    }
    ir.snapshot(snap.pc, snap.nslots.max(loop_snap.nslots), entries);
    ir.snaps.last_mut().unwrap().base = snap.base;
}

#[cfg(test)]
mod tests {
    use crate::opt::filetest::run_filetest;

    /// `for i = 1, 100 do x = x + t[i] end` as the recorder would emit it.
    const SUM_LOOP: &str = "
....        SNAP   #0   [ ---- ---- ---- ---- ---- ] @5
0001 >  int SLOAD  #3    CI
0002 >  num SLOAD  #2    T
0003 >  tab SLOAD  #4    T
0004    p64 FLOAD  0003  tab.array
0005    int FLOAD  0003  tab.asize
0006 >  int ABC    0005  0001
0007    p64 AREF   0004  0001
0008 >  num ALOAD  0007
0009    num ADD    0002  0008
0010    int ADD    0001  +1
....        SNAP   #1   [ ---- ---- 0009 0010 ] @5
0011 >  int LE     0010  +100
....        SNAP   #2   [ ---- ---- 0009 0010 ] @5
";

    #[test]
    fn peels_hoists_and_adds_phis() {
        run_filetest(
            "fold cse fwd loop",
            &format!(
                "{SUM_LOOP}
; check: 0008 >  num ALOAD  0007
; check: 0009  + num ADD    0002  0008
; check: 0010  + int ADD    0001  +1
; check: 0011 >  int LE     0010  +100
; check: 0012 ------ LOOP ------------
; check: 0013 >  int ABC    0005  0010
; check: 0014    p64 AREF   0004  0010
; check: 0015 >  num ALOAD  0014
; check: 0016  + num ADD    0009  0015
; check: 0017  + int ADD    0010  +1
; check: .... SNAP #3 [ ---- ---- 0016 0017 ] @5
; check: 0018 >  int LE     0017  +100
; check: 0019    num PHI    0009  0016
; check: 0020    int PHI    0010  0017
"
            ),
        );
    }

    #[test]
    fn type_change_across_iterations_converts() {
        run_filetest(
            "fold cse fwd loop",
            "
0001 >  num SLOAD  #2    T
0002    int CONV   0001  int.num
0003    int ADD    0002  +1
....        SNAP   #1   [ ---- ---- 0003 ] @5
; check: 0004 ------ LOOP ------------
; check: 0005    num CONV   0003  num.int
; check: 0006  + int ADD    0003  +1
; check: 0007    int PHI    0003  0006
",
        );
    }

    #[test]
    fn unstable_types_are_an_error() {
        run_filetest(
            "loop",
            "
0001 >  str SLOAD  #2    T
....        SNAP   #1   [ ---- ---- +1.0 ] @5
; error: failed to stabilise
",
        );
    }
}

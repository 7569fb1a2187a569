//! Dead-code elimination: instructions whose value nothing needs become
//! NOPs. Needed are guards, stores and other effects, every snapshot
//! entry, and the operands of anything needed. Loads and allocations whose
//! results are unused go too; guards and stores never do.

use crate::ir::{Ir, Kind, Op, Ref};

pub fn run(ir: &mut Ir) {
    let top = ir.top();
    let mut live = vec![false; (top.0 - crate::ir::BIAS) as usize];
    let idx = |r: Ref| (r.0 - crate::ir::BIAS) as usize;
    for snap in &ir.snaps {
        for e in &snap.entries {
            if !e.val.is_const() {
                live[idx(e.val)] = true;
            }
        }
    }
    // Operands are always older than their users: one backward sweep marks all.
    for r in ir.ins_refs().collect::<Vec<_>>().into_iter().rev() {
        let ins = *ir.get(r);
        let keep = ins.is_guard() || matches!(ins.op.kind(), Kind::Store | Kind::Effect);
        if keep {
            live[idx(r)] = true;
        }
        if !live[idx(r)] {
            continue;
        }
        for op in ins.ref_operands() {
            if !op.is_const() {
                live[idx(op)] = true;
            }
        }
    }
    for r in ir.ins_refs().collect::<Vec<_>>() {
        if !live[idx(r)] && ir.get(r).op != Op::NOP {
            ir.nop(r);
        }
    }
    ir.rechain();
}

#[cfg(test)]
mod tests {
    use crate::opt::filetest::run_filetest;

    #[test]
    fn unused_values_go_guards_stores_and_snapshot_values_stay() {
        run_filetest(
            "dce",
            "
0001 >  num SLOAD  #2    T
0002 >  tab SLOAD  #3    T
0003    num ADD    0001  +1.0
0004    num MUL    0003  +3.0
0005    p64 FLOAD  0002  tab.array
0006    int CONV   0001  int.num
0007    p64 AREF   0005  +1
0008    num ALOAD  0007
0009    num ASTORE 0007  0004
0010    num SUB    0001  +1.0
....        SNAP   #0   [ ---- ---- ---- ---- 0010 ] @3
0011 >  int CONV   0001  int.num check
; check: 0001 >  num SLOAD  #2    T
; check: 0002 >  tab SLOAD  #3    T
; check: 0003    num ADD    0001  +1.0
; check: 0004    num MUL    0003  +3.0
; check: 0005    p64 FLOAD  0002  tab.array
; check: 0007    p64 AREF   0005  +1
; check: 0009    num ASTORE 0007  0004
; check: 0010    num SUB    0001  +1.0
; check: 0011 >  int CONV   0001  int.num check
; check-not: 0006
; check-not: 0008
",
        );
    }
}

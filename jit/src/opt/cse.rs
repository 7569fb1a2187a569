//! Common-subexpression elimination: an instruction identical to an
//! earlier one (same opcode, type and operands) is that one. Found by
//! walking the opcode's chain, newest first, down to the older operand:
//! nothing below it can use both operands.

use crate::ir::{Ins, Ir, Kind, Op, Ref};

/// Pure instructions are CSE'd; loads go through [`super::mem`], which
/// knows what stores lie between two loads.
pub fn eligible(ins: &Ins) -> bool {
    matches!(ins.op.kind(), Kind::Normal | Kind::Ref) && !ins.op.is_const() && ins.op != Op::NOP
}

pub fn find(ir: &Ir, ins: &Ins) -> Option<Ref> {
    let mut limit = Ref(ins.op1.max(ins.op2).max(crate::ir::BIAS));
    if ins.op == Op::HREFK {
        // A new key or a call may rehash the table: hash slots move.
        for barrier in [Op::NEWREF, Op::CALLS] {
            limit = limit.max(ir.chain_head(barrier).unwrap_or(limit));
        }
    }
    ir.chain_iter(ins.op, limit).find(|&r| {
        let c = ir.get(r);
        c.op1 == ins.op1 && c.op2 == ins.op2 && c.ty == ins.ty
    })
}

#[cfg(test)]
mod tests {
    use crate::opt::filetest::run_filetest;

    #[test]
    fn identical_instructions_merge() {
        run_filetest(
            "cse",
            "
0001 >  num SLOAD  #2    T
0002    num ADD    0001  +1.0
0003    num ADD    0001  +1.0
0004    int ADD    0001  +1
0005    num MUL    0002  0003
0006 >  num LT     0005  0001
0007 >  num LT     0005  0001
0008 >  num SLOAD  #2    T
; check: 0002    num ADD    0001  +1.0
; check: 0003    int ADD    0001  +1
; check: 0004    num MUL    0002  0002
; check: 0005 >  num LT     0004  0001
; check: 0006 >  num SLOAD  #2    T
; check-not: 0007
",
        );
    }

    #[test]
    fn off_means_off() {
        run_filetest(
            "",
            "
0001 >  num SLOAD  #2    T
0002    num ADD    0001  +1.0
0003    num ADD    0001  +1.0
; check: 0003    num ADD    0001  +1.0
",
        );
    }
}

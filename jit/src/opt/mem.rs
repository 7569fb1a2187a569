//! Load forwarding with alias analysis (LuaJIT's lj_opt_mem.c, kept
//! conservative): a load gives the value of the newest store to the same
//! place, or the result of an earlier identical load, unless a store that
//! may alias (or a call) lies between. Anything unsure counts as an alias.

use crate::ir::ops::FIELD_NAMES;
use crate::ir::{Ins, Ir, Op, Ref};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alias {
    No,
    May,
    Must,
}

/// Forwards or CSEs a load; None means emit it.
pub fn forward(ir: &Ir, ins: &Ins) -> Option<Ref> {
    match ins.op {
        // Stack slots are only written by the trace's own snapshots, never
        // through the IR: the first load of a slot is the value for the trace.
        Op::SLOAD => ir.chain_iter(Op::SLOAD, Ref::BASE).find(|&r| {
            let s = ir.get(r);
            s.op1 == ins.op1 && s.ty == ins.ty
        }),
        Op::ALOAD => forward_xload(ir, ins, Op::ASTORE, aref_alias, Ref::BASE),
        Op::HLOAD => {
            // A new key may move the hash part: older references are stale.
            let limit = newest(ir, &[Op::NEWREF, Op::CALLS]);
            forward_xload(ir, ins, Op::HSTORE, href_alias, limit)
        }
        Op::ULOAD => forward_xload(ir, ins, Op::USTORE, uref_alias, newest(ir, &[Op::CALLS])),
        Op::FLOAD => forward_fload(ir, ins),
        Op::ALEN => {
            let limit = newest(ir, &[Op::ASTORE, Op::HSTORE, Op::NEWREF, Op::CALLS]);
            ir.chain_iter(Op::ALEN, limit).find(|&r| same(ir.get(r), ins))
        }
        _ => None,
    }
}

fn same(a: &Ins, b: &Ins) -> bool {
    a.op1 == b.op1 && a.op2 == b.op2 && a.ty == b.ty
}

/// The newest instruction of any of `ops` (BASE if none).
fn newest(ir: &Ir, ops: &[Op]) -> Ref {
    ops.iter().filter_map(|&op| ir.chain_head(op)).max().unwrap_or(Ref::BASE)
}

fn forward_xload(ir: &Ir, ins: &Ins, store: Op, alias: fn(&Ir, Ref, Ref) -> Alias, barrier: Ref) -> Option<Ref> {
    let xref = ins.a();
    let mut limit = barrier.max(newest(ir, &[Op::CALLS]));
    for s in ir.chain_iter(store, limit) {
        let st = ir.get(s);
        match alias(ir, xref, st.a()) {
            Alias::No => continue,
            Alias::Must => {
                let val = st.b();
                // The stored value is only the load's if the types agree;
                // otherwise the load's type guard decides at run time.
                return (ir.get(val).ty == ins.ty).then_some(val);
            }
            Alias::May => {
                limit = s;
                break;
            }
        }
    }
    ir.chain_iter(ins.op, limit).find(|&r| same(ir.get(r), ins))
}

/// Two distinct allocations made by the trace never alias.
fn distinct_allocs(ir: &Ir, a: Ref, b: Ref) -> bool {
    let alloc = |r: Ref| !r.is_const() && matches!(ir.get(r).op, Op::TNEW | Op::TDUP);
    a != b && alloc(a) && alloc(b)
}

/// The table an array pointer was loaded from.
fn table_of_array(ir: &Ir, arr: Ref) -> Ref {
    let i = ir.get(arr);
    if !arr.is_const() && i.op == Op::FLOAD && FIELD_NAMES.get(i.op2 as usize) == Some(&"tab.array") {
        i.a()
    } else {
        arr
    }
}

/// An index as base + constant offset.
fn index_parts(ir: &Ir, idx: Ref) -> (Ref, i64) {
    if let Some(k) = ir.int_of(idx) {
        return (Ref::NIL, k as i64);
    }
    if let Some(i) = ir.def_of(idx).filter(|i| i.op == Op::ADD) {
        if let Some(k) = ir.int_of(i.b()) {
            return (i.a(), k as i64);
        }
    }
    (idx, 0)
}

pub fn aref_alias(ir: &Ir, a: Ref, b: Ref) -> Alias {
    if a == b {
        return Alias::Must;
    }
    let (x, y) = (ir.get(a), ir.get(b));
    if x.op != Op::AREF || y.op != Op::AREF {
        return Alias::May;
    }
    let (ta, tb) = (table_of_array(ir, x.a()), table_of_array(ir, y.a()));
    if ta == tb || x.a() == y.a() {
        let (ba, ka) = index_parts(ir, x.b());
        let (bb, kb) = index_parts(ir, y.b());
        if ba == bb {
            return if ka == kb { Alias::Must } else { Alias::No };
        }
        return Alias::May;
    }
    if distinct_allocs(ir, ta, tb) {
        Alias::No
    } else {
        Alias::May
    }
}

pub fn href_alias(ir: &Ir, a: Ref, b: Ref) -> Alias {
    if a == b {
        return Alias::Must;
    }
    let (x, y) = (ir.get(a), ir.get(b));
    if x.op == Op::HREFK && y.op == Op::HREFK {
        // Constant keys are interned: different refs are different keys
        // (a key's recorded position does not matter).
        if ir.slot_key(x.b()) != ir.slot_key(y.b()) {
            return Alias::No;
        }
        if x.a() == y.a() {
            return Alias::Must;
        }
    }
    if distinct_allocs(ir, x.a(), y.a()) {
        Alias::No
    } else {
        Alias::May
    }
}

pub fn uref_alias(ir: &Ir, a: Ref, b: Ref) -> Alias {
    if a == b {
        return Alias::Must;
    }
    let (x, y) = (ir.get(a), ir.get(b));
    // Upvalues of one closure with different indexes are different objects;
    // two closures may share one.
    if x.a() == y.a()
        && x.op2 != y.op2
        && matches!(x.op, Op::UREFO | Op::UREFC)
        && matches!(y.op, Op::UREFO | Op::UREFC)
    {
        return Alias::No;
    }
    Alias::May
}

fn forward_fload(ir: &Ir, ins: &Ins) -> Option<Ref> {
    // A new key may rehash the table, moving and resizing both its parts.
    let is_tab_field = FIELD_NAMES.get(ins.op2 as usize).is_some_and(|f| f.starts_with("tab."));
    let mut limit = if is_tab_field { newest(ir, &[Op::CALLS, Op::NEWREF]) } else { newest(ir, &[Op::CALLS]) };
    for s in ir.chain_iter(Op::FSTORE, limit) {
        let fref = ir.get(ir.get(s).a());
        if fref.op2 != ins.op2 {
            continue;
        }
        if fref.op1 == ins.op1 {
            let val = ir.get(s).b();
            return (ir.get(val).ty == ins.ty).then_some(val);
        }
        limit = s;
        break;
    }
    ir.chain_iter(Op::FLOAD, limit).find(|&r| same(ir.get(r), ins))
}

#[cfg(test)]
mod tests {
    use crate::opt::filetest::run_filetest;

    #[test]
    fn array_loads_forward_past_stores_to_other_slots() {
        run_filetest(
            "fwd cse",
            "
0001 >  tab SLOAD  #2    T
0002 >  int SLOAD  #3    T
0003    p64 FLOAD  0001  tab.array
0004    p64 AREF   0003  0002
0005 >  num ALOAD  0004
0006    int ADD    0002  +1
0007    p64 AREF   0003  0006
0008    num ASTORE 0007  +3.0
0009 >  num ALOAD  0004
0010    num ASTORE 0004  0005
0011 >  num ALOAD  0007
0012    p64 FLOAD  0001  tab.array
; check: 0005 >  num ALOAD  0004
; check: 0008    num ASTORE 0007  +3.0
; check: 0009    num ASTORE 0004  0005
; check-not: 0010
",
        );
    }

    #[test]
    fn unknown_tables_may_alias() {
        run_filetest(
            "fwd",
            "
0001 >  tab SLOAD  #2    T
0002 >  tab SLOAD  #3    T
0003    p64 FLOAD  0001  tab.array
0004    p64 FLOAD  0002  tab.array
0005    p64 AREF   0003  +1
0006    p64 AREF   0004  +1
0007 >  num ALOAD  0005
0008    num ASTORE 0006  +1.0
0009 >  num ALOAD  0005
; check: 0009 >  num ALOAD  0005
",
        );
    }

    #[test]
    fn hash_and_upvalue_loads() {
        run_filetest(
            "fwd cse",
            "
0001 >  tab SLOAD  #2    T
0002 >  fun SLOAD  #0    R
0003    p64 HREFK  0001  \"x\"
0004    p64 HREFK  0001  \"y\"
0005    num HSTORE 0003  +1.0
0006    num HSTORE 0004  +2.0
0007 >  num HLOAD  0003
0008    upv UREFO  0002  #0
0009    upv UREFO  0002  #1
0010 >  num ULOAD  0008
0011    num USTORE 0009  +5.0
0012 >  num ULOAD  0008
0013    int CALLS  0001  #0
0014 >  num ULOAD  0008
0015    num ADD    0010  0014
0016    num ADD    0015  0012
0017    num ADD    0016  0007
; check: 0009 >  num ULOAD  0007
; check: 0012 >  num ULOAD  0007
; check: 0013    num ADD    0009  0012
; check: 0014    num ADD    0013  0009
; check: 0015    num ADD    0014  +1.0
",
        );
    }
}

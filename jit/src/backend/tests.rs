//! The backend against the reference semantics: IR text compiled and run on
//! real `Value` slots and real tables, compared with the interpreter's
//! arithmetic and with `ir/eval.rs`.

use super::*;
use crate::ir::eval::{run_loop, run_unrolled, Mem, Val};
use crate::ir::{Ir, Op, Ref};
use crate::opt::fold::{arith_of, int_arith, int_arith_checked, int_compare, num_compare};
use crate::opt::loop_props::{random_flags, random_loop, random_loop_start};
use crate::opt::test_rng::Rng;
use crate::opt::{optimize, OptFlags};
use neap_vm::table::Table;
use neap_vm::{Value, Vm};

fn parse(text: &str) -> Ir {
    Ir::parse(text, OptFlags::none()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn num(x: f64) -> u64 {
    Value::number(x).bits()
}

/// Runs a compiled trace on `slots` with `ticks` back-edges allowed.
fn run_with_ticks(t: &CompiledTrace, slots: &mut [u64], ticks: i32) -> (u32, i32) {
    let mut ticks = ticks;
    let mut ctx = TraceCtx { ticks: &mut ticks, vm: std::ptr::null_mut() };
    // The slots outlive the call and cover every slot the IR names (the
    // tests size them); tables and strings in them are live.
    let exit = unsafe { (t.entry)(slots.as_mut_ptr(), &mut ctx) };
    (exit, ticks)
}

fn run(t: &CompiledTrace, slots: &mut [u64]) -> u32 {
    run_with_ticks(t, slots, i32::MAX).0
}

fn compile_text(text: &str) -> CompiledTrace {
    let ir = parse(text);
    compile(&ir).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Edge-case numbers for arithmetic.
const EDGES: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    1.5,
    -2.5,
    3.0,
    7.0,
    -7.0,
    1e308,
    -1e308,
    5e-324,
    4503599627370496.5,
    2147483647.0,
    2147483648.0,
    -2147483648.0,
    -2147483649.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    -f64::NAN,
];

/// A two-operand number trace: slots 2 and 3 in, the result to slot 4.
fn num_binary_trace(op: Op) -> String {
    format!(
        "....        SNAP   #0   [ ---- ---- ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002 >  num SLOAD  #3    T
0003    num {:6} 0001  0002
....        SNAP   #1   [ ---- ---- ---- ---- 0003 ] @1
",
        op.name()
    )
}

#[test]
fn number_arithmetic_is_the_interpreters_bit_for_bit() {
    for op in [Op::ADD, Op::SUB, Op::MUL, Op::DIV, Op::MOD, Op::POW, Op::MIN, Op::MAX] {
        let t = compile_text(&num_binary_trace(op));
        for &a in EDGES {
            for &b in EDGES {
                let mut slots = [Value::NIL.bits(), Value::NIL.bits(), num(a), num(b), 0];
                assert_eq!(run(&t, &mut slots), 1);
                let (a, b) = (f64::from_bits(num(a)), f64::from_bits(num(b)));
                let want = match op {
                    Op::MIN => {
                        if a < b {
                            a
                        } else {
                            b
                        }
                    }
                    Op::MAX => {
                        if a > b {
                            a
                        } else {
                            b
                        }
                    }
                    _ => arith_of(op).unwrap().apply(a, b),
                };
                assert_eq!(slots[4], want.to_bits(), "{} {a:?} {b:?}: got {}", op.name(), f64::from_bits(slots[4]));
            }
        }
    }
}

#[test]
fn unary_number_operations() {
    let cases: [(&str, fn(f64) -> f64); 7] = [
        ("NEG    0001", |x| -x),
        ("ABS    0001", f64::abs),
        ("FPMATH 0001  floor", neap_vm::meta::floor),
        ("FPMATH 0001  ceil", f64::ceil),
        ("FPMATH 0001  trunc", f64::trunc),
        ("FPMATH 0001  sqrt", f64::sqrt),
        ("ADD    0001  -0.0", |x| x + -0.0),
    ];
    for (ins, f) in cases {
        let t = compile_text(&format!(
            "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002    num {ins}
....        SNAP   #1   [ ---- ---- ---- 0002 ] @1
"
        ));
        for &a in EDGES {
            let mut slots = [0, 0, num(a), 0];
            assert_eq!(run(&t, &mut slots), 1);
            let want = f(f64::from_bits(num(a)));
            assert_eq!(slots[3], want.to_bits(), "{ins} {a:?}");
        }
    }
}

#[test]
fn number_comparisons_exit_exactly_when_the_reference_says() {
    for op in [Op::LT, Op::GE, Op::LE, Op::GT, Op::ULT, Op::UGE, Op::ULE, Op::UGT, Op::EQ, Op::NE] {
        let t = compile_text(&format!(
            "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002 >  num SLOAD  #3    T
0003 >  num {:6} 0001  0002
....        SNAP   #1   [ ---- ---- ---- ---- ] @1
",
            op.name()
        ));
        for &a in EDGES {
            for &b in EDGES {
                let mut slots = [0, 0, num(a), num(b)];
                let want = if num_compare(op, a, b) { 1 } else { 0 };
                assert_eq!(run(&t, &mut slots), want, "{} {a:?} {b:?}", op.name());
            }
        }
    }
}

const INT_EDGES: &[i32] = &[0, 1, -1, 2, 7, -7, 31, 32, 33, 0x7fff_ffff, -0x8000_0000, 0x1234_5678, -65536, 46341];

#[test]
fn int_arithmetic_comparisons_and_overflow_guards() {
    let binary = [
        Op::ADD,
        Op::SUB,
        Op::MUL,
        Op::BAND,
        Op::BOR,
        Op::BXOR,
        Op::BSHL,
        Op::BSHR,
        Op::BSAR,
        Op::BROL,
        Op::BROR,
        Op::ADDOV,
        Op::SUBOV,
        Op::MULOV,
    ];
    let compares = [Op::LT, Op::GE, Op::LE, Op::GT, Op::ULT, Op::UGE, Op::ULE, Op::UGT, Op::EQ, Op::NE];
    for op in binary.iter().chain(&compares).copied() {
        let guarded = op.is_compare() || matches!(op, Op::ADDOV | Op::SUBOV | Op::MULOV);
        let t = compile_text(&format!(
            "....        SNAP   #0   [ ---- ---- ---- ---- ---- ] @0
0001 >  int SLOAD  #2    TC
0002 >  int SLOAD  #3    TC
0003 {} int {:6} 0001  0002
....        SNAP   #1   [ ---- ---- ---- ---- {} ] @1
",
            if guarded { ">" } else { " " },
            op.name(),
            if op.is_compare() { "----" } else { "0003" },
        ));
        for &a in INT_EDGES {
            for &b in INT_EDGES {
                let mut slots = [0, 0, num(a as f64), num(b as f64), 0];
                let exit = run(&t, &mut slots);
                if op.is_compare() {
                    assert_eq!(exit, int_compare(op, a, b) as u32, "{} {a} {b}", op.name());
                    continue;
                }
                let want = if guarded { int_arith_checked(op, a, b) } else { int_arith(op, a, b) };
                match want {
                    Some(v) => {
                        assert_eq!(exit, 1, "{} {a} {b}", op.name());
                        assert_eq!(slots[4], num(v as f64), "{} {a} {b}", op.name());
                    }
                    None => assert_eq!(exit, 0, "{} {a} {b} should exit", op.name()),
                }
            }
        }
    }
}

#[test]
fn int_unary_tobit_and_conversions() {
    let cases: [(&str, fn(f64) -> Option<f64>); 7] = [
        ("int BNOT   0002", |x| Some(!(x as i32) as f64)),
        ("int ABS    0002", |x| Some((x as i32).wrapping_abs() as f64)),
        ("int BSWAP  0002", |x| Some((x as i32).swap_bytes() as f64)),
        ("int NEG    0002", |x| Some((x as i32).wrapping_neg() as f64)),
        ("int TOBIT  0001", |x| Some(neap_vm::bitop::tobit(x) as f64)),
        ("int CONV   0001  int.num check", |x| {
            let i = x as i32;
            (i as f64 == x && !(x == 0.0 && x.is_sign_negative())).then_some(i as f64)
        }),
        // A table key: -0 is the key 0.
        ("int CONV   0001  int.num index", |x| {
            let i = x as i32;
            (i as f64 == x).then_some(i as f64)
        }),
    ];
    for (ins, f) in cases {
        let guard = if ins.contains("check") || ins.contains("index") { ">" } else { " " };
        let t = compile_text(&format!(
            "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002    int CONV   0001  int.num
0003 {guard}  {ins}
....        SNAP   #1   [ ---- ---- ---- 0003 ] @1
"
        ));
        let ints = INT_EDGES.iter().map(|&i| i as f64);
        for a in EDGES.iter().copied().chain(ints).chain([0.49, 1.5, 2.5, -1.5, 4294967295.0, 4294967296.0]) {
            // The plain CONV of 0002 is only defined in the int range.
            let in_range = a.trunc() >= i32::MIN as f64 && a.trunc() <= i32::MAX as f64;
            if !in_range && !ins.contains("0001") {
                continue;
            }
            let mut slots = [0, 0, num(a), 0];
            let exit = run(&t, &mut slots);
            match f(a) {
                Some(v) => {
                    assert_eq!((exit, slots[3]), (1, num(v)), "{ins} {a:?}");
                }
                None => assert_eq!(exit, 0, "{ins} {a:?} should exit"),
            }
        }
    }
}

/// A VM for making strings and functions, and boxed test values.
struct World {
    vm: Box<Vm>,
    tables: Vec<Box<Table>>,
}

impl World {
    fn new() -> World {
        World { vm: Vm::new(), tables: Vec::new() }
    }

    fn table(&mut self, asize: u32, hbits: u32) -> Value {
        self.tables.push(Box::new(Table::new(asize, hbits)));
        let t = self.tables.last_mut().unwrap();
        Value::table(&mut **t)
    }

    fn tab(&mut self, v: Value) -> &mut Table {
        // Tables made by `table` are boxed and owned by `self`.
        unsafe { &mut *v.as_table_ptr().unwrap() }
    }

    /// Gives every string constant of `ir` the address of the real string.
    fn resolve_strings(&mut self, ir: &mut Ir) {
        for g in ir.gc_consts_mut() {
            if let Some(bytes) = g.bytes.clone() {
                let s = self.vm.new_str(&bytes);
                g.addr = s.as_string_ptr().unwrap() as u64;
            }
        }
    }
}

#[test]
fn type_guards_on_every_kind_of_value_exit_through_their_snapshot() {
    let mut w = World::new();
    let t = w.table(2, 0);
    let s = w.vm.new_str(b"s");
    let f = w.vm.load(b"return 1", b"=f").unwrap();
    // Each value with the index of its type in `types`; numbers at the
    // edges of the NaN-boxing (the first tag lies just above the NaN).
    let nums = [1.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MAX, -f64::MIN_POSITIVE];
    let mut values = vec![(Value::NIL, 0), (Value::FALSE, 1), (Value::TRUE, 2), (s, 4), (t, 5), (f, 6)];
    values.extend(nums.iter().map(|&x| (Value::number(x), 3)));
    let types = ["nil", "fal", "tru", "num", "str", "tab", "fun"];
    for (i, ty) in types.iter().enumerate() {
        // The loaded value goes back to slot 3 (boxed again) when it passed.
        let code = compile_text(&format!(
            "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  {ty} SLOAD  #2    T
....        SNAP   #1   [ ---- ---- ---- 0001 ] @1
"
        ));
        for &(v, j) in &values {
            let mut slots = [0, 0, v.bits(), 7];
            let exit = run(&code, &mut slots);
            assert_eq!(exit, (i == j) as u32, "{ty} on {v:?}");
            assert_eq!(slots[3], if i == j { v.bits() } else { 7 });
        }
    }
}

#[test]
fn exits_write_every_kind_of_entry_in_slot_order() {
    let mut w = World::new();
    let text = "....        SNAP   #0   [ ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002 >  int SLOAD  #3    TC
0003 >  tab SLOAD  #4    T
0004 >  str SLOAD  #5    T
....        SNAP   #1   [ ---- ---- 0004 0003 0002 0001 +1.5 \"k\" true fun:0x1000|+9| ] @3
0005 >  num LT     0001  +0.0
";
    let mut ir = parse(text);
    w.resolve_strings(&mut ir);
    let code = compile(&ir).unwrap();
    let t = w.table(0, 0);
    let s = w.vm.new_str(b"v");
    let k = w.vm.new_str(b"k");
    let mut slots = [0, 0, num(2.0), num(-3.0), t.bits(), s.bits(), 0, 0, 0, 0, 0];
    assert_eq!(run(&code, &mut slots), 1);
    let fun = Value::function(0x1000 as *mut neap_vm::func::Function);
    let want = [0, 0, s.bits(), t.bits(), num(-3.0), num(2.0), num(1.5), k.bits(), Value::TRUE.bits(), fun.bits()];
    assert_eq!(&slots[..10], &want);
    assert_eq!(slots[10], Value::NIL.bits(), "a frame link is written as nil");
}

#[test]
fn pri_equality_is_known_at_compile_time() {
    let t = compile_text(
        "....        SNAP   #0   [ ---- ---- ---- ] @0
0001 >  nil SLOAD  #2    T
0002 >  nil EQ     0001  nil
....        SNAP   #1   [ ---- ---- ---- ] @1
0003 >  nil NE     0001  false
....        SNAP   #2   [ ---- ---- ---- ] @1
0004 >  nil EQ     0001  true
",
    );
    assert_eq!(run(&t, &mut [0, 0, Value::NIL.bits()]), 2);
}

/// `for i = 1, 100 do s = s + t[i] end`, optimised (jit/filetests/loop-sum.ir).
fn loop_sum() -> Ir {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/filetests/loop-sum.ir")).unwrap();
    let src = Ir::parse(&text, OptFlags::all()).unwrap();
    optimize(&src).unwrap()
}

#[test]
fn loop_sum_runs_the_loop_reads_the_table_and_exits_at_its_end() {
    let ir = loop_sum();
    assert!(ir.ins_refs().any(|r| ir.get(r).op == Op::LOOP));
    let code = compile(&ir).unwrap_or_else(|e| panic!("{e}\n{}", ir.dump()));
    let mut w = World::new();
    let t = w.table(101, 0);
    for i in 1..=100 {
        w.tab(t).set_int(i, Value::number(i as f64 * 0.5));
    }
    // i = 1 (an int loaded from a number), s = 0.
    let mut slots = [0, 0, num(0.0), num(1.0), t.bits()];
    let exit = run(&code, &mut slots);
    // The loop guard `i <= 100` fails in the body: snapshot #3 (i = 101).
    assert_eq!(exit, 3);
    assert_eq!(slots[2], num((1..=100).map(|i| i as f64 * 0.5).sum()));
    assert_eq!(slots[3], num(101.0));

    // A table too short: the bounds check leaves with the sum so far.
    let short = w.table(11, 0);
    for i in 1..=10 {
        w.tab(short).set_int(i, Value::number(1.0));
    }
    let mut slots = [0, 0, num(0.0), num(1.0), short.bits()];
    run(&code, &mut slots);
    assert_eq!((slots[2], slots[3]), (num(10.0), num(11.0)));

    // A nil in the array: the ALOAD type guard leaves.
    w.tab(short).set_int(5, Value::NIL);
    let mut slots = [0, 0, num(0.0), num(1.0), short.bits()];
    run(&code, &mut slots);
    assert_eq!((slots[2], slots[3]), (num(4.0), num(5.0)));
}

#[test]
fn the_tick_countdown_stops_an_endless_loop_at_the_loop_start() {
    let ir = loop_sum();
    let code = compile(&ir).unwrap();
    let mut w = World::new();
    let t = w.table(101, 0);
    for i in 1..=100 {
        w.tab(t).set_int(i, Value::number(1.0));
    }
    let last = ir.snaps.len() as u32 - 1;
    let mut slots = [0, 0, num(0.0), num(1.0), t.bits()];
    // The pre-roll does i = 1, then each back-edge takes a tick: with 10
    // ticks, the 11th back-edge leaves, after 12 iterations.
    let (exit, left) = run_with_ticks(&code, &mut slots, 10);
    assert_eq!((exit, left), (last, -1));
    assert_eq!((slots[2], slots[3]), (num(12.0), num(13.0)));
    // Resuming from what the exit wrote finishes the loop.
    let (exit, left) = run_with_ticks(&code, &mut slots, 1000);
    // From i = 13: the pre-roll adds t[13], the body t[14] .. t[100] with a
    // back-edge after each but the last; the loop's end guard leaves
    // through the snapshot before the back-edge one.
    assert_eq!((exit, left), (last - 1, 1000 - 86));
    assert_eq!((slots[2], slots[3]), (num(100.0), num(101.0)));

    // A loop without any exit but the ticks.
    let endless = counting_loop(None);
    let mut slots = [0, 0, num(0.0)];
    assert_eq!(run_with_ticks(&endless, &mut slots, 1000), (2, -1));
    assert_eq!(slots[2], num(1002.0));
}

/// A loop counting in slot 2 whose only exit is the tick countdown, with
/// `extra` (one instruction, numbered 0005) in its body.
fn counting_loop(extra: Option<&str>) -> CompiledTrace {
    let (extra, phi) = match extra {
        Some(ins) => (format!("0005    {ins}\n"), 6),
        None => (String::new(), 5),
    };
    compile_text(&format!(
        "....        SNAP   #0   [ ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002    num ADD    0001  +1.0
....        SNAP   #1   [ ---- ---- 0002 ] @0
0003 ------ LOOP ------------
0004  + num ADD    0002  +1.0
{extra}....        SNAP   #2   [ ---- ---- 0004 ] @0
000{phi}    num PHI    0002  0004
"
    ))
}

#[test]
fn an_allocation_that_makes_a_collection_due_ends_the_loop_at_its_back_edge() {
    // The loop keeps its tick count in a register: a helper that zeroes
    // the VM's counter (an allocation past the collection threshold) must
    // be seen at the next back-edge, not 1000 iterations later.
    let table_new = call_id("table_new").unwrap();
    let code = counting_loop(Some(&format!("tab CALLN  +0    #{table_new}")));
    let mut vm = Vm::new();
    for (threshold, iterations) in [(usize::MAX, 1000 + 2), (0, 2)] {
        vm.heap.threshold = threshold;
        vm.heap.ticks = 1000;
        let mut slots = [0, 0, num(0.0)];
        let vm_ptr: *mut Vm = &mut *vm;
        // The VM outlives the call; the trace reaches its counter and its
        // heap only through these pointers.
        let exit = unsafe {
            let mut ctx = TraceCtx { ticks: &raw mut (*vm_ptr).heap.ticks, vm: vm_ptr };
            (code.entry)(slots.as_mut_ptr(), &mut ctx)
        };
        assert_eq!((exit, vm.heap.ticks, slots[2]), (2, -1, num(iterations as f64)), "threshold {threshold}");
    }
}

#[test]
fn hash_slots_upvalues_and_stores() {
    let mut w = World::new();
    let text = "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  tab SLOAD  #2    T
0002 >  p64 HREFK  0001  \"x\"
0003 >  num HLOAD  0002
0004    num ADD    0003  +1.0
0005    num HSTORE 0002  0004
0006    p64 FLOAD  0001  tab.array
0007    p64 AREF   0006  +3
0008    str ASTORE 0007  \"x\"
0009    int FLOAD  0001  tab.asize
0010    num CONV   0009  num.int
....        SNAP   #1   [ ---- ---- ---- 0010 ] @1
";
    let mut ir = parse(text);
    w.resolve_strings(&mut ir);
    let code = compile(&ir).unwrap();
    let t = w.table(5, 1);
    let x = w.vm.new_str(b"x");
    w.tab(t).set(x, Value::number(41.0)).unwrap();
    let mut slots = [0, 0, t.bits(), 0];
    assert_eq!(run(&code, &mut slots), 1);
    assert_eq!(w.tab(t).get(x).as_number(), Some(42.0));
    assert_eq!(w.tab(t).get_int(3), x);
    assert_eq!(slots[3], num(5.0));

    // An absent key leaves at HREFK; a string value fails HLOAD's guard.
    let u = w.table(0, 1);
    let mut slots = [0, 0, u.bits(), 0];
    assert_eq!(run(&code, &mut slots), 0);
    let s = w.vm.new_str(b"str");
    w.tab(u).set(x, s).unwrap();
    assert_eq!(run(&code, &mut slots), 0);
    assert_eq!(w.tab(u).get(x), s);
}

#[test]
fn hash_slots_at_a_recorded_position_check_the_entry() {
    let mut w = World::new();
    // "y" was recorded at entry 1 of the table's hash part; "__index" at 2.
    let text = "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  tab SLOAD  #2    T
0002 >  p64 HREFK  0001  \"y\"@1
0003 >  num HLOAD  0002
0004    num ADD    0003  +1.0
0005    num HSTORE 0002  0004
0006 >  p64 HREFK  0001  \"__index\"@2
0007    num HSTORE 0006  0004
....        SNAP   #1   [ ---- ---- ---- 0004 ] @1
";
    let mut ir = parse(text);
    w.resolve_strings(&mut ir);
    let code = compile(&ir).unwrap();
    let listing = disassemble(&code);
    assert!(!listing.lines().any(|l| l.contains("call") && !l.contains("caller")), "no lookup call:\n{listing}");
    let (x, y, idx) = (w.vm.new_str(b"x"), w.vm.new_str(b"y"), w.vm.new_str(b"__index"));
    let t = w.table(0, 2);
    for (k, v) in [(x, 1.0), (y, 2.0), (idx, 0.0)] {
        w.tab(t).set(k, Value::number(v)).unwrap();
    }
    w.tab(t).nomm = 0xff;
    let mut slots = [0, 0, t.bits(), 0];
    assert_eq!(run(&code, &mut slots), 1);
    assert_eq!(w.tab(t).get(y).as_number(), Some(3.0));
    assert_eq!(w.tab(t).get(idx).as_number(), Some(3.0));
    assert_eq!(w.tab(t).nomm, 0, "a store to a metamethod name clears the cache");

    // A dead entry still holds its key: found, and the store revives it.
    w.tab(t).set(y, Value::NIL).unwrap();
    slots[2] = t.bits();
    assert_eq!(run(&code, &mut slots), 0, "HLOAD of the dead entry's nil leaves");

    // The key elsewhere (another table, fewer entries, another order) leaves at HREFK.
    let u = w.table(0, 2);
    w.tab(u).set(y, Value::number(5.0)).unwrap();
    w.tab(u).set(x, Value::number(6.0)).unwrap();
    w.tab(u).set(idx, Value::number(7.0)).unwrap();
    assert_eq!(run(&code, &mut [0, 0, u.bits(), 0]), 0);
    let short = w.table(0, 1);
    w.tab(short).set(x, Value::number(1.0)).unwrap();
    assert_eq!(run(&code, &mut [0, 0, short.bits(), 0]), 0);
    assert_eq!(w.tab(u).get(y).as_number(), Some(5.0), "nothing stored before the exit");
}

#[test]
fn upvalues_load_and_store_through_a_real_closure() {
    let mut w = World::new();
    let maker = w.vm.load(b"local a, b = 1.5, 'q' return function() return a, b end", b"=u").unwrap();
    let f = w.vm.call1(maker, &[]).unwrap();
    let code = compile_text(
        "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  fun SLOAD  #2    T
0002 >  p64 UREFC  0001  #0
0003 >  num ULOAD  0002
0004    num MUL    0003  +2.0
0005    num USTORE 0002  0004
0006    p64 UREFO  0001  #1
0007 >  str ULOAD  0006
....        SNAP   #1   [ ---- ---- ---- 0007 ] @1
",
    );
    let mut slots = [0, 0, f.bits(), 0];
    assert_eq!(run(&code, &mut slots), 1);
    assert_eq!(slots[3], w.vm.new_str(b"q").bits());
    let got = w.vm.call(f, &[]).unwrap();
    assert_eq!(got[0].as_number(), Some(3.0));
    // A guarded UREFO on a closed upvalue leaves.
    let open_only = compile_text(
        "....        SNAP   #0   [ ---- ---- ---- ---- ] @0
0001 >  fun SLOAD  #2    T
0002 >  p64 UREFO  0001  #0
....        SNAP   #1   [ ---- ---- ---- ---- ] @1
",
    );
    assert_eq!(run(&open_only, &mut [0, 0, f.bits(), 0]), 0);
}

#[test]
fn helper_calls_and_nyi() {
    let sin = call_id("sin").unwrap();
    let atan2 = call_id("atan2").unwrap();
    let code = compile_text(&format!(
        "....        SNAP   #0   [ ---- ---- ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002 >  num SLOAD  #3    T
0003    num CALLN  0001  #{sin}
0004    nil CARG   0001  0002
0005    num CALLN  0004  #{atan2}
....        SNAP   #1   [ ---- ---- 0003 0005 ] @1
"
    ));
    let mut slots = [0, 0, num(0.5), num(-2.0), 0];
    assert_eq!(run(&code, &mut slots), 1);
    assert_eq!((slots[2], slots[3]), (num(0.5f64.sin()), num(0.5f64.atan2(-2.0))));
    let ir = parse(
        "....        SNAP   #0   [ ---- ---- ---- ] @0
0001    tab TNEW   #0    #0
....        SNAP   #1   [ ---- ---- 0001 ] @1
",
    );
    assert_eq!(compile(&ir).err(), Some(BackendError::Nyi("TNEW".into())));
}

/// Boxed slots for the evaluator's stack, with `tabs[t]` for `Tab(t)`.
fn box_slots(start: &[Val], tabs: &[Value]) -> Vec<u64> {
    start
        .iter()
        .map(|v| match *v {
            Val::Num(x) => num(x),
            Val::Int(i) => num(i as f64),
            Val::Tab(t) => tabs[t as usize].bits(),
            _ => Value::NIL.bits(),
        })
        .collect()
}

/// Compares the evaluator's outcome with the native stack and tables.
fn same_outcome(want: &[Val], mem: &Mem, slots: &[u64], tabs: &[Value], keys: &[Value; 2]) -> Result<(), String> {
    for (i, v) in want.iter().enumerate() {
        let expect = match *v {
            Val::Num(x) => x.to_bits(),
            Val::Int(n) => num(n as f64),
            Val::Tab(t) => tabs[t as usize].bits(),
            _ => continue,
        };
        if slots[i] != expect {
            return Err(format!("slot {i}: want {v:?}, got {:?}", Value::from_bits(slots[i])));
        }
    }
    for (&(t, k), v) in mem {
        // Tables are live and boxed by the test.
        let table = unsafe { &*tabs[t as usize].as_table_ptr().unwrap() };
        let got = if k >= 1 << 32 {
            table.get(if k - (1 << 32) == b'x' as i64 { keys[0] } else { keys[1] })
        } else if k >= 0 {
            table.get_int(k)
        } else {
            continue;
        };
        let Val::Num(x) = *v else { continue };
        if got.bits() != x.to_bits() {
            return Err(format!("table {t}[{k}]: want {x:?}, got {got:?}"));
        }
    }
    Ok(())
}

/// Random loop traces (the optimiser's property-test generator): the
/// recorded trace run one iteration per call, and the optimised loop run
/// in one call, leave the stack and tables as the evaluator says.
#[test]
fn random_traces_match_the_evaluator() {
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    let mut w = World::new();
    let keys = [w.vm.new_str(b"x"), w.vm.new_str(b"y")];
    let (mut compared, mut looped) = (0, 0);
    for _ in 0..300 {
        let mut raw = random_loop(&mut rng);
        w.resolve_strings(&mut raw);
        let mut src = raw.clone();
        src.opts = random_flags(&mut rng);
        let Ok(opt) = optimize(&src) else { continue };
        let raw_code = compile(&raw).unwrap_or_else(|e| panic!("{e}\n{}", raw.dump()));
        let opt_code = compile(&opt).unwrap_or_else(|e| panic!("{e}\n{}", opt.dump()));
        let is_loop = opt.ins_refs().any(|r| opt.get(r).op == Op::LOOP);
        for _ in 0..3 {
            let start = random_loop_start(&mut rng);
            let mut mem = Mem::new();
            let make_tables = |w: &mut World| -> Vec<Value> {
                let tabs: Vec<Value> = (0..2).map(|_| w.table(16, 2)).collect();
                for (t, &tv) in tabs.iter().enumerate() {
                    for i in 0..12 {
                        w.tab(tv).set_int(i, Value::number(i as f64 * 1.5 + t as f64));
                    }
                    for (k, key) in keys.iter().zip([b'x', b'y']) {
                        w.tab(tv).set(*k, Value::number(key as f64)).unwrap();
                    }
                }
                tabs
            };
            for t in 0..2u32 {
                for i in 0..12 {
                    mem.insert((t, i), Val::Num(i as f64 * 1.5 + t as f64));
                }
                for key in [b'x', b'y'] {
                    mem.insert((t, (1 << 32) + key as i64), Val::Num(key as f64));
                }
            }

            // As recorded: one iteration per call until an exit other than
            // the end of the trace.
            let want = run_unrolled(&raw, &start, &mem, 20);
            let tabs = make_tables(&mut w);
            let mut slots = box_slots(&start, &tabs);
            let last = raw.snaps.len() as u32 - 1;
            let mut calls = 0;
            while run(&raw_code, &mut slots) == last && calls < 20 {
                calls += 1;
            }
            assert_eq!(calls, want.iterations, "{}", raw.dump());
            if let Err(e) = same_outcome(&want.slots, &want.mem, &slots, &tabs, &keys) {
                panic!("recorded trace: {e}\nstart {start:?}\n{}", raw.dump());
            }

            // Optimised: one call runs the whole loop.
            let tabs = make_tables(&mut w);
            let mut slots = box_slots(&start, &tabs);
            if is_loop {
                let got = run_loop(&opt, &start, &mem, 20).expect("loop ends");
                run(&opt_code, &mut slots);
                if let Err(e) = same_outcome(&got.slots, &got.mem, &slots, &tabs, &keys) {
                    panic!("optimised trace: {e}\nstart {start:?}\n{}", opt.dump());
                }
                if got.iterations >= 2 {
                    looped += 1;
                }
            }
            compared += 1;
        }
    }
    assert!(compared > 500 && looped > 100, "only {compared} runs compared, {looped} looped");
}

#[test]
fn aarch64_code_is_produced_and_store_pairs_merge() {
    let ir = loop_sum();
    let out = compile_for_aarch64(&ir).unwrap();
    assert!(!out.code.is_empty() && out.code.len() % 4 == 0);
    assert_eq!(out.code.len(), out.original.len());
    // The exit writes slots 2 and 3 back to back: one pair at least.
    assert!(!out.merges.is_empty(), "no merge in:\n{}", ir.dump());
}

#[test]
fn disassembly_lists_the_code() {
    let code = compile(&loop_sum()).unwrap();
    let text = disassemble(&code);
    assert!(text.lines().count() > 10, "{text}");
    assert!(code.code_size > 0);
}

#[test]
fn field_loads_lengths_and_the_no_metatable_guard() {
    let mut w = World::new();
    let code = compile_text(
        "....        SNAP   #0   [ ---- ---- ---- ---- ---- ---- ] @0
0001 >  tab SLOAD  #2    T
0002 >  str SLOAD  #3    T
0003 >  fun SLOAD  #4    T
0004    tab FLOAD  0001  tab.meta
0005 >  p64 EQ     0004  [0x0]
0006    int ALEN   0001  nil
0007    int FLOAD  0002  str.len
0008    tab FLOAD  0003  func.env
....        SNAP   #1   [ ---- ---- 0006 0007 0008 ] @1
",
    );
    let t = w.table(8, 0);
    for i in 1..=5 {
        w.tab(t).set_int(i, Value::number(1.0));
    }
    let s = w.vm.new_str(b"hello");
    let f = w.vm.load(b"return 1", b"=f").unwrap();
    let env = unsafe { (*f.as_function_ptr().unwrap()).env };
    let mut slots = [0, 0, t.bits(), s.bits(), f.bits()];
    assert_eq!(run(&code, &mut slots), 1);
    assert_eq!(slots[2..5], [num(5.0), num(5.0), Value::table(env).bits()]);
    // A table with a metatable fails the guard.
    let m = w.table(0, 0);
    w.tab(t).metatable = m.as_table_ptr().unwrap();
    let mut slots = [0, 0, t.bits(), s.bits(), f.bits()];
    assert_eq!(run(&code, &mut slots), 0);
    assert_eq!(slots[2], t.bits());
}

/// `cargo test -p neap-jit print_listing -- --ignored --nocapture` shows
/// what the loop-sum trace compiles to.
#[test]
#[ignore]
fn print_listing() {
    let code = compile(&loop_sum()).unwrap();
    println!("{}", disassemble(&code));
}

#[test]
fn href_of_absent_keys_and_newref() {
    let mut w = World::new();
    let niltv = &neap_vm::layout::NIL_SLOT as *const Value as u64;
    // t[k] with a key from a slot: present keys load, absent ones give
    // the shared nil (`NE` with its address says which); then t.n = k.
    let text = format!(
        "....        SNAP   #0   [ ---- ---- ---- ---- ---- ] @0
0001 >  tab SLOAD  #2    T
0002 >  str SLOAD  #3    T
0003    p64 HREF   0001  0002
0004 >  p64 NE     0003  [{niltv:#x}]
0005 >  num HLOAD  0003
....        SNAP   #1   [ ---- ---- ---- ---- 0005 ] @1
0006    p64 NEWREF 0001  \"n\"
0007    str HSTORE 0006  0002
....        SNAP   #2   [ ---- ---- ---- ---- 0005 ] @2
"
    );
    let mut ir = parse(&text);
    w.resolve_strings(&mut ir);
    let code = compile(&ir).unwrap();
    let t = w.table(0, 1);
    let (a, b, n) = (w.vm.new_str(b"a"), w.vm.new_str(b"b"), w.vm.new_str(b"n"));
    w.tab(t).set(a, Value::number(3.0)).unwrap();
    let mut slots = [0, 0, t.bits(), a.bits(), 0];
    assert_eq!(run(&code, &mut slots), 2);
    assert_eq!(slots[4], num(3.0));
    assert_eq!(w.tab(t).get(n), a, "the new key holds the stored value");
    let mut slots = [0, 0, t.bits(), b.bits(), 0];
    assert_eq!(run(&code, &mut slots), 0, "an absent key leaves at the NE guard");
}

/// Damaged IR (operands, types and opcodes changed at random) is refused
/// with an error or compiled, never a panic: the recorder hands the backend
/// whatever it built.
#[test]
fn damaged_ir_never_panics() {
    let mut rng = Rng(0x5eed_dead_0000_0004);
    let (mut refused, mut compiled) = (0, 0);
    for i in 0..2500 {
        let raw = random_loop(&mut rng);
        let mut ir = if rng.below(2) == 0 { optimize(&raw).unwrap_or(raw) } else { raw };
        let refs: Vec<Ref> = ir.ins_refs().collect();
        for _ in 0..1 + rng.below(3) {
            let r = rng.pick(&refs);
            let ins = ir.get_mut(r);
            match rng.below(4) {
                0 => ins.op1 = rng.pick(&refs).0.wrapping_sub(rng.below(3) as u16),
                1 => ins.op2 = (rng.next() & 0xffff) as u16,
                2 => ins.ty = rng.pick(&crate::ir::IrType::ALL),
                _ => ins.op = rng.pick(Op::ALL),
            }
        }
        // Every fourth one for the host too (its ISA lowers differently).
        let result = std::panic::catch_unwind(|| {
            if i % 4 == 0 {
                let host = compile(&ir).map(|_| ());
                let arm = compile_for_aarch64(&ir).map(|_| ());
                assert_eq!(host.is_ok(), arm.is_ok(), "{host:?} {arm:?}");
                host
            } else {
                compile_for_aarch64(&ir).map(|_| ())
            }
        });
        match result {
            Ok(Ok(())) => compiled += 1,
            Ok(Err(_)) => refused += 1,
            Err(_) => panic!("the backend panicked on:\n{}", ir.dump()),
        }
    }
    assert!(refused > 300 && compiled > 100, "{refused} refused, {compiled} compiled");
}

/// Random straight-line programs on numbers or ints (the folding property
/// test's generator: every arithmetic, bit and guard op on edge-case and
/// random operands), as written and folded: the exit and every value the
/// final snapshot keeps are the evaluator's, bit for bit.
#[test]
fn random_programs_match_the_evaluator() {
    use crate::ir::eval::eval;
    use crate::ir::Snapshot;
    use crate::opt::fold_props::random_program;
    let mut rng = Rng(0x5eed_0bad_f00d_0005);
    let (mut exits, mut finished) = (0, 0);
    for round in 0..600 {
        let ints = round % 2 == 1;
        let mut raw = random_program(&mut rng, ints);
        // Guards leave through a snapshot at the start that changes nothing.
        raw.snaps.insert(0, Snapshot { at: Ref::FIRST, pc: 0, nslots: 0, entries: vec![], base: 0 });
        let mut src = raw.clone();
        src.opts = OptFlags::all();
        let folded = crate::opt::reemit(&src).ok();
        for ir in [Some(raw), folded].into_iter().flatten() {
            let code = compile(&ir).unwrap_or_else(|e| panic!("{e}\n{}", ir.dump()));
            let last = ir.snaps.len() - 1;
            for _ in 0..6 {
                let start = if ints {
                    [Val::None, Val::None, Val::Int(rng.int()), Val::Int(rng.int())]
                } else {
                    [Val::None, Val::None, Val::Num(rng.num()), Val::Num(rng.num())]
                };
                let mut slots = box_slots(&start, &[]);
                slots.resize(4 + ir.snaps[last].entries.len(), Value::NIL.bits());
                let exit = run(&code, &mut slots) as usize;
                let Ok(vals) = eval(&ir, &start) else {
                    assert_eq!(exit, 0, "should exit for {start:?}:\n{}", ir.dump());
                    exits += 1;
                    continue;
                };
                assert_eq!(exit, last, "should not exit for {start:?}:\n{}", ir.dump());
                finished += 1;
                for e in &ir.snaps[last].entries {
                    let v = if let Some(x) = ir.num_of(e.val) {
                        Val::Num(x)
                    } else if let Some(i) = ir.int_of(e.val) {
                        Val::Int(i)
                    } else {
                        vals[(e.val.0 - crate::ir::BIAS) as usize]
                    };
                    let want = match v {
                        Val::Num(x) => x.to_bits(),
                        Val::Int(i) => num(i as f64),
                        _ => continue,
                    };
                    let got = slots[e.slot as usize];
                    assert_eq!(
                        got,
                        want,
                        "slot {} for {start:?}: want {v:?}, got {:?}\n{}",
                        e.slot,
                        Value::from_bits(got),
                        ir.dump()
                    );
                }
            }
        }
    }
    assert!(exits > 200 && finished > 2000, "{exits} exits, {finished} finished");
}

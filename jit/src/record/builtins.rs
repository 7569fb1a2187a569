//! Builtin functions the recorder turns into IR instead of a call (LuaJIT's
//! lj_ffrecord.c). A call is recognised by the callee's identity: the
//! function objects the libraries created, looked up once when the JIT is
//! installed, and guarded in the trace (a script that replaces `math.sqrt`
//! gets a guard that fails, not a wrong result).

use super::{Abort, Rec, Recorder};
use crate::ir::ops::{FPM_CEIL, FPM_FLOOR, FPM_SQRT};
use crate::ir::{Ins, IrType, Op, Ref};
use neap_vm::func::Function;
use neap_vm::{Value, Vm};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    MathAbs,
    MathFloor,
    MathCeil,
    MathSqrt,
    MathMin,
    MathMax,
    BitTobit,
    BitBnot,
    BitBswap,
    /// band, bor, bxor (any number of arguments), and the shifts and rotates.
    BitBinary(Op),
    /// The iterator `ipairs` returns.
    IpairsAux,
}

/// The builtins of one VM, by function object.
#[derive(Default)]
pub struct Builtins {
    by_function: HashMap<usize, Builtin>,
}

impl Builtins {
    /// Finds the library functions in `vm`'s globals.
    pub fn find(vm: &mut Vm) -> Builtins {
        let mut b = Builtins::default();
        let table = [
            ("math", "abs", Builtin::MathAbs),
            ("math", "floor", Builtin::MathFloor),
            ("math", "ceil", Builtin::MathCeil),
            ("math", "sqrt", Builtin::MathSqrt),
            ("math", "min", Builtin::MathMin),
            ("math", "max", Builtin::MathMax),
            ("bit", "tobit", Builtin::BitTobit),
            ("bit", "bnot", Builtin::BitBnot),
            ("bit", "bswap", Builtin::BitBswap),
            ("bit", "band", Builtin::BitBinary(Op::BAND)),
            ("bit", "bor", Builtin::BitBinary(Op::BOR)),
            ("bit", "bxor", Builtin::BitBinary(Op::BXOR)),
            ("bit", "lshift", Builtin::BitBinary(Op::BSHL)),
            ("bit", "rshift", Builtin::BitBinary(Op::BSHR)),
            ("bit", "arshift", Builtin::BitBinary(Op::BSAR)),
            ("bit", "rol", Builtin::BitBinary(Op::BROL)),
            ("bit", "ror", Builtin::BitBinary(Op::BROR)),
        ];
        for (lib, name, which) in table {
            let Some(f) = library_function(vm, lib, name) else { continue };
            b.by_function.insert(f as usize, which);
        }
        // `ipairs`'s iterator is no global: ask `ipairs` for it.
        let ipairs = vm.get_global("ipairs");
        let t = vm.new_table(0, 0);
        if let Ok(r) = vm.call(ipairs, &[neap_vm::Value::table(t)]) {
            if let Some(f) = r.first().and_then(|v| v.as_function_ptr()) {
                b.by_function.insert(f as usize, Builtin::IpairsAux);
            }
        }
        b
    }

    pub fn get(&self, f: *mut Function) -> Option<Builtin> {
        self.by_function.get(&(f as usize)).copied()
    }
}

fn library_function(vm: &mut Vm, lib: &str, name: &str) -> Option<*mut Function> {
    let libv = vm.get_global(lib);
    let t = libv.as_table_ptr()?;
    let key = vm.new_str(name.as_bytes());
    // The library table is reachable from the globals.
    let v: Value = unsafe { (*t).get_str(key) };
    v.as_function_ptr()
}

impl Recorder {
    /// Records a builtin call on `args` (whose runtime values are `vals`);
    /// returns its results.
    pub(super) fn builtin(&mut self, b: Builtin, args: &[Ref], vals: &[Value]) -> Rec<Vec<Ref>> {
        let number = |i: usize| -> Rec<()> {
            match vals.get(i) {
                Some(v) if v.is_number() => Ok(()),
                _ => Err(Abort::nyi("builtin with a non-number argument")),
            }
        };
        match b {
            Builtin::MathAbs | Builtin::MathFloor | Builtin::MathCeil | Builtin::MathSqrt => {
                number(0)?;
                let x = self.to_num(args[0])?;
                let r = match b {
                    Builtin::MathAbs => self.emit(Op::ABS, IrType::Num, x, Ref::DROP)?,
                    _ => {
                        let mode = match b {
                            Builtin::MathFloor => FPM_FLOOR,
                            Builtin::MathCeil => FPM_CEIL,
                            _ => FPM_SQRT,
                        };
                        self.ir.emit(Ins::new(Op::FPMATH, IrType::Num, x.0, mode))?
                    }
                };
                Ok(vec![r])
            }
            Builtin::BitTobit | Builtin::BitBnot | Builtin::BitBswap => {
                number(0)?;
                let x = self.to_bit(args[0])?;
                let r = match b {
                    Builtin::BitTobit => x,
                    Builtin::BitBnot => self.emit(Op::BNOT, IrType::Int, x, Ref::DROP)?,
                    _ => self.emit(Op::BSWAP, IrType::Int, x, Ref::DROP)?,
                };
                Ok(vec![r])
            }
            Builtin::BitBinary(op) => {
                let variadic = matches!(op, Op::BAND | Op::BOR | Op::BXOR);
                if args.is_empty() || (!variadic && args.len() != 2) || (variadic && args.len() < 2) {
                    return Err(Abort::nyi("bit operation arity"));
                }
                number(0)?;
                let mut r = self.to_bit(args[0])?;
                for i in 1..args.len() {
                    number(i)?;
                    let y = self.to_bit(args[i])?;
                    r = self.emit(op, IrType::Int, r, y)?;
                }
                Ok(vec![r])
            }
            Builtin::IpairsAux => {
                let (Some(tv), Some(iv)) = (vals.first(), vals.get(1)) else {
                    return Err(Abort::nyi("ipairs iterator arguments"));
                };
                if !tv.is_table() || !iv.is_number() {
                    return Err(Abort::nyi("ipairs iterator arguments"));
                }
                let n = iv.num_unchecked() + 1.0;
                if n as i32 as f64 != n {
                    return Err(Abort::nyi("ipairs index"));
                }
                let i = self.to_num(args[1])?;
                let one = self.ir.knum(1.0);
                let next = self.emit(Op::ADD, IrType::Num, i, one)?;
                let k = self.ir.conv(next, IrType::Int, IrType::Num, crate::ir::ops::CONV_INDEX)?;
                let v = self.get_index(args[0], *tv, k, n as i64)?;
                if self.ty(v) == IrType::Nil {
                    return Ok(vec![Ref::NIL]);
                }
                Ok(vec![next, v])
            }
            Builtin::MathMin | Builtin::MathMax => {
                if args.is_empty() {
                    return Err(Abort::nyi("math.min/max without arguments"));
                }
                number(0)?;
                let mut m = self.to_num(args[0])?;
                for i in 1..args.len() {
                    number(i)?;
                    let x = self.to_num(args[i])?;
                    let op = if b == Builtin::MathMin { Op::MIN } else { Op::MAX };
                    m = self.emit(op, IrType::Num, m, x)?;
                }
                Ok(vec![m])
            }
        }
    }
}

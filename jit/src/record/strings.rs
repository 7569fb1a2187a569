//! Recording operations that make strings: `..` (CAT), `tostring` of a
//! number and `string.sub`. Each becomes a call of a `layout::strings`
//! helper, which allocates through the VM and computes what the
//! interpreter computes; a result the helper refuses (null: a metamethod
//! or an error the interpreter must handle) fails a guard, and the
//! interpreter redoes the operation.
//!
//! The calls are `CALLN`: strings are interned and immutable, so the same
//! arguments give the same string, which lets CSE, DCE and loop hoisting
//! treat them as pure (no collection runs inside a trace).

use super::{type_of, Abort, Rec, Recorder};
use crate::ir::ops::CONV_CHECK;
use crate::ir::{IrType, Op, Ref};
use neap_vm::{Value, Vm};

impl Recorder {
    /// `CAT a b c`: `a = b .. ... .. c`, for strings and numbers, joined
    /// left to right; a number joins without a string of its own first.
    pub(super) fn concat(&mut self, vm: &Vm, a: usize, b: usize, c: usize) -> Rec<()> {
        // Each operand as (IR value, whether it is a number).
        let mut operands = Vec::with_capacity(c + 1 - b);
        for r in b..=c {
            let v = self.rv(vm, r);
            let x = self.reg(vm, r)?;
            operands.push(match type_of(v) {
                IrType::Str => (x, false),
                IrType::Num | IrType::Int => (self.to_num(x)?, true),
                _ => return Err(Abort::nyi("concatenation of a non-string")),
            });
        }
        let mut rest = operands.into_iter();
        let (first, first_is_num) = rest.next().ok_or_else(|| Abort::nyi("empty concatenation"))?;
        let mut acc = match rest.next() {
            None if first_is_num => self.string_call("num_to_str", &[first])?,
            None => first,
            Some((second, second_is_num)) => {
                let joined = match (first_is_num, second_is_num) {
                    (false, false) => self.string_call("str_concat", &[first, second])?,
                    (false, true) => self.string_call("str_concat_num", &[first, second])?,
                    (true, false) => self.string_call("num_concat_str", &[first, second])?,
                    (true, true) => {
                        let s = self.string_call("num_to_str", &[first])?;
                        self.string_call("str_concat_num", &[s, second])?
                    }
                };
                // Null: too long; the interpreter raises the error.
                self.non_null(joined)?;
                joined
            }
        };
        for (x, is_num) in rest {
            acc = self.string_call(if is_num { "str_concat_num" } else { "str_concat" }, &[acc, x])?;
            self.non_null(acc)?;
        }
        self.set_reg(a, acc)
    }

    /// `tostring(x)` for a number `x`.
    pub(super) fn tostring_number(&mut self, args: &[Ref], vals: &[Value]) -> Rec<Vec<Ref>> {
        if !vals.first().is_some_and(|v| v.is_number()) {
            return Err(Abort::nyi("FastFunc tostring of a non-number"));
        }
        let n = self.to_num(args[0])?;
        let s = self.string_call("num_tostring", &[n])?;
        // Null: numbers have a `__tostring` metamethod now.
        self.non_null(s)?;
        Ok(vec![s])
    }

    /// `string.sub(s, i [, j])` with integer positions.
    pub(super) fn string_sub(&mut self, args: &[Ref], vals: &[Value]) -> Rec<Vec<Ref>> {
        if args.len() < 2 || args.len() > 3 || !vals[0].is_string() {
            return Err(Abort::nyi("FastFunc string.sub"));
        }
        let i = self.int_arg(args.get(1).copied(), vals.get(1).copied(), None)?;
        let j = self.int_arg(args.get(2).copied(), vals.get(2).copied(), Some(-1))?;
        Ok(vec![self.string_call("str_sub", &[args[0], i, j])?])
    }

    /// An integer argument of a string function: a number with an integer
    /// value (guarded; the interpreter truncates others), or `default` when
    /// absent or nil.
    pub(super) fn int_arg(&mut self, arg: Option<Ref>, val: Option<Value>, default: Option<i32>) -> Rec<Ref> {
        let (Some(arg), Some(val)) = (arg, val) else {
            return default.map(|d| self.ir.kint(d)).ok_or_else(|| Abort::nyi("missing integer argument"));
        };
        if val.is_nil() {
            return default.map(|d| self.ir.kint(d)).ok_or_else(|| Abort::nyi("missing integer argument"));
        }
        let n = val.as_number().ok_or_else(|| Abort::nyi("non-number integer argument"))?;
        if n as i32 as f64 != n {
            return Err(Abort::nyi("non-integer argument"));
        }
        match self.ty(arg) {
            IrType::Int => Ok(arg),
            IrType::Num => {
                self.snap()?;
                Ok(self.ir.conv(arg, IrType::Int, IrType::Num, CONV_CHECK)?)
            }
            _ => Err(Abort::nyi("non-number integer argument")),
        }
    }

    /// A call of the string helper `name` on `args` (a CARG chain).
    fn string_call(&mut self, name: &str, args: &[Ref]) -> Rec<Ref> {
        self.call_helper(Op::CALLN, IrType::Str, name, args)
    }

    /// Guards that a helper's string result is not null.
    fn non_null(&mut self, s: Ref) -> Rec<()> {
        let null = self.ir.kptr(0);
        self.guard(Op::NE, IrType::P64, s, null)?;
        Ok(())
    }
}

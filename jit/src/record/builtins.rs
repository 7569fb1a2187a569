//! Builtin functions the recorder turns into IR instead of a call (LuaJIT's
//! lj_ffrecord.c). A call is recognised by the callee's identity: the
//! function objects the libraries created, looked up once when the JIT is
//! installed, and guarded in the trace (a script that replaces `math.sqrt`
//! gets a guard that fails, not a wrong result).
//!
//! Covered: `math` (abs floor ceil sqrt min max as IR; sin cos tan asin acos
//! atan sinh cosh tanh exp log log10 atan2 fmod pow and modf's fraction as
//! calls of `layout` helpers, the interpreter's own functions; deg and rad
//! as one multiplication), `bit.*`, `ipairs` and its iterator, `pairs` and
//! `next` (after nil, number and string keys), `type`,
//! `string.len`, `string.byte` of one position, `string.sub` and
//! `tostring` of a number (`strings.rs`), `rawget`/`rawset`/
//! `rawequal`, `select` and `unpack` with guarded constant counts. Anything
//! else, and any argument the interpreter would convert or reject, aborts
//! the recording; the interpreter then runs the call and raises its error.

use super::{Abort, Rec, Recorder};
use crate::ir::ops::{FPM_CEIL, FPM_FLOOR, FPM_SQRT, FPM_TRUNC};
use crate::ir::{Ins, IrType, Op, Ref};
use neap_vm::func::Function;
use neap_vm::{Value, Vm};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// A one-argument math function computed by the backend helper of
    /// that name (`layout::math`), as the interpreter computes it.
    MathCall1(&'static str),
    /// A two-argument math function (helper name).
    MathCall2(&'static str),
    /// `math.log(x [, base])`.
    MathLog,
    /// `math.deg` / `math.rad`: one multiplication by the constant factor.
    MathScale(f64),
    /// `type(x)`: a constant string decided by the guarded type of `x`.
    Type,
    StringLen,
    /// `string.byte(s [, i])` for one position.
    StringByte,
    MathModf,
    RawGet,
    RawSet,
    SetMetatable,
    RawEqual,
    /// `select('#', ...)` and `select(n, ...)` on the call's fixed arguments.
    Select,
    /// `unpack(t [, i [, j]])` of a range fixed by guards: array loads.
    Unpack,
    /// `tostring(n)` of a number.
    ToString,
    /// `string.sub(s, i [, j])` with integer positions.
    StringSub,
    /// `pairs(t)` on a table: `next`, `t`, nil.
    Pairs,
    /// `ipairs(t)` on a table: its iterator, `t`, 0.
    Ipairs,
    /// `next(t [, k])` after a nil, number or string key: a helper call
    /// that leaves the pair in a buffer, and guarded loads from it.
    Next,
}

/// The builtins of one VM, by function object.
#[derive(Default)]
pub struct Builtins {
    by_function: HashMap<usize, Builtin>,
    /// The strings `type` returns, pinned in the VM so traces may embed them.
    type_names: HashMap<&'static str, Value>,
    /// The `next` that `pairs` returns (pinned by the base library).
    next: Option<Value>,
    /// The iterator `ipairs` returns (pinned by the base library).
    ipairs_aux: Option<Value>,
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
            ("math", "sin", Builtin::MathCall1("sin")),
            ("math", "cos", Builtin::MathCall1("cos")),
            ("math", "tan", Builtin::MathCall1("tan")),
            ("math", "asin", Builtin::MathCall1("asin")),
            ("math", "acos", Builtin::MathCall1("acos")),
            ("math", "atan", Builtin::MathCall1("atan")),
            ("math", "sinh", Builtin::MathCall1("sinh")),
            ("math", "cosh", Builtin::MathCall1("cosh")),
            ("math", "tanh", Builtin::MathCall1("tanh")),
            ("math", "exp", Builtin::MathCall1("exp")),
            ("math", "log10", Builtin::MathCall1("log10")),
            ("math", "log", Builtin::MathLog),
            ("math", "atan2", Builtin::MathCall2("atan2")),
            ("math", "fmod", Builtin::MathCall2("fmod")),
            ("math", "pow", Builtin::MathCall2("pow")),
            // The factors of `vm/src/stdlib/math.rs`'s `deg` and `rad`.
            ("math", "deg", Builtin::MathScale(57.29577951308232)),
            ("math", "rad", Builtin::MathScale(0.017453292519943295)),
            ("_G", "type", Builtin::Type),
            ("_G", "rawget", Builtin::RawGet),
            ("_G", "rawset", Builtin::RawSet),
            ("_G", "setmetatable", Builtin::SetMetatable),
            ("_G", "rawequal", Builtin::RawEqual),
            ("_G", "select", Builtin::Select),
            ("_G", "unpack", Builtin::Unpack),
            ("_G", "pairs", Builtin::Pairs),
            ("_G", "ipairs", Builtin::Ipairs),
            ("_G", "tostring", Builtin::ToString),
            ("string", "sub", Builtin::StringSub),
            ("math", "modf", Builtin::MathModf),
            ("string", "len", Builtin::StringLen),
            ("string", "byte", Builtin::StringByte),
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
        for name in ["nil", "boolean", "number", "string", "table", "function", "userdata", "thread"] {
            let v = vm.new_str(name.as_bytes());
            if !vm.pinned.contains(&v) {
                vm.pinned.push(v);
            }
            b.type_names.insert(name, v);
        }
        // `ipairs`'s iterator is no global: ask `ipairs` for it.
        let ipairs = vm.get_global("ipairs");
        let t = vm.new_table(0, 0);
        if let Ok(r) = vm.call(ipairs, &[neap_vm::Value::table(t)]) {
            if let Some(f) = r.first().and_then(|v| v.as_function_ptr()) {
                b.by_function.insert(f as usize, Builtin::IpairsAux);
                b.ipairs_aux = Some(r[0]);
            }
        }
        // So is the `next` `pairs` returns (the global may be replaced).
        let pairs = vm.get_global("pairs");
        if let Ok(r) = vm.call(pairs, &[neap_vm::Value::table(t)]) {
            if let Some(f) = r.first().and_then(|v| v.as_function_ptr()) {
                b.by_function.insert(f as usize, Builtin::Next);
                b.next = Some(r[0]);
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
            Builtin::Pairs => {
                let (Some(next), true) = (self.builtins.next, vals.first().is_some_and(|v| v.is_table())) else {
                    return Err(Abort::nyi("pairs of a non-table"));
                };
                let next = self.kvalue(next);
                Ok(vec![next, args[0], Ref::NIL])
            }
            Builtin::Ipairs => {
                let (Some(aux), true) = (self.builtins.ipairs_aux, vals.first().is_some_and(|v| v.is_table())) else {
                    return Err(Abort::nyi("ipairs of a non-table"));
                };
                let aux = self.kvalue(aux);
                Ok(vec![aux, args[0], self.ir.knum(0.0)])
            }
            Builtin::Next => self.next_pair(args, vals),
            Builtin::ToString => self.tostring_number(args, vals),
            Builtin::StringSub => self.string_sub(args, vals),
            Builtin::MathCall1(name) => {
                number(0)?;
                let x = self.to_num(args[0])?;
                Ok(vec![self.call_math(name, &[x])?])
            }
            Builtin::MathCall2(name) => {
                number(0)?;
                number(1)?;
                let x = self.to_num(args[0])?;
                let y = self.to_num(args[1])?;
                Ok(vec![self.call_math(name, &[x, y])?])
            }
            Builtin::MathLog => {
                number(0)?;
                let x = self.to_num(args[0])?;
                if args.len() < 2 {
                    return Ok(vec![self.call_math("log", &[x])?]);
                }
                // log2(x) * (1 / log2(base)), the interpreter's formula.
                number(1)?;
                let base = self.to_num(args[1])?;
                let lx = self.call_math("log2", &[x])?;
                let lb = self.call_math("log2", &[base])?;
                let one = self.ir.knum(1.0);
                let inv = self.emit(Op::DIV, IrType::Num, one, lb)?;
                Ok(vec![self.emit(Op::MUL, IrType::Num, lx, inv)?])
            }
            Builtin::MathScale(factor) => {
                // Only numbers: the interpreter's Lua-like definition also
                // takes strings and `__mul` metamethods.
                number(0)?;
                let x = self.to_num(args[0])?;
                let k = self.ir.knum(factor);
                Ok(vec![self.emit(Op::MUL, IrType::Num, x, k)?])
            }
            Builtin::Type => {
                let Some(v) = vals.first() else {
                    return Err(Abort::nyi("type without an argument"));
                };
                // The argument's IR type is guarded: its name is a constant.
                let name = match self.ty(args[0]) {
                    IrType::Num | IrType::Int => "number",
                    IrType::Nil
                    | IrType::False
                    | IrType::True
                    | IrType::Str
                    | IrType::Tab
                    | IrType::Func
                    | IrType::Udata
                    | IrType::LightUd
                    | IrType::Thread => v.type_name(),
                    t => return Err(Abort::nyi(format!("type of {}", t.name()))),
                };
                let Some(&s) = self.builtins.type_names.get(name) else {
                    return Err(Abort::nyi("FastFunc type"));
                };
                Ok(vec![self.kvalue(s)])
            }
            Builtin::StringLen => {
                if self.ty(args.first().copied().unwrap_or(Ref::NIL)) != IrType::Str {
                    return Err(Abort::nyi("FastFunc string.len on a non-string"));
                }
                let n = self.ir.emit(Ins::new(Op::FLOAD, IrType::Int, args[0].0, super::field("str.len")))?;
                Ok(vec![self.ir.conv(n, IrType::Num, IrType::Int, 0)?])
            }
            Builtin::StringByte => {
                if args.len() > 2 || self.ty(args.first().copied().unwrap_or(Ref::NIL)) != IrType::Str {
                    return Err(Abort::nyi("FastFunc string.byte"));
                }
                let pos_now = match vals.get(1).and_then(|v| v.as_number()) {
                    Some(n) => n as i32,
                    None => 1,
                };
                let pos = self.int_arg(args.get(1).copied(), vals.get(1).copied(), Some(1))?;
                let b = self.call_helper(Op::CALLN, IrType::Int, "str_byte", &[args[0], pos])?;
                // A position outside the string returns nothing: the trace
                // follows what this call does now and leaves on the other case.
                let s_now = vals[0].as_string_ptr().ok_or_else(|| Abort::nyi("FastFunc string.byte"))?;
                // Safety: `s_now` is the live argument string of the call being recorded.
                let found = unsafe { neap_vm::layout::str_byte(s_now, pos_now) } >= 0;
                let zero = self.ir.kint(0);
                if !found {
                    self.guard(Op::LT, IrType::Int, b, zero)?;
                    return Ok(vec![]);
                }
                self.guard(Op::GE, IrType::Int, b, zero)?;
                Ok(vec![self.ir.conv(b, IrType::Num, IrType::Int, 0)?])
            }
            Builtin::MathModf => {
                number(0)?;
                let x = self.to_num(args[0])?;
                let whole = self.ir.emit(Ins::new(Op::FPMATH, IrType::Num, x.0, FPM_TRUNC))?;
                let frac = self.call_math("modf_frac", &[x])?;
                Ok(vec![whole, frac])
            }
            Builtin::RawGet => {
                let (Some(&tv), Some(&kv)) = (vals.first(), vals.get(1)) else {
                    return Err(Abort::nyi("FastFunc rawget"));
                };
                if self.ty(args[0]) != IrType::Tab {
                    return Err(Abort::nyi("FastFunc rawget"));
                }
                // The table paths guard "no metatable" wherever a nil is
                // read: stricter than needed for a raw read, never wrong.
                Ok(vec![self.get_dynamic(None, args[0], tv, args[1], kv)?])
            }
            Builtin::RawSet => {
                let (Some(&tv), Some(&kv), Some(_)) = (vals.first(), vals.get(1), vals.get(2)) else {
                    return Err(Abort::nyi("FastFunc rawset"));
                };
                if self.ty(args[0]) != IrType::Tab {
                    return Err(Abort::nyi("FastFunc rawset"));
                }
                if kv.is_string() {
                    let kc = self.kvalue(kv);
                    self.guard(Op::EQ, IrType::Str, args[1], kc)?;
                    self.set_field(args[0], tv, kv, args[2])?;
                } else {
                    self.snap()?;
                    let (k, n) = self.index_key(args[1], kv)?;
                    self.set_index(args[0], tv, k, n, args[2])?;
                }
                Ok(vec![args[0]])
            }
            Builtin::SetMetatable => {
                // A table gets a table: the call does it, and says whether
                // the old metatable was protected (then the interpreter
                // redoes the call and raises the error).
                let tables = args.len() == 2 && args.iter().all(|&a| self.ty(a) == IrType::Tab);
                if !tables {
                    return Err(Abort::nyi("FastFunc setmetatable"));
                }
                let done = self.call_helper(Op::CALLS, IrType::Int, "table_set_metatable", args)?;
                let zero = self.ir.kint(0);
                self.guard(Op::NE, IrType::Int, done, zero)?;
                Ok(vec![args[0]])
            }
            Builtin::RawEqual => {
                let (Some(&av), Some(&bv)) = (vals.first(), vals.get(1)) else {
                    return Err(Abort::nyi("FastFunc rawequal"));
                };
                Ok(vec![self.raw_equal(args[0], av, args[1], bv)?])
            }
            Builtin::Select => {
                let Some(&nv) = vals.first() else {
                    return Err(Abort::nyi("FastFunc select"));
                };
                let rest = &args[1..];
                if unsafe { nv.str_bytes() } == Some(b"#") {
                    let kc = self.kvalue(nv);
                    self.guard(Op::EQ, IrType::Str, args[0], kc)?;
                    return Ok(vec![self.ir.knum(rest.len() as f64)]);
                }
                // A positive integer position, fixed by a guard.
                let n = nv.as_number().ok_or_else(|| Abort::nyi("FastFunc select"))?;
                if n < 1.0 || n != n.trunc() || n > rest.len() as f64 {
                    return Err(Abort::nyi("FastFunc select"));
                }
                let x = self.to_num(args[0]).map_err(|_| Abort::nyi("FastFunc select"))?;
                let kn = self.ir.knum(n);
                self.guard(Op::EQ, IrType::Num, x, kn)?;
                Ok(rest[n as usize - 1..].to_vec())
            }
            Builtin::Unpack => {
                let Some(&tv) = vals.first() else {
                    return Err(Abort::nyi("FastFunc unpack"));
                };
                if self.ty(args[0]) != IrType::Tab {
                    return Err(Abort::nyi("FastFunc unpack"));
                }
                let i = match vals.get(1) {
                    None => 1,
                    Some(v) if v.is_nil() => 1,
                    Some(&v) => self.fixed_int(args[1], v, "unpack")?,
                };
                let j = match vals.get(2) {
                    Some(&v) if !v.is_nil() => self.fixed_int(args[2], v, "unpack")?,
                    _ => {
                        let t = tv.as_table_ptr().ok_or_else(|| Abort::nyi("FastFunc unpack"))?;
                        // The argument table is live: a register holds it.
                        let len = unsafe { (*t).len() } as i64;
                        let n = self.emit(Op::ALEN, IrType::Int, args[0], Ref::NIL)?;
                        let kn = self.ir.kint(len as i32);
                        self.guard(Op::EQ, IrType::Int, n, kn)?;
                        len
                    }
                };
                if i > j {
                    return Ok(vec![]);
                }
                if j - i >= 16 {
                    return Err(Abort::nyi("FastFunc unpack of a long range"));
                }
                let mut out = Vec::new();
                for k in i..=j {
                    let kr = self.ir.kint(k as i32);
                    out.push(self.get_index(args[0], tv, kr, k)?);
                }
                Ok(out)
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

    /// `CALLN` of the backend helper `name` on doubles, returning a double.
    /// `next(t, k)`: the pair the interpreter will find decides the path;
    /// a guard on the helper's answer keeps it (null means the end or a
    /// bad key: the trace leaves and the interpreter calls `next` itself).
    fn next_pair(&mut self, args: &[Ref], vals: &[Value]) -> Rec<Vec<Ref>> {
        let Some(tv) = vals.first().filter(|v| v.is_table()) else {
            return Err(Abort::nyi("next of a non-table"));
        };
        let kv = vals.get(1).copied().unwrap_or(Value::NIL);
        let tab = tv.as_table_ptr().unwrap();
        // The table is live: a register holds it.
        let Ok(found) = (unsafe { (*tab).next(kv) }) else {
            return Err(Abort::nyi("invalid key to next"));
        };
        let t = args[0];
        let (helper, helper_args) = if kv.is_nil() {
            ("table_next_nil", vec![t])
        } else if kv.is_number() {
            ("table_next_num", vec![t, self.to_num(args[1])?])
        } else if kv.is_string() {
            ("table_next_str", vec![t, args[1]])
        } else {
            return Err(Abort::nyi("next after a key of this type"));
        };
        let pair = self.call_helper(Op::CALLS, IrType::P64, helper, &helper_args)?;
        let null = self.ir.kptr(0);
        let Some((k, v)) = found else {
            self.guard(Op::EQ, IrType::P64, pair, null)?;
            return Ok(vec![Ref::NIL]);
        };
        self.guard(Op::NE, IrType::P64, pair, null)?;
        let mut results = Vec::with_capacity(2);
        for (i, x) in [k, v].into_iter().enumerate() {
            let i = self.ir.kint(i as i32);
            let addr = self.emit(Op::AREF, IrType::P64, pair, i)?;
            results.push(self.load(Op::ALOAD, super::type_of(x), addr)?);
        }
        Ok(results)
    }

    fn call_math(&mut self, name: &str, args: &[Ref]) -> Rec<Ref> {
        self.call_helper(Op::CALLN, IrType::Num, name, args)
    }

    /// `rawequal(a, b)` as a constant decided now, with a guard that keeps
    /// the decision true.
    fn raw_equal(&mut self, a: Ref, av: Value, b: Ref, bv: Value) -> Rec<Ref> {
        let (ta, tb) = (self.ty(a), self.ty(b));
        let answer = |eq: bool| if eq { Ref::TRUE } else { Ref::FALSE };
        if av.is_number() && bv.is_number() {
            let (x, y) = (self.to_num(a)?, self.to_num(b)?);
            let eq = av.num_unchecked() == bv.num_unchecked();
            // NE holds for NaN operands, as `==` fails on them.
            self.guard(if eq { Op::EQ } else { Op::NE }, IrType::Num, x, y)?;
            return Ok(answer(eq));
        }
        if ta != tb {
            // Both types are guarded: different types are never equal.
            return Ok(answer(false));
        }
        match ta {
            IrType::Nil | IrType::False | IrType::True => Ok(answer(true)),
            IrType::Str | IrType::Tab | IrType::Func | IrType::Udata | IrType::Thread | IrType::LightUd => {
                // Strings are interned: equal strings are the same object.
                let eq = av.bits() == bv.bits();
                self.guard(if eq { Op::EQ } else { Op::NE }, ta, a, b)?;
                Ok(answer(eq))
            }
            _ => Err(Abort::nyi("FastFunc rawequal")),
        }
    }

    /// An integer argument whose value the trace fixes with a guard.
    fn fixed_int(&mut self, r: Ref, v: Value, name: &str) -> Rec<i64> {
        let nyi = || Abort::nyi(format!("FastFunc {}", name));
        let n = v.as_number().ok_or_else(nyi)?;
        if n != n.trunc() || n.abs() > 1e9 {
            return Err(nyi());
        }
        let x = self.to_num(r).map_err(|_| nyi())?;
        let kn = self.ir.knum(n);
        self.guard(Op::EQ, IrType::Num, x, kn)?;
        Ok(n as i64)
    }
}

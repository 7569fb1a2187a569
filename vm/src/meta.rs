//! The slow paths of Lua operations: metatables, metamethods, coercions,
//! and the "attempt to ..." errors, as LuaJIT applies them.
//!
//! Each operation comes in two forms: a `*_step` that stops where a
//! metamethod must be called (the interpreter then calls it as a Lua frame,
//! so coroutines can yield inside metamethods), and a plain form for native
//! code that calls the metamethod through a nested interpreter loop.

use crate::error::{LuaError, LuaResult};
use crate::state::{MetaMethod, Vm};
use crate::table::{Table, TableKeyError};
use crate::value::{Tag, Value};

/// Where an operand came from, so an error can name it
/// (`local 'x'`, `field 'y'`...): a slot of the running Lua frame.
pub type Culprit = Option<usize>;

/// An operation that either finished, or needs a metamethod called with
/// the first `n` of the given arguments (its first result is the answer).
pub enum Step {
    Done(Value),
    Call(Value, [Value; 3], usize),
}

/// A comparison that either finished, or needs a metamethod called; the
/// truth of its first result, flipped if `negate`, is the answer.
pub enum CmpStep {
    Done(bool),
    Call { mm: Value, a: Value, b: Value, negate: bool },
}

/// Longest string LuaJIT makes (`LJ_MAX_STR`); longer gives
/// `string length overflow`.
pub const MAX_STRING_LEN: usize = 0x7fff_ff00;

/// A concatenation that finished, or needs `__concat` called (see
/// [`Vm::concat_step`]).
pub enum ConcatStep {
    Done(Value),
    Call(Value, [Value; 2], usize),
}

/// Which of `Vm::basic_mt` a value of a basic type uses.
pub fn basic_type_index(v: Value) -> Option<usize> {
    match v.tag() {
        None => Some(0),
        Some(Tag::Nil) => Some(1),
        Some(Tag::False | Tag::True) => Some(2),
        Some(Tag::LightUserdata) => Some(3),
        Some(Tag::Function) => Some(4),
        Some(Tag::Thread) => Some(5),
        _ => None,
    }
}

/// Arithmetic operators that have metamethods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

impl Arith {
    fn metamethod(self) -> MetaMethod {
        match self {
            Arith::Add => MetaMethod::Add,
            Arith::Sub => MetaMethod::Sub,
            Arith::Mul => MetaMethod::Mul,
            Arith::Div => MetaMethod::Div,
            Arith::Mod => MetaMethod::Mod,
            Arith::Pow => MetaMethod::Pow,
        }
    }

    /// The operation on numbers, as LuaJIT's interpreter computes it.
    #[inline(always)]
    pub fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            Arith::Add => a + b,
            Arith::Sub => a - b,
            Arith::Mul => a * b,
            Arith::Div => a / b,
            Arith::Mod => lua_mod(a, b),
            Arith::Pow => a.powf(b),
        }
    }
}

/// `a % b` as Lua 5.1 defines it: `a - floor(a/b)*b`.
#[inline(always)]
pub fn lua_mod(a: f64, b: f64) -> f64 {
    a - floor(a / b) * b
}

/// `floor` without a libm call on CPUs without SSE4.1 (the baseline x86-64
/// target): exact for every double, -0 and integers returned unchanged.
#[inline(always)]
pub fn floor(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        let t = x as i64 as f64;
        if t == x {
            x
        } else if t > x {
            t - 1.0
        } else {
            t
        }
    } else {
        // Already integral, infinite or NaN.
        x
    }
}

/// A number from a number or a numeric string (arithmetic coercion).
pub fn to_number(v: Value) -> Option<f64> {
    if let Some(n) = v.as_number() {
        return Some(n);
    }
    // A string operand is live during the operation.
    let bytes = unsafe { v.str_bytes() }?;
    crate::strscan::str_to_number(bytes)
}

impl Vm {
    /// The metatable of any value (tables and userdata carry their own;
    /// strings share one).
    pub fn metatable_of(&self, v: Value) -> *mut Table {
        match v.tag() {
            // Values handed to operations are live.
            Some(Tag::Table) => unsafe { (*v.as_table_ptr().unwrap()).metatable },
            Some(Tag::Userdata) => unsafe { (*v.as_userdata_ptr().unwrap()).metatable },
            Some(Tag::Str) => self.string_mt,
            _ => match basic_type_index(v) {
                Some(i) => self.basic_mt[i],
                None => std::ptr::null_mut(),
            },
        }
    }

    /// The metamethod `mm` of `v`, or nil.
    #[inline]
    pub fn metamethod(&self, v: Value, mm: MetaMethod) -> Value {
        let mt = self.metatable_of(v);
        if mt.is_null() {
            return Value::NIL;
        }
        // Metatables of live values are live.
        unsafe { (*mt).get_str(self.mm_name(mm)) }
    }

    /// Calls a metamethod with `args`, returning its first result.
    pub fn call_meta(&mut self, mm: Value, args: &[Value]) -> LuaResult<Value> {
        self.call1(mm, args)
    }

    /// `attempt to <op> <kind> '<name>' (a <type> value)`, naming the slot
    /// when the culprit is a slot of the running Lua frame.
    #[inline(never)]
    pub fn op_error(&mut self, op: &str, v: Value, culprit: Culprit) -> LuaError {
        let tname = v.type_name();
        let named = culprit.and_then(|slot| self.describe_slot(slot));
        match named {
            Some((kind, name)) => self.error_str(&format!(
                "attempt to {} {} '{}' (a {} value)",
                op,
                kind,
                String::from_utf8_lossy(&name),
                tname
            )),
            None => self.error_str(&format!("attempt to {} a {} value", op, tname)),
        }
    }

    /// Names slot `slot` of the running Lua frame at its current pc.
    pub fn describe_slot(&self, slot: usize) -> Option<(&'static str, Vec<u8>)> {
        let frame = *self.th().frames.last()?;
        let p = crate::debuginfo::frame_proto(self, &frame)?;
        // The running frame's prototype is live.
        let proto = unsafe { &*p };
        crate::debuginfo::slot_name(proto, frame.pc.saturating_sub(1), slot)
    }

    pub fn compare_error(&mut self, a: Value, b: Value) -> LuaError {
        let (ta, tb) = (a.type_name(), b.type_name());
        if ta == tb {
            self.error_str(&format!("attempt to compare two {} values", ta))
        } else {
            self.error_str(&format!("attempt to compare {} with {}", ta, tb))
        }
    }

    // ---- Indexing -----------------------------------------------------------

    /// `obj[key]` with `__index`, up to the point where a metamethod
    /// function must be called.
    #[inline(never)]
    pub fn index_step(&mut self, obj: Value, key: Value, culprit: Culprit) -> LuaResult<Step> {
        let mut cur = obj;
        for _ in 0..100 {
            let mm;
            if let Some(t) = cur.as_table_ptr() {
                // `cur` is live: it is the operand or reached from it.
                let v = if key.is_string() { unsafe { (*t).get_str(key) } } else { unsafe { (*t).get(key) } };
                if !v.is_nil() {
                    return Ok(Step::Done(v));
                }
                let mt = unsafe { (*t).metatable };
                if mt.is_null() {
                    return Ok(Step::Done(Value::NIL));
                }
                mm = unsafe { (*mt).get_str(self.mm_name(MetaMethod::Index)) };
                if mm.is_nil() {
                    return Ok(Step::Done(Value::NIL));
                }
            } else {
                mm = self.metamethod(cur, MetaMethod::Index);
                if mm.is_nil() {
                    let c = if cur == obj { culprit } else { None };
                    return Err(self.op_error("index", cur, c));
                }
            }
            if mm.is_function() {
                return Ok(Step::Call(mm, [cur, key, Value::NIL], 2));
            }
            cur = mm;
        }
        Err(self.error_str("loop in gettable"))
    }

    /// `obj[key] = val` with `__newindex`, up to a metamethod call.
    #[inline(never)]
    pub fn set_index_step(&mut self, obj: Value, key: Value, val: Value, culprit: Culprit) -> LuaResult<Step> {
        let mut cur = obj;
        for _ in 0..100 {
            let mm;
            if let Some(t) = cur.as_table_ptr() {
                // As in `index_step`.
                let table = unsafe { &mut *t };
                let existing = table.get(key);
                if !existing.is_nil() || table.metatable.is_null() {
                    self.raw_set(t, key, val)?;
                    return Ok(Step::Done(Value::NIL));
                }
                mm = unsafe { (*table.metatable).get_str(self.mm_name(MetaMethod::NewIndex)) };
                if mm.is_nil() {
                    self.raw_set(t, key, val)?;
                    return Ok(Step::Done(Value::NIL));
                }
            } else {
                mm = self.metamethod(cur, MetaMethod::NewIndex);
                if mm.is_nil() {
                    let c = if cur == obj { culprit } else { None };
                    return Err(self.op_error("index", cur, c));
                }
            }
            if mm.is_function() {
                return Ok(Step::Call(mm, [cur, key, val], 3));
            }
            cur = mm;
        }
        Err(self.error_str("loop in settable"))
    }

    /// Finishes a step by calling the metamethod on the Rust stack.
    fn finish_step(&mut self, step: Step) -> LuaResult<Value> {
        match step {
            Step::Done(v) => Ok(v),
            Step::Call(mm, args, n) => self.call_meta(mm, &args[..n]),
        }
    }

    /// `obj[key]` with `__index`.
    pub fn index(&mut self, obj: Value, key: Value, culprit: Culprit) -> LuaResult<Value> {
        let step = self.index_step(obj, key, culprit)?;
        self.finish_step(step)
    }

    /// `obj[key] = val` with `__newindex`.
    pub fn set_index(&mut self, obj: Value, key: Value, val: Value, culprit: Culprit) -> LuaResult<()> {
        let step = self.set_index_step(obj, key, val, culprit)?;
        self.finish_step(step).map(|_| ())
    }

    /// A raw store with LuaJIT's key errors.
    #[inline(never)]
    pub fn raw_set(&mut self, t: *mut Table, key: Value, val: Value) -> LuaResult<()> {
        // `t` is a live table held by the caller.
        match unsafe { (*t).set(key, val) } {
            Ok(()) => Ok(()),
            Err(TableKeyError::Nil) => Err(self.error_str("table index is nil")),
            Err(TableKeyError::NaN) => Err(self.error_str("table index is NaN")),
        }
    }

    // ---- Arithmetic ---------------------------------------------------------

    /// `a op b` when the fast path (two numbers) did not apply.
    #[inline(never)]
    pub fn arith_step(&mut self, op: Arith, a: Value, b: Value, ca: Culprit, cb: Culprit) -> LuaResult<Step> {
        if let (Some(x), Some(y)) = (to_number(a), to_number(b)) {
            return Ok(Step::Done(Value::number(op.apply(x, y))));
        }
        let mut mm = self.metamethod(a, op.metamethod());
        if mm.is_nil() {
            mm = self.metamethod(b, op.metamethod());
        }
        if mm.is_nil() {
            let (v, c) = if to_number(a).is_some() { (b, cb) } else { (a, ca) };
            return Err(self.op_error("perform arithmetic on", v, c));
        }
        Ok(Step::Call(mm, [a, b, Value::NIL], 2))
    }

    pub fn arith(&mut self, op: Arith, a: Value, b: Value, ca: Culprit, cb: Culprit) -> LuaResult<Value> {
        let step = self.arith_step(op, a, b, ca, cb)?;
        self.finish_step(step)
    }

    #[inline(never)]

    pub fn unm_step(&mut self, a: Value, ca: Culprit) -> LuaResult<Step> {
        if let Some(x) = to_number(a) {
            return Ok(Step::Done(Value::number(-x)));
        }
        let mm = self.metamethod(a, MetaMethod::Unm);
        if mm.is_nil() {
            return Err(self.op_error("perform arithmetic on", a, ca));
        }
        Ok(Step::Call(mm, [a, a, Value::NIL], 2))
    }

    #[inline(never)]

    pub fn len_step(&mut self, a: Value, ca: Culprit) -> LuaResult<Step> {
        if let Some(s) = a.as_string_ptr() {
            // A string operand is live.
            return Ok(Step::Done(Value::number(unsafe { (*s).len() } as f64)));
        }
        if let Some(t) = a.as_table_ptr() {
            // As above.
            return Ok(Step::Done(Value::number(unsafe { (*t).len() } as f64)));
        }
        let mm = self.metamethod(a, MetaMethod::Len);
        if mm.is_nil() {
            return Err(self.op_error("get length of", a, ca));
        }
        Ok(Step::Call(mm, [a, Value::NIL, Value::NIL], 2))
    }

    // ---- Comparison ---------------------------------------------------------

    /// `a == b` with `__eq`, up to the metamethod call.
    #[inline(never)]
    pub fn equals_step(&mut self, a: Value, b: Value) -> CmpStep {
        if a == b {
            return CmpStep::Done(match a.as_number() {
                Some(n) => !n.is_nan(),
                None => true,
            });
        }
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return CmpStep::Done(x == y);
        }
        let both = (a.is_table() && b.is_table()) || (a.is_userdata() && b.is_userdata());
        if !both {
            return CmpStep::Done(false);
        }
        let mm = self.metamethod(a, MetaMethod::Eq);
        if mm.is_nil() || mm != self.metamethod(b, MetaMethod::Eq) {
            return CmpStep::Done(false);
        }
        CmpStep::Call { mm, a, b, negate: false }
    }

    /// `a == b` with `__eq`.
    pub fn equals(&mut self, a: Value, b: Value) -> LuaResult<bool> {
        let step = self.equals_step(a, b);
        self.finish_cmp(step)
    }

    /// `a < b` (`le == false`) or `a <= b` (`le == true`), up to the
    /// metamethod call.
    #[inline(never)]
    pub fn less_step(&mut self, a: Value, b: Value, le: bool) -> LuaResult<CmpStep> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return Ok(CmpStep::Done(if le { x <= y } else { x < y }));
        }
        if let (Some(x), Some(y)) = (a.as_string_ptr(), b.as_string_ptr()) {
            // Both operands are live strings.
            let (x, y) = unsafe { ((*x).as_bytes(), (*y).as_bytes()) };
            return Ok(CmpStep::Done(if le { x <= y } else { x < y }));
        }
        if a.tag() == b.tag() {
            let which = if le { MetaMethod::Le } else { MetaMethod::Lt };
            let mm = self.metamethod(a, which);
            if !mm.is_nil() && mm == self.metamethod(b, which) {
                return Ok(CmpStep::Call { mm, a, b, negate: false });
            }
            if le {
                // `a <= b` as `not (b < a)`.
                let mm = self.metamethod(b, MetaMethod::Lt);
                if !mm.is_nil() && mm == self.metamethod(a, MetaMethod::Lt) {
                    return Ok(CmpStep::Call { mm, a: b, b: a, negate: true });
                }
            }
        }
        Err(self.compare_error(a, b))
    }

    /// `a < b` or `a <= b`.
    pub fn less(&mut self, a: Value, b: Value, le: bool) -> LuaResult<bool> {
        let step = self.less_step(a, b, le)?;
        self.finish_cmp(step)
    }

    fn finish_cmp(&mut self, step: CmpStep) -> LuaResult<bool> {
        match step {
            CmpStep::Done(r) => Ok(r),
            CmpStep::Call { mm, a, b, negate } => Ok(self.call_meta(mm, &[a, b])?.is_truthy() != negate),
        }
    }

    // ---- Concatenation ------------------------------------------------------

    /// Concatenates `stack[base+from ..= base+to]` into one value.
    ///
    /// Stops where a `__concat` metamethod must be called: `Call(mm, args,
    /// at)` asks for `mm(args)`, whose result goes to slot `at`, after which
    /// concatenation goes on over `from..=at`.
    #[inline(never)]
    pub fn concat_step(&mut self, base: usize, from: usize, to: usize) -> LuaResult<ConcatStep> {
        let mut top = to;
        let mut acc = self.th().stack[base + top];
        while top > from {
            let left = self.th().stack[base + top - 1];
            let ok = |v: Value| v.is_string() || v.is_number();
            if ok(left) && ok(acc) {
                // Gather the longest run of strings/numbers ending here.
                let mut start = top - 1;
                while start > from && ok(self.th().stack[base + start - 1]) {
                    start -= 1;
                }
                // LuaJIT's limit on string length, checked before allocating.
                let total: usize = (start..top)
                    .map(|i| self.th().stack[base + i])
                    .chain(std::iter::once(acc))
                    .map(|v| v.as_string_ptr().map_or(24, |p| unsafe { (*p).len() }))
                    .sum();
                if total > MAX_STRING_LEN {
                    return Err(self.error_str("string length overflow"));
                }
                let mut buf = Vec::with_capacity(total);
                for i in start..top {
                    let v = self.th().stack[base + i];
                    self.append_tostring_primitive(&mut buf, v);
                }
                self.append_tostring_primitive(&mut buf, acc);
                acc = self.new_str(&buf);
                top = start;
            } else {
                let mut mm = self.metamethod(left, MetaMethod::Concat);
                if mm.is_nil() {
                    mm = self.metamethod(acc, MetaMethod::Concat);
                }
                if mm.is_nil() {
                    let (v, slot) =
                        if ok(left) { (acc, if top == to { Some(top) } else { None }) } else { (left, Some(top - 1)) };
                    return Err(self.op_error("concatenate", v, slot));
                }
                return Ok(ConcatStep::Call(mm, [left, acc], top - 1));
            }
        }
        Ok(ConcatStep::Done(acc))
    }

    /// Appends a string or number (numbers as `%.14g`).
    pub fn append_tostring_primitive(&self, buf: &mut Vec<u8>, v: Value) {
        if let Some(n) = v.as_number() {
            buf.extend_from_slice(&crate::strfmt::number_to_string(n));
        } else {
            buf.extend_from_slice(self.str_of(v));
        }
    }

    // ---- Calls --------------------------------------------------------------

    /// If `stack[func]` is not a function, applies `__call` by shifting the
    /// arguments up and inserting the object as the first one. Returns the
    /// new argument count, or the uncallable value.
    #[inline(never)]
    pub fn resolve_call(&mut self, func: usize, nargs: usize) -> Result<usize, Value> {
        let f = self.th().stack[func];
        if f.is_function() {
            return Ok(nargs);
        }
        let mm = self.metamethod(f, MetaMethod::Call);
        if !mm.is_function() {
            return Err(f);
        }
        let th = self.th();
        if !th.ensure(func + 3 + nargs) {
            return Err(f);
        }
        th.stack.copy_within(func + 2..func + 2 + nargs, func + 3);
        th.stack[func + 2] = f;
        th.stack[func] = mm;
        if th.top < func + 3 + nargs {
            th.top = func + 3 + nargs;
        }
        Ok(nargs + 1)
    }

    /// `tostring(v)`, with `__tostring`.
    pub fn tostring(&mut self, v: Value) -> LuaResult<Value> {
        let mm = self.metamethod(v, MetaMethod::ToString);
        if !mm.is_nil() {
            return self.call_meta(mm, &[v]);
        }
        if v.is_string() {
            return Ok(v);
        }
        let bytes = self.tostring_basic(v);
        Ok(self.new_str(&bytes))
    }

    /// `tostring` without metamethods: `nil`, `true`, `%.14g`, `table: 0x...`.
    pub fn tostring_basic(&self, v: Value) -> Vec<u8> {
        match v.tag() {
            None => crate::strfmt::number_to_string(v.num_unchecked()),
            Some(Tag::Nil) => b"nil".to_vec(),
            Some(Tag::False) => b"false".to_vec(),
            Some(Tag::True) => b"true".to_vec(),
            Some(Tag::Str) => self.str_of(v).to_vec(),
            Some(Tag::Function) => {
                let f = v.as_function_ptr().unwrap();
                // Live function value.
                match unsafe { &(*f).kind } {
                    crate::func::FunctionKind::Native { builtin_id, .. } if *builtin_id != 0 => {
                        format!("function: builtin#{}", builtin_id).into_bytes()
                    }
                    _ => format!("function: {:p}", f).into_bytes(),
                }
            }
            Some(Tag::LightUserdata) => format!("userdata: {:#x}", v.as_light_userdata().unwrap()).into_bytes(),
            Some(t) => {
                let name = v.type_name();
                let _ = t;
                format!("{}: 0x{:08x}", name, v.bits() & ((1 << 47) - 1)).into_bytes()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_matches_std() {
        for x in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.5,
            -2.5,
            1e15 + 0.5,
            -1e15 - 0.5,
            4.5e15,
            -4.5e15,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.999999999,
            -0.999999999,
        ] {
            assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "floor({x})");
        }
        assert!(floor(f64::NAN).is_nan());
    }
}

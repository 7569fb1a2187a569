//! The `table` library.
//!
//! LuaJIT writes `foreach`, `foreachi`, `getn`, `remove` and `move` in Lua
//! with type-check instructions; their errors say `got nil` for a missing
//! argument (it is a nil local there), they index the table raw, and
//! numeric keys are truncated to 32-bit integers. The `builtin_*` helpers
//! reproduce that.

use super::cconv::to_i32;
use super::{arg, check_number, check_table, ret};
use crate::error::{LuaError, LuaResult};
use crate::func::{Function, FunctionKind, NativeFn};
use crate::state::{Args, Vm};
use crate::table::{hash_size_to_bits, Table, MAX_ARRAY_SIZE, MAX_HASH_BITS};
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    super::new_lib(
        vm,
        "table",
        &[
            ("insert", insert),
            ("remove", remove),
            ("concat", concat),
            ("sort", sort),
            ("getn", getn),
            ("maxn", maxn),
            ("foreach", foreach),
            ("foreachi", foreachi),
            ("move", move_),
        ],
    );
}

/// Registers the `table.new` and `table.clear` loaders in `preload`, as
/// LuaJIT does: requiring one adds the function to the `table` library
/// (the loader's upvalue) and returns it.
pub fn register_preloads(vm: &mut Vm, preload: *mut Table) {
    let lib = vm.get_global("table");
    for (name, loader) in [("table.new", load_new as NativeFn), ("table.clear", load_clear)] {
        let f = Function::new_native(vm.globals, name, loader, Box::new([lib]));
        let fv = Value::function(vm.heap.alloc(f));
        vm.set_field(preload, name, fv);
    }
}

fn load_new(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    install(vm, "new", new)
}

fn load_clear(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    install(vm, "clear", clear)
}

/// Stores a new native `name` in the running loader's library table and
/// returns it.
fn install(vm: &mut Vm, name: &'static str, f: NativeFn) -> LuaResult<usize> {
    let fv = vm.new_native(name, f);
    super::ffid::set_builtin_id(fv, &format!("table.{name}"));
    let th = vm.th();
    let lib = th.frames.last().and_then(|fr| th.stack[fr.func].as_function_ptr()).and_then(|fp| {
        // The running loader is live in its frame's slot.
        match unsafe { &(*fp).kind } {
            FunctionKind::Native { upvals, .. } => upvals.first().and_then(|v| v.as_table_ptr()),
            _ => None,
        }
    });
    if let Some(lib) = lib {
        vm.set_field(lib, name, fv);
    }
    ret(vm, &[fv])
}

/// `table.new(narray, nhash)`: an empty table with preallocated parts.
fn new(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let narray = to_i32(check_number(vm, args, 1)?) as u32;
    let nhash = to_i32(check_number(vm, args, 2)?) as u32;
    // As `lj_tab_new_ah`: the array part holds keys 0..=narray (u32 wrap
    // included), and sizes beyond LuaJIT's limits are an overflow.
    let array_size = if narray > 0 { narray.wrapping_add(1) } else { 0 };
    let hash_bits = hash_size_to_bits(nhash);
    if array_size > MAX_ARRAY_SIZE || hash_bits > MAX_HASH_BITS {
        return Err(LuaError::new(vm.new_str(b"table overflow")));
    }
    let t = vm.heap.alloc(Table::new(array_size, hash_bits));
    ret(vm, &[Value::table(t)])
}

/// `table.clear(t)`: removes every key, keeping the allocated sizes.
fn clear(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    // `t` is an argument, live.
    unsafe { (*t).clear() };
    Ok(0)
}

fn len(t: *mut Table) -> i64 {
    // Tables passed to the library are arguments, live.
    unsafe { (*t).len() as i64 }
}

/// `T expected, got U` where a missing argument counts as nil.
fn builtin_type_error(vm: &mut Vm, args: Args, n: usize, expected: &str) -> LuaError {
    let got = arg(vm, args, n).type_name();
    vm.arg_error(args, n, &format!("{} expected, got {}", expected, got))
}

fn builtin_check_table(vm: &mut Vm, args: Args, n: usize) -> LuaResult<*mut Table> {
    match arg(vm, args, n).as_table_ptr() {
        Some(t) => Ok(t),
        None => Err(builtin_type_error(vm, args, n, "table")),
    }
}

fn builtin_check_function(vm: &mut Vm, args: Args, n: usize) -> LuaResult<Value> {
    let f = arg(vm, args, n);
    if f.is_function() {
        Ok(f)
    } else {
        Err(builtin_type_error(vm, args, n, "function"))
    }
}

/// A number (numeric strings converted), as the builtins' integer check.
fn builtin_check_number(vm: &mut Vm, args: Args, n: usize) -> LuaResult<f64> {
    match crate::meta::to_number(arg(vm, args, n)) {
        Some(x) => Ok(x),
        None => Err(builtin_type_error(vm, args, n, "number")),
    }
}

/// Raw `t[k]` for a number key, truncated to an int32 as the builtins'
/// raw-index instructions do.
fn get_trunc(t: *mut Table, k: f64) -> Value {
    // Tables handled here are arguments, live.
    unsafe { (*t).get_int(to_i32(k) as i64) }
}

fn set_trunc(t: *mut Table, k: f64, v: Value) {
    // As in `get_trunc`.
    unsafe { (*t).set_int(to_i32(k) as i64, v) }
}

/// Above this many slots, `table.insert` shifts only the keys that exist
/// (a position far below the border, like -2^31, would take billions of
/// steps slot by slot).
const SPARSE_SHIFT_LIMIT: i64 = 1 << 16;

/// What the slot-by-slot loop `t[i] = t[i-1]` for `i` from `end` down to
/// `pos + 1` does, touching only the integer keys present in `pos..end`.
fn shift_up_sparse(t: *mut Table, pos: i64, end: i64) {
    let mut moved = Vec::new();
    let mut key = Value::NIL;
    // `t` is an argument, live; it is not modified while traversed.
    while let Ok(Some((k, v))) = unsafe { (*t).next(key) } {
        key = k;
        if let Some(x) = k.as_number() {
            if x.fract() == 0.0 && x >= pos as f64 && x < end as f64 {
                moved.push((x as i64, v));
            }
        }
    }
    for &(k, _) in &moved {
        // As above.
        unsafe { (*t).set_int(k, Value::NIL) };
    }
    for (k, v) in moved {
        // As above.
        unsafe { (*t).set_int(k + 1, v) };
    }
}

/// `table.insert(t, [pos,] v)`: with a position, elements from `pos` up
/// move one slot up; no range check on `pos` (as LuaJIT).
fn insert(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let end = len(t) as i32 as i64 + 1;
    match args.n {
        2 => {
            let v = arg(vm, args, 2);
            unsafe { (*t).set_int(end, v) };
        }
        3 => {
            let pos = to_i32(check_number(vm, args, 2)?) as i64;
            let v = arg(vm, args, 3);
            if end - pos > SPARSE_SHIFT_LIMIT {
                shift_up_sparse(t, pos, end);
            } else {
                let mut i = end;
                while i > pos {
                    // `t` is an argument, live.
                    unsafe { (*t).set_int(i, (*t).get_int(i - 1)) };
                    i -= 1;
                }
            }
            unsafe { (*t).set_int(pos, v) };
        }
        _ => return Err(vm.error_str("wrong number of arguments to 'insert'")),
    }
    Ok(0)
}

/// `table.remove(t [, pos])`: returns nothing when there is nothing to
/// remove (an empty table, `pos` outside 1..=#t).
fn remove(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = builtin_check_table(vm, args, 1)?;
    let n = len(t) as f64;
    if arg(vm, args, 2).is_nil() {
        if n == 0.0 {
            return Ok(0);
        }
        let old = get_trunc(t, n);
        set_trunc(t, n, Value::NIL);
        return ret(vm, &[old]);
    }
    let pos = builtin_check_number(vm, args, 2)?;
    if !(pos >= 1.0 && pos <= n) {
        return Ok(0);
    }
    let old = get_trunc(t, pos);
    // A Lua numeric for loop from pos+1 to n.
    let mut i = pos + 1.0;
    while i <= n {
        set_trunc(t, i - 1.0, get_trunc(t, i));
        i += 1.0;
    }
    set_trunc(t, n, Value::NIL);
    ret(vm, &[old])
}

/// `table.move(a1, f, e, t [, a2])`: copies a1[f..e] to a2[t..], going
/// down when the ranges overlap upwards.
fn move_(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let a1 = builtin_check_table(vm, args, 1)?;
    let f = builtin_check_number(vm, args, 2)?;
    let e = builtin_check_number(vm, args, 3)?;
    let t = builtin_check_number(vm, args, 4)?;
    let a2 = if arg(vm, args, 5).is_nil() { a1 } else { builtin_check_table(vm, args, 5)? };
    if e >= f {
        let d = t - f;
        if t > e || t <= f || a2 != a1 {
            let mut i = f;
            while i <= e {
                set_trunc(a2, i + d, get_trunc(a1, i));
                i += 1.0;
            }
        } else {
            let mut i = e;
            while i >= f {
                set_trunc(a2, i + d, get_trunc(a1, i));
                i -= 1.0;
            }
        }
    }
    ret(vm, &[Value::table(a2)])
}

fn concat(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let sep = match super::opt_str(vm, args, 2)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => Vec::new(),
    };
    let first = if arg(vm, args, 3).is_nil() { 1 } else { to_i32(check_number(vm, args, 3)?) } as i64;
    let last = if arg(vm, args, 4).is_nil() { len(t) as i32 } else { to_i32(check_number(vm, args, 4)?) } as i64;
    let mut out = Vec::new();
    let mut k = first;
    while k <= last {
        // `t` is an argument, live.
        let v = unsafe { (*t).get_int(k) };
        if v.is_string() || v.is_number() {
            vm.append_tostring_primitive(&mut out, v);
        } else {
            let msg = format!("invalid value ({}) at index {} in table for 'concat'", v.type_name(), k);
            return Err(vm.error_str(&msg));
        }
        if k < last {
            out.extend_from_slice(&sep);
        }
        k += 1;
    }
    let s = vm.new_str(&out);
    ret(vm, &[s])
}

fn getn(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = builtin_check_table(vm, args, 1)?;
    ret(vm, &[Value::number(len(t) as f64)])
}

/// `table.maxn(t)`: the largest positive numeric key with a value, or 0.
fn maxn(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let mut max = 0.0f64;
    let mut k = Value::NIL;
    // Walk with `next`; the table is an argument, live.
    while let Ok(Some((key, _))) = unsafe { (*t).next(k) } {
        if let Some(n) = key.as_number() {
            if n > max {
                max = n;
            }
        }
        k = key;
    }
    ret(vm, &[Value::number(max)])
}

/// `table.foreach(t, f)`: `f(k, v)` for each pair until it returns non-nil.
fn foreach(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = builtin_check_table(vm, args, 1)?;
    let f = builtin_check_function(vm, args, 2)?;
    let mut k = Value::NIL;
    // The table is an argument, live.
    while let Ok(Some((key, v))) = unsafe { (*t).next(k) } {
        let r = vm.call(f, &[key, v])?;
        if let Some(&x) = r.first() {
            if !x.is_nil() {
                return ret(vm, &[x]);
            }
        }
        k = key;
    }
    Ok(0)
}

/// `table.foreachi(t, f)`: `f(i, t[i])` for i = 1..#t (the length taken
/// once) until it returns non-nil.
fn foreachi(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = builtin_check_table(vm, args, 1)?;
    let f = builtin_check_function(vm, args, 2)?;
    let n = len(t);
    for i in 1..=n {
        let v = get_trunc(t, i as f64);
        let r = vm.call(f, &[Value::number(i as f64), v])?;
        if let Some(&x) = r.first() {
            if !x.is_nil() {
                return ret(vm, &[x]);
            }
        }
    }
    Ok(0)
}

/// `table.sort`: quicksort as in Lua 5.1 (same comparisons in the same
/// order, so comparators with side effects and invalid orders behave alike).
fn sort(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let cmp = arg(vm, args, 2);
    if !cmp.is_nil() && !cmp.is_function() {
        return Err(vm.type_error(args, 2, "function"));
    }
    let n = len(t) as i32 as i64;
    let mut s = Sorter { vm, t, cmp };
    s.auxsort(1, n)?;
    Ok(0)
}

struct Sorter<'a> {
    vm: &'a mut Vm,
    t: *mut Table,
    cmp: Value,
}

impl Sorter<'_> {
    fn get(&self, i: i64) -> Value {
        // The table is an argument of `sort`, live.
        unsafe { (*self.t).get_int(i) }
    }
    fn set(&mut self, i: i64, v: Value) {
        unsafe { (*self.t).set_int(i, v) }
    }
    fn lt(&mut self, a: Value, b: Value) -> LuaResult<bool> {
        if self.cmp.is_nil() {
            match self.vm.less_step(a, b, false) {
                Ok(crate::meta::CmpStep::Done(r)) => Ok(r),
                Ok(_) => self.vm.less(a, b, false),
                // LuaJIT raises this from inside `sort` (a C function), so
                // the message carries no position.
                Err(_) => {
                    let (ta, tb) = (a.type_name(), b.type_name());
                    let msg = if ta == tb {
                        format!("attempt to compare two {} values", ta)
                    } else {
                        format!("attempt to compare {} with {}", ta, tb)
                    };
                    Err(LuaError::new(self.vm.new_str(msg.as_bytes())))
                }
            }
        } else {
            let r = self.vm.call(self.cmp, &[a, b])?;
            Ok(r.first().map(|v| v.is_truthy()).unwrap_or(false))
        }
    }
    fn swap(&mut self, i: i64, j: i64) {
        let (a, b) = (self.get(i), self.get(j));
        self.set(i, b);
        self.set(j, a);
    }
    fn auxsort(&mut self, mut l: i64, mut u: i64) -> LuaResult<()> {
        while l < u {
            if self.lt(self.get(u), self.get(l))? {
                self.swap(l, u);
            }
            if u - l == 1 {
                break;
            }
            let mut i = (l + u) / 2;
            if self.lt(self.get(i), self.get(l))? {
                self.swap(i, l);
            } else if self.lt(self.get(u), self.get(i))? {
                self.swap(i, u);
            }
            if u - l == 2 {
                break;
            }
            let p = self.get(i);
            self.swap(i, u - 1);
            i = l;
            let mut j = u - 1;
            loop {
                i += 1;
                while self.lt(self.get(i), p)? {
                    if i >= u {
                        return Err(self.vm.error_str("invalid order function for sorting"));
                    }
                    i += 1;
                }
                j -= 1;
                while self.lt(p, self.get(j))? {
                    if j <= l {
                        return Err(self.vm.error_str("invalid order function for sorting"));
                    }
                    j -= 1;
                }
                if j < i {
                    break;
                }
                self.swap(i, j);
            }
            self.swap(u - 1, i);
            if i - l < u - i {
                let (nl, nu) = (l, i - 1);
                l = i + 1;
                self.auxsort(nl, nu)?;
            } else {
                let (nl, nu) = (i + 1, u);
                u = i - 1;
                self.auxsort(nl, nu)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::state::Vm;

    /// Runs `src` on a fresh VM and returns its first result as a string.
    fn eval(src: &str) -> String {
        let mut vm = Vm::new();
        let f = vm.load(src.as_bytes(), b"=test").expect("compiles");
        let r = vm.call(f, &[]).expect("runs");
        let v = r.first().copied().unwrap_or(crate::value::Value::NIL);
        String::from_utf8_lossy(vm.str_of(v)).into_owned()
    }

    #[test]
    fn insert_and_remove_shift_elements() {
        let src = "local t = {1, 2, 3} table.insert(t, 1, 0) table.remove(t, 3) return table.concat(t, ',')";
        assert_eq!(eval(src), "0,1,3");
    }

    #[test]
    fn remove_truncates_fractional_positions() {
        // The shift loop runs over 2.5 only, so t[1] = t[2] and t[3] goes.
        assert_eq!(eval("local t = {10, 20, 30} table.remove(t, 1.5) return table.concat(t, ',')"), "20,20");
    }

    #[test]
    fn new_and_clear_come_from_require() {
        let src = "local t = require('table.new')(4, 4) t[1] = 'a' require('table.clear')(t) \
                   return tostring(next(t)) .. tostring(table.new ~= nil)";
        assert_eq!(eval(src), "niltrue");
    }

    #[test]
    fn sort_detects_invalid_orders() {
        let src = "return select(2, pcall(table.sort, {1, 2, 3, 4, 5}, function() return true end))";
        assert_eq!(eval(src), "invalid order function for sorting");
    }
}

//! The `table` library.

use super::{arg, check_int, check_table, opt_int, ret};
use crate::error::LuaResult;
use crate::state::{Args, Vm};
use crate::table::Table;
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
        ],
    );
}

fn len(t: *mut Table) -> i64 {
    // Tables passed to the library are arguments, live.
    unsafe { (*t).len() as i64 }
}

fn insert(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let n = len(t);
    match args.n {
        2 => {
            let v = arg(vm, args, 2);
            unsafe { (*t).set_int(n + 1, v) };
        }
        3 => {
            let pos = check_int(vm, args, 2)?;
            let v = arg(vm, args, 3);
            let last = n + 1;
            let pos = pos.min(last).max(1).min(last);
            let mut i = last;
            while i > pos {
                unsafe { (*t).set_int(i, (*t).get_int(i - 1)) };
                i -= 1;
            }
            unsafe { (*t).set_int(pos, v) };
        }
        _ => return Err(vm.error_str("wrong number of arguments to 'insert'")),
    }
    Ok(0)
}

fn remove(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let n = len(t);
    let pos = opt_int(vm, args, 2, n)?;
    if args.n < 2 && n == 0 {
        return Ok(0);
    }
    if n == 0 && args.n >= 2 {
        // Nothing to shift; LuaJIT returns t[pos].
        let v = unsafe { (*t).get_int(pos) };
        return ret(vm, &[v]);
    }
    let v = unsafe { (*t).get_int(pos) };
    let mut i = pos;
    while i < n {
        unsafe { (*t).set_int(i, (*t).get_int(i + 1)) };
        i += 1;
    }
    if pos <= n {
        unsafe { (*t).set_int(n, Value::NIL) };
    }
    ret(vm, &[v])
}

fn concat(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let sep = match super::opt_str(vm, args, 2)? {
        Some(s) => vm.str_of(s).to_vec(),
        None => Vec::new(),
    };
    let i = opt_int(vm, args, 3, 1)?;
    let j = if arg(vm, args, 4).is_nil() { len(t) } else { check_int(vm, args, 4)? };
    let mut out = Vec::new();
    let mut k = i;
    while k <= j {
        let v = unsafe { (*t).get_int(k) };
        if v.is_string() || v.is_number() {
            vm.append_tostring_primitive(&mut out, v);
        } else {
            let msg = format!("invalid value ({}) at index {} in table for 'concat'", v.type_name(), k);
            return Err(vm.error_str(&msg));
        }
        if k < j {
            out.extend_from_slice(&sep);
        }
        k += 1;
    }
    let s = vm.new_str(&out);
    ret(vm, &[s])
}

fn getn(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    ret(vm, &[Value::number(len(t) as f64)])
}

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

fn foreach(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let f = arg(vm, args, 2);
    let mut k = Value::NIL;
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

fn foreachi(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let t = check_table(vm, args, 1)?;
    let f = arg(vm, args, 2);
    let n = len(t);
    for i in 1..=n {
        let v = unsafe { (*t).get_int(i) };
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
    let n = len(t);
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
            self.vm.less(a, b, false)
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
                    if i > u {
                        return Err(self.vm.error_str("invalid order function for sorting"));
                    }
                    i += 1;
                }
                j -= 1;
                while self.lt(p, self.get(j))? {
                    if j < l {
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

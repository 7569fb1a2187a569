//! Helpers that make tables for traces (`TNEW`, `TDUP`). Like the string
//! helpers they allocate through the VM and never collect: a collection
//! that comes due waits for the interpreter's next check.

use crate::func::Template;
use crate::state::Vm;
use crate::table::Table;

/// `{}` as `TNEW` with operand `sizes` makes it: array size in the low 11
/// bits, log2 of the hash size above.
///
/// # Safety
/// `vm` is the running VM, borrowed by nothing else while the helper runs.
pub unsafe extern "C" fn table_new(vm: *mut Vm, sizes: i32) -> *mut Table {
    // Safety: the caller's contract.
    let vm = unsafe { &mut *vm };
    let d = sizes as u32;
    vm.heap.alloc(Table::new(d & 0x7ff, d >> 11))
}

/// A copy of a constructor's template table, as `TDUP` makes it.
///
/// # Safety
/// As [`table_new`]; `tpl` is a template of a live prototype.
pub unsafe extern "C" fn table_dup(vm: *mut Vm, tpl: *const Template) -> *mut Table {
    // Safety: the caller's contract.
    let (vm, tpl) = unsafe { (&mut *vm, &*tpl) };
    vm.heap.alloc(Table::from_template(&tpl.array, &tpl.hash, tpl.hash_size))
}

/// `setmetatable(t, mt)` for traces: gives `t` the metatable `mt` and
/// returns 1, or returns 0 and changes nothing when `t`'s metatable is
/// protected (has a `__metatable` field): the trace then exits and the
/// interpreter raises the error.
///
/// # Safety
/// As [`table_new`]; `t` and `mt` are live tables.
pub unsafe extern "C" fn table_set_metatable(vm: *mut Vm, t: *mut Table, mt: *mut Table) -> i32 {
    // Safety: the caller's contract.
    let (vm, t) = unsafe { (&*vm, &mut *t) };
    if !t.metatable.is_null() {
        let key = vm.mm_name(crate::state::MetaMethod::Metatable);
        // A metatable of a live table is live.
        if !unsafe { (*t.metatable).get_str(key) }.is_nil() {
            return 0;
        }
    }
    t.metatable = mt;
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    #[test]
    fn tables_are_fresh_and_sized_as_the_interpreter_sizes_them() {
        let mut vm = Vm::new();
        let v: *mut Vm = &mut *vm;
        let key = vm.new_str(b"x");
        let tpl = Template {
            array: Box::new([Value::NIL, Value::TRUE]),
            hash: Box::new([(key, Value::number(2.0))]),
            hash_size: 1,
        };
        // Safety: `v` is the only handle in use while each helper runs;
        // the tables it returns are live (nothing collects here).
        unsafe {
            let a = table_new(v, 3 | (2 << 11));
            let b = table_new(v, 3 | (2 << 11));
            assert_ne!(a, b);
            assert_eq!((*a).array_size(), 3);
            assert_eq!((*a).hash_size(), 4);
            let c = table_dup(v, &tpl);
            assert_eq!((*c).get_int(1), Value::TRUE);
            assert_eq!((*c).get(key).as_number(), Some(2.0));
            assert_ne!(c, table_dup(v, &tpl));
        }
    }
    #[test]
    fn metatables_are_set_unless_protected() {
        let mut vm = Vm::new();
        let v: *mut Vm = &mut *vm;
        let protect = vm.new_str(b"__metatable");
        // Safety: as above.
        unsafe {
            let t = table_new(v, 0);
            let mt = table_new(v, 0);
            let locked = table_new(v, 0);
            assert_eq!(table_set_metatable(v, t, mt), 1);
            assert_eq!((*t).metatable, mt);
            (*locked).set_str(protect, Value::TRUE);
            assert_eq!(table_set_metatable(v, t, locked), 1);
            assert_eq!(table_set_metatable(v, t, mt), 0);
            assert_eq!((*t).metatable, locked);
        }
    }
}

//! What compiled traces need to know about the VM's objects: field offsets
//! for the loads the JIT inlines, and the `extern "C"` helpers it calls for
//! the rest (hash lookups, upvalues, the math the interpreter takes from
//! Rust's `f64`).
//!
//! Helpers take and return raw pointers and value bits only; the trace code
//! guarantees the pointers are live objects of the stated kind (it guards
//! the type tag before it calls).

use crate::func::{Function, FunctionKind, UpVal};
use crate::string::LuaStr;
use crate::table::Table;
use crate::value::Value;

/// `Table::metatable` (`*mut Table`, null without one).
pub const TABLE_META: usize = std::mem::offset_of!(Table, metatable);
/// The array part's pointer (`*mut Value`, slot 0 first).
pub const TABLE_ARRAY: usize = crate::table::ARRAY_PTR_OFFSET;
/// The array part's length (`usize`: LuaJIT's `asize`, slot 0 included).
pub const TABLE_ASIZE: usize = crate::table::ARRAY_LEN_OFFSET;
/// `Function::env` (`*mut Table`).
pub const FUNC_ENV: usize = std::mem::offset_of!(Function, env);
/// `UpVal::v` (`*mut Value`: the stack slot while open, `closed` after).
pub const UPVAL_V: usize = std::mem::offset_of!(UpVal, v);
/// A string's length (`usize`). `LuaStr` is `#[repr(C)]` and ends with its
/// length field, every field 8-byte aligned, so the length is the last word
/// (checked by the test below against `as_bytes().len()`).
pub const STR_LEN: usize = std::mem::size_of::<LuaStr>() - std::mem::size_of::<usize>();

/// Bits of a NaN-boxed tag in the top 17 bits: `(0x1ffff - tag) << 47`.
pub const TAG_SHIFT: u32 = 47;
/// Mask of a boxed value's 47-bit payload.
pub const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
/// A value is a number when its top 17 bits are at most this.
pub const NUMBER_HI_MAX: u64 = 0x1fff0;

/// The address of the value stored under `key` (value bits) in `table`, or
/// null when the key is not in the table (dead entries included: storing
/// there revives them, as a store to an existing key does). Clears the
/// table's negative metamethod cache, as every store that may touch a
/// string key does.
///
/// # Safety
/// `table` is a live table; the address is valid until the table's next
/// resize (a new key or a collection), which traces never span.
pub unsafe extern "C" fn table_href(table: *mut Table, key: u64) -> *mut Value {
    // Safety: the caller passes a live table that nothing else borrows
    // while trace code runs.
    let table = unsafe { &mut *table };
    match table.slot_mut(Value::from_bits(key)) {
        Some(slot) => slot as *mut Value,
        None => std::ptr::null_mut(),
    }
}

/// Which upvalue state [`upval_ref`] accepts.
pub const UPVAL_ANY: u32 = 0;
pub const UPVAL_OPEN: u32 = 1;
pub const UPVAL_CLOSED: u32 = 2;

/// The address of upvalue `n`'s value in Lua closure `func`, or null when
/// `func` is native, has no upvalue `n`, or the upvalue is not in the state
/// `want` asks for ([`UPVAL_OPEN`], [`UPVAL_CLOSED`], [`UPVAL_ANY`]).
///
/// # Safety
/// `func` is a live function.
pub unsafe extern "C" fn upval_ref(func: *mut Function, n: u32, want: u32) -> *mut Value {
    // Safety: the caller passes a live function.
    let FunctionKind::Lua { upvals, .. } = (unsafe { &(*func).kind }) else { return std::ptr::null_mut() };
    let Some(&uv) = upvals.get(n as usize) else { return std::ptr::null_mut() };
    // Upvalues of a live closure are live.
    let uv = unsafe { &*uv };
    let ok = match want {
        UPVAL_OPEN => uv.open,
        UPVAL_CLOSED => !uv.open,
        _ => true,
    };
    if ok {
        uv.v
    } else {
        std::ptr::null_mut()
    }
}

/// `#t` on a table (the border, as the interpreter's `LEN`).
///
/// # Safety
/// `table` is a live table.
pub unsafe extern "C" fn table_len(table: *mut Table) -> i32 {
    // Safety: the caller passes a live table.
    unsafe { (*table).len() as i32 }
}

/// `a ^ b` as the interpreter computes it (`Arith::apply`).
pub extern "C" fn num_pow(a: f64, b: f64) -> f64 {
    crate::meta::Arith::Pow.apply(a, b)
}

/// The `math` functions traces call, each as the `math` library computes it.
pub mod math {
    macro_rules! unary {
        ($($name:ident: $f:expr;)*) => {$(
            pub extern "C" fn $name(x: f64) -> f64 {
                let f: fn(f64) -> f64 = $f;
                f(x)
            }
        )*};
    }
    unary! {
        sin: f64::sin;
        cos: f64::cos;
        tan: f64::tan;
        asin: f64::asin;
        acos: f64::acos;
        atan: f64::atan;
        sinh: f64::sinh;
        cosh: f64::cosh;
        tanh: f64::tanh;
        exp: f64::exp;
        log: f64::ln;
        log10: f64::log10;
    }

    /// `math.atan2(y, x)`.
    pub extern "C" fn atan2(y: f64, x: f64) -> f64 {
        y.atan2(x)
    }

    /// `math.fmod(x, y)`.
    pub extern "C" fn fmod(x: f64, y: f64) -> f64 {
        x % y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Vm;

    #[test]
    fn offsets_read_the_fields() {
        let mut vm = Vm::new();
        let s = vm.new_str(b"hello");
        let p = s.as_string_ptr().unwrap() as *const u8;
        // Reading the length word of a live string.
        assert_eq!(unsafe { *(p.add(STR_LEN) as *const usize) }, 5);

        let mut t = Table::new(4, 1);
        t.set_int(2, Value::number(7.0));
        let tp = &mut t as *mut Table as *const u8;
        // Reading the array part's pointer and length of a live table.
        unsafe {
            assert_eq!(*(tp.add(TABLE_ASIZE) as *const usize), 4);
            let arr = *(tp.add(TABLE_ARRAY) as *const *const Value);
            assert_eq!((*arr.add(2)).as_number(), Some(7.0));
            assert!((*(tp.add(TABLE_META) as *const *const Table)).is_null());
        }
    }

    #[test]
    fn href_finds_keys_and_refuses_absent_ones() {
        let mut vm = Vm::new();
        let k = vm.new_str(b"x");
        let mut t = Table::new(0, 2);
        t.set(k, Value::number(1.5)).unwrap();
        // A live table, borrowed by nothing else.
        unsafe {
            let slot = table_href(&mut t, k.bits());
            assert_eq!((*slot).as_number(), Some(1.5));
            *slot = Value::number(2.5);
            assert!(table_href(&mut t, vm.new_str(b"y").bits()).is_null());
        }
        assert_eq!(t.get(k).as_number(), Some(2.5));
        assert_eq!(num_pow(2.0, 10.0), 1024.0);
    }
}

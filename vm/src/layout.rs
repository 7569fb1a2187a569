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
/// The hash part's entries (`*mut` entry: key, then value; insertion order).
pub const TABLE_ENTRIES: usize = crate::table::ENTRIES_PTR_OFFSET;
/// The number of hash-part entries, dead ones included (`usize`).
pub const TABLE_NENTRIES: usize = crate::table::ENTRIES_LEN_OFFSET;
/// Bytes per hash-part entry.
pub const ENTRY_SIZE: usize = crate::table::ENTRY_SIZE;
/// Offset of an entry's value (its key is at 0).
pub const ENTRY_VALUE: usize = crate::table::ENTRY_VALUE_OFFSET;
/// `Table::nomm` (`u8`, the negative metamethod cache).
pub const TABLE_NOMM: usize = std::mem::offset_of!(Table, nomm);
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

/// [`table_href`] for a key that a trace looks up at one place again and
/// again: when found in the hash part, the entry's position goes to
/// `*hint`, where the trace's inline check looks first next time (the key
/// at that position of the entries, with the position in range, is the
/// same lookup without the call).
///
/// # Safety
/// As [`table_href`]; `hint` points at the trace's hint cell.
pub unsafe extern "C" fn table_href_hinted(table: *mut Table, key: u64, hint: *mut u32) -> *mut Value {
    // Safety: the caller passes a live table and its own hint cell.
    unsafe {
        if let Some(pos) = (*table).entry_position(Value::from_bits(key)) {
            *hint = pos as u32;
        }
        table_href(table, key)
    }
}

/// The read-only nil that [`table_href_or_nil`] points at for an absent key
/// (LuaJIT's `niltv`): compare an `HREF` result with its address to know
/// whether the key was there. Nothing may store through it.
pub static NIL_SLOT: Value = Value::NIL;

/// Like [`table_href`], but an absent key gives the address of
/// [`NIL_SLOT`] instead of null (the `HREF` instruction: a load through it
/// reads nil).
///
/// # Safety
/// As [`table_href`].
pub unsafe extern "C" fn table_href_or_nil(table: *mut Table, key: u64) -> *const Value {
    // Safety: as in `table_href`, the caller's contract.
    let slot = unsafe { table_href(table, key) };
    if slot.is_null() {
        &NIL_SLOT
    } else {
        slot
    }
}

/// Adds `key` (value bits) to `table` with a nil value, as a store of a new
/// key does first (it may rehash: earlier slot addresses of this table are
/// stale afterwards), and returns the address of its value; null for a nil
/// or NaN key, which cannot be a key.
///
/// # Safety
/// As [`table_href`].
pub unsafe extern "C" fn table_newref(table: *mut Table, key: u64) -> *mut Value {
    // Safety: the caller passes a live table that nothing else borrows.
    let t = unsafe { &mut *table };
    if t.set(Value::from_bits(key), Value::NIL).is_err() {
        return std::ptr::null_mut();
    }
    // Storing nil into an absent key leaves a dead entry, so the key is
    // there now (in the hash part, or in the array part after a rehash).
    unsafe { table_href(table, key) }
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

thread_local! {
    /// Where [`table_next_nil`] and friends leave the pair they found: the
    /// trace loads key and value from here right after the call.
    static NEXT_PAIR: std::cell::UnsafeCell<[Value; 2]> = const { std::cell::UnsafeCell::new([Value::NIL; 2]) };
}

/// `next(table, key)` for traces: the following pair, stored in this
/// thread's pair buffer, whose address is returned (key first, value
/// second); null at the end of the traversal or for a key `next` rejects
/// (the trace leaves and the interpreter gives the answer or the error).
///
/// # Safety
/// `table` is a live table.
unsafe fn next_pair(table: *mut Table, key: Value) -> *const Value {
    // Safety: the caller passes a live table.
    match unsafe { (*table).next(key) } {
        Ok(Some((k, v))) => NEXT_PAIR.with(|pair| {
            let pair = pair.get();
            // Safety: the buffer is this thread's, and no reference to it
            // lives across calls (traces only load from the address).
            unsafe { *pair = [k, v] };
            pair as *const Value
        }),
        _ => std::ptr::null(),
    }
}

/// [`next_pair`] from the start (a nil key).
///
/// # Safety
/// `table` is a live table.
pub unsafe extern "C" fn table_next_nil(table: *mut Table) -> *const Value {
    // Safety: the caller's contract.
    unsafe { next_pair(table, Value::NIL) }
}

/// [`next_pair`] after a number key.
///
/// # Safety
/// `table` is a live table.
pub unsafe extern "C" fn table_next_num(table: *mut Table, key: f64) -> *const Value {
    // Safety: the caller's contract.
    unsafe { next_pair(table, Value::number(key)) }
}

/// [`next_pair`] after a string key.
///
/// # Safety
/// `table` and `key` are live.
pub unsafe extern "C" fn table_next_str(table: *mut Table, key: *mut LuaStr) -> *const Value {
    // Safety: the caller's contract.
    unsafe { next_pair(table, Value::string(key)) }
}

/// `#t` on a table (the border, as the interpreter's `LEN`).
///
/// # Safety
/// `table` is a live table.
pub unsafe extern "C" fn table_len(table: *mut Table) -> i32 {
    // Safety: the caller passes a live table.
    unsafe { (*table).len() as i32 }
}

/// `string.byte(s, pos)` for one position: the byte (0..=255), or -1 when
/// the position (relative as `string.byte` takes it) is outside `s`.
///
/// # Safety
/// `s` is a live string.
pub unsafe extern "C" fn str_byte(s: *const LuaStr, pos: i32) -> i32 {
    // Safety: the caller passes a live string.
    let bytes = unsafe { (*s).as_bytes() };
    let len = bytes.len() as i64;
    let pos = pos as i64;
    let start = if pos < 0 { len + pos + 1 } else { pos };
    // Start is clamped up to 1, the end (the same position) down to len.
    if start.max(1) > start.min(len) {
        return -1;
    }
    bytes[start as usize - 1] as i32
}

/// `a ^ b` as the interpreter computes it (`Arith::apply`).
pub extern "C" fn num_pow(a: f64, b: f64) -> f64 {
    crate::meta::Arith::Pow.apply(a, b)
}

/// The `math` functions traces call, each as the `math` library computes it.
pub mod frames;
pub mod strings;
pub mod tables;

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
        log2: f64::log2;
    }

    /// `math.atan2(y, x)`.
    pub extern "C" fn atan2(y: f64, x: f64) -> f64 {
        y.atan2(x)
    }

    /// The fraction `math.modf(x)` returns: the sign of `x`, 0 for infinities.
    pub extern "C" fn modf_frac(x: f64) -> f64 {
        if x.is_infinite() {
            0.0f64.copysign(x)
        } else {
            (x - x.trunc()).copysign(x)
        }
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
    fn str_byte_takes_relative_positions() {
        let mut vm = Vm::new();
        let s = vm.new_str(b"abc").as_string_ptr().unwrap() as *const LuaStr;
        // Safety: `s` is a live string (nothing collects in this test).
        let at = |pos| unsafe { str_byte(s, pos) };
        assert_eq!([at(1), at(3), at(-1), at(-3)], [97, 99, 99, 97]);
        assert_eq!([at(0), at(4), at(-4), at(i32::MIN)], [-1, -1, -1, -1]);
    }

    #[test]
    fn modf_frac_keeps_the_sign() {
        let f = math::modf_frac;
        assert_eq!(f(2.75), 0.75);
        assert!(f(-2.0).is_sign_negative() && f(-2.0) == 0.0);
        assert!(f(f64::NEG_INFINITY).is_sign_negative() && f(f64::INFINITY) == 0.0);
        assert!(f(f64::NAN).is_nan());
    }

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

        // The hash part's entries, and the hint the lookup helper leaves.
        let (x, y) = (vm.new_str(b"x"), vm.new_str(b"y"));
        t.set(x, Value::number(1.0)).unwrap();
        t.set(y, Value::number(2.0)).unwrap();
        t.nomm = 0xff;
        let mut hint = u32::MAX;
        // Reading the entries of a live table that nothing else borrows.
        unsafe {
            let slot = table_href_hinted(&mut t, y.bits(), &mut hint);
            assert_eq!(hint, 1);
            let tp = &mut t as *mut Table as *const u8;
            assert_eq!(*(tp.add(TABLE_NENTRIES) as *const usize), 2);
            let entries = *(tp.add(TABLE_ENTRIES) as *const *const u8);
            let entry = entries.add(hint as usize * ENTRY_SIZE);
            assert_eq!(*(entry as *const u64), y.bits());
            assert_eq!(entry.add(ENTRY_VALUE) as *mut Value, slot);
            assert_eq!(*tp.add(TABLE_NOMM), 0, "a lookup for a store clears the cache");
            // An array key or an absent one leaves the hint alone.
            hint = 7;
            table_href_hinted(&mut t, Value::number(2.0).bits(), &mut hint);
            assert!(table_href_hinted(&mut t, vm.new_str(b"z").bits(), &mut hint).is_null());
            assert_eq!(hint, 7);
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
        let y = vm.new_str(b"y");
        // A live table, borrowed by nothing else.
        unsafe {
            assert_eq!(table_href_or_nil(&mut t, y.bits()), &NIL_SLOT as *const Value);
            let slot = table_newref(&mut t, y.bits());
            assert!((*slot).is_nil());
            *slot = Value::TRUE;
            assert!(table_newref(&mut t, Value::NIL.bits()).is_null());
            assert!(table_newref(&mut t, Value::number(f64::NAN).bits()).is_null());
            // Keys 1..=8 grow the array part through rehashes.
            for i in 1..=8 {
                *table_newref(&mut t, Value::number(i as f64).bits()) = Value::number(i as f64);
            }
        }
        assert_eq!(t.get(y), Value::TRUE);
        assert_eq!(t.get(k).as_number(), Some(2.5));
        assert_eq!(t.len(), 8);
    }
}

//! `Value`: 8 bytes, NaN-boxed.
//!
//! A double is stored as itself. Every other type lives in the negative quiet
//! NaN space: the top 17 bits hold `0x1ffff - tag`, the low 47 bits a payload
//! (a heap pointer, or zero for nil/false/true). Doubles that are NaN are
//! canonicalised to one of two bit patterns, keeping their sign (LuaJIT prints
//! `nan` and `-nan` apart), so no double ever collides with a tagged value.
//!
//! Type checks are one compare on the bits; the JIT guards the same way.

use crate::func::Function;
use crate::gc::GcHeader;
use crate::string::LuaStr;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::Userdata;

/// Type tags, in LuaJIT's order (its `~itype` numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Tag {
    Nil = 0,
    False = 1,
    True = 2,
    LightUserdata = 3,
    Str = 4,
    Upval = 5,
    Thread = 6,
    Proto = 7,
    Function = 8,
    Trace = 9,
    Cdata = 10,
    Table = 11,
    Userdata = 12,
}

const TAG_SHIFT: u32 = 47;
const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;
/// Largest top-17-bit pattern a double may have (the canonical negative NaN).
const NUMBER_HI_MAX: u64 = 0x1fff0;
const POS_NAN: u64 = 0x7ff8_0000_0000_0000;
const NEG_NAN: u64 = 0xfff8_0000_0000_0000;

#[inline(always)]
const fn tagged(tag: Tag, payload: u64) -> u64 {
    ((0x1ffff - tag as u64) << TAG_SHIFT) | payload
}

/// A Lua value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

impl Value {
    pub const NIL: Value = Value(tagged(Tag::Nil, 0));
    pub const FALSE: Value = Value(tagged(Tag::False, 0));
    pub const TRUE: Value = Value(tagged(Tag::True, 0));

    #[inline(always)]
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from bits produced by [`Value::bits`].
    #[inline(always)]
    pub fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    #[inline(always)]
    pub fn number(n: f64) -> Value {
        if n.is_nan() {
            Value(if n.is_sign_negative() { NEG_NAN } else { POS_NAN })
        } else {
            Value(n.to_bits())
        }
    }

    /// A number computed by IEEE arithmetic from numbers that came out of
    /// values, stored without the NaN check of [`Value::number`].
    ///
    /// Sound because every NaN inside a value has a zero payload, and
    /// hardware arithmetic only ever yields the default NaN or a quieted
    /// operand NaN, whose payload is then zero too: such a NaN never falls
    /// in the tagged space. Not for doubles from other sources (bit casts,
    /// host input).
    #[inline(always)]
    pub fn number_from_arith(n: f64) -> Value {
        Value(n.to_bits())
    }

    #[inline(always)]
    pub fn boolean(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// A primitive from LuaJIT's encoding: 0 nil, 1 false, 2 true.
    #[inline(always)]
    pub fn primitive(p: u16) -> Value {
        match p {
            0 => Value::NIL,
            1 => Value::FALSE,
            _ => Value::TRUE,
        }
    }

    #[inline(always)]
    pub fn light_userdata(p: usize) -> Value {
        Value(tagged(Tag::LightUserdata, p as u64 & PAYLOAD_MASK))
    }

    #[inline(always)]
    fn gc<T>(tag: Tag, p: *mut T) -> Value {
        debug_assert!((p as u64) <= PAYLOAD_MASK, "heap pointer above 47 bits");
        Value(tagged(tag, p as u64))
    }

    #[inline(always)]
    pub fn string(p: *mut LuaStr) -> Value {
        Value::gc(Tag::Str, p)
    }
    #[inline(always)]
    pub fn table(p: *mut Table) -> Value {
        Value::gc(Tag::Table, p)
    }
    #[inline(always)]
    pub fn function(p: *mut Function) -> Value {
        Value::gc(Tag::Function, p)
    }
    #[inline(always)]
    pub fn thread(p: *mut Thread) -> Value {
        Value::gc(Tag::Thread, p)
    }
    #[inline(always)]
    pub fn userdata(p: *mut Userdata) -> Value {
        Value::gc(Tag::Userdata, p)
    }

    #[inline(always)]
    pub fn is_number(self) -> bool {
        (self.0 >> TAG_SHIFT) <= NUMBER_HI_MAX
    }

    /// The type tag; `None` for numbers.
    #[inline(always)]
    pub fn tag(self) -> Option<Tag> {
        if self.is_number() {
            None
        } else {
            let t = 0x1ffff - (self.0 >> TAG_SHIFT);
            // Only the constructors above make tagged values, so t is a Tag.
            Some(unsafe { std::mem::transmute::<u8, Tag>(t as u8) })
        }
    }

    #[inline(always)]
    fn has_tag(self, tag: Tag) -> bool {
        (self.0 >> TAG_SHIFT) == 0x1ffff - tag as u64
    }

    #[inline(always)]
    pub fn is_nil(self) -> bool {
        self.0 == Value::NIL.0
    }
    /// Lua truthiness: everything but nil and false.
    #[inline(always)]
    pub fn is_truthy(self) -> bool {
        self.0 != Value::NIL.0 && self.0 != Value::FALSE.0
    }
    #[inline(always)]
    pub fn is_falsy(self) -> bool {
        !self.is_truthy()
    }
    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self.0 == Value::TRUE.0 || self.0 == Value::FALSE.0
    }
    #[inline(always)]
    pub fn is_string(self) -> bool {
        self.has_tag(Tag::Str)
    }
    #[inline(always)]
    pub fn is_table(self) -> bool {
        self.has_tag(Tag::Table)
    }
    #[inline(always)]
    pub fn is_function(self) -> bool {
        self.has_tag(Tag::Function)
    }
    #[inline(always)]
    pub fn is_thread(self) -> bool {
        self.has_tag(Tag::Thread)
    }
    #[inline(always)]
    pub fn is_userdata(self) -> bool {
        self.has_tag(Tag::Userdata)
    }
    #[inline(always)]
    pub fn is_light_userdata(self) -> bool {
        self.has_tag(Tag::LightUserdata)
    }
    /// Whether the payload is a pointer to a collectable object.
    #[inline(always)]
    pub fn is_gc(self) -> bool {
        matches!(self.tag(), Some(Tag::Str | Tag::Table | Tag::Function | Tag::Thread | Tag::Userdata))
    }

    #[inline(always)]
    pub fn as_number(self) -> Option<f64> {
        if self.is_number() {
            Some(f64::from_bits(self.0))
        } else {
            None
        }
    }
    /// The double, without a check. Callers test `is_number` first.
    #[inline(always)]
    pub fn num_unchecked(self) -> f64 {
        f64::from_bits(self.0)
    }

    #[inline(always)]
    fn payload(self) -> u64 {
        self.0 & PAYLOAD_MASK
    }
    #[inline(always)]
    pub fn as_light_userdata(self) -> Option<usize> {
        self.is_light_userdata().then(|| self.payload() as usize)
    }
    #[inline(always)]
    pub fn as_string_ptr(self) -> Option<*mut LuaStr> {
        self.is_string().then(|| self.payload() as *mut LuaStr)
    }
    #[inline(always)]
    pub fn as_table_ptr(self) -> Option<*mut Table> {
        self.is_table().then(|| self.payload() as *mut Table)
    }
    #[inline(always)]
    pub fn as_function_ptr(self) -> Option<*mut Function> {
        self.is_function().then(|| self.payload() as *mut Function)
    }
    #[inline(always)]
    pub fn as_thread_ptr(self) -> Option<*mut Thread> {
        self.is_thread().then(|| self.payload() as *mut Thread)
    }
    #[inline(always)]
    pub fn as_userdata_ptr(self) -> Option<*mut Userdata> {
        self.is_userdata().then(|| self.payload() as *mut Userdata)
    }
    /// The object header of a collectable value.
    #[inline(always)]
    pub fn gc_header(self) -> Option<*mut GcHeader> {
        self.is_gc().then(|| self.payload() as *mut GcHeader)
    }

    /// The string's bytes.
    ///
    /// # Safety
    /// The value must be a live string (reachable by the collector, or not
    /// collected since it was made) for as long as the slice is used.
    #[inline(always)]
    pub unsafe fn str_bytes<'a>(self) -> Option<&'a [u8]> {
        self.as_string_ptr().map(|p| unsafe { (*p).as_bytes() })
    }

    /// The Lua type name, as `type()` returns it.
    pub fn type_name(self) -> &'static str {
        match self.tag() {
            None => "number",
            Some(Tag::Nil) => "nil",
            Some(Tag::False | Tag::True) => "boolean",
            Some(Tag::LightUserdata | Tag::Userdata) => "userdata",
            Some(Tag::Str) => "string",
            Some(Tag::Thread) => "thread",
            Some(Tag::Function) => "function",
            Some(Tag::Table) => "table",
            Some(Tag::Proto) => "proto",
            Some(Tag::Upval) => "upval",
            Some(Tag::Trace) => "trace",
            Some(Tag::Cdata) => "cdata",
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.tag() {
            None => write!(f, "{}", self.num_unchecked()),
            Some(Tag::Nil) => write!(f, "nil"),
            Some(Tag::False) => write!(f, "false"),
            Some(Tag::True) => write!(f, "true"),
            Some(Tag::Str) => {
                // Debug output only; the string is live while the value is.
                let b = unsafe { self.str_bytes() }.unwrap_or(b"");
                write!(f, "{:?}", String::from_utf8_lossy(b))
            }
            Some(t) => write!(f, "{:?}@{:#x}", t, self.payload()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_numbers() {
        for n in [0.0, -0.0, 1.5, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE] {
            let v = Value::number(n);
            assert!(v.is_number());
            assert_eq!(v.as_number().unwrap().to_bits(), n.to_bits());
        }
    }

    #[test]
    fn nans_keep_their_sign() {
        let neg = Value::number(f64::from_bits(0xfff8_0000_0000_0001));
        let pos = Value::number(f64::from_bits(0x7ff0_0000_0000_0001));
        assert!(neg.is_number() && pos.is_number());
        assert!(neg.num_unchecked().is_sign_negative() && neg.num_unchecked().is_nan());
        assert!(pos.num_unchecked().is_sign_positive() && pos.num_unchecked().is_nan());
        // A payload-carrying negative NaN must never read as a tagged value.
        let weird = Value::number(f64::from_bits(0xffff_ffff_ffff_ffff));
        assert!(weird.is_number());
    }

    #[test]
    fn primitives_are_distinct() {
        assert!(Value::NIL.is_nil() && !Value::NIL.is_number());
        assert!(Value::FALSE.is_falsy() && Value::NIL.is_falsy());
        assert!(Value::TRUE.is_truthy() && Value::number(0.0).is_truthy());
        assert_eq!(Value::NIL.tag(), Some(Tag::Nil));
        assert_eq!(Value::TRUE.tag(), Some(Tag::True));
        assert_eq!(Value::light_userdata(0x1234).as_light_userdata(), Some(0x1234));
    }
}

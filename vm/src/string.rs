//! Interned strings.

use crate::gc::GcHeader;

/// A Lua string: immutable bytes, interned (equal strings are one object).
#[repr(C)]
pub struct LuaStr {
    pub header: GcHeader,
    pub hash: u64,
    bytes: Box<[u8]>,
}

impl LuaStr {
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

//! Interned strings: equal byte strings are one heap object, so string keys
//! and string equality compare by pointer.

use crate::gc::{GcHeader, Heap};
use crate::value::{Tag, Value};
use hashbrown::HashTable;
use std::alloc::Layout;

/// A Lua string: immutable bytes, stored inline right after this header in
/// one allocation (see [`LuaStr::alloc`]).
#[repr(C)]
pub struct LuaStr {
    pub header: GcHeader,
    pub hash: u64,
    len: usize,
}

impl LuaStr {
    fn layout(len: usize) -> Layout {
        // Header, bytes and a NUL terminator (the C API hands the bytes to C
        // as a C string); cannot overflow for lengths that fit in memory.
        Layout::from_size_align(std::mem::size_of::<LuaStr>() + len + 1, std::mem::align_of::<LuaStr>()).unwrap()
    }

    /// Allocates a string object holding `bytes` (not yet linked into the
    /// heap).
    fn alloc(hash: u64, bytes: &[u8]) -> *mut LuaStr {
        let layout = LuaStr::layout(bytes.len());
        // The layout has a non-zero size (the header). The fresh block is
        // large enough for the header, the bytes and the NUL written after it.
        unsafe {
            let p = std::alloc::alloc(layout) as *mut LuaStr;
            if p.is_null() {
                std::alloc::handle_alloc_error(layout);
            }
            p.write(LuaStr { header: GcHeader::new(Tag::Str), hash, len: bytes.len() });
            std::ptr::copy_nonoverlapping(
                bytes.as_ptr(),
                (p as *mut u8).add(std::mem::size_of::<LuaStr>()),
                bytes.len(),
            );
            *(p as *mut u8).add(std::mem::size_of::<LuaStr>() + bytes.len()) = 0;
            p
        }
    }

    /// Frees a string made by [`LuaStr::alloc`].
    ///
    /// # Safety
    /// `p` came from `LuaStr::alloc`, is unlinked and unreferenced.
    pub unsafe fn free(p: *mut LuaStr) {
        unsafe { std::alloc::dealloc(p as *mut u8, LuaStr::layout((*p).len)) };
    }

    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        // The bytes follow the header in the same allocation (`alloc`).
        unsafe {
            std::slice::from_raw_parts(
                (self as *const LuaStr as *const u8).add(std::mem::size_of::<LuaStr>()),
                self.len,
            )
        }
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<LuaStr>() + self.len
    }
}

/// Hash of a string's bytes, mixed with a per-state seed: eight bytes per
/// step (multiply and rotate). Long strings are sampled (length, both ends and
/// 32 words spread over the middle), as LuaJIT does, so interning a megabyte
/// string does not read it twice.
fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut mix = |w: u64| {
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    };
    let word = |at: usize| {
        let mut b = [0u8; 8];
        let end = (at + 8).min(bytes.len());
        b[..end - at].copy_from_slice(&bytes[at..end]);
        u64::from_le_bytes(b)
    };
    if bytes.len() <= 64 {
        let mut at = 0;
        while at < bytes.len() {
            mix(word(at));
            at += 8;
        }
    } else {
        mix(word(0));
        mix(word(8));
        mix(word(bytes.len() - 16));
        mix(word(bytes.len() - 8));
        let step = (bytes.len() - 8) / 32;
        (0..32).for_each(|i| mix(word(i * step)));
    }
    h ^ (h >> 32)
}

/// The interning table. Weak: the collector drops strings nothing marked.
pub struct Interner {
    seed: u64,
    table: HashTable<*mut LuaStr>,
}

impl Interner {
    pub fn new(seed: u64) -> Interner {
        Interner { seed, table: HashTable::new() }
    }

    /// The string object for `bytes`, created if it does not exist yet.
    pub fn intern(&mut self, heap: &mut Heap, bytes: &[u8]) -> *mut LuaStr {
        let hash = hash_bytes(self.seed, bytes);
        // Entries are live strings: dead ones are removed before each sweep.
        let found = self.table.find(hash, |&p| unsafe { (*p).hash == hash && (*p).as_bytes() == bytes });
        if let Some(&p) = found {
            // A string found while the collector is between marking and
            // sweeping does not exist: collection is atomic here.
            return p;
        }
        let p = LuaStr::alloc(hash, bytes);
        // A fresh string object, not linked anywhere yet.
        unsafe { heap.link(p as *mut GcHeader, (*p).approx_bytes()) };
        // The hasher reads the stored hash of live entries.
        self.table.insert_unique(hash, p, |&q| unsafe { (*q).hash });
        p
    }

    pub fn value(&mut self, heap: &mut Heap, bytes: &[u8]) -> Value {
        Value::string(self.intern(heap, bytes))
    }

    /// Forgets strings the mark phase did not reach (called before sweep).
    pub fn remove_unmarked(&mut self) {
        // Every entry is a live string; marks are valid during this call.
        self.table.retain(|&mut p| unsafe { (*p).header.marked });
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

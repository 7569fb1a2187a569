//! The garbage-collected heap: object headers and the all-objects list.
//!
//! Every heap object is a `#[repr(C)]` struct whose first field is a
//! [`GcHeader`], so a pointer to the object is also a pointer to its header.
//! Objects never move. The collector is a precise mark and sweep over the
//! intrusive list threaded through the headers.

use crate::value::Tag;

/// The header at the start of every heap object.
#[repr(C)]
pub struct GcHeader {
    /// Next object in the heap's all-objects list.
    pub next: *mut GcHeader,
    /// What kind of object this is (string, table, function, ...).
    pub tag: Tag,
    /// Mark bit for the current collection.
    pub marked: bool,
}

impl GcHeader {
    pub fn new(tag: Tag) -> GcHeader {
        GcHeader { next: std::ptr::null_mut(), tag, marked: false }
    }
}

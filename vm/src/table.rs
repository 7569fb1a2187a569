//! Tables: an array part plus a hash part.

use crate::gc::GcHeader;

#[repr(C)]
pub struct Table {
    pub header: GcHeader,
}

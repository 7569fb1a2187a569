//! Full userdata: a block of host bytes with a metatable and environment.

use crate::gc::GcHeader;

#[repr(C)]
pub struct Userdata {
    pub header: GcHeader,
}

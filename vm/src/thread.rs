//! Threads (coroutines): a Lua stack and its frames.

use crate::gc::GcHeader;

#[repr(C)]
pub struct Thread {
    pub header: GcHeader,
}

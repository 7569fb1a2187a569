//! Functions: Lua closures and native functions.

use crate::gc::GcHeader;

#[repr(C)]
pub struct Function {
    pub header: GcHeader,
}

//! Full userdata: host data with a metatable and an environment table.

use crate::gc::GcHeader;
use crate::table::Table;
use crate::value::Tag;
use std::any::Any;

/// What a userdata carries: raw bytes (C API, `newproxy`) or a Rust value.
pub enum Payload {
    Bytes(Box<[u8]>),
    Rust(Box<dyn Any>),
}

#[repr(C)]
pub struct Userdata {
    pub header: GcHeader,
    pub metatable: *mut Table,
    pub env: *mut Table,
    pub payload: Payload,
}

impl Userdata {
    pub fn new(payload: Payload, env: *mut Table) -> Userdata {
        Userdata { header: GcHeader::new(Tag::Userdata), metatable: std::ptr::null_mut(), env, payload }
    }
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Userdata>()
            + match &self.payload {
                Payload::Bytes(b) => b.len(),
                Payload::Rust(_) => 16,
            }
    }
}

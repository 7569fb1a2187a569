//! Neap: an embeddable Lua VM speaking LuaJIT 2.1's dialect of Lua 5.1.
pub use neap_vm as vm;

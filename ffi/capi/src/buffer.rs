//! `luaL_Buffer`: a C-side byte buffer that spills into string pieces on
//! the Lua stack, joined by `luaL_pushresult`. The layout is Lua 5.1's
//! (prebuilt modules use the `luaL_addchar` macro on its fields).

use std::ffi::{c_char, c_int};

use crate::access::{lua_objlen, lua_tolstring};
use crate::global::lua_State;
use crate::push::lua_pushlstring;
use crate::stack::{lua_insert, lua_settop};
use crate::table::lua_concat;

/// `LUAL_BUFFERSIZE`: `BUFSIZ` of glibc, as Debian's build uses.
pub const LUAL_BUFFERSIZE: usize = 8192;

/// Pieces kept on the stack before they are joined regardless of size.
const MAX_PIECES: c_int = 20;

#[repr(C)]
pub struct luaL_Buffer {
    pub p: *mut c_char,
    pub lvl: c_int,
    pub l: *mut lua_State,
    pub buffer: [c_char; LUAL_BUFFERSIZE],
}

impl luaL_Buffer {
    fn used(&self) -> usize {
        // `p` points into `buffer` (set by buffinit and advanced within it).
        unsafe { self.p.offset_from(self.buffer.as_ptr()) as usize }
    }
}

/// Pushes the buffered bytes as a piece; false if there were none.
unsafe fn flush(b: &mut luaL_Buffer) -> bool {
    let n = b.used();
    if n == 0 {
        return false;
    }
    // The buffer's first `n` bytes are filled.
    unsafe { lua_pushlstring(b.l, b.buffer.as_ptr(), n) };
    b.p = b.buffer.as_mut_ptr();
    b.lvl += 1;
    true
}

/// Joins the top pieces while the one below is not longer than the joined
/// ones (or there are too many), so the total copying stays linear-ish.
unsafe fn merge_pieces(b: &mut luaL_Buffer) {
    if b.lvl <= 1 {
        return;
    }
    let l = b.l;
    unsafe {
        let mut take = 1;
        let mut top_len = lua_objlen(l, -1);
        while take < b.lvl {
            let below = lua_objlen(l, -(take + 1));
            if b.lvl - take + 1 >= MAX_PIECES || top_len > below {
                top_len += below;
                take += 1;
            } else {
                break;
            }
        }
        lua_concat(l, take);
        b.lvl = b.lvl - take + 1;
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_buffinit(l: *mut lua_State, b: *mut luaL_Buffer) {
    // Safety (for every buffer function): `b` points at a luaL_Buffer the
    // caller owns, initialised by luaL_buffinit; `l` is a live handle.
    unsafe {
        (*b).l = l;
        (*b).p = (*b).buffer.as_mut_ptr();
        (*b).lvl = 0;
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_prepbuffer(b: *mut luaL_Buffer) -> *mut c_char {
    unsafe {
        let b = &mut *b;
        if flush(b) {
            merge_pieces(b);
        }
        b.buffer.as_mut_ptr()
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_addlstring(b: *mut luaL_Buffer, s: *const c_char, len: usize) {
    unsafe {
        let b = &mut *b;
        let mut done = 0;
        while done < len {
            let space = LUAL_BUFFERSIZE - b.used();
            if space == 0 {
                luaL_prepbuffer(b);
                continue;
            }
            let n = space.min(len - done);
            // `s` holds `len` readable bytes; `p` has `space` free bytes.
            std::ptr::copy_nonoverlapping(s.add(done), b.p, n);
            b.p = b.p.add(n);
            done += n;
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_addstring(b: *mut luaL_Buffer, s: *const c_char) {
    unsafe { luaL_addlstring(b, s, std::ffi::CStr::from_ptr(s).to_bytes().len()) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_pushresult(b: *mut luaL_Buffer) {
    unsafe {
        let b = &mut *b;
        flush(b);
        lua_concat(b.l, b.lvl);
        b.lvl = 1;
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_addvalue(b: *mut luaL_Buffer) {
    unsafe {
        let b = &mut *b;
        let l = b.l;
        let mut len = 0usize;
        let s = lua_tolstring(l, -1, &mut len);
        if s.is_null() {
            // Not a string: nothing to add (Lua 5.1 requires a string here).
            lua_settop(l, -2);
            return;
        }
        if len <= LUAL_BUFFERSIZE - b.used() {
            // The string is on the stack until the pop below.
            std::ptr::copy_nonoverlapping(s, b.p, len);
            b.p = b.p.add(len);
            lua_settop(l, -2);
        } else {
            if flush(b) {
                // The buffered piece went above the value: swap them.
                lua_insert(l, -2);
            }
            b.lvl += 1;
            merge_pieces(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{luaL_newstate, lua_close};
    use crate::stack::lua_gettop;

    #[test]
    fn buffer_keeps_few_pieces_and_joins_them() {
        // A live state; the buffer lives on this stack frame.
        unsafe {
            let l = luaL_newstate();
            let mut b: luaL_Buffer = std::mem::zeroed();
            luaL_buffinit(l, &mut b);
            let chunk = [b'x'; 1000];
            for _ in 0..500 {
                luaL_addlstring(&mut b, chunk.as_ptr() as *const c_char, chunk.len());
                assert!(b.lvl < MAX_PIECES + 2, "pieces pile up: {}", b.lvl);
            }
            luaL_pushresult(&mut b);
            assert_eq!(lua_gettop(l), 1);
            let mut len = 0;
            lua_tolstring(l, -1, &mut len);
            assert_eq!(len, 500_000);
            lua_close(l);
        }
    }
}

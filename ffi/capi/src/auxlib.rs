//! The auxiliary library (`lauxlib.h`), with LuaJIT's message texts.
//! `luaL_error` is in `csrc/varargs.c` (it takes C variable arguments).

use std::ffi::{c_char, c_int, CStr};

use neap_vm::state::Args;

use crate::access::*;
use crate::call::*;
use crate::global::{lua_CFunction, lua_State};
use crate::push::*;
use crate::stack::*;
use crate::table::*;
use crate::throw::{api, Api};
use crate::*;

/// `luaL_Reg`.
#[repr(C)]
pub struct luaL_Reg {
    pub name: *const c_char,
    pub func: Option<lua_CFunction>,
}

pub const LUA_NOREF: c_int = -2;
pub const LUA_REFNIL: c_int = -1;

fn cstr<'a>(p: *const c_char) -> &'a [u8] {
    // String arguments of the API are C strings valid for the call.
    unsafe { CStr::from_ptr(p).to_bytes() }
}

impl Api<'_> {
    /// `bad argument #n to 'f' (msg)` for the running C function, with the
    /// caller's position, as LuaJIT's `luaL_argerror`.
    pub fn arg_error(&mut self, narg: c_int, msg: &str) -> neap_vm::LuaError {
        let base = self.base();
        let nargs = self.th().top - base;
        let n = narg.max(0) as usize;
        self.on_thread(|vm| vm.arg_error(Args { base, n: nargs }, n, msg))
    }

    /// `T expected, got U` as an argument error.
    pub fn type_error(&mut self, narg: c_int, expected: &str) -> neap_vm::LuaError {
        let got = match self.get(narg) {
            Some(v) => String::from_utf8_lossy(type_name(type_of(v))).into_owned(),
            None => "no value".to_string(),
        };
        self.arg_error(narg, &format!("{expected} expected, got {got}"))
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_argerror(l: *mut lua_State, narg: c_int, extramsg: *const c_char) -> c_int {
    // Safety (for every API function): `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            let msg = String::from_utf8_lossy(cstr(extramsg)).into_owned();
            Err(a.arg_error(narg, &msg))
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_typerror(l: *mut lua_State, narg: c_int, tname: *const c_char) -> c_int {
    unsafe {
        api(l, |a| {
            let t = String::from_utf8_lossy(cstr(tname)).into_owned();
            Err(a.type_error(narg, &t))
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checklstring(l: *mut lua_State, narg: c_int, len: *mut usize) -> *const c_char {
    unsafe {
        let s = lua_tolstring(l, narg, len);
        if s.is_null() {
            api(l, |a| Err::<(), _>(a.type_error(narg, "string")));
        }
        s
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_optlstring(
    l: *mut lua_State,
    narg: c_int,
    def: *const c_char,
    len: *mut usize,
) -> *const c_char {
    unsafe {
        if lua_type(l, narg) <= 0 {
            if !len.is_null() {
                *len = if def.is_null() { 0 } else { CStr::from_ptr(def).to_bytes().len() };
            }
            return def;
        }
        luaL_checklstring(l, narg, len)
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checknumber(l: *mut lua_State, narg: c_int) -> lua_Number {
    unsafe {
        api(l, |a| match neap_vm::meta::to_number(a.value(narg)) {
            Some(n) => Ok(n),
            None => Err(a.type_error(narg, "number")),
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_optnumber(l: *mut lua_State, narg: c_int, def: lua_Number) -> lua_Number {
    unsafe {
        if lua_type(l, narg) <= 0 {
            return def;
        }
        luaL_checknumber(l, narg)
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checkinteger(l: *mut lua_State, narg: c_int) -> lua_Integer {
    unsafe { neap_vm::stdlib::to_integer(luaL_checknumber(l, narg)) as lua_Integer }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_optinteger(l: *mut lua_State, narg: c_int, def: lua_Integer) -> lua_Integer {
    unsafe {
        if lua_type(l, narg) <= 0 {
            return def;
        }
        luaL_checkinteger(l, narg)
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checkstack(l: *mut lua_State, sz: c_int, msg: *const c_char) {
    unsafe {
        if lua_checkstack(l, sz) == 0 {
            api(l, |a| {
                let m = if msg.is_null() { String::new() } else { String::from_utf8_lossy(cstr(msg)).into_owned() };
                Err::<(), _>(a.on_thread(|vm| vm.error_str(&format!("stack overflow ({m})"))))
            });
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checktype(l: *mut lua_State, narg: c_int, t: c_int) {
    unsafe {
        if lua_type(l, narg) != t {
            api(l, |a| {
                let name = String::from_utf8_lossy(type_name(t)).into_owned();
                Err::<(), _>(a.type_error(narg, &name))
            });
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checkany(l: *mut lua_State, narg: c_int) {
    unsafe {
        if lua_type(l, narg) == LUA_TNONE {
            api(l, |a| Err::<(), _>(a.arg_error(narg, "value expected")));
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_newmetatable(l: *mut lua_State, tname: *const c_char) -> c_int {
    unsafe {
        lua_getfield(l, LUA_REGISTRYINDEX, tname);
        if lua_type(l, -1) != LUA_TNIL {
            return 0;
        }
        lua_settop(l, -2);
        lua_createtable(l, 0, 0);
        lua_pushvalue(l, -1);
        lua_setfield(l, LUA_REGISTRYINDEX, tname);
        1
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checkudata(
    l: *mut lua_State,
    ud: c_int,
    tname: *const c_char,
) -> *mut std::ffi::c_void {
    unsafe {
        let p = lua_touserdata(l, ud);
        if !p.is_null() && lua_type(l, ud) == LUA_TUSERDATA && lua_getmetatable(l, ud) != 0 {
            lua_getfield(l, LUA_REGISTRYINDEX, tname);
            let same = lua_rawequal(l, -1, -2) != 0;
            lua_settop(l, -3);
            if same {
                return p;
            }
        }
        luaL_typerror(l, ud, tname);
        std::ptr::null_mut()
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_getmetafield(l: *mut lua_State, obj: c_int, e: *const c_char) -> c_int {
    unsafe {
        if lua_getmetatable(l, obj) == 0 {
            return 0;
        }
        lua_pushstring(l, e);
        lua_rawget(l, -2);
        if lua_type(l, -1) == LUA_TNIL {
            lua_settop(l, -3);
            return 0;
        }
        lua_remove(l, -2);
        1
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_callmeta(l: *mut lua_State, obj: c_int, e: *const c_char) -> c_int {
    unsafe {
        let obj = abs_index(l, obj);
        if luaL_getmetafield(l, obj, e) == 0 {
            return 0;
        }
        lua_pushvalue(l, obj);
        lua_call(l, 1, 1);
        1
    }
}

/// A relative stack index made absolute (pseudo-indices stay as they are).
unsafe fn abs_index(l: *mut lua_State, idx: c_int) -> c_int {
    if idx > 0 || idx <= LUA_REGISTRYINDEX {
        idx
    } else {
        // A live handle.
        unsafe { lua_gettop(l) + idx + 1 }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_where(l: *mut lua_State, lvl: c_int) {
    unsafe {
        api(l, |a| {
            let text =
                a.on_thread(|vm| neap_vm::debuginfo::where_(vm, lvl.max(0) as usize + crate::hook::hidden_levels(vm)));
            let v = a.vm.new_str(&text);
            a.push(v);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_checkoption(
    l: *mut lua_State,
    narg: c_int,
    def: *const c_char,
    lst: *const *const c_char,
) -> c_int {
    unsafe {
        let name = if def.is_null() {
            luaL_checklstring(l, narg, std::ptr::null_mut())
        } else {
            luaL_optlstring(l, narg, def, std::ptr::null_mut())
        };
        let name = cstr(name);
        let mut i = 0;
        loop {
            let item = *lst.add(i);
            if item.is_null() {
                break;
            }
            if cstr(item) == name {
                return i as c_int;
            }
            i += 1;
        }
        let msg = format!("invalid option '{}'", String::from_utf8_lossy(name));
        api(l, |a| Err::<c_int, _>(a.arg_error(narg, &msg)))
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_ref(l: *mut lua_State, t: c_int) -> c_int {
    unsafe {
        let t = abs_index(l, t);
        if lua_type(l, -1) == LUA_TNIL {
            lua_settop(l, -2);
            return LUA_REFNIL;
        }
        // Slot 0 of the table heads the list of freed references.
        lua_rawgeti(l, t, 0);
        let free = lua_tointeger(l, -1) as c_int;
        lua_settop(l, -2);
        let r = if free != 0 {
            lua_rawgeti(l, t, free);
            lua_rawseti(l, t, 0);
            free
        } else {
            lua_objlen(l, t) as c_int + 1
        };
        lua_rawseti(l, t, r);
        r
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_unref(l: *mut lua_State, t: c_int, r: c_int) {
    if r < 0 {
        return;
    }
    unsafe {
        let t = abs_index(l, t);
        lua_rawgeti(l, t, 0);
        lua_rawseti(l, t, r);
        lua_pushinteger(l, r as lua_Integer);
        lua_rawseti(l, t, 0);
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_loadbuffer(
    l: *mut lua_State,
    buff: *const c_char,
    sz: usize,
    name: *const c_char,
) -> c_int {
    unsafe {
        // `buff` holds `sz` readable bytes.
        let source = if sz == 0 { &[][..] } else { std::slice::from_raw_parts(buff as *const u8, sz) };
        let name: &[u8] = if name.is_null() { b"?" } else { cstr(name) };
        api(l, |a| a.load(source, name))
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_loadstring(l: *mut lua_State, s: *const c_char) -> c_int {
    unsafe {
        let len = cstr(s).len();
        luaL_loadbuffer(l, s, len, s)
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_loadfile(l: *mut lua_State, filename: *const c_char) -> c_int {
    use std::io::Read;
    let (chunkname, source) = if filename.is_null() {
        let mut buf = Vec::new();
        let r = std::io::stdin().read_to_end(&mut buf);
        (b"=stdin".to_vec(), r.map(|_| buf).map_err(|e| ("read", "stdin".to_string(), e)))
    } else {
        let name = String::from_utf8_lossy(cstr(filename)).into_owned();
        let mut chunk = b"@".to_vec();
        chunk.extend_from_slice(cstr(filename));
        let r = match std::fs::File::open(&name) {
            Ok(mut f) => {
                let mut buf = Vec::new();
                f.read_to_end(&mut buf).map(|_| buf).map_err(|e| ("read", name, e))
            }
            Err(e) => Err(("open", name, e)),
        };
        (chunk, r)
    };
    unsafe {
        api(l, |a| match source {
            Ok(src) => a.load(&src, &chunkname),
            Err((what, name, e)) => {
                let text = format!("cannot {what} {name}: {}", os_error_text(&e));
                let v = a.vm.new_str(text.as_bytes());
                a.push(v);
                Ok(LUA_ERRFILE)
            }
        })
    }
}

/// `strerror` text of an I/O error (without Rust's " (os error N)").
fn os_error_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_gsub(
    l: *mut lua_State,
    s: *const c_char,
    p: *const c_char,
    r: *const c_char,
) -> *const c_char {
    let (s, p, r) = (cstr(s), cstr(p), cstr(r));
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if !p.is_empty() && s[i..].starts_with(p) {
            out.extend_from_slice(r);
            i += p.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    unsafe {
        lua_pushlstring(l, out.as_ptr() as *const c_char, out.len());
        lua_tolstring(l, -1, std::ptr::null_mut())
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_findtable(
    l: *mut lua_State,
    idx: c_int,
    fname: *const c_char,
    szhint: c_int,
) -> *const c_char {
    unsafe {
        let name = cstr(fname);
        lua_pushvalue(l, idx);
        let mut start = 0;
        loop {
            let end = name[start..].iter().position(|&c| c == b'.').map_or(name.len(), |e| start + e);
            let part = &name[start..end];
            lua_pushlstring(l, part.as_ptr() as *const c_char, part.len());
            lua_rawget(l, -2);
            if lua_type(l, -1) == LUA_TNIL {
                lua_settop(l, -2);
                lua_createtable(l, 0, if end == name.len() { szhint } else { 1 });
                lua_pushlstring(l, part.as_ptr() as *const c_char, part.len());
                lua_pushvalue(l, -2);
                lua_settable(l, -4);
            } else if lua_type(l, -1) != LUA_TTABLE {
                lua_settop(l, -3);
                return fname.add(start);
            }
            lua_remove(l, -2);
            if end == name.len() {
                return std::ptr::null();
            }
            start = end + 1;
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaI_openlib(
    l: *mut lua_State,
    libname: *const c_char,
    reg: *const luaL_Reg,
    nup: c_int,
) {
    unsafe {
        if !libname.is_null() {
            let mut size = 0;
            while !reg.is_null() && !(*reg.add(size)).name.is_null() {
                size += 1;
            }
            luaL_findtable(l, LUA_REGISTRYINDEX, c"_LOADED".as_ptr(), 1);
            lua_getfield(l, -1, libname);
            if lua_type(l, -1) != LUA_TTABLE {
                lua_settop(l, -2);
                if !luaL_findtable(l, LUA_GLOBALSINDEX, libname, size as c_int).is_null() {
                    let msg = format!("name conflict for module '{}'", String::from_utf8_lossy(cstr(libname)));
                    api(l, |a| Err::<(), _>(a.on_thread(|vm| vm.error_str(&msg))));
                }
                lua_pushvalue(l, -1);
                lua_setfield(l, -3, libname);
            }
            lua_remove(l, -2);
            lua_insert(l, -(nup + 1));
        }
        let mut r = reg;
        while !r.is_null() && !(*r).name.is_null() {
            if let Some(f) = (*r).func {
                for _ in 0..nup {
                    lua_pushvalue(l, -nup);
                }
                lua_pushcclosure(l, f, nup);
                lua_setfield(l, -(nup + 2), (*r).name);
            }
            r = r.add(1);
        }
        lua_settop(l, -nup - 1);
    }
}

/// LuaJIT's exported name for `luaI_openlib`.
#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_openlib(
    l: *mut lua_State,
    libname: *const c_char,
    reg: *const luaL_Reg,
    nup: c_int,
) {
    unsafe { luaI_openlib(l, libname, reg, nup) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_register(l: *mut lua_State, libname: *const c_char, reg: *const luaL_Reg) {
    unsafe { luaI_openlib(l, libname, reg, 0) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_traceback(
    l: *mut lua_State,
    l1: *mut lua_State,
    msg: *const c_char,
    level: c_int,
) {
    unsafe {
        let tb = api(l1, |a| Ok(a.on_thread(|vm| neap_vm::debuginfo::traceback_from(vm, level.max(0) as usize))));
        api(l, |a| {
            let mut text = Vec::new();
            if !msg.is_null() {
                text.extend_from_slice(cstr(msg));
                text.push(b'\n');
            }
            text.extend_from_slice(tb.as_bytes());
            let v = a.vm.new_str(&text);
            a.push(v);
            Ok(())
        })
    }
}

//! The debug interface: stack levels, function information, locals,
//! upvalues. Hooks are in [`crate::hook`].

use std::ffi::{c_char, c_int, CStr, CString};

use neap_vm::debuginfo::{self, Level};
use neap_vm::thread::FrameKind;
use neap_vm::Value;

use crate::global::lua_State;
use crate::throw::{api, Api};

/// `LUA_IDSIZE`.
pub const LUA_IDSIZE: usize = 60;

/// `lua_Debug`, laid out as Lua 5.1's.
#[repr(C)]
pub struct lua_Debug {
    pub event: c_int,
    pub name: *const c_char,
    pub namewhat: *const c_char,
    pub what: *const c_char,
    pub source: *const c_char,
    pub currentline: c_int,
    pub nups: c_int,
    pub linedefined: c_int,
    pub lastlinedefined: c_int,
    pub short_src: [c_char; LUA_IDSIZE],
    pub i_ci: c_int,
}

/// Strings handed out in `lua_Debug` stay valid for this many later calls.
const KEPT_DEBUG_STRINGS: usize = 256;

impl Api<'_> {
    /// A C string that stays valid for a while (see [`KEPT_DEBUG_STRINGS`]).
    fn debug_str(&mut self, bytes: &[u8]) -> *const c_char {
        let s = CString::new(bytes.iter().copied().filter(|&b| b != 0).collect::<Vec<u8>>()).unwrap_or_default();
        let strings = &mut self.g.debug_strings;
        if strings.len() >= KEPT_DEBUG_STRINGS {
            strings.drain(..KEPT_DEBUG_STRINGS / 2);
        }
        strings.push(s);
        strings.last().unwrap().as_ptr()
    }
}

fn static_str(s: &'static [u8]) -> *const c_char {
    s.as_ptr() as *const c_char
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getstack(l: *mut lua_State, level: c_int, ar: *mut lua_Debug) -> c_int {
    // Safety (for every API function): `l` is a live handle from this
    // library; `ar` points at a writable lua_Debug.
    unsafe {
        api(l, |a| {
            // The host itself is no level (the VM lists it as a C level
            // below the first frame, for Lua's tracebacks).
            if a.th().frames.is_empty() {
                return Ok(0);
            }
            let (n, hidden) = a.on_thread(|vm| (debuginfo::level_list(vm).len(), crate::hook::hidden_levels(vm)));
            let level = if level >= 0 { level + hidden as c_int } else { level };
            if level < 0 || level as usize >= n {
                return Ok(0);
            }
            (*ar).i_ci = level;
            Ok(1)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getinfo(l: *mut lua_State, what: *const c_char, ar: *mut lua_Debug) -> c_int {
    unsafe {
        api(l, |a| {
            let mut what = CStr::from_ptr(what).to_bytes();
            let levels = a.on_thread(|vm| debuginfo::level_list(vm));
            let (f, level) = if what.first() == Some(&b'>') {
                what = &what[1..];
                (a.pop(), None)
            } else {
                let k = (*ar).i_ci as usize;
                let Some(&lv) = levels.get(k) else { return Ok(0) };
                (a.on_thread(|vm| debuginfo::level_function(vm, lv)), Some(k))
            };
            let fp = f.as_function_ptr();
            // A function from the stack or a live frame.
            let proto = fp.and_then(|p| (*p).proto()).map(|p| &*p);
            for &c in what {
                match c {
                    b'S' => match proto {
                        Some(p) => {
                            // The chunk name string lives with the prototype
                            // and is NUL-terminated.
                            (*ar).source = p.chunkname_bytes().as_ptr() as *const c_char;
                            (*ar).linedefined = p.first_line as c_int;
                            (*ar).lastlinedefined = p.last_line as c_int;
                            (*ar).what = static_str(if p.first_line == 0 { b"main\0" } else { b"Lua\0" });
                            let src = neap_vm::chunkname::short_src(p.chunkname_bytes());
                            write_short_src(&mut (*ar).short_src, &src);
                        }
                        None => {
                            (*ar).source = static_str(b"=[C]\0");
                            (*ar).linedefined = -1;
                            (*ar).lastlinedefined = -1;
                            (*ar).what = static_str(b"C\0");
                            write_short_src(&mut (*ar).short_src, b"[C]");
                        }
                    },
                    b'l' => {
                        (*ar).currentline = match (level.map(|k| levels[k]), proto) {
                            (Some(Level::Frame(i)), Some(p)) => {
                                let frame = a.th().frames[i];
                                debuginfo::frame_line(p, &frame) as c_int
                            }
                            _ => -1,
                        };
                    }
                    b'u' => {
                        (*ar).nups = match fp {
                            Some(p) => match &(*p).kind {
                                neap_vm::func::FunctionKind::Lua { upvals, .. } => upvals.len() as c_int,
                                neap_vm::func::FunctionKind::Native { upvals, .. } => {
                                    let hidden =
                                        if crate::global::is_c_closure(p) { crate::global::HIDDEN_UPVALUES } else { 0 };
                                    (upvals.len() - hidden) as c_int
                                }
                            },
                            None => 0,
                        };
                    }
                    b'n' => {
                        let name = match level {
                            Some(k) => a.on_thread(|vm| debuginfo::level_name(vm, &levels, k)),
                            None => None,
                        };
                        match name {
                            Some((kind, n)) => {
                                (*ar).name = a.debug_str(&n);
                                (*ar).namewhat = a.debug_str(kind.as_bytes());
                            }
                            None => {
                                (*ar).name = std::ptr::null();
                                (*ar).namewhat = static_str(b"\0");
                            }
                        }
                    }
                    b'f' => a.push(f),
                    b'L' => match proto {
                        Some(p) => {
                            let t = a.vm.new_table(0, 0);
                            for &line in p.lines.iter() {
                                // A fresh table.
                                (*t).set_int(line as i64, Value::TRUE);
                            }
                            a.push(Value::table(t));
                        }
                        None => a.push(Value::NIL),
                    },
                    _ => {}
                }
            }
            Ok(1)
        })
    }
}

fn write_short_src(dst: &mut [c_char; LUA_IDSIZE], src: &[u8]) {
    let n = src.len().min(LUA_IDSIZE - 1);
    for (d, &s) in dst.iter_mut().zip(&src[..n]) {
        *d = s as c_char;
    }
    dst[n] = 0;
}

impl Api<'_> {
    /// The stack slot and name of local `n` at the level of `ar`.
    fn local_slot(&mut self, ar: *const lua_Debug, n: c_int) -> Option<(usize, Vec<u8>)> {
        let levels = self.on_thread(|vm| debuginfo::level_list(vm));
        // `ar` was filled by lua_getstack.
        let Level::Frame(i) = *levels.get(unsafe { (*ar).i_ci } as usize)? else { return None };
        let th = self.th();
        let frame = th.frames[i];
        let k = usize::try_from(n).ok()?.checked_sub(1)?;
        let top = th.frames.get(i + 1).map_or(th.top, |f| f.func);
        if frame.kind == FrameKind::Native {
            return (frame.base + k < top).then(|| (frame.base + k, b"(*temporary)".to_vec()));
        }
        let p = self.on_thread(|vm| debuginfo::frame_proto(vm, &frame))?;
        // A live frame's prototype.
        let proto = unsafe { &*p };
        match debuginfo::local_name(proto, frame.pc.saturating_sub(1), k) {
            Some(name) => Some((frame.base + k, name.to_vec())),
            None => (frame.base + k < top).then(|| (frame.base + k, b"(*temporary)".to_vec())),
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getlocal(l: *mut lua_State, ar: *const lua_Debug, n: c_int) -> *const c_char {
    unsafe {
        api(l, |a| match a.local_slot(ar, n) {
            Some((slot, name)) => {
                let v = a.th().stack[slot];
                a.push(v);
                Ok(a.debug_str(&name))
            }
            None => Ok(std::ptr::null()),
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setlocal(l: *mut lua_State, ar: *const lua_Debug, n: c_int) -> *const c_char {
    unsafe {
        api(l, |a| {
            let v = a.pop();
            match a.local_slot(ar, n) {
                Some((slot, name)) => {
                    a.th().stack[slot] = v;
                    Ok(a.debug_str(&name))
                }
                None => Ok(std::ptr::null()),
            }
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getupvalue(l: *mut lua_State, funcindex: c_int, n: c_int) -> *const c_char {
    unsafe {
        api(l, |a| {
            let f = a.value(funcindex);
            match crate::table::upvalue_ref(f, n) {
                Some((name, p)) => {
                    // `p` points at the live upvalue value.
                    a.push(*p);
                    Ok(a.debug_str(name))
                }
                None => Ok(std::ptr::null()),
            }
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setupvalue(l: *mut lua_State, funcindex: c_int, n: c_int) -> *const c_char {
    unsafe {
        api(l, |a| {
            let f = a.value(funcindex);
            match crate::table::upvalue_ref(f, n) {
                Some((name, p)) => {
                    let v = a.pop();
                    // As in lua_getupvalue.
                    *p = v;
                    Ok(a.debug_str(name))
                }
                None => Ok(std::ptr::null()),
            }
        })
    }
}

//! States and threads, calls, loading, errors, coroutines, the collector.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use neap_vm::error::{ErrorKind, LuaError};
use neap_vm::state::Options;
use neap_vm::thread::{CoStatus, Thread};
use neap_vm::{LuaResult, Value, Vm};

use crate::alloc::{self, StateAllocator};
use crate::global::{can_yield, global_of, lua_Alloc, lua_CFunction, lua_State, new_c_function};
use crate::throw::{api, throw, Api};
use crate::*;

/// `lua_Reader`.
pub type lua_Reader = unsafe extern "C-unwind" fn(*mut lua_State, *mut c_void, *mut usize) -> *const c_char;
/// `lua_Writer`.
pub type lua_Writer = unsafe extern "C-unwind" fn(*mut lua_State, *const c_void, usize, *mut c_void) -> c_int;

/// Makes a state with no libraries open and returns its main thread's
/// handle. Its memory comes from `allocator` if given (see [`crate::alloc`]),
/// else from the system allocator.
pub fn new_state(options: Options, allocator: Option<(lua_Alloc, *mut c_void)>) -> *mut lua_State {
    crate::loader::install_c_loader();
    let refused = Arc::new(AtomicBool::new(false));
    let record = match allocator {
        Some((f, ud)) => {
            alloc::warm_up();
            StateAllocator::new(f, ud, refused.clone())
        }
        None => std::ptr::null(),
    };
    let _alloc = alloc::enter(record);
    let deterministic = options.deterministic;
    let vm = Box::into_raw(Vm::new_bare(options));
    // Just made; it lives until lua_close turns it back into a Box.
    let vm = unsafe { &mut *vm };
    let g = global_of(vm);
    // `global_of` returns the live Global of this VM.
    let g = unsafe { &mut *g };
    g.deterministic = deterministic;
    g.alloc_refused = refused;
    if !record.is_null() {
        g.allocators.push(record);
        crate::ext::install_checks(vm, g);
    }
    g.state_for(vm.main_thread)
}

/// `new_state`, NULL if it fails (a Rust panic never reaches C).
pub fn new_state_or_null(options: Options, allocator: Option<(lua_Alloc, *mut c_void)>) -> *mut lua_State {
    std::panic::catch_unwind(|| new_state(options, allocator)).unwrap_or(std::ptr::null_mut())
}

#[no_mangle]
pub unsafe extern "C-unwind" fn luaL_newstate() -> *mut lua_State {
    let l = new_state_or_null(Options::default(), None);
    if !l.is_null() {
        // As LuaJIT's luaL_newstate: errors in finalizers are printed.
        // A fresh handle; its VM is live (and uses the system allocator).
        let vm = unsafe { (*(*l).global).vm() };
        let f = Value::function(vm.heap.alloc(neap_vm::func::Function::new_native(
            vm.globals,
            "?",
            print_finalizer_error,
            Box::new([]),
        )));
        // A fresh registry has room (a failure leaves errors unreported).
        let _ = neap_vm::capi::set_finalizer_error_handler(vm, f);
    }
    l
}

/// Prints the error of a `__gc` finalizer on stderr, as LuaJIT's
/// luaL_newstate states do (a message that is neither a string nor a
/// number shows as "?").
fn print_finalizer_error(vm: &mut Vm, args: neap_vm::state::Args) -> LuaResult<usize> {
    let e = vm.arg(args, 0);
    let text = if e.is_string() || e.is_number() { vm.tostring_basic(e) } else { b"?".to_vec() };
    let mut msg = b"ERROR in finalizer: ".to_vec();
    msg.extend_from_slice(&text);
    msg.push(b'\n');
    use std::io::Write;
    let _ = std::io::stderr().write_all(&msg);
    Ok(0)
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_newstate(f: Option<lua_Alloc>, ud: *mut c_void) -> *mut lua_State {
    // In libneap the state's memory comes from `f` (crate::alloc); a NULL
    // `f` means the system allocator.
    let l = new_state_or_null(Options::default(), f.map(|f| (f, ud)));
    // A fresh handle: as LuaJIT, no state when `f` refused its memory.
    if !l.is_null() && unsafe { (*(*l).global).alloc_refused.load(Ordering::Relaxed) } {
        unsafe { lua_close(l) };
        return std::ptr::null_mut();
    }
    l
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_close(l: *mut lua_State) {
    if l.is_null() {
        return;
    }
    // A live handle; the VM was made by `new_state` with Box::into_raw.
    // Dropping it runs pending finalizers, then frees the heap (the Global
    // and every handle with it), so nothing is touched afterwards.
    // The state's allocators outlive the Global (freed with the heap): they
    // are closed once the heap is gone, so their functions are not called
    // afterwards.
    let close = || unsafe {
        let g = &*(*l).global;
        let allocators = {
            let _system = alloc::enter(std::ptr::null());
            g.allocators.clone()
        };
        let vm = g.vm;
        {
            let _alloc = alloc::enter(g.allocator());
            let main = (*vm).main_thread;
            (*vm).current = main;
            let th = &mut *main;
            th.frames.clear();
            th.top = 0;
            drop(Box::from_raw(vm));
        }
        alloc::close(&allocators);
    };
    // A panic while finalizing must not reach C: what is left is leaked.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(close));
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_newthread(l: *mut lua_State) -> *mut lua_State {
    // Safety (for every API function): `l` is a live handle from this library.
    unsafe {
        api(l, |a| {
            a.check_memory()?;
            let t = a.vm.heap.alloc(Thread::new());
            a.push(Value::thread(t));
            Ok(a.g.state_for(t))
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_atpanic(l: *mut lua_State, f: Option<lua_CFunction>) -> Option<lua_CFunction> {
    // A live handle's Global.
    let g = unsafe { &mut *(*l).global };
    std::mem::replace(&mut g.panic, f)
}

extern "C" {
    fn realloc(p: *mut c_void, size: usize) -> *mut c_void;
    fn free(p: *mut c_void);
}

/// The allocator `lua_getallocf` hands out when the state was not made with
/// one (modules such as LPeg allocate through it): C's realloc and free.
unsafe extern "C" fn default_alloc(_ud: *mut c_void, p: *mut c_void, _osize: usize, nsize: usize) -> *mut c_void {
    // `p` is NULL or a block from this allocator, per lua_Alloc's contract.
    unsafe {
        if nsize == 0 {
            free(p);
            std::ptr::null_mut()
        } else {
            realloc(p, nsize)
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_getallocf(l: *mut lua_State, ud: *mut *mut c_void) -> Option<lua_Alloc> {
    // A live handle's Global, whose allocators are live; `ud` is NULL or
    // writable.
    unsafe {
        let a = (*(*l).global).allocator();
        let (f, d) =
            if a.is_null() { (default_alloc as lua_Alloc, std::ptr::null_mut()) } else { ((*a).function(), (*a).ud()) };
        if !ud.is_null() {
            *ud = d;
        }
        Some(f)
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setallocf(l: *mut lua_State, f: Option<lua_Alloc>, ud: *mut c_void) {
    // New blocks come from `f`; each existing block stays with the
    // allocator that made it (crate::alloc). A NULL `f` changes nothing.
    let Some(f) = f else { return };
    alloc::warm_up();
    unsafe {
        api(l, |a| {
            if a.g.allocators.is_empty() {
                crate::ext::install_checks(a.vm, a.g);
            }
            let record = StateAllocator::new(f, ud, a.g.alloc_refused.clone());
            a.g.allocators.push(record);
            Ok(())
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_setlevel(_from: *mut lua_State, _to: *mut lua_State) {}

// ---- Calls ---------------------------------------------------------------

extern "C" {
    /// C's standard output stream (glibc's `stdout` variable).
    static mut stdout: *mut c_void;
    fn fflush(stream: *mut c_void) -> c_int;
}

impl Api<'_> {
    /// Runs Lua code for the host. Neap's `print` buffers apart from C's
    /// stdio, so at the host level (no C function running) C's buffered
    /// output is written before Lua runs, and Lua's after it returns: a
    /// host's printf and Lua's print come out in program order.
    pub fn run_lua<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let host_level = self.g.protected == 0;
        if host_level {
            // `stdout` is initialised by the C runtime before main runs;
            // reading the pointer and flushing it is what C code does.
            unsafe { fflush(stdout) };
        }
        let r = f(self);
        if host_level {
            self.vm.flush_stdout();
        }
        r
    }

    /// Slot of the function of a call with `nargs` arguments on top.
    fn call_slot(&mut self, nargs: c_int) -> LuaResult<usize> {
        let th = self.th();
        let nargs = nargs.max(0) as usize;
        if th.top < self.base() + nargs + 1 {
            return Err(self.error("not enough values on the stack for the call"));
        }
        Ok(th.top - nargs - 1)
    }

    /// Opens `gap` slots right after slot `at` (moving what is above up).
    fn open_gap(&mut self, at: usize, gap: usize) {
        let th = self.th();
        let top = th.top;
        if top + gap + neap_vm::thread::EXTRA_STACK > th.stack.len() {
            th.grow_unchecked(top + gap);
        }
        th.stack.copy_within(at + 1..top, at + 1 + gap);
        for s in at + 1..at + 1 + gap {
            th.stack[s] = Value::NIL;
        }
        th.top = top + gap;
    }

    /// `lua_call`: results replace the function and arguments.
    pub fn call(&mut self, nargs: c_int, nres: c_int) -> LuaResult<()> {
        let func = self.call_slot(nargs)?;
        // The VM's call layout has a link slot between function and arguments.
        self.open_gap(func, 1);
        let nres = if nres < 0 { -1 } else { nres };
        self.on_thread(|vm| vm.call_at(func, nargs.max(0) as usize, nres))?;
        Ok(())
    }

    /// `lua_pcall`: a call through Neap's pcall (or xpcall with a handler),
    /// so errors are caught where Lua code would catch them. A block the
    /// state's allocator refused during the call and not reported yet makes
    /// it fail with `not enough memory` (see crate::alloc).
    pub fn pcall(&mut self, nargs: c_int, nres: c_int, errfunc: c_int) -> LuaResult<c_int> {
        let func = self.call_slot(nargs)?;
        let status = self.protected_call(nargs, nres, errfunc)?;
        if let Some(e) = alloc::take_refusal(self.vm, &self.g.alloc_refused) {
            self.th().top = func;
            self.push(e.value);
            return Ok(LUA_ERRMEM);
        }
        Ok(status)
    }

    fn protected_call(&mut self, nargs: c_int, nres: c_int, errfunc: c_int) -> LuaResult<c_int> {
        let handler = if errfunc == 0 { None } else { Some(self.value(errfunc)) };
        let func = self.call_slot(nargs)?;
        let nargs = nargs.max(0) as usize;
        let th = self.th();
        let f = th.stack[func];
        // [pcall, link, f, args] or [xpcall, link, f, handler, args].
        let (special, extra) = match handler {
            None => (self.g.pcall_fn, 0),
            Some(_) => (self.g.xpcall_fn, 1),
        };
        self.open_gap(func, 2 + extra);
        let th = self.th();
        th.stack[func] = special;
        th.stack[func + 2] = f;
        if let Some(h) = handler {
            th.stack[func + 3] = h;
        }
        let want = if nres < 0 { -1 } else { nres + 1 };
        let r = self.on_thread(|vm| vm.call_at(func, nargs + 1 + extra, want));
        let th = self.th();
        match r {
            Ok(n) => {
                if th.stack[func].is_truthy() {
                    th.stack.copy_within(func + 1..func + n, func);
                    th.top = func + n - 1;
                    Ok(0)
                } else {
                    let e = th.stack[func + 1];
                    th.stack[func] = e;
                    th.top = func + 1;
                    Ok(error_status(e))
                }
            }
            Err(e) => {
                th.top = func;
                self.push(e.value);
                Ok(status_of(&e))
            }
        }
    }
}

/// The status code of an error caught by pcall (which keeps only the value).
fn error_status(v: Value) -> c_int {
    // Error values are live where they sit (a stack slot).
    match unsafe { v.str_bytes() } {
        Some(b"not enough memory") => LUA_ERRMEM,
        Some(b"error in error handling") => LUA_ERRERR,
        _ => LUA_ERRRUN,
    }
}

/// The status code of an error that reached the API.
pub fn status_of(e: &LuaError) -> c_int {
    match e.kind {
        ErrorKind::Syntax => LUA_ERRSYNTAX,
        ErrorKind::Memory => LUA_ERRMEM,
        ErrorKind::ErrorHandler => LUA_ERRERR,
        _ => error_status(e.value),
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_call(l: *mut lua_State, nargs: c_int, nresults: c_int) {
    unsafe { api(l, |a| a.run_lua(|a| a.call(nargs, nresults))) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_pcall(l: *mut lua_State, nargs: c_int, nresults: c_int, errfunc: c_int) -> c_int {
    unsafe { api(l, |a| a.run_lua(|a| a.pcall(nargs, nresults, errfunc))) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_cpcall(l: *mut lua_State, func: lua_CFunction, ud: *mut c_void) -> c_int {
    unsafe {
        api(l, |a| {
            let g = a.g as *mut _;
            let f = new_c_function(a.vm, g, func, &[]);
            a.push(f);
            a.push(Value::light_userdata(ud as usize));
            let status = a.run_lua(|a| a.pcall(1, 0, 0))?;
            Ok(status)
        })
    }
}

impl Api<'_> {
    /// Compiles `source` (or reads a LuaJIT bytecode dump) and pushes the
    /// function, or pushes the error message and returns its status.
    pub fn load(&mut self, source: &[u8], chunkname: &[u8]) -> LuaResult<c_int> {
        self.check_memory()?;
        match self.vm.load(source, chunkname) {
            Ok(_) if self.g.alloc_refused.load(Ordering::Relaxed) => {
                // Compiling needed more memory than the allocator granted.
                let e = alloc::take_refusal(self.vm, &self.g.alloc_refused).expect("the flag is set");
                self.push(e.value);
                Ok(LUA_ERRMEM)
            }
            Ok(f) => {
                // Lua 5.1 gives a loaded chunk the globals as environment.
                self.push(f);
                Ok(0)
            }
            Err(e) => {
                self.push(e.value);
                Ok(status_of(&e))
            }
        }
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_load(
    l: *mut lua_State,
    reader: lua_Reader,
    data: *mut c_void,
    chunkname: *const c_char,
) -> c_int {
    let mut source = Vec::new();
    loop {
        let mut size = 0usize;
        // The reader is the caller's; it returns NULL or `size` readable bytes.
        let p = unsafe { reader(l, data, &mut size) };
        if p.is_null() || size == 0 {
            break;
        }
        source.extend_from_slice(unsafe { std::slice::from_raw_parts(p as *const u8, size) });
    }
    // NULL means "?", as Lua 5.1.
    let name: &[u8] = if chunkname.is_null() { b"?" } else { unsafe { CStr::from_ptr(chunkname).to_bytes() } };
    unsafe { api(l, |a| a.load(&source, name)) }
}

/// The dump of the Lua function on top of the stack, if it is one.
fn dump_top(a: &mut Api) -> LuaResult<Option<Vec<u8>>> {
    let f = a.get(-1).and_then(|v| v.as_function_ptr());
    // The function is on the stack, so it and its prototype are live.
    let proto = f.and_then(|f| unsafe { (*f).proto() });
    let opts = neap_vm::bcwrite::DumpOptions { strip: false };
    Ok(proto.map(|p| neap_vm::bcwrite::dump(unsafe { &*p }, opts)))
}

/// Writes the bytecode dump of the Lua function on top of the stack (as
/// `string.dump` without stripping); 1 for anything else, as LuaJIT.
#[no_mangle]
pub unsafe extern "C-unwind" fn lua_dump(l: *mut lua_State, writer: lua_Writer, data: *mut c_void) -> c_int {
    let bytes = unsafe { api(l, dump_top) };
    match bytes {
        // The writer is the caller's; it may use the API, so it runs outside `api`.
        Some(bytes) => unsafe { writer(l, bytes.as_ptr() as *const c_void, bytes.len(), data) },
        None => 1,
    }
}

// ---- Errors and coroutines ----------------------------------------------

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_error(l: *mut lua_State) -> c_int {
    let e = unsafe {
        api(l, |a| {
            let v = a.pop();
            Ok(LuaError::new(v))
        })
    };
    unsafe { throw(l, e) }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_yield(l: *mut lua_State, nresults: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            if !can_yield(a.vm, a.thread) {
                // No position: the error is raised in the C function's own
                // level, as LuaJIT raises it.
                return Err(a.error("attempt to yield across C-call boundary"));
            }
            let avail = a.th().top - a.base();
            a.g.yield_request = Some((nresults.max(0) as usize).min(avail));
            Ok(-1)
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_resume(l: *mut lua_State, narg: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let th = a.th();
            let narg = (narg.max(0) as usize).min(th.top - a.base());
            let args = th.stack[th.top - narg..th.top].to_vec();
            th.top -= narg;
            let fresh = th.status == CoStatus::Suspended && th.yield_call.is_none() && th.frames.is_empty();
            if fresh {
                // The body function is on top; the VM starts coroutines
                // from slot 0.
                if th.top == 0 {
                    let msg = a.vm.new_str(b"cannot resume dead coroutine");
                    a.push(msg);
                    return Ok(LUA_ERRRUN);
                }
                th.stack[0] = th.stack[th.top - 1];
                th.top = 1;
            }
            a.g.yield_request = None;
            // The arguments are copied to the coroutine's stack before any
            // allocation can run the collector.
            let thread = a.thread;
            let r = a.run_lua(|a| a.vm.resume(thread, &args));
            let th = a.th();
            match r {
                Ok(vals) if th.status == CoStatus::Suspended => {
                    let _ = vals;
                    // The yielded values are on the thread's stack already.
                    Ok(LUA_YIELD)
                }
                Ok(vals) => {
                    th.top = 0;
                    for v in vals {
                        a.push(v);
                    }
                    Ok(0)
                }
                Err(e) => {
                    let status = status_of(&e);
                    if th.status == CoStatus::Dead {
                        // The VM keeps a dead coroutine's frames for
                        // `debug.traceback(co)`; the C API's view of it is
                        // the error value alone.
                        th.frames.clear();
                        th.top = 0;
                        // A live handle.
                        (*a.l).error_status = status;
                    }
                    a.push(e.value);
                    Ok(status)
                }
            }
        })
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_status(l: *mut lua_State) -> c_int {
    unsafe {
        api(l, |a| {
            let th = a.th();
            if th.status == CoStatus::Suspended && th.yield_call.is_some() {
                return Ok(LUA_YIELD);
            }
            // A live handle.
            Ok((*a.l).error_status)
        })
    }
}

// ---- The collector ---------------------------------------------------------

pub const LUA_GCSTOP: c_int = 0;
pub const LUA_GCRESTART: c_int = 1;
pub const LUA_GCCOLLECT: c_int = 2;
pub const LUA_GCCOUNT: c_int = 3;
pub const LUA_GCCOUNTB: c_int = 4;
pub const LUA_GCSTEP: c_int = 5;
pub const LUA_GCSETPAUSE: c_int = 6;
pub const LUA_GCSETSTEPMUL: c_int = 7;

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_gc(l: *mut lua_State, what: c_int, data: c_int) -> c_int {
    unsafe {
        api(l, |a| {
            let vm = &mut *a.vm;
            Ok(match what {
                LUA_GCSTOP => {
                    vm.heap.params.stopped = true;
                    0
                }
                LUA_GCRESTART => {
                    vm.heap.params.stopped = false;
                    0
                }
                LUA_GCCOLLECT => {
                    a.on_thread(|vm| vm.collect_garbage());
                    0
                }
                LUA_GCCOUNT => (vm.heap.bytes >> 10) as c_int,
                LUA_GCCOUNTB => (vm.heap.bytes & 0x3ff) as c_int,
                LUA_GCSTEP => {
                    // No incremental steps: a step is a full collection,
                    // which always finishes a cycle.
                    a.on_thread(|vm| vm.collect_garbage());
                    1
                }
                LUA_GCSETPAUSE => std::mem::replace(&mut vm.heap.params.pause, data.max(0) as u32) as c_int,
                LUA_GCSETSTEPMUL => std::mem::replace(&mut vm.heap.params.stepmul, data.max(0) as u32) as c_int,
                _ => -1,
            })
        })
    }
}

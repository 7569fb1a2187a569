//! C debug hooks (`lua_sethook`): the C hook rides on the VM's own hook
//! machinery (the one `debug.sethook` uses), installed as a native that
//! calls the C function with a `lua_Debug` for the event.
//!
//! Inside the hook, level 0 of `lua_getstack` is the hooked function (the
//! native standing between is skipped), and the `lua_Debug` the hook gets
//! describes that level, so `lua_getinfo(L, "nSl", ar)` works on it.

use std::ffi::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};

use neap_vm::func::{Function, FunctionKind};
use neap_vm::state::Args;
use neap_vm::{LuaResult, Value, Vm};

use crate::debug::{lua_Debug, LUA_IDSIZE};
use crate::global::{lua_Hook, lua_State, Global};

pub const LUA_HOOKCALL: c_int = 0;
pub const LUA_HOOKRET: c_int = 1;
pub const LUA_HOOKLINE: c_int = 2;
pub const LUA_HOOKCOUNT: c_int = 3;

/// The VM's hook function while a C hook is set: its upvalue is the Global.
fn c_hook_native(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let th = vm.th();
    let frame = *th.frames.last().expect("a native runs in its frame");
    let fp = th.stack[frame.func].as_function_ptr().expect("the running function");
    // The running function is live in its frame slot.
    let g = match unsafe { &(*fp).kind } {
        FunctionKind::Native { upvals, .. } => upvals[0].as_light_userdata().unwrap_or(0) as *mut Global,
        FunctionKind::Lua { .. } => unreachable!("hook native in a Lua function"),
    };
    // The VM calls its hook with the event name and, for line events, the line.
    let ev = th_arg(vm, frame.base);
    let event = vm.str_of(ev).to_vec();
    let line = th_arg(vm, frame.base + 1).as_number().map_or(-1, |n| n as c_int);
    // The hook sees an empty stack of its own.
    vm.th().top = frame.base;
    // The Global outlives every function of its VM (it is freed with the heap).
    let gl = unsafe { &mut *g };
    let Some(hook) = gl.hook else { return Ok(0) };
    // lua_pcall runs through a pcall native of its own, which is no call
    // in Lua 5.1 or LuaJIT: its call event is not reported.
    let th = vm.th();
    if let Some(hooked) = th.frames.len().checked_sub(2).map(|i| th.stack[th.frames[i].func]) {
        if event == b"call" && (hooked == gl.pcall_fn || hooked == gl.xpcall_fn) {
            return Ok(0);
        }
    }
    let mut ar = lua_Debug {
        event: match event.as_slice() {
            b"call" => LUA_HOOKCALL,
            b"return" => LUA_HOOKRET,
            b"line" => LUA_HOOKLINE,
            _ => LUA_HOOKCOUNT,
        },
        name: std::ptr::null(),
        namewhat: std::ptr::null(),
        what: std::ptr::null(),
        source: std::ptr::null(),
        currentline: line,
        nups: 0,
        linedefined: -1,
        lastlinedefined: -1,
        short_src: [0; LUA_IDSIZE],
        // Level 1 from here: the hooked function.
        i_ci: 1,
    };
    let l = gl.state_for(vm.current);
    gl.protected += 1;
    // The hook may unwind with a Throw (lua_error): "C-unwind" ABI.
    let r = catch_unwind(AssertUnwindSafe(|| unsafe { hook(l, &mut ar) }));
    gl.protected -= 1;
    match r {
        Ok(()) => Ok(0),
        Err(payload) => Err(crate::throw::error_from_panic(vm, payload)),
    }
}

fn th_arg(vm: &mut Vm, slot: usize) -> Value {
    let th = vm.th();
    if slot < th.top {
        th.stack[slot]
    } else {
        Value::NIL
    }
}

/// How many levels the API skips on the running thread: 1 inside a C hook
/// (the native running it), so level 0 is the hooked function, as in Lua.
pub fn hidden_levels(vm: &Vm) -> usize {
    let levels = neap_vm::debuginfo::level_list(vm);
    match levels.first() {
        Some(&lv) if is_hook_native(neap_vm::debuginfo::level_function(vm, lv)) => 1,
        _ => 0,
    }
}

/// Whether `f` is the native that runs C hooks (so it is no stack level).
pub fn is_hook_native(f: Value) -> bool {
    let Some(fp) = f.as_function_ptr() else { return false };
    // The caller holds the function.
    matches!(unsafe { &(*fp).kind },
        FunctionKind::Native { f, .. } if *f as usize == c_hook_native as *const () as usize)
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_sethook(
    l: *mut lua_State,
    func: Option<lua_Hook>,
    mask: c_int,
    count: c_int,
) -> c_int {
    // A live handle's Global.
    let g = unsafe { &mut *(*l).global };
    let (func, mask) = if func.is_none() || mask == 0 { (None, 0) } else { (func, mask) };
    g.hook = func;
    g.hook_mask = mask;
    g.hook_count = count;
    let vm = g.vm();
    let _alloc = crate::alloc::enter(g.allocator());
    let native = if func.is_some() {
        let f = Function::new_native(
            vm.globals,
            "?",
            c_hook_native,
            Box::new([Value::light_userdata(g as *mut Global as usize)]),
        );
        Value::function(vm.heap.alloc(f))
    } else {
        Value::NIL
    };
    // LUA_MASK* are the VM's MASK_* bits; the count event needs a count.
    let mut bits = (mask & 0x0f) as u8;
    if count <= 0 {
        bits &= !neap_vm::hook::MASK_COUNT;
    }
    // Only fails if the registry cannot grow (out of memory); the hook is
    // then simply not installed.
    if vm.set_hook(native, bits, count).is_ok() {
        vm.hooks.external = func.is_some();
    }
    1
}

/// The C hook, if the VM's hook is still the one `lua_sethook` installed
/// (`debug.sethook` replaces it).
fn current_hook(g: &Global) -> Option<lua_Hook> {
    if is_hook_native(g.vm().hook_function()) {
        g.hook
    } else {
        None
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_gethook(l: *mut lua_State) -> Option<lua_Hook> {
    // A live handle's Global.
    current_hook(unsafe { &*(*l).global })
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_gethookmask(l: *mut lua_State) -> c_int {
    // A live handle's Global.
    let g = unsafe { &*(*l).global };
    if current_hook(g).is_some() {
        g.hook_mask
    } else {
        g.vm().hooks.mask as c_int
    }
}

#[no_mangle]
pub unsafe extern "C-unwind" fn lua_gethookcount(l: *mut lua_State) -> c_int {
    // A live handle's Global.
    let g = unsafe { &*(*l).global };
    if current_hook(g).is_some() {
        g.hook_count
    } else {
        g.vm().hooks.count_start
    }
}

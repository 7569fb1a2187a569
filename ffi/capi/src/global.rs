//! `lua_State` handles, the per-state record the C API keeps
//! ([`Global`]), and the trampoline that runs C functions as Neap natives.

use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use neap_vm::error::{ErrorKind, LuaError, LuaResult};
use neap_vm::func::{Function, FunctionKind, Special};
use neap_vm::state::Args;
use neap_vm::thread::{CoStatus, FrameKind, PendingCall, Thread};
use neap_vm::userdata::{Payload, Userdata};
use neap_vm::{Value, Vm};

use crate::alloc::StateAllocator;

/// `lua_CFunction`. "C-unwind": `lua_error` unwinds through it.
pub type lua_CFunction = unsafe extern "C-unwind" fn(*mut lua_State) -> c_int;
/// `lua_Alloc`.
pub type lua_Alloc = unsafe extern "C" fn(*mut c_void, *mut c_void, usize, usize) -> *mut c_void;
/// `lua_Hook`.
pub type lua_Hook = unsafe extern "C-unwind" fn(*mut lua_State, *mut crate::debug::lua_Debug);

/// What C sees as `lua_State *`: one per Neap thread, at a stable address
/// for the thread's life (hosts compare and store these pointers).
pub struct lua_State {
    pub(crate) thread: *mut Thread,
    pub(crate) global: *mut Global,
    /// The status `lua_status` reports after a `lua_resume` failed.
    pub(crate) error_status: c_int,
}

/// Upvalues of a C closure that the trampoline uses: the C function pointer
/// and the [`Global`]. The closure's own upvalues follow them.
pub const HIDDEN_UPVALUES: usize = 2;

/// Registry key of the userdata that owns a state's [`Global`].
const GLOBAL_KEY: &str = "neap.capi.global";

/// What the C API keeps per Neap state. Owned by a userdata in the registry,
/// so it lives exactly as long as the VM's heap.
pub struct Global {
    pub vm: *mut Vm,
    /// `lua_State` handles by thread address. An entry outlives its thread
    /// (a handle only holds two pointers); a new thread at the same address
    /// reuses it.
    states: HashMap<usize, Box<lua_State>>,
    pub panic: Option<lua_CFunction>,
    /// The allocators `lua_newstate`/`lua_setallocf` gave the state, the
    /// current one last (none: the system allocator). Older ones still free
    /// the blocks they made. See [`crate::alloc`].
    pub allocators: Vec<*const StateAllocator>,
    /// Set when one of them refused a block, until the state reports it.
    pub alloc_refused: Arc<AtomicBool>,
    /// The instruction budget `neap_setbudget` set (0: none).
    pub budget: i64,
    /// Trampolines active on the Rust stack: an error thrown with none
    /// active has nowhere to go (the `lua_atpanic` path).
    pub protected: usize,
    /// Set by `lua_yield`: the C function returning now yields this many values.
    pub yield_request: Option<usize>,
    /// Natives that make `lua_pcall` a Neap `pcall`/`xpcall` call.
    pub pcall_fn: Value,
    pub xpcall_fn: Value,
    pub hook: Option<lua_Hook>,
    pub hook_mask: c_int,
    pub hook_count: c_int,
    /// Strings handed out in `lua_Debug` records (kept until the state closes).
    pub debug_strings: Vec<std::ffi::CString>,
    /// Raised by `neap_interrupt`.
    pub interrupt: Arc<AtomicBool>,
    pub deterministic: bool,
}

impl Global {
    /// The handle of `thread`, made on first use.
    pub fn state_for(&mut self, thread: *mut Thread) -> *mut lua_State {
        let me = self as *mut Global;
        let s = self
            .states
            .entry(thread as usize)
            .or_insert_with(|| Box::new(lua_State { thread, global: me, error_status: 0 }));
        &mut **s as *mut lua_State
    }

    /// The allocator blocks come from while an API call runs on the state
    /// (null: the system allocator).
    pub fn allocator(&self) -> *const StateAllocator {
        self.allocators.last().copied().unwrap_or(std::ptr::null())
    }

    /// The VM. The returned reference is not tied to `self`: the VM owns
    /// the `Global`, not the other way round.
    #[allow(clippy::mut_from_ref)]
    pub fn vm<'a>(&self) -> &'a mut Vm {
        // A `Global` exists only inside its VM's heap, so the VM is alive
        // whenever the `Global` is reachable.
        unsafe { &mut *self.vm }
    }
}

/// The `Global` of `vm`, created (and stored in its registry) on first use:
/// states made by the Rust API or the `neap` binary get one when they first
/// meet a C function.
pub fn global_of(vm: &mut Vm) -> *mut Global {
    let reg = vm.registry;
    let found = vm.get_field(reg, GLOBAL_KEY);
    if let Some(u) = found.as_userdata_ptr() {
        // The registry keeps this userdata alive; its payload is the boxed
        // Global put there below.
        if let Payload::Rust(b) = unsafe { &mut (*u).payload } {
            if let Some(g) = b.downcast_mut::<Global>() {
                return g as *mut Global;
            }
        }
    }
    let pcall_fn = vm.new_special("pcall", unused_native, Special::Pcall);
    let xpcall_fn = vm.new_special("xpcall", unused_native, Special::Xpcall);
    // Rooted by the registry (`vm.pinned` is the standard library's).
    vm.set_field(reg, "neap.capi.pcall", pcall_fn);
    vm.set_field(reg, "neap.capi.xpcall", xpcall_fn);
    let g = Box::new(Global {
        vm: vm as *mut Vm,
        states: HashMap::new(),
        panic: None,
        allocators: Vec::new(),
        alloc_refused: Arc::new(AtomicBool::new(false)),
        budget: 0,
        protected: 0,
        yield_request: None,
        pcall_fn,
        xpcall_fn,
        hook: None,
        hook_mask: 0,
        hook_count: 0,
        debug_strings: Vec::new(),
        interrupt: Arc::new(AtomicBool::new(false)),
        deterministic: false,
    });
    let globals = vm.globals;
    let u = vm.heap.alloc(Userdata::new(Payload::Rust(b_any(g)), globals));
    vm.set_field(reg, GLOBAL_KEY, Value::userdata(u));
    // Just stored: the payload is the Global.
    match unsafe { &mut (*u).payload } {
        Payload::Rust(b) => b.downcast_mut::<Global>().unwrap() as *mut Global,
        Payload::Bytes(_) => unreachable!(),
    }
}

fn b_any(g: Box<Global>) -> Box<dyn std::any::Any> {
    g
}

/// Placeholder body of the pcall/xpcall specials: the interpreter handles
/// those calls itself and never calls it.
fn unused_native(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    Err(vm.error_str("internal error: C API pcall called directly"))
}

/// Makes a C closure: `upvals` become its upvalues 1..n.
pub fn new_c_function(vm: &mut Vm, g: *mut Global, f: lua_CFunction, upvals: &[Value]) -> Value {
    let mut all = Vec::with_capacity(HIDDEN_UPVALUES + upvals.len());
    all.push(Value::light_userdata(f as *const () as usize));
    all.push(Value::light_userdata(g as usize));
    all.extend_from_slice(upvals);
    let env = vm.globals;
    let func = Function::new_native(env, "?", c_trampoline, all.into_boxed_slice());
    Value::function(vm.heap.alloc(func))
}

/// The C function pointer of a C closure made by [`new_c_function`].
pub fn c_function_of(v: Value) -> Option<lua_CFunction> {
    let fp = v.as_function_ptr()?;
    // A function value the caller holds is live.
    match unsafe { &(*fp).kind } {
        FunctionKind::Native { f, upvals, .. } if *f as usize == c_trampoline as *const () as usize => {
            let p = upvals[0].as_light_userdata()?;
            // Stored by `new_c_function` from a valid `lua_CFunction`.
            Some(unsafe { std::mem::transmute::<usize, lua_CFunction>(p) })
        }
        _ => None,
    }
}

/// Whether a function value is a C closure made by [`new_c_function`].
pub fn is_c_closure(fp: *mut Function) -> bool {
    // The caller holds the function.
    matches!(unsafe { &(*fp).kind }, FunctionKind::Native { f, .. } if *f as usize == c_trampoline as *const () as usize)
}

/// Runs a C function as a Neap native: its frame is the native frame the
/// interpreter pushed; `lua_error` inside it arrives here as a [`crate::throw::Throw`].
pub fn c_trampoline(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let th = vm.th();
    let frame = *th.frames.last().expect("a native runs in its frame");
    let fp = th.stack[frame.func].as_function_ptr().expect("the running function");
    // The running function is live in its frame slot; C closures carry
    // the two hidden upvalues set by `new_c_function`.
    let (cf, g) = match unsafe { &(*fp).kind } {
        FunctionKind::Native { upvals, .. } => {
            (upvals[0].as_light_userdata().unwrap_or(0), upvals[1].as_light_userdata().unwrap_or(0) as *mut Global)
        }
        FunctionKind::Lua { .. } => unreachable!("trampoline in a Lua function"),
    };
    // Stored by `new_c_function` from a valid function pointer.
    let cf = unsafe { std::mem::transmute::<usize, lua_CFunction>(cf) };
    // The Global outlives every function of its VM (it is freed with the heap).
    let gl = unsafe { &mut *g };
    let l = gl.state_for(vm.current);
    gl.protected += 1;
    // The C function may unwind with a Throw (lua_error) through its frames:
    // it is called through the "C-unwind" ABI.
    let r = catch_unwind(AssertUnwindSafe(|| unsafe { cf(l) }));
    gl.protected -= 1;
    let yield_request = gl.yield_request.take();
    match r {
        Ok(n) => {
            let th = vm.th();
            let avail = th.top.saturating_sub(frame.base);
            let n = (n.max(0) as usize).min(avail);
            match yield_request {
                Some(ny) => yield_from_c(vm, ny.min(avail)),
                None => Ok(n),
            }
        }
        Err(payload) => Err(crate::throw::error_from_panic(vm, payload)),
    }
}

/// Suspends the running coroutine from the C function in the top frame,
/// yielding the `n` values on top of its stack: the C function's frame is
/// dropped, and the resume values become its results.
fn yield_from_c(vm: &mut Vm, n: usize) -> LuaResult<usize> {
    let th = vm.th();
    let frame = *th.frames.last().unwrap();
    let Some(kind) = call_kind(vm, th) else {
        return Err(vm.error_str("attempt to yield across C-call boundary"));
    };
    let th = vm.th();
    th.frames.pop();
    let first = th.top - n;
    th.yield_call = Some(PendingCall { ret: frame.ret, nres: frame.nres, kind, first, n });
    Err(LuaError { value: Value::NIL, traceback: None, kind: ErrorKind::Yield })
}

/// How the native in the top frame was called (the frame does not record
/// it): by pcall/xpcall, as an ordinary call, or `None` for a metamethod
/// (whose result delivery the C frame cannot resume).
fn call_kind(vm: &Vm, th: &Thread) -> Option<FrameKind> {
    let n = th.frames.len();
    let me = th.frames[n - 1];
    if me.via_pcall {
        // pcall(f): the pcall native sits two slots below f; xpcall puts
        // its (nil) link slot there.
        return Some(if th.stack[me.ret - 2].is_function() { FrameKind::Pcall } else { FrameKind::Xpcall });
    }
    if n >= 2 {
        let caller = th.frames[n - 2];
        if let Some(p) = neap_vm::debuginfo::frame_proto(vm, &caller) {
            // The caller's prototype is live with its frame.
            let size = unsafe { (*p).frame_size } as usize;
            // Metamethods are called above the caller's frame.
            if me.func >= caller.base + size {
                return None;
            }
        } else {
            return None;
        }
    }
    Some(FrameKind::Lua)
}

/// Whether the coroutine running `l` may yield now.
pub fn can_yield(vm: &Vm, thread: *mut Thread) -> bool {
    // `thread` is a live thread handle.
    let th = unsafe { &*thread };
    vm.current == thread && thread != vm.main_thread && th.native_depth == 0 && th.status == CoStatus::Running
}

/// Turns a panic payload that is not a [`crate::throw::Throw`] into text.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

//! `Function`: a handle to a Lua function, and how Rust closures become
//! Lua functions.
//!
//! A VM native is a plain `fn` pointer, so every Rust callback is the same
//! native, [`trampoline`], with two upvalues: a userdata holding the boxed
//! closure, and a light userdata pointing at the state (its `Arc`'s data),
//! through which the trampoline finds the `Lua` to hand to the closure.

use crate::conversion::{FromLuaMulti, IntoLuaMulti};
use crate::error::{Error, Result};
use crate::lua::{Lua, LuaCell};
use crate::multi::MultiValue;
use crate::value::LuaRef;
use neap_vm::func::FunctionKind;
use neap_vm::state::Args;
use neap_vm::userdata::{Payload, Userdata};
use neap_vm::{LuaResult, Vm};
use std::sync::Arc;

/// A Rust closure callable from Lua, on API values.
pub(crate) type Callback = Box<dyn Fn(&Lua, MultiValue) -> Result<MultiValue> + Send + 'static>;

/// What the callback userdata carries.
struct CallbackBox(Callback);

/// A Lua function (Lua or Rust).
///
/// ```
/// let lua = neap::Lua::new();
/// let f: neap::Function = lua.load("return function(a, b) return a .. b end").eval()?;
/// assert_eq!(f.call::<String>(("x", 1))?, "x1");
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Function(pub(crate) LuaRef);

impl Function {
    /// Calls the function. Errors, Lua or Rust, come back as `Err`.
    pub fn call<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        let lua = self.0.lua()?;
        let args = args.into_lua_multi(&lua)?;
        let results = lua.call_raw(&self.0, args)?;
        R::from_lua_multi(results, &lua)
    }

    /// A function that calls this one with `args` in front of its own.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let sub: neap::Function = lua.load("return function(a, b) return a - b end").eval()?;
    /// let ten_minus = sub.bind(10)?;
    /// assert_eq!(ten_minus.call::<i64>(3)?, 7);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn bind(&self, args: impl IntoLuaMulti) -> Result<Function> {
        let lua = self.0.lua()?;
        let bound = args.into_lua_multi(&lua)?;
        let f = self.clone();
        lua.create_callback(Box::new(move |lua, rest| {
            let mut all = bound.clone();
            all.extend(rest);
            lua.call_raw(&f.0, all)
        }))
    }
}

/// Makes the VM function for a Rust callback.
pub(crate) fn new_callback(cell: &Arc<LuaCell>, vm: &mut Vm, callback: Callback) -> neap_vm::Value {
    let env = vm.globals;
    let ud = vm.heap.alloc(Userdata::new(Payload::Rust(Box::new(CallbackBox(callback))), env));
    let state = neap_vm::Value::light_userdata(Arc::as_ptr(cell) as usize);
    let upvals = Box::new([neap_vm::Value::userdata(ud), state]);
    let f = neap_vm::func::Function::new_native(env, "?", trampoline, upvals);
    neap_vm::Value::function(vm.heap.alloc(f))
}

/// Stack a callback needs left before it runs on a new segment.
const CALLBACK_RED_ZONE: usize = 256 * 1024;
/// Size of the stack segments added for deep callback nesting.
const CALLBACK_STACK_SEGMENT: usize = 4 * 1024 * 1024;

/// The native behind every Rust callback.
fn trampoline(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let (ud, state) = match running_upvalues(vm) {
        Some(u) => u,
        None => return Err(vm.error_str("bad Rust callback")),
    };
    // SAFETY: the pointer was made from the state's `Arc` when the function
    // was created; the function lives in that state's VM, and `RawLua::drop`
    // unhooks every callback before the VM goes, so the `Arc`'s data is
    // still there whenever this runs.
    let cell = unsafe { &*(state as *const LuaCell) };
    let Some(raw) = cell.lock().self_weak.upgrade() else {
        return Err(vm.error_str("the Lua state was dropped"));
    };
    let lua = Lua { raw };
    // From here on the VM is reached only through this pointer (by
    // `with_vm`), never through `vm` itself, so that the accesses the
    // closure makes and ours derive from one borrow.
    let previous = lua.enter_callback(vm as *mut Vm);
    // Lua -> Rust -> Lua nesting recurses on the Rust stack (tens of KB a
    // level in debug builds) until the VM's C-call limit: run on a fresh
    // stack segment when this one runs low, whatever the host thread's size.
    let result = stacker::maybe_grow(CALLBACK_RED_ZONE, CALLBACK_STACK_SEGMENT, || run_callback(&lua, ud, args));
    lua.leave_callback(previous);
    result
}

fn run_callback(lua: &Lua, ud: *mut Userdata, args: Args) -> LuaResult<usize> {
    let values = lua.with_vm(|vm| {
        let values: Vec<neap_vm::Value> = (0..args.n).map(|i| vm.arg(args, i)).collect();
        lua.api_values(vm, &values)
    });
    // SAFETY: the callback userdata is an upvalue of the running function,
    // which sits in its frame slot: it stays alive during the call, and its
    // payload is never replaced.
    let callback = match unsafe { &(*ud).payload } {
        Payload::Rust(b) => match b.downcast_ref::<CallbackBox>() {
            Some(cb) => &cb.0,
            None => return Err(lua.with_vm(|vm| vm.error_str("bad Rust callback"))),
        },
        Payload::Bytes(_) => return Err(lua.with_vm(|vm| vm.error_str("bad Rust callback"))),
    };
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| callback(lua, values))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "Box<dyn Any>".to_string());
            lua.raw.lock().pending_panic.borrow_mut().get_or_insert(payload);
            Err(Error::RuntimeError(format!("Rust callback panicked: {}", message)))
        }
    };
    lua.with_vm(|vm| match result.and_then(|results| Ok((lua.raw_values(vm, &results)?, results))) {
        Ok((raw, _held_until_pushed)) => {
            for v in &raw {
                vm.push(*v);
            }
            Ok(raw.len())
        }
        Err(e) => {
            let e = match e {
                // Already carries where it happened: travel unchanged.
                e @ Error::CallbackError { .. } => e,
                e => Error::CallbackError { traceback: neap_vm::debuginfo::traceback(vm), cause: Arc::new(e) },
            };
            Err(neap_vm::LuaError::new(crate::userdata::wrap_error(lua, vm, e)))
        }
    })
}

/// The upvalues of the running callback: its closure's userdata and the
/// state pointer.
fn running_upvalues(vm: &Vm) -> Option<(*mut Userdata, usize)> {
    let th = vm.th();
    let me = th.stack[th.frames.last()?.func].as_function_ptr()?;
    // SAFETY: the running function is live in its frame slot.
    match unsafe { &(*me).kind } {
        FunctionKind::Native { upvals, .. } if upvals.len() == 2 => {
            Some((upvals[0].as_userdata_ptr()?, upvals[1].as_light_userdata()?))
        }
        _ => None,
    }
}

fn destroyed(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    Err(vm.error_str("the Lua state was dropped"))
}

/// Points every Rust callback of `vm` at a stub: called while the state is
/// being dropped, when the `Lua` they would need is gone.
pub(crate) fn disable_callbacks(vm: &Vm) {
    vm.heap.for_each_object(|h| {
        // SAFETY: the heap lists live objects; the header says which type.
        unsafe {
            if (*h).tag == neap_vm::value::Tag::Function {
                let f = h as *mut neap_vm::func::Function;
                if let FunctionKind::Native { f: native, .. } = &mut (*f).kind {
                    if std::ptr::eq(*native as *const (), trampoline as *const ()) {
                        *native = destroyed;
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::{Error, Lua, Variadic};

    #[test]
    fn rust_errors_are_catchable_and_come_back_unchanged() {
        let lua = Lua::new_gc_stress();
        let fail = lua.create_function(|_, ()| Err::<(), _>(Error::runtime("nope"))).unwrap();
        lua.globals().set("fail", fail).unwrap();
        let (ok, msg): (bool, String) = lua.load("local ok, e = pcall(fail) return ok, tostring(e)").eval().unwrap();
        assert!(!ok);
        assert!(msg.contains("nope"), "{msg}");
        // Rethrown by Lua, it comes out as the same error.
        let err = lua.load("local ok, e = pcall(fail) error(e)").exec().unwrap_err();
        match err {
            Error::CallbackError { cause, .. } => assert!(matches!(*cause, Error::RuntimeError(ref m) if m == "nope")),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn lua_errors_reach_rust_callers() {
        let lua = Lua::new();
        let f = lua.create_function(|lua, ()| lua.load("error('inner')").exec()).unwrap();
        let err = f.call::<()>(()).unwrap_err();
        assert!(err.to_string().contains("inner"), "{err}");
    }

    #[test]
    fn variadics_and_mut_callbacks() {
        let lua = Lua::new();
        let sum = lua.create_function(|_, v: Variadic<i64>| Ok(v.iter().sum::<i64>())).unwrap();
        assert_eq!(sum.call::<i64>((1, 2, 3)).unwrap(), 6);
        let rec = lua
            .create_function_mut(|lua, ()| {
                let me: crate::Function = lua.globals().get("rec")?;
                me.call::<()>(())
            })
            .unwrap();
        lua.globals().set("rec", rec.clone()).unwrap();
        let err = rec.call::<()>(()).unwrap_err();
        assert!(matches!(err.root_cause(), Error::RecursiveMutCallback), "{err:?}");
    }

    #[test]
    fn endless_recursion_through_callbacks_is_an_error() {
        let lua = Lua::new();
        let f = lua.create_function(|lua, n: i64| lua.load("return rec(...)").call::<i64>(n + 1)).unwrap();
        lua.globals().set("rec", f).unwrap();
        let err = lua.load("rec(0)").exec().unwrap_err();
        assert!(err.to_string().contains("C stack overflow"), "{err}");
        assert_eq!(lua.load("1").eval::<i32>().unwrap(), 1);
    }

    #[test]
    fn panics_unwind_to_the_host_not_through_the_vm() {
        let lua = Lua::new();
        let f = lua.create_function(|_, ()| -> crate::Result<()> { panic!("boom") }).unwrap();
        lua.globals().set("f", f).unwrap();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lua.load("pcall(f)").exec()));
        let payload = caught.unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
        // The state is intact.
        assert_eq!(lua.load("1 + 1").eval::<i32>().unwrap(), 2);
    }

    #[test]
    fn panics_in_metamethods_reach_the_host_too() {
        let lua = Lua::new();
        let f = lua.create_function(|_, ()| -> crate::Result<()> { panic!("in __index") }).unwrap();
        let t: crate::Table = lua.load("return setmetatable({}, {__index = ...})").call(f).unwrap();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.get::<crate::Value>("k")));
        assert_eq!(caught.unwrap_err().downcast_ref::<&str>(), Some(&"in __index"));
        assert!(t.raw_get::<crate::Value>("k").unwrap().is_nil());
    }

    #[test]
    fn bad_arguments_say_which() {
        let lua = Lua::new();
        let f = lua.create_function(|_, (_a, _b): (i64, String)| Ok(())).unwrap();
        let err = f.call::<()>((1, Vec::<i32>::new())).unwrap_err();
        match err.root_cause() {
            Error::FromLuaConversionError { .. } => {}
            e => panic!("{e:?}"),
        }
        match &err {
            Error::CallbackError { cause, .. } => {
                assert!(matches!(**cause, Error::BadArgument { pos: 2, .. }), "{cause:?}")
            }
            e => panic!("{e:?}"),
        }
        let v = lua.create_function(|_, v: Variadic<i64>| Ok(v.len())).unwrap();
        let err = v.call::<usize>((1, 2, "x")).unwrap_err();
        assert!(err.to_string().contains("bad argument #3"), "{err}");
    }

    #[test]
    fn callbacks_call_back_into_lua() {
        let lua = Lua::new();
        let twice = lua.create_function(|_, f: crate::Function| f.call::<i64>(()).map(|n| n * 2)).unwrap();
        lua.globals().set("twice", twice).unwrap();
        assert_eq!(lua.load("twice(function() return 21 end)").eval::<i64>().unwrap(), 42);
    }

    #[test]
    fn callbacks_survive_collections() {
        let lua = Lua::new();
        let f = lua.create_function(|_, s: String| Ok(s.len())).unwrap();
        lua.globals().set("len", f).unwrap();
        lua.load("for i = 1, 2000 do local t = {i} ; assert(len(tostring(i)) > 0) end collectgarbage()")
            .exec()
            .unwrap();
        lua.gc_collect().unwrap();
        assert_eq!(lua.load("len('abc')").eval::<usize>().unwrap(), 3);
    }
}

//! The `coroutine` library.

use super::{arg, ret};
use crate::error::LuaResult;
use crate::func::{Function, FunctionKind, Special};
use crate::state::{Args, Vm};
use crate::thread::{CoStatus, Thread};
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    let t = super::new_lib(
        vm,
        "coroutine",
        &[
            ("create", create),
            ("resume", resume),
            ("status", status),
            ("running", running),
            ("wrap", wrap),
            ("isyieldable", isyieldable),
        ],
    );
    let y = vm.new_special("yield", yield_stub, Special::Yield);
    vm.set_field(t, "yield", y);
}

fn yield_stub(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    Err(vm.error_str("internal error: yield called directly"))
}

fn check_co(vm: &mut Vm, args: Args, n: usize) -> LuaResult<*mut Thread> {
    match arg(vm, args, n).as_thread_ptr() {
        Some(t) => Ok(t),
        None => Err(vm.arg_error(args, n, "coroutine expected")),
    }
}

fn new_thread(vm: &mut Vm, f: Value) -> *mut Thread {
    let co = vm.heap.alloc(Thread::new());
    // Fresh thread: slot 0 holds the body function.
    let t = unsafe { &mut *co };
    t.stack[0] = f;
    t.top = 1;
    // A new thread starts with its creator's environment.
    t.env = vm.globals;
    co
}

fn create(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = arg(vm, args, 1);
    if !f.is_function() {
        return Err(vm.type_error(args, 1, "function"));
    }
    let co = new_thread(vm, f);
    ret(vm, &[Value::thread(co)])
}

fn resume(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let co = check_co(vm, args, 1)?;
    let vals: Vec<Value> = (1..args.n).map(|i| vm.arg(args, i)).collect();
    match vm.resume(co, &vals) {
        Ok(results) => {
            vm.push(Value::TRUE);
            for v in &results {
                vm.push(*v);
            }
            Ok(results.len() + 1)
        }
        Err(e) => ret(vm, &[Value::FALSE, e.value]),
    }
}

fn status(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let co = check_co(vm, args, 1)?;
    // Argument thread, live.
    let s = match unsafe { (*co).status } {
        CoStatus::Suspended => "suspended",
        CoStatus::Running => "running",
        CoStatus::Normal => "normal",
        CoStatus::Dead => "dead",
    };
    let v = vm.new_str(s.as_bytes());
    ret(vm, &[v])
}

fn running(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    if vm.current == vm.main_thread {
        return ret(vm, &[Value::NIL]);
    }
    ret(vm, &[Value::thread(vm.current)])
}

fn wrap(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let f = arg(vm, args, 1);
    if !f.is_function() {
        return Err(vm.type_error(args, 1, "function"));
    }
    let co = new_thread(vm, f);
    let env = vm.globals;
    let w = Value::function(vm.heap.alloc(Function::new_native(env, "wrap", wrap_aux, Box::new([Value::thread(co)]))));
    super::ffid::set_builtin_id(w, "coroutine.wrap_aux");
    ret(vm, &[w])
}

fn wrap_aux(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let th = vm.th();
    let me = th.stack[th.frames.last().unwrap().func].as_function_ptr().unwrap();
    // The running native's function object is live in its frame slot.
    let co = match unsafe { &(*me).kind } {
        FunctionKind::Native { upvals, .. } => upvals[0].as_thread_ptr().unwrap(),
        _ => unreachable!(),
    };
    let vals: Vec<Value> = (0..args.n).map(|i| vm.arg(args, i)).collect();
    match vm.resume(co, &vals) {
        Ok(results) => ret(vm, &results),
        // A string error gets the position of the call to the wrapper
        // prepended, as LuaJIT does.
        Err(e) if e.value.is_string() || e.value.is_number() => {
            let mut text = crate::debuginfo::where_(vm, 0);
            vm.append_tostring_primitive(&mut text, e.value);
            let s = vm.new_str(&text);
            Err(crate::error::LuaError::new(s))
        }
        Err(e) => Err(e),
    }
}

fn isyieldable(vm: &mut Vm, _args: Args) -> LuaResult<usize> {
    let yieldable = vm.current != vm.main_thread && vm.th().native_depth == 0;
    ret(vm, &[Value::boolean(yieldable)])
}

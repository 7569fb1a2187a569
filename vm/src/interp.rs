//! The bytecode interpreter: call setup, returns, error unwinding to `pcall`
//! frames, and the dispatch loop.
//!
//! Lua-to-Lua calls push a frame and stay in the same loop: no Rust
//! recursion. Native functions run on the Rust stack; when they call back
//! into Lua ([`Vm::call_at`]) a nested loop runs until that call returns.

use crate::bytecode::{Ins, Op};
use crate::error::{ErrorKind, LuaError, LuaResult};
use crate::func::{Function, FunctionKind, Kgc, Special, UpVal};
use crate::gc::GcHeader;
use crate::meta::{Arith, CmpStep, ConcatStep, Step};
use crate::proto::UpvalSource;
use crate::state::{Args, MetaMethod, Vm};
use crate::table::Table;
use crate::thread::{CoStatus, ContKind, Frame, FrameKind, PendingCall, Thread, EXTRA_STACK, MAX_STACK};
use crate::value::{Tag, Value};

/// Closes the open upvalues of `th` at stack slots `>= level`.
#[inline(never)]
pub fn close_upvals(th: &mut Thread, level: usize) {
    while let Some(&u) = th.open_upvals.last() {
        // Open upvalues are live (the thread marks them).
        unsafe {
            if (*u).slot < level {
                break;
            }
            (*u).close();
        }
        th.open_upvals.pop();
    }
}

impl Vm {
    /// The open upvalue for stack slot `slot` of the running thread, created
    /// if no closure captured that slot yet.
    #[inline(never)]
    fn find_upval(&mut self, slot: usize) -> *mut UpVal {
        let th = self.th();
        let mut pos = th.open_upvals.len();
        while pos > 0 {
            let u = th.open_upvals[pos - 1];
            // Open upvalues are live.
            let s = unsafe { (*u).slot };
            if s == slot {
                return u;
            }
            if s < slot {
                break;
            }
            pos -= 1;
        }
        let v = &mut th.stack[slot] as *mut Value;
        let u = self.heap.alloc(UpVal { header: GcHeader::new(Tag::Upval), v, closed: Value::NIL, slot, open: true });
        th.open_upvals.insert(pos, u);
        u
    }

    /// Sets up a call of the value in `stack[func]` with `nargs` arguments
    /// at `func + 2`. A Lua function gets a frame and `Ok(true)` (the loop
    /// runs it); a native runs to completion here, its results delivered as
    /// the frame kind says, and gives `Ok(false)`.
    #[inline(never)]
    pub(crate) fn precall(&mut self, func: usize, nargs: usize, nres: i32, kind: FrameKind) -> LuaResult<bool> {
        let nargs = match self.resolve_call(func, nargs) {
            Ok(n) => n,
            Err(v) => {
                if matches!(kind, FrameKind::Pcall | FrameKind::Xpcall) {
                    // pcall is the caller: a C level, so no position.
                    let msg = format!("attempt to call a {} value", v.type_name());
                    let e = LuaError::new(self.new_str(msg.as_bytes()));
                    self.catch_error(func, nres, kind, e);
                    return Ok(false);
                }
                return Err(self.op_error("call", v, None));
            }
        };
        let th = self.th();
        // The frame link slot: clear whatever stale value the caller left
        // there, so the collector does not keep it alive.
        th.stack[func + 1] = Value::NIL;
        let fp = th.stack[func].as_function_ptr().unwrap();
        // The function is live: it sits in a stack slot below `top`.
        let f: &Function = unsafe { &*fp };
        match &f.kind {
            FunctionKind::Lua { proto, .. } => {
                // Prototypes of live closures are live.
                let p = unsafe { &**proto };
                let frame_size = p.frame_size as usize;
                let nparams = p.num_params as usize;
                let (fslot, nvarargs) =
                    if p.is_vararg { (func + 2 + nargs, nargs.saturating_sub(nparams)) } else { (func, 0) };
                let base = fslot + 2;
                if base + frame_size > MAX_STACK + self.stack_headroom || !th.ensure(base + frame_size) {
                    return Err(self.error_str("stack overflow"));
                }
                let s = &mut th.stack;
                if p.is_vararg {
                    s[fslot] = s[func];
                    s[fslot + 1] = Value::NIL;
                    for i in 0..nparams {
                        s[base + i] = if i < nargs { s[func + 2 + i] } else { Value::NIL };
                    }
                } else {
                    for i in nargs..nparams {
                        s[base + i] = Value::NIL;
                    }
                }
                let pc = self.entry_pc(p);
                let th = self.th();
                th.frames.push(Frame { func: fslot, base, ret: func, nres, pc, nvarargs, kind, via_pcall: false });
                th.top = base + frame_size;
                Ok(true)
            }
            FunctionKind::Native { f: native, special, .. } => {
                let native = *native;
                if self.instrument & crate::tier::INSTRUMENT_HOOK != 0 {
                    if let Err(e) = self.hook_native_call(func, nargs, nres, kind) {
                        if matches!(kind, FrameKind::Pcall | FrameKind::Xpcall) {
                            self.catch_error(func, nres, kind, e);
                            return Ok(false);
                        }
                        return Err(e);
                    }
                }
                let th = self.th();
                match special {
                    Special::None => {}
                    Special::ToString if nargs >= 1 => {
                        // tostring(v) with __tostring is the call __tostring(v):
                        // run it in place, so it may yield.
                        let mm = self.metamethod(th.stack[func + 2], crate::state::MetaMethod::ToString);
                        if !mm.is_nil() {
                            self.th().stack[func] = mm;
                            return self.precall(func, 1, nres, kind);
                        }
                    }
                    Special::ToString => {}
                    Special::Pcall | Special::Xpcall if kind != FrameKind::Lua => {
                        // pcall called through pcall: run the inner one nested,
                        // below a frame that stands for the outer pcall's C level.
                        th.top = func + 2 + nargs;
                        let mut marker = native_frame(func, nres);
                        marker.via_pcall = true;
                        th.frames.push(marker);
                        let r = self.call_at(func, nargs, -1);
                        self.th().frames.pop();
                        match r {
                            Ok(n) => self.finish_call(func, nres, kind, func, n),
                            Err(e) => self.catch_error(func, nres, kind, e),
                        }
                        return Ok(false);
                    }
                    Special::Pcall => {
                        if nargs == 0 {
                            th.frames.push(native_frame(func, nres));
                            let e = self.arg_error(Args { base: func + 2, n: 0 }, 1, "value expected");
                            self.th().frames.pop();
                            return Err(e);
                        }
                        if !th.ensure(func + 4 + nargs) {
                            return Err(self.error_str("stack overflow"));
                        }
                        th.stack.copy_within(func + 3..func + 2 + nargs, func + 4);
                        th.stack[func + 3] = Value::NIL;
                        th.top = func + 3 + nargs;
                        return self.precall(func + 2, nargs - 1, nres, FrameKind::Pcall);
                    }
                    Special::Xpcall => {
                        if nargs < 2 || !th.stack[func + 3].is_function() {
                            th.frames.push(native_frame(func, nres));
                            let args = Args { base: func + 2, n: nargs };
                            // LuaJIT checks for a first argument before the handler.
                            let e = if nargs == 0 {
                                self.arg_error(args, 1, "value expected")
                            } else {
                                self.type_error(args, 2, "function")
                            };
                            self.th().frames.pop();
                            return Err(e);
                        }
                        if !th.ensure(func + 5 + nargs) {
                            return Err(self.error_str("stack overflow"));
                        }
                        let (target, handler) = (th.stack[func + 2], th.stack[func + 3]);
                        th.stack.copy_within(func + 4..func + 2 + nargs, func + 5);
                        th.stack[func + 2] = handler;
                        th.stack[func + 3] = target;
                        th.stack[func + 4] = Value::NIL;
                        th.top = func + 3 + nargs;
                        return self.precall(func + 3, nargs - 2, nres, FrameKind::Xpcall);
                    }
                    Special::Yield => {
                        if self.current == self.main_thread || th.native_depth > 0 {
                            // LuaJIT gives this message for the main thread too.
                            let mut frame = native_frame(func, nres);
                            frame.via_pcall = matches!(kind, FrameKind::Pcall | FrameKind::Xpcall);
                            th.frames.push(frame);
                            let e = self.error_str("attempt to yield across C-call boundary");
                            self.th().frames.pop();
                            if frame.via_pcall {
                                self.catch_error(func, nres, kind, e);
                                return Ok(false);
                            }
                            return Err(e);
                        }
                        let th = self.th();
                        th.yield_call = Some(PendingCall { ret: func, nres, kind, first: func + 2, n: nargs });
                        th.top = func + 2 + nargs;
                        return Err(LuaError { value: Value::NIL, traceback: None, kind: ErrorKind::Yield });
                    }
                }
                let mut frame = native_frame(func, nres);
                frame.via_pcall = matches!(kind, FrameKind::Pcall | FrameKind::Xpcall);
                th.frames.push(frame);
                th.top = func + 2 + nargs;
                th.ensure(th.top);
                let mut r = native(self, Args { base: func + 2, n: nargs });
                if self.instrument & crate::tier::INSTRUMENT_HOOK != 0 && r.is_ok() {
                    if let Err(e) = self.hook_native_return(func) {
                        r = Err(e);
                    }
                }
                let th = self.th();
                match r {
                    Ok(n) => {
                        th.frames.pop();
                        let src = th.top - n;
                        self.finish_call(func, nres, kind, src, n);
                        Ok(false)
                    }
                    Err(e) => {
                        if e.kind != ErrorKind::Yield && matches!(kind, FrameKind::Pcall | FrameKind::Xpcall) {
                            // The native was called by pcall/xpcall directly:
                            // catch its error here.
                            self.catch_error(func, nres, kind, e);
                            return Ok(false);
                        }
                        // The failed native's frame stays until the error is
                        // unwound, so an xpcall handler's traceback shows it.
                        let _ = th;
                        Err(e)
                    }
                }
            }
        }
    }

    /// Delivers `n` results found at `stack[src..]` for a call whose frame
    /// had (`ret`, `nres`, `kind`). Sets `multres` and `top`.
    #[inline(never)]
    pub(crate) fn finish_call(&mut self, ret: usize, nres: i32, kind: FrameKind, src: usize, n: usize) {
        let th = self.th();
        if let FrameKind::Cont(k) = kind {
            let v = if n > 0 { th.stack[src] } else { Value::NIL };
            let caller = th.frames.last_mut().expect("a metamethod frame has a caller");
            match k {
                ContKind::Store { dst } => th.stack[caller.base + dst as usize] = v,
                ContKind::Concat { at } => {
                    th.stack[caller.base + at as usize] = v;
                    caller.pc -= 1;
                    th.cat_resume = Some(at as usize);
                }
                ContKind::Discard => {}
                ContKind::Cond { negate } => {
                    let f = th.stack[caller.func].as_function_ptr().unwrap();
                    // The caller is a live Lua frame; its pc points at the
                    // JMP after the comparison.
                    let proto = unsafe { &*(*f).proto().unwrap() };
                    let jmp = proto.code[caller.pc];
                    caller.pc = if v.is_truthy() != negate { jmp.jump_target(caller.pc) } else { caller.pc + 1 };
                }
            }
            th.top = ret;
            return;
        }
        let (dest, prefix) = match kind {
            FrameKind::Pcall => (ret - 2, 1),
            FrameKind::Xpcall => (ret - 3, 1),
            _ => (ret, 0),
        };
        let total = if nres < 0 { n + prefix } else { nres as usize };
        th.ensure(dest + total);
        let s = &mut th.stack;
        if prefix == 1 && total > 0 {
            s[dest] = Value::TRUE;
        }
        for i in prefix..total {
            // Copying upward-to-downward: src >= dest + prefix, so reads come
            // from slots not yet overwritten.
            s[dest + i] = if i - prefix < n { s[src + i - prefix] } else { Value::NIL };
        }
        th.multres = total;
        th.top = dest + total;
    }

    /// Unwinds the frames above `stop` to the nearest `pcall`/`xpcall`
    /// frame. `Ok` when one caught the error (its results are in place),
    /// `Err` when the error leaves this loop.
    #[inline(never)]
    fn unwind(&mut self, stop: usize, mut err: LuaError) -> LuaResult<()> {
        if err.kind == ErrorKind::Yield {
            return Err(err);
        }
        let th = self.th();
        let Some(idx) =
            (stop..th.frames.len()).rev().find(|&i| matches!(th.frames[i].kind, FrameKind::Pcall | FrameKind::Xpcall))
        else {
            if err.traceback.is_none() {
                err.traceback = Some(crate::debuginfo::traceback(self));
            }
            let th = self.th();
            if let Some(f) = th.frames.get(stop) {
                close_upvals(th, f.func);
            }
            // A coroutine dying of the error keeps its frames, as LuaJIT's
            // do: `debug.traceback(co)` shows where it failed.
            if stop > 0 || self.current == self.main_thread {
                th.frames.truncate(stop);
            }
            return Err(err);
        };
        let frame = th.frames[idx];
        if th.top < frame.base {
            th.top = frame.base;
        }
        // The handler runs before unwinding, so it sees the failing frames.
        let value = self.run_error_handler(frame.ret, frame.kind, err.value);
        let th = self.th();
        close_upvals(th, frame.func);
        th.frames.truncate(idx);
        self.deliver_failure(frame.ret, frame.nres, frame.kind, value);
        Ok(())
    }

    /// For an `xpcall` frame, the handler's result for `value`; else `value`.
    fn run_error_handler(&mut self, ret: usize, kind: FrameKind, value: Value) -> Value {
        if kind != FrameKind::Xpcall {
            return value;
        }
        let handler = self.th().stack[ret - 1];
        let saved = self.stack_headroom;
        self.stack_headroom = crate::thread::HANDLER_STACK;
        let r = self.call(handler, &[value]);
        self.stack_headroom = saved;
        match r {
            Ok(r) => r.first().copied().unwrap_or(Value::NIL),
            Err(_) => self.new_str(b"error in error handling"),
        }
    }

    /// Delivers `false, value` as the results of a failed pcall/xpcall.
    fn deliver_failure(&mut self, ret: usize, nres: i32, kind: FrameKind, value: Value) {
        let dest = if kind == FrameKind::Pcall { ret - 2 } else { ret - 3 };
        let th = self.th();
        th.stack[dest] = Value::FALSE;
        th.stack[dest + 1] = value;
        self.finish_call(dest, nres, FrameKind::Lua, dest, 2);
    }

    /// A native called directly by pcall/xpcall failed with `err`.
    ///
    /// The handler runs first, while the failed frames (if any) are still
    /// there; then frames from `func` up are dropped.
    #[inline(never)]
    fn catch_error(&mut self, func: usize, nres: i32, kind: FrameKind, err: LuaError) {
        let th = self.th();
        if th.top < func + 2 {
            th.top = func + 2;
        }
        let value = self.run_error_handler(func, kind, err.value);
        let th = self.th();
        while th.frames.last().is_some_and(|f| f.func >= func) {
            th.frames.pop();
        }
        close_upvals(th, func);
        self.deliver_failure(func, nres, kind, value);
    }

    /// Resumes coroutine `co` with `args`. `Ok(values)` when it yields or
    /// returns, `Err(error)` when it dies of an error.
    pub fn resume(&mut self, co: *mut Thread, args: &[Value]) -> Result<Vec<Value>, LuaError> {
        // Threads passed to resume are live (they are in an argument slot).
        let cot = unsafe { &mut *co };
        if cot.status != CoStatus::Suspended {
            let msg = match cot.status {
                CoStatus::Dead => "cannot resume dead coroutine",
                _ => "cannot resume running coroutine",
            };
            return Err(LuaError::new(self.new_str(msg.as_bytes())));
        }
        if self.native_depth >= crate::state::MAX_NATIVE_DEPTH {
            return Err(LuaError::new(self.new_str(b"C stack overflow")));
        }
        let prev = self.current;
        // `prev` is the running thread, live.
        unsafe { (*prev).status = CoStatus::Normal };
        self.current = co;
        cot.status = CoStatus::Running;
        self.swap_thread_env(prev, co);
        self.native_depth += 1;
        let result = self.run_coroutine(args);
        self.native_depth -= 1;
        self.swap_thread_env(co, prev);
        self.current = prev;
        // As above.
        unsafe { (*prev).status = CoStatus::Running };
        let cot = unsafe { &mut *co };
        match result {
            Ok(()) => {
                cot.status = CoStatus::Dead;
                let n = cot.multres;
                let vals = cot.stack[..n].to_vec();
                cot.top = 0;
                Ok(vals)
            }
            Err(e) if e.kind == ErrorKind::Yield => {
                cot.status = CoStatus::Suspended;
                let call = cot.yield_call.unwrap();
                Ok(cot.stack[call.first..call.first + call.n].to_vec())
            }
            Err(e) => {
                cot.status = CoStatus::Dead;
                close_upvals(cot, 0);
                // The failed frames stay for inspection (see `unwind`):
                // keep their slots below `top`, so they stay marked.
                if let Some(f) = cot.frames.last() {
                    cot.top = cot.top.max(f.base).min(cot.stack.len());
                }
                Err(e)
            }
        }
    }

    fn run_coroutine(&mut self, args: &[Value]) -> LuaResult<()> {
        let th = self.th();
        if let Some(call) = th.yield_call.take() {
            // Deliver the resume arguments as the results of the yield.
            let first = th.top;
            if !th.ensure(first + args.len()) {
                return Err(self.error_str("stack overflow"));
            }
            th.stack[first..first + args.len()].copy_from_slice(args);
            self.finish_call(call.ret, call.nres, call.kind, first, args.len());
            if self.th().frames.is_empty() {
                return Ok(());
            }
            return self.execute(0);
        }
        // First resume: the body function sits in slot 0.
        if !th.ensure(2 + args.len()) {
            return Err(self.error_str("stack overflow"));
        }
        th.stack[1] = Value::NIL;
        th.stack[2..2 + args.len()].copy_from_slice(args);
        th.top = 2 + args.len();
        match self.precall(0, args.len(), -1, FrameKind::Lua) {
            Ok(true) => self.execute(0),
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Runs Lua frames until the frame count drops back to `stop`.
    pub(crate) fn execute(&mut self, stop: usize) -> LuaResult<()> {
        let outer_floor = std::mem::replace(&mut self.run_floor, stop);
        // Each loop runs until it finishes or the instrumentation changes
        // (recording starts or stops, hooks are set): then the other one
        // takes over where it left (the running frame's saved pc).
        let result = loop {
            let switch = if self.instrument == 0 { self.run::<false>(stop) } else { self.run::<true>(stop) };
            match switch {
                Ok(true) => {}
                Ok(false) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.run_floor = outer_floor;
        result
    }

    /// The dispatch loop. `INSTRUMENTED` runs `before_instruction` before
    /// every instruction; the plain loop counts loops for the tier. Returns
    /// true when the other loop must take over.
    fn run<const INSTRUMENTED: bool>(&mut self, stop: usize) -> LuaResult<bool> {
        // The running thread cannot change while this loop runs (a resume
        // runs its own loop and restores `current` before returning), so its
        // pointer is read once.
        let thp: *mut Thread = self.current;
        // The running thread. Like `Vm::th`, the reference is not tied to a
        // borrow of `self`: `thp` stays valid (the running thread is a GC root).
        macro_rules! th {
            () => {{
                #[allow(unused_unsafe)]
                let t = unsafe { &mut *thp };
                t
            }};
        }
        'newframe: loop {
            // The running frame, kept in locals; a Lua-to-Lua call in the
            // fast path below switches them to the callee without coming back
            // here.
            if !INSTRUMENTED && self.instrument != 0 {
                // Instrumentation began (a native set a hook): switch loops.
                return Ok(true);
            }
            let th = th!();
            let mut fi = th.frames.len() - 1;
            let frame = th.frames[fi];
            let mut cl = th.stack[frame.func].as_function_ptr().unwrap();
            // A Lua frame's closure and prototype are live while it runs.
            let (proto, mut upvals) = match unsafe { &(*cl).kind } {
                FunctionKind::Lua { proto, upvals, .. } => (*proto, upvals.as_ptr()),
                FunctionKind::Native { .. } => unreachable!("native frame in the Lua loop"),
            };
            let mut p = unsafe { &*proto };
            let mut code = p.code.as_ptr();
            let mut knum = p.knum.as_ptr();
            let mut hot = p.hot.as_ptr();
            let mut base = frame.base;
            let mut frame_size = p.frame_size as usize;
            // The next instruction, as a pointer into `code` (frames keep it as an index).
            let mut ip: *const Ins = unsafe { code.add(frame.pc) };
            th.top = base + frame_size;
            if frame.pc == 1 {
                // Function entry is a safe point and a periodic-check tick.
                self.heap.ticks -= 1;
                if self.heap.ticks < 0 {
                    if let Err(e) = self.periodic_check() {
                        match self.unwind(stop, e) {
                            Ok(()) if th!().frames.len() <= stop => return Ok(false),
                            Ok(()) => continue 'newframe,
                            Err(e) => return Err(e),
                        }
                    }
                }
                if INSTRUMENTED && self.instrument & crate::tier::INSTRUMENT_HOOK != 0 {
                    if let Err(e) = self.hook_lua_call() {
                        match self.unwind(stop, e) {
                            Ok(()) if th!().frames.len() <= stop => return Ok(false),
                            Ok(()) => continue 'newframe,
                            Err(e) => return Err(e),
                        }
                    }
                }
            }
            // `s` points at slot 0 of this frame. The stack holds at least
            // `base + frame_size + EXTRA_STACK` slots, and the compiler keeps
            // every operand below `frame_size`. `s` is refreshed after any
            // operation that may grow (move) the stack.
            let mut s: *mut Value = unsafe { th!().stack.as_mut_ptr().add(base) };
            let err: LuaError;

            macro_rules! r {
                ($i:expr) => {
                    *s.add($i as usize)
                };
            }
            macro_rules! save_pc {
                () => {
                    th!().frames[fi].pc = ip.offset_from(code) as usize
                };
            }
            macro_rules! refresh {
                () => {
                    s = th!().stack.as_mut_ptr().add(base)
                };
            }
            // Runs a slow path that may call Lua or raise an error.
            macro_rules! tri {
                ($e:expr) => {{
                    save_pc!();
                    let r = $e;
                    refresh!();
                    match r {
                        Ok(v) => v,
                        Err(e) => {
                            err = e;
                            break;
                        }
                    }
                }};
            }
            macro_rules! jump_if {
                ($cond:expr) => {{
                    if $cond {
                        ip = ip.offset(1 + jump_offset(*ip));
                    } else {
                        ip = ip.add(1);
                    }
                }};
            }
            // Calls a metamethod as a frame above this one; `finish_call`
            // delivers its result as `$kind` says when it returns.
            macro_rules! meta_call {
                ($mm:expr, $args:expr, $n:expr, $kind:expr) => {{
                    let func = base + frame_size;
                    let th = th!();
                    th.ensure(func + 5);
                    th.stack[func] = $mm;
                    th.stack[func + 1] = Value::NIL;
                    th.stack[func + 2..func + 2 + $n].copy_from_slice(&$args[..$n]);
                    th.top = func + 2 + $n;
                    save_pc!();
                    match self.precall(func, $n, 1, FrameKind::Cont($kind)) {
                        Ok(true) => continue 'newframe,
                        Ok(false) => {
                            refresh!();
                            let th = th!();
                            th.top = base + frame_size;
                            ip = code.add(th.frames[fi].pc);
                        }
                        Err(e) => {
                            err = e;
                            break;
                        }
                    }
                }};
            }
            // Stores the outcome of a step into slot `$dst`.
            macro_rules! step_to {
                ($step:expr, $dst:expr) => {{
                    match tri!($step) {
                        Step::Done(v) => r!($dst) = v,
                        Step::Call(mm, args, n) => meta_call!(mm, args, n, ContKind::Store { dst: $dst as u8 }),
                    }
                }};
            }
            macro_rules! step_discard {
                ($step:expr) => {{
                    match tri!($step) {
                        Step::Done(_) => {}
                        Step::Call(mm, args, n) => meta_call!(mm, args, n, ContKind::Discard),
                    }
                }};
            }
            // A comparison's outcome: take the following jump when it holds
            // (flipped when `$invert`).
            macro_rules! cmp_jump {
                ($step:expr, $invert:expr) => {{
                    match $step {
                        CmpStep::Done(holds) => jump_if!(holds != $invert),
                        CmpStep::Call { mm, a: x, b: y, negate } => {
                            meta_call!(mm, [x, y], 2, ContKind::Cond { negate: negate != $invert })
                        }
                    }
                }};
            }
            macro_rules! arith {
                ($op:expr, $a:expr, $b:expr, $ca:expr, $cb:expr, $dst:expr) => {{
                    let (x, y): (Value, Value) = ($a, $b);
                    if x.is_number() && y.is_number() {
                        r!($dst) = Value::number_from_arith($op.apply(x.num_unchecked(), y.num_unchecked()));
                    } else {
                        step_to!(self.arith_step($op, x, y, $ca, $cb), $dst);
                    }
                }};
            }
            // A call of slot `$a` (the function at `$func`) through `__call`
            // or to a native: name the slot if it cannot be called, run the
            // callee, and go on in the callee's frame or after the call.
            macro_rules! generic_call {
                ($func:expr, $nargs:expr, $nres:expr, $a:expr) => {{
                    let func = $func;
                    let nargs = match self.resolve_call(func, $nargs) {
                        Ok(n) => n,
                        Err(v) => {
                            err = self.op_error("call", v, Some($a));
                            break;
                        }
                    };
                    if tri!(self.precall(func, nargs, $nres, FrameKind::Lua)) {
                        continue 'newframe;
                    }
                    if !INSTRUMENTED && self.instrument != 0 {
                        // The native set a hook: go on in the other loop
                        // (the pc after the call is saved).
                        return Ok(true);
                    }
                    th!().top = base + frame_size;
                }};
            }
            // The three operand forms: slot op number, number op slot,
            // slot op slot.
            macro_rules! arith_vn {
                ($op:expr, $ins:expr, $a:expr) => {
                    arith!($op, r!($ins.b()), *knum.add($ins.c() as usize), Some($ins.b() as usize), None, $a)
                };
            }
            macro_rules! arith_nv {
                ($op:expr, $ins:expr, $a:expr) => {
                    arith!($op, *knum.add($ins.c() as usize), r!($ins.b()), None, Some($ins.b() as usize), $a)
                };
            }
            macro_rules! arith_vv {
                ($op:expr, $ins:expr, $a:expr) => {
                    arith!($op, r!($ins.b()), r!($ins.c()), Some($ins.b() as usize), Some($ins.c() as usize), $a)
                };
            }

            // Counts a run of the loop instruction just fetched; when the
            // loop is hot (or has a trace) and `$continues` (evaluated only
            // then: the loop goes round again), the tier decides what
            // happens. A loop that is ending is left to the interpreter:
            // a trace entered or a recording started there would only
            // leave it again (LuaJIT's JFORL and JITERL do the same).
            macro_rules! count_loop {
                () => {
                    count_loop!(true)
                };
                ($continues:expr) => {{
                    if !INSTRUMENTED {
                        let pc = ip.offset_from(code) as usize - 1;
                        let counter = &*hot.add(pc);
                        let n = counter.get();
                        if n < self.hotloop {
                            counter.set(n + 1);
                        } else if n != crate::tier::HOT_BLACKLISTED && $continues {
                            match tri!(self.loop_is_hot(pc)) {
                                // A trace ran; the tier may have started
                                // recording where it left.
                                crate::tier::LoopAction::Resume if self.instrument != 0 => return Ok(true),
                                crate::tier::LoopAction::Resume => continue 'newframe,
                                crate::tier::LoopAction::Interpret if self.instrument != 0 => {
                                    // Recording starts with this instruction.
                                    th!().frames[fi].pc = pc;
                                    return Ok(true);
                                }
                                crate::tier::LoopAction::Interpret => {}
                            }
                        }
                    }
                }};
            }

            // All slot accesses below go through `s`, valid as explained above.
            unsafe {
                loop {
                    if INSTRUMENTED {
                        // The frame's pc names the instruction about to run,
                        // for the tier and for a switch of loops.
                        let pc = ip.offset_from(code) as usize;
                        th!().frames[fi].pc = pc;
                        if self.instrument != 0 {
                            let r = self.before_instruction(pc);
                            refresh!();
                            if let Err(e) = r {
                                err = e;
                                break;
                            }
                        }
                        if self.instrument == 0 {
                            return Ok(true);
                        }
                    }
                    let ins = *ip;
                    ip = ip.add(1);
                    let a = ins.a() as usize;
                    match ins.op() {
                        Op::ISLT | Op::ISGE | Op::ISLE | Op::ISGT => {
                            let (x, y) = (r!(a), r!(ins.d()));
                            let le = matches!(ins.op(), Op::ISLE | Op::ISGT);
                            let invert = matches!(ins.op(), Op::ISGE | Op::ISGT);
                            if x.is_number() && y.is_number() {
                                let (x, y) = (x.num_unchecked(), y.num_unchecked());
                                let holds = if le { x <= y } else { x < y };
                                jump_if!(holds != invert);
                            } else {
                                let step = tri!(self.less_step(x, y, le));
                                cmp_jump!(step, invert);
                            }
                        }
                        Op::ISEQV | Op::ISNEV => {
                            let (x, y) = (r!(a), r!(ins.d()));
                            let invert = ins.op() == Op::ISNEV;
                            if x.is_number() && y.is_number() {
                                jump_if!((x.num_unchecked() == y.num_unchecked()) != invert);
                            } else {
                                let step = self.equals_step(x, y);
                                cmp_jump!(step, invert);
                            }
                        }
                        Op::ISEQS => jump_if!(r!(a) == p.kstr(ins.d() as usize)),
                        Op::ISNES => jump_if!(r!(a) != p.kstr(ins.d() as usize)),
                        Op::ISEQN | Op::ISNEN => {
                            let x = r!(a);
                            let eq =
                                x.is_number() && x.num_unchecked() == (*knum.add(ins.d() as usize)).num_unchecked();
                            jump_if!(eq == (ins.op() == Op::ISEQN));
                        }
                        Op::ISEQP => jump_if!(r!(a) == Value::primitive(ins.d())),
                        Op::ISNEP => jump_if!(r!(a) != Value::primitive(ins.d())),
                        Op::ISTC => {
                            let v = r!(ins.d());
                            if v.is_truthy() {
                                r!(a) = v;
                            }
                            jump_if!(v.is_truthy());
                        }
                        Op::ISFC => {
                            let v = r!(ins.d());
                            if v.is_falsy() {
                                r!(a) = v;
                            }
                            jump_if!(v.is_falsy());
                        }
                        Op::IST => jump_if!(r!(ins.d()).is_truthy()),
                        Op::ISF => jump_if!(r!(ins.d()).is_falsy()),
                        Op::MOV => r!(a) = r!(ins.d()),
                        Op::NOT => r!(a) = Value::boolean(r!(ins.d()).is_falsy()),
                        Op::UNM => {
                            let v = r!(ins.d());
                            if v.is_number() {
                                r!(a) = Value::number_from_arith(-v.num_unchecked());
                            } else {
                                step_to!(self.unm_step(v, Some(ins.d() as usize)), a);
                            }
                        }
                        Op::LEN => {
                            let v = r!(ins.d());
                            if let Some(t) = v.as_table_ptr() {
                                r!(a) = Value::number((*t).len() as f64);
                            } else {
                                step_to!(self.len_step(v, Some(ins.d() as usize)), a);
                            }
                        }
                        // One arm per opcode, so each operation is known at
                        // compile time (no second dispatch on the operator).
                        Op::ADDVN => arith_vn!(Arith::Add, ins, a),
                        Op::SUBVN => arith_vn!(Arith::Sub, ins, a),
                        Op::MULVN => arith_vn!(Arith::Mul, ins, a),
                        Op::DIVVN => arith_vn!(Arith::Div, ins, a),
                        Op::MODVN => arith_vn!(Arith::Mod, ins, a),
                        Op::ADDNV => arith_nv!(Arith::Add, ins, a),
                        Op::SUBNV => arith_nv!(Arith::Sub, ins, a),
                        Op::MULNV => arith_nv!(Arith::Mul, ins, a),
                        Op::DIVNV => arith_nv!(Arith::Div, ins, a),
                        Op::MODNV => arith_nv!(Arith::Mod, ins, a),
                        Op::ADDVV => arith_vv!(Arith::Add, ins, a),
                        Op::SUBVV => arith_vv!(Arith::Sub, ins, a),
                        Op::MULVV => arith_vv!(Arith::Mul, ins, a),
                        Op::DIVVV => arith_vv!(Arith::Div, ins, a),
                        Op::MODVV => arith_vv!(Arith::Mod, ins, a),
                        Op::POW => arith_vv!(Arith::Pow, ins, a),
                        Op::CAT => {
                            let to = th!().cat_resume.take().unwrap_or(ins.c() as usize);
                            match tri!(self.concat_step(base, ins.b() as usize, to)) {
                                ConcatStep::Done(v) => {
                                    r!(a) = v;
                                    if self.heap.due() {
                                        tri!(self.check_memory());
                                    }
                                }
                                ConcatStep::Call(mm, args, at) => {
                                    meta_call!(mm, args, 2, ContKind::Concat { at: at as u8 })
                                }
                            }
                        }
                        Op::KSTR => r!(a) = p.kstr(ins.d() as usize),
                        // A 16-bit integer is never NaN: no canonicalisation needed.
                        Op::KSHORT => r!(a) = Value::number_from_arith(ins.sd() as f64),
                        Op::KNUM => r!(a) = *knum.add(ins.d() as usize),
                        Op::KPRI => r!(a) = Value::primitive(ins.d()),
                        Op::KNIL => {
                            for i in a..=ins.d() as usize {
                                r!(i) = Value::NIL;
                            }
                        }
                        Op::UGET => r!(a) = (**upvals.add(ins.d() as usize)).get(),
                        Op::USETV => (**upvals.add(a)).set(r!(ins.d())),
                        Op::USETS => (**upvals.add(a)).set(p.kstr(ins.d() as usize)),
                        Op::USETN => (**upvals.add(a)).set(*knum.add(ins.d() as usize)),
                        Op::USETP => (**upvals.add(a)).set(Value::primitive(ins.d())),
                        Op::UCLO => {
                            close_upvals(th!(), base + a);
                            ip = ip.offset(jump_offset(ins));
                        }
                        Op::FNEW => {
                            let Kgc::Proto(child) = p.kgc[ins.d() as usize] else { unreachable!() };
                            let child_ref = &*child;
                            let mut ups = Vec::with_capacity(child_ref.upvals.len());
                            for src in child_ref.upvals.iter() {
                                ups.push(match *src {
                                    UpvalSource::ParentLocal(slot) => self.find_upval(base + slot as usize),
                                    UpvalSource::ParentUpval(i) => *upvals.add(i as usize),
                                });
                            }
                            let f = self.heap.alloc(Function::new_lua((*cl).env, child, ups.into_boxed_slice()));
                            r!(a) = Value::function(f);
                            if self.heap.due() {
                                tri!(self.check_memory());
                            }
                        }
                        Op::TNEW => {
                            let d = ins.d() as u32;
                            let t = self.heap.alloc(Table::new(d & 0x7ff, d >> 11));
                            r!(a) = Value::table(t);
                            if self.heap.due() {
                                tri!(self.check_memory());
                            }
                        }
                        Op::TDUP => {
                            let Kgc::Template(tpl) = &p.kgc[ins.d() as usize] else { unreachable!() };
                            let t = self.heap.alloc(Table::from_template(&tpl.array, &tpl.hash, tpl.hash_size));
                            r!(a) = Value::table(t);
                            if self.heap.due() {
                                tri!(self.check_memory());
                            }
                        }
                        Op::GGET => {
                            // Read the environment each time: setfenv may
                            // change it while this frame runs.
                            let env = (*cl).env;
                            let key = p.kstr(ins.d() as usize);
                            let v = (*env).get_str(key);
                            if v.is_nil() && !(*env).metatable.is_null() {
                                step_to!(self.index_step(Value::table(env), key, None), a);
                            } else {
                                r!(a) = v;
                            }
                        }
                        Op::GSET => {
                            let env = (*cl).env;
                            let key = p.kstr(ins.d() as usize);
                            if (*env).metatable.is_null() {
                                (*env).set_str(key, r!(a));
                            } else {
                                step_discard!(self.set_index_step(Value::table(env), key, r!(a), None));
                            }
                        }
                        Op::TGETV | Op::TGETS | Op::TGETB => {
                            let b = ins.b() as usize;
                            let t = r!(b);
                            let key = match ins.op() {
                                Op::TGETV => r!(ins.c()),
                                Op::TGETS => p.kstr(ins.c() as usize),
                                _ => Value::number(ins.c() as f64),
                            };
                            let mut done = false;
                            if let Some(mut tp) = t.as_table_ptr() {
                                // Follow `__index` tables (the usual class
                                // pattern) without leaving the fast path.
                                for _ in 0..8 {
                                    let v = match ins.op() {
                                        Op::TGETS => (*tp).get_str(key),
                                        Op::TGETB => (*tp).get_int(ins.c() as i64),
                                        _ => (*tp).get(key),
                                    };
                                    let mt = (*tp).metatable;
                                    if !v.is_nil() || mt.is_null() {
                                        r!(a) = v;
                                        done = true;
                                        break;
                                    }
                                    match (*mt).get_str(self.mm_name(MetaMethod::Index)).as_table_ptr() {
                                        Some(next) => tp = next,
                                        None => break,
                                    }
                                }
                            }
                            if !done {
                                step_to!(self.index_step(t, key, Some(b)), a);
                            }
                        }
                        Op::TSETV | Op::TSETS | Op::TSETB => {
                            let b = ins.b() as usize;
                            let t = r!(b);
                            let key = match ins.op() {
                                Op::TSETV => r!(ins.c()),
                                Op::TSETS => p.kstr(ins.c() as usize),
                                _ => Value::number(ins.c() as f64),
                            };
                            let val = r!(a);
                            match t.as_table_ptr() {
                                Some(tp) if (*tp).metatable.is_null() => {
                                    tri!(self.raw_set(tp, key, val));
                                }
                                Some(tp) if matches!((*tp).slot_mut(key), Some(old) if !old.is_nil()) => {
                                    // An existing field: `__newindex` does not apply.
                                    *(*tp).slot_mut(key).unwrap() = val;
                                }
                                _ => step_discard!(self.set_index_step(t, key, val, Some(b))),
                            }
                        }
                        Op::TSETM => {
                            // The compiler always leaves the constructor's
                            // table below; a loaded dump may not.
                            let Some(t) = r!(a - 1).as_table_ptr() else {
                                save_pc!();
                                err = self.op_error("index", r!(a - 1), Some(a - 1));
                                break;
                            };
                            let start = (*knum.add(ins.d() as usize)).num_unchecked() as i64;
                            let n = th!().multres;
                            for i in 0..n {
                                (*t).set_int(start + i as i64, r!(a + i));
                            }
                        }
                        Op::CALL | Op::CALLM => {
                            let mut nargs = ins.c() as usize;
                            if ins.op() == Op::CALL {
                                nargs -= 1;
                            } else {
                                nargs += th!().multres;
                            }
                            let func = base + a;
                            save_pc!();
                            // Fast path: a fixed-argument Lua function whose
                            // frame fits in the stack we have.
                            if let Some(fp) = r!(a).as_function_ptr() {
                                if let FunctionKind::Lua { proto: cp, shape, .. } = &(*fp).kind {
                                    let nbase = func + 2;
                                    let size = shape.frame_size as usize;
                                    let th = th!();
                                    if !shape.is_vararg
                                        && nbase + size + EXTRA_STACK <= th.stack.len()
                                        && nbase + size <= MAX_STACK
                                    {
                                        r!(a + 1) = Value::NIL;
                                        for i in nargs..shape.num_params as usize {
                                            r!(a + 2 + i) = Value::NIL;
                                        }
                                        let entry = self.entry_pc(&**cp);
                                        let th = th!();
                                        th.frames.push(Frame {
                                            func,
                                            base: nbase,
                                            ret: func,
                                            nres: ins.b() as i32 - 1,
                                            pc: entry,
                                            nvarargs: 0,
                                            kind: FrameKind::Lua,
                                            via_pcall: false,
                                        });
                                        if INSTRUMENTED || self.heap.ticks <= 0 {
                                            // Entry checks (or hooks) are due: the full path does them.
                                            continue 'newframe;
                                        }
                                        self.heap.ticks -= 1;
                                        // Switch the locals to the callee.
                                        fi += 1;
                                        cl = fp;
                                        upvals = match &(*fp).kind {
                                            FunctionKind::Lua { upvals, .. } => upvals.as_ptr(),
                                            FunctionKind::Native { .. } => unreachable!(),
                                        };
                                        p = &**cp;
                                        code = p.code.as_ptr();
                                        knum = p.knum.as_ptr();
                                        hot = p.hot.as_ptr();
                                        base = nbase;
                                        frame_size = size;
                                        ip = code.add(entry);
                                        th.top = base + frame_size;
                                        s = th.stack.as_mut_ptr().add(base);
                                        continue;
                                    }
                                }
                            }
                            generic_call!(func, nargs, ins.b() as i32 - 1, a);
                        }
                        Op::CALLT | Op::CALLMT => {
                            let nargs = if ins.op() == Op::CALLT {
                                ins.d() as usize - 1
                            } else {
                                ins.d() as usize + th!().multres
                            };
                            let func = base + a;
                            save_pc!();
                            let nargs = match self.resolve_call(func, nargs) {
                                Ok(n) => n,
                                Err(v) => {
                                    err = self.op_error("call", v, Some(a));
                                    break;
                                }
                            };
                            let th = th!();
                            close_upvals(th, base);
                            let me = th.frames.pop().unwrap();
                            th.stack.copy_within(func..func + 2 + nargs, me.ret);
                            match self.precall(me.ret, nargs, me.nres, me.kind) {
                                Ok(true) => continue 'newframe,
                                Ok(false) => {
                                    if th!().frames.len() <= stop {
                                        return Ok(false);
                                    }
                                    continue 'newframe;
                                }
                                Err(e) => {
                                    if e.kind == ErrorKind::Yield {
                                        return Err(e);
                                    }
                                    // Report the error from the caller's frame: this
                                    // one is gone.
                                    match self.unwind(stop, e) {
                                        Ok(()) if th!().frames.len() <= stop => return Ok(false),
                                        Ok(()) => continue 'newframe,
                                        Err(e) => return Err(e),
                                    }
                                }
                            }
                        }
                        Op::ITERC | Op::ITERN => {
                            r!(a) = r!(a - 3);
                            r!(a + 1) = Value::NIL;
                            r!(a + 2) = r!(a - 2);
                            r!(a + 3) = r!(a - 1);
                            save_pc!();
                            generic_call!(base + a, 2, ins.b() as i32 - 1, a);
                        }
                        Op::ISNEXT | Op::JMP => ip = ip.offset(jump_offset(ins)),
                        Op::VARG => {
                            let th = th!();
                            let nvar = th.frames[fi].nvarargs;
                            let from = th.frames[fi].ret + 2 + p.num_params as usize;
                            let want = ins.b() as usize;
                            let n = if want == 0 { nvar } else { want - 1 };
                            if want == 0 {
                                if !th.ensure(base + a + n) {
                                    save_pc!();
                                    err = self.error_str("stack overflow");
                                    break;
                                }
                                th.multres = n;
                                refresh!();
                            }
                            for i in 0..n {
                                r!(a + i) = if i < nvar { th!().stack[from + i] } else { Value::NIL };
                            }
                        }
                        Op::RET0 | Op::RET1 | Op::RET | Op::RETM => {
                            let n = match ins.op() {
                                Op::RET0 => 0,
                                Op::RET1 => 1,
                                Op::RET => ins.d() as usize - 1,
                                _ => ins.d() as usize + th!().multres,
                            };
                            let th = th!();
                            if let Some(&u) = th.open_upvals.last() {
                                if (*u).slot >= base {
                                    close_upvals(th, base);
                                }
                            }
                            let me = th.frames.pop().unwrap();
                            if me.kind == FrameKind::Lua && me.nres >= 0 {
                                // Fast path: a plain call wanting a fixed
                                // number of results. `me.ret` lies below
                                // `base + a`, so copying upward is safe.
                                let want = me.nres as usize;
                                let dst = th.stack.as_mut_ptr().add(me.ret);
                                for i in 0..want {
                                    *dst.add(i) = if i < n { r!(a + i) } else { Value::NIL };
                                }
                                if th.frames.len() <= stop {
                                    th.multres = want;
                                    th.top = me.ret + want;
                                    return Ok(false);
                                }
                                // Resume the caller in place: in this loop's
                                // segment the frame below a plain Lua call is a
                                // Lua frame.
                                fi -= 1;
                                let caller = *th.frames.get_unchecked(fi);
                                cl = th.stack.get_unchecked(caller.func).as_function_ptr().unwrap_unchecked();
                                let FunctionKind::Lua { proto, upvals: ups, .. } = &(*cl).kind else {
                                    unreachable!("a native below a Lua frame in the loop")
                                };
                                p = &**proto;
                                upvals = ups.as_ptr();
                                code = p.code.as_ptr();
                                knum = p.knum.as_ptr();
                                hot = p.hot.as_ptr();
                                base = caller.base;
                                frame_size = p.frame_size as usize;
                                ip = code.add(caller.pc);
                                th.top = base + frame_size;
                                s = th.stack.as_mut_ptr().add(base);
                                continue;
                            }
                            self.finish_call(me.ret, me.nres, me.kind, base + a, n);
                            if th!().frames.len() <= stop {
                                return Ok(false);
                            }
                            continue 'newframe;
                        }
                        Op::FORI => {
                            let mut vals = [r!(a), r!(a + 1), r!(a + 2)];
                            let mut bad = None;
                            for (i, msg) in [
                                "'for' initial value must be a number",
                                "'for' limit must be a number",
                                "'for' step must be a number",
                            ]
                            .iter()
                            .enumerate()
                            {
                                match crate::meta::to_number(vals[i]) {
                                    Some(n) => vals[i] = Value::number(n),
                                    None => {
                                        bad = Some(*msg);
                                        break;
                                    }
                                }
                            }
                            if let Some(msg) = bad {
                                save_pc!();
                                err = self.error_str(msg);
                                break;
                            }
                            r!(a) = vals[0];
                            r!(a + 1) = vals[1];
                            r!(a + 2) = vals[2];
                            let (idx, lim, step) =
                                (vals[0].num_unchecked(), vals[1].num_unchecked(), vals[2].num_unchecked());
                            if for_runs(idx, lim, step) {
                                r!(a + 3) = vals[0];
                            } else {
                                ip = ip.offset(jump_offset(ins));
                            }
                        }
                        Op::FORL => {
                            self.heap.ticks -= 1;
                            if self.heap.ticks < 0 {
                                tri!(self.periodic_check());
                            }
                            count_loop!(forl_step(r!(a), r!(a + 1), r!(a + 2)).1);
                            let (idx, runs) = forl_step(r!(a), r!(a + 1), r!(a + 2));
                            if runs {
                                r!(a) = Value::number_from_arith(idx);
                                r!(a + 3) = Value::number_from_arith(idx);
                                ip = ip.offset(jump_offset(ins));
                            }
                        }
                        Op::ITERL => {
                            self.heap.ticks -= 1;
                            if self.heap.ticks < 0 {
                                tri!(self.periodic_check());
                            }
                            count_loop!(!r!(a).is_nil());
                            let v = r!(a);
                            if !v.is_nil() {
                                r!(a - 1) = v;
                                ip = ip.offset(jump_offset(ins));
                            }
                        }
                        // Bit operators: numbers only, see `bitop`.
                        Op::BNOT => {
                            let v = r!(ins.d());
                            r!(a) = if v.is_number() {
                                crate::bitop::on_numbers(Op::BNOT, v.num_unchecked(), 0.0)
                            } else {
                                let d = Some(ins.d() as usize);
                                tri!(self.bitop(Op::BNOT, v, v, d, d))
                            };
                        }
                        Op::BAND | Op::BOR | Op::BXOR | Op::BSHL | Op::BSHR | Op::BSAR => {
                            let (x, y) = (r!(ins.b()), r!(ins.c()));
                            r!(a) = if x.is_number() && y.is_number() {
                                crate::bitop::on_numbers(ins.op(), x.num_unchecked(), y.num_unchecked())
                            } else {
                                let (cb, cc) = (Some(ins.b() as usize), Some(ins.c() as usize));
                                tri!(self.bitop(ins.op(), x, y, cb, cc))
                            };
                        }
                        Op::LOOP => {
                            self.heap.ticks -= 1;
                            if self.heap.ticks < 0 {
                                tri!(self.periodic_check());
                            }
                            count_loop!();
                        }
                        // Reached only once the function is hot (`entry_pc`).
                        Op::FUNCF => count_loop!(),
                        Op::FUNCV => {}
                    }
                }
            }
            // An error left the dispatch loop.
            match self.unwind(stop, err) {
                Ok(()) if th!().frames.len() <= stop => return Ok(false),
                Ok(()) => continue 'newframe,
                Err(e) => return Err(e),
            }
        }
    }
}

/// A `FORL` on these index, limit and step values (numbers, as `FORI`
/// made them): the next index, and whether the loop goes round again.
#[inline(always)]
fn forl_step(idx: Value, lim: Value, step: Value) -> (f64, bool) {
    let step = step.num_unchecked();
    let idx = idx.num_unchecked() + step;
    (idx, for_runs(idx, lim.num_unchecked(), step))
}

/// Whether a numeric `for` loop runs its body for index `idx`.
#[inline(always)]
fn for_runs(idx: f64, lim: f64, step: f64) -> bool {
    if step.is_sign_negative() {
        idx >= lim
    } else {
        idx <= lim
    }
}

/// A jump's displacement from the instruction after it.
#[inline(always)]
fn jump_offset(ins: Ins) -> isize {
    ins.d() as isize - crate::bytecode::JUMP_BIAS as isize
}

fn native_frame(func: usize, nres: i32) -> Frame {
    Frame { func, base: func + 2, ret: func, nres, pc: 0, nvarargs: 0, kind: FrameKind::Native, via_pcall: false }
}

#[allow(dead_code)]
const _: usize = EXTRA_STACK;

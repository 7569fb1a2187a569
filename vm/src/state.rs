//! The VM state: heap, strings, globals, registry, threads, and the entry
//! points a host (or a native function) uses to run Lua code.

use crate::error::{ErrorKind, LuaError, LuaResult};
use crate::func::{Function, FunctionKind, Kgc, NativeFn, Proto, Special};
use crate::gc::{GcHeader, Heap, Marker};
use crate::proto::{GcConst, KValue, ProtoDef};
use crate::string::{Interner, LuaStr};
use crate::table::Table;
use crate::thread::{Frame, FrameKind, Thread};
use crate::value::Value;

/// Metamethod names, in the order of [`Vm::mm_names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum MetaMethod {
    Index,
    NewIndex,
    Gc,
    Mode,
    Eq,
    Len,
    Lt,
    Le,
    Concat,
    Call,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
    Metatable,
    ToString,
}

pub const MM_NAMES: [&str; 19] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__eq",
    "__len",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__add",
    "__sub",
    "__mul",
    "__div",
    "__mod",
    "__pow",
    "__unm",
    "__metatable",
    "__tostring",
];

/// A value the host keeps alive across calls into Lua (the basis of the
/// embedding API's handles): the collector treats it as a root until
/// [`Vm::release`] is called with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HostRef(u32);

/// Where a native function's arguments are: `stack[base..base + n]`.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    pub base: usize,
    pub n: usize,
}

/// A host callback the interpreter calls periodically (on loop back-edges
/// and function entries, every [`CHECK_INTERVAL`] of them); an error stops
/// the running script with that error.
pub type InterruptFn = Box<dyn FnMut(&mut Vm) -> LuaResult<()> + Send>;

/// Loop back-edges and function entries between periodic checks.
pub const CHECK_INTERVAL: i32 = 1000;

/// Most nested native-to-Lua calls (LuaJIT's C stack limit).
pub const MAX_NATIVE_DEPTH: u32 = 200;

/// Options fixed when a state is created.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Same hash seeds on every run.
    pub deterministic: bool,
    /// Collect garbage at every safe point (slow; for finding GC bugs).
    pub gc_stress: bool,
}

pub struct Vm {
    pub heap: Heap,
    pub strings: Interner,
    pub globals: *mut Table,
    pub registry: *mut Table,
    pub main_thread: *mut Thread,
    /// The running thread.
    pub current: *mut Thread,
    /// Metatable shared by all strings.
    pub string_mt: *mut Table,
    /// Metatables of the other basic types (`debug.setmetatable(5, mt)`),
    /// by type: number, nil, boolean, light userdata, function, thread.
    pub basic_mt: [*mut Table; 6],
    pub mm_names: [Value; 19],
    /// Nesting of native-to-Lua calls across all threads.
    pub native_depth: u32,
    /// Stack slots allowed past `MAX_STACK` (non-zero while an error handler runs).
    pub stack_headroom: usize,
    /// Builtins the libraries refer to (kept alive for the state's life).
    pub pinned: Vec<Value>,
    /// Values held by the host through [`HostRef`]s: GC roots until released.
    host_refs: Vec<Value>,
    /// Free indices in `host_refs`.
    free_host_refs: Vec<u32>,
    /// The host's interrupt callback, if any.
    pub interrupt: Option<InterruptFn>,
    /// Buffered standard output for `print` and `io.write` (C stdio buffers
    /// too; a syscall per line would dominate print-heavy programs).
    pub stdout: std::io::BufWriter<std::io::Stdout>,
    /// The compiling tier, if the host installed one (see `tier`).
    pub tier: Option<Box<dyn crate::tier::Tier>>,
    /// Iterations after which a loop is reported hot to the tier;
    /// `HOT_BLACKLISTED` turns counting off.
    pub hotloop: u16,
    /// Why the interpreter runs its instrumented loop (`tier::INSTRUMENT_*`
    /// bits); 0 runs the plain loop.
    pub instrument: u8,
    /// Debug hooks (`debug.sethook`).
    pub hooks: crate::hook::Hooks,
    /// The innermost running dispatch loop's `stop`: frames of the running
    /// thread at this index and below belong to it or to loops further
    /// out, and the loop returns to its caller when it pops down to here.
    /// A compiled trace may return from a frame (pop it) only above it.
    pub run_floor: usize,
}

impl Vm {
    /// A state with no libraries opened.
    pub fn new_bare(options: Options) -> Box<Vm> {
        let seed = if options.deterministic { 0 } else { std::process::id() as u64 ^ 0x9e37_79b9_7f4a_7c15 };
        let mut heap = Heap::default();
        if options.gc_stress {
            heap.params.stress = true;
            heap.threshold = 0;
        }
        let main_thread = heap.alloc(Thread::new());
        let globals = heap.alloc(Table::new(0, 0));
        let registry = heap.alloc(Table::new(0, 0));
        let mut strings = Interner::new(seed);
        let mut mm_names = [Value::NIL; 19];
        for (slot, name) in mm_names.iter_mut().zip(MM_NAMES) {
            *slot = strings.value(&mut heap, name.as_bytes());
        }
        // The main thread is running from the start.
        unsafe { (*main_thread).status = crate::thread::CoStatus::Running };
        Box::new(Vm {
            heap,
            strings,
            globals,
            registry,
            main_thread,
            current: main_thread,
            string_mt: std::ptr::null_mut(),
            basic_mt: [std::ptr::null_mut(); 6],
            mm_names,
            native_depth: 0,
            stack_headroom: 0,
            pinned: Vec::new(),
            host_refs: Vec::new(),
            interrupt: None,
            free_host_refs: Vec::new(),
            stdout: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            tier: None,
            hotloop: crate::tier::HOT_BLACKLISTED,
            run_floor: 0,
            instrument: 0,
            hooks: Default::default(),
        })
    }

    /// A state with every standard library opened.
    pub fn new() -> Box<Vm> {
        Vm::with_options(Options::default())
    }

    /// A state with every standard library opened and the given options.
    pub fn with_options(options: Options) -> Box<Vm> {
        let mut vm = Vm::new_bare(options);
        crate::stdlib::open_all(&mut vm);
        vm
    }

    // ---- Threads and the stack -------------------------------------------

    /// The running thread.
    ///
    /// The returned reference is not tied to `self`: callers must not keep it
    /// across anything that switches threads (resume) or frees threads (a
    /// collection can't free the running thread: it is a root).
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn th<'a>(&self) -> &'a mut Thread {
        // `current` always points at a live thread (the main thread or a
        // coroutine being resumed, both reachable from the roots).
        unsafe { &mut *self.current }
    }

    /// Pushes a value above the running native's arguments.
    pub fn push(&mut self, v: Value) {
        let th = self.th();
        if th.top + 1 + crate::thread::EXTRA_STACK > th.stack.len() {
            th.grow_unchecked(th.top + 1);
        }
        th.stack[th.top] = v;
        th.top += 1;
    }

    /// Argument `i` (0-based) of a native call, nil if absent.
    #[inline]
    pub fn arg(&self, args: Args, i: usize) -> Value {
        if i < args.n {
            self.th().stack[args.base + i]
        } else {
            Value::NIL
        }
    }

    // ---- Sandboxing ------------------------------------------------------------

    /// Limits the heap to `bytes` (None: no limit). Passing it raises
    /// LuaJIT's `not enough memory` error in the running script, which
    /// `pcall` can catch; the state stays usable.
    pub fn set_memory_limit(&mut self, bytes: Option<usize>) {
        self.heap.params.limit = bytes;
        self.heap.set_threshold_after_collect();
    }

    /// Installs (or removes) the interrupt callback.
    pub fn set_interrupt(&mut self, f: Option<InterruptFn>) {
        self.interrupt = f;
    }

    /// The error a script gets when the memory limit is passed.
    pub fn memory_error(&mut self) -> LuaError {
        let v = self.new_str(b"not enough memory");
        LuaError { value: v, traceback: None, kind: ErrorKind::Memory }
    }

    /// Runs at safe points every [`CHECK_INTERVAL`] ticks: accounts for
    /// table growth, collects if due, enforces the memory limit, calls the
    /// interrupt callback.
    #[cold]
    #[inline(never)]
    pub fn periodic_check(&mut self) -> LuaResult<()> {
        self.heap.ticks = CHECK_INTERVAL;
        self.heap.grew(crate::table::take_growth());
        self.check_memory()?;
        if let Some(mut f) = self.interrupt.take() {
            let r = f(self);
            if self.interrupt.is_none() {
                self.interrupt = Some(f);
            }
            r?;
        }
        Ok(())
    }

    /// Collects if due; then an error if the heap is still over its limit.
    #[inline(never)]
    pub fn check_memory(&mut self) -> LuaResult<()> {
        if self.heap.due() || self.heap.over_limit() {
            self.collect_garbage();
            if self.heap.over_limit() {
                return Err(self.memory_error());
            }
        }
        Ok(())
    }

    // ---- Host references -----------------------------------------------------

    /// Keeps `v` alive until [`Vm::release`]; read it back with [`Vm::get_ref`].
    pub fn hold(&mut self, v: Value) -> HostRef {
        match self.free_host_refs.pop() {
            Some(i) => {
                self.host_refs[i as usize] = v;
                HostRef(i)
            }
            None => {
                self.host_refs.push(v);
                HostRef(self.host_refs.len() as u32 - 1)
            }
        }
    }

    /// The value a reference holds.
    pub fn get_ref(&self, r: HostRef) -> Value {
        self.host_refs[r.0 as usize]
    }

    /// Replaces the value a reference holds.
    pub fn set_ref(&mut self, r: HostRef, v: Value) {
        self.host_refs[r.0 as usize] = v;
    }

    /// Lets the collector reclaim what `r` held. `r` must not be used again.
    pub fn release(&mut self, r: HostRef) {
        self.host_refs[r.0 as usize] = Value::NIL;
        self.free_host_refs.push(r.0);
    }

    // ---- Object creation --------------------------------------------------

    pub fn new_str(&mut self, bytes: &[u8]) -> Value {
        self.strings.value(&mut self.heap, bytes)
    }

    pub fn new_table(&mut self, array: u32, hash_bits: u32) -> *mut Table {
        self.heap.alloc(Table::new(array, hash_bits))
    }

    pub fn new_native(&mut self, name: &'static str, f: NativeFn) -> Value {
        let env = self.globals;
        Value::function(self.heap.alloc(Function::new_native(env, name, f, Box::new([]))))
    }

    pub fn new_special(&mut self, name: &'static str, f: NativeFn, special: Special) -> Value {
        let env = self.globals;
        let mut func = Function::new_native(env, name, f, Box::new([]));
        if let FunctionKind::Native { special: s, .. } = &mut func.kind {
            *s = special;
        }
        Value::function(self.heap.alloc(func))
    }

    /// Marks the native function `f` as one LuaJIT writes in Lua (see
    /// `FunctionKind::Native::lua_builtin`).
    pub fn mark_lua_builtin(&mut self, f: Value) {
        if let Some(fp) = f.as_function_ptr() {
            // A live function value the caller holds.
            if let FunctionKind::Native { lua_builtin, .. } = unsafe { &mut (*fp).kind } {
                *lua_builtin = true;
            }
        }
    }

    /// Sets `t[name] = v` (raw) for a string name.
    pub fn set_field(&mut self, t: *mut Table, name: &str, v: Value) {
        let k = self.new_str(name.as_bytes());
        // `t` is a live table the caller holds.
        unsafe { (*t).set_str(k, v) };
    }

    pub fn get_field(&mut self, t: *mut Table, name: &str) -> Value {
        let k = self.new_str(name.as_bytes());
        // As in `set_field`.
        unsafe { (*t).get_str(k) }
    }

    pub fn set_global(&mut self, name: &str, v: Value) {
        self.set_field(self.globals, name, v);
    }

    pub fn get_global(&mut self, name: &str) -> Value {
        self.get_field(self.globals, name)
    }

    #[inline(always)]
    pub fn mm_name(&self, mm: MetaMethod) -> Value {
        self.mm_names[mm as usize]
    }

    // ---- Loading ----------------------------------------------------------

    /// Compiles `source` into a function with the globals as environment.
    /// A chunk starting with ESC is a bytecode dump (`string.dump`).
    pub fn load(&mut self, source: &[u8], chunkname: &[u8]) -> LuaResult<Value> {
        self.load_mode(source, chunkname, None)
    }

    /// `load` with LuaJIT's `mode` string: the kinds of chunk allowed,
    /// `b` (binary) and `t` (text); `None` allows both.
    pub fn load_mode(&mut self, source: &[u8], chunkname: &[u8], mode: Option<&[u8]>) -> LuaResult<Value> {
        use crate::bcread::{chunk_kind, ChunkKind};
        let kind = chunk_kind(source);
        let syntax_error = |vm: &mut Vm, text: &[u8]| {
            let msg = vm.new_str(text);
            Err(LuaError { value: msg, traceback: None, kind: ErrorKind::Syntax })
        };
        if kind == ChunkKind::BinaryAfterHeader {
            return syntax_error(self, b"cannot load malformed bytecode");
        }
        if let Some(mode) = mode {
            // A C string in LuaJIT: it ends at a NUL.
            let wanted = if kind == ChunkKind::Binary { b'b' } else { b't' };
            if !mode.iter().take_while(|&&c| c != 0).any(|&c| c == wanted) {
                return syntax_error(self, b"attempt to load chunk with wrong mode");
            }
        }
        if kind == ChunkKind::Binary {
            return self.load_binary(source, chunkname);
        }
        match crate::parse::compile(source, chunkname) {
            Ok(def) => {
                let proto = self.materialize(&def);
                let env = self.globals;
                Ok(Value::function(self.heap.alloc(Function::new_lua(env, proto, Box::new([])))))
            }
            Err(e) => {
                let msg = self.new_str(e.message.as_bytes());
                Err(LuaError { value: msg, traceback: None, kind: ErrorKind::Syntax })
            }
        }
    }

    /// Loads a bytecode dump. Its main function's upvalues (a dumped
    /// function may have some) start as fresh, closed upvalues holding nil.
    fn load_binary(&mut self, source: &[u8], chunkname: &[u8]) -> LuaResult<Value> {
        let def = match crate::bcread::read(source, chunkname) {
            Ok(def) => def,
            Err(e) => {
                let msg = self.new_str(&e.message(chunkname));
                return Err(LuaError { value: msg, traceback: None, kind: ErrorKind::Syntax });
            }
        };
        let proto = self.materialize(&def);
        let mut upvals = Vec::with_capacity(def.upvals.len());
        for _ in 0..def.upvals.len() {
            let u = self.heap.alloc(crate::func::UpVal {
                header: GcHeader::new(crate::value::Tag::Upval),
                v: std::ptr::null_mut(),
                closed: Value::NIL,
                slot: 0,
                open: false,
            });
            // The upvalue is boxed and never moves: it may point at itself.
            unsafe { (*u).v = &mut (*u).closed };
            upvals.push(u);
        }
        let env = self.globals;
        Ok(Value::function(self.heap.alloc(Function::new_lua(env, proto, upvals.into_boxed_slice()))))
    }

    fn kvalue(&mut self, k: &KValue) -> Value {
        match k {
            KValue::Nil => Value::NIL,
            KValue::False => Value::FALSE,
            KValue::True => Value::TRUE,
            KValue::Num(n) => Value::number(*n),
            KValue::Str(s) => self.new_str(s),
        }
    }

    /// Turns the compiler's plain-data prototype tree into heap objects.
    fn materialize(&mut self, def: &ProtoDef) -> *mut Proto {
        let mut kgc = Vec::with_capacity(def.kgc.len());
        for k in &def.kgc {
            kgc.push(match k {
                GcConst::Str(s) => Kgc::Value(self.new_str(s)),
                GcConst::Proto(child) => Kgc::Proto(self.materialize(child)),
                GcConst::Table(t) => {
                    let array: Vec<Value> = t.array.iter().map(|k| self.kvalue(k)).collect();
                    let hash: Vec<(Value, Value)> =
                        t.hash.iter().map(|(k, v)| (self.kvalue(k), self.kvalue(v))).collect();
                    Kgc::Template(Box::new(crate::func::Template {
                        array: array.into_boxed_slice(),
                        hash: hash.into_boxed_slice(),
                        hash_size: t.hash_size,
                    }))
                }
            });
        }
        let chunkname = self.strings.intern(&mut self.heap, &def.chunkname);
        let proto = Proto {
            header: GcHeader::new(crate::value::Tag::Proto),
            code: def.code.clone().into_boxed_slice(),
            hot: def.code.iter().map(|_| std::cell::Cell::new(0)).collect(),
            lines: def.lines.clone().into_boxed_slice(),
            knum: def.knum.iter().map(|&n| Value::number(n)).collect(),
            kgc: kgc.into_boxed_slice(),
            upvals: def.upvals.clone().into_boxed_slice(),
            upval_immutable: def.upval_immutable.clone().into_boxed_slice(),
            next_loops: def.next_loops.clone().into_boxed_slice(),
            upval_names: def.upval_names.clone().into_boxed_slice(),
            vars: def.vars.clone().into_boxed_slice(),
            chunkname,
            first_line: def.first_line,
            last_line: def.last_line,
            num_params: def.num_params,
            is_vararg: def.is_vararg,
            frame_size: def.frame_size,
        };
        self.heap.alloc(proto)
    }

    // ---- Calling ----------------------------------------------------------

    /// Calls `f` with `args` from the host or a native function, returning
    /// all results. Errors propagate as `Err`.
    ///
    /// The returned values are not rooted: store them (or push them) before
    /// running Lua code again.
    pub fn call(&mut self, f: Value, args: &[Value]) -> LuaResult<Vec<Value>> {
        let func = self.push_call(f, args)?;
        let n = self.call_at(func, args.len(), -1)?;
        let th = self.th();
        let results = th.stack[func..func + n].to_vec();
        th.top = func;
        Ok(results)
    }

    /// Calls `f` with `args` and returns its first result (nil if none).
    pub fn call1(&mut self, f: Value, args: &[Value]) -> LuaResult<Value> {
        let func = self.push_call(f, args)?;
        self.call_at(func, args.len(), 1)?;
        let th = self.th();
        let r = th.stack[func];
        th.top = func;
        Ok(r)
    }

    /// Places `f` and `args` at the top of the stack as a call frame's
    /// function, link and arguments; returns the function's slot.
    fn push_call(&mut self, f: Value, args: &[Value]) -> LuaResult<usize> {
        let th = self.th();
        let func = th.top;
        if !th.ensure(func + 2 + args.len()) {
            return Err(self.error_str("stack overflow"));
        }
        th.stack[func] = f;
        th.stack[func + 1] = Value::NIL;
        th.stack[func + 2..func + 2 + args.len()].copy_from_slice(args);
        th.top = func + 2 + args.len();
        Ok(func)
    }

    /// Calls the function in slot `func` with `nargs` arguments above it (at
    /// `func + 2`). Results land at `func..func + n`; returns n (`nres` of
    /// them if `nres >= 0`). `top` is left at `func + n`.
    pub fn call_at(&mut self, func: usize, nargs: usize, nres: i32) -> LuaResult<usize> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            return Err(self.error_str("C stack overflow"));
        }
        self.native_depth += 1;
        self.th().native_depth += 1;
        let depth = self.th().frames.len();
        let result = match self.precall(func, nargs, nres, FrameKind::Lua) {
            Ok(true) => {
                // Slots above the parameters may hold values of an earlier
                // call that ended there (a failed script, say): clear them so
                // the collector does not keep that garbage alive.
                let th = self.th();
                let f = *th.frames.last().unwrap();
                let first_free = f.base + nargs.min(th.top - f.base);
                for v in &mut th.stack[first_free..th.top] {
                    *v = Value::NIL;
                }
                self.execute(depth)
            }
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        };
        self.native_depth -= 1;
        self.th().native_depth -= 1;
        match result {
            Ok(()) => Ok(self.th().multres),
            Err(e) => {
                let th = self.th();
                crate::interp::close_upvals(th, func);
                th.frames.truncate(depth);
                th.top = func;
                Err(e)
            }
        }
    }

    /// Pins nothing: marks every root and frees what is unreachable.
    #[inline(never)]
    pub fn collect_garbage(&mut self) {
        let mut m = Marker::default();
        m.mark_object(self.main_thread as *mut GcHeader);
        m.mark_object(self.current as *mut GcHeader);
        m.mark_object(self.globals as *mut GcHeader);
        m.mark_object(self.registry as *mut GcHeader);
        m.mark_object(self.string_mt as *mut GcHeader);
        for mt in self.basic_mt {
            m.mark_object(mt as *mut GcHeader);
        }
        for v in self.mm_names {
            m.mark_value(v);
        }
        for v in self.pinned.iter().chain(&self.host_refs) {
            m.mark_value(*v);
        }
        if let Some(tier) = &self.tier {
            for h in tier.gc_roots() {
                m.mark_object(h);
            }
        }
        let mode_key = self.mm_name(MetaMethod::Mode);
        let weak_mode = |mt: *mut Table| -> (bool, bool) {
            // Metatables reached during marking are live.
            let mode = unsafe { (*mt).get_str(mode_key) };
            match unsafe { mode.str_bytes() } {
                Some(b) => (b.contains(&b'k'), b.contains(&b'v')),
                None => (false, false),
            }
        };
        m.propagate(&weak_mode);
        // Userdata with a __gc metamethod that became unreachable: keep them
        // (and what they reach) for one more cycle and run their finalizers.
        let gc_key = self.mm_name(MetaMethod::Gc);
        let mut finalize = Vec::new();
        for &u in self.heap.userdata.iter().rev() {
            // Listed userdata are live allocations until the sweep.
            unsafe {
                if !(*u).header.marked
                    && !(*u).header.finalized
                    && !(*u).metatable.is_null()
                    && !(*(*u).metatable).get_str(gc_key).is_nil()
                {
                    finalize.push(u);
                }
            }
        }
        for &u in &finalize {
            m.mark_object(u as *mut GcHeader);
            // Resurrected only to run `__gc`: it counts as finalized from now.
            unsafe { (*u).header.finalized = true };
        }
        m.propagate(&weak_mode);
        // As Lua 5.1: weak values that are finalized userdata are cleared
        // (before their finalizers run), weak keys are kept.
        let finalized_udata = |v: Value| v.as_userdata_ptr().is_some_and(|u| unsafe { (*u).header.finalized });
        for &(t, wk, wv) in &m.weak {
            // Weak tables found while marking are live.
            unsafe {
                (*t).retain(|k, v| {
                    (!wk || crate::gc::is_marked(k) || k.is_string())
                        && (!wv || ((crate::gc::is_marked(v) && !finalized_udata(v)) || v.is_string()))
                })
            };
        }
        self.strings.remove_unmarked();
        // Everything reachable is marked; the rest is garbage.
        unsafe { self.heap.sweep() };
        self.heap.set_threshold_after_collect();
        for u in finalize {
            // The userdata survived this sweep (marked above).
            unsafe {
                let mt = (*u).metatable;
                if mt.is_null() {
                    continue;
                }
                let gc = (*mt).get_str(gc_key);
                let _ = self.call(gc, &[Value::userdata(u)]);
            }
        }
    }

    /// Runs a collection if the heap has grown enough since the last one.
    #[inline(always)]
    pub fn check_gc(&mut self) {
        if self.heap.due() {
            self.collect_garbage();
        }
    }

    // ---- Errors -------------------------------------------------------------

    /// An error whose value is `msg` with the current Lua position prefixed
    /// (`chunk:line: msg`), as LuaJIT's runtime errors are.
    #[inline(never)]
    pub fn error_str(&mut self, msg: &str) -> LuaError {
        let mut text = crate::debuginfo::where_(self, 0);
        text.extend_from_slice(msg.as_bytes());
        LuaError::new(self.new_str(&text))
    }

    /// An error for a native function's caller: `bad argument #n to 'f' (msg)`,
    /// or `calling 'f' on bad self (msg)` for argument 1 of a method call.
    pub fn arg_error(&mut self, args: Args, n: usize, msg: &str) -> LuaError {
        let _ = args;
        let (kind, name) = self.native_call_name();
        if kind == Some("method") {
            if n == 1 {
                return self.error_str(&format!("calling '{}' on bad self ({})", name, msg));
            }
            return self.error_str(&format!("bad argument #{} to '{}' ({})", n - 1, name, msg));
        }
        self.error_str(&format!("bad argument #{} to '{}' ({})", n, name, msg))
    }

    /// `bad argument #n to 'f' (T expected, got U)`.
    pub fn type_error(&mut self, args: Args, n: usize, expected: &str) -> LuaError {
        let got = if n > args.n { "no value" } else { self.arg(args, n - 1).type_name() };
        self.arg_error(args, n, &format!("{} expected, got {}", expected, got))
    }

    /// How the running native was called, as LuaJIT names functions in
    /// argument errors: from the calling instruction (`global`, `local`,
    /// `field`, `method`... and the name), or `(None, "?")` when no Lua
    /// instruction called it (pcall, a native caller).
    pub fn native_call_name(&self) -> (Option<&'static str>, String) {
        let th = self.th();
        let unknown = (None, "?".to_string());
        let n = th.frames.len();
        if n < 2 || th.frames[n - 1].kind != crate::thread::FrameKind::Native {
            return unknown;
        }
        let (me, caller) = (th.frames[n - 1], th.frames[n - 2]);
        let Some(p) = crate::debuginfo::frame_proto(self, &caller) else { return unknown };
        // The caller's prototype is live while its frame is.
        let proto = unsafe { &*p };
        let pc = caller.pc.saturating_sub(1);
        let Some(ins) = proto.code.get(pc) else { return unknown };
        use crate::bytecode::Op;
        match ins.op() {
            Op::CALL | Op::CALLM if caller.base + ins.a() as usize == me.func => {
                match crate::debuginfo::slot_name(proto, pc, ins.a() as usize) {
                    Some((kind, name)) => (Some(kind), String::from_utf8_lossy(&name).into_owned()),
                    None => unknown,
                }
            }
            // The iterator runs from the hidden `(for generator)` variable.
            Op::ITERC | Op::ITERN if caller.base + ins.a() as usize == me.func => {
                (Some("local"), "(for generator)".to_string())
            }
            _ => unknown,
        }
    }

    /// The name of the native function running in the top frame.
    pub fn current_native_name(&self) -> &'static str {
        let th = self.th();
        if let Some(f) = th.frames.last() {
            if let Some(fp) = th.stack[f.func].as_function_ptr() {
                // The running function is live (it is in its frame's slot).
                if let FunctionKind::Native { name, .. } = unsafe { &(*fp).kind } {
                    return name;
                }
            }
        }
        "?"
    }

    /// Frames of the running thread (for tracebacks and `error` levels).
    pub fn frames(&self) -> &[Frame] {
        &self.th().frames
    }

    /// The string bytes of a value known to be a string.
    pub fn str_of(&self, v: Value) -> &[u8] {
        // Strings handed to natives are on the stack or in live tables.
        unsafe { v.str_bytes().unwrap_or(b"") }
    }

    pub fn lua_str(&self, p: *mut LuaStr) -> &[u8] {
        // As in `str_of`.
        unsafe { (*p).as_bytes() }
    }
}

impl Vm {
    /// Writes out buffered standard output.
    pub fn flush_stdout(&mut self) {
        use std::io::Write;
        let _ = self.stdout.flush();
    }
}

impl Vm {
    /// Runs the `__gc` metamethod of every userdata that has one and was not
    /// finalized yet, newest first, as `lua_close` does. Errors are ignored.
    /// Finalizers that make new finalizable userdata get further rounds,
    /// up to LuaJIT's limit of 10.
    pub fn run_all_finalizers(&mut self) {
        // They run on the main thread with its environment, as `lua_close`
        // does, even when a coroutine calls `os.exit(code, true)`.
        self.return_to_main_thread();
        // A last collection first: objects already finalized go, and weak
        // entries pointing at them with them.
        self.collect_garbage();
        // No collection runs while finalizers are pending: stop it.
        self.heap.params.stopped = true;
        for _round in 0..10 {
            if !self.run_finalizer_round() {
                break;
            }
        }
    }

    /// One round of `run_all_finalizers`: false when there was nothing left.
    fn run_finalizer_round(&mut self) -> bool {
        let gc_key = self.mm_name(MetaMethod::Gc);
        let mut pending = Vec::new();
        for &u in self.heap.userdata.iter().rev() {
            // Listed userdata are live allocations.
            unsafe {
                if !(*u).header.finalized && !(*u).metatable.is_null() && !(*(*u).metatable).get_str(gc_key).is_nil() {
                    pending.push(u);
                }
            }
        }
        if pending.is_empty() {
            return false;
        }
        for u in pending {
            // Still allocated: nothing was swept since the scan.
            unsafe {
                (*u).header.finalized = true;
                let gc = (*(*u).metatable).get_str(gc_key);
                let th = self.th();
                th.frames.clear();
                th.top = 0;
                let _ = self.call(gc, &[Value::userdata(u)]);
            }
        }
        true
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.run_all_finalizers();
        self.flush_stdout();
        self.heap.free_all();
    }
}

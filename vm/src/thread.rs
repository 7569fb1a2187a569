//! Threads (coroutines): a Lua stack of value slots and its call frames.
//!
//! Invariant: every slot of `stack` holds a valid value (a number, a
//! primitive, or a live heap object). New stack memory is filled with nil,
//! and the collector clears the slots above `top` it did not mark.

use crate::func::UpVal;
use crate::gc::GcHeader;
use crate::value::{Tag, Value};

/// Most stack slots a thread may use, as LuaJIT's `LUAI_MAXSTACK`.
pub const MAX_STACK: usize = 65500;
/// Slots kept free above a frame for metamethod calls and native pushes.
pub const EXTRA_STACK: usize = 40;
/// Slots past `MAX_STACK` an error handler may use, so that `xpcall`'s
/// handler still runs after a stack overflow (as LuaJIT gives it room).
pub const HANDLER_STACK: usize = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContKind {
    /// Store the first result in slot `dst` of the frame below.
    Store { dst: u8 },
    /// Discard results (`__newindex`).
    Discard,
    /// A `__concat` result: store it in slot `at` and run the CAT
    /// instruction again over the shorter range ending at `at`.
    Concat { at: u8 },
    /// The result decides the conditional jump after the current instruction;
    /// `negate` flips it (`__le` done as `not __lt`, or `~=`).
    Cond { negate: bool },
}

/// What kind of call a frame is, which decides what happens to its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// An ordinary call from Lua or from the host.
    Lua,
    /// A native function running.
    Native,
    /// The function called by `pcall`: results get a leading `true`.
    Pcall,
    /// The function called by `xpcall`; the handler sits in slot `ret - 1`.
    Xpcall,
    /// A metamethod called by an instruction of the frame below.
    Cont(ContKind),
}

/// One activation record.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Stack index of the function slot (base - 2).
    pub func: usize,
    /// Stack index of slot 0.
    pub base: usize,
    /// Where results go: the caller's function slot for this call.
    pub ret: usize,
    /// Results the caller wants; -1 for all of them.
    pub nres: i32,
    /// Next instruction to run (Lua frames).
    pub pc: usize,
    /// Number of extra arguments of a vararg call (they sit below `func`).
    pub nvarargs: usize,
    pub kind: FrameKind,
    /// A native called directly by `pcall`/`xpcall` (which counts as a C
    /// level of its own in error positions and tracebacks, as in LuaJIT).
    pub via_pcall: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoStatus {
    /// Created or yielded: may be resumed.
    Suspended,
    Running,
    /// Resumed another coroutine and waits for it.
    Normal,
    Dead,
}

#[repr(C)]
pub struct Thread {
    pub header: GcHeader,
    pub stack: Vec<Value>,
    /// First free slot: everything below is live.
    pub top: usize,
    pub frames: Vec<Frame>,
    /// Open upvalues, sorted by stack slot.
    pub open_upvals: Vec<*mut UpVal>,
    pub status: CoStatus,
    /// Values produced by the last multi-result instruction.
    pub multres: usize,
    /// Number of native-to-Lua re-entries on this thread (yield cannot cross them).
    pub native_depth: u32,
    /// The pending `coroutine.yield` call of a suspended coroutine: where its
    /// results go when it is resumed.
    pub yield_call: Option<PendingCall>,
    /// Set when a CAT instruction is re-run after a `__concat` call: the
    /// slot where the remaining range ends.
    pub cat_resume: Option<usize>,
    /// The thread's environment (Lua 5.1 `getfenv(0)`), the table new
    /// functions get as theirs. While the thread runs, `Vm::globals` holds
    /// it and this field is stale; `Vm::resume` swaps the two. Null until
    /// the creator sets it (a thread starts with its creator's).
    pub env: *mut crate::table::Table,
}

/// A call whose results are still to be delivered (a yield awaiting resume).
#[derive(Clone, Copy, Debug)]
pub struct PendingCall {
    pub ret: usize,
    pub nres: i32,
    pub kind: FrameKind,
    /// The yielded values: `stack[first..first + n]`.
    pub first: usize,
    pub n: usize,
}

impl Thread {
    pub fn new() -> Thread {
        Thread {
            header: GcHeader::new(Tag::Thread),
            stack: vec![Value::NIL; 2 * EXTRA_STACK],
            top: 0,
            frames: Vec::new(),
            open_upvals: Vec::new(),
            status: CoStatus::Suspended,
            multres: 0,
            native_depth: 0,
            yield_call: None,
            cat_resume: None,
            env: std::ptr::null_mut(),
        }
    }

    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Thread>() + self.stack.len() * 8 + self.frames.len() * 64
    }

    /// Makes sure slots up to `needed` (exclusive) exist, plus headroom.
    /// Returns false when that would pass the stack limit.
    #[inline]
    pub fn ensure(&mut self, needed: usize) -> bool {
        if needed + EXTRA_STACK <= self.stack.len() {
            return true;
        }
        self.grow(needed)
    }

    #[cold]
    fn grow(&mut self, needed: usize) -> bool {
        if needed > MAX_STACK + HANDLER_STACK + 2 * EXTRA_STACK {
            return false;
        }
        self.grow_unchecked(needed);
        true
    }

    /// Grows the stack past the Lua limit if need be (native functions
    /// pushing results; their callers bound how many).
    #[cold]
    pub fn grow_unchecked(&mut self, needed: usize) {
        let new_len = (self.stack.len() * 2).max(needed + EXTRA_STACK);
        let old = self.stack.as_ptr();
        self.stack.resize(new_len, Value::NIL);
        let new = self.stack.as_mut_ptr();
        if old != new as *const Value {
            // The stack moved: point open upvalues at the new slots. Their
            // `slot` indices are valid for the (larger) new stack.
            for &u in &self.open_upvals {
                unsafe { (*u).v = new.add((*u).slot) };
            }
        }
    }

    /// Whether the stack can hold `needed` slots without passing the limit.
    pub fn fits(&self, needed: usize) -> bool {
        needed <= MAX_STACK
    }

    /// Values the collector must mark: the live part of the stack.
    pub fn for_each_root(&self, mut f: impl FnMut(Value)) {
        for v in &self.stack[..self.top.min(self.stack.len())] {
            f(*v);
        }
    }

    /// After marking: clear dead slots above `top` so no slot keeps a
    /// pointer to an object about to be freed.
    pub fn clear_above_top(&mut self) {
        let top = self.top.min(self.stack.len());
        for v in &mut self.stack[top..] {
            *v = Value::NIL;
        }
    }
}

impl Default for Thread {
    fn default() -> Self {
        Thread::new()
    }
}

// ---- Per-thread environments --------------------------------------------

impl crate::state::Vm {
    /// Moves the running thread's environment from `Vm::globals` into
    /// `from` and makes `to`'s the running one: called when the running
    /// thread changes from `from` to `to`.
    pub fn swap_thread_env(&mut self, from: *mut Thread, to: *mut Thread) {
        // Both threads are live: the one that was running and the one about
        // to run (held by the resume's argument or its resumer).
        unsafe {
            (*from).env = self.globals;
            if !(*to).env.is_null() {
                self.globals = (*to).env;
            }
        }
    }

    /// Makes the main thread the running one again, with its environment
    /// (for the finalizers run when the state closes).
    pub fn return_to_main_thread(&mut self) {
        let (from, main) = (self.current, self.main_thread);
        if from != main {
            self.swap_thread_env(from, main);
            self.current = main;
        }
    }

    /// The environment of thread `co` (`getfenv(0)` as seen inside it).
    pub fn thread_env(&self, co: *mut Thread) -> *mut crate::table::Table {
        if co == self.current {
            return self.globals;
        }
        // A live thread the caller holds.
        let env = unsafe { (*co).env };
        if env.is_null() {
            self.globals
        } else {
            env
        }
    }

    /// Sets the environment of thread `co` (`setfenv(0, t)` inside it).
    pub fn set_thread_env(&mut self, co: *mut Thread, env: *mut crate::table::Table) {
        if co == self.current {
            self.globals = env;
        } else {
            // As in `thread_env`.
            unsafe { (*co).env = env };
        }
    }
}

#[cfg(test)]
mod env_tests {
    use crate::state::Vm;
    use crate::value::Value;

    #[test]
    fn coroutine_environments_are_per_thread() {
        let mut vm = Vm::new();
        let f = vm
            .load(b"local t = {}; setfenv(0, t); coroutine.yield(getfenv(0) == t); return getfenv(0) == t", b"=t")
            .unwrap();
        let co = vm.heap.alloc(super::Thread::new());
        // A fresh thread: its body in slot 0, the running thread's environment.
        let t = unsafe { &mut *co };
        t.stack[0] = f;
        t.top = 1;
        t.env = vm.globals;
        let main_env = vm.globals;
        assert_eq!(vm.resume(co, &[]).unwrap(), vec![Value::TRUE]);
        assert_eq!(vm.globals, main_env);
        assert_ne!(vm.thread_env(co), main_env);
        assert_eq!(vm.resume(co, &[]).unwrap(), vec![Value::TRUE]);
    }
}

//! Functions: runtime prototypes, Lua closures, native functions, upvalues.

use crate::bytecode::Ins;
use crate::error::LuaError;
use crate::gc::GcHeader;
use crate::proto::{UpvalSource, VarInfo};
use crate::state::Vm;
use crate::string::LuaStr;
use crate::table::Table;
use crate::value::{Tag, Value};

/// A GC constant of a runtime prototype.
pub enum Kgc {
    /// A string.
    Value(Value),
    /// A child prototype for FNEW.
    Proto(*mut Proto),
    /// A template table for TDUP.
    Template(Box<Template>),
}

/// The constant part of a table constructor, copied by TDUP.
pub struct Template {
    pub array: Box<[Value]>,
    pub hash: Box<[(Value, Value)]>,
    pub hash_size: u32,
}

/// A compiled function on the heap, shared by all closures made from it.
#[repr(C)]
pub struct Proto {
    pub header: GcHeader,
    pub code: Box<[Ins]>,
    /// Hot counters, one per instruction; only loop instructions count
    /// (see `tier`).
    pub hot: Box<[std::cell::Cell<u16>]>,
    pub lines: Box<[u32]>,
    pub knum: Box<[Value]>,
    pub kgc: Box<[Kgc]>,
    pub upvals: Box<[UpvalSource]>,
    /// See [`crate::proto::ProtoDef::upval_immutable`].
    pub upval_immutable: Box<[bool]>,
    /// See [`crate::proto::ProtoDef::next_loops`].
    pub next_loops: Box<[u32]>,
    pub upval_names: Box<[Box<[u8]>]>,
    pub vars: Box<[VarInfo]>,
    pub chunkname: *mut LuaStr,
    pub first_line: u32,
    pub last_line: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    pub frame_size: u8,
}

impl Proto {
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Proto>() + self.code.len() * 10 + self.knum.len() * 8 + self.kgc.len() * 16
    }

    /// The chunk name's bytes (`@file`, `=name`, or source text).
    pub fn chunkname_bytes(&self) -> &[u8] {
        // Prototypes keep their chunk name string alive (the GC marks it).
        unsafe { (*self.chunkname).as_bytes() }
    }

    /// Whether this is a chunk's main function, as LuaJIT tells: defined at
    /// line 0 and spanning lines (a function loaded from a stripped dump
    /// has no lines at all, and counts as a plain Lua function).
    pub fn is_main_chunk(&self) -> bool {
        self.first_line == 0 && self.last_line != 0
    }

    /// The string constant at index `d`.
    #[inline(always)]
    pub fn kstr(&self, d: usize) -> Value {
        match &self.kgc[d] {
            Kgc::Value(v) => *v,
            _ => Value::NIL,
        }
    }
}

/// What a call needs to know about a Lua function's frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallShape {
    pub frame_size: u8,
    pub num_params: u8,
    pub is_vararg: bool,
}

/// A native function: arguments are `stack[base..base+nargs]` of the current
/// thread; it pushes its results with [`Vm::push`] and returns how many.
pub type NativeFn = fn(vm: &mut Vm, args: crate::state::Args) -> Result<usize, LuaError>;

/// Natives that the interpreter runs itself because they manipulate frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    None,
    Pcall,
    Xpcall,
    Yield,
    /// `tostring`: with `__tostring` it becomes a call of the metamethod.
    ToString,
}

pub enum FunctionKind {
    Lua {
        proto: *mut Proto,
        upvals: Box<[*mut UpVal]>,
        /// The prototype's call shape, copied here so a call checks it
        /// without loading the prototype.
        shape: CallShape,
    },
    Native {
        f: NativeFn,
        upvals: Box<[Value]>,
        name: &'static str,
        special: Special,
        /// LuaJIT writes this builtin in Lua (`math.deg`, `table.foreach`...):
        /// error positions and tracebacks show it as `[builtin:NAME]:0:`.
        lua_builtin: bool,
        /// LuaJIT's fast-function number (`lj_ffdef.h` order, from 2),
        /// which `tostring` shows as `function: builtin#N`; 0 for natives
        /// that are plain C functions in LuaJIT (printed by address).
        builtin_id: u16,
    },
}

/// A function value: a Lua closure or a native function.
#[repr(C)]
pub struct Function {
    pub header: GcHeader,
    /// The function environment (Lua 5.1 `getfenv`/`setfenv`).
    pub env: *mut Table,
    pub kind: FunctionKind,
}

impl Function {
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Function>()
            + match &self.kind {
                FunctionKind::Lua { upvals, .. } => upvals.len() * 8,
                FunctionKind::Native { upvals, .. } => upvals.len() * 8,
            }
    }
    pub fn new_lua(env: *mut Table, proto: *mut Proto, upvals: Box<[*mut UpVal]>) -> Function {
        // The prototype is live: the caller just made or holds it.
        let p = unsafe { &*proto };
        let shape = CallShape { frame_size: p.frame_size, num_params: p.num_params, is_vararg: p.is_vararg };
        Function { header: GcHeader::new(Tag::Function), env, kind: FunctionKind::Lua { proto, upvals, shape } }
    }
    pub fn new_native(env: *mut Table, name: &'static str, f: NativeFn, upvals: Box<[Value]>) -> Function {
        Function {
            header: GcHeader::new(Tag::Function),
            env,
            kind: FunctionKind::Native { f, upvals, name, special: Special::None, lua_builtin: false, builtin_id: 0 },
        }
    }
    pub fn proto(&self) -> Option<*mut Proto> {
        match &self.kind {
            FunctionKind::Lua { proto, .. } => Some(*proto),
            _ => None,
        }
    }
    pub fn is_native(&self) -> bool {
        matches!(self.kind, FunctionKind::Native { .. })
    }
}

/// An upvalue: while open it points at a live stack slot of its thread;
/// once closed it holds the value itself.
#[repr(C)]
pub struct UpVal {
    pub header: GcHeader,
    /// Where the value lives: a stack slot, or `closed` below.
    pub v: *mut Value,
    pub closed: Value,
    /// Stack index of the slot while open.
    pub slot: usize,
    pub open: bool,
}

impl UpVal {
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<UpVal>()
    }
    #[inline(always)]
    pub fn get(&self) -> Value {
        // `v` points at a live stack slot (open) or at `closed` (closed).
        unsafe { *self.v }
    }
    #[inline(always)]
    pub fn set(&mut self, value: Value) {
        // As in `get`.
        unsafe { *self.v = value }
    }
    /// Copies the slot's value in and points at it. The upvalue is boxed on
    /// the heap and never moves, so the self-pointer stays valid.
    pub fn close(&mut self) {
        self.closed = self.get();
        self.v = &mut self.closed;
        self.open = false;
    }
}

//! The front end's output: a function prototype as plain data.
//!
//! The compiler (`parse`) builds a tree of [`ProtoDef`] from source text
//! without touching the heap; the loader turns it into heap objects (interned
//! strings, runtime prototypes). Keeping the compiler pure lets it be tested
//! and fuzzed on its own.

use crate::bytecode::Ins;

/// A GC constant of a prototype: what `str`, `func` and `tab` operands index.
#[derive(Clone, Debug, PartialEq)]
pub enum GcConst {
    Str(Box<[u8]>),
    Proto(Box<ProtoDef>),
    Table(TemplateTable),
}

/// A constant value inside a template table.
#[derive(Clone, Debug, PartialEq)]
pub enum KValue {
    Nil,
    False,
    True,
    Num(f64),
    Str(Box<[u8]>),
}

/// The constant part of a table constructor, copied by TDUP.
///
/// `array[i]` is the value at integer key `i` (index 0 included, as in
/// LuaJIT, whose array part starts at 0); its length is the array size the
/// table is created with. `hash` holds the other constant keys in source order;
/// `hash_size` is the number of hash slots to reserve.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TemplateTable {
    pub array: Vec<KValue>,
    pub hash: Vec<(KValue, KValue)>,
    pub hash_size: u32,
}

/// Where a closure's upvalue comes from when FNEW creates it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpvalSource {
    /// A local slot of the enclosing function's frame.
    ParentLocal(u8),
    /// An upvalue of the enclosing function.
    ParentUpval(u16),
}

/// A local variable's name and the pc range where it is live.
///
/// Variables are listed in the order they are declared; at any pc, the live
/// variables in list order occupy slots 0, 1, 2, ... (as in Lua 5.1 and
/// LuaJIT, where locals are allocated stack-like).
#[derive(Clone, Debug, PartialEq)]
pub struct VarInfo {
    pub name: Box<[u8]>,
    /// First pc where the variable is live.
    pub start_pc: u32,
    /// First pc where it is no longer live.
    pub end_pc: u32,
}

/// A compiled function.
#[derive(Clone, Debug, PartialEq)]
pub struct ProtoDef {
    /// Chunk name as given to `load` (`@file`, `=name` or the source text).
    pub chunkname: Box<[u8]>,
    /// Line of the `function` keyword (0 for the main chunk).
    pub first_line: u32,
    /// Line of the closing `end` (0 for the main chunk... or its last line).
    pub last_line: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    /// Slots the frame needs (at most 250).
    pub frame_size: u8,
    /// Instructions; pc 0 is the FUNCF/FUNCV header.
    pub code: Vec<Ins>,
    /// Source line of each instruction (same length as `code`).
    pub lines: Vec<u32>,
    /// Number constants (`num` operands).
    pub knum: Vec<f64>,
    /// GC constants (`str`, `func`, `tab` operands).
    pub kgc: Vec<GcConst>,
    pub upvals: Vec<UpvalSource>,
    /// Per upvalue: it refers to a parent local that is never assigned after
    /// its declaration (LuaJIT's immutable upvalue flag, kept in dumps).
    pub upval_immutable: Vec<bool>,
    /// pcs of the JMPs that start generic `for` loops LuaJIT specialises
    /// for `next` (ISNEXT ... ITERN). Neap runs them as JMP ... ITERC;
    /// dumps write LuaJIT's opcodes there.
    pub next_loops: Vec<u32>,
    /// Upvalue names, same order as `upvals`.
    pub upval_names: Vec<Box<[u8]>>,
    pub vars: Vec<VarInfo>,
}

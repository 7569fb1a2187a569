//! The garbage-collected heap: object headers, the all-objects list, and a
//! precise, non-moving mark and sweep collector.
//!
//! Every heap object is a `#[repr(C)]` struct whose first field is a
//! [`GcHeader`], so a pointer to the object is also a pointer to its header.
//! Objects are boxed and never move; the JIT and the C API hold raw pointers.
//!
//! Collection only happens at safe points chosen by the interpreter (object
//! creating instructions and Lua function entry), where every live value is
//! reachable from the roots: thread stacks below their `top`, the registry,
//! the globals, metatables for basic types, and the state's fixed strings.
//! Native functions never trigger a collection themselves; any value they keep
//! across a call back into Lua must sit in their stack frame.

use crate::func::{Function, FunctionKind, Proto, UpVal};
use crate::string::LuaStr;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::Userdata;
use crate::value::{Tag, Value};

/// The header at the start of every heap object.
#[repr(C)]
pub struct GcHeader {
    /// Next object in the heap's all-objects list.
    pub next: *mut GcHeader,
    /// What kind of object this is (string, table, function, ...).
    pub tag: Tag,
    /// Mark bit for the current collection.
    pub marked: bool,
    /// Set on userdata whose `__gc` has run (it is not run twice).
    pub finalized: bool,
}

impl GcHeader {
    pub fn new(tag: Tag) -> GcHeader {
        GcHeader { next: std::ptr::null_mut(), tag, marked: false, finalized: false }
    }
}

/// A heap object type: knows its tag and roughly how many bytes it owns.
pub trait GcObject {
    /// Userdata are also listed apart, for the finalizer scan.
    const IS_USERDATA: bool = false;
    fn header(&mut self) -> &mut GcHeader;
    fn approx_bytes(&self) -> usize;
}

macro_rules! gc_object {
    ($t:ty) => {
        impl GcObject for $t {
            fn header(&mut self) -> &mut GcHeader {
                &mut self.header
            }
            fn approx_bytes(&self) -> usize {
                <$t>::approx_bytes(self)
            }
        }
    };
}
gc_object!(Table);
gc_object!(Function);
gc_object!(Proto);
gc_object!(UpVal);
gc_object!(Thread);

impl GcObject for Userdata {
    const IS_USERDATA: bool = true;
    fn header(&mut self) -> &mut GcHeader {
        &mut self.header
    }
    fn approx_bytes(&self) -> usize {
        Userdata::approx_bytes(self)
    }
}

/// Collector tuning, as `collectgarbage("setpause"/"setstepmul")` sets it.
pub struct GcParams {
    /// Next collection starts when the heap reaches `pause`% of the live size
    /// after the last one.
    pub pause: u32,
    pub stepmul: u32,
    /// `collectgarbage("stop")` was called.
    pub stopped: bool,
    /// Collect at every safe point (a debugging aid that shakes out missing
    /// roots: `NEAP_GC_STRESS=1` in the CLI).
    pub stress: bool,
    /// Most bytes the heap may hold (`Vm::set_memory_limit`).
    pub limit: Option<usize>,
    /// Work done by `collectgarbage("step")` calls toward the next cycle,
    /// in bytes (the collector is not incremental: a step only finishes a
    /// cycle once the steps add up to the heap's size).
    pub step_work: usize,
}

/// The all-objects list and the byte accounting that triggers collections.
pub struct Heap {
    objects: *mut GcHeader,
    /// Every userdata not yet freed (the candidates for `__gc`), so a
    /// collection need not walk the whole heap to find them.
    pub userdata: Vec<*mut Userdata>,
    /// Approximate bytes owned by live and not-yet-collected objects.
    pub bytes: usize,
    /// A collection is due when `bytes` reaches this.
    pub threshold: usize,
    pub params: GcParams,
    /// Countdown of interpreter ticks (loop back-edges, calls) to the VM's
    /// next periodic check. An allocation that makes a collection due sets it
    /// to zero, so one counter serves both.
    pub ticks: i32,
}

const MIN_THRESHOLD: usize = 1 << 20;

impl Default for Heap {
    fn default() -> Self {
        Heap {
            objects: std::ptr::null_mut(),
            userdata: Vec::new(),
            bytes: 0,
            threshold: MIN_THRESHOLD,
            params: GcParams { pause: 200, stepmul: 200, stopped: false, stress: false, limit: None, step_work: 0 },
            ticks: 0,
        }
    }
}

impl Heap {
    /// Moves `obj` to the heap and links it into the all-objects list.
    pub fn alloc<T: GcObject>(&mut self, obj: T) -> *mut T {
        self.bytes += obj.approx_bytes();
        self.note_due();
        let p = Box::into_raw(Box::new(obj));
        // p is a fresh, valid box; its header is its first field.
        unsafe {
            (*p).header().next = self.objects;
            self.objects = (*p).header() as *mut GcHeader;
        }
        if T::IS_USERDATA {
            self.userdata.push(p as *mut Userdata);
        }
        p
    }

    /// Links an object allocated elsewhere (strings, which carry their
    /// bytes inline) into the all-objects list.
    ///
    /// # Safety
    /// `obj` is a fresh object whose header is initialised and which no list
    /// holds yet; `free_object` knows how to free it by its tag.
    pub unsafe fn link(&mut self, obj: *mut GcHeader, bytes: usize) {
        self.bytes += bytes;
        self.note_due();
        unsafe { (*obj).next = self.objects };
        self.objects = obj;
    }

    /// Accounts for memory an object grew by after it was allocated.
    pub fn grew(&mut self, bytes: usize) {
        self.bytes += bytes;
        self.note_due();
    }

    /// Makes the next tick run the periodic check when a collection is due.
    #[inline(always)]
    fn note_due(&mut self) {
        if self.bytes >= self.threshold {
            self.ticks = 0;
        }
    }

    /// Whether the collector wants to run.
    #[inline(always)]
    pub fn due(&self) -> bool {
        self.bytes >= self.threshold && !self.params.stopped
    }

    /// Whether the heap holds more than the memory limit allows.
    #[inline(always)]
    pub fn over_limit(&self) -> bool {
        matches!(self.params.limit, Some(limit) if self.bytes > limit)
    }

    /// After a collection: the next one starts at `pause`% of what survived.
    pub fn set_threshold_after_collect(&mut self) {
        let next = (self.bytes / 100).saturating_mul(self.params.pause as usize);
        self.threshold = if self.params.stress { 0 } else { next.max(MIN_THRESHOLD) };
        if let Some(limit) = self.params.limit {
            // Collect before passing the limit rather than after.
            self.threshold = self.threshold.min(limit);
        }
    }

    /// Frees every unmarked object and clears the marks of the others.
    ///
    /// # Safety
    /// The mark phase must have marked every object reachable from the roots;
    /// unmarked objects must not be referenced by anything live.
    pub unsafe fn sweep(&mut self) {
        // Marks are valid until the walk below clears them.
        self.userdata.retain(|&u| unsafe { (*u).header.marked });
        let mut link: *mut *mut GcHeader = &mut self.objects;
        let mut live = 0usize;
        // Walk the list through the `next` fields, unlinking dead objects.
        unsafe {
            while !(*link).is_null() {
                let obj = *link;
                if (*obj).marked {
                    (*obj).marked = false;
                    live += object_bytes(obj);
                    link = &mut (*obj).next;
                } else {
                    *link = (*obj).next;
                    free_object(obj);
                }
            }
        }
        self.bytes = live;
    }

    /// Frees every object (state shutdown).
    pub fn free_all(&mut self) {
        self.userdata.clear();
        let mut obj = self.objects;
        self.objects = std::ptr::null_mut();
        // Each object is visited once and freed; nothing uses them afterwards.
        unsafe {
            while !obj.is_null() {
                let next = (*obj).next;
                free_object(obj);
                obj = next;
            }
        }
        self.bytes = 0;
    }

    /// Every object in the heap (for finalizer scans).
    pub fn for_each_object(&self, mut f: impl FnMut(*mut GcHeader)) {
        let mut obj = self.objects;
        // The list only holds live allocations made by `alloc`.
        unsafe {
            while !obj.is_null() {
                f(obj);
                obj = (*obj).next;
            }
        }
    }
}

/// # Safety
/// `obj` is a live object allocated by [`Heap::alloc`].
unsafe fn object_bytes(obj: *mut GcHeader) -> usize {
    unsafe {
        match (*obj).tag {
            Tag::Str => (*(obj as *mut LuaStr)).approx_bytes(),
            Tag::Table => (*(obj as *mut Table)).approx_bytes(),
            Tag::Function => (*(obj as *mut Function)).approx_bytes(),
            Tag::Proto => (*(obj as *mut Proto)).approx_bytes(),
            Tag::Upval => (*(obj as *mut UpVal)).approx_bytes(),
            Tag::Thread => (*(obj as *mut Thread)).approx_bytes(),
            Tag::Userdata => (*(obj as *mut Userdata)).approx_bytes(),
            _ => 0,
        }
    }
}

/// # Safety
/// `obj` was allocated by [`Heap::alloc`] with the type its tag names, and is
/// already unlinked and unreferenced.
unsafe fn free_object(obj: *mut GcHeader) {
    unsafe {
        match (*obj).tag {
            Tag::Str => LuaStr::free(obj as *mut LuaStr),
            Tag::Table => drop(Box::from_raw(obj as *mut Table)),
            Tag::Function => drop(Box::from_raw(obj as *mut Function)),
            Tag::Proto => drop(Box::from_raw(obj as *mut Proto)),
            Tag::Upval => drop(Box::from_raw(obj as *mut UpVal)),
            Tag::Thread => drop(Box::from_raw(obj as *mut Thread)),
            Tag::Userdata => drop(Box::from_raw(obj as *mut Userdata)),
            _ => {}
        }
    }
}

/// The mark phase's work list.
#[derive(Default)]
pub struct Marker {
    gray: Vec<*mut GcHeader>,
    /// Tables with weak keys or values, cleared after marking.
    pub weak: Vec<(*mut Table, bool, bool)>,
}

impl Marker {
    #[inline]
    pub fn mark_value(&mut self, v: Value) {
        if let Some(h) = v.gc_header() {
            self.mark_object(h);
        }
    }

    #[inline]
    pub fn mark_object(&mut self, h: *mut GcHeader) {
        if h.is_null() {
            return;
        }
        // Objects reachable from roots are live allocations.
        unsafe {
            if !(*h).marked {
                (*h).marked = true;
                if (*h).tag != Tag::Str {
                    self.gray.push(h);
                }
            }
        }
    }

    /// Traces everything reachable from what was marked so far.
    ///
    /// `weak_mode` tells, for a metatable, whether it makes keys and/or values
    /// weak (its `__mode` field).
    pub fn propagate(&mut self, weak_mode: &dyn Fn(*mut Table) -> (bool, bool)) {
        while let Some(h) = self.gray.pop() {
            // Gray objects are live (marked from a root or a live object).
            unsafe { self.traverse(h, weak_mode) };
        }
    }

    unsafe fn traverse(&mut self, h: *mut GcHeader, weak_mode: &dyn Fn(*mut Table) -> (bool, bool)) {
        unsafe {
            match (*h).tag {
                Tag::Table => {
                    let t = &*(h as *mut Table);
                    self.mark_object(t.metatable as *mut GcHeader);
                    let (wk, wv) = if t.metatable.is_null() { (false, false) } else { weak_mode(t.metatable) };
                    if wk || wv {
                        self.weak.push((h as *mut Table, wk, wv));
                        // Strings are values, never cleared from weak tables.
                        let mut pending = Vec::new();
                        t.for_each_pair(|k, v| {
                            if !wk || k.is_string() {
                                pending.push(k);
                            }
                            if !wv || v.is_string() {
                                pending.push(v);
                            }
                        });
                        for v in pending {
                            self.mark_value(v);
                        }
                    } else {
                        t.for_each_gc_ref(|v| self.mark_value(v));
                    }
                }
                Tag::Function => {
                    let f = &*(h as *mut Function);
                    self.mark_object(f.env as *mut GcHeader);
                    match &f.kind {
                        FunctionKind::Lua { proto, upvals, .. } => {
                            self.mark_object(*proto as *mut GcHeader);
                            for u in upvals.iter() {
                                self.mark_object(*u as *mut GcHeader);
                            }
                        }
                        FunctionKind::Native { upvals, .. } => {
                            for v in upvals.iter() {
                                self.mark_value(*v);
                            }
                        }
                    }
                }
                Tag::Proto => {
                    let p = &*(h as *mut Proto);
                    for k in p.kgc.iter() {
                        match k {
                            crate::func::Kgc::Value(v) => self.mark_value(*v),
                            crate::func::Kgc::Proto(c) => self.mark_object(*c as *mut GcHeader),
                            crate::func::Kgc::Template(t) => {
                                for v in t.array.iter() {
                                    self.mark_value(*v);
                                }
                                for (k, v) in t.hash.iter() {
                                    self.mark_value(*k);
                                    self.mark_value(*v);
                                }
                            }
                        }
                    }
                    self.mark_object(p.chunkname as *mut GcHeader);
                }
                Tag::Upval => {
                    let u = &*(h as *mut UpVal);
                    self.mark_value(u.get());
                }
                Tag::Thread => {
                    let t = &mut *(h as *mut Thread);
                    t.for_each_root(|v| self.mark_value(v));
                    self.mark_object(t.env as *mut GcHeader);
                    for u in t.open_upvals.iter() {
                        self.mark_object(*u as *mut GcHeader);
                    }
                    // Dead slots above the top must not keep pointers to
                    // objects this collection frees.
                    t.clear_above_top();
                }
                Tag::Userdata => {
                    let u = &*(h as *mut Userdata);
                    self.mark_object(u.metatable as *mut GcHeader);
                    self.mark_object(u.env as *mut GcHeader);
                }
                _ => {}
            }
        }
    }
}

/// Whether a value survives a collection that just marked (for weak tables).
pub fn is_marked(v: Value) -> bool {
    match v.gc_header() {
        // Marks are read between the mark and sweep phases, on live objects.
        Some(h) => unsafe { (*h).marked },
        None => true,
    }
}

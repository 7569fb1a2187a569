//! State allocators: the memory of a state made by `lua_newstate(f, ud)`
//! comes from `f`.
//!
//! Neap's objects are ordinary Rust values (boxes, vectors, hash maps), so
//! the route is Rust's global allocator: [`NeapAllocator`], which `libneap`
//! installs (and nothing else does: the `neap` binary and Rust embedders
//! keep Rust's default allocator, and there a `lua_newstate` allocator is
//! only recorded for `lua_getallocf`).
//!
//! - While an API call runs on a state, that state's [`StateAllocator`] is
//!   the thread's current one ([`enter`]; API calls save and restore it, so
//!   a C function may use another state). Every block allocated meanwhile
//!   comes from its `f`; with no current state, from the system allocator.
//! - Every block carries a one-word tag just below it naming where it came
//!   from, so it is always freed (and resized) by the allocator that made
//!   it, whatever state is current then. `lua_setallocf` therefore leaves
//!   existing blocks with the old function; new ones come from the new one.
//! - `lua_close` frees the state's blocks under its allocator, then closes
//!   the allocator: `f` is never called again. Blocks that outlive a state
//!   would break that, so process-wide caches that Neap fills lazily (Rust's
//!   stdin/stdout buffers, the JIT's host description) are filled from the
//!   system allocator before the first such state runs ([`warm_up`]). A
//!   block that still outlives its state is leaked, never handed to `f`.
//! - A Rust allocation cannot fail softly (a global allocator returning
//!   NULL aborts the process). So when `f` refuses a block, the block comes
//!   from the system allocator instead and the state notes the refusal; the
//!   state then raises `not enough memory` (status `LUA_ERRMEM`) at its next
//!   check point: the end of the API call when a C function made it, the
//!   end of `lua_pcall`/`lua_cpcall`/`lua_load`, or the interpreter's
//!   periodic check (every `CHECK_INTERVAL` ticks) while Lua code runs. The
//!   error is thus a little late compared with LuaJIT, which raises it at
//!   the failing allocation: the state may use that much more memory than
//!   `f` granted. A refusal in an API call made by the host outside any
//!   protected call is reported at the next check point rather than through
//!   the panic function.
//!
//! Tags (the word below the block; `f` blocks are assumed 8-aligned, as Lua
//! objects need, and one that is not is not used):
//! - low bits `000`: a system block, 8 bytes below: the word holds the
//!   block's size minus 8 (the layout valgrind's "length64" heuristic
//!   recognises, so a block held by a static counts as reachable);
//! - `010`: an over-aligned system block; the word holds its offset;
//! - `001`: a block from a state allocator (the rest of the word), 8 bytes
//!   below; `011`: an over-aligned one, its offset in the word below the tag.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::c_void;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::global::lua_Alloc;

/// One `lua_Alloc` function and its `ud`, as a state uses it.
pub struct StateAllocator {
    f: lua_Alloc,
    ud: AtomicPtr<c_void>,
    /// Blocks `f` made that are not freed yet.
    blocks: AtomicUsize,
    /// Set by `lua_close`: `f` is not called any more.
    closed: AtomicBool,
    /// The state's "an allocation was refused" flag (shared by every
    /// allocator the state has had).
    refused: Arc<AtomicBool>,
}

impl StateAllocator {
    /// A new allocator record, from the system allocator (it outlives the
    /// state when blocks do).
    pub fn new(f: lua_Alloc, ud: *mut c_void, refused: Arc<AtomicBool>) -> *const StateAllocator {
        let _system = enter(ptr::null());
        Box::into_raw(Box::new(StateAllocator {
            f,
            ud: AtomicPtr::new(ud),
            blocks: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
            refused,
        }))
    }

    pub fn function(&self) -> lua_Alloc {
        self.f
    }

    pub fn ud(&self) -> *mut c_void {
        self.ud.load(Ordering::Relaxed)
    }

    /// Calls `f` (which C code provided; it follows `lua_Alloc`'s contract).
    unsafe fn call(&self, p: *mut u8, osize: usize, nsize: usize) -> *mut u8 {
        unsafe { (self.f)(self.ud(), p as *mut c_void, osize, nsize) as *mut u8 }
    }

    /// A block for `layout` from `f`, or `None` when `f` refuses (noted) or
    /// returns a block too misaligned to use.
    unsafe fn alloc(&self, layout: Layout) -> Option<*mut u8> {
        let total = state_total(layout);
        // A fresh block request: `f(ud, NULL, 0, n)`.
        let base = unsafe { self.call(ptr::null_mut(), 0, total) };
        if base.is_null() {
            self.refused.store(true, Ordering::Relaxed);
            return None;
        }
        // `base` is a block of `total` bytes from `f`.
        match unsafe { place_state_block(base, layout, self) } {
            Some(p) => {
                self.blocks.fetch_add(1, Ordering::Relaxed);
                Some(p)
            }
            None => {
                unsafe { self.call(base, total, 0) };
                None
            }
        }
    }

    /// Gives the block at `base` (`total` bytes) back to `f`, unless the
    /// state is closed (then it is leaked: `f` is not called after
    /// `lua_close`).
    unsafe fn free(&self, base: *mut u8, total: usize) {
        if self.closed.load(Ordering::Relaxed) {
            return;
        }
        // `base` is a live block of `total` bytes from `f`.
        unsafe { self.call(base, total, 0) };
        self.blocks.fetch_sub(1, Ordering::Relaxed);
    }

    /// Resizes a block of this allocator (`ptr`, `layout`) to `new_size`:
    /// through `f`, else (refused) by moving it to a system block.
    unsafe fn realloc(&self, ptr: *mut u8, tag: usize, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let old_off = unsafe { state_offset(ptr, tag) };
        let base = unsafe { ptr.sub(old_off) };
        let (old_total, new_total) = (state_total(layout), state_total(new_layout));
        let keep = layout.size().min(new_size);
        if !self.closed.load(Ordering::Relaxed) {
            // `base` is this allocator's live block of `old_total` bytes.
            let nb = unsafe { self.call(base, old_total, new_total) };
            if !nb.is_null() {
                // The data now starts `old_off` into `nb`; place it anew.
                unsafe {
                    let moved = nb.add(old_off);
                    if let Some(p) = place_state_block(nb, new_layout, self) {
                        if p != moved {
                            ptr::copy(moved, p, keep);
                        }
                        return p;
                    }
                    // Too misaligned to keep: move to a system block.
                    let p = system_alloc(new_layout);
                    if !p.is_null() {
                        ptr::copy_nonoverlapping(moved, p, keep);
                    }
                    self.call(nb, new_total, 0);
                    self.blocks.fetch_sub(1, Ordering::Relaxed);
                    return p;
                }
            }
            if new_size > layout.size() {
                self.refused.store(true, Ordering::Relaxed);
            }
        }
        // Refused (the old block is intact, as `lua_Alloc` promises) or
        // closed: move the data to a system block.
        unsafe {
            let p = system_alloc(new_layout);
            if !p.is_null() {
                ptr::copy_nonoverlapping(ptr, p, keep);
                self.free(base, old_total);
            }
            p
        }
    }
}

thread_local! {
    /// The allocator of the state whose API call runs on this thread (null:
    /// the system allocator). Constant-initialised and without destructor,
    /// so reading it never allocates.
    static CURRENT: Cell<*const StateAllocator> = const { Cell::new(ptr::null()) };
}

fn current() -> *const StateAllocator {
    CURRENT.try_with(|c| c.get()).unwrap_or(ptr::null())
}

/// Makes `a` (null: the system allocator) the current allocator until the
/// returned guard is dropped.
pub fn enter(a: *const StateAllocator) -> AllocScope {
    let prev = CURRENT.try_with(|c| c.replace(a)).unwrap_or(ptr::null());
    AllocScope { prev }
}

/// Restores the previous current allocator when dropped (unwinding
/// included).
pub struct AllocScope {
    prev: *const StateAllocator,
}

impl Drop for AllocScope {
    fn drop(&mut self) {
        let _ = CURRENT.try_with(|c| c.set(self.prev));
    }
}

/// Closes the allocators of a state after its memory is freed: `f` is not
/// called again. An allocator with no block left is freed; one with blocks
/// that outlived the state stays (those blocks are leaked when freed).
///
/// # Safety
/// Each pointer came from [`StateAllocator::new`] and is closed once.
pub unsafe fn close(allocators: &[*const StateAllocator]) {
    for &a in allocators {
        // A live record (freed only here).
        let rec = unsafe { &*a };
        rec.closed.store(true, Ordering::Relaxed);
        let left = rec.blocks.load(Ordering::Relaxed);
        if left == 0 {
            // Made by Box::into_raw in `new`; no block points to it any more.
            drop(unsafe { Box::from_raw(a as *mut StateAllocator) });
        } else if cfg!(debug_assertions) {
            eprintln!("neap: {left} blocks of a lua_newstate allocator outlive lua_close (leaked)");
        }
    }
}

/// The `not enough memory` error for a refusal the state has not reported
/// yet (clearing the flag once the error value exists, as making it may
/// be refused too).
pub fn take_refusal(vm: &mut neap_vm::Vm, refused: &AtomicBool) -> Option<neap_vm::error::LuaError> {
    if !refused.load(Ordering::Relaxed) {
        return None;
    }
    let e = vm.memory_error();
    refused.store(false, Ordering::Relaxed);
    Some(e)
}

/// Fills the process-wide caches Neap fills lazily, from the system
/// allocator, so that none of them is ever a block of a state's allocator
/// (it would outlive the state). Once per process.
pub fn warm_up() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _system = enter(ptr::null());
        // Rust's standard streams allocate their buffers on first use.
        let _ = std::io::stdout();
        let _ = std::io::stdin();
        let _ = std::io::stderr();
        // The JIT describes the host CPU once per process, when it first
        // compiles: compiling an empty trace does that (its result does not
        // matter).
        let _ = std::panic::catch_unwind(|| {
            let _ = neap_jit::backend::compile(&neap_jit::ir::Ir::default());
        });
    });
}

const WORD: usize = std::mem::size_of::<usize>();
const TAG_MASK: usize = 0b111;
const TAG_SYSTEM: usize = 0b000;
const TAG_SYSTEM_ALIGNED: usize = 0b010;
const TAG_STATE: usize = 0b001;
const TAG_STATE_ALIGNED: usize = 0b011;

/// Bytes asked of `f` for a block of `layout`: the tag word, and for an
/// over-aligned block room to align it (plus its offset word).
fn state_total(layout: Layout) -> usize {
    if layout.align() <= WORD {
        layout.size() + WORD
    } else {
        layout.size() + WORD + layout.align()
    }
}

/// Places a block of `layout` in `base` (from `a`'s `f`, `state_total`
/// bytes) and writes its tag; `None` if `base` is not 8-aligned.
///
/// # Safety
/// `base` points to `state_total(layout)` writable bytes.
unsafe fn place_state_block(base: *mut u8, layout: Layout, a: *const StateAllocator) -> Option<*mut u8> {
    if base as usize % WORD != 0 {
        return None;
    }
    // Offsets stay within the block: see `state_total`.
    unsafe {
        if layout.align() <= WORD {
            let p = base.add(WORD);
            *(p.sub(WORD) as *mut usize) = a as usize | TAG_STATE;
            Some(p)
        } else {
            let start = base as usize + 2 * WORD;
            let off = start.next_multiple_of(layout.align()) - base as usize;
            let p = base.add(off);
            *(p.sub(2 * WORD) as *mut usize) = off;
            *(p.sub(WORD) as *mut usize) = a as usize | TAG_STATE_ALIGNED;
            Some(p)
        }
    }
}

/// How far a state block's start lies below `p`.
///
/// # Safety
/// `p` is a live state block with tag `tag`.
unsafe fn state_offset(p: *mut u8, tag: usize) -> usize {
    if tag & TAG_MASK == TAG_STATE {
        WORD
    } else {
        // Written by `place_state_block`.
        unsafe { *(p.sub(2 * WORD) as *const usize) }
    }
}

/// The system layout of a plain (not over-aligned) block of `size` bytes:
/// the tag word and the size rounded to words (so the tag's low bits are 0).
fn system_layout(size: usize) -> Option<Layout> {
    let total = size.checked_next_multiple_of(WORD)?.checked_add(WORD)?;
    Layout::from_size_align(total, WORD).ok()
}

/// A block for `layout` from the system allocator, tagged; null if there
/// is no memory.
unsafe fn system_alloc(layout: Layout) -> *mut u8 {
    if layout.align() <= WORD {
        let Some(sys) = system_layout(layout.size()) else { return ptr::null_mut() };
        // A non-zero size; the tag word is the block's first word.
        unsafe {
            let base = System.alloc(sys);
            if base.is_null() {
                return base;
            }
            *(base as *mut usize) = sys.size() - WORD;
            base.add(WORD)
        }
    } else {
        let a = layout.align();
        let Some(sys) = layout.size().checked_add(a).and_then(|n| Layout::from_size_align(n, a).ok()) else {
            return ptr::null_mut();
        };
        // The block starts `a` (>= 16) bytes in; its tag word just below.
        unsafe {
            let base = System.alloc(sys);
            if base.is_null() {
                return base;
            }
            let p = base.add(a);
            *(p.sub(WORD) as *mut usize) = (a << 3) | TAG_SYSTEM_ALIGNED;
            p
        }
    }
}

/// Rust's global allocator for `libneap`: blocks from the current state's
/// allocator, or from the system's (see the module comment).
pub struct NeapAllocator;

// Safety: blocks are valid for their layouts (tags and padding lie outside
// the bytes handed out), and each block is freed by the allocator that
// made it, found from its tag.
unsafe impl GlobalAlloc for NeapAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let a = current();
        if !a.is_null() {
            // The current allocator is live: its state's API call is running.
            if let Some(p) = unsafe { (*a).alloc(layout) } {
                return p;
            }
        }
        unsafe { system_alloc(layout) }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // `p` came from this allocator, so its tag word is below it.
        unsafe {
            let tag = *(p.sub(WORD) as *const usize);
            match tag & TAG_MASK {
                TAG_SYSTEM => System.dealloc(p.sub(WORD), Layout::from_size_align_unchecked(tag + WORD, WORD)),
                TAG_SYSTEM_ALIGNED => {
                    let a = tag >> 3;
                    System.dealloc(p.sub(a), Layout::from_size_align_unchecked(layout.size() + a, a))
                }
                _ => {
                    let owner = &*((tag & !TAG_MASK) as *const StateAllocator);
                    owner.free(p.sub(state_offset(p, tag)), state_total(layout));
                }
            }
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // As in `dealloc`; a block keeps its allocator when it is resized.
        unsafe {
            let tag = *(p.sub(WORD) as *const usize);
            match tag & TAG_MASK {
                TAG_SYSTEM => {
                    let Some(sys) = system_layout(new_size) else { return ptr::null_mut() };
                    let old = Layout::from_size_align_unchecked(tag + WORD, WORD);
                    let base = System.realloc(p.sub(WORD), old, sys.size());
                    if base.is_null() {
                        return base;
                    }
                    *(base as *mut usize) = sys.size() - WORD;
                    base.add(WORD)
                }
                TAG_SYSTEM_ALIGNED => {
                    let a = tag >> 3;
                    let Some(n) = new_size.checked_add(a) else { return ptr::null_mut() };
                    let old = Layout::from_size_align_unchecked(layout.size() + a, a);
                    let base = System.realloc(p.sub(a), old, n);
                    // The tag word moved with the data.
                    if base.is_null() {
                        base
                    } else {
                        base.add(a)
                    }
                }
                _ => {
                    let owner = &*((tag & !TAG_MASK) as *const StateAllocator);
                    owner.realloc(p, tag, layout, new_size)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Live bytes per test allocator (`ud` points to one).
    struct Counter {
        live: Mutex<isize>,
        limit: isize,
    }

    unsafe extern "C" fn counting(ud: *mut c_void, p: *mut c_void, osize: usize, nsize: usize) -> *mut c_void {
        // `ud` is a Counter of the test; `p` a block of this function.
        let c = unsafe { &*(ud as *const Counter) };
        let mut live = c.live.lock().unwrap();
        if nsize == 0 {
            unsafe { libc_free(p) };
            *live -= osize as isize;
            return ptr::null_mut();
        }
        if nsize > osize && *live + (nsize - osize) as isize > c.limit {
            return ptr::null_mut();
        }
        let q = unsafe { libc_realloc(p, nsize) };
        *live += nsize as isize - osize as isize;
        q
    }

    extern "C" {
        #[link_name = "realloc"]
        fn libc_realloc(p: *mut c_void, n: usize) -> *mut c_void;
        #[link_name = "free"]
        fn libc_free(p: *mut c_void);
    }

    fn with_state_allocator(limit: isize, body: impl FnOnce(&Counter, *const StateAllocator)) {
        let counter = Counter { live: Mutex::new(0), limit };
        let refused = Arc::new(AtomicBool::new(false));
        let a = StateAllocator::new(counting, &counter as *const Counter as *mut c_void, refused);
        body(&counter, a);
        unsafe { close(&[a]) };
    }

    #[test]
    fn blocks_come_from_the_current_allocator_and_go_back_to_it() {
        with_state_allocator(1 << 20, |counter, a| {
            let alloc = NeapAllocator;
            for align in [1, 8, 16, 64, 4096] {
                let layout = Layout::from_size_align(100, align).unwrap();
                let scope = enter(a);
                let p = unsafe { alloc.alloc(layout) };
                drop(scope);
                assert_eq!(p as usize % align, 0);
                assert!(*counter.live.lock().unwrap() > 100);
                unsafe { p.write_bytes(7, 100) };
                // Grown while no state is current: still the state's block.
                let q = unsafe { alloc.realloc(p, layout, 5000) };
                assert_eq!(q as usize % align, 0);
                assert!(*counter.live.lock().unwrap() > 5000);
                assert_eq!(unsafe { *q.add(99) }, 7);
                unsafe { alloc.dealloc(q, Layout::from_size_align(5000, align).unwrap()) };
                assert_eq!(*counter.live.lock().unwrap(), 0);
            }
        });
    }

    #[test]
    fn refused_blocks_come_from_the_system_and_are_noted() {
        with_state_allocator(1000, |counter, a| {
            let alloc = NeapAllocator;
            let small = Layout::from_size_align(100, 8).unwrap();
            let _scope = enter(a);
            let p = unsafe { alloc.alloc(small) };
            unsafe { p.write_bytes(1, 100) };
            // Over the limit: refused, moved to a system block.
            let q = unsafe { alloc.realloc(p, small, 4000) };
            assert!(unsafe { &*a }.refused.load(Ordering::Relaxed));
            assert_eq!(*counter.live.lock().unwrap(), 0);
            assert_eq!(unsafe { *q.add(99) }, 1);
            let big = Layout::from_size_align(4000, 8).unwrap();
            unsafe { alloc.dealloc(q, big) };
            let r = unsafe { alloc.alloc(big) };
            assert_eq!(*counter.live.lock().unwrap(), 0);
            unsafe { alloc.dealloc(r, big) };
        });
    }

    #[test]
    fn system_blocks_keep_valgrinds_length64_layout() {
        let alloc = NeapAllocator;
        let layout = Layout::from_size_align(13, 1).unwrap();
        let p = unsafe { alloc.alloc(layout) };
        // The word below the block: the system block's size minus 8.
        assert_eq!(unsafe { *(p.sub(WORD) as *const usize) }, 16);
        let q = unsafe { alloc.realloc(p, layout, 100) };
        assert_eq!(unsafe { *(q.sub(WORD) as *const usize) }, 104);
        unsafe { alloc.dealloc(q, Layout::from_size_align(100, 1).unwrap()) };
    }
}

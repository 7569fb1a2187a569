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
//! - Every block can be traced to the allocator that made it (see below),
//!   so it is always freed (and resized) by that allocator, whatever state
//!   is current then. `lua_setallocf` therefore leaves existing blocks with
//!   the old function; new ones come from the new one.
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
//! Telling blocks apart (`f` blocks are assumed 8-aligned, as Lua objects
//! need; one that is not is not used):
//! - a plain block (alignment 8 or less) from the system allocator is the
//!   system's own block, untagged, at a multiple of 16: states made by
//!   `luaL_newstate` pay nothing per block;
//! - a plain block from a state's allocator starts 8 past a multiple of 16,
//!   with a tag just below naming its allocator (and where `f`'s block
//!   starts);
//! - an over-aligned block carries a tag either way: the system's offset,
//!   or its allocator (with the offset in the word below).

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
        let total = first_request(layout, layout.size());
        // A fresh block request: `f(ud, NULL, 0, n)`.
        let base = unsafe { self.call(ptr::null_mut(), 0, total) };
        if base.is_null() {
            self.refused.store(true, Ordering::Relaxed);
            return None;
        }
        // `base` is a fresh block of `total` bytes from `f`.
        match unsafe { self.settle(base, total, 0, layout, 0) } {
            Ok(p) => {
                self.blocks.fetch_add(1, Ordering::Relaxed);
                Some(p)
            }
            Err((base, total)) => {
                unsafe { self.call(base, total, 0) };
                None
            }
        }
    }

    /// Places a block of `layout` in `f`'s block `base` (`total` bytes),
    /// whose first `keep` bytes of data sit `data_off` into it: moves them
    /// where the block's placement needs them (growing `f`'s block by a
    /// word when a plain block needs it) and writes the tag. On failure
    /// (`f`'s block too misaligned, or the growth refused) hands back `f`'s
    /// block, still holding the data at `data_off`.
    ///
    /// # Safety
    /// `base` is a live block of `total` bytes from `f`, at least
    /// `data_off + keep` of them.
    unsafe fn settle(
        &self,
        mut base: *mut u8,
        mut total: usize,
        data_off: usize,
        layout: Layout,
        keep: usize,
    ) -> Result<*mut u8, (*mut u8, usize)> {
        if base as usize % WORD != 0 {
            return Err((base, total));
        }
        let me = self as *const StateAllocator as usize;
        // Offsets stay within the block: see `first_request`.
        unsafe {
            if !is_plain(layout) {
                let start = base as usize + 2 * WORD;
                let off = start.next_multiple_of(layout.align()) - base as usize;
                let p = base.add(off);
                if off != data_off && keep > 0 {
                    ptr::copy(base.add(data_off), p, keep);
                }
                *(p.sub(2 * WORD) as *mut usize) = off;
                *(p.sub(WORD) as *mut usize) = me | STATE_BIT;
                return Ok(p);
            }
            let long = layout.size() + 2 * WORD;
            if base as usize % GRAIN != 0 && total < long {
                // The block must start 16 bytes in: one more word.
                let nb = self.call(base, total, long);
                if nb.is_null() {
                    self.refused.store(true, Ordering::Relaxed);
                    return Err((base, total));
                }
                if nb as usize % WORD != 0 {
                    return Err((nb, long));
                }
                (base, total) = (nb, long);
            }
            let (off, mut bits) = if base as usize % GRAIN == 0 { (WORD, 0) } else { (2 * WORD, OFFSET16_BIT) };
            if total == long {
                bits |= LONG_BIT;
            }
            let p = base.add(off);
            if off != data_off && keep > 0 {
                ptr::copy(base.add(data_off), p, keep);
            }
            *(p.sub(WORD) as *mut usize) = me | STATE_BIT | bits;
            Ok(p)
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
        let old_off = unsafe { state_offset(ptr, tag, layout) };
        let base = unsafe { ptr.sub(old_off) };
        let old_total = state_total(layout, tag);
        // A long block stays long, so `f` copies all of the data at `old_off`.
        let new_total = if tag & LONG_BIT != 0 { new_size + 2 * WORD } else { first_request(new_layout, new_size) };
        let keep = layout.size().min(new_size);
        if !self.closed.load(Ordering::Relaxed) {
            // `base` is this allocator's live block of `old_total` bytes.
            let nb = unsafe { self.call(base, old_total, new_total) };
            if !nb.is_null() {
                // The data now starts `old_off` into `nb`; place it anew.
                match unsafe { self.settle(nb, new_total, old_off, new_layout, keep) } {
                    Ok(p) => return p,
                    Err((nb, total)) => unsafe {
                        // Unusable: move the data to a system block.
                        let p = system_alloc(new_layout);
                        if !p.is_null() {
                            ptr::copy_nonoverlapping(nb.add(old_off), p, keep);
                        }
                        self.call(nb, total, 0);
                        self.blocks.fetch_sub(1, Ordering::Relaxed);
                        return p;
                    },
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
/// Alignment of plain system blocks. A plain state block starts `WORD`
/// past a multiple of it, so its address alone tells the two apart.
const GRAIN: usize = 2 * WORD;
/// Tag bits (the rest of a state block's tag is its allocator's address).
const TAG_MASK: usize = 0b111;
const STATE_BIT: usize = 0b001;
/// A plain state block starts 16 bytes into `f`'s block (else 8).
const OFFSET16_BIT: usize = 0b010;
/// A plain state block's `f` block has two words besides the data (else one).
const LONG_BIT: usize = 0b100;

/// Whether blocks of `layout` are plain (8-aligned or less): those are
/// told apart by address; over-aligned ones by a tag.
fn is_plain(layout: Layout) -> bool {
    layout.align() <= WORD
}

/// Bytes first asked of `f` for a block of `layout` with `size` bytes:
/// the tag word (a plain block needs one more when `f`'s block is not at
/// a multiple of 16, see `settle`), or for an over-aligned block room to
/// align it with its tag and offset words.
fn first_request(layout: Layout, size: usize) -> usize {
    if is_plain(layout) {
        size + WORD
    } else {
        size + WORD + layout.align()
    }
}

/// The size of `f`'s block holding the state block of `layout` and `tag`.
fn state_total(layout: Layout, tag: usize) -> usize {
    if is_plain(layout) && tag & LONG_BIT != 0 {
        layout.size() + 2 * WORD
    } else {
        first_request(layout, layout.size())
    }
}

/// How far the start of `f`'s block lies below the state block `p`.
///
/// # Safety
/// `p` is a live state block of `layout` with tag `tag`.
unsafe fn state_offset(p: *mut u8, tag: usize, layout: Layout) -> usize {
    if !is_plain(layout) {
        // Written by `settle`.
        unsafe { *(p.sub(2 * WORD) as *const usize) }
    } else if tag & OFFSET16_BIT != 0 {
        2 * WORD
    } else {
        WORD
    }
}

/// The tag below a state or over-aligned block.
///
/// # Safety
/// `p` came from [`NeapAllocator`] and is not a plain system block.
unsafe fn tag_of(p: *mut u8) -> usize {
    unsafe { *(p.sub(WORD) as *const usize) }
}

/// The allocator a state block's tag names.
///
/// # Safety
/// `tag` is a live state block's tag: its allocator record is live.
unsafe fn owner_of<'a>(tag: usize) -> &'a StateAllocator {
    unsafe { &*((tag & !TAG_MASK) as *const StateAllocator) }
}

/// The system layout of a plain block of `size` bytes: untagged, aligned
/// to `GRAIN` (so its address is a multiple of it).
fn plain_system_layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.max(GRAIN), GRAIN).ok()
}

/// A block for `layout` from the system allocator; null if there is no
/// memory. Plain blocks are the system's own; an over-aligned one starts
/// `align` bytes in, with a tag (its offset, state bit clear) below.
unsafe fn system_alloc(layout: Layout) -> *mut u8 {
    if is_plain(layout) {
        let Some(sys) = plain_system_layout(layout.size()) else { return ptr::null_mut() };
        // A non-zero size.
        return unsafe { System.alloc(sys) };
    }
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
        *(p.sub(WORD) as *mut usize) = a << 3;
        p
    }
}

/// Rust's global allocator for `libneap`: blocks from the current state's
/// allocator, or from the system's (see the module comment).
pub struct NeapAllocator;

// Safety: blocks are valid for their layouts (tags and padding lie outside
// the bytes handed out), and each block is freed by the allocator that
// made it: a plain block's address says whether it is the system's (a
// multiple of GRAIN) or a state's (tagged), an over-aligned block's tag
// says which.
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
        // `p` came from this allocator with `layout`.
        unsafe {
            if is_plain(layout) && p as usize % GRAIN == 0 {
                return System.dealloc(p, Layout::from_size_align_unchecked(layout.size().max(GRAIN), GRAIN));
            }
            let tag = tag_of(p);
            if tag & STATE_BIT == 0 {
                let a = tag >> 3;
                return System.dealloc(p.sub(a), Layout::from_size_align_unchecked(layout.size() + a, a));
            }
            owner_of(tag).free(p.sub(state_offset(p, tag, layout)), state_total(layout, tag));
        }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // As in `dealloc`; a block keeps its allocator when it is resized.
        unsafe {
            if is_plain(layout) && p as usize % GRAIN == 0 {
                let old = Layout::from_size_align_unchecked(layout.size().max(GRAIN), GRAIN);
                return System.realloc(p, old, new_size.max(GRAIN));
            }
            let tag = tag_of(p);
            if tag & STATE_BIT == 0 {
                let a = tag >> 3;
                let Some(n) = new_size.checked_add(a) else { return ptr::null_mut() };
                let old = Layout::from_size_align_unchecked(layout.size() + a, a);
                let base = System.realloc(p.sub(a), old, n);
                // The tag word moved with the data.
                return if base.is_null() { base } else { base.add(a) };
            }
            owner_of(tag).realloc(p, tag, layout, new_size)
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

    /// An allocator whose blocks start 8 past a multiple of 16 (as one that
    /// keeps a size word in front of malloc's blocks does).
    unsafe extern "C" fn shifted(_ud: *mut c_void, p: *mut c_void, _osize: usize, nsize: usize) -> *mut c_void {
        // `p` is NULL or a block of this function: 8 bytes into realloc's.
        unsafe {
            let real = if p.is_null() { p } else { (p as *mut u8).sub(8) as *mut c_void };
            if nsize == 0 {
                libc_free(real);
                return ptr::null_mut();
            }
            let q = libc_realloc(real, nsize + 8);
            (q as *mut u8).add(8) as *mut c_void
        }
    }

    #[test]
    fn blocks_of_a_shifted_allocator_are_placed_and_moved() {
        let a = StateAllocator::new(shifted, ptr::null_mut(), Arc::new(AtomicBool::new(false)));
        let alloc = NeapAllocator;
        for align in [1, 8, 32] {
            let layout = Layout::from_size_align(40, align).unwrap();
            let p = {
                let _scope = enter(a);
                unsafe { alloc.alloc(layout) }
            };
            assert_eq!(p as usize % align.max(GRAIN), if align <= WORD { WORD } else { 0 });
            unsafe { p.write_bytes(3, 40) };
            let q = unsafe { alloc.realloc(p, layout, 4000) };
            assert_eq!(unsafe { *q.add(39) }, 3);
            unsafe { alloc.dealloc(q, Layout::from_size_align(4000, align).unwrap()) };
        }
        assert_eq!(unsafe { &*a }.blocks.load(Ordering::Relaxed), 0);
        unsafe { close(&[a]) };
    }

    /// An allocator whose blocks alternate between starting at a multiple
    /// of 16 and 8 past one (call by call), contents kept on resizing.
    unsafe extern "C" fn alternating(ud: *mut c_void, p: *mut c_void, osize: usize, nsize: usize) -> *mut c_void {
        // `ud` is the test's call counter; `p` is NULL or a block of this
        // function: 8 + shift bytes into realloc's, the shift stored first.
        unsafe {
            let calls = &*(ud as *const AtomicUsize);
            let (real, old_shift) = if p.is_null() {
                (ptr::null_mut(), 0)
            } else {
                let shift = if (p as usize) % 16 == 0 { 8 } else { 0 };
                let real = (p as *mut u8).sub(8 + shift);
                (real, shift)
            };
            if nsize == 0 {
                libc_free(real as *mut c_void);
                return ptr::null_mut();
            }
            let q = libc_realloc(real as *mut c_void, nsize + 16) as *mut u8;
            let shift = if calls.fetch_add(1, Ordering::Relaxed) % 2 == 0 { 0 } else { 8 };
            if !p.is_null() {
                ptr::copy(q.add(8 + old_shift), q.add(8 + shift), osize.min(nsize));
            }
            q.add(8 + shift) as *mut c_void
        }
    }

    #[test]
    fn blocks_keep_their_data_when_f_moves_them_between_placements() {
        let calls = AtomicUsize::new(0);
        let a = StateAllocator::new(
            alternating,
            &calls as *const AtomicUsize as *mut c_void,
            Arc::new(AtomicBool::new(false)),
        );
        let alloc = NeapAllocator;
        for align in [1, 8, 32] {
            let layout = Layout::from_size_align(24, align).unwrap();
            let mut p = {
                let _scope = enter(a);
                unsafe { alloc.alloc(layout) }
            };
            unsafe { ptr::copy_nonoverlapping(b"0123456789abcdefghijklmn".as_ptr(), p, 24) };
            let mut size = 24;
            for new_size in [40, 24, 100, 30, 1000, 24] {
                p = unsafe { alloc.realloc(p, Layout::from_size_align(size, align).unwrap(), new_size) };
                size = new_size;
                assert_eq!(p as usize % align, 0);
                assert_eq!(unsafe { std::slice::from_raw_parts(p, 24) }, b"0123456789abcdefghijklmn");
            }
            unsafe { alloc.dealloc(p, Layout::from_size_align(size, align).unwrap()) };
        }
        assert_eq!(unsafe { &*a }.blocks.load(Ordering::Relaxed), 0);
        unsafe { close(&[a]) };
    }

    #[test]
    fn plain_blocks_are_told_apart_by_address() {
        let alloc = NeapAllocator;
        let layout = Layout::from_size_align(13, 1).unwrap();
        // No state current: the system's own block, at a multiple of 16.
        let p = unsafe { alloc.alloc(layout) };
        assert_eq!(p as usize % GRAIN, 0);
        let q = unsafe { alloc.realloc(p, layout, 100) };
        assert_eq!(q as usize % GRAIN, 0);
        with_state_allocator(1 << 20, |counter, a| {
            let s = {
                let _scope = enter(a);
                unsafe { alloc.alloc(layout) }
            };
            assert_eq!(s as usize % GRAIN, WORD);
            assert_eq!(*counter.live.lock().unwrap(), 13 + 8);
            unsafe { alloc.dealloc(s, layout) };
            assert_eq!(*counter.live.lock().unwrap(), 0);
        });
        unsafe { alloc.dealloc(q, Layout::from_size_align(100, 1).unwrap()) };
    }
}

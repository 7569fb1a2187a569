//! The Cranelift backend: an optimised trace's IR becomes machine code. See
//! README.md next to this file for how IR maps to CLIF and the exit protocol.

mod calls;
mod define;
mod lower;
#[cfg(test)]
mod qemu_check;
#[cfg(test)]
mod tests;

pub use calls::{call_id, CallInfo, CALLS};

use crate::ir::Ir;
use cranelift_codegen::ir::InstBuilder;
use cranelift_codegen::ir::{types, AbiParam, Signature, UserFuncName};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa, TargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What compiled trace code reads besides the stack slots.
#[repr(C)]
pub struct TraceCtx {
    /// Decremented at every loop back-edge; when it goes below 0 the trace
    /// exits through its last snapshot so the interpreter can run its
    /// periodic checks.
    pub ticks: *mut i32,
    /// The running VM, for helpers that allocate (`CallInfo::vm`); nothing
    /// else uses it while the trace runs.
    pub vm: *mut neap_vm::Vm,
}

/// Byte offset of [`TraceCtx::ticks`].
const CTX_TICKS: i32 = std::mem::offset_of!(TraceCtx, ticks) as i32;
/// Byte offset of [`TraceCtx::vm`].
const CTX_VM: i32 = std::mem::offset_of!(TraceCtx, vm) as i32;

/// The context of a linked trace ([`compile_linked`]): exits may continue
/// in other traces' code, so the caller learns which trace's exit returned.
#[repr(C)]
pub struct LinkCtx {
    pub base: TraceCtx,
    /// The id of the trace whose exit returned (written by that exit).
    pub exit_trace: u32,
    /// How many of `frame_exits` are filled.
    pub frame_exits_len: u32,
    /// Exits that continued in another trace's code instead of returning.
    pub links: u64,
    /// Exits with inlined frames that continued in another trace (on the
    /// innermost frame's slots), in order, as `id << 32 | snapshot`: the
    /// caller rebuilds their frames before the returning exit's. When full,
    /// such exits return instead.
    pub frame_exits: [u64; MAX_FRAME_EXITS],
}

/// Tag bit of a link slot: the target trace returns below its entry frame
/// (it was compiled with a `shift`), checking the interpreter's frames as
/// it goes, so it may be jumped to only while those frames are the ones
/// the exit resumes in: from an exit that changes no frames, and with no
/// earlier exit's frame changes pending (`LinkCtx::frame_exits`).
pub const LINK_NEEDS_FRAMES: usize = 1;

/// Tag bit of a link slot: the jump takes a tick (the target is a root
/// trace's start). Jumps to the side trace grown at an exit take none:
/// following those only goes deeper into a tree of side traces, so every
/// cycle of jumps passes a tick (a loop's back-edge, or a jump to a root).
pub const LINK_TAKES_TICK: usize = 2;

/// Every tag bit of a link slot (bodies are aligned well past them).
const LINK_TAGS: usize = LINK_NEEDS_FRAMES | LINK_TAKES_TICK;

/// Capacity of [`LinkCtx::frame_exits`]: each such exit moves the slots up
/// by at most the widest trace's slots, so a caller ensures
/// `(MAX_FRAME_EXITS + 1) *` that much stack.
pub const MAX_FRAME_EXITS: usize = 4;

impl LinkCtx {
    pub fn new(ticks: *mut i32, vm: *mut neap_vm::Vm) -> LinkCtx {
        LinkCtx {
            base: TraceCtx { ticks, vm },
            exit_trace: u32::MAX,
            frame_exits_len: 0,
            links: 0,
            frame_exits: [0; MAX_FRAME_EXITS],
        }
    }

    /// The exits with inlined frames taken on the way: (id, snapshot).
    pub fn frame_exits(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let n = (self.frame_exits_len as usize).min(MAX_FRAME_EXITS);
        self.frame_exits[..n].iter().map(|&e| ((e >> 32) as u32, e as u32))
    }
}

const LINK_CTX_EXIT_TRACE: i32 = std::mem::offset_of!(LinkCtx, exit_trace) as i32;
const LINK_CTX_FRAME_EXITS_LEN: i32 = std::mem::offset_of!(LinkCtx, frame_exits_len) as i32;
const LINK_CTX_LINKS: i32 = std::mem::offset_of!(LinkCtx, links) as i32;
const LINK_CTX_FRAME_EXITS: i32 = std::mem::offset_of!(LinkCtx, frame_exits) as i32;

/// What the lowering of a linked trace needs: where its link table is (one
/// 8-byte slot per snapshot), the id its returning exits report, and how
/// far its slot 0 lies below its entry frame's function slot (a trace that
/// returns below that frame, `record/retf.rs`).
#[derive(Clone, Copy)]
struct ExitLinking {
    table: usize,
    id: u32,
    shift: u16,
}

/// A compiled trace: `slots` points at snapshot slot 0 (the trace frame's
/// function slot); returns the index of the snapshot it exited through,
/// after writing that snapshot's slots back as boxed values.
pub type TraceEntry = unsafe extern "C" fn(slots: *mut u64, ctx: *mut TraceCtx) -> u32;

/// Machine code for one trace, alive as long as this value.
pub struct CompiledTrace {
    /// For a linked trace ([`compile_linked`]) `ctx` must point at a
    /// [`LinkCtx`]: call it through [`CompiledTrace::run_linked`].
    pub entry: TraceEntry,
    pub code_size: usize,
    /// A linked trace's body (`tail` calling convention), the address other
    /// traces' link slots hold; null for an unlinked trace.
    body: *const u8,
    /// A linked trace's link table: per snapshot, 0 (return) or the body of
    /// the trace that exit continues in, with [`LINK_NEEDS_FRAMES`] set
    /// for a body compiled with a `shift`. Boxed: the code holds its
    /// address.
    links: Box<[AtomicUsize]>,
    /// How far the body's slot 0 lies below the function slot it is
    /// called with (`compile_linked`'s `shift`).
    shift: u16,
    /// A copy of the code bytes, for [`disassemble`].
    code: Vec<u8>,
    /// Cranelift's listing of the emitted instructions.
    listing: Option<String>,
    /// Owns the executable memory; freed on drop.
    module: Option<JITModule>,
}

impl CompiledTrace {
    /// Runs a linked trace and whatever its exits continue in; returns the
    /// exit that came back (`ctx.exit_trace` says whose).
    ///
    /// # Safety
    /// As for calling `entry`: `slots` holds every slot the traces reached
    /// through links name; `ctx.base.ticks` points at the tick counter.
    pub unsafe fn run_linked(&self, slots: *mut u64, ctx: &mut LinkCtx) -> u32 {
        debug_assert!(!self.body.is_null(), "run_linked on an unlinked trace");
        (self.entry)(slots, ctx as *mut LinkCtx as *mut TraceCtx)
    }

    /// Makes exit `exit` continue in `target`'s code, or return (`None`).
    /// `target` must start where the exit resumes (it is called with that
    /// frame's function slot). With `takes_tick` the jump counts a tick
    /// ([`LINK_TAKES_TICK`]): it must, unless `target` is a side trace
    /// grown at this exit.
    ///
    /// # Safety
    /// While the link is set, `target` must stay alive: clear the link, or
    /// drop this trace first, before dropping `target`.
    pub unsafe fn link(&self, exit: usize, target: Option<&CompiledTrace>, takes_tick: bool) {
        if let Some(slot) = self.links.get(exit) {
            let addr = target.map_or(0, |t| {
                // Bodies are aligned: the low bits are free for the tags.
                debug_assert_eq!(t.body as usize & LINK_TAGS, 0);
                let frames = if t.shift != 0 { LINK_NEEDS_FRAMES } else { 0 };
                let tick = if takes_tick { LINK_TAKES_TICK } else { 0 };
                t.body as usize | frames | tick
            });
            slot.store(addr, Ordering::Relaxed);
        }
    }

    /// Whether exit `exit` continues in another trace.
    pub fn is_linked(&self, exit: usize) -> bool {
        self.links.get(exit).is_some_and(|s| s.load(Ordering::Relaxed) != 0)
    }
}

impl Drop for CompiledTrace {
    fn drop(&mut self) {
        if let Some(module) = self.module.take() {
            // The owner drops a trace only when no call to `entry` is
            // running and none will be made (the function pointer goes too).
            unsafe { module.free_memory() };
        }
    }
}

impl std::fmt::Debug for CompiledTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CompiledTrace({} bytes)", self.code_size)
    }
}

/// Why a trace could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// An instruction (or form of it) the backend does not compile yet;
    /// the recorder aborts the trace with this reason.
    Nyi(String),
    /// A guard with no snapshot to exit through, or a trace without any.
    NoSnapshot,
    /// The IR is not well formed for compilation (an operand without a value...).
    BadIr(String),
    /// Cranelift refused the function.
    Codegen(String),
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendError::Nyi(what) => write!(f, "NYI: {what}"),
            BackendError::NoSnapshot => write!(f, "no snapshot to exit through"),
            BackendError::BadIr(m) => write!(f, "bad IR: {m}"),
            BackendError::Codegen(m) => write!(f, "code generation failed: {m}"),
        }
    }
}

fn codegen_err(e: impl std::fmt::Display) -> BackendError {
    BackendError::Codegen(e.to_string())
}

fn flags_with(extra: &[(&str, &str)]) -> Result<settings::Flags, BackendError> {
    let mut b = settings::builder();
    for (k, v) in extra {
        b.set(k, v).map_err(codegen_err)?;
    }
    b.set("opt_level", "speed").map_err(codegen_err)?;
    b.set("is_pic", "false").map_err(codegen_err)?;
    // Cranelift's IR verifier runs on every trace in debug builds (every
    // test, the whole corpus in three tiers); release builds skip it, a
    // tenth of the compile time.
    let verify = if cfg!(debug_assertions) { "true" } else { "false" };
    b.set("enable_verifier", verify).map_err(codegen_err)?;
    Ok(settings::Flags::new(b))
}

/// The host ISA, detected once (CPU feature detection is not free).
fn host_isa() -> Result<OwnedTargetIsa, BackendError> {
    static HOST: std::sync::OnceLock<Result<OwnedTargetIsa, BackendError>> = std::sync::OnceLock::new();
    HOST.get_or_init(|| {
        let builder = cranelift_native::builder().map_err(codegen_err)?;
        // Cranelift's tail calls (linked exits) need frame pointers.
        let mut extra = vec![("preserve_frame_pointers", "true")];
        extra.extend_from_slice(define::HOST_FLAGS);
        builder.finish(flags_with(&extra)?).map_err(codegen_err)
    })
    .clone()
}

/// The trace function's signature: `(slots, ctx) -> exit number`.
fn trace_signature(isa: &dyn TargetIsa) -> Signature {
    let mut sig = Signature::new(isa.default_call_conv());
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I64));
    sig.returns.push(AbiParam::new(types::I32));
    sig
}

/// Compiles `ir` for the host: every exit returns its snapshot's index.
pub fn compile(ir: &Ir) -> Result<CompiledTrace, BackendError> {
    let isa = host_isa()?;
    let mut module = JITModule::new(JITBuilder::with_isa(isa.clone(), default_libcall_names()));
    let mut ctx = module.make_context();
    ctx.func.signature = trace_signature(&*isa);
    ctx.func.name = UserFuncName::testcase("trace");
    lower::lower(ir, &mut ctx.func, &*isa, None)?;
    ctx.set_disasm(true);
    let id = module.declare_function("trace", Linkage::Local, &ctx.func.signature).map_err(codegen_err)?;
    let define::Defined { code, code_size, listing } = define::define_function(&mut module, id, &mut ctx)?;
    module.clear_context(&mut ctx);
    module.finalize_definitions().map_err(codegen_err)?;
    let ptr = module.get_finalized_function(id);
    // The function was built with `trace_signature`, the C ABI of the host,
    // and its memory is now executable and lives as long as `module`.
    let entry = unsafe { std::mem::transmute::<*const u8, TraceEntry>(ptr) };
    Ok(CompiledTrace {
        entry,
        code_size,
        body: std::ptr::null(),
        links: Box::new([]),
        shift: 0,
        code,
        listing,
        module: Some(module),
    })
}

/// Compiles `ir` for the host as a linked trace reporting `id`, whose
/// slot 0 lies `shift` slots below its entry frame's function slot (see
/// the exit protocol in README.md): the body uses the `tail` calling
/// convention so exits can tail-call other traces' bodies, and `entry` is
/// a C-ABI wrapper calling the body, made in the same module. With
/// `listing`, Cranelift's listing of the body is kept for [`disassemble`]
/// (making it is a sixth of the compile time).
pub fn compile_linked(ir: &Ir, id: u32, shift: u16, listing: bool) -> Result<CompiledTrace, BackendError> {
    let isa = host_isa()?;
    let links: Box<[AtomicUsize]> = (0..ir.snaps.len()).map(|_| AtomicUsize::new(0)).collect();
    let linking = ExitLinking { table: links.as_ptr() as usize, id, shift };
    let mut module = JITModule::new(JITBuilder::with_isa(isa.clone(), default_libcall_names()));
    let mut ctx = module.make_context();
    let mut body_sig = trace_signature(&*isa);
    body_sig.call_conv = CallConv::Tail;
    ctx.func.signature = body_sig.clone();
    ctx.func.name = UserFuncName::testcase("trace");
    lower::lower(ir, &mut ctx.func, &*isa, Some(linking))?;
    ctx.set_disasm(listing);
    // Named by id: cranelift-jit's perf map then tells `perf` which trace
    // a sample fell in.
    let body_id = module.declare_function(&format!("trace{id}"), Linkage::Local, &body_sig).map_err(codegen_err)?;
    let define::Defined { code, code_size, listing } = define::define_function(&mut module, body_id, &mut ctx)?;
    module.clear_context(&mut ctx);

    // The wrapper: `entry(slots, ctx) = body(slots, ctx)`, C ABI outside.
    ctx.func.signature = trace_signature(&*isa);
    ctx.func.name = UserFuncName::testcase("entry");
    {
        let body_ref = module.declare_func_in_func(body_id, &mut ctx.func);
        let mut fctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let params = b.block_params(blk).to_vec();
        let call = b.ins().call(body_ref, &params);
        let exit = b.inst_results(call)[0];
        b.ins().return_(&[exit]);
        b.seal_all_blocks();
        b.finalize(isa.frontend_config());
    }
    let entry_id = module.declare_function("entry", Linkage::Local, &ctx.func.signature).map_err(codegen_err)?;
    define::define_function(&mut module, entry_id, &mut ctx)?;
    module.clear_context(&mut ctx);
    module.finalize_definitions().map_err(codegen_err)?;
    let body = module.get_finalized_function(body_id);
    let ptr = module.get_finalized_function(entry_id);
    // The wrapper was built with `trace_signature`, the C ABI of the host,
    // and its memory is now executable and lives as long as `module`.
    let entry = unsafe { std::mem::transmute::<*const u8, TraceEntry>(ptr) };
    Ok(CompiledTrace { entry, code_size, body, links, shift, code, listing, module: Some(module) })
}

/// A listing of the trace's machine code: Cranelift's instruction listing,
/// then the bytes in hex.
pub fn disassemble(t: &CompiledTrace) -> String {
    let mut out = String::new();
    if let Some(l) = &t.listing {
        out.push_str(l);
        if !l.ends_with('\n') {
            out.push('\n');
        }
    }
    for (i, chunk) in t.code.chunks(16).enumerate() {
        let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        out.push_str(&format!("{:06x}  {}\n", i * 16, hex.join(" ")));
    }
    out
}

/// Code for AArch64, as bytes, after the store-pair pass.
pub struct Aarch64Code {
    /// The code after the pass (helpers are called through addresses in
    /// registers, so there are no relocations).
    pub code: Vec<u8>,
    /// The code as Cranelift emitted it.
    pub original: Vec<u8>,
    /// What the store-pair pass merged.
    pub merges: Vec<crate::arm64::Merge>,
}

/// Compiles `ir` for AArch64 (Linux calling convention) without running it,
/// then merges neighbouring stores with the `arm64` store-pair pass.
pub fn compile_for_aarch64(ir: &Ir) -> Result<Aarch64Code, BackendError> {
    let isa = cranelift_codegen::isa::lookup_by_name("aarch64-unknown-linux-gnu")
        .map_err(codegen_err)?
        .finish(flags_with(&[("machine_code_cfg_info", "true")])?)
        .map_err(codegen_err)?;
    let mut ctx = Context::new();
    ctx.func.signature = trace_signature(&*isa);
    ctx.func.name = UserFuncName::testcase("trace");
    lower::lower(ir, &mut ctx.func, &*isa, None)?;
    let compiled =
        ctx.compile(&*isa, &mut Default::default()).map_err(|e| BackendError::Codegen(format!("{:?}", e.inner)))?;
    if !compiled.buffer.relocs().is_empty() {
        return Err(BackendError::Codegen("unexpected relocations in AArch64 code".into()));
    }
    let original = compiled.code_buffer().to_vec();
    // Block starts are branch targets the pass must not merge across.
    let targets: Vec<usize> = compiled.bb_starts.iter().map(|&o| o as usize).collect();
    let mut code = original.clone();
    let merges = crate::arm64::merge_pairs(&mut code, &targets);
    Ok(Aarch64Code { code, original, merges })
}

#[cfg(test)]
mod link_tests {
    use super::*;
    use crate::opt::OptFlags;
    use neap_vm::Value;

    /// A trace that adds `k` to slot 2 (an exit-0 guard that it holds a
    /// number), leaving through snapshot 1.
    fn add_trace(k: f64, id: u32) -> CompiledTrace {
        let text = format!(
            "....        SNAP   #0   [ ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002    num ADD    0001  {k:+.1}
....        SNAP   #1   [ ---- ---- 0002 ] @1
"
        );
        let ir = Ir::parse(&text, OptFlags::none()).unwrap_or_else(|e| panic!("{e}\n{text}"));
        compile_linked(&ir, id, 0, true).unwrap()
    }

    /// Runs `t` on slot 2 = `x` with `ticks`: (slot 2, exit, ctx).
    fn run(t: &CompiledTrace, x: f64, ticks: i32) -> (f64, u32, u32, u64, i32) {
        let mut ticks = ticks;
        let mut slots = [0, 0, Value::number(x).bits()];
        let mut ctx = LinkCtx::new(&mut ticks, std::ptr::null_mut());
        // The slots cover every slot both test traces name.
        let exit = unsafe { t.run_linked(slots.as_mut_ptr(), &mut ctx) };
        (f64::from_bits(slots[2]), exit, ctx.exit_trace, ctx.links, ticks)
    }

    #[test]
    fn a_linked_exit_continues_in_the_target_and_reports_its_exit() {
        let a = add_trace(1.0, 7);
        let b = add_trace(10.0, 9);
        assert_eq!(run(&a, 1.0, 5), (2.0, 1, 7, 0, 5));
        // `b` outlives the link: it is cleared below, before either drops.
        unsafe { a.link(1, Some(&b), true) };
        assert!(a.is_linked(1) && !a.is_linked(0));
        assert_eq!(run(&a, 1.0, 5), (12.0, 1, 9, 1, 4));
        // No tick left: the exit returns instead of jumping.
        assert_eq!(run(&a, 1.0, 0), (2.0, 1, 7, 0, -1));
        // A jump to a side trace takes no tick, even with none left.
        unsafe { a.link(1, Some(&b), false) };
        assert_eq!(run(&a, 1.0, 0), (12.0, 1, 9, 1, 0));
        // A trace linked to itself runs until the ticks run out.
        unsafe { b.link(1, Some(&b), true) };
        assert_eq!(run(&b, 0.0, 3), (40.0, 1, 9, 3, -1));
        unsafe { a.link(1, None, true) };
        assert_eq!(run(&a, 1.0, 5), (2.0, 1, 7, 0, 5));
    }
}

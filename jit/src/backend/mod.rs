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
use cranelift_codegen::ir::{types, AbiParam, Signature, UserFuncName};
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};

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

/// A compiled trace: `slots` points at snapshot slot 0 (the trace frame's
/// function slot); returns the index of the snapshot it exited through,
/// after writing that snapshot's slots back as boxed values.
pub type TraceEntry = unsafe extern "C" fn(slots: *mut u64, ctx: *mut TraceCtx) -> u32;

/// Machine code for one trace, alive as long as this value.
pub struct CompiledTrace {
    pub entry: TraceEntry,
    pub code_size: usize,
    /// A copy of the code bytes, for [`disassemble`].
    code: Vec<u8>,
    /// Cranelift's listing of the emitted instructions.
    listing: Option<String>,
    /// Owns the executable memory; freed on drop.
    module: Option<JITModule>,
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
    Ok(settings::Flags::new(b))
}

/// The host ISA, detected once (CPU feature detection is not free).
fn host_isa() -> Result<OwnedTargetIsa, BackendError> {
    static HOST: std::sync::OnceLock<Result<OwnedTargetIsa, BackendError>> = std::sync::OnceLock::new();
    HOST.get_or_init(|| {
        let builder = cranelift_native::builder().map_err(codegen_err)?;
        builder.finish(flags_with(define::HOST_FLAGS)?).map_err(codegen_err)
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

/// Compiles `ir` for the host.
pub fn compile(ir: &Ir) -> Result<CompiledTrace, BackendError> {
    let isa = host_isa()?;
    let mut module = JITModule::new(JITBuilder::with_isa(isa.clone(), default_libcall_names()));
    let mut ctx = module.make_context();
    ctx.func.signature = trace_signature(&*isa);
    ctx.func.name = UserFuncName::testcase("trace");
    lower::lower(ir, &mut ctx.func, &*isa)?;
    ctx.set_disasm(true);
    let id = module.declare_function("trace", Linkage::Local, &ctx.func.signature).map_err(codegen_err)?;
    let define::Defined { code, code_size, listing } = define::define_function(&mut module, id, &mut ctx)?;
    module.clear_context(&mut ctx);
    module.finalize_definitions().map_err(codegen_err)?;
    let ptr = module.get_finalized_function(id);
    // The function was built with `trace_signature`, the C ABI of the host,
    // and its memory is now executable and lives as long as `module`.
    let entry = unsafe { std::mem::transmute::<*const u8, TraceEntry>(ptr) };
    Ok(CompiledTrace { entry, code_size, code, listing, module: Some(module) })
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
    lower::lower(ir, &mut ctx.func, &*isa)?;
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

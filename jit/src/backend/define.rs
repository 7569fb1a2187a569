//! Defining a function in the JIT module: Cranelift compiles it to bytes and
//! relocations, the bytes are (on an AArch64 host) rewritten by the
//! store-pair pass, and the module receives them with
//! `JITModule::define_function_bytes`. Every function the backend runs goes
//! through [`define_function`], so traces compiled on an AArch64 host run
//! merged, exactly as the code `compile_for_aarch64` produces.
//!
//! On other hosts the bytes go to the module untouched: the same bytes,
//! relocations and alignment `JITModule::define_function` would install.

use super::{codegen_err, BackendError};
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::Context;
use cranelift_jit::JITModule;
use cranelift_module::{FuncId, Module, ModuleError, ModuleReloc};

/// Cranelift settings the host ISA needs for [`define_function`]: on
/// AArch64, the block layout (`bb_starts`), whose starts the pass must not
/// merge across. The setting only records offsets; the code is the same.
#[cfg(target_arch = "aarch64")]
pub(super) const HOST_FLAGS: &[(&str, &str)] = &[("machine_code_cfg_info", "true")];
#[cfg(not(target_arch = "aarch64"))]
pub(super) const HOST_FLAGS: &[(&str, &str)] = &[];

/// What [`define_function`] installed.
pub(super) struct Defined {
    /// The bytes the module holds (after the pass on AArch64).
    pub code: Vec<u8>,
    pub code_size: usize,
    /// Cranelift's listing; on AArch64 followed by the code after the pass,
    /// merged pairs marked (what `-jdump` shows).
    pub listing: Option<String>,
}

/// Compiles the function in `ctx` and defines it as `id` in `module`. The
/// caller finalizes the module as usual; `ctx` keeps Cranelift's compiled
/// code (before the pass) until it is cleared.
pub(super) fn define_function(module: &mut JITModule, id: FuncId, ctx: &mut Context) -> Result<Defined, BackendError> {
    // Compile errors read as they did through `JITModule::define_function`.
    let as_module_error = |e: ModuleError| BackendError::Codegen(format!("{e:?}"));
    ctx.compile(module.isa(), &mut Default::default()).map_err(|e| as_module_error(e.into()))?;
    let compiled = ctx.compiled_code().ok_or_else(|| codegen_err("no code"))?;
    let alignment = u64::from(compiled.buffer.alignment);
    let code_size = compiled.code_info().total_size as usize;
    let relocs: Vec<ModuleReloc> =
        compiled.buffer.relocs().iter().map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, id)).collect();
    let mut code = compiled.code_buffer().to_vec();
    let mut listing = compiled.vcode.clone();
    if cfg!(target_arch = "aarch64") {
        let barriers = pass_barriers(&compiled.bb_starts, &relocs, code.len())?;
        let merges = crate::arm64::merge_pairs(&mut code, &barriers);
        // Only where a listing was asked for (`Context::set_disasm`).
        if let Some(mut text) = listing.take() {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!("; host code after the store-pair pass: {} pairs merged\n", merges.len()));
            text.push_str(&crate::arm64::listing::listing(&code, &merges));
            listing = Some(text);
        }
    }
    module.define_function_bytes(id, alignment, &code, &relocs).map_err(as_module_error)?;
    Ok(Defined { code, code_size, listing })
}

/// Byte offsets the store-pair pass must treat as branch targets besides
/// those the code shows: every block start, and every word a relocation
/// patches (a patched word must stay the single instruction or datum it is).
fn pass_barriers(bb_starts: &[u32], relocs: &[ModuleReloc], code_len: usize) -> Result<Vec<usize>, BackendError> {
    if bb_starts.is_empty() && code_len > 0 {
        // Without the block layout the pass could merge across a block start
        // reached only indirectly; refuse rather than risk it.
        return Err(codegen_err("the host ISA lacks machine_code_cfg_info (HOST_FLAGS)"));
    }
    let mut barriers: Vec<usize> = bb_starts.iter().map(|&o| o as usize).collect();
    for reloc in relocs {
        let start = reloc.offset as usize & !3;
        let end = reloc.offset as usize + reloc_size(reloc.kind);
        barriers.extend((start..end).step_by(4));
    }
    Ok(barriers)
}

/// Bytes a relocation patches (at most 8; 4 for every instruction field).
fn reloc_size(kind: Reloc) -> usize {
    match kind {
        Reloc::Abs8 => 8,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_module::ModuleRelocTarget;

    fn reloc(offset: u32, kind: Reloc) -> ModuleReloc {
        ModuleReloc {
            offset,
            kind,
            name: ModuleRelocTarget::KnownSymbol(cranelift_codegen::ir::KnownSymbol::ElfGlobalOffsetTable),
            addend: 0,
        }
    }

    #[test]
    fn every_patched_word_and_block_start_is_a_barrier() {
        let relocs = [reloc(8, Reloc::Arm64Call), reloc(20, Reloc::Abs8)];
        let barriers = pass_barriers(&[0, 40], &relocs, 64).unwrap();
        assert_eq!(barriers, vec![0, 40, 8, 20, 24]);
    }

    #[test]
    fn code_without_block_layout_is_refused() {
        assert!(pass_barriers(&[], &[], 16).is_err());
        assert_eq!(pass_barriers(&[], &[], 0).unwrap(), Vec::<usize>::new());
    }

    #[test]
    fn a_function_defined_from_bytes_runs() {
        // The whole `compile` path goes through `define_function`; a trace
        // that runs is the end-to-end check (backend/tests.rs has many).
        use crate::ir::Ir;
        use crate::opt::OptFlags;
        let text = "....        SNAP   #0   [ ---- ---- ---- ] @0
0001 >  num SLOAD  #2    T
0002    num ADD    0001  +1.0
....        SNAP   #1   [ ---- ---- 0002 ] @1
";
        let ir = Ir::parse(text, OptFlags::none()).unwrap();
        let t = super::super::compile(&ir).unwrap();
        let mut slots = [0u64, 0, 2.0f64.to_bits()];
        let mut ticks = 10;
        let mut ctx = super::super::TraceCtx { ticks: &mut ticks, vm: std::ptr::null_mut() };
        // The trace reads and writes slot 2 only; `ctx` is valid for the call.
        let exit = unsafe { (t.entry)(slots.as_mut_ptr(), &mut ctx) };
        assert_eq!((exit, f64::from_bits(slots[2])), (1, 3.0));
    }
}

//! IR to CLIF. One pass over the instructions in order: the pre-roll, then
//! (for a loop trace) a loop header block whose parameters are the PHIs, the
//! body, and the back-edge. Every guard branches to a cold exit block that
//! writes its snapshot back into the slots and returns the snapshot's index
//! (or, for a linked trace, may continue in the trace its link slot names).

use super::calls::CALLS;
use super::{
    BackendError, ExitLinking, CTX_TICKS, CTX_VM, LINK_CTX_EXIT_TRACE, LINK_CTX_FRAME_EXITS, LINK_CTX_FRAME_EXITS_LEN,
    LINK_CTX_LINKS, LINK_NEEDS_FRAMES, LINK_TAGS, LINK_TAKES_TICK, MAX_FRAME_EXITS,
};
use crate::ir::ops::*;
use crate::ir::{Ins, Ir, IrType, Op, Ref, BIAS};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockArg, Function, InstBuilder, MemFlagsData, SigRef, Signature, Type, Value,
};
use cranelift_codegen::isa::TargetIsa;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use neap_vm::layout;
use std::collections::HashMap;

/// 2^52 + 2^51: `bit.tobit`'s rounding constant (see `neap_vm::bitop`).
const TOBIT_BIAS: f64 = 6755399441055744.0;
/// Bits of -0.0.
const NEG_ZERO_BITS: i64 = i64::MIN;

type Res<T> = Result<T, BackendError>;

fn nyi(what: impl Into<String>) -> BackendError {
    BackendError::Nyi(what.into())
}

fn bad(what: impl Into<String>) -> BackendError {
    BackendError::BadIr(what.into())
}

/// The CLIF type of an IR value, or None for nil/false/true (the type is
/// the value).
fn clif_type(ty: IrType) -> Res<Option<Type>> {
    Ok(match ty {
        IrType::Nil | IrType::False | IrType::True => None,
        IrType::Num => Some(types::F64),
        IrType::Int | IrType::U32 => Some(types::I32),
        IrType::I64 | IrType::U64 | IrType::P64 => Some(types::I64),
        IrType::LightUd
        | IrType::Str
        | IrType::Upval
        | IrType::Thread
        | IrType::Proto
        | IrType::Func
        | IrType::Tab
        | IrType::Udata => Some(types::I64),
        t => return Err(nyi(format!("type {}", t.name()))),
    })
}

/// The NaN-boxed tag bits of a non-number value type: `(0x1ffff - tag) << 47`.
fn tag_bits(ty: IrType) -> u64 {
    (0x1ffff - ty as u64) << layout::TAG_SHIFT
}

/// Where a boxed value to store comes from.
#[derive(Clone, Copy)]
enum Src {
    /// Known bits (constants, nil/false/true).
    Bits(u64),
    /// An unboxed value of this type.
    Reg(IrType, Value),
}

/// An exit block to fill once the trace's code is done.
struct PendingExit {
    block: Block,
    snap: usize,
    stores: Vec<(u16, Src)>,
}

/// A value of the trace, as the lowering knows it.
#[derive(Clone, Copy)]
enum Val {
    /// In a CLIF value (unboxed: double, int32, or a pointer payload).
    Reg(Value),
    /// nil, false or true: the IR type says which.
    Pri,
}

struct Lowerer<'a, 'f> {
    ir: &'a Ir,
    b: FunctionBuilder<'f>,
    call_conv: cranelift_codegen::isa::CallConv,
    /// Value of each instruction (index: reference - BIAS); PHI left-hand
    /// sides are rebound to the loop header's parameters.
    vals: Vec<Option<Val>>,
    slots: Value,
    ctx: Value,
    /// 0 in the pre-roll, 1 in the loop body: values of PHI references differ.
    region: u8,
    /// Exit blocks by (snapshot, region).
    exits: HashMap<(usize, u8), Block>,
    pending: Vec<PendingExit>,
    /// For a linked trace: its link table and id, and the signature of the
    /// trace bodies its exits tail-call.
    linking: Option<(ExitLinking, SigRef)>,
    /// A loop trace counts its back-edges in a register: the VM's tick
    /// counter (pointer, and the variable holding its value) is read at
    /// entry and written back before every exit and helper call (helpers
    /// may allocate, and an allocation that makes a collection due zeroes
    /// the counter in memory).
    ticks: Option<(Value, Variable)>,
    /// Doubles unboxed from loaded bits, with those bits: storing one
    /// again stores the bits it came from (no round trip through a
    /// float register).
    loaded_bits: HashMap<Value, Value>,
}

/// Lowers `ir` into `func`, whose signature is `(slots, ctx) -> u32`. With
/// `linking`, `func` uses the `tail` calling convention, `ctx` points at a
/// [`super::LinkCtx`], and each exit continues in the trace its link slot
/// names, if any (see README.md, exit protocol).
pub fn lower(ir: &Ir, func: &mut Function, isa: &dyn TargetIsa, linking: Option<ExitLinking>) -> Res<()> {
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(func, &mut fctx);
    let linking = linking.map(|l| {
        let sig = b.func.signature.clone();
        (l, b.import_signature(sig))
    });
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let mut params = b.block_params(entry).to_vec();
    if let Some((l, _)) = &linking {
        // A linked trace is called with its entry frame's function slot;
        // its slot 0 lies `shift` slots below.
        if l.shift != 0 {
            params[0] = b.ins().iadd_imm_s(params[0], -8 * i64::from(l.shift));
        }
    }
    let mut l = Lowerer {
        ir,
        b,
        call_conv: isa.default_call_conv(),
        vals: vec![None; (ir.top().0 - BIAS) as usize],
        slots: params[0],
        ctx: params[1],
        region: 0,
        exits: HashMap::new(),
        pending: Vec::new(),
        linking,
        ticks: None,
        loaded_bits: HashMap::new(),
    };
    l.run()?;
    l.emit_exits()?;
    l.b.seal_all_blocks();
    l.b.finalize(isa.frontend_config());
    Ok(())
}

impl Lowerer<'_, '_> {
    fn run(&mut self) -> Res<()> {
        if self.ir.snaps.is_empty() {
            return Err(BackendError::NoSnapshot);
        }
        let loop_at = self.ir.ins_refs().find(|&r| self.ir.get(r).op == Op::LOOP);
        if loop_at.is_some() {
            let mem = MemFlagsData::trusted();
            let ptr = self.b.ins().load(types::I64, mem, self.ctx, CTX_TICKS);
            let var = self.b.declare_var(types::I32);
            let ticks = self.b.ins().load(types::I32, mem, ptr, 0);
            self.b.def_var(var, ticks);
            self.ticks = Some((ptr, var));
        }
        let mut header = None;
        let mut phis = Vec::new();
        for r in self.ir.ins_refs() {
            if Some(r) == loop_at {
                phis = self.loop_phis(r)?;
                header = Some(self.enter_loop(&phis)?);
                continue;
            }
            self.lower_ins(r)?;
        }
        let last = self.ir.snaps.len() - 1;
        match header {
            None => {
                // A trace that ends without looping leaves through its last snapshot.
                let exit = self.exit_block(last, self.ir.top())?;
                self.b.ins().jump(exit, &[]);
            }
            Some(header) => {
                // The back-edge: count a tick, leave through the last
                // snapshot when they ran out, else go round with the PHIs.
                let args: Vec<BlockArg> = phis
                    .iter()
                    .map(|&(left, right)| self.phi_arg(left, right))
                    .collect::<Res<Vec<_>>>()?
                    .into_iter()
                    .flatten()
                    .collect();
                let (_, var) = self.ticks.ok_or_else(|| bad("loop without tick counter"))?;
                let ticks = self.b.use_var(var);
                let ticks = self.b.ins().iadd_imm_s(ticks, -1);
                self.b.def_var(var, ticks);
                let out = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, ticks, 0);
                let exit = self.exit_block(last, self.ir.top())?;
                self.b.ins().brif(out, exit, &[], header, &args);
            }
        }
        Ok(())
    }

    /// The (left, right) pairs of the loop's PHIs.
    fn loop_phis(&self, loop_at: Ref) -> Res<Vec<(Ref, Ref)>> {
        let mut phis = Vec::new();
        for r in self.ir.ins_refs().filter(|&r| r > loop_at) {
            let ins = self.ir.get(r);
            if ins.op == Op::PHI {
                if ins.a().is_const() || ins.a() >= loop_at {
                    return Err(bad(format!("PHI {:04} joins no pre-roll value", r.number())));
                }
                phis.push((ins.a(), ins.b()));
            }
        }
        Ok(phis)
    }

    /// Ends the pre-roll: jumps to a new loop header whose parameters carry
    /// the PHIs, and rebinds the PHIs' left-hand sides to them.
    fn enter_loop(&mut self, phis: &[(Ref, Ref)]) -> Res<Block> {
        let header = self.b.create_block();
        let mut args = Vec::new();
        for &(left, _) in phis {
            if let Val::Reg(v) = self.val(left)? {
                let ty = self.b.func.dfg.value_type(v);
                let p = self.b.append_block_param(header, ty);
                args.push(BlockArg::Value(v));
                self.vals[(left.0 - BIAS) as usize] = Some(Val::Reg(p));
            }
        }
        self.b.ins().jump(header, &args);
        self.b.switch_to_block(header);
        self.region = 1;
        Ok(header)
    }

    /// The back-edge argument for one PHI (none for nil/false/true values).
    fn phi_arg(&mut self, left: Ref, right: Ref) -> Res<Option<BlockArg>> {
        let Val::Reg(l) = self.val(left)? else { return Ok(None) };
        let want = self.b.func.dfg.value_type(l);
        match self.val(right)? {
            Val::Reg(v) if self.b.func.dfg.value_type(v) == want => Ok(Some(BlockArg::Value(v))),
            _ => Err(bad(format!("PHI {:04} {:04}: types differ", left.number(), right.number()))),
        }
    }

    /// The value of a reference: constants are materialised where used.
    fn val(&mut self, r: Ref) -> Res<Val> {
        if !r.is_const() {
            return self
                .vals
                .get((r.0 - BIAS) as usize)
                .copied()
                .flatten()
                .ok_or_else(|| bad(format!("{:04} is used but has no value", r.number())));
        }
        let k = *self.ins_at(r)?;
        Ok(match k.op {
            Op::KPRI => Val::Pri,
            Op::KINT => Val::Reg(self.b.ins().iconst(types::I32, self.ir.int_of(r).unwrap_or(0) as u32 as i64)),
            Op::KNUM => Val::Reg(self.b.ins().f64const(self.ir.num_of(r).unwrap_or(0.0))),
            Op::KINT64 | Op::KPTR => Val::Reg(self.b.ins().iconst(types::I64, self.ir.u64_of(r).unwrap_or(0) as i64)),
            Op::KGC => {
                let addr = self.ir.gc_of(r).map_or(0, |g| g.addr);
                Val::Reg(self.b.ins().iconst(types::I64, addr as i64))
            }
            op => return Err(bad(format!("constant with opcode {}", op.name()))),
        })
    }

    /// `r` as listings print it.
    fn describe(&self, r: Ref) -> String {
        match self.ir.try_get(r) {
            Some(_) if r.is_const() => self.ir.format_const(r),
            _ => format!("{:04}", r.number()),
        }
    }

    /// The value of `r` as a CLIF value of type `want` (an error otherwise).
    fn typed(&mut self, r: Ref, want: Type) -> Res<Value> {
        let v = self.reg(r)?;
        if self.b.func.dfg.value_type(v) == want {
            Ok(v)
        } else {
            Err(bad(format!("{} is not a {want}", self.describe(r))))
        }
    }

    /// The value of `r` in a CLIF register (an error for nil/false/true).
    fn reg(&mut self, r: Ref) -> Res<Value> {
        match self.val(r)? {
            Val::Reg(v) => Ok(v),
            Val::Pri => Err(bad(format!("{} used as a machine value", self.describe(r)))),
        }
    }

    /// The instruction or constant `r` names (an error outside the buffer).
    fn ins_at(&self, r: Ref) -> Res<&Ins> {
        self.ir.try_get(r).ok_or_else(|| bad(format!("reference {:#06x} is outside the trace", r.0)))
    }

    fn ty_of(&self, r: Ref) -> Res<IrType> {
        Ok(self.ins_at(r)?.ty)
    }

    /// Where the boxed value of `r` comes from (no code emitted yet).
    fn src_of(&mut self, r: Ref) -> Res<Src> {
        let ty = self.ty_of(r)?;
        if r.is_const() {
            return Ok(Src::Bits(self.boxed_const(r)?));
        }
        if ty.is_pri() {
            return Ok(Src::Bits(tag_bits(ty)));
        }
        let want = clif_type(ty)?.ok_or_else(|| bad("pri type with a register"))?;
        Ok(Src::Reg(ty, self.typed(r, want)?))
    }

    /// Boxes a value as a stack slot holds it.
    fn box_src(&mut self, src: Src) -> Res<Value> {
        let (ty, v) = match src {
            Src::Bits(bits) => return Ok(self.b.ins().iconst(types::I64, bits as i64)),
            Src::Reg(ty, v) => (ty, v),
        };
        Ok(match ty {
            // Arithmetic only makes canonical NaNs (see `Value::number_from_arith`).
            IrType::Num => match self.loaded_bits.get(&v) {
                Some(&bits) => bits,
                None => self.b.ins().bitcast(types::I64, MemFlagsData::new(), v),
            },
            IrType::Int => {
                let d = self.b.ins().fcvt_from_sint(types::F64, v);
                self.b.ins().bitcast(types::I64, MemFlagsData::new(), d)
            }
            IrType::LightUd | IrType::Str | IrType::Thread | IrType::Func | IrType::Tab | IrType::Udata => {
                let tag = self.b.ins().iconst(types::I64, tag_bits(ty) as i64);
                self.b.ins().bor(v, tag)
            }
            t => return Err(nyi(format!("boxing a {} value", t.name()))),
        })
    }

    /// The boxed bits of a constant.
    fn boxed_const(&self, r: Ref) -> Res<u64> {
        let k = self.ins_at(r)?;
        Ok(match k.op {
            Op::KPRI => tag_bits(k.ty),
            Op::KINT => neap_vm::Value::number(self.ir.int_of(r).unwrap_or(0) as f64).bits(),
            Op::KNUM => neap_vm::Value::number(self.ir.num_of(r).unwrap_or(0.0)).bits(),
            Op::KGC if k.ty.is_value() && !k.ty.is_pri() && k.ty != IrType::Num && k.ty != IrType::Int => {
                let addr = self.ir.gc_of(r).map_or(0, |g| g.addr);
                if addr == 0 || addr > layout::PAYLOAD_MASK {
                    return Err(bad(format!("{} has no address", self.describe(r))));
                }
                tag_bits(k.ty) | addr
            }
            _ => return Err(nyi(format!("boxing constant {}", self.describe(r)))),
        })
    }

    /// Checks a boxed value's type when `guard` is set, and unboxes it to
    /// the representation of `ty`.
    fn unbox(&mut self, bits: Value, ty: IrType, guard: bool, at: Ref) -> Res<Val> {
        match ty {
            IrType::Num | IrType::Int => {
                if guard {
                    // A number's bits lie below the first tag's: one compare.
                    let first_tag = (layout::NUMBER_HI_MAX + 1) << layout::TAG_SHIFT;
                    let ok = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, bits, first_tag as i64);
                    self.guard(ok, at)?;
                }
                let d = self.b.ins().bitcast(types::F64, MemFlagsData::new(), bits);
                if ty != IrType::Int {
                    self.loaded_bits.insert(d, bits);
                    return Ok(Val::Reg(d));
                }
                let i = self.b.ins().fcvt_to_sint_sat(types::I32, d);
                if guard {
                    // A checked load as an int: the number must be one
                    // exactly (1.5 or 2^40 exits instead of being cut).
                    let back = self.b.ins().fcvt_from_sint(types::F64, i);
                    let ok = self.b.ins().fcmp(FloatCC::Equal, back, d);
                    self.guard(ok, at)?;
                }
                Ok(Val::Reg(i))
            }
            IrType::Nil | IrType::False | IrType::True => {
                if guard {
                    let ok = self.b.ins().icmp_imm_s(IntCC::Equal, bits, tag_bits(ty) as i64);
                    self.guard(ok, at)?;
                }
                Ok(Val::Pri)
            }
            IrType::LightUd | IrType::Str | IrType::Thread | IrType::Func | IrType::Tab | IrType::Udata => {
                if guard {
                    // Without its tag, a value of this type is its payload,
                    // below 2^47; any other value is not.
                    let payload = self.b.ins().bxor_imm_u(bits, tag_bits(ty) as i64);
                    let ok = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, payload, 1i64 << layout::TAG_SHIFT);
                    self.guard(ok, at)?;
                    return Ok(Val::Reg(payload));
                }
                Ok(Val::Reg(self.b.ins().band_imm_s(bits, layout::PAYLOAD_MASK as i64)))
            }
            t => Err(nyi(format!("loading a {} value", t.name()))),
        }
    }

    /// Continues when `ok` is true, else leaves through the snapshot
    /// covering `at`.
    fn guard(&mut self, ok: Value, at: Ref) -> Res<()> {
        self.guard_on(ok, true, at)
    }

    /// A guard that leaves when `fails` is true.
    fn guard_unless(&mut self, fails: Value, at: Ref) -> Res<()> {
        self.guard_on(fails, false, at)
    }

    /// Continues when `cond` is `continues`, else leaves through the
    /// snapshot covering `at`.
    fn guard_on(&mut self, cond: Value, continues: bool, at: Ref) -> Res<()> {
        let snap = self.ir.snap_for(at).ok_or(BackendError::NoSnapshot)?;
        let exit = self.exit_block(snap, at)?;
        let cont = self.b.create_block();
        let (then, other) = if continues { (cont, exit) } else { (exit, cont) };
        self.b.ins().brif(cond, then, &[], other, &[]);
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// Leaves unconditionally (a guard known to fail); code after it is unreachable.
    fn always_exit(&mut self, at: Ref) -> Res<()> {
        let snap = self.ir.snap_for(at).ok_or(BackendError::NoSnapshot)?;
        let exit = self.exit_block(snap, at)?;
        self.b.ins().jump(exit, &[]);
        let dead = self.b.create_block();
        self.b.switch_to_block(dead);
        Ok(())
    }

    /// The block that writes snapshot `snap` back and returns its index, for
    /// a guard at `at`. Shared by the guards of one region when every value
    /// it writes is defined before the first of them. Its code is emitted at
    /// the end (the builder fills one block at a time); what it stores is
    /// fixed now.
    fn exit_block(&mut self, snap: usize, at: Ref) -> Res<Block> {
        let key = (snap, self.region);
        if let Some(&blk) = self.exits.get(&key) {
            return Ok(blk);
        }
        let entries = self.ir.snaps[snap].entries.clone();
        let mut stores = Vec::with_capacity(entries.len());
        for e in &entries {
            let src = if e.frame && self.ir.int_of(e.val).is_some() {
                // A frame link: nil on the stack; the exit handler rebuilds
                // the frame from the snapshot's return pc.
                Src::Bits(tag_bits(IrType::Nil))
            } else {
                self.src_of(e.val)?
            };
            stores.push((e.slot, src));
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.pending.push(PendingExit { block: blk, snap, stores });
        if entries.iter().all(|e| e.val.is_const() || e.val < at) {
            self.exits.insert(key, blk);
        }
        Ok(blk)
    }

    /// Emits the exit blocks.
    fn emit_exits(&mut self) -> Res<()> {
        let mem = MemFlagsData::trusted();
        for exit in std::mem::take(&mut self.pending) {
            self.b.switch_to_block(exit.block);
            self.store_ticks();
            // Increasing slot order (snapshot entries are sorted), so
            // neighbouring slots are stored back to back.
            for (slot, src) in exit.stores {
                let bits = self.box_src(src)?;
                self.b.ins().store(mem, bits, self.slots, i32::from(slot) * 8);
            }
            match self.linking {
                None => {
                    let n = self.b.ins().iconst(types::I32, exit.snap as i64);
                    self.b.ins().return_(&[n]);
                }
                Some((linking, sig)) => self.link_or_return(exit.snap, linking, sig),
            }
        }
        Ok(())
    }

    /// The end of a linked trace's exit block, after the snapshot is
    /// written: when the exit's link slot names a trace, and a tick is
    /// left, tail-call that trace on the slots of the frame the exit
    /// resumes in (after noting the exit in `ctx.frame_exits` when the exit
    /// handler must rebuild frames, if there is room); else record this
    /// trace's id in the context and return the exit's index.
    fn link_or_return(&mut self, snap: usize, linking: ExitLinking, sig: SigRef) {
        let mem = MemFlagsData::trusted();
        let ret = self.b.create_block();
        self.b.set_cold_block(ret);
        // The frame the exit resumes in. Its frames change (inlined ones
        // pushed, returned-from ones popped) unless that is still the entry
        // frame.
        let resume = self.ir.resume_slot(snap);
        let rebuilds = self.ir.innermost_frame(snap).is_some() || self.ir.snaps[snap].base != linking.shift;
        let counts = self.b.create_block();
        let tick = self.b.create_block();
        let jump = self.b.create_block();
        self.b.set_cold_block(counts);
        self.b.set_cold_block(tick);
        self.b.set_cold_block(jump);
        let slot_addr = self.b.ins().iconst(types::I64, (linking.table + 8 * snap) as i64);
        let tagged = self.b.ins().load(types::I64, mem, slot_addr, 0);
        let target = self.b.ins().band_imm_s(tagged, !(LINK_TAGS as i64));
        let linked = self.b.create_block();
        let checks_frames = self.b.create_block();
        self.b.set_cold_block(linked);
        self.b.set_cold_block(checks_frames);
        if rebuilds {
            self.b.ins().brif(tagged, linked, &[], ret, &[]);
        } else {
            // The common jump first: to a side trace (no tag) from an exit
            // that keeps its frames, one test for the tags and one for
            // the target.
            let untagged = self.b.create_block();
            self.b.set_cold_block(untagged);
            let tags = self.b.ins().band_imm_u(tagged, LINK_TAGS as i64);
            self.b.ins().brif(tags, linked, &[], untagged, &[]);
            self.b.switch_to_block(untagged);
            self.b.ins().brif(tagged, jump, &[], ret, &[]);
        }
        self.b.switch_to_block(linked);
        let needs_frames = self.b.ins().band_imm_u(tagged, LINK_NEEDS_FRAMES as i64);
        let mut noted = None;
        if rebuilds {
            // This exit changes frames: no target that checks them, and
            // room to note the exit.
            self.b.ins().brif(needs_frames, ret, &[], checks_frames, &[]);
            self.b.switch_to_block(checks_frames);
            let n = self.b.ins().load(types::I32, mem, self.ctx, LINK_CTX_FRAME_EXITS_LEN);
            let full = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, n, MAX_FRAME_EXITS as i64);
            self.b.ins().brif(full, ret, &[], counts, &[]);
            noted = Some(n);
        } else {
            // A target that checks frames only while no earlier exit's
            // frame changes are pending.
            self.b.ins().brif(needs_frames, checks_frames, &[], counts, &[]);
            self.b.switch_to_block(checks_frames);
            let n = self.b.ins().load(types::I32, mem, self.ctx, LINK_CTX_FRAME_EXITS_LEN);
            self.b.ins().brif(n, ret, &[], counts, &[]);
        }

        // A jump to a root trace's start costs a tick, as a back-edge does,
        // so chains of linked traces still come back for the periodic
        // checks; one to the side trace grown here needs none
        // (`LINK_TAKES_TICK`).
        self.b.switch_to_block(counts);
        let takes_tick = self.b.ins().band_imm_u(tagged, LINK_TAKES_TICK as i64);
        self.b.ins().brif(takes_tick, tick, &[], jump, &[]);
        self.b.switch_to_block(tick);
        let ticks_ptr = self.b.ins().load(types::I64, mem, self.ctx, CTX_TICKS);
        let ticks = self.b.ins().load(types::I32, mem, ticks_ptr, 0);
        let ticks = self.b.ins().iadd_imm_s(ticks, -1);
        self.b.ins().store(mem, ticks, ticks_ptr, 0);
        let out = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, ticks, 0);
        self.b.ins().brif(out, ret, &[], jump, &[]);

        self.b.switch_to_block(jump);
        let links = self.b.ins().load(types::I64, mem, self.ctx, LINK_CTX_LINKS);
        let links = self.b.ins().iadd_imm_s(links, 1);
        self.b.ins().store(mem, links, self.ctx, LINK_CTX_LINKS);
        if let Some(n) = noted {
            // ctx.frame_exits[n] = id << 32 | snap; n + 1.
            let n64 = self.b.ins().uextend(types::I64, n);
            let offset = self.b.ins().ishl_imm_u(n64, 3);
            let at = self.b.ins().iadd(self.ctx, offset);
            let note = self.b.ins().iconst(types::I64, ((u64::from(linking.id) << 32) | snap as u64) as i64);
            self.b.ins().store(mem, note, at, LINK_CTX_FRAME_EXITS);
            let n1 = self.b.ins().iadd_imm_s(n, 1);
            self.b.ins().store(mem, n1, self.ctx, LINK_CTX_FRAME_EXITS_LEN);
        }
        let slots = match resume {
            0 => self.slots,
            _ => self.b.ins().iadd_imm_s(self.slots, i64::from(resume) * 8),
        };
        self.b.ins().return_call_indirect(sig, target, &[slots, self.ctx]);
        self.return_exit(ret, snap, linking);
    }

    /// Fills `ret`: report this trace's id in the context, return `snap`.
    fn return_exit(&mut self, ret: Block, snap: usize, linking: ExitLinking) {
        self.b.switch_to_block(ret);
        let id = self.b.ins().iconst(types::I32, i64::from(linking.id));
        self.b.ins().store(MemFlagsData::trusted(), id, self.ctx, LINK_CTX_EXIT_TRACE);
        let n = self.b.ins().iconst(types::I32, snap as i64);
        self.b.ins().return_(&[n]);
    }

    fn set(&mut self, r: Ref, v: Val) {
        self.vals[(r.0 - BIAS) as usize] = Some(v);
    }

    fn set_reg(&mut self, r: Ref, v: Value) {
        self.set(r, Val::Reg(v));
    }

    /// Writes a loop trace's tick count back to the VM's counter.
    fn store_ticks(&mut self) {
        if let Some((ptr, var)) = self.ticks {
            let ticks = self.b.use_var(var);
            self.b.ins().store(MemFlagsData::trusted(), ticks, ptr, 0);
        }
    }

    /// Calls an `extern "C"` function by address (no relocations). The
    /// VM's tick counter is current in memory during the call and reread
    /// after it.
    fn call(&mut self, addr: usize, args: &[Value], ret: Option<Type>) -> Option<Value> {
        self.store_ticks();
        let mut sig = Signature::new(self.call_conv);
        for &a in args {
            sig.params.push(AbiParam::new(self.b.func.dfg.value_type(a)));
        }
        if let Some(t) = ret {
            sig.returns.push(AbiParam::new(t));
        }
        let sig = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(types::I64, addr as i64);
        let call = self.b.ins().call_indirect(sig, callee, args);
        let result = self.b.inst_results(call).first().copied();
        if let Some((ptr, var)) = self.ticks {
            let ticks = self.b.ins().load(types::I32, MemFlagsData::trusted(), ptr, 0);
            self.b.def_var(var, ticks);
        }
        result
    }

    fn lower_ins(&mut self, r: Ref) -> Res<()> {
        let ins = *self.ir.get(r);
        let op = ins.op;
        match op {
            Op::NOP | Op::BASE | Op::PHI | Op::USE | Op::TBAR | Op::OBAR | Op::CARG => {}
            Op::SLOAD => {
                let bits = self.b.ins().load(types::I64, MemFlagsData::trusted(), self.slots, i32::from(ins.op1) * 8);
                let guard = ins.is_guard() && ins.op2 & SLOAD_TYPECHECK != 0;
                let v = self.unbox(bits, ins.ty, guard, r)?;
                self.set(r, v);
            }
            _ if op.is_compare() => self.compare(r, &ins)?,
            Op::ABC => {
                let len = self.typed(ins.a(), types::I32)?;
                let idx = self.typed(ins.b(), types::I32)?;
                let ok = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len);
                self.guard(ok, r)?;
            }
            Op::ADD | Op::SUB | Op::MUL | Op::DIV | Op::MOD | Op::POW | Op::MIN | Op::MAX => self.binary(r, &ins)?,
            Op::NEG | Op::ABS => {
                let want = if ins.ty == IrType::Num { types::F64 } else { types::I32 };
                let x = self.typed(ins.a(), want)?;
                let v = match (op, ins.ty) {
                    (Op::NEG, IrType::Num) => self.b.ins().fneg(x),
                    (Op::ABS, IrType::Num) => self.b.ins().fabs(x),
                    (Op::NEG, IrType::Int) => self.b.ins().ineg(x),
                    // Wrapping: |INT_MIN| stays INT_MIN, as the IR's int arithmetic wraps.
                    (Op::ABS, IrType::Int) => self.b.ins().iabs(x),
                    _ => return Err(nyi(format!("{} {}", ins.ty.name(), op.name()))),
                };
                self.set_reg(r, v);
            }
            Op::FPMATH => {
                let x = self.typed(ins.a(), types::F64)?;
                let v = match ins.op2 {
                    FPM_FLOOR => self.b.ins().floor(x),
                    FPM_CEIL => self.b.ins().ceil(x),
                    FPM_TRUNC => self.b.ins().trunc(x),
                    FPM_SQRT => self.b.ins().sqrt(x),
                    m => return Err(nyi(format!("FPMATH mode {m}"))),
                };
                self.set_reg(r, v);
            }
            Op::ADDOV | Op::SUBOV | Op::MULOV => self.int_overflow(r, &ins)?,
            Op::BNOT | Op::BSWAP => {
                let x = self.int_operand(ins.a(), &ins)?;
                let v = if op == Op::BNOT { self.b.ins().bnot(x) } else { self.b.ins().bswap(x) };
                self.set_reg(r, v);
            }
            Op::BAND | Op::BOR | Op::BXOR | Op::BSHL | Op::BSHR | Op::BSAR | Op::BROL | Op::BROR => {
                let x = self.int_operand(ins.a(), &ins)?;
                let y = self.int_operand(ins.b(), &ins)?;
                // CLIF shifts and rotates take the count modulo the width, as the IR does.
                let v = match op {
                    Op::BAND => self.b.ins().band(x, y),
                    Op::BOR => self.b.ins().bor(x, y),
                    Op::BXOR => self.b.ins().bxor(x, y),
                    Op::BSHL => self.b.ins().ishl(x, y),
                    Op::BSHR => self.b.ins().ushr(x, y),
                    Op::BSAR => self.b.ins().sshr(x, y),
                    Op::BROL => self.b.ins().rotl(x, y),
                    _ => self.b.ins().rotr(x, y),
                };
                self.set_reg(r, v);
            }
            Op::CONV => self.conv(r, &ins)?,
            Op::TOBIT => {
                let x = self.typed(ins.a(), types::F64)?;
                let bias = self.b.ins().f64const(TOBIT_BIAS);
                let sum = self.b.ins().fadd(x, bias);
                let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), sum);
                let v = self.b.ins().ireduce(types::I32, bits);
                self.set_reg(r, v);
            }
            Op::FLOAD => self.fload(r, &ins)?,
            Op::AREF => {
                let arr = self.typed(ins.a(), types::I64)?;
                let v = match self.ir.int_of(ins.b()) {
                    Some(k) => self.b.ins().iadd_imm_s(arr, i64::from(k) * 8),
                    None => {
                        // The bounds check before it (ABC, unsigned) keeps
                        // the index in 0..asize: zero extension is exact,
                        // and free after a 32-bit operation.
                        let idx = self.typed(ins.b(), types::I32)?;
                        let idx = self.b.ins().uextend(types::I64, idx);
                        let off = self.b.ins().ishl_imm_u(idx, 3);
                        self.b.ins().iadd(arr, off)
                    }
                };
                self.set_reg(r, v);
            }
            Op::HREFK if self.ir.slot_pos(ins.b()).is_some() => self.hrefk_slot(r, &ins)?,
            Op::HREFK => {
                let tab = self.typed(ins.a(), types::I64)?;
                let key = self.src_of(ins.b())?;
                let key = self.box_src(key)?;
                let href = layout::table_href as unsafe extern "C" fn(_, _) -> _;
                let slot = self.call(href as usize, &[tab, key], Some(types::I64)).ok_or_else(|| bad("call"))?;
                // A key that is not in the table leaves: its slot may not exist.
                let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, slot, 0);
                self.guard(ok, r)?;
                self.set_reg(r, slot);
            }
            Op::HREF | Op::NEWREF => {
                let tab = self.typed(ins.a(), types::I64)?;
                let key = self.src_of(ins.b())?;
                let key = self.box_src(key)?;
                let slot = if op == Op::HREF {
                    // Never null: an absent key gives `layout::NIL_SLOT`.
                    let href = layout::table_href_or_nil as unsafe extern "C" fn(_, _) -> _;
                    self.call(href as usize, &[tab, key], Some(types::I64)).ok_or_else(|| bad("call"))?
                } else {
                    let newref = layout::table_newref as unsafe extern "C" fn(_, _) -> _;
                    let slot = self.call(newref as usize, &[tab, key], Some(types::I64)).ok_or_else(|| bad("call"))?;
                    // A nil or NaN key cannot be added: leave before the store.
                    let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, slot, 0);
                    self.guard(ok, r)?;
                    slot
                };
                self.set_reg(r, slot);
            }
            Op::UREFO | Op::UREFC => {
                let func = self.typed(ins.a(), types::I64)?;
                let want = match (ins.is_guard(), op) {
                    (false, _) => layout::UPVAL_ANY,
                    (true, Op::UREFO) => layout::UPVAL_OPEN,
                    _ => layout::UPVAL_CLOSED,
                };
                let n = self.b.ins().iconst(types::I32, i64::from(ins.op2));
                let want = self.b.ins().iconst(types::I32, i64::from(want));
                let uref = layout::upval_ref as unsafe extern "C" fn(_, _, _) -> _;
                let slot = self.call(uref as usize, &[func, n, want], Some(types::I64)).ok_or_else(|| bad("call"))?;
                let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, slot, 0);
                self.guard(ok, r)?;
                self.set_reg(r, slot);
            }
            Op::ALOAD | Op::HLOAD | Op::ULOAD => {
                let addr = self.typed(ins.a(), types::I64)?;
                let bits = self.b.ins().load(types::I64, MemFlagsData::trusted(), addr, 0);
                let v = self.unbox(bits, ins.ty, ins.is_guard(), r)?;
                self.set(r, v);
            }
            Op::ASTORE | Op::HSTORE | Op::USTORE => {
                let addr = self.typed(ins.a(), types::I64)?;
                let src = self.src_of(ins.b())?;
                let bits = self.box_src(src)?;
                self.b.ins().store(MemFlagsData::trusted(), bits, addr, 0);
            }
            Op::ALEN => {
                let tab = self.typed(ins.a(), types::I64)?;
                let len = layout::table_len as unsafe extern "C" fn(_) -> _;
                let v = self.call(len as usize, &[tab], Some(types::I32)).ok_or_else(|| bad("call"))?;
                self.set_reg(r, v);
            }
            Op::CALLN | Op::CALLL | Op::CALLS => self.call_helper(r, &ins)?,
            _ => return Err(nyi(op.name())),
        }
        Ok(())
    }

    /// An int operand of an int instruction.
    fn int_operand(&mut self, a: Ref, ins: &Ins) -> Res<Value> {
        if ins.ty != IrType::Int {
            return Err(nyi(format!("{} {}", ins.ty.name(), ins.op.name())));
        }
        self.typed(a, types::I32)
    }

    fn compare(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let op = ins.op;
        let (ta, tb) = (self.ty_of(ins.a())?, self.ty_of(ins.b())?);
        if ta.is_pri() || tb.is_pri() {
            // The types are the values: the outcome is known now.
            let equal = ta == tb;
            let holds = match op {
                Op::EQ => equal,
                Op::NE => !equal,
                _ => return Err(nyi(format!("{} on {}", op.name(), ta.name()))),
            };
            return if holds { Ok(()) } else { self.always_exit(r) };
        }
        let a = self.reg(ins.a())?;
        let b = self.reg(ins.b())?;
        let (at, bt) = (self.b.func.dfg.value_type(a), self.b.func.dfg.value_type(b));
        if at != bt || (ins.ty == IrType::Num) != (at == types::F64) {
            return Err(bad(format!("{:04}: operand types do not fit {}", r.number(), ins.ty.name())));
        }
        let ok = match ins.ty {
            IrType::Num => {
                // GE/GT are `not LT`/`not LE` (true when unordered); the U
                // forms are the unordered-true versions (see `num_compare`).
                let cc = match op {
                    Op::LT => FloatCC::LessThan,
                    Op::GE => FloatCC::UnorderedOrGreaterThanOrEqual,
                    Op::LE => FloatCC::LessThanOrEqual,
                    Op::GT => FloatCC::UnorderedOrGreaterThan,
                    Op::ULT => FloatCC::UnorderedOrLessThan,
                    Op::UGE => FloatCC::GreaterThanOrEqual,
                    Op::ULE => FloatCC::UnorderedOrLessThanOrEqual,
                    Op::UGT => FloatCC::GreaterThan,
                    Op::EQ => FloatCC::Equal,
                    _ => FloatCC::NotEqual,
                };
                self.b.ins().fcmp(cc, a, b)
            }
            _ => {
                let cc = match op {
                    Op::LT => IntCC::SignedLessThan,
                    Op::GE => IntCC::SignedGreaterThanOrEqual,
                    Op::LE => IntCC::SignedLessThanOrEqual,
                    Op::GT => IntCC::SignedGreaterThan,
                    Op::ULT => IntCC::UnsignedLessThan,
                    Op::UGE => IntCC::UnsignedGreaterThanOrEqual,
                    Op::ULE => IntCC::UnsignedLessThanOrEqual,
                    Op::UGT => IntCC::UnsignedGreaterThan,
                    Op::EQ => IntCC::Equal,
                    _ => IntCC::NotEqual,
                };
                self.b.ins().icmp(cc, a, b)
            }
        };
        self.guard(ok, r)
    }

    fn binary(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let want = match ins.ty {
            IrType::Num => types::F64,
            IrType::Int => types::I32,
            IrType::I64 | IrType::P64 => types::I64,
            t => return Err(nyi(format!("{} {}", t.name(), ins.op.name()))),
        };
        let a = self.typed(ins.a(), want)?;
        let b = self.typed(ins.b(), want)?;
        let v = match (ins.op, ins.ty) {
            (Op::ADD, IrType::Num) => self.b.ins().fadd(a, b),
            (Op::SUB, IrType::Num) => self.b.ins().fsub(a, b),
            (Op::MUL, IrType::Num) => self.b.ins().fmul(a, b),
            (Op::DIV, IrType::Num) => self.b.ins().fdiv(a, b),
            (Op::MOD, IrType::Num) => {
                // `lua_mod`: a - floor(a / b) * b, each step rounded on its own.
                let q = self.b.ins().fdiv(a, b);
                let f = self.b.ins().floor(q);
                let m = self.b.ins().fmul(f, b);
                self.b.ins().fsub(a, m)
            }
            (Op::POW, IrType::Num) => {
                let pow = layout::num_pow as extern "C" fn(f64, f64) -> f64;
                self.call(pow as usize, &[a, b], Some(types::F64)).ok_or_else(|| bad("call"))?
            }
            // `math.min`/`math.max`: the first operand unless the second is
            // strictly better (so a NaN second operand wins).
            (Op::MIN, IrType::Num) => {
                let keep = self.b.ins().fcmp(FloatCC::LessThan, a, b);
                self.b.ins().select(keep, a, b)
            }
            (Op::MAX, IrType::Num) => {
                let keep = self.b.ins().fcmp(FloatCC::GreaterThan, a, b);
                self.b.ins().select(keep, a, b)
            }
            (Op::ADD, IrType::Int | IrType::I64 | IrType::P64) => self.b.ins().iadd(a, b),
            (Op::SUB, IrType::Int | IrType::I64 | IrType::P64) => self.b.ins().isub(a, b),
            (Op::MUL, IrType::Int | IrType::I64) => self.b.ins().imul(a, b),
            (Op::MIN, IrType::Int) => self.b.ins().smin(a, b),
            (Op::MAX, IrType::Int) => self.b.ins().smax(a, b),
            (op, ty) => return Err(nyi(format!("{} {}", ty.name(), op.name()))),
        };
        self.set_reg(r, v);
        Ok(())
    }

    /// ADDOV/SUBOV: the 32-bit operation's overflow flag is the guard.
    /// MULOV: computed in 64 bits, the guard checks that the result is an
    /// int32 and not a number -0.
    fn int_overflow(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let a = self.int_operand(ins.a(), ins)?;
        let b = self.int_operand(ins.b(), ins)?;
        if ins.op != Op::MULOV {
            let (v, overflows) = match ins.op {
                Op::ADDOV => self.b.ins().sadd_overflow(a, b),
                _ => self.b.ins().ssub_overflow(a, b),
            };
            self.guard_unless(overflows, r)?;
            self.set_reg(r, v);
            return Ok(());
        }
        let wa = self.b.ins().sextend(types::I64, a);
        let wb = self.b.ins().sextend(types::I64, b);
        let wide = self.b.ins().imul(wa, wb);
        let v = self.b.ins().ireduce(types::I32, wide);
        let back = self.b.ins().sextend(types::I64, v);
        let fits = self.b.ins().icmp(IntCC::Equal, back, wide);
        // 0 from a negative operand is -0 as a number.
        let either = self.b.ins().bor(a, b);
        let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, either, 0);
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, v, 0);
        let minus_zero = self.b.ins().band(neg, zero);
        let not_minus_zero = self.b.ins().bxor_imm_s(minus_zero, 1);
        let ok = self.b.ins().band(fits, not_minus_zero);
        self.guard(ok, r)?;
        self.set_reg(r, v);
        Ok(())
    }

    fn conv(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let src = IrType::from_u8((ins.op2 & CONV_SRC_MASK) as u8).ok_or_else(|| bad("CONV source type"))?;
        let dst = IrType::from_u8(((ins.op2 >> CONV_DST_SHIFT) & 0x1f) as u8).ok_or_else(|| bad("CONV type"))?;
        let want = clif_type(src)?.ok_or_else(|| nyi(format!("CONV from {}", src.name())))?;
        let x = self.typed(ins.a(), want)?;
        let v = match (dst, src) {
            (IrType::Num, IrType::Int) => self.b.ins().fcvt_from_sint(types::F64, x),
            (IrType::Num, IrType::U32) => self.b.ins().fcvt_from_uint(types::F64, x),
            (IrType::Int, IrType::Num) => {
                let i = self.b.ins().fcvt_to_sint_sat(types::I32, x);
                if ins.op2 & (CONV_CHECK | CONV_INDEX) != 0 {
                    // Exact: converting back gives the number (NaN never
                    // does), and, unless it is a table key (-0 is the key
                    // 0), the number is not -0.
                    let back = self.b.ins().fcvt_from_sint(types::F64, i);
                    let mut ok = self.b.ins().fcmp(FloatCC::Equal, back, x);
                    if ins.op2 & CONV_CHECK != 0 {
                        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), x);
                        let not_minus_zero = self.b.ins().icmp_imm_s(IntCC::NotEqual, bits, NEG_ZERO_BITS);
                        ok = self.b.ins().band(ok, not_minus_zero);
                    }
                    self.guard(ok, r)?;
                }
                i
            }
            (IrType::I64, IrType::Int) => self.b.ins().sextend(types::I64, x),
            (IrType::U64, IrType::Int) | (IrType::I64 | IrType::U64, IrType::U32) => {
                self.b.ins().uextend(types::I64, x)
            }
            (IrType::Int | IrType::U32, IrType::I64 | IrType::U64) => self.b.ins().ireduce(types::I32, x),
            _ => return Err(nyi(format!("CONV {}.{}", dst.name(), src.name()))),
        };
        self.set_reg(r, v);
        Ok(())
    }

    fn fload(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let obj = self.typed(ins.a(), types::I64)?;
        let field = FIELD_NAMES.get(ins.op2 as usize).copied().unwrap_or("?");
        let (offset, word) = match field {
            "str.len" => (layout::STR_LEN, true),
            "func.env" => (layout::FUNC_ENV, false),
            "tab.meta" => (layout::TABLE_META, false),
            "tab.array" => (layout::TABLE_ARRAY, false),
            "tab.asize" => (layout::TABLE_ASIZE, true),
            f => return Err(nyi(format!("FLOAD {f}"))),
        };
        let v = self.b.ins().load(types::I64, MemFlagsData::trusted(), obj, offset as i32);
        // Lengths are usize fields; the IR reads them as int32 (or 64-bit).
        let v = if word && clif_type(ins.ty)? == Some(types::I32) { self.b.ins().ireduce(types::I32, v) } else { v };
        self.set_reg(r, v);
        Ok(())
    }

    /// `HREFK tab key@pos`: the entry at the recorded position must still
    /// hold the key (dead or not, as `layout::table_href` finds it); the
    /// result is the address of its value. No call: a moved key (the table
    /// was rehashed, the key removed and added again elsewhere) leaves.
    fn hrefk_slot(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let pos = self.ir.slot_pos(ins.b()).ok_or_else(|| bad("HREFK slot"))?;
        let key_ref = self.ir.slot_key(ins.b());
        let tab = self.typed(ins.a(), types::I64)?;
        let key = self.src_of(key_ref)?;
        let key = self.box_src(key)?;
        let mem = MemFlagsData::trusted();
        let len = self.b.ins().load(types::I64, mem, tab, layout::TABLE_NENTRIES as i32);
        let in_range = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThan, len, i64::from(pos));
        self.guard(in_range, r)?;
        let entries = self.b.ins().load(types::I64, mem, tab, layout::TABLE_ENTRIES as i32);
        let entry = self.b.ins().iadd_imm_s(entries, (usize::from(pos) * layout::ENTRY_SIZE) as i64);
        let found = self.b.ins().load(types::I64, mem, entry, 0);
        let same = self.b.ins().icmp(IntCC::Equal, found, key);
        self.guard(same, r)?;
        // The negative metamethod cache only remembers absent `__` names:
        // a store through this address may add one, as `table_href`
        // assumes of every lookup. Other keys leave the cache valid.
        let is_mm_name = self.ir.gc_of(key_ref).and_then(|g| g.bytes.as_ref()).is_some_and(|b| b.starts_with(b"__"));
        if is_mm_name {
            let zero = self.b.ins().iconst(types::I8, 0);
            self.b.ins().store(mem, zero, tab, layout::TABLE_NOMM as i32);
        }
        let slot = self.b.ins().iadd_imm_s(entry, layout::ENTRY_VALUE as i64);
        self.set_reg(r, slot);
        Ok(())
    }

    /// `CALLx args #id`: `args` is one argument or a left-leaning CARG chain.
    fn call_helper(&mut self, r: Ref, ins: &Ins) -> Res<()> {
        let info = CALLS.get(ins.op2 as usize).ok_or_else(|| nyi(format!("call #{}", ins.op2)))?;
        let mut arg_refs = Vec::new();
        let mut cur = ins.a();
        // At most as many CARGs as the helper has arguments.
        for _ in 0..info.args.len() {
            let i = self.ins_at(cur)?;
            if !cur.is_const() && i.op == Op::CARG {
                arg_refs.push(i.b());
                cur = i.a();
            } else {
                arg_refs.push(cur);
                break;
            }
        }
        arg_refs.reverse();
        if arg_refs.len() != info.args.len() {
            return Err(bad(format!("{} takes {} arguments", info.name, info.args.len())));
        }
        let mut args = Vec::new();
        for (&a, &want) in arg_refs.iter().zip(info.args) {
            let v = self.reg(a)?;
            if Some(self.b.func.dfg.value_type(v)) != clif_type(want)? {
                return Err(bad(format!("{} argument type", info.name)));
            }
            args.push(v);
        }
        if info.vm {
            let mem = MemFlagsData::trusted();
            let vm = self.b.ins().load(types::I64, mem, self.ctx, CTX_VM);
            args.insert(0, vm);
        }
        let ret = clif_type(info.ret)?;
        match self.call((info.addr)(), &args, ret) {
            Some(v) => self.set_reg(r, v),
            None => self.set(r, Val::Pri),
        }
        Ok(())
    }
}

//! The store-pair pass: merges two single-register loads or stores of
//! neighbouring memory into one `ldp`/`stp`, written where one of them was,
//! with a `nop` where the other was, so the code keeps its size and every
//! branch, relocation and code offset stays valid.
//!
//! A pair is merged only when (DESIGN.md, "The AArch64 store-pair pass"):
//! - both have the same operation, register kind (class and width) and base;
//! - their signed byte offsets, each decoded from its own form, are `o` and
//!   `o + size` (in either order) with `o` a multiple of `size` and
//!   `o / size` in -64..=63;
//! - for loads, the destinations differ and the first does not write the base;
//! - neither is a branch target, and the instructions between them access no
//!   memory, do not branch and are no branch target;
//! - one of the two can move to the other's place: the instructions between
//!   write neither the base nor the register whose value moves (the stored
//!   value, or the loaded one, which they must not read either). The pair
//!   goes where the first access was when the second can move up, else where
//!   the second was when the first can move down (Cranelift computes each
//!   stored value right before its store, so moving the first down is what
//!   usually works for stores).

use super::classify::{classify, Branch, CodeRef, Effects, RegSet, NOP};
use super::imm::SImm7Scaled;
use super::insn::{Access, MemInsn, MemOp, Pair, RegNo, Single};

/// How far past the first access the pass looks for its partner, in instructions.
const WINDOW: usize = 16;

/// One merge the pass made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// Byte offset of the pair: where the first access was, or the second.
    pub pair_at: usize,
    /// Byte offset of the other access, now a `nop`.
    pub nop_at: usize,
    /// The two accesses merged, in program order.
    pub first: Single,
    pub second: Single,
    /// What replaced them.
    pub pair: Pair,
}

/// How the pass reads the offsets it compares. Only the correct reading
/// exists outside tests; the mutation check brings back the old bug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OffsetReading {
    /// The signed byte offset each form encodes.
    Decoded,
    /// The old bug: the 9-bit field of `stur`/`ldur` taken as unsigned.
    #[cfg(test)]
    RawNineBitField,
}

/// Merges pairs in `code` (little-endian AArch64 words) in place and lists
/// the merges. `extra_branch_targets` are byte offsets of places reached by
/// means the code does not show (block labels, exit entry points); targets
/// of direct branches, `adr`, and return points after calls are found from
/// the code itself. The words they name are never rewritten nor merged
/// across, so relocation sites belong there too: a load whose offset a
/// relocation patches must stay a single load. A trailing partial word is
/// left alone.
pub fn merge_pairs(code: &mut [u8], extra_branch_targets: &[usize]) -> Vec<Merge> {
    merge_pairs_with(code, extra_branch_targets, OffsetReading::Decoded)
}

pub(crate) fn merge_pairs_with(code: &mut [u8], extra_branch_targets: &[usize], reading: OffsetReading) -> Vec<Merge> {
    let mut words: Vec<u32> = code.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    let mut effects: Vec<Effects> = words.iter().map(|&w| classify(w)).collect();
    let layout = Layout::new(&effects, extra_branch_targets);

    let mut merges = Vec::new();
    for first_index in 0..words.len() {
        let Some(first) = mergeable_single(words[first_index], &layout, first_index) else {
            continue;
        };
        let Some(second_index) = partner(&effects, &layout, first_index) else {
            continue;
        };
        let Some(second) = mergeable_single(words[second_index], &layout, second_index) else {
            continue;
        };
        let Some(pair) = pair_of(&first, &second, reading) else {
            continue;
        };
        let between = &effects[first_index + 1..second_index];
        let (pair_index, nop_index) = if may_move_across(between, &second.access()) {
            (first_index, second_index)
        } else if may_move_across(between, &first.access()) {
            (second_index, first_index)
        } else {
            continue;
        };
        words[pair_index] = pair.encode();
        words[nop_index] = NOP;
        // Later searches only look forward past both slots, but keep the
        // summaries true to the rewritten code all the same.
        effects[pair_index] = classify(words[pair_index]);
        effects[nop_index] = classify(NOP);
        merges.push(Merge { pair_at: pair_index * 4, nop_at: nop_index * 4, first, second, pair });
    }
    for (bytes, word) in code.chunks_exact_mut(4).zip(&words) {
        bytes.copy_from_slice(&word.to_le_bytes());
    }
    merges
}

/// What is known about each instruction slot from the code as a whole.
struct Layout {
    branch_target: Vec<bool>,
    data: Vec<bool>,
}

impl Layout {
    fn new(effects: &[Effects], extra_branch_targets: &[usize]) -> Layout {
        let n = effects.len();
        let mut layout = Layout { branch_target: vec![false; n], data: vec![false; n] };
        let slot = |index: usize, offset: i64| {
            let byte = index as i64 * 4 + offset;
            (0..n as i64 * 4).contains(&byte).then_some((byte / 4) as usize)
        };
        for (index, effects) in effects.iter().enumerate() {
            match effects.branch {
                Some(Branch::Direct { offset, link }) => {
                    if let Some(target) = slot(index, offset) {
                        layout.branch_target[target] = true;
                    }
                    if link && index + 1 < n {
                        layout.branch_target[index + 1] = true;
                    }
                }
                Some(Branch::Indirect { link: true }) | Some(Branch::Unknown) if index + 1 < n => {
                    layout.branch_target[index + 1] = true;
                }
                _ => {}
            }
            match effects.code_ref {
                Some(CodeRef::Address { offset }) => {
                    if let Some(target) = slot(index, offset) {
                        layout.branch_target[target] = true;
                    }
                }
                Some(CodeRef::Literal { offset, size }) => {
                    // A literal may start mid-word; mark every word it overlaps.
                    for byte in (offset..offset + i64::from(size)).step_by(4).chain([offset + i64::from(size) - 1]) {
                        if let Some(word) = slot(index, byte) {
                            layout.data[word] = true;
                        }
                    }
                }
                None => {}
            }
        }
        for &byte in extra_branch_targets {
            if byte / 4 < n {
                layout.branch_target[byte / 4] = true;
            }
        }
        layout
    }
}

fn mergeable_single(word: u32, layout: &Layout, index: usize) -> Option<Single> {
    if layout.branch_target[index] || layout.data[index] {
        return None;
    }
    match MemInsn::decode(word)? {
        MemInsn::Single(single) => Some(single),
        MemInsn::Pair(_) => None,
    }
}

/// The next instruction after `first_index` that accesses memory or might
/// branch, if it is within the window and nothing before it is a branch target
/// or data. Only that one can be the partner: anything past it would move
/// across a memory access or a branch.
fn partner(effects: &[Effects], layout: &Layout, first_index: usize) -> Option<usize> {
    let end = effects.len().min(first_index + 1 + WINDOW);
    for (index, effects) in effects.iter().enumerate().take(end).skip(first_index + 1) {
        if layout.data[index] {
            return None;
        }
        if effects.memory || effects.branch.is_some() {
            return Some(index);
        }
        if layout.branch_target[index] {
            return None;
        }
    }
    None
}

/// The register set an access names as data.
fn data_reg(access: &Access, reg: RegNo) -> RegSet {
    if access.kind.is_fp() {
        RegSet::v(reg)
    } else {
        RegSet::x_or_zr(reg)
    }
}

/// The pair replacing `first` then `second`, if the offset and register rules allow it.
fn pair_of(first: &Single, second: &Single, reading: OffsetReading) -> Option<Pair> {
    if first.op != second.op || first.kind != second.kind || first.base != second.base {
        return None;
    }
    let size = i64::from(first.kind.size());
    let (first_offset, second_offset) = (offset_as_read(first, reading), offset_as_read(second, reading));
    let (low, high) = if second_offset == first_offset + size {
        (first, second)
    } else if first_offset == second_offset + size {
        (second, first)
    } else {
        return None;
    };
    let offset = SImm7Scaled::new(offset_as_read(low, reading), first.kind.size())?;
    if first.op == MemOp::Load {
        let (a, b) = (first.access(), second.access());
        let first_writes_base = data_reg(&a, a.data).intersects(RegSet::x_or_sp(a.base));
        if a.data == b.data || first_writes_base {
            return None;
        }
    }
    Some(Pair { op: first.op, kind: first.kind, first: low.data, second: high.data, base: first.base, offset })
}

fn offset_as_read(single: &Single, reading: OffsetReading) -> i64 {
    match reading {
        OffsetReading::Decoded => single.offset.byte_offset(),
        #[cfg(test)]
        OffsetReading::RawNineBitField => match single.offset {
            super::insn::SingleOffset::Unscaled(imm) => imm.raw_unsigned_field(),
            scaled => scaled.byte_offset(),
        },
    }
}

/// Whether `moved` can be done at the other end of `between` instead: they
/// must not access memory or branch, must not change its base or the register
/// whose value it moves, and, if it loads, must not read that register.
fn may_move_across(between: &[Effects], moved: &Access) -> bool {
    let value = data_reg(moved, moved.data);
    let disturbing = RegSet::x_or_sp(moved.base).union(value);
    let observing = if moved.op == MemOp::Load { value } else { RegSet::EMPTY };
    between
        .iter()
        .all(|e| !e.memory && e.branch.is_none() && !e.writes.intersects(disturbing) && !e.reads.intersects(observing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::imm::{SImm9, UImm12Scaled};
    use crate::arm64::insn::{RegKind, SingleOffset};

    fn bytes(words: &[u32]) -> Vec<u8> {
        words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    fn words(bytes: &[u8]) -> Vec<u32> {
        bytes.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().unwrap())).collect()
    }

    fn single(op: MemOp, kind: RegKind, data: RegNo, base: RegNo, offset: i64, scaled: bool) -> u32 {
        let offset = if scaled {
            SingleOffset::Scaled(UImm12Scaled::new(offset, kind.size()).unwrap())
        } else {
            SingleOffset::Unscaled(SImm9::new(offset).unwrap())
        };
        Single { op, kind, data, base, offset }.encode()
    }

    fn str_x(data: RegNo, base: RegNo, offset: i64) -> u32 {
        single(MemOp::Store, RegKind::X, data, base, offset, true)
    }

    fn ldr_x(data: RegNo, base: RegNo, offset: i64) -> u32 {
        single(MemOp::Load, RegKind::X, data, base, offset, true)
    }

    fn run(code: &[u32], targets: &[usize]) -> (Vec<u32>, Vec<Merge>) {
        let mut blob = bytes(code);
        let merges = merge_pairs(&mut blob, targets);
        (words(&blob), merges)
    }

    #[test]
    fn adjacent_stores_merge_into_stp_and_nop() {
        let (out, merges) = run(&[str_x(1, 19, 8), str_x(2, 19, 16)], &[]);
        assert_eq!(out.len(), 2);
        assert_eq!(MemInsn::decode(out[0]).unwrap().to_string(), "stp\tx1, x2, [x19, #8]");
        assert_eq!(out[1], NOP);
        assert_eq!(merges.len(), 1);
        // Reverse order: the lower address still comes first in the pair.
        let (out, _) = run(&[str_x(2, 19, 16), str_x(1, 19, 8)], &[]);
        assert_eq!(MemInsn::decode(out[0]).unwrap().to_string(), "stp\tx1, x2, [x19, #8]");
    }

    #[test]
    fn stores_merge_across_unrelated_arithmetic() {
        let add_x3 = 0x9100_0663; // add x3, x19, #1
        let (out, merges) = run(&[str_x(1, 19, 8), add_x3, str_x(2, 19, 16)], &[]);
        assert_eq!(merges.len(), 1);
        assert_eq!(out[1], add_x3);
        assert_eq!(out[2], NOP);
        // The second store's value computed in between: the first moves down.
        let add_x2 = 0x9100_0662; // add x2, x19, #1
        let (out, merges) = run(&[str_x(1, 19, 8), add_x2, str_x(2, 19, 16)], &[]);
        assert_eq!(merges.len(), 1);
        assert_eq!((merges[0].pair_at, merges[0].nop_at), (8, 0));
        assert_eq!(out[0], NOP);
        assert_eq!(out[1], add_x2);
        assert_eq!(MemInsn::decode(out[2]).unwrap().to_string(), "stp\tx1, x2, [x19, #8]");
        // Neither can move when both values, or the base, change in between.
        let add_x1 = 0x9100_0661; // add x1, x19, #1
        let add_x19 = 0x9100_0673; // add x19, x19, #1
        for clobbers in [vec![add_x1, add_x2], vec![add_x19]] {
            let code: Vec<u32> = [str_x(1, 19, 8)].into_iter().chain(clobbers).chain([str_x(2, 19, 16)]).collect();
            assert!(run(&code, &[]).1.is_empty(), "{code:x?}");
        }
    }

    #[test]
    fn loads_keep_their_order_of_effects() {
        // ldr x1, [x19]; ldr x19, [x19, #8] is fine: the base is read once.
        let (_, merges) = run(&[ldr_x(1, 19, 0), ldr_x(19, 19, 8)], &[]);
        assert_eq!(merges.len(), 1);
        // The first load overwriting the base changes the second's address.
        let (_, merges) = run(&[ldr_x(19, 19, 0), ldr_x(1, 19, 8)], &[]);
        assert!(merges.is_empty());
        // Same destination: ldp would be unpredictable.
        let (_, merges) = run(&[ldr_x(1, 19, 0), ldr_x(1, 19, 8)], &[]);
        assert!(merges.is_empty());
        // A reader of the second destination in between would see the new value
        // if it moved up, so the first moves down instead...
        let add_x4_from_x2 = 0x9100_0444; // add x4, x2, #1
        let (_, merges) = run(&[ldr_x(1, 19, 0), add_x4_from_x2, ldr_x(2, 19, 8)], &[]);
        assert_eq!((merges[0].pair_at, merges[0].nop_at), (8, 0));
        // ... unless the first destination is read in between too.
        let add_x4_from_x1 = 0x9100_0424; // add x4, x1, #1
        let (_, merges) = run(&[ldr_x(1, 19, 0), add_x4_from_x1, add_x4_from_x2, ldr_x(2, 19, 8)], &[]);
        assert!(merges.is_empty());
        let (_, merges) = run(&[ldr_x(1, 19, 0), add_x4_from_x1, ldr_x(2, 19, 8)], &[]);
        assert_eq!((merges[0].pair_at, merges[0].nop_at), (0, 8));
    }

    #[test]
    fn never_across_memory_branches_or_targets() {
        let a = str_x(1, 19, 8);
        let b = str_x(2, 19, 16);
        let add = 0x9100_0663; // add x3, x19, #1
        let other_store = str_x(5, 20, 0);
        let branch = 0x1400_0002; // b .+8
        assert!(run(&[a, other_store, b], &[]).1.is_empty());
        assert!(run(&[a, branch, b], &[]).1.is_empty());
        assert!(run(&[a, add, b], &[4]).1.is_empty(), "target in between");
        assert!(run(&[a, b], &[0]).1.is_empty(), "first is a target");
        assert!(run(&[a, b], &[4]).1.is_empty(), "second is a target");
        // A branch elsewhere in the code that lands on the second access.
        assert!(run(&[branch, a, b], &[]).1.is_empty());
        assert!(run(&[0x1700_0000 | 0x3FFFFFF, a, b], &[]).1.len() == 1, "b .-4 lands outside");
        // Return point after a call.
        assert!(run(&[a, 0x9400_0010 /* bl */, b], &[]).1.is_empty());
        assert!(run(&[0x9400_0010, a, b], &[]).1.is_empty());
    }

    #[test]
    fn literal_data_is_never_rewritten() {
        // ldr x0, .+8 ; b .+12 ; <8 bytes of literal that decode as two stores>
        let literal_load = 0x5800_0040;
        let skip = 0x1400_0003;
        let code = [literal_load, skip, str_x(1, 19, 8), str_x(2, 19, 16)];
        let (out, merges) = run(&code, &[]);
        assert!(merges.is_empty());
        assert_eq!(out, code);
    }

    #[test]
    fn whole_trailing_bytes_are_kept() {
        let mut blob = bytes(&[str_x(1, 19, 8), str_x(2, 19, 16)]);
        blob.extend([0xAA, 0xBB]);
        assert_eq!(merge_pairs(&mut blob, &[]).len(), 1);
        assert_eq!(&blob[8..], &[0xAA, 0xBB]);
    }

    #[test]
    fn arbitrary_code_is_only_ever_changed_at_merges() {
        // Random blobs mixing handled accesses, branches, arithmetic and noise,
        // with random extra targets: the pass must not panic, must keep the
        // size, change only the two slots of each merge, and never merge at
        // or across a target it was given.
        let mut state = 0x243F_6A88_85A3_08D3u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as u32
        };
        let mut total_merges = 0;
        for _ in 0..3000 {
            let len = 1 + next(40) as usize;
            let code: Vec<u32> = (0..len)
                .map(|_| match next(12) {
                    0 => next(u32::MAX as u64),
                    1 => 0x1400_0000 | (next(16) + 0x03FF_FFF8) & 0x03FF_FFFF, // b, small offsets
                    2 => 0x9100_0000 | next(1 << 22),                          // add x, x, #imm
                    3 => NOP,
                    _ => {
                        let kind = RegKind::ALL[next(4) as usize];
                        let op = if next(2) == 0 { MemOp::Load } else { MemOp::Store };
                        let offset = i64::from(next(9)) * i64::from(kind.size()) - 16;
                        single(op, kind, next(4) as RegNo, 19 + next(2) as RegNo, offset, offset >= 0 && next(2) == 0)
                    }
                })
                .collect();
            let targets: Vec<usize> = (0..next(3)).map(|_| next(len as u64 * 4 + 8) as usize).collect();
            let mut blob = bytes(&code);
            blob.extend((0..next(4)).map(|i| i as u8));
            let tail = blob[len * 4..].to_vec();
            let merges = merge_pairs(&mut blob, &targets);
            total_merges += merges.len();
            assert_eq!(&blob[len * 4..], &tail[..]);
            let out = words(&blob[..len * 4]);
            for (index, (&before, &after)) in code.iter().zip(&out).enumerate() {
                let merged_slot = merges.iter().any(|m| m.pair_at == index * 4 || m.nop_at == index * 4);
                assert!(before == after || merged_slot, "slot {index} changed outside a merge");
            }
            for m in &merges {
                let (low, high) = (m.pair_at.min(m.nop_at), m.pair_at.max(m.nop_at));
                assert!(!targets.iter().any(|&t| t / 4 * 4 >= low && t / 4 * 4 <= high), "{m:?} spans a target");
                assert_eq!(words(&blob[m.nop_at..m.nop_at + 4])[0], NOP);
                assert_eq!(MemInsn::decode(words(&blob[m.pair_at..m.pair_at + 4])[0]), Some(MemInsn::Pair(m.pair)));
            }
        }
        assert!(total_merges > 150, "only {total_merges} merges");
    }
}

//! The pass's proofs: the regression named after the bug, the exhaustive
//! comparison with the independent model, and the mutation check showing
//! that both fail when the old raw 9-bit reading of `stur` offsets is back.

use super::classify::NOP;
use super::imm::{SImm9, UImm12Scaled};
use super::insn::{MemInsn, MemOp, RegKind, Single, SingleOffset};
use super::model::{expected_pair, Intent};
use super::pass::{merge_pairs_with, OffsetReading};

/// Offsets swept: every byte offset in this range that some form encodes.
const SWEEP: std::ops::RangeInclusive<i64> = -1024..=1024;

/// Base and data registers of the earlier and later access:
/// `(base, earlier data, later data)` or with two bases.
#[derive(Clone, Copy, Debug)]
struct Registers {
    earlier_base: u8,
    later_base: u8,
    earlier_data: u8,
    later_data: u8,
}

const fn regs(earlier_base: u8, later_base: u8, earlier_data: u8, later_data: u8) -> Registers {
    Registers { earlier_base, later_base, earlier_data, later_data }
}

const REGISTER_CASES: [Registers; 7] = [
    regs(19, 19, 0, 30),  // same base, different data
    regs(19, 20, 0, 30),  // different bases
    regs(19, 19, 5, 5),   // same data register
    regs(31, 31, 1, 2),   // SP as base
    regs(19, 19, 19, 2),  // earlier data register is the base
    regs(19, 19, 2, 19),  // later data register is the base
    regs(19, 19, 31, 31), // zero register (integer) / v31 (FP) as data twice
];

fn kind_of(intent: &Intent) -> RegKind {
    match (intent.fp, intent.bytes) {
        (false, 4) => RegKind::W,
        (false, _) => RegKind::X,
        (true, 4) => RegKind::S,
        (true, _) => RegKind::D,
    }
}

/// The word for `intent` in the unscaled (`stur`) or scaled (`str`) form, if
/// that form can encode its offset.
fn encode(intent: &Intent, unscaled: bool) -> Option<u32> {
    let kind = kind_of(intent);
    let offset = if unscaled {
        SingleOffset::Unscaled(SImm9::new(intent.offset)?)
    } else {
        SingleOffset::Scaled(UImm12Scaled::new(intent.offset, kind.size())?)
    };
    let op = if intent.load { MemOp::Load } else { MemOp::Store };
    Some(Single { op, kind, data: intent.data, base: intent.base, offset }.encode())
}

/// Every (offset, form) in the sweep that encodes, for registers of `bytes`.
fn encodable(bytes: i64) -> Vec<(i64, bool)> {
    let mut items = Vec::new();
    for offset in SWEEP {
        for unscaled in [true, false] {
            let probe = Intent { load: false, fp: false, bytes, base: 0, data: 0, offset };
            if encode(&probe, unscaled).is_some() {
                items.push((offset, unscaled));
            }
        }
    }
    items
}

/// Literal load of its own word (`ldr w9, .`): a memory access the pass
/// cannot merge and that is no branch, so it fences each tested pair off
/// from the next one in a batch.
const FENCE: u32 = 0x1800_0009;

/// Runs the pass once over many pairs, each followed by a fence, and checks
/// each pair's outcome against the model.
fn check_pairs(pairs: &[(Intent, Intent, [u32; 2])], reading: OffsetReading) -> Result<(), String> {
    let mut code = Vec::with_capacity(pairs.len() * 12);
    for (_, _, [a, b]) in pairs {
        for word in [*a, *b, FENCE] {
            code.extend_from_slice(&word.to_le_bytes());
        }
    }
    let merges = merge_pairs_with(&mut code, &[], reading);
    let mut merge_starts = merges.iter().map(|m| m.pair_at).peekable();
    for (index, (earlier, later, words)) in pairs.iter().enumerate() {
        let at = index * 12;
        let out = [at, at + 4].map(|i| u32::from_le_bytes(code[i..i + 4].try_into().unwrap()));
        let merged_here = merge_starts.next_if_eq(&at).is_some();
        check_outcome(earlier, later, *words, out, merged_here)?;
    }
    if merge_starts.next().is_some() {
        return Err("a merge not at the start of a tested pair".to_string());
    }
    Ok(())
}

/// Compares what the pass made of `words` with what the model expects.
fn check_outcome(earlier: &Intent, later: &Intent, words: [u32; 2], out: [u32; 2], merged: bool) -> Result<(), String> {
    let describe = || {
        let text = |w| MemInsn::decode(w).map_or(format!("{w:#010x}"), |i| i.to_string());
        format!("{} ; {} -> {} ; {}", text(words[0]), text(words[1]), text(out[0]), text(out[1]))
    };
    match expected_pair(earlier, later) {
        None if out == words && !merged => Ok(()),
        None => Err(format!("merged, model says no: {}", describe())),
        Some(expected) => {
            let Some(MemInsn::Pair(pair)) = MemInsn::decode(out[0]) else {
                return Err(format!("not merged, model says yes: {}", describe()));
            };
            if out[1] != NOP || !merged {
                return Err(format!("second slot not a nop: {}", describe()));
            }
            // The pair must make the same two accesses as the intents.
            let [low, high] = pair.accesses();
            let same = |access: super::insn::Access, intent: &Intent| {
                access.byte_offset == intent.offset
                    && access.base == intent.base
                    && access.data == intent.data
                    && access.kind == kind_of(intent)
                    && (access.op == MemOp::Load) == intent.load
            };
            if !same(low, &expected.lower) || !same(high, &expected.upper) || low.byte_offset != expected.start {
                return Err(format!("merged into the wrong pair: {}", describe()));
            }
            Ok(())
        }
    }
}

/// Sweeps every offset pair of one operation and register kind, in both
/// orders and every form, for each register case. Returns the number of
/// pairs checked, or the first disagreement with the model.
fn sweep_kind(load: bool, kind: RegKind, reading: OffsetReading) -> Result<u64, String> {
    let bytes = i64::from(kind.size());
    let items = encodable(bytes);
    let mut checked = 0;
    for registers in REGISTER_CASES {
        let base = Intent { load, fp: kind.is_fp(), bytes, base: 0, data: 0, offset: 0 };
        let earlier_of = |offset| Intent { base: registers.earlier_base, data: registers.earlier_data, offset, ..base };
        let later_of = |offset| Intent { base: registers.later_base, data: registers.later_data, offset, ..base };
        let laters: Vec<(Intent, u32)> = items
            .iter()
            .map(|&(offset, unscaled)| (later_of(offset), encode(&later_of(offset), unscaled).unwrap()))
            .collect();
        for &(earlier_offset, earlier_unscaled) in &items {
            let earlier = earlier_of(earlier_offset);
            let earlier_word = encode(&earlier, earlier_unscaled).unwrap();
            let row: Vec<_> = laters.iter().map(|&(later, word)| (earlier, later, [earlier_word, word])).collect();
            check_pairs(&row, reading).map_err(|e| format!("{kind:?} load={load} {registers:?}: {e}"))?;
            checked += row.len() as u64;
        }
    }
    Ok(checked)
}

/// The whole sweep, split across threads by operation and kind.
fn sweep_all(reading: OffsetReading) -> Result<u64, String> {
    std::thread::scope(|scope| {
        let jobs: Vec<_> = [false, true]
            .into_iter()
            .flat_map(|load| RegKind::ALL.map(|kind| (load, kind)))
            .map(|(load, kind)| scope.spawn(move || sweep_kind(load, kind, reading)))
            .collect();
        jobs.into_iter().map(|job| job.join().unwrap()).sum()
    })
}

/// Whether the pass leaves the bug's pair, and every pair that aliases only
/// through the 9-bit field, unmerged.
fn regression_holds(reading: OffsetReading) -> bool {
    let stur_x0 = Intent { load: false, fp: false, bytes: 8, base: 19, data: 0, offset: -16 };
    let str_x30 = Intent { data: 30, offset: 488, ..stur_x0 };
    let bug = [(stur_x0, true), (str_x30, false)];
    let mut cases = vec![bug, [bug[1], bug[0]]];
    for load in [false, true] {
        for kind in RegKind::ALL {
            let bytes = i64::from(kind.size());
            for negative in -256..=-1 {
                let unscaled = Intent { load, fp: kind.is_fp(), bytes, base: 19, data: 0, offset: negative };
                // The offsets that sit next to the field read as unsigned.
                for alias in [negative + 512 - bytes, negative + 512 + bytes] {
                    let scaled = Intent { data: 1, offset: alias, ..unscaled };
                    if encode(&scaled, false).is_some() {
                        cases.push([(unscaled, true), (scaled, false)]);
                        cases.push([(scaled, false), (unscaled, true)]);
                    }
                }
            }
        }
    }
    assert!(cases.len() > 100);
    cases.iter().all(|[(a, a_unscaled), (b, b_unscaled)]| {
        assert_eq!(expected_pair(a, b), None, "the model agrees these never merge");
        let words = [encode(a, *a_unscaled).unwrap(), encode(b, *b_unscaled).unwrap()];
        check_pairs(&[(*a, *b, words)], reading).is_ok()
    })
}

#[test]
fn regression_stur_x0_minus_16_next_to_str_x30_488_is_never_merged() {
    assert!(regression_holds(OffsetReading::Decoded));
}

#[test]
fn pass_agrees_with_the_interval_model_on_every_offset_pair() {
    let checked = sweep_all(OffsetReading::Decoded).unwrap_or_else(|e| panic!("{e}"));
    // 2 operations x 7 register cases x (769^2 W/S + 641^2 X/D pairs) x 2 kinds each.
    assert_eq!(checked, 2 * 7 * 2 * (769 * 769 + 641 * 641));
}

#[test]
fn mutation_check_old_raw_nine_bit_rule_fails_both_tests() {
    assert!(!regression_holds(OffsetReading::RawNineBitField), "the regression test cannot see the bug");
    // The old rule both merges accesses that do not touch and, reading two
    // negative offsets as large positive ones, builds pairs at the wrong place.
    let failure = sweep_kind(false, RegKind::X, OffsetReading::RawNineBitField)
        .expect_err("the exhaustive test cannot see the bug");
    assert!(failure.contains("merged"), "{failure}");
}

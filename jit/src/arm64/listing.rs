//! A text listing of AArch64 code after the pass, with merged pairs marked:
//! what `-jdump` will show for aarch64 traces and the `arm64-pair` tool
//! prints. Only the handled load/store forms, `nop` and direct branches are
//! spelled out; other words are shown as `.inst` (use objdump for those).

use super::classify::{classify, Branch, NOP};
use super::insn::MemInsn;
use super::pass::Merge;
use std::fmt::Write;

/// One line per word: byte offset, word, text, and a note on merged slots.
pub fn listing(code: &[u8], merges: &[Merge]) -> String {
    let mut out = String::new();
    for (index, bytes) in code.chunks_exact(4).enumerate() {
        let at = index * 4;
        let word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let text = if word == NOP {
            "nop".to_string()
        } else if let Some(insn) = MemInsn::decode(word) {
            insn.to_string()
        } else if let Some(Branch::Direct { offset, .. }) = classify(word).branch {
            format!(".inst\t{word:#010x}\t// branch to {:#x}", at as i64 + offset)
        } else {
            format!(".inst\t{word:#010x}")
        };
        let note = merges.iter().find_map(|m| {
            let (a, b) = (m.pair_at.min(m.nop_at), m.pair_at.max(m.nop_at));
            if m.pair_at == at {
                Some(format!("\t; merged pair ({a:#x} + {b:#x})"))
            } else if m.nop_at == at {
                Some(format!("\t; merged into {:#x}", m.pair_at))
            } else {
                None
            }
        });
        let _ = writeln!(out, "{at:6x}:\t{word:08x}\t{text}{}", note.unwrap_or_default());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm64::merge_pairs;

    #[test]
    fn merged_slots_are_marked() {
        // str x1, [x19, #8] ; str x2, [x19, #16] ; ret
        let mut code: Vec<u8> =
            [0xF900_0661u32, 0xF900_0A62, 0xD65F_03C0].iter().flat_map(|w| w.to_le_bytes()).collect();
        let merges = merge_pairs(&mut code, &[]);
        let text = listing(&code, &merges);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "     0:\ta9008a61\tstp\tx1, x2, [x19, #8]\t; merged pair (0x0 + 0x4)");
        assert_eq!(lines[1], "     4:\td503201f\tnop\t; merged into 0x0");
        assert_eq!(lines[2], "     8:\td65f03c0\t.inst\t0xd65f03c0");
    }
}

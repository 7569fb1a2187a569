//! Checks the decoder and classifier against GNU objdump for AArch64
//! (Debian's `binutils-aarch64-linux-gnu`): every form the pass reads or
//! writes must print as objdump prints it, the PC-relative targets the pass
//! relies on must match objdump's, and no word classified as touching no
//! memory may be a memory instruction to objdump. Skips loudly when the tool
//! is absent, unless NEAP_REQUIRE_ARM64_TOOLS is set (as .ci/run does after
//! installing it).

use super::classify::{classify, Branch, CodeRef};
use super::insn::MemInsn;
use std::io::Write;
use std::process::Command;

const OBJDUMP: &str = "aarch64-linux-gnu-objdump";

/// Says so on the terminal even when the test harness captures output.
pub(crate) fn skip_loudly(test: &str, why: &str) {
    if std::env::var_os("NEAP_REQUIRE_ARM64_TOOLS").is_some() {
        panic!("{test}: {why}, and NEAP_REQUIRE_ARM64_TOOLS says it must run");
    }
    let _ = writeln!(std::io::stderr(), "\n*** SKIPPED {test}: {why} ***");
}

/// Disassembles `words` with objdump: (mnemonic, operands) per word, or None
/// when the tool is missing.
fn objdump(words: &[u32]) -> Option<Vec<(String, String)>> {
    Command::new(OBJDUMP).arg("--version").output().ok()?;
    let path = std::env::temp_dir().join(format!("neap-arm64-objdump-{}-{}.bin", std::process::id(), words[0]));
    std::fs::write(&path, words.iter().flat_map(|w| w.to_le_bytes()).collect::<Vec<u8>>()).unwrap();
    let output = Command::new(OBJDUMP).args(["-D", "-b", "binary", "-m", "aarch64"]).arg(&path).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<(String, String)> = text
        .lines()
        .filter_map(|line| {
            // "   8:\ta91e827e \tstp\tx30, x0, [x19, #488]"
            let mut fields = line.trim_start().splitn(4, '\t');
            let address = fields.next()?;
            if !address.ends_with(':') || u64::from_str_radix(address.trim_end_matches(':'), 16).is_err() {
                return None;
            }
            let _hex = fields.next()?;
            let mnemonic = fields.next().unwrap_or("").trim().to_string();
            let operands = fields.next().unwrap_or("").trim().to_string();
            Some((mnemonic, operands))
        })
        .collect();
    assert_eq!(lines.len(), words.len(), "objdump listed a different number of words");
    Some(lines)
}

/// Every handled form, over all of its immediate field and a spread of registers.
fn handled_form_sweep() -> Vec<u32> {
    let mut words = Vec::new();
    // Opcode bits of str/stur/stp for W, X, S, D, and the L bit.
    let singles = [0xB900_0000u32, 0xF900_0000, 0xBD00_0000, 0xFD00_0000];
    let pairs = [0x2900_0000u32, 0xA900_0000, 0x2D00_0000, 0x6D00_0000];
    for load in [0, 1 << 22] {
        for (i, &single) in singles.iter().enumerate() {
            let regs = |n: u32| (((n * 7 + i as u32) % 32) << 5) | ((n * 13 + 3) % 32);
            for imm in 0..4096 {
                words.push(single | load | imm << 10 | regs(imm));
            }
            for imm in 0..512 {
                words.push(single & !(1 << 24) | load | imm << 12 | regs(imm));
            }
        }
        for (i, &pair) in pairs.iter().enumerate() {
            for imm in 0..128 {
                let rt2 = (imm * 5 + 1 + i as u32) % 32;
                words.push(pair | load | imm << 15 | rt2 << 10 | ((imm * 3) % 32) << 5 | ((imm * 11) % 32));
            }
        }
    }
    words
}

#[test]
fn handled_forms_print_as_objdump_prints_them() {
    let words = handled_form_sweep();
    let Some(listing) = objdump(&words) else {
        return skip_loudly("handled_forms_print_as_objdump_prints_them", &format!("{OBJDUMP} not found"));
    };
    for (word, (mnemonic, operands)) in words.iter().zip(&listing) {
        let ours = MemInsn::decode(*word).unwrap_or_else(|| panic!("{word:#010x} not decoded"));
        assert_eq!(MemInsn::decode(ours.encode()), Some(ours));
        // objdump flags unpredictable encodings (ldp with equal registers) in a comment.
        let theirs = format!("{mnemonic}\t{}", operands.split(" //").next().unwrap());
        assert_eq!(ours.to_string(), theirs, "{word:#010x}");
    }
}

/// A small deterministic generator (xorshift) for the word sweep.
fn pseudo_random_words(count: usize, mut state: u64) -> Vec<u32> {
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 16) as u32
        })
        .collect()
}

#[test]
fn classifier_agrees_with_objdump_on_branches_and_memory() {
    let mut words = pseudo_random_words(200_000, 0x9E37_79B9_7F4A_7C15);
    // Plus every direct branch form with a spread of offsets, and adr/literals.
    for imm in pseudo_random_words(2_000, 7) {
        for base in [0x1400_0000u32, 0x9400_0000] {
            words.push(base | imm & 0x03FF_FFFF);
        }
        for base in [0x5400_0000u32, 0x3400_0000, 0xB500_0000, 0x1000_0000, 0x5800_0000, 0x1C00_0000] {
            words.push(base | imm & 0x00FF_FFFF);
        }
        words.push(0x3600_0000 | imm & 0x00FF_FFFF); // tbz/tbnz (bit 24 picks which)
    }
    let Some(listing) = objdump(&words) else {
        return skip_loudly("classifier_agrees_with_objdump_on_branches_and_memory", &format!("{OBJDUMP} not found"));
    };
    let memory_mnemonics =
        ["ld", "st", "prf", "cas", "swp", "cpy", "set", "gcs", "rcw", "dc", "ic", "at", "sys", "tlbi"];
    let mut direct_checked = 0;
    for (index, (word, (mnemonic, operands))) in words.iter().zip(&listing).enumerate() {
        let pc = index as i64 * 4;
        let effects = classify(*word);
        // Undefined words (`.inst`) inside the data-processing groups are taken
        // as their group (no memory); they would trap, and the only trap
        // Cranelift emits is `udf`, in the reserved group, which is unknown.
        if !effects.memory {
            assert!(
                !memory_mnemonics.iter().any(|m| mnemonic.starts_with(m)),
                "{word:#010x} `{mnemonic} {operands}` classified as touching no memory"
            );
        }
        let target = match (effects.branch, effects.code_ref) {
            (Some(Branch::Direct { offset, .. }), _) => Some(offset),
            (None, Some(CodeRef::Address { offset })) => Some(offset),
            (_, Some(CodeRef::Literal { offset, .. })) => Some(offset),
            _ => None,
        };
        if let Some(offset) = target {
            // objdump ends the operands of a PC-relative instruction with its target.
            // (objdump may add a comment after `//`, such as an alias).
            let operands = operands.split("//").next().unwrap().trim();
            let last = operands.rsplit([' ', ',']).next().unwrap();
            let theirs = u64::from_str_radix(last.trim_start_matches("0x"), 16)
                .unwrap_or_else(|_| panic!("{word:#010x} `{mnemonic} {operands}`: no target"));
            // Targets before the blob wrap to 64-bit addresses in objdump.
            assert_eq!((pc + offset) as u64, theirs, "{word:#010x} `{mnemonic} {operands}`");
            direct_checked += 1;
        } else if effects.branch.is_none() {
            let branches = ["b", "b.", "bc.", "bl", "br", "blr", "ret", "cbz", "cbnz", "tbz", "tbnz", "eret"];
            assert!(
                !branches.contains(&mnemonic.as_str()) && !mnemonic.starts_with("b."),
                "{word:#010x} `{mnemonic} {operands}` not seen as a branch"
            );
        }
    }
    assert!(direct_checked > 10_000);
}

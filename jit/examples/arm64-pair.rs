//! Applies the AArch64 store-pair pass to a raw little-endian code blob.
//!
//! `cargo run -p neap-jit --example arm64-pair -- [--list] IN.bin OUT.bin [TARGET...]`
//! writes the merged code to OUT.bin and lists each merge. TARGETs are extra
//! branch-target byte offsets (decimal or 0x hex) that the code does not show.
//! `--list` also prints the whole code after the pass with merged slots marked.

use neap_jit::arm64::insn::MemInsn;
use neap_jit::arm64::listing::listing;
use neap_jit::arm64::merge_pairs;
use std::process::ExitCode;

fn parse_offset(text: &str) -> Option<usize> {
    match text.strip_prefix("0x") {
        Some(hex) => usize::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let list = args.iter().any(|a| a == "--list");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--list").collect();
    let [input, output, targets @ ..] = args.as_slice() else {
        return Err("usage: arm64-pair [--list] IN.bin OUT.bin [BRANCH_TARGET_OFFSET...]".to_string());
    };
    let targets = targets
        .iter()
        .map(|t| parse_offset(t).ok_or_else(|| format!("bad branch target offset `{t}`")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut code = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    if code.len() % 4 != 0 {
        eprintln!(
            "warning: {input} is not a whole number of words; the last {} bytes are kept as they are",
            code.len() % 4
        );
    }
    let merges = merge_pairs(&mut code, &targets);
    let words = code.len() / 4;
    let accesses = (0..words)
        .filter(|i| MemInsn::decode(u32::from_le_bytes(code[i * 4..i * 4 + 4].try_into().unwrap())).is_some())
        .count()
        + merges.len(); // each merge turned two handled accesses into one
    if list {
        print!("{}", listing(&code, &merges));
    }
    for merge in &merges {
        let (first, second) = (MemInsn::Single(merge.first), MemInsn::Single(merge.second));
        let pair = MemInsn::Pair(merge.pair);
        let (first_at, second_at) = (merge.pair_at.min(merge.nop_at), merge.pair_at.max(merge.nop_at));
        println!(
            "{first_at:#07x}: {first}  +  {second_at:#07x}: {second}  ->  {pair} at {:#x}, nop at {:#x}",
            merge.pair_at, merge.nop_at
        );
    }
    println!(
        "{} merge(s): {} of {} handled loads/stores now in pairs, {} words",
        merges.len(),
        merges.len() * 2,
        accesses,
        words
    );
    std::fs::write(output, &code).map_err(|e| format!("{output}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("arm64-pair: {message}");
            ExitCode::FAILURE
        }
    }
}

//! Execution checks under emulation. Random sequences of adjacent and
//! near-adjacent loads and stores (with unrelated arithmetic and base
//! adjustments between them) are assembled with GNU as, run by a small C
//! harness (qemu_harness.c, cross-compiled) under qemu-aarch64 before and
//! after the pass, and must leave identical memory and registers. And a
//! compiler-written workload (qemu_workload.c at -O0) is rewritten by the pass
//! inside its executable and must print the same. Both skip loudly when the
//! cross tools are absent (see objdump_check::skip_loudly).

use super::insn::{MemInsn, Pair};
use super::merge_pairs;
use super::objdump_check::skip_loudly;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOOLS: [&str; 4] = ["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-as", "aarch64-linux-gnu-objcopy", "qemu-aarch64"];

/// Registers the generated code uses: x0 is the base into the buffer, x1 the
/// register file; these integer and FP registers carry data.
const X_POOL: [u8; 13] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const D_POOL: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// One test function in assembly: loads the data registers from the register
/// file, runs a random body against the buffer, stores them back.
fn random_function(rng: &mut Rng) -> Vec<String> {
    let mut lines = Vec::new();
    for (slot, x) in X_POOL.iter().enumerate() {
        lines.push(format!("ldr x{x}, [x1, #{}]", slot * 8));
    }
    for (slot, d) in D_POOL.iter().enumerate() {
        lines.push(format!("ldr d{d}, [x1, #{}]", (16 + slot) * 8));
    }
    let mut base_shift = 0;
    let mut center = rng.below(257) * 4 - 512;
    // Some stretches run three times as a loop, so that branch targets sit
    // among the accesses: a pair merged across one would store stale values.
    let mut loop_left: Option<i64> = None;
    for _ in 0..rng.below(60) + 20 {
        let opens_loop = loop_left.is_none() && rng.below(12) == 0;
        if opens_loop {
            lines.push("mov x16, #3".to_string());
            loop_left = Some(rng.below(8) + 2);
        }
        let label_at = lines.len();
        match rng.below(20) {
            0 => center = rng.below(257) * 4 - 512,
            1 if base_shift < 256 && loop_left.is_none() => {
                lines.push("add x0, x0, #16".to_string());
                base_shift += 16;
            }
            2..=5 => {
                let (a, b, c) = (rng.pick(&X_POOL), rng.pick(&X_POOL), rng.pick(&X_POOL));
                lines.push(match rng.below(4) {
                    0 => format!("add x{a}, x{b}, #{}", rng.below(4096)),
                    1 => format!("eor x{a}, x{b}, x{c}"),
                    2 => format!("mov w{a}, #{}", rng.below(65536)),
                    _ => format!("fadd d{}, d{}, d{}", rng.pick(&D_POOL), rng.pick(&D_POOL), rng.pick(&D_POOL)),
                });
            }
            _ => {
                let (prefix, size, pool): (&str, i64, &[u8]) = match rng.below(4) {
                    0 => ("w", 4, &X_POOL),
                    1 => ("x", 8, &X_POOL),
                    2 => ("s", 4, &D_POOL),
                    _ => ("d", 8, &D_POOL),
                };
                let load = rng.below(2) == 0;
                // Often a run of same-shaped accesses to neighbouring slots, as
                // a snapshot write-back makes; sometimes a misaligned offset.
                let run = if rng.below(2) == 0 { rng.below(3) + 2 } else { 1 };
                for step in 0..run {
                    let offset = match rng.below(8) {
                        0 => center + rng.below(24) - 12,
                        _ if run > 1 => center + step * size,
                        _ => center + (rng.below(7) - 3) * size,
                    };
                    if let Some(line) = access(rng, load, prefix, size, pool, offset) {
                        lines.push(line);
                    }
                    if rng.below(4) == 0 {
                        let (a, b) = (rng.pick(&X_POOL), rng.pick(&X_POOL));
                        lines.push(format!("add x{a}, x{b}, #{}", rng.below(4096)));
                    }
                }
                center += run * size;
                if center > 768 {
                    center = rng.below(257) * 4 - 512; // stay well inside the buffer
                }
            }
        }
        if opens_loop {
            if lines.len() == label_at {
                lines.push("nop".to_string());
            }
            lines[label_at] = format!("1: {}", lines[label_at]);
        }
        loop_left = match loop_left {
            Some(0) => {
                close_loop(&mut lines);
                None
            }
            Some(n) => Some(n - 1),
            None => None,
        };
    }
    if loop_left.is_some() {
        close_loop(&mut lines);
    }
    if base_shift > 0 {
        lines.push(format!("sub x0, x0, #{base_shift}"));
    }
    for (slot, x) in X_POOL.iter().enumerate() {
        lines.push(format!("str x{x}, [x1, #{}]", slot * 8));
    }
    for (slot, d) in D_POOL.iter().enumerate() {
        lines.push(format!("str d{d}, [x1, #{}]", (16 + slot) * 8));
    }
    lines.push("ret".to_string());
    lines
}

/// Ends a loop body: every data register changes on each trip, so an access
/// moved out of the loop would leave a different value behind.
fn close_loop(lines: &mut Vec<String>) {
    for x in X_POOL {
        lines.push(format!("add x{x}, x{x}, #1"));
    }
    for d in D_POOL {
        lines.push(format!("fadd d{d}, d{d}, d{d}"));
    }
    lines.push("subs x16, x16, #1".to_string());
    lines.push("b.ne 1b".to_string());
}

/// One load or store in whichever form encodes `offset` (either when both do).
fn access(rng: &mut Rng, load: bool, prefix: &str, size: i64, pool: &[u8], offset: i64) -> Option<String> {
    let scaled_ok = offset >= 0 && offset % size == 0;
    let unscaled_ok = (-256..=255).contains(&offset);
    let unscaled = unscaled_ok && (!scaled_ok || rng.below(2) == 0);
    if !unscaled && !scaled_ok {
        return None;
    }
    let verb = match (load, unscaled) {
        (true, false) => "ldr",
        (true, true) => "ldur",
        (false, false) => "str",
        (false, true) => "stur",
    };
    Some(format!("{verb} {prefix}{}, [x0, #{offset}]", rng.pick(pool)))
}

fn run(command: &mut Command) -> Vec<u8> {
    let output = command.output().unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(output.status.success(), "{command:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

fn build_harness(dir: &Path) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/arm64/qemu_harness.c");
    let binary = dir.join("qemu_harness");
    run(Command::new("aarch64-linux-gnu-gcc").args(["-O1", "-static", "-o"]).arg(&binary).arg(source));
    binary
}

fn run_harness(harness: &Path, code: &Path, entries: &[usize]) -> Vec<u8> {
    let mut command = Command::new("qemu-aarch64");
    command.args(["-L", "/usr/aarch64-linux-gnu"]).arg(harness).arg(code);
    command.args(entries.iter().map(|e| e.to_string()));
    run(&mut command)
}

#[test]
fn random_load_store_sequences_behave_the_same_after_the_pass() {
    let missing: Vec<&str> =
        TOOLS.iter().copied().filter(|tool| Command::new(tool).arg("--version").output().is_err()).collect();
    if !missing.is_empty() {
        return skip_loudly(
            "random_load_store_sequences_behave_the_same_after_the_pass",
            &format!("missing {missing:?}"),
        );
    }
    let dir = std::env::temp_dir().join(format!("neap-arm64-qemu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let harness = build_harness(&dir);

    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut source = String::from(".text\n");
    let mut entries = Vec::new();
    let mut words = 0;
    for _ in 0..200 {
        entries.push(words * 4);
        for line in random_function(&mut rng) {
            source.push_str(&line);
            source.push('\n');
            words += 1;
        }
    }
    let (asm, object, before, after) =
        (dir.join("code.s"), dir.join("code.o"), dir.join("before.bin"), dir.join("after.bin"));
    std::fs::write(&asm, source).unwrap();
    run(Command::new("aarch64-linux-gnu-as").arg(&asm).arg("-o").arg(&object));
    run(Command::new("aarch64-linux-gnu-objcopy").args(["-O", "binary", "-j", ".text"]).arg(&object).arg(&before));
    let mut code = std::fs::read(&before).unwrap();
    assert_eq!(code.len(), words * 4, "one word per generated line");
    // Function entries are the branch targets the code does not show.
    let merges = merge_pairs(&mut code, &entries);
    std::fs::write(&after, &code).unwrap();

    // A deliberately wrong rewrite (each pair's registers swapped) must show,
    // or the comparison would prove nothing.
    let mut broken = code.clone();
    for merge in merges.iter().filter(|m| m.pair.first != m.pair.second) {
        let swapped = Pair { first: merge.pair.second, second: merge.pair.first, ..merge.pair };
        broken[merge.pair_at..merge.pair_at + 4].copy_from_slice(&swapped.encode().to_le_bytes());
    }
    let sabotaged = dir.join("broken.bin");
    std::fs::write(&sabotaged, &broken).unwrap();

    let expected = run_harness(&harness, &before, &entries);
    let actual = run_harness(&harness, &after, &entries);
    let wrong = run_harness(&harness, &sabotaged, &entries);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(expected == actual, "memory or registers differ after the pass");
    assert!(expected != wrong, "the harness cannot see a wrong merge");
    // Merges inside the random bodies, not only in the fixed prologues and epilogues.
    let body_merges = merges.iter().filter(|m| MemInsn::Single(m.first).to_string().contains("[x0")).count();
    assert!(body_merges > 1000, "only {body_merges} merges in the bodies");
    // The prologues and epilogues alone offer many pairs; the bodies some more.
    assert!(merges.len() > 200 * 10, "only {} merges", merges.len());
}

/// Section `.text` of an executable: (address, file offset, size), from objdump -h.
fn text_section(executable: &Path) -> (u64, u64, u64) {
    let headers = String::from_utf8(run(Command::new("aarch64-linux-gnu-objdump").arg("-h").arg(executable))).unwrap();
    // "  5 .text  00057de4  0000000000400340  0000000000400340  00000340  2**6"
    let fields: Vec<&str> =
        headers.lines().find(|l| l.split_whitespace().nth(1) == Some(".text")).unwrap().split_whitespace().collect();
    let hex = |s: &str| u64::from_str_radix(s, 16).unwrap();
    (hex(fields[3]), hex(fields[5]), hex(fields[2]))
}

/// Addresses of every symbol defined in the executable, from nm.
fn symbol_addresses(executable: &Path) -> Vec<u64> {
    let symbols =
        String::from_utf8(run(Command::new("aarch64-linux-gnu-nm").arg("--defined-only").arg(executable))).unwrap();
    symbols.lines().filter_map(|line| u64::from_str_radix(line.split_whitespace().next()?, 16).ok()).collect()
}

/// Builds the workload at `opt_level`, rewrites the whole `.text` (the C
/// library included) with the pass, every symbol counting as a branch
/// target, and runs both executables. Returns (merges, handled accesses).
fn check_workload(dir: &Path, opt_level: &str) -> (usize, usize) {
    let (before, after) = (dir.join(format!("workload{opt_level}")), dir.join(format!("workload{opt_level}-merged")));
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/arm64/qemu_workload.c");
    run(Command::new("aarch64-linux-gnu-gcc")
        .args([opt_level, "-fno-jump-tables", "-fno-inline", "-static", "-o"])
        .arg(&before)
        .arg(source));

    let (text_address, text_offset, text_size) = text_section(&before);
    let targets: Vec<usize> = symbol_addresses(&before)
        .into_iter()
        .filter(|a| (text_address..text_address + text_size).contains(a))
        .map(|a| (a - text_address) as usize)
        .collect();
    let mut image = std::fs::read(&before).unwrap();
    let text = &mut image[text_offset as usize..(text_offset + text_size) as usize];
    let accesses = text
        .chunks_exact(4)
        .filter(|w| MemInsn::decode(u32::from_le_bytes((*w).try_into().unwrap())).is_some())
        .count();
    let merges = merge_pairs(text, &targets).len();
    std::fs::write(&after, &image).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&after, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let expected = run(Command::new("qemu-aarch64").arg(&before));
    let actual = run(Command::new("qemu-aarch64").arg(&after));
    assert_eq!(
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(&actual),
        "{opt_level}: the workload prints differently after the pass"
    );
    (merges, accesses)
}

#[test]
fn compiled_workload_prints_the_same_after_the_pass() {
    let test = "compiled_workload_prints_the_same_after_the_pass";
    let tools = ["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objdump", "aarch64-linux-gnu-nm", "qemu-aarch64"];
    let missing: Vec<&str> =
        tools.iter().copied().filter(|tool| Command::new(tool).arg("--version").output().is_err()).collect();
    if !missing.is_empty() {
        return skip_loudly(test, &format!("missing {missing:?}"));
    }
    let dir = std::env::temp_dir().join(format!("neap-arm64-workload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for opt_level in ["-O0", "-O2"] {
        let (merges, accesses) = check_workload(&dir, opt_level);
        // GCC pairs most neighbours itself; some remain, in the C library too.
        assert!(merges >= 10, "{opt_level}: only {merges} merges of {accesses} accesses");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

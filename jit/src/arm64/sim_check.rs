//! An always-on execution check (no tools needed): a tiny interpreter for
//! the handled loads and stores plus a few register-only instructions runs
//! random short sequences before and after the pass; memory and registers
//! must end the same. Small register pools make the pass's register rules
//! (values written, read or moved in between, loads overwriting the base)
//! matter often. qemu_check.rs does the same on real (emulated) hardware.

use super::classify::NOP;
use super::imm::{SImm9, UImm12Scaled};
use super::insn::{MemInsn, MemOp, Pair, RegKind, RegNo, Single, SingleOffset};
use super::pass::{merge_pairs_with, OffsetReading};

const MEMORY_BYTES: usize = 512;
/// The base register's value: the middle of the memory.
const BASE_ADDRESS: u64 = 256;

#[derive(Clone, PartialEq, Eq, Debug)]
struct Machine {
    x: [u64; 32], // x[31] is SP, unused here
    v: [u64; 32], // low 64 bits of each vector register
    memory: Vec<u8>,
}

impl Machine {
    fn new() -> Machine {
        let mut machine = Machine { x: [0; 32], v: [0; 32], memory: vec![0; MEMORY_BYTES] };
        for (i, byte) in machine.memory.iter_mut().enumerate() {
            *byte = (i * 29 + 7) as u8;
        }
        for i in 0..32 {
            machine.x[i] = 0x1111_1111_1111_1111u64.wrapping_mul(i as u64 + 1);
            machine.v[i] = 0x0F0E_0D0C_0B0A_0908u64.wrapping_mul(i as u64 + 3);
        }
        machine
    }

    fn read_x(&self, n: RegNo) -> u64 {
        if n == 31 {
            0
        } else {
            self.x[n as usize]
        }
    }

    fn write_x(&mut self, n: RegNo, value: u64) {
        if n != 31 {
            self.x[n as usize] = value;
        }
    }

    /// One register-sized access at base + offset.
    fn access(&mut self, op: MemOp, kind: RegKind, data: RegNo, address: u64) {
        let size = kind.size() as usize;
        let at = address as usize;
        assert!(at + size <= MEMORY_BYTES, "generated access out of bounds");
        let mask = if size == 8 { u64::MAX } else { u32::MAX as u64 };
        match op {
            MemOp::Store => {
                let value = if kind.is_fp() { self.v[data as usize] } else { self.read_x(data) };
                self.memory[at..at + size].copy_from_slice(&value.to_le_bytes()[..size]);
            }
            MemOp::Load => {
                let mut bytes = [0u8; 8];
                bytes[..size].copy_from_slice(&self.memory[at..at + size]);
                let value = u64::from_le_bytes(bytes) & mask; // narrower loads zero-extend
                if kind.is_fp() {
                    self.v[data as usize] = value;
                } else {
                    self.write_x(data, value);
                }
            }
        }
    }

    fn step(&mut self, word: u32) {
        if word == NOP {
            return;
        }
        if let Some(insn) = MemInsn::decode(word) {
            // Every address comes from the base as it was before the instruction.
            let accesses = insn.accesses();
            let base = self.x[accesses[0].base as usize];
            for a in accesses {
                self.access(a.op, a.kind, a.data, base.wrapping_add(a.byte_offset as u64));
            }
            return;
        }
        let (rd, rn, rm) = ((word & 31) as RegNo, ((word >> 5) & 31) as RegNo, ((word >> 16) & 31) as RegNo);
        match word & 0xFFC0_0000 {
            0x9100_0000 => {
                let value = self.read_x(rn).wrapping_add(u64::from((word >> 10) & 0xFFF));
                self.write_x(rd, value)
            }
            0xCA00_0000 => self.write_x(rd, self.read_x(rn) ^ self.read_x(rm)),
            _ => panic!("the interpreter does not know {word:#010x}"),
        }
    }
}

fn add_imm(rd: RegNo, rn: RegNo, imm: u32) -> u32 {
    0x9100_0000 | imm << 10 | u32::from(rn) << 5 | u32::from(rd)
}

fn eor(rd: RegNo, rn: RegNo, rm: RegNo) -> u32 {
    0xCA00_0000 | u32::from(rm) << 16 | u32::from(rn) << 5 | u32::from(rd)
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A short random sequence over base x19 and a few data registers.
fn random_sequence(rng: &mut Rng) -> Vec<u32> {
    const BASE: RegNo = 19;
    let pool = [1, 2, 3, BASE];
    let mut words = Vec::new();
    let mut base_shift: i64 = 0;
    // Mostly one shape per sequence, so that pairs are common.
    let usual_kind = RegKind::ALL[rng.below(4) as usize];
    let usual_op = if rng.below(2) == 0 { MemOp::Load } else { MemOp::Store };
    for _ in 0..rng.below(10) + 2 {
        let reg = |rng: &mut Rng| pool[rng.below(pool.len() as u64) as usize];
        let value = |rng: &mut Rng| pool[rng.below(pool.len() as u64 - 1) as usize];
        match rng.below(10) {
            0 if base_shift < 32 => {
                words.push(add_imm(BASE, BASE, 8));
                base_shift += 8;
            }
            // The base changes only by the add above, so addresses stay in bounds.
            1 => words.push(add_imm(value(rng), reg(rng), rng.below(100) as u32)),
            2 => words.push(eor(value(rng), reg(rng), reg(rng))),
            _ => {
                let kind = if rng.below(4) == 0 { RegKind::ALL[rng.below(4) as usize] } else { usual_kind };
                let size = i64::from(kind.size());
                let offset = (rng.below(5) as i64 - 2) * size + if rng.below(8) == 0 { 2 } else { 0 };
                let op = match rng.below(4) {
                    0 => MemOp::Load,
                    1 => MemOp::Store,
                    _ => usual_op,
                };
                // Loads into the base would send later accesses anywhere.
                let data = reg(rng);
                let unscaled = offset < 0 || offset % size != 0 || rng.below(2) == 0;
                let offset_form = if unscaled {
                    SingleOffset::Unscaled(SImm9::new(offset).unwrap())
                } else {
                    SingleOffset::Scaled(UImm12Scaled::new(offset, kind.size()).unwrap())
                };
                let data =
                    if op == MemOp::Load && data == BASE && !kind.is_fp() { 1 + rng.below(3) as RegNo } else { data };
                words.push(Single { op, kind, data, base: BASE, offset: offset_form }.encode());
            }
        }
    }
    words
}

fn execute(words: &[u32]) -> Machine {
    let mut machine = Machine::new();
    machine.x[19] = BASE_ADDRESS;
    for &word in words {
        machine.step(word);
    }
    machine
}

#[test]
fn random_sequences_end_in_the_same_state_after_the_pass() {
    let mut rng = Rng(0x51_7CC1_B727_220A);
    let (mut merged_sequences, mut sabotage_seen) = (0, 0);
    for _ in 0..20_000 {
        let words = random_sequence(&mut rng);
        let mut code: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let merges = merge_pairs_with(&mut code, &[], OffsetReading::Decoded);
        let after: Vec<u32> = code.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().unwrap())).collect();
        let listing = |ws: &[u32]| {
            ws.iter().map(|&w| MemInsn::decode(w).map_or(format!("{w:#010x}"), |i| i.to_string())).collect::<Vec<_>>()
        };
        assert_eq!(execute(&words), execute(&after), "{:#?}\n->\n{:#?}", listing(&words), listing(&after));
        merged_sequences += usize::from(!merges.is_empty());
        // A wrong rewrite (the pair's registers swapped) must be visible.
        let mut broken = after.clone();
        for merge in merges.iter().filter(|m| m.pair.first != m.pair.second) {
            broken[merge.pair_at / 4] =
                Pair { first: merge.pair.second, second: merge.pair.first, ..merge.pair }.encode();
        }
        sabotage_seen += usize::from(execute(&broken) != execute(&words));
    }
    assert!(merged_sequences > 4_000, "only {merged_sequences} sequences merged");
    assert!(sabotage_seen > 1_000, "the interpreter sees only {sabotage_seen} wrong merges");
}

//! A conservative summary of any AArch64 instruction word: does it access
//! memory, does it branch (and where, for direct branches), which registers
//! it reads and writes. Only encoding groups whose effects are certain are
//! decoded; everything else is `Effects::UNKNOWN`, which touches memory,
//! branches somewhere unknown, and reads and writes every register. Sets may
//! be larger than the truth, never smaller.

use super::imm::sign_extend;
use super::insn::{MemInsn, MemOp, RegNo};

/// A set of architectural registers: x0..x30 (bits 0..=30), SP (bit 31),
/// v0..v31 (bits 32..=63). The zero register is no register: writing it is
/// discarded and reading it yields zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct RegSet(pub u64);

impl RegSet {
    pub const EMPTY: RegSet = RegSet(0);
    pub const ALL: RegSet = RegSet(u64::MAX);

    /// Integer register `n` where 31 names the zero register.
    pub fn x_or_zr(n: RegNo) -> RegSet {
        if n >= 31 {
            RegSet::EMPTY
        } else {
            RegSet(1 << n)
        }
    }

    /// Integer register `n` where 31 names SP.
    pub fn x_or_sp(n: RegNo) -> RegSet {
        RegSet(1 << (n & 31))
    }

    /// Integer register `n` whichever 31 means (for fields whose role is not decoded).
    pub fn x_any(n: RegNo) -> RegSet {
        RegSet::x_or_sp(n)
    }

    /// SIMD/FP register `n`.
    pub fn v(n: RegNo) -> RegSet {
        RegSet(1 << (32 + u32::from(n & 31)))
    }

    pub fn union(self, other: RegSet) -> RegSet {
        RegSet(self.0 | other.0)
    }

    pub fn intersects(self, other: RegSet) -> bool {
        self.0 & other.0 != 0
    }
}

/// How an instruction transfers control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Branch {
    /// To the instruction at this byte offset from itself; `link` when it
    /// also returns to the next instruction (`bl`).
    Direct { offset: i64, link: bool },
    /// To an address held in a register (`br`, `blr`, `ret`, ...).
    Indirect { link: bool },
    /// Possibly anywhere: an instruction not decoded.
    Unknown,
}

/// A PC-relative reference that is not a branch but names a place in the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeRef {
    /// `adr`: an address that may be jumped to later (e.g. a jump table).
    Address { offset: i64 },
    /// A literal load: `size` bytes of data at this offset, not code.
    Literal { offset: i64, size: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effects {
    pub memory: bool,
    pub branch: Option<Branch>,
    pub code_ref: Option<CodeRef>,
    pub reads: RegSet,
    pub writes: RegSet,
}

impl Effects {
    pub const UNKNOWN: Effects = Effects {
        memory: true,
        branch: Some(Branch::Unknown),
        code_ref: None,
        reads: RegSet::ALL,
        writes: RegSet::ALL,
    };

    const NOTHING: Effects =
        Effects { memory: false, branch: None, code_ref: None, reads: RegSet::EMPTY, writes: RegSet::EMPTY };

    fn registers(reads: RegSet, writes: RegSet) -> Effects {
        Effects { reads, writes, ..Effects::NOTHING }
    }

    fn branch(branch: Branch, reads: RegSet, writes: RegSet) -> Effects {
        Effects { branch: Some(branch), reads, writes, ..Effects::NOTHING }
    }
}

pub const NOP: u32 = 0xD503_201F;

/// Summarises one instruction word.
pub fn classify(word: u32) -> Effects {
    if let Some(insn) = MemInsn::decode(word) {
        return memory_access(insn);
    }
    let field = |lsb: u32| ((word >> lsb) & 31) as RegNo;
    let (rd, rn, rm, ra) = (field(0), field(5), field(16), field(10));
    // Fields whose role the decoder does not pin down are counted as integer
    // registers whichever way 31 reads, and (for SIMD&FP) as vectors too.
    let x_fields = |fields: &[RegNo]| fields.iter().fold(RegSet::EMPTY, |set, &r| set.union(RegSet::x_any(r)));
    let v_fields = |fields: &[RegNo]| fields.iter().fold(RegSet::EMPTY, |set, &r| set.union(RegSet::v(r)));

    if word == NOP {
        return Effects::NOTHING;
    }
    // Direct branches: b, bl.
    if word & 0x7C00_0000 == 0x1400_0000 {
        let offset = sign_extend(word & 0x03FF_FFFF, 26) * 4;
        let link = word >> 31 == 1;
        let writes = if link { RegSet::x_or_zr(30) } else { RegSet::EMPTY };
        return Effects::branch(Branch::Direct { offset, link }, RegSet::EMPTY, writes);
    }
    // b.cond and bc.cond.
    if word & 0xFF00_0000 == 0x5400_0000 {
        let offset = sign_extend((word >> 5) & 0x7FFFF, 19) * 4;
        return Effects::branch(Branch::Direct { offset, link: false }, RegSet::EMPTY, RegSet::EMPTY);
    }
    // cbz, cbnz.
    if word & 0x7E00_0000 == 0x3400_0000 {
        let offset = sign_extend((word >> 5) & 0x7FFFF, 19) * 4;
        return Effects::branch(Branch::Direct { offset, link: false }, RegSet::x_or_zr(rd), RegSet::EMPTY);
    }
    // tbz, tbnz.
    if word & 0x7E00_0000 == 0x3600_0000 {
        let offset = sign_extend((word >> 5) & 0x3FFF, 14) * 4;
        return Effects::branch(Branch::Direct { offset, link: false }, RegSet::x_or_zr(rd), RegSet::EMPTY);
    }
    // Unconditional branch to register: br, blr, ret and their variants.
    if word & 0xFE00_0000 == 0xD600_0000 {
        let link = word & 0x0060_0000 == 0x0020_0000; // opc = 0001: blr*
        return Effects::branch(Branch::Indirect { link }, RegSet::ALL, RegSet::ALL);
    }
    // Literal loads (ldr/ldrsw/prfm literal): read memory at a place in the code.
    if word & 0x3B00_0000 == 0x1800_0000 {
        let (opc, vector) = (word >> 30, word & (1 << 26) != 0);
        let size = match (vector, opc) {
            (_, 0) => 4,
            (_, 1) => 8,
            (false, 2) => 4,
            (true, 2) => 16,
            _ => 0, // prfm: touches no register
        };
        let offset = sign_extend((word >> 5) & 0x7FFFF, 19) * 4;
        let writes = if vector { RegSet::v(rd) } else { RegSet::x_or_zr(rd) };
        return Effects {
            memory: true,
            code_ref: (size > 0).then_some(CodeRef::Literal { offset, size }),
            ..Effects::registers(RegSet::EMPTY, writes)
        };
    }
    // The data-processing groups never access memory nor branch. Reads are
    // taken as every register field (including the destination, which movk
    // and bfm read); writes as the destination field.
    match (word >> 25) & 0xF {
        // Data processing, immediate (adr, add/sub, logical, movz/movk, bitfield, extr).
        0b1000 | 0b1001 => {
            let mut effects = Effects::registers(x_fields(&[rd, rn]), RegSet::x_any(rd));
            if word & 0x9F00_0000 == 0x1000_0000 {
                // adr (adrp, bit 31 set, names a page and is ignored).
                let imm = (word >> 29) & 3 | ((word >> 5) & 0x7FFFF) << 2;
                effects.code_ref = Some(CodeRef::Address { offset: sign_extend(imm, 21) });
            }
            effects
        }
        // Data processing, register.
        0b0101 | 0b1101 => Effects::registers(x_fields(&[rd, rn, rm, ra]), RegSet::x_any(rd)),
        // Scalar FP and Advanced SIMD data processing: the destination may be a
        // vector or a general register (fmov, umov, fcvtzs, ...), so both.
        0b0111 | 0b1111 => {
            let writes = RegSet::x_any(rd).union(RegSet::v(rd));
            // Scalar FP (bit 30 clear, bits 28:25 = 1111) names at most the four
            // fields; vector forms like tbl read runs of registers, so all.
            let reads = if word & 0x5E00_0000 == 0x1E00_0000 {
                x_fields(&[rd, rn, rm, ra]).union(v_fields(&[rd, rn, rm, ra]))
            } else {
                RegSet::ALL
            };
            Effects::registers(reads, writes)
        }
        _ => Effects::UNKNOWN,
    }
}

fn memory_access(insn: MemInsn) -> Effects {
    let (op, kind, base, data) = match insn {
        MemInsn::Single(s) => (s.op, s.kind, s.base, [s.data, s.data]),
        MemInsn::Pair(p) => (p.op, p.kind, p.base, [p.first, p.second]),
    };
    let data_set = |reg: RegNo| {
        if kind.is_fp() {
            RegSet::v(reg)
        } else {
            RegSet::x_or_zr(reg)
        }
    };
    let data = data_set(data[0]).union(data_set(data[1]));
    let base = RegSet::x_or_sp(base);
    let (reads, writes) = match op {
        MemOp::Load => (base, data),
        MemOp::Store => (base.union(data), RegSet::EMPTY),
    };
    Effects { memory: true, ..Effects::registers(reads, writes) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branches_and_their_targets() {
        // Words as GNU as assembles them, with the offsets it was given.
        let direct = |word| match classify(word).branch {
            Some(Branch::Direct { offset, .. }) => offset,
            other => panic!("{word:#x}: {other:?}"),
        };
        assert_eq!(direct(0x1400_0002), 8); // b .+8
        assert_eq!(direct(0x17FF_FFFF), -4); // b .-4
        assert_eq!(direct(0x9400_0004), 16); // bl .+16
        assert_eq!(direct(0x5400_0040), 8); // b.eq .+8
        assert_eq!(direct(0x54FF_FFE1), -4); // b.ne .-4
        assert_eq!(direct(0xB400_0060), 12); // cbz x0, .+12
        assert_eq!(direct(0x3500_0041), 8); // cbnz w1, .+8
        assert_eq!(direct(0x3608_0040), 8); // tbz w0, #1, .+8
        assert_eq!(direct(0xB7F8_0040), 8); // tbnz x0, #63, .+8
        for ret_or_br in [0xD65F_03C0, 0xD61F_0200, 0xD63F_0200] {
            assert!(matches!(classify(ret_or_br).branch, Some(Branch::Indirect { .. })));
        }
        assert_eq!(classify(0x1000_0040).code_ref, Some(CodeRef::Address { offset: 8 })); // adr x0, .+8
                                                                                          // ldr d0, .+8
        assert_eq!(classify(0x5C00_0040).code_ref, Some(CodeRef::Literal { offset: 8, size: 8 }));
    }

    #[test]
    fn plain_arithmetic_is_transparent_but_writes_its_destination() {
        for word in [
            0x9100_0661u32, // add x1, x19, #1
            0xD280_0542,    // mov x2, #42
            0xF2A0_0022,    // movk x2, #1, lsl #16
            0x8B02_0020,    // add x0, x1, x2
            0x1E62_2820,    // fadd d0, d1, d2
            0x9E67_0020,    // fmov d0, x1
        ] {
            let effects = classify(word);
            assert!(!effects.memory && effects.branch.is_none(), "{word:#x}");
            assert!(effects.writes != RegSet::EMPTY && effects.writes != RegSet::ALL, "{word:#x}");
        }
        assert!(classify(0xD280_0542).writes.intersects(RegSet::x_or_zr(2)));
        assert!(classify(0x9E67_0020).writes.intersects(RegSet::v(0)));
        assert!(classify(0x9E67_0020).reads.intersects(RegSet::x_or_zr(1)));
        assert_eq!(classify(NOP), Effects::NOTHING);
    }

    #[test]
    fn anything_undecoded_is_unknown() {
        for word in [
            0x0000_0000u32, // udf
            0xD420_0000,    // brk #0
            0xD503_3BBF,    // dmb ish
            0xD50B_7420,    // dc zva, x0
            0xF820_6800,    // str x0, [x0, x0]
            0xA9BF_7BFD,    // stp x29, x30, [sp, #-16]!
            0x3D80_0000,    // str q0, [x0]
            0xC85F_7C00,    // ldxr x0, [x0]
            0x0440_0000,    // an SVE word
        ] {
            let effects = classify(word);
            assert!(effects.memory, "{word:#x}");
            assert_eq!(effects.writes, RegSet::ALL, "{word:#x}");
        }
    }
}

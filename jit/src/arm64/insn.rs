//! The load/store instruction forms the pair pass reads and writes:
//! `str`/`ldr` (unsigned scaled offset), `stur`/`ldur` (signed unscaled
//! offset) and `stp`/`ldp` (signed scaled offset, no writeback), each for W,
//! X, S and D registers. Decoding recognises exactly these encodings and
//! nothing else; encoding is total because the immediates are always legal.

use super::imm::{SImm7Scaled, SImm9, UImm12Scaled};
use std::fmt;

/// Register number 0..=31. As a base it is SP when 31; as integer data it is
/// the zero register when 31; as FP data it is `v31`.
pub type RegNo = u8;

/// Register number 31 as a base register: the stack pointer.
pub const SP: RegNo = 31;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemOp {
    Load,
    Store,
}

/// Register kind of the data: its class (integer or FP) and width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegKind {
    W,
    X,
    S,
    D,
}

impl RegKind {
    pub const ALL: [RegKind; 4] = [RegKind::W, RegKind::X, RegKind::S, RegKind::D];

    /// Bytes accessed per register.
    pub fn size(self) -> u32 {
        match self {
            RegKind::W | RegKind::S => 4,
            RegKind::X | RegKind::D => 8,
        }
    }

    pub fn is_fp(self) -> bool {
        matches!(self, RegKind::S | RegKind::D)
    }

    /// Opcode bits of the unsigned-offset single-register store of this kind;
    /// the unscaled form is the same with bit 24 clear.
    fn single_base(self) -> u32 {
        match self {
            RegKind::W => STR_W,
            RegKind::X => STR_X,
            RegKind::S => STR_S,
            RegKind::D => STR_D,
        }
    }

    /// Opcode bits of the signed-offset store pair of this kind.
    fn pair_base(self) -> u32 {
        match self {
            RegKind::W => STP_W,
            RegKind::X => STP_X,
            RegKind::S => STP_S,
            RegKind::D => STP_D,
        }
    }

    fn data_name(self, reg: RegNo) -> String {
        match (self, reg) {
            (RegKind::W, 31) => "wzr".to_string(),
            (RegKind::X, 31) => "xzr".to_string(),
            (RegKind::W, r) => format!("w{r}"),
            (RegKind::X, r) => format!("x{r}"),
            (RegKind::S, r) => format!("s{r}"),
            (RegKind::D, r) => format!("d{r}"),
        }
    }
}

// Opcode bits (all but the L bit, offset and registers) of the stores handled.
const STR_W: u32 = 0xB900_0000;
const STR_X: u32 = 0xF900_0000;
const STR_S: u32 = 0xBD00_0000;
const STR_D: u32 = 0xFD00_0000;
const STP_W: u32 = 0x2900_0000;
const STP_X: u32 = 0xA900_0000;
const STP_S: u32 = 0x2D00_0000;
const STP_D: u32 = 0x6D00_0000;

/// The L bit (22) that turns each store encoding into its load.
const LOAD_BIT: u32 = 1 << 22;
/// Bit 24 separates unsigned-offset (1) from unscaled (0) single accesses.
const SCALED_BIT: u32 = 1 << 24;

/// Offset of a single-register access, in the form its instruction uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SingleOffset {
    /// `str`/`ldr` with an unsigned offset scaled by the access size.
    Scaled(UImm12Scaled),
    /// `stur`/`ldur` with a signed byte offset.
    Unscaled(SImm9),
}

impl SingleOffset {
    /// The signed byte offset the instruction adds to its base.
    pub fn byte_offset(self) -> i64 {
        match self {
            SingleOffset::Scaled(imm) => imm.byte_offset(),
            SingleOffset::Unscaled(imm) => imm.byte_offset(),
        }
    }
}

/// One register loaded or stored at base + offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Single {
    pub op: MemOp,
    pub kind: RegKind,
    pub data: RegNo,
    pub base: RegNo,
    pub offset: SingleOffset,
}

/// Two registers loaded or stored at base + offset and base + offset + size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pair {
    pub op: MemOp,
    pub kind: RegKind,
    /// Register at the lower address.
    pub first: RegNo,
    /// Register at the higher address.
    pub second: RegNo,
    pub base: RegNo,
    pub offset: SImm7Scaled,
}

/// A decoded instruction of one of the handled forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemInsn {
    Single(Single),
    Pair(Pair),
}

/// One register-sized access: what a `Single` is, and what a `Pair` is twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Access {
    pub op: MemOp,
    pub kind: RegKind,
    pub data: RegNo,
    pub base: RegNo,
    pub byte_offset: i64,
}

impl Single {
    pub fn encode(&self) -> u32 {
        let head = self.kind.single_base() | op_bit(self.op) | regs(self.base, self.data);
        match self.offset {
            SingleOffset::Scaled(imm) => head | imm.bits() << 10,
            SingleOffset::Unscaled(imm) => (head & !SCALED_BIT) | imm.bits() << 12,
        }
    }

    pub fn access(&self) -> Access {
        Access {
            op: self.op,
            kind: self.kind,
            data: self.data,
            base: self.base,
            byte_offset: self.offset.byte_offset(),
        }
    }
}

impl Pair {
    pub fn encode(&self) -> u32 {
        self.kind.pair_base()
            | op_bit(self.op)
            | self.offset.bits() << 15
            | u32::from(self.second) << 10
            | regs(self.base, self.first)
    }

    /// The two accesses, lower address first.
    pub fn accesses(&self) -> [Access; 2] {
        let low = self.offset.byte_offset();
        let at = |data, byte_offset| Access { op: self.op, kind: self.kind, data, base: self.base, byte_offset };
        [at(self.first, low), at(self.second, low + i64::from(self.kind.size()))]
    }
}

impl MemInsn {
    /// Recognises exactly the handled forms; any other word is `None`.
    pub fn decode(word: u32) -> Option<MemInsn> {
        let op = if word & LOAD_BIT != 0 { MemOp::Load } else { MemOp::Store };
        let (base, data) = (((word >> 5) & 31) as RegNo, (word & 31) as RegNo);
        // The top ten bits fix size, V, the form and opc (store or plain load);
        // the unscaled form also needs bit 21 and bits 11:10 clear.
        let top = word & 0xFFC0_0000 & !LOAD_BIT;
        let unscaled_top = word & 0xFFE0_0C00 & !LOAD_BIT | SCALED_BIT;
        let single = |kind, offset| Some(MemInsn::Single(Single { op, kind, data, base, offset }));
        let scaled = |kind: RegKind| SingleOffset::Scaled(UImm12Scaled::from_bits(word >> 10, kind.size()));
        let unscaled = || SingleOffset::Unscaled(SImm9::from_bits(word >> 12));
        let pair = |kind: RegKind| {
            let offset = SImm7Scaled::from_bits(word >> 15, kind.size());
            let second = ((word >> 10) & 31) as RegNo;
            Some(MemInsn::Pair(Pair { op, kind, first: data, second, base, offset }))
        };
        match (top, unscaled_top) {
            (STR_W, _) => single(RegKind::W, scaled(RegKind::W)),
            (STR_X, _) => single(RegKind::X, scaled(RegKind::X)),
            (STR_S, _) => single(RegKind::S, scaled(RegKind::S)),
            (STR_D, _) => single(RegKind::D, scaled(RegKind::D)),
            (_, STR_W) => single(RegKind::W, unscaled()),
            (_, STR_X) => single(RegKind::X, unscaled()),
            (_, STR_S) => single(RegKind::S, unscaled()),
            (_, STR_D) => single(RegKind::D, unscaled()),
            (STP_W, _) => pair(RegKind::W),
            (STP_X, _) => pair(RegKind::X),
            (STP_S, _) => pair(RegKind::S),
            (STP_D, _) => pair(RegKind::D),
            _ => None,
        }
    }

    pub fn encode(&self) -> u32 {
        match self {
            MemInsn::Single(single) => single.encode(),
            MemInsn::Pair(pair) => pair.encode(),
        }
    }

    /// The accesses made, in address order.
    pub fn accesses(&self) -> Vec<Access> {
        match self {
            MemInsn::Single(single) => vec![single.access()],
            MemInsn::Pair(pair) => pair.accesses().to_vec(),
        }
    }
}

fn op_bit(op: MemOp) -> u32 {
    match op {
        MemOp::Load => LOAD_BIT,
        MemOp::Store => 0,
    }
}

fn regs(base: RegNo, data: RegNo) -> u32 {
    debug_assert!(base < 32 && data < 32);
    u32::from(base & 31) << 5 | u32::from(data & 31)
}

fn address(base: RegNo, offset: i64) -> String {
    let base = if base == SP { "sp".to_string() } else { format!("x{base}") };
    if offset == 0 {
        format!("[{base}]")
    } else {
        format!("[{base}, #{offset}]")
    }
}

/// GNU objdump's spelling, e.g. `stur\tx0, [x19, #-16]`, so the two can be compared.
impl fmt::Display for MemInsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = |op| match op {
            MemOp::Load => "ld",
            MemOp::Store => "st",
        };
        match self {
            MemInsn::Single(s) => {
                let suffix = match s.offset {
                    SingleOffset::Scaled(_) => "r",
                    SingleOffset::Unscaled(_) => "ur",
                };
                let addr = address(s.base, s.offset.byte_offset());
                write!(f, "{}{}\t{}, {}", verb(s.op), suffix, s.kind.data_name(s.data), addr)
            }
            MemInsn::Pair(p) => {
                let addr = address(p.base, p.offset.byte_offset());
                let (a, b) = (p.kind.data_name(p.first), p.kind.data_name(p.second));
                write!(f, "{}p\t{}, {}, {}", verb(p.op), a, b, addr)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stur(kind: RegKind, data: RegNo, base: RegNo, offset: i64) -> MemInsn {
        let offset = SingleOffset::Unscaled(SImm9::new(offset).unwrap());
        MemInsn::Single(Single { op: MemOp::Store, kind, data, base, offset })
    }

    fn str_(kind: RegKind, data: RegNo, base: RegNo, offset: i64) -> MemInsn {
        let offset = SingleOffset::Scaled(UImm12Scaled::new(offset, kind.size()).unwrap());
        MemInsn::Single(Single { op: MemOp::Store, kind, data, base, offset })
    }

    #[test]
    fn known_words() {
        // Words as GNU as assembles them.
        assert_eq!(stur(RegKind::X, 0, 19, -16).encode(), 0xF81F_0260);
        assert_eq!(str_(RegKind::X, 30, 19, 488).encode(), 0xF900_F67E);
        let stp = MemInsn::Pair(Pair {
            op: MemOp::Store,
            kind: RegKind::X,
            first: 30,
            second: 0,
            base: 19,
            offset: SImm7Scaled::new(488, 8).unwrap(),
        });
        assert_eq!(stp.encode(), 0xA91E_827E);
        assert_eq!(stp.to_string(), "stp\tx30, x0, [x19, #488]");
        assert_eq!(MemInsn::decode(0xF81F_0260).unwrap().to_string(), "stur\tx0, [x19, #-16]");
        assert_eq!(MemInsn::decode(0xA9BF_7BFD), None, "pre-index stp is not a handled form");
        assert_eq!(MemInsn::decode(0xB980_0000), None, "ldrsw is not a handled form");
        assert_eq!(MemInsn::decode(0xF820_6800), None, "register-offset str is not handled");
        assert_eq!(MemInsn::decode(0xF800_0400), None, "post-index str is not handled");
        assert_eq!(MemInsn::decode(0xD503_201F), None);
    }

    #[test]
    fn every_handled_word_round_trips() {
        // All fields vary independently of the opcode, so sweep each field
        // over its whole range with the others fixed.
        let mut seen = 0;
        for kind in RegKind::ALL {
            for load in [0, LOAD_BIT] {
                for imm in 0..(1 << 12) {
                    for head in [kind.single_base() | imm << 10, kind.single_base() & !SCALED_BIT | (imm & 0x1FF) << 12]
                    {
                        let word = head | load | 0x3FF;
                        assert_eq!(MemInsn::decode(word).unwrap().encode(), word);
                        seen += 1;
                    }
                    if imm < (1 << 7) {
                        for regs in [0, 0x7FFF, 0x1234] {
                            let word = kind.pair_base() | load | imm << 15 | regs;
                            assert_eq!(MemInsn::decode(word).unwrap().encode(), word);
                        }
                    }
                }
            }
        }
        assert!(seen > 0);
    }
}

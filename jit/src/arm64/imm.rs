//! Immediate offsets of the load/store forms the pair pass reads and writes.
//!
//! Each type can only hold an offset its instruction field can encode: the
//! constructors take a signed byte offset and refuse anything else, so an
//! instruction built from one is always legal and always means that offset.
//! The raw field bits are only ever produced for encoding (`bits`); every
//! comparison goes through `byte_offset`.

/// Unsigned 12-bit field scaled by the access size (`str`/`ldr` unsigned offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UImm12Scaled {
    field: u16,
    scale: u8,
}

impl UImm12Scaled {
    /// The immediate for `byte_offset` with accesses of `scale` bytes, if the
    /// form can encode it (a multiple of `scale` in `0..=4095 * scale`).
    pub fn new(byte_offset: i64, scale: u32) -> Option<Self> {
        let scale_i = i64::from(scale);
        if !valid_scale(scale) || byte_offset < 0 || byte_offset % scale_i != 0 {
            return None;
        }
        let field = byte_offset / scale_i;
        (field <= 0xFFF).then_some(UImm12Scaled { field: field as u16, scale: scale as u8 })
    }

    /// Decodes the 12-bit field of an instruction accessing `scale` bytes.
    pub fn from_bits(bits: u32, scale: u32) -> Self {
        debug_assert!(valid_scale(scale));
        UImm12Scaled { field: (bits & 0xFFF) as u16, scale: scale as u8 }
    }

    pub fn bits(self) -> u32 {
        u32::from(self.field)
    }

    pub fn byte_offset(self) -> i64 {
        i64::from(self.field) * i64::from(self.scale)
    }
}

/// Signed 9-bit unscaled byte offset (`stur`/`ldur`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SImm9 {
    value: i16,
}

impl SImm9 {
    /// The immediate for `byte_offset`, if within -256..=255.
    pub fn new(byte_offset: i64) -> Option<Self> {
        (-256..=255).contains(&byte_offset).then_some(SImm9 { value: byte_offset as i16 })
    }

    /// Decodes a 9-bit two's-complement field.
    pub fn from_bits(bits: u32) -> Self {
        SImm9 { value: sign_extend(bits & 0x1FF, 9) as i16 }
    }

    pub fn bits(self) -> u32 {
        (self.value as u32) & 0x1FF
    }

    pub fn byte_offset(self) -> i64 {
        i64::from(self.value)
    }

    /// The field read as an unsigned number: the misreading behind the bug
    /// this pass exists to avoid. Only the mutation check may use it.
    #[cfg(test)]
    pub(crate) fn raw_unsigned_field(self) -> i64 {
        i64::from(self.bits())
    }
}

/// Signed 7-bit field scaled by the access size (`stp`/`ldp` signed offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SImm7Scaled {
    field: i8,
    scale: u8,
}

impl SImm7Scaled {
    /// The immediate for `byte_offset` with registers of `scale` bytes, if the
    /// form can encode it (a multiple of `scale` in `-64 * scale..=63 * scale`).
    pub fn new(byte_offset: i64, scale: u32) -> Option<Self> {
        let scale_i = i64::from(scale);
        if !valid_scale(scale) || byte_offset % scale_i != 0 {
            return None;
        }
        let field = byte_offset / scale_i;
        (-64..=63).contains(&field).then_some(SImm7Scaled { field: field as i8, scale: scale as u8 })
    }

    /// Decodes the 7-bit two's-complement field of a pair of `scale`-byte registers.
    pub fn from_bits(bits: u32, scale: u32) -> Self {
        debug_assert!(valid_scale(scale));
        SImm7Scaled { field: sign_extend(bits & 0x7F, 7) as i8, scale: scale as u8 }
    }

    pub fn bits(self) -> u32 {
        (self.field as u32) & 0x7F
    }

    pub fn byte_offset(self) -> i64 {
        i64::from(self.field) * i64::from(self.scale)
    }
}

/// Access sizes of the W/S (4) and X/D (8) registers the pass handles.
fn valid_scale(scale: u32) -> bool {
    scale == 4 || scale == 8
}

/// Sign-extends the low `width` bits of `bits`.
pub(crate) fn sign_extend(bits: u32, width: u32) -> i64 {
    let shift = 64 - width;
    (((bits as u64) << shift) as i64) >> shift
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_accept_exactly_the_encodable_offsets() {
        for offset in -100_000i64..=100_000 {
            for scale in [4u32, 8] {
                let s = i64::from(scale);
                let u12 = offset >= 0 && offset % s == 0 && offset / s <= 4095;
                assert_eq!(UImm12Scaled::new(offset, scale).is_some(), u12, "uimm12 {offset}/{scale}");
                let s7 = offset % s == 0 && (-64..=63).contains(&(offset / s));
                assert_eq!(SImm7Scaled::new(offset, scale).is_some(), s7, "simm7 {offset}/{scale}");
            }
            assert_eq!(SImm9::new(offset).is_some(), (-256..=255).contains(&offset));
        }
    }

    #[test]
    fn fields_round_trip_through_their_bits() {
        for bits in 0..0x1FF {
            let imm = SImm9::from_bits(bits);
            assert_eq!(imm.bits(), bits);
            assert_eq!(SImm9::new(imm.byte_offset()), Some(imm));
        }
        for scale in [4, 8] {
            for bits in 0..0x7F {
                let imm = SImm7Scaled::from_bits(bits, scale);
                assert_eq!(imm.bits(), bits);
                assert_eq!(SImm7Scaled::new(imm.byte_offset(), scale), Some(imm));
            }
            for bits in 0..0xFFF {
                let imm = UImm12Scaled::from_bits(bits, scale);
                assert_eq!(imm.bits(), bits);
                assert_eq!(UImm12Scaled::new(imm.byte_offset(), scale), Some(imm));
            }
        }
    }

    #[test]
    fn the_bug_bits_read_both_ways() {
        // -16 as a signed 9-bit field has the bits of 496 unsigned (1 1111 0000).
        let imm = SImm9::new(-16).unwrap();
        assert_eq!(imm.bits(), 0x1F0);
        assert_eq!(imm.byte_offset(), -16);
        assert_eq!(imm.raw_unsigned_field(), 496);
    }
}

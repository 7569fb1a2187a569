//! An independent model of which two accesses may become one `stp`/`ldp`,
//! written apart from the pass and in other terms: each access is the
//! interval of byte addresses it covers relative to its base, and a pair is
//! two disjoint intervals whose union is one interval of a pair's width that
//! a pair instruction can reach. It knows nothing of encodings: the tests
//! hand it what they meant to write, not what the decoder read.

/// An access as the test intends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Intent {
    pub load: bool,
    pub fp: bool,
    /// Bytes per register: 4 or 8.
    pub bytes: i64,
    /// Base register number, 31 meaning SP.
    pub base: u8,
    /// Data register number; for integers 31 is the zero register.
    pub data: u8,
    /// Signed byte offset from the base.
    pub offset: i64,
}

/// What the model expects the pass to produce for two accesses in program order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpectedPair {
    /// Byte address (relative to the base) where the pair starts.
    pub start: i64,
    /// The access covering the lower half, then the upper half.
    pub lower: Intent,
    pub upper: Intent,
}

/// Half-open byte interval.
#[derive(Clone, Copy)]
struct Bytes {
    start: i64,
    end: i64,
}

impl Intent {
    fn bytes_touched(&self) -> Bytes {
        Bytes { start: self.offset, end: self.offset + self.bytes }
    }

    /// Whether this load's destination is the register its base is read from.
    fn destination_is_base(&self) -> bool {
        // Integer register n < 31 is the same register whether named as data
        // or as base; 31 is the zero register as data but SP as base.
        self.load && !self.fp && self.data != 31 && self.data == self.base
    }
}

pub fn expected_pair(earlier: &Intent, later: &Intent) -> Option<ExpectedPair> {
    let same_shape = earlier.load == later.load
        && earlier.fp == later.fp
        && earlier.bytes == later.bytes
        && earlier.base == later.base;
    if !same_shape {
        return None;
    }
    let width = earlier.bytes;
    let (a, b) = (earlier.bytes_touched(), later.bytes_touched());
    let disjoint = a.end <= b.start || b.end <= a.start;
    let hull = Bytes { start: a.start.min(b.start), end: a.end.max(b.end) };
    if !disjoint || hull.end - hull.start != 2 * width {
        return None;
    }
    // A pair instruction reaches register-aligned starts from -64 registers
    // below the base; its second register ends at most 65 registers above.
    let aligned = hull.start.rem_euclid(width) == 0;
    let reachable = hull.start >= -64 * width && hull.end <= 65 * width;
    if !aligned || !reachable {
        return None;
    }
    if earlier.load && (earlier.data == later.data || earlier.destination_is_base()) {
        return None;
    }
    let (lower, upper) = if a.start == hull.start { (*earlier, *later) } else { (*later, *earlier) };
    Some(ExpectedPair { start: hull.start, lower, upper })
}

#[test]
fn the_model_refuses_the_bug() {
    let stur = Intent { load: false, fp: false, bytes: 8, base: 19, data: 0, offset: -16 };
    let str_ = Intent { data: 30, offset: 488, ..stur };
    assert_eq!(expected_pair(&stur, &str_), None);
    assert_eq!(expected_pair(&str_, &stur), None);
    let next = Intent { data: 1, offset: -8, ..stur };
    assert_eq!(expected_pair(&next, &stur).map(|p| p.start), Some(-16));
}

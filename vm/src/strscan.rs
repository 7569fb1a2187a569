//! Number scanning with LuaJIT's rules (its `lj_strscan` in number mode).
//!
//! Accepted forms: decimal (`12`, `1.5`, `.5`, `5.`, `1e-3`), hexadecimal
//! integers and floats (`0x1F`, `0x1.8p3`, `0x.8`), binary integers (`0b101`).
//! Results are correctly rounded. String coercion additionally allows
//! surrounding whitespace, a sign, and `inf`/`infinity`/`nan` (any case), as
//! LuaJIT's `tonumber` does. FFI suffixes (`LL`, `ULL`, `i`) are not numbers.

/// Exponents (and fraction digit counts) at or beyond this are rejected.
const MAX_EXP: i64 = 1 << 20;

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The value of a numeral's exact source text (as the lexer collected it).
pub fn scan_number(s: &[u8]) -> Option<f64> {
    scan(s)
}

/// String-to-number coercion and `tonumber(s)`: whitespace around the
/// number and a leading sign are allowed.
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    scan(s)
}

/// Byte at `i`, or 0 past the end (LuaJIT scans NUL-terminated strings and
/// rejects any leftover bytes afterwards).
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

fn lower_is(c: u8, k: u8) -> bool {
    (c | 0x20) == k
}

fn scan(s: &[u8]) -> Option<f64> {
    let mut p = 0usize;
    let mut neg = false;
    if !at(s, 0).is_ascii_digit() {
        while is_space(at(s, p)) {
            p += 1;
        }
        if at(s, p) == b'+' || at(s, p) == b'-' {
            neg = at(s, p) == b'-';
            p += 1;
        }
        if at(s, p) >= b'A' {
            return scan_special(s, p, neg);
        }
    }

    let mut base = 10u32;
    let mut has_digit = false;
    let mut dot: Option<usize> = None;
    // Number of digits after the decimal point that are kept: zeros between
    // the point and the first significant digit count too.
    let mut frac_digits: i64 = 0;
    if at(s, p) <= b'0' {
        if at(s, p) == b'0' {
            if lower_is(at(s, p + 1), b'x') {
                base = 16;
                p += 2;
            } else if lower_is(at(s, p + 1), b'b') {
                base = 2;
                p += 2;
            }
        }
        // Leading zeros (and a decimal point among them) carry no digits.
        loop {
            match at(s, p) {
                b'0' => {
                    has_digit = true;
                    if dot.is_some() {
                        frac_digits += 1;
                    }
                }
                b'.' => {
                    if dot.is_some() {
                        return None;
                    }
                    dot = Some(p);
                }
                _ => break,
            }
            p += 1;
        }
    }
    let is_digit = |c: u8| match base {
        16 => c.is_ascii_hexdigit(),
        _ => c.is_ascii_digit(),
    };
    // Significant digits (leading zeros skipped), in order.
    let mut digits: Vec<u8> = Vec::new();
    loop {
        let c = at(s, p);
        if is_digit(c) {
            digits.push(c);
            if dot.is_some() {
                frac_digits += 1;
            }
        } else if c == b'.' {
            if dot.is_some() {
                return None;
            }
            dot = Some(p);
        } else {
            break;
        }
        p += 1;
    }
    if !has_digit && digits.is_empty() {
        return None;
    }
    if dot.is_some() {
        if base == 2 {
            return None;
        }
        // Trailing zeros after the point do not count.
        while frac_digits > 0 && digits.last() == Some(&b'0') {
            digits.pop();
            frac_digits -= 1;
        }
        if frac_digits >= MAX_EXP {
            return None;
        }
    }
    let mut exp: i64 = 0;
    if base >= 10 && lower_is(at(s, p), if base == 16 { b'p' } else { b'e' }) {
        p += 1;
        let mut exp_neg = false;
        if at(s, p) == b'+' || at(s, p) == b'-' {
            exp_neg = at(s, p) == b'-';
            p += 1;
        }
        if !at(s, p).is_ascii_digit() {
            return None;
        }
        let mut x: i64 = 0;
        while at(s, p).is_ascii_digit() {
            x = x * 10 + (at(s, p) - b'0') as i64;
            if x >= MAX_EXP {
                return None;
            }
            p += 1;
        }
        exp = if exp_neg { -x } else { x };
    }
    // Only trailing whitespace may follow.
    while is_space(at(s, p)) {
        p += 1;
    }
    if p < s.len() {
        return None;
    }

    let magnitude = match base {
        10 => decimal_value(&digits, exp - frac_digits),
        16 => binary_value(&digits, 4, exp - 4 * frac_digits),
        _ => binary_value(&digits, 1, exp),
    };
    Some(if neg { -magnitude } else { magnitude })
}

/// `inf`, `infinity` or `nan` after optional space and sign.
fn scan_special(s: &[u8], mut p: usize, neg: bool) -> Option<f64> {
    let word = |p: usize, w: &[u8]| w.iter().enumerate().all(|(i, &k)| lower_is(at(s, p + i), k));
    let mut value = f64::NAN;
    if word(p, b"inf") {
        value = if neg { f64::NEG_INFINITY } else { f64::INFINITY };
        p += 3;
        if word(p, b"inity") {
            p += 5;
        }
    } else if word(p, b"nan") {
        p += 3;
    }
    while is_space(at(s, p)) {
        p += 1;
    }
    if p < s.len() || at(s, p) != 0 {
        return None;
    }
    // Nothing matched: only "nan"-less garbage gets here with p unchanged,
    // which fails the checks above unless the rest was all whitespace.
    Some(value)
}

/// Decimal digits times 10^exp10, correctly rounded (Rust's parser is).
fn decimal_value(digits: &[u8], exp10: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let mut text = String::with_capacity(digits.len() + 24);
    for &d in digits {
        text.push(d as char);
    }
    text.push('e');
    text.push_str(&exp10.to_string());
    text.parse::<f64>().unwrap_or(0.0)
}

/// Digits in base 2^bits_per_digit times 2^exp2, correctly rounded.
fn binary_value(digits: &[u8], bits_per_digit: i64, exp2: i64) -> f64 {
    // Keep up to 120 significant bits; fold the rest into a sticky bit.
    let mut mant: u128 = 0;
    let mut exp2 = exp2;
    let mut sticky = false;
    let mut started = false;
    for &d in digits {
        let v = (d as char).to_digit(16).unwrap_or(0) as u128;
        if !started && v == 0 {
            continue; // Leading zero digits add nothing.
        }
        started = true;
        if mant >> (120 - bits_per_digit as u32) != 0 {
            // No room: this digit only shifts the exponent.
            exp2 += bits_per_digit;
            sticky |= v != 0;
        } else {
            mant = (mant << bits_per_digit) | v;
        }
    }
    if mant == 0 {
        return 0.0;
    }
    if sticky {
        mant = (mant << 1) | 1;
        exp2 -= 1;
    }
    round_to_f64(mant, exp2)
}

/// `mant * 2^exp2`, rounded to nearest even.
fn round_to_f64(mant: u128, exp2: i64) -> f64 {
    let bits = 128 - mant.leading_zeros() as i64;
    // Exponent of the leading bit.
    let top = exp2 + bits - 1;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Precision available at this magnitude (subnormals get fewer bits).
    let precision = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    if precision <= 0 {
        // Below half the smallest subnormal, or exactly half (ties to even: 0).
        if precision == 0 {
            // Value in [2^-1075, 2^-1074): rounds up unless exactly 2^-1075.
            let exact_half = mant.is_power_of_two();
            return if exact_half { 0.0 } else { f64::from_bits(1) };
        }
        return 0.0;
    }
    let drop = bits - precision;
    let (mut kept, mut kept_exp) = if drop > 0 {
        let d = drop as u32;
        let kept = mant >> d;
        let rest = mant & ((1u128 << d) - 1);
        let half = 1u128 << (d - 1);
        let round_up = rest > half || (rest == half && kept & 1 == 1);
        (kept + round_up as u128, exp2 + drop)
    } else {
        (mant, exp2)
    };
    if kept >> 53 != 0 {
        kept >>= 1;
        kept_exp += 1;
    }
    if kept_exp + (128 - kept.leading_zeros() as i64) - 1 > 1023 {
        return f64::INFINITY;
    }
    scale(kept as f64, kept_exp)
}

/// `x * 2^e` for a result known to be exactly representable.
fn scale(mut x: f64, mut e: i64) -> f64 {
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    while e > 1000 {
        x *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= pow2(-1000);
        e += 1000;
    }
    x * pow2(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<f64> {
        str_to_number(s.as_bytes())
    }

    #[test]
    fn decimal_forms() {
        assert_eq!(n("12"), Some(12.0));
        assert_eq!(n(".5"), Some(0.5));
        assert_eq!(n("5."), Some(5.0));
        assert_eq!(n("1.e2"), Some(100.0));
        assert_eq!(n("1e500"), Some(f64::INFINITY));
        assert_eq!(n("1e-500"), Some(0.0));
        assert_eq!(n("0.1"), Some(0.1));
        assert_eq!(n("123456789012345678901234567890"), Some(1.2345678901234568e29));
        assert_eq!(n("."), None);
        assert_eq!(n("1e"), None);
        assert_eq!(n("1e+"), None);
        assert_eq!(n("1 2"), None);
        assert_eq!(n(""), None);
        assert_eq!(n("  "), None);
        assert_eq!(n("12\0"), None);
        assert_eq!(n("1e1048576"), None);
    }

    #[test]
    fn hex_and_binary() {
        assert_eq!(n("0x10"), Some(16.0));
        assert_eq!(n("0X1"), Some(1.0));
        assert_eq!(n("-0x10"), Some(-16.0));
        assert_eq!(n("0x1.8"), Some(1.5));
        assert_eq!(n("0x1.8p3"), Some(12.0));
        assert_eq!(n("0x1P-2"), Some(0.25));
        assert_eq!(n(" 0x1p4 "), Some(16.0));
        assert_eq!(n("0x.8"), Some(0.5));
        assert_eq!(n("0x"), None);
        assert_eq!(n("0x.p1"), None);
        assert_eq!(n("0b101"), Some(5.0));
        assert_eq!(n("0xffffffffffffffffff"), Some(4722366482869645213696.0));
        assert_eq!(n("0x1p-1074"), Some(f64::from_bits(1)));
        assert_eq!(n("0x1p-1075"), Some(0.0));
        assert_eq!(n("0x1.8p-1075"), Some(f64::from_bits(1)));
        assert_eq!(n("0x1p1024"), Some(f64::INFINITY));
        assert_eq!(n("0x1.fffffffffffff8p1023"), Some(f64::INFINITY));
        assert_eq!(n("0x1.fffffffffffffp1023"), Some(f64::MAX));
        assert_eq!(n("0x10000000000000001"), Some(18446744073709551616.0));
        assert_eq!(n("0x20000000000001"), Some(9007199254740992.0));
        assert_eq!(n("0x20000000000003"), Some(9007199254740996.0));
    }

    #[test]
    fn specials_and_signs() {
        assert_eq!(n("inf"), Some(f64::INFINITY));
        assert_eq!(n("  -inf  "), Some(f64::NEG_INFINITY));
        assert_eq!(n("Infinity"), Some(f64::INFINITY));
        assert!(n("nan").unwrap().is_nan());
        assert!(n("-nan").unwrap().is_nan());
        assert_eq!(n("\t12\n"), Some(12.0));
        assert_eq!(n("+ 1"), None);
        assert_eq!(n("- 1"), None);
        assert_eq!(n("1LL"), None);
        assert_eq!(n("1i"), None);
        assert_eq!(n("abc"), None);
        assert_eq!(n("infx"), None);
    }
}

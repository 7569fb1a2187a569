//! Number and string formatting exactly as LuaJIT 2.1 does it: `tostring`
//! of numbers and `string.format`.
//!
//! Facts from LuaJIT 2.1 (x64, no dual-number mode) this module follows:
//!
//! - `tostring(n)` is `%.14g`. NaN prints as `nan` whatever its sign bit
//!   (`NAN` for upper-case conversions), infinities as `inf`/`-inf`, negative
//!   zero as `-0`. Decimal digits are correctly rounded, ties to even.
//! - `string.format` accepts the flags `-+ #0` (repeated freely), a width and
//!   a precision of at most two digits each, and the conversions
//!   `a A c d e E f F g G i o p q s u x X` plus `%%`. Anything else is
//!   `invalid option '%…' to 'format'` (the message quotes the spec up to and
//!   including the offending byte). PUC Lua's `invalid format (repeated
//!   flags)` and `invalid format (width or precision too long)` do not exist
//!   in LuaJIT: `%123d` is `invalid option '%123' to 'format'`.
//! - `%d %i` convert the number to a 64-bit integer by truncation (x86
//!   `cvttsd2si`: NaN and out-of-range give -2^63); there is no "no integer
//!   representation" error. `%u %x %X %o` format the 64-bit unsigned value
//!   (negative numbers wrap, `2^63..2^64+2^63` are taken modulo 2^64).
//! - `%c` truncates to a 32-bit integer (out of range gives 0) and writes its
//!   low byte.
//! - `%q` ignores flags, width and precision; it escapes `"`, `\` and newline
//!   with a backslash, writes control bytes (0-31, 127) as decimal escapes of
//!   one to three digits (three when a digit follows), other bytes as is.
//! - `%a` rounds half up when the precision drops hex digits, and its default
//!   precision is the fewest digits that are exact.
//! - `%p` ignores flags and width; 0 prints as `NULL`.
//! - `%f` of numbers below about 1e-160 is not the true value: LuaJIT's
//!   fixed-size decimal buffer wraps around, and this module reproduces its
//!   output (see `fixed`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Appends `tostring(n)` for a number: LuaJIT's `%.14g`.
pub fn write_number(out: &mut Vec<u8>, n: f64) {
    // Integers below 10^14 print as themselves; this is the common case.
    if n.fract() == 0.0 && n.abs() < 1e14 && !(n == 0.0 && n.is_sign_negative()) {
        write_decimal(out, n as i64);
        return;
    }
    let spec = Spec { precision: Some(14), ..Spec::plain(Conversion::Float(FloatStyle::General)) };
    write_float(out, &spec, n);
}

/// `tostring(n)` for a number, as a new byte vector.
pub fn number_to_string(n: f64) -> Vec<u8> {
    let mut out = Vec::with_capacity(24);
    write_number(&mut out, n);
    out
}

/// An integer argument: LuaJIT formats 64-bit FFI integers (`cdata<int64_t>`,
/// `cdata<uint64_t>`) by their bits and every other number as a double.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IntegerArg {
    /// The raw 64 bits of an `int64_t`/`uint64_t` cdata.
    Bits(u64),
    /// A Lua number.
    Number(f64),
}

/// The arguments of `string.format`, supplied on demand by the caller.
///
/// Arguments are numbered as Lua numbers them: the format string is argument
/// 1, so the first value is argument 2. `format` checks that an argument
/// exists (`arg <= arg_count()`) before asking for it; the methods raise the
/// type errors (`bad argument #3 to 'format' (number expected, got nil)`)
/// as `Self::Error`.
pub trait FormatArgs {
    type Error;

    /// The number of arguments including the format string.
    fn arg_count(&self) -> usize;

    /// A number for `%a %c %e %f %g` (LuaJIT's `lj_lib_checknum`: numbers and
    /// numeric strings).
    fn number(&mut self, arg: usize) -> Result<f64, Self::Error>;

    /// A value for `%d %i %u %o %x %X`. The default asks `number`.
    fn integer(&mut self, arg: usize) -> Result<IntegerArg, Self::Error> {
        self.number(arg).map(IntegerArg::Number)
    }

    /// The text for `%s` and `%q`: the string itself, or what `tostring`
    /// gives (`__tostring`, numbers via [`write_number`], `nil`, `true`,
    /// `table: 0x…`, `function: builtin#N`).
    fn string(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, Self::Error>;

    /// The address `%p` prints (LuaJIT's `lj_obj_ptr`: 0 for values that are
    /// not objects, such as numbers, nil and booleans).
    fn pointer(&mut self, arg: usize) -> Result<usize, Self::Error>;
}

/// Why `string.format` failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError<E> {
    /// An unknown or malformed conversion spec, holding the spec text from
    /// `%` through the offending byte. LuaJIT raises it as a plain error
    /// (with the caller's location prefix): see [`FormatError::message`].
    InvalidOption(Vec<u8>),
    /// The spec has no argument. LuaJIT raises it as an argument error:
    /// `bad argument #N to 'format' (value expected)` with N the argument.
    NoValue(usize),
    /// An error from [`FormatArgs`].
    Arg(E),
}

impl<E> FormatError<E> {
    /// The message LuaJIT gives, without location prefix; for `NoValue` the
    /// inner text of the argument error. `None` for `Arg`.
    pub fn message(&self) -> Option<Vec<u8>> {
        match self {
            FormatError::InvalidOption(spec) => {
                let mut msg = b"invalid option '".to_vec();
                msg.extend_from_slice(spec);
                msg.extend_from_slice(b"' to 'format'");
                Some(msg)
            }
            FormatError::NoValue(_) => Some(b"value expected".to_vec()),
            FormatError::Arg(_) => None,
        }
    }
}

/// `string.format(fmt, ...)`.
pub fn format<A: FormatArgs>(fmt: &[u8], args: &mut A) -> Result<Vec<u8>, FormatError<A::Error>> {
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut rest = fmt;
    let mut arg = 1;
    while !rest.is_empty() {
        let Some(percent) = rest.iter().position(|&c| c == b'%') else {
            out.extend_from_slice(rest);
            break;
        };
        out.extend_from_slice(&rest[..percent]);
        rest = &rest[percent..];
        if rest.get(1) == Some(&b'%') {
            out.push(b'%');
            rest = &rest[2..];
            continue;
        }
        let (spec, used) = parse_spec(rest).map_err(FormatError::InvalidOption)?;
        rest = &rest[used..];
        arg += 1;
        if arg > args.arg_count() {
            return Err(FormatError::NoValue(arg));
        }
        write_arg(&mut out, &spec, args, arg).map_err(FormatError::Arg)?;
    }
    Ok(out)
}

fn write_arg<A: FormatArgs>(out: &mut Vec<u8>, spec: &Spec, args: &mut A, arg: usize) -> Result<(), A::Error> {
    match spec.conversion {
        Conversion::Integer(kind) => {
            let bits = match args.integer(arg)? {
                IntegerArg::Bits(bits) => bits,
                IntegerArg::Number(n) if kind == IntegerKind::Signed => truncate_to_i64(n) as u64,
                IntegerArg::Number(n) => truncate_to_u64(n),
            };
            write_integer(out, spec, kind, bits);
        }
        Conversion::Float(_) => write_float(out, spec, args.number(arg)?),
        Conversion::Char => {
            let byte = truncate_to_i32(args.number(arg)?) as u8;
            pad(out, spec, 1, |out| out.push(byte));
        }
        Conversion::Str => {
            let text = args.string(arg)?;
            let len = match spec.precision {
                Some(p) => text.len().min(p),
                None => text.len(),
            };
            pad(out, spec, len, |out| out.extend_from_slice(&text[..len]));
        }
        Conversion::Quoted => write_quoted(out, &args.string(arg)?),
        Conversion::Pointer => write_pointer(out, args.pointer(arg)?),
    }
    Ok(())
}

/// A parsed conversion spec `%[flags][width][.precision]conversion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    upper: bool,
    width: usize,
    precision: Option<usize>,
    conversion: Conversion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conversion {
    Integer(IntegerKind),
    Float(FloatStyle),
    Char,
    Str,
    Quoted,
    Pointer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IntegerKind {
    Signed,
    Unsigned,
    Hex,
    Octal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FloatStyle {
    Hex,
    Exponent,
    Fixed,
    General,
}

impl Spec {
    fn plain(conversion: Conversion) -> Spec {
        Spec {
            left: false,
            plus: false,
            space: false,
            alt: false,
            zero: false,
            upper: false,
            width: 0,
            precision: None,
            conversion,
        }
    }
}

/// Parses the spec at the start of `text` (which starts with `%`): the spec
/// and its length, or the text LuaJIT quotes in its error.
fn parse_spec(text: &[u8]) -> Result<(Spec, usize), Vec<u8>> {
    // LuaJIT reads the C string: NUL past the end.
    let at = |i: usize| text.get(i).copied().unwrap_or(0);
    let mut spec = Spec::plain(Conversion::Char);
    let mut i = 1;
    loop {
        match at(i) {
            b'-' => spec.left = true,
            b'+' => spec.plus = true,
            b'0' => spec.zero = true,
            b' ' => spec.space = true,
            b'#' => spec.alt = true,
            _ => break,
        }
        i += 1;
    }
    let read_two_digits = |i: &mut usize| {
        let mut value = 0;
        for _ in 0..2 {
            if !at(*i).is_ascii_digit() {
                break;
            }
            value = value * 10 + usize::from(at(*i) - b'0');
            *i += 1;
        }
        value
    };
    spec.width = read_two_digits(&mut i);
    if at(i) == b'.' {
        i += 1;
        spec.precision = Some(read_two_digits(&mut i));
    }
    let c = at(i);
    spec.upper = c.is_ascii_uppercase();
    spec.conversion = match c {
        b'a' | b'A' => Conversion::Float(FloatStyle::Hex),
        b'e' | b'E' => Conversion::Float(FloatStyle::Exponent),
        b'f' | b'F' => Conversion::Float(FloatStyle::Fixed),
        b'g' | b'G' => Conversion::Float(FloatStyle::General),
        b'x' | b'X' => Conversion::Integer(IntegerKind::Hex),
        b'd' | b'i' => Conversion::Integer(IntegerKind::Signed),
        b'u' => Conversion::Integer(IntegerKind::Unsigned),
        b'o' => Conversion::Integer(IntegerKind::Octal),
        b'c' => Conversion::Char,
        b's' => Conversion::Str,
        b'q' => Conversion::Quoted,
        b'p' => Conversion::Pointer,
        _ => {
            let end = if c >= 32 { i + 1 } else { i };
            return Err(text[..end.min(text.len())].to_vec());
        }
    };
    Ok((spec, i + 1))
}

/// Writes `len` bytes produced by `body`, padded with spaces to the width.
fn pad(out: &mut Vec<u8>, spec: &Spec, len: usize, body: impl FnOnce(&mut Vec<u8>)) {
    let fill = spec.width.saturating_sub(len);
    if !spec.left {
        out.resize(out.len() + fill, b' ');
    }
    body(out);
    if spec.left {
        out.resize(out.len() + fill, b' ');
    }
}

/// Writes a number laid out as sign/prefix, then digits: spaces before the
/// prefix, zeros after it (with the `0` flag), or spaces after the whole.
fn write_padded_number(out: &mut Vec<u8>, spec: &Spec, zero_pad: bool, prefix: &[u8], digits: &[u8]) {
    let fill = spec.width.saturating_sub(prefix.len() + digits.len());
    if spec.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(digits);
        out.resize(out.len() + fill, b' ');
    } else if zero_pad {
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(digits);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(prefix);
        out.extend_from_slice(digits);
    }
}

/// Double to int64 as x86-64 `cvttsd2si` does: truncation, with NaN and
/// out-of-range values giving -2^63.
fn truncate_to_i64(n: f64) -> i64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if n.is_nan() || !(-TWO_63..TWO_63).contains(&n) {
        i64::MIN
    } else {
        n as i64
    }
}

/// Double to uint64 as LuaJIT's `lj_vm_num2u64` on x64: the signed
/// conversion, retried with 2^64 subtracted when it overflows.
fn truncate_to_u64(n: f64) -> u64 {
    match truncate_to_i64(n) {
        i64::MIN => truncate_to_i64(n - 18_446_744_073_709_551_616.0) as u64,
        k => k as u64,
    }
}

/// Double to int32 as `cvttsd2si` with a 32-bit result: out of range is -2^31.
fn truncate_to_i32(n: f64) -> i32 {
    if n.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&n) {
        i32::MIN
    } else {
        n as i32
    }
}

fn write_decimal(out: &mut Vec<u8>, k: i64) {
    let _ = write!(VecWriter(out), "{k}");
}

/// `%d %i %u %x %X %o` of the 64-bit value `bits`.
fn write_integer(out: &mut Vec<u8>, spec: &Spec, kind: IntegerKind, bits: u64) {
    let mut magnitude = bits;
    let mut prefix: &[u8] = b"";
    if kind == IntegerKind::Signed {
        if (bits as i64) < 0 {
            magnitude = bits.wrapping_neg();
            prefix = b"-";
        } else if spec.plus {
            prefix = b"+";
        } else if spec.space {
            prefix = b" ";
        }
    }
    let mut digits = String::new();
    if magnitude == 0 {
        // An explicit zero precision prints nothing, except `%#o`.
        if spec.precision != Some(0) || (kind == IntegerKind::Octal && spec.alt) {
            digits.push('0');
        }
    } else {
        let _ = match kind {
            IntegerKind::Signed | IntegerKind::Unsigned => write!(digits, "{magnitude}"),
            IntegerKind::Hex if spec.upper => write!(digits, "{magnitude:X}"),
            IntegerKind::Hex => write!(digits, "{magnitude:x}"),
            IntegerKind::Octal if spec.alt => write!(digits, "0{magnitude:o}"),
            IntegerKind::Octal => write!(digits, "{magnitude:o}"),
        };
        if kind == IntegerKind::Hex && spec.alt {
            prefix = if spec.upper { b"0X" } else { b"0x" };
        }
    }
    let min_digits = spec.precision.unwrap_or(0);
    let mut body = vec![b'0'; min_digits.saturating_sub(digits.len())];
    body.extend_from_slice(digits.as_bytes());
    // A precision turns off zero padding.
    let zero_pad = spec.zero && spec.precision.is_none();
    write_padded_number(out, spec, zero_pad, prefix, &body);
}

/// `%a %e %f %g` (and their upper-case forms) of `n`.
fn write_float(out: &mut Vec<u8>, spec: &Spec, n: f64) {
    let Conversion::Float(style) = spec.conversion else {
        return;
    };
    let negative = n.is_sign_negative();
    if !n.is_finite() {
        // The sign of a NaN is never shown; the `0` flag pads with spaces.
        let prefix: &[u8] = if n.is_nan() {
            if spec.space {
                b" "
            } else {
                b""
            }
        } else if negative {
            b"-"
        } else if spec.plus {
            b"+"
        } else if spec.space {
            b" "
        } else {
            b""
        };
        let word: &[u8] = match (n.is_nan(), spec.upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        write_padded_number(out, spec, false, prefix, word);
        return;
    }
    let sign: &[u8] = if negative {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    };
    let magnitude = n.abs();
    let zero_pad = spec.zero;
    match style {
        FloatStyle::Hex => {
            let (prefix, digits) = hex_float_parts(spec, sign, magnitude);
            write_padded_number(out, spec, zero_pad, &prefix, digits.as_bytes());
        }
        FloatStyle::Exponent => {
            let digits = exponent_digits(magnitude, spec.precision.unwrap_or(6), spec.alt, false, spec.upper);
            write_padded_number(out, spec, zero_pad, sign, digits.as_bytes());
        }
        FloatStyle::Fixed => {
            let digits = fixed::digits(magnitude, spec.precision.unwrap_or(6), spec.alt);
            write_padded_number(out, spec, zero_pad, sign, digits.as_bytes());
        }
        FloatStyle::General => {
            let digits = general_digits(magnitude, spec.precision.unwrap_or(6), spec.alt, spec.upper);
            write_padded_number(out, spec, zero_pad, sign, digits.as_bytes());
        }
    }
}

/// Splits Rust's `{:e}` output (`d.ddde-5`) into mantissa and exponent.
fn scientific(magnitude: f64, precision: usize) -> (String, i32) {
    let text = format!("{:.*e}", precision, magnitude);
    match text.split_once('e') {
        Some((mantissa, exponent)) => (mantissa.to_string(), exponent.parse().unwrap_or(0)),
        None => (text, 0),
    }
}

/// `%e` digits of a finite non-negative number: `d.ddde+XX`, the exponent
/// with at least two digits. `strip_zeros` drops trailing fraction zeros.
fn exponent_digits(magnitude: f64, precision: usize, alt: bool, strip_zeros: bool, upper: bool) -> String {
    let (mut mantissa, exponent) = scientific(magnitude, precision);
    if strip_zeros && mantissa.contains('.') {
        let kept = mantissa.trim_end_matches('0').trim_end_matches('.').len();
        mantissa.truncate(kept);
    }
    if alt && !mantissa.contains('.') {
        mantissa.push('.');
    }
    let e = if upper { 'E' } else { 'e' };
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}{e}{sign}{:02}", exponent.unsigned_abs())
}

/// `%g` digits of a finite non-negative number: `%e` or `%f` style depending
/// on the exponent after rounding, trailing zeros dropped unless `#`.
fn general_digits(magnitude: f64, precision: usize, alt: bool, upper: bool) -> String {
    let significant = precision.max(1);
    let (_, exponent) = scientific(magnitude, significant - 1);
    if exponent < -4 || exponent >= significant as i32 {
        return exponent_digits(magnitude, significant - 1, alt, !alt, upper);
    }
    let decimals = (significant as i32 - 1 - exponent) as usize;
    let mut digits = format!("{:.*}", decimals, magnitude);
    if alt {
        if !digits.contains('.') {
            digits.push('.');
        }
    } else if digits.contains('.') {
        let kept = digits.trim_end_matches('0').trim_end_matches('.').len();
        digits.truncate(kept);
    }
    digits
}

/// `%a`: the prefix (sign and `0x`, which zero padding follows) and the rest.
fn hex_float_parts(spec: &Spec, sign: &[u8], magnitude: f64) -> (Vec<u8>, String) {
    const FRACTION_BITS: u32 = 52;
    let bits = magnitude.to_bits();
    let biased = (bits >> FRACTION_BITS) as i32;
    let mut mantissa = bits & ((1u64 << FRACTION_BITS) - 1);
    let mut exponent = 0;
    if biased != 0 {
        mantissa |= 1 << FRACTION_BITS;
        exponent = biased - 1023;
    } else if mantissa != 0 {
        // Subnormal: normalise so that bit 52 is the leading one.
        let shift = mantissa.leading_zeros() - (63 - FRACTION_BITS);
        mantissa <<= shift;
        exponent = -1022 - shift as i32;
    }
    let fraction = mantissa & ((1u64 << FRACTION_BITS) - 1);
    let precision = match spec.precision {
        // The fewest hex digits that represent the fraction exactly.
        None if fraction == 0 => 0,
        None => 13 - (fraction.trailing_zeros() / 4) as usize,
        Some(p) => p,
    };
    if precision < 13 {
        // Round half up at the last kept hex digit.
        mantissa += 1 << (51 - 4 * precision as u32);
    }
    let hex = |d: u64| {
        let c = b"0123456789abcdef"[d as usize] as char;
        if spec.upper {
            c.to_ascii_uppercase()
        } else {
            c
        }
    };
    let mut prefix = sign.to_vec();
    prefix.extend_from_slice(if spec.upper { b"0X" } else { b"0x" });
    let mut digits = String::new();
    digits.push(char::from(b'0' + (mantissa >> FRACTION_BITS) as u8));
    if precision > 0 || spec.alt {
        digits.push('.');
        for i in 0..precision.min(13) {
            digits.push(hex((mantissa >> (48 - 4 * i)) & 15));
        }
        for _ in 13..precision {
            digits.push('0');
        }
    }
    digits.push(if spec.upper { 'P' } else { 'p' });
    digits.push(if exponent < 0 { '-' } else { '+' });
    let _ = write!(digits, "{}", exponent.unsigned_abs());
    (prefix, digits)
}

/// `%f` as LuaJIT computes it: in a fixed decimal buffer of 64 limbs of
/// nine digits, used as a ring. The integer part grows up from limb 0, the
/// fraction down from limb 63. That is exact for every double from about
/// 1e-160 up, and gives exactly what `{:.N}` gives. Below, the fraction's
/// digits wrap around onto the integer limbs and LuaJIT prints garbage (e.g.
/// `string.format("%f", 1e-200)` is `287445976335078589.119159`). Neap must
/// print the same, so this module does the same arithmetic.
mod fixed {
    use std::fmt::Write as _;

    const LIMBS: usize = 64;
    const LIMB_BASE: u32 = 1_000_000_000;
    /// Largest power of two that one multiplication step applies.
    const MUL_STEP: u32 = 29;

    type Limbs = [u32; LIMBS];

    fn below(i: usize) -> usize {
        (i + LIMBS - 1) % LIMBS
    }

    fn above(i: usize) -> usize {
        (i + 1) % LIMBS
    }

    /// The digits of the non-negative finite `magnitude` with `precision`
    /// decimals (and a `.` even without decimals if `alt`).
    pub(super) fn digits(magnitude: f64, precision: usize, alt: bool) -> String {
        let mut nd: Limbs = [0; LIMBS];
        let bits = magnitude.to_bits();
        let (hi, lo) = ((bits >> 32) as u32, bits as u32);
        // magnitude == mantissa * 2^exponent, the mantissa loaded into nd.
        let mut exponent = ((hi >> 20) & 0x7ff) as i32;
        nd[0] = hi & 0xf_ffff;
        if exponent == 0 {
            exponent = 1;
        } else {
            nd[0] |= 0x10_0000;
        }
        exponent -= 1043;
        let mut top = 0;
        if lo != 0 {
            exponent -= 32;
            nd[0] = (nd[0] << 3) | (lo >> 29);
            top = mul_pow2(&mut nd, top, MUL_STEP, lo & 0x1fff_ffff);
        }
        let mut bottom = 0;
        if exponent >= 0 {
            top = mul_pow2(&mut nd, top, exponent as u32, 0);
        } else {
            bottom = div_pow2(&mut nd, top, exponent.unsigned_abs());
            if top != 0 && nd[top] == 0 {
                top -= 1;
            }
        }
        let fraction_limbs = (LIMBS - bottom) % LIMBS;
        if precision < fraction_limbs * 9 {
            top = round_half_even(&mut nd, bottom, top, -(precision as i32) - 1);
        }
        let mut text = nd[top].to_string();
        for i in (0..top).rev() {
            let _ = write!(text, "{:09}", nd[i]);
        }
        if precision > 0 || alt {
            text.push('.');
            let fraction_start = text.len();
            let mut i = 0;
            while text.len() - fraction_start < precision && i != bottom {
                i = below(i);
                let _ = write!(text, "{:09}", nd[i]);
            }
            text.truncate(fraction_start + precision);
            text.extend(std::iter::repeat_n('0', fraction_start + precision - text.len()));
        }
        text
    }

    /// nd = nd * 2^k + carry; returns the new top limb.
    fn mul_pow2(nd: &mut Limbs, mut top: usize, mut k: u32, mut carry: u32) -> usize {
        while k > 0 {
            let step = k.min(MUL_STEP);
            for limb in nd.iter_mut().take(top + 1) {
                let value = (u64::from(*limb) << step) | u64::from(carry);
                carry = (value / u64::from(LIMB_BASE)) as u32;
                *limb = (value % u64::from(LIMB_BASE)) as u32;
            }
            if carry != 0 {
                top = above(top);
                nd[top] = carry;
                carry = 0;
            }
            k -= step;
        }
        top
    }

    /// nd = nd / 2^k, the fraction growing downwards from limb 63 and
    /// wrapping around the ring; returns the bottom limb.
    fn div_pow2(nd: &mut Limbs, mut top: usize, mut k: u32) -> usize {
        let mut bottom = 0;
        if top == 0 {
            if nd[0] == 0 {
                return 0;
            }
            let shift = nd[0].trailing_zeros();
            if shift >= k {
                nd[0] >>= k;
                return 0;
            }
            nd[0] >>= shift;
            k -= shift;
        }
        while k > 0 {
            let step = k.min(9);
            let mask = (1u32 << step) - 1;
            let scale = LIMB_BASE >> step;
            let mut i = top;
            let mut carry = 0u32;
            loop {
                let value = nd[i];
                nd[i] = (value >> step).wrapping_add(carry);
                carry = (value & mask).wrapping_mul(scale);
                if i == bottom {
                    break;
                }
                i = below(i);
            }
            if carry != 0 {
                bottom = below(bottom);
                nd[bottom] = carry;
            }
            // Whole steps of 2^9 also drop a top limb that became zero.
            if step == 9 && nd[top] == 0 {
                top = below(top);
            }
            k -= step;
        }
        bottom
    }

    /// Rounds to the decimal digit above 10^e (e < 0), ties to even; the
    /// digits below are left as they are. Returns the new top limb.
    fn round_half_even(nd: &mut Limbs, bottom: usize, top: usize, e: i32) -> usize {
        let (i, d) = digit_position(e);
        let limb = format!("{:09}", nd[i]).into_bytes();
        if limb[d] < b'5' {
            return top;
        }
        if limb[d] == b'5' {
            let previous_odd = if d > 0 { limb[d - 1] & 1 == 1 } else { nd[above(i)] & 1 == 1 };
            if !previous_odd && limb[d + 1..].iter().all(|&c| c == b'0') {
                // LuaJIT checks the limbs from this one down to the bottom.
                let mut j = i;
                let mut rest_is_zero = true;
                while j != bottom {
                    if nd[j] != 0 {
                        rest_is_zero = false;
                        break;
                    }
                    j = below(j);
                }
                if rest_is_zero {
                    return top;
                }
            }
        }
        add_five_at(nd, top, e)
    }

    /// Limb index and digit index (0 = most significant of nine) of 10^e.
    fn digit_position(e: i32) -> (usize, usize) {
        let limb_offset = (e - 8) / 9;
        ((LIMBS as i32 + limb_offset) as usize, (8 - e + limb_offset * 9) as usize)
    }

    /// nd += 5 * 10^e (e < 0); returns the new top limb.
    fn add_five_at(nd: &mut Limbs, mut top: usize, e: i32) -> usize {
        let (mut i, d) = digit_position(e);
        let mut carry = 5 * 10u32.pow(8 - d as u32);
        loop {
            let value = nd[i] + carry;
            if value < LIMB_BASE {
                nd[i] = value;
                return top;
            }
            nd[i] = value - LIMB_BASE;
            if i == top {
                top = above(top);
                nd[top] = 1;
                return top;
            }
            carry = 1;
            i = above(i);
        }
    }
}

/// `%q`: the string in double quotes with LuaJIT's escapes.
fn write_quoted(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'"');
    for (i, &c) in text.iter().enumerate() {
        match c {
            b'"' | b'\\' | b'\n' => out.extend_from_slice(&[b'\\', c]),
            0..=31 | 127 => {
                let next_is_digit = text.get(i + 1).is_some_and(u8::is_ascii_digit);
                out.push(b'\\');
                if c >= 100 || next_is_digit {
                    let _ = write!(VecWriter(out), "{c:03}");
                } else {
                    let _ = write!(VecWriter(out), "{c}");
                }
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// `%p`: `NULL`, or `0x` and at least 8 hex digits (more, in whole bytes,
/// when the upper 32 bits are set).
fn write_pointer(out: &mut Vec<u8>, address: usize) {
    let address = address as u64;
    if address == 0 {
        out.extend_from_slice(b"NULL");
        return;
    }
    let high = address >> 32;
    let digits = if high == 0 {
        8
    } else {
        let highest_bit = 63 - high.leading_zeros() as usize;
        8 + 2 + 2 * (highest_bit / 8)
    };
    let _ = write!(VecWriter(out), "0x{:0width$x}", address, width = digits);
}

/// Lets `write!` append to a byte vector.
struct VecWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for VecWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arguments for tests: numbers and strings by position (from 2).
    struct TestArgs(Vec<TestArg>);

    enum TestArg {
        Num(f64),
        Str(&'static [u8]),
    }

    impl FormatArgs for TestArgs {
        type Error = String;
        fn arg_count(&self) -> usize {
            self.0.len() + 1
        }
        fn number(&mut self, arg: usize) -> Result<f64, String> {
            match &self.0[arg - 2] {
                TestArg::Num(n) => Ok(*n),
                TestArg::Str(_) => Err(format!("bad argument #{arg} to 'format' (number expected, got string)")),
            }
        }
        fn string(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, String> {
            match &self.0[arg - 2] {
                TestArg::Num(n) => Ok(Cow::Owned(number_to_string(*n))),
                TestArg::Str(s) => Ok(Cow::Borrowed(s)),
            }
        }
        fn pointer(&mut self, _arg: usize) -> Result<usize, String> {
            Ok(0)
        }
    }

    use TestArg::{Num as N, Str as S};

    fn run(fmt: &[u8], args: &[TestArg]) -> Result<Vec<u8>, Vec<u8>> {
        let args = args
            .iter()
            .map(|a| match a {
                N(n) => N(*n),
                S(s) => S(s),
            })
            .collect();
        format(fmt, &mut TestArgs(args)).map_err(|e| match e {
            FormatError::NoValue(arg) => format!("bad argument #{arg} to '?' (value expected)").into_bytes(),
            FormatError::Arg(msg) => msg.into_bytes(),
            other => other.message().unwrap(),
        })
    }

    /// Hand-picked `string.format` calls and what LuaJIT 2.1 returned for
    /// them (generated with the mlua-vendored LuaJIT; `'?'` because the
    /// oracle called `format` through `pcall`).
    #[test]
    fn format_cases_match_luajit() {
        #[allow(clippy::type_complexity, clippy::excessive_precision)]
        let cases: &[(&[u8], &[TestArg], Result<&[u8], &[u8]>)] = &[
            (b"%s", &[S(b"hello")], Ok(b"hello")),
            (b"%10s|", &[S(b"hi")], Ok(b"        hi|")),
            (b"%-10s|", &[S(b"hi")], Ok(b"hi        |")),
            (b"%.2s", &[S(b"hello")], Ok(b"he")),
            (b"%5.1s|", &[S(b"abc")], Ok(b"    a|")),
            (b"%.0s|", &[S(b"abc")], Ok(b"|")),
            (b"%s", &[N(1.5)], Ok(b"1.5")),
            (b"%s", &[N(1e+100)], Ok(b"1e+100")),
            (b"%s", &[N(-0.0)], Ok(b"-0")),
            (b"%s", &[N(f64::NAN)], Ok(b"nan")),
            (b"%s %s", &[S(b"a\x00b"), S(b"c")], Ok(b"a\x00b c")),
            (b"%.99s", &[S(b"x")], Ok(b"x")),
            (b"%q", &[S(b"a\x0ab")], Ok(b"\x22a\x5c\x0ab\x22")),
            (b"%q", &[S(b"a\x00b")], Ok(b"\x22a\x5c0b\x22")),
            (b"%q", &[S(b"a\x001")], Ok(b"\x22a\x5c0001\x22")),
            (b"%q", &[S(b"\x0d\x09\x01\x1f9\x7f\x7f0")], Ok(b"\x22\x5c13\x5c9\x5c1\x5c0319\x5c127\x5c1270\x22")),
            (b"%q", &[S(b"\x22\x5c")], Ok(b"\x22\x5c\x22\x5c\x5c\x22")),
            (b"%q", &[S(b"\xc8\xff")], Ok(b"\x22\xc8\xff\x22")),
            (b"%q", &[N(0.33333333333333331)], Ok(b"\x220.33333333333333\x22")),
            (b"%q", &[N(12.0)], Ok(b"\x2212\x22")),
            (b"%10q", &[S(b"x")], Ok(b"\x22x\x22")),
            (b"%-5q|", &[S(b"x")], Ok(b"\x22x\x22|")),
            (b"%q", &[S(b"\x1b[0m")], Ok(b"\x22\x5c27[0m\x22")),
            (b"%q", &[S(b"")], Ok(b"\x22\x22")),
            (b"%c", &[N(65.0)], Ok(b"A")),
            (b"%c", &[N(0.0)], Ok(b"\x00")),
            (b"%c", &[N(322.0)], Ok(b"B")),
            (b"%c", &[N(-1.0)], Ok(b"\xff")),
            (b"%c", &[N(65.900000000000006)], Ok(b"A")),
            (b"%5c|", &[N(65.0)], Ok(b"    A|")),
            (b"%-5c|", &[N(65.0)], Ok(b"A    |")),
            (b"%c", &[N(2147483648.0)], Ok(b"\x00")),
            (b"%c", &[N(-2147483648.0)], Ok(b"\x00")),
            (b"%c", &[N(f64::NAN)], Ok(b"\x00")),
            (b"%d", &[N(3.7000000000000002)], Ok(b"3")),
            (b"%d", &[N(-3.7000000000000002)], Ok(b"-3")),
            (b"%d", &[N(9007199254740992.0)], Ok(b"9007199254740992")),
            (b"%d", &[N(9.2233720368547758e+18)], Ok(b"-9223372036854775808")),
            (b"%d", &[N(-9.2233720368547758e+18)], Ok(b"-9223372036854775808")),
            (b"%d", &[N(1.0000000000000001e+300)], Ok(b"-9223372036854775808")),
            (b"%d", &[N(f64::NAN)], Ok(b"-9223372036854775808")),
            (b"%d", &[N(-0.0)], Ok(b"0")),
            (b"%5d|%-5d|%05d", &[N(42.0), N(42.0), N(-42.0)], Ok(b"   42|42   |-0042")),
            (b"%+d % d %+ d", &[N(5.0), N(5.0), N(5.0)], Ok(b"+5  5 +5")),
            (b"%.3d|%.0d|%5.0d|", &[N(7.0), N(0.0), N(0.0)], Ok(b"007||     |")),
            (b"%#x %#X %#o %#o", &[N(255.0), N(255.0), N(8.0), N(0.0)], Ok(b"0xff 0XFF 010 0")),
            (b"%x", &[N(-1.0)], Ok(b"ffffffffffffffff")),
            (b"%X", &[N(1.8446744073709552e+19)], Ok(b"0")),
            (b"%o", &[N(-1.0)], Ok(b"1777777777777777777777")),
            (b"%u", &[N(-1.0)], Ok(b"18446744073709551615")),
            (b"%u", &[N(2.7670116110564327e+19)], Ok(b"9223372036854775808")),
            (b"%x", &[N(3.6893488147419103e+19)], Ok(b"8000000000000000")),
            (b"%#.5x", &[N(0.0)], Ok(b"00000")),
            (b"%#x", &[N(0.0)], Ok(b"0")),
            (b"%i", &[N(12.0)], Ok(b"12")),
            (b"%%", &[], Ok(b"%")),
            (b"a%%b%%", &[], Ok(b"a%b%")),
            (b"%5%", &[], Err(b"invalid option '%5%' to 'format'")),
            (b"100%", &[], Err(b"invalid option '%' to 'format'")),
            (b"%", &[], Err(b"invalid option '%' to 'format'")),
            (b"%z", &[N(1.0)], Err(b"invalid option '%z' to 'format'")),
            (b"%10.3z", &[], Err(b"invalid option '%10.3z' to 'format'")),
            (b"%123d", &[N(1.0)], Err(b"invalid option '%123' to 'format'")),
            (b"%1.123f", &[N(1.0)], Err(b"invalid option '%1.123' to 'format'")),
            (b"%-+ #0d", &[N(1.0)], Ok(b"+1")),
            (b"%0-5d|", &[N(1.0)], Ok(b"1    |")),
            (b"%------5d|", &[N(1.0)], Ok(b"1    |")),
            (b"%.", &[N(1.0)], Err(b"invalid option '%.' to 'format'")),
            (b"%.f", &[N(2.5)], Ok(b"2")),
            (b"%5.d", &[N(1.0)], Ok(b"    1")),
            (b"%d", &[], Err(b"bad argument #2 to '?' (value expected)")),
            (b"%d %d", &[N(1.0)], Err(b"bad argument #3 to '?' (value expected)")),
            (b"%s", &[], Err(b"bad argument #2 to '?' (value expected)")),
            (b"abc", &[], Ok(b"abc")),
            (b"", &[], Ok(b"")),
            (b"%\xff", &[N(1.0)], Err(b"invalid option '%\xff' to 'format'")),
            (b"%\x0a", &[N(1.0)], Err(b"invalid option '%' to 'format'")),
            (b"x%5\x00d", &[N(1.0)], Err(b"invalid option '%5' to 'format'")),
            (b"a\x00b%d", &[N(7.0)], Ok(b"a\x00b7")),
            (b"%e", &[N(0.0)], Ok(b"0.000000e+00")),
            (b"%g", &[N(100000.0)], Ok(b"100000")),
            (b"%g", &[N(1000000.0)], Ok(b"1e+06")),
            (b"%g", &[N(0.0001)], Ok(b"0.0001")),
            (b"%g", &[N(1.0000000000000001e-05)], Ok(b"1e-05")),
            (b"%#g", &[N(1.0000000000000001e-05)], Ok(b"1.00000e-05")),
            (b"%.0g", &[N(0.5)], Ok(b"0.5")),
            (b"%.0e", &[N(2.5)], Ok(b"2e+00")),
            (b"%.20g", &[N(0.10000000000000001)], Ok(b"0.10000000000000000555")),
            (b"%a", &[N(0.5)], Ok(b"0x1p-1")),
            (b"%010a", &[N(1.0)], Ok(b"0x00001p+0")),
            (b"%-12a|", &[N(-1.0)], Ok(b"-0x1p+0     |")),
            (b"%+.1a", &[N(1.96875)], Ok(b"+0x2.0p+0")),
            (b"%#a", &[N(1.0)], Ok(b"0x1.p+0")),
            (b"%.15a", &[N(1.0)], Ok(b"0x1.000000000000000p+0")),
            (b"%5.1f|%-8.2e|%+g", &[N(f64::INFINITY), N(f64::NEG_INFINITY), N(f64::NAN)], Ok(b"  inf|-inf    |nan")),
            (b"%010f|% f|%+f", &[N(f64::INFINITY), N(f64::NAN), N(f64::NAN)], Ok(b"       inf| nan|nan")),
            (b"%F %E %G %A", &[N(f64::INFINITY), N(f64::NAN), N(f64::NEG_INFINITY), N(f64::INFINITY)], Ok(b"INF NAN -INF INF")),
            (b"%.14g", &[N(9.2233720368547758e+18)], Ok(b"9.2233720368548e+18")),
            (b"%.17g", &[N(0.10000000000000001)], Ok(b"0.10000000000000001")),
            (b"%.99f", &[N(0.10000000000000001)], Ok(b"0.100000000000000005551115123125782702118158340454101562500000000000000000000000000000000000000000000")),
            (b"%.3f", &[N(2.0005000000000002)], Ok(b"2.001")),
            (b"%.2f", &[N(0.125)], Ok(b"0.12")),
            (b"%.2f", &[N(0.375)], Ok(b"0.38")),
        ];
        for (fmt, args, expected) in cases {
            let got = run(fmt, args);
            let expected = expected.map(<[u8]>::to_vec).map_err(<[u8]>::to_vec);
            assert_eq!(got, expected, "format {:?}", show(fmt));
        }
    }

    #[test]
    fn format_pointers_and_ffi_integers() {
        struct Ptr;
        impl FormatArgs for Ptr {
            type Error = ();
            fn arg_count(&self) -> usize {
                9
            }
            fn number(&mut self, _: usize) -> Result<f64, ()> {
                Err(())
            }
            fn integer(&mut self, arg: usize) -> Result<IntegerArg, ()> {
                Ok(IntegerArg::Bits(if arg == 2 { u64::MAX } else { 1 << 63 }))
            }
            fn string(&mut self, _: usize) -> Result<Cow<'_, [u8]>, ()> {
                Err(())
            }
            fn pointer(&mut self, arg: usize) -> Result<usize, ()> {
                Ok([0, 0x1234, 0x7f12_3456_7890, 0x1_0000_0000][arg - 4])
            }
        }
        let got = format(b"%d %u|%p %10p %p %p", &mut Ptr).unwrap();
        assert_eq!(show(&got), "-1 9223372036854775808|NULL 0x00001234 0x7f1234567890 0x0100000000");
    }

    fn unescape(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'x') {
                out.push(u8::from_str_radix(&text[i + 2..i + 4], 16).unwrap());
                i += 4;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    fn show(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// `tostring` of ~3000 doubles (powers of two and ten and their
    /// neighbours, decimal ties, subnormals, random bit patterns) as LuaJIT
    /// 2.1 printed them (generated with the mlua-vendored LuaJIT).
    #[test]
    fn number_to_string_matches_luajit() {
        let mut failures = Vec::new();
        for line in include_str!("testdata/number_to_string.txt").lines() {
            let (bits, expected) = line.split_once(' ').unwrap();
            let n = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
            let got = number_to_string(n);
            if got != expected.as_bytes() {
                failures.push(format!("{bits} ({n:e}): got {} want {expected}", show(&got)));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures[..failures.len().min(30)].join("\n"));
    }

    /// `string.format(spec, n)` for random specs and doubles, as LuaJIT 2.1
    /// printed them (generated with the mlua-vendored LuaJIT).
    #[test]
    fn format_numbers_matches_luajit() {
        let mut failures = Vec::new();
        for line in include_str!("testdata/format_numbers.txt").lines() {
            let mut fields = line.splitn(3, '\t');
            let (spec, bits, expected) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
            let n = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
            let got = format(spec.as_bytes(), &mut TestArgs(vec![TestArg::Num(n)]));
            let got = match got {
                Ok(text) => text,
                Err(e) => format!("ERROR {:?}", e).into_bytes(),
            };
            if got != unescape(expected) {
                failures.push(format!("{spec} {bits} ({n:e}): got {} want {expected}", show(&got)));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures[..failures.len().min(40)].join("\n"));
    }
}

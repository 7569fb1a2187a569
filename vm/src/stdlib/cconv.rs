//! C's double-to-integer conversions as LuaJIT gets them on x86-64
//! (`cvttsd2si`): truncation toward zero, and the "integer indefinite"
//! value (the type's minimum) for NaN and out-of-range numbers.

/// `(int32_t)x`, as `lj_num2int` and `lj_lib_checkint` convert.
pub fn to_i32(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

/// `(int64_t)x`, as `time_t` and `lua_Integer` conversions do.
pub fn to_i64(x: f64) -> i64 {
    // ±2^63
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if (-LIMIT..LIMIT).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_and_indefinite() {
        assert_eq!(to_i32(-1.9), -1);
        assert_eq!(to_i32(2147483647.9), i32::MAX);
        assert_eq!(to_i32(-2147483648.9), i32::MIN);
        assert_eq!(to_i32(2147483648.0), i32::MIN);
        assert_eq!(to_i32(f64::NAN), i32::MIN);
        assert_eq!(to_i64(1.9), 1);
        assert_eq!(to_i64(f64::NAN), i64::MIN);
        assert_eq!(to_i64(1e300), i64::MIN);
    }
}

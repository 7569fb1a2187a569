//! Placeholder until the string library's formatter lands.
pub fn number_to_string(n: f64) -> Vec<u8> {
    if n.is_nan() {
        return if n.is_sign_negative() { b"-nan".to_vec() } else { b"nan".to_vec() };
    }
    if n.is_infinite() {
        return if n < 0.0 { b"-inf".to_vec() } else { b"inf".to_vec() };
    }
    if n == n.trunc() && n.abs() < 1e15 {
        if n == 0.0 && n.is_sign_negative() {
            return b"-0".to_vec();
        }
        return format!("{}", n as i64).into_bytes();
    }
    // %.14g
    let s = format!("{:.13e}", n);
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if (-4..14).contains(&exp) {
        let digits = (13 - exp).max(0) as usize;
        let f = format!("{:.*}", digits, n);
        let f = if f.contains('.') { f.trim_end_matches('0').trim_end_matches('.').to_string() } else { f };
        f.into_bytes()
    } else {
        let m = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
        format!("{}e{}{:02}", m, if exp < 0 { '-' } else { '+' }, exp.abs()).into_bytes()
    }
}

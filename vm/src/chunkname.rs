//! Placeholder until the front end's chunk-name formatter lands.
pub fn short_src(chunkname: &[u8]) -> Vec<u8> {
    if let Some(rest) = chunkname.strip_prefix(b"=") {
        return rest.to_vec();
    }
    if let Some(rest) = chunkname.strip_prefix(b"@") {
        return rest.to_vec();
    }
    let line = chunkname.split(|&c| c == b'\n').next().unwrap_or(b"");
    let mut out = b"[string \"".to_vec();
    out.extend_from_slice(line);
    out.extend_from_slice(b"\"]");
    out
}

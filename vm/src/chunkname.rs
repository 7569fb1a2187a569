//! Chunk names as LuaJIT prints them in messages (`short_src`).

/// LuaJIT's LUA_IDSIZE: the size of the formatted name buffer.
const ID_SIZE: usize = 60;

/// Formats a chunk name for error positions and debug info:
/// `=name` gives `name`, `@file` gives `file` (or `...` and its tail when
/// long), anything else (source text) gives `[string "first line..."]`.
pub fn short_src(chunkname: &[u8]) -> Vec<u8> {
    // Names are C strings in LuaJIT: an embedded NUL ends them.
    let name = match chunkname.iter().position(|&c| c == 0) {
        Some(n) => &chunkname[..n],
        None => chunkname,
    };
    match name.first() {
        Some(b'=') => {
            let rest = &name[1..];
            rest[..rest.len().min(ID_SIZE - 1)].to_vec()
        }
        Some(b'@') => {
            let rest = &name[1..];
            if rest.len() >= ID_SIZE {
                let mut out = b"...".to_vec();
                out.extend_from_slice(&rest[rest.len() - (ID_SIZE - 4)..]);
                out
            } else {
                rest.to_vec()
            }
        }
        _ => {
            // Length up to the first control character, at most ID_SIZE-12.
            let mut len = 0;
            while len < ID_SIZE - 12 && len < name.len() && name[len] >= b' ' {
                len += 1;
            }
            let mut out = b"[string \"".to_vec();
            if len < name.len() {
                let len = len.min(ID_SIZE - 15);
                out.extend_from_slice(&name[..len]);
                out.extend_from_slice(b"...");
            } else {
                out.extend_from_slice(name);
            }
            out.extend_from_slice(b"\"]");
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short_src;

    fn s(x: &str) -> String {
        String::from_utf8(short_src(x.as_bytes())).unwrap()
    }

    #[test]
    fn forms() {
        assert_eq!(s("=stdin"), "stdin");
        assert_eq!(s("@foo.lua"), "foo.lua");
        assert_eq!(s("x = = 1"), "[string \"x = = 1\"]");
        assert_eq!(s("a\nb"), "[string \"a...\"]");
        assert_eq!(s(""), "[string \"\"]");
        let long = "x".repeat(100);
        assert_eq!(s(&long), format!("[string \"{}...\"]", "x".repeat(45)));
        assert_eq!(s(&"y".repeat(48)), format!("[string \"{}\"]", "y".repeat(48)));
        assert_eq!(s(&"y".repeat(49)), format!("[string \"{}...\"]", "y".repeat(45)));
        let file = format!("@{}", "d/".repeat(40));
        assert_eq!(s(&file), format!("...{}", &"d/".repeat(40)[80 - 56..]));
        assert_eq!(s(&format!("={}", "n".repeat(80))), "n".repeat(59));
    }
}

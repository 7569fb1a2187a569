//! `LuaString`: a handle to a Lua string (mlua's `String`).

use crate::error::{Error, Result};
use crate::value::LuaRef;

/// A Lua string: immutable bytes, not necessarily UTF-8.
///
/// ```
/// let lua = neap::Lua::new();
/// let s = lua.create_string("héllo")?;
/// assert_eq!(s.to_str()?, "héllo");
/// assert_eq!(s.as_bytes().len(), 6);
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct LuaString(pub(crate) LuaRef);

impl LuaString {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        let Ok(lua) = self.0.lua() else { return b"" };
        lua.with_vm(|vm| {
            let v = vm.get_ref(self.0.r);
            // SAFETY: the string is held by this handle's host reference for
            // as long as `self` lives, and Lua strings never change or move.
            unsafe { v.str_bytes() }.unwrap_or(b"")
        })
    }

    /// The text, if it is valid UTF-8.
    pub fn to_str(&self) -> Result<&str> {
        std::str::from_utf8(self.as_bytes())
            .map_err(|e| Error::from_lua_conversion("string", "&str", Some(format!("invalid utf-8: {}", e))))
    }

    /// The text, with invalid UTF-8 replaced.
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }

    /// The bytes with a trailing NUL, as C sees them.
    pub fn as_bytes_with_nul(&self) -> Vec<u8> {
        let mut v = self.as_bytes().to_vec();
        v.push(0);
        v
    }
}

impl std::fmt::Debug for LuaString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.to_string_lossy())
    }
}

impl Eq for LuaString {}

impl std::hash::Hash for LuaString {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}

impl AsRef<[u8]> for LuaString {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq<str> for LuaString {
    fn eq(&self, other: &str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for LuaString {
    fn eq(&self, other: &&str) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use crate::Lua;

    #[test]
    fn bytes_and_text() {
        let lua = Lua::new();
        let s = lua.create_string(b"a\xffb").unwrap();
        assert_eq!(s.as_bytes(), b"a\xffb");
        assert!(s.to_str().is_err());
        assert_eq!(s.to_string_lossy(), "a\u{fffd}b");
        assert_eq!(lua.create_string("x").unwrap(), "x");
    }
}

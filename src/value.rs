//! `Value`: a Lua value as the host sees it, and `LuaRef`, what every
//! handle holds.

use crate::error::Error;
use crate::function::Function;
use crate::lua::{Lua, LuaCell};
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::AnyUserData;
use neap_vm::state::HostRef;
use std::sync::Weak;

/// A Lua object the host holds: a host reference in the VM (a GC root) and
/// the state it belongs to. Dropping it lets the collector reclaim the object.
pub(crate) struct LuaRef {
    pub(crate) lua: Weak<LuaCell>,
    pub(crate) r: HostRef,
}

impl LuaRef {
    /// The state this handle belongs to.
    pub(crate) fn lua(&self) -> Result<Lua, Error> {
        self.lua.upgrade().map(|raw| Lua { raw }).ok_or(Error::LuaDestroyed)
    }

    /// The VM value held.
    pub(crate) fn raw(&self, lua: &Lua, vm: &mut neap_vm::Vm) -> Result<neap_vm::Value, Error> {
        lua.ref_value(vm, self)
    }
}

impl Clone for LuaRef {
    fn clone(&self) -> LuaRef {
        match self.lua() {
            Ok(lua) => lua.with_vm(|vm| {
                let v = vm.get_ref(self.r);
                LuaRef { lua: self.lua.clone(), r: vm.hold(v) }
            }),
            // The state is gone: the copy is as dead as the original.
            Err(_) => LuaRef { lua: self.lua.clone(), r: self.r },
        }
    }
}

impl Drop for LuaRef {
    fn drop(&mut self) {
        if let Some(cell) = self.lua.upgrade() {
            Lua::defer_release(&cell, self.r);
        }
    }
}

impl std::fmt::Debug for LuaRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.r)
    }
}

impl PartialEq for LuaRef {
    /// The same object (raw equality).
    fn eq(&self, other: &LuaRef) -> bool {
        if !Weak::ptr_eq(&self.lua, &other.lua) {
            return false;
        }
        match self.lua() {
            Ok(lua) => lua.with_vm(|vm| vm.get_ref(self.r) == vm.get_ref(other.r)),
            Err(_) => self.r == other.r,
        }
    }
}

/// A light userdata: a bare pointer, compared by address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LightUserData(pub *mut std::ffi::c_void);

// SAFETY: a light userdata is an opaque address; Lua never dereferences it.
unsafe impl Send for LightUserData {}
unsafe impl Sync for LightUserData {}

/// A Lua value.
///
/// Numbers with an integral value that fits an `i64` come out as
/// `Integer`, others as `Number` (LuaJIT has only doubles).
///
/// ```
/// use neap::{Lua, Value};
/// let lua = Lua::new();
/// let v: Value = lua.load("return 1.5").eval()?;
/// assert_eq!(v, Value::Number(1.5));
/// assert_eq!(v.type_name(), "number");
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    /// `nil`.
    Nil,
    /// `true` or `false`.
    Boolean(bool),
    /// A bare pointer.
    LightUserData(LightUserData),
    /// A number with an integral value that fits `i64`.
    Integer(i64),
    /// Any other number.
    Number(f64),
    /// A string.
    String(LuaString),
    /// A table.
    Table(Table),
    /// A function (Lua or Rust).
    Function(Function),
    /// A coroutine.
    Thread(Thread),
    /// A full userdata.
    UserData(AnyUserData),
    /// A Rust error travelling through Lua as a value (see [`Error`]).
    Error(Box<Error>),
}

/// `Nil`, as a constant.
#[allow(non_upper_case_globals)]
pub const Nil: Value = Value::Nil;

impl Value {
    /// The Lua type name, as `type()` says it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Boolean(_) => "boolean",
            Value::LightUserData(_) | Value::UserData(_) | Value::Error(_) => "userdata",
            Value::Integer(_) | Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Table(_) => "table",
            Value::Function(_) => "function",
            Value::Thread(_) => "thread",
        }
    }

    /// Whether it is `nil`.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The boolean, if it is one.
    pub fn as_boolean(&self) -> Option<bool> {
        match self {
            Value::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// The integer, if it is an `Integer`.
    pub fn as_integer(&self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// The number, integer or not.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Integer(i) => Some(*i as f64),
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The string, if it is one.
    pub fn as_string(&self) -> Option<&LuaString> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The string's text, if it is a string of valid UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        self.as_string().and_then(|s| s.to_str().ok())
    }

    /// The table, if it is one.
    pub fn as_table(&self) -> Option<&Table> {
        match self {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The function, if it is one.
    pub fn as_function(&self) -> Option<&Function> {
        match self {
            Value::Function(f) => Some(f),
            _ => None,
        }
    }

    /// The coroutine, if it is one.
    pub fn as_thread(&self) -> Option<&Thread> {
        match self {
            Value::Thread(t) => Some(t),
            _ => None,
        }
    }

    /// The userdata, if it is one.
    pub fn as_userdata(&self) -> Option<&AnyUserData> {
        match self {
            Value::UserData(u) => Some(u),
            _ => None,
        }
    }

    /// The value as `tostring` shows it (with `__tostring`).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let v: neap::Value = lua.load("setmetatable({}, {__tostring = function() return 'T' end})").eval()?;
    /// assert_eq!(v.to_string()?, "T");
    /// assert_eq!(neap::Value::Number(0.1).to_string()?, "0.1");
    /// # Ok::<(), neap::Error>(())
    /// ```
    #[allow(clippy::inherent_to_string)]
    pub fn to_string(&self) -> Result<String, Error> {
        let handle = match self {
            Value::Nil => return Ok("nil".into()),
            Value::Boolean(b) => return Ok(b.to_string()),
            Value::Integer(i) => return Ok(i.to_string()),
            Value::Number(n) => {
                return Ok(String::from_utf8_lossy(&neap_vm::strfmt::number_to_string(*n)).into_owned());
            }
            Value::LightUserData(p) => return Ok(format!("userdata: {:p}", p.0)),
            Value::Error(e) => return Ok(e.to_string()),
            Value::String(s) => return Ok(s.to_string_lossy()),
            Value::Table(Table(r))
            | Value::Function(Function(r))
            | Value::Thread(Thread(r))
            | Value::UserData(AnyUserData(r)) => r,
        };
        let lua = handle.lua()?;
        lua.with_vm(|vm| {
            let v = handle.raw(&lua, vm)?;
            match vm.tostring(v) {
                // SAFETY: `tostring` returned a string that nothing else
                // holds: it is read before anything can collect it.
                Ok(s) => Ok(String::from_utf8_lossy(unsafe { s.str_bytes() }.unwrap_or(b"")).into_owned()),
                Err(e) => Err(lua.convert_error(vm, e)),
            }
        })
    }

    /// Lua truthiness: all but `nil` and `false`.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Boolean(false))
    }
}

impl PartialEq for Value {
    /// Raw equality (no `__eq`): numbers by value, objects by identity.
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            (a, b) if a.as_number().is_some() && b.as_number().is_some() => a.as_number() == b.as_number(),
            (Value::String(a), Value::String(b)) => a.as_bytes() == b.as_bytes(),
            (Value::Table(a), Value::Table(b)) => a.0 == b.0,
            (Value::Function(a), Value::Function(b)) => a.0 == b.0,
            (Value::Thread(a), Value::Thread(b)) => a.0 == b.0,
            (Value::UserData(a), Value::UserData(b)) => a.0 == b.0,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_split_into_integers_and_floats() {
        let lua = Lua::new();
        let v: Value =
            lua.load("return 3, 2.5, -0.0, 2^70").eval::<crate::MultiValue>().unwrap().into_iter().next().unwrap();
        assert_eq!(v.as_integer(), Some(3));
        let all: Vec<Value> =
            lua.load("return 3, 2.5, -0.0, 2^70").eval::<crate::MultiValue>().unwrap().into_iter().collect();
        assert!(matches!(all[1], Value::Number(n) if n == 2.5));
        assert!(matches!(all[2], Value::Number(n) if n == 0.0 && n.is_sign_negative()));
        assert!(matches!(all[3], Value::Number(_)));
    }

    #[test]
    fn equality_is_raw() {
        let lua = Lua::new();
        let t = lua.create_table().unwrap();
        let a = Value::Table(t.clone());
        assert_eq!(a, Value::Table(t));
        assert_ne!(a, Value::Table(lua.create_table().unwrap()));
        assert_eq!(Value::Integer(1), Value::Number(1.0));
        assert_eq!(Value::String(lua.create_string("x").unwrap()), Value::String(lua.create_string("x").unwrap()));
    }
}

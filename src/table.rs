//! `Table`: a handle to a Lua table.

use crate::conversion::{FromLua, IntoLua};
use crate::error::{Error, Result};
use crate::lua::Lua;
use crate::value::{LuaRef, Value};
use std::marker::PhantomData;

/// A Lua table.
///
/// ```
/// let lua = neap::Lua::new();
/// let t = lua.create_table()?;
/// t.set("name", "neap")?;
/// t.set(1, 10)?;
/// assert_eq!(t.get::<String>("name")?, "neap");
/// assert!(t.contains_key(1)?);
/// assert_eq!(t.len()?, 1);
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Table(pub(crate) LuaRef);

impl Table {
    fn ptr(&self, lua: &Lua, vm: &mut neap_vm::Vm) -> Result<*mut neap_vm::table::Table> {
        Ok(self.0.raw(lua, vm)?.as_table_ptr().expect("a Table handle holds a table"))
    }

    /// `t[key] = value`, with `__newindex`.
    pub fn set(&self, key: impl IntoLua, value: impl IntoLua) -> Result<()> {
        let lua = self.0.lua()?;
        let (key, value) = (key.into_lua(&lua)?, value.into_lua(&lua)?);
        lua.with_vm(|vm| {
            let t = self.0.raw(&lua, vm)?;
            let (k, v) = (lua.raw_value(vm, &key)?, lua.raw_value(vm, &value)?);
            vm.set_index(t, k, v, None).map_err(|e| lua.convert_error(vm, e))
        })
    }

    /// `t[key]`, with `__index`.
    pub fn get<V: FromLua>(&self, key: impl IntoLua) -> Result<V> {
        let lua = self.0.lua()?;
        let key = key.into_lua(&lua)?;
        let v = lua.with_vm(|vm| {
            let t = self.0.raw(&lua, vm)?;
            let k = lua.raw_value(vm, &key)?;
            match vm.index(t, k, None) {
                Ok(v) => Ok(lua.api_value(vm, v)),
                Err(e) => Err(lua.convert_error(vm, e)),
            }
        })?;
        V::from_lua(v, &lua)
    }

    /// Whether `t[key]` is not nil.
    pub fn contains_key(&self, key: impl IntoLua) -> Result<bool> {
        Ok(!self.get::<Value>(key)?.is_nil())
    }

    /// `t[key] = value` without metamethods.
    pub fn raw_set(&self, key: impl IntoLua, value: impl IntoLua) -> Result<()> {
        let lua = self.0.lua()?;
        let (key, value) = (key.into_lua(&lua)?, value.into_lua(&lua)?);
        lua.with_vm(|vm| {
            let t = self.ptr(&lua, vm)?;
            let (k, v) = (lua.raw_value(vm, &key)?, lua.raw_value(vm, &value)?);
            vm.raw_set(t, k, v).map_err(|e| lua.convert_error(vm, e))
        })
    }

    /// `t[key]` without metamethods.
    pub fn raw_get<V: FromLua>(&self, key: impl IntoLua) -> Result<V> {
        let lua = self.0.lua()?;
        let key = key.into_lua(&lua)?;
        let v = lua.with_vm(|vm| {
            let t = self.ptr(&lua, vm)?;
            let k = lua.raw_value(vm, &key)?;
            // SAFETY: the table is held by this handle.
            let v = unsafe { (*t).get(k) };
            Ok::<_, Error>(lua.api_value(vm, v))
        })?;
        V::from_lua(v, &lua)
    }

    /// `#t`. (LuaJIT does not call `__len` for tables.)
    pub fn len(&self) -> Result<i64> {
        Ok(self.raw_len() as i64)
    }

    /// Whether `#t` is 0.
    pub fn is_empty(&self) -> bool {
        self.raw_len() == 0
    }

    /// `#t` without metamethods: a border of the array part.
    pub fn raw_len(&self) -> usize {
        let Ok(lua) = self.0.lua() else { return 0 };
        lua.with_vm(|vm| match self.ptr(&lua, vm) {
            // SAFETY: the table is held by this handle.
            Ok(t) => unsafe { (*t).len() },
            Err(_) => 0,
        })
    }

    /// Appends `value` at `#t + 1` (raw).
    pub fn push(&self, value: impl IntoLua) -> Result<()> {
        self.raw_push(value)
    }

    /// Appends `value` at `#t + 1` (raw).
    pub fn raw_push(&self, value: impl IntoLua) -> Result<()> {
        self.raw_set(self.raw_len() as i64 + 1, value)
    }

    /// Removes and returns `t[#t]` (raw).
    pub fn raw_pop<V: FromLua>(&self) -> Result<V> {
        let n = self.raw_len() as i64;
        let v: Value = if n == 0 { Value::Nil } else { self.raw_get(n)? };
        if n > 0 {
            self.raw_set(n, Value::Nil)?;
        }
        V::from_lua(v, &self.0.lua()?)
    }

    /// Inserts `value` at `idx` (1 to `#t + 1`), shifting the rest up, as
    /// `table.insert` does (raw).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let t = lua.create_sequence_from(["a", "c"])?;
    /// t.raw_insert(2, "b")?;
    /// assert_eq!(t.raw_remove::<String>(1)?, "a");
    /// assert_eq!(t.sequence_values::<String>().collect::<neap::Result<Vec<_>>>()?, ["b", "c"]);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn raw_insert(&self, idx: i64, value: impl IntoLua) -> Result<()> {
        let n = self.raw_len() as i64;
        if idx < 1 || idx > n + 1 {
            return Err(Error::runtime("index out of bounds"));
        }
        for i in (idx..=n).rev() {
            let v: Value = self.raw_get(i)?;
            self.raw_set(i + 1, v)?;
        }
        self.raw_set(idx, value)
    }

    /// Removes and returns `t[idx]` (1 to `#t`), shifting the rest down, as
    /// `table.remove` does (raw).
    pub fn raw_remove<V: FromLua>(&self, idx: i64) -> Result<V> {
        let n = self.raw_len() as i64;
        if idx < 1 || idx > n {
            return Err(Error::runtime("index out of bounds"));
        }
        let removed: Value = self.raw_get(idx)?;
        for i in idx..n {
            let v: Value = self.raw_get(i + 1)?;
            self.raw_set(i, v)?;
        }
        self.raw_set(n, Value::Nil)?;
        V::from_lua(removed, &self.0.lua()?)
    }

    /// Sets or removes the metatable (raw, ignoring `__metatable`).
    pub fn set_metatable(&self, metatable: Option<Table>) -> Result<()> {
        let lua = self.0.lua()?;
        lua.with_vm(|vm| {
            let t = self.ptr(&lua, vm)?;
            let mt = match &metatable {
                Some(mt) => mt.ptr(&lua, vm)?,
                None => std::ptr::null_mut(),
            };
            // SAFETY: both tables are held by handles.
            unsafe { (*t).metatable = mt };
            Ok(())
        })
    }

    /// The metatable, if any.
    pub fn get_metatable(&self) -> Option<Table> {
        let lua = self.0.lua().ok()?;
        lua.with_vm(|vm| {
            let t = self.ptr(&lua, vm).ok()?;
            // SAFETY: the table is held by this handle.
            let mt = unsafe { (*t).metatable };
            (!mt.is_null()).then(|| Table(lua.make_ref(vm, neap_vm::Value::table(mt))))
        })
    }

    /// Every key-value pair, converted (raw traversal, `next` order).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let t = lua.create_table_from([("a", 1), ("b", 2)])?;
    /// let mut sum = 0;
    /// for pair in t.pairs::<String, i64>() {
    ///     let (_, v) = pair?;
    ///     sum += v;
    /// }
    /// assert_eq!(sum, 3);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn pairs<K: FromLua, V: FromLua>(&self) -> TablePairs<K, V> {
        TablePairs { table: self.clone(), key: Some(Value::Nil), _types: PhantomData }
    }

    /// `t[1], t[2], ...` up to the first nil, converted (raw).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let t = lua.create_sequence_from([1, 2, 3])?;
    /// let v: Vec<i32> = t.sequence_values().collect::<neap::Result<_>>()?;
    /// assert_eq!(v, [1, 2, 3]);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn sequence_values<V: FromLua>(&self) -> TableSequence<V> {
        TableSequence { table: self.clone(), index: 1, done: false, _types: PhantomData }
    }

    /// Calls `f` for every pair.
    pub fn for_each<K: FromLua, V: FromLua>(&self, mut f: impl FnMut(K, V) -> Result<()>) -> Result<()> {
        for pair in self.pairs::<K, V>() {
            let (k, v) = pair?;
            f(k, v)?;
        }
        Ok(())
    }

    /// Removes every pair (raw).
    pub fn clear(&self) -> Result<()> {
        let lua = self.0.lua()?;
        lua.with_vm(|vm| {
            let t = self.ptr(&lua, vm)?;
            // SAFETY: the table is held by this handle.
            unsafe { (*t).clear() };
            Ok(())
        })
    }

    /// The raw next pair after `key`.
    fn next_pair(&self, key: &Value) -> Result<Option<(Value, Value)>> {
        let lua = self.0.lua()?;
        lua.with_vm(|vm| {
            let t = self.ptr(&lua, vm)?;
            let k = lua.raw_value(vm, key)?;
            // SAFETY: the table is held by this handle.
            match unsafe { (*t).next(k) } {
                Ok(Some((k, v))) => Ok(Some((lua.api_value(vm, k), lua.api_value(vm, v)))),
                Ok(None) => Ok(None),
                Err(_) => Err(Error::runtime("invalid key to 'next'")),
            }
        })
    }
}

/// Iterator of [`Table::pairs`].
pub struct TablePairs<K, V> {
    table: Table,
    /// The last key seen; `None` once finished.
    key: Option<Value>,
    _types: PhantomData<fn() -> (K, V)>,
}

impl<K: FromLua, V: FromLua> Iterator for TablePairs<K, V> {
    type Item = Result<(K, V)>;
    fn next(&mut self) -> Option<Self::Item> {
        let key = self.key.take()?;
        match self.table.next_pair(&key) {
            Ok(Some((k, v))) => {
                self.key = Some(k.clone());
                let lua = match self.table.0.lua() {
                    Ok(lua) => lua,
                    Err(e) => return Some(Err(e)),
                };
                Some(K::from_lua(k, &lua).and_then(|k| Ok((k, V::from_lua(v, &lua)?))))
            }
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// Iterator of [`Table::sequence_values`].
pub struct TableSequence<V> {
    table: Table,
    index: i64,
    done: bool,
    _types: PhantomData<fn() -> V>,
}

impl<V: FromLua> Iterator for TableSequence<V> {
    type Item = Result<V>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.table.raw_get::<Value>(self.index) {
            Ok(Value::Nil) => {
                self.done = true;
                None
            }
            Ok(v) => {
                self.index += 1;
                Some(self.table.0.lua().and_then(|lua| V::from_lua(v, &lua)))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Error, Lua, Value};

    #[test]
    fn get_and_set_go_through_metamethods() {
        let lua = Lua::new();
        let t: crate::Table = lua
            .load("local log = {} ; return setmetatable({}, {__index = function(_, k) return k .. '!' end, __newindex = function(t, k, v) rawset(t, k, v * 2) end})")
            .eval()
            .unwrap();
        assert_eq!(t.get::<String>("x").unwrap(), "x!");
        assert!(t.raw_get::<Value>("x").unwrap().is_nil());
        t.set("n", 5).unwrap();
        assert_eq!(t.raw_get::<i32>("n").unwrap(), 10);
        t.raw_set("m", 5).unwrap();
        assert_eq!(t.get::<i32>("m").unwrap(), 5);
    }

    #[test]
    fn nil_key_is_a_lua_error() {
        let lua = Lua::new();
        let t = lua.create_table().unwrap();
        let e = t.raw_set(Value::Nil, 1).unwrap_err();
        assert!(matches!(e, Error::RuntimeError(ref m) if m.contains("table index is nil")), "{e:?}");
    }

    #[test]
    fn metatables() {
        let lua = Lua::new();
        let t = lua.create_table().unwrap();
        assert!(t.get_metatable().is_none());
        let mt = lua.create_table().unwrap();
        mt.set("__index", lua.create_table_from([("k", "v")]).unwrap()).unwrap();
        t.set_metatable(Some(mt.clone())).unwrap();
        assert_eq!(t.get_metatable().unwrap(), mt);
        assert_eq!(t.get::<String>("k").unwrap(), "v");
        t.set_metatable(None).unwrap();
        assert!(t.get::<Option<String>>("k").unwrap().is_none());
    }

    #[test]
    fn iteration() {
        let lua = Lua::new();
        let t = lua.create_sequence_from([10, 20, 30]).unwrap();
        t.set("x", 1).unwrap();
        let mut n = 0;
        for p in t.pairs::<Value, i64>() {
            n += p.unwrap().1;
        }
        assert_eq!(n, 61);
        assert_eq!(t.sequence_values::<i64>().map(|v| v.unwrap()).collect::<Vec<_>>(), [10, 20, 30]);
        assert_eq!(t.raw_len(), 3);
        t.push(40).unwrap();
        assert_eq!(t.len().unwrap(), 4);
        let bad: Vec<_> = lua.create_sequence_from(["a"]).unwrap().sequence_values::<i64>().collect();
        assert!(matches!(bad[0], Err(Error::FromLuaConversionError { .. })));
    }
}

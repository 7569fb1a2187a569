//! `IntoLua` / `FromLua` (one value) and `IntoLuaMulti` / `FromLuaMulti`
//! (argument and result lists) for Rust types.

use crate::error::{Error, Result};
use crate::function::Function;
use crate::lua::Lua;
use crate::multi::{MultiValue, Variadic};
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::AnyUserData;
use crate::value::{LightUserData, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

/// A Rust value that can become one Lua value.
pub trait IntoLua: Sized {
    /// Converts `self` for `lua`.
    fn into_lua(self, lua: &Lua) -> Result<Value>;
}

/// A Rust value that can be made from one Lua value.
pub trait FromLua: Sized {
    /// Converts `value`, or says why it cannot.
    fn from_lua(value: Value, lua: &Lua) -> Result<Self>;
}

/// A Rust value that becomes a list of Lua values (arguments, results).
pub trait IntoLuaMulti: Sized {
    /// Converts `self` to a list of values.
    fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue>;
}

/// A Rust value made from a list of Lua values. Missing values read as nil,
/// extra ones are ignored.
pub trait FromLuaMulti: Sized {
    /// Converts a list of values.
    fn from_lua_multi(values: MultiValue, lua: &Lua) -> Result<Self>;

    /// Converts a callback's arguments, the first being argument number
    /// `first`: a failure says which argument was bad
    /// ([`Error::BadArgument`]).
    fn from_lua_args(values: MultiValue, first: usize, lua: &Lua) -> Result<Self> {
        Self::from_lua_multi(values, lua).map_err(|e| bad_argument(first, e))
    }
}

/// Wraps a conversion error as a bad argument at position `pos`.
pub(crate) fn bad_argument(pos: usize, cause: Error) -> Error {
    match cause {
        e @ Error::BadArgument { .. } => e,
        e => Error::BadArgument { to: None, pos, name: None, cause: std::sync::Arc::new(e) },
    }
}

impl<T: IntoLua> IntoLuaMulti for T {
    fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue> {
        let mut m = MultiValue::new();
        m.push_back(self.into_lua(lua)?);
        Ok(m)
    }
}

impl<T: FromLua> FromLuaMulti for T {
    fn from_lua_multi(mut values: MultiValue, lua: &Lua) -> Result<Self> {
        T::from_lua(values.pop_front().unwrap_or(Value::Nil), lua)
    }
}

impl IntoLuaMulti for MultiValue {
    fn into_lua_multi(self, _: &Lua) -> Result<MultiValue> {
        Ok(self)
    }
}

impl FromLuaMulti for MultiValue {
    fn from_lua_multi(values: MultiValue, _: &Lua) -> Result<Self> {
        Ok(values)
    }
    fn from_lua_args(values: MultiValue, _: usize, _: &Lua) -> Result<Self> {
        Ok(values)
    }
}

impl<T: IntoLua> IntoLuaMulti for Variadic<T> {
    fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue> {
        self.into_iter().map(|v| v.into_lua(lua)).collect()
    }
}

impl<T: FromLua> FromLuaMulti for Variadic<T> {
    fn from_lua_multi(values: MultiValue, lua: &Lua) -> Result<Self> {
        values.into_iter().map(|v| T::from_lua(v, lua)).collect()
    }
    fn from_lua_args(values: MultiValue, first: usize, lua: &Lua) -> Result<Self> {
        let convert = |(i, v)| T::from_lua(v, lua).map_err(|e| bad_argument(first + i, e));
        values.into_iter().enumerate().map(convert).collect()
    }
}

impl IntoLuaMulti for () {
    fn into_lua_multi(self, _: &Lua) -> Result<MultiValue> {
        Ok(MultiValue::new())
    }
}

impl FromLuaMulti for () {
    fn from_lua_multi(_: MultiValue, _: &Lua) -> Result<Self> {
        Ok(())
    }
    fn from_lua_args(_: MultiValue, _: usize, _: &Lua) -> Result<Self> {
        Ok(())
    }
}

/// Tuples: every element is one value, except the last, which takes the
/// rest (so `(String, Variadic<i64>)` works).
macro_rules! tuple_impls {
    ($($name:ident)* ; $last:ident) => {
        impl<$($name: IntoLua,)* $last: IntoLuaMulti> IntoLuaMulti for ($($name,)* $last,) {
            #[allow(non_snake_case)]
            fn into_lua_multi(self, lua: &Lua) -> Result<MultiValue> {
                let ($($name,)* $last,) = self;
                let mut m = MultiValue::new();
                $( m.push_back($name.into_lua(lua)?); )*
                m.extend($last.into_lua_multi(lua)?);
                Ok(m)
            }
        }

        impl<$($name: FromLua,)* $last: FromLuaMulti> FromLuaMulti for ($($name,)* $last,) {
            #[allow(non_snake_case, unused_mut)]
            fn from_lua_multi(mut values: MultiValue, lua: &Lua) -> Result<Self> {
                $( let $name = $name::from_lua(values.pop_front().unwrap_or(Value::Nil), lua)?; )*
                let $last = $last::from_lua_multi(values, lua)?;
                Ok(($($name,)* $last,))
            }

            #[allow(non_snake_case, unused_mut, unused_variables, unused_assignments)]
            fn from_lua_args(mut values: MultiValue, first: usize, lua: &Lua) -> Result<Self> {
                let mut pos = first;
                $(
                    let $name = $name::from_lua(values.pop_front().unwrap_or(Value::Nil), lua)
                        .map_err(|e| bad_argument(pos, e))?;
                    pos += 1;
                )*
                let $last = $last::from_lua_args(values, pos, lua)?;
                Ok(($($name,)* $last,))
            }
        }
    };
}

tuple_impls!(; A);
tuple_impls!(A ; B);
tuple_impls!(A B ; C);
tuple_impls!(A B C ; D);
tuple_impls!(A B C D ; E);
tuple_impls!(A B C D E ; F);
tuple_impls!(A B C D E F ; G);
tuple_impls!(A B C D E F G ; H);
tuple_impls!(A B C D E F G H ; I);
tuple_impls!(A B C D E F G H I ; J);
tuple_impls!(A B C D E F G H I J ; K);
tuple_impls!(A B C D E F G H I J K ; L);
tuple_impls!(A B C D E F G H I J K L ; M);
tuple_impls!(A B C D E F G H I J K L M ; N);
tuple_impls!(A B C D E F G H I J K L M N ; O);
tuple_impls!(A B C D E F G H I J K L M N O ; P);

// ---- Values and handles --------------------------------------------------------

impl IntoLua for Value {
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(self)
    }
}

impl IntoLua for &Value {
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(self.clone())
    }
}

impl FromLua for Value {
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        Ok(value)
    }
}

macro_rules! handle_impls {
    ($ty:ty, $variant:ident, $name:literal) => {
        impl IntoLua for $ty {
            fn into_lua(self, _: &Lua) -> Result<Value> {
                Ok(Value::$variant(self))
            }
        }
        impl IntoLua for &$ty {
            fn into_lua(self, _: &Lua) -> Result<Value> {
                Ok(Value::$variant(self.clone()))
            }
        }
        impl FromLua for $ty {
            fn from_lua(value: Value, _: &Lua) -> Result<Self> {
                match value {
                    Value::$variant(v) => Ok(v),
                    v => Err(Error::from_lua_conversion(v.type_name(), $name, None)),
                }
            }
        }
    };
}

handle_impls!(Table, Table, "table");
handle_impls!(Function, Function, "function");
handle_impls!(Thread, Thread, "thread");
handle_impls!(AnyUserData, UserData, "userdata");

impl IntoLua for LuaString {
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::String(self))
    }
}

impl IntoLua for &LuaString {
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::String(self.clone()))
    }
}

impl FromLua for LuaString {
    /// Strings, and numbers (converted as `tostring` does).
    fn from_lua(value: Value, lua: &Lua) -> Result<Self> {
        match value {
            Value::String(s) => Ok(s),
            Value::Integer(_) | Value::Number(_) => {
                let text = lua.with_vm(|vm| {
                    let raw = neap_vm::Value::number(value.as_number().unwrap_or(0.0));
                    vm.tostring_basic(raw)
                });
                lua.create_string(text)
            }
            v => Err(Error::from_lua_conversion(v.type_name(), "string", None)),
        }
    }
}

impl IntoLua for LightUserData {
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::LightUserData(self))
    }
}

impl FromLua for LightUserData {
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        match value {
            Value::LightUserData(p) => Ok(p),
            v => Err(Error::from_lua_conversion(v.type_name(), "light userdata", None)),
        }
    }
}

impl IntoLua for Error {
    /// A userdata carrying the error (what Lua code sees of a Rust error).
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::Error(Box::new(self)))
    }
}

// ---- Booleans, numbers, strings --------------------------------------------

impl IntoLua for bool {
    fn into_lua(self, _: &Lua) -> Result<Value> {
        Ok(Value::Boolean(self))
    }
}

impl FromLua for bool {
    /// Lua truthiness: only `nil` and `false` are false.
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        Ok(value.is_truthy())
    }
}

/// A number from a number or a numeric string, as Lua coerces.
fn coerce_number(value: &Value) -> Option<f64> {
    match value {
        Value::Integer(i) => Some(*i as f64),
        Value::Number(n) => Some(*n),
        Value::String(s) => neap_vm::strscan::str_to_number(s.as_bytes()),
        _ => None,
    }
}

macro_rules! integer_impls {
    ($($ty:ty)*) => {$(
        impl IntoLua for $ty {
            /// Integers beyond `i64` are a conversion error; above 2^53
            /// they lose precision, as in LuaJIT.
            fn into_lua(self, _: &Lua) -> Result<Value> {
                match i64::try_from(self) {
                    Ok(i) => Ok(crate::lua::number_value(i as f64)),
                    Err(_) => Err(Error::to_lua_conversion(stringify!($ty), "number", Some("out of range".into()))),
                }
            }
        }

        impl FromLua for $ty {
            /// Numbers (and numeric strings) with no fractional part that
            /// fit the type.
            fn from_lua(value: Value, _: &Lua) -> Result<Self> {
                if let Value::Integer(i) = value {
                    return <$ty>::try_from(i).map_err(|_| {
                        Error::from_lua_conversion("number", stringify!($ty), Some("out of range".into()))
                    });
                }
                let Some(n) = coerce_number(&value) else {
                    return Err(Error::from_lua_conversion(value.type_name(), stringify!($ty), None));
                };
                if n.fract() != 0.0 || !n.is_finite() {
                    return Err(Error::from_lua_conversion(
                        value.type_name(),
                        stringify!($ty),
                        Some("number has no integer representation".into()),
                    ));
                }
                // MAX + 1 rounds to the power of two just above MAX, so `<`
                // bounds the range exactly.
                if n < <$ty>::MIN as f64 || n >= <$ty>::MAX as f64 + 1.0 {
                    return Err(Error::from_lua_conversion(value.type_name(), stringify!($ty), Some("out of range".into())));
                }
                Ok(n as $ty)
            }
        }
    )*};
}

integer_impls!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize);

macro_rules! float_impls {
    ($($ty:ty)*) => {$(
        impl IntoLua for $ty {
            fn into_lua(self, _: &Lua) -> Result<Value> {
                Ok(crate::lua::number_value(self as f64))
            }
        }

        impl FromLua for $ty {
            /// Numbers and numeric strings.
            fn from_lua(value: Value, _: &Lua) -> Result<Self> {
                match coerce_number(&value) {
                    Some(n) => Ok(n as $ty),
                    None => Err(Error::from_lua_conversion(value.type_name(), stringify!($ty), None)),
                }
            }
        }
    )*};
}

float_impls!(f32 f64);

impl IntoLua for &str {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
}

impl IntoLua for String {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
}

impl IntoLua for &String {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self)?))
    }
}

impl IntoLua for std::borrow::Cow<'_, str> {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(self.as_bytes())?))
    }
}

impl IntoLua for Box<str> {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::String(lua.create_string(&*self)?))
    }
}

impl FromLua for String {
    /// Strings of valid UTF-8, and numbers (as `tostring` writes them).
    fn from_lua(value: Value, lua: &Lua) -> Result<Self> {
        let ty = value.type_name();
        let s = LuaString::from_lua(value, lua).map_err(|_| Error::from_lua_conversion(ty, "String", None))?;
        Ok(s.to_str()?.to_owned())
    }
}

impl IntoLua for char {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        let mut buf = [0; 4];
        Ok(Value::String(lua.create_string(self.encode_utf8(&mut buf).as_bytes())?))
    }
}

// ---- Containers ----------------------------------------------------------------

impl<T: IntoLua> IntoLua for Option<T> {
    /// `None` is nil.
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        match self {
            Some(v) => v.into_lua(lua),
            None => Ok(Value::Nil),
        }
    }
}

impl<T: FromLua> FromLua for Option<T> {
    /// nil is `None`.
    fn from_lua(value: Value, lua: &Lua) -> Result<Self> {
        match value {
            Value::Nil => Ok(None),
            v => T::from_lua(v, lua).map(Some),
        }
    }
}

impl<T: IntoLua> IntoLua for Vec<T> {
    /// A sequence table.
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_sequence_from(self)?))
    }
}

impl<T: IntoLua + Clone> IntoLua for &[T] {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_sequence_from(self.iter().cloned())?))
    }
}

impl<T: IntoLua, const N: usize> IntoLua for [T; N] {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_sequence_from(self)?))
    }
}

impl<T: FromLua> FromLua for Vec<T> {
    /// The values at 1, 2, ... up to the first nil.
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        match value {
            Value::Table(t) => t.sequence_values().collect(),
            v => Err(Error::from_lua_conversion(v.type_name(), "Vec", Some("expected table".into()))),
        }
    }
}

impl<K: IntoLua, V: IntoLua, S> IntoLua for HashMap<K, V, S> {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_table_from(self)?))
    }
}

impl<K: FromLua + Eq + Hash, V: FromLua, S: BuildHasher + Default> FromLua for HashMap<K, V, S> {
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        match value {
            Value::Table(t) => t.pairs().collect(),
            v => Err(Error::from_lua_conversion(v.type_name(), "HashMap", Some("expected table".into()))),
        }
    }
}

impl<K: IntoLua, V: IntoLua> IntoLua for BTreeMap<K, V> {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_table_from(self)?))
    }
}

impl<K: FromLua + Ord, V: FromLua> FromLua for BTreeMap<K, V> {
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        match value {
            Value::Table(t) => t.pairs().collect(),
            v => Err(Error::from_lua_conversion(v.type_name(), "BTreeMap", Some("expected table".into()))),
        }
    }
}

impl<T: IntoLua, S> IntoLua for HashSet<T, S> {
    /// A table with the elements as keys and `true` as values.
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_table_from(self.into_iter().map(|k| (k, true)))?))
    }
}

impl<T: FromLua + Eq + Hash, S: BuildHasher + Default> FromLua for HashSet<T, S> {
    /// The keys of a table (or the values of a sequence).
    fn from_lua(value: Value, lua: &Lua) -> Result<Self> {
        set_items(value, lua, "HashSet")?.into_iter().collect()
    }
}

impl<T: IntoLua> IntoLua for BTreeSet<T> {
    /// A table with the elements as keys and `true` as values.
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::Table(lua.create_table_from(self.into_iter().map(|k| (k, true)))?))
    }
}

impl<T: FromLua + Ord> FromLua for BTreeSet<T> {
    /// The keys of a table (or the values of a sequence).
    fn from_lua(value: Value, lua: &Lua) -> Result<Self> {
        set_items(value, lua, "BTreeSet")?.into_iter().collect()
    }
}

/// The elements of a set: a sequence's values, or any table's keys.
fn set_items<T: FromLua>(value: Value, lua: &Lua, to: &'static str) -> Result<Vec<Result<T>>> {
    let Value::Table(t) = value else {
        return Err(Error::from_lua_conversion(value.type_name(), to, Some("expected table".into())));
    };
    let pairs: Vec<(Value, Value)> = t.pairs().collect::<Result<_>>()?;
    let is_sequence = !pairs.is_empty()
        && pairs.len() == t.raw_len()
        && pairs.iter().all(|(_, v)| !matches!(v, Value::Boolean(true)));
    Ok(pairs.into_iter().map(|(k, v)| T::from_lua(if is_sequence { v } else { k }, lua)).collect())
}

#[cfg(test)]
mod tests {
    use crate::{Error, Lua, MultiValue, Value, Variadic};
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn integers_check_their_range() {
        let lua = Lua::new_gc_stress();
        assert_eq!(lua.load("255").eval::<u8>().unwrap(), 255);
        assert!(matches!(lua.load("256").eval::<u8>(), Err(Error::FromLuaConversionError { .. })));
        assert!(matches!(lua.load("-1").eval::<u32>(), Err(Error::FromLuaConversionError { .. })));
        assert!(matches!(lua.load("1.5").eval::<i32>(), Err(Error::FromLuaConversionError { .. })));
        assert!(matches!(lua.load("2^70").eval::<i64>(), Err(Error::FromLuaConversionError { .. })));
        assert_eq!(lua.load("'12'").eval::<i32>().unwrap(), 12);
        assert!(matches!(lua.load("{}").eval::<i32>(), Err(Error::FromLuaConversionError { .. })));
        assert!(matches!(lua.pack(u64::MAX), Err(Error::ToLuaConversionError { .. })));
        assert_eq!(lua.pack(-7i8).unwrap(), Value::Integer(-7));
        assert_eq!(lua.load("1.25").eval::<f32>().unwrap(), 1.25);
    }

    #[test]
    fn strings_bools_options() {
        let lua = Lua::new();
        assert_eq!(lua.load("12").eval::<String>().unwrap(), "12");
        assert_eq!(lua.load("1.5").eval::<String>().unwrap(), "1.5");
        assert!(lua.load("{}").eval::<String>().is_err());
        assert!(!lua.load("nil").eval::<bool>().unwrap());
        assert!(lua.load("0").eval::<bool>().unwrap());
        assert_eq!(lua.load("nil").eval::<Option<i32>>().unwrap(), None);
        assert_eq!(lua.load("3").eval::<Option<i32>>().unwrap(), Some(3));
    }

    #[test]
    fn containers_round_trip() {
        let lua = Lua::new();
        let f = lua.load("return function(...) return ... end").eval::<crate::Function>().unwrap();
        let v: Vec<String> = f.call(vec!["a", "b"]).unwrap();
        assert_eq!(v, ["a", "b"]);
        let mut m = HashMap::new();
        m.insert("k".to_string(), 1);
        let back: HashMap<String, i64> = f.call(m.clone()).unwrap();
        assert_eq!(back, m);
        let b: BTreeMap<i64, bool> = f.call(BTreeMap::from([(1, true), (2, false)])).unwrap();
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn sets() {
        let lua = Lua::new();
        let f = lua.load("return function(...) return ... end").eval::<crate::Function>().unwrap();
        let s: std::collections::HashSet<String> = f.call(std::collections::HashSet::from(["a".to_string()])).unwrap();
        assert!(s.contains("a"));
        let b: std::collections::BTreeSet<i32> = lua.load("{ 3, 1, 2 }").eval().unwrap();
        assert_eq!(b.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn tuples_and_multi() {
        let lua = Lua::new();
        let f = lua.load("return function(...) return ... end").eval::<crate::Function>().unwrap();
        let (a, b, c): (i32, String, Option<bool>) = f.call((1, "x")).unwrap();
        assert_eq!((a, b.as_str(), c), (1, "x", None));
        let (first, rest): (i32, Variadic<i32>) = f.call((1, 2, 3)).unwrap();
        assert_eq!((first, rest.len()), (1, 2));
        let all: MultiValue = f.call((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)).unwrap();
        assert_eq!(all.len(), 16);
        type Sixteen = (u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8);
        let t: Sixteen = f.call(all).unwrap();
        assert_eq!(t.15, 16);
    }
}

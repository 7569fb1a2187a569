//! Feature `serde`: any `Serialize` type to a Lua value, any `Deserialize`
//! type from one.
//!
//! Structs and maps become tables with string keys, sequences and tuples
//! sequence tables, `None` and `()` nil, unit enum variants their name, and
//! other variants a one-pair table `{ Variant = content }`.

use crate::error::{Error, Result};
use crate::lua::Lua;
use crate::table::Table;
use crate::value::Value;
use crate::IntoLua;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

impl Lua {
    /// A Lua value with `t`'s contents.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let lua = neap::Lua::new();
    /// let v = lua.to_value(&std::collections::BTreeMap::from([("a", vec![1, 2])]))?;
    /// lua.globals().set("v", v)?;
    /// assert_eq!(lua.load("v.a[2]").eval::<i32>()?, 2);
    /// # }
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn to_value<T: Serialize + ?Sized>(&self, t: &T) -> Result<Value> {
        t.serialize(Serializer { lua: self })
    }

    /// A Rust value read from a Lua value.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// let lua = neap::Lua::new();
    /// let v = lua.load("{ 1, 2, 3 }").eval()?;
    /// let back: Vec<u8> = lua.from_value(v)?;
    /// assert_eq!(back, [1, 2, 3]);
    /// # }
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn from_value<T: DeserializeOwned>(&self, value: Value) -> Result<T> {
        T::deserialize(Deserializer { value, depth: 0 })
    }
}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error::SerializeError(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error::DeserializeError(msg.to_string())
    }
}

// ---- Serializing -------------------------------------------------------------------

struct Serializer<'a> {
    lua: &'a Lua,
}

/// Builds a sequence table (seq, tuple) or a keyed one (map, struct); for
/// enum variants, wraps the result as `{ Variant = table }`.
struct TableBuilder<'a> {
    lua: &'a Lua,
    table: Table,
    next_index: i64,
    pending_key: Option<Value>,
    variant: Option<&'static str>,
}

impl<'a> TableBuilder<'a> {
    fn new(lua: &'a Lua, variant: Option<&'static str>) -> Result<TableBuilder<'a>> {
        Ok(TableBuilder { lua, table: lua.create_table()?, next_index: 1, pending_key: None, variant })
    }

    fn push<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        let v = v.serialize(Serializer { lua: self.lua })?;
        self.table.raw_set(self.next_index, v)?;
        self.next_index += 1;
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        let v = v.serialize(Serializer { lua: self.lua })?;
        self.table.raw_set(key, v)
    }

    fn finish(self) -> Result<Value> {
        match self.variant {
            Some(name) => Ok(Value::Table(self.lua.create_table_from([(name, self.table)])?)),
            None => Ok(Value::Table(self.table)),
        }
    }
}

impl<'a> ser::Serializer for Serializer<'a> {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = TableBuilder<'a>;
    type SerializeTuple = TableBuilder<'a>;
    type SerializeTupleStruct = TableBuilder<'a>;
    type SerializeTupleVariant = TableBuilder<'a>;
    type SerializeMap = TableBuilder<'a>;
    type SerializeStruct = TableBuilder<'a>;
    type SerializeStructVariant = TableBuilder<'a>;

    fn serialize_bool(self, v: bool) -> Result<Value> {
        Ok(Value::Boolean(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_i16(self, v: i16) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_i32(self, v: i32) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_i64(self, v: i64) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_u8(self, v: u8) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_u16(self, v: u16) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_u32(self, v: u32) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_u64(self, v: u64) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_f32(self, v: f32) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_f64(self, v: f64) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_char(self, v: char) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_str(self, v: &str) -> Result<Value> {
        v.into_lua(self.lua)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value> {
        Ok(Value::String(self.lua.create_string(v)?))
    }
    fn serialize_none(self) -> Result<Value> {
        Ok(Value::Nil)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value> {
        Ok(Value::Nil)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value> {
        Ok(Value::Nil)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Value> {
        variant.into_lua(self.lua)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<Value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value> {
        let inner = value.serialize(Serializer { lua: self.lua })?;
        Ok(Value::Table(self.lua.create_table_from([(variant, inner)])?))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, None)
    }
    fn serialize_tuple(self, _len: usize) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, None)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, None)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, Some(variant))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, None)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<TableBuilder<'a>> {
        TableBuilder::new(self.lua, Some(variant))
    }
}

impl ser::SerializeSeq for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeTuple for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeMap for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.pending_key = Some(key.serialize(Serializer { lua: self.lua })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self.pending_key.take().ok_or_else(|| Error::SerializeError("map value without a key".into()))?;
        let v = value.serialize(Serializer { lua: self.lua })?;
        self.table.raw_set(key, v)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeStruct for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for TableBuilder<'_> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Value> {
        self.finish()
    }
}

// ---- Deserializing -----------------------------------------------------------------

/// Nesting limit: a table that contains itself must not recurse forever.
const MAX_DEPTH: usize = 128;

struct Deserializer {
    value: Value,
    depth: usize,
}

impl Deserializer {
    fn child(&self, value: Value) -> Result<Deserializer> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::DeserializeError("too deeply nested (recursive table?)".into()));
        }
        Ok(Deserializer { value, depth: self.depth + 1 })
    }
}

fn pairs_of(t: &Table) -> Result<Vec<(Value, Value)>> {
    t.pairs::<Value, Value>().collect()
}

/// Whether a table is a non-empty sequence (keys exactly 1..n).
fn is_sequence(t: &Table) -> Result<bool> {
    let n = t.raw_len();
    if n == 0 {
        return Ok(false);
    }
    let mut count = 0;
    for pair in t.pairs::<Value, Value>() {
        pair?;
        count += 1;
    }
    Ok(count == n)
}

struct SeqAccess {
    items: std::vec::IntoIter<Value>,
    depth: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess {
    type Error = Error;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.items.next() {
            Some(v) => seed.deserialize(Deserializer { value: v, depth: self.depth }).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess {
    pairs: std::vec::IntoIter<(Value, Value)>,
    value: Option<Value>,
    depth: usize,
}

impl<'de> de::MapAccess<'de> for MapAccess {
    type Error = Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.pairs.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(Deserializer { value: k, depth: self.depth }).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let v = self.value.take().unwrap_or(Value::Nil);
        seed.deserialize(Deserializer { value: v, depth: self.depth })
    }
}

struct EnumAccess {
    variant: String,
    content: Option<Value>,
    depth: usize,
}

impl<'de> de::EnumAccess<'de> for EnumAccess {
    type Error = Error;
    type Variant = VariantAccess;
    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, VariantAccess)> {
        let name = seed.deserialize(self.variant.into_deserializer())?;
        Ok((name, VariantAccess { content: self.content, depth: self.depth }))
    }
}

struct VariantAccess {
    content: Option<Value>,
    depth: usize,
}

impl VariantAccess {
    fn content(self) -> Result<Deserializer> {
        match self.content {
            Some(value) => Ok(Deserializer { value, depth: self.depth }),
            None => Err(Error::DeserializeError("expected a variant with content".into())),
        }
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess {
    type Error = Error;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self.content()?)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self.content()?, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self.content()?, visitor)
    }
}

impl<'de> de::Deserializer<'de> for Deserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Nil => visitor.visit_unit(),
            Value::Boolean(b) => visitor.visit_bool(b),
            Value::Integer(i) => visitor.visit_i64(i),
            Value::Number(n) => visitor.visit_f64(n),
            Value::String(ref s) => match s.to_str() {
                Ok(text) => visitor.visit_string(text.to_owned()),
                Err(_) => visitor.visit_byte_buf(s.as_bytes().to_vec()),
            },
            Value::Table(ref t) => {
                if is_sequence(t)? {
                    self.deserialize_seq(visitor)
                } else {
                    self.deserialize_map(visitor)
                }
            }
            ref v => Err(Error::DeserializeError(format!("cannot deserialize a {}", v.type_name()))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Nil => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Table(t) => {
                let items: Vec<Value> = t.sequence_values().collect::<Result<_>>()?;
                let child = self.child(Value::Nil)?;
                visitor.visit_seq(SeqAccess { items: items.into_iter(), depth: child.depth })
            }
            v => Err(Error::DeserializeError(format!("expected a table, got {}", v.type_name()))),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Table(t) => {
                let pairs = pairs_of(t)?;
                let child = self.child(Value::Nil)?;
                visitor.visit_map(MapAccess { pairs: pairs.into_iter(), value: None, depth: child.depth })
            }
            v => Err(Error::DeserializeError(format!("expected a table, got {}", v.type_name()))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let depth = self.child(Value::Nil)?.depth;
        match self.value {
            Value::String(s) => {
                visitor.visit_enum(EnumAccess { variant: s.to_str()?.to_owned(), content: None, depth })
            }
            Value::Table(t) => {
                let mut pairs = pairs_of(&t)?.into_iter();
                match (pairs.next(), pairs.next()) {
                    (Some((Value::String(k), v)), None) => {
                        visitor.visit_enum(EnumAccess { variant: k.to_str()?.to_owned(), content: Some(v), depth })
                    }
                    _ => Err(Error::DeserializeError("expected a table with one variant name as key".into())),
                }
            }
            v => Err(Error::DeserializeError(format!("expected an enum, got {}", v.type_name()))),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Nil => visitor.visit_unit(),
            v => Err(Error::DeserializeError(format!("expected nil, got {}", v.type_name()))),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use crate::Lua;
    use serde::{Deserialize, Serialize};
    use std::collections::HashMap;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Dot,
        Circle(f64),
        Rect { w: u32, h: u32 },
        Pair(i8, i8),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Scene {
        name: String,
        shapes: Vec<Shape>,
        tags: HashMap<String, bool>,
        parent: Option<Box<Scene>>,
        scale: (f32, f32),
    }

    #[test]
    fn round_trip_through_lua() {
        let lua = Lua::new();
        let scene = Scene {
            name: "s".into(),
            shapes: vec![Shape::Dot, Shape::Circle(1.5), Shape::Rect { w: 2, h: 3 }, Shape::Pair(-1, 1)],
            tags: HashMap::from([("hidden".to_string(), true)]),
            parent: None,
            scale: (1.0, 2.0),
        };
        let v = lua.to_value(&scene).unwrap();
        lua.globals().set("scene", v).unwrap();
        let check: (String, f64, u32, bool) = lua
            .load("scene.shapes[1], scene.shapes[2].Circle, scene.shapes[3].Rect.h, scene.tags.hidden")
            .eval()
            .unwrap();
        assert_eq!(check, ("Dot".to_string(), 1.5, 3, true));
        let back: Scene = lua.from_value(lua.globals().get("scene").unwrap()).unwrap();
        assert_eq!(back, scene);
    }

    #[test]
    fn errors_instead_of_panics() {
        let lua = Lua::new();
        let v = lua.load("'x'").eval().unwrap();
        assert!(lua.from_value::<Vec<i32>>(v).is_err());
        let v = lua.load("local t = {} t.t = t return t").eval().unwrap();
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Loop {
            t: Box<Option<Loop>>,
        }
        assert!(lua.from_value::<Loop>(v).is_err());
        let v = lua.load("{ n = 300 }").eval().unwrap();
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Small {
            n: u8,
        }
        assert!(lua.from_value::<Small>(v).is_err());
    }
}

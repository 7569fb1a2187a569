//! Several values at once: arguments and results.

use crate::value::Value;
use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};

/// A list of Lua values (arguments or results).
///
/// ```
/// let lua = neap::Lua::new();
/// let all: neap::MultiValue = lua.load("return 1, 'two', nil").eval()?;
/// assert_eq!(all.len(), 3);
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MultiValue(VecDeque<Value>);

impl MultiValue {
    /// An empty list.
    pub fn new() -> MultiValue {
        MultiValue(VecDeque::new())
    }

    /// The values of `v`, in order.
    pub fn from_vec(v: Vec<Value>) -> MultiValue {
        MultiValue(v.into())
    }

    /// The values, in order.
    pub fn into_vec(self) -> Vec<Value> {
        self.0.into()
    }
}

impl Deref for MultiValue {
    type Target = VecDeque<Value>;
    fn deref(&self) -> &VecDeque<Value> {
        &self.0
    }
}

impl DerefMut for MultiValue {
    fn deref_mut(&mut self) -> &mut VecDeque<Value> {
        &mut self.0
    }
}

impl FromIterator<Value> for MultiValue {
    fn from_iter<I: IntoIterator<Item = Value>>(iter: I) -> MultiValue {
        MultiValue(iter.into_iter().collect())
    }
}

impl IntoIterator for MultiValue {
    type Item = Value;
    type IntoIter = std::collections::vec_deque::IntoIter<Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a MultiValue {
    type Item = &'a Value;
    type IntoIter = std::collections::vec_deque::Iter<'a, Value>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Any number of values of one type (as the last argument or result).
///
/// ```
/// use neap::{Lua, Variadic};
/// let lua = Lua::new();
/// let join = lua.create_function(|_, parts: Variadic<String>| Ok(parts.join("-")))?;
/// assert_eq!(join.call::<String>(("a", "b", "c"))?, "a-b-c");
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Variadic<T>(Vec<T>);

impl<T> Variadic<T> {
    /// No values.
    pub fn new() -> Variadic<T> {
        Variadic(Vec::new())
    }
}

impl<T> Deref for Variadic<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for Variadic<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for Variadic<T> {
    fn from(v: Vec<T>) -> Variadic<T> {
        Variadic(v)
    }
}

impl<T> From<Variadic<T>> for Vec<T> {
    fn from(v: Variadic<T>) -> Vec<T> {
        v.0
    }
}

impl<T> FromIterator<T> for Variadic<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Variadic<T> {
        Variadic(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for Variadic<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

//! Tables: an array part plus a hash part. (Placeholder: the real table
//! with LuaJIT's sizing lands from its own branch; this keeps the contract.)

use crate::gc::GcHeader;
use crate::value::{Tag, Value};
use hashbrown::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKeyError {
    Nil,
    NaN,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidKey;

#[repr(C)]
pub struct Table {
    pub header: GcHeader,
    pub metatable: *mut Table,
    array: Vec<Value>,
    keys: Vec<Value>,
    hash: HashMap<u64, (usize, Value)>,
}

fn norm(key: Value) -> Value {
    if let Some(n) = key.as_number() {
        if n == 0.0 {
            return Value::number(0.0);
        }
    }
    key
}

impl Table {
    pub fn new(array_size: u32, _hash_bits: u32) -> Table {
        Table {
            header: GcHeader::new(Tag::Table),
            metatable: std::ptr::null_mut(),
            array: vec![Value::NIL; array_size as usize],
            keys: Vec::new(),
            hash: HashMap::new(),
        }
    }
    pub fn get(&self, key: Value) -> Value {
        if let Some(n) = key.as_number() {
            if n == (n as i64) as f64 {
                return self.get_int(n as i64);
            }
        }
        self.hash.get(&norm(key).bits()).map(|e| e.1).unwrap_or(Value::NIL)
    }
    pub fn get_int(&self, key: i64) -> Value {
        if key >= 0 && (key as usize) < self.array.len() {
            return self.array[key as usize];
        }
        self.hash.get(&Value::number(key as f64).bits()).map(|e| e.1).unwrap_or(Value::NIL)
    }
    pub fn get_str(&self, key: Value) -> Value {
        self.hash.get(&key.bits()).map(|e| e.1).unwrap_or(Value::NIL)
    }
    pub fn set(&mut self, key: Value, value: Value) -> Result<(), TableKeyError> {
        if key.is_nil() {
            return Err(TableKeyError::Nil);
        }
        if let Some(n) = key.as_number() {
            if n.is_nan() {
                return Err(TableKeyError::NaN);
            }
            if n == (n as i64) as f64 {
                self.set_int(n as i64, value);
                return Ok(());
            }
        }
        self.set_hash(norm(key), value);
        Ok(())
    }
    fn set_hash(&mut self, key: Value, value: Value) {
        if let Some(e) = self.hash.get_mut(&key.bits()) {
            e.1 = value;
        } else if !value.is_nil() {
            self.keys.push(key);
            self.hash.insert(key.bits(), (self.keys.len() - 1, value));
        }
    }
    pub fn set_int(&mut self, key: i64, value: Value) {
        if key >= 0 && (key as usize) < self.array.len() {
            self.array[key as usize] = value;
        } else if key >= 1 && key as usize == self.array.len() && !value.is_nil() {
            if self.array.is_empty() {
                self.array.push(Value::NIL);
            }
            self.array.push(value);
            // pull following keys from the hash
            loop {
                let k = Value::number(self.array.len() as f64).bits();
                match self.hash.remove(&k) {
                    Some((_, v)) if !v.is_nil() => self.array.push(v),
                    _ => break,
                }
            }
        } else {
            self.set_hash(Value::number(key as f64), value);
        }
    }
    pub fn set_str(&mut self, key: Value, value: Value) {
        self.set_hash(key, value)
    }
    pub fn len(&self) -> usize {
        let mut j = self.array.len();
        if j > 1 && self.array[j - 1].is_nil() {
            let mut i = 1;
            while j - i > 1 {
                let m = (i + j) / 2;
                if self.array[m - 1].is_nil() {
                    j = m
                } else {
                    i = m
                }
            }
            return i - 1;
        }
        if j > 0 {
            j -= 1;
        }
        while !self.get_int(j as i64 + 1).is_nil() {
            j += 1;
        }
        j
    }
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let mut start_arr = 0usize;
        let mut start_hash = 0usize;
        if !key.is_nil() {
            let mut in_array = false;
            if let Some(n) = key.as_number() {
                if n >= 0.0 && n == (n as i64) as f64 && (n as usize) < self.array.len() {
                    start_arr = n as usize + 1;
                    in_array = true;
                }
            }
            if !in_array {
                match self.hash.get(&norm(key).bits()) {
                    Some(e) => {
                        start_arr = self.array.len();
                        start_hash = e.0 + 1;
                    }
                    None => return Err(InvalidKey),
                }
            }
        }
        for i in start_arr..self.array.len() {
            if !self.array[i].is_nil() {
                return Ok(Some((Value::number(i as f64), self.array[i])));
            }
        }
        for i in start_hash..self.keys.len() {
            let k = self.keys[i];
            if let Some(e) = self.hash.get(&k.bits()) {
                if !e.1.is_nil() {
                    return Ok(Some((k, e.1)));
                }
            }
        }
        Ok(None)
    }
    pub fn from_template(array: &[Value], hash: &[(Value, Value)], _hash_size: u32) -> Table {
        let mut t = Table::new(array.len() as u32, 0);
        t.array.copy_from_slice(array);
        for (k, v) in hash {
            let _ = t.set(*k, *v);
        }
        t
    }
    pub fn clear(&mut self) {
        for v in &mut self.array {
            *v = Value::NIL;
        }
        self.keys.clear();
        self.hash.clear();
    }
    pub fn array_size(&self) -> usize {
        self.array.len()
    }
    pub fn for_each_gc_ref(&self, mut f: impl FnMut(Value)) {
        for v in &self.array {
            f(*v)
        }
        for k in &self.keys {
            f(*k);
            if let Some(e) = self.hash.get(&k.bits()) {
                f(e.1)
            }
        }
    }
    pub fn retain(&mut self, mut f: impl FnMut(Value, Value) -> bool) {
        for i in 0..self.array.len() {
            if !f(Value::number(i as f64), self.array[i]) {
                self.array[i] = Value::NIL;
            }
        }
        let keys = std::mem::take(&mut self.keys);
        let old = std::mem::take(&mut self.hash);
        for k in keys {
            if let Some(e) = old.get(&k.bits()) {
                if !e.1.is_nil() && f(k, e.1) {
                    self.set_hash(k, e.1);
                }
            }
        }
    }
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Table>() + self.array.len() * 8 + self.keys.len() * 40
    }
}

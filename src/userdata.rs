//! Rust values inside Lua: the `UserData` trait, its methods registry,
//! `AnyUserData`, and the userdata that carry Rust errors through Lua.
//!
//! A userdata's payload is `Payload::Rust(Box<RefCell<T>>)`: methods borrow
//! it for the length of the call, so a conflicting borrow (a `&mut self`
//! method re-entered through Lua) is a Lua error, never a panic.

use crate::conversion::{FromLuaMulti, IntoLua, IntoLuaMulti};
use crate::error::{Error, Result};
use crate::function::Callback;
use crate::lua::Lua;
use crate::multi::MultiValue;
use crate::table::Table;
use crate::value::{LuaRef, Value};
use neap_vm::state::Args;
use neap_vm::userdata::{Payload, Userdata};
use neap_vm::{LuaResult, Vm};
use std::any::TypeId;
use std::cell::{Ref, RefCell, RefMut};
use std::collections::HashMap;
use std::marker::PhantomData;

/// Metamethod names, for [`UserDataMethods::add_meta_method`] (plain strings
/// such as `"__add"` work too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaMethod {
    /// `__add`.
    Add,
    /// `__sub`.
    Sub,
    /// `__mul`.
    Mul,
    /// `__div`.
    Div,
    /// `__mod`.
    Mod,
    /// `__pow`.
    Pow,
    /// `__unm`.
    Unm,
    /// `__concat`.
    Concat,
    /// `__len`.
    Len,
    /// `__eq`.
    Eq,
    /// `__lt`.
    Lt,
    /// `__le`.
    Le,
    /// `__index`.
    Index,
    /// `__newindex`.
    NewIndex,
    /// `__call`.
    Call,
    /// `__tostring`.
    ToString,
}

impl MetaMethod {
    /// The metamethod's name (`"__add"`...).
    pub fn name(self) -> &'static str {
        match self {
            MetaMethod::Add => "__add",
            MetaMethod::Sub => "__sub",
            MetaMethod::Mul => "__mul",
            MetaMethod::Div => "__div",
            MetaMethod::Mod => "__mod",
            MetaMethod::Pow => "__pow",
            MetaMethod::Unm => "__unm",
            MetaMethod::Concat => "__concat",
            MetaMethod::Len => "__len",
            MetaMethod::Eq => "__eq",
            MetaMethod::Lt => "__lt",
            MetaMethod::Le => "__le",
            MetaMethod::Index => "__index",
            MetaMethod::NewIndex => "__newindex",
            MetaMethod::Call => "__call",
            MetaMethod::ToString => "__tostring",
        }
    }
}

impl std::fmt::Display for MetaMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A Rust type Lua code can use: its methods and fields are declared once
/// per type.
///
/// ```
/// use neap::{Lua, MetaMethod, UserData, UserDataFields, UserDataMethods};
///
/// struct Counter(i64);
///
/// impl UserData for Counter {
///     fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
///         fields.add_field_method_get("value", |_, c| Ok(c.0));
///     }
///     fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
///         methods.add_method_mut("bump", |_, c, by: i64| { c.0 += by; Ok(c.0) });
///         methods.add_meta_method(MetaMethod::ToString, |_, c, ()| Ok(format!("Counter({})", c.0)));
///     }
/// }
///
/// let lua = Lua::new();
/// lua.globals().set("c", Counter(1))?;
/// assert_eq!(lua.load("c:bump(2); return c.value").eval::<i64>()?, 3);
/// assert_eq!(lua.load("tostring(c)").eval::<String>()?, "Counter(3)");
/// # Ok::<(), neap::Error>(())
/// ```
pub trait UserData: Sized + Send + 'static {
    /// Declares fields (`obj.name`, `obj.name = v`).
    fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
        let _ = fields;
    }
    /// Declares methods (`obj:name(...)`) and metamethods.
    fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
        let _ = methods;
    }
}

/// Field declarations of a [`UserData`] type.
pub trait UserDataFields<T> {
    /// `obj.name` reads through `method`.
    fn add_field_method_get<M, R>(&mut self, name: impl ToString, method: M)
    where
        M: Fn(&Lua, &T) -> Result<R> + Send + 'static,
        R: IntoLua;

    /// `obj.name = v` writes through `method`.
    fn add_field_method_set<M, A>(&mut self, name: impl ToString, method: M)
    where
        M: FnMut(&Lua, &mut T, A) -> Result<()> + Send + 'static,
        A: FromLuaMulti;
}

/// Method declarations of a [`UserData`] type.
pub trait UserDataMethods<T> {
    /// `obj:name(args)` with `&T`.
    fn add_method<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: Fn(&Lua, &T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti;

    /// `obj:name(args)` with `&mut T`.
    fn add_method_mut<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: FnMut(&Lua, &mut T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti;

    /// `obj.name(args)`: a plain function stored under the type's methods.
    fn add_function<F, A, R>(&mut self, name: impl ToString, function: F)
    where
        F: Fn(&Lua, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti;

    /// A metamethod (`__add`, `__index`, `__tostring`...) with `&T` as the
    /// first operand.
    fn add_meta_method<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: Fn(&Lua, &T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti;

    /// A metamethod with `&mut T`.
    fn add_meta_method_mut<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: FnMut(&Lua, &mut T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti;

    /// A metamethod as a plain function (for operators whose userdata may
    /// be either operand).
    fn add_meta_function<F, A, R>(&mut self, name: impl ToString, function: F)
    where
        F: Fn(&Lua, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti;
}

/// What [`UserData::add_fields`] and [`UserData::add_methods`] fill in.
pub struct UserDataRegistry<T> {
    methods: Vec<(String, Callback)>,
    meta_methods: Vec<(String, Callback)>,
    getters: Vec<(String, Callback)>,
    setters: Vec<(String, Callback)>,
    error: Option<Error>,
    _type: PhantomData<fn() -> T>,
}

/// The `RefCell` inside `ud`, if it holds a `T`.
fn cell_of<T: 'static>(ud: &AnyUserData) -> Result<&RefCell<T>> {
    let lua = ud.0.lua()?;
    let p = lua.with_vm(|vm| ud.0.raw(&lua, vm))?.as_userdata_ptr().expect("an AnyUserData handle holds a userdata");
    // SAFETY: the userdata is held by `ud`'s host reference while `ud` lives, and
    // its payload box is never replaced, so the cell stays put.
    match unsafe { &(*p).payload } {
        Payload::Rust(b) if b.is::<Destructed>() => Err(Error::UserDataDestructed),
        Payload::Rust(b) => b.downcast_ref::<RefCell<T>>().ok_or(Error::UserDataTypeMismatch),
        Payload::Bytes(_) => Err(Error::UserDataTypeMismatch),
    }
}

/// The userdata in the first argument (`self` of a method).
fn take_self(args: &mut MultiValue) -> Result<AnyUserData> {
    match args.pop_front() {
        Some(Value::UserData(ud)) => Ok(ud),
        _ => Err(Error::UserDataTypeMismatch),
    }
}

fn method_callback<T: 'static, A: FromLuaMulti, R: IntoLuaMulti>(
    method: impl Fn(&Lua, &T, A) -> Result<R> + Send + 'static,
) -> Callback {
    Box::new(move |lua, mut args| {
        let ud = take_self(&mut args)?;
        let this = cell_of::<T>(&ud)?.try_borrow().map_err(|_| Error::UserDataBorrowError)?;
        let args = A::from_lua_args(args, 2, lua)?;
        method(lua, &this, args)?.into_lua_multi(lua)
    })
}

fn method_mut_callback<T: 'static, A: FromLuaMulti, R: IntoLuaMulti>(
    method: impl FnMut(&Lua, &mut T, A) -> Result<R> + Send + 'static,
) -> Callback {
    let method = RefCell::new(method);
    Box::new(move |lua, mut args| {
        let ud = take_self(&mut args)?;
        let mut this = cell_of::<T>(&ud)?.try_borrow_mut().map_err(|_| Error::UserDataBorrowMutError)?;
        let args = A::from_lua_args(args, 2, lua)?;
        let mut method = method.try_borrow_mut().map_err(|_| Error::RecursiveMutCallback)?;
        method(lua, &mut this, args)?.into_lua_multi(lua)
    })
}

fn function_callback<A: FromLuaMulti, R: IntoLuaMulti>(f: impl Fn(&Lua, A) -> Result<R> + Send + 'static) -> Callback {
    Box::new(move |lua, args| f(lua, A::from_lua_args(args, 1, lua)?)?.into_lua_multi(lua))
}

impl<T: 'static> UserDataRegistry<T> {
    fn new() -> UserDataRegistry<T> {
        UserDataRegistry {
            methods: Vec::new(),
            meta_methods: Vec::new(),
            getters: Vec::new(),
            setters: Vec::new(),
            error: None,
            _type: PhantomData,
        }
    }

    fn add_meta(&mut self, name: String, callback: Callback) {
        if name == "__gc" || name == "__metatable" {
            self.error.get_or_insert(Error::MetaMethodRestricted(name));
            return;
        }
        self.meta_methods.push((name, callback));
    }
}

impl<T: 'static> UserDataFields<T> for UserDataRegistry<T> {
    fn add_field_method_get<M, R>(&mut self, name: impl ToString, method: M)
    where
        M: Fn(&Lua, &T) -> Result<R> + Send + 'static,
        R: IntoLua,
    {
        self.getters.push((name.to_string(), method_callback(move |lua, this: &T, ()| method(lua, this))));
    }

    fn add_field_method_set<M, A>(&mut self, name: impl ToString, method: M)
    where
        M: FnMut(&Lua, &mut T, A) -> Result<()> + Send + 'static,
        A: FromLuaMulti,
    {
        self.setters.push((name.to_string(), method_mut_callback(method)));
    }
}

impl<T: 'static> UserDataMethods<T> for UserDataRegistry<T> {
    fn add_method<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: Fn(&Lua, &T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti,
    {
        self.methods.push((name.to_string(), method_callback(method)));
    }

    fn add_method_mut<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: FnMut(&Lua, &mut T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti,
    {
        self.methods.push((name.to_string(), method_mut_callback(method)));
    }

    fn add_function<F, A, R>(&mut self, name: impl ToString, function: F)
    where
        F: Fn(&Lua, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti,
    {
        self.methods.push((name.to_string(), function_callback(function)));
    }

    fn add_meta_method<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: Fn(&Lua, &T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti,
    {
        self.add_meta(name.to_string(), method_callback(method));
    }

    fn add_meta_method_mut<M, A, R>(&mut self, name: impl ToString, method: M)
    where
        M: FnMut(&Lua, &mut T, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti,
    {
        self.add_meta(name.to_string(), method_mut_callback(method));
    }

    fn add_meta_function<F, A, R>(&mut self, name: impl ToString, function: F)
    where
        F: Fn(&Lua, A) -> Result<R> + Send + 'static,
        A: FromLuaMulti,
        R: IntoLuaMulti,
    {
        self.add_meta(name.to_string(), function_callback(function));
    }
}

/// Builds the metatable of a `UserData` type from its declarations.
fn build_metatable<T: UserData>(lua: &Lua) -> Result<Table> {
    let mut reg = UserDataRegistry::<T>::new();
    T::add_fields(&mut reg);
    T::add_methods(&mut reg);
    if let Some(e) = reg.error {
        return Err(e);
    }
    let mt = lua.create_table()?;
    let (mut user_index, mut user_newindex) = (None, None);
    for (name, callback) in reg.meta_methods {
        match name.as_str() {
            "__index" => user_index = Some(callback),
            "__newindex" => user_newindex = Some(callback),
            _ => mt.raw_set(name, lua.create_callback(callback)?)?,
        }
    }
    let methods = lua.create_table()?;
    for (name, callback) in reg.methods {
        methods.raw_set(name, lua.create_callback(callback)?)?;
    }
    if reg.getters.is_empty() && user_index.is_none() {
        mt.raw_set("__index", methods)?;
    } else {
        // Methods first, then field getters, then the type's own __index.
        let getters: HashMap<String, Callback> = reg.getters.into_iter().collect();
        let index = lua.create_callback(Box::new(move |lua, args| {
            if let Some(Value::String(key)) = args.get(1) {
                let method: Value = methods.raw_get(key)?;
                if !method.is_nil() {
                    return method.into_lua_multi(lua);
                }
                if let Some(getter) = key.to_str().ok().and_then(|k| getters.get(k)) {
                    return getter(lua, args.iter().take(1).cloned().collect());
                }
            }
            match &user_index {
                Some(f) => f(lua, args),
                None => Ok(MultiValue::new()),
            }
        }))?;
        mt.raw_set("__index", index)?;
    }
    if !reg.setters.is_empty() || user_newindex.is_some() {
        let setters: HashMap<String, Callback> = reg.setters.into_iter().collect();
        let newindex = lua.create_callback(Box::new(move |lua, args| {
            if let Some(Value::String(key)) = args.get(1) {
                if let Some(setter) = key.to_str().ok().and_then(|k| setters.get(k)) {
                    let mut setter_args = MultiValue::new();
                    setter_args.extend(args.iter().take(1).cloned());
                    setter_args.extend(args.iter().skip(2).cloned());
                    return setter(lua, setter_args);
                }
            }
            match &user_newindex {
                Some(f) => f(lua, args),
                None => {
                    let key = match args.get(1) {
                        Some(Value::String(s)) => format!("'{}'", s.to_string_lossy()),
                        Some(v) => format!("of type {}", v.type_name()),
                        None => String::new(),
                    };
                    Err(Error::runtime(format!("attempt to set an unknown field {}", key)))
                }
            }
        }))?;
        mt.raw_set("__newindex", newindex)?;
    }
    Ok(mt)
}

impl Lua {
    /// Moves a Rust value into Lua.
    ///
    /// ```
    /// use neap::{Lua, UserData, UserDataMethods};
    /// struct Point { x: f64 }
    /// impl UserData for Point {
    ///     fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
    ///         m.add_method("x", |_, p, ()| Ok(p.x));
    ///     }
    /// }
    /// let lua = Lua::new();
    /// let p = lua.create_userdata(Point { x: 1.5 })?;
    /// assert_eq!(p.borrow::<Point>()?.x, 1.5);
    /// lua.globals().set("p", p)?;
    /// assert_eq!(lua.load("p:x()").eval::<f64>()?, 1.5);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_userdata<T: UserData>(&self, data: T) -> Result<AnyUserData> {
        let id = TypeId::of::<T>();
        let known = self.raw.lock().userdata_metatables.borrow().get(&id).copied();
        let mt_ref = match known {
            Some(r) => r,
            None => {
                let mt = build_metatable::<T>(self)?;
                let r = self.with_vm(|vm| {
                    let v = mt.0.raw(self, vm)?;
                    Ok::<_, Error>(vm.hold(v))
                })?;
                self.raw.lock().userdata_metatables.borrow_mut().insert(id, r);
                r
            }
        };
        self.with_vm(|vm| {
            let mt = vm.get_ref(mt_ref).as_table_ptr().expect("userdata metatables are tables");
            let env = vm.globals;
            let mut ud = Userdata::new(Payload::Rust(Box::new(RefCell::new(data))), env);
            ud.metatable = mt;
            let p = vm.heap.alloc(ud);
            Ok(AnyUserData(self.make_ref(vm, neap_vm::Value::userdata(p))))
        })
    }
}

impl<T: UserData> IntoLua for T {
    fn into_lua(self, lua: &Lua) -> Result<Value> {
        Ok(Value::UserData(lua.create_userdata(self)?))
    }
}

/// A userdata of any type.
#[derive(Clone, Debug, PartialEq)]
pub struct AnyUserData(pub(crate) LuaRef);

type StateGuard =
    parking_lot::lock_api::ArcReentrantMutexGuard<parking_lot::RawMutex, parking_lot::RawThreadId, crate::lua::RawLua>;

/// A shared borrow of a userdata's value (see [`AnyUserData::borrow`]).
///
/// It keeps the userdata alive and the state locked to this thread while it
/// lives. As a callback argument it borrows for the length of the call:
///
/// ```
/// use neap::{Lua, UserData, UserDataRef};
/// struct Money(i64);
/// impl UserData for Money {}
/// let lua = Lua::new();
/// let total = lua.create_function(|_, (a, b): (UserDataRef<Money>, UserDataRef<Money>)| Ok(a.0 + b.0))?;
/// assert_eq!(total.call::<i64>((Money(1), Money(2)))?, 3);
/// # Ok::<(), neap::Error>(())
/// ```
pub struct UserDataRef<T: 'static> {
    // Field order is drop order: the borrow ends before the handle that
    // keeps its cell alive goes.
    value: Ref<'static, T>,
    _userdata: AnyUserData,
    _lock: StateGuard,
}

impl<T> std::ops::Deref for UserDataRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A mutable borrow of a userdata's value (see [`AnyUserData::borrow_mut`]).
pub struct UserDataRefMut<T: 'static> {
    // As in `UserDataRef`.
    value: RefMut<'static, T>,
    _userdata: AnyUserData,
    _lock: StateGuard,
}

impl<T> std::ops::Deref for UserDataRefMut<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> std::ops::DerefMut for UserDataRefMut<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T: 'static> crate::FromLua for UserDataRef<T> {
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        match value {
            Value::UserData(ud) => ud.borrow(),
            v => Err(Error::from_lua_conversion(v.type_name(), "userdata", None)),
        }
    }
}

impl<T: 'static> crate::FromLua for UserDataRefMut<T> {
    fn from_lua(value: Value, _: &Lua) -> Result<Self> {
        match value {
            Value::UserData(ud) => ud.borrow_mut(),
            v => Err(Error::from_lua_conversion(v.type_name(), "userdata", None)),
        }
    }
}

/// What a userdata holds once its value was taken out.
struct Destructed;

impl AnyUserData {
    /// Whether it holds a `T`.
    pub fn is<T: 'static>(&self) -> bool {
        cell_of::<T>(self).is_ok()
    }

    /// Borrows the value. Fails if it is not a `T` or is mutably borrowed.
    /// The state stays locked to this thread while the borrow lives.
    pub fn borrow<T: 'static>(&self) -> Result<UserDataRef<T>> {
        let lock = self.0.lua()?.raw.lock_arc();
        let value = cell_of::<T>(self)?.try_borrow().map_err(|_| Error::UserDataBorrowError)?;
        // SAFETY: the cell lives in the userdata, which the handle stored
        // next to the borrow keeps alive until after the borrow is dropped;
        // the payload is not replaced while borrowed (`take` checks).
        let value = unsafe { std::mem::transmute::<Ref<'_, T>, Ref<'static, T>>(value) };
        Ok(UserDataRef { value, _userdata: self.clone(), _lock: lock })
    }

    /// Borrows the value mutably. Fails if it is not a `T` or is borrowed.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// struct N(i32);
    /// impl neap::UserData for N {}
    /// let ud = lua.create_userdata(N(1))?;
    /// ud.borrow_mut::<N>()?.0 = 2;
    /// let r = ud.borrow::<N>()?;
    /// assert_eq!(r.0, 2);
    /// assert!(matches!(ud.borrow_mut::<N>(), Err(neap::Error::UserDataBorrowMutError)));
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn borrow_mut<T: 'static>(&self) -> Result<UserDataRefMut<T>> {
        let lock = self.0.lua()?.raw.lock_arc();
        let value = cell_of::<T>(self)?.try_borrow_mut().map_err(|_| Error::UserDataBorrowMutError)?;
        // SAFETY: as in `borrow`.
        let value = unsafe { std::mem::transmute::<RefMut<'_, T>, RefMut<'static, T>>(value) };
        Ok(UserDataRefMut { value, _userdata: self.clone(), _lock: lock })
    }

    /// Moves the value out; the userdata is unusable afterwards (its methods
    /// fail with [`Error::UserDataDestructed`]). Fails while it is borrowed.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// struct N(i32);
    /// impl neap::UserData for N {}
    /// let ud = lua.create_userdata(N(5))?;
    /// assert_eq!(ud.take::<N>()?.0, 5);
    /// assert!(matches!(ud.borrow::<N>(), Err(neap::Error::UserDataDestructed)));
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn take<T: 'static>(&self) -> Result<T> {
        let lua = self.0.lua()?;
        let _lock = lua.raw.lock_arc();
        cell_of::<T>(self)?.try_borrow_mut().map_err(|_| Error::UserDataBorrowMutError)?;
        lua.with_vm(|vm| {
            let p = self.0.raw(&lua, vm)?.as_userdata_ptr().expect("an AnyUserData handle holds a userdata");
            // SAFETY: the userdata is held by this handle, and its value is
            // not borrowed (checked above, under the state's lock).
            let payload = unsafe { &mut (*p).payload };
            let old = std::mem::replace(payload, Payload::Rust(Box::new(Destructed)));
            match old {
                Payload::Rust(b) => match b.downcast::<RefCell<T>>() {
                    Ok(cell) => Ok(cell.into_inner()),
                    Err(b) => {
                        *payload = Payload::Rust(b);
                        Err(Error::UserDataTypeMismatch)
                    }
                },
                bytes => {
                    *payload = bytes;
                    Err(Error::UserDataTypeMismatch)
                }
            }
        })
    }

    /// The metatable shared by the userdata's type.
    pub fn get_metatable(&self) -> Result<Table> {
        let lua = self.0.lua()?;
        lua.with_vm(|vm| {
            let p = self.0.raw(&lua, vm)?.as_userdata_ptr().expect("an AnyUserData handle holds a userdata");
            // SAFETY: held by this handle.
            let mt = unsafe { (*p).metatable };
            if mt.is_null() {
                return Err(Error::runtime("userdata has no metatable"));
            }
            Ok(Table(lua.make_ref(vm, neap_vm::Value::table(mt))))
        })
    }
}

// ---- Rust errors as Lua values ---------------------------------------------------

/// What the userdata carrying a Rust error holds.
struct WrappedError(Error);

/// The error inside `v`, if `v` is a userdata carrying one.
pub(crate) fn unwrap_error(v: neap_vm::Value) -> Option<Error> {
    let p = v.as_userdata_ptr()?;
    // SAFETY: the caller got `v` from a live slot, reference or error.
    match unsafe { &(*p).payload } {
        Payload::Rust(b) => b.downcast_ref::<WrappedError>().map(|w| w.0.clone()),
        Payload::Bytes(_) => None,
    }
}

/// A userdata carrying `e`, printable from Lua with `tostring`.
pub(crate) fn wrap_error(lua: &Lua, vm: &mut Vm, e: Error) -> neap_vm::Value {
    let env = vm.globals;
    let mut ud = Userdata::new(Payload::Rust(Box::new(WrappedError(e))), env);
    if let Some(r) = lua.raw.lock().error_metatable.get() {
        ud.metatable = vm.get_ref(r).as_table_ptr().unwrap_or(std::ptr::null_mut());
    }
    neap_vm::Value::userdata(vm.heap.alloc(ud))
}

fn error_tostring(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let text = match unwrap_error(vm.arg(args, 0)) {
        Some(e) => e.to_string(),
        None => return Err(vm.error_str("bad argument #1 to '__tostring' (error expected)")),
    };
    let s = vm.new_str(text.as_bytes());
    vm.push(s);
    Ok(1)
}

/// Makes the metatable of error userdata (called once per state).
pub(crate) fn install_error_metatable(lua: &Lua) {
    lua.with_vm(|vm| {
        let mt = vm.new_table(0, 1);
        let f = vm.new_native("__tostring", error_tostring);
        vm.set_field(mt, "__tostring", f);
        let r = vm.hold(neap_vm::Value::table(mt));
        lua.raw.lock().error_metatable.set(Some(r));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Account {
        balance: i64,
    }

    impl UserData for Account {
        fn add_fields<F: UserDataFields<Self>>(fields: &mut F) {
            fields.add_field_method_get("balance", |_, a| Ok(a.balance));
            fields.add_field_method_set("balance", |_, a, v: i64| {
                a.balance = v;
                Ok(())
            });
        }
        fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
            methods.add_method_mut("deposit", |_, a, n: i64| {
                a.balance += n;
                Ok(a.balance)
            });
            // Calls a Lua function while `self` is mutably borrowed.
            methods.add_method_mut("with", |_, _a, f: crate::Function| f.call::<()>(()));
            methods.add_function("new", |lua, n: i64| lua.create_userdata(Account { balance: n }));
            methods.add_meta_method(MetaMethod::Len, |_, a, ()| Ok(a.balance));
            methods.add_meta_method(MetaMethod::Eq, |_, a, other: AnyUserData| {
                Ok(other.borrow::<Account>().map(|o| o.balance == a.balance).unwrap_or(false))
            });
            methods.add_meta_function(MetaMethod::Add, |_, (a, b): (AnyUserData, AnyUserData)| {
                let sum = a.borrow::<Account>()?.balance + b.borrow::<Account>()?.balance;
                Ok(Account { balance: sum })
            });
            methods.add_meta_method(MetaMethod::Call, |_, a, x: i64| Ok(a.balance * x));
            methods.add_meta_method(MetaMethod::ToString, |_, a, ()| Ok(format!("Account({})", a.balance)));
        }
    }

    #[test]
    fn methods_fields_and_metamethods() {
        let lua = Lua::new_gc_stress();
        lua.globals().set("acc", Account { balance: 10 }).unwrap();
        let run = |src: &str| lua.load(src).eval::<Value>().unwrap();
        assert_eq!(run("acc:deposit(5)"), Value::Integer(15));
        assert_eq!(run("acc.balance"), Value::Integer(15));
        run("acc.balance = 3");
        assert_eq!(run("#acc"), Value::Integer(3));
        assert_eq!(run("acc(2)"), Value::Integer(6));
        assert_eq!(lua.load("tostring(acc + acc.new(1))").eval::<String>().unwrap(), "Account(4)");
        assert_eq!(run("acc == acc.new(3)"), Value::Boolean(true));
        assert_eq!(run("acc.nothing"), Value::Nil);
        let ud: AnyUserData = lua.globals().get("acc").unwrap();
        assert!(ud.is::<Account>());
        assert!(!ud.is::<String>());
        assert!(matches!(ud.borrow::<String>(), Err(Error::UserDataTypeMismatch)));
        assert_eq!(ud.borrow::<Account>().unwrap().balance, 3);
    }

    #[test]
    fn borrow_conflicts_are_lua_errors() {
        let lua = Lua::new_gc_stress();
        lua.globals().set("acc", Account { balance: 1 }).unwrap();
        let (ok, msg): (bool, String) = lua
            .load("local ok, e = pcall(function() acc:with(function() acc:deposit(1) end) end) return ok, tostring(e)")
            .eval()
            .unwrap();
        assert!(!ok);
        assert!(msg.contains("error mutably borrowing userdata"), "{msg}");
        // A Rust-side borrow blocks Lua's mutable one the same way.
        let ud: AnyUserData = lua.globals().get("acc").unwrap();
        let held = ud.borrow::<Account>().unwrap();
        let err = lua.load("acc:deposit(1)").exec().unwrap_err();
        assert!(matches!(err.root_cause(), Error::UserDataBorrowMutError), "{err:?}");
        drop(held);
        lua.load("acc:deposit(1)").exec().unwrap();
    }

    #[test]
    fn wrong_self_is_an_error() {
        let lua = Lua::new();
        lua.globals().set("acc", Account { balance: 1 }).unwrap();
        let err = lua.load("acc.deposit(5, 1)").exec().unwrap_err();
        assert!(matches!(err.root_cause(), Error::UserDataTypeMismatch), "{err:?}");
    }

    #[test]
    fn typed_borrows_as_arguments_and_take() {
        let lua = Lua::new_gc_stress();
        let f = lua
            .create_function(|_, (mut a, b): (UserDataRefMut<Account>, UserDataRef<Account>)| {
                a.balance += b.balance;
                Ok(a.balance)
            })
            .unwrap();
        let (x, y) = (
            lua.create_userdata(Account { balance: 1 }).unwrap(),
            lua.create_userdata(Account { balance: 2 }).unwrap(),
        );
        assert_eq!(f.call::<i64>((&x, &y)).unwrap(), 3);
        // The same userdata twice: the shared borrow conflicts with the mutable one.
        let err = f.call::<i64>((&x, &x)).unwrap_err();
        assert!(matches!(err.root_cause(), Error::UserDataBorrowError), "{err:?}");
        let held = x.borrow::<Account>().unwrap();
        assert!(matches!(x.take::<Account>(), Err(Error::UserDataBorrowMutError)));
        drop(held);
        assert!(matches!(x.take::<String>(), Err(Error::UserDataTypeMismatch)));
        assert_eq!(x.take::<Account>().unwrap().balance, 3);
        lua.globals().set("x", x).unwrap();
        let err = lua.load("x:deposit(1)").exec().unwrap_err();
        assert!(matches!(err.root_cause(), Error::UserDataDestructed), "{err:?}");
    }

    struct Restricted;
    impl UserData for Restricted {
        fn add_methods<M: UserDataMethods<Self>>(methods: &mut M) {
            methods.add_meta_method("__gc", |_, _, ()| Ok(()));
        }
    }

    #[test]
    fn gc_metamethod_is_restricted() {
        let lua = Lua::new();
        assert!(matches!(lua.create_userdata(Restricted), Err(Error::MetaMethodRestricted(_))));
    }
}

//! `Lua`: a Lua state as the host sees it.
//!
//! The VM lives in a `RawLua` behind an `Arc<ReentrantMutex<_>>`: the `Lua`
//! owns the only strong reference, handles keep a `Weak` one. Every access to
//! the VM takes the (re-entrant) lock, so a `Lua` can move to another thread
//! while handles stay behind, and Rust callbacks can call back into Lua.

use crate::conversion::{FromLua, FromLuaMulti, IntoLua, IntoLuaMulti};
use crate::error::{Error, Result};
use crate::function::{Callback, Function};
use crate::multi::MultiValue;
use crate::string::LuaString;
use crate::table::Table;
use crate::thread::Thread;
use crate::value::{LuaRef, Value};
use neap_vm::state::HostRef;
use neap_vm::Vm;
use parking_lot::ReentrantMutex;
use std::any::{Any, TypeId};
use std::cell::{Cell, Ref, RefCell, RefMut};
use std::collections::HashMap;
use std::sync::{Arc, Weak};

/// One application value (boxed so it stays put while borrowed).
pub(crate) type AppDataCell = RefCell<Box<dyn Any + Send>>;

/// The VM and the host-side state that goes with it.
pub(crate) struct RawLua {
    /// The `&mut Vm` in use: the owned VM, or, while a Rust callback runs,
    /// the pointer the interpreter handed to it (so every access derives
    /// from the borrow that is live at that moment).
    vm: Cell<*mut Vm>,
    /// The VM this state owns (from `Box::into_raw`), freed on drop.
    owned: *mut Vm,
    /// Host references whose handles were dropped: released at the next VM
    /// access (a `Drop` must not touch the VM while another access runs).
    pending_release: RefCell<Vec<HostRef>>,
    pub(crate) self_weak: Weak<ReentrantMutex<RawLua>>,
    pub(crate) app_data: RefCell<HashMap<TypeId, Box<AppDataCell>>>,
    /// Metatables of registered `UserData` types.
    pub(crate) userdata_metatables: RefCell<HashMap<TypeId, HostRef>>,
    /// Metatable of the userdata that carry Rust errors through Lua.
    pub(crate) error_metatable: Cell<Option<HostRef>>,
    /// A Rust callback's panic, caught so that it does not unwind through
    /// the interpreter; resumed once the VM call in progress has returned.
    pub(crate) pending_panic: RefCell<Option<Box<dyn Any + Send>>>,
    /// Nesting of `with_vm` (callbacks access the VM inside host calls).
    depth: Cell<u32>,
}

// SAFETY: everything reachable from a `RawLua` is owned by it (the VM, its
// heap and the Rust values stored in userdata and callbacks, which the API
// requires to be `Send`), and every access goes through the `ReentrantMutex`
// around it, so only one thread touches it at a time.
unsafe impl Send for RawLua {}

pub(crate) type LuaCell = ReentrantMutex<RawLua>;

impl Drop for RawLua {
    fn drop(&mut self) {
        // The `Lua` is gone: nothing can reach our callbacks any more, but
        // the VM's shutdown may still run `__gc` finalizers. Point every Rust
        // callback at a stub that reports the state as destroyed.
        // SAFETY: `owned` came from `Box::into_raw` and is freed only here.
        let vm = unsafe { Box::from_raw(self.owned) };
        crate::function::disable_callbacks(&vm);
        drop(vm);
    }
}

/// Which standard libraries to open (the base library always is).
///
/// Leaving out `IO` also removes `dofile` and `loadfile`; leaving out
/// `PACKAGE` removes `require`; leaving out `STRING` also removes string
/// methods (`("x"):rep(2)`). `DEBUG`, `BIT`, `FFI` and `JIT` name libraries
/// Neap does not have yet.
///
/// ```
/// use neap::{Lua, LuaOptions, StdLib};
/// let lua = Lua::new_with(StdLib::MATH | StdLib::STRING, LuaOptions::default())?;
/// assert_eq!(lua.load("type(io), type(math)").eval::<(String, String)>()?, ("nil".into(), "table".into()));
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StdLib(u32);

impl StdLib {
    /// `coroutine`.
    pub const COROUTINE: StdLib = StdLib(1);
    /// `table`.
    pub const TABLE: StdLib = StdLib(1 << 1);
    /// `io`, with `dofile` and `loadfile`.
    pub const IO: StdLib = StdLib(1 << 2);
    /// `os`.
    pub const OS: StdLib = StdLib(1 << 3);
    /// `string`, with string methods.
    pub const STRING: StdLib = StdLib(1 << 4);
    /// `math`.
    pub const MATH: StdLib = StdLib(1 << 5);
    /// `package` and `require`.
    pub const PACKAGE: StdLib = StdLib(1 << 6);
    /// `bit` (not in Neap yet).
    pub const BIT: StdLib = StdLib(1 << 7);
    /// `debug` (not in Neap yet).
    pub const DEBUG: StdLib = StdLib(1 << 8);
    /// `ffi` (not in Neap yet).
    pub const FFI: StdLib = StdLib(1 << 9);
    /// `jit` (not in Neap yet).
    pub const JIT: StdLib = StdLib(1 << 10);
    /// Only the base library.
    pub const NONE: StdLib = StdLib(0);
    /// Every library.
    pub const ALL: StdLib = StdLib(u32::MAX);
    /// Every library but `debug` and `ffi` (what [`Lua::new`] opens).
    pub const ALL_SAFE: StdLib = StdLib(!(StdLib::DEBUG.0 | StdLib::FFI.0));

    /// Whether every library of `other` is in `self`.
    pub fn contains(self, other: StdLib) -> bool {
        self.0 & other.0 == other.0
    }

    /// Globals (and `package.loaded` entries) each library brings.
    const GLOBALS: [(StdLib, &'static [&'static str]); 7] = [
        (StdLib::COROUTINE, &["coroutine"]),
        (StdLib::TABLE, &["table"]),
        (StdLib::IO, &["io", "dofile", "loadfile"]),
        (StdLib::OS, &["os"]),
        (StdLib::STRING, &["string"]),
        (StdLib::MATH, &["math"]),
        (StdLib::PACKAGE, &["package", "require", "module"]),
    ];
}

impl std::ops::BitOr for StdLib {
    type Output = StdLib;
    fn bitor(self, rhs: StdLib) -> StdLib {
        StdLib(self.0 | rhs.0)
    }
}

impl std::ops::BitAnd for StdLib {
    type Output = StdLib;
    fn bitand(self, rhs: StdLib) -> StdLib {
        StdLib(self.0 & rhs.0)
    }
}

impl std::ops::BitXor for StdLib {
    type Output = StdLib;
    fn bitxor(self, rhs: StdLib) -> StdLib {
        StdLib(self.0 ^ rhs.0)
    }
}

/// Removes the libraries not in `libs` from a state that has them all.
fn remove_libraries(vm: &mut Vm, libs: StdLib) {
    let package = vm.get_global("package").as_table_ptr();
    let loaded = package.and_then(|p| vm.get_field(p, "loaded").as_table_ptr());
    for (lib, names) in StdLib::GLOBALS {
        if libs.contains(lib) {
            continue;
        }
        for name in names {
            vm.set_global(name, neap_vm::Value::NIL);
            if let Some(loaded) = loaded {
                vm.set_field(loaded, name, neap_vm::Value::NIL);
            }
        }
        if lib == StdLib::STRING && !vm.string_mt.is_null() {
            let mt = vm.string_mt;
            vm.set_field(mt, "__index", neap_vm::Value::NIL);
        }
    }
}

/// Options for [`Lua::new_with`].
#[derive(Clone, Debug, Default)]
pub struct LuaOptions {
    /// Same hash seeds on every run (reproducible `pairs` order).
    pub deterministic: bool,
    /// Run on the interpreter alone, without the JIT tier (as `neap -joff`;
    /// `jit.on()` can still switch it on).
    pub jit_off: bool,
}

impl LuaOptions {
    /// The default options.
    pub fn new() -> LuaOptions {
        LuaOptions::default()
    }
}

/// A Lua state.
///
/// ```
/// use neap::Lua;
/// let lua = Lua::new();
/// lua.globals().set("x", 20)?;
/// let y: i64 = lua.load("return x * 2 + 2").eval()?;
/// assert_eq!(y, 42);
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone)]
pub struct Lua {
    pub(crate) raw: Arc<LuaCell>,
}

impl Default for Lua {
    fn default() -> Lua {
        Lua::new()
    }
}

impl std::fmt::Debug for Lua {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lua({:p})", Arc::as_ptr(&self.raw))
    }
}

impl Lua {
    /// A state with the standard libraries opened.
    pub fn new() -> Lua {
        let mut vm = Vm::new();
        neap_jit::engine::Engine::install(&mut vm, neap_jit::engine::JitConfig::default());
        Lua::from_vm(vm)
    }

    /// A state with the chosen libraries and options.
    pub fn new_with(libs: StdLib, options: LuaOptions) -> Result<Lua> {
        let mut vm =
            Vm::with_options(neap_vm::state::Options { deterministic: options.deterministic, gc_stress: false });
        remove_libraries(&mut vm, libs);
        let config = neap_jit::engine::JitConfig { off: options.jit_off, ..Default::default() };
        neap_jit::engine::Engine::install(&mut vm, config);
        Ok(Lua::from_vm(vm))
    }

    fn from_vm(vm: Box<Vm>) -> Lua {
        let owned = Box::into_raw(vm);
        let raw = Arc::new_cyclic(|weak| {
            ReentrantMutex::new(RawLua {
                vm: Cell::new(owned),
                owned,
                pending_release: RefCell::new(Vec::new()),
                self_weak: weak.clone(),
                app_data: RefCell::new(HashMap::new()),
                userdata_metatables: RefCell::new(HashMap::new()),
                error_metatable: Cell::new(None),
                pending_panic: RefCell::new(None),
                depth: Cell::new(0),
            })
        });
        let lua = Lua { raw };
        crate::userdata::install_error_metatable(&lua);
        lua
    }

    // ---- Access to the VM ------------------------------------------------------

    /// Runs `f` with the VM, holding the state's lock.
    ///
    /// `f` must not keep Rust-side borrows of VM objects across a call into
    /// Lua other than through host references.
    pub(crate) fn with_vm<R>(&self, f: impl FnOnce(&mut Vm) -> R) -> R {
        let guard = self.raw.lock();
        let p = guard.vm.get();
        // SAFETY: `p` is the VM this state owns, or the borrow a running
        // callback was handed (see `enter_callback`); the lock makes this
        // thread the only user, and nested accesses happen only through
        // calls into the VM made by an enclosing `f`, which do not use their
        // own borrow until the nested access returns.
        let vm = unsafe { &mut *p };
        let pending = std::mem::take(&mut *guard.pending_release.borrow_mut());
        for r in pending {
            vm.release(r);
        }
        let depth = guard.depth.get();
        guard.depth.set(depth + 1);
        /// Restores the depth even if `f` unwinds.
        struct Restore<'a>(&'a Cell<u32>, u32);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                self.0.set(self.1);
            }
        }
        let restore = Restore(&guard.depth, depth);
        let result = f(vm);
        drop(restore);
        if depth == 0 {
            // Back at the host: a Rust callback's panic continues here.
            let payload = guard.pending_panic.borrow_mut().take();
            if let Some(payload) = payload {
                drop(guard);
                std::panic::resume_unwind(payload);
            }
        }
        result
    }

    /// Makes `vm` the VM pointer for accesses during a callback, returning
    /// the previous one for [`Lua::leave_callback`].
    pub(crate) fn enter_callback(&self, vm: *mut Vm) -> *mut Vm {
        self.raw.lock().vm.replace(vm)
    }

    pub(crate) fn leave_callback(&self, previous: *mut Vm) {
        self.raw.lock().vm.set(previous);
    }

    pub(crate) fn weak(&self) -> Weak<LuaCell> {
        Arc::downgrade(&self.raw)
    }

    /// Queues a host reference for release (from a handle's `Drop`).
    pub(crate) fn defer_release(cell: &LuaCell, r: HostRef) {
        cell.lock().pending_release.borrow_mut().push(r);
    }

    /// A handle for a VM value (which must be a collectable object).
    pub(crate) fn make_ref(&self, vm: &mut Vm, v: neap_vm::Value) -> LuaRef {
        LuaRef { lua: self.weak(), r: vm.hold(v) }
    }

    /// The VM value for an API value. Handles must belong to this state.
    pub(crate) fn raw_value(&self, vm: &mut Vm, v: &Value) -> Result<neap_vm::Value> {
        use neap_vm::Value as V;
        Ok(match v {
            Value::Nil => V::NIL,
            Value::Boolean(b) => V::boolean(*b),
            Value::LightUserData(p) => V::light_userdata(p.0 as usize),
            Value::Integer(i) => V::number(*i as f64),
            Value::Number(n) => V::number(*n),
            Value::String(s) => self.ref_value(vm, &s.0)?,
            Value::Table(t) => self.ref_value(vm, &t.0)?,
            Value::Function(f) => self.ref_value(vm, &f.0)?,
            Value::Thread(t) => self.ref_value(vm, &t.0)?,
            Value::UserData(u) => self.ref_value(vm, &u.0)?,
            Value::Error(e) => crate::userdata::wrap_error(self, vm, (**e).clone()),
        })
    }

    pub(crate) fn ref_value(&self, vm: &mut Vm, r: &LuaRef) -> Result<neap_vm::Value> {
        if !Weak::ptr_eq(&r.lua, &self.weak()) {
            return Err(Error::MismatchedLua);
        }
        Ok(vm.get_ref(r.r))
    }

    /// The API value for a VM value, holding objects through handles.
    pub(crate) fn api_value(&self, vm: &mut Vm, v: neap_vm::Value) -> Value {
        use neap_vm::value::Tag;
        match v.tag() {
            None => number_value(v.num_unchecked()),
            Some(Tag::Nil) => Value::Nil,
            Some(Tag::False) => Value::Boolean(false),
            Some(Tag::True) => Value::Boolean(true),
            Some(Tag::LightUserdata) => {
                Value::LightUserData(crate::value::LightUserData(v.as_light_userdata().unwrap_or(0) as *mut _))
            }
            Some(Tag::Str) => Value::String(LuaString(self.make_ref(vm, v))),
            Some(Tag::Table) => Value::Table(Table(self.make_ref(vm, v))),
            Some(Tag::Function) => Value::Function(Function(self.make_ref(vm, v))),
            Some(Tag::Thread) => Value::Thread(Thread(self.make_ref(vm, v))),
            Some(Tag::Userdata) => match crate::userdata::unwrap_error(v) {
                Some(e) => Value::Error(Box::new(e)),
                None => Value::UserData(crate::userdata::AnyUserData(self.make_ref(vm, v))),
            },
            // Internal objects never reach the host.
            Some(_) => Value::Nil,
        }
    }

    pub(crate) fn raw_values(&self, vm: &mut Vm, values: &MultiValue) -> Result<Vec<neap_vm::Value>> {
        values.iter().map(|v| self.raw_value(vm, v)).collect()
    }

    pub(crate) fn api_values(&self, vm: &mut Vm, values: &[neap_vm::Value]) -> MultiValue {
        values.iter().map(|&v| self.api_value(vm, v)).collect()
    }

    /// Calls a VM function with API values, from the host or a callback.
    pub(crate) fn call_raw(&self, f: &LuaRef, args: MultiValue) -> Result<MultiValue> {
        self.with_vm(|vm| {
            let f = self.ref_value(vm, f)?;
            let args = self.raw_values(vm, &args)?;
            let result = vm.call(f, &args);
            if vm.native_depth == 0 {
                // Lua's `print` buffers; the host's own output comes next.
                vm.flush_stdout();
            }
            match result {
                Ok(values) => Ok(self.api_values(vm, &values)),
                Err(e) => Err(self.convert_error(vm, e)),
            }
        })
    }

    /// The host-side error for a Lua error.
    pub(crate) fn convert_error(&self, vm: &mut Vm, e: neap_vm::LuaError) -> Error {
        use neap_vm::error::ErrorKind;
        if let Some(err) = crate::userdata::unwrap_error(e.value) {
            return err;
        }
        let text = if e.value.is_string() || e.value.is_number() {
            String::from_utf8_lossy(&vm.tostring_basic(e.value)).into_owned()
        } else if e.value.is_nil() {
            "nil".to_string()
        } else {
            format!("(error object is a {} value)", e.value.type_name())
        };
        match e.kind {
            ErrorKind::Syntax => {
                Error::SyntaxError { incomplete_input: crate::error::is_incomplete(&text), message: text }
            }
            ErrorKind::Memory => Error::MemoryError(text),
            _ => match e.traceback {
                Some(tb) => Error::RuntimeError(format!("{}\n{}", text, tb)),
                None => Error::RuntimeError(text),
            },
        }
    }

    // ---- Loading code ------------------------------------------------------------

    /// Prepares a chunk of Lua source to run.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// lua.load("x = 1").set_name("init").exec()?;
    /// assert_eq!(lua.globals().get::<i32>("x")?, 1);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn load<'a>(&'a self, source: impl AsChunk<'a>) -> Chunk<'a> {
        let source = source.source();
        Chunk { lua: self, name: None, source }
    }

    /// The table of global variables.
    pub fn globals(&self) -> Table {
        self.with_vm(|vm| Table(self.make_ref(vm, neap_vm::Value::table(vm.globals))))
    }

    // ---- Making values -----------------------------------------------------------

    /// An empty table.
    pub fn create_table(&self) -> Result<Table> {
        self.create_table_with_capacity(0, 0)
    }

    /// An empty table with room for `narr` array items and `nrec` fields.
    pub fn create_table_with_capacity(&self, narr: usize, nrec: usize) -> Result<Table> {
        self.with_vm(|vm| {
            let t = vm.heap.alloc(neap_vm::table::Table::new_ah(narr.min(1 << 24) as u32, nrec.min(1 << 24) as u32));
            Ok(Table(self.make_ref(vm, neap_vm::Value::table(t))))
        })
    }

    /// A table with the given key-value pairs.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let t = lua.create_table_from([("a", 1), ("b", 2)])?;
    /// assert_eq!(t.get::<i32>("b")?, 2);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_table_from<K: IntoLua, V: IntoLua>(&self, pairs: impl IntoIterator<Item = (K, V)>) -> Result<Table> {
        let t = self.create_table()?;
        for (k, v) in pairs {
            t.raw_set(k, v)?;
        }
        Ok(t)
    }

    /// A table with the given values at 1, 2, 3...
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let t = lua.create_sequence_from(["x", "y"])?;
    /// assert_eq!(t.raw_len(), 2);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_sequence_from<V: IntoLua>(&self, values: impl IntoIterator<Item = V>) -> Result<Table> {
        let t = self.create_table()?;
        for (i, v) in values.into_iter().enumerate() {
            t.raw_set(i as i64 + 1, v)?;
        }
        Ok(t)
    }

    /// A Lua string with the given bytes.
    pub fn create_string(&self, bytes: impl AsRef<[u8]>) -> Result<LuaString> {
        self.with_vm(|vm| {
            let s = vm.new_str(bytes.as_ref());
            Ok(LuaString(self.make_ref(vm, s)))
        })
    }

    /// A Lua function that runs a Rust closure.
    ///
    /// The closure gets the state and its arguments converted to `A`; its
    /// `Err` becomes a Lua error that `pcall` can catch. A panic inside it
    /// does not unwind through the VM: Lua sees an error, and the panic
    /// resumes when the host's call into Lua returns.
    ///
    /// A closure may capture handles, but should not keep a clone of the
    /// `Lua` itself: the state would then own itself and never be freed.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let add = lua.create_function(|_, (a, b): (i64, i64)| Ok(a + b))?;
    /// lua.globals().set("add", add)?;
    /// assert_eq!(lua.load("return add(2, 3)").eval::<i64>()?, 5);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_function<A, R, F>(&self, func: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: Fn(&Lua, A) -> Result<R> + Send + 'static,
    {
        self.create_callback(Box::new(move |lua, args| {
            let args = A::from_lua_args(args, 1, lua)?;
            func(lua, args)?.into_lua_multi(lua)
        }))
    }

    /// Like [`Lua::create_function`] for closures that mutate their state.
    /// Calling it again while it runs is an error
    /// ([`Error::RecursiveMutCallback`]).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let mut total = 0;
    /// let acc = lua.create_function_mut(move |_, n: i64| { total += n; Ok(total) })?;
    /// acc.call::<i64>(2)?;
    /// assert_eq!(acc.call::<i64>(3)?, 5);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_function_mut<A, R, F>(&self, func: F) -> Result<Function>
    where
        A: FromLuaMulti,
        R: IntoLuaMulti,
        F: FnMut(&Lua, A) -> Result<R> + Send + 'static,
    {
        let func = RefCell::new(func);
        self.create_function(move |lua, args: A| {
            let mut f = func.try_borrow_mut().map_err(|_| Error::RecursiveMutCallback)?;
            f(lua, args)
        })
    }

    pub(crate) fn create_callback(&self, callback: Callback) -> Result<Function> {
        self.with_vm(|vm| {
            let f = crate::function::new_callback(&self.raw, vm, callback);
            Ok(Function(self.make_ref(vm, f)))
        })
    }

    /// A coroutine that will run `func`.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let f = lua.load("local a = coroutine.yield(1); return a + 1").into_function()?;
    /// let co = lua.create_thread(f)?;
    /// assert_eq!(co.resume::<i64>(())?, 1);
    /// assert_eq!(co.resume::<i64>(10)?, 11);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_thread(&self, func: Function) -> Result<Thread> {
        self.with_vm(|vm| {
            let f = self.ref_value(vm, &func.0)?;
            let co = vm.heap.alloc(neap_vm::thread::Thread::new());
            // SAFETY: a fresh thread; slot 0 holds its body, as the VM's
            // `coroutine.create` lays it out.
            let thread = unsafe { &mut *co };
            thread.stack[0] = f;
            thread.top = 1;
            Ok(Thread(self.make_ref(vm, neap_vm::Value::thread(co))))
        })
    }

    /// Converts a Rust value to a Lua value.
    pub fn pack<T: IntoLua>(&self, t: T) -> Result<Value> {
        t.into_lua(self)
    }

    /// Converts a Lua value to a Rust value.
    pub fn unpack<T: FromLua>(&self, v: Value) -> Result<T> {
        T::from_lua(v, self)
    }

    /// Converts to a Lua value (alias of [`Lua::pack`], as in mlua).
    pub fn convert<T: FromLua>(&self, v: impl IntoLua) -> Result<T> {
        T::from_lua(v.into_lua(self)?, self)
    }

    // ---- Registry ----------------------------------------------------------------

    /// Stores a value for the host, out of Lua's reach, until the key is
    /// dropped or [`Lua::remove_registry_value`] is called.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// let key = lua.create_registry_value("kept")?;
    /// assert_eq!(lua.registry_value::<String>(&key)?, "kept");
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn create_registry_value<T: IntoLua>(&self, t: T) -> Result<RegistryKey> {
        let v = t.into_lua(self)?;
        self.with_vm(|vm| {
            let raw = self.raw_value(vm, &v)?;
            Ok(RegistryKey(LuaRef { lua: self.weak(), r: vm.hold(raw) }))
        })
    }

    /// The value stored under `key`.
    pub fn registry_value<T: FromLua>(&self, key: &RegistryKey) -> Result<T> {
        let v = self.with_vm(|vm| {
            let raw = self.ref_value(vm, &key.0)?;
            Ok::<_, Error>(self.api_value(vm, raw))
        })?;
        T::from_lua(v, self)
    }

    /// Replaces the value stored under `key`.
    pub fn replace_registry_value<T: IntoLua>(&self, key: &RegistryKey, t: T) -> Result<()> {
        let v = t.into_lua(self)?;
        self.with_vm(|vm| {
            self.ref_value(vm, &key.0)?;
            let raw = self.raw_value(vm, &v)?;
            vm.set_ref(key.0.r, raw);
            Ok(())
        })
    }

    /// Removes a stored value.
    pub fn remove_registry_value(&self, key: RegistryKey) -> Result<()> {
        self.with_vm(|vm| self.ref_value(vm, &key.0).map(|_| ()))?;
        drop(key);
        Ok(())
    }

    /// Stores a value in the Lua registry under a name (reachable from Lua
    /// only through the debug library, which Neap does not have).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// lua.set_named_registry_value("config", 3)?;
    /// assert_eq!(lua.named_registry_value::<i32>("config")?, 3);
    /// lua.unset_named_registry_value("config")?;
    /// assert_eq!(lua.named_registry_value::<Option<i32>>("config")?, None);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn set_named_registry_value(&self, name: &str, t: impl IntoLua) -> Result<()> {
        let v = t.into_lua(self)?;
        self.with_vm(|vm| {
            let raw = self.raw_value(vm, &v)?;
            let registry = vm.registry;
            vm.set_field(registry, name, raw);
            Ok(())
        })
    }

    /// The value stored under `name` (nil if none).
    pub fn named_registry_value<T: FromLua>(&self, name: &str) -> Result<T> {
        let v = self.with_vm(|vm| {
            let registry = vm.registry;
            let raw = vm.get_field(registry, name);
            self.api_value(vm, raw)
        });
        T::from_lua(v, self)
    }

    /// Removes the value stored under `name`.
    pub fn unset_named_registry_value(&self, name: &str) -> Result<()> {
        self.set_named_registry_value(name, Value::Nil)
    }

    /// The coroutine running now (the main thread outside any).
    pub fn current_thread(&self) -> Thread {
        self.with_vm(|vm| Thread(self.make_ref(vm, neap_vm::Value::thread(vm.current))))
    }

    // ---- Application data --------------------------------------------------------

    /// Stores one value per type for the host (callbacks reach it through
    /// their `&Lua`). Returns the value it replaces.
    ///
    /// Panics if a value of that type is borrowed (as mlua does).
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// lua.set_app_data(7u32);
    /// assert_eq!(*lua.app_data_ref::<u32>().unwrap(), 7);
    /// ```
    pub fn set_app_data<T: Any + Send>(&self, data: T) -> Option<T> {
        self.try_set_app_data(data).expect("app data of this type is borrowed")
    }

    /// [`Lua::set_app_data`], with an error instead of a panic when a value
    /// of that type is borrowed.
    pub fn try_set_app_data<T: Any + Send>(&self, data: T) -> Result<Option<T>> {
        let guard = self.raw.lock();
        let mut map = guard.app_data.borrow_mut();
        if let Some(cell) = map.get(&TypeId::of::<T>()) {
            let mut slot = cell.try_borrow_mut().map_err(|_| Error::runtime("app data is borrowed"))?;
            let old = std::mem::replace(&mut *slot, Box::new(data));
            return Ok(old.downcast::<T>().ok().map(|b| *b));
        }
        map.insert(TypeId::of::<T>(), Box::new(RefCell::new(Box::new(data))));
        Ok(None)
    }

    /// The stored value of type `T`.
    pub fn app_data_ref<T: Any + Send>(&self) -> Option<AppDataRef<'_, T>> {
        // Locked first: the borrow flags below are only touched under the lock.
        let lock = self.raw.lock_arc();
        let map = lock.app_data.borrow();
        let cell: *const AppDataCell = &**map.get(&TypeId::of::<T>())?;
        drop(map);
        // SAFETY: entries are boxed and never removed or replaced while
        // borrowed (only their contents, through the `RefCell`), and the
        // `Lua` borrowed for `'_` keeps the map alive.
        let cell = unsafe { &*cell };
        let r = Ref::filter_map(cell.try_borrow().ok()?, |b| b.downcast_ref::<T>()).ok()?;
        Some(AppDataRef { data: r, _lock: lock })
    }

    /// The stored value of type `T`, mutably.
    pub fn app_data_mut<T: Any + Send>(&self) -> Option<AppDataRefMut<'_, T>> {
        let lock = self.raw.lock_arc();
        let map = lock.app_data.borrow();
        let cell: *const AppDataCell = &**map.get(&TypeId::of::<T>())?;
        drop(map);
        // SAFETY: as in `app_data_ref`.
        let cell = unsafe { &*cell };
        let r = RefMut::filter_map(cell.try_borrow_mut().ok()?, |b| b.downcast_mut::<T>()).ok()?;
        Some(AppDataRefMut { data: r, _lock: lock })
    }

    /// Removes and returns the stored value of type `T`.
    pub fn remove_app_data<T: Any + Send>(&self) -> Option<T> {
        let guard = self.raw.lock();
        let mut map = guard.app_data.borrow_mut();
        let cell = map.get(&TypeId::of::<T>())?;
        if cell.try_borrow_mut().is_err() {
            return None;
        }
        let cell = map.remove(&TypeId::of::<T>())?;
        cell.into_inner().downcast::<T>().ok().map(|b| *b)
    }

    // ---- Garbage collection ------------------------------------------------------

    /// Runs a full collection.
    pub fn gc_collect(&self) -> Result<()> {
        self.with_vm(|vm| vm.collect_garbage());
        Ok(())
    }

    /// Stops automatic collection (`collectgarbage("stop")`).
    pub fn gc_stop(&self) {
        self.with_vm(|vm| vm.heap.params.stopped = true);
    }

    /// Restarts automatic collection.
    pub fn gc_restart(&self) {
        self.with_vm(|vm| vm.heap.params.stopped = false);
    }

    /// Bytes the heap uses (approximately).
    pub fn used_memory(&self) -> usize {
        self.with_vm(|vm| vm.heap.bytes)
    }

    // ---- Sandboxing -----------------------------------------------------------

    /// Limits the heap to `limit` bytes (0: no limit) and returns the
    /// previous limit. A script that allocates past it gets LuaJIT's
    /// `not enough memory` error, which `pcall` can catch; the state stays
    /// usable afterwards.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// lua.set_memory_limit(4 << 20).unwrap();
    /// let r: String = lua.load("local t = {} local ok, e = pcall(function() \
    ///     for i = 1, 1e8 do t[i] = {i} end end) t = nil return e").eval().unwrap();
    /// assert_eq!(r, "not enough memory");
    /// ```
    pub fn set_memory_limit(&self, limit: usize) -> Result<usize> {
        Ok(self.with_vm(|vm| {
            let previous = vm.heap.params.limit.unwrap_or(0);
            vm.set_memory_limit((limit > 0).then_some(limit));
            previous
        }))
    }

    /// Calls `callback` periodically while Lua code runs (on loop back-edges
    /// and function calls, every `neap_vm::state::CHECK_INTERVAL` of them);
    /// an `Err` stops the script with that error (catchable by `pcall`).
    /// This is how a host bounds the time a script may run.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// let lua = neap::Lua::new();
    /// let ticks = AtomicU32::new(0);
    /// lua.set_interrupt(move |_| {
    ///     if ticks.fetch_add(1, Ordering::Relaxed) > 100 {
    ///         return Err(neap::Error::runtime("time is up"));
    ///     }
    ///     Ok(neap::VmState::Continue)
    /// });
    /// let err = lua.load("while true do end").exec().unwrap_err();
    /// assert!(err.to_string().contains("time is up"));
    /// ```
    pub fn set_interrupt<F>(&self, callback: F)
    where
        F: Fn(&Lua) -> Result<VmState> + Send + 'static,
    {
        let weak = self.weak();
        let hook = move |vm: &mut Vm| -> neap_vm::LuaResult<()> {
            let Some(raw) = weak.upgrade() else { return Ok(()) };
            let lua = Lua { raw };
            // As in a callback: the VM is reached through this pointer only.
            let previous = lua.enter_callback(vm as *mut Vm);
            let result = callback(&lua);
            lua.leave_callback(previous);
            match result {
                Ok(VmState::Continue) => Ok(()),
                Err(e) => {
                    let e = match e {
                        e @ Error::CallbackError { .. } => e,
                        e => Error::CallbackError { traceback: neap_vm::debuginfo::traceback(vm), cause: Arc::new(e) },
                    };
                    Err(neap_vm::LuaError::new(crate::userdata::wrap_error(&lua, vm, e)))
                }
            }
        };
        self.with_vm(|vm| vm.set_interrupt(Some(Box::new(hook))));
    }

    /// Removes the interrupt callback.
    pub fn remove_interrupt(&self) {
        self.with_vm(|vm| vm.set_interrupt(None));
    }
}

/// What an interrupt callback tells the running script (see
/// [`Lua::set_interrupt`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmState {
    /// Go on running.
    Continue,
}

/// A borrowed application value (see [`Lua::app_data_ref`]).
pub struct AppDataRef<'a, T: 'static> {
    data: Ref<'a, T>,
    _lock: parking_lot::lock_api::ArcReentrantMutexGuard<parking_lot::RawMutex, parking_lot::RawThreadId, RawLua>,
}

impl<T> std::ops::Deref for AppDataRef<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

/// A mutably borrowed application value (see [`Lua::app_data_mut`]).
pub struct AppDataRefMut<'a, T: 'static> {
    data: RefMut<'a, T>,
    _lock: parking_lot::lock_api::ArcReentrantMutexGuard<parking_lot::RawMutex, parking_lot::RawThreadId, RawLua>,
}

impl<T> std::ops::Deref for AppDataRefMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T> std::ops::DerefMut for AppDataRefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.data
    }
}

/// A number as the API shows it: integral values that fit an `i64` are
/// `Integer` (as mlua does for LuaJIT), the rest `Number`.
pub(crate) fn number_value(n: f64) -> Value {
    if n.fract() == 0.0
        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n)
        && !(n == 0.0 && n.is_sign_negative())
    {
        Value::Integer(n as i64)
    } else {
        Value::Number(n)
    }
}

/// A value stored for the host (see [`Lua::create_registry_value`]).
#[derive(Debug)]
pub struct RegistryKey(pub(crate) LuaRef);

/// Lua source: text or bytes.
pub trait AsChunk<'a> {
    /// The source bytes.
    fn source(self) -> std::borrow::Cow<'a, [u8]>;
}

impl<'a> AsChunk<'a> for &'a str {
    fn source(self) -> std::borrow::Cow<'a, [u8]> {
        std::borrow::Cow::Borrowed(self.as_bytes())
    }
}

impl<'a> AsChunk<'a> for &'a String {
    fn source(self) -> std::borrow::Cow<'a, [u8]> {
        std::borrow::Cow::Borrowed(self.as_bytes())
    }
}

impl<'a> AsChunk<'a> for String {
    fn source(self) -> std::borrow::Cow<'a, [u8]> {
        std::borrow::Cow::Owned(self.into_bytes())
    }
}

impl<'a> AsChunk<'a> for &'a [u8] {
    fn source(self) -> std::borrow::Cow<'a, [u8]> {
        std::borrow::Cow::Borrowed(self)
    }
}

impl<'a> AsChunk<'a> for Vec<u8> {
    fn source(self) -> std::borrow::Cow<'a, [u8]> {
        std::borrow::Cow::Owned(self)
    }
}

/// Lua source ready to compile and run (see [`Lua::load`]).
pub struct Chunk<'a> {
    lua: &'a Lua,
    name: Option<String>,
    source: std::borrow::Cow<'a, [u8]>,
}

impl<'a> Chunk<'a> {
    /// The chunk name used in error messages (`[string "name"]`); `@file`
    /// and `=name` work as in Lua. Without one, the source text is used.
    pub fn set_name(mut self, name: impl Into<String>) -> Chunk<'a> {
        self.name = Some(name.into());
        self
    }

    /// Compiles the chunk into a function.
    pub fn into_function(self) -> Result<Function> {
        let lua = self.lua;
        let name = self.name.as_deref().map(str::as_bytes).unwrap_or(&self.source);
        lua.with_vm(|vm| match vm.load(&self.source, name) {
            Ok(f) => Ok(Function(lua.make_ref(vm, f))),
            Err(e) => Err(lua.convert_error(vm, e)),
        })
    }

    /// Runs the chunk.
    pub fn exec(self) -> Result<()> {
        self.call::<()>(())
    }

    /// Runs the chunk with arguments (its `...`), returning its results.
    pub fn call<R: FromLuaMulti>(self, args: impl IntoLuaMulti) -> Result<R> {
        let lua = self.lua;
        self.into_function()?.call(args).and_then(|r: MultiValue| R::from_lua_multi(r, lua))
    }

    /// Evaluates the chunk as an expression (`return <source>`), or runs it
    /// as statements when it is not one; returns its results.
    ///
    /// ```
    /// let lua = neap::Lua::new();
    /// assert_eq!(lua.load("1 + 2").eval::<i32>()?, 3);
    /// # Ok::<(), neap::Error>(())
    /// ```
    pub fn eval<R: FromLuaMulti>(self) -> Result<R> {
        let lua = self.lua;
        let mut expr = b"return ".to_vec();
        expr.extend_from_slice(&self.source);
        let name = self.name.clone().map(String::into_bytes).unwrap_or_else(|| self.source.to_vec());
        let as_expr = lua.with_vm(|vm| vm.load(&expr, &name).map(|f| lua.make_ref(vm, f)));
        match as_expr {
            Ok(f) => Function(f).call(()),
            Err(_) => self.call(()),
        }
    }
}

#[cfg(test)]
impl Lua {
    /// A state that collects garbage at every safe point (finds values the
    /// API forgot to keep alive).
    pub(crate) fn new_gc_stress() -> Lua {
        Lua::from_vm(Vm::with_options(neap_vm::state::Options { deterministic: true, gc_stress: true }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupt_stops_an_endless_compiled_loop() {
        let lua = Lua::new();
        let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = calls.clone();
        lua.set_interrupt(move |_| {
            if seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= 20 {
                return Err(Error::runtime("stopped"));
            }
            Ok(VmState::Continue)
        });
        // The loop gets hot and runs as a trace: only the trace's back-edge
        // countdown can hand control back for the interrupt.
        let err = lua.load("local i = 0 while true do i = i + 1 end").exec().unwrap_err();
        assert!(err.to_string().contains("stopped"), "{err}");
        // Every other iteration leaves the loop's trace for a side trace
        // (jumps to which take no tick) that jumps back to the loop's start.
        calls.store(0, std::sync::atomic::Ordering::Relaxed);
        let err = lua
            .load("local i, j = 0, 0 while true do i = i + 1 if i % 2 == 0 then j = j + 1 end end")
            .exec()
            .unwrap_err();
        assert!(err.to_string().contains("stopped"), "{err}");
        let status: bool = lua.load("return (jit.status())").eval().unwrap();
        assert!(status, "the JIT is on in a default state");
        lua.remove_interrupt();
        // Still usable afterwards.
        assert_eq!(lua.load("local s = 0 for i = 1, 1000 do s = s + i end return s").eval::<i64>().unwrap(), 500500);
    }

    #[test]
    fn a_state_moves_to_another_thread() {
        fn assert_send<T: Send>(_: &T) {}
        let lua = Lua::new();
        assert_send(&lua);
        lua.globals().set("n", 41).unwrap();
        let f = lua.create_function(|_, n: i64| Ok(n + 1)).unwrap();
        lua.globals().set("inc", f).unwrap();
        let lua = std::thread::spawn(move || {
            let n: i64 = lua.load("inc(n)").eval().unwrap();
            assert_eq!(n, 42);
            lua
        })
        .join()
        .unwrap();
        assert_eq!(lua.load("n").eval::<i64>().unwrap(), 41);
    }

    #[test]
    fn handles_and_clones_work_from_several_threads() {
        let lua = Lua::new();
        let counter = lua.create_table().unwrap();
        counter.set("n", 0).unwrap();
        let bump = lua.create_function(|_, t: Table| t.set("n", t.get::<i64>("n")? + 1)).unwrap();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let (lua, counter, bump) = (lua.clone(), counter.clone(), bump.clone());
                std::thread::spawn(move || {
                    for _ in 0..100 {
                        bump.call::<()>(&counter).unwrap();
                        lua.load("local t = {} for i = 1, 10 do t[i] = i end").exec().unwrap();
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(counter.get::<i64>("n").unwrap(), 400);
    }

    #[test]
    fn handles_keep_objects_alive_under_gc_stress() {
        let lua = Lua::new_gc_stress();
        let t = lua.create_table().unwrap();
        t.set("s", "a string only this table holds").unwrap();
        let f = lua.create_function(|lua, (a, b): (String, String)| lua.create_string(a + &b)).unwrap();
        lua.load("local junk = {} for i = 1, 200 do junk[i] = {tostring(i)} end").exec().unwrap();
        lua.gc_collect().unwrap();
        assert_eq!(t.get::<String>("s").unwrap(), "a string only this table holds");
        let s: LuaString = f.call(("con", "cat")).unwrap();
        lua.load("for i = 1, 100 do local x = {i} end").exec().unwrap();
        assert_eq!(s.to_str().unwrap(), "concat");
        let built: Vec<String> =
            lua.load("local r = {} for i = 1, 50 do r[i] = string.rep('x', i) end return r").eval().unwrap();
        assert_eq!(built[49].len(), 50);
    }

    #[test]
    fn dropped_handles_are_collected() {
        let lua = Lua::new();
        lua.gc_collect().unwrap();
        let before = lua.used_memory();
        for _ in 0..100 {
            let t = lua.create_table().unwrap();
            t.set(1, "x".repeat(1000)).unwrap();
        }
        lua.gc_collect().unwrap();
        assert!(lua.used_memory() < before + 20_000, "{} -> {}", before, lua.used_memory());
    }

    #[test]
    fn syntax_errors_say_whether_input_is_incomplete() {
        let lua = Lua::new();
        match lua.load("if x then").exec() {
            Err(Error::SyntaxError { incomplete_input: true, message }) => {
                assert!(message.contains("<eof>"), "{message}")
            }
            r => panic!("{r:?}"),
        }
        match lua.load("x = = 1").exec() {
            Err(Error::SyntaxError { incomplete_input: false, .. }) => {}
            r => panic!("{r:?}"),
        }
    }

    #[test]
    fn chunk_names_appear_in_errors() {
        let lua = Lua::new();
        let e = lua.load("error('x')").set_name("=init").exec().unwrap_err();
        assert!(e.to_string().contains("init:1: x"), "{e}");
        let e = lua.load("error('x')").set_name("config").exec().unwrap_err();
        assert!(e.to_string().contains("[string \"config\"]:1: x"), "{e}");
        let f = lua.load("return ...").into_function().unwrap();
        assert_eq!(f.call::<(i32, i32)>((1, 2)).unwrap(), (1, 2));
        assert_eq!(lua.load("return ...").call::<i32>(7).unwrap(), 7);
        // `eval` falls back to statements.
        assert_eq!(lua.load("local a = 2 return a * 3").eval::<i32>().unwrap(), 6);
    }

    #[test]
    fn standard_libraries_can_be_left_out() {
        let lua =
            Lua::new_with(StdLib::ALL_SAFE ^ StdLib::IO ^ StdLib::OS ^ StdLib::PACKAGE, LuaOptions::new()).unwrap();
        let gone: (Value, Value, Value, Value, Value) = lua.load("io, os, require, dofile, package").eval().unwrap();
        assert!(gone.0.is_nil() && gone.1.is_nil() && gone.2.is_nil() && gone.3.is_nil() && gone.4.is_nil());
        assert_eq!(lua.load("string.rep('a', 2) .. ('b'):rep(2)").eval::<String>().unwrap(), "aabb");
        let bare = Lua::new_with(StdLib::NONE, LuaOptions::new()).unwrap();
        assert!(bare.load("('b'):rep(2)").exec().is_err());
        assert_eq!(
            bare.load("type(print), type(string), type(coroutine)").eval::<(String, String, String)>().unwrap().1,
            "nil"
        );
        let all = Lua::new_with(StdLib::ALL, LuaOptions { deterministic: true, ..Default::default() }).unwrap();
        assert_eq!(all.load("type(require)").eval::<String>().unwrap(), "function");
    }

    #[test]
    fn registry_values() {
        let lua = Lua::new();
        let key = lua.create_registry_value(lua.create_table_from([(1, 2)]).unwrap()).unwrap();
        lua.gc_collect().unwrap();
        let t: Table = lua.registry_value(&key).unwrap();
        assert_eq!(t.get::<i32>(1).unwrap(), 2);
        lua.replace_registry_value(&key, "now a string").unwrap();
        assert_eq!(lua.registry_value::<String>(&key).unwrap(), "now a string");
        lua.remove_registry_value(key).unwrap();
        let other = Lua::new();
        let foreign = other.create_registry_value(1).unwrap();
        assert!(matches!(lua.registry_value::<i32>(&foreign), Err(Error::MismatchedLua)));
    }

    #[test]
    fn app_data() {
        let lua = Lua::new();
        assert!(lua.app_data_ref::<String>().is_none());
        assert_eq!(lua.set_app_data(String::from("a")), None);
        lua.app_data_mut::<String>().unwrap().push('b');
        assert_eq!(&*lua.app_data_ref::<String>().unwrap(), "ab");
        let f = lua.create_function(|lua, ()| Ok(lua.app_data_ref::<String>().map(|s| s.len()).unwrap_or(0))).unwrap();
        assert_eq!(f.call::<usize>(()).unwrap(), 2);
        {
            let _held = lua.app_data_ref::<String>().unwrap();
            assert!(lua.try_set_app_data(String::new()).is_err());
            assert!(lua.app_data_mut::<String>().is_none());
        }
        assert_eq!(lua.set_app_data(String::from("c")).as_deref(), Some("ab"));
        assert_eq!(lua.remove_app_data::<String>().as_deref(), Some("c"));
    }

    #[test]
    fn handles_outliving_the_state_report_it() {
        let lua = Lua::new();
        let t = lua.create_table().unwrap();
        let f = lua.create_function(|_, ()| Ok(())).unwrap();
        // A finalizer that is a Rust callback runs while the state closes.
        lua.load("local p = newproxy(true) getmetatable(p).__gc = ... ; keep = p").call::<()>(f.clone()).unwrap();
        drop(lua);
        assert!(matches!(t.set(1, 1), Err(Error::LuaDestroyed)));
        assert!(matches!(f.call::<()>(()), Err(Error::LuaDestroyed)));
    }

    #[test]
    fn functions_bind_and_threads_resume() {
        let lua = Lua::new();
        let f: Function = lua.load("function(...) return select('#', ...), ... end").eval().unwrap();
        let g = f.bind((1, 2)).unwrap();
        assert_eq!(g.call::<(i32, i32, i32, i32)>(3).unwrap(), (3, 1, 2, 3));
        let co = lua.create_thread(g).unwrap();
        assert_eq!(co.resume::<i32>(()).unwrap(), 2);
        assert_eq!(co.status(), crate::ThreadStatus::Finished);
    }
}

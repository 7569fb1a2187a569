//! `Thread`: a handle to a Lua coroutine.

use crate::conversion::{FromLuaMulti, IntoLuaMulti};
use crate::error::{Error, Result};
use crate::value::LuaRef;
use neap_vm::thread::CoStatus;

/// Where a coroutine stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    /// Created or yielded: [`Thread::resume`] may run it.
    Resumable,
    /// Running, or waiting for a coroutine it resumed.
    Running,
    /// Returned or died of an error. (The VM does not tell the two apart,
    /// so both read as `Finished`.)
    Finished,
}

/// A Lua coroutine.
///
/// ```
/// use neap::{Lua, ThreadStatus};
/// let lua = Lua::new();
/// let co: neap::Thread = lua.load("coroutine.create(function(a) coroutine.yield(a * 2) end)").eval()?;
/// assert_eq!(co.resume::<i64>(21)?, 42);
/// assert_eq!(co.status(), ThreadStatus::Resumable);
/// co.resume::<()>(())?;
/// assert_eq!(co.status(), ThreadStatus::Finished);
/// assert!(co.resume::<()>(()).is_err());
/// # Ok::<(), neap::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Thread(pub(crate) LuaRef);

impl Thread {
    /// Runs the coroutine until it yields or returns; gives what it yielded
    /// or returned. An error inside kills it and comes back as `Err`.
    pub fn resume<R: FromLuaMulti>(&self, args: impl IntoLuaMulti) -> Result<R> {
        let lua = self.0.lua()?;
        let args = args.into_lua_multi(&lua)?;
        let results = lua.with_vm(|vm| {
            let co = self.0.raw(&lua, vm)?.as_thread_ptr().expect("a Thread handle holds a thread");
            // SAFETY: the thread is held by this handle.
            if unsafe { (*co).status } != CoStatus::Suspended {
                return Err(Error::CoroutineUnresumable);
            }
            let args = lua.raw_values(vm, &args)?;
            let result = vm.resume(co, &args);
            if vm.native_depth == 0 {
                vm.flush_stdout();
            }
            match result {
                Ok(values) => Ok(lua.api_values(vm, &values)),
                Err(e) => Err(lua.convert_error(vm, e)),
            }
        })?;
        R::from_lua_multi(results, &lua)
    }

    /// The coroutine's status.
    pub fn status(&self) -> ThreadStatus {
        let Ok(lua) = self.0.lua() else { return ThreadStatus::Finished };
        lua.with_vm(|vm| {
            let Ok(v) = self.0.raw(&lua, vm) else { return ThreadStatus::Finished };
            let co = v.as_thread_ptr().expect("a Thread handle holds a thread");
            // SAFETY: the thread is held by this handle.
            match unsafe { (*co).status } {
                CoStatus::Suspended => ThreadStatus::Resumable,
                CoStatus::Running | CoStatus::Normal => ThreadStatus::Running,
                CoStatus::Dead => ThreadStatus::Finished,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lua, ThreadStatus};

    #[test]
    fn errors_kill_the_coroutine() {
        let lua = Lua::new();
        let f = lua.load("coroutine.yield(1) error('dead')").into_function().unwrap();
        let co = lua.create_thread(f).unwrap();
        assert_eq!(co.resume::<i32>(()).unwrap(), 1);
        let e = co.resume::<()>(()).unwrap_err();
        assert!(e.to_string().contains("dead"), "{e}");
        assert_eq!(co.status(), ThreadStatus::Finished);
        assert!(matches!(co.resume::<()>(()), Err(crate::Error::CoroutineUnresumable)));
    }
}

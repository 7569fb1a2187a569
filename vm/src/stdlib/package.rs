//! `require` and the `package` table (a first part: Lua files on
//! `package.path`, `package.loaded`, `package.preload`).

use super::{check_str, ret};
use crate::error::{LuaError, LuaResult};
use crate::state::{Args, Vm};
use crate::value::Value;

pub fn open(vm: &mut Vm) {
    let package = super::new_lib(vm, "package", &[]);
    let loaded = vm.new_table(0, 0);
    let preload = vm.new_table(0, 0);
    vm.set_field(package, "loaded", Value::table(loaded));
    vm.set_field(package, "preload", Value::table(preload));
    super::table::register_preloads(vm, preload);
    let path = vm.new_str(b"./?.lua;./?/init.lua");
    vm.set_field(package, "path", path);
    let cpath = vm.new_str(b"");
    vm.set_field(package, "cpath", cpath);
    for name in ["_G", "bit", "coroutine", "debug", "io", "jit", "math", "os", "package", "string", "table"] {
        let lib = vm.get_global(name);
        vm.set_field(loaded, name, lib);
    }
    let require = vm.new_native("require", require);
    vm.set_global("require", require);
}

fn require(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name_v = check_str(vm, args, 1)?;
    let name = vm.str_of(name_v).to_vec();
    let package = vm.get_global("package").as_table_ptr().unwrap();
    let loaded = vm.get_field(package, "loaded").as_table_ptr().unwrap();
    // `loaded` is reachable from the globals.
    let have = unsafe { (*loaded).get_str(name_v) };
    if have.is_truthy() {
        return ret(vm, &[have]);
    }
    let preload = vm.get_field(package, "preload").as_table_ptr().unwrap();
    let mut loader = unsafe { (*preload).get_str(name_v) };
    let mut tried = format!("\n\tno field package.preload['{}']", String::from_utf8_lossy(&name));
    if loader.is_nil() {
        let path = vm.get_field(package, "path");
        let path = String::from_utf8_lossy(vm.str_of(path)).into_owned();
        let file_name = String::from_utf8_lossy(&name).replace('.', "/");
        for templ in path.split(';') {
            let candidate = templ.replace('?', &file_name);
            match std::fs::read(&candidate) {
                Ok(src) => {
                    let chunkname = format!("@{}", candidate);
                    loader = vm.load(&src, chunkname.as_bytes())?;
                    break;
                }
                Err(_) => tried.push_str(&format!("\n\tno file '{}'", candidate)),
            }
        }
    }
    if loader.is_nil() {
        let msg = format!("module '{}' not found:{}", String::from_utf8_lossy(&name), tried);
        return Err(vm.error_str(&msg));
    }
    let results = vm.call(loader, &[name_v])?;
    let mut value = results.first().copied().unwrap_or(Value::NIL);
    let loaded_now = unsafe { (*loaded).get_str(name_v) };
    if !value.is_nil() {
        unsafe { (*loaded).set_str(name_v, value) };
    } else if !loaded_now.is_nil() {
        value = loaded_now;
    } else {
        value = Value::TRUE;
        unsafe { (*loaded).set_str(name_v, value) };
    }
    let _ = LuaError::new;
    ret(vm, &[value])
}

//! `require`, `module` and the `package` library, as LuaJIT 2.1 has them
//! (Lua 5.1's loaders; C modules load when the C API installs its loader).

use super::{arg, check_str, check_table, ret};
use crate::error::{LuaError, LuaResult};
use crate::state::{Args, Vm};
use crate::table::Table;
use crate::value::Value;

/// LuaJIT's default search paths on Linux.
const DEFAULT_PATH: &str =
    "./?.lua;/usr/local/share/luajit-2.1/?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua";
const DEFAULT_CPATH: &str = "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so";

/// Where the library keeps its tables in the registry.
const REG_LOADED: &str = "_LOADED";
const REG_PACKAGE: &str = "neap.package";

pub fn open(vm: &mut Vm) {
    let package =
        super::new_lib(vm, "package", &[("loadlib", loadlib), ("searchpath", searchpath), ("seeall", seeall)]);
    let loaded = vm.new_table(0, 0);
    let preload = vm.new_table(0, 0);
    vm.set_field(package, "loaded", Value::table(loaded));
    vm.set_field(package, "preload", Value::table(preload));
    super::table::register_preloads(vm, preload);
    let path = search_path_from_env(&["LUA_PATH_5_1", "LUA_PATH"], DEFAULT_PATH);
    let path = vm.new_str(path.as_bytes());
    vm.set_field(package, "path", path);
    let cpath = search_path_from_env(&["LUA_CPATH_5_1", "LUA_CPATH"], DEFAULT_CPATH);
    let cpath = vm.new_str(cpath.as_bytes());
    vm.set_field(package, "cpath", cpath);
    let config = vm.new_str(b"/\n;\n?\n!\n-\n");
    vm.set_field(package, "config", config);
    let loaders = vm.new_table(4, 0);
    for (i, (name, f)) in [
        ("preload_loader", loader_preload as crate::func::NativeFn),
        ("lua_loader", loader_lua),
        ("c_loader", loader_c),
        ("croot_loader", loader_croot),
    ]
    .into_iter()
    .enumerate()
    {
        let fv = vm.new_native(name, f);
        // A fresh table, live.
        unsafe { (*loaders).set_int(i as i64 + 1, fv) };
    }
    vm.set_field(package, "loaders", Value::table(loaders));
    for name in ["_G", "bit", "coroutine", "debug", "io", "jit", "math", "os", "package", "string", "table"] {
        let lib = vm.get_global(name);
        vm.set_field(loaded, name, lib);
    }
    // `jit.opt` is a module of its own too, as in LuaJIT.
    if let Some(jit) = vm.get_global("jit").as_table_ptr() {
        let opt = vm.get_field(jit, "opt");
        vm.set_field(loaded, "jit.opt", opt);
    }
    let reg = vm.registry;
    vm.set_field(reg, REG_LOADED, Value::table(loaded));
    vm.set_field(reg, REG_PACKAGE, Value::table(package));
    let require = vm.new_native("require", require);
    vm.set_global("require", require);
    let module = vm.new_native("module", module);
    vm.set_global("module", module);
}

/// A search path from the environment: `;;` stands for the default path.
fn search_path_from_env(vars: &[&str], default: &str) -> String {
    for var in vars {
        if let Ok(v) = std::env::var(var) {
            return v.replace(";;", &format!(";{default};"));
        }
    }
    default.to_string()
}

/// The package table (kept in the registry, whatever the script does to
/// the global `package`).
fn package_table(vm: &mut Vm) -> *mut Table {
    let reg = vm.registry;
    vm.get_field(reg, REG_PACKAGE).as_table_ptr().unwrap_or(reg)
}

/// A field of the package table that must be of some kind, or LuaJIT's
/// "'package.X' must be a ..." error.
fn package_field(vm: &mut Vm, name: &str, want_table: bool) -> LuaResult<Value> {
    let package = package_table(vm);
    let v = vm.get_field(package, name);
    let ok = if want_table { v.is_table() } else { v.is_string() };
    if !ok {
        let kind = if want_table { "a table" } else { "a string" };
        return Err(plain_error(vm, &format!("'package.{name}' must be {kind}")));
    }
    Ok(v)
}

/// An error raised by `luaL_error` from the library's C code: it carries
/// the position of the library function's caller when that is Lua code.
fn plain_error(vm: &mut Vm, msg: &str) -> LuaError {
    vm.error_str(msg)
}

/// The sentinel `require` stores while a module loads.
fn loading_sentinel(vm: &Vm) -> Value {
    Value::light_userdata(vm.registry as usize)
}

fn require(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name_v = check_str(vm, args, 1)?;
    let name = String::from_utf8_lossy(vm.str_of(name_v)).into_owned();
    let reg = vm.registry;
    let loaded = vm.get_field(reg, REG_LOADED).as_table_ptr().unwrap_or(reg);
    // `loaded` is reachable from the registry.
    let have = unsafe { (*loaded).get_str(name_v) };
    if have.is_truthy() {
        if have == loading_sentinel(vm) {
            return Err(plain_error(vm, &format!("loop or previous error loading module '{name}'")));
        }
        return ret(vm, &[have]);
    }
    let loaders = package_field(vm, "loaders", true)?.as_table_ptr().unwrap();
    let mut tried = Vec::new();
    let mut found = None;
    let mut i = 1;
    loop {
        // The loaders table is reachable from the package table.
        let loader = unsafe { (*loaders).get_int(i) };
        if loader.is_nil() {
            break;
        }
        let r = vm.call(loader, &[name_v])?;
        match r.first() {
            Some(&f) if f.is_function() => {
                found = Some(f);
                break;
            }
            Some(&s) if s.is_string() => tried.extend_from_slice(vm.str_of(s)),
            _ => {}
        }
        i += 1;
    }
    let Some(loader) = found else {
        let mut msg = crate::debuginfo::where_(vm, 0);
        msg.extend_from_slice(format!("module '{name}' not found:").as_bytes());
        msg.extend_from_slice(&tried);
        return Err(LuaError::new(vm.new_str(&msg)));
    };
    let sentinel = loading_sentinel(vm);
    unsafe { (*loaded).set_str(name_v, sentinel) };
    // The loader is held in the loaded table's sentinel slot's stead: keep
    // it in an argument slot across the call.
    vm.th().stack[args.base] = loader;
    let r = vm.call1(loader, &[name_v]);
    vm.th().stack[args.base] = name_v;
    // A failed load leaves the sentinel in place, as LuaJIT does: requiring
    // the module again reports 'loop or previous error'.
    let r = r?;
    if !r.is_nil() {
        unsafe { (*loaded).set_str(name_v, r) };
    }
    let mut value = unsafe { (*loaded).get_str(name_v) };
    if value == sentinel {
        value = Value::TRUE;
        unsafe { (*loaded).set_str(name_v, value) };
    }
    ret(vm, &[value])
}

/// `package.searchpath(name, path [, sep [, rep]])` without the Lua
/// wrapper: the file found, or the list of files tried.
fn search(name: &str, path: &str, sep: &str, rep: &str) -> Result<String, String> {
    let file_name = if sep.is_empty() { name.to_string() } else { name.replace(sep, rep) };
    let mut tried = String::new();
    for templ in path.split(';').filter(|t| !t.is_empty()) {
        let candidate = templ.replace('?', &file_name);
        if std::fs::File::open(&candidate).is_ok() {
            return Ok(candidate);
        }
        tried.push_str(&format!("\n\tno file '{candidate}'"));
    }
    Err(tried)
}

fn searchpath(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    // LuaJIT's C compiler evaluates the argument checks last to first.
    let rep = super::opt_str(vm, args, 4)?.map(|s| vm.str_of(s).to_vec()).unwrap_or(b"/".to_vec());
    let sep = super::opt_str(vm, args, 3)?.map(|s| vm.str_of(s).to_vec()).unwrap_or(b".".to_vec());
    let path = check_str(vm, args, 2)?;
    let name = check_str(vm, args, 1)?;
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match search(&text(vm.str_of(name)), &text(vm.str_of(path)), &text(&sep), &text(&rep)) {
        Ok(file) => {
            let v = vm.new_str(file.as_bytes());
            ret(vm, &[v])
        }
        Err(tried) => {
            let v = vm.new_str(tried.as_bytes());
            ret(vm, &[Value::NIL, v])
        }
    }
}

fn loader_preload(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let preload = package_field(vm, "preload", true)?.as_table_ptr().unwrap();
    // Reachable from the package table.
    let f = unsafe { (*preload).get_str(name) };
    if f.is_nil() {
        let msg = format!("\n\tno field package.preload['{}']", String::from_utf8_lossy(vm.str_of(name)));
        let v = vm.new_str(msg.as_bytes());
        return ret(vm, &[v]);
    }
    ret(vm, &[f])
}

fn loader_lua(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let name = String::from_utf8_lossy(vm.str_of(name)).into_owned();
    let path = package_field(vm, "path", false)?;
    let path = String::from_utf8_lossy(vm.str_of(path)).into_owned();
    match search(&name, &path, ".", "/") {
        Ok(file) => {
            let src = std::fs::read(&file).unwrap_or_default();
            match vm.load(&src, format!("@{file}").as_bytes()) {
                Ok(f) => ret(vm, &[f]),
                Err(e) => {
                    let msg = format!(
                        "error loading module '{name}' from file '{file}':\n\t{}",
                        String::from_utf8_lossy(&vm.tostring_basic(e.value))
                    );
                    Err(plain_error(vm, &msg))
                }
            }
        }
        Err(tried) => {
            let v = vm.new_str(tried.as_bytes());
            ret(vm, &[v])
        }
    }
}

/// Loads the C module `name` from the first file on `cpath` named after
/// `file_name` (the module, or its root for the all-in-one loader): its
/// `luaopen_*` function, through the C API's loader when it is linked in.
/// Without it, a module found on `package.cpath` is an error saying so, as
/// Lua without dynamic library support reports. `all_in_one`: a missing
/// function is not an error but a note for require's message.
fn load_c_module(vm: &mut Vm, name: &str, file_name: &str, cpath: &str, all_in_one: bool) -> LuaResult<usize> {
    let file = match search(file_name, cpath, ".", "/") {
        Ok(file) => file,
        Err(tried) => {
            let v = vm.new_str(tried.as_bytes());
            return ret(vm, &[v]);
        }
    };
    let Some(load) = crate::capi::c_loader() else {
        let msg = format!("error loading module '{name}' from file '{file}':\n\tdynamic libraries not enabled");
        return Err(plain_error(vm, &msg));
    };
    match load(vm, &file, &open_function_name(name)) {
        Ok(f) => ret(vm, &[f]),
        Err(crate::capi::LoadError::Init(_)) if all_in_one => {
            let v = vm.new_str(format!("\n\tno module '{name}' in file '{file}'").as_bytes());
            ret(vm, &[v])
        }
        Err(crate::capi::LoadError::Open(msg) | crate::capi::LoadError::Init(msg)) => {
            Err(plain_error(vm, &format!("error loading module '{name}' from file '{file}':\n\t{msg}")))
        }
    }
}

/// `luaopen_` and the module name with dots as underscores; a name with a
/// hyphen uses the part after it (Lua 5.1's rule for versioned modules).
fn open_function_name(name: &str) -> String {
    let base = name.split_once('-').map_or(name, |(_, after)| after);
    format!("luaopen_{}", base.replace('.', "_"))
}

fn loader_c(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let name = String::from_utf8_lossy(vm.str_of(name)).into_owned();
    let cpath = package_field(vm, "cpath", false)?;
    let cpath = String::from_utf8_lossy(vm.str_of(cpath)).into_owned();
    load_c_module(vm, &name, &name, &cpath, false)
}

fn loader_croot(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name = check_str(vm, args, 1)?;
    let name = String::from_utf8_lossy(vm.str_of(name)).into_owned();
    let Some((root, _)) = name.split_once('.') else { return Ok(0) };
    let root = root.to_string();
    let cpath = package_field(vm, "cpath", false)?;
    let cpath = String::from_utf8_lossy(vm.str_of(cpath)).into_owned();
    load_c_module(vm, &name, &root, &cpath, true)
}

fn loadlib(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let path = check_str(vm, args, 1)?;
    let init = check_str(vm, args, 2)?;
    let path = String::from_utf8_lossy(vm.str_of(path)).into_owned();
    let init = String::from_utf8_lossy(vm.str_of(init)).into_owned();
    let (msg, kind) = match crate::capi::c_loader() {
        Some(load) => match load(vm, &path, &init) {
            Ok(f) => return ret(vm, &[f]),
            Err(crate::capi::LoadError::Open(m)) => (m, "open"),
            Err(crate::capi::LoadError::Init(m)) => (m, "init"),
        },
        None if std::fs::File::open(&path).is_ok() => {
            ("dynamic libraries not enabled; check your Lua installation".to_string(), "absent")
        }
        None => (format!("{path}: cannot open shared object file: No such file or directory"), "open"),
    };
    let m = vm.new_str(msg.as_bytes());
    let k = vm.new_str(kind.as_bytes());
    ret(vm, &[Value::NIL, m, k])
}

fn seeall(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let m = check_table(vm, args, 1)?;
    // Argument table, live.
    let mt = unsafe { (*m).metatable };
    let mt = if mt.is_null() {
        let mt = vm.new_table(0, 1);
        unsafe { (*m).metatable = mt };
        mt
    } else {
        mt
    };
    let g = Value::table(vm.globals);
    vm.set_field(mt, "__index", g);
    Ok(0)
}

/// The table at dotted path `name` from `root`, created as needed; `None`
/// if a part exists and is not a table.
fn find_table(vm: &mut Vm, root: *mut Table, name: &str) -> Option<*mut Table> {
    let mut t = root;
    for part in name.split('.') {
        let key = vm.new_str(part.as_bytes());
        // `t` is the root or was just stored in a live table.
        let v = unsafe { (*t).get_str(key) };
        t = if v.is_nil() {
            let n = vm.new_table(0, 0);
            unsafe { (*t).set_str(key, Value::table(n)) };
            n
        } else {
            v.as_table_ptr()?
        };
    }
    Some(t)
}

/// `module(name, ...)`: Lua 5.1's module system.
fn module(vm: &mut Vm, args: Args) -> LuaResult<usize> {
    let name_v = check_str(vm, args, 1)?;
    let name = String::from_utf8_lossy(vm.str_of(name_v)).into_owned();
    let reg = vm.registry;
    let loaded = vm.get_field(reg, REG_LOADED).as_table_ptr().unwrap_or(reg);
    // Reachable from the registry.
    let existing = unsafe { (*loaded).get_str(name_v) };
    let m = match existing.as_table_ptr() {
        Some(t) => t,
        None => {
            let Some(t) = find_table(vm, vm.globals, &name) else {
                return Err(plain_error(vm, &format!("name conflict for module '{name}'")));
            };
            unsafe { (*loaded).set_str(name_v, Value::table(t)) };
            t
        }
    };
    if vm.get_field(m, "_NAME").is_nil() {
        vm.set_field(m, "_M", Value::table(m));
        vm.set_field(m, "_NAME", name_v);
        let package = match name.rfind('.') {
            Some(i) => &name[..=i],
            None => "",
        };
        let p = vm.new_str(package.as_bytes());
        vm.set_field(m, "_PACKAGE", p);
    }
    // The function calling `module` now runs in the module's table.
    let levels = crate::debuginfo::level_list(vm);
    if let Some(crate::debuginfo::Level::Frame(i)) = levels.get(1).copied() {
        let f = vm.th().stack[vm.th().frames[i].func];
        if let Some(fp) = f.as_function_ptr() {
            // A live frame's function.
            if !unsafe { (*fp).is_native() } {
                unsafe { (*fp).env = m };
            }
        }
    } else {
        return Err(plain_error(vm, "'module' not called from a Lua function"));
    }
    for i in 2..=args.n {
        let option = arg(vm, args, i);
        vm.call(option, &[Value::table(m)])?;
    }
    Ok(0)
}

//! LuaJIT's fast-function numbers. `tostring` of a builtin that LuaJIT
//! implements as a fast function prints `function: builtin#N`, N being the
//! function's position in LuaJIT's fast-function list plus 2 (0 and 1 stand
//! for Lua and C functions). Natives that are plain C functions in LuaJIT
//! (`package.loadlib`, `require`...) keep no number and print by address.

use crate::func::FunctionKind;
use crate::state::Vm;
use crate::value::Value;

/// The fast functions in LuaJIT 2.1's order, named `lib.name` (the
/// file methods as `io.method.name`, the iterator closures as
/// `ipairs_aux`, `coroutine.wrap_aux`, `string.gmatch_aux`).
const FAST_FUNCTIONS: &[&str] = &[
    "assert",
    "type",
    "next",
    "pairs",
    "ipairs_aux",
    "ipairs",
    "getmetatable",
    "setmetatable",
    "getfenv",
    "setfenv",
    "rawget",
    "rawset",
    "rawequal",
    "unpack",
    "select",
    "tonumber",
    "tostring",
    "error",
    "pcall",
    "xpcall",
    "loadfile",
    "load",
    "loadstring",
    "dofile",
    "gcinfo",
    "collectgarbage",
    "newproxy",
    "print",
    "coroutine.status",
    "coroutine.running",
    "coroutine.isyieldable",
    "coroutine.create",
    "coroutine.yield",
    "coroutine.resume",
    "coroutine.wrap_aux",
    "coroutine.wrap",
    "math.abs",
    "math.floor",
    "math.ceil",
    "math.sqrt",
    "math.log10",
    "math.exp",
    "math.sin",
    "math.cos",
    "math.tan",
    "math.asin",
    "math.acos",
    "math.atan",
    "math.sinh",
    "math.cosh",
    "math.tanh",
    "math.frexp",
    "math.modf",
    "math.log",
    "math.atan2",
    "math.pow",
    "math.fmod",
    "math.ldexp",
    "math.min",
    "math.max",
    "math.random",
    "math.randomseed",
    "bit.tobit",
    "bit.bnot",
    "bit.bswap",
    "bit.lshift",
    "bit.rshift",
    "bit.arshift",
    "bit.rol",
    "bit.ror",
    "bit.band",
    "bit.bor",
    "bit.bxor",
    "bit.tohex",
    "string.byte",
    "string.char",
    "string.sub",
    "string.rep",
    "string.reverse",
    "string.lower",
    "string.upper",
    "string.dump",
    "string.find",
    "string.match",
    "string.gmatch_aux",
    "string.gmatch",
    "string.gsub",
    "string.format",
    "table.maxn",
    "table.insert",
    "table.concat",
    "table.sort",
    "table.new",
    "table.clear",
    "io.method.close",
    "io.method.read",
    "io.method.write",
    "io.method.flush",
    "io.method.seek",
    "io.method.setvbuf",
    "io.method.lines",
    "io.method.__gc",
    "io.method.__tostring",
    "io.open",
    "io.popen",
    "io.tmpfile",
    "io.close",
    "io.read",
    "io.write",
    "io.flush",
    "io.input",
    "io.output",
    "io.lines",
    "io.type",
    "os.execute",
    "os.remove",
    "os.rename",
    "os.tmpname",
    "os.getenv",
    "os.exit",
    "os.clock",
    "os.date",
    "os.time",
    "os.difftime",
    "os.setlocale",
    "debug.getregistry",
    "debug.getmetatable",
    "debug.setmetatable",
    "debug.getfenv",
    "debug.setfenv",
    "debug.getinfo",
    "debug.getlocal",
    "debug.setlocal",
    "debug.getupvalue",
    "debug.setupvalue",
    "debug.upvalueid",
    "debug.upvaluejoin",
    "debug.sethook",
    "debug.gethook",
    "debug.debug",
    "debug.traceback",
    "jit.on",
    "jit.off",
    "jit.flush",
    "jit.status",
    "jit.security",
    "jit.attach",
    "jit.util.funcinfo",
    "jit.util.funcbc",
    "jit.util.funck",
    "jit.util.funcuvname",
    "jit.util.traceinfo",
    "jit.util.traceir",
    "jit.util.tracek",
    "jit.util.tracesnap",
    "jit.util.tracemc",
    "jit.util.traceexitstub",
    "jit.util.ircalladdr",
    "jit.opt.start",
];

/// The number of fast function `name` (as in [`FAST_FUNCTIONS`]), 0 if
/// it is not one.
pub fn builtin_id(name: &str) -> u16 {
    FAST_FUNCTIONS.iter().position(|&n| n == name).map_or(0, |i| i as u16 + 2)
}

/// Gives native function `f` the number of fast function `name`.
pub fn set_builtin_id(f: Value, name: &str) {
    let id = builtin_id(name);
    if let Some(fp) = f.as_function_ptr() {
        // A live function value the caller holds.
        if let FunctionKind::Native { builtin_id, .. } = unsafe { &mut (*fp).kind } {
            *builtin_id = id;
        }
    }
}

/// Numbers every library function reachable from the globals (run once the
/// libraries are open).
pub fn number_library_functions(vm: &mut Vm) {
    for &name in FAST_FUNCTIONS {
        let mut parts = name.split('.');
        let first = parts.next().unwrap_or("");
        let mut v = vm.get_global(first);
        for part in parts {
            match v.as_table_ptr() {
                Some(t) => v = vm.get_field(t, part),
                None => break,
            }
        }
        if v.is_function() {
            set_builtin_id(v, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_luajit() {
        assert_eq!(builtin_id("assert"), 2);
        assert_eq!(builtin_id("ipairs_aux"), 6);
        assert_eq!(builtin_id("print"), 29);
        assert_eq!(builtin_id("string.gmatch_aux"), 86);
        assert_eq!(builtin_id("table.new"), 94);
        assert_eq!(builtin_id("io.method.close"), 96);
        assert_eq!(builtin_id("jit.opt.start"), 160);
        assert_eq!(builtin_id("require"), 0);
    }
}

//! Debug information read back from bytecode: current line, chunk position
//! prefixes for error messages, variable names for "attempt to ..." errors,
//! and stack tracebacks.

use crate::bytecode::{Mode, Op};
use crate::func::Proto;
use crate::state::Vm;
use crate::thread::{CoStatus, Frame, FrameKind, Thread};

/// The Lua prototype running in `frame`, if it is a Lua frame.
pub fn frame_proto(vm: &Vm, frame: &Frame) -> Option<*mut Proto> {
    if frame.kind == FrameKind::Native {
        return None;
    }
    let f = vm.th().stack[frame.func].as_function_ptr()?;
    // The function in a frame's slot is live while the frame is.
    unsafe { (*f).proto() }
}

/// The name of a native frame's function if LuaJIT writes it in Lua.
pub fn lua_builtin_name(vm: &Vm, frame: &Frame) -> Option<&'static str> {
    let f = vm.th().stack[frame.func].as_function_ptr()?;
    // The function in a frame's slot is live while the frame is.
    match unsafe { &(*f).kind } {
        crate::func::FunctionKind::Native { name, lua_builtin: true, .. } => Some(name),
        _ => None,
    }
}

/// The name of a native that LuaJIT writes in Lua (`[builtin:NAME]`).
pub fn builtin_name(f: crate::value::Value) -> Option<&'static str> {
    let fp = f.as_function_ptr()?;
    // Callers pass a function they hold (an argument or a frame's slot).
    match unsafe { &(*fp).kind } {
        crate::func::FunctionKind::Native { name, lua_builtin: true, .. } => Some(name),
        _ => None,
    }
}

/// The parameter count of a builtin LuaJIT writes in Lua.
pub fn builtin_params(name: &str) -> u8 {
    match name {
        "move" => 5,
        "remove" | "foreachi" | "foreach" => 2,
        _ => 1,
    }
}

/// The source line of the instruction a Lua frame is running.
pub fn frame_line(proto: &Proto, frame: &Frame) -> u32 {
    let pc = frame.pc.saturating_sub(1);
    proto.lines.get(pc).copied().unwrap_or(0)
}

/// The stack levels of the running thread, innermost first, as LuaJIT
/// counts them: each frame is a level, and a `pcall`/`xpcall` is a C level of
/// its own below the function it called. `None` stands for such a C level.
pub fn levels(vm: &Vm) -> Vec<Option<usize>> {
    let frames = &vm.th().frames;
    let mut out = Vec::with_capacity(frames.len() + 4);
    for i in (0..frames.len()).rev() {
        out.push(Some(i));
        let f = &frames[i];
        if f.via_pcall || matches!(f.kind, FrameKind::Pcall | FrameKind::Xpcall) {
            out.push(None);
        }
    }
    out
}

/// `chunk:line: ` of the Lua function at stack `level` (0 = the running
/// function), or nothing when that level is a native or does not exist.
/// Level 0 while a native runs means its caller: errors raised by natives
/// point at the Lua code that called them (if Lua code did).
pub fn where_(vm: &Vm, level: usize) -> Vec<u8> {
    let frames = &vm.th().frames;
    let level = match frames.last() {
        Some(f) if level == 0 && f.kind == FrameKind::Native => 1,
        _ => level,
    };
    let Some(Some(idx)) = levels(vm).get(level).copied() else {
        return Vec::new();
    };
    let frame = &frames[idx];
    if let Some(name) = lua_builtin_name(vm, frame) {
        return format!("[builtin:{name}]:0: ").into_bytes();
    }
    match frame_proto(vm, frame) {
        Some(p) => {
            // Prototypes of live frames are live.
            let proto = unsafe { &*p };
            let mut out = crate::chunkname::short_src(proto.chunkname_bytes());
            out.extend_from_slice(format!(":{}: ", frame_line(proto, frame)).as_bytes());
            out
        }
        None => Vec::new(),
    }
}

/// The name of the local variable in `slot` at `pc`, if one is live there.
pub fn local_name(proto: &Proto, pc: usize, slot: usize) -> Option<&[u8]> {
    let mut n = 0;
    for v in proto.vars.iter() {
        if v.start_pc as usize > pc {
            break;
        }
        if pc < v.end_pc as usize {
            if n == slot {
                return Some(&v.name);
            }
            n += 1;
        }
    }
    None
}

/// Describes the value in `slot` at instruction `pc` for error messages:
/// ("local", name), ("global", name), ("field", name), ("method", name),
/// ("upvalue", name), found by following the instruction that last wrote the
/// slot, as LuaJIT does.
pub fn slot_name(proto: &Proto, mut pc: usize, mut slot: usize) -> Option<(&'static str, Vec<u8>)> {
    'restart: loop {
        if let Some(name) = local_name(proto, pc, slot) {
            // Hidden loop state has a parenthesised name: not a variable.
            if name.first() != Some(&b'(') {
                return Some(("local", name.to_vec()));
            }
            return None;
        }
        let mut p = pc;
        while p > 1 {
            p -= 1;
            let ins = proto.code[p];
            let op = ins.op();
            let a = ins.a() as usize;
            match op.modes().0 {
                Mode::Base => {
                    if slot >= a && (op != Op::KNIL || slot <= ins.d() as usize) {
                        return None;
                    }
                }
                Mode::Dst if a == slot => {
                    return match op {
                        Op::MOV => {
                            slot = ins.d() as usize;
                            pc = p;
                            continue 'restart;
                        }
                        Op::GGET => Some(("global", kstr_bytes(proto, ins.d() as usize))),
                        Op::TGETS => {
                            let name = kstr_bytes(proto, ins.c() as usize);
                            if p > 1 {
                                let prev = proto.code[p - 1];
                                if prev.op() == Op::MOV && prev.a() as usize == a + 2 && prev.d() == ins.b() as u16 {
                                    return Some(("method", name));
                                }
                            }
                            Some(("field", name))
                        }
                        Op::UGET => {
                            let name = proto.upval_names.get(ins.d() as usize).map(|n| n.to_vec()).unwrap_or_default();
                            Some(("upvalue", name))
                        }
                        _ => None,
                    };
                }
                _ => {}
            }
        }
        return None;
    }
}

fn kstr_bytes(proto: &Proto, d: usize) -> Vec<u8> {
    // String constants of a live prototype are live.
    unsafe { proto.kstr(d).str_bytes() }.unwrap_or(b"?").to_vec()
}

/// What runs at one stack level (see [`levels`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The function of frame `frames[i]`.
    Frame(usize),
    /// The `pcall`/`xpcall` that called the function of `frames[i]`.
    Pcall(usize),
    /// The `coroutine.yield` a suspended coroutine waits in (LuaJIT keeps
    /// its C frame: level 0 of a suspended coroutine).
    Yield,
    /// The host's call into the main thread: LuaJIT's bottom C level.
    Host,
}

/// The levels of the running thread, innermost first, as LuaJIT counts them.
pub fn level_list(vm: &Vm) -> Vec<Level> {
    let flat = levels(vm);
    let th = vm.th();
    let mut out = Vec::with_capacity(flat.len() + 1);
    if th.status == CoStatus::Suspended && th.yield_call.is_some() {
        out.push(Level::Yield);
    }
    for (k, l) in flat.iter().enumerate() {
        out.push(match l {
            Some(i) => Level::Frame(*i),
            None => match flat[k - 1] {
                Some(i) => Level::Pcall(i),
                None => Level::Pcall(0),
            },
        });
    }
    if vm.current == vm.main_thread {
        out.push(Level::Host);
    }
    out
}

/// Runs `f` with `th` standing in for the running thread, so the functions
/// here inspect it. `f` gets the VM shared: it cannot allocate or run Lua
/// code, which could collect while the real running thread is not a root.
pub fn on_thread<T>(vm: &mut Vm, th: *mut Thread, f: impl FnOnce(&Vm) -> T) -> T {
    let saved = vm.current;
    vm.current = th;
    let r = f(vm);
    vm.current = saved;
    r
}

/// The line a level is running, or -1 for a native level.
pub fn level_line(vm: &Vm, level: Level) -> i64 {
    let Level::Frame(i) = level else { return -1 };
    let th = vm.th();
    let frame = th.frames[i];
    if builtin_name(th.stack[frame.func]).is_some() {
        // Builtins have line 0 throughout.
        return 0;
    }
    // The innermost frame of a coroutine that died of an error has no
    // position left in LuaJIT (its C frame, which held the pc, is gone).
    if th.status == CoStatus::Dead && i + 1 == th.frames.len() {
        return -1;
    }
    match frame_proto(vm, &frame) {
        // Live frame, live prototype.
        Some(p) => frame_line(unsafe { &*p }, &frame) as i64,
        None => -1,
    }
}

/// The stack slot of local `n` (1-based; negative for the n-th extra
/// argument of a vararg function) at `levels[k]`, with its name, as
/// `debug.getlocal` sees it: named variables live at the frame's pc, then
/// `(*temporary)` for other slots the frame uses below the next level's
/// function, and `(*vararg)` for extra arguments.
pub fn local_at(vm: &Vm, levels: &[Level], k: usize, n: i64) -> Option<(Vec<u8>, usize)> {
    let Level::Frame(i) = *levels.get(k)? else { return None };
    let th = vm.th();
    let frame = th.frames[i];
    // Live frame, live prototype.
    let proto = frame_proto(vm, &frame).map(|p| unsafe { &*p });
    if n < 0 {
        let p = proto?;
        let extra = n.unsigned_abs() as usize;
        if !p.is_vararg || extra > frame.nvarargs {
            return None;
        }
        return Some((b"(*vararg)".to_vec(), frame.ret + 2 + p.num_params as usize + extra - 1));
    }
    let slot = usize::try_from(n).ok()?.checked_sub(1)?;
    if let Some(name) = proto.and_then(|p| local_name(p, frame.pc.saturating_sub(1), slot)) {
        return Some((name.to_vec(), frame.base + slot));
    }
    let limit = match k.checked_sub(1) {
        Some(above) => call_slot(vm, levels[above]),
        None => th.top,
    };
    (frame.base + slot < limit).then(|| (b"(*temporary)".to_vec(), frame.base + slot))
}

/// The function value running at a level.
pub fn level_function(vm: &Vm, level: Level) -> crate::value::Value {
    let th = vm.th();
    match level {
        Level::Frame(i) => th.stack[th.frames[i].func],
        Level::Pcall(i) => {
            let f = th.frames[i];
            let slot = if f.kind == FrameKind::Xpcall { f.ret - 3 } else { f.ret - 2 };
            th.stack[slot]
        }
        Level::Yield => th.yield_call.map_or(crate::value::Value::NIL, |c| th.stack[c.ret]),
        Level::Host => crate::value::Value::NIL,
    }
}

/// The stack slot the function at a level was called from (its caller's
/// call base), to name it from the calling instruction.
fn call_slot(vm: &Vm, level: Level) -> usize {
    let th = vm.th();
    match level {
        Level::Frame(i) => th.frames[i].ret,
        Level::Pcall(i) => {
            let f = th.frames[i];
            if f.kind == FrameKind::Xpcall {
                f.ret - 3
            } else {
                f.ret - 2
            }
        }
        Level::Yield => th.yield_call.map_or(th.top, |c| c.ret),
        Level::Host => 0,
    }
}

/// How the function at `levels[k]` was called: `(namewhat, name)` from the
/// calling instruction of the Lua function one level down, as LuaJIT's
/// `getinfo(..., "n")`. `None` when no Lua instruction called it directly.
pub fn level_name(vm: &Vm, levels: &[Level], k: usize) -> Option<(&'static str, Vec<u8>)> {
    let here = *levels.get(k)?;
    // A function run by pcall was not called by an instruction.
    if let Level::Frame(i) = here {
        let f = vm.th().frames[i];
        if f.via_pcall || matches!(f.kind, FrameKind::Pcall | FrameKind::Xpcall) {
            return None;
        }
    }
    let Level::Frame(ci) = *levels.get(k + 1)? else { return None };
    let caller = vm.th().frames[ci];
    let p = frame_proto(vm, &caller)?;
    // The caller's prototype is live while its frame is.
    let proto = unsafe { &*p };
    let pc = caller.pc.checked_sub(1)?;
    let ins = *proto.code.get(pc)?;
    match ins.op() {
        Op::CALL | Op::CALLM if caller.base + ins.a() as usize == call_slot(vm, here) => {
            slot_name(proto, pc, ins.a() as usize)
        }
        Op::ITERC | Op::ITERN => Some(("for iterator", b"for iterator".to_vec())),
        Op::CALL | Op::CALLM => None,
        // Any other instruction that can call: a metamethod (or a hook
        // running before it, which LuaJIT names the same way).
        op => metamethod_of(op).map(|mm| ("metamethod", mm.as_bytes().to_vec())),
    }
}

/// The metamethod an instruction may call, as LuaJIT names it.
fn metamethod_of(op: Op) -> Option<&'static str> {
    Some(match op {
        Op::ISLT | Op::ISGE => "__lt",
        Op::ISLE | Op::ISGT => "__le",
        Op::ISEQV | Op::ISNEV | Op::ISEQS | Op::ISNES | Op::ISEQN | Op::ISNEN | Op::ISEQP | Op::ISNEP => "__eq",
        Op::UNM => "__unm",
        Op::LEN => "__len",
        Op::ADDVN | Op::ADDNV | Op::ADDVV => "__add",
        Op::SUBVN | Op::SUBNV | Op::SUBVV => "__sub",
        Op::MULVN | Op::MULNV | Op::MULVV => "__mul",
        Op::DIVVN | Op::DIVNV | Op::DIVVV => "__div",
        Op::MODVN | Op::MODNV | Op::MODVV => "__mod",
        Op::POW => "__pow",
        Op::CAT => "__concat",
        // Allocating instructions may run a collection step, and with it
        // `__gc` finalizers.
        Op::FNEW | Op::TNEW | Op::TDUP => "__gc",
        Op::GGET | Op::TGETV | Op::TGETS | Op::TGETB => "__index",
        Op::GSET | Op::TSETV | Op::TSETS | Op::TSETB | Op::TSETM => "__newindex",
        _ => return None,
    })
}

/// One traceback line (without the leading tab) for `levels[k]`.
fn traceback_line(vm: &Vm, levels: &[Level], k: usize) -> String {
    let name = level_name(vm, levels, k);
    let f = level_function(vm, levels[k]);
    let proto = f.as_function_ptr().and_then(|fp| unsafe { (*fp).proto() });
    match (levels[k], proto) {
        (Level::Frame(_), Some(p)) => {
            // Live frame, live prototype.
            let proto = unsafe { &*p };
            let src = String::from_utf8_lossy(&crate::chunkname::short_src(proto.chunkname_bytes())).into_owned();
            let line = level_line(vm, levels[k]);
            // LuaJIT leaves out positions it does not know.
            let at = if line > 0 { format!("{src}:{line}:") } else { format!("{src}:") };
            match name {
                _ if proto.is_main_chunk() => format!("{at} in main chunk"),
                Some((_, n)) => format!("{at} in function '{}'", String::from_utf8_lossy(&n)),
                None => format!("{at} in function <{src}:{}>", proto.first_line),
            }
        }
        _ => match name {
            Some((_, n)) if builtin_name(f).is_some() => {
                format!("[builtin:{}]: in function '{}'", builtin_name(f).unwrap_or(""), String::from_utf8_lossy(&n))
            }
            Some((_, n)) => format!("[C]: in function '{}'", String::from_utf8_lossy(&n)),
            None => format!("[C]: at {:p}", f.as_function_ptr().unwrap_or(std::ptr::null_mut())),
        },
    }
}

/// LuaJIT's `stack traceback:` listing of the running thread from `level`.
pub fn traceback_from(vm: &Vm, level: usize) -> String {
    let levels = level_list(vm);
    let mut out = String::from("stack traceback:");
    // Like LuaJIT: deep stacks show their first 11 levels and their last 10
    // (the host's C level at the bottom counted).
    const FIRST: usize = 11;
    const LAST: usize = 10;
    let shown = levels.len().saturating_sub(level);
    for k in level..levels.len() {
        let from_start = k - level;
        if shown > FIRST + LAST + 1 && from_start >= FIRST && levels.len() - k > LAST {
            if from_start == FIRST {
                out.push_str("\n\t...");
            }
            continue;
        }
        out.push_str("\n\t");
        out.push_str(&traceback_line(vm, &levels, k));
    }
    out
}

/// A traceback of the whole running thread (uncaught errors).
pub fn traceback(vm: &Vm) -> String {
    traceback_from(vm, 0)
}

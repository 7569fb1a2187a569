//! Debug information read back from bytecode: current line, chunk position
//! prefixes for error messages, variable names for "attempt to ..." errors,
//! and stack tracebacks.

use crate::bytecode::{Mode, Op};
use crate::func::Proto;
use crate::state::Vm;
use crate::thread::{Frame, FrameKind};

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
}

/// The levels of the running thread, innermost first, as LuaJIT counts them.
pub fn level_list(vm: &Vm) -> Vec<Level> {
    levels(vm)
        .iter()
        .enumerate()
        .map(|(k, l)| match l {
            Some(i) => Level::Frame(*i),
            None => match levels(vm)[k - 1] {
                Some(i) => Level::Pcall(i),
                None => Level::Pcall(0),
            },
        })
        .collect()
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
        if matches!(f.kind, FrameKind::Cont(_)) {
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
        _ => None,
    }
}

/// One traceback line (without the leading tab) for `levels[k]`.
fn traceback_line(vm: &Vm, levels: &[Level], k: usize) -> String {
    let name = level_name(vm, levels, k);
    let f = level_function(vm, levels[k]);
    let proto = f.as_function_ptr().and_then(|fp| unsafe { (*fp).proto() });
    match (levels[k], proto) {
        (Level::Frame(i), Some(p)) => {
            // Live frame, live prototype.
            let proto = unsafe { &*p };
            let src = String::from_utf8_lossy(&crate::chunkname::short_src(proto.chunkname_bytes())).into_owned();
            let line = frame_line(proto, &vm.th().frames[i]);
            match name {
                _ if proto.is_main_chunk() => format!("{src}:{line}: in main chunk"),
                Some((_, n)) => format!("{src}:{line}: in function '{}'", String::from_utf8_lossy(&n)),
                None => format!("{src}:{line}: in function <{src}:{}>", proto.first_line),
            }
        }
        _ => match name {
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
    const LAST: usize = 9;
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
    // The host's call into Lua, as LuaJIT's bottom C frame.
    out.push_str("\n\t[C]: at 0x0");
    out
}

/// A traceback of the whole running thread (uncaught errors).
pub fn traceback(vm: &Vm) -> String {
    traceback_from(vm, 0)
}

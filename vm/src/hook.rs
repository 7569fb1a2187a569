//! Debug hooks (`debug.sethook`): call, return, line and count events, as
//! LuaJIT 2.1 raises them.
//!
//! As in LuaJIT, one hook serves the whole state (every coroutine), and no
//! hook runs while a hook runs. While a hook is set the interpreter runs its
//! instrumented loop (`tier::INSTRUMENT_HOOK`), which calls
//! [`Vm::hook_instruction`] before each instruction (count, line and return
//! events) and [`Vm::hook_lua_call`] on entry to a Lua function; natives get
//! their call event from `precall` ([`Vm::hook_native_call`]).
//!
//! LuaJIT's rules this follows:
//! - call events for every function, Lua or native; return events only for
//!   Lua functions, raised by their return instruction (a tail call gives a
//!   call event and no return event of its own);
//! - a line event when an instruction's line differs from the previous
//!   instruction's, when control did not move forward (a backward jump), or
//!   when the previous instruction was in another function (a call or a
//!   return). "Previous" is per native-to-Lua entry, as LuaJIT keeps it per
//!   C frame: a native called in between (and any Lua it runs) does not count;
//! - the count event every `count` instructions, before the line event;
//! - the hook function gets the event name and, for line events, the line;
//! - the natives LuaJIT writes in Lua (`[builtin:NAME]`) get a call event,
//!   one line event for their line 0 and a return event.
//!
//! Known differences: LuaJIT also starts a new line after a native that ran
//! a collection step from its fast path (timing Neap's collector does not
//! share), and the count hook counts the instructions of its builtins, which
//! are natives here.

use crate::bytecode::Op;
use crate::error::LuaResult;
use crate::func::Proto;
use crate::state::Vm;
use crate::thread::{Frame, FrameKind};
use crate::value::Value;

pub const MASK_CALL: u8 = 1;
pub const MASK_RET: u8 = 2;
pub const MASK_LINE: u8 = 4;
pub const MASK_COUNT: u8 = 8;

/// The registry key of the hook function (a light userdata, so no Lua
/// string key can name it).
const HOOK_KEY: usize = 0x686f6f6b;

/// The hook state of a VM.
#[derive(Default)]
pub struct Hooks {
    /// Events that call the hook (`MASK_*` bits); 0 when no hook is set.
    pub mask: u8,
    /// The count given to `sethook` (reported back by `gethook`).
    pub count_start: i32,
    /// The hook belongs to the host (the C API's `lua_sethook`), not to
    /// Lua: `debug.gethook` reports it as `"external hook"`, as LuaJIT does.
    /// Every `set_hook` clears it; the host sets it after its own.
    pub external: bool,
    /// Instructions left until the next count event.
    count_left: i32,
    /// A hook is running: no other hook may run.
    active: bool,
    /// For each native-to-Lua nesting depth, the instruction the line hook
    /// last saw there (prototype and pc).
    last_ins: Vec<Option<(*const Proto, usize)>>,
}

/// Parses a `sethook` mask string (`"c"`, `"r"`, `"l"`; unknown letters are
/// ignored) and count into `MASK_*` bits.
pub fn parse_mask(letters: &[u8], count: i32) -> u8 {
    let mut mask = 0;
    for (letter, bit) in [(b'c', MASK_CALL), (b'r', MASK_RET), (b'l', MASK_LINE)] {
        if letters.contains(&letter) {
            mask |= bit;
        }
    }
    if count > 0 {
        mask |= MASK_COUNT;
    }
    mask
}

/// The mask string `gethook` reports (the count event has no letter).
pub fn mask_letters(mask: u8) -> String {
    let mut s = String::new();
    for (letter, bit) in [('c', MASK_CALL), ('r', MASK_RET), ('l', MASK_LINE)] {
        if mask & bit != 0 {
            s.push(letter);
        }
    }
    s
}

impl Vm {
    /// Installs `func` as the hook for the events in `mask` (`MASK_*`), or
    /// removes the hook when `mask` is 0. The function is kept in the
    /// registry even when no event calls it, as LuaJIT does (`gethook`
    /// returns it).
    pub fn set_hook(&mut self, func: Value, mask: u8, count: i32) -> LuaResult<()> {
        let reg = self.registry;
        self.raw_set(reg, Value::light_userdata(HOOK_KEY), func)?;
        let mask = if func.is_nil() { 0 } else { mask };
        self.hooks.mask = mask;
        self.hooks.external = false;
        self.hooks.count_start = count;
        self.hooks.count_left = count;
        if mask != 0 {
            self.instrument |= crate::tier::INSTRUMENT_HOOK;
        } else {
            self.instrument &= !crate::tier::INSTRUMENT_HOOK;
        }
        Ok(())
    }

    /// The hook function last given to `set_hook` (nil if none).
    pub fn hook_function(&self) -> Value {
        // The registry is live for the state's life.
        unsafe { (*self.registry).get(Value::light_userdata(HOOK_KEY)) }
    }

    /// Calls the hook function with `event` and `line`, unless a hook is
    /// running. Its errors propagate to the hooked code.
    fn run_hook(&mut self, event: &str, line: Option<u32>) -> LuaResult<()> {
        if self.hooks.active {
            return Ok(());
        }
        let f = self.hook_function();
        if !f.is_function() {
            return Ok(());
        }
        let ev = self.new_str(event.as_bytes());
        let line = line.map_or(Value::NIL, |l| Value::number(l as f64));
        // The hooked code may be between an instruction that left
        // multiple results and the one using them.
        let multres = self.th().multres;
        self.hooks.active = true;
        let r = self.call(f, &[ev, line]);
        self.hooks.active = false;
        self.th().multres = multres;
        r.map(|_| ())
    }

    /// Count, line and return events due before the running Lua frame runs
    /// the instruction at `pc` (whose saved pc is `pc` now).
    #[inline(never)]
    pub(crate) fn hook_instruction(&mut self, pc: usize) -> LuaResult<()> {
        if self.hooks.active || self.hooks.mask & (MASK_LINE | MASK_COUNT | MASK_RET) == 0 {
            return Ok(());
        }
        let th = self.th();
        let fi = th.frames.len() - 1;
        let frame = th.frames[fi];
        let Some(pp) = crate::debuginfo::frame_proto(self, &frame) else { return Ok(()) };
        // The running frame's prototype is live.
        let proto = unsafe { &*pp };
        let saved_top = th.top;
        let top = frame.base + live_slots(proto, pc, th.multres);
        if !th.ensure(top + crate::thread::EXTRA_STACK) {
            return Err(self.error_str("stack overflow"));
        }
        th.top = top;
        // Inside the hook the frame reports the line of the instruction
        // about to run (frames name the instruction after the current one).
        th.frames[fi].pc = pc + 1;

        if self.hooks.mask & (MASK_LINE | MASK_COUNT) != 0 {
            self.hooks.count_left = self.hooks.count_left.wrapping_sub(1);
            if self.hooks.mask & MASK_COUNT != 0 && self.hooks.count_left == 0 {
                self.hooks.count_left = self.hooks.count_start;
                self.run_hook("count", None)?;
            }
        }
        if self.hooks.mask & MASK_LINE != 0 && self.line_changed(pp, pc) {
            let line = proto.lines.get(pc).copied().unwrap_or(0);
            self.run_hook("line", Some(line))?;
        }
        if self.hooks.mask & MASK_RET != 0 && matches!(proto.code[pc].op(), Op::RET0 | Op::RET1 | Op::RET | Op::RETM) {
            self.run_hook("return", None)?;
        }

        let th = self.th();
        th.frames[fi].pc = pc;
        th.top = saved_top;
        Ok(())
    }

    /// Records that the instruction at `pc` of `proto` runs now at this
    /// native depth; whether it starts a new line for the line hook.
    fn line_changed(&mut self, proto: *const Proto, pc: usize) -> bool {
        let depth = self.native_depth as usize;
        let last = &mut self.hooks.last_ins;
        // Deeper entries belong to native-to-Lua calls that have ended.
        last.truncate(depth + 1);
        last.resize(depth + 1, None);
        let changed = match last[depth] {
            Some((p, old)) if p == proto => {
                // Same prototype: a live one (it is running).
                let lines = unsafe { &(*proto).lines };
                pc <= old || lines.get(pc) != lines.get(old)
            }
            _ => true,
        };
        last[depth] = Some((proto, pc));
        changed
    }

    /// Makes the line hook treat the next instruction at this native depth
    /// as the start of a line.
    fn forget_last_instruction(&mut self) {
        if let Some(last) = self.hooks.last_ins.get_mut(self.native_depth as usize) {
            *last = None;
        }
    }

    /// The call event of the Lua function whose frame was just entered.
    #[inline(never)]
    pub(crate) fn hook_lua_call(&mut self) -> LuaResult<()> {
        if self.hooks.mask & MASK_CALL == 0 {
            return Ok(());
        }
        self.run_hook("call", None)
    }

    /// The call event of a native about to run in slot `func` with `nargs`
    /// arguments: it runs with a frame for the native in place, so the hook
    /// can inspect it (`debug.getinfo(2)`). The natives LuaJIT writes in Lua
    /// (`[builtin:NAME]`) also get the line event of their line 0.
    #[inline(never)]
    pub(crate) fn hook_native_call(&mut self, func: usize, nargs: usize, nres: i32, kind: FrameKind) -> LuaResult<()> {
        if self.hooks.active {
            return Ok(());
        }
        let builtin = crate::debuginfo::builtin_name(self.th().stack[func]).is_some();
        let call = self.hooks.mask & MASK_CALL != 0;
        let line = builtin && self.hooks.mask & MASK_LINE != 0;
        if !call && !line {
            return Ok(());
        }
        let th = self.th();
        let saved_top = th.top;
        let frame = Frame {
            func,
            base: func + 2,
            ret: func,
            nres,
            pc: 0,
            nvarargs: 0,
            kind: FrameKind::Native,
            via_pcall: matches!(kind, FrameKind::Pcall | FrameKind::Xpcall),
        };
        th.frames.push(frame);
        th.top = func + 2 + nargs;
        let depth = th.frames.len();
        // As in LuaJIT, a call event (or a builtin's own instructions) makes
        // the next instruction of the calling Lua function start a new line
        // for the line hook.
        self.forget_last_instruction();
        let mut r = if call { self.run_hook("call", None) } else { Ok(()) };
        if r.is_ok() && line && self.hooks.mask & MASK_LINE != 0 {
            r = self.run_hook("line", Some(0));
        }
        let th = self.th();
        if r.is_ok() {
            th.frames.truncate(depth - 1);
            th.top = saved_top;
        }
        r
    }

    /// After a native returned (its frame still in place): the return event
    /// of a builtin LuaJIT writes in Lua.
    #[inline(never)]
    pub(crate) fn hook_native_return(&mut self, func: usize) -> LuaResult<()> {
        if self.hooks.active || self.hooks.mask & MASK_RET == 0 {
            return Ok(());
        }
        if crate::debuginfo::builtin_name(self.th().stack[func]).is_none() {
            return Ok(());
        }
        self.run_hook("return", None)
    }
}

/// Slots of a Lua frame live before the instruction at `pc`: the frame,
/// plus the values a multi-result instruction is about to consume.
fn live_slots(proto: &Proto, pc: usize, multres: usize) -> usize {
    let frame = proto.frame_size as usize;
    let Some(mut ins) = proto.code.get(pc).copied() else { return frame };
    if ins.op() == Op::UCLO {
        // Closing upvalues before a return: the return's values are live.
        let target = ins.jump_target(pc);
        ins = proto.code.get(target).copied().unwrap_or(ins);
    }
    let a = ins.a() as usize;
    let used = match ins.op() {
        Op::CALLM => a + 2 + ins.c() as usize + multres,
        Op::CALLMT => a + 2 + ins.d() as usize + multres,
        Op::RETM => a + ins.d() as usize + multres,
        Op::TSETM => a + multres,
        _ => 0,
    };
    frame.max(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `src` on a fresh VM and returns its first result as a string.
    fn eval(src: &str) -> String {
        let mut vm = Vm::new();
        let f = vm.load(src.as_bytes(), b"=test").expect("compiles");
        let r = vm.call(f, &[]).expect("runs");
        let v = r.first().copied().unwrap_or(Value::NIL);
        String::from_utf8_lossy(vm.str_of(v)).into_owned()
    }

    #[test]
    fn line_events_follow_new_lines_and_backward_jumps() {
        // The loop instruction sits on the `for` line: each iteration goes
        // back to it.
        let src = "local t = {}\n\
                   debug.sethook(function(e, l) t[#t + 1] = l end, 'l')\n\
                   for i = 1, 2 do\n\
                   local x = i end\n\
                   debug.sethook()\n\
                   return table.concat(t, ' ')";
        assert_eq!(eval(src), "3 4 3 4 3 5");
    }

    #[test]
    fn count_events_and_no_nesting() {
        // Three instructions run after sethook returns; the hook's own
        // instructions are not counted.
        let src = "local n = 0\n\
                   debug.sethook(function() n = n + 1 end, '', 1)\n\
                   local a = 1\n\
                   debug.sethook()\n\
                   return tostring(n)";
        assert_eq!(eval(src), "4");
    }

    #[test]
    fn clearing_the_hook_leaves_the_instrumented_loop() {
        let mut vm = Vm::new();
        let f = vm.load(b"debug.sethook(print, 'l') debug.sethook()", b"=test").expect("compiles");
        vm.call(f, &[]).expect("runs");
        assert_eq!(vm.instrument & crate::tier::INSTRUMENT_HOOK, 0);
        assert_eq!(vm.hooks.mask, 0);
    }

    #[test]
    fn masks_round_trip() {
        assert_eq!(parse_mask(b"crl", 0), MASK_CALL | MASK_RET | MASK_LINE);
        assert_eq!(parse_mask(b"xl", 3), MASK_LINE | MASK_COUNT);
        assert_eq!(parse_mask(b"", -1), 0);
        assert_eq!(mask_letters(MASK_LINE | MASK_CALL | MASK_COUNT), "cl");
        assert_eq!(mask_letters(0), "");
    }
}

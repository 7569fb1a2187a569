//! JIT parameters and optimisation flags, set as LuaJIT sets them:
//! `jit.opt.start(3, "-fold", "hotloop=10")` and the CLI's `-O` option
//! (`-O3`, `-O-fold`, `-Ohotloop=10,hotexit=2`).

use crate::opt::OptFlags;

/// The numeric parameters, with LuaJIT 2.1's names and defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// Loop iterations before a loop is recorded.
    pub hotloop: u32,
    /// Exits taken before a side trace is recorded from them.
    pub hotexit: u32,
    pub maxtrace: u32,
    /// Most bytecode instructions in one recording.
    pub maxrecord: u32,
    pub maxirconst: u32,
    pub maxside: u32,
    pub maxsnap: u32,
    pub minstitch: u32,
    /// Attempts at a side trace before its exit is left alone.
    pub tryside: u32,
    pub instunroll: u32,
    pub loopunroll: u32,
    /// Deepest inlined call.
    pub callunroll: u32,
    pub recunroll: u32,
    pub sizemcode: u32,
    pub maxmcode: u32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            hotloop: 56,
            hotexit: 10,
            maxtrace: 1000,
            maxrecord: 4000,
            maxirconst: 500,
            maxside: 100,
            maxsnap: 500,
            minstitch: 0,
            tryside: 4,
            instunroll: 4,
            loopunroll: 15,
            callunroll: 3,
            recunroll: 2,
            sizemcode: 64,
            maxmcode: 2048,
        }
    }
}

impl Params {
    fn field(&mut self, name: &str) -> Option<&mut u32> {
        Some(match name {
            "hotloop" => &mut self.hotloop,
            "hotexit" => &mut self.hotexit,
            "maxtrace" => &mut self.maxtrace,
            "maxrecord" => &mut self.maxrecord,
            "maxirconst" => &mut self.maxirconst,
            "maxside" => &mut self.maxside,
            "maxsnap" => &mut self.maxsnap,
            "minstitch" => &mut self.minstitch,
            "tryside" => &mut self.tryside,
            "instunroll" => &mut self.instunroll,
            "loopunroll" => &mut self.loopunroll,
            "callunroll" => &mut self.callunroll,
            "recunroll" => &mut self.recunroll,
            "sizemcode" => &mut self.sizemcode,
            "maxmcode" => &mut self.maxmcode,
            _ => return None,
        })
    }
}

/// Everything `jit.opt.start` sets.
#[derive(Clone, Debug, PartialEq)]
pub struct JitOptions {
    pub params: Params,
    pub flags: OptFlags,
    /// LuaJIT's flags for optimisations Neap's JIT does not have as
    /// separate passes (`dse abc sink fuse fma`): kept so `jit.status()`
    /// reports them as LuaJIT would; they change nothing.
    pub inert: Vec<(&'static str, bool)>,
}

/// Flags with no pass behind them, and whether `-O3` turns each on.
const INERT: [(&str, bool); 5] = [("dse", true), ("abc", true), ("sink", true), ("fuse", true), ("fma", false)];

impl Default for JitOptions {
    fn default() -> JitOptions {
        JitOptions { params: Params::default(), flags: OptFlags::level(3), inert: INERT.to_vec() }
    }
}

impl JitOptions {
    /// The flags that are on, in LuaJIT's order and spelling (`jit.status()`).
    pub fn flag_names(&self) -> Vec<&'static str> {
        let f = &self.flags;
        let inert = |name: &str| self.inert.iter().any(|&(n, on)| n == name && on);
        let all = [
            ("fold", f.fold),
            ("cse", f.cse),
            ("dce", f.dce),
            ("fwd", f.fwd),
            ("dse", inert("dse")),
            ("narrow", f.narrow),
            ("loop", f.loop_opt),
            ("abc", inert("abc")),
            ("sink", inert("sink")),
            ("fuse", inert("fuse")),
            ("fma", inert("fma")),
        ];
        all.iter().filter(|(_, on)| *on).map(|(n, _)| *n).collect()
    }
}

impl JitOptions {
    /// Applies one `jit.opt.start` argument: a level (`3`, `"O2"`), a flag
    /// (`"fold"`, `"+fold"`, `"-fold"`) or a parameter (`"hotloop=10"`).
    /// Errors name the argument as LuaJIT does.
    pub fn apply(&mut self, arg: &str) -> Result<(), String> {
        let bad = || format!("unknown or malformed optimization flag '{arg}'");
        let level = arg.strip_prefix('O').unwrap_or(arg);
        if let Ok(n) = level.parse::<u8>() {
            if n <= 3 {
                self.flags = OptFlags::level(n);
                for (name, on) in self.inert.iter_mut() {
                    *on = n == 3 && INERT.iter().any(|&(i, at3)| i == *name && at3);
                }
                return Ok(());
            }
            return Err(bad());
        }
        if let Some((name, value)) = arg.split_once('=') {
            // LuaJIT reads the digits into 32 bits, wrapping.
            if !value.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            let v = value.bytes().fold(0u32, |n, d| n.wrapping_mul(10).wrapping_add((d - b'0') as u32));
            *self.params.field(name).ok_or_else(bad)? = v;
            return Ok(());
        }
        let flag = if arg.starts_with('+') || arg.starts_with('-') { arg.to_string() } else { format!("+{arg}") };
        // LuaJIT's flags for optimisations Neap's JIT does not have (or
        // does unconditionally): accepted, and nothing changes.
        if let Some(entry) = self.inert.iter_mut().find(|(n, _)| *n == &flag[1..]) {
            entry.1 = flag.starts_with('+');
            return Ok(());
        }
        if self.flags.set(&flag) {
            Ok(())
        } else {
            Err(bad())
        }
    }

    /// Applies the CLI's `-O` argument: a comma-separated list.
    pub fn apply_cli(&mut self, list: &str) -> Result<(), String> {
        if list.is_empty() {
            self.flags = OptFlags::level(3);
            return Ok(());
        }
        list.split(',').try_for_each(|a| self.apply(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_flags_and_params() {
        let mut o = JitOptions::default();
        o.apply("hotloop=1").unwrap();
        o.apply("-fold").unwrap();
        assert_eq!(o.params.hotloop, 1);
        assert!(!o.flags.fold);
        o.apply("O3").unwrap();
        assert!(o.flags.fold);
        o.apply_cli("1,hotexit=2,+cse").unwrap();
        assert_eq!(o.params.hotexit, 2);
        assert_eq!(o.apply("nosuch"), Err("unknown or malformed optimization flag 'nosuch'".into()));
        assert!(o.apply("hotloop=x").is_err());
        assert!(o.apply("4").is_err());
    }
}

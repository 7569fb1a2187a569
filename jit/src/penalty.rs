//! Backing off from loops whose recordings fail, as LuaJIT does: each
//! failure doubles the wait before the next try (plus a few random
//! iterations, so loops that fail together do not retry together), and a
//! loop that still fails after the wait passed `PENALTY_MAX` is
//! blacklisted. Spreading the tries out matters for loops whose behaviour
//! changes over a run (a heap's sift loop exits early while the heap is
//! built, and loops back while it is drained).
//!
//! The randomness comes from a fixed-seed generator, so the same program
//! always makes the same decisions (the deterministic mode needs nothing
//! more).

use rustc_hash::FxHashMap;

/// The first penalty, and the bound past which a start is blacklisted, in
/// LuaJIT's units (a loop iteration counts two).
const PENALTY_MIN: u32 = 72;
const PENALTY_MAX: u32 = 60_000;
/// Random bits added to each doubled penalty.
const RANDOM_BITS: u32 = 4;

/// Failed recordings of one start point.
struct Penalty {
    value: u32,
    /// The last failure left the loop or hit an inner loop.
    left_loop: bool,
    /// Loop iterations still to wait, beyond the hot count, before the next
    /// recording.
    wait: u32,
}

/// What a failed recording means for its start point.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Record again after a wait.
    Retry,
    /// Give up on it for good.
    Blacklist,
}

/// Penalties by start point (prototype address, pc).
pub struct Penalties {
    by_start: FxHashMap<(usize, usize), Penalty>,
    rng: u32,
}

impl Default for Penalties {
    fn default() -> Self {
        Penalties { by_start: FxHashMap::default(), rng: 0x2545_f491 }
    }
}

impl Penalties {
    /// A recording starting at `start` failed; `hotloop` iterations pass
    /// anyway before its counter is hot again.
    pub fn fail(&mut self, start: (usize, usize), left_loop: bool, hotloop: u32) -> Verdict {
        let random = self.next_random() & ((1 << RANDOM_BITS) - 1);
        let value = match self.by_start.get(&start) {
            Some(p) => p.value * 2 + random,
            None => PENALTY_MIN,
        };
        if value > PENALTY_MAX {
            self.by_start.remove(&start);
            return Verdict::Blacklist;
        }
        let wait = (value / 2).saturating_sub(hotloop);
        self.by_start.insert(start, Penalty { value, left_loop, wait });
        Verdict::Retry
    }

    /// The counter of `start` got hot again after `hotloop` iterations:
    /// whether it must still wait before recording.
    pub fn waiting(&mut self, start: (usize, usize), hotloop: u32) -> bool {
        match self.by_start.get_mut(&start) {
            Some(p) if p.wait > 0 => {
                p.wait = p.wait.saturating_sub(hotloop.max(1));
                true
            }
            _ => false,
        }
    }

    /// Loops whose recordings failed at least twice, the last time for
    /// leaving the loop or for an inner loop: their trip counts are short,
    /// so traces around them may unroll them (LuaJIT's `innerloopleft`).
    pub fn left_loops(&self) -> Vec<(usize, usize)> {
        self.by_start.iter().filter(|(_, p)| p.left_loop && p.value >= 2 * PENALTY_MIN).map(|(&k, _)| k).collect()
    }

    pub fn clear(&mut self) {
        self.by_start.clear();
    }

    /// xorshift32: cheap, and the same sequence on every run.
    fn next_random(&mut self) -> u32 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.rng = x;
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_until_blacklisted() {
        let mut p = Penalties::default();
        let start = (1, 2);
        let mut tries = 0;
        let mut waited = Vec::new();
        while p.fail(start, false, 56) == Verdict::Retry {
            tries += 1;
            let mut calls = 0;
            while p.waiting(start, 56) {
                calls += 1;
            }
            waited.push(calls);
        }
        // 72, ~150, ~300 ... ~42,000: ten tries, the last waits ~21,000
        // iterations (about 380 hot counts of 56).
        assert_eq!(tries, 10);
        assert_eq!(waited[0], 0);
        assert!(waited.windows(2).all(|w| w[1] >= w[0]), "{waited:?}");
        assert!((340..420).contains(waited.last().unwrap()), "{waited:?}");
    }

    #[test]
    fn short_loops_after_two_failures() {
        let mut p = Penalties::default();
        p.fail((1, 2), true, 56);
        assert!(p.left_loops().is_empty());
        p.fail((1, 2), true, 56);
        assert_eq!(p.left_loops(), vec![(1, 2)]);
        p.fail((1, 2), false, 56);
        assert!(p.left_loops().is_empty());
    }

    #[test]
    fn same_sequence_every_time() {
        let run = || {
            let mut p = Penalties::default();
            (0..9).map(|_| (p.fail((1, 2), false, 1), p.by_start[&(1, 2)].value).1).collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }
}

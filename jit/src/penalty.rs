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
    /// A recording starting at `start` failed. On `Retry`, the start's hot
    /// counter must be set to [`Penalties::restart_count`].
    pub fn fail(&mut self, start: (usize, usize), left_loop: bool) -> Verdict {
        let random = self.next_random() & ((1 << RANDOM_BITS) - 1);
        let value = match self.by_start.get(&start) {
            Some(p) => p.value * 2 + random,
            None => PENALTY_MIN,
        };
        if value > PENALTY_MAX {
            self.by_start.remove(&start);
            return Verdict::Blacklist;
        }
        self.by_start.insert(start, Penalty { value, left_loop, wait: value / 2 });
        Verdict::Retry
    }

    /// The value the hot counter of `start` (counting up to `hotloop`)
    /// restarts from after a failure, so that the next recording starts
    /// exactly the penalty's iterations later: the part of the wait below
    /// one hot count is taken off the counter now, whole hot counts by
    /// [`Penalties::waiting`]. Exact, because which iteration is recorded
    /// matters (a recording of a loop's last iteration fails), and the
    /// random part of the penalty only varies it below one hot count.
    pub fn restart_count(&mut self, start: (usize, usize), hotloop: u16) -> u16 {
        let Some(p) = self.by_start.get_mut(&start) else { return 0 };
        let chunk = u32::from(hotloop.max(1));
        let first = match p.wait % chunk {
            0 => chunk.min(p.wait.max(1)),
            part => part,
        };
        p.wait -= first.min(p.wait);
        (chunk - first) as u16
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
        while p.fail(start, false) == Verdict::Retry {
            tries += 1;
            // Iterations until the counter is hot again, then whole hot
            // counts waited.
            let mut iterations = u32::from(56 - p.restart_count(start, 56));
            while p.waiting(start, 56) {
                iterations += 56;
            }
            waited.push(iterations);
        }
        // 72, ~150, ~300 ... ~42,000: ten tries, each after half its
        // penalty in iterations (a loop iteration counts two).
        assert_eq!(tries, 10);
        assert_eq!(waited[0], 36);
        assert!(waited.windows(2).all(|w| w[1] >= 2 * w[0]), "{waited:?}");
        assert!((20_000..23_000).contains(waited.last().unwrap()), "{waited:?}");
    }

    #[test]
    fn short_loops_after_two_failures() {
        let mut p = Penalties::default();
        p.fail((1, 2), true);
        assert!(p.left_loops().is_empty());
        p.fail((1, 2), true);
        assert_eq!(p.left_loops(), vec![(1, 2)]);
        p.fail((1, 2), false);
        assert!(p.left_loops().is_empty());
    }

    #[test]
    fn same_sequence_every_time() {
        let run = || {
            let mut p = Penalties::default();
            (0..9).map(|_| (p.fail((1, 2), false), p.by_start[&(1, 2)].value).1).collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }
}

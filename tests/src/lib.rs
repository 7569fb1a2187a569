//! Differential harness: see tests/.

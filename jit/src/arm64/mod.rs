//! AArch64 code support: a decoder/encoder for the load/store forms that the
//! store-pair pass reads and writes, a conservative classifier for every
//! other instruction word, and the pass itself. See README.md beside this file.

pub mod classify;
pub mod imm;
pub mod insn;
pub mod listing;
pub mod pass;

#[cfg(test)]
mod model;
#[cfg(test)]
mod objdump_check;
#[cfg(test)]
mod proofs;
#[cfg(test)]
mod qemu_check;
#[cfg(test)]
mod sim_check;

pub use pass::{merge_pairs, Merge};

//! A property-based fuzzer over the native USD.AI runtime.
//!
//! Many actors call random extrinsics of every pallet with random, often hostile, arguments;
//! blocks advance at random through every pallet's hooks; after every block every invariant is
//! checked. See `README.md` for how inputs are built (and how that relates to SRLabs'
//! substrate-runtime-fuzzer), what is checked, and the commands.
//!
//! - [`entropy`]: where choices come from (a seed, or bytes).
//! - [`generator`]: protocol-aware actions drawn from the live state.
//! - [`chain`]: the executor (blocks as frame-executive runs them, calls dispatched directly).
//! - [`checks`]: the invariants.
//! - [`runner`]: cases, figures, replay and shrinking.
//! - [`known`]: counterexamples found and not fixed yet.

// Test tooling: a panic is a report, and the harness's own arithmetic is on small counters.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

pub mod actors;
pub mod chain;
pub mod checks;
pub mod entropy;
pub mod generator;
pub mod genesis;
pub mod known;
pub mod runner;

pub use chain::{Chain, Failure, Step, Who};
pub use runner::{replay, run_case, Config, Counterexample, Stats};

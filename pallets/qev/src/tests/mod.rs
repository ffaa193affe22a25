//! Unit tests of the queue over a mock runtime with the real vault. Every test runs the queue's
//! and the vault's invariants when it ends (`ExtBuilder::build_and_execute`).

mod bids;
mod dust;
#[cfg(feature = "next-release")]
mod migrations;
mod requests;
mod runtime_api;
mod settlement;
mod weights;

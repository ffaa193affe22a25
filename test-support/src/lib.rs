//! What the pallets' unit tests share (a dev-dependency only: no pallet's normal build
//! depends on it). See README.md for a tour.
//!
//! - [`mock_runtime!`], [`impl_mock_assets!`], [`impl_mock_usdai!`] and [`impl_mock_caliber!`]
//!   write the mock runtime and the configuration of pallet-balances, pallet-assets, the real
//!   vault (pallet-usdai) and the real receipts (pallet-caliber on pallet-nfts) that every mock
//!   had copied; [`open_vault_genesis!`] writes the real vault's genesis.
//! - [`mocks`]: a small mock of each trait of usdai-primitives, so that a pallet's tests may
//!   choose a mock or the real pallet behind it.
//! - [`units`]: the dollars of the 6- and 18-decimal tokens, and CHIP.
//! - [`genesis`]: genesis storage and test externalities, generic over the runtime.
//! - [`chain`]: running blocks, finding a pallet's events, balances and the supply check.
//! - [`builders`]: what a receipt and a stack's terms state, with [`receipt_info!`] and
//!   [`stack_terms!`] to turn them into pallet-caliber's and pallet-filo's types.
//! - [`count_accesses`] and [`assert_covered`]: the storage a call touches against the weight it
//!   charges.
//!
//! The macros name the pallets' crates as the calling mock does (`pallet_usdai`,
//! `pallet_caliber`, `pallet_assets`, ...), never through this crate, so that this crate
//! depends on no pallet of the workspace: a pallet's own mock (where `use crate as
//! pallet_usdai;`) and another pallet's mock expand them alike.

// Test code: it may panic on a broken precondition, index and do plain arithmetic.
#![allow(
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

pub mod builders;
pub mod chain;
pub mod genesis;
mod macros;
pub mod mocks;
mod storage_accesses;
pub mod units;

pub use chain::{
	assert_supply_is_the_balances, balance, events, last_event, run_to, supply, take_events, text,
};
pub use storage_accesses::{assert_covered, count_accesses};
pub use usdai_primitives::{assets, AssetId, Balance};

/// What the macros name through `$crate`, so that a mock needs no dependency of its own on
/// these crates for them.
#[doc(hidden)]
pub mod __private {
	pub use sp_core;
	pub use sp_runtime;
}

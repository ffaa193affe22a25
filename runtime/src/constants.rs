//! Constants of the runtime: block time, time units, currency units and deposits.
//!
//! All time is measured in blocks. The `fast-runtime` feature compresses the clock for end-to-end
//! tests: blocks every 3 seconds, a "minute" and an "hour" of one block, a "day" of two blocks
//! (6 seconds). A 30-day loan period is then 60 blocks (3 minutes) and a gauge week 14 blocks, so
//! a test can walk loan periods, defaults, auctions, auction rounds and epochs in minutes. Every
//! duration in the runtime is written in these units, so the feature shortens all of them at once.
//! The node serves this build as the `dev-fast` and `local-fast` chains (crate
//! `usdai-runtime-fast`); it is never a production runtime.

use frame_support::PalletId;
use usdai_primitives::{chip, Balance, BlockNumber};

/// Block time targeted by Aura. Cannot be changed after genesis without bricking production.
#[cfg(not(feature = "fast-runtime"))]
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Block time targeted by Aura under `fast-runtime`: 3 seconds.
#[cfg(feature = "fast-runtime")]
pub const MILLI_SECS_PER_BLOCK: u64 = 3000;

/// Slot duration used by Aura (one block per slot).
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Time units in blocks.
pub mod time {
	use super::*;

	/// Blocks per minute.
	#[cfg(not(feature = "fast-runtime"))]
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	/// Blocks per hour.
	#[cfg(not(feature = "fast-runtime"))]
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks per day.
	#[cfg(not(feature = "fast-runtime"))]
	pub const DAYS: BlockNumber = HOURS * 24;

	/// Blocks per "minute" under `fast-runtime`: a single block.
	#[cfg(feature = "fast-runtime")]
	pub const MINUTES: BlockNumber = 1;
	/// Blocks per "hour" under `fast-runtime`: a single block.
	#[cfg(feature = "fast-runtime")]
	pub const HOURS: BlockNumber = 1;
	/// Blocks per "day" under `fast-runtime`: two blocks, so that a 30-day period is 60 blocks.
	#[cfg(feature = "fast-runtime")]
	pub const DAYS: BlockNumber = 2;

	/// A gauge epoch: a week (14 blocks under `fast-runtime`).
	pub const GAUGE_EPOCH: BlockNumber = 7 * DAYS;
}

/// CHIP units and deposits.
pub mod currency {
	use super::*;

	pub use chip::{MICRO_UNIT, MILLI_UNIT, UNIT};

	/// The smallest CHIP balance an account may hold.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

	/// A deposit for storing `items` entries taking `bytes` bytes in total: 0.2 CHIP per item
	/// and a milli-CHIP per byte. Evaluated at compile time (the inputs are constants), where an
	/// overflow is a build error.
	#[allow(clippy::arithmetic_side_effects)]
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		(items as Balance) * 20 * UNIT / 100 + (bytes as Balance) * MILLI_UNIT
	}
}

/// Maximum number of blocks kept in the block-hash map (for mortal transactions).
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// Minimum balances of the chain's tokens in pallet-assets: below them an account is reaped.
pub mod tokens {
	use super::*;

	/// Smallest balance of a bridged stablecoin account: one cent (6 decimals).
	pub const STABLECOIN_MIN_BALANCE: Balance = 10_000;

	/// Smallest balance of a USDai or sUSDai account: one cent (18 decimals). It is also the
	/// vault's dead shares: the first stake locks this much sUSDai for good, so that the share
	/// price can never be moved by a donation into an empty vault.
	pub const USDAI_MIN_BALANCE: Balance = 10_000_000_000_000_000;
}

/// The keyless accounts of the protocol's pallets (`PalletId::into_account_truncating`),
/// each a `Get<PalletId>` for its pallet's `Config::PalletId`.
pub mod pallet_ids {
	use super::PalletId;

	frame_support::parameter_types! {
		/// Account of the usdai vault: owner (issuer, admin) of USDai and sUSDai and holder of the
		/// stablecoin reserve.
		pub const UsdaiPalletId: PalletId = PalletId(*b"usdai/vt");
		/// Account of the treasury bridge: owner of the bridged stablecoins USDC and USDT.
		pub const TreasuryBridgePalletId: PalletId = PalletId(*b"usdai/br");
		/// Account of the caliber pallet: owner of the CALIBER receipt collection.
		pub const CaliberPalletId: PalletId = PalletId(*b"usdai/cl");
		/// Account of FiLo: stacks' first-loss capital, auction escrow.
		pub const FiloPalletId: PalletId = PalletId(*b"usdai/fl");
		/// The keyless treasury account: auction fees.
		pub const TreasuryPalletId: PalletId = PalletId(*b"usdai/ty");
		/// Account of the gauges: bribe pots and the lockers' fee share.
		pub const GaugesPalletId: PalletId = PalletId(*b"usdai/gg");
	}
}

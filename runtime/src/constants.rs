//! Constants of the runtime: block time, time units, currency units and deposits.
//!
//! All time is measured in blocks. With the `fast-runtime` feature an "hour" is one block and a
//! "day" 24 blocks (2.4 minutes), so that end-to-end tests can walk epochs and loan periods
//! quickly. Every duration in the runtime is written in these units, so the feature shortens all
//! of them at once.

use usdai_primitives::{chip, Balance, BlockNumber};

/// Block time targeted by Aura. Cannot be changed after genesis without bricking production.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

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
	/// Blocks per "day" under `fast-runtime`: 24 "hours" of one block.
	#[cfg(feature = "fast-runtime")]
	pub const DAYS: BlockNumber = HOURS * 24;
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

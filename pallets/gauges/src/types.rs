//! The records of the gauges: locks, an account's position, aggregate power points, bribe pots,
//! fee pots and the backstop sale. None needs the pallet's `Config`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use usdai_primitives::{AssetId, Balance, StackId};

/// Index of an epoch: epoch `e` runs from block `e × EpochLength` to the block before
/// `(e + 1) × EpochLength`.
pub type EpochIndex = u32;

/// Power in the pallet's exact unit, CHIP base units × whole epochs left on the lock. A lock of
/// `a` CHIP ending at the start of epoch `end` has `a × (end − e)` of it at the start of epoch
/// `e < end`. Shares of power (gauge weights, bribes, fees) are ratios of these integers, so
/// they carry no rounding of their own.
pub type RawPower = u128;

/// One vote: a stack and the share of the account's power it gets.
pub type Vote = (StackId, Perbill);

/// CHIP locked until the start of epoch `end`.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Lock {
	/// CHIP held, in base units.
	pub amount: Balance,
	/// The epoch at whose start the lock expires (its power is zero from then on).
	pub end: EpochIndex,
}

impl Lock {
	/// The lock's raw power at the start of epoch `at`: `amount × (end − at)`, zero once
	/// expired.
	pub fn power_at(&self, at: EpochIndex) -> Option<RawPower> {
		let left = self.end.saturating_sub(at);
		self.amount.checked_mul(RawPower::from(left))
	}
}

/// What an account has locked and how it votes. The pallet keeps one per epoch in which it
/// changed (see `History`); each is in force from its epoch until the next one.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxLocks, MaxVotes))]
#[codec(mel_bound())]
pub struct Position<MaxLocks: Get<u32>, MaxVotes: Get<u32>> {
	/// The account's locks.
	pub locks: BoundedVec<Lock, MaxLocks>,
	/// Its votes: distinct stacks, shares summing to at most 100%.
	pub votes: BoundedVec<Vote, MaxVotes>,
}

impl<MaxLocks: Get<u32>, MaxVotes: Get<u32>> Default for Position<MaxLocks, MaxVotes> {
	fn default() -> Self {
		Self { locks: BoundedVec::new(), votes: BoundedVec::new() }
	}
}

impl<MaxLocks: Get<u32>, MaxVotes: Get<u32>> Position<MaxLocks, MaxVotes> {
	/// The account's raw power at the start of epoch `at`.
	pub fn power_at(&self, at: EpochIndex) -> Option<RawPower> {
		self.locks
			.iter()
			.try_fold(RawPower::default(), |sum, lock| sum.checked_add(lock.power_at(at)?))
	}

	/// The raw power the account gives `stack` at the start of epoch `at`. Each lock's amount
	/// is scaled by the vote's share and rounded down, exactly as the stack's aggregate was
	/// built, so the voters' powers add up to the stack's weight.
	pub fn vote_power_at(&self, stack: StackId, at: EpochIndex) -> Option<RawPower> {
		let Some((_, share)) = self.votes.iter().find(|(s, _)| *s == stack) else {
			return Some(0);
		};
		self.locks.iter().try_fold(RawPower::default(), |sum, lock| {
			let scaled = Lock { amount: share.mul_floor(lock.amount), end: lock.end };
			sum.checked_add(scaled.power_at(at)?)
		})
	}

	/// CHIP held by all the locks.
	pub fn locked(&self) -> Option<Balance> {
		self.locks.iter().try_fold(Balance::default(), |sum, lock| sum.checked_add(lock.amount))
	}
}

/// A linear aggregate of locks, as at the start of an epoch: the sum of their powers (`bias`)
/// and how much that sum falls per epoch (`slope`, the CHIP of the locks still running).
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Point {
	/// Raw power at the point's epoch start.
	pub bias: RawPower,
	/// Raw power lost per epoch.
	pub slope: Balance,
}

impl Point {
	/// Whether no lock contributes.
	pub fn is_zero(&self) -> bool {
		self.bias == 0 && self.slope == 0
	}
}

/// The bribes of one asset for a stack in an epoch.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct BribePot {
	/// The asset (pallet-assets id).
	pub asset: AssetId,
	/// Everything bribed in it (less what bribers took back).
	pub amount: Balance,
	/// What voters have claimed.
	pub claimed: Balance,
}

/// The lockers' fee share taken at the start of an epoch.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct FeePot {
	/// USDai taken from the fee source.
	pub amount: Balance,
	/// What lockers have claimed.
	pub claimed: Balance,
}

/// A governance-opened sale of newly minted CHIP for USDai that pays down the vault's
/// uncovered loss.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct BackstopSale {
	/// USDai still to raise.
	pub remaining: Balance,
	/// USDai base units per whole CHIP.
	pub chip_price: Balance,
	/// USDai raised so far.
	pub raised: Balance,
	/// CHIP minted so far.
	pub minted: Balance,
}

/// The `History` key of a position in force from `epoch`: `u32::MAX − epoch`, big-endian, so
/// that later epochs sort first.
pub type HistoryKey = [u8; 4];

/// The `History` key of `epoch`.
pub fn history_key(epoch: EpochIndex) -> HistoryKey {
	u32::MAX.saturating_sub(epoch).to_be_bytes()
}

/// The epoch of a `History` key.
pub fn history_epoch(key: HistoryKey) -> EpochIndex {
	u32::MAX.saturating_sub(u32::from_be_bytes(key))
}

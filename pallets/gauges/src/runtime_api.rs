//! Runtime API of the gauges. Polkadot.js: `api.call.gaugesApi.currentWeights()`,
//! `.nextWeights()`, `.locker(who)`, `.claimableBribes(who, epoch, stack)`,
//! `.claimableFees(who)`.

use crate::{EpochIndex, Lock, RawPower, Vote};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use usdai_primitives::{AssetId, Balance, StackId};

/// One stack's gauge in an epoch.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct GaugeView {
	/// The stack.
	pub stack: StackId,
	/// Its voters' raw power (CHIP base units × epochs left).
	pub weight: RawPower,
	/// Its share of all voted power.
	pub share: Perbill,
	/// Its capacity with today's lendable capital (USDai base units), rounded down.
	pub capacity: Balance,
}

/// The gauges of one epoch.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct EpochWeights {
	/// The epoch.
	pub epoch: EpochIndex,
	/// All voted power in it.
	pub voted_power: RawPower,
	/// Every stack with votes.
	pub gauges: Vec<GaugeView>,
}

/// An account's locks, power and votes.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct LockerView {
	/// CHIP held by its locks.
	pub locked: Balance,
	/// Its voting power now (`amount × blocks left / MaxLockDuration`, summed).
	pub power: Balance,
	/// Its raw power at the start of the next epoch (what its votes carry then).
	pub next_epoch_power: RawPower,
	/// Its locks (indices as `extend_lock` takes them).
	pub locks: Vec<Lock>,
	/// Its votes from the next epoch on.
	pub votes: Vec<Vote>,
}

sp_api::decl_runtime_apis! {
	/// Gauge weights, lockers and what they may claim.
	pub trait GaugesApi<AccountId> where AccountId: codec::Codec {
		/// The weights in force (the last tallied epoch).
		fn current_weights() -> EpochWeights;
		/// The weights the votes cast so far give the next epoch.
		fn next_weights() -> EpochWeights;
		/// An account's locks, power and votes.
		fn locker(who: AccountId) -> LockerView;
		/// What `who` may claim of the bribes for `stack` in `epoch` (nothing once claimed).
		fn claimable_bribes(who: AccountId, epoch: EpochIndex, stack: StackId) -> Vec<(AssetId, Balance)>;
		/// The fee share `who` may claim over all its unclaimed tallied epochs.
		fn claimable_fees(who: AccountId) -> Balance;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// The weights [`GaugesApi::current_weights`] returns.
	pub fn current_weights() -> EpochWeights {
		use usdai_primitives::vault::LendableCapital;
		let epoch = crate::LastTallied::<T>::get();
		let capital = T::Capital::lendable_capital();
		let mut gauges: Vec<GaugeView> = crate::GaugeWeights::<T>::iter_prefix(epoch)
			.map(|(stack, weight)| GaugeView {
				stack,
				weight,
				share: Self::weight_share(epoch, stack),
				capacity: Self::capacity_in(epoch, stack, capital).unwrap_or_default(),
			})
			.collect();
		gauges.sort_by_key(|g| g.stack);
		EpochWeights { epoch, voted_power: crate::VotedPower::<T>::get(epoch), gauges }
	}

	/// The weights [`GaugesApi::next_weights`] returns.
	pub fn next_weights() -> EpochWeights {
		use usdai_primitives::vault::LendableCapital;
		let epoch = crate::LastTallied::<T>::get().saturating_add(1);
		let capital = T::Capital::lendable_capital();
		let points: Vec<(StackId, RawPower)> = crate::ActiveGauges::<T>::get()
			.into_iter()
			.map(|s| (s, crate::GaugePoints::<T>::get(s).bias))
			.filter(|(_, w)| *w > 0)
			.collect();
		let voted_power = points.iter().fold(0u128, |sum, (_, w)| sum.saturating_add(*w));
		let mut gauges: Vec<GaugeView> = points
			.into_iter()
			.map(|(stack, weight)| GaugeView {
				stack,
				weight,
				share: Perbill::from_rational(weight, voted_power),
				capacity: Self::capacity_of(capital, weight, voted_power).unwrap_or_default(),
			})
			.collect();
		gauges.sort_by_key(|g| g.stack);
		EpochWeights { epoch, voted_power, gauges }
	}

	/// The view [`GaugesApi::locker`] returns.
	pub fn locker(who: &T::AccountId) -> LockerView {
		let now = frame_system::Pallet::<T>::block_number();
		let next = crate::LastTallied::<T>::get().saturating_add(1);
		let position = Self::latest_position(who).map(|(_, p)| p).unwrap_or_default();
		LockerView {
			locked: position.locked().unwrap_or_default(),
			power: position
				.locks
				.iter()
				.fold(0, |sum: Balance, l| sum.saturating_add(Self::lock_power(l, now))),
			next_epoch_power: position.power_at(next).unwrap_or_default(),
			locks: position.locks.into_inner(),
			votes: position.votes.into_inner(),
		}
	}

	/// What [`GaugesApi::claimable_bribes`] returns.
	pub fn claimable_bribes(
		who: &T::AccountId,
		epoch: EpochIndex,
		stack: StackId,
	) -> Vec<(AssetId, Balance)> {
		if crate::BribeClaims::<T>::contains_key((epoch, stack, who)) {
			return Vec::new();
		}
		Self::bribes_due(who, epoch, stack).map(|d| d.into_inner()).unwrap_or_default()
	}

	/// What [`GaugesApi::claimable_fees`] returns.
	pub fn claimable_fees(who: &T::AccountId) -> Balance {
		let Some(from) = crate::FeeCursor::<T>::get(who) else { return 0 };
		Self::fees_due(who, from, crate::LastTallied::<T>::get())
			.map(|due| due.iter().fold(0, |sum: Balance, (_, pay)| sum.saturating_add(*pay)))
			.unwrap_or_default()
	}
}

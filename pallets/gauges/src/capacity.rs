//! The capacity the gauges grant each stack: its weight's share of the vault's lendable
//! capital, in the last tallied epoch.

use crate::{pallet::*, types::*};
use sp_runtime::{Perbill, Rounding};
use usdai_primitives::{gauges::LendableCapital, mul_div, traits::Capacity, Balance, StackId};

impl<T: Config> Pallet<T> {
	/// Whether the gauges direct capacity now: the epoch in force has voted power. A runtime
	/// may let another source (governance caps) grant capacity while they do not.
	pub fn is_live() -> bool {
		VotedPower::<T>::get(LastTallied::<T>::get()) > 0
	}

	/// `stack`'s share of the voted power in epoch `e`.
	pub fn weight_share(e: EpochIndex, stack: StackId) -> Perbill {
		let total = VotedPower::<T>::get(e);
		if total == 0 {
			return Perbill::zero();
		}
		Perbill::from_rational(GaugeWeights::<T>::get(e, stack), total)
	}

	/// `stack`'s capacity in epoch `e` with `capital` to divide: `capital × weight / total`,
	/// rounded down (`None` without votes).
	pub fn capacity_in(e: EpochIndex, stack: StackId, capital: Balance) -> Option<Balance> {
		Self::capacity_of(capital, GaugeWeights::<T>::get(e, stack), VotedPower::<T>::get(e))
	}

	/// The capacity of a gauge of `weight` out of `total` voted power with `capital` to
	/// divide: `capital × weight / total`, rounded down (`None` without weight).
	pub fn capacity_of(capital: Balance, weight: RawPower, total: RawPower) -> Option<Balance> {
		if weight == 0 {
			return None;
		}
		mul_div(capital, weight, total, Rounding::Down).ok()
	}
}

impl<T: Config> Capacity for Pallet<T> {
	fn capacity(stack: StackId) -> Option<Balance> {
		Self::capacity_in(LastTallied::<T>::get(), stack, T::Capital::lendable_capital())
	}
}

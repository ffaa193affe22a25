//! The epoch clock, accounts' positions over time, and the aggregates the tally reads: how a
//! change of position moves the gauges' running sums, and the tally itself.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	pallet_prelude::*,
	traits::{DefensiveSaturating, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{AccountIdConversion, CheckedAdd, CheckedDiv, CheckedMul, Saturating, Zero},
	ArithmeticError, SaturatedConversion,
};
use usdai_primitives::{vault::FeeSource, Balance, StackId};

/// An account's position as the pallet stores it.
pub(crate) type PositionOf<T> =
	Position<<T as Config>::MaxLocksPerAccount, <T as Config>::MaxVotes>;

/// What adding (`plus`) and removing (`minus`) contributions does to one running sum. Kept apart
/// so that every step is checked against underflow.
#[derive(Default, Clone, Copy)]
struct Delta {
	plus: u128,
	minus: u128,
}

impl Delta {
	fn add(&mut self, value: u128, removing: bool) -> Result<(), ArithmeticError> {
		let side = if removing { &mut self.minus } else { &mut self.plus };
		*side = side.checked_add(value).ok_or(ArithmeticError::Overflow)?;
		Ok(())
	}

	fn apply(&self, value: u128) -> Result<u128, ArithmeticError> {
		value
			.checked_add(self.plus)
			.ok_or(ArithmeticError::Overflow)?
			.checked_sub(self.minus)
			.ok_or(ArithmeticError::Underflow)
	}

	fn is_zero(&self) -> bool {
		self.plus == self.minus
	}
}

/// The change a new position makes to the aggregates of the next epoch to tally.
#[derive(Default)]
struct Changes {
	global_bias: Delta,
	global_slope: Delta,
	global_ends: BTreeMap<EpochIndex, Delta>,
	gauge_bias: BTreeMap<StackId, Delta>,
	gauge_slope: BTreeMap<StackId, Delta>,
	gauge_ends: BTreeMap<(StackId, EpochIndex), Delta>,
}

impl Changes {
	/// Adds (or removes) the contributions `position` makes to the point at the start of epoch
	/// `at`: each lock still running then, and its share in each vote.
	fn record<T: Config>(
		&mut self,
		position: &PositionOf<T>,
		at: EpochIndex,
		removing: bool,
	) -> Result<(), ArithmeticError> {
		for lock in position.locks.iter().filter(|l| l.end > at) {
			let bias = lock.power_at(at).ok_or(ArithmeticError::Overflow)?;
			self.global_bias.add(bias, removing)?;
			self.global_slope.add(lock.amount, removing)?;
			self.global_ends.entry(lock.end).or_default().add(lock.amount, removing)?;
			for (stack, share) in position.votes.iter() {
				let scaled = Lock { amount: share.mul_floor(lock.amount), end: lock.end };
				let bias = scaled.power_at(at).ok_or(ArithmeticError::Overflow)?;
				self.gauge_bias.entry(*stack).or_default().add(bias, removing)?;
				self.gauge_slope.entry(*stack).or_default().add(scaled.amount, removing)?;
				self.gauge_ends
					.entry((*stack, lock.end))
					.or_default()
					.add(scaled.amount, removing)?;
			}
		}
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// The account holding bribes and the fee share.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Gives the pallet's account a provider so that it may hold any asset (pallet-assets needs
	/// one for assets that are not sufficient).
	pub(crate) fn ensure_account() {
		let account = Self::account_id();
		if !frame_system::Pallet::<T>::account_exists(&account) {
			frame_system::Pallet::<T>::inc_providers(&account);
		}
	}

	/// The epoch of block `n`.
	pub fn epoch_of(n: BlockNumberFor<T>) -> EpochIndex {
		n.checked_div(&T::EpochLength::get()).unwrap_or_default().saturated_into()
	}

	/// The epoch now.
	pub fn current_epoch() -> EpochIndex {
		Self::epoch_of(frame_system::Pallet::<T>::block_number())
	}

	/// The first block of epoch `e`.
	pub fn epoch_start(e: EpochIndex) -> Option<BlockNumberFor<T>> {
		BlockNumberFor::<T>::from(e).checked_mul(&T::EpochLength::get())
	}

	/// The current epoch, if it is tallied: positions may only change then, because the
	/// aggregates they move are those of the epoch after it.
	pub(crate) fn ensure_tallied() -> Result<EpochIndex, DispatchError> {
		let current = Self::current_epoch();
		ensure!(LastTallied::<T>::get() == current, Error::<T>::TallyPending);
		Ok(current)
	}

	/// The account's newest position and the epoch it is in force from.
	pub fn latest_position(who: &T::AccountId) -> Option<(EpochIndex, PositionOf<T>)> {
		History::<T>::iter_prefix(who).next().map(|(key, p)| (history_epoch(key), p))
	}

	/// The account's position in force in epoch `e`: the newest from `e` or before.
	pub fn position_at(who: &T::AccountId, e: EpochIndex) -> Option<PositionOf<T>> {
		let key = u32::from_be_bytes(history_key(e));
		let mut entries = match key.checked_sub(1) {
			// Keys strictly after `key − 1` are those at or after `key`: `e` or earlier.
			Some(before) => History::<T>::iter_prefix_from(
				who,
				History::<T>::hashed_key_for(who, before.to_be_bytes()),
			),
			None => History::<T>::iter_prefix(who),
		};
		entries.next().map(|(_, p)| p)
	}

	/// Replaces the account's position from the next epoch on (`current + 1`) with `new`, and
	/// moves the next epoch's aggregates from `old` (the position in force until now) to `new`.
	pub(crate) fn set_position(
		who: &T::AccountId,
		current: EpochIndex,
		old: &PositionOf<T>,
		new: PositionOf<T>,
	) -> DispatchResult {
		let next = current.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let mut changes = Changes::default();
		changes.record::<T>(old, next, true)?;
		changes.record::<T>(&new, next, false)?;
		Self::apply(changes)?;
		History::<T>::insert(who, history_key(next), new);
		Ok(())
	}

	/// Writes the changed aggregates; a stack gaining votes joins the gauges.
	fn apply(changes: Changes) -> DispatchResult {
		let mut gauges = ActiveGauges::<T>::get();
		let mut gauges_changed = false;
		let stacks: alloc::collections::btree_set::BTreeSet<StackId> =
			changes.gauge_slope.keys().chain(changes.gauge_bias.keys()).copied().collect();
		for stack in stacks {
			let bias = changes.gauge_bias.get(&stack).copied().unwrap_or_default();
			let slope = changes.gauge_slope.get(&stack).copied().unwrap_or_default();
			if bias.is_zero() && slope.is_zero() {
				continue;
			}
			let mut point = GaugePoints::<T>::get(stack);
			point.bias = bias.apply(point.bias)?;
			point.slope = slope.apply(point.slope)?;
			if !point.is_zero() && !gauges.contains(&stack) {
				gauges.try_push(stack).map_err(|_| Error::<T>::TooManyGauges)?;
				gauges_changed = true;
			}
			if point.is_zero() {
				GaugePoints::<T>::remove(stack);
			} else {
				GaugePoints::<T>::insert(stack, point);
			}
		}
		if gauges_changed {
			ActiveGauges::<T>::put(gauges);
		}
		for ((stack, end), delta) in changes.gauge_ends.iter().filter(|(_, d)| !d.is_zero()) {
			let value = delta.apply(GaugeSlopeChanges::<T>::get(stack, end))?;
			if value.is_zero() {
				GaugeSlopeChanges::<T>::remove(stack, end);
			} else {
				GaugeSlopeChanges::<T>::insert(stack, end, value);
			}
		}
		if !changes.global_bias.is_zero() || !changes.global_slope.is_zero() {
			let mut point = GlobalPoint::<T>::get();
			point.bias = changes.global_bias.apply(point.bias)?;
			point.slope = changes.global_slope.apply(point.slope)?;
			GlobalPoint::<T>::put(point);
		}
		for (end, delta) in changes.global_ends.iter().filter(|(_, d)| !d.is_zero()) {
			let value = delta.apply(GlobalSlopeChanges::<T>::get(end))?;
			if value.is_zero() {
				GlobalSlopeChanges::<T>::remove(end);
			} else {
				GlobalSlopeChanges::<T>::insert(end, value);
			}
		}
		Ok(())
	}

	/// Moves a point one epoch on: every running lock loses one epoch of power, and the locks
	/// ending at the new epoch stop counting. The aggregates are kept exact, so the
	/// subtractions cannot underflow; if they did, the point saturates at zero.
	fn advance(point: &mut Point, ending: Balance) {
		point.bias = point.bias.defensive_saturating_sub(point.slope);
		point.slope = point.slope.defensive_saturating_sub(ending);
	}

	/// The hook: tallies the next epoch once it has begun. One epoch per block; when nothing is
	/// locked the clock jumps straight to the current epoch.
	pub(crate) fn do_on_initialize(now: BlockNumberFor<T>) -> Weight {
		let current = Self::epoch_of(now);
		let last = LastTallied::<T>::get();
		if current <= last {
			return T::WeightInfo::on_initialize_idle();
		}
		let gauges = ActiveGauges::<T>::decode_len().unwrap_or_default();
		if gauges == 0 && GlobalPoint::<T>::get().is_zero() {
			LastTallied::<T>::put(current);
			return T::WeightInfo::tally(0);
		}
		let Some(next) = last.checked_add(1) else {
			return T::WeightInfo::on_initialize_idle();
		};
		Self::do_tally(next);
		T::WeightInfo::tally(u32::try_from(gauges).unwrap_or(u32::MAX))
	}

	/// Tallies epoch `e` (the epoch after the last tallied): records every gauge's weight and
	/// all locks' power at its start, moves the aggregates on to the next epoch, and takes the
	/// lockers' fee share. Each gauge costs one step: voters are never visited.
	pub(crate) fn do_tally(e: EpochIndex) {
		let following = e.saturating_add(1);
		let mut voted: RawPower = 0;
		let mut kept: BoundedVec<StackId, T::MaxGauges> = BoundedVec::new();
		let gauges = ActiveGauges::<T>::get();
		let count = u32::try_from(gauges.len()).unwrap_or(u32::MAX);
		for stack in gauges {
			let mut point = GaugePoints::<T>::get(stack);
			if !point.bias.is_zero() {
				GaugeWeights::<T>::insert(e, stack, point.bias);
				voted = voted.defensive_saturating_add(point.bias);
			}
			Self::advance(&mut point, GaugeSlopeChanges::<T>::take(stack, following));
			if point.is_zero() {
				GaugePoints::<T>::remove(stack);
			} else {
				GaugePoints::<T>::insert(stack, point);
				// `kept` is never longer than the list it is drawn from.
				let _ = kept.try_push(stack);
			}
		}
		ActiveGauges::<T>::put(kept);
		if !voted.is_zero() {
			VotedPower::<T>::insert(e, voted);
		}

		let mut global = GlobalPoint::<T>::get();
		let total = global.bias;
		Self::advance(&mut global, GlobalSlopeChanges::<T>::take(following));
		GlobalPoint::<T>::put(global);

		let mut fees: Balance = 0;
		if !total.is_zero() {
			TotalPower::<T>::insert(e, total);
			Self::ensure_account();
			// Fees are taken only when someone can claim them; else they wait in the source.
			// The first fees also pay the account's anchor of the fee asset (see `Anchors`).
			let asset = T::FeeAsset::get();
			match frame_support::storage::with_storage_layer(|| {
				let taken = T::Fees::take_fees(&Self::account_id())?;
				let anchor = Self::anchor_shortfall(asset).min(taken);
				Self::add_anchor(asset, anchor)?;
				Ok::<_, DispatchError>(taken.saturating_sub(anchor))
			}) {
				Ok(amount) => fees = amount,
				Err(err) => log::error!(target: "runtime::gauges", "taking fees failed: {err:?}"),
			}
			if !fees.is_zero() {
				EpochFees::<T>::insert(e, FeePot { amount: fees, claimed: 0 });
			}
		}
		LastTallied::<T>::put(e);
		Self::deposit_event(Event::EpochTallied {
			epoch: e,
			gauges: count,
			voted_power: voted,
			total_power: total,
			fees,
		});
	}

	/// The epoch a lock of `duration` blocks taken now ends at: the last boundary before
	/// `now + duration`. It must be at least two epochs after `current`, so that the lock has
	/// power in the next epoch.
	pub(crate) fn lock_end(
		duration: BlockNumberFor<T>,
		current: EpochIndex,
	) -> Result<EpochIndex, DispatchError> {
		ensure!(duration <= T::MaxLockDuration::get(), Error::<T>::LockTooLong);
		let now = frame_system::Pallet::<T>::block_number();
		let end = Self::epoch_of(now.checked_add(&duration).ok_or(ArithmeticError::Overflow)?);
		let earliest = current.checked_add(2).ok_or(ArithmeticError::Overflow)?;
		ensure!(end >= earliest, Error::<T>::LockTooShort);
		Ok(end)
	}

	/// The voting power of `lock` at block `now`: `amount × blocks left / MaxLockDuration`,
	/// rounded down.
	pub fn lock_power(lock: &Lock, now: BlockNumberFor<T>) -> Balance {
		let end = Self::epoch_start(lock.end).unwrap_or_default();
		let left: u128 = end.saturating_sub(now).saturated_into();
		let max: u128 = T::MaxLockDuration::get().saturated_into();
		usdai_primitives::mul_div(lock.amount, left, max, sp_runtime::Rounding::Down)
			.unwrap_or_default()
	}
}

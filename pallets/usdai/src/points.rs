//! Allo points: USDai holders earn [`USDAI_POINTS_PER_DAY`] and sUSDai holders
//! [`SUSDAI_POINTS_PER_DAY`] points per USDai of value per day.
//!
//! pallet-assets has no transfer hook, so an account's balance is *observed*: by every call of
//! this pallet that touches the account, and by a bounded walk in `on_idle` over all USDai
//! holders, all sUSDai holders, and all accounts with a points record (which catches accounts
//! whose balance fell to zero and so are no longer holders). Between two observations the
//! account earns on the *smaller* of the two balances seen. This never credits tokens that were
//! not held for the whole interval by that account, so moving tokens around cannot multiply
//! points; a holder whose balance only grew earns on the new balance from its next
//! observation. The error is bounded by one walk over the holders. sUSDai is valued at the
//! redemption price at the time of the observation. Protocol accounts (the vault, reserve,
//! escrow and dead-share holder) earn nothing, and neither do shares locked in the queue.

use crate::{pallet::*, vault::mul_div, weights::WeightInfo, PointsRecord, RawKey, WalkPosition};
use frame_support::{pallet_prelude::*, traits::Get};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::Rounding;
use sp_runtime::{
	traits::{UniqueSaturatedInto, Zero},
	Saturating,
};
use usdai_primitives::traits::HolderCursor;

/// Points per USDai held per day.
pub const USDAI_POINTS_PER_DAY: u128 = 5;
/// Points per USDai of sUSDai value held per day.
pub const SUSDAI_POINTS_PER_DAY: u128 = 2;

impl<T: Config> Pallet<T> {
	/// Whether `who` is one of the vault's own accounts (they earn no points).
	fn is_protocol_account(who: &T::AccountId) -> bool {
		*who == Self::vault_account()
			|| *who == Self::reserve_account()
			|| *who == Self::escrow_account()
			|| *who == Self::dead_account()
	}

	/// Points `who` holds, including what it earned since its last observation.
	pub fn points_of(who: &T::AccountId) -> u128 {
		let now = frame_system::Pallet::<T>::block_number();
		match Points::<T>::get(who) {
			Some(rec) => rec.points.saturating_add(Self::earned_since(who, &rec, now)),
			None => 0,
		}
	}

	/// Points earned between `rec.last` and `now` on the smaller balances seen.
	fn earned_since(
		who: &T::AccountId,
		rec: &PointsRecord<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> u128 {
		let blocks: u128 = now.saturating_sub(rec.last).unique_saturated_into();
		if blocks.is_zero() {
			return 0;
		}
		let usdai = rec.usdai.min(Self::balance_of(T::UsdaiAsset::get(), who));
		let shares = rec.susdai.min(Self::balance_of(T::SusdaiAsset::get(), who));
		let share_value =
			if shares.is_zero() { 0 } else { Self::shares_value(shares).unwrap_or(0) };
		let per_day: u128 = T::BlocksPerDay::get().unique_saturated_into();
		let weighted = usdai
			.saturating_mul(USDAI_POINTS_PER_DAY)
			.saturating_add(share_value.saturating_mul(SUSDAI_POINTS_PER_DAY));
		// Points are a reward ledger, not money: saturating at the (astronomical) top is the
		// intended meaning.
		mul_div(weighted, blocks, per_day, Rounding::Down).unwrap_or(u128::MAX)
	}

	/// Observes `who`: credits points earned since the last observation and records the
	/// current balances. Call it before and after changing `who`'s balances.
	pub(crate) fn settle_points(who: &T::AccountId) {
		if Self::is_protocol_account(who) {
			return;
		}
		let now = frame_system::Pallet::<T>::block_number();
		let usdai = Self::balance_of(T::UsdaiAsset::get(), who);
		let susdai = Self::balance_of(T::SusdaiAsset::get(), who);
		let points = match Points::<T>::get(who) {
			Some(rec) => rec.points.saturating_add(Self::earned_since(who, &rec, now)),
			None => 0,
		};
		if points.is_zero() && usdai.is_zero() && susdai.is_zero() {
			Points::<T>::remove(who);
		} else {
			Points::<T>::insert(who, PointsRecord { points, usdai, susdai, last: now });
		}
	}

	/// Visits as many holders as `remaining` weight (and `MaxPointsVisitsPerBlock`) allow,
	/// continuing where the last block stopped. Returns the weight used.
	pub(crate) fn do_points_walk(remaining: Weight) -> Weight {
		let base = T::WeightInfo::points_walk(0);
		let per_visit = T::WeightInfo::points_walk(1).saturating_sub(base);
		if remaining.any_lt(base.saturating_add(per_visit)) {
			return Weight::zero();
		}
		let by_weight = remaining
			.saturating_sub(base)
			.checked_div_per_component(&per_visit)
			.unwrap_or(u64::MAX);
		let max = T::MaxPointsVisitsPerBlock::get().min(by_weight.unique_saturated_into());
		if max.is_zero() {
			return Weight::zero();
		}

		let usdai = T::UsdaiAsset::get();
		let position = PointsCursor::<T>::get()
			.unwrap_or(WalkPosition::Holders { asset: usdai, cursor: None });
		// Collect the accounts first: observing them changes the records map.
		let (accounts, next) = match position {
			WalkPosition::Holders { asset, cursor } => {
				let (holders, next) = T::Holders::next_holders(asset, cursor, max);
				let next = match next {
					Some(cursor) => WalkPosition::Holders { asset, cursor: Some(cursor) },
					None if asset == usdai => {
						WalkPosition::Holders { asset: T::SusdaiAsset::get(), cursor: None }
					},
					None => WalkPosition::Records(None),
				};
				(holders, next)
			},
			WalkPosition::Records(last) => {
				let mut keys = match last {
					Some(key) => Points::<T>::iter_keys_from(key.into_inner()),
					None => Points::<T>::iter_keys(),
				};
				let mut accounts = alloc::vec::Vec::new();
				while accounts.len() < max as usize {
					match keys.next() {
						Some(who) => accounts.push(who),
						None => break,
					}
				}
				let next = if accounts.len() < max as usize {
					WalkPosition::Holders { asset: usdai, cursor: None }
				} else {
					match RawKey::try_from(keys.last_raw_key().to_vec()) {
						Ok(key) => WalkPosition::Records(Some(key)),
						// Cannot happen (keys are 64 bytes); restart rather than get stuck.
						Err(_) => WalkPosition::Holders { asset: usdai, cursor: None },
					}
				};
				(accounts, next)
			},
		};
		let visited = accounts.len() as u32;
		for who in accounts.iter() {
			Self::settle_points(who);
		}
		PointsCursor::<T>::put(next);
		T::WeightInfo::points_walk(visited)
	}
}

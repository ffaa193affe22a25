//! Allo points: USDai holders earn [`USDAI_POINTS_PER_DAY`] and sUSDai holders
//! [`SUSDAI_POINTS_PER_DAY`] points per USDai of value per day.
//!
//! Each block earns on the balances an account held at the end of the block before. An
//! account's `Points` record holds its balances at its last observation, and between two
//! observations it earns `record × blocks`. That is exact as long as every account whose balance
//! changed in a block is observed at the end of that block: `points_tracker` sees to it (debits
//! through pallet-assets' `Freezer` hook, receivers through the block's transfer events, both
//! settled in `on_finalize`). Observations in the middle of a block (this pallet's own calls,
//! the walk over holders in `on_idle`) credit the blocks before it and keep the account's
//! `pending` mark, so that the balances it ends the block with are recorded too.
//!
//! An account observed without a known change since its last observation earns on the
//! *smaller* of its recorded and current balances: a safety net, equal to the record when
//! nothing was missed, that never credits tokens it did not hold if a debit ever went unseen.
//! sUSDai is valued at the redemption price at the time of the observation. Protocol accounts
//! (the vault, reserve and escrow, which holds the dead shares) earn nothing, and neither do
//! shares locked in the queue.

use crate::{pallet::*, shares::mul_div, weights::WeightInfo, PointsRecord, RawKey, WalkPosition};
use frame_support::{pallet_prelude::*, traits::Get, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::Rounding;
use sp_runtime::{
	traits::{UniqueSaturatedInto, Zero},
	Saturating,
};
use usdai_primitives::{holders::HolderCursor, Balance};

/// Points per USDai held per day.
pub const USDAI_POINTS_PER_DAY: u128 = 5;
/// Points per USDai of sUSDai value held per day.
pub const SUSDAI_POINTS_PER_DAY: u128 = 2;

/// The redemption value of sUSDai as `(redemption NAV, share supply)`; `None` before the first
/// stake (or if the NAV cannot be read: shares then earn nothing, never too much).
pub(crate) type ShareRate = Option<(Balance, Balance)>;

impl<T: Config> Pallet<T> {
	/// Whether `who` is one of the vault's own accounts (they earn no points).
	pub(crate) fn is_protocol_account(who: &T::AccountId) -> bool {
		*who == Self::vault_account()
			|| *who == Self::reserve_account()
			|| *who == Self::escrow_account()
	}

	/// The current redemption value of sUSDai, for valuing shares in points.
	pub(crate) fn share_rate() -> ShareRate {
		let supply = Self::total_shares();
		if supply.is_zero() {
			return None;
		}
		Self::redemption_nav().ok().map(|nav| (nav, supply))
	}

	/// Points `who` holds, including what it earned since its last observation.
	pub fn points_of(who: &T::AccountId) -> u128 {
		let now = frame_system::Pallet::<T>::block_number();
		match Points::<T>::get(who) {
			Some(rec) => {
				let held = Self::held_since(&rec, || Self::balances(who));
				rec.points.saturating_add(Self::earned(held, rec.last, now, Self::share_rate()))
			},
			None => 0,
		}
	}

	/// `who`'s USDai and sUSDai balances.
	fn balances(who: &T::AccountId) -> (Balance, Balance) {
		(Self::balance_of(T::UsdaiAsset::get(), who), Self::balance_of(T::SusdaiAsset::get(), who))
	}

	/// The USDai and sUSDai `rec`'s account is credited with holding since `rec.last`: the
	/// record itself when its balance changed in this block (`pending`: every earlier change was
	/// settled at the end of its block), else the smaller of the record and `current()`.
	fn held_since(
		rec: &PointsRecord<BlockNumberFor<T>>,
		current: impl FnOnce() -> (Balance, Balance),
	) -> (Balance, Balance) {
		if rec.pending || (rec.usdai.is_zero() && rec.susdai.is_zero()) {
			return (rec.usdai, rec.susdai);
		}
		let (usdai, susdai) = current();
		(rec.usdai.min(usdai), rec.susdai.min(susdai))
	}

	/// Points that `held` (USDai, sUSDai) earns over the blocks after `from` up to `to`.
	fn earned(
		(usdai, shares): (Balance, Balance),
		from: BlockNumberFor<T>,
		to: BlockNumberFor<T>,
		rate: ShareRate,
	) -> u128 {
		let blocks: u128 = to.saturating_sub(from).unique_saturated_into();
		if blocks.is_zero() {
			return 0;
		}
		let share_value = match rate {
			Some((nav, supply)) if !shares.is_zero() => {
				mul_div(shares, nav, supply, Rounding::Down).unwrap_or(0)
			},
			_ => 0,
		};
		let per_day: u128 = T::BlocksPerDay::get().unique_saturated_into();
		let weighted = usdai
			.saturating_mul(USDAI_POINTS_PER_DAY)
			.saturating_add(share_value.saturating_mul(SUSDAI_POINTS_PER_DAY));
		// Points are a reward ledger, not money: saturating at the (astronomical) top is the
		// intended meaning.
		mul_div(weighted, blocks, per_day, Rounding::Down).unwrap_or(u128::MAX)
	}

	/// Observes `who` at block `at`: credits the points earned since its last observation and
	/// records its balances now. `end`: this is the end of the block (`on_finalize`, or the next
	/// block's `on_initialize` for balances that changed after it), so the `pending` mark is
	/// cleared; in the middle of a block it is kept.
	pub(crate) fn observe(who: &T::AccountId, at: BlockNumberFor<T>, end: bool, rate: ShareRate) {
		let (usdai, susdai) = Self::balances(who);
		let (points, last, pending) = match Points::<T>::get(who) {
			Some(rec) => {
				let held = Self::held_since(&rec, || (usdai, susdai));
				let earned = Self::earned(held, rec.last, at, rate);
				(rec.points.saturating_add(earned), rec.last.max(at), rec.pending && !end)
			},
			None => (0, at, false),
		};
		if points.is_zero() && usdai.is_zero() && susdai.is_zero() && !pending {
			Points::<T>::remove(who);
		} else {
			Points::<T>::insert(who, PointsRecord { points, usdai, susdai, last, pending });
		}
	}

	/// Observes `who` in the middle of the block. This pallet's calls do it before and after
	/// changing `who`'s balances.
	pub(crate) fn settle_points(who: &T::AccountId) {
		if Self::is_protocol_account(who) {
			return;
		}
		let now = frame_system::Pallet::<T>::block_number();
		Self::observe(who, now, false, Self::share_rate());
	}

	/// Visits as many holders as `remaining` weight (and `MaxPointsVisitsPerBlock`) allow,
	/// continuing where the last block stopped. Returns the weight used.
	pub(crate) fn do_points_walk(remaining: Weight) -> Weight {
		let mut meter = WeightMeter::with_limit(remaining);
		let base = T::WeightInfo::points_walk(0);
		let per_visit = T::WeightInfo::points_walk(1).saturating_sub(base);
		// Not even one visit fits: nothing is done.
		if !meter.can_consume(base.saturating_add(per_visit)) {
			return meter.consumed();
		}
		let by_weight = meter
			.remaining()
			.saturating_sub(base)
			.checked_div_per_component(&per_visit)
			.unwrap_or(u64::MAX);
		let max = T::MaxPointsVisitsPerBlock::get().min(by_weight.unique_saturated_into());
		if max.is_zero() {
			return meter.consumed();
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
		let now = frame_system::Pallet::<T>::block_number();
		let rate = Self::share_rate();
		for who in accounts.iter().filter(|who| !Self::is_protocol_account(who)) {
			Self::observe(who, now, false, rate);
		}
		PointsCursor::<T>::put(next);
		// `visited <= max` visits fit in the limit, `points_walk` being linear in them.
		meter.consume(T::WeightInfo::points_walk(visited));
		meter.consumed()
	}
}

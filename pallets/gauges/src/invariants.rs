//! Invariants of the gauges, checked by `try_state` (and after every unit test).

use crate::{epochs::PositionOf, pallet::*, types::*};
use alloc::{
	collections::{btree_map::BTreeMap, btree_set::BTreeSet},
	vec::Vec,
};
use frame_support::traits::{fungible::InspectHold, fungibles::Inspect, Get};
use sp_runtime::{Perbill, Rounding, TryRuntimeError};
use usdai_primitives::{mul_div, AssetId, Balance, StackId};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the gauges.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let accounts: BTreeSet<T::AccountId> =
			History::<T>::iter_keys().map(|(who, _)| who).collect();
		Self::check_locks(&accounts)?;
		Self::check_aggregates(&accounts)?;
		Self::check_tallies()?;
		Self::check_pots(&accounts)?;
		Self::check_capacity_rules()?;
		Ok(())
	}

	/// The quorum and the bound on one stack's share are positive: a zero quorum would let any
	/// vote decide the vault's lending, a zero share would stop it.
	fn check_capacity_rules() -> Result<(), TryRuntimeError> {
		if CapacityQuorum::<T>::get() == 0 {
			return Err("zero capacity quorum".into());
		}
		if MaxStackShare::<T>::get().is_zero() {
			return Err("zero max stack share".into());
		}
		Ok(())
	}

	/// Total locked is the sum of the locks; each account's held CHIP is its locks' sum.
	fn check_locks(accounts: &BTreeSet<T::AccountId>) -> Result<(), TryRuntimeError> {
		let mut total: Balance = 0;
		for who in accounts {
			let (_, position) = Self::latest_position(who).ok_or("account without position")?;
			let locked = position.locked().ok_or("locked overflows")?;
			let held = T::NativeBalance::balance_on_hold(&HoldReason::Lock.into(), who);
			if held != locked {
				return Err("CHIP held differs from the account's locks".into());
			}
			total = total.checked_add(locked).ok_or("total locked overflows")?;
			let mut stacks = BTreeSet::new();
			let mut shares: u64 = 0;
			for (stack, share) in position.votes.iter() {
				if !stacks.insert(*stack) {
					return Err("a stack voted twice".into());
				}
				shares = shares.saturating_add(u64::from(share.deconstruct()));
			}
			if shares > u64::from(<Perbill as sp_runtime::PerThing>::ACCURACY) {
				return Err("votes above 100%".into());
			}
		}
		if total != TotalLocked::<T>::get() {
			return Err("total locked differs from the sum of the locks".into());
		}
		Ok(())
	}

	/// The next epoch's aggregates (gauge points, global point, scheduled slope changes) equal
	/// the sums over the accounts' current positions.
	fn check_aggregates(accounts: &BTreeSet<T::AccountId>) -> Result<(), TryRuntimeError> {
		let next = LastTallied::<T>::get().checked_add(1).ok_or("epoch overflows")?;
		let mut global = Point::default();
		let mut global_ends: BTreeMap<EpochIndex, Balance> = BTreeMap::new();
		let mut gauges: BTreeMap<StackId, Point> = BTreeMap::new();
		let mut gauge_ends: BTreeMap<(StackId, EpochIndex), Balance> = BTreeMap::new();
		let add = |a: &mut u128, b: u128| -> Result<(), TryRuntimeError> {
			*a = a.checked_add(b).ok_or("aggregate overflows")?;
			Ok(())
		};
		for who in accounts {
			let (_, position): (_, PositionOf<T>) =
				Self::latest_position(who).ok_or("account without position")?;
			for lock in position.locks.iter().filter(|l| l.end > next) {
				add(&mut global.bias, lock.power_at(next).ok_or("power overflows")?)?;
				add(&mut global.slope, lock.amount)?;
				add(global_ends.entry(lock.end).or_default(), lock.amount)?;
				for (stack, share) in position.votes.iter() {
					let scaled = Lock { amount: share.mul_floor(lock.amount), end: lock.end };
					let point = gauges.entry(*stack).or_default();
					add(&mut point.bias, scaled.power_at(next).ok_or("power overflows")?)?;
					add(&mut point.slope, scaled.amount)?;
					add(gauge_ends.entry((*stack, lock.end)).or_default(), scaled.amount)?;
				}
			}
		}
		if GlobalPoint::<T>::get() != global {
			return Err("global point differs from the locks".into());
		}
		let stored: BTreeMap<EpochIndex, Balance> = GlobalSlopeChanges::<T>::iter().collect();
		global_ends.retain(|_, v| *v > 0);
		if stored != global_ends {
			return Err("global slope changes differ from the locks".into());
		}
		gauges.retain(|_, p| !p.is_zero());
		let stored: BTreeMap<StackId, Point> = GaugePoints::<T>::iter().collect();
		if stored != gauges {
			return Err("gauge points differ from the votes".into());
		}
		gauge_ends.retain(|_, v| *v > 0);
		let stored: BTreeMap<(StackId, EpochIndex), Balance> =
			GaugeSlopeChanges::<T>::iter().map(|(s, e, v)| ((s, e), v)).collect();
		if stored != gauge_ends {
			return Err("gauge slope changes differ from the votes".into());
		}
		let listed = ActiveGauges::<T>::get();
		let unique: BTreeSet<StackId> = listed.iter().copied().collect();
		if unique.len() != listed.len() {
			return Err("a gauge listed twice".into());
		}
		if gauges.keys().any(|s| !unique.contains(s)) {
			return Err("a gauge with votes is not listed".into());
		}
		Ok(())
	}

	/// An epoch's voted power is the sum of its gauge weights; nothing is tallied ahead.
	fn check_tallies() -> Result<(), TryRuntimeError> {
		let last = LastTallied::<T>::get();
		let mut sums: BTreeMap<EpochIndex, u128> = BTreeMap::new();
		for (e, _, weight) in GaugeWeights::<T>::iter() {
			if e > last {
				return Err("weights of an epoch not tallied".into());
			}
			let sum = sums.entry(e).or_default();
			*sum = sum.checked_add(weight).ok_or("weights overflow")?;
		}
		let stored: BTreeMap<EpochIndex, u128> = VotedPower::<T>::iter().collect();
		if stored != sums {
			return Err("voted power differs from the sum of the gauge weights".into());
		}
		Ok(())
	}

	/// Every bribe and fee pot covers what its claimants are still owed: the voters' (lockers')
	/// powers add up to the weight (total) their shares are taken of, claims never exceed the
	/// pot, and the pallet's account holds every pot's unclaimed rest and, beyond it, each
	/// asset's anchor.
	fn check_pots(accounts: &BTreeSet<T::AccountId>) -> Result<(), TryRuntimeError> {
		let last = LastTallied::<T>::get();
		let mut owed: BTreeMap<AssetId, Balance> = BTreeMap::new();
		let mut contributions: BTreeMap<(EpochIndex, StackId, AssetId), Balance> = BTreeMap::new();
		for ((e, s, asset, _), amount) in BribeContributions::<T>::iter() {
			let c = contributions.entry((e, s, asset)).or_default();
			*c = c.checked_add(amount).ok_or("contributions overflow")?;
		}
		for (e, stack, pots) in BribePots::<T>::iter() {
			for pot in pots.iter() {
				if contributions.remove(&(e, stack, pot.asset)) != Some(pot.amount) {
					return Err("bribe pot differs from its contributions".into());
				}
				let rest = pot.amount.checked_sub(pot.claimed).ok_or("bribe pot over-claimed")?;
				let o = owed.entry(pot.asset).or_default();
				*o = o.checked_add(rest).ok_or("owed overflows")?;
			}
			if e > last {
				if pots.iter().any(|p| p.claimed > 0) {
					return Err("claims on an epoch not tallied".into());
				}
				continue;
			}
			let weight = GaugeWeights::<T>::get(e, stack);
			let mut powers: u128 = 0;
			let mut unclaimed: Vec<u128> = Vec::new();
			for who in accounts {
				let power = Self::position_at(who, e)
					.map(|p| p.vote_power_at(stack, e).ok_or("power overflows"))
					.transpose()?
					.unwrap_or_default();
				powers = powers.checked_add(power).ok_or("powers overflow")?;
				if !BribeClaims::<T>::contains_key((e, stack, who)) {
					unclaimed.push(power);
				}
			}
			if powers != weight {
				return Err("voters' powers differ from the gauge weight".into());
			}
			for pot in pots.iter() {
				let mut entitled: Balance = 0;
				for power in &unclaimed {
					let share = mul_div(pot.amount, *power, weight.max(1), Rounding::Down)
						.map_err(|_| "share overflows")?;
					entitled = entitled.checked_add(share).ok_or("entitlements overflow")?;
				}
				if pot.amount.saturating_sub(pot.claimed) < entitled {
					return Err("bribe pot below the unclaimed entitlements".into());
				}
			}
		}
		if contributions.values().any(|c| *c > 0) {
			return Err("contributions without a pot".into());
		}
		for (e, pot) in EpochFees::<T>::iter() {
			if e > last {
				return Err("fees of an epoch not tallied".into());
			}
			let total = TotalPower::<T>::get(e);
			let mut powers: u128 = 0;
			let mut entitled: Balance = 0;
			for who in accounts {
				let power = Self::position_at(who, e)
					.map(|p| p.power_at(e).ok_or("power overflows"))
					.transpose()?
					.unwrap_or_default();
				powers = powers.checked_add(power).ok_or("powers overflow")?;
				if FeeCursor::<T>::get(who).is_some_and(|from| from <= e) {
					let share = mul_div(pot.amount, power, total.max(1), Rounding::Down)
						.map_err(|_| "share overflows")?;
					entitled = entitled.checked_add(share).ok_or("entitlements overflow")?;
				}
			}
			if powers != total {
				return Err("lockers' powers differ from the total power".into());
			}
			let rest = pot.amount.checked_sub(pot.claimed).ok_or("fee pot over-claimed")?;
			if rest < entitled {
				return Err("fee pot below the unclaimed entitlements".into());
			}
			let o = owed.entry(T::FeeAsset::get()).or_default();
			*o = o.checked_add(rest).ok_or("owed overflows")?;
		}
		let account = Self::account_id();
		for (asset, amount) in &owed {
			if T::Assets::balance(*asset, &account) < *amount {
				return Err("pallet account holds less than the unclaimed pots".into());
			}
		}
		// Beyond the pots, each asset's anchor: payouts never reap the account under them.
		for (asset, anchor) in Anchors::<T>::iter() {
			let pots = owed.get(&asset).copied().unwrap_or_default();
			let needed = pots.checked_add(anchor).ok_or("anchor overflows")?;
			if T::Assets::balance(asset, &account) < needed {
				return Err(
					"pallet account holds less than the unclaimed pots and its anchor".into()
				);
			}
		}
		Ok(())
	}
}

//! Benchmarks of the gauges' calls and of the epoch tally (frame-benchmarking v2), against the
//! stacks and assets the runtime's [`BenchmarkHelper`] prepares and the vault that
//! `Config::VaultBenchmarkHelper` prepares. Each call is measured in its worst case: the caller
//! at `MaxLocksPerAccount` locks and `MaxVotes` votes, so that a change of position moves the
//! most aggregates.

use super::*;
use crate::BenchmarkHelper;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as _, EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::Saturating, Perbill};
use usdai_primitives::{chip, vault::VaultBenchmarkHelper, Balance, StackId};

/// CHIP per lock.
const LOCK: Balance = 1_000 * chip::UNIT;
/// Fees the fee source hands over at an epoch boundary: a dollar of USDai (above any minimum
/// balance, so that the pallet's account can receive it).
const FEES: Balance = 1_000_000_000_000_000_000;

/// Runs the hook at each epoch start until epoch `e` is tallied.
fn run_to_epoch<T: Config>(e: EpochIndex) {
	while LastTallied::<T>::get() < e {
		let next = LastTallied::<T>::get().saturating_add(1);
		let start = Pallet::<T>::epoch_start(next).expect("epoch start");
		frame_system::Pallet::<T>::set_block_number(start);
		Pallet::<T>::on_initialize(start);
	}
}

/// The `n` stacks `offset..offset + n`.
fn stacks<T: Config>(offset: u32, n: u32) -> Vec<StackId> {
	(offset..offset.saturating_add(n)).map(T::BenchmarkHelper::stack).collect()
}

/// Equal votes over `stacks` (100% in all).
fn votes_over<T: Config>(stacks: &[StackId]) -> BoundedVec<Vote, T::MaxVotes> {
	let share = Perbill::from_rational(1u32, stacks.len().max(1) as u32);
	stacks.iter().map(|s| (*s, share)).collect::<Vec<_>>().try_into().expect("within MaxVotes")
}

/// An account with `locks` locks of the longest length voting over `stacks`.
fn locker<T: Config>(name: &'static str, i: u32, locks: u32, stacks: &[StackId]) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let needed = LOCK.saturating_mul(Balance::from(locks).saturating_add(2));
	T::NativeBalance::set_balance(&who, needed);
	for _ in 0..locks {
		Pallet::<T>::do_lock(who.clone(), LOCK, T::MaxLockDuration::get()).expect("locks");
	}
	if !stacks.is_empty() {
		Pallet::<T>::do_vote(who.clone(), votes_over::<T>(stacks)).expect("votes");
	}
	who
}

/// An account with `locks` locks ending in distinct epochs (the longest lock, then each one
/// epoch shorter) voting over `stacks`: each lock and vote has a slope change of its own, the
/// most aggregates a change of position can move.
fn staggered_locker<T: Config>(
	name: &'static str,
	i: u32,
	locks: u32,
	stacks: &[StackId],
) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	let needed = LOCK.saturating_mul(Balance::from(locks).saturating_add(2));
	T::NativeBalance::set_balance(&who, needed);
	for k in 0..locks {
		let shorter = T::EpochLength::get().saturating_mul(k.into());
		let duration = T::MaxLockDuration::get().saturating_sub(shorter);
		Pallet::<T>::do_lock(who.clone(), LOCK, duration).expect("locks");
	}
	let ends: alloc::collections::btree_set::BTreeSet<EpochIndex> =
		Pallet::<T>::locker(&who).locks.iter().map(|l| l.end).collect();
	assert_eq!(ends.len() as u32, locks, "the locks end in distinct epochs");
	if !stacks.is_empty() {
		Pallet::<T>::do_vote(who.clone(), votes_over::<T>(stacks)).expect("votes");
	}
	who
}

/// A voter for stack `stack` with a bribe of each of `assets` assets on it for the next epoch,
/// tallied: the state `claim_bribes` runs in.
fn bribed<T: Config>(stack: StackId, assets: u32) -> (T::AccountId, EpochIndex) {
	let voter = locker::<T>("voter", 0, T::MaxLocksPerAccount::get(), &[stack]);
	let briber: T::AccountId = account("briber", 0, 0);
	let epoch = Pallet::<T>::current_epoch().saturating_add(1);
	for i in 0..assets {
		let asset = T::BenchmarkHelper::bribe_asset(i, &briber, 1_000_000);
		Pallet::<T>::do_add_bribe(briber.clone(), stack, epoch, asset, 1_000_000).expect("bribes");
	}
	run_to_epoch::<T>(epoch);
	(voter, epoch)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn lock() {
		let max_votes = T::MaxVotes::get();
		let who = locker::<T>(
			"locker",
			0,
			T::MaxLocksPerAccount::get().saturating_sub(1),
			&stacks::<T>(0, max_votes),
		);
		let duration: BlockNumberFor<T> = T::MaxLockDuration::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), LOCK, duration);
		assert_eq!(Pallet::<T>::locker(&who).locks.len() as u32, T::MaxLocksPerAccount::get());
	}

	#[benchmark]
	fn extend_lock() {
		let who = locker::<T>(
			"locker",
			0,
			T::MaxLocksPerAccount::get(),
			&stacks::<T>(0, T::MaxVotes::get()),
		);
		// One epoch later the locks can be pushed out by one epoch.
		run_to_epoch::<T>(Pallet::<T>::current_epoch().saturating_add(1));
		let duration: BlockNumberFor<T> = T::MaxLockDuration::get();
		let before = Pallet::<T>::locker(&who).locks[0].end;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), 0, duration);
		assert!(Pallet::<T>::locker(&who).locks[0].end > before);
	}

	#[benchmark]
	fn unlock() {
		let who = locker::<T>(
			"locker",
			0,
			T::MaxLocksPerAccount::get(),
			&stacks::<T>(0, T::MaxVotes::get()),
		);
		let end = Pallet::<T>::locker(&who).locks[0].end;
		run_to_epoch::<T>(end);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Pallet::<T>::locker(&who).locks.is_empty());
	}

	/// Replacing `MaxVotes` votes with `v` others, the caller at `MaxLocksPerAccount` locks
	/// ending in distinct epochs: the old and the new votes move one slope change per lock and
	/// stack, `(MaxVotes + v) × MaxLocksPerAccount` of them. Other voters fill the gauge list
	/// but for the new stacks, which are pushed onto it.
	#[benchmark]
	fn vote(v: Linear<0, { T::MaxVotes::get() }>) {
		let max_votes = T::MaxVotes::get();
		let max_gauges = T::MaxGauges::get();
		let who = staggered_locker::<T>(
			"locker",
			0,
			T::MaxLocksPerAccount::get(),
			&stacks::<T>(0, max_votes),
		);
		// New stacks where the gauge bound leaves room, else the same stacks re-weighted.
		let fresh = max_gauges >= max_votes.saturating_add(v);
		let offset = if fresh { max_votes } else { 0 };
		if fresh {
			let first = max_votes.saturating_add(v);
			let others = stacks::<T>(first, max_gauges.saturating_sub(first));
			for (i, chunk) in others.chunks(max_votes.max(1) as usize).enumerate() {
				locker::<T>("filler", i as u32, 1, chunk);
			}
		}
		let mut votes = votes_over::<T>(&stacks::<T>(offset, v));
		if let Some(first) = votes.get_mut(0) {
			first.1 = first.1.saturating_sub(Perbill::from_parts(1));
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), votes.clone());
		assert_eq!(Pallet::<T>::locker(&who).votes, votes.into_inner());
		if fresh {
			assert_eq!(ActiveGauges::<T>::get().len() as u32, max_gauges);
		}
	}

	/// The first bribe of USDai, whose minimum balance is above one base unit in the runtime:
	/// it also pays the account's anchor (`Gauges::Anchors` written).
	#[benchmark]
	fn add_bribe() {
		let stack = T::BenchmarkHelper::stack(0);
		let briber: T::AccountId = account("briber", 0, 0);
		let asset = T::FeeAsset::get();
		T::NativeBalance::mint_into(&briber, 10 * chip::UNIT).expect("CHIP minted");
		T::VaultBenchmarkHelper::fund_usdai(&briber, 2 * chip::UNIT);
		let epoch = Pallet::<T>::current_epoch().saturating_add(T::MaxBribeLead::get());
		// Other assets fill the pot list but one slot, so the new bribe is pushed last.
		let other: T::AccountId = account("briber", 1, 0);
		for i in 1..T::MaxBribeAssets::get() {
			let a = T::BenchmarkHelper::bribe_asset(i, &other, 1_000_000);
			Pallet::<T>::do_add_bribe(other.clone(), stack, epoch, a, 1_000_000).expect("bribes");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(briber), stack, epoch, asset, chip::UNIT);
		assert_eq!(BribePots::<T>::get(epoch, stack).len() as u32, T::MaxBribeAssets::get());
	}

	/// Claiming from `b` bribe pots.
	#[benchmark]
	fn claim_bribes(b: Linear<1, { T::MaxBribeAssets::get() }>) {
		let stack = T::BenchmarkHelper::stack(0);
		let (voter, epoch) = bribed::<T>(stack, b);
		#[extrinsic_call]
		_(RawOrigin::Signed(voter.clone()), epoch, stack);
		assert!(BribeClaims::<T>::contains_key((epoch, stack, &voter)));
	}

	#[benchmark]
	fn reclaim_bribe() {
		let stack = T::BenchmarkHelper::stack(0);
		let briber: T::AccountId = account("briber", 0, 0);
		let asset = T::BenchmarkHelper::bribe_asset(0, &briber, 1_000_000);
		let epoch = Pallet::<T>::current_epoch().saturating_add(1);
		Pallet::<T>::do_add_bribe(briber.clone(), stack, epoch, asset, 1_000_000).expect("bribes");
		// Someone votes for another stack, so the tally runs in full.
		locker::<T>("voter", 0, 1, &[T::BenchmarkHelper::stack(1)]);
		run_to_epoch::<T>(epoch);
		#[extrinsic_call]
		_(RawOrigin::Signed(briber.clone()), epoch, stack, asset);
		assert_eq!(BribeContributions::<T>::get((epoch, stack, asset, &briber)), 0);
	}

	/// Claiming the fee share of `e` epochs, each with fees.
	#[benchmark]
	fn claim_fees(e: Linear<1, { T::MaxClaimEpochs::get() }>) {
		let who = locker::<T>("locker", 0, T::MaxLocksPerAccount::get(), &[]);
		let first = Pallet::<T>::current_epoch().saturating_add(1);
		for i in 0..e {
			T::VaultBenchmarkHelper::accrue_locker_fees(FEES);
			run_to_epoch::<T>(first.saturating_add(i));
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert_eq!(FeeCursor::<T>::get(&who), Some(first.saturating_add(e)));
	}

	#[benchmark]
	fn backstop() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		T::VaultBenchmarkHelper::set_uncovered_loss(1_000 * chip::UNIT);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 100 * chip::UNIT, chip::UNIT);
		assert!(Backstop::<T>::get().is_some());
		Ok(())
	}

	#[benchmark]
	fn buy_backstop() {
		T::VaultBenchmarkHelper::set_uncovered_loss(1_000 * chip::UNIT);
		Pallet::<T>::do_backstop(100 * chip::UNIT, chip::UNIT).expect("opens");
		let buyer: T::AccountId = account("buyer", 0, 0);
		T::NativeBalance::mint_into(&buyer, 10 * chip::UNIT).expect("CHIP minted");
		T::VaultBenchmarkHelper::fund_usdai(&buyer, 1_000 * chip::UNIT);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), 10 * chip::UNIT);
		assert_eq!(Backstop::<T>::get().map(|s| s.raised), Some(10 * chip::UNIT));
	}

	#[benchmark]
	fn cancel_backstop() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		T::VaultBenchmarkHelper::set_uncovered_loss(1_000 * chip::UNIT);
		Pallet::<T>::do_backstop(100 * chip::UNIT, chip::UNIT).expect("opens");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);
		assert!(Backstop::<T>::get().is_none());
		Ok(())
	}

	#[benchmark]
	fn set_capacity_quorum() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1_000 * chip::UNIT);
		assert_eq!(CapacityQuorum::<T>::get(), 1_000 * chip::UNIT);
		Ok(())
	}

	#[benchmark]
	fn set_max_stack_share() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_percent(20));
		assert_eq!(MaxStackShare::<T>::get(), Perbill::from_percent(20));
		Ok(())
	}

	/// The tally of an epoch with `g` gauges (every one with a slope change due, and the
	/// global one too) and fees to take.
	#[benchmark]
	fn tally(g: Linear<0, { T::MaxGauges::get() }>) {
		let max_votes = T::MaxVotes::get().max(1);
		let all = stacks::<T>(0, g);
		for (i, chunk) in all.chunks(max_votes as usize).enumerate() {
			// Locks of two epochs end at the boundary after the tallied epoch's, the slope
			// changes the tally takes.
			let who = locker::<T>("voter", i as u32, 1, chunk);
			let short: BlockNumberFor<T> = T::EpochLength::get().saturating_mul(2u32.into());
			Pallet::<T>::do_lock(who, LOCK, short).expect("locks");
		}
		// A plain locker, so that the tally and the fee share run even without gauges.
		locker::<T>("locker", 0, 1, &[]);
		T::VaultBenchmarkHelper::accrue_locker_fees(FEES);
		let next = Pallet::<T>::current_epoch().saturating_add(1);
		let start = Pallet::<T>::epoch_start(next).expect("epoch start");
		frame_system::Pallet::<T>::set_block_number(start);
		let following = next.saturating_add(1);
		assert!(all.iter().all(|s| GaugeSlopeChanges::<T>::get(*s, following) > 0));
		#[block]
		{
			Pallet::<T>::on_initialize(start);
		}
		assert_eq!(LastTallied::<T>::get(), next);
		assert!(EpochFees::<T>::get(next).is_some());
		for stack in all {
			assert_eq!(GaugeSlopeChanges::<T>::get(stack, following), 0, "slope change taken");
		}
	}

	/// `on_initialize` inside an epoch already tallied.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number();
		run_to_epoch::<T>(Pallet::<T>::epoch_of(now));
		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
	}

	/// The benchmarks whose worst case grows with the bounds, run at the runtime's bounds (the
	/// suite below runs every benchmark at the mock's small ones).
	#[cfg(test)]
	mod at_the_runtime_bounds {
		use super::*;
		use crate::mock::{ExtBuilder, Test};

		#[test]
		fn vote_and_tally_run_at_the_runtime_bounds() {
			ExtBuilder::default().runtime_bounds().build().execute_with(|| {
				assert_eq!(<Test as Config>::MaxGauges::get(), 128);
				Pallet::<Test>::test_benchmark_vote().expect("vote runs");
				Pallet::<Test>::test_benchmark_tally().expect("tally runs");
			});
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

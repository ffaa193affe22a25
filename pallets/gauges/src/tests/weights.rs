//! The weights against the storage the calls really touch. Each test drives a call (or the
//! hook) in its worst case at the runtime's bounds, counts the distinct keys it reads and
//! writes as the benchmarks' database tracker does (a key's first access; whitelisted keys
//! aside), and checks that the database part of the weight charged covers them at
//! `RocksDbWeight`.

use crate::{mock::*, weights::SubstrateWeight, *};
use frame_support::{
	assert_ok,
	traits::{Get, Hooks, WhitelistedStorageKeys},
	BoundedVec,
};
use sp_runtime::Perbill;
use std::collections::BTreeSet;
use usdai_test_support::assert_covered;

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	usdai_test_support::count_accesses(AllPalletsWithSystem::whitelisted_storage_keys(), f)
}

fn max_locks() -> u32 {
	<Test as Config>::MaxLocksPerAccount::get()
}

fn max_votes() -> u32 {
	<Test as Config>::MaxVotes::get()
}

/// Equal votes over stacks `first..first + n`.
fn votes_over(first: StackId, n: u32) -> BoundedVec<Vote, <Test as Config>::MaxVotes> {
	let share = Perbill::from_rational(1, n.max(1));
	(first..first + n).map(|s| (s, share)).collect::<Vec<_>>().try_into().unwrap()
}

/// `who` takes `locks` locks ending in distinct epochs (the longest, then each one epoch
/// shorter) and votes over stacks `1..=votes`.
fn staggered(who: AccountId, locks: u32, votes: u32) {
	for k in 0..u64::from(locks) {
		lock(who, 1_000, MAX_LOCK - k * EPOCH);
	}
	let ends: BTreeSet<_> = Gauges::locker(&who).locks.iter().map(|l| l.end).collect();
	assert_eq!(ends.len() as u32, locks, "the locks end in distinct epochs");
	if votes > 0 {
		assert_ok!(Gauges::vote(RuntimeOrigin::signed(who), votes_over(1, votes)));
	}
}

#[test]
fn a_vote_never_touches_more_storage_than_it_pays_for() {
	for v in [0, 1, 8, 16] {
		ExtBuilder::default().runtime_bounds().build_and_execute(|| {
			assert_eq!((max_locks(), max_votes()), (8, 16));
			staggered(ALICE, max_locks(), max_votes());
			// Fresh stacks: every old and every new vote moves one slope change per lock.
			let votes = votes_over(max_votes() + 1, v);
			let (result, reads, writes) =
				count_accesses(|| Gauges::vote(RuntimeOrigin::signed(ALICE), votes));
			assert_ok!(result);
			assert!(writes >= u64::from((max_votes() + v) * max_locks()), "the worst case");
			assert_covered(
				&format!("vote({v})"),
				reads,
				writes,
				<() as WeightInfo>::vote(v),
				SubstrateWeight::<Test>::vote(v),
			);
		});
	}
}

#[test]
fn a_lock_or_an_extension_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		staggered(ALICE, max_locks() - 1, max_votes());
		// The new lock ends in an epoch of its own.
		let (result, reads, writes) = count_accesses(|| {
			Gauges::lock(RuntimeOrigin::signed(ALICE), 1_000, MAX_LOCK - 8 * EPOCH)
		});
		assert_ok!(result);
		assert_covered(
			"lock",
			reads,
			writes,
			<() as WeightInfo>::lock(),
			SubstrateWeight::<Test>::lock(),
		);
	});
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		staggered(ALICE, max_locks(), max_votes());
		run_to_epoch(1);
		// The shortest lock moves out to an epoch no other lock ends in.
		let index = max_locks() - 1;
		let (result, reads, writes) =
			count_accesses(|| Gauges::extend_lock(RuntimeOrigin::signed(ALICE), index, MAX_LOCK));
		assert_ok!(result);
		assert_covered(
			"extend_lock",
			reads,
			writes,
			<() as WeightInfo>::extend_lock(),
			SubstrateWeight::<Test>::extend_lock(),
		);
	});
}

#[test]
fn the_tally_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let gauges = <Test as Config>::MaxGauges::get();
		assert!(gauges <= STACKS);
		// Voters over every gauge with locks ending at the boundary after the tallied epoch's,
		// so that every gauge's slope change is due; fees are waiting.
		let voters = [ALICE, BOB, CHARLIE, DAVE, BRIBER, BRIBER_2, ADMIN, VAULT];
		for (i, who) in voters.iter().enumerate() {
			let first = i as u32 * max_votes() + 1;
			lock(*who, 1_000, 2 * EPOCH);
			assert_ok!(Gauges::vote(RuntimeOrigin::signed(*who), votes_over(first, max_votes())));
		}
		assert_eq!(ActiveGauges::<Test>::get().len() as u32, gauges);
		accrue_fees(1_000);
		System::set_block_number(EPOCH);
		let (_, reads, writes) = count_accesses(|| Gauges::on_initialize(EPOCH));
		assert_eq!(LastTallied::<Test>::get(), 1);
		assert_covered(
			"tally",
			reads,
			writes,
			<() as WeightInfo>::tally(gauges),
			SubstrateWeight::<Test>::tally(gauges),
		);
	});
}

#[test]
fn the_governance_setters_never_touch_more_storage_than_they_pay_for() {
	ExtBuilder::default().build_and_execute(|| {
		let (result, reads, writes) =
			count_accesses(|| Gauges::set_capacity_quorum(RuntimeOrigin::root(), 1_000));
		assert_ok!(result);
		assert_covered(
			"set_capacity_quorum",
			reads,
			writes,
			<() as WeightInfo>::set_capacity_quorum(),
			SubstrateWeight::<Test>::set_capacity_quorum(),
		);
		let share = Perbill::from_percent(10);
		let (result, reads, writes) =
			count_accesses(|| Gauges::set_max_stack_share(RuntimeOrigin::root(), share));
		assert_ok!(result);
		assert_covered(
			"set_max_stack_share",
			reads,
			writes,
			<() as WeightInfo>::set_max_stack_share(),
			SubstrateWeight::<Test>::set_max_stack_share(),
		);
	});
}

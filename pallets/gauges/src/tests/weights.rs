//! The weights against the storage the calls really touch. Each test drives a call (or the
//! hook) in its worst case at the runtime's bounds, counts the distinct keys it reads and
//! writes as the benchmarks' database tracker does (a key's first access; whitelisted keys
//! aside), and checks that the database part of the weight charged covers them at
//! `RocksDbWeight`.

use crate::{mock::*, weights::SubstrateWeight, *};
use core::any::{Any, TypeId};
use frame_support::{
	assert_ok,
	traits::{Get, Hooks, WhitelistedStorageKeys},
	weights::{constants::RocksDbWeight, Weight},
	BoundedVec,
};
use sp_core::storage::{ChildInfo, StateVersion, TrackedStorageKey};
use sp_externalities::{Extension, ExtensionStore, Externalities, MultiRemovalResults};
use sp_runtime::Perbill;
use std::collections::BTreeSet;

/// The distinct keys a run read (first touched by a read) and wrote.
#[derive(Debug, Default)]
struct Accesses {
	reads: BTreeSet<Vec<u8>>,
	writes: BTreeSet<Vec<u8>>,
}

/// Externalities that pass every call on to the test's and note the keys touched.
struct Tracker<'a> {
	inner: &'a mut dyn Externalities,
	whitelist: Vec<Vec<u8>>,
	seen: Accesses,
}

impl Tracker<'_> {
	fn tracked(&self, key: &[u8]) -> bool {
		!key.starts_with(b":") && !self.whitelist.iter().any(|w| w.as_slice() == key)
	}

	fn read(&mut self, key: &[u8]) {
		if self.tracked(key) && !self.seen.writes.contains(key) {
			self.seen.reads.insert(key.to_vec());
		}
	}

	fn write(&mut self, key: &[u8]) {
		if self.tracked(key) {
			self.seen.writes.insert(key.to_vec());
		}
	}
}

impl ExtensionStore for Tracker<'_> {
	fn extension_by_type_id(&mut self, type_id: TypeId) -> Option<&mut dyn Any> {
		self.inner.extension_by_type_id(type_id)
	}

	fn register_extension_with_type_id(
		&mut self,
		type_id: TypeId,
		extension: Box<dyn Extension>,
	) -> Result<(), sp_externalities::Error> {
		self.inner.register_extension_with_type_id(type_id, extension)
	}

	fn deregister_extension_by_type_id(
		&mut self,
		type_id: TypeId,
	) -> Result<(), sp_externalities::Error> {
		self.inner.deregister_extension_by_type_id(type_id)
	}
}

impl Externalities for Tracker<'_> {
	fn set_offchain_storage(&mut self, key: &[u8], value: Option<&[u8]>) {
		self.inner.set_offchain_storage(key, value)
	}

	fn storage(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.storage(key)
	}

	fn storage_hash(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		self.read(key);
		self.inner.storage_hash(key)
	}

	fn child_storage_hash(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.child_storage_hash(child_info, key)
	}

	fn child_storage(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.child_storage(child_info, key)
	}

	fn exists_storage(&mut self, key: &[u8]) -> bool {
		self.read(key);
		self.inner.exists_storage(key)
	}

	fn next_storage_key(&mut self, key: &[u8]) -> Option<Vec<u8>> {
		// A seek costs a read, as the benchmarks count it.
		self.read(key);
		self.inner.next_storage_key(key)
	}

	fn next_child_storage_key(&mut self, child_info: &ChildInfo, key: &[u8]) -> Option<Vec<u8>> {
		self.inner.next_child_storage_key(child_info, key)
	}

	fn kill_child_storage(
		&mut self,
		child_info: &ChildInfo,
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		self.inner.kill_child_storage(child_info, maybe_limit, maybe_cursor)
	}

	fn clear_prefix(
		&mut self,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		self.write(prefix);
		self.inner.clear_prefix(prefix, maybe_limit, maybe_cursor)
	}

	fn clear_child_prefix(
		&mut self,
		child_info: &ChildInfo,
		prefix: &[u8],
		maybe_limit: Option<u32>,
		maybe_cursor: Option<&[u8]>,
	) -> MultiRemovalResults {
		self.inner.clear_child_prefix(child_info, prefix, maybe_limit, maybe_cursor)
	}

	fn place_storage(&mut self, key: Vec<u8>, value: Option<Vec<u8>>) {
		self.write(&key);
		self.inner.place_storage(key, value)
	}

	fn place_child_storage(
		&mut self,
		child_info: &ChildInfo,
		key: Vec<u8>,
		value: Option<Vec<u8>>,
	) {
		self.inner.place_child_storage(child_info, key, value)
	}

	fn storage_root(&mut self, state_version: StateVersion) -> Vec<u8> {
		self.inner.storage_root(state_version)
	}

	fn child_storage_root(
		&mut self,
		child_info: &ChildInfo,
		state_version: StateVersion,
	) -> Vec<u8> {
		self.inner.child_storage_root(child_info, state_version)
	}

	fn storage_append(&mut self, key: Vec<u8>, value: Vec<u8>) {
		self.write(&key);
		self.inner.storage_append(key, value)
	}

	fn storage_start_transaction(&mut self) {
		self.inner.storage_start_transaction()
	}

	fn storage_rollback_transaction(&mut self) -> Result<(), ()> {
		self.inner.storage_rollback_transaction()
	}

	fn storage_commit_transaction(&mut self) -> Result<(), ()> {
		self.inner.storage_commit_transaction()
	}

	fn wipe(&mut self) {
		self.inner.wipe()
	}

	fn commit(&mut self) {
		self.inner.commit()
	}

	fn read_write_count(&self) -> (u32, u32, u32, u32) {
		self.inner.read_write_count()
	}

	fn reset_read_write_count(&mut self) {
		self.inner.reset_read_write_count()
	}

	fn get_whitelist(&self) -> Vec<TrackedStorageKey> {
		self.inner.get_whitelist()
	}

	fn set_whitelist(&mut self, new: Vec<TrackedStorageKey>) {
		self.inner.set_whitelist(new)
	}

	fn get_read_and_written_keys(&self) -> Vec<(Vec<u8>, u32, u32, bool)> {
		self.inner.get_read_and_written_keys()
	}
}

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	let whitelist: Vec<Vec<u8>> =
		AllPalletsWithSystem::whitelisted_storage_keys().into_iter().map(|k| k.key).collect();
	sp_externalities::with_externalities(|inner| {
		let mut tracker = Tracker { inner, whitelist, seen: Accesses::default() };
		let out = sp_externalities::set_and_run_with_externalities(&mut tracker, f);
		(out, tracker.seen.reads.len() as u64, tracker.seen.writes.len() as u64)
	})
	.expect("runs inside the test externalities")
}

/// Checks that `reads` and `writes` at `RocksDbWeight` fit in the database part of a weight:
/// `charged` (the mock's `()` weights, at `RocksDbWeight`) less `compute` (the same function of
/// `SubstrateWeight<Test>`, whose database weights are zero in the mock).
fn assert_covered(what: &str, reads: u64, writes: u64, charged: Weight, compute: Weight) {
	let used = RocksDbWeight::get().reads_writes(reads, writes).ref_time();
	let paid = charged.ref_time().saturating_sub(compute.ref_time());
	assert!(
		used <= paid,
		"{what}: {reads} reads and {writes} writes cost {used} ps of database time, the weight \
		 pays {paid} ps"
	);
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

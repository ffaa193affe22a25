//! Counting the storage a call really touches against the weight it charges.
//!
//! [`count_accesses`] runs a closure under externalities that note every storage key it
//! touches, as the benchmarks' database tracker does (a key's first access, whitelisted keys
//! aside), and [`assert_covered`] checks that the database part of a weight pays for them. A
//! pallet's `tests/weights.rs` drives each call and hook in its worst case at the runtime's
//! bounds through these two, so that a benchmark whose setup is not the worst case fails a
//! test instead of underpricing a block.

use core::any::{Any, TypeId};
use frame_support::weights::{constants::RocksDbWeight, Weight};
use sp_core::storage::{ChildInfo, StateVersion, TrackedStorageKey};
use sp_externalities::{Extension, ExtensionStore, Externalities, MultiRemovalResults};
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

/// Runs `f` and counts the distinct storage keys it reads and writes, leaving out `whitelist`
/// (for a runtime or mock, `AllPalletsWithSystem::whitelisted_storage_keys()`: the block
/// number, the event count, ... that the benchmarks do not charge either). Returns `f`'s
/// result, the reads and the writes. Must run inside test externalities.
pub fn count_accesses<R>(
	whitelist: impl IntoIterator<Item = TrackedStorageKey>,
	f: impl FnOnce() -> R,
) -> (R, u64, u64) {
	let whitelist: Vec<Vec<u8>> = whitelist.into_iter().map(|k| k.key).collect();
	sp_externalities::with_externalities(|inner| {
		let mut tracker = Tracker { inner, whitelist, seen: Accesses::default() };
		let out = sp_externalities::set_and_run_with_externalities(&mut tracker, f);
		(out, tracker.seen.reads.len() as u64, tracker.seen.writes.len() as u64)
	})
	.expect("runs inside the test externalities")
}

/// Checks that `reads` and `writes` at `RocksDbWeight` fit in the database part of a weight:
/// `charged` (the function of the pallet's `()` weights, at `RocksDbWeight`) less `compute`
/// (the same function of its `SubstrateWeight<Test>`, whose mock has zero database weights).
pub fn assert_covered(what: &str, reads: u64, writes: u64, charged: Weight, compute: Weight) {
	let used = RocksDbWeight::get().reads_writes(reads, writes).ref_time();
	let paid = charged.ref_time().saturating_sub(compute.ref_time());
	assert!(
		used <= paid,
		"{what}: {reads} reads and {writes} writes cost {used} ps of database time, the weight \
		 pays {paid} ps"
	);
}

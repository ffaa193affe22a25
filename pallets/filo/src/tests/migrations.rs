//! The next release's migration (`migrations::v1`): the curator registry becomes a counted map.

use crate::{
	migrations::v1::{v0, MigrateV0ToV1},
	mock::*,
	*,
};
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

fn as_version_0() {
	migrations::v1::as_version_0::<Test>();
}

fn registry() -> Vec<AccountId> {
	let mut all: Vec<_> = Curators::<Test>::iter_keys().collect();
	all.sort();
	all
}

fn version() -> StorageVersion {
	Filo::on_chain_storage_version()
}

#[test]
fn the_migration_counts_every_curator_once_and_sets_version_1() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Filo::register_curator(RuntimeOrigin::root(), ANYONE));
		let before = registry();
		as_version_0();
		assert_eq!((Curators::<Test>::count(), registry().len()), (0, 0), "version 0 layout");
		assert_eq!(v0::Curators::<Test>::iter_keys().count(), 3);

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(registry(), before);
		assert_eq!(Curators::<Test>::count(), 3);
		assert_eq!(v0::Curators::<Test>::iter_keys().count(), 0, "the old map is cleared");
		assert_eq!(version(), StorageVersion::new(1));
		// Migrated curators are curators: one opens a stack.
		assert_ok!(Filo::open_stack(RuntimeOrigin::signed(CURATOR), 50_000 * USD, terms()));
		// The registry still works on the counter: removing one counts down.
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), ANYONE));
		assert_eq!(Curators::<Test>::count(), 2);
	});
}

#[test]
fn the_migration_is_idempotent() {
	ExtBuilder::default().build_and_execute(|| {
		as_version_0();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		// At version 1 the versioned migration does nothing: not even a stray counter write.
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		assert_eq!(Curators::<Test>::count(), 2);
	});
}

#[test]
fn an_empty_registry_migrates_to_a_zero_counter() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), CURATOR));
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), CURATOR_2));
		as_version_0();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!((Curators::<Test>::count(), version()), (0, StorageVersion::new(1)));
	});
}

/// The `try-runtime` checks: `pre_upgrade` records the registry's size and `post_upgrade`
/// holds the counter to it; on a chain already at version 1 both are skipped with the
/// migration.
#[cfg(feature = "try-runtime")]
#[test]
fn the_try_runtime_checks_pass_around_the_migration() {
	ExtBuilder::default().build_and_execute(|| {
		as_version_0();
		assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
		assert_eq!(Curators::<Test>::count(), 2);
		assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
	});
}

/// `post_upgrade` catches a counter that does not count the registry, and a curator lost.
#[cfg(feature = "try-runtime")]
#[test]
fn post_upgrade_refuses_a_wrong_counter() {
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	ExtBuilder::default().build_and_execute(|| {
		as_version_0();
		type Move = migrations::v1::MoveCuratorsToCountedRegistry<Test>;
		let state = <Move as UncheckedOnRuntimeUpgrade>::pre_upgrade().unwrap();
		<Move as UncheckedOnRuntimeUpgrade>::on_runtime_upgrade();
		assert_ok!(<Move as UncheckedOnRuntimeUpgrade>::post_upgrade(state.clone()));
		let key = Curators::<Test>::counter_storage_final_key();
		frame_support::storage::unhashed::put(&key, &5u32);
		assert!(<Move as UncheckedOnRuntimeUpgrade>::post_upgrade(state.clone()).is_err());
		Curators::<Test>::initialize_counter();
		// A curator lost on the way.
		Curators::<Test>::remove(CURATOR_2);
		assert!(<Move as UncheckedOnRuntimeUpgrade>::post_upgrade(state).is_err());
	});
}

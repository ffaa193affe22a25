//! FiLo's storage migrations.
//!
//! The next release's storage change is developed behind the crate feature `next-release`, with
//! its migration, and rehearsed against the current release before it ships: the runtime's
//! `next-release` feature raises `spec_version` and schedules the migration, `runtime-fast`
//! builds that runtime as a second blob, and the network test upgrades a live `local-fast`
//! chain to it by referendum (`tests/e2e/network/lifecycle.test.js`), while
//! `runtime/upgrade-tests` runs the migration's `try-runtime` checks over a state built by the
//! test. When the release is cut, the feature's side becomes the code and the old side is
//! deleted (see `docs/releasing.md`).

/// Version 1: the curator registry becomes a counted map.
///
/// Version 0 kept the registry as a plain map under `Curators`, so its size was only known by
/// walking every key. Version 1 keeps it as a counted map, `CuratorRegistry` (with
/// `CounterForCuratorRegistry` beside it); the migration moves every curator across, counts
/// them and clears the old prefix. Curators are registered one by one by registrar referenda,
/// so the registry holds tens of accounts: moving it in one block is far within a block's
/// weight, and the migration's weight is charged per curator moved.
#[cfg(feature = "next-release")]
pub mod v1 {
	use crate::pallet::{Config, Curators, Pallet};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {
		alloc::vec::Vec,
		codec::{Decode, Encode},
		frame_support::ensure,
		sp_runtime::TryRuntimeError,
	};

	/// The storage as version 0 declared it.
	pub mod v0 {
		use crate::pallet::{Config, Pallet};
		use frame_support::{storage_alias, Blake2_128Concat};

		/// Registered curators (version 0): a plain map, uncounted.
		#[storage_alias]
		pub type Curators<T: Config> = StorageMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			(),
			frame_support::pallet_prelude::OptionQuery,
		>;
	}

	/// Puts the registry back as version 0 wrote it (the same curators in the plain map, no
	/// counted registry, version 0): the starting state of the migration's tests, here and in
	/// `runtime/upgrade-tests`.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn as_version_0<T: Config>() {
		use frame_support::traits::StorageVersion;
		for who in Curators::<T>::iter_keys().collect::<alloc::vec::Vec<_>>() {
			v0::Curators::<T>::insert(who, ());
		}
		let _ = Curators::<T>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Pallet<T>>();
	}

	/// Moves the curators from the version 0 map into the counted registry. Unchecked: run it
	/// only through [`MigrateV0ToV1`], which runs it once, from version 0.
	pub struct MoveCuratorsToCountedRegistry<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for MoveCuratorsToCountedRegistry<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut moved: u64 = 0;
			// Draining one prefix while inserting under another: the iteration never sees an
			// inserted key.
			for (who, ()) in v0::Curators::<T>::drain() {
				Curators::<T>::insert(&who, ());
				moved = moved.saturating_add(1);
			}
			log::info!(target: "runtime::filo", "v1: {moved} curators moved to the counted registry");
			// Per curator: the old entry read and removed; whether the new one exists read, it and
			// the counter (read) written; and the final read that ends the iteration.
			T::DbWeight::get()
				.reads_writes(3, 3)
				.saturating_mul(moved)
				.saturating_add(T::DbWeight::get().reads(1))
		}

		/// The curators before the migration, for `post_upgrade` to compare.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			ensure!(
				Curators::<T>::iter_keys().next().is_none()
					&& !frame_support::storage::unhashed::exists(
						&Curators::<T>::counter_storage_final_key()
					),
				"version 0 has no counted registry"
			);
			let mut curators: Vec<T::AccountId> = v0::Curators::<T>::iter_keys().collect();
			curators.sort();
			Ok(curators.encode())
		}

		/// The same curators are registered, counted, and the old map is empty.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = Vec::<T::AccountId>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade's state does not decode")?;
			let mut after: Vec<T::AccountId> = Curators::<T>::iter_keys().collect();
			after.sort();
			ensure!(after == before, "curators were added or lost by the migration");
			ensure!(
				usize::try_from(Curators::<T>::count()).ok() == Some(before.len()),
				"the counter differs from the registry"
			);
			ensure!(v0::Curators::<T>::iter_keys().next().is_none(), "the old map is not empty");
			Ok(())
		}
	}

	/// The migration from version 0 to 1: moves the curators once and sets the storage version
	/// to 1. Run on a chain at any other version it does nothing (and logs so), so it is
	/// idempotent.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		MoveCuratorsToCountedRegistry<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

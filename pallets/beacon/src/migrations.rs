//! The beacon's storage migrations (see `docs/releasing.md`: the next release's change is
//! written behind the crate feature `next-release` and rehearsed on a live network first).

/// Version 1: a chain that started before the beacon existed follows one.
///
/// The beacon's key and schedule are set at genesis only, and no call changes them (a key
/// changed under pending sealed bids would make them undecryptable). A chain that ran a
/// release without the beacon (spec 114 and older) therefore has none after the upgrade that
/// adds the pallet, and its queue takes no sealed bids (`commit_bid` fails with `NoBeacon`).
/// This migration sets the beacon the runtime names (`B`: drand's quicknet for a production
/// chain) where none is set, and leaves a chain whose genesis set one alone: one write at most.
///
/// Not a `VersionedMigration`: on a chain that never had the pallet, the executive writes the
/// pallet's in-code version (1) before any migration runs (a pallet without storage is taken to
/// be new, `BeforeAllRuntimeMigrations`), so a migration "from version 0" would never run
/// there, which is exactly where it is needed. It keys on the beacon itself instead, and
/// writes version 1 where the chain is below it.
#[cfg(feature = "next-release")]
pub mod v1 {
	use crate::pallet::{Beacon, Config, Pallet};
	use crate::BeaconInfo;
	use frame_support::{
		traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {
		alloc::vec::Vec,
		codec::{Decode, Encode},
		frame_support::ensure,
		sp_runtime::TryRuntimeError,
	};

	/// Removes every key of the pallet, its storage version included: the state of a chain
	/// that never had the beacon. The starting state of the migration's tests, here and in
	/// `runtime/upgrade-tests`.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn as_before_the_beacon<T: Config>() {
		use frame_support::traits::PalletInfoAccess;
		let prefix = Pallet::<T>::name_hash();
		let _ = frame_support::storage::unhashed::clear_prefix(&prefix, None, None);
	}

	/// Sets `B` as the beacon where none is set, and the storage version to 1 where it is
	/// below. Run again, it changes nothing.
	pub struct MigrateV0ToV1<T, B>(core::marker::PhantomData<(T, B)>);

	impl<T: Config, B: Get<BeaconInfo>> OnRuntimeUpgrade for MigrateV0ToV1<T, B> {
		fn on_runtime_upgrade() -> Weight {
			let mut weight = T::DbWeight::get().reads(2);
			if !Beacon::<T>::exists() {
				let beacon = B::get();
				// `B` is the runtime's constant; a key that is not a valid point would make every
				// pulse fail verification, so it is checked as genesis checks it, and refused.
				match BeaconInfo::new(&beacon.public_key, beacon.genesis_time, beacon.period) {
					Ok(beacon) => {
						log::info!(
							target: "runtime::beacon",
							"v1: no beacon was set; following the runtime's (genesis {}, period {} s)",
							beacon.genesis_time,
							beacon.period
						);
						Beacon::<T>::put(beacon);
						weight = weight.saturating_add(T::DbWeight::get().writes(1));
					},
					Err(why) => log::error!(target: "runtime::beacon", "v1: beacon not set: {why}"),
				}
			}
			if Pallet::<T>::on_chain_storage_version() < 1 {
				StorageVersion::new(1).put::<Pallet<T>>();
				weight = weight.saturating_add(T::DbWeight::get().writes(1));
			}
			weight
		}

		/// The beacon before the migration, for `post_upgrade` to compare.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok(Beacon::<T>::get().encode())
		}

		/// A beacon that was set is unchanged; one that was not is now `B`; version 1.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = Option::<BeaconInfo>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade's state does not decode")?;
			let after = Beacon::<T>::get();
			match before {
				Some(before) => ensure!(after == Some(before), "a set beacon was changed"),
				None => ensure!(after == Some(B::get()), "the runtime's beacon was not set"),
			}
			ensure!(Pallet::<T>::on_chain_storage_version() >= 1, "the beacon is below version 1");
			Ok(())
		}
	}
}

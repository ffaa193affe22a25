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
#[cfg(feature = "next-release")]
pub mod v1 {
	use crate::pallet::{Beacon, Config, Pallet};
	use crate::BeaconInfo;
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

	/// Puts the beacon back as a chain that never had one: no key, version 0. The starting
	/// state of the migration's tests, here and in `runtime/upgrade-tests`.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn as_version_0<T: Config>() {
		Beacon::<T>::kill();
		frame_support::traits::StorageVersion::new(0).put::<Pallet<T>>();
	}

	/// Sets `B` as the beacon where none is set. Unchecked: run it only through
	/// [`MigrateV0ToV1`].
	pub struct SetBeaconIfAbsent<T, B>(core::marker::PhantomData<(T, B)>);

	impl<T: Config, B: Get<BeaconInfo>> UncheckedOnRuntimeUpgrade for SetBeaconIfAbsent<T, B> {
		fn on_runtime_upgrade() -> Weight {
			if Beacon::<T>::exists() {
				return T::DbWeight::get().reads(1);
			}
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
				},
				Err(why) => log::error!(target: "runtime::beacon", "v1: beacon not set: {why}"),
			}
			T::DbWeight::get().reads_writes(1, 1)
		}

		/// The beacon before the migration, for `post_upgrade` to compare.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok(Beacon::<T>::get().encode())
		}

		/// A beacon that was set is unchanged; one that was not is now `B`.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = Option::<BeaconInfo>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade's state does not decode")?;
			let after = Beacon::<T>::get();
			match before {
				Some(before) => ensure!(after == Some(before), "a set beacon was changed"),
				None => ensure!(after == Some(B::get()), "the runtime's beacon was not set"),
			}
			Ok(())
		}
	}

	/// The migration from version 0 to 1: sets the beacon once if absent, and the storage
	/// version to 1. At any other version it does nothing.
	pub type MigrateV0ToV1<T, B> = VersionedMigration<
		0,
		1,
		SetBeaconIfAbsent<T, B>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

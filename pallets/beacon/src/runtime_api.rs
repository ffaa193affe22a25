//! Runtime API of the beacon: what a feeder submits and what a bidder encrypts to.
//! Polkadot.js: `api.call.beaconApi.beacon()`, `.wantedRounds()`, `.pulse(round)`.

use crate::{BeaconInfo, Config, LatestRound, Pallet, Pulses};
use alloc::vec::Vec;
use usdai_primitives::beacon::{BeaconRound, PulseDemand, PulseSignature};

/// Most rounds `wanted_rounds` lists.
pub const MAX_WANTED: u32 = 64;

sp_api::decl_runtime_apis! {
	/// The beacon's configuration, the pulses it waits for and those it keeps.
	pub trait BeaconApi {
		/// The beacon the chain follows (its public key and schedule), if any.
		fn beacon() -> Option<BeaconInfo>;
		/// The rounds whose pulses consumers wait for, oldest first (at most 64): what a feeder
		/// submits with `beacon.submit_pulse` as soon as drand publishes them.
		fn wanted_rounds() -> Vec<BeaconRound>;
		/// The stored signature of `round`, if it is kept.
		fn pulse(round: BeaconRound) -> Option<PulseSignature>;
		/// The highest round whose pulse was accepted.
		fn latest_round() -> Option<BeaconRound>;
	}
}

impl<T: Config> Pallet<T> {
	/// [`BeaconApi::beacon`].
	pub fn beacon() -> Option<BeaconInfo> {
		crate::Beacon::<T>::get()
	}

	/// [`BeaconApi::wanted_rounds`]: the consumers' rounds not stored yet.
	pub fn wanted_rounds() -> Vec<BeaconRound> {
		let mut rounds = T::Demand::wanted(MAX_WANTED);
		rounds.retain(|round| !Pulses::<T>::contains_key(round));
		rounds
	}

	/// [`BeaconApi::pulse`].
	pub fn pulse(round: BeaconRound) -> Option<PulseSignature> {
		Pulses::<T>::get(round)
	}

	/// [`BeaconApi::latest_round`].
	pub fn latest_round() -> Option<BeaconRound> {
		LatestRound::<T>::get()
	}
}

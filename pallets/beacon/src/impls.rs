//! What the beacon provides to other pallets: [`RandomnessBeacon`] (qev's `Config::Beacon`).

use crate::{Beacon, Config, Pallet, Pulses};
use usdai_primitives::beacon::{BeaconRound, PulseSignature, RandomnessBeacon};

impl<T: Config> RandomnessBeacon for Pallet<T> {
	fn is_configured() -> bool {
		Beacon::<T>::exists()
	}

	/// 0 without a beacon: no round is ever due.
	fn round_at(unix_secs: u64) -> BeaconRound {
		Beacon::<T>::get().map_or(0, |b| b.round_at(unix_secs))
	}

	/// `u64::MAX` without a beacon: never.
	fn round_time(round: BeaconRound) -> u64 {
		Beacon::<T>::get().map_or(u64::MAX, |b| b.round_time(round))
	}

	fn pulse(round: BeaconRound) -> Option<PulseSignature> {
		Pulses::<T>::get(round)
	}
}

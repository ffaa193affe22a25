//! What the queue provides to other pallets: [`PulseDemand`] (the beacon's `Config::Demand`):
//! the beacon takes a pulse only for a round whose sealed bids the queue waits to open.

use crate::{Config, Pallet};
use alloc::vec::Vec;
use usdai_primitives::beacon::{BeaconRound, PulseDemand};

impl<T: Config> PulseDemand for Pallet<T> {
	fn wants(round: BeaconRound) -> bool {
		Self::wants_pulse(round)
	}

	fn wanted(max: u32) -> Vec<BeaconRound> {
		Self::wanted_pulses(max)
	}
}

//! The randomness beacon (pallets/beacon) and who waits for its pulses. QEV seals the bids of a
//! queue round to the beacon round at which that queue round closes, and decrypts them with
//! that round's pulse: it reads the beacon's schedule and pulses through
//! [`RandomnessBeacon`], and tells the beacon which pulses it waits for through
//! [`PulseDemand`] (the beacon accepts no other).

use alloc::vec::Vec;

/// A round of the beacon: drand's round number (quicknet: one every 3 seconds since
/// 2023-08-23 15:09:27 UTC).
pub type BeaconRound = u64;

/// A round's pulse: the beacon's BLS signature of the round, a compressed point of G1.
pub type PulseSignature = [u8; 48];

/// What the beacon provides: its schedule and the pulses it has verified. Implemented by
/// pallets/beacon; qev's `Config::Beacon`.
pub trait RandomnessBeacon {
	/// Whether a beacon is configured (a chain without one keeps no sealed bids).
	fn is_configured() -> bool;

	/// The latest round due at Unix time `unix_secs` (0 before round 1).
	fn round_at(unix_secs: u64) -> BeaconRound;

	/// The Unix time (seconds) at which `round` is due.
	fn round_time(round: BeaconRound) -> u64;

	/// The verified signature of `round`, if its pulse arrived and is still kept.
	fn pulse(round: BeaconRound) -> Option<PulseSignature>;
}

/// Who waits for pulses. The beacon accepts a pulse only for a round that someone waits for,
/// and only once: nobody can fill blocks with pulses that nothing needs. Implemented by
/// pallets/qev; the beacon's `Config::Demand`.
pub trait PulseDemand {
	/// Whether a consumer waits for `round`'s pulse (and does not have it yet).
	fn wants(round: BeaconRound) -> bool;

	/// The rounds consumers wait for, oldest first, at most `max`: what a feeder should
	/// submit (through the beacon's runtime API).
	fn wanted(max: u32) -> Vec<BeaconRound>;
}

/// Nobody waits: a chain without sealed bids.
impl PulseDemand for () {
	fn wants(_: BeaconRound) -> bool {
		false
	}

	fn wanted(_: u32) -> Vec<BeaconRound> {
		Vec::new()
	}
}

/// Sets the beacon and the clock up for a consumer's benchmarks. The runtime implements it
/// over pallets/beacon and the timestamp; qev's `Config::BeaconBenchmarkHelper` names it.
/// Benchmark setup only.
pub trait BeaconBenchmarkHelper {
	/// The beacon follows the key whose secret is `secret` (32 bytes, big-endian, below the
	/// group order), so that the benchmark can sign pulses and seal to them.
	fn follow(secret: [u8; 32]);

	/// The clock moves to the time `round` is due.
	fn at_round(round: BeaconRound);

	/// `signature` is kept as `round`'s pulse, as if it had been submitted and verified.
	fn store_pulse(round: BeaconRound, signature: PulseSignature);
}

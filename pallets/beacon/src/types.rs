//! The beacon's configuration, and the checks on it.

use crate::Error;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_io::hashing::sha2_256;
use usdai_primitives::beacon::{BeaconRound, PulseSignature};
use usdai_timelock::{PUBLIC_KEY_LEN, SIGNATURE_LEN};

/// The beacon a chain follows: drand's `/info` for the network.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct BeaconInfo {
	/// The beacon's public key: a compressed BLS12-381 G2 point, checked at genesis (of prime
	/// order, not the identity).
	pub public_key: [u8; PUBLIC_KEY_LEN],
	/// Unix time (seconds) of round 1.
	pub genesis_time: u64,
	/// Seconds between rounds (at least one).
	pub period: u64,
}

impl BeaconInfo {
	/// The configuration of a beacon with this key and schedule, if the key is a valid public
	/// key and the period is not zero.
	pub fn new(public_key: &[u8], genesis_time: u64, period: u64) -> Result<Self, &'static str> {
		let public_key: [u8; PUBLIC_KEY_LEN] =
			public_key.try_into().map_err(|_| "the public key is not 96 bytes")?;
		usdai_timelock::decode_public_key(&public_key)
			.map_err(|_| "the public key is not a BLS12-381 G2 point of prime order")?;
		if period == 0 {
			return Err("the period is zero");
		}
		Ok(Self { public_key, genesis_time, period })
	}

	/// drand's quicknet, the beacon a production chain follows.
	pub fn quicknet() -> Self {
		Self {
			public_key: usdai_timelock::quicknet::PUBLIC_KEY,
			genesis_time: usdai_timelock::quicknet::GENESIS_TIME,
			period: usdai_timelock::quicknet::PERIOD,
		}
	}

	/// The latest round due at Unix time `unix_secs`: 0 before round 1.
	pub fn round_at(&self, unix_secs: u64) -> BeaconRound {
		match unix_secs.checked_sub(self.genesis_time) {
			Some(elapsed) => elapsed.checked_div(self.period).unwrap_or_default().saturating_add(1),
			None => 0,
		}
	}

	/// The Unix time at which `round` is due (round 0 and 1: genesis).
	pub fn round_time(&self, round: BeaconRound) -> u64 {
		self.genesis_time.saturating_add(round.saturating_sub(1).saturating_mul(self.period))
	}

	/// Checks that `signature` is the beacon's signature of `round`.
	pub fn verify<T>(
		&self,
		round: BeaconRound,
		signature: &PulseSignature,
	) -> Result<(), Error<T>> {
		// The key was checked at genesis; decompressing it is enough.
		let key = usdai_timelock::decode_trusted_public_key(&self.public_key)
			.map_err(|_| Error::<T>::NoBeacon)?;
		let signature: &[u8; SIGNATURE_LEN] = signature;
		let signature =
			usdai_timelock::decode_signature(signature).map_err(|_| Error::<T>::BadSignature)?;
		usdai_timelock::verify(&key, round, &signature).map_err(|_| Error::<T>::InvalidSignature)
	}
}

/// drand's randomness of a pulse: the SHA-256 of its signature.
pub fn randomness(signature: &PulseSignature) -> [u8; 32] {
	sha2_256(signature)
}

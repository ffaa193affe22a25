//! Benchmarks of the beacon's call (frame-benchmarking v2).
//!
//! `submit_pulse` is measured at its worst: the ring is full, so the pulse takes the slot of an
//! older one and prunes it, and `Config::Demand` is asked in its costliest way
//! (`BenchmarkHelper::want`). The beacon's key is set to a key whose secret the benchmark
//! knows, so that it can sign the round; verification costs the same for any key.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;

/// The benchmark beacon's secret key.
fn secret() -> usdai_timelock::SecretKey {
	usdai_timelock::SecretKey::from_be_bytes(&[0x42; 32])
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_pulse() -> Result<(), BenchmarkError> {
		let key = usdai_timelock::public_key_of(&secret());
		Beacon::<T>::put(BeaconInfo::new(&key.to_bytes(), 1_000, 3).expect("a valid key"));
		// A full ring: the next slot holds the oldest pulse, which the new one prunes.
		let max = T::MaxPulses::get();
		for slot in 0..max {
			let old = u64::from(slot) + 1;
			Slots::<T>::insert(slot, old);
			let signature = usdai_timelock::sign(&secret(), old).expect("signs").to_bytes();
			Pulses::<T>::insert(old, signature);
		}
		NextSlot::<T>::put(0);
		LatestRound::<T>::put(u64::from(max));
		let round = u64::from(max) + 1_000;
		T::BenchmarkHelper::want(round);
		let signature = usdai_timelock::sign(&secret(), round).expect("signs").to_bytes();

		#[extrinsic_call]
		_(RawOrigin::None, round, signature);

		assert_eq!(Pulses::<T>::get(round), Some(signature));
		assert!(!Pulses::<T>::contains_key(1));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

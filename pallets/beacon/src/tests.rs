//! Unit tests of the beacon over a mock runtime (`mock.rs`). Every test checks the beacon's
//! invariants when it ends (`execute_in`), which include that every kept pulse verifies.

// The pool's entry points are `ValidateUnsigned`'s (deprecated; see the impl in lib.rs).
#![allow(deprecated)]

use crate::{mock::*, BeaconInfo, Error, Event, LatestRound, NextSlot, Pulses, Slots};
use frame_support::{
	assert_noop, assert_ok,
	pallet_prelude::{InvalidTransaction, TransactionSource, ValidateUnsigned},
};
use frame_system::RawOrigin;
use sp_runtime::{traits::BadOrigin, transaction_validity::TransactionValidityError};
use usdai_primitives::beacon::RandomnessBeacon;

fn call(round: u64, signature: [u8; 48]) -> crate::Call<Test> {
	crate::Call::submit_pulse { round, signature }
}

/// What the transaction pool says of a pulse.
fn validate(round: u64, signature: [u8; 48]) -> Result<(), TransactionValidityError> {
	Beacon::validate_unsigned(TransactionSource::External, &call(round, signature)).map(|_| ())
}

/// Submits a pulse as an unsigned transaction would reach the call.
fn submit(round: u64, signature: [u8; 48]) -> sp_runtime::DispatchResult {
	Beacon::submit_pulse(RawOrigin::None.into(), round, signature)
}

const STALE: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::Stale);
const BAD_PROOF: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::BadProof);

#[test]
fn a_wanted_rounds_pulse_is_verified_stored_and_no_longer_wanted() {
	execute_in(new_test_ext(), || {
		want(40);
		want(41);
		assert_eq!(Beacon::wanted_rounds(), vec![40, 41]);
		assert_ok!(validate(40, pulse(40)));
		assert_ok!(submit(40, pulse(40)));

		assert_eq!(Pulses::<Test>::get(40), Some(pulse(40)));
		assert_eq!(<Beacon as RandomnessBeacon>::pulse(40), Some(pulse(40)));
		assert_eq!(LatestRound::<Test>::get(), Some(40));
		let randomness = sp_io::hashing::sha2_256(&pulse(40));
		System::assert_last_event(Event::PulseStored { round: 40, randomness }.into());
		assert_eq!(Beacon::wanted_rounds(), vec![41]);
		// The pool now calls it stale; the call refuses it.
		assert_eq!(validate(40, pulse(40)), Err(STALE));
		assert_noop!(submit(40, pulse(40)), Error::<Test>::AlreadyStored);
	});
}

#[test]
fn a_pulse_nobody_waits_for_is_refused_past_or_future() {
	execute_in(new_test_ext(), || {
		want(40);
		assert_ok!(submit(40, pulse(40)));
		for round in [1, 39, 41, 1_000_000] {
			assert_eq!(validate(round, pulse(round)), Err(STALE));
			assert_noop!(submit(round, pulse(round)), Error::<Test>::NotWanted);
		}
	});
}

#[test]
fn a_bad_signature_is_refused_by_the_pool_and_the_call() {
	execute_in(new_test_ext(), || {
		want(40);
		let other_beacon = usdai_timelock::sign(&other_secret(), 40).unwrap().to_bytes();
		let mut not_a_point = pulse(40);
		not_a_point[0] ^= 0x20; // flips the sign bit of y: a point, the negated signature
		let identity = {
			let mut b = [0u8; 48];
			b[0] = 0xc0;
			b
		};
		for (signature, error) in [
			(pulse(41), Error::<Test>::InvalidSignature),
			(other_beacon, Error::<Test>::InvalidSignature),
			(not_a_point, Error::<Test>::InvalidSignature),
			([0xff; 48], Error::<Test>::BadSignature),
			(identity, Error::<Test>::BadSignature),
			([0; 48], Error::<Test>::BadSignature),
		] {
			assert_eq!(validate(40, signature), Err(BAD_PROOF));
			assert_noop!(submit(40, signature), error);
		}
		// The right pulse still goes in afterwards.
		assert_ok!(submit(40, pulse(40)));
	});
}

#[test]
fn in_a_block_the_call_verifies_what_pre_dispatch_leaves_to_it() {
	execute_in(new_test_ext(), || {
		want(40);
		// pre_dispatch does only the cheap checks: a bad signature passes it...
		assert_ok!(Beacon::pre_dispatch(&call(40, pulse(41))));
		// ...and the call refuses it, changing nothing.
		assert_noop!(submit(40, pulse(41)), Error::<Test>::InvalidSignature);
		// Stale rounds are refused already by pre_dispatch.
		assert_eq!(Beacon::pre_dispatch(&call(39, pulse(39))), Err(STALE));
	});
}

#[test]
fn only_an_unsigned_transaction_submits_a_pulse() {
	execute_in(new_test_ext(), || {
		want(40);
		assert_noop!(Beacon::submit_pulse(RawOrigin::Signed(1).into(), 40, pulse(40)), BadOrigin);
		assert_noop!(Beacon::submit_pulse(RawOrigin::Root.into(), 40, pulse(40)), BadOrigin);
	});
}

#[test]
fn the_pool_keeps_one_pulse_per_round_ahead_of_users() {
	execute_in(new_test_ext(), || {
		want(40);
		let valid =
			Beacon::validate_unsigned(TransactionSource::External, &call(40, pulse(40))).unwrap();
		assert_eq!(valid.priority, u64::MAX / 2);
		assert_eq!(valid.longevity, 16);
		assert!(valid.propagate);
		assert_eq!(valid.provides.len(), 1);
		assert!(valid.requires.is_empty());
		let other = Beacon::validate_unsigned(TransactionSource::External, &call(41, pulse(41)));
		assert!(other.is_err()); // not wanted
		want(41);
		let other =
			Beacon::validate_unsigned(TransactionSource::External, &call(41, pulse(41))).unwrap();
		assert_ne!(other.provides, valid.provides);
	});
}

#[test]
fn kept_pulses_are_bounded_and_the_oldest_pruned_first() {
	execute_in(new_test_ext(), || {
		let rounds = [10, 20, 5, 30, 40];
		for round in rounds {
			want(round);
			assert_ok!(submit(round, pulse(round)));
			took(round);
		}
		// MAX_PULSES = 3: the three that arrived last are kept, whatever their round.
		let kept: Vec<u64> =
			rounds.iter().copied().filter(|r| Pulses::<Test>::contains_key(r)).collect();
		assert_eq!(kept, vec![5, 30, 40]);
		assert_eq!(Slots::<Test>::iter().count(), MAX_PULSES as usize);
		assert_eq!(NextSlot::<Test>::get(), 2);
		// The highest round stays the latest, pruned or not.
		assert_eq!(LatestRound::<Test>::get(), Some(40));
		// A pruned round is not wanted again by a consumer that had it: not accepted twice.
		assert_noop!(submit(10, pulse(10)), Error::<Test>::NotWanted);
	});
}

#[test]
fn without_a_beacon_every_pulse_is_refused() {
	let genesis = crate::GenesisConfig::<Test> {
		public_key: Vec::new(),
		genesis_time: 0,
		period: 0,
		_config: Default::default(),
	};
	execute_in(new_test_ext_with(genesis), || {
		want(40);
		assert!(!<Beacon as RandomnessBeacon>::is_configured());
		assert_eq!(<Beacon as RandomnessBeacon>::round_at(u64::MAX), 0);
		assert_eq!(<Beacon as RandomnessBeacon>::round_time(1), u64::MAX);
		assert_eq!(
			validate(40, pulse(40)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Call))
		);
		assert_noop!(submit(40, pulse(40)), Error::<Test>::NoBeacon);
	});
}

fn genesis(public_key: Vec<u8>, period: u64) -> crate::GenesisConfig<Test> {
	crate::GenesisConfig { public_key, genesis_time: 1, period, _config: Default::default() }
}

#[test]
#[should_panic(expected = "not a BLS12-381 G2 point")]
fn a_genesis_with_a_bad_key_does_not_build() {
	let mut key = usdai_timelock::quicknet::PUBLIC_KEY.to_vec();
	key[95] ^= 1;
	new_test_ext_with(genesis(key, 3));
}

#[test]
#[should_panic(expected = "not 96 bytes")]
fn a_genesis_with_a_short_key_does_not_build() {
	new_test_ext_with(genesis(vec![1; 48], 3));
}

#[test]
#[should_panic(expected = "period is zero")]
fn a_genesis_with_no_period_does_not_build() {
	new_test_ext_with(genesis(usdai_timelock::quicknet::PUBLIC_KEY.to_vec(), 0));
}

#[test]
fn the_schedule_is_drands() {
	let quicknet = BeaconInfo::quicknet();
	let g = quicknet.genesis_time;
	assert_eq!(quicknet.round_at(g - 1), 0);
	assert_eq!(quicknet.round_at(g), 1);
	assert_eq!(quicknet.round_at(g + 2), 1);
	assert_eq!(quicknet.round_at(g + 3), 2);
	assert_eq!(quicknet.round_time(1), g);
	assert_eq!(quicknet.round_time(2), g + 3);
	// drand's own figure: quicknet's round 12040883 was due at 2024-09-02 10:53:33 UTC
	// (genesis + 3 × 12040882 s).
	assert_eq!(quicknet.round_time(12_040_883), 1_728_926_013);
	for t in [g, g + 1, g + 2, g + 3, 1_800_000_000, u64::MAX] {
		let r = quicknet.round_at(t);
		assert!(quicknet.round_time(r) <= t, "{t}");
		if r < u64::MAX / 4 {
			assert!(quicknet.round_time(r + 1) > t, "{t}");
		}
	}
}

#[test]
fn a_real_quicknet_pulse_is_accepted_on_a_chain_following_quicknet() {
	let info = BeaconInfo::quicknet();
	let genesis = crate::GenesisConfig::<Test> {
		public_key: info.public_key.to_vec(),
		genesis_time: info.genesis_time,
		period: info.period,
		_config: Default::default(),
	};
	execute_in(new_test_ext_with(genesis), || {
		let signature: [u8; 48] = hex_literal(
			"b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39",
		);
		want(1000);
		// The dev beacon's signature of the round is not quicknet's.
		assert_noop!(submit(1000, pulse(1000)), Error::<Test>::InvalidSignature);
		assert_ok!(validate(1000, signature));
		assert_ok!(submit(1000, signature));
		let randomness = sp_io::hashing::sha2_256(&signature);
		assert_eq!(
			randomness.to_vec(),
			hex_literal::<32>("fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd")
				.to_vec()
		);
	});
}

fn hex_literal<const N: usize>(s: &str) -> [u8; N] {
	let bytes: Vec<u8> =
		(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect();
	bytes.try_into().unwrap()
}

/// The next release's migration (`migrations::v1`): a chain without a beacon gets the
/// runtime's; one with a beacon keeps it; it runs once.
#[cfg(feature = "next-release")]
mod migrations {
	use super::*;
	use crate::migrations::v1;
	use frame_support::traits::{
		BeforeAllRuntimeMigrations, GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	};

	frame_support::parameter_types! {
		pub Quicknet: BeaconInfo = BeaconInfo::quicknet();
	}

	type Migration = v1::MigrateV0ToV1<Test, Quicknet>;

	#[test]
	fn a_chain_without_a_beacon_follows_the_runtimes_after_the_upgrade() {
		execute_in(new_test_ext(), || {
			v1::as_before_the_beacon::<Test>();
			assert!(Beacon::beacon().is_none());
			// Before: a wanted round cannot be fed (no key to verify with).
			want(40);
			assert_noop!(submit(40, [0; 48]), Error::<Test>::NoBeacon);

			// As the executive runs an upgrade: a pallet with no storage at all is taken to be
			// new and gets its in-code version first; the migration must still set the beacon.
			<Beacon as BeforeAllRuntimeMigrations>::before_all_runtime_migrations();
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(1));
			Migration::on_runtime_upgrade();
			assert_eq!(Beacon::beacon(), Some(BeaconInfo::quicknet()));
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(1));
			// Only once: a second run changes nothing.
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			Migration::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		});
	}

	#[test]
	fn a_chain_with_a_beacon_keeps_it_and_goes_to_version_1() {
		execute_in(new_test_ext(), || {
			let own = Beacon::beacon().expect("genesis set one");
			StorageVersion::new(0).put::<Beacon>();
			<Beacon as BeforeAllRuntimeMigrations>::before_all_runtime_migrations();
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(0));
			Migration::on_runtime_upgrade();
			assert_eq!(Beacon::beacon(), Some(own));
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(1));
		});
	}
}

//! A test runtime: frame-system and the beacon, with a consumer whose wanted rounds the tests
//! set, and a development beacon whose secret key the tests know.

use crate as pallet_beacon;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use sp_runtime::BuildStorage;
use usdai_primitives::beacon::{BeaconRound, PulseDemand};

/// Pulses kept.
pub const MAX_PULSES: u32 = 3;
/// Unix time of the beacon's round 1.
pub const GENESIS_TIME: u64 = 1_000;
/// Seconds between rounds.
pub const PERIOD: u64 = 3;

/// The test beacon's secret key.
pub fn secret() -> usdai_timelock::SecretKey {
	usdai_timelock::SecretKey::from_be_bytes(&[7; 32])
}

/// Another beacon's secret key (whose signatures are not the test beacon's).
pub fn other_secret() -> usdai_timelock::SecretKey {
	usdai_timelock::SecretKey::from_be_bytes(&[8; 32])
}

/// The test beacon's signature of `round`.
pub fn pulse(round: BeaconRound) -> [u8; 48] {
	usdai_timelock::sign(&secret(), round).unwrap().to_bytes()
}

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Beacon: pallet_beacon,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	/// The rounds the consumer waits for (until it has them).
	pub static Wanted: Vec<BeaconRound> = Vec::new();
}

/// A consumer that waits for the rounds in [`Wanted`] until the beacon stores them.
pub struct Consumer;
impl PulseDemand for Consumer {
	fn wants(round: BeaconRound) -> bool {
		Wanted::get().contains(&round) && !crate::Pulses::<Test>::contains_key(round)
	}

	fn wanted(max: u32) -> Vec<BeaconRound> {
		let mut rounds = Wanted::get();
		rounds.truncate(max as usize);
		rounds
	}
}

/// Makes the consumer wait for `round`.
pub fn want(round: BeaconRound) {
	Wanted::mutate(|w| w.push(round));
}

/// The consumer took `round`'s pulse and waits for it no more.
pub fn took(round: BeaconRound) {
	Wanted::mutate(|w| w.retain(|r| *r != round));
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for Consumer {
	fn want(round: BeaconRound) {
		want(round);
	}
}

impl pallet_beacon::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Demand = Consumer;
	type MaxPulses = ConstU32<MAX_PULSES>;
	type UnsignedPriority = ConstU64<{ u64::MAX / 2 }>;
	type UnsignedLongevity = ConstU64<16>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Consumer;
}

/// Test externalities at block 1 with the beacon's genesis.
pub fn new_test_ext_with(genesis: pallet_beacon::GenesisConfig<Test>) -> sp_io::TestExternalities {
	Wanted::set(Vec::new());
	let storage = RuntimeGenesisConfig { beacon: genesis, ..Default::default() }
		.build_storage()
		.expect("the genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Test externalities at block 1 following the test beacon.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(pallet_beacon::GenesisConfig {
		public_key: usdai_timelock::public_key_of(&secret()).to_bytes().to_vec(),
		genesis_time: GENESIS_TIME,
		period: PERIOD,
		_config: Default::default(),
	})
}

/// Runs `test` in `ext`, then checks the beacon's invariants.
pub fn execute_in(mut ext: sp_io::TestExternalities, test: impl FnOnce()) {
	ext.execute_with(|| {
		test();
		Beacon::do_try_state().expect("beacon invariants hold after the test");
	});
}

//! A test runtime with the real vault (pallet-usdai on pallet-assets) and the queue.

use crate as pallet_qev;
use frame_support::{
	assert_ok, parameter_types,
	traits::{fungibles::Mutate, ConstU128, ConstU32, ConstU64, Hooks},
};
use usdai_primitives::vault::LendingVault;
pub use usdai_primitives::{
	assets::{SUSDAI, USDAI, USDC},
	Balance,
};
// One USDai / sUSDai (`USD`), one USDC (`USD6`).
pub use usdai_test_support::units::{USD, USD6};

pub type AccountId = u128;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Plays filo: borrows the vault's idle cash and repays it to make liquidity appear.
pub const LENDER: AccountId = 9;

/// Beacon rounds per queue round.
pub const ROUND_PERIOD: u64 = 10;
/// Beacon rounds before the closing round when bids stop.
pub const BID_MARGIN: u64 = 2;
/// Beacon rounds after the closing round when a missing pulse lapses the round.
pub const PULSE_TIMEOUT: u64 = 20;
/// The beacon's round 1, Unix seconds.
pub const BEACON_GENESIS: u64 = 1_700_000_000;
/// Seconds between the beacon's rounds.
pub const BEACON_PERIOD: u64 = 3;
/// The beacon round the tests start at (the start of a queue round).
pub const START_ROUND: u64 = 1_000;
/// Native deposit per ticket.
pub const DEPOSIT: Balance = 10;

// System, Balances, Assets and the real vault (Usdai) as usdai-test-support configures them.
usdai_test_support::vault_runtime!(
	Test, AccountId;
	4: Qev = pallet_qev,
	5: Timestamp = pallet_timestamp,
	6: Beacon = pallet_beacon,
);

parameter_types! {
	/// Small by default; [`ExtBuilder::runtime_bounds`] sets the runtime's.
	pub static MaxTicketsPerAccount: u32 = 3;
	pub static MaxFillsPerBlock: u32 = 3;
	pub static MaxVisitsPerBlock: u32 = 5;
	pub static MaxBidsPerRound: u32 = 4;
	pub static MaxOpensPerBlock: u32 = 2;
	pub static MaxPendingRounds: u32 = 3;
}

/// The runtime's `MaxPendingRounds` (set by [`ExtBuilder::runtime_bounds`]).
pub const RUNTIME_PENDING_ROUNDS: u32 = 8;

/// The runtime's bounds of the queue (runtime/src/configs/protocol.rs): `MaxTicketsPerAccount`,
/// `MaxFillsPerBlock`, `MaxVisitsPerBlock`, `MaxBidsPerRound`, `MaxOpensPerBlock`.
/// (`MaxBidBps` and `MaxCiphertextLen` are the runtime's already.)
pub const RUNTIME_BOUNDS: (u32, u32, u32, u32, u32) = (50, 1_100, 1_250, 1_000, 25);

impl pallet_qev::Config for Test {
	type RedemptionVault = Usdai;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinShares = ConstU128<USD>;
	type MaxTicketsPerAccount = MaxTicketsPerAccount;
	type TicketDeposit = ConstU128<DEPOSIT>;
	type MaxBidBps = ConstU32<1_000>;
	type MaxFillsPerBlock = MaxFillsPerBlock;
	type MaxVisitsPerBlock = MaxVisitsPerBlock;
	type Beacon = Beacon;
	type UnixTime = Timestamp;
	type RoundPeriod = ConstU64<ROUND_PERIOD>;
	type BidMargin = ConstU64<BID_MARGIN>;
	type PulseTimeout = ConstU64<PULSE_TIMEOUT>;
	type MaxBidsPerRound = MaxBidsPerRound;
	type MaxPendingRounds = MaxPendingRounds;
	type MaxCiphertextLen = ConstU32<256>;
	type MaxOpensPerBlock = MaxOpensPerBlock;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = Usdai;
	#[cfg(feature = "runtime-benchmarks")]
	type BeaconBenchmarkHelper = BeaconBench;
}

/// The mock's beacon and clock for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct BeaconBench;
#[cfg(feature = "runtime-benchmarks")]
impl usdai_primitives::beacon::BeaconBenchmarkHelper for BeaconBench {
	fn follow(secret: [u8; 32]) {
		let key = usdai_timelock::public_key_of(&usdai_timelock::SecretKey::from_be_bytes(&secret));
		pallet_beacon::Beacon::<Test>::put(
			pallet_beacon::BeaconInfo::new(&key.to_bytes(), BEACON_GENESIS, BEACON_PERIOD).unwrap(),
		);
	}
	fn at_round(round: u64) {
		at_beacon_round(round);
	}
	fn store_pulse(round: u64, signature: [u8; 48]) {
		pallet_beacon::Pulses::<Test>::insert(round, signature);
	}
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_beacon::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Demand = Qev;
	type MaxPulses = ConstU32<8>;
	type UnsignedPriority = ConstU64<{ u64::MAX / 2 }>;
	type UnsignedLongevity = ConstU64<16>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = WaitFor;
}

/// Makes the queue wait for a round, for the beacon's benchmark.
#[cfg(feature = "runtime-benchmarks")]
pub struct WaitFor;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_beacon::BenchmarkHelper for WaitFor {
	fn want(round: u64) {
		at_beacon_round(round);
		Qev::benchmark_wait_for(round);
	}
}

/// The development beacon's secret key (the mock follows its public key).
pub fn beacon_secret() -> usdai_timelock::SecretKey {
	usdai_timelock::SecretKey::from_be_bytes(&usdai_timelock::dev::SECRET_KEY)
}

/// Sets the clock to the time beacon round `round` is due.
pub fn at_beacon_round(round: u64) {
	Timestamp::set_timestamp((BEACON_GENESIS + (round - 1) * BEACON_PERIOD) * 1_000);
}

/// The beacon round due now.
pub fn beacon_round() -> u64 {
	use usdai_primitives::beacon::RandomnessBeacon;
	Beacon::round_at(pallet_timestamp::Now::<Test>::get() / 1_000)
}

/// The round bids are sealed to now.
pub fn sealed_round() -> u64 {
	Qev::sealed_round_at(beacon_round())
}

/// A ciphertext of `plaintext` to beacon round `round` (fresh randomness from `nonce`).
pub fn seal_bytes(round: u64, plaintext: &[u8], nonce: u8) -> Vec<u8> {
	let key = usdai_timelock::public_key_of(&beacon_secret());
	usdai_timelock::encrypt(
		&key,
		round,
		plaintext,
		[nonce; 16],
		[nonce ^ 0x5a; 16],
		[nonce ^ 0xa5; 16],
	)
	.unwrap()
}

/// The ciphertext of `who`'s bid of `bid_bps` for `ticket`, sealed to the round open now.
pub fn sealed(
	who: AccountId,
	ticket: pallet_qev::TicketId,
	bid_bps: u32,
) -> frame_support::BoundedVec<u8, ConstU32<256>> {
	let round = sealed_round();
	let plain = pallet_qev::BidPlaintext { ticket, owner: who, round, bid_bps };
	seal_bytes(round, &codec::Encode::encode(&plain), ticket as u8).try_into().unwrap()
}

/// `who` seals a bid of `bid_bps` for `ticket` to the round open now.
pub fn bid(who: AccountId, ticket: pallet_qev::TicketId, bid_bps: u32) {
	assert_ok!(Qev::commit_bid(
		RuntimeOrigin::signed(who),
		ticket,
		sealed_round(),
		sealed(who, ticket, bid_bps)
	));
}

/// The beacon publishes `round`'s pulse, and anyone submits it.
pub fn publish(round: u64) {
	let signature = usdai_timelock::sign(&beacon_secret(), round).unwrap().to_bytes();
	assert_ok!(Beacon::submit_pulse(RuntimeOrigin::none(), round, signature));
}

/// The round open now closes: the clock moves to its closing round and the pulse is
/// published; blocks run until its bids are opened and cleared.
pub fn close_round() {
	let round = sealed_round();
	at_beacon_round(round);
	publish(round);
	while pallet_qev::PendingRounds::<Test>::get().iter().any(|(r, _)| *r == round) {
		next_block();
	}
}

pub struct ExtBuilder {
	/// Whether the vault lends all its cash out at genesis (liquidity then arrives only when a
	/// test repays some).
	lend_all: bool,
	/// Whether the queue has the runtime's bounds ([`RUNTIME_BOUNDS`]).
	runtime_bounds: bool,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { lend_all: true, runtime_bounds: false }
	}
}

impl ExtBuilder {
	/// Keeps the vault's cash idle.
	pub fn with_idle_cash(mut self) -> Self {
		self.lend_all = false;
		self
	}

	/// The runtime's bounds ([`RUNTIME_BOUNDS`]), for the tests that count the storage the calls
	/// and hooks touch in their worst case.
	pub fn runtime_bounds(mut self) -> Self {
		self.runtime_bounds = true;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		if self.runtime_bounds {
			let (tickets, fills, visits, bids, opens) = RUNTIME_BOUNDS;
			MaxTicketsPerAccount::set(tickets);
			MaxFillsPerBlock::set(fills);
			MaxVisitsPerBlock::set(visits);
			MaxBidsPerRound::set(bids);
			MaxOpensPerBlock::set(opens);
			MaxPendingRounds::set(RUNTIME_PENDING_ROUNDS);
		}
		let mut storage = usdai_test_support::genesis::system::<Test>();
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (DAVE, 1_000), (LENDER, 1_000)],
		);
		usdai_test_support::open_vault_genesis!(Test, &mut storage, [(USDC, 0)]);
		sp_runtime::BuildStorage::assimilate_storage(
			&pallet_beacon::GenesisConfig::<Test> {
				public_key: usdai_timelock::dev::PUBLIC_KEY.to_vec(),
				genesis_time: BEACON_GENESIS,
				period: BEACON_PERIOD,
				_config: Default::default(),
			},
			&mut storage,
		)
		.unwrap();
		usdai_test_support::genesis::start::<Test>(storage, || {
			at_beacon_round(START_ROUND);
			// Four holders of 1,000 sUSDai each.
			for who in [ALICE, BOB, CHARLIE, DAVE] {
				stake(who, 1_000);
			}
			if self.lend_all {
				let idle = <Usdai as LendingVault<AccountId>>::idle_liquidity();
				assert_ok!(<Usdai as LendingVault<AccountId>>::draw(&LENDER, idle));
			}
		})
	}

	/// Runs `test`, then checks the queue's and the vault's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Qev::do_try_state().expect("queue invariants hold after the test");
			Beacon::do_try_state().expect("beacon invariants hold after the test");
			Usdai::do_try_state().expect("vault invariants hold after the test");
			// No token lost dust: every supply is the sum of its balances.
			usdai_test_support::assert_supply_is_the_balances::<Test>([USDC, USDAI, SUSDAI]);
		});
	}
}

/// `who` deposits and stakes `dollars`.
pub fn stake(who: AccountId, dollars: Balance) {
	assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDC, &who, dollars * USD6));
	assert_ok!(Usdai::deposit(RuntimeOrigin::signed(who), USDC, dollars * USD6, 0));
	assert_ok!(Usdai::stake(RuntimeOrigin::signed(who), dollars * USD, 1));
}

/// `dollars` of liquidity arrive (the lender repays principal).
pub fn liquidity(dollars: Balance) {
	assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, dollars * USD));
}

/// Runs blocks until block `n` has started.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		next_block();
	}
}

/// Ends the block (settlement) and starts the next (round close, settlement reserve).
pub fn next_block() {
	let n = System::block_number();
	// Reserve again as if the test's calls had come before this block's `on_initialize`.
	Qev::settlement_reserve();
	Qev::on_finalize(n);
	System::set_block_number(n + 1);
	Qev::on_initialize(n + 1);
}

/// Whether ticket `id` still waits in the queue (it exists and is not filled in full).
pub fn waiting(id: pallet_qev::TicketId) -> bool {
	pallet_qev::Tickets::<Test>::get(pallet_qev::ticket_key(id)).is_some_and(|t| t.is_waiting())
}

pub fn usdai_of(who: AccountId) -> Balance {
	usdai_test_support::balance::<Test>(USDAI, &who)
}

pub fn shares_of(who: AccountId) -> Balance {
	usdai_test_support::balance::<Test>(SUSDAI, &who)
}

/// The queue's events since the last call.
pub fn qev_events() -> Vec<pallet_qev::Event<Test>> {
	usdai_test_support::take_events::<Test, _>()
}

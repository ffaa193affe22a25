//! A test runtime with pallet-balances (CHIP), pallet-assets (USDai and bribe tokens) and the
//! gauges. Stacks, the caps, the vault's lendable capital, the fee source and the vault's
//! uncovered loss are usdai-test-support's mocks, their state set by the tests.

use crate as pallet_gauges;
use frame_support::{
	assert_ok, parameter_types,
	traits::{fungibles::Mutate, ConstU128, ConstU32, ConstU64},
	PalletId,
};
use frame_system::EnsureRoot;
pub use usdai_primitives::{assets::USDAI, AssetId, Balance, StackId};
pub use usdai_test_support::mocks::{set_cap, Capital, MockCaps, UncoveredLoss};
use usdai_test_support::mocks::{MockCapital, MockFees, MockStacks};

pub type AccountId = u128;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Posts bribes.
pub const BRIBER: AccountId = 5;
pub const BRIBER_2: AccountId = 6;
/// Where the mock fee source takes the lockers' fee share from.
pub const FEE_POT: AccountId = 8;
/// The vault's account (backstop payments land here).
pub const VAULT: AccountId = 9;
/// Owner of the test assets.
pub const ADMIN: AccountId = 10;

/// Bribe tokens.
pub const BRIBE: AssetId = 7;
pub const BRIBE_2: AssetId = 8;
pub const BRIBE_3: AssetId = 9;

/// Blocks per epoch.
pub const EPOCH: u64 = 10;
/// The longest lock: ten epochs.
pub const MAX_LOCK: u64 = 10 * EPOCH;
/// CHIP each test account starts with.
pub const CHIP: Balance = 1_000_000;
/// Stacks `1..=STACKS` exist.
pub const STACKS: StackId = 160;
/// A stack that does not exist.
pub const NO_STACK: StackId = 999;
/// CHIP the backstop may mint per sale.
pub const MAX_MINT: Balance = 1_000 * usdai_primitives::chip::UNIT;

usdai_test_support::mock_runtime! {
	Test, AccountId;
	2: Assets = pallet_assets,
	3: Gauges = pallet_gauges,
}
usdai_test_support::impl_mock_assets!(Test, AccountId);

/// The mock's bounds on positions and gauges: `(MaxLocksPerAccount, MaxVotes, MaxGauges)`.
/// Small by default; [`ExtBuilder::runtime_bounds`] gives the runtime's, for the tests that
/// count a call's storage accesses in its worst case.
pub const MOCK_BOUNDS: (u32, u32, u32) = (3, 3, 4);
/// The runtime's bounds (runtime/src/configs/protocol.rs).
pub const RUNTIME_BOUNDS: (u32, u32, u32) = (8, 16, 128);

usdai_test_support::test_bounds! {
	static BOUNDS: (u32, u32, u32) = MOCK_BOUNDS; TestMaxLocks: 0, TestMaxVotes: 1, TestMaxGauges: 2
}

parameter_types! {
	pub const GaugesPalletId: PalletId = PalletId(*b"usdai/gg");
	/// The mock's default quorum: 100 of voting power (a lock of 1,000 for the longest time
	/// has 900 in the next epoch).
	pub const MockQuorum: Balance = 100;
	/// The mock's default bound on one stack's share: none, so that a lone gauge grants all the
	/// capital (tests of the bound set it).
	pub const MockMaxShare: sp_runtime::Perbill = sp_runtime::Perbill::one();
}

/// The vault's uncovered loss is [`UncoveredLoss`]; payments against it go to `VAULT`. It
/// prepares the benchmarks through its own bookkeeping: the lockers' fees into `FEE_POT`.
type MockVault = usdai_test_support::mocks::MockVault<Test, ConstU128<VAULT>, ConstU128<FEE_POT>>;

impl pallet_gauges::Config for Test {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type FeeAsset = ConstU32<USDAI>;
	// Stacks `1..=STACKS` exist; the lendable capital is `Capital`; the fee source hands over
	// all the USDai in `FEE_POT`.
	type Stacks = MockStacks<ConstU32<STACKS>>;
	type Capital = MockCapital;
	type Fees = MockFees<Test, ConstU128<FEE_POT>>;
	type Backstop = MockVault;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = GaugesPalletId;
	type EpochLength = ConstU64<EPOCH>;
	type MaxLockDuration = ConstU64<MAX_LOCK>;
	type MinLockAmount = ConstU128<10>;
	type MaxLocksPerAccount = TestMaxLocks;
	type MaxVotes = TestMaxVotes;
	type MaxGauges = TestMaxGauges;
	type MaxBribeAssets = ConstU32<2>;
	type MaxBribeLead = ConstU32<4>;
	type MaxClaimEpochs = ConstU32<5>;
	type MaxBackstopMint = ConstU128<MAX_MINT>;
	type DefaultCapacityQuorum = MockQuorum;
	type DefaultMaxStackShare = MockMaxShare;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = MockVault;
}

/// Benchmark preparation of the mock's stacks and bribe assets.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_gauges::BenchmarkHelper<AccountId> for MockHelper {
	fn stack(i: u32) -> StackId {
		i + 1
	}

	fn bribe_asset(i: u32, who: &AccountId, amount: Balance) -> AssetId {
		use frame_support::traits::fungible::Mutate as _;
		let asset = [BRIBE, BRIBE_2, BRIBE_3][i as usize];
		assert_ok!(Balances::mint_into(who, 1_000));
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(asset, who, amount));
		asset
	}
}

pub struct ExtBuilder {
	/// The vault's lendable capital.
	capital: Balance,
	/// `(MaxLocksPerAccount, MaxVotes, MaxGauges)`.
	bounds: (u32, u32, u32),
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { capital: 1_000_000, bounds: MOCK_BOUNDS }
	}
}

impl ExtBuilder {
	/// The runtime's bounds on locks, votes and gauges instead of the mock's small ones.
	pub fn runtime_bounds(mut self) -> Self {
		self.bounds = RUNTIME_BOUNDS;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		BOUNDS.with(|b| b.set(self.bounds));
		let mut storage = usdai_test_support::genesis::system::<Test>();
		let accounts = [ALICE, BOB, CHARLIE, DAVE, BRIBER, BRIBER_2, FEE_POT, VAULT, ADMIN];
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			accounts.iter().map(|who| (*who, CHIP)).collect(),
		);
		usdai_test_support::genesis::assets::<Test>(
			&mut storage,
			[USDAI, BRIBE, BRIBE_2, BRIBE_3]
				.iter()
				.map(|asset| (*asset, ADMIN, false, 1))
				.collect(),
			&[],
			vec![
				(BRIBE, BRIBER, 1_000_000),
				(BRIBE_2, BRIBER, 1_000_000),
				(BRIBE_3, BRIBER, 1_000_000),
				(BRIBE, BRIBER_2, 1_000_000),
				(USDAI, DAVE, 1_000_000_000),
			],
		);
		usdai_test_support::genesis::start::<Test>(storage, || Capital::set(&self.capital))
	}

	/// Runs `test`, then checks the gauges' invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Gauges::do_try_state().expect("gauge invariants hold after the test");
		});
	}
}

/// Runs blocks until block `n` has started (the gauges' hook runs at each).
pub fn run_to(n: u64) {
	usdai_test_support::run_to::<Test, Gauges>(n)
}

/// Runs to the first block of epoch `e`.
pub fn run_to_epoch(e: u32) {
	run_to(u64::from(e) * EPOCH);
}

/// `who` locks `amount` for `duration` blocks.
pub fn lock(who: AccountId, amount: Balance, duration: u64) {
	assert_ok!(Gauges::lock(RuntimeOrigin::signed(who), amount, duration));
}

/// `who` votes `votes` (stack, percent).
pub fn vote(who: AccountId, votes: &[(StackId, u32)]) {
	let votes: Vec<_> =
		votes.iter().map(|(s, p)| (*s, sp_runtime::Perbill::from_percent(*p))).collect();
	assert_ok!(Gauges::vote(RuntimeOrigin::signed(who), votes.try_into().unwrap()));
}

/// Balance of `asset` held by `who`.
pub fn asset_of(asset: AssetId, who: AccountId) -> Balance {
	usdai_test_support::balance::<Test>(asset, &who)
}

/// Free CHIP of `who`.
pub fn free_chip(who: AccountId) -> Balance {
	use frame_support::traits::fungible::Inspect as _;
	Balances::balance(&who)
}

/// The gauges' events since the last call.
pub fn gauge_events() -> Vec<pallet_gauges::Event<Test>> {
	usdai_test_support::take_events::<Test, _>()
}

/// Accrues `amount` USDai of protocol fees for the lockers.
pub fn accrue_fees(amount: Balance) {
	assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDAI, &FEE_POT, amount));
}

//! A test runtime with pallet-balances (CHIP), pallet-assets (USDai and bribe tokens) and the
//! gauges. Stacks, the vault's lendable capital, the fee source and the vault's uncovered loss
//! are mocked in a few lines each.

use crate as pallet_gauges;
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{
		fungibles::Mutate, tokens::Preservation, AsEnsureOriginWithArg, ConstU128, ConstU32,
		ConstU64, Get, Hooks,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{traits::IdentityLookup, BuildStorage, DispatchError, DispatchResult};
use usdai_primitives::{
	capacity::{Capacity, StackInspect},
	vault::{BackstopVault, FeeSource, LendableCapital},
};
pub use usdai_primitives::{AssetId, Balance, StackId};

pub type AccountId = u128;
type Block = frame_system::mocking::MockBlock<Test>;

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

pub const USDAI: AssetId = 100;
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

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(3)]
	pub type Gauges = pallet_gauges;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type AssetId = AssetId;
	type AssetIdParameter = AssetId;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type Freezer = ();
	type Holder = ();
	type CallbackHandle = ();
}

/// The mock's bounds on positions and gauges: `(MaxLocksPerAccount, MaxVotes, MaxGauges)`.
/// Small by default; [`ExtBuilder::runtime_bounds`] gives the runtime's, for the tests that
/// count a call's storage accesses in its worst case.
pub const MOCK_BOUNDS: (u32, u32, u32) = (3, 3, 4);
/// The runtime's bounds (runtime/src/configs/protocol.rs).
pub const RUNTIME_BOUNDS: (u32, u32, u32) = (8, 16, 128);

std::thread_local! {
	static BOUNDS: core::cell::Cell<(u32, u32, u32)> = const { core::cell::Cell::new(MOCK_BOUNDS) };
}

/// `MaxLocksPerAccount` of the test (see [`MOCK_BOUNDS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxLocks;
impl Get<u32> for TestMaxLocks {
	fn get() -> u32 {
		BOUNDS.with(|b| b.get().0)
	}
}

/// `MaxVotes` of the test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxVotes;
impl Get<u32> for TestMaxVotes {
	fn get() -> u32 {
		BOUNDS.with(|b| b.get().1)
	}
}

/// `MaxGauges` of the test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxGauges;
impl Get<u32> for TestMaxGauges {
	fn get() -> u32 {
		BOUNDS.with(|b| b.get().2)
	}
}

parameter_types! {
	pub const GaugesPalletId: PalletId = PalletId(*b"usdai/gg");
	/// The mock's default quorum: 100 of voting power (a lock of 1,000 for the longest time
	/// has 900 in the next epoch).
	pub const MockQuorum: Balance = 100;
	/// The mock's default bound on one stack's share: none, so that a lone gauge grants all the
	/// capital (tests of the bound set it).
	pub const MockMaxShare: sp_runtime::Perbill = sp_runtime::Perbill::one();
	/// The vault's lendable capital.
	pub storage Capital: Balance = 1_000_000;
	/// The vault's loss left after first-loss and insurance.
	pub storage UncoveredLoss: Balance = 0;
	/// Stacks `1..=STACKS` exist unless closed here.
	pub storage ClosedStack: StackId = 0;
	/// Governance's caps per stack (filo's `GovernanceCaps` in the runtime).
	pub storage Caps: std::collections::BTreeMap<StackId, Balance> = Default::default();
}

/// The ceiling under the gauges: the caps in `Caps`; a stack without one may not lend.
pub struct MockCaps;
impl Capacity for MockCaps {
	fn capacity(stack: StackId) -> Option<Balance> {
		Caps::get().get(&stack).copied()
	}
}

/// Sets (or with `None` removes) governance's cap for `stack`.
pub fn set_cap(stack: StackId, cap: Option<Balance>) {
	let mut caps = Caps::get();
	match cap {
		Some(cap) => caps.insert(stack, cap),
		None => caps.remove(&stack),
	};
	Caps::set(&caps);
}

/// Stacks `1..=STACKS` exist.
pub struct MockStacks;
impl StackInspect for MockStacks {
	fn stack_exists(stack: StackId) -> bool {
		(1..=STACKS).contains(&stack) && stack != ClosedStack::get()
	}
}

/// The vault's lendable capital is `Capital`.
pub struct MockCapital;
impl LendableCapital for MockCapital {
	fn lendable_capital() -> Balance {
		Capital::get()
	}
}

/// The fee source hands over all the USDai in `FEE_POT`.
pub struct MockFees;
impl FeeSource<AccountId> for MockFees {
	fn take_fees(to: &AccountId) -> Result<Balance, DispatchError> {
		let amount = Assets::balance(USDAI, FEE_POT);
		if amount > 0 {
			<Assets as Mutate<AccountId>>::transfer(
				USDAI,
				&FEE_POT,
				to,
				amount,
				Preservation::Expendable,
			)?;
		}
		Ok(amount)
	}
}

/// The vault's uncovered loss is `UncoveredLoss`; payments against it go to `VAULT`.
pub struct MockVault;
impl BackstopVault<AccountId> for MockVault {
	fn uncovered_loss() -> Balance {
		UncoveredLoss::get()
	}

	fn cover_loss_from(from: &AccountId, amount: Balance) -> DispatchResult {
		let left = UncoveredLoss::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("more than the uncovered loss"))?;
		<Assets as Mutate<AccountId>>::transfer(
			USDAI,
			from,
			&VAULT,
			amount,
			Preservation::Expendable,
		)?;
		UncoveredLoss::set(&left);
		Ok(())
	}
}

impl pallet_gauges::Config for Test {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type FeeAsset = ConstU32<USDAI>;
	type Stacks = MockStacks;
	type Capital = MockCapital;
	type Fees = MockFees;
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

/// The mock vault prepared for benchmarks through its own bookkeeping: USDai minted straight to
/// accounts, the lockers' fees into `FEE_POT`, the uncovered loss in `UncoveredLoss`, lendable
/// liquidity in `Capital`. It has no shares and no mint limits.
#[cfg(feature = "runtime-benchmarks")]
impl usdai_primitives::vault::VaultBenchmarkHelper<AccountId> for MockVault {
	fn open_stablecoin() -> AssetId {
		// The mock takes no deposits: USDai stands in for the stablecoin.
		USDAI
	}

	fn fund_usdai(who: &AccountId, amount: Balance) {
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDAI, who, amount));
	}

	fn fund_shares(_who: &AccountId, _shares: Balance) {
		unimplemented!("the gauges' mock vault has no shares");
	}

	fn stake(_who: &AccountId, _usdai: Balance) {
		unimplemented!("the gauges' mock vault has no shares");
	}

	fn provide_liquidity(amount: Balance) {
		Capital::set(&(Capital::get() + amount));
	}

	fn accrue_locker_fees(amount: Balance) {
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDAI, &FEE_POT, amount));
	}

	fn set_uncovered_loss(amount: Balance) {
		UncoveredLoss::set(&amount);
	}

	fn limit_mints(_max_per_period: Balance) {
		unimplemented!("the gauges' mock vault has no mint limits");
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
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(ALICE, CHIP),
				(BOB, CHIP),
				(CHARLIE, CHIP),
				(DAVE, CHIP),
				(BRIBER, CHIP),
				(BRIBER_2, CHIP),
				(FEE_POT, CHIP),
				(VAULT, CHIP),
				(ADMIN, CHIP),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![
				(USDAI, ADMIN, false, 1),
				(BRIBE, ADMIN, false, 1),
				(BRIBE_2, ADMIN, false, 1),
				(BRIBE_3, ADMIN, false, 1),
			],
			metadata: vec![],
			accounts: vec![
				(BRIBE, BRIBER, 1_000_000),
				(BRIBE_2, BRIBER, 1_000_000),
				(BRIBE_3, BRIBER, 1_000_000),
				(BRIBE, BRIBER_2, 1_000_000),
				(USDAI, DAVE, 1_000_000_000),
			],
			next_asset_id: None,
			reserves: vec![],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Capital::set(&self.capital);
		});
		ext
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
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Gauges::on_initialize(next);
	}
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
	Assets::balance(asset, who)
}

/// Free CHIP of `who`.
pub fn free_chip(who: AccountId) -> Balance {
	use frame_support::traits::fungible::Inspect as _;
	Balances::balance(&who)
}

/// The gauges' events since the last call.
pub fn gauge_events() -> Vec<pallet_gauges::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Gauges(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Accrues `amount` USDai of protocol fees for the lockers.
pub fn accrue_fees(amount: Balance) {
	assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDAI, &FEE_POT, amount));
}

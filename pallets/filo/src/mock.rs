//! A test runtime with the real vault (pallet-usdai), the real receipts (pallet-caliber on
//! pallet-nfts) and FiLo, so that every test sees the vault's books and the receipts' locks as
//! the chain does. Accounts are `AccountId32` (pallet-nfts' signature types are the real ones).

use crate as pallet_filo;
use crate::{Amortization, DayCount, FiloParams, StackTerms};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{fungibles::Mutate, AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, Get, Hooks},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_nfts::PalletFeatures;
use sp_core::H256;
use sp_runtime::{
	traits::{IdentityLookup, Verify},
	AccountId32, BuildStorage, MultiSignature,
};
pub use usdai_primitives::{AssetId, Balance, LoanId, ReceiptId, StackId};

pub type AccountId = AccountId32;
type Block = frame_system::mocking::MockBlock<Test>;
type AccountPublic = <MultiSignature as Verify>::Signer;

/// Provides the vault's liquidity (deposits USDC, stakes USDai).
pub const LP: AccountId = AccountId32::new([1; 32]);
/// Curator of the test stacks.
pub const CURATOR: AccountId = AccountId32::new([2; 32]);
/// A second curator (stack isolation).
pub const CURATOR_2: AccountId = AccountId32::new([3; 32]);
/// Borrows against its receipts.
pub const BORROWER: AccountId = AccountId32::new([4; 32]);
/// Bids at auctions.
pub const BIDDER: AccountId = AccountId32::new([5; 32]);
pub const BIDDER_2: AccountId = AccountId32::new([6; 32]);
/// Receives auction fees.
pub const TREASURY: AccountId = AccountId32::new([7; 32]);
/// Anyone.
pub const ANYONE: AccountId = AccountId32::new([8; 32]);
pub const CUSTODIAN: AccountId = AccountId32::new([10; 32]);
pub const APPRAISER_1: AccountId = AccountId32::new([21; 32]);
pub const APPRAISER_2: AccountId = AccountId32::new([22; 32]);

pub const USDC: AssetId = 1;
pub const USDAI: AssetId = 100;
pub const SUSDAI: AssetId = 101;

/// One USDC (6 decimals).
pub const USD6: Balance = 1_000_000;
/// One USDai (18 decimals).
pub const USD: Balance = 1_000_000_000_000_000_000;
/// Blocks per day in the mock.
pub const DAY: u64 = 10;
/// A 30-day period.
pub const PERIOD: u64 = 30 * DAY;
/// Timestamp at genesis, seconds (2026-01-01).
pub const START: u64 = 1_767_225_600;

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
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(4)]
	pub type Nfts = pallet_nfts;
	#[runtime::pallet_index(5)]
	pub type Usdai = pallet_usdai;
	#[runtime::pallet_index(6)]
	pub type Caliber = pallet_caliber;
	#[runtime::pallet_index(7)]
	pub type Filo = pallet_filo;
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

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

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
	/// The vault notes USDai and sUSDai debits for its points.
	type Freezer = Usdai;
	type Holder = ();
	type CallbackHandle = ();
}

parameter_types! {
	pub storage NftFeatures: PalletFeatures = PalletFeatures::all_enabled();
	pub const CaliberPalletId: PalletId = PalletId(*b"usdai/cl");
	pub const UsdaiPalletId: PalletId = PalletId(*b"usdai/vt");
	pub const FiloPalletId: PalletId = PalletId(*b"usdai/fl");
	pub const Treasury: AccountId = TREASURY;
}

impl pallet_nfts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Locker = Caliber;
	type CollectionDeposit = ConstU128<2>;
	type ItemDeposit = ConstU128<1>;
	type MetadataDepositBase = ConstU128<1>;
	type AttributeDepositBase = ConstU128<1>;
	type DepositPerByte = ConstU128<1>;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<10>;
	type ItemAttributesApprovalsLimit = ConstU32<2>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = ConstU64<10000>;
	type MaxAttributesPerCall = ConstU32<2>;
	type Features = NftFeatures;
	type OffchainSignature = MultiSignature;
	type OffchainPublic = AccountPublic;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type BlockNumberProvider = System;
}

parameter_types! {
	/// Half of each protocol fee goes to CHIP lockers.
	pub const LockerFeeShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
}

impl pallet_usdai::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Assets = Assets;
	type Holders = pallet_usdai::AssetHolders<Test>;
	type PalletId = UsdaiPalletId;
	type UsdaiAsset = ConstU32<USDAI>;
	type SusdaiAsset = ConstU32<SUSDAI>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureRoot<AccountId>;
	type MaxStablecoins = ConstU32<4>;
	type MaxProtocolFeeBps = ConstU32<2_000>;
	type MaxInsuranceBps = ConstU32<1_000>;
	type LockerFeeShare = LockerFeeShare;
	type DeadShares = ConstU128<1_000>;
	type MaxVestingPeriod = ConstU64<1_000>;
	type BlocksPerDay = ConstU64<DAY>;
	type MaxPointsVisitsPerBlock = ConstU32<3>;
	type TransferEvents = pallet_usdai::AssetTransfers<Test>;
	type MaxPointsPendingPerBlock = ConstU32<64>;
	type MaxPointsScannedEvents = ConstU32<1_024>;
	type WeightInfo = ();
}

/// The mock's bounds: `(MaxReceiptsPerLoan, MaxDeadlines, MaxDeadlinesPerBlock)` (the first
/// of caliber too). Small by default; [`ExtBuilder::runtime_bounds`] gives the runtime's, for
/// the tests that count a call's storage accesses in its worst case. `MaxPeriods` is the
/// runtime's already.
pub const MOCK_BOUNDS: (u32, u32, u32) = (4, 8, 2);
/// The runtime's bounds (runtime/src/configs/protocol.rs).
pub const RUNTIME_BOUNDS: (u32, u32, u32) = (16, 256, 8);

std::thread_local! {
	static BOUNDS: core::cell::Cell<(u32, u32, u32)> = const { core::cell::Cell::new(MOCK_BOUNDS) };
}

/// `MaxReceiptsPerLoan` of the test, filo's and caliber's (see [`MOCK_BOUNDS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxReceipts;
impl Get<u32> for TestMaxReceipts {
	fn get() -> u32 {
		BOUNDS.with(|b| b.get().0)
	}
}

/// `MaxDeadlines` of the test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxDeadlines;
impl Get<u32> for TestMaxDeadlines {
	fn get() -> u32 {
		BOUNDS.with(|b| b.get().1)
	}
}

/// `MaxDeadlinesPerBlock` of the test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxDeadlinesPerBlock;
impl Get<u32> for TestMaxDeadlinesPerBlock {
	fn get() -> u32 {
		BOUNDS.with(|b| b.get().2)
	}
}

impl pallet_caliber::Config for Test {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type PalletId = CaliberPalletId;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxAppraisers = ConstU32<5>;
	type MaxGpusPerReceipt = ConstU32<1_024>;
	type MaxReceiptsPerLoan = TestMaxReceipts;
	type MaxDepreciationBps = ConstU32<5_000>;
	type ValuationPeriod = ConstU64<86_400>;
	type WeightInfo = ();
}

impl pallet_filo::Config for Test {
	type Assets = Assets;
	type UsdaiAsset = ConstU32<USDAI>;
	type LendingVault = Usdai;
	type Collateral = Caliber;
	type Capacity = pallet_filo::GovernanceCaps<Test>;
	type PalletId = FiloPalletId;
	type TreasuryAccount = Treasury;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type BlocksPerDay = ConstU64<DAY>;
	type MaxReceiptsPerLoan = TestMaxReceipts;
	type MaxPeriods = ConstU32<120>;
	type MaxDeadlines = TestMaxDeadlines;
	type MaxDeadlinesPerBlock = TestMaxDeadlinesPerBlock;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockHelper;
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = Usdai;
}

/// Benchmark preparation of the mock's real receipts (the real vault prepares itself:
/// `VaultBenchmarkHelper = Usdai`).
#[cfg(feature = "runtime-benchmarks")]
pub struct MockHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_filo::BenchmarkHelper<AccountId> for MockHelper {
	fn eligible_receipt(holder: &AccountId, value: Balance) -> ReceiptId {
		let id = receipt(value);
		if holder != &BORROWER {
			let collection = pallet_caliber::Collection::<Test>::get().unwrap();
			assert_ok!(Nfts::transfer(
				RuntimeOrigin::signed(BORROWER),
				collection,
				id,
				holder.clone()
			));
		}
		id
	}

	/// The mock's capacity is governance's caps alone (`GovernanceCaps`): nothing to bring live.
	fn live_capacity(_stack: StackId) {}
}

/// The mock's parameters: 70% LTV bound, 10% first-loss, curator fee 3–10%, 30-day periods,
/// 30-day grace, 5% penalty, 14-day cure, 3-day auctions with 1-day anti-sniping, 2% auction
/// fee, 50% reserve falling by 10% of the value per round without a bid down to 20%, 1%
/// increments.
pub fn params() -> FiloParams<u64> {
	FiloParams {
		max_ltv_bps: 7_000,
		min_first_loss_bps: 1_000,
		min_curator_fee_bps: 300,
		max_curator_fee_bps: 1_000,
		period_blocks: PERIOD,
		proposal_blocks: 7 * DAY,
		grace_blocks: 30 * DAY,
		penalty_apr_bps: 500,
		cure_blocks: 14 * DAY,
		auction_blocks: 3 * DAY,
		extension_blocks: DAY,
		auction_fee_bps: 200,
		reserve_bps: 5_000,
		reserve_step_bps: 1_000,
		reserve_floor_bps: 2_000,
		min_increment_bps: 100,
	}
}

/// Terms of the documents' example: 70% LTV, 10–20% APR, 5% curator fee, ACT/365, straight line
/// at 35% a year.
pub fn terms() -> StackTerms {
	StackTerms {
		max_ltv_bps: 7_000,
		min_apr_bps: 1_000,
		max_apr_bps: 2_000,
		curator_fee_bps: 500,
		max_loans: 3,
		day_count: DayCount::Act365,
		amortization: Amortization::StraightLine { annual_rate_bps: 3_500 },
	}
}

pub struct ExtBuilder {
	params: FiloParams<u64>,
	/// `(MaxReceiptsPerLoan, MaxDeadlines, MaxDeadlinesPerBlock)`.
	bounds: (u32, u32, u32),
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { params: params(), bounds: MOCK_BOUNDS }
	}
}

impl ExtBuilder {
	/// The runtime's bounds on receipts and deadlines instead of the mock's small ones.
	pub fn runtime_bounds(mut self) -> Self {
		self.bounds = RUNTIME_BOUNDS;
		self
	}

	/// Changes the genesis parameters.
	pub fn with_params(mut self, change: impl FnOnce(&mut FiloParams<u64>)) -> Self {
		change(&mut self.params);
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		BOUNDS.with(|b| b.set(self.bounds));
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let vault = pallet_usdai::Pallet::<Test>::vault_account();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(CUSTODIAN, 10_000), (LP, 10_000), (BORROWER, 10_000)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![
				(USDC, ANYONE, true, 1),
				(USDAI, vault.clone(), true, 1),
				(SUSDAI, vault, true, 1),
			],
			metadata: vec![
				(USDC, b"USD Coin".to_vec(), b"USDC".to_vec(), 6),
				(USDAI, b"USDai".to_vec(), b"USDai".to_vec(), 18),
				(SUSDAI, b"Staked USDai".to_vec(), b"sUSDai".to_vec(), 18),
			],
			accounts: vec![],
			next_asset_id: None,
			reserves: vec![],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_usdai::GenesisConfig::<Test> {
			stablecoins: vec![(USDC, 1_000_000_000 * USD6, true)],
			limits: Some(pallet_usdai::MintLimits {
				supply_cap: Balance::MAX / 4,
				period: 1,
				max_per_period: Balance::MAX / 8,
			}),
			fees: pallet_usdai::FeeConfig { protocol_bps: 1_000, insurance_bps: 500 },
			vesting_period: 10,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_caliber::GenesisConfig::<Test> {
			custodians: vec![(
				CUSTODIAN,
				pallet_caliber::CustodianInfo {
					name: b"Warehouse".to_vec().try_into().unwrap(),
					jurisdiction: b"US-DE".to_vec().try_into().unwrap(),
					data_centres: vec![b"dc-1".to_vec().try_into().unwrap()].try_into().unwrap(),
					insurance_provider: b"Insurer".to_vec().try_into().unwrap(),
					bond: 100,
				},
			)],
			appraisers: vec![APPRAISER_1, APPRAISER_2],
			params: pallet_caliber::ValuationParams {
				min_posts: 2,
				max_age: 365 * 24 * 60 * 60,
				max_step_bps: 10_000,
				default_depreciation_bps: 0,
			},
			depreciation: vec![],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_filo::GenesisConfig::<Test> {
			params: Some(self.params),
			curators: vec![CURATOR, CURATOR_2],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Timestamp::set_timestamp(START * 1_000);
			// 10M USDai of liquidity, of which 5M staked into the vault.
			usdai(&LP, 10_000_000);
			assert_ok!(Usdai::stake(RuntimeOrigin::signed(LP), 5_000_000 * USD, 1));
			usdai(&CURATOR, 1_000_000);
			usdai(&CURATOR_2, 1_000_000);
			usdai(&BORROWER, 100_000);
			usdai(&BIDDER, 1_000_000);
			usdai(&BIDDER_2, 1_000_000);
		});
		ext
	}

	/// Runs `test`, then checks FiLo's, the vault's and caliber's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Filo::do_try_state().expect("FiLo invariants hold after the test");
			Usdai::do_try_state().expect("vault invariants hold after the test");
			Caliber::do_try_state().expect("caliber invariants hold after the test");
		});
	}
}

/// Gives `who` `dollars` USDai, minted against USDC through the vault.
pub fn usdai(who: &AccountId, dollars: Balance) {
	assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDC, who, dollars * USD6));
	assert_ok!(Usdai::deposit(RuntimeOrigin::signed(who.clone()), USDC, dollars * USD6, 0));
}

/// USDai balance of `who`.
pub fn usdai_of(who: &AccountId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(USDAI, who)
}

/// Tops up or moves `who`'s USDai (to the LP) until it holds exactly `keep`: paying `keep`
/// empties its account, and with `keep` zero a payment to it creates the account.
pub fn keep_only(who: &AccountId, keep: Balance) {
	let held = usdai_of(who);
	if held < keep {
		usdai(who, (keep - held) / USD + 1);
	}
	let extra = usdai_of(who) - keep;
	if extra > 0 {
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			USDAI,
			who,
			&LP,
			extra,
			frame_support::traits::tokens::Preservation::Expendable
		));
	}
	assert_eq!(usdai_of(who), keep);
}

/// A CALIBER receipt for the borrower worth `value` USDai (two appraisals).
pub fn receipt(value: Balance) -> ReceiptId {
	let id = pallet_caliber::NextReceiptId::<Test>::get();
	let info = pallet_caliber::ReceiptInfo {
		model: pallet_caliber::GpuModel::H100Sxm,
		count: 8,
		serials_hash: H256::repeat_byte(1),
		data_centre: b"dc-1".to_vec().try_into().unwrap(),
		bailment_hash: H256::repeat_byte(2),
		insurance: pallet_caliber::Insurance {
			policy_id: b"POL".to_vec().try_into().unwrap(),
			coverage: value * 2,
			expiry: START + 10 * 365 * 24 * 60 * 60,
		},
		appraisal: value,
	};
	assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), BORROWER, info));
	assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), id, value));
	assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_2), id, value));
	id
}

/// Opens a stack for `CURATOR` with `first_loss` dollars and a 10M cap.
pub fn stack(first_loss: Balance) -> StackId {
	let id = pallet_filo::NextStackId::<Test>::get();
	assert_ok!(Filo::open_stack(RuntimeOrigin::signed(CURATOR), first_loss * USD, terms()));
	assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), id, Some(10_000_000 * USD)));
	id
}

/// Proposes and accepts a loan of `principal` (base units) at `apr_bps` over `periods` against
/// one receipt worth `value` dollars.
pub fn loan(
	stack: StackId,
	value: Balance,
	principal: Balance,
	apr_bps: u32,
	periods: u32,
) -> LoanId {
	let r = receipt(value * USD);
	let id = pallet_filo::NextLoanId::<Test>::get();
	assert_ok!(Filo::propose_loan(
		RuntimeOrigin::signed(CURATOR),
		stack,
		BORROWER,
		vec![r].try_into().unwrap(),
		principal,
		apr_bps,
		periods
	));
	assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id));
	id
}

/// Advances to block `n`, running FiLo's `on_initialize` on the way.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Filo::on_initialize(next);
	}
}

/// FiLo's events since the last call.
pub fn filo_events() -> Vec<pallet_filo::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Filo(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Sets USDai's minimum balance to `min` base units (the mock creates it with one, at which no
/// dust exists; the runtime's is a cent).
pub fn set_usdai_min_balance(min: Balance) {
	let vault = pallet_usdai::Pallet::<Test>::vault_account();
	assert_ok!(Assets::force_asset_status(
		RuntimeOrigin::root(),
		USDAI,
		vault.clone(),
		vault.clone(),
		vault.clone(),
		vault,
		min,
		true,
		false
	));
}

/// USDai's supply equals the sum of its balances: no dust left an account without leaving the
/// supply.
pub fn assert_usdai_supply_is_held() {
	let held: Balance =
		pallet_assets::Account::<Test>::iter_prefix(USDAI).map(|(_, a)| a.balance).sum();
	assert_eq!(
		<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::total_issuance(USDAI),
		held,
		"USDai supply differs from its balances"
	);
}

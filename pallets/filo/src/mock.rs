//! A test runtime with the real vault (pallet-usdai), the real receipts (pallet-caliber on
//! pallet-nfts) and FiLo, so that every test sees the vault's books and the receipts' locks as
//! the chain does. Accounts are `AccountId32` (pallet-nfts' signature types are the real ones).

use crate as pallet_filo;
use crate::{FiloParams, StackTerms};
use frame_support::{
	assert_ok, parameter_types,
	traits::{fungibles::Mutate, ConstU32, ConstU64},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::{AccountId32, BuildStorage};
pub use usdai_primitives::{
	assets::{USDAI, USDC},
	Balance, LoanId, ReceiptId, StackId,
};
use usdai_test_support::builders::{Receipt, Terms};
// One USDC (6 decimals); one USDai (18 decimals).
pub use usdai_test_support::units::{USD, USD6};

pub type AccountId = AccountId32;

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

/// Blocks per day in the mock.
pub const DAY: u64 = 10;
/// A 30-day period.
pub const PERIOD: u64 = 30 * DAY;
/// Timestamp at genesis, seconds (2026-01-01).
pub const START: u64 = 1_767_225_600;

usdai_test_support::mock_runtime! {
	Test, AccountId;
	2: Timestamp = pallet_timestamp,
	3: Assets = pallet_assets,
	4: Nfts = pallet_nfts,
	5: Usdai = pallet_usdai,
	6: Caliber = pallet_caliber,
	7: Filo = pallet_filo,
}
// The vault notes USDai and sUSDai debits for its points.
usdai_test_support::impl_mock_assets!(Test, AccountId, freezer: Usdai);
usdai_test_support::impl_mock_usdai!(Test, AccountId, blocks_per_day: DAY);
usdai_test_support::impl_mock_caliber!(
	Test, AccountId, max_appraisers: ConstU32<5>, max_receipts_per_loan: TestMaxReceipts
);

parameter_types! {
	pub const FiloPalletId: PalletId = PalletId(*b"usdai/fl");
	pub const Treasury: AccountId = TREASURY;
}

/// The mock's bounds: `(MaxReceiptsPerLoan, MaxDeadlines, MaxDeadlinesPerBlock)` (the first
/// of caliber too). Small by default; [`ExtBuilder::runtime_bounds`] gives the runtime's, for
/// the tests that count a call's storage accesses in its worst case. `MaxPeriods` is the
/// runtime's already.
pub const MOCK_BOUNDS: (u32, u32, u32) = (4, 8, 2);
/// The runtime's bounds (runtime/src/configs/protocol.rs).
pub const RUNTIME_BOUNDS: (u32, u32, u32) = (16, 256, 8);

// `MaxReceiptsPerLoan` is filo's and caliber's.
usdai_test_support::test_bounds! {
	static BOUNDS: (u32, u32, u32) = MOCK_BOUNDS;
	TestMaxReceipts: 0,
	TestMaxDeadlines: 1,
	TestMaxDeadlinesPerBlock: 2,
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
/// at 35% a year; three loans at most.
pub fn terms() -> StackTerms {
	usdai_test_support::stack_terms!(Terms::example().max_loans(3))
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
		let mut storage = usdai_test_support::genesis::system::<Test>();
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			vec![(CUSTODIAN, 10_000), (LP, 10_000), (BORROWER, 10_000)],
		);
		usdai_test_support::open_vault_genesis!(Test, &mut storage, [(USDC, ANYONE)]);
		pallet_caliber::GenesisConfig::<Test> {
			custodians: vec![(
				CUSTODIAN,
				pallet_caliber::CustodianInfo {
					name: usdai_test_support::text("Warehouse"),
					jurisdiction: usdai_test_support::text("US-DE"),
					data_centres: vec![usdai_test_support::text("dc-1")].try_into().unwrap(),
					insurance_provider: usdai_test_support::text("Insurer"),
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
		usdai_test_support::genesis::start::<Test>(storage, || {
			Timestamp::set_timestamp(START * 1_000);
			// 10M USDai of liquidity, of which 5M staked into the vault.
			usdai(&LP, 10_000_000);
			assert_ok!(Usdai::stake(RuntimeOrigin::signed(LP), 5_000_000 * USD, 1));
			usdai(&CURATOR, 1_000_000);
			usdai(&CURATOR_2, 1_000_000);
			usdai(&BORROWER, 100_000);
			usdai(&BIDDER, 1_000_000);
			usdai(&BIDDER_2, 1_000_000);
		})
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
	usdai_test_support::balance::<Test>(USDAI, who)
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

/// A CALIBER receipt for the borrower worth `value` USDai (two appraisals), insured for twice
/// that for ten years.
pub fn receipt(value: Balance) -> ReceiptId {
	let id = pallet_caliber::NextReceiptId::<Test>::get();
	let expiry = START + 10 * 365 * 24 * 60 * 60;
	let info = Receipt::h100(value, value * 2, expiry).hashes(1, 2).policy("POL");
	let info = usdai_test_support::receipt_info!(info);
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
	usdai_test_support::run_to::<Test, Filo>(n)
}

/// FiLo's events since the last call.
pub fn filo_events() -> Vec<pallet_filo::Event<Test>> {
	usdai_test_support::take_events::<Test, _>()
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
	usdai_test_support::assert_supply_is_the_balances::<Test>([USDAI]);
}

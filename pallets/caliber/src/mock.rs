//! A test runtime: frame-system, pallet-balances, pallet-timestamp, pallet-nfts and the registry.
//! Accounts are `AccountId32` so that pallet-nfts' signature types are the real ones.

use crate as pallet_caliber;
use crate::{CustodianInfo, GpuModel, ReceiptInfo, ValuationParams};
use frame_support::{assert_ok, traits::ConstU32};
use sp_runtime::{AccountId32, BuildStorage};
pub use usdai_primitives::{Balance, ReceiptId, UnixSeconds};
use usdai_test_support::builders::Receipt;
// Bytes as a bounded vector; one USDai (18 decimals).
pub use usdai_test_support::{text, units::USD};

pub type AccountId = AccountId32;

pub const ALICE: AccountId = AccountId32::new([1; 32]);
pub const BOB: AccountId = AccountId32::new([2; 32]);
/// A registered custodian with data centre `dc-1`.
pub const CUSTODIAN: AccountId = AccountId32::new([10; 32]);
/// A second registered custodian with data centre `dc-9`.
pub const OTHER_CUSTODIAN: AccountId = AccountId32::new([11; 32]);
/// Registered appraisers.
pub const APPRAISER_1: AccountId = AccountId32::new([21; 32]);
pub const APPRAISER_2: AccountId = AccountId32::new([22; 32]);
pub const APPRAISER_3: AccountId = AccountId32::new([23; 32]);
/// Not an appraiser at genesis.
pub const APPRAISER_4: AccountId = AccountId32::new([24; 32]);
/// Plays the auction escrow in seizure tests.
pub const AUCTION: AccountId = AccountId32::new([30; 32]);

/// Custodian bond at genesis.
pub const BOND: Balance = 1_000;
/// Genesis time: 2026-01-01T00:00:00Z.
pub const START: UnixSeconds = 1_767_225_600;
pub const DAY: UnixSeconds = 24 * 60 * 60;
pub const YEAR: UnixSeconds = 365 * DAY;
/// H100-SXM depreciation at genesis: 20% a year.
pub const H100_RATE: u32 = 2_000;
/// Default depreciation at genesis: 15% a year.
pub const DEFAULT_RATE: u32 = 1_500;

// As the runtime, the base call filter refuses `nfts.burn` of a CALIBER receipt.
usdai_test_support::mock_runtime! {
	Test, AccountId;
	2: Timestamp = pallet_timestamp,
	3: Nfts = pallet_nfts,
	4: Caliber = pallet_caliber;
	system { type BaseCallFilter = pallet_caliber::ReceiptBurnFilter<Test>; }
}
usdai_test_support::impl_mock_caliber!(
	Test, AccountId, max_appraisers: TestMaxAppraisers, max_receipts_per_loan: ConstU32<4>
);

/// `MaxAppraisers` of the test (`TestMaxAppraisers`): small by default;
/// [`ExtBuilder::runtime_bounds`] gives the runtime's, for the tests that count a call's storage
/// accesses in its worst case.
pub const MOCK_MAX_APPRAISERS: u32 = 5;
/// The runtime's `MaxAppraisers` (runtime/src/configs/protocol.rs).
pub const RUNTIME_MAX_APPRAISERS: u32 = 16;

usdai_test_support::test_bounds! {
	static MAX_APPRAISERS: u32 = MOCK_MAX_APPRAISERS; TestMaxAppraisers
}

/// What the genesis custodians register.
pub fn custodian_info(data_centre: &str) -> CustodianInfo {
	CustodianInfo {
		name: text("Compute Warehouse LLC"),
		jurisdiction: text("US-DE"),
		data_centres: vec![text(data_centre)].try_into().unwrap(),
		insurance_provider: text("Lloyd's syndicate 2623"),
		bond: BOND,
	}
}

/// A batch of eight H100-SXM at `dc-1`, appraised at 300,000 and insured for 400,000 for a year
/// from genesis (policy `POL-1`).
pub fn h100_batch() -> ReceiptInfo {
	usdai_test_support::receipt_info!(Receipt::h100(300_000 * USD, 400_000 * USD, START + YEAR))
}

pub struct ExtBuilder {
	params: ValuationParams,
	max_appraisers: u32,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			params: ValuationParams {
				min_posts: 2,
				max_age: 30 * DAY,
				max_step_bps: 1_000,
				default_depreciation_bps: DEFAULT_RATE,
			},
			max_appraisers: MOCK_MAX_APPRAISERS,
		}
	}
}

impl ExtBuilder {
	/// The runtime's `MaxAppraisers` instead of the mock's.
	pub fn runtime_bounds(mut self) -> Self {
		self.max_appraisers = RUNTIME_MAX_APPRAISERS;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		MAX_APPRAISERS.with(|m| m.set(self.max_appraisers));
		let mut storage = usdai_test_support::genesis::system::<Test>();
		let accounts = [ALICE, BOB, CUSTODIAN, OTHER_CUSTODIAN, APPRAISER_4];
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			accounts.into_iter().map(|who| (who, 10_000)).collect(),
		);
		pallet_caliber::GenesisConfig::<Test> {
			custodians: vec![
				(CUSTODIAN, custodian_info("dc-1")),
				(OTHER_CUSTODIAN, custodian_info("dc-9")),
			],
			appraisers: vec![APPRAISER_1, APPRAISER_2, APPRAISER_3],
			params: self.params,
			depreciation: vec![(GpuModel::H100Sxm, H100_RATE)],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		usdai_test_support::genesis::start::<Test>(storage, || {
			Timestamp::set_timestamp(START * 1_000);
		})
	}

	/// Runs `test`, then checks the registry's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Caliber::do_try_state().expect("invariants hold after the test");
		});
	}
}

/// Moves the clock `secs` forward (and the block number by one).
pub fn advance(secs: UnixSeconds) {
	let now = pallet_timestamp::Now::<Test>::get();
	System::set_block_number(System::block_number() + 1);
	pallet_timestamp::Now::<Test>::put(now + secs * 1_000);
}

/// Issues the H100 batch from `CUSTODIAN` to `ALICE`.
pub fn issue() -> ReceiptId {
	let id = pallet_caliber::NextReceiptId::<Test>::get();
	assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, h100_batch()));
	id
}

/// Issues the H100 batch to `ALICE` and has two appraisers confirm `value`.
pub fn issue_appraised(value: Balance) -> ReceiptId {
	let id = issue();
	assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), id, value));
	assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_2), id, value));
	id
}

/// The events of the registry since the last call.
pub fn caliber_events() -> Vec<pallet_caliber::Event<Test>> {
	usdai_test_support::take_events::<Test, _>()
}

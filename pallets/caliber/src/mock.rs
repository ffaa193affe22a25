//! A test runtime: frame-system, pallet-balances, pallet-timestamp, pallet-nfts and the registry.
//! Accounts are `AccountId32` so that pallet-nfts' signature types are the real ones.

use crate as pallet_caliber;
use crate::{CustodianInfo, GpuModel, Insurance, ReceiptInfo, ValuationParams};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_nfts::PalletFeatures;
use sp_core::H256;
use sp_runtime::{
	traits::{IdentityLookup, Verify},
	AccountId32, BuildStorage, MultiSignature,
};
pub use usdai_primitives::{Balance, ReceiptId, UnixSeconds};

pub type AccountId = AccountId32;
type Block = frame_system::mocking::MockBlock<Test>;
type AccountPublic = <MultiSignature as Verify>::Signer;

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

/// One USDai (18 decimals).
pub const USD: Balance = 1_000_000_000_000_000_000;
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
	pub type Nfts = pallet_nfts;
	#[runtime::pallet_index(4)]
	pub type Caliber = pallet_caliber;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type BaseCallFilter = pallet_caliber::ReceiptBurnFilter<Test>;
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

parameter_types! {
	pub storage NftFeatures: PalletFeatures = PalletFeatures::all_enabled();
	pub const CaliberPalletId: PalletId = PalletId(*b"usdai/cl");
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

/// `MaxAppraisers` of the test: small by default; [`ExtBuilder::runtime_bounds`] gives the
/// runtime's, for the tests that count a call's storage accesses in its worst case.
pub const MOCK_MAX_APPRAISERS: u32 = 5;
/// The runtime's `MaxAppraisers` (runtime/src/configs/protocol.rs).
pub const RUNTIME_MAX_APPRAISERS: u32 = 16;

std::thread_local! {
	static MAX_APPRAISERS: core::cell::Cell<u32> = const { core::cell::Cell::new(MOCK_MAX_APPRAISERS) };
}

/// `MaxAppraisers` of the test (see [`MOCK_MAX_APPRAISERS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
pub struct TestMaxAppraisers;
impl frame_support::traits::Get<u32> for TestMaxAppraisers {
	fn get() -> u32 {
		MAX_APPRAISERS.with(|m| m.get())
	}
}

impl pallet_caliber::Config for Test {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type PalletId = CaliberPalletId;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxAppraisers = TestMaxAppraisers;
	type MaxGpusPerReceipt = ConstU32<1_024>;
	type MaxReceiptsPerLoan = ConstU32<4>;
	type MaxDepreciationBps = ConstU32<5_000>;
	type ValuationPeriod = ConstU64<DAY>;
	type WeightInfo = ();
}

/// Bytes as a bounded vector (panics when too long: test data only).
pub fn text<S: frame_support::traits::Get<u32>>(s: &str) -> frame_support::BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().unwrap()
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

/// Insurance in force for a year from genesis, covering `coverage`.
pub fn insurance(coverage: Balance) -> Insurance {
	Insurance { policy_id: text("POL-1"), coverage, expiry: START + YEAR }
}

/// A batch of eight H100-SXM at `dc-1`, appraised at 300,000 and insured for 400,000.
pub fn h100_batch() -> ReceiptInfo {
	ReceiptInfo {
		model: GpuModel::H100Sxm,
		count: 8,
		serials_hash: H256::repeat_byte(0xaa),
		data_centre: text("dc-1"),
		bailment_hash: H256::repeat_byte(0xbb),
		insurance: insurance(400_000 * USD),
		appraisal: 300_000 * USD,
	}
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
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(ALICE, 10_000),
				(BOB, 10_000),
				(CUSTODIAN, 10_000),
				(OTHER_CUSTODIAN, 10_000),
				(APPRAISER_4, 10_000),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
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
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Timestamp::set_timestamp(START * 1_000);
		});
		ext
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
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Caliber(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

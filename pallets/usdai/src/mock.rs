//! A test runtime: frame-system, pallet-balances, pallet-assets and the vault.

use crate as pallet_usdai;
use crate::{FeeConfig, MintLimits};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, Hooks},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{traits::IdentityLookup, BuildStorage};
use usdai_primitives::{AssetId, Balance};

pub type AccountId = u128;
type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// Plays filo (lender) and the QEV queue in tests.
pub const LENDER: AccountId = 9;
pub const EMERGENCY: AccountId = 77;

pub const USDC: AssetId = 1;
pub const USDT: AssetId = 2;
/// An 18-decimal stablecoin (no scaling).
pub const DAI: AssetId = 3;
/// A token that is not a stablecoin of the vault.
pub const OTHER: AssetId = 50;
pub const USDAI: AssetId = 100;
pub const SUSDAI: AssetId = 101;

/// One USDC/USDT (6 decimals).
pub const USD6: Balance = 1_000_000;
/// One USDai / sUSDai / DAI (18 decimals).
pub const USD18: Balance = 1_000_000_000_000_000_000;
/// Dead shares minted at the first stake.
pub const DEAD: Balance = 1_000;
/// Blocks per "day" for points.
pub const DAY: u64 = 100;
/// Vesting window of realised yield at genesis.
pub const VESTING: u64 = 80;

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
	pub type Usdai = pallet_usdai;
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
	/// The vault notes every USDai and sUSDai debit for the points.
	type Freezer = Usdai;
	type Holder = ();
	type CallbackHandle = ();
}

parameter_types! {
	pub const UsdaiPalletId: PalletId = PalletId(*b"usdai/vt");
}

/// Governance is root; the emergency origin is the signed account `EMERGENCY`.
pub type EnsureEmergency = frame_system::EnsureSignedBy<EmergencyAccount, AccountId>;
frame_support::ord_parameter_types! {
	pub const EmergencyAccount: AccountId = EMERGENCY;
}

parameter_types! {
	/// Accounts settled at the end of a block (tests lower it to reach the bound).
	pub static MaxPointsPending: u32 = 16;
	/// Events read for receivers at the end of a block (tests lower it to reach the bound).
	pub static MaxPointsScanned: u32 = 512;
	/// Holders the points walk visits in a block.
	pub static MaxPointsVisits: u32 = 3;
	/// Half of each protocol fee goes to CHIP lockers.
	pub const LockerFeeShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
}

impl pallet_usdai::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Assets = Assets;
	type Holders = crate::AssetHolders<Test>;
	type PalletId = UsdaiPalletId;
	type UsdaiAsset = ConstU32<USDAI>;
	type SusdaiAsset = ConstU32<SUSDAI>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureEmergency;
	type MaxStablecoins = ConstU32<4>;
	type MaxProtocolFeeBps = ConstU32<2_000>;
	type MaxInsuranceBps = ConstU32<1_000>;
	type LockerFeeShare = LockerFeeShare;
	type DeadShares = ConstU128<DEAD>;
	type MaxVestingPeriod = ConstU64<1_000>;
	type BlocksPerDay = ConstU64<DAY>;
	type MaxPointsVisitsPerBlock = MaxPointsVisits;
	type TransferEvents = crate::AssetTransfers<Test>;
	type MaxPointsPendingPerBlock = MaxPointsPending;
	type MaxPointsScannedEvents = MaxPointsScanned;
	type WeightInfo = ();
}

/// The runtime's bounds of the points accounting (runtime/src/configs/mod.rs):
/// `MaxPointsPendingPerBlock`, `MaxPointsScannedEvents`, `MaxPointsVisitsPerBlock`.
pub const RUNTIME_POINTS_BOUNDS: (u32, u32, u32) = (4_096, 65_536, 200);

/// Default genesis: USDC and USDT accepted (cap 10M each), DAI accepted with a small cap, a 50M
/// USDai supply cap, 1M per 10-block period, fees 10% + 5%, an 80-block vesting window.
pub struct ExtBuilder {
	limits: Option<MintLimits<u64>>,
	stable_min: Balance,
	usdai_min: Balance,
	runtime_bounds: bool,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			limits: Some(MintLimits {
				supply_cap: 50_000_000 * USD18,
				period: 10,
				max_per_period: 1_000_000 * USD18,
			}),
			stable_min: 1,
			usdai_min: 1,
			runtime_bounds: false,
		}
	}
}

impl ExtBuilder {
	/// No mint limits at genesis (deposits closed).
	pub fn without_limits(mut self) -> Self {
		self.limits = None;
		self
	}

	/// Sets the minimum balance of the stablecoins.
	pub fn stable_min(mut self, min: Balance) -> Self {
		self.stable_min = min;
		self
	}

	/// Sets the minimum balance of USDai and sUSDai.
	pub fn usdai_min(mut self, min: Balance) -> Self {
		self.usdai_min = min;
		self
	}

	/// The runtime's bounds of the points accounting ([`RUNTIME_POINTS_BOUNDS`]), for the tests
	/// that count the storage the hooks touch in their worst case.
	pub fn runtime_bounds(mut self) -> Self {
		self.runtime_bounds = true;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		if self.runtime_bounds {
			let (pending, scanned, visits) = RUNTIME_POINTS_BOUNDS;
			MaxPointsPending::set(pending);
			MaxPointsScanned::set(scanned);
			MaxPointsVisits::set(visits);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let vault = pallet_usdai::Pallet::<Test>::vault_account();
		let (min, umin) = (self.stable_min, self.usdai_min);
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (LENDER, 1_000)],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![
				(USDC, 0, true, min),
				(USDT, 0, true, min),
				(DAI, 0, true, min),
				(OTHER, 0, true, min),
				(USDAI, vault, true, umin),
				(SUSDAI, vault, true, umin),
			],
			metadata: vec![
				(USDC, b"USD Coin".to_vec(), b"USDC".to_vec(), 6),
				(USDT, b"Tether".to_vec(), b"USDT".to_vec(), 6),
				(DAI, b"Dai".to_vec(), b"DAI".to_vec(), 18),
				(OTHER, b"Other".to_vec(), b"OTH".to_vec(), 6),
				(USDAI, b"USDai".to_vec(), b"USDai".to_vec(), 18),
				(SUSDAI, b"Staked USDai".to_vec(), b"sUSDai".to_vec(), 18),
			],
			accounts: vec![
				(USDC, ALICE, 1_000_000 * USD6),
				(USDC, BOB, 1_000_000 * USD6),
				(USDC, CHARLIE, 1_000_000 * USD6),
				(USDC, LENDER, 1_000_000 * USD6),
				(USDT, ALICE, 1_000_000 * USD6),
				(DAI, ALICE, 1_000 * USD18),
				(OTHER, ALICE, 1_000 * USD6),
			],
			next_asset_id: None,
			reserves: vec![],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_usdai::GenesisConfig::<Test> {
			stablecoins: vec![
				(USDC, 10_000_000 * USD6, true),
				(USDT, 10_000_000 * USD6, true),
				(DAI, 500 * USD18, true),
			],
			limits: self.limits,
			fees: FeeConfig { protocol_bps: 1_000, insurance_bps: 500 },
			vesting_period: VESTING,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks every invariant of the vault, and that no token lost dust.
	pub fn build_and_execute<R>(self, test: impl FnOnce() -> R) -> R {
		self.build().execute_with(|| {
			let result = test();
			Usdai::do_try_state().expect("vault invariants hold after the test");
			assert_supply_is_the_balances();
			result
		})
	}
}

/// Every token's supply is the sum of its balances: no debit destroyed dust without lowering
/// the supply (what the runtime fuzzer checks after every block).
pub fn assert_supply_is_the_balances() {
	for asset in [USDC, USDT, DAI, OTHER, USDAI, SUSDAI] {
		let held: Balance =
			pallet_assets::Account::<Test>::iter_prefix(asset).map(|(_, a)| a.balance).sum();
		assert_eq!(held, supply(asset), "asset {asset}: balances differ from the supply");
	}
}

/// Sets the minimum balance of `asset` (as governance may with `force_asset_status`).
pub fn set_min_balance(asset: AssetId, min: Balance) {
	pallet_assets::Asset::<Test>::mutate(asset, |details| {
		details.as_mut().expect("the asset exists").min_balance = min;
	});
}

/// Ends blocks until block `n` has started, running the vault's hooks as a chain does: the
/// current block's `on_idle` (the points walk, with `idle` spare weight) and `on_finalize`, then
/// the next block's `on_initialize`. Events and the block's weight are reset between blocks, as
/// `frame_system` does.
pub fn run_to_block_with_idle(n: u64, idle: frame_support::weights::Weight) {
	while System::block_number() < n {
		let now = System::block_number();
		Usdai::on_idle(now, idle);
		Usdai::on_finalize(now);
		let next = now + 1;
		System::reset_events();
		System::initialize(&next, &System::parent_hash(), &Default::default());
		Usdai::on_initialize(next);
	}
}

/// Advances to block `n`, with plenty of spare weight for the points walk in each block.
pub fn run_to_block(n: u64) {
	run_to_block_with_idle(n, frame_support::weights::Weight::MAX);
}

/// Advances to block `n` on a busy chain: no block has spare weight for the points walk.
pub fn run_to_block_busy(n: u64) {
	run_to_block_with_idle(n, frame_support::weights::Weight::zero());
}

/// The last event of the vault.
pub fn last_event() -> pallet_usdai::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Usdai(e) = r.event { Some(e) } else { None })
		.expect("a vault event")
}

/// Balance of `asset` of `who`.
pub fn bal(asset: AssetId, who: AccountId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(asset, &who)
}

/// Total supply of `asset`.
pub fn supply(asset: AssetId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::total_issuance(asset)
}

/// `who` deposits `usdc` whole USDC and stakes all the USDai.
pub fn deposit_and_stake(who: AccountId, usdc: Balance) -> Balance {
	assert_ok!(Usdai::deposit(RuntimeOrigin::signed(who), USDC, usdc * USD6, 0));
	assert_ok!(Usdai::stake(RuntimeOrigin::signed(who), usdc * USD18, 0));
	bal(SUSDAI, who)
}

/// Gives `who` `amount` USDai by a USDC deposit (whole dollars only).
pub fn give_usdai(who: AccountId, dollars: Balance) {
	assert_ok!(Usdai::deposit(RuntimeOrigin::signed(who), USDC, dollars * USD6, 0));
}

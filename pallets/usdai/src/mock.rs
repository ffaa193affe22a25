//! A test runtime: frame-system, pallet-balances, pallet-assets and the vault.

use crate as pallet_usdai;
use crate::{FeeConfig, MintLimits};
use frame_support::{assert_ok, parameter_types, traits::Hooks};
use sp_runtime::BuildStorage;
pub use usdai_primitives::{
	assets::{SUSDAI, USDAI, USDC, USDT},
	AssetId, Balance,
};
// One USDC/USDT (6 decimals); one USDai / sUSDai / DAI (18 decimals).
pub use usdai_test_support::units::{USD18, USD6};

pub type AccountId = u128;

usdai_test_support::mock_runtime! {
	Test, AccountId;
	2: Assets = pallet_assets,
	3: Usdai = pallet_usdai,
}
// The vault notes every USDai and sUSDai debit for the points.
usdai_test_support::impl_mock_assets!(Test, AccountId, freezer: Usdai);

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// Plays filo (lender) and the QEV queue in tests.
pub const LENDER: AccountId = 9;
pub const EMERGENCY: AccountId = 77;

/// An 18-decimal stablecoin (no scaling).
pub const DAI: AssetId = 3;
/// A token that is not a stablecoin of the vault.
pub const OTHER: AssetId = 50;

/// Dead shares minted at the first stake.
pub const DEAD: Balance = 1_000;
/// Blocks per "day" for points.
pub const DAY: u64 = 100;
/// Vesting window of realised yield at genesis.
pub const VESTING: u64 = 80;

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
}

usdai_test_support::impl_mock_usdai!(
	Test, AccountId, blocks_per_day: DAY,
	emergency: EnsureEmergency,
	points: (MaxPointsVisits, MaxPointsPending, MaxPointsScanned),
);

/// The runtime's bounds of the points accounting (runtime/src/configs/mod.rs):
/// `MaxPointsPendingPerBlock`, `MaxPointsScannedEvents`, `MaxPointsVisitsPerBlock`.
pub const RUNTIME_POINTS_BOUNDS: (u32, u32, u32) = (4_096, 65_536, 200);

/// Default genesis: USDC and USDT accepted (cap 10M each), DAI accepted with a small cap, a 50M
/// USDai supply cap, 1M per 10-block period, fees 10% + 5%, an 80-block vesting window.
pub struct ExtBuilder {
	limits: Option<MintLimits<u64>>,
	stable_min: Balance,
	usdai_min: Balance,
	/// The points accounting's bounds to set, if not the mock's.
	points_bounds: Option<(u32, u32, u32)>,
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
			points_bounds: None,
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
		self.points_bounds = Some(RUNTIME_POINTS_BOUNDS);
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		if let Some((pending, scanned, visits)) = self.points_bounds {
			MaxPointsPending::set(pending);
			MaxPointsScanned::set(scanned);
			MaxPointsVisits::set(visits);
		}
		let mut storage = usdai_test_support::genesis::system::<Test>();
		let vault = pallet_usdai::Pallet::<Test>::vault_account();
		let (min, umin) = (self.stable_min, self.usdai_min);
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (LENDER, 1_000)],
		);
		usdai_test_support::genesis::assets::<Test>(
			&mut storage,
			vec![
				(USDC, 0, true, min),
				(USDT, 0, true, min),
				(DAI, 0, true, min),
				(OTHER, 0, true, min),
				(USDAI, vault, true, umin),
				(SUSDAI, vault, true, umin),
			],
			&[
				(USDC, "USD Coin", "USDC", 6),
				(USDT, "Tether", "USDT", 6),
				(DAI, "Dai", "DAI", 18),
				(OTHER, "Other", "OTH", 6),
				(USDAI, "USDai", "USDai", 18),
				(SUSDAI, "Staked USDai", "sUSDai", 18),
			],
			vec![
				(USDC, ALICE, 1_000_000 * USD6),
				(USDC, BOB, 1_000_000 * USD6),
				(USDC, CHARLIE, 1_000_000 * USD6),
				(USDC, LENDER, 1_000_000 * USD6),
				(USDT, ALICE, 1_000_000 * USD6),
				(DAI, ALICE, 1_000 * USD18),
				(OTHER, ALICE, 1_000 * USD6),
			],
		);
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
		usdai_test_support::genesis::start::<Test>(storage, || {})
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
	usdai_test_support::assert_supply_is_the_balances::<Test>([
		USDC, USDT, DAI, OTHER, USDAI, SUSDAI,
	]);
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
	usdai_test_support::last_event::<Test, _>().expect("a vault event")
}

/// Balance of `asset` of `who`.
pub fn bal(asset: AssetId, who: AccountId) -> Balance {
	usdai_test_support::balance::<Test>(asset, &who)
}

/// Total supply of `asset`.
pub fn supply(asset: AssetId) -> Balance {
	usdai_test_support::supply::<Test>(asset)
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

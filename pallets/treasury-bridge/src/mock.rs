//! A test runtime with the real vault (pallet-usdai on pallet-assets) and the bridge.

use crate as pallet_treasury_bridge;
use crate::{Deposit, DepositAction, InflowLimit, NavReport};
use frame_support::{
	assert_ok, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Equals},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use sp_core::H256;
use sp_runtime::BuildStorage;
pub use usdai_primitives::{
	assets::{SUSDAI, USDAI, USDC, USDT},
	AssetId, Balance,
};
// One stablecoin (6 decimals), one USDai (18 decimals).
pub use usdai_test_support::units::{USD, USD6};

pub type AccountId = u128;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// The relayers of the genesis set (threshold 3 of 4).
pub const R1: AccountId = 11;
pub const R2: AccountId = 12;
pub const R3: AccountId = 13;
pub const R4: AccountId = 14;
pub const RELAYERS: [AccountId; 4] = [R1, R2, R3, R4];
/// The emergency origin's account.
pub const GUARDIAN: AccountId = 99;

/// The two open channels.
pub const ETH: u32 = 0;
pub const BASE: u32 = 1;
/// Inflow period and allowance of each asset.
pub const PERIOD: u64 = 10;
pub const MAX_INFLOW: Balance = 1_000 * USD6;
/// Wall-clock time at genesis.
pub const GENESIS_TIME: u64 = 1_700_000_000;

// System, Balances, Assets and the real vault (Usdai) as usdai-test-support configures them.
usdai_test_support::vault_runtime!(Test, AccountId; 4: TreasuryBridge = pallet_treasury_bridge);

parameter_types! {
	pub const BridgePalletId: PalletId = PalletId(*b"usdai/br");
	/// Wall-clock seconds, set by tests.
	pub static Now: u64 = GENESIS_TIME;
}

frame_support::ord_parameter_types! {
	pub const Guardian: AccountId = GUARDIAN;
}

/// Wall-clock time from [`Now`].
pub struct MockTime;
impl frame_support::traits::UnixTime for MockTime {
	fn now() -> core::time::Duration {
		// The runtime's clock is pallet-timestamp's `Now`, a storage item: read a key as it does,
		// so that the tests counting a call's storage accesses count the clock too.
		let _ = frame_support::storage::unhashed::exists(b"MockTime::Now");
		core::time::Duration::from_secs(Now::get())
	}
}

/// The bridge's bounds that the runtime sets larger than the mock does. Small by default;
/// [`ExtBuilder::runtime_bounds`] gives the runtime's, for the tests that count a call's storage
/// accesses in its worst case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
	pub max_relayers: u32,
	pub max_channels: u32,
	pub max_queued_per_asset: u32,
	pub max_queue_credits_per_block: u32,
	pub max_pending_outbound: u32,
	pub max_held_credits: u32,
	pub max_pending_withdrawals: u32,
	pub max_withdrawals_per_account: u32,
}

/// The mock's bounds.
pub const MOCK_BOUNDS: Bounds = Bounds {
	max_relayers: 7,
	max_channels: 3,
	max_queued_per_asset: 3,
	max_queue_credits_per_block: 2,
	max_pending_outbound: 4,
	max_held_credits: 2,
	max_pending_withdrawals: 3,
	max_withdrawals_per_account: 2,
};

/// The runtime's bounds (runtime/src/configs/protocol.rs). `MaxAssets` stays the mock's 2: the
/// runtime's `Stablecoins` are two tokens, so no more are ever bridged.
pub const RUNTIME_BOUNDS: Bounds = Bounds {
	max_relayers: 16,
	max_channels: 8,
	max_queued_per_asset: 256,
	max_queue_credits_per_block: 16,
	max_pending_outbound: 1_024,
	max_held_credits: 1_024,
	max_pending_withdrawals: 960,
	max_withdrawals_per_account: 4,
};

usdai_test_support::test_bounds! {
	static BOUNDS: Bounds = MOCK_BOUNDS;
	TestMaxRelayers: max_relayers,
	TestMaxChannels: max_channels,
	TestMaxQueuedPerAsset: max_queued_per_asset,
	TestMaxQueueCreditsPerBlock: max_queue_credits_per_block,
	TestMaxPendingOutbound: max_pending_outbound,
	TestMaxHeldCredits: max_held_credits,
	TestMaxPendingWithdrawals: max_pending_withdrawals,
	TestMaxWithdrawalsPerAccount: max_withdrawals_per_account,
}

impl pallet_treasury_bridge::Config for Test {
	type Assets = Assets;
	// pallet-usdai implements `BridgeVault` over its own deposit path and reserves.
	type BridgeVault = Usdai;
	type Sleeve = Usdai;
	type UnixTime = MockTime;
	type PalletId = BridgePalletId;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureSignedBy<Guardian, AccountId>;
	type MaxRelayers = TestMaxRelayers;
	type MaxChannels = TestMaxChannels;
	type MaxAssets = ConstU32<2>;
	type MaxQueuedPerAsset = TestMaxQueuedPerAsset;
	type MaxQueueCreditsPerBlock = TestMaxQueueCreditsPerBlock;
	type MaxPendingOutbound = TestMaxPendingOutbound;
	type MaxNavChangeBps = ConstU32<100>;
	type MaxNavAge = ConstU64<3_600>;
	type MaxNavClockDrift = ConstU64<60>;
	type MaxSleeveTargetBps = ConstU32<8_000>;
	type MinSleeveMove = ConstU128<{ 10 * USD6 }>;
	type MaxHeldCredits = TestMaxHeldCredits;
	type MinWithdrawal = ConstU128<USD>;
	type MaxPendingWithdrawals = TestMaxPendingWithdrawals;
	type MaxWithdrawalsPerAccount = TestMaxWithdrawalsPerAccount;
	/// USDC and USDT: never USDai or sUSDai.
	type Stablecoins = (Equals<ConstU32<USDC>>, Equals<ConstU32<USDT>>);
	type WeightInfo = ();
	// The mock's vault is the real pallet-usdai: it prepares the benchmarks as in the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = Usdai;
}

pub struct ExtBuilder {
	/// The genesis relayers and their threshold.
	relayers: (Vec<AccountId>, u32),
	/// The bridge's bounds.
	bounds: Bounds,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { relayers: (RELAYERS.to_vec(), 3), bounds: MOCK_BOUNDS }
	}
}

impl ExtBuilder {
	/// The runtime's bounds instead of the mock's small ones.
	pub fn runtime_bounds(mut self) -> Self {
		self.bounds = RUNTIME_BOUNDS;
		self
	}

	/// At most `max` credits held aside.
	pub fn max_held_credits(mut self, max: u32) -> Self {
		self.bounds.max_held_credits = max;
		self
	}

	/// Starts with these relayers and threshold.
	pub fn with_relayers(mut self, relayers: Vec<AccountId>, threshold: u32) -> Self {
		self.relayers = (relayers, threshold);
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		BOUNDS.with(|b| b.set(self.bounds));
		let mut storage = usdai_test_support::genesis::system::<Test>();
		let bridge = pallet_treasury_bridge::Pallet::<Test>::account_id();
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			vec![(ALICE, 1_000), (BOB, 1_000)],
		);
		usdai_test_support::open_vault_genesis!(
			Test,
			&mut storage,
			[(USDC, bridge), (USDT, bridge)]
		);
		let limit = InflowLimit { period: PERIOD, max_per_period: MAX_INFLOW };
		pallet_treasury_bridge::GenesisConfig::<Test> {
			relayers: self.relayers.0.clone(),
			threshold: self.relayers.1,
			channels: vec![ETH, BASE],
			assets: vec![(USDC, limit), (USDT, limit)],
			sleeve_target: 0,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		usdai_test_support::genesis::start::<Test>(storage, || Now::set(GENESIS_TIME))
	}

	/// Runs `test`, then checks the bridge's and the vault's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			TreasuryBridge::do_try_state().expect("bridge invariants hold after the test");
			Usdai::do_try_state().expect("vault invariants hold after the test");
		});
	}
}

/// A user deposit of `amount` base units of `asset` to `recipient` on `channel` at `nonce`.
pub fn deposit(
	channel: u32,
	nonce: u64,
	asset: AssetId,
	amount: Balance,
	recipient: AccountId,
) -> Deposit<AccountId> {
	Deposit {
		channel,
		nonce,
		source_tx: H256::repeat_byte(nonce as u8),
		asset,
		amount,
		action: DepositAction::Credit { recipient, into_usdai: false },
	}
}

/// The same deposit, asking for USDai.
pub fn into_usdai(mut d: Deposit<AccountId>) -> Deposit<AccountId> {
	if let DepositAction::Credit { into_usdai, .. } = &mut d.action {
		*into_usdai = true;
	}
	d
}

/// `relayer` attests `d`.
pub fn attest(
	relayer: AccountId,
	d: &Deposit<AccountId>,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	TreasuryBridge::attest_deposit(RuntimeOrigin::signed(relayer), d.clone())
}

/// Three relayers attest `d`: it is credited.
pub fn credit(d: &Deposit<AccountId>) {
	for r in [R1, R2, R3] {
		assert_ok!(attest(r, d));
	}
}

/// A NAV report of `value` at `timestamp`, measured at the current sleeve sequence.
pub fn nav(value: Balance, timestamp: u64) -> NavReport {
	NavReport { value, timestamp, sequence: pallet_treasury_bridge::SleeveSequence::<Test>::get() }
}

/// Runs blocks until block `n` has started (the queue is served in `on_initialize`).
pub fn run_to(n: u64) {
	usdai_test_support::run_to::<Test, TreasuryBridge>(n)
}

pub fn balance(asset: AssetId, who: AccountId) -> Balance {
	usdai_test_support::balance::<Test>(asset, &who)
}

pub fn supply(asset: AssetId) -> Balance {
	usdai_test_support::supply::<Test>(asset)
}

/// The bridge's events since the last call.
pub fn bridge_events() -> Vec<pallet_treasury_bridge::Event<Test>> {
	usdai_test_support::take_events::<Test, _>()
}

/// Sets `asset`'s minimum balance (pallet-assets' force origin), keeping its other settings.
pub fn set_min_balance(asset: AssetId, min: Balance) {
	let owner = pallet_treasury_bridge::Pallet::<Test>::account_id();
	assert_ok!(Assets::force_asset_status(
		RuntimeOrigin::root(),
		asset,
		owner,
		owner,
		owner,
		owner,
		min,
		true,
		false
	));
}

/// Blocks `who`'s account of `asset` (the bridge's account is the freezer): it can no longer
/// receive it.
pub fn block_account(asset: AssetId, who: AccountId) {
	let freezer = pallet_treasury_bridge::Pallet::<Test>::account_id();
	assert_ok!(Assets::block(RuntimeOrigin::signed(freezer), asset, who));
}

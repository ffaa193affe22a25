//! A test runtime with the real vault (pallet-usdai on pallet-assets) and the queue.

use crate as pallet_qev;
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{fungibles::Mutate, AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64, Hooks},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{traits::IdentityLookup, BuildStorage};
use usdai_primitives::vault::LendingVault;
pub use usdai_primitives::{AssetId, Balance};

pub type AccountId = u128;
type Block = frame_system::mocking::MockBlock<Test>;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Plays filo: borrows the vault's idle cash and repays it to make liquidity appear.
pub const LENDER: AccountId = 9;

pub const USDC: AssetId = 1;
pub const USDAI: AssetId = 100;
pub const SUSDAI: AssetId = 101;
pub const USD6: Balance = 1_000_000;
/// One USDai / sUSDai.
pub const USD: Balance = 1_000_000_000_000_000_000;
/// Commit window of a round.
pub const COMMIT: u64 = 10;
/// Reveal window of a round.
pub const REVEAL: u64 = 5;
/// A round.
pub const ROUND: u64 = COMMIT + REVEAL;
/// Native deposit per ticket.
pub const DEPOSIT: Balance = 10;

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
	#[runtime::pallet_index(4)]
	pub type Qev = pallet_qev;
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
	/// The vault notes USDai and sUSDai debits for its points.
	type Freezer = Usdai;
	type Holder = ();
	type CallbackHandle = ();
}

parameter_types! {
	pub const UsdaiPalletId: PalletId = PalletId(*b"usdai/vt");
	/// Half of each protocol fee goes to CHIP lockers.
	pub const LockerFeeShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
	/// Small by default; [`ExtBuilder::runtime_bounds`] sets the runtime's.
	pub static MaxTicketsPerAccount: u32 = 3;
	pub static MaxFillsPerBlock: u32 = 3;
	pub static MaxVisitsPerBlock: u32 = 5;
	pub static MaxRevealsPerRound: u32 = 4;
}

/// The runtime's bounds of the queue (runtime/src/configs/protocol.rs): `MaxTicketsPerAccount`,
/// `MaxFillsPerBlock`, `MaxVisitsPerBlock`, `MaxRevealsPerRound`. (`MaxBidBps` is the
/// runtime's already.)
pub const RUNTIME_BOUNDS: (u32, u32, u32, u32) = (50, 1_100, 1_250, 1_000);

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
	type BlocksPerDay = ConstU64<100>;
	type MaxPointsVisitsPerBlock = ConstU32<3>;
	type TransferEvents = pallet_usdai::AssetTransfers<Test>;
	type MaxPointsPendingPerBlock = ConstU32<64>;
	type MaxPointsScannedEvents = ConstU32<1_024>;
	type WeightInfo = ();
}

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
	type CommitBlocks = ConstU64<COMMIT>;
	type RevealBlocks = ConstU64<REVEAL>;
	type MaxRevealsPerRound = MaxRevealsPerRound;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = Usdai;
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
			let (tickets, fills, visits, reveals) = RUNTIME_BOUNDS;
			MaxTicketsPerAccount::set(tickets);
			MaxFillsPerBlock::set(fills);
			MaxVisitsPerBlock::set(visits);
			MaxRevealsPerRound::set(reveals);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let vault = pallet_usdai::Pallet::<Test>::vault_account();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(ALICE, 1_000),
				(BOB, 1_000),
				(CHARLIE, 1_000),
				(DAVE, 1_000),
				(LENDER, 1_000),
			],
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(USDC, 0, true, 1), (USDAI, vault, true, 1), (SUSDAI, vault, true, 1)],
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
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			// Four holders of 1,000 sUSDai each.
			for who in [ALICE, BOB, CHARLIE, DAVE] {
				stake(who, 1_000);
			}
			if self.lend_all {
				let idle = <Usdai as LendingVault<AccountId>>::idle_liquidity();
				assert_ok!(<Usdai as LendingVault<AccountId>>::draw(&LENDER, idle));
			}
		});
		ext
	}

	/// Runs `test`, then checks the queue's and the vault's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Qev::do_try_state().expect("queue invariants hold after the test");
			Usdai::do_try_state().expect("vault invariants hold after the test");
			// No token lost dust: every supply is the sum of its balances.
			for asset in [USDC, USDAI, SUSDAI] {
				let held: Balance = pallet_assets::Account::<Test>::iter_prefix(asset)
					.map(|(_, a)| a.balance)
					.sum();
				let supply = <Assets as frame_support::traits::fungibles::Inspect<AccountId>>::total_issuance(asset);
				assert_eq!(held, supply, "asset {asset}: balances differ from the supply");
			}
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
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(USDAI, &who)
}

pub fn shares_of(who: AccountId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(SUSDAI, &who)
}

/// The queue's events since the last call.
pub fn qev_events() -> Vec<pallet_qev::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Qev(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

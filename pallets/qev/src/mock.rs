//! A test runtime with the real vault (pallet-usdai on pallet-assets) and the queue.

use crate as pallet_qev;
use frame_support::{
	assert_ok, parameter_types,
	traits::{fungibles::Mutate, ConstU128, ConstU32, ConstU64, Hooks},
};
use usdai_primitives::vault::LendingVault;
pub use usdai_primitives::{
	assets::{SUSDAI, USDAI, USDC},
	Balance,
};
// One USDai / sUSDai (`USD`), one USDC (`USD6`).
pub use usdai_test_support::units::{USD, USD6};

pub type AccountId = u128;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Plays filo: borrows the vault's idle cash and repays it to make liquidity appear.
pub const LENDER: AccountId = 9;

/// Commit window of a round.
pub const COMMIT: u64 = 10;
/// Reveal window of a round.
pub const REVEAL: u64 = 5;
/// A round.
pub const ROUND: u64 = COMMIT + REVEAL;
/// Native deposit per ticket.
pub const DEPOSIT: Balance = 10;

// System, Balances, Assets and the real vault (Usdai) as usdai-test-support configures them.
usdai_test_support::vault_runtime!(Test, AccountId; 4: Qev = pallet_qev);

parameter_types! {
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
		let mut storage = usdai_test_support::genesis::system::<Test>();
		usdai_test_support::genesis::balances::<Test>(
			&mut storage,
			vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (DAVE, 1_000), (LENDER, 1_000)],
		);
		usdai_test_support::open_vault_genesis!(Test, &mut storage, [(USDC, 0)]);
		usdai_test_support::genesis::start::<Test>(storage, || {
			// Four holders of 1,000 sUSDai each.
			for who in [ALICE, BOB, CHARLIE, DAVE] {
				stake(who, 1_000);
			}
			if self.lend_all {
				let idle = <Usdai as LendingVault<AccountId>>::idle_liquidity();
				assert_ok!(<Usdai as LendingVault<AccountId>>::draw(&LENDER, idle));
			}
		})
	}

	/// Runs `test`, then checks the queue's and the vault's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Qev::do_try_state().expect("queue invariants hold after the test");
			Usdai::do_try_state().expect("vault invariants hold after the test");
			// No token lost dust: every supply is the sum of its balances.
			usdai_test_support::assert_supply_is_the_balances::<Test>([USDC, USDAI, SUSDAI]);
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
	usdai_test_support::balance::<Test>(USDAI, &who)
}

pub fn shares_of(who: AccountId) -> Balance {
	usdai_test_support::balance::<Test>(SUSDAI, &who)
}

/// The queue's events since the last call.
pub fn qev_events() -> Vec<pallet_qev::Event<Test>> {
	usdai_test_support::take_events::<Test, _>()
}

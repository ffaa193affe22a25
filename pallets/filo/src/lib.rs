#![cfg_attr(not(feature = "std"), no_std)]
#![doc = include_str!("../README.md")]
// Unit tests may unwrap and do plain arithmetic; the pallet's own code may not.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing
	)
)]

extern crate alloc;

pub use pallet::*;

mod auction;
mod capacity;
mod deadlines;
mod default;
mod governance_class;
mod impls;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
mod loans;
pub mod migrations;
mod repay;
pub mod schedule;
mod stacks;

pub mod runtime_api;
pub mod types;
pub mod weights;

// Benchmark setup aborts on a broken precondition (it runs only in the benchmark CLI).
#[cfg(feature = "runtime-benchmarks")]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use capacity::GovernanceCaps;

/// Prepares the receipts and the lending capacity for FiLo's benchmarks (the vault is prepared
/// through `Config::VaultBenchmarkHelper`). The runtime implements it with the real caliber
/// (receipts issued and appraised there) and the real gauges, through their own calls.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A receipt held by `holder`, eligible as collateral and worth `value` USDai.
	fn eligible_receipt(
		holder: &AccountId,
		value: usdai_primitives::Balance,
	) -> usdai_primitives::ReceiptId;

	/// Brings `Config::Capacity` into the state where checking `stack`'s capacity reads the
	/// most, granting it a share of the vault's lendable capital: in the runtime the gauges
	/// live (CHIP locked and voted for `stack`, the next epoch tallied, the quorum reached), so
	/// that the check reads their quorum, the stack's weight and the bound on its share besides
	/// governance's cap. May move the block number on (to the gauges' next epoch). A capacity
	/// without such a state (governance's caps alone, as in the mock) needs nothing.
	fn live_capacity(stack: usdai_primitives::StackId);
}
pub use types::*;
use usdai_primitives::{capacity::Capacity, collateral::Collateral, vault::LendingVault};
pub use weights::WeightInfo;

// The declarations below expand, through FRAME's macros, into code that uses `expect` on
// values the macros guarantee. The pallet's logic lives in the feature modules, which are
// linted in full.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungibles::{Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use usdai_primitives::{AssetId, Balance, BasisPoints, LoanId, ReceiptId, StackId};

	/// The in-code storage version: 0 in the current release; 1 in the next, which counts the
	/// curators (`migrations::v1`).
	#[cfg(not(feature = "next-release"))]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);
	/// The in-code storage version: 0 in the current release; 1 in the next, which counts the
	/// curators (`migrations::v1`).
	#[cfg(feature = "next-release")]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of FiLo.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The token ledger (pallet-assets) holding USDai.
		type Assets: Inspect<Self::AccountId, AssetId = AssetId, Balance = Balance>
			+ Mutate<Self::AccountId>;

		/// The USDai asset.
		#[pallet::constant]
		type UsdaiAsset: Get<AssetId>;

		/// The vault loans draw from and repay to.
		type LendingVault: LendingVault<Self::AccountId>;

		/// CALIBER receipts as collateral.
		type Collateral: Collateral<Self::AccountId>;

		/// How much each stack may have lent out.
		type Capacity: Capacity;

		/// Derives the stacks' first-loss accounts and the auction escrow.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Where auction fees go.
		type TreasuryAccount: Get<Self::AccountId>;

		/// Registers curators, sets the parameters and the stacks' governance caps.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Blocks per day: a year of late fees is 365 of them.
		#[pallet::constant]
		type BlocksPerDay: Get<BlockNumberFor<Self>>;

		/// Most receipts one loan may pledge.
		#[pallet::constant]
		type MaxReceiptsPerLoan: Get<u32>;

		/// Most periods a loan may run.
		#[pallet::constant]
		type MaxPeriods: Get<u32>;

		/// Most loans that may be in default or at auction at once.
		#[pallet::constant]
		type MaxDeadlines: Get<u32>;

		/// Most cure windows and auction ends `on_initialize` processes in one block.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// Weights of the calls and the hook.
		type WeightInfo: WeightInfo;

		/// Prepares the receipts for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;

		/// Prepares the vault for benchmarks (USDai for accounts, lendable liquidity).
		#[cfg(feature = "runtime-benchmarks")]
		type VaultBenchmarkHelper: usdai_primitives::vault::VaultBenchmarkHelper<Self::AccountId>;
	}

	/// Registered curators.
	#[cfg(not(feature = "next-release"))]
	#[pallet::storage]
	pub type Curators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// Registered curators, counted (storage version 1, the next release): the registry moves
	/// to a counted map, so that its size is known in one read (for the runtime API and a bound
	/// on it) instead of by walking every key. A counted map keeps its counter beside its own
	/// prefix, and FRAME cannot declare two layouts of one prefix, so the counted registry
	/// takes a name of its own and `migrations::v1` drains the old map into it.
	#[cfg(feature = "next-release")]
	#[pallet::storage]
	pub type CuratorRegistry<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, (), OptionQuery>;

	/// The registered curators: the counted registry in the next release, under the name the
	/// code has always used.
	#[cfg(feature = "next-release")]
	pub type Curators<T> = CuratorRegistry<T>;

	/// The parameters (bounds, periods, fees).
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, FiloParams<BlockNumberFor<T>>, OptionQuery>;

	/// Every stack.
	#[pallet::storage]
	pub type Stacks<T: Config> =
		StorageMap<_, Twox64Concat, StackId, Stack<T::AccountId>, OptionQuery>;

	/// The id the next stack gets.
	#[pallet::storage]
	pub type NextStackId<T: Config> = StorageValue<_, StackId, ValueQuery>;

	/// Governance-set lending caps per stack (used until gauges grant capacity).
	#[pallet::storage]
	pub type StackCaps<T: Config> = StorageMap<_, Twox64Concat, StackId, Balance, OptionQuery>;

	/// The date from which each active loan may be overdue, by stack, earliest first: the due
	/// date it became late at if it is late, else its next due date (as of its last catch-up).
	/// The key is [`DueKey`] (date, loan), stored unhashed so that a stack's first entry is its
	/// earliest date: `withdraw_first_loss` reads only that one. One entry per active loan.
	#[pallet::storage]
	pub type StackDueDates<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StackId, Identity, DueKey, (), OptionQuery>;

	/// Every loan.
	#[pallet::storage]
	pub type Loans<T: Config> =
		StorageMap<_, Twox64Concat, LoanId, Loan<T::AccountId, BlockNumberFor<T>>, OptionQuery>;

	/// The receipts of proposed loans (pledged in pallet-caliber once accepted).
	#[pallet::storage]
	pub type ProposedReceipts<T: Config> = StorageMap<
		_,
		Twox64Concat,
		LoanId,
		BoundedVec<ReceiptId, T::MaxReceiptsPerLoan>,
		ValueQuery,
	>;

	/// The id the next loan gets.
	#[pallet::storage]
	pub type NextLoanId<T: Config> = StorageValue<_, LoanId, ValueQuery>;

	/// Live auctions, by loan.
	#[pallet::storage]
	pub type Auctions<T: Config> =
		StorageMap<_, Twox64Concat, LoanId, Auction<T::AccountId, BlockNumberFor<T>>, OptionQuery>;

	/// Cure-window ends and auction ends still to process, sorted by block.
	#[pallet::storage]
	pub type Deadlines<T: Config> =
		StorageValue<_, BoundedVec<(BlockNumberFor<T>, LoanId), T::MaxDeadlines>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The parameters (required for lending).
		pub params: Option<FiloParams<BlockNumberFor<T>>>,
		/// Curators registered at genesis.
		pub curators: alloc::vec::Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.params {
				Pallet::<T>::ensure_valid_params(&params).expect("valid FiLo parameters");
				Params::<T>::put(params);
			}
			for who in &self.curators {
				Curators::<T>::insert(who, ());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A curator was registered.
		CuratorRegistered { curator: T::AccountId },
		/// A curator was removed (its stacks run on).
		CuratorRemoved { curator: T::AccountId },
		/// The parameters changed.
		ParamsSet { params: FiloParams<BlockNumberFor<T>> },
		/// A stack's governance cap changed.
		StackCapSet { stack: StackId, cap: Option<Balance> },
		/// A curator opened a stack.
		StackOpened { stack: StackId, curator: T::AccountId, first_loss: Balance },
		/// First-loss capital was added.
		FirstLossAdded { stack: StackId, amount: Balance },
		/// First-loss capital was withdrawn.
		FirstLossWithdrawn { stack: StackId, amount: Balance },
		/// A curator proposed a loan.
		LoanProposed { loan: LoanId, stack: StackId, borrower: T::AccountId, terms: LoanTerms },
		/// A proposal was withdrawn or expired.
		ProposalCancelled { loan: LoanId },
		/// The borrower accepted: receipts pledged, principal drawn.
		LoanAccepted {
			loan: LoanId,
			borrower: T::AccountId,
			principal: Balance,
			collateral_value: Balance,
		},
		/// A repayment, by part.
		Repaid {
			loan: LoanId,
			late_fees: Balance,
			interest: Balance,
			curator_fee: Balance,
			principal: Balance,
			balance: Balance,
		},
		/// The loan is repaid in full; its receipts are free.
		LoanClosed { loan: LoanId },
		/// The loan was declared in default and impaired.
		Defaulted { loan: LoanId, impaired: Balance, cure_deadline: BlockNumberFor<T> },
		/// The borrower cured the default.
		Cured { loan: LoanId, paid: Balance },
		/// The receipts went to auction.
		AuctionStarted { loan: LoanId, end: BlockNumberFor<T>, reserve: Balance },
		/// A round ended without a bid: the next one runs until `end` at a lower `reserve`.
		AuctionRestarted { loan: LoanId, round: u32, end: BlockNumberFor<T>, reserve: Balance },
		/// The stack's curator took the receipts at the round's reserve, `price`, of which
		/// `from_first_loss` came from the stack's spare first-loss; `AuctionSettled` follows.
		CollateralTaken {
			loan: LoanId,
			curator: T::AccountId,
			price: Balance,
			from_first_loss: Balance,
		},
		/// A bid was placed (the end may have moved).
		BidPlaced { loan: LoanId, bidder: T::AccountId, amount: Balance, end: BlockNumberFor<T> },
		/// The auction settled and the waterfall ran.
		AuctionSettled {
			loan: LoanId,
			winner: Option<T::AccountId>,
			proceeds: Balance,
			fee: Balance,
			principal_recovered: Balance,
			interest_recovered: Balance,
			surplus: Balance,
			first_loss_paid: Balance,
			insurance_paid: Balance,
			vault_loss: Balance,
		},
		/// `amount` of USDai that a payment would have left behind in `account` as dust (more
		/// than nothing, less than USDai's minimum balance) went along with it: to `to`, or to
		/// the vault as interest when `to` is `None`. The stack's booked first-loss, if any of it
		/// was in the dust, is zero.
		DustSwept { account: T::AccountId, to: Option<T::AccountId>, amount: Balance },
		/// `amount` of USDai due to `payee` was less than USDai's minimum balance and went to
		/// the vault as interest instead: an auction fee or surplus that small always does (paid
		/// out last, it could leave the escrow dust, and an empty account could not receive it);
		/// a curator fee does when the curator holds no USDai to receive it (so that no curator
		/// can block its borrowers' repayments by emptying its account).
		DustToVault { payee: T::AccountId, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// FiLo has no parameters yet.
		ParamsNotSet,
		/// The parameters are out of bounds.
		InvalidParams,
		/// The account is already a curator.
		CuratorExists,
		/// The account is not a curator.
		NotCurator,
		/// No such stack.
		UnknownStack,
		/// The caller is not the stack's curator.
		NotStackCurator,
		/// Stack terms out of bounds: LTV above the governance bound or zero, APR range empty,
		/// curator fee outside the governance range, no loans allowed, or a zero amortization
		/// rate.
		InvalidTerms,
		/// A zero amount.
		ZeroAmount,
		/// The withdrawal would leave less first-loss than the required share of outstanding.
		FirstLossTooLow,
		/// A loan of the stack is in default.
		StackInDefault,
		/// No such loan.
		UnknownLoan,
		/// The APR is outside the stack's range.
		AprOutOfRange,
		/// Periods must be between 1 and `MaxPeriods`.
		InvalidPeriods,
		/// No receipts, or more than `MaxReceiptsPerLoan`.
		InvalidReceipts,
		/// The loan is not a proposal.
		NotProposed,
		/// The proposal has expired.
		ProposalExpired,
		/// The caller is not the borrower.
		NotBorrower,
		/// The principal is above max LTV × the receipts' collateral value.
		LtvExceeded,
		/// The stack's first-loss would be below the required share.
		InsufficientFirstLoss,
		/// The loan would take the stack above its lending capacity.
		CapacityExceeded,
		/// The stack has its most live loans.
		TooManyLoans,
		/// The loan is not active.
		NotActive,
		/// Nothing is owed.
		NothingOwed,
		/// The loan is not past its grace period.
		NotLate,
		/// The loan is not in default.
		NotDefaulted,
		/// The cure window has closed.
		CureWindowClosed,
		/// Too many loans are in default or at auction.
		TooManyDeadlines,
		/// No auction for the loan.
		NoAuction,
		/// The auction has ended.
		AuctionEnded,
		/// The auction has not ended.
		AuctionNotEnded,
		/// The bid is below the reserve or does not beat the best bid by the minimum increment.
		BidTooLow,
		/// Ids are exhausted.
		IdOverflow,
		/// A schedule computation overflowed (rate or periods too large).
		ScheduleOverflow,
		/// A loan of the stack has an installment due and unpaid (in grace, cure or auction):
		/// its first-loss may not shrink.
		LoanOverdue,
		/// The stack's curator has been removed: its proposals may no longer be accepted and it
		/// may no longer take collateral.
		CuratorRemoved,
		/// The cure window has not closed yet.
		CureWindowOpen,
		/// The auction has a bid: the receipts go to the best bidder (the curator may outbid).
		AuctionHasBid,
		/// The move would leave less than the token's minimum balance: move all of it or leave
		/// at least the minimum. (A repayment is paid in parts; none of them may leave the payer
		/// dust either.)
		LeavesDust,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_process_deadlines(now)
		}

		fn integrity_test() {
			assert!(T::MaxPeriods::get() > 0, "MaxPeriods must be positive");
			assert!(T::MaxReceiptsPerLoan::get() > 0, "MaxReceiptsPerLoan must be positive");
			assert!(T::MaxDeadlinesPerBlock::get() > 0, "MaxDeadlinesPerBlock must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `curator` (governance).
		///
		/// Emits `CuratorRegistered`. Fails with `CuratorExists`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_curator().saturating_add(Pallet::<T>::registry_counter()))]
		pub fn register_curator(origin: OriginFor<T>, curator: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_register_curator(curator)
		}

		/// Remove `curator` (governance): it opens no more stacks and proposes no more loans,
		/// its open proposals can no longer be accepted (anyone may clear them), it may no
		/// longer take collateral, and its stacks are closed to gauge votes and bribes. Its
		/// stacks' live loans run on.
		///
		/// Emits `CuratorRemoved`. Fails with `NotCurator`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_curator().saturating_add(Pallet::<T>::registry_counter()))]
		pub fn remove_curator(origin: OriginFor<T>, curator: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_curator(curator)
		}

		/// Set the parameters (governance).
		///
		/// Emits `ParamsSet`. Fails with `InvalidParams`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(
			origin: OriginFor<T>,
			params: FiloParams<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}

		/// Set or clear `stack`'s lending cap (governance), used while no gauge grants capacity.
		///
		/// Emits `StackCapSet`. Fails with `UnknownStack`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_stack_cap())]
		pub fn set_stack_cap(
			origin: OriginFor<T>,
			stack: StackId,
			cap: Option<Balance>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_stack_cap(stack, cap)
		}

		/// Open a stack with `first_loss` USDai from the calling curator and `terms`.
		///
		/// Emits `StackOpened`. Fails with `NotCurator`, `InvalidTerms`, `ZeroAmount`,
		/// `LeavesDust` (the curator would keep less than USDai's minimum balance) or the token
		/// error if the curator lacks the USDai.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::open_stack())]
		pub fn open_stack(
			origin: OriginFor<T>,
			first_loss: Balance,
			terms: StackTerms,
		) -> DispatchResult {
			let curator = ensure_signed(origin)?;
			Self::do_open_stack(curator, first_loss, terms).map(|_| ())
		}

		/// Add `amount` of USDai first-loss to `stack` (its curator).
		///
		/// Emits `FirstLossAdded`. Fails with `UnknownStack`, `NotStackCurator`, `ZeroAmount` or
		/// `LeavesDust`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_first_loss())]
		pub fn add_first_loss(
			origin: OriginFor<T>,
			stack: StackId,
			amount: Balance,
		) -> DispatchResult {
			let curator = ensure_signed(origin)?;
			Self::do_add_first_loss(curator, stack, amount)
		}

		/// Withdraw `amount` of first-loss from `stack` (its curator): never while a loan of the
		/// stack is in default or may have an installment due and unpaid (a due date passed
		/// since it was last brought up to date), never below the required share of its
		/// outstanding principal, never leaving the stack's account dust: the curator takes all
		/// of it (with any dust nobody books, `DustSwept`) or leaves at least USDai's minimum
		/// balance.
		///
		/// Emits `FirstLossWithdrawn`. Fails with `UnknownStack`, `NotStackCurator`,
		/// `ZeroAmount`, `StackInDefault`, `LoanOverdue`, `FirstLossTooLow` or `LeavesDust`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw_first_loss())]
		pub fn withdraw_first_loss(
			origin: OriginFor<T>,
			stack: StackId,
			amount: Balance,
		) -> DispatchResult {
			let curator = ensure_signed(origin)?;
			Self::do_withdraw_first_loss(curator, stack, amount)
		}

		/// Propose a loan of `principal` USDai at `apr_bps` over `periods` 30-day periods to
		/// `borrower` against `receipts` (the stack's curator). The borrower has the configured
		/// proposal window to accept.
		///
		/// Emits `LoanProposed`. Fails with `UnknownStack`, `NotStackCurator`, `NotCurator`,
		/// `ZeroAmount`, `AprOutOfRange`, `InvalidPeriods` or `InvalidReceipts`.
		///
		/// Charged for the receipts given.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::propose_loan(receipts.len() as u32))]
		pub fn propose_loan(
			origin: OriginFor<T>,
			stack: StackId,
			borrower: T::AccountId,
			receipts: BoundedVec<ReceiptId, T::MaxReceiptsPerLoan>,
			principal: Balance,
			apr_bps: BasisPoints,
			periods: u32,
		) -> DispatchResult {
			let curator = ensure_signed(origin)?;
			Self::do_propose_loan(curator, stack, borrower, receipts, principal, apr_bps, periods)
				.map(|_| ())
		}

		/// Withdraw a proposal (its stack's curator), or clear one that expired or whose
		/// curator was removed (anyone).
		///
		/// Emits `ProposalCancelled`. Fails with `UnknownLoan`, `NotProposed` or
		/// `NotStackCurator`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::cancel_proposal())]
		pub fn cancel_proposal(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_proposal(who, loan)
		}

		/// Accept a proposed loan (the borrower): pledges the receipts and draws the principal
		/// from the vault to the borrower.
		///
		/// Emits `LoanAccepted`. Fails with `UnknownLoan`, `NotProposed`, `ProposalExpired`,
		/// `NotBorrower`, `CuratorRemoved`, a caliber eligibility error, `LtvExceeded`,
		/// `InsufficientFirstLoss`, `CapacityExceeded`, `TooManyLoans`, or the vault's error when
		/// it lacks liquidity.
		///
		/// Charged for `MaxReceiptsPerLoan` receipts; refunded to the proposal's receipts.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::accept_loan(T::MaxReceiptsPerLoan::get()))]
		pub fn accept_loan(origin: OriginFor<T>, loan: LoanId) -> DispatchResultWithPostInfo {
			let borrower = ensure_signed(origin)?;
			let used = Self::do_accept_loan(borrower, loan)?;
			Ok(Some(used).into())
		}

		/// Pay up to `amount` USDai on `loan` (anyone, usually the borrower): late fees, interest
		/// due, principal due, then prepayment of principal. Closing the loan frees its
		/// receipts.
		///
		/// A curator fee below USDai's minimum balance that the curator, holding no USDai, could
		/// not receive goes to the vault (`DustToVault`).
		///
		/// Emits `Repaid`, and `LoanClosed` at the end. Fails with `UnknownLoan`, `NotActive`,
		/// `ZeroAmount`, `NothingOwed` or `LeavesDust` (a part of the payment would leave the
		/// payer less than the minimum balance).
		///
		/// Charged for a loan of `MaxPeriods` periods closing with `MaxReceiptsPerLoan`
		/// receipts; refunded to the loan's periods (its schedule is recomputed over all of
		/// them, and no more are caught up) and the receipts it frees (none unless it closes).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::repay(T::MaxPeriods::get(), T::MaxReceiptsPerLoan::get()))]
		pub fn repay(
			origin: OriginFor<T>,
			loan: LoanId,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let payer = ensure_signed(origin)?;
			let used = Self::do_repay(payer, loan, amount)?;
			Ok(Some(used).into())
		}

		/// Declare `loan` in default (anyone) once an installment is unpaid past the grace
		/// period: the vault impairs it at once and the cure window opens.
		///
		/// Emits `Defaulted`. Fails with `UnknownLoan`, `NotActive`, `NotLate` or
		/// `TooManyDeadlines`.
		///
		/// Charged for a loan of `MaxPeriods` periods; refunded to the loan's periods.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::declare_default(T::MaxPeriods::get()))]
		pub fn declare_default(origin: OriginFor<T>, loan: LoanId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let used = Self::do_declare_default(loan)?;
			Ok(Some(used).into())
		}

		/// Cure a default (the borrower) within the window by paying everything due: late fees,
		/// interest due and principal due. The impairment is reversed.
		///
		/// Emits `Cured`. Fails with `UnknownLoan`, `NotBorrower`, `NotDefaulted`,
		/// `CureWindowClosed` or `LeavesDust`.
		///
		/// Charged for a loan of `MaxPeriods` periods; refunded to the loan's periods.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::cure(T::MaxPeriods::get()))]
		pub fn cure(origin: OriginFor<T>, loan: LoanId) -> DispatchResultWithPostInfo {
			let borrower = ensure_signed(origin)?;
			let used = Self::do_cure(borrower, loan)?;
			Ok(Some(used).into())
		}

		/// Bid `amount` USDai for a defaulted loan's receipts (anyone). The USDai is held in
		/// escrow; an outbid bidder is refunded. A bid near the end extends the auction. The
		/// first bid is at least the reserve and twice USDai's minimum balance.
		///
		/// Emits `BidPlaced`. Fails with `NoAuction`, `AuctionEnded`, `BidTooLow` or
		/// `LeavesDust`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::bid())]
		pub fn bid(origin: OriginFor<T>, loan: LoanId, amount: Balance) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			Self::do_bid(bidder, loan, amount)
		}

		/// Close an ended auction round (anyone; `on_initialize` also does it, and this call
		/// retries when it failed there): with a bid, the receipts go to the best bidder and the
		/// waterfall runs; without one, the next round opens at a lower reserve.
		///
		/// Emits `AuctionSettled` (after `DustSwept` and `DustToVault` for any dust that went to
		/// the vault) or `AuctionRestarted`. Fails with `NoAuction` or `AuctionNotEnded`.
		///
		/// Charged for `MaxReceiptsPerLoan` receipts; refunded to the receipts that go to the
		/// winner (none when the next round opens).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::settle_auction(T::MaxReceiptsPerLoan::get()))]
		pub fn settle_auction(origin: OriginFor<T>, loan: LoanId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let used = Self::do_settle_auction(loan)?;
			Ok(Some(used).into())
		}

		/// Open the auction of a defaulted loan whose cure window has closed (anyone).
		/// `on_initialize` does it at the window's end; this call retries when that failed.
		///
		/// Emits `AuctionStarted`. Fails with `UnknownLoan`, `NotDefaulted` or
		/// `CureWindowOpen`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::start_auction())]
		pub fn start_auction(origin: OriginFor<T>, loan: LoanId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_start_auction(loan)
		}

		/// Take the receipts of `loan`'s auction at the current round's reserve, and at least
		/// twice USDai's minimum balance (the stack's curator, while it is registered and the
		/// auction has no bid). The price goes through the waterfall like a winning bid. The
		/// stack's first-loss counts as payment for what of it is spare: what is left once it
		/// has covered this loan's loss at that price and the share the stack's other loans
		/// require, less what keeps the stack's account at the minimum balance. The rest comes
		/// from the curator.
		///
		/// Emits `CollateralTaken` and `AuctionSettled`. Fails with `NoAuction`,
		/// `AuctionHasBid`, `NotStackCurator`, `CuratorRemoved`, `LeavesDust` or the token error
		/// when the curator lacks the USDai.
		///
		/// Charged for `MaxReceiptsPerLoan` receipts; refunded to the receipts taken.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::take_collateral(T::MaxReceiptsPerLoan::get()))]
		pub fn take_collateral(origin: OriginFor<T>, loan: LoanId) -> DispatchResultWithPostInfo {
			let curator = ensure_signed(origin)?;
			let used = Self::do_take_collateral(curator, loan)?;
			Ok(Some(used).into())
		}
	}
}

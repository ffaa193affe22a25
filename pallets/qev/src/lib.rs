#![cfg_attr(not(feature = "std"), no_std)]
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
#![doc = include_str!("../README.md")]

extern crate alloc;

pub use pallet::*;

mod bids;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
mod settlement;
mod tickets;

pub mod runtime_api;
pub mod types;
pub mod weights;

// Benchmark setup aborts on a broken precondition (it runs only in the benchmark CLI).
#[cfg(feature = "runtime-benchmarks")]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
use usdai_primitives::vault::RedemptionVault;
pub use weights::WeightInfo;

// The declarations below expand, through FRAME's macros, into code that uses `expect` on
// values the macros guarantee. The pallet's logic lives in the feature modules, which are
// linted in full.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible, weights::WeightMeter};
	use frame_system::pallet_prelude::*;
	use usdai_primitives::{Balance, BasisPoints};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the queue.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The vault whose shares the queue redeems.
		type RedemptionVault: RedemptionVault<Self::AccountId>;

		/// The native token, from which ticket deposits are held.
		type NativeBalance: fungible::MutateHold<
			Self::AccountId,
			Reason = Self::RuntimeHoldReason,
			Balance = Balance,
		>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Smallest request, in sUSDai base units. Also the least a partial fill leaves waiting,
		/// and the most rounding a ticket filled in full may burn beyond what its pay is worth
		/// ("one share's worth of rounding").
		#[pallet::constant]
		type MinShares: Get<Balance>;

		/// Most open tickets one account may have requested. Tickets it gave away count until
		/// they end (it holds their deposits); tickets it was given never count.
		#[pallet::constant]
		type MaxTicketsPerAccount: Get<u32>;

		/// Native deposit held per ticket, returned when it ends (claimed in full or
		/// cancelled).
		#[pallet::constant]
		type TicketDeposit: Get<Balance>;

		/// Highest bid level, in basis points.
		#[pallet::constant]
		type MaxBidBps: Get<BasisPoints>;

		/// Most tickets filled in one block.
		#[pallet::constant]
		type MaxFillsPerBlock: Get<u32>;

		/// Most tickets looked at in one block (fills plus tickets skipped for `min_out`).
		#[pallet::constant]
		type MaxVisitsPerBlock: Get<u32>;

		/// Blocks of a round in which bids are committed.
		#[pallet::constant]
		type CommitBlocks: Get<BlockNumberFor<Self>>;

		/// Blocks of a round, after its commit window, in which they are revealed. The revealed
		/// bids re-rank tickets when the round closes, at the first block of the next round.
		#[pallet::constant]
		type RevealBlocks: Get<BlockNumberFor<Self>>;

		/// Most bids revealed in one round.
		#[pallet::constant]
		type MaxRevealsPerRound: Get<u32>;

		/// Weights of the calls and of settlement.
		type WeightInfo: WeightInfo;

		/// Sets the vault up for the benchmarks (sUSDai for requesters, liquidity for fills).
		#[cfg(feature = "runtime-benchmarks")]
		type VaultBenchmarkHelper: usdai_primitives::vault::VaultBenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A ticket's refundable deposit.
		TicketDeposit,
	}

	/// Every open ticket: waiting in the queue, or filled and holding unclaimed USDai. Keyed
	/// by its id big-endian ([`ticket_key`]), so that consecutive tickets are neighbours in
	/// the trie; `QevApi::ticket(id)` reads one by id.
	#[pallet::storage]
	pub type Tickets<T: Config> =
		StorageMap<_, Identity, TicketKey, Ticket<T::AccountId>, OptionQuery>;

	/// The queue, ordered by its keys: highest bid level first, then earliest request.
	#[pallet::storage]
	pub type Queue<T: Config> = StorageMap<_, Identity, Position, TicketId, OptionQuery>;

	/// Tickets and shares waiting per bid level (only levels with tickets have an entry).
	#[pallet::storage]
	pub type Levels<T: Config> = StorageMap<_, Twox64Concat, BasisPoints, LevelTotals, ValueQuery>;

	/// Bid levels with tickets waiting (entries of `Levels`), bounding the level totals one
	/// block's settlement may touch.
	#[pallet::storage]
	pub type ActiveLevels<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Shares waiting in the whole queue.
	#[pallet::storage]
	pub type TotalShares<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// The fills, skips and levels settlement may take this block, reserved in
	/// `on_initialize` and consumed in `on_finalize` (never kept past a block).
	#[pallet::storage]
	pub type Budget<T: Config> = StorageValue<_, SettlementBudget, ValueQuery>;

	/// Tickets waiting in the whole queue.
	#[pallet::storage]
	pub type TotalTickets<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Open tickets per account that requested them (their depositor), whoever owns them now;
	/// filled tickets count until claimed. A transfer does not move the count.
	#[pallet::storage]
	pub type OpenTickets<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Sealed bids: the round they were committed in and `blake2_256((ticket, bid_bps, salt,
	/// owner))`. At most one per ticket.
	#[pallet::storage]
	pub type Commitments<T: Config> =
		StorageMap<_, Twox64Concat, TicketId, (u64, sp_core::H256), OptionQuery>;

	/// Bids revealed in the round `RevealedRound`, applied when it closes.
	#[pallet::storage]
	pub type Reveals<T: Config> =
		StorageValue<_, BoundedVec<(TicketId, BasisPoints), T::MaxRevealsPerRound>, ValueQuery>;

	/// The round whose reveals `Reveals` holds.
	#[pallet::storage]
	pub type RevealedRound<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The id the next ticket gets; also the counter of places in line (requests and tickets
	/// sent to the back).
	#[pallet::storage]
	pub type NextTicketId<T: Config> = StorageValue<_, TicketId, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Shares were locked into a ticket.
		RedemptionRequested {
			ticket: TicketId,
			owner: T::AccountId,
			shares: Balance,
			min_out: Balance,
		},
		/// A ticket was filled, in full (`remaining == 0`) or in part: `shares` burnt, `paid`
		/// USDai added to what it may claim, `fee` (its bid) kept by the vault.
		Filled {
			ticket: TicketId,
			owner: T::AccountId,
			shares: Balance,
			paid: Balance,
			fee: Balance,
			remaining: Balance,
		},
		/// A ticket whose `min_out` the price cannot meet was passed over and sent to the back
		/// of level zero.
		Skipped { ticket: TicketId },
		/// A ticket was cancelled: its waiting `shares` and the `paid` USDai of its fills went
		/// to its owner.
		Cancelled { ticket: TicketId, owner: T::AccountId, shares: Balance, paid: Balance },
		/// `amount` USDai of a ticket's fills was paid to its owner; `closed` when it was
		/// filled in full and has now ended.
		Claimed { ticket: TicketId, owner: T::AccountId, amount: Balance, closed: bool },
		/// A ticket changed owner (a pending commitment is dropped).
		Transferred { ticket: TicketId, from: T::AccountId, to: T::AccountId },
		/// A sealed bid was committed for `round`.
		BidCommitted { ticket: TicketId, round: u64 },
		/// A bid was revealed; it ranks the ticket when `round` closes.
		BidRevealed { ticket: TicketId, round: u64, bid_bps: BasisPoints },
		/// The round's reveals were full and a higher bid took this ticket's place: its bid
		/// will not rank it when `round` closes (the ticket keeps its level).
		BidDisplaced { ticket: TicketId, round: u64 },
		/// `round` closed: its revealed bids re-ranked `moved` tickets.
		RoundClosed { round: u64, moved: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Fewer shares than `MinShares`.
		BelowMinimum,
		/// The account has requested `MaxTicketsPerAccount` tickets that are still open.
		TooManyTickets,
		/// No such ticket.
		UnknownTicket,
		/// The caller does not own the ticket.
		NotOwner,
		/// Ticket ids are exhausted.
		IdOverflow,
		/// A transfer to the ticket's owner.
		SameOwner,
		/// Bids are committed only in the commit window of a round.
		NotCommitWindow,
		/// Bids are revealed only in the reveal window of the round they were committed in.
		NotRevealWindow,
		/// No commitment for the ticket.
		NoCommitment,
		/// The bid, salt or owner does not match the commitment.
		WrongReveal,
		/// The bid is above `MaxBidBps`.
		BidTooHigh,
		/// `MaxRevealsPerRound` bids are revealed already, none of them lower than this one.
		TooManyReveals,
		/// The ticket waits and none of it has been filled yet.
		NothingToClaim,
		/// The ticket has been filled in full: it no longer waits, so it cannot be bid for.
		NotWaiting,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::new();
			meter.consume(Self::do_close_round(n));
			// Settlement runs in `on_finalize`; the most it can do this block is reserved here.
			meter.consume(T::WeightInfo::reserve());
			meter.consume(Self::settlement_reserve());
			meter.consumed()
		}

		fn on_finalize(_n: BlockNumberFor<T>) {
			Self::do_settle();
		}

		fn integrity_test() {
			assert!(T::MaxFillsPerBlock::get() > 0, "MaxFillsPerBlock must be positive");
			assert!(
				T::MaxVisitsPerBlock::get() >= T::MaxFillsPerBlock::get(),
				"MaxVisitsPerBlock below MaxFillsPerBlock"
			);
			// A bid of 100% would pay nothing for the ticket's shares, which the queue never
			// does: such a ticket would wait at the head of the queue for good.
			assert!(
				T::MaxBidBps::get() < usdai_primitives::BPS_DENOMINATOR,
				"bids of 100% or more"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Lock `shares` sUSDai into a ticket paying at least `min_out` USDai in total (anyone).
		/// Holds `TicketDeposit` of CHIP until the ticket ends (claimed in full or cancelled).
		///
		/// Emits `RedemptionRequested`. Fails with `BelowMinimum`, `TooManyTickets`, or the
		/// vault's or balances' error if the shares or the deposit are not there.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_redemption())]
		pub fn request_redemption(
			origin: OriginFor<T>,
			shares: Balance,
			min_out: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_redemption(who, shares, min_out).map(|_| ())
		}

		/// Commit a sealed bid for `ticket` (its owner) in the current round's commit window:
		/// `commitment = blake2_256(SCALE((ticket, bid_bps, salt, owner)))`. A new commitment
		/// replaces the last.
		///
		/// Emits `BidCommitted`. Fails with `UnknownTicket`, `NotOwner`, `NotWaiting` or
		/// `NotCommitWindow`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::commit_bid())]
		pub fn commit_bid(
			origin: OriginFor<T>,
			ticket: TicketId,
			commitment: sp_core::H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_bid(who, ticket, commitment)
		}

		/// Reveal the bid committed for `ticket` (its owner) in the same round's reveal window.
		/// It re-ranks the ticket when the round closes; the bid is the fee paid on its fills.
		/// When the round's `MaxRevealsPerRound` reveals are taken, a higher bid displaces the
		/// lowest (of equal lowest bids, the latest revealed).
		///
		/// Emits `BidRevealed`, after `BidDisplaced` when it displaced a bid. Fails with
		/// `UnknownTicket`, `NotOwner`, `NotWaiting`, `NoCommitment`, `NotRevealWindow`,
		/// `BidTooHigh`, `WrongReveal` or `TooManyReveals`.
		///
		/// Weight: the dearer of its two worst cases, a reveal into a full round (it displaces the
		/// lowest bid) and the first reveal of a round (it forgets the round before's).
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::reveal_bid().max(T::WeightInfo::reveal_bid_first_of_round())
		)]
		pub fn reveal_bid(
			origin: OriginFor<T>,
			ticket: TicketId,
			bid_bps: BasisPoints,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_bid(who, ticket, bid_bps, salt)
		}

		/// Cancel `ticket` (its owner): the shares still waiting, the USDai its fills paid and
		/// the deposit go back.
		///
		/// Emits `Cancelled`. Fails with `UnknownTicket` or `NotOwner`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, ticket: TicketId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, ticket)
		}

		/// Give `ticket` to `to` (its owner): `to` is paid what it has filled and will fill, and
		/// may cancel it. The deposit stays with whoever paid it and returns to them, and the
		/// ticket keeps counting against that account's limit, never against `to`'s.
		///
		/// Emits `Transferred`. Fails with `UnknownTicket`, `NotOwner` or `SameOwner`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::transfer_ticket())]
		pub fn transfer_ticket(
			origin: OriginFor<T>,
			ticket: TicketId,
			to: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_ticket(who, ticket, to)
		}

		/// Pay `ticket`'s filled USDai to its owner (anyone may, for the owner). A ticket filled
		/// in full then ends and its deposit is released.
		///
		/// Emits `Claimed`. Fails with `UnknownTicket` or `NothingToClaim`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>, ticket: TicketId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_claim(ticket)
		}
	}
}

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
mod impls;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
pub mod migrations;
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
use usdai_primitives::{
	beacon::{BeaconRound, RandomnessBeacon},
	vault::RedemptionVault,
};
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
		traits::{fungible, UnixTime},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use usdai_primitives::{Balance, BasisPoints};

	/// The in-code storage version: 1 from the next release (commit-reveal's storage cleared,
	/// [`crate::migrations::v1`]).
	#[cfg(not(feature = "next-release"))]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);
	/// The in-code storage version: 1 from the next release (commit-reveal's storage cleared,
	/// [`crate::migrations::v1`]).
	#[cfg(feature = "next-release")]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

		/// The randomness beacon whose pulses open sealed bids (pallets/beacon), and its clock.
		type Beacon: RandomnessBeacon;

		/// The time of the current block, to tell which beacon round is due.
		type UnixTime: UnixTime;

		/// Beacon rounds per queue round: a queue round closes at every beacon round that is a
		/// multiple of this, and its bids are sealed to that round.
		#[pallet::constant]
		type RoundPeriod: Get<BeaconRound>;

		/// Beacon rounds before the closing round when bids stop: bids are taken only while the
		/// round due is more than this many rounds before the closing one. It covers a block
		/// timestamp that lags the real time (the pulse is public from its round's time on).
		#[pallet::constant]
		type BidMargin: Get<BeaconRound>;

		/// Beacon rounds after a closing round when, its pulse still missing, the round's bids
		/// lapse unopened (`NoPulse`).
		#[pallet::constant]
		type PulseTimeout: Get<BeaconRound>;

		/// Most bids sealed to one round (one a ticket; a new bid for the same ticket replaces
		/// its last).
		#[pallet::constant]
		type MaxBidsPerRound: Get<u32>;

		/// Most rounds holding sealed bids at once (while their pulses are awaited).
		#[pallet::constant]
		type MaxPendingRounds: Get<u32>;

		/// Longest ciphertext, in bytes: usdai-timelock's 160-byte envelope and the plaintext.
		#[pallet::constant]
		type MaxCiphertextLen: Get<u32>;

		/// Most sealed bids opened in one block (each costs a pairing and a G2 multiplication).
		#[pallet::constant]
		type MaxOpensPerBlock: Get<u32>;

		/// Weights of the calls and of settlement.
		type WeightInfo: WeightInfo;

		/// Sets the vault up for the benchmarks (sUSDai for requesters, liquidity for fills).
		#[cfg(feature = "runtime-benchmarks")]
		type VaultBenchmarkHelper: usdai_primitives::vault::VaultBenchmarkHelper<Self::AccountId>;

		/// Sets the beacon and the clock up for the benchmarks (a key they can sign with).
		#[cfg(feature = "runtime-benchmarks")]
		type BeaconBenchmarkHelper: usdai_primitives::beacon::BeaconBenchmarkHelper;
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

	/// Sealed bids by the beacon round they are sealed to, then ticket: at most one a ticket a
	/// round, and `MaxBidsPerRound` a round. Nobody can read them before the round's pulse.
	#[pallet::storage]
	pub type SealedBids<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BeaconRound,
		Twox64Concat,
		TicketId,
		SealedBid<T::AccountId, T::MaxCiphertextLen>,
		OptionQuery,
	>;

	/// The rounds holding sealed bids, oldest first, with how many each holds: the rounds whose
	/// pulses the queue waits for (`PulseDemand`). At most `MaxPendingRounds`.
	#[pallet::storage]
	pub type PendingRounds<T: Config> =
		StorageValue<_, BoundedVec<(BeaconRound, u32), T::MaxPendingRounds>, ValueQuery>;

	/// The round whose bids are being opened (a batch a block), once its pulse came or its
	/// timeout passed.
	#[pallet::storage]
	pub type Opening<T: Config> = StorageValue<_, crate::types::OpeningRound, OptionQuery>;

	/// The valid bids of the round being opened, in the order they were opened: cleared at one
	/// price when the last is opened.
	#[pallet::storage]
	pub type OpenedBids<T: Config> =
		StorageValue<_, BoundedVec<(TicketId, BasisPoints), T::MaxBidsPerRound>, ValueQuery>;

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
		/// A ticket changed owner (its sealed bids, which name the last owner, open to no bid).
		Transferred { ticket: TicketId, from: T::AccountId, to: T::AccountId },
		/// A sealed bid for `ticket` was committed to beacon round `round` (replacing its last
		/// one for that round, if any).
		BidSealed { ticket: TicketId, round: BeaconRound },
		/// `round`'s pulse opened a valid bid: `ticket` bid `bid_bps`.
		BidOpened { ticket: TicketId, round: BeaconRound, bid_bps: BasisPoints },
		/// A sealed bid counts as no bid, for `reason`.
		BidVoid { ticket: TicketId, round: BeaconRound, reason: VoidReason },
		/// `round` cleared at one price, `price_bps`: `ranked` tickets bid at least the price and
		/// moved to their bids' levels, each now paying the price; `outbid` bid less and kept their
		/// places.
		RoundCleared { round: BeaconRound, price_bps: BasisPoints, ranked: u32, outbid: u32 },
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
		/// The chain follows no beacon: nothing can be sealed.
		NoBeacon,
		/// Bids are sealed to the round the queue takes bids for now
		/// (`QevApi::sealed_round`), not this one.
		WrongRound,
		/// `MaxBidsPerRound` bids are sealed to this round already.
		RoundFull,
		/// `MaxPendingRounds` rounds wait for their pulses already (the beacon is late).
		TooManyPendingRounds,
		/// Not a ciphertext that could open: shorter than the 160-byte envelope, or its first
		/// point is not a point of the right group.
		NotACiphertext,
		/// The ticket's bid is in a round that has closed and is not cleared yet: it binds, and
		/// the ticket can be neither cancelled nor transferred until the round clears.
		BidPending,
		/// The ticket won a round: its bid binds until it is filled, so it cannot be cancelled
		/// (it can be transferred).
		BidWon,
		/// The ticket waits and none of it has been filled yet.
		NothingToClaim,
		/// The ticket has been filled in full: it no longer waits, so it cannot be bid for.
		NotWaiting,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::new();
			meter.consume(Self::do_open_bids(n));
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
			assert!(T::RoundPeriod::get() > 0, "RoundPeriod must be positive");
			assert!(T::MaxOpensPerBlock::get() > 0, "MaxOpensPerBlock must be positive");
			assert!(T::MaxPendingRounds::get() > 0, "MaxPendingRounds must be positive");
			// A bid's plaintext (ticket, owner, round, bid) must fit with the envelope.
			assert!(
				T::MaxCiphertextLen::get() as usize
					>= usdai_timelock::ENVELOPE_LEN
						.saturating_add(BidPlaintext::<T::AccountId>::max_encoded_len()),
				"MaxCiphertextLen below the envelope and a bid"
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

		/// Seal a bid for `ticket` (its owner) to beacon round `round`, the round the queue takes
		/// bids for now (`QevApi::sealed_round`). `ciphertext` is the compact timelock
		/// encryption (usdai-timelock; `tests/e2e/lib/timelock.js` makes it from tlock-js) of
		/// `SCALE(BidPlaintext { ticket, owner, round, bid_bps })` to that round of the beacon.
		/// Nobody, the bidder included, can open it before the beacon publishes the round's pulse;
		/// then the chain opens every bid of the round and clears them at one price. A new bid for
		/// the same ticket and round replaces the last.
		///
		/// Emits `BidSealed`. Fails with `UnknownTicket`, `NotOwner`, `NotWaiting`, `NoBeacon`,
		/// `WrongRound`, `NotACiphertext`, `RoundFull` or `TooManyPendingRounds`.
		///
		/// Weight: the call's, and the opening of one bid, which the chain does later for it
		/// (so that a bidder pays for the work its bid makes).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::commit_bid().saturating_add(
			T::WeightInfo::open_bids(1).saturating_sub(T::WeightInfo::open_bids(0))
		))]
		pub fn commit_bid(
			origin: OriginFor<T>,
			ticket: TicketId,
			round: BeaconRound,
			ciphertext: BoundedVec<u8, T::MaxCiphertextLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_bid(who, ticket, round, ciphertext)
		}

		/// Cancel `ticket` (its owner): the shares still waiting, the USDai its fills paid and
		/// the deposit go back.
		///
		/// Emits `Cancelled`. Fails with `UnknownTicket`, `NotOwner`, `BidWon` (a waiting ticket
		/// that won a round: its bid binds until it is filled) or `BidPending` (its bid is in a
		/// closed round not yet cleared).
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
		/// Emits `Transferred`. Fails with `UnknownTicket`, `NotOwner`, `SameOwner` or `BidPending`
		/// (its bid is in a closed round not yet cleared).
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

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

mod backstop;
mod bribes;
mod capacity;
mod dust;
mod epochs;
mod fees;
mod governance_class;
mod impls;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
mod locks;
mod votes;

pub mod runtime_api;
pub mod types;
pub mod weights;

// Benchmark setup aborts on a broken precondition (it runs only in the benchmark CLI).
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Prepares the stacks and bribe assets for the gauges' benchmarks (the vault is prepared
/// through `Config::VaultBenchmarkHelper`). The runtime implements it over filo and
/// pallet-assets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// The `i`-th of a set of distinct stacks that exist (opened if need be).
	fn stack(i: u32) -> usdai_primitives::StackId;
	/// The `i`-th of a set of distinct assets (created if need be), of which `who` is given
	/// `amount`, for bribes.
	fn bribe_asset(
		i: u32,
		who: &AccountId,
		amount: usdai_primitives::Balance,
	) -> usdai_primitives::AssetId;
}

pub use capacity::GaugedCapacity;
pub use types::*;
use usdai_primitives::{
	capacity::StackInspect,
	vault::{BackstopVault, FeeSource, LendableCapital},
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
		traits::{fungible, fungibles},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use usdai_primitives::{AssetId, Balance, StackId};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the gauges.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token (CHIP): held for locks, minted by the backstop sale.
		type NativeBalance: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Balance,
			> + fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The token ledger (pallet-assets): bribes and the fee share (USDai).
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetId, Balance = Balance>;

		/// The asset the fee share is paid in (USDai).
		#[pallet::constant]
		type FeeAsset: Get<AssetId>;

		/// Which stacks exist (filo).
		type Stacks: StackInspect;

		/// The vault's capital that the gauges divide between stacks.
		type Capital: LendableCapital;

		/// Hands over the lockers' share of the protocol fee once per epoch.
		type Fees: FeeSource<Self::AccountId>;

		/// The vault's uncovered loss, paid down by the backstop sale.
		type Backstop: BackstopVault<Self::AccountId>;

		/// Opens and cancels backstop sales.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the account holding bribes and fees.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Blocks per epoch.
		#[pallet::constant]
		type EpochLength: Get<BlockNumberFor<Self>>;

		/// The longest lock, in blocks: a lock this long has power equal to its amount.
		#[pallet::constant]
		type MaxLockDuration: Get<BlockNumberFor<Self>>;

		/// The smallest lock, in CHIP base units.
		#[pallet::constant]
		type MinLockAmount: Get<Balance>;

		/// Most locks one account may hold.
		#[pallet::constant]
		type MaxLocksPerAccount: Get<u32>;

		/// Most stacks one account may vote for.
		#[pallet::constant]
		type MaxVotes: Get<u32>;

		/// Most stacks with votes at once (the tally takes one step per gauge).
		#[pallet::constant]
		type MaxGauges: Get<u32>;

		/// Most bribe assets per stack and epoch.
		#[pallet::constant]
		type MaxBribeAssets: Get<u32>;

		/// How many epochs ahead a bribe may be posted.
		#[pallet::constant]
		type MaxBribeLead: Get<EpochIndex>;

		/// Most epochs one `claim_fees` walks.
		#[pallet::constant]
		type MaxClaimEpochs: Get<u32>;

		/// Most CHIP (base units) one backstop sale may mint.
		#[pallet::constant]
		type MaxBackstopMint: Get<Balance>;

		/// The quorum until governance sets one (`CapacityQuorum`): the voting power (CHIP base
		/// units, as `GaugesApi::locker` shows it) the votes in force need before the gauges
		/// direct lending capacity. Must be positive.
		#[pallet::constant]
		type DefaultCapacityQuorum: Get<Balance>;

		/// The bound on one stack's capacity until governance sets one (`MaxStackShare`): the
		/// most of the lendable capital one gauge may grant. Must be positive.
		#[pallet::constant]
		type DefaultMaxStackShare: Get<Perbill>;

		/// Weights of the calls and the hook.
		type WeightInfo: WeightInfo;

		/// Prepares the stacks and bribe assets for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;

		/// Prepares the vault for benchmarks (the lockers' fees, an uncovered loss, USDai for
		/// accounts).
		#[cfg(feature = "runtime-benchmarks")]
		type VaultBenchmarkHelper: usdai_primitives::vault::VaultBenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// CHIP locked for voting power.
		Lock,
	}

	/// The last epoch whose tally has run: its gauge weights are the ones in force.
	#[pallet::storage]
	pub type LastTallied<T: Config> = StorageValue<_, EpochIndex, ValueQuery>;

	/// Every account's position per epoch in which it changed, keyed by
	/// `(u32::MAX − epoch)` big-endian: the first key at or after an epoch's is the position in
	/// force then (one storage seek). The newest is the account's current position.
	#[pallet::storage]
	pub type History<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Identity,
		HistoryKey,
		Position<T::MaxLocksPerAccount, T::MaxVotes>,
		OptionQuery,
	>;

	/// The next epoch whose fee share an account has not claimed.
	#[pallet::storage]
	pub type FeeCursor<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EpochIndex, OptionQuery>;

	/// CHIP held by all locks.
	#[pallet::storage]
	pub type TotalLocked<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Stacks whose gauge has votes (pending or in force).
	#[pallet::storage]
	pub type ActiveGauges<T: Config> =
		StorageValue<_, BoundedVec<StackId, T::MaxGauges>, ValueQuery>;

	/// Each gauge's aggregate at the start of the next epoch to tally.
	#[pallet::storage]
	pub type GaugePoints<T: Config> = StorageMap<_, Twox64Concat, StackId, Point, ValueQuery>;

	/// How much a gauge's slope drops at the start of an epoch (its voters' locks ending then).
	#[pallet::storage]
	pub type GaugeSlopeChanges<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StackId, Twox64Concat, EpochIndex, Balance, ValueQuery>;

	/// All locks' aggregate at the start of the next epoch to tally.
	#[pallet::storage]
	pub type GlobalPoint<T: Config> = StorageValue<_, Point, ValueQuery>;

	/// How much the global slope drops at the start of an epoch.
	#[pallet::storage]
	pub type GlobalSlopeChanges<T: Config> =
		StorageMap<_, Twox64Concat, EpochIndex, Balance, ValueQuery>;

	/// Each gauge's weight (its voters' raw power) in a tallied epoch.
	#[pallet::storage]
	pub type GaugeWeights<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EpochIndex, Twox64Concat, StackId, RawPower, ValueQuery>;

	/// The sum of the gauge weights of a tallied epoch.
	#[pallet::storage]
	pub type VotedPower<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, RawPower, ValueQuery>;

	/// All locks' raw power at the start of a tallied epoch.
	#[pallet::storage]
	pub type TotalPower<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, RawPower, ValueQuery>;

	/// The fee share taken at the start of an epoch and what lockers have claimed of it.
	#[pallet::storage]
	pub type EpochFees<T: Config> = StorageMap<_, Twox64Concat, EpochIndex, FeePot, OptionQuery>;

	/// Bribes for a stack in an epoch, one pot per asset.
	#[pallet::storage]
	pub type BribePots<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Twox64Concat,
		StackId,
		BoundedVec<BribePot, T::MaxBribeAssets>,
		ValueQuery,
	>;

	/// What each briber put into a pot (returned if nobody votes for the stack).
	#[pallet::storage]
	pub type BribeContributions<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, EpochIndex>,
			NMapKey<Twox64Concat, StackId>,
			NMapKey<Twox64Concat, AssetId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		Balance,
		ValueQuery,
	>;

	/// Voters who have claimed a stack's bribes of an epoch.
	#[pallet::storage]
	pub type BribeClaims<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, EpochIndex>,
			NMapKey<Twox64Concat, StackId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		(),
		OptionQuery,
	>;

	/// The open backstop sale, if any.
	#[pallet::storage]
	pub type Backstop<T: Config> = StorageValue<_, BackstopSale, OptionQuery>;

	/// Of each asset, what the pallet's account keeps beyond every pot, booked to nobody: the
	/// asset's minimum balance (nothing for an asset whose minimum is one base unit, of which no
	/// dust exists). Paying a pot out then never leaves the account dust, so it is never reaped
	/// under the pots' unclaimed rest. Paid by the first fee pot or bribe of the asset, kept
	/// for ever. One entry per asset the pallet has held.
	#[pallet::storage]
	pub type Anchors<T: Config> = StorageMap<_, Twox64Concat, AssetId, Balance, ValueQuery>;

	/// `DefaultCapacityQuorum`, until governance sets the quorum.
	#[pallet::type_value]
	pub fn DefaultQuorum<T: Config>() -> Balance {
		T::DefaultCapacityQuorum::get()
	}

	/// The voting power (CHIP base units of power, as `GaugesApi::locker` shows it) that the
	/// votes of the epoch in force must reach before the gauges direct lending capacity
	/// (`set_capacity_quorum`). Below it the gauges grant nothing and [`GaugedCapacity`] falls
	/// back to its ceiling (governance's caps).
	#[pallet::storage]
	pub type CapacityQuorum<T: Config> = StorageValue<_, Balance, ValueQuery, DefaultQuorum<T>>;

	/// `DefaultMaxStackShare`, until governance sets the bound.
	#[pallet::type_value]
	pub fn DefaultMaxShare<T: Config>() -> Perbill {
		T::DefaultMaxStackShare::get()
	}

	/// The most of the lendable capital one stack's gauge may grant, whatever its weight
	/// (`set_max_stack_share`).
	#[pallet::storage]
	pub type MaxStackShare<T: Config> = StorageValue<_, Perbill, ValueQuery, DefaultMaxShare<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// CHIP was locked until the start of epoch `end`.
		Locked { who: T::AccountId, amount: Balance, end: EpochIndex },
		/// A lock's end moved out.
		LockExtended { who: T::AccountId, index: u32, end: EpochIndex },
		/// Expired locks were released.
		Unlocked { who: T::AccountId, amount: Balance },
		/// An account's votes changed (in force from `from`).
		Voted { who: T::AccountId, votes: BoundedVec<Vote, T::MaxVotes>, from: EpochIndex },
		/// An epoch was tallied: its gauge weights are in force. `fees` is the epoch's fee pot
		/// (the fees taken, less any anchor kept, see `Anchored`).
		EpochTallied {
			epoch: EpochIndex,
			gauges: u32,
			voted_power: RawPower,
			total_power: RawPower,
			fees: Balance,
		},
		/// A bribe was posted.
		BribeAdded {
			briber: T::AccountId,
			epoch: EpochIndex,
			stack: StackId,
			asset: AssetId,
			amount: Balance,
		},
		/// A voter claimed its share of a stack's bribes for an epoch (0 for a share below the
		/// asset's minimum balance when the voter held none: it stays in its pot).
		BribesClaimed {
			who: T::AccountId,
			epoch: EpochIndex,
			stack: StackId,
			paid: BoundedVec<(AssetId, Balance), T::MaxBribeAssets>,
		},
		/// A bribe for a stack nobody voted for went back to its briber.
		BribeReclaimed {
			briber: T::AccountId,
			epoch: EpochIndex,
			stack: StackId,
			asset: AssetId,
			amount: Balance,
		},
		/// A locker claimed its fee share for epochs `from..=to` (`amount` is 0 when the share
		/// was below the minimum balance and `who` held none: it stays in the pots).
		FeesClaimed { who: T::AccountId, amount: Balance, from: EpochIndex, to: EpochIndex },
		/// Governance opened a backstop sale.
		BackstopOpened { loss: Balance, chip_price: Balance, max_chip: Balance },
		/// A buyer paid USDai into the vault for newly minted CHIP.
		BackstopBought { buyer: T::AccountId, usdai: Balance, chip: Balance },
		/// The backstop sale closed (filled or cancelled).
		BackstopClosed { raised: Balance, minted: Balance },
		/// Governance set the voting power the gauges need to direct lending capacity.
		CapacityQuorumSet { quorum: Balance },
		/// Governance set the most of the lendable capital one stack's gauge may grant.
		MaxStackShareSet { share: Perbill },
		/// The pallet's account keeps `amount` more of `asset` as its anchor, booked to nobody
		/// (see [`Anchors`]): paid by a briber on top of its bribe, or out of an epoch's fees.
		Anchored { asset: AssetId, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A zero amount (or a zero capacity quorum).
		ZeroAmount,
		/// Less than `MinLockAmount`.
		LockTooSmall,
		/// The lock would have no power in the next epoch.
		LockTooShort,
		/// Longer than `MaxLockDuration`.
		LockTooLong,
		/// The account holds `MaxLocksPerAccount` locks.
		TooManyLocks,
		/// No lock at that index.
		UnknownLock,
		/// The new end is not later than the lock's end.
		NotExtended,
		/// No lock has expired.
		NothingToUnlock,
		/// The last epoch has not been tallied yet; try again next block.
		TallyPending,
		/// No such stack.
		UnknownStack,
		/// A stack appears twice in the votes.
		DuplicateStack,
		/// A vote with a zero share, or a zero bound on a stack's share.
		ZeroShare,
		/// The shares add up to more than 100%.
		SharesAbove100,
		/// The account has no power in the next epoch.
		NoVotingPower,
		/// `MaxGauges` stacks have votes already.
		TooManyGauges,
		/// Bribes are for epochs after the current one.
		EpochNotFuture,
		/// More than `MaxBribeLead` epochs ahead.
		EpochTooFar,
		/// The stack has `MaxBribeAssets` bribe assets for the epoch.
		TooManyBribeAssets,
		/// The epoch has not been tallied.
		EpochNotTallied,
		/// Already claimed.
		AlreadyClaimed,
		/// Nothing to claim.
		NothingToClaim,
		/// No bribe of the caller matches.
		NoBribe,
		/// The stack had votes in the epoch: its bribes belong to the voters.
		StackHadVotes,
		/// A backstop sale is open already.
		BackstopOpen,
		/// No backstop sale is open.
		NoBackstop,
		/// The vault has no uncovered loss, or less than asked.
		LossNotUncovered,
		/// Selling CHIP for the whole loss would mint more than `MaxBackstopMint`.
		BackstopTooLarge,
		/// A zero price.
		ZeroPrice,
		/// The payment would buy no CHIP.
		PaymentTooSmall,
		/// The move would leave less than the token's minimum balance: move all of it or leave
		/// at least the minimum.
		LeavesDust,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_on_initialize(now)
		}

		fn integrity_test() {
			use sp_runtime::traits::{Saturating, Zero};
			assert!(!T::EpochLength::get().is_zero(), "EpochLength must be positive");
			assert!(
				T::MaxLockDuration::get()
					>= T::EpochLength::get().saturating_add(T::EpochLength::get()),
				"MaxLockDuration must span at least two epochs"
			);
			assert!(T::MaxLocksPerAccount::get() > 0, "MaxLocksPerAccount must be positive");
			assert!(T::MaxVotes::get() > 0, "MaxVotes must be positive");
			assert!(T::MaxGauges::get() >= T::MaxVotes::get(), "MaxGauges below MaxVotes");
			assert!(T::MaxBribeAssets::get() > 0, "MaxBribeAssets must be positive");
			assert!(T::MaxClaimEpochs::get() > 0, "MaxClaimEpochs must be positive");
			assert!(T::MinLockAmount::get() > 0, "MinLockAmount must be positive");
			assert!(T::DefaultCapacityQuorum::get() > 0, "DefaultCapacityQuorum must be positive");
			assert!(
				!T::DefaultMaxStackShare::get().is_zero(),
				"DefaultMaxStackShare must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Lock `amount` CHIP (anyone) for about `duration` blocks: the lock ends at the last
		/// epoch boundary before `now + duration`. Its power counts from the next epoch, in the
		/// caller's current votes too.
		///
		/// Emits `Locked`. Fails with `ZeroAmount`, `LockTooSmall`, `LockTooShort`,
		/// `LockTooLong`, `TooManyLocks`, `TallyPending`, or balances' error if the CHIP is not
		/// free.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::lock())]
		pub fn lock(
			origin: OriginFor<T>,
			amount: Balance,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_lock(who, amount, duration)
		}

		/// Move the end of the caller's lock number `index` out to the last epoch boundary
		/// before `now + duration` (an expired lock may be locked again this way).
		///
		/// Emits `LockExtended`. Fails with `UnknownLock`, `NotExtended`, `LockTooShort`,
		/// `LockTooLong` or `TallyPending`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::extend_lock())]
		pub fn extend_lock(
			origin: OriginFor<T>,
			index: u32,
			duration: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_extend_lock(who, index, duration)
		}

		/// Release every expired lock of the caller (its end has passed).
		///
		/// Emits `Unlocked`. Fails with `NothingToUnlock` or `TallyPending`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unlock(who)
		}

		/// Split the caller's power over stacks from the next epoch on: distinct existing
		/// stacks, non-zero shares adding up to at most 100%. An empty list removes the votes.
		/// The votes follow the caller's locks as they change.
		///
		/// Emits `Voted`. Fails with `UnknownStack`, `DuplicateStack`, `ZeroShare`,
		/// `SharesAbove100`, `NoVotingPower`, `TooManyGauges` or `TallyPending`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::vote(votes.len() as u32))]
		pub fn vote(origin: OriginFor<T>, votes: BoundedVec<Vote, T::MaxVotes>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(who, votes)
		}

		/// Post a bribe of `amount` of `asset` (anyone) for the voters of `stack` in `epoch`, a
		/// future epoch at most `MaxBribeLead` ahead. The tokens move to the pallet's account;
		/// the first bribe of an asset also pays the account's anchor of it, the asset's minimum
		/// balance (`Anchored`).
		///
		/// Emits `BribeAdded`. Fails with `ZeroAmount`, `UnknownStack`, `EpochNotFuture`,
		/// `EpochTooFar`, `TooManyBribeAssets`, `LeavesDust` (the briber would keep less than the
		/// minimum balance), or the asset's error if the tokens are not there.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_bribe())]
		pub fn add_bribe(
			origin: OriginFor<T>,
			stack: StackId,
			epoch: EpochIndex,
			asset: AssetId,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_bribe(who, stack, epoch, asset, amount)
		}

		/// Claim the caller's share of every bribe for `stack` in the tallied `epoch`: each pot
		/// × the caller's power for the stack in that epoch / the stack's weight, rounded down.
		/// A share below the asset's minimum balance, into an account that holds none of it,
		/// cannot be received: it stays in its pot (paid as 0).
		///
		/// Emits `BribesClaimed`. Fails with `EpochNotTallied`, `AlreadyClaimed` or
		/// `NothingToClaim`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::claim_bribes(T::MaxBribeAssets::get()))]
		pub fn claim_bribes(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			stack: StackId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_bribes(who, epoch, stack)
		}

		/// Take back the caller's bribe of `asset` for `stack` in the tallied `epoch`, in which
		/// nobody voted for the stack.
		///
		/// Emits `BribeReclaimed`. Fails with `EpochNotTallied`, `StackHadVotes` or `NoBribe`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reclaim_bribe())]
		pub fn reclaim_bribe(
			origin: OriginFor<T>,
			epoch: EpochIndex,
			stack: StackId,
			asset: AssetId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reclaim_bribe(who, epoch, stack, asset)
		}

		/// Claim the caller's fee share of the next tallied epochs not yet claimed (at most
		/// `MaxClaimEpochs` of them): each epoch's pot × the caller's power / all power at its
		/// start, rounded down. A total below the minimum balance, into an account that holds
		/// none, cannot be received: it stays in the pots and the epochs count as claimed.
		///
		/// Emits `FeesClaimed`. Fails with `NothingToClaim` when no tallied epoch is left.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::claim_fees(T::MaxClaimEpochs::get()))]
		pub fn claim_fees(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_fees(who)
		}

		/// Open a sale of newly minted CHIP at `chip_price` (USDai base units per whole CHIP)
		/// to raise `loss` USDai for the vault's uncovered loss (governance). Selling all of it
		/// may mint at most `MaxBackstopMint`.
		///
		/// Emits `BackstopOpened`. Fails with `ZeroAmount`, `ZeroPrice`, `BackstopOpen`,
		/// `LossNotUncovered` or `BackstopTooLarge`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::backstop())]
		pub fn backstop(
			origin: OriginFor<T>,
			loss: Balance,
			chip_price: Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_backstop(loss, chip_price)
		}

		/// Buy CHIP from the open backstop sale (anyone): pays up to `usdai` (what the sale still
		/// needs, at most the vault's loss still uncovered) into the vault and mints the CHIP it
		/// buys at the sale price, rounded down. If the loss has been covered another way in the
		/// meantime, the call only closes the sale.
		///
		/// Emits `BackstopBought`, and `BackstopClosed` when the sale is filled or nothing is left
		/// uncovered. Fails with `NoBackstop`, `ZeroAmount`, `PaymentTooSmall`, `LeavesDust`
		/// (the buyer would keep less than USDai's minimum balance), or the vault's error if the
		/// USDai is not there.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::buy_backstop())]
		pub fn buy_backstop(origin: OriginFor<T>, usdai: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_buy_backstop(who, usdai)
		}

		/// Close the open backstop sale (governance).
		///
		/// Emits `BackstopClosed`. Fails with `NoBackstop`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::cancel_backstop())]
		pub fn cancel_backstop(origin: OriginFor<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_cancel_backstop()
		}

		/// Set the voting power (CHIP base units of power, as `GaugesApi::locker` shows it) the
		/// votes of the epoch in force must reach before the gauges direct lending capacity
		/// (governance). In force at once; below it the ceiling (governance's caps) decides.
		///
		/// Emits `CapacityQuorumSet`. Fails with `ZeroAmount`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::set_capacity_quorum())]
		pub fn set_capacity_quorum(origin: OriginFor<T>, quorum: Balance) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_capacity_quorum(quorum)
		}

		/// Set the most of the vault's lendable capital one stack's gauge may grant, whatever
		/// its weight (governance). In force at once.
		///
		/// Emits `MaxStackShareSet`. Fails with `ZeroShare`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_max_stack_share())]
		pub fn set_max_stack_share(origin: OriginFor<T>, share: Perbill) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_max_stack_share(share)
		}
	}
}

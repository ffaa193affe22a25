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

mod governance;
mod governance_class;
mod holders;
mod impls;
// Also built with `std` so that other pallets' tests and the runtime's can check these
// invariants.
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
mod lending;
mod lockers;
mod mint;
mod points;
mod points_tracker;
mod redemption;
mod shares;
mod sleeve;

pub mod runtime_api;
pub mod types;
pub mod weights;

// Benchmark setup aborts on a broken precondition (it runs only in the benchmark CLI).
#[cfg(feature = "runtime-benchmarks")]
#[allow(clippy::expect_used)]
mod benchmark_helper;
#[cfg(feature = "runtime-benchmarks")]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use holders::AssetHolders;
pub use points_tracker::{AssetTransfers, TransferEvents};
pub use types::*;
use usdai_primitives::{holders::HolderCursor, vault::InterestSplit};
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
		traits::fungibles::{metadata::Inspect as MetadataInspect, Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use usdai_primitives::{AssetId, Balance, BasisPoints};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the vault.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The token ledger (pallet-assets) holding stablecoins, USDai and sUSDai.
		type Assets: Inspect<Self::AccountId, AssetId = AssetId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ MetadataInspect<Self::AccountId>;

		/// Walks USDai and sUSDai holders for the points accounting.
		type Holders: HolderCursor<Self::AccountId>;

		/// Derives the vault's accounts: the vault itself (owner of USDai and sUSDai; holds idle
		/// cash, the insurance fund and collected fees), the stablecoin reserve, the queue escrow
		/// and the holder of the dead shares.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The USDai asset.
		#[pallet::constant]
		type UsdaiAsset: Get<AssetId>;

		/// The sUSDai asset.
		#[pallet::constant]
		type SusdaiAsset: Get<AssetId>;

		/// Changes the configuration (accepted stablecoins, caps, limits, fees, vesting) and lifts
		/// pauses and the circuit breaker.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Pauses deposits and stakes in an emergency (it cannot unpause).
		type EmergencyOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most stablecoins the vault may accept.
		#[pallet::constant]
		type MaxStablecoins: Get<u32>;

		/// Upper bound of the protocol fee on interest.
		#[pallet::constant]
		type MaxProtocolFeeBps: Get<BasisPoints>;

		/// Upper bound of the insurance cut on interest.
		#[pallet::constant]
		type MaxInsuranceBps: Get<BasisPoints>;

		/// Share of each protocol fee set aside for CHIP lockers (rounded down, so the treasury
		/// keeps the rounding dust), paid to pallets/gauges once per epoch through
		/// [`FeeSource::take_fees`](usdai_primitives::vault::FeeSource::take_fees). Governance
		/// cannot withdraw it.
		#[pallet::constant]
		type LockerFeeShare: Get<Perbill>;

		/// sUSDai minted at the first stake into the queue's escrow, where nobody can spend
		/// them, so that the share price cannot be inflated against a first depositor. They also
		/// keep the escrow alive under the shares still locked: at least sUSDai's minimum
		/// balance (checked by `try_state`).
		#[pallet::constant]
		type DeadShares: Get<Balance>;

		/// Longest vesting window governance may set.
		#[pallet::constant]
		type MaxVestingPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks per day, the unit of the Allo points rates.
		#[pallet::constant]
		type BlocksPerDay: Get<BlockNumberFor<Self>>;

		/// Most holders the points accounting visits in one block.
		#[pallet::constant]
		type MaxPointsVisitsPerBlock: Get<u32>;

		/// Reads the receiver of a USDai or sUSDai transfer from a runtime event
		/// ([`AssetTransfers`] for pallet-assets), so that receivers are settled at the end of
		/// the block they received in.
		type TransferEvents: TransferEvents<
			<Self as frame_system::Config>::RuntimeEvent,
			Self::AccountId,
		>;

		/// Most debited accounts (`PointsPending`) settled at the end of one block. A debited
		/// account beyond it is recorded as holding nothing until it is observed again.
		#[pallet::constant]
		type MaxPointsPendingPerBlock: Get<u32>;

		/// Most of a block's events that `on_finalize` reads for the receivers of USDai and
		/// sUSDai transfers. Receivers in later events earn from their next observation.
		#[pallet::constant]
		type MaxPointsScannedEvents: Get<u32>;

		/// Weights of the calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// Stablecoins accepted for USDai, with their decimals, reserve cap and whether deposits of
	/// them are enabled. At most `MaxStablecoins` entries.
	#[pallet::storage]
	pub type Stablecoins<T: Config> = CountedStorageMap<_, Twox64Concat, AssetId, StablecoinInfo>;

	/// Stablecoins held in the reserve for USDai, per asset, in the stablecoin's base units.
	/// Counts only what deposits brought and redemptions took (not donations).
	#[pallet::storage]
	pub type Reserves<T: Config> = StorageMap<_, Twox64Concat, AssetId, Balance, ValueQuery>;

	/// Supply cap and rate limit of USDai minting.
	#[pallet::storage]
	pub type Limits<T: Config> = StorageValue<_, MintLimits<BlockNumberFor<T>>, OptionQuery>;

	/// USDai minted in the current rate-limit period.
	#[pallet::storage]
	pub type Window<T: Config> = StorageValue<_, MintWindow<BlockNumberFor<T>>, ValueQuery>;

	/// Whether the circuit breaker has tripped: deposits stop until governance resets it.
	#[pallet::storage]
	pub type BreakerTripped<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// What is paused.
	#[pallet::storage]
	pub type Paused<T: Config> = StorageValue<_, PauseState, ValueQuery>;

	/// Protocol fee and insurance cut on interest.
	#[pallet::storage]
	pub type Fees<T: Config> = StorageValue<_, FeeConfig, ValueQuery>;

	/// The vault's books.
	#[pallet::storage]
	pub type Ledger<T: Config> = StorageValue<_, VaultLedger, ValueQuery>;

	/// Part of `Ledger.protocol_fees` set aside for CHIP lockers (`LockerFeeShare` of each
	/// protocol fee) and not yet taken by pallets/gauges (`FeeSource::take_fees`).
	/// `withdraw_protocol_fees` cannot touch it. Always `<= Ledger.protocol_fees`.
	#[pallet::storage]
	pub type LockerFees<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Realised loss that fell through the stack's first-loss and the insurance fund to sUSDai
	/// holders and that the CHIP backstop has not yet paid back. `realise_loss` adds to it,
	/// `cover_loss` (insurance) and `BackstopVault::cover_loss_from` (the backstop sale) pay it
	/// down.
	#[pallet::storage]
	pub type UncoveredLoss<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Yield vesting into the redemption price.
	#[pallet::storage]
	pub type YieldVesting<T: Config> = StorageValue<_, Vesting<BlockNumberFor<T>>, ValueQuery>;

	/// Length of the vesting window for realised yield, in blocks.
	#[pallet::storage]
	pub type VestingPeriod<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// sUSDai held in the queue's escrow (redemption tickets).
	#[pallet::storage]
	pub type LockedShares<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Allo points per account and what the accounting last saw of it.
	#[pallet::storage]
	pub type Points<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PointsRecord<BlockNumberFor<T>>, OptionQuery>;

	/// Accounts whose USDai or sUSDai balance fell in this block (their `Points` record is
	/// `pending`), settled in `on_finalize` at the balances they end the block with. Emptied
	/// every block; at most `MaxPointsPendingPerBlock`.
	#[pallet::storage]
	pub type PointsPending<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxPointsPendingPerBlock>, ValueQuery>;

	/// This block's points bookkeeping: whether `on_finalize` reads the block's events for the
	/// receivers of USDai and sUSDai transfers, and how many it may settle. Removed every block.
	#[pallet::storage]
	pub type PointsBlock<T: Config> = StorageValue<_, PointsBlockState<T::AccountId>, OptionQuery>;

	/// Where the points walk stands: in the USDai holders, the sUSDai holders, or the accounts
	/// that have a points record (so that accounts whose balance fell to zero are observed too).
	#[pallet::storage]
	pub type PointsCursor<T: Config> = StorageValue<
		_,
		WalkPosition<<T::Holders as HolderCursor<T::AccountId>>::Cursor>,
		OptionQuery,
	>;

	/// Genesis configuration of the vault.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accepted stablecoins: (asset, reserve cap in its base units, enabled). Decimals are
		/// read from the asset's metadata.
		pub stablecoins: alloc::vec::Vec<(AssetId, Balance, bool)>,
		/// Supply cap and rate limit.
		pub limits: Option<MintLimits<BlockNumberFor<T>>>,
		/// Fees on interest.
		pub fees: FeeConfig,
		/// Vesting window of realised yield, in blocks.
		pub vesting_period: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (asset, cap, enabled) in &self.stablecoins {
				let decimals = T::Assets::decimals(*asset);
				let info = StablecoinInfo { decimals, cap: *cap, enabled: *enabled };
				assert!(info.scale().is_some(), "stablecoin {asset} has more than 18 decimals");
				Stablecoins::<T>::insert(asset, info);
			}
			assert!(
				Stablecoins::<T>::count() <= T::MaxStablecoins::get(),
				"more stablecoins than MaxStablecoins"
			);
			if let Some(limits) = self.limits {
				assert!(Pallet::<T>::limits_valid(&limits), "invalid mint limits");
				Limits::<T>::put(limits);
			}
			assert!(Pallet::<T>::fees_valid(&self.fees), "fees above their bounds");
			Fees::<T>::put(self.fees);
			assert!(self.vesting_period <= T::MaxVestingPeriod::get(), "vesting period too long");
			VestingPeriod::<T>::put(self.vesting_period);
		}
	}

	/// Events of the vault.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` deposited `amount` of stablecoin `asset` and received `minted` USDai.
		Deposited { who: T::AccountId, asset: AssetId, amount: Balance, minted: Balance },
		/// `who` burnt `burned` USDai and received `paid` of stablecoin `asset`.
		Redeemed { who: T::AccountId, asset: AssetId, burned: Balance, paid: Balance },
		/// `who` staked `usdai` USDai and received `shares` sUSDai.
		Staked { who: T::AccountId, usdai: Balance, shares: Balance },
		/// A block of the queue's fills was settled: `shares` burnt, `paid` USDai set aside for
		/// the filled tickets (paid to their holders when they collect), `fee` kept by the vault
		/// for the holders who remain.
		QueueSettled { shares: Balance, paid: Balance, fee: Balance },
		/// The first stake minted `shares` dead shares into the queue's escrow, where nobody can
		/// spend them.
		DeadSharesMinted { shares: Balance },
		/// The circuit breaker tripped: `minted` USDai in the period starting at `period_start`
		/// passed the limit `limit`. Deposits stop until governance resets it.
		CircuitBreakerTripped { period_start: BlockNumberFor<T>, minted: Balance, limit: Balance },
		/// Governance reset the circuit breaker; deposits may resume.
		CircuitBreakerReset,
		/// Pauses changed.
		PauseChanged { state: PauseState },
		/// Governance accepted or reconfigured stablecoin `asset`.
		StablecoinSet { asset: AssetId, info: StablecoinInfo },
		/// Governance removed stablecoin `asset`.
		StablecoinRemoved { asset: AssetId },
		/// Governance set the mint limits.
		MintLimitsSet { limits: MintLimits<BlockNumberFor<T>> },
		/// Governance set the fees on interest.
		FeesSet { fees: FeeConfig },
		/// Governance set the vesting window.
		VestingPeriodSet { blocks: BlockNumberFor<T> },
		/// `amount` USDai was lent to `to`.
		Lent { to: T::AccountId, amount: Balance },
		/// `from` repaid `amount` of principal.
		PrincipalRepaid { from: T::AccountId, amount: Balance },
		/// `from` paid interest, split as shown; `to_vault` vests until block `vested_at`.
		InterestReceived { from: T::AccountId, split: InterestSplit, vested_at: BlockNumberFor<T> },
		/// Interest accrued on loans changed by `amount` (`increase` or not).
		AccruedInterestChanged { amount: Balance, increase: bool },
		/// `amount` of principal was written down.
		Impaired { amount: Balance },
		/// An impairment of `amount` was reversed.
		ImpairmentReversed { amount: Balance },
		/// `amount` of principal was lost for good.
		LossRealised { amount: Balance },
		/// The insurance fund paid `paid` of a requested `requested` into the vault.
		LossCovered { requested: Balance, paid: Balance },
		/// `amount` of stablecoin `asset` (worth `value` USDai) left the reserve for the T-bill
		/// sleeve.
		MovedToSleeve { asset: AssetId, amount: Balance, value: Balance },
		/// `amount` of stablecoin `asset` (worth `value` USDai) came back from the sleeve.
		RecalledFromSleeve { asset: AssetId, amount: Balance, value: Balance },
		/// The sleeve's value was reported; `value` is its book afterwards (growth that does not
		/// fit under the supply cap is not booked).
		SleeveValueReported { value: Balance },
		/// The sleeve grew by `growth`: minted as USDai and split like interest.
		SleeveYield { growth: Balance, split: InterestSplit, vested_at: BlockNumberFor<T> },
		/// The sleeve fell by `fall`: `from_idle` borne by the vault, `from_fund` by insurance.
		SleeveLoss { fall: Balance, from_idle: Balance, from_fund: Balance },
		/// A gain that is not interest (a cure, a recovery, a loss paid back, a queue bid fee)
		/// raised the vault's value by `amount`; like yield, it vests into the redemption price
		/// until block `vested_at`.
		GainVesting { amount: Balance, vested_at: BlockNumberFor<T> },
		/// Governance withdrew `amount` of protocol fees to `to`.
		ProtocolFeesWithdrawn { to: T::AccountId, amount: Balance },
		/// `from` paid `amount` USDai into the vault against the uncovered loss (the CHIP
		/// backstop sale): the sUSDai price rises.
		LossBackstopped { from: T::AccountId, amount: Balance },
		/// The CHIP lockers' share of the protocol fees, `amount` USDai, was paid to `to`
		/// (pallets/gauges).
		LockerFeesTaken { to: T::AccountId, amount: Balance },
	}

	/// Errors of the vault.
	#[pallet::error]
	pub enum Error<T> {
		/// The asset is not an accepted stablecoin.
		UnsupportedAsset,
		/// Deposits of this stablecoin are disabled (redemptions still work).
		AssetDisabled,
		/// The amount is zero.
		ZeroAmount,
		/// The amount is too small to give anything (or less than the token's minimum balance).
		AmountTooSmall,
		/// The result is below the caller's `min_out`.
		SlippageExceeded,
		/// Deposits are paused.
		DepositsPaused,
		/// Stakes are paused.
		StakesPaused,
		/// The circuit breaker has tripped: deposits are stopped until governance resets it.
		CircuitBreakerTripped,
		/// Minting this would push USDai supply past its cap.
		SupplyCapExceeded,
		/// The reserve of this stablecoin would pass its cap.
		AssetCapExceeded,
		/// A single deposit larger than the per-period mint limit.
		MintLimitExceeded,
		/// No mint limits are configured: deposits are not open yet.
		LimitsNotSet,
		/// The reserve holds too little of this stablecoin.
		InsufficientReserve,
		/// The caller holds too little of the token.
		InsufficientBalance,
		/// The vault holds too little idle USDai.
		InsufficientLiquidity,
		/// No more stablecoins can be accepted.
		TooManyStablecoins,
		/// The stablecoin has more decimals than USDai (18).
		InvalidDecimals,
		/// A fee is above its bound.
		FeeTooHigh,
		/// The vesting window is longer than allowed.
		VestingPeriodTooLong,
		/// Mint limits are inconsistent (zero period, or a per-period limit above the cap).
		InvalidLimits,
		/// The stablecoin still has a reserve: it cannot be removed.
		ReserveNotEmpty,
		/// More than the outstanding principal.
		ExceedsPrincipal,
		/// More than the principal not yet impaired, or than the impairment booked.
		ExceedsImpairment,
		/// More than the interest reported as accrued.
		ExceedsAccrued,
		/// More shares than are locked in the queue.
		ExceedsLocked,
		/// The queue would be paid more than the shares it settles are worth.
		PaysAboveValue,
		/// More than the USDai set aside for filled tickets.
		ExceedsSettled,
		/// The vault has no shares: there is no price.
		NoShares,
		/// The vault's NAV is zero while shares exist: no new stakes until it recovers.
		Insolvent,
		/// More than the protocol fees collected.
		ExceedsFees,
		/// More than the T-bill sleeve holds.
		ExceedsSleeve,
		/// The sleeve fell by more than the vault's idle cash and the insurance fund can absorb.
		SleeveLossUncovered,
		/// The fee is above 100%.
		InvalidFee,
		/// More than the loss left uncovered (`UncoveredLoss`).
		ExceedsUncoveredLoss,
		/// Within the protocol fees collected, but part of it is set aside for CHIP lockers
		/// (`LockerFees`): at most `protocol_fees − LockerFees` may be withdrawn.
		FeesReservedForLockers,
		/// The move would leave less than the token's minimum balance: move all of it or leave
		/// at least the minimum.
		LeavesDust,
		/// The payment would leave the stablecoin's reserve account with less than the token's
		/// minimum balance while the books still count it: redeem less, or all that the
		/// reserve books.
		LeavesReserveDust,
		/// The queue would burn shares for no USDai (their value at the redemption price
		/// rounds to nothing): they stay locked and wait.
		SettlesForNothing,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::do_points_initialize(n)
		}

		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::do_points_walk(remaining)
		}

		// Its weight is registered during the block by the balance changes that cause it
		// (`points_tracker`).
		fn on_finalize(n: BlockNumberFor<T>) {
			Self::do_points_finalize(n);
		}

		fn integrity_test() {
			assert!(T::MaxStablecoins::get() > 0, "MaxStablecoins must be positive");
			assert!(
				T::MaxProtocolFeeBps::get().saturating_add(T::MaxInsuranceBps::get())
					<= usdai_primitives::BPS_DENOMINATOR,
				"fee bounds add up to more than 100%"
			);
			assert!(T::UsdaiAsset::get() != T::SusdaiAsset::get(), "USDai and sUSDai must differ");
			assert!(!T::BlocksPerDay::get().is_zero(), "BlocksPerDay must be positive");
			assert!(T::DeadShares::get() > 0, "DeadShares must be positive");
			assert!(
				T::MaxPointsPendingPerBlock::get() > 0,
				"MaxPointsPendingPerBlock must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Deposit `amount` of the accepted stablecoin `asset` (its base units) and receive USDai
		/// 1:1, scaled to 18 decimals, failing if that is below `min_out`. Anyone may call.
		///
		/// The stablecoin goes to the reserve. Emits `Deposited`; the deposit that passes the
		/// per-period mint limit also emits `CircuitBreakerTripped`. Errors: `UnsupportedAsset`,
		/// `AssetDisabled`, `ZeroAmount`, `AmountTooSmall`, `SlippageExceeded`,
		/// `DepositsPaused`, `CircuitBreakerTripped`, `SupplyCapExceeded`, `AssetCapExceeded`,
		/// `MintLimitExceeded`, `LimitsNotSet`, `InsufficientBalance`, `LeavesDust` (the caller
		/// would keep less than the stablecoin's minimum balance).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(
			origin: OriginFor<T>,
			asset: AssetId,
			#[pallet::compact] amount: Balance,
			#[pallet::compact] min_out: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deposit(&who, asset, amount, min_out).map(|_| ())
		}

		/// Burn `usdai` USDai and receive stablecoin `asset` from the reserve, rounded down to the
		/// stablecoin's decimals, failing if that is below `min_out`. Anyone may call.
		///
		/// Only the USDai matching whole stablecoin units is burnt; any remainder stays with the
		/// caller (unless it would be below the minimum balance, then it is burnt too). The
		/// payment never leaves the reserve below the stablecoin's minimum balance under dust the
		/// books count; dust nobody's books count goes along to the caller. Emits `Redeemed`.
		/// Errors: `UnsupportedAsset`, `ZeroAmount`, `AmountTooSmall`, `SlippageExceeded`,
		/// `InsufficientBalance`, `InsufficientReserve`, `LeavesReserveDust`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::redeem())]
		pub fn redeem(
			origin: OriginFor<T>,
			asset: AssetId,
			#[pallet::compact] usdai: Balance,
			#[pallet::compact] min_out: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(&who, asset, usdai, min_out).map(|_| ())
		}

		/// Stake `usdai` USDai and receive sUSDai at the deposit price, rounded down, failing if
		/// that is below `min_shares`. Anyone may call. Leave through the QEV queue.
		///
		/// Emits `Staked` (and `DeadSharesMinted` on the very first stake). Errors: `ZeroAmount`,
		/// `AmountTooSmall`, `SlippageExceeded`, `StakesPaused`, `InsufficientBalance`,
		/// `LeavesDust` (the caller would keep less than USDai's minimum balance).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::stake())]
		pub fn stake(
			origin: OriginFor<T>,
			#[pallet::compact] usdai: Balance,
			#[pallet::compact] min_shares: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_stake(&who, usdai, min_shares).map(|_| ())
		}

		/// Accept stablecoin `asset` (or change it): reserve `cap` in its base units, deposits
		/// `enabled`. Decimals come from the asset's metadata. Governance only.
		///
		/// Emits `StablecoinSet`. Errors: `TooManyStablecoins`, `InvalidDecimals`,
		/// `UnsupportedAsset` (USDai or sUSDai themselves).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_stablecoin())]
		pub fn set_stablecoin(
			origin: OriginFor<T>,
			asset: AssetId,
			#[pallet::compact] cap: Balance,
			enabled: bool,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_stablecoin(asset, cap, enabled)
		}

		/// Stop accepting stablecoin `asset` entirely. Its reserve must be empty (disable it with
		/// `set_stablecoin` first and let holders redeem). Governance only.
		///
		/// Emits `StablecoinRemoved`. Errors: `UnsupportedAsset`, `ReserveNotEmpty`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_stablecoin())]
		pub fn remove_stablecoin(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_stablecoin(asset)
		}

		/// Set the USDai supply cap and the per-period mint limit. Governance only.
		///
		/// Emits `MintLimitsSet`. Errors: `InvalidLimits`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_mint_limits())]
		pub fn set_mint_limits(
			origin: OriginFor<T>,
			limits: MintLimits<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_mint_limits(limits)
		}

		/// Set the protocol fee and insurance cut on interest, each within its bound.
		/// Governance only.
		///
		/// Emits `FeesSet`. Errors: `FeeTooHigh`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::set_fees())]
		pub fn set_fees(origin: OriginFor<T>, fees: FeeConfig) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_fees(fees)
		}

		/// Set the vesting window of realised yield, in blocks. Governance only. Yield already
		/// vesting keeps its end block.
		///
		/// Emits `VestingPeriodSet`. Errors: `VestingPeriodTooLong`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_vesting_period())]
		pub fn set_vesting_period(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_vesting_period(blocks)
		}

		/// Pause deposits and/or stakes (flags set to `true` are paused; `false` leaves that flag
		/// as it is). The emergency origin or governance.
		///
		/// Emits `PauseChanged`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::pause())]
		pub fn pause(origin: OriginFor<T>, deposits: bool, stakes: bool) -> DispatchResult {
			T::EmergencyOrigin::ensure_origin(origin.clone())
				.map(|_| ())
				.or_else(|_| T::GovernanceOrigin::ensure_origin(origin).map(|_| ()))?;
			Self::do_pause(deposits, stakes)
		}

		/// Set the pause flags to exactly `state` (lifting pauses). Governance only.
		///
		/// Emits `PauseChanged`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::set_paused())]
		pub fn set_paused(origin: OriginFor<T>, state: PauseState) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_paused(state)
		}

		/// Send `amount` of the protocol fees collected on interest to `to`, at most the part not
		/// set aside for CHIP lockers (`protocol_fees − LockerFees`). Governance only.
		///
		/// Emits `ProtocolFeesWithdrawn`. Errors: `ZeroAmount`, `ExceedsFees` (more than all
		/// the fees), `FeesReservedForLockers` (would take the lockers' part), `LeavesDust` (would
		/// leave the vault's account below USDai's minimum balance).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::withdraw_protocol_fees())]
		pub fn withdraw_protocol_fees(
			origin: OriginFor<T>,
			to: T::AccountId,
			#[pallet::compact] amount: Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_withdraw_protocol_fees(&to, amount)
		}

		/// Reset the circuit breaker and start a fresh rate-limit period. Governance only.
		///
		/// Emits `CircuitBreakerReset`.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::reset_circuit_breaker())]
		pub fn reset_circuit_breaker(origin: OriginFor<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_reset_circuit_breaker()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `limits` are consistent.
		pub(crate) fn limits_valid(limits: &MintLimits<BlockNumberFor<T>>) -> bool {
			!limits.period.is_zero() && limits.max_per_period <= limits.supply_cap
		}

		/// Whether `fees` are within their bounds.
		pub(crate) fn fees_valid(fees: &FeeConfig) -> bool {
			fees.protocol_bps <= T::MaxProtocolFeeBps::get()
				&& fees.insurance_bps <= T::MaxInsuranceBps::get()
		}

		/// Balance of `asset` held by `who`.
		pub(crate) fn balance_of(asset: AssetId, who: &T::AccountId) -> Balance {
			T::Assets::balance(asset, who)
		}
	}
}

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

mod deposits;
mod extension;
mod governance;
mod governance_class;
mod held;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
mod signers;
mod sleeve;
mod withdrawals;

#[cfg(any(test, feature = "dev-keys"))]
pub mod dev_keys;
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

pub use extension::CheckAttestation;
pub use signers::{eip712, recover_signer, EIP712_NAME, EIP712_VERSION, EVM_KEY_PROOF_PREFIX};
pub use types::*;
use usdai_primitives::bridge::{BridgeVault, ReserveSleeve};
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
		traits::{
			fungibles::{metadata::Inspect as MetadataInspect, roles, Inspect, Mutate},
			Contains, UnixTime,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use usdai_primitives::{AssetId, Balance, BasisPoints, UnixSeconds};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the bridge.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The token ledger (pallet-assets). The bridge mints and burns the bridged stablecoins
		/// through it; nothing else may mint them (the bridge's account is their owner, issuer
		/// and admin).
		type Assets: Inspect<Self::AccountId, AssetId = AssetId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ MetadataInspect<Self::AccountId>
			+ roles::Inspect<Self::AccountId>;

		/// The stablecoins this bridge mints: the only tokens it ever handles. Governance bridges
		/// (`set_inflow_limit`) only these, and only while the bridge's account alone may mint
		/// and burn them; every call and path refuses any other token.
		type Stablecoins: Contains<AssetId>;

		/// The vault: USDai deposits on a recipient's behalf and its reserves.
		type BridgeVault: BridgeVault<Self::AccountId>;

		/// The vault's T-bill sleeve books.
		type Sleeve: ReserveSleeve<Self::AccountId>;

		/// Wall-clock time, for the staleness of NAV reports.
		type UnixTime: UnixTime;

		/// The bridge's account: owner of the bridged stablecoins in pallet-assets.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Sets relayers, channels, limits and the sleeve target; resolves frozen channels;
		/// recalls sleeve capital. May also halt and resume.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Halts and resumes the bridge.
		type EmergencyOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most relayers.
		#[pallet::constant]
		type MaxRelayers: Get<u32>;

		/// Most source channels.
		#[pallet::constant]
		type MaxChannels: Get<u32>;

		/// Most bridged stablecoins.
		#[pallet::constant]
		type MaxAssets: Get<u32>;

		/// Most credits waiting in one asset's inflow queue.
		#[pallet::constant]
		type MaxQueuedPerAsset: Get<u32>;

		/// Most queued credits `on_initialize` pays out in one block.
		#[pallet::constant]
		type MaxQueueCreditsPerBlock: Get<u32>;

		/// Most outbound messages waiting for relayers.
		#[pallet::constant]
		type MaxPendingOutbound: Get<u32>;

		/// Highest `NavLimit::max_change_bps` governance may set: the most accepted NAV reports
		/// may raise (and, separately, lower) the sleeve's value in one period, in basis points of
		/// its capital. Also the limit until governance sets one (with a period of
		/// [`DEFAULT_NAV_PERIOD`]).
		#[pallet::constant]
		type MaxNavChangeBps: Get<BasisPoints>;

		/// Oldest a NAV report may be when attested, in seconds.
		#[pallet::constant]
		type MaxNavAge: Get<UnixSeconds>;

		/// How far in the future a NAV report's timestamp may be (clock drift), in seconds.
		#[pallet::constant]
		type MaxNavClockDrift: Get<UnixSeconds>;

		/// Highest sleeve target governance may set, in basis points of reserves.
		#[pallet::constant]
		type MaxSleeveTargetBps: Get<BasisPoints>;

		/// Smallest move to the sleeve, in the stablecoin's base units.
		#[pallet::constant]
		type MinSleeveMove: Get<Balance>;

		/// Most attested deposits held aside because they could not be carried out
		/// (`HeldCredits`). When it is full, a deposit that would be held is refused at its
		/// threshold vote (`TooManyHeldCredits`) until governance settles some.
		#[pallet::constant]
		type MaxHeldCredits: Get<u32>;

		/// Smallest withdrawal, as its value in USDai base units (18 decimals): a dust withdrawal
		/// would take a place in the outbound queue and cost relayers a source-chain transaction.
		#[pallet::constant]
		type MinWithdrawal: Get<Balance>;

		/// Most withdrawals waiting at once, below `MaxPendingOutbound`: the rest of the outbound
		/// queue is kept for the bridge's own messages (moves to the sleeve and recalls).
		#[pallet::constant]
		type MaxPendingWithdrawals: Get<u32>;

		/// Most withdrawals one account may have waiting at once.
		#[pallet::constant]
		type MaxWithdrawalsPerAccount: Get<u32>;

		/// Weights of the calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets the vault up for the benchmarks: a stablecoin it accepts without limits (one of
		/// `Stablecoins`), stakes, and a mint limit that trips its circuit breaker.
		#[cfg(feature = "runtime-benchmarks")]
		type VaultBenchmarkHelper: usdai_primitives::vault::VaultBenchmarkHelper<Self::AccountId>;
	}

	/// The relayers, sorted, each once.
	#[pallet::storage]
	pub type Relayers<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxRelayers>, ValueQuery>;

	/// Distinct relayers that must attest the same contents; at least ⌈2n/3⌉ of `n` relayers.
	#[pallet::storage]
	pub type Threshold<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Bumped whenever the relayer set changes: attestations cast under an older set no longer
	/// count.
	#[pallet::storage]
	pub type RelayerEpoch<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Whether the bridge is halted: no attestation, withdrawal, queue payout or sleeve move.
	#[pallet::storage]
	pub type Halted<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The open source channels and their next nonce. At most `MaxChannels`.
	#[pallet::storage]
	pub type Channels<T: Config> = CountedStorageMap<_, Twox64Concat, ChannelId, ChannelState>;

	/// Attestations of each channel's next deposit.
	#[pallet::storage]
	pub type PendingDeposits<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ChannelId,
		PendingDeposit<T::AccountId, T::MaxRelayers>,
		OptionQuery,
	>;

	/// The bridged stablecoins and their inflow limits. At most `MaxAssets`.
	#[pallet::storage]
	pub type InflowLimits<T: Config> =
		CountedStorageMap<_, Twox64Concat, AssetId, InflowLimit<BlockNumberFor<T>>>;

	/// What each asset credited in its current period.
	#[pallet::storage]
	pub type Inflow<T: Config> =
		StorageMap<_, Twox64Concat, AssetId, InflowWindow<BlockNumberFor<T>>, ValueQuery>;

	/// Credits waiting for inflow allowance, per asset, in FIFO order.
	#[pallet::storage]
	pub type CreditQueue<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		AssetId,
		Twox64Concat,
		u64,
		QueuedCredit<T::AccountId>,
		OptionQuery,
	>;

	/// Where each asset's queue starts and ends, and what it holds.
	#[pallet::storage]
	pub type Queues<T: Config> = StorageMap<_, Twox64Concat, AssetId, QueueIndex, ValueQuery>;

	/// Minted and burnt of each bridged stablecoin.
	#[pallet::storage]
	pub type Bridged<T: Config> = StorageMap<_, Twox64Concat, AssetId, BridgedTotals, ValueQuery>;

	/// The number the next outbound message gets.
	#[pallet::storage]
	pub type NextOutboundNonce<T: Config> = StorageValue<_, MessageNonce, ValueQuery>;

	/// Outbound messages not yet executed (withdrawals, moves to the sleeve, recalls). At most
	/// `MaxPendingOutbound`.
	#[pallet::storage]
	pub type Outbound<T: Config> =
		CountedStorageMap<_, Twox64Concat, MessageNonce, OutboundMessage<T::AccountId>>;

	/// Relayers' confirmations that an outbound message was executed.
	#[pallet::storage]
	pub type OutboundVotes<T: Config> =
		StorageMap<_, Twox64Concat, MessageNonce, Votes<T::AccountId, T::MaxRelayers>, OptionQuery>;

	/// Share of the reserves (reserve plus sleeve) to hold in the T-bill sleeve, in basis points.
	#[pallet::storage]
	pub type SleeveTarget<T: Config> = StorageValue<_, BasisPoints, ValueQuery>;

	/// Value (USDai base units) of the recalls requested and not yet returned.
	#[pallet::storage]
	pub type RecallOutstanding<T: Config> = StorageValue<_, Balance, ValueQuery>;

	/// Each relayer's latest NAV report not yet accepted, one per relayer (`MaxRelayers`).
	#[pallet::storage]
	pub type NavVotes<T: Config> =
		StorageValue<_, NavBallot<T::AccountId, T::MaxRelayers>, OptionQuery>;

	/// Moves to the sleeve and sleeve returns booked so far. NAV reports carry the sequence they
	/// were measured at and count only at the current one.
	#[pallet::storage]
	pub type SleeveSequence<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The NAV limit until governance sets one: `MaxNavChangeBps` a day.
	#[pallet::type_value]
	pub fn DefaultNavLimit<T: Config>() -> NavLimit {
		NavLimit { period: DEFAULT_NAV_PERIOD, max_change_bps: T::MaxNavChangeBps::get() }
	}

	/// How far NAV reports may move the sleeve's value per period (governance).
	#[pallet::storage]
	pub type NavChangeLimit<T: Config> = StorageValue<_, NavLimit, ValueQuery, DefaultNavLimit<T>>;

	/// What NAV reports changed in the current period.
	#[pallet::storage]
	pub type NavChangeWindow<T: Config> = StorageValue<_, NavWindow, ValueQuery>;

	/// Attested deposits that could not be carried out, keyed by their deposit's
	/// `(channel, nonce)`: they wait for a retry or governance and block nothing. At most
	/// `MaxHeldCredits`.
	#[pallet::storage]
	pub type HeldCredits<T: Config> =
		CountedStorageMap<_, Twox64Concat, (ChannelId, MessageNonce), HeldCredit<T::AccountId>>;

	/// What is held of each asset, in its base units (the sum of its `HeldCredits`).
	#[pallet::storage]
	pub type HeldTotal<T: Config> = StorageMap<_, Twox64Concat, AssetId, Balance, ValueQuery>;

	/// Withdrawals waiting per account, only for accounts with some: each at most
	/// `MaxWithdrawalsPerAccount`, at most `MaxPendingWithdrawals` accounts.
	#[pallet::storage]
	pub type PendingWithdrawals<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Withdrawals waiting in all, at most `MaxPendingWithdrawals`.
	#[pallet::storage]
	pub type PendingWithdrawalCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The last NAV report that reached the threshold.
	#[pallet::storage]
	pub type LastNav<T: Config> = StorageValue<_, AcceptedNav<BlockNumberFor<T>>, OptionQuery>;

	/// The EVM gateway: its deposits arrive on its channel, and every outbound message is signed
	/// for its EIP-712 domain (outbound messages carry no channel: one gateway pays them all).
	#[pallet::storage]
	pub type Gateway<T: Config> = StorageValue<_, GatewayInfo, OptionQuery>;

	/// Each relayer's EVM signing key, registered by the relayer with a proof that it holds it.
	/// Kept when the relayer leaves the set (its key may still have to sign the rotation away
	/// from a set it was in).
	#[pallet::storage]
	pub type RelayerEvmKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EvmAddress, OptionQuery>;

	/// Who registered each EVM key: a key belongs to one account for good.
	#[pallet::storage]
	pub type EvmKeyOwner<T: Config> =
		StorageMap<_, Blake2_128Concat, EvmAddress, T::AccountId, OptionQuery>;

	/// The current signer set's number: 0 until every relayer has a key; bumped whenever the
	/// current relayers' keys or the threshold change and every relayer has a key.
	#[pallet::storage]
	pub type SignerEpoch<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The signer sets by number, the last `SIGNER_SET_HISTORY` of them.
	#[pallet::storage]
	pub type SignerSets<T: Config> =
		StorageMap<_, Twox64Concat, u32, SignerSet<T::MaxRelayers>, OptionQuery>;

	/// Signatures of waiting outbound messages by keys of the signer set they were made under.
	/// Dropped when the message is done.
	#[pallet::storage]
	pub type OutboundSignatures<T: Config> =
		StorageMap<_, Twox64Concat, MessageNonce, SignatureSet<T::MaxRelayers>, OptionQuery>;

	/// Signatures of the gateway's rotation to the signer set of each epoch, by keys of the set
	/// before it. Kept as long as the set is.
	#[pallet::storage]
	pub type SignerSetSignatures<T: Config> = StorageMap<
		_,
		Twox64Concat,
		u32,
		BoundedVec<(EvmAddress, EcdsaSignature), T::MaxRelayers>,
		ValueQuery,
	>;

	/// Genesis configuration of the bridge.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The relayers.
		pub relayers: alloc::vec::Vec<T::AccountId>,
		/// Their threshold.
		pub threshold: u32,
		/// Open channels.
		pub channels: alloc::vec::Vec<ChannelId>,
		/// Bridged stablecoins and their inflow limits: each one of `Stablecoins`, owned, issued
		/// and administered by the bridge's account. Supply that exists at genesis (built by
		/// pallet-assets before this pallet) counts as credited.
		pub assets: alloc::vec::Vec<(AssetId, InflowLimit<BlockNumberFor<T>>)>,
		/// Sleeve target in basis points.
		pub sleeve_target: BasisPoints,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if !self.relayers.is_empty() {
				Pallet::<T>::do_set_relayers(self.relayers.clone(), self.threshold)
					.expect("valid genesis relayers");
			}
			for channel in &self.channels {
				Pallet::<T>::do_open_channel(*channel).expect("valid genesis channel");
			}
			for (asset, limit) in &self.assets {
				Pallet::<T>::do_set_inflow_limit(*asset, Some(*limit))
					.expect("valid genesis asset");
				let supply = T::Assets::total_issuance(*asset);
				Bridged::<T>::insert(asset, BridgedTotals { credited: supply, withdrawn: 0 });
			}
			Pallet::<T>::do_set_sleeve_target(self.sleeve_target).expect("valid sleeve target");
		}
	}

	/// Events of the bridge.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `relayer` attested deposit `nonce` on `channel` with contents `digest`; `votes` of
		/// `threshold` so far.
		DepositAttested {
			channel: ChannelId,
			nonce: MessageNonce,
			digest: H256,
			relayer: T::AccountId,
			votes: u32,
			threshold: u32,
		},
		/// Deposit `nonce` on `channel` reached the threshold: `credited` was minted to
		/// `recipient` now and `queued` waits for inflow allowance.
		DepositCredited {
			channel: ChannelId,
			nonce: MessageNonce,
			recipient: T::AccountId,
			asset: AssetId,
			credited: Balance,
			queued: Balance,
		},
		/// `recipient`'s credited `amount` of `asset` was deposited into the vault for `usdai`.
		DepositedToVault {
			recipient: T::AccountId,
			asset: AssetId,
			amount: Balance,
			usdai: Balance,
		},
		/// The vault refused `recipient`'s `amount` of `asset`, or depositing it would have left
		/// dust in the recipient's account (`LeavesDust`): it stays credited in the stablecoin.
		VaultDepositFailed {
			recipient: T::AccountId,
			asset: AssetId,
			amount: Balance,
			error: DispatchError,
		},
		/// Relayers attested conflicting contents for deposit `nonce` on `channel`: the channel
		/// is frozen until governance resolves it.
		DepositConflict {
			channel: ChannelId,
			nonce: MessageNonce,
			attested: H256,
			conflicting: H256,
			relayer: T::AccountId,
		},
		/// Governance resolved `channel`'s `nonce`.
		ConflictResolved { channel: ChannelId, nonce: MessageNonce, resolution: Resolution },
		/// A queued credit of `amount` (of its deposit `nonce` on `channel`) was paid to
		/// `recipient`; `remaining` of it still waits.
		QueuedCreditPaid {
			channel: ChannelId,
			nonce: MessageNonce,
			recipient: T::AccountId,
			asset: AssetId,
			amount: Balance,
			remaining: Balance,
		},
		/// Sleeve capital came back into the reserve for the recall `recall`.
		SleeveReturned {
			channel: ChannelId,
			nonce: MessageNonce,
			recall: MessageNonce,
			asset: AssetId,
			amount: Balance,
		},
		/// `who` burnt `amount` of `asset`, to be paid to `destination` on the source chain by
		/// outbound message `nonce`.
		WithdrawalRequested {
			nonce: MessageNonce,
			who: T::AccountId,
			asset: AssetId,
			amount: Balance,
			destination: Destination,
		},
		/// `amount` of `asset` left the reserve for the T-bill sleeve by outbound message
		/// `nonce`.
		MovedToSleeve { nonce: MessageNonce, asset: AssetId, amount: Balance },
		/// A recall of `amount` of `asset` from the sleeve was requested by outbound message
		/// `nonce`.
		RecallRequested { nonce: MessageNonce, asset: AssetId, amount: Balance },
		/// `relayer` confirmed outbound message `nonce`; `votes` of `threshold` so far.
		OutboundAttested { nonce: MessageNonce, relayer: T::AccountId, votes: u32, threshold: u32 },
		/// Outbound message `nonce` was executed on the source chain.
		OutboundExecuted { nonce: MessageNonce },
		/// `relayer` attested a NAV report; `votes` of `threshold` so far.
		NavAttested { report: NavReport, relayer: T::AccountId, votes: u32, threshold: u32 },
		/// A NAV report reached the threshold and was reported to the vault.
		NavAccepted { report: NavReport },
		/// Relayers attested different values for the same NAV timestamp: the candidate was
		/// dropped.
		NavConflict { timestamp: UnixSeconds, attested: Balance, conflicting: Balance },
		/// Governance set the relayers; attestations under the previous set no longer count.
		RelayersSet { relayers: u32, threshold: u32, epoch: u32 },
		/// Governance opened a channel.
		ChannelOpened { channel: ChannelId },
		/// Governance set (or removed, `None`) an asset's inflow limit.
		InflowLimitSet { asset: AssetId, limit: Option<InflowLimit<BlockNumberFor<T>>> },
		/// Governance set the sleeve target.
		SleeveTargetSet { bps: BasisPoints },
		/// Governance set the NAV limit.
		NavLimitSet { limit: NavLimit },
		/// Deposit `nonce` on `channel` (or what of it was queued) could not be carried out
		/// because of `error`: `amount` of `asset` for `action` is held aside. It blocks neither
		/// the channel nor the queue; anyone may retry it, governance settles it.
		CreditHeld {
			channel: ChannelId,
			nonce: MessageNonce,
			asset: AssetId,
			amount: Balance,
			action: DepositAction<T::AccountId>,
			error: DispatchError,
		},
		/// A queued credit that cannot be paid now went to the end of its asset's queue: no
		/// room to hold it aside.
		QueuedCreditDeferred { channel: ChannelId, nonce: MessageNonce, asset: AssetId },
		/// A held credit was retried: a user credit went back to the end of its asset's queue,
		/// a sleeve return was completed.
		HeldCreditRetried { channel: ChannelId, nonce: MessageNonce },
		/// Governance settled a held credit.
		HeldCreditSettled {
			channel: ChannelId,
			nonce: MessageNonce,
			settlement: HeldSettlement<T::AccountId>,
		},
		/// Relayer `relayer` registered EVM signing key `key`.
		EvmKeyRegistered { relayer: T::AccountId, key: EvmAddress },
		/// Governance set (or removed, `None`) the gateway.
		GatewaySet { gateway: Option<GatewayInfo> },
		/// The gateway's signer set is now `signers` with `threshold`, numbered `epoch`: the
		/// gateway moves to it on a `RelayerSet` message signed by the set before.
		SignerSetChanged {
			epoch: u32,
			signers: BoundedVec<EvmAddress, T::MaxRelayers>,
			threshold: u32,
		},
		/// `signer` signed `subject` for the gateway; the signature is stored.
		SignatureSubmitted { subject: SignatureSubject, signer: EvmAddress },
		/// The bridge was halted.
		Halted,
		/// The bridge was resumed.
		Resumed,
	}

	/// Errors of the bridge.
	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a relayer.
		NotRelayer,
		/// The bridge is halted.
		BridgeHalted,
		/// The relayer set is empty, too large, or has duplicates.
		InvalidRelayers,
		/// The threshold is below ⌈2n/3⌉ or above `n`.
		InvalidThreshold,
		/// No such channel.
		UnknownChannel,
		/// The channel is open already.
		ChannelExists,
		/// `MaxChannels` channels are open.
		TooManyChannels,
		/// The nonce was credited or skipped already (a replay).
		AlreadyProcessed,
		/// The nonce is not the channel's next: nonces are credited strictly in order.
		NonceOutOfOrder,
		/// The channel is frozen by conflicting attestations; governance must resolve it.
		ChannelFrozen,
		/// Governance accepted other contents for this nonce.
		DigestNotAccepted,
		/// The relayer attested this already.
		AlreadyAttested,
		/// The asset is not a stablecoin this bridge bridges now (one of `Stablecoins` with an
		/// inflow limit).
		UnsupportedAsset,
		/// The amount is zero.
		ZeroAmount,
		/// `MaxAssets` assets are bridged.
		TooManyAssets,
		/// The inflow limit has a zero period or a zero allowance.
		InvalidInflowLimit,
		/// The asset has queued or held credits or bridged supply: it cannot be removed.
		AssetInUse,
		/// The asset's inflow queue is full: try again when it has drained.
		InflowQueueFull,
		/// The recipient cannot receive the amount (below the minimum balance, or refused).
		CannotReceive,
		/// The caller holds too little of the asset.
		InsufficientBalance,
		/// `MaxPendingOutbound` outbound messages wait for relayers.
		TooManyPendingOutbound,
		/// No such outbound message waiting.
		UnknownMessage,
		/// Recalls complete by an inbound sleeve return, not by confirmation.
		NotConfirmable,
		/// The sleeve return does not match an outstanding recall of that asset and size.
		InvalidSleeveReturn,
		/// The report is not newer than the last accepted one or the relayer's own vote, is too
		/// old, or was measured at an earlier sleeve sequence (before a move or return).
		StaleReport,
		/// The report's timestamp is in the future, or its sleeve sequence is ahead of the
		/// bridge's.
		ReportFromFuture,
		/// With the report, the period's NAV reports would move the sleeve's value by more than
		/// the NAV limit.
		NavChangeTooLarge,
		/// The sleeve target is above `MaxSleeveTargetBps`.
		TargetTooHigh,
		/// The sleeve holds its target already, or the move would be below `MinSleeveMove`.
		NothingToMove,
		/// A recall is outstanding: capital does not go out while it comes back.
		RecallPending,
		/// The sleeve's value not already being recalled is smaller than the recall.
		ExceedsSleeve,
		/// The asset's decimals are above 18.
		InvalidDecimals,
		/// No such held credit.
		UnknownHeldCredit,
		/// `MaxHeldCredits` credits are held aside: governance must settle some first.
		TooManyHeldCredits,
		/// A held sleeve return belongs to the reserve: it is retried or cancelled, not paid to
		/// an account.
		NotACredit,
		/// The withdrawal is worth less than `MinWithdrawal`.
		WithdrawalTooSmall,
		/// The caller has `MaxWithdrawalsPerAccount` withdrawals waiting already.
		TooManyPendingWithdrawals,
		/// The NAV limit has a zero period or a change above `MaxNavChangeBps`.
		InvalidNavLimit,
		/// The move would leave less than the token's minimum balance: move all of it or leave at
		/// least the minimum.
		LeavesDust,
		/// The asset is not one of the stablecoins this bridge mints (`Stablecoins`), or the
		/// bridge's account is not its owner, issuer and admin: the bridge bridges no other token.
		NotBridgeable,
		/// The withdrawal's destination is not a 20-byte EVM address, or is the zero address.
		InvalidDestination,
		/// The caller registered this key already.
		AlreadyRegistered,
		/// Another account registered this EVM key.
		KeyInUse,
		/// The proof is not the key's signature over the relayer's key-proof digest.
		InvalidKeyProof,
		/// No gateway is set.
		NoGateway,
		/// The gateway's address is zero.
		InvalidGateway,
		/// Not every relayer has registered an EVM key yet: there is no signer set.
		NoSignerSet,
		/// No such signer set, or none before it (the first set is the gateway's at deployment).
		UnknownSignerSet,
		/// The signature is malformed (not `v` 27/28, a high `s`) or recovers to no key.
		BadSignature,
		/// The signature's key is not in the signer set that must sign this.
		NotSigner,
		/// This key signed this already.
		AlreadySigned,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			Self::do_process_queues()
		}

		fn integrity_test() {
			assert!(T::MaxRelayers::get() > 0, "MaxRelayers must be positive");
			assert!(T::MaxChannels::get() > 0, "MaxChannels must be positive");
			assert!(T::MaxAssets::get() > 0, "MaxAssets must be positive");
			assert!(
				T::MaxQueueCreditsPerBlock::get() > 0,
				"MaxQueueCreditsPerBlock must be positive"
			);
			assert!(T::MaxPendingOutbound::get() > 0, "MaxPendingOutbound must be positive");
			assert!(T::MaxHeldCredits::get() > 0, "MaxHeldCredits must be positive");
			assert!(
				T::MaxWithdrawalsPerAccount::get() > 0,
				"MaxWithdrawalsPerAccount must be positive"
			);
			assert!(
				T::MaxWithdrawalsPerAccount::get() <= T::MaxPendingWithdrawals::get(),
				"MaxWithdrawalsPerAccount above MaxPendingWithdrawals"
			);
			assert!(
				T::MaxPendingWithdrawals::get() < T::MaxPendingOutbound::get(),
				"MaxPendingWithdrawals leaves no outbound room for the sleeve"
			);
			assert!(
				T::MaxQueuedPerAsset::get() >= T::MaxQueueCreditsPerBlock::get(),
				"MaxQueuedPerAsset below MaxQueueCreditsPerBlock"
			);
			assert!(
				T::MaxNavChangeBps::get() <= usdai_primitives::BPS_DENOMINATOR,
				"MaxNavChangeBps above 100%"
			);
			assert!(
				T::MaxSleeveTargetBps::get() <= usdai_primitives::BPS_DENOMINATOR,
				"MaxSleeveTargetBps above 100%"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Attest an inbound `deposit` (a relayer). When `Threshold` distinct relayers attested
		/// identical contents for the channel's next nonce, it is credited: the bridged
		/// stablecoin is minted to the recipient (and deposited into the vault for USDai when
		/// asked), up to the asset's inflow allowance, the rest queued; or a sleeve return
		/// completes its recall. A credited deposit that cannot be carried out (a recipient that
		/// cannot receive it, a return the vault refuses) is held aside: the channel moves on.
		/// Attesting other contents than an earlier relayer freezes the channel. Pays no fee
		/// when it succeeds.
		///
		/// Emits `DepositAttested`, then `DepositCredited` (and `DepositedToVault` or
		/// `VaultDepositFailed`), `SleeveReturned` or `CreditHeld` at the threshold, or
		/// `DepositConflict`. Fails with `NotRelayer`, `BridgeHalted`, `UnknownChannel`,
		/// `AlreadyProcessed`, `NonceOutOfOrder`, `ChannelFrozen`, `DigestNotAccepted`,
		/// `AlreadyAttested`, `UnsupportedAsset`, `ZeroAmount`, `InvalidSleeveReturn`,
		/// `InflowQueueFull`, `TooManyHeldCredits`.
		#[pallet::call_index(0)]
		#[pallet::weight(
			T::WeightInfo::attest_deposit_credit()
				.max(T::WeightInfo::attest_deposit_return())
				.max(T::WeightInfo::attest_deposit_vote())
		)]
		pub fn attest_deposit(
			origin: OriginFor<T>,
			deposit: Deposit<T::AccountId>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_attest_deposit(who, deposit)
		}

		/// Confirm that outbound message `nonce` (a withdrawal or a move to the sleeve) was
		/// executed on the source chain (a relayer). At the threshold the message is done. Pays
		/// no fee when it succeeds.
		///
		/// Emits `OutboundAttested`, and `OutboundExecuted` at the threshold. Fails with
		/// `NotRelayer`, `BridgeHalted`, `UnknownMessage`, `NotConfirmable`, `AlreadyAttested`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::attest_withdrawal())]
		pub fn attest_withdrawal(
			origin: OriginFor<T>,
			nonce: MessageNonce,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_attest_withdrawal(who, nonce)
		}

		/// Attest the T-bill sleeve's value (a relayer): the relayer's vote, replacing its
		/// earlier one. When `Threshold` relayers' votes are the same report it is reported to
		/// the vault: growth becomes sUSDai yield, a fall is borne by the vault. A report must be
		/// newer than the last accepted one and the relayer's own vote, at most `MaxNavAge` old,
		/// measured at the current `SleeveSequence`, and keep the period's changes within the NAV
		/// limit. The first vote since the last acceptance pays no fee; replacing a vote pays.
		///
		/// Emits `NavAttested` (and `NavConflict` when another relayer valued the same moment
		/// differently), and `NavAccepted` at the threshold. Fails with `NotRelayer`,
		/// `BridgeHalted`, `StaleReport`, `ReportFromFuture`, `NavChangeTooLarge`,
		/// `AlreadyAttested`, or the vault's error.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::attest_nav())]
		pub fn attest_nav(origin: OriginFor<T>, report: NavReport) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_attest_nav(who, report)
		}

		/// Burn `amount` of bridged stablecoin `asset` to be paid to `destination` on the source
		/// chain (anyone). Emits a numbered outbound message for relayers.
		///
		/// `amount` must be worth at least `MinWithdrawal` and take all of the caller's `asset` or
		/// leave at least its minimum balance; an account has at most `MaxWithdrawalsPerAccount`
		/// withdrawals waiting, and all withdrawals together at most `MaxPendingWithdrawals`.
		///
		/// Emits `WithdrawalRequested`. Fails with `BridgeHalted`, `UnsupportedAsset`,
		/// `ZeroAmount`, `WithdrawalTooSmall`, `InsufficientBalance`, `LeavesDust`,
		/// `TooManyPendingWithdrawals`, `TooManyPendingOutbound`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::request_withdrawal())]
		pub fn request_withdrawal(
			origin: OriginFor<T>,
			asset: AssetId,
			#[pallet::compact] amount: Balance,
			destination: Destination,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_withdrawal(who, asset, amount, destination).map(|_| ())
		}

		/// Bring the T-bill sleeve back to the governance target with `asset` (anyone). Below the
		/// target, reserve moves out: the stablecoin is burnt from the reserve and an outbound
		/// message sends it to the sleeve's custodian; the reserve always keeps at least the
		/// stablecoin's minimum balance, so a move never leaves dust in it. Above it (USDai was
		/// redeemed for reserves), the excess not already being recalled is asked back with a
		/// recall message.
		///
		/// Emits `MovedToSleeve` or `RecallRequested`. Fails with `BridgeHalted`,
		/// `UnsupportedAsset`, `RecallPending`, `NothingToMove`, `ExceedsSleeve`,
		/// `TooManyPendingOutbound`, or the vault's error.
		#[pallet::call_index(4)]
		// The benchmark measures the move out, which does everything a recall does (reads the
		// reserves and the sleeve, one outbound message) and burns and books the move as well.
		#[pallet::weight(T::WeightInfo::rebalance_sleeve())]
		pub fn rebalance_sleeve(origin: OriginFor<T>, asset: AssetId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_rebalance_sleeve(asset).map(|_| ())
		}

		/// Retry the held credit of deposit `nonce` on `channel` (anyone). A user credit whose
		/// recipient can receive it now goes back to the end of its asset's queue (the inflow
		/// limit applies); a sleeve return is completed now.
		///
		/// Emits `HeldCreditRetried` (and `SleeveReturned`). Fails with `BridgeHalted`,
		/// `UnknownHeldCredit`, `CannotReceive`, `InflowQueueFull`, `InvalidSleeveReturn`, or
		/// the vault's error.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::retry_held_credit())]
		pub fn retry_held_credit(
			origin: OriginFor<T>,
			channel: ChannelId,
			nonce: MessageNonce,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_retry_held_credit(channel, nonce)
		}

		/// Register (or replace) the caller's EVM signing key (a relayer): `proof` is the key's
		/// signature over `keccak256("usdai-relayer-evm-key" ‖ genesis hash ‖ caller)`. When
		/// every relayer has a key, the signer set the gateway follows is renumbered. Pays no fee
		/// when it succeeds.
		///
		/// Emits `EvmKeyRegistered` (and `SignerSetChanged`). Fails with `NotRelayer`,
		/// `AlreadyRegistered`, `KeyInUse`, `InvalidKeyProof`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::register_evm_key())]
		pub fn register_evm_key(
			origin: OriginFor<T>,
			key: EvmAddress,
			proof: EcdsaSignature,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_register_evm_key(who, key, proof)
		}

		/// Post a relayer key's EIP-712 signature for the gateway (anyone: the signature is the
		/// authority). `Outbound(nonce)`: a waiting outbound message, signed by a key of the
		/// current signer set (not while halted). `SignerSet(epoch)`: the gateway's rotation to
		/// that set, signed by a key of the set before it. The chain rebuilds the digest from its
		/// own storage and keeps only signatures the gateway accepts. Pays no fee when it
		/// succeeds.
		///
		/// Emits `SignatureSubmitted`. Fails with `BridgeHalted`, `NoGateway`, `UnknownMessage`,
		/// `AlreadyProcessed`, `InvalidDestination`, `NoSignerSet`, `UnknownSignerSet`,
		/// `BadSignature`, `NotSigner`, `AlreadySigned`.
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::submit_signature().max(T::WeightInfo::submit_rotation_signature())
		)]
		pub fn submit_signature(
			origin: OriginFor<T>,
			subject: SignatureSubject,
			signature: EcdsaSignature,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_submit_signature(subject, signature)
		}

		/// Set the relayers and their threshold (governance). The threshold must be at least
		/// ⌈2n/3⌉ and at most `n`. Attestations cast under the previous set stop counting.
		///
		/// Emits `RelayersSet`. Fails with `InvalidRelayers` or `InvalidThreshold`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_relayers(relayers.len() as u32))]
		pub fn set_relayers(
			origin: OriginFor<T>,
			relayers: BoundedVec<T::AccountId, T::MaxRelayers>,
			threshold: u32,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_relayers(relayers.into_inner(), threshold)
		}

		/// Open source channel `channel` (governance); its first nonce is 0.
		///
		/// Emits `ChannelOpened`. Fails with `ChannelExists` or `TooManyChannels`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::open_channel())]
		pub fn open_channel(origin: OriginFor<T>, channel: ChannelId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_open_channel(channel)
		}

		/// Bridge stablecoin `asset` with inflow `limit`, change its limit, or (`None`) stop
		/// bridging it when nothing of it is bridged or queued (governance). Only one of
		/// `Stablecoins` whose owner, issuer and admin is the bridge's account may be bridged.
		///
		/// Emits `InflowLimitSet`. Fails with `InvalidInflowLimit`, `NotBridgeable`,
		/// `TooManyAssets`, `UnsupportedAsset`, `InvalidDecimals` or `AssetInUse`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_inflow_limit())]
		pub fn set_inflow_limit(
			origin: OriginFor<T>,
			asset: AssetId,
			limit: Option<InflowLimit<BlockNumberFor<T>>>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_inflow_limit(asset, limit)
		}

		/// Settle `channel`'s next nonce (governance), typically after a conflict froze it:
		/// relayers attest again (`Reattest`), only the accepted digest counts (`Accept`), or
		/// the nonce is given up (`Skip`). Unfreezes the channel.
		///
		/// Emits `ConflictResolved`. Fails with `UnknownChannel`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::resolve_conflict())]
		pub fn resolve_conflict(
			origin: OriginFor<T>,
			channel: ChannelId,
			resolution: Resolution,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_resolve_conflict(channel, resolution)
		}

		/// Set the share of the reserves to hold in the T-bill sleeve, in basis points
		/// (governance).
		///
		/// Emits `SleeveTargetSet`. Fails with `TargetTooHigh`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_sleeve_target())]
		pub fn set_sleeve_target(origin: OriginFor<T>, bps: BasisPoints) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_sleeve_target(bps)
		}

		/// Ask for `amount` of `asset` back from the sleeve (governance; `rebalance_sleeve` recalls
		/// what is above the target on its own).
		///
		/// Emits `RecallRequested`. Fails with `BridgeHalted`, `UnsupportedAsset`,
		/// `ZeroAmount`, `ExceedsSleeve`, `TooManyPendingOutbound`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::request_recall())]
		pub fn request_recall(
			origin: OriginFor<T>,
			asset: AssetId,
			#[pallet::compact] amount: Balance,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_request_recall(asset, amount).map(|_| ())
		}

		/// Settle the held credit of deposit `nonce` on `channel` (governance): mint it to an
		/// account now, outside the inflow limit (`PayTo`, user credits only), or drop it
		/// (`Cancel`).
		///
		/// Emits `HeldCreditSettled`. Fails with `UnknownHeldCredit`, `NotACredit`,
		/// `CannotReceive`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::settle_held_credit())]
		pub fn settle_held_credit(
			origin: OriginFor<T>,
			channel: ChannelId,
			nonce: MessageNonce,
			settlement: HeldSettlement<T::AccountId>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_settle_held_credit(channel, nonce, settlement)
		}

		/// Set how far NAV reports may move the sleeve's value per period (governance): at most
		/// `max_change_bps` (≤ `MaxNavChangeBps`) of the sleeve's capital up, and as much down,
		/// in each `period` seconds. The current period's changes so far count against it.
		///
		/// Emits `NavLimitSet`. Fails with `InvalidNavLimit`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::set_nav_limit())]
		pub fn set_nav_limit(origin: OriginFor<T>, limit: NavLimit) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_nav_limit(limit)
		}

		/// Set the EVM gateway (governance): its channel (open), chain id and address, the
		/// EIP-712 domain of every outbound message; or `None` to remove it (nothing is signed
		/// until one is set). A message signed before the change stays bound to the gateway it
		/// was first signed for (see `OutboundSignatures`), so no message can be paid twice;
		/// later messages are signed for the new one.
		///
		/// Emits `GatewaySet`. Fails with `UnknownChannel` or `InvalidGateway`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::set_gateway())]
		pub fn set_gateway(origin: OriginFor<T>, gateway: Option<GatewayInfo>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_gateway(gateway)
		}

		/// Halt the bridge (the emergency origin or governance): attestations, withdrawals,
		/// queue payouts and sleeve moves stop.
		///
		/// Emits `Halted`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::halt())]
		pub fn halt(origin: OriginFor<T>) -> DispatchResult {
			Self::ensure_emergency(origin)?;
			Self::do_set_halted(true)
		}

		/// Resume the bridge (the emergency origin or governance).
		///
		/// Emits `Resumed`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>) -> DispatchResult {
			Self::ensure_emergency(origin)?;
			Self::do_set_halted(false)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Fails unless `origin` is the emergency origin or governance.
		fn ensure_emergency(origin: OriginFor<T>) -> DispatchResult {
			T::EmergencyOrigin::ensure_origin(origin.clone())
				.map(|_| ())
				.or_else(|_| T::GovernanceOrigin::ensure_origin(origin).map(|_| ()))?;
			Ok(())
		}
	}
}

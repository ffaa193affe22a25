//! The records of the bridge: inbound deposits and their attestations, outbound messages, the
//! inflow limits and their queue, and sleeve NAV reports. No `Config` bound: they hold numbers,
//! accounts and bounded lists.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::H256;

use usdai_primitives::{AssetId, Balance, BasisPoints, UnixSeconds};

/// Identifier of a source channel: one bridge contract on one source chain.
pub type ChannelId = u32;

/// Sequence number of a message on a channel (inbound) or of the bridge's outbound messages.
pub type MessageNonce = u64;

/// Longest destination address on a source chain, in bytes.
pub const MAX_DESTINATION_LEN: u32 = 64;

/// Length of an EVM address, the only destination a withdrawal may have while the bridge's
/// gateway is an EVM contract.
pub const EVM_ADDRESS_LEN: usize = 20;

/// An address on the source chain that a withdrawal pays (an EVM address is 20 bytes).
pub type Destination = BoundedVec<u8, frame_support::traits::ConstU32<MAX_DESTINATION_LEN>>;

/// What an inbound transfer is for.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum DepositAction<AccountId> {
	/// A user's deposit: the bridged stablecoin is minted to `recipient`, and deposited into the
	/// vault for USDai on its behalf when `into_usdai`.
	Credit {
		/// Who is credited.
		recipient: AccountId,
		/// Whether to mint USDai with it at once.
		into_usdai: bool,
	},
	/// T-bill sleeve capital coming back into the reserve for the outbound recall request
	/// `recall`.
	SleeveReturn {
		/// The outbound recall request it answers.
		recall: MessageNonce,
	},
}

/// A transfer locked on a source chain, as relayers attest it. Relayers must agree on every
/// field: the attestation counts for its digest (`blake2_256` of its SCALE encoding).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Deposit<AccountId> {
	/// The source channel.
	pub channel: ChannelId,
	/// Its sequence number on the channel: credited strictly in order, each once.
	pub nonce: MessageNonce,
	/// The source chain's transaction (or log) reference.
	pub source_tx: H256,
	/// The bridged stablecoin (pallet-assets id).
	pub asset: AssetId,
	/// Amount in the stablecoin's base units.
	pub amount: Balance,
	/// What the transfer is for.
	pub action: DepositAction<AccountId>,
}

/// State of a source channel.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct ChannelState {
	/// The only nonce that may be attested now: every lower one is credited or skipped.
	pub next_nonce: MessageNonce,
	/// Relayers attested conflicting contents for `next_nonce`: the channel waits for
	/// governance.
	pub frozen: bool,
	/// The digest governance accepted for `next_nonce` after a conflict: attestations of other
	/// contents are refused.
	pub pinned: Option<H256>,
	/// Deposits credited (or sleeve returns completed) on this channel.
	pub credited: u64,
	/// Nonces governance skipped.
	pub skipped: u64,
}

/// Attestations gathered for one message: who vouched for which contents.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
pub struct Votes<AccountId: Clone + core::fmt::Debug + PartialEq + Eq, S: Get<u32>> {
	/// The relayer set the votes were cast under; votes of an older set do not count.
	pub epoch: u32,
	/// The relayers who attested, each once.
	pub voters: BoundedVec<AccountId, S>,
}

/// The attestations of a channel's next deposit.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
pub struct PendingDeposit<AccountId: Clone + core::fmt::Debug + PartialEq + Eq, S: Get<u32>> {
	/// The contents attested first (and by every voter).
	pub deposit: Deposit<AccountId>,
	/// Their digest.
	pub digest: H256,
	/// Who attested them.
	pub votes: Votes<AccountId, S>,
}

/// Inflow limit of a bridged stablecoin, set by governance.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct InflowLimit<BlockNumber> {
	/// Length of a period, in blocks.
	pub period: BlockNumber,
	/// Most that may be credited in one period, in the stablecoin's base units; the excess is
	/// queued for later periods.
	pub max_per_period: Balance,
}

/// What was credited of an asset in the current period.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct InflowWindow<BlockNumber> {
	/// First block of the period.
	pub start: BlockNumber,
	/// Credited since `start`.
	pub credited: Balance,
}

/// A deposit (or its rest) waiting for inflow allowance.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct QueuedCredit<AccountId> {
	/// The channel the deposit came in on.
	pub channel: ChannelId,
	/// Its nonce there.
	pub nonce: MessageNonce,
	/// Who is credited.
	pub recipient: AccountId,
	/// Still to credit, in the stablecoin's base units.
	pub amount: Balance,
	/// Whether to mint USDai with it when credited.
	pub into_usdai: bool,
}

/// The FIFO of queued credits of one asset: entries `head..tail`.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct QueueIndex {
	/// Index of the first waiting entry.
	pub head: u64,
	/// Index the next entry gets.
	pub tail: u64,
	/// Sum of the waiting amounts.
	pub total: Balance,
}

impl QueueIndex {
	/// Entries waiting.
	pub fn len(&self) -> u64 {
		self.tail.saturating_sub(self.head)
	}

	/// Whether nothing waits.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}
}

/// Bridged supply of an asset, for the invariant `supply = credited − withdrawn`.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct BridgedTotals {
	/// Minted on attested deposits, sleeve returns and at genesis.
	pub credited: Balance,
	/// Burnt for withdrawals and moves to the sleeve.
	pub withdrawn: Balance,
}

/// A message to the source chain, waiting for relayers.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum OutboundMessage<AccountId> {
	/// Pay `amount` of `asset` to `destination` (burnt here from `who`). Relayers confirm its
	/// execution with `attest_withdrawal`.
	Withdrawal {
		/// Who withdrew.
		who: AccountId,
		/// The stablecoin.
		asset: AssetId,
		/// Amount in its base units.
		amount: Balance,
		/// Address on the source chain.
		destination: Destination,
	},
	/// Reserve capital moved to the T-bill sleeve (burnt here from the vault's reserve): send
	/// `amount` of `asset` to the sleeve's custodian. Confirmed with `attest_withdrawal`.
	ToSleeve {
		/// The stablecoin.
		asset: AssetId,
		/// Amount in its base units.
		amount: Balance,
	},
	/// Ask the sleeve's custodian to return `amount` of `asset`. Completed by inbound
	/// `SleeveReturn` deposits, not by `attest_withdrawal`.
	Recall {
		/// The stablecoin.
		asset: AssetId,
		/// Amount requested, in its base units.
		amount: Balance,
		/// Amount not yet returned.
		remaining: Balance,
	},
}

/// The T-bill sleeve's value as relayers observe it on the source side.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct NavReport {
	/// Value of the sleeve in USDai base units (18 decimals), transfers in flight included:
	/// the sleeve as the bridge's books stood at `sequence`.
	pub value: Balance,
	/// When it was measured (Unix seconds).
	pub timestamp: UnixSeconds,
	/// The bridge's `SleeveSequence` the value was measured against: the number of moves to the
	/// sleeve and sleeve returns booked so far. A report is only accepted at the same sequence,
	/// so that no move or return is counted twice (or missed).
	pub sequence: u64,
}

/// The relayers' current NAV votes: each relayer's latest report, at most one each.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
pub struct NavBallot<AccountId: Clone + core::fmt::Debug + PartialEq + Eq, S: Get<u32>> {
	/// The relayer set the votes were cast under; votes of an older set do not count.
	pub epoch: u32,
	/// Each voter's report, one per relayer.
	pub votes: BoundedVec<(AccountId, NavReport), S>,
}

/// Default length of a NAV period: a day.
pub const DEFAULT_NAV_PERIOD: UnixSeconds = 86_400;

/// How far accepted NAV reports may move the sleeve's value in one period, set by governance.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct NavLimit {
	/// Length of a period in seconds of wall-clock time.
	pub period: UnixSeconds,
	/// Most the reports of one period may raise the sleeve's value in total, and separately most
	/// they may lower it, in basis points of the sleeve's capital at the period's start (moves
	/// and returns in the period included).
	pub max_change_bps: BasisPoints,
}

/// What NAV reports changed in the current period.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct NavWindow {
	/// When the period started (Unix seconds).
	pub start: UnixSeconds,
	/// The sleeve's value at the start, plus moves to the sleeve and less returns since: the
	/// capital the period's bound is a share of.
	pub base: Balance,
	/// Growth booked by reports in the period (USDai base units).
	pub grown: Balance,
	/// Falls booked by reports in the period.
	pub fallen: Balance,
}

/// An attested deposit that could not be carried out when credited or when its turn in the
/// queue came (a recipient that cannot receive it, a sleeve return the vault refused). It waits
/// for `retry_held_credit` or governance's `settle_held_credit` and blocks nothing.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct HeldCredit<AccountId> {
	/// The bridged stablecoin.
	pub asset: AssetId,
	/// Amount in its base units.
	pub amount: Balance,
	/// What the deposit was for.
	pub action: DepositAction<AccountId>,
}

/// How governance settles a held credit.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum HeldSettlement<AccountId> {
	/// Mint the credit to this account now, outside the inflow limit (the recipient itself, or
	/// another account for it). Only for user credits, not sleeve returns.
	PayTo(AccountId),
	/// Drop it: nothing is minted (governance settles it otherwise, off chain).
	Cancel,
}

/// The last NAV report that reached the threshold.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct AcceptedNav<BlockNumber> {
	/// The report.
	pub report: NavReport,
	/// The block it was accepted in.
	pub at: BlockNumber,
}

/// How governance settles a channel's next nonce (after a conflict, or when it cannot be
/// credited).
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Resolution {
	/// Drop the attestations and unfreeze: relayers attest again, any contents.
	Reattest,
	/// Drop the attestations and unfreeze: relayers attest again, and only contents with this
	/// digest count.
	Accept(H256),
	/// Give the nonce up without crediting anything: the channel moves on to the next one.
	Skip,
}

/// An address on the EVM chain of a gateway (a relayer's signing key, the gateway contract).
pub type EvmAddress = sp_core::H160;

/// A secp256k1 signature as the gateway takes it: `r ‖ s ‖ v`, `v` 27 or 28, `s` in the lower
/// half of the curve order (EIP-2).
pub type EcdsaSignature = [u8; 65];

/// Signer sets kept on chain: the current one and the ones before it, so that relayers can still
/// post the signatures a gateway that is several rotations behind needs to catch up.
pub const SIGNER_SET_HISTORY: u32 = 8;

/// The gateway contract on the stablecoins' EVM chain: where deposits are made (on `channel`),
/// and the EIP-712 domain every outbound message is signed for.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct GatewayInfo {
	/// The inbound channel its deposits (and sleeve returns) are numbered on.
	pub channel: ChannelId,
	/// The EVM chain id (EIP-155), part of the EIP-712 domain.
	pub chain_id: u64,
	/// The gateway contract, the EIP-712 domain's `verifyingContract`.
	pub address: EvmAddress,
}

/// The EVM keys that may sign for the gateway, and how many of them must: the keys the current
/// relayers registered, sorted ascending, with the relayers' threshold.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
pub struct SignerSet<S: Get<u32>> {
	/// The keys, sorted ascending, each once.
	pub signers: BoundedVec<EvmAddress, S>,
	/// Signatures of distinct keys of the set that the gateway requires.
	pub threshold: u32,
}

/// What a signature posted with `submit_signature` is for.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum SignatureSubject {
	/// The outbound message of this nonce (EIP-712 `Withdrawal`, `ToSleeve` or `Recall`), signed
	/// by a key of the current signer set.
	Outbound(MessageNonce),
	/// The rotation of the gateway to the signer set of this epoch (EIP-712 `RelayerSet`),
	/// signed by a key of the set before it.
	SignerSet(u32),
}

/// Signatures of one outbound message, all by keys of the signer set `epoch`.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(S))]
pub struct SignatureSet<S: Get<u32>> {
	/// The signer set the signatures were made under; signatures of an older set are dropped
	/// when the next one is posted (the gateway would refuse them after its rotation).
	pub epoch: u32,
	/// The gateway the message is bound to: the one set when its first signature was posted.
	/// It stays bound to it (also when it is signed anew under a later signer set), so a change
	/// of gateway can never have a message paid by two gateways.
	pub gateway: GatewayInfo,
	/// Each signer's signature, each signer once, in the order they were posted.
	pub signatures: BoundedVec<(EvmAddress, EcdsaSignature), S>,
}

//! The seam between the duties and the two chains: what the relayer reads from the USD.AI chain
//! and the EVM gateway, and what it sends to them. `chain.rs` (subxt) and `evm.rs` (alloy)
//! implement these traits against real nodes; the unit tests implement them in memory.
//!
//! The relayer keeps no database: every view is read fresh from the chains, so a restarted
//! relayer picks up exactly where the chain says the bridge is.

use crate::types::{
	AccountId, AssetId, Balance, ChannelState, Deposit, EcdsaSignature, GatewayInfo, MessageNonce,
	NavReport, OutboundMessage, SignatureSubject, SignerSet, TxOutcome,
};
use alloy::primitives::{Address, Bytes, B256, U256};
use anyhow::Result;
use std::collections::BTreeMap;

/// The chain's inbound state at its best block: what the deposit duty needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InboundView {
	/// The best block's number.
	pub block: u64,
	/// Whether the bridge is halted.
	pub halted: bool,
	/// The gateway governance configured, if any.
	pub gateway: Option<GatewayInfo>,
	/// The state of the channel the relayer serves (the gateway's, else the configured one), if
	/// that channel is open.
	pub channel: Option<(u32, ChannelState)>,
}

/// One waiting outbound message with what has been gathered for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingMessage {
	/// Its outbound nonce.
	pub nonce: MessageNonce,
	/// The message.
	pub message: OutboundMessage,
	/// The signatures posted for it and the signer epoch they were posted under.
	pub signatures: Option<(u32, Vec<(Address, EcdsaSignature)>)>,
	/// The gateway it is bound to: the one that was the chain's gateway when its first
	/// signature was posted (`None` before that). A bound message is only ever signed for, and
	/// executed on, that gateway, so a change of gateway can never pay it twice.
	pub bound_gateway: Option<GatewayInfo>,
	/// Whether this relayer's `attest_withdrawal` already counts (voted under the current
	/// relayer epoch).
	pub attested_by_me: bool,
}

impl PendingMessage {
	/// The signatures posted under signer epoch `epoch` (older ones no longer count).
	pub fn signatures_of_epoch(&self, epoch: u32) -> &[(Address, EcdsaSignature)] {
		match &self.signatures {
			Some((e, list)) if *e == epoch => list,
			_ => &[],
		}
	}
}

/// The chain's outbound state at its FINALIZED block: relayers sign only what cannot be reverted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboundView {
	/// The finalized block's number.
	pub block: u64,
	/// Whether the bridge is halted.
	pub halted: bool,
	/// The gateway, whose EIP-712 domain every signature is for.
	pub gateway: Option<GatewayInfo>,
	/// The current signer epoch (`SignerEpoch`; 0 until the first complete set).
	pub signer_epoch: u32,
	/// The stored signer sets by epoch (the chain keeps the last few).
	pub signer_sets: BTreeMap<u32, SignerSet>,
	/// Signatures over each rotation `RelayerSet(epoch, …)` by keys of set `epoch − 1`.
	pub set_signatures: BTreeMap<u32, Vec<(Address, EcdsaSignature)>>,
	/// The waiting outbound messages, ascending by nonce.
	pub messages: Vec<PendingMessage>,
	/// The EVM key the chain has registered for this relayer's account.
	pub my_key: Option<Address>,
}

/// The chain's sleeve state at its best block: what the NAV duty needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NavView {
	/// Whether the bridge is halted.
	pub halted: bool,
	/// `SleeveSequence`: moves to and returns from the sleeve booked so far.
	pub sleeve_sequence: u64,
	/// Whether a `ToSleeve` or `Recall` message is waiting (capital in flight).
	pub sleeve_in_flight: bool,
	/// This relayer's current NAV vote (cast under the current relayer set).
	pub my_vote: Option<NavReport>,
	/// The timestamp of the last accepted report.
	pub last_accepted: Option<u64>,
}

/// This relayer's EVM key registration on the chain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyView {
	/// Whether this relayer's account is in the current relayer set.
	pub is_relayer: bool,
	/// The key registered for this relayer's account.
	pub registered: Option<Address>,
	/// The account that registered the relayer's configured key, if any.
	pub key_owner: Option<AccountId>,
}

/// The USD.AI chain as the duties see it.
// The relayer drives every duty from one task (no `Send` bound is needed on these futures), and
// implementations live in this crate only.
#[allow(async_fn_in_trait)]
pub trait ChainApi {
	/// This relayer's account.
	fn account(&self) -> AccountId;
	/// The chain's genesis hash (part of the EVM key registration proof).
	fn genesis_hash(&self) -> [u8; 32];
	/// Inbound state at the best block. The channel is the chain's gateway channel, or
	/// `fallback_channel` (the configured one) while the chain names no gateway.
	async fn inbound_view(&self, fallback_channel: Option<u32>) -> Result<InboundView>;
	/// Outbound state at the finalized block.
	async fn outbound_view(&self) -> Result<OutboundView>;
	/// Sleeve state at the best block.
	async fn nav_view(&self) -> Result<NavView>;
	/// Registration state of `key` and of this relayer, at the best block.
	async fn key_view(&self, key: Address) -> Result<KeyView>;
	/// `attest_deposit(deposit)`.
	async fn attest_deposit(&self, deposit: &Deposit) -> Result<TxOutcome>;
	/// `attest_withdrawal(nonce)`.
	async fn attest_withdrawal(&self, nonce: MessageNonce) -> Result<TxOutcome>;
	/// `attest_nav(report)`.
	async fn attest_nav(&self, report: &NavReport) -> Result<TxOutcome>;
	/// `register_evm_key(key, proof)`.
	async fn register_evm_key(&self, key: Address, proof: EcdsaSignature) -> Result<TxOutcome>;
	/// `submit_signature(subject, signature)`.
	async fn submit_signature(
		&self,
		subject: SignatureSubject,
		signature: EcdsaSignature,
	) -> Result<TxOutcome>;
}

/// A gateway event that carries an inbound nonce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InboundEvent {
	/// `Deposited(nonce, asset, from, amount, recipient, intoUsdai)`.
	Deposited {
		/// The chain's asset id.
		asset: AssetId,
		/// Amount received by the gateway.
		amount: Balance,
		/// The 32-byte chain account to credit.
		recipient: B256,
		/// Whether to deposit into USDai.
		into_usdai: bool,
	},
	/// `SleeveReturned(nonce, recall, asset, amount)`.
	SleeveReturned {
		/// The outbound nonce of the recall.
		recall: MessageNonce,
		/// The chain's asset id.
		asset: AssetId,
		/// Amount returned.
		amount: Balance,
	},
}

/// An inbound gateway log, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundLog {
	/// Its inbound nonce (topic 1).
	pub nonce: MessageNonce,
	/// The block it is in.
	pub block_number: u64,
	/// The transaction that emitted it.
	pub tx_hash: B256,
	/// The event.
	pub event: InboundEvent,
}

/// A gateway transaction the executor sends; signatures sorted ascending by signer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Execution {
	/// `executeWithdrawal(nonce, who, asset, amount, destination, sigs)`.
	Withdrawal {
		/// Outbound nonce.
		nonce: MessageNonce,
		/// The withdrawer's account.
		who: B256,
		/// Asset id.
		asset: AssetId,
		/// Amount.
		amount: Balance,
		/// EVM recipient.
		destination: Address,
		/// Signatures.
		sigs: Vec<Bytes>,
	},
	/// `executeToSleeve(nonce, asset, amount, sigs)`.
	ToSleeve {
		/// Outbound nonce.
		nonce: MessageNonce,
		/// Asset id.
		asset: AssetId,
		/// Amount.
		amount: Balance,
		/// Signatures.
		sigs: Vec<Bytes>,
	},
	/// `executeRecall(nonce, asset, amount, sigs)`.
	Recall {
		/// Outbound nonce.
		nonce: MessageNonce,
		/// Asset id.
		asset: AssetId,
		/// The recall's full amount.
		amount: Balance,
		/// Signatures.
		sigs: Vec<Bytes>,
	},
	/// `updateSigners(epoch, signers, threshold, sigs)`.
	UpdateSigners {
		/// The new epoch (gateway's + 1).
		epoch: u32,
		/// The new signers, ascending.
		signers: Vec<Address>,
		/// The new threshold.
		threshold: u32,
		/// Signatures of the gateway's current set.
		sigs: Vec<Bytes>,
	},
}

impl Execution {
	/// A short label for logs.
	pub fn label(&self) -> String {
		match self {
			Self::Withdrawal { nonce, .. } => format!("withdrawal {nonce}"),
			Self::ToSleeve { nonce, .. } => format!("to_sleeve {nonce}"),
			Self::Recall { nonce, .. } => format!("recall {nonce}"),
			Self::UpdateSigners { epoch, .. } => format!("signer set {epoch}"),
		}
	}
}

/// The result of an executed gateway transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExecOutcome {
	/// The transaction hash.
	pub tx_hash: B256,
	/// Whether it succeeded (status 1).
	pub success: bool,
	/// The block it was mined in.
	pub block: Option<u64>,
}

/// The EVM gateway as the duties see it.
#[allow(async_fn_in_trait)]
pub trait EvmApi {
	/// The latest block number.
	async fn head(&self) -> Result<u64>;
	/// The `Deposited` or `SleeveReturned` log with inbound nonce `nonce` in blocks
	/// `from..=to`, if there is one.
	async fn inbound_log(
		&self,
		nonce: MessageNonce,
		from: u64,
		to: u64,
	) -> Result<Option<InboundLog>>;
	/// How many sleeve-moving events (`MovedToSleeve`, `SleeveReturned`) are in `from..=to`.
	async fn sleeve_events(&self, from: u64, to: u64) -> Result<usize>;
	/// The timestamp of block `block`.
	async fn block_timestamp(&self, block: u64) -> Result<u64>;
	/// What the gateway's shares in `asset`'s sleeve vault are worth in the asset's base units,
	/// at block `block` (`convertToAssets(balanceOf(gateway))`); `None` when the gateway has no
	/// sleeve vault for `asset`.
	async fn sleeve_assets(&self, asset: AssetId, block: u64) -> Result<Option<U256>>;
	/// The gateway's current signer epoch (latest block).
	async fn signer_epoch(&self) -> Result<u32>;
	/// Whether outbound `nonce` is executed, at block `at` (latest when `None`).
	async fn executed(&self, nonce: MessageNonce, at: Option<u64>) -> Result<bool>;
	/// Sends `execution` and waits for its receipt.
	async fn execute(&self, execution: &Execution) -> Result<ExecOutcome>;
}

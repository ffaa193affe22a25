//! The USD.AI chain through subxt: [`SubxtChain`] implements [`ChainApi`] with the static
//! types generated from `artifacts/usdai.scale` (the runtime's V16 metadata, checked in; the
//! `metadata` test keeps it equal to the runtime's). All subxt usage is in this file.
//!
//! subxt validates every static storage address and call against the node's metadata before
//! using it, so a relayer built from stale metadata fails loudly instead of misreading storage.

use crate::api::{ChainApi, InboundView, KeyView, NavView, OutboundView, PendingMessage};
use crate::types::{
	AccountId, ChannelState, Deposit, DepositAction, EcdsaSignature, GatewayInfo, MessageNonce,
	NavReport, OutboundMessage, SignatureSubject, SignerSet, TxOutcome,
};
use alloy::primitives::Address;
use anyhow::{anyhow, Context, Result};
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use subxt::backend::LegacyBackend;
use subxt::client::OnlineClientAtBlockImpl;
use subxt::config::{DefaultExtrinsicParamsBuilder, RpcConfigFor};
use subxt::error::{DispatchError, TransactionEventsError};
use subxt::rpcs::methods::LegacyRpcMethods;
use subxt::rpcs::RpcClient;
use subxt::transactions::{
	Payload, TransactionInvalid, TransactionProgress, TransactionStatus, ValidationResult,
};
use subxt::utils::{AccountId32, H160, H256};
use subxt::{OnlineClient, OnlineClientAtBlock, PolkadotConfig};
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

/// The chain's types, calls and storage, generated from its metadata.
// Generated code: the workspace's restriction lints are for hand-written code.
#[allow(
	missing_docs,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
#[subxt::subxt(runtime_metadata_path = "artifacts/usdai.scale")]
pub mod usdai {}

use usdai::runtime_types::bounded_collections::bounded_vec::BoundedVec;
use usdai::runtime_types::pallet_treasury_bridge::types as rt;

/// The pallet's name in the runtime (for error names from the pool's `Custom(index)`).
const PALLET: &str = "TreasuryBridge";

/// A client at one block.
type AtBlock = OnlineClientAtBlock<PolkadotConfig>;

/// The relayer's sr25519 key from a secret URI (`//Alice//stash`, a mnemonic with derivation
/// paths, or a `0x` 32-byte seed). The parse error is not passed on: it could quote the secret.
pub fn keypair_from_secret(secret: &str) -> Result<Keypair> {
	let uri = SecretUri::from_str(secret)
		.map_err(|_| anyhow!("the chain key is not a valid secret URI or seed"))?;
	Keypair::from_uri(&uri).map_err(|_| anyhow!("the chain key is not a valid sr25519 secret"))
}

/// An account in SS58 form, for logs.
pub fn account_display(account: &AccountId) -> String {
	AccountId32(*account).to_string()
}

/// A connection to a USD.AI chain node: the subxt client and the legacy RPC methods beside it.
///
/// It uses the legacy RPC backend on purpose: the relayer and the beacon feeder read state at
/// the node's best block (`chain_getBlockHash`) as well as at the finalized one, which the new
/// `chainHead` API only allows for blocks it has pinned.
struct Node {
	api: OnlineClient<PolkadotConfig>,
	rpc: LegacyRpcMethods<RpcConfigFor<PolkadotConfig>>,
}

impl Node {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	async fn connect(url: &str) -> Result<Self> {
		let rpc_client = RpcClient::from_insecure_url(url)
			.await
			.with_context(|| format!("connecting to the chain node at {url}"))?;
		let backend = LegacyBackend::<PolkadotConfig>::builder().build(rpc_client.clone());
		// The chain has V16 metadata from its first block: no historic type information needed.
		let config = PolkadotConfig::builder().use_historic_types(false).build();
		let api = OnlineClient::from_backend_with_config(config, Arc::new(backend))
			.await
			.context("starting the subxt client")?;
		Ok(Self { api, rpc: LegacyRpcMethods::new(rpc_client) })
	}

	/// A client at the node's best block.
	async fn best(&self) -> Result<AtBlock> {
		let hash = self
			.rpc
			.chain_get_block_hash(None)
			.await
			.context("chain_getBlockHash")?
			.context("the node reported no best block")?;
		self.api.at_block(hash).await.context("reading the best block")
	}

	/// A client at the node's latest finalized block.
	async fn finalized(&self) -> Result<AtBlock> {
		self.api.at_current_block().await.context("reading the finalized block")
	}
}

/// The USD.AI chain over a WebSocket JSON-RPC endpoint, signing with the relayer's sr25519 key.
pub struct SubxtChain {
	node: Node,
	signer: Keypair,
	account: AccountId32,
	tx_timeout: Duration,
}

impl SubxtChain {
	/// Connects to the node at `url` (`ws://` or `wss://`). `tx_timeout` bounds the wait for a
	/// submitted transaction to reach a block.
	pub async fn connect(url: &str, signer: Keypair, tx_timeout: Duration) -> Result<Self> {
		let node = Node::connect(url).await?;
		let account: AccountId32 = signer.public_key().into();
		Ok(Self { node, signer, account, tx_timeout })
	}

	async fn best(&self) -> Result<AtBlock> {
		self.node.best().await
	}

	async fn finalized(&self) -> Result<AtBlock> {
		self.node.finalized().await
	}

	/// Signs `call` with the relayer's key, checks it against the transaction pool's validation
	/// (which runs the pallet's `CheckAttestation`), submits it and waits until it is in a block.
	async fn submit<Call: Payload>(&self, call: Call) -> Result<TxOutcome> {
		let at = self.best().await?;
		// The pool-aware next nonce: an earlier transaction of ours may still be waiting.
		let nonce = self
			.node
			.rpc
			.system_account_next_index(&self.account)
			.await
			.context("system_accountNextIndex")?;
		let params = DefaultExtrinsicParamsBuilder::<PolkadotConfig>::new().nonce(nonce).build();
		let mut transactions = at.transactions();
		let signed = transactions
			.create_signed(&call, &self.signer, params)
			.await
			.context("signing a transaction")?;
		match signed.validate().await.context("validating a transaction")? {
			ValidationResult::Valid(_) => {},
			// Waiting behind an earlier transaction of ours: the pool queues it.
			ValidationResult::Invalid(TransactionInvalid::Future) => {},
			// A replay or a second vote: the pallet's `CheckAttestation` answers `Stale`.
			ValidationResult::Invalid(TransactionInvalid::Stale) => {
				return Ok(TxOutcome::AlreadyDone)
			},
			ValidationResult::Invalid(TransactionInvalid::BadSigner) => {
				return Ok(TxOutcome::Rejected("NotRelayer".into()))
			},
			// `CheckAttestation` puts the pallet's error index in `Custom`.
			ValidationResult::Invalid(TransactionInvalid::Custom(index)) => {
				return Ok(TxOutcome::Rejected(pallet_error_name(&at, index)))
			},
			ValidationResult::Invalid(other) => {
				return Ok(TxOutcome::Rejected(format!("invalid transaction: {other:?}")))
			},
			ValidationResult::Unknown(other) => {
				return Ok(TxOutcome::Rejected(format!("unknown validity: {other:?}")))
			},
		}
		let progress = signed.submit_and_watch().await.context("submitting a transaction")?;
		tokio::time::timeout(self.tx_timeout, until_in_block(progress)).await.map_err(|_| {
			anyhow!("no block included the transaction within {:?}", self.tx_timeout)
		})?
	}
}

/// Follows a submitted transaction until it is in a (best or finalized) block, and reads whether
/// it dispatched successfully.
async fn until_in_block(
	mut progress: TransactionProgress<PolkadotConfig, OnlineClientAtBlockImpl<PolkadotConfig>>,
) -> Result<TxOutcome> {
	while let Some(status) = progress.next().await {
		match status.context("watching a transaction")? {
			TransactionStatus::InBestBlock(in_block)
			| TransactionStatus::InFinalizedBlock(in_block) => {
				return match in_block.wait_for_success().await {
					Ok(_) => Ok(TxOutcome::Included),
					Err(TransactionEventsError::ExtrinsicFailed(error)) => {
						Ok(TxOutcome::Rejected(dispatch_error_name(&error)))
					},
					Err(error) => Err(anyhow!(error).context("reading the transaction's events")),
				};
			},
			TransactionStatus::Invalid { message }
			| TransactionStatus::Dropped { message }
			| TransactionStatus::Error { message } => return Ok(TxOutcome::Rejected(message)),
			_ => {},
		}
	}
	Ok(TxOutcome::Rejected("the transaction status stream ended".into()))
}

/// The name of the bridge pallet's error `index`, as the pool reports it in `Custom(index)`.
fn pallet_error_name(at: &AtBlock, index: u8) -> String {
	at.metadata_ref()
		.pallet_by_name(PALLET)
		.and_then(|pallet| pallet.error_variant_by_index(index))
		.map(|variant| variant.name.clone())
		.unwrap_or_else(|| format!("Custom({index})"))
}

/// The pallet error's name of a failed dispatch (for example `BridgeHalted`), else a description.
fn dispatch_error_name(error: &DispatchError) -> String {
	match error {
		DispatchError::Module(module) => module
			.details()
			.map(|details| details.variant.name.clone())
			.unwrap_or_else(|_| module.to_string()),
		other => other.to_string(),
	}
}

fn address(key: &H160) -> Address {
	Address::new(key.0)
}

fn h160(key: Address) -> H160 {
	H160::from(key.into_array())
}

fn gateway_info(info: rt::GatewayInfo) -> GatewayInfo {
	GatewayInfo { channel: info.channel, chain_id: info.chain_id, address: address(&info.address) }
}

fn signer_set(set: rt::SignerSet) -> SignerSet {
	SignerSet { signers: set.signers.0.iter().map(address).collect(), threshold: set.threshold }
}

fn signatures(list: BoundedVec<(H160, [u8; 65])>) -> Vec<(Address, EcdsaSignature)> {
	list.0.into_iter().map(|(key, signature)| (address(&key), signature)).collect()
}

fn outbound_message(message: rt::OutboundMessage<AccountId32>) -> OutboundMessage {
	match message {
		rt::OutboundMessage::Withdrawal { who, asset, amount, destination } => {
			OutboundMessage::Withdrawal { who: who.0, asset, amount, destination: destination.0 }
		},
		rt::OutboundMessage::ToSleeve { asset, amount } => {
			OutboundMessage::ToSleeve { asset, amount }
		},
		rt::OutboundMessage::Recall { asset, amount, remaining } => {
			OutboundMessage::Recall { asset, amount, remaining }
		},
	}
}

fn nav_report(report: &rt::NavReport) -> NavReport {
	NavReport { value: report.value, timestamp: report.timestamp, sequence: report.sequence }
}

fn rt_deposit(deposit: &Deposit) -> rt::Deposit<AccountId32> {
	rt::Deposit {
		channel: deposit.channel,
		nonce: deposit.nonce,
		source_tx: H256::from(deposit.source_tx.0),
		asset: deposit.asset,
		amount: deposit.amount,
		action: match &deposit.action {
			DepositAction::Credit { recipient, into_usdai } => rt::DepositAction::Credit {
				recipient: AccountId32(*recipient),
				into_usdai: *into_usdai,
			},
			DepositAction::SleeveReturn { recall } => {
				rt::DepositAction::SleeveReturn { recall: *recall }
			},
		},
	}
}

impl ChainApi for SubxtChain {
	fn account(&self) -> AccountId {
		self.account.0
	}

	fn genesis_hash(&self) -> [u8; 32] {
		self.node.api.genesis_hash().0
	}

	async fn inbound_view(&self, fallback_channel: Option<u32>) -> Result<InboundView> {
		let at = self.best().await?;
		let storage = at.storage();
		let bridge = usdai::storage().treasury_bridge();
		let halted: bool = storage.fetch(bridge.halted(), ()).await?.decode()?;
		let gateway = match storage.try_fetch(bridge.gateway(), ()).await? {
			Some(value) => Some(gateway_info(value.decode()?)),
			None => None,
		};
		let channel_id = gateway.map(|g| g.channel).or(fallback_channel);
		let channel = match channel_id {
			Some(id) => match storage.try_fetch(bridge.channels(), (id,)).await? {
				Some(value) => {
					let state = value.decode()?;
					Some((id, ChannelState { next_nonce: state.next_nonce, frozen: state.frozen }))
				},
				None => None,
			},
			None => None,
		};
		Ok(InboundView { block: at.block_number(), halted, gateway, channel })
	}

	async fn outbound_view(&self) -> Result<OutboundView> {
		let at = self.finalized().await?;
		let storage = at.storage();
		let bridge = usdai::storage().treasury_bridge();
		let halted: bool = storage.fetch(bridge.halted(), ()).await?.decode()?;
		let gateway = match storage.try_fetch(bridge.gateway(), ()).await? {
			Some(value) => Some(gateway_info(value.decode()?)),
			None => None,
		};
		let signer_epoch: u32 = storage.fetch(bridge.signer_epoch(), ()).await?.decode()?;
		let relayer_epoch: u32 = storage.fetch(bridge.relayer_epoch(), ()).await?.decode()?;

		let mut signer_sets = BTreeMap::new();
		let mut entries = storage.iter(bridge.signer_sets(), ()).await?;
		while let Some(entry) = entries.next().await {
			let entry = entry?;
			let (epoch,) = entry.key()?.decode()?;
			signer_sets.insert(epoch, signer_set(entry.value().decode()?));
		}

		let mut set_signatures = BTreeMap::new();
		let mut entries = storage.iter(bridge.signer_set_signatures(), ()).await?;
		while let Some(entry) = entries.next().await {
			let entry = entry?;
			let (epoch,) = entry.key()?.decode()?;
			set_signatures.insert(epoch, signatures(entry.value().decode()?));
		}

		let mut messages = Vec::new();
		let mut entries = storage.iter(bridge.outbound(), ()).await?;
		while let Some(entry) = entries.next().await {
			let entry = entry?;
			let (nonce,) = entry.key()?.decode()?;
			messages.push((nonce, outbound_message(entry.value().decode()?)));
		}
		// Storage iterates in key-hash order.
		messages.sort_by_key(|(nonce, _)| *nonce);

		let mut pending = Vec::with_capacity(messages.len());
		for (nonce, message) in messages {
			let (signed, bound_gateway) =
				match storage.try_fetch(bridge.outbound_signatures(), (nonce,)).await? {
					Some(value) => {
						let stored = value.decode()?;
						(
							Some((stored.epoch, signatures(stored.signatures))),
							Some(gateway_info(stored.gateway)),
						)
					},
					None => (None, None),
				};
			let attested_by_me = match storage.try_fetch(bridge.outbound_votes(), (nonce,)).await? {
				Some(value) => {
					let votes = value.decode()?;
					votes.epoch == relayer_epoch && votes.voters.0.contains(&self.account)
				},
				None => false,
			};
			pending.push(PendingMessage {
				nonce,
				message,
				signatures: signed,
				bound_gateway,
				attested_by_me,
			});
		}

		let my_key = match storage.try_fetch(bridge.relayer_evm_keys(), (self.account,)).await? {
			Some(value) => Some(address(&value.decode()?)),
			None => None,
		};
		Ok(OutboundView {
			block: at.block_number(),
			halted,
			gateway,
			signer_epoch,
			signer_sets,
			set_signatures,
			messages: pending,
			my_key,
		})
	}

	async fn nav_view(&self) -> Result<NavView> {
		let at = self.best().await?;
		let storage = at.storage();
		let bridge = usdai::storage().treasury_bridge();
		let halted: bool = storage.fetch(bridge.halted(), ()).await?.decode()?;
		let sleeve_sequence: u64 = storage.fetch(bridge.sleeve_sequence(), ()).await?.decode()?;
		let relayer_epoch: u32 = storage.fetch(bridge.relayer_epoch(), ()).await?.decode()?;

		let mut sleeve_in_flight = false;
		let mut entries = storage.iter(bridge.outbound(), ()).await?;
		while let Some(entry) = entries.next().await {
			let message = outbound_message(entry?.value().decode()?);
			if message.moves_sleeve() {
				sleeve_in_flight = true;
				break;
			}
		}

		let my_vote = match storage.try_fetch(bridge.nav_votes(), ()).await? {
			Some(value) => {
				let ballot = value.decode()?;
				if ballot.epoch == relayer_epoch {
					ballot
						.votes
						.0
						.iter()
						.find(|(voter, _)| *voter == self.account)
						.map(|(_, report)| nav_report(report))
				} else {
					None
				}
			},
			None => None,
		};
		let last_accepted = match storage.try_fetch(bridge.last_nav(), ()).await? {
			Some(value) => {
				let accepted = value.decode()?;
				Some(accepted.report.timestamp)
			},
			None => None,
		};
		Ok(NavView { halted, sleeve_sequence, sleeve_in_flight, my_vote, last_accepted })
	}

	async fn key_view(&self, key: Address) -> Result<KeyView> {
		let at = self.best().await?;
		let storage = at.storage();
		let bridge = usdai::storage().treasury_bridge();
		let relayers = storage.fetch(bridge.relayers(), ()).await?.decode()?;
		let registered = match storage.try_fetch(bridge.relayer_evm_keys(), (self.account,)).await?
		{
			Some(value) => Some(address(&value.decode()?)),
			None => None,
		};
		let key_owner = match storage.try_fetch(bridge.evm_key_owner(), (h160(key),)).await? {
			Some(value) => {
				let owner = value.decode()?;
				Some(owner.0)
			},
			None => None,
		};
		Ok(KeyView { is_relayer: relayers.0.contains(&self.account), registered, key_owner })
	}

	async fn attest_deposit(&self, deposit: &Deposit) -> Result<TxOutcome> {
		self.submit(usdai::tx().treasury_bridge().attest_deposit(rt_deposit(deposit))).await
	}

	async fn attest_withdrawal(&self, nonce: MessageNonce) -> Result<TxOutcome> {
		self.submit(usdai::tx().treasury_bridge().attest_withdrawal(nonce)).await
	}

	async fn attest_nav(&self, report: &NavReport) -> Result<TxOutcome> {
		let report = rt::NavReport {
			value: report.value,
			timestamp: report.timestamp,
			sequence: report.sequence,
		};
		self.submit(usdai::tx().treasury_bridge().attest_nav(report)).await
	}

	async fn register_evm_key(&self, key: Address, proof: EcdsaSignature) -> Result<TxOutcome> {
		self.submit(usdai::tx().treasury_bridge().register_evm_key(h160(key), proof)).await
	}

	async fn submit_signature(
		&self,
		subject: SignatureSubject,
		signature: EcdsaSignature,
	) -> Result<TxOutcome> {
		let subject = match subject {
			SignatureSubject::Outbound(nonce) => rt::SignatureSubject::Outbound(nonce),
			SignatureSubject::SignerSet(epoch) => rt::SignatureSubject::SignerSet(epoch),
		};
		self.submit(usdai::tx().treasury_bridge().submit_signature(subject, signature)).await
	}
}

/// The chain as the beacon feeder sees it: no account, no key (pulses are unsigned). It reads
/// the best block, not only the finalized one: a pulse is wanted as soon as a round closes in a
/// best block.
pub struct SubxtBeacon {
	node: Node,
}

impl SubxtBeacon {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self> {
		Ok(Self { node: Node::connect(url).await? })
	}
}

impl crate::beacon::BeaconChain for SubxtBeacon {
	async fn beacon(&self) -> Result<Option<crate::beacon::BeaconInfo>> {
		let at = self.node.best().await?;
		let info = at
			.runtime_apis()
			.call(usdai::runtime_apis().beacon_api().beacon())
			.await
			.context("BeaconApi_beacon")?;
		Ok(info.map(|info| crate::beacon::BeaconInfo {
			public_key: info.public_key,
			genesis_time: info.genesis_time,
			period: info.period,
		}))
	}

	async fn wanted_rounds(&self) -> Result<Vec<crate::beacon::Round>> {
		let at = self.node.best().await?;
		at.runtime_apis()
			.call(usdai::runtime_apis().beacon_api().wanted_rounds())
			.await
			.context("BeaconApi_wanted_rounds")
	}

	async fn submit_pulse(
		&self,
		round: crate::beacon::Round,
		signature: &crate::beacon::PulseSignature,
	) -> Result<crate::beacon::PulseOutcome> {
		use crate::beacon::PulseOutcome;
		let at = self.node.best().await?;
		let call = usdai::tx().beacon().submit_pulse(round, *signature);
		let transaction = at.transactions().create_unsigned(&call).context("building the pulse")?;
		// The pool runs the pallet's `ValidateUnsigned`: the signature checked, the round
		// wanted and not stored. Its answer is the outcome; a valid pulse is then sent.
		match transaction.validate().await.context("validating the pulse")? {
			ValidationResult::Valid(_) => {},
			ValidationResult::Invalid(TransactionInvalid::Stale) => return Ok(PulseOutcome::Stale),
			ValidationResult::Invalid(other) => {
				return Ok(PulseOutcome::Refused(format!("invalid transaction: {other:?}")))
			},
			ValidationResult::Unknown(other) => {
				return Ok(PulseOutcome::Refused(format!("unknown validity: {other:?}")))
			},
		}
		match transaction.submit().await {
			Ok(_) => Ok(PulseOutcome::Submitted),
			Err(error) => {
				// Another feeder's copy is in the pool already (the node answers "Transaction
				// Already Imported", or that a copy with the same tag is there): the same
				// pulse, as good as ours.
				let message = format!("{error}").to_ascii_lowercase();
				if message.contains("already imported") || message.contains("priority is too low") {
					Ok(PulseOutcome::Submitted)
				} else {
					Err(anyhow!(error).context("submitting the pulse"))
				}
			},
		}
	}
}

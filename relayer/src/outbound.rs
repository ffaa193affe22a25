//! Outbound duty: sign the chain's outbound messages and signer-set rotations, execute them on
//! the gateway once a threshold of signatures is on chain, and confirm executed withdrawals and
//! moves to the sleeve back to the chain.
//!
//! Everything is read from the chain's FINALIZED block: a withdrawal in a block that could still
//! be reverted must never be paid. Signatures are shared through the chain
//! (`submit_signature`), which verifies each against its own EIP-712 digest, so the executor
//! never spends gas on a bad one.
//!
//! Per pass, in order:
//! 1. rotations: for each signer epoch above the gateway's, post this relayer's signature if its
//!    key is in the previous set; when the previous set's threshold has signed the gateway's next
//!    epoch, its executor calls `updateSigners`. Messages signed by a new set cannot execute
//!    before the gateway knows that set, so rotations come first.
//! 2. messages: post this relayer's signature (current signer epoch) if missing; when the
//!    threshold is reached and the gateway is at the chain's signer epoch, the executor
//!    (the signer at index `nonce % n` of the sorted set; any signer after `grace`) checks
//!    `executed(nonce)` and executes; once `executed(nonce)` holds `confirmations` blocks deep,
//!    `attest_withdrawal(nonce)` (withdrawals and moves to the sleeve; a recall completes through
//!    its `SleeveReturned` deposit).

use crate::api::{ChainApi, EvmApi, Execution, OutboundView, PendingMessage};
use crate::evm::{self, evm_destination, EvmKey, Unsignable};
use crate::metrics::Metrics;
use crate::types::{
	EcdsaSignature, GatewayInfo, MessageNonce, OutboundMessage, SignatureSubject, SignerSet,
	TxOutcome,
};
use alloy::primitives::{Address, Bytes, B256};
use alloy::sol_types::Eip712Domain;
use anyhow::Result;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use tracing::{debug, error, info, warn};

/// What the outbound duty needs from the configuration.
#[derive(Clone, Debug)]
pub struct OutboundConfig {
	/// The gateway this relayer serves (checked against the chain's `Gateway`).
	pub gateway: Address,
	/// The EVM node's chain id (checked against the chain's `Gateway`).
	pub chain_id: u64,
	/// EVM blocks on top of an execution before it is confirmed to the chain.
	pub confirmations: u64,
	/// How long the designated executor has before any signer executes.
	pub grace: Duration,
}

/// In-memory bookkeeping only (losing it on restart delays nothing by more than `grace`).
#[derive(Debug, Default)]
pub struct OutboundState {
	/// When each subject was first seen ready to execute (threshold reached).
	ready_since: HashMap<SignatureSubject, Instant>,
	/// When this relayer last sent each subject's execution.
	sent: HashMap<SignatureSubject, Instant>,
	/// Messages already reported as impossible to sign (reported once).
	unsignable: HashSet<MessageNonce>,
}

impl OutboundState {
	/// Whether this relayer sent `subject`'s execution less than `grace` ago (it may still be
	/// pending: another transaction would only revert).
	fn recently_sent(&self, subject: SignatureSubject, now: Instant, grace: Duration) -> bool {
		self.sent.get(&subject).is_some_and(|at| now.saturating_duration_since(*at) < grace)
	}

	/// Forgets subjects the chain no longer has.
	fn retain(&mut self, live: &HashSet<SignatureSubject>) {
		self.ready_since.retain(|subject, _| live.contains(subject));
		self.sent.retain(|subject, _| live.contains(subject));
		self.unsignable.retain(|nonce| live.contains(&SignatureSubject::Outbound(*nonce)));
	}
}

/// What a pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboundPass {
	/// The finalized block it read.
	pub chain_block: u64,
	/// Signatures this relayer posted.
	pub signed: Vec<SignatureSubject>,
	/// Executions this relayer sent.
	pub executed: Vec<SignatureSubject>,
	/// Outbound nonces this relayer confirmed.
	pub confirmed: Vec<MessageNonce>,
	/// The bridge was halted: nothing was done.
	pub halted: bool,
}

/// The designated executor's index in a sorted set of `signers` for subject number `number`
/// (an outbound nonce, or a signer epoch).
pub fn executor_index(number: u64, signers: usize) -> Option<usize> {
	let n = u64::try_from(signers).ok().filter(|n| *n > 0)?;
	usize::try_from(number.checked_rem(n)?).ok()
}

/// Whether `me` executes subject `number` now: a member of `set` that is its designated
/// executor, or any member once the subject has been ready for `grace`.
pub fn may_execute(
	me: &Address,
	set: &SignerSet,
	number: u64,
	ready_since: Instant,
	now: Instant,
	grace: Duration,
) -> bool {
	if !set.contains(me) {
		return false;
	}
	let designated =
		executor_index(number, set.signers.len()).and_then(|index| set.signers.get(index));
	designated == Some(me) || now.saturating_duration_since(ready_since) >= grace
}

/// The signatures to pass to the gateway: by members of `set` only, one per signer, ascending by
/// signer address (the gateway's order check), the first `threshold` of them.
pub fn gateway_signatures(list: &[(Address, EcdsaSignature)], set: &SignerSet) -> Vec<Bytes> {
	let mut members: Vec<&(Address, EcdsaSignature)> =
		list.iter().filter(|(signer, _)| set.contains(signer)).collect();
	members.sort_by_key(|(signer, _)| *signer);
	members.dedup_by_key(|(signer, _)| *signer);
	let needed = usize::try_from(set.threshold).unwrap_or(usize::MAX);
	members.into_iter().take(needed).map(|(_, sig)| Bytes::copy_from_slice(sig)).collect()
}

/// The gateway call executing outbound message `nonce` with `sigs`.
pub fn execution_for(
	nonce: MessageNonce,
	message: &OutboundMessage,
	sigs: Vec<Bytes>,
) -> Result<Execution, Unsignable> {
	Ok(match message {
		OutboundMessage::Withdrawal { who, asset, amount, destination } => Execution::Withdrawal {
			nonce,
			who: B256::new(*who),
			asset: *asset,
			amount: *amount,
			destination: evm_destination(destination)
				.ok_or(Unsignable::Destination(destination.len()))?,
			sigs,
		},
		OutboundMessage::ToSleeve { asset, amount } => {
			Execution::ToSleeve { nonce, asset: *asset, amount: *amount, sigs }
		},
		OutboundMessage::Recall { asset, amount, .. } => {
			Execution::Recall { nonce, asset: *asset, amount: *amount, sigs }
		},
	})
}

/// One pass of the outbound duty.
pub async fn run<C: ChainApi, E: EvmApi>(
	chain: &C,
	evm: &E,
	key: &EvmKey,
	config: &OutboundConfig,
	state: &mut OutboundState,
	metrics: &Metrics,
) -> Result<OutboundPass> {
	let view = chain.outbound_view().await?;
	let mut pass = OutboundPass { chain_block: view.block, ..OutboundPass::default() };
	metrics.set_pending_outbound(view.messages.len());
	let ours = |g: &GatewayInfo| g.address == config.gateway && g.chain_id == config.chain_id;
	// The chain's current gateway: rotations and messages not yet signed are for it. When it is
	// not this relayer's (governance moved to another one), this relayer still finishes the
	// messages bound to its own gateway and leaves the rest to the new gateway's relayers.
	let current_is_ours = match &view.gateway {
		Some(gateway) if ours(gateway) => true,
		Some(gateway) => {
			warn!(
				chain_gateway = %gateway.address,
				chain_id = gateway.chain_id,
				serves = %config.gateway,
				"the chain's gateway is not the one this relayer serves: only messages bound to \
				 this relayer's gateway are handled"
			);
			metrics.error("foreign_gateway");
			false
		},
		None => {
			debug!("no gateway on the chain: only messages bound to this relayer's gateway are handled");
			false
		},
	};
	if !current_is_ours && !view.messages.iter().any(|m| m.bound_gateway.as_ref().is_some_and(ours))
	{
		return Ok(pass);
	}
	if view.halted {
		warn!("the bridge is halted: no outbound signing or execution until it resumes");
		metrics.error("halted");
		pass.halted = true;
		return Ok(pass);
	}

	let pass_state = Pass {
		chain,
		evm,
		key,
		config,
		metrics,
		view: &view,
		domain: evm::domain(config.chain_id, config.gateway),
		current_is_ours,
		me: key.address(),
		registered: view.my_key == Some(key.address()),
		gateway_epoch: evm.signer_epoch().await?,
		head: evm.head().await?,
		now: Instant::now(),
	};
	metrics.health.evm_read(pass_state.head);
	if !pass_state.registered {
		debug!(key = %pass_state.me, "this relayer's EVM key is not registered: not signing");
	}

	if current_is_ours {
		pass_state.rotations(state, &mut pass).await?;
	}
	for message in &view.messages {
		pass_state.message(message, state, &mut pass).await?;
	}

	let mut live: HashSet<SignatureSubject> =
		view.messages.iter().map(|m| SignatureSubject::Outbound(m.nonce)).collect();
	live.extend(view.signer_sets.keys().map(|epoch| SignatureSubject::SignerSet(*epoch)));
	state.retain(&live);
	Ok(pass)
}

/// What one pass works with.
struct Pass<'a, C, E> {
	chain: &'a C,
	evm: &'a E,
	key: &'a EvmKey,
	config: &'a OutboundConfig,
	metrics: &'a Metrics,
	view: &'a OutboundView,
	/// This relayer's gateway's EIP-712 domain.
	domain: Eip712Domain,
	/// Whether the chain's current gateway is this relayer's.
	current_is_ours: bool,
	me: Address,
	registered: bool,
	gateway_epoch: u32,
	head: u64,
	now: Instant,
}

impl<C: ChainApi, E: EvmApi> Pass<'_, C, E> {
	/// Signs `digest` for `subject` and posts the signature.
	async fn post_signature(
		&self,
		subject: SignatureSubject,
		digest: &B256,
		pass: &mut OutboundPass,
	) -> Result<()> {
		let signature = self.key.sign(digest)?;
		let outcome = self.chain.submit_signature(subject, signature).await?;
		self.metrics.record("signature", &outcome);
		match &outcome {
			TxOutcome::Included => {
				info!(?subject, key = %self.me, "posted signature");
				pass.signed.push(subject);
			},
			TxOutcome::AlreadyDone => debug!(?subject, "signature already posted"),
			TxOutcome::Rejected(reason) => {
				warn!(?subject, %reason, "the chain refused the signature");
			},
		}
		Ok(())
	}

	/// Sends `execution` for `subject` if this relayer's turn has come, and records it.
	async fn maybe_execute(
		&self,
		subject: SignatureSubject,
		number: u64,
		set: &SignerSet,
		execution: impl FnOnce() -> Result<Execution, Unsignable>,
		state: &mut OutboundState,
		pass: &mut OutboundPass,
	) -> Result<()> {
		let ready_since = *state.ready_since.entry(subject).or_insert(self.now);
		if !may_execute(&self.me, set, number, ready_since, self.now, self.config.grace)
			|| state.recently_sent(subject, self.now, self.config.grace)
		{
			return Ok(());
		}
		let execution = match execution() {
			Ok(execution) => execution,
			Err(why) => {
				warn!(?subject, %why, "cannot execute");
				return Ok(());
			},
		};
		state.sent.insert(subject, self.now);
		pass.executed.push(subject);
		match self.evm.execute(&execution).await {
			Ok(outcome) if outcome.success => {
				info!(
					?subject,
					tx = %outcome.tx_hash,
					evm_block = ?outcome.block,
					"executed on the gateway"
				);
				self.metrics.attested("execution");
			},
			Ok(outcome) => {
				// For example `OutflowLimitExceeded`: retried after `grace`.
				warn!(?subject, tx = %outcome.tx_hash, "the gateway transaction reverted");
				self.metrics.error("execution_reverted");
			},
			Err(error) => {
				// Also a revert found by gas estimation (nothing was sent); retried after `grace`.
				warn!(?subject, error = %format!("{error:#}"), "executing on the gateway failed");
				self.metrics.error("execution");
			},
		}
		Ok(())
	}

	/// Signs and executes the rotations the gateway has not caught up with.
	async fn rotations(&self, state: &mut OutboundState, pass: &mut OutboundPass) -> Result<()> {
		let chain_epoch = self.view.signer_epoch;
		if chain_epoch < self.gateway_epoch {
			error!(
				chain = chain_epoch,
				gateway = self.gateway_epoch,
				"the gateway's signer epoch is ahead of the chain's"
			);
			self.metrics.error("signer_epoch");
			return Ok(());
		}
		let Some(next_epoch) = self.gateway_epoch.checked_add(1) else { return Ok(()) };
		for epoch in next_epoch..=chain_epoch {
			let previous = epoch.checked_sub(1).and_then(|p| self.view.signer_sets.get(&p));
			let (Some(set), Some(previous)) = (self.view.signer_sets.get(&epoch), previous) else {
				error!(
					epoch,
					"signer set {epoch} or its predecessor is no longer stored on the chain: the \
					 gateway cannot be rotated by signatures"
				);
				self.metrics.error("rotation");
				return Ok(());
			};
			let subject = SignatureSubject::SignerSet(epoch);
			let posted: &[(Address, EcdsaSignature)] =
				self.view.set_signatures.get(&epoch).map(Vec::as_slice).unwrap_or_default();
			if self.registered
				&& previous.contains(&self.me)
				&& !posted.iter().any(|(signer, _)| *signer == self.me)
			{
				let digest = evm::relayer_set_digest(&self.domain, epoch, set);
				self.post_signature(subject, &digest, pass).await?;
			}
			// Only the gateway's next epoch can execute; later ones follow in later passes.
			if epoch == next_epoch && previous.is_reached_by(posted) {
				let execution = || -> Result<Execution, Unsignable> {
					Ok(Execution::UpdateSigners {
						epoch,
						signers: set.signers.clone(),
						threshold: set.threshold,
						sigs: gateway_signatures(posted, previous),
					})
				};
				self.maybe_execute(subject, u64::from(epoch), previous, execution, state, pass)
					.await?;
			}
		}
		Ok(())
	}

	/// Signs, executes and confirms one waiting message.
	async fn message(
		&self,
		message: &PendingMessage,
		state: &mut OutboundState,
		pass: &mut OutboundPass,
	) -> Result<()> {
		let nonce = message.nonce;
		let subject = SignatureSubject::Outbound(nonce);
		// A message is signed for the gateway it is bound to, or the chain's current one.
		let mine = match &message.bound_gateway {
			Some(bound) => {
				bound.address == self.config.gateway && bound.chain_id == self.config.chain_id
			},
			None => self.current_is_ours,
		};
		if !mine {
			debug!(nonce, "outbound message for another gateway: skipped");
			return Ok(());
		}
		let digest = match evm::outbound_digest(&self.domain, nonce, &message.message) {
			Ok(digest) => digest,
			Err(why) => {
				if state.unsignable.insert(nonce) {
					error!(
						nonce,
						kind = message.message.kind(),
						%why,
						"outbound message cannot be paid on the gateway: skipped"
					);
					self.metrics.error("unsignable");
				}
				return Ok(());
			},
		};
		let chain_epoch = self.view.signer_epoch;
		let posted = message.signatures_of_epoch(chain_epoch);
		let current = self.view.signer_sets.get(&chain_epoch);

		if let Some(set) = current {
			// The chain takes a recall's signatures only while some of it is still to return.
			let open = !matches!(message.message, OutboundMessage::Recall { remaining: 0, .. });
			if self.registered
				&& open && set.contains(&self.me)
				&& !posted.iter().any(|(signer, _)| *signer == self.me)
			{
				self.post_signature(subject, &digest, pass).await?;
			}
			// Signatures of the chain's set verify on the gateway only once it has that set.
			if self.gateway_epoch == chain_epoch && set.is_reached_by(posted) {
				let sigs = gateway_signatures(posted, set);
				let ready_to_send = may_execute(
					&self.me,
					set,
					nonce,
					*state.ready_since.entry(subject).or_insert(self.now),
					self.now,
					self.config.grace,
				) && !state.recently_sent(subject, self.now, self.config.grace);
				if ready_to_send && !self.evm.executed(nonce, None).await? {
					let execution = || execution_for(nonce, &message.message, sigs);
					self.maybe_execute(subject, nonce, set, execution, state, pass).await?;
				}
			}
		}

		if message.message.is_confirmable() && !message.attested_by_me {
			if let Some(safe) = self.head.checked_sub(self.config.confirmations) {
				if self.evm.executed(nonce, Some(safe)).await? {
					let outcome = self.chain.attest_withdrawal(nonce).await?;
					self.metrics.record(message.message.kind(), &outcome);
					match &outcome {
						TxOutcome::Included => {
							info!(nonce, kind = message.message.kind(), "confirmed execution");
							pass.confirmed.push(nonce);
						},
						TxOutcome::AlreadyDone => debug!(nonce, "execution already confirmed"),
						TxOutcome::Rejected(reason) => {
							warn!(nonce, %reason, "the chain refused the confirmation");
						},
					}
				}
			}
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::testing::{block_on, FakeChain, FakeEvm};
	use crate::types::GatewayInfo;
	use std::collections::BTreeMap;

	/// Anvil's dev keys 0..3 (public test keys).
	const KEYS: [&str; 3] = [
		"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
		"0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
		"0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
	];

	fn keys() -> Vec<EvmKey> {
		let mut keys: Vec<EvmKey> = KEYS.iter().map(|k| EvmKey::from_hex(k).unwrap()).collect();
		keys.sort_by_key(|k| k.address());
		keys
	}

	fn set(keys: &[EvmKey], threshold: u32) -> SignerSet {
		SignerSet { signers: keys.iter().map(|k| k.address()).collect(), threshold }
	}

	fn config() -> OutboundConfig {
		OutboundConfig {
			gateway: Address::repeat_byte(0x61),
			chain_id: 31337,
			confirmations: 3,
			grace: Duration::from_secs(60),
		}
	}

	fn withdrawal() -> OutboundMessage {
		OutboundMessage::Withdrawal {
			who: [5; 32],
			asset: 1,
			amount: 10_000_000,
			destination: vec![0x77; 20],
		}
	}

	fn view(keys: &[EvmKey], me: &EvmKey, messages: Vec<PendingMessage>) -> OutboundView {
		OutboundView {
			block: 50,
			halted: false,
			gateway: Some(GatewayInfo { channel: 1, chain_id: 31337, address: config().gateway }),
			signer_epoch: 1,
			signer_sets: BTreeMap::from([(1, set(keys, 2))]),
			set_signatures: BTreeMap::new(),
			messages,
			my_key: Some(me.address()),
		}
	}

	#[test]
	fn executor_rotates_over_the_sorted_set() {
		assert_eq!(executor_index(0, 3), Some(0));
		assert_eq!(executor_index(4, 3), Some(1));
		assert_eq!(executor_index(5, 3), Some(2));
		assert_eq!(executor_index(5, 0), None);

		let keys = keys();
		let set = set(&keys, 2);
		let now = Instant::now();
		let grace = Duration::from_secs(60);
		// Nonce 4: index 1 executes at once; the others wait for the grace period.
		assert!(may_execute(&keys[1].address(), &set, 4, now, now, grace));
		assert!(!may_execute(&keys[0].address(), &set, 4, now, now, grace));
		let later = now + grace;
		assert!(may_execute(&keys[0].address(), &set, 4, now, later, grace));
		// Never a non-member.
		assert!(!may_execute(&Address::repeat_byte(1), &set, 4, now, later, grace));
	}

	#[test]
	fn gateway_signatures_are_members_only_ascending_and_at_most_the_threshold() {
		let keys = keys();
		let set = set(&keys, 2);
		let sig = |b: u8| [b; 65];
		let list = vec![
			(keys[2].address(), sig(3)),
			(Address::repeat_byte(0xFF), sig(9)),
			(keys[0].address(), sig(1)),
			(keys[0].address(), sig(1)),
			(keys[1].address(), sig(2)),
		];
		let sigs = gateway_signatures(&list, &set);
		assert_eq!(sigs, vec![Bytes::from(vec![1u8; 65]), Bytes::from(vec![2u8; 65])]);
	}

	#[test]
	fn signs_a_waiting_message_once() {
		let keys = keys();
		let me = &keys[0];
		let chain = FakeChain::default();
		let message = PendingMessage {
			nonce: 4,
			message: withdrawal(),
			signatures: None,
			bound_gateway: None,
			attested_by_me: false,
		};
		chain.state.borrow_mut().outbound = view(&keys, me, vec![message.clone()]);
		let evm = FakeEvm::default();
		evm.state.borrow_mut().signer_epoch = 1;
		evm.state.borrow_mut().head = 100;
		let metrics = Metrics::new();
		let mut state = OutboundState::default();
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.signed, vec![SignatureSubject::Outbound(4)]);
		let (subject, signature) = chain.state.borrow().signatures[0];
		assert_eq!(subject, SignatureSubject::Outbound(4));
		let domain = evm::domain(31337, config().gateway);
		let digest = evm::outbound_digest(&domain, 4, &withdrawal()).unwrap();
		let recovered = alloy::primitives::Signature::from_raw_array(&signature)
			.unwrap()
			.recover_address_from_prehash(&digest)
			.unwrap();
		assert_eq!(recovered, me.address());

		// Once the chain has it, no second signature.
		let signed =
			PendingMessage { signatures: Some((1, vec![(me.address(), signature)])), ..message };
		chain.state.borrow_mut().outbound = view(&keys, me, vec![signed]);
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert!(pass.signed.is_empty());
	}

	#[test]
	fn a_message_bound_to_a_gateway_is_signed_for_that_gateway_only() {
		let keys = keys();
		let me = &keys[0];
		let other =
			GatewayInfo { channel: 1, chain_id: 31337, address: Address::repeat_byte(0x99) };
		let ours = GatewayInfo { channel: 1, chain_id: 31337, address: config().gateway };
		let message = |nonce, bound_gateway| PendingMessage {
			nonce,
			message: withdrawal(),
			signatures: None,
			bound_gateway,
			attested_by_me: false,
		};
		let evm = FakeEvm::default();
		evm.state.borrow_mut().signer_epoch = 1;
		evm.state.borrow_mut().head = 100;
		let metrics = Metrics::new();
		// The chain moved to another gateway: this relayer finishes the message bound to its
		// own, and leaves the one bound to the other and the unbound one alone.
		let chain = FakeChain::default();
		let mut moved = view(
			&keys,
			me,
			vec![message(4, Some(ours)), message(5, Some(other)), message(6, None)],
		);
		moved.gateway = Some(other);
		chain.state.borrow_mut().outbound = moved;
		let mut state = OutboundState::default();
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.signed, vec![SignatureSubject::Outbound(4)]);
		// With its own gateway current, a message bound to another is still not signed.
		let chain = FakeChain::default();
		chain.state.borrow_mut().outbound =
			view(&keys, me, vec![message(5, Some(other)), message(6, None)]);
		let mut state = OutboundState::default();
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.signed, vec![SignatureSubject::Outbound(6)]);
	}

	#[test]
	fn the_designated_executor_executes_at_the_threshold_then_confirms() {
		let keys = keys();
		// Nonce 4 with 3 signers: index 1.
		let me = &keys[1];
		let domain = evm::domain(31337, config().gateway);
		let digest = evm::outbound_digest(&domain, 4, &withdrawal()).unwrap();
		let posted: Vec<(Address, EcdsaSignature)> =
			keys.iter().rev().map(|k| (k.address(), k.sign(&digest).unwrap())).collect();
		let message = PendingMessage {
			nonce: 4,
			message: withdrawal(),
			signatures: Some((1, posted)),
			bound_gateway: None,
			attested_by_me: false,
		};
		let chain = FakeChain::default();
		chain.state.borrow_mut().outbound = view(&keys, me, vec![message]);
		let evm = FakeEvm::default();
		evm.state.borrow_mut().signer_epoch = 1;
		evm.state.borrow_mut().head = 100;
		let metrics = Metrics::new();
		let mut state = OutboundState::default();

		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.executed, vec![SignatureSubject::Outbound(4)]);
		match &evm.state.borrow().executions[0] {
			Execution::Withdrawal { nonce, destination, sigs, .. } => {
				assert_eq!(*nonce, 4);
				assert_eq!(*destination, Address::repeat_byte(0x77));
				// Threshold 2, ascending by signer: keys[0] then keys[1].
				assert_eq!(sigs.len(), 2);
				let signer = |s: &Bytes| {
					alloy::primitives::Signature::from_raw(s)
						.unwrap()
						.recover_address_from_prehash(&digest)
						.unwrap()
				};
				assert_eq!(signer(&sigs[0]), keys[0].address());
				assert_eq!(signer(&sigs[1]), keys[1].address());
			},
			other => panic!("unexpected {other:?}"),
		}
		// Not yet 3 blocks deep: no confirmation.
		assert!(pass.confirmed.is_empty());

		// Three blocks later: confirmed, and not executed twice.
		evm.state.borrow_mut().head = 103;
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert!(pass.executed.is_empty());
		assert_eq!(pass.confirmed, vec![4]);
		assert_eq!(chain.state.borrow().withdrawals, vec![4]);
	}

	#[test]
	fn others_wait_for_the_grace_period_and_recalls_are_not_confirmed() {
		let keys = keys();
		let me = &keys[0];
		let recall = OutboundMessage::Recall { asset: 1, amount: 50, remaining: 50 };
		let domain = evm::domain(31337, config().gateway);
		let digest = evm::outbound_digest(&domain, 4, &recall).unwrap();
		let posted: Vec<(Address, EcdsaSignature)> =
			keys.iter().map(|k| (k.address(), k.sign(&digest).unwrap())).collect();
		let message = PendingMessage {
			nonce: 4,
			message: recall,
			signatures: Some((1, posted)),
			bound_gateway: None,
			attested_by_me: false,
		};
		let chain = FakeChain::default();
		chain.state.borrow_mut().outbound = view(&keys, me, vec![message]);
		let evm = FakeEvm::default();
		evm.state.borrow_mut().signer_epoch = 1;
		evm.state.borrow_mut().head = 100;
		let metrics = Metrics::new();
		let mut state = OutboundState::default();
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert!(pass.executed.is_empty());

		let mut no_grace = config();
		no_grace.grace = Duration::ZERO;
		let pass = block_on(run(&chain, &evm, me, &no_grace, &mut state, &metrics)).unwrap();
		assert_eq!(pass.executed, vec![SignatureSubject::Outbound(4)]);
		evm.state.borrow_mut().head = 200;
		let pass = block_on(run(&chain, &evm, me, &no_grace, &mut state, &metrics)).unwrap();
		assert!(pass.confirmed.is_empty());
		assert!(chain.state.borrow().withdrawals.is_empty());
	}

	#[test]
	fn rotations_come_first_and_hold_back_messages_of_the_new_set() {
		let keys = keys();
		let me = &keys[0];
		let old = SignerSet { signers: vec![keys[0].address(), keys[1].address()], threshold: 2 };
		let new = set(&keys, 2);
		let domain = evm::domain(31337, config().gateway);
		let rotation_digest = evm::relayer_set_digest(&domain, 2, &new);
		let message_digest = evm::outbound_digest(&domain, 6, &withdrawal()).unwrap();
		let chain = FakeChain::default();
		let mut outbound = view(
			&keys,
			me,
			vec![PendingMessage {
				nonce: 6,
				message: withdrawal(),
				signatures: Some((
					2,
					keys.iter().map(|k| (k.address(), k.sign(&message_digest).unwrap())).collect(),
				)),
				bound_gateway: None,
				attested_by_me: false,
			}],
		);
		outbound.signer_epoch = 2;
		outbound.signer_sets = BTreeMap::from([(1, old.clone()), (2, new.clone())]);
		// Only keys[1] signed the rotation so far.
		outbound.set_signatures = BTreeMap::from([(
			2,
			vec![(keys[1].address(), keys[1].sign(&rotation_digest).unwrap())],
		)]);
		chain.state.borrow_mut().outbound = outbound.clone();
		let evm = FakeEvm::default();
		evm.state.borrow_mut().signer_epoch = 1;
		evm.state.borrow_mut().head = 100;
		let metrics = Metrics::new();
		let mut state = OutboundState::default();
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		// It signs the rotation; the message waits for the gateway to know set 2.
		assert_eq!(pass.signed, vec![SignatureSubject::SignerSet(2)]);
		assert!(pass.executed.is_empty());

		// With both signatures in, epoch 2's executor (2 % 2 = index 0 = me) rotates the gateway.
		let mine = chain.state.borrow().signatures[0].1;
		outbound.set_signatures.get_mut(&2).unwrap().push((me.address(), mine));
		chain.state.borrow_mut().outbound = outbound;
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.executed, vec![SignatureSubject::SignerSet(2)]);
		match &evm.state.borrow().executions[0] {
			Execution::UpdateSigners { epoch, signers, threshold, sigs } => {
				assert_eq!((*epoch, signers, *threshold, sigs.len()), (2, &new.signers, 2, 2));
			},
			other => panic!("unexpected {other:?}"),
		}
		// The next pass sees the gateway at epoch 2 and executes the message (6 % 3 = 0 = me).
		let pass = block_on(run(&chain, &evm, me, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.executed, vec![SignatureSubject::Outbound(6)]);
	}

	#[test]
	fn a_destination_that_is_not_an_evm_address_is_skipped() {
		let keys = keys();
		let me = &keys[0];
		let message = PendingMessage {
			nonce: 1,
			message: OutboundMessage::Withdrawal {
				who: [1; 32],
				asset: 1,
				amount: 1,
				destination: vec![1; 32],
			},
			signatures: None,
			bound_gateway: None,
			attested_by_me: false,
		};
		let chain = FakeChain::default();
		chain.state.borrow_mut().outbound = view(&keys, me, vec![message]);
		let evm = FakeEvm::default();
		evm.state.borrow_mut().signer_epoch = 1;
		let metrics = Metrics::new();
		let pass =
			block_on(run(&chain, &evm, me, &config(), &mut OutboundState::default(), &metrics))
				.unwrap();
		assert!(pass.signed.is_empty());
		assert!(metrics.encode().contains("usdai_relayer_errors_total{kind=\"unsignable\"} 1"));
	}

	#[test]
	fn nothing_happens_while_halted() {
		let keys = keys();
		let me = &keys[0];
		let chain = FakeChain::default();
		let mut halted = view(
			&keys,
			me,
			vec![PendingMessage {
				nonce: 1,
				message: withdrawal(),
				signatures: None,
				bound_gateway: None,
				attested_by_me: false,
			}],
		);
		halted.halted = true;
		chain.state.borrow_mut().outbound = halted;
		let evm = FakeEvm::default();
		let metrics = Metrics::new();
		let pass =
			block_on(run(&chain, &evm, me, &config(), &mut OutboundState::default(), &metrics))
				.unwrap();
		assert!(pass.halted);
		assert!(chain.state.borrow().signatures.is_empty());
	}
}

//! In-memory fakes of the two chains for the duties' unit tests.

use crate::api::{
	ChainApi, EvmApi, ExecOutcome, Execution, InboundLog, InboundView, KeyView, NavView,
	OutboundView,
};
use crate::types::{
	AccountId, AssetId, Deposit, EcdsaSignature, MessageNonce, NavReport, SignatureSubject,
	TxOutcome,
};
use alloy::primitives::{Address, B256, U256};
use anyhow::Result;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;

/// Runs a future to completion on a fresh single-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
	tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.expect("a test runtime")
		.block_on(future)
}

/// What the fake chain holds and what was sent to it.
#[derive(Debug, Default)]
pub struct ChainState {
	pub inbound: InboundView,
	pub outbound: OutboundView,
	pub nav: NavView,
	pub keys: KeyView,
	/// Each included deposit attestation moves the channel on (this vote completed the
	/// threshold).
	pub credit_on_attest: bool,
	/// Answers to the next transactions, in order; `Included` once empty.
	pub answers: VecDeque<TxOutcome>,
	pub deposits: Vec<Deposit>,
	pub withdrawals: Vec<MessageNonce>,
	pub navs: Vec<NavReport>,
	pub registrations: Vec<(Address, EcdsaSignature)>,
	pub signatures: Vec<(SignatureSubject, EcdsaSignature)>,
}

/// A fake USD.AI chain.
#[derive(Debug, Default)]
pub struct FakeChain {
	pub account: AccountId,
	pub genesis: [u8; 32],
	pub state: RefCell<ChainState>,
}

impl FakeChain {
	fn answer(&self) -> TxOutcome {
		self.state.borrow_mut().answers.pop_front().unwrap_or(TxOutcome::Included)
	}
}

impl ChainApi for FakeChain {
	fn account(&self) -> AccountId {
		self.account
	}

	fn genesis_hash(&self) -> [u8; 32] {
		self.genesis
	}

	async fn inbound_view(&self, _fallback_channel: Option<u32>) -> Result<InboundView> {
		Ok(self.state.borrow().inbound.clone())
	}

	async fn outbound_view(&self) -> Result<OutboundView> {
		Ok(self.state.borrow().outbound.clone())
	}

	async fn nav_view(&self) -> Result<NavView> {
		Ok(self.state.borrow().nav.clone())
	}

	async fn key_view(&self, _key: Address) -> Result<KeyView> {
		Ok(self.state.borrow().keys.clone())
	}

	async fn attest_deposit(&self, deposit: &Deposit) -> Result<TxOutcome> {
		let answer = self.answer();
		let mut state = self.state.borrow_mut();
		state.deposits.push(deposit.clone());
		if answer == TxOutcome::Included && state.credit_on_attest {
			if let Some((_, channel)) = state.inbound.channel.as_mut() {
				channel.next_nonce += 1;
			}
		}
		Ok(answer)
	}

	async fn attest_withdrawal(&self, nonce: MessageNonce) -> Result<TxOutcome> {
		let answer = self.answer();
		self.state.borrow_mut().withdrawals.push(nonce);
		Ok(answer)
	}

	async fn attest_nav(&self, report: &NavReport) -> Result<TxOutcome> {
		let answer = self.answer();
		self.state.borrow_mut().navs.push(*report);
		Ok(answer)
	}

	async fn register_evm_key(&self, key: Address, proof: EcdsaSignature) -> Result<TxOutcome> {
		let answer = self.answer();
		self.state.borrow_mut().registrations.push((key, proof));
		Ok(answer)
	}

	async fn submit_signature(
		&self,
		subject: SignatureSubject,
		signature: EcdsaSignature,
	) -> Result<TxOutcome> {
		let answer = self.answer();
		self.state.borrow_mut().signatures.push((subject, signature));
		Ok(answer)
	}
}

/// What the fake gateway holds and what was sent to it.
#[derive(Debug, Default)]
pub struct EvmState {
	pub head: u64,
	pub logs: Vec<InboundLog>,
	/// Blocks with a `MovedToSleeve` or `SleeveReturned` event.
	pub sleeve_event_blocks: Vec<u64>,
	/// Each asset's sleeve value (`None`: no vault), the same at every block.
	pub sleeve: BTreeMap<AssetId, Option<U256>>,
	pub signer_epoch: u32,
	/// Executed outbound nonces and the block they were executed in.
	pub executed: BTreeMap<MessageNonce, u64>,
	pub executions: Vec<Execution>,
	/// `inbound_log` calls: (nonce, from, to).
	pub log_queries: Vec<(MessageNonce, u64, u64)>,
	/// `sleeve_assets` calls: (asset, block).
	pub sleeve_queries: Vec<(AssetId, u64)>,
}

/// A fake gateway. Block `n`'s timestamp is `1_700_000_000 + 12·n`.
#[derive(Debug, Default)]
pub struct FakeEvm {
	pub state: RefCell<EvmState>,
}

/// The fake chain's timestamp of `block`.
pub fn timestamp_of(block: u64) -> u64 {
	1_700_000_000 + 12 * block
}

impl EvmApi for FakeEvm {
	async fn head(&self) -> Result<u64> {
		Ok(self.state.borrow().head)
	}

	async fn inbound_log(
		&self,
		nonce: MessageNonce,
		from: u64,
		to: u64,
	) -> Result<Option<InboundLog>> {
		let mut state = self.state.borrow_mut();
		state.log_queries.push((nonce, from, to));
		Ok(state
			.logs
			.iter()
			.find(|log| log.nonce == nonce && (from..=to).contains(&log.block_number))
			.cloned())
	}

	async fn sleeve_events(&self, from: u64, to: u64) -> Result<usize> {
		Ok(self
			.state
			.borrow()
			.sleeve_event_blocks
			.iter()
			.filter(|block| (from..=to).contains(*block))
			.count())
	}

	async fn block_timestamp(&self, block: u64) -> Result<u64> {
		Ok(timestamp_of(block))
	}

	async fn sleeve_assets(&self, asset: AssetId, block: u64) -> Result<Option<U256>> {
		let mut state = self.state.borrow_mut();
		state.sleeve_queries.push((asset, block));
		Ok(state.sleeve.get(&asset).copied().flatten())
	}

	async fn signer_epoch(&self) -> Result<u32> {
		Ok(self.state.borrow().signer_epoch)
	}

	async fn executed(&self, nonce: MessageNonce, at: Option<u64>) -> Result<bool> {
		Ok(self
			.state
			.borrow()
			.executed
			.get(&nonce)
			.is_some_and(|block| at.is_none_or(|at| *block <= at)))
	}

	async fn execute(&self, execution: &Execution) -> Result<ExecOutcome> {
		let mut state = self.state.borrow_mut();
		let head = state.head;
		match execution {
			Execution::Withdrawal { nonce, .. }
			| Execution::ToSleeve { nonce, .. }
			| Execution::Recall { nonce, .. } => {
				state.executed.insert(*nonce, head);
			},
			Execution::UpdateSigners { epoch, .. } => state.signer_epoch = *epoch,
		}
		state.executions.push(execution.clone());
		Ok(ExecOutcome { tx_hash: B256::repeat_byte(0xEE), success: true, block: Some(head) })
	}
}

//! Inbound duty: attest the gateway's deposits and sleeve returns to the chain, in nonce order.
//!
//! The chain's channel says which nonce comes next (`Channels[channel].next_nonce` at the best
//! block); the relayer finds that nonce's log on the gateway (topic 1 = nonce) among blocks that
//! are at least `confirmations` deep, builds the `Deposit` exactly as every other relayer does, and
//! attests it. Nothing is remembered between passes but a search hint, so a restart, a missed
//! pass or a reorg (a log that disappears is simply not found again) needs no recovery.

use crate::api::{ChainApi, EvmApi, InboundEvent, InboundLog};
use crate::metrics::Metrics;
use crate::types::{ChannelId, Deposit, DepositAction, MessageNonce, TxOutcome};
use alloy::primitives::Address;
use anyhow::{bail, Result};
use tracing::{debug, error, info, warn};

/// Most nonces one pass attests (each waits for its transaction's block).
pub const MAX_PER_PASS: usize = 16;

/// What the deposit duty needs from the configuration.
#[derive(Clone, Debug)]
pub struct DepositConfig {
	/// The gateway this relayer serves (checked against the chain's `Gateway`).
	pub gateway: Address,
	/// The configured channel (checked against the chain's gateway; used while it has none).
	pub channel: Option<ChannelId>,
	/// Blocks on top of a log before it is attested.
	pub confirmations: u64,
	/// The first block that can hold gateway logs.
	pub start_block: u64,
}

/// The only memory of the duty: where the last inbound log was found. The log of any later
/// nonce is in that block or after it, so searches start there instead of at the deployment
/// block. Losing it (a restart) costs one longer search.
#[derive(Clone, Copy, Debug, Default)]
pub struct DepositState {
	hint: Option<(MessageNonce, u64)>,
}

impl DepositState {
	/// The first block to search for the log of `nonce`.
	pub fn search_from(&self, nonce: MessageNonce, start_block: u64) -> u64 {
		match self.hint {
			Some((seen, block)) if seen <= nonce => block.max(start_block),
			_ => start_block,
		}
	}

	/// The log of `nonce` is in `block`.
	pub fn remember(&mut self, nonce: MessageNonce, block: u64) {
		self.hint = Some((nonce, block));
	}
}

/// Why a pass stopped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Stop {
	/// Every confirmed inbound log is attested; the next nonce has no confirmed log yet.
	#[default]
	CaughtUp,
	/// This relayer's vote for the next nonce is in; the others' votes are awaited.
	AwaitingOthers,
	/// The bridge is halted: nothing may be attested (retried next pass).
	Halted,
	/// The channel is frozen by conflicting attestations (retried next pass).
	Frozen,
	/// The channel is not open on the chain, or no channel is known.
	NoChannel,
	/// The chain refused an attestation for another reason.
	Rejected(String),
	/// [`MAX_PER_PASS`] attestations were made; the rest waits for the next pass.
	Limit,
}

/// What a pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DepositPass {
	/// The chain's best block it read last.
	pub chain_block: u64,
	/// Nonces this relayer's attestation got into a block.
	pub attested: Vec<MessageNonce>,
	/// Why it stopped.
	pub stop: Stop,
}

/// Whether a log in block `log_block` has `confirmations` blocks on top of it at `head`.
pub fn is_confirmed(log_block: u64, head: u64, confirmations: u64) -> bool {
	head.checked_sub(log_block).is_some_and(|depth| depth >= confirmations)
}

/// The `Deposit` for inbound log `log` on `channel`: the same bytes on every relayer.
pub fn build_deposit(channel: ChannelId, log: &InboundLog) -> Deposit {
	let (asset, amount, action) = match &log.event {
		InboundEvent::Deposited { asset, amount, recipient, into_usdai } => (
			*asset,
			*amount,
			DepositAction::Credit { recipient: recipient.0, into_usdai: *into_usdai },
		),
		InboundEvent::SleeveReturned { recall, asset, amount } => {
			(*asset, *amount, DepositAction::SleeveReturn { recall: *recall })
		},
	};
	Deposit { channel, nonce: log.nonce, source_tx: log.tx_hash, asset, amount, action }
}

/// One pass of the inbound duty: attest the channel's next nonces while their logs are
/// confirmed and the chain moves on.
pub async fn run<C: ChainApi, E: EvmApi>(
	chain: &C,
	evm: &E,
	config: &DepositConfig,
	state: &mut DepositState,
	metrics: &Metrics,
) -> Result<DepositPass> {
	let mut pass = DepositPass::default();
	// The nonce this relayer's vote is in for: while the channel still waits for it, the others
	// have to vote.
	let mut voted: Option<MessageNonce> = None;
	for _ in 0..MAX_PER_PASS {
		let view = chain.inbound_view(config.channel).await?;
		pass.chain_block = view.block;
		metrics.health.chain_read(view.block);
		if let Some(gateway) = view.gateway {
			if gateway.address != config.gateway {
				bail!(
					"the chain's gateway is {} but this relayer is configured for {}",
					gateway.address,
					config.gateway
				);
			}
			if config.channel.is_some_and(|channel| channel != gateway.channel) {
				bail!(
					"the chain's gateway uses channel {} but this relayer is configured for {:?}",
					gateway.channel,
					config.channel
				);
			}
		}
		if view.halted {
			warn!("the bridge is halted: deposits wait until it resumes");
			metrics.error("halted");
			pass.stop = Stop::Halted;
			return Ok(pass);
		}
		let Some((channel, channel_state)) = view.channel else {
			warn!(channel = ?config.channel, "no open channel for the gateway on the chain");
			metrics.error("no_channel");
			pass.stop = Stop::NoChannel;
			return Ok(pass);
		};
		let nonce = channel_state.next_nonce;
		if channel_state.frozen {
			error!(
				channel,
				nonce,
				"the channel is frozen by conflicting attestations: governance must resolve it"
			);
			metrics.error("frozen");
			pass.stop = Stop::Frozen;
			return Ok(pass);
		}
		if voted == Some(nonce) {
			debug!(channel, nonce, "vote in; waiting for the other relayers");
			pass.stop = Stop::AwaitingOthers;
			return Ok(pass);
		}

		let head = evm.head().await?;
		metrics.health.evm_read(head);
		let Some(safe) = head.checked_sub(config.confirmations) else {
			pass.stop = Stop::CaughtUp;
			return Ok(pass);
		};
		let from = state.search_from(nonce, config.start_block);
		let found = if from <= safe { evm.inbound_log(nonce, from, safe).await? } else { None };
		let Some(log) = found else {
			debug!(channel, nonce, safe_block = safe, "no confirmed log for the next nonce yet");
			metrics.set_lag("evm", 0);
			pass.stop = Stop::CaughtUp;
			return Ok(pass);
		};
		// The node answered for the range asked; a log above it would not be confirmed.
		if log.nonce != nonce || !is_confirmed(log.block_number, head, config.confirmations) {
			bail!(
				"the EVM node returned log {} in block {} for nonce {nonce} up to block {safe}",
				log.nonce,
				log.block_number
			);
		}
		state.remember(nonce, log.block_number);
		metrics.set_lag("evm", head.saturating_sub(log.block_number));

		let deposit = build_deposit(channel, &log);
		let outcome = chain.attest_deposit(&deposit).await?;
		metrics.record("deposit", &outcome);
		match &outcome {
			TxOutcome::Included => {
				info!(
					channel,
					nonce,
					source_tx = %deposit.source_tx,
					evm_block = log.block_number,
					asset = deposit.asset,
					amount = %deposit.amount,
					"attested inbound message"
				);
				metrics.set_last_attested_nonce(channel, nonce);
				pass.attested.push(nonce);
				voted = Some(nonce);
			},
			TxOutcome::AlreadyDone => {
				debug!(channel, nonce, "inbound message already attested or processed");
				metrics.set_last_attested_nonce(channel, nonce);
				voted = Some(nonce);
			},
			TxOutcome::Rejected(reason) if outcome.is_backoff() => {
				warn!(channel, nonce, %reason, "attestation refused: backing off");
				pass.stop = if reason == "ChannelFrozen" { Stop::Frozen } else { Stop::Halted };
				return Ok(pass);
			},
			TxOutcome::Rejected(reason) => {
				error!(
					channel,
					nonce,
					source_tx = %deposit.source_tx,
					%reason,
					"the chain refused the attestation"
				);
				pass.stop = Stop::Rejected(reason.clone());
				return Ok(pass);
			},
		}
	}
	pass.stop = Stop::Limit;
	Ok(pass)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::api::InboundView;
	use crate::testing::{block_on, FakeChain, FakeEvm};
	use crate::types::{ChannelState, GatewayInfo};
	use alloy::primitives::B256;

	fn gateway() -> Address {
		Address::repeat_byte(0x61)
	}

	fn config() -> DepositConfig {
		DepositConfig { gateway: gateway(), channel: Some(1), confirmations: 5, start_block: 10 }
	}

	fn deposit_log(nonce: u64, block: u64, into_usdai: bool) -> InboundLog {
		InboundLog {
			nonce,
			block_number: block,
			tx_hash: B256::repeat_byte(u8::try_from(nonce).unwrap().wrapping_add(1)),
			event: InboundEvent::Deposited {
				asset: 1,
				amount: 1_000_000 * (nonce as u128 + 1),
				recipient: B256::repeat_byte(0xAA),
				into_usdai,
			},
		}
	}

	fn inbound(next_nonce: u64) -> InboundView {
		InboundView {
			block: 100,
			halted: false,
			gateway: Some(GatewayInfo { channel: 1, chain_id: 31337, address: gateway() }),
			channel: Some((1, ChannelState { next_nonce, frozen: false })),
		}
	}

	#[test]
	fn builds_a_credit_exactly() {
		let log = deposit_log(3, 50, true);
		assert_eq!(
			build_deposit(1, &log),
			Deposit {
				channel: 1,
				nonce: 3,
				source_tx: B256::repeat_byte(4),
				asset: 1,
				amount: 4_000_000,
				action: DepositAction::Credit { recipient: [0xAA; 32], into_usdai: true },
			}
		);
		let plain = build_deposit(1, &deposit_log(0, 50, false));
		assert_eq!(
			plain.action,
			DepositAction::Credit { recipient: [0xAA; 32], into_usdai: false }
		);
	}

	#[test]
	fn builds_a_sleeve_return_exactly() {
		let log = InboundLog {
			nonce: 9,
			block_number: 70,
			tx_hash: B256::repeat_byte(0x99),
			event: InboundEvent::SleeveReturned { recall: 4, asset: 2, amount: 123 },
		};
		assert_eq!(
			build_deposit(1, &log),
			Deposit {
				channel: 1,
				nonce: 9,
				source_tx: B256::repeat_byte(0x99),
				asset: 2,
				amount: 123,
				action: DepositAction::SleeveReturn { recall: 4 },
			}
		);
	}

	#[test]
	fn confirmation_rule() {
		assert!(is_confirmed(100, 105, 5));
		assert!(!is_confirmed(101, 105, 5));
		assert!(is_confirmed(105, 105, 0));
		assert!(!is_confirmed(106, 105, 0));
	}

	#[test]
	fn search_starts_at_the_last_log_for_later_nonces_only() {
		let mut state = DepositState::default();
		assert_eq!(state.search_from(0, 10), 10);
		state.remember(4, 80);
		assert_eq!(state.search_from(4, 10), 80);
		assert_eq!(state.search_from(5, 10), 80);
		assert_eq!(state.search_from(3, 10), 10);
	}

	#[test]
	fn attests_confirmed_logs_in_order_and_stops_at_unconfirmed_ones() {
		let chain = FakeChain::default();
		chain.state.borrow_mut().inbound = inbound(0);
		chain.state.borrow_mut().credit_on_attest = true;
		let evm = FakeEvm::default();
		{
			let mut e = evm.state.borrow_mut();
			e.head = 60;
			// Nonce 2 is only 4 blocks deep: not yet.
			e.logs = vec![
				deposit_log(0, 20, false),
				deposit_log(1, 30, true),
				deposit_log(2, 56, false),
			];
		}
		let metrics = Metrics::new();
		let mut state = DepositState::default();
		let pass = block_on(run(&chain, &evm, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.attested, vec![0, 1]);
		assert_eq!(pass.stop, Stop::CaughtUp);
		let attested = chain.state.borrow().deposits.clone();
		assert_eq!(attested.len(), 2);
		assert_eq!(attested[1], build_deposit(1, &deposit_log(1, 30, true)));
		// Searches never reach above head − confirmations.
		assert!(evm.state.borrow().log_queries.iter().all(|(_, _, to)| *to <= 55));

		// Two blocks later nonce 2 is confirmed.
		evm.state.borrow_mut().head = 61;
		let pass = block_on(run(&chain, &evm, &config(), &mut state, &metrics)).unwrap();
		assert_eq!(pass.attested, vec![2]);
	}

	#[test]
	fn a_vote_already_in_counts_as_done_and_waits_for_the_others() {
		let chain = FakeChain::default();
		chain.state.borrow_mut().inbound = inbound(0);
		chain.state.borrow_mut().answers.push_back(TxOutcome::AlreadyDone);
		let evm = FakeEvm::default();
		evm.state.borrow_mut().head = 60;
		evm.state.borrow_mut().logs = vec![deposit_log(0, 20, false)];
		let metrics = Metrics::new();
		let pass =
			block_on(run(&chain, &evm, &config(), &mut DepositState::default(), &metrics)).unwrap();
		assert_eq!(pass.attested, Vec::<u64>::new());
		assert_eq!(pass.stop, Stop::AwaitingOthers);
		assert_eq!(chain.state.borrow().deposits.len(), 1);
	}

	#[test]
	fn a_reorged_log_is_simply_not_found() {
		let chain = FakeChain::default();
		chain.state.borrow_mut().inbound = inbound(0);
		let evm = FakeEvm::default();
		evm.state.borrow_mut().head = 60;
		let metrics = Metrics::new();
		let pass =
			block_on(run(&chain, &evm, &config(), &mut DepositState::default(), &metrics)).unwrap();
		assert_eq!(pass.stop, Stop::CaughtUp);
		assert!(chain.state.borrow().deposits.is_empty());
	}

	#[test]
	fn backs_off_when_halted_or_frozen() {
		let chain = FakeChain::default();
		let evm = FakeEvm::default();
		evm.state.borrow_mut().head = 60;
		evm.state.borrow_mut().logs = vec![deposit_log(0, 20, false)];
		let metrics = Metrics::new();

		let mut halted = inbound(0);
		halted.halted = true;
		chain.state.borrow_mut().inbound = halted;
		let pass =
			block_on(run(&chain, &evm, &config(), &mut DepositState::default(), &metrics)).unwrap();
		assert_eq!(pass.stop, Stop::Halted);

		let mut frozen = inbound(0);
		frozen.channel = Some((1, ChannelState { next_nonce: 0, frozen: true }));
		chain.state.borrow_mut().inbound = frozen;
		let pass =
			block_on(run(&chain, &evm, &config(), &mut DepositState::default(), &metrics)).unwrap();
		assert_eq!(pass.stop, Stop::Frozen);

		// Halted between the read and the transaction: the pool refuses it.
		chain.state.borrow_mut().inbound = inbound(0);
		chain.state.borrow_mut().answers.push_back(TxOutcome::Rejected("BridgeHalted".into()));
		let pass =
			block_on(run(&chain, &evm, &config(), &mut DepositState::default(), &metrics)).unwrap();
		assert_eq!(pass.stop, Stop::Halted);
		assert!(metrics.encode().contains("usdai_relayer_errors_total{kind=\"halted\"} 2"));
	}

	#[test]
	fn refuses_to_serve_another_gateway() {
		let chain = FakeChain::default();
		let mut view = inbound(0);
		view.gateway =
			Some(GatewayInfo { channel: 1, chain_id: 1, address: Address::repeat_byte(1) });
		chain.state.borrow_mut().inbound = view;
		let evm = FakeEvm::default();
		let metrics = Metrics::new();
		assert!(
			block_on(run(&chain, &evm, &config(), &mut DepositState::default(), &metrics)).is_err()
		);
	}
}

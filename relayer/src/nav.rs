//! NAV duty: report the T-bill sleeve's value to the chain.
//!
//! All relayers must vote the byte-identical `NavReport`, so every input is deterministic:
//! - the EVM block `B = floor((head − confirmations) / K) · K` (relayers that see slightly
//!   different heads still pick the same `B` except right at a step boundary);
//! - `value` = Σ over the configured assets of `convertToAssets(vault.balanceOf(gateway))` at
//!   `B`, scaled from the token's decimals to 18 (rounding down);
//! - `timestamp` = block `B`'s timestamp;
//! - `sequence` = the chain's `SleeveSequence`.
//!
//! A report must describe the sleeve as the chain's books stand at `sequence`. So the relayer
//! reports only while no capital is in flight: no `ToSleeve`/`Recall` message waiting on the chain
//! (a recall stays waiting until its `SleeveReturned` deposit is credited, which also covers an
//! uncredited return), and no `MovedToSleeve`/`SleeveReturned` event on the gateway after `B`
//! (the chain may have booked a move that `B` does not show yet).

use crate::api::{ChainApi, EvmApi};
use crate::config::NavAsset;
use crate::metrics::Metrics;
use crate::types::{NavReport, TxOutcome};
use alloy::primitives::U256;
use anyhow::{bail, Context, Result};
use std::time::{Duration, Instant};
use tracing::{debug, info, warn};

/// What the NAV duty needs from the configuration.
#[derive(Clone, Debug)]
pub struct NavConfig {
	/// The sleeve assets (none: the duty is off).
	pub assets: Vec<NavAsset>,
	/// EVM confirmations.
	pub confirmations: u64,
	/// The block step `K`.
	pub block_step: u64,
	/// Time between reports.
	pub interval: Duration,
	/// The gateway's deployment block (nothing to read before it).
	pub start_block: u64,
}

/// When the last report was settled (voted, or found already voted).
#[derive(Clone, Copy, Debug, Default)]
pub struct NavState {
	settled_at: Option<Instant>,
}

/// What a pass did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NavPass {
	/// No sleeve assets configured.
	Disabled,
	/// The interval has not passed since the last report.
	NotDue,
	/// The bridge is halted.
	Halted,
	/// Capital is moving between the reserve and the sleeve; retried next pass.
	InFlight,
	/// The EVM chain has no suitable block yet.
	TooEarly,
	/// This relayer already voted this report, or a newer one was accepted.
	AlreadyReported(NavReport),
	/// The report was attested (or refused: see the log).
	Attested(NavReport, TxOutcome),
}

/// The EVM block the NAV is read at: the last multiple of `step` at or below `safe_head`.
pub fn nav_block(safe_head: u64, step: u64) -> Option<u64> {
	safe_head.checked_div(step)?.checked_mul(step)
}

/// `amount` in a token of `decimals` decimals, in USDai base units (18 decimals), rounding down.
/// `None` if it does not fit in a `u128`.
pub fn to_usdai_units(amount: U256, decimals: u8) -> Option<u128> {
	let ten = U256::from(10u8);
	let scaled = match 18u8.checked_sub(decimals) {
		Some(up) => amount.checked_mul(ten.checked_pow(U256::from(up))?)?,
		None => {
			let down = decimals.checked_sub(18)?;
			amount.checked_div(ten.checked_pow(U256::from(down))?)?
		},
	};
	u128::try_from(scaled).ok()
}

/// One pass of the NAV duty. `force` ignores the interval (`--once`).
pub async fn run<C: ChainApi, E: EvmApi>(
	chain: &C,
	evm: &E,
	config: &NavConfig,
	state: &mut NavState,
	metrics: &Metrics,
	force: bool,
) -> Result<NavPass> {
	if config.assets.is_empty() {
		return Ok(NavPass::Disabled);
	}
	if !force && state.settled_at.is_some_and(|at| at.elapsed() < config.interval) {
		return Ok(NavPass::NotDue);
	}
	let view = chain.nav_view().await?;
	if view.halted {
		debug!("the bridge is halted: no NAV report");
		return Ok(NavPass::Halted);
	}
	if view.sleeve_in_flight {
		debug!("a move to or from the sleeve is waiting on the chain: no NAV report yet");
		return Ok(NavPass::InFlight);
	}
	let head = evm.head().await?;
	metrics.health.evm_read(head);
	let Some(block) = head
		.checked_sub(config.confirmations)
		.and_then(|safe| nav_block(safe, config.block_step))
		.filter(|block| *block > 0 && *block >= config.start_block)
	else {
		return Ok(NavPass::TooEarly);
	};
	let moved = evm.sleeve_events(block.saturating_add(1), head).await?;
	if moved > 0 {
		debug!(evm_block = block, moved, "sleeve capital moved after the NAV block: waiting");
		return Ok(NavPass::InFlight);
	}

	let mut value: u128 = 0;
	for asset in &config.assets {
		let Some(assets) = evm.sleeve_assets(asset.asset, block).await? else {
			bail!(
				"asset {} has no sleeve vault on the gateway: remove it from nav_assets",
				asset.asset
			);
		};
		let scaled = to_usdai_units(assets, asset.decimals)
			.with_context(|| format!("the sleeve value of asset {} overflows", asset.asset))?;
		value = value.checked_add(scaled).context("the sleeve value overflows")?;
	}
	let timestamp = evm.block_timestamp(block).await?;
	let report = NavReport { value, timestamp, sequence: view.sleeve_sequence };

	// The pallet wants a report newer than the last accepted one and than this relayer's own
	// vote; the same vote again would only be refused.
	let newer_exists = view.last_accepted.is_some_and(|accepted| accepted >= timestamp)
		|| view.my_vote.is_some_and(|mine| mine.timestamp >= timestamp);
	if newer_exists {
		debug!(?report, "this report or a newer one is in already");
		state.settled_at = Some(Instant::now());
		return Ok(NavPass::AlreadyReported(report));
	}

	let outcome = chain.attest_nav(&report).await?;
	metrics.record("nav", &outcome);
	match &outcome {
		TxOutcome::Included => {
			info!(
				value = %report.value,
				timestamp = report.timestamp,
				sequence = report.sequence,
				evm_block = block,
				"attested NAV"
			);
			state.settled_at = Some(Instant::now());
		},
		TxOutcome::AlreadyDone => state.settled_at = Some(Instant::now()),
		TxOutcome::Rejected(reason) => {
			warn!(?report, %reason, "the chain refused the NAV report");
		},
	}
	Ok(NavPass::Attested(report, outcome))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::api::NavView;
	use crate::testing::{block_on, timestamp_of, FakeChain, FakeEvm};
	use std::collections::BTreeMap;

	fn config() -> NavConfig {
		NavConfig {
			assets: vec![NavAsset { asset: 1, decimals: 6 }, NavAsset { asset: 2, decimals: 6 }],
			confirmations: 5,
			block_step: 100,
			interval: Duration::from_secs(3600),
			start_block: 1,
		}
	}

	fn evm_with_sleeve() -> FakeEvm {
		let evm = FakeEvm::default();
		{
			let mut state = evm.state.borrow_mut();
			state.head = 1_234;
			state.sleeve = BTreeMap::from([
				(1, Some(U256::from(1_500_000_000u64))),
				(2, Some(U256::from(250_000_001u64))),
			]);
		}
		evm
	}

	#[test]
	fn the_nav_block_is_the_last_step_multiple_below_the_safe_head() {
		assert_eq!(nav_block(1_229, 100), Some(1_200));
		assert_eq!(nav_block(1_200, 100), Some(1_200));
		assert_eq!(nav_block(99, 100), Some(0));
		assert_eq!(nav_block(1_229, 0), None);
	}

	#[test]
	fn values_scale_to_18_decimals_rounding_down() {
		assert_eq!(to_usdai_units(U256::from(1_234_567u64), 6), Some(1_234_567_000_000_000_000));
		assert_eq!(to_usdai_units(U256::from(7u64), 18), Some(7));
		// 20 decimals: divided by 100, rounded down.
		assert_eq!(to_usdai_units(U256::from(199u64), 20), Some(1));
		assert_eq!(to_usdai_units(U256::MAX, 6), None);
		assert_eq!(to_usdai_units(U256::from(u128::MAX), 18), Some(u128::MAX));
		assert_eq!(to_usdai_units(U256::from(u128::MAX) + U256::from(1u8), 18), None);
	}

	#[test]
	fn reports_the_sum_at_the_nav_block() {
		let chain = FakeChain::default();
		chain.state.borrow_mut().nav = NavView { sleeve_sequence: 3, ..NavView::default() };
		let evm = evm_with_sleeve();
		let metrics = Metrics::new();
		let mut state = NavState::default();
		let pass = block_on(run(&chain, &evm, &config(), &mut state, &metrics, false)).unwrap();
		let expected = NavReport {
			value: 1_750_000_001_000_000_000_000,
			timestamp: timestamp_of(1_200),
			sequence: 3,
		};
		assert_eq!(pass, NavPass::Attested(expected, TxOutcome::Included));
		assert_eq!(evm.state.borrow().sleeve_queries, vec![(1, 1_200), (2, 1_200)]);
		assert_eq!(chain.state.borrow().navs, vec![expected]);

		// Within the interval nothing happens; forced, it sees its own vote and stops.
		let pass = block_on(run(&chain, &evm, &config(), &mut state, &metrics, false)).unwrap();
		assert_eq!(pass, NavPass::NotDue);
		chain.state.borrow_mut().nav.my_vote = Some(expected);
		let pass = block_on(run(&chain, &evm, &config(), &mut state, &metrics, true)).unwrap();
		assert_eq!(pass, NavPass::AlreadyReported(expected));
		assert_eq!(chain.state.borrow().navs.len(), 1);
	}

	#[test]
	fn waits_while_capital_is_in_flight() {
		let chain = FakeChain::default();
		chain.state.borrow_mut().nav = NavView { sleeve_in_flight: true, ..NavView::default() };
		let evm = evm_with_sleeve();
		let metrics = Metrics::new();
		let pass = block_on(run(&chain, &evm, &config(), &mut NavState::default(), &metrics, true))
			.unwrap();
		assert_eq!(pass, NavPass::InFlight);

		// The chain has settled, but the gateway moved capital after block 1 200.
		chain.state.borrow_mut().nav = NavView::default();
		evm.state.borrow_mut().sleeve_event_blocks = vec![1_210];
		let pass = block_on(run(&chain, &evm, &config(), &mut NavState::default(), &metrics, true))
			.unwrap();
		assert_eq!(pass, NavPass::InFlight);
		// A move at or before the NAV block is part of it.
		evm.state.borrow_mut().sleeve_event_blocks = vec![1_200];
		let pass = block_on(run(&chain, &evm, &config(), &mut NavState::default(), &metrics, true))
			.unwrap();
		assert!(matches!(pass, NavPass::Attested(_, TxOutcome::Included)));
	}

	#[test]
	fn an_asset_without_a_vault_is_an_error_not_a_zero() {
		let chain = FakeChain::default();
		let evm = evm_with_sleeve();
		evm.state.borrow_mut().sleeve.insert(2, None);
		let metrics = Metrics::new();
		assert!(block_on(run(&chain, &evm, &config(), &mut NavState::default(), &metrics, true))
			.is_err());
		assert!(chain.state.borrow().navs.is_empty());
	}

	#[test]
	fn no_report_older_than_the_last_accepted_one() {
		let chain = FakeChain::default();
		chain.state.borrow_mut().nav =
			NavView { last_accepted: Some(timestamp_of(1_200)), ..NavView::default() };
		let evm = evm_with_sleeve();
		let metrics = Metrics::new();
		let pass = block_on(run(&chain, &evm, &config(), &mut NavState::default(), &metrics, true))
			.unwrap();
		assert!(matches!(pass, NavPass::AlreadyReported(_)));
		assert!(chain.state.borrow().navs.is_empty());
	}
}

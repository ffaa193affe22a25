//! Wiring: configuration, logging, the two clients, the metrics server, and the loop that runs
//! every duty once per poll interval until Ctrl-C or SIGTERM.
//!
//! One task runs the duties one after the other (keys, deposits, outbound, NAV): they share one
//! chain account, whose transactions must go out in nonce order, and each waits for its
//! transaction's block, so running them in parallel would gain little and race on the nonce.

use crate::api::{ChainApi, EvmApi};
use crate::chain::{self, SubxtChain};
use crate::config::{Cli, Config, FileConfig, LogFormat, CHAIN_KEY_ENV, EVM_KEY_ENV};
use crate::deposits::{self, DepositConfig, DepositState};
use crate::evm::{AlloyEvm, EvmKey};
use crate::keys::{self, KeyStatus};
use crate::metrics::{self, Metrics};
use crate::nav::{self, NavConfig, NavState};
use crate::outbound::{self, OutboundConfig, OutboundState};
use anyhow::{anyhow, bail, Context, Result};
use std::sync::Arc;
use tracing::{debug, error, info, warn};
use tracing_subscriber::EnvFilter;

/// After this many passes in a row with errors, the relayer exits with an error so that its
/// supervisor restarts it with fresh connections (it keeps no state a restart would lose).
pub const MAX_FAILED_PASSES: u32 = 50;

/// After this many passes in a row with errors, the relayer opens a new connection to the chain
/// node: a node that was stopped and started again (or a dropped WebSocket) does not come back on
/// the old connection.
pub const RECONNECT_AFTER_FAILED_PASSES: u32 = 3;

/// `{error:#}`: the error with its whole context chain, for logs.
fn chain_of(error: &anyhow::Error) -> String {
	format!("{error:#}")
}

/// The duties over a chain and an EVM gateway.
pub struct Relayer<C, E> {
	chain: C,
	evm: E,
	key: EvmKey,
	metrics: Arc<Metrics>,
	deposit_config: DepositConfig,
	outbound_config: OutboundConfig,
	nav_config: NavConfig,
	deposits: DepositState,
	outbound: OutboundState,
	nav: NavState,
	key_status: Option<KeyStatus>,
}

impl<C: ChainApi, E: EvmApi> Relayer<C, E> {
	/// A relayer for `config`, on an EVM chain with id `chain_id`.
	pub fn new(
		chain: C,
		evm: E,
		key: EvmKey,
		config: &Config,
		chain_id: u64,
		metrics: Arc<Metrics>,
	) -> Self {
		Self {
			chain,
			evm,
			key,
			metrics,
			deposit_config: DepositConfig {
				gateway: config.gateway,
				channel: config.channel,
				confirmations: config.confirmations,
				start_block: config.start_block,
			},
			outbound_config: OutboundConfig {
				gateway: config.gateway,
				chain_id,
				confirmations: config.confirmations,
				grace: config.grace,
			},
			nav_config: NavConfig {
				assets: config.nav_assets.clone(),
				confirmations: config.confirmations,
				block_step: config.nav_block_step,
				interval: config.nav_interval,
				start_block: config.start_block,
			},
			deposits: DepositState::default(),
			outbound: OutboundState::default(),
			nav: NavState::default(),
			key_status: None,
		}
	}

	/// Replaces the chain client (a new connection after the old one failed).
	pub fn set_chain(&mut self, chain: C) {
		self.chain = chain;
	}

	/// One pass of every duty. A failing duty does not stop the others; the pass fails if any
	/// did. `force_nav` reports the NAV whatever the interval.
	pub async fn pass(&mut self, force_nav: bool) -> Result<()> {
		let mut failed: Vec<&str> = Vec::new();

		match keys::ensure_registered(&self.chain, &self.key, &self.metrics).await {
			Ok(status) => {
				if self.key_status.as_ref() != Some(&status) {
					match &status {
						KeyStatus::NotRelayer => warn!(
							account = %chain::account_display(&self.chain.account()),
							"this account is not in the chain's relayer set: only reading"
						),
						KeyStatus::Registered => {
							info!(key = %self.key.address(), "EVM key registered")
						},
						_ => {},
					}
				}
				self.key_status = Some(status);
			},
			Err(error) => {
				error!(duty = "keys", error = %chain_of(&error), "duty failed");
				self.metrics.error("keys");
				failed.push("keys");
			},
		}

		let mut best_block = None;
		match deposits::run(
			&self.chain,
			&self.evm,
			&self.deposit_config,
			&mut self.deposits,
			&self.metrics,
		)
		.await
		{
			Ok(pass) => {
				debug!(attested = ?pass.attested, stop = ?pass.stop, "deposits pass");
				best_block = Some(pass.chain_block);
			},
			Err(error) => {
				error!(duty = "deposits", error = %chain_of(&error), "duty failed");
				self.metrics.error("deposits");
				failed.push("deposits");
			},
		}

		match outbound::run(
			&self.chain,
			&self.evm,
			&self.key,
			&self.outbound_config,
			&mut self.outbound,
			&self.metrics,
		)
		.await
		{
			Ok(pass) => {
				debug!(
					signed = ?pass.signed,
					executed = ?pass.executed,
					confirmed = ?pass.confirmed,
					"outbound pass"
				);
				if let Some(best) = best_block {
					self.metrics.set_lag("chain", best.saturating_sub(pass.chain_block));
				}
			},
			Err(error) => {
				error!(duty = "outbound", error = %chain_of(&error), "duty failed");
				self.metrics.error("outbound");
				failed.push("outbound");
			},
		}

		match nav::run(
			&self.chain,
			&self.evm,
			&self.nav_config,
			&mut self.nav,
			&self.metrics,
			force_nav,
		)
		.await
		{
			Ok(pass) => debug!(?pass, "NAV pass"),
			Err(error) => {
				error!(duty = "nav", error = %chain_of(&error), "duty failed");
				self.metrics.error("nav");
				failed.push("nav");
			},
		}

		if failed.is_empty() {
			self.metrics.health.progressed();
			Ok(())
		} else {
			bail!("duties failed: {}", failed.join(", "))
		}
	}
}

/// Installs the global logger: `RUST_LOG` filters (default `info`).
pub(crate) fn init_logging(format: LogFormat) -> Result<()> {
	let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
	let builder = tracing_subscriber::fmt().with_env_filter(filter);
	match format {
		LogFormat::Json => builder.json().try_init(),
		LogFormat::Text => builder.try_init(),
	}
	.map_err(|error| anyhow!("installing the logger: {error}"))
}

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM on Unix).
pub(crate) async fn shutdown_signal() {
	let interrupt = async {
		if tokio::signal::ctrl_c().await.is_err() {
			std::future::pending::<()>().await;
		}
	};
	#[cfg(unix)]
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut signal) => {
				signal.recv().await;
			},
			Err(_) => std::future::pending::<()>().await,
		}
	};
	#[cfg(not(unix))]
	let terminate = std::future::pending::<()>();
	tokio::select! {
		_ = interrupt => {},
		_ = terminate => {},
	}
}

/// The relayer's main: reads the configuration, connects, and runs the duties (once with
/// `--once`).
pub async fn run(cli: Cli) -> Result<()> {
	let file = match &cli.config {
		Some(path) => FileConfig::load(path)?,
		None => FileConfig::default(),
	};
	let config = Config::resolve(&cli, file)?;
	init_logging(config.log_format)?;

	let env = |name: &str| std::env::var(name).ok();
	let (chain_secret, chain_key_source) =
		crate::config::load_secret(config.chain_key_file.as_deref(), CHAIN_KEY_ENV, &env)
			.context("the chain key")?;
	let (evm_secret, evm_key_source) =
		crate::config::load_secret(config.evm_key_file.as_deref(), EVM_KEY_ENV, &env)
			.context("the EVM key")?;
	let keypair = chain::keypair_from_secret(chain_secret.expose())?;
	let evm_key = EvmKey::from_hex(evm_secret.expose())?;
	drop((chain_secret, evm_secret));

	let metrics = Arc::new(Metrics::new());
	let chain = SubxtChain::connect(&config.chain_url, keypair.clone(), config.tx_timeout).await?;
	let evm = AlloyEvm::connect(
		&config.evm_url,
		config.gateway,
		&evm_key,
		config.max_log_range,
		config.tx_timeout,
	)?;
	let chain_id = evm.chain_id().await?;
	info!(
		chain = %config.chain_url,
		evm = %config.evm_url,
		evm_chain_id = chain_id,
		gateway = %config.gateway,
		channel = ?config.channel,
		confirmations = config.confirmations,
		account = %chain::account_display(&chain.account()),
		evm_key = %evm_key.address(),
		chain_key_from = %chain_key_source,
		evm_key_from = %evm_key_source,
		once = config.once,
		"usdai-relayer starting"
	);

	if !config.once {
		if let Some(address) = config.metrics_listen {
			let listener = tokio::net::TcpListener::bind(address)
				.await
				.with_context(|| format!("listening for metrics on {address}"))?;
			info!(%address, "serving /metrics and /health");
			tokio::spawn(metrics::serve(listener, metrics.clone(), config.health_max_age));
		}
	}

	let mut relayer = Relayer::new(chain, evm, evm_key, &config, chain_id, metrics);
	if config.once {
		return relayer.pass(true).await;
	}

	let shutdown = shutdown_signal();
	tokio::pin!(shutdown);
	let mut failed_in_a_row: u32 = 0;
	loop {
		tokio::select! {
			_ = &mut shutdown => break,
			result = relayer.pass(false) => match result {
				Ok(()) => failed_in_a_row = 0,
				Err(error) => {
					failed_in_a_row = failed_in_a_row.saturating_add(1);
					warn!(error = %chain_of(&error), failed_in_a_row, "pass finished with errors");
					if failed_in_a_row >= MAX_FAILED_PASSES {
						bail!("{failed_in_a_row} passes in a row failed; exiting for a restart");
					}
					if failed_in_a_row.checked_rem(RECONNECT_AFTER_FAILED_PASSES) == Some(0) {
						match SubxtChain::connect(
							&config.chain_url,
							keypair.clone(),
							config.tx_timeout,
						)
						.await
						{
							Ok(chain) => {
								info!(chain = %config.chain_url, "reconnected to the chain node");
								relayer.set_chain(chain);
							},
							Err(error) => warn!(
								chain = %config.chain_url,
								error = %chain_of(&error),
								"reconnecting to the chain node failed; retrying"
							),
						}
					}
				},
			},
		}
		tokio::select! {
			_ = &mut shutdown => break,
			_ = tokio::time::sleep(config.poll_interval) => {},
		}
	}
	info!("shutting down");
	Ok(())
}

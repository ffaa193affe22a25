//! Configuration: a TOML file, with command-line flags overriding it, and the two keys read
//! from files or environment variables. Secrets are never logged: [`Secret`]'s `Debug` hides
//! them and the summary logged at start names only where they came from.

use alloy::primitives::Address;
use anyhow::{bail, Context, Result};
use clap::{Parser, ValueEnum};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable holding the chain key (an sr25519 secret URI or `0x` seed).
pub const CHAIN_KEY_ENV: &str = "USDAI_RELAYER_CHAIN_KEY";
/// Environment variable holding the EVM key (hex private key).
pub const EVM_KEY_ENV: &str = "USDAI_RELAYER_EVM_KEY";

/// Log output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
	/// One JSON object per line (for log shippers).
	Json,
	/// Human-readable lines.
	#[default]
	Text,
}

/// Command-line flags. Each overrides the same setting of the configuration file.
#[derive(Debug, Default, Parser)]
#[command(name = "usdai-relayer", version, about = "USD.AI treasury bridge relayer")]
pub struct Cli {
	/// The TOML configuration file.
	#[arg(long, short = 'c')]
	pub config: Option<PathBuf>,
	/// WebSocket URL of a USD.AI chain node (`ws://` or `wss://`).
	#[arg(long)]
	pub chain_url: Option<String>,
	/// HTTP URL of an EVM JSON-RPC node (`http://` or `https://`).
	#[arg(long)]
	pub evm_url: Option<String>,
	/// The gateway contract's address.
	#[arg(long)]
	pub gateway: Option<Address>,
	/// A deployment JSON (`{"gateway": "0x…", "deployBlock": N}`) to take the gateway from.
	#[arg(long)]
	pub deployment: Option<PathBuf>,
	/// The channel the gateway's deposits arrive on (checked against the chain's gateway).
	#[arg(long)]
	pub channel: Option<u32>,
	/// EVM blocks on top of a log before the relayer acts on it.
	#[arg(long)]
	pub confirmations: Option<u64>,
	/// The first EVM block to search for gateway logs (its deployment block).
	#[arg(long)]
	pub start_block: Option<u64>,
	/// Seconds between passes over the duties.
	#[arg(long)]
	pub poll_interval: Option<u64>,
	/// Seconds between NAV reports.
	#[arg(long)]
	pub nav_interval: Option<u64>,
	/// NAV is read at EVM blocks that are multiples of this (so relayers agree on the block).
	#[arg(long)]
	pub nav_block_step: Option<u64>,
	/// Seconds after which any signer executes a ready message, not only its designated executor.
	#[arg(long)]
	pub grace: Option<u64>,
	/// Address for `/metrics` and `/health` (for example `127.0.0.1:9616`).
	#[arg(long)]
	pub metrics_listen: Option<SocketAddr>,
	/// File holding the chain key (sr25519 secret URI or `0x` seed); else `USDAI_RELAYER_CHAIN_KEY`.
	#[arg(long)]
	pub chain_key_file: Option<PathBuf>,
	/// File holding the EVM key (hex); else `USDAI_RELAYER_EVM_KEY`.
	#[arg(long)]
	pub evm_key_file: Option<PathBuf>,
	/// Do one pass of every duty and exit: 0 when all succeeded, 1 otherwise.
	#[arg(long)]
	pub once: bool,
	/// Log format.
	#[arg(long, value_enum, default_value_t = LogFormat::Text)]
	pub log_format: LogFormat,
}

/// A sleeve asset the NAV counts: its chain asset id and its token's decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavAsset {
	/// The chain's asset id (the gateway's `assetVault(asset)` is its sleeve vault).
	pub asset: u32,
	/// The token's decimals (6 for USDC and USDT).
	#[serde(default = "default_decimals")]
	pub decimals: u8,
}

fn default_decimals() -> u8 {
	6
}

/// The configuration file. Every field is optional; flags override it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
	/// See [`Cli::chain_url`].
	pub chain_url: Option<String>,
	/// See [`Cli::evm_url`].
	pub evm_url: Option<String>,
	/// See [`Cli::gateway`].
	pub gateway: Option<Address>,
	/// See [`Cli::deployment`] (relative to the configuration file).
	pub deployment: Option<PathBuf>,
	/// See [`Cli::channel`].
	pub channel: Option<u32>,
	/// See [`Cli::confirmations`].
	pub confirmations: Option<u64>,
	/// See [`Cli::start_block`].
	pub start_block: Option<u64>,
	/// See [`Cli::poll_interval`] (seconds).
	pub poll_interval: Option<u64>,
	/// See [`Cli::nav_interval`] (seconds).
	pub nav_interval: Option<u64>,
	/// See [`Cli::nav_block_step`].
	pub nav_block_step: Option<u64>,
	/// See [`Cli::grace`] (seconds).
	pub grace: Option<u64>,
	/// See [`Cli::metrics_listen`].
	pub metrics_listen: Option<SocketAddr>,
	/// See [`Cli::chain_key_file`] (relative to the configuration file).
	pub chain_key_file: Option<PathBuf>,
	/// See [`Cli::evm_key_file`] (relative to the configuration file).
	pub evm_key_file: Option<PathBuf>,
	/// The sleeve assets the NAV counts (none: no NAV reports).
	pub nav_assets: Option<Vec<NavAsset>>,
	/// Most blocks per `eth_getLogs` request.
	pub max_log_range: Option<u64>,
	/// `/health` is healthy while both chains were read within this many seconds.
	pub health_max_age: Option<u64>,
	/// Seconds to wait for a transaction (either chain) to be included.
	pub tx_timeout: Option<u64>,
}

impl FileConfig {
	/// Reads and parses `path`; paths inside it become relative to its directory.
	pub fn load(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("reading the configuration file {}", path.display()))?;
		let mut config: Self = toml::from_str(&text)
			.with_context(|| format!("parsing the configuration file {}", path.display()))?;
		let base = path.parent().unwrap_or_else(|| Path::new("."));
		for file in [&mut config.deployment, &mut config.chain_key_file, &mut config.evm_key_file]
			.into_iter()
			.flatten()
		{
			if file.is_relative() {
				let joined = base.join(file.as_path());
				*file = joined;
			}
		}
		Ok(config)
	}
}

/// The gateway deployment record written by the contracts' deploy script.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Deployment {
	#[serde(alias = "UsdaiGateway", alias = "usdaiGateway")]
	gateway: Address,
	#[serde(default, alias = "blockNumber", alias = "startBlock")]
	deploy_block: Option<u64>,
}

/// Reads the gateway address (and its deployment block, if recorded) from a deployment JSON.
pub fn load_deployment(path: &Path) -> Result<(Address, Option<u64>)> {
	let text = std::fs::read_to_string(path)
		.with_context(|| format!("reading the deployment file {}", path.display()))?;
	let deployment: Deployment = serde_json::from_str(&text)
		.with_context(|| format!("parsing the deployment file {}", path.display()))?;
	Ok((deployment.gateway, deployment.deploy_block))
}

/// A secret string. Its `Debug` never shows it.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
	/// Wraps a secret, trimming surrounding whitespace (a trailing newline in a key file).
	pub fn new(value: &str) -> Self {
		Self(value.trim().to_string())
	}

	/// The secret itself, for the one place that parses it.
	pub fn expose(&self) -> &str {
		&self.0
	}
}

impl core::fmt::Debug for Secret {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("Secret(<redacted>)")
	}
}

/// Reads a key from `file` if one is configured (flag, else configuration file), else from the
/// environment variable `env_var`. Also says where it came from, for the start-up log.
pub fn load_secret(
	file: Option<&Path>,
	env_var: &str,
	env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Secret, String)> {
	if let Some(path) = file {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("reading the key file {}", path.display()))?;
		let secret = Secret::new(&text);
		if secret.expose().is_empty() {
			bail!("the key file {} is empty", path.display());
		}
		return Ok((secret, format!("file {}", path.display())));
	}
	match env(env_var) {
		Some(value) if !value.trim().is_empty() => {
			Ok((Secret::new(&value), format!("environment variable {env_var}")))
		},
		_ => bail!("no key: pass a key file or set {env_var}"),
	}
}

/// The resolved configuration.
#[derive(Clone, Debug)]
pub struct Config {
	/// Chain node WebSocket URL.
	pub chain_url: String,
	/// EVM node HTTP URL.
	pub evm_url: String,
	/// The gateway contract.
	pub gateway: Address,
	/// The configured channel, if any (the chain's gateway names the channel otherwise).
	pub channel: Option<u32>,
	/// EVM confirmations.
	pub confirmations: u64,
	/// First EVM block with gateway logs.
	pub start_block: u64,
	/// Pause between passes.
	pub poll_interval: Duration,
	/// Time between NAV reports.
	pub nav_interval: Duration,
	/// NAV block step `K`.
	pub nav_block_step: u64,
	/// Grace before any signer executes.
	pub grace: Duration,
	/// Metrics/health listen address.
	pub metrics_listen: Option<SocketAddr>,
	/// Sleeve assets for the NAV.
	pub nav_assets: Vec<NavAsset>,
	/// Most blocks per `eth_getLogs`.
	pub max_log_range: u64,
	/// Health freshness bound.
	pub health_max_age: Duration,
	/// Transaction inclusion timeout.
	pub tx_timeout: Duration,
	/// One pass, then exit.
	pub once: bool,
	/// Log format.
	pub log_format: LogFormat,
	/// The chain key file (flag, else configuration file).
	pub chain_key_file: Option<PathBuf>,
	/// The EVM key file (flag, else configuration file).
	pub evm_key_file: Option<PathBuf>,
}

/// Defaults, chosen for a production EVM chain: 12 confirmations, a 6-second poll (one chain
/// block), an hourly NAV at blocks that are multiples of 50.
pub mod defaults {
	/// EVM confirmations.
	pub const CONFIRMATIONS: u64 = 12;
	/// Seconds between passes.
	pub const POLL_INTERVAL: u64 = 6;
	/// Seconds between NAV reports.
	pub const NAV_INTERVAL: u64 = 3_600;
	/// NAV block step.
	pub const NAV_BLOCK_STEP: u64 = 50;
	/// Seconds of grace before any signer executes.
	pub const GRACE: u64 = 120;
	/// Most blocks per `eth_getLogs`.
	pub const MAX_LOG_RANGE: u64 = 5_000;
	/// Seconds `/health` tolerates without a successful read.
	pub const HEALTH_MAX_AGE: u64 = 120;
	/// Seconds to wait for a transaction.
	pub const TX_TIMEOUT: u64 = 120;
	/// Metrics listen address.
	pub const METRICS_LISTEN: &str = "127.0.0.1:9616";
}

impl Config {
	/// Merges flags over the file (over the defaults) and checks the result.
	pub fn resolve(cli: &Cli, file: FileConfig) -> Result<Self> {
		let deployment = match cli.deployment.as_deref().or(file.deployment.as_deref()) {
			Some(path) => Some(load_deployment(path)?),
			None => None,
		};
		let gateway = cli
			.gateway
			.or(file.gateway)
			.or(deployment.map(|(gateway, _)| gateway))
			.context("no gateway: set `gateway` or `deployment`")?;
		let start_block = cli
			.start_block
			.or(file.start_block)
			.or(deployment.and_then(|(_, block)| block))
			.unwrap_or(0);
		let chain_url =
			cli.chain_url.clone().or(file.chain_url).context("no chain node: set `chain_url`")?;
		let evm_url = cli.evm_url.clone().or(file.evm_url).context("no EVM node: set `evm_url`")?;
		let secs = |flag: Option<u64>, file: Option<u64>, default: u64| {
			Duration::from_secs(flag.or(file).unwrap_or(default))
		};
		let metrics_listen = match cli.metrics_listen.or(file.metrics_listen) {
			Some(addr) => Some(addr),
			None => Some(
				defaults::METRICS_LISTEN
					.parse::<SocketAddr>()
					.context("default metrics address")?,
			),
		};
		let config = Self {
			chain_url,
			evm_url,
			gateway,
			channel: cli.channel.or(file.channel),
			confirmations: cli
				.confirmations
				.or(file.confirmations)
				.unwrap_or(defaults::CONFIRMATIONS),
			start_block,
			poll_interval: secs(cli.poll_interval, file.poll_interval, defaults::POLL_INTERVAL),
			nav_interval: secs(cli.nav_interval, file.nav_interval, defaults::NAV_INTERVAL),
			nav_block_step: cli
				.nav_block_step
				.or(file.nav_block_step)
				.unwrap_or(defaults::NAV_BLOCK_STEP),
			grace: secs(cli.grace, file.grace, defaults::GRACE),
			metrics_listen,
			nav_assets: file.nav_assets.unwrap_or_default(),
			max_log_range: file.max_log_range.unwrap_or(defaults::MAX_LOG_RANGE),
			health_max_age: secs(None, file.health_max_age, defaults::HEALTH_MAX_AGE),
			tx_timeout: secs(None, file.tx_timeout, defaults::TX_TIMEOUT),
			once: cli.once,
			log_format: cli.log_format,
			chain_key_file: cli.chain_key_file.clone().or(file.chain_key_file),
			evm_key_file: cli.evm_key_file.clone().or(file.evm_key_file),
		};
		config.check()?;
		Ok(config)
	}

	fn check(&self) -> Result<()> {
		if self.gateway == Address::ZERO {
			bail!("the gateway address is zero");
		}
		if self.nav_block_step == 0 {
			bail!("nav_block_step must be positive");
		}
		if self.max_log_range == 0 {
			bail!("max_log_range must be positive");
		}
		if self.poll_interval.is_zero() {
			bail!("poll_interval must be positive");
		}
		if !(self.chain_url.starts_with("ws://") || self.chain_url.starts_with("wss://")) {
			bail!("chain_url must be a ws:// or wss:// URL");
		}
		if !(self.evm_url.starts_with("http://") || self.evm_url.starts_with("https://")) {
			bail!("evm_url must be an http:// or https:// URL (the relayer polls; no websockets)");
		}
		let mut seen = Vec::with_capacity(self.nav_assets.len());
		for asset in &self.nav_assets {
			if seen.contains(&asset.asset) {
				bail!("nav_assets lists asset {} twice", asset.asset);
			}
			seen.push(asset.asset);
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const GATEWAY: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

	fn file(text: &str) -> FileConfig {
		toml::from_str(text).unwrap()
	}

	#[test]
	fn flags_override_the_file_and_defaults_fill_the_rest() {
		let file = file(&format!(
			r#"
			chain_url = "ws://127.0.0.1:9944"
			evm_url = "http://127.0.0.1:8545"
			gateway = "{GATEWAY}"
			confirmations = 3
			nav_interval = 600
			nav_assets = [{{ asset = 1 }}, {{ asset = 2, decimals = 6 }}]
			"#
		));
		let cli = Cli { confirmations: Some(5), once: true, ..Cli::default() };
		let config = Config::resolve(&cli, file).unwrap();
		assert_eq!(config.confirmations, 5);
		assert_eq!(config.nav_interval, Duration::from_secs(600));
		assert_eq!(config.poll_interval, Duration::from_secs(defaults::POLL_INTERVAL));
		assert_eq!(config.nav_block_step, defaults::NAV_BLOCK_STEP);
		assert_eq!(config.gateway, GATEWAY.parse::<Address>().unwrap());
		assert_eq!(
			config.nav_assets,
			vec![NavAsset { asset: 1, decimals: 6 }, NavAsset { asset: 2, decimals: 6 }]
		);
		assert!(config.once);
		assert_eq!(config.metrics_listen, Some("127.0.0.1:9616".parse().unwrap()));
	}

	#[test]
	fn unknown_keys_and_bad_values_are_refused() {
		assert!(toml::from_str::<FileConfig>("chain_uri = \"x\"").is_err());
		let base =
			format!("chain_url = \"ws://a\"\nevm_url = \"http://b\"\ngateway = \"{GATEWAY}\"\n");
		assert!(Config::resolve(&Cli::default(), file(&base)).is_ok());
		let zero_step = format!("{base}nav_block_step = 0\n");
		assert!(Config::resolve(&Cli::default(), file(&zero_step)).is_err());
		let ws_evm = base.replace("http://b", "ws://b");
		assert!(Config::resolve(&Cli::default(), file(&ws_evm)).is_err());
		let no_gateway = "chain_url = \"ws://a\"\nevm_url = \"http://b\"\n";
		assert!(Config::resolve(&Cli::default(), file(no_gateway)).is_err());
	}

	#[test]
	fn secrets_come_from_a_file_first_then_the_environment_and_are_never_printed() {
		let dir = std::env::temp_dir().join(format!("usdai-relayer-test-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let key_file = dir.join("chain.key");
		std::fs::write(&key_file, "//Alice//stash\n").unwrap();
		let env = |name: &str| (name == CHAIN_KEY_ENV).then(|| "//Bob".to_string());
		let (secret, source) = load_secret(Some(&key_file), CHAIN_KEY_ENV, &env).unwrap();
		assert_eq!(secret.expose(), "//Alice//stash");
		assert!(source.starts_with("file "));
		let (secret, source) = load_secret(None, CHAIN_KEY_ENV, &env).unwrap();
		assert_eq!(secret.expose(), "//Bob");
		assert_eq!(source, format!("environment variable {CHAIN_KEY_ENV}"));
		assert!(load_secret(None, EVM_KEY_ENV, &env).is_err());
		assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
		std::fs::remove_dir_all(dir).unwrap();
	}

	#[test]
	fn deployment_json_gives_the_gateway_and_start_block() {
		let dir = std::env::temp_dir().join(format!("usdai-relayer-dep-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join("deployment.json");
		std::fs::write(
			&path,
			format!(r#"{{"chainId": 31337, "gateway": "{GATEWAY}", "deployBlock": 7}}"#),
		)
		.unwrap();
		assert_eq!(load_deployment(&path).unwrap(), (GATEWAY.parse().unwrap(), Some(7)));
		let config_path = dir.join("relayer.toml");
		std::fs::write(
			&config_path,
			"chain_url = \"ws://a\"\nevm_url = \"http://b\"\ndeployment = \"deployment.json\"\n",
		)
		.unwrap();
		let config =
			Config::resolve(&Cli::default(), FileConfig::load(&config_path).unwrap()).unwrap();
		assert_eq!(config.gateway, GATEWAY.parse::<Address>().unwrap());
		assert_eq!(config.start_block, 7);
		std::fs::remove_dir_all(dir).unwrap();
	}
}

//! The beacon feeder: brings drand's pulses to the chain (`usdai-beacon-feeder`).
//!
//! The chain opens a queue round's sealed bids with the beacon's signature of the round they are
//! sealed to, and waits for nothing else: somebody has to fetch that signature from drand and
//! submit it. `pallet-beacon` takes it as an unsigned, feeless `submit_pulse(round, signature)`
//! and only for a round the queue waits for (`BeaconApi_wanted_rounds`), so anyone can feed it
//! without an account and nobody can fill blocks with it. This daemon is that somebody: every
//! poll it reads the wanted rounds, fetches each one whose time has come from drand's HTTP API
//! (several relays, in order: one that is down or lies is skipped), checks the signature against
//! the chain's own beacon key before sending (a relay serving garbage costs nothing), and
//! submits it. Several feeders may run at once: the pool keeps one pulse per round and the
//! chain accepts a round once.
//!
//! At start it reads drand's `/info` for the chain hash and refuses to run if its key or
//! schedule differ from the chain's beacon: a feeder pointed at the wrong drand network would
//! otherwise fetch pulses the chain can never accept.
//!
//! The feeder sees the chain only through [`BeaconChain`] and drand only through
//! [`PulseSource`], so its pass is unit-tested against fakes; `chain.rs` and [`DrandHttp`]
//! implement them against a real node and drand's relays.

use alloy::transports::http::reqwest;
use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tracing::{debug, info, warn};

/// A drand round number.
pub type Round = u64;
/// A drand quicknet signature: a compressed BLS12-381 G1 point.
pub type PulseSignature = [u8; usdai_timelock::SIGNATURE_LEN];
/// A drand public key: a compressed BLS12-381 G2 point.
pub type PublicKey = [u8; usdai_timelock::PUBLIC_KEY_LEN];

/// The chain hash of drand's quicknet (`/info`'s `hash`), the default network.
pub const QUICKNET_CHAIN_HASH: &str =
	"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";

/// drand's public HTTP relays (the League of Entropy's and Cloudflare's), the default sources.
pub const DEFAULT_DRAND_URLS: &[&str] = &[
	"https://api.drand.sh",
	"https://api2.drand.sh",
	"https://api3.drand.sh",
	"https://drand.cloudflare.com",
];

/// How long a submitted pulse is left to the pool before it is sent again (a block includes it
/// within seconds; a pool that dropped it, or a node that restarted, gets it again).
pub const RESUBMIT_AFTER: Duration = Duration::from_secs(30);

/// The beacon a chain follows, as `BeaconApi_beacon` returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BeaconInfo {
	/// Its public key.
	pub public_key: PublicKey,
	/// Unix time of round 1.
	pub genesis_time: u64,
	/// Seconds between rounds.
	pub period: u64,
}

impl BeaconInfo {
	/// The Unix time at which `round` is due (as the pallet computes it).
	pub fn round_time(&self, round: Round) -> u64 {
		self.genesis_time.saturating_add(round.saturating_sub(1).saturating_mul(self.period))
	}
}

/// What became of a submitted pulse, as the node's pool answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PulseOutcome {
	/// In the pool (or already there from another feeder): a block will include it.
	Submitted,
	/// The chain no longer wants it: stored already, or its round is not waited for.
	Stale,
	/// Refused, with the pool's reason (for example a signature the chain's key rejects).
	Refused(String),
}

/// The chain, as the feeder sees it.
#[allow(async_fn_in_trait)]
pub trait BeaconChain {
	/// The beacon the chain follows, if one is set.
	async fn beacon(&self) -> Result<Option<BeaconInfo>>;
	/// The rounds whose pulses the chain waits for and does not hold, oldest first.
	async fn wanted_rounds(&self) -> Result<Vec<Round>>;
	/// Sends `submit_pulse(round, signature)` unsigned.
	async fn submit_pulse(&self, round: Round, signature: &PulseSignature) -> Result<PulseOutcome>;
}

/// drand's `/info` for a chain, the fields the feeder checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
	/// The network's public key.
	pub public_key: PublicKey,
	/// Unix time of round 1.
	pub genesis_time: u64,
	/// Seconds between rounds.
	pub period: u64,
}

/// A drand relay (or several, tried in order).
#[allow(async_fn_in_trait)]
pub trait PulseSource {
	/// How many relays there are.
	fn len(&self) -> usize;
	/// Whether there is none.
	fn is_empty(&self) -> bool {
		self.len() == 0
	}
	/// A name for relay `index`, for logs.
	fn name(&self, index: usize) -> String;
	/// Relay `index`'s `/info`.
	async fn info(&self, index: usize) -> Result<SourceInfo>;
	/// Relay `index`'s signature of `round`: `None` if it has none (yet).
	async fn pulse(&self, index: usize, round: Round) -> Result<Option<PulseSignature>>;
}

/// Checks that every relay that answers serves the chain's beacon, and that at least one
/// answers. A relay that is down at start is only warned about (it may come back; its pulses
/// are checked one by one anyway); one that answers with another network is an error: the
/// operator pointed the feeder at the wrong drand.
pub async fn check_sources<S: PulseSource>(sources: &S, beacon: &BeaconInfo) -> Result<()> {
	let mut answered = 0usize;
	for index in 0..sources.len() {
		match sources.info(index).await {
			Ok(info) => {
				if info.public_key != beacon.public_key {
					bail!(
						"drand at {} serves another public key ({}) than the chain's beacon ({})",
						sources.name(index),
						hex(&info.public_key),
						hex(&beacon.public_key)
					);
				}
				if info.genesis_time != beacon.genesis_time || info.period != beacon.period {
					bail!(
						"drand at {} runs another schedule (genesis {}, period {} s) than the \
						 chain's beacon (genesis {}, period {} s)",
						sources.name(index),
						info.genesis_time,
						info.period,
						beacon.genesis_time,
						beacon.period
					);
				}
				answered = answered.saturating_add(1);
			},
			Err(error) => warn!(
				source = %sources.name(index),
				error = %format!("{error:#}"),
				"drand relay unreachable at start; trying it again for each pulse"
			),
		}
	}
	if answered == 0 {
		bail!("no drand relay answered /info");
	}
	Ok(())
}

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pass {
	/// Rounds submitted.
	pub submitted: Vec<Round>,
	/// Rounds wanted but not due yet.
	pub not_due: Vec<Round>,
	/// Rounds due that no relay had (yet) with a valid signature.
	pub missing: Vec<Round>,
	/// Rounds whose submission was refused or failed (tried again next poll).
	pub failed: Vec<Round>,
}

/// The feeder's memory between passes: when each round was last submitted, so that a pulse in
/// the pool is not sent again every poll.
#[derive(Debug, Default)]
pub struct FeederState {
	submitted_at: BTreeMap<Round, Instant>,
}

/// One pass: every wanted round whose time has come (`now`, Unix seconds) is fetched, checked
/// against the chain's key and submitted.
pub async fn pass<C: BeaconChain, S: PulseSource>(
	chain: &C,
	sources: &S,
	beacon: &BeaconInfo,
	public_key: &usdai_timelock::PublicKey,
	state: &mut FeederState,
	now: u64,
) -> Result<Pass> {
	let wanted = chain.wanted_rounds().await.context("reading the wanted rounds")?;
	// Forget rounds the chain no longer wants (stored, or lapsed).
	state.submitted_at.retain(|round, _| wanted.contains(round));
	let mut done = Pass::default();
	for round in wanted {
		if beacon.round_time(round) > now {
			done.not_due.push(round);
			continue;
		}
		if state.submitted_at.get(&round).is_some_and(|at| at.elapsed() < RESUBMIT_AFTER) {
			continue;
		}
		let Some(signature) = fetch_valid(sources, public_key, round).await else {
			done.missing.push(round);
			continue;
		};
		// One round's failure does not hold up the others: it is tried again next poll.
		match chain.submit_pulse(round, &signature).await {
			Ok(PulseOutcome::Submitted) => {
				info!(round, "pulse submitted");
				state.submitted_at.insert(round, Instant::now());
				done.submitted.push(round);
			},
			Ok(PulseOutcome::Stale) => debug!(round, "pulse no longer wanted"),
			Ok(PulseOutcome::Refused(reason)) => {
				warn!(round, %reason, "the chain refused a pulse that verified here");
				done.failed.push(round);
			},
			Err(error) => {
				warn!(round, error = %format!("{error:#}"), "submitting a pulse failed");
				done.failed.push(round);
			},
		}
	}
	Ok(done)
}

/// The first relay's signature of `round` that verifies under the chain's key.
async fn fetch_valid<S: PulseSource>(
	sources: &S,
	public_key: &usdai_timelock::PublicKey,
	round: Round,
) -> Option<PulseSignature> {
	for index in 0..sources.len() {
		match sources.pulse(index, round).await {
			Ok(Some(signature)) => {
				let valid = usdai_timelock::decode_signature(&signature)
					.and_then(|s| usdai_timelock::verify(public_key, round, &s))
					.is_ok();
				if valid {
					return Some(signature);
				}
				warn!(round, source = %sources.name(index), "bad signature from drand relay");
			},
			Ok(None) => debug!(round, source = %sources.name(index), "round not served yet"),
			Err(error) => warn!(
				round,
				source = %sources.name(index),
				error = %format!("{error:#}"),
				"drand relay failed"
			),
		}
	}
	None
}

/// The feeder's command line.
#[derive(Debug, clap::Parser)]
#[command(
	name = "usdai-beacon-feeder",
	version,
	about = "Feeds drand's pulses to a USD.AI chain: the rounds its sealed QEV bids wait for"
)]
pub struct FeederCli {
	/// WebSocket URL of a USD.AI chain node (`ws://` or `wss://`).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	pub chain_url: String,
	/// A drand HTTP relay, without the chain hash (repeat for several, tried in order). Default:
	/// drand's public relays.
	#[arg(long = "drand-url")]
	pub drand_urls: Vec<String>,
	/// The drand chain hash (hex): quicknet's by default.
	#[arg(long, default_value = QUICKNET_CHAIN_HASH)]
	pub chain_hash: String,
	/// Milliseconds between polls of the chain (a drand round is 3 s).
	#[arg(long, default_value_t = 1000)]
	pub poll_ms: u64,
	/// Seconds an HTTP request to drand may take.
	#[arg(long, default_value_t = 10)]
	pub http_timeout: u64,
	/// Log format.
	#[arg(long, value_enum, default_value_t = crate::config::LogFormat::Text)]
	pub log_format: crate::config::LogFormat,
}

/// After this many failed passes in a row the feeder reconnects to the node.
const RECONNECT_AFTER: u32 = 3;
/// After this many failed passes in a row it exits, for its supervisor to restart it.
const MAX_FAILED: u32 = 300;

/// The feeder's main: connects, checks drand against the chain's beacon, and feeds it until
/// Ctrl-C or SIGTERM.
pub async fn run(cli: FeederCli) -> Result<()> {
	use crate::chain::SubxtBeacon;
	crate::runner::init_logging(cli.log_format)?;
	let urls = if cli.drand_urls.is_empty() {
		DEFAULT_DRAND_URLS.iter().map(|u| (*u).to_owned()).collect()
	} else {
		cli.drand_urls.clone()
	};
	let sources = DrandHttp::new(urls, &cli.chain_hash, Duration::from_secs(cli.http_timeout))?;
	let mut chain = SubxtBeacon::connect(&cli.chain_url).await?;
	let beacon = chain
		.beacon()
		.await?
		.ok_or_else(|| anyhow!("the chain follows no beacon (its genesis set none)"))?;
	let public_key = usdai_timelock::decode_public_key(&beacon.public_key)
		.map_err(|_| anyhow!("the chain's beacon key is not a valid public key"))?;
	check_sources(&sources, &beacon).await?;
	info!(
		chain = %cli.chain_url,
		drand = ?sources.urls,
		chain_hash = %sources.chain_hash,
		public_key = %hex(&beacon.public_key),
		"usdai-beacon-feeder starting"
	);

	let poll = Duration::from_millis(cli.poll_ms.max(100));
	let shutdown = crate::runner::shutdown_signal();
	tokio::pin!(shutdown);
	let mut state = FeederState::default();
	let mut failed: u32 = 0;
	loop {
		let now = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map(|d| d.as_secs())
			.unwrap_or_default();
		tokio::select! {
			_ = &mut shutdown => break,
			result = pass(&chain, &sources, &beacon, &public_key, &mut state, now) => {
				// A pass that failed, or whose every submission failed, counts as failed: the node
				// is likely gone.
				let healthy = match result {
					Ok(done) => {
						if !done.missing.is_empty() {
							debug!(missing = ?done.missing, "due rounds no relay had yet");
						}
						done.failed.is_empty() || !done.submitted.is_empty()
					},
					Err(error) => {
						warn!(error = %format!("{error:#}"), "pass failed");
						false
					},
				};
				if healthy {
					failed = 0;
				} else {
					failed = failed.saturating_add(1);
					if failed >= MAX_FAILED {
						bail!("{failed} passes in a row failed; exiting for a restart");
					}
					if failed.checked_rem(RECONNECT_AFTER) == Some(0) {
						match SubxtBeacon::connect(&cli.chain_url).await {
							Ok(fresh) => {
								info!(chain = %cli.chain_url, "reconnected to the chain node");
								chain = fresh;
							},
							Err(error) => warn!(error = %format!("{error:#}"), "reconnecting failed"),
						}
					}
				}
			},
		}
		tokio::select! {
			_ = &mut shutdown => break,
			_ = tokio::time::sleep(poll) => {},
		}
	}
	info!("shutting down");
	Ok(())
}

/// drand's v1 HTTP API at one or more relays, for one chain hash.
pub struct DrandHttp {
	client: reqwest::Client,
	urls: Vec<String>,
	chain_hash: String,
}

/// `/info`'s JSON (the fields read).
#[derive(Deserialize)]
struct InfoJson {
	public_key: String,
	period: u64,
	genesis_time: u64,
}

/// `/public/{round}`'s JSON (the fields read).
#[derive(Deserialize)]
struct PulseJson {
	round: Round,
	signature: String,
}

impl DrandHttp {
	/// Relays at `urls` (each without the chain hash), for the chain `chain_hash` (hex).
	pub fn new(urls: Vec<String>, chain_hash: &str, timeout: Duration) -> Result<Self> {
		if urls.is_empty() {
			bail!("no drand URL given");
		}
		let chain_hash = chain_hash.trim().to_ascii_lowercase();
		if chain_hash.len() != 64 || !chain_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
			bail!("the drand chain hash is not 32 bytes of hex: {chain_hash}");
		}
		let client = reqwest::Client::builder()
			.timeout(timeout)
			.build()
			.context("building the HTTP client")?;
		let urls = urls.into_iter().map(|u| u.trim_end_matches('/').to_owned()).collect();
		Ok(Self { client, urls, chain_hash })
	}

	fn url(&self, index: usize) -> Result<&str> {
		self.urls.get(index).map(String::as_str).ok_or_else(|| anyhow!("no drand relay {index}"))
	}

	/// GETs `path` under relay `index`'s chain: the body, or `None` on 404 or 425 (drand's
	/// answers for a round it does not have yet).
	async fn get(&self, index: usize, path: &str) -> Result<Option<String>> {
		let url = format!("{}/{}/{path}", self.url(index)?, self.chain_hash);
		let response = self.client.get(&url).send().await.with_context(|| format!("GET {url}"))?;
		let status = response.status();
		if status.as_u16() == 404 || status.as_u16() == 425 {
			return Ok(None);
		}
		if !status.is_success() {
			bail!("GET {url}: {status}");
		}
		let body = response.text().await.with_context(|| format!("reading {url}"))?;
		Ok(Some(body))
	}
}

impl PulseSource for DrandHttp {
	fn len(&self) -> usize {
		self.urls.len()
	}

	fn name(&self, index: usize) -> String {
		self.urls.get(index).cloned().unwrap_or_default()
	}

	async fn info(&self, index: usize) -> Result<SourceInfo> {
		let body = self.get(index, "info").await?.ok_or_else(|| {
			anyhow!("{} does not serve the chain {}", self.name(index), self.chain_hash)
		})?;
		parse_info(&body)
	}

	async fn pulse(&self, index: usize, round: Round) -> Result<Option<PulseSignature>> {
		match self.get(index, &format!("public/{round}")).await? {
			Some(body) => parse_pulse(&body, round).map(Some),
			None => Ok(None),
		}
	}
}

/// `/info`'s JSON → the key and schedule.
pub fn parse_info(body: &str) -> Result<SourceInfo> {
	let info: InfoJson = serde_json::from_str(body).context("drand /info is not its JSON")?;
	Ok(SourceInfo {
		public_key: unhex(&info.public_key).context("drand /info's public_key")?,
		genesis_time: info.genesis_time,
		period: info.period,
	})
}

/// `/public/{round}`'s JSON → the signature, if it is the round asked for.
pub fn parse_pulse(body: &str, round: Round) -> Result<PulseSignature> {
	let pulse: PulseJson = serde_json::from_str(body).context("drand's pulse is not its JSON")?;
	if pulse.round != round {
		bail!("asked for round {round}, drand answered round {}", pulse.round);
	}
	unhex(&pulse.signature).context("drand's pulse signature")
}

fn unhex<const N: usize>(text: &str) -> Result<[u8; N]> {
	let text = text.trim().trim_start_matches("0x");
	if text.len() != N.saturating_mul(2) {
		bail!("expected {N} bytes of hex, got {} characters", text.len());
	}
	let mut out = [0u8; N];
	for (byte, pair) in out.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
		let pair = std::str::from_utf8(pair).map_err(|_| anyhow!("not hex"))?;
		*byte = u8::from_str_radix(pair, 16).map_err(|_| anyhow!("not hex: {pair}"))?;
	}
	Ok(out)
}

/// Lower-case hex, for messages.
pub fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::testing::block_on;
	use std::cell::RefCell;

	/// The development beacon (the secret is public: `usdai_timelock::dev`).
	fn dev_beacon() -> BeaconInfo {
		BeaconInfo {
			public_key: usdai_timelock::dev::PUBLIC_KEY,
			genesis_time: usdai_timelock::quicknet::GENESIS_TIME,
			period: usdai_timelock::quicknet::PERIOD,
		}
	}

	fn dev_sign(round: Round) -> PulseSignature {
		sign_with(&usdai_timelock::dev::SECRET_KEY, round)
	}

	fn sign_with(secret: &[u8; 32], round: Round) -> PulseSignature {
		let secret = usdai_timelock::SecretKey::from_be_bytes(secret);
		usdai_timelock::sign(&secret, round).unwrap().to_bytes()
	}

	/// Another beacon's secret key.
	const OTHER_SECRET: [u8; 32] = [7; 32];

	fn other_public_key() -> PublicKey {
		usdai_timelock::public_key_of(&usdai_timelock::SecretKey::from_be_bytes(&OTHER_SECRET))
			.to_bytes()
	}

	#[derive(Default)]
	struct FakeChain {
		wanted: RefCell<Vec<Round>>,
		submitted: RefCell<Vec<(Round, PulseSignature)>>,
		/// The answer to the next submissions (`Submitted` when `None`); `Err` when `fail`.
		answer: RefCell<Option<PulseOutcome>>,
		fail: RefCell<bool>,
	}

	impl BeaconChain for FakeChain {
		async fn beacon(&self) -> Result<Option<BeaconInfo>> {
			Ok(Some(dev_beacon()))
		}
		async fn wanted_rounds(&self) -> Result<Vec<Round>> {
			Ok(self.wanted.borrow().clone())
		}
		async fn submit_pulse(
			&self,
			round: Round,
			signature: &PulseSignature,
		) -> Result<PulseOutcome> {
			self.submitted.borrow_mut().push((round, *signature));
			if *self.fail.borrow() {
				bail!("the connection dropped");
			}
			Ok(self.answer.borrow().clone().unwrap_or(PulseOutcome::Submitted))
		}
	}

	/// How a fake relay behaves.
	#[derive(Clone, Copy, PartialEq)]
	enum Relay {
		Honest,
		Down,
		Lying,
		Behind,
		OtherKey,
	}

	struct FakeSources(Vec<Relay>, RefCell<Vec<(usize, Round)>>);

	impl PulseSource for FakeSources {
		fn len(&self) -> usize {
			self.0.len()
		}
		fn name(&self, index: usize) -> String {
			format!("relay{index}")
		}
		async fn info(&self, index: usize) -> Result<SourceInfo> {
			let beacon = dev_beacon();
			match self.0[index] {
				Relay::Down => bail!("connection refused"),
				Relay::OtherKey => Ok(SourceInfo {
					public_key: other_public_key(),
					genesis_time: beacon.genesis_time,
					period: beacon.period,
				}),
				_ => Ok(SourceInfo {
					public_key: beacon.public_key,
					genesis_time: beacon.genesis_time,
					period: beacon.period,
				}),
			}
		}
		async fn pulse(&self, index: usize, round: Round) -> Result<Option<PulseSignature>> {
			self.1.borrow_mut().push((index, round));
			match self.0[index] {
				Relay::Honest => Ok(Some(dev_sign(round))),
				Relay::OtherKey => Ok(Some(sign_with(&OTHER_SECRET, round))),
				Relay::Down => bail!("connection refused"),
				Relay::Lying => Ok(Some(dev_sign(round + 1))),
				Relay::Behind => Ok(None),
			}
		}
	}

	fn sources(relays: &[Relay]) -> FakeSources {
		FakeSources(relays.to_vec(), RefCell::new(Vec::new()))
	}

	fn run(chain: &FakeChain, sources: &FakeSources, state: &mut FeederState, now: u64) -> Pass {
		let beacon = dev_beacon();
		let key = usdai_timelock::decode_public_key(&beacon.public_key).unwrap();
		block_on(pass(chain, sources, &beacon, &key, state, now)).unwrap()
	}

	#[test]
	fn submits_each_wanted_round_once_its_time_has_come_and_only_those() {
		let beacon = dev_beacon();
		let chain = FakeChain::default();
		*chain.wanted.borrow_mut() = vec![1000, 1010];
		let relays = sources(&[Relay::Honest]);
		let mut state = FeederState::default();
		// Between the two rounds' times: only the first is due.
		let now = beacon.round_time(1005);
		let done = run(&chain, &relays, &mut state, now);
		assert_eq!(done.submitted, vec![1000]);
		assert_eq!(done.not_due, vec![1010]);
		assert_eq!(chain.submitted.borrow().as_slice(), &[(1000, dev_sign(1000))]);
		// The relay was not even asked for the round that is not due.
		assert!(relays.1.borrow().iter().all(|(_, r)| *r == 1000));

		// The next poll does not send the pulse in the pool again.
		let done = run(&chain, &relays, &mut state, now + 1);
		assert!(done.submitted.is_empty());
		assert_eq!(chain.submitted.borrow().len(), 1);

		// Once stored (no longer wanted) and the second round due, only the second is sent.
		*chain.wanted.borrow_mut() = vec![1010];
		let done = run(&chain, &relays, &mut state, beacon.round_time(1010));
		assert_eq!(done.submitted, vec![1010]);
		assert_eq!(chain.submitted.borrow().len(), 2);
	}

	#[test]
	fn a_lying_or_down_relay_is_skipped_for_the_next() {
		let beacon = dev_beacon();
		for first in [Relay::Lying, Relay::Down, Relay::Behind] {
			let chain = FakeChain::default();
			*chain.wanted.borrow_mut() = vec![2000];
			let relays = sources(&[first, Relay::Honest]);
			let done = run(&chain, &relays, &mut FeederState::default(), beacon.round_time(2000));
			assert_eq!(done.submitted, vec![2000]);
			// Only the valid signature reached the chain.
			assert_eq!(chain.submitted.borrow().as_slice(), &[(2000, dev_sign(2000))]);
		}
	}

	#[test]
	fn nothing_is_submitted_when_no_relay_has_a_valid_signature() {
		let beacon = dev_beacon();
		let chain = FakeChain::default();
		*chain.wanted.borrow_mut() = vec![3000];
		// Lying, down, behind, and a relay of another network (its signatures are valid for
		// its own key, not the chain's): nothing reaches the chain, and the round stays missing.
		let relays = sources(&[Relay::Lying, Relay::Down, Relay::Behind, Relay::OtherKey]);
		let mut state = FeederState::default();
		let done = run(&chain, &relays, &mut state, beacon.round_time(3000));
		assert_eq!(done.missing, vec![3000]);
		assert!(done.submitted.is_empty());
		assert!(chain.submitted.borrow().is_empty());
		// Every relay was asked.
		assert_eq!(relays.1.borrow().len(), 4);
	}

	#[test]
	fn a_refused_stale_or_failed_pulse_is_tried_again_next_poll_and_holds_up_no_other() {
		let beacon = dev_beacon();
		let now = beacon.round_time(4001);
		for answer in
			[Some(PulseOutcome::Refused("BadProof".into())), Some(PulseOutcome::Stale), None]
		{
			let chain = FakeChain::default();
			*chain.wanted.borrow_mut() = vec![4000, 4001];
			let failing = answer.is_none();
			*chain.answer.borrow_mut() = answer.clone();
			*chain.fail.borrow_mut() = failing;
			let relays = sources(&[Relay::Honest]);
			let mut state = FeederState::default();
			let done = run(&chain, &relays, &mut state, now);
			assert!(done.submitted.is_empty(), "{answer:?}");
			// Both rounds were tried: the first one's failure held up nothing.
			let tried: Vec<Round> = chain.submitted.borrow().iter().map(|(r, _)| *r).collect();
			assert_eq!(tried, vec![4000, 4001], "{answer:?}");
			let stale = matches!(answer, Some(PulseOutcome::Stale));
			assert_eq!(done.failed.len(), if stale { 0 } else { 2 }, "{answer:?}");
			// The chain answers again: both go in on the next poll (not waiting 30 s).
			*chain.answer.borrow_mut() = None;
			*chain.fail.borrow_mut() = false;
			assert_eq!(run(&chain, &relays, &mut state, now).submitted, vec![4000, 4001]);
		}
	}

	/// drand's own pulse: quicknet's round 1000 as its relays serve it (the signature is the
	/// vector `usdai-timelock` checks), verified under quicknet's key by the feeder's pass.
	#[test]
	fn a_real_quicknet_pulse_from_drands_json_goes_through() {
		const ROUND_1000: &str = r#"{"round":1000,"randomness":"fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd","signature":"b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39"}"#;
		let signature = parse_pulse(ROUND_1000, 1000).unwrap();
		let quicknet = BeaconInfo {
			public_key: usdai_timelock::quicknet::PUBLIC_KEY,
			genesis_time: usdai_timelock::quicknet::GENESIS_TIME,
			period: usdai_timelock::quicknet::PERIOD,
		};
		let key = usdai_timelock::decode_public_key(&quicknet.public_key).unwrap();
		struct Drand(PulseSignature);
		impl PulseSource for Drand {
			fn len(&self) -> usize {
				1
			}
			fn name(&self, _: usize) -> String {
				"drand".into()
			}
			async fn info(&self, _: usize) -> Result<SourceInfo> {
				bail!("not asked")
			}
			async fn pulse(&self, _: usize, round: Round) -> Result<Option<PulseSignature>> {
				Ok((round == 1000).then_some(self.0))
			}
		}
		let chain = FakeChain::default();
		*chain.wanted.borrow_mut() = vec![1000];
		let now = quicknet.round_time(1000);
		let done = block_on(pass(
			&chain,
			&Drand(signature),
			&quicknet,
			&key,
			&mut FeederState::default(),
			now,
		))
		.unwrap();
		assert_eq!(done.submitted, vec![1000]);
		// The development key does not accept it: a dev chain would get nothing from drand.
		let chain = FakeChain::default();
		*chain.wanted.borrow_mut() = vec![1000];
		let dev_key = usdai_timelock::decode_public_key(&usdai_timelock::dev::PUBLIC_KEY).unwrap();
		let done = block_on(pass(
			&chain,
			&Drand(signature),
			&quicknet,
			&dev_key,
			&mut FeederState::default(),
			now,
		))
		.unwrap();
		assert_eq!(done.missing, vec![1000]);
		assert!(chain.submitted.borrow().is_empty());
	}

	#[test]
	fn sources_of_another_network_are_refused_at_start() {
		let beacon = dev_beacon();
		assert!(block_on(check_sources(&sources(&[Relay::Honest]), &beacon)).is_ok());
		// One down is tolerated while another answers.
		assert!(block_on(check_sources(&sources(&[Relay::Down, Relay::Honest]), &beacon)).is_ok());
		let error = block_on(check_sources(&sources(&[Relay::Honest, Relay::OtherKey]), &beacon))
			.unwrap_err();
		assert!(format!("{error}").contains("public key"), "{error}");
		let error = block_on(check_sources(&sources(&[Relay::Down]), &beacon)).unwrap_err();
		assert!(format!("{error}").contains("no drand relay"), "{error}");
		let mut other_schedule = beacon;
		other_schedule.period = 30;
		let error =
			block_on(check_sources(&sources(&[Relay::Honest]), &other_schedule)).unwrap_err();
		assert!(format!("{error}").contains("schedule"), "{error}");
	}

	/// drand's `/info` for quicknet, and pulses in drand's JSON (good and bad).
	#[test]
	fn parses_drands_json() {
		let info = parse_info(&format!(
			r#"{{"public_key":"{}","period":3,"genesis_time":1692803367,"hash":"{QUICKNET_CHAIN_HASH}","groupHash":"f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e","schemeID":"bls-unchained-g1-rfc9380","metadata":{{"beaconID":"quicknet"}}}}"#,
			hex(&usdai_timelock::quicknet::PUBLIC_KEY)
		))
		.unwrap();
		assert_eq!(info.public_key, usdai_timelock::quicknet::PUBLIC_KEY);
		assert_eq!((info.genesis_time, info.period), (1_692_803_367, 3));
		assert_eq!(QUICKNET_CHAIN_HASH, hex(&usdai_timelock::quicknet::CHAIN_HASH));

		let signature = dev_sign(7);
		let body = format!(r#"{{"round":7,"randomness":"00","signature":"{}"}}"#, hex(&signature));
		assert_eq!(parse_pulse(&body, 7).unwrap(), signature);
		// Another round than asked for, a short signature, not JSON: errors.
		assert!(parse_pulse(&body, 8).is_err());
		assert!(parse_pulse(r#"{"round":7,"signature":"abcd"}"#, 7).is_err());
		assert!(parse_pulse("<html>", 7).is_err());
		assert!(DrandHttp::new(vec!["http://x".into()], "nothex", Duration::from_secs(1)).is_err());
		assert!(DrandHttp::new(vec![], QUICKNET_CHAIN_HASH, Duration::from_secs(1)).is_err());
	}
}

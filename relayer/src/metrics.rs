//! Prometheus metrics and the `/metrics` + `/health` HTTP endpoint.
//!
//! The server is a plain tokio listener answering one HTTP/1.1 `GET` per connection: two fixed
//! routes do not justify a web framework, and nothing outside the relayer's own process reaches
//! it but a scraper and a health check.

use crate::types::TxOutcome;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Label of per-channel metrics.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ChannelLabel {
	/// The channel id.
	pub channel: String,
}

/// Label of per-side metrics (`evm` or `chain`).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SideLabel {
	/// `evm` or `chain`.
	pub side: String,
}

/// Label of per-kind counters.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
	/// What was counted (`deposit`, `withdrawal`, `nav`, `signature`, `halted`, …).
	pub kind: String,
}

/// The relayer's metrics and health state, shared by the duties and the HTTP server.
#[derive(Debug)]
pub struct Metrics {
	registry: Registry,
	last_attested_nonce: Family<ChannelLabel, Gauge>,
	lag_blocks: Family<SideLabel, Gauge>,
	pending_outbound: Gauge,
	errors: Family<KindLabel, Counter>,
	attestations: Family<KindLabel, Counter>,
	/// When each side was last read successfully, and what the relayer last achieved.
	pub health: Health,
}

impl Default for Metrics {
	fn default() -> Self {
		Self::new()
	}
}

fn clamp(value: u64) -> i64 {
	i64::try_from(value).unwrap_or(i64::MAX)
}

impl Metrics {
	/// A fresh registry with every metric registered.
	pub fn new() -> Self {
		let mut registry = Registry::default();
		let last_attested_nonce = Family::<ChannelLabel, Gauge>::default();
		let lag_blocks = Family::<SideLabel, Gauge>::default();
		let pending_outbound = Gauge::default();
		let errors = Family::<KindLabel, Counter>::default();
		let attestations = Family::<KindLabel, Counter>::default();
		registry.register(
			"usdai_relayer_last_attested_nonce",
			"The last inbound nonce this relayer attested (or found attested), per channel",
			last_attested_nonce.clone(),
		);
		registry.register(
			"usdai_relayer_lag_blocks",
			"evm: blocks since the oldest inbound log waiting for attestation was mined (0 when \
			 caught up); chain: best block minus the finalized block outbound signing reads",
			lag_blocks.clone(),
		);
		registry.register(
			"usdai_relayer_pending_outbound",
			"Outbound messages waiting on the chain (finalized)",
			pending_outbound.clone(),
		);
		// Counters get the `_total` suffix from the OpenMetrics encoder.
		registry.register("usdai_relayer_errors", "Errors and back-offs, by kind", errors.clone());
		registry.register(
			"usdai_relayer_attestations",
			"Transactions this relayer got into blocks, by kind",
			attestations.clone(),
		);
		Self {
			registry,
			last_attested_nonce,
			lag_blocks,
			pending_outbound,
			errors,
			attestations,
			health: Health::default(),
		}
	}

	/// Records `nonce` as the last attested on `channel`.
	pub fn set_last_attested_nonce(&self, channel: u32, nonce: u64) {
		self.last_attested_nonce
			.get_or_create(&ChannelLabel { channel: channel.to_string() })
			.set(clamp(nonce));
	}

	/// Records the lag of `side` (`evm` or `chain`) in blocks.
	pub fn set_lag(&self, side: &str, blocks: u64) {
		self.lag_blocks.get_or_create(&SideLabel { side: side.into() }).set(clamp(blocks));
	}

	/// Records the number of waiting outbound messages.
	pub fn set_pending_outbound(&self, count: usize) {
		self.pending_outbound.set(clamp(u64::try_from(count).unwrap_or(u64::MAX)));
	}

	/// Counts an error (or back-off) of `kind`.
	pub fn error(&self, kind: &str) {
		self.errors.get_or_create(&KindLabel { kind: kind.into() }).inc();
	}

	/// Counts a transaction of `kind` that made it into a block.
	pub fn attested(&self, kind: &str) {
		self.attestations.get_or_create(&KindLabel { kind: kind.into() }).inc();
	}

	/// Counts a chain transaction's outcome: an inclusion as an attestation of `kind`, a back-off
	/// (`halted`, `frozen`) or another refusal (`<kind>_rejected`) as an error.
	pub fn record(&self, kind: &str, outcome: &TxOutcome) {
		match outcome {
			TxOutcome::Included => self.attested(kind),
			TxOutcome::AlreadyDone => {},
			TxOutcome::Rejected(reason) => match reason.as_str() {
				"BridgeHalted" => self.error("halted"),
				"ChannelFrozen" => self.error("frozen"),
				_ => self.error(&format!("{kind}_rejected")),
			},
		}
	}

	/// The OpenMetrics text exposition.
	pub fn encode(&self) -> String {
		let mut out = String::new();
		// Writing to a String cannot fail.
		let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
		out
	}
}

/// Unix time in seconds.
pub fn unix_now() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// What `/health` reports: the last blocks read on each side and when, and the last tick that
/// completed without error.
#[derive(Debug, Default)]
pub struct Health {
	chain_block: AtomicU64,
	evm_block: AtomicU64,
	chain_read_at: AtomicU64,
	evm_read_at: AtomicU64,
	progress_at: AtomicU64,
}

impl Health {
	/// The chain's best block `block` was read now.
	pub fn chain_read(&self, block: u64) {
		self.chain_block.store(block, Ordering::Relaxed);
		self.chain_read_at.store(unix_now(), Ordering::Relaxed);
	}

	/// The EVM head `block` was read now.
	pub fn evm_read(&self, block: u64) {
		self.evm_block.store(block, Ordering::Relaxed);
		self.evm_read_at.store(unix_now(), Ordering::Relaxed);
	}

	/// A tick completed without error now.
	pub fn progressed(&self) {
		self.progress_at.store(unix_now(), Ordering::Relaxed);
	}

	/// The `/health` answer at Unix time `now`: healthy when both sides were read within
	/// `max_age`; the JSON body either way.
	pub fn report(&self, now: u64, max_age: Duration) -> (bool, String) {
		let chain_at = self.chain_read_at.load(Ordering::Relaxed);
		let evm_at = self.evm_read_at.load(Ordering::Relaxed);
		let progress_at = self.progress_at.load(Ordering::Relaxed);
		let fresh = |at: u64| at != 0 && now.saturating_sub(at) <= max_age.as_secs();
		let healthy = fresh(chain_at) && fresh(evm_at);
		let last_progress_secs =
			if progress_at == 0 { None } else { Some(now.saturating_sub(progress_at)) };
		let body = serde_json::json!({
			"chain_block": self.chain_block.load(Ordering::Relaxed),
			"evm_block": self.evm_block.load(Ordering::Relaxed),
			"last_progress_secs": last_progress_secs,
		});
		(healthy, body.to_string())
	}
}

/// An HTTP response: status line, content type, body.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
	/// Status code.
	pub status: u16,
	/// `Content-Type`.
	pub content_type: &'static str,
	/// Body.
	pub body: String,
}

/// Answers a request line (`GET /metrics HTTP/1.1`).
pub fn route(request_line: &str, metrics: &Metrics, now: u64, max_age: Duration) -> Response {
	let mut parts = request_line.split_whitespace();
	let method = parts.next().unwrap_or_default();
	// Ignore any query string.
	let path = parts.next().unwrap_or_default().split('?').next().unwrap_or_default();
	match (method, path) {
		("GET", "/metrics") => Response {
			status: 200,
			content_type: "application/openmetrics-text; version=1.0.0; charset=utf-8",
			body: metrics.encode(),
		},
		("GET", "/health") => {
			let (healthy, body) = metrics.health.report(now, max_age);
			Response {
				status: if healthy { 200 } else { 503 },
				content_type: "application/json",
				body,
			}
		},
		("GET", _) => {
			Response { status: 404, content_type: "text/plain", body: "not found\n".into() }
		},
		_ => Response {
			status: 405,
			content_type: "text/plain",
			body: "method not allowed\n".into(),
		},
	}
}

fn reason(status: u16) -> &'static str {
	match status {
		200 => "OK",
		404 => "Not Found",
		405 => "Method Not Allowed",
		503 => "Service Unavailable",
		_ => "",
	}
}

/// Serves `/metrics` and `/health` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, metrics: Arc<Metrics>, max_age: Duration) {
	loop {
		let (socket, _) = match listener.accept().await {
			Ok(accepted) => accepted,
			Err(error) => {
				tracing::warn!(%error, "metrics server: accept failed");
				tokio::time::sleep(Duration::from_millis(100)).await;
				continue;
			},
		};
		let metrics = metrics.clone();
		tokio::spawn(async move {
			if let Err(error) = answer(socket, &metrics, max_age).await {
				tracing::debug!(%error, "metrics server: connection failed");
			}
		});
	}
}

/// Reads one request (its first line is all that matters) and writes the answer.
async fn answer(
	mut socket: TcpStream,
	metrics: &Metrics,
	max_age: Duration,
) -> std::io::Result<()> {
	let mut buffer = [0u8; 2048];
	let read = tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buffer))
		.await
		.map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "request timed out"))??;
	let request = String::from_utf8_lossy(buffer.get(..read).unwrap_or_default());
	let line = request.lines().next().unwrap_or_default();
	let response = route(line, metrics, unix_now(), max_age);
	let head = format!(
		"HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
		response.status,
		reason(response.status),
		response.content_type,
		response.body.len()
	);
	socket.write_all(head.as_bytes()).await?;
	socket.write_all(response.body.as_bytes()).await?;
	socket.shutdown().await
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn metrics_are_exposed_under_their_names() {
		let metrics = Metrics::new();
		metrics.set_last_attested_nonce(1, 42);
		metrics.set_lag("evm", 3);
		metrics.set_pending_outbound(2);
		metrics.error("halted");
		metrics.attested("deposit");
		let text = metrics.encode();
		assert!(text.contains("usdai_relayer_last_attested_nonce{channel=\"1\"} 42"), "{text}");
		assert!(text.contains("usdai_relayer_lag_blocks{side=\"evm\"} 3"), "{text}");
		assert!(text.contains("usdai_relayer_pending_outbound 2"), "{text}");
		assert!(text.contains("usdai_relayer_errors_total{kind=\"halted\"} 1"), "{text}");
		assert!(text.contains("usdai_relayer_attestations_total{kind=\"deposit\"} 1"), "{text}");
	}

	#[test]
	fn health_needs_both_sides_read_recently() {
		let metrics = Metrics::new();
		let max_age = Duration::from_secs(60);
		let now = unix_now();
		let unhealthy = route("GET /health HTTP/1.1", &metrics, now, max_age);
		assert_eq!(unhealthy.status, 503);
		metrics.health.chain_read(10);
		assert_eq!(route("GET /health HTTP/1.1", &metrics, now, max_age).status, 503);
		metrics.health.evm_read(20);
		metrics.health.progressed();
		let healthy = route("GET /health HTTP/1.1", &metrics, now, max_age);
		assert_eq!(healthy.status, 200);
		let body: serde_json::Value = serde_json::from_str(&healthy.body).unwrap();
		assert_eq!(body["chain_block"], 10);
		assert_eq!(body["evm_block"], 20);
		assert!(body["last_progress_secs"].as_u64().unwrap() <= 1);
		// Two minutes later nothing was read again.
		assert_eq!(route("GET /health HTTP/1.1", &metrics, now + 120, max_age).status, 503);
	}

	#[test]
	fn routes() {
		let metrics = Metrics::new();
		let max_age = Duration::from_secs(60);
		assert_eq!(route("GET /metrics HTTP/1.1", &metrics, 0, max_age).status, 200);
		assert_eq!(route("GET /metrics?x=1 HTTP/1.1", &metrics, 0, max_age).status, 200);
		assert_eq!(route("GET /nope HTTP/1.1", &metrics, 0, max_age).status, 404);
		assert_eq!(route("POST /metrics HTTP/1.1", &metrics, 0, max_age).status, 405);
		assert_eq!(route("", &metrics, 0, max_age).status, 405);
	}
}

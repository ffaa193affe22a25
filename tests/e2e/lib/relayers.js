// Real usdai-relayer processes for the end-to-end tests and the dev tooling: one configuration
// file each (relayer/relayer.example.toml's keys), keys through the environment
// (USDAI_RELAYER_CHAIN_KEY, USDAI_RELAYER_EVM_KEY), logs to a file each, and their /metrics and
// /health read over HTTP. A relayer can be stopped and started again; its log file keeps growing
// across restarts.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './node.js';
import { tailOf } from './evm.js';

/** The relayer binary: $USDAI_RELAYER, else `release/usdai-relayer` under $CARGO_TARGET_DIR (default ~/.cache/usdai-target). */
export function relayerBinary() {
  if (process.env.USDAI_RELAYER) return process.env.USDAI_RELAYER;
  const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/usdai-target');
  return join(targetDir, 'release', 'usdai-relayer');
}

/** Fails with a hint when the relayer binary is missing. */
export function checkRelayerBinary() {
  const bin = relayerBinary();
  if (!existsSync(bin)) {
    throw new Error(`usdai-relayer not found at ${bin}: run \`cargo build --locked --release -p usdai-relayer\` or set USDAI_RELAYER`);
  }
  return bin;
}

/** Settings for tests: a fast EVM chain (anvil, 1-second blocks) and a 3-second chain. */
export const TEST_SETTINGS = {
  confirmations: 2,
  pollInterval: 1,
  navInterval: 2,
  navBlockStep: 10,
  grace: 6,
  healthMaxAge: 30,
  txTimeout: 60,
  maxLogRange: 5_000,
  navAssets: [1, 2],
};

/** A TOML string (JSON's escaping is valid TOML for the plain strings used here). */
const str = (s) => JSON.stringify(String(s));

/** The configuration file of one relayer. */
export function relayerConfig({
  chainUrl, evmUrl, deployment, channel, metricsPort, confirmations, pollInterval, navInterval, navBlockStep,
  grace, healthMaxAge, txTimeout, maxLogRange, navAssets,
}) {
  const lines = [
    '# Written by tests/e2e/lib/relayers.js. Keys come from USDAI_RELAYER_CHAIN_KEY / USDAI_RELAYER_EVM_KEY.',
    `chain_url = ${str(chainUrl)}`,
    `evm_url = ${str(evmUrl)}`,
    `deployment = ${str(deployment)}`,
    `channel = ${channel}`,
    `confirmations = ${confirmations}`,
    `poll_interval = ${pollInterval}`,
    `nav_interval = ${navInterval}`,
    `nav_block_step = ${navBlockStep}`,
    `grace = ${grace}`,
    `metrics_listen = ${str(`127.0.0.1:${metricsPort}`)}`,
    `health_max_age = ${healthMaxAge}`,
    `tx_timeout = ${txTimeout}`,
    `max_log_range = ${maxLogRange}`,
  ];
  if (navAssets?.length) {
    lines.push(`nav_assets = [${navAssets.map((asset) => `{ asset = ${asset}, decimals = 6 }`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parses the OpenMetrics text of /metrics into `{ 'name{label="v"}': number }` (labels as the
 * relayer prints them; a metric without labels under its bare name).
 */
export function parseMetrics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m) out[`${m[1]}${m[2] ?? ''}`] = Number(m[3]);
  }
  return out;
}

/** The value of metric `name` with `labels` (an object) in parsed `metrics`, 0 when absent. */
export function metric(metrics, name, labels = {}) {
  const wanted = Object.entries(labels);
  for (const [key, value] of Object.entries(metrics)) {
    const m = /^([^{]+)(?:\{(.*)\})?$/.exec(key);
    if (m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (wanted.every(([k, v]) => have[k] === String(v)) && Object.keys(have).length === wanted.length) return value;
  }
  return 0;
}

/** `usdai_relayer_errors_total` by kind, as `{ kind: count }` (only kinds that occurred). */
export function errorCounts(metrics) {
  const out = {};
  for (const [key, value] of Object.entries(metrics)) {
    const m = /^usdai_relayer_errors_total\{kind="([^"]*)"\}$/.exec(key);
    if (m && value > 0) out[m[1]] = value;
  }
  return out;
}

/** One relayer process: `start()`, `stop()`, `restart()`, `metrics()`, `health()`, `tail()`. */
export class Relayer {
  constructor({ name, chainKey, evmKey, evmAddress, configFile, logFile, metricsPort, binary, env = {} }) {
    Object.assign(this, { name, chainKey, evmKey, evmAddress, configFile, logFile, metricsPort, binary, env });
    this.proc = null;
    this.exited = null;
    this.starts = 0;
  }

  /** Whether the process is running. */
  get running() {
    return this.proc !== null && this.exited === null;
  }

  /** Where /metrics and /health are served. */
  get metricsUrl() {
    return `http://127.0.0.1:${this.metricsPort}`;
  }

  /**
   * Starts the process and resolves once its /health answers (it serves it once both nodes are
   * connected). Rejects, with the log's tail, if it exits first or takes longer than `timeoutMs`.
   */
  async start({ timeoutMs = 60_000 } = {}) {
    if (this.running) return;
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.starts += 1;
    log.write(`\n===== ${new Date().toISOString()} start #${this.starts} of ${this.name} =====\n`);
    this.exited = null;
    const proc = spawn(this.binary, ['--config', this.configFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        RUST_LOG: process.env.USDAI_RELAYER_LOG ?? 'info,usdai_relayer=debug',
        ...this.env,
        USDAI_RELAYER_CHAIN_KEY: this.chainKey,
        USDAI_RELAYER_EVM_KEY: this.evmKey,
      },
    });
    this.proc = proc;
    proc.stdout.pipe(log, { end: false });
    proc.stderr.pipe(log, { end: false });
    proc.on('exit', (code, signal) => {
      if (this.proc === proc) this.exited = { code, signal };
    });
    // After its output is drained.
    proc.on('close', (code, signal) => {
      log.end(`===== ${new Date().toISOString()} ${this.name} exited (${code ?? signal}) =====\n`);
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) throw new Error(`relayer ${this.name} exited early (${JSON.stringify(this.exited)}):\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`relayer ${this.name} did not serve /health within ${timeoutMs} ms:\n${this.tail()}`);
      if (await this.health().catch(() => null)) return;
      await sleep(250);
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and resolves once it exited. */
  async stop() {
    const proc = this.proc;
    if (!proc || this.exited) return;
    const done = new Promise((ok) => proc.on('exit', ok));
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
  }

  /** Stops and starts it again. */
  async restart() {
    await this.stop();
    await this.start();
  }

  /** Its /metrics, parsed (see `parseMetrics`). */
  async metrics() {
    const res = await fetch(`${this.metricsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`${this.name} /metrics answered ${res.status}`);
    return parseMetrics(await res.text());
  }

  /** Its /health: `{ status, ok, body }` (body: `{ chain_block, evm_block, last_progress_secs }`). */
  async health() {
    const res = await fetch(`${this.metricsUrl}/health`, { signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, ok: res.status === 200, body };
  }

  /** The last `lines` lines of its log. */
  tail(lines = 40) {
    return tailOf(this.logFile, lines);
  }
}

/**
 * Writes a configuration file for each of `keys` (`[{ name, chainKey, evmKey, evmAddress }]`)
 * under `dir` and starts the relayers, all at once. `settings` overrides `TEST_SETTINGS`;
 * `metricsPorts` fixes the /metrics ports (default: free ones). Resolves with
 * `{ relayers, stop(), tails() }` once every one serves /health.
 */
export async function startRelayers({
  chainUrl, evmUrl, deploymentFile, channel, keys, dir, settings = {}, metricsPorts, start = true,
}) {
  const binary = checkRelayerBinary();
  mkdirSync(dir, { recursive: true });
  const merged = { ...TEST_SETTINGS, ...settings };
  const relayers = [];
  for (const [i, key] of keys.entries()) {
    const metricsPort = metricsPorts?.[i] ?? await freePort();
    const configFile = join(dir, `relayer-${key.name}.toml`);
    writeFileSync(configFile, relayerConfig({
      ...merged, chainUrl, evmUrl, deployment: deploymentFile, channel, metricsPort,
    }));
    relayers.push(new Relayer({
      ...key, configFile, logFile: join(dir, `relayer-${key.name}.log`), metricsPort, binary,
    }));
  }
  const set = {
    relayers,
    async stop() {
      await Promise.all(relayers.map((r) => r.stop()));
    },
    tails(lines = 40) {
      return relayers.map((r) => `----- ${r.name} (${r.logFile}) -----\n${r.tail(lines)}`).join('\n');
    },
  };
  if (start) {
    try {
      await Promise.all(relayers.map((r) => r.start()));
    } catch (e) {
      await set.stop();
      throw e;
    }
  }
  return set;
}

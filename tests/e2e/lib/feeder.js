// usdai-beacon-feeder as the tests run it: the daemon that fetches the pulses a chain waits for
// (`beaconApi.wantedRounds()`) from drand's HTTP API and submits them (`beacon.submitPulse`).
// One process per `startFeeder`, with JSON logs (`--log-format json`, tracing's
// `{ timestamp, level, fields: { message, ... }, target }` a line) kept in memory for
// assertions and appended to a file for whoever reads a failure.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { sleep, withTimeout } from './node.js';

/**
 * The feeder binary: $USDAI_BEACON_FEEDER, else next to $USDAI_RELAYER (both are built from the
 * relayer crate), else `release/usdai-beacon-feeder` under $CARGO_TARGET_DIR (default
 * ~/.cache/usdai-target).
 */
export function feederBinary() {
  if (process.env.USDAI_BEACON_FEEDER) return process.env.USDAI_BEACON_FEEDER;
  if (process.env.USDAI_RELAYER) return join(dirname(process.env.USDAI_RELAYER), 'usdai-beacon-feeder');
  const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/usdai-target');
  return join(targetDir, 'release', 'usdai-beacon-feeder');
}

/** Why the feeder cannot run here (its binary is missing), or false: a `skip` option for node:test. */
export function feederMissing() {
  const bin = feederBinary();
  if (existsSync(bin)) return false;
  return `usdai-beacon-feeder not found at ${bin}: run \`cargo build --locked --release -p usdai-relayer\` or set USDAI_BEACON_FEEDER`;
}

/** A line of the feeder's output: its JSON log entry, or `{ raw }` for anything else (an error printed at exit). */
function parseLine(line) {
  if (line.startsWith('{')) {
    try {
      return JSON.parse(line);
    } catch {
      // Not a log entry after all.
    }
  }
  return { raw: line };
}

/** One feeder process: see `startFeeder`. */
export class Feeder {
  constructor({ binary, args, logFile, env }) {
    Object.assign(this, { binary, args, logFile });
    this.output = '';
    this.exited = null;
    this.startedAt = Date.now();
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n===== ${new Date().toISOString()} ${binary} ${args.join(' ')} =====\n`);
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc = proc;
    for (const stream of [proc.stdout, proc.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        this.output += chunk;
        log.write(chunk);
      });
    }
    // A binary that cannot be spawned closes too (code -2): say why in its output.
    proc.on('error', (e) => {
      this.output += `spawning ${binary}: ${e.message}\n`;
    });
    this.done = new Promise((ok) => {
      // After its output is drained: an exit's last words are in `output` by then.
      proc.on('close', (code, signal) => {
        this.exited = { code, signal };
        log.end(`===== ${new Date().toISOString()} exited (${code ?? signal}) =====\n`);
        ok(this.exited);
      });
    });
  }

  /** Its output so far, a parsed entry a line (see `parseLine`). */
  entries() {
    return this.output.split('\n').filter(Boolean).map(parseLine);
  }

  /**
   * The log entries whose message contains `text` and whose fields satisfy `where(fields)`
   * (`fields.round` is a number, as tracing writes a u64). Lines that are not JSON match on
   * their text alone, with no fields.
   */
  logged(text, where = () => true) {
    return this.entries().filter((e) =>
      e.raw !== undefined ? e.raw.includes(text) && where({}) : String(e.fields?.message ?? '').includes(text) && where(e.fields),
    );
  }

  /** Resolves with the first such entry once it is logged; rejects after `timeoutMs` or if the process exits first. */
  async waitLogged(text, where = () => true, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [hit] = this.logged(text, where);
      if (hit) return hit;
      if (this.exited) throw new Error(`the feeder exited (${JSON.stringify(this.exited)}) without logging "${text}":\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`the feeder did not log "${text}" within ${timeoutMs} ms:\n${this.tail()}`);
      await sleep(200);
    }
  }

  /** Resolves with `{ code, signal }` once the process exits by itself; rejects after `timeoutMs`. */
  waitExit(timeoutMs) {
    return withTimeout(this.done, timeoutMs, 'the feeder exiting');
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and resolves with how it exited. */
  async stop() {
    if (!this.exited) {
      this.proc.kill('SIGTERM');
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
      await this.done;
      clearTimeout(t);
    }
    return this.exited;
  }

  /** The last `lines` lines of its output. */
  tail(lines = 40) {
    return this.output.split('\n').slice(-lines - 1).join('\n');
  }
}

/**
 * Starts `usdai-beacon-feeder` against the node at `chainUrl` and the drand relays `drandUrls`
 * (tried in order) for `chainHash`, polling every `pollMs`, with JSON logs at `info`
 * ($USDAI_BEACON_FEEDER_LOG overrides the filter) appended to `logFile`. Returns the `Feeder` at
 * once: it may refuse to run (`waitExit`) or feed the chain (`waitLogged`); `stop()` ends it.
 */
export function startFeeder({ chainUrl, drandUrls, chainHash, pollMs = 500, logFile, binary = feederBinary() }) {
  const args = ['--chain-url', chainUrl, ...drandUrls.flatMap((url) => ['--drand-url', url])];
  if (chainHash) args.push('--chain-hash', chainHash);
  args.push('--poll-ms', String(pollMs), '--log-format', 'json');
  return new Feeder({ binary, args, logFile, env: { RUST_LOG: process.env.USDAI_BEACON_FEEDER_LOG ?? 'info' } });
}

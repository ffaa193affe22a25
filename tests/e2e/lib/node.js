// Starts a real usdai-node for a test and connects @polkadot/api to it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');

/** The node binary: $USDAI_NODE, else the release build in $CARGO_TARGET_DIR or ./target. */
export function nodeBinary() {
  if (process.env.USDAI_NODE) return process.env.USDAI_NODE;
  const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/usdai-target');
  for (const dir of [targetDir, join(repoRoot, 'target')]) {
    const bin = join(dir, 'release', 'usdai-node');
    if (existsSync(bin)) return bin;
  }
  throw new Error('usdai-node not built: run `cargo build --release -p usdai-node` or set USDAI_NODE');
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts `usdai-node <args>` with its own ports and a temporary base path, and resolves once
 * its RPC answers. `stop()` kills it. Logs go to a file whose path is in `logFile`; the
 * database stays in `basePath`.
 */
export async function startNode(args, { timeoutMs = 120_000 } = {}) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'usdai-e2e-'));
  const logFile = join(dir, 'node.log');
  const log = createWriteStream(logFile);
  const proc = spawn(nodeBinary(), [
    ...args,
    '--base-path', join(dir, 'data'),
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = { code, signal }; });

  const wsUrl = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + timeoutMs;
  let api;
  while (!api) {
    if (exited) throw new Error(`usdai-node exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`usdai-node RPC did not come up within ${timeoutMs} ms:\n${tail(logFile)}`);
    }
    api = await tryConnect(wsUrl);
    if (!api) await sleep(500);
  }

  const stop = async () => {
    await api.disconnect().catch(() => {});
    if (!exited) {
      proc.kill('SIGINT');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await new Promise((ok) => (exited ? ok() : proc.on('exit', ok)));
      clearTimeout(t);
    }
  };
  return { api, proc, wsUrl, logFile, basePath: join(dir, 'data'), stop };
}

/** Connects once the node answers a plain JSON-RPC request over HTTP on the same port. */
async function tryConnect(url) {
  try {
    const res = await fetch(url.replace(/^ws/, 'http'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    if (!res.ok) return null;
  } catch {
    return null;
  }
  const provider = new WsProvider(url);
  return withTimeout(ApiPromise.create({ provider, noInitWarn: true }), 30_000, 'API connection');
}

export function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

export function withTimeout(promise, ms, what = 'operation') {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, fail) => { t = setTimeout(() => fail(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]);
}

/** Resolves with the finalized block number once it reaches `n`. */
export function waitForFinalized(api, n, timeoutMs = 120_000) {
  return withTimeout(new Promise((ok) => {
    let unsub;
    api.rpc.chain.subscribeFinalizedHeads((h) => {
      if (h.number.toNumber() >= n) {
        if (unsub) unsub();
        ok(h.number.toNumber());
      }
    }).then((u) => { unsub = u; });
  }), timeoutMs, `finalized block #${n}`);
}

/** Signs and sends `tx`, resolving with its events once finalized; rejects on dispatch error. */
export function sendAndFinalize(api, tx, signer, timeoutMs = 120_000) {
  return withTimeout(new Promise((ok, fail) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        let msg = dispatchError.toString();
        if (dispatchError.isModule) {
          const d = api.registry.findMetaError(dispatchError.asModule);
          msg = `${d.section}.${d.name}`;
        }
        fail(new Error(`dispatch failed: ${msg}`));
      } else if (status.isFinalized) {
        ok({ events, blockHash: status.asFinalized });
      }
    }).catch(fail);
  }), timeoutMs, 'transaction finalization');
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

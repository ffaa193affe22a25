// Starts a real usdai-node for a test and connects @polkadot/api to it; sends transactions
// (`send`, `sendAndFinalize`).
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
 *
 * `rpcPort`, `p2pPort` and `dir` (where `data/` and `node.log` go) fix what is otherwise chosen
 * fresh. The node keeps them across `down()` (SIGINT, wait for the exit) and `up()` (the same
 * binary, arguments, base path and ports again; resolves with a fresh `api`, also in `node.api`):
 * with an explicit `--base-path` even a `--dev` chain keeps its state. `restart({ whileDown })`
 * is `down()`, `await whileDown()`, `up()`. The log file keeps growing across restarts.
 */
export async function startNode(args, { timeoutMs = 120_000, rpcPort, p2pPort, dir } = {}) {
  rpcPort ??= await freePort();
  p2pPort ??= await freePort();
  dir ??= mkdtempSync(join(tmpdir(), 'usdai-e2e-'));
  const logFile = join(dir, 'node.log');
  const basePath = join(dir, 'data');
  const wsUrl = `ws://127.0.0.1:${rpcPort}`;
  const argv = [
    ...args,
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
  ];
  const node = { api: null, proc: null, wsUrl, logFile, basePath, rpcPort, p2pPort, dir, starts: 0, exited: null };

  /** Spawns the process and resolves with a connected api once its RPC answers. */
  const spawnNode = async () => {
    const log = createWriteStream(logFile, { flags: 'a' });
    node.starts += 1;
    if (node.starts > 1) log.write(`\n===== ${new Date().toISOString()} start #${node.starts} (same base path and ports) =====\n`);
    const proc = spawn(nodeBinary(), argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.pipe(log, { end: false });
    proc.stderr.pipe(log, { end: false });
    proc.on('close', () => log.end());
    node.proc = proc;
    node.exited = null;
    proc.on('exit', (code, signal) => { if (node.proc === proc) node.exited = { code, signal }; });

    const deadline = Date.now() + timeoutMs;
    let api;
    while (!api) {
      if (node.exited) throw new Error(`usdai-node exited early (${JSON.stringify(node.exited)}):\n${tail(logFile)}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`usdai-node RPC did not come up within ${timeoutMs} ms:\n${tail(logFile)}`);
      }
      api = await tryConnect(wsUrl);
      if (!api) await sleep(500);
    }
    node.api = api;
    return api;
  };

  /** Disconnects the api, stops the process (SIGINT, SIGKILL after 10 s) and resolves with how it exited. */
  node.down = async () => {
    if (node.api) await node.api.disconnect().catch(() => {});
    const { proc } = node;
    if (proc && !node.exited) {
      const done = new Promise((ok) => proc.on('exit', ok));
      proc.kill('SIGINT');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    }
    return node.exited;
  };

  /** Starts the stopped node again on the same base path and ports; resolves with the new api. */
  node.up = async () => {
    if (node.proc && !node.exited) throw new Error('usdai-node is still running: down() first');
    return spawnNode();
  };

  node.restart = async ({ whileDown } = {}) => {
    await node.down();
    if (whileDown) await whileDown();
    return node.up();
  };

  node.stop = async () => {
    await node.down();
  };

  await spawnNode();
  return node;
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

/** `section.name` of a `DispatchError` (a pallet error by name, else its variant). */
export function dispatchErrorName(api, error) {
  if (error.isModule) {
    const d = api.registry.findMetaError(error.asModule);
    return `${d.section}.${d.name}`;
  }
  return error.toString();
}

/**
 * Signs and sends `tx` and resolves with `{ events, blockHash }` once it is in a best block
 * (`finalized`: once finalized); rejects with the pallet error's name if it failed.
 */
export function send(api, tx, signer, { finalized = false, timeoutMs = 90_000 } = {}) {
  return withTimeout(new Promise((ok, fail) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        fail(new Error(`dispatch failed: ${dispatchErrorName(api, dispatchError)}`));
      } else if (finalized ? status.isFinalized : status.isInBlock) {
        ok({ events, blockHash: finalized ? status.asFinalized : status.asInBlock });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        fail(new Error(`transaction ${status.type}`));
      }
    }).catch(fail);
  }), timeoutMs, `${tx.method.section}.${tx.method.method}`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

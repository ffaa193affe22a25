// Spawns a zombienet network (native provider, @zombienet/orchestrator) of the usdai-node for a
// test file, and connects @polkadot/api to its nodes.
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { start } from '@zombienet/orchestrator';
import { readNetworkConfig } from '@zombienet/utils';
import { nodeBinary, repoRoot, sleep, withTimeout } from './node.js';

/**
 * Spawns the network of `zombienet/<name>.toml` and resolves once every node's RPC answers.
 * Returns `{ network, api(name), node(name), dir, stop() }`: `api(name)` is a connected
 * ApiPromise for that node (cached; reconnects after a restart), `node(name)` zombienet's handle
 * (`pause`, `resume`, `restart`).
 */
export async function startNetwork(name, { timeoutMs = 300_000 } = {}) {
  process.env.USDAI_NODE = nodeBinary();
  const config = readNetworkConfig(join(repoRoot, 'zombienet', `${name}.toml`));
  const dir = mkdtempSync(join(tmpdir(), `usdai-zombie-${name}-`));
  const network = await withTimeout(
    start('', config, { spawnConcurrency: 1, dir, force: true, logType: 'silent' }),
    timeoutMs,
    `zombienet network ${name}`,
  );
  const apis = new Map();
  const node = (n) => network.getNodeByName(n);
  const api = async (n) => {
    const cached = apis.get(n);
    if (cached && cached.isConnected) return cached;
    if (cached) await cached.disconnect().catch(() => {});
    const created = await withTimeout(
      ApiPromise.create({ provider: new WsProvider(node(n).wsUri), noInitWarn: true }),
      60_000,
      `API connection to ${n}`,
    );
    apis.set(n, created);
    return created;
  };
  // zombienet's native provider does not always reap its processes: every node runs with a
  // base path under `dir`, so its processes are found by that and stopped, SIGKILL after 10 s.
  const stop = async () => {
    for (const a of apis.values()) await a.disconnect().catch(() => {});
    await network.stop().catch(() => {});
    const deadline = Date.now() + 10_000;
    while (pids(dir).length > 0) {
      const signal = Date.now() > deadline ? 'KILL' : 'INT';
      try { execFileSync('pkill', [`-${signal}`, '-f', dir]); } catch { /* none left */ }
      await sleep(500);
    }
  };
  return { network, api, node, dir, stop };
}

/** Pids of the processes whose command line mentions `dir`. */
function pids(dir) {
  try {
    return execFileSync('pgrep', ['-f', dir]).toString().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

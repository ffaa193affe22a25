#!/usr/bin/env node
// The treasury bridge for development, against a running dev chain: anvil, the contracts, the
// chain pointed at the gateway (sudo), and three relayers (see lib/bridge-dev.js). Prints what
// you need to make a deposit and a withdrawal, then runs until Ctrl-C (or SIGTERM), which stops
// the relayers and anvil. `scripts/run-dev.sh --bridge` starts the chain and then this.
//
//   node bridge-dev.js [--ws ws://127.0.0.1:9944] [--evm-port 8545] [--dir DIR] [--mint-to A,B]
//                      [--mint-amount N] [--confirmations N] [--block-time S] [--wait S]
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { sleep, withTimeout } from './lib/node.js';
import { ANVIL_ADDRESSES } from './lib/evm.js';
import { describeBridge, setupBridge, writeEnvFile } from './lib/bridge-dev.js';

const HELP = `Usage: node bridge-dev.js [options]

Sets the treasury bridge of a running dev chain up against a local anvil: deploys the gateway,
test USDC/USDT and their T-bill funds, points the chain at the gateway (sudo), and runs three
relayers (//Alice//stash, //Bob//stash, //Charlie//stash; 2 of 3). Runs until Ctrl-C.

  --ws URL             the chain's WebSocket RPC (default ws://127.0.0.1:9944)
  --wait S             seconds to wait for the chain's RPC to answer (default 120)
  --evm-port PORT      anvil's port (default 8545)
  --block-time S       seconds between anvil blocks (default 1)
  --mint-to A,B,...    EVM addresses that get test USDC and USDT (default anvil account 0)
  --mint-amount N      whole tokens of each (default 1000000)
  --confirmations N    EVM blocks on top of a log before the relayers act (default 2)
  --dir DIR            where the deployment, configuration and logs go (default: a new temp dir)
  -h, --help           this help

Needs the relayer binary (cargo build --locked --release -p usdai-relayer, or USDAI_RELAYER) and
the built contracts (scripts/contracts.sh install && scripts/contracts.sh build).
`;

function options() {
  const { values } = parseArgs({
    options: {
      ws: { type: 'string', default: 'ws://127.0.0.1:9944' },
      wait: { type: 'string', default: '120' },
      'evm-port': { type: 'string', default: '8545' },
      'block-time': { type: 'string', default: '1' },
      'mint-to': { type: 'string' },
      'mint-amount': { type: 'string', default: '1000000' },
      confirmations: { type: 'string', default: '2' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  return values;
}

/** Connects to `url`, retrying until the node answers or `seconds` pass. */
async function connect(url, seconds) {
  const deadline = Date.now() + seconds * 1_000;
  for (;;) {
    try {
      const res = await fetch(url.replace(/^ws/, 'http'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`no chain node answers at ${url} after ${seconds} s`);
    await sleep(1_000);
  }
  return withTimeout(ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true }), 60_000, 'API connection');
}

async function main() {
  const o = options();
  const dir = o.dir ? resolve(o.dir) : mkdtempSync(join(tmpdir(), 'usdai-bridge-dev-'));
  mkdirSync(dir, { recursive: true });
  const log = (line) => process.stdout.write(`[bridge-dev] ${line}\n`);

  log(`connecting to ${o.ws}`);
  const api = await connect(o.ws, Number(o.wait));
  const confirmations = Number(o.confirmations);
  const blockTime = Number(o['block-time']);
  let bridge;
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping the relayers and anvil');
    if (bridge) await bridge.stop();
    await api.disconnect().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  try {
    bridge = await setupBridge({
      api,
      wsUrl: o.ws,
      dir,
      evmPort: Number(o['evm-port']),
      blockTime,
      mintTo: o['mint-to'] ? o['mint-to'].split(',').map((s) => s.trim()) : [ANVIL_ADDRESSES[0]],
      mintAmount: Number(o['mint-amount']),
      // A development pace: the chain's blocks are 6 s; no need to poll every second.
      relayerSettings: {
        confirmations, pollInterval: 2, navInterval: 30, navBlockStep: 10, grace: 20, healthMaxAge: 120, txTimeout: 120,
      },
      metricsPorts: [9616, 9617, 9618],
      log,
    });
  } catch (e) {
    process.stderr.write(`[bridge-dev] ${e.message}\n`);
    await shutdown(1);
    return;
  }
  const envFile = writeEnvFile(bridge);
  process.stdout.write(describeBridge(bridge, envFile));

  // A relayer that dies is reported with its log; the others go on.
  for (const r of bridge.relayers) {
    r.proc.on('exit', (code, signal) => {
      if (!stopping) log(`relayer ${r.name} exited (${code ?? signal}); its log:\n${r.tail(30)}`);
    });
  }
  bridge.anvil.proc.on('exit', () => {
    if (!stopping) {
      log('anvil exited; stopping');
      shutdown(1);
    }
  });
}

main().catch((e) => {
  process.stderr.write(`[bridge-dev] ${e.stack ?? e}\n`);
  process.exit(1);
});

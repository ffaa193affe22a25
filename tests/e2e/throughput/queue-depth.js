// Queue-depth harness (pallet-qev): does settling k fills cost the same with 100,000 tickets
// waiting behind them as with 10? Measured on a dev node of the production runtime with its
// real RocksDB database, by re-executing the very blocks that settled (`usdai-node benchmark
// block`). See README.md in this directory.
//
//   node throughput/queue-depth.js                 100,000 tickets, 1,000 fills a block, 5 blocks a depth
//   options: --tickets N --fills K --blocks B --repeat R (re-executions per block) --out FILE --keep
//   node throughput/queue-depth.js --report FILE   the report of an earlier run's JSON again
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { startNode, nodeBinary } from '../lib/node.js';
import { bridgeIn } from '../lib/bridge.js';
import { gpuReceipt } from '../lib/caliber.js';
import { findEvents } from '../lib/events.js';
import { governTx } from '../lib/govern.js';
import { stackTerms } from '../lib/filo.js';
import { CHIP, CENT, USD, USD6_TO_USD, USDAI, SUSDAI } from '../lib/units.js';
import { openProviders, BlockFollower, setupTools, proposerLog } from './chain.js';

const { values: opts } = parseArgs({
  options: {
    tickets: { type: 'string', default: '100000' },
    fills: { type: 'string', default: '1000' },
    blocks: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '20' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    report: { type: 'string' },
  },
});
// The two passes of re-execution: the node's default shared trie cache, and none.
const CACHES = { cached: [], uncached: ['--trie-cache-size', '0'] };
const CACHE_LABEL = { cached: 'trie cache on (default)', uncached: 'no trie cache' };
const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));

// `--report FILE`: the report of an earlier run's results, again.
if (opts.report) {
  const saved = JSON.parse(readFileSync(opts.report, 'utf8'));
  saved.summary = summarise(saved);
  console.log(report(saved));
  process.exit(0);
}
const DEEP = Number(opts.tickets);
const SHALLOW = 10;
const K = Number(opts.fills);
const B = Number(opts.blocks);
const REPEAT = Number(opts.repeat);

// pallet-qev: at most 50 open tickets an account (a filled ticket counts until claimed).
const PER_SENDER = 50;

const T0 = Date.now();
const log = (...a) => console.error(`[${((Date.now() - T0) / 1000).toFixed(1).padStart(7)} s]`, ...a);
// Each measured block settles K one-sUSDai tickets and leaves `depth` waiting behind them. The
// shallow blocks come first, each topped up to K + 10; then the queue is filled to K + DEEP.
const total = B * K + SHALLOW + (DEEP + K - SHALLOW) + (B - 1) * K;
const S = Math.ceil(total / PER_SENDER);

const results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, loadavgAtStart: loadavg() },
  node: { binary: nodeBinary() },
  plan: { deep: DEEP, shallow: SHALLOW, fillsPerBlock: K, blocksPerDepth: B, tickets: total, senders: S, repeat: REPEAT },
  blocks: [],
};

let node;
let follower;
let providers = [];
let exitCode = 0;
try {
  const flags = ['--dev', '--state-pruning', 'archive-canonical', '--pool-limit', '16384', '--pool-kbytes', '65536'];
  log(`${total} tickets from ${S} senders; ${B} blocks of ${K} fills at ${SHALLOW} and at ${DEEP} waiting`);
  node = await startNode(flags);
  const { api } = node;
  results.node.flags = flags;
  results.node.basePath = node.basePath;
  results.chain = { specVersion: api.runtimeVersion.specVersion.toNumber() };
  log(`node pid ${node.proc.pid}, log ${node.logFile}`);
  let raw;
  [raw, ...providers] = await openProviders(node.wsUrl, 3);
  follower = new BlockFollower(api, raw);
  await follower.start();
  const { signJobs, execute, batched, eventsOf, executeScheduled } = setupTools({ api, follower, providers, log });

  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie, dave, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) =>
    keyring.addFromUri(`//${n}`),
  );
  const senders = Array.from({ length: S }, (_, i) => keyring.addFromUri(`//queue-depth//${i}`));

  // ---- Setup: sUSDai for every sender, then a loan that lends out all of the vault's cash ----
  const stake = BigInt(S * PER_SENDER) * USD + 10n * USD + CENT;
  const injections = BigInt(2 * B * K) * 2n * USD; // the measured blocks' liquidity, with room
  const firstLoss = stake / 4n;
  log(`setup: CHIP to ${S} senders; ${(stake + injections + firstLoss) / USD} USDai bridged to Alice`);
  await Promise.all([
    execute('CHIP', await signJobs([{ pair: alice, txs: await batched(senders.map((s) => api.tx.balances.transferKeepAlive(s.address, 100n * CHIP))) }])),
    bridgeIn(api, [[alice, (stake + injections + firstLoss + USD) / USD6_TO_USD, true]]),
  ]);

  log('setup: Alice stakes and hands out sUSDai; a GPU receipt for Bob');
  const before = (await api.call.usdaiApi.nav()).idle.toBigInt();
  await execute('stake and sUSDai', await signJobs([
    {
      pair: alice,
      txs: await batched([
        api.tx.usdai.stake(stake, 0),
        api.tx.assets.transferKeepAlive(USDAI, charlie.address, firstLoss + 10n * USD),
        ...senders.map((s) => api.tx.assets.transferKeepAlive(SUSDAI, s.address, BigInt(PER_SENDER) * USD)),
      ]),
    },
  ]));
  const principal = (await api.call.usdaiApi.nav()).idle.toBigInt() - CENT;
  if (principal <= before) throw new Error('the stake did not reach the vault');
  const receiptValue = principal * 2n;
  const issued = await execute('receipt', await signJobs([{ pair: dave, txs: [api.tx.caliber.issueReceipt(bob.address, gpuReceipt(0, receiptValue))] }]));
  const receipt = eventsOf(issued, 'caliber', 'ReceiptIssued')[0].data.receipt.toNumber();

  log(`setup: a stack and a loan of ${principal / USD} USDai, all the vault's cash`);
  const stackId = (await api.query.filo.nextStackId()).toNumber();
  const r3 = await execute('stack and loan', await signJobs([
    { pair: charlie, txs: [api.tx.filo.openStack(firstLoss, stackTerms())] },
    { pair: eve, txs: [api.tx.caliber.postValuation(receipt, receiptValue)] },
    { pair: ferdie, txs: [api.tx.caliber.postValuation(receipt, receiptValue)] },
  ]));
  if (eventsOf(r3, 'filo', 'StackOpened').length !== 1) throw new Error('the stack did not open');
  // Governance caps the stack: sudo through the guard (applied at once on the dev chain).
  const proposed = await execute('proposal and cap', await signJobs([
    { pair: charlie, txs: [api.tx.filo.proposeLoan(stackId, bob.address, [receipt], principal, 1_500, 12)] },
    { pair: alice, txs: [governTx(api, api.tx.filo.setStackCap(stackId, principal))] },
  ]));
  await executeScheduled('stack cap', alice, proposed);
  const loan = eventsOf(proposed, 'filo', 'LoanProposed')[0].data.loan.toNumber();
  await execute('loan accepted', await signJobs([{ pair: bob, txs: [api.tx.filo.acceptLoan(loan)] }]));
  const liquidity = async () => (await api.call.qevApi.queueSummary()).liquidity.toBigInt();
  if ((await liquidity()) !== 0n) throw new Error(`the vault still has ${await liquidity()} to redeem from`);

  // ---- Tickets: request number j belongs to sender ⌊j / 50⌋ ----
  let requested = 0;
  const waiting = async (at = api) => (await at.call.qevApi.queueSummary()).tickets.toNumber();
  const seed = async (count) => {
    const jobs = [];
    for (let j = requested; j < requested + count;) {
      const s = Math.floor(j / PER_SENDER);
      const n = Math.min(requested + count, (s + 1) * PER_SENDER) - j;
      const calls = Array.from({ length: n }, () => api.tx.qev.requestRedemption(USD, 0));
      jobs.push({ pair: senders[s], txs: n === 1 ? calls : [api.tx.utility.batchAll(calls)] });
      j += n;
    }
    requested += count;
    // About 575 requests fit in a block: allow three times the blocks that takes.
    const timeoutMs = Math.max(120_000, Math.ceil(count / 500) * 6_000 * 3);
    await execute(`${count} tickets`, await signJobs(jobs), { timeoutMs });
  };
  const topUp = async (target) => {
    const now = await waiting();
    if (now < target) await seed(target - now);
    const after = await waiting();
    if (after !== target) throw new Error(`expected ${target} tickets waiting, found ${after}`);
  };

  // ---- One measured block: liquidity for K fills arrives, the next block settles them ----
  const settleOnce = async (depth) => {
    await topUp(K + depth);
    const price = (await api.call.usdaiApi.sharePrices()).redemption.toBigInt();
    const [stakeTx] = await signJobs([{ pair: alice, txs: [api.tx.usdai.stake(BigInt(K) * price, 0)] }]);
    await execute(`liquidity for ${K} fills`, [stakeTx]);
    const at = follower.location(stakeTx.hash).number;
    // The block after the stake settles; the one after that (or the first quiet one) is the
    // baseline: the same hooks with nothing to settle.
    while (follower.best < at + 4) await follower.nextBlock();
    const look = async (n) => {
      const b = follower.blocks.get(n);
      const state = await api.at(b.hash);
      const records = await state.query.system.events();
      return {
        number: n,
        hash: b.hash,
        extrinsics: b.txs.length,
        fills: findEvents(records, 'qev', 'Filled').length,
        skips: findEvents(records, 'qev', 'Skipped').length,
        waitingAfter: await waiting(state),
      };
    };
    const settled = await look(at + 1);
    let quiet = null;
    for (let n = at + 2; n <= at + 4 && !quiet; n++) {
      const b = await look(n);
      if (b.fills === 0 && b.skips === 0 && b.extrinsics === 1) quiet = b;
    }
    if (settled.fills < K) throw new Error(`block #${settled.number} filled ${settled.fills} tickets, not ${K}`);
    if (!quiet) throw new Error(`no quiet block after #${settled.number}`);
    const row = { depth, settled, quiet };
    results.blocks.push(row);
    log(`#${settled.number}: ${settled.fills} fills, ${settled.waitingAfter} left waiting; quiet #${quiet.number}`);
    // The last fill may be partial by a few units: that ticket waits at the head.
    return row;
  };

  for (let i = 0; i < B; i++) await settleOnce(SHALLOW);
  log(`filling the queue to ${DEEP + K} tickets`);
  for (let i = 0; i < B; i++) await settleOnce(DEEP);

  // The live node's build time of each block, from its log.
  const built = proposerLog(node.logFile);
  for (const r of results.blocks) {
    r.settled.buildMs = built.get(r.settled.hash)?.buildMs;
    r.quiet.buildMs = built.get(r.quiet.hash)?.buildMs;
  }
} catch (e) {
  exitCode = 1;
  results.error = e.stack ?? String(e);
  log(`harness failed: ${e.message}`);
} finally {
  if (follower) follower.stop();
  for (const p of providers) await p.disconnect().catch(() => {});
  if (node) await node.stop();
}

// ---- Re-execute each block on the stopped node's database ----
// One run per measured block, from the block before it (its first execution also compiles the
// runtime, about 2 s, and goes into that block's average) to its quiet block.
const benchmark = (from, to, extra) => {
  const args = ['benchmark', 'block', '--chain', 'dev', '--base-path', results.node.basePath, '--from', String(from), '--to', String(to), '--repeat', String(REPEAT), ...extra];
  const run = spawnSync(nodeBinary(), args, { encoding: 'utf8' });
  const text = `${run.stdout}\n${run.stderr}`;
  const out = new Map();
  for (const m of text.matchAll(/Block (\d+) with\s+\d+ tx used\s+[\d.]+% of its weight \(\s*([\d,]+) of\s+([\d,]+) ns\)/g)) {
    out.set(Number(m[1]), { ms: Number(m[2].replace(/,/g, '')) / 1e6, weightMs: Number(m[3].replace(/,/g, '')) / 1e6 });
  }
  if (out.size !== to - from + 1) throw new Error(`benchmark block #${from}–#${to} gave ${out.size} figures:\n${text.slice(-2000)}`);
  return out;
};
if (!exitCode) {
  try {
    for (const [name, extra] of Object.entries(CACHES)) {
      log(`re-executing the measured blocks ${REPEAT} times each, ${CACHE_LABEL[name]}`);
      for (const r of results.blocks) {
        const figures = benchmark(r.settled.number - 1, r.quiet.number, extra);
        r.settled[name] = figures.get(r.settled.number);
        r.quiet[name] = figures.get(r.quiet.number);
      }
    }
  } catch (e) {
    exitCode = 1;
    results.error = e.stack ?? String(e);
    log(`benchmark failed: ${e.message}`);
  }
}
if (!opts.keep && results.node.basePath) rmSync(dirname(results.node.basePath), { recursive: true, force: true });

// ---- Report ----
results.seconds = (Date.now() - T0) / 1000;
if (!exitCode) results.summary = summarise(results);
const outFile = opts.out || join(tmpdir(), `usdai-queue-depth-${results.startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(outFile, JSON.stringify(results, null, 2));
console.log(exitCode ? `queue-depth harness failed: ${results.error}` : report(results));
console.log(`Results: ${outFile}`);
process.exit(exitCode);

/**
 * Per depth: the settling blocks' mean execution time (each pass), the quiet blocks', their
 * difference (settlement's own cost), the live node's build time and the weight charged; and
 * the ratios of the deep queue's figures to the shallow one's.
 */
function summarise(res) {
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
  const { shallow, deep } = res.plan;
  const out = { depths: {}, ratios: {} };
  for (const depth of [shallow, deep]) {
    const rows = res.blocks.filter((r) => r.depth === depth);
    const d = (out.depths[depth] = {
      blocks: rows.length,
      fills: mean(rows.map((r) => r.settled.fills)),
      liveBuildMs: mean(rows.map((r) => r.settled.buildMs ?? NaN)),
      liveQuietBuildMs: mean(rows.map((r) => r.quiet.buildMs ?? NaN)),
    });
    for (const name of Object.keys(CACHES)) {
      const block = rows.map((r) => r.settled[name].ms);
      const quiet = rows.map((r) => r.quiet[name].ms);
      d[name] = {
        blockMs: mean(block),
        blockSdMs: sd(block),
        quietMs: mean(quiet),
        quietMinMs: Math.min(...quiet),
        quietMaxMs: Math.max(...quiet),
        settlementMs: mean(rows.map((r) => r.settled[name].ms - r.quiet[name].ms)),
        weightMs: mean(rows.map((r) => r.settled[name].weightMs)),
      };
    }
  }
  for (const name of Object.keys(CACHES)) {
    const [a, b] = [out.depths[shallow][name], out.depths[deep][name]];
    out.ratios[name] = { block: b.blockMs / a.blockMs, settlement: b.settlementMs / a.settlementMs };
  }
  out.ratios.liveBuild = out.depths[deep].liveBuildMs / out.depths[shallow].liveBuildMs;
  return out;
}

function report(res) {
  const { shallow, deep, fillsPerBlock, repeat } = res.plan;
  const { depths, ratios } = res.summary;
  const pct = (r) => `${r >= 1 ? '+' : ''}${fmt((r - 1) * 100, 1)}%`;
  const lines = [
    `Settling ${fmt(fillsPerBlock)} fills a block (pallet-qev), spec ${res.chain.specVersion}: ${depths[shallow].blocks} blocks at each depth, each re-executed ${repeat} times on the node's RocksDB database.`,
    '',
    '| waiting behind the fills | pass | settling block (ms) | quiet block (ms) | difference (ms) | per fill (µs) | weight charged (ms) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const name of Object.keys(CACHES)) {
    for (const depth of [shallow, deep]) {
      const d = depths[depth];
      const c = d[name];
      lines.push(
        `| ${fmt(depth)} | ${CACHE_LABEL[name]} | ${fmt(c.blockMs, 1)} ± ${fmt(c.blockSdMs, 1)} | ${fmt(c.quietMs, 1)} (${fmt(c.quietMinMs, 1)}–${fmt(c.quietMaxMs, 1)}) | ${fmt(c.settlementMs, 1)} | ${fmt((c.settlementMs * 1000) / d.fills, 1)} | ${fmt(c.weightMs, 1)} |`,
      );
    }
  }
  lines.push('');
  for (const name of Object.keys(CACHES)) {
    const r = ratios[name];
    lines.push(`${CACHE_LABEL[name]}: at ${fmt(deep)} waiting the settling block takes ${pct(r.block)} (goal: within 10%, ${Math.abs(r.block - 1) <= 0.1 ? 'met' : 'NOT met'}); the difference to its quiet block ${pct(r.settlement)}.`);
  }
  lines.push(`Live node, one build each: ${fmt(depths[shallow].liveBuildMs, 1)} ms at ${fmt(shallow)}, ${fmt(depths[deep].liveBuildMs, 1)} ms at ${fmt(deep)} (${pct(ratios.liveBuild)}).`);
  return lines.join('\n');
}

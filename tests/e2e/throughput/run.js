// Throughput harness: how many of each of the chain's everyday transactions a dev node of the
// production runtime includes per block and per second, against plain CHIP transfers measured in
// the same run, and the node's peak resident memory. See README.md in this directory.
//
//   node throughput/run.js            full mode: saturates several blocks per kind
//   node throughput/run.js --short    a few blocks per kind (CI): fails only if the harness breaks
//   options: --out FILE (JSON results), --scale F (multiply the counts), --senders N
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a } from '@polkadot/util';
import { startNode, waitForFinalized, nodeBinary } from '../lib/node.js';
import { bridgeIn } from '../lib/bridge.js';
import { gpuReceipt } from '../lib/caliber.js';
import { stackTerms } from '../lib/filo.js';
import { CHIP, USD, USD6, USD6_TO_USD, USDC, USDAI, SUSDAI } from '../lib/units.js';
import {
  signOffline,
  openProviders,
  submitAll,
  BlockFollower,
  outcomes,
  blockInfo,
  setupTools,
  proposerLog,
} from './chain.js';

const { values: opts } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    out: { type: 'string' },
    scale: { type: 'string' },
    senders: { type: 'string' },
  },
});
const SHORT = opts.short;
const MODE = SHORT ? 'short' : 'full';

const GIB = 1024 * 1024 * 1024;
const BLOCK_MS = 6_000;

// ---- Plan ----
// Full mode: enough of each kind for several blocks filled to their limit (about five blocks
// each at the weights the runtime declares). Short mode: one or two blocks per kind.
const PLANS = {
  short: { senders: 16, n: { balances: 300, assets: 200, deposit: 150, stake: 150, qev: 150, repay: 100 } },
  full: { senders: 200, n: { balances: 12_000, assets: 8_000, deposit: 4_000, stake: 4_000, qev: 3_500, repay: 2_000 } },
};
const plan = structuredClone(PLANS[MODE]);
if (opts.scale) for (const k of Object.keys(plan.n)) plan.n[k] = Math.max(1, Math.round(plan.n[k] * Number(opts.scale)));
if (opts.senders) plan.senders = Number(opts.senders);
// At most 50 open redemption tickets per account (pallet-qev MaxTicketsPerAccount).
plan.senders = Math.max(plan.senders, Math.ceil(plan.n.qev / 50));
const S = plan.senders;
const perSender = (n) => Math.ceil(n / S);

/** The measured kinds, in the order of the report. Measured in `MEASURE_ORDER`. */
const KINDS = [
  { key: 'balances', label: 'balances.transferKeepAlive' },
  { key: 'assets', label: 'assets.transferKeepAlive (USDai)' },
  { key: 'deposit', label: 'usdai.deposit (USDC)' },
  { key: 'stake', label: 'usdai.stake' },
  { key: 'qev', label: 'qev.requestRedemption' },
  { key: 'repay', label: 'filo.repay' },
];
// The redemption queue fills tickets in the blocks after a request: measured last, so that its
// settlement work runs in no other kind's blocks.
const MEASURE_ORDER = ['balances', 'assets', 'deposit', 'stake', 'repay', 'qev'];
const LOAN_PRINCIPAL = 10n * USD;
const RECEIPT_VALUE = 1_000n * USD;

const log = (...a) => console.error(`[${((Date.now() - T0) / 1000).toFixed(1).padStart(6)} s]`, ...a);
const T0 = Date.now();
const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const mib = (kb) => (kb == null ? null : kb / 1024);

// ---- Node memory ----
function readStatusKb(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function memorySampler(pid, everyMs = 500) {
  const s = { phase: 'start', peaks: {}, max: 0, samples: 0 };
  const tick = () => {
    const kb = readStatusKb(pid, 'VmRSS');
    if (kb == null) return;
    s.samples++;
    s.max = Math.max(s.max, kb);
    s.peaks[s.phase] = Math.max(s.peaks[s.phase] ?? 0, kb);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return { state: s, setPhase: (p) => { tick(); s.phase = p; tick(); }, stop: () => { tick(); clearInterval(timer); } };
}

const END_LIMIT = {
  HitBlockWeightLimit: 'weight',
  HitDeadline: 'time',
  HitBlockSizeLimit: 'length',
  NoMoreTransactions: 'pool',
  TransactionForbidden: 'forbidden',
};

// ---- Main ----
const results = {
  mode: MODE,
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemGiB: totalmem() / GIB, loadavgAtStart: loadavg() },
  node: { binary: nodeBinary() },
  plan,
  kinds: {},
  failures: [],
  harnessErrors: [],
};

let node;
let sampler;
let follower;
let providers = [];
let raw;
let exitCode = 0;

try {
  const maxN = Math.max(...Object.values(plan.n));
  const poolLimit = Math.max(8_192, 4 * maxN);
  const flags = ['--dev', '--pool-limit', String(poolLimit), '--pool-kbytes', String(Math.max(20_480, poolLimit))];
  results.node.flags = flags;
  log(`${MODE} mode: ${S} senders; N per kind ${JSON.stringify(plan.n)}`);
  log(`starting ${nodeBinary()} ${flags.join(' ')}`);
  node = await startNode(flags);
  const { api } = node;
  results.node.pid = node.proc.pid;
  results.node.logFile = node.logFile;
  log(`node pid ${node.proc.pid}, log ${node.logFile}`);
  sampler = memorySampler(node.proc.pid);
  sampler.setPhase('setup');

  [raw, ...providers] = await openProviders(node.wsUrl, 3);
  follower = new BlockFollower(api, raw);
  await follower.start();

  const keyring = new Keyring({ type: 'sr25519' });
  const dev = Object.fromEntries(
    ['Alice', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]),
  );
  const senders = Array.from({ length: S }, (_, i) => keyring.addFromUri(`//throughput//${i}`));
  const nextOf = (s) => senders[(s + 1) % S];

  const weights = api.consts.system.blockWeights;
  const normalMax = weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  // frame_system's CheckWeight counts each transaction's weight plus the class's base
  // extrinsic weight, which queryInfo leaves out.
  const baseExtrinsic = weights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  results.chain = {
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    normalMaxRefTime: Number(normalMax),
    baseExtrinsicRefTime: Number(baseExtrinsic),
    blockLengthNormal: api.consts.system.blockLength.max.normal.toNumber(),
  };

  const { nextNonce, batched, signJobs, execute, eventsOf, govern } = setupTools({ api, follower, providers, log });

  // ---- Setup (not measured) ----
  const tSetup = Date.now();
  const k = Object.fromEntries(Object.entries(plan.n).map(([key, n]) => [key, BigInt(perSender(n))]));
  const kTotal = Object.values(k).reduce((a, b) => a + b, 0n);
  const chipEach = 100n * CHIP + (kTotal * CHIP) / 2n;
  const usdcEach = (k.deposit + 1n) * USD6;
  const usdaiEach = (k.assets + k.stake + 1n) * USD;
  const susdaiEach = (k.qev + 1n) * USD;
  const nLoans = plan.n.repay;
  const firstLoss = BigInt(nLoans) * LOAN_PRINCIPAL / 5n + 1_000n * USD;
  const stakeAlice = BigInt(S) * susdaiEach + BigInt(nLoans) * LOAN_PRINCIPAL + BigInt(plan.n.qev) * USD + 1_000n * USD;
  const usdaiAlice = stakeAlice + BigInt(S) * usdaiEach + firstLoss + 100n * USD;
  const usdcBridged = BigInt(S) * usdcEach + usdaiAlice / USD6_TO_USD + 1_000n * USD6;
  results.setup = {
    chipPerSender: (chipEach / CHIP).toString(),
    usdcBridged: (usdcBridged / USD6).toString(),
    aliceStake: (stakeAlice / USD).toString(),
    loans: nLoans,
  };

  // Round 1: CHIP for every sender; USDC for Alice through the bridge (three dev relayers).
  log(`setup: CHIP to ${S} senders; ${usdcBridged / USD6} USDC bridged to Alice`);
  const chipTxs = await batched(senders.map((s) => api.tx.balances.transferKeepAlive(s.address, chipEach)));
  await Promise.all([
    execute('CHIP to senders', await signJobs([{ pair: dev.alice, txs: chipTxs }])),
    bridgeIn(api, [[dev.alice, usdcBridged, false]]),
  ]);

  // Round 2: Alice mints USDai, stakes, and hands out USDC, USDai and sUSDai; Charlie gets
  // first-loss capital; Dave (custodian) issues a GPU receipt for each loan.
  log(`setup: USDai/sUSDai/USDC to senders; ${nLoans} receipts`);
  const borrowerOf = (i) => i % S;
  const aliceCalls = [
    api.tx.usdai.deposit(USDC, usdaiAlice / USD6_TO_USD + 1n, 0),
    api.tx.usdai.stake(stakeAlice, 0),
    api.tx.assets.transferKeepAlive(USDAI, dev.charlie.address, firstLoss + 10n * USD),
    ...senders.map((s) => api.tx.assets.transferKeepAlive(USDC, s.address, usdcEach)),
    ...senders.map((s) => api.tx.assets.transferKeepAlive(USDAI, s.address, usdaiEach)),
    ...senders.map((s) => api.tx.assets.transferKeepAlive(SUSDAI, s.address, susdaiEach)),
  ];
  const issueCalls = Array.from({ length: nLoans }, (_, i) =>
    api.tx.caliber.issueReceipt(senders[borrowerOf(i)].address, gpuReceipt(i, RECEIPT_VALUE)),
  );
  const round2 = await signJobs([
    { pair: dev.alice, txs: await batched(aliceCalls) },
    { pair: dev.dave, txs: await batched(issueCalls) },
  ]);
  const r2events = await execute('dollars and receipts', round2);
  const receipts = eventsOf(r2events, 'caliber', 'ReceiptIssued').map((e) => ({
    id: e.data.receipt.toNumber(),
    holder: e.data.holder.toString(),
  }));
  if (receipts.length !== nLoans) throw new Error(`expected ${nLoans} receipts, got ${receipts.length}`);
  receipts.forEach((r, i) => {
    if (r.holder !== senders[borrowerOf(i)].address) throw new Error(`receipt ${r.id} went to the wrong holder`);
  });

  // Round 3: the appraisers (Eve, Ferdie) value every receipt; the curator (Charlie) opens a
  // stack and proposes a loan against each receipt; once the stack exists governance caps it
  // (sudo through the guard, which applies it at once on the dev chain).
  log(`setup: valuations, a stack and ${nLoans} loan proposals`);
  const stackId = (await api.query.filo.nextStackId()).toNumber();
  const terms = stackTerms({ amortization: { StraightLine: { annualRateBps: 3_500 } }, maxLoans: nLoans + 10 });
  const valuations = receipts.map((r) => api.tx.caliber.postValuation(r.id, RECEIPT_VALUE));
  const proposals = receipts.map((r, i) =>
    api.tx.filo.proposeLoan(stackId, senders[borrowerOf(i)].address, [r.id], LOAN_PRINCIPAL, 1_500, 12),
  );
  const round3 = await signJobs([
    { pair: dev.charlie, txs: [api.tx.filo.openStack(firstLoss, terms), ...(await batched(proposals))] },
    { pair: dev.eve, txs: await batched(valuations) },
    { pair: dev.ferdie, txs: await batched(valuations) },
  ]);
  const capStack = follower.wait([round3[0].hash], { timeoutMs: 120_000 }).then(() =>
    govern('stack cap', dev.alice, api.tx.filo.setStackCap(stackId, 2n * BigInt(nLoans) * LOAN_PRINCIPAL)),
  );
  const [r3events] = await Promise.all([execute('valuations and proposals', round3), capStack]);
  const opened = eventsOf(r3events, 'filo', 'StackOpened');
  if (opened.length !== 1 || opened[0].data.stack.toNumber() !== stackId) throw new Error('the stack did not open as expected');
  const loanIds = eventsOf(r3events, 'filo', 'LoanProposed').map((e, i) => {
    if (e.data.borrower.toString() !== senders[borrowerOf(i)].address) throw new Error('a loan went to the wrong borrower');
    return e.data.loan.toNumber();
  });
  if (loanIds.length !== nLoans) throw new Error(`expected ${nLoans} proposals, got ${loanIds.length}`);

  // Round 4: each borrower accepts its loans (receipts pledged, principal drawn from the vault).
  log(`setup: ${nLoans} loans accepted by their borrowers`);
  const acceptJobs = [];
  for (let s = 0; s < S; s++) {
    const mine = loanIds.filter((_, i) => borrowerOf(i) === s).map((id) => api.tx.filo.acceptLoan(id));
    if (mine.length) acceptJobs.push({ pair: senders[s], txs: await batched(mine) });
  }
  const acceptSigned = await signJobs(acceptJobs);

  // ---- Pre-sign every measured transaction (meanwhile the loans are accepted) ----
  // Their nonces follow the acceptances'. sr25519 signing in JS is slow (about a millisecond a
  // transaction), so it overlaps the last setup round, which is not measured.
  const build = {
    balances: (i, s) => api.tx.balances.transferKeepAlive(nextOf(s).address, CHIP / 100n),
    assets: (i, s) => api.tx.assets.transferKeepAlive(USDAI, nextOf(s).address, USD),
    deposit: () => api.tx.usdai.deposit(USDC, USD6, 0),
    stake: () => api.tx.usdai.stake(USD, 0),
    qev: () => api.tx.qev.requestRedemption(USD, 0),
    // A prepayment of principal: nothing is due yet in a loan's first 30-day period.
    repay: (i) => api.tx.filo.repay(loanIds[i], USD),
  };
  const signAll = async () => {
    const out = {};
    const t = Date.now();
    for (const key of MEASURE_ORDER) {
      const n = plan.n[key];
      const list = [];
      for (let i = 0; i < n; i++) {
        const s = key === 'repay' ? borrowerOf(i) : i % S;
        const nonce = await nextNonce(senders[s]);
        list.push({ ...signOffline(api, build[key](i, s), senders[s], nonce), sender: s, nonce });
        // Let the block follower run.
        if (i % 32 === 31) await new Promise((ok) => setImmediate(ok));
      }
      // The declared weight and fee of one such transaction.
      const info = await api.call.transactionPaymentApi.queryInfo(hexToU8a(list[0].hex), list[0].bytes);
      const declared = info.weight.refTime.toBigInt();
      out[key] = { list, declared, weight: declared + baseExtrinsic, fee: info.partialFee.toBigInt() };
    }
    results.signingSeconds = (Date.now() - t) / 1000;
    return out;
  };
  const signing = signAll();
  signing.catch(() => {}); // awaited below; not an unhandled rejection if setup fails first

  const r4events = await execute('loans accepted', acceptSigned);
  if (eventsOf(r4events, 'filo', 'LoanAccepted').length !== nLoans) throw new Error('not every loan was accepted');
  results.setup.seconds = (Date.now() - tSetup) / 1000;
  log(`setup done in ${results.setup.seconds.toFixed(0)} s`);
  sampler.setPhase('signing');
  const prepared = await signing;
  log(`signed ${Object.values(prepared).reduce((a, p) => a + p.list.length, 0)} transactions in ${results.signingSeconds.toFixed(1)} s`);

  // ---- Measure each kind ----
  for (const key of MEASURE_ORDER) {
    const { list, declared, weight, fee } = prepared[key];
    const label = KINDS.find((x) => x.key === key).label;
    const capByWeight = Number(normalMax / weight);
    const r = (results.kinds[key] = {
      label,
      n: list.length,
      declaredWeightRefTime: Number(declared),
      chargedWeightRefTime: Number(weight),
      declaredFee: fee.toString(),
      weightCapPerBlock: capByWeight,
    });
    // Start right after a block, so that the submission has most of a slot before the next.
    if (Date.now() - follower.lastSeenAt > 1_500) await follower.nextBlock();
    sampler.setPhase(key);
    log(`${label}: submitting ${list.length}`);
    const sub = await submitAll(providers, list, { window: 256 });
    r.submitSeconds = (sub.finished - sub.started) / 1000;
    r.refused = sub.refused.length;
    for (const x of sub.refused.slice(0, 20)) {
      results.failures.push({ kind: key, sender: senders[list[x.i].sender].address, nonce: list[x.i].nonce, error: `refused by the pool: ${x.message}` });
    }
    const refusedIdx = new Set(sub.refused.map((x) => x.i));
    const accepted = list.filter((_, i) => !refusedIdx.has(i));
    const ours = new Set(list.map((x) => x.hash));
    log(`${label}: submitted in ${r.submitSeconds.toFixed(1)} s (${sub.refused.length} refused)`);
    const expectedBlocks = Math.ceil(list.length / Math.max(1, capByWeight)) + 4;
    const timeoutMs = Math.max(90_000, expectedBlocks * BLOCK_MS * 3);
    const { missing } = await follower.wait(accepted.map((x) => x.hash), {
      timeoutMs,
      onBlock: (b, pending) => {
        const mine = b.txs.filter((h) => ours.has(h)).length;
        log(`${label}: #${b.number}: ${mine} of ours (${b.txs.length} extrinsics), ${pending} pending`);
      },
    });
    r.notIncluded = missing.length;
    if (missing.length) {
      results.harnessErrors.push(`${label}: ${missing.length} transactions not included within ${timeoutMs / 1000} s`);
    }

    // Where each landed, and whether it succeeded.
    const missed = new Set(missing);
    const located = accepted
      .filter((x) => !missed.has(x.hash))
      .map((x) => {
        const l = follower.location(x.hash);
        return { ...x, number: l.number, index: l.index, blockHash: l.hash };
      });
    const { results: res } = await outcomes(api, located);
    const failed = located.filter((x) => !res.get(x.hash).ok);
    r.failed = failed.length;
    for (const x of failed.slice(0, 20)) {
      results.failures.push({ kind: key, sender: senders[x.sender].address, nonce: x.nonce, error: res.get(x.hash).error });
    }
    if (failed.length) {
      const byError = {};
      for (const x of failed) byError[res.get(x.hash).error] = (byError[res.get(x.hash).error] ?? 0) + 1;
      r.failedByError = byError;
      results.harnessErrors.push(`${label}: ${failed.length} transactions failed: ${JSON.stringify(byError)}`);
    }
    r.included = located.length - failed.length;

    if (!located.length) {
      results.harnessErrors.push(`${label}: nothing was included`);
      break;
    }
    // Per block, from the block before the first to the last holding one of ours.
    const numbers = located.map((x) => x.number);
    const first = Math.min(...numbers);
    const last = Math.max(...numbers);
    const counts = new Map();
    for (const x of located) if (res.get(x.hash).ok) counts.set(x.number, (counts.get(x.number) ?? 0) + 1);
    r.blocks = [];
    for (let num = first - 1; num <= last; num++) {
      const b = follower.blocks.get(num);
      if (!b) throw new Error(`block #${num} was not followed`);
      const info = (await blockInfo(api, b.hash)).summary;
      r.blocks.push({
        number: num,
        hash: b.hash,
        ours: num < first ? 0 : counts.get(num) ?? 0,
        extrinsics: b.txs.length,
        bytes: b.bytes,
        timestamp: info.timestamp,
        normalRefTime: Number(info.normalRefTime),
        mandatoryRefTime: Number(info.mandatoryRefTime),
        beforeFirst: num < first,
      });
    }
    r.submitStartedAt = sub.started;
    r.submitFinishedAt = sub.finished;
    log(`${label}: ${r.included} included in ${last - first + 1} blocks (#${first}–#${last}), ${r.failed} failed`);
    // A transaction left out leaves its sender's later nonces stuck: the next kinds cannot run.
    if (missing.length || sub.refused.length) break;
  }
  sampler.setPhase('end');

  // ---- Finality: every block counted must be on the finalized chain ----
  const lastCounted = Math.max(0, ...Object.values(results.kinds).flatMap((r) => (r.blocks ?? []).map((b) => b.number)));
  await waitForFinalized(api, lastCounted, 120_000);
  for (const r of Object.values(results.kinds)) {
    for (const b of r.blocks ?? []) {
      const canonical = (await api.rpc.chain.getBlockHash(b.number)).toHex();
      if (canonical !== b.hash) results.harnessErrors.push(`${r.label}: block #${b.number} was replaced by ${canonical}`);
    }
  }

  // ---- Peak memory ----
  sampler.stop();
  results.memory = {
    vmHwmMiB: mib(readStatusKb(node.proc.pid, 'VmHWM')),
    sampledRssMaxMiB: mib(sampler.state.max),
    sampledRssByPhaseMiB: Object.fromEntries(Object.entries(sampler.state.peaks).map(([p, kb]) => [p, mib(kb)])),
    samples: sampler.state.samples,
    goalMiB: 1024,
  };
  results.followerReorgs = follower.reorgs;

  // ---- Figures ----
  const proposerEnds = proposerLog(node.logFile);
  for (const r of Object.values(results.kinds)) if (r.blocks?.length) summarise(r, proposerEnds);
  const native = results.kinds.balances;
  for (const r of Object.values(results.kinds)) {
    r.ratioToNative = native && native.txPerSecond ? r.txPerSecond / native.txPerSecond : null;
  }
  results.loadavgAtEnd = loadavg();
  results.finishedAt = new Date().toISOString();
  results.seconds = (Date.now() - T0) / 1000;
} catch (e) {
  results.harnessErrors.push(`harness: ${e.stack || e.message}`);
  exitCode = 1;
} finally {
  if (sampler) sampler.stop();
  if (follower) follower.stop();
  for (const p of providers) await p.disconnect().catch(() => {});
  if (raw) await raw.disconnect().catch(() => {});
  if (node) await node.stop();
}

// ---- Report ----
if (results.failures.length || results.harnessErrors.length) exitCode = 1;
const outFile = opts.out || join(tmpdir(), `usdai-throughput-${MODE}-${results.startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(outFile, JSON.stringify(results, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
console.log(report(results));
console.log(`\nJSON results: ${outFile}`);
process.exit(exitCode);

/**
 * Per-kind figures. A block is "saturated" when every transaction of the kind was in the pool
 * before the block was started (its timestamp is at or after the last submission's answer) and
 * more of them were still waiting than it took (it is not the kind's last block).
 */
function summarise(r, proposals) {
  const blocks = r.blocks.filter((b) => !b.beforeFirst);
  const prevTs = r.blocks[0].timestamp;
  for (const b of r.blocks) {
    const p = proposals.get(b.hash);
    if (p) Object.assign(b, { end: p.end, buildMs: p.buildMs });
  }
  r.blocksUsed = blocks.length;
  const lastIdx = blocks.length - 1;
  const saturated = blocks.filter((b, i) => i < lastIdx && b.timestamp >= r.submitFinishedAt);
  r.saturatedBlocks = saturated.length;
  const pick = saturated.length ? saturated : blocks;
  r.basis = saturated.length ? 'saturated' : 'all';
  r.perBlockMean = pick.reduce((a, b) => a + b.ours, 0) / pick.length;
  r.perBlockMax = Math.max(...pick.map((b) => b.ours));
  // Elapsed block time of the chosen blocks: from the timestamp of the block before the first
  // to that of the last.
  const idx = r.blocks.indexOf(pick[0]);
  const from = r.blocks[idx - 1]?.timestamp ?? prevTs;
  const to = pick[pick.length - 1].timestamp;
  r.elapsedSeconds = (to - from) / 1000;
  r.txPerSecond = pick.reduce((a, b) => a + b.ours, 0) / r.elapsedSeconds;
  r.txPerSecondAllBlocks = r.included / ((blocks[lastIdx].timestamp - prevTs) / 1000);
  const weightUsed = pick.map((b) => b.normalRefTime / results.chain.normalMaxRefTime);
  r.normalWeightUsedMean = weightUsed.reduce((a, b) => a + b, 0) / weightUsed.length;
  r.measuredWeightPerTx = pick.reduce((a, b) => a + b.normalRefTime, 0) / Math.max(1, pick.reduce((a, b) => a + b.ours, 0));
  const ends = {};
  for (const b of pick) if (b.end) ends[b.end] = (ends[b.end] ?? 0) + 1;
  r.proposerEnds = ends;
  const top = Object.entries(ends).sort((a, b) => b[1] - a[1])[0];
  r.limit = top ? `${END_LIMIT[top[0]] ?? top[0]} (${top[1]}/${pick.length})` : 'unknown';
  r.buildMsMax = Math.max(...pick.map((b) => b.buildMs ?? 0));
}

function report(res) {
  const lines = [];
  lines.push(`## USD.AI throughput (${res.mode} mode, ${res.startedAt})`);
  lines.push('');
  lines.push(`Dev node of the production runtime (spec ${res.chain?.specVersion ?? '?'}), 6-second blocks, ${res.machine.cpus} CPUs (${res.machine.cpuModel}), load average at start ${res.machine.loadavgAtStart.map((x) => x.toFixed(2)).join(' ')}.`);
  lines.push('');
  lines.push('| kind | N | blocks | per block mean / max | tx/s | ratio to native | weight/tx (ms) | weight cap/block | normal weight used | block ended by |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const { key, label } of KINDS) {
    const r = res.kinds[key];
    if (!r || r.txPerSecond == null) {
      lines.push(`| ${label} | ${r?.n ?? '—'} | — | — | — | — | — | — | — | not measured |`);
      continue;
    }
    const mark = r.basis === 'saturated' ? '' : '*';
    lines.push(
      `| ${label} | ${fmt(r.n)} | ${r.blocksUsed} | ${fmt(r.perBlockMean, 0)} / ${fmt(r.perBlockMax)}${mark} | ${fmt(r.txPerSecond, 1)}${mark} | ${r.ratioToNative == null ? '—' : r.ratioToNative.toFixed(2)} | ${(r.chargedWeightRefTime / 1e9).toFixed(3)} | ${fmt(r.weightCapPerBlock)} | ${(100 * r.normalWeightUsedMean).toFixed(0)}% | ${r.limit} |`,
    );
  }
  const anyUnsat = Object.values(res.kinds).some((r) => r.basis !== 'saturated');
  lines.push('');
  if (anyUnsat) {
    lines.push('\\* no saturated block (every transaction fitted in the blocks that took them): the figure is over all of the kind\'s blocks and is a floor, not the capacity.');
  }
  lines.push('per block and tx/s: over the saturated blocks (started after the last submission was answered, not the kind\'s last block). weight/tx: the weight the block is charged per transaction (declared weight, extensions included, plus the base extrinsic weight). weight cap/block: the normal class\'s 75% of 2 s divided by weight/tx. block ended by: the proposer\'s reason (weight = the block\'s weight limit, time = the proposer\'s deadline, pool = no more ready transactions).');
  lines.push('');
  const m = res.memory;
  if (m) {
    const hwm = m.vmHwmMiB;
    lines.push(`Node peak resident memory (VmHWM): ${hwm == null ? 'unknown' : `${fmt(hwm, 0)} MiB`} — goal ≤ 1 GiB: ${hwm == null ? '?' : hwm <= 1024 ? 'PASS' : 'FAIL'} (sampled VmRSS max ${fmt(m.sampledRssMaxMiB, 0)} MiB; by phase: ${Object.entries(m.sampledRssByPhaseMiB).map(([p, v]) => `${p} ${fmt(v, 0)}`).join(', ')})`);
  }
  lines.push('');
  lines.push('Goals:');
  const ratio = (k) => res.kinds[k]?.ratioToNative;
  const judged = res.mode !== 'short';
  const goal = (name, v, min) =>
    `- ${name}: ${v == null ? '—' : v.toFixed(3)} (goal ≥ ${min.toFixed(2)}) ${v == null ? '?' : !judged ? 'not judged in short mode' : v >= min ? 'PASS' : 'FAIL'}`;
  // What the declared weights alone allow: the ratio of the weight caps per block.
  const capRatio = (k) => (res.kinds[k] && res.kinds.balances ? res.kinds[k].weightCapPerBlock / res.kinds.balances.weightCapPerBlock : null);
  const both = (name, k, min) => `${goal(name, ratio(k), min)}; by the weight caps: ${capRatio(k) == null ? '—' : capRatio(k).toFixed(3)}`;
  // Issue 17's goals: USDai transfers at least 0.80 of native ones, every protocol call 0.50.
  lines.push(both('USDai transfers / native transfers', 'assets', 0.8));
  lines.push(both('usdai.deposit / native transfers', 'deposit', 0.5));
  lines.push(both('usdai.stake / native transfers', 'stake', 0.5));
  lines.push(both('qev.requestRedemption / native transfers', 'qev', 0.5));
  lines.push(both('filo.repay / native transfers', 'repay', 0.5));
  lines.push(`- node peak resident memory: ${m?.vmHwmMiB == null ? '?' : `${fmt(m.vmHwmMiB, 0)} MiB`} (goal ≤ 1024 MiB) ${m?.vmHwmMiB == null ? '?' : m.vmHwmMiB <= 1024 ? 'PASS' : 'FAIL'}`);
  if (res.mode === 'short') lines.push('(short mode: too few transactions to fill a block, so the ratios only reflect the counts submitted.)');
  lines.push('(Goals are reported, never enforced: the exit status reflects only the harness itself.)');
  if (res.failures.length) {
    lines.push('');
    lines.push('Failed transactions (first 20 per kind):');
    for (const f of res.failures) lines.push(`- ${f.kind}: ${f.sender} nonce ${f.nonce}: ${f.error}`);
  }
  if (res.harnessErrors.length) {
    lines.push('');
    lines.push('Harness errors:');
    for (const e of res.harnessErrors) lines.push(`- ${e}`);
  }
  if (res.seconds) lines.push(`\nRun time ${res.seconds.toFixed(0)} s (setup ${res.setup?.seconds?.toFixed(0)} s; signing ${res.signingSeconds?.toFixed(0)} s, during the last setup round).`);
  return lines.join('\n');
}

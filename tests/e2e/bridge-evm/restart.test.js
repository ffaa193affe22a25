// The treasury bridge when the chain itself stops, end to end (a dev-fast node, anvil with the
// gateway, three real relayers, two of three attest): not the pallet's `halt` (faults.test.js
// (d)), but the node process gone, no blocks and no RPC at all, then started again on the same
// base path and ports.
//
// With a withdrawal requested and finalized just before the stop, and two deposits made on the
// gateway while the chain is down (anvil keeps mining), the relayers report the outage (/health
// 503, errors counted), keep running, find the node again by themselves (a new chain connection
// after a few failed passes), and afterwards both deposits are credited once each, as themselves,
// and the withdrawal is paid once on the gateway and confirmed on the chain. Nothing is lost on
// either side.
//
// The relayers give up (exit) after 50 failed passes in a row, a pass a second or so: the node
// stays down DOWN_MS (plus its shutdown and start), well below that. Their /health turns 503
// once the chain was not read for HEALTH_MAX_AGE seconds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startBridgeEnv } from '../lib/bridge-env.js';
import { accountHex, send, BRIDGE_CHANNEL } from '../lib/bridge-dev.js';
import { ANVIL_ADDRESSES } from '../lib/evm.js';
import { errorCounts } from '../lib/relayers.js';
import { bestNumber } from '../lib/chain.js';
import { sleep } from '../lib/node.js';
import { USD6, USD6_TO_USD, USDAI, USDC } from '../lib/units.js';

const CONFIRMATIONS = 2;
/** How long the node stays down once its process exited. */
const DOWN_MS = 15_000;
/** The relayers' `health_max_age` (seconds): shorter than DOWN_MS, so that /health turns 503. */
const HEALTH_MAX_AGE = 8;

let env;

/** A test that prints the relayers' logs when it fails. */
const step = (name, fn, timeout = 180_000) => test(name, { timeout }, (t) => env.guard(() => fn(t)));

const lower = (s) => s.toString().toLowerCase();
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

before(async () => {
  env = await startBridgeEnv({ label: 'restart', confirmations: CONFIRMATIONS, relayerSettings: { healthMaxAge: HEALTH_MAX_AGE } });
}, { timeout: 300_000 });

after(async () => {
  if (env) await env.stop();
});

/** Resolves with `check()`'s first truthy value, polled every `everyMs`; fails naming `what` after `timeoutMs`. */
async function until(what, check, timeoutMs, everyMs = 1_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Every event of blocks `from..=best` read through `api`: `{ n, hash, phase, event }`. */
async function eventsSince(api, from) {
  const to = await bestNumber(api);
  const out = [];
  for (let n = from; n <= to; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const records = await (await api.at(hash)).query.system.events();
    for (const { phase, event } of records) out.push({ n, hash, phase, event });
  }
  return out;
}

const ofKind = (records, section, method, where = () => true) => records
  .filter(({ event }) => event.section === section && event.method === method && where(event.data));

/** The `attest_deposit` argument behind a `DepositAttested` record, read through `api`. */
async function attestedDeposit(api, record) {
  const block = await api.rpc.chain.getBlock(record.hash);
  const [deposit] = block.block.extrinsics[record.phase.asApplyExtrinsic.toNumber()].method.args;
  return {
    relayer: record.event.data.relayer.toString(),
    sourceTx: deposit.sourceTx.toHex(),
    amount: deposit.amount.toBigInt(),
    recipient: deposit.action.isCredit ? deposit.action.asCredit.recipient.toString() : undefined,
    intoUsdai: deposit.action.isCredit ? deposit.action.asCredit.intoUsdai.isTrue : undefined,
  };
}

// Across the tests: who holds bridged USDC before the stop.
const holder = { amount: 1_000n * USD6 };

step('baseline: the bridge credits a deposit', async () => {
  const { watch } = env;
  holder.who = env.user('restart-holder');
  const from = watch.mark();
  const dep = await env.deposit({ amount: holder.amount, recipient: holder.who, intoUsdai: false });
  const credited = await env.waitCredited(dep.nonce, { from });
  assert.equal(credited.event.data.credited.toBigInt(), holder.amount);
  assert.equal(await env.balance(USDC, holder.who), holder.amount);
  await env.fundChip(holder.who);
});

step('the chain stops (no node at all) and starts again: deposits made meanwhile and a withdrawal in flight are credited and paid once', async (t) => {
  const { evm, gateway } = env;
  const token = env.token(USDC);
  const destination = ANVIL_ADDRESSES[5];
  const withdrawn = 400n * USD6;
  const who = env.user('restart-depositor');
  const paidBefore = await evm.balanceOf(token, destination);
  const genesis = env.api.genesisHash.toHex();
  const fromBlock = await bestNumber(env.api);
  const before = await env.channel();

  // A withdrawal, finalized: the relayers may start signing it, and the node stops at once.
  const { events } = await send(env.api, env.api.tx.treasuryBridge.requestWithdrawal(USDC, withdrawn, destination), holder.who,
    { finalized: true });
  const requested = events.find(({ event }) => event.section === 'treasuryBridge' && event.method === 'WithdrawalRequested');
  assert.ok(requested, 'WithdrawalRequested');
  const wnonce = requested.event.data.nonce.toBigInt();
  const signedAtStop = await env.api.query.treasuryBridge.outboundSignatures(wnonce);
  const stage = {
    signatures: signedAtStop.isSome ? signedAtStop.unwrap().signatures.length : 0,
    paid: await evm.executed(gateway, wnonce),
  };
  const stopBlock = await bestNumber(env.api);
  const errorsBefore = await Promise.all(env.relayers.map(async (r) => errorCounts(await r.metrics())));
  const logOffsets = env.relayers.map((r) => readFileSync(r.logFile).length);
  t.diagnostic(`withdrawal ${wnonce} at the stop (chain block #${stopBlock}): ${stage.signatures} signature(s) on the chain, `
    + `paid on the gateway: ${stage.paid}`);

  const stoppedAt = Date.now();
  let restartingAt;
  const down = await env.restartNode(async () => {
    const exitedAt = Date.now();
    assert.ok(env.node.exited, 'the node process is gone');
    await assert.rejects(
      fetch(env.node.wsUrl.replace(/^ws/, 'http'), { method: 'POST', signal: AbortSignal.timeout(2_000) }),
      'nothing answers on the node\'s RPC port',
    );

    // /health of every relayer, every half second, while the chain is down.
    const seen = env.relayers.map(() => new Set());
    let polling = true;
    const poller = (async () => {
      while (polling) {
        await Promise.all(env.relayers.map(async (r, i) => {
          const h = await r.health().catch((e) => ({ status: `error: ${e.message}` }));
          seen[i].add(h.status);
        }));
        await sleep(500);
      }
    })();

    // Two deposits on the gateway (anvil keeps mining).
    const d1 = await env.deposit({ amount: 700n * USD6, recipient: who, intoUsdai: true });
    const d2 = await env.deposit({ amount: 800n * USD6, recipient: who, intoUsdai: false });

    const left = DOWN_MS - (Date.now() - exitedAt);
    if (left > 0) await sleep(left);
    polling = false;
    await poller;
    const errors = await Promise.all(env.relayers.map(async (r) => errorCounts(await r.metrics())));
    const running = env.relayers.map((r) => r.running);
    restartingAt = Date.now();
    return { d1, d2, seen, errors, running, evmHead: await evm.head() };
  });
  const upAt = Date.now();
  const { api } = env;
  t.diagnostic(`the node was down ${((upAt - stoppedAt) / 1000).toFixed(1)} s (stopping to RPC answering again; `
    + `start ${((upAt - restartingAt) / 1000).toFixed(1)} s)`);

  // While it was down: the deposits took the gateway's next nonces; the relayers noticed, and ran on.
  const { d1, d2 } = down;
  assert.deepEqual([d1.nonce, d2.nonce], [before.nextNonce, before.nextNonce + 1n], 'the deposits took the next two nonces');
  for (const [i, r] of env.relayers.entries()) {
    const statuses = [...down.seen[i]];
    t.diagnostic(`${r.name} while the chain was down: /health ${statuses.join(', ')}; errors ${JSON.stringify(errorsBefore[i])} → ${JSON.stringify(down.errors[i])}`);
    assert.ok(down.running[i], `${r.name} kept running while the chain was down`);
    assert.ok(statuses.includes(503), `${r.name}'s /health turned 503 (saw ${statuses})`);
    assert.ok(sum(down.errors[i]) > sum(errorsBefore[i]), `${r.name} counted errors (usdai_relayer_errors_total)`);
  }

  // The same chain, where it stopped.
  assert.equal(api.genesisHash.toHex(), genesis, 'the same chain');
  assert.ok(await bestNumber(api) >= stopBlock, 'it kept its blocks');
  assert.equal(await env.balance(USDC, holder.who), holder.amount - withdrawn, 'and its state');

  // The relayers find the node again by themselves; everything completes.
  const target = d2.nonce + 1n;
  await until(`the two deposits credited (channel ${BRIDGE_CHANNEL} at nonce ${target})`,
    async () => (await env.channel()).nextNonce >= target, 120_000);
  const creditedAt = Date.now();
  await until(`withdrawal ${wnonce} paid and confirmed`,
    async () => (await api.query.treasuryBridge.outbound(wnonce)).isNone && await evm.executed(gateway, wnonce), 120_000);
  const doneAt = Date.now();
  t.diagnostic(`after the restart: deposits credited in ${((creditedAt - upAt) / 1000).toFixed(1)} s, `
    + `withdrawal paid and confirmed in ${((doneAt - upAt) / 1000).toFixed(1)} s`);

  // A few more blocks, for anything that would come twice.
  await env.watch.blocksLater(3);
  const records = await eventsSince(api, fromBlock);

  // Each deposit: credited once, to its recipient, with its amount, attested as its own EVM transaction.
  for (const [dep, intoUsdai] of [[d1, true], [d2, false]]) {
    const credits = ofKind(records, 'treasuryBridge', 'DepositCredited',
      (d) => d.channel.toNumber() === BRIDGE_CHANNEL && d.nonce.toBigInt() === dep.nonce);
    assert.equal(credits.length, 1, `deposit ${dep.nonce} credited exactly once`);
    assert.equal(credits[0].event.data.recipient.toString(), who.address);
    assert.equal(credits[0].event.data.credited.toBigInt(), dep.amount, `deposit ${dep.nonce}: its own amount`);
    const votes = ofKind(records, 'treasuryBridge', 'DepositAttested',
      (d) => d.channel.toNumber() === BRIDGE_CHANNEL && d.nonce.toBigInt() === dep.nonce);
    const attested = await Promise.all(votes.map((v) => attestedDeposit(api, v)));
    assert.ok(attested.length >= 2, `deposit ${dep.nonce} attested by two relayers at least`);
    assert.equal(new Set(attested.map((a) => a.relayer)).size, attested.length, `no relayer attested deposit ${dep.nonce} twice`);
    for (const a of attested) {
      assert.deepEqual(a, { relayer: a.relayer, sourceTx: lower(dep.hash), amount: dep.amount, recipient: who.address, intoUsdai },
        `deposit ${dep.nonce} attested as its own EVM transaction`);
    }
  }
  assert.equal(await env.balance(USDAI, who), 700n * USD6 * USD6_TO_USD, '700 USDai');
  assert.equal(await env.balance(USDC, who), 800n * USD6, '800 USDC');
  assert.equal((await env.channel()).nextNonce, d2.nonce + 1n, 'no other deposit');
  assert.deepEqual(ofKind(records, 'treasuryBridge', 'DepositConflict'), [], 'no DepositConflict');

  // The withdrawal: paid once on the gateway, confirmed once on the chain.
  const paid = await evm.withdrawalLogs(gateway, { nonce: wnonce });
  assert.equal(paid.length, 1, `withdrawal ${wnonce} paid exactly once`);
  assert.equal(paid[0].args.who, accountHex(holder.who));
  assert.equal(paid[0].args.amount, withdrawn);
  assert.equal(paid[0].args.destination, destination);
  assert.equal(await evm.executed(gateway, wnonce), true, 'executed(nonce)');
  assert.equal(await evm.balanceOf(token, destination) - paidBefore, withdrawn, 'the destination received exactly the withdrawal');
  assert.equal(ofKind(records, 'treasuryBridge', 'OutboundExecuted', (d) => d.nonce.toBigInt() === wnonce).length, 1,
    'OutboundExecuted once');

  // No relayer exited or was restarted; each is healthy again, reading the restarted chain.
  for (const [i, r] of env.relayers.entries()) {
    assert.equal(r.exited, null, `${r.name} did not exit`);
    assert.ok(r.running, `${r.name} is running`);
    assert.equal(r.starts, 1, `${r.name} was never restarted`);
    const health = await until(`${r.name} healthy on the restarted chain`, async () => {
      const h = await r.health().catch(() => null);
      return h?.ok && h.body.chain_block > stopBlock ? h : null;
    }, 30_000, 500);
    // What its log says since the stop (colours stripped).
    const lines = plain(readFileSync(r.logFile).subarray(logOffsets[i]).toString('utf8')).split('\n');
    const reconnects = lines.filter((l) => l.includes('reconnected to the chain node')).length;
    const failed = Math.max(0, ...lines.map((l) => Number(/failed_in_a_row=(\d+)/.exec(l)?.[1] ?? 0)));
    t.diagnostic(`${r.name}: healthy at chain block #${health.body.chain_block}; since the stop ${reconnects} reconnection(s) logged, `
      + `at most ${failed} failed passes in a row (it exits at 50)`);
  }
}, 240_000);

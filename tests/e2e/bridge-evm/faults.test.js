// The treasury bridge when things go wrong, end to end (a dev-fast node, anvil with the gateway,
// three real relayers, two of three attest):
//
// (a) a relayer is down: the other two credit deposits; restarted, it picks up at the chain's next
//     nonce (the chain is its memory) and attests again, never a nonce twice;
// (b) a relayer attests a wrong amount (the relayer has no setting that makes it lie, so this file
//     signs the lie with that relayer's chain key while its process is stopped, before the honest
//     votes can come): the chain freezes the channel, credits nothing for that nonce, and waits
//     for governance's resolve_conflict;
// (c) a deposit reorganized away before it is `confirmations` deep is never credited, and the next
//     deposit takes its nonce;
// (d) the bridge halted and resumed: what was deposited and requested meanwhile is credited and
//     paid afterwards, once.
//
// The relayers act on logs 3 blocks deep (anvil: a block a second), so that (c) can drop a
// deposit that is already a block deep.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBridgeEnv } from '../lib/bridge-env.js';
import { accountHex, devKey, send, sudo, BRIDGE_CHANNEL, DEV_BRIDGE_RELAYERS } from '../lib/bridge-dev.js';
import { ANVIL_ADDRESSES, ANVIL_KEYS, depositedLog } from '../lib/evm.js';
import { errorCounts, metric } from '../lib/relayers.js';
import { sleep } from '../lib/node.js';
import { USD6, USD6_TO_USD, USDAI, USDC } from '../lib/units.js';

const CONFIRMATIONS = 3;
let env;

/** A test that prints the relayers' logs when it fails. */
const step = (name, fn, timeout = 180_000) => test(name, { timeout }, (t) => env.guard(() => fn(t)));

const lower = (s) => s.toString().toLowerCase();

before(async () => {
  env = await startBridgeEnv({ label: 'faults', confirmations: CONFIRMATIONS });
}, { timeout: 300_000 });

after(async () => {
  if (env) await env.stop();
});

/** Fails unless every nonce in `nonces` was credited exactly once and no relayer attested one twice (records from `from`). */
async function assertOncePerNonce(nonces, from) {
  for (const nonce of nonces) {
    const credits = env.watch.all('treasuryBridge', 'DepositCredited', (d) => d.nonce.toBigInt() === nonce, from);
    assert.equal(credits.length, 1, `deposit ${nonce} credited exactly once`);
    const voters = (await env.attestations(nonce, from)).map((a) => a.relayer);
    assert.equal(new Set(voters).size, voters.length, `no relayer attested deposit ${nonce} twice: ${voters}`);
  }
  assert.equal(env.watch.find('treasuryBridge', 'DepositConflict', () => true, from), undefined, 'no DepositConflict');
}

/** Resolves once `relayer` serves a healthy /health after a pass in which every duty succeeded. */
async function cleanPass(relayer, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await relayer.health().catch((e) => ({ error: e.message }));
    if (last.ok && last.body.last_progress_secs !== null) return last;
    await sleep(500);
  }
  throw new Error(`${relayer.name} made no clean pass within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

// Accounts across the tests.
const u1 = {};
const u3 = {};

step('(a) one relayer down: the other two credit deposits; restarted, it catches up without attesting twice', async () => {
  const { watch } = env;
  const [alice, bob, charlie] = env.relayers;
  u1.who = env.user('faults-a1');
  const u2 = env.user('faults-a2');
  const from = watch.mark();

  await charlie.stop();
  const d1 = await env.deposit({ amount: 100n * USD6, recipient: u1.who, intoUsdai: true });
  await env.waitCredited(d1.nonce, { from });
  const d2 = await env.deposit({ amount: 200n * USD6, recipient: u1.who, intoUsdai: false });
  await env.waitCredited(d2.nonce, { from });
  u1.usdc = 200n * USD6;
  for (const nonce of [d1.nonce, d2.nonce]) {
    const voters = (await env.attestations(nonce, from)).map((a) => a.relayer);
    assert.ok(voters.length >= 2 && voters.every((v) => v === alice.account || v === bob.account),
      `deposit ${nonce} attested by the two running relayers: ${voters}`);
  }
  assert.equal(await env.balance(USDAI, u1.who), 100n * USD6 * USD6_TO_USD);
  assert.equal(await env.balance(USDC, u1.who), 200n * USD6);

  // Charlie comes back; Bob goes down: Charlie's vote is now needed.
  const restartedAt = watch.mark();
  await charlie.start();
  await cleanPass(charlie);
  await bob.stop();
  const d3 = await env.deposit({ amount: 300n * USD6, recipient: u2, intoUsdai: true });
  await env.waitCredited(d3.nonce, { from });
  await bob.start();
  const voters = (await env.attestations(d3.nonce, from)).map((a) => a.relayer);
  assert.ok(voters.includes(charlie.account), `the restarted relayer attested deposit ${d3.nonce}: ${voters}`);
  assert.equal(await env.balance(USDAI, u2), 300n * USD6 * USD6_TO_USD);

  // It never attested what was credited while it was down, and nothing was counted twice.
  for (const nonce of [d1.nonce, d2.nonce]) {
    const late = (await env.attestations(nonce, restartedAt)).filter((a) => a.relayer === charlie.account);
    assert.equal(late.length, 0, `no late attestation of deposit ${nonce}`);
  }
  await assertOncePerNonce([d1.nonce, d2.nonce, d3.nonce], from);
  const metrics = await charlie.metrics();
  const errors = errorCounts(metrics);
  for (const kind of ['deposits', 'deposit_rejected', 'frozen', 'keys', 'key_taken']) {
    assert.equal(errors[kind] ?? 0, 0, `the restarted relayer counted no ${kind} error: ${JSON.stringify(errors)}`);
  }
  assert.equal(metric(metrics, 'usdai_relayer_last_attested_nonce', { channel: BRIDGE_CHANNEL }), Number(d3.nonce),
    'its last attested nonce is the deposit it voted for');
  await cleanPass(bob);
});

step('(b) a relayer attesting a wrong amount freezes the channel: nothing is credited until governance resolves it', async () => {
  const { api, evm, watch } = env;
  const liar = env.relayers[2];
  const liarKey = devKey(DEV_BRIDGE_RELAYERS[2].chainKey);
  u3.who = env.user('faults-b');
  const amount = 400n * USD6;
  const before = await env.channel();
  assert.equal(before.frozen, false);

  // The deposit lands in a block, and the EVM chain stops there until the lie is in: the honest
  // relayers wait for 3 confirmations.
  await liar.stop();
  await evm.pauseMining();
  let dep;
  const from = watch.mark();
  try {
    const sent = await evm.deposit(ANVIL_KEYS[0], {
      gateway: env.gateway, token: env.token(USDC), amount, recipient: accountHex(u3.who), intoUsdai: false,
    }, { wait: false });
    await evm.mine(1);
    const receipt = await evm.receiptOrNull(sent.hash);
    assert.equal(receipt?.status, 'success', 'the deposit is mined');
    dep = depositedLog(receipt);
    assert.equal(dep.nonce, before.nextNonce, 'the channel\'s next nonce');

    const wrong = {
      channel: BRIDGE_CHANNEL,
      nonce: dep.nonce,
      sourceTx: dep.transactionHash,
      asset: USDC,
      amount: amount * 10n,
      action: { Credit: { recipient: u3.who.address, intoUsdai: false } },
    };
    await send(api, api.tx.treasuryBridge.attestDeposit(wrong), liarKey);
    const lie = await watch.waitFor('treasuryBridge', 'DepositAttested', (d) => d.nonce.toBigInt() === dep.nonce, { from });
    assert.equal(lie.event.data.relayer.toString(), liar.account, 'the wrong amount is attested first');
    assert.equal(lie.event.data.votes.toNumber(), 1);
  } finally {
    await evm.resumeMining(1);
  }

  const conflict = await watch.waitFor('treasuryBridge', 'DepositConflict', (d) => d.nonce.toBigInt() === dep.nonce,
    { from, timeoutMs: 60_000, what: 'the honest relayers\' conflicting vote' });
  assert.notEqual(conflict.event.data.relayer.toString(), liar.account, 'an honest relayer contradicted it');
  assert.notEqual(conflict.event.data.attested.toHex(), conflict.event.data.conflicting.toHex());
  assert.equal((await env.channel()).frozen, true, 'the channel is frozen');

  // It stays frozen: the honest relayers keep reading the deposit and are refused.
  await watch.blocksLater(4);
  assert.ok((await evm.head()) >= dep.blockNumber + BigInt(CONFIRMATIONS) + 4n);
  const frozen = await env.channel();
  assert.deepEqual(frozen, { nextNonce: dep.nonce, frozen: true }, 'still frozen at the same nonce');
  assert.equal(watch.find('treasuryBridge', 'DepositCredited', (d) => d.nonce.toBigInt() === dep.nonce, from), undefined,
    'nothing credited for that nonce');
  assert.equal(await env.balance(USDC, u3.who), 0n, 'neither amount reached the recipient');
  const honest = await Promise.all(env.relayers.slice(0, 2).map((r) => r.metrics()));
  assert.ok(honest.some((m) => metric(m, 'usdai_relayer_errors_total', { kind: 'frozen' }) > 0),
    'the relayers report the frozen channel (errors_total{kind="frozen"})');

  // Governance: drop the votes, relayers attest again.
  const resolvedFrom = watch.mark();
  await sudo(api, api.tx.treasuryBridge.resolveConflict(BRIDGE_CHANNEL, 'Reattest'));
  await liar.start();
  const credited = await env.waitCredited(dep.nonce, { from: resolvedFrom });
  assert.equal(credited.event.data.credited.toBigInt(), amount, 'the true amount is credited');
  assert.equal(await env.balance(USDC, u3.who), amount);
  u3.usdc = amount;
  for (const { deposit } of await env.attestations(dep.nonce, resolvedFrom)) {
    assert.equal(deposit.amount, amount, 'after the resolution only the true contents are attested');
    assert.equal(deposit.sourceTx, lower(dep.transactionHash));
  }
  assert.equal(watch.all('treasuryBridge', 'DepositCredited', (d) => d.nonce.toBigInt() === dep.nonce, from).length, 1);
  assert.deepEqual(await env.channel(), { nextNonce: dep.nonce + 1n, frozen: false });
});

step('(c) a deposit reorganized away before it is confirmed is never credited; the next deposit takes its nonce', async () => {
  const { evm, watch } = env;
  const who = env.user('faults-c');
  const token = env.token(USDC);
  const depositor = ANVIL_ADDRESSES[0];
  const before = await env.channel();
  const gatewayNonce = await evm.gateway(env.gateway, 'nextNonce');
  assert.equal(gatewayNonce, before.nextNonce, 'gateway and chain agree on the next nonce');
  const balance = await evm.balanceOf(token, depositor);
  const from = watch.mark();

  await evm.pauseMining();
  let sent;
  try {
    sent = await evm.deposit(ANVIL_KEYS[0], {
      gateway: env.gateway, token, amount: 500n * USD6, recipient: accountHex(who), intoUsdai: true,
    }, { wait: false });
    await evm.mine(1);
    const receipt = await evm.receiptOrNull(sent.hash);
    assert.equal(receipt?.status, 'success', 'the deposit is mined');
    assert.equal((await evm.depositedLogs(env.gateway, { nonce: gatewayNonce })).length, 1, 'its log is there');
    // One block on top: visible, but still below the relayers' 3 confirmations.
    await evm.mine(1);
    await evm.reorg(2);
    assert.equal(await evm.receiptOrNull(sent.hash), null, 'the deposit is gone from the EVM chain');
    assert.equal((await evm.depositedLogs(env.gateway, { nonce: gatewayNonce })).length, 0, 'and its log');
    assert.equal(await evm.gateway(env.gateway, 'nextNonce'), gatewayNonce, 'its nonce is free again');
    assert.equal(await evm.balanceOf(token, depositor), balance, 'the depositor kept the USDC');
  } finally {
    await evm.resumeMining(1);
  }

  // Well past the confirmations and several relayer passes later: nothing about it on the chain.
  const head = await evm.head();
  await watch.blocksLater(3);
  while ((await evm.head()) < head + BigInt(CONFIRMATIONS) + 3n) await sleep(500);
  assert.deepEqual(await env.channel(), before, 'the channel did not move');
  assert.equal(watch.find('treasuryBridge', 'DepositAttested', (d) => d.nonce.toBigInt() === before.nextNonce, from), undefined,
    'nobody attested the reorganized deposit');
  assert.equal(await env.balance(USDAI, who), 0n);

  // The next deposit gets that nonce and is credited as itself.
  const next = await env.deposit({ amount: 600n * USD6, recipient: who, intoUsdai: true });
  assert.equal(next.nonce, before.nextNonce, 'the next deposit takes the freed nonce');
  const credited = await env.waitCredited(next.nonce, { from });
  assert.equal(credited.event.data.credited.toBigInt(), 600n * USD6);
  for (const { deposit } of await env.attestations(next.nonce, from)) {
    assert.equal(deposit.sourceTx, lower(next.hash), 'attested with the new transaction');
    assert.equal(deposit.amount, 600n * USD6);
  }
  assert.equal(await env.balance(USDAI, who), 600n * USD6 * USD6_TO_USD, 'exactly the second deposit');
  await assertOncePerNonce([next.nonce], from);
});

step('(d) halted, then resumed: deposits and a withdrawal made meanwhile are credited and paid afterwards, once', async () => {
  const { api, evm, watch } = env;
  const token = env.token(USDC);
  const destination = ANVIL_ADDRESSES[4];
  const paidBefore = await evm.balanceOf(token, destination);
  const who = env.user('faults-d');
  await env.fundChip(u3.who);
  const from = watch.mark();

  // u1 asks for its 200 USDC on the EVM chain and the bridge is halted in the same block, before
  // any relayer could sign. (`sudo` submits the halt through the guard; it lowers risk, so the
  // guard applies it at once, within the batch.)
  const { events } = await sudo(api, api.tx.utility.batchAll([
    api.tx.utility.dispatchAs({ system: { Signed: u1.who.address } },
      api.tx.treasuryBridge.requestWithdrawal(USDC, u1.usdc, destination)),
    api.tx.treasuryBridge.halt(),
  ]));
  const requested = events.find(({ event }) => event.section === 'treasuryBridge' && event.method === 'WithdrawalRequested');
  assert.ok(requested, 'the withdrawal was requested');
  assert.ok(events.some(({ event }) => event.section === 'treasuryBridge' && event.method === 'Halted'), 'and the bridge halted');
  const wnonce = requested.event.data.nonce.toBigInt();
  assert.equal((await api.call.treasuryBridgeApi.bridgeState()).halted.isTrue, true);

  // Meanwhile: two deposits on the gateway, and another withdrawal, which the chain refuses.
  const before = await env.channel();
  const d1 = await env.deposit({ amount: 700n * USD6, recipient: who, intoUsdai: true });
  const d2 = await env.deposit({ amount: 800n * USD6, recipient: who, intoUsdai: false });
  assert.deepEqual([d1.nonce, d2.nonce], [before.nextNonce, before.nextNonce + 1n]);
  await assert.rejects(
    send(api, api.tx.treasuryBridge.requestWithdrawal(USDC, u3.usdc, destination), u3.who),
    /treasuryBridge\.BridgeHalted/,
    'no withdrawal can be requested while halted',
  );

  // Long enough for both deposits to be confirmed and relayed many times over: nothing moves.
  while ((await evm.head()) < d2.evmBlock + BigInt(CONFIRMATIONS) + 3n) await sleep(500);
  await watch.blocksLater(3);
  assert.deepEqual(await env.channel(), before, 'no deposit credited while halted');
  assert.equal(await evm.executed(env.gateway, wnonce), false, 'the withdrawal is not paid while halted');
  assert.equal(await evm.balanceOf(token, destination), paidBefore);
  assert.equal(watch.find('treasuryBridge', 'SignatureSubmitted', (d) => d.subject.isOutbound && d.subject.asOutbound.toBigInt() === wnonce, from),
    undefined, 'nobody signed it');
  for (const r of env.relayers) {
    assert.ok(metric(await r.metrics(), 'usdai_relayer_errors_total', { kind: 'halted' }) > 0, `${r.name} reports the halt`);
  }

  const resumedFrom = watch.mark();
  await sudo(api, api.tx.treasuryBridge.resume());
  await env.waitCredited(d1.nonce, { from: resumedFrom });
  await env.waitCredited(d2.nonce, { from: resumedFrom });
  await watch.waitFor('treasuryBridge', 'OutboundExecuted', (d) => d.nonce.toBigInt() === wnonce,
    { from: resumedFrom, timeoutMs: 120_000, what: `OutboundExecuted of withdrawal ${wnonce}` });
  assert.equal(await env.balance(USDAI, who), 700n * USD6 * USD6_TO_USD);
  assert.equal(await env.balance(USDC, who), 800n * USD6);
  assert.equal(await evm.balanceOf(token, destination) - paidBefore, u1.usdc, 'the withdrawal was paid');
  const paid = await evm.withdrawalLogs(env.gateway, { nonce: wnonce });
  assert.equal(paid.length, 1, 'once');
  assert.equal(paid[0].args.who, accountHex(u1.who));

  await watch.blocksLater(3);
  await assertOncePerNonce([d1.nonce, d2.nonce], from);
  assert.equal((await evm.withdrawalLogs(env.gateway, { nonce: wnonce })).length, 1, 'still paid once');
  assert.equal(await evm.balanceOf(token, destination) - paidBefore, u1.usdc);
  assert.equal(watch.all('treasuryBridge', 'OutboundExecuted', (d) => d.nonce.toBigInt() === wnonce, from).length, 1);
});

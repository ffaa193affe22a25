// The treasury bridge end to end, as its users see it: a dev node of the fast runtime, anvil with
// the gateway, and three real relayers (two of three attest and sign). Nobody types an
// attestation: deposits on the gateway arrive on the chain, withdrawals requested on the chain
// are paid by the gateway, and the T-bill sleeve moves out, earns for sUSDai and comes back.
//
// The relayers act on EVM logs 2 blocks deep (anvil mines a block a second) and poll every second.
// The latencies printed as test diagnostics go into README.md's "Bridge latency" table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { recoverAddress } from 'viem';
import { startBridgeEnv } from '../lib/bridge-env.js';
import { accountHex, send, sudo, BRIDGE_CHANNEL, RELAYER_THRESHOLD, DEV_BRIDGE_RELAYERS } from '../lib/bridge-dev.js';
import { ANVIL_ADDRESSES, ANVIL_KEYS, ANVIL_CHAIN_ID } from '../lib/evm.js';
import { redemptionPrice } from '../lib/usdai.js';
import { USD, USD6, USD6_TO_USD, USDAI, USDC } from '../lib/units.js';

const CONFIRMATIONS = 2;
let env;

/** A test that prints the relayers' logs when it fails. */
const step = (name, fn, timeout = 180_000) => test(name, { timeout }, (t) => env.guard(() => fn(t)));

const lower = (s) => s.toString().toLowerCase();

before(async () => {
  env = await startBridgeEnv({ label: 'flows', confirmations: CONFIRMATIONS });
}, { timeout: 300_000 });

after(async () => {
  if (env) await env.stop();
});

// Shared across the tests, in order: who received what.
const saver = { amount: 2_500n * USD6 };
const holder = { amount: 300n * USD6 };

step('the relayers registered their EVM keys: the chain\'s signer set 1 is the gateway\'s', async () => {
  const { api, evm, gateway } = env;
  assert.equal((await api.query.treasuryBridge.signerEpoch()).toNumber(), 1, 'one complete signer set on the chain');
  const set = (await api.query.treasuryBridge.signerSets(1)).unwrap();
  const onGateway = await evm.gateway(gateway, 'signers');
  assert.deepEqual(set.signers.map(lower), onGateway.map(lower), 'the same keys, in the same (ascending) order');
  assert.equal(set.threshold.toNumber(), RELAYER_THRESHOLD);
  assert.equal(await evm.gateway(gateway, 'threshold'), RELAYER_THRESHOLD);
  assert.equal(await evm.gateway(gateway, 'signerEpoch'), 1);
  for (const [i, r] of env.relayers.entries()) {
    const key = await api.query.treasuryBridge.relayerEvmKeys(r.account);
    assert.equal(lower(key.unwrap()), lower(DEV_BRIDGE_RELAYERS[i].evmAddress), `${r.name} registered its own EVM key`);
    const health = await r.health();
    assert.equal(health.status, 200, `${r.name} is healthy: ${JSON.stringify(health.body)}`);
  }
  const info = (await api.query.treasuryBridge.gateway()).unwrap();
  assert.equal(info.channel.toNumber(), BRIDGE_CHANNEL);
  assert.equal(info.chainId.toNumber(), ANVIL_CHAIN_ID);
  assert.equal(lower(info.address), lower(gateway));
});

step('a deposit on the gateway becomes USDai for its 32-byte recipient, with no hand-typed call', async (t) => {
  const { watch } = env;
  saver.who = env.user('saver');
  const from = watch.mark();
  const chainFrom = watch.head;
  const dep = await env.deposit({ amount: saver.amount, recipient: saver.who, intoUsdai: true });
  assert.equal(dep.recipient, accountHex(saver.who), 'the log carries the 32-byte AccountId');

  const credited = await env.waitCredited(dep.nonce, { from });
  const latency = await env.latency(dep, credited, chainFrom);
  t.diagnostic(`deposit → USDai: ${latency.seconds} s, ${latency.evmBlocks} EVM blocks, ${latency.chainBlocks} chain blocks `
    + `(confirmations ${CONFIRMATIONS}, anvil 1 s blocks, chain 3 s blocks)`);
  saver.latency = latency;

  const c = credited.event.data;
  assert.equal(c.recipient.toString(), saver.who.address, 'credited to the recipient of the log');
  assert.equal(c.asset.toNumber(), USDC);
  assert.equal(c.credited.toBigInt(), saver.amount, 'the whole amount, nothing queued');
  assert.equal(c.queued.toBigInt(), 0n);
  const toVault = watch.find('treasuryBridge', 'DepositedToVault', (d) => d.recipient.toString() === saver.who.address, from);
  assert.ok(toVault, 'the credit went into the vault (intoUsdai)');
  assert.equal(toVault.event.data.usdai.toBigInt(), saver.amount * USD6_TO_USD);
  assert.equal(await env.balance(USDAI, saver.who), saver.amount * USD6_TO_USD, '2,500 USDai');
  assert.equal(await env.balance(USDC, saver.who), 0n, 'no USDC left over');

  const attestations = await env.attestations(dep.nonce, from);
  assert.ok(attestations.length >= RELAYER_THRESHOLD, `at least ${RELAYER_THRESHOLD} relayers attested`);
  assert.equal(new Set(attestations.map((a) => a.relayer)).size, attestations.length, 'each relayer once');
  for (const { relayer, deposit } of attestations) {
    assert.ok(env.relayerOf(relayer), `${relayer} is one of the relayers`);
    assert.deepEqual(deposit, {
      nonce: dep.nonce,
      sourceTx: lower(dep.hash),
      asset: USDC,
      amount: saver.amount,
      recipient: saver.who.address,
      intoUsdai: true,
      recall: undefined,
    }, 'what the chain credited is exactly the EVM log: nonce, source transaction, asset, amount, recipient, intoUsdai');
  }
  assert.equal((await env.channel()).nextNonce, dep.nonce + 1n);
});

step('with intoUsdai false the deposit is credited as bridged USDC', async (t) => {
  const { watch } = env;
  holder.who = env.user('holder');
  const from = watch.mark();
  const chainFrom = watch.head;
  const dep = await env.deposit({ amount: holder.amount, recipient: holder.who, intoUsdai: false });
  const credited = await env.waitCredited(dep.nonce, { from });
  const latency = await env.latency(dep, credited, chainFrom);
  t.diagnostic(`deposit → USDC: ${latency.seconds} s, ${latency.evmBlocks} EVM blocks, ${latency.chainBlocks} chain blocks`);

  assert.equal(credited.event.data.recipient.toString(), holder.who.address);
  assert.equal(credited.event.data.credited.toBigInt(), holder.amount);
  assert.equal(await env.balance(USDC, holder.who), holder.amount, '300 USDC');
  assert.equal(await env.balance(USDAI, holder.who), 0n, 'no USDai');
  assert.equal(watch.find('treasuryBridge', 'DepositedToVault', (d) => d.recipient.toString() === holder.who.address, from), undefined);
  for (const { deposit } of await env.attestations(dep.nonce, from)) {
    assert.equal(deposit.sourceTx, lower(dep.hash));
    assert.equal(deposit.amount, holder.amount);
    assert.equal(deposit.intoUsdai, false);
  }
});

step('a withdrawal requested on the chain is paid by the gateway exactly once, with threshold signatures', async (t) => {
  const { api, evm, gateway, watch } = env;
  const destination = ANVIL_ADDRESSES[5];
  const token = env.token(USDC);
  const paidBefore = await evm.balanceOf(token, destination);
  const gatewayBefore = await evm.balanceOf(token, gateway);
  await env.fundChip(holder.who);

  const from = watch.mark();
  const { events } = await send(api, api.tx.treasuryBridge.requestWithdrawal(USDC, holder.amount, destination), holder.who);
  const requested = events.find(({ event }) => event.section === 'treasuryBridge' && event.method === 'WithdrawalRequested');
  assert.ok(requested, 'WithdrawalRequested');
  const nonce = requested.event.data.nonce.toBigInt();
  assert.equal(await env.balance(USDC, holder.who), 0n, 'burnt on the chain at once');
  const requestRecord = await watch.waitFor('treasuryBridge', 'WithdrawalRequested', (d) => d.nonce.toBigInt() === nonce, { from });

  const executed = await watch.waitFor('treasuryBridge', 'OutboundExecuted', (d) => d.nonce.toBigInt() === nonce,
    { from, timeoutMs: 120_000, what: `OutboundExecuted of withdrawal ${nonce}` });
  const logs = await evm.withdrawalLogs(gateway, { nonce });
  assert.equal(logs.length, 1, 'paid once on the gateway');
  const [paid] = logs;
  assert.equal(paid.args.who, accountHex(holder.who), 'for the chain account that withdrew');
  assert.equal(paid.args.asset, USDC);
  assert.equal(paid.args.amount, holder.amount);
  assert.equal(paid.args.destination, destination);
  assert.equal(await evm.balanceOf(token, destination) - paidBefore, holder.amount, 'the destination received exactly 300 USDC');
  assert.equal(gatewayBefore - await evm.balanceOf(token, gateway), holder.amount, 'out of the gateway');
  assert.equal(await evm.executed(gateway, nonce), true, 'executed(nonce)');

  const paidBlock = await evm.block(paid.blockNumber);
  const seconds = Number(paidBlock.timestamp) - requestRecord.timestamp / 1000;
  const confirmed = executed.timestamp / 1000 - requestRecord.timestamp / 1000;
  t.diagnostic(`withdrawal: paid on the gateway ${seconds} s after the request's block, confirmed on the chain after ${confirmed} s `
    + `(${executed.n - requestRecord.n} chain blocks)`);
  holder.withdrawalLatency = { seconds, confirmed };

  // The signatures the gateway took: stored on the chain until the message was done.
  const parent = (await api.rpc.chain.getHeader(executed.hash)).parentHash;
  const stored = (await (await api.at(parent)).query.treasuryBridge.outboundSignatures(nonce)).unwrap();
  assert.equal(stored.epoch.toNumber(), 1, 'signed under signer set 1');
  assert.equal(lower(stored.gateway.address), lower(gateway), 'bound to this gateway');
  assert.equal(stored.gateway.chainId.toNumber(), ANVIL_CHAIN_ID);
  const signatures = stored.signatures.map(([signer, sig]) => ({ signer: signer.toHex(), sig: sig.toHex() }));
  assert.ok(signatures.length >= RELAYER_THRESHOLD, `${signatures.length} signatures on the chain, threshold ${RELAYER_THRESHOLD}`);
  const who = accountHex(holder.who);
  const digest = await evm.gateway(gateway, 'withdrawalDigest', [nonce, who, USDC, holder.amount, destination]);
  const members = (await evm.gateway(gateway, 'signers')).map(lower);
  for (const { signer, sig } of signatures) {
    assert.equal(lower(await recoverAddress({ hash: digest, signature: sig })), lower(signer), 'each signature is its signer\'s over the gateway\'s digest');
    assert.ok(members.includes(lower(signer)), 'by a member of the gateway\'s signer set');
  }

  // Paying it again with the same signatures is refused by the gateway.
  const sigs = [...signatures].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1)).map((s) => s.sig);
  await assert.rejects(
    evm.simulateWithdrawal(ANVIL_KEYS[0], gateway, { nonce, who, asset: USDC, amount: holder.amount, destination, sigs }),
    (e) => e.cause?.data?.errorName === 'AlreadyExecuted' || /AlreadyExecuted/.test(e.message),
    'a second execution reverts with AlreadyExecuted',
  );
  await watch.blocksLater(2);
  assert.equal((await evm.withdrawalLogs(gateway, { nonce })).length, 1, 'still paid once');
  assert.equal(await evm.balanceOf(token, destination) - paidBefore, holder.amount);
  assert.equal((await api.call.treasuryBridgeApi.outbound(nonce, 1)).filter(([n]) => n.toBigInt() === nonce).length, 0, 'no longer waiting on the chain');
  assert.equal(watch.all('treasuryBridge', 'OutboundExecuted', (d) => d.nonce.toBigInt() === nonce, from).length, 1);
});

step('the sleeve: reserve moves into the T-bill fund, its yield raises sUSDai\'s price, a recall brings it back', async (t) => {
  const { api, evm, gateway, watch } = env;
  const token = env.token(USDC);
  const vault = env.fund(USDC);
  const bridgeState = () => api.call.treasuryBridgeApi.bridgeState();

  // sUSDai holders to earn the yield: the saver stakes 2,000 of its USDai.
  await env.fundChip(saver.who);
  await send(api, api.tx.usdai.stake(2_000n * USD, 0), saver.who);

  // Half the reserve to the sleeve.
  const reserve = (await api.query.usdai.reserves(USDC)).toBigInt();
  assert.ok(reserve >= saver.amount, `the reserve holds the deposited USDC (${reserve})`);
  await sudo(api, api.tx.treasuryBridge.setSleeveTarget(5_000));
  const gatewayBefore = await evm.balanceOf(token, gateway);
  let from = watch.mark();
  const { events } = await send(api, api.tx.treasuryBridge.rebalanceSleeve(USDC), saver.who);
  const moved = events.find(({ event }) => event.section === 'treasuryBridge' && event.method === 'MovedToSleeve');
  assert.ok(moved, 'rebalance_sleeve moved reserve out');
  const moveNonce = moved.event.data.nonce.toBigInt();
  const amount = moved.event.data.amount.toBigInt();
  assert.equal(amount, reserve / 2n, 'half of the reserve (target 50 %, empty sleeve)');

  await watch.waitFor('treasuryBridge', 'OutboundExecuted', (d) => d.nonce.toBigInt() === moveNonce,
    { from, timeoutMs: 120_000, what: `OutboundExecuted of ToSleeve ${moveNonce}` });
  assert.equal(await evm.executed(gateway, moveNonce), true, 'ToSleeve executed on the gateway');
  assert.equal((await evm.movedToSleeveLogs(gateway, { nonce: moveNonce })).length, 1);
  assert.ok(await evm.sharesOf(vault, gateway) > 0n, 'the gateway owns the fund\'s shares');
  assert.equal(await evm.assetsOf(vault, gateway), amount, 'worth what was moved');
  assert.equal(gatewayBefore - await evm.balanceOf(token, gateway), amount, 'the USDC left the gateway for the fund');
  const book = (await bridgeState()).sleeveValue.toBigInt();
  assert.equal(book, amount * USD6_TO_USD, 'the vault books the sleeve at what was moved');

  // The relayers value the sleeve at the new sequence before it earns.
  const sequence = (await bridgeState()).sleeveSequence.toBigInt();
  await watch.waitFor('treasuryBridge', 'NavAccepted',
    (d) => d.report.sequence.toBigInt() === sequence && d.report.value.toBigInt() === book,
    { from, timeoutMs: 120_000, what: 'a NAV report of the sleeve as moved' });

  // The fund earns 10 USDC (0.8 %, within the 1 %-an-hour NAV limit).
  const earned = 10n * USD6;
  const priceBefore = await redemptionPrice(api);
  const shares = (await api.call.usdaiApi.nav()).totalShares.toBigInt();
  from = watch.mark();
  await evm.addYield(ANVIL_KEYS[0], vault, earned);
  const fundValue = await evm.assetsOf(vault, gateway);
  assert.ok(fundValue >= amount + earned - 1n && fundValue <= amount + earned, `the gateway's shares are worth ${fundValue}`);
  const accepted = await watch.waitFor('treasuryBridge', 'NavAccepted', (d) => d.report.value.toBigInt() > book,
    { from, timeoutMs: 120_000, what: 'a NAV report with the yield' });
  assert.equal(accepted.event.data.report.value.toBigInt(), fundValue * USD6_TO_USD, 'the accepted NAV is the fund\'s value of the gateway\'s shares');
  const votes = watch.all('treasuryBridge', 'NavAttested',
    (d) => d.report.timestamp.toBigInt() === accepted.event.data.report.timestamp.toBigInt(), from);
  assert.ok(new Set(votes.map((v) => v.event.data.relayer.toString())).size >= RELAYER_THRESHOLD, 'reported by the threshold of relayers');
  const yields = watch.all('usdai', 'SleeveYield', () => true, from);
  assert.equal(yields.length, 1, 'one booking of sleeve yield');
  const { growth, split, vestedAt } = yields[0].event.data;
  assert.ok(earned * USD6_TO_USD - growth.toBigInt() <= USD6_TO_USD && growth.toBigInt() <= earned * USD6_TO_USD,
    `the vault booked what the fund earned, within a base unit: ${growth} of ${earned * USD6_TO_USD}`);
  const toVault = split.toVault.toBigInt();
  assert.equal(toVault, growth.toBigInt() - split.protocolFee.toBigInt() - split.insurance.toBigInt(), 'the rest after the fees goes to sUSDai');

  // Once vested, sUSDai's price has risen by the holders' part of it.
  await watch.waitForBlock(vestedAt.toNumber() + 1);
  const priceAfter = await redemptionPrice(api);
  const expected = (toVault * USD) / shares;
  const rise = priceAfter - priceBefore;
  t.diagnostic(`sUSDai: ${priceBefore} → ${priceAfter} (+${rise}), the fund earned ${earned} USDC base units, ${toVault} USDai to holders`);
  assert.ok(rise > 0n, 'sUSDai is worth more');
  assert.ok(rise >= expected - 2n && rise <= expected + 2n, `the price rose by the holders' part of the yield: ${rise} vs ${expected}`);

  // A recall of the whole sleeve comes back into the reserve.
  const sleeveNow = (await bridgeState()).sleeveValue.toBigInt();
  const worth = await evm.assetsOf(vault, gateway);
  const recallAmount = sleeveNow / USD6_TO_USD < worth ? sleeveNow / USD6_TO_USD : worth;
  const reserveBefore = (await api.query.usdai.reserves(USDC)).toBigInt();
  const gatewayBeforeRecall = await evm.balanceOf(token, gateway);
  from = watch.mark();
  const recall = await sudo(api, api.tx.treasuryBridge.requestRecall(USDC, recallAmount));
  const requested = recall.events.find(({ event }) => event.section === 'treasuryBridge' && event.method === 'RecallRequested');
  assert.ok(requested, 'RecallRequested');
  const recallNonce = requested.event.data.nonce.toBigInt();
  assert.equal((await bridgeState()).recallOutstanding.toBigInt(), recallAmount * USD6_TO_USD);

  const returned = await watch.waitFor('treasuryBridge', 'SleeveReturned', (d) => d.recall.toBigInt() === recallNonce,
    { from, timeoutMs: 150_000, what: `the sleeve return of recall ${recallNonce}` });
  assert.equal(returned.event.data.amount.toBigInt(), recallAmount);
  assert.equal(returned.event.data.channel.toNumber(), BRIDGE_CHANNEL);
  const inbound = returned.event.data.nonce.toBigInt();
  const evmReturns = await evm.sleeveReturnedLogs(gateway, { nonce: inbound });
  assert.equal(evmReturns.length, 1, 'the gateway emitted SleeveReturned with that inbound nonce');
  assert.equal(evmReturns[0].args.recall, recallNonce);
  assert.equal(evmReturns[0].args.amount, recallAmount);
  assert.equal(await evm.executed(gateway, recallNonce), true, 'the recall was executed on the gateway');
  assert.equal(await evm.balanceOf(token, gateway) - gatewayBeforeRecall, recallAmount, 'the USDC is back in the gateway');
  const [attested] = await env.attestations(inbound, from);
  assert.equal(attested.deposit.recall, recallNonce, 'attested as the return of that recall');
  assert.equal(attested.deposit.sourceTx, lower(evmReturns[0].transactionHash));

  const state = await bridgeState();
  assert.equal(state.recallOutstanding.toBigInt(), 0n, 'RecallOutstanding is 0');
  assert.equal((await api.query.usdai.reserves(USDC)).toBigInt() - reserveBefore, recallAmount, 'credited to the reserve');
  assert.equal((await api.query.treasuryBridge.outbound(recallNonce)).isNone, true, 'the recall is complete');
}, 300_000);

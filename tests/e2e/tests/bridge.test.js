// The treasury bridge on a dev node through @polkadot/api: three of the four dev relayers credit
// a USDC deposit straight into USDai without paying fees, a stranger's and a replayed
// attestation are refused by the transaction pool, and a withdrawal is numbered and confirmed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize } from '../lib/node.js';
import { findEvent } from '../lib/events.js';
import { assetBalance } from '../lib/chain.js';
import { devRelayers, nextDeposits, DEV_CHANNEL } from '../lib/bridge.js';
import { USD, USD6, USDC, USDAI } from '../lib/units.js';

let node, api, bob, relayers, deposit;

const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
const asset = (id, who) => assetBalance(api, id, who);
const nextNonce = async () => (await api.query.treasuryBridge.channels(DEV_CHANNEL)).unwrap().nextNonce.toBigInt();

before(async () => {
  node = await startNode(['--dev']);
  api = node.api;
  bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
  relayers = devRelayers();
});

after(async () => {
  if (node) await node.stop();
});

test('genesis has four relayers, a threshold of three and the dev channel', async () => {
  const state = await api.call.treasuryBridgeApi.bridgeState();
  assert.equal(state.relayers.length, 4);
  assert.equal(state.threshold.toNumber(), 3);
  assert.equal(state.halted.isTrue, false);
  const channels = await api.call.treasuryBridgeApi.channels();
  assert.deepEqual(channels.map((c) => c.channel.toNumber()), [DEV_CHANNEL]);
});

test('three relayers credit a deposit into USDai and pay no fee', async () => {
  [deposit] = await nextDeposits(api, [[bob, 1_000n * USD6, true]]);
  const before = await Promise.all(relayers.slice(0, 3).map(free));
  const usdaiBefore = await asset(USDAI, bob);
  const results = await Promise.all(
    relayers.slice(0, 3).map((r) => sendAndFinalize(api, api.tx.treasuryBridge.attestDeposit(deposit), r)),
  );
  const events = results.flatMap((r) => r.events);
  const credited = findEvent(events, 'treasuryBridge', 'DepositCredited');
  assert.ok(credited, 'the third attestation credits the deposit');
  assert.equal((await asset(USDAI, bob)) - usdaiBefore, 1_000n * USD);
  assert.equal(await asset(USDC, bob), 0n, 'the USDC went into the vault');
  assert.deepEqual(await Promise.all(relayers.slice(0, 3).map(free)), before, 'attestations are free');
  assert.equal(await nextNonce(), deposit.nonce + 1n);
});

test('a stranger and a replay are refused before they reach a block', async () => {
  const nonce = await nextNonce();
  await assert.rejects(sendAndFinalize(api, api.tx.treasuryBridge.attestDeposit(deposit), bob), /Invalid Transaction/);
  await assert.rejects(
    sendAndFinalize(api, api.tx.treasuryBridge.attestDeposit(deposit), relayers[3]),
    /Invalid Transaction/,
  );
  assert.equal(await nextNonce(), nonce);
});

test('a withdrawal is burnt, numbered and confirmed by the relayers', async () => {
  await sendAndFinalize(api, api.tx.usdai.redeem(USDC, 400n * USD, 0), bob);
  assert.equal(await asset(USDC, bob), 400n * USD6);
  const destination = `0x${'ab'.repeat(20)}`;
  await assert.rejects(
    sendAndFinalize(api, api.tx.treasuryBridge.requestWithdrawal(USDC, 401n * USD6, destination), bob),
    /treasuryBridge\.InsufficientBalance/,
  );
  const { events } = await sendAndFinalize(
    api,
    api.tx.treasuryBridge.requestWithdrawal(USDC, 400n * USD6, destination),
    bob,
  );
  const nonce = findEvent(events, 'treasuryBridge', 'WithdrawalRequested').data.nonce.toBigInt();
  assert.equal(await asset(USDC, bob), 0n);
  const waiting = await api.call.treasuryBridgeApi.outbound(nonce, 10);
  assert.equal(waiting.length, 1);
  assert.equal(waiting[0][1].asWithdrawal.amount.toBigInt(), 400n * USD6);

  await Promise.all(relayers.slice(0, 3).map((r) => sendAndFinalize(api, api.tx.treasuryBridge.attestWithdrawal(nonce), r)));
  assert.equal((await api.call.treasuryBridgeApi.outbound(nonce, 10)).length, 0);
  const state = await api.call.treasuryBridgeApi.bridgeState();
  assert.equal(state.nextOutboundNonce.toBigInt(), nonce + 1n);
  const usdc = state.assets.find((a) => a.asset.toNumber() === USDC);
  assert.equal(usdc.totals.credited.toBigInt() - usdc.totals.withdrawn.toBigInt(), (await api.query.assets.asset(USDC)).unwrap().supply.toBigInt());
});

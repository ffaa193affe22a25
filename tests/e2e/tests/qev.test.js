// The QEV redemption queue on a dev node through @polkadot/api: a holder requests redemption,
// the queue fills it in a later block from the vault's idle cash, the holder claims the USDai,
// and bad input surfaces by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize, sleep } from '../lib/node.js';
import { findEvent } from '../lib/events.js';
import { assetBalance } from '../lib/chain.js';
import { bridgeIn } from '../lib/bridge.js';
import { ticketView } from '../lib/qev.js';
import { USD, USD6, USDAI } from '../lib/units.js';

let node, api, alice, bob;

before(async () => {
  node = await startNode(['--dev']);
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob] = ['//Alice', '//Bob'].map((u) => keyring.addFromUri(u));
  await bridgeIn(api, [[alice, 1_000n * USD6, true]]);
  await sendAndFinalize(api, api.tx.usdai.stake(1_000n * USD, 1), alice);
});

after(async () => {
  if (node) await node.stop();
});

const usdai = (who) => assetBalance(api, USDAI, who);

test('a redemption request is filled from idle cash by the queue and claimed', async () => {
  const before = await usdai(alice);
  const { events } = await sendAndFinalize(api, api.tx.qev.requestRedemption(100n * USD, 99n * USD), alice);
  const ticket = findEvent(events, 'qev', 'RedemptionRequested').data.ticket.toNumber();
  // Filled at the end of a later block (the block that takes a request reserves nothing for it).
  let view;
  for (let i = 0; i < 20; i++) {
    await sleep(3_000);
    view = await ticketView(api, ticket);
    if (view.position.isNone) break;
  }
  assert.ok(view.position.isNone, 'the ticket was filled');
  const claimable = view.ticket.claimable.toBigInt();
  assert.ok(claimable >= 99n * USD && claimable <= 100n * USD, `filled for ${claimable}`);
  assert.equal(await usdai(alice), before, 'nothing is paid before the claim');
  assert.equal((await api.call.qevApi.queueSummary()).tickets.toNumber(), 0);

  // Anyone may claim for the owner; the ticket then ends.
  const claimed = await sendAndFinalize(api, api.tx.qev.claim(ticket), bob);
  const event = findEvent(claimed.events, 'qev', 'Claimed');
  assert.equal(event.data.amount.toBigInt(), claimable);
  assert.equal(event.data.closed.isTrue, true);
  assert.equal((await usdai(alice)) - before, claimable);
  assert.ok((await api.call.qevApi.ticket(ticket)).isNone);
  await assert.rejects(sendAndFinalize(api, api.tx.qev.claim(ticket), bob), /qev\.UnknownTicket/);
});

test('bad requests fail by name and change nothing', async () => {
  await assert.rejects(
    sendAndFinalize(api, api.tx.qev.requestRedemption(USD / 2n, 0), alice),
    /qev\.BelowMinimum/,
  );
  await assert.rejects(sendAndFinalize(api, api.tx.qev.cancel(42), bob), /qev\.UnknownTicket/);
  assert.equal((await api.call.qevApi.queueSummary()).tickets.toNumber(), 0);
});

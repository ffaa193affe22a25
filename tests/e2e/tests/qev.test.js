// The QEV redemption queue on a dev node through @polkadot/api: a holder requests redemption,
// the queue settles it in a later block from the vault's idle cash, and bad input surfaces by
// name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize, sleep } from '../lib/node.js';

const USD = 10n ** 18n;
const USD6 = 10n ** 6n;
let node, api, alice, bob;

before(async () => {
  node = await startNode(['--dev']);
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob] = ['//Alice', '//Bob'].map((u) => keyring.addFromUri(u));
  const bridge = (await api.query.assets.asset(1)).unwrap().issuer.toString();
  await sendAndFinalize(api, api.tx.sudo.sudoAs(bridge, api.tx.assets.mint(1, alice.address, 1_000n * USD6)), alice);
  await sendAndFinalize(
    api,
    api.tx.utility.batchAll([api.tx.usdai.deposit(1, 1_000n * USD6, 0), api.tx.usdai.stake(1_000n * USD, 1)]),
    alice,
  );
});

after(async () => {
  if (node) await node.stop();
});

const usdai = async (who) => {
  const account = await api.query.assets.account(100, who.address);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
};

test('a redemption request is settled from idle cash by the queue', async () => {
  const before = await usdai(alice);
  const { events } = await sendAndFinalize(api, api.tx.qev.requestRedemption(100n * USD, 99n * USD), alice);
  const requested = events.find(({ event }) => api.events.qev.RedemptionRequested.is(event));
  const ticket = requested.event.data.ticket.toNumber();
  // Settled at the end of a later block (the block that takes a request reserves nothing for it).
  let filled = false;
  for (let i = 0; i < 20 && !filled; i++) {
    await sleep(3_000);
    filled = (await api.query.qev.tickets(ticket)).isNone;
  }
  assert.ok(filled, 'the ticket was filled');
  const paid = (await usdai(alice)) - before;
  assert.ok(paid >= 99n * USD && paid <= 100n * USD, `paid ${paid}`);
  const summary = await api.call.qevApi.queueSummary();
  assert.equal(summary.tickets.toNumber(), 0);
});

test('bad requests fail by name and change nothing', async () => {
  await assert.rejects(
    sendAndFinalize(api, api.tx.qev.requestRedemption(USD / 2n, 0), alice),
    /qev\.BelowMinimum/,
  );
  await assert.rejects(sendAndFinalize(api, api.tx.qev.cancel(42), bob), /qev\.UnknownTicket/);
  assert.equal((await api.call.qevApi.queueSummary()).tickets.toNumber(), 0);
});

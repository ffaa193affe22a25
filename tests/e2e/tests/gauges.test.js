// Gauges on a dev node through @polkadot/api: a CHIP holder locks for voting power, votes a
// stack, and the next epoch's weights show it; bad input surfaces by name and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize } from '../lib/node.js';
import { findEvent } from '../lib/events.js';
import { bridgeIn } from '../lib/bridge.js';
import { stackTerms, stackView } from '../lib/filo.js';
import { CHIP, USD, USD6 } from '../lib/units.js';

let node, api, alice, charlie, stack, maxLock;

before(async () => {
  node = await startNode(['--dev']);
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, charlie] = ['//Alice', '//Charlie'].map((u) => keyring.addFromUri(u));
  maxLock = api.consts.gauges.maxLockDuration.toNumber();
  await bridgeIn(api, [[charlie, 10_000n * USD6, true]]);
  const terms = stackTerms();
  const { events } = await sendAndFinalize(api, api.tx.filo.openStack(10_000n * USD, terms), charlie);
  stack = findEvent(events, 'filo', 'StackOpened').data.stack.toNumber();
});

after(async () => {
  if (node) await node.stop();
});

test('a lock holds CHIP and gives voting power by its length', async () => {
  const before = (await api.query.system.account(alice.address)).data;
  await sendAndFinalize(api, api.tx.gauges.lock(1_000n * CHIP, maxLock), alice);
  const after = (await api.query.system.account(alice.address)).data;
  assert.equal(after.reserved.toBigInt() - before.reserved.toBigInt(), 1_000n * CHIP, 'the CHIP is held');
  const locker = await api.call.gaugesApi.locker(alice.address);
  assert.equal(locker.locked.toBigInt(), 1_000n * CHIP);
  // Nearly the longest lock: nearly full power, never more than the CHIP locked.
  assert.ok(locker.power.toBigInt() > 900n * CHIP && locker.power.toBigInt() <= 1_000n * CHIP);
});

test('a vote shows in the next epoch weights, not the current ones', async () => {
  await sendAndFinalize(api, api.tx.gauges.vote([[stack, 1_000_000_000]]), alice);
  const next = await api.call.gaugesApi.nextWeights();
  assert.deepEqual(next.gauges.map((g) => g.stack.toNumber()), [stack]);
  assert.equal(next.gauges[0].share.toNumber(), 1_000_000_000, 'the only gauge has 100%');
  const current = await api.call.gaugesApi.currentWeights();
  assert.equal(current.gauges.length, 0);
  // Until a vote is in force, governance caps grant capacity (none is set here).
  assert.ok((await stackView(api, stack)).capacity.isNone);
});

test('bad input is refused by name and changes nothing', async () => {
  // Power decays block by block: compare the locks and votes.
  const position = async () => {
    const l = (await api.call.gaugesApi.locker(alice.address)).toJSON();
    return { locked: l.locked, locks: l.locks, votes: l.votes };
  };
  const before = await position();
  await assert.rejects(sendAndFinalize(api, api.tx.gauges.unlock(), alice), /gauges\.NothingToUnlock/);
  await assert.rejects(sendAndFinalize(api, api.tx.gauges.vote([[999, 1_000_000_000]]), alice), /gauges\.UnknownStack/);
  await assert.rejects(sendAndFinalize(api, api.tx.gauges.lock(1_000n * CHIP, maxLock + 1), alice), /gauges\.LockTooLong/);
  assert.deepEqual(await position(), before);
});

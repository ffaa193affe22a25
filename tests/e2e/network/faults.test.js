// Fault tests on a zombienet network of four validators (Alice, Bob, Charlie, Dave) and a full
// node (Eve) on the fast-runtime chain (see zombienet/faults.toml for why four: GRANDPA needs more
// than two thirds of its voters, so four is the smallest set that finalizes with one down).
//
// - A validator is killed: blocks keep being produced and finalized without it.
// - It is restarted from its database: it resumes from where it stopped (no resync from genesis),
//   still holds the blocks from before, and catches up with the network.
// - The whole network is killed and restarted from its databases: the chain continues from its
//   last finalized block and every balance is unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { startNetwork } from '../lib/network.js';
import { sendAndFinalize, sleep } from '../lib/node.js';
import * as chain from '../lib/chain.js';
import { bridgeIn } from '../lib/bridge.js';
import { CHIP, USD, USD6, USDAI } from '../lib/units.js';

const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];

let net, api, alice, carol, charlieKey;

/** The finalized head's number as `name` sees it. */
const finalizedNumber = async (name) => chain.finalizedNumber(await net.api(name));

/** The best block's number as `name` sees it. */
const bestNumber = async (name) => chain.bestNumber(await net.api(name));

/**
 * Resolves once `read(name)` reaches `n`, polling every `everyMs` (a failed read counts as -1:
 * the node may be restarting).
 */
const reaches = (read, name, n, timeoutMs, what = `${name} reaching #${n}`, everyMs = 1_000) =>
  chain.reaches(() => read(name).catch(() => -1), n, timeoutMs, what, everyMs);

/** Resolves once `name`'s finalized head reaches `n`. */
const finalizedAtLeast = (name, n, timeoutMs = 120_000) => reaches(finalizedNumber, name, n, timeoutMs);

/** Balances the tests compare across restarts, read at `hash` through `name`. */
async function snapshot(name, hash) {
  const at = await (await net.api(name)).at(hash);
  return {
    aliceChip: (await at.query.system.account(alice.address)).data.free.toBigInt(),
    carolChip: (await at.query.system.account(carol.address)).data.free.toBigInt(),
    carolUsdai: await chain.assetBalance(at, USDAI, carol.address),
    usdaiSupply: (await at.query.assets.asset(USDAI)).unwrap().supply.toBigInt(),
  };
}

before(async () => {
  net = await startNetwork('faults');
  api = await net.api('eve');
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  carol = keyring.addFromUri('//FaultsCarol');
  charlieKey = u8aToHex(keyring.addFromUri('//Charlie').publicKey);
  // State worth keeping: CHIP sent to a new account and dollars bridged into USDai for it.
  await sendAndFinalize(api, api.tx.balances.transferKeepAlive(carol.address, 5n * CHIP), alice);
  await bridgeIn(api, [[carol, 1_000n * USD6, true]]);
});

after(async () => {
  if (net) await net.stop();
});

test('the full node follows all four validators', async () => {
  const s = await snapshot('eve', await api.rpc.chain.getFinalizedHead());
  assert.equal(s.carolChip, 5n * CHIP);
  assert.equal(s.carolUsdai, 1_000n * USD);
  const authorities = await api.query.grandpa.authorities();
  assert.equal(authorities.length, VALIDATORS.length);
});

test('with one validator down, blocks keep being produced and finalized; restarted, it catches up with its data', async () => {
  const charlie = net.node('charlie');
  const before = await finalizedNumber('charlie');
  const beforeHash = await (await net.api('charlie')).rpc.chain.getBlockHash(before);
  // Kill Charlie (SIGKILL) and keep it down for 45 s (15 slots, a quarter of them its own).
  const down = charlie.restart(45);
  await sleep(2_000);
  const f0 = await finalizedNumber('eve');
  const b0 = await bestNumber('eve');
  // Three of four voters finalize: at least six more blocks while Charlie is down.
  const f1 = await finalizedAtLeast('eve', f0 + 6, 40_000);
  assert.ok(f1 >= f0 + 6);
  assert.ok((await reaches(bestNumber, 'alice', b0 + 6, 30_000)) >= b0 + 6);
  assert.ok(await down, 'zombienet restarted charlie');

  // Back from its database: its finalized head is where it stopped at least, not genesis, and it
  // still serves a block from before the stop.
  const resumed = await reaches(finalizedNumber, 'charlie', 0, 60_000, 'charlie answering again', 500);
  assert.ok(resumed >= before, `charlie resumed at #${resumed}, had finalized #${before}`);
  const charlieApi = await net.api('charlie');
  assert.equal((await charlieApi.rpc.chain.getBlockHash(before)).toHex(), beforeHash.toHex());

  // It catches up: it imports and finalizes what the others finalized while it was down.
  const target = await finalizedNumber('eve');
  await finalizedAtLeast('charlie', target, 90_000);
  assert.equal(
    (await charlieApi.rpc.chain.getBlockHash(target)).toHex(),
    (await api.rpc.chain.getBlockHash(target)).toHex(),
  );
  // And it authors again: within eight blocks after catching up, one is Charlie's (Aura gives
  // every fourth slot to it).
  await finalizedAtLeast('eve', target + 8, 60_000);
  const authors = [];
  for (let n = target + 1; n <= target + 8; n++) authors.push(await chain.authorOf(api, n));
  assert.ok(authors.includes(charlieKey), `no block by charlie among ${authors.join(', ')}`);
});

test('the whole network restarts from its databases with every balance unchanged', async () => {
  const hash = await api.rpc.chain.getFinalizedHead();
  const height = await finalizedNumber('eve');
  const kept = await snapshot('eve', hash);

  // Kill every node (SIGKILL, no clean shutdown) and start them again from their databases.
  await Promise.all([...VALIDATORS, 'eve'].map((n) => net.node(n).restart(3)));

  // The chain continues from where it was: nothing is lost or re-executed.
  const f = await finalizedAtLeast('eve', height + 5, 180_000);
  assert.ok(f >= height + 5);
  const eve = await net.api('eve');
  assert.equal((await eve.rpc.chain.getBlockHash(height)).toHex(), hash.toHex());
  assert.deepEqual(await snapshot('eve', hash), kept);
  // No transaction was sent since: the new finalized head holds the same balances, on every node.
  const now = await eve.rpc.chain.getFinalizedHead();
  assert.deepEqual(await snapshot('eve', now), kept);
  const alicesView = await snapshot('alice', await (await net.api('alice')).rpc.chain.getFinalizedHead());
  assert.deepEqual(alicesView, kept);

  // And it still takes transactions.
  await sendAndFinalize(eve, eve.tx.balances.transferKeepAlive(carol.address, CHIP), alice);
  const after = await snapshot('eve', await eve.rpc.chain.getFinalizedHead());
  assert.equal(after.carolChip, kept.carolChip + CHIP);
});

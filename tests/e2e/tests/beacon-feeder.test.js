// usdai-beacon-feeder on a dev-fast node, as it runs in production but against drand's HTTP API
// served by the test (lib/timelock.js `serveDrandHttp`, the development key on the chain's
// schedule) and with nothing else feeding the beacon: no local beacon, so every pulse the chain
// stores came from the feeder. Holders' tickets wait (the vault's cash is out on a loan) and take
// sealed bids; the feeder must bring each closing round's pulse so that the bids open, fetch and
// submit only the rounds the chain waits for, refuse a drand of another network before it
// submits anything, and pass over a relay that serves a wrong signature.
//
// One node, three scenarios in order, two queue rounds (30 s each under dev-fast): Alice's bid
// in the first round is held while a feeder with the wrong drand refuses to start, then fed by
// an honest one; Eve's bid in the next round is fed through a lying relay and an honest one.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize, sleep, withTimeout } from '../lib/node.js';
import { bestNumber } from '../lib/chain.js';
import { findEvent } from '../lib/events.js';
import { watchChain } from '../lib/watch.js';
import { lendOutTheVault, roundOpenFor } from '../lib/qev.js';
import { feederMissing, startFeeder } from '../lib/feeder.js';
import { DEV_BEACON, chainBeacon, hex, secretKeyFrom, sealBid, serveDrandHttp, signRound } from '../lib/timelock.js';
import { USD } from '../lib/units.js';

const missing = feederMissing();

describe('usdai-beacon-feeder', { skip: missing }, () => {
  let node, api, watch, beacon;
  let alice, eve;
  // Alice's bid (first queue round) and Eve's (the next): `{ ticket, round, bidBps }`.
  let first, second;
  // Everything started, stopped at the end whatever happened.
  const feeders = [];
  const drands = [];

  before(async () => {
    node = await startNode(['--dev', '--chain', 'dev-fast']);
    api = node.api;
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, eve] = ['Alice', 'Eve'].map((n) => keyring.addFromUri(`//${n}`));
    await lendOutTheVault(api, [alice, eve]);
    beacon = await chainBeacon(api);
    assert.equal(beacon.publicKey, DEV_BEACON.publicKey, 'a dev chain follows the development beacon');
    watch = await watchChain(api);
  });

  after(async () => {
    for (const feeder of feeders) await feeder.stop();
    for (const drand of drands) await drand.close();
    watch?.stop();
    if (node) await node.stop();
  });

  /** A drand relay for the test (closed at the end). */
  async function drand(options) {
    const served = await serveDrandHttp({ beacon, ...options });
    drands.push(served);
    return served;
  }

  /** A feeder of the test's node (stopped at the end), its log beside the node's. */
  function feeder(name, drandUrls, chainHash) {
    const started = startFeeder({
      chainUrl: node.wsUrl,
      drandUrls,
      chainHash,
      logFile: join(node.dir, `feeder-${name}.log`),
    });
    feeders.push(started);
    return started;
  }

  /** `who` queues 100 sUSDai and seals a bid of `bidBps` to the round open now (at least 12 s of bidding left). */
  async function sealedBid(who, bidBps) {
    const { events } = await sendAndFinalize(api, api.tx.qev.requestRedemption(100n * USD, 0), who);
    const ticket = findEvent(events, 'qev', 'RedemptionRequested').data.ticket.toNumber();
    await roundOpenFor(api, 12);
    const { round, ciphertext } = await sealBid(api, { ticket, owner: who.address, bidBps });
    const sealed = await sendAndFinalize(api, api.tx.qev.commitBid(ticket, round, ciphertext), who);
    const data = findEvent(sealed.events, 'qev', 'BidSealed').data;
    assert.deepEqual([data.ticket.toNumber(), data.round.toNumber()], [ticket, round]);
    return { ticket, round, bidBps };
  }

  /** The rounds the chain waits for at block `hash` (the best block without). */
  async function wantedAt(hash) {
    const at = hash ? await api.at(hash) : api;
    return (await at.call.beaconApi.wantedRounds()).map((r) => r.toNumber());
  }

  /** The pulse stored for `round`, as hex, or null. */
  async function storedPulse(round) {
    const pulse = await api.query.beacon.pulses(round);
    return pulse.isSome ? hex(pulse.unwrap().toU8a(true)) : null;
  }

  /**
   * The feeder submitted only rounds the chain waited for: each pulse stored from watch position
   * `from` on was wanted in its block's parent (the state the pool checked it against), and each
   * round the feeder logged as submitted or asked `relays` for was wanted at some block from
   * `fromBlock` (the best block when the feeder started) to now. None was asked before its time.
   */
  async function assertOnlyWanted({ from, fromBlock, feeder, relays }) {
    for (const record of watch.all('beacon', 'PulseStored', () => true, from)) {
      const round = record.event.data.round.toNumber();
      const parent = await api.rpc.chain.getBlockHash(record.n - 1);
      assert.ok((await wantedAt(parent)).includes(round), `round ${round}, stored in #${record.n}, was wanted in #${record.n - 1}`);
    }
    const wanted = new Set();
    for (let n = fromBlock, head = await bestNumber(api); n <= head; n++) {
      for (const round of await wantedAt(await api.rpc.chain.getBlockHash(n))) wanted.add(round);
    }
    const submitted = feeder.logged('pulse submitted').map((e) => Number(e.fields?.round));
    const fetched = relays.flatMap((relay) => relay.served.rounds);
    for (const round of [...submitted, ...fetched]) {
      assert.ok(wanted.has(round), `round ${round} (submitted ${submitted}, fetched ${fetched}) was wanted (${[...wanted]})`);
    }
    for (const relay of relays) assert.equal(relay.served.early, 0, 'no round was asked for before its time');
  }

  test('a feeder whose drand serves another key refuses to start and submits nothing', async () => {
    // Alice seals a bid to the round open now. Nobody feeds the beacon: once the round's bids
    // close, the chain waits for its pulse.
    first = await sealedBid(alice, 150);
    await withTimeout((async () => {
      while (!(await wantedAt()).includes(first.round)) await sleep(1_000);
    })(), 60_000, `the chain waiting for round ${first.round}`);

    // A drand of another network (its own key, the chain's schedule), while the chain waits: the
    // feeder must stop within seconds, at its check of drand's /info. Meanwhile Eve bids in the
    // next round, open now, for the last test (its pulse is due a queue round after this one's).
    const other = await drand({ secretKey: secretKeyFrom('another drand network') });
    assert.notEqual(other.publicKey, beacon.publicKey);
    const from = watch.mark();
    const wrong = feeder('other-key', [other.url], other.chainHash);
    const [exited] = await Promise.all([
      wrong.waitExit(15_000),
      sealedBid(eve, 300).then((bid) => { second = bid; }),
    ]);
    assert.ok(exited.code !== 0 && exited.code !== null, `exits with an error status, not ${JSON.stringify(exited)}:\n${wrong.tail()}`);
    assert.match(wrong.output, /public key/, 'says why: drand serves another public key');
    // It read drand's info and stopped there: no pulse asked for, none stored.
    assert.ok(other.served.info >= 1, 'it read /info');
    assert.deepEqual([other.served.round, other.served.latest], [0, 0], 'it asked for no pulse');
    assert.equal(watch.all('beacon', 'PulseStored', () => true, from).length, 0);
    assert.equal(await storedPulse(first.round), null);
    assert.ok((await wantedAt()).includes(first.round), 'the chain still waits for the round');
    assert.ok(second.round > first.round, 'Eve bid in a later queue round');
  });

  test('the feeder brings the pulse of the round the chain waits for, and the sealed bid opens', async () => {
    const honest = await drand({});
    const from = watch.mark();
    const fromBlock = await bestNumber(api);
    const fed = feeder('honest', [honest.url], honest.chainHash);
    const opened = await watch.waitFor('qev', 'BidOpened', (d) => d.round.toNumber() === first.round, {
      from,
      timeoutMs: 90_000,
      what: `qev.BidOpened for round ${first.round}`,
    });
    assert.deepEqual(
      [opened.event.data.ticket.toNumber(), opened.event.data.bidBps.toNumber()],
      [first.ticket, first.bidBps],
      "Alice's ticket and bid",
    );
    const stored = watch.find('beacon', 'PulseStored', (d) => d.round.toNumber() === first.round, from);
    assert.ok(stored && stored.n <= opened.n, 'the pulse was stored, then the bid opened');
    assert.equal(await storedPulse(first.round), hex(signRound(DEV_BEACON.secretKey, first.round)));
    await fed.waitLogged('pulse submitted', (f) => Number(f.round) === first.round, 10_000);
    await assertOnlyWanted({ from, fromBlock, feeder: fed, relays: [honest] });
    // Stopped before the next round is wanted: Eve's pulse is for the lying relay's test.
    const exited = await fed.stop();
    assert.equal(exited.code, 0, `stops cleanly on SIGTERM:\n${fed.tail()}`);
  });

  test('a lying drand relay is passed over for the next, and only the true pulse reaches the chain', async () => {
    assert.equal(await storedPulse(second.round), null, 'nobody fed the next round yet');
    // Both relays serve the development beacon's chain: the liar signs Eve's round as the next
    // round (a valid point under the right key, for another round).
    const liar = await drand({ corrupt: (round) => round === second.round });
    const honest = await drand({});
    assert.equal(liar.chainHash, honest.chainHash);
    const from = watch.mark();
    const fromBlock = await bestNumber(api);
    const fed = feeder('liar-first', [liar.url, honest.url], honest.chainHash);
    const opened = await watch.waitFor('qev', 'BidOpened', (d) => d.round.toNumber() === second.round, {
      from,
      timeoutMs: 90_000,
      what: `qev.BidOpened for round ${second.round}`,
    });
    assert.deepEqual(
      [opened.event.data.ticket.toNumber(), opened.event.data.bidBps.toNumber()],
      [second.ticket, second.bidBps],
      "Eve's ticket and bid",
    );
    assert.equal(await storedPulse(second.round), hex(signRound(DEV_BEACON.secretKey, second.round)), 'the true pulse');
    await fed.waitLogged('bad signature', (f) => f.round === undefined || Number(f.round) === second.round, 10_000);
    await fed.waitLogged('pulse submitted', (f) => Number(f.round) === second.round, 10_000);
    // Asked the liar first, then the honest relay.
    assert.ok(liar.served.rounds.includes(second.round), `the liar was asked (${liar.served.rounds})`);
    assert.ok(honest.served.rounds.includes(second.round), `the honest relay was asked (${honest.served.rounds})`);
    await assertOnlyWanted({ from, fromBlock, feeder: fed, relays: [liar, honest] });
  });
});

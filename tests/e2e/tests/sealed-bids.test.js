// Sealed QEV bids on a dev-fast node through @polkadot/api: three holders queue redemptions
// while the vault's cash is out on a loan and seal bids to the beacon round at which the queue
// round closes (tlock-js, offline, with the chain's beacon key and the round alone). Before the
// close nothing on chain tells the bids apart; the local beacon then plays drand's part and
// submits the round's pulse, the chain opens the bids and clears them at one price, and when
// the borrower repays, the queue settles in the bid order and the fees stay with the holders
// who wait.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { startNode, sendAndFinalize, sleep } from '../lib/node.js';
import { findEvent, findEvents, nextEvent } from '../lib/events.js';
import { lendOutTheVault, roundOpenFor, ticketView } from '../lib/qev.js';
import { redemptionPrice } from '../lib/usdai.js';
import { bidPlaintext, sealBid, startLocalBeacon } from '../lib/timelock.js';
import { USD } from '../lib/units.js';

let node, api;
let alice, bob, eve, ferdie;
let loanId;
// Each bidder's ticket, bid and sealed bid.
const bids = [];

before(async () => {
  node = await startNode(['--dev', '--chain', 'dev-fast']);
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob, eve, ferdie] = ['Alice', 'Bob', 'Eve', 'Ferdie'].map((n) => keyring.addFromUri(`//${n}`));
  // All the vault's cash goes out on a loan to Bob: redemptions wait for it to come back.
  ({ loanId } = await lendOutTheVault(api, [alice, eve, ferdie]));
  assert.equal((await api.call.qevApi.queueSummary()).liquidity.toBigInt(), 0n, 'nothing to redeem from');
});

after(async () => {
  if (node) await node.stop();
});

test('three sealed bids: indistinguishable until the pulse, then ranked and cleared at one price', async () => {
  // Alice, Eve and Ferdie each queue 100 sUSDai, in that order.
  for (const [who, bidBps] of [[alice, 100], [eve, 300], [ferdie, 250]]) {
    const { events } = await sendAndFinalize(api, api.tx.qev.requestRedemption(100n * USD, 0), who);
    const ticket = findEvent(events, 'qev', 'RedemptionRequested').data.ticket.toNumber();
    bids.push({ who, ticket, bidBps });
  }
  // Each seals its bid to the round open now; all three in the same round (bids for a round
  // are taken for 21 s of its 30: if it is about to close, wait for the next).
  const round = (await roundOpenFor(api, 12)).round.toNumber();
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  for (const bid of bids) {
    const sealed = await sealBid(api, { ticket: bid.ticket, owner: bid.who.address, bidBps: bid.bidBps });
    assert.equal(sealed.round, round);
    bid.ciphertext = sealed.ciphertext;
    bid.plaintext = bidPlaintext(api, { ticket: bid.ticket, owner: bid.who.address, round, bidBps: bid.bidBps });
  }
  // Three signers: the bids go in together.
  await Promise.all(bids.map(async (bid) => {
    const { events } = await sendAndFinalize(api, api.tx.qev.commitBid(bid.ticket, round, bid.ciphertext), bid.who);
    const sealed = findEvent(events, 'qev', 'BidSealed').data;
    assert.deepEqual([sealed.ticket.toNumber(), sealed.round.toNumber()], [bid.ticket, round]);
  }));

  // Before the close, read everything the queue stores and every event since the first bid.
  const prefix = u8aToHex(xxhashAsU8a('Qev', 128));
  const keys = await api.rpc.state.getKeysPaged(prefix, 1000, prefix);
  const stored = await Promise.all(keys.map((k) => api.rpc.state.getStorage(k)));
  const storedBytes = Buffer.concat(stored.map((v) => Buffer.from(v.unwrap().toU8a(true))));
  const sealedBids = await api.query.qev.sealedBids.entries(round);
  assert.equal(sealedBids.length, 3);
  const ciphertexts = sealedBids.map(([, v]) => Buffer.from(v.unwrap().ciphertext.toU8a(true)));
  // Of one length (a bid of 1% and one of 3% are as long), none the plaintext or any part of it
  // that names the bid, and unrelated byte for byte: nothing tells one bid from another.
  assert.ok(ciphertexts.every((c) => c.length === ciphertexts[0].length), 'one length');
  for (const bid of bids) {
    const plain = Buffer.from(bid.plaintext);
    const tail = plain.subarray(plain.length - 12); // round and bid
    assert.ok(!storedBytes.includes(tail), 'no round-and-bid in the clear in storage');
    assert.ok(!ciphertexts.some((c) => c.includes(plain.subarray(0, 8 + 32))), 'no ticket and owner in a ciphertext');
  }
  const same = ciphertexts[0].reduce((n, b, i) => n + (b === ciphertexts[1][i] ? 1 : 0), 0);
  assert.ok(same < 8, `two ciphertexts share ${same} bytes at the same places, as random bytes would`);
  const header = await api.rpc.chain.getHeader();
  for (let n = from; n <= header.number.toNumber(); n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    for (const { event } of await at.query.system.events()) {
      if (event.section !== 'qev') continue;
      assert.ok(['RedemptionRequested', 'BidSealed'].includes(event.method), `qev.${event.method} before the close`);
      if (event.method === 'BidSealed') {
        // The ticket and the round, nothing of the bid.
        assert.deepEqual(event.meta.fields.map((f) => f.name.toString()), ['ticket', 'round']);
      }
    }
  }
  // The beacon does not take the round's pulse while bids are taken.
  assert.deepEqual((await api.call.beaconApi.wantedRounds()).toJSON(), []);

  // The round closes; the local beacon submits its pulse; the chain opens and clears the bids.
  const beacon = startLocalBeacon(api);
  let cleared;
  try {
    cleared = await nextEvent(api, 'qev', 'RoundCleared', { timeoutMs: 150_000, where: (e) => e.data.round.toNumber() === round });
  } finally {
    beacon.stop();
  }
  // Equal shares: half the bid value (300 + 250 + 100) is reached at Ferdie's 250, the price.
  // Eve (300) and Ferdie (250) win and both pay 2.5%; Alice (100) is outbid and keeps her place.
  const { priceBps, ranked, outbid } = cleared.data;
  assert.deepEqual([priceBps.toNumber(), ranked.toNumber(), outbid.toNumber()], [250, 2, 1]);
  const [a, e, f] = bids.map((b) => b.ticket);
  const view = async (t) => ticketView(api, t);
  assert.equal((await view(e)).position.unwrap().toNumber(), 1);
  assert.equal((await view(f)).position.unwrap().toNumber(), 2);
  assert.equal((await view(a)).position.unwrap().toNumber(), 3);
  assert.deepEqual(
    [(await view(e)).ticket.level.toNumber(), (await view(e)).ticket.feeBps.toNumber()],
    [300, 250],
  );
  assert.equal((await api.query.beacon.pulses(round)).isSome, true, 'the pulse is kept');
});

test('the queue settles in the bid order at the round price and the fees stay with those who wait', async () => {
  const [a, e, f] = bids.map((b) => b.ticket);
  const priceBefore = await redemptionPrice(api);
  // Bob prepays 250 USDai of principal: the next block fills Eve, then Ferdie, then part of
  // Alice.
  const { blockHash } = await sendAndFinalize(api, api.tx.filo.repay(loanId, 250n * USD), bob);
  const repaidAt = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  let fills = [];
  for (let n = repaidAt + 1; fills.length === 0 && n < repaidAt + 6; n++) {
    while ((await api.rpc.chain.getHeader()).number.toNumber() < n) await sleep(500);
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    fills = findEvents(await at.query.system.events(), 'qev', 'Filled').map((ev) => ev.data);
  }
  assert.deepEqual(fills.map((d) => d.ticket.toNumber()), [e, f, a], 'filled in the bid order');
  const [fe, ff, fa] = fills;
  // The winners pay the round's one price, 2.5%, not their bids; Alice, outbid, pays nothing.
  for (const d of [fe, ff]) {
    const gross = d.paid.toBigInt() + d.fee.toBigInt();
    assert.equal(d.fee.toBigInt(), (gross * 250n + 9_999n) / 10_000n);
  }
  assert.equal(fa.fee.toBigInt(), 0n);
  assert.ok(fa.remaining.toBigInt() > 0n, 'Alice is filled in part');
  // The fees stay in the vault: the holders who wait see the price rise as they vest.
  let price = priceBefore;
  for (let i = 0; i < 20 && price <= priceBefore; i++) {
    await sleep(3_000);
    price = await redemptionPrice(api);
  }
  assert.ok(price > priceBefore, `the redemption price rose (${priceBefore} → ${price})`);
});

test('a sealed bid for another round, a ticket of another owner or no ciphertext at all is refused by name', async () => {
  const ticket = bids[0].ticket; // Alice's, still waiting in part
  const { round, ciphertext } = await sealBid(api, { ticket, owner: alice.address, bidBps: 100 });
  await assert.rejects(
    sendAndFinalize(api, api.tx.qev.commitBid(ticket, round + 1, ciphertext), alice),
    /qev\.WrongRound/,
  );
  await assert.rejects(sendAndFinalize(api, api.tx.qev.commitBid(ticket, round, ciphertext), bob), /qev\.NotOwner/);
  await assert.rejects(
    sendAndFinalize(api, api.tx.qev.commitBid(ticket, round, '0x' + '00'.repeat(100)), alice),
    /qev\.NotACiphertext/,
  );
});

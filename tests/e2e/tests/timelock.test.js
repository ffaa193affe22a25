// The client side of sealed bids, without a node: the local beacon's signatures are drand's
// scheme (checked against drand's quicknet pulse and the chain's own crate), and tlock-js's
// files cut to the compact ciphertext the chain opens (usdai-timelock's test
// `a_ciphertext_sealed_by_tlock_js_opens_on_chain` opens one made here).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEV_BEACON,
  QUICKNET,
  compactFromAge,
  hex,
  roundAt,
  roundTime,
  sealToRound,
  signRound,
  unhex,
  verifyRound,
} from '../lib/timelock.js';

test('the local beacon signs as drand does, and as the chain verifies', () => {
  // drand quicknet's round 1000 verifies with quicknet's key, not the next round.
  const q1000 = unhex(
    'b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39',
  );
  assert.ok(verifyRound(QUICKNET.publicKey, 1000, q1000));
  assert.ok(!verifyRound(QUICKNET.publicKey, 1001, q1000));
  // The development beacon's round 5, byte for byte what usdai-timelock's `sign` gives.
  const sig = signRound(DEV_BEACON.secretKey, 5);
  assert.equal(
    hex(sig),
    '940f632eb451ca2c6c08fcd2348e23008b52a2a2cc056a570206741dfe197d9372f122f04f38262466f41b3af4a75014',
  );
  assert.ok(verifyRound(DEV_BEACON.publicKey, 5, sig));
  assert.ok(!verifyRound(QUICKNET.publicKey, 5, sig));
});

test('a sealed bid is the tlock ciphertext cut to the compact form, fresh each time', async () => {
  const plaintext = new TextEncoder().encode('sealed bid: 25 bps');
  const a = await sealToRound(DEV_BEACON.publicKey, 5, plaintext);
  const b = await sealToRound(DEV_BEACON.publicKey, 5, plaintext);
  assert.equal(a.length, 160 + plaintext.length);
  assert.notEqual(hex(a), hex(b));
  // Nothing of the plaintext shows.
  assert.ok(!Buffer.from(a).includes(Buffer.from('25 bps')));
});

test('only a tlock file to the expected round is cut', () => {
  const file = (stanza) =>
    '-----BEGIN AGE ENCRYPTED FILE-----\n' +
    Buffer.from(
      `age-encryption.org/v1\n${stanza}\n${Buffer.alloc(128, 7).toString('base64').replace(/=+$/, '')}\n--- mac\n`,
    ).toString('base64') +
    '\n-----END AGE ENCRYPTED FILE-----\n';
  const good = compactFromAge(file(`-> tlock 5 ${QUICKNET.chainHash}`), 5);
  assert.equal(good.length, 128);
  assert.throws(() => compactFromAge(file(`-> tlock 6 ${QUICKNET.chainHash}`), 5), /round 5/);
  assert.throws(() => compactFromAge(file('-> X25519 abc'), 5), /tlock stanza/);
});

test('the schedule is drands', () => {
  assert.equal(roundAt(QUICKNET, QUICKNET.genesisTime - 1), 0);
  assert.equal(roundAt(QUICKNET, QUICKNET.genesisTime), 1);
  assert.equal(roundAt(QUICKNET, QUICKNET.genesisTime + 3), 2);
  assert.equal(roundTime(QUICKNET, 12040883), 1728926013);
});

// The client side of sealed bids, without a node: the local beacon's signatures are drand's
// scheme (checked against drand's quicknet pulse and the chain's own crate), and tlock-js's
// files cut to the compact ciphertext the chain opens (usdai-timelock's test
// `a_ciphertext_sealed_by_tlock_js_opens_on_chain` opens one made here); and the dev drand HTTP
// API usdai-beacon-feeder fetches pulses from in the end-to-end tests (`serveDrandHttp`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEV_BEACON,
  QUICKNET,
  compactFromAge,
  hex,
  publicKeyOf,
  roundAt,
  roundTime,
  sealToRound,
  secretKeyFrom,
  serveDrandHttp,
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

test('a secret key gives its public key: the development beacon\'s, and another for tests', () => {
  assert.equal(publicKeyOf(DEV_BEACON.secretKey), DEV_BEACON.publicKey);
  const other = secretKeyFrom('other');
  assert.match(other, /^[0-9a-f]{64}$/);
  assert.notEqual(publicKeyOf(other), DEV_BEACON.publicKey);
  assert.ok(verifyRound(publicKeyOf(other), 9, signRound(other, 9)));
  assert.ok(!verifyRound(DEV_BEACON.publicKey, 9, signRound(other, 9)));
});

test('the dev drand HTTP API serves its chain as drand does', async (t) => {
  const drand = await serveDrandHttp({ beacon: QUICKNET });
  t.after(() => drand.close());
  const get = async (path) => {
    const res = await fetch(`${drand.url}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
  };
  // The chain hash: stable for the key (the SHA-256 of the public key), 32 bytes of hex.
  assert.match(drand.chainHash, /^[0-9a-f]{64}$/);
  const again = await serveDrandHttp({ beacon: QUICKNET });
  await again.close();
  assert.equal(again.chainHash, drand.chainHash);
  assert.deepEqual((await get('/chains')).body, [drand.chainHash]);

  const info = await get(`/${drand.chainHash}/info`);
  assert.equal(info.status, 200);
  assert.equal(info.type, 'application/json');
  assert.equal(info.body.public_key, DEV_BEACON.publicKey);
  assert.equal(info.body.period, QUICKNET.period);
  assert.equal(info.body.genesis_time, QUICKNET.genesisTime);
  assert.equal(info.body.hash, drand.chainHash);
  assert.equal(info.body.schemeID, 'bls-unchained-g1-rfc9380');
  assert.match(info.body.groupHash, /^[0-9a-f]{64}$/);
  assert.equal(typeof info.body.metadata.beaconID, 'string');

  // A past round: its pulse verifies under the public key, and its randomness is drand's.
  const now = roundAt(QUICKNET, Date.now() / 1000);
  const past = await get(`/${drand.chainHash}/public/${now - 5}`);
  assert.equal(past.status, 200);
  assert.equal(past.body.round, now - 5);
  assert.ok(verifyRound(info.body.public_key, now - 5, unhex(past.body.signature)));
  assert.equal(past.body.signature, hex(signRound(DEV_BEACON.secretKey, now - 5)));
  assert.equal(
    past.body.randomness,
    Buffer.from(await crypto.subtle.digest('SHA-256', unhex(past.body.signature))).toString('hex'),
  );
  // The latest: the round due now (or the next, at a round's edge).
  const latest = await get(`/${drand.chainHash}/public/latest`);
  assert.equal(latest.status, 200);
  assert.ok(latest.body.round === now || latest.body.round === now + 1, `latest ${latest.body.round}, due ${now}`);
  assert.ok(verifyRound(DEV_BEACON.publicKey, latest.body.round, unhex(latest.body.signature)));

  // A round whose time has not come, another chain, round 0 and garbage: no pulse.
  const future = await get(`/${drand.chainHash}/public/${now + 3}`);
  assert.equal(future.status, 404);
  assert.match(future.body.error, /not yet available/);
  const otherChain = await get(`/${QUICKNET.chainHash}/public/${now - 5}`);
  assert.equal(otherChain.status, 404);
  assert.match(otherChain.body.error, /unknown chain hash/);
  assert.equal((await get(`/${QUICKNET.chainHash}/info`)).status, 404);
  assert.equal((await get(`/${drand.chainHash}/public/0`)).status, 400);
  assert.equal((await get(`/${drand.chainHash}/public/abc`)).status, 400);
  assert.equal((await get(`/${drand.chainHash}/nothing`)).status, 404);

  assert.deepEqual(
    { ...drand.served, rounds: undefined },
    { info: 1, latest: 1, round: 4, chains: 1, unknown: 3, early: 1, rounds: undefined },
  );
  assert.deepEqual(drand.served.rounds, [now - 5, now + 3]);
});

test('a corrupt dev drand serves a signature that does not verify for its round, and honest ones for others', async (t) => {
  const now = roundAt(QUICKNET, Date.now() / 1000);
  const lying = now - 2;
  const drand = await serveDrandHttp({ beacon: QUICKNET, corrupt: (round) => round === lying });
  t.after(() => drand.close());
  const pulse = async (round) => (await fetch(`${drand.url}/${drand.chainHash}/public/${round}`)).json();
  const bad = await pulse(lying);
  assert.equal(bad.round, lying);
  assert.ok(!verifyRound(DEV_BEACON.publicKey, lying, unhex(bad.signature)));
  // A point the key signed, for another round: only a check of the round catches it.
  assert.ok(verifyRound(DEV_BEACON.publicKey, lying + 1, unhex(bad.signature)));
  const good = await pulse(lying - 1);
  assert.ok(verifyRound(DEV_BEACON.publicKey, lying - 1, unhex(good.signature)));
});

test('a dev drand with another key and chain hash serves its own key, on its own schedule', async (t) => {
  const secretKey = secretKeyFrom('other');
  const beacon = { genesisTime: Math.floor(Date.now() / 1000) - 30, period: 3 };
  const drand = await serveDrandHttp({ secretKey, beacon, chainHash: 'AB'.repeat(32) });
  t.after(() => drand.close());
  assert.equal(drand.chainHash, 'ab'.repeat(32));
  const info = await (await fetch(`${drand.url}/${drand.chainHash}/info`)).json();
  assert.equal(info.public_key, publicKeyOf(secretKey));
  assert.notEqual(info.public_key, DEV_BEACON.publicKey);
  assert.equal(info.genesis_time, beacon.genesisTime);
  // Round 11 is due 30 s after the genesis, now; round 13 is not.
  const r5 = await (await fetch(`${drand.url}/${drand.chainHash}/public/5`)).json();
  assert.ok(verifyRound(info.public_key, 5, unhex(r5.signature)));
  assert.ok(!verifyRound(DEV_BEACON.publicKey, 5, unhex(r5.signature)));
  assert.equal((await fetch(`${drand.url}/${drand.chainHash}/public/13`)).status, 404);
});

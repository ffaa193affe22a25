// Sealed bids for the QEV queue: timelock encryption to a beacon round with drand's tlock-js,
// cut to the compact form the chain accepts (usdai-timelock's docs), and the local beacon's
// signatures (drand's `bls-unchained-g1-rfc9380` scheme) for development chains: submitted to
// the chain directly (`startLocalBeacon`), or served as drand's HTTP API (`serveDrandHttp`) for
// usdai-beacon-feeder to fetch as it does from drand's relays in production.
//
// A bidder needs only the beacon's public key and the round number: encryption is offline.
// tlock-js writes an age file; the chain takes the tlock stanza's 128-byte body (U ‖ V ‖ W)
// and the age payload (nonce ‖ ChaCha20-Poly1305), without the header text and its MAC.

import { createServer } from 'node:http';
import tlock from 'tlock-js';
import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha256';

/** drand's quicknet: the beacon a production chain follows. */
export const QUICKNET = Object.freeze({
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  genesisTime: 1692803367,
  period: 3,
});

/**
 * The development beacon (usdai-timelock's `dev`): its secret is public, so anyone can sign
 * any round with it. For development chains and tests only.
 */
export const DEV_BEACON = Object.freeze({
  secretKey: '41ca06c8e7e5bab58c6a9588f4013220706691baae86ae557a296b723959907d',
  publicKey:
    '999345230d193cef01bbe4ef72ef315d91a31a81be13a3c60a7b4e72862a664b7a976155993b640b16208fe6e7fa7ad1013ad5ecfdc733017201fcfa4fadea28de18a0710165f73163ed93e5a971c0da2dc1cdddab21d1a5ecc9ce817838fec1',
});

const DST_G1 = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (s) => Uint8Array.from(Buffer.from(s.replace(/^0x/, ''), 'hex'));

/** The message a beacon signs for `round`: sha256(round as u64 big-endian). */
export function roundMessage(round) {
  const be = new Uint8Array(8);
  new DataView(be.buffer).setBigUint64(0, BigInt(round));
  return sha256(be);
}

/** The beacon's signature of `round` with `secretKeyHex` (48 bytes, compressed G1). */
export function signRound(secretKeyHex, round) {
  const secret = BigInt('0x' + secretKeyHex.replace(/^0x/, ''));
  const point = bls12_381.G1.hashToCurve(roundMessage(round), { DST: DST_G1 });
  return point.multiply(secret).toRawBytes(true);
}

/** The public key (96 bytes, compressed G2, hex) of the beacon with `secretKeyHex`. */
export function publicKeyOf(secretKeyHex) {
  const secret = BigInt('0x' + secretKeyHex.replace(/^0x/, ''));
  return hex(bls12_381.G2.ProjectivePoint.BASE.multiply(secret).toRawBytes(true));
}

/**
 * A beacon secret key (hex) derived from the text `seed`: its SHA-256 reduced modulo the group
 * order (a scalar must be nonzero and below it). For tests of a beacon with another key.
 */
export function secretKeyFrom(seed) {
  const scalar = BigInt('0x' + hex(sha256(new TextEncoder().encode(seed)))) % bls12_381.fields.Fr.ORDER;
  if (scalar === 0n) throw new Error(`seed ${seed} gives the zero scalar`);
  return scalar.toString(16).padStart(64, '0');
}

/** Whether `signature` is the signature of `round` by the beacon with `publicKeyHex`. */
export function verifyRound(publicKeyHex, round, signature) {
  const hashed = bls12_381.G1.hashToCurve(roundMessage(round), { DST: DST_G1 });
  const sig = bls12_381.G1.ProjectivePoint.fromHex(hex(signature));
  const pk = bls12_381.G2.ProjectivePoint.fromHex(publicKeyHex.replace(/^0x/, ''));
  const lhs = bls12_381.pairing(sig, bls12_381.G2.ProjectivePoint.BASE);
  const rhs = bls12_381.pairing(hashed, pk);
  return bls12_381.fields.Fp12.eql(lhs, rhs);
}

/** The latest round due at Unix time `unixSecs` (0 before round 1). */
export function roundAt(beacon, unixSecs) {
  if (unixSecs < beacon.genesisTime) return 0;
  return Math.floor((unixSecs - beacon.genesisTime) / beacon.period) + 1;
}

/** The Unix time at which `round` is due. */
export function roundTime(beacon, round) {
  return beacon.genesisTime + Math.max(0, round - 1) * beacon.period;
}

/**
 * A drand chain client that never goes online: tlock-js's encryption reads only the chain's
 * info (its public key and scheme).
 */
function offlineClient(publicKeyHex) {
  const info = {
    public_key: publicKeyHex.replace(/^0x/, ''),
    period: QUICKNET.period,
    genesis_time: QUICKNET.genesisTime,
    hash: QUICKNET.chainHash,
    groupHash: '',
    schemeID: 'bls-unchained-g1-rfc9380',
    metadata: { beaconID: 'quicknet' },
  };
  const offline = () => {
    throw new Error('encryption needs no pulse');
  };
  return {
    options: { disableBeaconVerification: true, noCache: true },
    chain: () => ({ baseUrl: 'offline', info: async () => info }),
    latest: offline,
    get: offline,
  };
}

/**
 * Cuts an armored age file written by tlock-js (or Go's tle) to the chain's compact form:
 * the tlock stanza's body, then the payload. Refuses anything but one tlock stanza to `round`.
 */
export function compactFromAge(armored, round) {
  const base64 = armored
    .replace('-----BEGIN AGE ENCRYPTED FILE-----', '')
    .replace('-----END AGE ENCRYPTED FILE-----', '')
    .replace(/\s+/g, '');
  const file = Buffer.from(base64, 'base64');
  const text = file.toString('latin1');
  const lines = [];
  let at = 0;
  for (;;) {
    const end = text.indexOf('\n', at);
    if (end < 0) throw new Error('not an age file: no end of header');
    const line = text.slice(at, end);
    lines.push(line);
    at = end + 1;
    if (line.startsWith('--- ')) break;
  }
  if (lines[0] !== 'age-encryption.org/v1') throw new Error('not an age v1 file');
  const stanza = lines[1].split(' ');
  if (stanza[0] !== '->' || stanza[1] !== 'tlock' || stanza[2] !== String(round)) {
    throw new Error(`not a tlock stanza to round ${round}: ${lines[1]}`);
  }
  const bodyLines = lines.slice(2, -1);
  if (bodyLines.some((l) => l.startsWith('->'))) throw new Error('more than one stanza');
  const body = Buffer.from(bodyLines.join(''), 'base64');
  if (body.length !== 128) throw new Error(`a tlock body is 128 bytes, not ${body.length}`);
  return Uint8Array.from(Buffer.concat([body, file.subarray(at)]));
}

/**
 * Encrypts `plaintext` (bytes) to `round` of the beacon with `publicKeyHex`, offline, and
 * returns the compact ciphertext (160 bytes more than the plaintext).
 */
export async function sealToRound(publicKeyHex, round, plaintext) {
  const armored = await tlock.timelockEncrypt(
    round,
    tlock.Buffer.from(plaintext),
    offlineClient(publicKeyHex),
  );
  return compactFromAge(armored, round);
}

export { hex, unhex };

// --- drand's HTTP API, for a beacon whose secret we hold ---------------------------------------

/** The JSON a drand relay serves for `round` (`/public/{round}`): drand's `randomness` is the SHA-256 of the signature. */
function pulseJson(round, signature) {
  return { round, randomness: hex(sha256(signature)), signature: hex(signature) };
}

/**
 * Serves drand's v1 HTTP API, as its relays do (api.drand.sh), for a beacon with `secretKey` on
 * the schedule `beacon` (`{ genesisTime, period }`: `chainBeacon`'s or `QUICKNET`): what
 * usdai-beacon-feeder fetches pulses from, on 127.0.0.1 for tests and development chains. The
 * public key is derived from the secret. Routes, all GET:
 *
 *   /chains                        [chainHash]
 *   /{chainHash}/info              { public_key, period, genesis_time, hash, groupHash, schemeID, metadata }
 *   /{chainHash}/public/latest     { round, randomness, signature } of the round due now
 *   /{chainHash}/public/{round}    the same for `round`; 404 until its time has come
 *
 * An unknown chain hash or path is a 404, a round that is not a positive whole number (round 0
 * included: drand's rounds start at 1) a 400, each with a JSON `{ error }` as drand's.
 *
 * `chainHash` defaults to the hex SHA-256 of the public key. A real drand chain hash is the
 * SHA-256 of its chain info (key, period, genesis time, group hash, scheme, beacon id), which a
 * client may recompute; this one only has to be stable for a key, as the feeder takes its
 * `--chain-hash` as given and checks the key and schedule of `/info` against the chain's beacon.
 *
 * `corrupt(round)` true serves, for `round`, the beacon's signature of round + 1: a valid point
 * signed with the right key, but not this round's pulse (a lying or broken relay, which a feeder
 * must not pass on). `served` counts the requests by kind (`info`, `latest`, `round`, `chains`,
 * `unknown`: any other path, chain hash or method), `early` those for a round not due yet, and
 * lists the rounds asked for by number in `rounds`, in order.
 *
 * `port` 0 takes a free port. Resolves with `{ url, chainHash, publicKey, served, close }`
 * once listening (`url` has no trailing slash and no chain hash: the feeder's `--drand-url`);
 * `close()` resolves once the server is shut, dropping kept-alive connections.
 */
export async function serveDrandHttp({
  secretKey = DEV_BEACON.secretKey,
  beacon = QUICKNET,
  port = 0,
  chainHash,
  corrupt = () => false,
} = {}) {
  const publicKey = publicKeyOf(secretKey);
  chainHash = (chainHash ?? hex(sha256(unhex(publicKey)))).toLowerCase();
  const info = {
    public_key: publicKey,
    period: beacon.period,
    genesis_time: beacon.genesisTime,
    hash: chainHash,
    // drand's hash of its group file; nothing checks it here, it is only stable.
    groupHash: hex(sha256(unhex(chainHash))),
    schemeID: 'bls-unchained-g1-rfc9380',
    metadata: { beaconID: 'usdai-dev' },
  };
  const served = { info: 0, latest: 0, round: 0, chains: 0, unknown: 0, early: 0, rounds: [] };
  const pulse = (round) => pulseJson(round, signRound(secretKey, corrupt(round) ? round + 1 : round));

  const server = createServer((req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const parts = new URL(req.url, 'http://drand').pathname.split('/').filter(Boolean);
    if (req.method !== 'GET') {
      served.unknown += 1;
      return reply(405, { error: `${req.method} not allowed` });
    }
    if (parts.length === 1 && parts[0] === 'chains') {
      served.chains += 1;
      return reply(200, [chainHash]);
    }
    if (parts[0]?.toLowerCase() !== chainHash) {
      served.unknown += 1;
      return reply(404, { error: `unknown chain hash ${parts[0] ?? ''}` });
    }
    const now = Date.now() / 1000;
    if (parts.length === 2 && parts[1] === 'info') {
      served.info += 1;
      return reply(200, info);
    }
    if (parts.length === 3 && parts[1] === 'public' && parts[2] === 'latest') {
      served.latest += 1;
      const round = roundAt(beacon, now);
      if (round === 0) return reply(404, { error: 'no round before the genesis time' });
      return reply(200, pulse(round));
    }
    if (parts.length === 3 && parts[1] === 'public') {
      served.round += 1;
      const round = /^\d+$/.test(parts[2]) ? Number(parts[2]) : NaN;
      if (!Number.isSafeInteger(round) || round === 0) {
        return reply(400, { error: `invalid round ${parts[2]}` });
      }
      served.rounds.push(round);
      // Like drand, nothing of a round before its time: the signature is the secret until then.
      if (roundTime(beacon, round) > now) {
        served.early += 1;
        return reply(404, { error: `round ${round} is not yet available` });
      }
      return reply(200, pulse(round));
    }
    served.unknown += 1;
    return reply(404, { error: `no such path ${req.url}` });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    chainHash,
    publicKey,
    served,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        // A feeder's HTTP client keeps its connections alive: close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

// --- On a chain, through @polkadot/api --------------------------------------------------------

/**
 * The SCALE encoding of pallet-qev's `BidPlaintext { ticket: u64, owner: AccountId32, round:
 * u64, bid_bps: u32 }`: what a sealed bid says once opened.
 */
export function bidPlaintext(api, { ticket, owner, round, bidBps }) {
  return Uint8Array.from(Buffer.concat([
    api.createType('u64', ticket).toU8a(),
    api.createType('AccountId32', owner).toU8a(),
    api.createType('u64', round).toU8a(),
    api.createType('u32', bidBps).toU8a(),
  ]));
}

/** The beacon the chain follows (`beaconApi.beacon()`), as `{ publicKey, genesisTime, period }`. */
export async function chainBeacon(at) {
  const info = (await at.call.beaconApi.beacon()).unwrap();
  return {
    publicKey: Buffer.from(info.publicKey.toU8a(true)).toString('hex'),
    genesisTime: info.genesisTime.toNumber(),
    period: info.period.toNumber(),
  };
}

/**
 * Seals `owner`'s bid of `bidBps` for `ticket` to the round the queue takes bids for now:
 * `{ round, ciphertext, bidsUntil }`, ready for `qev.commitBid(ticket, round, ciphertext)`.
 * Needs only the chain's public key and the round (read from the runtime API): offline maths.
 */
export async function sealBid(api, { ticket, owner, bidBps }) {
  const sealed = (await api.call.qevApi.sealedRound()).unwrap();
  const round = sealed.round.toNumber();
  const { publicKey } = await chainBeacon(api);
  const plaintext = bidPlaintext(api, { ticket, owner, round, bidBps });
  const ciphertext = await sealToRound(publicKey, round, plaintext);
  return { round, ciphertext: '0x' + hex(ciphertext), bidsUntil: sealed.bidsUntil.toNumber() };
}

/**
 * A local beacon for development chains: plays drand's part with the development key. Every
 * `everyMs` it asks the chain which pulses it waits for (`beaconApi.wantedRounds()`), and for
 * each whose time has come by the chain's clock it signs the round and submits
 * `beacon.submitPulse` unsigned (no account, no fee). Returns `{ stop, submitted }`.
 */
export function startLocalBeacon(api, { secretKey = DEV_BEACON.secretKey, everyMs = 1_000, log = () => {} } = {}) {
  // Round → when its pulse was sent: sent again after 12 s if the chain still waits for it
  // (a transaction the pool dropped).
  const submitted = new Map();
  let stopped = false;
  let timer;
  const tick = async () => {
    try {
      const wanted = (await api.call.beaconApi.wantedRounds()).map((r) => r.toNumber());
      if (wanted.length > 0) {
        const now = Math.floor((await api.query.timestamp.now()).toNumber() / 1000);
        const beacon = await chainBeacon(api);
        for (const round of wanted) {
          if (Date.now() - (submitted.get(round) ?? -Infinity) < 12_000) continue;
          if (roundTime(beacon, round) > now) continue;
          const signature = signRound(secretKey, round);
          submitted.set(round, Date.now());
          await api.tx.beacon.submitPulse(round, '0x' + hex(signature)).send();
          log(`pulse for round ${round} submitted`);
        }
      }
    } catch (e) {
      log(`local beacon: ${e.message}`);
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  timer = setTimeout(tick, 0);
  return {
    submitted,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

// The throughput harness's view of the chain: pre-signed transactions, a fast submitter, a
// follower that sees which transactions each new block holds, and the outcome of each one
// (ExtrinsicSuccess or ExtrinsicFailed) read from the block's events.
import { WsProvider } from '@polkadot/api';
import { readFileSync } from 'node:fs';
import { hexToU8a } from '@polkadot/util';
import { isEvent } from '../lib/events.js';
import { executeTx, governTx, scheduledChanges, untilDue } from '../lib/govern.js';

/**
 * Signs `tx` offline with an explicit nonce and an immortal era (no chain query): the harness
 * signs every transaction before it submits any.
 */
export function signOffline(api, tx, pair, nonce) {
  tx.sign(pair, {
    blockHash: api.genesisHash,
    genesisHash: api.genesisHash,
    nonce,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
  });
  return { hex: tx.toHex(), hash: tx.hash.toHex(), bytes: tx.encodedLength };
}

/** Opens `count` extra JSON-RPC connections (plain WsProvider, no decoding) to `url`. */
export async function openProviders(url, count) {
  const providers = [];
  for (let i = 0; i < count; i++) {
    const p = new WsProvider(url, 1_000, {}, 300_000);
    await p.isReady;
    providers.push(p);
  }
  return providers;
}

/**
 * Submits every `signed` transaction with `author_submitExtrinsic`, `window` requests in flight
 * spread over `providers`, in the order given (the callers order them nonce by nonce across
 * senders, so that nearly every transaction is ready when it arrives). Never rejects: a refused
 * transaction is returned in `refused` with the node's message.
 */
export async function submitAll(providers, signed, { window = 256 } = {}) {
  const refused = [];
  let next = 0;
  const started = Date.now();
  const worker = async (p) => {
    while (next < signed.length) {
      const i = next++;
      try {
        await p.send('author_submitExtrinsic', [signed[i].hex]);
      } catch (e) {
        refused.push({ i, message: e.message });
      }
    }
  };
  const n = Math.max(1, Math.min(window, signed.length));
  await Promise.all(Array.from({ length: n }, (_, k) => worker(providers[k % providers.length])));
  return { refused, started, finished: Date.now() };
}

/**
 * Follows the best chain from the block it starts at: for each new block it fetches the raw
 * block (no decoding) and hashes its extrinsics, so that waiters learn where each of their
 * transactions landed. A block replaced by a re-organisation is forgotten with its transactions.
 */
export class BlockFollower {
  constructor(api, raw) {
    this.api = api;
    this.raw = raw;
    this.blocks = new Map(); // number → { number, hash, parentHash, txs: [hash], bytes, seenAt }
    this.where = new Map(); // tx hash → { number, hash, index }
    this.waiters = new Set();
    this.queue = Promise.resolve();
    this.errors = [];
    this.reorgs = 0;
  }

  async start() {
    const head = await this.api.rpc.chain.getHeader();
    this.base = head.number.toNumber();
    this.blocks.set(this.base, { number: this.base, hash: head.hash.toHex(), txs: [], bytes: 0 });
    this.lastSeenAt = Date.now();
    this.unsub = await this.api.rpc.chain.subscribeNewHeads((h) => {
      const hash = h.hash.toHex();
      const number = h.number.toNumber();
      this.queue = this.queue.then(() => this.#onHead(number, hash)).catch((e) => {
        this.errors.push(e);
        console.error(`follower: block #${number}: ${e.message}`);
      });
    });
  }

  stop() {
    if (this.unsub) this.unsub();
    for (const w of this.waiters) w.finish();
  }

  /** The newest block number seen. */
  get best() {
    return Math.max(...this.blocks.keys());
  }

  /** Fetches a block by hash: its number, parent, extrinsic hashes and size. */
  async fetch(hash) {
    const { block } = await this.raw.send('chain_getBlock', [hash]);
    const txs = block.extrinsics.map((x) => this.api.registry.hash(hexToU8a(x)).toHex());
    const bytes = block.extrinsics.reduce((n, x) => n + (x.length - 2) / 2, 0);
    return {
      number: parseInt(block.header.number, 16),
      hash,
      parentHash: block.header.parentHash,
      txs,
      bytes,
      seenAt: Date.now(),
    };
  }

  async #onHead(number, hash) {
    // Walk back to a block we hold on the same chain (normally the previous one).
    const fresh = [];
    let h = hash;
    let n = number;
    while (n > this.base && this.blocks.get(n)?.hash !== h) {
      const b = await this.fetch(h);
      fresh.push(b);
      h = b.parentHash;
      n = b.number - 1;
    }
    for (const b of fresh.reverse()) this.#add(b);
  }

  #add(b) {
    const old = this.blocks.get(b.number);
    if (old && old.hash !== b.hash) {
      this.reorgs++;
      for (const [num, gone] of [...this.blocks]) {
        if (num < b.number) continue;
        this.blocks.delete(num);
        for (const tx of gone.txs) {
          if (this.where.get(tx)?.hash === gone.hash) this.where.delete(tx);
          for (const w of this.waiters) if (w.all.has(tx)) w.pending.add(tx);
        }
      }
    }
    this.blocks.set(b.number, b);
    this.lastSeenAt = b.seenAt;
    b.txs.forEach((tx, index) => {
      this.where.set(tx, { number: b.number, hash: b.hash, index });
      for (const w of this.waiters) w.pending.delete(tx);
    });
    for (const w of [...this.waiters]) w.onBlock(b);
  }

  /**
   * Resolves once every one of `hashes` is in a block (or at `timeoutMs`), with `missing` the
   * hashes not included. `onBlock(block, pendingCount)` is told of every block meanwhile.
   */
  wait(hashes, { timeoutMs, onBlock } = {}) {
    return new Promise((resolve) => {
      const all = new Set(hashes);
      const pending = new Set(hashes.filter((h) => !this.where.has(h)));
      let timer;
      const w = {
        all,
        pending,
        finish: () => {
          clearTimeout(timer);
          this.waiters.delete(w);
          resolve({ missing: [...pending] });
        },
        onBlock: (b) => {
          if (onBlock) onBlock(b, pending.size);
          if (pending.size === 0) w.finish();
        },
      };
      this.waiters.add(w);
      if (pending.size === 0) return w.finish();
      if (timeoutMs) timer = setTimeout(w.finish, timeoutMs);
    });
  }

  /** Resolves with the next block the follower adds. */
  nextBlock() {
    return new Promise((resolve) => {
      const w = {
        all: new Set(),
        pending: new Set(),
        finish: () => { this.waiters.delete(w); resolve(null); },
        onBlock: (b) => { this.waiters.delete(w); resolve(b); },
      };
      this.waiters.add(w);
    });
  }

  /** Where `hash` was included, if it was. */
  location(hash) {
    return this.where.get(hash);
  }
}

/** `section.name` of a dispatch error. */
export function describeDispatchError(api, err) {
  if (err.isModule) {
    try {
      const d = api.registry.findMetaError(err.asModule);
      return `${d.section}.${d.name}`;
    } catch {
      return err.toString();
    }
  }
  return err.toString();
}

/**
 * Reads each block's events, timestamp and consumed weight, and the outcome of each located
 * transaction: `{ ok, error, events }` (`events` only with `keepEvents`). `located` is a list
 * of `{ hash, number, index, blockHash }`.
 */
export async function outcomes(api, located, { keepEvents = false } = {}) {
  const byBlock = new Map();
  for (const l of located) {
    if (!byBlock.has(l.blockHash)) byBlock.set(l.blockHash, []);
    byBlock.get(l.blockHash).push(l);
  }
  const results = new Map();
  const blocks = new Map();
  for (const [blockHash, list] of byBlock) {
    const info = await blockInfo(api, blockHash, true);
    blocks.set(blockHash, info.summary);
    for (const l of list) {
      const evs = info.eventsByIndex.get(l.index) || [];
      const failed = evs.find((e) => isEvent(e, 'system', 'ExtrinsicFailed'));
      const ok = evs.some((e) => isEvent(e, 'system', 'ExtrinsicSuccess'));
      let error = null;
      if (failed) error = describeDispatchError(api, failed.data[0]);
      else if (!ok) error = 'no ExtrinsicSuccess event';
      // sudo reports the inner call's result in its own event, and so does the guard of a
      // change it executes (`guard.execute` succeeds whatever the change's call did).
      const sudid = evs.find((e) => isEvent(e, 'sudo', 'Sudid'));
      if (!error && sudid && sudid.data[0].isErr) error = `sudo: ${describeDispatchError(api, sudid.data[0].asErr)}`;
      const executed = evs.find((e) => isEvent(e, 'guard', 'Executed') && e.data[2].isErr);
      if (!error && executed) error = `guard change ${executed.data[0].toString()}: ${describeDispatchError(api, executed.data[2].asErr)}`;
      results.set(l.hash, { ok: !error, error, events: keepEvents ? evs : undefined });
    }
  }
  return { results, blocks };
}

/** A block's timestamp, weight per class and (optionally) its events by extrinsic index. */
export async function blockInfo(api, blockHash, withEvents = false) {
  const at = await api.at(blockHash);
  const [now, weight, events] = await Promise.all([
    at.query.timestamp.now(),
    at.query.system.blockWeight(),
    withEvents ? at.query.system.events() : Promise.resolve([]),
  ]);
  const eventsByIndex = new Map();
  for (const { phase, event } of events) {
    if (!phase.isApplyExtrinsic) continue;
    const i = phase.asApplyExtrinsic.toNumber();
    if (!eventsByIndex.has(i)) eventsByIndex.set(i, []);
    eventsByIndex.get(i).push(event);
  }
  return {
    eventsByIndex,
    summary: {
      timestamp: now.toNumber(),
      normalRefTime: weight.normal.refTime.toBigInt(),
      mandatoryRefTime: weight.mandatory.refTime.toBigInt(),
      operationalRefTime: weight.operational.refTime.toBigInt(),
    },
  };
}

/**
 * The setup steps of the harnesses, over one node's `api`, a started `follower` and submission
 * `providers`: each signer's nonces kept locally, calls packed into `utility.batchAll`s, offline
 * signing, `execute` (submit, wait for the blocks, require every transaction to succeed) and
 * `govern` (a governance call through the guard, lib/govern.js).
 */
export function setupTools({ api, follower, providers, log }) {
  const weights = api.consts.system.blockWeights;
  const normalMax = weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  const maxExtrinsic = weights.perClass.normal.maxExtrinsic.unwrap().refTime.toBigInt();

  const nonces = new Map();
  /** `pair`'s next nonce: read from the chain once, then counted here. */
  const nextNonce = async (pair) => {
    if (!nonces.has(pair.address)) nonces.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
    const n = nonces.get(pair.address);
    nonces.set(pair.address, n + 1);
    return n;
  };
  const callWeight = new Map();
  const weightOf = async (call) => {
    const key = `${call.method.section}.${call.method.method}`;
    if (!callWeight.has(key)) {
      const info = await api.call.transactionPaymentCallApi.queryCallInfo(call.method, call.method.encodedLength);
      callWeight.set(key, info.weight.refTime.toBigInt());
    }
    return callWeight.get(key);
  };
  /**
   * `calls` as `utility.batchAll`s of at most 24% of a block's normal weight each: four fill a
   * block (four of a quarter each would not fit beside the base weights).
   */
  const batched = async (calls) => {
    const cap = ((maxExtrinsic < normalMax ? maxExtrinsic : normalMax) * 24n) / 100n;
    const out = [];
    let cur = [];
    let w = 0n;
    for (const c of calls) {
      const cw = (await weightOf(c)) + 20_000_000n;
      if (cur.length && (w + cw > cap || cur.length >= 1_000)) {
        out.push(cur);
        cur = [];
        w = 0n;
      }
      cur.push(c);
      w += cw;
    }
    if (cur.length) out.push(cur);
    return out.map((b) => (b.length === 1 ? b[0] : api.tx.utility.batchAll(b)));
  };
  /** Signs `jobs` ([{ pair, txs }]) with each signer's next nonces. */
  const signJobs = async (jobs) => {
    const signed = [];
    for (const { pair, txs } of jobs) {
      for (const tx of txs) signed.push({ ...signOffline(api, tx, pair, await nextNonce(pair)), who: pair.address });
    }
    return signed;
  };
  /**
   * Submits `signed`, waits for their blocks (at most `timeoutMs`) and throws unless every one
   * succeeded. Returns each transaction's events.
   */
  const execute = async (what, signed, { timeoutMs = 180_000 } = {}) => {
    const t = Date.now();
    const sub = await submitAll(providers, signed, { window: 64 });
    if (sub.refused.length) {
      throw new Error(`setup ${what}: the pool refused ${sub.refused.length} transactions: ${sub.refused[0].message}`);
    }
    const { missing } = await follower.wait(signed.map((s) => s.hash), { timeoutMs });
    if (missing.length) throw new Error(`setup ${what}: ${missing.length} transactions not included within ${timeoutMs / 1000} s`);
    const located = signed.map((s) => {
      const l = follower.location(s.hash);
      return { hash: s.hash, index: l.index, blockHash: l.hash };
    });
    const { results: res } = await outcomes(api, located, { keepEvents: true });
    const bad = signed.filter((s) => !res.get(s.hash).ok);
    if (bad.length) throw new Error(`setup ${what}: ${bad.length} failed, first: ${res.get(bad[0].hash).error}`);
    log(`setup ${what}: ${signed.length} transactions in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return signed.map((s) => res.get(s.hash).events);
  };
  /** The events `section.method` among `execute`'s result. */
  const eventsOf = (evLists, section, method) =>
    evLists.flat().filter((e) => isEvent(e, section, method));
  /**
   * Executes, signed by `pair`, the changes the guard held back among `execute`'s result
   * `evLists` (`guard.Scheduled`), once they are due (never on a dev chain: its guard has no
   * delay). Returns the events of the `guard.execute` transaction (`[]` when none).
   */
  const executeScheduled = async (what, pair, evLists) => {
    const changes = scheduledChanges(evLists.flat());
    if (changes.length === 0) return [];
    await untilDue(api, changes);
    return execute(`${what} (guard.execute)`, await signJobs([{ pair, txs: [await executeTx(api, changes)] }]));
  };
  /**
   * Governance: `call`, a protocol pallet's governance call, as `sudo.sudo(guard.submit(call))`
   * signed by `pair` (the sudo key), then executed if the guard held it back. Returns the
   * events of both transactions, like `execute`.
   */
  const govern = async (what, pair, call) => {
    const submitted = await execute(what, await signJobs([{ pair, txs: [governTx(api, call)] }]));
    return [...submitted, ...(await executeScheduled(what, pair, submitted))];
  };

  return { normalMax, nextNonce, batched, signJobs, execute, eventsOf, executeScheduled, govern };
}

/**
 * The node log's block proposals, by sealed block hash: `{ number, buildMs, end, extrinsics }`,
 * `end` being why the proposer stopped taking transactions.
 */
export function proposerLog(file) {
  const out = new Map();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  // eslint-disable-next-line no-control-regex
  text = text.replace(/\x1b\[[0-9;]*m/g, '');
  const re = /Prepared block for proposing at (\d+) \((\d+) ms\) hash: (0x[0-9a-f]+); parent_hash: \S+; end: (\w+); extrinsics_count: (\d+)/g;
  const prepared = new Map();
  for (const m of text.matchAll(re)) {
    prepared.set(m[3], { number: Number(m[1]), buildMs: Number(m[2]), end: m[4], extrinsics: Number(m[5]) });
  }
  // Aura seals the block afterwards, which changes its hash.
  for (const m of text.matchAll(/Pre-sealed block for proposal at \d+\. Hash now (0x[0-9a-f]+), previously (0x[0-9a-f]+)/g)) {
    if (prepared.has(m[2])) out.set(m[1], prepared.get(m[2]));
  }
  return out;
}

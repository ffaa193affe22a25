// Every event of a running chain, block by block, as it happens: the bridge tests start actions
// on the EVM side and wait for their outcome on the chain, with the block and the time it landed.
//
// `watchChain(api)` follows the best heads and records, for each block in order (none skipped),
// each event as `{ n, hash, timestamp, phase, event, index }` (`timestamp`: the block's
// `timestamp.now`, milliseconds). `mark()` is a position to search from, so that a test only sees
// what happened after it acted.
import { bestNumber } from './chain.js';
import { isEvent } from './events.js';
import { withTimeout } from './node.js';

class ChainWatch {
  constructor(api) {
    this.api = api;
    this.records = [];
    this.blocks = [];
    this.waiters = new Set();
    this.failure = null;
    this.queue = Promise.resolve();
    this.next = 0;
    this.unsub = null;
  }

  async start() {
    this.next = (await bestNumber(this.api)) + 1;
    this.unsub = await this.api.rpc.chain.subscribeNewHeads((header) => {
      const to = header.number.toNumber();
      this.queue = this.queue.then(() => this.catchUp(to)).catch((e) => this.fail(e));
    });
  }

  /** Records blocks `next..=to`. */
  async catchUp(to) {
    while (this.next <= to) {
      const n = this.next;
      const hash = await this.api.rpc.chain.getBlockHash(n);
      const at = await this.api.at(hash);
      const [events, now] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
      const timestamp = now.toNumber();
      this.blocks.push({ n, hash, timestamp });
      events.forEach(({ phase, event }, index) => this.records.push({ n, hash, timestamp, phase, event, index }));
      this.next = n + 1;
      for (const w of this.waiters) w();
    }
  }

  fail(e) {
    this.failure = e;
    for (const w of this.waiters) w();
  }

  /** The position of the next record: pass it as `from` to see only what comes after now. */
  mark() {
    return this.records.length;
  }

  /** The highest block recorded so far. */
  get head() {
    return this.next - 1;
  }

  /** Records of `section.method` from position `from` whose event data satisfies `where`. */
  all(section, method, where = () => true, from = 0) {
    return this.records.slice(from).filter((r) => isEvent(r.event, section, method) && where(r.event.data, r));
  }

  /** The first such record, or undefined. */
  find(section, method, where = () => true, from = 0) {
    return this.records.slice(from).find((r) => isEvent(r.event, section, method) && where(r.event.data, r));
  }

  /** Resolves once `check()` returns something truthy (checked after every recorded block). */
  until(check, timeoutMs, what) {
    let waiter;
    const found = new Promise((ok, fail) => {
      waiter = () => {
        let value;
        try {
          if (this.failure) throw this.failure;
          value = check();
        } catch (e) {
          this.waiters.delete(waiter);
          fail(e);
          return;
        }
        if (value) {
          this.waiters.delete(waiter);
          ok(value);
        }
      };
      this.waiters.add(waiter);
      waiter();
    });
    return withTimeout(found, timeoutMs, what).finally(() => this.waiters.delete(waiter));
  }

  /** Resolves with the first record of `section.method` from `from` satisfying `where`. */
  waitFor(section, method, where = () => true, { from = 0, timeoutMs = 90_000, what } = {}) {
    return this.until(() => this.find(section, method, where, from), timeoutMs, what ?? `event ${section}.${method}`);
  }

  /** Resolves once block `n` is recorded. */
  waitForBlock(n, timeoutMs = 90_000) {
    return this.until(() => this.head >= n, timeoutMs, `chain block #${n}`);
  }

  /** Resolves after `count` more blocks. */
  blocksLater(count, timeoutMs) {
    return this.waitForBlock(this.head + count, timeoutMs ?? 30_000 + count * 10_000);
  }

  /** The timestamp (ms) of recorded block `n`. */
  timestampOf(n) {
    return this.blocks.find((b) => b.n === n)?.timestamp;
  }

  /** The extrinsic that emitted `record` (`api.rpc.chain.getBlock`'s), or undefined for a hook's event. */
  async extrinsicOf(record) {
    if (!record.phase.isApplyExtrinsic) return undefined;
    const block = await this.api.rpc.chain.getBlock(record.hash);
    return block.block.extrinsics[record.phase.asApplyExtrinsic.toNumber()];
  }

  /** Stops following the chain; whoever still waits is rejected. */
  stop() {
    if (this.unsub) this.unsub();
    this.unsub = null;
    this.fail(new Error('the chain watch was stopped'));
  }
}

/** Starts recording the events of `api`'s chain from its next best block. */
export async function watchChain(api) {
  const watch = new ChainWatch(api);
  await watch.start();
  return watch;
}

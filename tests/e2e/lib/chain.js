// Reading a running chain through @polkadot/api: block numbers, waiting for a head, the events
// of a range of blocks, Aura authors, pallet accounts and asset balances. `api` is an ApiPromise;
// where a function reads state, `at` is an ApiPromise or a decorated `api.at(hash)`.
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { sleep, withTimeout } from './node.js';

/** The best block's number. */
export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** The finalized head's number. */
export async function finalizedNumber(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

/** The number of the block `hash`. */
export async function numberOf(api, hash) {
  return (await api.rpc.chain.getHeader(hash)).number.toNumber();
}

/**
 * How long to wait for `blocks` more blocks of the fast runtime (3-second slots): three slots a
 * block, and a minute more (the machine may be busy).
 */
export function blockBudget(blocks) {
  return 60_000 + Math.max(blocks, 0) * 9_000;
}

/**
 * Resolves with the hash of the first head at or past block `n` that `api` announces: `best`
 * heads (`subscribeNewHeads`) or `finalized` ones. Times out after `blockBudget` of the blocks
 * still to come.
 */
export async function headAt(api, kind, n) {
  const subscribe = { best: 'subscribeNewHeads', finalized: 'subscribeFinalizedHeads' }[kind];
  const now = await bestNumber(api);
  return withTimeout(new Promise((ok, fail) => {
    let unsub;
    let done = false;
    api.rpc.chain[subscribe]((h) => {
      if (done || h.number.toNumber() < n) return;
      done = true;
      if (unsub) unsub();
      ok(h.hash);
    }).then((u) => { unsub = u; if (done) u(); }).catch(fail);
  }), blockBudget(n - now), `block #${n}`);
}

/** The hash of the best block once the chain reaches `n`. */
export const bestAt = (api, n) => headAt(api, 'best', n);
/** Resolves (with its hash) once block `n` is finalized. */
export const finalizedAt = (api, n) => headAt(api, 'finalized', n);

/**
 * Polls `read()` (a block number) every `everyMs` until it reaches `n`, and resolves with it;
 * rejects after `timeoutMs`, naming `what`, or when `read` rejects.
 */
export function reaches(read, n, timeoutMs, what, everyMs = 1_000) {
  return withTimeout((async () => {
    for (;;) {
      const h = await read();
      if (h >= n) return h;
      await sleep(everyMs);
    }
  })(), timeoutMs, what);
}

/** The events of finalized blocks `from..=to` as `{ n, hash, event }`, once `to` is finalized. */
export async function eventsIn(api, from, to) {
  await finalizedAt(api, to);
  const out = [];
  for (let n = from; n <= to; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const records = await (await api.at(hash)).query.system.events();
    for (const { event } of records) out.push({ n, hash, event });
  }
  return out;
}

/** The Aura author of block `n`: the authority whose turn its slot was (hex public key). */
export async function authorOf(api, n) {
  const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
  const pre = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
  const slot = api.createType('u64', pre.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

/**
 * The account of a pallet (`modl` ++ `id` ++ `sub`, zero-padded or cut to 32 bytes), as
 * Substrate derives it (`PalletId::into_sub_account_truncating`), in hex.
 */
export function palletAccount(id, ...sub) {
  const raw = new Uint8Array(32);
  raw.set(u8aConcat(stringToU8a('modl'), stringToU8a(id), ...sub).subarray(0, 32));
  return u8aToHex(raw);
}

/** The keyless treasury account (pallet id `usdai/ty`): auction fees. */
export const treasuryAccount = () => palletAccount('usdai/ty');

/** `who`'s balance (a keypair or an address) of pallet-assets asset `id`: 0 without an account. */
export async function assetBalance(at, id, who) {
  const a = await at.query.assets.account(id, who.address ?? who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
}

// Governance as the tests make it: the governance calls of the protocol's pallets (usdai,
// caliber, filo, gauges, treasuryBridge) no longer take root; they go through the guard
// (pallets/guard). Root — sudo on the chains that keep it — submits them with
// `sudo.sudo(guard.submit(call))`. A risk-lowering call is applied at once (`guard.Applied`); a
// risk-raising one is held back for the guard's delay (`guard.Scheduled { id, due }`) and then
// anyone executes it (`guard.execute(id, weight_bound)`, `guard.Executed { id, result }`). On
// the `dev` and `dev-fast` chains the delay is zero and every call applies at once; on
// `local-fast` it is two "days" (4 blocks). Calls of the other pallets (assets.force*,
// balances.forceSetBalance, system, nfts.force*) stay plain root calls: `sudo.sudo(call)`.
//
// On a chain without sudo (`local`, `local-fast`) the same `guard.submit(call)` is decided by a
// CHIP referendum instead (`lib/referendum.js`), on the track `options.track` names (default
// `root`; `parameters`, `registrar` or `treasurer` for the calls of their domain).
//
// `govern(api, call)` does all of it (submit, wait until due, execute, check every result);
// `sudo(api, call)` sends any root call, routing the protocol's calls through `govern`. The
// throughput harness signs its own transactions: it uses `governTx`, `scheduledChanges`,
// `untilDue` and `executeTx` (throughput/chain.js).
import { Keyring } from '@polkadot/keyring';
import { dispatchErrorName, send } from './node.js';
import { bestAt } from './chain.js';
import { findEvent, isEvent } from './events.js';
import { callOf, referendum } from './referendum.js';

/** The pallets (their section in @polkadot/api) whose governance calls go through the guard. */
export const PROTOCOL_PALLETS = new Set(['usdai', 'caliber', 'filo', 'gauges', 'treasuryBridge']);

/** The `utility` calls that dispatch a list of calls with the caller's origin. */
const BATCHES = new Set(['batch', 'batchAll', 'forceBatch']);

/** Whether the chain has a sudo key (`dev`, `dev-fast`; `local` has none). */
export async function hasSudo(api) {
  return api.query.sudo !== undefined && (await api.query.sudo.key()).isSome;
}

/** The dev chains' sudo key (`//Alice`). */
export function sudoKey() {
  return new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
}


/** Whether `call` (a submittable or a `Call`) is one of a protocol pallet's (`PROTOCOL_PALLETS`). */
export function isProtocolCall(call) {
  return PROTOCOL_PALLETS.has(callOf(call).section);
}

/** Whether `call` is a `utility.batch`, `batchAll` or `forceBatch`. */
function isBatch(call) {
  const c = callOf(call);
  return c.section === 'utility' && BATCHES.has(c.method);
}

/** Whether `call` is a protocol pallet's call or a utility batch (at any depth) holding one. */
export function involvesProtocolCall(call) {
  if (isProtocolCall(call)) return true;
  return isBatch(call) && [...callOf(call).args[0]].some(involvesProtocolCall);
}

/**
 * `call` as root must dispatch it: `guard.submit(call)`. A utility batch stays a batch (of the
 * same kind) whose protocol calls are each wrapped in `guard.submit` (each is submitted as
 * root, in order); its other calls (e.g. `utility.dispatchAs`, `assets.forceX`) are left as they
 * are. A risk-lowering call in the batch is applied in its turn, a risk-raising one only when it
 * is executed, after the batch.
 */
export function toGuard(api, call) {
  const c = callOf(call);
  if (isBatch(c)) {
    const items = [...c.args[0]].map((item) => (involvesProtocolCall(item) ? toGuard(api, item) : item));
    return api.tx.utility[c.method](items);
  }
  return api.tx.guard.submit(c);
}

/** The transaction root governance sends: `sudo.sudo(guard.submit(call))` (see `toGuard`). */
export function governTx(api, call) {
  return api.tx.sudo.sudo(toGuard(api, call));
}

/** The event of an event record (`{ event }`), or the event itself. */
const eventOf = (x) => x.event ?? x;

/** The changes the guard held back among `records` (event records or events): `[{ id, due }]`. */
export function scheduledChanges(records) {
  return records
    .map(eventOf)
    .filter((e) => isEvent(e, 'guard', 'Scheduled'))
    .map((e) => ({ id: e.data.id.toNumber(), due: e.data.due.toNumber() }));
}

/** Resolves once the best block has reached every one of `changes`' `due`. */
export async function untilDue(api, changes) {
  if (changes.length === 0) return;
  await bestAt(api, Math.max(...changes.map((c) => c.due)));
}

/**
 * The transaction that executes `changes` (`[{ id }]`, pending): `guard.execute(id, weight)`, in
 * a `utility.batchAll` when there are several. Each weight bound is the one the guard recorded
 * for the call at submission (`guardApi.pendingChanges()`: the least that `execute` takes).
 * Anyone may sign it.
 */
export async function executeTx(api, changes) {
  const pending = await api.call.guardApi.pendingChanges();
  const txs = changes.map(({ id }) => {
    const change = pending.find((p) => p.id.toNumber() === id);
    if (!change) throw new Error(`guard change ${id} is not pending`);
    const weight = { refTime: change.weight.refTime.toBigInt(), proofSize: change.weight.proofSize.toBigInt() };
    return api.tx.guard.execute(id, weight);
  });
  return txs.length === 1 ? txs[0] : api.tx.utility.batchAll(txs);
}

/** The result (`Result<(), DispatchError>`) a sudo, utility or guard event carries. */
const resultOf = (event, name, index) => event.data[name] ?? event.data[index];

/**
 * Throws unless root's call succeeded, by the events of the sudo transaction (`records`): the
 * `sudo.Sudid` result, inner `utility.dispatchAs` results and, with `batches`, the items of a
 * `utility.batch` or `forceBatch` (a `guard.submit` that failed in one does not fail the batch).
 */
function checkRoot(api, records, { batches = false } = {}) {
  const sudid = findEvent(records, 'sudo', 'Sudid');
  if (!sudid) throw new Error('no sudo.Sudid event');
  const outcome = resultOf(sudid, 'sudoResult', 0);
  if (outcome.isErr) throw new Error(`sudo call failed: ${dispatchErrorName(api, outcome.asErr)}`);
  for (const { event } of records) {
    if (isEvent(event, 'utility', 'DispatchedAs')) {
      const inner = resultOf(event, 'result', 0);
      if (inner.isErr) throw new Error(`dispatched call failed: ${dispatchErrorName(api, inner.asErr)}`);
    }
    if (batches) checkBatchItem(api, event);
  }
}

/** Throws if `records` show a failed `utility.batch` or `forceBatch` item or guard application. */
function checkBatchItems(api, records) {
  for (const { event } of records) checkBatchItem(api, event);
}

/** Throws if `event` is a failed batch item or a failed guard application. */
function checkBatchItem(api, event) {
  if (isEvent(event, 'utility', 'BatchInterrupted')) {
    const error = event.data.error ?? event.data[1];
    throw new Error(`batch item ${(event.data.index ?? event.data[0]).toString()} failed: ${dispatchErrorName(api, error)}`);
  }
  if (isEvent(event, 'utility', 'ItemFailed')) {
    throw new Error(`batch item failed: ${dispatchErrorName(api, event.data.error ?? event.data[0])}`);
  }
  // A failed risk-lowering call fails `submit` itself; should `Applied` ever carry an error
  // result, it is a failure too.
  if (isEvent(event, 'guard', 'Applied')) {
    const applied = event.data.result;
    if (applied && applied.isErr) throw new Error(`guard.submit failed: ${dispatchErrorName(api, applied.asErr)}`);
  }
}

/**
 * Throws unless `records` (event records or events of a `guard.execute` transaction) show each of `changes` executed
 * with an `Ok` result: `execute` succeeds even when the call it runs fails (`Executed` says).
 */
export function checkExecuted(api, records, changes) {
  const executed = records.map(eventOf).filter((e) => isEvent(e, 'guard', 'Executed'));
  for (const { id } of changes) {
    const e = executed.find((x) => x.data.id.toNumber() === id);
    if (!e) throw new Error(`no guard.Executed event for change ${id}`);
    const result = resultOf(e, 'result', 2);
    if (result.isErr) throw new Error(`guard change ${id} failed: ${dispatchErrorName(api, result.asErr)}`);
  }
}

/**
 * Makes a governance call of a protocol pallet (or a utility batch holding such calls, see
 * `toGuard`) as root: `sudo.sudo(guard.submit(call))` signed by `signer` (default Alice, the dev
 * chains' sudo key), checked by its `sudo.Sudid` result (rejects with the inner error's name:
 * `sudo call failed: filo.UnknownStack`). Risk-raising changes the guard holds back
 * (`guard.Scheduled`) are executed, signed by `signer`, once the best block reaches their
 * `due`, and rejected unless `guard.Executed` says `Ok`.
 *
 * On a chain without sudo, a referendum on `options.track` (default `root`) decides
 * `guard.submit(call)` instead (`lib/referendum.js`); `submitted` is then the block where the
 * referendum's call was dispatched (with `referendum`, its index), and `signer` only executes
 * what the guard held back.
 *
 * `options` go to `send` (`finalized`, `timeoutMs`) for each transaction. Resolves with
 * `{ events, blockHash, submitted, executed, scheduled }`: `events` the records of both
 * transactions (so the inner pallet's events are there whether the call was applied at once or
 * executed later), `blockHash` the block where the call took effect, `submitted` and `executed`
 * each transaction's `{ events, blockHash }` (`executed` null when nothing was held back) and
 * `scheduled` the changes held back (`[{ id, due }]`).
 */
export async function govern(api, call, signer = sudoKey(), options = {}) {
  const { track, ...sendOptions } = options;
  let submitted;
  if (await hasSudo(api)) {
    submitted = await send(api, governTx(api, call), signer, sendOptions);
    checkRoot(api, submitted.events, { batches: true });
  } else {
    const enacted = await referendum(api, toGuard(api, call), {
      track,
      options: { finalized: true, timeoutMs: 180_000, ...sendOptions },
    });
    checkBatchItems(api, enacted.events);
    submitted = { events: enacted.events, blockHash: enacted.blockHash, referendum: enacted.index };
  }
  const scheduled = scheduledChanges(submitted.events);
  if (scheduled.length === 0) return { ...submitted, submitted, executed: null, scheduled };
  await untilDue(api, scheduled);
  const executed = await send(api, await executeTx(api, scheduled), signer, sendOptions);
  checkExecuted(api, executed.events, scheduled);
  return {
    events: [...submitted.events, ...executed.events],
    blockHash: executed.blockHash,
    submitted,
    executed,
    scheduled,
  };
}

/**
 * Dispatches `call` as root through `sudo.sudo`, signed by Alice (the dev chains' sudo key), and
 * resolves with `{ events, blockHash }`; rejects with the inner error's name if the call failed
 * (sudo itself succeeds and reports it in `Sudid`). Inner `utility.dispatchAs` results are
 * checked too. A protocol pallet's call, or a batch holding one, goes through the guard:
 * `govern` (same result, plus its extra fields).
 */
export async function sudo(api, call, options) {
  if (involvesProtocolCall(call)) return govern(api, call, sudoKey(), options);
  const result = await send(api, api.tx.sudo.sudo(call), sudoKey(), options);
  checkRoot(api, result.events);
  return result;
}

// Governance by CHIP referendum, as on a chain without sudo (`local`, `local-fast`): the call's
// preimage is noted, a referendum is submitted on a track with the track's origin, its decision
// deposit placed, and enough CHIP holders vote aye that it passes from the first block of its
// decision period (support over the track's curve at its start). Pallet-referenda then confirms
// it (the track's confirm period), schedules the call after the track's least enactment delay,
// and pallet-scheduler dispatches it with the track's origin.
//
// `referendum(api, call, { track })` does all of it and resolves with the block where the call
// was dispatched; `lib/govern.js` uses it for the protocol pallets' governance calls on chains
// without sudo (the call goes to the guard, which may then hold it back for its delay).
//
// The voters are the well-known dev accounts (Alice … Ferdie and their `//stash` accounts), which
// the `local` and `dev` genesis endow: on a real network the same calls are made by CHIP holders
// in Polkadot.js apps.
import { Keyring } from '@polkadot/keyring';
import { bnToU8a, compactAddLength, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { dispatchErrorName, send, withTimeout } from './node.js';
import { blockBudget, bestNumber } from './chain.js';
import { isEvent } from './events.js';

/** The origin (`OriginCaller`, as @polkadot/api takes it) a referendum on each track enacts with. */
export const TRACK_ORIGINS = {
  root: { system: 'Root' },
  whitelistedCaller: { Origins: 'WhitelistedCaller' },
  parameters: { Origins: 'Parameters' },
  registrar: { Origins: 'Registrar' },
  treasurer: { Origins: 'Treasurer' },
};

/** The share of the active CHIP issuance the voters put behind a referendum: above every track's support at its start (50%). */
const SUPPORT = 60n;

/** The dev accounts, in the order they vote. */
const VOTERS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].flatMap((n) => [`//${n}`, `//${n}//stash`]);

/** The keypairs of the well-known dev accounts (`//Alice` … `//Ferdie//stash`) that vote. */
export function devVoters() {
  const keyring = new Keyring({ type: 'sr25519' });
  return VOTERS.map((uri) => keyring.addFromUri(uri));
}

/**
 * The name pallet-scheduler knows referendum `index`'s enactment by:
 * `blake2_256(("assembly", "enactment", index).encode())`, as pallet-referenda schedules it.
 */
export function enactmentTaskName(index) {
  return blake2AsHex(u8aConcat(
    stringToU8a('assembly'),
    compactAddLength(stringToU8a('enactment')),
    bnToU8a(index, { bitLength: 32, isLe: true }),
  ), 256);
}

/** The `Call` of `call`: a submittable (`api.tx.x.y(...)`, its `method`) or a `Call` itself. */
export function callOf(call) {
  return typeof call.method === 'string' ? call : call.method;
}

/**
 * Votes aye on referendum `index` with `voters` until their votes (without conviction: each
 * counts for its balance) reach `SUPPORT`% of the active CHIP issuance. Each votes at most three
 * quarters of its free CHIP, so that it still pays fees and moves CHIP afterwards (a vote locks,
 * it does not spend). Resolves with the voters who voted; rejects if they do not hold enough.
 */
async function voteAye(api, index, voters, options) {
  const total = (await api.query.balances.totalIssuance()).toBigInt();
  const inactive = (await api.query.balances.inactiveIssuance()).toBigInt();
  const needed = ((total - inactive) * SUPPORT) / 100n + 1n;
  const votes = [];
  let sum = 0n;
  for (const voter of voters) {
    if (sum >= needed) break;
    const free = (await api.query.system.account(voter.address)).data.free.toBigInt();
    let balance = (free * 3n) / 4n;
    if (balance > needed - sum) balance = needed - sum;
    if (balance === 0n) continue;
    votes.push([voter, balance]);
    sum += balance;
  }
  if (sum < needed) throw new Error(`the dev accounts hold ${sum} CHIP to vote, ${needed} needed`);
  return Promise.all(votes.map(([voter, balance]) => send(api, api.tx.convictionVoting.vote(index, {
    Standard: { vote: { aye: true, conviction: 'None' }, balance },
  }), voter, options).then(() => voter)));
}

/**
 * Follows the finalized chain from block `from` on, calling `visit(n, hash, records)` with each
 * block's events (none is skipped, however far finality jumps) until `visit` returns something
 * other than `undefined`, which it resolves with. Rejects after `timeoutMs`.
 */
function followFinalized(api, from, visit, timeoutMs, what) {
  return withTimeout(new Promise((ok, fail) => {
    let next = from;
    let busy = false;
    let done = false;
    let unsub;
    const finish = (f, x) => {
      if (done) return;
      done = true;
      if (unsub) unsub();
      f(x);
    };
    api.rpc.chain.subscribeFinalizedHeads(async (head) => {
      if (busy || done) return;
      busy = true;
      try {
        for (; next <= head.number.toNumber() && !done; next++) {
          const hash = await api.rpc.chain.getBlockHash(next);
          const records = await (await api.at(hash)).query.system.events();
          const out = await visit(next, hash, records);
          if (out !== undefined) finish(ok, out);
        }
      } catch (e) {
        finish(fail, e);
      }
      busy = false;
    }).then((u) => { unsub = u; if (done) u(); }).catch((e) => finish(fail, e));
  }), timeoutMs, what);
}

/** The blocks from a referendum's submission to its enactment on `track` (its periods), with slack. */
function referendumBlocks(api, track) {
  const info = api.consts.referenda.tracks.find(([id]) => id.toNumber() === track)?.[1];
  if (!info) throw new Error(`no referendum track ${track}`);
  return info.preparePeriod.toNumber() + info.confirmPeriod.toNumber()
    + info.minEnactmentPeriod.toNumber() + 10;
}

/**
 * Decides `call` (a submittable or a `Call`) by CHIP referendum on `track` (a key of
 * `TRACK_ORIGINS`, default `root`): `proposer` (default Alice) notes its preimage, submits the
 * referendum and places its decision deposit; the dev accounts vote aye with 60% of the active
 * issuance; the helper waits, on the finalized chain, until pallet-scheduler dispatches the call
 * and rejects if the referendum ends any other way or the dispatched call failed (with the
 * error's name: `referendum 3: guard.WrongTrack`). Afterwards the proposer's deposits are
 * refunded and the votes removed and unlocked.
 *
 * Resolves with `{ index, events, blockHash, number }`: the referendum's index, the event
 * records of the initialization of the block where its call was dispatched (the inner pallet's
 * events, or the guard's `Scheduled` when it holds the change back), that block's hash and
 * number.
 */
export async function referendum(api, call, {
  track = 'root', proposer, voters = devVoters(), options = { finalized: true, timeoutMs: 180_000 },
} = {}) {
  const origin = TRACK_ORIGINS[track];
  if (!origin) throw new Error(`unknown track ${track}`);
  const by = proposer ?? devVoters()[0];
  const bytes = callOf(call).toU8a();
  const hash = blake2AsHex(bytes, 256);
  const preimage = (await api.query.preimage.requestStatusFor(hash)).isSome
    ? []
    : [api.tx.preimage.notePreimage(u8aToHex(bytes))];
  const submitted = await send(api, api.tx.utility.batchAll([
    ...preimage,
    api.tx.referenda.submit(origin, { Lookup: { hash, len: bytes.length } }, { After: 0 }),
  ]), by, options);
  const event = submitted.events.map((r) => r.event).find((e) => isEvent(e, 'referenda', 'Submitted'));
  if (!event) throw new Error('no referenda.Submitted event');
  const index = event.data.index.toNumber();
  const trackId = event.data.track.toNumber();
  const from = await bestNumber(api);
  // One transaction at a time from each account (the proposer votes too): the deposit first.
  await send(api, api.tx.referenda.placeDecisionDeposit(index), by, options);
  const voted = await voteAye(api, index, voters, options);

  const task = enactmentTaskName(index);
  const ended = ['Rejected', 'Cancelled', 'Killed', 'TimedOut'];
  const enacted = await followFinalized(api, from, (number, blockHash, records) => {
    for (const { event: e } of records) {
      if (e.section === 'referenda' && ended.includes(e.method) && e.data[0].toNumber() === index) {
        throw new Error(`referendum ${index} ${e.method}`);
      }
      if (isEvent(e, 'scheduler', 'Dispatched') && e.data.id.isSome && e.data.id.unwrap().toHex() === task) {
        if (e.data.result.isErr) throw new Error(`referendum ${index}: ${dispatchErrorName(api, e.data.result.asErr)}`);
        // Only what the block's scheduler did: the block's transactions are someone else's.
        return { index, events: records.filter((r) => r.phase.isInitialization), blockHash, number };
      }
      if (isEvent(e, 'scheduler', 'CallUnavailable') || isEvent(e, 'scheduler', 'PermanentlyOverweight')) {
        if (e.data.id.isSome && e.data.id.unwrap().toHex() === task) throw new Error(`referendum ${index}: scheduler.${e.method}`);
      }
    }
    return undefined;
  }, blockBudget(referendumBlocks(api, trackId)), `referendum ${index} on ${track}`);

  // The votes (without conviction, locked for no time) are removed and their CHIP unlocked, and
  // the proposer's deposits come back: the accounts are as they were.
  await Promise.all(voted.map((voter) => send(api, api.tx.utility.batchAll([
    api.tx.convictionVoting.removeVote(trackId, index),
    api.tx.convictionVoting.unlock(trackId, voter.address),
  ]), voter, options)));
  await send(api, api.tx.utility.batchAll([
    api.tx.referenda.refundDecisionDeposit(index),
    api.tx.referenda.refundSubmissionDeposit(index),
  ]), by, options);
  return enacted;
}

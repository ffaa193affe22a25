// A runtime upgrade as a chain without sudo makes it: a root-track referendum authorizes the new
// code by its hash (`system.authorizeUpgrade`, a 34-byte call, so the referendum's preimage is
// small), then anyone hands the code in with an unsigned `system.applyAuthorizedUpgrade(code)`
// (operational, free: the chain accepts exactly the code it authorized). The new runtime takes
// over from the next block, whose initialization runs its migrations.
//
// Not yet used by a test: the upgrade test of issue 20 (a second build of the fast runtime with
// a higher spec_version and a storage migration) is the next step.
import { readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { withTimeout } from './node.js';
import { referendum } from './referendum.js';
import { isEvent } from './events.js';

/** The bytes of a compressed runtime blob (`*.compact.compressed.wasm`). */
export function readRuntime(path) {
  return new Uint8Array(readFileSync(path));
}

/**
 * Upgrades the chain to `code` (the compressed wasm's bytes) by a root referendum that
 * authorizes its hash, then an unsigned `applyAuthorizedUpgrade`. Resolves with
 * `{ authorized, applied }`: the referendum's enactment (`lib/referendum.js`) and
 * `{ events, blockHash }` of the block that took the code. Rejects unless that block says
 * `system.CodeUpdated` (a code the chain refuses, e.g. one whose spec_version is not higher,
 * only emits `system.RejectedInvalidAuthorizedUpgrade`).
 */
export async function upgradeByReferendum(api, code, { timeoutMs = 180_000 } = {}) {
  const hash = blake2AsHex(code, 256);
  const authorized = await referendum(api, api.tx.system.authorizeUpgrade(hash), { track: 'root' });
  if (!authorized.events.some(({ event }) => isEvent(event, 'system', 'UpgradeAuthorized'))) {
    throw new Error('the referendum did not authorize the upgrade');
  }
  const applied = await withTimeout(new Promise((ok, fail) => {
    api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)).send(({ status, events, dispatchError }) => {
      if (dispatchError) fail(new Error(`applyAuthorizedUpgrade failed: ${dispatchError.toString()}`));
      else if (status.isFinalized) ok({ events, blockHash: status.asFinalized });
      else if (status.isInvalid || status.isDropped || status.isUsurped) fail(new Error(`applyAuthorizedUpgrade ${status.type}`));
    }).catch(fail);
  }), timeoutMs, 'system.applyAuthorizedUpgrade');
  if (!applied.events.some(({ event }) => isEvent(event, 'system', 'CodeUpdated'))) {
    const rejected = applied.events.some(({ event }) => isEvent(event, 'system', 'RejectedInvalidAuthorizedUpgrade'));
    throw new Error(rejected ? 'the chain rejected the authorized code' : 'no system.CodeUpdated event');
  }
  return { authorized, applied };
}

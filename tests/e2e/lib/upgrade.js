// A runtime upgrade as a chain without sudo makes it: a root-track referendum authorizes the new
// code by its hash (`system.authorizeUpgrade`, a 34-byte call, so the referendum's preimage is
// small), then anyone hands the code in with an unsigned `system.applyAuthorizedUpgrade(code)`
// (operational, free: the chain accepts exactly the code it authorized). The new runtime takes
// over from the next block, whose initialization runs its migrations.
//
// The lifecycle test (network/lifecycle.test.js) installs the next release this way:
// runtime-fast's second blob (`next::WASM_BINARY`, usdai-runtime with `next-release`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { nodeBinary, withTimeout } from './node.js';
import { referendum } from './referendum.js';
import { isEvent } from './events.js';

/**
 * The path of the next release's fast runtime: $USDAI_NEXT_RUNTIME, else the blob runtime-fast's
 * build wrote beside the node binary's build (`wbuild/usdai-runtime-fast/`).
 */
export function nextRuntimePath() {
  if (process.env.USDAI_NEXT_RUNTIME) return process.env.USDAI_NEXT_RUNTIME;
  const path = join(dirname(nodeBinary()), 'wbuild', 'usdai-runtime-fast', 'wasm_binary_next.rs.compact.compressed.wasm');
  if (!existsSync(path)) throw new Error(`${path} missing: build usdai-node (runtime-fast builds it) or set USDAI_NEXT_RUNTIME`);
  return path;
}

/** The bytes of a compressed runtime blob (`*.compact.compressed.wasm`). */
export function readRuntime(path) {
  return new Uint8Array(readFileSync(path));
}

/**
 * Upgrades the chain to `code` (the compressed wasm's bytes) by a root referendum that
 * authorizes its hash, then an unsigned `applyAuthorizedUpgrade`. Resolves with
 * `{ authorized, applied }`: the referendum's enactment (`lib/referendum.js`) and
 * `{ events, blockHash }` of the block that took the code (its events decoded as the old
 * runtime wrote them). Rejects unless that block says
 * `system.CodeUpdated` (a code the chain refuses, e.g. one whose spec_version is not higher,
 * only emits `system.RejectedInvalidAuthorizedUpgrade`). `beforeApply`, if given, is awaited
 * between the authorization and the code's submission.
 */
export async function upgradeByReferendum(api, code, { timeoutMs = 180_000, beforeApply } = {}) {
  const hash = blake2AsHex(code, 256);
  const authorized = await referendum(api, api.tx.system.authorizeUpgrade(hash), { track: 'root' });
  if (!authorized.events.some(({ event }) => isEvent(event, 'system', 'UpgradeAuthorized'))) {
    throw new Error('the referendum did not authorize the upgrade');
  }
  if (beforeApply) await beforeApply();
  const blockHash = await withTimeout(new Promise((ok, fail) => {
    // The callback's events are not used: @polkadot/api decodes them with the metadata of the
    // state after the block, which already holds the new code (see `eventsOfUpgradeBlock`).
    api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)).send(({ status }) => {
      if (status.isFinalized) ok(status.asFinalized);
      else if (status.isInvalid || status.isDropped || status.isUsurped) fail(new Error(`applyAuthorizedUpgrade ${status.type}`));
    }).catch(fail);
  }), timeoutMs, 'system.applyAuthorizedUpgrade');
  const events = await eventsOfUpgradeBlock(api, blockHash);
  const failed = events.find(({ event }) => isEvent(event, 'system', 'ExtrinsicFailed'));
  if (failed) throw new Error(`applyAuthorizedUpgrade failed: ${failed.event.data.dispatchError.toString()}`);
  if (!events.some(({ event }) => isEvent(event, 'system', 'CodeUpdated'))) {
    const rejected = events.some(({ event }) => isEvent(event, 'system', 'RejectedInvalidAuthorizedUpgrade'));
    throw new Error(rejected ? 'the chain rejected the authorized code' : 'no system.CodeUpdated event');
  }
  const applied = { events, blockHash };
  return { authorized, applied };
}

/**
 * The event records of block `hash`, the block that set new code, decoded with its parent's
 * metadata: the old runtime wrote them, but the state after the block (where @polkadot/api
 * looks up which metadata to use) already reports the new runtime's version.
 */
export async function eventsOfUpgradeBlock(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const before = await api.at(header.parentHash);
  const raw = await api.rpc.state.getStorage.raw(before.query.system.events.key(), hash);
  const type = before.registry.createLookupType(before.query.system.events.creator.meta.type.asPlain);
  return before.registry.createType(type, raw);
}

// Bridged dollars on a dev chain the way users get them: the dev relayers attest USDC deposits
// on the dev channel (genesis: the stash accounts of Alice, Bob, Charlie and Dave relay, and
// three attestations credit a deposit).
import { Keyring } from '@polkadot/keyring';
import { sendAndFinalize } from './node.js';
import { findEvent } from './events.js';
import { USDC } from './units.js';

/** The dev bridge's source channel. */
export const DEV_CHANNEL = 1;

/** The four dev relayers: `//Alice//stash` … `//Dave//stash`. */
export function devRelayers() {
  const keyring = new Keyring({ type: 'sr25519' });
  return ['//Alice//stash', '//Bob//stash', '//Charlie//stash', '//Dave//stash'].map((u) => keyring.addFromUri(u));
}

/** The next `credits.length` deposits on the dev channel: `[account, USDC base units, intoUsdai]`. */
export async function nextDeposits(api, credits) {
  const channel = (await api.query.treasuryBridge.channels(DEV_CHANNEL)).unwrap();
  let nonce = channel.nextNonce.toBigInt();
  return credits.map(([who, amount, intoUsdai]) => {
    const n = nonce++;
    return {
      channel: DEV_CHANNEL,
      nonce: n,
      sourceTx: `0x${(n + 1n).toString(16).padStart(64, '0')}`,
      asset: USDC,
      amount,
      action: { Credit: { recipient: who.address ?? who, intoUsdai } },
    };
  });
}

/**
 * Credits each `[account, USDC base units, intoUsdai]` through the bridge, one deposit after the
 * other (a channel credits its nonces in order): three dev relayers attest each, in parallel.
 * Resolves with the events of every attestation; rejects unless each deposit is credited, and if
 * a deposit asked for USDai and the vault refused it.
 */
export async function bridgeIn(api, credits) {
  const events = [];
  for (const credit of credits) {
    const [deposit] = await nextDeposits(api, [credit]);
    // One transaction object per signer: signing mutates it.
    const results = await Promise.all(
      devRelayers().slice(0, 3).map((r) => sendAndFinalize(api, api.tx.treasuryBridge.attestDeposit(deposit), r)),
    );
    const mine = results.flatMap((r) => r.events);
    const failed = findEvent(mine, 'treasuryBridge', 'VaultDepositFailed');
    if (!findEvent(mine, 'treasuryBridge', 'DepositCredited')) {
      throw new Error(`deposit ${deposit.nonce} was not credited`);
    }
    if (failed) throw new Error(`the vault refused deposit ${deposit.nonce}: ${failed.data.toString()}`);
    events.push(...mine);
  }
  return events;
}

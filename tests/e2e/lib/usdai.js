// The usdai vault as the tests read it: the sUSDai price and the interest it books.
import { findEvents } from './events.js';

/** The redemption price of one sUSDai in USDai base units (`usdaiApi.sharePrices`). */
export async function redemptionPrice(at) {
  return (await at.call.usdaiApi.sharePrices()).redemption.toBigInt();
}

/**
 * What the vault books of a transaction's `usdai.InterestReceived` events (among its `records`):
 * their count and splits, the protocol fee, insurance and vault parts summed, and the last block
 * at which they vest.
 */
export function interestReceived(records) {
  const received = findEvents(records, 'usdai', 'InterestReceived');
  const sum = (k) => received.reduce((s, e) => s + e.data.split[k].toBigInt(), 0n);
  return {
    count: received.length,
    splits: received.map((e) => e.data.split),
    protocolFee: sum('protocolFee'),
    insurance: sum('insurance'),
    toVault: sum('toVault'),
    vestedAt: Math.max(...received.map((e) => e.data.vestedAt.toNumber())),
  };
}

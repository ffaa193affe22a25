// Token units and asset ids of the USD.AI chain, as the runtime defines them
// (primitives/src/lib.rs `assets` and `chip`, runtime/src/constants.rs `tokens`).

/** One CHIP, the native token (18 decimals). */
export const CHIP = 10n ** 18n;
/** One USDai or sUSDai (18 decimals). */
export const USD = 10n ** 18n;
/** One USDC or USDT, the bridged stablecoins (6 decimals). */
export const USD6 = 10n ** 6n;
/** USDai base units per stablecoin base unit (18 − 6 decimals): USDC = USDai / USD6_TO_USD. */
export const USD6_TO_USD = 10n ** 12n;
/** One cent of USDai: USDai's and sUSDai's minimum balance, and the vault's dead shares. */
export const CENT = USD / 100n;

/** Bridged USD Coin's asset id (pallet-assets, 6 decimals). */
export const USDC = 1;
/** Bridged Tether USD's asset id (pallet-assets, 6 decimals). */
export const USDT = 2;
/** USDai's asset id (pallet-assets, 18 decimals). */
export const USDAI = 100;
/** sUSDai's asset id (pallet-assets, 18 decimals). */
export const SUSDAI = 101;

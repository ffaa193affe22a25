//! Between the treasury bridge (pallets/treasury-bridge) and the USDai vault (pallets/usdai).
//! The bridge is the only minter of the bridged stablecoins; the vault mints USDai against them
//! ([`BridgeVault`]) and books the T-bill sleeve the bridge moves them to ([`ReserveSleeve`]).
//! Amounts of stablecoin are in its base units; values in USDai base units.

use crate::{AssetId, Balance};
use sp_runtime::{DispatchError, DispatchResult};

/// What the treasury bridge needs from the vault besides [`ReserveSleeve`]. Implemented by
/// pallets/usdai; the bridge's `Config::BridgeVault`.
pub trait BridgeVault<AccountId> {
	/// `who` deposits `amount` of stablecoin `asset` (which it holds) into the vault and receives
	/// USDai 1:1, through the vault's ordinary deposit path with its caps, limits and pauses.
	/// Returns the USDai minted. Fails and changes nothing when the vault refuses.
	fn deposit(who: &AccountId, asset: AssetId, amount: Balance) -> Result<Balance, DispatchError>;

	/// Stablecoin `asset` held in the vault's reserve for USDai, in its base units.
	fn reserve(asset: AssetId) -> Balance;
}

/// The T-bill sleeve of the USDai reserve, driven by the treasury bridge. Implemented by
/// pallets/usdai; the bridge's `Config::Sleeve`. Amounts of stablecoin are in its base units;
/// values in USDai base units.
pub trait ReserveSleeve<AccountId> {
	/// Value of the sleeve as last reported.
	fn sleeve_value() -> Balance;

	/// `amount` of stablecoin `asset` leaves the reserve for the sleeve (burnt here; the bridge
	/// sends it out).
	fn move_to_sleeve(asset: AssetId, amount: Balance) -> DispatchResult;

	/// `amount` of stablecoin `asset` came back from the sleeve into the reserve (minted here on
	/// the bridge's verified attestation).
	fn recall_from_sleeve(asset: AssetId, amount: Balance) -> DispatchResult;

	/// Relayers attested the sleeve's value: growth becomes sUSDai yield (after fees), a fall is
	/// borne by the vault, then the insurance fund; a fall neither can absorb is refused.
	fn report_sleeve_value(value: Balance) -> DispatchResult;
}

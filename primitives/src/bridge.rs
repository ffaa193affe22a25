//! Traits between the treasury bridge and the USDai vault. The bridge is the only minter of the
//! bridged stablecoins; the vault mints USDai against them. Amounts of stablecoin are in its
//! base units; values in USDai base units.

use crate::{AssetId, Balance};
use sp_runtime::{DispatchError, DispatchResult};

/// What the treasury bridge needs from the vault besides [`crate::traits::ReserveSleeve`].
/// Implemented by pallets/usdai.
pub trait BridgeVault<AccountId> {
	/// `who` deposits `amount` of stablecoin `asset` (which it holds) into the vault and receives
	/// USDai 1:1, through the vault's ordinary deposit path with its caps, limits and pauses.
	/// Returns the USDai minted. Fails and changes nothing when the vault refuses.
	fn deposit(who: &AccountId, asset: AssetId, amount: Balance) -> Result<Balance, DispatchError>;

	/// Stablecoin `asset` held in the vault's reserve for USDai, in its base units.
	fn reserve(asset: AssetId) -> Balance;
}

/// Asking the treasury bridge to bring T-bill sleeve capital back into the reserve. Implemented
/// by pallets/treasury-bridge; the vault (or the queue, through it) calls it when cash is short.
pub trait SleeveRecall {
	/// Asks the sleeve's custodian, through an outbound bridge message, to return `amount` of
	/// stablecoin `asset` to the reserve. The recall completes when relayers attest the inbound
	/// transfer. Fails when the sleeve's value not already being recalled is too small.
	fn request_recall(asset: AssetId, amount: Balance) -> DispatchResult;

	/// Value of the recalls requested and not yet returned.
	fn recall_outstanding() -> Balance;
}

//! Runtime API of the vault. Polkadot.js: `api.call.usdaiApi.sharePrices()`, `.nav()`,
//! `.pointsOf(account)`, `.previewDeposit(asset, amount)`, `.previewStake(usdai)`.

use crate::{NavBreakdown, SharePrices};
use usdai_primitives::{AssetId, Balance};

sp_api::decl_runtime_apis! {
	/// Prices, NAV, Allo points and previews of the USDai vault.
	pub trait UsdaiApi<AccountId> where AccountId: codec::Codec {
		/// Deposit and redemption price of one whole sUSDai, in USDai base units.
		fn share_prices() -> SharePrices;
		/// The vault's NAV and its parts.
		fn nav() -> NavBreakdown;
		/// Allo points of `who`, in 10^-18 points, including those earned since its last
		/// observation.
		fn points_of(who: AccountId) -> u128;
		/// USDai that `deposit(asset, amount, _)` would mint now (`None`: unknown asset).
		fn preview_deposit(asset: AssetId, amount: Balance) -> Option<Balance>;
		/// sUSDai that `stake(usdai, _)` would give now (`None`: it would fail).
		fn preview_stake(usdai: Balance) -> Option<Balance>;
	}
}

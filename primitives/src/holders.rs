//! Walking a token's holders in bounded steps (pallets/usdai's Allo points).

use crate::AssetId;

/// Walks the holders of a token in bounded steps, for accounting that has no transfer hook
/// (Allo points). Implemented by pallets/usdai's `AssetHolders` over pallet-assets' account
/// storage; usdai's `Config::Holders`.
pub trait HolderCursor<AccountId> {
	/// An opaque, bounded position in the walk.
	type Cursor: codec::FullCodec
		+ codec::MaxEncodedLen
		+ scale_info::TypeInfo
		+ Clone
		+ Eq
		+ core::fmt::Debug;

	/// Up to `max` holders of `asset` after `cursor` (from the start when `None`), and the cursor
	/// to continue from (`None` when the walk is complete).
	fn next_holders(
		asset: AssetId,
		cursor: Option<Self::Cursor>,
		max: u32,
	) -> (alloc::vec::Vec<AccountId>, Option<Self::Cursor>);
}

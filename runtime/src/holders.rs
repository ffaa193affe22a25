//! Walks token holders in pallet-assets' account storage, for accounting that has no transfer
//! hook (the vault's Allo points).

use crate::{AccountId, Runtime};
use alloc::vec::Vec;
use frame_support::{traits::ConstU32, BoundedVec};
use usdai_primitives::{traits::HolderCursor, AssetId};

/// Holders of a pallet-assets token in storage-key order; the cursor is the last raw key.
pub struct AssetHolders;

impl HolderCursor<AccountId> for AssetHolders {
	/// A raw storage key of `pallet_assets::Account` (100 bytes for 32-byte account ids).
	type Cursor = BoundedVec<u8, ConstU32<128>>;

	fn next_holders(
		asset: AssetId,
		cursor: Option<Self::Cursor>,
		max: u32,
	) -> (Vec<AccountId>, Option<Self::Cursor>) {
		let mut iter = match cursor {
			Some(key) => {
				pallet_assets::Account::<Runtime>::iter_prefix_from(asset, key.into_inner())
			},
			None => pallet_assets::Account::<Runtime>::iter_prefix(asset),
		};
		let mut holders = Vec::new();
		while holders.len() < max as usize {
			match iter.next() {
				Some((who, _)) => holders.push(who),
				None => return (holders, None),
			}
		}
		// A key longer than the bound cannot occur; ending the walk restarts it safely.
		(holders, BoundedVec::try_from(iter.last_raw_key().to_vec()).ok())
	}
}

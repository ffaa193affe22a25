//! Walks token holders in pallet-assets' account storage, for accounting that has no transfer
//! hook (the vault's Allo points). The runtime and the test runtimes of the pallets that use the
//! vault all walk with this one.

use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{traits::ConstU32, BoundedVec};
use usdai_primitives::{traits::HolderCursor, AssetId};

/// Holders of a pallet-assets token in storage-key order; the cursor is the last raw key.
pub struct AssetHolders<T, I = ()>(PhantomData<(T, I)>);

impl<T, I> HolderCursor<T::AccountId> for AssetHolders<T, I>
where
	T: pallet_assets::Config<I, AssetId = AssetId>,
	I: 'static,
{
	/// A raw storage key of `pallet_assets::Account` (100 bytes for 32-byte account ids).
	type Cursor = BoundedVec<u8, ConstU32<128>>;

	fn next_holders(
		asset: AssetId,
		cursor: Option<Self::Cursor>,
		max: u32,
	) -> (Vec<T::AccountId>, Option<Self::Cursor>) {
		let mut iter = match cursor {
			Some(key) => pallet_assets::Account::<T, I>::iter_prefix_from(asset, key.into_inner()),
			None => pallet_assets::Account::<T, I>::iter_prefix(asset),
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

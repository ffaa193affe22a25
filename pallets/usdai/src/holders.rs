//! Walks token holders in pallet-assets' account storage, for accounting that has no transfer
//! hook (the vault's Allo points). The runtime and the test runtimes of the pallets that use the
//! vault all walk with this one.

use crate::RawKey;
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::BoundedVec;
use usdai_primitives::AssetId;

/// Holders of a pallet-assets token in storage-key order; the cursor is the last raw key (a
/// [`RawKey`]: 100 bytes for 32-byte account ids). Its `HolderCursor` implementation is in
/// `impls.rs`.
pub struct AssetHolders<T, I = ()>(PhantomData<(T, I)>);

impl<T, I> AssetHolders<T, I>
where
	T: pallet_assets::Config<I, AssetId = AssetId>,
	I: 'static,
{
	/// Up to `max` holders of `asset` after the raw key `cursor` (from the start when `None`),
	/// and the raw key to continue from (`None` when the walk is complete): the walk of
	/// [`HolderCursor::next_holders`](usdai_primitives::holders::HolderCursor::next_holders).
	pub(crate) fn walk(
		asset: AssetId,
		cursor: Option<RawKey>,
		max: u32,
	) -> (Vec<T::AccountId>, Option<RawKey>) {
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

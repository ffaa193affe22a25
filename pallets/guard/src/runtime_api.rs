//! Runtime API of the guard: the risk-raising changes on their way, for the app and sUSDai
//! holders. Polkadot.js: `api.call.guardApi.pendingChanges()`, `.delay()`.

use crate::{Authority, ChangeId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::weights::Weight;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use usdai_primitives::governance::Domain;

/// A pending change as a client shows it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct PendingChangeInfo<BlockNumber, Hash> {
	/// Its id: what `execute` and `cancel` take.
	pub id: ChangeId,
	/// The hash of the encoded call.
	pub call_hash: Hash,
	/// The call's domain (the track that may cancel it, besides root and the risk council).
	pub domain: Domain,
	/// Who submitted it.
	pub authority: Authority,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
	/// The first block in which anyone may execute it.
	pub due: BlockNumber,
	/// The call's dispatch weight at submission: the `weight_bound` to give `execute`.
	pub weight: Weight,
	/// The call, SCALE-encoded as the runtime's `RuntimeCall`: decode it with the metadata to
	/// show what it does.
	pub call: Vec<u8>,
}

sp_api::decl_runtime_apis! {
	/// The changes the guard holds back.
	pub trait GuardApi<BlockNumber, Hash> where BlockNumber: codec::Codec, Hash: codec::Codec {
		/// Every pending change, by id (oldest first).
		fn pending_changes() -> Vec<PendingChangeInfo<BlockNumber, Hash>>;
		/// The blocks a risk-raising change submitted now waits (zero: none, it applies at
		/// once).
		fn delay() -> BlockNumber;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// The list [`GuardApi::pending_changes`] returns: every pending change, by id.
	pub fn pending_changes() -> Vec<PendingChangeInfo<BlockNumberFor<T>, T::Hash>> {
		let mut changes: Vec<_> = crate::Pending::<T>::iter()
			.map(|(id, change)| PendingChangeInfo {
				id,
				call_hash: change.call_hash,
				domain: change.domain,
				authority: change.authority,
				submitted_at: change.submitted_at,
				due: change.due,
				weight: change.weight,
				call: change.call.into_inner(),
			})
			.collect();
		changes.sort_by_key(|change| change.id);
		changes
	}

	/// The delay [`GuardApi::delay`] returns: what a change submitted now waits.
	pub fn delay() -> BlockNumberFor<T> {
		crate::Delay::<T>::get()
	}
}

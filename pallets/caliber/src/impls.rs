//! What CALIBER provides: receipts as collateral to filo (`Collateral`), the receipt lock to
//! pallet-nfts (`Locker`), and the `nfts.burn` filter to the runtime (`ReceiptBurnFilter`).

use crate::{pallet::*, ReceiptBurnFilter};
use alloc::vec::Vec;
use frame_support::{
	storage::with_storage_layer,
	traits::{Contains, IsSubType, Locker},
};
use sp_runtime::{DispatchError, DispatchResult};
use usdai_primitives::{collateral::Collateral, Balance, CollectionId, LoanId, ReceiptId};

impl<T: Config> Collateral<T::AccountId> for Pallet<T> {
	fn holder(receipt: ReceiptId) -> Option<T::AccountId> {
		Self::holder_of(receipt)
	}

	fn collateral_value(receipts: &[ReceiptId]) -> Result<Balance, DispatchError> {
		Self::do_collateral_value(receipts)
	}

	fn ensure_eligible(holder: &T::AccountId, receipts: &[ReceiptId]) -> DispatchResult {
		Self::do_ensure_eligible(holder, receipts)
	}

	fn lock(loan: LoanId, holder: &T::AccountId, receipts: &[ReceiptId]) -> DispatchResult {
		with_storage_layer(|| Self::do_lock(loan, holder, receipts))
	}

	fn unlock(loan: LoanId) -> DispatchResult {
		with_storage_layer(|| Self::do_unlock(loan))
	}

	fn seize(loan: LoanId, to: &T::AccountId) -> DispatchResult {
		with_storage_layer(|| Self::do_seize(loan, to))
	}

	fn pledged(loan: LoanId) -> Vec<ReceiptId> {
		Self::pledged_receipts(loan)
	}
}

impl<T: Config> Locker<CollectionId, ReceiptId> for Pallet<T> {
	fn is_locked(collection: CollectionId, item: ReceiptId) -> bool {
		Self::is_receipt_locked(collection, item)
	}
}

impl<T: Config, Call: IsSubType<pallet_nfts::Call<T>>> Contains<Call> for ReceiptBurnFilter<T> {
	fn contains(call: &Call) -> bool {
		!Pallet::<T>::is_receipt_burn(call)
	}
}

//! Runtime API of the receipt registry. Polkadot.js: `api.call.caliberApi.receipt(id)`,
//! `.custodian(account)`, `.collection()`.

use crate::{Custodian, ReceiptView};
use usdai_primitives::{CollectionId, ReceiptId};

sp_api::decl_runtime_apis! {
	/// Receipts with their current value and status, and the custodian registry.
	pub trait CaliberApi<AccountId> where AccountId: codec::Codec {
		/// A receipt with its holder, depreciated value, collateral value and eligibility.
		fn receipt(id: ReceiptId) -> Option<ReceiptView<AccountId>>;
		/// A registered custodian.
		fn custodian(who: AccountId) -> Option<Custodian>;
		/// The CALIBER collection in pallet-nfts.
		fn collection() -> Option<CollectionId>;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// A registered custodian, as [`CaliberApi::custodian`] shows it.
	pub fn custodian_view(who: &T::AccountId) -> Option<Custodian> {
		crate::Custodians::<T>::get(who)
	}

	/// The CALIBER collection in pallet-nfts, as [`CaliberApi::collection`] shows it.
	pub fn collection_id() -> Option<CollectionId> {
		crate::Collection::<T>::get()
	}

	/// The receipt as [`CaliberApi::receipt`] shows it.
	pub fn receipt_view(id: ReceiptId) -> Option<ReceiptView<T::AccountId>> {
		let receipt = crate::Receipts::<T>::get(id)?;
		let holder = Self::holder_of(id)?;
		let now = Self::now();
		Some(ReceiptView {
			id,
			holder,
			current_value: Self::current_value(&receipt, now).ok()?,
			collateral_value: Self::collateral_value_of(&receipt, now).ok()?,
			ineligibility: Self::ineligibility(&receipt, now),
			receipt,
		})
	}
}

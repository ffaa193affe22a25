//! Receipts as loan collateral: eligibility, value, pledge, release and seizure, behind the
//! `Collateral` trait filo uses (implemented in `impls.rs`).

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, traits::tokens::nonfungibles_v2::Transfer, BoundedVec};
use sp_runtime::{ArithmeticError, DispatchError, DispatchResult};
use usdai_primitives::{Balance, LoanId, ReceiptId};

impl<T: Config> Pallet<T> {
	/// Checks that `holder` holds every one of `receipts` and each may back a new loan.
	pub(crate) fn do_ensure_eligible(
		holder: &T::AccountId,
		receipts: &[ReceiptId],
	) -> DispatchResult {
		let now = Self::now();
		for id in receipts {
			let receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
			ensure!(Self::holder_of(*id).as_ref() == Some(holder), Error::<T>::NotOwner);
			if let Some(reason) = Self::ineligibility(&receipt, now) {
				return Err(Self::ineligibility_error(reason).into());
			}
		}
		Ok(())
	}

	/// Sum of the collateral values of `receipts`.
	pub(crate) fn do_collateral_value(receipts: &[ReceiptId]) -> Result<Balance, DispatchError> {
		let now = Self::now();
		receipts.iter().try_fold(0, |total: Balance, id| {
			let receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
			let value = Self::collateral_value_of(&receipt, now)?;
			Ok(total.checked_add(value).ok_or(ArithmeticError::Overflow)?)
		})
	}

	/// Pledges `receipts` held by `holder` to `loan`.
	pub(crate) fn do_lock(
		loan: LoanId,
		holder: &T::AccountId,
		receipts: &[ReceiptId],
	) -> DispatchResult {
		ensure!(!receipts.is_empty(), Error::<T>::NoReceipts);
		let pledge: BoundedVec<ReceiptId, T::MaxReceiptsPerLoan> =
			receipts.to_vec().try_into().map_err(|_| Error::<T>::TooManyReceipts)?;
		for (i, id) in receipts.iter().enumerate() {
			ensure!(
				!receipts.iter().skip(i.saturating_add(1)).any(|other| other == id),
				Error::<T>::DuplicateReceipt
			);
		}
		ensure!(!LoanReceipts::<T>::contains_key(loan), Error::<T>::LoanHasPledge);
		Self::do_ensure_eligible(holder, receipts)?;
		for id in receipts {
			Receipts::<T>::try_mutate(id, |maybe| {
				let receipt = maybe.as_mut().ok_or(Error::<T>::UnknownReceipt)?;
				receipt.status = ReceiptStatus::Pledged { loan };
				Ok::<_, Error<T>>(())
			})?;
		}
		LoanReceipts::<T>::insert(loan, pledge);
		Self::deposit_event(Event::Pledged {
			loan,
			holder: holder.clone(),
			receipts: receipts.to_vec(),
		});
		Ok(())
	}

	/// Frees every receipt pledged to `loan`; returns them.
	fn release_pledge(loan: LoanId) -> Result<Vec<ReceiptId>, DispatchError> {
		let receipts = LoanReceipts::<T>::take(loan);
		ensure!(!receipts.is_empty(), Error::<T>::NoPledge);
		for id in &receipts {
			Receipts::<T>::try_mutate(id, |maybe| {
				let receipt = maybe.as_mut().ok_or(Error::<T>::UnknownReceipt)?;
				ensure!(receipt.status == ReceiptStatus::Pledged { loan }, Error::<T>::NoPledge);
				receipt.status = ReceiptStatus::Free;
				Ok::<_, Error<T>>(())
			})?;
		}
		Ok(receipts.into_inner())
	}

	/// Releases the pledge of `loan`.
	pub(crate) fn do_unlock(loan: LoanId) -> DispatchResult {
		let receipts = Self::release_pledge(loan)?;
		Self::deposit_event(Event::Unpledged { loan, receipts });
		Ok(())
	}

	/// The receipts pledged to `loan`.
	pub(crate) fn pledged_receipts(loan: LoanId) -> Vec<ReceiptId> {
		LoanReceipts::<T>::get(loan).into_inner()
	}

	/// Releases the pledge of `loan` and transfers its receipts to `to`.
	pub(crate) fn do_seize(loan: LoanId, to: &T::AccountId) -> DispatchResult {
		let collection = Self::collection()?;
		let receipts = Self::release_pledge(loan)?;
		for id in &receipts {
			<pallet_nfts::Pallet<T> as Transfer<T::AccountId>>::transfer(&collection, id, to)?;
		}
		Self::deposit_event(Event::Seized { loan, to: to.clone(), receipts });
		Ok(())
	}
}

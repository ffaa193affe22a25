//! Default and cure: anyone declares a loan late past its grace period in default (the vault
//! impairs it at once), and the borrower may cure within the window. Separate from the auction,
//! which only begins once the cure window has closed.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{ensure, weights::Weight};
use sp_runtime::{traits::Saturating, ArithmeticError, DispatchError};
use usdai_primitives::{vault::LendingVault, LoanId};

impl<T: Config> Pallet<T> {
	/// Anyone declares a loan late past its grace period in default. Returns the weight of the
	/// loan's periods (the catch-up's).
	pub(crate) fn do_declare_default(id: LoanId) -> Result<Weight, DispatchError> {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.status == LoanStatus::Active, Error::<T>::NotActive);
		let watched = Self::watch_date(&loan);
		let params = Self::params()?;
		let now = Self::now();
		Self::catch_up(&mut loan, now, true)?;
		let since = loan.overdue_since.ok_or(Error::<T>::NotLate)?;
		ensure!(now > since.saturating_add(params.grace_blocks), Error::<T>::NotLate);

		// The write-down comes first: nobody can redeem at the old price once this lands.
		if loan.balance > 0 {
			T::LendingVault::impair(loan.balance)?;
		}
		if loan.vault_accrued > 0 {
			T::LendingVault::reverse_accrued_interest(loan.vault_accrued)?;
			loan.vault_accrued = 0;
		}
		let cure_deadline = now.saturating_add(params.cure_blocks);
		Self::push_deadline(cure_deadline.saturating_add(1u32.into()), id)?;
		loan.status = LoanStatus::Defaulted { cure_deadline };
		Stacks::<T>::try_mutate(loan.stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			s.in_default = s.in_default.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		let impaired = loan.balance;
		let used = T::WeightInfo::declare_default(loan.terms.periods);
		// Counted in `in_default` from now on.
		Self::rewatch(loan.stack, id, watched, None);
		Loans::<T>::insert(id, loan);
		Self::deposit_event(Event::Defaulted { loan: id, impaired, cure_deadline });
		Ok(used)
	}

	/// The borrower pays everything due within the cure window; the impairment is reversed.
	/// Returns the weight of the loan's periods (the catch-up's).
	pub(crate) fn do_cure(borrower: T::AccountId, id: LoanId) -> Result<Weight, DispatchError> {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.borrower == borrower, Error::<T>::NotBorrower);
		let LoanStatus::Defaulted { cure_deadline } = loan.status else {
			return Err(Error::<T>::NotDefaulted.into());
		};
		let now = Self::now();
		ensure!(now <= cure_deadline, Error::<T>::CureWindowClosed);
		let balances = Self::catch_up(&mut loan, now, false)?;
		let dues = Self::dues(&loan, &balances)?;
		let total = dues.total()?;

		if loan.balance > 0 {
			T::LendingVault::reverse_impairment(loan.balance)?;
		}
		Self::apply_payment(&mut loan, &borrower, total, dues, false)?;
		loan.overdue_since = None;
		loan.late_checkpoint = now;
		loan.status = LoanStatus::Active;
		Self::remove_deadline(id);
		Stacks::<T>::try_mutate(loan.stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			s.in_default = s.in_default.checked_sub(1).ok_or(ArithmeticError::Underflow)?;
			Ok::<_, DispatchError>(())
		})?;
		let used = T::WeightInfo::cure(loan.terms.periods);
		Self::rewatch(loan.stack, id, None, Self::watch_date(&loan));
		Loans::<T>::insert(id, loan);
		Self::deposit_event(Event::Cured { loan: id, paid: total });
		Ok(used)
	}
}

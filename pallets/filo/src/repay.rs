//! Repayment: late fees, interest due, principal due, prepayment; the interest split; closing.

use crate::{loans::LoanOf, pallet::*, types::*, weights::WeightInfo};
use frame_support::{ensure, weights::Weight};
use sp_runtime::{ArithmeticError, DispatchError, DispatchResult, SaturatedConversion};
use usdai_primitives::{collateral::Collateral, vault::LendingVault, Balance, LoanId};

/// How a payment was applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Applied {
	/// To late fees.
	pub late_fees: Balance,
	/// To interest (curator fee included).
	pub interest: Balance,
	/// Of which the curator's fee.
	pub curator_fee: Balance,
	/// To principal.
	pub principal: Balance,
}

impl<T: Config> Pallet<T> {
	/// Pays `amount` of interest (or late fees) from `from` into the vault. The vault is told the
	/// loan accrued it first when it had not been reported, so that the vault's accrued interest
	/// only ever drops by what this loan reported.
	pub(crate) fn pay_vault_interest(
		loan: &mut LoanOf<T>,
		from: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		if amount > loan.vault_accrued {
			T::LendingVault::accrue_interest(amount.saturating_sub(loan.vault_accrued))?;
			loan.vault_accrued = amount;
		}
		T::LendingVault::receive_interest(from, amount)?;
		loan.vault_accrued = loan.vault_accrued.saturating_sub(amount);
		Ok(())
	}

	/// Applies up to `amount` from `payer` to `loan` in order: late fees, interest due,
	/// principal due, then (if `prepay`) principal ahead of schedule and, once no principal is
	/// left, the running period's interest.
	pub(crate) fn apply_payment(
		loan: &mut LoanOf<T>,
		payer: &T::AccountId,
		amount: Balance,
		dues: crate::loans::Dues,
		prepay: bool,
	) -> Result<Applied, DispatchError> {
		let stack = Stacks::<T>::get(loan.stack).ok_or(Error::<T>::UnknownStack)?;
		let mut left = amount;
		let mut take = |want: Balance| {
			let got = want.min(left);
			left = left.saturating_sub(got);
			got
		};
		let late_fees = take(dues.late_fees);
		let mut interest = take(dues.interest);
		let mut principal = take(dues.principal);
		if prepay {
			principal = principal
				.checked_add(take(loan.balance.saturating_sub(principal)))
				.ok_or(ArithmeticError::Overflow)?;
			if principal == loan.balance {
				let unpaid = loan
					.interest_accrued
					.saturating_sub(loan.interest_paid)
					.saturating_sub(interest);
				interest = interest.checked_add(take(unpaid)).ok_or(ArithmeticError::Overflow)?;
			}
		}

		// Late fees are the vault's; interest is split with the curator. A fee the curator
		// cannot receive (less than the minimum balance, and it holds no USDai) goes to the
		// vault: emptying its account must not let a curator block its borrowers' payments.
		let fee = Self::curator_fee(interest, stack.terms.curator_fee_bps)?;
		let unreceivable = Self::cannot_receive(&stack.curator, fee);
		let curator_fee = if unreceivable { 0 } else { fee };
		let to_vault = interest.saturating_sub(curator_fee);
		// The payer pays in parts: none of them may leave it dust.
		let fee_debit = if *payer == stack.curator { 0 } else { curator_fee };
		Self::ensure_dustless_debits(payer, &[late_fees, fee_debit, to_vault, principal])?;
		if unreceivable {
			Self::deposit_event(Event::DustToVault { payee: stack.curator.clone(), amount: fee });
		}
		Self::pay_vault_interest(loan, payer, late_fees)?;
		Self::transfer_usdai(payer, &stack.curator, curator_fee)?;
		Self::pay_vault_interest(loan, payer, to_vault)?;
		if principal > 0 {
			T::LendingVault::repay_principal(payer, principal)?;
		}

		loan.late_fees = loan.late_fees.saturating_sub(late_fees);
		loan.interest_paid =
			loan.interest_paid.checked_add(interest).ok_or(ArithmeticError::Overflow)?;
		loan.balance = loan.balance.checked_sub(principal).ok_or(ArithmeticError::Underflow)?;
		Stacks::<T>::try_mutate(loan.stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			s.outstanding =
				s.outstanding.checked_sub(principal).ok_or(ArithmeticError::Underflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Ok(Applied { late_fees, interest, curator_fee, principal })
	}

	/// Pays on an active loan. Returns the weight of what it did: the loan's periods (its
	/// schedule is recomputed over all of them, and no more can be caught up) and the receipts
	/// freed (none unless the loan closes).
	pub(crate) fn do_repay(
		payer: T::AccountId,
		id: LoanId,
		amount: Balance,
	) -> Result<Weight, DispatchError> {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		ensure!(loan.status == LoanStatus::Active, Error::<T>::NotActive);
		let watched = Self::watch_date(&loan);
		let now = Self::now();
		let balances = Self::catch_up(&mut loan, now, true)?;
		let dues = Self::dues(&loan, &balances)?;
		let owed = loan
			.late_fees
			.checked_add(loan.interest_accrued.saturating_sub(loan.interest_paid))
			.and_then(|x| x.checked_add(loan.balance))
			.ok_or(ArithmeticError::Overflow)?;
		ensure!(owed > 0, Error::<T>::NothingOwed);

		let applied = Self::apply_payment(&mut loan, &payer, amount, dues, true)?;
		if Self::dues(&loan, &balances)?.total()? == 0 {
			loan.overdue_since = None;
		}
		Self::deposit_event(Event::Repaid {
			loan: id,
			late_fees: applied.late_fees,
			interest: applied.interest,
			curator_fee: applied.curator_fee,
			principal: applied.principal,
			balance: loan.balance,
		});
		let settled =
			loan.balance == 0 && loan.late_fees == 0 && loan.interest_paid >= loan.interest_accrued;
		let freed = if settled { Self::close(id, &mut loan)? } else { 0 };
		let periods = loan.terms.periods;
		Self::rewatch(loan.stack, id, watched, Self::watch_date(&loan));
		Loans::<T>::insert(id, loan);
		Ok(T::WeightInfo::repay(periods, freed))
	}

	/// A repaid loan: free its receipts, forget what the vault still counts as accrued. Returns
	/// how many receipts it freed.
	fn close(id: LoanId, loan: &mut LoanOf<T>) -> Result<u32, DispatchError> {
		let freed = T::Collateral::pledged(id).len().saturated_into();
		T::Collateral::unlock(id)?;
		if loan.vault_accrued > 0 {
			T::LendingVault::reverse_accrued_interest(loan.vault_accrued)?;
			loan.vault_accrued = 0;
		}
		loan.status = LoanStatus::Repaid;
		Stacks::<T>::try_mutate(loan.stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			s.live_loans = s.live_loans.checked_sub(1).ok_or(ArithmeticError::Underflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::LoanClosed { loan: id });
		Ok(freed)
	}
}

//! The books behind filo's [`LendingVault`](usdai_primitives::vault::LendingVault): principal
//! lent and paid back, interest received and accrued, impairments, realised losses and the
//! insurance fund's cover. Kept apart from the vault's own books (`shares.rs`), on which it
//! builds; the trait implementation is in `impls.rs`.

use crate::pallet::*;
use frame_support::{ensure, pallet_prelude::*};
use sp_runtime::{traits::Zero, ArithmeticError};
use usdai_primitives::{vault::InterestSplit, Balance};

impl<T: Config> Pallet<T> {
	// The bodies of the `LendingVault` methods: `impls.rs` runs each in a storage layer, so that
	// a failure changes nothing, also outside a dispatch.

	/// Lends `amount` of idle USDai to `to`: it counts as outstanding principal.
	pub(crate) fn do_draw(to: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::pay_out(to, amount)?;
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.principal = l.principal.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::Lent { to: to.clone(), amount });
		Ok(())
	}

	/// `from` pays back `amount` of outstanding principal; paying back more than the unimpaired
	/// principal recovers impaired principal, a gain that vests.
	pub(crate) fn do_repay_principal(from: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		// Repaying more than the unimpaired principal recovers impaired principal: a gain.
		Self::vesting_gains(|| {
			let mut l = Ledger::<T>::get();
			l.principal = l.principal.checked_sub(amount).ok_or(Error::<T>::ExceedsPrincipal)?;
			l.impaired = l.impaired.min(l.principal);
			l.idle = l.idle.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Self::pull_in(from, amount)?;
			Ledger::<T>::put(l);
			Self::deposit_event(Event::PrincipalRepaid { from: from.clone(), amount });
			Ok(())
		})
	}

	/// `from` pays `amount` of interest: the fees are taken, the rest vests, and interest reported
	/// as accrued is released.
	pub(crate) fn do_receive_interest(
		from: &T::AccountId,
		amount: Balance,
	) -> Result<InterestSplit, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let split = Self::split_yield(amount)?;
		Self::pull_in(from, amount)?;
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.accrued_interest = l.accrued_interest.saturating_sub(amount);
			Ok(())
		})?;
		let vested_at = Self::book_yield(&split)?;
		Self::deposit_event(Event::InterestReceived { from: from.clone(), split, vested_at });
		Ok(split)
	}

	/// Books `amount` of interest accrued on loans and not yet paid (deposit price only).
	pub(crate) fn do_accrue_interest(amount: Balance) -> DispatchResult {
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.accrued_interest =
				l.accrued_interest.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::AccruedInterestChanged { amount, increase: true });
		Ok(())
	}

	/// Forgets `amount` of interest reported as accrued (the loan defaulted).
	pub(crate) fn do_reverse_accrued_interest(amount: Balance) -> DispatchResult {
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.accrued_interest =
				l.accrued_interest.checked_sub(amount).ok_or(Error::<T>::ExceedsAccrued)?;
			Ok(())
		})?;
		Self::deposit_event(Event::AccruedInterestChanged { amount, increase: false });
		Ok(())
	}

	/// Writes `amount` of outstanding principal down.
	pub(crate) fn do_impair(amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			let impaired = l.impaired.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			ensure!(impaired <= l.principal, Error::<T>::ExceedsImpairment);
			l.impaired = impaired;
			Ok(())
		})?;
		Self::deposit_event(Event::Impaired { amount });
		Ok(())
	}

	/// Undoes `amount` of an earlier impairment (a cure); the gain vests.
	pub(crate) fn do_reverse_impairment(amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Self::vesting_gains(|| {
			Ledger::<T>::try_mutate(|l| -> DispatchResult {
				l.impaired = l.impaired.checked_sub(amount).ok_or(Error::<T>::ExceedsImpairment)?;
				Ok(())
			})?;
			Self::deposit_event(Event::ImpairmentReversed { amount });
			Ok(())
		})
	}

	/// `amount` of principal is lost for good: it leaves the books and adds to `UncoveredLoss`.
	pub(crate) fn do_realise_loss(amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.principal = l.principal.checked_sub(amount).ok_or(Error::<T>::ExceedsPrincipal)?;
			l.impaired = l.impaired.saturating_sub(amount).min(l.principal);
			Ok(())
		})?;
		// Until the insurance fund (`cover_loss`) or the backstop pays it back, the loss is
		// borne by sUSDai holders.
		UncoveredLoss::<T>::try_mutate(|u| -> DispatchResult {
			*u = u.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::LossRealised { amount });
		Ok(())
	}

	/// Pays `min(amount, insurance fund, UncoveredLoss)` from the insurance fund into idle cash:
	/// only a loss already booked by `realise_loss` can be covered, so callers realise the loss
	/// first. Returns what was paid.
	pub(crate) fn do_cover_loss(amount: Balance) -> Result<Balance, DispatchError> {
		Self::vesting_gains(|| {
			let uncovered = UncoveredLoss::<T>::get();
			let paid = Ledger::<T>::try_mutate(|l| -> Result<Balance, DispatchError> {
				let paid = amount.min(l.insurance_fund).min(uncovered);
				l.insurance_fund =
					l.insurance_fund.checked_sub(paid).ok_or(ArithmeticError::Underflow)?;
				l.idle = l.idle.checked_add(paid).ok_or(ArithmeticError::Overflow)?;
				Ok(paid)
			})?;
			UncoveredLoss::<T>::put(uncovered.checked_sub(paid).ok_or(ArithmeticError::Underflow)?);
			Self::deposit_event(Event::LossCovered { requested: amount, paid });
			Ok(paid)
		})
	}
}

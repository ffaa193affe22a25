//! The lockers' fee share: `claim_fees`.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::{ArithmeticError, Rounding};
use usdai_primitives::{mul_div, Balance};

impl<T: Config> Pallet<T> {
	/// What `who` is owed of the fee pots of epochs `from..=to` (tallied): each pot × its power
	/// / all power at the epoch's start, rounded down. Returns `(epoch, amount)` per epoch that
	/// pays something.
	pub fn fees_due(
		who: &T::AccountId,
		from: EpochIndex,
		to: EpochIndex,
	) -> Result<Vec<(EpochIndex, Balance)>, DispatchError> {
		let mut due = Vec::new();
		let to = to.min(LastTallied::<T>::get());
		let mut e = from;
		while e <= to {
			if let Some(pot) = EpochFees::<T>::get(e) {
				let total = TotalPower::<T>::get(e);
				let power = match Self::position_at(who, e) {
					Some(p) => p.power_at(e).ok_or(ArithmeticError::Overflow)?,
					None => 0,
				};
				if power > 0 && total > 0 {
					let pay = mul_div(pot.amount, power, total, Rounding::Down)?;
					if pay > 0 {
						due.push((e, pay));
					}
				}
			}
			let Some(following) = e.checked_add(1) else { break };
			e = following;
		}
		Ok(due)
	}

	/// Pays `who` its fee share of its next unclaimed epochs, at most `MaxClaimEpochs`.
	///
	/// A share `who` cannot receive (less than the minimum balance, and it holds none) stays in
	/// the pots and the cursor moves on: the claim never stalls the later epochs.
	pub(crate) fn do_claim_fees(who: T::AccountId) -> DispatchResult {
		let from = FeeCursor::<T>::get(&who).ok_or(Error::<T>::NothingToClaim)?;
		let last = LastTallied::<T>::get();
		ensure!(from <= last, Error::<T>::NothingToClaim);
		let span = T::MaxClaimEpochs::get().saturating_sub(1);
		let to = from.saturating_add(span).min(last);

		let due = Self::fees_due(&who, from, to)?;
		let total = due
			.iter()
			.try_fold(0, |sum: Balance, (_, pay)| sum.checked_add(*pay))
			.ok_or(ArithmeticError::Overflow)?;
		let asset = T::FeeAsset::get();
		let receivable = Self::can_receive(asset, &who, total);
		let mut amount: Balance = 0;
		for (e, pay) in due.into_iter().filter(|_| receivable) {
			EpochFees::<T>::try_mutate(e, |pot| -> DispatchResult {
				let pot = pot.as_mut().ok_or(ArithmeticError::Underflow)?;
				let claimed = pot.claimed.checked_add(pay).ok_or(ArithmeticError::Overflow)?;
				// The lockers' powers add up to the total, so the shares never exceed the pot.
				ensure!(claimed <= pot.amount, ArithmeticError::Underflow);
				pot.claimed = claimed;
				Ok(())
			})?;
			amount = amount.checked_add(pay).ok_or(ArithmeticError::Overflow)?;
		}
		Self::pay_out(asset, &who, amount)?;
		FeeCursor::<T>::insert(&who, to.saturating_add(1));
		Self::deposit_event(Event::FeesClaimed { who, amount, from, to });
		Ok(())
	}
}

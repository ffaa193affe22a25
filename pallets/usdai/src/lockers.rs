//! What the CHIP lockers get from the vault and what the gauges divide: the lockers' share of
//! the protocol fees (`LockerFees`, taken once per epoch), the capital the stacks may lend
//! (their gauge weights divide it), and the loss left uncovered, which the CHIP backstop sale
//! pays down. pallets/gauges reaches them through
//! [`FeeSource`](usdai_primitives::vault::FeeSource),
//! [`LendableCapital`](usdai_primitives::vault::LendableCapital) and
//! [`BackstopVault`](usdai_primitives::vault::BackstopVault) (implemented in `impls.rs`).

use crate::pallet::*;
use frame_support::{ensure, pallet_prelude::*};
use sp_runtime::{traits::Zero, ArithmeticError};
use usdai_primitives::Balance;

impl<T: Config> Pallet<T> {
	/// What the stacks may lend in total: the vault's book value `idle + principal − impaired`
	/// (saturating). Idle cash and the principal already out both count, so each stack's
	/// capacity covers its outstanding loans plus its share of what is still idle; impaired
	/// principal is gone for lending purposes. The stablecoin reserve that backs USDai, the
	/// insurance fund, protocol fees and USDai set aside for the queue are outside these books.
	/// The book figure is used rather than [`Pallet::liquidity`] (idle capped by what the vault
	/// account holds beyond its other books), which is what can be paid out *now*, not capital.
	pub fn lendable() -> Balance {
		Self::book_value(&Ledger::<T>::get()).unwrap_or(Balance::MAX)
	}

	/// `from` pays `amount` USDai into the vault's idle cash against the uncovered loss; the
	/// gain vests into the redemption price.
	pub fn do_cover_loss_from(from: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let left = UncoveredLoss::<T>::get()
			.checked_sub(amount)
			.ok_or(Error::<T>::ExceedsUncoveredLoss)?;
		let mut l = Ledger::<T>::get();
		l.idle = l.idle.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Self::pull_in(from, amount)?;
		Ledger::<T>::put(l);
		UncoveredLoss::<T>::put(left);
		Self::deposit_event(Event::LossBackstopped { from: from.clone(), amount });
		// A loss paid back raises the vault's value: it vests, so that nobody who stakes the
		// block before a purchase can leave with a part of it.
		Self::vest_gain(amount)
	}

	/// Pays the lockers' share of the protocol fees (`LockerFees`) to `to`; returns it.
	pub fn do_take_fees(to: &T::AccountId) -> Result<Balance, DispatchError> {
		let amount = LockerFees::<T>::get();
		if amount.is_zero() {
			return Ok(0);
		}
		let mut l = Ledger::<T>::get();
		l.protocol_fees = l.protocol_fees.checked_sub(amount).ok_or(ArithmeticError::Underflow)?;
		Self::transfer_from_vault(to, amount)?;
		Ledger::<T>::put(l);
		LockerFees::<T>::kill();
		Self::deposit_event(Event::LockerFeesTaken { to: to.clone(), amount });
		Ok(amount)
	}
}

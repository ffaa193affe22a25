//! The books behind the QEV queue's [`RedemptionVault`](usdai_primitives::vault::RedemptionVault):
//! shares locked in escrow and given back, a block's fills settled (burnt, their USDai set aside)
//! and paid out, and the redemption rate. Kept apart from the vault's own books (`shares.rs`), on
//! which it builds; the trait implementation is in `impls.rs`.

use crate::pallet::*;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::Mutate,
		tokens::{Fortitude, Precision, Provenance},
	},
};
use sp_runtime::{traits::Zero, ArithmeticError};
use usdai_primitives::{vault::RedemptionRate, Balance};

impl<T: Config> Pallet<T> {
	// The bodies of the `RedemptionVault` methods: `impls.rs` runs each in a storage layer, so
	// that a failure changes nothing, also outside a dispatch.

	/// Moves `shares` of `who`'s sUSDai into the queue's escrow.
	pub(crate) fn do_lock_shares(who: &T::AccountId, shares: Balance) -> DispatchResult {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let id = T::SusdaiAsset::get();
		Self::ensure_spendable(id, who, shares)?;
		let keep = Self::dustless_debit(id, who, shares)?;
		Self::ensure_can_receive(id, &Self::escrow_account(), shares, Provenance::Extant)?;
		let locked =
			LockedShares::<T>::get().checked_add(shares).ok_or(ArithmeticError::Overflow)?;
		Self::settle_points(who);
		T::Assets::transfer(id, who, &Self::escrow_account(), shares, keep)?;
		LockedShares::<T>::put(locked);
		Self::settle_points(who);
		Ok(())
	}

	/// Gives `shares` back from the escrow to `who`.
	pub(crate) fn do_unlock_shares(who: &T::AccountId, shares: Balance) -> DispatchResult {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let locked =
			LockedShares::<T>::get().checked_sub(shares).ok_or(Error::<T>::ExceedsLocked)?;
		let id = T::SusdaiAsset::get();
		let escrow = Self::escrow_account();
		Self::ensure_can_receive(id, who, shares, Provenance::Extant)?;
		// The dead shares stay in escrow: it keeps at least the minimum balance.
		let keep = Self::dustless_debit(id, &escrow, shares)?;
		Self::settle_points(who);
		T::Assets::transfer(id, &escrow, who, shares, keep)?;
		LockedShares::<T>::put(locked);
		Self::settle_points(who);
		Ok(())
	}

	/// Burns `shares` from the escrow and sets `paid` of idle USDai aside for the queue's filled
	/// tickets; what the shares are worth beyond `paid` stays in the vault and vests.
	pub(crate) fn do_settle_locked(shares: Balance, paid: Balance) -> DispatchResult {
		ensure!(!shares.is_zero(), Error::<T>::ZeroAmount);
		let locked =
			LockedShares::<T>::get().checked_sub(shares).ok_or(Error::<T>::ExceedsLocked)?;
		let value = Self::shares_value(shares)?;
		ensure!(paid <= value, Error::<T>::PaysAboveValue);
		// Shares are never burnt for nothing: they stay locked until they are worth a
		// payment.
		ensure!(!paid.is_zero(), Error::<T>::SettlesForNothing);
		ensure!(Self::liquidity() >= paid, Error::<T>::InsufficientLiquidity);
		let id = T::SusdaiAsset::get();
		let escrow = Self::escrow_account();
		// The dead shares stay in escrow: the burn never reaps it under the shares still
		// locked.
		let keep = Self::dustless_debit(id, &escrow, shares)?;
		T::Assets::burn_from(id, &escrow, shares, keep, Precision::Exact, Fortitude::Polite)?;
		LockedShares::<T>::put(locked);
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.idle = l.idle.checked_sub(paid).ok_or(Error::<T>::InsufficientLiquidity)?;
			l.settled_unpaid =
				l.settled_unpaid.checked_add(paid).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		// The fee stays with the holders who remain; it vests like yield, so that a stake
		// placed the block before a fill with a bid cannot leave with a part of it.
		let fee = value.saturating_sub(paid);
		Self::deposit_event(Event::QueueSettled { shares, paid, fee });
		Self::vest_gain(fee)
	}

	/// Pays `amount` of the USDai set aside for filled tickets to `to`.
	pub(crate) fn do_pay_settled(to: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.settled_unpaid =
				l.settled_unpaid.checked_sub(amount).ok_or(Error::<T>::ExceedsSettled)?;
			Ok(())
		})?;
		Self::settle_points(to);
		Self::transfer_from_vault(to, amount)?;
		Self::settle_points(to);
		Ok(())
	}

	/// The redemption price as a fraction (`RedemptionVault::redemption_rate`).
	pub(crate) fn current_redemption_rate() -> Result<RedemptionRate, DispatchError> {
		let supply = Self::total_shares();
		ensure!(!supply.is_zero(), Error::<T>::NoShares);
		Ok(RedemptionRate { nav: Self::redemption_nav()?, supply })
	}
}

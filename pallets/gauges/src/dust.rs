//! The pallet's account is never reaped under its pots: each asset it holds keeps an anchor of
//! the asset's minimum balance, booked to nobody ([`Anchors`]). Payouts leave the account at
//! least the anchor; a share its claimant cannot receive stays in its pot.

use crate::pallet::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{DepositConsequence, Provenance},
	},
};
use sp_runtime::ArithmeticError;
use usdai_primitives::{tokens::dustless, AssetId, Balance};

impl<T: Config> Pallet<T> {
	/// What of `asset` the account must keep booked to nobody: its minimum balance, or nothing
	/// when that is one base unit (no amount is then dust).
	pub(crate) fn anchor_needed(asset: AssetId) -> Balance {
		let min = T::Assets::minimum_balance(asset);
		if min > 1 {
			min
		} else {
			0
		}
	}

	/// What the account still lacks of its anchor of `asset`.
	pub(crate) fn anchor_shortfall(asset: AssetId) -> Balance {
		Self::anchor_needed(asset).saturating_sub(Anchors::<T>::get(asset))
	}

	/// Books `amount` of `asset`, just paid into the account, as its anchor.
	pub(crate) fn add_anchor(asset: AssetId, amount: Balance) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		Anchors::<T>::try_mutate(asset, |a| -> DispatchResult {
			*a = a.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::deposit_event(Event::Anchored { asset, amount });
		Ok(())
	}

	/// Whether `who` can receive `amount` of `asset`: not when it is less than the minimum
	/// balance and `who` holds none.
	pub(crate) fn can_receive(asset: AssetId, who: &T::AccountId, amount: Balance) -> bool {
		T::Assets::can_deposit(asset, who, amount, Provenance::Extant)
			!= DepositConsequence::BelowMinimum
	}

	/// The `Preservation` that debits `amount` of `asset` from `who` without leaving it dust,
	/// or `LeavesDust`.
	pub(crate) fn dustless_debit(
		asset: AssetId,
		who: &T::AccountId,
		amount: Balance,
	) -> Result<frame_support::traits::tokens::Preservation, DispatchError> {
		dustless::<_, T::Assets>(asset, who, amount).ok_or_else(|| Error::<T>::LeavesDust.into())
	}

	/// Pays `amount` of `asset` out of the account to `who`. Its anchor stays, so this never
	/// leaves it dust (`LeavesDust` only if the asset's minimum balance rose above the anchor,
	/// until the next fee pot or bribe of the asset tops the anchor up).
	pub(crate) fn pay_out(asset: AssetId, who: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let account = Self::account_id();
		let keep = Self::dustless_debit(asset, &account, amount)?;
		T::Assets::transfer(asset, &account, who, amount, keep).map(|_| ())
	}
}

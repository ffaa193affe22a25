//! Held credits: attested deposits that could not be carried out, set aside so that they block
//! neither their channel nor their asset's queue.
//!
//! A deposit is held when it is credited and its recipient cannot receive it (below the minimum
//! balance without an account, a blocked account), when a sleeve return is refused by the vault,
//! or when a queued credit cannot be paid when its turn comes. Anyone may retry a held credit
//! once it can be carried out (a user credit goes back to the end of its queue, under the inflow
//! limit); governance pays it to an account or cancels it.

use crate::{pallet::*, types::*};
use frame_support::{ensure, pallet_prelude::*, traits::fungibles::Mutate};
use sp_runtime::ArithmeticError;
use usdai_primitives::{AssetId, Balance};

impl<T: Config> Pallet<T> {
	/// Holds `amount` of `asset` of deposit `nonce` on `channel` for `action` aside, because of
	/// `error`. Fails when `MaxHeldCredits` are held.
	pub(crate) fn hold(
		channel: ChannelId,
		nonce: MessageNonce,
		asset: AssetId,
		amount: Balance,
		action: DepositAction<T::AccountId>,
		error: DispatchError,
	) -> DispatchResult {
		ensure!(
			HeldCredits::<T>::count() < T::MaxHeldCredits::get(),
			Error::<T>::TooManyHeldCredits
		);
		HeldTotal::<T>::try_mutate(asset, |total| -> DispatchResult {
			*total = total.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		HeldCredits::<T>::insert(
			(channel, nonce),
			HeldCredit { asset, amount, action: action.clone() },
		);
		Self::deposit_event(Event::CreditHeld { channel, nonce, asset, amount, action, error });
		Ok(())
	}

	/// Removes the held credit of `(channel, nonce)` and returns it.
	fn release(
		channel: ChannelId,
		nonce: MessageNonce,
	) -> Result<HeldCredit<T::AccountId>, DispatchError> {
		let held = HeldCredits::<T>::take((channel, nonce)).ok_or(Error::<T>::UnknownHeldCredit)?;
		HeldTotal::<T>::try_mutate_exists(held.asset, |total| -> DispatchResult {
			let left = total
				.unwrap_or_default()
				.checked_sub(held.amount)
				.ok_or(ArithmeticError::Underflow)?;
			*total = if left == 0 { None } else { Some(left) };
			Ok(())
		})?;
		Ok(held)
	}

	/// Retries the held credit of deposit `nonce` on `channel`: a user credit whose recipient
	/// can receive it now goes back to the end of its asset's queue; a sleeve return is
	/// completed. Changes nothing when it fails.
	pub fn do_retry_held_credit(channel: ChannelId, nonce: MessageNonce) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| {
			Self::ensure_running()?;
			let HeldCredit { asset, amount, action } = Self::release(channel, nonce)?;
			Self::ensure_bridged(asset)?;
			match action {
				DepositAction::Credit { recipient, into_usdai } => {
					ensure!(
						Self::can_receive(asset, &recipient, amount),
						Error::<T>::CannotReceive
					);
					Self::enqueue(
						asset,
						QueuedCredit { channel, nonce, recipient, amount, into_usdai },
					)?;
				},
				DepositAction::SleeveReturn { recall } => {
					Self::return_to_reserve(channel, nonce, recall, asset, amount)?;
				},
			}
			Self::deposit_event(Event::HeldCreditRetried { channel, nonce });
			Ok(())
		})
	}

	/// Settles the held credit of deposit `nonce` on `channel` as governance decided. Changes
	/// nothing when it fails.
	pub fn do_settle_held_credit(
		channel: ChannelId,
		nonce: MessageNonce,
		settlement: HeldSettlement<T::AccountId>,
	) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| {
			let HeldCredit { asset, amount, action } = Self::release(channel, nonce)?;
			if let HeldSettlement::PayTo(to) = &settlement {
				ensure!(matches!(action, DepositAction::Credit { .. }), Error::<T>::NotACredit);
				Self::ensure_bridged(asset)?;
				ensure!(Self::can_receive(asset, to, amount), Error::<T>::CannotReceive);
				T::Assets::mint_into(asset, to, amount)?;
				Self::record_credit(asset, amount)?;
			}
			Self::deposit_event(Event::HeldCreditSettled { channel, nonce, settlement });
			Ok(())
		})
	}
}

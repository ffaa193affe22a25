//! Outbound messages: withdrawals burnt here and paid on the source chain, their numbering and
//! the relayers' confirmations.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use sp_runtime::{traits::Zero, ArithmeticError};
use usdai_primitives::{AssetId, Balance};

impl<T: Config> Pallet<T> {
	/// Burns `amount` of `asset` from `who` and emits outbound withdrawal message. Returns its
	/// number.
	pub fn do_request_withdrawal(
		who: T::AccountId,
		asset: AssetId,
		amount: Balance,
		destination: Destination,
	) -> Result<MessageNonce, DispatchError> {
		Self::ensure_running()?;
		ensure!(InflowLimits::<T>::contains_key(asset), Error::<T>::UnsupportedAsset);
		ensure!(!amount.is_zero(), Error::<T>::AmountZero);
		ensure!(
			T::Assets::reducible_balance(asset, &who, Preservation::Expendable, Fortitude::Polite)
				>= amount,
			Error::<T>::InsufficientBalance
		);
		Self::ensure_outbound_room()?;
		T::Assets::burn_from(
			asset,
			&who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::record_burn(asset, amount)?;
		let nonce = Self::push_outbound(OutboundMessage::Withdrawal {
			who: who.clone(),
			asset,
			amount,
			destination: destination.clone(),
		})?;
		Self::deposit_event(Event::WithdrawalRequested { nonce, who, asset, amount, destination });
		Ok(nonce)
	}

	/// Counts `amount` of `asset` as burnt by the bridge.
	pub(crate) fn record_burn(asset: AssetId, amount: Balance) -> DispatchResult {
		Bridged::<T>::try_mutate(asset, |t| {
			t.withdrawn = t.withdrawn.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})
	}

	/// Fails when `MaxPendingOutbound` messages wait.
	pub(crate) fn ensure_outbound_room() -> DispatchResult {
		ensure!(
			Outbound::<T>::count() < T::MaxPendingOutbound::get(),
			Error::<T>::TooManyPendingOutbound
		);
		Ok(())
	}

	/// Stores `message` under the next outbound number and returns it.
	pub(crate) fn push_outbound(
		message: OutboundMessage<T::AccountId>,
	) -> Result<MessageNonce, DispatchError> {
		Self::ensure_outbound_room()?;
		let nonce = NextOutboundNonce::<T>::get();
		NextOutboundNonce::<T>::put(nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		Outbound::<T>::insert(nonce, message);
		Ok(nonce)
	}

	/// Checks that `who` may confirm outbound message `nonce` now, changing nothing.
	pub fn check_withdrawal_attestation(who: &T::AccountId, nonce: MessageNonce) -> DispatchResult {
		Self::ensure_running()?;
		Self::ensure_relayer(who)?;
		let Some(message) = Outbound::<T>::get(nonce) else {
			ensure!(nonce >= NextOutboundNonce::<T>::get(), Error::<T>::AlreadyProcessed);
			return Err(Error::<T>::UnknownMessage.into());
		};
		ensure!(!matches!(message, OutboundMessage::Recall { .. }), Error::<T>::NotConfirmable);
		if let Some(votes) = OutboundVotes::<T>::get(nonce) {
			ensure!(!Self::has_voted(&votes, who), Error::<T>::AlreadyAttested);
		}
		Ok(())
	}

	/// `who` confirms outbound message `nonce`; at the threshold it is done.
	pub fn do_attest_withdrawal(
		who: T::AccountId,
		nonce: MessageNonce,
	) -> DispatchResultWithPostInfo {
		Self::check_withdrawal_attestation(&who, nonce)?;
		let mut votes = OutboundVotes::<T>::get(nonce).unwrap_or_else(Self::new_votes);
		let count = Self::add_vote(&mut votes, &who)?;
		let threshold = Threshold::<T>::get();
		Self::deposit_event(Event::OutboundAttested {
			nonce,
			relayer: who,
			votes: count,
			threshold,
		});
		if count >= threshold {
			Outbound::<T>::remove(nonce);
			OutboundVotes::<T>::remove(nonce);
			Self::deposit_event(Event::OutboundExecuted { nonce });
		} else {
			OutboundVotes::<T>::insert(nonce, votes);
		}
		Ok(Self::feeless(T::WeightInfo::attest_withdrawal()))
	}
}

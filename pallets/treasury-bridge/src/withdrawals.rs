//! Outbound messages: withdrawals burnt here and paid on the source chain, their numbering and
//! the relayers' confirmations.
//!
//! The outbound queue is bounded (`MaxPendingOutbound`), so withdrawals may not fill it cheaply:
//! each is worth at least `MinWithdrawal`, an account has at most `MaxWithdrawalsPerAccount`
//! waiting, and all withdrawals together at most `MaxPendingWithdrawals`, which leaves the rest
//! of the queue to the bridge's own messages (moves to the sleeve, recalls).
//!
//! A withdrawal takes all of the caller's stablecoin or leaves at least its minimum balance
//! (`LeavesDust` otherwise): pallet-assets would burn dust below the minimum along with the
//! amount, and the supply would fall below what the bridge books as withdrawn.

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
use usdai_primitives::{tokens::dustless, AssetId, Balance};

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
		Self::ensure_bridged(asset)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		// The gateway pays EVM addresses: anything else would be burnt here and never paid.
		// (The zero address burns: the gateway refuses to pay it.)
		ensure!(
			destination.len() == EVM_ADDRESS_LEN && destination.iter().any(|b| *b != 0),
			Error::<T>::InvalidDestination
		);
		let value = amount.checked_mul(Self::scale(asset)?).ok_or(ArithmeticError::Overflow)?;
		ensure!(value >= T::MinWithdrawal::get(), Error::<T>::WithdrawalTooSmall);
		ensure!(
			T::Assets::reducible_balance(asset, &who, Preservation::Expendable, Fortitude::Polite)
				>= amount,
			Error::<T>::InsufficientBalance
		);
		let preservation =
			dustless::<_, T::Assets>(asset, &who, amount).ok_or(Error::<T>::LeavesDust)?;
		let mine = PendingWithdrawals::<T>::get(&who);
		ensure!(mine < T::MaxWithdrawalsPerAccount::get(), Error::<T>::TooManyPendingWithdrawals);
		let all = PendingWithdrawalCount::<T>::get();
		ensure!(all < T::MaxPendingWithdrawals::get(), Error::<T>::TooManyPendingOutbound);
		Self::ensure_outbound_room()?;
		T::Assets::burn_from(
			asset,
			&who,
			amount,
			preservation,
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
		PendingWithdrawals::<T>::insert(
			&who,
			mine.checked_add(1).ok_or(ArithmeticError::Overflow)?,
		);
		PendingWithdrawalCount::<T>::put(all.checked_add(1).ok_or(ArithmeticError::Overflow)?);
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

	/// Counts one of `who`'s withdrawals as no longer waiting.
	fn withdrawal_done(who: &T::AccountId) {
		PendingWithdrawals::<T>::mutate_exists(who, |mine| {
			*mine = mine.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
		PendingWithdrawalCount::<T>::mutate(|all| *all = all.saturating_sub(1));
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
			if let Some(OutboundMessage::Withdrawal { who, .. }) = Outbound::<T>::take(nonce) {
				Self::withdrawal_done(&who);
			}
			OutboundVotes::<T>::remove(nonce);
			Self::outbound_done(nonce);
			Self::deposit_event(Event::OutboundExecuted { nonce });
		} else {
			OutboundVotes::<T>::insert(nonce, votes);
		}
		Ok(Self::feeless(T::WeightInfo::attest_withdrawal()))
	}
}

//! Bribes: `add_bribe`, `claim_bribes`, `reclaim_bribe`.

use crate::{pallet::*, types::*};
use frame_support::{
	pallet_prelude::*,
	traits::{fungibles::Mutate, Get},
	BoundedVec,
};
use sp_runtime::{ArithmeticError, Rounding};
use usdai_primitives::{capacity::StackInspect, mul_div, AssetId, Balance, StackId};

impl<T: Config> Pallet<T> {
	/// Moves `amount` of `asset` from `briber` into the pot of `stack` for `epoch`. The first
	/// bribe of an asset also pays the pallet account's anchor of it (see [`Anchors`]).
	pub(crate) fn do_add_bribe(
		briber: T::AccountId,
		stack: StackId,
		epoch: EpochIndex,
		asset: AssetId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		ensure!(T::Stacks::stack_exists(stack), Error::<T>::UnknownStack);
		let current = Self::current_epoch();
		ensure!(epoch > current, Error::<T>::EpochNotFuture);
		ensure!(epoch.saturating_sub(current) <= T::MaxBribeLead::get(), Error::<T>::EpochTooFar);

		let mut pots = BribePots::<T>::get(epoch, stack);
		match pots.iter_mut().find(|pot| pot.asset == asset) {
			Some(pot) => {
				pot.amount = pot.amount.checked_add(amount).ok_or(ArithmeticError::Overflow)?
			},
			None => pots
				.try_push(BribePot { asset, amount, claimed: 0 })
				.map_err(|_| Error::<T>::TooManyBribeAssets)?,
		}
		Self::ensure_account();
		let anchor = Self::anchor_shortfall(asset);
		let paid = amount.checked_add(anchor).ok_or(ArithmeticError::Overflow)?;
		let keep = Self::dustless_debit(asset, &briber, paid)?;
		T::Assets::transfer(asset, &briber, &Self::account_id(), paid, keep)?;
		Self::add_anchor(asset, anchor)?;
		BribePots::<T>::insert(epoch, stack, pots);
		BribeContributions::<T>::try_mutate(
			(epoch, stack, asset, &briber),
			|c| -> DispatchResult {
				*c = c.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
				Ok(())
			},
		)?;
		Self::deposit_event(Event::BribeAdded { briber, epoch, stack, asset, amount });
		Ok(())
	}

	/// What `who` is owed of each bribe pot of `stack` in the tallied `epoch`: the pot × its
	/// power for the stack / the stack's weight, rounded down. Empty when it owes nothing.
	pub fn bribes_due(
		who: &T::AccountId,
		epoch: EpochIndex,
		stack: StackId,
	) -> Result<BoundedVec<(AssetId, Balance), T::MaxBribeAssets>, DispatchError> {
		let mut due = BoundedVec::new();
		let weight = GaugeWeights::<T>::get(epoch, stack);
		if weight == 0 || epoch > LastTallied::<T>::get() {
			return Ok(due);
		}
		let power = match Self::position_at(who, epoch) {
			Some(p) => p.vote_power_at(stack, epoch).ok_or(ArithmeticError::Overflow)?,
			None => 0,
		};
		if power == 0 {
			return Ok(due);
		}
		for pot in BribePots::<T>::get(epoch, stack) {
			let pay = mul_div(pot.amount, power, weight, Rounding::Down)?;
			// As many entries as pots: it cannot overflow.
			let _ = due.try_push((pot.asset, pay));
		}
		Ok(due)
	}

	/// Pays `who` its share of the bribes of `stack` in `epoch`, once. A share `who` cannot
	/// receive (less than the asset's minimum balance, and it holds none) stays in its pot; the
	/// others are paid.
	pub(crate) fn do_claim_bribes(
		who: T::AccountId,
		epoch: EpochIndex,
		stack: StackId,
	) -> DispatchResult {
		ensure!(epoch <= LastTallied::<T>::get(), Error::<T>::EpochNotTallied);
		ensure!(!BribeClaims::<T>::contains_key((epoch, stack, &who)), Error::<T>::AlreadyClaimed);
		let mut due = Self::bribes_due(&who, epoch, stack)?;
		ensure!(due.iter().any(|(_, pay)| *pay > 0), Error::<T>::NothingToClaim);

		let mut pots = BribePots::<T>::get(epoch, stack);
		for (pot, (asset, pay)) in pots.iter_mut().zip(due.iter_mut()) {
			if !Self::can_receive(*asset, &who, *pay) {
				*pay = 0;
			}
			let claimed = pot.claimed.checked_add(*pay).ok_or(ArithmeticError::Overflow)?;
			// The voters' powers add up to the weight, so the shares never exceed the pot.
			ensure!(claimed <= pot.amount, ArithmeticError::Underflow);
			pot.claimed = claimed;
			Self::pay_out(*asset, &who, *pay)?;
		}
		BribePots::<T>::insert(epoch, stack, pots);
		BribeClaims::<T>::insert((epoch, stack, &who), ());
		Self::deposit_event(Event::BribesClaimed { who, epoch, stack, paid: due });
		Ok(())
	}

	/// Returns `briber`'s bribe of `asset` for `stack` in `epoch`, which nobody voted for.
	pub(crate) fn do_reclaim_bribe(
		briber: T::AccountId,
		epoch: EpochIndex,
		stack: StackId,
		asset: AssetId,
	) -> DispatchResult {
		ensure!(epoch <= LastTallied::<T>::get(), Error::<T>::EpochNotTallied);
		ensure!(GaugeWeights::<T>::get(epoch, stack) == 0, Error::<T>::StackHadVotes);
		let amount = BribeContributions::<T>::take((epoch, stack, asset, &briber));
		ensure!(amount > 0, Error::<T>::NoBribe);

		let mut pots = BribePots::<T>::get(epoch, stack);
		let pot = pots.iter_mut().find(|pot| pot.asset == asset).ok_or(Error::<T>::NoBribe)?;
		pot.amount = pot.amount.checked_sub(amount).ok_or(ArithmeticError::Underflow)?;
		pots.retain(|pot| pot.amount > 0);
		if pots.is_empty() {
			BribePots::<T>::remove(epoch, stack);
		} else {
			BribePots::<T>::insert(epoch, stack, pots);
		}
		Self::pay_out(asset, &briber, amount)?;
		Self::deposit_event(Event::BribeReclaimed { briber, epoch, stack, asset, amount });
		Ok(())
	}
}

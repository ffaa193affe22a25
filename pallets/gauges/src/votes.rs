//! Gauge votes: `vote`.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, BoundedVec};
use sp_runtime::{ArithmeticError, PerThing, Perbill};
use usdai_primitives::capacity::StackInspect;

impl<T: Config> Pallet<T> {
	/// Replaces `who`'s votes from the next epoch on.
	pub(crate) fn do_vote(
		who: T::AccountId,
		votes: BoundedVec<Vote, T::MaxVotes>,
	) -> DispatchResult {
		let mut sum: u64 = 0;
		for (i, (stack, share)) in votes.iter().enumerate() {
			ensure!(!share.is_zero(), Error::<T>::ZeroShare);
			ensure!(T::Stacks::stack_exists(*stack), Error::<T>::UnknownStack);
			ensure!(
				!votes.iter().take(i).any(|(other, _)| other == stack),
				Error::<T>::DuplicateStack
			);
			sum =
				sum.checked_add(u64::from(share.deconstruct())).ok_or(ArithmeticError::Overflow)?;
		}
		ensure!(sum <= u64::from(Perbill::ACCURACY), Error::<T>::SharesAbove100);
		let current = Self::ensure_tallied()?;
		let next = current.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let (_, old) = Self::latest_position(&who).ok_or(Error::<T>::NoVotingPower)?;
		if !votes.is_empty() {
			let power = old.power_at(next).ok_or(ArithmeticError::Overflow)?;
			ensure!(power > 0, Error::<T>::NoVotingPower);
		}
		let new = Position { locks: old.locks.clone(), votes: votes.clone() };
		Self::set_position(&who, current, &old, new)?;
		Self::deposit_event(Event::Voted { who, votes, from: next });
		Ok(())
	}
}

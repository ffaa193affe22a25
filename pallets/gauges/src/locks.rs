//! Locking CHIP: `lock`, `extend_lock`, `unlock`.

use crate::{pallet::*, types::*};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::ArithmeticError;
use usdai_primitives::Balance;

impl<T: Config> Pallet<T> {
	/// Holds `amount` of `who`'s CHIP in a new lock of about `duration` blocks.
	pub(crate) fn do_lock(
		who: T::AccountId,
		amount: Balance,
		duration: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		ensure!(amount >= T::MinLockAmount::get(), Error::<T>::LockTooSmall);
		let current = Self::ensure_tallied()?;
		let end = Self::lock_end(duration, current)?;
		let old = Self::latest_position(&who).map(|(_, p)| p).unwrap_or_default();
		let mut new = old.clone();
		new.locks.try_push(Lock { amount, end }).map_err(|_| Error::<T>::TooManyLocks)?;

		T::NativeBalance::hold(&HoldReason::Lock.into(), &who, amount)?;
		TotalLocked::<T>::try_mutate(|total| -> DispatchResult {
			*total = total.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::set_position(&who, current, &old, new)?;
		// Fee shares are owed from the first epoch with power.
		if !FeeCursor::<T>::contains_key(&who) {
			FeeCursor::<T>::insert(&who, current.saturating_add(1));
		}
		Self::deposit_event(Event::Locked { who, amount, end });
		Ok(())
	}

	/// Moves the end of `who`'s lock `index` out to about `duration` blocks from now.
	pub(crate) fn do_extend_lock(
		who: T::AccountId,
		index: u32,
		duration: BlockNumberFor<T>,
	) -> DispatchResult {
		let current = Self::ensure_tallied()?;
		let (_, old) = Self::latest_position(&who).ok_or(Error::<T>::UnknownLock)?;
		let mut new = old.clone();
		let lock = usize::try_from(index)
			.ok()
			.and_then(|i| new.locks.get_mut(i))
			.ok_or(Error::<T>::UnknownLock)?;
		let end = Self::lock_end(duration, current)?;
		ensure!(end > lock.end, Error::<T>::NotExtended);
		lock.end = end;
		Self::set_position(&who, current, &old, new)?;
		Self::deposit_event(Event::LockExtended { who, index, end });
		Ok(())
	}

	/// Releases every expired lock of `who`.
	pub(crate) fn do_unlock(who: T::AccountId) -> DispatchResult {
		let current = Self::ensure_tallied()?;
		let (_, old) = Self::latest_position(&who).ok_or(Error::<T>::NothingToUnlock)?;
		let mut new = old.clone();
		// A lock ending at the start of the current epoch or earlier has expired.
		new.locks.retain(|lock| lock.end > current);
		let released = old
			.locked()
			.and_then(|all| new.locked().and_then(|kept| all.checked_sub(kept)))
			.ok_or(ArithmeticError::Underflow)?;
		ensure!(released > 0, Error::<T>::NothingToUnlock);

		T::NativeBalance::release(&HoldReason::Lock.into(), &who, released, Precision::Exact)?;
		TotalLocked::<T>::try_mutate(|total| -> DispatchResult {
			*total = total.checked_sub(released).ok_or(ArithmeticError::Underflow)?;
			Ok(())
		})?;
		Self::set_position(&who, current, &old, new)?;
		Self::deposit_event(Event::Unlocked { who, amount: released });
		Ok(())
	}
}

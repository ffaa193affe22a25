//! Invariants of the guard, checked by `try_state` (and after every unit test).

use crate::pallet::*;
use frame_support::traits::Get;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the guard:
	/// - every pending id was given (below `NextChangeId`);
	/// - each change was submitted in the past and is due after it was submitted (a change is
	///   only held back while the delay is not zero; its `due` is fixed when it is submitted,
	///   and a later `set_delay` does not move it);
	/// - each held call fits `MaxCallLen`;
	/// - `Pending`'s counter is the number of its entries, at most `MaxPending`.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextChangeId::<T>::get();
		let now = frame_system::Pallet::<T>::block_number();
		let max_len = usize::try_from(T::MaxCallLen::get()).unwrap_or(usize::MAX);
		let mut entries: u32 = 0;
		for (id, change) in Pending::<T>::iter() {
			if id >= next {
				return Err("a pending change's id was never given".into());
			}
			if change.submitted_at > now {
				return Err("a pending change was submitted in the future".into());
			}
			if change.due <= change.submitted_at {
				return Err("a pending change is due no later than its submission".into());
			}
			if change.call.len() > max_len {
				return Err("a pending call is longer than MaxCallLen".into());
			}
			entries = entries.checked_add(1).ok_or("count overflows")?;
		}
		if Pending::<T>::count() != entries {
			return Err("Pending's counter differs from its entries".into());
		}
		if entries > T::MaxPending::get() {
			return Err("more than MaxPending changes pending".into());
		}
		Ok(())
	}
}

//! Lending capacity while no gauge grants it: a governance-set cap per stack.

use crate::pallet::{Config, Pallet, StackCaps};
use core::marker::PhantomData;
use usdai_primitives::{Balance, StackId};

/// `Capacity` from the caps governance sets with `set_stack_cap` (the trait is implemented in
/// `impls.rs`). A stack without a cap may not lend.
pub struct GovernanceCaps<T>(PhantomData<T>);

impl<T: Config> Pallet<T> {
	/// `stack`'s governance cap (`GovernanceCaps`); `None`: it may not lend.
	pub(crate) fn governance_cap(stack: StackId) -> Option<Balance> {
		StackCaps::<T>::get(stack)
	}
}

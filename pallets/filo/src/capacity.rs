//! Lending capacity while no gauge grants it: a governance-set cap per stack.

use crate::pallet::{Config, StackCaps};
use core::marker::PhantomData;
use usdai_primitives::{traits::Capacity, Balance, StackId};

/// [`Capacity`] from the caps governance sets with `set_stack_cap`. A stack without a cap may
/// not lend.
pub struct GovernanceCaps<T>(PhantomData<T>);

impl<T: Config> Capacity for GovernanceCaps<T> {
	fn capacity(stack: StackId) -> Option<Balance> {
		StackCaps::<T>::get(stack)
	}
}

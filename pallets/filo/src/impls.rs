//! FiLo provides open stacks to the gauges (`StackInspect`), its caps to the runtime (`Capacity`).

use crate::{pallet::*, GovernanceCaps};
use usdai_primitives::{
	capacity::{Capacity, StackInspect},
	Balance, StackId,
};

impl<T: Config> StackInspect for Pallet<T> {
	fn stack_exists(stack: StackId) -> bool {
		Self::stack_is_open(stack)
	}
}

impl<T: Config> Capacity for GovernanceCaps<T> {
	fn capacity(stack: StackId) -> Option<Balance> {
		Pallet::<T>::governance_cap(stack)
	}
}

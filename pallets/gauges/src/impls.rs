//! The gauges provide stacks' lending capacity (`Capacity`) to filo's `Config::Capacity`.

use crate::{pallet::*, GaugedCapacity};
use usdai_primitives::{capacity::Capacity, Balance, StackId};

/// The gauges alone: what they grant once the quorum is reached, nothing before.
impl<T: Config> Capacity for Pallet<T> {
	fn capacity(stack: StackId) -> Option<Balance> {
		Self::gauge_capacity(stack)
	}
}

impl<T: Config, Ceiling: Capacity> Capacity for GaugedCapacity<T, Ceiling> {
	fn capacity(stack: StackId) -> Option<Balance> {
		Pallet::<T>::gauged_capacity(stack, Ceiling::capacity(stack))
	}
}

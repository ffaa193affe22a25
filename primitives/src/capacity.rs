//! Where FiLo's lending capacity comes from: governance caps (pallets/filo) and gauge votes
//! (pallets/gauges), and the stacks the gauges may vote for.

use crate::{Balance, StackId};

/// How much a FiLo stack may have lent out at most; filo's `Config::Capacity`. pallets/filo
/// provides the governance-set cap per stack (`GovernanceCaps`); pallets/gauges wraps any
/// provider so that votes decide below it once they reach a quorum (`GaugedCapacity`).
pub trait Capacity {
	/// The most outstanding principal `stack` may carry now; `None`: the stack may not lend.
	fn capacity(stack: StackId) -> Option<Balance>;
}

/// Which FiLo stacks exist (they may be voted for and bribed). Implemented by pallets/filo;
/// gauges' `Config::Stacks`.
pub trait StackInspect {
	/// Whether `stack` has been opened (and not closed).
	fn stack_exists(stack: StackId) -> bool;
}

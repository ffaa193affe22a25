//! Traits through which pallets/gauges reads the protocol it steers. Each is implemented in the
//! runtime over the pallet that owns the state (filo's stacks, the usdai vault); the gauges'
//! unit tests mock them.

use crate::{Balance, StackId};
use sp_runtime::{DispatchError, DispatchResult};

/// Which FiLo stacks exist (they may be voted for and bribed). Implemented over pallet-filo.
pub trait StackInspect {
	/// Whether `stack` has been opened (and not closed).
	fn stack_exists(stack: StackId) -> bool;
}

/// The vault's capital that gauge votes divide between stacks, in USDai base units.
/// Implemented over pallet-usdai.
pub trait LendableCapital {
	/// What the stacks may lend in total now: each stack's capacity is its gauge weight's share
	/// of this.
	fn lendable_capital() -> Balance;
}

/// The lockers' share of the protocol fee. Implemented over pallet-usdai's fee account.
pub trait FeeSource<AccountId> {
	/// Moves the lockers' share of the protocol fees collected since the last call, in USDai, to
	/// `to` and returns how much it moved (zero when there is nothing). Called once per epoch.
	fn take_fees(to: &AccountId) -> Result<Balance, DispatchError>;
}

/// The vault's losses that nobody has covered yet: what the CHIP backstop sale pays down.
/// Implemented over pallet-usdai.
pub trait BackstopVault<AccountId> {
	/// Realised loss, in USDai, left after the stack's first-loss and the insurance fund.
	fn uncovered_loss() -> Balance;

	/// `from` pays `amount` USDai into the vault against the uncovered loss (at most
	/// `uncovered_loss()`). Either all of it is credited or nothing changes.
	fn cover_loss_from(from: &AccountId, amount: Balance) -> DispatchResult;
}

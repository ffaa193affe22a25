//! What each governance call of the gauges is, for pallets/guard ([`GovernedCall`]): its domain
//! and whether it lowers or raises the risk depositors carry, judged against the current state.

use crate::pallet::{Call, CapacityQuorum, Config, MaxStackShare};
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

/// Every call is matched by name, so that a new call must be sorted here. `classify` only reads
/// storage. `Lowering` only where the call can only make depositors safer against the current
/// state; anything else `Raising`.
///
/// - `lock`, `extend_lock`, `unlock`, `vote`, `add_bribe`, `claim_bribes`, `reclaim_bribe`,
///   `claim_fees`, `buy_backstop`: lockers', bribers' and buyers' calls, `None`.
/// - `backstop`, Parameters: `Raising` (it mints CHIP at a price governance picks).
/// - `cancel_backstop`, Parameters: `Lowering` (it stops the sale; the loss stays as it was).
/// - `set_capacity_quorum(quorum)`, Parameters: `Lowering` only when it leaves the quorum as it
///   is, else `Raising`. Crossing the quorum swaps who grants capacity (`GaugedCapacity`):
///   below it, governance's caps alone (a capped stack may lend up to its cap, an uncapped one
///   nothing); at or above it, the gauge's grant under the cap (a capped stack less than its
///   cap, an uncapped one its grant). A higher quorum can so raise a capped stack's capacity
///   and a lower one an uncapped stack's: neither direction is safer.
/// - `set_max_stack_share(share)`, Parameters: `Lowering` iff `share` is at most the current
///   bound (every gauge grants at most as much), else `Raising`.
impl<T: Config> GovernedCall for Call<T> {
	fn classify(&self) -> Option<Classification> {
		use Domain::Parameters;
		let class = match self {
			Call::lock { .. }
			| Call::extend_lock { .. }
			| Call::unlock { .. }
			| Call::vote { .. }
			| Call::add_bribe { .. }
			| Call::claim_bribes { .. }
			| Call::reclaim_bribe { .. }
			| Call::claim_fees { .. }
			| Call::buy_backstop { .. } => return None,
			Call::backstop { .. } => Classification::raising(Parameters),
			Call::cancel_backstop { .. } => Classification::lowering(Parameters),
			Call::set_capacity_quorum { quorum } => {
				Classification::lowering_if(Parameters, *quorum == CapacityQuorum::<T>::get())
			},
			Call::set_max_stack_share { share } => {
				Classification::lowering_if(Parameters, *share <= MaxStackShare::<T>::get())
			},
			Call::__Ignore(..) => return None,
		};
		Some(class)
	}
}

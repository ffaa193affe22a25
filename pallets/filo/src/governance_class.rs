//! What each governance call of FiLo is, for pallets/guard ([`GovernedCall`]): its domain and
//! whether it lowers or raises the risk depositors carry, judged against the current state.

use crate::pallet::{Call, Config, Params, StackCaps};
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

/// Every call is matched by name, so that a new call must be sorted here. `classify` only reads
/// storage. `Lowering` only where the call can only make depositors safer against the current
/// state; anything else `Raising`.
///
/// - `open_stack`, `add_first_loss`, `withdraw_first_loss`, `propose_loan`, `cancel_proposal`,
///   `accept_loan`, `repay`, `declare_default`, `cure`, `bid`, `settle_auction`,
///   `start_auction`, `take_collateral`: curators', borrowers' and anyone's calls, `None`.
/// - `register_curator`, Registry: `Raising`; `remove_curator`, Registry: `Lowering`.
/// - `set_params(params)`, Parameters: `Lowering` iff parameters are set now (else the first
///   ones open lending) and `max_ltv_bps` is at most the current one (new stacks' LTV bound),
///   `min_first_loss_bps` at least (more first-loss under every stack), `proposal_blocks` at
///   most (an offer stays open less long), and every other field is unchanged: the curator fee
///   bounds, the penalty and auction fees move money, not risk (fees wait, like the vault's);
///   the period, grace, cure, auction and extension lengths and the reserve schedule and bid
///   increment have no direction that is safer in every case (a shorter grace or cure sends to
///   auction loans that would have paid; a higher reserve may sell nothing). Else `Raising`.
/// - `set_stack_cap(stack, cap)`, Parameters: a stack without a cap (`None`) may not lend while
///   it is the only source of capacity (`GovernanceCaps`), but is unbounded by it once the
///   gauges' quorum is reached (pallets/gauges' `GaugedCapacity`), so `None` and a cap cannot
///   be ordered. `Lowering` iff `cap` is `Some(0)` (no lending either way), or `Some(new)` with
///   a current `Some(now)` and `new <= now`, or `None` while there is no cap now (no change);
///   else `Raising`.
impl<T: Config> GovernedCall for Call<T> {
	fn classify(&self) -> Option<Classification> {
		use Domain::{Parameters, Registry};
		let class = match self {
			Call::open_stack { .. }
			| Call::add_first_loss { .. }
			| Call::withdraw_first_loss { .. }
			| Call::propose_loan { .. }
			| Call::cancel_proposal { .. }
			| Call::accept_loan { .. }
			| Call::repay { .. }
			| Call::declare_default { .. }
			| Call::cure { .. }
			| Call::bid { .. }
			| Call::settle_auction { .. }
			| Call::start_auction { .. }
			| Call::take_collateral { .. } => return None,
			Call::register_curator { .. } => Classification::raising(Registry),
			Call::remove_curator { .. } => Classification::lowering(Registry),
			Call::set_params { params: new } => {
				let lowers = Params::<T>::get().is_some_and(|now| {
					new.max_ltv_bps <= now.max_ltv_bps
						&& new.min_first_loss_bps >= now.min_first_loss_bps
						&& new.proposal_blocks <= now.proposal_blocks
						&& new.min_curator_fee_bps == now.min_curator_fee_bps
						&& new.max_curator_fee_bps == now.max_curator_fee_bps
						&& new.period_blocks == now.period_blocks
						&& new.grace_blocks == now.grace_blocks
						&& new.penalty_apr_bps == now.penalty_apr_bps
						&& new.cure_blocks == now.cure_blocks
						&& new.auction_blocks == now.auction_blocks
						&& new.extension_blocks == now.extension_blocks
						&& new.auction_fee_bps == now.auction_fee_bps
						&& new.reserve_bps == now.reserve_bps
						&& new.reserve_step_bps == now.reserve_step_bps
						&& new.reserve_floor_bps == now.reserve_floor_bps
						&& new.min_increment_bps == now.min_increment_bps
				});
				Classification::lowering_if(Parameters, lowers)
			},
			Call::set_stack_cap { stack, cap } => {
				let lowers = match (cap, StackCaps::<T>::get(stack)) {
					(Some(0), _) => true,
					(Some(new), Some(now)) => *new <= now,
					(Some(_), None) => false,
					(None, now) => now.is_none(),
				};
				Classification::lowering_if(Parameters, lowers)
			},
			Call::__Ignore(..) => return None,
		};
		Some(class)
	}
}

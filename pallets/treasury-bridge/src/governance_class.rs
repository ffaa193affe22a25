//! What each governance and emergency call of the bridge is, for pallets/guard
//! ([`GovernedCall`]): its domain and whether it lowers or raises the risk depositors carry,
//! judged against the current state.

use crate::pallet::{Call, Config, Gateway, InflowLimits, NavChangeLimit, SleeveTarget};
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

/// Every call is matched by name, so that a new call must be sorted here. `classify` only reads
/// storage. `Lowering` only where the call can only make depositors safer against the current
/// state; anything else `Raising`.
///
/// - `attest_deposit`, `attest_withdrawal`, `attest_nav`, `request_withdrawal`,
///   `rebalance_sleeve`, `retry_held_credit`, `register_evm_key`, `submit_signature`:
///   relayers', users' and anyone's calls, `None`.
/// - `set_relayers`, `open_channel`, Registry: `Raising`.
/// - `set_gateway(gateway)`, Registry: `Lowering` for `None` (nothing more is signed for a
///   gateway: outbound messages wait, like a halt) or the gateway set now (no change);
///   `Raising` for any other gateway.
/// - `set_inflow_limit(asset, limit)`, Parameters: `Some(new)` is `Lowering` iff `asset` has a
///   limit now and `new` allows at most as much per period over a period at least as long (a
///   slower rate: the current window stays open longer); `Raising` for an asset not bridged
///   yet or a looser limit. `None` stops bridging the asset, which is refused unless nothing of
///   it is bridged, queued or held: `Lowering`, like the vault's `remove_stablecoin`.
/// - `resolve_conflict`, `settle_held_credit`, Parameters: `Raising` (they decide what is
///   credited or minted).
/// - `set_sleeve_target(bps)`, Parameters: `Lowering` iff `bps` is at most the current target.
/// - `request_recall`, Parameters: `Lowering` (money comes back from the sleeve).
/// - `set_nav_limit(limit)`, Parameters: `Lowering` iff `max_change_bps` is at most the current
///   one and the period at least as long; else `Raising`.
/// - `halt`, Parameters: `Lowering`; `resume`, Parameters: `Raising`.
impl<T: Config> GovernedCall for Call<T> {
	fn classify(&self) -> Option<Classification> {
		use Domain::{Parameters, Registry};
		let class = match self {
			Call::attest_deposit { .. }
			| Call::attest_withdrawal { .. }
			| Call::attest_nav { .. }
			| Call::request_withdrawal { .. }
			| Call::rebalance_sleeve { .. }
			| Call::retry_held_credit { .. }
			| Call::register_evm_key { .. }
			| Call::submit_signature { .. } => return None,
			Call::set_relayers { .. } => Classification::raising(Registry),
			Call::open_channel { .. } => Classification::raising(Registry),
			Call::set_gateway { gateway } => {
				let lowers = gateway.is_none() || *gateway == Gateway::<T>::get();
				Classification::lowering_if(Registry, lowers)
			},
			Call::set_inflow_limit { asset, limit } => {
				let lowers = match (limit, InflowLimits::<T>::get(asset)) {
					(None, _) => true,
					(Some(new), Some(now)) => {
						new.max_per_period <= now.max_per_period && new.period >= now.period
					},
					(Some(_), None) => false,
				};
				Classification::lowering_if(Parameters, lowers)
			},
			Call::resolve_conflict { .. } => Classification::raising(Parameters),
			Call::set_sleeve_target { bps } => {
				Classification::lowering_if(Parameters, *bps <= SleeveTarget::<T>::get())
			},
			Call::request_recall { .. } => Classification::lowering(Parameters),
			Call::settle_held_credit { .. } => Classification::raising(Parameters),
			Call::set_nav_limit { limit } => {
				let now = NavChangeLimit::<T>::get();
				let lowers =
					limit.max_change_bps <= now.max_change_bps && limit.period >= now.period;
				Classification::lowering_if(Parameters, lowers)
			},
			Call::halt { .. } => Classification::lowering(Parameters),
			Call::resume { .. } => Classification::raising(Parameters),
			Call::__Ignore(..) => return None,
		};
		Some(class)
	}
}

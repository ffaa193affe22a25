//! What each governance call of the vault is, for pallets/guard ([`GovernedCall`]): its domain
//! and whether it lowers or raises the risk depositors carry, judged against the current state.

use crate::pallet::{Call, Config, Limits, Paused, Stablecoins};
use frame_support::traits::fungibles::metadata::Inspect as MetadataInspect;
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

/// Every call is matched by name, so that a new call must be sorted here. `classify` only reads
/// storage. `Lowering` only where the call can only make depositors safer against the current
/// state; anything else `Raising`.
///
/// - `deposit`, `redeem`, `stake`: users' calls, `None`.
/// - `set_stablecoin(asset, cap, enabled)`, Parameters: `Lowering` iff `asset` is accepted
///   already, `cap` is at most its cap, it is not enabled unless it was, and its decimals are
///   those recorded (nothing is rescaled); else `Raising` (a new stablecoin, a higher cap,
///   enabling deposits).
/// - `remove_stablecoin`, Parameters: `Lowering` (only with an empty reserve).
/// - `set_mint_limits(limits)`, Parameters: `Lowering` iff limits are set now and the supply cap
///   and the per-period limit are each at most the current ones and the period is at least as
///   long (the same allowance over a longer window is a slower rate: the current window stays
///   open longer); else `Raising` (the first limits open deposits).
/// - `set_fees`, `set_vesting_period`, `reset_circuit_breaker`, Parameters: `Raising`.
/// - `pause(deposits, stakes)`, Parameters: `Lowering` (it only adds pauses).
/// - `set_paused(state)`, Parameters: `Lowering` iff everything paused now stays paused; else
///   `Raising`.
/// - `withdraw_protocol_fees`, Treasury: `Raising`.
impl<T: Config> GovernedCall for Call<T> {
	fn classify(&self) -> Option<Classification> {
		use Domain::{Parameters, Treasury};
		let class = match self {
			Call::deposit { .. } | Call::redeem { .. } | Call::stake { .. } => return None,
			Call::set_stablecoin { asset, cap, enabled } => {
				let lowers = Stablecoins::<T>::get(asset).is_some_and(|now| {
					*cap <= now.cap
						&& (!*enabled || now.enabled)
						&& T::Assets::decimals(*asset) == now.decimals
				});
				Classification::lowering_if(Parameters, lowers)
			},
			Call::remove_stablecoin { .. } => Classification::lowering(Parameters),
			Call::set_mint_limits { limits } => {
				let lowers = Limits::<T>::get().is_some_and(|now| {
					limits.supply_cap <= now.supply_cap
						&& limits.max_per_period <= now.max_per_period
						&& limits.period >= now.period
				});
				Classification::lowering_if(Parameters, lowers)
			},
			Call::set_fees { .. } => Classification::raising(Parameters),
			Call::set_vesting_period { .. } => Classification::raising(Parameters),
			Call::pause { .. } => Classification::lowering(Parameters),
			Call::set_paused { state } => {
				let now = Paused::<T>::get();
				let lowers = (state.deposits || !now.deposits) && (state.stakes || !now.stakes);
				Classification::lowering_if(Parameters, lowers)
			},
			Call::withdraw_protocol_fees { .. } => Classification::raising(Treasury),
			Call::reset_circuit_breaker { .. } => Classification::raising(Parameters),
			Call::__Ignore(..) => return None,
		};
		Some(class)
	}
}

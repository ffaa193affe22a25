//! What each governance call of the registry is, for pallets/guard ([`GovernedCall`]): its
//! domain and whether it lowers or raises the risk depositors carry, judged against the current
//! state.

use crate::pallet::{Call, Config, Pallet, Params};
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

/// Every call is matched by name, so that a new call must be sorted here. `classify` only reads
/// storage. `Lowering` only where the call can only make depositors safer against the current
/// state; anything else `Raising`.
///
/// - `issue_receipt`, `post_valuation`, `renew_insurance`, `request_release`,
///   `cancel_release`, `confirm_release`: custodians', appraisers' and holders' calls, `None`.
/// - `register_custodian`, `resume_custodian`, `add_appraiser`, Registry: `Raising`.
/// - `suspend_custodian`, `remove_custodian` (only without receipts), Registry: `Lowering`.
/// - `remove_appraiser`, Registry: `Lowering`. Removing one lowers no quorum: `min_posts` is a
///   parameter, not a share of the appraisers, so fewer appraisers can only make a value harder
///   to move (with fewer than `min_posts` left, values stop updating and go stale after
///   `max_age`: no new loan on them).
/// - `set_params(params)`, Parameters: `Lowering` iff each field is at least as strict as now:
///   `min_posts` at least (more posts to move a value), `max_age` at most (posts and values go
///   stale sooner), `max_step_bps` at most (a value moves less per period; this also slows
///   mark-downs, taken as stricter as for the bridge's NAV limit), `default_depreciation_bps` at
///   least (values fall faster); else `Raising`.
/// - `set_depreciation(model, rate)`, Parameters: `Lowering` iff the model's rate afterwards
///   (`rate`, or the default for `None`) is at least its rate now (faster depreciation, lower
///   collateral values); else `Raising`.
impl<T: Config> GovernedCall for Call<T> {
	fn classify(&self) -> Option<Classification> {
		use Domain::{Parameters, Registry};
		let class = match self {
			Call::issue_receipt { .. }
			| Call::post_valuation { .. }
			| Call::renew_insurance { .. }
			| Call::request_release { .. }
			| Call::cancel_release { .. }
			| Call::confirm_release { .. } => return None,
			Call::register_custodian { .. } => Classification::raising(Registry),
			Call::suspend_custodian { .. } => Classification::lowering(Registry),
			Call::resume_custodian { .. } => Classification::raising(Registry),
			Call::remove_custodian { .. } => Classification::lowering(Registry),
			Call::add_appraiser { .. } => Classification::raising(Registry),
			Call::remove_appraiser { .. } => Classification::lowering(Registry),
			Call::set_params { params } => {
				let now = Params::<T>::get();
				let lowers = params.min_posts >= now.min_posts
					&& params.max_age <= now.max_age
					&& params.max_step_bps <= now.max_step_bps
					&& params.default_depreciation_bps >= now.default_depreciation_bps;
				Classification::lowering_if(Parameters, lowers)
			},
			Call::set_depreciation { model, rate_bps } => {
				let after = rate_bps.unwrap_or_else(|| Params::<T>::get().default_depreciation_bps);
				let lowers = after >= Pallet::<T>::depreciation_of(model);
				Classification::lowering_if(Parameters, lowers)
			},
			Call::__Ignore(..) => return None,
		};
		Some(class)
	}
}

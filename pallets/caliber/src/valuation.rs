//! Valuation: appraisers' posts, their median, the bounded step, depreciation, eligibility.
//!
//! Every rounding goes against the borrower: depreciation rounds up, bounds round towards the
//! period's starting value, an even number of posts takes the lower median.
//!
//! The step bound is per period, not per post: within a `ValuationPeriod` the value stays within
//! `max_step_bps` of its value at the period's start (depreciated along the model's line),
//! however many posts arrive from however many appraisers, and each appraiser posts at most once
//! per receipt per period.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	traits::{Get, UnixTime},
	BoundedVec,
};
use sp_runtime::{ArithmeticError, DispatchError, Rounding};
use usdai_primitives::{Balance, BasisPoints, ReceiptId, UnixSeconds, BPS_DENOMINATOR};

use usdai_primitives::mul_div;

/// The lower median of `values` (the lower of the two middle values when their number is even).
pub(crate) fn lower_median(mut values: alloc::vec::Vec<Balance>) -> Option<Balance> {
	values.sort_unstable();
	let middle = values.len().checked_sub(1)? / 2;
	values.get(middle).copied()
}

/// `value` moved towards `target`, but no further than `step_bps` of `anchor` from `anchor`
/// (the value at the start of the period, depreciated to now). The band never pushes the value
/// away from `target`: a `value` already outside it (the value and the anchor each round their
/// own depreciation) stays or moves towards `target`. The bounds round towards `anchor`.
pub(crate) fn bounded_step(
	value: Balance,
	anchor: Balance,
	target: Balance,
	step_bps: BasisPoints,
) -> Result<Balance, ArithmeticError> {
	let step = mul_div(anchor, u128::from(step_bps), u128::from(BPS_DENOMINATOR), Rounding::Down)?;
	let floor = anchor.checked_sub(step).ok_or(ArithmeticError::Underflow)?.min(value);
	let ceiling = anchor.checked_add(step).ok_or(ArithmeticError::Overflow)?.max(value);
	// `floor <= anchor <= ceiling`, so the clamp is well formed.
	Ok(target.max(floor).min(ceiling))
}

/// `value` depreciated on a straight line at `rate_bps` a year over `elapsed` seconds, never
/// below zero. The loss rounds up.
pub(crate) fn depreciate(
	value: Balance,
	rate_bps: BasisPoints,
	elapsed: UnixSeconds,
) -> Result<Balance, ArithmeticError> {
	let full = u128::from(BPS_DENOMINATOR)
		.checked_mul(u128::from(SECONDS_PER_YEAR))
		.ok_or(ArithmeticError::Overflow)?;
	// Past full depreciation the value is zero; capping keeps the product in range.
	let spent = u128::from(rate_bps)
		.checked_mul(u128::from(elapsed))
		.ok_or(ArithmeticError::Overflow)?
		.min(full);
	let loss = mul_div(value, spent, full, Rounding::Up)?;
	// `loss <= value` because `spent <= full`.
	value.checked_sub(loss).ok_or(ArithmeticError::Underflow)
}

impl<T: Config> Pallet<T> {
	/// Now, in seconds since the Unix epoch.
	pub(crate) fn now() -> UnixSeconds {
		T::UnixTime::now().as_secs()
	}

	/// The yearly depreciation rate of `model`.
	pub(crate) fn depreciation_of(model: &GpuModel) -> BasisPoints {
		Depreciation::<T>::get(model).unwrap_or_else(|| Params::<T>::get().default_depreciation_bps)
	}

	/// A receipt's appraisal depreciated to `now`.
	pub(crate) fn current_value(
		receipt: &Receipt<T::AccountId>,
		now: UnixSeconds,
	) -> Result<Balance, ArithmeticError> {
		// A clock behind the appraisal (it cannot go backwards on chain) depreciates nothing.
		let elapsed = now.saturating_sub(receipt.appraisal.at);
		depreciate(receipt.appraisal.value, Self::depreciation_of(&receipt.info.model), elapsed)
	}

	/// What a receipt counts for as collateral: its current value capped at its coverage.
	pub(crate) fn collateral_value_of(
		receipt: &Receipt<T::AccountId>,
		now: UnixSeconds,
	) -> Result<Balance, ArithmeticError> {
		Ok(Self::current_value(receipt, now)?.min(receipt.info.insurance.coverage))
	}

	/// Why `receipt` may not back a new loan at `now`, if it may not.
	pub(crate) fn ineligibility(
		receipt: &Receipt<T::AccountId>,
		now: UnixSeconds,
	) -> Option<Ineligibility> {
		match receipt.status {
			ReceiptStatus::Free => {},
			ReceiptStatus::Pledged { .. } => return Some(Ineligibility::Pledged),
			ReceiptStatus::ReleaseRequested { .. } => return Some(Ineligibility::ReleasePending),
		}
		let custodian_active = Custodians::<T>::get(&receipt.custodian)
			.is_some_and(|c| c.status == CustodianStatus::Active);
		if !custodian_active {
			return Some(Ineligibility::CustodianSuspended);
		}
		if receipt.info.insurance.expiry <= now {
			return Some(Ineligibility::InsuranceExpired);
		}
		if !receipt.appraisal.confirmed {
			return Some(Ineligibility::ValuationUnconfirmed);
		}
		if now.saturating_sub(receipt.appraisal.at) > Params::<T>::get().max_age {
			return Some(Ineligibility::ValuationStale);
		}
		None
	}

	/// The typed error for an ineligibility.
	pub(crate) fn ineligibility_error(reason: Ineligibility) -> Error<T> {
		match reason {
			Ineligibility::Pledged => Error::<T>::Pledged,
			Ineligibility::ReleasePending => Error::<T>::ReleasePending,
			Ineligibility::CustodianSuspended => Error::<T>::CustodianSuspended,
			Ineligibility::InsuranceExpired => Error::<T>::InsuranceExpired,
			Ineligibility::ValuationUnconfirmed => Error::<T>::ValuationUnconfirmed,
			Ineligibility::ValuationStale => Error::<T>::ValuationStale,
		}
	}

	/// Records `appraiser`'s `value` for `receipt` and, with enough fresh posts, moves the
	/// receipt's value towards their median, within the current period's band. Returns how many
	/// posts were stored before the call: the call reads the appraiser of each (also of a removed
	/// appraiser, whose post it prunes), so that is what its weight is refunded to, not the
	/// posts it keeps.
	pub(crate) fn do_post_valuation(
		appraiser: T::AccountId,
		id: ReceiptId,
		value: Balance,
	) -> Result<u32, DispatchError> {
		ensure!(Appraisers::<T>::contains_key(&appraiser), Error::<T>::NotAppraiser);
		ensure!(value > 0, Error::<T>::ZeroAmount);
		let mut receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
		let now = Self::now();
		let params = Params::<T>::get();
		let period = T::ValuationPeriod::get();
		let stored = Valuations::<T>::get(id);
		let read = u32::try_from(stored.len()).map_err(|_| ArithmeticError::Overflow)?;

		// One post per appraiser per receipt per period. Its own post is never pruned before
		// then, because `max_age >= ValuationPeriod`.
		if let Some(own) = stored.iter().find(|post| post.appraiser == appraiser) {
			ensure!(now >= own.at.saturating_add(period), Error::<T>::AlreadyPostedThisPeriod);
		}

		// Keep the fresh posts of registered appraisers other than the caller, then add the
		// caller's. Registered appraisers are at most `MaxAppraisers`, so this always fits.
		let fresh = |post: &ValuationPost<T::AccountId>| {
			now.saturating_sub(post.at) <= params.max_age
				&& Appraisers::<T>::contains_key(&post.appraiser)
		};
		let mut posts: alloc::vec::Vec<_> =
			stored.into_iter().filter(|post| post.appraiser != appraiser && fresh(post)).collect();
		posts.push(ValuationPost { appraiser: appraiser.clone(), value, at: now });
		let kept = u32::try_from(posts.len()).map_err(|_| ArithmeticError::Overflow)?;
		let values: alloc::vec::Vec<Balance> = posts.iter().map(|post| post.value).collect();
		let posts: BoundedVec<_, T::MaxAppraisers> =
			posts.try_into().map_err(|_| Error::<T>::TooManyAppraisers)?;
		Valuations::<T>::insert(id, posts);
		Self::deposit_event(Event::ValuationPosted { receipt: id, appraiser, value });

		if kept >= params.min_posts {
			let median = lower_median(values).ok_or(Error::<T>::ZeroAmount)?;
			let current = Self::current_value(&receipt, now)?;
			let (new_value, start) = if receipt.appraisal.confirmed {
				// A period begins with the first update once the last one has run its length;
				// its band is set by the value then. Until it ends, no number of posts moves
				// the value further than the step from that value (depreciated to now).
				let last = receipt.appraisal.period;
				let start = if now >= last.at.saturating_add(period) {
					PeriodStart { at: now, value: current }
				} else {
					last
				};
				let anchor = depreciate(
					start.value,
					Self::depreciation_of(&receipt.info.model),
					now.saturating_sub(start.at),
				)?;
				(bounded_step(current, anchor, median, params.max_step_bps)?, start)
			} else {
				// Neither the custodian nor the appraisers alone can set the first value high.
				// The first period starts from it.
				let first = median.min(current);
				(first, PeriodStart { at: now, value: first })
			};
			receipt.appraisal =
				Appraisal { value: new_value, at: now, confirmed: true, period: start };
			Receipts::<T>::insert(id, &receipt);
			Self::mirror_appraisal(id, new_value)?;
			Self::deposit_event(Event::ValueUpdated { receipt: id, median, value: new_value });
		}
		Ok(read)
	}
}

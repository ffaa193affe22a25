//! Property tests of the valuation maths.

use crate::valuation::{bounded_step, depreciate, lower_median};
use proptest::prelude::*;

proptest! {
	#[test]
	fn depreciation_never_raises_a_value_and_is_monotonic(
		value in 0u128..=u128::MAX / 2,
		rate in 0u32..=10_000,
		a in 0u64..=400_000_000,
		b in 0u64..=400_000_000,
	) {
		let (early, late) = (a.min(b), a.max(b));
		let v_early = depreciate(value, rate, early).unwrap();
		let v_late = depreciate(value, rate, late).unwrap();
		prop_assert!(v_early <= value);
		prop_assert!(v_late <= v_early);
	}

	#[test]
	fn a_step_stays_in_the_periods_band_and_moves_only_towards_the_target(
		value in 0u128..=u128::MAX / 4,
		anchor in 0u128..=u128::MAX / 4,
		target in 0u128..=u128::MAX / 4,
		step in 1u32..=10_000,
	) {
		let new = bounded_step(value, anchor, target, step).unwrap();
		// Towards the target, never past it, never away from it.
		prop_assert!(new.abs_diff(target) <= value.abs_diff(target));
		prop_assert!(new.min(value) >= target.min(value) && new.max(value) <= target.max(value));
		// Within `anchor × step / 10_000` of the anchor (computed without overflow), or no
		// further out than the value already was.
		let bound = anchor / 10_000 * u128::from(step) + (anchor % 10_000) * u128::from(step) / 10_000;
		prop_assert!(new >= (anchor - bound).min(value) && new <= (anchor + bound).max(value));
	}

	#[test]
	fn the_lower_median_has_as_many_values_above_as_below(values in prop::collection::vec(1u128..1_000, 1..9)) {
		let m = lower_median(values.clone()).unwrap();
		let below = values.iter().filter(|v| **v < m).count();
		let above = values.iter().filter(|v| **v > m).count();
		prop_assert!(below < values.len().div_ceil(2));
		prop_assert!(above <= values.len() / 2);
	}
}

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
	fn a_step_never_exceeds_the_bound(
		value in 0u128..=u128::MAX / 4,
		target in 0u128..=u128::MAX / 4,
		step in 1u32..=10_000,
	) {
		let new = bounded_step(value, target, step).unwrap();
		let moved = new.abs_diff(value);
		// `moved <= value × step / 10_000`, checked without overflow.
		prop_assert!(moved <= value / 10_000 * u128::from(step) + (value % 10_000) * u128::from(step) / 10_000);
		// It moves towards the target and never past it.
		prop_assert!(new.abs_diff(target) <= value.abs_diff(target));
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

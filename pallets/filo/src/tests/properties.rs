//! Property tests: for any schedule the principal payments add up to the principal exactly.

use crate::{schedule::schedule, Amortization, DayCount, LoanTerms};
use proptest::prelude::*;

fn day_count() -> impl Strategy<Value = DayCount> {
	prop_oneof![Just(DayCount::Act365), Just(DayCount::Thirty360)]
}

fn amortization() -> impl Strategy<Value = Amortization> {
	prop_oneof![
		Just(Amortization::LevelPayment),
		(1u32..=10_000).prop_map(|annual_rate_bps| Amortization::StraightLine { annual_rate_bps }),
	]
}

proptest! {
	#[test]
	fn principal_payments_sum_to_the_principal(
		principal in 1u128..=1_000_000_000_000_000_000_000_000_000u128,
		apr_bps in 0u32..=10_000,
		periods in 1u32..=120,
		day_count in day_count(),
		amortization in amortization(),
	) {
		let terms = LoanTerms { principal, apr_bps, periods, day_count, amortization };
		let rows = schedule(&terms).unwrap();
		prop_assert_eq!(rows.len() as u32, periods);
		prop_assert_eq!(rows.iter().map(|r| r.principal).sum::<u128>(), principal);
		prop_assert_eq!(rows.last().unwrap().balance_after, 0);
		let mut balance = principal;
		for r in &rows {
			// Each row's balance is the previous one less its principal: nothing appears or
			// vanishes.
			prop_assert_eq!(r.balance_after, balance - r.principal);
			// Interest is the exact rate rounded up: never below it, less than a unit above.
			let (num, den) = match day_count {
				DayCount::Act365 => (u128::from(apr_bps) * 30, 3_650_000u128),
				DayCount::Thirty360 => (u128::from(apr_bps), 120_000u128),
			};
			prop_assert!(r.interest * den >= balance * num);
			if r.interest > 0 {
				prop_assert!((r.interest - 1) * den < balance * num);
			}
			balance = r.balance_after;
		}
	}
}

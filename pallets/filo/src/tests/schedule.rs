//! Schedules: both day counts, both amortization kinds, the documents' example to the base unit.

use crate::{schedule::*, Amortization, DayCount, LoanTerms};
use usdai_test_support::units::USD;

fn example() -> LoanTerms {
	LoanTerms {
		principal: 416_500 * USD,
		apr_bps: 1_500,
		periods: 36,
		day_count: DayCount::Act365,
		amortization: Amortization::StraightLine { annual_rate_bps: 3_500 },
	}
}

#[test]
fn the_documents_example_holds_to_the_base_unit() {
	let rows = schedule(&example()).unwrap();
	let first = rows[0];
	// 416,500 × 15% × 30/365 = 5,134.9315068493150684931506…, rounded up.
	assert_eq!(first.interest, 5_134_931_506_849_315_068_494);
	// 416,500 × 35% / 12 = 12,147.91666…, rounded down.
	assert_eq!(first.principal, 12_147_916_666_666_666_666_666);
	assert_eq!(first.balance_after, 404_352_083_333_333_333_333_334);
	// To the cent, as the documents show: 5,134.93 / 12,147.92 / 404,352.08.
	assert_eq!((first.interest + USD / 200) / (USD / 100), 513_493);
	assert_eq!((first.principal + USD / 200) / (USD / 100), 1_214_792);
	assert_eq!((first.balance_after + USD / 200) / (USD / 100), 40_435_208);
	// LTV on 595,000 of hardware: 70% at origination, about 68% after the first period.
	assert_eq!(ratio_bps(416_500 * USD, 595_000 * USD).unwrap(), 7_000);
	assert_eq!(ratio_bps(first.balance_after, 595_000 * USD).unwrap(), 6_796);
}

#[test]
fn straight_line_pays_the_same_principal_until_the_last_period_takes_the_rest() {
	let rows = schedule(&example()).unwrap();
	assert_eq!(rows.len(), 36);
	assert!(rows[..34].iter().all(|r| r.principal == 12_147_916_666_666_666_666_666));
	// 35 × 12,147.92 = 425,177 > 416,500: the balance runs out before the 36th period.
	let last_paying = rows.iter().position(|r| r.balance_after == 0).unwrap();
	assert_eq!(last_paying, 34);
	assert_eq!(rows[34].principal, 416_500 * USD - 34 * 12_147_916_666_666_666_666_666);
	assert!(rows[35..].iter().all(|r| r.principal == 0 && r.interest == 0));
	assert_eq!(rows.iter().map(|r| r.principal).sum::<u128>(), 416_500 * USD);
	// Interest falls with the balance.
	assert!(rows.windows(2).all(|w| w[1].interest <= w[0].interest));
}

#[test]
fn thirty_360_charges_a_twelfth_of_the_apr() {
	let terms = LoanTerms { day_count: DayCount::Thirty360, ..example() };
	let rows = schedule(&terms).unwrap();
	// 416,500 × 15% / 12 = 5,206.25 exactly.
	assert_eq!(rows[0].interest, 5_206_250_000_000_000_000_000);
	assert_eq!(period_interest(1_000 * USD, 1_200, DayCount::Thirty360).unwrap(), 10 * USD);
}

#[test]
fn level_payment_installments_are_constant() {
	// 100,000 at 12% (30/360: 1% a month) over 12 months: 8,884.88 a month.
	let terms = LoanTerms {
		principal: 100_000 * USD,
		apr_bps: 1_200,
		periods: 12,
		day_count: DayCount::Thirty360,
		amortization: Amortization::LevelPayment,
	};
	let rows = schedule(&terms).unwrap();
	let installment = rows[0].interest + rows[0].principal;
	assert_eq!(rows[0].interest, 1_000 * USD);
	assert_eq!(installment / (USD / 100), 888_487);
	assert!(rows[..11].iter().all(|r| r.interest + r.principal == installment));
	// The last installment differs from the others by rounding only.
	let last = rows[11].interest + rows[11].principal;
	assert!(last.abs_diff(installment) < USD / 1_000_000, "{last} vs {installment}");
	assert_eq!(rows[11].balance_after, 0);
	assert_eq!(rows.iter().map(|r| r.principal).sum::<u128>(), 100_000 * USD);
}

#[test]
fn a_zero_rate_level_loan_repays_equal_parts() {
	let terms = LoanTerms {
		principal: 90 * USD + 1,
		apr_bps: 0,
		periods: 3,
		day_count: DayCount::Act365,
		amortization: Amortization::LevelPayment,
	};
	let rows = schedule(&terms).unwrap();
	assert!(rows.iter().all(|r| r.interest == 0));
	assert_eq!(rows[0].principal, 30 * USD + 1);
	assert_eq!(rows.iter().map(|r| r.principal).sum::<u128>(), 90 * USD + 1);
}

#[test]
fn scheduled_balances_follow_the_schedule() {
	let rows = schedule(&example()).unwrap();
	assert_eq!(scheduled_balance_after(&example(), 0).unwrap(), 416_500 * USD);
	assert_eq!(scheduled_balance_after(&example(), 1).unwrap(), rows[0].balance_after);
	assert_eq!(scheduled_balance_after(&example(), 20).unwrap(), rows[19].balance_after);
	assert_eq!(scheduled_balance_after(&example(), 36).unwrap(), 0);
}

//! `post_valuation`: who may post, the median of fresh posts, the step bound, depreciation.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use usdai_primitives::collateral::Collateral;

fn post(appraiser: AccountId, id: ReceiptId, value: u128) {
	assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(appraiser), id, value));
}

fn appraisal(id: ReceiptId) -> Appraisal {
	Receipts::<Test>::get(id).unwrap().appraisal
}

fn view(id: ReceiptId) -> ReceiptView<AccountId> {
	Caliber::receipt_view(id).unwrap()
}

#[test]
fn only_appraisers_post_and_values_must_be_positive() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		for who in [ALICE, CUSTODIAN, APPRAISER_4] {
			assert_noop!(
				Caliber::post_valuation(RuntimeOrigin::signed(who), id, USD),
				Error::<Test>::NotAppraiser
			);
		}
		assert_noop!(
			Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), 7, USD),
			Error::<Test>::UnknownReceipt
		);
	});
}

#[test]
fn one_post_is_not_enough_and_an_appraiser_replaces_its_own_post() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		post(APPRAISER_1, id, 250_000 * USD);
		// Once per period.
		assert_noop!(
			Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), id, 260_000 * USD),
			Error::<Test>::AlreadyPostedThisPeriod
		);
		advance(DAY - 1);
		assert_noop!(
			Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), id, 260_000 * USD),
			Error::<Test>::AlreadyPostedThisPeriod
		);
		advance(1);
		post(APPRAISER_1, id, 260_000 * USD);
		assert_eq!(Valuations::<Test>::get(id).len(), 1);
		assert!(!appraisal(id).confirmed);
		assert_eq!(view(id).ineligibility, Some(Ineligibility::ValuationUnconfirmed));
		caliber_events();
		post(APPRAISER_2, id, 280_000 * USD);
		assert_eq!(
			caliber_events(),
			vec![
				Event::ValuationPosted {
					receipt: id,
					appraiser: APPRAISER_2,
					value: 280_000 * USD
				},
				// Lower median of {260k, 280k}.
				Event::ValueUpdated { receipt: id, median: 260_000 * USD, value: 260_000 * USD },
			]
		);
		assert_eq!(
			appraisal(id),
			Appraisal {
				value: 260_000 * USD,
				at: START + DAY,
				confirmed: true,
				period: PeriodStart { at: START + DAY, value: 260_000 * USD },
			}
		);
		assert_eq!(view(id).ineligibility, None);
	});
}

#[test]
fn the_first_confirmed_value_never_exceeds_the_custodians_appraisal() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		post(APPRAISER_1, id, 900_000 * USD);
		post(APPRAISER_2, id, 900_000 * USD);
		assert_eq!(appraisal(id).value, 300_000 * USD);
	});
}

#[test]
fn the_median_of_an_odd_number_of_posts_ignores_an_outlier() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(200_000 * USD);
		post(APPRAISER_3, id, 1_000 * USD);
		// {200k, 200k, 1k}: the median is 200k, the outlier moves nothing.
		assert_eq!(appraisal(id).value, 200_000 * USD);
		advance(DAY);
		post(APPRAISER_1, id, 210_000 * USD);
		// {210k, 200k, 1k}: median 200k.
		assert_eq!(appraisal(id).value, 200_000 * USD);
		post(APPRAISER_3, id, 205_000 * USD);
		// {210k, 200k, 205k}: median 205k, within the 10% step.
		assert_eq!(appraisal(id).value, 205_000 * USD);
	});
}

#[test]
fn one_period_moves_a_confirmed_value_by_at_most_the_step() {
	ExtBuilder::default().build_and_execute(|| {
		// No depreciation, for round numbers.
		assert_ok!(Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::H100Sxm, Some(0)));
		let id = issue_appraised(300_000 * USD);
		advance(DAY);
		post(APPRAISER_1, id, 600_000 * USD);
		post(APPRAISER_2, id, 600_000 * USD);
		// {300k, 600k} has the lower median 300k: nothing moves. {600k, 600k}: up by at most
		// 10% in this period.
		assert_eq!(appraisal(id).value, 330_000 * USD);
		assert_noop!(
			Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), id, 700_000 * USD),
			Error::<Test>::AlreadyPostedThisPeriod
		);
		caliber_events();
		// The next period starts from 330k.
		advance(DAY);
		post(APPRAISER_1, id, 10_000 * USD);
		// {600k, 10k}: the lower median is 10k; down by at most 10% of 330k.
		assert_eq!(appraisal(id).value, 297_000 * USD);
		post(APPRAISER_2, id, 10_000 * USD);
		post(APPRAISER_3, id, 10_000 * USD);
		assert_eq!(appraisal(id).value, 297_000 * USD);
		// And 10% of 297k in the one after.
		advance(DAY);
		post(APPRAISER_1, id, 10_000 * USD);
		assert_eq!(appraisal(id).value, 267_300 * USD);
		assert_eq!(
			caliber_events()[7],
			Event::ValueUpdated { receipt: id, median: 10_000 * USD, value: 267_300 * USD }
		);
	});
}

#[test]
fn stale_posts_and_removed_appraisers_do_not_count() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		post(APPRAISER_1, id, 250_000 * USD);
		advance(31 * DAY);
		post(APPRAISER_2, id, 250_000 * USD);
		// The first post is older than 30 days: one fresh post is not enough.
		assert!(!appraisal(id).confirmed);
		// The stale post was pruned when the second came.
		assert_eq!(Valuations::<Test>::get(id).len(), 1);

		assert_ok!(Caliber::remove_appraiser(RuntimeOrigin::root(), APPRAISER_2));
		post(APPRAISER_3, id, 240_000 * USD);
		// APPRAISER_2's post no longer counts.
		assert!(!appraisal(id).confirmed);
		post(APPRAISER_1, id, 245_000 * USD);
		assert!(appraisal(id).confirmed);
		assert_eq!(appraisal(id).value, 240_000 * USD);
	});
}

#[test]
fn value_depreciates_on_the_models_straight_line() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		// H100-SXM loses 20% a year: after 73 days (a fifth of a year), 4% of 300k.
		advance(73 * DAY);
		assert_eq!(view(id).current_value, 288_000 * USD);
		// A full year: 240k; five years or more: nothing.
		advance(292 * DAY);
		assert_eq!(view(id).current_value, 240_000 * USD);
		advance(10 * YEAR);
		assert_eq!(view(id).current_value, 0);
	});
}

#[test]
fn models_without_a_rate_use_the_default() {
	ExtBuilder::default().build_and_execute(|| {
		let mut info = h100_batch();
		info.model = GpuModel::A100;
		assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, info));
		advance(YEAR);
		// 15% a year.
		assert_eq!(view(0).current_value, 255_000 * USD);
		// Governance sets A100 to 30%: it applies to the whole elapsed time from the appraisal.
		assert_ok!(Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::A100, Some(3_000)));
		assert_eq!(view(0).current_value, 210_000 * USD);
	});
}

#[test]
fn depreciation_rounds_against_the_holder() {
	ExtBuilder::default().build_and_execute(|| {
		let mut info = h100_batch();
		info.appraisal = 7;
		assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, info));
		// One second of 20% a year on 7 units is a tiny fraction of a unit: it rounds to a loss
		// of one.
		advance(1);
		assert_eq!(view(0).current_value, 6);
	});
}

#[test]
fn a_new_appraisal_starts_from_the_depreciated_value() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(73 * DAY);
		// Depreciated to 288k; the appraisers' median 300k is within 10% of it.
		post(APPRAISER_1, id, 300_000 * USD);
		post(APPRAISER_2, id, 300_000 * USD);
		assert_eq!(
			appraisal(id),
			Appraisal {
				value: 300_000 * USD,
				at: START + 73 * DAY,
				confirmed: true,
				period: PeriodStart { at: START + 73 * DAY, value: 288_000 * USD },
			}
		);
	});
}

#[test]
fn a_stale_valuation_makes_a_receipt_ineligible() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(30 * DAY);
		assert_eq!(view(id).ineligibility, None);
		advance(1);
		assert_eq!(view(id).ineligibility, Some(Ineligibility::ValuationStale));
		// Fresh posts make it eligible again.
		post(APPRAISER_1, id, 280_000 * USD);
		post(APPRAISER_3, id, 280_000 * USD);
		assert_eq!(view(id).ineligibility, None);
	});
}

#[test]
fn collateral_value_is_capped_at_the_insurance_coverage() {
	ExtBuilder::default().build_and_execute(|| {
		let mut info = h100_batch();
		info.insurance.coverage = 100_000 * USD;
		assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, info));
		let v = view(0);
		assert_eq!(v.current_value, 300_000 * USD);
		assert_eq!(v.collateral_value, 100_000 * USD);
		assert_eq!(Caliber::collateral_value(&[0]), Ok(100_000 * USD));
	});
}

/// Posts `value` from `appraiser`, ignoring whether the post is accepted.
fn try_post(appraiser: AccountId, id: ReceiptId, value: u128) {
	let _ = Caliber::post_valuation(RuntimeOrigin::signed(appraiser), id, value);
}

#[test]
fn one_appraiser_posting_many_times_moves_the_value_by_at_most_one_step_per_period() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(DAY);
		let start = view(id).current_value;
		for _ in 0..10 {
			try_post(APPRAISER_1, id, 1);
		}
		// One step of 10% from the value at the period's start, however many posts.
		assert_eq!(appraisal(id).value, start - start / 10);
	});
}

#[test]
fn several_appraisers_in_turn_move_the_value_by_at_most_one_step_per_period() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(DAY);
		let start = view(id).current_value;
		for appraiser in [APPRAISER_1, APPRAISER_2, APPRAISER_3] {
			try_post(appraiser, id, 1);
		}
		// {1, 1, 1}: the median is 1, but the period's band holds the value at 90% of its start.
		assert_eq!(appraisal(id).value, start - start / 10);
		// Upwards too: the same appraisers cannot push it back up past the band either.
		for appraiser in [APPRAISER_1, APPRAISER_2, APPRAISER_3] {
			try_post(appraiser, id, 10_000_000 * USD);
		}
		assert!(appraisal(id).value <= start + start / 10);
	});
}

#[test]
fn posts_at_a_period_boundary_move_the_value_by_at_most_two_steps() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(DAY);
		let start = view(id).current_value;
		try_post(APPRAISER_1, id, 1);
		// The last second of the period, the first of the next, and one more after it.
		advance(DAY - 1);
		try_post(APPRAISER_2, id, 1);
		advance(1);
		try_post(APPRAISER_3, id, 1);
		advance(1);
		try_post(APPRAISER_1, id, 1);
		// Two periods touched, two steps at most: 81% of the start (less two days' wear).
		assert!(appraisal(id).value >= start / 100 * 80, "{}", appraisal(id).value);
	});
}

#[test]
fn depreciation_within_a_period_never_widens_the_band() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(DAY);
		let start = view(id).current_value;
		for _ in 0..5 {
			try_post(APPRAISER_1, id, 10_000_000 * USD);
			try_post(APPRAISER_2, id, 10_000_000 * USD);
		}
		assert_eq!(appraisal(id).value, start + start / 10);
		// Half a period later the band has worn with the value: a third appraiser's post cannot
		// lift the value above 110% of the start's worn value.
		advance(DAY / 2);
		let worn_start = crate::valuation::depreciate(start, H100_RATE, DAY / 2).unwrap();
		try_post(APPRAISER_3, id, 10_000_000 * USD);
		// (Two units of slack: the value and the band each round their own wear.)
		assert!(appraisal(id).value <= worn_start + worn_start / 10 + 2);
	});
}

#[test]
fn the_first_confirmed_value_starts_a_period() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		post(APPRAISER_1, id, 100_000 * USD);
		post(APPRAISER_2, id, 250_000 * USD);
		// The lower median of {100k, 250k}, below the custodian's 300k.
		assert_eq!(appraisal(id).value, 100_000 * USD);
		// {100k, 250k, 300k}: the median is 250k, but this period moves 10% from 100k at most.
		post(APPRAISER_3, id, 300_000 * USD);
		assert_eq!(appraisal(id).value, 110_000 * USD);
		assert_eq!(appraisal(id).period, PeriodStart { at: START, value: 100_000 * USD });
	});
}

#[test]
fn the_once_a_period_limit_is_per_receipt() {
	ExtBuilder::default().build_and_execute(|| {
		let (a, b) = (issue(), issue());
		post(APPRAISER_1, a, 250_000 * USD);
		post(APPRAISER_1, b, 250_000 * USD);
		assert_noop!(
			Caliber::post_valuation(RuntimeOrigin::signed(APPRAISER_1), a, 250_000 * USD),
			Error::<Test>::AlreadyPostedThisPeriod
		);
	});
}

#[test]
fn a_period_starts_only_when_the_last_has_run_its_length() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::H100Sxm, Some(0)));
		let id = issue_appraised(300_000 * USD);
		// A post that moves nothing leaves the period where it began.
		advance(DAY - 1);
		post(APPRAISER_3, id, 10_000 * USD);
		assert_eq!(appraisal(id).value, 300_000 * USD);
		assert_eq!(appraisal(id).period, PeriodStart { at: START, value: 300_000 * USD });
		// A second later a new period starts from 300k: one step down.
		advance(1);
		post(APPRAISER_1, id, 10_000 * USD);
		post(APPRAISER_2, id, 10_000 * USD);
		assert_eq!(appraisal(id).value, 270_000 * USD);
		assert_eq!(appraisal(id).period, PeriodStart { at: START + DAY, value: 300_000 * USD });
		// Its last second: the band still holds.
		advance(DAY - 1);
		post(APPRAISER_3, id, 10_000 * USD);
		assert_eq!(appraisal(id).value, 270_000 * USD);
		// The next period starts from 270k.
		advance(1);
		post(APPRAISER_1, id, 10_000 * USD);
		assert_eq!(appraisal(id).value, 243_000 * USD);
		assert_eq!(appraisal(id).period, PeriodStart { at: START + 2 * DAY, value: 270_000 * USD });
	});
}

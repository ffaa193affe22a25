//! Repayment: on time, early, in full, late; the interest split.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

/// Interest and principal of the documents' loan's first installment.
const I1: Balance = 5_134_931_506_849_315_068_494;
const P1: Balance = 12_147_916_666_666_666_666_666;

fn documents_loan() -> (StackId, LoanId) {
	let s = stack(50_000);
	let id = loan(s, 595_000, 416_500 * USD, 1_500, 36);
	filo_events();
	(s, id)
}

#[test]
fn an_installment_paid_on_its_due_date_is_split_between_curator_and_vault() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = documents_loan();
		run_to(1 + PERIOD);
		let curator = usdai_of(&CURATOR);
		let borrower = usdai_of(&BORROWER);
		let idle = Usdai::nav().idle;
		System::reset_events();
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, I1 + P1));
		let fee = I1 * 500 / 10_000;
		let split = System::events()
			.into_iter()
			.find_map(|r| match r.event {
				RuntimeEvent::Usdai(pallet_usdai::Event::InterestReceived { split, .. }) => {
					Some(split)
				},
				_ => None,
			})
			.unwrap();
		// The vault received the interest less the curator's fee, and split it.
		assert_eq!(split.protocol_fee + split.insurance + split.to_vault, I1 - fee);
		assert_eq!(
			filo_events(),
			vec![Event::Repaid {
				loan: id,
				late_fees: 0,
				interest: I1,
				curator_fee: fee,
				principal: P1,
				balance: 416_500 * USD - P1,
			}]
		);
		assert_eq!(usdai_of(&BORROWER), borrower - I1 - P1);
		assert_eq!(usdai_of(&CURATOR), curator + fee);
		// Principal is back in the vault's liquidity (it funds redemptions); the vault's share
		// of interest vests, less the protocol fee and the insurance cut.
		assert_eq!(Usdai::nav().idle, idle + P1 + split.to_vault);
		let loan = Loans::<Test>::get(id).unwrap();
		assert_eq!(loan.overdue_since, None);
		assert_eq!(loan.interest_paid, I1);
		assert_eq!(Stacks::<Test>::get(s).unwrap().outstanding, 416_500 * USD - P1);
		// Nothing is due until the next due date.
		assert_eq!(Filo::loan_view(id).unwrap().due_now, 0);
		assert_eq!(Filo::loan_view(id).unwrap().next_due, Some(1 + 2 * PERIOD));
	});
}

#[test]
fn interest_raises_the_share_price_once_vested() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = documents_loan();
		let before = Usdai::share_prices().redemption;
		run_to(1 + PERIOD);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, I1 + P1));
		run_to(1 + PERIOD + 20);
		assert!(Usdai::share_prices().redemption > before);
	});
}

#[test]
fn a_prepayment_reduces_later_principal() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = documents_loan();
		run_to(100);
		// Nothing is due yet: all of it prepays principal.
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, 2 * P1));
		assert_eq!(Loans::<Test>::get(id).unwrap().balance, 416_500 * USD - 2 * P1);
		run_to(1 + PERIOD);
		// At the first due date only the interest is due: the schedule's principal is paid.
		let view = Filo::loan_view(id).unwrap();
		assert_eq!(view.due_now, I1);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, I1));
		// The second period's interest is on the reduced balance; at its due date no principal
		// is due either (two installments were prepaid).
		run_to(1 + 2 * PERIOD);
		let loan = Filo::loan_view(id).unwrap().loan;
		assert_eq!(
			loan.current_interest,
			schedule::period_interest(416_500 * USD - 2 * P1, 1_500, DayCount::Act365).unwrap()
		);
		assert_eq!(Filo::loan_view(id).unwrap().due_now, loan.current_interest);
	});
}

#[test]
fn paying_off_early_closes_the_loan_and_frees_the_receipts() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = documents_loan();
		run_to(100);
		let borrower = usdai_of(&BORROWER);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, 10_000_000 * USD));
		// Only what was owed is taken: the balance and the running period's interest.
		assert_eq!(usdai_of(&BORROWER), borrower - 416_500 * USD - I1);
		let events = filo_events();
		assert!(events.contains(&Event::LoanClosed { loan: id }));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Repaid);
		let r = Filo::loan_view(id).unwrap();
		assert!(r.receipts.is_empty());
		let stack = Stacks::<Test>::get(s).unwrap();
		assert_eq!((stack.outstanding, stack.live_loans), (0, 0));
		assert_eq!(Usdai::nav().principal, 0);
		assert_eq!(Usdai::nav().accrued_interest, 0);
		// The receipt moves again.
		let collection = pallet_caliber::Collection::<Test>::get().unwrap();
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(BORROWER), collection, 0, ANYONE));
		assert_noop!(
			Filo::repay(RuntimeOrigin::signed(BORROWER), id, USD),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn a_late_installment_pays_a_penalty_first() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = documents_loan();
		// Ten days late.
		run_to(1 + PERIOD + 10 * DAY);
		let due = I1 + P1;
		// 5% a year on the overdue installment and the loan's 15% on its overdue interest, for
		// 10 of 365 days, each rounded up.
		let fee = late_fee(due, 500, 100) + late_fee(I1, 1_500, 100);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, fee + due));
		let events = filo_events();
		assert!(matches!(
			events[0],
			Event::Repaid { late_fees, interest, principal, .. }
				if late_fees == fee && interest == I1 && principal == P1
		));
		let loan = Loans::<Test>::get(id).unwrap();
		assert_eq!((loan.late_fees, loan.overdue_since), (0, None));
	});
}

#[test]
fn a_partial_payment_goes_to_late_fees_then_interest_and_keeps_the_loan_late() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = documents_loan();
		run_to(1 + PERIOD + 10 * DAY);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, I1));
		let loan = Loans::<Test>::get(id).unwrap();
		// The late fee was paid first, so part of the interest is still due.
		assert!(loan.interest_paid < I1);
		assert_eq!(loan.balance, 416_500 * USD);
		assert_eq!(loan.overdue_since, Some(1 + PERIOD));
	});
}

#[test]
fn bad_repayments_fail_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = documents_loan();
		assert_noop!(
			Filo::repay(RuntimeOrigin::signed(BORROWER), id, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Filo::repay(RuntimeOrigin::signed(BORROWER), 9, USD),
			Error::<Test>::UnknownLoan
		);
		// A payer without the USDai.
		assert!(Filo::repay(RuntimeOrigin::signed(ANYONE), id, USD).is_err());
		assert_eq!(Loans::<Test>::get(id).unwrap().balance, 416_500 * USD);
	});
}

#[test]
fn without_a_penalty_rate_lateness_costs_the_loans_own_rate() {
	ExtBuilder::default().with_params(|c| c.penalty_apr_bps = 0).build_and_execute(|| {
		let (_, id) = documents_loan();
		run_to(1 + PERIOD + 10 * DAY);
		// The overdue interest still earns 15% (the principal earns it in the next period).
		let due = I1 + P1 + late_fee(I1, 1_500, 100);
		assert_eq!(Filo::loan_view(id).unwrap().due_now, due);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, due));
		assert_eq!(Loans::<Test>::get(id).unwrap().overdue_since, None);
	});
}

/// `rate_bps` a year on `amount` for `blocks` blocks of a 365-day year, rounded up.
fn late_fee(amount: Balance, rate_bps: u128, blocks: u128) -> Balance {
	(amount * rate_bps * blocks).div_ceil(10_000 * 365 * DAY as u128)
}

#[test]
fn overdue_interest_accrues_the_loans_rate_plus_the_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = documents_loan();
		run_to(1 + PERIOD + 10 * DAY);
		// Before, only the 5% penalty ran: 23.68 instead of 44.78 for ten days.
		let late = Filo::loan_view(id).unwrap().loan.late_fees;
		assert_eq!(late, late_fee(I1 + P1, 500, 100) + late_fee(I1, 1_500, 100));
		// Overdue principal earns the rate through the next period's interest, fixed on the
		// whole balance; with the penalty that is its rate plus the penalty too.
		let next = Filo::loan_view(id).unwrap().loan.current_interest;
		assert_eq!(
			next,
			schedule::period_interest(416_500 * USD, 1_500, DayCount::Act365).unwrap()
		);
	});
}

#[test]
fn an_unpaid_balance_past_maturity_keeps_accruing_its_rate_plus_the_penalty() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		// One period: everything falls due at block 1 + PERIOD.
		let id = loan(s, 595_000, 416_500 * USD, 1_500, 1);
		run_to(1 + PERIOD + 365 * DAY);
		let owed = 416_500 * USD + I1;
		let late = Filo::loan_view(id).unwrap().loan.late_fees;
		// A year past maturity: 5% + 15% of everything unpaid (before: 5% only, 21,081.75).
		assert_eq!(late, late_fee(owed, 500, 3_650) + late_fee(owed, 1_500, 3_650));
		assert!(late >= owed / 5);
	});
}

#[test]
fn the_rate_and_the_penalty_keep_running_through_default_cure_and_auction() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		let id = loan(s, 595_000, 416_500 * USD, 1_500, 1);
		let matured = 1 + PERIOD;
		let owed = 416_500 * USD + I1;
		let at_least = |blocks: u64| owed * 2_000 * u128::from(blocks) / (10_000 * 3_650);
		run_to(matured + 30 * DAY + 1);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		// In the cure window.
		run_to(matured + 40 * DAY);
		assert!(Filo::loan_view(id).unwrap().loan.late_fees >= at_least(400));
		// At auction, several rounds on.
		run_to(matured + 100 * DAY);
		let view = Filo::loan_view(id).unwrap();
		assert_eq!(view.loan.status, LoanStatus::Auction);
		assert!(view.loan.late_fees >= at_least(1_000));
		assert!(view.payoff >= owed + at_least(1_000));
	});
}

#[test]
fn thirty_360_loans_accrue_their_rate_on_a_360_day_year() {
	ExtBuilder::default().build_and_execute(|| {
		let s = NextStackId::<Test>::get();
		assert_ok!(Filo::open_stack(
			RuntimeOrigin::signed(CURATOR),
			50_000 * USD,
			StackTerms { day_count: DayCount::Thirty360, ..terms() }
		));
		assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), s, Some(10_000_000 * USD)));
		let id = loan(s, 595_000, 360_000 * USD, 1_200, 1);
		// 360,000 at 12% / 12: 3,600 of interest due with the principal.
		let owed = 363_600 * USD;
		run_to(1 + PERIOD + 36 * DAY);
		let late = Filo::loan_view(id).unwrap().loan.late_fees;
		// 12% for 36 of 360 days is 1.2%; the penalty counts 36 of 365.
		assert_eq!(late, late_fee(owed, 500, 360) + owed * 120 / 10_000);
	});
}

/// `repay` is charged for a loan of `MaxPeriods` periods closing with `MaxReceiptsPerLoan`
/// receipts, and refunded to what it did: the loan's periods, and the receipts it frees.
#[test]
fn a_usual_repay_is_refunded_to_far_less_than_its_worst_case() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		use frame_support::traits::Get;
		let worst = <() as WeightInfo>::repay(
			<Test as Config>::MaxPeriods::get(),
			<Test as Config>::MaxReceiptsPerLoan::get(),
		);
		assert_eq!(worst, <() as WeightInfo>::repay(120, 16));
		let (_, id) = documents_loan();
		run_to(1 + PERIOD);
		let info = Filo::repay(RuntimeOrigin::signed(BORROWER), id, I1 + P1).unwrap();
		let refund = info.actual_weight.unwrap();
		assert_eq!(refund, <() as WeightInfo>::repay(36, 0));
		// The periods and receipts it did not use: about half of the worst case's time, most of
		// the rest the storage every payment writes.
		assert!(
			refund.ref_time() * 100 < worst.ref_time() * 55,
			"an installment is refunded to {refund:?}, the worst case is {worst:?}"
		);
		// The payoff frees the loan's one receipt.
		let payoff = Filo::loan_view(id).unwrap().payoff;
		let info = Filo::repay(RuntimeOrigin::signed(BORROWER), id, payoff).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::repay(36, 1)));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Repaid);
	});
}

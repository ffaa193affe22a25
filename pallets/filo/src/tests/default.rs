//! Default, impairment and cure.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

/// The documents' loan, never paid: due date 1 at block 301, late from then.
pub fn unpaid_loan() -> (StackId, LoanId) {
	let s = stack(50_000);
	let id = loan(s, 595_000, 416_500 * USD, 1_500, 36);
	filo_events();
	(s, id)
}

/// First block the loan may be declared in default: past the 30-day grace period.
pub const DEFAULTABLE: u64 = 1 + PERIOD + 30 * DAY + 1;

#[test]
fn a_loan_is_defaultable_only_after_the_grace_period() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = unpaid_loan();
		run_to(DEFAULTABLE - 1);
		assert_noop!(
			Filo::declare_default(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NotLate
		);
		run_to(DEFAULTABLE);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		assert_noop!(
			Filo::declare_default(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn a_loan_paid_on_time_cannot_be_defaulted() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = unpaid_loan();
		run_to(1 + PERIOD);
		let due = Filo::loan_view(id).unwrap().due_now;
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, due));
		run_to(DEFAULTABLE);
		assert_noop!(
			Filo::declare_default(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NotLate
		);
	});
}

#[test]
fn default_impairs_the_loan_in_the_vault_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = unpaid_loan();
		run_to(DEFAULTABLE);
		let prices = Usdai::share_prices();
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(
			filo_events(),
			vec![Event::Defaulted {
				loan: id,
				impaired: 416_500 * USD,
				cure_deadline: DEFAULTABLE + 14 * DAY
			}]
		);
		let nav = Usdai::nav();
		assert_eq!(nav.impaired, 416_500 * USD);
		assert_eq!(nav.accrued_interest, 0);
		// Both prices fall before anyone can redeem at the old one.
		let after = Usdai::share_prices();
		assert!(after.redemption < prices.redemption);
		assert!(after.deposit < prices.deposit);
		assert_eq!(Stacks::<Test>::get(s).unwrap().in_default, 1);
		// Repayments stop; the cure is the way back.
		assert_noop!(
			Filo::repay(RuntimeOrigin::signed(BORROWER), id, USD),
			Error::<Test>::NotActive
		);
		// First-loss stays while a loan of the stack is in default.
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD),
			Error::<Test>::StackInDefault
		);
	});
}

#[test]
fn the_borrower_cures_by_paying_everything_due_and_the_impairment_is_reversed() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = unpaid_loan();
		run_to(DEFAULTABLE);
		let prices = Usdai::share_prices();
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		run_to(DEFAULTABLE + 5 * DAY);
		assert_noop!(Filo::cure(RuntimeOrigin::signed(ANYONE), id), Error::<Test>::NotBorrower);
		let owed = Filo::loan_view(id).unwrap().due_now;
		let before = usdai_of(&BORROWER);
		assert_ok!(Filo::cure(RuntimeOrigin::signed(BORROWER), id));
		assert_eq!(usdai_of(&BORROWER), before - owed);
		assert!(filo_events().contains(&Event::Cured { loan: id, paid: owed }));
		let loan = Loans::<Test>::get(id).unwrap();
		assert_eq!((loan.status, loan.overdue_since), (LoanStatus::Active, None));
		// Two installments' principal was due by the second due date.
		assert_eq!(loan.balance, 416_500 * USD - 2 * 12_147_916_666_666_666_666_666);
		assert_eq!(Usdai::nav().impaired, 0);
		// The reversal vests back into the redemption price (pallet-usdai: no price jump).
		run_to(System::block_number() + pallet_usdai::VestingPeriod::<Test>::get());
		assert!(Usdai::share_prices().redemption >= prices.redemption);
		assert_eq!(Stacks::<Test>::get(s).unwrap().in_default, 0);
		assert!(Deadlines::<Test>::get().is_empty());
		assert_noop!(Filo::cure(RuntimeOrigin::signed(BORROWER), id), Error::<Test>::NotDefaulted);
	});
}

#[test]
fn the_cure_window_closes() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = unpaid_loan();
		run_to(DEFAULTABLE);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		// Past the window without the hook having run yet.
		System::set_block_number(DEFAULTABLE + 14 * DAY + 1);
		assert_noop!(
			Filo::cure(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::CureWindowClosed
		);
	});
}

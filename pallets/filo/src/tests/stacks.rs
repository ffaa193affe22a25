//! Curators, parameters and stacks: opening, first-loss in and out, caps, `StackInspect`.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn a_curator_opens_a_stack_with_first_loss_held_in_its_account() {
	ExtBuilder::default().build_and_execute(|| {
		let before = usdai_of(&CURATOR);
		let id = stack(50_000);
		assert_eq!(usdai_of(&CURATOR), before - 50_000 * USD);
		assert_eq!(usdai_of(&Filo::stack_account(id)), 50_000 * USD);
		let s = Stacks::<Test>::get(id).unwrap();
		assert_eq!(
			(s.curator, s.first_loss, s.outstanding, s.live_loans),
			(CURATOR, 50_000 * USD, 0, 0)
		);
		assert!(filo_events().contains(&Event::StackOpened {
			stack: id,
			curator: CURATOR,
			first_loss: 50_000 * USD
		}));
	});
}

#[test]
fn only_curators_open_stacks_and_terms_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(BORROWER), USD, terms()),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(CURATOR), 0, terms()),
			Error::<Test>::ZeroAmount
		);
		let bad = [
			StackTerms { max_ltv_bps: 7_001, ..terms() },
			StackTerms { max_ltv_bps: 0, ..terms() },
			StackTerms { min_apr_bps: 2_001, ..terms() },
			StackTerms { curator_fee_bps: 299, ..terms() },
			StackTerms { curator_fee_bps: 1_001, ..terms() },
			StackTerms { max_loans: 0, ..terms() },
			StackTerms {
				amortization: Amortization::StraightLine { annual_rate_bps: 0 },
				..terms()
			},
		];
		for t in bad {
			assert_noop!(
				Filo::open_stack(RuntimeOrigin::signed(CURATOR), USD, t),
				Error::<Test>::InvalidTerms
			);
		}
		// A curator without the USDai opens nothing.
		assert!(Filo::open_stack(RuntimeOrigin::signed(CURATOR), 2_000_000 * USD, terms()).is_err());
		assert_eq!(NextStackId::<Test>::get(), 0);
	});
}

#[test]
fn governance_registers_curators_and_sets_params_and_caps() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Filo::register_curator(RuntimeOrigin::signed(ANYONE), ANYONE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Filo::register_curator(RuntimeOrigin::root(), CURATOR),
			Error::<Test>::CuratorExists
		);
		assert_ok!(Filo::register_curator(RuntimeOrigin::root(), ANYONE));
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), ANYONE));
		assert_noop!(
			Filo::remove_curator(RuntimeOrigin::root(), ANYONE),
			Error::<Test>::NotCurator
		);

		for bad in [
			FiloParams { max_ltv_bps: 0, ..params() },
			FiloParams { max_ltv_bps: 10_001, ..params() },
			FiloParams { min_curator_fee_bps: 1_001, ..params() },
			FiloParams { period_blocks: 0, ..params() },
			FiloParams { auction_blocks: 0, ..params() },
			FiloParams { reserve_bps: 10_001, ..params() },
		] {
			assert_noop!(
				Filo::set_params(RuntimeOrigin::root(), bad),
				Error::<Test>::InvalidParams
			);
		}
		assert_ok!(Filo::set_params(
			RuntimeOrigin::root(),
			FiloParams { max_ltv_bps: 6_000, ..params() }
		));
		// The stricter bound applies to new stacks.
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(CURATOR), USD, terms()),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Filo::set_stack_cap(RuntimeOrigin::root(), 9, Some(USD)),
			Error::<Test>::UnknownStack
		);
	});
}

#[test]
fn first_loss_is_added_and_withdrawn_by_the_curator_down_to_the_required_share() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		assert_noop!(
			Filo::add_first_loss(RuntimeOrigin::signed(CURATOR_2), s, USD),
			Error::<Test>::NotStackCurator
		);
		assert_noop!(
			Filo::add_first_loss(RuntimeOrigin::signed(CURATOR), s, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(Filo::add_first_loss(RuntimeOrigin::signed(CURATOR), s, 10_000 * USD));
		assert_eq!(Stacks::<Test>::get(s).unwrap().first_loss, 60_000 * USD);

		// A 416,500 loan needs 41,650 of first-loss (10%).
		loan(s, 595_000, 416_500 * USD, 1_500, 36);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 18_351 * USD),
			Error::<Test>::FirstLossTooLow
		);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 60_001 * USD),
			Error::<Test>::FirstLossTooLow
		);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR_2), s, USD),
			Error::<Test>::NotStackCurator
		);
		let before = usdai_of(&CURATOR);
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 18_350 * USD));
		assert_eq!(usdai_of(&CURATOR), before + 18_350 * USD);
		assert_eq!(Stacks::<Test>::get(s).unwrap().first_loss, 41_650 * USD);
	});
}

#[test]
fn first_loss_cannot_be_withdrawn_while_a_loan_is_overdue() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(60_000);
		let id = loan(s, 595_000, 416_500 * USD, 1_500, 36);
		// 18,350 is spare above the 41,650 the loan requires.
		run_to(PERIOD);
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD));
		// The first installment falls due unpaid: in its due block, then through the grace
		// period, although nobody has touched the loan since.
		for at in [1 + PERIOD, 1 + PERIOD + 1, 1 + PERIOD + 29 * DAY] {
			run_to(at);
			assert_noop!(
				Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD),
				Error::<Test>::LoanOverdue
			);
		}
		// Once it is paid, the spare first-loss is free again.
		let due = Filo::loan_view(id).unwrap().due_now;
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, due));
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD));
		// A partial payment leaves it overdue.
		run_to(1 + 2 * PERIOD + 1);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, USD));
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD),
			Error::<Test>::LoanOverdue
		);
	});
}

#[test]
fn one_overdue_loan_locks_the_whole_stacks_first_loss() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(200_000);
		let current = loan(s, 595_000, 416_500 * USD, 1_500, 36);
		run_to(50);
		let late = loan(s, 200_000, 100_000 * USD, 1_500, 36);
		// The first loan is paid on its due date; the second's falls due unpaid 49 blocks later.
		run_to(1 + PERIOD);
		let due = Filo::loan_view(current).unwrap().due_now;
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), current, due));
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD));
		run_to(50 + PERIOD + 1);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD),
			Error::<Test>::LoanOverdue
		);
		// In default, and while at auction, the stack is locked as before.
		run_to(50 + PERIOD + 30 * DAY + 1);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), late));
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD),
			Error::<Test>::StackInDefault
		);
	});
}

#[test]
fn a_zero_rate_loan_prepaid_ahead_locks_first_loss_only_until_it_is_brought_up_to_date() {
	ExtBuilder::default().build_and_execute(|| {
		let s = NextStackId::<Test>::get();
		assert_ok!(Filo::open_stack(
			RuntimeOrigin::signed(CURATOR),
			50_000 * USD,
			StackTerms { min_apr_bps: 0, ..terms() }
		));
		assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), s, Some(10_000_000 * USD)));
		let id = loan(s, 595_000, 120_000 * USD, 0, 12);
		// Three installments' principal (3,500 each) prepaid: nothing falls due at the next due dates.
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, 10_500 * USD));
		run_to(1 + PERIOD);
		// A due date passed since the loan was last brought up to date: it may be overdue, and
		// the one read `withdraw_first_loss` makes cannot tell.
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD),
			Error::<Test>::LoanOverdue
		);
		// Any repayment brings it up to date (here a unit of principal): nothing was due.
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BIDDER), id, 1));
		assert_eq!(Loans::<Test>::get(id).unwrap().overdue_since, None);
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, USD));
	});
}

#[test]
fn each_active_loan_is_watched_from_its_next_due_date_or_when_it_became_late() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(100_000);
		let a = loan(s, 595_000, 100_000 * USD, 1_500, 36);
		run_to(20);
		let b = loan(s, 595_000, 100_000 * USD, 1_500, 36);
		let dates = || -> Vec<(u64, LoanId)> {
			StackDueDates::<Test>::iter_key_prefix(s)
				.map(|k| (Filo::due_key_date(&k), u64::from_be_bytes(k[8..].try_into().unwrap())))
				.collect()
		};
		// Earliest first, whatever the loan ids.
		assert_eq!(dates(), vec![(1 + PERIOD, a), (20 + PERIOD, b)]);
		// Loan a is paid on its due date: it is watched from the next one.
		run_to(1 + PERIOD);
		let due = Filo::loan_view(a).unwrap().due_now;
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), a, due));
		assert_eq!(dates(), vec![(20 + PERIOD, b), (1 + 2 * PERIOD, a)]);
		// Loan b is late and touched: watched from the due date it became late at.
		run_to(20 + PERIOD + 5);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), b, USD));
		assert_eq!(dates(), vec![(20 + PERIOD, b), (1 + 2 * PERIOD, a)]);
		// In default it is counted apart (`in_default`); repaid, a is gone.
		run_to(20 + PERIOD + 30 * DAY + 1);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), b));
		assert_eq!(dates(), vec![(1 + 2 * PERIOD, a)]);
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), a, 1_000_000 * USD));
		assert!(dates().is_empty());
	});
}

#[test]
fn a_removed_curators_stack_is_closed_to_votes_and_bribes() {
	use usdai_primitives::capacity::StackInspect;
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		let id = loan(s, 595_000, 100_000 * USD, 1_500, 36);
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), CURATOR));
		// It can never lend again, so gauge weight and bribes would be wasted on it.
		assert!(!<Filo as StackInspect>::stack_exists(s));
		// Its live loans run on: the borrower repays and the curator still earns its fee.
		run_to(1 + PERIOD);
		let curator = usdai_of(&CURATOR);
		let due = Filo::loan_view(id).unwrap().due_now;
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, due));
		assert!(usdai_of(&CURATOR) > curator);
		// It may still add first-loss, which only protects the vault.
		assert_ok!(Filo::add_first_loss(RuntimeOrigin::signed(CURATOR), s, USD));
		assert_ok!(Filo::register_curator(RuntimeOrigin::root(), CURATOR));
		assert!(<Filo as StackInspect>::stack_exists(s));
	});
}

#[test]
fn reserve_steps_and_floors_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		for bad in [
			FiloParams { reserve_step_bps: 10_001, ..params() },
			FiloParams { reserve_floor_bps: 5_001, ..params() },
		] {
			assert_noop!(
				Filo::set_params(RuntimeOrigin::root(), bad),
				Error::<Test>::InvalidParams
			);
		}
	});
}

#[test]
fn gauges_see_exactly_the_opened_stacks() {
	use usdai_primitives::capacity::StackInspect;
	ExtBuilder::default().build_and_execute(|| {
		assert!(!<Filo as StackInspect>::stack_exists(0));
		let id = stack(50_000);
		assert_eq!(id, 0);
		assert!(<Filo as StackInspect>::stack_exists(id));
		assert!(!<Filo as StackInspect>::stack_exists(id + 1));
		assert!(!<Filo as StackInspect>::stack_exists(StackId::MAX));
	});
}

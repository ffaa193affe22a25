//! Proposal and acceptance: every check of origination.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};

fn receipts(ids: &[ReceiptId]) -> BoundedVec<ReceiptId, TestMaxReceipts> {
	ids.to_vec().try_into().unwrap()
}

fn propose(s: StackId, r: ReceiptId, principal: Balance) -> LoanId {
	let id = NextLoanId::<Test>::get();
	assert_ok!(Filo::propose_loan(
		RuntimeOrigin::signed(CURATOR),
		s,
		BORROWER,
		receipts(&[r]),
		principal,
		1_500,
		36
	));
	id
}

#[test]
fn the_documents_loan_is_originated_at_70_percent_ltv() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		let r = receipt(595_000 * USD);
		let id = propose(s, r, 416_500 * USD);
		let before = usdai_of(&BORROWER);
		let nav = Usdai::nav();
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id));

		assert_eq!(usdai_of(&BORROWER), before + 416_500 * USD);
		assert_eq!(Usdai::nav().principal, nav.principal + 416_500 * USD);
		assert_eq!(Usdai::nav().idle, nav.idle - 416_500 * USD);
		let loan = Loans::<Test>::get(id).unwrap();
		assert_eq!(loan.status, LoanStatus::Active);
		assert_eq!(loan.balance, 416_500 * USD);
		// The first period started: its interest (less the curator's 5%) counts as accrued.
		assert_eq!(loan.current_interest, 5_134_931_506_849_315_068_494);
		assert_eq!(Usdai::nav().accrued_interest, loan.vault_accrued);
		assert_eq!(
			pallet_caliber::Receipts::<Test>::get(r).unwrap().status,
			pallet_caliber::ReceiptStatus::Pledged { loan: id }
		);
		let stack = Stacks::<Test>::get(s).unwrap();
		assert_eq!((stack.outstanding, stack.live_loans), (416_500 * USD, 1));
		assert!(filo_events().contains(&Event::LoanAccepted {
			loan: id,
			borrower: BORROWER,
			principal: 416_500 * USD,
			collateral_value: 595_000 * USD
		}));
		let view = Filo::loan_view(id).unwrap();
		assert_eq!(view.schedule[0].principal, 12_147_916_666_666_666_666_666);
		assert_eq!(view.next_due, Some(1 + PERIOD));
		assert_eq!(view.due_now, 0);
	});
}

#[test]
fn principal_above_the_ltv_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		let r = receipt(595_000 * USD);
		let id = propose(s, r, 416_500 * USD + 1);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::LtvExceeded
		);
	});
}

#[test]
fn ineligible_or_foreign_receipts_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		// Issued but not appraised.
		let info = pallet_caliber::Receipts::<Test>::get(receipt(USD)).unwrap().info;
		let unappraised = pallet_caliber::NextReceiptId::<Test>::get();
		assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), BORROWER, info));
		let id = propose(s, unappraised, USD / 2);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			pallet_caliber::Error::<Test>::ValuationUnconfirmed
		);
		// The borrower sold the receipt after the proposal.
		let r = receipt(100_000 * USD);
		let id = propose(s, r, 50_000 * USD);
		let collection = pallet_caliber::Collection::<Test>::get().unwrap();
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(BORROWER), collection, r, ANYONE));
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			pallet_caliber::Error::<Test>::NotOwner
		);
	});
}

#[test]
fn first_loss_capacity_and_loan_count_bound_origination() {
	ExtBuilder::default().build_and_execute(|| {
		// 40,000 of first-loss covers at most 400,000 of loans at 10%.
		let s = stack(40_000);
		let id = propose(s, receipt(595_000 * USD), 400_001 * USD);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::InsufficientFirstLoss
		);
		// A cap of 300,000 bounds the stack.
		assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), s, Some(300_000 * USD)));
		let id = propose(s, receipt(595_000 * USD), 300_001 * USD);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::CapacityExceeded
		);
		// Without a cap (no gauge, no governance cap) a stack lends nothing.
		assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), s, None));
		let id = propose(s, receipt(595_000 * USD), USD);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::CapacityExceeded
		);
		// At most `max_loans` (3) live loans.
		assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), s, Some(10_000_000 * USD)));
		for _ in 0..3 {
			loan(s, 1_000, 100 * USD, 1_500, 12);
		}
		let id = propose(s, receipt(1_000 * USD), 100 * USD);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::TooManyLoans
		);
	});
}

#[test]
fn proposals_are_checked_and_only_the_borrower_accepts_in_time() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		let r = receipt(595_000 * USD);
		let p = |who, apr, periods, rs: &[ReceiptId], principal| {
			Filo::propose_loan(
				RuntimeOrigin::signed(who),
				s,
				BORROWER,
				receipts(rs),
				principal,
				apr,
				periods,
			)
		};
		assert_noop!(p(CURATOR_2, 1_500, 36, &[r], USD), Error::<Test>::NotStackCurator);
		assert_noop!(p(CURATOR, 999, 36, &[r], USD), Error::<Test>::AprOutOfRange);
		assert_noop!(p(CURATOR, 2_001, 36, &[r], USD), Error::<Test>::AprOutOfRange);
		assert_noop!(p(CURATOR, 1_500, 0, &[r], USD), Error::<Test>::InvalidPeriods);
		assert_noop!(p(CURATOR, 1_500, 121, &[r], USD), Error::<Test>::InvalidPeriods);
		assert_noop!(p(CURATOR, 1_500, 36, &[], USD), Error::<Test>::InvalidReceipts);
		assert_noop!(p(CURATOR, 1_500, 36, &[r], 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Filo::propose_loan(
				RuntimeOrigin::signed(CURATOR),
				9,
				BORROWER,
				receipts(&[r]),
				USD,
				1_500,
				36
			),
			Error::<Test>::UnknownStack
		);

		let id = propose(s, r, 100_000 * USD);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NotBorrower
		);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), 99),
			Error::<Test>::UnknownLoan
		);
		run_to(1 + 7 * DAY + 1);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::ProposalExpired
		);
		// Anyone clears an expired proposal.
		assert_ok!(Filo::cancel_proposal(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Cancelled);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::NotProposed
		);

		// Before expiry only the curator withdraws it.
		let id = propose(s, r, 100_000 * USD);
		assert_noop!(
			Filo::cancel_proposal(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NotStackCurator
		);
		assert_ok!(Filo::cancel_proposal(RuntimeOrigin::signed(CURATOR), id));
	});
}

#[test]
fn a_removed_curators_proposal_cannot_be_accepted_and_anyone_may_clear_it() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		let id = propose(s, receipt(595_000 * USD), 100_000 * USD);
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), CURATOR));
		// Within the proposal window, and every other check would pass.
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id),
			Error::<Test>::CuratorRemoved
		);
		// It can never be accepted now, so anyone may clear it (not only once expired).
		assert_ok!(Filo::cancel_proposal(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Cancelled);
		assert!(ProposedReceipts::<Test>::get(id).is_empty());
		// A removed curator proposes nothing either.
		let r = receipt(USD);
		assert_noop!(
			Filo::propose_loan(
				RuntimeOrigin::signed(CURATOR),
				s,
				BORROWER,
				receipts(&[r]),
				USD / 2,
				1_500,
				36
			),
			Error::<Test>::NotCurator
		);
	});
}

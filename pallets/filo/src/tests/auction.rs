//! The auction of a defaulted loan's receipts and the waterfall.

use super::default::{unpaid_loan, DEFAULTABLE};
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

/// Block the auction opens (the block after the cure window).
const OPENS: u64 = DEFAULTABLE + 14 * DAY + 1;
/// Its first end.
const ENDS: u64 = OPENS + 3 * DAY;

fn defaulted() -> (StackId, LoanId) {
	let (s, id) = unpaid_loan();
	run_to(DEFAULTABLE);
	assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
	filo_events();
	(s, id)
}

fn at_auction() -> (StackId, LoanId) {
	let (s, id) = defaulted();
	run_to(OPENS);
	(s, id)
}

#[test]
fn the_receipts_go_to_auction_when_the_cure_window_closes() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = defaulted();
		run_to(OPENS - 1);
		assert!(Auctions::<Test>::get(id).is_none());
		run_to(OPENS);
		// Reserve: half the receipts' collateral value.
		assert_eq!(
			filo_events(),
			vec![Event::AuctionStarted { loan: id, end: ENDS, reserve: 297_500 * USD }]
		);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		assert_noop!(Filo::cure(RuntimeOrigin::signed(BORROWER), id), Error::<Test>::NotDefaulted);
	});
}

#[test]
fn bids_must_clear_the_reserve_and_beat_the_best_and_outbid_bidders_are_refunded() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		let escrow = Filo::escrow_account();
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER), id, 297_500 * USD - 1),
			Error::<Test>::BidTooLow
		);
		assert_noop!(Filo::bid(RuntimeOrigin::signed(BIDDER), 7, USD), Error::<Test>::NoAuction);
		let before = usdai_of(&BIDDER);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 297_500 * USD));
		assert_eq!(usdai_of(&escrow), 297_500 * USD);
		// At least 1% more.
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER_2), id, 300_475 * USD - 1),
			Error::<Test>::BidTooLow
		);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER_2), id, 300_475 * USD));
		assert_eq!(usdai_of(&BIDDER), before);
		assert_eq!(usdai_of(&escrow), 300_475 * USD);
		assert_noop!(
			Filo::settle_auction(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::AuctionNotEnded
		);
	});
}

#[test]
fn a_late_bid_extends_the_auction() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		run_to(ENDS - 3);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 300_000 * USD));
		assert_eq!(Auctions::<Test>::get(id).unwrap().end, ENDS - 3 + DAY);
		run_to(ENDS + 1);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		run_to(ENDS - 3 + DAY + 1);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER), id, 400_000 * USD),
			Error::<Test>::NoAuction
		);
	});
}

#[test]
fn proceeds_repay_the_vault_first_and_the_surplus_goes_to_the_borrower() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = at_auction();
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 500_000 * USD));
		let loan = Loans::<Test>::get(id).unwrap();
		let borrower = usdai_of(&BORROWER);
		let idle = Usdai::nav().idle;
		run_to(ENDS + 1);
		let event = filo_events().into_iter().find_map(|e| match e {
			Event::AuctionSettled {
				fee,
				principal_recovered,
				interest_recovered,
				surplus,
				first_loss_paid,
				vault_loss,
				winner,
				..
			} => Some((
				fee,
				principal_recovered,
				interest_recovered,
				surplus,
				first_loss_paid,
				vault_loss,
				winner,
			)),
			_ => None,
		});
		let (fee, principal, interest, surplus, first_loss, loss, winner) = event.unwrap();
		assert_eq!(winner, Some(BIDDER));
		assert_eq!(fee, 10_000 * USD);
		assert_eq!(principal, 416_500 * USD);
		assert!(interest >= loan.interest_accrued);
		assert_eq!(fee + principal + interest + surplus, 500_000 * USD);
		assert_eq!((first_loss, loss), (0, 0));
		assert_eq!(usdai_of(&BORROWER), borrower + surplus);
		assert_eq!(usdai_of(&TREASURY), fee);
		assert!(Usdai::nav().idle >= idle + principal);
		assert_eq!(Usdai::nav().impaired, 0);
		assert_eq!(Usdai::nav().principal, 0);
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(BIDDER));
		let stack = Stacks::<Test>::get(s).unwrap();
		assert_eq!(
			(stack.first_loss, stack.outstanding, stack.live_loans, stack.in_default),
			(50_000 * USD, 0, 0, 0)
		);
	});
}

#[test]
fn a_shortfall_is_borne_by_first_loss_then_insurance_then_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		// Another stack's loan pays a period of interest: the insurance fund gets its cut, and
		// that stack's first-loss must not pay for this one's loss.
		assert_ok!(Filo::open_stack(RuntimeOrigin::signed(CURATOR_2), 20_000 * USD, terms()));
		assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), 0, Some(10_000_000 * USD)));
		let r = receipt(200_000 * USD);
		assert_ok!(Filo::propose_loan(
			RuntimeOrigin::signed(CURATOR_2),
			0,
			BORROWER,
			vec![r].try_into().unwrap(),
			100_000 * USD,
			1_500,
			12
		));
		let other = NextLoanId::<Test>::get() - 1;
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(BORROWER), other));
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), other, 110_000 * USD));
		let insurance = Usdai::nav().insurance_fund;
		assert!(insurance > 0);

		let (s, id) = at_auction();
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 297_500 * USD));
		let shares_value = Usdai::share_prices().redemption;
		run_to(ENDS + 1);
		let settled = filo_events().into_iter().find_map(|e| match e {
			Event::AuctionSettled {
				principal_recovered,
				first_loss_paid,
				insurance_paid,
				vault_loss,
				..
			} => Some((principal_recovered, first_loss_paid, insurance_paid, vault_loss)),
			_ => None,
		});
		let (recovered, first_loss, insured, loss) = settled.unwrap();
		// 297,500 less the 2% fee.
		assert_eq!(recovered, 291_550 * USD);
		assert_eq!(first_loss, 50_000 * USD);
		assert_eq!(insured, insurance);
		assert_eq!(recovered + first_loss + insured + loss, 416_500 * USD);
		// What fell through to sUSDai holders is the vault's uncovered loss (for the backstop).
		assert!(loss > 0);
		assert_eq!(pallet_usdai::UncoveredLoss::<Test>::get(), loss);
		assert_eq!(Stacks::<Test>::get(s).unwrap().first_loss, 0);
		assert_eq!(Stacks::<Test>::get(0).unwrap().first_loss, 20_000 * USD);
		assert_eq!(Usdai::nav().insurance_fund, 0);
		// The rest was lost to sUSDai holders... but it had been impaired since the default, so
		// the price does not fall again: the insurance and first-loss raise it.
		assert!(Usdai::share_prices().redemption >= shares_value);
	});
}

#[test]
fn without_bids_the_curator_takes_the_receipts_and_the_full_loss_runs_the_waterfall() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = at_auction();
		run_to(ENDS + 1);
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(CURATOR));
		let stack = Stacks::<Test>::get(s).unwrap();
		assert_eq!((stack.first_loss, stack.outstanding, stack.live_loans), (0, 0, 0));
		// Stacks are never closed: one whose first-loss is spent may still be voted for.
		assert!(<Filo as usdai_primitives::gauges::StackInspect>::stack_exists(s));
		assert_eq!(Usdai::nav().principal, 0);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
	});
}

#[test]
fn after_the_end_bids_are_refused_and_anyone_may_settle() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 400_000 * USD));
		// Past the end, before any hook has run.
		System::set_block_number(ENDS + 1);
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER_2), id, 500_000 * USD),
			Error::<Test>::AuctionEnded
		);
		assert_ok!(Filo::settle_auction(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(BIDDER));
		assert!(Deadlines::<Test>::get().is_empty());
		assert_noop!(
			Filo::settle_auction(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NoAuction
		);
	});
}

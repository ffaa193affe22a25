//! The auction of a defaulted loan's receipts and the waterfall.

use super::default::{unpaid_loan, DEFAULTABLE};
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

/// The documents' loan's balance (its receipt is worth 595,000).
const BALANCE: Balance = 416_500 * USD;

/// Block the auction opens (the block after the cure window).
pub const OPENS: u64 = DEFAULTABLE + 14 * DAY + 1;
/// Its first end.
pub const ENDS: u64 = OPENS + 3 * DAY;

/// The documents' loan, declared in default as soon as it may be.
pub fn defaulted() -> (StackId, LoanId) {
	let (s, id) = unpaid_loan();
	run_to(DEFAULTABLE);
	assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
	filo_events();
	(s, id)
}

/// The documents' loan, its auction just opened (round 0).
pub fn at_auction() -> (StackId, LoanId) {
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
		// The vault is senior to the auction fee: all 297,500 repay principal, no fee is paid.
		assert_eq!(recovered, 297_500 * USD);
		assert_eq!(usdai_of(&TREASURY), 0);
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

/// The `AuctionSettled` event among `events`: (winner, proceeds, fee, principal recovered,
/// first-loss paid, insurance paid, vault loss).
type Settled = (Option<AccountId>, Balance, Balance, Balance, Balance, Balance, Balance);

fn settled(events: Vec<Event<Test>>) -> Settled {
	events
		.into_iter()
		.find_map(|e| match e {
			Event::AuctionSettled {
				winner,
				proceeds,
				fee,
				principal_recovered,
				first_loss_paid,
				insurance_paid,
				vault_loss,
				..
			} => Some((
				winner,
				proceeds,
				fee,
				principal_recovered,
				first_loss_paid,
				insurance_paid,
				vault_loss,
			)),
			_ => None,
		})
		.expect("the auction settled")
}

/// Runs the auction of `id` until round `round` is open (each round without a bid).
fn to_round(id: LoanId, round: u32) {
	while Auctions::<Test>::get(id).unwrap().round < round {
		run_to(Auctions::<Test>::get(id).unwrap().end + 1);
	}
}

#[test]
fn an_auction_without_bids_restarts_at_a_lower_reserve_and_never_goes_to_the_curator_for_free() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = at_auction();
		filo_events();
		run_to(ENDS + 1);
		// The receipts stay pledged to the loan: nobody got them without paying.
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(BORROWER));
		assert_eq!(<Caliber as Collateral<AccountId>>::pledged(id), vec![0]);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		// 50% of 595,000 less a 10% step: 40%.
		assert_eq!(
			filo_events(),
			vec![Event::AuctionRestarted {
				loan: id,
				round: 1,
				end: ENDS + 1 + 3 * DAY,
				reserve: 238_000 * USD
			}]
		);
		// Nothing was booked as a loss and the first-loss is untouched.
		assert_eq!(Stacks::<Test>::get(s).unwrap().first_loss, 50_000 * USD);
		assert_eq!(Usdai::nav().impaired, BALANCE);
		assert_eq!(pallet_usdai::UncoveredLoss::<Test>::get(), 0);
	});
}

#[test]
fn the_reserve_falls_by_a_step_each_round_down_to_the_floor() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		let mut reserves = vec![];
		for round in 0..6 {
			to_round(id, round);
			reserves.push(Auctions::<Test>::get(id).unwrap().reserve);
		}
		// 50%, 40%, 30%, then the 20% floor for good.
		assert_eq!(
			reserves,
			[297_500, 238_000, 178_500, 119_000, 119_000, 119_000].map(|d| d * USD).to_vec()
		);
		// A bid below the round's reserve is refused at every round.
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER), id, 119_000 * USD - 1),
			Error::<Test>::BidTooLow
		);
		// Governance lowering the floor applies from the next round.
		assert_ok!(Filo::set_params(
			RuntimeOrigin::root(),
			FiloParams { reserve_floor_bps: 1_000, ..params() }
		));
		to_round(id, 6);
		assert_eq!(Auctions::<Test>::get(id).unwrap().reserve, 59_500 * USD);
	});
}

#[test]
fn a_bid_in_a_later_round_clears_its_lower_reserve_and_wins() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		to_round(id, 1);
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER), id, 238_000 * USD - 1),
			Error::<Test>::BidTooLow
		);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 238_000 * USD));
		filo_events();
		run_to(Auctions::<Test>::get(id).unwrap().end + 1);
		let (winner, proceeds, fee, principal, first_loss, insured, lost) = settled(filo_events());
		assert_eq!(
			(winner, proceeds, fee, principal),
			(Some(BIDDER), 238_000 * USD, 0, 238_000 * USD)
		);
		assert_eq!(first_loss, 50_000 * USD);
		assert_eq!(principal + first_loss + insured + lost, BALANCE);
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(BIDDER));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
	});
}

#[test]
fn the_vault_never_books_more_loss_than_the_debt_less_the_price() {
	// A stack with almost no first-loss left: before, the 2% auction fee was paid ahead of the
	// vault and the vault booked 124,949 on a 416,500 debt sold for 297,500.
	ExtBuilder::default().with_params(|c| c.min_first_loss_bps = 0).build_and_execute(|| {
		let s = stack(1);
		let id = loan(s, 595_000, BALANCE, 1_500, 36);
		run_to(DEFAULTABLE);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		run_to(OPENS);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 297_500 * USD));
		filo_events();
		run_to(ENDS + 1);
		let (_, proceeds, fee, principal, first_loss, insured, lost) = settled(filo_events());
		assert_eq!((proceeds, fee, principal, first_loss), (297_500 * USD, 0, 297_500 * USD, USD));
		// Booked: what first-loss did not cover (then offered to insurance).
		assert_eq!(insured + lost, BALANCE - 297_500 * USD - USD);
		assert!(insured + lost <= BALANCE - proceeds);
	});
}

#[test]
fn a_bid_above_the_debt_pays_the_vault_then_the_fee_then_the_borrower() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		// Just above principal: the vault's interest comes before the fee, which gets the rest.
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 420_000 * USD));
		let borrower = usdai_of(&BORROWER);
		filo_events();
		run_to(ENDS + 1);
		let owed = {
			let l = Loans::<Test>::get(id).unwrap();
			l.interest_accrued - l.interest_paid
		};
		let events = filo_events();
		let interest = events
			.iter()
			.find_map(|e| match e {
				Event::AuctionSettled { interest_recovered, surplus, .. } => {
					Some((*interest_recovered, *surplus))
				},
				_ => None,
			})
			.unwrap();
		let (_, proceeds, fee, principal, ..) = settled(events);
		assert_eq!(principal, BALANCE);
		// 3,500 left after principal: all of it to interest (more than that is owed), no fee.
		assert_eq!(interest, (3_500 * USD, 0));
		assert!(owed > 3_500 * USD);
		assert_eq!((proceeds, fee), (420_000 * USD, 0));
		assert_eq!(usdai_of(&BORROWER), borrower);
	});
}

/// The README's worked example: no bid in rounds 0 and 1; in round 2 the curator takes the
/// receipts at 178,500. Its first-loss (50,000) is all needed for this loan's loss, so it pays
/// the whole price itself, and the vault ends as it would have with a bid of 178,500.
#[test]
fn the_curator_takes_the_collateral_at_the_reserve_and_the_vault_ends_as_with_a_bid() {
	ExtBuilder::default().build_and_execute(|| {
		let (s, id) = at_auction();
		to_round(id, 2);
		assert_eq!(Auctions::<Test>::get(id).unwrap().reserve, 178_500 * USD);
		let wallet = usdai_of(&CURATOR);
		filo_events();
		assert_ok!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
		let events = filo_events();
		assert_eq!(
			events[0],
			Event::CollateralTaken {
				loan: id,
				curator: CURATOR,
				price: 178_500 * USD,
				from_first_loss: 0
			}
		);
		let (winner, proceeds, fee, principal, first_loss, insured, lost) = settled(events);
		assert_eq!(winner, Some(CURATOR));
		assert_eq!((proceeds, fee, principal), (178_500 * USD, 0, 178_500 * USD));
		assert_eq!(first_loss, 50_000 * USD);
		// 416,500 − 178,500 − 50,000: booked, at most the debt less the price.
		assert_eq!(insured + lost, 188_000 * USD);
		assert!(insured + lost <= BALANCE - proceeds);
		assert_eq!(usdai_of(&CURATOR), wallet - 178_500 * USD);
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(CURATOR));
		let stack = Stacks::<Test>::get(s).unwrap();
		assert_eq!((stack.first_loss, stack.outstanding, stack.in_default), (0, 0, 0));
		assert!(Auctions::<Test>::get(id).is_none() && Deadlines::<Test>::get().is_empty());
	});
}

/// First-loss beyond this loan's loss and the share the stack's other loans require counts as
/// payment; what those need stays in the stack.
#[test]
fn spare_first_loss_counts_as_payment_when_the_curator_takes_the_collateral() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(300_000);
		let id = loan(s, 595_000, BALANCE, 1_500, 36);
		// Another loan of the stack: 10,000 of first-loss stays for it.
		let other = loan(s, 200_000, 100_000 * USD, 1_500, 36);
		run_to(DEFAULTABLE);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		run_to(OPENS);
		let wallet = usdai_of(&CURATOR);
		filo_events();
		assert_ok!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
		let events = filo_events();
		// Loss at 297,500: 119,000, covered by first-loss; 10,000 kept for the other loan;
		// 300,000 − 119,000 − 10,000 = 171,000 spare pays part of the price.
		assert_eq!(
			events[0],
			Event::CollateralTaken {
				loan: id,
				curator: CURATOR,
				price: 297_500 * USD,
				from_first_loss: 171_000 * USD
			}
		);
		let (_, _, _, principal, first_loss, insured, lost) = settled(events);
		assert_eq!((principal, first_loss, insured, lost), (297_500 * USD, 119_000 * USD, 0, 0));
		assert_eq!(usdai_of(&CURATOR), wallet - 126_500 * USD);
		let stack = Stacks::<Test>::get(s).unwrap();
		assert_eq!(stack.first_loss, 10_000 * USD);
		assert_eq!(stack.outstanding, Loans::<Test>::get(other).unwrap().balance);
		assert_eq!(Usdai::nav().impaired, 0);
	});
}

#[test]
fn only_the_registered_curator_takes_the_collateral_and_only_without_a_bid() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		assert_noop!(
			Filo::take_collateral(RuntimeOrigin::signed(CURATOR_2), id),
			Error::<Test>::NotStackCurator
		);
		assert_noop!(
			Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id + 1),
			Error::<Test>::NoAuction
		);
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), CURATOR));
		assert_noop!(
			Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id),
			Error::<Test>::CuratorRemoved
		);
		assert_ok!(Filo::register_curator(RuntimeOrigin::root(), CURATOR));
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 297_500 * USD));
		assert_noop!(
			Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id),
			Error::<Test>::AuctionHasBid
		);
	});
}

#[test]
fn a_curator_short_of_usdai_cannot_take_the_collateral() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		let all = usdai_of(&CURATOR);
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<AccountId>>::transfer(
			USDAI,
			&CURATOR,
			&ANYONE,
			all,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id).is_err());
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		assert_eq!(<Caliber as Collateral<AccountId>>::holder(0), Some(BORROWER));
	});
}

#[test]
fn anyone_may_open_an_auction_once_the_cure_window_has_closed() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = defaulted();
		assert_noop!(
			Filo::start_auction(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::CureWindowOpen
		);
		assert_noop!(
			Filo::start_auction(RuntimeOrigin::signed(ANYONE), id + 1),
			Error::<Test>::UnknownLoan
		);
		run_to(OPENS - 1);
		let params = Params::<Test>::get().unwrap();
		Params::<Test>::kill();
		run_to(OPENS);
		Params::<Test>::put(params);
		filo_events();
		// No need to wait for the hook's retry.
		assert_ok!(Filo::start_auction(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(
			filo_events(),
			vec![Event::AuctionStarted { loan: id, end: ENDS, reserve: 297_500 * USD }]
		);
		assert_eq!(Deadlines::<Test>::get().to_vec(), vec![(ENDS + 1, id)]);
		assert_noop!(
			Filo::start_auction(RuntimeOrigin::signed(ANYONE), id),
			Error::<Test>::NotDefaulted
		);
	});
}

//! No debit leaves dust. USDai's minimum balance is raised to a cent, as in the runtime, so that
//! dust exists (at the mock's one base unit it cannot). Every test also checks that USDai's
//! supply is still held by its accounts.

use super::default::DEFAULTABLE;
use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungibles::Mutate, tokens::Preservation},
};

/// USDai's minimum balance in these tests: a cent.
const MIN: Balance = USD / 100;

/// Block the auction of a loan accepted at block 1 and never paid opens.
const OPENS: u64 = DEFAULTABLE + 14 * DAY + 1;
/// Its first end.
const ENDS: u64 = OPENS + 3 * DAY;

/// The documents' loan of `principal`, never paid, in a stack with 50,000 of first-loss, at
/// auction.
fn at_auction(principal: Balance) -> (StackId, LoanId) {
	let s = stack(50_000);
	let id = loan(s, 595_000, principal, 1_500, 36);
	run_to(DEFAULTABLE);
	assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
	run_to(OPENS);
	filo_events();
	(s, id)
}

/// The fuzzer's counterexample: a withdrawal of all first-loss but dust reaped the stack account
/// with the dust, which the stack still booked as first-loss.
#[test]
fn withdrawing_first_loss_never_leaves_unbacked_first_loss_behind() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack(50_000);
		let account = Filo::stack_account(s);
		for dust in [1, MIN - 1] {
			assert_noop!(
				Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 50_000 * USD - dust),
				Error::<Test>::LeavesDust
			);
		}
		// The minimum may stay, and then go.
		assert_ok!(Filo::withdraw_first_loss(
			RuntimeOrigin::signed(CURATOR),
			s,
			50_000 * USD - MIN
		));
		assert_eq!((usdai_of(&account), Stacks::<Test>::get(s).unwrap().first_loss), (MIN, MIN));
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, MIN));
		assert_eq!((usdai_of(&account), Stacks::<Test>::get(s).unwrap().first_loss), (0, 0));
		assert_usdai_supply_is_held();
	});
}

#[test]
fn withdrawing_all_first_loss_takes_the_unbooked_dust_along() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack(50_000);
		let account = Filo::stack_account(s);
		// Someone sends the stack account a little USDai that no book counts.
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			USDAI,
			&LP,
			&account,
			MIN / 2,
			Preservation::Preserve
		));
		let wallet = usdai_of(&CURATOR);
		filo_events();
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 50_000 * USD));
		assert_eq!(usdai_of(&CURATOR), wallet + 50_000 * USD + MIN / 2);
		assert_eq!(usdai_of(&account), 0);
		assert_eq!(
			filo_events(),
			vec![
				Event::DustSwept { account, to: Some(CURATOR), amount: MIN / 2 },
				Event::FirstLossWithdrawn { stack: s, amount: 50_000 * USD },
			]
		);
		assert_usdai_supply_is_held();
	});
}

/// Curators, bidders and payers debit their own accounts: a move that would leave them dust
/// fails and changes nothing.
#[test]
fn a_move_that_would_leave_its_payer_dust_fails_with_leaves_dust() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let all = usdai_of(&CURATOR);
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(CURATOR), all - 1, terms()),
			Error::<Test>::LeavesDust
		);
		let (s, id) = at_auction(416_500 * USD);
		let all = usdai_of(&CURATOR);
		assert_noop!(
			Filo::add_first_loss(RuntimeOrigin::signed(CURATOR), s, all - MIN / 2),
			Error::<Test>::LeavesDust
		);
		let all = usdai_of(&BIDDER);
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER), id, all - 1),
			Error::<Test>::LeavesDust
		);
		// At round 0's reserve the loss takes all the first-loss: the curator pays the whole
		// price, which would leave it one base unit.
		keep_only(&CURATOR, 297_500 * USD + 1);
		assert_noop!(
			Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id),
			Error::<Test>::LeavesDust
		);
		// All of it is fine.
		keep_only(&CURATOR, 297_500 * USD);
		assert_ok!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
		assert_eq!(usdai_of(&CURATOR), 0);
		assert_usdai_supply_is_held();
	});
}

/// A repayment is paid in parts (the vault's interest, the curator's fee, principal): paying
/// all of the interest and principal due but dust would empty the payer between two of them.
#[test]
fn a_repayment_never_leaves_its_payer_dust_between_its_parts() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack(50_000);
		let id = loan(s, 595_000, 416_500 * USD, 1_500, 36);
		run_to(1 + PERIOD);
		let interest = Filo::loan_view(id).unwrap().schedule[0].interest;
		// The payer holds the interest due and a half cent: paying it all would leave half a
		// cent of principal after the interest.
		keep_only(&BORROWER, interest + MIN / 2);
		assert_noop!(
			Filo::repay(RuntimeOrigin::signed(BORROWER), id, interest + MIN / 2),
			Error::<Test>::LeavesDust
		);
		// Leaving the minimum is fine.
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, interest - MIN / 2));
		assert_eq!(usdai_of(&BORROWER), MIN);
		assert_usdai_supply_is_held();
	});
}

/// A curator who empties its account cannot block its borrowers' repayments: a fee below the
/// minimum balance that it cannot receive goes to the vault.
#[test]
fn a_curator_fee_the_curator_cannot_receive_goes_to_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack(50_000);
		// One dollar at 15%: about 1.2 cents of interest a period, of which 5% is the fee.
		let id = loan(s, 10, USD, 1_500, 12);
		keep_only(&CURATOR, 0);
		run_to(1 + PERIOD);
		let due = Filo::loan_view(id).unwrap().due_now;
		filo_events();
		assert_ok!(Filo::repay(RuntimeOrigin::signed(BORROWER), id, due));
		let fee = filo_events()
			.into_iter()
			.find_map(|e| match e {
				Event::DustToVault { payee, amount } if payee == CURATOR => Some(amount),
				_ => None,
			})
			.expect("the fee went to the vault");
		assert!(fee > 0 && fee < MIN);
		assert_eq!(usdai_of(&CURATOR), 0);
		assert_eq!(Filo::loan_view(id).unwrap().due_now, 0);
		assert_usdai_supply_is_held();
	});
}

/// The fuzzer's shape in the waterfall: first-loss that pays the loss and would leave dust
/// behind goes to the vault whole, and the stack books none left.
#[test]
fn the_waterfall_takes_first_loss_dust_along_to_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let (s, id) = at_auction(416_500 * USD);
		let account = Filo::stack_account(s);
		// The loss is the first-loss less half a cent.
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 366_500 * USD + MIN / 2));
		run_to(ENDS + 1);
		let events = filo_events();
		let first_loss = events
			.iter()
			.find_map(|e| match e {
				Event::AuctionSettled { first_loss_paid, vault_loss, insurance_paid, .. } => {
					Some((*first_loss_paid, *insurance_paid + *vault_loss))
				},
				_ => None,
			})
			.expect("the auction settled");
		assert_eq!(first_loss, (50_000 * USD - MIN / 2, 0));
		assert!(events.contains(&Event::DustSwept {
			account: account.clone(),
			to: None,
			amount: MIN / 2
		}));
		assert_eq!((usdai_of(&account), Stacks::<Test>::get(s).unwrap().first_loss), (0, 0));
		assert_eq!(usdai_of(&Filo::escrow_account()), 0);
		assert_eq!(Usdai::nav().impaired, 0);
		assert_usdai_supply_is_held();
	});
}

/// The spare first-loss that pays part of a take is lowered until the stack account keeps the
/// minimum; the curator pays the difference.
#[test]
fn taking_the_collateral_never_leaves_dust_in_the_stack_account() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		// The debt is the round's reserve and half a cent: the loss at the reserve is half a
		// cent, and all the first-loss but that is spare.
		let (s, id) = at_auction(297_500 * USD + MIN / 2);
		let account = Filo::stack_account(s);
		let wallet = usdai_of(&CURATOR);
		assert_ok!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
		let events = filo_events();
		assert_eq!(
			events[0],
			Event::CollateralTaken {
				loan: id,
				curator: CURATOR,
				price: 297_500 * USD,
				from_first_loss: 50_000 * USD - MIN,
			}
		);
		assert_eq!(usdai_of(&CURATOR), wallet - 247_500 * USD - MIN);
		// The cent kept paid the half-cent loss; the other half went along to the vault.
		assert!(events.contains(&Event::DustSwept {
			account: account.clone(),
			to: None,
			amount: MIN / 2
		}));
		assert_eq!((usdai_of(&account), Stacks::<Test>::get(s).unwrap().first_loss), (0, 0));
		assert_eq!(Usdai::nav().impaired, 0);
		assert_usdai_supply_is_held();
	});
}

/// An auction of a few cents: bids start at twice the minimum balance, so that the proceeds
/// always split without leaving the escrow dust; a fee and a surplus that their payees cannot
/// receive go to the vault, and the auction settles.
#[test]
fn a_dust_sized_auction_settles_and_what_nobody_can_receive_goes_to_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack(50_000);
		let r = receipt(3 * MIN);
		let id = NextLoanId::<Test>::get();
		assert_ok!(Filo::propose_loan(
			RuntimeOrigin::signed(CURATOR),
			s,
			BORROWER,
			vec![r].try_into().unwrap(),
			3 * MIN / 2,
			1_500,
			36
		));
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id));
		keep_only(&BORROWER, 0);
		run_to(DEFAULTABLE);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		run_to(OPENS);
		assert_eq!(Auctions::<Test>::get(id).unwrap().reserve, 3 * MIN / 2);
		assert_noop!(
			Filo::bid(RuntimeOrigin::signed(BIDDER), id, 2 * MIN - 1),
			Error::<Test>::BidTooLow
		);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 2 * MIN));
		filo_events();
		run_to(ENDS + 1);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
		let events = filo_events();
		let to_vault: Vec<AccountId> = events
			.iter()
			.filter_map(|e| match e {
				Event::DustToVault { payee, .. } => Some(payee.clone()),
				_ => None,
			})
			.collect();
		assert_eq!(to_vault, vec![TREASURY, BORROWER]);
		assert_eq!((usdai_of(&TREASURY), usdai_of(&BORROWER)), (0, 0));
		assert_eq!(usdai_of(&Filo::escrow_account()), 0);
		assert_usdai_supply_is_held();
	});
}

/// The curator's price is never below twice the minimum balance either.
#[test]
fn a_take_pays_at_least_twice_the_minimum_balance() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack(50_000);
		let r = receipt(MIN);
		let id = NextLoanId::<Test>::get();
		assert_ok!(Filo::propose_loan(
			RuntimeOrigin::signed(CURATOR),
			s,
			BORROWER,
			vec![r].try_into().unwrap(),
			MIN / 2,
			1_500,
			36
		));
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id));
		run_to(DEFAULTABLE);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
		run_to(OPENS);
		assert_eq!(Auctions::<Test>::get(id).unwrap().reserve, MIN / 2);
		filo_events();
		assert_ok!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
		let price = filo_events().into_iter().find_map(|e| match e {
			Event::CollateralTaken { price, .. } => Some(price),
			_ => None,
		});
		assert_eq!(price, Some(2 * MIN));
		assert_usdai_supply_is_held();
	});
}

/// USDai that nobody booked in the escrow goes along to the vault when the escrow empties.
#[test]
fn settling_the_last_auction_takes_the_escrows_unbooked_dust_along() {
	ExtBuilder::default().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let (_, id) = at_auction(416_500 * USD);
		let escrow = Filo::escrow_account();
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 300_000 * USD));
		assert_ok!(<Assets as Mutate<AccountId>>::transfer(
			USDAI,
			&LP,
			&escrow,
			MIN / 2,
			Preservation::Preserve
		));
		run_to(ENDS + 1);
		assert!(filo_events().contains(&Event::DustSwept {
			account: escrow.clone(),
			to: None,
			amount: MIN / 2
		}));
		assert_eq!(usdai_of(&escrow), 0);
		assert_usdai_supply_is_held();
	});
}

//! Requests, cancellation and transfer of tickets; limits.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Qev(HoldReason::TicketDeposit), &who)
}

#[test]
fn a_request_locks_shares_and_holds_a_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let shares = shares_of(ALICE);
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		assert_eq!(shares_of(ALICE), shares - 100 * USD);
		assert_eq!(held(ALICE), DEPOSIT);
		assert_eq!(TotalShares::<Test>::get(), 100 * USD);
		assert_eq!(Levels::<Test>::get(0), LevelTotals { tickets: 1, shares: 100 * USD });
		assert_eq!(OpenTickets::<Test>::get(ALICE), 1);
		assert_eq!(
			qev_events(),
			vec![Event::RedemptionRequested {
				ticket: 0,
				owner: ALICE,
				shares: 100 * USD,
				min_out: 0
			}]
		);
		// Without liquidity nothing is paid.
		next_block();
		assert!(Tickets::<Test>::contains_key(ticket_key(0)));
	});
}

#[test]
fn requests_below_the_minimum_or_beyond_the_account_limit_fail() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD - 1, 0),
			Error::<Test>::BelowMinimum
		);
		for _ in 0..3 {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0));
		}
		assert_noop!(
			Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0),
			Error::<Test>::TooManyTickets
		);
		// More shares than the account has: the vault refuses, nothing changes.
		assert!(Qev::request_redemption(RuntimeOrigin::signed(BOB), 5_000 * USD, 0).is_err());
		assert_eq!(OpenTickets::<Test>::get(BOB), 0);
		assert_eq!(held(BOB), 0);
	});
}

#[test]
fn cancel_returns_shares_and_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let shares = shares_of(ALICE);
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		assert_noop!(Qev::cancel(RuntimeOrigin::signed(BOB), 0), Error::<Test>::NotOwner);
		assert_noop!(Qev::cancel(RuntimeOrigin::signed(ALICE), 7), Error::<Test>::UnknownTicket);
		qev_events();
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(
			qev_events(),
			vec![Event::Cancelled { ticket: 0, owner: ALICE, shares: 100 * USD, paid: 0 }]
		);
		assert_eq!(shares_of(ALICE), shares);
		assert_eq!(held(ALICE), 0);
		assert_eq!(TotalShares::<Test>::get(), 0);
		assert!(Queue::<Test>::iter().next().is_none());
	});
}

#[test]
fn a_transferred_ticket_pays_its_new_owner_and_keeps_its_place() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(BOB), 100 * USD, 0));
		assert_noop!(
			Qev::transfer_ticket(RuntimeOrigin::signed(BOB), 0, CHARLIE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Qev::transfer_ticket(RuntimeOrigin::signed(ALICE), 0, ALICE),
			Error::<Test>::SameOwner
		);
		assert_ok!(Qev::transfer_ticket(RuntimeOrigin::signed(ALICE), 0, CHARLIE));
		assert_noop!(Qev::cancel(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::NotOwner);
		let (alice, charlie) = (usdai_of(ALICE), usdai_of(CHARLIE));
		liquidity(100);
		next_block();
		// Still first in line: Charlie is paid, Alice is not; Bob waits.
		assert_ok!(Qev::claim(RuntimeOrigin::signed(ALICE), 0));
		assert!(usdai_of(CHARLIE) > charlie);
		assert_eq!(usdai_of(ALICE), alice);
		assert!(waiting(1));
		// The deposit went back to Alice, who paid it.
		assert_eq!(held(ALICE), 0);
	});
}

#[test]
fn a_given_ticket_counts_against_its_requester_until_it_ends() {
	ExtBuilder::default().build_and_execute(|| {
		for _ in 0..3 {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(BOB), USD, 0));
		}
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0));
		// Bob's limit is full, but he can still be given a ticket.
		assert_ok!(Qev::transfer_ticket(RuntimeOrigin::signed(ALICE), 3, BOB));
		assert_eq!(OpenTickets::<Test>::get(BOB), 3);
		// Alice gave it away but still holds its deposit: it counts against her.
		assert_eq!(OpenTickets::<Test>::get(ALICE), 1);
		assert_eq!(held(ALICE), DEPOSIT);
		// When Bob cancels it, Alice's deposit and her place in the limit come back.
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(BOB), 3));
		assert_eq!(OpenTickets::<Test>::get(ALICE), 0);
		assert_eq!(held(ALICE), 0);
		assert_eq!(OpenTickets::<Test>::get(BOB), 3);
	});
}

#[test]
fn cancelling_a_partly_filled_ticket_returns_the_rest_and_the_proceeds() {
	ExtBuilder::default().build_and_execute(|| {
		let shares = shares_of(ALICE);
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		liquidity(40);
		next_block();
		qev_events();
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(
			qev_events(),
			vec![Event::Cancelled { ticket: 0, owner: ALICE, shares: 60 * USD, paid: 40 * USD }]
		);
		assert_eq!(shares_of(ALICE), shares - 40 * USD);
		assert_eq!(usdai_of(ALICE), 40 * USD);
		assert_eq!(held(ALICE), 0);
		assert_eq!(OpenTickets::<Test>::get(ALICE), 0);
	});
}

#[test]
fn a_filled_ticket_counts_against_the_limit_until_claimed() {
	ExtBuilder::default().with_idle_cash().build_and_execute(|| {
		for _ in 0..3 {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0));
		}
		next_block();
		assert_noop!(
			Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0),
			Error::<Test>::TooManyTickets
		);
		assert_ok!(Qev::claim(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(held(ALICE), 2 * DEPOSIT);
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0));
	});
}

#[test]
fn transfers_cannot_fill_a_victims_ticket_limit() {
	ExtBuilder::default().build_and_execute(|| {
		// Bob pushes three tickets (the account limit) to Alice.
		for id in 0..3 {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(BOB), USD, 0));
			assert_ok!(Qev::transfer_ticket(RuntimeOrigin::signed(BOB), id, ALICE));
		}
		// Alice can still ask for her own redemption, up to her full limit.
		for _ in 0..3 {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0));
		}
		assert_noop!(
			Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 0),
			Error::<Test>::TooManyTickets
		);
	});
}

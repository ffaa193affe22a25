//! Settlement in `on_finalize`: order, partial fills, `min_out`, the per-block bound, bid fees.

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::Hooks};
use usdai_primitives::traits::RedemptionVault;

fn request(who: AccountId, dollars: Balance) -> TicketId {
	let id = NextTicketId::<Test>::get();
	assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), dollars * USD, 0));
	id
}

#[test]
fn tickets_fill_in_request_order() {
	ExtBuilder::default().build_and_execute(|| {
		let (a, b, c) = (request(ALICE, 100), request(BOB, 100), request(CHARLIE, 100));
		liquidity(200);
		next_block();
		assert!(!Tickets::<Test>::contains_key(a));
		assert!(!Tickets::<Test>::contains_key(b));
		assert!(Tickets::<Test>::contains_key(c));
		// Paid at the redemption price (one USDai per share here).
		assert_eq!(usdai_of(ALICE), 100 * USD);
	});
}

#[test]
fn short_liquidity_fills_the_head_in_part() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		let b = request(BOB, 100);
		liquidity(60);
		next_block();
		let ticket = Tickets::<Test>::get(a).unwrap();
		assert_eq!(ticket.shares, 40 * USD);
		assert_eq!(Levels::<Test>::get(0).shares, 140 * USD);
		assert!(qev_events().iter().any(|e| matches!(e, Event::Filled { ticket, remaining, .. } if *ticket == a && *remaining == 40 * USD)));
		// More liquidity: the rest of A first, then B.
		liquidity(100);
		next_block();
		assert!(!Tickets::<Test>::contains_key(a));
		assert_eq!(Tickets::<Test>::get(b).unwrap().shares, 40 * USD);
		// Settlement never pays more than the vault has.
		assert_eq!(<Usdai as RedemptionVault<AccountId>>::available_liquidity(), 0);
	});
}

#[test]
fn a_ticket_whose_min_out_cannot_be_met_is_skipped_not_failed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), 100 * USD, 101 * USD));
		let b = request(BOB, 100);
		liquidity(300);
		next_block();
		let events = qev_events();
		assert!(events.contains(&Event::Skipped { ticket: 0 }));
		assert!(Tickets::<Test>::contains_key(0));
		assert!(!Tickets::<Test>::contains_key(b));
	});
}

#[test]
fn settlement_fills_at_most_the_per_block_bound() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [ALICE, BOB, CHARLIE, DAVE, ALICE] {
			request(who, 10);
		}
		liquidity(1_000);
		next_block();
		// MaxFillsPerBlock is 3.
		assert_eq!(Tickets::<Test>::iter().count(), 2);
		next_block();
		assert_eq!(Tickets::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_higher_bid_level_is_served_first_and_its_fee_raises_the_price_for_those_who_wait() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		let b = request(BOB, 100);
		// B bids 5% (sealed bids land in a later step; here the level is set directly).
		let mut ticket = Tickets::<Test>::get(b).unwrap();
		Qev::dequeue(&ticket).unwrap();
		ticket.level = 500;
		Qev::enqueue(b, &ticket).unwrap();
		Tickets::<Test>::insert(b, ticket);

		let price = Usdai::share_prices().redemption;
		liquidity(95);
		next_block();
		assert!(!Tickets::<Test>::contains_key(b));
		assert!(Tickets::<Test>::contains_key(a));
		// Bob got 95 for 100 shares; the 5 stayed in the vault for the holders who remain.
		assert_eq!(usdai_of(BOB), 95 * USD);
		assert!(Usdai::share_prices().redemption > price);
	});
}

#[test]
fn queue_keys_order_by_level_then_request() {
	assert!(position(10, 5) < position(0, 1));
	assert!(position(10, 1) < position(10, 2));
	assert!(position(1_000, u64::MAX) < position(999, 0));
}

#[test]
fn with_idle_cash_a_request_is_paid_at_the_end_of_its_block() {
	ExtBuilder::default().with_idle_cash().build_and_execute(|| {
		let a = request(ALICE, 250);
		next_block();
		assert!(!Tickets::<Test>::contains_key(a));
		assert_eq!(usdai_of(ALICE), 250 * USD);
	});
}

#[test]
fn settlement_does_only_what_the_block_reserved() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		// The block started without liquidity: nothing was reserved.
		Qev::on_initialize(System::block_number());
		assert_eq!(Budget::<Test>::get(), (0, 0));
		liquidity(100);
		Qev::on_finalize(System::block_number());
		assert!(Tickets::<Test>::contains_key(a));
		// The next block reserves it and pays.
		System::set_block_number(System::block_number() + 1);
		Qev::on_initialize(System::block_number());
		assert_eq!(Budget::<Test>::get(), (1, 0));
		Qev::on_finalize(System::block_number());
		assert!(!Tickets::<Test>::contains_key(a));
		assert_eq!(Budget::<Test>::get(), (0, 0));
	});
}

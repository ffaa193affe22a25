//! Inflow limits: the excess of a period is queued, paid in later periods within the
//! per-block bound, oldest first; a full queue pushes back.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

#[test]
fn the_excess_over_the_period_allowance_is_queued_not_minted() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 1_500 * USD6, ALICE));
		assert_eq!(balance(USDC, ALICE), MAX_INFLOW);
		assert_eq!(supply(USDC), MAX_INFLOW);
		let queue = Queues::<Test>::get(USDC);
		assert_eq!((queue.len(), queue.total), (1, 500 * USD6));
		assert!(bridge_events().contains(&Event::DepositCredited {
			channel: ETH,
			nonce: 0,
			recipient: ALICE,
			asset: USDC,
			credited: MAX_INFLOW,
			queued: 500 * USD6,
		}));
		// The allowance is spent: a new deposit waits whole, behind the queue.
		credit(&deposit(ETH, 1, USDC, 200 * USD6, BOB));
		assert_eq!(balance(USDC, BOB), 0);
		assert_eq!(Queues::<Test>::get(USDC).total, 700 * USD6);
		// Other assets have their own allowance.
		credit(&deposit(BASE, 0, USDT, 300 * USD6, BOB));
		assert_eq!(balance(USDT, BOB), 300 * USD6);
		// Nothing is paid within the period.
		run_to(PERIOD - 1);
		assert_eq!(balance(USDC, ALICE), MAX_INFLOW);
		// The next period pays the queue in order.
		run_to(PERIOD);
		assert_eq!(balance(USDC, ALICE), 1_500 * USD6);
		assert_eq!(balance(USDC, BOB), 200 * USD6);
		assert!(Queues::<Test>::get(USDC).is_empty());
		assert_eq!(Inflow::<Test>::get(USDC).credited, 700 * USD6);
	});
}

#[test]
fn queued_credits_wait_behind_earlier_ones_even_with_allowance_left() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 1_500 * USD6, ALICE));
		run_to(PERIOD);
		// 500 paid from the new period's allowance: 500 left, nothing queued.
		assert!(Queues::<Test>::get(USDC).is_empty());
		credit(&deposit(ETH, 1, USDC, 600 * USD6, BOB));
		assert_eq!(balance(USDC, BOB), 500 * USD6);
		assert_eq!(Queues::<Test>::get(USDC).total, 100 * USD6);
		// A small deposit after it may not jump the queue.
		credit(&deposit(ETH, 2, USDC, USD6, ALICE));
		assert_eq!(balance(USDC, ALICE), 1_500 * USD6);
		assert_eq!(Queues::<Test>::get(USDC).len(), 2);
	});
}

#[test]
fn queue_payouts_per_block_are_bounded_and_a_head_may_be_paid_in_part() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, MAX_INFLOW, ALICE));
		// Three queued credits: 100, 100 and 1,200 (larger than a whole period).
		credit(&deposit(ETH, 1, USDC, 100 * USD6, BOB));
		credit(&deposit(ETH, 2, USDC, 100 * USD6, BOB));
		credit(&deposit(ETH, 3, USDC, 1_200 * USD6, 3));
		assert_eq!(Queues::<Test>::get(USDC).len(), 3);
		bridge_events();
		run_to(PERIOD);
		// Two payouts a block.
		assert_eq!(balance(USDC, BOB), 200 * USD6);
		assert_eq!(balance(USDC, 3), 0);
		run_to(PERIOD + 1);
		// The rest of the period's allowance goes to the head, in part.
		assert_eq!(balance(USDC, 3), 800 * USD6);
		let queue = Queues::<Test>::get(USDC);
		assert_eq!((queue.len(), queue.total), (1, 400 * USD6));
		assert!(bridge_events().contains(&Event::QueuedCreditPaid {
			channel: ETH,
			nonce: 3,
			recipient: 3,
			asset: USDC,
			amount: 800 * USD6,
			remaining: 400 * USD6,
		}));
		run_to(2 * PERIOD);
		assert_eq!(balance(USDC, 3), 1_200 * USD6);
		assert!(Queues::<Test>::get(USDC).is_empty());
	});
}

#[test]
fn a_full_queue_refuses_the_attestation_that_would_overflow_it() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, MAX_INFLOW, ALICE));
		for n in 1..=3 {
			credit(&deposit(ETH, n, USDC, USD6, BOB));
		}
		let d = deposit(ETH, 4, USDC, USD6, BOB);
		assert_ok!(attest(R1, &d));
		assert_ok!(attest(R2, &d));
		assert_noop!(attest(R3, &d), Error::<Test>::InflowQueueFull);
		// After the queue drains, the same attestation goes through.
		run_to(PERIOD + 1);
		assert_ok!(attest(R3, &d));
		assert_eq!(balance(USDC, BOB), 4 * USD6);
	});
}

#[test]
fn queued_credits_may_go_into_usdai_when_paid() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 1_200 * USD6, ALICE)));
		assert_eq!(balance(USDAI, ALICE), 1_000 * USD);
		run_to(PERIOD);
		assert_eq!(balance(USDAI, ALICE), 1_200 * USD);
		assert_eq!(balance(USDC, ALICE), 0);
	});
}

#[test]
fn the_queue_waits_while_the_bridge_is_halted() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 1_500 * USD6, ALICE));
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		run_to(PERIOD + 2);
		assert_eq!(balance(USDC, ALICE), MAX_INFLOW);
		assert_ok!(TreasuryBridge::resume(RuntimeOrigin::signed(GUARDIAN)));
		run_to(PERIOD + 3);
		assert_eq!(balance(USDC, ALICE), 1_500 * USD6);
	});
}

#[test]
fn a_split_never_leaves_a_remainder_below_the_minimum_balance() {
	ExtBuilder::default().build_and_execute(|| {
		// A cent, as in the runtime.
		set_min_balance(USDC, 10_000);
		credit(&deposit(ETH, 0, USDC, MAX_INFLOW - 10 * USD6, ALICE));
		// 10 USDC of allowance left; Bob bridges 10.005 USDC into USDai: his USDC account is
		// emptied into the vault at once, so a rest of half a cent could never be paid.
		bridge_events();
		credit(&into_usdai(deposit(ETH, 1, USDC, 10 * USD6 + 5_000, BOB)));
		// 9.995 now, a cent later.
		assert!(bridge_events().contains(&Event::DepositCredited {
			channel: ETH,
			nonce: 1,
			recipient: BOB,
			asset: USDC,
			credited: 10 * USD6 - 5_000,
			queued: 10_000,
		}));
		assert_eq!(balance(USDC, BOB), 0);
		// A later deposit waits behind what is queued of Bob's.
		credit(&deposit(ETH, 2, USDC, 5 * USD6, 3));
		run_to(PERIOD);
		assert_eq!(balance(USDC, 3), 5 * USD6);
		assert_eq!(balance(USDAI, BOB), 10 * USD + 5_000 * 1_000_000_000_000);
		assert!(Queues::<Test>::get(USDC).is_empty());
		assert_eq!(HeldCredits::<Test>::count(), 0);
	});
}

#[test]
fn a_split_never_pays_a_part_below_the_minimum_balance() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDC, 10_000);
		// Half a cent of allowance left: a fresh account could not receive it.
		credit(&deposit(ETH, 0, USDC, MAX_INFLOW - 5_000, ALICE));
		credit(&deposit(ETH, 1, USDC, 10 * USD6, BOB));
		assert_eq!(balance(USDC, BOB), 0);
		assert_eq!(Queues::<Test>::get(USDC).total, 10 * USD6);
		// The queue leaves half a cent of the next period too: the second entry waits for the
		// period after, whole, instead of being paid half a cent.
		credit(&deposit(ETH, 2, USDC, MAX_INFLOW - 10 * USD6 - 5_000, ALICE));
		credit(&deposit(ETH, 3, USDC, 10 * USD6, 3));
		run_to(PERIOD);
		assert_eq!(balance(USDC, BOB), 10 * USD6);
		assert_eq!(balance(USDC, 3), 0);
		assert_eq!(Inflow::<Test>::get(USDC).credited, MAX_INFLOW - 5_000);
		run_to(2 * PERIOD);
		assert_eq!(balance(USDC, 3), 10 * USD6);
		assert!(Queues::<Test>::get(USDC).is_empty());
	});
}

#[test]
fn a_queued_credit_to_a_blocked_recipient_never_blocks_the_ones_behind_it() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, MAX_INFLOW, ALICE));
		credit(&deposit(ETH, 1, USDC, 5 * USD6, BOB));
		credit(&deposit(ETH, 2, USDC, 7 * USD6, 3));
		// Bob's account is blocked before his credit is paid.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDC, BOB, USD6));
		block_account(USDC, BOB);
		bridge_events();
		run_to(PERIOD);
		assert_eq!(balance(USDC, 3), 7 * USD6);
		assert_eq!(balance(USDC, BOB), USD6);
		// Bob's credit is held aside, out of the queue; the allowance it did not use is left.
		assert!(Queues::<Test>::get(USDC).is_empty());
		assert_eq!(Inflow::<Test>::get(USDC).credited, 7 * USD6);
		assert_eq!(HeldTotal::<Test>::get(USDC), 5 * USD6);
		assert!(bridge_events().contains(&Event::CreditHeld {
			channel: ETH,
			nonce: 1,
			asset: USDC,
			amount: 5 * USD6,
			action: DepositAction::Credit { recipient: BOB, into_usdai: false },
			error: Error::<Test>::CannotReceive.into(),
		}));
	});
}

#[test]
fn a_queued_credit_below_the_minimum_of_a_reaped_account_never_blocks_the_queue() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDC, 10_000);
		credit(&deposit(ETH, 0, USDC, MAX_INFLOW, ALICE));
		// Bob holds some USDC, so half a cent may be credited to him; it queues.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDC, BOB, USD6));
		credit(&deposit(ETH, 1, USDC, 5_000, BOB));
		credit(&deposit(ETH, 2, USDC, 7 * USD6, 3));
		// Bob's account is reaped before the half cent is paid: nobody can receive it now.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), USDC, ALICE, USD6));
		assert_eq!(balance(USDC, BOB), 0);
		run_to(PERIOD);
		assert_eq!(balance(USDC, 3), 7 * USD6);
		assert!(HeldCredits::<Test>::contains_key((ETH, 1)));
		assert!(Queues::<Test>::get(USDC).is_empty());
	});
}

#[test]
fn with_the_hold_full_an_unpayable_head_goes_to_the_end_of_the_queue() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDC, 10_000);
		// Two dust deposits fill the hold (two places).
		credit(&deposit(ETH, 0, USDC, 5_000, 4));
		credit(&deposit(ETH, 1, USDC, 5_000, 5));
		assert_eq!(HeldCredits::<Test>::count(), 2);
		credit(&deposit(ETH, 2, USDC, MAX_INFLOW, ALICE));
		credit(&deposit(ETH, 3, USDC, 5 * USD6, BOB));
		credit(&deposit(ETH, 4, USDC, 7 * USD6, 3));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDC, BOB, USD6));
		block_account(USDC, BOB);
		bridge_events();
		run_to(PERIOD);
		// Bob's credit could be neither paid nor held: it went to the end, 3 was paid.
		assert_eq!(balance(USDC, 3), 7 * USD6);
		assert!(bridge_events().contains(&Event::QueuedCreditDeferred {
			channel: ETH,
			nonce: 3,
			asset: USDC
		}));
		let queue = Queues::<Test>::get(USDC);
		assert_eq!((queue.len(), queue.total), (1, 5 * USD6));
		// Governance makes room: the next block holds it aside.
		assert_ok!(TreasuryBridge::settle_held_credit(
			RuntimeOrigin::root(),
			ETH,
			0,
			HeldSettlement::Cancel
		));
		run_to(PERIOD + 1);
		assert!(Queues::<Test>::get(USDC).is_empty());
		assert!(HeldCredits::<Test>::contains_key((ETH, 3)));
	});
}

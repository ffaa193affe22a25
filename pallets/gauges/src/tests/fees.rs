//! The lockers' fee share.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

fn claim(who: AccountId) {
	assert_ok!(Gauges::claim_fees(RuntimeOrigin::signed(who)));
}

#[test]
fn the_fee_share_is_split_by_power_rounded_down() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK / 2);
		accrue_fees(1_000);
		run_to_epoch(1);
		// Taken at the boundary: shared by power at epoch 1's start, 9,000 and 4,000.
		assert_eq!(EpochFees::<Test>::get(1), Some(FeePot { amount: 1_000, claimed: 0 }));
		assert_eq!(asset_of(USDAI, FEE_POT), 0);
		assert_eq!(TotalPower::<Test>::get(1), 13_000);
		assert_eq!(Gauges::claimable_fees(&ALICE), 692);
		gauge_events();
		claim(ALICE);
		assert_eq!(
			gauge_events(),
			vec![Event::FeesClaimed { who: ALICE, amount: 692, from: 1, to: 1 }]
		);
		claim(BOB);
		// 692.3 and 307.7 round down: the pot is never over-paid.
		assert_eq!(asset_of(USDAI, ALICE), 692);
		assert_eq!(asset_of(USDAI, BOB), 307);
		assert_eq!(EpochFees::<Test>::get(1).unwrap().claimed, 999);
		assert_eq!(asset_of(USDAI, Gauges::account_id()), 1);
		// Nothing more until the next epoch is tallied.
		assert_noop!(
			Gauges::claim_fees(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		// Lockers need not vote to earn the fee share.
		assert!(Gauges::locker(&BOB).votes.is_empty());
	});
}

#[test]
fn later_epochs_pay_by_the_decayed_power() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK / 2);
		run_to_epoch(3);
		accrue_fees(900);
		run_to_epoch(4);
		// Powers 6,000 and 1,000 at epoch 4.
		claim(ALICE);
		claim(BOB);
		assert_eq!(asset_of(USDAI, ALICE), 771);
		assert_eq!(asset_of(USDAI, BOB), 128);
		// After BOB's lock ends, ALICE takes everything.
		accrue_fees(500);
		run_to_epoch(6);
		claim(ALICE);
		claim(BOB);
		assert_eq!(asset_of(USDAI, ALICE), 771 + 500);
		assert_eq!(asset_of(USDAI, BOB), 128);
	});
}

#[test]
fn fees_wait_in_the_source_while_nothing_is_locked() {
	ExtBuilder::default().build_and_execute(|| {
		accrue_fees(1_000);
		run_to_epoch(3);
		assert_eq!(asset_of(USDAI, FEE_POT), 1_000);
		lock(ALICE, 1_000, MAX_LOCK);
		run_to_epoch(4);
		assert_eq!(asset_of(USDAI, FEE_POT), 0);
		claim(ALICE);
		assert_eq!(asset_of(USDAI, ALICE), 1_000);
	});
}

#[test]
fn a_claim_walks_at_most_max_claim_epochs() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		for e in 1..=7 {
			accrue_fees(100);
			run_to_epoch(e);
		}
		assert_eq!(Gauges::claimable_fees(&ALICE), 700);
		claim(ALICE);
		assert_eq!(asset_of(USDAI, ALICE), 500);
		assert_eq!(FeeCursor::<Test>::get(ALICE), Some(6));
		claim(ALICE);
		assert_eq!(asset_of(USDAI, ALICE), 700);
		assert_noop!(
			Gauges::claim_fees(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(Gauges::claim_fees(RuntimeOrigin::signed(BOB)), Error::<Test>::NothingToClaim);
	});
}

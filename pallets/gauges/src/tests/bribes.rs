//! Bribes: posting, pro-rata claims that never over-pay, double claims, returns.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

fn bribe(briber: AccountId, stack: StackId, epoch: EpochIndex, asset: AssetId, amount: Balance) {
	assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(briber), stack, epoch, asset, amount));
}

fn claim(who: AccountId, epoch: EpochIndex, stack: StackId) {
	assert_ok!(Gauges::claim_bribes(RuntimeOrigin::signed(who), epoch, stack));
}

/// ALICE and CHARLIE lock 1,000 and BOB 2,000, all for the maximum, all voting for stack 1:
/// their weights in epoch 1 are 9,000, 18,000 and 9,000 of 36,000.
fn three_voters() {
	lock(ALICE, 1_000, MAX_LOCK);
	lock(BOB, 2_000, MAX_LOCK);
	lock(CHARLIE, 1_000, MAX_LOCK);
	for who in [ALICE, BOB, CHARLIE] {
		vote(who, &[(1, 100)]);
	}
}

#[test]
fn bribes_are_paid_pro_rata_rounded_down() {
	ExtBuilder::default().build_and_execute(|| {
		three_voters();
		bribe(BRIBER, 1, 1, BRIBE, 1_001);
		bribe(BRIBER_2, 1, 1, BRIBE, 1_000);
		bribe(BRIBER, 1, 1, BRIBE_2, 10);
		assert_eq!(asset_of(BRIBE, Gauges::account_id()), 2_001);
		assert_eq!(
			BribePots::<Test>::get(1, 1).into_inner(),
			vec![
				BribePot { asset: BRIBE, amount: 2_001, claimed: 0 },
				BribePot { asset: BRIBE_2, amount: 10, claimed: 0 },
			]
		);
		run_to_epoch(1);
		assert_eq!(Gauges::claimable_bribes(&BOB, 1, 1), vec![(BRIBE, 1_000), (BRIBE_2, 5)]);
		gauge_events();
		claim(ALICE, 1, 1);
		claim(BOB, 1, 1);
		claim(CHARLIE, 1, 1);
		// 2,001 / 4 = 500.25 and 2,001 / 2 = 1,000.5 round down; 10 / 4 = 2.5 too.
		assert_eq!(asset_of(BRIBE, ALICE), 500);
		assert_eq!(asset_of(BRIBE, BOB), 1_000);
		assert_eq!(asset_of(BRIBE, CHARLIE), 500);
		assert_eq!(asset_of(BRIBE_2, ALICE), 2);
		assert_eq!(asset_of(BRIBE_2, BOB), 5);
		assert_eq!(asset_of(BRIBE_2, CHARLIE), 2);
		// Never more than the pot: the rounding dust stays in the pallet.
		let pots = BribePots::<Test>::get(1, 1);
		assert_eq!((pots[0].claimed, pots[1].claimed), (2_000, 9));
		assert_eq!(asset_of(BRIBE, Gauges::account_id()), 1);
		assert_eq!(asset_of(BRIBE_2, Gauges::account_id()), 1);
		assert_eq!(
			gauge_events()[1],
			Event::BribesClaimed {
				who: BOB,
				epoch: 1,
				stack: 1,
				paid: vec![(BRIBE, 1_000), (BRIBE_2, 5)].try_into().unwrap()
			}
		);
	});
}

#[test]
fn a_second_claim_fails() {
	ExtBuilder::default().build_and_execute(|| {
		three_voters();
		bribe(BRIBER, 1, 1, BRIBE, 1_000);
		run_to_epoch(1);
		claim(ALICE, 1, 1);
		assert_noop!(
			Gauges::claim_bribes(RuntimeOrigin::signed(ALICE), 1, 1),
			Error::<Test>::AlreadyClaimed
		);
		assert!(Gauges::claimable_bribes(&ALICE, 1, 1).is_empty());
		assert_eq!(asset_of(BRIBE, ALICE), 250);
	});
}

#[test]
fn bad_claims_fail_with_typed_errors() {
	ExtBuilder::default().build_and_execute(|| {
		three_voters();
		lock(DAVE, 1_000, MAX_LOCK);
		vote(DAVE, &[(2, 100)]);
		bribe(BRIBER, 1, 1, BRIBE, 1_000);
		bribe(BRIBER, 2, 1, BRIBE, 1_000);
		// Epoch 1 is not tallied yet.
		assert_noop!(
			Gauges::claim_bribes(RuntimeOrigin::signed(ALICE), 1, 1),
			Error::<Test>::EpochNotTallied
		);
		run_to_epoch(1);
		// DAVE voted for another stack; a stack without bribes pays nothing.
		assert_noop!(
			Gauges::claim_bribes(RuntimeOrigin::signed(DAVE), 1, 1),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Gauges::claim_bribes(RuntimeOrigin::signed(ALICE), 1, 3),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Gauges::claim_bribes(RuntimeOrigin::signed(BRIBER), 1, 1),
			Error::<Test>::NothingToClaim
		);
		claim(DAVE, 1, 2);
		assert_eq!(asset_of(BRIBE, DAVE), 1_000);
	});
}

#[test]
fn claims_use_the_votes_in_force_in_the_epoch_and_stay_claimable() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		vote(BOB, &[(1, 100)]);
		bribe(BRIBER, 1, 1, BRIBE, 1_000);
		bribe(BRIBER, 1, 2, BRIBE, 1_000);
		run_to_epoch(1);
		// ALICE leaves stack 1 from epoch 2; she keeps her epoch-1 share.
		vote(ALICE, &[(3, 100)]);
		lock(ALICE, 1_000, MAX_LOCK);
		run_to_epoch(2);
		vote(ALICE, &[(4, 100)]);
		run_to_epoch(6);
		assert_noop!(
			Gauges::claim_bribes(RuntimeOrigin::signed(ALICE), 2, 1),
			Error::<Test>::NothingToClaim
		);
		claim(ALICE, 1, 1);
		claim(BOB, 2, 1);
		claim(BOB, 1, 1);
		assert_eq!(asset_of(BRIBE, ALICE), 500);
		// BOB was alone on stack 1 in epoch 2.
		assert_eq!(asset_of(BRIBE, BOB), 500 + 1_000);
	});
}

#[test]
fn bribes_for_a_stack_nobody_voted_for_go_back() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		bribe(BRIBER, 2, 1, BRIBE, 700);
		bribe(BRIBER_2, 2, 1, BRIBE, 300);
		bribe(BRIBER, 1, 1, BRIBE, 100);
		assert_noop!(
			Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER), 1, 2, BRIBE),
			Error::<Test>::EpochNotTallied
		);
		run_to_epoch(1);
		assert_noop!(
			Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE),
			Error::<Test>::StackHadVotes
		);
		assert_noop!(
			Gauges::reclaim_bribe(RuntimeOrigin::signed(ALICE), 1, 2, BRIBE),
			Error::<Test>::NoBribe
		);
		assert_noop!(
			Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER), 1, 2, BRIBE_2),
			Error::<Test>::NoBribe
		);
		gauge_events();
		assert_ok!(Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER), 1, 2, BRIBE));
		assert_eq!(
			gauge_events(),
			vec![Event::BribeReclaimed {
				briber: BRIBER,
				epoch: 1,
				stack: 2,
				asset: BRIBE,
				amount: 700
			}]
		);
		assert_eq!(asset_of(BRIBE, BRIBER), 1_000_000 - 100);
		assert_eq!(BribePots::<Test>::get(1, 2)[0].amount, 300);
		assert_noop!(
			Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER), 1, 2, BRIBE),
			Error::<Test>::NoBribe
		);
		assert_ok!(Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER_2), 1, 2, BRIBE));
		assert_eq!(asset_of(BRIBE, BRIBER_2), 1_000_000);
		assert!(BribePots::<Test>::get(1, 2).is_empty());
		// The voted stack's bribe stays with ALICE.
		claim(ALICE, 1, 1);
		assert_eq!(asset_of(BRIBE, ALICE), 100);
	});
}

#[test]
fn bad_bribes_fail_with_typed_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let briber = RuntimeOrigin::signed(BRIBER);
		assert_noop!(Gauges::add_bribe(briber.clone(), 1, 1, BRIBE, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Gauges::add_bribe(briber.clone(), NO_STACK, 1, BRIBE, 10),
			Error::<Test>::UnknownStack
		);
		assert_noop!(
			Gauges::add_bribe(briber.clone(), 1, 0, BRIBE, 10),
			Error::<Test>::EpochNotFuture
		);
		assert_noop!(
			Gauges::add_bribe(briber.clone(), 1, 5, BRIBE, 10),
			Error::<Test>::EpochTooFar
		);
		assert_ok!(Gauges::add_bribe(briber.clone(), 1, 4, BRIBE, 10));
		assert_ok!(Gauges::add_bribe(briber.clone(), 1, 4, BRIBE_2, 10));
		assert_noop!(
			Gauges::add_bribe(briber.clone(), 1, 4, BRIBE_3, 10),
			Error::<Test>::TooManyBribeAssets
		);
		// More than the briber holds.
		assert_noop!(
			Gauges::add_bribe(briber, 1, 4, BRIBE, 2_000_000),
			TokenError::FundsUnavailable
		);
		// Bribes accumulate per asset.
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER_2), 1, 4, BRIBE, 5));
		assert_eq!(BribePots::<Test>::get(4, 1)[0].amount, 15);
		assert_eq!(BribeContributions::<Test>::get((4, 1, BRIBE, BRIBER_2)), 5);
		run_to_epoch(1);
		assert_noop!(
			Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE, 10),
			Error::<Test>::EpochNotFuture
		);
	});
}

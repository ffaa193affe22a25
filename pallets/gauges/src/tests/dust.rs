//! No payout reaps the pallet's account under the pots' unclaimed rest, no claim stalls, and no
//! deposit leaves its payer dust. The tokens' minimum balance is raised to 10 (the mock creates
//! them with one, at which no dust exists).

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate};
use usdai_primitives::chip::UNIT;

/// The minimum balance in these tests.
const MIN: Balance = 10;

fn set_min_balance(asset: AssetId) {
	assert_ok!(Assets::force_asset_status(
		RuntimeOrigin::root(),
		asset,
		ADMIN,
		ADMIN,
		ADMIN,
		ADMIN,
		MIN,
		false,
		false
	));
}

/// The fuzzer's counterexample: two lockers claim a pot whose shares round down, and the last
/// claim left the account its one-unit remainder, below the minimum: it was reaped with it.
#[test]
fn the_last_fee_claim_never_reaps_the_gauges_account_under_unclaimed_dust() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDAI);
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK / 2);
		accrue_fees(1_000);
		gauge_events();
		run_to_epoch(1);
		// The first fees keep the minimum as the account's anchor; the lockers share the rest.
		assert!(gauge_events().contains(&Event::Anchored { asset: USDAI, amount: MIN }));
		assert_eq!(Anchors::<Test>::get(USDAI), MIN);
		assert_eq!(EpochFees::<Test>::get(1), Some(FeePot { amount: 990, claimed: 0 }));
		assert_ok!(Gauges::claim_fees(RuntimeOrigin::signed(ALICE)));
		assert_ok!(Gauges::claim_fees(RuntimeOrigin::signed(BOB)));
		// 990 × 9,000 / 13,000 and 990 × 4,000 / 13,000, rounded down: one unit is left over.
		assert_eq!((asset_of(USDAI, ALICE), asset_of(USDAI, BOB)), (685, 304));
		assert_eq!(asset_of(USDAI, Gauges::account_id()), MIN + 1);
		// Later fees need no anchor.
		accrue_fees(1_000);
		run_to_epoch(2);
		assert_eq!(EpochFees::<Test>::get(2).unwrap().amount, 1_000);
	});
}

/// A large share claimed first must not reap the account under a small one still unclaimed;
/// the small one, less than the minimum into an account that holds none, cannot be received:
/// it stays in its pot and the claim goes on (it never stalls the claimant's later epochs).
#[test]
fn a_fee_claim_never_reaps_the_account_under_another_lockers_share() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDAI);
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 10, MAX_LOCK / 2);
		accrue_fees(1_000);
		run_to_epoch(1);
		// Powers 9,000 and 40 of 9,040: ALICE 985, BOB 4 of the 990.
		assert_ok!(Gauges::claim_fees(RuntimeOrigin::signed(ALICE)));
		assert_eq!(asset_of(USDAI, ALICE), 985);
		assert_eq!(asset_of(USDAI, Gauges::account_id()), MIN + 5);
		gauge_events();
		assert_ok!(Gauges::claim_fees(RuntimeOrigin::signed(BOB)));
		assert_eq!(
			gauge_events(),
			vec![Event::FeesClaimed { who: BOB, amount: 0, from: 1, to: 1 }]
		);
		assert_eq!(FeeCursor::<Test>::get(BOB), Some(2));
		assert_eq!(EpochFees::<Test>::get(1).unwrap().claimed, 985);
		assert_eq!(asset_of(USDAI, Gauges::account_id()), MIN + 5);
	});
}

/// ALICE (9,000) and BOB (4,000) vote for stack 1.
fn two_voters() {
	lock(ALICE, 1_000, MAX_LOCK);
	lock(BOB, 1_000, MAX_LOCK / 2);
	vote(ALICE, &[(1, 100)]);
	vote(BOB, &[(1, 100)]);
}

#[test]
fn the_last_bribe_claim_never_reaps_the_gauges_account() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(BRIBE);
		two_voters();
		gauge_events();
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE, 1_000));
		// The first bribe of the asset pays the anchor on top.
		assert_eq!(asset_of(BRIBE, BRIBER), 1_000_000 - 1_000 - MIN);
		assert_eq!(gauge_events()[0], Event::Anchored { asset: BRIBE, amount: MIN });
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER_2), 1, 1, BRIBE, 1_000));
		assert_eq!(asset_of(BRIBE, BRIBER_2), 1_000_000 - 1_000);
		run_to_epoch(1);
		assert_ok!(Gauges::claim_bribes(RuntimeOrigin::signed(ALICE), 1, 1));
		assert_ok!(Gauges::claim_bribes(RuntimeOrigin::signed(BOB), 1, 1));
		// 2,000 × 9 / 13 and 2,000 × 4 / 13, rounded down.
		assert_eq!((asset_of(BRIBE, ALICE), asset_of(BRIBE, BOB)), (1_384, 615));
		assert_eq!(asset_of(BRIBE, Gauges::account_id()), MIN + 1);
	});
}

/// A voter's share it cannot receive stays in its pot; its other pots are paid.
#[test]
fn a_bribe_share_the_voter_cannot_receive_stays_in_its_pot_and_the_rest_is_paid() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(BRIBE);
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 10, MAX_LOCK / 2);
		vote(ALICE, &[(1, 100)]);
		vote(BOB, &[(1, 100)]);
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE, 1_000));
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE_2, 1_000));
		run_to_epoch(1);
		assert_ok!(Gauges::claim_bribes(RuntimeOrigin::signed(ALICE), 1, 1));
		gauge_events();
		// BOB's 4 of BRIBE is below its minimum and BOB holds none; BRIBE_2's minimum is one.
		assert_ok!(Gauges::claim_bribes(RuntimeOrigin::signed(BOB), 1, 1));
		assert_eq!(
			gauge_events(),
			vec![Event::BribesClaimed {
				who: BOB,
				epoch: 1,
				stack: 1,
				paid: vec![(BRIBE, 0), (BRIBE_2, 4)].try_into().unwrap()
			}]
		);
		assert_eq!((asset_of(BRIBE, BOB), asset_of(BRIBE_2, BOB)), (0, 4));
		assert_eq!(BribePots::<Test>::get(1, 1)[0].claimed, 995);
		assert_eq!(asset_of(BRIBE, Gauges::account_id()), MIN + 5);
	});
}

#[test]
fn reclaiming_bribes_never_reaps_the_gauges_account() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(BRIBE);
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 2, 1, BRIBE, 1_000));
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER_2), 2, 1, BRIBE, 5));
		run_to_epoch(1);
		assert_ok!(Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER), 1, 2, BRIBE));
		assert_eq!(asset_of(BRIBE, Gauges::account_id()), MIN + 5);
		assert_ok!(Gauges::reclaim_bribe(RuntimeOrigin::signed(BRIBER_2), 1, 2, BRIBE));
		assert_eq!(asset_of(BRIBE, BRIBER_2), 1_000_000);
		assert_eq!(asset_of(BRIBE, Gauges::account_id()), MIN);
	});
}

#[test]
fn a_bribe_or_a_backstop_purchase_that_would_leave_its_payer_dust_fails() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(BRIBE);
		// The anchor is paid on top: all but 5 of the briber's tokens.
		assert_noop!(
			Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE, 1_000_000 - MIN - 5),
			Error::<Test>::LeavesDust
		);
		assert_ok!(Gauges::add_bribe(RuntimeOrigin::signed(BRIBER), 1, 1, BRIBE, 1_000_000 - MIN));
		assert_eq!(asset_of(BRIBE, BRIBER), 0);

		set_min_balance(USDAI);
		UncoveredLoss::set(&(1_000 * UNIT));
		assert_ok!(Gauges::backstop(RuntimeOrigin::root(), 600 * UNIT, UNIT));
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDAI, &CHARLIE, 100 * UNIT));
		assert_noop!(
			Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 100 * UNIT - 1),
			Error::<Test>::LeavesDust
		);
		assert_ok!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 100 * UNIT));
		assert_eq!(asset_of(USDAI, CHARLIE), 0);
	});
}

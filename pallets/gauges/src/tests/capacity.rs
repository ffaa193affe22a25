//! The lending policy: governance's caps decide below the quorum of voted power, the gauges
//! (under the caps and the bound on one stack's share) at or above it.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};
use usdai_primitives::capacity::Capacity;

/// What filo would see in the runtime: the gauges under the mock's governance caps.
fn capacity(stack: StackId) -> Option<Balance> {
	<GaugedCapacity<Test, MockCaps> as Capacity>::capacity(stack)
}

fn gauges_alone(stack: StackId) -> Option<Balance> {
	<Gauges as Capacity>::capacity(stack)
}

fn set_quorum(quorum: Balance) {
	assert_ok!(Gauges::set_capacity_quorum(RuntimeOrigin::root(), quorum));
}

fn set_max_share(percent: u32) {
	assert_ok!(Gauges::set_max_stack_share(RuntimeOrigin::root(), Perbill::from_percent(percent)));
}

#[test]
fn a_single_chip_of_votes_no_longer_changes_capacity() {
	ExtBuilder::default().build_and_execute(|| {
		set_quorum(1_000_000);
		set_cap(1, Some(500_000));
		set_cap(2, Some(300_000));
		// The smallest lock there is, for the longest time, all of it on an uncapped stack.
		lock(DAVE, 10, MAX_LOCK);
		vote(DAVE, &[(3, 100)]);
		run_to_epoch(1);
		assert_eq!(VotedPower::<Test>::get(1), 90);
		assert!(!Gauges::is_live());
		assert_eq!(capacity(1), Some(500_000));
		assert_eq!(capacity(2), Some(300_000));
		assert_eq!(capacity(3), None);
		assert_eq!(gauges_alone(3), None);
		// Nor does a whole account's CHIP, short of the quorum.
		lock(ALICE, 900_000, MAX_LOCK);
		vote(ALICE, &[(3, 100)]);
		run_to_epoch(2);
		assert_eq!(VotedPower::<Test>::get(2), 80 + 8_100_000);
		assert!(!Gauges::is_live());
		assert_eq!((capacity(1), capacity(3)), (Some(500_000), None));
	});
}

#[test]
fn below_the_quorum_governance_caps_decide() {
	ExtBuilder::default().build_and_execute(|| {
		set_cap(1, Some(400_000));
		// Nobody has voted: the caps grant capacity, a stack without a cap may not lend.
		assert_eq!(capacity(1), Some(400_000));
		assert_eq!(capacity(2), None);
		set_quorum(1_000);
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(2, 100)]);
		run_to_epoch(1);
		// 900 of voting power, below the quorum of 1,000.
		assert!(!Gauges::is_live());
		assert_eq!(capacity(1), Some(400_000));
		assert_eq!(capacity(2), None);
		assert_eq!(gauges_alone(1), None);
		assert_eq!(gauges_alone(2), None);
	});
}

#[test]
fn at_the_quorum_the_gauges_decide_under_the_caps() {
	ExtBuilder::default().build_and_execute(|| {
		set_quorum(900);
		set_cap(1, Some(400_000));
		set_cap(2, Some(100_000));
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 30), (2, 30), (3, 40)]);
		run_to_epoch(1);
		assert!(Gauges::is_live());
		// The gauge's grant when it is below the cap, the cap when it is below the grant, the
		// grant alone for an uncapped stack; a stack without votes may not lend, cap or not.
		assert_eq!(capacity(1), Some(300_000));
		assert_eq!(capacity(2), Some(100_000));
		assert_eq!(capacity(3), Some(400_000));
		set_cap(4, Some(1_000));
		assert_eq!(capacity(4), None);
		assert_eq!(gauges_alone(2), Some(300_000));
	});
}

#[test]
fn the_quorum_is_reached_exactly_at_it_and_not_one_below() {
	ExtBuilder::default().build_and_execute(|| {
		set_cap(1, Some(123));
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		run_to_epoch(1);
		// 1,000 CHIP locked for 9 of the 10 epochs of the longest lock: 900 of voting power.
		assert_eq!(Gauges::locker(&ALICE).power, 900);
		set_quorum(901);
		assert!(!Gauges::is_live());
		assert_eq!(capacity(1), Some(123));
		set_quorum(900);
		assert!(Gauges::is_live());
		assert_eq!(capacity(1), Some(123));
		set_cap(1, None);
		assert_eq!(capacity(1), Some(Capital::get()));
		// In raw power (CHIP × epochs left) the quorum is 900 × 10 = 9,000, exactly the vote.
		assert_eq!(Gauges::raw_quorum(), Some(9_000));
		assert!(Gauges::quorum_reached(9_000));
		assert!(!Gauges::quorum_reached(8_999));
	});
}

#[test]
fn a_quorum_in_a_fraction_of_raw_power_is_rounded_up() {
	ExtBuilder::default().build_and_execute(|| {
		// Raw power is ten times voting power in the mock; a quorum of 1 is 10 raw, never less.
		set_quorum(1);
		assert!(Gauges::quorum_reached(10));
		assert!(!Gauges::quorum_reached(9));
		// A quorum too large to convert is never reached.
		set_quorum(Balance::MAX);
		assert_eq!(Gauges::raw_quorum(), None);
		assert!(!Gauges::quorum_reached(RawPower::MAX));
		// An epoch without votes never reaches a quorum.
		assert!(!Gauges::quorum_reached(0));
	});
}

#[test]
fn no_stack_gets_more_than_the_max_share_of_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		set_max_share(25);
		// One uncapped stack with every vote: a quarter of the vault, not all of it.
		lock(ALICE, 500_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		run_to_epoch(1);
		assert!(Gauges::is_live());
		assert_eq!(capacity(1), Some(250_000));
		assert_eq!(gauges_alone(1), Some(250_000));
		// A cap above the bound does not lift it; a cap below it binds.
		set_cap(1, Some(900_000));
		assert_eq!(capacity(1), Some(250_000));
		set_cap(1, Some(100_000));
		assert_eq!(capacity(1), Some(100_000));
		// The views show the bounded capacity.
		assert_eq!(Gauges::current_weights().gauges[0].capacity, 250_000);
		assert_eq!(Gauges::next_weights().gauges[0].capacity, 250_000);
		// The bound follows the capital and is rounded down.
		Capital::set(&1_000_003);
		assert_eq!(gauges_alone(1), Some(250_000));
		// Shares under the bound are untouched; together the stacks never exceed the vault.
		Capital::set(&1_000_000);
		vote(ALICE, &[(1, 20), (2, 30), (3, 50)]);
		run_to_epoch(2);
		set_cap(1, None);
		let granted: Vec<_> = (1..=3).map(|s| capacity(s).unwrap()).collect();
		assert_eq!(granted, vec![200_000, 250_000, 250_000]);
		assert!(granted.iter().sum::<Balance>() <= Capital::get());
	});
}

#[test]
fn one_large_locker_cannot_hand_its_stack_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		set_quorum(100_000);
		set_max_share(20);
		// Honest voters reach the quorum over two stacks.
		lock(ALICE, 100_000, MAX_LOCK);
		lock(BOB, 100_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		vote(BOB, &[(2, 100)]);
		// An attacker locks ten times as much for its own uncapped stack in the last block
		// of the epoch.
		run_to(EPOCH - 1);
		lock(CHARLIE, 900_000, MAX_LOCK);
		vote(CHARLIE, &[(3, 100)]);
		run_to_epoch(1);
		assert!(Gauges::is_live());
		assert_eq!(capacity(3), Some(200_000));
		assert!(capacity(1).unwrap() < 200_000);
		// Withdrawing its votes takes the gauges below the quorum only if the others are
		// below it too: here they are not.
		vote(CHARLIE, &[]);
		run_to_epoch(2);
		assert!(Gauges::is_live());
		assert_eq!(capacity(3), None);
		assert_eq!(capacity(1), Some(200_000));
	});
}

#[test]
fn the_regime_changes_only_at_epoch_boundaries() {
	ExtBuilder::default().build_and_execute(|| {
		set_quorum(150);
		set_cap(1, Some(50_000));
		// 1,000 CHIP until the start of epoch 3: 200 of power in epoch 1, 100 in epoch 2.
		lock(BOB, 1_000, 3 * EPOCH);
		vote(BOB, &[(1, 100)]);
		assert_eq!(capacity(1), Some(50_000));
		run_to_epoch(1);
		assert!(Gauges::is_live());
		set_cap(1, None);
		assert_eq!(capacity(1), Some(Capital::get()));
		set_cap(1, Some(50_000));
		assert_eq!(capacity(1), Some(50_000));
		set_cap(1, None);
		// A vote cast inside the epoch changes nothing before the next boundary.
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(2, 100)]);
		run_to(2 * EPOCH - 1);
		assert_eq!(capacity(1), Some(Capital::get()));
		assert_eq!(capacity(2), None);
		// Epoch 2: BOB's lock has decayed (1,000 raw) and ALICE's counts (9,000 raw).
		run_to_epoch(2);
		assert_eq!(capacity(1), Some(100_000));
		assert_eq!(capacity(2), Some(900_000));
		// ALICE withdraws: in epoch 3 BOB's lock has ended and nothing is voted; the caps
		// are back.
		vote(ALICE, &[]);
		set_cap(1, Some(50_000));
		assert_eq!(capacity(1), Some(50_000));
		run_to_epoch(3);
		assert!(!Gauges::is_live());
		assert_eq!(capacity(1), Some(50_000));
		assert_eq!(capacity(2), None);
		// Decay alone takes the votes below the quorum: ALICE's power falls by 100 an epoch.
		vote(ALICE, &[(2, 100)]);
		set_quorum(700);
		run_to_epoch(4);
		assert_eq!(VotedPower::<Test>::get(4), 7_000);
		assert!(Gauges::is_live());
		run_to_epoch(5);
		assert!(!Gauges::is_live());
		assert_eq!(capacity(2), None);
		assert_eq!(capacity(1), Some(50_000));
	});
}

#[test]
fn governance_sets_the_quorum_and_the_max_share() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(CapacityQuorum::<Test>::get(), MockQuorum::get());
		assert_eq!(MaxStackShare::<Test>::get(), MockMaxShare::get());
		set_quorum(5_000);
		set_max_share(30);
		assert_eq!(CapacityQuorum::<Test>::get(), 5_000);
		assert_eq!(MaxStackShare::<Test>::get(), Perbill::from_percent(30));
		assert_eq!(
			gauge_events(),
			vec![
				Event::CapacityQuorumSet { quorum: 5_000 },
				Event::MaxStackShareSet { share: Perbill::from_percent(30) }
			]
		);
		// Only governance, and never zero (a zero quorum would let any vote decide, a zero
		// share would stop all lending through the back door).
		assert_noop!(
			Gauges::set_capacity_quorum(RuntimeOrigin::signed(ALICE), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Gauges::set_max_stack_share(RuntimeOrigin::signed(ALICE), Perbill::one()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Gauges::set_capacity_quorum(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Gauges::set_max_stack_share(RuntimeOrigin::root(), Perbill::zero()),
			Error::<Test>::ZeroShare
		);
	});
}

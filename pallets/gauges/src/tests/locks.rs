//! Locking, power by lock length and its decay, extending and unlocking.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
};
use sp_runtime::{traits::BadOrigin, TokenError};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Gauges(HoldReason::Lock), &who)
}

fn power(who: AccountId) -> Balance {
	Gauges::locker(&who).power
}

#[test]
fn a_lock_holds_chip_and_its_power_grows_with_its_length() {
	ExtBuilder::default().build_and_execute(|| {
		// Block 1: a 100-block lock ends at the start of epoch 10, a 50-block one at epoch 5.
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK / 2);
		assert_eq!(
			gauge_events(),
			vec![
				Event::Locked { who: ALICE, amount: 1_000, end: 10 },
				Event::Locked { who: BOB, amount: 1_000, end: 5 },
			]
		);
		assert_eq!(held(ALICE), 1_000);
		assert_eq!(free_chip(ALICE), CHIP - 1_000);
		assert_eq!(TotalLocked::<Test>::get(), 2_000);
		// Power = amount × blocks left / MaxLockDuration: twice the length, about twice the
		// power (99 and 49 blocks are left).
		assert_eq!(power(ALICE), 990);
		assert_eq!(power(BOB), 490);
		// In the exact unit at the next epoch's start: 9 epochs left against 4.
		assert_eq!(Gauges::locker(&ALICE).next_epoch_power, 9_000);
		assert_eq!(Gauges::locker(&BOB).next_epoch_power, 4_000);
		// A lock of the maximum length never has more power than its amount.
		assert!(power(ALICE) <= 1_000);
	});
}

#[test]
fn power_decays_linearly_as_the_lock_runs_down() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		run_to(50);
		assert_eq!(power(ALICE), 500);
		run_to(75);
		assert_eq!(power(ALICE), 250);
		run_to(100);
		// The tallied power at each epoch's start falls by the lock's amount per epoch.
		for e in 1..10u32 {
			assert_eq!(TotalPower::<Test>::get(e), 1_000 * u128::from(10 - e));
		}
		assert_eq!(power(ALICE), 0);
		assert_eq!(TotalPower::<Test>::get(10), 0);
		assert!(GlobalPoint::<Test>::get().is_zero());
	});
}

#[test]
fn unlock_before_expiry_fails_and_after_it_releases_the_chip() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK / 2);
		lock(ALICE, 2_000, MAX_LOCK);
		assert_noop!(Gauges::unlock(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToUnlock);
		assert_noop!(Gauges::unlock(RuntimeOrigin::signed(BOB)), Error::<Test>::NothingToUnlock);
		// One block before the first lock's end.
		run_to(49);
		assert_noop!(Gauges::unlock(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToUnlock);
		run_to(50);
		gauge_events();
		assert_ok!(Gauges::unlock(RuntimeOrigin::signed(ALICE)));
		assert_eq!(gauge_events(), vec![Event::Unlocked { who: ALICE, amount: 1_000 }]);
		assert_eq!(held(ALICE), 2_000);
		assert_eq!(free_chip(ALICE), CHIP - 2_000);
		assert_eq!(TotalLocked::<Test>::get(), 2_000);
		assert_eq!(Gauges::locker(&ALICE).locks, vec![Lock { amount: 2_000, end: 10 }]);
		assert_noop!(Gauges::unlock(RuntimeOrigin::signed(ALICE)), Error::<Test>::NothingToUnlock);
		run_to(100);
		assert_ok!(Gauges::unlock(RuntimeOrigin::signed(ALICE)));
		assert_eq!(held(ALICE), 0);
		assert_eq!(free_chip(ALICE), CHIP);
		assert_eq!(TotalLocked::<Test>::get(), 0);
	});
}

#[test]
fn extend_lock_moves_the_end_out_and_raises_the_power() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK / 2);
		assert_eq!(power(ALICE), 490);
		gauge_events();
		assert_ok!(Gauges::extend_lock(RuntimeOrigin::signed(ALICE), 0, MAX_LOCK));
		assert_eq!(gauge_events(), vec![Event::LockExtended { who: ALICE, index: 0, end: 10 }]);
		assert_eq!(power(ALICE), 990);
		assert_eq!(TotalLocked::<Test>::get(), 1_000);
		assert_noop!(
			Gauges::extend_lock(RuntimeOrigin::signed(ALICE), 0, MAX_LOCK / 2),
			Error::<Test>::NotExtended
		);
		assert_noop!(
			Gauges::extend_lock(RuntimeOrigin::signed(ALICE), 1, MAX_LOCK),
			Error::<Test>::UnknownLock
		);
		assert_noop!(
			Gauges::extend_lock(RuntimeOrigin::signed(BOB), 0, MAX_LOCK),
			Error::<Test>::UnknownLock
		);
		assert_noop!(
			Gauges::extend_lock(RuntimeOrigin::signed(ALICE), 0, MAX_LOCK + 1),
			Error::<Test>::LockTooLong
		);
		// An expired lock may be locked again.
		run_to(100);
		assert_eq!(power(ALICE), 0);
		assert_ok!(Gauges::extend_lock(RuntimeOrigin::signed(ALICE), 0, MAX_LOCK));
		assert_eq!(power(ALICE), 1_000);
	});
}

#[test]
fn bad_locks_fail_with_typed_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let alice = RuntimeOrigin::signed(ALICE);
		assert_noop!(Gauges::lock(alice.clone(), 0, MAX_LOCK), Error::<Test>::ZeroAmount);
		assert_noop!(Gauges::lock(alice.clone(), 9, MAX_LOCK), Error::<Test>::LockTooSmall);
		assert_noop!(Gauges::lock(alice.clone(), 100, MAX_LOCK + 1), Error::<Test>::LockTooLong);
		// From block 1, 18 blocks end in epoch 1: no power in the next epoch.
		assert_noop!(Gauges::lock(alice.clone(), 100, 18), Error::<Test>::LockTooShort);
		assert_ok!(Gauges::lock(alice.clone(), 100, 19));
		assert_noop!(Gauges::lock(alice.clone(), CHIP, MAX_LOCK), TokenError::FundsUnavailable);
		assert_ok!(Gauges::lock(alice.clone(), 100, MAX_LOCK));
		assert_ok!(Gauges::lock(alice.clone(), 100, MAX_LOCK));
		assert_noop!(Gauges::lock(alice, 100, MAX_LOCK), Error::<Test>::TooManyLocks);
		assert_noop!(Gauges::lock(RuntimeOrigin::root(), 100, MAX_LOCK), BadOrigin);
	});
}

#[test]
fn positions_wait_while_an_epoch_is_not_tallied() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		// Epoch 1 began but its hook has not run yet.
		System::set_block_number(EPOCH);
		assert_noop!(
			Gauges::lock(RuntimeOrigin::signed(BOB), 1_000, MAX_LOCK),
			Error::<Test>::TallyPending
		);
		assert_noop!(
			Gauges::vote(RuntimeOrigin::signed(ALICE), Default::default()),
			Error::<Test>::TallyPending
		);
		Gauges::on_initialize(EPOCH);
		assert_eq!(LastTallied::<Test>::get(), 1);
		assert_ok!(Gauges::lock(RuntimeOrigin::signed(BOB), 1_000, MAX_LOCK));
	});
}

#[test]
fn the_clock_jumps_over_epochs_in_which_nothing_is_locked() {
	ExtBuilder::default().build_and_execute(|| {
		System::set_block_number(25 * EPOCH + 3);
		Gauges::on_initialize(25 * EPOCH + 3);
		assert_eq!(LastTallied::<Test>::get(), 25);
		lock(ALICE, 1_000, MAX_LOCK);
		// With something locked, missed epochs are tallied one per block.
		System::set_block_number(28 * EPOCH);
		Gauges::on_initialize(28 * EPOCH);
		assert_eq!(LastTallied::<Test>::get(), 26);
		assert_eq!(TotalPower::<Test>::get(26), 9_000);
		Gauges::on_initialize(28 * EPOCH + 1);
		Gauges::on_initialize(28 * EPOCH + 2);
		assert_eq!(LastTallied::<Test>::get(), 28);
		assert_eq!(TotalPower::<Test>::get(28), 7_000);
	});
}

#[test]
fn the_mock_configuration_passes_the_integrity_test() {
	ExtBuilder::default().build_and_execute(|| {
		<Gauges as Hooks<u64>>::integrity_test();
	});
}

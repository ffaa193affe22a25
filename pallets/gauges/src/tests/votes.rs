//! Votes, the tally, gauge weights and the capacity they grant.

use crate::{mock::*, *};
use frame_support::BoundedVec;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;
use usdai_primitives::capacity::Capacity;

fn capacity(stack: StackId) -> Option<Balance> {
	<Gauges as Capacity>::capacity(stack)
}

fn votes(list: &[(StackId, u32)]) -> BoundedVec<Vote, <Test as Config>::MaxVotes> {
	list.iter()
		.map(|(s, p)| (*s, Perbill::from_percent(*p)))
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

#[test]
fn a_vote_takes_effect_from_the_next_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		assert_eq!(
			gauge_events().last(),
			Some(&Event::Voted { who: ALICE, votes: votes(&[(1, 100)]), from: 1 })
		);
		// Epoch 0 has no weights: nobody may lend yet, and the gauges are not live.
		assert_eq!(capacity(1), None);
		assert!(!Gauges::is_live());
		assert_eq!(Gauges::next_weights().gauges[0].weight, 9_000);
		run_to_epoch(1);
		assert!(Gauges::is_live());
		assert_eq!(GaugeWeights::<Test>::get(1, 1), 9_000);
		assert_eq!(capacity(1), Some(Capital::get()));
		// A change in epoch 1 waits for epoch 2.
		vote(ALICE, &[(2, 100)]);
		assert_eq!(capacity(1), Some(Capital::get()));
		assert_eq!(capacity(2), None);
		run_to_epoch(2);
		assert_eq!(capacity(1), None);
		assert_eq!(capacity(2), Some(Capital::get()));
		assert_eq!(GaugeWeights::<Test>::get(2, 2), 8_000);
	});
}

#[test]
fn weights_sum_to_one_hundred_percent_and_capacity_follows_them() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK / 2);
		vote(ALICE, &[(1, 50), (2, 50)]);
		vote(BOB, &[(3, 100)]);
		run_to_epoch(1);
		// ALICE: 500 × 9 epochs per stack; BOB: 1,000 × 4 epochs.
		assert_eq!(GaugeWeights::<Test>::get(1, 1), 4_500);
		assert_eq!(GaugeWeights::<Test>::get(1, 2), 4_500);
		assert_eq!(GaugeWeights::<Test>::get(1, 3), 4_000);
		assert_eq!(VotedPower::<Test>::get(1), 13_000);
		let view = Gauges::current_weights();
		assert_eq!(view.epoch, 1);
		assert_eq!(view.gauges.iter().map(|g| g.weight).sum::<u128>(), view.voted_power);
		// The shares are rounded to the nearest billionth: they add up to 100% within one
		// billionth per stack.
		let parts: u64 = view.gauges.iter().map(|g| u64::from(g.share.deconstruct())).sum();
		assert!((1_000_000_000 - 3..=1_000_000_000 + 3).contains(&parts));
		// Capacity = capital × weight / total, rounded down: never more than the capital.
		assert_eq!(capacity(1), Some(346_153));
		assert_eq!(capacity(2), Some(346_153));
		assert_eq!(capacity(3), Some(307_692));
		assert!([1, 2, 3].iter().map(|s| capacity(*s).unwrap()).sum::<u128>() <= Capital::get());
		assert_eq!(capacity(4), None);
		// Capacity follows the capital too.
		Capital::set(&2_000_000);
		assert_eq!(capacity(3), Some(615_384));
		Capital::set(&1_000_000);

		// BOB's shorter lock decays faster: by epoch 3 his stack's share has fallen.
		run_to_epoch(3);
		assert_eq!(GaugeWeights::<Test>::get(3, 3), 2_000);
		assert_eq!(VotedPower::<Test>::get(3), 9_000);
		assert_eq!(capacity(3), Some(222_222));
		assert_eq!(capacity(1), Some(388_888));
		// From epoch 5 BOB's lock has run out: his stack lends nothing, ALICE's take it all.
		run_to_epoch(5);
		assert_eq!(capacity(3), None);
		assert_eq!(capacity(1), Some(500_000));
		assert_eq!(capacity(2), Some(500_000));
		assert_eq!(ActiveGauges::<Test>::get().into_inner(), vec![1, 2]);
	});
}

#[test]
fn votes_follow_the_voters_locks() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK / 2);
		vote(ALICE, &[(1, 100)]);
		// A second lock and a longer first lock count in the vote without voting again.
		lock(ALICE, 500, MAX_LOCK);
		assert_ok!(Gauges::extend_lock(RuntimeOrigin::signed(ALICE), 0, MAX_LOCK));
		run_to_epoch(1);
		assert_eq!(GaugeWeights::<Test>::get(1, 1), 1_500 * 9);
		// Unlocking expired locks leaves the votes' weight as it was.
		run_to_epoch(10);
		assert_eq!(GaugeWeights::<Test>::get(10, 1), 0);
		assert_ok!(Gauges::unlock(RuntimeOrigin::signed(ALICE)));
		assert!(ActiveGauges::<Test>::get().is_empty());
	});
}

#[test]
fn an_empty_vote_withdraws_the_weight() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		lock(BOB, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 100)]);
		vote(BOB, &[(2, 40)]);
		run_to_epoch(1);
		assert_eq!(GaugeWeights::<Test>::get(1, 2), 400 * 9);
		vote(BOB, &[]);
		run_to_epoch(2);
		assert_eq!(GaugeWeights::<Test>::get(2, 2), 0);
		assert_eq!(capacity(2), None);
		assert_eq!(capacity(1), Some(Capital::get()));
	});
}

#[test]
fn bad_votes_fail_with_typed_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		let alice = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Gauges::vote(alice.clone(), votes(&[(NO_STACK, 10)])),
			Error::<Test>::UnknownStack
		);
		assert_noop!(
			Gauges::vote(alice.clone(), votes(&[(1, 10), (1, 20)])),
			Error::<Test>::DuplicateStack
		);
		assert_noop!(Gauges::vote(alice.clone(), votes(&[(1, 0)])), Error::<Test>::ZeroShare);
		assert_noop!(
			Gauges::vote(alice.clone(), votes(&[(1, 60), (2, 41)])),
			Error::<Test>::SharesAbove100
		);
		assert_noop!(
			Gauges::vote(RuntimeOrigin::signed(CHARLIE), votes(&[(1, 10)])),
			Error::<Test>::NoVotingPower
		);
		// Gauges are bounded (four in the mock).
		assert_ok!(Gauges::vote(alice, votes(&[(1, 30), (2, 30), (3, 40)])));
		lock(BOB, 1_000, MAX_LOCK);
		assert_ok!(Gauges::vote(RuntimeOrigin::signed(BOB), votes(&[(4, 50)])));
		assert_noop!(
			Gauges::vote(RuntimeOrigin::signed(BOB), votes(&[(4, 50), (5, 50)])),
			Error::<Test>::TooManyGauges
		);
		// A lock that ends before the next epoch gives no power to vote with.
		lock(CHARLIE, 1_000, 19);
		run_to_epoch(2);
		assert_noop!(
			Gauges::vote(RuntimeOrigin::signed(CHARLIE), votes(&[(1, 10)])),
			Error::<Test>::NoVotingPower
		);
	});
}

#[test]
fn the_runtime_api_shows_weights_and_lockers() {
	ExtBuilder::default().build_and_execute(|| {
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 25), (2, 75)]);
		let next = Gauges::next_weights();
		assert_eq!(next.epoch, 1);
		assert_eq!(next.voted_power, 9_000);
		assert_eq!(
			next.gauges.iter().map(|g| (g.stack, g.weight, g.capacity)).collect::<Vec<_>>(),
			vec![(1, 2_250, 250_000), (2, 6_750, 750_000)]
		);
		assert!(Gauges::current_weights().gauges.is_empty());
		run_to_epoch(1);
		let current = Gauges::current_weights();
		assert_eq!(current.gauges[1].share, Perbill::from_percent(75));
		let locker = Gauges::locker(&ALICE);
		assert_eq!(locker.locked, 1_000);
		assert_eq!(locker.power, 900);
		assert_eq!(locker.next_epoch_power, 8_000);
		assert_eq!(locker.votes, votes(&[(1, 25), (2, 75)]).into_inner());
	});
}

//! What the gauges' calls are to pallets/guard (`governance_class.rs`): each governance call in
//! both directions where it depends on the state, the other calls `None`, and classifying writes
//! nothing.

use crate::{mock::*, Call, GaugedCapacity};
use frame_support::assert_ok;
use sp_runtime::{Perbill, StateVersion};
use usdai_primitives::{
	capacity::Capacity,
	governance::{Classification, Domain, GovernedCall},
};

const LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Parameters));
const RAISING: Option<Classification> = Some(Classification::raising(Domain::Parameters));

/// `call`'s classification; fails if classifying it changed the storage.
fn class(call: Call<Test>) -> Option<Classification> {
	let before = sp_io::storage::root(StateVersion::V1);
	let class = call.classify();
	assert_eq!(sp_io::storage::root(StateVersion::V1), before, "classify wrote to storage");
	class
}

fn set_capacity_quorum(quorum: Balance) -> Option<Classification> {
	class(Call::<Test>::set_capacity_quorum { quorum })
}

fn set_max_stack_share(percent: u32) -> Option<Classification> {
	class(Call::<Test>::set_max_stack_share { share: Perbill::from_percent(percent) })
}

/// What filo would see in the runtime: the gauges under the mock's governance caps.
fn capacity(stack: StackId) -> Option<Balance> {
	<GaugedCapacity<Test, MockCaps> as Capacity>::capacity(stack)
}

#[test]
fn lockers_bribers_and_buyers_calls_are_not_governance_calls() {
	ExtBuilder::default().build_and_execute(|| {
		let user_calls = [
			Call::<Test>::lock { amount: 1_000, duration: MAX_LOCK },
			Call::<Test>::extend_lock { index: 0, duration: MAX_LOCK },
			Call::<Test>::unlock {},
			Call::<Test>::vote { votes: Default::default() },
			Call::<Test>::add_bribe { stack: 1, epoch: 1, asset: BRIBE, amount: 10 },
			Call::<Test>::claim_bribes { epoch: 1, stack: 1 },
			Call::<Test>::reclaim_bribe { epoch: 1, stack: 1, asset: BRIBE },
			Call::<Test>::claim_fees {},
			Call::<Test>::buy_backstop { usdai: 10 },
		];
		for call in user_calls {
			assert_eq!(class(call), None);
		}
	});
}

#[test]
fn a_backstop_raises_and_cancelling_it_lowers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(class(Call::<Test>::backstop { loss: 1_000, chip_price: 1 }), RAISING);
		assert_eq!(class(Call::<Test>::cancel_backstop {}), LOWERING);
	});
}

#[test]
fn the_quorum_lowers_only_when_it_stays() {
	ExtBuilder::default().build_and_execute(|| {
		// The mock's default quorum is 100.
		assert_eq!(set_capacity_quorum(100), LOWERING);
		assert_eq!(set_capacity_quorum(101), RAISING);
		assert_eq!(set_capacity_quorum(99), RAISING);
		assert_eq!(set_capacity_quorum(1), RAISING);
		assert_eq!(set_capacity_quorum(Balance::MAX), RAISING);
	});
}

#[test]
fn either_way_across_the_quorum_some_stack_may_lend_more() {
	ExtBuilder::default().build_and_execute(|| {
		// Stack 1 is capped above its grant, stack 3 uncapped; 900 of power splits evenly.
		set_cap(1, Some(800_000));
		lock(ALICE, 1_000, MAX_LOCK);
		vote(ALICE, &[(1, 50), (3, 50)]);
		run_to_epoch(1);
		assert_ok!(Gauges::set_capacity_quorum(RuntimeOrigin::root(), 900));
		assert_eq!((capacity(1), capacity(3)), (Some(500_000), Some(500_000)));
		// A higher quorum hands capacity back to the caps: stack 1 may lend more.
		assert_eq!(set_capacity_quorum(901), RAISING);
		assert_ok!(Gauges::set_capacity_quorum(RuntimeOrigin::root(), 901));
		assert_eq!((capacity(1), capacity(3)), (Some(800_000), None));
		// A lower one hands it to the gauges: stack 3 may lend again.
		assert_eq!(set_capacity_quorum(900), RAISING);
	});
}

#[test]
fn the_bound_on_one_stack_lowers_only_when_it_does_not_rise() {
	ExtBuilder::default().build_and_execute(|| {
		// The mock's default bound is 100%.
		assert_eq!(set_max_stack_share(100), LOWERING);
		assert_eq!(set_max_stack_share(50), LOWERING);
		assert_ok!(Gauges::set_max_stack_share(RuntimeOrigin::root(), Perbill::from_percent(50)));
		assert_eq!(set_max_stack_share(50), LOWERING);
		assert_eq!(set_max_stack_share(49), LOWERING);
		assert_eq!(set_max_stack_share(51), RAISING);
		assert_eq!(set_max_stack_share(100), RAISING);
	});
}

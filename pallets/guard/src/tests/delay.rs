//! The delay: from genesis, changed only through the guard (raising it at once, lowering it
//! after the current delay), zero applying every change at once.

use super::{assert_refused, run_to, schedule_cap, start_with_cap};
use crate::{mock::*, Authority, Error, Event, Pending};
use frame_support::{assert_ok, weights::Weight};
use sp_runtime::{traits::Dispatchable, DispatchError};
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

#[test]
fn genesis_sets_the_delay_or_leaves_the_default() {
	execute_in(new_test_ext_with_delay(Some(0)), || assert_eq!(Guard::delay(), 0));
	execute_in(new_test_ext_with_delay(Some(42)), || assert_eq!(Guard::delay(), 42));
	build_and_execute(|| assert_eq!(Guard::delay(), DELAY));
}

#[test]
fn with_no_delay_a_raising_call_applies_at_once() {
	execute_in(new_test_ext_with_delay(Some(0)), || {
		start_with_cap(100);
		let call = register(5);

		assert_ok!(submit(signed(REGISTRAR), call.clone()));

		assert!(governed::Registered::<Test>::contains_key(5));
		assert_eq!(Pending::<Test>::count(), 0);
		assert_eq!(
			guard_events(),
			vec![Event::Applied {
				call_hash: hash_of(&call),
				domain: Domain::Registry,
				authority: Authority::Track(Domain::Registry),
			}]
		);
		// Who may make what does not change: the council still never raises risk.
		assert_refused!(
			submit(signed(COUNCIL), set_cap(200)),
			Error::<Test>::CouncilCannotRaiseRisk
		);
		// And a raising call that fails makes submit fail, as a lowering one does.
		assert_refused!(
			submit(signed(REGISTRAR), register(5)),
			governed::Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn the_delay_is_set_only_through_the_guard() {
	build_and_execute(|| {
		for origin in [RuntimeOrigin::root(), signed(PARAMETERS), signed(COUNCIL), signed(ALICE)] {
			assert_refused!(set_delay(50).dispatch(origin), DispatchError::BadOrigin);
		}
		// Another domain's change is not a parameters change.
		assert_refused!(
			set_delay(50).dispatch(enacted(Domain::Registry)),
			DispatchError::BadOrigin
		);

		assert_ok!(set_delay(50).dispatch(enacted(Domain::Parameters)));
		assert_eq!(Guard::delay(), 50);
	});
}

#[test]
fn the_guard_classifies_its_own_calls() {
	build_and_execute(|| {
		let class = |call: RuntimeCall| match call {
			RuntimeCall::Guard(call) => call.classify(),
			_ => unreachable!("a guard call"),
		};
		let parameters = Domain::Parameters;

		// A longer delay (or the same) lowers risk, a shorter one raises it.
		assert_eq!(class(set_delay(DELAY)), Some(Classification::lowering(parameters)));
		assert_eq!(class(set_delay(DELAY + 1)), Some(Classification::lowering(parameters)));
		assert_eq!(class(set_delay(DELAY - 1)), Some(Classification::raising(parameters)));

		// Its machinery is not governance: the guard does not carry it.
		let machinery = [
			RuntimeCall::Guard(crate::Call::submit { call: Box::new(pause()) }),
			RuntimeCall::Guard(crate::Call::execute { id: 0, weight_bound: Weight::zero() }),
			RuntimeCall::Guard(crate::Call::cancel { id: 0 }),
		];
		for call in machinery {
			assert_eq!(class(call.clone()), None);
			assert_refused!(submit(RuntimeOrigin::root(), call), Error::<Test>::NotGoverned);
		}
	});
}

#[test]
fn raising_the_delay_applies_at_once_even_from_the_council_and_moves_no_pending_change() {
	build_and_execute(|| {
		start_with_cap(100);
		let id = schedule_cap(200);
		guard_events();

		assert_ok!(submit(signed(COUNCIL), set_delay(50)));

		assert_eq!(Guard::delay(), 50);
		assert_eq!(
			guard_events(),
			vec![
				Event::DelaySet { delay: 50 },
				Event::Applied {
					call_hash: hash_of(&set_delay(50)),
					domain: Domain::Parameters,
					authority: Authority::Council,
				},
			]
		);
		// The change submitted before keeps its due.
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, id, Weight::MAX));
		assert_eq!(governed::Cap::<Test>::get(), 200);

		// Not another track's, and not beyond `MaxDelay` (the call fails, so does submit).
		assert_refused!(submit(signed(REGISTRAR), set_delay(60)), Error::<Test>::WrongTrack);
		assert_refused!(
			submit(signed(COUNCIL), set_delay(MAX_DELAY + 1)),
			Error::<Test>::DelayTooLong
		);
	});
}

#[test]
fn lowering_the_delay_waits_the_current_delay() {
	build_and_execute(|| {
		start_with_cap(100);

		assert_refused!(
			submit(signed(COUNCIL), set_delay(MIN_DELAY)),
			Error::<Test>::CouncilCannotRaiseRisk
		);
		assert_ok!(submit(signed(PARAMETERS), set_delay(MIN_DELAY)));
		let change = Pending::<Test>::get(0).unwrap();
		assert_eq!(change.due, 1 + DELAY);
		assert_eq!(Guard::delay(), DELAY);

		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, 0, Weight::MAX));
		assert_eq!(Guard::delay(), MIN_DELAY);

		// Changes submitted from now on wait the new delay.
		let id = schedule_cap(300);
		assert_eq!(Pending::<Test>::get(id).unwrap().due, 1 + DELAY + MIN_DELAY);
	});
}

#[test]
fn a_delay_below_min_delay_fails_when_executed() {
	build_and_execute(|| {
		assert_ok!(submit(signed(PARAMETERS), set_delay(MIN_DELAY - 1)));
		run_to(1 + DELAY);
		guard_events();

		assert_ok!(execute(ALICE, 0, Weight::MAX));

		assert_eq!(Guard::delay(), DELAY);
		assert_eq!(
			guard_events(),
			vec![Event::Executed {
				id: 0,
				call_hash: hash_of(&set_delay(MIN_DELAY - 1)),
				result: Err(Error::<Test>::DelayTooShort.into()),
			}]
		);
	});
}

//! `execute`: anyone, once due, once; a failing call leaves the list anyway.

use super::{assert_refused, run_to, schedule_cap, start_with_cap};
use crate::{
	mock::*, weights::WeightInfo, Authority, Error, Event, NextChangeId, Pending, PendingChange,
};
use codec::Encode;
use frame_support::{assert_ok, dispatch::GetDispatchInfo, weights::Weight};
use sp_runtime::{traits::Hash as _, DispatchError};
use usdai_primitives::governance::Domain;

/// What `execute` needs as its weight bound for `call`.
fn weight_of(call: &RuntimeCall) -> Weight {
	call.get_dispatch_info().call_weight
}

#[test]
fn a_raising_change_executes_at_due_by_anyone_and_only_once() {
	build_and_execute(|| {
		start_with_cap(100);
		let call = set_cap(200);
		let id = schedule_cap(200);
		guard_events();

		// Not before its delay has passed.
		run_to(DELAY);
		assert_refused!(execute(ALICE, id, weight_of(&call)), Error::<Test>::NotYetDue);

		// From `due` on, anyone (no authority) executes it, as the call's domain.
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, id, weight_of(&call)));
		assert_eq!(governed::Cap::<Test>::get(), 200);
		assert_eq!(governed::LastDomain::<Test>::get(), Some(Domain::Parameters));
		assert!(!Pending::<Test>::contains_key(id));
		assert_eq!(
			guard_events(),
			vec![Event::Executed { id, call_hash: hash_of(&call), result: Ok(()) }]
		);

		// Once.
		assert_refused!(execute(ALICE, id, weight_of(&call)), Error::<Test>::UnknownChange);
	});
}

#[test]
fn a_registry_change_executes_as_the_registry_domain() {
	build_and_execute(|| {
		assert_ok!(submit(signed(REGISTRAR), register(5)));
		run_to(1 + DELAY);

		assert_ok!(execute(COUNCIL, 0, weight_of(&register(5))));

		assert!(governed::Registered::<Test>::contains_key(5));
		assert_eq!(governed::LastDomain::<Test>::get(), Some(Domain::Registry));
	});
}

#[test]
fn execute_needs_a_signed_origin() {
	build_and_execute(|| {
		start_with_cap(100);
		let id = schedule_cap(200);
		run_to(1 + DELAY);

		let call = RuntimeCall::Guard(crate::Call::execute { id, weight_bound: Weight::MAX });
		assert_refused!(
			sp_runtime::traits::Dispatchable::dispatch(call, RuntimeOrigin::none()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_weight_bound_must_cover_the_call() {
	build_and_execute(|| {
		start_with_cap(100);
		let call = set_cap(200);
		let id = schedule_cap(200);
		run_to(1 + DELAY);

		let needed = weight_of(&call);
		let short = needed.saturating_sub(Weight::from_parts(1, 0));
		assert_refused!(execute(ALICE, id, short), Error::<Test>::WeightBoundTooLow);
		let short = needed.saturating_sub(Weight::from_parts(0, 1));
		assert_refused!(execute(ALICE, id, short), Error::<Test>::WeightBoundTooLow);

		// A generous bound is refunded down to what the call used.
		let post = execute(ALICE, id, needed.saturating_mul(10)).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::execute() + needed));
		assert_eq!(governed::Cap::<Test>::get(), 200);
	});
}

#[test]
fn a_failing_call_leaves_the_list_and_the_event_says_why() {
	build_and_execute(|| {
		// The same registration twice: the second fails when executed.
		assert_ok!(submit(signed(REGISTRAR), register(5)));
		assert_ok!(submit(signed(REGISTRAR), register(5)));
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, 0, weight_of(&register(5))));
		guard_events();

		// `execute` itself succeeds: the change is gone, its failure recorded.
		assert_ok!(execute(ALICE, 1, weight_of(&register(5))));
		assert_eq!(Pending::<Test>::count(), 0);
		assert_eq!(
			guard_events(),
			vec![Event::Executed {
				id: 1,
				call_hash: hash_of(&register(5)),
				result: Err(governed::Error::<Test>::AlreadyRegistered.into()),
			}]
		);
	});
}

#[test]
fn a_call_that_no_longer_decodes_can_only_be_cancelled() {
	build_and_execute(|| {
		// As if a runtime upgrade had removed the call: bytes that decode to no call.
		let bytes = vec![0xff, 0xff, 0xff];
		Pending::<Test>::insert(
			0,
			PendingChange::<Test> {
				call: bytes.clone().try_into().unwrap(),
				call_hash: <Test as frame_system::Config>::Hashing::hash(&bytes),
				domain: Domain::Parameters,
				authority: Authority::Track(Domain::Parameters),
				submitted_at: 1,
				due: 1 + DELAY,
				weight: Weight::zero(),
			},
		);
		NextChangeId::<Test>::put(1);
		run_to(1 + DELAY);

		assert_refused!(execute(ALICE, 0, Weight::MAX), Error::<Test>::Undecodable);
		assert_ok!(cancel(signed(PARAMETERS), 0));
		assert_eq!(Pending::<Test>::count(), 0);
	});
}

#[test]
fn the_stored_call_is_the_submitted_one() {
	build_and_execute(|| {
		start_with_cap(100);
		let call = set_cap(200);
		let id = schedule_cap(200);

		let change = Pending::<Test>::get(id).unwrap();
		assert_eq!(change.call.into_inner(), call.encode());
		assert_eq!(change.call_hash, hash_of(&call));
	});
}

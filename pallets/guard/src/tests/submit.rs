//! `submit`: who may submit what, lowering at once, raising held back.

use super::{assert_refused, start_with_cap};
use crate::{mock::*, weights::WeightInfo, Authority, Error, Event, NextChangeId, Pending};
use frame_support::{assert_ok, dispatch::GetDispatchInfo};
use sp_runtime::{traits::Dispatchable, DispatchError};
use usdai_primitives::governance::Domain;

#[test]
fn a_lowering_call_applies_in_the_same_block() {
	build_and_execute(|| {
		start_with_cap(100);
		let call = set_cap(50);

		assert_ok!(submit(signed(PARAMETERS), call.clone()));

		// Applied now, as the call's domain; nothing pending.
		assert_eq!(governed::Cap::<Test>::get(), 50);
		assert_eq!(governed::LastDomain::<Test>::get(), Some(Domain::Parameters));
		assert_eq!(Pending::<Test>::count(), 0);
		assert_eq!(NextChangeId::<Test>::get(), 0);
		assert_eq!(
			guard_events(),
			vec![Event::Applied {
				call_hash: hash_of(&call),
				domain: Domain::Parameters,
				authority: Authority::Track(Domain::Parameters),
			}]
		);
	});
}

#[test]
fn a_raising_call_waits_in_the_pending_list() {
	build_and_execute(|| {
		start_with_cap(100);
		let call = set_cap(200);

		assert_ok!(submit(signed(PARAMETERS), call.clone()));

		// Not applied: pending, due `DELAY` blocks later, for everyone to see.
		assert_eq!(governed::Cap::<Test>::get(), 100);
		assert_eq!(Pending::<Test>::count(), 1);
		assert_eq!(
			guard_events(),
			vec![Event::Scheduled {
				id: 0,
				call_hash: hash_of(&call),
				domain: Domain::Parameters,
				authority: Authority::Track(Domain::Parameters),
				due: 1 + DELAY,
			}]
		);
		let change = Pending::<Test>::get(0).unwrap();
		assert_eq!(change.submitted_at, 1);
		assert_eq!(change.due, 1 + DELAY);
		assert_eq!(change.weight, call.get_dispatch_info().call_weight);
	});
}

#[test]
fn the_council_lowers_but_never_raises() {
	build_and_execute(|| {
		start_with_cap(100);

		for raise in [set_cap(101), register(5)] {
			assert_refused!(submit(signed(COUNCIL), raise), Error::<Test>::CouncilCannotRaiseRisk);
		}

		// Any domain, as long as it lowers risk.
		assert_ok!(submit(signed(COUNCIL), set_cap(10)));
		assert_ok!(submit(signed(COUNCIL), pause()));
		assert_eq!(governed::Cap::<Test>::get(), 10);
		assert!(governed::Paused::<Test>::get());
		assert_eq!(Pending::<Test>::count(), 0);
		let events = guard_events();
		assert!(events.iter().all(|e| matches!(
			e,
			Event::Applied { authority: Authority::Council, domain: Domain::Parameters, .. }
		)));
		assert_eq!(events.len(), 2);
	});
}

#[test]
fn a_track_makes_only_its_own_domains_calls() {
	build_and_execute(|| {
		start_with_cap(100);

		// Lowering or raising, another domain's call is refused.
		assert_refused!(submit(signed(REGISTRAR), set_cap(50)), Error::<Test>::WrongTrack);
		assert_refused!(submit(signed(REGISTRAR), pause()), Error::<Test>::WrongTrack);
		assert_refused!(submit(signed(PARAMETERS), register(5)), Error::<Test>::WrongTrack);

		// Its own are taken.
		assert_ok!(submit(signed(REGISTRAR), register(5)));
		assert_ok!(submit(signed(PARAMETERS), set_cap(50)));
		assert_eq!(Pending::<Test>::get(0).unwrap().domain, Domain::Registry);
	});
}

#[test]
fn root_makes_any_domains_calls() {
	build_and_execute(|| {
		start_with_cap(100);

		assert_ok!(submit(RuntimeOrigin::root(), set_cap(50)));
		assert_ok!(submit(RuntimeOrigin::root(), register(5)));
		assert_ok!(submit(RuntimeOrigin::root(), set_cap(500)));

		assert_eq!(governed::Cap::<Test>::get(), 50);
		assert_eq!(Pending::<Test>::count(), 2);
		assert_eq!(Pending::<Test>::get(0).unwrap().authority, Authority::Root);
	});
}

#[test]
fn an_unclassified_call_is_not_governed() {
	build_and_execute(|| {
		assert_refused!(submit(RuntimeOrigin::root(), remark()), Error::<Test>::NotGoverned);
		assert_refused!(submit(signed(COUNCIL), remark()), Error::<Test>::NotGoverned);
	});
}

#[test]
fn only_the_submit_origin_submits() {
	build_and_execute(|| {
		start_with_cap(100);

		assert_refused!(submit(signed(ALICE), set_cap(50)), DispatchError::BadOrigin);
		assert_refused!(submit(RuntimeOrigin::none(), pause()), DispatchError::BadOrigin);
	});
}

#[test]
fn nothing_but_the_guard_calls_the_governed_pallet() {
	build_and_execute(|| {
		start_with_cap(100);

		// Root, the tracks' and the council's accounts, anyone: all refused when they call the
		// governed pallet directly.
		for origin in [RuntimeOrigin::root(), signed(PARAMETERS), signed(COUNCIL), signed(ALICE)] {
			for call in [set_cap(50), pause(), register(5)] {
				assert_refused!(call.dispatch(origin.clone()), DispatchError::BadOrigin);
			}
		}
		assert_eq!(governed::Cap::<Test>::get(), 100);
	});
}

#[test]
fn a_failing_lowering_call_fails_submit_and_changes_nothing() {
	build_and_execute(|| {
		start_with_cap(100);

		// `trip` lowers the cap, then fails: the whole submit fails with its error and even the
		// write it made before failing is undone.
		assert_refused!(submit(signed(PARAMETERS), trip()), governed::Error::<Test>::Tripped);
		assert_eq!(governed::Cap::<Test>::get(), 100);

		// A pause fails once paused: nothing pending, no id taken, no event.
		assert_ok!(submit(signed(COUNCIL), pause()));
		guard_events();
		assert_refused!(submit(signed(COUNCIL), pause()), governed::Error::<Test>::AlreadyPaused);
		assert_eq!(Pending::<Test>::count(), 0);
		assert_eq!(NextChangeId::<Test>::get(), 0);
		assert!(guard_events().is_empty());
	});
}

#[test]
fn submit_charges_the_inner_call_and_refunds_a_scheduled_one() {
	build_and_execute(|| {
		start_with_cap(100);
		let most = <() as WeightInfo>::submit_lowering().max(<() as WeightInfo>::submit_raising());

		// Charged beforehand: the guard's own work plus the inner call's weight.
		let lower = set_cap(50);
		let inner = lower.get_dispatch_info().call_weight;
		let outer = RuntimeCall::Guard(crate::Call::submit { call: Box::new(lower.clone()) });
		assert_eq!(outer.get_dispatch_info().call_weight, most + inner);

		// Applied: the guard's work and what the call used.
		let post = submit(signed(PARAMETERS), lower).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::submit_lowering() + inner));

		// Scheduled: the inner call did not run.
		let post = submit(signed(PARAMETERS), set_cap(500)).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::submit_raising()));
	});
}

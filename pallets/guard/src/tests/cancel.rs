//! `cancel`: the council's veto, a track's own changes, root's any.

use super::{assert_refused, run_to, schedule_cap, start_with_cap};
use crate::{mock::*, Authority, Error, Event, Pending};
use frame_support::{assert_ok, weights::Weight};
use sp_runtime::DispatchError;

#[test]
fn the_council_cancels_a_pending_raise() {
	build_and_execute(|| {
		start_with_cap(100);
		let id = schedule_cap(200);
		guard_events();

		assert_ok!(cancel(signed(COUNCIL), id));

		assert!(!Pending::<Test>::contains_key(id));
		assert_eq!(
			guard_events(),
			vec![Event::Cancelled {
				id,
				call_hash: hash_of(&set_cap(200)),
				by: Authority::Council
			}]
		);
		// It never comes into force.
		run_to(1 + DELAY);
		assert_refused!(execute(ALICE, id, Weight::MAX), Error::<Test>::UnknownChange);
		assert_eq!(governed::Cap::<Test>::get(), 100);
	});
}

#[test]
fn a_track_cancels_only_its_own_domains_changes() {
	build_and_execute(|| {
		start_with_cap(100);
		let cap = schedule_cap(200);
		assert_ok!(submit(signed(REGISTRAR), register(5)));
		let registration = cap + 1;

		assert_refused!(cancel(signed(REGISTRAR), cap), Error::<Test>::WrongTrack);
		assert_refused!(cancel(signed(PARAMETERS), registration), Error::<Test>::WrongTrack);

		assert_ok!(cancel(signed(PARAMETERS), cap));
		assert_ok!(cancel(signed(REGISTRAR), registration));
		assert_eq!(Pending::<Test>::count(), 0);
	});
}

#[test]
fn root_cancels_any_change() {
	build_and_execute(|| {
		start_with_cap(100);
		let cap = schedule_cap(200);
		assert_ok!(submit(signed(REGISTRAR), register(5)));

		assert_ok!(cancel(RuntimeOrigin::root(), cap));
		assert_ok!(cancel(RuntimeOrigin::root(), cap + 1));
		assert_eq!(Pending::<Test>::count(), 0);
	});
}

#[test]
fn only_the_submit_origin_cancels_and_only_what_is_pending() {
	build_and_execute(|| {
		start_with_cap(100);
		let id = schedule_cap(200);

		assert_refused!(cancel(signed(ALICE), id), DispatchError::BadOrigin);
		assert_refused!(cancel(RuntimeOrigin::root(), id + 1), Error::<Test>::UnknownChange);

		// Executed changes are gone too.
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, id, Weight::MAX));
		assert_refused!(cancel(RuntimeOrigin::root(), id), Error::<Test>::UnknownChange);
	});
}

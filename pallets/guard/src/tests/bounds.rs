//! The bounds: pending changes, call length, ids.

use super::{assert_refused, run_to, schedule_cap, start_with_cap};
use crate::{mock::*, Error, NextChangeId, Pending};
use codec::Encode;
use frame_support::{assert_ok, weights::Weight};

#[test]
fn at_most_max_pending_and_a_slot_frees_on_execute_or_cancel() {
	build_and_execute(|| {
		start_with_cap(100);
		for i in 0..MAX_PENDING {
			schedule_cap(200 + u128::from(i));
		}
		assert_eq!(Pending::<Test>::count(), MAX_PENDING);

		// Full: raising calls are refused, lowering ones still apply.
		assert_refused!(submit(signed(PARAMETERS), set_cap(300)), Error::<Test>::TooManyPending);
		assert_ok!(submit(signed(COUNCIL), set_cap(50)));

		// A cancel frees a slot.
		assert_ok!(cancel(signed(COUNCIL), 0));
		schedule_cap(300);
		assert_refused!(submit(signed(PARAMETERS), set_cap(301)), Error::<Test>::TooManyPending);

		// So does an execute.
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, 1, Weight::MAX));
		schedule_cap(301);
		assert_eq!(Pending::<Test>::count(), MAX_PENDING);
	});
}

#[test]
fn a_call_longer_than_max_call_len_cannot_wait() {
	build_and_execute(|| {
		// The longest note whose call fits: 1 byte of pallet, 1 of call, 2 of length.
		let fits = note(MAX_CALL_LEN as usize - 4);
		assert_eq!(fits.encode().len(), MAX_CALL_LEN as usize);
		assert_ok!(submit(signed(PARAMETERS), fits));

		assert_refused!(
			submit(signed(PARAMETERS), note(MAX_CALL_LEN as usize - 3)),
			Error::<Test>::CallTooLong
		);
		assert_eq!(Pending::<Test>::count(), 1);
	});
}

#[test]
fn ids_are_never_reused() {
	build_and_execute(|| {
		start_with_cap(100);
		let first = schedule_cap(200);
		let second = schedule_cap(300);
		assert_eq!((first, second), (0, 1));

		assert_ok!(cancel(signed(COUNCIL), second));
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, first, Weight::MAX));

		// Nothing pending, yet the next change takes a new id.
		assert_eq!(schedule_cap(400), 2);
		assert_eq!(NextChangeId::<Test>::get(), 3);
	});
}

#[test]
fn ids_run_out_without_wrapping() {
	build_and_execute(|| {
		start_with_cap(100);
		NextChangeId::<Test>::put(u32::MAX);

		assert_refused!(submit(signed(PARAMETERS), set_cap(200)), Error::<Test>::Overflow);
	});
}

//! The runtime API's view: what sUSDai holders see coming.

use super::{run_to, schedule_cap, start_with_cap};
use crate::{mock::*, runtime_api::PendingChangeInfo, Authority};
use codec::Encode;
use frame_support::{assert_ok, dispatch::GetDispatchInfo, weights::Weight};
use usdai_primitives::governance::Domain;

#[test]
fn pending_changes_shows_every_change_by_id_with_its_call() {
	build_and_execute(|| {
		start_with_cap(100);
		assert!(Guard::pending_changes().is_empty());
		assert_eq!(Guard::delay(), DELAY);

		schedule_cap(200);
		run_to(3);
		assert_ok!(submit(signed(REGISTRAR), register(5)));
		schedule_cap(300);

		let changes = Guard::pending_changes();
		assert_eq!(changes.iter().map(|c| c.id).collect::<Vec<_>>(), vec![0, 1, 2]);
		assert_eq!(
			changes[1],
			PendingChangeInfo {
				id: 1,
				call_hash: hash_of(&register(5)),
				domain: Domain::Registry,
				authority: Authority::Track(Domain::Registry),
				submitted_at: 3,
				due: 3 + DELAY,
				weight: register(5).get_dispatch_info().call_weight,
				call: register(5).encode(),
			}
		);
		assert_eq!(changes[0].due, 1 + DELAY);

		// A change leaves the view once cancelled or executed.
		assert_ok!(cancel(signed(COUNCIL), 1));
		run_to(1 + DELAY);
		assert_ok!(execute(ALICE, 0, Weight::MAX));
		assert_eq!(Guard::pending_changes().iter().map(|c| c.id).collect::<Vec<_>>(), vec![2]);
	});
}

//! The next release's migration (`migrations::v1`): commit-reveal's storage is cleared, the
//! tickets keep their places, and sealed bids work after it.

use crate::{migrations::v1, mock::*, *};
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

type Migration = v1::MigrateV0ToV1<Test>;

#[test]
fn commit_reveal_storage_is_cleared_and_the_queue_goes_on_sealed() {
	ExtBuilder::default().build_and_execute(|| {
		let mut tickets = Vec::new();
		for who in [ALICE, BOB, CHARLIE] {
			tickets.push(NextTicketId::<Test>::get());
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), 100 * USD, 0));
		}
		let queue: Vec<TicketId> = Queue::<Test>::iter_values().collect();
		// A chain of version 0: a commitment for each ticket, a reveal, the revealed round.
		v1::as_version_0::<Test>(&tickets);
		assert_eq!(v1::v0::Commitments::<Test>::iter_keys().count(), 3);
		assert!(v1::v0::Reveals::<Test>::exists());

		Migration::on_runtime_upgrade();
		assert_eq!(Qev::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(v1::v0::Commitments::<Test>::iter_keys().count(), 0);
		assert!(!v1::v0::Reveals::<Test>::exists());
		assert!(!v1::v0::RevealedRound::<Test>::exists());
		// The queue is as it was.
		assert_eq!(Queue::<Test>::iter_values().collect::<Vec<_>>(), queue);
		// And a sealed bid goes through on the migrated chain.
		bid(BOB, tickets[1], 300);
		// Only once: a second run at version 1 changes nothing.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		Migration::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
	});
}

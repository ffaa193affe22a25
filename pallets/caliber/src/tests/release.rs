//! The release flow: the holder asks, the custodian hands the GPUs over, the receipt burns.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

fn collection() -> u32 {
	Collection::<Test>::get().unwrap()
}

#[test]
fn release_burns_the_receipt_and_names_the_bailment() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		caliber_events();
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(
			Receipts::<Test>::get(id).unwrap().status,
			ReceiptStatus::ReleaseRequested { at: START }
		);
		assert_ok!(Caliber::confirm_release(RuntimeOrigin::signed(CUSTODIAN), id));
		assert_eq!(
			caliber_events(),
			vec![
				Event::ReleaseRequested { receipt: id, holder: ALICE },
				Event::ReceiptReleased {
					receipt: id,
					custodian: CUSTODIAN,
					holder: ALICE,
					bailment_hash: sp_core::H256::repeat_byte(0xbb),
				},
			]
		);
		assert!(Receipts::<Test>::get(id).is_none());
		assert!(Valuations::<Test>::get(id).is_empty());
		assert_eq!(Caliber::holder_of(id), None);
		assert_eq!(Custodians::<Test>::get(CUSTODIAN).unwrap().receipts, 0);
		// No attribute of the burnt NFT is left behind.
		assert_eq!(pallet_nfts::Attribute::<Test>::iter_prefix((collection(),)).count(), 0);
	});
}

#[test]
fn only_the_holder_requests_and_cancels_release() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		assert_noop!(
			Caliber::request_release(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Caliber::request_release(RuntimeOrigin::signed(ALICE), 5),
			Error::<Test>::UnknownReceipt
		);
		assert_noop!(
			Caliber::cancel_release(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NoReleaseRequest
		);
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Caliber::request_release(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::ReleasePending
		);
		assert_noop!(
			Caliber::cancel_release(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_ok!(Caliber::cancel_release(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(Receipts::<Test>::get(id).unwrap().status, ReceiptStatus::Free);
	});
}

#[test]
fn a_receipt_being_released_cannot_move() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(ALICE), collection(), id, BOB),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_ok!(Caliber::cancel_release(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(Nfts::transfer(RuntimeOrigin::signed(ALICE), collection(), id, BOB));
	});
}

#[test]
fn only_the_receipts_custodian_confirms_and_only_after_a_request() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		assert_noop!(
			Caliber::confirm_release(RuntimeOrigin::signed(CUSTODIAN), id),
			Error::<Test>::NoReleaseRequest
		);
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(ALICE), id));
		for who in [OTHER_CUSTODIAN, ALICE] {
			assert_noop!(
				Caliber::confirm_release(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotReceiptCustodian
			);
		}
		assert_noop!(
			Caliber::confirm_release(RuntimeOrigin::signed(CUSTODIAN), 4),
			Error::<Test>::UnknownReceipt
		);
		// A suspended custodian still hands the GPUs back.
		assert_ok!(Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_ok!(Caliber::confirm_release(RuntimeOrigin::signed(CUSTODIAN), id));
	});
}

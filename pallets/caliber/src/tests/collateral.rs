//! The `Collateral` trait filo uses: eligibility, pledge, unlock, seize; and what a pledge
//! blocks (plain pallet-nfts transfers and burns, release).

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchErrorWithPostInfo};
use sp_runtime::traits::Dispatchable;
use usdai_primitives::collateral::Collateral;

type C = Caliber;

fn collection() -> u32 {
	Collection::<Test>::get().unwrap()
}

fn nft_transfer(from: AccountId, id: ReceiptId, to: AccountId) -> sp_runtime::DispatchResult {
	Nfts::transfer(RuntimeOrigin::signed(from), collection(), id, to)
}

#[test]
fn an_appraised_insured_receipt_is_eligible_for_its_holder_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		assert_ok!(<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[id]));
		assert_noop!(
			<C as Collateral<AccountId>>::ensure_eligible(&BOB, &[id]),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[id, 99]),
			Error::<Test>::UnknownReceipt
		);
		assert_eq!(<C as Collateral<AccountId>>::holder(id), Some(ALICE));
		assert_eq!(<C as Collateral<AccountId>>::collateral_value(&[id]), Ok(300_000 * USD));
	});
}

#[test]
fn ineligible_receipts_say_why() {
	ExtBuilder::default().build_and_execute(|| {
		let unconfirmed = issue();
		assert_noop!(
			<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[unconfirmed]),
			Error::<Test>::ValuationUnconfirmed
		);
		let id = issue_appraised(300_000 * USD);
		assert_ok!(Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_noop!(
			<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[id]),
			Error::<Test>::CustodianSuspended
		);
		assert_ok!(Caliber::resume_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[id]),
			Error::<Test>::ReleasePending
		);
		assert_ok!(Caliber::cancel_release(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[id]));
	});
}

#[test]
fn expired_insurance_makes_a_receipt_ineligible_until_renewed() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		advance(YEAR);
		assert_eq!(
			Caliber::receipt_view(id).unwrap().ineligibility,
			Some(Ineligibility::InsuranceExpired)
		);
		assert_noop!(
			<C as Collateral<AccountId>>::lock(1, &ALICE, &[id]),
			Error::<Test>::InsuranceExpired
		);
		let renewed = Insurance {
			policy_id: text("POL-2"),
			coverage: 400_000 * USD,
			expiry: START + 2 * YEAR,
		};
		assert_ok!(Caliber::renew_insurance(RuntimeOrigin::signed(CUSTODIAN), id, renewed));
		// Insured again, but the valuation is a year old.
		assert_noop!(
			<C as Collateral<AccountId>>::ensure_eligible(&ALICE, &[id]),
			Error::<Test>::ValuationStale
		);
	});
}

#[test]
fn a_pledged_receipt_cannot_be_transferred_burnt_released_or_pledged_again() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		let other = issue_appraised(300_000 * USD);
		caliber_events();
		assert_ok!(<C as Collateral<AccountId>>::lock(7, &ALICE, &[id]));
		assert_eq!(
			caliber_events(),
			vec![Event::Pledged { loan: 7, holder: ALICE, receipts: vec![id] }]
		);
		assert_eq!(Receipts::<Test>::get(id).unwrap().status, ReceiptStatus::Pledged { loan: 7 });
		assert_eq!(<C as Collateral<AccountId>>::pledged(7), vec![id]);

		// Plain pallet-nfts calls meet the lock.
		assert_noop!(nft_transfer(ALICE, id, BOB), pallet_nfts::Error::<Test>::ItemLocked);
		assert_noop!(
			Nfts::burn(RuntimeOrigin::signed(ALICE), collection(), id),
			pallet_nfts::Error::<Test>::ItemLocked
		);
		assert_noop!(
			Caliber::request_release(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::Pledged
		);
		assert_noop!(<C as Collateral<AccountId>>::lock(8, &ALICE, &[id]), Error::<Test>::Pledged);
		assert_noop!(
			<C as Collateral<AccountId>>::lock(7, &ALICE, &[other]),
			Error::<Test>::LoanHasPledge
		);
		// Another receipt of the same holder still moves.
		assert_ok!(nft_transfer(ALICE, other, BOB));
	});
}

#[test]
fn nobody_burns_a_receipt_through_pallet_nfts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		let call =
			RuntimeCall::Nfts(pallet_nfts::Call::burn { collection: collection(), item: id });
		let result = call.dispatch(RuntimeOrigin::signed(ALICE));
		assert_eq!(
			result.map_err(|e: DispatchErrorWithPostInfo| e.error),
			Err(frame_system::Error::<Test>::CallFiltered.into())
		);
		// The receipt and its NFT are still there.
		assert_eq!(Caliber::holder_of(id), Some(ALICE));
	});
}

#[test]
fn a_free_receipt_moves_with_plain_nfts_transfer_and_the_new_holder_may_pledge_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue_appraised(300_000 * USD);
		assert_ok!(nft_transfer(ALICE, id, BOB));
		assert_eq!(Caliber::holder_of(id), Some(BOB));
		assert_noop!(<C as Collateral<AccountId>>::lock(1, &ALICE, &[id]), Error::<Test>::NotOwner);
		assert_ok!(<C as Collateral<AccountId>>::lock(1, &BOB, &[id]));
	});
}

#[test]
fn a_pledge_is_all_or_nothing_and_its_list_is_checked() {
	ExtBuilder::default().build_and_execute(|| {
		let a = issue_appraised(300_000 * USD);
		let b = issue();
		assert_noop!(
			<C as Collateral<AccountId>>::lock(1, &ALICE, &[a, b]),
			Error::<Test>::ValuationUnconfirmed
		);
		assert_eq!(Receipts::<Test>::get(a).unwrap().status, ReceiptStatus::Free);
		assert_noop!(<C as Collateral<AccountId>>::lock(1, &ALICE, &[]), Error::<Test>::NoReceipts);
		assert_noop!(
			<C as Collateral<AccountId>>::lock(1, &ALICE, &[a, a]),
			Error::<Test>::DuplicateReceipt
		);
		assert_noop!(
			<C as Collateral<AccountId>>::lock(1, &ALICE, &[a, b, 5, 6, 7]),
			Error::<Test>::TooManyReceipts
		);
	});
}

#[test]
fn unlock_frees_the_loans_receipts() {
	ExtBuilder::default().build_and_execute(|| {
		let a = issue_appraised(300_000 * USD);
		let b = issue_appraised(200_000 * USD);
		assert_ok!(<C as Collateral<AccountId>>::lock(3, &ALICE, &[a, b]));
		assert_eq!(<C as Collateral<AccountId>>::collateral_value(&[a, b]), Ok(500_000 * USD));
		caliber_events();
		assert_ok!(<C as Collateral<AccountId>>::unlock(3));
		assert_eq!(caliber_events(), vec![Event::Unpledged { loan: 3, receipts: vec![a, b] }]);
		assert!(<C as Collateral<AccountId>>::pledged(3).is_empty());
		assert_ok!(nft_transfer(ALICE, a, BOB));
		assert_noop!(<C as Collateral<AccountId>>::unlock(3), Error::<Test>::NoPledge);
	});
}

#[test]
fn seize_moves_the_receipts_to_the_auction_and_frees_them() {
	ExtBuilder::default().build_and_execute(|| {
		let a = issue_appraised(300_000 * USD);
		let b = issue_appraised(200_000 * USD);
		assert_ok!(<C as Collateral<AccountId>>::lock(4, &ALICE, &[a, b]));
		caliber_events();
		assert_ok!(<C as Collateral<AccountId>>::seize(4, &AUCTION));
		assert_eq!(
			caliber_events(),
			vec![Event::Seized { loan: 4, to: AUCTION, receipts: vec![a, b] }]
		);
		assert_eq!(Caliber::holder_of(a), Some(AUCTION));
		assert_eq!(Caliber::holder_of(b), Some(AUCTION));
		assert_eq!(Receipts::<Test>::get(a).unwrap().status, ReceiptStatus::Free);
		// The auction's winner receives it with a plain transfer and may reclaim the GPUs.
		assert_ok!(nft_transfer(AUCTION, a, BOB));
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(BOB), a));
		assert_noop!(<C as Collateral<AccountId>>::seize(4, &AUCTION), Error::<Test>::NoPledge);
	});
}

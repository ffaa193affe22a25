//! `issue_receipt` and `renew_insurance`: who may, what is checked, what the NFT shows.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::tokens::nonfungibles_v2::Inspect};

fn attribute(id: ReceiptId, key: &[u8]) -> Vec<u8> {
	let collection = Collection::<Test>::get().unwrap();
	<Nfts as Inspect<AccountId>>::system_attribute(&collection, Some(&id), key).unwrap()
}

#[test]
fn a_custodian_issues_a_receipt_minted_to_the_holder_with_its_attributes() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		assert_eq!(id, 0);
		assert_eq!(Caliber::holder_of(id), Some(ALICE));
		let receipt = Receipts::<Test>::get(id).unwrap();
		assert_eq!(receipt.custodian, CUSTODIAN);
		assert_eq!(receipt.info, h100_batch());
		assert_eq!(receipt.status, ReceiptStatus::Free);
		assert_eq!(
			receipt.appraisal,
			Appraisal {
				value: 300_000 * USD,
				at: START,
				confirmed: false,
				period: PeriodStart { at: START, value: 300_000 * USD },
			}
		);
		assert_eq!(Custodians::<Test>::get(CUSTODIAN).unwrap().receipts, 1);
		assert_eq!(
			caliber_events(),
			vec![Event::ReceiptIssued {
				receipt: id,
				custodian: CUSTODIAN,
				holder: ALICE,
				model: GpuModel::H100Sxm,
				count: 8,
				appraisal: 300_000 * USD,
			}]
		);
		// Wallets read the batch from the NFT's attributes.
		assert_eq!(attribute(id, attribute::MODEL), b"H100-SXM".to_vec());
		assert_eq!(attribute(id, attribute::COUNT), b"8".to_vec());
		assert_eq!(attribute(id, attribute::DATA_CENTRE), b"dc-1".to_vec());
		assert_eq!(attribute(id, attribute::POLICY_ID), b"POL-1".to_vec());
		assert_eq!(
			attribute(id, attribute::INSURANCE_EXPIRY),
			(START + YEAR).to_string().into_bytes()
		);
		assert_eq!(attribute(id, attribute::COVERAGE), (400_000 * USD).to_string().into_bytes());
		assert_eq!(attribute(id, attribute::APPRAISAL), (300_000 * USD).to_string().into_bytes());
		assert_eq!(
			attribute(id, attribute::BAILMENT_HASH),
			format!("0x{}", "bb".repeat(32)).into_bytes()
		);
		// Ids count up.
		assert_eq!(issue(), 1);
	});
}

#[test]
fn only_registered_active_custodians_issue() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Caliber::issue_receipt(RuntimeOrigin::signed(ALICE), ALICE, h100_batch()),
			Error::<Test>::UnknownCustodian
		);
		assert_noop!(
			Caliber::issue_receipt(RuntimeOrigin::signed(APPRAISER_1), ALICE, h100_batch()),
			Error::<Test>::UnknownCustodian
		);
		assert_ok!(Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_noop!(
			Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, h100_batch()),
			Error::<Test>::CustodianSuspended
		);
	});
}

#[test]
fn every_bad_field_of_a_receipt_fails_with_its_error() {
	ExtBuilder::default().build_and_execute(|| {
		type Breaker = Box<dyn Fn(&mut ReceiptInfo)>;
		let cases: Vec<(Breaker, Error<Test>)> = vec![
			(Box::new(|i| i.model = GpuModel::Other(text(""))), Error::<Test>::InvalidModel),
			(Box::new(|i| i.count = 0), Error::<Test>::InvalidCount),
			(Box::new(|i| i.count = 1_025), Error::<Test>::InvalidCount),
			// `dc-9` belongs to the other custodian.
			(Box::new(|i| i.data_centre = text("dc-9")), Error::<Test>::UnknownDataCentre),
			(Box::new(|i| i.insurance.expiry = START), Error::<Test>::InsuranceExpired),
			(Box::new(|i| i.insurance.coverage = 0), Error::<Test>::InvalidInsurance),
			(Box::new(|i| i.insurance.policy_id = text("")), Error::<Test>::InvalidInsurance),
			(Box::new(|i| i.appraisal = 0), Error::<Test>::ZeroAmount),
		];
		for (break_it, error) in cases {
			let mut info = h100_batch();
			break_it(&mut info);
			assert_noop!(
				Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, info),
				error
			);
		}
		// An `Other` model with a name is fine.
		let mut info = h100_batch();
		info.model = GpuModel::Other(text("RTX 6000 Ada"));
		info.count = 1_024;
		assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, info));
	});
}

#[test]
fn only_the_receipts_custodian_renews_its_insurance() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		let renewed = Insurance {
			policy_id: text("POL-2"),
			coverage: 500_000 * USD,
			expiry: START + 2 * YEAR,
		};
		assert_noop!(
			Caliber::renew_insurance(RuntimeOrigin::signed(OTHER_CUSTODIAN), id, renewed.clone()),
			Error::<Test>::NotReceiptCustodian
		);
		assert_noop!(
			Caliber::renew_insurance(RuntimeOrigin::signed(ALICE), id, renewed.clone()),
			Error::<Test>::NotReceiptCustodian
		);
		assert_noop!(
			Caliber::renew_insurance(RuntimeOrigin::signed(CUSTODIAN), 9, renewed.clone()),
			Error::<Test>::UnknownReceipt
		);
		let expired = Insurance { expiry: START - 1, ..renewed.clone() };
		assert_noop!(
			Caliber::renew_insurance(RuntimeOrigin::signed(CUSTODIAN), id, expired),
			Error::<Test>::InsuranceExpired
		);
		let uncovered = Insurance { coverage: 0, ..renewed.clone() };
		assert_noop!(
			Caliber::renew_insurance(RuntimeOrigin::signed(CUSTODIAN), id, uncovered),
			Error::<Test>::InvalidInsurance
		);
		caliber_events();
		// A suspended custodian still renews.
		assert_ok!(Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_ok!(Caliber::renew_insurance(RuntimeOrigin::signed(CUSTODIAN), id, renewed.clone()));
		assert_eq!(Receipts::<Test>::get(id).unwrap().info.insurance, renewed);
		assert_eq!(attribute(id, attribute::POLICY_ID), b"POL-2".to_vec());
		assert_eq!(
			caliber_events()[1],
			Event::InsuranceRenewed { receipt: id, insurance: renewed }
		);
	});
}

//! Governance: custodians and their bonds, appraisers, valuation parameters, depreciation.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_runtime::{DispatchError, TokenError};

fn bond_held(who: &AccountId) -> u128 {
	Balances::balance_on_hold(&RuntimeHoldReason::Caliber(HoldReason::CustodianBond), who)
}

#[test]
fn genesis_creates_the_collection_owned_by_the_pallet_and_holds_bonds() {
	ExtBuilder::default().build_and_execute(|| {
		let collection = Collection::<Test>::get().unwrap();
		let owner = pallet_nfts::Collection::<Test>::get(collection).unwrap().owner;
		assert_eq!(owner, Caliber::account_id());
		assert_eq!(bond_held(&CUSTODIAN), BOND);
		assert_eq!(Custodians::<Test>::get(CUSTODIAN).unwrap().status, CustodianStatus::Active);
		assert_eq!(Appraisers::<Test>::count(), 3);
		// pallet-nfts hands out the next collection id after CALIBER's.
		assert_eq!(pallet_nfts::NextCollectionId::<Test>::get(), Some(collection + 1));
	});
}

#[test]
fn only_governance_registers_a_custodian_and_its_bond_is_held() {
	ExtBuilder::default().build_and_execute(|| {
		let mut info = custodian_info("dc-2");
		info.bond = 4_000;
		assert_noop!(
			Caliber::register_custodian(RuntimeOrigin::signed(ALICE), BOB, info.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Caliber::register_custodian(RuntimeOrigin::root(), BOB, info.clone()));
		assert_eq!(bond_held(&BOB), 4_000);
		assert_eq!(Balances::free_balance(BOB), 6_000);
		assert_eq!(
			caliber_events(),
			vec![Event::CustodianRegistered { custodian: BOB, bond: 4_000 }]
		);
		assert_noop!(
			Caliber::register_custodian(RuntimeOrigin::root(), BOB, info),
			Error::<Test>::CustodianExists
		);
	});
}

#[test]
fn a_custodian_who_cannot_pay_its_bond_is_not_registered() {
	ExtBuilder::default().build_and_execute(|| {
		let mut info = custodian_info("dc-2");
		info.bond = 20_000;
		assert_noop!(
			Caliber::register_custodian(RuntimeOrigin::root(), BOB, info),
			TokenError::FundsUnavailable
		);
		assert!(Custodians::<Test>::get(BOB).is_none());
		assert_eq!(bond_held(&BOB), 0);
		assert_eq!(Balances::free_balance(BOB), 10_000);
	});
}

#[test]
fn custodian_info_must_be_complete() {
	ExtBuilder::default().build_and_execute(|| {
		type Breaker = Box<dyn Fn(&mut CustodianInfo)>;
		let cases: Vec<Breaker> = vec![
			Box::new(|i| i.name = text("")),
			Box::new(|i| i.jurisdiction = text("")),
			Box::new(|i| i.insurance_provider = text("")),
			Box::new(|i| i.data_centres = Default::default()),
			Box::new(|i| i.data_centres = vec![text("a"), text("a")].try_into().unwrap()),
			Box::new(|i| i.data_centres = vec![text("")].try_into().unwrap()),
		];
		for break_it in cases {
			let mut info = custodian_info("dc-2");
			break_it(&mut info);
			assert_noop!(
				Caliber::register_custodian(RuntimeOrigin::root(), BOB, info),
				Error::<Test>::InvalidCustodianInfo
			);
		}
	});
}

#[test]
fn suspend_and_resume_a_custodian() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Caliber::suspend_custodian(RuntimeOrigin::signed(ALICE), CUSTODIAN),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Caliber::suspend_custodian(RuntimeOrigin::root(), BOB),
			Error::<Test>::UnknownCustodian
		);
		assert_noop!(
			Caliber::resume_custodian(RuntimeOrigin::root(), CUSTODIAN),
			Error::<Test>::CustodianActive
		);
		assert_ok!(Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_noop!(
			Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN),
			Error::<Test>::CustodianSuspended
		);
		// A suspended custodian issues nothing.
		assert_noop!(
			Caliber::issue_receipt(RuntimeOrigin::signed(CUSTODIAN), ALICE, h100_batch()),
			Error::<Test>::CustodianSuspended
		);
		assert_ok!(Caliber::resume_custodian(RuntimeOrigin::root(), CUSTODIAN));
		issue();
		assert_eq!(
			caliber_events()[..2],
			[
				Event::CustodianSuspended { custodian: CUSTODIAN },
				Event::CustodianResumed { custodian: CUSTODIAN }
			]
		);
	});
}

#[test]
fn a_custodian_with_receipts_cannot_be_removed_and_removal_releases_the_bond() {
	ExtBuilder::default().build_and_execute(|| {
		let id = issue();
		assert_noop!(
			Caliber::remove_custodian(RuntimeOrigin::root(), CUSTODIAN),
			Error::<Test>::CustodianHasReceipts
		);
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(Caliber::confirm_release(RuntimeOrigin::signed(CUSTODIAN), id));
		caliber_events();
		assert_ok!(Caliber::remove_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_eq!(bond_held(&CUSTODIAN), 0);
		assert_eq!(Balances::free_balance(CUSTODIAN), 10_000);
		assert_eq!(
			caliber_events(),
			vec![Event::CustodianRemoved { custodian: CUSTODIAN, bond: BOND }]
		);
		assert_noop!(
			Caliber::remove_custodian(RuntimeOrigin::root(), CUSTODIAN),
			Error::<Test>::UnknownCustodian
		);
	});
}

#[test]
fn appraisers_are_added_and_removed_by_governance_within_the_bound() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Caliber::add_appraiser(RuntimeOrigin::signed(ALICE), APPRAISER_4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Caliber::add_appraiser(RuntimeOrigin::root(), APPRAISER_1),
			Error::<Test>::AppraiserExists
		);
		assert_ok!(Caliber::add_appraiser(RuntimeOrigin::root(), APPRAISER_4));
		assert_ok!(Caliber::add_appraiser(RuntimeOrigin::root(), ALICE));
		// MaxAppraisers is 5.
		assert_noop!(
			Caliber::add_appraiser(RuntimeOrigin::root(), BOB),
			Error::<Test>::TooManyAppraisers
		);
		assert_ok!(Caliber::remove_appraiser(RuntimeOrigin::root(), ALICE));
		assert_noop!(
			Caliber::remove_appraiser(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NotAppraiser
		);
		assert_ok!(Caliber::add_appraiser(RuntimeOrigin::root(), BOB));
	});
}

#[test]
fn valuation_params_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let good = Params::<Test>::get();
		let bad = [
			ValuationParams { min_posts: 0, ..good },
			ValuationParams { min_posts: 6, ..good },
			ValuationParams { max_age: 0, ..good },
			// Shorter than a valuation period: an appraiser's own post would be pruned before
			// it may post again.
			ValuationParams { max_age: DAY - 1, ..good },
			ValuationParams { max_step_bps: 0, ..good },
			ValuationParams { max_step_bps: 10_001, ..good },
			ValuationParams { default_depreciation_bps: 5_001, ..good },
		];
		for params in bad {
			assert_noop!(
				Caliber::set_params(RuntimeOrigin::root(), params),
				Error::<Test>::InvalidParams
			);
		}
		assert_noop!(
			Caliber::set_params(RuntimeOrigin::signed(ALICE), good),
			DispatchError::BadOrigin
		);
		let new = ValuationParams { min_posts: 5, max_step_bps: 10_000, ..good };
		assert_ok!(Caliber::set_params(RuntimeOrigin::root(), new));
		assert_eq!(Params::<Test>::get(), new);
	});
}

#[test]
fn depreciation_rates_are_bounded_and_clearable() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::B200, Some(5_001)),
			Error::<Test>::DepreciationTooHigh
		);
		assert_noop!(
			Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::Other(text("")), Some(10)),
			Error::<Test>::InvalidModel
		);
		assert_noop!(
			Caliber::set_depreciation(RuntimeOrigin::signed(ALICE), GpuModel::B200, Some(10)),
			DispatchError::BadOrigin
		);
		assert_ok!(Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::B200, Some(1_800)));
		assert_eq!(Caliber::depreciation_of(&GpuModel::B200), 1_800);
		assert_ok!(Caliber::set_depreciation(RuntimeOrigin::root(), GpuModel::H100Sxm, None));
		assert_eq!(Caliber::depreciation_of(&GpuModel::H100Sxm), DEFAULT_RATE);
	});
}

//! CALIBER receipts wired into the real runtime: the genesis collection and dev actors, a receipt
//! issued by the dev custodian and valued by the dev appraisers, read through `CaliberApi`; the
//! lock and the burn filter as wallets meet them.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::genesis_ext;
use frame_support::{assert_noop, assert_ok};
use pallet_caliber::{
	runtime_api::runtime_decl_for_caliber_api::CaliberApiV1, GpuModel, Ineligibility, Insurance,
	ReceiptInfo, ReceiptStatus,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Dispatchable;
use usdai_primitives::collateral::Collateral;
use usdai_runtime::{
	genesis_config_presets::{dev_custodian_info, DEV_CUSTODIAN_BOND},
	AccountId, Block, Caliber, Nfts, Runtime, RuntimeCall, RuntimeOrigin,
};

use usdai_test_support::units::USD18;
/// 2026-01-01T00:00:00Z.
const NOW: u64 = 1_767_225_600;
const YEAR: u64 = 365 * 24 * 60 * 60;

fn api_receipt(id: u32) -> Option<pallet_caliber::ReceiptView<AccountId>> {
	<Runtime as CaliberApiV1<Block, AccountId>>::receipt(id)
}

fn batch() -> ReceiptInfo {
	ReceiptInfo {
		model: GpuModel::H100Sxm,
		count: 8,
		serials_hash: H256::repeat_byte(1),
		data_centre: b"us-tx-dal-01".to_vec().try_into().unwrap(),
		bailment_hash: H256::repeat_byte(2),
		insurance: Insurance {
			policy_id: b"POL-2026-0001".to_vec().try_into().unwrap(),
			coverage: 700_000 * USD18,
			expiry: NOW + YEAR,
		},
		appraisal: 595_000 * USD18,
	}
}

#[test]
fn genesis_has_the_collection_the_dev_custodian_and_appraisers() {
	genesis_ext("development").execute_with(|| {
		let dave = Sr25519Keyring::Dave.to_account_id();
		let collection = <Runtime as CaliberApiV1<Block, AccountId>>::collection().unwrap();
		let details = pallet_nfts::Collection::<Runtime>::get(collection).unwrap();
		assert_eq!(details.owner, Caliber::account_id());
		let custodian =
			<Runtime as CaliberApiV1<Block, AccountId>>::custodian(dave.clone()).unwrap();
		assert_eq!(custodian.info, dev_custodian_info());
		assert_eq!(
			usdai_runtime::Balances::reserved_balance(&dave),
			DEV_CUSTODIAN_BOND,
			"the bond is held"
		);
		assert!(pallet_caliber::Appraisers::<Runtime>::contains_key(
			Sr25519Keyring::Eve.to_account_id()
		));
	});
}

#[test]
fn issue_value_and_read_a_receipt_through_the_runtime_api() {
	genesis_ext("development").execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
		let dave = Sr25519Keyring::Dave.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_ok!(Caliber::issue_receipt(
			RuntimeOrigin::signed(dave.clone()),
			bob.clone(),
			batch()
		));

		let view = api_receipt(0).unwrap();
		assert_eq!(view.holder, bob);
		assert_eq!(view.receipt.custodian, dave);
		assert_eq!(view.current_value, 595_000 * USD18);
		assert_eq!(view.ineligibility, Some(Ineligibility::ValuationUnconfirmed));

		for appraiser in [Sr25519Keyring::Eve, Sr25519Keyring::Ferdie] {
			assert_ok!(Caliber::post_valuation(
				RuntimeOrigin::signed(appraiser.to_account_id()),
				0,
				600_000 * USD18
			));
		}
		let view = api_receipt(0).unwrap();
		// The first confirmed value is at most the custodian's appraisal.
		assert_eq!(view.current_value, 595_000 * USD18);
		assert_eq!(view.collateral_value, 595_000 * USD18);
		assert_eq!(view.ineligibility, None);

		// A month later the H100s have lost 20%/year × 30/365 of their value.
		pallet_timestamp::Now::<Runtime>::put((NOW + 30 * 24 * 60 * 60) * 1_000);
		let month = api_receipt(0).unwrap().current_value;
		assert_eq!(month, 595_000 * USD18 - 595_000 * USD18 * 2_000 * 30 / (10_000 * 365) - 1);
		assert!(api_receipt(7).is_none());
	});
}

#[test]
fn wallets_transfer_free_receipts_but_not_pledged_ones_and_never_burn_them() {
	genesis_ext("development").execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
		let dave = Sr25519Keyring::Dave.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(dave), bob.clone(), batch()));
		let collection = pallet_caliber::Collection::<Runtime>::get().unwrap();

		// `nfts.burn` of a receipt is filtered for signed origins.
		let burn = RuntimeCall::Nfts(pallet_nfts::Call::burn { collection, item: 0 });
		let result = burn.dispatch(RuntimeOrigin::signed(bob.clone()));
		assert_eq!(
			result.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);

		// A plain transfer moves a free receipt.
		assert_ok!(Nfts::transfer(
			RuntimeOrigin::signed(bob.clone()),
			collection,
			0,
			charlie.clone().into()
		));
		assert_eq!(api_receipt(0).unwrap().holder, charlie);

		for appraiser in [Sr25519Keyring::Eve, Sr25519Keyring::Ferdie] {
			assert_ok!(Caliber::post_valuation(
				RuntimeOrigin::signed(appraiser.to_account_id()),
				0,
				595_000 * USD18
			));
		}
		assert_ok!(<Caliber as Collateral<AccountId>>::lock(1, &charlie, &[0]));
		assert_eq!(api_receipt(0).unwrap().receipt.status, ReceiptStatus::Pledged { loan: 1 });
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(charlie), collection, 0, bob.into()),
			pallet_nfts::Error::<Runtime>::ItemLocked
		);
	});
}

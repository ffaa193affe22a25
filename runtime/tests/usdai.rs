//! The USDai vault wired into the real runtime: deposit bridged USDC, stake, and read the
//! `UsdaiApi` runtime API.

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
use pallet_usdai::runtime_api::runtime_decl_for_usdai_api::UsdaiApiV1;
use sp_keyring::Sr25519Keyring;
use usdai_runtime::{
	asset_ids::{SUSDAI, USDAI, USDC},
	AccountId, Assets, Block, Runtime, RuntimeOrigin, TreasuryBridge, Usdai,
};

use usdai_test_support::units::{USD18, USD6};

fn balance(asset: u32, who: &AccountId) -> u128 {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(asset, who)
}

fn prices() -> pallet_usdai::SharePrices {
	<Runtime as UsdaiApiV1<Block, AccountId>>::share_prices()
}

#[test]
fn deposit_stake_and_read_the_vault_api() {
	genesis_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		// The dev relayers bridge 1,000 USDC in for Alice.
		let deposit = common::next_deposit(&alice, 1_000, false);
		for relayer in common::attesting_relayers() {
			assert_ok!(TreasuryBridge::attest_deposit(
				RuntimeOrigin::signed(relayer),
				deposit.clone()
			));
		}
		assert_eq!(balance(USDC, &alice), 1_000 * USD6);

		assert_eq!(
			<Runtime as UsdaiApiV1<Block, AccountId>>::preview_deposit(USDC, 1_000 * USD6),
			Some(1_000 * USD18)
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(alice.clone()), USDC, 1_000 * USD6, 0));
		assert_eq!(balance(USDAI, &alice), 1_000 * USD18);
		assert_eq!(balance(USDC, &alice), 0);

		let expected = <Runtime as UsdaiApiV1<Block, AccountId>>::preview_stake(600 * USD18);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(alice.clone()), 600 * USD18, 1));
		// The first stake pays for the dead shares (one cent).
		let dead = usdai_runtime::constants::tokens::USDAI_MIN_BALANCE;
		assert_eq!(Some(balance(SUSDAI, &alice)), expected);
		assert_eq!(balance(SUSDAI, &alice), 600 * USD18 - dead);

		assert_eq!(prices(), pallet_usdai::SharePrices { deposit: USD18, redemption: USD18 });
		let nav = <Runtime as UsdaiApiV1<Block, AccountId>>::nav();
		assert_eq!(nav.idle, 600 * USD18);
		assert_eq!(nav.redemption_nav, 600 * USD18);
		assert_eq!(nav.total_shares, 600 * USD18);
		assert_eq!(nav.usdai_supply, 1_000 * USD18);
		assert_eq!(nav.reserves, 1_000 * USD18);

		// Points accrue: 400 USDai × 5 + 600 sUSDai × 2 per day.
		let day = usdai_runtime::DAYS;
		frame_system::Pallet::<Runtime>::set_block_number(1 + day);
		let points = <Runtime as UsdaiApiV1<Block, AccountId>>::points_of(alice.clone());
		assert_eq!(points / USD18, 400 * 5 + 600 * 2 - 1);
		Usdai::do_try_state().unwrap();
		TreasuryBridge::do_try_state().unwrap();
	});
}

#[test]
fn the_runtime_vault_refuses_bad_input_by_name() {
	genesis_ext("development").execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(bob.clone()), 7, USD6, 0),
			pallet_usdai::Error::<Runtime>::UnsupportedAsset
		);
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(bob.clone()), USDC, USD6, 0),
			pallet_usdai::Error::<Runtime>::InsufficientBalance
		);
		assert_noop!(
			Usdai::stake(RuntimeOrigin::signed(bob), USD18, 0),
			pallet_usdai::Error::<Runtime>::InsufficientBalance
		);
	});
}

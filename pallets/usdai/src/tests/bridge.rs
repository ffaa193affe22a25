//! The treasury bridge's deposits into the vault (`BridgeVault`).

use crate::{mock::*, Error, Event, Reserves};
use frame_support::{assert_noop, assert_ok};
use usdai_primitives::bridge::BridgeVault;

type Vault = Usdai;

#[test]
fn a_bridge_deposit_mints_usdai_one_to_one() {
	ExtBuilder::default().build_and_execute(|| {
		// USDC has 6 decimals, USDai 18.
		assert_eq!(<Vault as BridgeVault<_>>::deposit(&ALICE, USDC, 250 * USD6), Ok(250 * USD18));
		assert_eq!(
			last_event(),
			Event::Deposited { who: ALICE, asset: USDC, amount: 250 * USD6, minted: 250 * USD18 }
		);
		assert_eq!(bal(USDAI, ALICE), 250 * USD18);
		assert_eq!(bal(USDC, ALICE), 1_000_000 * USD6 - 250 * USD6);
		assert_eq!(bal(USDC, Usdai::reserve_account()), 250 * USD6);
		assert_eq!(<Vault as BridgeVault<_>>::reserve(USDC), 250 * USD6);
		assert_eq!(Reserves::<Test>::get(USDC), 250 * USD6);
		// An 18-decimal stablecoin is not scaled.
		assert_eq!(<Vault as BridgeVault<_>>::deposit(&ALICE, DAI, 7 * USD18), Ok(7 * USD18));
		assert_eq!(<Vault as BridgeVault<_>>::reserve(DAI), 7 * USD18);
		assert_eq!(bal(USDAI, ALICE), 257 * USD18);
		// One base unit of USDC is 10^12 of USDai.
		assert_eq!(<Vault as BridgeVault<_>>::deposit(&BOB, USDC, 1), Ok(1_000_000_000_000));
		assert_eq!(<Vault as BridgeVault<_>>::reserve(USDC), 250 * USD6 + 1);
	});
}

#[test]
fn the_vault_refuses_a_bridge_deposit_without_change() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(<Vault as BridgeVault<_>>::reserve(OTHER), 0);
		assert_noop!(
			<Vault as BridgeVault<_>>::deposit(&ALICE, OTHER, USD6),
			Error::<Test>::UnsupportedAsset
		);
		assert_ok!(Usdai::set_stablecoin(RuntimeOrigin::root(), USDC, 10_000_000 * USD6, false));
		assert_noop!(
			<Vault as BridgeVault<_>>::deposit(&ALICE, USDC, USD6),
			Error::<Test>::AssetDisabled
		);
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), true, false));
		assert_noop!(
			<Vault as BridgeVault<_>>::deposit(&ALICE, USDT, USD6),
			Error::<Test>::DepositsPaused
		);
		assert_eq!(<Vault as BridgeVault<_>>::reserve(USDC), 0);
		assert_eq!(bal(USDAI, ALICE), 0);
	});
}

#[test]
fn a_bridge_deposit_keeps_the_caps() {
	ExtBuilder::default().build_and_execute(|| {
		// DAI's reserve cap is 500.
		assert_noop!(
			<Vault as BridgeVault<_>>::deposit(&ALICE, DAI, 501 * USD18),
			Error::<Test>::AssetCapExceeded
		);
		// A single deposit above the per-period mint limit (1M).
		assert_noop!(
			<Vault as BridgeVault<_>>::deposit(&ALICE, USDC, 1_000_001 * USD6),
			Error::<Test>::MintLimitExceeded
		);
	});
}

use crate::{mock::*, Error, Event, FeeConfig, MintLimits, PauseState};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError::BadOrigin;

#[test]
fn only_governance_configures() {
	ExtBuilder::default().build_and_execute(|| {
		let alice = RuntimeOrigin::signed(ALICE);
		let emergency = RuntimeOrigin::signed(EMERGENCY);
		for origin in [alice, emergency] {
			assert_noop!(Usdai::set_stablecoin(origin.clone(), OTHER, 1, true), BadOrigin);
			assert_noop!(Usdai::remove_stablecoin(origin.clone(), DAI), BadOrigin);
			assert_noop!(
				Usdai::set_mint_limits(
					origin.clone(),
					MintLimits { supply_cap: 1, period: 1, max_per_period: 1 }
				),
				BadOrigin
			);
			assert_noop!(Usdai::set_fees(origin.clone(), FeeConfig::default()), BadOrigin);
			assert_noop!(Usdai::set_vesting_period(origin.clone(), 1), BadOrigin);
		}
	});
}

#[test]
fn stablecoins_are_bounded_and_checked() {
	ExtBuilder::default().build_and_execute(|| {
		// USDai and sUSDai cannot back themselves.
		assert_noop!(
			Usdai::set_stablecoin(RuntimeOrigin::root(), USDAI, 1, true),
			Error::<Test>::UnsupportedAsset
		);
		// Three are configured; the fourth fits, a fifth does not.
		assert_ok!(Usdai::set_stablecoin(RuntimeOrigin::root(), OTHER, 5 * USD6, true));
		assert_eq!(crate::Stablecoins::<Test>::get(OTHER).unwrap().decimals, 6);
		assert_noop!(
			Usdai::set_stablecoin(RuntimeOrigin::root(), 51, 1, true),
			Error::<Test>::TooManyStablecoins
		);
		// Reconfiguring an accepted one is always possible.
		assert_ok!(Usdai::set_stablecoin(RuntimeOrigin::root(), OTHER, 7 * USD6, false));
		assert_eq!(
			last_event(),
			Event::StablecoinSet {
				asset: OTHER,
				info: crate::StablecoinInfo { decimals: 6, cap: 7 * USD6, enabled: false }
			}
		);
	});
}

#[test]
fn a_stablecoin_with_a_reserve_cannot_be_removed() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 10);
		assert_noop!(
			Usdai::remove_stablecoin(RuntimeOrigin::root(), USDC),
			Error::<Test>::ReserveNotEmpty
		);
		assert_noop!(
			Usdai::remove_stablecoin(RuntimeOrigin::root(), OTHER),
			Error::<Test>::UnsupportedAsset
		);
		assert_ok!(Usdai::remove_stablecoin(RuntimeOrigin::root(), USDT));
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDT, USD6, 0),
			Error::<Test>::UnsupportedAsset
		);
	});
}

#[test]
fn bounds_are_enforced() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Usdai::set_fees(
				RuntimeOrigin::root(),
				FeeConfig { protocol_bps: 2_001, insurance_bps: 0 }
			),
			Error::<Test>::FeeTooHigh
		);
		assert_noop!(
			Usdai::set_fees(
				RuntimeOrigin::root(),
				FeeConfig { protocol_bps: 0, insurance_bps: 1_001 }
			),
			Error::<Test>::FeeTooHigh
		);
		assert_ok!(Usdai::set_fees(
			RuntimeOrigin::root(),
			FeeConfig { protocol_bps: 2_000, insurance_bps: 1_000 }
		));
		assert_noop!(
			Usdai::set_vesting_period(RuntimeOrigin::root(), 1_001),
			Error::<Test>::VestingPeriodTooLong
		);
		assert_ok!(Usdai::set_vesting_period(RuntimeOrigin::root(), 0));
		assert_noop!(
			Usdai::set_mint_limits(
				RuntimeOrigin::root(),
				MintLimits { supply_cap: 10, period: 0, max_per_period: 1 }
			),
			Error::<Test>::InvalidLimits
		);
		assert_noop!(
			Usdai::set_mint_limits(
				RuntimeOrigin::root(),
				MintLimits { supply_cap: 10, period: 5, max_per_period: 11 }
			),
			Error::<Test>::InvalidLimits
		);
	});
}

#[test]
fn pause_only_adds_pauses() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), false, true));
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), true, false));
		assert_eq!(crate::Paused::<Test>::get(), PauseState { deposits: true, stakes: true });
		assert_ok!(Usdai::pause(RuntimeOrigin::root(), false, false));
		assert_eq!(crate::Paused::<Test>::get(), PauseState { deposits: true, stakes: true });
	});
}

#[test]
fn zero_vesting_makes_yield_count_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::set_vesting_period(RuntimeOrigin::root(), 0));
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 10);
		assert_ok!(<Usdai as usdai_primitives::vault::LendingVault<_>>::receive_interest(
			&LENDER,
			10 * USD18
		));
		assert_eq!(Usdai::share_prices().redemption, 1_085_000_000_000_000_000);
	});
}

#[test]
fn a_stablecoin_with_more_decimals_than_usdai_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), 60, ALICE, true, 1));
		assert_ok!(Assets::set_metadata(
			RuntimeOrigin::signed(ALICE),
			60,
			b"Too fine".to_vec(),
			b"FINE".to_vec(),
			24
		));
		assert_noop!(
			Usdai::set_stablecoin(RuntimeOrigin::root(), 60, USD18, true),
			Error::<Test>::InvalidDecimals
		);
	});
}

use crate::{mock::*, Error, Event, MintLimits};
use frame_support::{assert_noop, assert_ok};

#[test]
fn deposit_mints_usdai_one_to_one_scaled_to_18_decimals() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 1_234_567, 0));
		// 1.234567 USDC → 1.234567 USDai.
		assert_eq!(bal(USDAI, ALICE), 1_234_567 * 1_000_000_000_000);
		assert_eq!(bal(USDC, Usdai::reserve_account()), 1_234_567);
		assert_eq!(crate::Reserves::<Test>::get(USDC), 1_234_567);
		assert_eq!(
			last_event(),
			Event::Deposited {
				who: ALICE,
				asset: USDC,
				amount: 1_234_567,
				minted: 1_234_567_000_000_000_000
			}
		);
		// An 18-decimal stablecoin mints exactly its amount.
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), DAI, 7 * USD18 + 3, 0));
		assert_eq!(bal(USDAI, ALICE), 1_234_567_000_000_000_000 + 7 * USD18 + 3);
		// No fee: supply equals the value of the reserve.
		assert_eq!(supply(USDAI), Usdai::nav().reserves);
	});
}

#[test]
fn deposit_respects_min_out() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, USD6, USD18 + 1),
			Error::<Test>::SlippageExceeded
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, USD6, USD18));
	});
}

#[test]
fn deposit_rejects_bad_input_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let who = RuntimeOrigin::signed(ALICE);
		assert_noop!(Usdai::deposit(who.clone(), OTHER, USD6, 0), Error::<Test>::UnsupportedAsset);
		assert_noop!(Usdai::deposit(who.clone(), USDAI, USD18, 0), Error::<Test>::UnsupportedAsset);
		assert_noop!(Usdai::deposit(who.clone(), USDC, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(BOB), USDT, USD6, 0),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Usdai::set_mint_limits(
			RuntimeOrigin::root(),
			MintLimits {
				supply_cap: 50_000_000 * USD18,
				period: 10,
				max_per_period: 5_000_000 * USD18
			}
		));
		assert_noop!(
			Usdai::deposit(who.clone(), USDC, 1_000_001 * USD6, 0),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::none(), USDC, USD6, 0),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn deposit_below_the_minimum_balance_is_too_small() {
	ExtBuilder::default().stable_min(10_000).build_and_execute(|| {
		// 0.005 USDC would open a reserve holding below the one-cent minimum.
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 5_000, 0),
			Error::<Test>::AmountTooSmall
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 10_000, 0));
	});
}

#[test]
fn disabled_asset_refuses_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::set_stablecoin(RuntimeOrigin::root(), USDT, 10 * USD6, false));
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDT, USD6, 0),
			Error::<Test>::AssetDisabled
		);
	});
}

#[test]
fn per_asset_cap_refuses_the_excess() {
	ExtBuilder::default().build_and_execute(|| {
		// DAI's reserve cap is 500.
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), DAI, 500 * USD18, 0));
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), DAI, 1, 0),
			Error::<Test>::AssetCapExceeded
		);
	});
}

#[test]
fn supply_cap_refuses_the_excess() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::set_mint_limits(
			RuntimeOrigin::root(),
			MintLimits { supply_cap: 100 * USD18, period: 10, max_per_period: 100 * USD18 }
		));
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 60 * USD6, 0));
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(BOB), USDC, 41 * USD6, 0),
			Error::<Test>::SupplyCapExceeded
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(BOB), USDC, 40 * USD6, 0));
	});
}

#[test]
fn deposits_are_closed_until_limits_are_set() {
	ExtBuilder::default().without_limits().build_and_execute(|| {
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, USD6, 0),
			Error::<Test>::LimitsNotSet
		);
	});
}

#[test]
fn passing_the_period_limit_trips_the_circuit_breaker() {
	ExtBuilder::default().build_and_execute(|| {
		// 1M per 10-block period. A single deposit above it is refused outright.
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 1_000_001 * USD6, 0),
			Error::<Test>::MintLimitExceeded
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 600_000 * USD6, 0));
		assert!(!crate::BreakerTripped::<Test>::get());
		// This one passes the limit: it goes through, and the breaker trips with an event.
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(BOB), USDC, 500_000 * USD6, 0));
		assert!(crate::BreakerTripped::<Test>::get());
		assert_eq!(
			last_event(),
			Event::CircuitBreakerTripped {
				period_start: 0,
				minted: 1_100_000 * USD18,
				limit: 1_000_000 * USD18
			}
		);
		// Deposits stop, even in a later period, until governance resets the breaker.
		run_to_block(30);
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(CHARLIE), USDC, USD6, 0),
			Error::<Test>::CircuitBreakerTripped
		);
		// Redemptions keep working.
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(BOB), USDC, USD18, 0));
		assert_noop!(
			Usdai::reset_circuit_breaker(RuntimeOrigin::signed(ALICE)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Usdai::reset_circuit_breaker(RuntimeOrigin::root()));
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(CHARLIE), USDC, USD6, 0));
	});
}

#[test]
fn the_rate_limit_window_rolls_over() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, 900_000 * USD6, 0));
		run_to_block(11);
		// A new period: the earlier 900k do not count.
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(BOB), USDC, 900_000 * USD6, 0));
		assert!(!crate::BreakerTripped::<Test>::get());
	});
}

#[test]
fn paused_deposits_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Usdai::pause(RuntimeOrigin::signed(ALICE), true, false),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), true, false));
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, USD6, 0),
			Error::<Test>::DepositsPaused
		);
		// The emergency origin cannot lift a pause; governance can.
		assert_noop!(
			Usdai::set_paused(RuntimeOrigin::signed(EMERGENCY), Default::default()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Usdai::set_paused(RuntimeOrigin::root(), Default::default()));
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, USD6, 0));
	});
}

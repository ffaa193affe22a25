//! `redeem`: USDai burnt for a stablecoin paid from the reserve (`src/mint.rs`, with
//! `deposit`). Leaving sUSDai through the QEV queue is `redemption.rs`.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn redeem_burns_usdai_and_pays_from_the_reserve() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		let usdc_before = bal(USDC, ALICE);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 40 * USD18, 40 * USD6));
		assert_eq!(bal(USDC, ALICE), usdc_before + 40 * USD6);
		assert_eq!(bal(USDAI, ALICE), 60 * USD18);
		assert_eq!(supply(USDAI), 60 * USD18);
		assert_eq!(crate::Reserves::<Test>::get(USDC), 60 * USD6);
		assert_eq!(
			last_event(),
			Event::Redeemed { who: ALICE, asset: USDC, burned: 40 * USD18, paid: 40 * USD6 }
		);
	});
}

#[test]
fn redeem_into_the_other_stablecoin_uses_its_own_reserve() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(BOB, 100);
		// Nothing was ever deposited as USDT: the buffer is empty.
		assert_noop!(
			Usdai::redeem(RuntimeOrigin::signed(BOB), USDT, USD18, 0),
			Error::<Test>::InsufficientReserve
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDT, 30 * USD6, 0));
		// The USDT reserve (30) serves Bob's redemption up to its size.
		assert_noop!(
			Usdai::redeem(RuntimeOrigin::signed(BOB), USDT, 31 * USD18, 0),
			Error::<Test>::InsufficientReserve
		);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(BOB), USDT, 30 * USD18, 0));
		assert_eq!(bal(USDT, BOB), 30 * USD6);
		assert_eq!(crate::Reserves::<Test>::get(USDT), 0);
	});
}

#[test]
fn only_whole_stablecoin_units_are_burnt() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 10);
		// 1.0000000000005 USDai is 1.000000 USDC and half a micro-dollar: the half stays.
		let ask = USD18 + 500_000;
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, ask, 0));
		assert_eq!(bal(USDAI, ALICE), 9 * USD18);
		assert_eq!(
			last_event(),
			Event::Redeemed { who: ALICE, asset: USDC, burned: USD18, paid: USD6 }
		);
		// Less than one micro-dollar gives nothing: refused, nothing burnt.
		assert_noop!(
			Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 999_999_999_999, 0),
			Error::<Test>::AmountTooSmall
		);
	});
}

#[test]
fn redeem_rejects_bad_input_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 10);
		let who = RuntimeOrigin::signed(ALICE);
		assert_noop!(Usdai::redeem(who.clone(), OTHER, USD18, 0), Error::<Test>::UnsupportedAsset);
		assert_noop!(Usdai::redeem(who.clone(), USDC, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Usdai::redeem(who.clone(), USDC, 11 * USD18, 0),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Usdai::redeem(who.clone(), USDC, USD18, USD6 + 1),
			Error::<Test>::SlippageExceeded
		);
		assert_noop!(
			Usdai::redeem(RuntimeOrigin::signed(BOB), USDC, USD18, 0),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn redeem_works_while_deposits_are_disabled_or_paused() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 10);
		assert_ok!(Usdai::set_stablecoin(RuntimeOrigin::root(), USDC, 10_000_000 * USD6, false));
		assert_ok!(Usdai::pause(RuntimeOrigin::root(), true, true));
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 10 * USD18, 0));
		assert_eq!(bal(USDAI, ALICE), 0);
	});
}

#[test]
fn dust_below_the_minimum_balance_is_redeemed_with_the_rest() {
	ExtBuilder::default().usdai_min(10_000_000_000_000_000).build_and_execute(|| {
		give_usdai(ALICE, 10);
		// Asking for all but 0.001 USDai would leave a holding below the one-cent minimum,
		// which the token would destroy: it is redeemed too (0.001 USDai = 1000 micro-USDC).
		let ask = 10 * USD18 - 1_000_000_000_000_000;
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, ask, 0));
		assert_eq!(bal(USDAI, ALICE), 0);
		assert_eq!(
			last_event(),
			Event::Redeemed { who: ALICE, asset: USDC, burned: 10 * USD18, paid: 10 * USD6 }
		);
	});
}

#[test]
fn redeeming_the_whole_balance_keeps_a_remainder_above_the_minimum() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 2);
		// Alice holds 2 USDai plus half a micro-dollar (the minimum balance here is 1 unit).
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, USD18 - 500_000));
		let all = bal(USDAI, ALICE);
		assert_eq!(all, USD18 + 500_000);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, all, 0));
		// One USDC paid; the half micro-dollar it cannot pay for stays with her.
		assert_eq!(bal(USDAI, ALICE), 500_000);
		assert_eq!(
			last_event(),
			Event::Redeemed { who: ALICE, asset: USDC, burned: USD18, paid: USD6 }
		);
	});
}

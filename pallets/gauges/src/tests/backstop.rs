//! The CHIP backstop sale.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Mutate};
use sp_runtime::traits::BadOrigin;
use usdai_primitives::chip::UNIT;

fn fund(who: AccountId, usdai: Balance) {
	assert_ok!(<Assets as Mutate<AccountId>>::mint_into(USDAI, &who, usdai));
}

#[test]
fn a_backstop_sale_mints_chip_for_usdai_paid_into_the_vault() {
	ExtBuilder::default().build_and_execute(|| {
		UncoveredLoss::set(&(1_000 * UNIT));
		let issuance = Balances::total_issuance();
		// 600 USDai at 2 USDai per CHIP: 300 CHIP at most.
		assert_ok!(Gauges::backstop(RuntimeOrigin::root(), 600 * UNIT, 2 * UNIT));
		assert_eq!(
			gauge_events(),
			vec![Event::BackstopOpened {
				loss: 600 * UNIT,
				chip_price: 2 * UNIT,
				max_chip: 300 * UNIT
			}]
		);
		fund(CHARLIE, 1_000 * UNIT);
		let chip = free_chip(CHARLIE);
		assert_ok!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 400 * UNIT));
		assert_eq!(free_chip(CHARLIE), chip + 200 * UNIT);
		assert_eq!(asset_of(USDAI, VAULT), 400 * UNIT);
		assert_eq!(UncoveredLoss::get(), 600 * UNIT);
		// The sale takes only what it still needs, then closes.
		assert_ok!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 1_000 * UNIT));
		assert_eq!(free_chip(CHARLIE), chip + 300 * UNIT);
		assert_eq!(asset_of(USDAI, CHARLIE), 400 * UNIT);
		assert_eq!(UncoveredLoss::get(), 400 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance + 300 * UNIT);
		assert_eq!(Backstop::<Test>::get(), None);
		assert_eq!(
			gauge_events().last(),
			Some(&Event::BackstopClosed { raised: 600 * UNIT, minted: 300 * UNIT })
		);
		assert_noop!(
			Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), UNIT),
			Error::<Test>::NoBackstop
		);
	});
}

#[test]
fn a_sale_shrinks_to_the_loss_left_and_closes_once_it_is_covered_another_way() {
	ExtBuilder::default().build_and_execute(|| {
		UncoveredLoss::set(&(1_000 * UNIT));
		assert_ok!(Gauges::backstop(RuntimeOrigin::root(), 1_000 * UNIT, UNIT));
		fund(CHARLIE, 1_000 * UNIT);
		let chip = free_chip(CHARLIE);
		// Recoveries pay 700 of the loss down: a purchase of everything pays only the 300 left,
		// mints 300 CHIP and closes the sale.
		UncoveredLoss::set(&(300 * UNIT));
		assert_ok!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 1_000 * UNIT));
		assert_eq!(free_chip(CHARLIE), chip + 300 * UNIT);
		assert_eq!(asset_of(USDAI, CHARLIE), 700 * UNIT);
		assert_eq!(UncoveredLoss::get(), 0);
		assert_eq!(Backstop::<Test>::get(), None);
		assert_eq!(
			gauge_events().last(),
			Some(&Event::BackstopClosed { raised: 300 * UNIT, minted: 300 * UNIT })
		);

		// A sale whose whole loss is covered another way: the next purchase closes it, pays
		// nothing and mints nothing.
		UncoveredLoss::set(&(500 * UNIT));
		assert_ok!(Gauges::backstop(RuntimeOrigin::root(), 500 * UNIT, UNIT));
		UncoveredLoss::set(&0);
		let issuance = Balances::total_issuance();
		assert_ok!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 100 * UNIT));
		assert_eq!(asset_of(USDAI, CHARLIE), 700 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Backstop::<Test>::get(), None);
		assert_eq!(gauge_events().last(), Some(&Event::BackstopClosed { raised: 0, minted: 0 }));
	});
}

#[test]
fn purchases_round_the_chip_down() {
	ExtBuilder::default().build_and_execute(|| {
		UncoveredLoss::set(&(10 * UNIT));
		// 3 USDai per CHIP.
		assert_ok!(Gauges::backstop(RuntimeOrigin::root(), 10 * UNIT, 3 * UNIT));
		fund(CHARLIE, 10 * UNIT);
		let chip = free_chip(CHARLIE);
		assert_ok!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 10));
		// 10 base units buy 3.33… base units of CHIP: 3.
		assert_eq!(free_chip(CHARLIE), chip + 3);
		assert_noop!(
			Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 2),
			Error::<Test>::PaymentTooSmall
		);
	});
}

#[test]
fn bad_backstops_fail_with_typed_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		UncoveredLoss::set(&(1_000 * UNIT));
		assert_noop!(Gauges::backstop(RuntimeOrigin::signed(ALICE), UNIT, UNIT), BadOrigin);
		assert_noop!(Gauges::backstop(RuntimeOrigin::root(), 0, UNIT), Error::<Test>::ZeroAmount);
		assert_noop!(Gauges::backstop(RuntimeOrigin::root(), UNIT, 0), Error::<Test>::ZeroPrice);
		assert_noop!(
			Gauges::backstop(RuntimeOrigin::root(), 1_001 * UNIT, UNIT),
			Error::<Test>::LossNotUncovered
		);
		// 1,000 USDai at 0.99 USDai per CHIP would mint more than 1,000 CHIP.
		assert_noop!(
			Gauges::backstop(RuntimeOrigin::root(), 1_000 * UNIT, UNIT / 100 * 99),
			Error::<Test>::BackstopTooLarge
		);
		assert_noop!(Gauges::cancel_backstop(RuntimeOrigin::root()), Error::<Test>::NoBackstop);
		assert_noop!(
			Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), UNIT),
			Error::<Test>::NoBackstop
		);
		assert_ok!(Gauges::backstop(RuntimeOrigin::root(), 1_000 * UNIT, UNIT));
		assert_noop!(
			Gauges::backstop(RuntimeOrigin::root(), UNIT, UNIT),
			Error::<Test>::BackstopOpen
		);
		assert_noop!(
			Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::ZeroAmount
		);
		// CHARLIE has no USDai: the vault refuses and no CHIP is minted.
		assert!(Gauges::buy_backstop(RuntimeOrigin::signed(CHARLIE), UNIT).is_err());
		assert_eq!(free_chip(CHARLIE), CHIP);
		assert_noop!(Gauges::cancel_backstop(RuntimeOrigin::signed(ALICE)), BadOrigin);
		assert_ok!(Gauges::cancel_backstop(RuntimeOrigin::root()));
		assert_eq!(Backstop::<Test>::get(), None);
	});
}

//! The T-bill sleeve as the treasury bridge drives it through `ReserveSleeve`.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};
use usdai_primitives::bridge::ReserveSleeve;

type Vault = Usdai;

#[test]
fn moving_reserves_to_the_sleeve_keeps_usdai_backed() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 600 * USD6));
		assert_eq!(bal(USDC, Usdai::reserve_account()), 400 * USD6);
		assert_eq!(<Vault as ReserveSleeve<_>>::sleeve_value(), 600 * USD18);
		assert_eq!(
			last_event(),
			Event::MovedToSleeve { asset: USDC, amount: 600 * USD6, value: 600 * USD18 }
		);
		// Instant redemptions are served by what is left in the reserve.
		assert_noop!(
			Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 401 * USD18, 0),
			Error::<Test>::InsufficientReserve
		);
		assert_noop!(
			<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 401 * USD6),
			Error::<Test>::InsufficientReserve
		);
		assert_noop!(
			<Vault as ReserveSleeve<_>>::move_to_sleeve(OTHER, USD6),
			Error::<Test>::UnsupportedAsset
		);
	});
}

#[test]
fn recall_brings_the_stablecoin_back_into_the_reserve() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 600 * USD6));
		assert_noop!(
			<Vault as ReserveSleeve<_>>::recall_from_sleeve(USDC, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(<Vault as ReserveSleeve<_>>::recall_from_sleeve(USDC, 600 * USD6));
		assert_eq!(crate::Reserves::<Test>::get(USDC), 1_000 * USD6);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 1_000 * USD18, 0));
	});
}

#[test]
fn sleeve_growth_becomes_vesting_yield_for_susdai() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		// T-bills earned 40: 10% + 5% fees, 34 vest to the holders.
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(1_040 * USD18));
		assert_eq!(supply(USDAI), 1_040 * USD18);
		let l = crate::Ledger::<Test>::get();
		assert_eq!((l.protocol_fees, l.insurance_fund), (4 * USD18, 2 * USD18));
		assert_eq!(Usdai::share_prices().redemption, USD18);
		run_to_block(1 + VESTING);
		assert_eq!(Usdai::share_prices().redemption, 1_034_000_000_000_000_000);
	});
}

#[test]
fn growth_before_anyone_staked_goes_to_the_protocol() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(1_010 * USD18));
		assert_eq!(crate::Ledger::<Test>::get().protocol_fees, 10 * USD18);
		assert_eq!(crate::Ledger::<Test>::get().idle, 0);
	});
}

#[test]
fn a_sleeve_fall_is_borne_by_the_vault_then_insurance_or_refused() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(BOB, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		// A fall of 30: the vault's idle cash (100) bears it; the price drops at once.
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(970 * USD18));
		assert_eq!(
			System::events().iter().rev().nth(1).map(|r| r.event.clone()),
			Some(RuntimeEvent::Usdai(Event::SleeveLoss {
				fall: 30 * USD18,
				from_idle: 30 * USD18,
				from_fund: 0
			}))
		);
		assert_eq!(Usdai::share_prices().redemption, 700_000_000_000_000_000);
		assert_eq!(supply(USDAI), 1_070 * USD18);
		// A fall larger than idle cash and the (empty) insurance fund is refused.
		assert_noop!(
			<Vault as ReserveSleeve<_>>::report_sleeve_value(800 * USD18),
			Error::<Test>::SleeveLossUncovered
		);
	});
}

#[test]
fn sleeve_growth_never_mints_past_the_supply_cap() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		assert_ok!(Usdai::set_mint_limits(
			RuntimeOrigin::root(),
			crate::MintLimits {
				supply_cap: 1_010 * USD18,
				period: 10,
				max_per_period: 100 * USD18
			}
		));
		// T-bills earned 40, but only 10 fit under the cap: the rest waits, unbooked.
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(1_040 * USD18));
		assert_eq!(supply(USDAI), 1_010 * USD18);
		assert_eq!(<Vault as ReserveSleeve<_>>::sleeve_value(), 1_010 * USD18);
	});
}

#[test]
fn a_return_above_the_written_down_sleeve_is_credited_and_the_difference_is_yield() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(BOB, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		// Written down by 30 (borne by the stakers' idle cash)...
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(970 * USD18));
		assert_eq!(supply(USDAI), 1_070 * USD18);
		// ...then all 1,000 come back.
		assert_ok!(<Vault as ReserveSleeve<_>>::recall_from_sleeve(USDC, 1_000 * USD6));
		assert_eq!(<Vault as ReserveSleeve<_>>::sleeve_value(), 0);
		assert_eq!(crate::Reserves::<Test>::get(USDC), 1_100 * USD6);
		// The 30 above the books are yield: USDai is backed one to one again.
		assert_eq!(supply(USDAI), 1_100 * USD18);
	});
}

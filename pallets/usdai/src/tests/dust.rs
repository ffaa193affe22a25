//! No debit leaves dust: every debit empties the account or leaves at least the token's minimum
//! balance, so that no dust is destroyed outside the supply and no books point at nothing.
//! (`build_and_execute` also checks that every token's supply is the sum of its balances.)

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};
use usdai_primitives::{
	bridge::ReserveSleeve,
	vault::{LendingVault, RedemptionVault},
	Balance,
};

type Vault = Usdai;

/// One cent of USDai, the runtime's minimum balance.
const CENT18: Balance = USD18 / 100;
/// One cent of a 6-decimal stablecoin.
const CENT6: Balance = USD6 / 100;

#[test]
fn a_stake_that_leaves_dust_is_refused_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		set_min_balance(USDAI, CENT18);
		// All but one base unit: the unit left would be dust, destroyed outside the supply.
		assert_noop!(
			Usdai::stake(RuntimeOrigin::signed(ALICE), 100 * USD18 - 1, 0),
			Error::<Test>::LeavesDust
		);
		// Leaving the minimum, or nothing, is fine.
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 100 * USD18 - 2 * CENT18, 0));
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 2 * CENT18, 0));
		assert_eq!(bal(USDAI, ALICE), 0);
	});
}

#[test]
fn a_deposit_that_leaves_stablecoin_dust_is_refused() {
	ExtBuilder::default().stable_min(CENT6).build_and_execute(|| {
		let all = bal(USDC, ALICE);
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, all - 1, 0),
			Error::<Test>::LeavesDust
		);
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, all, 0));
		assert_eq!(bal(USDC, ALICE), 0);
	});
}

#[test]
fn locking_shares_that_leave_dust_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let shares = deposit_and_stake(ALICE, 100);
		set_min_balance(SUSDAI, DEAD);
		assert_noop!(
			<Vault as RedemptionVault<_>>::lock_shares(&ALICE, shares - 1),
			Error::<Test>::LeavesDust
		);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, shares));
	});
}

#[test]
fn a_repayment_that_leaves_dust_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as LendingVault<_>>::draw(&LENDER, 60 * USD18));
		set_min_balance(USDAI, CENT18);
		let held = bal(USDAI, LENDER);
		assert_noop!(
			<Vault as LendingVault<_>>::repay_principal(&LENDER, held - 1),
			Error::<Test>::LeavesDust
		);
		assert_noop!(
			<Vault as LendingVault<_>>::receive_interest(&LENDER, held - 1),
			Error::<Test>::LeavesDust
		);
		assert_ok!(<Vault as LendingVault<_>>::repay_principal(&LENDER, 50 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 10 * USD18));
		assert_eq!(bal(USDAI, LENDER), 0);
	});
}

#[test]
fn redeeming_everything_burns_the_dust_below_one_unit_and_says_so() {
	ExtBuilder::default().usdai_min(CENT18).build_and_execute(|| {
		give_usdai(ALICE, 10);
		give_usdai(BOB, 1);
		// Alice holds 10 USDai and half a micro-dollar: less than one USDC unit, and less than
		// USDai's minimum balance once the ten are burnt.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), USDAI, ALICE, 500_000));
		let all = bal(USDAI, ALICE);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, all, 0));
		assert_eq!(bal(USDAI, ALICE), 0);
		assert_eq!(
			last_event(),
			Event::Redeemed { who: ALICE, asset: USDC, burned: all, paid: 10 * USD6 }
		);
	});
}

#[test]
fn a_redemption_never_reaps_the_reserve_under_booked_dust() {
	ExtBuilder::default().stable_min(CENT6).build_and_execute(|| {
		// The USDT reserve books one cent and one unit (the fuzzer's case).
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDT, CENT6 + 1, 0));
		give_usdai(ALICE, 1);
		// Paying one cent would leave one booked unit: dust the account would lose.
		assert_noop!(
			Usdai::redeem(RuntimeOrigin::signed(ALICE), USDT, CENT18, 0),
			Error::<Test>::LeavesReserveDust
		);
		// Less, leaving the minimum, or all the reserve books, is paid.
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDT, USD18 / 1_000_000, 0));
		assert_eq!(crate::Reserves::<Test>::get(USDT), CENT6);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDT, CENT18, 0));
		assert_eq!(crate::Reserves::<Test>::get(USDT), 0);
		assert_eq!(bal(USDT, Usdai::reserve_account()), 0);
	});
}

#[test]
fn reserve_dust_no_book_counts_goes_along_with_the_payment() {
	ExtBuilder::default().stable_min(CENT6).build_and_execute(|| {
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDT, 2 * CENT6, 0));
		// A donation of five units: in the account, in no book.
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(ALICE),
			USDT,
			Usdai::reserve_account(),
			5
		));
		give_usdai(BOB, 1);
		// Redeeming all the reserve books would leave the five units as dust: they go along.
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(BOB), USDT, 2 * CENT18, 0));
		assert_eq!(bal(USDT, BOB), 2 * CENT6 + 5);
		assert_eq!(bal(USDT, Usdai::reserve_account()), 0);
		assert_eq!(crate::Reserves::<Test>::get(USDT), 0);
		assert_eq!(
			last_event(),
			Event::Redeemed { who: BOB, asset: USDT, burned: 2 * CENT18, paid: 2 * CENT6 + 5 }
		);
	});
}

#[test]
fn moving_reserves_to_the_sleeve_never_leaves_booked_dust() {
	ExtBuilder::default().stable_min(CENT6).build_and_execute(|| {
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDT, CENT6 + 1, 0));
		assert_noop!(
			<Vault as ReserveSleeve<_>>::move_to_sleeve(USDT, CENT6),
			Error::<Test>::LeavesReserveDust
		);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDT, 1));
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDT, CENT6));
		assert_eq!(bal(USDT, Usdai::reserve_account()), 0);
	});
}

#[test]
fn settling_a_ticket_never_reaps_the_escrow_under_shares_still_locked() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		set_min_balance(SUSDAI, DEAD);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 50 * USD18));
		// Fill all but half the minimum balance: 500 base units stay locked.
		let filled = 50 * USD18 - DEAD / 2;
		let value = Usdai::shares_value(filled).unwrap();
		assert_ok!(<Vault as RedemptionVault<_>>::settle_locked(filled, value));
		assert_eq!(crate::LockedShares::<Test>::get(), DEAD / 2);
		// The dead shares keep the escrow alive under them.
		assert_eq!(bal(SUSDAI, Usdai::escrow_account()), DEAD / 2 + DEAD);
		// The ticket's last shares can still be settled, or given back.
		assert_ok!(<Vault as RedemptionVault<_>>::unlock_shares(&ALICE, DEAD / 2));
		assert_eq!(bal(SUSDAI, Usdai::escrow_account()), DEAD);
	});
}

#[test]
fn the_dead_shares_live_in_the_escrow() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_eq!(bal(SUSDAI, Usdai::escrow_account()), DEAD);
		assert_eq!(crate::LockedShares::<Test>::get(), 0);
		assert_eq!(Usdai::dead_account(), Usdai::escrow_account());
	});
}

#[test]
fn shares_are_never_settled_for_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 50 * USD18));
		assert_noop!(
			<Vault as RedemptionVault<_>>::settle_locked(USD18, 0),
			Error::<Test>::SettlesForNothing
		);
	});
}

#[test]
fn paying_out_idle_cash_never_leaves_a_claim_unpayable() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(CHARLIE, 1);
		// A whole USDai of minimum balance, so that the fees and the fund are below it.
		set_min_balance(USDAI, USD18);
		give_usdai(LENDER, 2);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 2 * USD18));
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 90 * USD18));
		let paid = Usdai::shares_value(90 * USD18).unwrap();
		assert_ok!(<Vault as RedemptionVault<_>>::settle_locked(90 * USD18, paid));
		// Lending all the idle cash would leave the account less than the minimum above the
		// claim, the fees and the fund: the claim could then only be paid by reaping them.
		let idle = crate::Ledger::<Test>::get().idle;
		assert_noop!(
			<Vault as LendingVault<_>>::draw(&BOB, idle),
			Error::<Test>::InsufficientLiquidity
		);
		let liquidity = Usdai::liquidity();
		assert_eq!(liquidity, idle - USD18);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, liquidity));
		// The claim, the fees and the lockers' share are all paid in full.
		assert_ok!(<Vault as RedemptionVault<_>>::pay_settled(&ALICE, paid));
		assert_eq!(bal(USDAI, ALICE), paid);
		let fees = Usdai::withdrawable_protocol_fees();
		assert_ok!(Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, fees));
		assert_ok!(<Vault as usdai_primitives::vault::FeeSource<_>>::take_fees(&CHARLIE));
		assert!(bal(USDAI, Usdai::vault_account()) >= USD18);
	});
}

#[test]
fn the_last_protocol_fees_can_be_withdrawn_in_full() {
	ExtBuilder::default().build_and_execute(|| {
		// Before anyone stakes, T-bill growth is all protocol fee: the vault holds fees only.
		give_usdai(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(1_010 * USD18));
		set_min_balance(USDAI, USD18);
		assert_ok!(<Vault as usdai_primitives::vault::FeeSource<_>>::take_fees(&BOB));
		assert_eq!(bal(USDAI, Usdai::vault_account()), 5 * USD18);
		// All but half a USDai would leave dust the books count.
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 5 * USD18 - USD18 / 2),
			Error::<Test>::LeavesDust
		);
		// All of it empties the account.
		assert_ok!(Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 5 * USD18));
		assert_eq!(bal(USDAI, Usdai::vault_account()), 0);
		assert_eq!(crate::Ledger::<Test>::get().protocol_fees, 0);
	});
}

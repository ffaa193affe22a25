//! The vault's own books (`src/shares.rs`): stakes at the deposit price, the dead shares, both
//! share prices, and the protocol fees governance withdraws.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};

#[test]
fn first_stake_is_one_to_one_less_the_dead_shares() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 100 * USD18, 0));
		assert_eq!(bal(SUSDAI, ALICE), 100 * USD18 - DEAD);
		assert_eq!(bal(SUSDAI, Usdai::dead_account()), DEAD);
		assert_eq!(supply(SUSDAI), 100 * USD18);
		assert_eq!(bal(USDAI, ALICE), 0);
		assert_eq!(crate::Ledger::<Test>::get().idle, 100 * USD18);
		assert_eq!(
			last_event(),
			Event::Staked { who: ALICE, usdai: 100 * USD18, shares: 100 * USD18 - DEAD }
		);
	});
}

#[test]
fn later_stakes_get_shares_at_the_deposit_price() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		// The vault earns 10 USDai of interest; once vested, one share is worth 1.1 USDai.
		give_usdai(LENDER, 10);
		assert_ok!(<Usdai as usdai_primitives::vault::LendingVault<_>>::receive_interest(
			&LENDER,
			10 * USD18
		));
		run_to_block(1 + VESTING);
		let prices = Usdai::share_prices();
		// 10% + 5% fees: 8.5 USDai reach the vault.
		assert_eq!(prices.redemption, 1_085_000_000_000_000_000);
		assert_eq!(prices.deposit, prices.redemption);

		give_usdai(BOB, 217);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(BOB), 217 * USD18, 0));
		// 217 / 1.085 = 200 shares (rounded down).
		assert_eq!(bal(SUSDAI, BOB), 200 * USD18);
	});
}

#[test]
fn stake_rejects_bad_input_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 10);
		let who = RuntimeOrigin::signed(ALICE);
		assert_noop!(Usdai::stake(who.clone(), 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Usdai::stake(who.clone(), 11 * USD18, 0), Error::<Test>::InsufficientBalance);
		// The first stake must be larger than the dead shares.
		assert_noop!(Usdai::stake(who.clone(), DEAD, 0), Error::<Test>::AmountTooSmall);
		assert_noop!(
			Usdai::stake(who.clone(), 10 * USD18, 10 * USD18),
			Error::<Test>::SlippageExceeded
		);
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), false, true));
		assert_noop!(Usdai::stake(who, USD18, 0), Error::<Test>::StakesPaused);
	});
}

#[test]
fn a_stake_worth_less_than_one_share_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 100);
		assert_ok!(<Usdai as usdai_primitives::vault::LendingVault<_>>::receive_interest(
			&LENDER,
			100 * USD18
		));
		run_to_block(1 + VESTING);
		give_usdai(BOB, 1);
		// One share costs more than one base unit now.
		assert_noop!(Usdai::stake(RuntimeOrigin::signed(BOB), 1, 0), Error::<Test>::AmountTooSmall);
	});
}

#[test]
fn first_depositor_donation_attack_gains_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// The attacker stakes the smallest amount possible, then donates a fortune to the
		// vault's account to inflate the share price before the victim stakes.
		give_usdai(CHARLIE, 100_001);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(CHARLIE), DEAD + 1, 0));
		assert_eq!(bal(SUSDAI, CHARLIE), 1);
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(CHARLIE),
			USDAI,
			Usdai::vault_account(),
			100_000 * USD18
		));
		// The donation is not part of the vault's books: the price did not move.
		assert_eq!(Usdai::share_prices().deposit, USD18);

		give_usdai(ALICE, 1_000);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 1_000 * USD18, 1));
		// The victim gets shares worth exactly what she staked...
		assert_eq!(bal(SUSDAI, ALICE), 1_000 * USD18);
		assert_eq!(Usdai::shares_value(bal(SUSDAI, ALICE)).unwrap(), 1_000 * USD18);
		// ...and the attacker's share is still worth one base unit: the donation is lost.
		assert_eq!(Usdai::shares_value(1).unwrap(), 1);
	});
}

#[test]
fn dead_shares_make_inflating_the_first_share_pointless() {
	ExtBuilder::default().build_and_execute(|| {
		// Even through the books (interest), one share of a nearly empty vault cannot be made
		// worth more than the victim's stake: the dead shares take their cut of any inflation.
		give_usdai(CHARLIE, 10_000);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(CHARLIE), DEAD + 1, 0));
		give_usdai(LENDER, 5_000);
		assert_ok!(<Usdai as usdai_primitives::vault::LendingVault<_>>::receive_interest(
			&LENDER,
			5_000 * USD18
		));
		run_to_block(1 + VESTING);

		give_usdai(ALICE, 1_000);
		let shares = Usdai::preview_stake(1_000 * USD18).unwrap();
		assert!(shares > 0);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 1_000 * USD18, shares));
		// Alice loses at most the value of one share to rounding, a tiny part of her stake...
		let alice = Usdai::shares_value(shares).unwrap();
		let one_share = Usdai::shares_value(1).unwrap();
		assert!(alice + one_share + 1 >= 1_000 * USD18, "alice {alice}, share {one_share}");
		// ...and the attacker, who paid for the interest, holds 1 of 1001 shares of it.
		assert!(Usdai::shares_value(1).unwrap() < 5_000 * USD18 / 1_000);
	});
}

#[test]
fn an_empty_vault_has_no_redemption_price() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			<Usdai as usdai_primitives::vault::RedemptionVault<_>>::redemption_value(USD18),
			Error::<Test>::NoShares
		);
	});
}

#[test]
fn no_stakes_into_a_vault_whose_books_are_worth_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		// Unreachable through the calls (the vault keeps its account's last unit), so the
		// books are zeroed by hand: shares exist but NAV is zero, and a price would divide by it.
		crate::Ledger::<Test>::mutate(|l| l.idle = 0);
		give_usdai(BOB, 10);
		assert_noop!(
			Usdai::stake(RuntimeOrigin::signed(BOB), 10 * USD18, 0),
			Error::<Test>::Insolvent
		);
		assert_eq!(Usdai::preview_stake(10 * USD18), None);
	});
}

#[test]
fn governance_withdraws_protocol_fees() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 100);
		assert_ok!(<Usdai as usdai_primitives::vault::LendingVault<_>>::receive_interest(
			&LENDER,
			100 * USD18
		));
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::signed(ALICE), ALICE, USD18),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 10 * USD18 + 1),
			Error::<Test>::ExceedsFees
		);
		// Half of the 10 collected is set aside for CHIP lockers (`tests/lockers.rs`).
		assert_ok!(Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 5 * USD18));
		assert_eq!(bal(USDAI, CHARLIE), 5 * USD18);
		assert_eq!(last_event(), Event::ProtocolFeesWithdrawn { to: CHARLIE, amount: 5 * USD18 });
	});
}

#[test]
fn withdrawing_zero_fees_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 0),
			Error::<Test>::ZeroAmount
		);
	});
}

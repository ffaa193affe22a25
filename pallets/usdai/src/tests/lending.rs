//! The books filo and the treasury bridge keep through `LendingVault` (`src/lending.rs`).

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};
use usdai_primitives::vault::{InterestSplit, LendingVault};

type Vault = Usdai;

fn redemption_value(who: AccountId) -> u128 {
	Usdai::shares_value(bal(SUSDAI, who)).unwrap()
}

#[test]
fn draw_lends_idle_usdai_and_repayment_returns_it() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 600 * USD18));
		assert_eq!(bal(USDAI, BOB), 600 * USD18);
		let l = crate::Ledger::<Test>::get();
		assert_eq!((l.idle, l.principal), (400 * USD18, 600 * USD18));
		// Lending moves value from idle to principal: NAV and prices do not change.
		assert_eq!(Usdai::share_prices().redemption, USD18);

		assert_ok!(<Vault as LendingVault<_>>::repay_principal(&BOB, 100 * USD18));
		let l = crate::Ledger::<Test>::get();
		assert_eq!((l.idle, l.principal), (500 * USD18, 500 * USD18));
		assert_eq!(last_event(), Event::PrincipalRepaid { from: BOB, amount: 100 * USD18 });
	});
}

#[test]
fn draw_cannot_exceed_idle_liquidity() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		// The vault's account keeps its minimum balance (one base unit here).
		assert_noop!(
			<Vault as LendingVault<_>>::draw(&BOB, 100 * USD18),
			Error::<Test>::InsufficientLiquidity
		);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 100 * USD18 - 1));
		assert_noop!(<Vault as LendingVault<_>>::draw(&BOB, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn donations_do_not_become_lendable() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(CHARLIE, 50);
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(CHARLIE),
			USDAI,
			Usdai::vault_account(),
			50 * USD18
		));
		assert_eq!(<Vault as LendingVault<_>>::idle_liquidity(), 100 * USD18);
	});
}

#[test]
fn repaying_more_than_outstanding_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 10 * USD18));
		give_usdai(BOB, 10);
		assert_noop!(
			<Vault as LendingVault<_>>::repay_principal(&BOB, 11 * USD18),
			Error::<Test>::ExceedsPrincipal
		);
		assert_noop!(
			<Vault as LendingVault<_>>::repay_principal(&CHARLIE, 5 * USD18),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn interest_pays_fees_and_vests_into_the_redemption_price() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		give_usdai(LENDER, 100);
		let split = <Vault as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18).unwrap();
		assert_eq!(
			split,
			InterestSplit { protocol_fee: 10 * USD18, insurance: 5 * USD18, to_vault: 85 * USD18 }
		);
		let l = crate::Ledger::<Test>::get();
		assert_eq!((l.protocol_fees, l.insurance_fund), (10 * USD18, 5 * USD18));
		// Nothing is redeemable yet; half is after half the window; all of it after.
		assert_eq!(redemption_value(ALICE), 1_000 * USD18 - DEAD);
		run_to_block(1 + VESTING / 2);
		let half = redemption_value(ALICE);
		assert!(half > 1_042 * USD18 && half < 1_043 * USD18, "{half}");
		run_to_block(1 + VESTING);
		// Alice owns all but the dead shares: 1085 USDai of value, less their part.
		let full = redemption_value(ALICE);
		assert!(full > 1_084_999 * USD18 / 1_000 && full <= 1_085 * USD18, "{full}");
	});
}

#[test]
fn a_stake_just_before_a_repayment_gains_nothing_from_it() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		assert_ok!(<Vault as LendingVault<_>>::draw(&LENDER, 500 * USD18));
		// Filo reports the interest as it accrues: the deposit price counts it.
		assert_ok!(<Vault as LendingVault<_>>::accrue_interest(100 * USD18));
		assert!(Usdai::share_prices().deposit > Usdai::share_prices().redemption);

		// Bob stakes just before the repayment...
		give_usdai(BOB, 1_000);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(BOB), 1_000 * USD18, 0));
		let bob_shares = bal(SUSDAI, BOB);
		// ...and would leave right after it: the new yield is still vesting.
		give_usdai(LENDER, 100);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18));
		assert!(Usdai::shares_value(bob_shares).unwrap() <= 1_000 * USD18);
		// Even once it has vested, Bob bought at a price that already counted that interest
		// (net of fees): he keeps what he paid, less rounding, while Alice has the interest her
		// capital earned.
		run_to_block(1 + VESTING);
		let bob = Usdai::shares_value(bob_shares).unwrap();
		assert!(bob <= 1_000 * USD18 && bob + USD18 / 1_000 > 1_000 * USD18, "{bob}");
		let alice = redemption_value(ALICE);
		assert!(alice > 1_084 * USD18, "{alice}");
	});
}

#[test]
fn impairment_lowers_the_redemption_price_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 400 * USD18));
		let before = Usdai::share_prices();
		assert_ok!(<Vault as LendingVault<_>>::impair(100 * USD18));
		let after = Usdai::share_prices();
		// 1000 → 900 of NAV for leavers, in the same block; joiners still pay the face value
		// (they must not buy a later recovery at the written-down price).
		assert_eq!(after.redemption, 900_000_000_000_000_000);
		assert_eq!(after.deposit, USD18);
		assert!(after.redemption < before.redemption);
		assert_eq!(last_event(), Event::Impaired { amount: 100 * USD18 });

		// The borrower cures: the write-down is reversed, and vests back into the price.
		assert_ok!(<Vault as LendingVault<_>>::reverse_impairment(100 * USD18));
		assert_eq!(Usdai::share_prices().redemption, 900_000_000_000_000_000);
		run_to_block(System::block_number() + VESTING);
		assert_eq!(Usdai::share_prices().redemption, USD18);
		// Impairments cannot exceed the principal, nor reversals the impairment.
		assert_noop!(
			<Vault as LendingVault<_>>::impair(401 * USD18),
			Error::<Test>::ExceedsImpairment
		);
		assert_noop!(
			<Vault as LendingVault<_>>::reverse_impairment(1),
			Error::<Test>::ExceedsImpairment
		);
	});
}

#[test]
fn a_realised_loss_is_covered_by_insurance_first() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		// Build an insurance fund of 50 from interest (5% of 1000).
		give_usdai(LENDER, 1_000);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 1_000 * USD18));
		run_to_block(1 + VESTING);
		assert_eq!(crate::Ledger::<Test>::get().insurance_fund, 50 * USD18);
		let nav = Usdai::redemption_nav().unwrap();

		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 200 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::impair(200 * USD18));
		// 200 lost: insurance pays 50, holders bear 150. The loss is realised first: insurance
		// only covers a loss the vault has booked.
		assert_ok!(<Vault as LendingVault<_>>::realise_loss(200 * USD18));
		assert_eq!(crate::UncoveredLoss::<Test>::get(), 200 * USD18);
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(200 * USD18), Ok(50 * USD18));
		assert_eq!(crate::UncoveredLoss::<Test>::get(), 150 * USD18);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Usdai(Event::LossCovered {
				requested: 200 * USD18,
				paid: 50 * USD18
			})));
		let l = crate::Ledger::<Test>::get();
		assert_eq!((l.principal, l.impaired, l.insurance_fund), (0, 0, 0));
		// Insurance's payment vests into the redemption price.
		assert_eq!(Usdai::redemption_nav().unwrap(), nav - 200 * USD18);
		run_to_block(System::block_number() + VESTING);
		assert_eq!(Usdai::redemption_nav().unwrap(), nav - 150 * USD18);
		// An empty fund pays nothing.
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(10), Ok(0));
		assert_noop!(<Vault as LendingVault<_>>::realise_loss(1), Error::<Test>::ExceedsPrincipal);
	});
}

#[test]
fn accrued_interest_is_released_by_payment_and_can_be_reversed() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as LendingVault<_>>::accrue_interest(30 * USD18));
		assert_noop!(
			<Vault as LendingVault<_>>::reverse_accrued_interest(31 * USD18),
			Error::<Test>::ExceedsAccrued
		);
		assert_ok!(<Vault as LendingVault<_>>::reverse_accrued_interest(10 * USD18));
		give_usdai(LENDER, 20);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 20 * USD18));
		assert_eq!(crate::Ledger::<Test>::get().accrued_interest, 0);
	});
}

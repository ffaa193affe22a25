//! No event that raises the share price can be captured by a stake placed the block before it:
//! the redemption price never jumps up (every gain vests, as interest does), and the deposit
//! price counts impaired principal at its face value (a cure or a recovery was paid for by
//! whoever joined while it was written down).
//!
//! Each test: Alice has staked 10,000; the attacker (Charlie) stakes 9,050 in the block before
//! the event; the event happens; the attacker's shares are worth no more than he paid, at once
//! and (where the gain is one the deposit price already held) after the vesting window too.

use crate::{mock::*, Event, UncoveredLoss};
use frame_support::assert_ok;
use usdai_primitives::{
	bridge::ReserveSleeve,
	vault::{BackstopVault, LendingVault, RedemptionVault},
};

type Vault = Usdai;

const ATTACK: u128 = 9_050;

/// What `who`'s sUSDai fetch at the redemption price now.
fn worth(who: AccountId) -> u128 {
	Usdai::shares_value(bal(SUSDAI, who)).unwrap()
}

/// Alice stakes 10,000 and 1,000 of it is lent to Bob; the loan is then impaired in full (the
/// redemption price falls to 0.90).
fn vault_with_impaired_loan() {
	deposit_and_stake(ALICE, 10_000);
	assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 1_000 * USD18));
	assert_ok!(<Vault as LendingVault<_>>::impair(1_000 * USD18));
	assert_eq!(Usdai::redemption_nav().unwrap(), 9_000 * USD18);
}

/// The attacker stakes `ATTACK` at the deposit price, then the block ends.
fn attacker_stakes() {
	give_usdai(CHARLIE, ATTACK);
	assert_ok!(Usdai::stake(RuntimeOrigin::signed(CHARLIE), ATTACK * USD18, 0));
	run_to_block(System::block_number() + 1);
}

/// The attacker gains nothing from the event at once, nor once it has vested.
fn assert_not_captured() {
	assert!(worth(CHARLIE) <= ATTACK * USD18, "at once: {} > {}", worth(CHARLIE), ATTACK * USD18);
	run_to_block(System::block_number() + VESTING);
	assert!(worth(CHARLIE) <= ATTACK * USD18, "vested: {} > {}", worth(CHARLIE), ATTACK * USD18);
}

#[test]
fn a_stake_while_a_loan_is_impaired_pays_its_face_value() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_impaired_loan();
		let prices = Usdai::share_prices();
		assert_eq!(prices.deposit, USD18, "joiners pay for the impaired principal in full");
		assert_eq!(prices.redemption, USD18 / 10 * 9, "leavers get the written-down value");
		attacker_stakes();
		assert_eq!(bal(SUSDAI, CHARLIE), ATTACK * USD18);
	});
}

#[test]
fn a_cure_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_impaired_loan();
		attacker_stakes();
		let alice = worth(ALICE);
		assert_ok!(<Vault as LendingVault<_>>::reverse_impairment(1_000 * USD18));
		assert!(
			matches!(last_event(), Event::GainVesting { amount, .. } if amount == 1_000 * USD18)
		);
		// The redemption price does not jump: the cure vests.
		assert_eq!(worth(ALICE), alice);
		assert_not_captured();
		// Those who were there when the loan was written down get it back.
		assert!(worth(ALICE) >= 10_000 * USD18 - 2 * DEAD);
	});
}

#[test]
fn an_auction_recovery_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_impaired_loan();
		attacker_stakes();
		// The waterfall as filo runs it: the recovered principal's impairment is reversed and
		// the proceeds repaid from the auction's escrow (Bob plays the escrow here).
		assert_ok!(<Vault as LendingVault<_>>::reverse_impairment(1_000 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::repay_principal(&BOB, 1_000 * USD18));
		assert_not_captured();
	});
}

#[test]
fn a_repayment_of_impaired_principal_vests_its_recovery() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_impaired_loan();
		attacker_stakes();
		// Principal repaid without its impairment reversed first still recovers written-down
		// value: the gain vests all the same.
		assert_ok!(<Vault as LendingVault<_>>::repay_principal(&BOB, 400 * USD18));
		assert!(matches!(last_event(), Event::GainVesting { amount, .. } if amount == 400 * USD18));
		assert_not_captured();
	});
}

#[test]
fn a_first_loss_and_insurance_payment_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		// An insurance fund of 500 from interest of 10,000 (5%), vested.
		deposit_and_stake(ALICE, 10_000);
		give_usdai(LENDER, 10_000);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 10_000 * USD18));
		run_to_block(1 + VESTING);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 1_000 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::impair(1_000 * USD18));
		attacker_stakes();
		// The waterfall: 300 of first-loss, then the rest realised and insurance pays 500.
		assert_ok!(<Vault as LendingVault<_>>::reverse_impairment(300 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::repay_principal(&BOB, 300 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::realise_loss(700 * USD18));
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(700 * USD18), Ok(500 * USD18));
		assert!(matches!(last_event(), Event::GainVesting { amount, .. } if amount == 500 * USD18));
		assert_not_captured();
	});
}

#[test]
fn a_backstop_purchase_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 10_000);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 1_000 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::impair(1_000 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::realise_loss(1_000 * USD18));
		attacker_stakes();
		give_usdai(LENDER, 1_000);
		assert_ok!(<Vault as BackstopVault<_>>::cover_loss_from(&LENDER, 1_000 * USD18));
		assert_eq!(UncoveredLoss::<Test>::get(), 0);
		assert!(
			matches!(last_event(), Event::GainVesting { amount, .. } if amount == 1_000 * USD18)
		);
		// At once the attacker has nothing of it. (Holding through the vesting window he earns
		// his share, as any holder who bore the vault's risk over the window does: a realised
		// loss is not owed back for sure, so the deposit price does not count it.)
		assert!(worth(CHARLIE) <= ATTACK * USD18);
	});
}

#[test]
fn a_queue_bid_fee_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 10_000);
		deposit_and_stake(BOB, 10_000);
		attacker_stakes();
		let bob = worth(BOB);
		// Alice pays a 5% bid to leave first.
		let shares = bal(SUSDAI, ALICE);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, shares));
		let value = Usdai::shares_value(shares).unwrap();
		let paid = value / 100 * 95;
		assert_ok!(<Vault as RedemptionVault<_>>::settle_locked(shares, paid));
		assert!(
			matches!(last_event(), Event::GainVesting { amount, .. } if amount == value - paid)
		);
		assert!(worth(CHARLIE) <= ATTACK * USD18);
		// The fee reaches the holders who wait as it vests.
		run_to_block(System::block_number() + VESTING);
		assert!(worth(BOB) > bob + 250 * USD18, "{bob} → {}", worth(BOB));
	});
}

#[test]
fn interest_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 10_000);
		attacker_stakes();
		give_usdai(LENDER, 1_000);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 1_000 * USD18));
		assert!(worth(CHARLIE) <= ATTACK * USD18);
	});
}

#[test]
fn sleeve_growth_cannot_be_captured_by_a_stake_the_block_before() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 10_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 5_000 * USD6));
		attacker_stakes();
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(5_500 * USD18));
		assert!(worth(CHARLIE) <= ATTACK * USD18);
	});
}

#[test]
fn an_impairment_reversed_in_its_own_block_leaves_the_price_where_it_was() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 10_000);
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 1_000 * USD18));
		let before = Usdai::share_prices();
		assert_ok!(<Vault as LendingVault<_>>::impair(1_000 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::reverse_impairment(1_000 * USD18));
		// The deposit price never moved; the redemption price comes back as the reversal vests.
		assert_eq!(Usdai::share_prices().deposit, before.deposit);
		assert!(Usdai::share_prices().redemption < before.redemption);
		run_to_block(System::block_number() + VESTING);
		assert_eq!(Usdai::share_prices(), before);
	});
}

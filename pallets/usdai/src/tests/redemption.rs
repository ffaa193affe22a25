//! What the QEV queue does with the vault through `RedemptionVault` (`src/redemption.rs`):
//! shares locked and unlocked, settled and paid, and the redemption rate.

use crate::{mock::*, Error, Event};
use frame_support::{assert_noop, assert_ok};
use usdai_primitives::vault::{LendingVault, RedemptionVault};

type Vault = Usdai;

#[test]
fn locked_shares_go_to_escrow_and_come_back() {
	ExtBuilder::default().build_and_execute(|| {
		let shares = deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 40 * USD18));
		// Beside the dead shares, which live in the escrow.
		assert_eq!(bal(SUSDAI, Usdai::escrow_account()), 40 * USD18 + DEAD);
		assert_eq!(crate::LockedShares::<Test>::get(), 40 * USD18);
		assert_noop!(
			<Vault as RedemptionVault<_>>::lock_shares(&ALICE, shares),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			<Vault as RedemptionVault<_>>::unlock_shares(&ALICE, 41 * USD18),
			Error::<Test>::ExceedsLocked
		);
		assert_ok!(<Vault as RedemptionVault<_>>::unlock_shares(&ALICE, 40 * USD18));
		assert_eq!(bal(SUSDAI, ALICE), shares);
	});
}

#[test]
fn settled_shares_are_burnt_and_their_value_paid_when_collected() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 50 * USD18));
		let rate = <Vault as RedemptionVault<_>>::redemption_rate().unwrap();
		assert_eq!(rate.value(50 * USD18), Ok(50 * USD18));
		assert_eq!(<Vault as RedemptionVault<_>>::redemption_value(50 * USD18), Ok(50 * USD18));
		let idle = crate::Ledger::<Test>::get().idle;
		assert_ok!(<Vault as RedemptionVault<_>>::settle_locked(50 * USD18, 50 * USD18));
		assert_eq!(supply(SUSDAI), 50 * USD18);
		assert_eq!(crate::LockedShares::<Test>::get(), 0);
		// Set aside: out of the vault's idle cash, not yet in Alice's account.
		assert_eq!(crate::Ledger::<Test>::get().idle, idle - 50 * USD18);
		assert_eq!(<Vault as RedemptionVault<_>>::settled_unpaid(), 50 * USD18);
		assert_eq!(bal(USDAI, ALICE), 0);
		assert_eq!(
			last_event(),
			Event::QueueSettled { shares: 50 * USD18, paid: 50 * USD18, fee: 0 }
		);

		assert_ok!(<Vault as RedemptionVault<_>>::pay_settled(&ALICE, 30 * USD18));
		assert_ok!(<Vault as RedemptionVault<_>>::pay_settled(&ALICE, 20 * USD18));
		assert_eq!(bal(USDAI, ALICE), 50 * USD18);
		assert_eq!(<Vault as RedemptionVault<_>>::settled_unpaid(), 0);
		assert_noop!(
			<Vault as RedemptionVault<_>>::pay_settled(&ALICE, 1),
			Error::<Test>::ExceedsSettled
		);
	});
}

#[test]
fn the_bid_fee_stays_with_the_holders_who_wait() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		deposit_and_stake(BOB, 100);
		let bob_before = Usdai::shares_value(bal(SUSDAI, BOB)).unwrap();
		// Alice pays a 5% priority bid to leave first: she is paid 95% of her shares' value.
		let shares = 100 * USD18 - DEAD;
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, shares));
		let value = Usdai::shares_value(shares).unwrap();
		let paid = value / 100 * 95;
		assert_ok!(<Vault as RedemptionVault<_>>::settle_locked(shares, paid));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Usdai(Event::QueueSettled { shares, paid, fee: value - paid })));
		// Bob, who waits, holds shares worth more once the fee has vested.
		run_to_block(System::block_number() + VESTING);
		let bob_after = Usdai::shares_value(bal(SUSDAI, BOB)).unwrap();
		assert!(bob_after > bob_before + 4 * USD18, "{bob_before} → {bob_after}");
	});
}

#[test]
fn settlement_needs_liquidity_locked_shares_and_value() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 50 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 90 * USD18));
		assert_eq!(<Vault as RedemptionVault<_>>::available_liquidity(), 10 * USD18 - 1);
		assert_noop!(
			<Vault as RedemptionVault<_>>::settle_locked(50 * USD18, 50 * USD18),
			Error::<Test>::InsufficientLiquidity
		);
		assert_noop!(
			<Vault as RedemptionVault<_>>::settle_locked(51 * USD18, 0),
			Error::<Test>::ExceedsLocked
		);
		assert_noop!(
			<Vault as RedemptionVault<_>>::settle_locked(USD18, USD18 + 1),
			Error::<Test>::PaysAboveValue
		);
		assert_noop!(<Vault as RedemptionVault<_>>::settle_locked(0, 0), Error::<Test>::ZeroAmount);
		assert_ok!(<Vault as RedemptionVault<_>>::settle_locked(9 * USD18, 9 * USD18));
	});
}

//! What the QEV queue does with the vault through `RedemptionVault`.

use crate::{mock::*, Error, Event, RedemptionVault, VaultAccounting};
use frame_support::{assert_noop, assert_ok};

type Vault = Usdai;

#[test]
fn locked_shares_go_to_escrow_and_come_back() {
	ExtBuilder::default().build_and_execute(|| {
		let shares = deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 40 * USD18));
		assert_eq!(bal(SUSDAI, Usdai::escrow_account()), 40 * USD18);
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
fn redeeming_locked_shares_pays_their_value() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 50 * USD18));
		assert_eq!(<Vault as RedemptionVault<_>>::redemption_value(50 * USD18), Ok(50 * USD18));
		assert_eq!(
			<Vault as RedemptionVault<_>>::redeem_locked(&ALICE, 50 * USD18, 0),
			Ok((50 * USD18, 0))
		);
		assert_eq!(bal(USDAI, ALICE), 50 * USD18);
		assert_eq!(supply(SUSDAI), 50 * USD18);
		assert_eq!(crate::LockedShares::<Test>::get(), 0);
	});
}

#[test]
fn the_bid_fee_stays_with_the_holders_who_wait() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		deposit_and_stake(BOB, 100);
		let bob_before = Usdai::shares_value(bal(SUSDAI, BOB)).unwrap();
		// Alice pays a 5% priority bid to leave first.
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 100 * USD18 - DEAD));
		let (paid, fee) =
			<Vault as RedemptionVault<_>>::redeem_locked(&ALICE, 100 * USD18 - DEAD, 500).unwrap();
		assert_eq!(fee, 5 * USD18 - 50);
		assert_eq!(paid + fee, 100 * USD18 - DEAD);
		assert_eq!(
			last_event(),
			Event::SharesRedeemed { to: ALICE, shares: 100 * USD18 - DEAD, paid, fee }
		);
		// Bob, who waits, now holds shares worth more.
		let bob_after = Usdai::shares_value(bal(SUSDAI, BOB)).unwrap();
		assert!(bob_after > bob_before + 4 * USD18, "{bob_before} → {bob_after}");
	});
}

#[test]
fn redemption_needs_liquidity_and_locked_shares() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		assert_ok!(<Vault as RedemptionVault<_>>::lock_shares(&ALICE, 50 * USD18));
		assert_ok!(<Vault as VaultAccounting<_>>::draw(&BOB, 90 * USD18));
		assert_eq!(<Vault as RedemptionVault<_>>::available_liquidity(), 10 * USD18 - 1);
		assert_noop!(
			<Vault as RedemptionVault<_>>::redeem_locked(&ALICE, 50 * USD18, 0),
			Error::<Test>::InsufficientLiquidity
		);
		assert_noop!(
			<Vault as RedemptionVault<_>>::redeem_locked(&ALICE, 51 * USD18, 0),
			Error::<Test>::ExceedsLocked
		);
		assert_noop!(
			<Vault as RedemptionVault<_>>::redeem_locked(&ALICE, USD18, 10_001),
			Error::<Test>::InvalidFee
		);
		assert_ok!(<Vault as RedemptionVault<_>>::redeem_locked(&ALICE, 9 * USD18, 0));
	});
}

//! Rounding never favours the user: property tests over random amounts and sequences.

use crate::mock::*;
use frame_support::assert_ok;
use proptest::prelude::*;
use usdai_primitives::vault::{LendingVault, RedemptionVault};

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

	/// Depositing then redeeming never returns more stablecoin than went in.
	#[test]
	fn deposit_redeem_round_trip_never_gains(micro in 1u128..5_000_000_000_000, extra in 0u128..1_000_000_000_000) {
		ExtBuilder::default().build_and_execute(|| {
			let start = bal(USDC, ALICE);
			assert_ok!(Usdai::deposit(RuntimeOrigin::signed(ALICE), USDC, micro % (900_000 * USD6) + 1, 0));
			let held = bal(USDAI, ALICE);
			// Redeem an arbitrary, not unit-aligned amount.
			let ask = held.saturating_sub(extra).max(1_000_000_000_000);
			let _ = Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, ask.min(held), 0);
			let _ = Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, bal(USDAI, ALICE), 0);
			prop_assert!(bal(USDC, ALICE) <= start);
			// USDai left plus stablecoin received never exceeds what was deposited.
			let value_back = (bal(USDC, ALICE) + crate::Reserves::<Test>::get(USDC)) * 1_000_000_000_000;
			prop_assert!(value_back >= bal(USDAI, ALICE));
			Ok(())
		})?;
	}

	/// Staking then redeeming through the queue never returns more USDai than was staked, and
	/// the holders who stay never lose from someone else's round trip.
	#[test]
	fn stake_redeem_round_trip_never_gains(
		seed in 1u128..100_000,
		stake in 2_000u128..10_000_000_000_000_000_000_000,
		interest in 0u128..1_000_000_000_000_000_000_000,
		loss in 0u128..100,
	) {
		ExtBuilder::default().build_and_execute(|| {
			// An existing vault with a price that is not 1.
			deposit_and_stake(ALICE, seed);
			if interest > 0 {
				give_usdai(LENDER, 100_000);
				assert_ok!(<Usdai as LendingVault<_>>::receive_interest(&LENDER, interest));
			}
			if loss > 0 && seed > 1 {
				let lent = seed * USD18 / 2;
				assert_ok!(<Usdai as LendingVault<_>>::draw(&LENDER, lent));
				assert_ok!(<Usdai as LendingVault<_>>::impair(lent * loss / 100));
			}
			run_to_block(3);
			let alice_before = Usdai::shares_value(bal(SUSDAI, ALICE)).unwrap();

			give_usdai(BOB, 10_000);
			let stake = stake.min(bal(USDAI, BOB));
			if Usdai::stake(RuntimeOrigin::signed(BOB), stake, 1).is_err() {
				return Ok(());
			}
			let shares = bal(SUSDAI, BOB);
			let value = <Usdai as RedemptionVault<_>>::redemption_value(shares).unwrap();
			prop_assert!(value <= stake, "stake {} worth {}", stake, value);

			assert_ok!(<Usdai as RedemptionVault<_>>::lock_shares(&BOB, shares));
			let before = bal(USDAI, BOB);
			if <Usdai as RedemptionVault<_>>::settle_locked(shares, value).is_ok() {
				assert_ok!(<Usdai as RedemptionVault<_>>::pay_settled(&BOB, value));
				prop_assert!(bal(USDAI, BOB) - before <= stake);
			}
			let alice_after = Usdai::shares_value(bal(SUSDAI, ALICE)).unwrap();
			prop_assert!(alice_after >= alice_before, "{} -> {}", alice_before, alice_after);
			Ok(())
		})?;
	}

	/// Random sequences of vault operations keep every invariant after every block.
	#[test]
	fn books_stay_consistent_under_random_operations(ops in proptest::collection::vec((0u8..7, 1u128..1_000_000_000_000_000_000_000), 1..30)) {
		ExtBuilder::default().build_and_execute(|| {
			give_usdai(LENDER, 500_000);
			deposit_and_stake(ALICE, 1_000);
			for (op, amount) in ops {
				let _ = match op {
					0 => Usdai::stake(RuntimeOrigin::signed(LENDER), amount, 0),
					1 => <Usdai as LendingVault<_>>::draw(&BOB, amount),
					2 => <Usdai as LendingVault<_>>::receive_interest(&LENDER, amount).map(|_| ()),
					3 => <Usdai as LendingVault<_>>::impair(amount),
					4 => <Usdai as RedemptionVault<_>>::lock_shares(&LENDER, amount),
					5 => <Usdai as RedemptionVault<_>>::redemption_value(amount)
						.and_then(|v| <Usdai as RedemptionVault<_>>::settle_locked(amount, v / 100 * 99)),
					_ => <Usdai as RedemptionVault<_>>::pay_settled(&LENDER, amount),
				};
				run_to_block(System::block_number() + 1);
				prop_assert!(Usdai::do_try_state().is_ok());
			}
			Ok(())
		})?;
	}
}

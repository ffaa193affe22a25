//! Allo points: 5 per USDai per day, 2 per USDai of sUSDai value per day, under plain
//! `assets.transfer` as well as the vault's own calls.

use crate::{mock::*, VaultAccounting};
use frame_support::assert_ok;

/// Whole points (the ledger keeps 18 decimals).
fn points(who: AccountId) -> u128 {
	Usdai::points_of(&who) / USD18
}

#[test]
fn usdai_earns_five_points_per_dollar_per_day() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(1 + DAY);
		assert_eq!(points(ALICE), 500);
		run_to_block(1 + 3 * DAY);
		assert_eq!(points(ALICE), 1_500);
	});
}

#[test]
fn susdai_earns_two_points_per_dollar_of_value_per_day() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		run_to_block(1 + DAY);
		// 100 USDai of value (less the dead shares' 1000 base units) × 2.
		assert_eq!(points(ALICE), 199);
		assert!(Usdai::points_of(&ALICE) > 199 * USD18 + USD18 / 2);
	});
}

#[test]
fn susdai_is_valued_at_the_redemption_price_not_at_one() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 100);
		assert_ok!(<Usdai as VaultAccounting<_>>::receive_interest(&LENDER, 100 * USD18));
		run_to_block(1 + VESTING);
		// Shares are now worth ~1.85 USDai each: a day of holding is worth ~370 points.
		let start = Usdai::points_of(&ALICE);
		run_to_block(1 + VESTING + DAY);
		let day = (Usdai::points_of(&ALICE) - start) / USD18;
		assert!((369..=370).contains(&day), "{day}");
	});
}

#[test]
fn points_follow_plain_asset_transfers() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		// A transfer the vault does not see: the walk in `on_idle` picks it up.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, 60 * USD18));
		run_to_block(1 + DAY);
		let (alice, bob) = (points(ALICE), points(BOB));
		// Alice earns on 40 from the start; Bob on 60 from his first observation (a block or
		// two after the transfer).
		assert!((199..=200).contains(&alice), "alice {alice}");
		assert!((290..=300).contains(&bob), "bob {bob}");
		// Never more than 100 USDai held for a day.
		assert!(alice + bob <= 500);
	});
}

#[test]
fn moving_tokens_around_cannot_multiply_points() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		// Wash the same 100 USDai between two accounts every block for a day.
		for block in 2..=(1 + DAY) {
			let (from, to) = if block % 2 == 0 { (ALICE, BOB) } else { (BOB, ALICE) };
			assert_ok!(Assets::transfer(RuntimeOrigin::signed(from), USDAI, to, 100 * USD18));
			run_to_block(block);
		}
		assert!(points(ALICE) + points(BOB) <= 500, "{} + {}", points(ALICE), points(BOB));
	});
}

#[test]
fn protocol_accounts_earn_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		run_to_block(1 + 2 * DAY);
		assert_eq!(Usdai::points_of(&Usdai::vault_account()), 0);
		assert_eq!(Usdai::points_of(&Usdai::dead_account()), 0);
		assert!(crate::Points::<Test>::get(Usdai::vault_account()).is_none());
	});
}

#[test]
fn the_walk_is_bounded_per_block() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [ALICE, BOB, CHARLIE, LENDER] {
			give_usdai(who, 10);
		}
		// Four holders, three visits a block: the walk needs two blocks for USDai.
		let w = Usdai::do_points_walk(frame_support::weights::Weight::MAX);
		assert_eq!(w, <() as crate::WeightInfo>::points_walk(3));
		assert!(matches!(
			crate::PointsCursor::<Test>::get(),
			Some(crate::WalkPosition::Holders { asset: USDAI, cursor: Some(_) })
		));
		// With no weight left, nothing is visited.
		assert_eq!(
			Usdai::do_points_walk(frame_support::weights::Weight::zero()),
			Default::default()
		);
	});
}

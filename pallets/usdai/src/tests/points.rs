//! Allo points: 5 per USDai per day, 2 per USDai of sUSDai value per day, under plain
//! `assets.transfer` as well as the vault's own calls; exact, block by block, under any sequence
//! of transfers.

use crate::mock::*;
use frame_support::{
	assert_ok,
	traits::{fungibles::Unbalanced, Hooks},
};
use proptest::prelude::*;
use sp_runtime::traits::Zero;
use std::collections::BTreeMap;
use usdai_primitives::{vault::LendingVault, Balance};

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
		assert_ok!(<Usdai as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18));
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

// Exact points under any sequence of transfers.

const MILLION: Balance = 1_000_000 * USD18;

/// Points (in 10^-18) that `usdai` USDai and `susdai` USDai of sUSDai value earn in `blocks`.
fn earned(usdai: Balance, susdai: Balance, blocks: u64) -> u128 {
	(usdai * 5 + susdai * 2) * u128::from(blocks) / u128::from(DAY)
}

/// The other of two shuttling accounts.
fn other(who: AccountId) -> AccountId {
	if who == ALICE {
		BOB
	} else {
		ALICE
	}
}

/// `from` moves all its `asset` to `to`, by the kind of transfer `kind` picks.
fn move_all(asset: u32, from: AccountId, to: AccountId, kind: u64) {
	let amount = bal(asset, from);
	match kind % 3 {
		0 => {
			assert_ok!(Assets::transfer(RuntimeOrigin::signed(from), asset, to, amount));
		},
		1 => {
			assert_ok!(Assets::transfer_all(RuntimeOrigin::signed(from), asset, to, false));
		},
		_ => {
			assert_ok!(Assets::approve_transfer(
				RuntimeOrigin::signed(from),
				asset,
				LENDER,
				amount
			));
			assert_ok!(Assets::transfer_approved(
				RuntimeOrigin::signed(LENDER),
				asset,
				from,
				to,
				amount
			));
		},
	}
}

#[test]
fn shuttling_tokens_between_accounts_earns_exactly_what_holding_them_earns() {
	// With the walk running every block, and on a busy chain where it never runs.
	for busy in [false, true] {
		ExtBuilder::default().build_and_execute(|| {
			give_usdai(ALICE, 1_000_000);
			let mut holder = ALICE;
			for block in 2..=(1 + 3 * DAY) {
				if busy {
					run_to_block_busy(block);
				} else {
					run_to_block(block);
				}
				// None to three round trips a block, by every kind of transfer.
				for i in 0..(block % 4) {
					move_all(USDAI, holder, other(holder), block + i);
					holder = other(holder);
				}
			}
			run_to_block(1 + 4 * DAY);
			// 1M held for four days (blocks 2 to 1 + 4 × DAY), whoever held it: 20M points, not a
			// point more or less.
			let total = Usdai::points_of(&ALICE) + Usdai::points_of(&BOB);
			assert_eq!(total, earned(MILLION, 0, 4 * DAY), "busy: {busy}");
		});
	}
}

#[test]
fn observations_timed_around_a_shuttle_cannot_double_points() {
	ExtBuilder::default().build_and_execute(|| {
		let half = MILLION / 2;
		// Block 1: Alice is observed holding 500k, hands it to Bob, who is observed holding it.
		give_usdai(ALICE, 500_000);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, half));
		give_usdai(BOB, 1);
		// A day later, with no walk in between, the same dance the other way round.
		run_to_block_busy(1 + DAY);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), USDAI, ALICE, half));
		give_usdai(ALICE, 1);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, half));
		give_usdai(BOB, 1);
		run_to_block_busy(2 + DAY);
		// Alice held nothing at the end of block 1 and 1 USDai at the end of block 1 + DAY.
		assert_eq!(Usdai::points_of(&ALICE), earned(USD18, 0, 1));
		// Bob held 500k + 1 for the day, then 500k + 2.
		assert_eq!(
			Usdai::points_of(&BOB),
			earned(half + USD18, 0, DAY) + earned(half + 2 * USD18, 0, 1)
		);
	});
}

#[test]
fn a_holder_who_sends_everything_keeps_exactly_its_days_and_the_receiver_earns_its_own() {
	for (asset, kind) in [(USDAI, 0), (USDAI, 1), (USDAI, 2), (SUSDAI, 0), (SUSDAI, 1)] {
		ExtBuilder::default().build_and_execute(|| {
			let held = if asset == USDAI {
				give_usdai(ALICE, 1_000_000);
				MILLION
			} else {
				deposit_and_stake(ALICE, 1_000_000)
			};
			let (usdai, susdai) = if asset == USDAI { (held, 0) } else { (0, held) };
			run_to_block(1 + 2 * DAY);
			move_all(asset, ALICE, BOB, kind);
			run_to_block(1 + 4 * DAY);
			assert_eq!(Usdai::points_of(&ALICE), earned(usdai, susdai, 2 * DAY), "{asset} {kind}");
			assert_eq!(Usdai::points_of(&BOB), earned(usdai, susdai, 2 * DAY), "{asset} {kind}");
		});
	}
}

#[test]
fn partial_transfers_move_exactly_the_points_of_what_they_move() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(1 + DAY);
		assert_ok!(Assets::transfer_keep_alive(
			RuntimeOrigin::signed(ALICE),
			USDAI,
			BOB,
			30 * USD18
		));
		assert_ok!(Assets::transfer_keep_alive(
			RuntimeOrigin::signed(BOB),
			USDAI,
			CHARLIE,
			10 * USD18
		));
		run_to_block(1 + 2 * DAY);
		assert_eq!(
			Usdai::points_of(&ALICE),
			earned(100 * USD18, 0, DAY) + earned(70 * USD18, 0, DAY)
		);
		assert_eq!(Usdai::points_of(&BOB), earned(20 * USD18, 0, DAY));
		assert_eq!(Usdai::points_of(&CHARLIE), earned(10 * USD18, 0, DAY));
	});
}

#[test]
fn an_account_that_empties_and_comes_back_earns_exactly_while_it_holds() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(1 + DAY);
		// Alice's USDai account dies.
		assert_ok!(Assets::transfer_all(RuntimeOrigin::signed(ALICE), USDAI, BOB, false));
		assert!(pallet_assets::Account::<Test>::get(USDAI, ALICE).is_none());
		run_to_block(1 + 2 * DAY);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), USDAI, ALICE, 40 * USD18));
		run_to_block_busy(1 + 3 * DAY);
		assert_eq!(
			Usdai::points_of(&ALICE),
			earned(100 * USD18, 0, DAY) + earned(40 * USD18, 0, DAY)
		);
		assert_eq!(
			Usdai::points_of(&BOB),
			earned(100 * USD18, 0, DAY) + earned(60 * USD18, 0, DAY)
		);
	});
}

#[test]
fn the_walk_still_observes_an_account_whose_credit_nothing_reported() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		// A move that emits no event: Charlie's credit is seen only by the walk.
		assert_ok!(<Assets as Unbalanced<_>>::decrease_balance(
			USDAI,
			&ALICE,
			40 * USD18,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Preservation::Expendable,
			frame_support::traits::tokens::Fortitude::Polite,
		));
		assert_ok!(<Assets as Unbalanced<_>>::increase_balance(
			USDAI,
			&CHARLIE,
			40 * USD18,
			frame_support::traits::tokens::Precision::Exact,
		));
		// A busy day: no walk, so Charlie earns nothing yet (never more than it held).
		run_to_block_busy(1 + DAY);
		assert!(Usdai::points_of(&CHARLIE).is_zero());
		// The walk observes Charlie in this block's `on_idle`; from then on it earns exactly.
		run_to_block(2 + DAY);
		run_to_block(2 + 2 * DAY);
		assert_eq!(Usdai::points_of(&CHARLIE), earned(40 * USD18, 0, DAY + 1));
		assert_eq!(Usdai::points_of(&ALICE), earned(60 * USD18, 0, 1 + 2 * DAY));
	});
}

#[test]
fn a_usdai_transfer_registers_exactly_the_work_it_causes_and_other_tokens_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(2);
		let weight = || frame_system::BlockWeight::<Test>::get().total();
		let before = weight();
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDC, BOB, USD6));
		assert_eq!(weight(), before, "a USDC transfer registers nothing");
		assert!(crate::PointsPending::<Test>::get().is_empty());

		// The first USDai debit of the block: the fixed part of `on_finalize`, one receiver, the
		// events up to just past it, and Alice's own settlement.
		let count = System::event_count();
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, USD18));
		let upto = count + crate::points_tracker::EVENTS_AFTER_DEBIT;
		assert_eq!(
			weight() - before,
			Usdai::finalize_base_weight()
				+ Usdai::credit_one_weight()
				+ Usdai::read_events_weight(upto)
				+ Usdai::settle_one_weight()
		);
		// A second one from Alice: one more receiver and the events since the first.
		let before = weight();
		let count = System::event_count();
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, CHARLIE, USD18));
		let more = count + crate::points_tracker::EVENTS_AFTER_DEBIT - upto;
		assert_eq!(weight() - before, Usdai::credit_one_weight() + Usdai::read_events_weight(more));
		run_to_block(3);
		assert_eq!(Usdai::points_of(&BOB), earned(USD18, 0, 1));
		assert_eq!(Usdai::points_of(&CHARLIE), earned(USD18, 0, 1));
	});
}

#[test]
fn one_sender_paying_many_receivers_in_a_block_settles_them_all() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(2);
		for (to, dollars) in [(BOB, 10), (CHARLIE, 20), (LENDER, 30), (BOB, 5)] {
			assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, to, dollars * USD18));
		}
		run_to_block_busy(2 + DAY);
		assert_eq!(
			Usdai::points_of(&ALICE),
			earned(100 * USD18, 0, 1) + earned(35 * USD18, 0, DAY)
		);
		assert_eq!(Usdai::points_of(&BOB), earned(15 * USD18, 0, DAY));
		assert_eq!(Usdai::points_of(&CHARLIE), earned(20 * USD18, 0, DAY));
		assert_eq!(Usdai::points_of(&LENDER), earned(30 * USD18, 0, DAY));
	});
}

#[test]
fn balance_checks_that_debit_nothing_change_no_points() {
	use frame_support::traits::{
		fungibles::Inspect,
		tokens::{Fortitude, Preservation},
	};
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(2);
		// pallet-assets asks the vault's hook without debiting anything.
		let _ = <Assets as Inspect<_>>::reducible_balance(
			USDAI,
			&ALICE,
			Preservation::Expendable,
			Fortitude::Polite,
		);
		let _ = <Assets as Inspect<_>>::can_withdraw(USDAI, &ALICE, 10 * USD18);
		assert!(crate::Points::<Test>::get(ALICE).is_some_and(|r| r.pending));
		run_to_block_busy(2 + DAY);
		assert_eq!(Usdai::points_of(&ALICE), earned(100 * USD18, 0, 1 + DAY));
	});
}

#[test]
fn a_debit_after_the_vault_finalized_is_settled_as_the_block_ended() {
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(2);
		// The vault ends block 2, then a later pallet's `on_finalize` moves Alice's USDai.
		Usdai::on_idle(2, frame_support::weights::Weight::MAX);
		Usdai::on_finalize(2);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, 40 * USD18));
		System::reset_events();
		System::initialize(&3, &System::parent_hash(), &Default::default());
		Usdai::on_initialize(3);
		assert!(crate::PointsPending::<Test>::get().is_empty());
		let alice = crate::Points::<Test>::get(ALICE).unwrap();
		assert_eq!((alice.usdai, alice.last, alice.pending), (60 * USD18, 2, false));
		run_to_block(2 + DAY);
		assert_eq!(
			Usdai::points_of(&ALICE),
			earned(100 * USD18, 0, 1) + earned(60 * USD18, 0, DAY)
		);
		// Bob's receipt came after the lookup: he earns from the walk's next visit, a block or
		// two late, never early.
		let bob = Usdai::points_of(&BOB);
		assert!((earned(40 * USD18, 0, DAY - 3)..earned(40 * USD18, 0, DAY)).contains(&bob));
	});
}

#[test]
fn a_debit_beyond_the_settlement_bound_earns_nothing_until_observed_again() {
	MaxPointsPending::set(2);
	ExtBuilder::default().build_and_execute(|| {
		for who in [ALICE, BOB, CHARLIE] {
			give_usdai(who, 100);
		}
		run_to_block(2);
		// Alice and Bob fill the list; Charlie's debit finds it full.
		for who in [ALICE, BOB, CHARLIE] {
			assert_ok!(Assets::transfer(RuntimeOrigin::signed(who), USDAI, LENDER, 10 * USD18));
		}
		let charlie = crate::Points::<Test>::get(CHARLIE).unwrap();
		assert_eq!((charlie.usdai, charlie.pending), (0, false));
		run_to_block_busy(2 + DAY);
		// Charlie keeps the block it held 100 for, and nothing since. Receivers are settled
		// apart from the list: Lender's points are exact.
		assert_eq!(Usdai::points_of(&CHARLIE), earned(100 * USD18, 0, 1));
		assert_eq!(Usdai::points_of(&LENDER), earned(30 * USD18, 0, DAY));
		assert_eq!(
			Usdai::points_of(&ALICE),
			earned(100 * USD18, 0, 1) + earned(90 * USD18, 0, DAY)
		);
		// The walk observes them again; from then on they earn, never more than they held.
		run_to_block(2 + 2 * DAY);
		let charlie = Usdai::points_of(&CHARLIE);
		assert!(charlie > earned(100 * USD18, 0, 1));
		assert!(charlie < earned(100 * USD18, 0, 1) + earned(90 * USD18, 0, DAY));
		assert_eq!(Usdai::points_of(&LENDER), earned(30 * USD18, 0, 2 * DAY));
	});
}

#[test]
fn a_receiver_beyond_the_events_read_earns_from_its_next_observation() {
	MaxPointsScanned::set(3);
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		run_to_block(2);
		// Bob's deposit deposits three events; Alice's transfer event comes after them.
		give_usdai(BOB, 10);
		assert!(System::event_count() >= 3);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, CHARLIE, 40 * USD18));
		run_to_block_busy(2 + DAY);
		assert!(Usdai::points_of(&CHARLIE).is_zero());
		assert_eq!(
			Usdai::points_of(&ALICE),
			earned(100 * USD18, 0, 1) + earned(60 * USD18, 0, DAY)
		);
		run_to_block(2 + 2 * DAY);
		let charlie = Usdai::points_of(&CHARLIE);
		assert!(!charlie.is_zero() && charlie <= earned(40 * USD18, 0, DAY));
	});
}

#[test]
fn a_transfer_of_nothing_cannot_take_a_receivers_settlement() {
	// Found by `points_are_exact_under_any_sequence_of_transfers`: `transfer_all` from an empty
	// account debits nothing but still deposits a `Transferred` event.
	ExtBuilder::default().build_and_execute(|| {
		give_usdai(ALICE, 100);
		deposit_and_stake(CHARLIE, 10);
		run_to_block(2);
		assert_ok!(Assets::transfer_all(RuntimeOrigin::signed(BOB), SUSDAI, CHARLIE, false));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Assets(pallet_assets::Event::Transferred { amount: 0, .. })
		)));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDAI, BOB, 40 * USD18));
		run_to_block_busy(2 + DAY);
		assert_eq!(Usdai::points_of(&BOB), earned(40 * USD18, 0, DAY));
		assert!(!crate::Points::<Test>::get(CHARLIE).unwrap().pending);
	});
}

/// Reference model of the points: each block earns on the balances held at the end of the block
/// before (sUSDai at one USDai a share: these tests pay no interest).
#[derive(Default)]
struct Reference(BTreeMap<AccountId, u128>);

impl Reference {
	const ACCOUNTS: [AccountId; 4] = [ALICE, BOB, CHARLIE, LENDER];

	/// Ends the block: each account earns one block on what it holds now.
	fn end_block(&mut self) {
		for who in Self::ACCOUNTS {
			*self.0.entry(who).or_default() += earned(bal(USDAI, who), bal(SUSDAI, who), 1);
		}
	}
}

/// One step of a random sequence.
#[derive(Clone, Debug)]
enum Step {
	/// Move `units` whole tokens (or everything, for `kind` 1) of USDai (or sUSDai) by transfer
	/// kind `kind`: plain, all, approved, keep-alive.
	Move { susdai: bool, from: usize, to: usize, units: u128, kind: u8 },
	/// Stake `units` USDai.
	Stake { who: usize, units: u128 },
	/// End `blocks` blocks, with or without spare weight for the walk.
	Advance { blocks: u64, busy: bool },
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		4 => (any::<bool>(), 0..4usize, 0..4usize, 1..400u128, 0..4u8).prop_map(
			|(susdai, from, to, units, kind)| Step::Move { susdai, from, to, units, kind }
		),
		1 => (0..4usize, 1..50u128).prop_map(|(who, units)| Step::Stake { who, units }),
		3 => (1..6u64, any::<bool>()).prop_map(|(blocks, busy)| Step::Advance { blocks, busy }),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(48))]

	#[test]
	fn points_are_exact_under_any_sequence_of_transfers(steps in prop::collection::vec(step(), 1..60)) {
		ExtBuilder::default().build_and_execute(|| {
			give_usdai(ALICE, 1_000);
			give_usdai(BOB, 500);
			deposit_and_stake(CHARLIE, 300);
			let mut reference = Reference::default();
			let account = |i: usize| Reference::ACCOUNTS[i];
			for step in steps {
				match step {
					Step::Move { susdai, from, to, units, kind } => {
						let (asset, from, to) = (if susdai { SUSDAI } else { USDAI }, account(from), account(to));
						let amount = units * USD18;
						let signed = RuntimeOrigin::signed(from);
						// Failing moves (too little, would die) change nothing: ignore them.
						let _ = match kind {
							0 => Assets::transfer(signed, asset, to, amount),
							1 => Assets::transfer_all(signed, asset, to, false),
							2 => Assets::approve_transfer(signed, asset, LENDER, amount).and_then(|_| {
								Assets::transfer_approved(RuntimeOrigin::signed(LENDER), asset, from, to, amount)
							}),
							_ => Assets::transfer_keep_alive(signed, asset, to, amount),
						};
					},
					Step::Stake { who, units } => {
						let _ = Usdai::stake(RuntimeOrigin::signed(account(who)), units * USD18, 0);
					},
					Step::Advance { blocks, busy } => {
						for _ in 0..blocks {
							reference.end_block();
							let next = System::block_number() + 1;
							if busy { run_to_block_busy(next) } else { run_to_block(next) }
						}
					},
				}
			}
			reference.end_block();
			run_to_block(System::block_number() + 1);
			for who in Reference::ACCOUNTS {
				assert_eq!(Usdai::points_of(&who), reference.0[&who], "account {who}");
			}
		});
	}
}

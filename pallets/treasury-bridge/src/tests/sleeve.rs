//! Idle capital: moves to the T-bill sleeve up to the target, NAV reports (threshold, bounds,
//! staleness, conflicts), recalls and their inbound completion.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use sp_runtime::DispatchError;
use usdai_primitives::bridge::ReserveSleeve;

/// 1,000 USDC deposited into the vault, half of the reserve moved to the sleeve.
fn with_sleeve() -> u64 {
	credit(&into_usdai(deposit(ETH, 0, USDC, 1_000 * USD6, ALICE)));
	assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
	assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
	NextOutboundNonce::<Test>::get() - 1
}

fn report(relayer: AccountId, r: NavReport) -> frame_support::dispatch::DispatchResultWithPostInfo {
	TreasuryBridge::attest_nav(RuntimeOrigin::signed(relayer), r)
}

fn sleeve() -> Balance {
	<Usdai as ReserveSleeve<AccountId>>::sleeve_value()
}

#[test]
fn rebalancing_moves_reserves_to_the_sleeve_up_to_the_target() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 1_000 * USD6, ALICE)));
		// No target yet.
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::NothingToMove
		);
		assert_noop!(
			TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 8_001),
			Error::<Test>::TargetTooHigh
		);
		assert_noop!(
			TreasuryBridge::set_sleeve_target(RuntimeOrigin::signed(ALICE), 5_000),
			DispatchError::BadOrigin
		);
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		bridge_events();
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 500 * USD6);
		assert_eq!(sleeve(), 500 * USD);
		// Burnt here, sent out by an outbound message.
		assert_eq!(supply(USDC), 500 * USD6);
		assert_eq!(Bridged::<Test>::get(USDC).withdrawn, 500 * USD6);
		assert_eq!(
			Outbound::<Test>::get(0),
			Some(OutboundMessage::ToSleeve { asset: USDC, amount: 500 * USD6 })
		);
		assert_eq!(
			bridge_events(),
			vec![Event::MovedToSleeve { nonce: 0, asset: USDC, amount: 500 * USD6 }]
		);
		// At target: nothing more moves.
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::NothingToMove
		);
		// Relayers confirm the transfer like a withdrawal.
		for r in [R1, R2, R3] {
			assert_ok!(TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(r), 0));
		}
		assert!(Outbound::<Test>::get(0).is_none());
	});
}

#[test]
fn rebalancing_recalls_what_the_sleeve_holds_above_the_target() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		// Alice redeems 300 USDai for USDC: reserves 200, sleeve 500, the target is 350.
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 300 * USD, 0));
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 200 * USD6);
		assert_eq!(TreasuryBridge::sleeve_excess(USDC), Ok(150 * USD6));
		bridge_events();
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_eq!(
			bridge_events(),
			vec![Event::RecallRequested { nonce: 1, asset: USDC, amount: 150 * USD6 }]
		);
		assert_eq!(RecallOutstanding::<Test>::get(), 150 * USD);
		assert_eq!(
			Outbound::<Test>::get(1),
			Some(OutboundMessage::Recall {
				asset: USDC,
				amount: 150 * USD6,
				remaining: 150 * USD6
			})
		);
		// What is being recalled is not asked for twice, and nothing moves out meanwhile.
		assert_eq!(TreasuryBridge::sleeve_excess(USDC), Ok(0));
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::RecallPending
		);
		// The return completes the recall: the sleeve is at its target again.
		let back = Deposit {
			action: DepositAction::SleeveReturn { recall: 1 },
			..deposit(ETH, 1, USDC, 150 * USD6, ALICE)
		};
		credit(&back);
		assert_eq!(RecallOutstanding::<Test>::get(), 0);
		assert_eq!(sleeve(), 350 * USD);
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 350 * USD6);
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::NothingToMove
		);
	});
}

#[test]
fn an_excess_below_the_smallest_move_is_left_in_the_sleeve() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		// 10 USDai redeemed: the sleeve is 5 above its target, below the 10 smallest move.
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 10 * USD, 0));
		assert_eq!(TreasuryBridge::sleeve_excess(USDC), Ok(5 * USD6));
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::NothingToMove
		);
	});
}

#[test]
fn an_attested_nav_reaches_the_vault_as_yield() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		let r = nav(505 * USD, GENESIS_TIME);
		assert_ok!(report(R1, r));
		assert_ok!(report(R2, r));
		assert_eq!(sleeve(), 500 * USD);
		assert_noop!(report(R2, r), Error::<Test>::AlreadyAttested);
		let usdai_supply = supply(USDAI);
		assert_ok!(report(R3, r));
		assert_eq!(sleeve(), 505 * USD);
		// The growth is minted as USDai in the vault (yield).
		assert_eq!(supply(USDAI), usdai_supply + 5 * USD);
		assert_eq!(LastNav::<Test>::get().unwrap().report, r);
		assert!(NavVotes::<Test>::get().is_none());
		assert!(bridge_events().contains(&Event::NavAccepted { report: r }));
	});
}

#[test]
fn nav_reports_are_bounded_per_period_up_and_down() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		// Stakers' idle cash bears falls.
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		// 1% of 500 is 5 a period (a day), up and down separately.
		assert_noop!(
			report(R1, nav(505 * USD + 1, GENESIS_TIME)),
			Error::<Test>::NavChangeTooLarge
		);
		assert_noop!(
			report(R1, nav(495 * USD - 1, GENESIS_TIME)),
			Error::<Test>::NavChangeTooLarge
		);
		accept(nav(503 * USD, GENESIS_TIME));
		// 3 of the 5 are used: 2 more may come this period.
		assert_noop!(
			report(R1, nav(505 * USD + 1, GENESIS_TIME + 1)),
			Error::<Test>::NavChangeTooLarge
		);
		Now::set(GENESIS_TIME + 2);
		accept(nav(505 * USD, GENESIS_TIME + 2));
		assert_eq!(sleeve(), 505 * USD);
		// A fall is bounded on its own: going down does not make room to go up again.
		Now::set(GENESIS_TIME + 3);
		accept(nav(500 * USD, GENESIS_TIME + 3));
		assert_eq!(sleeve(), 500 * USD);
		assert_noop!(
			report(R1, nav(500 * USD + 1, GENESIS_TIME + 4)),
			Error::<Test>::NavChangeTooLarge
		);
		assert_noop!(
			report(R1, nav(500 * USD - 1, GENESIS_TIME + 4)),
			Error::<Test>::NavChangeTooLarge
		);
		// The next period has room again.
		Now::set(GENESIS_TIME + DEFAULT_NAV_PERIOD);
		accept(nav(505 * USD, GENESIS_TIME + DEFAULT_NAV_PERIOD));
		assert_eq!(sleeve(), 505 * USD);
	});
	ExtBuilder::default().build_and_execute(|| {
		// With no sleeve, nothing but zero may be reported.
		assert_noop!(report(R1, nav(1, GENESIS_TIME)), Error::<Test>::NavChangeTooLarge);
	});
}

#[test]
fn governance_sets_the_nav_limit_within_its_bound() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		let limit = NavLimit { period: 100, max_change_bps: 10 };
		assert_noop!(
			TreasuryBridge::set_nav_limit(RuntimeOrigin::signed(ALICE), limit),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TreasuryBridge::set_nav_limit(
				RuntimeOrigin::root(),
				NavLimit { period: 0, max_change_bps: 10 }
			),
			Error::<Test>::InvalidNavLimit
		);
		assert_noop!(
			TreasuryBridge::set_nav_limit(
				RuntimeOrigin::root(),
				NavLimit { period: 100, max_change_bps: 101 }
			),
			Error::<Test>::InvalidNavLimit
		);
		assert_ok!(TreasuryBridge::set_nav_limit(RuntimeOrigin::root(), limit));
		assert_eq!(bridge_events().last(), Some(&Event::NavLimitSet { limit }));
		// 0.1% of 500 a hundred seconds.
		assert_noop!(
			report(R1, nav(500 * USD + USD / 2 + 1, GENESIS_TIME)),
			Error::<Test>::NavChangeTooLarge
		);
		accept(nav(500 * USD + USD / 2, GENESIS_TIME));
		Now::set(GENESIS_TIME + 100);
		accept(nav(501 * USD, GENESIS_TIME + 100));
		assert_eq!(sleeve(), 501 * USD);
	});
}

#[test]
fn growth_the_vault_cannot_mint_under_its_supply_cap_is_booked_later() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		let usdai = supply(USDAI);
		assert_ok!(Usdai::set_mint_limits(
			RuntimeOrigin::root(),
			pallet_usdai::MintLimits {
				supply_cap: usdai + 2 * USD,
				period: 1,
				max_per_period: USD
			}
		));
		accept(nav(505 * USD, GENESIS_TIME));
		// Only 2 fit under the cap; only those count against the period's bound.
		assert_eq!(sleeve(), 502 * USD);
		assert_eq!(supply(USDAI), usdai + 2 * USD);
		assert_eq!(NavChangeWindow::<Test>::get().grown, 2 * USD);
	});
}

#[test]
fn stale_and_future_nav_reports_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		Now::set(GENESIS_TIME + 10_000);
		// Older than MaxNavAge (one hour).
		assert_noop!(
			report(R1, nav(500 * USD, GENESIS_TIME + 10_000 - 3_601)),
			Error::<Test>::StaleReport
		);
		// Beyond the clock drift.
		assert_noop!(
			report(R1, nav(500 * USD, GENESIS_TIME + 10_061)),
			Error::<Test>::ReportFromFuture
		);
		let t = GENESIS_TIME + 9_000;
		for r in [R1, R2, R3] {
			assert_ok!(report(r, nav(501 * USD, t)));
		}
		// Not newer than the last accepted one.
		assert_noop!(report(R1, nav(501 * USD, t)), Error::<Test>::StaleReport);
		assert_noop!(report(R1, nav(502 * USD, t - 1)), Error::<Test>::StaleReport);
		// A relayer's own vote only moves forward; it does not touch the others' votes.
		assert_ok!(report(R1, nav(502 * USD, t + 100)));
		assert_noop!(report(R1, nav(502 * USD, t + 50)), Error::<Test>::StaleReport);
		assert_ok!(report(R2, nav(502 * USD, t + 50)));
		assert_ok!(report(R2, nav(503 * USD, t + 200)));
		assert_eq!(
			NavVotes::<Test>::get().unwrap().votes.to_vec(),
			vec![(R1, nav(502 * USD, t + 100)), (R2, nav(503 * USD, t + 200))]
		);
		assert_eq!(sleeve(), 501 * USD);
		// A report measured at another sleeve sequence is refused.
		let mut ahead = nav(502 * USD, t + 300);
		ahead.sequence += 1;
		assert_noop!(report(R3, ahead), Error::<Test>::ReportFromFuture);
	});
}

#[test]
fn different_values_for_one_nav_timestamp_are_flagged_and_drop_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		assert_ok!(report(R1, nav(501 * USD, GENESIS_TIME)));
		assert_ok!(report(R2, nav(501 * USD, GENESIS_TIME)));
		bridge_events();
		assert_ok!(report(R4, nav(504 * USD, GENESIS_TIME)));
		assert!(bridge_events().contains(&Event::NavConflict {
			timestamp: GENESIS_TIME,
			attested: 501 * USD,
			conflicting: 504 * USD
		}));
		assert_eq!(NavVotes::<Test>::get().unwrap().votes.len(), 3);
		assert_eq!(sleeve(), 500 * USD);
	});
}

#[test]
fn a_recall_completes_on_an_inbound_attested_return() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::signed(ALICE), USDC, 200 * USD6),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 501 * USD6),
			Error::<Test>::ExceedsSleeve
		);
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 200 * USD6));
		let recall = NextOutboundNonce::<Test>::get() - 1;
		assert_eq!(RecallOutstanding::<Test>::get(), 200 * USD);
		// Only what is not already being recalled may be recalled.
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 301 * USD6),
			Error::<Test>::ExceedsSleeve
		);
		// No capital goes out while some comes back; recalls complete by return, not confirmation.
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::RecallPending
		);
		assert_noop!(
			TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(R1), recall),
			Error::<Test>::NotConfirmable
		);
		let back = |amount, asset| Deposit {
			action: DepositAction::SleeveReturn { recall },
			..deposit(ETH, 1, asset, amount, ALICE)
		};
		assert_noop!(attest(R1, &back(201 * USD6, USDC)), Error::<Test>::InvalidSleeveReturn);
		assert_noop!(attest(R1, &back(200 * USD6, USDT)), Error::<Test>::InvalidSleeveReturn);
		// Part of it comes back, then the rest.
		credit(&back(150 * USD6, USDC));
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 650 * USD6);
		assert_eq!(sleeve(), 350 * USD);
		assert_eq!(RecallOutstanding::<Test>::get(), 50 * USD);
		let mut rest = back(50 * USD6, USDC);
		rest.nonce = 2;
		credit(&rest);
		assert_eq!(RecallOutstanding::<Test>::get(), 0);
		assert!(Outbound::<Test>::get(recall).is_none());
		assert_eq!(supply(USDC), 700 * USD6);
		// Recalled cash is vault cash: it is not rate-limited and nobody else receives it.
		assert_eq!(balance(USDC, ALICE), 0);
	});
}

/// Three relayers (the threshold) attest `r`, whatever the outcome.
fn accept(r: NavReport) {
	for relayer in [R1, R2, R3] {
		let _ = report(relayer, r);
	}
}

#[test]
fn nav_growth_is_bounded_per_period_not_per_report() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		let usdai = supply(USDAI);
		// Seventy reports a second apart, each 1% up.
		for i in 0..70 {
			Now::set(GENESIS_TIME + i);
			accept(nav(sleeve() + sleeve() / 100, GENESIS_TIME + i));
		}
		// At most 1% in the period.
		assert_eq!(sleeve(), 505 * USD);
		assert_eq!(supply(USDAI), usdai + 5 * USD);
	});
}

#[test]
fn a_nav_report_taken_before_a_sleeve_return_cannot_count_it_twice() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 4 * USD6));
		let recall = NextOutboundNonce::<Test>::get() - 1;
		// Relayers value the sleeve while the 4 are on their way back: 500, in flight included.
		let taken = nav(500 * USD, GENESIS_TIME);
		credit(&Deposit {
			action: DepositAction::SleeveReturn { recall },
			..deposit(ETH, 1, USDC, 4 * USD6, ALICE)
		});
		assert_eq!(sleeve(), 496 * USD);
		let usdai = supply(USDAI);
		assert!(report(R1, taken).is_err());
		accept(taken);
		assert_eq!(sleeve(), 496 * USD);
		assert_eq!(supply(USDAI), usdai);
	});
}

#[test]
fn a_nav_report_taken_before_a_move_to_the_sleeve_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		// Stakers' idle cash would bear a loss.
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		// Relayers value the sleeve at 515 before 20 more move out.
		let taken = nav(515 * USD, GENESIS_TIME);
		run_to(PERIOD);
		credit(&into_usdai(deposit(ETH, 1, USDC, 40 * USD6, BOB)));
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_eq!(sleeve(), 520 * USD);
		let usdai = supply(USDAI);
		// Booked now, it would be a loss of 5 that never happened: it must be refused.
		assert!(report(R1, taken).is_err());
		accept(taken);
		assert_eq!(sleeve(), 520 * USD);
		assert_eq!(supply(USDAI), usdai);
	});
}

#[test]
fn a_recall_return_is_credited_after_a_write_down_below_it() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		// Stakers' idle cash bears the write-down.
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 100 * USD, 0));
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 500 * USD6));
		let recall = NextOutboundNonce::<Test>::get() - 1;
		for r in [R1, R2, R3] {
			assert_ok!(report(r, nav(495 * USD, GENESIS_TIME)));
		}
		assert_eq!(sleeve(), 495 * USD);
		// All 500 come back: the return is credited and the channel moves on.
		let back = Deposit {
			action: DepositAction::SleeveReturn { recall },
			..deposit(ETH, 1, USDC, 500 * USD6, ALICE)
		};
		for r in [R1, R2, R3] {
			assert_ok!(attest(r, &back));
		}
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 2);
		assert_eq!(sleeve(), 0);
		assert_eq!(RecallOutstanding::<Test>::get(), 0);
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 1_000 * USD6);
		// The 5 written down came back: booked as yield, USDai stays fully backed.
		assert_eq!(supply(USDAI), 1_000 * USD);
	});
}

#[test]
fn a_minority_relayer_cannot_displace_the_votes_for_a_nav_report() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		let honest = nav(501 * USD, GENESIS_TIME);
		assert_ok!(report(R1, honest));
		assert_ok!(report(R2, honest));
		// R4, one of four, attests a newer report.
		let _ = report(R4, nav(502 * USD, GENESIS_TIME + 1));
		assert_ok!(report(R3, honest));
		assert_eq!(sleeve(), 501 * USD);
	});
}

#[test]
fn a_conflicting_nav_vote_does_not_drop_the_others() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		let honest = nav(501 * USD, GENESIS_TIME);
		assert_ok!(report(R1, honest));
		assert_ok!(report(R2, honest));
		// R4 values the same moment differently.
		let _ = report(R4, nav(504 * USD, GENESIS_TIME));
		assert_ok!(report(R3, honest));
		assert_eq!(sleeve(), 501 * USD);
	});
}

#[test]
fn changing_a_nav_vote_is_not_free() {
	ExtBuilder::default().build_and_execute(|| {
		with_sleeve();
		assert_eq!(report(R1, nav(501 * USD, GENESIS_TIME)).unwrap().pays_fee, Pays::No);
		Now::set(GENESIS_TIME + 1);
		assert_eq!(report(R1, nav(502 * USD, GENESIS_TIME + 1)).unwrap().pays_fee, Pays::Yes);
	});
}

#[test]
fn a_move_to_the_sleeve_never_leaves_dust_in_the_reserve() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDC, 100 * USD6);
		credit(&into_usdai(deposit(ETH, 0, USDC, 400 * USD6, ALICE)));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 8_000));
		bridge_events();
		// The target is 320, which would leave 80 in the reserve, below the minimum balance of
		// 100: 300 moves and the reserve keeps the minimum.
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_eq!(
			bridge_events(),
			vec![Event::MovedToSleeve { nonce: 0, asset: USDC, amount: 300 * USD6 }]
		);
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 100 * USD6);
		assert_eq!(balance(USDC, Usdai::reserve_account()), 100 * USD6);
		assert_eq!(supply(USDC), 100 * USD6);
		assert_eq!(sleeve(), 300 * USD);
		// The rest of the target would take the reserve below its minimum.
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC),
			Error::<Test>::NothingToMove
		);
	});
}

#[test]
fn a_unit_given_to_the_reserve_never_makes_a_move_to_the_sleeve_leave_dust() {
	ExtBuilder::default().build_and_execute(|| {
		let min = USD6 / 100;
		set_min_balance(USDC, min);
		credit(&into_usdai(deposit(ETH, 0, USDC, 100 * USD6, ALICE)));
		credit(&into_usdai(deposit(ETH, 1, USDT, 900 * USD6, BOB)));
		credit(&deposit(ETH, 2, USDC, USD6, BOB));
		// Bob gives the reserve account one base unit that the vault does not book.
		let reserve = Usdai::reserve_account();
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), USDC, reserve, 1));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 8_000));
		// The target (800) is above USDC's whole reserve (100): the move keeps the minimum in
		// the reserve, so the unbooked unit is never left behind alone as dust.
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), min);
		assert_eq!(balance(USDC, reserve), min + 1);
		assert_eq!(Bridged::<Test>::get(USDC).withdrawn, 100 * USD6 - min);
	});
}

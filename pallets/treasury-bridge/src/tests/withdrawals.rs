//! Withdrawals: burning, numbering, confirmation by the threshold.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn dest() -> Destination {
	vec![0xab; 20].try_into().unwrap()
}

fn withdraw(who: AccountId, amount: Balance) -> frame_support::dispatch::DispatchResult {
	TreasuryBridge::request_withdrawal(RuntimeOrigin::signed(who), USDC, amount, dest())
}

fn confirm(relayer: AccountId, nonce: u64) -> frame_support::dispatch::DispatchResultWithPostInfo {
	TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(relayer), nonce)
}

#[test]
fn withdrawals_burn_and_are_numbered_in_order() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		bridge_events();
		assert_ok!(withdraw(ALICE, 40 * USD6));
		assert_ok!(withdraw(ALICE, 10 * USD6));
		assert_eq!(balance(USDC, ALICE), 50 * USD6);
		assert_eq!(supply(USDC), 50 * USD6);
		assert_eq!(
			Bridged::<Test>::get(USDC),
			BridgedTotals { credited: 100 * USD6, withdrawn: 50 * USD6 }
		);
		assert_eq!(NextOutboundNonce::<Test>::get(), 2);
		assert_eq!(
			Outbound::<Test>::get(1),
			Some(OutboundMessage::Withdrawal {
				who: ALICE,
				asset: USDC,
				amount: 10 * USD6,
				destination: dest()
			})
		);
		assert_eq!(
			bridge_events()[0],
			Event::WithdrawalRequested {
				nonce: 0,
				who: ALICE,
				asset: USDC,
				amount: 40 * USD6,
				destination: dest()
			}
		);
	});
}

#[test]
fn relayers_confirm_a_withdrawal_with_the_threshold() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		assert_ok!(withdraw(ALICE, 40 * USD6));
		assert_noop!(confirm(ALICE, 0), Error::<Test>::NotRelayer);
		assert_ok!(confirm(R1, 0));
		assert_noop!(confirm(R1, 0), Error::<Test>::AlreadyAttested);
		assert_ok!(confirm(R2, 0));
		assert!(Outbound::<Test>::contains_key(0));
		bridge_events();
		assert_ok!(confirm(R3, 0));
		assert!(!Outbound::<Test>::contains_key(0));
		assert!(OutboundVotes::<Test>::get(0).is_none());
		assert_eq!(bridge_events().last(), Some(&Event::OutboundExecuted { nonce: 0 }));
		// Late or replayed confirmations, and unknown numbers.
		assert_noop!(confirm(R4, 0), Error::<Test>::AlreadyProcessed);
		assert_noop!(confirm(R1, 9), Error::<Test>::UnknownMessage);
	});
}

#[test]
fn bad_withdrawals_fail_with_typed_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		assert_noop!(withdraw(ALICE, 0), Error::<Test>::ZeroAmount);
		assert_noop!(withdraw(ALICE, 101 * USD6), Error::<Test>::InsufficientBalance);
		assert_noop!(withdraw(BOB, USD6), Error::<Test>::InsufficientBalance);
		assert_noop!(
			TreasuryBridge::request_withdrawal(RuntimeOrigin::signed(ALICE), USDAI, 1, dest()),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::request_withdrawal(RuntimeOrigin::root(), USDC, 1, dest()),
			DispatchError::BadOrigin
		);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDC, BOB, 10 * USD6));
		for who in [ALICE, ALICE, BOB] {
			assert_ok!(withdraw(who, USD6));
		}
		assert_noop!(withdraw(BOB, USD6), Error::<Test>::TooManyPendingOutbound);
		// A confirmed message makes room.
		for r in [R1, R2, R3] {
			assert_ok!(confirm(r, 0));
		}
		assert_ok!(withdraw(BOB, USD6));
		assert_eq!(NextOutboundNonce::<Test>::get(), 4);
	});
}

#[test]
fn dust_withdrawals_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		// The smallest withdrawal is worth one USDai (the mock's `MinWithdrawal`).
		assert_noop!(withdraw(ALICE, 1), Error::<Test>::WithdrawalTooSmall);
		assert_noop!(withdraw(ALICE, USD6 - 1), Error::<Test>::WithdrawalTooSmall);
		assert_ok!(withdraw(ALICE, USD6));
		assert_eq!(NextOutboundNonce::<Test>::get(), 1);
	});
}

#[test]
fn one_account_cannot_fill_the_outbound_queue() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		assert_ok!(withdraw(ALICE, USD6));
		assert_ok!(withdraw(ALICE, USD6));
		assert_noop!(withdraw(ALICE, USD6), Error::<Test>::TooManyPendingWithdrawals);
		assert_eq!(PendingWithdrawals::<Test>::get(ALICE), 2);
		// Once one is executed, Alice may withdraw again.
		for r in [R1, R2, R3] {
			assert_ok!(confirm(r, 1));
		}
		assert_eq!(PendingWithdrawals::<Test>::get(ALICE), 1);
		assert_ok!(withdraw(ALICE, USD6));
		for nonce in [0, 2] {
			for r in [R1, R2, R3] {
				assert_ok!(confirm(r, nonce));
			}
		}
		assert!(!PendingWithdrawals::<Test>::contains_key(ALICE));
		assert_eq!(PendingWithdrawalCount::<Test>::get(), 0);
	});
}

#[test]
fn withdrawals_never_take_the_room_kept_for_sleeve_messages() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 500 * USD6, ALICE)));
		credit(&deposit(ETH, 1, USDC, 100 * USD6, BOB));
		credit(&deposit(ETH, 2, USDC, 100 * USD6, 3));
		// Many accounts together fill only the withdrawals' share of the outbound queue.
		for who in [BOB, BOB, 3] {
			assert_ok!(withdraw(who, USD6));
		}
		assert_noop!(withdraw(3, USD6), Error::<Test>::TooManyPendingOutbound);
		assert_eq!(PendingWithdrawalCount::<Test>::get(), 3);
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_eq!(Outbound::<Test>::count(), 4);
	});
}

#[test]
fn a_withdrawal_that_leaves_dust_keeps_the_bridged_supply_booked() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		credit(&deposit(ETH, 1, USDC, 100 * USD6, BOB));
		// One cent, as in the runtime.
		let min = USD6 / 100;
		set_min_balance(USDC, min);
		// All but one base unit, or all but less than the minimum, would leave dust.
		assert_noop!(withdraw(ALICE, 100 * USD6 - 1), Error::<Test>::LeavesDust);
		assert_noop!(withdraw(ALICE, 100 * USD6 - min + 1), Error::<Test>::LeavesDust);
		// Leaving the minimum, or nothing, burns exactly what is booked as withdrawn.
		assert_ok!(withdraw(ALICE, 100 * USD6 - min));
		assert_ok!(withdraw(BOB, 100 * USD6));
		assert_eq!((balance(USDC, ALICE), balance(USDC, BOB)), (min, 0));
		let totals = Bridged::<Test>::get(USDC);
		assert_eq!(totals.withdrawn, 200 * USD6 - min);
		assert_eq!(supply(USDC), totals.credited - totals.withdrawn);
	});
}

#[test]
fn an_account_already_below_the_minimum_withdraws_all_of_it_or_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 5 * USD6, ALICE));
		// Governance raises the minimum above Alice's balance: all of it is dust now.
		set_min_balance(USDC, 10 * USD6);
		assert_noop!(withdraw(ALICE, 4 * USD6), Error::<Test>::LeavesDust);
		assert_ok!(withdraw(ALICE, 5 * USD6));
		assert_eq!(balance(USDC, ALICE), 0);
		assert_eq!(supply(USDC), 0);
		assert_eq!(Bridged::<Test>::get(USDC).withdrawn, 5 * USD6);
	});
}

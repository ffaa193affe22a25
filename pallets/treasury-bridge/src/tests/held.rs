//! Held credits: deposits that could not be carried out, retried by anyone, settled by
//! governance.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn retry(channel: u32, nonce: u64) -> frame_support::dispatch::DispatchResult {
	TreasuryBridge::retry_held_credit(RuntimeOrigin::signed(ALICE), channel, nonce)
}

fn settle(
	channel: u32,
	nonce: u64,
	settlement: HeldSettlement<AccountId>,
) -> frame_support::dispatch::DispatchResult {
	TreasuryBridge::settle_held_credit(RuntimeOrigin::root(), channel, nonce, settlement)
}

#[test]
fn anyone_may_retry_a_held_credit_once_its_recipient_can_receive_it() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDC, 10_000);
		credit(&deposit(ETH, 0, USDC, 5_000, BOB));
		assert!(HeldCredits::<Test>::contains_key((ETH, 0)));
		assert_noop!(retry(ETH, 0), Error::<Test>::CannotReceive);
		assert_noop!(retry(ETH, 9), Error::<Test>::UnknownHeldCredit);
		// Bob opens a USDC account: now he can take half a cent.
		credit(&deposit(ETH, 1, USDC, USD6, ALICE));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ALICE), USDC, BOB, USD6));
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		assert_noop!(retry(ETH, 0), Error::<Test>::BridgeHalted);
		assert_ok!(TreasuryBridge::resume(RuntimeOrigin::signed(GUARDIAN)));
		bridge_events();
		assert_ok!(retry(ETH, 0));
		assert_eq!(bridge_events(), vec![Event::HeldCreditRetried { channel: ETH, nonce: 0 }]);
		// Back at the end of the queue, under the inflow limit.
		assert!(!HeldCredits::<Test>::contains_key((ETH, 0)));
		assert_eq!(HeldTotal::<Test>::get(USDC), 0);
		assert_eq!(Queues::<Test>::get(USDC).total, 5_000);
		run_to(2);
		assert_eq!(balance(USDC, BOB), USD6 + 5_000);
		assert!(Queues::<Test>::get(USDC).is_empty());
	});
}

#[test]
fn governance_pays_a_held_credit_to_an_account_or_cancels_it() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, USD6, ALICE));
		block_account(USDC, ALICE);
		credit(&deposit(ETH, 1, USDC, 5 * USD6, ALICE));
		credit(&deposit(ETH, 2, USDC, 3 * USD6, ALICE));
		assert_eq!(HeldTotal::<Test>::get(USDC), 8 * USD6);
		assert_noop!(
			TreasuryBridge::settle_held_credit(
				RuntimeOrigin::signed(ALICE),
				ETH,
				1,
				HeldSettlement::Cancel
			),
			DispatchError::BadOrigin
		);
		assert_noop!(settle(ETH, 0, HeldSettlement::Cancel), Error::<Test>::UnknownHeldCredit);
		assert_noop!(settle(ETH, 1, HeldSettlement::PayTo(ALICE)), Error::<Test>::CannotReceive);
		bridge_events();
		// Paid to another account of Alice's, outside the inflow limit.
		assert_ok!(settle(ETH, 1, HeldSettlement::PayTo(BOB)));
		assert_eq!(
			bridge_events(),
			vec![Event::HeldCreditSettled {
				channel: ETH,
				nonce: 1,
				settlement: HeldSettlement::PayTo(BOB)
			}]
		);
		assert_eq!(balance(USDC, BOB), 5 * USD6);
		assert_eq!(Bridged::<Test>::get(USDC).credited, 6 * USD6);
		// Dropped: nothing minted.
		assert_ok!(settle(ETH, 2, HeldSettlement::Cancel));
		assert_eq!(supply(USDC), 6 * USD6);
		assert_eq!(HeldCredits::<Test>::count(), 0);
		assert_eq!(HeldTotal::<Test>::get(USDC), 0);
		// An asset with nothing held, queued or minted may be removed again; held credits
		// count as in use.
		credit(&deposit(BASE, 0, USDT, USD6, ALICE));
		block_account(USDT, ALICE);
		credit(&deposit(BASE, 1, USDT, USD6, ALICE));
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(TreasuryBridge::account_id()), USDT, ALICE));
		assert_ok!(TreasuryBridge::request_withdrawal(
			RuntimeOrigin::signed(ALICE),
			USDT,
			USD6,
			vec![1; 20].try_into().unwrap()
		));
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, None),
			Error::<Test>::AssetInUse
		);
		assert_ok!(settle(BASE, 1, HeldSettlement::Cancel));
		assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, None));
	});
}

#[test]
fn a_sleeve_return_the_vault_refuses_is_held_and_completed_on_retry() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 1_000 * USD6, ALICE)));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 200 * USD6));
		let recall = NextOutboundNonce::<Test>::get() - 1;
		// The reserve account cannot take the cash for now.
		let reserve = pallet_usdai::Pallet::<Test>::reserve_account();
		block_account(USDC, reserve);
		let back = Deposit {
			action: DepositAction::SleeveReturn { recall },
			..deposit(ETH, 1, USDC, 200 * USD6, ALICE)
		};
		credit(&back);
		// The channel moved on; the recall is still outstanding.
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 2);
		assert_eq!(RecallOutstanding::<Test>::get(), 200 * USD);
		assert_eq!(HeldTotal::<Test>::get(USDC), 200 * USD6);
		assert_noop!(settle(ETH, 1, HeldSettlement::PayTo(BOB)), Error::<Test>::NotACredit);
		assert!(retry(ETH, 1).is_err());
		assert_ok!(Assets::thaw(
			RuntimeOrigin::signed(TreasuryBridge::account_id()),
			USDC,
			reserve
		));
		assert_ok!(retry(ETH, 1));
		assert_eq!(RecallOutstanding::<Test>::get(), 0);
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 700 * USD6);
		assert_eq!(HeldCredits::<Test>::count(), 0);
	});
}

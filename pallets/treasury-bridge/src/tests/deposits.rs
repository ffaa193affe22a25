//! Attesting deposits: the threshold, replay and ordering, conflicts and their resolution,
//! relayer set changes, crediting into USDai.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use sp_runtime::DispatchError;

#[test]
fn a_deposit_is_credited_when_the_threshold_attests_identical_contents() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		let digest = TreasuryBridge::deposit_digest(&d);
		assert_ok!(attest(R1, &d));
		assert_ok!(attest(R2, &d));
		// Two of three: nothing minted yet.
		assert_eq!(balance(USDC, ALICE), 0);
		assert_eq!(PendingDeposits::<Test>::get(ETH).unwrap().votes.voters.to_vec(), vec![R1, R2]);
		bridge_events();
		assert_ok!(attest(R3, &d));
		assert_eq!(balance(USDC, ALICE), 100 * USD6);
		assert_eq!(supply(USDC), 100 * USD6);
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 1);
		assert!(PendingDeposits::<Test>::get(ETH).is_none());
		assert_eq!(
			bridge_events(),
			vec![
				Event::DepositAttested {
					channel: ETH,
					nonce: 0,
					digest,
					relayer: R3,
					votes: 3,
					threshold: 3
				},
				Event::DepositCredited {
					channel: ETH,
					nonce: 0,
					recipient: ALICE,
					asset: USDC,
					credited: 100 * USD6,
					queued: 0
				},
			]
		);
	});
}

#[test]
fn successful_attestations_pay_no_fee_and_failed_ones_do() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		assert_eq!(attest(R1, &d).unwrap().pays_fee, Pays::No);
		let err = attest(R1, &d).unwrap_err();
		assert_eq!(err.post_info.pays_fee, Pays::Yes);
		assert_eq!(err.error, Error::<Test>::AlreadyAttested.into());
	});
}

#[test]
fn a_relayer_cannot_vote_twice() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		assert_ok!(attest(R1, &d));
		assert_noop!(attest(R1, &d), Error::<Test>::AlreadyAttested);
		assert_ok!(attest(R2, &d));
		assert_eq!(balance(USDC, ALICE), 0);
	});
}

#[test]
fn non_relayers_cannot_attest() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		assert_noop!(attest(ALICE, &d), Error::<Test>::NotRelayer);
		assert_noop!(
			TreasuryBridge::attest_deposit(RuntimeOrigin::root(), d.clone()),
			DispatchError::BadOrigin
		);
		assert!(PendingDeposits::<Test>::get(ETH).is_none());
	});
}

#[test]
fn replayed_and_reordered_nonces_are_rejected() {
	ExtBuilder::default().build_and_execute(|| {
		let d0 = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		credit(&d0);
		// The fourth relayer arrives late: the nonce is done.
		assert_noop!(attest(R4, &d0), Error::<Test>::AlreadyProcessed);
		// A replay with other contents (Nomad) is refused too.
		let mut replay = d0.clone();
		replay.amount = 1_000 * USD6;
		assert_noop!(attest(R1, &replay), Error::<Test>::AlreadyProcessed);
		// Nonce 2 before nonce 1.
		let d2 = deposit(ETH, 2, USDC, 10 * USD6, BOB);
		assert_noop!(attest(R1, &d2), Error::<Test>::NonceOutOfOrder);
		// Channels count their own nonces.
		credit(&deposit(BASE, 0, USDT, 5 * USD6, BOB));
		credit(&deposit(ETH, 1, USDC, 10 * USD6, BOB));
		credit(&d2);
		assert_eq!(balance(USDC, ALICE), 100 * USD6);
		assert_eq!(balance(USDC, BOB), 20 * USD6);
		assert_eq!(balance(USDT, BOB), 5 * USD6);
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 3);
		assert_eq!(Channels::<Test>::get(BASE).unwrap().next_nonce, 1);
	});
}

#[test]
fn bad_deposits_fail_with_typed_errors_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let mut d = deposit(ETH, 0, USDAI, 100 * USD6, ALICE);
		assert_noop!(attest(R1, &d), Error::<Test>::UnsupportedAsset);
		d.asset = USDC;
		d.amount = 0;
		assert_noop!(attest(R1, &d), Error::<Test>::ZeroAmount);
		d.amount = 1;
		d.channel = 7;
		assert_noop!(attest(R1, &d), Error::<Test>::UnknownChannel);
		// A sleeve return without a recall.
		let ret = Deposit {
			action: DepositAction::SleeveReturn { recall: 0 },
			..deposit(ETH, 0, USDC, 1, ALICE)
		};
		assert_noop!(attest(R1, &ret), Error::<Test>::InvalidSleeveReturn);
	});
}

#[test]
fn conflicting_attestations_freeze_the_channel() {
	ExtBuilder::default().build_and_execute(|| {
		let honest = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		let mut forged = honest.clone();
		forged.amount = 1_000_000 * USD6;
		forged.action = DepositAction::Credit { recipient: BOB, into_usdai: false };
		assert_ok!(attest(R1, &honest));
		bridge_events();
		// The conflicting attestation itself succeeds: it must be recorded.
		assert_ok!(attest(R2, &forged));
		assert_eq!(
			bridge_events(),
			vec![Event::DepositConflict {
				channel: ETH,
				nonce: 0,
				attested: TreasuryBridge::deposit_digest(&honest),
				conflicting: TreasuryBridge::deposit_digest(&forged),
				relayer: R2,
			}]
		);
		assert!(Channels::<Test>::get(ETH).unwrap().frozen);
		assert_noop!(attest(R3, &honest), Error::<Test>::ChannelFrozen);
		assert_noop!(attest(R3, &forged), Error::<Test>::ChannelFrozen);
		// Other channels carry on.
		credit(&deposit(BASE, 0, USDC, 5 * USD6, ALICE));
		assert_eq!(balance(USDC, BOB), 0);
		assert_eq!(balance(USDC, ALICE), 5 * USD6);
	});
}

#[test]
fn governance_resolves_a_conflict_by_accepting_one_digest() {
	ExtBuilder::default().build_and_execute(|| {
		let honest = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		let mut forged = honest.clone();
		forged.amount = 1_000 * USD6;
		assert_ok!(attest(R1, &honest));
		assert_ok!(attest(R2, &forged));
		assert_noop!(
			TreasuryBridge::resolve_conflict(
				RuntimeOrigin::signed(ALICE),
				ETH,
				Resolution::Reattest
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TreasuryBridge::resolve_conflict(RuntimeOrigin::root(), 7, Resolution::Reattest),
			Error::<Test>::UnknownChannel
		);
		let digest = TreasuryBridge::deposit_digest(&honest);
		assert_ok!(TreasuryBridge::resolve_conflict(
			RuntimeOrigin::root(),
			ETH,
			Resolution::Accept(digest)
		));
		let state = Channels::<Test>::get(ETH).unwrap();
		assert!(!state.frozen);
		assert_eq!(state.pinned, Some(digest));
		// The attestations were dropped: everyone attests again, only the accepted contents.
		assert!(PendingDeposits::<Test>::get(ETH).is_none());
		assert_noop!(attest(R2, &forged), Error::<Test>::DigestNotAccepted);
		credit(&honest);
		assert_eq!(balance(USDC, ALICE), 100 * USD6);
		let state = Channels::<Test>::get(ETH).unwrap();
		assert_eq!((state.next_nonce, state.pinned), (1, None));
	});
}

#[test]
fn governance_may_reattest_or_skip_a_frozen_nonce() {
	ExtBuilder::default().build_and_execute(|| {
		let honest = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		let mut forged = honest.clone();
		forged.amount = 1_000 * USD6;
		assert_ok!(attest(R1, &honest));
		assert_ok!(attest(R2, &forged));
		assert_ok!(TreasuryBridge::resolve_conflict(
			RuntimeOrigin::root(),
			ETH,
			Resolution::Reattest
		));
		// Anything may be attested again; it freezes again on a new conflict.
		assert_ok!(attest(R2, &forged));
		assert_ok!(attest(R1, &honest));
		assert!(Channels::<Test>::get(ETH).unwrap().frozen);
		assert_ok!(TreasuryBridge::resolve_conflict(RuntimeOrigin::root(), ETH, Resolution::Skip));
		let state = Channels::<Test>::get(ETH).unwrap();
		assert_eq!(
			(state.next_nonce, state.skipped, state.credited, state.frozen),
			(1, 1, 0, false)
		);
		// Nothing was minted and the skipped nonce cannot come back.
		assert_eq!(supply(USDC), 0);
		assert_noop!(attest(R3, &honest), Error::<Test>::AlreadyProcessed);
		credit(&deposit(ETH, 1, USDC, 7 * USD6, ALICE));
		assert_eq!(balance(USDC, ALICE), 7 * USD6);
	});
}

#[test]
fn votes_of_a_former_relayer_set_do_not_count() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		assert_ok!(attest(R1, &d));
		assert_ok!(attest(R2, &d));
		// R1 is replaced by 15; the set changes, so do the votes.
		let set = vec![R2, R3, R4, 15];
		assert_ok!(TreasuryBridge::set_relayers(RuntimeOrigin::root(), set.try_into().unwrap(), 3));
		assert_noop!(attest(R1, &d), Error::<Test>::NotRelayer);
		assert_ok!(attest(R3, &d));
		assert_ok!(attest(R4, &d));
		assert_eq!(balance(USDC, ALICE), 0);
		// R2's earlier vote was under the old set: it may vote again, and that completes it.
		assert_ok!(attest(R2, &d));
		assert_eq!(balance(USDC, ALICE), 100 * USD6);
	});
}

#[test]
fn a_conflict_with_votes_of_a_former_set_starts_afresh_instead_of_freezing() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, 100 * USD6, ALICE);
		let mut other = d.clone();
		other.amount = 99 * USD6;
		assert_ok!(attest(R1, &d));
		assert_ok!(TreasuryBridge::set_relayers(
			RuntimeOrigin::root(),
			RELAYERS.to_vec().try_into().unwrap(),
			3
		));
		assert_ok!(attest(R2, &other));
		assert!(!Channels::<Test>::get(ETH).unwrap().frozen);
		assert_eq!(PendingDeposits::<Test>::get(ETH).unwrap().deposit, other);
	});
}

#[test]
fn a_deposit_may_go_straight_into_usdai() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 100 * USD6, ALICE)));
		assert_eq!(balance(USDC, ALICE), 0);
		assert_eq!(balance(USDAI, ALICE), 100 * USD);
		assert_eq!(pallet_usdai::Reserves::<Test>::get(USDC), 100 * USD6);
		// The stablecoin sits in the vault's reserve: bridged supply is unchanged.
		assert_eq!(supply(USDC), 100 * USD6);
		assert!(bridge_events().contains(&Event::DepositedToVault {
			recipient: ALICE,
			asset: USDC,
			amount: 100 * USD6,
			usdai: 100 * USD,
		}));
	});
}

#[test]
fn when_the_vault_refuses_the_recipient_keeps_the_stablecoin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Usdai::pause(RuntimeOrigin::root(), true, false));
		credit(&into_usdai(deposit(ETH, 0, USDC, 100 * USD6, ALICE)));
		assert_eq!(balance(USDC, ALICE), 100 * USD6);
		assert_eq!(balance(USDAI, ALICE), 0);
		assert!(bridge_events().iter().any(|e| matches!(
			e,
			Event::VaultDepositFailed { recipient: ALICE, amount, .. } if *amount == 100 * USD6
		)));
		// The channel moved on.
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 1);
	});
}

#[test]
fn a_deposit_its_recipient_cannot_receive_never_stalls_the_channel() {
	ExtBuilder::default().build_and_execute(|| {
		set_min_balance(USDC, 10_000);
		// Half a cent to a fresh account: below the minimum balance.
		let dust = deposit(ETH, 0, USDC, 5_000, BOB);
		for r in [R1, R2, R3] {
			assert_ok!(attest(r, &dust));
		}
		// Credited on the channel, held aside: nothing minted, nothing queued.
		let state = Channels::<Test>::get(ETH).unwrap();
		assert_eq!((state.next_nonce, state.credited), (1, 1));
		let held = HeldCredit {
			asset: USDC,
			amount: 5_000,
			action: DepositAction::Credit { recipient: BOB, into_usdai: false },
		};
		assert_eq!(HeldCredits::<Test>::get((ETH, 0)), Some(held.clone()));
		assert_eq!(HeldTotal::<Test>::get(USDC), 5_000);
		assert!(bridge_events().contains(&Event::CreditHeld {
			channel: ETH,
			nonce: 0,
			asset: USDC,
			amount: 5_000,
			action: held.action,
			error: Error::<Test>::CannotReceive.into(),
		}));
		assert_eq!(supply(USDC), 0);
		assert!(Queues::<Test>::get(USDC).is_empty());
		// The next nonce goes through.
		credit(&deposit(ETH, 1, USDC, 7 * USD6, ALICE));
		assert_eq!(balance(USDC, ALICE), 7 * USD6);
		// So does a deposit to a blocked account.
		block_account(USDC, ALICE);
		credit(&deposit(ETH, 2, USDC, USD6, ALICE));
		assert_eq!(balance(USDC, ALICE), 7 * USD6);
		assert_eq!(HeldCredits::<Test>::count(), 2);
		// The hold is full (two): the next deposit that would need it waits for governance.
		let blocked = deposit(ETH, 3, USDC, 2 * USD6, ALICE);
		assert_ok!(attest(R1, &blocked));
		assert_ok!(attest(R2, &blocked));
		assert_noop!(attest(R3, &blocked), Error::<Test>::TooManyHeldCredits);
		assert_ok!(TreasuryBridge::settle_held_credit(
			RuntimeOrigin::root(),
			ETH,
			0,
			HeldSettlement::Cancel
		));
		assert_ok!(attest(R3, &blocked));
		assert_eq!(HeldTotal::<Test>::get(USDC), 3 * USD6);
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 4);
	});
}

#[test]
fn a_deposit_the_ledger_could_never_mint_is_held_not_minted() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 1, ALICE));
		credit(&deposit(ETH, 1, USDC, Balance::MAX, BOB));
		assert_eq!(HeldTotal::<Test>::get(USDC), Balance::MAX);
		assert_eq!(supply(USDC), 1);
	});
}

#[test]
fn a_deposit_into_usdai_never_leaves_the_recipients_dust_behind() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 5, ALICE));
		// Governance raises USDC's minimum balance above Alice's 5 base units: they are dust.
		set_min_balance(USDC, 10);
		bridge_events();
		credit(&into_usdai(deposit(ETH, 1, USDC, 100 * USD6, ALICE)));
		// Depositing the 100 USDC into the vault would leave the 5 behind: Alice keeps the
		// stablecoin (and may deposit all of it herself), the channel moves on.
		assert!(bridge_events().contains(&Event::VaultDepositFailed {
			recipient: ALICE,
			asset: USDC,
			amount: 100 * USD6,
			error: Error::<Test>::LeavesDust.into(),
		}));
		assert_eq!(balance(USDC, ALICE), 100 * USD6 + 5);
		assert_eq!(balance(USDAI, ALICE), 0);
		assert_eq!(Channels::<Test>::get(ETH).unwrap().next_nonce, 2);
	});
}

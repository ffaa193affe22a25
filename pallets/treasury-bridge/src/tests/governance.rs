//! Governance and emergency: relayer set and threshold, channels, assets, halt and resume.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn set(relayers: Vec<AccountId>, threshold: u32) -> frame_support::dispatch::DispatchResult {
	TreasuryBridge::set_relayers(RuntimeOrigin::root(), relayers.try_into().unwrap(), threshold)
}

#[test]
fn the_threshold_is_at_least_two_thirds_of_the_relayers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(TreasuryBridge::min_threshold(1), 1);
		assert_eq!(TreasuryBridge::min_threshold(3), 2);
		assert_eq!(TreasuryBridge::min_threshold(4), 3);
		assert_eq!(TreasuryBridge::min_threshold(6), 4);
		assert_eq!(TreasuryBridge::min_threshold(7), 5);
		assert_noop!(set(vec![1, 2, 3, 4, 5, 6, 7], 4), Error::<Test>::InvalidThreshold);
		assert_noop!(set(vec![1, 2, 3], 4), Error::<Test>::InvalidThreshold);
		assert_noop!(set(vec![1, 2, 3], 1), Error::<Test>::InvalidThreshold);
		assert_noop!(set(vec![1, 2, 2], 2), Error::<Test>::InvalidRelayers);
		assert_noop!(set(vec![], 0), Error::<Test>::InvalidRelayers);
		assert_noop!(
			TreasuryBridge::set_relayers(
				RuntimeOrigin::signed(R1),
				vec![R1].try_into().unwrap(),
				1
			),
			DispatchError::BadOrigin
		);
		assert_ok!(set(vec![7, 3, 5, 1, 2, 6, 4], 5));
		assert_eq!(Relayers::<Test>::get().to_vec(), vec![1, 2, 3, 4, 5, 6, 7]);
		assert_eq!((Threshold::<Test>::get(), RelayerEpoch::<Test>::get()), (5, 2));
	});
}

#[test]
fn halt_stops_attestations_and_withdrawals_until_resumed() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		assert_noop!(TreasuryBridge::halt(RuntimeOrigin::signed(ALICE)), DispatchError::BadOrigin);
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		assert_eq!(bridge_events().last(), Some(&Event::Halted));
		let d = deposit(ETH, 1, USDC, USD6, ALICE);
		assert_noop!(attest(R1, &d), Error::<Test>::BridgeHalted);
		assert_noop!(
			TreasuryBridge::request_withdrawal(
				RuntimeOrigin::signed(ALICE),
				USDC,
				USD6,
				vec![1; 20].try_into().unwrap()
			),
			Error::<Test>::BridgeHalted
		);
		assert_noop!(
			TreasuryBridge::attest_nav(RuntimeOrigin::signed(R1), nav(0, GENESIS_TIME)),
			Error::<Test>::BridgeHalted
		);
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(ALICE), USDC),
			Error::<Test>::BridgeHalted
		);
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, USD6),
			Error::<Test>::BridgeHalted
		);
		assert_noop!(
			TreasuryBridge::resume(RuntimeOrigin::signed(ALICE)),
			DispatchError::BadOrigin
		);
		// Governance may resume too.
		assert_ok!(TreasuryBridge::resume(RuntimeOrigin::root()));
		credit(&d);
		assert_eq!(balance(USDC, ALICE), 101 * USD6);
	});
}

#[test]
fn channels_are_opened_by_governance_within_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			TreasuryBridge::open_channel(RuntimeOrigin::signed(ALICE), 5),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TreasuryBridge::open_channel(RuntimeOrigin::root(), ETH),
			Error::<Test>::ChannelExists
		);
		assert_ok!(TreasuryBridge::open_channel(RuntimeOrigin::root(), 5));
		assert_eq!(Channels::<Test>::get(5), Some(ChannelState::default()));
		assert_noop!(
			TreasuryBridge::open_channel(RuntimeOrigin::root(), 6),
			Error::<Test>::TooManyChannels
		);
	});
}

#[test]
fn assets_and_their_inflow_limits_are_set_by_governance() {
	ExtBuilder::default().build_and_execute(|| {
		let limit = InflowLimit { period: 5, max_per_period: 10 * USD6 };
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::signed(ALICE), USDC, Some(limit)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			TreasuryBridge::set_inflow_limit(
				RuntimeOrigin::root(),
				USDC,
				Some(InflowLimit { period: 0, max_per_period: 1 })
			),
			Error::<Test>::InvalidInflowLimit
		);
		assert_noop!(
			TreasuryBridge::set_inflow_limit(
				RuntimeOrigin::root(),
				USDC,
				Some(InflowLimit { period: 1, max_per_period: 0 })
			),
			Error::<Test>::InvalidInflowLimit
		);
		// Only the bridge's own stablecoins (`Stablecoins`, here USDC and USDT) are bridged.
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), 55, Some(limit)),
			Error::<Test>::NotBridgeable
		);
		assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDC, Some(limit)));
		credit(&deposit(ETH, 0, USDC, 15 * USD6, ALICE));
		assert_eq!(balance(USDC, ALICE), 10 * USD6);
		// An asset in use cannot be removed.
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDC, None),
			Error::<Test>::AssetInUse
		);
		assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, None));
		assert_noop!(
			attest(R1, &deposit(BASE, 0, USDT, USD6, ALICE)),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, None),
			Error::<Test>::UnsupportedAsset
		);
	});
}

#[test]
fn a_one_relayer_bridge_needs_that_relayer_only() {
	ExtBuilder::default().with_relayers(vec![R1], 1).build_and_execute(|| {
		assert_ok!(attest(R1, &deposit(ETH, 0, USDC, USD6, ALICE)));
		assert_eq!(balance(USDC, ALICE), USD6);
		assert_noop!(attest(R2, &deposit(ETH, 1, USDC, USD6, ALICE)), Error::<Test>::NotRelayer);
	});
}

#[test]
fn governance_cannot_bridge_a_token_the_bridge_does_not_mint() {
	ExtBuilder::default().build_and_execute(|| {
		let limit = InflowLimit { period: 5, max_per_period: 10 * USD6 };
		// Room for another asset (the mock's `MaxAssets` is 2).
		assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, None));
		// The vault's tokens, and a token that does not exist.
		for asset in [USDAI, SUSDAI, 55] {
			assert_noop!(
				TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), asset, Some(limit)),
				Error::<Test>::NotBridgeable
			);
		}
		// One of the bridge's stablecoins that another account may issue (mint) is refused too.
		let bridge = TreasuryBridge::account_id();
		assert_ok!(Assets::force_asset_status(
			RuntimeOrigin::root(),
			USDT,
			bridge,
			ALICE,
			bridge,
			bridge,
			1,
			true,
			false
		));
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, Some(limit)),
			Error::<Test>::NotBridgeable
		);
		// Back in the bridge's hands alone, it may be bridged again.
		set_min_balance(USDT, 1);
		assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDT, Some(limit)));
	});
}

#[test]
fn no_call_handles_a_token_the_bridge_does_not_bridge() {
	ExtBuilder::default().build_and_execute(|| {
		// Alice holds USDai.
		credit(&into_usdai(deposit(ETH, 0, USDC, 100 * USD6, ALICE)));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		let credit_usdai = deposit(ETH, 1, USDAI, USD, ALICE);
		assert_noop!(attest(R1, &credit_usdai), Error::<Test>::UnsupportedAsset);
		let return_usdai = Deposit {
			action: DepositAction::SleeveReturn { recall: 0 },
			..deposit(ETH, 1, USDAI, USD, ALICE)
		};
		assert_noop!(attest(R1, &return_usdai), Error::<Test>::UnsupportedAsset);
		assert_noop!(
			TreasuryBridge::check_deposit_attestation(&R1, &credit_usdai),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::request_withdrawal(
				RuntimeOrigin::signed(ALICE),
				USDAI,
				10 * USD,
				vec![1; 20].try_into().unwrap()
			),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDAI),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::root(), USDAI, USD),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::request_recall(RuntimeOrigin::root(), SUSDAI, USD),
			Error::<Test>::UnsupportedAsset
		);
		assert_noop!(
			TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), USDAI, None),
			Error::<Test>::UnsupportedAsset
		);
	});
}

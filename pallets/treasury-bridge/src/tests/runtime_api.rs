//! The runtime API's views of the bridge.

use crate::{mock::*, *};
use frame_support::assert_ok;

#[test]
fn views_show_nonces_pending_attestations_outbound_messages_and_nav() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 1_200 * USD6, ALICE)));
		let d = deposit(ETH, 1, USDC, USD6, BOB);
		assert_ok!(attest(R1, &d));
		assert_ok!(attest(R2, &d));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_ok!(TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(R4), 0));

		let channels = TreasuryBridge::channel_views();
		assert_eq!(channels.len(), 2);
		let eth = channels.iter().find(|c| c.channel == ETH).unwrap();
		assert_eq!(eth.state.next_nonce, 1);
		assert_eq!(
			eth.pending,
			Some((d.clone(), TreasuryBridge::deposit_digest(&d), vec![R1, R2]))
		);

		let state = TreasuryBridge::bridge_state();
		assert_eq!((state.threshold, state.relayers.len()), (3, 4));
		assert_eq!((state.next_outbound_nonce, state.pending_outbound), (1, 1));
		assert_eq!(state.sleeve_value, 500 * USD);
		assert_eq!(state.sleeve_target_bps, 5_000);
		let usdc = state.assets.iter().find(|a| a.asset == USDC).unwrap();
		assert_eq!(usdc.allowance, 0);
		assert_eq!(usdc.queue.total, 200 * USD6);
		assert_eq!(usdc.totals, BridgedTotals { credited: 1_000 * USD6, withdrawn: 500 * USD6 });

		assert_eq!(
			TreasuryBridge::outbound_view(0, 10),
			vec![(0, OutboundMessage::ToSleeve { asset: USDC, amount: 500 * USD6 }, 1)]
		);
		assert!(TreasuryBridge::outbound_view(1, 10).is_empty());
	});
}

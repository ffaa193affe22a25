//! The treasury bridge wired into the real runtime with the real vault: three dev relayers
//! credit a USDC deposit straight into USDai, replays and strangers are refused, and the dollars
//! leave again through a numbered withdrawal that the relayers confirm.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::{attesting_relayers, genesis_ext, next_deposit, usdai_of, who, USD, USD6};
use frame_support::{assert_noop, assert_ok, dispatch::Pays, traits::fungibles::Inspect};
use pallet_treasury_bridge::{
	runtime_api::runtime_decl_for_treasury_bridge_api::TreasuryBridgeApiV1, BridgedTotals, Error,
	OutboundMessage,
};
use sp_keyring::Sr25519Keyring;
use usdai_runtime::{
	asset_ids::USDC, genesis_config_presets::dev_relayers, AccountId, Assets, Block, BlockNumber,
	Runtime, RuntimeOrigin, TreasuryBridge, Usdai,
};

fn usdc_of(a: &AccountId) -> u128 {
	<Assets as Inspect<AccountId>>::balance(USDC, a)
}

fn state() -> pallet_treasury_bridge::runtime_api::BridgeState<AccountId, BlockNumber> {
	<Runtime as TreasuryBridgeApiV1<Block, AccountId, BlockNumber>>::bridge_state()
}

#[test]
fn three_relayers_credit_a_deposit_into_usdai_and_it_is_withdrawn() {
	genesis_ext("development").execute_with(|| {
		let bob = who(Sr25519Keyring::Bob);
		let relayers = attesting_relayers();
		assert_eq!(relayers.len(), 3);
		assert_eq!(state().threshold, 3);
		let deposit = next_deposit(&bob, 1_000, true);
		assert_eq!(deposit.nonce, 0);

		// A stranger's attestation counts for nothing.
		assert_noop!(
			TreasuryBridge::attest_deposit(RuntimeOrigin::signed(bob.clone()), deposit.clone()),
			Error::<Runtime>::NotRelayer
		);
		// Two of three: nothing is minted yet.
		for relayer in &relayers[..2] {
			let info = TreasuryBridge::attest_deposit(
				RuntimeOrigin::signed(relayer.clone()),
				deposit.clone(),
			)
			.unwrap();
			assert_eq!(info.pays_fee, Pays::No, "a successful attestation is free");
		}
		assert_eq!(usdai_of(&bob), 0);
		assert_eq!(Assets::total_issuance(USDC), 0);
		// A relayer cannot count twice.
		assert_noop!(
			TreasuryBridge::attest_deposit(
				RuntimeOrigin::signed(relayers[0].clone()),
				deposit.clone()
			),
			Error::<Runtime>::AlreadyAttested
		);

		// The third: 1,000 USDC minted and deposited for Bob, who holds 1,000 USDai.
		assert_ok!(TreasuryBridge::attest_deposit(
			RuntimeOrigin::signed(relayers[2].clone()),
			deposit.clone()
		));
		assert_eq!(usdai_of(&bob), 1_000 * USD);
		assert_eq!(usdc_of(&bob), 0);
		assert_eq!(Usdai::nav().reserves, 1_000 * USD);
		assert_eq!(
			pallet_treasury_bridge::Bridged::<Runtime>::get(USDC),
			BridgedTotals { credited: 1_000 * USD6, withdrawn: 0 }
		);

		// The fourth relayer is too late: the nonce is spent, and a replay is refused.
		let fourth = dev_relayers()[3].clone();
		assert_noop!(
			TreasuryBridge::attest_deposit(RuntimeOrigin::signed(fourth.clone()), deposit.clone()),
			Error::<Runtime>::AlreadyProcessed
		);
		// So is a later nonce attested out of order.
		let mut skip = next_deposit(&bob, 5, false);
		skip.nonce += 1;
		assert_noop!(
			TreasuryBridge::attest_deposit(RuntimeOrigin::signed(fourth), skip),
			Error::<Runtime>::NonceOutOfOrder
		);

		// Bob redeems 400 USDai for USDC and withdraws it to an address on the source chain.
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(bob.clone()), USDC, 400 * USD, 0));
		assert_eq!(usdc_of(&bob), 400 * USD6);
		let destination: pallet_treasury_bridge::Destination =
			[0xabu8; 20].to_vec().try_into().unwrap();
		assert_noop!(
			TreasuryBridge::request_withdrawal(
				RuntimeOrigin::signed(bob.clone()),
				USDC,
				401 * USD6,
				destination.clone()
			),
			Error::<Runtime>::InsufficientBalance
		);
		assert_ok!(TreasuryBridge::request_withdrawal(
			RuntimeOrigin::signed(bob.clone()),
			USDC,
			400 * USD6,
			destination.clone()
		));
		assert_eq!(usdc_of(&bob), 0);
		let waiting =
			<Runtime as TreasuryBridgeApiV1<Block, AccountId, BlockNumber>>::outbound(0, 10);
		assert_eq!(waiting.len(), 1);
		let (nonce, message, votes) = &waiting[0];
		assert_eq!((*nonce, *votes), (0, 0));
		assert!(matches!(
			message,
			OutboundMessage::Withdrawal { who, asset: USDC, amount, destination: d }
				if *who == bob && *amount == 400 * USD6 && *d == destination
		));

		// The relayers confirm that it was paid out: the message is done.
		for relayer in &relayers {
			assert_ok!(TreasuryBridge::attest_withdrawal(
				RuntimeOrigin::signed(relayer.clone()),
				0
			));
		}
		assert!(pallet_treasury_bridge::Outbound::<Runtime>::get(0).is_none());
		assert_eq!(
			pallet_treasury_bridge::Bridged::<Runtime>::get(USDC),
			BridgedTotals { credited: 1_000 * USD6, withdrawn: 400 * USD6 }
		);
		assert_eq!(Assets::total_issuance(USDC), 600 * USD6);
		assert_eq!(state().next_outbound_nonce, 1);
		TreasuryBridge::do_try_state().unwrap();
		Usdai::do_try_state().unwrap();
	});
}

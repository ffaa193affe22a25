//! What the bridge's calls are to pallets/guard (`governance_class.rs`): each governance and
//! emergency call in both directions where it depends on the state, the other calls `None`, and
//! classifying writes nothing.

use crate::{
	mock::*, Call, GatewayInfo, HeldSettlement, InflowLimit, NavLimit, Resolution,
	SignatureSubject, DEFAULT_NAV_PERIOD,
};
use frame_support::assert_ok;
use sp_core::H160;
use sp_runtime::StateVersion;
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

const LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Parameters));
const RAISING: Option<Classification> = Some(Classification::raising(Domain::Parameters));
const REGISTRY_LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Registry));
const REGISTRY_RAISING: Option<Classification> = Some(Classification::raising(Domain::Registry));

const GATEWAY: GatewayInfo =
	GatewayInfo { channel: ETH, chain_id: 31_337, address: H160([0x5f; 20]) };

/// An asset the bridge does not bridge.
const UNBRIDGED: AssetId = 42;

/// `call`'s classification; fails if classifying it changed the storage.
fn class(call: Call<Test>) -> Option<Classification> {
	let before = sp_io::storage::root(StateVersion::V1);
	let class = call.classify();
	assert_eq!(sp_io::storage::root(StateVersion::V1), before, "classify wrote to storage");
	class
}

fn set_gateway(gateway: Option<GatewayInfo>) -> Option<Classification> {
	class(Call::<Test>::set_gateway { gateway })
}

fn set_inflow_limit(asset: AssetId, limit: Option<(u64, Balance)>) -> Option<Classification> {
	let limit = limit.map(|(period, max_per_period)| InflowLimit { period, max_per_period });
	class(Call::<Test>::set_inflow_limit { asset, limit })
}

fn set_sleeve_target(bps: u32) -> Option<Classification> {
	class(Call::<Test>::set_sleeve_target { bps })
}

fn set_nav_limit(period: u64, max_change_bps: u32) -> Option<Classification> {
	class(Call::<Test>::set_nav_limit { limit: NavLimit { period, max_change_bps } })
}

#[test]
fn relayers_users_and_anyones_calls_are_not_governance_calls() {
	ExtBuilder::default().build_and_execute(|| {
		let user_calls = [
			Call::<Test>::attest_deposit { deposit: deposit(ETH, 0, USDC, USD6, ALICE) },
			Call::<Test>::attest_withdrawal { nonce: 0 },
			Call::<Test>::attest_nav { report: nav(USD, GENESIS_TIME) },
			Call::<Test>::request_withdrawal {
				asset: USDC,
				amount: USD,
				destination: Default::default(),
			},
			Call::<Test>::rebalance_sleeve { asset: USDC },
			Call::<Test>::retry_held_credit { channel: ETH, nonce: 0 },
			Call::<Test>::register_evm_key { key: H160([1; 20]), proof: [0; 65] },
			Call::<Test>::submit_signature {
				subject: SignatureSubject::Outbound(0),
				signature: [0; 65],
			},
		];
		for call in user_calls {
			assert_eq!(class(call), None);
		}
	});
}

#[test]
fn relayers_and_channels_raise() {
	ExtBuilder::default().build_and_execute(|| {
		// Even the genesis set again, or fewer relayers.
		let relayers = RELAYERS.to_vec().try_into().unwrap();
		assert_eq!(class(Call::<Test>::set_relayers { relayers, threshold: 3 }), REGISTRY_RAISING);
		let relayers = vec![R1, R2, R3].try_into().unwrap();
		assert_eq!(class(Call::<Test>::set_relayers { relayers, threshold: 3 }), REGISTRY_RAISING);
		assert_eq!(class(Call::<Test>::open_channel { channel: 2 }), REGISTRY_RAISING);
	});
}

#[test]
fn removing_the_gateway_lowers_and_a_new_one_raises() {
	ExtBuilder::default().build_and_execute(|| {
		// No gateway yet.
		assert_eq!(set_gateway(None), REGISTRY_LOWERING);
		assert_eq!(set_gateway(Some(GATEWAY)), REGISTRY_RAISING);
		assert_ok!(TreasuryBridge::set_gateway(RuntimeOrigin::root(), Some(GATEWAY)));
		assert_eq!(set_gateway(Some(GATEWAY)), REGISTRY_LOWERING);
		assert_eq!(set_gateway(None), REGISTRY_LOWERING);
		assert_eq!(set_gateway(Some(GatewayInfo { chain_id: 1, ..GATEWAY })), REGISTRY_RAISING);
		assert_eq!(set_gateway(Some(GatewayInfo { channel: BASE, ..GATEWAY })), REGISTRY_RAISING);
		let moved = GatewayInfo { address: H160([0x60; 20]), ..GATEWAY };
		assert_eq!(set_gateway(Some(moved)), REGISTRY_RAISING);
	});
}

#[test]
fn an_inflow_limit_lowers_only_when_it_is_as_tight() {
	ExtBuilder::default().build_and_execute(|| {
		// USDC is bridged with `MAX_INFLOW` per `PERIOD` blocks.
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD, MAX_INFLOW))), LOWERING);
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD, MAX_INFLOW - 1))), LOWERING);
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD + 1, MAX_INFLOW))), LOWERING);
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD * 2, MAX_INFLOW / 2))), LOWERING);
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD, MAX_INFLOW + 1))), RAISING);
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD - 1, MAX_INFLOW))), RAISING);
		assert_eq!(set_inflow_limit(USDC, Some((PERIOD * 2, MAX_INFLOW + 1))), RAISING);
		// Bridging a new asset raises; stopping one (only when unused) lowers.
		assert_eq!(set_inflow_limit(UNBRIDGED, Some((PERIOD, 1))), RAISING);
		assert_eq!(set_inflow_limit(USDC, None), LOWERING);
		assert_eq!(set_inflow_limit(UNBRIDGED, None), LOWERING);
	});
}

#[test]
fn resolutions_and_held_credit_settlements_raise() {
	ExtBuilder::default().build_and_execute(|| {
		let resolutions =
			[Resolution::Reattest, Resolution::Accept(Default::default()), Resolution::Skip];
		for resolution in resolutions {
			assert_eq!(class(Call::<Test>::resolve_conflict { channel: ETH, resolution }), RAISING);
		}
		for settlement in [HeldSettlement::PayTo(ALICE), HeldSettlement::Cancel] {
			assert_eq!(
				class(Call::<Test>::settle_held_credit { channel: ETH, nonce: 0, settlement }),
				RAISING
			);
		}
	});
}

#[test]
fn the_sleeve_target_lowers_only_when_it_does_not_rise_and_recalls_lower() {
	ExtBuilder::default().build_and_execute(|| {
		// The genesis target is 0.
		assert_eq!(set_sleeve_target(0), LOWERING);
		assert_eq!(set_sleeve_target(1), RAISING);
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		assert_eq!(set_sleeve_target(5_000), LOWERING);
		assert_eq!(set_sleeve_target(4_999), LOWERING);
		assert_eq!(set_sleeve_target(0), LOWERING);
		assert_eq!(set_sleeve_target(5_001), RAISING);
		assert_eq!(class(Call::<Test>::request_recall { asset: USDC, amount: USD6 }), LOWERING);
	});
}

#[test]
fn the_nav_limit_lowers_only_when_it_is_as_tight() {
	ExtBuilder::default().build_and_execute(|| {
		// The default: 100 bps (`MaxNavChangeBps`) a day.
		let day = DEFAULT_NAV_PERIOD;
		assert_eq!(set_nav_limit(day, 100), LOWERING);
		assert_eq!(set_nav_limit(day, 50), LOWERING);
		assert_eq!(set_nav_limit(day * 2, 100), LOWERING);
		assert_eq!(set_nav_limit(day - 1, 100), RAISING);
		assert_eq!(set_nav_limit(day * 2, 101), RAISING);
		assert_ok!(TreasuryBridge::set_nav_limit(
			RuntimeOrigin::root(),
			NavLimit { period: day, max_change_bps: 50 }
		));
		assert_eq!(set_nav_limit(day, 50), LOWERING);
		assert_eq!(set_nav_limit(day, 49), LOWERING);
		assert_eq!(set_nav_limit(day, 51), RAISING);
		assert_eq!(set_nav_limit(day, 100), RAISING);
	});
}

#[test]
fn halting_lowers_and_resuming_raises() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(class(Call::<Test>::halt {}), LOWERING);
		assert_eq!(class(Call::<Test>::resume {}), RAISING);
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		assert_eq!(class(Call::<Test>::halt {}), LOWERING);
		assert_eq!(class(Call::<Test>::resume {}), RAISING);
	});
}

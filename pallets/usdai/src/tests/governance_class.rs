//! What the vault's calls are to pallets/guard (`governance_class.rs`): each governance call in
//! both directions where it depends on the state, users' calls `None`, and classifying writes
//! nothing.

use crate::{mock::*, Call, FeeConfig, MintLimits, PauseState};
use frame_support::assert_ok;
use sp_runtime::StateVersion;
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

const LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Parameters));
const RAISING: Option<Classification> = Some(Classification::raising(Domain::Parameters));

/// `call`'s classification; fails if classifying it changed the storage.
fn class(call: Call<Test>) -> Option<Classification> {
	let before = sp_io::storage::root(StateVersion::V1);
	let class = call.classify();
	assert_eq!(sp_io::storage::root(StateVersion::V1), before, "classify wrote to storage");
	class
}

fn set_stablecoin(asset: AssetId, cap: Balance, enabled: bool) -> Option<Classification> {
	class(Call::<Test>::set_stablecoin { asset, cap, enabled })
}

/// The genesis limits: a 50M supply cap, 1M per 10-block period.
fn genesis_limits() -> MintLimits<u64> {
	MintLimits { supply_cap: 50_000_000 * USD18, period: 10, max_per_period: 1_000_000 * USD18 }
}

fn set_mint_limits(change: impl FnOnce(&mut MintLimits<u64>)) -> Option<Classification> {
	let mut limits = genesis_limits();
	change(&mut limits);
	class(Call::<Test>::set_mint_limits { limits })
}

fn set_paused(deposits: bool, stakes: bool) -> Option<Classification> {
	class(Call::<Test>::set_paused { state: PauseState { deposits, stakes } })
}

#[test]
fn users_calls_are_not_governance_calls() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(class(Call::<Test>::deposit { asset: USDC, amount: USD6, min_out: 0 }), None);
		assert_eq!(class(Call::<Test>::redeem { asset: USDC, usdai: USD18, min_out: 0 }), None);
		assert_eq!(class(Call::<Test>::stake { usdai: USD18, min_shares: 0 }), None);
	});
}

#[test]
fn a_stablecoin_is_lowering_only_when_its_cap_falls_and_it_is_not_enabled() {
	ExtBuilder::default().build_and_execute(|| {
		// USDC is accepted with a 10M cap and enabled.
		let cap = 10_000_000 * USD6;
		assert_eq!(set_stablecoin(USDC, cap, true), LOWERING);
		assert_eq!(set_stablecoin(USDC, cap / 2, true), LOWERING);
		assert_eq!(set_stablecoin(USDC, 0, false), LOWERING);
		assert_eq!(set_stablecoin(USDC, cap + 1, true), RAISING);
		assert_eq!(set_stablecoin(USDC, cap + 1, false), RAISING);
		// A stablecoin not accepted yet.
		assert_eq!(set_stablecoin(OTHER, 0, false), RAISING);
		// Enabling a disabled one raises, keeping it disabled lowers.
		assert_ok!(Usdai::set_stablecoin(RuntimeOrigin::root(), USDT, cap, false));
		assert_eq!(set_stablecoin(USDT, cap, true), RAISING);
		assert_eq!(set_stablecoin(USDT, 1, true), RAISING);
		assert_eq!(set_stablecoin(USDT, cap, false), LOWERING);
		// Decimals that no longer match the record would rescale the reserve.
		pallet_assets::Metadata::<Test>::mutate(USDC, |m| m.decimals = 8);
		assert_eq!(set_stablecoin(USDC, cap / 2, true), RAISING);
		pallet_assets::Metadata::<Test>::mutate(USDC, |m| m.decimals = 6);
		assert_eq!(set_stablecoin(USDC, cap / 2, true), LOWERING);
	});
}

#[test]
fn removing_a_stablecoin_lowers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(class(Call::<Test>::remove_stablecoin { asset: DAI }), LOWERING);
		assert_eq!(class(Call::<Test>::remove_stablecoin { asset: OTHER }), LOWERING);
	});
}

#[test]
fn mint_limits_lower_only_when_each_is_as_tight() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(set_mint_limits(|_| {}), LOWERING);
		assert_eq!(
			set_mint_limits(|l| {
				l.supply_cap /= 2;
				l.max_per_period /= 2;
				l.period *= 2;
			}),
			LOWERING
		);
		assert_eq!(set_mint_limits(|l| l.supply_cap -= 1), LOWERING);
		assert_eq!(set_mint_limits(|l| l.max_per_period -= 1), LOWERING);
		// A longer window for the same allowance is a slower rate.
		assert_eq!(set_mint_limits(|l| l.period += 1), LOWERING);
		assert_eq!(set_mint_limits(|l| l.supply_cap += 1), RAISING);
		assert_eq!(set_mint_limits(|l| l.max_per_period += 1), RAISING);
		assert_eq!(set_mint_limits(|l| l.period -= 1), RAISING);
		assert_eq!(
			set_mint_limits(|l| {
				l.supply_cap /= 2;
				l.period -= 1;
			}),
			RAISING
		);
	});
}

#[test]
fn the_first_mint_limits_raise() {
	// Without limits deposits are closed: any limits open them.
	ExtBuilder::default().without_limits().build_and_execute(|| {
		assert_eq!(set_mint_limits(|_| {}), RAISING);
		assert_eq!(set_mint_limits(|l| l.supply_cap = 1), RAISING);
	});
}

#[test]
fn pausing_lowers_and_unpausing_raises() {
	ExtBuilder::default().build_and_execute(|| {
		for (deposits, stakes) in [(false, false), (true, false), (false, true), (true, true)] {
			assert_eq!(class(Call::<Test>::pause { deposits, stakes }), LOWERING);
		}
		// Nothing is paused: any state pauses at least that.
		assert_eq!(set_paused(false, false), LOWERING);
		assert_eq!(set_paused(true, false), LOWERING);
		assert_eq!(set_paused(true, true), LOWERING);
		// Deposits paused: keeping them paused lowers, lifting the pause raises.
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), true, false));
		assert_eq!(set_paused(true, false), LOWERING);
		assert_eq!(set_paused(true, true), LOWERING);
		assert_eq!(set_paused(false, false), RAISING);
		assert_eq!(set_paused(false, true), RAISING);
		assert_eq!(class(Call::<Test>::pause { deposits: false, stakes: false }), LOWERING);
		// Both paused: only both paused lowers.
		assert_ok!(Usdai::pause(RuntimeOrigin::signed(EMERGENCY), false, true));
		assert_eq!(set_paused(true, true), LOWERING);
		assert_eq!(set_paused(true, false), RAISING);
		assert_eq!(set_paused(false, true), RAISING);
	});
}

#[test]
fn fees_vesting_the_breaker_and_fee_withdrawals_raise() {
	ExtBuilder::default().build_and_execute(|| {
		let fees = FeeConfig { protocol_bps: 0, insurance_bps: 0 };
		assert_eq!(class(Call::<Test>::set_fees { fees }), RAISING);
		let fees = FeeConfig { protocol_bps: 1_000, insurance_bps: 500 };
		assert_eq!(class(Call::<Test>::set_fees { fees }), RAISING);
		assert_eq!(class(Call::<Test>::set_vesting_period { blocks: VESTING }), RAISING);
		assert_eq!(class(Call::<Test>::set_vesting_period { blocks: VESTING * 2 }), RAISING);
		assert_eq!(class(Call::<Test>::reset_circuit_breaker {}), RAISING);
		assert_eq!(
			class(Call::<Test>::withdraw_protocol_fees { to: BOB, amount: 1 }),
			Some(Classification::raising(Domain::Treasury))
		);
	});
}

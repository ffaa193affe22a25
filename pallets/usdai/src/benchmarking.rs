//! Benchmarks of the vault's calls and of the points walk in `on_idle` (frame-benchmarking v2).
//!
//! They need a genesis with at least one accepted stablecoin that exists in pallet-assets (the
//! runtime's `development` preset has USDC and USDT). Each measures the heaviest path of its
//! call: first deposits and stakes (new accounts, dead shares), a redemption that empties an
//! account, a walk over holders that hold both tokens.

use super::*;
use crate::{FeeConfig, MintLimits, PauseState};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungibles::{metadata::Inspect as _, Mutate},
		EnsureOrigin, Get,
	},
	weights::Weight,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Bounded, Saturating, Zero};
use usdai_primitives::{AssetId, Balance};

/// An accepted stablecoin, with limits that let any benchmark through.
fn stablecoin<T: Config>() -> AssetId {
	let asset = Stablecoins::<T>::iter_keys()
		.next()
		.expect("benchmarks need a genesis with an accepted stablecoin");
	Pallet::<T>::do_set_stablecoin(asset, Balance::MAX / 4, true).expect("stablecoin exists");
	let limits = MintLimits {
		supply_cap: Balance::MAX / 4,
		period: BlockNumberFor::<T>::max_value(),
		max_per_period: Balance::MAX / 8,
	};
	Pallet::<T>::do_set_mint_limits(limits).expect("valid limits");
	asset
}

/// `units` whole units of `asset` in its base units.
fn units<T: Config>(asset: AssetId, units: Balance) -> Balance {
	let decimals = T::Assets::decimals(asset);
	units.saturating_mul(10u128.saturating_pow(u32::from(decimals)))
}

/// A funded account holding `amount` of `asset`.
fn funded<T: Config>(
	name: &'static str,
	index: u32,
	asset: AssetId,
	amount: Balance,
) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Assets::mint_into(asset, &who, amount).expect("can mint");
	who
}

/// `who` deposits `dollars` of `asset` and stakes `stake_dollars` of the USDai.
fn deposit_and_stake<T: Config>(
	who: &T::AccountId,
	asset: AssetId,
	dollars: Balance,
	stake: Balance,
) {
	Pallet::<T>::do_deposit(who, asset, units::<T>(asset, dollars), 0).expect("deposit works");
	if !stake.is_zero() {
		let usdai = units::<T>(T::UsdaiAsset::get(), stake);
		Pallet::<T>::do_stake(who, usdai, 0).expect("stake works");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn deposit() {
		let asset = stablecoin::<T>();
		let amount = units::<T>(asset, 1_000);
		let caller = funded::<T>("caller", 0, asset, amount);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, amount, 0);

		assert!(!Pallet::<T>::balance_of(T::UsdaiAsset::get(), &caller).is_zero());
	}

	#[benchmark]
	fn redeem() {
		let asset = stablecoin::<T>();
		let caller = funded::<T>("caller", 0, asset, units::<T>(asset, 1_000));
		deposit_and_stake::<T>(&caller, asset, 1_000, 0);
		let all = Pallet::<T>::balance_of(T::UsdaiAsset::get(), &caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, all, 0);

		assert!(Pallet::<T>::balance_of(T::UsdaiAsset::get(), &caller).is_zero());
	}

	#[benchmark]
	fn stake() {
		let asset = stablecoin::<T>();
		let caller = funded::<T>("caller", 0, asset, units::<T>(asset, 1_000));
		deposit_and_stake::<T>(&caller, asset, 1_000, 0);
		let usdai = units::<T>(T::UsdaiAsset::get(), 1_000);

		// The first stake also mints the dead shares.
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), usdai, 0);

		assert!(!Pallet::<T>::balance_of(T::SusdaiAsset::get(), &caller).is_zero());
	}

	#[benchmark]
	fn set_stablecoin() -> Result<(), BenchmarkError> {
		let asset = stablecoin::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset, 1_000, false);

		assert_eq!(Stablecoins::<T>::get(asset).map(|i| i.enabled), Some(false));
		Ok(())
	}

	#[benchmark]
	fn remove_stablecoin() -> Result<(), BenchmarkError> {
		let asset = stablecoin::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset);

		assert!(Stablecoins::<T>::get(asset).is_none());
		Ok(())
	}

	#[benchmark]
	fn set_mint_limits() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let limits = MintLimits { supply_cap: 1_000, period: 10u32.into(), max_per_period: 100 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, limits);

		assert_eq!(Limits::<T>::get(), Some(limits));
		Ok(())
	}

	#[benchmark]
	fn set_fees() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let fees = FeeConfig {
			protocol_bps: T::MaxProtocolFeeBps::get(),
			insurance_bps: T::MaxInsuranceBps::get(),
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, fees);

		assert_eq!(Fees::<T>::get(), fees);
		Ok(())
	}

	#[benchmark]
	fn set_vesting_period() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks = T::MaxVestingPeriod::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(VestingPeriod::<T>::get(), blocks);
		Ok(())
	}

	#[benchmark]
	fn withdraw_protocol_fees() -> Result<(), BenchmarkError> {
		let asset = stablecoin::<T>();
		Pallet::<T>::do_set_fees(FeeConfig {
			protocol_bps: T::MaxProtocolFeeBps::get(),
			insurance_bps: 0,
		})?;
		let staker = funded::<T>("staker", 0, asset, units::<T>(asset, 2_000));
		deposit_and_stake::<T>(&staker, asset, 2_000, 1_000);
		let interest = units::<T>(T::UsdaiAsset::get(), 1_000);
		<Pallet<T> as VaultAccounting<T::AccountId>>::receive_interest(&staker, interest)?;
		// Hand the lockers their share first, so that every fee collected is withdrawable
		// whatever `LockerFeeShare` is.
		Pallet::<T>::do_take_fees(&account("lockers", 0, 0))?;
		let fees = Ledger::<T>::get().protocol_fees;
		let to: T::AccountId = account("treasury", 0, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, to.clone(), fees);

		assert_eq!(Pallet::<T>::balance_of(T::UsdaiAsset::get(), &to), fees);
		Ok(())
	}

	#[benchmark]
	fn pause() -> Result<(), BenchmarkError> {
		let origin =
			T::EmergencyOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true, true);

		assert_eq!(Paused::<T>::get(), PauseState { deposits: true, stakes: true });
		Ok(())
	}

	#[benchmark]
	fn set_paused() -> Result<(), BenchmarkError> {
		Pallet::<T>::do_pause(true, true)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, PauseState::default());

		assert_eq!(Paused::<T>::get(), PauseState::default());
		Ok(())
	}

	#[benchmark]
	fn reset_circuit_breaker() -> Result<(), BenchmarkError> {
		BreakerTripped::<T>::put(true);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert!(!BreakerTripped::<T>::get());
		Ok(())
	}

	/// The points walk visiting `n` holders, each holding USDai and sUSDai.
	#[benchmark]
	fn points_walk(n: Linear<0, { T::MaxPointsVisitsPerBlock::get() }>) {
		let asset = stablecoin::<T>();
		for i in 0..n {
			let who = funded::<T>("holder", i, asset, units::<T>(asset, 100));
			deposit_and_stake::<T>(&who, asset, 100, 50);
		}
		// Let time pass so that every visit credits points.
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(T::BlocksPerDay::get()),
		);

		#[block]
		{
			Pallet::<T>::do_points_walk(Weight::MAX);
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

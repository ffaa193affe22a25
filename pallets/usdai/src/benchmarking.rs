//! Benchmarks of the vault's calls and of the points walk in `on_idle` (frame-benchmarking v2).
//!
//! They need a genesis with at least one accepted stablecoin that exists in pallet-assets (the
//! runtime's `development` preset has USDC and USDT). Each measures the heaviest path of its
//! call: first deposits and stakes (new accounts, dead shares), a redemption that empties an
//! account, a fee withdrawal that is its block's first USDai debit, a walk over holders that hold
//! both tokens, an end-of-block settlement of holders of both tokens and a lookup of receivers
//! in the block's events.

use super::*;
use crate::{FeeConfig, MintLimits, MintWindow, PauseState};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungibles::{metadata::Inspect as _, Mutate},
		tokens::Preservation,
		EnsureOrigin, Get,
	},
	weights::Weight,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Bounded, Hash, One, Saturating, Zero};
use usdai_primitives::{vault::LendingVault, AssetId, Balance};

/// An accepted stablecoin, with limits that let any benchmark through (one mint period for the
/// whole benchmark).
fn stablecoin<T: Config>() -> AssetId {
	crate::benchmark_helper::open_stablecoin_with_period::<T>(BlockNumberFor::<T>::max_value())
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

/// Someone holds sUSDai, so that the points value shares at the redemption price (reading the
/// vault's books). Its USDai is minted outright: no stablecoin reserve changes.
fn shares_exist<T: Config>() {
	let staker: T::AccountId = account("staker", 0, 0);
	let usdai = units::<T>(T::UsdaiAsset::get(), 1_000);
	T::Assets::mint_into(T::UsdaiAsset::get(), &staker, usdai).expect("can mint");
	Pallet::<T>::do_stake(&staker, usdai, 0).expect("stake works");
}

/// Ends the block as the vault's hooks would (`on_finalize` settles the block's points and
/// forgets its bookkeeping) and starts the next (its events gone, as `System::initialize`
/// leaves them, and the vault's `on_initialize`), so that the measured call makes the block's
/// first USDai debit and pays for starting the points' per-block bookkeeping (`PointsBlock`,
/// read and written), as the weight tests count it (they start a block before the call).
fn next_block<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	Pallet::<T>::do_points_finalize(now);
	let next = now.saturating_add(One::one());
	frame_system::Pallet::<T>::set_block_number(next);
	frame_system::Pallet::<T>::reset_events();
	Pallet::<T>::do_points_initialize(next);
}

/// Most receivers the lookup benchmark settles (about a block's worth of USDai transfers to
/// distinct accounts), leaving room in the events read for two events each (a transfer may
/// create an account).
fn max_receivers<T: Config>() -> u32 {
	T::MaxPointsScannedEvents::get().saturating_div(2).min(2_000)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A deposit of all the caller holds (its account dies, a USDai account opens) into a
	/// reserve that has none of the stablecoin yet, while shares exist, that takes the period
	/// past its mint limit (the breaker trips).
	#[benchmark]
	fn deposit() -> Result<(), BenchmarkError> {
		let asset = stablecoin::<T>();
		let amount = units::<T>(asset, 1_000);
		shares_exist::<T>();
		let info = Stablecoins::<T>::get(asset).ok_or(BenchmarkError::Weightless)?;
		let minted = Pallet::<T>::usdai_for(&info, amount)?;
		Pallet::<T>::do_set_mint_limits(MintLimits {
			supply_cap: Balance::MAX / 4,
			period: BlockNumberFor::<T>::max_value(),
			max_per_period: minted,
		})?;
		Window::<T>::put(MintWindow {
			start: frame_system::Pallet::<T>::block_number(),
			minted: 1,
		});
		let caller = funded::<T>("caller", 0, asset, amount);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, amount, 0);

		assert!(!Pallet::<T>::balance_of(T::UsdaiAsset::get(), &caller).is_zero());
		assert!(BreakerTripped::<T>::get());
		Ok(())
	}

	/// A redemption of all the caller holds (its USDai account dies, its stablecoin account
	/// opens again) that empties the reserve, while shares exist.
	#[benchmark]
	fn redeem() {
		let asset = stablecoin::<T>();
		shares_exist::<T>();
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

	/// Accepting a stablecoin anew (the counter of stablecoins moves).
	#[benchmark]
	fn set_stablecoin() -> Result<(), BenchmarkError> {
		let asset = stablecoin::<T>();
		Stablecoins::<T>::remove(asset);
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
		<Pallet<T> as LendingVault<T::AccountId>>::receive_interest(&staker, interest)?;
		// Hand the lockers their share first, so that every fee collected is withdrawable
		// whatever `LockerFeeShare` is.
		Pallet::<T>::do_take_fees(&account("lockers", 0, 0))?;
		let fees = Ledger::<T>::get().protocol_fees;
		// The withdrawal is the block's first USDai debit (the vault's): it starts the points'
		// per-block bookkeeping (see `next_block`). Without the new block, on the production
		// runtime (whose benchmark state is at block 0, where no event is deposited, and which
		// the harness moves to block 1 only just before the call) the lockers' fees paid from
		// the vault above left `PointsBlock` recording a last debit of the vault at event
		// count 0: the call's own, so the call wrote nothing there, one write short.
		next_block::<T>();
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

	/// The end-of-block settlement of `n` accounts whose balance changed, each holding USDai and
	/// sUSDai and with a points record, measured through `on_initialize` (which also forgets the
	/// block's bookkeeping; `on_finalize` settles the same way).
	///
	/// `n` starts at 1: settling any account first reads the redemption rate (sUSDai's supply,
	/// `Ledger` and `YieldVesting`: three reads), which `on_initialize` skips when nothing is
	/// pending. Measured from 0, that one cheaper point pulled the fitted base below the five
	/// fixed reads of a settlement (to 4.4, rounded to 4: one read short of what the weight
	/// test counts at the runtime's bound). From 1 the fit is exact: five reads and two writes
	/// and three reads and a write per account. `points_settle(0)` then charges a block with
	/// nothing pending those five reads (three more than it uses), and the fixed part charged
	/// for `on_finalize` (which holds `points_settle(0)`) covers the rate it always reads.
	#[benchmark]
	fn points_settle(n: Linear<1, { T::MaxPointsPendingPerBlock::get() }>) {
		let asset = stablecoin::<T>();
		let mut holders = alloc::vec::Vec::new();
		for i in 0..n {
			let who = funded::<T>("holder", i, asset, units::<T>(asset, 100));
			deposit_and_stake::<T>(&who, asset, 100, 50);
			holders.push(who);
		}
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::do_points_finalize(now);
		let later = now.saturating_add(T::BlocksPerDay::get());
		frame_system::Pallet::<T>::set_block_number(later);
		for who in holders.iter() {
			Pallet::<T>::mark_pending(who, later);
		}
		PointsBlock::<T>::put(PointsBlockState {
			scan: true,
			credits: n,
			events: 0,
			last_debit: None,
		});
		let next = later.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(next);

		#[block]
		{
			Pallet::<T>::do_points_initialize(next);
		}

		assert!(PointsPending::<T>::get().is_empty());
		assert!(holders.iter().all(|who| Points::<T>::get(who).is_some_and(|r| !r.pending)));
	}

	/// The end-of-block lookup of receivers: `e` events that credit nobody (remarks), then `c`
	/// USDai transfers to accounts that hold USDai and sUSDai and have a points record, each
	/// settled.
	#[benchmark]
	fn points_scan(
		e: Linear<
			0,
			{
				T::MaxPointsScannedEvents::get()
					.saturating_sub(max_receivers::<T>().saturating_mul(2))
			},
		>,
		c: Linear<0, { max_receivers::<T>() }>,
	) {
		let asset = stablecoin::<T>();
		frame_system::Pallet::<T>::set_block_number(One::one());
		let sender = funded::<T>("sender", 0, asset, units::<T>(asset, 100_000));
		deposit_and_stake::<T>(&sender, asset, 100_000, 0);
		let mut receivers = alloc::vec::Vec::new();
		for i in 0..c {
			let who = funded::<T>("receiver", i, asset, units::<T>(asset, 100));
			deposit_and_stake::<T>(&who, asset, 100, 50);
			receivers.push(who);
		}
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::do_points_finalize(now);
		let later = now.saturating_add(T::BlocksPerDay::get());
		frame_system::Pallet::<T>::set_block_number(later);
		frame_system::Pallet::<T>::reset_events();
		for i in 0..e {
			let hash = T::Hashing::hash_of(&i);
			frame_system::Pallet::<T>::deposit_event(frame_system::Event::<T>::Remarked {
				sender: sender.clone(),
				hash,
			});
		}
		let usdai = T::UsdaiAsset::get();
		let one = units::<T>(usdai, 1);
		for who in receivers.iter() {
			T::Assets::transfer(usdai, &sender, who, one, Preservation::Expendable)
				.expect("sender holds enough");
		}
		// Only the receivers are to be settled here.
		Pallet::<T>::settle_pending(later, Pallet::<T>::share_rate());
		PointsBlock::<T>::kill();
		let events = frame_system::Pallet::<T>::event_count();
		let rate = Pallet::<T>::share_rate();
		let result;

		#[block]
		{
			result = Pallet::<T>::settle_receivers(events, c, later, rate);
		}

		assert_eq!(result.1, c);
		assert!(receivers.iter().all(|who| Points::<T>::get(who).is_some_and(|r| r.last == later)));
	}

	/// The vault as pallet-assets' `Freezer` on the first debit of a holder in a block: it
	/// starts the block's bookkeeping, counts a receiver and marks the holder. Not charged by
	/// this pallet: it is part of every pallet-assets debit of USDai or sUSDai, whose weights
	/// include it when benchmarked in a runtime that wires the vault as `Freezer`.
	#[benchmark]
	fn points_note_debit() {
		let asset = stablecoin::<T>();
		let who = funded::<T>("holder", 0, asset, units::<T>(asset, 100));
		deposit_and_stake::<T>(&who, asset, 100, 50);
		let now = frame_system::Pallet::<T>::block_number();
		Pallet::<T>::do_points_finalize(now);
		let later = now.saturating_add(T::BlocksPerDay::get());
		frame_system::Pallet::<T>::set_block_number(later);
		Pallet::<T>::do_points_initialize(later);
		let usdai = T::UsdaiAsset::get();

		#[block]
		{
			Pallet::<T>::note_balance_fall(usdai, &who, true);
		}

		assert!(Points::<T>::get(&who).is_some_and(|r| r.pending));
		assert_eq!(PointsBlock::<T>::get().map(|s| s.credits), Some(1));
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

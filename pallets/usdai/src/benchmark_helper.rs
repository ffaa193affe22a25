//! Sets the vault up for other pallets' benchmarks (filo, qev, gauges, the treasury bridge)
//! through its own calls and books, so that no other pallet's benchmark writes the vault's
//! storage: the bodies of [`VaultBenchmarkHelper`](usdai_primitives::vault::VaultBenchmarkHelper),
//! implemented in `impls.rs`. Benchmark setup only: a broken precondition aborts the benchmark.

use crate::{pallet::*, MintLimits};
use frame_benchmarking::account;
use frame_support::traits::{
	fungibles::{Inspect, Mutate},
	Get,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::One;
use usdai_primitives::{AssetId, Balance};

/// One USDai in base units (18 decimals).
const ONE_USDAI: Balance = 1_000_000_000_000_000_000;

/// Lifts the caps and mint limits for the accepted stablecoin with the lowest id and returns
/// it: benchmarks move more than a period's mint limit and the reserve cap. Mint periods last a
/// block, so every mint in a measured call also starts a new period (the dearer path).
pub(crate) fn open_stablecoin<T: Config>() -> AssetId {
	open_stablecoin_with_period::<T>(One::one())
}

/// [`open_stablecoin`] with mint periods of `period` blocks: the vault's own benchmarks and
/// other pallets' share this one set-up.
pub(crate) fn open_stablecoin_with_period<T: Config>(period: BlockNumberFor<T>) -> AssetId {
	let asset = Stablecoins::<T>::iter_keys()
		.min()
		.expect("benchmarks need a vault that accepts a stablecoin");
	Pallet::<T>::do_set_stablecoin(asset, Balance::MAX / 4, true)
		.expect("governance reconfigures the stablecoin");
	let limits =
		MintLimits { supply_cap: Balance::MAX / 4, period, max_per_period: Balance::MAX / 8 };
	Pallet::<T>::do_set_mint_limits(limits).expect("valid limits");
	asset
}

/// Gives `who` `amount` USDai (rounded down to whole units of the stablecoin), minted through
/// an ordinary deposit of the stablecoin `open_stablecoin` opens.
pub(crate) fn fund_usdai<T: Config>(who: &T::AccountId, amount: Balance) {
	let asset = open_stablecoin::<T>();
	let scale = Pallet::<T>::stablecoin(asset)
		.ok()
		.and_then(|info| info.scale())
		.expect("an accepted stablecoin has at most 18 decimals");
	let units = amount.checked_div(scale).expect("the scale is positive");
	T::Assets::mint_into(asset, who, units).expect("stablecoin minted");
	Pallet::<T>::do_deposit(who, asset, units, 0).expect("deposited");
}

/// Gives `who` at least `shares` sUSDai, staked from USDai it is given.
pub(crate) fn fund_shares<T: Config>(who: &T::AccountId, shares: Balance) {
	// A little more USDai than shares: the first stake pays for the dead shares.
	let usdai = shares.saturating_add(ONE_USDAI);
	fund_usdai::<T>(who, usdai);
	Pallet::<T>::do_stake(who, usdai, 1).expect("staked");
}

/// `who` stakes `usdai` of its USDai.
pub(crate) fn stake<T: Config>(who: &T::AccountId, usdai: Balance) {
	Pallet::<T>::do_stake(who, usdai, 0).expect("stakes its USDai");
}

/// Adds `amount` USDai of idle liquidity, deposited and staked by an account of its own.
pub(crate) fn provide_liquidity<T: Config>(amount: Balance) {
	let lp: T::AccountId = account("vault-lp", 0, 0);
	fund_usdai::<T>(&lp, amount);
	Pallet::<T>::do_stake(&lp, amount, 1).expect("staked");
}

/// Books `amount` USDai of protocol fees set aside for the lockers, minted into the vault's
/// account with USDai's minimum balance more, so that a small amount can open the account (the
/// books ignore the extra).
pub(crate) fn accrue_locker_fees<T: Config>(amount: Balance) {
	let usdai = T::UsdaiAsset::get();
	let min = T::Assets::minimum_balance(usdai);
	T::Assets::mint_into(usdai, &Pallet::<T>::vault_account(), amount.saturating_add(min))
		.expect("USDai minted");
	Ledger::<T>::mutate(|l| l.protocol_fees = l.protocol_fees.saturating_add(amount));
	LockerFees::<T>::mutate(|f| *f = f.saturating_add(amount));
}

/// Books `amount` USDai of realised loss that nobody covered.
pub(crate) fn set_uncovered_loss<T: Config>(amount: Balance) {
	UncoveredLoss::<T>::put(amount);
}

/// Caps what the vault mints per period at `max_per_period`, when mint limits are set.
pub(crate) fn limit_mints<T: Config>(max_per_period: Balance) {
	Limits::<T>::mutate(|l| {
		if let Some(l) = l {
			l.max_per_period = max_per_period;
		}
	});
}

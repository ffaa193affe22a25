//! Configuration by governance and pauses by the emergency origin.

use crate::{pallet::*, FeeConfig, MintLimits, MintWindow, PauseState, StablecoinInfo};
use frame_support::{
	ensure, pallet_prelude::*, traits::fungibles::metadata::Inspect as MetadataInspect,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;
use usdai_primitives::{AssetId, Balance};

impl<T: Config> Pallet<T> {
	/// Accepts (or reconfigures) stablecoin `asset`.
	pub fn do_set_stablecoin(asset: AssetId, cap: Balance, enabled: bool) -> DispatchResult {
		ensure!(
			asset != T::UsdaiAsset::get() && asset != T::SusdaiAsset::get(),
			Error::<T>::UnsupportedAsset
		);
		let info = StablecoinInfo { decimals: T::Assets::decimals(asset), cap, enabled };
		ensure!(info.scale().is_some(), Error::<T>::InvalidDecimals);
		if !Stablecoins::<T>::contains_key(asset) {
			ensure!(
				Stablecoins::<T>::count() < T::MaxStablecoins::get(),
				Error::<T>::TooManyStablecoins
			);
		}
		Stablecoins::<T>::insert(asset, info);
		Self::deposit_event(Event::StablecoinSet { asset, info });
		Ok(())
	}

	/// Removes stablecoin `asset`, whose reserve must be empty.
	pub fn do_remove_stablecoin(asset: AssetId) -> DispatchResult {
		ensure!(Stablecoins::<T>::contains_key(asset), Error::<T>::UnsupportedAsset);
		ensure!(Reserves::<T>::get(asset).is_zero(), Error::<T>::ReserveNotEmpty);
		Stablecoins::<T>::remove(asset);
		Reserves::<T>::remove(asset);
		Self::deposit_event(Event::StablecoinRemoved { asset });
		Ok(())
	}

	/// Sets the supply cap and the rate limit.
	pub fn do_set_mint_limits(limits: MintLimits<BlockNumberFor<T>>) -> DispatchResult {
		ensure!(Self::limits_valid(&limits), Error::<T>::InvalidLimits);
		Limits::<T>::put(limits);
		Self::deposit_event(Event::MintLimitsSet { limits });
		Ok(())
	}

	/// Sets the fees on interest.
	pub fn do_set_fees(fees: FeeConfig) -> DispatchResult {
		ensure!(Self::fees_valid(&fees), Error::<T>::FeeTooHigh);
		Fees::<T>::put(fees);
		Self::deposit_event(Event::FeesSet { fees });
		Ok(())
	}

	/// Sets the vesting window.
	pub fn do_set_vesting_period(blocks: BlockNumberFor<T>) -> DispatchResult {
		ensure!(blocks <= T::MaxVestingPeriod::get(), Error::<T>::VestingPeriodTooLong);
		VestingPeriod::<T>::put(blocks);
		Self::deposit_event(Event::VestingPeriodSet { blocks });
		Ok(())
	}

	/// Pauses what is flagged `true`.
	pub fn do_pause(deposits: bool, stakes: bool) -> DispatchResult {
		let mut state = Paused::<T>::get();
		state.deposits |= deposits;
		state.stakes |= stakes;
		Self::do_set_paused(state)
	}

	/// Sets the pause flags.
	pub fn do_set_paused(state: PauseState) -> DispatchResult {
		Paused::<T>::put(state);
		Self::deposit_event(Event::PauseChanged { state });
		Ok(())
	}

	/// Resets the circuit breaker and the rate-limit window.
	pub fn do_reset_circuit_breaker() -> DispatchResult {
		BreakerTripped::<T>::put(false);
		Window::<T>::put(MintWindow {
			start: frame_system::Pallet::<T>::block_number(),
			minted: 0,
		});
		Self::deposit_event(Event::CircuitBreakerReset);
		Ok(())
	}
}

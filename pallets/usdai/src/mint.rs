//! USDai against stablecoins: `deposit` (mint 1:1) and `redeem` (burn for the reserve), with
//! caps, the rate limit and its circuit breaker. The treasury bridge deposits through the same
//! path ([`BridgeVault`](usdai_primitives::bridge::BridgeVault), in `impls.rs`).

use crate::{pallet::*, MintLimits, MintWindow, StablecoinInfo};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation, Provenance},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, ArithmeticError, Saturating};
use usdai_primitives::{
	tokens::{dust_after, dustless},
	AssetId, Balance,
};

impl<T: Config> Pallet<T> {
	/// The accepted stablecoin `asset`.
	pub(crate) fn stablecoin(asset: AssetId) -> Result<StablecoinInfo, DispatchError> {
		Stablecoins::<T>::get(asset).ok_or_else(|| Error::<T>::UnsupportedAsset.into())
	}

	/// USDai for `amount` of a stablecoin with `info`: exact, no rounding.
	pub(crate) fn usdai_for(
		info: &StablecoinInfo,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		let scale = info.scale().ok_or(Error::<T>::InvalidDecimals)?;
		amount.checked_mul(scale).ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// What `deposit(asset, amount)` would mint (`None` for an unknown asset).
	pub fn preview_deposit(asset: AssetId, amount: Balance) -> Option<Balance> {
		Self::stablecoin(asset).ok().and_then(|info| Self::usdai_for(&info, amount).ok())
	}

	/// Mints USDai 1:1 for `amount` of `asset` deposited by `who`. Returns the USDai minted.
	pub fn do_deposit(
		who: &T::AccountId,
		asset: AssetId,
		amount: Balance,
		min_out: Balance,
	) -> Result<Balance, DispatchError> {
		let info = Self::stablecoin(asset)?;
		ensure!(info.enabled, Error::<T>::AssetDisabled);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(!Paused::<T>::get().deposits, Error::<T>::DepositsPaused);
		ensure!(!BreakerTripped::<T>::get(), Error::<T>::CircuitBreakerTripped);
		let limits = Limits::<T>::get().ok_or(Error::<T>::LimitsNotSet)?;

		let minted = Self::usdai_for(&info, amount)?;
		ensure!(minted >= min_out, Error::<T>::SlippageExceeded);

		// Hard caps refuse the deposit.
		let supply = T::Assets::total_issuance(T::UsdaiAsset::get());
		let new_supply = supply.checked_add(minted).ok_or(ArithmeticError::Overflow)?;
		ensure!(new_supply <= limits.supply_cap, Error::<T>::SupplyCapExceeded);
		let reserve = Reserves::<T>::get(asset);
		let new_reserve = reserve.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ensure!(new_reserve <= info.cap, Error::<T>::AssetCapExceeded);
		ensure!(minted <= limits.max_per_period, Error::<T>::MintLimitExceeded);

		// The caller must hold the stablecoin, keep no dust of it, and be able to receive USDai.
		Self::ensure_spendable(asset, who, amount)?;
		let keep = Self::dustless_debit(asset, who, amount)?;
		Self::ensure_can_receive(T::UsdaiAsset::get(), who, minted, Provenance::Minted)?;
		Self::ensure_can_receive(asset, &Self::reserve_account(), amount, Provenance::Extant)?;

		Self::settle_points(who);
		T::Assets::transfer(asset, who, &Self::reserve_account(), amount, keep)?;
		T::Assets::mint_into(T::UsdaiAsset::get(), who, minted)?;
		Reserves::<T>::insert(asset, new_reserve);

		Self::settle_points(who);
		Self::deposit_event(Event::Deposited { who: who.clone(), asset, amount, minted });
		Self::record_mint(&limits, minted)?;
		Ok(minted)
	}

	/// Counts `minted` against the rate limit; trips the circuit breaker when the period's total
	/// passes the limit (the deposit that passes it still goes through; the next ones stop).
	fn record_mint(
		limits: &MintLimits<BlockNumberFor<T>>,
		minted: Balance,
	) -> Result<(), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut window = Window::<T>::get();
		if now.saturating_sub(window.start) >= limits.period {
			window = MintWindow { start: now, minted: 0 };
		}
		window.minted = window.minted.checked_add(minted).ok_or(ArithmeticError::Overflow)?;
		if window.minted > limits.max_per_period {
			BreakerTripped::<T>::put(true);
			Self::deposit_event(Event::CircuitBreakerTripped {
				period_start: window.start,
				minted: window.minted,
				limit: limits.max_per_period,
			});
		}
		Window::<T>::put(window);
		Ok(())
	}

	/// Burns USDai of `who` for stablecoin `asset` from the reserve. Returns `(burned, paid)`.
	pub fn do_redeem(
		who: &T::AccountId,
		asset: AssetId,
		usdai: Balance,
		min_out: Balance,
	) -> Result<(Balance, Balance), DispatchError> {
		let info = Self::stablecoin(asset)?;
		ensure!(!usdai.is_zero(), Error::<T>::ZeroAmount);
		let scale = info.scale().ok_or(Error::<T>::InvalidDecimals)?;
		let usdai_id = T::UsdaiAsset::get();
		let balance = T::Assets::balance(usdai_id, who);
		ensure!(balance >= usdai, Error::<T>::InsufficientBalance);

		// Only whole stablecoin units are paid; the USDai below one unit stays with the caller,
		// unless what would stay is below the minimum balance, which would be lost anyway: then
		// it is included (and what it is worth in whole units paid).
		let min = T::Assets::minimum_balance(usdai_id);
		let left = balance.saturating_sub(usdai);
		let takes_dust = !left.is_zero() && left < min;
		let burn_request = if takes_dust { balance } else { usdai };
		let paid = burn_request.checked_div(scale).ok_or(ArithmeticError::DivisionByZero)?;
		ensure!(!paid.is_zero(), Error::<T>::AmountTooSmall);
		ensure!(paid >= min_out, Error::<T>::SlippageExceeded);
		let exact = paid.checked_mul(scale).ok_or(ArithmeticError::Overflow)?;
		// Asking for the whole balance leaves the part below one unit: dust too, if below the
		// minimum balance, and burnt with the rest rather than lost unreported.
		let rest = balance.saturating_sub(exact);
		let burned = if !rest.is_zero() && rest < min { balance } else { exact };
		let burn_keep = Self::dustless_debit(usdai_id, who, burned)?;

		let reserve = Reserves::<T>::get(asset);
		ensure!(reserve >= paid, Error::<T>::InsufficientReserve);
		ensure!(
			T::Assets::reducible_balance(
				asset,
				&Self::reserve_account(),
				Preservation::Expendable,
				Fortitude::Polite
			) >= paid,
			Error::<T>::InsufficientReserve
		);
		let (sent, pay_keep) = Self::reserve_payment(asset, paid, reserve)?;
		Self::ensure_can_receive(asset, who, sent, Provenance::Extant)?;

		Self::settle_points(who);
		T::Assets::burn_from(
			usdai_id,
			who,
			burned,
			burn_keep,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		T::Assets::transfer(asset, &Self::reserve_account(), who, sent, pay_keep)?;
		Reserves::<T>::insert(asset, reserve.saturating_sub(paid));

		Self::settle_points(who);
		Self::deposit_event(Event::Redeemed { who: who.clone(), asset, burned, paid: sent });
		Ok((burned, sent))
	}

	/// What a payment of `paid` (booked) out of `asset`'s reserve sends, and how, so that the
	/// reserve account never keeps dust, which pallet-assets would destroy with the account:
	/// dust that no book counts (the rest of a donation) goes along to the payee; a payment
	/// that would leave dust the books still count (`booked − paid`) is refused with
	/// `LeavesReserveDust`. The payee can always ask for another amount: less (leaving at
	/// least the minimum balance), or all that the reserve books.
	fn reserve_payment(
		asset: AssetId,
		paid: Balance,
		booked: Balance,
	) -> Result<(Balance, Preservation), DispatchError> {
		let account = Self::reserve_account();
		let dust = dust_after::<_, T::Assets>(asset, &account, paid);
		if dust.is_zero() {
			let keep = dustless::<_, T::Assets>(asset, &account, paid)
				.ok_or(Error::<T>::LeavesReserveDust)?;
			return Ok((paid, keep));
		}
		ensure!(booked == paid, Error::<T>::LeavesReserveDust);
		let sent = paid.checked_add(dust).ok_or(ArithmeticError::Overflow)?;
		Ok((sent, Preservation::Expendable))
	}

	/// How to debit `amount` of `asset` from `who` (a caller's account or one of the vault's)
	/// without leaving dust: `Expendable` when the debit empties the account, `Preserve` when it
	/// leaves at least the minimum balance. A debit that would leave dust fails with
	/// `LeavesDust`: pallet-assets would destroy the dust with the account without lowering the
	/// supply, and whatever books counted it would point at nothing.
	pub(crate) fn dustless_debit(
		asset: AssetId,
		who: &T::AccountId,
		amount: Balance,
	) -> Result<Preservation, DispatchError> {
		dustless::<_, T::Assets>(asset, who, amount).ok_or_else(|| Error::<T>::LeavesDust.into())
	}

	/// Fails with `InsufficientBalance` unless `who` can spend `amount` of `asset`.
	pub(crate) fn ensure_spendable(
		asset: AssetId,
		who: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		let spendable =
			T::Assets::reducible_balance(asset, who, Preservation::Expendable, Fortitude::Polite);
		ensure!(spendable >= amount, Error::<T>::InsufficientBalance);
		Ok(())
	}

	/// Fails with `AmountTooSmall` when `who` cannot receive `amount` of `asset` (below the
	/// minimum balance of a new holding), or with the token's own error otherwise.
	pub(crate) fn ensure_can_receive(
		asset: AssetId,
		who: &T::AccountId,
		amount: Balance,
		provenance: Provenance,
	) -> DispatchResult {
		use frame_support::traits::tokens::DepositConsequence::*;
		match T::Assets::can_deposit(asset, who, amount, provenance) {
			Success => Ok(()),
			BelowMinimum => Err(Error::<T>::AmountTooSmall.into()),
			other => other.into_result(),
		}
	}
}

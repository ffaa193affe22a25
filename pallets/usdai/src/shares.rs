//! The sUSDai vault's own books: its accounts, the share prices and NAV, yield vesting, `stake`,
//! the idle cash paid out and pulled in, the split and booking of yield, and the protocol fees.
//! The books other pallets keep through the vault build on these: lending in `lending.rs`, the
//! QEV queue's redemptions in `redemption.rs`.

use crate::{pallet::*, NavBreakdown, SharePrices, VaultLedger, Vesting};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation, Provenance},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::Rounding;
use sp_runtime::{
	traits::{AccountIdConversion, UniqueSaturatedInto, Zero},
	ArithmeticError, Saturating,
};
use usdai_primitives::{vault::InterestSplit, Balance, BasisPoints, BPS_DENOMINATOR};

/// One whole sUSDai in base units (18 decimals).
const ONE_SHARE: Balance = 1_000_000_000_000_000_000;

/// `a * b / c` with a 256-bit intermediate, rounded as asked; `ArithmeticError` on overflow or
/// division by zero.
/// [`usdai_primitives::mul_div`] with the dispatch error the vault's functions return.
pub(crate) fn mul_div(
	a: Balance,
	b: Balance,
	c: Balance,
	r: Rounding,
) -> Result<Balance, DispatchError> {
	usdai_primitives::mul_div(a, b, c, r).map_err(Into::into)
}

impl<T: Config> Pallet<T> {
	/// The vault's account: owner of USDai and sUSDai, holder of idle USDai, the insurance fund
	/// and collected protocol fees.
	pub fn vault_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The account holding the stablecoin reserve.
	pub fn reserve_account() -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(*b"reserve")
	}

	/// The account holding sUSDai locked in redemption tickets.
	pub fn escrow_account() -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(*b"queue")
	}

	/// The holder of the dead shares: the queue's escrow, where nobody can spend them and
	/// where they keep the account alive under the shares still locked (see `DeadShares`).
	pub fn dead_account() -> T::AccountId {
		Self::escrow_account()
	}

	/// Yield still vesting at block `now`, rounded up (a lower redemption price).
	pub(crate) fn unvested_at(now: BlockNumberFor<T>) -> Balance {
		let v = YieldVesting::<T>::get();
		if now >= v.end || v.unvested.is_zero() {
			return 0;
		}
		let left: u128 = v.end.saturating_sub(now).unique_saturated_into();
		let span: u128 = v.end.saturating_sub(v.last).unique_saturated_into();
		// `left <= span` because `last <= now`, so this cannot exceed `unvested`.
		mul_div(v.unvested, left, span, Rounding::Up).unwrap_or(v.unvested)
	}

	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Starts `amount` of realised yield vesting over the vesting window (restarting the window
	/// for what is still vesting).
	pub(crate) fn add_vesting_yield(amount: Balance) -> Result<BlockNumberFor<T>, DispatchError> {
		let now = Self::now();
		let period = VestingPeriod::<T>::get();
		let unvested =
			Self::unvested_at(now).checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		let end = now.saturating_add(period);
		let v = if period.is_zero() {
			Vesting { unvested: 0, last: now, end: now }
		} else {
			Vesting { unvested, last: now, end }
		};
		YieldVesting::<T>::put(v);
		Ok(end)
	}

	/// NAV at the deposit price: idle + principal (impaired principal at its face value) +
	/// accrued interest net of the fees that will be taken from it (rounded down).
	///
	/// Impaired principal counts in full for those who join: a cure or a recovery of it raises
	/// the vault's value later, and whoever stakes while it is written down must not buy that
	/// recovery at the written-down price (a loss, once realised, lowers both prices).
	pub fn deposit_nav() -> Result<Balance, DispatchError> {
		let l = Ledger::<T>::get();
		let fees = Fees::<T>::get();
		let keep =
			BPS_DENOMINATOR.saturating_sub(fees.protocol_bps).saturating_sub(fees.insurance_bps);
		let accrued_net = mul_div(
			l.accrued_interest,
			Balance::from(keep),
			Balance::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?;
		l.idle
			.checked_add(l.principal)
			.and_then(|v| v.checked_add(accrued_net))
			.ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// Runs `f` and vests whatever it added to the book value (a cure, a recovery of impaired
	/// principal, a loss paid back by insurance or the backstop), as realised yield vests: the
	/// redemption price never jumps up, so nobody who stakes the block before such an event can
	/// leave with a part of it.
	pub(crate) fn vesting_gains<R>(
		f: impl FnOnce() -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let before = Self::book_value(&Ledger::<T>::get())?;
		let result = f()?;
		let after = Self::book_value(&Ledger::<T>::get())?;
		Self::vest_gain(after.saturating_sub(before))?;
		Ok(result)
	}

	/// Starts `gain` vesting into the redemption price (nothing for zero).
	pub(crate) fn vest_gain(gain: Balance) -> DispatchResult {
		if !gain.is_zero() {
			let vested_at = Self::add_vesting_yield(gain)?;
			Self::deposit_event(Event::GainVesting { amount: gain, vested_at });
		}
		Ok(())
	}

	/// NAV at the redemption price: idle + principal − impaired − yield still vesting.
	pub fn redemption_nav() -> Result<Balance, DispatchError> {
		let l = Ledger::<T>::get();
		Ok(Self::book_value(&l)?.saturating_sub(Self::unvested_at(Self::now())))
	}

	pub(crate) fn book_value(l: &VaultLedger) -> Result<Balance, DispatchError> {
		// `impaired <= principal` is an invariant; saturate rather than fail if it ever broke.
		l.idle
			.checked_add(l.principal.saturating_sub(l.impaired))
			.ok_or_else(|| ArithmeticError::Overflow.into())
	}

	/// sUSDai in existence: held by users, dead and locked in the queue.
	pub fn total_shares() -> Balance {
		T::Assets::total_issuance(T::SusdaiAsset::get())
	}

	/// Shares a stake of `usdai` gets now, rounded down; `None` means the first stake (dead
	/// shares are taken from it).
	pub(crate) fn shares_for(usdai: Balance) -> Result<Balance, DispatchError> {
		let supply = Self::total_shares();
		if supply.is_zero() {
			return usdai
				.checked_sub(T::DeadShares::get())
				.filter(|s| !s.is_zero())
				.ok_or_else(|| Error::<T>::AmountTooSmall.into());
		}
		let nav = Self::deposit_nav()?;
		ensure!(!nav.is_zero(), Error::<T>::Insolvent);
		mul_div(usdai, supply, nav, Rounding::Down)
	}

	/// USDai `shares` are worth at the redemption price, rounded down.
	pub fn shares_value(shares: Balance) -> Result<Balance, DispatchError> {
		let supply = Self::total_shares();
		ensure!(!supply.is_zero(), Error::<T>::NoShares);
		mul_div(shares, Self::redemption_nav()?, supply, Rounding::Down)
	}

	/// Both share prices per whole sUSDai, rounded down (1 USDai each before the first stake).
	pub fn share_prices() -> SharePrices {
		let supply = Self::total_shares();
		if supply.is_zero() {
			return SharePrices { deposit: ONE_SHARE, redemption: ONE_SHARE };
		}
		let price = |nav: Result<Balance, DispatchError>| {
			nav.and_then(|n| mul_div(ONE_SHARE, n, supply, Rounding::Down)).unwrap_or_default()
		};
		SharePrices {
			deposit: price(Self::deposit_nav()),
			redemption: price(Self::redemption_nav()),
		}
	}

	/// The NAV and its parts, for the runtime API.
	pub fn nav() -> NavBreakdown {
		let l = Ledger::<T>::get();
		let reserves = Stablecoins::<T>::iter()
			.map(|(asset, info)| {
				Self::usdai_for(&info, Reserves::<T>::get(asset)).unwrap_or(Balance::MAX)
			})
			.fold(0u128, |acc, v| acc.saturating_add(v));
		NavBreakdown {
			idle: l.idle,
			principal: l.principal,
			impaired: l.impaired,
			accrued_interest: l.accrued_interest,
			unvested: Self::unvested_at(Self::now()),
			deposit_nav: Self::deposit_nav().unwrap_or(Balance::MAX),
			redemption_nav: Self::redemption_nav().unwrap_or_default(),
			total_shares: Self::total_shares(),
			locked_shares: LockedShares::<T>::get(),
			usdai_supply: T::Assets::total_issuance(T::UsdaiAsset::get()),
			reserves,
			sleeve: l.sleeve,
			insurance_fund: l.insurance_fund,
			settled_unpaid: l.settled_unpaid,
		}
	}

	/// What `stake(usdai)` would give now (`None` if it would fail).
	pub fn preview_stake(usdai: Balance) -> Option<Balance> {
		Self::shares_for(usdai).ok().filter(|s| !s.is_zero())
	}

	/// Stakes `usdai` of `who` for sUSDai at the deposit price. Returns the shares minted.
	pub fn do_stake(
		who: &T::AccountId,
		usdai: Balance,
		min_shares: Balance,
	) -> Result<Balance, DispatchError> {
		ensure!(!usdai.is_zero(), Error::<T>::ZeroAmount);
		ensure!(!Paused::<T>::get().stakes, Error::<T>::StakesPaused);
		let usdai_id = T::UsdaiAsset::get();
		let shares_id = T::SusdaiAsset::get();
		Self::ensure_spendable(usdai_id, who, usdai)?;
		let keep = Self::dustless_debit(usdai_id, who, usdai)?;

		let first = Self::total_shares().is_zero();
		let shares = Self::shares_for(usdai)?;
		ensure!(!shares.is_zero(), Error::<T>::AmountTooSmall);
		ensure!(shares >= min_shares, Error::<T>::SlippageExceeded);
		Self::ensure_can_receive(shares_id, who, shares, Provenance::Minted)?;
		Self::ensure_can_receive(usdai_id, &Self::vault_account(), usdai, Provenance::Extant)?;

		let mut ledger = Ledger::<T>::get();
		ledger.idle = ledger.idle.checked_add(usdai).ok_or(ArithmeticError::Overflow)?;

		Self::settle_points(who);
		T::Assets::transfer(usdai_id, who, &Self::vault_account(), usdai, keep)?;
		if first {
			let dead = T::DeadShares::get();
			let escrow = Self::escrow_account();
			Self::ensure_can_receive(shares_id, &escrow, dead, Provenance::Minted)?;
			T::Assets::mint_into(shares_id, &escrow, dead)?;
			Self::deposit_event(Event::DeadSharesMinted { shares: dead });
		}
		T::Assets::mint_into(shares_id, who, shares)?;
		Ledger::<T>::put(ledger);

		Self::settle_points(who);
		Self::deposit_event(Event::Staked { who: who.clone(), usdai, shares });
		Ok(shares)
	}

	/// USDai the vault can pay out of its idle cash now: its idle books, but never what its
	/// account must keep, the other books (insurance fund, fees, USDai set aside for the queue)
	/// and under them USDai's minimum balance. Paying idle cash so never leaves a claim, a fee
	/// or the fund payable only by reaping the account: each of them can always be paid in
	/// full (see [`Self::transfer_from_vault`]).
	pub fn liquidity() -> Balance {
		let l = Ledger::<T>::get();
		let spendable = T::Assets::reducible_balance(
			T::UsdaiAsset::get(),
			&Self::vault_account(),
			Preservation::Preserve,
			Fortitude::Polite,
		);
		let kept =
			l.insurance_fund.saturating_add(l.protocol_fees).saturating_add(l.settled_unpaid);
		l.idle.min(spendable.saturating_sub(kept))
	}

	/// Moves `amount` USDai from the vault's account to `to`: all of it, or leaving at least the
	/// minimum balance (`LeavesDust` otherwise), so that the account is never reaped under its
	/// books. The caller keeps the books (which bucket of the vault the USDai leaves).
	pub(crate) fn transfer_from_vault(to: &T::AccountId, amount: Balance) -> DispatchResult {
		let usdai = T::UsdaiAsset::get();
		let vault = Self::vault_account();
		Self::ensure_can_receive(usdai, to, amount, Provenance::Extant)?;
		let keep = Self::dustless_debit(usdai, &vault, amount)?;
		T::Assets::transfer(usdai, &vault, to, amount, keep).map(|_| ())
	}

	/// Pays `amount` of idle USDai to `to`.
	pub(crate) fn pay_out(to: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(Self::liquidity() >= amount, Error::<T>::InsufficientLiquidity);
		Self::transfer_from_vault(to, amount)?;
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.idle = l.idle.checked_sub(amount).ok_or(Error::<T>::InsufficientLiquidity)?;
			Ok(())
		})
	}

	/// Takes `amount` USDai from `from` into the vault's account: all that `from` holds, or
	/// leaving it at least the minimum balance (`LeavesDust` otherwise).
	pub(crate) fn pull_in(from: &T::AccountId, amount: Balance) -> DispatchResult {
		let usdai_id = T::UsdaiAsset::get();
		Self::ensure_spendable(usdai_id, from, amount)?;
		let keep = Self::dustless_debit(usdai_id, from, amount)?;
		Self::ensure_can_receive(usdai_id, &Self::vault_account(), amount, Provenance::Extant)?;
		T::Assets::transfer(usdai_id, from, &Self::vault_account(), amount, keep).map(|_| ())
	}

	/// Splits `amount` of yield (interest, T-bill growth) into the protocol fee and insurance cut
	/// (each rounded down) and what is left for sUSDai holders.
	pub(crate) fn split_yield(amount: Balance) -> Result<InterestSplit, DispatchError> {
		let fees = Fees::<T>::get();
		let bps = |rate: BasisPoints| {
			mul_div(amount, Balance::from(rate), Balance::from(BPS_DENOMINATOR), Rounding::Down)
		};
		let protocol_fee = bps(fees.protocol_bps)?;
		let insurance = bps(fees.insurance_bps)?;
		let to_vault = amount
			.checked_sub(protocol_fee)
			.and_then(|r| r.checked_sub(insurance))
			.ok_or(ArithmeticError::Underflow)?;
		Ok(InterestSplit { protocol_fee, insurance, to_vault })
	}

	/// Books yield that has arrived in the vault's account as `split`: fees to their books (the
	/// lockers' share of the protocol fee, rounded down, set aside in `LockerFees`), the rest to
	/// idle cash, vesting. Returns the block at which it is fully vested.
	pub(crate) fn book_yield(split: &InterestSplit) -> Result<BlockNumberFor<T>, DispatchError> {
		let lockers = T::LockerFeeShare::get().mul_floor(split.protocol_fee);
		Ledger::<T>::try_mutate(|l| -> DispatchResult {
			l.protocol_fees =
				l.protocol_fees.checked_add(split.protocol_fee).ok_or(ArithmeticError::Overflow)?;
			l.insurance_fund =
				l.insurance_fund.checked_add(split.insurance).ok_or(ArithmeticError::Overflow)?;
			l.idle = l.idle.checked_add(split.to_vault).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		LockerFees::<T>::try_mutate(|f| -> DispatchResult {
			*f = f.checked_add(lockers).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		Self::add_vesting_yield(split.to_vault)
	}

	/// Protocol fees governance may withdraw now: those collected, less the lockers' part.
	pub fn withdrawable_protocol_fees() -> Balance {
		Ledger::<T>::get().protocol_fees.saturating_sub(LockerFees::<T>::get())
	}

	/// Sends `amount` of collected protocol fees to `to`, never the part set aside for CHIP
	/// lockers.
	pub fn do_withdraw_protocol_fees(to: &T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut l = Ledger::<T>::get();
		l.protocol_fees = l.protocol_fees.checked_sub(amount).ok_or(Error::<T>::ExceedsFees)?;
		ensure!(amount <= Self::withdrawable_protocol_fees(), Error::<T>::FeesReservedForLockers);
		Self::transfer_from_vault(to, amount)?;
		Ledger::<T>::put(l);
		Self::deposit_event(Event::ProtocolFeesWithdrawn { to: to.clone(), amount });
		Ok(())
	}
}

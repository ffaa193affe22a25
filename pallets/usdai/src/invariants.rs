//! Invariants of the vault, checked by `try_state` (and after every unit test).

use crate::pallet::*;
use frame_support::traits::{fungibles::Inspect, Get};
use sp_runtime::TryRuntimeError;
use usdai_primitives::Balance;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the vault.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_backing()?;
		Self::check_vault_books()?;
		Self::check_shares()?;
		Self::check_configuration()?;
		Self::check_points_pending()?;
		Ok(())
	}

	/// USDai supply ≤ the stablecoin reserve (scaled to 18 decimals) + the T-bill sleeve, and the
	/// reserve account holds at least what the books say.
	fn check_backing() -> Result<(), TryRuntimeError> {
		let mut backing: Balance = 0;
		for (asset, reserve) in Reserves::<T>::iter() {
			let info = Stablecoins::<T>::get(asset).ok_or("reserve of an unknown stablecoin")?;
			let held = T::Assets::balance(asset, &Self::reserve_account());
			if held < reserve {
				return Err("reserve account holds less than the books".into());
			}
			let value = Self::usdai_for(&info, reserve).map_err(|_| "reserve value overflows")?;
			backing = backing.checked_add(value).ok_or("backing overflows")?;
		}
		backing = backing.checked_add(Ledger::<T>::get().sleeve).ok_or("backing overflows")?;
		let supply = T::Assets::total_issuance(T::UsdaiAsset::get());
		if supply > backing {
			return Err("USDai supply exceeds its reserves".into());
		}
		Ok(())
	}

	/// The vault account holds at least idle + insurance fund + fees; impairments never exceed
	/// principal; the lockers' part of the fees never exceeds the fees.
	fn check_vault_books() -> Result<(), TryRuntimeError> {
		let l = Ledger::<T>::get();
		let owed = l
			.idle
			.checked_add(l.insurance_fund)
			.and_then(|v| v.checked_add(l.protocol_fees))
			.and_then(|v| v.checked_add(l.settled_unpaid))
			.ok_or("vault books overflow")?;
		if T::Assets::balance(T::UsdaiAsset::get(), &Self::vault_account()) < owed {
			return Err("vault account holds less USDai than its books".into());
		}
		if l.impaired > l.principal {
			return Err("impairments exceed outstanding principal".into());
		}
		if LockerFees::<T>::get() > l.protocol_fees {
			return Err("lockers' fees exceed the protocol fees".into());
		}
		Ok(())
	}

	/// sUSDai supply × redemption price ≤ NAV ≤ deposit NAV; the escrow holds the locked shares
	/// and, once anyone staked, the dead shares too, at least sUSDai's minimum balance (so that
	/// no debit of the escrow ever reaps it under shares still locked).
	fn check_shares() -> Result<(), TryRuntimeError> {
		let supply = Self::total_shares();
		let redemption_nav = Self::redemption_nav().map_err(|_| "redemption NAV overflows")?;
		let deposit_nav = Self::deposit_nav().map_err(|_| "deposit NAV overflows")?;
		if redemption_nav > deposit_nav {
			return Err("redemption NAV above deposit NAV".into());
		}
		if supply > 0 {
			let value = Self::shares_value(supply).map_err(|_| "share value overflows")?;
			if value > redemption_nav {
				return Err("shares are worth more than the vault".into());
			}
		}
		let id = T::SusdaiAsset::get();
		let escrow = T::Assets::balance(id, &Self::escrow_account());
		let locked = LockedShares::<T>::get();
		if escrow < locked {
			return Err("escrow holds fewer shares than are locked".into());
		}
		if supply > 0 {
			let dead = T::DeadShares::get();
			if escrow < locked.saturating_add(dead) {
				return Err("dead shares missing from the escrow".into());
			}
			if dead < T::Assets::minimum_balance(id) {
				return Err("dead shares below sUSDai's minimum balance".into());
			}
		}
		Ok(())
	}

	/// Bounded configuration.
	fn check_configuration() -> Result<(), TryRuntimeError> {
		if Stablecoins::<T>::count() > T::MaxStablecoins::get() {
			return Err("too many stablecoins".into());
		}
		if Stablecoins::<T>::iter().count() as u32 != Stablecoins::<T>::count() {
			return Err("stablecoin counter out of sync".into());
		}
		if !Self::fees_valid(&Fees::<T>::get()) {
			return Err("fees above their bounds".into());
		}
		if VestingPeriod::<T>::get() > T::MaxVestingPeriod::get() {
			return Err("vesting period too long".into());
		}
		if let Some(limits) = Limits::<T>::get() {
			if !Self::limits_valid(&limits) {
				return Err("invalid mint limits".into());
			}
		}
		Ok(())
	}
}

//! The T-bill sleeve: reserves moved out to earn T-bill yield, reported back by the treasury
//! bridge through [`ReserveSleeve`](usdai_primitives::bridge::ReserveSleeve) (implemented in
//! `impls.rs`). The sleeve backs USDai like the reserve does; its growth is minted as USDai into
//! the vault and vests to sUSDai holders like interest (after the same fees); a fall is absorbed
//! by the vault's idle cash, then the insurance fund.
//!
//! - Reported growth is minted only up to the USDai supply cap (none without mint limits): what
//!   does not fit stays unbooked, the sleeve's book is raised only by what was minted, and later
//!   reports book the rest when there is room.
//! - A recall's cash is always credited, also after a write-down took the sleeve's book below
//!   it: the book falls by at most what it holds, and the cash above it (a write-down that
//!   proved too deep) is yield, so that USDai stays backed one to one and the bridge's inbound
//!   channel never stalls on a return.

use crate::pallet::*;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Precision},
	},
};
use sp_runtime::{traits::Zero, ArithmeticError};
use usdai_primitives::{tokens::dustless, vault::InterestSplit, AssetId, Balance};

impl<T: Config> Pallet<T> {
	// The bodies of the `ReserveSleeve` methods: `impls.rs` runs each in a storage layer.

	/// Moves `amount` of stablecoin `asset` out of the reserve into the sleeve: burnt from the
	/// reserve account, its USDai value booked as the sleeve.
	pub(crate) fn do_move_to_sleeve(asset: AssetId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let info = Self::stablecoin(asset)?;
		let value = Self::usdai_for(&info, amount)?;
		let reserve =
			Reserves::<T>::get(asset).checked_sub(amount).ok_or(Error::<T>::InsufficientReserve)?;
		let mut l = Ledger::<T>::get();
		l.sleeve = l.sleeve.checked_add(value).ok_or(ArithmeticError::Overflow)?;
		// The reserve account is emptied or keeps at least the minimum balance: dust left
		// in it would be destroyed with the account, under books that still count it.
		let account = Self::reserve_account();
		let keep = dustless::<_, T::Assets>(asset, &account, amount)
			.ok_or(Error::<T>::LeavesReserveDust)?;
		T::Assets::burn_from(asset, &account, amount, keep, Precision::Exact, Fortitude::Polite)?;
		Reserves::<T>::insert(asset, reserve);
		Ledger::<T>::put(l);
		Self::deposit_event(Event::MovedToSleeve { asset, amount, value });
		Ok(())
	}

	/// Brings `amount` of stablecoin `asset` back from the sleeve into the reserve; cash above the
	/// sleeve's book is yield.
	pub(crate) fn do_recall_from_sleeve(asset: AssetId, amount: Balance) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let info = Self::stablecoin(asset)?;
		let value = Self::usdai_for(&info, amount)?;
		let mut l = Ledger::<T>::get();
		// The cash is real whatever the book says: the book falls by what it holds at most,
		// and the rest is a write-down recovered.
		let from_book = value.min(l.sleeve);
		let recovered = value.saturating_sub(from_book);
		l.sleeve = l.sleeve.saturating_sub(from_book);
		let reserve =
			Reserves::<T>::get(asset).checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		T::Assets::mint_into(asset, &Self::reserve_account(), amount)?;
		Reserves::<T>::insert(asset, reserve);
		Ledger::<T>::put(l);
		Self::deposit_event(Event::RecalledFromSleeve { asset, amount, value });
		if !recovered.is_zero() {
			Self::book_sleeve_yield(recovered)?;
		}
		Ok(())
	}

	/// Books the sleeve's reported `value`: growth is minted as USDai and split like interest, a
	/// fall is borne by idle cash, then the insurance fund.
	pub(crate) fn do_report_sleeve_value(value: Balance) -> DispatchResult {
		let mut l = Ledger::<T>::get();
		if value >= l.sleeve {
			// USDai is never minted past its supply cap, yield included.
			let growth = value.saturating_sub(l.sleeve).min(Self::supply_room());
			l.sleeve = l.sleeve.checked_add(growth).ok_or(ArithmeticError::Overflow)?;
			Ledger::<T>::put(l);
			if !growth.is_zero() {
				Self::book_sleeve_yield(growth)?;
			}
		} else {
			let fall = l.sleeve.saturating_sub(value);
			// The sUSDai holders bear it (idle cash), then the insurance fund; USDai must stay
			// fully backed, so a fall neither can absorb is refused.
			let from_idle = fall.min(Self::liquidity());
			let from_fund = fall.saturating_sub(from_idle).min(l.insurance_fund);
			ensure!(from_idle.saturating_add(from_fund) == fall, Error::<T>::SleeveLossUncovered);
			l.idle = l.idle.saturating_sub(from_idle);
			l.insurance_fund = l.insurance_fund.saturating_sub(from_fund);
			l.sleeve = value;
			let (usdai, vault) = (T::UsdaiAsset::get(), Self::vault_account());
			let keep = Self::dustless_debit(usdai, &vault, fall)?;
			T::Assets::burn_from(usdai, &vault, fall, keep, Precision::Exact, Fortitude::Polite)?;
			Ledger::<T>::put(l);
			Self::deposit_event(Event::SleeveLoss { fall, from_idle, from_fund });
		}
		Self::deposit_event(Event::SleeveValueReported { value: Ledger::<T>::get().sleeve });
		Ok(())
	}

	/// USDai that may still be minted under the supply cap; nothing without mint limits.
	fn supply_room() -> Balance {
		let Some(limits) = Limits::<T>::get() else { return 0 };
		limits.supply_cap.saturating_sub(T::Assets::total_issuance(T::UsdaiAsset::get()))
	}

	/// Mints `growth` USDai (backed by the sleeve's growth) into the vault, takes the fees and
	/// vests the rest.
	fn book_sleeve_yield(growth: Balance) -> DispatchResult {
		// With no sUSDai holders yet, nobody's capital earned it: it goes to the protocol.
		let split = if Self::total_shares().is_zero() {
			InterestSplit { protocol_fee: growth, insurance: 0, to_vault: 0 }
		} else {
			Self::split_yield(growth)?
		};
		T::Assets::mint_into(T::UsdaiAsset::get(), &Self::vault_account(), growth)?;
		let vested_at = Self::book_yield(&split)?;
		Self::deposit_event(Event::SleeveYield { growth, split, vested_at });
		Ok(())
	}
}

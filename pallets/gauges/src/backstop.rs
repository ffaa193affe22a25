//! The CHIP backstop: governance sells newly minted CHIP for USDai to cover the vault's loss
//! left after first-loss and the insurance fund.

use crate::{pallet::*, types::*};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, Get},
};
use sp_runtime::{ArithmeticError, Rounding};
use usdai_primitives::{chip, mul_div, vault::BackstopVault, Balance};

impl<T: Config> Pallet<T> {
	/// Opens a sale raising `loss` USDai at `chip_price` USDai per whole CHIP.
	pub(crate) fn do_backstop(loss: Balance, chip_price: Balance) -> DispatchResult {
		ensure!(loss > 0, Error::<T>::ZeroAmount);
		ensure!(chip_price > 0, Error::<T>::ZeroPrice);
		ensure!(Backstop::<T>::get().is_none(), Error::<T>::BackstopOpen);
		ensure!(loss <= T::Backstop::uncovered_loss(), Error::<T>::LossNotUncovered);
		// The most the sale can mint: every purchase rounds down, so their sum stays below this.
		let max_chip = mul_div(loss, chip::UNIT, chip_price, Rounding::Up)?;
		ensure!(max_chip <= T::MaxBackstopMint::get(), Error::<T>::BackstopTooLarge);
		Backstop::<T>::put(BackstopSale { remaining: loss, chip_price, raised: 0, minted: 0 });
		Self::deposit_event(Event::BackstopOpened { loss, chip_price, max_chip });
		Ok(())
	}

	/// `buyer` pays up to `usdai` into the vault and is minted CHIP at the sale price.
	///
	/// The sale never needs more than the vault's loss still uncovered: if the loss was paid
	/// down another way since the sale opened, the sale shrinks to it, and once nothing is
	/// uncovered the call closes the sale and buys nothing.
	pub(crate) fn do_buy_backstop(buyer: T::AccountId, usdai: Balance) -> DispatchResult {
		let mut sale = Backstop::<T>::get().ok_or(Error::<T>::NoBackstop)?;
		ensure!(usdai > 0, Error::<T>::ZeroAmount);
		let needed = sale.remaining.min(T::Backstop::uncovered_loss());
		if needed == 0 {
			Backstop::<T>::kill();
			Self::deposit_event(Event::BackstopClosed { raised: sale.raised, minted: sale.minted });
			return Ok(());
		}
		let pay = usdai.min(needed);
		let minted = mul_div(pay, chip::UNIT, sale.chip_price, Rounding::Down)?;
		ensure!(minted > 0, Error::<T>::PaymentTooSmall);

		// The buyer pays all it holds or keeps at least the minimum balance.
		Self::dustless_debit(T::FeeAsset::get(), &buyer, pay)?;
		T::Backstop::cover_loss_from(&buyer, pay)?;
		T::NativeBalance::mint_into(&buyer, minted)?;
		sale.remaining = needed.checked_sub(pay).ok_or(ArithmeticError::Underflow)?;
		sale.raised = sale.raised.checked_add(pay).ok_or(ArithmeticError::Overflow)?;
		sale.minted = sale.minted.checked_add(minted).ok_or(ArithmeticError::Overflow)?;
		Self::deposit_event(Event::BackstopBought { buyer, usdai: pay, chip: minted });
		if sale.remaining == 0 {
			Backstop::<T>::kill();
			Self::deposit_event(Event::BackstopClosed { raised: sale.raised, minted: sale.minted });
		} else {
			Backstop::<T>::put(sale);
		}
		Ok(())
	}

	/// Closes the open sale.
	pub(crate) fn do_cancel_backstop() -> DispatchResult {
		let sale = Backstop::<T>::take().ok_or(Error::<T>::NoBackstop)?;
		Self::deposit_event(Event::BackstopClosed { raised: sale.raised, minted: sale.minted });
		Ok(())
	}
}

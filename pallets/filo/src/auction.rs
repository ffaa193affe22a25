//! The English auction of a defaulted loan's receipts in rounds with a falling reserve: opening,
//! bids, settlement or the next round, the curator's take at the reserve, and the waterfall the
//! proceeds run through. Separate from default and cure, which come before it, and from the
//! deadline list, through which `on_initialize` opens and settles it.

use crate::{pallet::*, schedule, types::*, weights::WeightInfo};
use frame_support::{ensure, traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult, Rounding, SaturatedConversion,
};
use usdai_primitives::{
	collateral::Collateral, vault::LendingVault, Balance, LoanId, BPS_DENOMINATOR,
};

/// An auction as stored.
type AuctionOf<T> = Auction<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// What the waterfall paid, part by part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Waterfall {
	fee: Balance,
	principal_recovered: Balance,
	interest_recovered: Balance,
	surplus: Balance,
	first_loss_paid: Balance,
	insurance_paid: Balance,
	vault_loss: Balance,
}

impl<T: Config> Pallet<T> {
	/// The reserve of round `round` of an auction of receipts worth `value`: `reserve_bps` of
	/// it, less `reserve_step_bps` per round, never below `reserve_floor_bps`; rounded up.
	pub(crate) fn round_reserve(
		value: Balance,
		round: u32,
		params: &FiloParams<BlockNumberFor<T>>,
	) -> Result<Balance, DispatchError> {
		let fall = params.reserve_step_bps.saturating_mul(round);
		let bps = params.reserve_bps.saturating_sub(fall).max(params.reserve_floor_bps);
		Ok(schedule::mul_div(value, u128::from(bps), u128::from(BPS_DENOMINATOR), Rounding::Up)?)
	}

	/// Opens the auction of a defaulted loan whose cure window closed (the hook, or anyone
	/// retrying through `start_auction`).
	pub(crate) fn do_start_auction(id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let LoanStatus::Defaulted { cure_deadline } = loan.status else {
			return Err(Error::<T>::NotDefaulted.into());
		};
		let now = Self::now();
		ensure!(now > cure_deadline, Error::<T>::CureWindowOpen);
		let params = Self::params()?;
		let receipts = T::Collateral::pledged(id);
		let value = T::Collateral::collateral_value(&receipts)?;
		let reserve = Self::round_reserve(value, 0, &params)?;
		let end = now.saturating_add(params.auction_blocks);
		Self::reschedule_deadline(id, end.saturating_add(1u32.into()))?;
		Auctions::<T>::insert(id, Auction { end, reserve, best: None, value, round: 0 });
		loan.status = LoanStatus::Auction;
		Loans::<T>::insert(id, loan);
		Self::deposit_event(Event::AuctionStarted { loan: id, end, reserve });
		Ok(())
	}

	/// A bid: held in escrow, the previous best refunded, the end extended when late.
	pub(crate) fn do_bid(bidder: T::AccountId, id: LoanId, amount: Balance) -> DispatchResult {
		let mut auction = Auctions::<T>::get(id).ok_or(Error::<T>::NoAuction)?;
		let params = Self::params()?;
		let now = Self::now();
		ensure!(now <= auction.end, Error::<T>::AuctionEnded);
		let minimum = match &auction.best {
			// Never below twice the minimum balance: see `min_proceeds`. A bid of at least the
			// minimum can also always be refunded, even into an emptied account.
			None => auction.reserve.max(1).max(Self::min_proceeds()),
			Some((_, best)) => best
				.checked_add(schedule::mul_div(
					*best,
					u128::from(params.min_increment_bps),
					u128::from(BPS_DENOMINATOR),
					Rounding::Up,
				)?)
				.ok_or(ArithmeticError::Overflow)?
				.max(best.saturating_add(1)),
		};
		ensure!(amount >= minimum, Error::<T>::BidTooLow);
		let escrow = Self::escrow_account();
		Self::transfer_usdai(&bidder, &escrow, amount)?;
		if let Some((previous, best)) = auction.best.take() {
			Self::transfer_usdai(&escrow, &previous, best)?;
		}
		auction.best = Some((bidder.clone(), amount));
		if auction.end.saturating_sub(now) < params.extension_blocks {
			auction.end = now.saturating_add(params.extension_blocks);
			Self::remove_deadline(id);
			Self::push_deadline(auction.end.saturating_add(1u32.into()), id)?;
		}
		let end = auction.end;
		Auctions::<T>::insert(id, auction);
		Self::deposit_event(Event::BidPlaced { loan: id, bidder, amount, end });
		Ok(())
	}

	/// Closes an ended round (a call by anyone, or the hook): the best bid wins; without one
	/// the next round opens. Returns the weight of the receipts that went to the winner (none
	/// when the next round opens).
	pub(crate) fn do_settle_auction(id: LoanId) -> Result<Weight, DispatchError> {
		let auction = Auctions::<T>::get(id).ok_or(Error::<T>::NoAuction)?;
		ensure!(Self::now() > auction.end, Error::<T>::AuctionNotEnded);
		let seized = match auction.best.clone() {
			Some((winner, amount)) => Self::settle(id, winner, amount)?,
			None => Self::restart_auction(id, auction).map(|()| 0)?,
		};
		Ok(T::WeightInfo::settle_auction(seized))
	}

	/// A round ended without a bid: the receipts stay pledged and the next round opens at once,
	/// its reserve one step lower (never below the floor). Nobody gets them for less.
	fn restart_auction(id: LoanId, mut auction: AuctionOf<T>) -> DispatchResult {
		let params = Self::params()?;
		let round = auction.round.saturating_add(1);
		let reserve = Self::round_reserve(auction.value, round, &params)?;
		let end = Self::now().saturating_add(params.auction_blocks);
		Self::reschedule_deadline(id, end.saturating_add(1u32.into()))?;
		auction.round = round;
		auction.reserve = reserve;
		auction.end = end;
		Auctions::<T>::insert(id, auction);
		Self::deposit_event(Event::AuctionRestarted { loan: id, round, end, reserve });
		Ok(())
	}

	/// The stack's curator takes the receipts at the current round's reserve while the auction
	/// has no bid. The vault gets what a bid of the same price would give it: the first-loss
	/// still covers this loan's loss at that price, and keeps the share the stack's other loans
	/// require; only what is spare beyond both counts as payment. Returns the weight of the
	/// receipts taken.
	pub(crate) fn do_take_collateral(
		curator: T::AccountId,
		id: LoanId,
	) -> Result<Weight, DispatchError> {
		let auction = Auctions::<T>::get(id).ok_or(Error::<T>::NoAuction)?;
		ensure!(auction.best.is_none(), Error::<T>::AuctionHasBid);
		let loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let mut stack = Stacks::<T>::get(loan.stack).ok_or(Error::<T>::UnknownStack)?;
		ensure!(stack.curator == curator, Error::<T>::NotStackCurator);
		ensure!(Curators::<T>::contains_key(&curator), Error::<T>::CuratorRemoved);
		// Never below twice the minimum balance, like a bid (see `min_proceeds`).
		let price = auction.reserve.max(Self::min_proceeds());

		// The waterfall pays principal first, so the loss at `price` is the balance beyond it.
		let covers_loss = loan.balance.saturating_sub(price).min(stack.first_loss);
		let others =
			stack.outstanding.checked_sub(loan.balance).ok_or(ArithmeticError::Underflow)?;
		let kept = covers_loss
			.checked_add(Self::required_first_loss(others)?)
			.ok_or(ArithmeticError::Overflow)?;
		let mut from_first_loss = stack.first_loss.saturating_sub(kept).min(price);
		// The first-loss that stays must not be left as dust: the part counted as payment is
		// lowered until the stack account keeps the minimum, and the curator pays the rest.
		let first_loss_account = Self::stack_account(loan.stack);
		let dust = Self::usdai_dust_after(&first_loss_account, from_first_loss);
		if !dust.is_zero() {
			let short = Self::usdai_minimum().saturating_sub(dust);
			from_first_loss = from_first_loss.saturating_sub(short);
		}
		let from_curator = price.saturating_sub(from_first_loss);

		// The larger part first, so that the escrow account exists before any dust arrives.
		let escrow = Self::escrow_account();
		let parts = if from_first_loss >= from_curator {
			[(&first_loss_account, from_first_loss), (&curator, from_curator)]
		} else {
			[(&curator, from_curator), (&first_loss_account, from_first_loss)]
		};
		for (from, amount) in parts {
			Self::transfer_usdai(from, &escrow, amount)?;
		}
		stack.first_loss =
			stack.first_loss.checked_sub(from_first_loss).ok_or(ArithmeticError::Underflow)?;
		Stacks::<T>::insert(loan.stack, stack);
		Self::deposit_event(Event::CollateralTaken {
			loan: id,
			curator: curator.clone(),
			price,
			from_first_loss,
		});
		let seized = Self::settle(id, curator, price)?;
		Ok(T::WeightInfo::take_collateral(seized))
	}

	/// The receipts go to `winner`, whose `proceeds` are in escrow, and the waterfall runs.
	///
	/// The vault is senior to everyone: its principal, then its interest and late fees, then
	/// the auction fee, then any surplus to the borrower. So the vault's booked loss is never
	/// more than the debt less the price the receipts fetched.
	///
	/// No payment leaves dust behind (see `README.md`, "Dust"): the first-loss that pays the
	/// loss moves into the escrow, with the rest of the stack account when that would be dust
	/// (to the vault as interest; the stack then books no first-loss). The escrow pays the vault
	/// its principal (from the proceeds and the first-loss) and its interest in one payment
	/// each, the larger last, then the fee and the surplus, each at least the minimum balance
	/// or else to the vault.
	///
	/// Returns how many receipts went to the winner.
	fn settle(id: LoanId, winner: T::AccountId, proceeds: Balance) -> Result<u32, DispatchError> {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let params = Self::params()?;
		let escrow = Self::escrow_account();
		Self::catch_up(&mut loan, Self::now(), false)?;
		let seized = T::Collateral::pledged(id).len().saturated_into();
		T::Collateral::seize(id, &winner)?;
		// Read after any first-loss the curator paid with has left it.
		let stack = Stacks::<T>::get(loan.stack).ok_or(Error::<T>::UnknownStack)?;

		let mut w = Waterfall::default();
		let mut left = proceeds;
		// Senior first: the vault's principal, then its interest and late fees.
		w.principal_recovered = left.min(loan.balance);
		left = left.saturating_sub(w.principal_recovered);
		let interest_owed = loan
			.interest_accrued
			.saturating_sub(loan.interest_paid)
			.checked_add(loan.late_fees)
			.ok_or(ArithmeticError::Overflow)?;
		w.interest_recovered = left.min(interest_owed);
		left = left.saturating_sub(w.interest_recovered);
		// The auction fee is a cost of the borrower's default: it comes out of what would go
		// back to the borrower, never out of the lenders' claim.
		w.fee = schedule::mul_div(
			proceeds,
			u128::from(params.auction_fee_bps),
			u128::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?
		.min(left);
		left = left.saturating_sub(w.fee);
		w.surplus = left;

		// The loss: the stack's first-loss, then the insurance fund, then sUSDai.
		let mut loss = loan.balance.saturating_sub(w.principal_recovered);
		w.first_loss_paid = loss.min(stack.first_loss);
		loss = loss.saturating_sub(w.first_loss_paid);
		// First-loss that would stay behind as dust goes along to the vault, in its favour.
		let stack_account = Self::stack_account(loan.stack);
		let stack_dust = if w.first_loss_paid.is_zero() {
			0
		} else {
			Self::usdai_dust_after(&stack_account, w.first_loss_paid)
		};
		let from_stack =
			w.first_loss_paid.checked_add(stack_dust).ok_or(ArithmeticError::Overflow)?;
		Self::transfer_usdai(&stack_account, &escrow, from_stack)?;

		// What the escrow pays out, part by part.
		let principal = w
			.principal_recovered
			.checked_add(w.first_loss_paid)
			.ok_or(ArithmeticError::Overflow)?;
		let mut interest =
			w.interest_recovered.checked_add(stack_dust).ok_or(ArithmeticError::Overflow)?;
		// A fee or surplus below the minimum balance goes to the vault: it may be more than the
		// payee could receive, and paid last it could leave the escrow dust.
		let min = Self::usdai_minimum();
		let treasury = T::TreasuryAccount::get();
		let mut to_vault = alloc::vec::Vec::new();
		let mut fee = w.fee;
		if !fee.is_zero() && fee < min {
			to_vault.push((treasury.clone(), fee));
			interest = interest.checked_add(fee).ok_or(ArithmeticError::Overflow)?;
			fee = 0;
		}
		let mut surplus = w.surplus;
		if !surplus.is_zero() && surplus < min {
			to_vault.push((loan.borrower.clone(), surplus));
			interest = interest.checked_add(surplus).ok_or(ArithmeticError::Overflow)?;
			surplus = 0;
		}
		// USDai in the escrow that no bid books would be dust once the escrow empties.
		let paid_in = proceeds.checked_add(from_stack).ok_or(ArithmeticError::Overflow)?;
		let escrow_dust = Self::usdai_dust_after(&escrow, paid_in);
		interest = interest.checked_add(escrow_dust).ok_or(ArithmeticError::Overflow)?;
		// The vault's principal first, unless that would leave the escrow dust before its
		// interest: then the interest first.
		let interest_first =
			Self::ensure_dustless_debits(&escrow, &[principal, interest, fee, surplus]).is_err();
		if interest_first {
			Self::ensure_dustless_debits(&escrow, &[interest, principal, fee, surplus])?;
			Self::pay_vault_interest(&mut loan, &escrow, interest)?;
		}
		if principal > 0 {
			T::LendingVault::reverse_impairment(principal)?;
			T::LendingVault::repay_principal(&escrow, principal)?;
		}
		if !interest_first {
			Self::pay_vault_interest(&mut loan, &escrow, interest)?;
		}
		Self::transfer_usdai(&escrow, &treasury, fee)?;
		Self::transfer_usdai(&escrow, &loan.borrower, surplus)?;
		w.fee = fee;
		w.surplus = surplus;

		if loss > 0 {
			// Realised first: the vault's insurance only covers a loss it has booked.
			T::LendingVault::realise_loss(loss)?;
			w.insurance_paid = T::LendingVault::cover_loss(loss)?;
			w.vault_loss = loss.saturating_sub(w.insurance_paid);
		}

		let balance = loan.balance;
		Stacks::<T>::try_mutate(loan.stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			s.first_loss = if stack_dust.is_zero() {
				s.first_loss.saturating_sub(w.first_loss_paid)
			} else {
				0
			};
			s.outstanding = s.outstanding.checked_sub(balance).ok_or(ArithmeticError::Underflow)?;
			s.live_loans = s.live_loans.checked_sub(1).ok_or(ArithmeticError::Underflow)?;
			s.in_default = s.in_default.checked_sub(1).ok_or(ArithmeticError::Underflow)?;
			Ok::<_, DispatchError>(())
		})?;
		loan.balance = 0;
		loan.status = LoanStatus::Liquidated;
		Loans::<T>::insert(id, loan);
		Auctions::<T>::remove(id);
		Self::remove_deadline(id);
		for (account, amount) in [(stack_account, stack_dust), (escrow, escrow_dust)] {
			if !amount.is_zero() {
				Self::deposit_event(Event::DustSwept { account, to: None, amount });
			}
		}
		for (payee, amount) in to_vault {
			Self::deposit_event(Event::DustToVault { payee, amount });
		}
		Self::deposit_event(Event::AuctionSettled {
			loan: id,
			winner: Some(winner),
			proceeds,
			fee: w.fee,
			principal_recovered: w.principal_recovered,
			interest_recovered: w.interest_recovered,
			surplus: w.surplus,
			first_loss_paid: w.first_loss_paid,
			insurance_paid: w.insurance_paid,
			vault_loss: w.vault_loss,
		});
		Ok(seized)
	}
}

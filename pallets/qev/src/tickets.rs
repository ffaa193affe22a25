//! Tickets: request, cancel, transfer; their place in the queue and the level totals.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{ArithmeticError, DispatchError, DispatchResult};
use usdai_primitives::{vault::RedemptionVault, Balance};

impl<T: Config> Pallet<T> {
	/// Puts `ticket` in the queue at its level and counts it.
	pub(crate) fn enqueue(id: TicketId, ticket: &Ticket<T::AccountId>) -> DispatchResult {
		Queue::<T>::insert(position(ticket.level, ticket.seq), id);
		Levels::<T>::try_mutate(ticket.level, |l| {
			if l.tickets == 0 {
				ActiveLevels::<T>::try_mutate(|n| {
					*n = n.checked_add(1).ok_or(ArithmeticError::Overflow)?;
					Ok::<_, DispatchError>(())
				})?;
			}
			l.tickets = l.tickets.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			l.shares = l.shares.checked_add(ticket.shares).ok_or(ArithmeticError::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		TotalTickets::<T>::try_mutate(|t| {
			*t = t.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		TotalShares::<T>::try_mutate(|t| {
			*t = t.checked_add(ticket.shares).ok_or(ArithmeticError::Overflow)?;
			Ok::<_, DispatchError>(())
		})
	}

	/// Takes `ticket` out of the queue and the totals.
	pub(crate) fn dequeue(ticket: &Ticket<T::AccountId>) -> DispatchResult {
		Queue::<T>::remove(position(ticket.level, ticket.seq));
		Self::reduce_totals(ticket.level, ticket.shares, 1)
	}

	/// Moves `ticket` to place `seq` of `level`: a winning bid re-ranking it, or a skip sending
	/// it to the back of the line.
	pub(crate) fn move_in_queue(
		id: TicketId,
		ticket: &mut Ticket<T::AccountId>,
		level: usdai_primitives::BasisPoints,
		seq: u64,
	) -> DispatchResult {
		Self::dequeue(ticket)?;
		ticket.level = level;
		ticket.seq = seq;
		Self::enqueue(id, ticket)?;
		Tickets::<T>::insert(ticket_key(id), &*ticket);
		Ok(())
	}

	/// Lowers the totals of `level` by `shares` and `tickets`.
	pub(crate) fn reduce_totals(
		level: usdai_primitives::BasisPoints,
		shares: Balance,
		tickets: u32,
	) -> DispatchResult {
		Levels::<T>::try_mutate_exists(level, |maybe| {
			let l = maybe.get_or_insert_with(Default::default);
			l.tickets = l.tickets.checked_sub(tickets).ok_or(ArithmeticError::Underflow)?;
			l.shares = l.shares.checked_sub(shares).ok_or(ArithmeticError::Underflow)?;
			if l.tickets == 0 && l.shares == 0 {
				*maybe = None;
				ActiveLevels::<T>::try_mutate(|n| {
					*n = n.checked_sub(1).ok_or(ArithmeticError::Underflow)?;
					Ok::<_, DispatchError>(())
				})?;
			}
			Ok::<_, DispatchError>(())
		})?;
		TotalTickets::<T>::try_mutate(|t| {
			*t = t.checked_sub(tickets).ok_or(ArithmeticError::Underflow)?;
			Ok::<_, DispatchError>(())
		})?;
		TotalShares::<T>::try_mutate(|t| {
			*t = t.checked_sub(shares).ok_or(ArithmeticError::Underflow)?;
			Ok::<_, DispatchError>(())
		})
	}

	fn count_ticket(who: &T::AccountId) -> DispatchResult {
		OpenTickets::<T>::try_mutate(who, |n| {
			ensure!(*n < T::MaxTicketsPerAccount::get(), Error::<T>::TooManyTickets);
			*n = n.saturating_add(1);
			Ok(())
		})
	}

	fn uncount_ticket(who: &T::AccountId) {
		OpenTickets::<T>::mutate_exists(who, |n| {
			let left = n.unwrap_or_default().saturating_sub(1);
			*n = (left > 0).then_some(left);
		});
	}

	/// A ticket ends (claimed in full or cancelled): out of the queue if it still waits,
	/// deposit back, no longer counted against the account that requested it.
	pub(crate) fn close_ticket(id: TicketId, ticket: &Ticket<T::AccountId>) -> DispatchResult {
		if ticket.is_waiting() {
			Self::dequeue(ticket)?;
		}
		T::NativeBalance::release(
			&HoldReason::TicketDeposit.into(),
			&ticket.depositor,
			ticket.deposit,
			Precision::BestEffort,
		)?;
		Self::uncount_ticket(&ticket.depositor);
		// Its bids in rounds still taking bids go; those in closed rounds open to no bid
		// (`TicketChanged`).
		Self::withdraw_open_bids(id);
		Tickets::<T>::remove(ticket_key(id));
		Ok(())
	}

	/// Pays the ticket's claimable USDai to its owner; a ticket filled in full then ends.
	pub(crate) fn do_claim(id: TicketId) -> DispatchResult {
		let mut ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
		let amount = ticket.claimable;
		ensure!(amount > 0 || !ticket.is_waiting(), Error::<T>::NothingToClaim);
		if amount > 0 {
			T::RedemptionVault::pay_settled(&ticket.owner, amount)?;
			ticket.claimable = 0;
		}
		let closed = !ticket.is_waiting();
		if closed {
			Self::close_ticket(id, &ticket)?;
		} else {
			Tickets::<T>::insert(ticket_key(id), &ticket);
		}
		Self::deposit_event(Event::Claimed { ticket: id, owner: ticket.owner, amount, closed });
		Ok(())
	}

	/// Locks `shares` of `who` into a new ticket at bid level zero.
	pub(crate) fn do_request_redemption(
		who: T::AccountId,
		shares: Balance,
		min_out: Balance,
	) -> Result<TicketId, DispatchError> {
		ensure!(shares >= T::MinShares::get(), Error::<T>::BelowMinimum);
		let id = NextTicketId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		Self::count_ticket(&who)?;
		let deposit = T::TicketDeposit::get();
		T::NativeBalance::hold(&HoldReason::TicketDeposit.into(), &who, deposit)?;
		T::RedemptionVault::lock_shares(&who, shares)?;
		let ticket = Ticket {
			owner: who.clone(),
			shares,
			requested: shares,
			min_out,
			level: 0,
			seq: id,
			deposit,
			depositor: who.clone(),
			claimable: 0,
			fee_bps: 0,
		};
		Self::enqueue(id, &ticket)?;
		Tickets::<T>::insert(ticket_key(id), ticket);
		NextTicketId::<T>::put(next);
		Self::deposit_event(Event::RedemptionRequested { ticket: id, owner: who, shares, min_out });
		Ok(id)
	}

	/// The owner cancels: the shares still waiting back from escrow, what its fills paid and
	/// the deposit released.
	pub(crate) fn do_cancel(who: T::AccountId, id: TicketId) -> DispatchResult {
		let ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
		ensure!(ticket.owner == who, Error::<T>::NotOwner);
		if ticket.is_waiting() {
			// A winning bid binds until the ticket is filled; a sealed one from the close of
			// its round until the round clears.
			ensure!(ticket.fee_bps == 0, Error::<T>::BidWon);
			ensure!(!Self::bid_binds(id), Error::<T>::BidPending);
			T::RedemptionVault::unlock_shares(&who, ticket.shares)?;
		}
		if ticket.claimable > 0 {
			T::RedemptionVault::pay_settled(&who, ticket.claimable)?;
		}
		Self::close_ticket(id, &ticket)?;
		Self::deposit_event(Event::Cancelled {
			ticket: id,
			owner: who,
			shares: ticket.shares,
			paid: ticket.claimable,
		});
		Ok(())
	}

	/// The owner hands the ticket to `to`; its place in the queue does not change. It still
	/// counts against the limit of the account that requested it (whose deposit it holds), never
	/// against `to`'s: nobody can fill another account's limit by giving it tickets.
	pub(crate) fn do_transfer_ticket(
		who: T::AccountId,
		id: TicketId,
		to: T::AccountId,
	) -> DispatchResult {
		let mut ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
		ensure!(ticket.owner == who, Error::<T>::NotOwner);
		ensure!(to != who, Error::<T>::SameOwner);
		ensure!(!Self::bid_binds(id), Error::<T>::BidPending);
		ticket.owner = to.clone();
		Tickets::<T>::insert(ticket_key(id), ticket);
		// A sealed bid names its owner: the last owner's bids open to no bid
		// (`TicketChanged`), and the new owner bids afresh.
		Self::deposit_event(Event::Transferred { ticket: id, from: who, to });
		Ok(())
	}
}

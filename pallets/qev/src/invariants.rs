//! Invariants of the queue, checked by `try_state` (and after every unit test).

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::Get;
use sp_runtime::TryRuntimeError;
use usdai_primitives::{vault::RedemptionVault, Balance, BasisPoints};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the queue.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut levels: BTreeMap<BasisPoints, LevelTotals> = BTreeMap::new();
		let mut total: Balance = 0;
		let mut waiting: usize = 0;
		let mut claimable: Balance = 0;
		let mut requesters: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (key, ticket) in Tickets::<T>::iter() {
			let id = ticket_id(key);
			if ticket.shares > ticket.requested {
				return Err("ticket with more shares than requested".into());
			}
			claimable = claimable.checked_add(ticket.claimable).ok_or("claims overflow")?;
			let n = requesters.entry(ticket.depositor.clone()).or_default();
			*n = n.checked_add(1).ok_or("count overflows")?;
			if ticket.fee_bps > ticket.level {
				return Err("a ticket pays more than it bid".into());
			}
			let in_queue = Queue::<T>::get(position(ticket.level, ticket.seq)) == Some(id);
			if !ticket.is_waiting() {
				if in_queue {
					return Err("a ticket filled in full is still in the queue".into());
				}
				if ticket.claimable == 0 {
					return Err("a ticket filled in full holds nothing to claim".into());
				}
				continue;
			}
			if !in_queue {
				return Err("ticket not at its place in the queue".into());
			}
			if ticket.shares < T::MinShares::get() {
				return Err("a waiting ticket holds less than MinShares".into());
			}
			waiting = waiting.saturating_add(1);
			let l = levels.entry(ticket.level).or_default();
			l.tickets = l.tickets.checked_add(1).ok_or("count overflows")?;
			l.shares = l.shares.checked_add(ticket.shares).ok_or("shares overflow")?;
			total = total.checked_add(ticket.shares).ok_or("shares overflow")?;
		}
		if Queue::<T>::iter().count() != waiting {
			return Err("queue entries without waiting tickets".into());
		}
		if T::RedemptionVault::settled_unpaid() != claimable {
			return Err("the vault's set-aside USDai differs from the tickets' claims".into());
		}
		let stored: BTreeMap<BasisPoints, LevelTotals> = Levels::<T>::iter().collect();
		if stored != levels {
			return Err("level totals differ from the tickets".into());
		}
		if usize::try_from(ActiveLevels::<T>::get()).ok() != Some(stored.len()) {
			return Err("active level count differs from the levels".into());
		}
		if usize::try_from(TotalTickets::<T>::get()).ok() != Some(waiting) {
			return Err("total tickets differ from the waiting tickets".into());
		}
		if TotalShares::<T>::get() != total {
			return Err("total shares differ from the tickets".into());
		}
		Self::check_sealed_bids()?;
		let counted: BTreeMap<T::AccountId, u32> = OpenTickets::<T>::iter().collect();
		if counted != requesters {
			return Err("open-ticket counts differ from the tickets".into());
		}
		Ok(())
	}

	/// The sealed bids:
	/// - the pending rounds are in increasing order, each holds as many sealed bids as it
	///   counts (at most `MaxBidsPerRound`), and no bid is sealed to any other round;
	/// - the round being opened is the oldest pending one, and opened bids exist only while a
	///   round is being opened.
	fn check_sealed_bids() -> Result<(), TryRuntimeError> {
		let pending = PendingRounds::<T>::get();
		let mut sealed: usize = 0;
		let mut last = None;
		for (round, count) in pending.iter() {
			if last.is_some_and(|last| last >= *round) {
				return Err("pending rounds out of order".into());
			}
			last = Some(*round);
			if *count > T::MaxBidsPerRound::get() {
				return Err("a round holds more than MaxBidsPerRound bids".into());
			}
			let held = SealedBids::<T>::iter_prefix(round).count();
			if usize::try_from(*count).ok() != Some(held) {
				return Err("a pending round's count differs from its sealed bids".into());
			}
			sealed = sealed.saturating_add(held);
		}
		if SealedBids::<T>::iter().count() != sealed {
			return Err("a bid is sealed to a round that is not pending".into());
		}
		match Opening::<T>::get() {
			Some(opening) => {
				if pending.first().map(|(r, _)| *r) != Some(opening.round) {
					return Err("the round being opened is not the oldest pending one".into());
				}
			},
			None => {
				if !OpenedBids::<T>::get().is_empty() {
					return Err("opened bids while no round is being opened".into());
				}
			},
		}
		Ok(())
	}
}

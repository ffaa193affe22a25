//! Invariants of the queue, checked by `try_state` (and after every unit test).

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use sp_runtime::TryRuntimeError;
use usdai_primitives::{Balance, BasisPoints};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the queue.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut levels: BTreeMap<BasisPoints, LevelTotals> = BTreeMap::new();
		let mut total: Balance = 0;
		let mut owners: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (id, ticket) in Tickets::<T>::iter() {
			if Queue::<T>::get(position(ticket.level, ticket.seq)) != Some(id) {
				return Err("ticket not at its place in the queue".into());
			}
			if ticket.shares == 0 || ticket.shares > ticket.requested {
				return Err("ticket with no shares or more than requested".into());
			}
			let l = levels.entry(ticket.level).or_default();
			l.tickets = l.tickets.checked_add(1).ok_or("count overflows")?;
			l.shares = l.shares.checked_add(ticket.shares).ok_or("shares overflow")?;
			total = total.checked_add(ticket.shares).ok_or("shares overflow")?;
			let n = owners.entry(ticket.owner.clone()).or_default();
			*n = n.checked_add(1).ok_or("count overflows")?;
		}
		if Queue::<T>::iter().count() != Tickets::<T>::iter().count() {
			return Err("queue entries without tickets".into());
		}
		let stored: BTreeMap<BasisPoints, LevelTotals> = Levels::<T>::iter().collect();
		if stored != levels {
			return Err("level totals differ from the tickets".into());
		}
		if usize::try_from(TotalTickets::<T>::get()).ok() != Some(Tickets::<T>::iter().count()) {
			return Err("total tickets differ from the tickets".into());
		}
		if TotalShares::<T>::get() != total {
			return Err("total shares differ from the tickets".into());
		}
		for id in Commitments::<T>::iter_keys() {
			if !Tickets::<T>::contains_key(id) {
				return Err("commitment of a ticket that does not exist".into());
			}
		}
		let counted: BTreeMap<T::AccountId, u32> = OpenTickets::<T>::iter().collect();
		if counted != owners {
			return Err("open-ticket counts differ from the tickets".into());
		}
		Ok(())
	}
}

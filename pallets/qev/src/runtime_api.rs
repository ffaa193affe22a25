//! Runtime API of the queue. Polkadot.js: `api.call.qevApi.ticket(id)`, `.queueSummary()`.

use crate::{ticket_key, LevelTotals, Ticket, TicketId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use usdai_primitives::{Balance, BasisPoints};

/// A ticket with its place in line.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct TicketView<AccountId> {
	/// The ticket.
	pub ticket: Ticket<AccountId>,
	/// Its rank in the queue, from 1; `None` once filled in full (it then only holds USDai to
	/// claim).
	pub position: Option<u32>,
	/// Shares of the tickets ahead of it.
	pub shares_ahead: Balance,
	/// USDai it would be paid if the queue settled now with today's liquidity (after the
	/// tickets ahead; the per-block bound may spread it over more blocks).
	pub expected_fill_now: Balance,
	/// Blocks until settlement reaches it by the per-block bound alone (liquidity permitting).
	pub blocks_by_bound: u32,
}

/// The queue at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct QueueSummary {
	/// Tickets and shares per bid level, highest first.
	pub levels: Vec<(BasisPoints, LevelTotals)>,
	/// Tickets waiting.
	pub tickets: u32,
	/// Shares waiting.
	pub shares: Balance,
	/// USDai available to redemptions now.
	pub liquidity: Balance,
	/// The current auction round.
	pub round: u64,
	/// Whether bids are being revealed (else committed) in it.
	pub revealing: bool,
}

sp_api::decl_runtime_apis! {
	/// Tickets and the queue.
	pub trait QevApi<AccountId> where AccountId: codec::Codec {
		/// A ticket with its position, the shares ahead of it and what it would fill now.
		fn ticket(id: TicketId) -> Option<TicketView<AccountId>>;
		/// Totals per bid level, liquidity and the current round.
		fn queue_summary() -> QueueSummary;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// The ticket as [`QevApi::ticket`] shows it. It walks the queue up to the ticket (off
	/// chain only; settlement never walks the queue).
	pub fn ticket_view(id: TicketId) -> Option<TicketView<T::AccountId>> {
		use crate::settlement::net_of_bid;
		use frame_support::traits::Get;
		use usdai_primitives::vault::RedemptionVault;
		let ticket = crate::Tickets::<T>::get(ticket_key(id))?;
		if !ticket.is_waiting() {
			return Some(TicketView {
				ticket,
				position: None,
				shares_ahead: 0,
				expected_fill_now: 0,
				blocks_by_bound: 0,
			});
		}
		let rate = T::RedemptionVault::redemption_rate().ok()?;
		let mut position: u32 = 0;
		let mut shares_ahead: Balance = 0;
		let mut paid_ahead: Balance = 0;
		for (_, other) in crate::Queue::<T>::iter() {
			position = position.saturating_add(1);
			if other == id {
				break;
			}
			let t = crate::Tickets::<T>::get(ticket_key(other))?;
			shares_ahead = shares_ahead.saturating_add(t.shares);
			let (paid, _) = net_of_bid(rate.value(t.shares).ok()?, t.level).ok()?;
			paid_ahead = paid_ahead.saturating_add(paid);
		}
		let left = T::RedemptionVault::available_liquidity().saturating_sub(paid_ahead);
		let (own, _) = net_of_bid(rate.value(ticket.shares).ok()?, ticket.level).ok()?;
		let per_block = T::MaxFillsPerBlock::get().max(1);
		Some(TicketView {
			ticket,
			position: Some(position),
			shares_ahead,
			expected_fill_now: own.min(left),
			blocks_by_bound: position.saturating_sub(1).checked_div(per_block).unwrap_or_default(),
		})
	}

	/// The summary [`QevApi::queue_summary`] returns.
	pub fn queue_summary() -> QueueSummary {
		use usdai_primitives::vault::RedemptionVault;
		let mut levels: Vec<(BasisPoints, LevelTotals)> = crate::Levels::<T>::iter().collect();
		levels.sort_by_key(|(level, _)| core::cmp::Reverse(*level));
		let (round, window) = Self::round_of(frame_system::Pallet::<T>::block_number());
		QueueSummary {
			levels,
			tickets: crate::TotalTickets::<T>::get(),
			shares: crate::TotalShares::<T>::get(),
			liquidity: T::RedemptionVault::available_liquidity(),
			round,
			revealing: window == crate::bids::Window::Reveal,
		}
	}
}

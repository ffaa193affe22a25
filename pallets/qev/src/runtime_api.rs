//! Runtime API of the queue. Polkadot.js: `api.call.qevApi.ticket(id)`, `.queueSummary()`.

use crate::{ticket_key, LevelTotals, Ticket, TicketId};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use usdai_primitives::beacon::{BeaconRound, RandomnessBeacon};
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
	/// The round bids are sealed to now; `None` on a chain without a beacon.
	pub sealed_round: Option<SealedRound>,
	/// The rounds whose bids wait for their pulse (or are being opened), oldest first, with the
	/// bids each still holds sealed.
	pub pending_rounds: Vec<(BeaconRound, u32)>,
	/// The round being opened, if any.
	pub opening: Option<BeaconRound>,
}

/// Where a bidder seals a bid now.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct SealedRound {
	/// The beacon round to encrypt to (and to give `commit_bid`): the queue round's close.
	pub round: BeaconRound,
	/// The Unix time (seconds) until which bids for it are taken (by the block's timestamp).
	pub bids_until: u64,
	/// The Unix time at which the beacon publishes its pulse.
	pub closes_at: u64,
	/// Bids sealed to it so far.
	pub bids: u32,
}

sp_api::decl_runtime_apis! {
	/// Tickets and the queue.
	pub trait QevApi<AccountId> where AccountId: codec::Codec {
		/// A ticket with its position, the shares ahead of it and what it would fill now.
		fn ticket(id: TicketId) -> Option<TicketView<AccountId>>;
		/// Totals per bid level, liquidity and the sealed-bid rounds.
		fn queue_summary() -> QueueSummary;
		/// The round a bid is sealed to now, and until when; `None` without a beacon.
		fn sealed_round() -> Option<SealedRound>;
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
			let (paid, _) = net_of_bid(rate.value(t.shares).ok()?, t.fee_bps).ok()?;
			paid_ahead = paid_ahead.saturating_add(paid);
		}
		let left = T::RedemptionVault::available_liquidity().saturating_sub(paid_ahead);
		let (own, _) = net_of_bid(rate.value(ticket.shares).ok()?, ticket.fee_bps).ok()?;
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
		QueueSummary {
			levels,
			tickets: crate::TotalTickets::<T>::get(),
			shares: crate::TotalShares::<T>::get(),
			liquidity: T::RedemptionVault::available_liquidity(),
			sealed_round: Self::sealed_round(),
			pending_rounds: crate::PendingRounds::<T>::get().into_inner(),
			opening: crate::Opening::<T>::get().map(|o| o.round),
		}
	}

	/// [`QevApi::sealed_round`].
	pub fn sealed_round() -> Option<SealedRound> {
		use frame_support::traits::Get;
		if !T::Beacon::is_configured() {
			return None;
		}
		let round = Self::sealed_round_at(Self::beacon_round_now());
		let bids = Self::bids_left(round);
		Some(SealedRound {
			round,
			// Bids stop once the round due is `BidMargin` before the closing one.
			bids_until: T::Beacon::round_time(round.saturating_sub(T::BidMargin::get())),
			closes_at: T::Beacon::round_time(round),
			bids,
		})
	}
}

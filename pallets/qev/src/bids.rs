//! Sealed priority bids in rounds: commit, reveal, and re-ranking when a round closes.
//!
//! A round is `CommitBlocks + RevealBlocks` long and numbered from genesis. Bids committed in a
//! round's commit window are revealed in its reveal window. When the next round begins, the
//! revealed bids move their tickets to their new levels at once (keeping each ticket's request
//! number, so it stays FIFO within the level). A commitment never revealed counts as no bid.

use crate::{pallet::*, types::*, weights::WeightInfo};
use codec::Encode;
use frame_support::{ensure, traits::Get, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{traits::UniqueSaturatedInto, DispatchResult};
use usdai_primitives::BasisPoints;

/// Where in its round a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Window {
	/// Bids may be committed.
	Commit,
	/// Bids committed in this round may be revealed.
	Reveal,
}

impl<T: Config> Pallet<T> {
	/// The round of block `n` and where in it `n` is.
	pub(crate) fn round_of(n: BlockNumberFor<T>) -> (u64, Window) {
		let commit: u64 = T::CommitBlocks::get().unique_saturated_into();
		let reveal: u64 = T::RevealBlocks::get().unique_saturated_into();
		let length = commit.saturating_add(reveal).max(1);
		let n: u64 = n.unique_saturated_into();
		let round = n.checked_div(length).unwrap_or_default();
		let offset = n.checked_rem(length).unwrap_or_default();
		(round, if offset < commit { Window::Commit } else { Window::Reveal })
	}

	/// The commitment of a bid.
	pub fn commitment(
		ticket: TicketId,
		bid_bps: BasisPoints,
		salt: [u8; 32],
		owner: &T::AccountId,
	) -> H256 {
		H256(sp_io::hashing::blake2_256(&(ticket, bid_bps, salt, owner).encode()))
	}

	pub(crate) fn do_commit_bid(
		who: T::AccountId,
		id: TicketId,
		commitment: H256,
	) -> DispatchResult {
		let ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
		ensure!(ticket.owner == who, Error::<T>::NotOwner);
		ensure!(ticket.is_waiting(), Error::<T>::NotWaiting);
		let (round, window) = Self::round_of(frame_system::Pallet::<T>::block_number());
		ensure!(window == Window::Commit, Error::<T>::NotCommitWindow);
		Commitments::<T>::insert(id, (round, commitment));
		Self::deposit_event(Event::BidCommitted { ticket: id, round });
		Ok(())
	}

	pub(crate) fn do_reveal_bid(
		who: T::AccountId,
		id: TicketId,
		bid_bps: BasisPoints,
		salt: [u8; 32],
	) -> DispatchResult {
		let ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
		ensure!(ticket.owner == who, Error::<T>::NotOwner);
		ensure!(ticket.is_waiting(), Error::<T>::NotWaiting);
		let (committed_in, commitment) =
			Commitments::<T>::get(id).ok_or(Error::<T>::NoCommitment)?;
		let (round, window) = Self::round_of(frame_system::Pallet::<T>::block_number());
		ensure!(window == Window::Reveal && round == committed_in, Error::<T>::NotRevealWindow);
		ensure!(bid_bps <= T::MaxBidBps::get(), Error::<T>::BidTooHigh);
		ensure!(Self::commitment(id, bid_bps, salt, &who) == commitment, Error::<T>::WrongReveal);
		if RevealedRound::<T>::get() != round {
			// Reveals of an earlier round were applied when it closed.
			Reveals::<T>::kill();
			RevealedRound::<T>::put(round);
		}
		let displaced = Self::take_reveal_slot(id, bid_bps)?;
		Commitments::<T>::remove(id);
		if let Some(ticket) = displaced {
			Self::deposit_event(Event::BidDisplaced { ticket, round });
		}
		Self::deposit_event(Event::BidRevealed { ticket: id, round, bid_bps });
		Ok(())
	}

	/// Records the reveal of `bid_bps` for `id`. When the round's reveals are full, a higher bid
	/// takes the place of the lowest (of equal lowest bids, the latest revealed), whose ticket is
	/// returned. Otherwise the reveals would be first come, first served: anyone could fill them
	/// early in the window with bids of nothing and keep every real bid out of the round.
	fn take_reveal_slot(id: TicketId, bid_bps: BasisPoints) -> Result<Option<TicketId>, Error<T>> {
		Reveals::<T>::try_mutate(|reveals| {
			if reveals.try_push((id, bid_bps)).is_ok() {
				return Ok(None);
			}
			// Reveals are kept in the order they came, so the latest of equal bids is last.
			let (at, (displaced, _)) = reveals
				.iter()
				.copied()
				.enumerate()
				.min_by_key(|(i, (_, bid))| (*bid, core::cmp::Reverse(*i)))
				.filter(|(_, (_, bid))| *bid < bid_bps)
				.ok_or(Error::<T>::TooManyReveals)?;
			reveals.remove(at);
			reveals.try_push((id, bid_bps)).map_err(|_| Error::<T>::TooManyReveals)?;
			Ok(Some(displaced))
		})
	}

	/// Closes the round of the reveals held if block `n` is in a later round: every revealed
	/// bid moves its ticket. Returns the weight used.
	pub(crate) fn do_close_round(n: BlockNumberFor<T>) -> Weight {
		let (round, _) = Self::round_of(n);
		let revealed_in = RevealedRound::<T>::get();
		let reveals = Reveals::<T>::get();
		if reveals.is_empty() || revealed_in >= round {
			return T::WeightInfo::close_round(0);
		}
		let mut moved = 0u32;
		for (id, bid) in reveals.iter() {
			let result = frame_support::storage::with_storage_layer(|| {
				let Some(mut ticket) = Tickets::<T>::get(ticket_key(*id)) else { return Ok(false) };
				// A ticket filled in full since its reveal has left the queue.
				if ticket.level == *bid || !ticket.is_waiting() {
					return Ok(false);
				}
				let seq = ticket.seq;
				Self::move_in_queue(*id, &mut ticket, *bid, seq)?;
				Ok::<_, sp_runtime::DispatchError>(true)
			});
			match result {
				Ok(true) => moved = moved.saturating_add(1),
				Ok(false) => {},
				Err(e) => {
					log::error!(target: "runtime::qev", "re-ranking ticket {id} failed: {e:?}")
				},
			}
		}
		Reveals::<T>::kill();
		Self::deposit_event(Event::RoundClosed { round: revealed_in, moved });
		T::WeightInfo::close_round(u32::try_from(reveals.len()).unwrap_or(u32::MAX))
	}
}

//! Sealed bids: timelock-encrypted to the beacon round at which their queue round closes,
//! opened by the chain with that round's pulse, and cleared at one price.
//!
//! - A queue round closes at every beacon round that is a multiple of `RoundPeriod`. Bids are
//!   sealed to the next such round that is more than `BidMargin` rounds away
//!   ([`Pallet::sealed_round_at`]): the round the runtime API gives a bidder.
//! - When the beacon has the closing round's pulse (the queue asks for it through
//!   `PulseDemand`), `on_initialize` opens the round's bids, `MaxOpensPerBlock` a block, then
//!   clears them in the next block: every valid bid at or above the round's price ranks its
//!   ticket at its bid and pays the price; a lower bid loses and changes nothing.
//! - A round whose pulse does not come within `PulseTimeout` rounds lapses: its bids count as
//!   no bid (`NoPulse`) and the queue keeps its order.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use codec::DecodeAll;
use frame_support::{ensure, traits::Get, weights::Weight, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::U256;
use sp_runtime::{DispatchError, DispatchResult};
use usdai_primitives::{
	beacon::{BeaconRound, RandomnessBeacon},
	BasisPoints,
};

/// What one block of opening did.
enum Step {
	/// Nothing to open.
	Idle,
	/// Began opening a round and opened `n` of its bids.
	Opened(u32),
	/// Cleared a round of `n` valid bids.
	Cleared(u32),
}

impl<T: Config> Pallet<T> {
	/// The beacon round due now, by the block's timestamp.
	pub(crate) fn beacon_round_now() -> BeaconRound {
		use frame_support::traits::UnixTime;
		T::Beacon::round_at(T::UnixTime::now().as_secs())
	}

	/// The round bids are sealed to when the beacon round due is `due`: the first multiple of
	/// `RoundPeriod` more than `BidMargin` rounds after it.
	pub fn sealed_round_at(due: BeaconRound) -> BeaconRound {
		let period = T::RoundPeriod::get().max(1);
		let first = due.saturating_add(T::BidMargin::get()).saturating_add(1);
		first.div_ceil(period).saturating_mul(period)
	}

	/// Whether bids for `round` have stopped when the beacon round due is `due`.
	fn bidding_closed(round: BeaconRound, due: BeaconRound) -> bool {
		due.saturating_add(T::BidMargin::get()) >= round
	}

	pub(crate) fn do_commit_bid(
		who: T::AccountId,
		id: TicketId,
		round: BeaconRound,
		ciphertext: BoundedVec<u8, T::MaxCiphertextLen>,
	) -> DispatchResult {
		let ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
		ensure!(ticket.owner == who, Error::<T>::NotOwner);
		ensure!(ticket.is_waiting(), Error::<T>::NotWaiting);
		// The length, and that `U` is a point of G2's prime-order subgroup: a point of small
		// order would abort the block that opens it (see `usdai_timelock::check_envelope`).
		usdai_timelock::check_envelope(&ciphertext).map_err(|_| Error::<T>::NotACiphertext)?;
		ensure!(T::Beacon::is_configured(), Error::<T>::NoBeacon);
		let due = Self::beacon_round_now();
		ensure!(round == Self::sealed_round_at(due), Error::<T>::WrongRound);
		// Belt and braces: a pulse that is already there (impossible for drand's before its
		// time) would let the bidder read the others' bids.
		ensure!(T::Beacon::pulse(round).is_none(), Error::<T>::WrongRound);
		let replaces = SealedBids::<T>::contains_key(round, id);
		if !replaces {
			PendingRounds::<T>::try_mutate(|pending| -> DispatchResult {
				match pending.iter_mut().find(|(r, _)| *r == round) {
					Some((_, count)) => {
						ensure!(*count < T::MaxBidsPerRound::get(), Error::<T>::RoundFull);
						*count = count.saturating_add(1);
					},
					None => {
						ensure!(T::MaxBidsPerRound::get() > 0, Error::<T>::RoundFull);
						// Rounds are sealed to in increasing order, so the list stays sorted.
						pending
							.try_push((round, 1))
							.map_err(|_| Error::<T>::TooManyPendingRounds)?;
					},
				}
				Ok(())
			})?;
		}
		SealedBids::<T>::insert(round, id, SealedBid { owner: who, ciphertext });
		Self::deposit_event(Event::BidSealed { ticket: id, round });
		Ok(())
	}

	/// One block's step of opening sealed bids; returns the weight used. A block either begins
	/// a round and opens a batch, opens a batch, or clears the round: never two of these, so
	/// the hook's worst case is the dearest one, not their sum.
	pub(crate) fn do_open_bids(_n: BlockNumberFor<T>) -> Weight {
		match Self::open_step() {
			Ok(Step::Idle) => T::WeightInfo::open_bids(0),
			Ok(Step::Opened(n)) => T::WeightInfo::open_bids(n),
			Ok(Step::Cleared(n)) => T::WeightInfo::clear_round(n),
			Err(e) => {
				log::error!(target: "runtime::qev", "opening sealed bids failed: {e:?}");
				T::WeightInfo::open_bids(T::MaxOpensPerBlock::get())
					.max(T::WeightInfo::clear_round(T::MaxBidsPerRound::get()))
			},
		}
	}

	fn open_step() -> Result<Step, DispatchError> {
		let opening = match Opening::<T>::get() {
			Some(opening) => opening,
			None => {
				let Some(&(round, _)) = PendingRounds::<T>::get().first() else {
					return Ok(Step::Idle);
				};
				let due = Self::beacon_round_now();
				if !Self::bidding_closed(round, due) {
					return Ok(Step::Idle);
				}
				let signature = T::Beacon::pulse(round);
				if signature.is_none() && due <= round.saturating_add(T::PulseTimeout::get()) {
					return Ok(Step::Idle);
				}
				let opening = crate::types::OpeningRound { round, signature };
				Opening::<T>::put(&opening);
				opening
			},
		};
		let remaining = Self::bids_left(opening.round);
		if remaining == 0 {
			return Self::clear(opening.round).map(Step::Cleared);
		}
		Ok(Step::Opened(Self::open_batch(&opening)))
	}

	/// Whether `id` has a bid in a round whose bidding has stopped and that is not cleared yet.
	/// Once a round's pulse is out anyone can read its bids, so until the round clears the
	/// ticket's owner may neither cancel it nor transfer it (which would void the bid): a bid
	/// binds, and nobody withdraws one after seeing the others.
	pub(crate) fn bid_binds(id: TicketId) -> bool {
		if Opening::<T>::get().is_some() && OpenedBids::<T>::get().iter().any(|(t, _)| *t == id) {
			return true;
		}
		let due = Self::beacon_round_now();
		PendingRounds::<T>::get()
			.iter()
			.any(|(r, _)| Self::bidding_closed(*r, due) && SealedBids::<T>::contains_key(r, id))
	}

	/// Takes `id`'s bids out of the rounds still taking bids: a ticket that ends gives its
	/// place in them back, so that nobody fills a round by requesting, bidding and cancelling
	/// with the same shares again and again. Bids in rounds whose bidding has stopped stay (the
	/// ticket could not end then by cancelling; filled in full, it opens to no bid).
	pub(crate) fn withdraw_open_bids(id: TicketId) {
		let due = Self::beacon_round_now();
		let mut pending = PendingRounds::<T>::get();
		let mut changed = false;
		for (round, count) in pending.iter_mut() {
			if !Self::bidding_closed(*round, due) && SealedBids::<T>::take(*round, id).is_some() {
				*count = count.saturating_sub(1);
				changed = true;
			}
		}
		if changed {
			pending.retain(|(round, count)| *count > 0 || Self::bidding_closed(*round, due));
			PendingRounds::<T>::put(pending);
		}
	}

	/// Bids of `round` still sealed.
	pub(crate) fn bids_left(round: BeaconRound) -> u32 {
		PendingRounds::<T>::get().iter().find(|(r, _)| *r == round).map_or(0, |(_, count)| *count)
	}

	/// Opens up to `MaxOpensPerBlock` bids of the round, removing each from the sealed ones.
	fn open_batch(opening: &crate::types::OpeningRound) -> u32 {
		let round = opening.round;
		// Decoded once a block; the beacon verified it when it took the pulse.
		let signature =
			opening.signature.and_then(|bytes| usdai_timelock::decode_signature(&bytes).ok());
		let batch: Vec<_> = SealedBids::<T>::drain_prefix(round)
			.take(T::MaxOpensPerBlock::get() as usize)
			.collect();
		let opened = u32::try_from(batch.len()).unwrap_or(u32::MAX);
		for (id, bid) in batch {
			let outcome = match (&opening.signature, &signature) {
				(None, _) => Err(VoidReason::NoPulse),
				(Some(_), None) => Err(VoidReason::Undecryptable),
				(Some(_), Some(signature)) => Self::open_bid(round, id, &bid, signature),
			};
			match outcome {
				Ok(bid_bps) => {
					// At most `MaxBidsPerRound` bids are sealed to a round, so this fits.
					let _ = OpenedBids::<T>::try_append((id, bid_bps));
					Self::deposit_event(Event::BidOpened { ticket: id, round, bid_bps });
				},
				Err(reason) => Self::deposit_event(Event::BidVoid { ticket: id, round, reason }),
			}
		}
		let batch = T::MaxOpensPerBlock::get();
		PendingRounds::<T>::mutate(|pending| {
			if let Some((_, count)) = pending.iter_mut().find(|(r, _)| *r == round) {
				// A batch short of the most a block opens took every bid left: the round is
				// done whatever the count says (it never disagrees; this keeps a disagreement
				// from stalling the queue's opening for good).
				*count = if opened < batch { 0 } else { count.saturating_sub(opened) };
			}
		});
		opened
	}

	/// Opens one bid: the bid it holds, or why it counts as none.
	fn open_bid(
		round: BeaconRound,
		id: TicketId,
		bid: &SealedBid<T::AccountId, T::MaxCiphertextLen>,
		signature: &usdai_timelock::Signature,
	) -> Result<BasisPoints, VoidReason> {
		let plain = usdai_timelock::decrypt(signature, &bid.ciphertext)
			.map_err(|_| VoidReason::Undecryptable)?;
		let plain = BidPlaintext::<T::AccountId>::decode_all(&mut &plain[..])
			.map_err(|_| VoidReason::NotABid)?;
		ensure!(
			plain.ticket == id && plain.owner == bid.owner && plain.round == round,
			VoidReason::Mismatch
		);
		ensure!(plain.bid_bps <= T::MaxBidBps::get(), VoidReason::TooHigh);
		let ticket = Tickets::<T>::get(ticket_key(id)).ok_or(VoidReason::TicketChanged)?;
		ensure!(ticket.owner == bid.owner && ticket.is_waiting(), VoidReason::TicketChanged);
		Ok(plain.bid_bps)
	}

	/// The one price of bids `(shares, bid)`: their **value-weighted median** bid. With the bids
	/// from the highest down, the price is the bid at which the running total of `shares × bid`
	/// first reaches half of the whole. Zero without bids, or when every bid is zero.
	///
	/// Bids of zero weigh nothing and low bids weigh little, so no number of small or zero bids
	/// can pull the price down; to raise it takes bids at the top, which win and pay it.
	pub fn clearing_price(bids: &[(usdai_primitives::Balance, BasisPoints)]) -> BasisPoints {
		let mut sorted: Vec<_> = bids.to_vec();
		sorted.sort_by_key(|(_, bid)| core::cmp::Reverse(*bid));
		let value = |(shares, bid): &(usdai_primitives::Balance, BasisPoints)| {
			U256::from(*shares).saturating_mul(U256::from(*bid))
		};
		let total = sorted.iter().map(value).fold(U256::zero(), |a, v| a.saturating_add(v));
		if total.is_zero() {
			return 0;
		}
		let mut running = U256::zero();
		for bid in &sorted {
			running = running.saturating_add(value(bid));
			// `running ≥ total / 2`, without rounding: `2 × running ≥ total`.
			if running.saturating_mul(U256::from(2u8)) >= total {
				return bid.1;
			}
		}
		0
	}

	/// Clears `round`: every valid bid of a ticket still waiting enters the price, those at or
	/// above it move their tickets to their bids' levels and pay the price. Returns the number
	/// of bids it looked at.
	fn clear(round: BeaconRound) -> Result<u32, DispatchError> {
		let opened = OpenedBids::<T>::take();
		let mut bids = Vec::with_capacity(opened.len());
		for (id, bid) in opened.iter() {
			if let Some(ticket) = Tickets::<T>::get(ticket_key(*id)).filter(|t| t.is_waiting()) {
				bids.push((*id, *bid, ticket));
			}
		}
		let weights: Vec<_> = bids.iter().map(|(_, bid, t)| (t.shares, *bid)).collect();
		let price = Self::clearing_price(&weights);
		let (mut ranked, mut outbid) = (0u32, 0u32);
		for (id, bid, mut ticket) in bids {
			if bid < price {
				outbid = outbid.saturating_add(1);
				continue;
			}
			let moved = frame_support::storage::with_storage_layer(|| {
				ticket.fee_bps = price;
				let seq = ticket.seq;
				if ticket.level == bid {
					Tickets::<T>::insert(ticket_key(id), &ticket);
					Ok(())
				} else {
					Self::move_in_queue(id, &mut ticket, bid, seq)
				}
			});
			match moved {
				Ok(()) => ranked = ranked.saturating_add(1),
				Err(e) => log::error!(target: "runtime::qev", "ranking ticket {id} failed: {e:?}"),
			}
		}
		PendingRounds::<T>::mutate(|pending| pending.retain(|(r, _)| *r != round));
		Opening::<T>::kill();
		Self::deposit_event(Event::RoundCleared { round, price_bps: price, ranked, outbid });
		Ok(u32::try_from(opened.len()).unwrap_or(u32::MAX))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Makes the queue wait for `round`'s pulse in its costliest way to ask: the pending rounds
	/// full, `round` the last of them. (The sealed bids are not written: only the beacon's
	/// benchmark uses it.)
	pub fn benchmark_wait_for(round: BeaconRound) {
		let max = u64::from(T::MaxPendingRounds::get());
		let first = round.saturating_sub(max.saturating_sub(1));
		let pending: Vec<_> = (first..=round).map(|r| (r, 1)).collect();
		PendingRounds::<T>::put(BoundedVec::truncate_from(pending));
		Opening::<T>::kill();
	}
}

impl<T: Config> Pallet<T> {
	/// Whether the queue waits for `round`'s pulse: a round holding sealed bids, once bidding
	/// for it has stopped (so that nobody, not even with a development beacon's key, can open a
	/// round early), until the queue has begun opening it.
	pub(crate) fn wants_pulse(round: BeaconRound) -> bool {
		let due = Self::beacon_round_now();
		Self::bidding_closed(round, due)
			&& Opening::<T>::get().is_none_or(|o| o.round != round)
			&& PendingRounds::<T>::get().iter().any(|(r, _)| *r == round)
	}

	/// The rounds whose pulses the queue waits for, oldest first, at most `max`.
	pub(crate) fn wanted_pulses(max: u32) -> Vec<BeaconRound> {
		let due = Self::beacon_round_now();
		let opening = Opening::<T>::get().map(|o| o.round);
		PendingRounds::<T>::get()
			.iter()
			.map(|(r, _)| *r)
			.filter(|r| Self::bidding_closed(*r, due) && Some(*r) != opening)
			.take(max as usize)
			.collect()
	}
}

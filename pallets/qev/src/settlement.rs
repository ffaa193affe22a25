//! Settlement in `on_finalize`: the queue is filled in order from the vault's liquidity.
//!
//! A block's fills are priced at one redemption rate, read when settlement starts, and settled
//! with the vault once: the shares of all fills are burnt together and the USDai they pay is set
//! aside in the vault for the tickets, whose owners `claim` it. Per fill, settlement writes only
//! the ticket and (when it leaves the queue) its queue key; the level totals are written once per
//! level touched. That keeps a fill's weight small and independent of the queue's length.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::{
	collections::{BTreeMap, BTreeSet},
	vec::Vec,
};
use frame_support::{traits::Get, weights::Weight};
use sp_runtime::{ArithmeticError, DispatchError, DispatchResult, Rounding};
use usdai_primitives::{
	mul_div,
	vault::{RedemptionRate, RedemptionVault},
	Balance, BasisPoints, BPS_DENOMINATOR,
};

/// What settlement does with one ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fill {
	/// Fill `shares` of it for `paid` USDai, `fee` staying in the vault.
	Take { shares: Balance, paid: Balance, fee: Balance },
	/// Its `min_out` cannot be met at this price: pass it over.
	Skip,
	/// Nothing more can be paid this block: the liquidity is spent, or the ticket at hand would
	/// be paid nothing for its shares. It keeps its place and waits, and so do those behind it.
	Exhausted,
}

/// What a block's settlement did, applied to the totals and the vault at its end.
#[derive(Default)]
struct Tally {
	fills: u32,
	skips: u32,
	visits: u32,
	shares: Balance,
	paid: Balance,
	/// Per level: tickets that left the queue and shares filled.
	levels: BTreeMap<BasisPoints, LevelTotals>,
	/// The levels of every ticket visited, filled or skipped: each writes its level's totals.
	visited: BTreeSet<BasisPoints>,
}

/// `value` less a bid of `level` basis points: `(paid, fee)`, the fee rounded up.
pub(crate) fn net_of_bid(
	value: Balance,
	level: BasisPoints,
) -> Result<(Balance, Balance), ArithmeticError> {
	let fee = mul_div(value, Balance::from(level), Balance::from(BPS_DENOMINATOR), Rounding::Up)?
		.min(value);
	Ok((value.saturating_sub(fee), fee))
}

/// The fewest shares worth `gross` USDai at `rate`: `gross` in shares, rounded up (in the
/// vault's favour).
fn shares_worth(rate: &RedemptionRate, gross: Balance) -> Result<Balance, ArithmeticError> {
	mul_div(gross, rate.supply, rate.nav, Rounding::Up)
}

/// How much of `ticket` `liquidity` fills at `rate`, and whether its `min_out` allows it.
///
/// `min_out` is a limit on the price: the ticket is filled, in full or in part, only at a price
/// at which its whole request pays at least `min_out` net of its bid. Each fill's pay rounds
/// down, in the vault's favour; that rounding is never a reason to skip a ticket, so a partial
/// fill never costs a ticket the price satisfies its place. (A ticket filled in `k` parts may so
/// be paid a few base units per part less than `min_out` in total.)
///
/// **Shares are never burnt for nothing.** A fill pays something (net of its bid), and burns no
/// more shares than its pay is worth at `rate`, rounded in the vault's favour, beyond one
/// share's worth of rounding (`one_share`, the queue's `MinShares`): a part is sized from its
/// pay and burns exactly the shares the pay is worth; a ticket filled in full may burn the
/// rounding of its last share too, never more. A fill that would pay nothing (a price that
/// rounds to zero, liquidity that buys no unit of USDai) does not happen: the ticket keeps its
/// place and waits ([`Fill::Exhausted`]). A part never leaves less than `one_share` waiting, so
/// that what waits is always worth a payment while the price is not near zero.
pub(crate) fn price_fill<AccountId>(
	ticket: &Ticket<AccountId>,
	rate: &RedemptionRate,
	liquidity: Balance,
	one_share: Balance,
) -> Result<Fill, ArithmeticError> {
	let mut shares = ticket.shares;
	let mut gross = rate.value(shares)?;
	// The shares a fill may burn beyond what its pay is worth: a whole ticket's rounding.
	let mut slack = one_share;
	if net_of_bid(gross, ticket.fee_bps)?.0 > liquidity {
		// The part `liquidity` pays for, rounded down: its gross value is at most
		// `liquidity / (1 − bid)`, so what it pays net of the bid stays within `liquidity`. At
		// least `one_share` is left waiting.
		let keep = BPS_DENOMINATOR.saturating_sub(ticket.fee_bps);
		let most = mul_div(
			liquidity,
			Balance::from(BPS_DENOMINATOR),
			Balance::from(keep),
			Rounding::Down,
		)?;
		// Past `u128` near a price of zero: more shares than exist, capped here. (`nav` is not
		// zero: the ticket is worth more than the liquidity.)
		shares = mul_div(most, rate.supply, rate.nav, Rounding::Down)
			.unwrap_or(Balance::MAX)
			.min(ticket.shares.saturating_sub(one_share));
		gross = rate.value(shares)?;
		slack = 0;
	}
	if gross == 0 {
		return Ok(Fill::Exhausted);
	}
	// No more shares than the pay is worth (a ticket filled in full: beyond one share's
	// rounding): the same pay for fewer shares, and at least `one_share` left waiting.
	let worth = shares_worth(rate, gross)?;
	if shares > worth.saturating_add(slack) {
		shares = worth;
	}
	let (paid, fee) = net_of_bid(gross, ticket.fee_bps)?;
	if shares == 0 || paid == 0 || paid > liquidity {
		return Ok(Fill::Exhausted);
	}
	// Whether the price meets the limit, judged on the whole request: one rounding on the
	// largest amount, not one per part.
	let (whole, _) = net_of_bid(rate.value(ticket.requested)?, ticket.fee_bps)?;
	if whole < ticket.min_out {
		return Ok(Fill::Skip);
	}
	Ok(Fill::Take { shares, paid, fee })
}

impl<T: Config> Pallet<T> {
	/// Reserves settlement's work for this block: nothing without tickets or without liquidity
	/// that buys a share, else the fills, skips and levels the waiting tickets can take, within
	/// the per-block bounds. Liquidity arriving later in the block is settled within this
	/// reserve, or from the next block when nothing was reserved.
	pub(crate) fn settlement_reserve() -> Weight {
		let waiting = TotalTickets::<T>::get();
		let budget = if waiting == 0 || !Self::liquidity_buys_a_share() {
			SettlementBudget::default()
		} else {
			let fills = waiting.min(T::MaxFillsPerBlock::get());
			let skips =
				waiting.min(T::MaxVisitsPerBlock::get().saturating_sub(T::MaxFillsPerBlock::get()));
			let visits = waiting.min(fills.saturating_add(skips));
			SettlementBudget { fills, skips, levels: ActiveLevels::<T>::get().min(visits) }
		};
		Budget::<T>::put(budget);
		Self::settlement_weight(budget)
	}

	/// Whether the vault's liquidity buys at least one base unit of a share at the redemption
	/// rate, worth a payment once rounded down. Less (the rounding dust fills leave behind)
	/// fills nothing, since no fill is paid nothing: reserving a block's settlement for it would
	/// hold weight in every block while tickets wait.
	fn liquidity_buys_a_share() -> bool {
		let liquidity = T::RedemptionVault::available_liquidity();
		liquidity > 0
			&& T::RedemptionVault::redemption_rate().is_ok_and(|rate| {
				rate.nav > 0
					&& match mul_div(liquidity, rate.supply, rate.nav, Rounding::Down) {
						Ok(shares) => rate.value(shares).is_ok_and(|v| v > 0),
						// Past `u128` near a price of zero: it buys more shares than exist.
						Err(_) => true,
					}
			})
	}

	/// The weight of settling `budget`, in its worst case: at most `budget.fills` fills and at
	/// most `budget.skips` skips (a skip moves the ticket and costs more than a fill; settlement
	/// stops rather than skip once more), and up to `budget.levels` of those visits may each be
	/// the first to its level, which reads and writes that level's totals too (`settle_levels`
	/// for a fill, `settle_skip_levels` for a skip), charged as the dearer extra of the two.
	/// A budget without fills settles nothing: `on_finalize` only takes the empty budget back,
	/// so a quiet block is not charged the settlement's base (the vault's books, the queue's
	/// totals at their largest).
	pub fn settlement_weight(budget: SettlementBudget) -> Weight {
		if budget.fills == 0 {
			return T::DbWeight::get().reads_writes(1, 1);
		}
		let visits = budget.fills.saturating_add(budget.skips);
		let own_level = budget.levels.min(visits);
		let base = T::WeightInfo::settle(0, 0)
			.max(T::WeightInfo::settle_levels(0))
			.max(T::WeightInfo::settle_skip_levels(0));
		let fill = per_unit(|n| T::WeightInfo::settle(n, 0));
		let skip = per_unit(|n| T::WeightInfo::settle(0, n));
		let own_extra = per_unit(T::WeightInfo::settle_levels)
			.saturating_sub(fill)
			.max(per_unit(T::WeightInfo::settle_skip_levels).saturating_sub(skip));
		base.saturating_add(fill.saturating_mul(u64::from(budget.fills)))
			.saturating_add(skip.saturating_mul(u64::from(budget.skips)))
			.saturating_add(own_extra.saturating_mul(u64::from(own_level)))
	}

	/// Fills tickets in queue order until liquidity or the reserved budget runs out. All of a
	/// block's fills stand or fall together. Returns `(fills, visits)`.
	pub(crate) fn do_settle() -> (u32, u32) {
		let budget = Budget::<T>::take();
		if budget.fills == 0 {
			return (0, 0);
		}
		let liquidity = T::RedemptionVault::available_liquidity();
		if liquidity == 0 {
			return (0, 0);
		}
		let outcome = frame_support::storage::with_storage_layer(|| {
			let rate = T::RedemptionVault::redemption_rate()?;
			Self::fill_in_order(&rate, liquidity, budget)
		});
		match outcome {
			Ok(tally) => (tally.fills, tally.visits),
			Err(e) => {
				log::error!(target: "runtime::qev", "settlement failed, nothing filled: {e:?}");
				(0, 0)
			},
		}
	}

	fn fill_in_order(
		rate: &RedemptionRate,
		mut liquidity: Balance,
		budget: SettlementBudget,
	) -> Result<Tally, DispatchError> {
		let max_visits = budget.fills.saturating_add(budget.skips);
		// A ticket skipped in this block goes to the back of level zero, at a key from this one
		// on: the walk stops there rather than meet it again.
		let moved = position(0, NextTicketId::<T>::get());
		let mut tally = Tally::default();
		let mut last = None;
		// One entry at a time, each read by a seek from the last key visited: the walk reads
		// only the entries it settles (plus the one it stops at), however long the queue is.
		while tally.visits < max_visits && tally.fills < budget.fills && liquidity > 0 {
			let Some((place, id)) = Self::next_in_queue(last.take()) else { break };
			// Stop at the tickets sent to the back in this block, and before a level beyond the
			// reserved count: a fill or a skip there would write one more level's totals.
			let level = level_of(&place);
			if place >= moved
				|| (u32::try_from(tally.visited.len()).unwrap_or(u32::MAX) >= budget.levels
					&& !tally.visited.contains(&level))
			{
				break;
			}
			tally.visited.insert(level);
			last = Some(Queue::<T>::hashed_key_for(place));
			tally.visits = tally.visits.saturating_add(1);
			let mut ticket = Tickets::<T>::get(ticket_key(id)).ok_or(Error::<T>::UnknownTicket)?;
			match price_fill(&ticket, rate, liquidity, T::MinShares::get())? {
				// The reserve pays for `budget.skips` skips: a block never moves more, so that
				// a pile of unfillable tickets cannot make settlement dearer than its reserve.
				Fill::Skip if tally.skips >= budget.skips => break,
				Fill::Skip => {
					tally.skips = tally.skips.saturating_add(1);
					Self::send_to_back(id, &mut ticket)?;
					Self::deposit_event(Event::Skipped { ticket: id });
				},
				Fill::Exhausted => break,
				Fill::Take { shares, paid, fee } => {
					ticket.shares =
						ticket.shares.checked_sub(shares).ok_or(ArithmeticError::Underflow)?;
					ticket.claimable =
						ticket.claimable.checked_add(paid).ok_or(ArithmeticError::Overflow)?;
					let level = tally.levels.entry(ticket.level).or_default();
					level.shares =
						level.shares.checked_add(shares).ok_or(ArithmeticError::Overflow)?;
					if !ticket.is_waiting() {
						Queue::<T>::remove(place);
						level.tickets =
							level.tickets.checked_add(1).ok_or(ArithmeticError::Overflow)?;
					}
					Tickets::<T>::insert(ticket_key(id), &ticket);
					liquidity = liquidity.checked_sub(paid).ok_or(ArithmeticError::Underflow)?;
					tally.shares =
						tally.shares.checked_add(shares).ok_or(ArithmeticError::Overflow)?;
					tally.paid = tally.paid.checked_add(paid).ok_or(ArithmeticError::Overflow)?;
					tally.fills = tally.fills.saturating_add(1);
					Self::deposit_event(Event::Filled {
						ticket: id,
						owner: ticket.owner,
						shares,
						paid,
						fee,
						remaining: ticket.shares,
					});
				},
			}
		}
		for (level, done) in &tally.levels {
			Self::reduce_totals(*level, done.shares, done.tickets)?;
		}
		if tally.shares > 0 {
			T::RedemptionVault::settle_locked(tally.shares, tally.paid)?;
		}
		Ok(tally)
	}
}

impl<T: Config> Pallet<T> {
	/// The queue's first entry after the raw key `after`, or its head. Entries removed or moved
	/// since `after` was read do not disturb it.
	fn next_in_queue(after: Option<Vec<u8>>) -> Option<(Position, TicketId)> {
		match after {
			Some(key) => Queue::<T>::iter_from(key).next(),
			None => Queue::<T>::iter().next(),
		}
	}

	/// A ticket passed over for its `min_out` loses its place: it goes to the back of level
	/// zero (its bid, never paid, no longer counts). Tickets that cannot be filled at today's
	/// price therefore never hold the head of the queue: settlement visits a bounded number of
	/// tickets a block, and without this a few hundred unfillable tickets at the top bid level
	/// would stop the queue for everyone behind them.
	fn send_to_back(id: TicketId, ticket: &mut Ticket<T::AccountId>) -> DispatchResult {
		let seq = NextTicketId::<T>::get();
		let next = seq.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		ticket.fee_bps = 0;
		Self::move_in_queue(id, ticket, 0, seq)?;
		NextTicketId::<T>::put(next);
		Ok(())
	}
}

/// The weight one more unit of a benchmark's component adds.
fn per_unit(weight: impl Fn(u32) -> Weight) -> Weight {
	weight(1).saturating_sub(weight(0))
}

/// The bid level a queue key belongs to.
fn level_of(place: &Position) -> BasisPoints {
	let [a, b, ..] = *place;
	BasisPoints::from(u16::MAX.saturating_sub(u16::from_be_bytes([a, b])))
}

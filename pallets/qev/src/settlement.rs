//! Settlement in `on_finalize`: the queue is filled in order from the vault's liquidity.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_runtime::DispatchError;
use usdai_primitives::{traits::RedemptionVault, Balance, BPS_DENOMINATOR};

/// What happened to one ticket this block.
enum Outcome {
	/// Filled (in full or in part) for this much USDai.
	Filled(Balance),
	/// Its `min_out` cannot be met at today's price: passed over.
	Skipped,
	/// Nothing more can be paid this block.
	Exhausted,
}

impl<T: Config> Pallet<T> {
	/// Reserves settlement's work for this block: nothing without liquidity or tickets, else
	/// the fills and skips the waiting tickets can take, within the per-block bounds. Liquidity
	/// or tickets arriving later in the block wait for the next one.
	pub(crate) fn settlement_reserve() -> frame_support::weights::Weight {
		use crate::weights::WeightInfo;
		let waiting = TotalTickets::<T>::get();
		let (fills, skips) = if waiting == 0 || T::Vault::available_liquidity() == 0 {
			(0, 0)
		} else {
			let fills = waiting.min(T::MaxFillsPerBlock::get());
			(fills, waiting.min(T::MaxVisitsPerBlock::get()).saturating_sub(fills))
		};
		Budget::<T>::put((fills, skips));
		T::WeightInfo::settle(fills, skips)
	}

	/// Fills tickets in queue order until liquidity or the reserved budget runs out. Returns
	/// `(fills, visits)`.
	pub(crate) fn do_settle() -> (u32, u32) {
		let (max_fills, max_skips) = Budget::<T>::take();
		let max_visits = max_fills.saturating_add(max_skips);
		let mut liquidity = T::Vault::available_liquidity();
		let mut fills = 0u32;
		let mut visits = 0u32;
		if liquidity == 0 || max_fills == 0 {
			return (fills, visits);
		}
		let next: Vec<TicketId> = Queue::<T>::iter_values().take(max_visits as usize).collect();
		for id in next {
			if fills >= max_fills || liquidity == 0 {
				break;
			}
			visits = visits.saturating_add(1);
			let outcome = frame_support::storage::with_storage_layer(|| Self::fill(id, liquidity));
			match outcome {
				Ok(Outcome::Filled(paid)) => {
					liquidity = liquidity.saturating_sub(paid);
					fills = fills.saturating_add(1);
				},
				Ok(Outcome::Skipped) => Self::deposit_event(Event::Skipped { ticket: id }),
				Ok(Outcome::Exhausted) => break,
				Err(e) => {
					log::error!(target: "runtime::qev", "settling ticket {id} failed: {e:?}");
					break;
				},
			}
		}
		(fills, visits)
	}

	/// Fills as much of `id` as `liquidity` pays for.
	fn fill(id: TicketId, liquidity: Balance) -> Result<Outcome, DispatchError> {
		let Some(mut ticket) = Tickets::<T>::get(id) else { return Ok(Outcome::Skipped) };
		let bps = Balance::from(BPS_DENOMINATOR);
		let keep = bps.saturating_sub(Balance::from(ticket.level));
		let value = T::Vault::redemption_value(ticket.shares)?;
		let net = multiply_by_rational_with_rounding(value, keep, bps, Rounding::Down)
			.ok_or(sp_runtime::ArithmeticError::Overflow)?;
		let shares = if net <= liquidity {
			ticket.shares
		} else {
			// The part the liquidity pays for, rounded down.
			multiply_by_rational_with_rounding(ticket.shares, liquidity, net, Rounding::Down)
				.ok_or(sp_runtime::ArithmeticError::Overflow)?
		};
		if shares == 0 {
			return Ok(Outcome::Exhausted);
		}
		// The least this part must pay: its share of `min_out`, rounded up.
		let floor = multiply_by_rational_with_rounding(
			ticket.min_out,
			shares,
			ticket.requested,
			Rounding::Up,
		)
		.ok_or(sp_runtime::ArithmeticError::Overflow)?;
		let expected = T::Vault::redemption_value(shares)?;
		let expected = multiply_by_rational_with_rounding(expected, keep, bps, Rounding::Down)
			.ok_or(sp_runtime::ArithmeticError::Overflow)?;
		if expected < floor {
			return Ok(Outcome::Skipped);
		}
		let (paid, fee) = T::Vault::redeem_locked(&ticket.owner, shares, ticket.level)?;
		let remaining = ticket.shares.saturating_sub(shares);
		if remaining == 0 {
			Self::close_ticket(id, &ticket)?;
		} else {
			Self::reduce_totals(ticket.level, shares, 0)?;
			ticket.shares = remaining;
			Tickets::<T>::insert(id, &ticket);
		}
		Self::deposit_event(Event::Filled {
			ticket: id,
			owner: ticket.owner,
			shares,
			paid,
			fee,
			remaining,
		});
		Ok(Outcome::Filled(paid))
	}
}

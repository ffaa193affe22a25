//! Idle capital in the T-bill sleeve: moves out to a governance target, NAV reports, recalls.
//!
//! NAV reports are bounded per period, not per report (`NavChangeLimit`): what accepted reports
//! raise the sleeve's value by in a period, and separately what they lower it by, is at most
//! `max_change_bps` of the sleeve's capital. Each report carries the `SleeveSequence` it was
//! measured at (moves and returns booked so far) and counts only at the current one, so a report
//! taken while a move or a return was on its way cannot count it twice or miss it. Relayers vote
//! one report each; another relayer's vote never displaces theirs.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Inspect, UnixTime},
};
use sp_runtime::{traits::Zero, ArithmeticError, Rounding};
use usdai_primitives::{
	bridge::{BridgeVault, ReserveSleeve},
	mul_div, AssetId, Balance, UnixSeconds, BPS_DENOMINATOR,
};

impl<T: Config> Pallet<T> {
	/// Value (USDai base units) of the vault's reserves of every bridged stablecoin.
	pub fn reserves_value() -> Result<Balance, DispatchError> {
		let mut total: Balance = 0;
		for asset in InflowLimits::<T>::iter_keys() {
			let value = T::BridgeVault::reserve(asset)
				.checked_mul(Self::scale(asset)?)
				.ok_or(ArithmeticError::Overflow)?;
			total = total.checked_add(value).ok_or(ArithmeticError::Overflow)?;
		}
		Ok(total)
	}

	/// How much of `asset` moving to the sleeve now would bring it to its target, at most the
	/// reserve less the asset's minimum balance: a move never leaves dust in the reserve (which
	/// pallet-assets would burn with it, unbooked), whatever else the reserve account holds.
	pub fn sleeve_shortfall(asset: AssetId) -> Result<Balance, DispatchError> {
		let sleeve = T::Sleeve::sleeve_value();
		let total = Self::reserves_value()?.checked_add(sleeve).ok_or(ArithmeticError::Overflow)?;
		let desired = mul_div(
			total,
			u128::from(SleeveTarget::<T>::get()),
			u128::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?;
		let short = desired.saturating_sub(sleeve);
		let in_asset =
			short.checked_div(Self::scale(asset)?).ok_or(ArithmeticError::DivisionByZero)?;
		let movable =
			T::BridgeVault::reserve(asset).saturating_sub(T::Assets::minimum_balance(asset));
		Ok(in_asset.min(movable))
	}

	/// How much of `asset` the sleeve holds above its target and not already being recalled:
	/// what recalling it now would bring back (rounded down). Reserves fall below their share
	/// when USDai is redeemed for stablecoins.
	pub fn sleeve_excess(asset: AssetId) -> Result<Balance, DispatchError> {
		let sleeve = T::Sleeve::sleeve_value();
		let total = Self::reserves_value()?.checked_add(sleeve).ok_or(ArithmeticError::Overflow)?;
		let desired = mul_div(
			total,
			u128::from(SleeveTarget::<T>::get()),
			u128::from(BPS_DENOMINATOR),
			Rounding::Up,
		)?;
		let excess = sleeve.saturating_sub(RecallOutstanding::<T>::get()).saturating_sub(desired);
		excess
			.checked_div(Self::scale(asset)?)
			.ok_or_else(|| ArithmeticError::DivisionByZero.into())
	}

	/// Brings the sleeve back to its target with `asset`: above the target, asks for the excess
	/// back (a recall); below it, moves reserve out (only while no recall is outstanding).
	/// Returns the outbound message and the amount.
	pub fn do_rebalance_sleeve(asset: AssetId) -> Result<(MessageNonce, Balance), DispatchError> {
		Self::ensure_running()?;
		Self::ensure_bridged(asset)?;
		let excess = Self::sleeve_excess(asset)?;
		if !excess.is_zero() {
			ensure!(excess >= T::MinSleeveMove::get(), Error::<T>::NothingToMove);
			let nonce = Self::do_request_recall(asset, excess)?;
			return Ok((nonce, excess));
		}
		// Capital does not go out while some is being called back: that would only churn.
		ensure!(RecallOutstanding::<T>::get().is_zero(), Error::<T>::RecallPending);
		let amount = Self::sleeve_shortfall(asset)?;
		ensure!(!amount.is_zero() && amount >= T::MinSleeveMove::get(), Error::<T>::NothingToMove);
		Self::ensure_outbound_room()?;
		let before = T::Sleeve::sleeve_value();
		T::Sleeve::move_to_sleeve(asset, amount)?;
		Self::sleeve_moved(before);
		Self::record_burn(asset, amount)?;
		let nonce = Self::push_outbound(OutboundMessage::ToSleeve { asset, amount })?;
		Self::deposit_event(Event::MovedToSleeve { nonce, asset, amount });
		Ok((nonce, amount))
	}

	/// Asks for `amount` of `asset` back from the sleeve. Returns the outbound message.
	pub fn do_request_recall(
		asset: AssetId,
		amount: Balance,
	) -> Result<MessageNonce, DispatchError> {
		Self::ensure_running()?;
		Self::ensure_bridged(asset)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let value = amount.checked_mul(Self::scale(asset)?).ok_or(ArithmeticError::Overflow)?;
		let outstanding =
			RecallOutstanding::<T>::get().checked_add(value).ok_or(ArithmeticError::Overflow)?;
		ensure!(outstanding <= T::Sleeve::sleeve_value(), Error::<T>::ExceedsSleeve);
		let nonce =
			Self::push_outbound(OutboundMessage::Recall { asset, amount, remaining: amount })?;
		RecallOutstanding::<T>::put(outstanding);
		Self::deposit_event(Event::RecallRequested { nonce, asset, amount });
		Ok(nonce)
	}

	/// Counts `amount` of `asset` returned against recall `recall`; the recall is done when all
	/// of it came back.
	pub(crate) fn complete_recall(
		recall: MessageNonce,
		asset: AssetId,
		amount: Balance,
	) -> DispatchResult {
		let Some(OutboundMessage::Recall { asset: requested, amount: total, remaining }) =
			Outbound::<T>::get(recall)
		else {
			return Err(Error::<T>::InvalidSleeveReturn.into());
		};
		ensure!(requested == asset, Error::<T>::InvalidSleeveReturn);
		let remaining = remaining.checked_sub(amount).ok_or(Error::<T>::InvalidSleeveReturn)?;
		let value = amount.checked_mul(Self::scale(asset)?).ok_or(ArithmeticError::Overflow)?;
		let outstanding =
			RecallOutstanding::<T>::get().checked_sub(value).ok_or(ArithmeticError::Underflow)?;
		RecallOutstanding::<T>::put(outstanding);
		if remaining.is_zero() {
			Outbound::<T>::remove(recall);
			Self::outbound_done(recall);
			Self::deposit_event(Event::OutboundExecuted { nonce: recall });
		} else {
			Outbound::<T>::insert(
				recall,
				OutboundMessage::Recall { asset, amount: total, remaining },
			);
		}
		Ok(())
	}

	/// Books a move to the sleeve or a return from it, after which the sleeve is worth what
	/// [`ReserveSleeve::sleeve_value`] says and was worth `before`: NAV reports measured before
	/// it are stale (votes dropped, sequence moved on), and the period's NAV bound follows the
	/// capital.
	pub(crate) fn sleeve_moved(before: Balance) {
		let after = T::Sleeve::sleeve_value();
		// A u64 counter of sleeve moves cannot wrap.
		SleeveSequence::<T>::mutate(|s| *s = s.saturating_add(1));
		NavVotes::<T>::kill();
		NavChangeWindow::<T>::mutate(|w| {
			w.base = if after >= before {
				w.base.saturating_add(after.saturating_sub(before))
			} else {
				w.base.saturating_sub(before.saturating_sub(after))
			};
		});
	}

	/// The NAV window as of `now`: a new one, based on the sleeve's value, once the period is
	/// over.
	fn nav_window(now: UnixSeconds, limit: &NavLimit) -> NavWindow {
		let window = NavChangeWindow::<T>::get();
		if now.saturating_sub(window.start) >= limit.period {
			NavWindow { start: now, base: T::Sleeve::sleeve_value(), grown: 0, fallen: 0 }
		} else {
			window
		}
	}

	/// Fails unless booking `value` as the sleeve's value now keeps this period's growth, and
	/// its falls, within the NAV limit.
	fn check_nav_change(value: Balance) -> DispatchResult {
		let limit = NavChangeLimit::<T>::get();
		let window = Self::nav_window(T::UnixTime::now().as_secs(), &limit);
		let bound = mul_div(
			window.base,
			u128::from(limit.max_change_bps),
			u128::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?;
		let current = T::Sleeve::sleeve_value();
		let (so_far, change) = if value >= current {
			(window.grown, value.saturating_sub(current))
		} else {
			(window.fallen, current.saturating_sub(value))
		};
		let total = so_far.checked_add(change).ok_or(ArithmeticError::Overflow)?;
		ensure!(total <= bound, Error::<T>::NavChangeTooLarge);
		Ok(())
	}

	/// `who`'s NAV vote that counts, if any.
	fn nav_vote_of(who: &T::AccountId) -> Option<NavReport> {
		NavVotes::<T>::get()
			.filter(|b| b.epoch == RelayerEpoch::<T>::get())
			.and_then(|b| b.votes.iter().find(|(v, _)| v == who).map(|(_, r)| *r))
	}

	/// Checks that `who` may attest `report` now, changing nothing.
	pub fn check_nav_attestation(who: &T::AccountId, report: &NavReport) -> DispatchResult {
		Self::ensure_running()?;
		Self::ensure_relayer(who)?;
		if let Some(last) = LastNav::<T>::get() {
			ensure!(report.timestamp > last.report.timestamp, Error::<T>::StaleReport);
		}
		let now = T::UnixTime::now().as_secs();
		ensure!(
			report.timestamp.saturating_add(T::MaxNavAge::get()) >= now,
			Error::<T>::StaleReport
		);
		ensure!(
			report.timestamp <= now.saturating_add(T::MaxNavClockDrift::get()),
			Error::<T>::ReportFromFuture
		);
		let sequence = SleeveSequence::<T>::get();
		ensure!(report.sequence <= sequence, Error::<T>::ReportFromFuture);
		ensure!(report.sequence == sequence, Error::<T>::StaleReport);
		if let Some(mine) = Self::nav_vote_of(who) {
			ensure!(mine != *report, Error::<T>::AlreadyAttested);
			// A relayer's vote only moves forward.
			ensure!(report.timestamp > mine.timestamp, Error::<T>::StaleReport);
		}
		Self::check_nav_change(report.value)
	}

	/// `who` votes for `report`, replacing its earlier vote; when `Threshold` votes are the
	/// same report it goes to the vault. The first vote since the last acceptance is free.
	pub fn do_attest_nav(who: T::AccountId, report: NavReport) -> DispatchResultWithPostInfo {
		Self::check_nav_attestation(&who, &report)?;
		let epoch = RelayerEpoch::<T>::get();
		let mut ballot = NavVotes::<T>::get()
			.filter(|b| b.epoch == epoch)
			.unwrap_or(NavBallot { epoch, votes: BoundedVec::new() });
		let before = ballot.votes.len();
		ballot.votes.retain(|(v, _)| *v != who);
		let replaced = ballot.votes.len() != before;
		if let Some((_, other)) = ballot.votes.iter().find(|(_, r)| {
			r.timestamp == report.timestamp
				&& r.sequence == report.sequence
				&& r.value != report.value
		}) {
			// Informational: the same moment valued differently. The others' votes stand.
			Self::deposit_event(Event::NavConflict {
				timestamp: report.timestamp,
				attested: other.value,
				conflicting: report.value,
			});
		}
		ballot.votes.try_push((who.clone(), report)).map_err(|_| Error::<T>::InvalidRelayers)?;
		let votes = u32::try_from(ballot.votes.iter().filter(|(_, r)| *r == report).count())
			.unwrap_or(u32::MAX);
		let threshold = Threshold::<T>::get();
		Self::deposit_event(Event::NavAttested { report, relayer: who, votes, threshold });
		if votes >= threshold {
			Self::accept_nav(report)?;
			// Votes for later moments may still gather; the rest are spent or stale.
			ballot.votes.retain(|(_, r)| r.timestamp > report.timestamp);
		}
		if ballot.votes.is_empty() {
			NavVotes::<T>::kill();
		} else {
			NavVotes::<T>::put(ballot);
		}
		// Changing one's vote is not free: a relayer cannot fill blocks with free reports.
		let pays_fee = if replaced { Pays::Yes } else { Pays::No };
		Ok(PostDispatchInfo { actual_weight: Some(T::WeightInfo::attest_nav()), pays_fee })
	}

	/// Reports `report` to the vault and counts the change against the period's NAV bound.
	fn accept_nav(report: NavReport) -> DispatchResult {
		let limit = NavChangeLimit::<T>::get();
		let mut window = Self::nav_window(T::UnixTime::now().as_secs(), &limit);
		let before = T::Sleeve::sleeve_value();
		T::Sleeve::report_sleeve_value(report.value)?;
		let after = T::Sleeve::sleeve_value();
		if after >= before {
			window.grown = window
				.grown
				.checked_add(after.saturating_sub(before))
				.ok_or(ArithmeticError::Overflow)?;
		} else {
			window.fallen = window
				.fallen
				.checked_add(before.saturating_sub(after))
				.ok_or(ArithmeticError::Overflow)?;
		}
		NavChangeWindow::<T>::put(window);
		LastNav::<T>::put(AcceptedNav { report, at: frame_system::Pallet::<T>::block_number() });
		Self::deposit_event(Event::NavAccepted { report });
		Ok(())
	}

	/// Sets the NAV limit.
	pub fn do_set_nav_limit(limit: NavLimit) -> DispatchResult {
		ensure!(
			limit.period > 0 && limit.max_change_bps <= T::MaxNavChangeBps::get(),
			Error::<T>::InvalidNavLimit
		);
		NavChangeLimit::<T>::put(limit);
		Self::deposit_event(Event::NavLimitSet { limit });
		Ok(())
	}
}

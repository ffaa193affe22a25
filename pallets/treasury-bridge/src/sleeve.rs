//! Idle capital in the T-bill sleeve: moves out to a governance target, NAV reports, recalls.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	dispatch::DispatchResultWithPostInfo, ensure, pallet_prelude::*, traits::UnixTime,
};
use sp_runtime::{traits::Zero, ArithmeticError, Rounding};
use usdai_primitives::{
	bridge::{BridgeVault, SleeveRecall},
	mul_div,
	traits::ReserveSleeve,
	AssetId, Balance, BPS_DENOMINATOR,
};

impl<T: Config> Pallet<T> {
	/// Value (USDai base units) of the vault's reserves of every bridged stablecoin.
	pub fn reserves_value() -> Result<Balance, DispatchError> {
		let mut total: Balance = 0;
		for asset in InflowLimits::<T>::iter_keys() {
			let value = T::Vault::reserve(asset)
				.checked_mul(Self::scale(asset)?)
				.ok_or(ArithmeticError::Overflow)?;
			total = total.checked_add(value).ok_or(ArithmeticError::Overflow)?;
		}
		Ok(total)
	}

	/// How much of `asset` moving to the sleeve now would bring it to its target.
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
		Ok(in_asset.min(T::Vault::reserve(asset)))
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
		ensure!(InflowLimits::<T>::contains_key(asset), Error::<T>::UnsupportedAsset);
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
		T::Sleeve::move_to_sleeve(asset, amount)?;
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
		ensure!(InflowLimits::<T>::contains_key(asset), Error::<T>::UnsupportedAsset);
		ensure!(!amount.is_zero(), Error::<T>::AmountZero);
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
			Self::deposit_event(Event::OutboundExecuted { nonce: recall });
		} else {
			Outbound::<T>::insert(
				recall,
				OutboundMessage::Recall { asset, amount: total, remaining },
			);
		}
		Ok(())
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
		let current = T::Sleeve::sleeve_value();
		let change = report.value.abs_diff(current);
		let bound = mul_div(
			current,
			u128::from(T::MaxNavChangeBps::get()),
			u128::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?;
		ensure!(change <= bound, Error::<T>::NavChangeTooLarge);
		if let Some(candidate) = NavCandidate::<T>::get() {
			if candidate.votes.epoch == RelayerEpoch::<T>::get() {
				ensure!(report.timestamp >= candidate.report.timestamp, Error::<T>::StaleReport);
			}
			ensure!(
				candidate.report != *report || !Self::has_voted(&candidate.votes, who),
				Error::<T>::AlreadyAttested
			);
		}
		Ok(())
	}

	/// `who` attests `report`; at the threshold it goes to the vault.
	pub fn do_attest_nav(who: T::AccountId, report: NavReport) -> DispatchResultWithPostInfo {
		Self::check_nav_attestation(&who, &report)?;
		let epoch = RelayerEpoch::<T>::get();
		let mut candidate = match NavCandidate::<T>::get() {
			Some(c) if c.report == report => c,
			Some(c) if c.votes.epoch == epoch && c.report.timestamp == report.timestamp => {
				// The same moment valued differently: neither is trusted.
				NavCandidate::<T>::kill();
				Self::deposit_event(Event::NavConflict {
					timestamp: report.timestamp,
					attested: c.report.value,
					conflicting: report.value,
				});
				return Ok(Self::feeless(T::WeightInfo::attest_nav()));
			},
			// None yet, a newer report, or one gathered under a former relayer set.
			_ => PendingNav { report, votes: Self::new_votes() },
		};
		let votes = Self::add_vote(&mut candidate.votes, &who)?;
		let threshold = Threshold::<T>::get();
		Self::deposit_event(Event::NavAttested { report, relayer: who, votes, threshold });
		if votes >= threshold {
			T::Sleeve::report_sleeve_value(report.value)?;
			NavCandidate::<T>::kill();
			LastNav::<T>::put(AcceptedNav {
				report,
				at: frame_system::Pallet::<T>::block_number(),
			});
			Self::deposit_event(Event::NavAccepted { report });
		} else {
			NavCandidate::<T>::put(candidate);
		}
		Ok(Self::feeless(T::WeightInfo::attest_nav()))
	}
}

impl<T: Config> SleeveRecall for Pallet<T> {
	fn request_recall(asset: AssetId, amount: Balance) -> DispatchResult {
		Self::do_request_recall(asset, amount).map(|_| ())
	}

	fn recall_outstanding() -> Balance {
		RecallOutstanding::<T>::get()
	}
}

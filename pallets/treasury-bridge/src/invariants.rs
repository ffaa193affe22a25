//! Invariants of the bridge, checked by `try_state` (and after every unit test).

use crate::{pallet::*, types::*};
use alloc::collections::btree_set::BTreeSet;
use frame_support::traits::{fungibles::Inspect, Contains, Get};
use sp_runtime::TryRuntimeError;
use usdai_primitives::{AssetId, Balance};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the bridge.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_supply()?;
		Self::check_relayers()?;
		Self::check_channels()?;
		Self::check_queues()?;
		Self::check_held()?;
		Self::check_outbound()?;
		Self::check_withdrawals()?;
		Self::check_nav()?;
		Self::check_signers()?;
		Ok(())
	}

	/// Keys and their owners agree; signer sets are sorted, unique, within the history and with a
	/// threshold they can reach; stored signatures are of waiting messages, each signer once and
	/// a member of the set it signed under.
	fn check_signers() -> Result<(), TryRuntimeError> {
		for (relayer, key) in RelayerEvmKeys::<T>::iter() {
			if EvmKeyOwner::<T>::get(key).as_ref() != Some(&relayer) {
				return Err("a relayer's EVM key is owned by another account".into());
			}
		}
		let epoch = SignerEpoch::<T>::get();
		if epoch > 0 && !SignerSets::<T>::contains_key(epoch) {
			return Err("the current signer set is missing".into());
		}
		for (number, set) in SignerSets::<T>::iter() {
			if number == 0 || number > epoch || epoch.saturating_sub(number) >= SIGNER_SET_HISTORY {
				return Err("a signer set outside the kept history".into());
			}
			if set.signers.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
				return Err("signer set not sorted or not unique".into());
			}
			if set.threshold == 0 || set.threshold as usize > set.signers.len() {
				return Err("signer set threshold out of range".into());
			}
		}
		for (number, signatures) in SignerSetSignatures::<T>::iter() {
			if !SignerSets::<T>::contains_key(number) {
				return Err("rotation signatures of a forgotten set".into());
			}
			// The oldest kept set's signers' set may be gone already.
			if let Some(previous) = number.checked_sub(1).and_then(SignerSets::<T>::get) {
				Self::check_signature_list(&signatures, &previous.signers)?;
			}
		}
		for (nonce, stored) in OutboundSignatures::<T>::iter() {
			if !Outbound::<T>::contains_key(nonce) {
				return Err("signatures of an outbound message that is not waiting".into());
			}
			if stored.epoch > epoch {
				return Err("outbound signatures of a future signer set".into());
			}
			if let Some(set) = SignerSets::<T>::get(stored.epoch) {
				Self::check_signature_list(&stored.signatures, &set.signers)?;
			}
		}
		Ok(())
	}

	/// Each signer at most once, each a member of `signers`.
	fn check_signature_list(
		signatures: &[(EvmAddress, EcdsaSignature)],
		signers: &[EvmAddress],
	) -> Result<(), TryRuntimeError> {
		let mut seen = BTreeSet::new();
		for (signer, _) in signatures {
			if !seen.insert(*signer) || signers.binary_search(signer).is_err() {
				return Err("a signature by a key twice or outside its set".into());
			}
		}
		Ok(())
	}

	/// Bridged supply of every asset = credited − withdrawn: nothing but the bridge's verified
	/// paths minted or burnt it, and no debit burnt unbooked dust. Only `Stablecoins` are
	/// bridged.
	fn check_supply() -> Result<(), TryRuntimeError> {
		if InflowLimits::<T>::count() > T::MaxAssets::get()
			|| InflowLimits::<T>::iter().count() != InflowLimits::<T>::count() as usize
		{
			return Err("asset count out of bounds or out of sync".into());
		}
		for (asset, totals) in Bridged::<T>::iter() {
			if !InflowLimits::<T>::contains_key(asset) {
				return Err("bridged totals of an asset that is not bridged".into());
			}
			let expected = totals
				.credited
				.checked_sub(totals.withdrawn)
				.ok_or("more withdrawn than credited")?;
			if T::Assets::total_issuance(asset) != expected {
				return Err("bridged supply differs from credited minus withdrawn".into());
			}
		}
		for asset in InflowLimits::<T>::iter_keys() {
			if !T::Stablecoins::contains(&asset) {
				return Err("a bridged asset that is not one of the bridge's stablecoins".into());
			}
			if !Bridged::<T>::contains_key(asset) && T::Assets::total_issuance(asset) != 0 {
				return Err("supply of a bridged asset the bridge did not mint".into());
			}
		}
		Ok(())
	}

	/// The relayer set is sorted, unique, and its threshold at least ⌈2n/3⌉.
	fn check_relayers() -> Result<(), TryRuntimeError> {
		let relayers = Relayers::<T>::get();
		if relayers.windows(2).any(|w| matches!(w, [a, b] if a >= b)) {
			return Err("relayers not sorted or not unique".into());
		}
		let n = relayers.len() as u32;
		let threshold = Threshold::<T>::get();
		if n > 0 && (threshold < Self::min_threshold(n) || threshold > n || threshold == 0) {
			return Err("threshold below two thirds or above the relayer count".into());
		}
		Ok(())
	}

	/// Each nonce below a channel's next one was credited or skipped exactly once, and only the
	/// next one gathers attestations: no nonce is credited twice.
	fn check_channels() -> Result<(), TryRuntimeError> {
		if Channels::<T>::count() > T::MaxChannels::get()
			|| Channels::<T>::iter().count() != Channels::<T>::count() as usize
		{
			return Err("channel count out of bounds or out of sync".into());
		}
		for state in Channels::<T>::iter_values() {
			if state.credited.checked_add(state.skipped) != Some(state.next_nonce) {
				return Err("a channel's nonces are not each credited or skipped once".into());
			}
		}
		let relayers = Relayers::<T>::get();
		for (channel, pending) in PendingDeposits::<T>::iter() {
			let state = Channels::<T>::get(channel).ok_or("attestations on an unknown channel")?;
			if pending.deposit.channel != channel || pending.deposit.nonce != state.next_nonce {
				return Err("attestations for a nonce other than the channel's next".into());
			}
			if pending.digest != Self::deposit_digest(&pending.deposit) {
				return Err("attested digest does not match the contents".into());
			}
			if let Some(pinned) = state.pinned {
				if pinned != pending.digest {
					return Err("attestations for contents governance did not accept".into());
				}
			}
			Self::check_votes(&pending.votes, &relayers)?;
		}
		Ok(())
	}

	/// Votes are unique; under the current set they are relayers' and below the threshold.
	fn check_votes(
		votes: &Votes<T::AccountId, T::MaxRelayers>,
		relayers: &[T::AccountId],
	) -> Result<(), TryRuntimeError> {
		let unique: BTreeSet<&T::AccountId> = votes.voters.iter().collect();
		if unique.len() != votes.voters.len() {
			return Err("a relayer voted twice".into());
		}
		if votes.epoch == RelayerEpoch::<T>::get() {
			if votes.voters.iter().any(|v| relayers.binary_search(v).is_err()) {
				return Err("a vote of a non-relayer".into());
			}
			if votes.voters.len() as u32 >= Threshold::<T>::get() {
				return Err("votes reached the threshold but were not acted on".into());
			}
		}
		Ok(())
	}

	/// Queues hold exactly their entries `head..tail`, each a credited nonce's rest, each nonce
	/// at most once, within bounds, and their totals add up.
	fn check_queues() -> Result<(), TryRuntimeError> {
		let mut seen = BTreeSet::new();
		for (asset, queue) in Queues::<T>::iter() {
			if queue.head > queue.tail || queue.len() > u64::from(T::MaxQueuedPerAsset::get()) {
				return Err("queue out of bounds".into());
			}
			let mut total: Balance = 0;
			for index in queue.head..queue.tail {
				let entry = CreditQueue::<T>::get(asset, index).ok_or("queue entry missing")?;
				if entry.amount == 0 {
					return Err("empty queue entry".into());
				}
				let state =
					Channels::<T>::get(entry.channel).ok_or("queued from unknown channel")?;
				if entry.nonce >= state.next_nonce {
					return Err("queued credit of a nonce not yet credited".into());
				}
				if !seen.insert((entry.channel, entry.nonce)) {
					return Err("a nonce queued twice".into());
				}
				total = total.checked_add(entry.amount).ok_or("queue total overflows")?;
			}
			if total != queue.total {
				return Err("queue total differs from its entries".into());
			}
		}
		if CreditQueue::<T>::iter().count() != seen.len() {
			return Err("queue entries outside their queue".into());
		}
		Ok(())
	}

	/// Held credits are of credited nonces that are not also queued, within bounds, of bridged
	/// assets, and each asset's held total adds up.
	fn check_held() -> Result<(), TryRuntimeError> {
		if HeldCredits::<T>::count() > T::MaxHeldCredits::get()
			|| HeldCredits::<T>::iter().count() != HeldCredits::<T>::count() as usize
		{
			return Err("held credits out of bounds or out of sync".into());
		}
		let mut queued = BTreeSet::new();
		for entry in CreditQueue::<T>::iter_values() {
			queued.insert((entry.channel, entry.nonce));
		}
		let mut totals: alloc::collections::btree_map::BTreeMap<AssetId, Balance> =
			Default::default();
		for ((channel, nonce), held) in HeldCredits::<T>::iter() {
			let state = Channels::<T>::get(channel).ok_or("held from unknown channel")?;
			if nonce >= state.next_nonce {
				return Err("held credit of a nonce not yet credited".into());
			}
			if queued.contains(&(channel, nonce)) {
				return Err("a nonce both held and queued".into());
			}
			if held.amount == 0 || !InflowLimits::<T>::contains_key(held.asset) {
				return Err("empty held credit or of an asset not bridged".into());
			}
			let total = totals.entry(held.asset).or_default();
			*total = total.checked_add(held.amount).ok_or("held total overflows")?;
		}
		for (asset, total) in HeldTotal::<T>::iter() {
			if totals.remove(&asset) != Some(total) {
				return Err("held total differs from the held credits".into());
			}
		}
		if !totals.is_empty() {
			return Err("held credits without a held total".into());
		}
		Ok(())
	}

	/// The withdrawal counts match the waiting withdrawal messages and their bounds.
	fn check_withdrawals() -> Result<(), TryRuntimeError> {
		let mut mine: alloc::collections::btree_map::BTreeMap<T::AccountId, u32> =
			Default::default();
		let mut all: u32 = 0;
		for message in Outbound::<T>::iter_values() {
			if let OutboundMessage::Withdrawal { who, .. } = message {
				let n = mine.entry(who).or_default();
				*n = n.checked_add(1).ok_or("withdrawal count overflows")?;
				all = all.checked_add(1).ok_or("withdrawal count overflows")?;
			}
		}
		if all != PendingWithdrawalCount::<T>::get() || all > T::MaxPendingWithdrawals::get() {
			return Err("withdrawal count differs from the messages or above its bound".into());
		}
		for (who, n) in PendingWithdrawals::<T>::iter() {
			if n > T::MaxWithdrawalsPerAccount::get() || mine.remove(&who) != Some(n) {
				return Err("an account's withdrawal count is wrong or above its bound".into());
			}
		}
		if !mine.is_empty() {
			return Err("withdrawals not counted for their account".into());
		}
		Ok(())
	}

	/// Outbound messages are numbered below the next number and bounded; votes are for
	/// confirmable messages; the recall total adds up.
	fn check_outbound() -> Result<(), TryRuntimeError> {
		let next = NextOutboundNonce::<T>::get();
		if Outbound::<T>::count() > T::MaxPendingOutbound::get()
			|| Outbound::<T>::iter().count() != Outbound::<T>::count() as usize
		{
			return Err("outbound messages out of bounds or out of sync".into());
		}
		let mut recalls: Balance = 0;
		for (nonce, message) in Outbound::<T>::iter() {
			if nonce >= next {
				return Err("outbound message numbered ahead of the counter".into());
			}
			if let OutboundMessage::Recall { asset, amount, remaining } = message {
				if remaining == 0 || remaining > amount {
					return Err("recall with nothing or too much remaining".into());
				}
				let scale = Self::scale(asset).map_err(|_| "recall of an unknown asset")?;
				let value = remaining.checked_mul(scale).ok_or("recall value overflows")?;
				recalls = recalls.checked_add(value).ok_or("recall total overflows")?;
			}
		}
		if recalls != RecallOutstanding::<T>::get() {
			return Err("outstanding recall differs from the recall messages".into());
		}
		let relayers = Relayers::<T>::get();
		for (nonce, votes) in OutboundVotes::<T>::iter() {
			match Outbound::<T>::get(nonce) {
				None | Some(OutboundMessage::Recall { .. }) => {
					return Err("confirmations of no confirmable message".into())
				},
				Some(_) => Self::check_votes(&votes, &relayers)?,
			}
		}
		Ok(())
	}

	/// Each relayer votes at most once, for a report newer than the last accepted one and measured
	/// at the current sleeve sequence, and no report has gathered the threshold unaccepted; the
	/// NAV limit and the sleeve target are in bounds.
	fn check_nav() -> Result<(), TryRuntimeError> {
		if let Some(ballot) = NavVotes::<T>::get() {
			if ballot.epoch == RelayerEpoch::<T>::get() {
				let relayers = Relayers::<T>::get();
				let voters: BTreeSet<&T::AccountId> = ballot.votes.iter().map(|(v, _)| v).collect();
				if voters.len() != ballot.votes.len() {
					return Err("a relayer has two NAV votes".into());
				}
				if voters.iter().any(|v| relayers.binary_search(v).is_err()) {
					return Err("a NAV vote of a non-relayer".into());
				}
				let last = LastNav::<T>::get().map(|l| l.report.timestamp);
				for (_, report) in ballot.votes.iter() {
					if last.is_some_and(|t| report.timestamp <= t) {
						return Err("a stale NAV report is pending".into());
					}
					if report.sequence != SleeveSequence::<T>::get() {
						return Err("a NAV vote measured at another sleeve sequence".into());
					}
					let votes = ballot.votes.iter().filter(|(_, r)| r == report).count();
					if votes as u32 >= Threshold::<T>::get() {
						return Err("NAV votes reached the threshold but were not acted on".into());
					}
				}
			}
		}
		let limit = NavChangeLimit::<T>::get();
		if limit.period == 0 || limit.max_change_bps > T::MaxNavChangeBps::get() {
			return Err("NAV limit out of bounds".into());
		}
		if SleeveTarget::<T>::get() > T::MaxSleeveTargetBps::get() {
			return Err("sleeve target above its bound".into());
		}
		Ok(())
	}
}

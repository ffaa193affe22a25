//! Governance and emergency: the relayer set and threshold, channels, bridged assets and their
//! inflow limits, conflict resolution, the sleeve target, halting.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{metadata::Inspect as MetadataInspect, roles, Inspect},
		Contains,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, ArithmeticError};
use usdai_primitives::{AssetId, Balance, BasisPoints};

impl<T: Config> Pallet<T> {
	/// The bridge's account: owner of the bridged stablecoins.
	pub fn account_id() -> T::AccountId {
		use sp_runtime::traits::AccountIdConversion;
		T::PalletId::get().into_account_truncating()
	}

	/// The least threshold for `n` relayers: ⌈2n/3⌉.
	pub fn min_threshold(n: u32) -> u32 {
		// In u64, 2n + 2 cannot overflow for any u32 `n`.
		let two_n = u64::from(n).saturating_mul(2);
		let min = two_n.saturating_add(2).checked_div(3).unwrap_or_default();
		u32::try_from(min).unwrap_or(u32::MAX)
	}

	/// Replaces the relayer set. Votes under the previous set stop counting.
	pub fn do_set_relayers(relayers: Vec<T::AccountId>, threshold: u32) -> DispatchResult {
		let n = relayers.len();
		let mut sorted = relayers;
		sorted.sort();
		sorted.dedup();
		ensure!(sorted.len() == n && n > 0, Error::<T>::InvalidRelayers);
		let set: BoundedVec<T::AccountId, T::MaxRelayers> =
			sorted.try_into().map_err(|_| Error::<T>::InvalidRelayers)?;
		let n = u32::try_from(n).map_err(|_| Error::<T>::InvalidRelayers)?;
		ensure!(
			threshold >= Self::min_threshold(n) && threshold <= n && threshold > 0,
			Error::<T>::InvalidThreshold
		);
		let epoch = RelayerEpoch::<T>::get().checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Relayers::<T>::put(set);
		Threshold::<T>::put(threshold);
		RelayerEpoch::<T>::put(epoch);
		Self::deposit_event(Event::RelayersSet { relayers: n, threshold, epoch });
		// The gateway's signers follow the relayers once each of them has a key.
		Self::refresh_signer_set()
	}

	/// Whether `who` is a relayer now.
	pub fn is_relayer(who: &T::AccountId) -> bool {
		Relayers::<T>::get().binary_search(who).is_ok()
	}

	/// Fails unless `who` is a relayer.
	pub(crate) fn ensure_relayer(who: &T::AccountId) -> DispatchResult {
		ensure!(Self::is_relayer(who), Error::<T>::NotRelayer);
		Ok(())
	}

	/// Fails when the bridge is halted.
	pub(crate) fn ensure_running() -> DispatchResult {
		ensure!(!Halted::<T>::get(), Error::<T>::BridgeHalted);
		Ok(())
	}

	/// Opens `channel` at nonce 0.
	pub fn do_open_channel(channel: ChannelId) -> DispatchResult {
		ensure!(!Channels::<T>::contains_key(channel), Error::<T>::ChannelExists);
		ensure!(Channels::<T>::count() < T::MaxChannels::get(), Error::<T>::TooManyChannels);
		Channels::<T>::insert(channel, ChannelState::default());
		Self::deposit_event(Event::ChannelOpened { channel });
		Ok(())
	}

	/// Fails unless `asset` is a stablecoin the bridge bridges now: one of `Stablecoins` with an
	/// inflow limit. Every call and path that takes an asset goes through it.
	pub(crate) fn ensure_bridged(asset: AssetId) -> DispatchResult {
		ensure!(
			T::Stablecoins::contains(&asset) && InflowLimits::<T>::contains_key(asset),
			Error::<T>::UnsupportedAsset
		);
		Ok(())
	}

	/// Fails unless the bridge may bridge `asset`: one of `Stablecoins` that exists and whose
	/// owner, issuer and admin is the bridge's account, so that nobody else can mint or burn it
	/// (or hand those powers on) around the bridge's books.
	pub(crate) fn ensure_bridgeable(asset: AssetId) -> DispatchResult {
		let bridge = Some(Self::account_id());
		ensure!(
			T::Stablecoins::contains(&asset)
				&& <T::Assets as roles::Inspect<T::AccountId>>::owner(asset) == bridge
				&& <T::Assets as roles::Inspect<T::AccountId>>::issuer(asset) == bridge
				&& <T::Assets as roles::Inspect<T::AccountId>>::admin(asset) == bridge,
			Error::<T>::NotBridgeable
		);
		Ok(())
	}

	/// Adds, changes or (with `None`) removes a bridged asset.
	pub fn do_set_inflow_limit(
		asset: AssetId,
		limit: Option<InflowLimit<BlockNumberFor<T>>>,
	) -> DispatchResult {
		match limit {
			Some(l) => {
				ensure!(
					!l.period.is_zero() && !l.max_per_period.is_zero(),
					Error::<T>::InvalidInflowLimit
				);
				Self::ensure_bridgeable(asset)?;
				Self::scale(asset)?;
				if !InflowLimits::<T>::contains_key(asset) {
					ensure!(
						InflowLimits::<T>::count() < T::MaxAssets::get(),
						Error::<T>::TooManyAssets
					);
				}
				InflowLimits::<T>::insert(asset, l);
			},
			None => {
				ensure!(InflowLimits::<T>::contains_key(asset), Error::<T>::UnsupportedAsset);
				ensure!(
					Queues::<T>::get(asset).is_empty()
						&& HeldTotal::<T>::get(asset).is_zero()
						&& T::Assets::total_issuance(asset).is_zero(),
					Error::<T>::AssetInUse
				);
				InflowLimits::<T>::remove(asset);
				Inflow::<T>::remove(asset);
				Queues::<T>::remove(asset);
				Bridged::<T>::remove(asset);
			},
		}
		Self::deposit_event(Event::InflowLimitSet { asset, limit });
		Ok(())
	}

	/// USDai base units per base unit of `asset`: `10^(18 − decimals)`.
	pub(crate) fn scale(asset: AssetId) -> Result<Balance, DispatchError> {
		let decimals = T::Assets::decimals(asset);
		let exp = usdai_primitives::assets::USDAI_DECIMALS
			.checked_sub(decimals)
			.ok_or(Error::<T>::InvalidDecimals)?;
		Ok(10u128.checked_pow(u32::from(exp)).ok_or(ArithmeticError::Overflow)?)
	}

	/// Settles `channel`'s next nonce as governance decided.
	pub fn do_resolve_conflict(channel: ChannelId, resolution: Resolution) -> DispatchResult {
		let mut state = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
		let nonce = state.next_nonce;
		state.frozen = false;
		state.pinned = None;
		match resolution {
			Resolution::Reattest => {},
			Resolution::Accept(digest) => state.pinned = Some(digest),
			Resolution::Skip => {
				state.next_nonce = nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
				state.skipped = state.skipped.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			},
		}
		PendingDeposits::<T>::remove(channel);
		Channels::<T>::insert(channel, state);
		Self::deposit_event(Event::ConflictResolved { channel, nonce, resolution });
		Ok(())
	}

	/// Sets the sleeve target.
	pub fn do_set_sleeve_target(bps: BasisPoints) -> DispatchResult {
		ensure!(bps <= T::MaxSleeveTargetBps::get(), Error::<T>::TargetTooHigh);
		SleeveTarget::<T>::put(bps);
		Self::deposit_event(Event::SleeveTargetSet { bps });
		Ok(())
	}

	/// Halts (`true`) or resumes the bridge.
	pub fn do_set_halted(halted: bool) -> DispatchResult {
		Halted::<T>::put(halted);
		Self::deposit_event(if halted { Event::Halted } else { Event::Resumed });
		Ok(())
	}

	/// Counts `who`'s vote in `votes` under the current relayer set (votes cast under an older
	/// set are dropped first). Returns the number of votes.
	pub(crate) fn add_vote(
		votes: &mut Votes<T::AccountId, T::MaxRelayers>,
		who: &T::AccountId,
	) -> Result<u32, DispatchError> {
		let epoch = RelayerEpoch::<T>::get();
		if votes.epoch != epoch {
			votes.epoch = epoch;
			votes.voters.clear();
		}
		ensure!(!votes.voters.contains(who), Error::<T>::AlreadyAttested);
		votes.voters.try_push(who.clone()).map_err(|_| Error::<T>::InvalidRelayers)?;
		Ok(u32::try_from(votes.voters.len()).unwrap_or(u32::MAX))
	}

	/// Whether `who` has a vote that counts in `votes`.
	pub(crate) fn has_voted(
		votes: &Votes<T::AccountId, T::MaxRelayers>,
		who: &T::AccountId,
	) -> bool {
		votes.epoch == RelayerEpoch::<T>::get() && votes.voters.contains(who)
	}

	/// Fresh votes under the current relayer set.
	pub(crate) fn new_votes() -> Votes<T::AccountId, T::MaxRelayers> {
		Votes { epoch: RelayerEpoch::<T>::get(), voters: BoundedVec::new() }
	}
}

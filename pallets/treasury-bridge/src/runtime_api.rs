//! Runtime API of the bridge. Polkadot.js: `api.call.treasuryBridgeApi.bridgeState()`,
//! `.channels()`, `.outbound(from, max)`.

use crate::{
	AcceptedNav, BridgedTotals, ChannelId, ChannelState, Deposit, InflowLimit, MessageNonce,
	NavLimit, NavReport, NavWindow, OutboundMessage, QueueIndex,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;
use usdai_primitives::{AssetId, Balance, BasisPoints};

/// A channel: its next nonce and the attestations gathered for it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ChannelView<AccountId> {
	/// The channel.
	pub channel: ChannelId,
	/// Its next nonce, whether it is frozen and what governance pinned.
	pub state: ChannelState,
	/// The contents attested for the next nonce, their digest and the relayers who attested
	/// them under the current set.
	pub pending: Option<(Deposit<AccountId>, H256, Vec<AccountId>)>,
}

/// A bridged stablecoin.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct AssetView<BlockNumber> {
	/// The asset.
	pub asset: AssetId,
	/// Its inflow limit.
	pub limit: InflowLimit<BlockNumber>,
	/// Allowance left in the current period.
	pub allowance: Balance,
	/// Its credit queue.
	pub queue: QueueIndex,
	/// What of it is held aside (credits that could not be carried out), in base units.
	pub held: Balance,
	/// Minted and burnt by the bridge.
	pub totals: BridgedTotals,
}

/// The bridge at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct BridgeState<AccountId, BlockNumber> {
	/// Whether it is halted.
	pub halted: bool,
	/// The relayers.
	pub relayers: Vec<AccountId>,
	/// Their threshold.
	pub threshold: u32,
	/// The relayer set's epoch.
	pub epoch: u32,
	/// The number the next outbound message gets.
	pub next_outbound_nonce: MessageNonce,
	/// Outbound messages waiting.
	pub pending_outbound: u32,
	/// Of which withdrawals.
	pub pending_withdrawals: u32,
	/// Credits held aside.
	pub held_credits: u32,
	/// The bridged stablecoins.
	pub assets: Vec<AssetView<BlockNumber>>,
	/// The sleeve's value in the vault's books (USDai base units).
	pub sleeve_value: Balance,
	/// The sleeve target, in basis points of the reserves.
	pub sleeve_target_bps: BasisPoints,
	/// Value of recalls not yet returned.
	pub recall_outstanding: Balance,
	/// The last accepted NAV report.
	pub last_nav: Option<AcceptedNav<BlockNumber>>,
	/// The NAV report with the most votes and their number.
	pub nav_candidate: Option<(NavReport, u32)>,
	/// The sleeve sequence NAV reports must be measured at.
	pub sleeve_sequence: u64,
	/// How far NAV reports may move the sleeve's value per period.
	pub nav_limit: NavLimit,
	/// What NAV reports changed in the current period.
	pub nav_window: NavWindow,
}

sp_api::decl_runtime_apis! {
	/// Bridge state for relayers and clients.
	pub trait TreasuryBridgeApi<AccountId, BlockNumber> where
		AccountId: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// Relayers, outbound numbering, assets and queues, sleeve NAV.
		fn bridge_state() -> BridgeState<AccountId, BlockNumber>;
		/// Every channel with its next nonce and pending attestations.
		fn channels() -> Vec<ChannelView<AccountId>>;
		/// Up to `max` waiting outbound messages numbered from `from`, with their confirmations.
		fn outbound(from: MessageNonce, max: u32) -> Vec<(MessageNonce, OutboundMessage<AccountId>, u32)>;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// Votes that count under the current relayer set.
	fn counting(votes: &crate::Votes<T::AccountId, T::MaxRelayers>) -> Vec<T::AccountId> {
		if votes.epoch == crate::RelayerEpoch::<T>::get() {
			votes.voters.to_vec()
		} else {
			Vec::new()
		}
	}

	/// What [`TreasuryBridgeApi::bridge_state`] returns.
	pub fn bridge_state(
	) -> BridgeState<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>> {
		use sp_runtime::Saturating;
		use usdai_primitives::bridge::ReserveSleeve;
		let now = frame_system::Pallet::<T>::block_number();
		let assets = crate::InflowLimits::<T>::iter()
			.map(|(asset, limit)| {
				let window = crate::Inflow::<T>::get(asset);
				let used = if now.saturating_sub(window.start) >= limit.period {
					0
				} else {
					window.credited
				};
				AssetView {
					asset,
					limit,
					allowance: limit.max_per_period.saturating_sub(used),
					queue: crate::Queues::<T>::get(asset),
					held: crate::HeldTotal::<T>::get(asset),
					totals: crate::Bridged::<T>::get(asset),
				}
			})
			.collect();
		BridgeState {
			halted: crate::Halted::<T>::get(),
			relayers: crate::Relayers::<T>::get().to_vec(),
			threshold: crate::Threshold::<T>::get(),
			epoch: crate::RelayerEpoch::<T>::get(),
			next_outbound_nonce: crate::NextOutboundNonce::<T>::get(),
			pending_outbound: crate::Outbound::<T>::count(),
			pending_withdrawals: crate::PendingWithdrawalCount::<T>::get(),
			held_credits: crate::HeldCredits::<T>::count(),
			assets,
			sleeve_value: T::Sleeve::sleeve_value(),
			sleeve_target_bps: crate::SleeveTarget::<T>::get(),
			recall_outstanding: crate::RecallOutstanding::<T>::get(),
			last_nav: crate::LastNav::<T>::get(),
			nav_candidate: Self::leading_nav(),
			sleeve_sequence: crate::SleeveSequence::<T>::get(),
			nav_limit: crate::NavChangeLimit::<T>::get(),
			nav_window: crate::NavChangeWindow::<T>::get(),
		}
	}

	/// The NAV report with the most votes that count, and their number.
	fn leading_nav() -> Option<(NavReport, u32)> {
		let ballot =
			crate::NavVotes::<T>::get().filter(|b| b.epoch == crate::RelayerEpoch::<T>::get())?;
		ballot
			.votes
			.iter()
			.map(|(_, r)| (*r, ballot.votes.iter().filter(|(_, o)| o == r).count() as u32))
			.max_by_key(|(r, n)| (*n, r.timestamp))
	}

	/// What [`TreasuryBridgeApi::channels`] returns.
	pub fn channel_views() -> Vec<ChannelView<T::AccountId>> {
		crate::Channels::<T>::iter()
			.map(|(channel, state)| ChannelView {
				channel,
				state,
				pending: crate::PendingDeposits::<T>::get(channel)
					.map(|p| (p.deposit.clone(), p.digest, Self::counting(&p.votes))),
			})
			.collect()
	}

	/// What [`TreasuryBridgeApi::outbound`] returns.
	pub fn outbound_view(
		from: MessageNonce,
		max: u32,
	) -> Vec<(MessageNonce, OutboundMessage<T::AccountId>, u32)> {
		// At most `MaxPendingOutbound` messages wait.
		let mut waiting: Vec<(MessageNonce, OutboundMessage<T::AccountId>, u32)> =
			crate::Outbound::<T>::iter()
				.filter(|(nonce, _)| *nonce >= from)
				.map(|(nonce, m)| {
					let votes = crate::OutboundVotes::<T>::get(nonce)
						.map(|v| Self::counting(&v).len() as u32)
						.unwrap_or_default();
					(nonce, m, votes)
				})
				.collect();
		waiting.sort_by_key(|(nonce, _, _)| *nonce);
		waiting.into_iter().take(max as usize).collect()
	}
}

//! Settles the Allo points of every account whose USDai or sUSDai balance changed, at the end of
//! the block it changed in, so that points are exact under any sequence of transfers
//! (`points.rs` explains the accrual).
//!
//! pallet-assets has no transfer hook, but it asks its `Freezer` for the frozen balance of every
//! account it debits (every transfer of any kind, burns, `fungibles` calls from other pallets),
//! and tells it when an account dies. The vault is that `Freezer` (its `FrozenBalance`
//! implementation is in `impls.rs`): it freezes nothing (always `None`) and marks the debited
//! account `pending` (its record, plus a bounded per-block list, [`PointsPending`]). In
//! `on_finalize` the receivers are read from the block's pallet-assets `Transferred` events
//! ([`TransferEvents`]) and every receiver and pending account is observed at the balances it
//! ends the block with (and its mark cleared).
//!
//! Weight: the first USDai or sUSDai debit of a block registers the fixed part of the work its
//! `on_finalize` will do; each debit registers the settlement of one receiver and the reading
//! of the events deposited since the debit before (the lookup reads no further than just past
//! the last debit); each newly marked account registers its own settlement. So a block pays,
//! while it fills, for the work of its `on_finalize`, and the hook itself costs a transfer a
//! constant handful of storage accesses (`points_note_debit`, part of pallet-assets' transfer
//! weights once they are benchmarked with this hook wired).
//!
//! Bounds only ever under-credit: a debited account that finds the list full is recorded as
//! holding nothing until it is observed again; a receiver beyond the events read earns from its
//! next observation.

use crate::{pallet::*, points::ShareRate, weights::WeightInfo, PointsRecord};
use alloc::collections::BTreeSet;
use core::marker::PhantomData;
use frame_support::{
	dispatch::DispatchClass, pallet_prelude::*, traits::Get, weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Zero},
	Saturating,
};
use usdai_primitives::AssetId;

/// Reads the receiver of a token transfer from a runtime event.
pub trait TransferEvents<RuntimeEvent, AccountId> {
	/// `Some((asset, to))` when `event` reports a transfer of a positive amount of `asset` to
	/// `to` (each follows a debit; a zero transfer debits nothing and must not count).
	fn credited(event: RuntimeEvent) -> Option<(AssetId, AccountId)>;
}

/// pallet-assets' transfer events (`Transferred`, which every transfer deposits, and
/// `TransferredApproved`) of positive amounts (`fungibles::Mutate::transfer` of nothing, e.g.
/// `transfer_all` from an empty account, still deposits one).
pub struct AssetTransfers<T, I = ()>(PhantomData<(T, I)>);

impl<T, I> AssetTransfers<T, I>
where
	T: pallet_assets::Config<I, AssetId = AssetId>,
	I: 'static,
	<T as frame_system::Config>::RuntimeEvent: TryInto<pallet_assets::Event<T, I>>,
{
	/// The asset and receiver of `event` when it is a pallet-assets transfer of a positive
	/// amount: what [`TransferEvents::credited`] reads.
	pub(crate) fn receiver(
		event: <T as frame_system::Config>::RuntimeEvent,
	) -> Option<(AssetId, T::AccountId)> {
		match event.try_into().ok()? {
			pallet_assets::Event::Transferred { asset_id, to, amount, .. } if !amount.is_zero() => {
				Some((asset_id, to))
			},
			pallet_assets::Event::TransferredApproved { asset_id, destination, amount, .. }
				if !amount.is_zero() =>
			{
				Some((asset_id, destination))
			},
			_ => None,
		}
	}
}

/// Events a transfer may deposit between its debit and its `Transferred` event (a new account's
/// `System::NewAccount`, with room to spare).
pub(crate) const EVENTS_AFTER_DEBIT: u32 = 4;

/// What marking an account `pending` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
	/// Newly marked and listed.
	New,
	/// Already marked in this block.
	Already,
	/// The list is full: not marked.
	Full,
}

impl<T: Config> Pallet<T> {
	/// Whether `asset` earns points (USDai or sUSDai).
	fn is_points_asset(asset: AssetId) -> bool {
		asset == T::UsdaiAsset::get() || asset == T::SusdaiAsset::get()
	}

	/// Adds `weight` to the block's, for work `on_finalize` will do because of this block's
	/// transactions (as normal-class weight, so that later transactions see the block fuller).
	fn register(weight: Weight) {
		frame_system::Pallet::<T>::register_extra_weight_unchecked(weight, DispatchClass::Normal);
	}

	/// Settling one more pending account at the end of the block.
	pub(crate) fn settle_one_weight() -> Weight {
		T::WeightInfo::points_settle(1).saturating_sub(T::WeightInfo::points_settle(0))
	}

	/// Finding one more receiver in the block's events and settling it.
	pub(crate) fn credit_one_weight() -> Weight {
		T::WeightInfo::points_scan(0, 1).saturating_sub(T::WeightInfo::points_scan(0, 0))
	}

	/// Reading `n` more of the block's events in the lookup of receivers.
	pub(crate) fn read_events_weight(n: u32) -> Weight {
		T::WeightInfo::points_scan(n, 0).saturating_sub(T::WeightInfo::points_scan(0, 0))
	}

	/// What `on_finalize` does in any block with a USDai or sUSDai debit, whatever its size.
	pub(crate) fn finalize_base_weight() -> Weight {
		T::WeightInfo::points_scan(0, 0).saturating_add(T::WeightInfo::points_settle(0))
	}

	/// `who`'s `asset` balance is about to fall (`debit`: pallet-assets asks the `Freezer`
	/// before every debit) or `who`'s `asset` account died. Marks `who` for settlement at the
	/// end of the block, counts one receiver for the event lookup (once per debit), and
	/// registers the weight of both.
	pub(crate) fn note_balance_fall(asset: AssetId, who: &T::AccountId, debit: bool) {
		if !Self::is_points_asset(asset) {
			return;
		}
		let mut state = PointsBlock::<T>::get().unwrap_or_default();
		let mut changed = false;
		if !state.scan {
			state.scan = true;
			changed = true;
			Self::register(Self::finalize_base_weight());
		}
		// pallet-assets asks about one debit several times (its spendable balance, then whether
		// it can be withdrawn), always before the debit's event: same event count, same account.
		if debit {
			let count = frame_system::Pallet::<T>::event_count();
			let this = (count, who.clone());
			if state.last_debit.as_ref() != Some(&this) {
				state.last_debit = Some(this);
				state.credits = state.credits.saturating_add(1);
				// The lookup reads the events up to just past this debit's transfer event, and
				// this debit pays for reading those since the last one.
				let upto =
					count.saturating_add(EVENTS_AFTER_DEBIT).min(T::MaxPointsScannedEvents::get());
				let more = upto.saturating_sub(state.events);
				state.events = state.events.max(upto);
				changed = true;
				Self::register(
					Self::credit_one_weight().saturating_add(Self::read_events_weight(more)),
				);
			}
		}
		if changed {
			PointsBlock::<T>::put(state);
		}
		if Self::is_protocol_account(who) {
			return;
		}
		let now = frame_system::Pallet::<T>::block_number();
		match Self::mark_pending(who, now) {
			Mark::New => Self::register(Self::settle_one_weight()),
			Mark::Already => {},
			Mark::Full => {
				Self::record_nothing_held(who, now);
				Self::register(Self::settle_one_weight());
			},
		}
	}

	/// Marks `who` pending and lists it, unless it already is or the list is full.
	pub(crate) fn mark_pending(who: &T::AccountId, now: BlockNumberFor<T>) -> Mark {
		let mut rec =
			Points::<T>::get(who).unwrap_or(PointsRecord { last: now, ..Default::default() });
		if rec.pending {
			return Mark::Already;
		}
		if PointsPending::<T>::try_append(who).is_err() {
			return Mark::Full;
		}
		rec.pending = true;
		Points::<T>::insert(who, rec);
		Mark::New
	}

	/// A debit the end of the block will not settle (the list is full): credits `who` the
	/// blocks up to this one (the balances that ended the last block, known), then records it as
	/// holding nothing, so that it earns nothing until it is observed again. Never more than it
	/// held; less, until then.
	fn record_nothing_held(who: &T::AccountId, now: BlockNumberFor<T>) {
		Self::observe(who, now, false, Self::share_rate());
		if let Some(mut rec) = Points::<T>::get(who) {
			rec.usdai = 0;
			rec.susdai = 0;
			if rec.points.is_zero() && !rec.pending {
				Points::<T>::remove(who);
			} else {
				Points::<T>::insert(who, rec);
			}
		}
	}

	/// `on_finalize`: settles every account whose balance changed in this block at the balances
	/// it ends the block with: the receivers found in the block's events, then the pending
	/// (debited) accounts.
	pub(crate) fn do_points_finalize(now: BlockNumberFor<T>) {
		let rate = Self::share_rate();
		if let Some(state) = PointsBlock::<T>::take() {
			if state.scan {
				Self::settle_receivers(state.events, state.credits, now, rate);
			}
		}
		Self::settle_pending(now, rate);
	}

	/// Reads the block's first `events` events (at most `MaxPointsScannedEvents`) for the
	/// receivers of USDai and sUSDai transfers, at most `budget` of them (the receivers whose
	/// settlement the block has paid for), and observes those not pending (the pending ones are
	/// settled from the list) at block `at`. Returns the events read and the receivers found.
	pub(crate) fn settle_receivers(
		events: u32,
		budget: u32,
		at: BlockNumberFor<T>,
		rate: ShareRate,
	) -> (u32, u32) {
		let mut read = 0u32;
		let mut receivers = BTreeSet::new();
		if budget.is_zero() {
			return (read, 0);
		}
		let max = events.min(T::MaxPointsScannedEvents::get()) as usize;
		for record in frame_system::Pallet::<T>::read_events_no_consensus().take(max) {
			if receivers.len() >= budget as usize {
				break;
			}
			read = read.saturating_add(1);
			let frame_system::EventRecord { event, .. } = *record;
			let Some((asset, to)) = T::TransferEvents::credited(event) else { continue };
			if Self::is_points_asset(asset) && !Self::is_protocol_account(&to) {
				receivers.insert(to);
			}
		}
		let found = receivers.len() as u32;
		for who in receivers {
			if !Points::<T>::get(&who).is_some_and(|rec| rec.pending) {
				Self::observe(&who, at, true, rate);
			}
		}
		(read, found)
	}

	/// Observes every pending account at block `at` (its balances are those it ends `at` with)
	/// and clears the list. Returns how many were settled.
	pub(crate) fn settle_pending(at: BlockNumberFor<T>, rate: ShareRate) -> u32 {
		let pending = PointsPending::<T>::take();
		for who in pending.iter() {
			Self::observe(who, at, true, rate);
		}
		pending.len() as u32
	}

	/// `on_initialize`: forgets the last block's bookkeeping, and settles the accounts whose
	/// balance changed after the vault's `on_finalize` (in a later pallet's) at the balances
	/// they ended the last block with.
	pub(crate) fn do_points_initialize(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::new();
		if PointsBlock::<T>::exists() {
			PointsBlock::<T>::kill();
		}
		let settled = if PointsPending::<T>::decode_len().unwrap_or(0) > 0 {
			Self::settle_pending(now.saturating_sub(One::one()), Self::share_rate())
		} else {
			0
		};
		// The check and the settlements, measured together (`points_settle(0)` is the check).
		meter.consume(T::WeightInfo::points_settle(settled));
		meter.consumed()
	}

	/// Every pending record is listed once in `PointsPending` and every listed account has a
	/// pending record.
	#[cfg(any(test, feature = "std", feature = "try-runtime"))]
	pub(crate) fn check_points_pending() -> Result<(), sp_runtime::TryRuntimeError> {
		let listed = PointsPending::<T>::get();
		for (i, who) in listed.iter().enumerate() {
			if listed.iter().skip(i.saturating_add(1)).any(|other| other == who) {
				return Err("an account is listed twice in PointsPending".into());
			}
			if !Points::<T>::get(who).is_some_and(|rec| rec.pending) {
				return Err("a listed account has no pending points record".into());
			}
		}
		let marked = Points::<T>::iter_values().filter(|rec| rec.pending).count();
		if marked != listed.len() {
			return Err("a pending points record is not listed".into());
		}
		Ok(())
	}
}

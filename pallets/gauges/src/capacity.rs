//! The capacity the gauges grant each stack, and the lending policy built on it.
//!
//! - The gauges direct capacity only while the voted power of the epoch in force reaches the
//!   quorum governance sets (`CapacityQuorum`): a handful of CHIP cannot take the decision from
//!   governance's caps.
//! - A gauge grants its weight's share of the vault's lendable capital, but never more than
//!   `MaxStackShare` of it, so that no single vote hands one stack the whole vault.
//! - [`GaugedCapacity`] is the policy a runtime picks: governance's caps below the quorum, the
//!   gauge under the cap at or above it.

use crate::{pallet::*, types::*};
use core::marker::PhantomData;
use frame_support::{ensure, traits::Get};
use sp_runtime::{DispatchResult, Perbill, Rounding, SaturatedConversion};
use usdai_primitives::{mul_div, vault::LendableCapital, Balance, StackId};

impl<T: Config> Pallet<T> {
	/// Whether the gauges direct capacity now: the voted power of the epoch in force reaches
	/// the quorum. A runtime lets another source (governance caps) grant capacity while they do
	/// not ([`GaugedCapacity`]).
	pub fn is_live() -> bool {
		Self::quorum_reached(VotedPower::<T>::get(LastTallied::<T>::get()))
	}

	/// Whether `voted` raw power reaches the quorum. Raw power is voting power ×
	/// `MaxLockDuration / EpochLength`; the quorum is converted to it rounded up, so that less
	/// than the quorum never reaches it. An epoch without votes never does.
	pub fn quorum_reached(voted: RawPower) -> bool {
		voted > 0 && Self::raw_quorum().is_some_and(|quorum| voted >= quorum)
	}

	/// The quorum in raw power, rounded up (`None`, unreachable, if it overflows).
	pub fn raw_quorum() -> Option<RawPower> {
		let longest: u128 = T::MaxLockDuration::get().saturated_into();
		let epoch: u128 = T::EpochLength::get().saturated_into();
		mul_div(CapacityQuorum::<T>::get(), longest, epoch, Rounding::Up).ok()
	}

	/// `stack`'s share of the voted power in epoch `e`.
	pub fn weight_share(e: EpochIndex, stack: StackId) -> Perbill {
		let total = VotedPower::<T>::get(e);
		if total == 0 {
			return Perbill::zero();
		}
		Perbill::from_rational(GaugeWeights::<T>::get(e, stack), total)
	}

	/// `stack`'s capacity in epoch `e` with `capital` to divide (see [`Self::capacity_of`]).
	pub fn capacity_in(e: EpochIndex, stack: StackId, capital: Balance) -> Option<Balance> {
		Self::capacity_of(capital, GaugeWeights::<T>::get(e, stack), VotedPower::<T>::get(e))
	}

	/// The capacity of a gauge of `weight` out of `total` voted power with `capital` to
	/// divide: `capital × weight / total`, at most `MaxStackShare` of `capital`, both rounded
	/// down (`None` without weight). The quorum is not checked here.
	pub fn capacity_of(capital: Balance, weight: RawPower, total: RawPower) -> Option<Balance> {
		if weight == 0 {
			return None;
		}
		let granted = mul_div(capital, weight, total, Rounding::Down).ok()?;
		Some(granted.min(MaxStackShare::<T>::get().mul_floor(capital)))
	}

	/// What the gauges grant `stack` now: its capacity in the epoch in force if the quorum is
	/// reached, else nothing.
	pub fn gauge_capacity(stack: StackId) -> Option<Balance> {
		if !Self::is_live() {
			return None;
		}
		Self::capacity_in(LastTallied::<T>::get(), stack, T::Capital::lendable_capital())
	}

	/// Sets the quorum (`set_capacity_quorum`).
	pub(crate) fn do_set_capacity_quorum(quorum: Balance) -> DispatchResult {
		ensure!(quorum > 0, Error::<T>::ZeroAmount);
		CapacityQuorum::<T>::put(quorum);
		Self::deposit_event(Event::CapacityQuorumSet { quorum });
		Ok(())
	}

	/// Sets the bound on one stack's share (`set_max_stack_share`).
	pub(crate) fn do_set_max_stack_share(share: Perbill) -> DispatchResult {
		ensure!(!share.is_zero(), Error::<T>::ZeroShare);
		MaxStackShare::<T>::put(share);
		Self::deposit_event(Event::MaxStackShareSet { share });
		Ok(())
	}
}

/// A stack's lending capacity as filo checks it before every loan, the gauges steering under
/// a governance `Ceiling` (filo's `GovernanceCaps` in the runtime); its `Capacity` impl is in
/// `impls.rs`:
///
/// - below the quorum (a new chain, thin votes, or after the locks have run down) the ceiling
///   alone grants capacity, so that lending can start before CHIP is locked and a few CHIP
///   cannot take the decision from governance;
/// - at or above it, the least of the gauge's grant, the ceiling (when the stack has one) and
///   `MaxStackShare` of the lendable capital. A stack without votes may not lend.
pub struct GaugedCapacity<T, Ceiling>(PhantomData<(T, Ceiling)>);

impl<T: Config> Pallet<T> {
	/// `stack`'s capacity under `ceiling`, the governance cap ([`GaugedCapacity`]): the ceiling
	/// below the quorum, else the gauge's grant bounded by the ceiling when there is one.
	pub(crate) fn gauged_capacity(stack: StackId, ceiling: Option<Balance>) -> Option<Balance> {
		if !Self::is_live() {
			return ceiling;
		}
		let granted = Self::gauge_capacity(stack)?;
		Some(ceiling.map_or(granted, |cap| cap.min(granted)))
	}
}

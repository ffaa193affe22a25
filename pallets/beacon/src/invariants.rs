//! Invariants of the beacon, checked by `try_state` (and after every unit test).

use crate::{pallet::*, BeaconInfo};
use frame_support::traits::Get;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the beacon:
	/// - a configured beacon has a valid key and a period;
	/// - no pulse without a beacon;
	/// - the ring and the pulses agree: every slot is below `MaxPulses` and names a stored
	///   round, every stored round is in exactly one slot (so at most `MaxPulses` are kept);
	/// - `NextSlot` is below `MaxPulses`;
	/// - `LatestRound` is at least every stored round, and set once any pulse was stored;
	/// - every stored signature verifies against the beacon's key (checked in tests, where
	///   it is cheap enough; try-runtime on a live chain skips the pairings).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let beacon = Beacon::<T>::get();
		if let Some(info) = &beacon {
			BeaconInfo::new(&info.public_key, info.genesis_time, info.period)
				.map_err(|_| "the beacon's key or period is invalid")?;
		}
		let max = T::MaxPulses::get();
		if NextSlot::<T>::get() >= max {
			return Err("NextSlot is not below MaxPulses".into());
		}
		let mut slotted = alloc::collections::BTreeSet::new();
		for (slot, round) in Slots::<T>::iter() {
			if slot >= max {
				return Err("a slot is not below MaxPulses".into());
			}
			if !Pulses::<T>::contains_key(round) {
				return Err("a slot names a round that is not stored".into());
			}
			if !slotted.insert(round) {
				return Err("a round is in two slots".into());
			}
		}
		let latest = LatestRound::<T>::get();
		let mut stored: u32 = 0;
		for (round, _signature) in Pulses::<T>::iter() {
			if beacon.is_none() {
				return Err("a pulse is stored without a beacon".into());
			}
			if latest.is_none_or(|latest| round > latest) {
				return Err("a stored round is above LatestRound".into());
			}
			#[cfg(test)]
			if let Some(info) = &beacon {
				info.verify::<T>(round, &_signature)
					.map_err(|_| "a stored pulse does not verify")?;
			}
			stored = stored.checked_add(1).ok_or("count overflows")?;
		}
		// Every slot names a distinct stored round: as many slots as pulses means each pulse
		// has its slot.
		if u32::try_from(slotted.len()).ok() != Some(stored) {
			return Err("the ring and the stored pulses differ".into());
		}
		Ok(())
	}
}

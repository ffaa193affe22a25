//! Running blocks, finding a pallet's events, balances and the supply check, generic over the
//! mock runtime. A mock keeps its own names for them (`run_to`, `filo_events`, ...) as one-line
//! wrappers, so that the tests do not change.

use frame_support::{
	traits::{fungibles::Inspect, Get, Hooks},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::One;
use usdai_primitives::{AssetId, Balance};

/// Runs blocks until block `n` has started: each block is only numbered and `P`'s
/// `on_initialize` runs at it (no other pallet's hooks, no `on_finalize`), as the mocks' tests
/// drive one pallet's hook.
pub fn run_to<T, P>(n: BlockNumberFor<T>)
where
	T: frame_system::Config,
	P: Hooks<BlockNumberFor<T>>,
{
	while frame_system::Pallet::<T>::block_number() < n {
		let next = frame_system::Pallet::<T>::block_number() + One::one();
		frame_system::Pallet::<T>::set_block_number(next);
		P::on_initialize(next);
	}
}

/// The events of one pallet (`E`, its `Event<T>`) deposited so far, oldest first.
pub fn events<T, E>() -> Vec<E>
where
	T: frame_system::Config,
	T::RuntimeEvent: TryInto<E>,
{
	frame_system::Pallet::<T>::read_events_for_pallet::<E>()
}

/// The events of one pallet since the last call: [`events`], then every event is cleared.
pub fn take_events<T, E>() -> Vec<E>
where
	T: frame_system::Config,
	T::RuntimeEvent: TryInto<E>,
{
	let events = events::<T, E>();
	frame_system::Pallet::<T>::reset_events();
	events
}

/// The last event of one pallet, if it has deposited any.
pub fn last_event<T, E>() -> Option<E>
where
	T: frame_system::Config,
	T::RuntimeEvent: TryInto<E>,
{
	events::<T, E>().pop()
}

/// `who`'s balance of `asset` in pallet-assets.
pub fn balance<T>(asset: AssetId, who: &T::AccountId) -> Balance
where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
{
	<pallet_assets::Pallet<T> as Inspect<T::AccountId>>::balance(asset, who)
}

/// The total supply of `asset` in pallet-assets.
pub fn supply<T>(asset: AssetId) -> Balance
where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
{
	<pallet_assets::Pallet<T> as Inspect<T::AccountId>>::total_issuance(asset)
}

/// Every one of `assets` has a supply equal to the sum of its balances: no debit destroyed dust
/// without lowering the supply (what the runtime fuzzer checks after every block).
pub fn assert_supply_is_the_balances<T>(assets: impl IntoIterator<Item = AssetId>)
where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
{
	for asset in assets {
		let held: Balance =
			pallet_assets::Account::<T>::iter_prefix(asset).map(|(_, a)| a.balance).sum();
		assert_eq!(held, supply::<T>(asset), "asset {asset}: balances differ from the supply");
	}
}

/// Bytes as a bounded vector (panics when too long: test data only).
pub fn text<S: Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().expect("test text fits its bound")
}

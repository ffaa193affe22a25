//! Weights for `pallet_qev`: a placeholder until the pallet's benchmarks land (issue 6); the
//! pallet is not in the runtime yet.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(unused_variables)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};

/// Weight functions needed for `pallet_qev`.
pub trait WeightInfo {
	fn request_redemption() -> Weight;
	fn cancel() -> Weight;
	fn transfer_ticket() -> Weight;
	fn settle(f: u32, s: u32, ) -> Weight;
	fn commit_bid() -> Weight;
	fn reveal_bid() -> Weight;
	fn close_round(n: u32, ) -> Weight;
	fn settle_with_queue(q: u32, ) -> Weight;
	fn reserve_idle() -> Weight;
}

/// Weights for `pallet_qev` measured on the reference machine, with the runtime's DB weights.
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn request_redemption() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn cancel() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn transfer_ticket() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn settle(f: u32, s: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn commit_bid() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn reveal_bid() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn close_round(n: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn settle_with_queue(q: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn reserve_idle() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
}

// For tests.
impl WeightInfo for () {
	fn request_redemption() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn cancel() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn transfer_ticket() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn settle(f: u32, s: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn commit_bid() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn reveal_bid() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn close_round(n: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn settle_with_queue(q: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn reserve_idle() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
}

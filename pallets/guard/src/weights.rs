// This file is part of the USD.AI chain. PLACEHOLDER UNTIL THE BENCHMARK RUN: hand-written in
// the generated style (scripts/benchmark.sh, scripts/frame-weight-template.hbs) from the
// storage the calls touch and the figures of similar calls of the other pallets. Regenerate
// with `scripts/benchmark.sh`, then never edit by hand.

//! Weights for `pallet_guard` (placeholder until the benchmark run).
//!
//! The proof sizes assume a `MaxCallLen` of 4,096 bytes (a `Pending` entry of at most 4,165
//! bytes); the figures in picoseconds are estimates, on the high side.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_guard`.
pub trait WeightInfo {
	fn submit_lowering() -> Weight;
	fn submit_raising() -> Weight;
	fn execute() -> Weight;
	fn cancel() -> Weight;
	fn set_delay() -> Weight;
}

/// Weights for `pallet_guard` (placeholder until the benchmark run), with the runtime's DB
/// weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Guard::Delay` (r:1 w:0)
	/// Proof: `Guard::Delay` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// The classification and a dispatch of a cheap call; the dispatched call's own weight is
	/// added by `submit`'s weight.
	fn submit_lowering() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `1489`
		// Minimum execution time: placeholder.
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 1489))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
	/// Storage: `Guard::Delay` (r:1 w:0)
	/// Proof: `Guard::Delay` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Guard::CounterForPending` (r:1 w:1)
	/// Proof: `Guard::CounterForPending` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Guard::NextChangeId` (r:1 w:1)
	/// Proof: `Guard::NextChangeId` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Guard::Pending` (r:1 w:1)
	/// Proof: `Guard::Pending` (`max_values`: None, `max_size`: Some(4177), added: 6652, mode: `MaxEncodedLen`)
	fn submit_raising() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `100`
		//  Estimated: `7642`
		// Minimum execution time: placeholder.
		Weight::from_parts(40_000_000, 0)
			.saturating_add(Weight::from_parts(0, 7642))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Guard::Pending` (r:1 w:1)
	/// Proof: `Guard::Pending` (`max_values`: None, `max_size`: Some(4177), added: 6652, mode: `MaxEncodedLen`)
	/// Storage: `Guard::CounterForPending` (r:1 w:1)
	/// Proof: `Guard::CounterForPending` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn execute() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4300`
		//  Estimated: `7642`
		// Minimum execution time: placeholder.
		Weight::from_parts(50_000_000, 0)
			.saturating_add(Weight::from_parts(0, 7642))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Guard::Pending` (r:1 w:1)
	/// Proof: `Guard::Pending` (`max_values`: None, `max_size`: Some(4177), added: 6652, mode: `MaxEncodedLen`)
	/// Storage: `Guard::CounterForPending` (r:1 w:1)
	/// Proof: `Guard::CounterForPending` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn cancel() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `4300`
		//  Estimated: `7642`
		// Minimum execution time: placeholder.
		Weight::from_parts(30_000_000, 0)
			.saturating_add(Weight::from_parts(0, 7642))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Guard::Delay` (r:0 w:1)
	/// Proof: `Guard::Delay` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn set_delay() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: placeholder.
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For tests and mocks: the same figures with RocksDB weights.
impl WeightInfo for () {
	fn submit_lowering() -> Weight {
		Weight::from_parts(20_000_000, 0)
			.saturating_add(Weight::from_parts(0, 1489))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
	}
	fn submit_raising() -> Weight {
		Weight::from_parts(40_000_000, 0)
			.saturating_add(Weight::from_parts(0, 7642))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn execute() -> Weight {
		Weight::from_parts(50_000_000, 0)
			.saturating_add(Weight::from_parts(0, 7642))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(30_000_000, 0)
			.saturating_add(Weight::from_parts(0, 7642))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_delay() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}

//! Weights for `pallet_gauges`.
//!
//! PLACEHOLDER, TO BE GENERATED: these figures are hand-set estimates (non-zero, in the shape the
//! benchmark CLI writes) until `scripts/benchmark.sh` regenerates this file from
//! `src/benchmarking.rs` on the reference machine with the runtime wired in. Never tune them by
//! hand.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_gauges`.
pub trait WeightInfo {
	fn lock() -> Weight;
	fn extend_lock() -> Weight;
	fn unlock() -> Weight;
	fn vote(v: u32, ) -> Weight;
	fn add_bribe() -> Weight;
	fn claim_bribes(b: u32, ) -> Weight;
	fn reclaim_bribe() -> Weight;
	fn claim_fees(e: u32, ) -> Weight;
	fn backstop() -> Weight;
	fn buy_backstop() -> Weight;
	fn cancel_backstop() -> Weight;
	fn tally(g: u32, ) -> Weight;
	fn on_initialize_idle() -> Weight;
}

/// Weights for `pallet_gauges` measured on the reference machine, with the runtime's DB weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn lock() -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(44_u64))
			.saturating_add(T::DbWeight::get().writes(40_u64))
	}
	fn extend_lock() -> Weight {
		Weight::from_parts(55_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(42_u64))
			.saturating_add(T::DbWeight::get().writes(38_u64))
	}
	fn unlock() -> Weight {
		Weight::from_parts(55_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(44_u64))
			.saturating_add(T::DbWeight::get().writes(40_u64))
	}
	fn vote(v: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(9_000_000, 2600).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(v.into())))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(v.into())))
	}
	fn add_bribe() -> Weight {
		Weight::from_parts(45_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn claim_bribes(b: u32, ) -> Weight {
		Weight::from_parts(35_000_000, 4000)
			.saturating_add(Weight::from_parts(25_000_000, 2600).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(b.into())))
	}
	fn reclaim_bribe() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn claim_fees(e: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(12_000_000, 2600).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(e.into())))
	}
	fn backstop() -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn buy_backstop() -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn cancel_backstop() -> Weight {
		Weight::from_parts(12_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn tally(g: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(10_000_000, 2600).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(g.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(g.into())))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(3_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
}

// For tests and mocks: the same figures with RocksDB weights.
impl WeightInfo for () {
	fn lock() -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(44_u64))
			.saturating_add(RocksDbWeight::get().writes(40_u64))
	}
	fn extend_lock() -> Weight {
		Weight::from_parts(55_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(42_u64))
			.saturating_add(RocksDbWeight::get().writes(38_u64))
	}
	fn unlock() -> Weight {
		Weight::from_parts(55_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(44_u64))
			.saturating_add(RocksDbWeight::get().writes(40_u64))
	}
	fn vote(v: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(9_000_000, 2600).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(v.into())))
			.saturating_add(RocksDbWeight::get().writes((4_u64).saturating_mul(v.into())))
	}
	fn add_bribe() -> Weight {
		Weight::from_parts(45_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn claim_bribes(b: u32, ) -> Weight {
		Weight::from_parts(35_000_000, 4000)
			.saturating_add(Weight::from_parts(25_000_000, 2600).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(RocksDbWeight::get().reads((2_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes((2_u64).saturating_mul(b.into())))
	}
	fn reclaim_bribe() -> Weight {
		Weight::from_parts(50_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn claim_fees(e: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 4000)
			.saturating_add(Weight::from_parts(12_000_000, 2600).saturating_mul(e.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(e.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(e.into())))
	}
	fn backstop() -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn buy_backstop() -> Weight {
		Weight::from_parts(60_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn cancel_backstop() -> Weight {
		Weight::from_parts(12_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn tally(g: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(10_000_000, 2600).saturating_mul(g.into()))
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
			.saturating_add(RocksDbWeight::get().reads((3_u64).saturating_mul(g.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(g.into())))
	}
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(3_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
	}
}

//! Weights for `pallet_usdai`.
//!
//! PLACEHOLDER until `usdai-node benchmark pallet --pallet pallet_usdai` regenerates this file
//! from `src/benchmarking.rs` (see the pallet README). The figures are deliberately pessimistic.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_usdai`.
pub trait WeightInfo {
	fn deposit() -> Weight;
	fn redeem() -> Weight;
	fn stake() -> Weight;
	fn set_stablecoin() -> Weight;
	fn remove_stablecoin() -> Weight;
	fn set_mint_limits() -> Weight;
	fn set_fees() -> Weight;
	fn set_vesting_period() -> Weight;
	fn withdraw_protocol_fees() -> Weight;
	fn pause() -> Weight;
	fn set_paused() -> Weight;
	fn reset_circuit_breaker() -> Weight;
	fn points_walk(n: u32, ) -> Weight;
}

/// Weights for `pallet_usdai` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn deposit() -> Weight {
		Weight::from_parts(60_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn redeem() -> Weight {
		Weight::from_parts(60_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn stake() -> Weight {
		Weight::from_parts(70_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn set_stablecoin() -> Weight {
		Weight::from_parts(20_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_stablecoin() -> Weight {
		Weight::from_parts(20_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn set_mint_limits() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_fees() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_vesting_period() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw_protocol_fees() -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn pause() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_paused() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn reset_circuit_breaker() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn points_walk(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(40_000_000, 5_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn deposit() -> Weight {
		Weight::from_parts(60_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn redeem() -> Weight {
		Weight::from_parts(60_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(9_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn stake() -> Weight {
		Weight::from_parts(70_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(10_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn set_stablecoin() -> Weight {
		Weight::from_parts(20_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_stablecoin() -> Weight {
		Weight::from_parts(20_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn set_mint_limits() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_fees() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_vesting_period() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw_protocol_fees() -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn pause() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn set_paused() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn reset_circuit_breaker() -> Weight {
		Weight::from_parts(10_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn points_walk(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 1_000)
			.saturating_add(Weight::from_parts(40_000_000, 5_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().reads((6_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
}

//! Weights for `pallet_treasury_bridge`.
//!
//! PLACEHOLDER, NOT MEASURED: to be generated with `scripts/benchmark.sh` (the benchmark CLI,
//! `--pallet pallet_treasury_bridge`) once the pallet is in the runtime; never edit by hand
//! after that. The figures below are conservative estimates so that nothing is free until then.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_treasury_bridge`.
pub trait WeightInfo {
	fn attest_deposit_vote() -> Weight;
	fn attest_deposit_credit() -> Weight;
	fn attest_withdrawal() -> Weight;
	fn attest_nav() -> Weight;
	fn request_withdrawal() -> Weight;
	fn rebalance_sleeve() -> Weight;
	fn set_relayers(r: u32, ) -> Weight;
	fn open_channel() -> Weight;
	fn set_inflow_limit() -> Weight;
	fn resolve_conflict() -> Weight;
	fn set_sleeve_target() -> Weight;
	fn request_recall() -> Weight;
	fn halt() -> Weight;
	fn resume() -> Weight;
	fn process_queues(n: u32, ) -> Weight;
	fn check_attestation() -> Weight;
}

/// Weights for `pallet_treasury_bridge` with the runtime's DB weights (placeholders until
/// generated).
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn attest_deposit_vote() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn attest_deposit_credit() -> Weight {
		Weight::from_parts(250_000_000, 12000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(14_u64))
	}
	fn attest_withdrawal() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn attest_nav() -> Weight {
		Weight::from_parts(150_000_000, 9000)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	fn request_withdrawal() -> Weight {
		Weight::from_parts(80_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn rebalance_sleeve() -> Weight {
		Weight::from_parts(120_000_000, 9000)
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn set_relayers(r: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 2000)
			.saturating_add(Weight::from_parts(1_000_000, 2600).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn open_channel() -> Weight {
		Weight::from_parts(20_000_000, 3500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn set_inflow_limit() -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn resolve_conflict() -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn set_sleeve_target() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn request_recall() -> Weight {
		Weight::from_parts(50_000_000, 5000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn halt() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn process_queues(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 5000)
			.saturating_add(Weight::from_parts(5_000_000, 2600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((8_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
	fn check_attestation() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(0_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn attest_deposit_vote() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn attest_deposit_credit() -> Weight {
		Weight::from_parts(250_000_000, 12000)
			.saturating_add(RocksDbWeight::get().reads(20_u64))
			.saturating_add(RocksDbWeight::get().writes(14_u64))
	}
	fn attest_withdrawal() -> Weight {
		Weight::from_parts(40_000_000, 6000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn attest_nav() -> Weight {
		Weight::from_parts(150_000_000, 9000)
			.saturating_add(RocksDbWeight::get().reads(14_u64))
			.saturating_add(RocksDbWeight::get().writes(9_u64))
	}
	fn request_withdrawal() -> Weight {
		Weight::from_parts(80_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(8_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn rebalance_sleeve() -> Weight {
		Weight::from_parts(120_000_000, 9000)
			.saturating_add(RocksDbWeight::get().reads(14_u64))
			.saturating_add(RocksDbWeight::get().writes(8_u64))
	}
	fn set_relayers(r: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 2000)
			.saturating_add(Weight::from_parts(1_000_000, 2600).saturating_mul(r.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn open_channel() -> Weight {
		Weight::from_parts(20_000_000, 3500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_inflow_limit() -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn resolve_conflict() -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_sleeve_target() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn request_recall() -> Weight {
		Weight::from_parts(50_000_000, 5000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn halt() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(RocksDbWeight::get().reads(0_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn process_queues(n: u32, ) -> Weight {
		Weight::from_parts(20_000_000, 5000)
			.saturating_add(Weight::from_parts(5_000_000, 2600).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((8_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((8_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
	}
	fn check_attestation() -> Weight {
		Weight::from_parts(40_000_000, 8000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(0_u64))
	}
}

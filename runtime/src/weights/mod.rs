//! Every weight of the runtime, measured on one reference machine by `scripts/benchmark.sh`.
//!
//! - `rocksdb_weights` and `paritydb_weights`: a read and a write of each database the node can
//!   open (`benchmark storage`, on the dev genesis plus 100,000 accounts so that the trie has a
//!   realistic depth). The node opens ParityDb by default and RocksDB when built with its
//!   `rocksdb` feature; the runtime's `DbWeight` must pay for either, so it is RocksDB's, the
//!   dearer of the two on the reference machine (read 11.7 µs, write 62.1 µs against ParityDb's
//!   6.6 µs and 37.8 µs). A test checks that it stays the dearer;
//! - `block_weights`, `extrinsic_weights`: an empty block's and a no-op extrinsic's base cost
//!   (`benchmark overhead`);
//! - one module per SDK pallet the runtime uses (`benchmark pallet`), governance's included
//!   (scheduler, preimage, referenda, conviction voting, the council's collective, whitelist,
//!   treasury); the project's own pallets keep theirs in `pallets/<name>/src/weights.rs`,
//!   measured in the same way.
//!
//! # The reference machine
//!
//! The project's 2-core build machine (AMD EPYC, 2 vCPUs, 24 GiB); `benchmark machine` on it
//! (`machine.txt` holds the whole output):
//!
//! | category | function | score | Parity's minimum |
//! |---|---|---:|---:|
//! | CPU | BLAKE2-256 | 735 MiB/s | 1,000 MiB/s |
//! | CPU | BLAKE2-256, 8 threads | 180 MiB/s | 1,000 MiB/s |
//! | CPU | SR25519 verify | 884 KiB/s | 638 KiB/s |
//! | Memory | copy | 16.8 GiB/s | 11.5 GiB/s |
//! | Disk | sequential write | 3.1 GiB/s | 950 MiB/s |
//! | Disk | random write | 246 MiB/s | 420 MiB/s |
//!
//! The weights are timed on this machine, so it is the validators' minimum: a validator at
//! least this fast builds and imports every full block within its time. It is below Parity's
//! reference hardware in hashing (two cores) and random writes, which the weights already pay
//! for, having been measured here.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_assets;
pub mod pallet_assets_with_points;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_conviction_voting;
pub mod pallet_multisig;
pub mod pallet_nfts;
pub mod pallet_preimage;
pub mod pallet_referenda;
pub mod pallet_scheduler;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_treasury;
pub mod pallet_utility;
pub mod pallet_whitelist;
// The generator documents the struct fields of `ParityDbWeight` inside its literal.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;
// The generator documents the struct fields of `RocksDbWeight` inside its literal.
#[allow(unused_doc_comments)]
pub mod rocksdb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
pub use rocksdb_weights::constants::RocksDbWeight;

#[cfg(test)]
mod tests {
	use super::{ParityDbWeight, RocksDbWeight};

	/// The runtime charges `RocksDbWeight` whichever database a validator runs: it must be at
	/// least ParityDb's measured cost, or a ParityDb node could be handed blocks it cannot
	/// import in time. When a new measurement flips this, the runtime's `DbWeight` must follow.
	#[test]
	fn the_charged_database_weight_covers_every_database_the_node_opens() {
		let (charged, parity) = (RocksDbWeight::get(), ParityDbWeight::get());
		assert!(charged.read >= parity.read, "read: {} < {}", charged.read, parity.read);
		assert!(charged.write >= parity.write, "write: {} < {}", charged.write, parity.write);
	}
}

//! The USD.AI chain runtime.
//!
//! Stablecoin holders fund GPU-backed loans and earn the yield. This crate wires the FRAME
//! pallets together, defines the genesis presets (`development`, `local_testnet`) and exposes
//! the runtime APIs clients use. See `runtime/README.md`, the top-level README and
//! `docs/design.md`.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` with the governance pallets expands deeper than the default 128.
#![recursion_limit = "512"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod constants;
pub mod genesis_config_presets;
pub mod governance;
pub mod weights;

extern crate alloc;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256, MultiAddress};
use sp_version::RuntimeVersion;

pub use constants::{currency::*, time::*, BLOCK_HASH_COUNT, MILLI_SECS_PER_BLOCK, SLOT_DURATION};
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
pub use pallet_treasury_bridge::CheckAttestation;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;
pub use usdai_primitives::{
	assets as asset_ids, AccountId, AssetId, Balance, BlockNumber, CollectionId, Hash, ItemId,
	Nonce, Signature,
};

/// Opaque types: what the node needs to know of blocks without knowing the runtime's types.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. `spec_version` must be bumped for every runtime upgrade.
#[cfg(not(feature = "next-release"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("usdai"),
	impl_name: alloc::borrow::Cow::Borrowed("usdai-node"),
	authoring_version: 1,
	spec_version: 115,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The next release's version (feature `next-release`, see [`migrations`]): one `spec_version`
/// above the current release, so that a chain of the current release accepts it as an upgrade.
/// The version section of the wasm blob is read from a literal, hence the second item.
#[cfg(feature = "next-release")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("usdai"),
	impl_name: alloc::borrow::Cow::Borrowed("usdai-node"),
	authoring_version: 1,
	spec_version: 116,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions checked for every transaction, in order.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_treasury_bridge::CheckAttestation<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Executive: dispatches to the pallets. The migrations of an upgrade are
/// `frame_system::Config::SingleBlockMigrations` ([`migrations::Unreleased`]).
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

/// The storage migrations of the runtime's releases.
///
/// A release's storage changes are developed behind the crate feature `next-release`, which
/// also raises `spec_version` and puts their migrations in [`Unreleased`]; `runtime-fast`
/// builds that runtime as a second blob, which the network tests install on a live chain of
/// the current release by referendum, and `runtime/upgrade-tests` runs the migrations'
/// `try-runtime` checks over a state the test builds. When the release is cut the feature's
/// side becomes the code (docs/releasing.md).
pub mod migrations {
	/// The migrations the next upgrade runs, in order, each versioned (it does nothing on a
	/// chain that already ran it).
	///
	/// - FiLo v1: the curator registry becomes a counted map.
	/// - Beacon v1: a chain that predates the beacon (spec 114 and older) follows drand's
	///   quicknet ([`crate::configs::QuicknetBeacon`]); one whose genesis set a beacon keeps it.
	/// - QEV v1: commit-reveal's storage (commitments, reveals) is cleared.
	#[cfg(feature = "next-release")]
	pub type Unreleased = (
		pallet_filo::migrations::v1::MigrateV0ToV1<crate::Runtime>,
		pallet_beacon::migrations::v1::MigrateV0ToV1<
			crate::Runtime,
			crate::configs::QuicknetBeacon,
		>,
		pallet_qev::migrations::v1::MigrateV0ToV1<crate::Runtime>,
	);

	/// The migrations the next upgrade runs: none in the current release.
	#[cfg(not(feature = "next-release"))]
	pub type Unreleased = ();
}

#[frame_support::runtime]
mod runtime {
	/// The USD.AI runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(8)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(10)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(11)]
	pub type Nfts = pallet_nfts;

	#[runtime::pallet_index(20)]
	pub type Usdai = pallet_usdai;

	#[runtime::pallet_index(21)]
	pub type Caliber = pallet_caliber;

	#[runtime::pallet_index(22)]
	pub type Filo = pallet_filo;

	#[runtime::pallet_index(23)]
	pub type Qev = pallet_qev;

	#[runtime::pallet_index(24)]
	pub type Gauges = pallet_gauges;

	#[runtime::pallet_index(25)]
	pub type TreasuryBridge = pallet_treasury_bridge;

	#[runtime::pallet_index(26)]
	pub type Beacon = pallet_beacon;

	// Governance (`governance`): referenda with CHIP conviction voting on tracks, the risk
	// council, the fast track, the treasury and the risk guard.
	#[runtime::pallet_index(30)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(31)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(32)]
	pub type Referenda = pallet_referenda;

	#[runtime::pallet_index(33)]
	pub type ConvictionVoting = pallet_conviction_voting;

	#[runtime::pallet_index(34)]
	pub type Origins = governance::origins::pallet_custom_origins;

	#[runtime::pallet_index(35)]
	pub type Whitelist = pallet_whitelist;

	#[runtime::pallet_index(36)]
	pub type RiskCouncil = pallet_collective<Instance1>;

	#[runtime::pallet_index(37)]
	pub type Treasury = pallet_treasury;

	#[runtime::pallet_index(38)]
	pub type Guard = pallet_guard;
}

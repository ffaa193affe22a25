//! The chain's tokens: USDC, USDT, USDai and sUSDai in pallet-assets, CALIBER receipts in
//! pallet-nfts. Each is owned by the pallet that mints it; no account can create a token class.

use frame_support::{
	parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32},
};
use frame_system::EnsureRoot;
use pallet_nfts::PalletFeatures;
use sp_runtime::traits::Verify;

use crate::{
	constants::{currency::*, time::*},
	weights, AccountId, Balance, Balances, BlockNumber, CollectionId, ItemId, Runtime,
	RuntimeEvent, Signature, System,
};
use usdai_primitives::AssetId;

parameter_types! {
	pub const AssetDeposit: Balance = 10 * UNIT;
	pub const AssetAccountDeposit: Balance = deposit(1, 16);
	pub const AssetsMetadataDepositBase: Balance = deposit(1, 68);
	pub const AssetsMetadataDepositPerByte: Balance = deposit(0, 1);
	pub const ApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

/// Only governance creates token classes: the chain's tokens are created at genesis and owned
/// by the pallets that mint them, so no account can issue a look-alike dollar.
#[cfg(not(feature = "runtime-benchmarks"))]
type AssetsCreateOrigin =
	AsEnsureOriginWithArg<frame_support::traits::NeverEnsureOrigin<AccountId>>;
/// Benchmarks need an origin that can create.
#[cfg(feature = "runtime-benchmarks")]
type AssetsCreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureSigned<AccountId>>;

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AssetsCreateOrigin;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = AssetsMetadataDepositBase;
	type MetadataDepositPerByte = AssetsMetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	/// Freezes nothing: the vault notes every USDai and sUSDai debit for its Allo points
	/// (pallets/usdai/README.md, "Allo points").
	type Freezer = crate::Usdai;
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	/// The measured weights plus pallet-usdai's note of each debit (Allo points).
	type WeightInfo = weights::pallet_assets_with_points::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub NftsPalletFeatures: PalletFeatures = PalletFeatures::all_enabled();
	pub const NftsCollectionDeposit: Balance = 10 * UNIT;
	pub const NftsItemDeposit: Balance = UNIT / 100;
	pub const NftsMetadataDepositBase: Balance = deposit(1, 129);
	pub const NftsAttributeDepositBase: Balance = deposit(1, 0);
	pub const NftsDepositPerByte: Balance = deposit(0, 1);
	pub const NftsMaxDeadlineDuration: BlockNumber = 365 * DAYS;
}

impl pallet_nfts::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = CollectionId;
	type ItemId = ItemId;
	type Currency = Balances;
	type CreateOrigin = AssetsCreateOrigin;
	type ForceOrigin = EnsureRoot<AccountId>;
	/// Pledged receipts and receipts being released cannot move.
	type Locker = crate::Caliber;
	type CollectionDeposit = NftsCollectionDeposit;
	type ItemDeposit = NftsItemDeposit;
	type MetadataDepositBase = NftsMetadataDepositBase;
	type AttributeDepositBase = NftsAttributeDepositBase;
	type DepositPerByte = NftsDepositPerByte;
	type StringLimit = ConstU32<256>;
	type KeyLimit = ConstU32<64>;
	type ValueLimit = ConstU32<256>;
	type ApprovalsLimit = ConstU32<20>;
	type ItemAttributesApprovalsLimit = ConstU32<30>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = NftsMaxDeadlineDuration;
	type MaxAttributesPerCall = ConstU32<10>;
	type Features = NftsPalletFeatures;
	type OffchainSignature = Signature;
	type OffchainPublic = <Signature as Verify>::Signer;
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = crate::benchmarks::NftsBenchmarkHelper;
	type WeightInfo = crate::weights::pallet_nfts::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

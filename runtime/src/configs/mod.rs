//! Configuration of every pallet in the runtime.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, Weight},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use pallet_nfts::PalletFeatures;
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{AccountIdConversion, One, Verify},
	Perbill,
};
use sp_version::RuntimeVersion;

use super::{
	constants::{currency::*, time::*, BLOCK_HASH_COUNT, SLOT_DURATION},
	weights, AccountId, Aura, Balance, Balances, Block, BlockNumber, CollectionId, Hash, ItemId,
	Nonce, OriginCaller, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, Signature, System, VERSION,
};
use usdai_primitives::{chip::SS58_FORMAT, AssetId};

/// Share of a block's weight and length available to normal (non-operational) transactions.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute a block (of a six-second slot), and no proof-size limit (a solochain).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = BLOCK_HASH_COUNT;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute in a six-second block, of which normal transactions may use 75%;
	/// a block's and an extrinsic's base cost as measured on the reference machine
	/// (`crate::weights`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |w| {
			w.base_extrinsic = weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |w| {
			w.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |w| {
			w.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational transactions may use what normal ones may not.
			w.reserved = Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT));
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// 5 MiB blocks, of which normal transactions may fill 75%.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	pub const SS58Prefix: u16 = SS58_FORMAT;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = weights::RocksDbWeight;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Everything but `nfts.burn` of a CALIBER receipt (receipts end through
	/// `caliber.confirm_release`).
	type BaseCallFilter = pallet_caliber::ReceiptBurnFilter<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type WeightInfo = weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	/// Fee per picosecond of reference time: a plain transfer (0.42 ms of weight and about 150
	/// bytes) costs about 8.6 milli-CHIP.
	pub const WeightFeeFactor: Balance = MILLI_UNIT / 50_000_000;
	/// Fee per byte of transaction.
	pub const LengthFeeFactor: Balance = MICRO_UNIT;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = ConstantMultiplier<Balance, WeightFeeFactor>;
	type LengthToFee = ConstantMultiplier<Balance, LengthFeeFactor>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = weights::pallet_sudo::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	/// Deposit for a multisig operation: the call hash entry.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	/// Additional deposit per signatory.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

parameter_types! {
	/// Account of the usdai vault: owner (issuer, admin) of USDai and sUSDai and holder of the
	/// stablecoin reserve.
	pub const UsdaiPalletId: PalletId = PalletId(*b"usdai/vt");
	/// Account of the treasury bridge: owner of the bridged stablecoins USDC and USDT.
	pub const TreasuryBridgePalletId: PalletId = PalletId(*b"usdai/br");
	/// Account of the caliber pallet: owner of the CALIBER receipt collection.
	pub const CaliberPalletId: PalletId = PalletId(*b"usdai/cl");

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
	type Freezer = super::Usdai;
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
	type Locker = super::Caliber;
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

parameter_types! {
	/// Share of each protocol fee set aside for CHIP lockers.
	pub const LockerFeeShare: Perbill = Perbill::from_percent(50);
}

/// The usdai vault. Governance and the emergency pause are root (sudo) until the chain has a
/// council: see `runtime/README.md`.
impl pallet_usdai::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Assets = super::Assets;
	type Holders = pallet_usdai::AssetHolders<Runtime>;
	type PalletId = UsdaiPalletId;
	type UsdaiAsset = ConstU32<{ usdai_primitives::assets::USDAI }>;
	type SusdaiAsset = ConstU32<{ usdai_primitives::assets::SUSDAI }>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureRoot<AccountId>;
	type MaxStablecoins = ConstU32<8>;
	/// At most 20% of interest to the protocol.
	type MaxProtocolFeeBps = ConstU32<2_000>;
	/// At most 10% of interest to the insurance fund.
	type MaxInsuranceBps = ConstU32<1_000>;
	/// One cent of sUSDai (also its minimum balance).
	type DeadShares = ConstU128<{ crate::genesis_config_presets::USDAI_MIN_BALANCE }>;
	type MaxVestingPeriod = ConstU32<{ 7 * DAYS }>;
	type BlocksPerDay = ConstU32<DAYS>;
	type MaxPointsVisitsPerBlock = ConstU32<200>;
	type TransferEvents = pallet_usdai::AssetTransfers<Runtime>;
	/// About the accounts a block full of USDai transfers changes (each change registers the
	/// weight of its settlement); a debit beyond it earns nothing until observed again.
	type MaxPointsPendingPerBlock = ConstU32<4_096>;
	/// About the events a full block deposits; a block pays only for those it has.
	type MaxPointsScannedEvents = ConstU32<65_536>;
	/// Half of every protocol fee goes to CHIP lockers through pallets/gauges.
	type LockerFeeShare = LockerFeeShare;
	type WeightInfo = pallet_usdai::weights::SubstrateWeight<Runtime>;
}

/// CALIBER receipts. Governance is root (sudo) until the chain has a council: see
/// `runtime/README.md`.
impl pallet_caliber::Config for Runtime {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = super::Timestamp;
	type PalletId = CaliberPalletId;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxAppraisers = ConstU32<16>;
	type MaxGpusPerReceipt = ConstU32<4_096>;
	type MaxReceiptsPerLoan = ConstU32<16>;
	/// At most 50% a year.
	type MaxDepreciationBps = ConstU32<5_000>;
	/// A day: a value moves at most `max_step_bps` (20% at genesis) a day, and each appraiser
	/// posts at most once a day per receipt.
	type ValuationPeriod = ConstU64<86_400>;
	type WeightInfo = pallet_caliber::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const FiloPalletId: PalletId = PalletId(*b"usdai/fl");
	pub const TreasuryPalletId: PalletId = PalletId(*b"usdai/ty");
	/// Receives auction fees. Keyless: governance (root) moves funds out with
	/// `assets.forceTransfer` until the chain has a treasury pallet.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
}

/// FiLo. Governance is root (sudo) until the chain has a council. Capacity comes from the
/// gauges once their votes reach the quorum, with governance caps as ceilings
/// ([`pallet_gauges::GaugedCapacity`]; pallets/gauges/README.md, "Capacity").
impl pallet_filo::Config for Runtime {
	type Assets = super::Assets;
	type UsdaiAsset = ConstU32<{ usdai_primitives::assets::USDAI }>;
	type Vault = super::Usdai;
	type Collateral = super::Caliber;
	type Capacity = pallet_gauges::GaugedCapacity<Runtime, pallet_filo::GovernanceCaps<Runtime>>;
	type PalletId = FiloPalletId;
	type TreasuryAccount = TreasuryAccount;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type BlocksPerDay = ConstU32<DAYS>;
	/// As many as caliber lets one loan pledge.
	type MaxReceiptsPerLoan = ConstU32<16>;
	/// Ten years of 30-day periods.
	type MaxPeriods = ConstU32<120>;
	type MaxDeadlines = ConstU32<256>;
	type MaxDeadlinesPerBlock = ConstU32<8>;
	type WeightInfo = pallet_filo::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::FiloBenchmarkHelper;
}

/// The QEV redemption queue.
impl pallet_qev::Config for Runtime {
	type Vault = super::Usdai;
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One sUSDai.
	type MinShares = ConstU128<1_000_000_000_000_000_000>;
	type MaxTicketsPerAccount = ConstU32<50>;
	/// A tenth of a CHIP, returned when the ticket ends.
	type TicketDeposit = ConstU128<{ UNIT / 10 }>;
	/// Bids up to 10%.
	type MaxBidBps = ConstU32<1_000>;
	/// The most settlement fits in a quarter of the block's weight (see
	/// pallets/qev/README.md, and the runtime test that checks it against the weights).
	type MaxFillsPerBlock = ConstU32<1_100>;
	type MaxVisitsPerBlock = ConstU32<1_250>;
	/// Rounds of a quarter hour: ten minutes to commit, five to reveal.
	type CommitBlocks = ConstU32<{ 10 * MINUTES }>;
	type RevealBlocks = ConstU32<{ 5 * MINUTES }>;
	type MaxRevealsPerRound = ConstU32<1_000>;
	type WeightInfo = pallet_qev::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::QevBenchmarkHelper;
}

parameter_types! {
	/// Account of the gauges: bribe pots and the lockers' fee share.
	pub const GaugesPalletId: PalletId = PalletId(*b"usdai/gg");
	/// No stack's gauge may grant more than a quarter of the lendable capital (until governance
	/// sets `gauges.set_max_stack_share`).
	pub const GaugesMaxStackShare: Perbill = Perbill::from_percent(25);
}

/// A gauge epoch: a week (14 blocks under `fast-runtime`).
pub const GAUGE_EPOCH: BlockNumber = 7 * DAYS;

/// CHIP locks, gauge votes over stacks, bribes, the lockers' fee share and the backstop.
/// Governance is root (sudo) until the chain has a council.
impl pallet_gauges::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = super::Assets;
	type FeeAsset = ConstU32<{ usdai_primitives::assets::USDAI }>;
	type Stacks = super::Filo;
	type Capital = super::Usdai;
	type Fees = super::Usdai;
	type Backstop = super::Usdai;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = GaugesPalletId;
	type EpochLength = ConstU32<GAUGE_EPOCH>;
	/// 208 epochs: four years of weeks.
	type MaxLockDuration = ConstU32<{ 208 * GAUGE_EPOCH }>;
	/// One CHIP.
	type MinLockAmount = ConstU128<UNIT>;
	type MaxLocksPerAccount = ConstU32<8>;
	type MaxVotes = ConstU32<16>;
	/// The tally's cost is linear in this (one step per gauge).
	type MaxGauges = ConstU32<128>;
	type MaxBribeAssets = ConstU32<8>;
	type MaxBribeLead = ConstU32<8>;
	type MaxClaimEpochs = ConstU32<52>;
	/// A million CHIP per backstop sale.
	type MaxBackstopMint = ConstU128<{ 1_000_000 * UNIT }>;
	/// The gauges steer lending once the votes in force carry 100,000 CHIP of voting power
	/// (100,000 CHIP locked for four years, or more for less); below it the governance caps
	/// decide. Governance changes it with `gauges.set_capacity_quorum`.
	type DefaultCapacityQuorum = ConstU128<{ 100_000 * UNIT }>;
	type DefaultMaxStackShare = GaugesMaxStackShare;
	type WeightInfo = pallet_gauges::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::GaugesBenchmarkHelper;
}

/// The treasury bridge: relayed USDC/USDT deposits and withdrawals and the T-bill sleeve.
/// Governance and the emergency halt are root (sudo) until the chain has a council.
impl pallet_treasury_bridge::Config for Runtime {
	type Assets = super::Assets;
	type Vault = super::Usdai;
	type Sleeve = super::Usdai;
	type UnixTime = super::Timestamp;
	type PalletId = TreasuryBridgePalletId;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type EmergencyOrigin = EnsureRoot<AccountId>;
	type MaxRelayers = ConstU32<16>;
	type MaxChannels = ConstU32<8>;
	type MaxAssets = ConstU32<8>;
	type MaxQueuedPerAsset = ConstU32<256>;
	type MaxQueueCreditsPerBlock = ConstU32<16>;
	type MaxPendingOutbound = ConstU32<1_024>;
	/// NAV reports may move the sleeve's value by at most 1% a period (governance may set less,
	/// and the period; a day until it does).
	type MaxNavChangeBps = ConstU32<100>;
	/// Reports older than a day are refused.
	type MaxNavAge = ConstU64<86_400>;
	/// Reports at most five minutes in the future.
	type MaxNavClockDrift = ConstU64<300>;
	/// At most 80% of reserves in T-bills.
	type MaxSleeveTargetBps = ConstU32<8_000>;
	/// A thousand dollars (6 decimals).
	type MinSleeveMove = ConstU128<1_000_000_000>;
	/// Deposits that could not be carried out, held aside for a retry or governance.
	type MaxHeldCredits = ConstU32<1_024>;
	/// Ten dollars (USDai, 18 decimals): filling the withdrawals' part of the outbound queue
	/// takes $9,600 spread over 240 accounts.
	type MinWithdrawal = ConstU128<10_000_000_000_000_000_000>;
	/// 64 of the 1,024 outbound places are kept for moves to the sleeve and recalls.
	type MaxPendingWithdrawals = ConstU32<960>;
	type MaxWithdrawalsPerAccount = ConstU32<4>;
	/// USDC and USDT, owned by the bridge's account at genesis: the only tokens it handles.
	type Stablecoins = (
		frame_support::traits::Equals<ConstU32<{ usdai_primitives::assets::USDC }>>,
		frame_support::traits::Equals<ConstU32<{ usdai_primitives::assets::USDT }>>,
	);
	type WeightInfo = pallet_treasury_bridge::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::BridgeBenchmarkHelper;
}

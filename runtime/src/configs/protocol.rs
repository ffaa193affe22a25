//! The protocol's own pallets: the USDai vault, CALIBER receipts, FiLo, the QEV
//! (queue-extractable value) redemption queue, the gauges and the treasury bridge, and how they
//! are joined: each `Config` item that names another pallet is one row of the table in
//! `docs/architecture.md`.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
};
use sp_runtime::Perbill;

use crate::{
	constants::{currency::*, pallet_ids::*, time::*, tokens::USDAI_MIN_BALANCE},
	Balances, Runtime, RuntimeEvent, RuntimeHoldReason,
};

parameter_types! {
	/// Share of each protocol fee set aside for CHIP lockers.
	pub const LockerFeeShare: Perbill = Perbill::from_percent(50);
}

/// The usdai vault. Governance and the emergency pause come through the risk guard
/// (`governance`): a referendum or, for a pause, the risk council.
impl pallet_usdai::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Assets = crate::Assets;
	type Holders = pallet_usdai::AssetHolders<Runtime>;
	type PalletId = UsdaiPalletId;
	type UsdaiAsset = ConstU32<{ usdai_primitives::assets::USDAI }>;
	type SusdaiAsset = ConstU32<{ usdai_primitives::assets::SUSDAI }>;
	type GovernanceOrigin = pallet_guard::EnsureEnacted;
	type EmergencyOrigin = pallet_guard::EnsureEnacted;
	type MaxStablecoins = ConstU32<8>;
	/// At most 20% of interest to the protocol.
	type MaxProtocolFeeBps = ConstU32<2_000>;
	/// At most 10% of interest to the insurance fund.
	type MaxInsuranceBps = ConstU32<1_000>;
	/// One cent of sUSDai (also its minimum balance).
	type DeadShares = ConstU128<{ USDAI_MIN_BALANCE }>;
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

/// CALIBER receipts. Governance comes through the risk guard (`governance`).
impl pallet_caliber::Config for Runtime {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = crate::Timestamp;
	type PalletId = CaliberPalletId;
	type GovernanceOrigin = pallet_guard::EnsureEnacted;
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

/// FiLo. Governance comes through the risk guard (`governance`). Capacity comes from the
/// gauges once their votes reach the quorum, with governance caps as ceilings
/// ([`pallet_gauges::GaugedCapacity`]; pallets/gauges/README.md, "Capacity").
impl pallet_filo::Config for Runtime {
	type Assets = crate::Assets;
	type UsdaiAsset = ConstU32<{ usdai_primitives::assets::USDAI }>;
	type LendingVault = crate::Usdai;
	type Collateral = crate::Caliber;
	type Capacity = pallet_gauges::GaugedCapacity<Runtime, pallet_filo::GovernanceCaps<Runtime>>;
	type PalletId = FiloPalletId;
	/// Auction fees go to the treasury (pallet-treasury's account).
	type TreasuryAccount = crate::governance::TreasuryAccount;
	type GovernanceOrigin = pallet_guard::EnsureEnacted;
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
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = crate::Usdai;
}

/// The QEV redemption queue.
impl pallet_qev::Config for Runtime {
	type RedemptionVault = crate::Usdai;
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
	type Beacon = crate::Beacon;
	type UnixTime = crate::Timestamp;
	type RoundPeriod = QevRoundPeriod;
	type BidMargin = QevBidMargin;
	type PulseTimeout = QevPulseTimeout;
	type MaxBidsPerRound = ConstU32<1_000>;
	/// Eight rounds waiting for their pulses: over an hour of a beacon outage (80 s under
	/// `fast-runtime`) before bids are refused.
	type MaxPendingRounds = ConstU32<8>;
	/// A bid's ciphertext: the 160-byte envelope and its plaintext (ticket, owner, round and
	/// bid: 52 bytes), with room.
	type MaxCiphertextLen = ConstU32<256>;
	/// See pallets/qev/README.md, "Figures": the opening of a batch fits beside settlement.
	type MaxOpensPerBlock = ConstU32<25>;
	type WeightInfo = pallet_qev::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = crate::Usdai;
	#[cfg(feature = "runtime-benchmarks")]
	type BeaconBenchmarkHelper = BeaconBenchmarks;
}

/// Beacon rounds (3 s each) per queue round: ten minutes (30 s under `fast-runtime`).
#[cfg(not(feature = "fast-runtime"))]
pub type QevRoundPeriod = ConstU64<200>;
#[cfg(feature = "fast-runtime")]
pub type QevRoundPeriod = ConstU64<10>;

/// Bids stop ten beacon rounds (30 s, five blocks) before the closing round's pulse is due,
/// by the block's timestamp: a block whose author holds it back (or stamps it late) by less
/// than that cannot take a bid after the pulse is public. Three (9 s, three blocks) under
/// `fast-runtime`.
#[cfg(not(feature = "fast-runtime"))]
pub type QevBidMargin = ConstU64<10>;
#[cfg(feature = "fast-runtime")]
pub type QevBidMargin = ConstU64<3>;

/// A round whose pulse has not come half an hour after its close lapses (two minutes under
/// `fast-runtime`).
#[cfg(not(feature = "fast-runtime"))]
pub type QevPulseTimeout = ConstU64<600>;
#[cfg(feature = "fast-runtime")]
pub type QevPulseTimeout = ConstU64<40>;

/// The drand beacon whose pulses open the QEV queue's sealed bids. Pulses come unsigned and
/// feeless from anyone (the relayer daemon, the local beacon on development chains), once each
/// and only for rounds the queue waits for.
impl pallet_beacon::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Demand = crate::Qev;
	/// The queue copies a pulse in the block after it arrives: 64 is plenty.
	type MaxPulses = ConstU32<64>;
	/// Above every signed transaction's priority (fees and tips give far less).
	type UnsignedPriority = ConstU64<{ u64::MAX / 2 }>;
	/// About a minute (ten blocks) in the pool before the feeder sends it again.
	type UnsignedLongevity = ConstU64<10>;
	type WeightInfo = pallet_beacon::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BeaconBenchmarks;
}

/// drand's quicknet: the beacon the next release's migration sets on a chain that has none
/// (one that started before the beacon existed; `pallet_beacon::migrations::v1`).
pub struct QuicknetBeacon;

impl frame_support::traits::Get<pallet_beacon::BeaconInfo> for QuicknetBeacon {
	fn get() -> pallet_beacon::BeaconInfo {
		pallet_beacon::BeaconInfo::quicknet()
	}
}

/// The beacon and the clock for the benchmarks: a key they sign with, the time set directly,
/// pulses stored as the beacon would, and the queue waiting for a round.
#[cfg(feature = "runtime-benchmarks")]
pub struct BeaconBenchmarks;

#[cfg(feature = "runtime-benchmarks")]
impl usdai_primitives::beacon::BeaconBenchmarkHelper for BeaconBenchmarks {
	fn follow(secret: [u8; 32]) {
		let key = usdai_timelock::public_key_of(&usdai_timelock::SecretKey::from_be_bytes(&secret));
		if let Ok(info) = pallet_beacon::BeaconInfo::new(&key.to_bytes(), 1_600_000_000, 3) {
			pallet_beacon::Beacon::<Runtime>::put(info);
		}
	}

	fn at_round(round: u64) {
		let time =
			pallet_beacon::Beacon::<Runtime>::get().map_or(0, |beacon| beacon.round_time(round));
		pallet_timestamp::Now::<Runtime>::put(time.saturating_mul(1_000));
	}

	fn store_pulse(round: u64, signature: [u8; 48]) {
		pallet_beacon::Pulses::<Runtime>::insert(round, signature);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_beacon::BenchmarkHelper for BeaconBenchmarks {
	fn want(round: u64) {
		<Self as usdai_primitives::beacon::BeaconBenchmarkHelper>::at_round(round);
		crate::Qev::benchmark_wait_for(round);
	}
}

parameter_types! {
	/// No stack's gauge may grant more than a quarter of the lendable capital (until governance
	/// sets `gauges.set_max_stack_share`).
	pub const GaugesMaxStackShare: Perbill = Perbill::from_percent(25);
}

/// CHIP locks, gauge votes over stacks, bribes, the lockers' fee share and the backstop.
/// Governance comes through the risk guard (`governance`).
impl pallet_gauges::Config for Runtime {
	type NativeBalance = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = crate::Assets;
	type FeeAsset = ConstU32<{ usdai_primitives::assets::USDAI }>;
	type Stacks = crate::Filo;
	type Capital = crate::Usdai;
	type Fees = crate::Usdai;
	type Backstop = crate::Usdai;
	type GovernanceOrigin = pallet_guard::EnsureEnacted;
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
	#[cfg(feature = "runtime-benchmarks")]
	type VaultBenchmarkHelper = crate::Usdai;
}

/// The treasury bridge: relayed USDC/USDT deposits and withdrawals and the T-bill sleeve.
/// Governance and the emergency halt come through the risk guard (`governance`).
impl pallet_treasury_bridge::Config for Runtime {
	type Assets = crate::Assets;
	type BridgeVault = crate::Usdai;
	type Sleeve = crate::Usdai;
	type UnixTime = crate::Timestamp;
	type PalletId = TreasuryBridgePalletId;
	type GovernanceOrigin = pallet_guard::EnsureEnacted;
	type EmergencyOrigin = pallet_guard::EnsureEnacted;
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
	type VaultBenchmarkHelper = crate::Usdai;
}

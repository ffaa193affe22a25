//! Governance without sudo: CHIP holders decide by referendum (OpenGov: pallet-referenda with
//! conviction voting, pallet-scheduler, pallet-preimage) on one track per kind of decision
//! ([`tracks`], [`origins`]); a risk council (pallet-collective) can only make the protocol
//! safer — pause, lower caps, halt the bridge, veto a pending change, cancel or kill a
//! referendum, whitelist an urgent fix for the fast track; every protocol governance call passes
//! pallets/guard, which holds risk-raising changes back for a delay and lets risk-lowering ones
//! through at once; pallet-treasury keeps the protocol's share of fees and pays out by
//! referendum. See `runtime/README.md`, "Governance".

pub mod origins;
pub mod tracks;

use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration,
		tokens::{
			fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
			fungibles, ConversionFromAssetBalance, Pay, PaymentStatus, Preservation,
		},
		AsEnsureOriginWithArg, ConstU32, EitherOf, EnsureOrigin, EqualPrivilegeOnly,
		LinearStoragePrice, OriginTrait,
	},
	weights::Weight,
};
use frame_system::{EnsureRootWithSuccess, EnsureSigned};
use sp_runtime::{traits::IdentityLookup, DispatchError, Permill};
use usdai_primitives::governance::{Classification, ClassifyCall, Domain, GovernedCall};

use crate::{
	configs::RuntimeBlockWeights,
	constants::{currency::*, pallet_ids::TreasuryPalletId, time::*},
	AccountId, AssetId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, Treasury,
};

pub use origins::{Parameters, Registrar, Treasurer, WhitelistedCaller};

// ---------------------------------------------------------------------------------------------
// Preimages and the scheduler: where proposals' calls are stored and when they are enacted.

parameter_types! {
	/// Held for a noted preimage: 0.2 CHIP and a milli-CHIP per byte (`deposit`).
	pub const PreimageBaseDeposit: Balance = deposit(1, 0);
	/// Held per byte of a noted preimage.
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	/// What a preimage's deposit is held as.
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	/// Only root may note a preimage for free or unrequest one.
	type ManagerOrigin = frame_system::EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Scheduled calls (enacted referenda) may use 80% of a block.
	pub MaximumSchedulerWeight: Weight =
		RuntimeBlockWeights::get().max_block.saturating_div(5).saturating_mul(4);
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Only root schedules by hand; referenda schedule through the trait.
	type ScheduleOrigin = frame_system::EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = crate::weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

// ---------------------------------------------------------------------------------------------
// Referenda and conviction voting with CHIP.

parameter_types! {
	/// CHIP voted with conviction stays locked for up to 32 times a week after the referendum.
	pub const VoteLockingPeriod: BlockNumber = 7 * DAYS;
	/// Held while a referendum is submitted (the decision deposit is per track).
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	/// A referendum that finds no decision deposit within two weeks times out.
	pub const UndecidingTimeout: BlockNumber = 14 * DAYS;
	/// How often an ongoing referendum is re-evaluated.
	pub const AlarmInterval: BlockNumber = 1;
}

impl pallet_conviction_voting::Config for Runtime {
	type WeightInfo = crate::weights::pallet_conviction_voting::WeightInfo<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotes = ConstU32<512>;
	/// Support is measured against the active issuance of CHIP.
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, Self::AccountId>;
	type Polls = Referenda;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

/// A strict majority of the risk council.
pub type CouncilMajority =
	pallet_collective::EnsureProportionMoreThan<AccountId, RiskCouncilInstance, 1, 2>;

impl pallet_referenda::Config for Runtime {
	type WeightInfo = crate::weights::pallet_referenda::WeightInfo<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = Scheduler;
	type Currency = Balances;
	/// Any CHIP holder may propose, with the submission deposit.
	type SubmitOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	/// The risk council (or a root referendum) cancels a referendum in flight (deposits back).
	type CancelOrigin = EitherOf<frame_system::EnsureRoot<AccountId>, CouncilMajority>;
	/// The risk council (or a root referendum) kills a malicious one (deposits slashed).
	type KillOrigin = EitherOf<frame_system::EnsureRoot<AccountId>, CouncilMajority>;
	/// Slashed deposits go to the treasury.
	type Slash = Treasury;
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

impl origins::pallet_custom_origins::Config for Runtime {}

// ---------------------------------------------------------------------------------------------
// The risk council.

/// The risk council's instance of pallet-collective.
pub type RiskCouncilInstance = pallet_collective::Instance1;

parameter_types! {
	/// A council motion stays open for a day.
	pub const CouncilMotionDuration: BlockNumber = DAYS;
	/// A council motion may use half a block.
	pub MaxCouncilProposalWeight: Weight =
		RuntimeBlockWeights::get().max_block.saturating_div(2);
}

/// `O`; in a benchmark build, `O` or root. Two SDK benchmarks need root where our origins are
/// narrower: the collective's set the members as root whatever `SetMembersOrigin` is, and the
/// whitelist's dispatch benchmarks whitelist a call with the *dispatching* origin (on Polkadot
/// both are `EitherOf<EnsureRoot, _>`, so root passes both). The weights do not depend on the
/// origin, and no other build accepts root through this.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type OrRootInBenchmarks<O> = O;
/// `O`, or root (a benchmark build: see the other definition).
#[cfg(feature = "runtime-benchmarks")]
pub type OrRootInBenchmarks<O> =
	frame_support::traits::EitherOfDiverse<frame_system::EnsureRoot<AccountId>, O>;

impl pallet_collective::Config<RiskCouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<16>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	/// Members are set by a referendum on the registrar track.
	type SetMembersOrigin = OrRootInBenchmarks<Registrar>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	/// A registrar referendum may strike a council motion down.
	type DisapproveOrigin = Registrar;
	type KillOrigin = Registrar;
	/// Members propose for free: the council is small and chosen by referendum.
	type Consideration = ();
}

// ---------------------------------------------------------------------------------------------
// The fast track: the council whitelists a call, a whitelisted-caller referendum dispatches it.

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// The council whitelists (and removes) an urgent fix.
	type WhitelistOrigin = OrRootInBenchmarks<CouncilMajority>;
	/// Only a referendum on the whitelisted-caller track dispatches it.
	type DispatchWhitelistedOrigin = OrRootInBenchmarks<WhitelistedCaller>;
	type Preimages = Preimage;
	/// A deferred dispatch lapses after two weeks.
	type DeferredDispatchExpiration = ConstU32<{ 14 * DAYS }>;
	type BlockNumberProvider = System;
	type WeightInfo = crate::weights::pallet_whitelist::WeightInfo<Runtime>;
}

// ---------------------------------------------------------------------------------------------
// The treasury.

parameter_types! {
	/// Approved spends are paid out every six days.
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	/// Nothing is burnt.
	pub const TreasuryBurn: Permill = Permill::zero();
	/// A spend may be claimed for a month after it is valid.
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	/// The treasury's account: the keyless account that already received auction fees.
	pub TreasuryAccount: AccountId =
		sp_runtime::traits::AccountIdConversion::into_account_truncating(&TreasuryPalletId::get());
	/// A root referendum may spend any amount.
	pub const MaxSpendBalance: Balance = Balance::MAX;
}

/// CHIP and the chain's pallet-assets tokens as one `fungibles` (the treasury pays in either).
pub type NativeAndAssets =
	UnionOf<Balances, crate::Assets, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;

/// Pays approved spends from the treasury's account, in CHIP or a pallet-assets token, keeping
/// the account alive.
pub struct TreasuryPaymaster;
impl Pay for TreasuryPaymaster {
	type Balance = Balance;
	type Beneficiary = AccountId;
	type AssetKind = NativeOrWithId<AssetId>;
	type Id = ();
	type Error = DispatchError;

	fn pay(
		who: &Self::Beneficiary,
		asset: Self::AssetKind,
		amount: Self::Balance,
	) -> Result<Self::Id, Self::Error> {
		<NativeAndAssets as fungibles::Mutate<AccountId>>::transfer(
			asset,
			&TreasuryAccount::get(),
			who,
			amount,
			Preservation::Preserve,
		)?;
		Ok(())
	}

	fn check_payment(_: Self::Id) -> PaymentStatus {
		PaymentStatus::Success
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &Self::Beneficiary, asset: Self::AssetKind, amount: Self::Balance) {
		// The benchmarks pay in CHIP (`TreasuryArguments`): the pot gets the amount and its
		// minimum balance, and the beneficiary its minimum balance, since the SDK's benchmarks
		// pay 100 base units, which could not open a new account.
		let minimum =
			<NativeAndAssets as fungibles::Inspect<AccountId>>::minimum_balance(asset.clone());
		let _ = <NativeAndAssets as fungibles::Mutate<AccountId>>::mint_into(
			asset.clone(),
			&TreasuryAccount::get(),
			amount.saturating_add(minimum),
		);
		let _ = <NativeAndAssets as fungibles::Mutate<AccountId>>::mint_into(asset, who, minimum);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_concluded(_: Self::Id) {}
}

/// Counts a spend against the treasurer's limit: CHIP and USDai one for one (both have 18
/// decimals); any other token cannot be spent by the treasury (its conversion fails).
pub struct TreasurySpendLimit;
impl ConversionFromAssetBalance<Balance, NativeOrWithId<AssetId>, Balance> for TreasurySpendLimit {
	type Error = ();
	fn from_asset_balance(
		balance: Balance,
		asset: NativeOrWithId<AssetId>,
	) -> Result<Balance, Self::Error> {
		match asset {
			NativeOrWithId::Native => Ok(balance),
			NativeOrWithId::WithId(id) if id == usdai_primitives::assets::USDAI => Ok(balance),
			NativeOrWithId::WithId(_) => Err(()),
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: NativeOrWithId<AssetId>) {}
}

/// The benchmarks' spends are in CHIP.
#[cfg(feature = "runtime-benchmarks")]
pub struct TreasuryArguments;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_treasury::ArgumentsFactory<NativeOrWithId<AssetId>, AccountId> for TreasuryArguments {
	fn create_asset_kind(_seed: u32) -> NativeOrWithId<AssetId> {
		NativeOrWithId::Native
	}
	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		AccountId::from(seed)
	}
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	/// A treasurer referendum rejects a proposal.
	type RejectOrigin = EitherOf<EnsureRootWithSuccess<AccountId, MaxSpendBalance>, Treasurer>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = TreasuryBurn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = crate::weights::pallet_treasury::WeightInfo<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	/// A treasurer referendum spends up to `MAX_TREASURER_SPEND`; a root one any amount.
	type SpendOrigin = EitherOf<EnsureRootWithSuccess<AccountId, MaxSpendBalance>, Treasurer>;
	type AssetKind = NativeOrWithId<AssetId>;
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = TreasuryPaymaster;
	type BalanceConverter = TreasurySpendLimit;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TreasuryArguments;
	type BlockNumberProvider = System;
}

// ---------------------------------------------------------------------------------------------
// The risk guard: every governance call of the protocol's pallets.

/// Who submits to the guard: root (the root track, and the whitelisted fast track, which
/// dispatches as root), the three protocol tracks, and a strict majority of the risk council.
pub struct GuardAuthority;
impl EnsureOrigin<RuntimeOrigin> for GuardAuthority {
	type Success = pallet_guard::Authority;

	fn try_origin(o: RuntimeOrigin) -> Result<Self::Success, RuntimeOrigin> {
		use pallet_guard::Authority;
		let authority = match o.caller() {
			OriginCaller::system(frame_system::RawOrigin::Root) => Some(Authority::Root),
			OriginCaller::Origins(origins::Origin::Parameters) => {
				Some(Authority::Track(Domain::Parameters))
			},
			OriginCaller::Origins(origins::Origin::Registrar) => {
				Some(Authority::Track(Domain::Registry))
			},
			OriginCaller::Origins(origins::Origin::Treasurer) => {
				Some(Authority::Track(Domain::Treasury))
			},
			OriginCaller::RiskCouncil(pallet_collective::RawOrigin::Members(ayes, members))
				if council_majority(*ayes, *members) =>
			{
				Some(Authority::Council)
			},
			_ => None,
		};
		authority.ok_or(o)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

/// Whether `ayes` of `members` is a strict majority.
fn council_majority(ayes: u32, members: u32) -> bool {
	u64::from(ayes).saturating_mul(2) > u64::from(members)
}

/// The guard's table: each protocol pallet classifies its own calls ([`GovernedCall`]); calls of
/// any other pallet are not the guard's to carry.
pub struct ProtocolCalls;
impl ClassifyCall<RuntimeCall> for ProtocolCalls {
	fn classify(call: &RuntimeCall) -> Option<Classification> {
		match call {
			RuntimeCall::Usdai(call) => call.classify(),
			RuntimeCall::Caliber(call) => call.classify(),
			RuntimeCall::Filo(call) => call.classify(),
			RuntimeCall::Gauges(call) => call.classify(),
			RuntimeCall::TreasuryBridge(call) => call.classify(),
			RuntimeCall::Guard(call) => call.classify(),
			_ => None,
		}
	}
}

impl pallet_guard::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Classifier = ProtocolCalls;
	type SubmitOrigin = GuardAuthority;
	/// Two days (`guard.delay` in genesis; the dev chains start with none).
	type DefaultDelay = GuardDelay;
	/// `set_delay` takes no less than a day (the queue needs time to let holders out)...
	type MinDelay = ConstU32<DAYS>;
	/// ... and no more than thirty days (the council may lengthen it at once).
	type MaxDelay = ConstU32<{ 30 * DAYS }>;
	type MaxPending = ConstU32<64>;
	/// A `set_relayers` of 16 accounts is about 530 bytes.
	type MaxCallLen = ConstU32<4_096>;
	type WeightInfo = pallet_guard::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::GuardBenchmarkHelper;
}

parameter_types! {
	/// The guard's delay on a production chain: two days.
	pub const GuardDelay: BlockNumber = 2 * DAYS;
}

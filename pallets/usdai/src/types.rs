//! Plain records of the vault. No `Config` bound: they only hold numbers.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use usdai_primitives::{Balance, BasisPoints};

/// A stablecoin the vault accepts for USDai.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct StablecoinInfo {
	/// Decimals of the stablecoin (at most 18, the decimals of USDai).
	pub decimals: u8,
	/// Most of this stablecoin the reserve may hold, in its own base units.
	pub cap: Balance,
	/// Whether deposits of it are accepted now (redemptions always are).
	pub enabled: bool,
}

impl StablecoinInfo {
	/// USDai base units per stablecoin base unit: `10^(18 - decimals)`.
	pub fn scale(&self) -> Option<Balance> {
		let exp = usdai_primitives::assets::USDAI_DECIMALS.checked_sub(self.decimals)?;
		10u128.checked_pow(u32::from(exp))
	}
}

/// Limits on minting USDai, set by governance.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct MintLimits<BlockNumber> {
	/// USDai supply may never exceed this.
	pub supply_cap: Balance,
	/// Length of a rate-limit period, in blocks.
	pub period: BlockNumber,
	/// USDai minted within one period beyond which the circuit breaker trips.
	pub max_per_period: Balance,
}

/// USDai minted in the current rate-limit period.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct MintWindow<BlockNumber> {
	/// First block of the period.
	pub start: BlockNumber,
	/// USDai minted since `start`.
	pub minted: Balance,
}

/// What is paused. Deposits stop when the circuit breaker trips, too.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct PauseState {
	/// `deposit` is refused.
	pub deposits: bool,
	/// `stake` is refused.
	pub stakes: bool,
}

/// Fees on interest, in basis points, each bounded by a constant of the pallet.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct FeeConfig {
	/// Share of interest for the protocol.
	pub protocol_bps: BasisPoints,
	/// Share of interest for the insurance fund.
	pub insurance_bps: BasisPoints,
}

/// The vault's books, in USDai base units.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct VaultLedger {
	/// USDai the vault holds (staked by sUSDai holders, repaid, not lent). Donations to the
	/// vault account are not counted: only what the vault's own operations moved.
	pub idle: Balance,
	/// Principal lent out and not yet repaid or written off.
	pub principal: Balance,
	/// Part of `principal` written down because its loan is in default.
	pub impaired: Balance,
	/// Interest accrued on loans and not yet paid (deposit price only).
	pub accrued_interest: Balance,
	/// The insurance fund: USDai held in the vault's account for losses past first-loss
	/// capital. Not part of NAV.
	pub insurance_fund: Balance,
	/// Protocol fees collected and not yet withdrawn. Held in the vault's account, not part of
	/// NAV.
	pub protocol_fees: Balance,
	/// Value of the reserve moved out to the T-bill sleeve, as last reported. It backs USDai
	/// like the reserve; its growth reaches the vault as minted, vesting USDai.
	pub sleeve: Balance,
	/// USDai set aside for filled redemption tickets and not yet collected by their holders.
	/// Held in the vault's account, not part of NAV.
	pub settled_unpaid: Balance,
}

/// Realised yield that is vesting linearly into the redemption price.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Vesting<BlockNumber> {
	/// Yield not vested as of block `last`.
	pub unvested: Balance,
	/// When `unvested` was measured.
	pub last: BlockNumber,
	/// When everything is vested.
	pub end: BlockNumber,
}

/// The vault's net asset value, as the runtime API reports it.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct NavBreakdown {
	/// USDai held by the vault.
	pub idle: Balance,
	/// Principal outstanding (before impairments).
	pub principal: Balance,
	/// Principal written down.
	pub impaired: Balance,
	/// Interest accrued and unpaid.
	pub accrued_interest: Balance,
	/// Realised yield still vesting.
	pub unvested: Balance,
	/// NAV at the deposit price: idle + principal − impaired + accrued interest net of fees.
	pub deposit_nav: Balance,
	/// NAV at the redemption price: idle + principal − impaired − unvested yield.
	pub redemption_nav: Balance,
	/// sUSDai in existence (including dead shares and shares locked in the queue).
	pub total_shares: Balance,
	/// sUSDai locked in redemption tickets.
	pub locked_shares: Balance,
	/// USDai in existence.
	pub usdai_supply: Balance,
	/// USDai value of the stablecoin reserve.
	pub reserves: Balance,
	/// Value of the T-bill sleeve.
	pub sleeve: Balance,
	/// USDai held by the insurance fund.
	pub insurance_fund: Balance,
	/// USDai set aside for filled redemption tickets, not yet collected (outside NAV).
	pub settled_unpaid: Balance,
}

/// Both share prices as USDai per one whole sUSDai (10^18 base units), rounded down.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct SharePrices {
	/// What a new stake pays per sUSDai.
	pub deposit: Balance,
	/// What a redemption receives per sUSDai.
	pub redemption: Balance,
}

/// An account's Allo points and what the points accounting last saw of it.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct PointsRecord<BlockNumber> {
	/// Points earned, in 10^-18 points.
	pub points: u128,
	/// USDai balance at `last` (at the end of that block, once the block has ended).
	pub usdai: Balance,
	/// sUSDai balance at `last` (at the end of that block, once the block has ended).
	pub susdai: Balance,
	/// Block of the last observation.
	pub last: BlockNumber,
	/// The account's USDai or sUSDai balance changed in the current block: it is in
	/// `PointsPending` and is settled at the balances it ends the block with.
	pub pending: bool,
}

/// The current block's points bookkeeping (`PointsBlock`).
#[derive(
	Clone,
	Debug,
	frame_support::DefaultNoBound,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct PointsBlockState<AccountId> {
	/// A USDai or sUSDai balance fell in this block: its transfers' receivers are looked up in
	/// the block's events at `on_finalize` (the fixed part of that work was registered then).
	pub scan: bool,
	/// Receivers the lookup may settle: one per debit, each registered with its weight.
	pub credits: u32,
	/// The block's first events the lookup reads, registered with their weight: up to just
	/// past the last debit (a transfer's event follows its debit).
	pub events: u32,
	/// The last debit counted in `credits`: the block's event count then, and the account
	/// debited (pallet-assets asks the vault several times about one debit).
	pub last_debit: Option<(u32, AccountId)>,
}

/// A raw storage key, the cursor of a walk over a storage map.
pub type RawKey = BoundedVec<u8, ConstU32<128>>;

/// Where the Allo points walk stands. It cycles through the three phases.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub enum WalkPosition<Cursor> {
	/// Walking the holders of `asset` (USDai, then sUSDai), after `cursor`.
	Holders {
		/// The token whose holders are walked.
		asset: usdai_primitives::AssetId,
		/// Position in that walk (`None`: from the start).
		cursor: Option<Cursor>,
	},
	/// Walking the accounts with a points record, after this raw key (`None`: from the start).
	Records(Option<RawKey>),
}

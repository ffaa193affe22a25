//! The records of the CALIBER registry: custodians, receipts, appraisals and their parameters.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;
use sp_core::H256;
use usdai_primitives::{Balance, BasisPoints, LoanId, UnixSeconds};

/// Seconds in a (365-day) year: the unit of depreciation rates.
pub const SECONDS_PER_YEAR: UnixSeconds = 365 * 24 * 60 * 60;

/// A short UTF-8 text (names, jurisdictions, providers, policy ids): at most 64 bytes.
pub type ShortText = BoundedVec<u8, ConstU32<64>>;

/// Identifier of a data centre, as its custodian names it (e.g. `us-tx-dal-01`): at most 32
/// bytes.
pub type DataCentreId = BoundedVec<u8, ConstU32<32>>;

/// Most data centres one custodian may list.
pub type MaxDataCentres = ConstU32<16>;

/// GPU models with a known depreciation curve; anything else is `Other` with its name.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum GpuModel {
	/// NVIDIA A100.
	A100,
	/// NVIDIA H100 SXM.
	H100Sxm,
	/// NVIDIA H100 PCIe.
	H100Pcie,
	/// NVIDIA H200.
	H200,
	/// NVIDIA B200.
	B200,
	/// NVIDIA GB200 (Grace Blackwell superchip).
	Gb200,
	/// NVIDIA L40S.
	L40s,
	/// AMD Instinct MI300X.
	Mi300x,
	/// Another model, by name (at most 32 bytes, not empty).
	Other(BoundedVec<u8, ConstU32<32>>),
}

impl GpuModel {
	/// The model's name as wallets show it.
	pub fn name(&self) -> &[u8] {
		match self {
			Self::A100 => b"A100",
			Self::H100Sxm => b"H100-SXM",
			Self::H100Pcie => b"H100-PCIe",
			Self::H200 => b"H200",
			Self::B200 => b"B200",
			Self::Gb200 => b"GB200",
			Self::L40s => b"L40S",
			Self::Mi300x => b"MI300X",
			Self::Other(name) => name,
		}
	}
}

/// Whether a custodian may issue receipts.
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
pub enum CustodianStatus {
	/// Issues receipts; its receipts may back new loans.
	Active,
	/// Suspended by governance: issues nothing and its receipts back no new loan. It still
	/// renews insurance and confirms releases.
	Suspended,
}

/// What governance registers about a custodian.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct CustodianInfo {
	/// Legal name.
	pub name: ShortText,
	/// Jurisdiction whose law governs its bailments (e.g. `US-DE`).
	pub jurisdiction: ShortText,
	/// The data centres where it holds GPUs; receipts name one of them.
	pub data_centres: BoundedVec<DataCentreId, MaxDataCentres>,
	/// Its insurer.
	pub insurance_provider: ShortText,
	/// Bond held (in CHIP) from its account while it is registered.
	pub bond: Balance,
}

/// A registered custodian.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Custodian {
	/// What governance registered.
	pub info: CustodianInfo,
	/// Whether it may issue.
	pub status: CustodianStatus,
	/// How many of its receipts exist.
	pub receipts: u32,
}

/// The insurance policy covering a receipt's GPUs.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Insurance {
	/// The policy's identifier with the custodian's insurer.
	pub policy_id: ShortText,
	/// Sum insured, in USDai base units (18 decimals).
	pub coverage: Balance,
	/// When cover ends, in seconds since the Unix epoch.
	pub expiry: UnixSeconds,
}

/// What a custodian states when it issues a receipt.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptInfo {
	/// The GPU model of the batch.
	pub model: GpuModel,
	/// How many GPUs the batch holds.
	pub count: u32,
	/// Hash of the batch's serial numbers (the list itself stays off chain).
	pub serials_hash: H256,
	/// Where the GPUs are: one of the custodian's data centres.
	pub data_centre: DataCentreId,
	/// Hash of the signed bailment (UCC Article 7 warehouse receipt terms).
	pub bailment_hash: H256,
	/// The policy insuring the batch.
	pub insurance: Insurance,
	/// The custodian's appraisal at issue, in USDai base units. It is only a ceiling: the
	/// receipt backs loans once appraisers confirm a value.
	pub appraisal: Balance,
}

/// Where a receipt's current valuation period began, and its value then. Within the period the
/// value stays within `max_step_bps` of this value (depreciated to now).
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
pub struct PeriodStart {
	/// When the period began: the first update at least `ValuationPeriod` after the last
	/// period began (or the first confirmation).
	pub at: UnixSeconds,
	/// The value then, in USDai base units.
	pub value: Balance,
}

/// A receipt's appraised value and when it was set.
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
pub struct Appraisal {
	/// Value at `at`, in USDai base units; it depreciates from then on.
	pub value: Balance,
	/// When it was set.
	pub at: UnixSeconds,
	/// Whether appraisers set it (`false`: still the custodian's figure at issue).
	pub confirmed: bool,
	/// The start of the current valuation period, which bounds how far updates move the value.
	pub period: PeriodStart,
}

/// Where a receipt is in its life.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ReceiptStatus {
	/// Held freely: transferable, pledgeable, releasable.
	Free,
	/// Pledged to a loan: no transfer, burn or release until the loan unlocks or seizes it.
	Pledged {
		/// The loan.
		loan: LoanId,
	},
	/// The holder asked for the GPUs back; transfers are blocked until the custodian confirms
	/// (the NFT burns) or the holder cancels.
	ReleaseRequested {
		/// When the holder asked.
		at: UnixSeconds,
	},
}

/// A CALIBER receipt: the on-chain record of a bailment. Its holder is the NFT's owner.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Receipt<AccountId> {
	/// The custodian holding the GPUs.
	pub custodian: AccountId,
	/// The batch, its bailment and (current) insurance.
	pub info: ReceiptInfo,
	/// When it was issued.
	pub issued_at: UnixSeconds,
	/// The value appraisals last set.
	pub appraisal: Appraisal,
	/// Free, pledged or being released.
	pub status: ReceiptStatus,
}

/// One appraiser's latest value for a receipt.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ValuationPost<AccountId> {
	/// Who posted.
	pub appraiser: AccountId,
	/// The value, in USDai base units.
	pub value: Balance,
	/// When.
	pub at: UnixSeconds,
}

/// How appraisals become a receipt's value (governance-set, bounded).
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ValuationParams {
	/// Fresh posts needed before their median sets the value (at least 1).
	pub min_posts: u32,
	/// Age after which a post no longer counts and a value is stale, in seconds.
	pub max_age: UnixSeconds,
	/// Most a confirmed value may move within one valuation period (`ValuationPeriod`), in
	/// basis points of its value at the period's start, however many posts arrive.
	pub max_step_bps: BasisPoints,
	/// Yearly straight-line depreciation of models without their own rate, in basis points.
	pub default_depreciation_bps: BasisPoints,
}

impl Default for ValuationParams {
	/// Three posts younger than 90 days; at most 20% per period; 20% a year.
	fn default() -> Self {
		Self {
			min_posts: 3,
			max_age: 90 * 24 * 60 * 60,
			max_step_bps: 2_000,
			default_depreciation_bps: 2_000,
		}
	}
}

/// Why a receipt cannot back a new loan now.
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
pub enum Ineligibility {
	/// It is pledged to a loan.
	Pledged,
	/// Its holder asked for release.
	ReleasePending,
	/// Its custodian is suspended.
	CustodianSuspended,
	/// Its insurance has expired.
	InsuranceExpired,
	/// No appraisers have confirmed a value yet.
	ValuationUnconfirmed,
	/// Its value is older than the staleness limit.
	ValuationStale,
}

/// A receipt as clients read it (runtime API).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ReceiptView<AccountId> {
	/// The receipt's id (its item in the CALIBER collection).
	pub id: usdai_primitives::ReceiptId,
	/// Its holder (the NFT's owner).
	pub holder: AccountId,
	/// The stored record.
	pub receipt: Receipt<AccountId>,
	/// The appraisal depreciated to now.
	pub current_value: Balance,
	/// What it counts for as collateral: `current_value` capped at the insurance coverage.
	pub collateral_value: Balance,
	/// Why it may not back a new loan now; `None` when it may.
	pub ineligibility: Option<Ineligibility>,
}

//! What a CALIBER receipt and a FiLo stack's terms state, in plain types with defaults to
//! change. [`crate::receipt_info!`] and [`crate::stack_terms!`] turn them into
//! `pallet_caliber::ReceiptInfo` and `pallet_filo::StackTerms` at the call site (this crate
//! depends on no pallet of the workspace, see the crate's docs).
//!
//! ```ignore
//! // Eight H100-SXM at `dc-1` appraised at 300,000, insured for 400,000 for a year.
//! let receipt = Receipt::h100(300_000 * USD, 400_000 * USD, START + YEAR);
//! let info = usdai_test_support::receipt_info!(receipt);
//! // The documents' example terms, at most three loans.
//! let terms = usdai_test_support::stack_terms!(Terms::example().max_loans(3));
//! ```

use usdai_primitives::{Balance, BasisPoints, UnixSeconds};

/// What a custodian states when it issues a receipt for a batch of H100-SXM: its fields are
/// those of `pallet_caliber::ReceiptInfo`, the hashes as the byte they repeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receipt {
	/// How many GPUs the batch holds.
	pub count: u32,
	/// The byte `serials_hash` repeats.
	pub serials: u8,
	/// One of the custodian's data centres.
	pub data_centre: &'static str,
	/// The byte `bailment_hash` repeats.
	pub bailment: u8,
	/// The insurance policy's identifier.
	pub policy: &'static str,
	/// Sum insured, in USDai base units.
	pub coverage: Balance,
	/// When cover ends, in Unix seconds.
	pub expiry: UnixSeconds,
	/// The custodian's appraisal at issue, in USDai base units.
	pub appraisal: Balance,
}

impl Receipt {
	/// Eight H100-SXM at `dc-1` (serials `0xaa…`, bailment `0xbb…`), appraised at `appraisal`,
	/// insured for `coverage` until `expiry` under policy `POL-1`.
	pub fn h100(appraisal: Balance, coverage: Balance, expiry: UnixSeconds) -> Self {
		Self {
			count: 8,
			serials: 0xaa,
			data_centre: "dc-1",
			bailment: 0xbb,
			policy: "POL-1",
			coverage,
			expiry,
			appraisal,
		}
	}

	/// The bytes the serials' and the bailment's hashes repeat.
	pub fn hashes(mut self, serials: u8, bailment: u8) -> Self {
		self.serials = serials;
		self.bailment = bailment;
		self
	}

	/// At data centre `data_centre`.
	pub fn data_centre(mut self, data_centre: &'static str) -> Self {
		self.data_centre = data_centre;
		self
	}

	/// Insured under policy `policy`.
	pub fn policy(mut self, policy: &'static str) -> Self {
		self.policy = policy;
		self
	}
}

/// A FiLo stack's terms with a straight-line amortization and the ACT/365 day count: the fields
/// of `pallet_filo::StackTerms`, the amortization as its annual rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
	/// Largest principal as a share of the collateral value.
	pub max_ltv_bps: BasisPoints,
	/// Lowest APR the stack lends at.
	pub min_apr_bps: BasisPoints,
	/// Highest APR the stack lends at.
	pub max_apr_bps: BasisPoints,
	/// The curator's share of interest.
	pub curator_fee_bps: BasisPoints,
	/// Most loans the stack may have live at once.
	pub max_loans: u32,
	/// The straight-line amortization's rate a year.
	pub annual_rate_bps: BasisPoints,
}

impl Terms {
	/// The documents' example: 70% LTV, 10–20% APR, 5% curator fee, ten loans at most, straight
	/// line at 35% a year.
	pub fn example() -> Self {
		Self {
			max_ltv_bps: 7_000,
			min_apr_bps: 1_000,
			max_apr_bps: 2_000,
			curator_fee_bps: 500,
			max_loans: 10,
			annual_rate_bps: 3_500,
		}
	}

	/// At most `max_loans` loans live at once.
	pub fn max_loans(mut self, max_loans: u32) -> Self {
		self.max_loans = max_loans;
		self
	}
}

//! CALIBER receipts (pallets/caliber) as the collateral of FiLo loans (pallets/filo).

use crate::{Balance, LoanId, ReceiptId};
use sp_runtime::{DispatchError, DispatchResult};

/// CALIBER receipts as loan collateral, filo's `Config::Collateral`. Implemented by
/// pallets/caliber.
///
/// A receipt stands for a batch of GPUs in an insured custodian's care. Values are USDai base
/// units (18 decimals). Every method either succeeds in full or fails and changes nothing.
pub trait Collateral<AccountId> {
	/// Who holds `receipt` now, if it exists.
	fn holder(receipt: ReceiptId) -> Option<AccountId>;

	/// What `receipts` are worth as collateral now: for each, its depreciated appraisal capped at
	/// its insurance coverage, summed. Fails on an unknown receipt.
	fn collateral_value(receipts: &[ReceiptId]) -> Result<Balance, DispatchError>;

	/// Whether every one of `receipts` is held by `holder` and may be pledged to a new loan now
	/// (insurance in force, a confirmed and fresh valuation, an active custodian, not pledged and
	/// no release pending). The error says why not.
	fn ensure_eligible(holder: &AccountId, receipts: &[ReceiptId]) -> DispatchResult;

	/// Pledges `receipts` (each eligible and held by `holder`) to `loan`: from now on they cannot
	/// be transferred, burnt or released until `unlock` or `seize`.
	fn lock(loan: LoanId, holder: &AccountId, receipts: &[ReceiptId]) -> DispatchResult;

	/// Releases every receipt pledged to `loan` (the loan was repaid).
	fn unlock(loan: LoanId) -> DispatchResult;

	/// Transfers every receipt pledged to `loan` to `to` and releases the pledge (the loan
	/// defaulted: `to` is the auction's escrow or its winner).
	fn seize(loan: LoanId, to: &AccountId) -> DispatchResult;

	/// The receipts pledged to `loan`.
	fn pledged(loan: LoanId) -> alloc::vec::Vec<ReceiptId>;
}

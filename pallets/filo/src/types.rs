//! The records of FiLo: stacks, loans, auctions, schedules and the governance parameters.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use usdai_primitives::{Balance, BasisPoints, StackId};

/// How a period's interest is counted.
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
pub enum DayCount {
	/// Actual/365: a 30-day period earns APR × 30/365.
	Act365,
	/// 30/360: a period earns APR / 12.
	Thirty360,
}

/// How principal is paid back.
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
pub enum Amortization {
	/// A constant installment (annuity): principal grows as interest falls.
	LevelPayment,
	/// Principal × `annual_rate_bps` / 12 every period; the last period pays the rest.
	StraightLine {
		/// Share of the principal repaid per year, in basis points.
		annual_rate_bps: BasisPoints,
	},
}

/// A curator's terms for every loan of its stack.
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
pub struct StackTerms {
	/// Largest principal as a share of the collateral value, in basis points (≤ the governance
	/// bound, 70% by default).
	pub max_ltv_bps: BasisPoints,
	/// Lowest APR the stack lends at.
	pub min_apr_bps: BasisPoints,
	/// Highest APR the stack lends at.
	pub max_apr_bps: BasisPoints,
	/// The curator's share of interest, in basis points (within the governance range, 3–10%).
	pub curator_fee_bps: BasisPoints,
	/// Most loans the stack may have live at once.
	pub max_loans: u32,
	/// Day count of its loans.
	pub day_count: DayCount,
	/// Amortization of its loans.
	pub amortization: Amortization,
}

/// An isolated loan stack: its curator's first-loss capital and its loans.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Stack<AccountId> {
	/// The curator.
	pub curator: AccountId,
	/// Its terms.
	pub terms: StackTerms,
	/// First-loss USDai held in the stack's account.
	pub first_loss: Balance,
	/// Principal outstanding on its live loans (active, defaulted or at auction).
	pub outstanding: Balance,
	/// Live loans.
	pub live_loans: u32,
	/// Live loans in default or at auction.
	pub in_default: u32,
}

/// A key of [`crate::StackDueDates`]: a block number (as `u64`) then a loan id, both
/// big-endian, so that byte order is date order.
pub type DueKey = [u8; 16];

/// The economic terms of one loan.
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
pub struct LoanTerms {
	/// USDai lent.
	pub principal: Balance,
	/// Yearly interest rate, in basis points.
	pub apr_bps: BasisPoints,
	/// Number of 30-day periods.
	pub periods: u32,
	/// Day count.
	pub day_count: DayCount,
	/// Amortization.
	pub amortization: Amortization,
}

/// One row of a schedule.
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
pub struct Installment {
	/// Period number, from 1.
	pub period: u32,
	/// Interest of the period.
	pub interest: Balance,
	/// Principal of the period.
	pub principal: Balance,
	/// Balance after the period's principal.
	pub balance_after: Balance,
}

/// Where a loan is in its life.
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
pub enum LoanStatus<BlockNumber> {
	/// Proposed by the curator; the borrower may accept until `expires_at`.
	Proposed {
		/// Last block of the offer.
		expires_at: BlockNumber,
	},
	/// Drawn and being repaid.
	Active,
	/// Declared in default and impaired in the vault; the borrower may cure until
	/// `cure_deadline`.
	Defaulted {
		/// Last block of the cure window.
		cure_deadline: BlockNumber,
	},
	/// Its receipts are being auctioned.
	Auction,
	/// Repaid in full; its receipts are free.
	Repaid,
	/// Auctioned and settled.
	Liquidated,
	/// The proposal was withdrawn or expired unaccepted.
	Cancelled,
}

/// A loan and its repayment state. Its receipts are in [`crate::ProposedReceipts`] while
/// proposed and pledged in pallet-caliber from acceptance on.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Loan<AccountId, BlockNumber> {
	/// The stack lending.
	pub stack: StackId,
	/// The borrower.
	pub borrower: AccountId,
	/// Principal, rate, periods, conventions.
	pub terms: LoanTerms,
	/// Where it is.
	pub status: LoanStatus<BlockNumber>,
	/// Block it was drawn (zero while proposed).
	pub start: BlockNumber,
	/// Length of a period in blocks, fixed when drawn.
	pub period_blocks: BlockNumber,
	/// Principal outstanding.
	pub balance: Balance,
	/// Periods whose interest has been fixed (they have started). Period 1 starts when the
	/// loan is drawn, period `j + 1` the block after due date `j`.
	pub periods_started: u32,
	/// Due dates reached and processed (installment `j` falls due at the last block of
	/// period `j`).
	pub due_dates_processed: u32,
	/// Interest fixed so far (all started periods).
	pub interest_accrued: Balance,
	/// Interest of the latest started period (not due until its end).
	pub current_interest: Balance,
	/// Interest paid so far.
	pub interest_paid: Balance,
	/// Late fees accrued and not yet paid.
	pub late_fees: Balance,
	/// Late fees accrued up to this block.
	pub late_checkpoint: BlockNumber,
	/// The first due date whose installment is still unpaid.
	pub overdue_since: Option<BlockNumber>,
	/// Interest reported to the vault as accrued and not yet released by a payment.
	pub vault_accrued: Balance,
}

/// An English auction of a defaulted loan's receipts, run in rounds. Its id is the loan's.
///
/// A round that ends without a bid is followed at once by another whose reserve is lower by
/// `reserve_step_bps` of `value`, down to `reserve_floor_bps` of it. The receipts never leave
/// for less than the reserve of the round in which they leave.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Auction<AccountId, BlockNumber> {
	/// Last block of the current round in which bids are taken (moves on late bids).
	pub end: BlockNumber,
	/// Lowest acceptable bid of the current round, in USDai; also the price at which the
	/// stack's curator may take the receipts while the round has no bid.
	pub reserve: Balance,
	/// The best bid so far, held in the auction escrow.
	pub best: Option<(AccountId, Balance)>,
	/// The receipts' collateral value when the auction opened: every round's reserve is a
	/// share of it (fixed, so that a new appraisal cannot move a running auction's prices).
	pub value: Balance,
	/// The current round: 0 for the first, one more each time a round ends without a bid.
	pub round: u32,
}

/// Governance parameters of FiLo (`Params`). Periods are in blocks.
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
pub struct FiloParams<BlockNumber> {
	/// Highest max LTV a stack may set (70%).
	pub max_ltv_bps: BasisPoints,
	/// First-loss a stack must hold, as a share of its outstanding principal (10%).
	pub min_first_loss_bps: BasisPoints,
	/// Lowest curator fee (3% of interest).
	pub min_curator_fee_bps: BasisPoints,
	/// Highest curator fee (10% of interest).
	pub max_curator_fee_bps: BasisPoints,
	/// Length of a period (30 days).
	pub period_blocks: BlockNumber,
	/// How long an accepted proposal stays open.
	pub proposal_blocks: BlockNumber,
	/// How long after a missed due date a loan may be declared in default (30 days).
	pub grace_blocks: BlockNumber,
	/// Yearly penalty rate on overdue amounts (5%).
	pub penalty_apr_bps: BasisPoints,
	/// How long a defaulted borrower may cure (14 days).
	pub cure_blocks: BlockNumber,
	/// Length of an auction.
	pub auction_blocks: BlockNumber,
	/// A bid this close to the end moves the end this far out (anti-sniping).
	pub extension_blocks: BlockNumber,
	/// The auction's fee on the proceeds, to the protocol treasury.
	pub auction_fee_bps: BasisPoints,
	/// Reserve price of an auction's first round, as a share of the receipts' collateral value
	/// when the auction opens.
	pub reserve_bps: BasisPoints,
	/// How much lower each following round's reserve is, as a share of that collateral value.
	pub reserve_step_bps: BasisPoints,
	/// The lowest reserve a round may have, as a share of that collateral value (at most
	/// `reserve_bps`): rounds at the floor repeat until a bid or the curator takes the receipts.
	pub reserve_floor_bps: BasisPoints,
	/// A new bid must beat the best by this share.
	pub min_increment_bps: BasisPoints,
}

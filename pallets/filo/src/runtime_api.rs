//! Runtime API of FiLo. Polkadot.js: `api.call.filoApi.loan(id)`, `.stack(id)`,
//! `.quoteSchedule(principal, aprBps, periods, dayCount, amortization)`.

use crate::{Installment, Loan, Stack};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use usdai_primitives::{Balance, BasisPoints, LoanId, StackId};

/// A loan as clients read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct LoanView<AccountId, BlockNumber> {
	/// The stored loan, brought up to the current block.
	pub loan: Loan<AccountId, BlockNumber>,
	/// The receipts pledged (or proposed).
	pub receipts: Vec<usdai_primitives::ReceiptId>,
	/// The schedule if every installment is paid on time.
	pub schedule: Vec<Installment>,
	/// The next due date not yet passed.
	pub next_due: Option<BlockNumber>,
	/// Late fees, interest and principal due now.
	pub due_now: Balance,
	/// Everything owed to close the loan now.
	pub payoff: Balance,
}

/// A stack as clients read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct StackView<AccountId> {
	/// The stored stack.
	pub stack: Stack<AccountId>,
	/// The most it may have outstanding now (`None`: it may not lend).
	pub capacity: Option<Balance>,
	/// First-loss it must keep for its outstanding principal.
	pub required_first_loss: Balance,
}

sp_api::decl_runtime_apis! {
	/// Loans, stacks and schedule quotes.
	pub trait FiloApi<AccountId, BlockNumber> where
		AccountId: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// A loan with its schedule, next due date, amount due and payoff.
		fn loan(id: LoanId) -> Option<LoanView<AccountId, BlockNumber>>;
		/// A stack with its capacity.
		fn stack(id: StackId) -> Option<StackView<AccountId>>;
		/// The full schedule of a loan with these terms, without creating one. Day count and
		/// amortization default to ACT/365 and level payment.
		fn quote_schedule(
			principal: Balance,
			apr_bps: BasisPoints,
			periods: u32,
			day_count: Option<crate::DayCount>,
			amortization: Option<crate::Amortization>,
		) -> Option<Vec<Installment>>;
	}
}

impl<T: crate::Config> crate::Pallet<T> {
	/// The loan as [`FiloApi::loan`] shows it.
	pub fn loan_view(
		id: LoanId,
	) -> Option<LoanView<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>> {
		use usdai_primitives::collateral::Collateral;
		let mut loan = crate::Loans::<T>::get(id)?;
		let now = Self::now();
		let schedule = crate::schedule::schedule(&loan.terms).ok()?;
		let (receipts, due_now, payoff) = match loan.status {
			crate::LoanStatus::Proposed { .. } => {
				(crate::ProposedReceipts::<T>::get(id).into_inner(), 0, 0)
			},
			crate::LoanStatus::Active
			| crate::LoanStatus::Defaulted { .. }
			| crate::LoanStatus::Auction => {
				// A read-only catch-up: nothing is reported to the vault.
				let balances = Self::catch_up(&mut loan, now, false).ok()?;
				let due = Self::dues(&loan, &balances).ok()?.total().ok()?;
				let payoff = loan
					.late_fees
					.checked_add(loan.interest_accrued.saturating_sub(loan.interest_paid))?
					.checked_add(loan.balance)?;
				(T::Collateral::pledged(id), due, payoff)
			},
			_ => (Vec::new(), 0, 0),
		};
		let next_due = match loan.status {
			crate::LoanStatus::Active => Self::next_due(&loan),
			_ => None,
		};
		Some(LoanView { loan, receipts, schedule, next_due, due_now, payoff })
	}

	/// The stack as [`FiloApi::stack`] shows it.
	pub fn stack_view(id: StackId) -> Option<StackView<T::AccountId>> {
		use usdai_primitives::capacity::Capacity;
		let stack = crate::Stacks::<T>::get(id)?;
		Some(StackView {
			capacity: T::Capacity::capacity(id),
			required_first_loss: Self::required_first_loss(stack.outstanding).ok()?,
			stack,
		})
	}

	/// The schedule [`FiloApi::quote_schedule`] returns.
	pub fn quote(
		principal: Balance,
		apr_bps: BasisPoints,
		periods: u32,
		day_count: Option<crate::DayCount>,
		amortization: Option<crate::Amortization>,
	) -> Option<Vec<Installment>> {
		use frame_support::traits::Get;
		if principal == 0 || periods == 0 || periods > T::MaxPeriods::get() {
			return None;
		}
		let terms = crate::LoanTerms {
			principal,
			apr_bps,
			periods,
			day_count: day_count.unwrap_or(crate::DayCount::Act365),
			amortization: amortization.unwrap_or(crate::Amortization::LevelPayment),
		};
		crate::schedule::schedule(&terms).ok()
	}
}

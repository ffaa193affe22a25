//! Origination (propose, accept, cancel) and the loan clock: periods start, installments fall
//! due, late fees accrue.
//!
//! A period's interest is fixed when the period starts, on the balance then outstanding, and
//! falls due at the period's end with the principal the schedule asks for by then. The loan is
//! brought up to date ("caught up") whenever it is touched, so every due date is processed in
//! order with the payments made before it.

use crate::{pallet::*, schedule, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get, weights::Weight, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto, Zero},
	ArithmeticError, DispatchError, DispatchResult, Rounding, SaturatedConversion,
};
use usdai_primitives::{
	capacity::Capacity, collateral::Collateral, vault::LendingVault, Balance, BasisPoints, LoanId,
	ReceiptId, StackId, BPS_DENOMINATOR,
};

/// A loan as stored.
pub(crate) type LoanOf<T> = Loan<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// What is due on a loan now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dues {
	/// Late fees accrued.
	pub late_fees: Balance,
	/// Interest of the periods that have ended, unpaid.
	pub interest: Balance,
	/// Principal the schedule asked for by now, unpaid.
	pub principal: Balance,
}

impl Dues {
	/// Everything due.
	pub fn total(&self) -> Result<Balance, ArithmeticError> {
		self.late_fees
			.checked_add(self.interest)
			.and_then(|x| x.checked_add(self.principal))
			.ok_or(ArithmeticError::Overflow)
	}
}

impl<T: Config> Pallet<T> {
	/// The current block.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The curator's share of `interest`, rounded down.
	pub(crate) fn curator_fee(
		interest: Balance,
		fee_bps: BasisPoints,
	) -> Result<Balance, DispatchError> {
		Ok(schedule::mul_div(
			interest,
			u128::from(fee_bps),
			u128::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?)
	}

	/// Block of due date `j` (the end of period `j`).
	pub(crate) fn due_date(loan: &LoanOf<T>, j: u32) -> BlockNumberFor<T> {
		loan.start.saturating_add(loan.period_blocks.saturating_mul(j.into()))
	}

	/// The scheduled balances after each period (`balances[k]` after `k` periods).
	pub(crate) fn scheduled_balances(terms: &LoanTerms) -> Result<Vec<Balance>, DispatchError> {
		let rows = schedule::schedule(terms).map_err(|_| Error::<T>::ScheduleOverflow)?;
		let mut balances = Vec::with_capacity(rows.len().saturating_add(1));
		balances.push(terms.principal);
		balances.extend(rows.iter().map(|r| r.balance_after));
		Ok(balances)
	}

	/// What is due now: the loan caught up (`due_dates_processed` due dates reached).
	pub(crate) fn dues(loan: &LoanOf<T>, balances: &[Balance]) -> Result<Dues, DispatchError> {
		Self::dues_at(loan, loan.due_dates_processed, balances)
	}

	/// What was due once `k` due dates had been reached.
	fn dues_at(loan: &LoanOf<T>, k: u32, balances: &[Balance]) -> Result<Dues, DispatchError> {
		let unpaid = loan
			.interest_accrued
			.checked_sub(loan.interest_paid)
			.ok_or(ArithmeticError::Underflow)?;
		// The latest started period's interest is not due before its due date.
		let not_due = if loan.periods_started > k { loan.current_interest } else { 0 };
		let scheduled = balances
			.get(usize::try_from(k).map_err(|_| ArithmeticError::Overflow)?)
			.copied()
			.unwrap_or_default();
		Ok(Dues {
			late_fees: loan.late_fees,
			interest: unpaid.saturating_sub(not_due),
			principal: loan.balance.saturating_sub(scheduled),
		})
	}

	/// Late fees on what was overdue between the checkpoint and `until`.
	///
	/// An unpaid amount never costs less than the loan's own rate plus the penalty: the penalty
	/// rate runs on everything overdue; the loan's rate runs on overdue interest (which no
	/// period's interest covers) and, once the last due date has passed (no period starts any
	/// more), on the overdue principal too. Before that, overdue principal earns the loan's rate
	/// through the interest of the periods, which is fixed on the whole balance.
	fn accrue_late_fees(
		loan: &mut LoanOf<T>,
		until: BlockNumberFor<T>,
		overdue: &Dues,
		params: &FiloParams<BlockNumberFor<T>>,
	) -> DispatchResult {
		let total =
			overdue.interest.checked_add(overdue.principal).ok_or(ArithmeticError::Overflow)?;
		if loan.overdue_since.is_some() && until > loan.late_checkpoint && total > 0 {
			let elapsed: u128 = until.saturating_sub(loan.late_checkpoint).unique_saturated_into();
			let day: u128 = T::BlocksPerDay::get().unique_saturated_into();
			let year = day.checked_mul(365).ok_or(ArithmeticError::Overflow)?;
			let penalty =
				schedule::pro_rata_interest(total, params.penalty_apr_bps, elapsed, year)?;
			let matured = loan.due_dates_processed >= loan.terms.periods;
			let at_rate = if matured { total } else { overdue.interest };
			// The loan's rate counts days as its schedule does (a 30/360 year is 360 days).
			let rate_year = match loan.terms.day_count {
				DayCount::Act365 => year,
				DayCount::Thirty360 => day.checked_mul(360).ok_or(ArithmeticError::Overflow)?,
			};
			let interest =
				schedule::pro_rata_interest(at_rate, loan.terms.apr_bps, elapsed, rate_year)?;
			loan.late_fees = loan
				.late_fees
				.checked_add(penalty)
				.and_then(|x| x.checked_add(interest))
				.ok_or(ArithmeticError::Overflow)?;
		}
		if until > loan.late_checkpoint {
			loan.late_checkpoint = until;
		}
		Ok(())
	}

	/// Brings `loan` up to `now`, event by event in time order: period 1 starts when drawn, due
	/// date `j` is the last block of period `j`, period `j + 1` starts the block after. A
	/// payment in the block of a due date is on time and counts before the next period's
	/// interest is fixed. With `report`, the vault is told about the interest each new period
	/// will earn it.
	pub(crate) fn catch_up(
		loan: &mut LoanOf<T>,
		now: BlockNumberFor<T>,
		report: bool,
	) -> Result<Vec<Balance>, DispatchError> {
		let params = Self::params()?;
		let fee_bps = Stacks::<T>::get(loan.stack).map(|s| s.terms.curator_fee_bps).unwrap_or(0);
		let balances = Self::scheduled_balances(&loan.terms)?;
		let n = loan.terms.periods;
		loop {
			if loan.periods_started == loan.due_dates_processed && loan.periods_started < n {
				let starts = match loan.periods_started {
					0 => loan.start,
					j => Self::due_date(loan, j).saturating_add(1u32.into()),
				};
				if starts > now {
					break;
				}
				Self::start_period(loan, fee_bps, report)?;
			} else if loan.due_dates_processed < loan.periods_started {
				let j = loan.due_dates_processed.saturating_add(1);
				if Self::due_date(loan, j) > now {
					break;
				}
				Self::process_due_date(loan, j, &balances, &params)?;
			} else {
				break;
			}
		}
		let due = Self::dues(loan, &balances)?;
		Self::accrue_late_fees(loan, now, &due, &params)?;
		Ok(balances)
	}

	/// Starts the next period: its interest is fixed on the balance outstanding now.
	fn start_period(loan: &mut LoanOf<T>, fee_bps: BasisPoints, report: bool) -> DispatchResult {
		let interest =
			schedule::period_interest(loan.balance, loan.terms.apr_bps, loan.terms.day_count)?;
		loan.interest_accrued =
			loan.interest_accrued.checked_add(interest).ok_or(ArithmeticError::Overflow)?;
		loan.current_interest = interest;
		loan.periods_started = loan.periods_started.saturating_add(1);
		let vault_share = interest.saturating_sub(Self::curator_fee(interest, fee_bps)?);
		if report && vault_share > 0 {
			T::LendingVault::accrue_interest(vault_share)?;
			loan.vault_accrued =
				loan.vault_accrued.checked_add(vault_share).ok_or(ArithmeticError::Overflow)?;
		}
		Ok(())
	}

	/// Due date `j` is reached: late fees up to it on what was overdue before, and the loan is
	/// late from it if anything is unpaid.
	fn process_due_date(
		loan: &mut LoanOf<T>,
		j: u32,
		balances: &[Balance],
		params: &FiloParams<BlockNumberFor<T>>,
	) -> DispatchResult {
		let at = Self::due_date(loan, j);
		let before = Self::dues_at(loan, j.saturating_sub(1), balances)?;
		Self::accrue_late_fees(loan, at, &before, params)?;
		loan.due_dates_processed = j;
		let due = Self::dues(loan, balances)?;
		if loan.overdue_since.is_none() && (due.interest > 0 || due.principal > 0) {
			loan.overdue_since = Some(at);
			loan.late_checkpoint = at;
		}
		Ok(())
	}

	/// Proposes a loan.
	pub(crate) fn do_propose_loan(
		curator: T::AccountId,
		stack_id: StackId,
		borrower: T::AccountId,
		receipts: BoundedVec<ReceiptId, T::MaxReceiptsPerLoan>,
		principal: Balance,
		apr_bps: BasisPoints,
		periods: u32,
	) -> Result<LoanId, DispatchError> {
		let params = Self::params()?;
		let stack = Stacks::<T>::get(stack_id).ok_or(Error::<T>::UnknownStack)?;
		ensure!(stack.curator == curator, Error::<T>::NotStackCurator);
		ensure!(Curators::<T>::contains_key(&curator), Error::<T>::NotCurator);
		ensure!(!principal.is_zero(), Error::<T>::ZeroAmount);
		ensure!(
			apr_bps >= stack.terms.min_apr_bps && apr_bps <= stack.terms.max_apr_bps,
			Error::<T>::AprOutOfRange
		);
		ensure!(periods >= 1 && periods <= T::MaxPeriods::get(), Error::<T>::InvalidPeriods);
		ensure!(!receipts.is_empty(), Error::<T>::InvalidReceipts);
		let terms = LoanTerms {
			principal,
			apr_bps,
			periods,
			day_count: stack.terms.day_count,
			amortization: stack.terms.amortization,
		};
		// The schedule must be computable before anyone relies on it.
		schedule::schedule(&terms).map_err(|_| Error::<T>::ScheduleOverflow)?;
		let id = NextLoanId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		let now = Self::now();
		let loan = Loan {
			stack: stack_id,
			borrower: borrower.clone(),
			terms,
			status: LoanStatus::Proposed { expires_at: now.saturating_add(params.proposal_blocks) },
			start: Zero::zero(),
			period_blocks: params.period_blocks,
			balance: 0,
			periods_started: 0,
			due_dates_processed: 0,
			interest_accrued: 0,
			current_interest: 0,
			interest_paid: 0,
			late_fees: 0,
			late_checkpoint: Zero::zero(),
			overdue_since: None,
			vault_accrued: 0,
		};
		Loans::<T>::insert(id, loan);
		ProposedReceipts::<T>::insert(id, receipts);
		NextLoanId::<T>::put(next);
		Self::deposit_event(Event::LoanProposed { loan: id, stack: stack_id, borrower, terms });
		Ok(id)
	}

	/// Withdraws a proposal (its curator), or clears one that expired or whose curator was
	/// removed (anyone): neither can be accepted any more.
	pub(crate) fn do_cancel_proposal(who: T::AccountId, id: LoanId) -> DispatchResult {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let LoanStatus::Proposed { expires_at } = loan.status else {
			return Err(Error::<T>::NotProposed.into());
		};
		let curator = Stacks::<T>::get(loan.stack).map(|s| s.curator);
		let registered = curator.as_ref().is_some_and(Curators::<T>::contains_key);
		ensure!(
			curator.as_ref() == Some(&who) || Self::now() > expires_at || !registered,
			Error::<T>::NotStackCurator
		);
		loan.status = LoanStatus::Cancelled;
		Loans::<T>::insert(id, loan);
		ProposedReceipts::<T>::remove(id);
		Self::deposit_event(Event::ProposalCancelled { loan: id });
		Ok(())
	}

	/// The borrower accepts: checks, pledge, draw. Returns the weight of the receipts pledged.
	pub(crate) fn do_accept_loan(
		borrower: T::AccountId,
		id: LoanId,
	) -> Result<Weight, DispatchError> {
		let mut loan = Loans::<T>::get(id).ok_or(Error::<T>::UnknownLoan)?;
		let LoanStatus::Proposed { expires_at } = loan.status else {
			return Err(Error::<T>::NotProposed.into());
		};
		let now = Self::now();
		ensure!(now <= expires_at, Error::<T>::ProposalExpired);
		ensure!(loan.borrower == borrower, Error::<T>::NotBorrower);
		let mut stack = Stacks::<T>::get(loan.stack).ok_or(Error::<T>::UnknownStack)?;
		// The offer is the curator's: once governance removed it, nobody lends on its word.
		ensure!(Curators::<T>::contains_key(&stack.curator), Error::<T>::CuratorRemoved);
		let receipts = ProposedReceipts::<T>::get(id);
		let used = T::WeightInfo::accept_loan(receipts.len().saturated_into());
		let principal = loan.terms.principal;

		T::Collateral::ensure_eligible(&borrower, &receipts)?;
		let value = T::Collateral::collateral_value(&receipts)?;
		let max_principal = schedule::mul_div(
			value,
			u128::from(stack.terms.max_ltv_bps),
			u128::from(BPS_DENOMINATOR),
			Rounding::Down,
		)?;
		ensure!(principal <= max_principal, Error::<T>::LtvExceeded);
		ensure!(stack.live_loans < stack.terms.max_loans, Error::<T>::TooManyLoans);
		let outstanding =
			stack.outstanding.checked_add(principal).ok_or(ArithmeticError::Overflow)?;
		ensure!(
			stack.first_loss >= Self::required_first_loss(outstanding)?,
			Error::<T>::InsufficientFirstLoss
		);
		let capacity = T::Capacity::capacity(loan.stack).unwrap_or_default();
		ensure!(outstanding <= capacity, Error::<T>::CapacityExceeded);

		T::Collateral::lock(id, &borrower, &receipts)?;
		T::LendingVault::draw(&borrower, principal)?;
		stack.outstanding = outstanding;
		stack.live_loans = stack.live_loans.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Stacks::<T>::insert(loan.stack, stack);
		loan.status = LoanStatus::Active;
		loan.start = now;
		loan.late_checkpoint = now;
		loan.balance = principal;
		Self::catch_up(&mut loan, now, true)?;
		Self::rewatch(loan.stack, id, None, Self::watch_date(&loan));
		Loans::<T>::insert(id, loan);
		ProposedReceipts::<T>::remove(id);
		Self::deposit_event(Event::LoanAccepted {
			loan: id,
			borrower,
			principal,
			collateral_value: value,
		});
		Ok(used)
	}

	/// The due date of the next installment not yet due, if any.
	pub(crate) fn next_due(loan: &LoanOf<T>) -> Option<BlockNumberFor<T>> {
		(loan.due_dates_processed < loan.terms.periods)
			.then(|| Self::due_date(loan, loan.due_dates_processed.saturating_add(1)))
	}
}

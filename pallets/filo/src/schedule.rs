//! Repayment schedules: 30-day periods, two day-count conventions, two amortization kinds.
//!
//! - Interest of a period = opening balance × APR × 30/365 (ACT/365) or × 1/12 (30/360), rounded
//!   up: the vault never earns less than the rate.
//! - Straight-line principal: principal × annual amortization rate / 12 each period, rounded
//!   down; level payment (annuity): a constant installment `P·r / (1 − (1+r)^−n)` of which
//!   principal is what is left after the period's interest. In both, the last period takes the
//!   whole remaining balance, so the principal payments sum to the principal exactly.
//!
//! The documents' example: 416,500 at 15% APR, ACT/365, straight-line at 35% a year → first
//! interest 5,134.93, principal 12,147.92, balance after 404,352.08 (see the unit tests for the
//! base units).

use crate::types::{Amortization, DayCount, Installment, LoanTerms};
use alloc::vec::Vec;
use sp_arithmetic::{
	traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, One, Zero},
	ArithmeticError, FixedPointNumber, FixedU128, Rounding,
};
use usdai_primitives::{Balance, BasisPoints, BPS_DENOMINATOR};

/// Days in a period.
pub const PERIOD_DAYS: u128 = 30;

pub use usdai_primitives::mul_div;

/// The rate of one period as a fraction `(numerator, denominator)` of `apr_bps`.
fn period_rate(apr_bps: BasisPoints, day_count: DayCount) -> (u128, u128) {
	let apr = u128::from(apr_bps);
	let bps = u128::from(BPS_DENOMINATOR);
	match day_count {
		// APR × 30 / 365.
		DayCount::Act365 => (apr.saturating_mul(PERIOD_DAYS), bps.saturating_mul(365)),
		// APR / 12.
		DayCount::Thirty360 => (apr, bps.saturating_mul(12)),
	}
}

/// Interest of one period on `balance`, rounded up.
pub fn period_interest(
	balance: Balance,
	apr_bps: BasisPoints,
	day_count: DayCount,
) -> Result<Balance, ArithmeticError> {
	let (n, d) = period_rate(apr_bps, day_count);
	mul_div(balance, n, d, Rounding::Up)
}

/// Interest at `rate_bps` a year on `amount` over `elapsed` out of `year` (blocks), rounded up.
pub fn pro_rata_interest(
	amount: Balance,
	rate_bps: BasisPoints,
	elapsed: u128,
	year: u128,
) -> Result<Balance, ArithmeticError> {
	let denominator =
		u128::from(BPS_DENOMINATOR).checked_mul(year).ok_or(ArithmeticError::Overflow)?;
	let numerator = u128::from(rate_bps).checked_mul(elapsed).ok_or(ArithmeticError::Overflow)?;
	mul_div(amount, numerator, denominator, Rounding::Up)
}

/// `base^exp` by squaring, failing on overflow.
fn checked_pow(mut base: FixedU128, mut exp: u32) -> Result<FixedU128, ArithmeticError> {
	let mut acc = FixedU128::one();
	while exp > 0 {
		if exp & 1 == 1 {
			acc = acc.checked_mul(&base).ok_or(ArithmeticError::Overflow)?;
		}
		exp >>= 1;
		if exp > 0 {
			base = base.checked_mul(&base).ok_or(ArithmeticError::Overflow)?;
		}
	}
	Ok(acc)
}

/// The constant installment of a level-payment loan, rounded up.
fn level_installment(terms: &LoanTerms) -> Result<Balance, ArithmeticError> {
	let periods = u128::from(terms.periods);
	let (n, d) = period_rate(terms.apr_bps, terms.day_count);
	if n == 0 {
		return mul_div(terms.principal, 1, periods, Rounding::Up);
	}
	let r = FixedU128::checked_from_rational(n, d).ok_or(ArithmeticError::Overflow)?;
	let growth = checked_pow(
		FixedU128::one().checked_add(&r).ok_or(ArithmeticError::Overflow)?,
		terms.periods,
	)?;
	let denominator = growth.checked_sub(&FixedU128::one()).ok_or(ArithmeticError::Underflow)?;
	if denominator.is_zero() {
		return Err(ArithmeticError::DivisionByZero);
	}
	let factor = r
		.checked_mul(&growth)
		.ok_or(ArithmeticError::Overflow)?
		.checked_div(&denominator)
		.ok_or(ArithmeticError::Overflow)?;
	// factor × principal, rounded up: (inner × principal) / 10^18.
	mul_div(terms.principal, factor.into_inner(), FixedU128::accuracy(), Rounding::Up)
}

/// Principal scheduled for a period that is not the last, given the period's interest.
fn scheduled_principal(
	terms: &LoanTerms,
	installment: Balance,
	interest: Balance,
) -> Result<Balance, ArithmeticError> {
	match terms.amortization {
		Amortization::StraightLine { annual_rate_bps } => mul_div(
			terms.principal,
			u128::from(annual_rate_bps),
			u128::from(BPS_DENOMINATOR).saturating_mul(12),
			Rounding::Down,
		),
		Amortization::LevelPayment => Ok(installment.saturating_sub(interest)),
	}
}

/// The full schedule of `terms` when every installment is paid on time.
pub fn schedule(terms: &LoanTerms) -> Result<Vec<Installment>, ArithmeticError> {
	let installment = match terms.amortization {
		Amortization::LevelPayment => level_installment(terms)?,
		Amortization::StraightLine { .. } => 0,
	};
	let mut balance = terms.principal;
	let mut rows = Vec::with_capacity(usize::try_from(terms.periods).unwrap_or_default());
	for period in 1..=terms.periods {
		let interest = period_interest(balance, terms.apr_bps, terms.day_count)?;
		let principal = if period == terms.periods {
			balance
		} else {
			scheduled_principal(terms, installment, interest)?.min(balance)
		};
		balance = balance.checked_sub(principal).ok_or(ArithmeticError::Underflow)?;
		rows.push(Installment { period, interest, principal, balance_after: balance });
	}
	Ok(rows)
}

/// The balance the schedule of `terms` leaves after `periods` installments (zero from the last
/// period on).
pub fn scheduled_balance_after(
	terms: &LoanTerms,
	periods: u32,
) -> Result<Balance, ArithmeticError> {
	if periods >= terms.periods {
		return Ok(0);
	}
	let installment = match terms.amortization {
		Amortization::LevelPayment => level_installment(terms)?,
		Amortization::StraightLine { .. } => 0,
	};
	let mut balance = terms.principal;
	for _ in 0..periods {
		let interest = period_interest(balance, terms.apr_bps, terms.day_count)?;
		let principal = scheduled_principal(terms, installment, interest)?.min(balance);
		balance = balance.checked_sub(principal).ok_or(ArithmeticError::Underflow)?;
	}
	Ok(balance)
}

/// `part / whole` in basis points, rounded up (a loan-to-value ratio).
pub fn ratio_bps(part: Balance, whole: Balance) -> Result<BasisPoints, ArithmeticError> {
	if whole.is_zero() {
		return Err(ArithmeticError::DivisionByZero);
	}
	let bps = mul_div(part, u128::from(BPS_DENOMINATOR), whole, Rounding::Up)?;
	BasisPoints::try_from(bps).map_err(|_| ArithmeticError::Overflow)
}

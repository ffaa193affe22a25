//! Benchmarks of FiLo's calls and of its `on_initialize` work (frame-benchmarking v2). They run
//! against the real vault and receipts, which the runtime's [`BenchmarkHelper`] prepares
//! (USDai for accounts, vault liquidity, eligible receipts). Each measures its heaviest path:
//! the most receipts, a catch-up over every period, a settlement that runs the whole loss
//! waterfall, a full deadline list.

use super::*;
use crate::{loans::LoanOf, BenchmarkHelper};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get, Hooks},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::Saturating;
use usdai_primitives::{Balance, LoanId, ReceiptId, StackId};

const USD: Balance = 1_000_000_000_000_000_000;

/// A configuration with short periods so that loans mature within a benchmark.
fn bench_config<T: Config>() -> FiloParams<BlockNumberFor<T>> {
	FiloParams {
		max_ltv_bps: 7_000,
		min_first_loss_bps: 1_000,
		min_curator_fee_bps: 300,
		max_curator_fee_bps: 1_000,
		period_blocks: 10u32.into(),
		proposal_blocks: 100u32.into(),
		grace_blocks: 10u32.into(),
		penalty_apr_bps: 500,
		cure_blocks: 10u32.into(),
		auction_blocks: 10u32.into(),
		extension_blocks: 5u32.into(),
		auction_fee_bps: 200,
		reserve_bps: 5_000,
		reserve_step_bps: 1_000,
		reserve_floor_bps: 2_000,
		min_increment_bps: 100,
	}
}

fn bench_terms() -> StackTerms {
	StackTerms {
		max_ltv_bps: 7_000,
		min_apr_bps: 0,
		max_apr_bps: 10_000,
		curator_fee_bps: 500,
		max_loans: u32::MAX,
		day_count: DayCount::Act365,
		amortization: Amortization::LevelPayment,
	}
}

/// Configuration, a curator with a stack of 1M first-loss and a large cap, vault liquidity.
fn setup<T: Config>() -> (T::AccountId, StackId) {
	Settings::<T>::put(bench_config::<T>());
	let curator: T::AccountId = account("curator", 0, 0);
	T::BenchmarkHelper::fund_usdai(&curator, 2_000_000 * USD);
	T::BenchmarkHelper::provide_liquidity(20_000_000 * USD);
	Pallet::<T>::do_register_curator(curator.clone()).expect("registers");
	let stack =
		Pallet::<T>::do_open_stack(curator.clone(), 1_000_000 * USD, bench_terms()).expect("opens");
	StackCaps::<T>::insert(stack, Balance::MAX / 4);
	(curator, stack)
}

/// `r` eligible receipts of `borrower`, worth 100,000 each.
fn receipts<T: Config>(
	borrower: &T::AccountId,
	r: u32,
) -> BoundedVec<ReceiptId, T::MaxReceiptsPerLoan> {
	let ids: Vec<ReceiptId> =
		(0..r).map(|_| T::BenchmarkHelper::eligible_receipt(borrower, 100_000 * USD)).collect();
	BoundedVec::truncate_from(ids)
}

/// A loan of 50,000 per receipt over `p` periods, proposed and (if `accept`) drawn.
fn loan<T: Config>(
	curator: &T::AccountId,
	stack: StackId,
	p: u32,
	r: u32,
	accept: bool,
) -> (T::AccountId, LoanId) {
	let borrower: T::AccountId = account("borrower", 0, 0);
	T::BenchmarkHelper::fund_usdai(&borrower, 10_000_000 * USD);
	let rs = receipts::<T>(&borrower, r);
	let principal = 50_000 * USD * Balance::from(r);
	let id = Pallet::<T>::do_propose_loan(
		curator.clone(),
		stack,
		borrower.clone(),
		rs,
		principal,
		1_500,
		p,
	)
	.expect("proposes");
	if accept {
		Pallet::<T>::do_accept_loan(borrower.clone(), id).expect("accepts");
	}
	(borrower, id)
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// Past maturity and the grace period of `loan`.
fn after_maturity<T: Config>(loan: &LoanOf<T>) -> BlockNumberFor<T> {
	let config = bench_config::<T>();
	Pallet::<T>::due_date(loan, loan.terms.periods)
		.saturating_add(config.grace_blocks)
		.saturating_add(2u32.into())
}

/// A defaulted loan of `p` periods and `r` receipts.
fn defaulted<T: Config>(p: u32, r: u32) -> (T::AccountId, T::AccountId, LoanId) {
	let (curator, stack) = setup::<T>();
	let (borrower, id) = loan::<T>(&curator, stack, p, r, true);
	let l = Loans::<T>::get(id).expect("exists");
	set_block::<T>(after_maturity::<T>(&l));
	Pallet::<T>::do_declare_default(id).expect("defaults");
	(curator, borrower, id)
}

/// Fills the deadline list up to one free slot with entries for loans that do not exist.
fn fill_deadlines<T: Config>() {
	Deadlines::<T>::mutate(|list| {
		let mut fake: LoanId = u64::MAX;
		while (list.len() as u32) < T::MaxDeadlines::get().saturating_sub(1) {
			let _ = list.try_insert(0, (u32::MAX.into(), fake));
			fake = fake.saturating_sub(1);
		}
		list.sort();
	});
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_curator() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("curator", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Curators::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_curator() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("curator", 0, 0);
		Pallet::<T>::do_register_curator(who.clone())?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Curators::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn set_config() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bench_config::<T>());
		assert_eq!(Settings::<T>::get(), Some(bench_config::<T>()));
		Ok(())
	}

	#[benchmark]
	fn set_stack_cap() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (_, stack) = setup::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, stack, Some(USD));
		assert_eq!(StackCaps::<T>::get(stack), Some(USD));
		Ok(())
	}

	#[benchmark]
	fn open_stack() {
		let (curator, _) = setup::<T>();
		let id = NextStackId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), 100_000 * USD, bench_terms());
		assert!(Stacks::<T>::contains_key(id));
	}

	#[benchmark]
	fn add_first_loss() {
		let (curator, stack) = setup::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), stack, 1_000 * USD);
		assert_eq!(Stacks::<T>::get(stack).map(|s| s.first_loss), Some(1_001_000 * USD));
	}

	/// A stack with a live loan, current: its due date is read and is in the future.
	#[benchmark]
	fn withdraw_first_loss() {
		let (curator, stack) = setup::<T>();
		loan::<T>(&curator, stack, 12, 1, true);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), stack, 1_000 * USD);
		assert_eq!(Stacks::<T>::get(stack).map(|s| s.first_loss), Some(999_000 * USD));
	}

	#[benchmark]
	fn propose_loan(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		let (curator, stack) = setup::<T>();
		let borrower: T::AccountId = account("borrower", 0, 0);
		let rs = receipts::<T>(&borrower, r);
		let id = NextLoanId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(curator),
			stack,
			borrower,
			rs,
			50_000 * USD,
			1_500,
			T::MaxPeriods::get(),
		);
		assert!(Loans::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel_proposal() {
		let (curator, stack) = setup::<T>();
		let (_, id) = loan::<T>(&curator, stack, 12, T::MaxReceiptsPerLoan::get(), false);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Cancelled));
	}

	#[benchmark]
	fn accept_loan(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		let (curator, stack) = setup::<T>();
		let (borrower, id) = loan::<T>(&curator, stack, T::MaxPeriods::get(), r, false);
		#[extrinsic_call]
		_(RawOrigin::Signed(borrower), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Active));
	}

	/// A payoff after maturity: catch-up over `p` periods with late fees, then the receipts
	/// are unlocked.
	#[benchmark]
	fn repay(
		p: Linear<1, { T::MaxPeriods::get() }>,
		r: Linear<1, { T::MaxReceiptsPerLoan::get() }>,
	) {
		let (curator, stack) = setup::<T>();
		let (borrower, id) = loan::<T>(&curator, stack, p, r, true);
		let l = Loans::<T>::get(id).expect("exists");
		set_block::<T>(after_maturity::<T>(&l));
		#[extrinsic_call]
		_(RawOrigin::Signed(borrower), id, 10_000_000 * USD);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Repaid));
	}

	#[benchmark]
	fn declare_default(p: Linear<1, { T::MaxPeriods::get() }>) {
		let (curator, stack) = setup::<T>();
		let (_, id) = loan::<T>(&curator, stack, p, T::MaxReceiptsPerLoan::get(), true);
		let l = Loans::<T>::get(id).expect("exists");
		set_block::<T>(after_maturity::<T>(&l));
		fill_deadlines::<T>();
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(matches!(
			Loans::<T>::get(id).map(|l| l.status),
			Some(LoanStatus::Defaulted { .. })
		));
	}

	#[benchmark]
	fn cure(p: Linear<1, { T::MaxPeriods::get() }>) {
		let (_, borrower, id) = defaulted::<T>(p, T::MaxReceiptsPerLoan::get());
		fill_deadlines::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(borrower), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Active));
	}

	/// Outbids a previous bidder near the end: refund and extension (a full deadline list).
	#[benchmark]
	fn bid() {
		let (_, _, id) = defaulted::<T>(12, 1);
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_config::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		Pallet::<T>::on_initialize(opens);
		fill_deadlines::<T>();
		let first: T::AccountId = account("bidder", 0, 0);
		T::BenchmarkHelper::fund_usdai(&first, 100_000 * USD);
		Pallet::<T>::do_bid(first, id, 50_000 * USD).expect("bids");
		let end = Auctions::<T>::get(id).expect("auction").end;
		set_block::<T>(end);
		let bidder: T::AccountId = account("bidder", 1, 0);
		T::BenchmarkHelper::fund_usdai(&bidder, 100_000 * USD);
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder.clone()), id, 60_000 * USD);
		assert_eq!(Auctions::<T>::get(id).and_then(|a| a.best).map(|b| b.0), Some(bidder));
	}

	/// A winning bid below the debt: the whole waterfall (fee, principal, first-loss, insurance,
	/// realised loss) and `r` receipts to the winner.
	#[benchmark]
	fn settle_auction(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		let (_, _, id) = defaulted::<T>(12, r);
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_config::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		Pallet::<T>::on_initialize(opens);
		let bidder: T::AccountId = account("bidder", 0, 0);
		T::BenchmarkHelper::fund_usdai(&bidder, 10_000_000 * USD);
		let reserve = Auctions::<T>::get(id).expect("auction").reserve;
		Pallet::<T>::do_bid(bidder, id, reserve).expect("bids");
		let end = Auctions::<T>::get(id).expect("auction").end;
		set_block::<T>(end.saturating_add(1u32.into()));
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Liquidated));
	}

	/// Anyone opens the auction of a defaulted loan whose cure window closed (the most
	/// receipts to value, a full deadline list).
	#[benchmark]
	fn start_auction() {
		let (_, _, id) = defaulted::<T>(12, T::MaxReceiptsPerLoan::get());
		fill_deadlines::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_config::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Auction));
	}

	/// The curator takes `r` receipts at a reserve below the debt: its first-loss covers part
	/// of the loss, the rest is realised and offered to the insurance fund.
	#[benchmark]
	fn take_collateral(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		let (curator, stack) = setup::<T>();
		// First-loss of 10,000 a receipt: less than the loss at a 30% reserve.
		let keep = (10_000 * USD).saturating_mul(Balance::from(r));
		Pallet::<T>::do_withdraw_first_loss(
			curator.clone(),
			stack,
			(1_000_000 * USD).saturating_sub(keep),
		)
		.expect("withdraws");
		Settings::<T>::mutate(|c| {
			if let Some(c) = c {
				c.reserve_bps = 3_000;
			}
		});
		let (_, id) = loan::<T>(&curator, stack, 12, r, true);
		let l = Loans::<T>::get(id).expect("exists");
		set_block::<T>(after_maturity::<T>(&l));
		Pallet::<T>::do_declare_default(id).expect("defaults");
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_config::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		Pallet::<T>::on_initialize(opens);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Liquidated));
	}

	/// `on_initialize` with nothing due.
	#[benchmark]
	fn process_deadlines_empty() {
		fill_deadlines::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		#[block]
		{
			Pallet::<T>::do_process_deadlines(now);
		}
	}

	/// `on_initialize` opening one auction (the most receipts to value).
	#[benchmark]
	fn process_deadline_start_auction() {
		let (_, _, id) = defaulted::<T>(12, T::MaxReceiptsPerLoan::get());
		fill_deadlines::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_config::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		#[block]
		{
			Pallet::<T>::do_process_deadlines(opens);
		}
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Auction));
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

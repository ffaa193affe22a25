//! Benchmarks of FiLo's calls and of its `on_initialize` work (frame-benchmarking v2). They run
//! against the real vault and receipts, which the runtime prepares: the vault through
//! `Config::VaultBenchmarkHelper` (USDai for accounts, vault liquidity), the receipts through
//! the [`BenchmarkHelper`] (eligible receipts). Each measures its heaviest path: the most
//! receipts, a catch-up over every period, a full deadline list, and payments that empty their
//! payer's account and create their payee's. A payer is an account the setup never debited:
//! the vault notes each account's first debit in a block for its points, and the call must pay
//! for that note.

use super::*;
use crate::{loans::LoanOf, BenchmarkHelper};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::Preservation,
		EnsureOrigin, Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::Saturating;
use usdai_primitives::{vault::VaultBenchmarkHelper, Balance, LoanId, ReceiptId, StackId};

const USD: Balance = 1_000_000_000_000_000_000;

/// Parameters with short periods so that loans mature within a benchmark.
fn bench_params<T: Config>() -> FiloParams<BlockNumberFor<T>> {
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

/// Parameters, a curator with a stack of 1M first-loss and a large cap, vault liquidity.
fn setup<T: Config>() -> (T::AccountId, StackId) {
	Params::<T>::put(bench_params::<T>());
	let curator: T::AccountId = account("curator", 0, 0);
	T::VaultBenchmarkHelper::fund_usdai(&curator, 2_000_000 * USD);
	T::VaultBenchmarkHelper::provide_liquidity(20_000_000 * USD);
	Pallet::<T>::do_register_curator(curator.clone()).expect("registers");
	let stack =
		Pallet::<T>::do_open_stack(curator.clone(), 1_000_000 * USD, bench_terms()).expect("opens");
	StackCaps::<T>::insert(stack, Balance::MAX / 4);
	(curator, stack)
}

/// The USDai `who` holds.
fn usdai_of<T: Config>(who: &T::AccountId) -> Balance {
	T::Assets::balance(T::UsdaiAsset::get(), who)
}

/// Credits `who` exactly `amount` USDai (a credit: `who` is not debited, and the vault does not
/// note it for the points).
fn mint<T: Config>(who: &T::AccountId, amount: Balance) {
	T::Assets::mint_into(T::UsdaiAsset::get(), who, amount).expect("minted");
}

/// Moves all `who`'s USDai away: a payment to it creates its account.
fn empty<T: Config>(who: &T::AccountId) {
	let all = usdai_of::<T>(who);
	if all > 0 {
		let sink: T::AccountId = account("sink", 0, 0);
		T::Assets::transfer(T::UsdaiAsset::get(), who, &sink, all, Preservation::Expendable)
			.expect("moved");
	}
}

/// A stack of a fresh curator that nothing debited: `first_loss` (if any) is paid straight
/// into the stack's account, whose first-loss is all it holds.
fn fresh_stack<T: Config>(first_loss: Balance) -> (T::AccountId, StackId) {
	let curator: T::AccountId = account("curator", 1, 0);
	Pallet::<T>::do_register_curator(curator.clone()).expect("registers");
	let stack = NextStackId::<T>::get();
	NextStackId::<T>::put(stack.saturating_add(1));
	let account = Pallet::<T>::stack_account(stack);
	if first_loss > 0 {
		T::VaultBenchmarkHelper::fund_usdai(&account, first_loss);
	}
	let stack_record = Stack {
		curator: curator.clone(),
		terms: bench_terms(),
		first_loss: usdai_of::<T>(&account),
		outstanding: 0,
		live_loans: 0,
		in_default: 0,
	};
	Stacks::<T>::insert(stack, stack_record);
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

/// A loan of 50,000 per receipt over `p` periods, proposed and (if `accept`) drawn. The
/// borrower holds no USDai but the principal.
fn loan<T: Config>(
	curator: &T::AccountId,
	stack: StackId,
	p: u32,
	r: u32,
	accept: bool,
) -> (T::AccountId, LoanId) {
	let borrower: T::AccountId = account("borrower", 0, 0);
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
	let params = bench_params::<T>();
	Pallet::<T>::due_date(loan, loan.terms.periods)
		.saturating_add(params.grace_blocks)
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

/// Declares loan `id`, drawn and never paid, in default at its first chance and opens its
/// auction through the hook, so that a settlement after maturity catches up every period.
fn at_auction_early<T: Config>(id: LoanId) {
	let l = Loans::<T>::get(id).expect("exists");
	let params = Params::<T>::get().expect("parameters set");
	let first = Pallet::<T>::due_date(&l, 1)
		.saturating_add(params.grace_blocks)
		.saturating_add(1u32.into());
	set_block::<T>(first);
	Pallet::<T>::do_declare_default(id).expect("defaults");
	let opens = first.saturating_add(params.cure_blocks).saturating_add(1u32.into());
	set_block::<T>(opens);
	Pallet::<T>::on_initialize(opens);
	assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Auction));
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
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bench_params::<T>());
		assert_eq!(Params::<T>::get(), Some(bench_params::<T>()));
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

	/// A fresh curator pays all it holds (its account is emptied) into a new stack account.
	#[benchmark]
	fn open_stack() {
		setup::<T>();
		let curator: T::AccountId = account("curator", 1, 0);
		Pallet::<T>::do_register_curator(curator.clone()).expect("registers");
		T::VaultBenchmarkHelper::fund_usdai(&curator, 100_000 * USD);
		let all = usdai_of::<T>(&curator);
		let id = NextStackId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(curator.clone()), all, bench_terms());
		assert!(Stacks::<T>::contains_key(id));
		assert_eq!(usdai_of::<T>(&curator), 0);
	}

	/// A fresh curator pays all it holds (its account is emptied) into its stack's account,
	/// which does not exist.
	#[benchmark]
	fn add_first_loss() {
		setup::<T>();
		let (curator, stack) = fresh_stack::<T>(0);
		T::VaultBenchmarkHelper::fund_usdai(&curator, 1_000 * USD);
		let all = usdai_of::<T>(&curator);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator.clone()), stack, all);
		assert_eq!(Stacks::<T>::get(stack).map(|s| s.first_loss), Some(all));
		assert_eq!(usdai_of::<T>(&curator), 0);
	}

	/// All of a stack's first-loss (its account is emptied, the stack's due dates are read)
	/// to a curator that holds no USDai (its account is created).
	#[benchmark]
	fn withdraw_first_loss() {
		let (curator, stack) = setup::<T>();
		empty::<T>(&curator);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator.clone()), stack, 1_000_000 * USD);
		assert_eq!(Stacks::<T>::get(stack).map(|s| s.first_loss), Some(0));
		assert_eq!(usdai_of::<T>(&Pallet::<T>::stack_account(stack)), 0);
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

	/// With the capacity in its dearest state (`BenchmarkHelper::live_capacity`): in the
	/// runtime the gauges decide it, and the check reads their quorum, the stack's weight and
	/// the bound on its share besides governance's cap (three reads that a benchmark before the
	/// gauges were live missed). They are brought live before the proposal, which must still be
	/// open once they have moved the block number on.
	#[benchmark]
	fn accept_loan(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		let (curator, stack) = setup::<T>();
		T::BenchmarkHelper::live_capacity(stack);
		let (borrower, id) = loan::<T>(&curator, stack, T::MaxPeriods::get(), r, false);
		#[extrinsic_call]
		_(RawOrigin::Signed(borrower), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Active));
	}

	/// A payoff after maturity: catch-up over `p` periods with late fees, then the receipts
	/// are unlocked. The payer pays all it holds (its account is emptied); the curator holds no
	/// USDai (its fee creates its account).
	#[benchmark]
	fn repay(
		p: Linear<1, { T::MaxPeriods::get() }>,
		r: Linear<1, { T::MaxReceiptsPerLoan::get() }>,
	) {
		let (curator, stack) = setup::<T>();
		let (_, id) = loan::<T>(&curator, stack, p, r, true);
		let l = Loans::<T>::get(id).expect("exists");
		set_block::<T>(after_maturity::<T>(&l));
		let payoff = Pallet::<T>::loan_view(id).expect("a loan").payoff;
		let payer: T::AccountId = account("payer", 0, 0);
		mint::<T>(&payer, payoff);
		empty::<T>(&curator);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer.clone()), id, payoff);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Repaid));
		assert_eq!(usdai_of::<T>(&payer), 0);
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

	/// The borrower pays all it holds (its account is emptied); the curator holds no USDai
	/// (its fee creates its account).
	#[benchmark]
	fn cure(p: Linear<1, { T::MaxPeriods::get() }>) {
		let (curator, borrower, id) = defaulted::<T>(p, T::MaxReceiptsPerLoan::get());
		fill_deadlines::<T>();
		let due = Pallet::<T>::loan_view(id).expect("a loan").due_now;
		mint::<T>(&borrower, due.saturating_sub(usdai_of::<T>(&borrower)));
		empty::<T>(&curator);
		#[extrinsic_call]
		_(RawOrigin::Signed(borrower.clone()), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Active));
		assert_eq!(usdai_of::<T>(&borrower), 0);
	}

	/// Outbids a previous bidder near the end: refund and extension (a full deadline list).
	/// Each bidder bids all it holds: the new one's account is emptied, the refund creates the
	/// previous one's again.
	#[benchmark]
	fn bid() {
		let (_, _, id) = defaulted::<T>(12, 1);
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_params::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		Pallet::<T>::on_initialize(opens);
		fill_deadlines::<T>();
		let first: T::AccountId = account("bidder", 0, 0);
		T::VaultBenchmarkHelper::fund_usdai(&first, 50_000 * USD);
		Pallet::<T>::do_bid(first.clone(), id, usdai_of::<T>(&first)).expect("bids");
		let end = Auctions::<T>::get(id).expect("auction").end;
		set_block::<T>(end);
		let bidder: T::AccountId = account("bidder", 1, 0);
		T::VaultBenchmarkHelper::fund_usdai(&bidder, 60_000 * USD);
		let all = usdai_of::<T>(&bidder);
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder.clone()), id, all);
		assert_eq!(Auctions::<T>::get(id).and_then(|a| a.best).map(|b| b.0), Some(bidder.clone()));
		assert_eq!(usdai_of::<T>(&bidder), 0);
	}

	/// A winning bid above the debt of a loan of `MaxPeriods` periods defaulted at its first
	/// chance and settled after maturity (the settlement catches up every period), `r` receipts
	/// to the winner. The whole waterfall up to the surplus: principal, interest, the auction
	/// fee to a treasury account and the surplus to a borrower account, neither holding USDai
	/// before (the most accounts written; a bid below the debt, which pays from the first-loss
	/// and asks insurance, writes fewer).
	#[benchmark]
	fn settle_auction(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		let (curator, stack) = setup::<T>();
		let (borrower, id) = loan::<T>(&curator, stack, T::MaxPeriods::get(), r, true);
		at_auction_early::<T>(id);
		let bidder: T::AccountId = account("bidder", 0, 0);
		let amount = (200_000 * USD).saturating_mul(Balance::from(r));
		T::VaultBenchmarkHelper::fund_usdai(&bidder, amount);
		Pallet::<T>::do_bid(bidder, id, amount).expect("bids");
		empty::<T>(&borrower);
		empty::<T>(&T::TreasuryAccount::get());
		let end = Auctions::<T>::get(id).expect("auction").end;
		let l = Loans::<T>::get(id).expect("exists");
		set_block::<T>(after_maturity::<T>(&l).max(end.saturating_add(1u32.into())));
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Liquidated));
		assert!(usdai_of::<T>(&borrower) > 0, "a surplus");
	}

	/// Anyone opens the auction of a defaulted loan whose cure window closed (the most
	/// receipts to value, a full deadline list).
	#[benchmark]
	fn start_auction() {
		let (_, _, id) = defaulted::<T>(12, T::MaxReceiptsPerLoan::get());
		fill_deadlines::<T>();
		let now = frame_system::Pallet::<T>::block_number();
		let opens = now.saturating_add(bench_params::<T>().cure_blocks).saturating_add(1u32.into());
		set_block::<T>(opens);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Auction));
	}

	/// The curator takes `r` receipts at a reserve below the debt of a loan of `MaxPeriods`
	/// periods (defaulted at its first chance, taken after maturity: the settlement catches up
	/// every period). Its first-loss covers part of the loss and its account is emptied, the
	/// rest is realised and offered to the insurance fund; the curator, never debited before,
	/// pays the whole price with all it holds into an escrow account that does not exist.
	#[benchmark]
	fn take_collateral(r: Linear<1, { T::MaxReceiptsPerLoan::get() }>) {
		setup::<T>();
		// First-loss of 10,000 a receipt: less than the loss at a 30% reserve.
		let (curator, stack) = fresh_stack::<T>((10_000 * USD).saturating_mul(Balance::from(r)));
		Params::<T>::mutate(|c| {
			if let Some(c) = c {
				c.reserve_bps = 3_000;
			}
		});
		let (_, id) = loan::<T>(&curator, stack, T::MaxPeriods::get(), r, true);
		at_auction_early::<T>(id);
		let l = Loans::<T>::get(id).expect("exists");
		set_block::<T>(after_maturity::<T>(&l));
		mint::<T>(&curator, Auctions::<T>::get(id).expect("auction").reserve);
		#[extrinsic_call]
		_(RawOrigin::Signed(curator.clone()), id);
		assert_eq!(Loans::<T>::get(id).map(|l| l.status), Some(LoanStatus::Liquidated));
		assert_eq!(usdai_of::<T>(&curator), 0);
		assert_eq!(usdai_of::<T>(&Pallet::<T>::stack_account(stack)), 0);
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
		let opens = now.saturating_add(bench_params::<T>().cure_blocks).saturating_add(1u32.into());
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

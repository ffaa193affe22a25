//! The weights against the storage the calls and the hook really touch. Each test drives a call
//! (or the hook) in its worst case at the runtime's bounds (`MaxPeriods` of catch-up,
//! `MaxReceiptsPerLoan` receipts through caliber, a full deadline list, payers emptied and payees
//! created by the payment), counts the distinct keys it reads and writes as the benchmarks'
//! database tracker does (a key's first access; whitelisted keys aside), and checks that the
//! database part of the weight charged, and of the weight refunded to where the call refunds,
//! covers them at `RocksDbWeight`.

use crate::{mock::*, weights::SubstrateWeight, *};
use frame_support::{
	assert_ok,
	dispatch::DispatchResultWithPostInfo,
	traits::{Get, Hooks, WhitelistedStorageKeys},
	weights::Weight,
	BoundedVec,
};
use usdai_test_support::assert_covered;

/// USDai's minimum balance in the runtime: a cent.
const MIN: Balance = USD / 100;
/// Each receipt's value, in dollars.
const VALUE: Balance = 10_000;
/// The principal lent per receipt: 65% of its value, above round 0's reserve of 50%, so that
/// an auction at the reserve leaves a loss.
const PER_RECEIPT: Balance = 6_500 * USD;
/// First-loss of the stacks whose loans go to auction: the 10% the loan needs and little more,
/// less than the loss at round 0's reserve, so that insurance is asked for the rest.
const THIN_FIRST_LOSS: Balance = 11_000;

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	usdai_test_support::count_accesses(AllPalletsWithSystem::whitelisted_storage_keys(), f)
}

fn max_receipts() -> u32 {
	<Test as Config>::MaxReceiptsPerLoan::get()
}

fn max_periods() -> u32 {
	<Test as Config>::MaxPeriods::get()
}

fn max_deadlines() -> u32 {
	<Test as Config>::MaxDeadlines::get()
}

fn max_deadlines_per_block() -> u32 {
	<Test as Config>::MaxDeadlinesPerBlock::get()
}

/// The mock at the runtime's bounds.
fn runtime() -> ExtBuilder {
	ExtBuilder::default().runtime_bounds()
}

/// Ends the block's points bookkeeping as its end would (pallet-usdai's `on_finalize`), so that
/// the measured call is the first of its block to debit USDai: each account it debits is marked
/// for the points, and the block's bookkeeping starts, within the call.
fn block_settled() {
	<Usdai as Hooks<u64>>::on_finalize(System::block_number());
	System::reset_events();
}

/// The weight a successful call was refunded to.
fn refunded(result: DispatchResultWithPostInfo) -> Weight {
	result.expect("the call succeeds").actual_weight.expect("the call refunds")
}

/// A stack of `CURATOR` with `first_loss` dollars, any number of loans and a cap far above them.
fn stack_of(first_loss: Balance) -> StackId {
	let id = NextStackId::<Test>::get();
	let terms = StackTerms { max_loans: 1_000, ..terms() };
	assert_ok!(Filo::open_stack(RuntimeOrigin::signed(CURATOR), first_loss * USD, terms));
	assert_ok!(Filo::set_stack_cap(RuntimeOrigin::root(), id, Some(1_000_000_000 * USD)));
	id
}

/// `n` receipts of the borrower, each worth `VALUE`.
fn receipts(n: u32) -> BoundedVec<ReceiptId, TestMaxReceipts> {
	(0..n).map(|_| receipt(VALUE * USD)).collect::<Vec<_>>().try_into().unwrap()
}

/// A proposal to the borrower of `PER_RECEIPT` per receipt at 15% over `periods`.
fn propose(stack: StackId, n: u32, periods: u32) -> LoanId {
	let id = NextLoanId::<Test>::get();
	assert_ok!(Filo::propose_loan(
		RuntimeOrigin::signed(CURATOR),
		stack,
		BORROWER,
		receipts(n),
		PER_RECEIPT * Balance::from(n),
		1_500,
		periods
	));
	id
}

/// The same, accepted now.
fn drawn(stack: StackId, n: u32, periods: u32) -> LoanId {
	let id = propose(stack, n, periods);
	assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id));
	id
}

/// A block after `id`'s last due date and its grace period: every period to catch up.
fn after_maturity(id: LoanId) -> u64 {
	let loan = Loans::<Test>::get(id).unwrap();
	Filo::due_date(&loan, loan.terms.periods) + 40 * DAY
}

/// The first block `id`, drawn and never paid, may be declared in default: just past the grace
/// period of its first due date.
fn defaultable(id: LoanId) -> u64 {
	let loan = Loans::<Test>::get(id).unwrap();
	Filo::due_date(&loan, 1) + params().grace_blocks + 1
}

/// Fills the deadline list but for `free` places with entries of loans that do not exist, due
/// long after the test.
fn fill_deadlines(free: u32) {
	Deadlines::<Test>::mutate(|list| {
		let mut fake = LoanId::MAX;
		while (list.len() as u32) < max_deadlines() - free {
			list.try_push((u64::MAX / 2, fake)).unwrap();
			fake -= 1;
		}
		list.sort();
	});
}

/// Declares `id` in default at its first chance; returns the block its auction opens.
fn default_now(id: LoanId) -> u64 {
	System::set_block_number(defaultable(id));
	assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
	let LoanStatus::Defaulted { cure_deadline } = Loans::<Test>::get(id).unwrap().status else {
		panic!("defaulted")
	};
	cure_deadline + 1
}

/// Opens the auctions of `ids`, defaulted together, through the hook.
fn open_auctions(ids: &[LoanId], opens: u64) {
	System::set_block_number(opens);
	Filo::on_initialize(opens);
	for id in ids {
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
	}
}

/// The hook's charge, `()`'s and `SubstrateWeight`'s, for `starts` auction openings and
/// `settles` round ends.
fn hook_charge(starts: u64, settles: u64) -> (Weight, Weight) {
	let r = max_receipts();
	(
		<() as WeightInfo>::process_deadlines_empty()
			.saturating_add(
				<() as WeightInfo>::process_deadline_start_auction().saturating_mul(starts),
			)
			.saturating_add(<() as WeightInfo>::settle_auction(r).saturating_mul(settles)),
		SubstrateWeight::<Test>::process_deadlines_empty()
			.saturating_add(
				SubstrateWeight::<Test>::process_deadline_start_auction().saturating_mul(starts),
			)
			.saturating_add(SubstrateWeight::<Test>::settle_auction(r).saturating_mul(settles)),
	)
}

#[test]
fn the_governance_calls_never_touch_more_storage_than_they_pay_for() {
	runtime().build_and_execute(|| {
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::register_curator(RuntimeOrigin::root(), ANYONE));
		assert_ok!(result);
		assert_covered(
			"register_curator",
			reads,
			writes,
			<() as WeightInfo>::register_curator().saturating_add(registry_counter()),
			SubstrateWeight::<Test>::register_curator(),
		);

		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::remove_curator(RuntimeOrigin::root(), ANYONE));
		assert_ok!(result);
		assert_covered(
			"remove_curator",
			reads,
			writes,
			<() as WeightInfo>::remove_curator().saturating_add(registry_counter()),
			SubstrateWeight::<Test>::remove_curator(),
		);

		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::set_params(RuntimeOrigin::root(), params()));
		assert_ok!(result);
		assert_covered(
			"set_params",
			reads,
			writes,
			<() as WeightInfo>::set_params(),
			SubstrateWeight::<Test>::set_params(),
		);

		let s = stack_of(50_000);
		for cap in [Some(USD), None] {
			block_settled();
			let (result, reads, writes) =
				count_accesses(|| Filo::set_stack_cap(RuntimeOrigin::root(), s, cap));
			assert_ok!(result);
			assert_covered(
				&format!("set_stack_cap({cap:?})"),
				reads,
				writes,
				<() as WeightInfo>::set_stack_cap(),
				SubstrateWeight::<Test>::set_stack_cap(),
			);
		}
	});
}

#[test]
fn the_first_loss_calls_never_touch_more_storage_than_they_pay_for() {
	runtime().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		// The curator pays all it holds into a stack account that does not exist yet.
		keep_only(&CURATOR_2, 50_000 * USD);
		let s = NextStackId::<Test>::get();
		block_settled();
		let (result, reads, writes) = count_accesses(|| {
			Filo::open_stack(RuntimeOrigin::signed(CURATOR_2), 50_000 * USD, terms())
		});
		assert_ok!(result);
		assert_eq!(usdai_of(&CURATOR_2), 0);
		assert_covered(
			"open_stack",
			reads,
			writes,
			<() as WeightInfo>::open_stack(),
			SubstrateWeight::<Test>::open_stack(),
		);

		// All of the first-loss, into a curator account that does not exist: the stack's is
		// reaped.
		block_settled();
		let (result, reads, writes) = count_accesses(|| {
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR_2), s, 50_000 * USD)
		});
		assert_ok!(result);
		assert_eq!(usdai_of(&Filo::stack_account(s)), 0);
		assert_covered(
			"withdraw_first_loss, all of it",
			reads,
			writes,
			<() as WeightInfo>::withdraw_first_loss(),
			SubstrateWeight::<Test>::withdraw_first_loss(),
		);

		// All the curator holds, into the emptied stack account.
		block_settled();
		let (result, reads, writes) = count_accesses(|| {
			Filo::add_first_loss(RuntimeOrigin::signed(CURATOR_2), s, 50_000 * USD)
		});
		assert_ok!(result);
		assert_eq!(usdai_of(&CURATOR_2), 0);
		assert_covered(
			"add_first_loss",
			reads,
			writes,
			<() as WeightInfo>::add_first_loss(),
			SubstrateWeight::<Test>::add_first_loss(),
		);
	});
	runtime().build_and_execute(|| {
		// Part of it, with a live loan whose due date is read.
		let s = stack_of(50_000);
		drawn(s, 1, 12);
		keep_only(&CURATOR, 0);
		block_settled();
		let (result, reads, writes) = count_accesses(|| {
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 40_000 * USD)
		});
		assert_ok!(result);
		assert_covered(
			"withdraw_first_loss, with a loan",
			reads,
			writes,
			<() as WeightInfo>::withdraw_first_loss(),
			SubstrateWeight::<Test>::withdraw_first_loss(),
		);
	});
}

#[test]
fn origination_never_touches_more_storage_than_it_pays_for_or_is_refunded_to() {
	runtime().build_and_execute(|| {
		let r = max_receipts();
		assert_eq!(r, 16);
		let s = stack_of(100_000);
		let rs = receipts(r);
		let id = NextLoanId::<Test>::get();
		block_settled();
		let (result, reads, writes) = count_accesses(|| {
			Filo::propose_loan(
				RuntimeOrigin::signed(CURATOR),
				s,
				BORROWER,
				rs,
				PER_RECEIPT * Balance::from(r),
				1_500,
				max_periods(),
			)
		});
		assert_ok!(result);
		assert_covered(
			"propose_loan(MaxReceiptsPerLoan)",
			reads,
			writes,
			<() as WeightInfo>::propose_loan(r),
			SubstrateWeight::<Test>::propose_loan(r),
		);

		// The principal creates the borrower's USDai account.
		keep_only(&BORROWER, 0);
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::accept_loan(RuntimeOrigin::signed(BORROWER), id));
		let refund = refunded(result);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Active);
		assert!(writes >= u64::from(r), "every receipt is pledged");
		assert_eq!(refund, <() as WeightInfo>::accept_loan(r));
		assert_covered(
			"accept_loan(MaxReceiptsPerLoan)",
			reads,
			writes,
			<() as WeightInfo>::accept_loan(r),
			SubstrateWeight::<Test>::accept_loan(r),
		);

		// One receipt: refunded to `accept_loan(1)`.
		let one = propose(s, 1, max_periods());
		keep_only(&BORROWER, 0);
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::accept_loan(RuntimeOrigin::signed(BORROWER), one));
		let refund = refunded(result);
		assert_eq!(refund, <() as WeightInfo>::accept_loan(1));
		assert_covered(
			"accept_loan, refunded to accept_loan(1)",
			reads,
			writes,
			refund,
			SubstrateWeight::<Test>::accept_loan(1),
		);

		// A proposal of every receipt, withdrawn.
		let withdrawn = propose(s, r, max_periods());
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::cancel_proposal(RuntimeOrigin::signed(CURATOR), withdrawn));
		assert_ok!(result);
		assert_covered(
			"cancel_proposal",
			reads,
			writes,
			<() as WeightInfo>::cancel_proposal(),
			SubstrateWeight::<Test>::cancel_proposal(),
		);
	});
}

/// A repayment after maturity of a loan of `periods` periods and `n` receipts, never paid
/// before: the whole catch-up with late fees. The payer pays all it holds (`amount`, or the
/// payoff, which closes the loan and frees its receipts) and the curator's fee creates the
/// curator's account. Checks the charge and the refund, and returns the refund.
fn repay_after_maturity(n: u32, periods: u32, closes: bool) -> Weight {
	let mut refund = Weight::zero();
	runtime().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack_of(100_000);
		let id = drawn(s, n, periods);
		System::set_block_number(after_maturity(id));
		let payoff = Filo::loan_view(id).unwrap().payoff;
		let amount = if closes { payoff } else { payoff - 1_000 * USD };
		keep_only(&BORROWER, amount);
		keep_only(&CURATOR, 0);
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::repay(RuntimeOrigin::signed(BORROWER), id, amount));
		refund = refunded(result);
		let loan = Loans::<Test>::get(id).unwrap();
		assert_eq!(loan.status == LoanStatus::Repaid, closes);
		assert_eq!(loan.due_dates_processed, periods, "every period caught up");
		assert_eq!(usdai_of(&BORROWER), 0);
		let what = format!("repay({periods} periods, {n} receipts, closes: {closes})");
		let (p, r) = (max_periods(), max_receipts());
		assert_covered(
			&format!("{what}, charged"),
			reads,
			writes,
			<() as WeightInfo>::repay(p, r),
			SubstrateWeight::<Test>::repay(p, r),
		);
		let freed = if closes { n } else { 0 };
		assert_eq!(refund, <() as WeightInfo>::repay(periods, freed));
		assert_covered(
			&format!("{what}, refunded to repay({periods}, {freed})"),
			reads,
			writes,
			refund,
			SubstrateWeight::<Test>::repay(periods, freed),
		);
	});
	refund
}

#[test]
fn a_repay_never_touches_more_storage_than_it_pays_for_or_is_refunded_to() {
	let (p, r) = (max_periods(), 16);
	assert_eq!(p, 120);
	// The worst case: refunded nothing.
	assert_eq!(repay_after_maturity(r, p, true), <() as WeightInfo>::repay(p, r));
	// Short loans, few receipts, loans that stay open: refunded to what they did.
	repay_after_maturity(r, p, false);
	repay_after_maturity(1, p, true);
	repay_after_maturity(1, 1, true);
	repay_after_maturity(1, 1, false);
}

#[test]
fn default_and_cure_never_touch_more_storage_than_they_pay_for_or_are_refunded_to() {
	for periods in [max_periods(), 1] {
		runtime().build_and_execute(|| {
			set_usdai_min_balance(MIN);
			let (p, r) = (max_periods(), max_receipts());
			let s = stack_of(100_000);
			let id = drawn(s, r, periods);
			System::set_block_number(after_maturity(id));
			fill_deadlines(1);
			block_settled();
			let (result, reads, writes) =
				count_accesses(|| Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
			let refund = refunded(result);
			assert_eq!(Loans::<Test>::get(id).unwrap().due_dates_processed, periods);
			assert_eq!(Deadlines::<Test>::get().len() as u32, max_deadlines(), "a full list");
			assert_covered(
				&format!("declare_default({periods} periods), charged"),
				reads,
				writes,
				<() as WeightInfo>::declare_default(p),
				SubstrateWeight::<Test>::declare_default(p),
			);
			assert_eq!(refund, <() as WeightInfo>::declare_default(periods));
			assert_covered(
				&format!("declare_default, refunded to declare_default({periods})"),
				reads,
				writes,
				refund,
				SubstrateWeight::<Test>::declare_default(periods),
			);

			// The borrower pays all it holds; the curator's fee creates its account.
			System::set_block_number(after_maturity(id) + 10 * DAY);
			let due = Filo::loan_view(id).unwrap().due_now;
			keep_only(&BORROWER, due);
			keep_only(&CURATOR, 0);
			block_settled();
			let (result, reads, writes) =
				count_accesses(|| Filo::cure(RuntimeOrigin::signed(BORROWER), id));
			let refund = refunded(result);
			assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Active);
			assert_eq!(usdai_of(&BORROWER), 0);
			assert_covered(
				&format!("cure({periods} periods), charged"),
				reads,
				writes,
				<() as WeightInfo>::cure(p),
				SubstrateWeight::<Test>::cure(p),
			);
			assert_eq!(refund, <() as WeightInfo>::cure(periods));
			assert_covered(
				&format!("cure, refunded to cure({periods})"),
				reads,
				writes,
				refund,
				SubstrateWeight::<Test>::cure(periods),
			);
		});
	}
}

#[test]
fn opening_an_auction_and_bidding_never_touch_more_storage_than_they_pay_for() {
	runtime().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let s = stack_of(THIN_FIRST_LOSS);
		let id = drawn(s, max_receipts(), max_periods());
		let opens = default_now(id);
		fill_deadlines(0);
		// The hook's opening failed: anyone opens it, with every receipt valued.
		System::set_block_number(opens);
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::start_auction(RuntimeOrigin::signed(ANYONE), id));
		assert_ok!(result);
		assert!(reads >= u64::from(max_receipts()), "every receipt is valued");
		assert_covered(
			"start_auction",
			reads,
			writes,
			<() as WeightInfo>::start_auction(),
			SubstrateWeight::<Test>::start_auction(),
		);

		// The first bid ever: all the bidder holds, into an escrow account that does not exist
		// yet, in the extension window (the deadline moves).
		let auction = Auctions::<Test>::get(id).unwrap();
		System::set_block_number(auction.end);
		keep_only(&BIDDER, auction.reserve);
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::bid(RuntimeOrigin::signed(BIDDER), id, auction.reserve));
		assert_ok!(result);
		assert_eq!(usdai_of(&BIDDER), 0);
		assert_covered(
			"bid, the first",
			reads,
			writes,
			<() as WeightInfo>::bid(),
			SubstrateWeight::<Test>::bid(),
		);

		// An outbid: all the new bidder holds; the refund creates the previous bidder's account
		// again; the deadline moves.
		let auction = Auctions::<Test>::get(id).unwrap();
		System::set_block_number(auction.end);
		let amount = auction.reserve * 2;
		keep_only(&BIDDER_2, amount);
		block_settled();
		let (result, reads, writes) =
			count_accesses(|| Filo::bid(RuntimeOrigin::signed(BIDDER_2), id, amount));
		assert_ok!(result);
		assert_eq!((usdai_of(&BIDDER), usdai_of(&BIDDER_2)), (auction.reserve, 0));
		assert_covered(
			"bid, an outbid",
			reads,
			writes,
			<() as WeightInfo>::bid(),
			SubstrateWeight::<Test>::bid(),
		);
	});
}

/// How a round ends.
#[derive(Clone, Copy, Debug, PartialEq)]
enum RoundEnd {
	/// A bid at the reserve, below the debt: the first-loss pays all it has, insurance is asked
	/// for the rest.
	Shortfall,
	/// A bid far above the debt: the auction fee to a treasury account and the surplus to a
	/// borrower account, neither existing before.
	Surplus,
	/// No bid: the next round opens.
	NoBid,
}

/// A loan of `MaxPeriods` periods and `MaxReceiptsPerLoan` receipts, defaulted at its first
/// chance, its auction open with `end`'s bid; returns the loan and the first block its round
/// may be settled in, after the loan's maturity (the settlement catches up every period).
fn round_ended(end: RoundEnd) -> (LoanId, u64) {
	let s = stack_of(THIN_FIRST_LOSS);
	let id = drawn(s, max_receipts(), max_periods());
	let opens = default_now(id);
	open_auctions(&[id], opens);
	fill_deadlines(0);
	let auction = Auctions::<Test>::get(id).unwrap();
	match end {
		RoundEnd::Shortfall => {
			assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, auction.reserve));
		},
		RoundEnd::Surplus => {
			assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 900_000 * USD));
			keep_only(&BORROWER, 0);
			keep_only(&TREASURY, 0);
		},
		RoundEnd::NoBid => {},
	}
	(id, after_maturity(id).max(Auctions::<Test>::get(id).unwrap().end + 1))
}

#[test]
fn settling_an_auction_never_touches_more_storage_than_it_pays_for_or_is_refunded_to() {
	for end in [RoundEnd::Shortfall, RoundEnd::Surplus, RoundEnd::NoBid] {
		runtime().build_and_execute(|| {
			set_usdai_min_balance(MIN);
			let r = max_receipts();
			let (id, at) = round_ended(end);
			System::set_block_number(at);
			block_settled();
			let (result, reads, writes) =
				count_accesses(|| Filo::settle_auction(RuntimeOrigin::signed(ANYONE), id));
			let refund = refunded(result);
			let status = Loans::<Test>::get(id).unwrap().status;
			let seized = if end == RoundEnd::NoBid {
				assert_eq!(status, LoanStatus::Auction);
				0
			} else {
				assert_eq!(status, LoanStatus::Liquidated);
				assert!(writes >= u64::from(r), "every receipt moves");
				r
			};
			if end == RoundEnd::Shortfall {
				assert_eq!(usdai_of(&Filo::stack_account(0)), 0, "the first-loss is spent");
			}
			assert_covered(
				&format!("settle_auction({end:?}), charged"),
				reads,
				writes,
				<() as WeightInfo>::settle_auction(r),
				SubstrateWeight::<Test>::settle_auction(r),
			);
			assert_eq!(refund, <() as WeightInfo>::settle_auction(seized));
			assert_covered(
				&format!("settle_auction({end:?}), refunded to settle_auction({seized})"),
				reads,
				writes,
				refund,
				SubstrateWeight::<Test>::settle_auction(seized),
			);
		});
	}
}

#[test]
fn taking_the_collateral_never_touches_more_storage_than_it_pays_for() {
	// With thin first-loss the curator pays the whole price with all it holds and insurance is
	// asked for the loss; with some to spare it pays the rest of the price with all it holds;
	// with thick first-loss the first-loss pays the price and the loss.
	for first_loss in [THIN_FIRST_LOSS, 40_000, 500_000] {
		runtime().build_and_execute(|| {
			set_usdai_min_balance(MIN);
			let r = max_receipts();
			let s = stack_of(first_loss);
			let id = drawn(s, r, max_periods());
			let opens = default_now(id);
			open_auctions(&[id], opens);
			fill_deadlines(0);
			System::set_block_number(after_maturity(id));
			let price = Auctions::<Test>::get(id).unwrap().reserve;
			let loss = Loans::<Test>::get(id).unwrap().balance - price;
			let spare = (first_loss * USD).saturating_sub(loss).min(price);
			if spare < price {
				keep_only(&CURATOR, price - spare);
			}
			block_settled();
			let (result, reads, writes) =
				count_accesses(|| Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
			let refund = refunded(result);
			assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
			assert_covered(
				&format!("take_collateral(first-loss {first_loss}), charged"),
				reads,
				writes,
				<() as WeightInfo>::take_collateral(r),
				SubstrateWeight::<Test>::take_collateral(r),
			);
			assert_eq!(refund, <() as WeightInfo>::take_collateral(r));
		});
	}
}

#[test]
fn the_deadline_hook_never_touches_more_storage_than_it_charges() {
	// Nothing due, a full list.
	runtime().build_and_execute(|| {
		fill_deadlines(0);
		block_settled();
		let (weight, reads, writes) = count_accesses(|| Filo::on_initialize(2));
		let (charged, compute) = hook_charge(0, 0);
		assert_eq!(weight, charged);
		assert_covered("on_initialize, nothing due", reads, writes, charged, compute);
	});
	// One cure window closing: an auction opens, every receipt valued.
	runtime().build_and_execute(|| {
		let s = stack_of(THIN_FIRST_LOSS);
		let id = drawn(s, max_receipts(), max_periods());
		let opens = default_now(id);
		fill_deadlines(0);
		System::set_block_number(opens);
		block_settled();
		let (weight, reads, writes) = count_accesses(|| Filo::on_initialize(opens));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		let (charged, compute) = hook_charge(1, 0);
		assert_eq!(weight, charged);
		assert_covered("on_initialize, an auction opens", reads, writes, charged, compute);
	});
	// One round ending, with a bid or without.
	for end in [RoundEnd::Shortfall, RoundEnd::Surplus, RoundEnd::NoBid] {
		runtime().build_and_execute(|| {
			set_usdai_min_balance(MIN);
			let (id, at) = round_ended(end);
			// The deadline falls due at the settling block.
			Deadlines::<Test>::mutate(|list| {
				list.retain(|(_, l)| *l != id);
				list.try_insert(0, (at, id)).unwrap();
			});
			System::set_block_number(at);
			block_settled();
			let (weight, reads, writes) = count_accesses(|| Filo::on_initialize(at));
			let status = Loans::<Test>::get(id).unwrap().status;
			assert_eq!(status == LoanStatus::Auction, end == RoundEnd::NoBid);
			let (charged, compute) = hook_charge(0, 1);
			assert_eq!(weight, charged);
			assert_covered(&format!("on_initialize, {end:?}"), reads, writes, charged, compute);
		});
	}
	// A deadline of a loan that does not exist.
	runtime().build_and_execute(|| {
		fill_deadlines(1);
		Deadlines::<Test>::mutate(|list| list.try_insert(0, (2, 9_999)).unwrap());
		block_settled();
		let (weight, reads, writes) = count_accesses(|| Filo::on_initialize(2));
		assert!(!Deadlines::<Test>::get().iter().any(|(_, l)| *l == 9_999));
		let (charged, compute) = hook_charge(1, 0);
		assert_eq!(weight, charged);
		assert_covered("on_initialize, a stale deadline", reads, writes, charged, compute);
	});
}

#[test]
fn a_full_block_of_deadlines_never_touches_more_storage_than_the_hook_charges() {
	runtime().build_and_execute(|| {
		set_usdai_min_balance(MIN);
		let n = max_deadlines_per_block();
		assert_eq!(n, 8);
		// One loan per stack (each stack's first-loss is spent at settlement), defaulted
		// together.
		let ids: Vec<LoanId> = (0..n)
			.map(|_| {
				let s = stack_of(THIN_FIRST_LOSS);
				drawn(s, max_receipts(), max_periods())
			})
			.collect();
		let at = defaultable(ids[0]);
		System::set_block_number(at);
		for id in &ids {
			assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), *id));
		}
		fill_deadlines(0);
		let LoanStatus::Defaulted { cure_deadline } = Loans::<Test>::get(ids[0]).unwrap().status
		else {
			panic!("defaulted")
		};
		let opens = cure_deadline + 1;
		System::set_block_number(opens);
		block_settled();
		let (weight, reads, writes) = count_accesses(|| Filo::on_initialize(opens));
		let (charged, compute) = hook_charge(n.into(), 0);
		assert_eq!(weight, charged);
		assert_covered(
			"on_initialize, a block of auction openings",
			reads,
			writes,
			charged,
			compute,
		);

		let mut end = 0;
		for id in &ids {
			let auction = Auctions::<Test>::get(id).unwrap();
			assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), *id, auction.reserve));
			end = auction.end;
		}
		let at = end + 1;
		System::set_block_number(at);
		block_settled();
		let (weight, reads, writes) = count_accesses(|| Filo::on_initialize(at));
		for id in &ids {
			assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
		}
		let (charged, compute) = hook_charge(0, n.into());
		assert_eq!(weight, charged);
		assert_covered("on_initialize, a block of settlements", reads, writes, charged, compute);
	});
}

/// `Pallet::registry_counter` at `RocksDbWeight`: what the next release's counted curator
/// registry adds to registering or removing a curator.
fn registry_counter() -> frame_support::weights::Weight {
	if cfg!(feature = "next-release") {
		frame_support::weights::constants::RocksDbWeight::get().reads_writes(1, 1)
	} else {
		frame_support::weights::Weight::zero()
	}
}

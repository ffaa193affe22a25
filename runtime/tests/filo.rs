//! FiLo wired into the real runtime with the real vault and receipts: a loan from proposal to
//! final repayment, and another from default to auction settlement.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::{fund, genesis_ext, receipt, terms, usdai_of, who, NOW, USD};
use frame_support::{assert_ok, traits::Hooks};
use pallet_filo::{
	runtime_api::runtime_decl_for_filo_api::FiloApiV1, Amortization, DayCount, LoanStatus,
};
use sp_keyring::Sr25519Keyring;
use usdai_runtime::{
	AccountId, Block, BlockNumber, Caliber, Filo, Runtime, RuntimeOrigin, System, TreasuryBridge,
	Usdai,
};

/// Liquidity, a stack for Charlie (the dev curator) with a 5M cap, and a proposed loan of
/// 416,500 at 15% over 36 periods against a receipt worth 595,000.
fn setup() -> (u32, u64) {
	pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
	let alice = who(Sr25519Keyring::Alice);
	let charlie = who(Sr25519Keyring::Charlie);
	fund(&alice, 2_000_000);
	assert_ok!(Usdai::stake(RuntimeOrigin::signed(alice), 2_000_000 * USD, 1));
	fund(&charlie, 100_000);
	fund(&who(Sr25519Keyring::Bob), 300_000);
	let stack = pallet_filo::NextStackId::<Runtime>::get();
	assert_ok!(Filo::open_stack(RuntimeOrigin::signed(charlie.clone()), 100_000 * USD, terms()));
	assert_ok!(Filo::set_stack_cap(common::enacted(), stack, Some(5_000_000 * USD)));
	let r = receipt(595_000 * USD);
	let loan = pallet_filo::NextLoanId::<Runtime>::get();
	assert_ok!(Filo::propose_loan(
		RuntimeOrigin::signed(charlie),
		stack,
		who(Sr25519Keyring::Bob),
		vec![r].try_into().unwrap(),
		416_500 * USD,
		1_500,
		36
	));
	(r, loan)
}

fn view(loan: u64) -> pallet_filo::runtime_api::LoanView<AccountId, BlockNumber> {
	<Runtime as FiloApiV1<Block, AccountId, BlockNumber>>::loan(loan).unwrap()
}

fn go_to(n: BlockNumber) {
	System::set_block_number(n);
	Filo::on_initialize(n);
}

#[test]
fn a_loan_from_proposal_to_final_repayment() {
	genesis_ext("development").execute_with(|| {
		let bob = who(Sr25519Keyring::Bob);
		let (r, loan) = setup();
		let quote = <Runtime as FiloApiV1<Block, AccountId, BlockNumber>>::quote_schedule(
			416_500 * USD,
			1_500,
			36,
			Some(DayCount::Act365),
			Some(Amortization::StraightLine { annual_rate_bps: 3_500 }),
		)
		.unwrap();
		assert_eq!(quote[0].interest, 5_134_931_506_849_315_068_494);
		assert_eq!(view(loan).schedule, quote);

		let before = usdai_of(&bob);
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan));
		assert_eq!(usdai_of(&bob), before + 416_500 * USD);
		let price = Usdai::share_prices().redemption;

		// Every installment paid on its due date.
		let mut paid = 0;
		while view(loan).loan.status == LoanStatus::Active {
			let due = view(loan).next_due.unwrap();
			go_to(due);
			let owed = view(loan).due_now;
			assert_ok!(Filo::repay(RuntimeOrigin::signed(bob.clone()), loan, owed));
			paid += owed;
		}
		let v = view(loan);
		assert_eq!(v.loan.status, LoanStatus::Repaid);
		assert_eq!(v.loan.balance, 0);
		// Interest on top of the principal, as the schedule said.
		let interest: u128 = quote.iter().map(|r| r.interest).sum();
		assert_eq!(paid, 416_500 * USD + interest);
		assert_eq!(
			pallet_caliber::Receipts::<Runtime>::get(r).unwrap().status,
			pallet_caliber::ReceiptStatus::Free
		);
		let nav = Usdai::nav();
		assert_eq!((nav.principal, nav.accrued_interest), (0, 0));
		go_to(System::block_number() + 10 * usdai_runtime::DAYS);
		assert!(Usdai::share_prices().redemption > price, "interest raised sUSDai's price");
		Usdai::do_try_state().unwrap();
		Caliber::do_try_state().unwrap();
		Filo::do_try_state().unwrap();
		TreasuryBridge::do_try_state().unwrap();
	});
}

#[test]
fn a_loan_from_default_to_auction_and_the_waterfall() {
	genesis_ext("development").execute_with(|| {
		let bob = who(Sr25519Keyring::Bob);
		let alice = who(Sr25519Keyring::Alice);
		let (r, loan) = setup();
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan));
		let params = pallet_filo::Params::<Runtime>::get().unwrap();

		// Nothing is paid: past the first due date and the grace period.
		let late = view(loan).next_due.unwrap() + params.grace_blocks + 1;
		go_to(late);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(alice.clone()), loan));
		assert_eq!(Usdai::nav().impaired, 416_500 * USD);

		// The cure window closes: the receipt goes to auction.
		go_to(late + params.cure_blocks + 1);
		assert_eq!(view(loan).loan.status, LoanStatus::Auction);
		let auction = pallet_filo::Auctions::<Runtime>::get(loan).unwrap();
		assert_eq!(auction.reserve, 297_500 * USD);
		fund(&alice, 600_000);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(alice.clone()), loan, 550_000 * USD));

		let bob_before = usdai_of(&bob);
		go_to(auction.end + 1);
		assert_eq!(view(loan).loan.status, LoanStatus::Liquidated);
		assert_eq!(pallet_caliber::Pallet::<Runtime>::receipt_view(r).unwrap().holder, alice);
		// 550,000 less the 2% fee covers principal and interest: the rest is Bob's.
		assert!(usdai_of(&bob) > bob_before);
		let nav = Usdai::nav();
		assert_eq!((nav.principal, nav.impaired), (0, 0));
		Usdai::do_try_state().unwrap();
		Caliber::do_try_state().unwrap();
		Filo::do_try_state().unwrap();
		TreasuryBridge::do_try_state().unwrap();
	});
}

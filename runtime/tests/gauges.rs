//! The gauges wired into the real runtime with filo and the vault: CHIP lockers' votes set what
//! each stack may lend from the next epoch, a stack cannot originate beyond its gauge-granted
//! capacity (nor above a governance ceiling), and the lockers claim their share of the protocol
//! fee that the loan's interest paid.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::{fund, genesis_ext, receipt, terms, usdai_of, who, NOW, USD};
use frame_support::{assert_noop, assert_ok, traits::Hooks, BoundedVec};
use pallet_filo::runtime_api::runtime_decl_for_filo_api::FiloApiV1;
use pallet_gauges::runtime_api::runtime_decl_for_gauges_api::GaugesApiV1;
use sp_keyring::Sr25519Keyring;
use sp_runtime::Perbill;
use usdai_primitives::{vault::LendableCapital, StackId};
use usdai_runtime::{
	constants::time::GAUGE_EPOCH, AccountId, Block, BlockNumber, Filo, Gauges, Runtime,
	RuntimeOrigin, System, TreasuryBridge, Usdai, UNIT,
};

fn capacity(stack: StackId) -> Option<u128> {
	<Runtime as FiloApiV1<Block, AccountId, BlockNumber>>::stack(stack).unwrap().capacity
}

/// Runs every block's hooks that matter here from the next block up to `n`: the gauges tally at
/// each epoch start, filo's deadlines at `n`.
fn go_to(n: BlockNumber) {
	let mut at = System::block_number();
	while at < n {
		let next_epoch = (at / GAUGE_EPOCH + 1) * GAUGE_EPOCH;
		at = next_epoch.min(n);
		System::set_block_number(at);
		Gauges::on_initialize(at);
	}
	Filo::on_initialize(n);
}

fn vote(who: &AccountId, votes: &[(StackId, u32)]) {
	let votes: Vec<_> = votes.iter().map(|(s, p)| (*s, Perbill::from_percent(*p))).collect();
	let votes: BoundedVec<_, _> = votes.try_into().unwrap();
	assert_ok!(Gauges::vote(RuntimeOrigin::signed(who.clone()), votes));
}

/// Charlie proposes 416,500 at 15% over 36 periods from `stack` to Bob against a new receipt.
fn propose(stack: StackId) -> u64 {
	let r = receipt(595_000 * USD);
	let loan = pallet_filo::NextLoanId::<Runtime>::get();
	assert_ok!(Filo::propose_loan(
		RuntimeOrigin::signed(who(Sr25519Keyring::Charlie)),
		stack,
		who(Sr25519Keyring::Bob),
		vec![r].try_into().unwrap(),
		416_500 * USD,
		1_500,
		36
	));
	loan
}

#[test]
fn a_stack_cannot_originate_beyond_its_gauge_capacity() {
	genesis_ext("development").execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
		let (alice, bob, charlie) =
			(who(Sr25519Keyring::Alice), who(Sr25519Keyring::Bob), who(Sr25519Keyring::Charlie));
		fund(&alice, 2_000_000);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(alice.clone()), 2_000_000 * USD, 1));
		fund(&charlie, 200_000);
		fund(&bob, 300_000);
		let a = pallet_filo::NextStackId::<Runtime>::get();
		assert_ok!(Filo::open_stack(
			RuntimeOrigin::signed(charlie.clone()),
			100_000 * USD,
			terms()
		));
		let b = a + 1;
		assert_ok!(Filo::open_stack(RuntimeOrigin::signed(charlie.clone()), 50_000 * USD, terms()));

		// Nobody has locked CHIP yet: governance caps alone grant capacity.
		assert!(!Gauges::is_live());
		assert_eq!(capacity(a), None);
		assert_ok!(Filo::set_stack_cap(common::enacted(), a, Some(5_000_000 * USD)));
		assert_eq!(capacity(a), Some(5_000_000 * USD));

		// Alice locks 200,000 CHIP for the longest time (above the quorum of 100,000 CHIP of
		// voting power) and gives stack A a tenth of her vote.
		assert_ok!(Gauges::lock(
			RuntimeOrigin::signed(alice.clone()),
			200_000 * UNIT,
			208 * GAUGE_EPOCH
		));
		vote(&alice, &[(a, 10), (b, 90)]);
		// Votes count from the next epoch: nothing changes yet.
		assert_eq!(capacity(a), Some(5_000_000 * USD));
		let next = <Runtime as GaugesApiV1<Block, AccountId>>::next_weights();
		assert_eq!(next.gauges.len(), 2);

		go_to(GAUGE_EPOCH);
		assert!(Gauges::is_live());
		let capital = <Usdai as LendableCapital>::lendable_capital();
		assert!(capital >= 2_000_000 * USD);
		// The gauge grants a tenth of the lendable capital, below the governance cap; B's nine
		// tenths are bounded by the max share of a quarter.
		assert_eq!(capacity(a), Some(capital / 10));
		assert_eq!(capacity(b), Some(capital / 4));
		let current = <Runtime as GaugesApiV1<Block, AccountId>>::current_weights();
		assert_eq!((current.epoch, current.gauges[0].capacity), (1, capital / 10));

		// 416,500 is above stack A's ~200,000: Bob cannot accept the loan.
		let loan = propose(a);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan),
			pallet_filo::Error::<Runtime>::CapacityExceeded
		);
		// Alice moves half of her vote to A: in force from the next epoch only.
		vote(&alice, &[(a, 50), (b, 50)]);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan),
			pallet_filo::Error::<Runtime>::CapacityExceeded
		);

		go_to(2 * GAUGE_EPOCH);
		// Half of the votes, bounded by the max share.
		assert_eq!(capacity(a), Some(capital / 4));
		// A governance cap stays a ceiling over what the gauge grants.
		assert_ok!(Filo::set_stack_cap(common::enacted(), a, Some(400_000 * USD)));
		assert_eq!(capacity(a), Some(400_000 * USD));
		let loan = propose(a);
		assert_noop!(
			Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan),
			pallet_filo::Error::<Runtime>::CapacityExceeded
		);
		assert_ok!(Filo::set_stack_cap(common::enacted(), a, None));
		let before = usdai_of(&bob);
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan));
		assert_eq!(usdai_of(&bob), before + 416_500 * USD);

		// Bob pays the first installment: its interest carries the protocol fee, of which the
		// lockers' share reaches the gauges at the next epoch and Alice, the only locker, claims
		// all of it.
		let view = <Runtime as FiloApiV1<Block, AccountId, BlockNumber>>::loan(loan).unwrap();
		go_to(view.next_due.unwrap());
		let due =
			<Runtime as FiloApiV1<Block, AccountId, BlockNumber>>::loan(loan).unwrap().due_now;
		assert_ok!(Filo::repay(RuntimeOrigin::signed(bob.clone()), loan, due));
		let share = pallet_usdai::LockerFees::<Runtime>::get();
		assert!(share > 0, "the interest paid a protocol fee");
		assert_eq!(<Runtime as GaugesApiV1<Block, AccountId>>::claimable_fees(alice.clone()), 0);
		go_to((System::block_number() / GAUGE_EPOCH + 1) * GAUGE_EPOCH);
		assert_eq!(pallet_usdai::LockerFees::<Runtime>::get(), 0);
		// The first fee pot keeps USDai's minimum balance in the gauges' account as its anchor
		// (booked to nobody: the account is never reaped under unclaimed pots).
		let anchor = pallet_gauges::Anchors::<Runtime>::get(usdai_primitives::assets::USDAI);
		assert_eq!(anchor, usdai_runtime::constants::tokens::USDAI_MIN_BALANCE);
		assert_eq!(
			<Runtime as GaugesApiV1<Block, AccountId>>::claimable_fees(alice.clone()),
			share - anchor
		);
		let before = usdai_of(&alice);
		assert_ok!(Gauges::claim_fees(RuntimeOrigin::signed(alice.clone())));
		assert_eq!(usdai_of(&alice), before + share - anchor);

		Gauges::do_try_state().unwrap();
		Filo::do_try_state().unwrap();
		Usdai::do_try_state().unwrap();
		TreasuryBridge::do_try_state().unwrap();
	});
}

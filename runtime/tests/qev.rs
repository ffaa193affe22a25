//! The QEV queue wired into the real runtime with the real vault: a request waits without
//! liquidity, a higher sealed bid jumps it at the round's close, and both are filled as cash
//! arrives and claim their USDai; `QevApi` shows the queue.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use codec::Encode;
use common::{fund, genesis_ext, usdai_of, who, USD};
use frame_support::{
	assert_ok,
	traits::{Get, Hooks},
};
use pallet_qev::runtime_api::runtime_decl_for_qev_api::QevApiV1;
use sp_keyring::Sr25519Keyring;
use usdai_primitives::vault::LendingVault;
use usdai_runtime::{
	AccountId, Beacon, Block, Qev, Runtime, RuntimeOrigin, System, TreasuryBridge, Usdai,
};

fn stake(a: &AccountId, dollars: u128) {
	fund(a, dollars);
	assert_ok!(Usdai::stake(RuntimeOrigin::signed(a.clone()), dollars * USD, 1));
}

/// The clock at Unix time `secs`.
fn at_time(secs: u64) {
	pallet_timestamp::Now::<Runtime>::put(secs * 1_000);
}

/// Ends the block and runs the next one's `on_initialize`.
fn next_block() {
	let n = System::block_number();
	Qev::on_finalize(n);
	System::set_block_number(n + 1);
	Qev::on_initialize(n + 1);
}

#[test]
fn a_sealed_bid_jumps_the_queue_and_both_are_paid_as_cash_arrives() {
	genesis_ext("development").execute_with(|| {
		at_time(common::NOW);
		let (alice, bob, lender) =
			(who(Sr25519Keyring::Alice), who(Sr25519Keyring::Bob), who(Sr25519Keyring::Ferdie));
		stake(&alice, 1_000);
		stake(&bob, 1_000);
		// All the cash is out on loan.
		let idle = <Usdai as LendingVault<AccountId>>::idle_liquidity();
		assert_ok!(<Usdai as LendingVault<AccountId>>::draw(&lender, idle));

		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(alice.clone()), 100 * USD, 0));
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(bob.clone()), 100 * USD, 0));
		// Bob seals a 5% bid to the round the queue takes bids for (the development beacon's
		// key, from the genesis), as a client would: offline, with the key and the round alone.
		let open = Qev::sealed_round().expect("the development chain follows a beacon");
		let plain = pallet_qev::BidPlaintext {
			ticket: 1,
			owner: bob.clone(),
			round: open.round,
			bid_bps: 500,
		};
		let key = usdai_timelock::decode_public_key(&usdai_timelock::dev::PUBLIC_KEY).unwrap();
		let ciphertext =
			usdai_timelock::encrypt(&key, open.round, &plain.encode(), [1; 16], [2; 16], [3; 16])
				.unwrap();
		assert_ok!(Qev::commit_bid(
			RuntimeOrigin::signed(bob.clone()),
			1,
			open.round,
			ciphertext.try_into().unwrap()
		));
		// The round closes and the local beacon's pulse for it arrives (unsigned, feeless).
		at_time(open.closes_at);
		assert_eq!(Beacon::wanted_rounds(), vec![open.round]);
		let secret = usdai_timelock::SecretKey::from_be_bytes(&usdai_timelock::dev::SECRET_KEY);
		let signature = usdai_timelock::sign(&secret, open.round).unwrap().to_bytes();
		assert_ok!(Beacon::submit_pulse(RuntimeOrigin::none(), open.round, signature));
		// The chain opens the bid and clears the round (a bid alone pays its bid).
		next_block();
		next_block();
		assert!(pallet_qev::PendingRounds::<Runtime>::get().is_empty());
		let ahead = <Runtime as QevApiV1<Block, AccountId>>::ticket(0).unwrap();
		assert_eq!((ahead.position, ahead.shares_ahead), (Some(2), 100 * USD));

		// 95 USDai of repayments arrive: Bob's ticket (5% bid) is paid first.
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&lender, 95 * USD));
		next_block();
		next_block();
		let filled = <Runtime as QevApiV1<Block, AccountId>>::ticket(1).unwrap();
		assert_eq!((filled.position, filled.ticket.claimable), (None, 95 * USD));
		// Anyone may claim for Bob.
		assert_ok!(Qev::claim(RuntimeOrigin::signed(alice.clone()), 1));
		assert_eq!(usdai_of(&bob), 95 * USD);
		assert!(!pallet_qev::Tickets::<Runtime>::contains_key(pallet_qev::ticket_key(1)));
		assert!(pallet_qev::Tickets::<Runtime>::get(pallet_qev::ticket_key(0))
			.unwrap()
			.is_waiting());
		let summary = <Runtime as QevApiV1<Block, AccountId>>::queue_summary();
		assert_eq!((summary.tickets, summary.shares), (1, 100 * USD));

		// Alice waited: the fee Bob paid stayed in the vault and she gets more than 100.
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&lender, 200 * USD));
		next_block();
		next_block();
		assert_ok!(Qev::claim(RuntimeOrigin::signed(alice.clone()), 0));
		assert!(usdai_of(&alice) > 100 * USD);
		assert!(!pallet_qev::Tickets::<Runtime>::contains_key(pallet_qev::ticket_key(0)));
		Qev::do_try_state().unwrap();
		Usdai::do_try_state().unwrap();
		TreasuryBridge::do_try_state().unwrap();
	});
}

/// The throughput goal of issue 6 against the generated weights: at least 1,000 fills, and the
/// most settlement can reserve (every fill on its own level, or all on one) within a quarter of
/// the block.
#[test]
fn settlement_at_its_bounds_fits_in_a_quarter_of_the_block() {
	use pallet_qev::{weights::WeightInfo as QevWeights, SettlementBudget};
	let fills: u32 = <Runtime as pallet_qev::Config>::MaxFillsPerBlock::get();
	let visits: u32 = <Runtime as pallet_qev::Config>::MaxVisitsPerBlock::get();
	let max_bid: u32 = <Runtime as pallet_qev::Config>::MaxBidBps::get();
	assert!(fills >= 1_000, "MaxFillsPerBlock {fills}");
	let quarter = usdai_runtime::configs::RuntimeBlockWeights::get().max_block / 4;
	for levels in [1, fills.min(max_bid + 1)] {
		let budget = SettlementBudget { fills, skips: visits - fills, levels };
		// What `on_initialize` charges: the reserve's own reads, then the work it reserves.
		let reserve = Qev::settlement_weight(budget)
			.saturating_add(<<Runtime as pallet_qev::Config>::WeightInfo as QevWeights>::reserve());
		assert!(
			reserve.all_lte(quarter),
			"{budget:?}: {reserve:?} above a quarter block {quarter:?}"
		);
	}
}

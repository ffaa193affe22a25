//! No event that raises sUSDai's price can be captured by a stake placed the block before it,
//! with the real vault, loans and auction: the example of an auction that recovers an
//! impaired loan while an attacker's stake of about the vault's size waits for it.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::{fund, genesis_ext, receipt, terms, who, NOW, USD};
use frame_support::{assert_ok, traits::Hooks};
use sp_keyring::Sr25519Keyring;
use usdai_runtime::{
	AccountId, Assets, BlockNumber, Caliber, Filo, Runtime, RuntimeOrigin, System, TreasuryBridge,
	Usdai,
};

fn go_to(n: BlockNumber) {
	System::set_block_number(n);
	Filo::on_initialize(n);
}

fn shares_of(a: &AccountId) -> u128 {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(
		usdai_runtime::asset_ids::SUSDAI,
		a,
	)
}

/// What `a`'s sUSDai fetch at the redemption price.
fn worth(a: &AccountId) -> u128 {
	Usdai::shares_value(shares_of(a)).unwrap()
}

#[test]
fn an_auction_recovery_cannot_be_captured_by_a_stake_in_the_auctions_last_block() {
	genesis_ext("development").execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
		let (alice, bob, charlie, ferdie) = (
			who(Sr25519Keyring::Alice),
			who(Sr25519Keyring::Bob),
			who(Sr25519Keyring::Charlie),
			who(Sr25519Keyring::Ferdie),
		);
		// The vault: 1,000,000 staked by Alice; a loan of 416,500 to Bob.
		fund(&alice, 1_000_000);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(alice.clone()), 1_000_000 * USD, 1));
		fund(&charlie, 100_000);
		let stack = pallet_filo::NextStackId::<Runtime>::get();
		assert_ok!(Filo::open_stack(
			RuntimeOrigin::signed(charlie.clone()),
			100_000 * USD,
			terms()
		));
		assert_ok!(Filo::set_stack_cap(common::enacted(), stack, Some(5_000_000 * USD)));
		let r = receipt(595_000 * USD);
		let loan = pallet_filo::NextLoanId::<Runtime>::get();
		assert_ok!(Filo::propose_loan(
			RuntimeOrigin::signed(charlie),
			stack,
			bob.clone(),
			vec![r].try_into().unwrap(),
			416_500 * USD,
			1_500,
			36
		));
		assert_ok!(Filo::accept_loan(RuntimeOrigin::signed(bob.clone()), loan));
		let params = pallet_filo::Params::<Runtime>::get().unwrap();

		// Unpaid: declared in default (written down in full), then auctioned.
		let due = pallet_filo::Pallet::<Runtime>::loan_view(loan).unwrap().next_due.unwrap();
		let late = due + params.grace_blocks + 1;
		go_to(late);
		assert_ok!(Filo::declare_default(RuntimeOrigin::signed(alice.clone()), loan));
		go_to(late + params.cure_blocks + 1);
		let auction = pallet_filo::Auctions::<Runtime>::get(loan).unwrap();
		fund(&alice, 600_000);
		assert_ok!(Filo::bid(RuntimeOrigin::signed(alice.clone()), loan, 550_000 * USD));

		// The attacker stakes about the vault's size in the auction's last block.
		go_to(auction.end);
		let stake = 1_000_000 * USD;
		fund(&ferdie, 1_000_000);
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ferdie.clone()), stake, 1));

		// The next block settles the auction: the loan's principal comes back, with its unpaid
		// interest and late fees.
		go_to(auction.end + 1);
		assert_eq!(Usdai::nav().impaired, 0);
		let interest = System::events()
			.into_iter()
			.find_map(|r| match r.event {
				usdai_runtime::RuntimeEvent::Filo(pallet_filo::Event::AuctionSettled {
					interest_recovered,
					..
				}) => Some(interest_recovered),
				_ => None,
			})
			.expect("the auction settled");
		assert!(interest > 0);
		assert!(worth(&ferdie) <= stake, "at once: {} > {stake}", worth(&ferdie));
		// Once it has vested, the attacker has no part of the recovered principal (he paid for it
		// when he staked, at the face value): at most his share of the interest, which vests to
		// whoever holds through the window, as every interest payment does.
		go_to(auction.end + 1 + pallet_usdai::VestingPeriod::<Runtime>::get());
		// In whole shares, so that the product stays within u128.
		let share_of_interest =
			interest * (shares_of(&ferdie) / USD) / (Usdai::total_shares() / USD);
		assert!(
			worth(&ferdie) <= stake + share_of_interest,
			"vested: {} > {stake} + {share_of_interest}",
			worth(&ferdie)
		);
		Usdai::do_try_state().unwrap();
		Caliber::do_try_state().unwrap();
		Filo::do_try_state().unwrap();
		TreasuryBridge::do_try_state().unwrap();
	});
}

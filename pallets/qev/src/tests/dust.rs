//! The queue never burns a holder's shares for nothing: a fill pays something, burns no more
//! shares than its pay is worth (rounded in the vault's favour, one share's worth of rounding
//! at most), and never leaves less than `MinShares` waiting. A ticket the price or the
//! liquidity cannot pay keeps its place and waits.

use crate::{mock::*, *};
use frame_support::assert_ok;
use usdai_primitives::vault::{LendingVault, RedemptionVault};

fn request(who: AccountId, shares: Balance) -> TicketId {
	let id = NextTicketId::<Test>::get();
	assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), shares, 0));
	id
}

fn shares_left(id: TicketId) -> Balance {
	Tickets::<Test>::get(ticket_key(id)).unwrap().shares
}

/// Writes down all the vault's principal but `left` base units: with its idle cash lent out
/// (one base unit stays), the redemption NAV is `left + 1` base units of USDai.
fn impair_all_but(left: Balance) {
	let l = pallet_usdai::Ledger::<Test>::get();
	assert_eq!(l.idle, 1, "the mock lends all the idle cash but one base unit");
	assert_ok!(<Usdai as LendingVault<AccountId>>::impair(l.principal - left));
}

#[test]
fn a_redemption_price_of_zero_never_fills_tickets_for_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// Every loan impaired, one base unit of idle cash: 4,000 shares are worth one unit.
		impair_all_but(0);
		let a = request(ALICE, 100 * USD);
		let b = request(BOB, 1_000 * USD);
		// A thousand base units of principal come back: liquidity, but the recovery vests, so
		// the price stays at zero in this block.
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, 1_000));
		let rate = <Usdai as RedemptionVault<AccountId>>::redemption_rate().unwrap();
		assert_eq!(rate.value(1_000 * USD).unwrap(), 0);
		qev_events();
		next_block();
		// Nobody was filled for nothing: both keep every share and their place.
		assert!(!qev_events().iter().any(|e| matches!(e, Event::Filled { .. })));
		assert_eq!((shares_left(a), shares_left(b)), (100 * USD, 1_000 * USD));
		assert_eq!(Queue::<Test>::iter_values().collect::<Vec<_>>(), vec![a, b]);
		// Once the recovery has vested, they are paid what their shares are worth.
		run_to(System::block_number() + 20);
		assert!(!waiting(a));
		assert!(Tickets::<Test>::get(ticket_key(a)).unwrap().claimable > 0);
	});
}

#[test]
fn dust_liquidity_below_par_never_burns_shares_for_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// A quarter of the loans impaired: a share is worth 0.75 USDai, and one base unit of
		// liquidity buys one base unit of a share, worth nothing once rounded down.
		let l = pallet_usdai::Ledger::<Test>::get();
		assert_ok!(<Usdai as LendingVault<AccountId>>::impair(l.principal / 4));
		let tickets =
			[request(ALICE, 100 * USD), request(BOB, 100 * USD), request(CHARLIE, 100 * USD)];
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, 1));
		assert_eq!(<Usdai as RedemptionVault<AccountId>>::available_liquidity(), 1);
		// Nothing to pay: no settlement is reserved for it.
		Qev::settlement_reserve();
		assert_eq!(Budget::<Test>::get(), SettlementBudget::default());
		qev_events();
		next_block();
		assert!(!qev_events().iter().any(|e| matches!(e, Event::Filled { .. })));
		for id in tickets {
			assert_eq!(shares_left(id), 100 * USD);
		}
	});
}

#[test]
fn a_part_never_leaves_less_than_min_shares_waiting() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100 * USD);
		// Liquidity for all but half a share of it.
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(
			&LENDER,
			100 * USD - USD / 2
		));
		next_block();
		// One share (MinShares) waits, worth a payment, rather than half of one.
		assert_eq!(shares_left(a), USD);
		liquidity(10);
		next_block();
		assert!(!waiting(a));
	});
}

#[test]
fn near_a_price_of_zero_a_fill_burns_no_more_shares_than_its_pay_is_worth() {
	ExtBuilder::default().build_and_execute(|| {
		// The vault is worth ten base units: Bob's 1,000 shares (a quarter of them) are worth
		// 2.5 units, paid 2, which buy only 800 shares.
		impair_all_but(9);
		let b = request(BOB, 1_000 * USD);
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, 1_000));
		let rate = <Usdai as RedemptionVault<AccountId>>::redemption_rate().unwrap();
		assert_eq!((rate.nav, rate.supply), (10, 4_000 * USD));
		qev_events();
		next_block();
		let events = qev_events();
		assert!(
			events.contains(&Event::Filled {
				ticket: b,
				owner: BOB,
				shares: 800 * USD,
				paid: 2,
				fee: 0,
				remaining: 200 * USD,
			}),
			"{events:?}"
		);
		// The other 200 keep their place and their claim on what the vault recovers.
		assert_eq!(Queue::<Test>::iter_values().collect::<Vec<_>>(), vec![b]);
	});
}

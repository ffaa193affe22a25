//! Settlement in `on_finalize`: order, partial fills, `min_out`, the per-block bound, bid fees.

use crate::{mock::*, settlement::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, Hooks},
	weights::Weight,
};
use sp_runtime::Rounding;
use usdai_primitives::{
	vault::{LendingVault, RedemptionRate, RedemptionVault},
	BasisPoints,
};

fn request(who: AccountId, dollars: Balance) -> TicketId {
	let id = NextTicketId::<Test>::get();
	assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), dollars * USD, 0));
	id
}

/// Moves `id` to bid `level` as a closed round would.
fn rank(id: TicketId, level: BasisPoints) {
	let mut ticket = Tickets::<Test>::get(ticket_key(id)).unwrap();
	let seq = ticket.seq;
	ticket.fee_bps = level;
	Qev::move_in_queue(id, &mut ticket, level, seq).unwrap();
}

#[test]
fn tickets_fill_in_request_order() {
	ExtBuilder::default().build_and_execute(|| {
		let (a, b, c) = (request(ALICE, 100), request(BOB, 100), request(CHARLIE, 100));
		liquidity(200);
		next_block();
		assert!(!waiting(a));
		assert!(!waiting(b));
		assert!(waiting(c));
		// Filled at the redemption price (one USDai per share here), to be claimed.
		assert_eq!(Tickets::<Test>::get(ticket_key(a)).unwrap().claimable, 100 * USD);
		assert_ok!(Qev::claim(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(usdai_of(ALICE), 100 * USD);
	});
}

#[test]
fn short_liquidity_fills_the_head_in_part() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		let b = request(BOB, 100);
		liquidity(60);
		next_block();
		let ticket = Tickets::<Test>::get(ticket_key(a)).unwrap();
		assert_eq!(ticket.shares, 40 * USD);
		assert_eq!(Levels::<Test>::get(0).shares, 140 * USD);
		assert!(qev_events().iter().any(|e| matches!(e, Event::Filled { ticket, remaining, .. } if *ticket == a && *remaining == 40 * USD)));
		// More liquidity: the rest of A first, then B.
		liquidity(100);
		next_block();
		assert!(!waiting(a));
		// 60 + 40 at the redemption price, each part rounded down.
		let claimable = Tickets::<Test>::get(ticket_key(a)).unwrap().claimable;
		assert!((100 * USD - 1..=100 * USD).contains(&claimable), "{claimable}");
		// B takes the rest of the liquidity, including A's rounding.
		let left = Tickets::<Test>::get(ticket_key(b)).unwrap().shares;
		assert!((40 * USD - 2..=40 * USD).contains(&left), "{left}");
		// Settlement never pays more than the vault has.
		assert_eq!(<Usdai as RedemptionVault<AccountId>>::available_liquidity(), 0);
	});
}

#[test]
fn a_ticket_whose_min_out_cannot_be_met_is_skipped_not_failed() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), 100 * USD, 101 * USD));
		let b = request(BOB, 100);
		liquidity(300);
		next_block();
		let events = qev_events();
		assert!(events.contains(&Event::Skipped { ticket: 0 }));
		assert!(waiting(0));
		assert!(!waiting(b));
		// It went to the back of the line.
		let c = request(CHARLIE, 10);
		let order: Vec<TicketId> = Queue::<Test>::iter_values().collect();
		assert_eq!(order, vec![0, c]);
		assert_eq!(Tickets::<Test>::get(ticket_key(0)).unwrap().seq, 2);
	});
}

#[test]
fn settlement_fills_at_most_the_per_block_bound() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [ALICE, BOB, CHARLIE, DAVE, ALICE] {
			request(who, 10);
		}
		liquidity(1_000);
		next_block();
		// MaxFillsPerBlock is 3.
		assert_eq!(TotalTickets::<Test>::get(), 2);
		next_block();
		assert_eq!(TotalTickets::<Test>::get(), 0);
	});
}

#[test]
fn a_higher_bid_level_is_served_first_and_its_fee_raises_the_price_for_those_who_wait() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		let b = request(BOB, 100);
		// B bids 5% (the sealed-bid flow is tested in `bids`; here the level is set directly).
		rank(b, 500);

		let price = Usdai::share_prices().redemption;
		liquidity(95);
		next_block();
		assert!(!waiting(b));
		assert!(waiting(a));
		// Bob got 95 for 100 shares; the 5 stayed in the vault for the holders who remain.
		assert_ok!(Qev::claim(RuntimeOrigin::signed(BOB), b));
		assert_eq!(usdai_of(BOB), 95 * USD);
		assert!(Usdai::share_prices().redemption > price);
	});
}

#[test]
fn queue_keys_order_by_level_then_request() {
	assert!(position(10, 5) < position(0, 1));
	assert!(position(10, 1) < position(10, 2));
	assert!(position(1_000, u64::MAX) < position(999, 0));
}

#[test]
fn with_idle_cash_a_request_is_paid_at_the_end_of_its_block() {
	ExtBuilder::default().with_idle_cash().build_and_execute(|| {
		let a = request(ALICE, 250);
		next_block();
		assert_ok!(Qev::claim(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(usdai_of(ALICE), 250 * USD);
	});
}

#[test]
fn settlement_does_only_what_the_block_reserved() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		// The block started without liquidity: nothing was reserved.
		Qev::on_initialize(System::block_number());
		assert_eq!(Budget::<Test>::get(), SettlementBudget::default());
		liquidity(100);
		Qev::on_finalize(System::block_number());
		assert!(waiting(a));
		// The next block reserves it and pays.
		System::set_block_number(System::block_number() + 1);
		Qev::on_initialize(System::block_number());
		assert_eq!(Budget::<Test>::get(), SettlementBudget { fills: 1, skips: 1, levels: 1 });
		Qev::on_finalize(System::block_number());
		assert!(!waiting(a));
		assert_eq!(Budget::<Test>::get(), SettlementBudget::default());
	});
}

#[test]
fn a_block_of_fills_is_settled_with_the_vault_once_and_claimed_by_anyone() {
	ExtBuilder::default().build_and_execute(|| {
		let (a, b) = (request(ALICE, 100), request(BOB, 50));
		liquidity(200);
		let supply =
			<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::total_issuance(
				SUSDAI,
			);
		System::reset_events();
		next_block();
		// One burn and one set-aside for the block's two fills.
		let settled: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Usdai(e @ pallet_usdai::Event::QueueSettled { .. }) => Some(e),
				_ => None,
			})
			.collect();
		assert_eq!(
			settled,
			vec![pallet_usdai::Event::QueueSettled { shares: 150 * USD, paid: 150 * USD, fee: 0 }]
		);
		assert_eq!(
			<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::total_issuance(
				SUSDAI
			),
			supply - 150 * USD
		);
		assert_eq!(<Usdai as RedemptionVault<AccountId>>::settled_unpaid(), 150 * USD);
		// The owners have not been paid yet; their deposits are still held.
		assert_eq!((usdai_of(ALICE), usdai_of(BOB)), (0, 0));
		assert_eq!(OpenTickets::<Test>::get(ALICE), 1);

		// Anyone may claim for the owner.
		qev_events();
		assert_ok!(Qev::claim(RuntimeOrigin::signed(DAVE), a));
		assert_eq!(
			qev_events(),
			vec![Event::Claimed { ticket: a, owner: ALICE, amount: 100 * USD, closed: true }]
		);
		assert_eq!(usdai_of(ALICE), 100 * USD);
		assert_eq!(usdai_of(DAVE), 0);
		assert_eq!(OpenTickets::<Test>::get(ALICE), 0);
		assert!(!Tickets::<Test>::contains_key(ticket_key(a)));
		// A second claim finds nothing.
		assert_noop!(Qev::claim(RuntimeOrigin::signed(ALICE), a), Error::<Test>::UnknownTicket);
		assert_ok!(Qev::claim(RuntimeOrigin::signed(BOB), b));
		assert_eq!(<Usdai as RedemptionVault<AccountId>>::settled_unpaid(), 0);
	});
}

#[test]
fn a_partly_filled_ticket_claims_what_it_filled_and_keeps_its_place() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		let b = request(BOB, 100);
		assert_noop!(Qev::claim(RuntimeOrigin::signed(ALICE), a), Error::<Test>::NothingToClaim);
		liquidity(30);
		next_block();
		assert_ok!(Qev::claim(RuntimeOrigin::signed(ALICE), a));
		assert_eq!(usdai_of(ALICE), 30 * USD);
		let ticket = Tickets::<Test>::get(ticket_key(a)).unwrap();
		assert_eq!((ticket.shares, ticket.claimable), (70 * USD, 0));
		assert_noop!(Qev::claim(RuntimeOrigin::signed(ALICE), a), Error::<Test>::NothingToClaim);
		// Still ahead of Bob.
		liquidity(70);
		next_block();
		assert!(!waiting(a));
		assert!(waiting(b));
		assert_eq!(Tickets::<Test>::get(ticket_key(b)).unwrap().shares, 100 * USD);
	});
}

#[test]
fn settlement_touches_no_more_levels_than_reserved() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		rank(a, 300);
		liquidity(100);
		Budget::<Test>::put(SettlementBudget { fills: 3, skips: 0, levels: 1 });
		Qev::on_finalize(System::block_number());
		// Level 300 was the one level reserved: Bob's level-0 ticket waits for the next block.
		assert!(!waiting(a));
		assert!(waiting(b));
		next_block();
		assert!(!waiting(b));
	});
}

#[test]
fn a_failing_vault_settlement_undoes_the_whole_block() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		liquidity(100);
		// Break the escrow: the locked shares are not all there, so the burn fails.
		let escrow = Usdai::escrow_account();
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<AccountId>>::transfer(
			SUSDAI,
			&escrow,
			&CHARLIE,
			60 * USD,
			frame_support::traits::tokens::Preservation::Expendable,
		));
		qev_events();
		next_block();
		assert!(qev_events().is_empty());
		assert_eq!(Tickets::<Test>::get(ticket_key(a)).unwrap().shares, 100 * USD);
		assert_eq!(<Usdai as RedemptionVault<AccountId>>::settled_unpaid(), 0);
		// Restore the escrow for the invariants.
		assert_ok!(<Assets as frame_support::traits::fungibles::Mutate<AccountId>>::transfer(
			SUSDAI,
			&CHARLIE,
			&escrow,
			60 * USD,
			frame_support::traits::tokens::Preservation::Expendable,
		));
	});
}

proptest::proptest! {
	/// A fill pays something, never more than the liquidity nor than its shares are worth, and
	/// burns no more shares than its pay is worth (rounded up; a ticket filled in full, one
	/// share's worth of rounding more). It is partial only when liquidity is short or the price
	/// is near zero, and then leaves at least one share (`MinShares`) waiting.
	#[test]
	fn a_priced_fill_stays_within_liquidity_and_value(
		shares in 1u128..1_000_000 * USD,
		nav in 1u128..10_000_000 * USD,
		extra in 0u128..10_000_000 * USD,
		liquidity in 1u128..2_000_000 * USD,
		level in 0u32..=1_000,
	) {
		let rate = RedemptionRate { nav, supply: shares + extra };
		let ticket = Ticket {
			owner: ALICE,
			shares,
			requested: shares,
			min_out: 0,
			level,
			seq: 0,
			deposit: 0,
			depositor: ALICE,
			claimable: 0,
			fee_bps: level,
		};
		let (full, _) = net_of_bid(rate.value(shares).unwrap(), level).unwrap();
		match price_fill(&ticket, &rate, liquidity, USD).unwrap() {
			Fill::Take { shares: taken, paid, fee } => {
				proptest::prop_assert!(paid > 0);
				proptest::prop_assert!(paid <= liquidity);
				proptest::prop_assert!(taken <= shares);
				proptest::prop_assert_eq!(paid + fee, rate.value(taken).unwrap());
				let worth = usdai_primitives::mul_div(
					paid + fee,
					rate.supply,
					rate.nav,
					Rounding::Up,
				)
				.unwrap();
				if taken == shares {
					proptest::prop_assert!(full <= liquidity);
					proptest::prop_assert!(taken <= worth + USD);
				} else {
					proptest::prop_assert!(taken <= worth);
					proptest::prop_assert!(shares - taken >= USD);
				}
			},
			Fill::Exhausted => proptest::prop_assert!(full > liquidity || full == 0),
			Fill::Skip => proptest::prop_assert!(false, "no min_out, no skip"),
		}
	}
}

#[test]
fn unfillable_tickets_at_the_top_bid_cannot_stop_the_queue() {
	ExtBuilder::default().build_and_execute(|| {
		// Five tickets (MaxVisitsPerBlock) that no price will fill, bidding the most.
		let mut blockers = Vec::new();
		for who in [ALICE, BOB, CHARLIE, DAVE, ALICE] {
			let id = NextTicketId::<Test>::get();
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), USD, 1_000 * USD));
			rank(id, 1_000);
			blockers.push(id);
		}
		let honest = request(BOB, 10);
		liquidity(100);
		// Two skips a block (MaxVisitsPerBlock − MaxFillsPerBlock): three blocks move all five
		// to the back of level zero.
		for _ in 0..3 {
			next_block();
		}
		assert!(blockers
			.iter()
			.all(|id| Tickets::<Test>::get(ticket_key(*id)).unwrap().level == 0));
		assert_eq!(Levels::<Test>::get(1_000), LevelTotals::default());
		// The third block, past its last skip, filled the honest ticket.
		assert!(!waiting(honest));
	});
}

#[test]
fn a_ticket_skipped_in_a_block_is_not_visited_again_in_it() {
	ExtBuilder::default().build_and_execute(|| {
		// At the head: a ticket whose min_out no price meets; behind it, four that fill.
		let blocker = NextTicketId::<Test>::get();
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(ALICE), USD, 1_000 * USD));
		let (a, b) = (request(BOB, 10), request(CHARLIE, 10));
		let (c, d) = (request(DAVE, 10), request(DAVE, 10));
		liquidity(100);
		// The block's reserve counts five tickets (five visits, three fills); then two leave.
		Qev::settlement_reserve();
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(DAVE), c));
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(DAVE), d));
		Qev::on_finalize(System::block_number());
		// Skipped once: it went to the back, and the walk stopped there instead of meeting it
		// again with the visits left.
		let skips = qev_events()
			.iter()
			.filter(|e| matches!(e, Event::Skipped { ticket } if *ticket == blocker))
			.count();
		assert_eq!(skips, 1);
		assert!(!waiting(a));
		assert!(!waiting(b));
		assert_eq!(Queue::<Test>::iter_values().collect::<Vec<_>>(), vec![blocker]);
		assert_eq!(
			Tickets::<Test>::get(ticket_key(blocker)).unwrap().seq,
			NextTicketId::<Test>::get() - 1
		);
	});
}

#[test]
fn liquidity_too_small_to_buy_a_share_reserves_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// A 10% bid's fee stays in the vault: a share is now worth more than one USDai.
		let a = request(ALICE, 100);
		rank(a, 1_000);
		request(BOB, 100);
		liquidity(90);
		next_block();
		assert!(!waiting(a));
		let rate = <Usdai as RedemptionVault<AccountId>>::redemption_rate().unwrap();
		assert!(rate.nav > rate.supply && rate.nav < 2 * rate.supply);
		// The fill's rounding left at most one base unit of USDai; make it exactly one. It
		// buys no unit of a share: nothing is reserved for it.
		let dust = <Usdai as RedemptionVault<AccountId>>::available_liquidity();
		assert!(dust <= 1, "{dust}");
		if dust == 0 {
			assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, 1));
		}
		Qev::settlement_reserve();
		assert_eq!(Budget::<Test>::get(), SettlementBudget::default());
		// Two do.
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, 1));
		Qev::settlement_reserve();
		assert_eq!(Budget::<Test>::get().fills, 1);
	});
}

/// Raises the redemption price above one USDai a share, to an awkward fraction: a 10% bid's fee
/// stays in the vault.
fn awkward_price() -> RedemptionRate {
	let a = request(ALICE, 100);
	rank(a, 1_000);
	liquidity(90);
	next_block();
	assert!(!waiting(a));
	// Any vesting of the fee completes.
	run_to(System::block_number() + 50);
	let rate = <Usdai as RedemptionVault<AccountId>>::redemption_rate().unwrap();
	assert!(rate.nav > rate.supply, "{rate:?}");
	rate
}

#[test]
fn a_partial_fill_never_costs_a_tight_min_out_its_place() {
	ExtBuilder::default().build_and_execute(|| {
		let rate = awkward_price();
		// Bob asks for exactly what his shares are worth now.
		let requested = 100 * USD;
		let min_out = rate.value(requested).unwrap();
		let b = NextTicketId::<Test>::get();
		assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(BOB), requested, min_out));
		let c = request(CHARLIE, 10);
		// Liquidity for about half of it, where a partial fill's pay rounds below its exact
		// share of `min_out`.
		let dust = <Usdai as RedemptionVault<AccountId>>::available_liquidity();
		let short = (50 * USD..50 * USD + 10_000)
			.find(|l| {
				let shares =
					usdai_primitives::mul_div(l + dust, rate.supply, rate.nav, Rounding::Down)
						.unwrap();
				let paid = rate.value(shares).unwrap();
				let share_of_min =
					usdai_primitives::mul_div(min_out, shares, requested, Rounding::Up).unwrap();
				paid < share_of_min
			})
			.expect("a liquidity whose fill rounds below the ticket's share of min_out");
		assert_ok!(<Usdai as LendingVault<AccountId>>::repay_principal(&LENDER, short));
		qev_events();
		next_block();
		assert!(!qev_events().contains(&Event::Skipped { ticket: b }));
		// Filled in part, and still first in line.
		let ticket = Tickets::<Test>::get(ticket_key(b)).unwrap();
		assert!(ticket.shares < requested && ticket.claimable > 0);
		assert_eq!((ticket.level, ticket.seq), (0, b));
		assert_eq!(Queue::<Test>::iter_values().collect::<Vec<_>>(), vec![b, c]);
	});
}

#[test]
fn settlement_skips_from_no_more_levels_than_reserved() {
	ExtBuilder::default().build_and_execute(|| {
		// Five tickets no price fills, each at a bid level of its own.
		for (i, who) in [ALICE, BOB, CHARLIE, DAVE, ALICE].into_iter().enumerate() {
			let id = NextTicketId::<Test>::get();
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), USD, 1_000 * USD));
			rank(id, 1_000 - i as u32);
		}
		liquidity(100);
		Budget::<Test>::put(SettlementBudget { fills: 3, skips: 2, levels: 2 });
		qev_events();
		Qev::on_finalize(System::block_number());
		// A skip writes its level's totals as a fill does: two levels reserved, two skips.
		let skips = qev_events().iter().filter(|e| matches!(e, Event::Skipped { .. })).count();
		assert_eq!(skips, 2);
	});
}

#[test]
fn the_reserve_covers_a_block_of_skips_from_distinct_levels() {
	use frame_support::weights::constants::RocksDbWeight;
	// The runtime's bounds: 1,100 fills, 1,250 visits, 1,001 bid levels with tickets.
	let (fills, visits, levels) = (1_100u32, 1_250u32, 1_001u32);
	let budget = SettlementBudget { fills, skips: visits - fills, levels };
	let reserved = Qev::settlement_weight(budget);
	// All the fills and all the skips the budget allows, each of the first 1,001 visits from a
	// level of its own, whose totals it reads and writes.
	let fill = <() as crate::WeightInfo>::settle(1, 0)
		.saturating_sub(<() as crate::WeightInfo>::settle(0, 0));
	let worst = <() as crate::WeightInfo>::settle(0, visits - fills)
		.saturating_add(fill.saturating_mul(fills.into()))
		.saturating_add(RocksDbWeight::get().reads_writes(levels.into(), levels.into()));
	assert!(reserved.all_gte(worst), "{reserved:?} below {worst:?}");
}

#[test]
fn a_block_never_skips_more_tickets_than_its_reserve_pays_for() {
	ExtBuilder::default().build_and_execute(|| {
		// Four tickets no price fills, then one that any price fills, all at level zero.
		for who in [ALICE, BOB, CHARLIE, DAVE] {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), USD, 1_000 * USD));
		}
		let honest = request(ALICE, 10);
		liquidity(100);
		Budget::<Test>::put(SettlementBudget { fills: 3, skips: 2, levels: 1 });
		qev_events();
		Qev::on_finalize(System::block_number());
		// Two skips reserved: two go to the back, and settlement stops at the third.
		let skips = qev_events().iter().filter(|e| matches!(e, Event::Skipped { .. })).count();
		assert_eq!(skips, 2);
		assert!(waiting(honest));
		// The next blocks move the rest and fill the honest ticket behind them.
		next_block();
		next_block();
		assert!(!waiting(honest));
	});
}

/// Storage keys `f` writes after the setup's changes are committed (leaving out System's own
/// bookkeeping, which the benchmarks whitelist, but counting accounts).
fn keys_written(ext: &mut sp_io::TestExternalities, f: impl FnOnce() -> Weight) -> (usize, Weight) {
	ext.commit_all().unwrap();
	let charged = ext.execute_with(f);
	let system = sp_io::hashing::twox_128(b"System");
	let account = [system, sp_io::hashing::twox_128(b"Account")].concat();
	let written = ext
		.overlayed_changes()
		.changes()
		.filter(|(key, _)| !key.starts_with(&system) || key.starts_with(&account))
		.count();
	(written, charged)
}

#[test]
fn clearing_a_round_is_charged_for_moves_between_distinct_levels() {
	use frame_support::weights::constants::RocksDbWeight;
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		// Four tickets (MaxBidsPerRound), each at a level of its own, all bidding the same
		// level, so that all win and all move.
		let owners = [ALICE, BOB, CHARLIE, DAVE];
		for (i, who) in owners.into_iter().enumerate() {
			let id = request(who, 10);
			rank(id, 10 + i as u32);
			bid(who, id, 500);
		}
		let round = sealed_round();
		at_beacon_round(round);
		publish(round);
		// Opened over two blocks (MaxOpensPerBlock is 2); the third clears.
		next_block();
		next_block();
		assert_eq!(OpenedBids::<Test>::decode_len(), Some(4));
	});
	let (written, charged) = keys_written(&mut ext, || Qev::do_open_bids(System::block_number()));
	// Per move: the ticket, its old and new queue keys, its old level's totals; the new
	// level's totals once.
	assert!(written > 4 * 4, "{written}");
	let writes = RocksDbWeight::get().writes(written as u64);
	assert!(charged.all_gte(writes), "{written} writes ({writes:?}) above {charged:?}");
	ext.execute_with(|| {
		assert!(Opening::<Test>::get().is_none());
		Qev::do_try_state().unwrap()
	});
}

#[test]
fn a_block_of_skips_from_distinct_levels_stays_within_its_reserve() {
	use frame_support::weights::constants::RocksDbWeight;
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		for (i, who) in [ALICE, BOB, CHARLIE, DAVE, ALICE].into_iter().enumerate() {
			let id = NextTicketId::<Test>::get();
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), USD, 1_000 * USD));
			rank(id, 1_000 - i as u32);
		}
		liquidity(100);
	});
	let mut reserved = Weight::zero();
	ext.execute_with(|| reserved = Qev::settlement_reserve());
	let (written, _) = keys_written(&mut ext, || {
		System::reset_events();
		Qev::on_finalize(System::block_number());
		Weight::zero()
	});
	ext.execute_with(|| {
		// As many skips as the reserve pays for (MaxVisitsPerBlock − MaxFillsPerBlock).
		let skips = qev_events().iter().filter(|e| matches!(e, Event::Skipped { .. })).count();
		assert_eq!(skips, 2);
		Qev::do_try_state().unwrap();
	});
	let writes = RocksDbWeight::get().writes(written as u64);
	assert!(reserved.all_gte(writes), "{written} writes ({writes:?}) above {reserved:?}");
}

proptest::proptest! {
	/// A price at which the whole request pays its `min_out` never skips it, however little of
	/// it the liquidity fills: a part's pay rounds down, but the ticket keeps its place.
	#[test]
	fn a_price_that_meets_min_out_never_skips_a_partial_fill(
		requested in 1u128..1_000_000 * USD,
		filled in 0u128..1_000_000 * USD,
		nav in 1u128..10_000_000 * USD,
		extra in 0u128..10_000_000 * USD,
		liquidity in 1u128..2_000_000 * USD,
		level in 0u32..=1_000,
	) {
		let rate = RedemptionRate { nav, supply: requested + extra };
		let (min_out, _) = net_of_bid(rate.value(requested).unwrap(), level).unwrap();
		let ticket = Ticket {
			owner: ALICE,
			shares: requested - filled % requested,
			requested,
			min_out,
			level,
			seq: 0,
			deposit: 0,
			depositor: ALICE,
			claimable: 0,
			fee_bps: level,
		};
		proptest::prop_assert_ne!(price_fill(&ticket, &rate, liquidity, USD).unwrap(), Fill::Skip);
	}

	/// A price at which the whole request pays less than its `min_out` fills none of it.
	#[test]
	fn a_price_below_min_out_fills_nothing(
		requested in 1u128..1_000_000 * USD,
		filled in 0u128..1_000_000 * USD,
		nav in 1u128..10_000_000 * USD,
		extra in 0u128..10_000_000 * USD,
		liquidity in 1u128..2_000_000 * USD,
		level in 0u32..=1_000,
	) {
		let rate = RedemptionRate { nav, supply: requested + extra };
		let (full, _) = net_of_bid(rate.value(requested).unwrap(), level).unwrap();
		let ticket = Ticket {
			owner: ALICE,
			shares: requested - filled % requested,
			requested,
			min_out: full + 1,
			level,
			seq: 0,
			deposit: 0,
			depositor: ALICE,
			claimable: 0,
			fee_bps: level,
		};
		let fill = price_fill(&ticket, &rate, liquidity, USD).unwrap();
		proptest::prop_assert!(matches!(fill, Fill::Skip | Fill::Exhausted), "{fill:?}");
	}
}

#[test]
fn a_block_with_nothing_to_settle_is_not_charged_the_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		let take_back = db.reads_writes(1, 1);
		let base = <() as crate::WeightInfo>::settle(0, 0);
		assert!(take_back.all_lt(base));
		// Nothing waits: only the empty budget is taken back at the end of the block.
		assert_eq!(Qev::settlement_reserve(), take_back);
		// A ticket waits but the vault has no cash: still nothing to settle.
		let a = request(ALICE, 10);
		assert_eq!(Qev::settlement_reserve(), take_back);
		// With cash, the block pays for the settlement's base and its one fill.
		liquidity(100);
		let reserved = Qev::settlement_reserve();
		assert!(reserved.all_gte(<() as crate::WeightInfo>::settle(1, 0)));
		Qev::on_finalize(System::block_number());
		assert!(!waiting(a));
	});
}

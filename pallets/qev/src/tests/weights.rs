//! The weights against the storage the calls and hooks really touch. Each test drives a call (or
//! a hook) in its worst case at the runtime's bounds, counts the distinct keys it reads and
//! writes as the benchmarks' database tracker does (a key's first access; whitelisted keys
//! aside), and checks that the database part of the weight charged covers them at
//! `RocksDbWeight`.

use crate::{mock::*, weights::SubstrateWeight, *};
use frame_support::{
	assert_ok,
	traits::{fungible::Mutate as _, Get, Hooks, WhitelistedStorageKeys},
	weights::Weight,
	BoundedVec,
};
use usdai_primitives::{vault::LendingVault, BasisPoints};
use usdai_test_support::assert_covered;

/// A `min_out` no price meets: the ticket is skipped.
const UNREACHABLE: Balance = Balance::MAX / 4;

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	usdai_test_support::count_accesses(AllPalletsWithSystem::whitelisted_storage_keys(), f)
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn max_tickets() -> u32 {
	<Test as Config>::MaxTicketsPerAccount::get()
}

fn max_bid() -> BasisPoints {
	<<Test as Config>::MaxBidBps as Get<BasisPoints>>::get()
}

/// Ends the block and starts the next as the runtime does for the vault's points (their
/// bookkeeping is per block), so that the calls measured then make its first sUSDai or USDai
/// debit. Settlement does not run.
fn fresh_block() {
	let n = System::block_number();
	Usdai::on_finalize(n);
	System::set_block_number(n + 1);
	Usdai::on_initialize(n + 1);
}

/// The vault lends out all its idle cash: nothing is settled until a test provides liquidity.
fn lend_all() {
	let idle = <Usdai as LendingVault<AccountId>>::idle_liquidity();
	if idle > 0 {
		assert_ok!(<Usdai as LendingVault<AccountId>>::draw(&LENDER, idle));
	}
}

/// Account `i` with the shares and the native balance for `tickets` tickets of one sUSDai (and
/// ten sUSDai to spare).
fn requester(i: u32, tickets: u32) -> AccountId {
	let who = 10_000 + AccountId::from(i);
	assert_ok!(Balances::mint_into(&who, 1_000 + DEPOSIT * Balance::from(tickets)));
	stake(who, Balance::from(tickets) + 10);
	who
}

fn request(who: AccountId, shares: Balance, min_out: Balance) -> TicketId {
	let id = NextTicketId::<Test>::get();
	assert_ok!(Qev::request_redemption(signed(who), shares, min_out));
	id
}

/// `n` tickets of one sUSDai each with `min_out`, requested by as few accounts as the bound
/// allows (the first from account `first`).
fn tickets(first: u32, n: u32, min_out: Balance) -> Vec<(AccountId, TicketId)> {
	let per = max_tickets();
	let mut out = Vec::new();
	let mut i = first;
	while (out.len() as u32) < n {
		let k = per.min(n - out.len() as u32);
		let who = requester(i, k);
		for _ in 0..k {
			out.push((who, request(who, USD, min_out)));
		}
		i += 1;
	}
	out
}

/// Moves `id` to bid `level` as a closed round would.
fn rank(id: TicketId, level: BasisPoints) {
	let mut ticket = Tickets::<Test>::get(ticket_key(id)).unwrap();
	let seq = ticket.seq;
	ticket.fee_bps = level;
	assert_ok!(Qev::move_in_queue(id, &mut ticket, level, seq));
}

/// `Qev::settlement_weight` with weights `W`.
fn settlement_weight<W: WeightInfo>(budget: SettlementBudget) -> Weight {
	let per_unit = |f: &dyn Fn(u32) -> Weight| f(1).saturating_sub(f(0));
	let visits = budget.fills + budget.skips;
	let own_level = budget.levels.min(visits);
	let base = W::settle(0, 0).max(W::settle_levels(0)).max(W::settle_skip_levels(0));
	let fill = per_unit(&|n| W::settle(n, 0));
	let skip = per_unit(&|n| W::settle(0, n));
	let own_extra = per_unit(&|n| W::settle_levels(n))
		.saturating_sub(fill)
		.max(per_unit(&|n| W::settle_skip_levels(n)).saturating_sub(skip));
	base.saturating_add(fill.saturating_mul(budget.fills.into()))
		.saturating_add(skip.saturating_mul(budget.skips.into()))
		.saturating_add(own_extra.saturating_mul(own_level.into()))
}

#[test]
fn a_request_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		assert_eq!(max_tickets(), RUNTIME_BOUNDS.0);
		// One ticket short of the limit, the others bidding (level zero is empty).
		let who = requester(0, max_tickets());
		for _ in 1..max_tickets() {
			let id = request(who, USD, 0);
			rank(id, 5);
		}
		lend_all();
		fresh_block();
		// All the shares left, in the block's first sUSDai debit: the account dies.
		let shares = shares_of(who);
		let (result, reads, writes) =
			count_accesses(|| Qev::request_redemption(signed(who), shares, 0));
		assert_ok!(result);
		assert_eq!(shares_of(who), 0);
		assert_eq!(OpenTickets::<Test>::get(who), max_tickets());
		assert_covered(
			"request_redemption",
			reads,
			writes,
			<() as WeightInfo>::request_redemption(),
			SubstrateWeight::<Test>::request_redemption(),
		);
	});
}

/// The worst case of what a ticket's end or transfer checks of its bids, as the benchmarks set
/// it up (`bids_around`): a round being opened with `MaxBidsPerRound` bids opened (none of
/// `id`) and pending rounds whose bidding has closed (none with a bid of `id`: a read each).
/// With `bid`, `who`'s bid for `id` in the round taking bids (which a ticket that ends takes
/// back) and the closed rounds one fewer; without, all `MaxPendingRounds` closed (a transfer's
/// worst: it reads every closed round and takes nothing back). Written directly (a filled ticket
/// takes no new bid, and no hook runs in between). Returns a closure that puts the rounds back
/// in order for the invariants.
fn bids_around(who: AccountId, id: TicketId, bid: bool) -> impl FnOnce() {
	let round = sealed_round();
	let max = u64::from(RUNTIME_PENDING_ROUNDS);
	let closed = if bid { max - 1 } else { max };
	let mut pending: Vec<(u64, u32)> =
		(0..closed).map(|i| (round - (closed - i) * ROUND_PERIOD, 1)).collect();
	if bid {
		pending.push((round, 1));
		let ciphertext = BoundedVec::truncate_from(sealed(who, id, 100).into_inner());
		SealedBids::<Test>::insert(round, id, SealedBid { owner: who, ciphertext });
	}
	let first = pending[0].0;
	PendingRounds::<Test>::put(BoundedVec::truncate_from(pending));
	let opened: Vec<(TicketId, BasisPoints)> =
		(0..RUNTIME_BOUNDS.3).map(|i| (u64::MAX - u64::from(i), 1)).collect();
	OpenedBids::<Test>::put(BoundedVec::truncate_from(opened));
	Opening::<Test>::put(crate::types::OpeningRound { round: first, signature: None });
	move || {
		Opening::<Test>::kill();
		OpenedBids::<Test>::kill();
		let _ = SealedBids::<Test>::clear_prefix(round, u32::MAX, None);
		PendingRounds::<Test>::kill();
	}
}

#[test]
fn bids_and_transfers_never_touch_more_storage_than_they_pay_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let all = tickets(0, 3, 0);
		lend_all();
		let round = sealed_round();
		// Earlier rounds wait for their pulses (all but one of the runtime's MaxPendingRounds),
		// and the round holds a bid already: the bid searches and rewrites the longest list.
		let n = u64::from(RUNTIME_PENDING_ROUNDS) - 1;
		let earlier: Vec<(u64, u32)> =
			(0..n).map(|i| (round - (n - i) * ROUND_PERIOD, 0)).collect();
		PendingRounds::<Test>::put(BoundedVec::truncate_from(earlier));
		let (who, id) = all[0];
		bid(all[1].0, all[1].1, 1);
		let ciphertext = sealed(who, id, 200);
		let (result, reads, writes) =
			count_accesses(|| Qev::commit_bid(signed(who), id, round, ciphertext));
		assert_ok!(result);
		assert_covered(
			"commit_bid",
			reads,
			writes,
			<() as WeightInfo>::commit_bid(),
			SubstrateWeight::<Test>::commit_bid(),
		);
		PendingRounds::<Test>::mutate(|p| p.retain(|(r, _)| *r == round));
	});
	// A transfer checks whether a bid binds the ticket, at its worst.
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let all = tickets(0, 1, 0);
		lend_all();
		let (who, id) = all[0];
		let restore = bids_around(who, id, false);
		let (result, reads, writes) = count_accesses(|| Qev::transfer_ticket(signed(who), id, 777));
		assert_ok!(result);
		assert_covered(
			"transfer_ticket",
			reads,
			writes,
			<() as WeightInfo>::transfer_ticket(),
			SubstrateWeight::<Test>::transfer_ticket(),
		);
		restore();
	});
}

#[test]
fn cancels_and_claims_never_touch_more_storage_than_they_pay_for() {
	// The ticket was given away to an account that holds nothing (so the shares and the USDai
	// open accounts of it, and the deposit goes back to another account), it is the only one at
	// its level and its requester's only one, and it has a sealed bid. Cancelled after a fill in
	// part; claimed after a fill in full.
	for cancel in [true, false] {
		ExtBuilder::default().runtime_bounds().build_and_execute(|| {
			let who = requester(0, 1);
			lend_all();
			let id = request(who, 10 * USD, 0);
			let value = <Usdai as RedemptionVault<AccountId>>::redemption_value(10 * USD).unwrap();
			liquidity(if cancel { 5 } else { value / USD + 1 });
			next_block();
			let ticket = Tickets::<Test>::get(ticket_key(id)).unwrap();
			assert!(ticket.claimable > 0);
			assert_eq!(ticket.is_waiting(), cancel);
			let to: AccountId = 777;
			assert_ok!(Qev::transfer_ticket(signed(who), id, to));
			fresh_block();
			// The new owner's bid in the round taking bids (taken back when the ticket ends),
			// with the rounds around it at their worst.
			let restore = bids_around(to, id, true);
			if cancel {
				let (result, reads, writes) = count_accesses(|| Qev::cancel(signed(to), id));
				assert_ok!(result);
				assert_eq!(ActiveLevels::<Test>::get(), 0);
				assert_covered(
					"cancel",
					reads,
					writes,
					<() as WeightInfo>::cancel(),
					SubstrateWeight::<Test>::cancel(),
				);
			} else {
				let (result, reads, writes) = count_accesses(|| Qev::claim(signed(ALICE), id));
				assert_ok!(result);
				assert_covered(
					"claim",
					reads,
					writes,
					<() as WeightInfo>::claim(),
					SubstrateWeight::<Test>::claim(),
				);
			}
			assert!(!Tickets::<Test>::contains_key(ticket_key(id)));
			assert!(usdai_of(to) > 0);
			assert_eq!(OpenTickets::<Test>::get(who), 0);
			restore();
		});
	}
}

#[test]
fn opening_a_batch_of_bids_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let n = <Test as Config>::MaxOpensPerBlock::get();
		assert_eq!(n, RUNTIME_BOUNDS.4);
		let all = tickets(0, n + 1, 0);
		for (who, id) in &all {
			bid(*who, *id, 100);
		}
		let round = sealed_round();
		at_beacon_round(round);
		publish(round);
		fresh_block();
		System::reset_events();
		let (weight, reads, writes) = count_accesses(|| Qev::do_open_bids(System::block_number()));
		assert_eq!(OpenedBids::<Test>::decode_len(), Some(n as usize));
		assert_eq!(weight, <() as WeightInfo>::open_bids(n));
		assert_covered(
			"on_initialize (open_bids)",
			reads,
			writes,
			<() as WeightInfo>::open_bids(n),
			SubstrateWeight::<Test>::open_bids(n),
		);
		while !PendingRounds::<Test>::get().is_empty() {
			next_block();
		}
	});
}

#[test]
fn clearing_a_full_round_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let n = <Test as Config>::MaxBidsPerRound::get();
		let top = max_bid();
		// Every bid wins (all bid the top level) and moves its ticket from a level of its own
		// (as far as the levels go round), and liquidity waits, so that the reserve reads the
		// vault.
		let all = tickets(0, n, 0);
		for (i, (_, id)) in all.iter().enumerate() {
			rank(*id, i as u32 % top);
		}
		let round = sealed_round();
		PendingRounds::<Test>::put(BoundedVec::truncate_from(vec![(round, 0)]));
		OpenedBids::<Test>::put(BoundedVec::truncate_from(
			all.iter().map(|(_, id)| (*id, top)).collect::<Vec<_>>(),
		));
		Opening::<Test>::put(crate::types::OpeningRound { round, signature: None });
		assert!(<Usdai as RedemptionVault<AccountId>>::available_liquidity() > 0);
		let next = System::block_number() + 1;
		System::set_block_number(next);
		System::reset_events();
		let (weight, reads, writes) = count_accesses(|| Qev::on_initialize(next));
		assert!(qev_events().contains(&Event::RoundCleared {
			round,
			price_bps: top,
			ranked: n,
			outbid: 0
		}));
		let budget = Budget::<Test>::get();
		assert!(budget.fills > 0);
		let charged =
			<() as WeightInfo>::clear_round(n).saturating_add(<() as WeightInfo>::reserve());
		assert_eq!(weight, charged.saturating_add(Qev::settlement_weight(budget)));
		assert_covered(
			"on_initialize (clear_round, reserve)",
			reads,
			writes,
			charged,
			SubstrateWeight::<Test>::clear_round(n)
				.saturating_add(SubstrateWeight::<Test>::reserve()),
		);
	});
}

/// Settles one block of a queue laid out by `layout` (the bid level and `min_out` of each
/// ticket, in request order) with liquidity for all of it, and checks the storage settlement
/// touched against the weight `on_initialize` reserved for it. Returns `(fills, skips)`.
fn settle_and_count(what: &str, layout: &[(BasisPoints, Balance)]) -> (u32, u32) {
	for (i, chunk) in layout.chunks(max_tickets() as usize).enumerate() {
		let who = requester(i as u32, chunk.len() as u32);
		for (level, min_out) in chunk {
			let id = request(who, USD, *min_out);
			if *level > 0 {
				rank(id, *level);
			}
		}
	}
	assert!(
		<Usdai as RedemptionVault<AccountId>>::available_liquidity() > layout.len() as u128 * USD
	);
	fresh_block();
	let now = System::block_number();
	Qev::settlement_reserve();
	let budget = Budget::<Test>::get();
	let charged = Qev::settlement_weight(budget);
	assert_eq!(charged, settlement_weight::<()>(budget));
	System::reset_events();
	let (_, reads, writes) = count_accesses(|| Qev::on_finalize(now));
	let events = qev_events();
	let fills = events.iter().filter(|e| matches!(e, Event::Filled { .. })).count() as u32;
	let skips = events.iter().filter(|e| matches!(e, Event::Skipped { .. })).count() as u32;
	assert_covered(
		&format!("on_finalize (settlement: {what}, {fills} fills, {skips} skips, {budget:?})"),
		reads,
		writes,
		charged,
		settlement_weight::<SubstrateWeight<Test>>(budget),
	);
	(fills, skips)
}

#[test]
fn settlement_at_its_bounds_never_touches_more_storage_than_it_reserved() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let (max_fills, max_visits) = (RUNTIME_BOUNDS.1, RUNTIME_BOUNDS.2);
		let max_skips = max_visits - max_fills;
		let top = max_bid();
		// Every level in use: the skips from the top, each at a level of its own, then the fills,
		// each at a level of its own as far as the levels go, the rest at level zero. Every
		// fill pays a bid fee but those at level zero.
		let mut layout: Vec<(BasisPoints, Balance)> =
			(0..max_skips).map(|k| (top - k, UNREACHABLE)).collect();
		let mut level = top - max_skips;
		for _ in 0..max_fills {
			layout.push((level, 0));
			level = level.saturating_sub(1);
		}
		let (fills, skips) = settle_and_count("every level", &layout);
		assert_eq!((fills, skips), (max_fills, max_skips));
		assert_eq!(Levels::<Test>::get(0).tickets, max_skips);
	});
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let (max_fills, max_visits) = (RUNTIME_BOUNDS.1, RUNTIME_BOUNDS.2);
		let max_skips = max_visits - max_fills;
		let top = max_bid();
		// The same without level zero: the skips go to a level no visit reads.
		let mut layout: Vec<(BasisPoints, Balance)> =
			(0..max_skips).map(|k| (top - k, UNREACHABLE)).collect();
		let mut level = top - max_skips;
		for _ in 0..max_fills {
			layout.push((level, 0));
			level = level.saturating_sub(1).max(1);
		}
		let (fills, skips) = settle_and_count("every level but zero", &layout);
		assert_eq!((fills, skips), (max_fills, max_skips));
	});
}

#[test]
fn settlement_skipping_at_levels_of_their_own_never_touches_more_storage_than_it_reserved() {
	// As `settle_skip_levels`: skips each at a level of their own, from one to the most a block
	// may skip, with one fill behind them, or none.
	let max_skips = RUNTIME_BOUNDS.2 - RUNTIME_BOUNDS.1;
	for (skips, fill) in [(1, false), (1, true), (2, true), (max_skips, false), (max_skips, true)] {
		ExtBuilder::default().runtime_bounds().build_and_execute(|| {
			let top = max_bid();
			let mut layout: Vec<(BasisPoints, Balance)> =
				(0..skips).map(|k| (top - k, UNREACHABLE)).collect();
			if fill {
				layout.push((1, 0));
			}
			let (f, s) = settle_and_count("skip levels", &layout);
			assert_eq!((f, s), (u32::from(fill), skips));
		});
	}
}

#[test]
fn small_settlements_never_touch_more_storage_than_they_reserved() {
	// Where the fixed part of the work weighs most: a few fills and skips, at one level or at
	// levels of their own, with and without a bid fee.
	let fill = |level| (level, 0);
	let skip = |level| (level, UNREACHABLE);
	let layouts: Vec<(&str, Vec<(BasisPoints, Balance)>)> = vec![
		("one fill without fee", vec![fill(0)]),
		("one fill with fee", vec![fill(7)]),
		("one skip", vec![skip(0)]),
		("a skip then a fill", vec![skip(9), fill(8)]),
		("fills at one level", vec![fill(3), fill(3), fill(3)]),
		("fills at levels of their own", vec![fill(3), fill(2), fill(1), fill(0)]),
		("skips then fills at one level", vec![skip(5), skip(5), fill(5), fill(5)]),
	];
	for (what, layout) in layouts {
		ExtBuilder::default().runtime_bounds().build_and_execute(|| {
			settle_and_count(what, &layout);
		});
	}
}

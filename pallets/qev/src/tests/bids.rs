//! Sealed bids: sealed to the beacon round at which the queue round closes, opened by the
//! chain with that round's pulse, cleared at one price. The mock follows the development
//! beacon, whose secret key the tests sign pulses with.

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::traits::ConstU32;

fn request(who: AccountId, dollars: Balance) -> TicketId {
	let id = NextTicketId::<Test>::get();
	assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), dollars * USD, 0));
	id
}

fn ticket(id: TicketId) -> Ticket<AccountId> {
	Tickets::<Test>::get(ticket_key(id)).unwrap()
}

fn commit(who: AccountId, id: TicketId, ciphertext: Vec<u8>) -> sp_runtime::DispatchResult {
	let ciphertext: BoundedVec<u8, ConstU32<256>> = ciphertext.try_into().unwrap();
	Qev::commit_bid(RuntimeOrigin::signed(who), id, sealed_round(), ciphertext)
}

/// The queue's ticket ids, head first.
fn queue() -> Vec<TicketId> {
	Queue::<Test>::iter_values().collect()
}

/// The void bids among the queue's events.
fn voids() -> Vec<(TicketId, VoidReason)> {
	qev_events()
		.into_iter()
		.filter_map(|e| match e {
			Event::BidVoid { ticket, reason, .. } => Some((ticket, reason)),
			_ => None,
		})
		.collect()
}

#[test]
fn sealed_bids_rank_the_queue_when_the_round_opens_and_all_winners_pay_one_price() {
	ExtBuilder::default().build_and_execute(|| {
		// The README's worked example: 100 sUSDai bid 3%, 300 bid 2%, 100 bid 0.5%.
		let a = request(ALICE, 100);
		let b = request(BOB, 300);
		let c = request(CHARLIE, 100);
		let d = request(DAVE, 100);
		let round = sealed_round();
		bid(ALICE, a, 300);
		bid(BOB, b, 200);
		bid(CHARLIE, c, 50);
		// Sealed: nothing moves until the round opens.
		assert_eq!(queue(), vec![a, b, c, d]);
		assert_eq!(SealedBids::<Test>::iter_prefix(round).count(), 3);
		close_round();
		// Bid value (shares × bid): Alice 30,000, Bob 60,000, Charlie 5,000; half of the
		// 95,000 is reached at Bob's bid, so the price is 2%. Alice and Bob bid at least that:
		// ranked at their bids, both paying 2%. Charlie bid less: his ticket keeps its place
		// and its fee.
		let events = qev_events();
		assert!(events.contains(&Event::RoundCleared {
			round,
			price_bps: 200,
			ranked: 2,
			outbid: 1
		}));
		assert_eq!(queue(), vec![a, b, c, d]);
		assert_eq!((ticket(a).level, ticket(a).fee_bps), (300, 200));
		assert_eq!((ticket(b).level, ticket(b).fee_bps), (200, 200));
		assert_eq!((ticket(c).level, ticket(c).fee_bps), (0, 0));
		assert!(SealedBids::<Test>::iter().next().is_none());
		assert!(PendingRounds::<Test>::get().is_empty());
		// Alice and Bob are paid at the round's price, not their bids: their fee is 2%.
		liquidity(1_000);
		next_block();
		let fills: Vec<_> = qev_events()
			.into_iter()
			.filter_map(|e| match e {
				Event::Filled { ticket, paid, fee, .. } => Some((ticket, paid, fee)),
				_ => None,
			})
			.collect();
		// MaxFillsPerBlock is 3: Dave waits.
		assert_eq!(fills.iter().map(|f| f.0).collect::<Vec<_>>(), vec![a, b, c]);
		for (id, paid, fee) in fills {
			let bps = match id {
				x if x == a || x == b => 200,
				_ => 0,
			};
			assert_eq!(fee, ((paid + fee) * bps).div_ceil(10_000), "ticket {id}");
		}
	});
}

#[test]
fn the_ranking_follows_the_bids_and_a_later_round_moves_a_ticket_again() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = [ALICE, BOB, CHARLIE, DAVE].iter().map(|w| request(*w, 10)).collect();
		// Equal shares, bids 100, 400, 200, 300: half the bid value is reached at 300, the
		// price; Bob (400) and Dave (300) win.
		for (id, bid_bps) in ids.iter().zip([100, 400, 200, 300]) {
			bid(ticket(*id).owner, *id, bid_bps);
		}
		close_round();
		assert_eq!(queue(), vec![ids[1], ids[3], ids[0], ids[2]]);
		assert_eq!(ticket(ids[1]).fee_bps, 300);
		// Next round Alice alone bids 500: a round of one clears at its bid.
		bid(ALICE, ids[0], 500);
		close_round();
		assert_eq!(queue(), vec![ids[0], ids[1], ids[3], ids[2]]);
		assert_eq!((ticket(ids[0]).level, ticket(ids[0]).fee_bps), (500, 500));
	});
}

#[test]
fn a_ciphertext_opens_for_its_own_ticket_owner_and_round_only() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		let c = request(CHARLIE, 10);
		let round = sealed_round();
		// Bob copies Alice's ciphertext onto his ticket; Charlie seals a bid that names Bob's.
		let alices = sealed(ALICE, a, 500).into_inner();
		assert_ok!(commit(ALICE, a, alices.clone()));
		assert_ok!(commit(BOB, b, alices));
		let for_b = BidPlaintext { ticket: b, owner: CHARLIE, round, bid_bps: 900 };
		assert_ok!(commit(CHARLIE, c, seal_bytes(round, &for_b.encode(), 9)));
		close_round();
		let mut void = voids();
		void.sort_by_key(|(id, _)| *id);
		assert_eq!(void, vec![(b, VoidReason::Mismatch), (c, VoidReason::Mismatch)]);
		assert_eq!(queue(), vec![a, b, c]);
		assert_eq!(ticket(a).level, 500);
		// A bid sealed to this round's key but naming another round opens to no bid either.
		let round = sealed_round();
		let stale = BidPlaintext { ticket: b, owner: BOB, round: round - ROUND_PERIOD, bid_bps: 1 };
		assert_ok!(commit(BOB, b, seal_bytes(round, &stale.encode(), 3)));
		close_round();
		assert_eq!(voids(), vec![(b, VoidReason::Mismatch)]);
	});
}

#[test]
fn garbage_and_bids_above_the_maximum_count_as_no_bid_and_say_why() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<_> = [ALICE, BOB, CHARLIE, DAVE].iter().map(|w| request(*w, 10)).collect();
		let round = sealed_round();
		// Random bytes are refused when sealed: their first 96 bytes are no point of G2.
		let random: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
		assert_noop!(commit(ALICE, ids[0], random), Error::<Test>::NotACiphertext);
		// A real ciphertext altered after its point; a ciphertext to the next round; not a
		// bid; a bid above MaxBidBps.
		let mut garbage = sealed(ALICE, ids[0], 100).into_inner();
		garbage[96..].iter_mut().for_each(|b| *b ^= 0x5a);
		assert_ok!(commit(ALICE, ids[0], garbage));
		let next = BidPlaintext { ticket: ids[1], owner: BOB, round, bid_bps: 10 };
		assert_ok!(commit(BOB, ids[1], seal_bytes(round + ROUND_PERIOD, &next.encode(), 1)));
		assert_ok!(commit(CHARLIE, ids[2], seal_bytes(round, b"twenty basis points", 2)));
		let high = BidPlaintext { ticket: ids[3], owner: DAVE, round, bid_bps: 1_001 };
		assert_ok!(commit(DAVE, ids[3], seal_bytes(round, &high.encode(), 3)));
		close_round();
		let mut void = voids();
		void.sort_by_key(|(id, _)| *id);
		assert_eq!(
			void,
			vec![
				(ids[0], VoidReason::Undecryptable),
				(ids[1], VoidReason::Undecryptable),
				(ids[2], VoidReason::NotABid),
				(ids[3], VoidReason::TooHigh),
			]
		);
		assert!(qev_events().is_empty());
		assert_eq!(queue(), ids);
		// A bid at the maximum is one.
		bid(DAVE, ids[3], 1_000);
		close_round();
		assert_eq!(ticket(ids[3]).level, 1_000);
	});
}

#[test]
fn a_ticket_that_changed_hands_or_ended_before_the_opening_has_no_bid() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		let c = request(CHARLIE, 10);
		bid(ALICE, a, 100);
		bid(BOB, b, 100);
		bid(CHARLIE, c, 100);
		assert_ok!(Qev::transfer_ticket(RuntimeOrigin::signed(ALICE), a, DAVE));
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(BOB), b));
		// Cancelled while bids are taken, Bob's bid left the round with his ticket; Alice's,
		// transferred, is still sealed and opens to no bid.
		assert_eq!(PendingRounds::<Test>::get()[0].1, 2);
		close_round();
		assert_eq!(voids(), vec![(a, VoidReason::TicketChanged)]);
		assert_eq!((ticket(c).level, ticket(c).fee_bps), (100, 100));
	});
}

#[test]
fn bids_are_taken_only_for_the_round_open_now_and_only_from_the_owner_of_a_waiting_ticket() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let round = sealed_round();
		let ct: BoundedVec<u8, ConstU32<256>> = sealed(ALICE, a, 10);
		let signed = RuntimeOrigin::signed;
		for wrong in [round - ROUND_PERIOD, round + ROUND_PERIOD, round + 1, 0] {
			assert_noop!(
				Qev::commit_bid(signed(ALICE), a, wrong, ct.clone()),
				Error::<Test>::WrongRound
			);
		}
		assert_noop!(Qev::commit_bid(signed(BOB), a, round, ct.clone()), Error::<Test>::NotOwner);
		assert_noop!(
			Qev::commit_bid(signed(ALICE), 9, round, ct.clone()),
			Error::<Test>::UnknownTicket
		);
		let short: BoundedVec<u8, ConstU32<256>> = vec![0u8; 159].try_into().unwrap();
		assert_noop!(
			Qev::commit_bid(signed(ALICE), a, round, short),
			Error::<Test>::NotACiphertext
		);
		// Filled in full: it no longer waits.
		liquidity(10);
		next_block();
		assert_noop!(Qev::commit_bid(signed(ALICE), a, round, ct), Error::<Test>::NotWaiting);
	});
}

#[test]
fn bidding_stops_before_the_pulse_is_due_and_nobody_can_open_a_round_early() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let round = sealed_round();
		// The last beacon round of bidding: `BidMargin` + 1 rounds before the close.
		at_beacon_round(round - BID_MARGIN - 1);
		assert_eq!(sealed_round(), round);
		bid(ALICE, a, 100);
		// The beacon refuses the round's pulse while bids are taken, even from a beacon that
		// can sign the future (as the development beacon can).
		let signature = usdai_timelock::sign(&beacon_secret(), round).unwrap().to_bytes();
		assert_noop!(
			Beacon::submit_pulse(RuntimeOrigin::none(), round, signature),
			pallet_beacon::Error::<Test>::NotWanted
		);
		// From `BidMargin` rounds before the close, bids go to the next round.
		at_beacon_round(round - BID_MARGIN);
		assert_eq!(sealed_round(), round + ROUND_PERIOD);
		let late: BoundedVec<u8, ConstU32<256>> = sealed(ALICE, a, 100);
		assert_noop!(
			Qev::commit_bid(RuntimeOrigin::signed(ALICE), a, round, late),
			Error::<Test>::WrongRound
		);
		assert_eq!(Beacon::wanted_rounds(), vec![round]);
		assert_ok!(Beacon::submit_pulse(RuntimeOrigin::none(), round, signature));
		assert!(Beacon::wanted_rounds().is_empty());
	});
}

#[test]
fn a_round_is_bounded_and_a_new_bid_replaces_the_tickets_last() {
	ExtBuilder::default().build_and_execute(|| {
		// MaxBidsPerRound is 4 here; MaxTicketsPerAccount 3.
		let ids: Vec<_> =
			[ALICE, ALICE, BOB, BOB, CHARLIE].iter().map(|w| request(*w, 10)).collect();
		for id in &ids[..4] {
			bid(ticket(*id).owner, *id, 100);
		}
		assert_noop!(
			commit(CHARLIE, ids[4], sealed(CHARLIE, ids[4], 100).into_inner()),
			Error::<Test>::RoundFull
		);
		// A ticket's second bid to the round replaces its first, taking no new place.
		bid(ALICE, ids[0], 700);
		assert_eq!(PendingRounds::<Test>::get().to_vec(), vec![(sealed_round(), 4)]);
		close_round();
		assert_eq!(ticket(ids[0]).level, 700);
	});
}

#[test]
fn a_round_whose_pulse_never_comes_lapses_and_the_queue_keeps_its_order() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		let first = sealed_round();
		bid(BOB, b, 300);
		// Three rounds bid for and no pulse: MaxPendingRounds (3) are pending, a fourth is
		// refused until the beacon catches up or the first lapses.
		for _ in 0..2 {
			at_beacon_round(sealed_round());
			next_block();
			bid(BOB, b, 300);
		}
		at_beacon_round(sealed_round());
		assert_noop!(
			commit(BOB, b, sealed(BOB, b, 300).into_inner()),
			Error::<Test>::TooManyPendingRounds
		);
		assert_eq!(Beacon::wanted_rounds().len(), 3);
		// `PulseTimeout` rounds after the first closed, its bids lapse unopened.
		at_beacon_round(first + PULSE_TIMEOUT);
		next_block();
		assert!(voids().is_empty());
		at_beacon_round(first + PULSE_TIMEOUT + 1);
		next_block();
		next_block();
		assert_eq!(voids(), vec![(b, VoidReason::NoPulse)]);
		assert!(PendingRounds::<Test>::get().iter().all(|(r, _)| *r != first));
		assert_eq!(queue(), vec![a, b]);
		// The pulse arriving late is no longer wanted.
		let late = usdai_timelock::sign(&beacon_secret(), first).unwrap().to_bytes();
		assert_noop!(
			Beacon::submit_pulse(RuntimeOrigin::none(), first, late),
			pallet_beacon::Error::<Test>::NotWanted
		);
		// The next round's pulse comes: its bid ranks Bob.
		let second = PendingRounds::<Test>::get()[0].0;
		publish(second);
		while PendingRounds::<Test>::get().iter().any(|(r, _)| *r == second) {
			next_block();
		}
		assert_eq!(queue(), vec![b, a]);
	});
}

#[test]
fn a_round_is_opened_a_batch_a_block_and_the_queue_moves_only_when_all_are_open() {
	ExtBuilder::default().build_and_execute(|| {
		// MaxOpensPerBlock is 2: four bids open over two blocks, then clear in a third.
		let ids: Vec<_> = [ALICE, BOB, CHARLIE, DAVE].iter().map(|w| request(*w, 10)).collect();
		for id in &ids {
			bid(ticket(*id).owner, *id, 100 + *id as u32);
		}
		let round = sealed_round();
		at_beacon_round(round);
		publish(round);
		let opened = |events: &[Event<Test>]| {
			events.iter().filter(|e| matches!(e, Event::BidOpened { .. })).count()
		};
		next_block();
		assert_eq!(opened(&qev_events()), 2);
		assert_eq!(queue(), ids);
		next_block();
		assert_eq!(opened(&qev_events()), 2);
		assert_eq!(queue(), ids);
		next_block();
		let events = qev_events();
		assert!(events.iter().any(|e| matches!(e, Event::RoundCleared { ranked: 2, .. })));
		assert_eq!(queue(), vec![ids[3], ids[2], ids[0], ids[1]]);
	});
}

#[test]
fn the_price_is_the_value_weighted_median_bid() {
	let p = Qev::clearing_price;
	assert_eq!(p(&[]), 0);
	assert_eq!(p(&[(0, 500)]), 0);
	assert_eq!(p(&[(5, 0), (7, 0)]), 0);
	assert_eq!(p(&[(5, 300)]), 300);
	// Half of 201 is first reached at 101.
	assert_eq!(p(&[(1, 100), (1, 101)]), 101);
	// Exactly half at the top bid: it sets the price.
	assert_eq!(p(&[(1, 200), (2, 100)]), 200);
	// Any number of zero bids weighs nothing: a whale's huge bid of zero moves no price.
	assert_eq!(p(&[(1_000_000_000 * USD, 0), (100 * USD, 300), (USD, 50)]), 300);
	// Dust weighs as little as its value.
	assert_eq!(p(&[(1_000_000 * USD, 500), (USD, 1)]), 500);
	// Pulling the price down takes low bids worth half the round's value: 1,000,000 shares at
	// 0.01% against 100 at 3%. They win at that price, and pay it.
	assert_eq!(p(&[(100 * USD, 300), (1_000_000 * USD, 1)]), 1);
	// Order does not matter; no overflow at the largest balances.
	assert_eq!(p(&[(1, 101), (1, 100)]), 101);
	assert_eq!(p(&[(Balance::MAX, 1_000), (Balance::MAX, 1)]), 1_000);
}

#[test]
fn a_bid_binds_from_its_rounds_close_and_a_winning_bid_until_filled() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		let c = request(CHARLIE, 10);
		bid(ALICE, a, 300);
		bid(BOB, b, 100);
		// While bids are taken the owner may still cancel or transfer (the bid then lapses).
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(CHARLIE), c));
		let round = sealed_round();
		// Once bidding has stopped, and while the round is opened, the bid binds: everyone can
		// read the bids from the pulse on, and nobody may withdraw theirs after seeing them.
		at_beacon_round(round - BID_MARGIN);
		for id in [a, b] {
			let owner = ticket(id).owner;
			assert_noop!(Qev::cancel(RuntimeOrigin::signed(owner), id), Error::<Test>::BidPending);
			assert_noop!(
				Qev::transfer_ticket(RuntimeOrigin::signed(owner), id, DAVE),
				Error::<Test>::BidPending
			);
		}
		at_beacon_round(round);
		publish(round);
		next_block();
		assert_eq!(OpenedBids::<Test>::decode_len(), Some(2));
		assert_noop!(Qev::cancel(RuntimeOrigin::signed(ALICE), a), Error::<Test>::BidPending);
		next_block();
		assert!(PendingRounds::<Test>::get().is_empty());
		// Alice won (price 3%: her bid holds three quarters of the value); her bid binds until
		// her ticket is filled. She may still give it away. Bob lost and may leave.
		assert_eq!(ticket(a).fee_bps, 300);
		assert_noop!(Qev::cancel(RuntimeOrigin::signed(ALICE), a), Error::<Test>::BidWon);
		assert_ok!(Qev::transfer_ticket(RuntimeOrigin::signed(ALICE), a, DAVE));
		assert_noop!(Qev::cancel(RuntimeOrigin::signed(DAVE), a), Error::<Test>::BidWon);
		assert_ok!(Qev::cancel(RuntimeOrigin::signed(BOB), b));
	});
}

#[test]
fn a_point_of_the_wrong_group_is_refused_when_sealed() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let mut ct = sealed(ALICE, a, 100).into_inner();
		// Not a point at all, or the identity.
		for first in [0xff, 0xc0] {
			let mut bad = ct.clone();
			bad[0] = first;
			bad[1..96].fill(0);
			assert_noop!(commit(ALICE, a, bad), Error::<Test>::NotACiphertext);
		}
		ct.truncate(usdai_timelock::ENVELOPE_LEN - 1);
		assert_noop!(commit(ALICE, a, ct), Error::<Test>::NotACiphertext);
	});
}

#[test]
fn a_ticket_stored_before_sealed_bids_pays_its_level() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let mut t = ticket(a);
		t.level = 0;
		t.fee_bps = 0;
		// The layout of storage version 0: no `fee_bps` at the end.
		let mut old = t.encode();
		old.truncate(old.len() - 4);
		let decoded = <Ticket<AccountId> as codec::Decode>::decode(&mut &old[..]).unwrap();
		assert_eq!(decoded.fee_bps, decoded.level);
		assert_eq!(decoded.claimable, t.claimable);
		// The present layout round-trips.
		let mut with_fee = t.clone();
		with_fee.level = 400;
		with_fee.fee_bps = 250;
		let bytes = with_fee.encode();
		assert_eq!(
			<Ticket<AccountId> as codec::Decode>::decode(&mut &bytes[..]).unwrap(),
			with_fee
		);
	});
}

#[test]
fn without_a_beacon_nothing_is_sealed() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let round = sealed_round();
		let ct = sealed(ALICE, a, 100);
		pallet_beacon::Beacon::<Test>::kill();
		assert!(Qev::sealed_round().is_none());
		assert_noop!(
			Qev::commit_bid(RuntimeOrigin::signed(ALICE), a, round, ct),
			Error::<Test>::NoBeacon
		);
	});
}

#[test]
fn a_ticket_that_ends_while_bids_are_taken_gives_its_place_in_the_round_back() {
	ExtBuilder::default().build_and_execute(|| {
		// MaxBidsPerRound is 4. Without this, one holder could fill a round by requesting,
		// bidding and cancelling again and again with the same shares.
		let round = sealed_round();
		for _ in 0..6 {
			let id = request(ALICE, 10);
			bid(ALICE, id, 100);
			assert_ok!(Qev::cancel(RuntimeOrigin::signed(ALICE), id));
			assert!(!SealedBids::<Test>::contains_key(round, id));
		}
		assert!(PendingRounds::<Test>::get().is_empty());
		// Others still find the round open to them.
		let ids: Vec<_> = [BOB, CHARLIE, DAVE, BOB].iter().map(|w| request(*w, 10)).collect();
		for id in &ids {
			bid(ticket(*id).owner, *id, 100);
		}
		assert_eq!(PendingRounds::<Test>::get().to_vec(), vec![(round, 4)]);
		// A ticket filled in full and claimed before the close gives its place back too.
		liquidity(10);
		next_block();
		let filled = ids[0];
		assert!(!Tickets::<Test>::get(ticket_key(filled)).unwrap().is_waiting());
		assert_ok!(Qev::claim(RuntimeOrigin::signed(BOB), filled));
		assert_eq!(PendingRounds::<Test>::get().to_vec(), vec![(round, 3)]);
		assert!(!SealedBids::<Test>::contains_key(round, filled));
	});
}

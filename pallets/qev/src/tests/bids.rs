//! Sealed bids: commit, reveal, re-ranking at the round's close.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};

const SALT: [u8; 32] = [7; 32];

fn request(who: AccountId, dollars: Balance) -> TicketId {
	let id = NextTicketId::<Test>::get();
	assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), dollars * USD, 0));
	id
}

fn commit(who: AccountId, ticket: TicketId, bid: u32) {
	let hash = Qev::commitment(ticket, bid, SALT, &who);
	assert_ok!(Qev::commit_bid(RuntimeOrigin::signed(who), ticket, hash));
}

/// The first block of the reveal window of the current round.
fn to_reveal() {
	let round = System::block_number() / ROUND;
	run_to(round * ROUND + COMMIT);
}

/// The first block of the next round.
fn to_next_round() {
	let round = System::block_number() / ROUND;
	run_to((round + 1) * ROUND);
}

#[test]
fn a_revealed_bid_reorders_only_when_the_round_closes() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 100);
		let b = request(BOB, 100);
		commit(BOB, b, 500);
		to_reveal();
		assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 500, SALT));
		// Still FIFO until the round closes.
		assert_eq!(Queue::<Test>::iter_values().next(), Some(a));
		to_next_round();
		assert_eq!(Queue::<Test>::iter_values().next(), Some(b));
		assert_eq!(Tickets::<Test>::get(ticket_key(b)).unwrap().level, 500);
		assert_eq!(Levels::<Test>::get(500), LevelTotals { tickets: 1, shares: 100 * USD });
		assert!(qev_events().contains(&Event::RoundClosed { round: 0, moved: 1 }));
		// The bidder is served first and pays its bid.
		liquidity(95);
		next_block();
		assert_ok!(Qev::claim(RuntimeOrigin::signed(BOB), b));
		assert_eq!(usdai_of(BOB), 95 * USD);
		assert!(waiting(a));
	});
}

#[test]
fn within_a_level_the_earlier_request_goes_first() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		let c = request(CHARLIE, 10);
		// C bids first, A later: both at 1%; A asked earlier, so A leads the level.
		commit(CHARLIE, c, 100);
		commit(ALICE, a, 100);
		to_reveal();
		assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(CHARLIE), c, 100, SALT));
		assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(ALICE), a, 100, SALT));
		to_next_round();
		let order: Vec<TicketId> = Queue::<Test>::iter_values().collect();
		assert_eq!(order, vec![a, c, b]);
	});
}

#[test]
fn an_unrevealed_commitment_is_no_bid() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		commit(BOB, b, 1_000);
		to_next_round();
		assert_eq!(Tickets::<Test>::get(ticket_key(b)).unwrap().level, 0);
		assert_eq!(Queue::<Test>::iter_values().next(), Some(a));
		// And it cannot be revealed in a later round.
		to_reveal();
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 1_000, SALT),
			Error::<Test>::NotRevealWindow
		);
	});
}

#[test]
fn bad_commits_and_reveals_fail_and_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let b = request(BOB, 10);
		let hash = Qev::commitment(b, 500, SALT, &BOB);
		assert_noop!(
			Qev::commit_bid(RuntimeOrigin::signed(ALICE), b, hash),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Qev::commit_bid(RuntimeOrigin::signed(BOB), 9, hash),
			Error::<Test>::UnknownTicket
		);
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 500, SALT),
			Error::<Test>::NoCommitment
		);
		commit(BOB, b, 500);
		// Not yet the reveal window.
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 500, SALT),
			Error::<Test>::NotRevealWindow
		);
		to_reveal();
		assert_noop!(
			Qev::commit_bid(RuntimeOrigin::signed(BOB), b, hash),
			Error::<Test>::NotCommitWindow
		);
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 500, [8; 32]),
			Error::<Test>::WrongReveal
		);
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 400, SALT),
			Error::<Test>::WrongReveal
		);
		let high = Qev::commitment(b, 1_001, SALT, &BOB);
		Commitments::<Test>::insert(b, (0, high));
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 1_001, SALT),
			Error::<Test>::BidTooHigh
		);
	});
}

#[test]
fn a_transfer_drops_the_pending_commitment() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		commit(ALICE, a, 500);
		assert_ok!(Qev::transfer_ticket(RuntimeOrigin::signed(ALICE), a, BOB));
		assert!(Commitments::<Test>::get(a).is_none());
	});
}

#[test]
fn reveals_per_round_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<TicketId> =
			[ALICE, BOB, CHARLIE, DAVE, ALICE].iter().map(|w| request(*w, 10)).collect();
		let owners = [ALICE, BOB, CHARLIE, DAVE, ALICE];
		for (id, who) in ids.iter().zip(owners) {
			commit(who, *id, 100);
		}
		to_reveal();
		for (id, who) in ids.iter().zip(owners).take(4) {
			assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(who), *id, 100, SALT));
		}
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(ALICE), ids[4], 100, SALT),
			Error::<Test>::TooManyReveals
		);
	});
}

#[test]
fn a_ticket_filled_in_full_cannot_be_bid_for_and_leaves_the_reveals_alone() {
	ExtBuilder::default().build_and_execute(|| {
		let a = request(ALICE, 10);
		let b = request(BOB, 10);
		commit(ALICE, a, 300);
		commit(BOB, b, 300);
		to_reveal();
		assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(ALICE), a, 300, SALT));
		// A fills before its reveal takes effect; B cannot reveal for a filled ticket.
		liquidity(20);
		next_block();
		assert!(!waiting(a) && !waiting(b));
		assert_noop!(
			Qev::reveal_bid(RuntimeOrigin::signed(BOB), b, 300, SALT),
			Error::<Test>::NotWaiting
		);
		to_next_round();
		// The round closes without putting A back in line.
		assert!(qev_events().contains(&Event::RoundClosed { round: 0, moved: 0 }));
		assert!(!waiting(a));
		assert_eq!(Levels::<Test>::get(300), LevelTotals::default());
		let hash = Qev::commitment(a, 100, SALT, &ALICE);
		assert_noop!(
			Qev::commit_bid(RuntimeOrigin::signed(ALICE), a, hash),
			Error::<Test>::NotWaiting
		);
		// Claiming ends the ticket and its stale commitment.
		assert_ok!(Qev::claim(RuntimeOrigin::signed(BOB), b));
		assert!(Commitments::<Test>::get(b).is_none());
	});
}

#[test]
fn a_full_round_of_reveals_gives_way_to_a_higher_bid() {
	ExtBuilder::default().build_and_execute(|| {
		// Someone fills the round's four reveals (MaxRevealsPerRound) with the lowest bids.
		let owners = [ALICE, BOB, CHARLIE, DAVE];
		let cheap: Vec<TicketId> = owners.iter().map(|w| request(*w, 10)).collect();
		let honest = request(BOB, 10);
		for (id, who) in cheap.iter().zip(owners) {
			commit(who, *id, 1);
		}
		commit(BOB, honest, 100);
		to_reveal();
		for (id, who) in cheap.iter().zip(owners) {
			assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(who), *id, 1, SALT));
		}
		// A higher bid still gets its place: the latest of the lowest gives way.
		qev_events();
		assert_ok!(Qev::reveal_bid(RuntimeOrigin::signed(BOB), honest, 100, SALT));
		let round = System::block_number() / ROUND;
		assert_eq!(
			qev_events(),
			vec![
				Event::BidDisplaced { ticket: cheap[3], round },
				Event::BidRevealed { ticket: honest, round, bid_bps: 100 }
			]
		);
		to_next_round();
		assert_eq!(Tickets::<Test>::get(ticket_key(honest)).unwrap().level, 100);
		assert_eq!(Tickets::<Test>::get(ticket_key(cheap[3])).unwrap().level, 0);
		assert_eq!(Tickets::<Test>::get(ticket_key(cheap[0])).unwrap().level, 1);
	});
}

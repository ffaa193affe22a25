//! `QevApi`: a ticket's place in line and the queue summary.

use crate::{mock::*, *};
use frame_support::assert_ok;

#[test]
fn a_ticket_knows_its_position_and_the_shares_ahead() {
	ExtBuilder::default().build_and_execute(|| {
		for (who, dollars) in [(ALICE, 100), (BOB, 50), (CHARLIE, 20)] {
			assert_ok!(Qev::request_redemption(RuntimeOrigin::signed(who), dollars * USD, 0));
		}
		let view = Qev::ticket_view(2).unwrap();
		assert_eq!((view.position, view.shares_ahead), (Some(3), 150 * USD));
		// No liquidity: nothing would be paid now.
		assert_eq!(view.expected_fill_now, 0);
		liquidity(160);
		let view = Qev::ticket_view(2).unwrap();
		// 150 go to those ahead, 10 of Charlie's 20 would be paid now.
		assert_eq!(view.expected_fill_now, 10 * USD);
		// MaxFillsPerBlock is 3: the first block reaches it.
		assert_eq!(view.blocks_by_bound, 0);
		assert!(Qev::ticket_view(9).is_none());

		let summary = Qev::queue_summary();
		assert_eq!((summary.tickets, summary.shares), (3, 170 * USD));
		assert_eq!(summary.levels, vec![(0, LevelTotals { tickets: 3, shares: 170 * USD })]);
		assert_eq!(summary.liquidity, 160 * USD);
		let open = summary.sealed_round.unwrap();
		assert_eq!((open.round, open.bids), (sealed_round(), 0));
		assert_eq!(open.closes_at, BEACON_GENESIS + (open.round - 1) * BEACON_PERIOD);
		assert_eq!(open.bids_until, open.closes_at - BID_MARGIN * BEACON_PERIOD);
		assert!(summary.pending_rounds.is_empty());
		assert_eq!(summary.opening, None);

		// Filled in full: out of line, holding what it was paid.
		next_block();
		let view = Qev::ticket_view(0).unwrap();
		assert_eq!(view.position, None);
		assert_eq!(view.ticket.claimable, 100 * USD);
		assert_eq!(Qev::ticket_view(2).unwrap().position, Some(1));
	});
}

//! The deadline list and the hook that processes it: a deadline whose work fails (opening the
//! auction, settling a round) keeps its place and is retried a day later, or sooner by anyone.

use super::{
	auction::{at_auction, defaulted, ENDS, OPENS},
	default::DEFAULTABLE,
};
use crate::{mock::*, *};
use frame_support::assert_ok;

#[test]
fn a_failed_auction_start_keeps_its_deadline_and_is_retried_a_day_later() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = defaulted();
		run_to(OPENS - 1);
		let params = Params::<Test>::get().unwrap();
		// The hook's work fails (here: no parameters to read).
		Params::<Test>::kill();
		run_to(OPENS);
		Params::<Test>::put(params);
		assert_eq!(
			Loans::<Test>::get(id).unwrap().status,
			LoanStatus::Defaulted { cure_deadline: DEFAULTABLE + 14 * DAY }
		);
		assert_eq!(Deadlines::<Test>::get().to_vec(), vec![(OPENS + DAY, id)]);
		Filo::do_try_state().unwrap();
		run_to(OPENS + DAY);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		assert_eq!(Auctions::<Test>::get(id).unwrap().end, OPENS + DAY + 3 * DAY);
	});
}

#[test]
fn a_failed_round_end_keeps_its_deadline_and_anyone_may_settle() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, id) = at_auction();
		assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, 400_000 * USD));
		run_to(ENDS);
		let params = Params::<Test>::get().unwrap();
		Params::<Test>::kill();
		run_to(ENDS + 1);
		Params::<Test>::put(params);
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Auction);
		assert_eq!(Deadlines::<Test>::get().to_vec(), vec![(ENDS + 1 + DAY, id)]);
		assert_ok!(Filo::settle_auction(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(Loans::<Test>::get(id).unwrap().status, LoanStatus::Liquidated);
		assert!(Deadlines::<Test>::get().is_empty());
	});
}

//! What FiLo's calls are to pallets/guard (`governance_class.rs`): each governance call in both
//! directions where it depends on the state, the other calls `None`, and classifying writes
//! nothing.

use crate::{mock::*, Call, FiloParams, NextStackId, Params, StackCaps};
use frame_support::assert_ok;
use sp_runtime::StateVersion;
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

const LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Parameters));
const RAISING: Option<Classification> = Some(Classification::raising(Domain::Parameters));

/// `call`'s classification; fails if classifying it changed the storage.
fn class(call: Call<Test>) -> Option<Classification> {
	let before = sp_io::storage::root(StateVersion::V1);
	let class = call.classify();
	assert_eq!(sp_io::storage::root(StateVersion::V1), before, "classify wrote to storage");
	class
}

fn set_params(change: impl FnOnce(&mut FiloParams<u64>)) -> Option<Classification> {
	let mut params = params();
	change(&mut params);
	class(Call::<Test>::set_params { params })
}

fn set_stack_cap(stack: StackId, cap: Option<Balance>) -> Option<Classification> {
	class(Call::<Test>::set_stack_cap { stack, cap })
}

#[test]
fn curators_borrowers_and_bidders_calls_are_not_governance_calls() {
	ExtBuilder::default().build_and_execute(|| {
		let stack = stack(1_000);
		let loan = 0;
		let amount = USD;
		let user_calls = [
			Call::<Test>::open_stack { first_loss: amount, terms: terms() },
			Call::<Test>::add_first_loss { stack, amount },
			Call::<Test>::withdraw_first_loss { stack, amount },
			Call::<Test>::propose_loan {
				stack,
				borrower: BORROWER,
				receipts: Default::default(),
				principal: amount,
				apr_bps: 1_000,
				periods: 12,
			},
			Call::<Test>::cancel_proposal { loan },
			Call::<Test>::accept_loan { loan },
			Call::<Test>::repay { loan, amount },
			Call::<Test>::declare_default { loan },
			Call::<Test>::cure { loan },
			Call::<Test>::bid { loan, amount },
			Call::<Test>::settle_auction { loan },
			Call::<Test>::start_auction { loan },
			Call::<Test>::take_collateral { loan },
		];
		for call in user_calls {
			assert_eq!(class(call), None);
		}
	});
}

#[test]
fn registering_a_curator_raises_and_removing_one_lowers() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(
			class(Call::<Test>::register_curator { curator: ANYONE }),
			Some(Classification::raising(Domain::Registry))
		);
		assert_eq!(
			class(Call::<Test>::remove_curator { curator: CURATOR }),
			Some(Classification::lowering(Domain::Registry))
		);
	});
}

#[test]
fn parameters_lower_only_when_tighter_and_the_rest_unchanged() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(set_params(|_| {}), LOWERING);
		assert_eq!(
			set_params(|p| {
				p.max_ltv_bps = 5_000;
				p.min_first_loss_bps = 2_000;
				p.proposal_blocks = 3 * DAY;
			}),
			LOWERING
		);
		assert_eq!(set_params(|p| p.max_ltv_bps -= 1), LOWERING);
		assert_eq!(set_params(|p| p.max_ltv_bps += 1), RAISING);
		assert_eq!(set_params(|p| p.min_first_loss_bps += 1), LOWERING);
		assert_eq!(set_params(|p| p.min_first_loss_bps -= 1), RAISING);
		assert_eq!(set_params(|p| p.proposal_blocks -= 1), LOWERING);
		assert_eq!(set_params(|p| p.proposal_blocks += 1), RAISING);
		// A tighter field does not make up for a looser one.
		assert_eq!(
			set_params(|p| {
				p.max_ltv_bps = 5_000;
				p.min_first_loss_bps -= 1;
			}),
			RAISING
		);
		// The fields without a safer direction raise whichever way they move.
		let unordered: [fn(&mut FiloParams<u64>, bool); 13] = [
			|p, up| p.min_curator_fee_bps = step(p.min_curator_fee_bps, up),
			|p, up| p.max_curator_fee_bps = step(p.max_curator_fee_bps, up),
			|p, up| p.period_blocks = step64(p.period_blocks, up),
			|p, up| p.grace_blocks = step64(p.grace_blocks, up),
			|p, up| p.penalty_apr_bps = step(p.penalty_apr_bps, up),
			|p, up| p.cure_blocks = step64(p.cure_blocks, up),
			|p, up| p.auction_blocks = step64(p.auction_blocks, up),
			|p, up| p.extension_blocks = step64(p.extension_blocks, up),
			|p, up| p.auction_fee_bps = step(p.auction_fee_bps, up),
			|p, up| p.reserve_bps = step(p.reserve_bps, up),
			|p, up| p.reserve_step_bps = step(p.reserve_step_bps, up),
			|p, up| p.reserve_floor_bps = step(p.reserve_floor_bps, up),
			|p, up| p.min_increment_bps = step(p.min_increment_bps, up),
		];
		for (i, change) in unordered.iter().enumerate() {
			for up in [true, false] {
				assert_eq!(set_params(|p| change(p, up)), RAISING, "field {i}, up: {up}");
			}
		}
	});
}

fn step(value: u32, up: bool) -> u32 {
	if up {
		value + 1
	} else {
		value - 1
	}
}

fn step64(value: u64, up: bool) -> u64 {
	if up {
		value + 1
	} else {
		value - 1
	}
}

#[test]
fn the_first_parameters_raise() {
	ExtBuilder::default().build_and_execute(|| {
		// Without parameters nothing can be lent: any parameters open lending.
		Params::<Test>::kill();
		assert_eq!(set_params(|_| {}), RAISING);
		assert_eq!(set_params(|p| p.max_ltv_bps = 1), RAISING);
		Params::<Test>::put(params());
	});
}

#[test]
fn a_stack_cap_lowers_only_when_it_can_only_lend_less() {
	ExtBuilder::default().build_and_execute(|| {
		// A stack with a 10M cap.
		let capped = stack(1_000);
		let cap = 10_000_000 * USD;
		assert_eq!(set_stack_cap(capped, Some(cap)), LOWERING);
		assert_eq!(set_stack_cap(capped, Some(cap - 1)), LOWERING);
		assert_eq!(set_stack_cap(capped, Some(0)), LOWERING);
		assert_eq!(set_stack_cap(capped, Some(cap + 1)), RAISING);
		// Without a cap the stack is unbounded by governance once the gauges are live.
		assert_eq!(set_stack_cap(capped, None), RAISING);

		// A stack without a cap may not lend while the caps alone grant capacity.
		let uncapped = NextStackId::<Test>::get();
		assert_ok!(Filo::open_stack(RuntimeOrigin::signed(CURATOR), 1_000 * USD, terms()));
		assert_eq!(StackCaps::<Test>::get(uncapped), None);
		assert_eq!(set_stack_cap(uncapped, Some(1)), RAISING);
		assert_eq!(set_stack_cap(uncapped, Some(cap)), RAISING);
		assert_eq!(set_stack_cap(uncapped, Some(0)), LOWERING);
		assert_eq!(set_stack_cap(uncapped, None), LOWERING);
	});
}

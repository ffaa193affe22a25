//! Random sequences of locks, votes, bribes and claims keep every invariant, and claims never
//! pay out more than the pots.

use crate::{mock::*, *};
use frame_support::{
	assert_ok,
	traits::{fungible::InspectHold, Hooks},
};
use proptest::prelude::*;
use sp_runtime::Perbill;
use usdai_primitives::capacity::Capacity;

#[derive(Clone, Debug)]
enum Op {
	Lock { who: u8, amount: u32, duration: u8 },
	Extend { who: u8, index: u8, duration: u8 },
	Unlock { who: u8 },
	Vote { who: u8, votes: Vec<(u8, u8)> },
	Bribe { stack: u8, ahead: u8, amount: u32 },
	ClaimBribes { who: u8, back: u8, stack: u8 },
	ClaimFees { who: u8 },
	Fees { amount: u32 },
	Blocks { n: u8 },
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (0..4u8, 10..5_000u32, 19..110u8).prop_map(|(who, amount, duration)| Op::Lock {
			who,
			amount,
			duration
		}),
		1 => (0..4u8, 0..3u8, 0..110u8).prop_map(|(who, index, duration)| Op::Extend {
			who,
			index,
			duration
		}),
		1 => (0..4u8).prop_map(|who| Op::Unlock { who }),
		4 => (0..4u8, prop::collection::btree_map(1..6u8, 1..34u8, 0..4))
			.prop_map(|(who, votes)| Op::Vote { who, votes: votes.into_iter().collect() }),
		2 => (1..6u8, 1..5u8, 1..10_000u32).prop_map(|(stack, ahead, amount)| Op::Bribe {
			stack,
			ahead,
			amount
		}),
		2 => (0..4u8, 0..6u8, 1..6u8).prop_map(|(who, back, stack)| Op::ClaimBribes {
			who,
			back,
			stack
		}),
		1 => (0..4u8).prop_map(|who| Op::ClaimFees { who }),
		1 => (1..10_000u32).prop_map(|amount| Op::Fees { amount }),
		2 => (1..25u8).prop_map(|n| Op::Blocks { n }),
	]
}

fn account(who: u8) -> AccountId {
	[ALICE, BOB, CHARLIE, DAVE][usize::from(who)]
}

fn apply(op: Op) {
	let now = System::block_number();
	let epoch = Gauges::current_epoch();
	// Calls may fail (bad inputs are part of the sequence); a failed call changes nothing.
	let _ = match op {
		Op::Lock { who, amount, duration } => {
			Gauges::lock(RuntimeOrigin::signed(account(who)), amount.into(), duration.into())
		},
		Op::Extend { who, index, duration } => {
			Gauges::extend_lock(RuntimeOrigin::signed(account(who)), index.into(), duration.into())
		},
		Op::Unlock { who } => Gauges::unlock(RuntimeOrigin::signed(account(who))),
		Op::Vote { who, votes } => {
			let votes: Vec<Vote> = votes
				.into_iter()
				.map(|(s, p)| (StackId::from(s), Perbill::from_percent(p.into())))
				.collect();
			Gauges::vote(RuntimeOrigin::signed(account(who)), votes.try_into().unwrap())
		},
		Op::Bribe { stack, ahead, amount } => Gauges::add_bribe(
			RuntimeOrigin::signed(BRIBER),
			stack.into(),
			epoch + u32::from(ahead),
			BRIBE,
			amount.into(),
		),
		Op::ClaimBribes { who, back, stack } => Gauges::claim_bribes(
			RuntimeOrigin::signed(account(who)),
			epoch.saturating_sub(back.into()),
			stack.into(),
		),
		Op::ClaimFees { who } => Gauges::claim_fees(RuntimeOrigin::signed(account(who))),
		Op::Fees { amount } => {
			accrue_fees(amount.into());
			Ok(())
		},
		Op::Blocks { n } => {
			run_to(now + u64::from(n));
			Ok(())
		},
	};
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

	#[test]
	fn random_sequences_keep_the_invariants(ops in prop::collection::vec(op(), 1..80)) {
		ExtBuilder::default().build_and_execute(|| {
			for op in ops {
				apply(op);
				Gauges::do_try_state().unwrap();
			}
			// Claim everything claimable: the pots cover it.
			run_to(System::block_number() + 2 * EPOCH);
			Gauges::on_initialize(System::block_number());
			let last = LastTallied::<Test>::get();
			for who in 0..4u8 {
				for e in 0..=last {
					for stack in 1..6 {
						let _ = Gauges::claim_bribes(RuntimeOrigin::signed(account(who)), e, stack);
					}
				}
				while Gauges::claim_fees(RuntimeOrigin::signed(account(who))).is_ok() {}
				let held = Balances::balance_on_hold(
					&RuntimeHoldReason::Gauges(HoldReason::Lock),
					&account(who),
				);
				assert_eq!(Some(held), Gauges::latest_position(&account(who)).map(|(_, p)| p.locked().unwrap()).or(Some(0)));
			}
			for (_, _, pots) in BribePots::<Test>::iter() {
				for pot in pots {
					assert!(pot.claimed <= pot.amount);
				}
			}
			for (_, pot) in EpochFees::<Test>::iter() {
				assert!(pot.claimed <= pot.amount);
			}
		});
	}
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

	/// Under random votes, locks, decay and caps: below the quorum the caps alone decide; at
	/// or above it no stack gets more than its cap or the max share, only voted stacks lend,
	/// and together they never lend more than the capital.
	#[test]
	fn capacity_stays_within_the_quorum_the_caps_and_the_max_share(
		ops in prop::collection::vec(op(), 1..60),
		quorum in 1..3_000u128,
		share in 1..=100u32,
		caps in prop::collection::vec(prop::option::of(0..600_000u128), 5),
	) {
		ExtBuilder::default().build_and_execute(|| {
			assert_ok!(Gauges::set_capacity_quorum(RuntimeOrigin::root(), quorum));
			let share = Perbill::from_percent(share);
			assert_ok!(Gauges::set_max_stack_share(RuntimeOrigin::root(), share));
			for (stack, cap) in (1..).zip(caps) {
				set_cap(stack, cap);
			}
			for op in ops {
				apply(op);
				let epoch = LastTallied::<Test>::get();
				let voted = VotedPower::<Test>::get(epoch);
				let live = Gauges::is_live();
				// Raw power is ten times voting power in the mock.
				assert_eq!(live, voted > 0 && voted >= quorum * 10);
				let capital = Capital::get();
				let mut sum: Balance = 0;
				for stack in 1..6 {
					let got = <GaugedCapacity<Test, MockCaps> as Capacity>::capacity(stack);
					let cap = <MockCaps as Capacity>::capacity(stack);
					if !live {
						assert_eq!(got, cap);
						continue;
					}
					let Some(got) = got else { continue };
					assert!(GaugeWeights::<Test>::get(epoch, stack) > 0);
					assert!(got <= share.mul_floor(capital));
					assert!(cap.is_none_or(|cap| got <= cap));
					sum += got;
				}
				assert!(sum <= capital);
			}
		});
	}
}

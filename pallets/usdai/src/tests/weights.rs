//! The weights against the storage the calls and hooks really touch. Each test drives a call (or
//! a hook) in its worst case at the runtime's bounds, counts the distinct keys it reads and
//! writes as the benchmarks' database tracker does (a key's first access; whitelisted keys
//! aside), and checks that the database part of the weight charged covers them at
//! `RocksDbWeight`.

use crate::{mock::*, weights::SubstrateWeight, *};
use frame_support::{
	assert_ok,
	traits::{Hooks, WhitelistedStorageKeys},
	weights::Weight,
};
use usdai_primitives::{vault::LendingVault, Balance};
use usdai_test_support::assert_covered;

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	usdai_test_support::count_accesses(AllPalletsWithSystem::whitelisted_storage_keys(), f)
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Starts the next block: the calls measured then make its first USDai or sUSDai debit.
fn next_block() {
	run_to_block(System::block_number() + 1);
}

fn max_pending() -> u32 {
	<Test as Config>::MaxPointsPendingPerBlock::get()
}

/// `n` accounts that hold USDai and sUSDai and have a points record, paid by Alice (who deposits
/// and stakes for them) and settled at the end of the block.
fn holders(n: u32) -> Vec<AccountId> {
	let accounts: Vec<AccountId> = (0..n).map(|i| 10_000 + AccountId::from(i)).collect();
	let dollars = Balance::from(n) * 2 + 10;
	deposit_and_stake(ALICE, dollars);
	give_usdai(ALICE, dollars);
	for who in &accounts {
		assert_ok!(Assets::transfer(signed(ALICE), USDAI, *who, USD18));
		assert_ok!(Assets::transfer(signed(ALICE), SUSDAI, *who, USD18));
	}
	next_block();
	assert!(accounts.iter().all(Points::<Test>::contains_key));
	accounts
}

/// What the block's debits registered for `on_finalize`, for weights `W`: the fixed part, one
/// receiver per debit (`credits`), the `events` read, and the settlement of each of the
/// `marked` accounts (`points_tracker`).
fn finalize_charge<W: WeightInfo>(credits: u32, events: u32, marked: u32) -> Weight {
	let scan_base = W::points_scan(0, 0);
	let settle_base = W::points_settle(0);
	scan_base
		.saturating_add(settle_base)
		.saturating_add(
			W::points_scan(0, 1).saturating_sub(scan_base).saturating_mul(credits.into()),
		)
		.saturating_add(W::points_scan(events, 0).saturating_sub(scan_base))
		.saturating_add(
			W::points_settle(1).saturating_sub(settle_base).saturating_mul(marked.into()),
		)
}

/// A block at the bound of the end-of-block settlement: each of `MaxPointsPendingPerBlock`
/// holders sends USDai to a holder of its own who sent nothing, so that as many accounts are
/// pending as may be and as many receivers are found in the events. Returns the block's
/// bookkeeping and the weight its debits registered.
fn busiest_block() -> (PointsBlockState<AccountId>, Weight) {
	let n = max_pending();
	let accounts = holders(2 * n);
	let (senders, receivers) = accounts.split_at(n as usize);
	let before = frame_system::BlockWeight::<Test>::get().total();
	for (from, to) in senders.iter().zip(receivers) {
		assert_ok!(Assets::transfer(signed(*from), USDAI, *to, USD18 / 2));
	}
	let registered = frame_system::BlockWeight::<Test>::get().total().saturating_sub(before);
	assert_eq!(PointsPending::<Test>::decode_len(), Some(n as usize), "the list is full");
	let state = PointsBlock::<Test>::get().expect("the block has debits");
	assert_eq!(state.credits, n);
	assert!(state.events <= <Test as Config>::MaxPointsScannedEvents::get());
	(state, registered)
}

#[test]
fn a_deposit_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().build_and_execute(|| {
		// Shares exist (the points value them), and Bob's deposit takes most of the period's
		// mint limit.
		deposit_and_stake(BOB, 600_000);
		next_block();
		// Alice deposits all her USDT: her USDT account dies, she opens a USDai account, the
		// reserve opens a USDT account, and the deposit trips the circuit breaker.
		let all = bal(USDT, ALICE);
		let (result, reads, writes) =
			count_accesses(|| Usdai::deposit(signed(ALICE), USDT, all, 0));
		assert_ok!(result);
		assert!(BreakerTripped::<Test>::get());
		assert_eq!(bal(USDT, ALICE), 0);
		assert_covered(
			"deposit",
			reads,
			writes,
			<() as WeightInfo>::deposit(),
			SubstrateWeight::<Test>::deposit(),
		);
	});
}

#[test]
fn a_redemption_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().build_and_execute(|| {
		// Shares exist, staked from USDT: the USDC reserve is Charlie's alone.
		assert_ok!(Usdai::deposit(signed(ALICE), USDT, 1_000 * USD6, 0));
		assert_ok!(Usdai::stake(signed(ALICE), 1_000 * USD18, 0));
		assert_ok!(Assets::transfer(signed(CHARLIE), USDC, BOB, 999_000 * USD6));
		assert_ok!(Usdai::deposit(signed(CHARLIE), USDC, 1_000 * USD6, 0));
		next_block();
		// Charlie redeems everything in the block's first USDai debit: his USDai account dies,
		// his USDC account opens again and the reserve's USDC account empties.
		let (result, reads, writes) =
			count_accesses(|| Usdai::redeem(signed(CHARLIE), USDC, 1_000 * USD18, 0));
		assert_ok!(result);
		assert_eq!(bal(USDAI, CHARLIE), 0);
		assert_eq!(bal(USDC, Usdai::reserve_account()), 0);
		assert!(Points::<Test>::get(CHARLIE).is_some_and(|r| r.pending));
		assert_covered(
			"redeem",
			reads,
			writes,
			<() as WeightInfo>::redeem(),
			SubstrateWeight::<Test>::redeem(),
		);
	});
}

#[test]
fn a_stake_never_touches_more_storage_than_it_pays_for() {
	// The first stake (it mints the dead shares into a new escrow account) and a later one (it
	// reads the fees for the deposit price), each staking all of the caller's USDai in the
	// block's first USDai debit.
	for first in [true, false] {
		ExtBuilder::default().build_and_execute(|| {
			if !first {
				deposit_and_stake(BOB, 1_000);
			}
			give_usdai(ALICE, 1_000);
			next_block();
			let (result, reads, writes) =
				count_accesses(|| Usdai::stake(signed(ALICE), 1_000 * USD18, 0));
			assert_ok!(result);
			assert_eq!(bal(USDAI, ALICE), 0);
			assert_covered(
				&format!("stake (first: {first})"),
				reads,
				writes,
				<() as WeightInfo>::stake(),
				SubstrateWeight::<Test>::stake(),
			);
		});
	}
}

#[test]
fn a_fee_withdrawal_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(BOB, 1_000);
		give_usdai(LENDER, 1_000);
		assert_ok!(<Usdai as LendingVault<AccountId>>::receive_interest(&LENDER, 100 * USD18));
		assert_ok!(Usdai::do_take_fees(&CHARLIE));
		next_block();
		// All that may be withdrawn, to an account new to USDai, in the block's first debit.
		let fees = Usdai::withdrawable_protocol_fees();
		assert!(fees > 0);
		let to: AccountId = 500;
		let (result, reads, writes) =
			count_accesses(|| Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), to, fees));
		assert_ok!(result);
		assert_eq!(bal(USDAI, to), fees);
		assert_covered(
			"withdraw_protocol_fees",
			reads,
			writes,
			<() as WeightInfo>::withdraw_protocol_fees(),
			SubstrateWeight::<Test>::withdraw_protocol_fees(),
		);
	});
}

#[test]
fn the_governance_calls_never_touch_more_storage_than_they_pay_for() {
	ExtBuilder::default().build_and_execute(|| {
		// A stablecoin accepted anew (the counter moves) and one reconfigured.
		for asset in [OTHER, USDC] {
			let (result, reads, writes) = count_accesses(|| {
				Usdai::set_stablecoin(RuntimeOrigin::root(), asset, 1_000 * USD6, true)
			});
			assert_ok!(result);
			assert_covered(
				&format!("set_stablecoin({asset})"),
				reads,
				writes,
				<() as WeightInfo>::set_stablecoin(),
				SubstrateWeight::<Test>::set_stablecoin(),
			);
		}
		let (result, reads, writes) =
			count_accesses(|| Usdai::remove_stablecoin(RuntimeOrigin::root(), DAI));
		assert_ok!(result);
		assert_covered(
			"remove_stablecoin",
			reads,
			writes,
			<() as WeightInfo>::remove_stablecoin(),
			SubstrateWeight::<Test>::remove_stablecoin(),
		);
		let limits = MintLimits { supply_cap: 1_000 * USD18, period: 5, max_per_period: USD18 };
		let (result, reads, writes) =
			count_accesses(|| Usdai::set_mint_limits(RuntimeOrigin::root(), limits));
		assert_ok!(result);
		assert_covered(
			"set_mint_limits",
			reads,
			writes,
			<() as WeightInfo>::set_mint_limits(),
			SubstrateWeight::<Test>::set_mint_limits(),
		);
		let fees = FeeConfig { protocol_bps: 2_000, insurance_bps: 1_000 };
		let (result, reads, writes) =
			count_accesses(|| Usdai::set_fees(RuntimeOrigin::root(), fees));
		assert_ok!(result);
		assert_covered(
			"set_fees",
			reads,
			writes,
			<() as WeightInfo>::set_fees(),
			SubstrateWeight::<Test>::set_fees(),
		);
		let (result, reads, writes) =
			count_accesses(|| Usdai::set_vesting_period(RuntimeOrigin::root(), 1_000));
		assert_ok!(result);
		assert_covered(
			"set_vesting_period",
			reads,
			writes,
			<() as WeightInfo>::set_vesting_period(),
			SubstrateWeight::<Test>::set_vesting_period(),
		);
		let (result, reads, writes) =
			count_accesses(|| Usdai::pause(signed(EMERGENCY), true, true));
		assert_ok!(result);
		assert_covered(
			"pause",
			reads,
			writes,
			<() as WeightInfo>::pause(),
			SubstrateWeight::<Test>::pause(),
		);
		let (result, reads, writes) =
			count_accesses(|| Usdai::set_paused(RuntimeOrigin::root(), PauseState::default()));
		assert_ok!(result);
		assert_covered(
			"set_paused",
			reads,
			writes,
			<() as WeightInfo>::set_paused(),
			SubstrateWeight::<Test>::set_paused(),
		);
		BreakerTripped::<Test>::put(true);
		let (result, reads, writes) =
			count_accesses(|| Usdai::reset_circuit_breaker(RuntimeOrigin::root()));
		assert_ok!(result);
		assert_covered(
			"reset_circuit_breaker",
			reads,
			writes,
			<() as WeightInfo>::reset_circuit_breaker(),
			SubstrateWeight::<Test>::reset_circuit_breaker(),
		);
	});
}

#[test]
fn the_end_of_block_settlement_never_touches_more_storage_than_the_block_paid_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		assert_eq!(max_pending(), RUNTIME_POINTS_BOUNDS.0);
		let (state, registered) = busiest_block();
		let n = max_pending();
		// What the debits registered is the charge computed here, so the same figure with the
		// mock's zero database weights is its compute part.
		assert_eq!(registered, finalize_charge::<()>(state.credits, state.events, n));
		let now = System::block_number();
		let (_, reads, writes) = count_accesses(|| Usdai::on_finalize(now));
		// Every sender and every receiver was settled.
		assert!(PointsPending::<Test>::get().is_empty());
		assert!(writes >= u64::from(2 * n), "the worst case: {writes} writes");
		assert_covered(
			"on_finalize (points)",
			reads,
			writes,
			registered,
			finalize_charge::<SubstrateWeight<Test>>(state.credits, state.events, n),
		);
	});
}

#[test]
fn settling_the_last_blocks_debits_at_the_start_of_the_next_never_touches_more_storage_than_it_pays_for(
) {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		// The debits come after the vault's `on_finalize` (in a later pallet's): the next block's
		// `on_initialize` settles the full list and forgets the bookkeeping.
		let _ = busiest_block();
		let n = max_pending();
		let next = System::block_number() + 1;
		System::reset_events();
		System::initialize(&next, &System::parent_hash(), &Default::default());
		let (charged, reads, writes) = count_accesses(|| Usdai::on_initialize(next));
		assert!(PointsPending::<Test>::get().is_empty());
		assert!(PointsBlock::<Test>::get().is_none());
		assert_eq!(charged, <() as WeightInfo>::points_settle(n));
		assert_covered(
			"on_initialize (points)",
			reads,
			writes,
			charged,
			SubstrateWeight::<Test>::points_settle(n),
		);
	});
}

#[test]
fn every_step_of_the_points_walk_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let max = <Test as Config>::MaxPointsVisitsPerBlock::get();
		assert_eq!(max, RUNTIME_POINTS_BOUNDS.2);
		// More holders of both tokens than two steps visit, so that the walk goes through the
		// USDai holders, the sUSDai holders and the records each in steps from a cursor.
		let _ = holders(2 * max + 50);
		let mut full_steps = 0;
		for _ in 0..12 {
			let now = System::block_number();
			let (charged, reads, writes) = count_accesses(|| Usdai::on_idle(now, Weight::MAX));
			let visited = (0..=max)
				.find(|n| <() as WeightInfo>::points_walk(*n) == charged)
				.expect("the walk charges points_walk(visited)");
			if visited == max {
				full_steps += 1;
			}
			assert_covered(
				&format!("on_idle (points walk of {visited})"),
				reads,
				writes,
				charged,
				SubstrateWeight::<Test>::points_walk(visited),
			);
			Usdai::on_finalize(now);
			System::set_block_number(now + 1);
		}
		assert!(full_steps >= 6, "the walk visited its bound in {full_steps} steps");
	});
}

#[test]
fn the_points_note_of_a_debit_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().build_and_execute(|| {
		let accounts = holders(max_pending() + 1);
		let (last, first) = accounts.split_last().unwrap();
		// The block's first debit: it starts the bookkeeping and lists the account.
		let (_, reads, writes) =
			count_accesses(|| Usdai::note_balance_fall(USDAI, &first[0], true));
		assert!(Points::<Test>::get(first[0]).is_some_and(|r| r.pending));
		assert_covered(
			"points_note_debit",
			reads,
			writes,
			<() as WeightInfo>::points_note_debit(),
			SubstrateWeight::<Test>::points_note_debit(),
		);
		// A debit that finds the list full records the account as holding nothing there and
		// then: it is paid for by the note and by the settlement it registers, which
		// `on_finalize` then does not do.
		for who in &first[1..] {
			Usdai::note_balance_fall(USDAI, who, true);
		}
		assert_eq!(PointsPending::<Test>::decode_len(), Some(max_pending() as usize));
		let (_, reads, writes) = count_accesses(|| Usdai::note_balance_fall(USDAI, last, true));
		assert!(Points::<Test>::get(last).is_some_and(|r| !r.pending && r.usdai == 0));
		assert_covered(
			"points_note_debit (list full)",
			reads,
			writes,
			<() as WeightInfo>::points_note_debit().saturating_add(
				<() as WeightInfo>::points_settle(1)
					.saturating_sub(<() as WeightInfo>::points_settle(0)),
			),
			SubstrateWeight::<Test>::points_note_debit().saturating_add(
				SubstrateWeight::<Test>::points_settle(1)
					.saturating_sub(SubstrateWeight::<Test>::points_settle(0)),
			),
		);
	});
}

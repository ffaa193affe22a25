//! The weights against the storage the calls, the queue hook and the transaction check really
//! touch. Each test drives a call (or the hook) in its worst cases at the runtime's bounds,
//! counts the distinct keys it reads and writes as the benchmarks' database tracker does (a
//! key's first access; whitelisted keys aside), and checks that the database part of the weight
//! charged covers them at `RocksDbWeight`.
//!
//! Attestations run with `MaxRelayers` relayers (the runtime's 16), all of them needed, as the
//! benchmarks do. The mock's clock reads a storage key as the runtime's `Timestamp::Now` does.

use crate::{mock::*, weights::SubstrateWeight, *};
use frame_support::{
	assert_ok,
	dispatch::{DispatchInfo, PostDispatchInfo},
	traits::{Get, Hooks, WhitelistedStorageKeys},
	weights::Weight,
};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	transaction_validity::TransactionSource,
};
use usdai_primitives::bridge::ReserveSleeve;
use usdai_test_support::assert_covered;

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	usdai_test_support::count_accesses(AllPalletsWithSystem::whitelisted_storage_keys(), f)
}

/// The runtime's relayer set at its largest.
fn full_set() -> Vec<AccountId> {
	(0..RUNTIME_BOUNDS.max_relayers).map(|i| 100 + AccountId::from(i)).collect()
}

/// The bridge at the runtime's bounds, with `MaxRelayers` relayers, all needed.
fn bridge() -> ExtBuilder {
	ExtBuilder::default().runtime_bounds().with_relayers(full_set(), RUNTIME_BOUNDS.max_relayers)
}

/// A fresh account for the `i`th recipient of a test.
fn fresh(i: u32) -> AccountId {
	10_000 + AccountId::from(i)
}

fn next_nonce(channel: ChannelId) -> MessageNonce {
	Channels::<Test>::get(channel).unwrap().next_nonce
}

/// A deposit of `amount` of `asset` to `to` at `channel`'s next nonce.
fn next(channel: ChannelId, asset: AssetId, amount: Balance, to: AccountId) -> Deposit<AccountId> {
	deposit(channel, next_nonce(channel), asset, amount, to)
}

/// A sleeve return of `amount` of `asset` for `recall` at `channel`'s next nonce.
fn sleeve_return(
	channel: ChannelId,
	recall: MessageNonce,
	asset: AssetId,
	amount: Balance,
) -> Deposit<AccountId> {
	Deposit {
		action: DepositAction::SleeveReturn { recall },
		..next(channel, asset, amount, ALICE)
	}
}

/// Every relayer but the last attests `d`; returns the last.
fn all_but_one(d: &Deposit<AccountId>) -> AccountId {
	let set = Relayers::<Test>::get().to_vec();
	let (last, rest) = set.split_last().unwrap();
	for r in rest {
		assert_ok!(attest(*r, d));
	}
	*last
}

/// Every relayer attests `d`: it is credited.
fn credit_all(d: &Deposit<AccountId>) {
	let last = all_but_one(d);
	assert_ok!(attest(last, d));
	assert_eq!(next_nonce(d.channel), d.nonce + 1);
}

/// Lifts both assets' inflow limits far above what the tests credit.
fn open_inflow() {
	for asset in [USDC, USDT] {
		let limit = InflowLimit { period: PERIOD, max_per_period: 1_000_000_000 * USD6 };
		assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), asset, Some(limit)));
	}
}

/// Alice deposits a million USDC into USDai and, with `staked`, stakes a fifth of it (idle cash
/// that bears a write-down, sUSDai holders the sleeve's yield vests to); half of the reserve
/// moves to the sleeve. The vault holds no USDT.
fn with_sleeve(staked: bool) {
	open_inflow();
	credit_all(&into_usdai(next(ETH, USDC, 1_000_000 * USD6, ALICE)));
	if staked {
		assert_ok!(Usdai::stake(RuntimeOrigin::signed(ALICE), 200_000 * USD, 0));
	}
	assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
	assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
	assert!(sleeve() > 0);
}

/// On a staked sleeve: a recall of all of it in USDT, which the vault's reserve holds none of,
/// then a write-down by the NAV bound, so that the return recovers it as yield. Returns the
/// recall and its amount.
fn recall_after_write_down() -> (MessageNonce, Balance) {
	with_sleeve(true);
	let amount = sleeve() / 1_000_000_000_000;
	assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDT, amount));
	let recall = last_outbound();
	accept_nav(nav(sleeve() - sleeve() / 100, GENESIS_TIME));
	(recall, amount)
}

fn sleeve() -> Balance {
	<Usdai as ReserveSleeve<AccountId>>::sleeve_value()
}

/// The last outbound message's number.
fn last_outbound() -> MessageNonce {
	NextOutboundNonce::<Test>::get() - 1
}

/// Every relayer votes for `report`: it is accepted.
fn accept_nav(report: NavReport) {
	for r in Relayers::<Test>::get() {
		assert_ok!(TreasuryBridge::attest_nav(RuntimeOrigin::signed(r), report));
	}
	assert_eq!(LastNav::<Test>::get().map(|l| l.report), Some(report));
}

/// The vault's reserve account refuses (or again takes) `asset`: the bridge's account is the
/// freezer of the bridged stablecoins.
fn block_reserve(asset: AssetId, blocked: bool) {
	let reserve = pallet_usdai::Pallet::<Test>::reserve_account();
	if blocked {
		block_account(asset, reserve);
	} else {
		unblock_account(asset, reserve);
	}
}

/// With `refused`, nobody can receive a first USDT (the minimum balance is above any amount),
/// the vault's reserve included; without, the mock's minimum again.
fn refuse_first_usdt(refused: bool) {
	set_min_balance(USDT, if refused { Balance::MAX / 2 } else { 1 });
}

fn unblock_account(asset: AssetId, who: AccountId) {
	let freezer = Pallet::<Test>::account_id();
	assert_ok!(Assets::thaw(RuntimeOrigin::signed(freezer), asset, who));
}

/// The weight a successful relayer call says it used.
fn used(post: PostDispatchInfo) -> Weight {
	post.actual_weight.expect("relayer calls return their weight")
}

// ---------------------------------------------------------------------------------------------
// attest_deposit
// ---------------------------------------------------------------------------------------------

/// Counts the last relayer's vote on `d`, which credits it; checks that it was charged as a
/// credit (a user credit or a sleeve return) and that the charge covers what it touched.
fn assert_threshold_vote_covered(what: &str, d: &Deposit<AccountId>) {
	let last = all_but_one(d);
	let (result, reads, writes) = count_accesses(|| attest(last, d));
	let post = result.unwrap();
	assert_eq!(next_nonce(d.channel), d.nonce + 1, "{what}: the deposit is credited");
	let (charged, compute) = match d.action {
		DepositAction::Credit { .. } => (
			<() as WeightInfo>::attest_deposit_credit(),
			SubstrateWeight::<Test>::attest_deposit_credit(),
		),
		DepositAction::SleeveReturn { .. } => (
			<() as WeightInfo>::attest_deposit_return(),
			SubstrateWeight::<Test>::attest_deposit_return(),
		),
	};
	assert_eq!(used(post), charged);
	assert_covered(what, reads, writes, charged, compute);
}

/// Counts `relayer`'s vote on `d`, which does not credit it.
fn assert_vote_covered(what: &str, relayer: AccountId, d: &Deposit<AccountId>) {
	let (result, reads, writes) = count_accesses(|| attest(relayer, d));
	let post = result.unwrap();
	assert_eq!(next_nonce(d.channel), d.nonce, "{what}: not credited");
	assert_eq!(used(post), <() as WeightInfo>::attest_deposit_vote());
	assert_covered(
		what,
		reads,
		writes,
		<() as WeightInfo>::attest_deposit_vote(),
		SubstrateWeight::<Test>::attest_deposit_vote(),
	);
}

#[test]
fn a_deposit_vote_below_the_threshold_never_touches_more_storage_than_it_pays_for() {
	bridge().build_and_execute(|| {
		let set = full_set();
		// The first vote of a user credit.
		let d = into_usdai(next(ETH, USDC, 100 * USD6, fresh(0)));
		assert_vote_covered("attest_deposit (first vote)", set[0], &d);
		// A vote next to others.
		assert_vote_covered("attest_deposit (a later vote)", set[1], &d);
		// Votes of a former relayer set are dropped.
		assert_ok!(TreasuryBridge::set_relayers(
			RuntimeOrigin::root(),
			set.clone().try_into().unwrap(),
			RUNTIME_BOUNDS.max_relayers
		));
		assert_vote_covered("attest_deposit (over a former set's votes)", set[2], &d);
		// Other contents for the same nonce freeze the channel.
		let other = into_usdai(next(ETH, USDC, 200 * USD6, fresh(0)));
		assert_vote_covered("attest_deposit (a conflict)", set[3], &other);
		assert!(Channels::<Test>::get(ETH).unwrap().frozen);
	});
	bridge().build_and_execute(|| {
		// A vote on a sleeve return reads its recall.
		with_sleeve(false);
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 1_000 * USD6));
		let back = sleeve_return(BASE, last_outbound(), USDC, 1_000 * USD6);
		let set = full_set();
		assert_ok!(attest(set[0], &back));
		assert_vote_covered("attest_deposit (a sleeve return)", set[1], &back);
	});
}

#[test]
fn a_deposit_paid_at_its_threshold_never_touches_more_storage_than_it_pays_for() {
	// Paid in full into USDai for a fresh recipient, in a new inflow period.
	bridge().build_and_execute(|| {
		run_to(1 + PERIOD);
		let d = into_usdai(next(ETH, USDC, 100 * USD6, fresh(0)));
		assert_threshold_vote_covered("attest_deposit (paid into USDai)", &d);
		assert_eq!(balance(USDAI, fresh(0)), 100 * USD);
	});
	// Split: what the allowance takes is paid into USDai, the rest is queued.
	bridge().build_and_execute(|| {
		credit_all(&next(ETH, USDC, MAX_INFLOW - 100 * USD6, ALICE));
		let d = into_usdai(next(ETH, USDC, 300 * USD6, fresh(0)));
		assert_threshold_vote_covered("attest_deposit (split: paid and queued)", &d);
		assert_eq!(balance(USDAI, fresh(0)), 100 * USD);
		assert_eq!(Queues::<Test>::get(USDC).total, 200 * USD6);
	});
	// Split, the part paid into USDai tripping the vault's circuit breaker.
	bridge().build_and_execute(|| {
		pallet_usdai::Limits::<Test>::put(pallet_usdai::MintLimits {
			supply_cap: Balance::MAX / 4,
			period: 100,
			max_per_period: 999 * USD,
		});
		credit_all(&into_usdai(next(ETH, USDC, MAX_INFLOW - 100 * USD6, ALICE)));
		let d = into_usdai(next(ETH, USDC, 300 * USD6, fresh(0)));
		assert_threshold_vote_covered("attest_deposit (split, tripping the breaker)", &d);
		assert!(pallet_usdai::BreakerTripped::<Test>::get());
		assert_eq!(Queues::<Test>::get(USDC).total, 200 * USD6);
	});
	// Queued whole behind the credits already waiting.
	bridge().build_and_execute(|| {
		credit_all(&next(ETH, USDC, MAX_INFLOW + 100 * USD6, ALICE));
		let d = into_usdai(next(ETH, USDC, 100 * USD6, fresh(0)));
		assert_threshold_vote_covered("attest_deposit (queued)", &d);
		assert_eq!(Queues::<Test>::get(USDC).len(), 2);
	});
	// Held aside: the recipient cannot receive it.
	bridge().build_and_execute(|| {
		credit_all(&next(ETH, USDC, USD6, BOB));
		block_account(USDC, BOB);
		let d = into_usdai(next(ETH, USDC, 100 * USD6, BOB));
		assert_threshold_vote_covered("attest_deposit (held)", &d);
		assert!(HeldCredits::<Test>::contains_key((ETH, d.nonce)));
	});
}

#[test]
fn a_sleeve_return_at_its_threshold_never_touches_more_storage_than_it_pays_for() {
	// The whole recall comes back after a write-down: the recall completes, the mint creates
	// the reserve's account and the cash above the sleeve's book is booked as yield.
	bridge().build_and_execute(|| {
		let (recall, amount) = recall_after_write_down();
		let supply_before = supply(USDAI);
		let back = sleeve_return(BASE, recall, USDT, amount);
		assert_threshold_vote_covered("attest_deposit (a sleeve return with yield)", &back);
		assert!(!Outbound::<Test>::contains_key(recall));
		assert!(supply(USDAI) > supply_before, "the write-down came back as yield");
	});
	// Part of the recall comes back.
	bridge().build_and_execute(|| {
		with_sleeve(false);
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 1_000 * USD6));
		let back = sleeve_return(BASE, last_outbound(), USDC, 400 * USD6);
		assert_threshold_vote_covered("attest_deposit (part of a recall)", &back);
	});
	// The vault refuses the return: held aside.
	bridge().build_and_execute(|| {
		with_sleeve(false);
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 1_000 * USD6));
		block_reserve(USDC, true);
		let back = sleeve_return(BASE, last_outbound(), USDC, 1_000 * USD6);
		assert_threshold_vote_covered("attest_deposit (a refused sleeve return)", &back);
		assert!(HeldCredits::<Test>::contains_key((BASE, back.nonce)));
		block_reserve(USDC, false);
	});
}

// ---------------------------------------------------------------------------------------------
// attest_withdrawal, request_withdrawal
// ---------------------------------------------------------------------------------------------

/// `who` withdraws `amount` of USDC.
fn withdraw(who: AccountId, amount: Balance) -> MessageNonce {
	assert_ok!(TreasuryBridge::request_withdrawal(
		RuntimeOrigin::signed(who),
		USDC,
		amount,
		vec![7u8; EVM_ADDRESS_LEN].try_into().unwrap()
	));
	last_outbound()
}

/// Counts `relayer`'s confirmation of outbound message `nonce`.
fn assert_confirmation_covered(what: &str, relayer: AccountId, nonce: MessageNonce) {
	let (result, reads, writes) =
		count_accesses(|| TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(relayer), nonce));
	assert_eq!(used(result.unwrap()), <() as WeightInfo>::attest_withdrawal());
	assert_covered(
		what,
		reads,
		writes,
		<() as WeightInfo>::attest_withdrawal(),
		SubstrateWeight::<Test>::attest_withdrawal(),
	);
}

/// Every relayer but the last confirms `nonce`; the last one's confirmation is counted.
fn assert_last_confirmation_covered(what: &str, nonce: MessageNonce) {
	let set = full_set();
	let (last, rest) = set.split_last().unwrap();
	for r in rest {
		assert_ok!(TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(*r), nonce));
	}
	assert_confirmation_covered(what, *last, nonce);
	assert!(!Outbound::<Test>::contains_key(nonce), "{what}: executed");
}

#[test]
fn a_withdrawal_confirmation_never_touches_more_storage_than_it_pays_for() {
	bridge().build_and_execute(|| {
		credit_all(&next(ETH, USDC, 100 * USD6, ALICE));
		credit_all(&next(ETH, USDC, 100 * USD6, BOB));
		let first = withdraw(ALICE, 10 * USD6);
		let second = withdraw(ALICE, 10 * USD6);
		let bobs = withdraw(BOB, 100 * USD6);
		assert_confirmation_covered("attest_withdrawal (the first vote)", full_set()[0], bobs);
		// The account has another withdrawal waiting, then none.
		assert_last_confirmation_covered("attest_withdrawal (one of two)", first);
		assert_last_confirmation_covered("attest_withdrawal (the account's last)", second);
		assert!(!PendingWithdrawals::<Test>::contains_key(ALICE));
	});
	bridge().build_and_execute(|| {
		with_sleeve(false);
		assert_last_confirmation_covered("attest_withdrawal (a move to the sleeve)", 0);
	});
}

#[test]
fn a_withdrawal_request_never_touches_more_storage_than_it_pays_for() {
	bridge().build_and_execute(|| {
		credit_all(&next(ETH, USDC, 100 * USD6, ALICE));
		credit_all(&next(ETH, USDC, 100 * USD6, BOB));
		withdraw(BOB, 10 * USD6);
		let destination: Destination = vec![7u8; EVM_ADDRESS_LEN].try_into().unwrap();
		// All of the caller's USDC, as its first withdrawal: its account goes.
		let (result, reads, writes) = count_accesses(|| {
			TreasuryBridge::request_withdrawal(
				RuntimeOrigin::signed(ALICE),
				USDC,
				100 * USD6,
				destination.clone(),
			)
		});
		assert_ok!(result);
		assert_eq!(balance(USDC, ALICE), 0);
		assert_covered(
			"request_withdrawal (all of it)",
			reads,
			writes,
			<() as WeightInfo>::request_withdrawal(),
			SubstrateWeight::<Test>::request_withdrawal(),
		);
		// Part of it, with another waiting.
		let (result, reads, writes) = count_accesses(|| {
			TreasuryBridge::request_withdrawal(
				RuntimeOrigin::signed(BOB),
				USDC,
				10 * USD6,
				destination.clone(),
			)
		});
		assert_ok!(result);
		assert_eq!(PendingWithdrawals::<Test>::get(BOB), 2);
		assert_covered(
			"request_withdrawal (part, another waiting)",
			reads,
			writes,
			<() as WeightInfo>::request_withdrawal(),
			SubstrateWeight::<Test>::request_withdrawal(),
		);
	});
}

// ---------------------------------------------------------------------------------------------
// attest_nav
// ---------------------------------------------------------------------------------------------

/// Every relayer but the last votes for `report`; the last one's vote is counted and accepts
/// it.
fn assert_nav_acceptance_covered(what: &str, report: NavReport) {
	let set = full_set();
	let (last, rest) = set.split_last().unwrap();
	for r in rest {
		assert_ok!(TreasuryBridge::attest_nav(RuntimeOrigin::signed(*r), report));
	}
	let (result, reads, writes) =
		count_accesses(|| TreasuryBridge::attest_nav(RuntimeOrigin::signed(*last), report));
	assert_eq!(used(result.unwrap()), <() as WeightInfo>::attest_nav());
	assert_eq!(LastNav::<Test>::get().map(|l| l.report), Some(report), "{what}: accepted");
	assert_covered(
		what,
		reads,
		writes,
		<() as WeightInfo>::attest_nav(),
		SubstrateWeight::<Test>::attest_nav(),
	);
}

#[test]
fn a_nav_report_never_touches_more_storage_than_it_pays_for() {
	// Growth at the period's bound, after an earlier acceptance: minted, fees taken, vesting
	// to sUSDai holders.
	bridge().build_and_execute(|| {
		with_sleeve(true);
		accept_nav(nav(sleeve(), GENESIS_TIME));
		Now::set(GENESIS_TIME + DEFAULT_NAV_PERIOD);
		let supply_before = supply(USDAI);
		let grown = nav(sleeve() + sleeve() / 100, GENESIS_TIME + DEFAULT_NAV_PERIOD);
		assert_nav_acceptance_covered("attest_nav (growth)", grown);
		assert!(supply(USDAI) > supply_before);
	});
	// Growth before anyone holds sUSDai: all of it is the protocol's, in a vault account the
	// mint creates.
	bridge().build_and_execute(|| {
		with_sleeve(false);
		let supply_before = supply(USDAI);
		let grown = nav(sleeve() + sleeve() / 100, GENESIS_TIME);
		assert_nav_acceptance_covered("attest_nav (growth, no sUSDai holders)", grown);
		assert!(supply(USDAI) > supply_before);
	});
	// A fall borne by the stakers' idle cash: USDai burnt from the vault.
	bridge().build_and_execute(|| {
		with_sleeve(true);
		let supply_before = supply(USDAI);
		let fallen = nav(sleeve() - sleeve() / 100, GENESIS_TIME);
		assert_nav_acceptance_covered("attest_nav (a fall)", fallen);
		assert!(supply(USDAI) < supply_before);
	});
	// Votes below the threshold: a first one, one valuing the same moment differently, one
	// replacing the relayer's own.
	bridge().build_and_execute(|| {
		with_sleeve(false);
		let set = full_set();
		let value = sleeve();
		assert_ok!(TreasuryBridge::attest_nav(
			RuntimeOrigin::signed(set[0]),
			nav(value, GENESIS_TIME)
		));
		for (what, relayer, report) in [
			("attest_nav (a first vote)", set[1], nav(value, GENESIS_TIME)),
			("attest_nav (a conflicting vote)", set[2], nav(value + 1, GENESIS_TIME)),
			("attest_nav (a replaced vote)", set[0], nav(value, GENESIS_TIME + 1)),
		] {
			let (result, reads, writes) = count_accesses(|| {
				TreasuryBridge::attest_nav(RuntimeOrigin::signed(relayer), report)
			});
			assert_eq!(used(result.unwrap()), <() as WeightInfo>::attest_nav());
			assert_covered(
				what,
				reads,
				writes,
				<() as WeightInfo>::attest_nav(),
				SubstrateWeight::<Test>::attest_nav(),
			);
		}
	});
}

// ---------------------------------------------------------------------------------------------
// rebalance_sleeve, request_recall
// ---------------------------------------------------------------------------------------------

#[test]
fn rebalancing_the_sleeve_never_touches_more_storage_than_it_pays_for() {
	// Reserves of both bridged assets move out.
	bridge().build_and_execute(|| {
		open_inflow();
		credit_all(&into_usdai(next(ETH, USDC, 1_000_000 * USD6, ALICE)));
		credit_all(&into_usdai(next(ETH, USDT, 1_000_000 * USD6, ALICE)));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		let (result, reads, writes) =
			count_accesses(|| TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDT));
		assert_ok!(result);
		assert!(matches!(
			Outbound::<Test>::get(last_outbound()),
			Some(OutboundMessage::ToSleeve { .. })
		));
		assert_covered(
			"rebalance_sleeve (a move out)",
			reads,
			writes,
			<() as WeightInfo>::rebalance_sleeve(),
			SubstrateWeight::<Test>::rebalance_sleeve(),
		);
	});
	// Redemptions took the reserves below their share: the excess is recalled.
	bridge().build_and_execute(|| {
		with_sleeve(false);
		assert_ok!(Usdai::redeem(RuntimeOrigin::signed(ALICE), USDC, 400_000 * USD, 0));
		let (result, reads, writes) =
			count_accesses(|| TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		assert_ok!(result);
		assert!(matches!(
			Outbound::<Test>::get(last_outbound()),
			Some(OutboundMessage::Recall { .. })
		));
		assert_covered(
			"rebalance_sleeve (a recall)",
			reads,
			writes,
			<() as WeightInfo>::rebalance_sleeve(),
			SubstrateWeight::<Test>::rebalance_sleeve(),
		);
	});
}

// ---------------------------------------------------------------------------------------------
// retry_held_credit, settle_held_credit
// ---------------------------------------------------------------------------------------------

#[test]
fn retrying_or_settling_a_held_credit_never_touches_more_storage_than_it_pays_for() {
	// A held sleeve return, retried after a write-down: the recall completes, the mint creates
	// the reserve's account and the cash above the sleeve's book is yield.
	bridge().build_and_execute(|| {
		with_sleeve(true);
		let amount = sleeve() / 1_000_000_000_000;
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDT, amount));
		let recall = last_outbound();
		// The vault's reserve cannot take the return when it comes: held aside.
		refuse_first_usdt(true);
		let back = sleeve_return(BASE, recall, USDT, amount);
		credit_all(&back);
		assert!(HeldCredits::<Test>::contains_key((BASE, back.nonce)));
		refuse_first_usdt(false);
		accept_nav(nav(sleeve() - sleeve() / 100, GENESIS_TIME));
		let supply_before = supply(USDAI);
		let (result, reads, writes) = count_accesses(|| {
			TreasuryBridge::retry_held_credit(RuntimeOrigin::signed(BOB), BASE, back.nonce)
		});
		assert_ok!(result);
		assert!(!Outbound::<Test>::contains_key(recall));
		assert!(supply(USDAI) > supply_before, "the write-down came back as yield");
		assert_covered(
			"retry_held_credit (a sleeve return with yield)",
			reads,
			writes,
			<() as WeightInfo>::retry_held_credit(),
			SubstrateWeight::<Test>::retry_held_credit(),
		);
	});
	// Held user credits: one retried into its queue, one paid to a fresh account, one
	// cancelled.
	bridge().build_and_execute(|| {
		credit_all(&next(ETH, USDC, USD6, BOB));
		block_account(USDC, BOB);
		let held: Vec<_> = (0..3)
			.map(|_| {
				let d = into_usdai(next(ETH, USDC, 10 * USD6, BOB));
				credit_all(&d);
				d.nonce
			})
			.collect();
		unblock_account(USDC, BOB);
		let (result, reads, writes) = count_accesses(|| {
			TreasuryBridge::retry_held_credit(RuntimeOrigin::signed(BOB), ETH, held[0])
		});
		assert_ok!(result);
		assert_eq!(Queues::<Test>::get(USDC).len(), 1);
		assert_covered(
			"retry_held_credit (a user credit)",
			reads,
			writes,
			<() as WeightInfo>::retry_held_credit(),
			SubstrateWeight::<Test>::retry_held_credit(),
		);
		for (what, nonce, settlement) in [
			("settle_held_credit (paid)", held[1], HeldSettlement::PayTo(fresh(0))),
			("settle_held_credit (cancelled)", held[2], HeldSettlement::Cancel),
		] {
			let (result, reads, writes) = count_accesses(|| {
				TreasuryBridge::settle_held_credit(RuntimeOrigin::root(), ETH, nonce, settlement)
			});
			assert_ok!(result);
			assert_covered(
				what,
				reads,
				writes,
				<() as WeightInfo>::settle_held_credit(),
				SubstrateWeight::<Test>::settle_held_credit(),
			);
		}
		assert_eq!(balance(USDC, fresh(0)), 10 * USD6);
		assert_eq!(HeldTotal::<Test>::get(USDC), 0);
	});
}

// ---------------------------------------------------------------------------------------------
// The credit queue (`on_initialize`)
// ---------------------------------------------------------------------------------------------

/// How the entries of a queue fare when the queue is served.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Entry {
	/// Paid into USDai to a fresh recipient.
	Paid,
	/// Its recipient cannot receive it when its turn comes.
	Blocked,
}

/// Fills `asset`'s queue (its allowance spent) with `entries`, each a deposit into USDai of
/// `amount` to a fresh recipient (from `first` on); the last one is `last` instead. Blocked
/// recipients hold some of the asset and are blocked once queued.
fn queue(asset: AssetId, first: u32, entries: &[Entry], amount: Balance, last: Balance) {
	let channel = if asset == USDC { ETH } else { BASE };
	let recipients: Vec<_> = (0..entries.len() as u32).map(|i| fresh(first + i)).collect();
	let mut spent = 0;
	for (entry, to) in entries.iter().zip(&recipients) {
		if *entry == Entry::Blocked {
			credit_all(&next(channel, asset, USD6, *to));
			spent += USD6;
		}
	}
	credit_all(&next(channel, asset, MAX_INFLOW - spent, ALICE));
	for (i, to) in recipients.iter().enumerate() {
		let value = if i + 1 == entries.len() { last } else { amount };
		credit_all(&into_usdai(next(channel, asset, value, *to)));
	}
	assert_eq!(Queues::<Test>::get(asset).len(), entries.len() as u64);
	for (entry, to) in entries.iter().zip(&recipients) {
		if *entry == Entry::Blocked {
			block_account(asset, *to);
		}
	}
}

/// Serves the queues in the next period's first block, counted; checks that `visited` entries
/// were visited and charged, and that the charge covers what the hook touched.
fn assert_queue_service_covered(what: &str, visited: u32) {
	let block = System::block_number() + PERIOD;
	System::set_block_number(block);
	bridge_events();
	let (weight, reads, writes) = count_accesses(|| TreasuryBridge::on_initialize(block));
	let seen = bridge_events()
		.iter()
		.filter(|e| {
			matches!(
				e,
				Event::QueuedCreditPaid { .. }
					| Event::CreditHeld { .. }
					| Event::QueuedCreditDeferred { .. }
			)
		})
		.count() as u32;
	assert_eq!(seen, visited, "{what}: entries visited");
	assert_eq!(weight, <() as WeightInfo>::process_queues(visited));
	assert_covered(
		what,
		reads,
		writes,
		<() as WeightInfo>::process_queues(visited),
		SubstrateWeight::<Test>::process_queues(visited),
	);
}

fn max_per_block() -> u32 {
	<Test as Config>::MaxQueueCreditsPerBlock::get()
}

#[test]
fn the_credit_queue_at_its_per_block_bound_never_touches_more_storage_than_it_pays_for() {
	let half = RUNTIME_BOUNDS.max_queue_credits_per_block as usize / 2;
	// Both assets' queues: each entry paid into USDai to a fresh recipient, the last of each
	// paid in part (the allowance runs out in it); the last payment trips the vault's circuit
	// breaker.
	bridge().build_and_execute(|| {
		let paid = vec![Entry::Paid; half];
		let each = MAX_INFLOW / (half as u128 + 1);
		for (asset, first) in [(USDC, 0), (USDT, 100)] {
			queue(asset, first, &paid, each, 3 * each);
		}
		// The hook pays both allowances in full: 2,000 USDai.
		pallet_usdai::Limits::<Test>::mutate(|l| {
			l.as_mut().unwrap().max_per_period = 2_000 * USD - 1
		});
		assert_queue_service_covered("process_queues (paid into USDai, split)", max_per_block());
		for asset in [USDC, USDT] {
			assert_eq!(Queues::<Test>::get(asset).len(), 1, "the last entry was split");
		}
		assert!(pallet_usdai::BreakerTripped::<Test>::get());
	});
	// The same with the first entry of each queue held aside.
	bridge().build_and_execute(|| {
		let mut entries = vec![Entry::Paid; half];
		entries[0] = Entry::Blocked;
		let each = MAX_INFLOW / (half as u128 + 1);
		for (asset, first) in [(USDC, 0), (USDT, 100)] {
			queue(asset, first, &entries, each, 4 * each);
		}
		assert_queue_service_covered("process_queues (held and paid)", max_per_block());
		assert_eq!(HeldCredits::<Test>::count(), 2);
	});
	// No room to hold them: unpayable entries go to the end of their queue.
	bridge().max_held_credits(1).build_and_execute(|| {
		credit_all(&next(BASE, USDC, USD6, BOB));
		block_account(USDC, BOB);
		credit_all(&next(BASE, USDC, USD6, BOB));
		assert_eq!(HeldCredits::<Test>::count(), 1);
		run_to(1 + PERIOD);
		for (asset, first) in [(USDC, 0), (USDT, 100)] {
			queue(asset, first, &vec![Entry::Blocked; half], 10 * USD6, 10 * USD6);
		}
		assert_queue_service_covered("process_queues (deferred)", max_per_block());
	});
}

#[test]
fn the_credit_queue_below_its_bound_never_touches_more_storage_than_it_pays_for() {
	// Each asset's queue served costs its window, totals and the vault's reserve of it, also for
	// a single credit.
	for per_asset in [1, 2] {
		for assets in [&[USDC][..], &[USDC, USDT][..]] {
			bridge().build_and_execute(|| {
				for (asset, first) in assets.iter().zip([0, 100]) {
					queue(*asset, first, &vec![Entry::Paid; per_asset], 10 * USD6, 10 * USD6);
				}
				let n = (per_asset * assets.len()) as u32;
				let what = format!("process_queues({n}) over {} assets", assets.len());
				assert_queue_service_covered(&what, n);
			});
		}
	}
}

#[test]
fn the_credit_queue_waiting_or_halted_never_touches_more_storage_than_it_pays_for() {
	// Both queues' heads wait for the next period's allowance.
	bridge().build_and_execute(|| {
		for (asset, first) in [(USDC, 0), (USDT, 100)] {
			queue(asset, first, &[Entry::Paid], 10 * USD6, 10 * USD6);
			let limit = InflowLimit { period: 2 * PERIOD, max_per_period: MAX_INFLOW };
			assert_ok!(TreasuryBridge::set_inflow_limit(RuntimeOrigin::root(), asset, Some(limit)));
		}
		assert_queue_service_covered("process_queues (waiting)", 0);
		// Halted.
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		assert_queue_service_covered("process_queues (halted)", 0);
	});
}

// ---------------------------------------------------------------------------------------------
// The transaction extension
// ---------------------------------------------------------------------------------------------

/// Counts `CheckAttestation`'s validation of `who`'s `call`, which passes.
fn assert_check_covered(what: &str, who: AccountId, call: Call<Test>) {
	let call = RuntimeCall::TreasuryBridge(call);
	let ext = CheckAttestation::<Test>::new();
	assert_eq!(ext.weight(&call), <() as WeightInfo>::check_attestation());
	let (result, reads, writes) = count_accesses(|| {
		ext.validate_only(
			RuntimeOrigin::signed(who),
			&call,
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
	});
	assert!(result.is_ok(), "{what}: valid");
	assert_covered(
		what,
		reads,
		writes,
		<() as WeightInfo>::check_attestation(),
		SubstrateWeight::<Test>::check_attestation(),
	);
}

#[test]
fn the_attestation_check_never_touches_more_storage_than_it_pays_for() {
	bridge().build_and_execute(|| {
		with_sleeve(false);
		let set = full_set();
		// A user credit and a sleeve return, each with votes already.
		let d = into_usdai(next(ETH, USDC, 100 * USD6, fresh(0)));
		assert_ok!(attest(set[0], &d));
		assert_check_covered(
			"check_attestation (a credit)",
			set[1],
			Call::attest_deposit { deposit: d },
		);
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 1_000 * USD6));
		let back = sleeve_return(BASE, last_outbound(), USDC, 1_000 * USD6);
		assert_ok!(attest(set[0], &back));
		assert_check_covered(
			"check_attestation (a sleeve return)",
			set[1],
			Call::attest_deposit { deposit: back },
		);
		// A confirmation with votes already.
		assert_ok!(TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(set[0]), 0));
		assert_check_covered(
			"check_attestation (a confirmation)",
			set[1],
			Call::attest_withdrawal { nonce: 0 },
		);
		// A NAV report after an accepted one, the relayer's own vote replaced, in a new period.
		accept_nav(nav(sleeve(), GENESIS_TIME));
		Now::set(GENESIS_TIME + DEFAULT_NAV_PERIOD);
		let t = GENESIS_TIME + DEFAULT_NAV_PERIOD;
		assert_ok!(TreasuryBridge::attest_nav(RuntimeOrigin::signed(set[0]), nav(sleeve(), t)));
		assert_check_covered(
			"check_attestation (a NAV report)",
			set[0],
			Call::attest_nav { report: nav(sleeve() + 1, t + 1) },
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Governance
// ---------------------------------------------------------------------------------------------

/// Counts governance's (or, for `halt` and `resume`, the guardian's) `call`, which succeeds,
/// against `charged` (the `()` weight) and `compute` (the same at `SubstrateWeight<Test>`).
fn assert_governance_covered(what: &str, call: Call<Test>, charged: Weight, compute: Weight) {
	let origin = match &call {
		Call::halt {} | Call::resume {} => RuntimeOrigin::signed(GUARDIAN),
		_ => RuntimeOrigin::root(),
	};
	let (result, reads, writes) = count_accesses(|| {
		frame_support::traits::UnfilteredDispatchable::dispatch_bypass_filter(call, origin)
	});
	assert_ok!(result);
	assert_covered(what, reads, writes, charged, compute);
}

#[test]
fn governance_calls_never_touch_more_storage_than_they_pay_for() {
	bridge().build_and_execute(|| {
		for r in [1, RUNTIME_BOUNDS.max_relayers] {
			let relayers = (0..r).map(|i| 500 + AccountId::from(i)).collect::<Vec<_>>();
			assert_governance_covered(
				&format!("set_relayers({r})"),
				Call::set_relayers { relayers: relayers.try_into().unwrap(), threshold: r },
				<() as WeightInfo>::set_relayers(r),
				SubstrateWeight::<Test>::set_relayers(r),
			);
		}
		assert_ok!(TreasuryBridge::set_relayers(
			RuntimeOrigin::root(),
			full_set().try_into().unwrap(),
			RUNTIME_BOUNDS.max_relayers
		));
		assert_governance_covered(
			"open_channel",
			Call::open_channel { channel: 7 },
			<() as WeightInfo>::open_channel(),
			SubstrateWeight::<Test>::open_channel(),
		);
		// Stop bridging an unused asset, bridge it again, change a limit.
		let limit = InflowLimit { period: PERIOD, max_per_period: MAX_INFLOW };
		for (what, asset, limit) in [
			("set_inflow_limit (removed)", USDT, None),
			("set_inflow_limit (added)", USDT, Some(limit)),
			("set_inflow_limit (changed)", USDC, Some(limit)),
		] {
			assert_governance_covered(
				what,
				Call::set_inflow_limit { asset, limit },
				<() as WeightInfo>::set_inflow_limit(),
				SubstrateWeight::<Test>::set_inflow_limit(),
			);
		}
		// A frozen channel with votes: reattested, pinned, skipped.
		let set = full_set();
		let d = next(ETH, USDC, 100 * USD6, ALICE);
		let other = next(ETH, USDC, 200 * USD6, ALICE);
		for (what, resolution) in [
			("resolve_conflict (reattest)", Resolution::Reattest),
			("resolve_conflict (accept)", Resolution::Accept(TreasuryBridge::deposit_digest(&d))),
			("resolve_conflict (skip)", Resolution::Skip),
		] {
			assert_ok!(attest(set[0], &d));
			if Channels::<Test>::get(ETH).unwrap().pinned.is_none() {
				assert_ok!(attest(set[1], &other));
				assert!(Channels::<Test>::get(ETH).unwrap().frozen);
			}
			assert_governance_covered(
				what,
				Call::resolve_conflict { channel: ETH, resolution },
				<() as WeightInfo>::resolve_conflict(),
				SubstrateWeight::<Test>::resolve_conflict(),
			);
		}
		assert_governance_covered(
			"set_sleeve_target",
			Call::set_sleeve_target { bps: 5_000 },
			<() as WeightInfo>::set_sleeve_target(),
			SubstrateWeight::<Test>::set_sleeve_target(),
		);
		assert_governance_covered(
			"set_nav_limit",
			Call::set_nav_limit { limit: NavLimit { period: 3_600, max_change_bps: 100 } },
			<() as WeightInfo>::set_nav_limit(),
			SubstrateWeight::<Test>::set_nav_limit(),
		);
		assert_governance_covered(
			"halt",
			Call::halt {},
			<() as WeightInfo>::halt(),
			SubstrateWeight::<Test>::halt(),
		);
		assert_governance_covered(
			"resume",
			Call::resume {},
			<() as WeightInfo>::resume(),
			SubstrateWeight::<Test>::resume(),
		);
	});
	bridge().build_and_execute(|| {
		with_sleeve(false);
		// A second recall while one is outstanding.
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 1_000 * USD6));
		assert_governance_covered(
			"request_recall",
			Call::request_recall { asset: USDT, amount: 1_000 * USD6 },
			<() as WeightInfo>::request_recall(),
			SubstrateWeight::<Test>::request_recall(),
		);
	});
}

// ---------------------------------------------------------------------------------------------
// The gateway's signers
// ---------------------------------------------------------------------------------------------

/// `relayer` registers development key `i`.
fn register_key(relayer: AccountId, i: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	let secret = crate::dev_keys::secret(i);
	let proof = crate::dev_keys::sign(&secret, &TreasuryBridge::evm_key_proof_digest(&relayer));
	TreasuryBridge::register_evm_key(
		RuntimeOrigin::signed(relayer),
		crate::dev_keys::address(&secret),
		proof,
	)
}

/// Signer sets numbered so that the next one prunes the oldest kept.
fn deep_signer_history() {
	for epoch in 1..=3 * SIGNER_SET_HISTORY {
		SignerSets::<Test>::insert(
			epoch,
			SignerSet {
				signers: vec![EvmAddress::repeat_byte(epoch as u8)].try_into().unwrap(),
				threshold: 1,
			},
		);
		if epoch + SIGNER_SET_HISTORY <= 3 * SIGNER_SET_HISTORY {
			SignerSets::<Test>::remove(epoch);
		}
	}
	SignerEpoch::<Test>::put(3 * SIGNER_SET_HISTORY);
	let oldest = 2 * SIGNER_SET_HISTORY + 1;
	SignerSetSignatures::<Test>::insert(
		oldest,
		frame_support::BoundedVec::try_from(vec![(EvmAddress::repeat_byte(1), [0u8; 65])]).unwrap(),
	);
}

const GATEWAY: GatewayInfo =
	GatewayInfo { channel: ETH, chain_id: 42_161, address: EvmAddress::repeat_byte(0x5f) };

#[test]
fn key_registration_and_gateway_calls_never_touch_more_storage_than_they_pay_for() {
	bridge().build_and_execute(|| {
		deep_signer_history();
		let set = full_set();
		let (last, rest) = set.split_last().unwrap();
		for (i, r) in rest.iter().enumerate() {
			assert_ok!(register_key(*r, i as u32));
		}
		let epoch = SignerEpoch::<Test>::get();
		// The last key: the full set is renumbered and the oldest kept pruned.
		let (result, reads, writes) = count_accesses(|| register_key(*last, 99));
		assert_ok!(result);
		assert_eq!(SignerEpoch::<Test>::get(), epoch + 1);
		assert_covered(
			"register_evm_key (completes the set)",
			reads,
			writes,
			<() as WeightInfo>::register_evm_key(),
			SubstrateWeight::<Test>::register_evm_key(),
		);
		// A relayer set whose keys all exist: renumbered too.
		let epoch = SignerEpoch::<Test>::get();
		let threshold = RUNTIME_BOUNDS.max_relayers - 1;
		assert_governance_covered(
			"set_relayers (every relayer has a key)",
			Call::set_relayers { relayers: set.clone().try_into().unwrap(), threshold },
			<() as WeightInfo>::set_relayers(RUNTIME_BOUNDS.max_relayers),
			SubstrateWeight::<Test>::set_relayers(RUNTIME_BOUNDS.max_relayers),
		);
		assert_eq!(SignerEpoch::<Test>::get(), epoch + 1);
		assert_governance_covered(
			"set_gateway",
			Call::set_gateway { gateway: Some(GATEWAY) },
			<() as WeightInfo>::set_gateway(),
			SubstrateWeight::<Test>::set_gateway(),
		);
	});
}

#[test]
fn signatures_never_touch_more_storage_than_they_pay_for() {
	bridge().build_and_execute(|| {
		let set = full_set();
		for (i, r) in set.iter().enumerate() {
			assert_ok!(register_key(*r, i as u32));
		}
		assert_ok!(TreasuryBridge::set_gateway(RuntimeOrigin::root(), Some(GATEWAY)));
		credit_all(&next(ETH, USDC, 100 * USD6, ALICE));
		let nonce = withdraw(ALICE, 40 * USD6);
		let digest = TreasuryBridge::outbound_digest(nonce, &GATEWAY).unwrap();
		let n = set.len() as u32;
		let sign = |i: u32| crate::dev_keys::sign(&crate::dev_keys::secret(i), &digest);
		for i in 0..n - 1 {
			assert_ok!(TreasuryBridge::submit_signature(
				RuntimeOrigin::signed(BOB),
				SignatureSubject::Outbound(nonce),
				sign(i)
			));
		}
		let charged = <() as WeightInfo>::submit_signature()
			.max(<() as WeightInfo>::submit_rotation_signature());
		let compute = SubstrateWeight::<Test>::submit_signature()
			.max(SubstrateWeight::<Test>::submit_rotation_signature());
		let call = RuntimeCall::TreasuryBridge(Call::submit_signature {
			subject: SignatureSubject::Outbound(nonce),
			signature: sign(n - 1),
		});
		// The transaction check, then the call.
		let ext = CheckAttestation::<Test>::new();
		assert_eq!(ext.weight(&call), charged);
		let (result, reads, writes) = count_accesses(|| {
			ext.validate_only(
				RuntimeOrigin::signed(BOB),
				&call,
				&DispatchInfo::default(),
				0,
				TransactionSource::External,
				0,
			)
		});
		assert!(result.is_ok());
		assert_covered("submit_signature's check", reads, writes, charged, compute);
		let (result, reads, writes) = count_accesses(|| {
			TreasuryBridge::submit_signature(
				RuntimeOrigin::signed(BOB),
				SignatureSubject::Outbound(nonce),
				sign(n - 1),
			)
		});
		assert_eq!(used(result.unwrap()), <() as WeightInfo>::submit_signature());
		assert_covered(
			"submit_signature (the last of a full set)",
			reads,
			writes,
			<() as WeightInfo>::submit_signature(),
			SubstrateWeight::<Test>::submit_signature(),
		);
		// A rotation: every relayer moves to a new key; the set before the last move signs.
		for (i, r) in set.iter().enumerate() {
			assert_ok!(register_key(*r, n + i as u32));
		}
		let epoch = SignerEpoch::<Test>::get();
		let new = SignerSets::<Test>::get(epoch).unwrap();
		let digest = crate::eip712::digest(
			&GATEWAY,
			crate::eip712::relayer_set(epoch, &new.signers, new.threshold),
		);
		let keys: Vec<u32> = (n..2 * n - 1).chain([n - 1]).collect();
		let sign = |i: u32| crate::dev_keys::sign(&crate::dev_keys::secret(i), &digest);
		for i in &keys[..keys.len() - 1] {
			assert_ok!(TreasuryBridge::submit_signature(
				RuntimeOrigin::signed(BOB),
				SignatureSubject::SignerSet(epoch),
				sign(*i)
			));
		}
		let (result, reads, writes) = count_accesses(|| {
			TreasuryBridge::submit_signature(
				RuntimeOrigin::signed(BOB),
				SignatureSubject::SignerSet(epoch),
				sign(keys[keys.len() - 1]),
			)
		});
		assert_eq!(used(result.unwrap()), <() as WeightInfo>::submit_rotation_signature());
		assert_eq!(SignerSetSignatures::<Test>::get(epoch).len() as u32, n);
		assert_covered(
			"submit_signature (the last of a rotation)",
			reads,
			writes,
			<() as WeightInfo>::submit_rotation_signature(),
			SubstrateWeight::<Test>::submit_rotation_signature(),
		);
	});
}

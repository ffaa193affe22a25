//! Governance on the real runtime, without sudo: a referendum on each track enacts its call after
//! the track's periods; pallets/guard applies risk-lowering changes at once and holds
//! risk-raising ones back for its delay, in plain view; each track may make only its own
//! domain's calls and nobody calls the protocol's pallets directly; the risk council can make the
//! protocol safer (pause, lower a cap, veto a pending change, cancel or kill a referendum) but
//! never riskier.
//!
//! The chain is the `local_testnet` preset (the guard's delay of two days, as on a real network)
//! unless a test says otherwise. Days of blocks are walked cheaply: [`run_to`] services the
//! scheduler only at the blocks that have something scheduled (referendum alarms, enactments).

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use codec::Encode;
use common::{attesting_relayers, fund, genesis_ext, next_deposit, terms, who, NOW, USD, USD6};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::{
		fungible::Mutate, schedule::DispatchTime, tokens::fungible::NativeOrWithId, Hooks,
		StorePreimage,
	},
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_guard::Authority;
use pallet_referenda::{ReferendumIndex, ReferendumInfo, ReferendumInfoFor, ReferendumStatusOf};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _},
	DispatchError, DispatchResult,
};
use usdai_primitives::{governance::Domain, StackId};
use usdai_runtime::{
	asset_ids::USDC,
	governance::{
		origins::{Origin as TrackOrigin, MAX_TREASURER_SPEND},
		tracks::TracksInfo as Tracks,
		RiskCouncilInstance, SubmissionDeposit, TreasuryAccount,
	},
	AccountId, Balance, Balances, BlockNumber, ConvictionVoting, Filo, Guard, Hash, OriginCaller,
	Preimage, Referenda, RiskCouncil, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Scheduler,
	Sudo, System, Treasury, TreasuryBridge, Usdai, Whitelist, DAYS, UNIT,
};

/// The guard's errors in this runtime.
type GuardError = pallet_guard::Error<Runtime>;

const LOCAL: &str = "local_testnet";
const DEVELOPMENT: &str = "development";

/// The cap of the test stack before governance touches it.
const CAP: Balance = 5_000_000 * USD;

/// CHIP the whale votes with: most of the active issuance (the twelve dev accounts hold a
/// million each), so that a referendum it backs passes from the first block of its decision.
const WHALE_CHIP: Balance = 100_000_000 * UNIT;

/// `$x` (a call returning `DispatchResultWithPostInfo`) fails with `$e`, whatever weight it
/// reports, and changes no storage.
macro_rules! assert_refused {
	($x:expr, $e:expr $(,)?) => {
		assert_noop!($x.map(|_| ()).map_err(|e| e.error), $e)
	};
}

// ---------------------------------------------------------------------------------------------
// Accounts, origins and calls.

fn whale() -> AccountId {
	AccountId::from([0x77; 32])
}

fn eve() -> AccountId {
	who(Sr25519Keyring::Eve)
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who(k))
}

/// What a referendum on the parameters track dispatches its call as.
fn parameters() -> RuntimeOrigin {
	RuntimeOrigin::from(TrackOrigin::Parameters)
}

/// What a referendum on the registrar track dispatches its call as.
fn registrar() -> RuntimeOrigin {
	RuntimeOrigin::from(TrackOrigin::Registrar)
}

/// What a referendum on the treasurer track dispatches its call as.
fn treasurer() -> RuntimeOrigin {
	RuntimeOrigin::from(TrackOrigin::Treasurer)
}

/// What a referendum on the whitelisted-caller (fast) track dispatches its call as.
fn whitelisted() -> RuntimeOrigin {
	RuntimeOrigin::from(TrackOrigin::WhitelistedCaller)
}

/// `call` submitted to the guard.
fn guarded(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Guard(pallet_guard::Call::submit { call: Box::new(call) })
}

fn set_cap(stack: StackId, cap: Balance) -> RuntimeCall {
	RuntimeCall::Filo(pallet_filo::Call::set_stack_cap { stack, cap: Some(cap) })
}

fn register_curator(curator: AccountId) -> RuntimeCall {
	RuntimeCall::Filo(pallet_filo::Call::register_curator { curator })
}

fn remove_curator(curator: AccountId) -> RuntimeCall {
	RuntimeCall::Filo(pallet_filo::Call::remove_curator { curator })
}

fn pause_vault() -> RuntimeCall {
	RuntimeCall::Usdai(pallet_usdai::Call::pause { deposits: true, stakes: true })
}

/// A treasury spend of `amount` CHIP to `beneficiary`, payable at once.
fn spend(amount: Balance, beneficiary: AccountId) -> RuntimeCall {
	RuntimeCall::Treasury(pallet_treasury::Call::spend {
		asset_kind: Box::new(NativeOrWithId::Native),
		amount,
		beneficiary: Box::new(beneficiary),
		valid_from: None,
	})
}

fn hash(call: &RuntimeCall) -> Hash {
	BlakeTwo256::hash_of(call)
}

fn is_curator(a: &AccountId) -> bool {
	pallet_filo::Curators::<Runtime>::contains_key(a)
}

fn cap(stack: StackId) -> Option<Balance> {
	pallet_filo::StackCaps::<Runtime>::get(stack)
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

/// The `Applied` events of the guard so far.
fn applied() -> Vec<RuntimeEvent> {
	events()
		.into_iter()
		.filter(|e| matches!(e, RuntimeEvent::Guard(pallet_guard::Event::Applied { .. })))
		.collect()
}

/// The one change pending in the guard.
fn only_pending() -> pallet_guard::runtime_api::PendingChangeInfo<BlockNumber, Hash> {
	let mut pending = Guard::pending_changes();
	assert_eq!(pending.len(), 1, "one change pending: {pending:?}");
	pending.remove(0)
}

// ---------------------------------------------------------------------------------------------
// Chains.

/// The chain of `preset` with the clock set.
fn chain(preset: &str, test: impl FnOnce()) {
	genesis_ext(preset).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW * 1_000);
		test()
	})
}

/// The chain of `preset` with a stack of Charlie (the dev curator), capped at [`CAP`].
fn with_stack(preset: &str, test: impl FnOnce(StackId)) {
	chain(preset, || {
		let charlie = who(Charlie);
		fund(&charlie, 100_000);
		let stack = pallet_filo::NextStackId::<Runtime>::get();
		assert_ok!(Filo::open_stack(RuntimeOrigin::signed(charlie), 100_000 * USD, terms()));
		assert_ok!(Filo::set_stack_cap(common::enacted(), stack, Some(CAP)));
		test(stack)
	})
}

/// Moves the chain to block `target`, servicing the scheduler at every block that has something
/// scheduled on the way (referendum alarms, enactments), at that very block, and nowhere else:
/// skipping the empty blocks keeps days of blocks cheap.
fn run_to(target: BlockNumber) {
	loop {
		let now = System::block_number();
		let next = pallet_scheduler::Agenda::<Runtime>::iter()
			.filter(|(when, agenda)| {
				*when > now && *when <= target && agenda.iter().any(Option::is_some)
			})
			.map(|(when, _)| when)
			.min()
			.unwrap_or(target);
		if next <= now {
			return;
		}
		System::set_block_number(next);
		// Every block before `next` has an empty agenda: start servicing at `next`.
		pallet_scheduler::IncompleteSince::<Runtime>::put(next);
		Scheduler::on_initialize(next);
	}
}

// ---------------------------------------------------------------------------------------------
// Referenda.

/// Alice submits `call`, to be enacted as `origin` (so on that origin's track) as early as the
/// track allows, and places the decision deposit; the whale votes aye with [`WHALE_CHIP`]:
/// passing from the first block of its decision. Returns its index.
fn submit_backed(origin: OriginCaller, call: RuntimeCall) -> ReferendumIndex {
	let index = pallet_referenda::ReferendumCount::<Runtime>::get();
	let proposal = <Preimage as StorePreimage>::bound(call).expect("the call is bounded");
	assert_ok!(Referenda::submit(
		signed(Alice),
		Box::new(origin),
		proposal,
		DispatchTime::After(0)
	));
	assert_ok!(Referenda::place_decision_deposit(signed(Alice), index));
	if Balances::free_balance(whale()) < WHALE_CHIP {
		assert_ok!(<Balances as Mutate<AccountId>>::mint_into(&whale(), WHALE_CHIP));
	}
	let aye = Vote { aye: true, conviction: Conviction::Locked1x };
	assert_ok!(ConvictionVoting::vote(
		RuntimeOrigin::signed(whale()),
		index,
		AccountVote::Standard { vote: aye, balance: WHALE_CHIP }
	));
	index
}

fn ongoing(index: ReferendumIndex) -> ReferendumStatusOf<Runtime, ()> {
	Referenda::ensure_ongoing(index).expect("the referendum is ongoing")
}

fn track_info(track: u16) -> pallet_referenda::TrackInfo<Balance, BlockNumber> {
	<Tracks as pallet_referenda::TracksInfo<Balance, BlockNumber>>::info(track)
		.expect("the track exists")
		.into_owned()
}

/// The scheduler's name for the enactment of referendum `index` (pallet-referenda's).
fn enactment_name(index: ReferendumIndex) -> [u8; 32] {
	(*b"assembly", "enactment", index).using_encoded(sp_io::hashing::blake2_256)
}

/// The result of the call referendum `index` enacted, if it has been enacted.
fn enactment_result(index: ReferendumIndex) -> Option<DispatchResult> {
	let name = enactment_name(index);
	events().into_iter().find_map(|e| match e {
		RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched {
			id: Some(id),
			result,
			..
		}) if id == name => Some(result),
		_ => None,
	})
}

/// The blocks at which a referendum submitted at `submitted` on `track` and passing from the
/// start begins deciding (the end of the prepare period), is confirmed (after the confirm
/// period) and is enacted (after the minimum enactment period).
fn milestones(submitted: BlockNumber, track: u16) -> (BlockNumber, BlockNumber, BlockNumber) {
	let info = track_info(track);
	let decides = submitted + info.prepare_period;
	let confirmed = decides + info.confirm_period;
	(decides, confirmed, confirmed + info.min_enactment_period)
}

/// Walks referendum `index`, backed by the whale, through its track's periods, checking that it
/// neither decides, nor is confirmed, nor is enacted a block early; `unchanged` checks, in the
/// last block before the enactment, that its call has not taken effect. Returns the result of
/// the call it enacted (the scheduler's `Dispatched`).
fn enact(index: ReferendumIndex, unchanged: impl FnOnce()) -> DispatchResult {
	let status = ongoing(index);
	let (decides, confirmed, enacted) = milestones(status.submitted, status.track);

	run_to(decides - 1);
	assert!(ongoing(index).deciding.is_none(), "still preparing");
	run_to(decides);
	let deciding = ongoing(index).deciding.expect("deciding once prepared");
	assert_eq!(deciding.confirming, Some(confirmed), "passing from the start: confirming");

	run_to(confirmed - 1);
	assert!(ongoing(index).deciding.is_some(), "still confirming");
	run_to(confirmed);
	assert!(matches!(
		ReferendumInfoFor::<Runtime>::get(index),
		Some(ReferendumInfo::Approved(at, ..)) if at == confirmed
	));
	assert!(events().iter().any(|e| matches!(
		e,
		RuntimeEvent::Referenda(pallet_referenda::Event::Confirmed { index: i, .. }) if *i == index
	)));

	run_to(enacted - 1);
	assert_eq!(enactment_result(index), None, "not enacted before the enactment period");
	unchanged();
	run_to(enacted);
	assert_eq!(System::block_number(), enacted);
	enactment_result(index).expect("enacted after the enactment period")
}

// ---------------------------------------------------------------------------------------------
// The risk council: Alice, Bob and Charlie.

/// The result of the call of the council's motion `proposal_hash` (its `Executed` event).
fn executed(proposal_hash: Hash) -> DispatchResult {
	events()
		.into_iter()
		.rev()
		.find_map(|e| match e {
			RuntimeEvent::RiskCouncil(pallet_collective::Event::Executed {
				proposal_hash: h,
				result,
			}) if h == proposal_hash => Some(result),
			_ => None,
		})
		.expect("the motion was executed")
}

/// A motion of the risk council that Alice proposes and that she and Bob (two of the three
/// members: a strict majority) pass, closed in the same block. Returns the result of its call.
fn council(call: RuntimeCall) -> DispatchResult {
	let len = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let proposal_hash = hash(&call);
	let index = pallet_collective::ProposalCount::<Runtime, RiskCouncilInstance>::get();
	assert_ok!(RiskCouncil::propose(signed(Alice), 2, Box::new(call), len));
	for member in [Alice, Bob] {
		assert_ok!(RiskCouncil::vote(signed(member), proposal_hash, index, true));
	}
	assert_ok!(RiskCouncil::close(signed(Charlie), proposal_hash, index, weight, len));
	executed(proposal_hash)
}

// ---------------------------------------------------------------------------------------------
// 1. A referendum on each track passes and enacts its call after the track's periods.

#[test]
fn a_parameters_referendum_lowers_a_cap_once_enacted() {
	with_stack(LOCAL, |stack| {
		let lowered = set_cap(stack, CAP / 5);
		let index =
			submit_backed(OriginCaller::Origins(TrackOrigin::Parameters), guarded(lowered.clone()));

		assert_eq!(enact(index, || assert_eq!(cap(stack), Some(CAP))), Ok(()));
		// Lowering: applied in the enactment's block, as the parameters track.
		assert_eq!(cap(stack), Some(CAP / 5));
		System::assert_has_event(RuntimeEvent::Guard(pallet_guard::Event::Applied {
			call_hash: hash(&lowered),
			domain: Domain::Parameters,
			authority: Authority::Track(Domain::Parameters),
		}));
		assert!(Guard::pending_changes().is_empty());
	});
}

#[test]
fn a_registrar_referendum_registers_a_curator_after_the_guard_delay() {
	chain(LOCAL, || {
		let register = register_curator(eve());
		let index =
			submit_backed(OriginCaller::Origins(TrackOrigin::Registrar), guarded(register.clone()));

		assert_eq!(enact(index, || assert!(!is_curator(&eve()))), Ok(()));
		let enacted = System::block_number();
		// Raising: held back in the guard, in plain view.
		assert!(!is_curator(&eve()));
		let change = only_pending();
		assert_eq!(change.due, enacted + 2 * DAYS);
		System::assert_has_event(RuntimeEvent::Guard(pallet_guard::Event::Scheduled {
			id: change.id,
			call_hash: hash(&register),
			domain: Domain::Registry,
			authority: Authority::Track(Domain::Registry),
			due: change.due,
		}));

		run_to(change.due);
		assert_ok!(Guard::execute(signed(Bob), change.id, change.weight));
		System::assert_has_event(RuntimeEvent::Guard(pallet_guard::Event::Executed {
			id: change.id,
			call_hash: hash(&register),
			result: Ok(()),
		}));
		assert!(is_curator(&eve()));
		assert!(Guard::pending_changes().is_empty());
	});
}

#[test]
fn a_treasurer_referendum_pays_from_the_treasury() {
	chain(LOCAL, || {
		let beneficiary = AccountId::from([0x42; 32]);
		let treasury = TreasuryAccount::get();
		assert_ok!(<Balances as Mutate<AccountId>>::mint_into(&treasury, 100_000 * UNIT));
		let spend_index = pallet_treasury::SpendCount::<Runtime>::get();
		let index = submit_backed(
			OriginCaller::Origins(TrackOrigin::Treasurer),
			spend(5_000 * UNIT, beneficiary.clone()),
		);

		let unpaid = || assert_eq!(pallet_treasury::SpendCount::<Runtime>::get(), spend_index);
		assert_eq!(enact(index, unpaid), Ok(()));
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::Treasury(pallet_treasury::Event::AssetSpendApproved { index: i, .. })
				if *i == spend_index
		)));
		assert_eq!(Balances::free_balance(&beneficiary), 0, "approved, not yet paid");

		// Anyone claims an approved spend.
		let pot = Balances::free_balance(&treasury);
		assert_ok!(Treasury::payout(RuntimeOrigin::signed(beneficiary.clone()), spend_index));
		assert_eq!(Balances::free_balance(&beneficiary), 5_000 * UNIT);
		assert_eq!(Balances::free_balance(&treasury), pot - 5_000 * UNIT);
	});
}

#[test]
fn a_root_referendum_dispatches_as_root() {
	chain(LOCAL, || {
		let target = AccountId::from([0x43; 32]);
		let set_balance = RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: target.clone().into(),
			new_free: 42 * UNIT,
		});
		let index = submit_backed(OriginCaller::system(frame_system::RawOrigin::Root), set_balance);
		assert_eq!(ongoing(index).track, usdai_runtime::governance::tracks::ROOT);

		assert_eq!(enact(index, || assert_eq!(Balances::free_balance(&target), 0)), Ok(()));
		assert_eq!(Balances::free_balance(&target), 42 * UNIT);
	});
}

// ---------------------------------------------------------------------------------------------
// 2. A call on the wrong track, or from anyone but the guard, is refused.

#[test]
fn a_referendum_on_the_wrong_track_enacts_nothing() {
	with_stack(LOCAL, |stack| {
		// The registrar track passes a parameters change: the guard refuses it when enacted.
		let index = submit_backed(
			OriginCaller::Origins(TrackOrigin::Registrar),
			guarded(set_cap(stack, CAP / 5)),
		);
		assert_eq!(enact(index, || ()), Err(GuardError::WrongTrack.into()));
		assert_eq!(cap(stack), Some(CAP));
		assert!(applied().is_empty());
		assert!(Guard::pending_changes().is_empty());
	});
}

#[test]
fn each_track_submits_only_its_own_domain() {
	with_stack(LOCAL, |stack| {
		let lower = || Box::new(set_cap(stack, CAP / 5));
		assert_refused!(Guard::submit(registrar(), lower()), GuardError::WrongTrack);
		assert_refused!(Guard::submit(treasurer(), lower()), GuardError::WrongTrack);
		assert_refused!(
			Guard::submit(parameters(), Box::new(register_curator(eve()))),
			GuardError::WrongTrack
		);
		assert_refused!(
			Guard::submit(parameters(), Box::new(remove_curator(who(Charlie)))),
			GuardError::WrongTrack
		);

		// The guard carries the protocol's governance calls only.
		let not_governed = RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: eve().into(),
			new_free: UNIT,
		});
		assert_refused!(
			Guard::submit(parameters(), Box::new(not_governed)),
			GuardError::NotGoverned
		);

		// Neither an account nor the fast track (which dispatches as root) submits as such.
		assert_refused!(Guard::submit(signed(Alice), lower()), DispatchError::BadOrigin);
		assert_refused!(
			Guard::submit(RuntimeOrigin::from(TrackOrigin::WhitelistedCaller), lower()),
			DispatchError::BadOrigin
		);

		// Nobody calls the protocol's pallets directly: not root, not a track, not an account.
		for origin in [RuntimeOrigin::root(), parameters(), signed(Alice)] {
			assert_noop!(
				Filo::set_stack_cap(origin.clone(), stack, Some(CAP / 5)),
				DispatchError::BadOrigin
			);
			assert_noop!(Usdai::pause(origin, true, true), DispatchError::BadOrigin);
		}
		assert_noop!(Filo::register_curator(registrar(), eve()), DispatchError::BadOrigin);

		// Only the treasurer (and root) spends from the treasury, the treasurer up to its limit.
		assert_noop!(
			Treasury::spend(
				parameters(),
				Box::new(NativeOrWithId::Native),
				UNIT,
				Box::new(eve()),
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Treasury::spend(
				treasurer(),
				Box::new(NativeOrWithId::Native),
				MAX_TREASURER_SPEND + 1,
				Box::new(eve()),
				None
			),
			pallet_treasury::Error::<Runtime>::InsufficientPermission
		);

		// Its own domain goes through.
		assert_ok!(Guard::submit(parameters(), lower()));
		assert_eq!(cap(stack), Some(CAP / 5));
	});
}

// ---------------------------------------------------------------------------------------------
// 3. The risk council: safer at once, never riskier.

#[test]
fn the_council_pauses_the_vault_in_one_block() {
	chain(LOCAL, || {
		// Dave holds bridged USDC and deposits it into the vault.
		let dave = who(Dave);
		let deposit = next_deposit(&dave, 1_000, false);
		for relayer in attesting_relayers() {
			assert_ok!(TreasuryBridge::attest_deposit(
				RuntimeOrigin::signed(relayer),
				deposit.clone()
			));
		}
		assert_ok!(Usdai::deposit(RuntimeOrigin::signed(dave.clone()), USDC, 100 * USD6, 0));
		let block = System::block_number();

		let pause = pause_vault();
		assert_eq!(council(guarded(pause.clone())), Ok(()));

		assert_eq!(System::block_number(), block);
		assert_eq!(
			pallet_usdai::Paused::<Runtime>::get(),
			pallet_usdai::PauseState { deposits: true, stakes: true }
		);
		System::assert_has_event(RuntimeEvent::Guard(pallet_guard::Event::Applied {
			call_hash: hash(&pause),
			domain: Domain::Parameters,
			authority: Authority::Council,
		}));
		assert_noop!(
			Usdai::deposit(RuntimeOrigin::signed(dave), USDC, 100 * USD6, 0),
			pallet_usdai::Error::<Runtime>::DepositsPaused
		);
	});
}

#[test]
fn one_council_member_alone_cannot_act() {
	chain(LOCAL, || {
		// A motion of threshold one executes at once, as one member of three: not a majority.
		let call = guarded(pause_vault());
		let len = call.encoded_size() as u32;
		let proposal_hash = hash(&call);
		assert_ok!(RiskCouncil::propose(signed(Alice), 1, Box::new(call), len));
		assert_eq!(executed(proposal_hash), Err(DispatchError::BadOrigin));
		assert_eq!(pallet_usdai::Paused::<Runtime>::get(), pallet_usdai::PauseState::default());
	});
}

#[test]
fn the_council_lowers_a_cap_at_once_but_cannot_raise_one() {
	with_stack(LOCAL, |stack| {
		// Raising a cap, or registering a curator, is not the council's, not even with a delay.
		assert_eq!(
			council(guarded(set_cap(stack, 2 * CAP))),
			Err(GuardError::CouncilCannotRaiseRisk.into())
		);
		assert_eq!(
			council(guarded(register_curator(eve()))),
			Err(GuardError::CouncilCannotRaiseRisk.into())
		);
		assert_eq!(cap(stack), Some(CAP));
		assert!(!is_curator(&eve()));
		assert!(Guard::pending_changes().is_empty());

		let block = System::block_number();
		assert_eq!(council(guarded(set_cap(stack, CAP / 5))), Ok(()));
		assert_eq!(cap(stack), Some(CAP / 5));
		assert_eq!(System::block_number(), block);
	});
}

/// The council's seats and the fast track belong to their own origins, root included among
/// the refused (a benchmark build lets root through as well, for the SDK's benchmarks:
/// `OrRootInBenchmarks`; this test pins every other build): only the council whitelists an
/// urgent fix, only a whitelisted-caller referendum dispatches it, and only a registrar
/// referendum seats the council, not even the council itself.
#[test]
fn the_council_seats_and_the_fast_track_belong_to_their_own_origins() {
	chain(LOCAL, || {
		let fix = guarded(pause_vault());
		let fix_hash = hash(&fix);
		for origin in
			[RuntimeOrigin::root(), signed(Alice), registrar(), parameters(), whitelisted()]
		{
			assert_noop!(Whitelist::whitelist_call(origin, fix_hash), DispatchError::BadOrigin);
		}
		let whitelist = pallet_whitelist::Call::whitelist_call { call_hash: fix_hash };
		assert_eq!(council(RuntimeCall::Whitelist(whitelist)), Ok(()));
		assert!(pallet_whitelist::WhitelistedCall::<Runtime>::contains_key(fix_hash));

		for origin in [RuntimeOrigin::root(), registrar(), parameters()] {
			assert_refused!(
				Whitelist::dispatch_whitelisted_call_with_preimage(origin, Box::new(fix.clone())),
				DispatchError::BadOrigin
			);
		}
		// A signed account may only relay a dispatch that a fast-track referendum deferred.
		assert_refused!(
			Whitelist::dispatch_whitelisted_call_with_preimage(
				signed(Alice),
				Box::new(fix.clone())
			),
			pallet_whitelist::Error::<Runtime>::DeferredDispatchNotFound
		);
		assert_ok!(Whitelist::dispatch_whitelisted_call_with_preimage(
			whitelisted(),
			Box::new(fix.clone())
		));
		assert_eq!(
			pallet_usdai::Paused::<Runtime>::get(),
			pallet_usdai::PauseState { deposits: true, stakes: true }
		);
		assert!(!pallet_whitelist::WhitelistedCall::<Runtime>::contains_key(fix_hash));

		let members = || pallet_collective::Members::<Runtime, RiskCouncilInstance>::get();
		let seated = members();
		let old_count = seated.len() as u32;
		let mut seats = vec![who(Alice), who(Dave)];
		seats.sort();
		for origin in
			[RuntimeOrigin::root(), signed(Alice), parameters(), treasurer(), whitelisted()]
		{
			assert_refused!(
				RiskCouncil::set_members(origin, seats.clone(), None, old_count),
				DispatchError::BadOrigin
			);
		}
		let reseat = pallet_collective::Call::set_members {
			new_members: seats.clone(),
			prime: None,
			old_count,
		};
		assert_eq!(council(RuntimeCall::RiskCouncil(reseat)), Err(DispatchError::BadOrigin));
		assert_eq!(members(), seated);

		assert_ok!(RiskCouncil::set_members(registrar(), seats.clone(), None, old_count));
		assert_eq!(members(), seats);
	});
}

#[test]
fn the_council_kills_a_malicious_referendum_in_flight() {
	chain(LOCAL, || {
		let mallory = AccountId::from([0x66; 32]);
		let index = submit_backed(
			OriginCaller::Origins(TrackOrigin::Registrar),
			guarded(register_curator(mallory.clone())),
		);
		let status = ongoing(index);
		let (decides, _, enacted) = milestones(status.submitted, status.track);
		// Passing and confirming.
		run_to(decides + 1);
		assert!(ongoing(index).deciding.and_then(|d| d.confirming).is_some());
		let treasury = Balances::free_balance(TreasuryAccount::get());

		assert_eq!(council(RuntimeCall::Referenda(pallet_referenda::Call::kill { index })), Ok(()));
		assert!(matches!(
			ReferendumInfoFor::<Runtime>::get(index),
			Some(ReferendumInfo::Killed(_))
		));
		// Both deposits are slashed to the treasury.
		let deposits = SubmissionDeposit::get() + track_info(status.track).decision_deposit;
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury + deposits);

		// Long after it would have been enacted and its change executed: nothing happened.
		run_to(enacted + Guard::delay() + 1);
		assert_eq!(enactment_result(index), None);
		assert!(Guard::pending_changes().is_empty());
		assert!(!is_curator(&mallory));
	});
}

#[test]
fn the_council_cancels_a_referendum_and_its_deposits_are_returned() {
	chain(LOCAL, || {
		let alice = who(Alice);
		let reserved = Balances::reserved_balance(&alice);
		let index = submit_backed(
			OriginCaller::Origins(TrackOrigin::Registrar),
			guarded(register_curator(eve())),
		);
		let (decides, _, enacted) = milestones(System::block_number(), ongoing(index).track);
		run_to(decides);

		assert_eq!(
			council(RuntimeCall::Referenda(pallet_referenda::Call::cancel { index })),
			Ok(())
		);
		assert!(matches!(
			ReferendumInfoFor::<Runtime>::get(index),
			Some(ReferendumInfo::Cancelled(..))
		));
		assert_ok!(Referenda::refund_submission_deposit(signed(Alice), index));
		assert_ok!(Referenda::refund_decision_deposit(signed(Alice), index));
		assert_eq!(Balances::reserved_balance(&alice), reserved);

		run_to(enacted + 1);
		assert_eq!(enactment_result(index), None);
		assert!(Guard::pending_changes().is_empty());
	});
}

#[test]
fn the_council_vetoes_a_pending_raise() {
	chain(LOCAL, || {
		assert_ok!(Guard::submit(registrar(), Box::new(register_curator(eve()))));
		let change = only_pending();

		let veto = RuntimeCall::Guard(pallet_guard::Call::cancel { id: change.id });
		assert_eq!(council(veto), Ok(()));
		assert!(Guard::pending_changes().is_empty());
		System::assert_has_event(RuntimeEvent::Guard(pallet_guard::Event::Cancelled {
			id: change.id,
			call_hash: change.call_hash,
			by: Authority::Council,
		}));

		run_to(change.due);
		assert_refused!(
			Guard::execute(signed(Bob), change.id, change.weight),
			GuardError::UnknownChange
		);
		assert!(!is_curator(&eve()));
	});
}

// ---------------------------------------------------------------------------------------------
// 4. A risk-raising change is visible before it applies; a lowering one applies at once.

#[test]
fn a_risk_raising_change_is_visible_before_it_applies() {
	chain(LOCAL, || {
		let register = register_curator(eve());
		let submitted = System::block_number();
		assert_ok!(Guard::submit(registrar(), Box::new(register.clone())));

		let change = only_pending();
		assert_eq!(change.call_hash, hash(&register));
		assert_eq!(change.call, register.encode(), "anyone can decode what is coming");
		assert_eq!(change.domain, Domain::Registry);
		assert_eq!(change.authority, Authority::Track(Domain::Registry));
		assert_eq!(change.submitted_at, submitted);
		assert_eq!(change.due, submitted + 2 * DAYS);
		System::assert_last_event(RuntimeEvent::Guard(pallet_guard::Event::Scheduled {
			id: change.id,
			call_hash: hash(&register),
			domain: Domain::Registry,
			authority: Authority::Track(Domain::Registry),
			due: change.due,
		}));
		assert!(!is_curator(&eve()));

		assert_refused!(
			Guard::execute(signed(Bob), change.id, change.weight),
			GuardError::NotYetDue
		);
		run_to(change.due - 1);
		assert_refused!(
			Guard::execute(signed(Bob), change.id, change.weight),
			GuardError::NotYetDue
		);
		assert!(!is_curator(&eve()));

		run_to(change.due);
		assert_ok!(Guard::execute(signed(Bob), change.id, change.weight));
		assert!(is_curator(&eve()));
		assert!(Guard::pending_changes().is_empty());
	});
}

#[test]
fn a_risk_lowering_change_applies_in_the_same_block() {
	with_stack(LOCAL, |stack| {
		let charlie = who(Charlie);
		let block = System::block_number();

		assert_ok!(Guard::submit(registrar(), Box::new(remove_curator(charlie.clone()))));
		assert!(!is_curator(&charlie));
		assert_ok!(Guard::submit(parameters(), Box::new(set_cap(stack, CAP / 5))));
		assert_eq!(cap(stack), Some(CAP / 5));

		assert_eq!(applied().len(), 2);
		assert!(Guard::pending_changes().is_empty());
		assert_eq!(System::block_number(), block);

		// Raising it back waits.
		assert_ok!(Guard::submit(parameters(), Box::new(set_cap(stack, CAP))));
		assert_eq!(cap(stack), Some(CAP / 5));
		assert_eq!(only_pending().due, block + 2 * DAYS);
	});
}

// ---------------------------------------------------------------------------------------------
// 5. No shortcut around the guard on a real chain.

#[test]
fn on_a_real_chain_not_even_root_skips_the_guard_delay() {
	chain(LOCAL, || {
		assert_eq!(Guard::delay(), 2 * DAYS);
		// The local chain has no sudo key: root is the root track's referendum.
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_refused!(
			Sudo::sudo(signed(Alice), Box::new(guarded(register_curator(eve())))),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);

		// Root cannot call a protocol pallet directly ...
		assert_noop!(
			Filo::register_curator(RuntimeOrigin::root(), eve()),
			DispatchError::BadOrigin
		);
		// ... and what it submits to the guard waits like any other track's change.
		assert_ok!(Guard::submit(RuntimeOrigin::root(), Box::new(register_curator(eve()))));
		let change = only_pending();
		assert_eq!(change.authority, Authority::Root);
		assert_eq!(change.due, System::block_number() + 2 * DAYS);
		assert!(!is_curator(&eve()));
	});
}

#[test]
fn the_development_chain_has_no_guard_delay() {
	chain(DEVELOPMENT, || {
		assert_eq!(Guard::delay(), 0);
		assert_ok!(Sudo::sudo(signed(Alice), Box::new(guarded(register_curator(eve())))));
		System::assert_last_event(RuntimeEvent::Sudo(pallet_sudo::Event::Sudid {
			sudo_result: Ok(()),
		}));
		assert!(is_curator(&eve()));
		assert!(Guard::pending_changes().is_empty());
	});
}

//! Benchmarks of the queue's calls, of closing a round and of settlement (frame-benchmarking v2),
//! against the real vault, which `Config::VaultBenchmarkHelper` prepares.
//!
//! `settle_with_queue` measures ten fills with `q` more tickets waiting behind them (up to
//! 100,000): its slope in `q` shows that a fill's cost does not grow with the queue.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect as _, Unbalanced as _},
	tokens::Precision,
	Get,
};
use frame_support::BoundedVec;
use frame_system::RawOrigin;
use usdai_primitives::{
	beacon::{BeaconBenchmarkHelper as _, BeaconRound},
	chip,
	vault::VaultBenchmarkHelper as _,
	Balance,
};

const USD: Balance = 1_000_000_000_000_000_000;

/// Gives `who` `shares` sUSDai through the vault and 10 CHIP for ticket deposits.
fn fund_shares<T: Config>(who: &T::AccountId, shares: Balance) {
	T::NativeBalance::increase_balance(who, chip::UNIT.saturating_mul(10), Precision::Exact)
		.expect("funded");
	T::VaultBenchmarkHelper::fund_shares(who, shares);
}

/// An account with `tickets` open tickets of 10 sUSDai each (and shares for more).
fn holder<T: Config>(
	name: &'static str,
	index: u32,
	tickets: u32,
) -> (T::AccountId, Vec<TicketId>) {
	let who: T::AccountId = account(name, index, 0);
	fund_shares::<T>(&who, 1_000 * USD);
	let ids = (0..tickets)
		.map(|_| Pallet::<T>::do_request_redemption(who.clone(), 10 * USD, 0).expect("requests"))
		.collect();
	(who, ids)
}

/// Moves ticket `id` to bid `level`, as a round clearing at its bid would.
fn rank<T: Config>(id: TicketId, level: usdai_primitives::BasisPoints) {
	let mut ticket = Tickets::<T>::get(ticket_key(id)).expect("exists");
	let seq = ticket.seq;
	ticket.fee_bps = level;
	Pallet::<T>::move_in_queue(id, &mut ticket, level, seq).expect("moves");
}

/// The benchmarks' beacon: a key they can sign with.
const BEACON_SECRET: [u8; 32] = [0x11; 32];

/// A beacon round the benchmarks bid in (any will do: the clock is set to it).
const BENCH_ROUND: BeaconRound = 1_000_000;

/// The beacon follows the benchmarks' key and the clock stands at `BENCH_ROUND`: bids are
/// sealed to the returned round.
fn open_bidding<T: Config>() -> BeaconRound {
	T::BeaconBenchmarkHelper::follow(BEACON_SECRET);
	T::BeaconBenchmarkHelper::at_round(BENCH_ROUND);
	Pallet::<T>::sealed_round_at(Pallet::<T>::beacon_round_now())
}

/// `who`'s bid of `bid_bps` for `ticket`, sealed to `round` (a bid's plaintext has a fixed
/// length, so the ciphertext is as long as any real one).
fn sealed<T: Config>(
	who: &T::AccountId,
	ticket: TicketId,
	round: BeaconRound,
	bid_bps: usdai_primitives::BasisPoints,
) -> BoundedVec<u8, T::MaxCiphertextLen> {
	use codec::Encode;
	let secret = usdai_timelock::SecretKey::from_be_bytes(&BEACON_SECRET);
	let key = usdai_timelock::public_key_of(&secret);
	let plain = BidPlaintext { ticket, owner: who.clone(), round, bid_bps }.encode();
	let seed = (ticket as u8).wrapping_add(1);
	usdai_timelock::encrypt(&key, round, &plain, [seed; 16], [seed ^ 0x5a; 16], [seed ^ 0xa5; 16])
		.expect("encrypts")
		.try_into()
		.expect("fits MaxCiphertextLen")
}

/// The clock moves to `round`'s close and the beacon has its pulse.
fn close<T: Config>(round: BeaconRound) {
	let secret = usdai_timelock::SecretKey::from_be_bytes(&BEACON_SECRET);
	let signature = usdai_timelock::sign(&secret, round).expect("signs").to_bytes();
	T::BeaconBenchmarkHelper::at_round(round);
	T::BeaconBenchmarkHelper::store_pulse(round, signature);
}

/// The worst case of what a ticket's end or transfer checks of its bids (`bid_binds`,
/// `withdraw_open_bids`): a round being opened with `MaxBidsPerRound` bids opened, none of them
/// `id`'s (the list is read whole), and pending rounds whose bidding has stopped, none holding a
/// bid of `id` (a read each). With `bid`, `who`'s bid for `id` in the round taking bids, which a
/// ticket that ends takes back (`PendingRounds` rewritten), and `MaxPendingRounds − 1` closed
/// rounds; without, all `MaxPendingRounds` closed (a transfer reads them all and takes nothing).
fn bids_around<T: Config>(who: &T::AccountId, id: TicketId, bid: bool) {
	let round = open_bidding::<T>();
	let period = T::RoundPeriod::get();
	let max = u64::from(T::MaxPendingRounds::get());
	let closed = if bid { max.saturating_sub(1) } else { max };
	let pending: Vec<(BeaconRound, u32)> = (0..closed)
		.map(|i| (round.saturating_sub(period.saturating_mul(closed.saturating_sub(i))), 1))
		.collect();
	let first = pending.first().map_or(round, |(r, _)| *r);
	PendingRounds::<T>::put(BoundedVec::truncate_from(pending));
	if bid {
		Pallet::<T>::do_commit_bid(who.clone(), id, round, sealed::<T>(who, id, round, 100))
			.expect("seals");
	}
	let opened: Vec<(TicketId, usdai_primitives::BasisPoints)> = (0..T::MaxBidsPerRound::get())
		.map(|i| (u64::MAX.saturating_sub(u64::from(i)), 1))
		.collect();
	OpenedBids::<T>::put(BoundedVec::truncate_from(opened));
	Opening::<T>::put(crate::types::OpeningRound { round: first, signature: None });
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A request of all the shares the requester holds (its sUSDai account dies) in its first
	/// sUSDai debit of the block (the vault's points mark it), at an empty level zero. (How many
	/// tickets it has open changes no work.)
	#[benchmark]
	fn request_redemption() {
		// The requester's shares come from a ticket given to it and cancelled: nothing has
		// debited it in this block.
		let (giver, given) = holder::<T>("giver", 0, 1);
		let who: T::AccountId = account("holder", 0, 0);
		Pallet::<T>::do_transfer_ticket(giver, given[0], who.clone()).expect("transfers");
		Pallet::<T>::do_cancel(who.clone(), given[0]).expect("cancels");
		let native = T::NativeBalance::minimum_balance()
			.saturating_add(T::TicketDeposit::get().saturating_mul(2));
		T::NativeBalance::increase_balance(&who, native, Precision::Exact).expect("funded");
		assert_eq!(ActiveLevels::<T>::get(), 0);
		let id = NextTicketId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), 10 * USD, 0);
		assert!(Tickets::<T>::contains_key(ticket_key(id)));
	}

	/// Cancelling a ticket filled in part, given to an account that holds nothing: the rest of
	/// its shares back and its proceeds paid to new accounts of the owner, the deposit back to
	/// another account, the ticket's level emptied.
	#[benchmark]
	fn cancel() {
		// Another ticket's fill provides the proceeds, moved to the cancelled one (its own
		// stake would be enough liquidity to fill it in full).
		let (_, filled) = holder::<T>("filled", 0, 1);
		T::VaultBenchmarkHelper::provide_liquidity(20 * USD);
		Budget::<T>::put(SettlementBudget { fills: 1, skips: 0, levels: 1 });
		Pallet::<T>::do_settle();
		let proceeds = Tickets::<T>::get(ticket_key(filled[0])).expect("filled").claimable;
		let (who, ids) = holder::<T>("holder", 0, 1);
		Tickets::<T>::mutate(ticket_key(filled[0]), |t| t.as_mut().map(|t| t.claimable = 0));
		Tickets::<T>::mutate(ticket_key(ids[0]), |t| t.as_mut().map(|t| t.claimable = proceeds));
		assert!(proceeds > 0);
		let owner: T::AccountId = account("owner", 0, 0);
		Pallet::<T>::do_transfer_ticket(who, ids[0], owner.clone()).expect("transfers");
		bids_around::<T>(&owner, ids[0], true);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), ids[0]);
		assert!(!Tickets::<T>::contains_key(ticket_key(ids[0])));
	}

	/// A transfer; it touches neither account's ticket count. Whether a bid binds the ticket is
	/// checked at its worst (`bids_around`).
	#[benchmark]
	fn transfer_ticket() {
		let (who, ids) = holder::<T>("holder", 0, 1);
		bids_around::<T>(&who, ids[0], false);
		let to: T::AccountId = account("receiver", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), ids[0], to.clone());
		assert_eq!(Tickets::<T>::get(ticket_key(ids[0])).map(|t| t.owner), Some(to));
	}

	/// A ticket's first bid to a round: `MaxPendingRounds − 1` earlier rounds still wait for
	/// their pulses (the list it searches and writes is as long as it gets), the round holds
	/// bids already, and the ciphertext is as long as a bid's.
	#[benchmark]
	fn commit_bid() {
		let (who, ids) = holder::<T>("holder", 0, 2);
		let round = open_bidding::<T>();
		let period = T::RoundPeriod::get();
		let earlier = u64::from(T::MaxPendingRounds::get().saturating_sub(1));
		let pending: Vec<(BeaconRound, u32)> = (0..earlier)
			.map(|i| (round.saturating_sub(period.saturating_mul(earlier.saturating_sub(i))), 0))
			.collect();
		PendingRounds::<T>::put(BoundedVec::truncate_from(pending));
		Pallet::<T>::do_commit_bid(who.clone(), ids[1], round, sealed::<T>(&who, ids[1], round, 1))
			.expect("seals");
		let ciphertext = sealed::<T>(&who, ids[0], round, 100);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), ids[0], round, ciphertext);
		assert!(SealedBids::<T>::contains_key(round, ids[0]));
	}

	/// The block that begins opening a round: it copies the pulse and opens `n` valid bids
	/// (each a pairing, a G2 multiplication and the AEAD, then the ticket read).
	#[benchmark]
	fn open_bids(n: Linear<1, { T::MaxOpensPerBlock::get() }>) {
		let round = open_bidding::<T>();
		for i in 0..n {
			let (who, ids) = holder::<T>("holder", i, 1);
			Pallet::<T>::do_commit_bid(
				who.clone(),
				ids[0],
				round,
				sealed::<T>(&who, ids[0], round, 100),
			)
			.expect("seals");
		}
		close::<T>(round);
		let now = frame_system::Pallet::<T>::block_number();
		// From one bid: the idle block (`open_bids(0)`, which reads the pending rounds and finds
		// none due) is another path, cheaper, and charged the fitted line's base.
		#[block]
		{
			Pallet::<T>::do_open_bids(now);
		}
		assert_eq!(OpenedBids::<T>::get().len() as u32, n);
	}

	/// Clearing a round of `n` valid bids that all win, each moving its ticket from a bid level
	/// of its own to another of its own (as far as the levels go round): every move reads and
	/// writes two levels' totals no other move touched. For all to win the lowest bid (one
	/// basis point) must hold half the round's bid value: its ticket is a large one.
	#[benchmark]
	fn clear_round(n: Linear<0, { T::MaxBidsPerRound::get() }>) {
		let top = T::MaxBidBps::get();
		let levels = top.saturating_add(1);
		let round = open_bidding::<T>();
		let mut opened = Vec::new();
		for i in 0..n {
			// Ticket `i` moves from level `2i` to bid `2i + 1`: no other move touches either
			// level (as far as the 1,001 levels go), so each move reads and writes two levels'
			// totals. The first, the whale's, bids 1 from level 0.
			let twice = i.saturating_mul(2);
			let bid = match twice.saturating_add(1).checked_rem(levels).unwrap_or_default() {
				0 => top,
				bid => bid,
			};
			let id = if bid == 1 {
				// The lowest bid holds more than every other bid's value together.
				let whale: T::AccountId = account("whale", i, 0);
				fund_shares::<T>(&whale, 20_000_000 * USD);
				Pallet::<T>::do_request_redemption(whale, 10_000_000 * USD, 0).expect("requests")
			} else {
				holder::<T>("holder", i, 1).1[0]
			};
			rank::<T>(id, twice.checked_rem(levels).unwrap_or_default());
			opened.push((id, bid));
		}
		PendingRounds::<T>::put(BoundedVec::truncate_from(alloc::vec![(round, 0)]));
		OpenedBids::<T>::put(BoundedVec::truncate_from(opened));
		Opening::<T>::put(crate::types::OpeningRound { round, signature: None });
		let now = frame_system::Pallet::<T>::block_number();
		#[block]
		{
			Pallet::<T>::do_open_bids(now);
		}
		assert!(PendingRounds::<T>::get().is_empty());
		assert!(Opening::<T>::get().is_none());
	}

	/// Settlement of `f` full fills at one level, each paying a bid (the fees vest in the vault),
	/// after `s` tickets skipped for their `min_out` (each sent from the top bid level to the
	/// back of level zero). Every visit of a block may be a skip, so `s` goes up to
	/// `MaxVisitsPerBlock`.
	#[benchmark]
	fn settle(
		f: Linear<1, { T::MaxFillsPerBlock::get() }>,
		s: Linear<0, { T::MaxVisitsPerBlock::get() }>,
	) {
		let top = T::MaxBidBps::get();
		for i in 0..s {
			let who: T::AccountId = account("skipped", i, 0);
			fund_shares::<T>(&who, 100 * USD);
			let id = Pallet::<T>::do_request_redemption(who, 10 * USD, Balance::MAX / 4)
				.expect("requests");
			rank::<T>(id, top);
		}
		for i in 0..f {
			let who: T::AccountId = account("filled", i, 0);
			fund_shares::<T>(&who, 100 * USD);
			let id = Pallet::<T>::do_request_redemption(who, 10 * USD, 0).expect("requests");
			rank::<T>(id, 1);
		}
		// One more ticket waits beyond the budget, so the escrow never empties: emptying it (an
		// account write at most once a block) is measured by `settle_levels`, which every
		// reserve includes.
		let (_, _) = holder::<T>("waiting", 0, 1);
		T::VaultBenchmarkHelper::provide_liquidity(
			Balance::from(f.saturating_add(1)).saturating_mul(20 * USD),
		);
		Budget::<T>::put(SettlementBudget { fills: f, skips: s, levels: 2 });
		#[block]
		{
			Pallet::<T>::do_settle();
		}
		assert_eq!(TotalTickets::<T>::get(), s.saturating_add(1));
	}

	/// Settlement that skips `l` tickets for their `min_out`, each from a bid level of its own:
	/// each skip also reads and writes (and empties) its level's totals.
	#[benchmark]
	fn settle_skip_levels(l: Linear<1, { T::MaxVisitsPerBlock::get().min(T::MaxBidBps::get()) }>) {
		let top = T::MaxBidBps::get();
		for i in 0..l {
			let who: T::AccountId = account("skipped", i, 0);
			fund_shares::<T>(&who, 100 * USD);
			let id = Pallet::<T>::do_request_redemption(who, 10 * USD, Balance::MAX / 4)
				.expect("requests");
			rank::<T>(id, top.saturating_sub(i));
		}
		T::VaultBenchmarkHelper::provide_liquidity(20 * USD);
		Budget::<T>::put(SettlementBudget { fills: 1, skips: l, levels: l });
		#[block]
		{
			Pallet::<T>::do_settle();
		}
		assert_eq!(Levels::<T>::get(0).tickets, l);
		assert_eq!(ActiveLevels::<T>::get(), 1);
	}

	/// Settlement of `l` full fills, each at a bid level of its own (each level's totals
	/// written).
	#[benchmark]
	fn settle_levels(l: Linear<1, { T::MaxFillsPerBlock::get().min(T::MaxBidBps::get()) }>) {
		let top = T::MaxBidBps::get();
		for i in 0..l {
			let who: T::AccountId = account("ranked", i, 0);
			fund_shares::<T>(&who, 100 * USD);
			let id = Pallet::<T>::do_request_redemption(who, 10 * USD, 0).expect("requests");
			rank::<T>(id, top.saturating_sub(i));
		}
		T::VaultBenchmarkHelper::provide_liquidity(
			Balance::from(l.saturating_add(1)).saturating_mul(20 * USD),
		);
		Budget::<T>::put(SettlementBudget { fills: l, skips: 0, levels: l });
		#[block]
		{
			Pallet::<T>::do_settle();
		}
		assert_eq!(TotalTickets::<T>::get(), 0);
	}

	/// Claiming a ticket filled in full and given to an account that holds nothing: its USDai
	/// paid to a new account, the ticket ended, its deposit released to another account.
	#[benchmark]
	fn claim() {
		let (who, ids) = holder::<T>("holder", 0, 1);
		// Its bid in the round taking bids is taken back when the ticket ends.
		bids_around::<T>(&who, ids[0], true);
		T::VaultBenchmarkHelper::provide_liquidity(20 * USD);
		Budget::<T>::put(SettlementBudget { fills: 1, skips: 0, levels: 1 });
		Pallet::<T>::do_settle();
		assert!(Tickets::<T>::get(ticket_key(ids[0])).is_some_and(|t| !t.is_waiting()));
		let owner: T::AccountId = account("owner", 0, 0);
		Pallet::<T>::do_transfer_ticket(who.clone(), ids[0], owner).expect("transfers");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), ids[0]);
		assert!(!Tickets::<T>::contains_key(ticket_key(ids[0])));
	}

	/// Ten fills with `q` more tickets waiting behind them.
	#[benchmark]
	fn settle_with_queue(q: Linear<10, 100_000>) {
		for i in 0..10u32 {
			let who: T::AccountId = account("filled", i, 0);
			fund_shares::<T>(&who, 100 * USD);
			Pallet::<T>::do_request_redemption(who, 10 * USD, 0).expect("requests");
		}
		// The waiting tickets only need to be in the queue's storage: settlement never reaches
		// them.
		let owner: T::AccountId = account("waiting", 0, 0);
		let first = NextTicketId::<T>::get();
		for id in first..first.saturating_add(u64::from(q)) {
			let ticket = Ticket {
				owner: owner.clone(),
				shares: USD,
				requested: USD,
				min_out: 0,
				level: 0,
				seq: id,
				deposit: 0,
				depositor: owner.clone(),
				claimable: 0,
				fee_bps: 0,
			};
			Queue::<T>::insert(position(0, id), id);
			Tickets::<T>::insert(ticket_key(id), ticket);
		}
		T::VaultBenchmarkHelper::provide_liquidity(200 * USD);
		Budget::<T>::put(SettlementBudget { fills: 10, skips: 0, levels: 1 });
		#[block]
		{
			Pallet::<T>::do_settle();
		}
		assert!(Tickets::<T>::contains_key(ticket_key(first)));
	}

	/// The control for `settle_with_queue`: ten fills with `q` unrelated keys added to the
	/// state instead of waiting tickets. What both grow by is the state's size, not the queue.
	#[benchmark]
	fn settle_with_state(q: Linear<10, 100_000>) {
		for i in 0..10u32 {
			let who: T::AccountId = account("filled", i, 0);
			fund_shares::<T>(&who, 100 * USD);
			Pallet::<T>::do_request_redemption(who, 10 * USD, 0).expect("requests");
		}
		for i in 0..q {
			let key = sp_io::hashing::twox_128(&i.to_le_bytes());
			frame_support::storage::unhashed::put(&[b"qev:bench:".as_slice(), &key].concat(), &i);
		}
		T::VaultBenchmarkHelper::provide_liquidity(200 * USD);
		Budget::<T>::put(SettlementBudget { fills: 10, skips: 0, levels: 1 });
		#[block]
		{
			Pallet::<T>::do_settle();
		}
		assert_eq!(TotalTickets::<T>::get(), 0);
	}

	/// `on_initialize` reserving settlement, on its longest path: tickets wait and the vault
	/// has liquidity, so it reads the redemption rate and records a budget.
	#[benchmark]
	fn reserve() {
		let (_, _) = holder::<T>("waiting", 0, 1);
		T::VaultBenchmarkHelper::provide_liquidity(20 * USD);
		#[block]
		{
			Pallet::<T>::settlement_reserve();
		}
		assert_eq!(Budget::<T>::get().fills, 1);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

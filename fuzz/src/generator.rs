//! The protocol-aware generator: it looks at the live state (receipts, stacks, loans, auctions,
//! tickets, locks, outbound messages, pending attestations) and picks a weighted action with
//! arguments drawn from it: existing ids and their off-by-one neighbours, amounts around what
//! the caller holds or owes, the right caller or someone else. A case-wide hostility sets how
//! often an argument is a boundary value (0, 1, the minimum balance ± 1, `u128::MAX`) or another
//! account's id rather than a sensible one.
//!
//! Every action becomes concrete [`Step`]s, so a case can be replayed and shrunk without the
//! generator.

use crate::{
	actors,
	chain::{Step, Who},
	entropy::Entropy,
};
use codec::{DecodeLimit, Encode};
use frame_support::BoundedVec;
use pallet_caliber::{GpuModel, Insurance, ReceiptInfo, ReceiptStatus};
use pallet_filo::{Amortization, DayCount, LoanStatus, StackTerms};
use pallet_qev::TicketId;
use pallet_treasury_bridge::{Deposit, DepositAction, NavReport, OutboundMessage, Resolution};
use sp_core::H256;
use sp_runtime::Perbill;
use usdai_primitives::{
	assets::{SUSDAI, USDAI, USDC, USDT},
	AssetId, Balance, LoanId, ReceiptId, StackId,
};
use usdai_runtime::{
	constants::tokens::{STABLECOIN_MIN_BALANCE, USDAI_MIN_BALANCE},
	genesis_config_presets::DEV_DATA_CENTRES,
	AccountId, Assets, Balances, Caliber, Filo, Gauges, Runtime, RuntimeCall, Usdai, DAYS, UNIT,
};

/// A dollar of USDai or sUSDai (18 decimals).
pub const USD: Balance = 1_000_000_000_000_000_000;
/// A dollar of a bridged stablecoin (6 decimals).
pub const USD6: Balance = 1_000_000;
/// A gauge epoch in blocks.
const EPOCH: u32 = usdai_runtime::constants::time::GAUGE_EPOCH;

/// What the generator can do, each with a weight (see [`Generator::next_action`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
	Credit,
	RelayerMischief,
	SleeveReturn,
	AttestOutbound,
	Nav,
	RequestWithdrawal,
	Rebalance,
	Deposit,
	Redeem,
	Stake,
	IssueReceipt,
	PostValuation,
	RenewInsurance,
	Release,
	OpenStack,
	FirstLoss,
	Propose,
	Accept,
	CancelProposal,
	Repay,
	DeclareDefault,
	Cure,
	Bid,
	Auction,
	Request,
	Commit,
	Pulse,
	CancelTicket,
	TransferTicket,
	Claim,
	Lock,
	ExtendLock,
	Unlock,
	Vote,
	AddBribe,
	ClaimBribes,
	ReclaimBribe,
	ClaimFees,
	BuyBackstop,
	Governance,
	GovernanceBySigned,
	Transfer,
	Batch,
	Raw,
}

/// The actions and their weights.
pub const ACTIONS: &[(Action, u32)] = &[
	(Action::Credit, 7),
	(Action::RelayerMischief, 2),
	(Action::SleeveReturn, 3),
	(Action::AttestOutbound, 3),
	(Action::Nav, 3),
	(Action::RequestWithdrawal, 3),
	(Action::Rebalance, 2),
	(Action::Deposit, 4),
	(Action::Redeem, 4),
	(Action::Stake, 6),
	(Action::IssueReceipt, 3),
	(Action::PostValuation, 4),
	(Action::RenewInsurance, 1),
	(Action::Release, 2),
	(Action::OpenStack, 2),
	(Action::FirstLoss, 3),
	(Action::Propose, 6),
	(Action::Accept, 5),
	(Action::CancelProposal, 1),
	(Action::Repay, 8),
	(Action::DeclareDefault, 3),
	(Action::Cure, 2),
	(Action::Bid, 4),
	(Action::Auction, 3),
	(Action::Request, 5),
	(Action::Commit, 3),
	(Action::Pulse, 3),
	(Action::CancelTicket, 2),
	(Action::TransferTicket, 1),
	(Action::Claim, 3),
	(Action::Lock, 3),
	(Action::ExtendLock, 1),
	(Action::Unlock, 1),
	(Action::Vote, 3),
	(Action::AddBribe, 2),
	(Action::ClaimBribes, 2),
	(Action::ReclaimBribe, 1),
	(Action::ClaimFees, 2),
	(Action::BuyBackstop, 2),
	(Action::Governance, 5),
	(Action::GovernanceBySigned, 2),
	(Action::Transfer, 4),
	(Action::Batch, 1),
	(Action::Raw, 2),
];

/// The generator of one case.
pub struct Generator {
	/// The case's choices.
	pub e: Entropy,
	signers: Vec<AccountId>,
	/// Percent of arguments that are hostile in this case.
	hostility: u64,
	/// Source-chain transaction counter for deposits.
	tx: u64,
	/// This case's action weights: [`ACTIONS`] with the borrowers' discipline drawn per case
	/// (some cases repay diligently, in others loans go unpaid into default and auction).
	weights: Vec<u32>,
	/// Steer clear of the [`known`](crate::known) counterexamples that would end a case (the
	/// dust leaks are absorbed by the checks instead).
	avoid_known: bool,
}

/// The development beacon the chain's genesis follows (its secret is public).
fn dev_beacon() -> usdai_timelock::SecretKey {
	usdai_timelock::SecretKey::from_be_bytes(&usdai_timelock::dev::SECRET_KEY)
}

fn signed(who: &AccountId, call: RuntimeCall) -> Step {
	Step::Call { who: Who::Signed(who.clone()), call }
}

fn root(call: RuntimeCall) -> Step {
	Step::Call { who: Who::Root, call }
}

fn balance(asset: AssetId, who: &AccountId) -> Balance {
	Assets::balance(asset, who)
}

fn chip(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

fn now_secs() -> u64 {
	pallet_timestamp::Now::<Runtime>::get() / 1_000
}

fn relayers() -> Vec<AccountId> {
	pallet_treasury_bridge::Relayers::<Runtime>::get().into_inner()
}

fn threshold() -> usize {
	pallet_treasury_bridge::Threshold::<Runtime>::get() as usize
}

fn receipts() -> Vec<(ReceiptId, pallet_caliber::Receipt<AccountId>)> {
	pallet_caliber::Receipts::<Runtime>::iter().collect()
}

fn holder(id: ReceiptId) -> Option<AccountId> {
	Caliber::receipt_view(id).map(|v| v.holder)
}

fn stacks() -> Vec<(StackId, pallet_filo::Stack<AccountId>)> {
	pallet_filo::Stacks::<Runtime>::iter().collect()
}

fn loans() -> Vec<(LoanId, pallet_filo::Loan<AccountId, u32>)> {
	pallet_filo::Loans::<Runtime>::iter().collect()
}

fn tickets() -> Vec<(TicketId, pallet_qev::Ticket<AccountId>)> {
	pallet_qev::Tickets::<Runtime>::iter().map(|(k, t)| (pallet_qev::ticket_id(k), t)).collect()
}

/// The vault is paused or its circuit breaker tripped.
fn vault_stuck() -> bool {
	let p = pallet_usdai::Paused::<Runtime>::get();
	p.deposits || p.stakes || pallet_usdai::BreakerTripped::<Runtime>::get()
}

fn stack_ids() -> Vec<u64> {
	pallet_filo::Stacks::<Runtime>::iter_keys().map(u64::from).collect()
}

impl Generator {
	/// A generator drawing from `e`; with `avoid_known`, it does not make the governance
	/// mistakes listed in [`known`](crate::known).
	pub fn new(mut e: Entropy, avoid_known: bool) -> Self {
		let hostility = *e.pick(&[5, 10, 20, 35]).unwrap_or(&10);
		let repay = *e.pick(&[0, 2, 8, 12]).unwrap_or(&8);
		let weights = ACTIONS
			.iter()
			.map(|(a, w)| match a {
				Action::Repay => repay,
				Action::Cure => repay / 2,
				_ => *w,
			})
			.collect();
		Self { e, signers: actors::signers(), hostility, tx: 0, weights, avoid_known }
	}

	fn hostile(&mut self) -> bool {
		self.e.chance(self.hostility)
	}

	/// Any signer.
	fn anyone(&mut self) -> AccountId {
		let i = self.e.index(self.signers.len());
		self.signers[i].clone()
	}

	/// A signer holding some of `asset` (anyone when hostile or when nobody does).
	fn holder_of(&mut self, asset: AssetId) -> AccountId {
		let holders: Vec<AccountId> =
			self.signers.iter().filter(|a| balance(asset, a) > 0).cloned().collect();
		match self.e.pick(&holders) {
			Some(h) if !self.hostile() => h.clone(),
			_ => self.anyone(),
		}
	}

	/// A signer with CHIP locked (anyone when hostile or when nobody has).
	fn locker(&mut self) -> AccountId {
		let lockers: Vec<AccountId> = self
			.signers
			.iter()
			.filter(|a| Gauges::latest_position(a).is_some_and(|(_, p)| !p.locks.is_empty()))
			.cloned()
			.collect();
		match self.e.pick(&lockers) {
			Some(h) if !self.hostile() => h.clone(),
			_ => self.anyone(),
		}
	}

	/// `right`, or (when hostile) someone else.
	fn or_other(&mut self, right: &AccountId) -> AccountId {
		if self.hostile() {
			self.anyone()
		} else {
			right.clone()
		}
	}

	/// An account as an argument: mostly a signer, sometimes a pallet account or a stranger.
	fn target(&mut self) -> AccountId {
		if self.hostile() {
			match self.e.below(3) {
				0 => {
					let p = actors::pallet_accounts();
					p[self.e.index(p.len())].clone()
				},
				1 => AccountId::from(self.e.bytes32()),
				_ => self.anyone(),
			}
		} else {
			self.anyone()
		}
	}

	/// An amount of a token with `unit` base units per dollar and minimum balance `min`, around
	/// `reference` (what the caller holds or owes).
	fn amount(&mut self, reference: Balance, unit: Balance, min: Balance) -> Balance {
		if self.hostile() {
			return match self.e.below(10) {
				0 => 0,
				1 => 1,
				2 => min.saturating_sub(1),
				3 => min,
				4 => min.saturating_add(1),
				5 => Balance::MAX,
				6 => reference.saturating_add(1),
				7 => reference.saturating_sub(1),
				8 => unit.saturating_mul(u128::from(self.e.range(1, 1_000_000_000))),
				_ => self.e.range128(1, unit),
			};
		}
		match self.e.below(10) {
			0..=2 => reference,
			3..=7 => reference / 100 * u128::from(self.e.range(1, 99)),
			_ => unit.saturating_mul(u128::from(self.e.range(1, 100_000))),
		}
	}

	/// A dollar amount of a bridged stablecoin for a deposit.
	fn deposit_amount(&mut self) -> Balance {
		if self.hostile() {
			return *self
				.e
				.pick(&[
					1,
					STABLECOIN_MIN_BALANCE - 1,
					STABLECOIN_MIN_BALANCE,
					STABLECOIN_MIN_BALANCE + 1,
					USD6 - 1,
					12_000_000 * USD6,
					10_000_000 * USD6 + 5_000,
					u128::from(u64::MAX),
				])
				.unwrap_or(&1);
		}
		match self.e.below(10) {
			0 => u128::from(self.e.range(1, 10_000)) * USD6 + u128::from(self.e.below(USD6 as u64)),
			1..=6 => u128::from(self.e.range(1_000, 500_000)) * USD6,
			_ => u128::from(self.e.range(500_000, 4_000_000)) * USD6,
		}
	}

	/// An id among `live` (mostly), the next unused one, or a far one.
	fn pick_id(&mut self, live: &[u64], next: u64) -> u64 {
		if !live.is_empty() && !self.hostile() {
			return live[self.e.index(live.len())];
		}
		match self.e.below(5) {
			0 => next,
			1 => next.saturating_add(1),
			2 => u64::MAX,
			3 => 0,
			_ => live.get(self.e.index(live.len())).copied().unwrap_or(next),
		}
	}

	/// How many blocks the next advance jumps: mostly one, sometimes a qev round, hours, days,
	/// a gauge epoch or a loan period.
	pub fn lapse(&mut self) -> u32 {
		let r = self.e.below(100);
		let (lo, hi) = match r {
			0..=59 => (1, 1),
			60..=74 => (2, 20),
			75..=84 => (20, 200),
			85..=91 => (200, 3_000),
			92..=96 => (3_000, 20_000),
			97..=98 => (20_000, 2 * EPOCH),
			_ => (2 * EPOCH, 35 * DAYS),
		};
		self.e.range(u64::from(lo), u64::from(hi)) as u32
	}

	/// The steps that set a case up: liquidity bridged in and staked, a curator's stack with a
	/// cap, receipts valued by the appraisers, often shorter loan periods, locks and votes. All
	/// through ordinary calls (nothing is written to storage behind the runtime's back).
	pub fn bootstrap(&mut self) -> Vec<Script> {
		let mut plan = Vec::new();
		if self.e.chance(10) {
			return plan;
		}
		let charlie = actors::signers()[2].clone();
		plan.push(Script::Fund { who: charlie.clone(), dollars: 300_000, into_usdai: true });
		for _ in 0..self.e.range(2, 5) {
			let who = self.anyone();
			let dollars = self.e.range(20_000, 3_000_000) as u128;
			plan.push(Script::Fund { who: who.clone(), dollars, into_usdai: self.e.chance(80) });
			if self.e.chance(75) {
				plan.push(Script::Stake { who, percent: self.e.range(30, 100) as u128 });
			}
		}
		if self.e.chance(70) {
			plan.push(Script::ShortLoanPeriods);
		}
		plan.push(Script::OpenStack {
			who: charlie,
			dollars: self.e.range(20_000, 200_000) as u128,
		});
		plan.push(Script::CapStacks);
		for _ in 0..self.e.range(1, 4) {
			plan.push(Script::Receipt { dollars: self.e.range(50_000, 1_000_000) as u128 });
		}
		for _ in 0..self.e.range(0, 3) {
			plan.push(Script::Action(Action::Propose));
			plan.push(Script::Action(Action::Accept));
		}
		for _ in 0..self.e.range(0, 3) {
			plan.push(Script::Action(Action::Lock));
			plan.push(Script::Action(Action::Vote));
		}
		if self.e.chance(30) {
			plan.push(Script::SleeveTarget);
		}
		plan
	}

	/// The steps of one scripted part of the set-up (read against the live state).
	pub fn script(&mut self, s: &Script) -> Vec<Step> {
		let saved = self.hostility;
		self.hostility = 0;
		let steps = match s {
			Script::Fund { who, dollars, into_usdai } => {
				self.credit(who.clone(), USDC, dollars * USD6, *into_usdai)
			},
			Script::Stake { who, percent } => {
				let usdai = balance(USDAI, who) / 100 * percent;
				vec![signed(
					who,
					RuntimeCall::Usdai(pallet_usdai::Call::stake { usdai, min_shares: 0 }),
				)]
			},
			Script::ShortLoanPeriods => self.short_loan_periods(),
			Script::OpenStack { who, dollars } => {
				let terms = self.terms();
				vec![signed(
					who,
					RuntimeCall::Filo(pallet_filo::Call::open_stack {
						first_loss: dollars * USD,
						terms,
					}),
				)]
			},
			Script::CapStacks => pallet_filo::Stacks::<Runtime>::iter_keys()
				.map(|stack| {
					root(RuntimeCall::Filo(pallet_filo::Call::set_stack_cap {
						stack,
						cap: Some(50_000_000 * USD),
					}))
				})
				.collect(),
			Script::Receipt { dollars } => {
				let holder = self.anyone();
				self.issue(holder, dollars * USD, true)
			},
			Script::SleeveTarget => vec![root(RuntimeCall::TreasuryBridge(
				pallet_treasury_bridge::Call::set_sleeve_target {
					bps: self.e.range(1_000, 8_000) as u32,
				},
			))],
			Script::Action(a) => self.action(*a),
		};
		self.hostility = saved;
		steps
	}

	/// One weighted random action against the live state.
	pub fn next_action(&mut self) -> Vec<Step> {
		let i = self.e.weighted(&self.weights);
		let a = ACTIONS[i].0;
		self.action(a)
	}

	/// The steps of action `a`. Keyless pallet accounts never sign (they may hold receipts,
	/// tickets or roles that hostile arguments gave them, but nobody has their key).
	pub fn action(&mut self, a: Action) -> Vec<Step> {
		let keyless = actors::pallet_accounts();
		let steps = self.action_steps(a);
		steps
			.into_iter()
			.map(|step| match step {
				Step::Call { who: Who::Signed(w), call } if keyless.contains(&w) => {
					Step::Call { who: Who::Signed(self.anyone()), call }
				},
				other => other,
			})
			.collect()
	}

	fn action_steps(&mut self, a: Action) -> Vec<Step> {
		match a {
			Action::Credit => {
				let who = self.target();
				let asset = if self.e.chance(70) { USDC } else { USDT };
				let amount = self.deposit_amount();
				let into = self.e.chance(55);
				self.credit(who, asset, amount, into)
			},
			Action::RelayerMischief => self.relayer_mischief(),
			Action::SleeveReturn => self.sleeve_return(),
			Action::AttestOutbound => self.attest_outbound(),
			Action::Nav => self.nav(),
			Action::RequestWithdrawal => {
				let asset = self.stablecoin();
				let who = self.holder_of(asset);
				let amount = self.amount(balance(asset, &who), USD6, STABLECOIN_MIN_BALANCE);
				let len = if self.hostile() { self.e.range(0, 64) } else { 20 } as usize;
				let destination = BoundedVec::truncate_from(self.e.bytes(len));
				vec![signed(
					&who,
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::request_withdrawal {
						asset,
						amount,
						destination,
					}),
				)]
			},
			Action::Rebalance => {
				let who = self.anyone();
				let asset = self.stablecoin();
				vec![signed(
					&who,
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::rebalance_sleeve {
						asset,
					}),
				)]
			},
			Action::Deposit | Action::Stake if self.e.chance(40) && vault_stuck() => {
				// Governance reopens the vault after a pause or a tripped breaker.
				vec![
					root(RuntimeCall::Usdai(pallet_usdai::Call::set_paused {
						state: Default::default(),
					})),
					root(RuntimeCall::Usdai(pallet_usdai::Call::reset_circuit_breaker {})),
				]
			},
			Action::Deposit => {
				let asset = self.stablecoin();
				let who = self.holder_of(asset);
				let amount = self.amount(balance(asset, &who), USD6, STABLECOIN_MIN_BALANCE);
				let min_out = self.min_out(amount.saturating_mul(1_000_000_000_000));
				vec![signed(
					&who,
					RuntimeCall::Usdai(pallet_usdai::Call::deposit { asset, amount, min_out }),
				)]
			},
			Action::Redeem => {
				let who = self.holder_of(USDAI);
				let asset = self.stablecoin();
				let usdai = self.amount(balance(USDAI, &who), USD, USDAI_MIN_BALANCE);
				let min_out = self.min_out(usdai / 1_000_000_000_000);
				vec![signed(
					&who,
					RuntimeCall::Usdai(pallet_usdai::Call::redeem { asset, usdai, min_out }),
				)]
			},
			Action::Stake => {
				let who = self.holder_of(USDAI);
				let usdai = self.amount(balance(USDAI, &who), USD, USDAI_MIN_BALANCE);
				let min_shares = self.min_out(Usdai::preview_stake(usdai).unwrap_or_default());
				vec![signed(
					&who,
					RuntimeCall::Usdai(pallet_usdai::Call::stake { usdai, min_shares }),
				)]
			},
			Action::IssueReceipt => {
				let holder = self.target();
				let appraisal = self.amount(1_000_000 * USD, USD, USD);
				let valued = self.e.chance(70);
				self.issue(holder, appraisal, valued)
			},
			Action::PostValuation => self.post_valuation(),
			Action::RenewInsurance => {
				let Some((id, r)) = self.some_receipt() else { return vec![] };
				let who = self.or_other(&r.custodian);
				let insurance = self.insurance(r.info.appraisal);
				vec![signed(
					&who,
					RuntimeCall::Caliber(pallet_caliber::Call::renew_insurance {
						receipt: id,
						insurance,
					}),
				)]
			},
			Action::Release => self.release(),
			Action::OpenStack => {
				let who = self.curator();
				let first_loss = self.amount(balance(USDAI, &who), USD, USDAI_MIN_BALANCE);
				let terms = self.terms();
				vec![signed(
					&who,
					RuntimeCall::Filo(pallet_filo::Call::open_stack { first_loss, terms }),
				)]
			},
			Action::FirstLoss => {
				let Some((stack, s)) = self.some_stack() else { return vec![] };
				let who = self.or_other(&s.curator);
				if self.e.chance(50) {
					let amount = self.amount(balance(USDAI, &who), USD, USDAI_MIN_BALANCE);
					vec![signed(
						&who,
						RuntimeCall::Filo(pallet_filo::Call::add_first_loss { stack, amount }),
					)]
				} else {
					let amount = self.amount(s.first_loss, USD, USDAI_MIN_BALANCE);
					vec![signed(
						&who,
						RuntimeCall::Filo(pallet_filo::Call::withdraw_first_loss { stack, amount }),
					)]
				}
			},
			Action::Propose => self.propose(),
			Action::Accept => {
				let Some((id, loan)) =
					self.some_loan(|l| matches!(l.status, LoanStatus::Proposed { .. }))
				else {
					return vec![];
				};
				let who = self.or_other(&loan.borrower);
				vec![signed(&who, RuntimeCall::Filo(pallet_filo::Call::accept_loan { loan: id }))]
			},
			Action::CancelProposal => {
				let Some((id, loan)) =
					self.some_loan(|l| matches!(l.status, LoanStatus::Proposed { .. }))
				else {
					return vec![];
				};
				let curator = pallet_filo::Stacks::<Runtime>::get(loan.stack)
					.map(|s| s.curator)
					.unwrap_or_else(|| loan.borrower.clone());
				let who = self.or_other(&curator);
				vec![signed(
					&who,
					RuntimeCall::Filo(pallet_filo::Call::cancel_proposal { loan: id }),
				)]
			},
			Action::Repay => self.repay(),
			Action::DeclareDefault => {
				let Some((id, _)) = self.some_loan(|l| matches!(l.status, LoanStatus::Active))
				else {
					return vec![];
				};
				let who = self.anyone();
				vec![signed(
					&who,
					RuntimeCall::Filo(pallet_filo::Call::declare_default { loan: id }),
				)]
			},
			Action::Cure => {
				let Some((id, loan)) =
					self.some_loan(|l| matches!(l.status, LoanStatus::Defaulted { .. }))
				else {
					return vec![];
				};
				let who = self.or_other(&loan.borrower);
				vec![signed(&who, RuntimeCall::Filo(pallet_filo::Call::cure { loan: id }))]
			},
			Action::Bid => self.bid(),
			Action::Auction => {
				let Some((id, loan)) = self.some_loan(|l| {
					matches!(l.status, LoanStatus::Auction | LoanStatus::Defaulted { .. })
				}) else {
					return vec![];
				};
				let curator = pallet_filo::Stacks::<Runtime>::get(loan.stack)
					.map(|s| s.curator)
					.unwrap_or_else(|| loan.borrower.clone());
				let call = match self.e.below(3) {
					0 => pallet_filo::Call::settle_auction { loan: id },
					1 => pallet_filo::Call::start_auction { loan: id },
					_ => pallet_filo::Call::take_collateral { loan: id },
				};
				let who = self.or_other(&curator);
				vec![signed(&who, RuntimeCall::Filo(call))]
			},
			Action::Request => {
				let who = self.holder_of(SUSDAI);
				let shares = self.amount(balance(SUSDAI, &who), USD, USD);
				let value = Usdai::shares_value(shares).unwrap_or_default();
				let min_out = self.min_out(value);
				vec![signed(
					&who,
					RuntimeCall::Qev(pallet_qev::Call::request_redemption { shares, min_out }),
				)]
			},
			Action::Commit => {
				let Some((id, t)) = self.waiting_ticket() else { return vec![] };
				let who = self.or_other(&t.owner);
				let open = usdai_runtime::Qev::sealed_round().map_or(0, |sealed| sealed.round);
				// Mostly the round open now; sometimes another.
				let round = if self.hostile() {
					*self.e.pick(&[open.saturating_sub(200), open + 200, open + 1, 0]).unwrap_or(&0)
				} else {
					open
				};
				let plain = pallet_qev::BidPlaintext {
					// A hostile bid names another ticket, owner or round, or bids too much.
					ticket: if self.hostile() { id + 1 } else { id },
					owner: self.or_other(&t.owner),
					round: if self.hostile() { round + 1 } else { round },
					bid_bps: self.bid_bps(),
				};
				let ciphertext = if self.hostile() {
					let len = self.e.range(0, 256) as usize;
					(0..len).map(|_| self.e.range(0, 256) as u8).collect()
				} else {
					let key = usdai_timelock::public_key_of(&dev_beacon());
					let seed = self.e.bytes32();
					let mut part = [0u8; 16];
					part.copy_from_slice(&seed[..16]);
					let mut nonce = [0u8; 16];
					nonce.copy_from_slice(&seed[16..]);
					usdai_timelock::encrypt(&key, round, &plain.encode(), part, nonce, part)
						.unwrap_or_default()
				};
				let ciphertext = ciphertext.try_into().unwrap_or_default();
				vec![signed(
					&who,
					RuntimeCall::Qev(pallet_qev::Call::commit_bid {
						ticket: id,
						round,
						ciphertext,
					}),
				)]
			},
			Action::Pulse => {
				// Mostly a round the queue waits for, signed by the development beacon (the
				// chain's); sometimes another round, or another beacon's signature.
				let wanted = usdai_runtime::Beacon::wanted_rounds();
				let round = match self.e.pick(&wanted) {
					Some(r) if !self.hostile() => *r,
					_ => self.e.range(0, 2_000_000_000),
				};
				let secret = if self.hostile() {
					usdai_timelock::SecretKey::from_be_bytes(&self.e.bytes32())
				} else {
					dev_beacon()
				};
				let Ok(signature) = usdai_timelock::sign(&secret, round) else { return vec![] };
				vec![Step::Call {
					who: Who::Unsigned,
					call: RuntimeCall::Beacon(pallet_beacon::Call::submit_pulse {
						round,
						signature: signature.to_bytes(),
					}),
				}]
			},
			Action::CancelTicket => {
				let Some((id, t)) = self.some_ticket() else { return vec![] };
				let who = self.or_other(&t.owner);
				vec![signed(&who, RuntimeCall::Qev(pallet_qev::Call::cancel { ticket: id }))]
			},
			Action::TransferTicket => {
				let Some((id, t)) = self.some_ticket() else { return vec![] };
				let who = self.or_other(&t.owner);
				let to = self.target();
				vec![signed(
					&who,
					RuntimeCall::Qev(pallet_qev::Call::transfer_ticket { ticket: id, to }),
				)]
			},
			Action::Claim => {
				let Some((id, _)) = self.some_ticket() else { return vec![] };
				let who = self.anyone();
				vec![signed(&who, RuntimeCall::Qev(pallet_qev::Call::claim { ticket: id }))]
			},
			Action::Lock => {
				let who = self.anyone();
				let amount = self.amount(chip(&who) / 2, UNIT, UNIT);
				let duration = self.lock_duration();
				vec![signed(
					&who,
					RuntimeCall::Gauges(pallet_gauges::Call::lock { amount, duration }),
				)]
			},
			Action::ExtendLock => {
				let who = self.locker();
				let locks = Gauges::latest_position(&who).map(|(_, p)| p.locks.len()).unwrap_or(0);
				let index = self.e.below(locks as u64 + 1) as u32;
				let duration = self.lock_duration();
				vec![signed(
					&who,
					RuntimeCall::Gauges(pallet_gauges::Call::extend_lock { index, duration }),
				)]
			},
			Action::Unlock => {
				let who = self.locker();
				vec![signed(&who, RuntimeCall::Gauges(pallet_gauges::Call::unlock {}))]
			},
			Action::Vote => {
				let who = self.locker();
				let votes = self.votes();
				vec![signed(&who, RuntimeCall::Gauges(pallet_gauges::Call::vote { votes }))]
			},
			Action::AddBribe => {
				let stack = self.stack_id();
				let epoch = self.epoch(true);
				let asset = *self.e.pick(&[USDAI, USDAI, USDC, SUSDAI, 7]).unwrap_or(&USDAI);
				let who = self.holder_of(asset);
				let unit = if asset == USDC { USD6 } else { USD };
				let amount = self.amount(balance(asset, &who) / 10, unit, unit / 100);
				vec![signed(
					&who,
					RuntimeCall::Gauges(pallet_gauges::Call::add_bribe {
						stack,
						epoch,
						asset,
						amount,
					}),
				)]
			},
			Action::ClaimBribes => {
				let who = self.locker();
				let (epoch, stack) = self.bribe_pot();
				vec![signed(
					&who,
					RuntimeCall::Gauges(pallet_gauges::Call::claim_bribes { epoch, stack }),
				)]
			},
			Action::ReclaimBribe => {
				let who = self.anyone();
				let (epoch, stack) = self.bribe_pot();
				let asset = *self.e.pick(&[USDAI, USDC, SUSDAI]).unwrap_or(&USDAI);
				vec![signed(
					&who,
					RuntimeCall::Gauges(pallet_gauges::Call::reclaim_bribe { epoch, stack, asset }),
				)]
			},
			Action::ClaimFees => {
				let who = self.locker();
				vec![signed(&who, RuntimeCall::Gauges(pallet_gauges::Call::claim_fees {}))]
			},
			Action::BuyBackstop => {
				let who = self.holder_of(USDAI);
				let loss = pallet_usdai::UncoveredLoss::<Runtime>::get();
				let usdai = self.amount(loss.min(balance(USDAI, &who)), USD, USDAI_MIN_BALANCE);
				vec![signed(&who, RuntimeCall::Gauges(pallet_gauges::Call::buy_backstop { usdai }))]
			},
			Action::Governance => vec![root(self.governance_call())],
			Action::GovernanceBySigned => {
				let who = self.anyone();
				let call = self.governance_call();
				vec![signed(&who, call)]
			},
			Action::Transfer => self.transfer(),
			Action::Batch => self.batch(),
			Action::Raw => self.raw(),
		}
	}

	fn min_out(&mut self, expected: Balance) -> Balance {
		match self.e.below(10) {
			0..=6 => 0,
			7 => expected.saturating_sub(1),
			8 => expected,
			_ => expected.saturating_add(1),
		}
	}

	fn stablecoin(&mut self) -> AssetId {
		if self.hostile() {
			*self.e.pick(&[USDAI, SUSDAI, 0, 3, AssetId::MAX]).unwrap_or(&0)
		} else if self.e.chance(65) {
			USDC
		} else {
			USDT
		}
	}

	// --- the bridge -------------------------------------------------------------------------

	/// Relayers attest a credit of `amount` of `asset` for `who` on an open channel: the
	/// threshold of them (sometimes fewer); a frozen channel is resolved by governance first;
	/// a pending deposit is completed first.
	fn credit(&mut self, who: AccountId, asset: AssetId, amount: Balance, into: bool) -> Vec<Step> {
		self.deposit(asset, amount, DepositAction::Credit { recipient: who, into_usdai: into })
	}

	fn deposit(
		&mut self,
		asset: AssetId,
		amount: Balance,
		action: DepositAction<AccountId>,
	) -> Vec<Step> {
		// Governance lifts a halt after a while (a halted bridge makes the rest of a case shallow).
		if pallet_treasury_bridge::Halted::<Runtime>::get() && self.e.chance(50) {
			return vec![root(RuntimeCall::TreasuryBridge(
				pallet_treasury_bridge::Call::resume {},
			))];
		}
		let channels: Vec<_> = pallet_treasury_bridge::Channels::<Runtime>::iter().collect();
		let Some((channel, state)) = self.e.pick(&channels).cloned() else { return vec![] };
		if state.frozen {
			return vec![root(self.resolve(channel))];
		}
		let relayers = relayers();
		let epoch = pallet_treasury_bridge::RelayerEpoch::<Runtime>::get();
		let (deposit, voted) =
			match pallet_treasury_bridge::PendingDeposits::<Runtime>::get(channel) {
				Some(p) if p.votes.epoch == epoch && !self.hostile() => {
					(p.deposit, p.votes.voters.into_inner())
				},
				_ => {
					self.tx += 1;
					let nonce =
						if self.hostile() { state.next_nonce + 1 } else { state.next_nonce };
					let deposit = Deposit {
						channel,
						nonce,
						source_tx: H256::from_low_u64_be(self.tx),
						asset,
						amount,
						action,
					};
					(deposit, vec![])
				},
			};
		let mut attesting: Vec<AccountId> =
			relayers.iter().filter(|r| !voted.contains(r)).cloned().collect();
		self.shuffle(&mut attesting);
		let needed = threshold().saturating_sub(voted.len()).max(1);
		let n = if self.hostile() { self.e.range(1, needed as u64) as usize } else { needed };
		attesting.truncate(n);
		attesting
			.into_iter()
			.map(|r| {
				signed(
					&r,
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::attest_deposit {
						deposit: deposit.clone(),
					}),
				)
			})
			.collect()
	}

	fn shuffle<T>(&mut self, v: &mut [T]) {
		for i in (1..v.len()).rev() {
			let j = self.e.index(i + 1);
			v.swap(i, j);
		}
	}

	fn resolve(&mut self, channel: u32) -> RuntimeCall {
		let resolution = match self.e.below(3) {
			0 => Resolution::Reattest,
			1 => match pallet_treasury_bridge::PendingDeposits::<Runtime>::get(channel) {
				Some(p) => Resolution::Accept(p.digest),
				None => Resolution::Accept(H256(self.e.bytes32())),
			},
			_ => Resolution::Skip,
		};
		RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::resolve_conflict {
			channel,
			resolution,
		})
	}

	/// A relayer who lies (different contents for a pending nonce), one who is not a relayer,
	/// or a replay of a processed nonce.
	fn relayer_mischief(&mut self) -> Vec<Step> {
		let channel = usdai_runtime::genesis_config_presets::DEV_BRIDGE_CHANNEL;
		let Some(state) = pallet_treasury_bridge::Channels::<Runtime>::get(channel) else {
			return vec![];
		};
		let who = if self.e.chance(50) {
			relayers().first().cloned().unwrap_or_else(|| self.anyone())
		} else {
			self.anyone()
		};
		let nonce = match self.e.below(3) {
			0 => state.next_nonce.saturating_sub(1),
			_ => state.next_nonce,
		};
		self.tx += 1;
		let recipient = self.target();
		let deposit = Deposit {
			channel,
			nonce,
			source_tx: H256::from_low_u64_be(self.tx),
			asset: USDC,
			amount: self.deposit_amount(),
			action: DepositAction::Credit { recipient, into_usdai: self.e.chance(50) },
		};
		vec![signed(
			&who,
			RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::attest_deposit { deposit }),
		)]
	}

	/// The sleeve's custodian sends back (part of) an outstanding recall.
	fn sleeve_return(&mut self) -> Vec<Step> {
		let recalls: Vec<_> = pallet_treasury_bridge::Outbound::<Runtime>::iter()
			.filter_map(|(n, m)| match m {
				OutboundMessage::Recall { asset, remaining, .. } => Some((n, asset, remaining)),
				_ => None,
			})
			.collect();
		let (recall, asset, amount) = match self.e.pick(&recalls).copied() {
			Some((n, asset, remaining)) => {
				let amount = if self.hostile() {
					self.amount(remaining, USD6, 1)
				} else if self.e.chance(70) {
					remaining
				} else {
					remaining / 2
				};
				(n, asset, amount)
			},
			None if !self.hostile() => return vec![],
			None => {
				let next = pallet_treasury_bridge::NextOutboundNonce::<Runtime>::get();
				(self.pick_id(&[], next), USDC, self.deposit_amount())
			},
		};
		self.deposit(asset, amount, DepositAction::SleeveReturn { recall })
	}

	/// Relayers confirm an outbound message (a withdrawal or a move to the sleeve).
	fn attest_outbound(&mut self) -> Vec<Step> {
		let live: Vec<u64> = pallet_treasury_bridge::Outbound::<Runtime>::iter()
			.filter(|(_, m)| !matches!(m, OutboundMessage::Recall { .. }))
			.map(|(n, _)| n)
			.collect();
		if live.is_empty() && !self.hostile() {
			return vec![];
		}
		let next = pallet_treasury_bridge::NextOutboundNonce::<Runtime>::get();
		let nonce = self.pick_id(&live, next);
		let mut rs = relayers();
		self.shuffle(&mut rs);
		let n = if self.hostile() { 1 } else { threshold() };
		rs.truncate(n);
		if self.hostile() && self.e.chance(50) {
			rs = vec![self.anyone()];
		}
		rs.iter()
			.map(|r| {
				signed(
					r,
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::attest_withdrawal {
						nonce,
					}),
				)
			})
			.collect()
	}

	/// Relayers report the sleeve's value: near the current value, mostly within the per-report
	/// bound, at the current time (or stale, or from the future).
	fn nav(&mut self) -> Vec<Step> {
		let sleeve = pallet_usdai::Ledger::<Runtime>::get().sleeve;
		let bps = self.e.range(0, 100) as u128;
		let change = sleeve / 10_000 * bps;
		let mut value = if self.e.chance(60) {
			sleeve.saturating_add(change)
		} else {
			sleeve.saturating_sub(change)
		};
		let now = now_secs();
		let last = pallet_treasury_bridge::LastNav::<Runtime>::get().map(|n| n.report.timestamp);
		let mut timestamp = now.max(last.map_or(0, |l| l + 1));
		if self.hostile() {
			value = self.amount(sleeve, USD, 1);
			timestamp = *self
				.e
				.pick(&[now + 301, now + 300, now.saturating_sub(86_401), last.unwrap_or(now), 0])
				.unwrap_or(&now);
		}
		let mut sequence = pallet_treasury_bridge::SleeveSequence::<Runtime>::get();
		if self.hostile() {
			sequence = *self.e.pick(&[sequence.saturating_sub(1), sequence + 1]).unwrap_or(&0);
		}
		let report = NavReport { value, timestamp, sequence };
		let mut rs = relayers();
		self.shuffle(&mut rs);
		let n = if self.hostile() {
			self.e.range(1, rs.len().max(1) as u64) as usize
		} else {
			threshold()
		};
		rs.truncate(n);
		rs.iter()
			.map(|r| {
				signed(
					r,
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::attest_nav {
						report,
					}),
				)
			})
			.collect()
	}

	// --- receipts ---------------------------------------------------------------------------

	fn insurance(&mut self, value: Balance) -> Insurance {
		let now = now_secs();
		let expiry = if self.hostile() {
			*self.e.pick(&[0, now.saturating_sub(1), now, now + 1]).unwrap_or(&now)
		} else {
			now + self.e.range(30, 3 * 365) * 86_400
		};
		Insurance {
			policy_id: BoundedVec::truncate_from(
				format!("POL-{}", self.e.below(1_000)).into_bytes(),
			),
			coverage: if self.hostile() { 0 } else { value.saturating_mul(2) },
			expiry,
		}
	}

	/// A custodian (mostly an active one) issues a receipt to `holder`; with `valued`, the
	/// appraisers confirm its value right away.
	fn issue(&mut self, holder: AccountId, appraisal: Balance, valued: bool) -> Vec<Step> {
		let custodians: Vec<_> = pallet_caliber::Custodians::<Runtime>::iter().collect();
		let (custodian, centres) = match self.e.pick(&custodians) {
			Some((c, info)) if !self.hostile() => {
				(c.clone(), info.info.data_centres.clone().into_inner())
			},
			_ => (self.anyone(), vec![]),
		};
		let data_centre = match self.e.pick(&centres) {
			Some(dc) => dc.clone(),
			None => BoundedVec::truncate_from(
				self.e.pick(&DEV_DATA_CENTRES).unwrap_or(&"nowhere").as_bytes().to_vec(),
			),
		};
		let models = [
			GpuModel::A100,
			GpuModel::H100Sxm,
			GpuModel::H100Pcie,
			GpuModel::H200,
			GpuModel::B200,
			GpuModel::Gb200,
			GpuModel::L40s,
			GpuModel::Mi300x,
			GpuModel::Other(BoundedVec::truncate_from(b"RTX-9090".to_vec())),
		];
		let model = models[self.e.index(models.len())].clone();
		let count = if self.hostile() {
			*self.e.pick(&[0, 4_096, 4_097, u32::MAX]).unwrap_or(&0)
		} else {
			self.e.range(1, 64) as u32
		};
		let info = ReceiptInfo {
			model,
			count,
			serials_hash: H256(self.e.bytes32()),
			data_centre,
			bailment_hash: H256(self.e.bytes32()),
			insurance: self.insurance(appraisal),
			appraisal,
		};
		let id = pallet_caliber::NextReceiptId::<Runtime>::get();
		let mut steps = vec![signed(
			&custodian,
			RuntimeCall::Caliber(pallet_caliber::Call::issue_receipt { holder, info }),
		)];
		if valued {
			for a in pallet_caliber::Appraisers::<Runtime>::iter_keys() {
				steps.push(signed(
					&a,
					RuntimeCall::Caliber(pallet_caliber::Call::post_valuation {
						receipt: id,
						value: appraisal,
					}),
				));
			}
		}
		steps
	}

	fn some_receipt(&mut self) -> Option<(ReceiptId, pallet_caliber::Receipt<AccountId>)> {
		let all = receipts();
		let live: Vec<u64> = all.iter().map(|(id, _)| u64::from(*id)).collect();
		if live.is_empty() && !self.hostile() {
			return None;
		}
		let next = u64::from(pallet_caliber::NextReceiptId::<Runtime>::get());
		let id = self.pick_id(&live, next) as ReceiptId;
		match all.into_iter().find(|(i, _)| *i == id) {
			Some(found) => Some(found),
			None => pallet_caliber::Receipts::<Runtime>::iter().next().map(|(_, r)| (id, r)),
		}
	}

	fn post_valuation(&mut self) -> Vec<Step> {
		let Some((id, r)) = self.some_receipt() else { return vec![] };
		let appraisers: Vec<_> = pallet_caliber::Appraisers::<Runtime>::iter_keys().collect();
		let who = match self.e.pick(&appraisers) {
			Some(a) if !self.hostile() => a.clone(),
			_ => self.anyone(),
		};
		let current =
			Caliber::receipt_view(id).map(|v| v.current_value).unwrap_or(r.info.appraisal);
		let value = if self.hostile() {
			self.amount(current, USD, 1)
		} else {
			current / 100 * u128::from(self.e.range(70, 130))
		};
		vec![signed(
			&who,
			RuntimeCall::Caliber(pallet_caliber::Call::post_valuation { receipt: id, value }),
		)]
	}

	fn release(&mut self) -> Vec<Step> {
		let Some((id, r)) = self.some_receipt() else { return vec![] };
		let holder = holder(id).unwrap_or_else(|| r.custodian.clone());
		let (who, call) = match (&r.status, self.e.below(3)) {
			(ReceiptStatus::ReleaseRequested { .. }, 0) => {
				(self.or_other(&holder), pallet_caliber::Call::cancel_release { receipt: id })
			},
			(ReceiptStatus::ReleaseRequested { .. }, _) => {
				(self.or_other(&r.custodian), pallet_caliber::Call::confirm_release { receipt: id })
			},
			_ => (self.or_other(&holder), pallet_caliber::Call::request_release { receipt: id }),
		};
		vec![signed(&who, RuntimeCall::Caliber(call))]
	}

	// --- loans ------------------------------------------------------------------------------

	fn curator(&mut self) -> AccountId {
		let curators: Vec<_> = pallet_filo::Curators::<Runtime>::iter_keys().collect();
		match self.e.pick(&curators) {
			Some(c) if !self.hostile() => c.clone(),
			_ => self.anyone(),
		}
	}

	fn terms(&mut self) -> StackTerms {
		let min_apr = self.e.range(500, 1_500) as u32;
		let mut terms = StackTerms {
			max_ltv_bps: self.e.range(3_000, 7_000) as u32,
			min_apr_bps: min_apr,
			max_apr_bps: min_apr + self.e.range(0, 1_500) as u32,
			curator_fee_bps: self.e.range(300, 1_000) as u32,
			max_loans: self.e.range(1, 20) as u32,
			day_count: if self.e.chance(50) { DayCount::Act365 } else { DayCount::Thirty360 },
			amortization: if self.e.chance(50) {
				Amortization::LevelPayment
			} else {
				Amortization::StraightLine { annual_rate_bps: self.e.range(0, 5_000) as u32 }
			},
		};
		if self.hostile() {
			match self.e.below(5) {
				0 => terms.max_ltv_bps = *self.e.pick(&[0, 7_001, 10_000, u32::MAX]).unwrap_or(&0),
				1 => terms.max_apr_bps = terms.min_apr_bps.saturating_sub(1),
				2 => terms.curator_fee_bps = *self.e.pick(&[0, 299, 1_001, u32::MAX]).unwrap_or(&0),
				3 => terms.max_loans = 0,
				_ => terms.min_apr_bps = 0,
			}
		}
		terms
	}

	fn stack_id(&mut self) -> StackId {
		let live = stack_ids();
		let next = u64::from(pallet_filo::NextStackId::<Runtime>::get());
		self.pick_id(&live, next) as StackId
	}

	fn some_stack(&mut self) -> Option<(StackId, pallet_filo::Stack<AccountId>)> {
		let all = stacks();
		let id = self.stack_id();
		all.iter()
			.find(|(i, _)| *i == id)
			.cloned()
			.or_else(|| all.first().map(|(_, s)| (id, s.clone())))
	}

	fn some_loan(
		&mut self,
		wanted: impl Fn(&pallet_filo::Loan<AccountId, u32>) -> bool,
	) -> Option<(LoanId, pallet_filo::Loan<AccountId, u32>)> {
		let all = loans();
		let fitting: Vec<u64> = all.iter().filter(|(_, l)| wanted(l)).map(|(id, _)| *id).collect();
		if fitting.is_empty() && !self.hostile() {
			return None;
		}
		let next = pallet_filo::NextLoanId::<Runtime>::get();
		let id = self.pick_id(&fitting, next);
		all.iter()
			.find(|(i, _)| *i == id)
			.cloned()
			.or_else(|| all.first().map(|(_, l)| (id, l.clone())))
	}

	/// A curator proposes a loan against free receipts of one holder, at a share of their
	/// collateral value within the stack's terms.
	fn propose(&mut self) -> Vec<Step> {
		let Some((stack, s)) = self.some_stack() else { return vec![] };
		let who = self.or_other(&s.curator);
		let proposed: Vec<ReceiptId> = pallet_filo::ProposedReceipts::<Runtime>::iter_values()
			.flat_map(|r| r.into_inner())
			.collect();
		let free: Vec<(ReceiptId, AccountId)> = receipts()
			.into_iter()
			.filter(|(id, r)| r.status == ReceiptStatus::Free && !proposed.contains(id))
			.filter_map(|(id, _)| holder(id).map(|h| (id, h)))
			.collect();
		let (borrower, mut chosen) = match self.e.pick(&free).cloned() {
			Some((id, h)) => {
				let mut mine: Vec<ReceiptId> =
					free.iter().filter(|(_, o)| *o == h).map(|(i, _)| *i).collect();
				self.shuffle(&mut mine);
				mine.truncate(self.e.range(1, 3) as usize);
				if !mine.contains(&id) {
					mine[0] = id;
				}
				(h, mine)
			},
			None => (self.anyone(), vec![]),
		};
		if self.hostile() {
			match self.e.below(4) {
				0 => chosen.clear(),
				1 => {
					let all = receipts();
					if let Some((id, _)) = self.e.pick(&all) {
						chosen.push(*id);
					}
				},
				2 => {
					if let Some(first) = chosen.first().copied() {
						chosen.push(first);
					}
				},
				_ => chosen.push(pallet_caliber::NextReceiptId::<Runtime>::get()),
			}
		}
		let value =
			<Caliber as usdai_primitives::collateral::Collateral<AccountId>>::collateral_value(
				&chosen,
			)
			.unwrap_or(1_000_000 * USD);
		let ltv = u128::from(s.terms.max_ltv_bps.min(7_000));
		let max = value / 10_000 * ltv;
		let principal = if self.hostile() {
			self.amount(max, USD, USDAI_MIN_BALANCE)
		} else {
			max / 100 * u128::from(self.e.range(10, 100))
		};
		let apr_bps = if self.hostile() {
			*self
				.e
				.pick(&[
					0,
					s.terms.min_apr_bps.saturating_sub(1),
					s.terms.max_apr_bps.saturating_add(1),
					u32::MAX,
				])
				.unwrap_or(&0)
		} else {
			self.e.range(u64::from(s.terms.min_apr_bps), u64::from(s.terms.max_apr_bps)) as u32
		};
		let periods = if self.hostile() {
			*self.e.pick(&[0, 121, u32::MAX]).unwrap_or(&0)
		} else {
			self.e.range(1, 36) as u32
		};
		vec![signed(
			&who,
			RuntimeCall::Filo(pallet_filo::Call::propose_loan {
				stack,
				borrower,
				receipts: BoundedVec::truncate_from(chosen),
				principal,
				apr_bps,
				periods,
			}),
		)]
	}

	/// The borrower (or anyone) pays what is due, the payoff, a part, or dust.
	fn repay(&mut self) -> Vec<Step> {
		let Some((id, loan)) = self
			.some_loan(|l| matches!(l.status, LoanStatus::Active | LoanStatus::Defaulted { .. }))
		else {
			return vec![];
		};
		let view = Filo::loan_view(id);
		let (due, payoff) = view.map(|v| (v.due_now, v.payoff)).unwrap_or_default();
		let who = if self.e.chance(80) { loan.borrower.clone() } else { self.anyone() };
		let amount = if self.hostile() {
			self.amount(payoff, USD, 1)
		} else {
			match self.e.below(10) {
				0..=5 => due.max(1),
				6..=7 => payoff,
				8 => due / 2 + 1,
				_ => payoff.saturating_add(USD),
			}
		};
		let mut steps = Vec::new();
		// A borrower short of USDai gets some bridged in first (what a real borrower does).
		if balance(USDAI, &who) < amount && amount < 100_000_000 * USD && self.e.chance(70) {
			let dollars = amount / USD + 1;
			steps.extend(self.credit(who.clone(), USDC, dollars * USD6, true));
		}
		steps.push(signed(&who, RuntimeCall::Filo(pallet_filo::Call::repay { loan: id, amount })));
		steps
	}

	fn bid(&mut self) -> Vec<Step> {
		let Some((id, _)) = self.some_loan(|l| matches!(l.status, LoanStatus::Auction)) else {
			return vec![];
		};
		let who = self.anyone();
		let auction = pallet_filo::Auctions::<Runtime>::get(id);
		let (reserve, best) = auction
			.map(|a| (a.reserve, a.best.map(|(_, b)| b).unwrap_or_default()))
			.unwrap_or_default();
		let floor = reserve.max(best);
		let amount = if self.hostile() {
			self.amount(floor, USD, 1)
		} else {
			match self.e.below(4) {
				0 => floor,
				1 => floor / 100 * 101 + 1,
				2 => floor / 100 * u128::from(self.e.range(102, 200)),
				_ => best.saturating_add(1),
			}
		};
		let mut steps = Vec::new();
		if balance(USDAI, &who) < amount && amount < 100_000_000 * USD && self.e.chance(70) {
			steps.extend(self.credit(who.clone(), USDC, (amount / USD + 1) * USD6, true));
		}
		steps.push(signed(&who, RuntimeCall::Filo(pallet_filo::Call::bid { loan: id, amount })));
		steps
	}

	/// Governance shortens the loan clock (periods of minutes to hours instead of 30 days) so
	/// that loans reach due dates, grace, default, cure and auctions within a case.
	fn short_loan_periods(&mut self) -> Vec<Step> {
		let Some(current) = pallet_filo::Params::<Runtime>::get() else { return vec![] };
		let period = self.e.range(20, 600) as u32;
		let params = pallet_filo::FiloParams {
			period_blocks: period,
			proposal_blocks: self.e.range(50, 2_000) as u32,
			grace_blocks: self.e.range(5, u64::from(period)) as u32,
			cure_blocks: self.e.range(5, 300) as u32,
			auction_blocks: self.e.range(5, 200) as u32,
			extension_blocks: self.e.range(1, 20) as u32,
			..current
		};
		vec![root(RuntimeCall::Filo(pallet_filo::Call::set_params { params }))]
	}

	// --- the queue --------------------------------------------------------------------------

	fn some_ticket(&mut self) -> Option<(TicketId, pallet_qev::Ticket<AccountId>)> {
		self.ticket_where(|_| true)
	}

	/// A ticket that is still waiting in the queue (what a bid can move), mostly.
	fn waiting_ticket(&mut self) -> Option<(TicketId, pallet_qev::Ticket<AccountId>)> {
		self.ticket_where(|t| t.is_waiting())
	}

	fn ticket_where(
		&mut self,
		wanted: impl Fn(&pallet_qev::Ticket<AccountId>) -> bool,
	) -> Option<(TicketId, pallet_qev::Ticket<AccountId>)> {
		let all = tickets();
		let live: Vec<u64> = all.iter().filter(|(_, t)| wanted(t)).map(|(id, _)| *id).collect();
		if live.is_empty() && !self.hostile() {
			return None;
		}
		let next = pallet_qev::NextTicketId::<Runtime>::get();
		let id = self.pick_id(&live, next);
		all.iter()
			.find(|(i, _)| *i == id)
			.cloned()
			.or_else(|| all.first().map(|(_, t)| (id, t.clone())))
	}

	fn bid_bps(&mut self) -> u32 {
		if self.hostile() {
			*self.e.pick(&[1_001, 10_000, u32::MAX, 0]).unwrap_or(&0)
		} else {
			self.e.range(0, 1_000) as u32
		}
	}

	// --- the gauges -------------------------------------------------------------------------

	fn lock_duration(&mut self) -> u32 {
		if self.hostile() {
			return *self
				.e
				.pick(&[0, 1, EPOCH, 2 * EPOCH - 1, 208 * EPOCH + 1, u32::MAX])
				.unwrap_or(&0);
		}
		let epochs = self.e.range(2, 208) as u32;
		epochs * EPOCH + self.e.below(u64::from(EPOCH)) as u32
	}

	fn votes(
		&mut self,
	) -> BoundedVec<(StackId, Perbill), <Runtime as pallet_gauges::Config>::MaxVotes> {
		let least = if self.e.chance(90) { 1 } else { 0 };
		let n = self.e.range(least, 4) as usize;
		let mut left = 100u32;
		let mut votes = Vec::new();
		let mut live = stack_ids();
		self.shuffle(&mut live);
		for k in 0..n {
			let stack = match live.get(k) {
				Some(s) if !self.hostile() => *s as StackId,
				_ => self.stack_id(),
			};
			let share = if self.hostile() {
				*self.e.pick(&[0, 100, 101]).unwrap_or(&0)
			} else {
				self.e.range(1, u64::from(left.max(1))) as u32
			};
			left = left.saturating_sub(share);
			votes.push((stack, Perbill::from_percent(share)));
		}
		BoundedVec::truncate_from(votes)
	}

	/// A bribe pot's epoch and stack (mostly one that exists and is tallied).
	fn bribe_pot(&mut self) -> (u32, StackId) {
		let tallied = pallet_gauges::LastTallied::<Runtime>::get();
		let pots: Vec<(u32, StackId)> = pallet_gauges::BribePots::<Runtime>::iter_keys()
			.filter(|(e, _)| *e <= tallied)
			.collect();
		match self.e.pick(&pots) {
			Some(p) if !self.hostile() => *p,
			_ => (self.epoch(false), self.stack_id()),
		}
	}

	fn epoch(&mut self, future: bool) -> u32 {
		let current = Gauges::current_epoch();
		let tallied = pallet_gauges::LastTallied::<Runtime>::get();
		if self.hostile() {
			return *self.e.pick(&[0, current, current + 9, u32::MAX, tallied + 1]).unwrap_or(&0);
		}
		if future {
			current + self.e.range(1, 3) as u32
		} else {
			tallied.saturating_sub(self.e.below(3) as u32)
		}
	}

	// --- governance -------------------------------------------------------------------------

	/// A governance call with (mostly sensible) arguments.
	pub fn governance_call(&mut self) -> RuntimeCall {
		match self.e.below(28) {
			0 => {
				let asset = self.stablecoin();
				let cap = self.amount(100_000_000 * USD6, USD6, 0);
				RuntimeCall::Usdai(pallet_usdai::Call::set_stablecoin {
					asset,
					cap,
					enabled: self.e.chance(80),
				})
			},
			1 => {
				let asset = self.stablecoin();
				RuntimeCall::Usdai(pallet_usdai::Call::remove_stablecoin { asset })
			},
			2 => {
				let limits = pallet_usdai::MintLimits {
					supply_cap: self.amount(1_000_000_000 * USD, USD, 0),
					period: if self.hostile() {
						0
					} else {
						self.e.range(1, 2 * u64::from(DAYS)) as u32
					},
					max_per_period: self.amount(10_000_000 * USD, USD, 0),
				};
				RuntimeCall::Usdai(pallet_usdai::Call::set_mint_limits { limits })
			},
			3 => RuntimeCall::Usdai(pallet_usdai::Call::set_fees {
				fees: pallet_usdai::FeeConfig {
					protocol_bps: self.e.range(0, 2_200) as u32,
					insurance_bps: self.e.range(0, 1_100) as u32,
				},
			}),
			4 => RuntimeCall::Usdai(pallet_usdai::Call::set_vesting_period {
				blocks: self.e.range(0, u64::from(8 * DAYS)) as u32,
			}),
			5 => RuntimeCall::Usdai(pallet_usdai::Call::pause {
				deposits: self.e.chance(50),
				stakes: self.e.chance(50),
			}),
			6 => RuntimeCall::Usdai(pallet_usdai::Call::set_paused {
				state: pallet_usdai::PauseState { deposits: false, stakes: self.e.chance(20) },
			}),
			7 => {
				let to = self.target();
				let amount = self.amount(Usdai::withdrawable_protocol_fees(), USD, 1);
				RuntimeCall::Usdai(pallet_usdai::Call::withdraw_protocol_fees { to, amount })
			},
			8 => RuntimeCall::Usdai(pallet_usdai::Call::reset_circuit_breaker {}),
			9 => {
				let custodian = self.target();
				let mut info = usdai_runtime::genesis_config_presets::dev_custodian_info();
				info.bond = self.amount(10_000 * UNIT, UNIT, 0);
				RuntimeCall::Caliber(pallet_caliber::Call::register_custodian { custodian, info })
			},
			10 => {
				let custodian = self.custodian_arg();
				match self.e.below(3) {
					0 => {
						RuntimeCall::Caliber(pallet_caliber::Call::suspend_custodian { custodian })
					},
					1 => RuntimeCall::Caliber(pallet_caliber::Call::resume_custodian { custodian }),
					_ => RuntimeCall::Caliber(pallet_caliber::Call::remove_custodian { custodian }),
				}
			},
			11 => {
				let appraiser = self.target();
				if self.e.chance(60) {
					RuntimeCall::Caliber(pallet_caliber::Call::add_appraiser { appraiser })
				} else {
					RuntimeCall::Caliber(pallet_caliber::Call::remove_appraiser { appraiser })
				}
			},
			12 => {
				let current = pallet_caliber::Params::<Runtime>::get();
				let least = if self.hostile() { 0 } else { 1 };
				let params = pallet_caliber::ValuationParams {
					min_posts: self.e.range(least, 4) as u32,
					max_step_bps: self.e.range(0, 5_000) as u32,
					..current
				};
				RuntimeCall::Caliber(pallet_caliber::Call::set_params { params })
			},
			13 => RuntimeCall::Caliber(pallet_caliber::Call::set_depreciation {
				model: GpuModel::H100Sxm,
				rate_bps: if self.e.chance(20) {
					None
				} else {
					Some(self.e.range(0, 6_000) as u32)
				},
			}),
			14 => {
				let curator = self.target();
				if self.e.chance(60) {
					RuntimeCall::Filo(pallet_filo::Call::register_curator { curator })
				} else {
					RuntimeCall::Filo(pallet_filo::Call::remove_curator { curator })
				}
			},
			15 => match self.short_loan_periods().pop() {
				Some(Step::Call { call, .. }) => call,
				_ => {
					RuntimeCall::Filo(pallet_filo::Call::remove_curator { curator: self.anyone() })
				},
			},
			16 => {
				let stack = self.stack_id();
				let cap = if self.e.chance(15) {
					None
				} else {
					Some(self.amount(10_000_000 * USD, USD, 0))
				};
				RuntimeCall::Filo(pallet_filo::Call::set_stack_cap { stack, cap })
			},
			17 => {
				let uncovered = pallet_usdai::UncoveredLoss::<Runtime>::get();
				RuntimeCall::Gauges(pallet_gauges::Call::backstop {
					loss: self.amount(uncovered, USD, 1),
					chip_price: self.amount(USD, USD / 100, 1),
				})
			},
			18 => RuntimeCall::Gauges(pallet_gauges::Call::cancel_backstop {}),
			19 => RuntimeCall::Gauges(pallet_gauges::Call::set_capacity_quorum {
				quorum: self.amount(100_000 * UNIT, UNIT, 0),
			}),
			20 => RuntimeCall::Gauges(pallet_gauges::Call::set_max_stack_share {
				share: Perbill::from_percent(self.e.range(0, 100) as u32),
			}),
			21 => {
				let mut rs = usdai_runtime::genesis_config_presets::dev_relayers();
				if self.e.chance(50) {
					rs.push(self.anyone());
				}
				if self.hostile() {
					rs.push(rs[0].clone());
				}
				let n = rs.len() as u64;
				let threshold = if self.hostile() {
					self.e.range(0, n + 1) as u32
				} else {
					((2 * n).div_ceil(3)).max(1) as u32
				};
				rs.sort();
				RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::set_relayers {
					relayers: BoundedVec::truncate_from(rs),
					threshold,
				})
			},
			22 => RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::open_channel {
				channel: self.e.range(1, 4) as u32,
			}),
			23 => {
				let mut asset = self.stablecoin();
				if self.avoid_known && (asset == USDAI || asset == SUSDAI) {
					// Known: the bridge accepts tokens it does not mint (src/known.rs).
					asset = USDT;
				}
				let limit = if self.e.chance(15) {
					None
				} else {
					let least = if self.hostile() { 0 } else { 1 };
					Some(pallet_treasury_bridge::InflowLimit {
						period: self.e.range(least, u64::from(2 * DAYS)) as u32,
						max_per_period: self.amount(10_000_000 * USD6, USD6, 0),
					})
				};
				RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::set_inflow_limit {
					asset,
					limit,
				})
			},
			24 => {
				let channel = self.e.range(0, 3) as u32;
				self.resolve(channel)
			},
			25 => RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::set_sleeve_target {
				bps: self.e.range(0, 9_000) as u32,
			}),
			26 => {
				let asset = self.stablecoin();
				let sleeve = pallet_usdai::Ledger::<Runtime>::get().sleeve / 1_000_000_000_000;
				let amount = self.amount(sleeve, USD6, 1);
				RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::request_recall {
					asset,
					amount,
				})
			},
			_ => {
				if self.e.chance(15) {
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::halt {})
				} else {
					RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::resume {})
				}
			},
		}
	}

	fn custodian_arg(&mut self) -> AccountId {
		let custodians: Vec<_> = pallet_caliber::Custodians::<Runtime>::iter_keys().collect();
		match self.e.pick(&custodians) {
			Some(c) if !self.hostile() => c.clone(),
			_ => self.target(),
		}
	}

	// --- tokens -----------------------------------------------------------------------------

	/// Plain token moves: USDai, sUSDai and the stablecoins between accounts (the points and
	/// queue accounting must follow them), receipts as NFTs (pledged ones must not move, and no
	/// receipt may be burnt), and CHIP.
	fn transfer(&mut self) -> Vec<Step> {
		let who = self.anyone();
		let target = self.target();
		let call = match self.e.below(6) {
			0..=2 => {
				let asset = *self.e.pick(&[USDAI, USDAI, SUSDAI, USDC, USDT]).unwrap_or(&USDAI);
				let (unit, min) = if asset == USDC || asset == USDT {
					(USD6, STABLECOIN_MIN_BALANCE)
				} else {
					(USD, USDAI_MIN_BALANCE)
				};
				let amount = self.amount(balance(asset, &who), unit, min);
				let id = codec::Compact(asset);
				if self.e.chance(50) {
					RuntimeCall::Assets(pallet_assets::Call::transfer {
						id,
						target: target.into(),
						amount,
					})
				} else {
					RuntimeCall::Assets(pallet_assets::Call::transfer_keep_alive {
						id,
						target: target.into(),
						amount,
					})
				}
			},
			3 | 4 => {
				let Some((id, _)) = self.some_receipt() else { return vec![] };
				let Some(collection) = pallet_caliber::Collection::<Runtime>::get() else {
					return vec![];
				};
				let owner = holder(id).unwrap_or_else(|| who.clone());
				let from = self.or_other(&owner);
				let call = if self.e.chance(85) {
					RuntimeCall::Nfts(pallet_nfts::Call::transfer {
						collection,
						item: id,
						dest: target.into(),
					})
				} else {
					RuntimeCall::Nfts(pallet_nfts::Call::burn { collection, item: id })
				};
				return vec![signed(&from, call)];
			},
			_ => {
				let value = self.amount(chip(&who) / 10, UNIT, usdai_runtime::EXISTENTIAL_DEPOSIT);
				RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
					dest: target.into(),
					value,
				})
			},
		};
		vec![signed(&who, call)]
	}

	/// Two or three generated calls in one `utility.batch`, `batch_all` or `force_batch`, all
	/// dispatched by the first call's signer.
	fn batch(&mut self) -> Vec<Step> {
		let mut calls = Vec::new();
		let mut signer = None;
		for _ in 0..self.e.range(2, 3) {
			for step in self.next_action() {
				if let Step::Call { who: Who::Signed(w), call } = step {
					signer.get_or_insert(w);
					calls.push(call);
				}
			}
		}
		let Some(signer) = signer else { return vec![] };
		let call = match self.e.below(3) {
			0 => RuntimeCall::Utility(pallet_utility::Call::batch { calls }),
			1 => RuntimeCall::Utility(pallet_utility::Call::batch_all { calls }),
			_ => RuntimeCall::Utility(pallet_utility::Call::force_batch { calls }),
		};
		vec![signed(&signer, call)]
	}

	/// SRLabs-style: a call decoded from random bytes behind a random pallet and call index
	/// (calls of the system, sudo and timestamp pallets are filtered out, as SRLabs filters
	/// runtime upgrades).
	fn raw(&mut self) -> Vec<Step> {
		let pallets = [4u8, 7, 8, 10, 11, 20, 21, 22, 23, 24, 25];
		let mut bytes = vec![pallets[self.e.index(pallets.len())], self.e.below(24) as u8];
		let len = self.e.range(0, 160) as usize;
		bytes.extend(self.e.bytes(len));
		let Ok(call) = RuntimeCall::decode_with_depth_limit(8, &mut &bytes[..]) else {
			return vec![];
		};
		if filtered(&call) {
			return vec![];
		}
		let who = self.anyone();
		vec![signed(&who, call)]
	}
}

/// Calls the raw generator never sends, as in SRLabs' harness: anything of the system, sudo or
/// timestamp pallets, and wrappers that could smuggle them in or change the origin.
pub fn filtered(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::System(_) | RuntimeCall::Sudo(_) | RuntimeCall::Timestamp(_) => true,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { calls }
			| pallet_utility::Call::batch_all { calls }
			| pallet_utility::Call::force_batch { calls },
		) => calls.iter().any(filtered),
		RuntimeCall::Utility(_) | RuntimeCall::Multisig(_) => true,
		_ => false,
	}
}

/// A scripted part of a case's set-up (see [`Generator::bootstrap`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Script {
	/// Relayers credit `dollars` of USDC to `who`.
	Fund { who: AccountId, dollars: u128, into_usdai: bool },
	/// `who` stakes `percent` of its USDai.
	Stake { who: AccountId, percent: u128 },
	/// Governance shortens filo's periods.
	ShortLoanPeriods,
	/// `who` opens a stack with `dollars` of first-loss.
	OpenStack { who: AccountId, dollars: u128 },
	/// Governance caps every stack at 50M.
	CapStacks,
	/// A receipt worth `dollars`, valued.
	Receipt { dollars: u128 },
	/// A sleeve target.
	SleeveTarget,
	/// One generated action (with no hostility).
	Action(Action),
}

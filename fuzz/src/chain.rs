//! The executor: a native chain in `TestExternalities` that runs blocks as frame-executive does
//! (`initialize_block` with an Aura pre-digest, the timestamp inherent, `on_poll`, the calls,
//! then `finalize_block`: `on_idle` with the weight left and `on_finalize`) and dispatches calls
//! directly, as SRLabs' substrate-runtime-fuzzer does: no signatures, fees or transaction
//! extensions, but the block's weight limit, the call filter and every origin check apply.

use crate::checks;
use codec::{Decode, Encode};
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::{GetCallMetadata, UnfilteredDispatchable},
	weights::Weight,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	Digest, DigestItem, DispatchError, Storage,
};
use std::panic::{catch_unwind, AssertUnwindSafe};
use usdai_runtime::{
	AccountId, BlockNumber, Executive, Header, Runtime, RuntimeCall, RuntimeError, RuntimeOrigin,
	SLOT_DURATION,
};

/// Jumps of at most this many blocks run every block in between (with its hooks); longer ones
/// skip the blocks in between.
pub const FULL_LAPSE: u32 = 300;

/// 2026-01-01T00:00:00Z in milliseconds: the chain's clock starts here.
pub const GENESIS_MILLIS: u64 = 1_767_225_600_000;

/// Who dispatches a call.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Who {
	/// Governance (and the emergency origin): root.
	Root,
	/// A signed account.
	Signed(AccountId),
	/// An unsigned transaction (a beacon pulse).
	Unsigned,
}

/// One input of a case.
// Steps are few and short-lived: boxing the call would only cost an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Step {
	/// Dispatch `call` from `who` in the current block.
	Call { who: Who, call: RuntimeCall },
	/// End the current block (hooks, then every check) and start the one `blocks` later. Up to
	/// [`FULL_LAPSE`] blocks, every block in between runs (empty, hooks only); beyond, the
	/// numbers (and slots, and the clock) jump and every hook catches up on what it missed.
	Advance { blocks: u32 },
}

/// A counterexample: what went wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
	/// A call or a hook panicked.
	Panic { during: String, message: String },
	/// An invariant broke after a block.
	Invariant { check: String, message: String },
	/// A governance call dispatched by a signed account did not fail with `BadOrigin`.
	OriginNotChecked { call: String, result: String },
	/// A call reported using more weight than it charged before dispatch.
	Underweight { call: String, charged: Weight, used: Weight },
	/// The mandatory work of a block (its hooks) needs more than the whole block.
	BlockOverweight { block: BlockNumber, used: Weight, max: Weight },
}

impl Failure {
	/// Two failures are "the same" for shrinking when they are of the same kind at the same
	/// place (a panic's message or the check that broke), whatever the numbers.
	pub fn same_kind(&self, other: &Failure) -> bool {
		match (self, other) {
			(Failure::Panic { message: a, .. }, Failure::Panic { message: b, .. }) => {
				strip_numbers(a) == strip_numbers(b)
			},
			(
				Failure::Invariant { check: a, message: m },
				Failure::Invariant { check: b, message: n },
			) => a == b && strip_numbers(m) == strip_numbers(n),
			(
				Failure::OriginNotChecked { call: a, .. },
				Failure::OriginNotChecked { call: b, .. },
			) => a == b,
			(Failure::Underweight { call: a, .. }, Failure::Underweight { call: b, .. }) => a == b,
			(Failure::BlockOverweight { .. }, Failure::BlockOverweight { .. }) => true,
			_ => false,
		}
	}
}

fn strip_numbers(s: &str) -> String {
	s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

impl core::fmt::Display for Failure {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Failure::Panic { during, message } => write!(f, "panic during {during}: {message}"),
			Failure::Invariant { check, message } => {
				write!(f, "invariant `{check}` broken: {message}")
			},
			Failure::OriginNotChecked { call, result } => {
				write!(
					f,
					"governance call {call} from a signed origin gave {result}, not BadOrigin"
				)
			},
			Failure::Underweight { call, charged, used } => {
				write!(f, "{call} charged {charged:?} but reports using {used:?}")
			},
			Failure::BlockOverweight { block, used, max } => {
				write!(f, "block {block}: mandatory weight {used:?} above the block's {max:?}")
			},
		}
	}
}

/// What a dispatched call did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// It succeeded.
	Ok,
	/// It failed with this error (named as `Pallet::Error`).
	Err(String),
	/// It did not fit in the block's remaining weight and was not dispatched.
	Skipped,
}

/// The pallet and call names of `call`, e.g. `("Filo", "repay")`.
pub fn call_name(call: &RuntimeCall) -> String {
	let m = call.get_call_metadata();
	format!("{}.{}", m.pallet_name, m.function_name)
}

/// `e` by name: `Pallet::Variant` for module errors.
pub fn error_name(e: &DispatchError) -> String {
	match e {
		DispatchError::Module(_) => match RuntimeError::from_dispatch_error(*e) {
			Some(err) => {
				let s = format!("{err:?}");
				// `Usdai(InsufficientBalance)` → `Usdai::InsufficientBalance`
				match s.split_once('(') {
					Some((p, rest)) => {
						let v = rest.trim_end_matches(')');
						let v = v.split(['(', ' ', '{']).next().unwrap_or(v);
						format!("{p}::{v}")
					},
					None => s,
				}
			},
			None => format!("{e:?}"),
		},
		DispatchError::Arithmetic(a) => format!("Arithmetic::{a:?}"),
		DispatchError::Token(t) => format!("Token::{t:?}"),
		DispatchError::Other(m) => format!("Other({m})"),
		other => format!("{other:?}"),
	}
}

/// Whether `call` is for governance (or the emergency origin) only: dispatched by a signed
/// account it must fail with `BadOrigin`.
pub fn is_governance(call: &RuntimeCall) -> bool {
	use pallet_caliber::Call as C;
	use pallet_filo::Call as F;
	use pallet_gauges::Call as G;
	use pallet_treasury_bridge::Call as B;
	use pallet_usdai::Call as U;
	match call {
		RuntimeCall::Usdai(c) => matches!(
			c,
			U::set_stablecoin { .. }
				| U::remove_stablecoin { .. }
				| U::set_mint_limits { .. }
				| U::set_fees { .. }
				| U::set_vesting_period { .. }
				| U::pause { .. }
				| U::set_paused { .. }
				| U::withdraw_protocol_fees { .. }
				| U::reset_circuit_breaker { .. }
		),
		RuntimeCall::Caliber(c) => matches!(
			c,
			C::register_custodian { .. }
				| C::suspend_custodian { .. }
				| C::resume_custodian { .. }
				| C::remove_custodian { .. }
				| C::add_appraiser { .. }
				| C::remove_appraiser { .. }
				| C::set_params { .. }
				| C::set_depreciation { .. }
		),
		RuntimeCall::Filo(c) => matches!(
			c,
			F::register_curator { .. }
				| F::remove_curator { .. }
				| F::set_params { .. }
				| F::set_stack_cap { .. }
		),
		RuntimeCall::Gauges(c) => matches!(
			c,
			G::backstop { .. }
				| G::cancel_backstop { .. }
				| G::set_capacity_quorum { .. }
				| G::set_max_stack_share { .. }
		),
		RuntimeCall::TreasuryBridge(c) => matches!(
			c,
			B::set_relayers { .. }
				| B::open_channel { .. }
				| B::set_inflow_limit { .. }
				| B::resolve_conflict { .. }
				| B::set_sleeve_target { .. }
				| B::request_recall { .. }
				| B::halt { .. }
				| B::resume { .. }
		),
		_ => false,
	}
}

/// The native chain a case runs on.
pub struct Chain {
	ext: sp_io::TestExternalities,
	/// The block being built.
	pub number: BlockNumber,
	parent: H256,
	/// Time spent in each block's calls and hooks (not in the checks), for the report.
	pub slowest_block: std::time::Duration,
	block_started: std::time::Instant,
	block_busy: std::time::Duration,
	/// What the checks carry from block to block (and the known leaks they absorbed).
	pub baselines: checks::Baselines,
}

/// The Aura slot of block `n`: the genesis slot plus `n`, so the clock and the block numbers
/// move together (a jump of `k` blocks is `k` six-second slots).
pub fn slot_of(n: BlockNumber) -> u64 {
	GENESIS_MILLIS / SLOT_DURATION + u64::from(n)
}

thread_local! {
	/// Inside [`catching`]: panics are expected results, not to be printed.
	static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
	/// Where the last caught panic happened.
	static LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs a panic hook that keeps quiet about the panics [`catching`] turns into failures
/// (shrinking replays them by the hundred) and reports any other panic as usual.
pub fn quiet_caught_panics() {
	let default = std::panic::take_hook();
	std::panic::set_hook(Box::new(move |info| {
		if CATCHING.with(|c| c.get()) {
			LOCATION.with(|l| *l.borrow_mut() = info.location().map(|l| l.to_string()));
		} else {
			default(info);
		}
	}));
}

/// Runs `f`, turning a panic into its message (with where it happened when known).
pub fn catching<R>(f: impl FnOnce() -> R) -> Result<R, String> {
	let before = CATCHING.with(|c| c.replace(true));
	LOCATION.with(|l| *l.borrow_mut() = None);
	let r = catch_unwind(AssertUnwindSafe(f));
	CATCHING.with(|c| c.set(before));
	r.map_err(|p| {
		let message = if let Some(s) = p.downcast_ref::<&str>() {
			(*s).to_string()
		} else if let Some(s) = p.downcast_ref::<String>() {
			s.clone()
		} else {
			"(non-string panic)".to_string()
		};
		match LOCATION.with(|l| l.borrow_mut().take()) {
			Some(at) => format!("{message} (at {at})"),
			None => message,
		}
	})
}

impl Chain {
	/// A chain at `genesis` with block 1 started. With `tolerate_known`, the checks absorb the
	/// known dust leaks (see [`checks::Baselines`]) instead of failing on them.
	pub fn new(genesis: &Storage, tolerate_known: bool) -> Result<Self, Failure> {
		let mut chain = Chain {
			ext: sp_io::TestExternalities::new(genesis.clone()),
			number: 0,
			parent: H256::zero(),
			slowest_block: Default::default(),
			block_started: std::time::Instant::now(),
			block_busy: Default::default(),
			baselines: checks::Baselines { tolerate_known, ..Default::default() },
		};
		chain.start_block(1)?;
		Ok(chain)
	}

	/// Runs `f` against the chain's state (reads, or the generator looking at live ids).
	pub fn read<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}

	/// Applies one step.
	pub fn apply(&mut self, step: &Step) -> Result<Option<(String, Outcome)>, Failure> {
		match step {
			Step::Call { who, call } => self.dispatch(who, call).map(Some),
			Step::Advance { blocks } => {
				self.end_block(true)?;
				let target = self.number.saturating_add((*blocks).max(1));
				if *blocks <= FULL_LAPSE {
					// Every block in between runs its hooks (empty blocks, checked at the end).
					while self.number.saturating_add(1) < target {
						self.start_block(self.number + 1)?;
						self.end_block(false)?;
					}
				} else {
					// frame-system wants consecutive numbers: the blocks in between are taken as
					// empty and hookless; every hook catches up on what it missed.
					let from = self.number;
					self.ext.execute_with(|| {
						frame_system::Pallet::<Runtime>::set_block_number(target - 1);
						// The scheduler would otherwise walk every skipped block's (empty) agenda
						// in one `on_initialize`; it resumes at the first agenda that has work, so
						// nothing scheduled in the gap is lost.
						let first_due = pallet_scheduler::Agenda::<Runtime>::iter_keys()
							.filter(|at| *at > from)
							.min()
							.unwrap_or(target)
							.min(target);
						pallet_scheduler::IncompleteSince::<Runtime>::put(first_due);
					});
				}
				self.start_block(target)?;
				Ok(None)
			},
		}
	}

	/// Ends the case: the last block is finalized and checked.
	pub fn finish(&mut self) -> Result<(), Failure> {
		self.end_block(true)
	}

	fn dispatch(&mut self, who: &Who, call: &RuntimeCall) -> Result<(String, Outcome), Failure> {
		let name = call_name(call);
		let started = std::time::Instant::now();
		let result = self.ext.execute_with(|| {
			let info = call.get_dispatch_info();
			let charged = info.call_weight.saturating_add(info.extension_weight);
			let limits = usdai_runtime::configs::RuntimeBlockWeights::get();
			let base = limits.get(info.class).base_extrinsic;
			let consumed = frame_system::BlockWeight::<Runtime>::get();
			let class_max = limits.get(info.class).max_total.unwrap_or(limits.max_block);
			let after = consumed.get(info.class).saturating_add(charged).saturating_add(base);
			if after.any_gt(class_max)
				|| consumed.total().saturating_add(charged).any_gt(limits.max_block)
			{
				return Ok(Outcome::Skipped);
			}
			let origin = match who {
				// Governance: what the risk guard dispatches a change as once it applies (the
				// guard's own rules have their tests in pallets/guard and the runtime).
				Who::Root => RuntimeOrigin::from(pallet_guard::Origin::Enacted(
					usdai_primitives::governance::Domain::Parameters,
				)),
				Who::Signed(a) => RuntimeOrigin::signed(a.clone()),
				Who::Unsigned => RuntimeOrigin::none(),
			};
			let res = catching(|| call.clone().dispatch(origin))
				.map_err(|message| Failure::Panic { during: name.clone(), message })?;
			let post = match &res {
				Ok(post) => *post,
				Err(e) => e.post_info,
			};
			if let Some(used) = post.actual_weight {
				if used.any_gt(info.call_weight) {
					return Err(Failure::Underweight {
						call: name.clone(),
						charged: info.call_weight,
						used,
					});
				}
			}
			let used = post.calc_actual_weight(&info).saturating_add(base);
			frame_system::Pallet::<Runtime>::register_extra_weight_unchecked(used, info.class);
			let outcome = match &res {
				Ok(_) => Outcome::Ok,
				Err(e) => Outcome::Err(error_name(&e.error)),
			};
			if matches!(who, Who::Signed(_)) && is_governance(call) {
				let bad_origin = matches!(&res, Err(e) if e.error == DispatchError::BadOrigin);
				if !bad_origin {
					return Err(Failure::OriginNotChecked {
						call: name.clone(),
						result: format!("{outcome:?}"),
					});
				}
			}
			Ok(outcome)
		});
		self.block_busy += started.elapsed();
		result.map(|o| (name, o))
	}

	fn start_block(&mut self, n: BlockNumber) -> Result<(), Failure> {
		self.block_started = std::time::Instant::now();
		self.block_busy = Default::default();
		let parent = self.parent;
		let result = self.ext.execute_with(|| {
			let digest = Digest {
				logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot_of(n)).encode())],
			};
			let header = Header::new(n, H256::zero(), H256::zero(), parent, digest);
			catching(|| {
				Executive::initialize_block(&header);
				let now = slot_of(n) * SLOT_DURATION;
				let set = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now });
				let info = set.get_dispatch_info();
				set.dispatch_bypass_filter(RuntimeOrigin::none())
					.unwrap_or_else(|e| panic!("timestamp inherent failed: {e:?}"));
				frame_system::Pallet::<Runtime>::register_extra_weight_unchecked(
					info.call_weight,
					DispatchClass::Mandatory,
				);
				Executive::inherents_applied();
			})
			.map_err(|message| Failure::Panic {
				during: format!("initialize_block({n}) (on_initialize hooks)"),
				message,
			})?;
			let limits = usdai_runtime::configs::RuntimeBlockWeights::get();
			let used = frame_system::BlockWeight::<Runtime>::get().total();
			if used.any_gt(limits.max_block) {
				return Err(Failure::BlockOverweight { block: n, used, max: limits.max_block });
			}
			Ok(())
		});
		self.block_busy += self.block_started.elapsed();
		self.number = n;
		result
	}

	fn end_block(&mut self, check: bool) -> Result<(), Failure> {
		let n = self.number;
		let started = std::time::Instant::now();
		let header = self.ext.execute_with(|| {
			catching(Executive::finalize_block).map_err(|message| Failure::Panic {
				during: format!("finalize_block({n}) (on_idle and on_finalize hooks)"),
				message,
			})
		})?;
		self.block_busy += started.elapsed();
		self.slowest_block = self.slowest_block.max(self.block_busy);
		self.parent = header.hash();
		if !check {
			return Ok(());
		}
		let baselines = &mut self.baselines;
		self.ext.execute_with(|| {
			catching(|| checks::all(baselines))
				.map_err(|message| Failure::Panic {
					during: format!("the checks after block {n}"),
					message,
				})?
				.map_err(|(check, message)| Failure::Invariant { check, message })
		})
	}
}

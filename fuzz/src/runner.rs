//! Cases, figures, replay and shrinking.

use crate::{
	actors,
	chain::{Chain, Failure, Outcome, Step, Who},
	entropy::Entropy,
	generator::Generator,
};
use codec::{Decode, Encode};
use sp_runtime::Storage;
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

/// The shape of a case.
#[derive(Clone, Debug)]
pub struct Config {
	/// Blocks after the set-up block.
	pub blocks_per_case: u32,
	/// Generated actions per block (an action is one call, or a few: e.g. the relayers'
	/// attestations of one deposit).
	pub calls_per_block: u32,
	/// Print every step and its outcome.
	pub verbose: bool,
	/// Time allowed for shrinking one counterexample.
	pub shrink_budget: Duration,
	/// Report the [`known`](crate::known) counterexamples too (otherwise a case that hits one
	/// ends there and is only counted).
	pub strict: bool,
}

impl Default for Config {
	fn default() -> Self {
		Self {
			blocks_per_case: 40,
			calls_per_block: 12,
			verbose: false,
			shrink_budget: Duration::from_secs(120),
			strict: false,
		}
	}
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Stats {
	/// Cases run.
	pub cases: u64,
	/// Blocks finalized and checked.
	pub blocks: u64,
	/// Calls dispatched (skipped ones, that did not fit in the block, not counted).
	pub calls: u64,
	/// Calls that succeeded.
	pub ok: u64,
	/// Calls not dispatched because the block was full.
	pub skipped: u64,
	/// Failed calls by error.
	pub errors: BTreeMap<String, u64>,
	/// Per call: (succeeded, failed).
	pub per_call: BTreeMap<String, (u64, u64)>,
	/// Wall-clock time of the run.
	pub wall: Duration,
	/// The slowest block's calls and hooks (checks not counted).
	pub slowest_block: Duration,
	/// Cases that ended on a known counterexample, by check.
	pub known: BTreeMap<String, u64>,
}

impl Stats {
	fn record(&mut self, name: String, outcome: &Outcome) {
		match outcome {
			Outcome::Skipped => self.skipped += 1,
			Outcome::Ok => {
				self.calls += 1;
				self.ok += 1;
				self.per_call.entry(name).or_default().0 += 1;
			},
			Outcome::Err(e) => {
				self.calls += 1;
				*self.errors.entry(e.clone()).or_default() += 1;
				self.per_call.entry(name).or_default().1 += 1;
			},
		}
	}

	/// Adds another run's figures.
	pub fn merge(&mut self, other: &Stats) {
		self.cases += other.cases;
		self.blocks += other.blocks;
		self.calls += other.calls;
		self.ok += other.ok;
		self.skipped += other.skipped;
		for (k, v) in &other.errors {
			*self.errors.entry(k.clone()).or_default() += v;
		}
		for (k, (a, b)) in &other.per_call {
			let e = self.per_call.entry(k.clone()).or_default();
			e.0 += a;
			e.1 += b;
		}
		self.slowest_block = self.slowest_block.max(other.slowest_block);
		for (k, v) in &other.known {
			*self.known.entry(k.clone()).or_default() += v;
		}
	}

	/// The figures as a report.
	pub fn report(&self) -> String {
		let secs = self.wall.as_secs_f64().max(1e-9);
		let mut out = format!(
			"cases {}, blocks {}, calls {} ({} ok, {} failed, {} skipped: block full) in {:.1}s: \
			 {:.0} calls/s, {:.1} blocks/s; slowest block {:.1} ms\n",
			self.cases,
			self.blocks,
			self.calls,
			self.ok,
			self.calls - self.ok,
			self.skipped,
			secs,
			self.calls as f64 / secs,
			self.blocks as f64 / secs,
			self.slowest_block.as_secs_f64() * 1e3,
		);
		for (k, v) in &self.known {
			out.push_str(&format!("known counterexample `{k}` hit: {v} time(s)\n"));
		}
		out.push_str("calls (ok / failed):\n");
		for (k, (a, b)) in &self.per_call {
			out.push_str(&format!("  {k:<40} {a:>8} / {b:>8}\n"));
		}
		let mut errors: Vec<_> = self.errors.iter().collect();
		errors.sort_by(|a, b| b.1.cmp(a.1));
		out.push_str("errors:\n");
		for (k, v) in errors {
			out.push_str(&format!("  {k:<48} {v:>8}\n"));
		}
		out
	}
}

/// A failing case: its seed, the failure, and the steps (all of them, and a shrunk list that
/// still fails the same way).
#[derive(Clone, Debug)]
pub struct Counterexample {
	/// The case's seed (`--seed <seed> --cases 1` runs it again).
	pub seed: u64,
	/// What went wrong.
	pub failure: Failure,
	/// The steps up to the failure.
	pub steps: Vec<Step>,
	/// The fewest steps found that fail the same way.
	pub minimal: Vec<Step>,
}

impl Counterexample {
	/// A report with the seed, the failure and the minimal steps (readable, and as SCALE hex
	/// for `usdai-fuzz --replay`).
	pub fn report(&self) -> String {
		let mut out = format!(
			"COUNTEREXAMPLE (seed {}): {}\n{} steps, shrunk to {}:\n",
			self.seed,
			self.failure,
			self.steps.len(),
			self.minimal.len()
		);
		for (i, s) in self.minimal.iter().enumerate() {
			out.push_str(&format!("  {i:>3}. {}\n", describe(s)));
		}
		out.push_str(&format!("replay: usdai-fuzz --replay {}\n", to_hex(&self.minimal)));
		out
	}
}

/// A step as a line, accounts by name.
pub fn describe(step: &Step) -> String {
	let text = match step {
		Step::Advance { blocks } => return format!("advance {blocks} block(s)"),
		Step::Call { who: Who::Root, call } => format!("root: {call:?}"),
		Step::Call { who: Who::Signed(a), call } => format!("{}: {call:?}", actors::name(a)),
		Step::Call { who: Who::Unsigned, call } => format!("unsigned: {call:?}"),
	};
	let mut text = text;
	for a in actors::signers().iter().chain(actors::pallet_accounts().iter()) {
		text = text.replace(&format!("{a:?}"), &actors::name(a));
	}
	text
}

/// Steps as SCALE hex.
pub fn to_hex(steps: &[Step]) -> String {
	hex::encode(steps.to_vec().encode())
}

/// Steps from SCALE hex.
pub fn from_hex(s: &str) -> Result<Vec<Step>, String> {
	let bytes = hex::decode(s.trim().trim_start_matches("0x")).map_err(|e| e.to_string())?;
	Vec::<Step>::decode(&mut &bytes[..]).map_err(|e| e.to_string())
}

/// Runs `steps` from genesis, then ends the last block; the first failure, if any (known ones
/// included).
pub fn replay(genesis: &Storage, steps: &[Step]) -> Result<(), Failure> {
	replay_verbose(genesis, steps, false, false)
}

/// [`replay`], printing every step and its outcome when `verbose`, absorbing the known dust
/// leaks when `tolerate_known`.
pub fn replay_verbose(
	genesis: &Storage,
	steps: &[Step],
	verbose: bool,
	tolerate_known: bool,
) -> Result<(), Failure> {
	let mut chain = Chain::new(genesis, tolerate_known)?;
	for s in steps {
		let r = chain.apply(s);
		if verbose {
			match &r {
				Ok(Some((_, o))) => println!("  {} → {o:?}", describe(s)),
				Ok(None) => println!("  {} (block {})", describe(s), chain.number),
				Err(f) => println!("  {} → FAILURE {f}", describe(s)),
			}
		}
		r?;
	}
	chain.finish()
}

/// Runs case `seed`; figures go to `stats`.
pub fn run_case(
	genesis: &Storage,
	seed: u64,
	config: &Config,
	stats: &mut Stats,
) -> Result<(), Box<Counterexample>> {
	let mut steps = Vec::new();
	let result = run_steps(genesis, seed, config, stats, &mut steps);
	stats.cases += 1;
	match result {
		Ok(()) => Ok(()),
		Err(failure) if !config.strict && crate::known::known(&failure).is_some() => {
			let k = crate::known::known(&failure).map(|k| k.check).unwrap_or_default();
			*stats.known.entry(format!("{k} (case ended)")).or_default() += 1;
			Ok(())
		},
		Err(failure) => {
			let minimal =
				shrink(genesis, steps.clone(), &failure, config.shrink_budget, !config.strict);
			Err(Box::new(Counterexample { seed, failure, steps, minimal }))
		},
	}
}

fn run_steps(
	genesis: &Storage,
	seed: u64,
	config: &Config,
	stats: &mut Stats,
	steps: &mut Vec<Step>,
) -> Result<(), Failure> {
	let mut gen = Generator::new(Entropy::from_seed(seed), !config.strict);
	let mut chain = Chain::new(genesis, !config.strict)?;
	let mut apply = |chain: &mut Chain, step: Step, stats: &mut Stats| -> Result<(), Failure> {
		steps.push(step.clone());
		let r = chain.apply(&step);
		if config.verbose {
			match &r {
				Ok(Some((_, o))) => println!("  {} → {o:?}", describe(&step)),
				Ok(None) => println!("  -- block {}", chain.number),
				Err(f) => println!("  {} → FAILURE {f}", describe(&step)),
			}
		}
		match r? {
			Some((name, outcome)) => stats.record(name, &outcome),
			None => stats.blocks += 1,
		}
		Ok(())
	};
	let plan = chain.read(|| gen.bootstrap());
	for script in &plan {
		for step in chain.read(|| gen.script(script)) {
			apply(&mut chain, step, stats)?;
		}
	}
	apply(&mut chain, Step::Advance { blocks: 1 }, stats)?;
	for _ in 0..config.blocks_per_case {
		for _ in 0..config.calls_per_block {
			for step in chain.read(|| gen.next_action()) {
				apply(&mut chain, step, stats)?;
			}
		}
		let blocks = gen.lapse();
		apply(&mut chain, Step::Advance { blocks }, stats)?;
	}
	let r = chain.finish();
	stats.blocks += 1;
	stats.slowest_block = stats.slowest_block.max(chain.slowest_block);
	for (k, v) in &chain.baselines.hits {
		*stats.known.entry(k.clone()).or_default() += v;
	}
	r
}

/// The fewest steps (found within `budget`) that still fail like `failure`: chunks of steps are
/// dropped while the failure stays (delta debugging), then block jumps are shortened to one
/// block where that keeps it.
pub fn shrink(
	genesis: &Storage,
	steps: Vec<Step>,
	failure: &Failure,
	budget: Duration,
	tolerate_known: bool,
) -> Vec<Step> {
	let started = Instant::now();
	let fails = |candidate: &[Step]| match replay_verbose(genesis, candidate, false, tolerate_known)
	{
		Err(f) => f.same_kind(failure),
		Ok(()) => false,
	};
	let mut current = steps;
	let fails = |candidate: &mut Vec<Step>| {
		renumber_deposits(candidate);
		fails(candidate)
	};
	if !fails(&mut current) {
		// Not reproducible from the steps alone (should not happen): keep them all.
		return current;
	}
	let mut chunk = (current.len() / 2).max(1);
	loop {
		let mut i = 0;
		let mut progress = false;
		while i < current.len() && started.elapsed() < budget {
			let end = (i + chunk).min(current.len());
			let mut candidate = current[..i].to_vec();
			candidate.extend_from_slice(&current[end..]);
			if fails(&mut candidate) {
				current = candidate;
				progress = true;
			} else {
				i += chunk;
			}
		}
		if started.elapsed() >= budget {
			break;
		}
		if !progress {
			if chunk == 1 {
				break;
			}
			chunk /= 2;
		}
	}
	for i in 0..current.len() {
		if started.elapsed() >= budget {
			break;
		}
		if let Step::Advance { blocks } = current[i] {
			if blocks > 1 {
				let mut candidate = current.clone();
				candidate[i] = Step::Advance { blocks: 1 };
				if fails(&mut candidate) {
					current = candidate;
				}
			}
		}
	}
	current
}

/// Renumbers the inbound deposits of each bridge channel in order of appearance (0, 1, 2, …),
/// so that dropping one deposit's attestations while shrinking does not leave every later
/// deposit out of nonce order.
fn renumber_deposits(steps: &mut [Step]) {
	use pallet_treasury_bridge::Call as B;
	use usdai_runtime::RuntimeCall;
	let mut seen: BTreeMap<(u32, u64), u64> = BTreeMap::new();
	let mut next: BTreeMap<u32, u64> = BTreeMap::new();
	for step in steps.iter_mut() {
		if let Step::Call {
			call: RuntimeCall::TreasuryBridge(B::attest_deposit { deposit }), ..
		} = step
		{
			let key = (deposit.channel, deposit.nonce);
			let nonce = *seen.entry(key).or_insert_with(|| {
				let n = next.entry(deposit.channel).or_default();
				*n += 1;
				*n - 1
			});
			deposit.nonce = nonce;
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn steps_of(seed: u64) -> (Result<(), Failure>, Vec<Step>) {
		let genesis = crate::genesis::dev_storage();
		let config = Config { blocks_per_case: 3, calls_per_block: 6, ..Default::default() };
		let mut steps = Vec::new();
		let r = run_steps(&genesis, seed, &config, &mut Stats::default(), &mut steps);
		(r, steps)
	}

	#[test]
	fn a_seed_names_its_case_and_replays_to_the_same_end() {
		crate::chain::quiet_caught_panics();
		let (first, steps) = steps_of(11);
		let (second, again) = steps_of(11);
		assert_eq!(steps, again);
		assert_eq!(first, second);
		assert!(steps.len() > 10, "the set-up alone makes more steps");
		let genesis = crate::genesis::dev_storage();
		assert_eq!(replay(&genesis, &steps), first);
		let decoded = from_hex(&to_hex(&steps)).unwrap();
		assert_eq!(decoded, steps);
	}
}

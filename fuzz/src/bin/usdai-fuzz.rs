//! `usdai-fuzz`: runs fuzz cases over the native runtime and reports counterexamples and figures.
//!
//! ```text
//! usdai-fuzz --seed 1 --cases 200                # 200 cases, seeds 1..=200
//! usdai-fuzz --duration 60                       # an hour of fresh seeds
//! usdai-fuzz --seed 1234 --cases 1 --verbose     # one case, every call and its outcome
//! usdai-fuzz --replay <hex>                      # a shrunk counterexample, step by step
//! ```

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use clap::Parser;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use usdai_fuzz::{chain, entropy::case_seed, genesis, runner};

#[derive(Parser, Debug)]
#[command(
	about = "Fuzz the USD.AI runtime natively: hostile calls, random blocks, every invariant"
)]
struct Args {
	/// Seed of the first case (case i uses seed + i). Default: from the clock.
	#[arg(long)]
	seed: Option<u64>,
	/// Cases to run (ignored with --duration).
	#[arg(long, default_value_t = 100)]
	cases: u64,
	/// Blocks per case after the set-up block.
	#[arg(long, default_value_t = 40)]
	blocks_per_case: u32,
	/// Generated actions per block.
	#[arg(long, default_value_t = 12)]
	calls_per_block: u32,
	/// Run for this many minutes with fresh seeds instead of --cases.
	#[arg(long)]
	duration: Option<f64>,
	/// Keep going after a counterexample (report all of them at the end).
	#[arg(long)]
	keep_going: bool,
	/// Seconds allowed for shrinking each counterexample.
	#[arg(long, default_value_t = 120)]
	shrink_secs: u64,
	/// Print every step and its outcome.
	#[arg(long)]
	verbose: bool,
	/// Report the known counterexamples (src/known.rs) too instead of counting them.
	#[arg(long)]
	strict: bool,
	/// Replay steps given as SCALE hex (from a counterexample report), printing each.
	#[arg(long)]
	replay: Option<String>,
}

fn main() {
	let args = Args::parse();
	chain::quiet_caught_panics();
	if let Err(e) = usdai_fuzz::checks::integrity() {
		println!("integrity_test failed: {e}");
		std::process::exit(1);
	}
	let genesis = genesis::dev_storage();
	if let Some(hex) = &args.replay {
		let steps = runner::from_hex(hex).unwrap_or_else(|e| panic!("bad --replay: {e}"));
		match runner::replay_verbose(&genesis, &steps, true, !args.strict) {
			Ok(()) => println!("no failure"),
			Err(f) => {
				println!("FAILURE: {f}");
				std::process::exit(1);
			},
		}
		return;
	}
	let seed = args.seed.unwrap_or_else(|| {
		SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
	});
	let config = runner::Config {
		blocks_per_case: args.blocks_per_case,
		calls_per_block: args.calls_per_block,
		verbose: args.verbose,
		shrink_budget: Duration::from_secs(args.shrink_secs),
		strict: args.strict,
	};
	let deadline = args.duration.map(|m| Instant::now() + Duration::from_secs_f64(m * 60.0));
	println!(
		"usdai-fuzz: seed {seed}, {} blocks × {} actions per case, {}",
		config.blocks_per_case,
		config.calls_per_block,
		match args.duration {
			Some(m) => format!("for {m} minutes"),
			None => format!("{} cases", args.cases),
		}
	);
	let started = Instant::now();
	let mut stats = runner::Stats::default();
	let mut found = Vec::new();
	let mut last_report = Instant::now();
	let mut i = 0u64;
	loop {
		match deadline {
			Some(d) if Instant::now() >= d => break,
			None if i >= args.cases => break,
			_ => {},
		}
		let s = case_seed(seed, i);
		i += 1;
		if let Err(c) = runner::run_case(&genesis, s, &config, &mut stats) {
			println!("{}", c.report());
			found.push(c);
			if !args.keep_going {
				break;
			}
		}
		if last_report.elapsed() > Duration::from_secs(60) {
			last_report = Instant::now();
			stats.wall = started.elapsed();
			println!(
				"[{:.0}s] cases {}, blocks {}, calls {} ({:.0}/s), counterexamples {}",
				stats.wall.as_secs_f64(),
				stats.cases,
				stats.blocks,
				stats.calls,
				stats.calls as f64 / stats.wall.as_secs_f64(),
				found.len()
			);
		}
	}
	stats.wall = started.elapsed();
	println!("{}", stats.report());
	if !found.is_empty() {
		println!(
			"{} counterexample(s); seeds: {:?}",
			found.len(),
			found.iter().map(|c| c.seed).collect::<Vec<_>>()
		);
		std::process::exit(1);
	}
}

//! The fuzzer in CI: a fixed seed and a bounded number of cases (about two to three minutes in
//! `cargo test --release`). `USDAI_FUZZ_CASES` changes the number of cases, `USDAI_FUZZ_SEED`
//! the seed. Debug builds run a fiftieth of the cases. The known counterexamples
//! (`src/known.rs`) are counted, not failed on; any other fails the test with its seed and
//! shrunk steps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use std::time::Instant;
use usdai_fuzz::{chain, entropy::case_seed, genesis, runner};

const SEED: u64 = 0x5eed_0017;
const CASES: u64 = 200;

fn env(name: &str, default: u64) -> u64 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn the_runtime_survives_a_fixed_seed_of_hostile_cases() {
	chain::quiet_caught_panics();
	usdai_fuzz::checks::integrity().unwrap_or_else(|e| panic!("integrity_test: {e}"));
	let seed = env("USDAI_FUZZ_SEED", SEED);
	let default = if cfg!(debug_assertions) { CASES / 50 } else { CASES };
	let cases = env("USDAI_FUZZ_CASES", default);
	let genesis = genesis::dev_storage();
	let config = runner::Config::default();
	let started = Instant::now();
	let mut stats = runner::Stats::default();
	for i in 0..cases {
		if let Err(c) = runner::run_case(&genesis, case_seed(seed, i), &config, &mut stats) {
			panic!("{}", c.report());
		}
	}
	stats.wall = started.elapsed();
	println!("{}", stats.report());
	assert_eq!(stats.cases, cases);
	assert!(stats.ok > 0, "no call ever succeeded: the generator is broken");
}

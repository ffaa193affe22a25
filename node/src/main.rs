//! `usdai-node`: the USD.AI chain's node (Aura block production, GRANDPA finality).

#![warn(missing_docs)]
// sc-cli's and sc-service's error types are large; the node returns them as the SDK does.
#![allow(clippy::result_large_err)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() {
	// Print errors as a sentence (not a debug dump) and exit non-zero.
	if let Err(e) = command::run() {
		eprintln!("Error: {e}");
		std::process::exit(1);
	}
}

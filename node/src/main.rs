//! `usdai-node`: the USD.AI chain's node (Aura block production, GRANDPA finality).

#![warn(missing_docs)]

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

//! The `usdai-beacon-feeder` binary: see `usdai_relayer::beacon`.

use clap::Parser;
use std::process::ExitCode;
use usdai_relayer::beacon::{run, FeederCli};

#[tokio::main]
async fn main() -> ExitCode {
	match run(FeederCli::parse()).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			tracing::error!(error = %format!("{error:#}"), "usdai-beacon-feeder stopped");
			eprintln!("usdai-beacon-feeder: {error:#}");
			ExitCode::FAILURE
		},
	}
}

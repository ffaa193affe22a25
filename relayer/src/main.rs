//! The `usdai-relayer` binary: see the crate's README.

use clap::Parser;
use std::process::ExitCode;
use usdai_relayer::config::Cli;

#[tokio::main]
async fn main() -> ExitCode {
	match usdai_relayer::runner::run(Cli::parse()).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			// Also on stderr: the logger may not be installed yet (a configuration error).
			tracing::error!(error = %format!("{error:#}"), "usdai-relayer stopped");
			eprintln!("usdai-relayer: {error:#}");
			ExitCode::FAILURE
		},
	}
}

//! The node's command line: bad input gets a clear error and a non-zero exit (no panic), and
//! the built-in chain specs carry the chain's token properties.

use std::process::{Command, Output};

fn node(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_usdai-node"))
		.args(args)
		.env_remove("RUST_BACKTRACE")
		.output()
		.expect("usdai-node runs")
}

fn stderr(out: &Output) -> String {
	String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_clean_failure(out: &Output, expected: &str) {
	let err = stderr(out);
	assert!(!out.status.success(), "must fail; stderr: {err}");
	assert_eq!(out.status.code(), Some(1), "exit code; stderr: {err}");
	assert!(err.contains(expected), "stderr should mention `{expected}`: {err}");
	for panic_marker in ["panicked", "stack backtrace", "RUST_BACKTRACE", "Thread '"] {
		assert!(!err.contains(panic_marker), "no panic trace expected: {err}");
	}
}

#[test]
fn unknown_chain_name_is_a_clear_error() {
	let out = node(&["--chain", "mainnet-that-does-not-exist", "--tmp"]);
	assert_clean_failure(&out, "unknown chain `mainnet-that-does-not-exist`");
}

#[test]
fn unknown_chain_in_export_is_a_clear_error() {
	let out = node(&["export-chain-spec", "--chain", "nope"]);
	assert_clean_failure(&out, "unknown chain `nope`");
}

#[test]
fn malformed_chain_spec_file_is_a_clear_error() {
	let dir = tempdir("malformed-spec");
	let path = format!("{dir}/broken.json");
	std::fs::write(&path, "{ \"name\": \"half a spec\", ").unwrap();
	let out = node(&["--chain", &path, "--tmp"]);
	assert_clean_failure(&out, "cannot load chain spec");

	// Valid JSON that is not a chain spec is rejected the same way.
	std::fs::write(&path, "{\"hello\": 1}").unwrap();
	let out = node(&["export-chain-spec", "--chain", &path]);
	assert_clean_failure(&out, "cannot load chain spec");
}

#[test]
fn unknown_flag_is_rejected_with_usage() {
	let out = node(&["--definitely-not-a-flag"]);
	assert!(!out.status.success());
	assert!(stderr(&out).contains("unexpected argument"), "{}", stderr(&out));
}

#[test]
fn built_in_specs_carry_chip_properties() {
	for (chain, id) in [("dev", "usdai_dev"), ("local", "usdai_local")] {
		let out = node(&["export-chain-spec", "--chain", chain]);
		assert!(out.status.success(), "{}", stderr(&out));
		let spec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
		assert_eq!(spec["id"], id);
		assert_eq!(spec["properties"]["tokenSymbol"], "CHIP");
		assert_eq!(spec["properties"]["tokenDecimals"], 18);
		assert_eq!(spec["properties"]["ss58Format"], 42);
	}
}

#[test]
fn benchmark_pallet_without_the_feature_explains_itself() {
	if cfg!(feature = "runtime-benchmarks") {
		return;
	}
	let out = node(&[
		"benchmark",
		"pallet",
		"--chain",
		"dev",
		"--pallet",
		"pallet_balances",
		"--extrinsic",
		"*",
	]);
	assert_clean_failure(&out, "runtime-benchmarks");
}

fn tempdir(name: &str) -> String {
	let dir = std::env::temp_dir().join(format!("usdai-node-cli-{name}-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	dir.to_string_lossy().into_owned()
}

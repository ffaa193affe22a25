//! The chain specs shipped in `chain-specs/` still match this runtime: same spec name and
//! version, and their genesis is what the runtime's presets build today. When this fails,
//! re-export them with `scripts/export-chain-specs.sh`.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use sc_chain_spec::{ChainType, GenericChainSpec};
use serde_json::Value;
use sp_core::storage::well_known_keys::CODE;
use sp_runtime::BuildStorage;
use std::path::PathBuf;
use usdai_runtime::{VERSION, WASM_BINARY};

fn spec_file(name: &str) -> Value {
	let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../chain-specs").join(name);
	let text = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
	serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn hex_bytes(v: &Value) -> Vec<u8> {
	let s = v.as_str().expect("hex string");
	sp_core::bytes::from_hex(s).expect("valid hex")
}

/// The runtime version embedded in a wasm blob (compressed or not).
fn embedded_version(code: &[u8]) -> sp_version::RuntimeVersion {
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(code)
		.expect("valid wasm");
	sc_executor::read_embedded_version(&blob)
		.expect("readable version section")
		.expect("the runtime embeds its version")
}

fn assert_same_runtime(file: &str, code: &[u8]) {
	let v = embedded_version(code);
	assert_eq!(v.spec_name, VERSION.spec_name, "{file}: spec_name");
	assert_eq!(v.spec_version, VERSION.spec_version, "{file}: spec_version; re-export the specs");
	assert_eq!(v.transaction_version, VERSION.transaction_version, "{file}: transaction_version");
}

fn assert_properties(file: &str, spec: &Value) {
	let p = &spec["properties"];
	assert_eq!(p["tokenSymbol"], "CHIP", "{file}");
	assert_eq!(p["tokenDecimals"], 18, "{file}");
	assert_eq!(p["ss58Format"], 42, "{file}");
}

/// Raw top-level storage (hex key → hex value) that today's runtime builds from `patch`.
fn storage_from_patch(patch: Value) -> std::collections::BTreeMap<Vec<u8>, Vec<u8>> {
	let wasm = WASM_BINARY.expect("tests need the wasm runtime");
	let storage = GenericChainSpec::<()>::builder(wasm, ())
		.with_name("test")
		.with_id("test")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_patch(patch)
		.build()
		.build_storage()
		.expect("today's runtime builds the shipped genesis");
	storage.top.into_iter().collect()
}

fn check_plain(file: &str, preset: &str) {
	let spec = spec_file(file);
	assert_properties(file, &spec);
	let genesis = &spec["genesis"]["runtimeGenesis"];
	assert_same_runtime(file, &hex_bytes(&genesis["code"]));

	// The shipped patch is exactly what the runtime's preset gives today...
	let preset_json =
		usdai_runtime::genesis_config_presets::get_preset(&preset.into()).expect("preset exists");
	let preset_patch: Value = serde_json::from_slice(&preset_json).expect("preset is JSON");
	assert_eq!(genesis["patch"], preset_patch, "{file}: genesis differs from preset `{preset}`");
	// ...and today's runtime can build a genesis state from it.
	assert!(!storage_from_patch(genesis["patch"].clone()).is_empty());
}

fn check_raw(file: &str, plain_file: &str) {
	let spec = spec_file(file);
	assert_properties(file, &spec);
	let top = spec["genesis"]["raw"]["top"].as_object().expect("raw spec has top storage");
	let mut raw: std::collections::BTreeMap<Vec<u8>, Vec<u8>> = top
		.iter()
		.map(|(k, v)| (sp_core::bytes::from_hex(k).expect("hex key"), hex_bytes(v)))
		.collect();
	let code = raw.remove(CODE).expect("raw spec has :code");
	assert_same_runtime(file, &code);

	// Every other key and value is what today's runtime builds from the plain spec.
	let plain = spec_file(plain_file);
	let mut built = storage_from_patch(plain["genesis"]["runtimeGenesis"]["patch"].clone());
	built.remove(CODE);
	assert_eq!(raw.len(), built.len(), "{file}: number of genesis keys differs");
	assert!(raw == built, "{file}: raw genesis storage differs from today's runtime");
}

#[test]
fn dev_spec_matches_the_runtime() {
	check_plain("dev.json", "development");
}

#[test]
fn local_spec_matches_the_runtime() {
	check_plain("local.json", "local_testnet");
}

#[test]
fn raw_dev_spec_matches_the_runtime() {
	check_raw("dev-raw.json", "dev.json");
}

#[test]
fn raw_local_spec_matches_the_runtime() {
	check_raw("local-raw.json", "local.json");
}

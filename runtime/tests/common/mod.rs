//! Helpers shared by the runtime's integration tests.

// Each test file uses a different subset.
#![allow(
	dead_code,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use sc_chain_spec::{ChainType, GenericChainSpec};
use sp_runtime::BuildStorage;
use usdai_runtime::WASM_BINARY;

/// Genesis storage of `preset`, built by the compiled wasm runtime exactly as the node does.
pub fn preset_storage(preset: &str) -> sp_runtime::Storage {
	let wasm = WASM_BINARY.expect("tests need the wasm runtime: build without SKIP_WASM_BUILD");
	GenericChainSpec::<()>::builder(wasm, ())
		.with_name("test")
		.with_id("test")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(preset)
		.build()
		.build_storage()
		.expect("preset builds")
}

/// Externalities holding the genesis state of `preset`, to read and dispatch natively.
pub fn genesis_ext(preset: &str) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(preset_storage(preset));
	ext.execute_with(|| usdai_runtime::System::set_block_number(1));
	ext
}

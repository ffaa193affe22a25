//! Builds the USD.AI runtime's wasm blob with the `fast-runtime` feature, twice: the current
//! release, and the next one (`next-release`: a higher `spec_version`, its storage changes and
//! their migrations), which the network tests install on a live chain by referendum.

/// Builds this crate for wasm with `wasm-blob`, which links `usdai-runtime` with `fast-runtime`;
/// then again with `next-release` into `wasm_binary_next.rs` (the polkadot-sdk pattern of a
/// second blob from one crate). The second build shares the first one's wasm target directory,
/// so it recompiles only what the feature changes.
#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults().enable_feature("wasm-blob").build();
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_feature("wasm-blob")
		.enable_feature("next-release")
		.set_file_name("wasm_binary_next.rs")
		.build();
}

/// The wasm builder is deactivated when compiling this crate for wasm.
#[cfg(not(feature = "std"))]
fn main() {}

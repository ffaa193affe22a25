//! Builds the USD.AI runtime's wasm blob with the `fast-runtime` feature.

/// Builds this crate for wasm with `wasm-blob`, which links `usdai-runtime` with `fast-runtime`.
#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults().enable_feature("wasm-blob").build();
}

/// The wasm builder is deactivated when compiling this crate for wasm.
#[cfg(not(feature = "std"))]
fn main() {}

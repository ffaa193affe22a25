#[cfg(all(feature = "std", feature = "metadata-hash", not(feature = "next-release")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("CHIP", 18)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash"), not(feature = "next-release")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The next release (`next-release`) is built natively only for its upgrade tests, with
/// `SKIP_WASM_BUILD=1`; its wasm blob comes from `runtime-fast`. A build of this crate's blob
/// with the feature would put the unreleased runtime behind the node's `dev` and `local` chains,
/// which happens when a command unifies the upgrade tests' features with the node's (`cargo
/// build --workspace`): refuse it instead.
#[cfg(all(feature = "std", feature = "next-release"))]
fn main() {
	println!("cargo:rerun-if-env-changed=SKIP_WASM_BUILD");
	if std::env::var_os("SKIP_WASM_BUILD").is_none() {
		panic!(
			"usdai-runtime with `next-release` is for runtime/upgrade-tests only: build it with \
			 SKIP_WASM_BUILD=1 and without the node (scripts/test.sh shows how); the next \
			 release's blob is runtime-fast's `next::WASM_BINARY`"
		);
	}
	// Under SKIP_WASM_BUILD the builder writes `WASM_BINARY = None` and builds nothing.
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The wasm builder is deactivated when compiling this crate for wasm.
#[cfg(not(feature = "std"))]
fn main() {}

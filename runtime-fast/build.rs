//! Builds the USD.AI runtime's wasm blob with the `fast-runtime` feature, twice: the current
//! release, and the next one (`next-release`: a higher `spec_version`, its storage changes and
//! their migrations), which the network tests install on a live chain by referendum.

/// Builds this crate for wasm with `wasm-blob`, which links `usdai-runtime` with `fast-runtime`;
/// then again with `next-release` into `wasm_binary_next.rs` (the polkadot-sdk pattern of a
/// second blob from one crate). The second build shares the first one's wasm target directory,
/// so it recompiles only what the feature changes.
#[cfg(feature = "std")]
fn main() {
	forget_linked_blob();
	substrate_wasm_builder::WasmBuilder::init_with_defaults().enable_feature("wasm-blob").build();
	forget_linked_blob();
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_feature("wasm-blob")
		.enable_feature("next-release")
		.set_file_name("wasm_binary_next.rs")
		.build();
}

/// Deletes the linked blob that both builds write to the same path of the shared wasm target
/// directory (cargo names a wasm cdylib without a hash of its features). Otherwise a build that
/// cargo finds fresh (its inputs older than that file, which the other build rewrote) would
/// hand the other build's blob over as its own. Without the file cargo links it again: a link,
/// not a compile.
#[cfg(feature = "std")]
fn forget_linked_blob() {
	use std::{env, fs, path::PathBuf};
	// OUT_DIR is `<target>/<profile>/build/<package>-<hash>/out`; the wasm workspace is
	// `<target>/<profile>/wbuild`.
	let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else { return };
	let Some(profile_dir) = out_dir.ancestors().nth(3) else { return };
	let target = profile_dir.join("wbuild").join("usdai-runtime-fast").join("target");
	let Ok(triples) = fs::read_dir(&target) else { return };
	for triple in triples.flatten() {
		let Ok(profiles) = fs::read_dir(triple.path()) else { continue };
		for profile in profiles.flatten() {
			for file in [
				profile.path().join("usdai_runtime_fast.wasm"),
				profile.path().join("deps").join("usdai_runtime_fast.wasm"),
			] {
				// Absent is fine: nothing to forget.
				let _ = fs::remove_file(file);
			}
		}
	}
}

/// The wasm builder is deactivated when compiling this crate for wasm.
#[cfg(not(feature = "std"))]
fn main() {}

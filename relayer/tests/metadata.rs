//! The relayer's chain types are generated from `artifacts/usdai.scale`. This test keeps that
//! file equal to the runtime's own V16 metadata, so a runtime change that the relayer has not
//! picked up fails CI instead of a live relayer.
//!
//! Refresh it with:
//!
//! ```text
//! UPDATE_METADATA=1 cargo test --release -p usdai-relayer --test metadata
//! ```
//!
//! (If the relayer's code already uses something only the new metadata has, the crate does not
//! build against the old file: refresh the file first, then change the code.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

/// The metadata version the relayer's codegen uses (the first with full runtime API types).
const VERSION: u32 = 16;

#[test]
fn checked_in_metadata_is_the_runtimes() {
	let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts").join("usdai.scale");
	let metadata = usdai_runtime::Runtime::metadata_at_version(VERSION)
		.expect("the runtime provides V16 metadata");
	// `OpaqueMetadata` derefs to the SCALE-encoded `RuntimeMetadataPrefixed`: the bytes subxt's
	// macro reads.
	let expected: Vec<u8> = metadata.to_vec();

	if std::env::var_os("UPDATE_METADATA").is_some_and(|v| v == "1") {
		std::fs::create_dir_all(path.parent().unwrap()).unwrap();
		std::fs::write(&path, &expected).unwrap();
		eprintln!("wrote {} ({} bytes)", path.display(), expected.len());
		return;
	}

	let actual = std::fs::read(&path).unwrap_or_default();
	assert!(
		actual == expected,
		"{} ({} bytes) is not the runtime's V{VERSION} metadata ({} bytes). Run \
		 `UPDATE_METADATA=1 cargo test --release -p usdai-relayer --test metadata`, rebuild the \
		 relayer and commit the file.",
		path.display(),
		actual.len(),
		expected.len(),
	);
}

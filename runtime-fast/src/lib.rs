//! The USD.AI runtime with a compressed clock (`fast-runtime`), as a wasm blob.
//!
//! Under `fast-runtime` blocks come every 3 seconds and a "day" is two blocks, so a 30-day loan
//! period is 60 blocks and a gauge week 14 (see `usdai_runtime::constants`). The node runs this
//! blob for the `dev-fast` and `local-fast` chains, which the end-to-end network tests use to
//! walk loan periods, defaults, auctions and epochs in minutes. It is never a production chain.
//!
//! Natively the crate exposes only [`WASM_BINARY`]: the node links the production
//! `usdai-runtime` for its native types, which are the same in both builds.

#![cfg_attr(not(feature = "std"), no_std)]

// Inside the wasm build: the whole runtime, whose exported runtime-API functions form the blob.
#[cfg(all(not(feature = "std"), feature = "wasm-blob"))]
pub use usdai_runtime::*;

// Natively: `WASM_BINARY` and `WASM_BINARY_BLOATY`, or `None` under `SKIP_WASM_BUILD`.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

/// The next release of the fast runtime (`usdai-runtime`'s `next-release`: one `spec_version`
/// up, with its storage migrations), for the network test that upgrades a live `local-fast`
/// chain to it by referendum. Its compressed blob is also written next to the current one, as
/// `wbuild/usdai-runtime-fast/wasm_binary_next.rs.compact.compressed.wasm`.
#[cfg(feature = "std")]
pub mod next {
	include!(concat!(env!("OUT_DIR"), "/wasm_binary_next.rs"));
}

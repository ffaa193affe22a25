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

//! The next release's storage migrations, checked as `try-runtime` checks them, natively.
//!
//! `usdai-runtime` is built here with `next-release` (its storage changes, their migrations in
//! `migrations::Unreleased`, one `spec_version` up) and `try-runtime`. Each test builds the
//! state of a chain of the current release (the genesis of a real preset, then calls), puts
//! the migrated pallets' storage back to the layout and version the current release wrote, and
//! runs `Executive::try_runtime_upgrade` with every check: each migration's `pre_upgrade` and
//! `post_upgrade`, every pallet's storage version check, the decoding of the entire state and
//! every pallet's `try_state` after it. The migrations must fit in a block and do nothing the
//! second time. The same runtime, as a wasm blob from `runtime-fast`, is installed on a live
//! network by referendum in `tests/e2e/network/lifecycle.test.js`.
//!
//! Every storage migration of ours is tested here from now on: add its old layout to
//! [`tests::as_current_release`] and its expectations to the tests.

#[cfg(test)]
mod tests;

//! Counterexamples the fuzzer found that the pallets do not fix yet. A case that fails with one
//! of them ends there and is counted, not reported (unless `--strict`), so that long runs keep
//! looking for new ones. Each has an `#[ignore]`d regression test in `tests/regressions.rs`;
//! when a fix lands, delete its entry here and un-ignore the test.

use crate::chain::Failure;

/// A known counterexample.
pub struct Known {
	/// The check that breaks (see `checks.rs`).
	pub check: &'static str,
	/// A part of the check's message, when the check alone is too broad.
	pub message: Option<&'static str>,
	/// The regression test that reproduces it.
	pub regression: &'static str,
	/// What goes wrong.
	pub what: &'static str,
}

/// The known counterexamples.
pub const KNOWN: &[Known] = &[];

/// The known counterexample `f` is, if any.
pub fn known(f: &Failure) -> Option<&'static Known> {
	match f {
		Failure::Invariant { check, message } => {
			KNOWN.iter().find(|k| k.check == check && k.message.is_none_or(|m| message.contains(m)))
		},
		_ => None,
	}
}

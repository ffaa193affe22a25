//! Unit tests of the guard over a mock runtime (`mock.rs`) with a small governed pallet. Every
//! test runs the guard's invariants when it ends (`build_and_execute`), and every call goes
//! through the runtime's dispatch (call filter, storage layer) as on chain.

mod bounds;
mod cancel;
mod delay;
mod execute;
mod runtime_api;
mod submit;

/// `$x` fails with `$e` (whatever weight it reports) and changes no storage at all.
macro_rules! assert_refused {
	($x:expr, $e:expr $(,)?) => {{
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		frame_support::assert_err_ignore_postinfo!($x, $e);
		assert_eq!(
			root,
			sp_io::storage::root(sp_runtime::StateVersion::V1),
			"storage has been mutated"
		);
	}};
}
pub(crate) use assert_refused;

use crate::mock::*;
use frame_support::assert_ok;

/// Moves to block `n` (the guard has no block hooks: only the clock matters to it).
pub fn run_to(n: u64) {
	System::set_block_number(n);
}

/// Sets the governed cap directly (as genesis would).
pub fn start_with_cap(cap: u128) {
	governed::Cap::<Test>::put(cap);
}

/// The parameters track schedules raising the cap to `cap`; returns its id.
pub fn schedule_cap(cap: u128) -> crate::ChangeId {
	let id = crate::NextChangeId::<Test>::get();
	assert_ok!(submit(signed(PARAMETERS), set_cap(cap)));
	assert!(crate::Pending::<Test>::contains_key(id));
	id
}

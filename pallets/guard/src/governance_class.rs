//! What the guard's own calls are, for its classifier ([`GovernedCall`]): only `set_delay` is a
//! governance call, which the guard carries like any other.

use crate::pallet::{Call, Config, Delay};
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

/// Every call is matched by name, so that a new call must be sorted here. `classify` only reads
/// storage.
///
/// - `submit`, `execute`, `cancel`: the guard's own machinery, `None` (a `submit` inside a
///   change would reach `SubmitOrigin` as the guard's origin, which it does not take; `cancel`
///   is made directly, by root, a track or the risk council).
/// - `set_delay(delay)`, Parameters: `Lowering` iff `delay` is at least the current delay (more
///   time to see changes coming); a shorter delay is `Raising` and waits the current one.
impl<T: Config> GovernedCall for Call<T> {
	fn classify(&self) -> Option<Classification> {
		match self {
			Call::submit { .. } | Call::execute { .. } | Call::cancel { .. } => None,
			Call::set_delay { delay } => {
				Some(Classification::lowering_if(Domain::Parameters, *delay >= Delay::<T>::get()))
			},
			Call::__Ignore(..) => None,
		}
	}
}

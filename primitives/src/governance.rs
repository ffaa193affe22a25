//! How governance calls are sorted: which track may make them and whether they raise or lower
//! the risk depositors carry. pallets/guard holds risk-raising changes back for a delay and lets
//! risk-lowering ones through at once; each protocol pallet says what its own calls are
//! ([`GovernedCall`]) and the runtime joins them ([`ClassifyCall`] over its `RuntimeCall`).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The kind of decision a governance call is: each has its own referendum track, and a track
/// may only make the calls of its own domain (pallets/guard refuses the others).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Domain {
	/// Protocol parameters: fees, caps, LTV bounds, queue, auction, bridge and NAV limits, and
	/// the emergency switches (pauses, halts).
	Parameters,
	/// The registries: curators, custodians, appraisers, relayers, the bridge's gateway and
	/// channels.
	Registry,
	/// Money leaving the protocol's own accounts (protocol fees).
	Treasury,
}

/// Whether a call raises or lowers the risk that depositors carry.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Risk {
	/// It can only make the protocol safer, or stop it: lowering a cap, pausing, halting,
	/// deregistering, tightening a limit. Applies at once; the risk council may make it.
	Lowering,
	/// Anything else: raising a cap or the LTV bound, registering a curator, custodian or
	/// relayer, resuming, changing fees. Waits for the guard's delay, during which sUSDai holders
	/// see it coming and may queue to leave; the risk council can never make it.
	Raising,
}

/// What a governance call is: its domain and its direction.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Classification {
	/// The track whose referenda may make it.
	pub domain: Domain,
	/// Whether it waits.
	pub risk: Risk,
}

impl Classification {
	/// A call of `domain` that lowers risk.
	pub const fn lowering(domain: Domain) -> Self {
		Self { domain, risk: Risk::Lowering }
	}

	/// A call of `domain` that raises risk.
	pub const fn raising(domain: Domain) -> Self {
		Self { domain, risk: Risk::Raising }
	}

	/// `Lowering` when `lowers` holds, else `Raising`: the direction of a call that is safe only
	/// when it tightens (compared against the state it would change).
	pub const fn lowering_if(domain: Domain, lowers: bool) -> Self {
		Self { domain, risk: if lowers { Risk::Lowering } else { Risk::Raising } }
	}
}

/// Implemented by a pallet's `Call<T>`: what each of its governance calls is, judged against the
/// current state (raising a cap is `Raising`, lowering it `Lowering`). `None` for calls that are
/// not governance calls: pallets/guard refuses to carry those.
pub trait GovernedCall {
	/// The call's domain and direction, or `None` if it is not a governance call.
	fn classify(&self) -> Option<Classification>;
}

/// The runtime's table over its whole `RuntimeCall`: pallets/guard's `Config::Classifier`.
pub trait ClassifyCall<Call> {
	/// The call's domain and direction, or `None` if governance may not make it through the
	/// guard.
	fn classify(call: &Call) -> Option<Classification>;
}

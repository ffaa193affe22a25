//! Who may submit governance calls to the guard, and the changes it holds back.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	weights::Weight, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use usdai_primitives::governance::{Classification, Domain, Risk};

/// Identifier of a pending change, given in submission order and never reused.
pub type ChangeId = u32;

/// Who submitted a governance call: what `Config::SubmitOrigin` makes of the origin.
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
pub enum Authority {
	/// The root track: calls of any domain, raising or lowering.
	Root,
	/// A referendum track: only the calls of its own domain, raising or lowering.
	Track(Domain),
	/// The risk council: calls of any domain, but only those that lower risk. It may also cancel
	/// any pending change (a veto lowers risk).
	Council,
}

impl Authority {
	/// Whether it may act on calls of `domain` (submit them, cancel them): root and the council
	/// on every domain, a track on its own.
	pub fn covers(&self, domain: Domain) -> bool {
		match self {
			Authority::Root | Authority::Council => true,
			Authority::Track(own) => *own == domain,
		}
	}

	/// Whether it may make calls in `risk`'s direction: the council only lowers risk.
	pub fn may_take(&self, risk: Risk) -> bool {
		match self {
			Authority::Council => risk == Risk::Lowering,
			Authority::Root | Authority::Track(_) => true,
		}
	}

	/// Whether it may submit a call of `class` (both [`Self::covers`] its domain and
	/// [`Self::may_take`] its direction).
	pub fn may_submit(&self, class: Classification) -> bool {
		self.covers(class.domain) && self.may_take(class.risk)
	}
}

/// A risk-raising change waiting for its delay.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct PendingChange<T: Config> {
	/// The call, SCALE-encoded (a `RuntimeCall`), at most `Config::MaxCallLen` bytes.
	pub call: BoundedVec<u8, T::MaxCallLen>,
	/// `T::Hashing` of the encoded call.
	pub call_hash: T::Hash,
	/// Its domain, as classified at submission: the call is dispatched as
	/// `Origin::Enacted(domain)`.
	pub domain: Domain,
	/// Who submitted it.
	pub authority: Authority,
	/// The block it was submitted in.
	pub submitted_at: BlockNumberFor<T>,
	/// The first block in which it may be executed: `submitted_at` plus the delay then.
	pub due: BlockNumberFor<T>,
	/// The call's dispatch weight at submission: the least `weight_bound` that `execute` takes
	/// (unless a runtime upgrade has changed the call's weight since).
	pub weight: Weight,
}

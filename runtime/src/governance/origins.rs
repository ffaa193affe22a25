//! The origins of the referendum tracks (besides root): what a referendum on each track
//! dispatches its call as. Each protocol decision has its own, so that a referendum that passed
//! on one track can never make another track's call: pallets/guard checks the domain of every
//! protocol call against its origin, and pallet-treasury takes only the treasurer's.

pub use pallet_custom_origins::*;

/// The custom origins, as a pallet of this runtime (like Polkadot's `pallet_custom_origins`):
/// no storage, no calls; only the origin type and its `EnsureOrigin`s. (FRAME's macros expand
/// into `expect`s on values they guarantee.)
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet_custom_origins {
	use crate::{Balance, UNIT};
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// What a referendum on a track other than root enacts its call as.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// The protocol-parameters track: fees, caps, LTV bounds, queue, auction and bridge
		/// limits, pauses. Through pallets/guard, for calls of `Domain::Parameters` only.
		#[codec(index = 0)]
		Parameters,
		/// The registries track: curators, custodians, appraisers, relayers, the bridge's
		/// gateway and channels, and the risk council's members. Through pallets/guard for the
		/// protocol's registries (`Domain::Registry`).
		#[codec(index = 1)]
		Registrar,
		/// The treasury track: spends from pallet-treasury (up to [`MAX_TREASURER_SPEND`] at
		/// once) and the protocol's fee withdrawals (`Domain::Treasury`).
		#[codec(index = 2)]
		Treasurer,
		/// The fast track for a call the risk council has whitelisted (pallet-whitelist): it
		/// dispatches the whitelisted call as root.
		#[codec(index = 3)]
		WhitelistedCaller,
	}

	/// The most a single treasurer referendum may spend: a million CHIP (or USDai, counted one
	/// for one; see `governance::TreasurySpendLimit`).
	pub const MAX_TREASURER_SPEND: Balance = 1_000_000 * UNIT;

	macro_rules! decl_unit_ensures {
		( $name:ident: $success_type:ty = $success:expr ) => {
			#[doc = concat!("Accepts only the `", stringify!($name), "` origin.")]
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = $success_type;
				fn try_origin(o: O) -> Result<Self::Success, O> {
					if let Ok(Origin::$name) = o.caller().try_into() {
						return Ok($success);
					}
					Err(o)
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		};
		( $name:ident ) => { decl_unit_ensures! { $name : () = () } };
		( $name:ident: $success_type:ty = $success:expr, $( $rest:tt )* ) => {
			decl_unit_ensures! { $name: $success_type = $success }
			decl_unit_ensures! { $( $rest )* }
		};
		( $name:ident, $( $rest:tt )* ) => {
			decl_unit_ensures! { $name }
			decl_unit_ensures! { $( $rest )* }
		};
		() => {}
	}
	decl_unit_ensures!(
		Parameters,
		Registrar,
		Treasurer: Balance = MAX_TREASURER_SPEND,
		WhitelistedCaller,
	);
}

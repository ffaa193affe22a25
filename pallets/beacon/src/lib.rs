#![cfg_attr(not(feature = "std"), no_std)]
// Unit tests may unwrap and do plain arithmetic; the pallet's own code may not.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing
	)
)]
#![doc = include_str!("../README.md")]

extern crate alloc;

pub use pallet::*;

mod impls;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
pub mod migrations;

pub mod runtime_api;
pub mod types;
pub mod weights;

// Benchmark setup aborts on a broken precondition (it runs only in the benchmark CLI).
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::expect_used,
	clippy::unwrap_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need of the runtime: a consumer that waits for a given round, in its
/// costliest way to ask.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Makes `Config::Demand` wait for `round`'s pulse.
	fn want(round: usdai_primitives::beacon::BeaconRound);
}

// The declarations below expand, through FRAME's macros, into code that uses `expect` on
// values the macros guarantee.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#[allow(deprecated)] // `ValidateUnsigned`: see its impl below.
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use usdai_primitives::beacon::{BeaconRound, PulseDemand, PulseSignature};

	/// The in-code storage version: 1 from the next release (the beacon set where a chain
	/// that predates it has none, [`crate::migrations::v1`]).
	#[cfg(not(feature = "next-release"))]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);
	/// The in-code storage version: 1 from the next release (the beacon set where a chain
	/// that predates it has none, [`crate::migrations::v1`]).
	#[cfg(feature = "next-release")]
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the beacon.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who waits for pulses: the beacon accepts a pulse only for a round it waits for
		/// (the runtime's QEV queue).
		type Demand: PulseDemand;

		/// Pulses kept. Each new pulse takes the slot of the oldest once this many are kept,
		/// so the storage is bounded whatever arrives. Consumers copy what they need when a
		/// pulse arrives, so a few dozen is plenty. Lowering it needs a migration (slots at or
		/// above the new bound would be orphaned; `try_state` says so).
		#[pallet::constant]
		type MaxPulses: Get<u32>;

		/// Priority of a pulse in the transaction pool: above users' transactions, as a late
		/// pulse holds a queue round's bids back.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;

		/// Blocks a pulse stays valid in the transaction pool before the feeder must send it
		/// again.
		#[pallet::constant]
		type UnsignedLongevity: Get<TransactionLongevity>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// A consumer that waits for a round, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// The beacon this chain follows: its public key and schedule, set at genesis (`None`: no
	/// beacon; every pulse is refused and nothing can be sealed). Changing it is a runtime
	/// upgrade's decision, not a call: a new key would strand every ciphertext sealed to the
	/// old one.
	#[pallet::storage]
	pub type Beacon<T: Config> = StorageValue<_, BeaconInfo, OptionQuery>;

	/// The verified pulses kept, by round: the beacon's signature of the round (drand's
	/// `randomness` is its SHA-256). At most `Config::MaxPulses`.
	#[pallet::storage]
	pub type Pulses<T: Config> =
		StorageMap<_, Twox64Concat, BeaconRound, PulseSignature, OptionQuery>;

	/// The ring of kept pulses: slot `i` holds the round of the pulse stored `i`-th, modulo
	/// `Config::MaxPulses`. A new pulse takes the slot after the last, pruning the round there.
	#[pallet::storage]
	pub type Slots<T: Config> = StorageMap<_, Twox64Concat, u32, BeaconRound, OptionQuery>;

	/// The slot the next pulse takes (below `Config::MaxPulses`).
	#[pallet::storage]
	pub type NextSlot<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The highest round whose pulse was accepted, if any (kept after it is pruned).
	#[pallet::storage]
	pub type LatestRound<T: Config> = StorageValue<_, BeaconRound, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The beacon's public key: a compressed BLS12-381 G2 point, 96 bytes, as hex (drand's
		/// `public_key` in `/info`). Empty: no beacon.
		#[serde(with = "sp_core::bytes")]
		pub public_key: Vec<u8>,
		/// Unix time (seconds) of the beacon's round 1 (drand's `genesis_time`).
		pub genesis_time: u64,
		/// Seconds between rounds (drand's `period`; quicknet: 3).
		pub period: u64,
		#[serde(skip)]
		pub _config: PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if self.public_key.is_empty() {
				return;
			}
			// A chain spec with a bad key must not start: every sealed bid would be lost.
			match BeaconInfo::new(&self.public_key, self.genesis_time, self.period) {
				Ok(info) => Beacon::<T>::put(info),
				Err(why) => panic!("pallet-beacon genesis: {why}"),
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The beacon's pulse for `round` was verified and stored. `randomness` is drand's
		/// (the SHA-256 of the signature).
		PulseStored { round: BeaconRound, randomness: [u8; 32] },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The chain follows no beacon (its genesis set none).
		NoBeacon,
		/// Nobody waits for this round's pulse: a past round whose consumer has it already, or
		/// one nobody sealed anything to. The beacon keeps only what is needed.
		NotWanted,
		/// This round's pulse is stored already.
		AlreadyStored,
		/// The signature is not a point of G1 of the right order.
		BadSignature,
		/// The signature is a point, but not the beacon's signature of this round.
		InvalidSignature,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPulses::get() > 0, "the beacon must keep at least one pulse");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submits the beacon's pulse for `round`: its BLS signature of the round (drand's
		/// `signature`, 48 bytes). Unsigned and feeless: anyone may feed the beacon (the relayer
		/// daemon, the local beacon on a development chain, a user whose bid waits), since a
		/// pulse proves itself. Accepted once per round, only for a round a consumer waits for
		/// (`BeaconApi::wanted_rounds`), and only with the beacon's valid signature.
		///
		/// The transaction pool verifies the signature before it takes the transaction, so an
		/// invalid pulse never reaches a block through an honest author; the call verifies it
		/// again, so one put in a block by any author fails and changes nothing.
		#[pallet::call_index(0)]
		#[pallet::weight((T::WeightInfo::submit_pulse(), DispatchClass::Operational, Pays::No))]
		pub fn submit_pulse(
			origin: OriginFor<T>,
			round: BeaconRound,
			signature: PulseSignature,
		) -> DispatchResult {
			ensure_none(origin)?;
			Self::do_submit_pulse(round, signature)
		}
	}

	// `ValidateUnsigned` is deprecated in favour of `#[pallet::authorize]`, whose calls arrive as
	// "general" transactions (extrinsic format 5). The clients that feed the beacon (the
	// @polkadot/api local beacon, polkadot.js apps) send bare unsigned transactions, so the
	// pulse stays one until they send general ones (the SDK removes it after April 2027).
	#[allow(deprecated)]
	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		/// A pulse enters the pool only if the call would succeed, signature verified: an
		/// invalid one costs the sender a refusal, not the chain a block's space. One per round
		/// (`provides` the round).
		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::submit_pulse { round, signature } = call else {
				return InvalidTransaction::Call.into();
			};
			Self::check_pulse(*round, signature, true).map_err(Self::invalid)?;
			ValidTransaction::with_tag_prefix("BeaconPulse")
				.priority(T::UnsignedPriority::get())
				.and_provides(round)
				.longevity(T::UnsignedLongevity::get())
				.propagate(true)
				.build()
		}

		/// In a block the call itself verifies the signature (it is the weighed part); here only
		/// the cheap checks, so that verification is not paid twice on import.
		fn pre_dispatch(call: &Self::Call) -> Result<(), TransactionValidityError> {
			let Call::submit_pulse { round, signature } = call else {
				return Err(InvalidTransaction::Call.into());
			};
			Self::check_pulse(*round, signature, false).map_err(Self::invalid)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Why a pulse is refused, as a pool error: `Stale` for a round that is stored or
		/// nobody waits for, `BadProof` for a bad signature, `Call` without a beacon.
		fn invalid(error: Error<T>) -> TransactionValidityError {
			match error {
				Error::NotWanted | Error::AlreadyStored => InvalidTransaction::Stale,
				Error::BadSignature | Error::InvalidSignature => InvalidTransaction::BadProof,
				_ => InvalidTransaction::Call,
			}
			.into()
		}

		/// Checks a pulse: a beacon is configured, the round is not stored and someone waits for
		/// it, then (with `verify`) the signature is the beacon's signature of the round.
		pub(crate) fn check_pulse(
			round: BeaconRound,
			signature: &PulseSignature,
			verify: bool,
		) -> Result<(), Error<T>> {
			let beacon = Beacon::<T>::get().ok_or(Error::<T>::NoBeacon)?;
			ensure!(!Pulses::<T>::contains_key(round), Error::<T>::AlreadyStored);
			ensure!(T::Demand::wants(round), Error::<T>::NotWanted);
			if verify {
				beacon.verify(round, signature)?;
			}
			Ok(())
		}

		/// Verifies `round`'s pulse (the full check: the call may come from any block author)
		/// and stores it.
		pub(crate) fn do_submit_pulse(
			round: BeaconRound,
			signature: PulseSignature,
		) -> DispatchResult {
			Self::check_pulse(round, &signature, true)?;
			Self::store_pulse(round, signature);
			Ok(())
		}

		/// Stores a verified pulse in the next slot of the ring, pruning the pulse there.
		fn store_pulse(round: BeaconRound, signature: PulseSignature) {
			let slot = NextSlot::<T>::get();
			if let Some(pruned) = Slots::<T>::get(slot) {
				Pulses::<T>::remove(pruned);
			}
			Slots::<T>::insert(slot, round);
			Pulses::<T>::insert(round, signature);
			let next = slot.saturating_add(1);
			NextSlot::<T>::put(if next >= T::MaxPulses::get() { 0 } else { next });
			LatestRound::<T>::mutate(|latest| {
				*latest = Some(latest.map_or(round, |l| l.max(round)));
			});
			Self::deposit_event(Event::PulseStored { round, randomness: randomness(&signature) });
		}
	}
}

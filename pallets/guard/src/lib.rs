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

mod governance_class;
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;

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

use frame_support::traits::EnsureOrigin;
use usdai_primitives::governance::Domain;

/// What the benchmarks need of the runtime: a governance call of each direction. The runtime
/// guarantees that `Config::Classifier` classifies them so, and that the authority of
/// `Config::SubmitOrigin::try_successful_origin` may submit both (root may submit anything).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<Call> {
	/// A cheap call that the classifier calls risk-lowering in the current state (e.g. a
	/// remark the benchmark runtime classifies, or setting a cap to what it already is).
	fn lowering_call() -> Call;
	/// A call that the classifier calls risk-raising.
	fn raising_call() -> Call;
}

/// Accepts only a call the guard dispatches (`Origin::Enacted`), and yields its domain: the
/// `GovernanceOrigin` and `EmergencyOrigin` of the protocol's pallets. Nothing but this pallet
/// makes that origin, so nothing else can make their governance calls.
pub struct EnsureEnacted;

impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for EnsureEnacted {
	type Success = Domain;

	fn try_origin(o: O) -> Result<Self::Success, O> {
		let origin: Result<Origin, O> = o.into();
		origin.map(|Origin::Enacted(domain)| domain)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(Origin::Enacted(Domain::Parameters)))
	}
}

// The declarations below expand, through FRAME's macros, into code that uses `expect` on
// values the macros guarantee.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use codec::DecodeLimit;
	use frame_support::{
		dispatch::{
			extract_actual_weight, GetDispatchInfo, PostDispatchInfo, WithPostDispatchInfo,
		},
		pallet_prelude::*,
		MAX_EXTRINSIC_DEPTH,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{BadOrigin, Dispatchable, Hash as _, Saturating};
	use usdai_primitives::governance::{Classification, ClassifyCall, Risk};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the guard. The runtime's origin must convert from [`Origin`] (it does
	/// once the pallet is in `construct_runtime!`): the guard dispatches calls as
	/// `Origin::Enacted(domain)`.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeOrigin: From<Origin>> {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The runtime's call: what governance submits.
		type RuntimeCall: Parameter
			+ Dispatchable<
				RuntimeOrigin = <Self as frame_system::Config>::RuntimeOrigin,
				PostInfo = PostDispatchInfo,
			> + GetDispatchInfo
			+ From<frame_system::Call<Self>>;

		/// Sorts calls: their domain and whether they raise or lower risk; `None` for a call that
		/// is not a governance call (the guard refuses it). The runtime's table over its
		/// protocol pallets (each implements `GovernedCall` for its calls).
		type Classifier: ClassifyCall<<Self as Config>::RuntimeCall>;

		/// Who may submit and cancel, as which [`Authority`]: root, each referendum track and
		/// the risk council.
		type SubmitOrigin: EnsureOrigin<
			<Self as frame_system::Config>::RuntimeOrigin,
			Success = Authority,
		>;

		/// The delay (blocks a risk-raising change waits before it may be executed) when genesis
		/// sets none. Governance changes it with `set_delay`.
		#[pallet::constant]
		type DefaultDelay: Get<BlockNumberFor<Self>>;

		/// The shortest delay `set_delay` takes. Genesis may set a shorter one (a development
		/// chain starts with none, so that every change applies at once).
		#[pallet::constant]
		type MinDelay: Get<BlockNumberFor<Self>>;

		/// The longest delay `set_delay` takes: raising the delay lowers risk, so the risk
		/// council may do it at once; this bounds how long it can hold governance back.
		#[pallet::constant]
		type MaxDelay: Get<BlockNumberFor<Self>>;

		/// Most changes pending at once.
		#[pallet::constant]
		type MaxPending: Get<u32>;

		/// Longest encoded call a pending change may hold, in bytes.
		#[pallet::constant]
		type MaxCallLen: Get<u32>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// A lowering and a raising call for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<<Self as Config>::RuntimeCall>;
	}

	/// The origin the guard dispatches governance calls with.
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
	#[pallet::origin]
	pub enum Origin {
		/// A governance call of this domain that the guard let through: at once for a
		/// risk-lowering call, after the delay for a risk-raising one. Checked by
		/// [`EnsureEnacted`].
		Enacted(Domain),
	}

	/// The delay when genesis sets none: `Config::DefaultDelay`.
	#[pallet::type_value]
	pub fn DefaultDelayOf<T: Config>() -> BlockNumberFor<T> {
		T::DefaultDelay::get()
	}

	/// Blocks a risk-raising change waits before it may be executed (fixed for each change when
	/// it is submitted). Zero: risk-raising changes apply at once, like lowering ones.
	#[pallet::storage]
	pub type Delay<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultDelayOf<T>>;

	/// The id the next pending change gets. Ids are never reused.
	#[pallet::storage]
	pub type NextChangeId<T: Config> = StorageValue<_, ChangeId, ValueQuery>;

	/// The risk-raising changes waiting for their delay or for someone to execute them, by id.
	/// At most `Config::MaxPending`.
	#[pallet::storage]
	pub type Pending<T: Config> =
		CountedStorageMap<_, Twox64Concat, ChangeId, PendingChange<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The delay from genesis on; `None`: `Config::DefaultDelay`. `MinDelay` does not bound
		/// it: a development chain starts with zero, so that every change applies at once.
		pub delay: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(delay) = self.delay {
				Delay::<T>::put(delay);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A call was applied at once: a risk-lowering one, or any while the delay is zero (and
		/// it succeeded: a call applied at once that fails makes `submit` fail).
		Applied { call_hash: T::Hash, domain: Domain, authority: Authority },
		/// A risk-raising call was held back: it may be executed from block `due` on. Until
		/// then sUSDai holders see it coming (also in `GuardApi::pending_changes`).
		Scheduled {
			id: ChangeId,
			call_hash: T::Hash,
			domain: Domain,
			authority: Authority,
			due: BlockNumberFor<T>,
		},
		/// A pending change was executed and is no longer pending, whatever `result` says: a
		/// change whose call failed is dropped (governance submits it again).
		Executed { id: ChangeId, call_hash: T::Hash, result: DispatchResult },
		/// A pending change was cancelled before it was executed.
		Cancelled { id: ChangeId, call_hash: T::Hash, by: Authority },
		/// The delay of risk-raising changes submitted from now on is `delay` blocks.
		DelaySet { delay: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The call is not a governance call of the protocol (the classifier does not know it).
		NotGoverned,
		/// A track submitted or cancelled a call of another track's domain.
		WrongTrack,
		/// The risk council submitted a risk-raising call: it may only lower risk.
		CouncilCannotRaiseRisk,
		/// The encoded call is longer than `MaxCallLen`: it cannot be held back.
		CallTooLong,
		/// `MaxPending` changes are pending already: one must be executed or cancelled first.
		TooManyPending,
		/// No pending change has this id (never submitted, or executed or cancelled already).
		UnknownChange,
		/// The change's delay has not passed yet.
		NotYetDue,
		/// The given weight bound is below the call's dispatch weight.
		WeightBoundTooLow,
		/// The stored call no longer decodes (the runtime has changed since it was submitted):
		/// the change can only be cancelled.
		Undecodable,
		/// Change ids are exhausted.
		Overflow,
		/// `set_delay` below `MinDelay`.
		DelayTooShort,
		/// `set_delay` above `MaxDelay`.
		DelayTooLong,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPending::get() > 0, "MaxPending must be positive");
			assert!(T::MaxCallLen::get() > 0, "MaxCallLen must be positive");
			assert!(T::MinDelay::get() <= T::MaxDelay::get(), "MinDelay above MaxDelay");
			assert!(
				T::MinDelay::get() <= T::DefaultDelay::get()
					&& T::DefaultDelay::get() <= T::MaxDelay::get(),
				"DefaultDelay outside MinDelay..=MaxDelay"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submits a governance call. A risk-lowering call is dispatched at once as
		/// `Origin::Enacted(domain)` (`Applied`); if it fails, `submit` fails with its error and
		/// nothing changes. A risk-raising call is held back for `Delay` blocks (`Scheduled`),
		/// then anyone may `execute` it; while the delay is zero it is applied at once too.
		///
		/// The origin must pass `SubmitOrigin`: root may submit any call, a track only the calls
		/// of its domain (`WrongTrack`), the risk council only risk-lowering ones
		/// (`CouncilCannotRaiseRisk`). A call the classifier does not know fails with
		/// `NotGoverned`.
		#[pallet::call_index(0)]
		#[pallet::weight(
			T::WeightInfo::submit_lowering()
				.max(T::WeightInfo::submit_raising())
				.saturating_add(call.get_dispatch_info().call_weight)
		)]
		pub fn submit(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let checks = T::WeightInfo::submit_lowering().max(T::WeightInfo::submit_raising());
			let authority =
				T::SubmitOrigin::ensure_origin(origin).map_err(|e| e.with_weight(checks))?;
			Self::do_submit(authority, *call)
		}

		/// Executes pending change `id` once it is due, as `Origin::Enacted(domain)`. Anyone may
		/// call it (the app or a daemon does, once due). `weight_bound` must cover the call's
		/// dispatch weight (`WeightBoundTooLow`); the fee is refunded down to what the call
		/// really used.
		///
		/// The change leaves the pending list whatever the call's result, which `Executed`
		/// carries: a change whose call fails would otherwise hold its slot for good, so
		/// governance submits it again instead. A call that no longer decodes (`Undecodable`,
		/// after a runtime upgrade) stays pending until cancelled.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::execute().saturating_add(*weight_bound))]
		pub fn execute(
			origin: OriginFor<T>,
			id: ChangeId,
			weight_bound: Weight,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin).map_err(|e| e.with_weight(T::WeightInfo::execute()))?;
			Self::do_execute(id, weight_bound)
		}

		/// Cancels pending change `id`. Root and the risk council may cancel any change (a veto
		/// lowers risk); a track only the changes of its own domain (`WrongTrack`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, id: ChangeId) -> DispatchResult {
			let authority = T::SubmitOrigin::ensure_origin(origin)?;
			let change = Pending::<T>::get(id).ok_or(Error::<T>::UnknownChange)?;
			ensure!(authority.covers(change.domain), Error::<T>::WrongTrack);
			Pending::<T>::remove(id);
			let call_hash = change.call_hash;
			Self::deposit_event(Event::Cancelled { id, call_hash, by: authority });
			Ok(())
		}

		/// Sets the delay of the risk-raising changes submitted from now on (pending ones keep
		/// their `due`): between `MinDelay` and `MaxDelay`. Only through the guard, as a
		/// parameters change (`Origin::Enacted(Domain::Parameters)`): raising the delay lowers
		/// risk and applies at once, lowering it raises risk and waits the current delay.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_delay())]
		pub fn set_delay(origin: OriginFor<T>, delay: BlockNumberFor<T>) -> DispatchResult {
			Self::ensure_enacted(origin, Domain::Parameters)?;
			ensure!(delay >= T::MinDelay::get(), Error::<T>::DelayTooShort);
			ensure!(delay <= T::MaxDelay::get(), Error::<T>::DelayTooLong);
			Delay::<T>::put(delay);
			Self::deposit_event(Event::DelaySet { delay });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// `submit` once its origin is known as `authority`: classifies `call`, checks that
		/// `authority` may make it, then applies it or holds it back.
		pub(crate) fn do_submit(
			authority: Authority,
			call: <T as Config>::RuntimeCall,
		) -> DispatchResultWithPostInfo {
			// Refused before anything is dispatched: charged what the checks cost.
			let checks = T::WeightInfo::submit_lowering().max(T::WeightInfo::submit_raising());
			let class = T::Classifier::classify(&call)
				.ok_or_else(|| Error::<T>::NotGoverned.with_weight(checks))?;
			Self::ensure_may_submit(authority, class).map_err(|e| e.with_weight(checks))?;
			let call_hash = T::Hashing::hash_of(&call);
			let delay = Delay::<T>::get();
			if class.risk == Risk::Lowering || delay.is_zero() {
				Self::apply(call, call_hash, class.domain, authority)
			} else {
				Self::schedule(call, call_hash, class.domain, authority, delay)
					.map(|()| PostDispatchInfo::from(Some(T::WeightInfo::submit_raising())))
					.map_err(|e| e.with_weight(T::WeightInfo::submit_raising()))
			}
		}

		/// `execute` for any signed caller: dispatches pending change `id` once due.
		pub(crate) fn do_execute(id: ChangeId, weight_bound: Weight) -> DispatchResultWithPostInfo {
			// Refused before dispatch: charged the guard's own work only.
			let own = T::WeightInfo::execute();
			let change =
				Pending::<T>::get(id).ok_or_else(|| Error::<T>::UnknownChange.with_weight(own))?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= change.due, Error::<T>::NotYetDue.with_weight(own));
			let call = <<T as Config>::RuntimeCall as DecodeLimit>::decode_all_with_depth_limit(
				MAX_EXTRINSIC_DEPTH,
				&mut change.call.as_slice(),
			)
			.map_err(|_| Error::<T>::Undecodable.with_weight(own))?;
			// The call's weight now (a runtime upgrade may have changed it since submission).
			let info = call.get_dispatch_info();
			ensure!(
				info.call_weight.all_lte(weight_bound),
				Error::<T>::WeightBoundTooLow.with_weight(own)
			);

			Pending::<T>::remove(id);
			let origin: OriginFor<T> = Origin::Enacted(change.domain).into();
			let result = call.dispatch(origin);
			let used = own.saturating_add(extract_actual_weight(&result, &info));
			Self::deposit_event(Event::Executed {
				id,
				call_hash: change.call_hash,
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(Some(used).into())
		}

		/// Whether `origin` is `Origin::Enacted(domain)`: a change of `domain` the guard let
		/// through. (Compared as the runtime's caller, which needs no more of the runtime's
		/// origin than its conversion from [`Origin`]; the protocol's pallets use
		/// [`EnsureEnacted`].)
		fn ensure_enacted(origin: OriginFor<T>, domain: Domain) -> Result<(), BadOrigin> {
			let enacted: OriginFor<T> = Origin::Enacted(domain).into();
			if origin.caller() == enacted.caller() {
				Ok(())
			} else {
				Err(BadOrigin)
			}
		}

		/// Whether `authority` may submit a call of `class`, with the error that says why not.
		pub(crate) fn ensure_may_submit(
			authority: Authority,
			class: Classification,
		) -> Result<(), Error<T>> {
			ensure!(authority.covers(class.domain), Error::<T>::WrongTrack);
			ensure!(authority.may_take(class.risk), Error::<T>::CouncilCannotRaiseRisk);
			Ok(())
		}

		/// Dispatches a risk-lowering call now. Its failure is `submit`'s.
		fn apply(
			call: <T as Config>::RuntimeCall,
			call_hash: T::Hash,
			domain: Domain,
			authority: Authority,
		) -> DispatchResultWithPostInfo {
			let info = call.get_dispatch_info();
			let origin: OriginFor<T> = Origin::Enacted(domain).into();
			let result = call.dispatch(origin);
			let used = T::WeightInfo::submit_lowering()
				.saturating_add(extract_actual_weight(&result, &info));
			match result {
				Ok(_) => {
					Self::deposit_event(Event::Applied { call_hash, domain, authority });
					Ok(Some(used).into())
				},
				Err(e) => Err(e.error.with_weight(used)),
			}
		}

		/// Holds a risk-raising call back for `delay` blocks.
		fn schedule(
			call: <T as Config>::RuntimeCall,
			call_hash: T::Hash,
			domain: Domain,
			authority: Authority,
			delay: BlockNumberFor<T>,
		) -> DispatchResult {
			let weight = call.get_dispatch_info().call_weight;
			let encoded: BoundedVec<u8, T::MaxCallLen> =
				call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
			ensure!(Pending::<T>::count() < T::MaxPending::get(), Error::<T>::TooManyPending);
			let id = NextChangeId::<T>::get();
			NextChangeId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
			let submitted_at = frame_system::Pallet::<T>::block_number();
			let due = submitted_at.saturating_add(delay);
			Pending::<T>::insert(
				id,
				PendingChange {
					call: encoded,
					call_hash,
					domain,
					authority,
					submitted_at,
					due,
					weight,
				},
			);
			Self::deposit_event(Event::Scheduled { id, call_hash, domain, authority, due });
			Ok(())
		}
	}
}

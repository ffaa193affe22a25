//! A test runtime: frame-system, the guard, and `governed`, a small protocol pallet whose
//! governance calls only the guard can make.

use crate as pallet_guard;
use crate::{Authority, ChangeId};
use frame_support::{
	derive_impl,
	dispatch::DispatchResultWithPostInfo,
	traits::{ConstU32, ConstU64, EnsureOrigin},
	weights::Weight,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Dispatchable, Hash as _},
	BuildStorage,
};
use usdai_primitives::governance::{Classification, ClassifyCall, Domain, GovernedCall};

pub type AccountId = u64;

/// Blocks a raising change waits (the default delay).
pub const DELAY: u64 = 10;
/// The shortest delay `set_delay` takes.
pub const MIN_DELAY: u64 = 2;
/// The longest delay `set_delay` takes.
pub const MAX_DELAY: u64 = 100;
/// Most changes pending at once.
pub const MAX_PENDING: u32 = 4;
/// Longest encoded call held back.
pub const MAX_CALL_LEN: u32 = 128;

/// The parameters track (`Authority::Track(Domain::Parameters)`).
pub const PARAMETERS: AccountId = 1;
/// The registries track (`Authority::Track(Domain::Registry)`).
pub const REGISTRAR: AccountId = 2;
/// The risk council (`Authority::Council`).
pub const COUNCIL: AccountId = 3;
/// Anyone: no authority.
pub const ALICE: AccountId = 4;

/// A protocol pallet under governance: a cap, a pause switch and a registry, each changed only
/// through the guard (`GovernanceOrigin = pallet_guard::EnsureEnacted`).
#[frame_support::pallet]
pub mod governed {
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use usdai_primitives::governance::Domain;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may make the governance calls, and in which domain.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Domain>;
	}

	/// The cap.
	#[pallet::storage]
	pub type Cap<T> = StorageValue<_, u128, ValueQuery>;

	/// Whether the pallet is paused.
	#[pallet::storage]
	pub type Paused<T> = StorageValue<_, bool, ValueQuery>;

	/// The registered accounts.
	#[pallet::storage]
	pub type Registered<T> = StorageMap<_, Twox64Concat, u64, (), OptionQuery>;

	/// The domain of the last governance call made (what `EnsureEnacted` yielded).
	#[pallet::storage]
	pub type LastDomain<T> = StorageValue<_, Domain, OptionQuery>;

	#[pallet::error]
	pub enum Error<T> {
		/// Paused already.
		AlreadyPaused,
		/// Registered already.
		AlreadyRegistered,
		/// The call failed after writing (`trip`).
		Tripped,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the cap: risk-lowering when it does not raise it.
		#[pallet::call_index(0)]
		#[pallet::weight(Weight::from_parts(1_000_000, 100))]
		pub fn set_cap(origin: OriginFor<T>, cap: u128) -> DispatchResult {
			let domain = T::GovernanceOrigin::ensure_origin(origin)?;
			LastDomain::<T>::put(domain);
			Cap::<T>::put(cap);
			Ok(())
		}

		/// Pauses: risk-lowering. Fails when paused already.
		#[pallet::call_index(1)]
		#[pallet::weight(Weight::from_parts(1_000_000, 100))]
		pub fn pause(origin: OriginFor<T>) -> DispatchResult {
			let domain = T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!Paused::<T>::get(), Error::<T>::AlreadyPaused);
			LastDomain::<T>::put(domain);
			Paused::<T>::put(true);
			Ok(())
		}

		/// Registers `who`: risk-raising, a registry call. Fails when registered already.
		#[pallet::call_index(2)]
		#[pallet::weight(Weight::from_parts(5_000_000, 200))]
		pub fn register(origin: OriginFor<T>, who: u64) -> DispatchResult {
			let domain = T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!Registered::<T>::contains_key(who), Error::<T>::AlreadyRegistered);
			LastDomain::<T>::put(domain);
			Registered::<T>::insert(who, ());
			Ok(())
		}

		/// Lowers the cap to zero, then fails: risk-lowering, a call that fails after writing.
		#[pallet::call_index(3)]
		#[pallet::weight(Weight::from_parts(1_000_000, 100))]
		pub fn trip(origin: OriginFor<T>) -> DispatchResult {
			let domain = T::GovernanceOrigin::ensure_origin(origin)?;
			LastDomain::<T>::put(domain);
			Cap::<T>::put(0);
			Err(Error::<T>::Tripped.into())
		}

		/// Stores a note of any length: risk-raising, a parameters call (for `CallTooLong`).
		#[pallet::call_index(4)]
		#[pallet::weight(Weight::from_parts(1_000_000, 100))]
		pub fn note(origin: OriginFor<T>, note: alloc::vec::Vec<u8>) -> DispatchResult {
			let domain = T::GovernanceOrigin::ensure_origin(origin)?;
			let _ = note;
			LastDomain::<T>::put(domain);
			Ok(())
		}
	}
}

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Guard: pallet_guard,
		Governed: governed,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl governed::Config for Test {
	type GovernanceOrigin = pallet_guard::EnsureEnacted;
}

/// The runtime's table, in small: the cap is lowered or raised against the current cap, a pause
/// lowers risk, a registration raises it; the guard's own calls as the guard classifies them
/// (like the runtime's); anything else (a remark) is not governed.
pub struct Classifier;
impl ClassifyCall<RuntimeCall> for Classifier {
	fn classify(call: &RuntimeCall) -> Option<Classification> {
		match call {
			RuntimeCall::Governed(governed::Call::set_cap { cap }) => {
				let lowers = *cap <= governed::Cap::<Test>::get();
				Some(Classification::lowering_if(Domain::Parameters, lowers))
			},
			RuntimeCall::Governed(governed::Call::pause {})
			| RuntimeCall::Governed(governed::Call::trip {}) => {
				Some(Classification::lowering(Domain::Parameters))
			},
			RuntimeCall::Governed(governed::Call::register { .. }) => {
				Some(Classification::raising(Domain::Registry))
			},
			RuntimeCall::Governed(governed::Call::note { .. }) => {
				Some(Classification::raising(Domain::Parameters))
			},
			RuntimeCall::Guard(call) => call.classify(),
			_ => None,
		}
	}
}

/// Root is the root track; accounts 1, 2 and 3 play the parameters track, the registries track
/// and the risk council.
pub struct SubmitOrigin;
impl EnsureOrigin<RuntimeOrigin> for SubmitOrigin {
	type Success = Authority;

	fn try_origin(o: RuntimeOrigin) -> Result<Authority, RuntimeOrigin> {
		use frame_support::traits::OriginTrait;
		match o.as_system_ref() {
			Some(RawOrigin::Root) => Ok(Authority::Root),
			Some(RawOrigin::Signed(PARAMETERS)) => Ok(Authority::Track(Domain::Parameters)),
			Some(RawOrigin::Signed(REGISTRAR)) => Ok(Authority::Track(Domain::Registry)),
			Some(RawOrigin::Signed(COUNCIL)) => Ok(Authority::Council),
			_ => Err(o),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

/// Setting the cap to zero (what it is at genesis) lowers risk; registering raises it.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_guard::BenchmarkHelper<RuntimeCall> for BenchmarkHelper {
	fn lowering_call() -> RuntimeCall {
		RuntimeCall::Governed(governed::Call::set_cap { cap: 0 })
	}
	fn raising_call() -> RuntimeCall {
		RuntimeCall::Governed(governed::Call::register { who: 7 })
	}
}

impl pallet_guard::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Classifier = Classifier;
	type SubmitOrigin = SubmitOrigin;
	type DefaultDelay = ConstU64<DELAY>;
	type MinDelay = ConstU64<MIN_DELAY>;
	type MaxDelay = ConstU64<MAX_DELAY>;
	type MaxPending = ConstU32<MAX_PENDING>;
	type MaxCallLen = ConstU32<MAX_CALL_LEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Test externalities at block 1 (events are recorded from block 1 on), with the guard's
/// genesis `delay` (`None`: the default, [`DELAY`]).
pub fn new_test_ext_with_delay(delay: Option<u64>) -> sp_io::TestExternalities {
	let storage =
		RuntimeGenesisConfig { guard: pallet_guard::GenesisConfig { delay }, ..Default::default() }
			.build_storage()
			.expect("the genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Test externalities at block 1 with the default delay.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with_delay(None)
}

/// Runs `test` in `ext`, then checks the guard's invariants.
pub fn execute_in(mut ext: sp_io::TestExternalities, test: impl FnOnce()) {
	ext.execute_with(|| {
		test();
		Guard::do_try_state().expect("guard invariants hold after the test");
	});
}

/// Runs `test` from block 1 with the default delay, then checks the guard's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	execute_in(new_test_ext(), test);
}

/// `who` (a track, the council) as an origin.
pub fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Dispatches `Guard::submit(call)` as `origin`, as the runtime would (through the call filter
/// and the storage layer every call runs in).
pub fn submit(origin: RuntimeOrigin, call: RuntimeCall) -> DispatchResultWithPostInfo {
	RuntimeCall::Guard(pallet_guard::Call::submit { call: Box::new(call) }).dispatch(origin)
}

/// Dispatches `Guard::execute(id, weight_bound)` as `who`.
pub fn execute(who: AccountId, id: ChangeId, weight_bound: Weight) -> DispatchResultWithPostInfo {
	RuntimeCall::Guard(pallet_guard::Call::execute { id, weight_bound }).dispatch(signed(who))
}

/// Dispatches `Guard::cancel(id)` as `origin`.
pub fn cancel(origin: RuntimeOrigin, id: ChangeId) -> DispatchResultWithPostInfo {
	RuntimeCall::Guard(pallet_guard::Call::cancel { id }).dispatch(origin)
}

/// `Governed::set_cap(cap)`.
pub fn set_cap(cap: u128) -> RuntimeCall {
	RuntimeCall::Governed(governed::Call::set_cap { cap })
}

/// `Governed::pause()`.
pub fn pause() -> RuntimeCall {
	RuntimeCall::Governed(governed::Call::pause {})
}

/// `Governed::register(who)`.
pub fn register(who: u64) -> RuntimeCall {
	RuntimeCall::Governed(governed::Call::register { who })
}

/// `Governed::trip()`.
pub fn trip() -> RuntimeCall {
	RuntimeCall::Governed(governed::Call::trip {})
}

/// `Governed::note(note)` with a note of `len` bytes.
pub fn note(len: usize) -> RuntimeCall {
	RuntimeCall::Governed(governed::Call::note { note: vec![7; len] })
}

/// `Guard::set_delay(delay)`.
pub fn set_delay(delay: u64) -> RuntimeCall {
	RuntimeCall::Guard(pallet_guard::Call::set_delay { delay })
}

/// The guard's own origin for a change of `domain`.
pub fn enacted(domain: Domain) -> RuntimeOrigin {
	RuntimeOrigin::from(pallet_guard::Origin::Enacted(domain))
}

/// `System::remark`: not a governance call.
pub fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] })
}

/// The guard's events since the last call.
pub fn guard_events() -> Vec<pallet_guard::Event<Test>> {
	let events = System::read_events_for_pallet::<pallet_guard::Event<Test>>();
	System::reset_events();
	events
}

/// The hash the guard gives `call`.
pub fn hash_of(call: &RuntimeCall) -> <Test as frame_system::Config>::Hash {
	<Test as frame_system::Config>::Hashing::hash_of(call)
}

//! Benchmarks of the guard's calls (frame-benchmarking v2). `Config::BenchmarkHelper` gives a
//! cheap lowering call and a raising call; `SubmitOrigin::try_successful_origin` the authority
//! that submits and cancels them.
//!
//! - `submit_lowering` dispatches the cheap lowering call (its own weight is added to
//!   `submit`'s separately, from its dispatch info);
//! - `submit_raising` holds the raising call back with `MaxPending - 1` changes pending;
//! - `execute` decodes a call of the full `MaxCallLen` (a remark) and dispatches it;
//! - `cancel` removes a pending change;
//! - `set_delay` sets the delay, as the guard dispatches it.
//!
//! The delay is made positive first where raising calls must wait (a benchmark chain may start
//! with none).

use super::*;
use alloc::{boxed::Box, vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{dispatch::GetDispatchInfo, traits::Get, BoundedVec};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Hash as _, One, Saturating};
use usdai_primitives::governance::{ClassifyCall, Risk};

/// The call's classification, which must be in `risk`'s direction.
fn domain_of<T: Config>(
	call: &<T as Config>::RuntimeCall,
	risk: Risk,
) -> Result<Domain, BenchmarkError> {
	match T::Classifier::classify(call) {
		Some(class) if class.risk == risk => Ok(class.domain),
		_ => Err(BenchmarkError::Stop("BenchmarkHelper's call is not classified as it says")),
	}
}

/// Makes the delay positive (a chain may start with none), so that raising calls wait.
fn delay_raising_calls<T: Config>() {
	let delay = Delay::<T>::get().max(T::MinDelay::get()).max(One::one());
	Delay::<T>::put(delay);
}

/// `call` as a change pending since now, in `domain`, due after the delay.
fn pending<T: Config>(call: &<T as Config>::RuntimeCall, domain: Domain) -> PendingChange<T> {
	let encoded = call.encode();
	let submitted_at = frame_system::Pallet::<T>::block_number();
	PendingChange {
		call_hash: T::Hashing::hash(&encoded),
		call: BoundedVec::try_from(encoded).expect("the benchmark's call fits MaxCallLen"),
		domain,
		authority: Authority::Root,
		submitted_at,
		due: submitted_at.saturating_add(Delay::<T>::get().max(One::one())),
		weight: call.get_dispatch_info().call_weight,
	}
}

/// Fills the pending list with `n` copies of `change`, ids `0..n`.
fn fill<T: Config>(n: u32, change: &PendingChange<T>) {
	for id in 0..n {
		Pending::<T>::insert(id, change.clone());
	}
	NextChangeId::<T>::put(n);
}

/// Moves to the block in which `change` is due.
fn go_to_due<T: Config>(change: &PendingChange<T>) {
	let due: BlockNumberFor<T> = change.due;
	frame_system::Pallet::<T>::set_block_number(due);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn submit_lowering() -> Result<(), BenchmarkError> {
		let origin =
			T::SubmitOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call = T::BenchmarkHelper::lowering_call();
		domain_of::<T>(&call, Risk::Lowering)?;

		#[extrinsic_call]
		submit(origin as T::RuntimeOrigin, Box::new(call));

		assert_eq!(Pending::<T>::count(), 0);
		Ok(())
	}

	#[benchmark]
	fn submit_raising() -> Result<(), BenchmarkError> {
		let origin =
			T::SubmitOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call = T::BenchmarkHelper::raising_call();
		let domain = domain_of::<T>(&call, Risk::Raising)?;
		delay_raising_calls::<T>();
		let max = T::MaxPending::get();
		fill::<T>(max.saturating_sub(1), &pending::<T>(&call, domain));

		#[extrinsic_call]
		submit(origin as T::RuntimeOrigin, Box::new(call));

		assert_eq!(Pending::<T>::count(), max);
		Ok(())
	}

	#[benchmark]
	fn execute() -> Result<(), BenchmarkError> {
		delay_raising_calls::<T>();
		// The longest call a change may hold: a remark of `MaxCallLen` bytes with its pallet
		// and call indices and its length prefix (at most 6 bytes for a length below 2^30).
		let len = T::MaxCallLen::get().saturating_sub(6);
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![1u8; len as usize] }.into();
		let change = pending::<T>(&call, Domain::Parameters);
		let bound = change.weight;
		fill::<T>(T::MaxPending::get(), &change);
		go_to_due::<T>(&change);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, bound);

		assert!(!Pending::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		let origin =
			T::SubmitOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call = T::BenchmarkHelper::raising_call();
		let domain = domain_of::<T>(&call, Risk::Raising)?;
		delay_raising_calls::<T>();
		fill::<T>(T::MaxPending::get(), &pending::<T>(&call, domain));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);

		assert!(!Pending::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_delay() -> Result<(), BenchmarkError> {
		let origin: T::RuntimeOrigin = Origin::Enacted(Domain::Parameters).into();
		let delay = T::MaxDelay::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, delay);

		assert_eq!(Delay::<T>::get(), delay);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

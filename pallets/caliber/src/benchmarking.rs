//! Benchmarks of the registry's calls (frame-benchmarking v2). Each measures the heaviest path:
//! custodians with the most data centres and the longest texts, a post that moves the value
//! with the most posts to read, prune and sort, a release that clears every mirrored attribute.

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use usdai_primitives::{Balance, ReceiptId};

/// A text of `len` bytes.
fn text<S: Get<u32>>(len: u32) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'x'; len as usize])
}

/// Custodian details at their largest: full data-centre list, longest texts.
fn custodian_info(bond: Balance) -> CustodianInfo {
	let max = MaxDataCentres::get();
	let data_centres = (0..max)
		.map(|i| {
			let mut id = vec![b'd'; 31];
			id.push(i as u8);
			BoundedVec::truncate_from(id)
		})
		.collect::<vec::Vec<_>>();
	CustodianInfo {
		name: text(64),
		jurisdiction: text(64),
		data_centres: BoundedVec::truncate_from(data_centres),
		insurance_provider: text(64),
		bond,
	}
}

/// A bond that the account below can pay.
fn bond<T: Config>() -> Balance {
	T::NativeBalance::minimum_balance().saturating_mul(100)
}

/// An account with enough native balance for a bond.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::NativeBalance::minimum_balance().saturating_mul(1_000);
	T::NativeBalance::mint_into(&who, amount).expect("can mint");
	who
}

/// A registered custodian with the largest details.
fn custodian<T: Config>() -> T::AccountId {
	let who = funded::<T>("custodian", 0);
	Pallet::<T>::do_register_custodian(who.clone(), custodian_info(bond::<T>()))
		.expect("registers");
	who
}

/// A batch at the custodian's last data centre, insured far into the future.
fn batch(info: &CustodianInfo) -> ReceiptInfo {
	ReceiptInfo {
		model: GpuModel::Other(text(32)),
		count: 8,
		serials_hash: H256::repeat_byte(1),
		data_centre: info.data_centres.last().cloned().expect("has data centres"),
		bailment_hash: H256::repeat_byte(2),
		insurance: Insurance {
			policy_id: text(64),
			coverage: Balance::MAX / 4,
			expiry: u64::MAX / 2,
		},
		appraisal: 1_000_000_000_000_000_000_000_000,
	}
}

/// A receipt issued by a fresh custodian to `holder`.
fn receipt<T: Config>(holder: &T::AccountId) -> (T::AccountId, ReceiptId) {
	let custodian = custodian::<T>();
	let info = Custodians::<T>::get(&custodian).expect("registered").info;
	let id = Pallet::<T>::do_issue_receipt(custodian.clone(), holder.clone(), batch(&info))
		.expect("issues");
	(custodian, id)
}

/// Replaces the appraisers with `n` fresh ones.
fn appraisers<T: Config>(n: u32) -> vec::Vec<T::AccountId> {
	let _ = Appraisers::<T>::clear(u32::MAX, None);
	(0..n)
		.map(|i| {
			let who: T::AccountId = account("appraiser", i, 0);
			Pallet::<T>::do_add_appraiser(who.clone()).expect("room for appraisers");
			who
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_custodian() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = funded::<T>("custodian", 0);
		let info = custodian_info(bond::<T>());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), info);

		assert!(Custodians::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn suspend_custodian() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = custodian::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Custodians::<T>::get(&who).map(|c| c.status), Some(CustodianStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn resume_custodian() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = custodian::<T>();
		Pallet::<T>::do_set_custodian_status(who.clone(), CustodianStatus::Suspended)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert_eq!(Custodians::<T>::get(&who).map(|c| c.status), Some(CustodianStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn remove_custodian() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = custodian::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Custodians::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn add_appraiser() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		appraisers::<T>(T::MaxAppraisers::get().saturating_sub(1));
		let who: T::AccountId = account("new appraiser", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Appraisers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_appraiser() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let all = appraisers::<T>(T::MaxAppraisers::get());
		let who = all.last().cloned().expect("at least one appraiser");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Appraisers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let params = ValuationParams { min_posts: 1, ..Default::default() };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);

		assert_eq!(Params::<T>::get(), params);
		Ok(())
	}

	#[benchmark]
	fn set_depreciation() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let model = GpuModel::Other(text(32));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model.clone(), Some(T::MaxDepreciationBps::get()));

		assert_eq!(Depreciation::<T>::get(&model), Some(T::MaxDepreciationBps::get()));
		Ok(())
	}

	#[benchmark]
	fn issue_receipt() {
		let custodian = custodian::<T>();
		let info = Custodians::<T>::get(&custodian).expect("registered").info;
		let holder: T::AccountId = account("holder", 0, 0);
		let id = NextReceiptId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(custodian), holder.clone(), batch(&info));

		assert_eq!(Pallet::<T>::holder_of(id), Some(holder));
	}

	/// `n` fresh posts stored on the receipt before the call, none of them the caller's: by other
	/// registered appraisers as far as there is room (`MaxAppraisers - 1`), the rest (one, at
	/// `n = MaxAppraisers`) by an appraiser removed since, whose appraiser the call still reads
	/// before it prunes the post. The caller is registered; the value moves.
	#[benchmark]
	fn post_valuation(n: Linear<0, { T::MaxAppraisers::get() }>) {
		let max = T::MaxAppraisers::get();
		let mut all = appraisers::<T>(max);
		Params::<T>::put(ValuationParams { min_posts: 1, ..Default::default() });
		let holder: T::AccountId = account("holder", 0, 0);
		let (_, id) = receipt::<T>(&holder);
		for (i, other) in all.iter().take(n as usize).enumerate() {
			let value =
				1_000_000_000_000_000_000_000u128.saturating_mul((i as u128).saturating_add(1));
			Pallet::<T>::do_post_valuation(other.clone(), id, value).expect("posts");
		}
		let caller = if n == max {
			// Every registered appraiser posted: one leaves and a new one posts.
			let gone = all.pop().expect("max >= 1");
			Pallet::<T>::do_remove_appraiser(gone).expect("removes");
			let new: T::AccountId = account("appraiser", max, 0);
			Pallet::<T>::do_add_appraiser(new.clone()).expect("room for one");
			new
		} else {
			all.last().cloned().expect("max >= 1")
		};
		assert_eq!(Valuations::<T>::get(id).len() as u32, n);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 1_000_000_000_000_000_000_000);

		let kept = n.min(max.saturating_sub(1)).saturating_add(1);
		assert_eq!(Valuations::<T>::get(id).len() as u32, kept);
	}

	#[benchmark]
	fn renew_insurance() {
		let holder: T::AccountId = account("holder", 0, 0);
		let (custodian, id) = receipt::<T>(&holder);
		let insurance =
			Insurance { policy_id: text(64), coverage: Balance::MAX / 2, expiry: u64::MAX };

		#[extrinsic_call]
		_(RawOrigin::Signed(custodian), id, insurance.clone());

		assert_eq!(Receipts::<T>::get(id).map(|r| r.info.insurance), Some(insurance));
	}

	#[benchmark]
	fn request_release() {
		let holder: T::AccountId = account("holder", 0, 0);
		let (_, id) = receipt::<T>(&holder);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), id);

		assert!(Pallet::<T>::is_receipt_locked(Collection::<T>::get().unwrap_or_default(), id));
	}

	#[benchmark]
	fn cancel_release() -> Result<(), BenchmarkError> {
		let holder: T::AccountId = account("holder", 0, 0);
		let (_, id) = receipt::<T>(&holder);
		Pallet::<T>::do_request_release(holder.clone(), id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), id);

		assert_eq!(Receipts::<T>::get(id).map(|r| r.status), Some(ReceiptStatus::Free));
		Ok(())
	}

	#[benchmark]
	fn confirm_release() -> Result<(), BenchmarkError> {
		let holder: T::AccountId = account("holder", 0, 0);
		let (custodian, id) = receipt::<T>(&holder);
		Pallet::<T>::do_request_release(holder, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(custodian), id);

		assert!(!Receipts::<T>::contains_key(id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

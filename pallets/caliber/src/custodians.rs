//! The registry: the CALIBER collection, custodians and their bonds, appraisers and the
//! valuation parameters (governance).

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get, Incrementable},
};
use pallet_nfts::{
	CollectionConfig, CollectionSetting, CollectionSettings, ItemSettings, MintSettings, MintType,
};
use sp_runtime::{traits::AccountIdConversion, DispatchResult};
use usdai_primitives::{BasisPoints, CollectionId, BPS_DENOMINATOR};

impl<T: Config> Pallet<T> {
	/// The account that owns and administers the CALIBER collection.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The CALIBER collection.
	pub(crate) fn collection() -> Result<CollectionId, Error<T>> {
		Collection::<T>::get().ok_or(Error::<T>::NoCollection)
	}

	/// Creates the CALIBER collection, owned by this pallet's account, without deposits: items
	/// are minted only by this pallet (custodians are governance-registered and bonded).
	pub(crate) fn create_collection() -> DispatchResult {
		let owner = Self::account_id();
		let collection = pallet_nfts::NextCollectionId::<T>::get()
			.or(CollectionId::initial_value())
			.ok_or(Error::<T>::NoCollection)?;
		let config = CollectionConfig {
			settings: CollectionSettings::from_disabled(CollectionSetting::DepositRequired.into()),
			max_supply: None,
			mint_settings: MintSettings {
				mint_type: MintType::Issuer,
				price: None,
				start_block: None,
				end_block: None,
				default_item_settings: ItemSettings::all_enabled(),
			},
		};
		pallet_nfts::Pallet::<T>::do_create_collection(
			collection,
			owner.clone(),
			owner.clone(),
			config,
			Default::default(),
			pallet_nfts::Event::ForceCreated { collection, owner },
		)?;
		pallet_nfts::NextCollectionId::<T>::set(collection.increment());
		Collection::<T>::put(collection);
		Ok(())
	}

	/// Registers `who` as a custodian and holds its bond.
	pub(crate) fn do_register_custodian(who: T::AccountId, info: CustodianInfo) -> DispatchResult {
		ensure!(!Custodians::<T>::contains_key(&who), Error::<T>::CustodianExists);
		Self::ensure_valid_custodian_info(&info)?;
		T::NativeBalance::hold(&HoldReason::CustodianBond.into(), &who, info.bond)?;
		let bond = info.bond;
		Custodians::<T>::insert(
			&who,
			Custodian { info, status: CustodianStatus::Active, receipts: 0 },
		);
		Self::deposit_event(Event::CustodianRegistered { custodian: who, bond });
		Ok(())
	}

	fn ensure_valid_custodian_info(info: &CustodianInfo) -> DispatchResult {
		let named = !info.name.is_empty()
			&& !info.jurisdiction.is_empty()
			&& !info.insurance_provider.is_empty();
		ensure!(named && !info.data_centres.is_empty(), Error::<T>::InvalidCustodianInfo);
		for (i, dc) in info.data_centres.iter().enumerate() {
			let later = info.data_centres.iter().skip(i.saturating_add(1));
			ensure!(!dc.is_empty(), Error::<T>::InvalidCustodianInfo);
			ensure!(later.into_iter().all(|other| other != dc), Error::<T>::InvalidCustodianInfo);
		}
		Ok(())
	}

	/// Suspends or reinstates a custodian.
	pub(crate) fn do_set_custodian_status(
		who: T::AccountId,
		status: CustodianStatus,
	) -> DispatchResult {
		Custodians::<T>::try_mutate(&who, |maybe| {
			let custodian = maybe.as_mut().ok_or(Error::<T>::UnknownCustodian)?;
			ensure!(
				custodian.status != status,
				match status {
					CustodianStatus::Active => Error::<T>::CustodianActive,
					CustodianStatus::Suspended => Error::<T>::CustodianSuspended,
				}
			);
			custodian.status = status;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(match status {
			CustodianStatus::Active => Event::CustodianResumed { custodian: who },
			CustodianStatus::Suspended => Event::CustodianSuspended { custodian: who },
		});
		Ok(())
	}

	/// Removes a custodian without receipts and releases its bond.
	pub(crate) fn do_remove_custodian(who: T::AccountId) -> DispatchResult {
		let custodian = Custodians::<T>::get(&who).ok_or(Error::<T>::UnknownCustodian)?;
		ensure!(custodian.receipts == 0, Error::<T>::CustodianHasReceipts);
		let bond = T::NativeBalance::release(
			&HoldReason::CustodianBond.into(),
			&who,
			custodian.info.bond,
			Precision::BestEffort,
		)?;
		Custodians::<T>::remove(&who);
		Self::deposit_event(Event::CustodianRemoved { custodian: who, bond });
		Ok(())
	}

	/// Registers an appraiser.
	pub(crate) fn do_add_appraiser(who: T::AccountId) -> DispatchResult {
		ensure!(!Appraisers::<T>::contains_key(&who), Error::<T>::AppraiserExists);
		ensure!(Appraisers::<T>::count() < T::MaxAppraisers::get(), Error::<T>::TooManyAppraisers);
		Appraisers::<T>::insert(&who, ());
		Self::deposit_event(Event::AppraiserAdded { appraiser: who });
		Ok(())
	}

	/// Removes an appraiser. Its posts stay in storage until overwritten or pruned but no longer
	/// count towards any median.
	pub(crate) fn do_remove_appraiser(who: T::AccountId) -> DispatchResult {
		ensure!(Appraisers::<T>::contains_key(&who), Error::<T>::NotAppraiser);
		Appraisers::<T>::remove(&who);
		Self::deposit_event(Event::AppraiserRemoved { appraiser: who });
		Ok(())
	}

	/// Checks valuation parameters against their bounds.
	pub(crate) fn ensure_valid_params(params: &ValuationParams) -> DispatchResult {
		ensure!(
			params.min_posts >= 1
				&& params.min_posts <= T::MaxAppraisers::get()
				&& params.max_age > 0
				// An appraiser's own post must outlive its once-a-period limit: a pruned post
				// would let it post again early.
				&& params.max_age >= T::ValuationPeriod::get()
				&& params.max_step_bps >= 1
				&& params.max_step_bps <= BPS_DENOMINATOR
				&& params.default_depreciation_bps <= T::MaxDepreciationBps::get(),
			Error::<T>::InvalidParams
		);
		Ok(())
	}

	/// Sets the valuation parameters.
	pub(crate) fn do_set_params(params: ValuationParams) -> DispatchResult {
		Self::ensure_valid_params(&params)?;
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}

	/// Sets or clears a model's depreciation rate.
	pub(crate) fn do_set_depreciation(
		model: GpuModel,
		rate_bps: Option<BasisPoints>,
	) -> DispatchResult {
		Self::ensure_valid_model(&model)?;
		if let Some(rate) = rate_bps {
			ensure!(rate <= T::MaxDepreciationBps::get(), Error::<T>::DepreciationTooHigh);
		}
		Depreciation::<T>::set(&model, rate_bps);
		Self::deposit_event(Event::DepreciationSet { model, rate_bps });
		Ok(())
	}

	/// `Other` models need a name.
	pub(crate) fn ensure_valid_model(model: &GpuModel) -> DispatchResult {
		ensure!(!model.name().is_empty(), Error::<T>::InvalidModel);
		Ok(())
	}
}

//! Invariants of the receipt registry, checked by `try_state` (and after every unit test).

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{fungible::InspectHold, tokens::nonfungibles_v2::Inspect, Get};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the registry.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_receipts()?;
		Self::check_pledges()?;
		Self::check_registry()?;
		Ok(())
	}

	/// Every receipt has a registered custodian (whose count matches) and an NFT in the
	/// collection, and the collection holds nothing else.
	fn check_receipts() -> Result<(), TryRuntimeError> {
		let collection = Collection::<T>::get().ok_or("no CALIBER collection")?;
		let next = NextReceiptId::<T>::get();
		let mut per_custodian: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut count: u32 = 0;
		for (id, receipt) in Receipts::<T>::iter() {
			if id >= next {
				return Err("receipt id at or above NextReceiptId".into());
			}
			if !Custodians::<T>::contains_key(&receipt.custodian) {
				return Err("receipt without a registered custodian".into());
			}
			if <pallet_nfts::Pallet<T> as Inspect<T::AccountId>>::owner(&collection, &id).is_none()
			{
				return Err("receipt without its NFT".into());
			}
			if receipt.appraisal.period.at > receipt.appraisal.at {
				return Err("valuation period starts after the appraisal".into());
			}
			let n = per_custodian.entry(receipt.custodian.clone()).or_default();
			*n = n.checked_add(1).ok_or("receipt count overflows")?;
			count = count.checked_add(1).ok_or("receipt count overflows")?;
		}
		for (who, custodian) in Custodians::<T>::iter() {
			if per_custodian.get(&who).copied().unwrap_or_default() != custodian.receipts {
				return Err("custodian's receipt count differs from its receipts".into());
			}
		}
		let items = pallet_nfts::Collection::<T>::get(collection)
			.ok_or("CALIBER collection missing in pallet-nfts")?
			.items;
		if items != count {
			return Err("CALIBER collection items differ from receipts".into());
		}
		for (id, posts) in Valuations::<T>::iter() {
			if !Receipts::<T>::contains_key(id) {
				return Err("valuation posts of a receipt that does not exist".into());
			}
			for (i, post) in posts.iter().enumerate() {
				if posts.iter().skip(i.saturating_add(1)).any(|p| p.appraiser == post.appraiser) {
					return Err("two posts of one appraiser on a receipt".into());
				}
			}
		}
		Ok(())
	}

	/// Every pledged receipt is pledged to exactly one loan, whose list names it once; every
	/// list names only receipts pledged to its loan.
	fn check_pledges() -> Result<(), TryRuntimeError> {
		let mut listed: u32 = 0;
		for (loan, receipts) in LoanReceipts::<T>::iter() {
			if receipts.is_empty() {
				return Err("empty pledge list".into());
			}
			for id in &receipts {
				let receipt = Receipts::<T>::get(id).ok_or("pledge of a missing receipt")?;
				if receipt.status != (ReceiptStatus::Pledged { loan }) {
					return Err("listed receipt not pledged to its loan".into());
				}
			}
			let len = u32::try_from(receipts.len()).map_err(|_| "pledge list too long")?;
			listed = listed.checked_add(len).ok_or("pledge count overflows")?;
		}
		let pledged = Receipts::<T>::iter_values()
			.filter(|r| matches!(r.status, ReceiptStatus::Pledged { .. }))
			.count();
		if usize::try_from(listed).map_err(|_| "pledge count overflows")? != pledged {
			return Err("a pledged receipt is missing from (or twice in) its loan's list".into());
		}
		Ok(())
	}

	/// Bonds are held; appraisers and parameters are within bounds.
	fn check_registry() -> Result<(), TryRuntimeError> {
		let reason = HoldReason::CustodianBond.into();
		for (who, custodian) in Custodians::<T>::iter() {
			if T::NativeBalance::balance_on_hold(&reason, &who) != custodian.info.bond {
				return Err("custodian bond not held in full".into());
			}
		}
		let appraisers = Appraisers::<T>::iter_keys().count();
		if appraisers != usize::try_from(Appraisers::<T>::count()).unwrap_or(usize::MAX)
			|| Appraisers::<T>::count() > T::MaxAppraisers::get()
		{
			return Err("appraiser count wrong or above MaxAppraisers".into());
		}
		Self::ensure_valid_params(&Params::<T>::get()).map_err(|_| "invalid valuation params")?;
		Ok(())
	}
}

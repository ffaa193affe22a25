//! Receipts: issue, insurance renewal, release, and the lock pallet-nfts and the runtime's call
//! filter ask about (their trait impls are in `impls.rs`).

use crate::{pallet::*, types::*};
use alloc::{format, vec::Vec};
use codec::Encode;
use core::marker::PhantomData;
use frame_support::{
	ensure,
	traits::{
		tokens::nonfungibles_v2::{Inspect, Mutate},
		Get, IsSubType,
	},
};
use pallet_nfts::{ItemConfig, ItemSettings};
use sp_runtime::{ArithmeticError, DispatchError, DispatchResult};
use usdai_primitives::{Balance, CollectionId, ReceiptId};

/// Attribute keys mirrored on each receipt's NFT (pallet namespace), for wallets.
pub mod attribute {
	/// The GPU model's name.
	pub const MODEL: &[u8] = b"model";
	/// Number of GPUs.
	pub const COUNT: &[u8] = b"count";
	/// Hash of the serial numbers (0x-hex).
	pub const SERIALS_HASH: &[u8] = b"serials_hash";
	/// The data centre.
	pub const DATA_CENTRE: &[u8] = b"data_centre";
	/// Hash of the bailment (0x-hex).
	pub const BAILMENT_HASH: &[u8] = b"bailment_hash";
	/// The custodian's account (0x-hex of its encoding).
	pub const CUSTODIAN: &[u8] = b"custodian";
	/// The insurance policy id.
	pub const POLICY_ID: &[u8] = b"policy_id";
	/// Sum insured (USDai base units, decimal).
	pub const COVERAGE: &[u8] = b"coverage";
	/// End of cover (Unix seconds, decimal).
	pub const INSURANCE_EXPIRY: &[u8] = b"insurance_expiry";
	/// The last appraised value (USDai base units, decimal).
	pub const APPRAISAL: &[u8] = b"appraisal";

	/// Every key, for clearing at burn.
	pub const ALL: [&[u8]; 10] = [
		MODEL,
		COUNT,
		SERIALS_HASH,
		DATA_CENTRE,
		BAILMENT_HASH,
		CUSTODIAN,
		POLICY_ID,
		COVERAGE,
		INSURANCE_EXPIRY,
		APPRAISAL,
	];
}

/// `0x`-prefixed lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> Vec<u8> {
	const DIGITS: &[u8; 16] = b"0123456789abcdef";
	let mut out = Vec::with_capacity(bytes.len().saturating_mul(2).saturating_add(2));
	out.extend_from_slice(b"0x");
	for byte in bytes {
		for nibble in [byte >> 4, byte & 0x0f] {
			if let Some(digit) = DIGITS.get(usize::from(nibble)) {
				out.push(*digit);
			}
		}
	}
	out
}

impl<T: Config> Pallet<T> {
	/// The holder of a receipt: its NFT's owner.
	pub(crate) fn holder_of(id: ReceiptId) -> Option<T::AccountId> {
		let collection = Collection::<T>::get()?;
		<pallet_nfts::Pallet<T> as Inspect<T::AccountId>>::owner(&collection, &id)
	}

	fn set_attribute(
		collection: CollectionId,
		id: ReceiptId,
		key: &[u8],
		value: &[u8],
	) -> DispatchResult {
		<pallet_nfts::Pallet<T> as Mutate<T::AccountId, ItemConfig>>::set_attribute(
			&collection,
			&id,
			key,
			value,
		)
	}

	fn mirror_insurance(
		collection: CollectionId,
		id: ReceiptId,
		insurance: &Insurance,
	) -> DispatchResult {
		Self::set_attribute(collection, id, attribute::POLICY_ID, &insurance.policy_id)?;
		Self::set_attribute(
			collection,
			id,
			attribute::COVERAGE,
			format!("{}", insurance.coverage).as_bytes(),
		)?;
		Self::set_attribute(
			collection,
			id,
			attribute::INSURANCE_EXPIRY,
			format!("{}", insurance.expiry).as_bytes(),
		)
	}

	/// Mirrors a new appraised value on the NFT.
	pub(crate) fn mirror_appraisal(id: ReceiptId, value: Balance) -> DispatchResult {
		let collection = Self::collection()?;
		Self::set_attribute(collection, id, attribute::APPRAISAL, format!("{value}").as_bytes())
	}

	/// Checks a policy: in force after `now`, with cover and an id.
	fn ensure_valid_insurance(insurance: &Insurance) -> DispatchResult {
		ensure!(insurance.expiry > Self::now(), Error::<T>::InsuranceExpired);
		ensure!(
			insurance.coverage > 0 && !insurance.policy_id.is_empty(),
			Error::<T>::InvalidInsurance
		);
		Ok(())
	}

	/// Issues a receipt from `custodian` to `holder`: the record, the NFT and its attributes.
	pub(crate) fn do_issue_receipt(
		custodian: T::AccountId,
		holder: T::AccountId,
		info: ReceiptInfo,
	) -> Result<ReceiptId, DispatchError> {
		let collection = Self::collection()?;
		let mut record = Custodians::<T>::get(&custodian).ok_or(Error::<T>::UnknownCustodian)?;
		ensure!(record.status == CustodianStatus::Active, Error::<T>::CustodianSuspended);
		Self::ensure_valid_model(&info.model)?;
		ensure!(
			info.count > 0 && info.count <= T::MaxGpusPerReceipt::get(),
			Error::<T>::InvalidCount
		);
		ensure!(
			record.info.data_centres.contains(&info.data_centre),
			Error::<T>::UnknownDataCentre
		);
		Self::ensure_valid_insurance(&info.insurance)?;
		ensure!(info.appraisal > 0, Error::<T>::ZeroAmount);

		let id = NextReceiptId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		record.receipts = record.receipts.checked_add(1).ok_or(ArithmeticError::Overflow)?;

		<pallet_nfts::Pallet<T> as Mutate<T::AccountId, ItemConfig>>::mint_into(
			&collection,
			&id,
			&holder,
			&ItemConfig { settings: ItemSettings::all_enabled() },
			true,
		)?;
		Self::set_attribute(collection, id, attribute::MODEL, info.model.name())?;
		Self::set_attribute(
			collection,
			id,
			attribute::COUNT,
			format!("{}", info.count).as_bytes(),
		)?;
		Self::set_attribute(
			collection,
			id,
			attribute::SERIALS_HASH,
			&hex(info.serials_hash.as_bytes()),
		)?;
		Self::set_attribute(collection, id, attribute::DATA_CENTRE, &info.data_centre)?;
		Self::set_attribute(
			collection,
			id,
			attribute::BAILMENT_HASH,
			&hex(info.bailment_hash.as_bytes()),
		)?;
		Self::set_attribute(collection, id, attribute::CUSTODIAN, &hex(&custodian.encode()))?;
		Self::mirror_insurance(collection, id, &info.insurance)?;
		Self::set_attribute(
			collection,
			id,
			attribute::APPRAISAL,
			format!("{}", info.appraisal).as_bytes(),
		)?;

		let now = Self::now();
		let event = Event::ReceiptIssued {
			receipt: id,
			custodian: custodian.clone(),
			holder,
			model: info.model.clone(),
			count: info.count,
			appraisal: info.appraisal,
		};
		let appraisal = Appraisal {
			value: info.appraisal,
			at: now,
			confirmed: false,
			period: PeriodStart { at: now, value: info.appraisal },
		};
		Receipts::<T>::insert(
			id,
			Receipt {
				custodian: custodian.clone(),
				info,
				issued_at: now,
				appraisal,
				status: ReceiptStatus::Free,
			},
		);
		Custodians::<T>::insert(&custodian, record);
		NextReceiptId::<T>::put(next);
		Self::deposit_event(event);
		Ok(id)
	}

	/// Replaces a receipt's insurance (its custodian).
	pub(crate) fn do_renew_insurance(
		custodian: T::AccountId,
		id: ReceiptId,
		insurance: Insurance,
	) -> DispatchResult {
		let mut receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
		ensure!(receipt.custodian == custodian, Error::<T>::NotReceiptCustodian);
		Self::ensure_valid_insurance(&insurance)?;
		Self::mirror_insurance(Self::collection()?, id, &insurance)?;
		receipt.info.insurance = insurance.clone();
		Receipts::<T>::insert(id, receipt);
		Self::deposit_event(Event::InsuranceRenewed { receipt: id, insurance });
		Ok(())
	}

	/// The holder asks for the GPUs back.
	pub(crate) fn do_request_release(holder: T::AccountId, id: ReceiptId) -> DispatchResult {
		let mut receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
		ensure!(Self::holder_of(id).as_ref() == Some(&holder), Error::<T>::NotOwner);
		match receipt.status {
			ReceiptStatus::Free => {},
			ReceiptStatus::Pledged { .. } => return Err(Error::<T>::Pledged.into()),
			ReceiptStatus::ReleaseRequested { .. } => return Err(Error::<T>::ReleasePending.into()),
		}
		receipt.status = ReceiptStatus::ReleaseRequested { at: Self::now() };
		Receipts::<T>::insert(id, receipt);
		Self::deposit_event(Event::ReleaseRequested { receipt: id, holder });
		Ok(())
	}

	/// The holder withdraws its release request.
	pub(crate) fn do_cancel_release(holder: T::AccountId, id: ReceiptId) -> DispatchResult {
		let mut receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
		ensure!(Self::holder_of(id).as_ref() == Some(&holder), Error::<T>::NotOwner);
		ensure!(
			matches!(receipt.status, ReceiptStatus::ReleaseRequested { .. }),
			Error::<T>::NoReleaseRequest
		);
		receipt.status = ReceiptStatus::Free;
		Receipts::<T>::insert(id, receipt);
		Self::deposit_event(Event::ReleaseCancelled { receipt: id, holder });
		Ok(())
	}

	/// The custodian confirms the hand-over: the record, its posts and the NFT go.
	pub(crate) fn do_confirm_release(custodian: T::AccountId, id: ReceiptId) -> DispatchResult {
		let receipt = Receipts::<T>::get(id).ok_or(Error::<T>::UnknownReceipt)?;
		ensure!(receipt.custodian == custodian, Error::<T>::NotReceiptCustodian);
		ensure!(
			matches!(receipt.status, ReceiptStatus::ReleaseRequested { .. }),
			Error::<T>::NoReleaseRequest
		);
		let collection = Self::collection()?;
		let holder = Self::holder_of(id).ok_or(Error::<T>::UnknownReceipt)?;
		let mut record = Custodians::<T>::get(&custodian).ok_or(Error::<T>::UnknownCustodian)?;
		record.receipts = record.receipts.checked_sub(1).ok_or(ArithmeticError::Underflow)?;

		// The record goes first so that the lock no longer holds the NFT.
		Receipts::<T>::remove(id);
		Valuations::<T>::remove(id);
		for key in attribute::ALL {
			<pallet_nfts::Pallet<T> as Mutate<T::AccountId, ItemConfig>>::clear_attribute(
				&collection,
				&id,
				key,
			)?;
		}
		<pallet_nfts::Pallet<T> as Mutate<T::AccountId, ItemConfig>>::burn(&collection, &id, None)?;
		Custodians::<T>::insert(&custodian, record);
		Self::deposit_event(Event::ReceiptReleased {
			receipt: id,
			custodian,
			holder,
			bailment_hash: receipt.info.bailment_hash,
		});
		Ok(())
	}

	/// Whether the NFT `item` of `collection` must not move or burn: a CALIBER receipt that is
	/// pledged or being released.
	pub(crate) fn is_receipt_locked(collection: CollectionId, item: ReceiptId) -> bool {
		Collection::<T>::get() == Some(collection)
			&& Receipts::<T>::get(item).is_some_and(|r| r.status != ReceiptStatus::Free)
	}

	/// Whether `call` is `nfts.burn` of an item of the CALIBER collection, which the runtime's
	/// base call filter ([`ReceiptBurnFilter`]) refuses.
	pub(crate) fn is_receipt_burn<Call: IsSubType<pallet_nfts::Call<T>>>(call: &Call) -> bool {
		match call.is_sub_type() {
			Some(pallet_nfts::Call::burn { collection, .. }) => {
				Collection::<T>::get() == Some(*collection)
			},
			_ => false,
		}
	}
}

/// The runtime's base call filter: lets every call through except `nfts.burn` of a CALIBER
/// receipt. A receipt ends only through `confirm_release`, when the custodian has handed the GPUs
/// over; a holder burning it would destroy the document of title and orphan its record.
pub struct ReceiptBurnFilter<T>(PhantomData<T>);

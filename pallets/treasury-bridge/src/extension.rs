//! [`CheckAttestation`]: the transaction extension that keeps relayer attestations that would
//! fail out of the transaction pool and out of blocks.
//!
//! Successful attestations pay no fee (`Pays::No`), so a relayer's failed ones must not reach a
//! block either: this extension runs the same checks as dispatch (`check_*_attestation`:
//! relayer, halt, channel, nonce order, frozen, duplicate vote, contents; for NAV reports the
//! relayer's own earlier vote, the sleeve sequence and the period's bound) in `validate` and
//! refuses the transaction when they fail. Other calls pass untouched.
//!
//! Chosen over `#[pallet::authorize]` (which serves origin-less transactions proven by the call
//! itself: relayers would have to sign payloads separately) and over `#[pallet::feeless_if]`
//! (which only waives the fee and still lets a failing attestation into a block).

use crate::{pallet::*, weights::WeightInfo};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::{TransactionSource, Weight},
	traits::{IsSubType, OriginTrait},
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
	DispatchError,
};

/// Refuses failing treasury-bridge attestations (`attest_deposit`, `attest_withdrawal`,
/// `attest_nav`) and the relayers' other free calls (`register_evm_key`, `submit_signature`) in
/// transaction validation. Add it to the runtime's `TxExtension`.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckAttestation<T>(PhantomData<T>);

impl<T> CheckAttestation<T> {
	/// The extension.
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckAttestation<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckAttestation")
	}
}

/// The validity error for a failed check: a non-relayer is a bad signer, a replay or second
/// vote is stale, anything else carries the pallet's error index as `Custom`.
pub fn invalid<T: Config>(error: DispatchError) -> TransactionValidityError {
	let index = |e: Error<T>| -> DispatchError { e.into() };
	if error == index(Error::<T>::NotRelayer) {
		return InvalidTransaction::BadSigner.into();
	}
	if error == index(Error::<T>::AlreadyProcessed)
		|| error == index(Error::<T>::AlreadyAttested)
		|| error == index(Error::<T>::AlreadySigned)
		|| error == index(Error::<T>::AlreadyRegistered)
	{
		return InvalidTransaction::Stale.into();
	}
	match error {
		DispatchError::Module(m) => {
			InvalidTransaction::Custom(m.error.first().copied().unwrap_or_default()).into()
		},
		_ => InvalidTransaction::Call.into(),
	}
}

impl<T: Config + Send + Sync> CheckAttestation<T>
where
	<T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
{
	/// The bridge call inside `call`, if it is an attestation.
	fn attestation(call: &<T as frame_system::Config>::RuntimeCall) -> Option<&Call<T>> {
		match call.is_sub_type() {
			Some(
				inner @ (Call::attest_deposit { .. }
				| Call::attest_withdrawal { .. }
				| Call::attest_nav { .. }
				| Call::register_evm_key { .. }
				| Call::submit_signature { .. }),
			) => Some(inner),
			_ => None,
		}
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CheckAttestation<T>
where
	<T as frame_system::Config>::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckBridgeAttestation";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		match Self::attestation(call) {
			// The checks of these two are most of their dispatch (a signature recovery and the
			// reads): charged at the dispatch's measured weight, an upper bound.
			Some(Call::register_evm_key { .. }) => T::WeightInfo::register_evm_key(),
			Some(Call::submit_signature { .. }) => {
				T::WeightInfo::submit_signature().max(T::WeightInfo::submit_rotation_signature())
			},
			Some(_) => T::WeightInfo::check_attestation(),
			None => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		let Some(inner) = Self::attestation(call) else {
			return Ok((ValidTransaction::default(), (), origin));
		};
		let Some(who) = origin.as_signer() else {
			return Err(InvalidTransaction::BadSigner.into());
		};
		// One attestation per relayer and subject in the pool.
		let tag = match inner {
			Call::attest_deposit { deposit } => {
				Pallet::<T>::check_deposit_attestation(who, deposit).map_err(invalid::<T>)?;
				(b"usdai/br", who, 0u8, deposit.channel, deposit.nonce).encode()
			},
			Call::attest_withdrawal { nonce } => {
				Pallet::<T>::check_withdrawal_attestation(who, *nonce).map_err(invalid::<T>)?;
				(b"usdai/br", who, 1u8, 0u32, *nonce).encode()
			},
			Call::attest_nav { report } => {
				Pallet::<T>::check_nav_attestation(who, report).map_err(invalid::<T>)?;
				(b"usdai/br", who, 2u8, 0u32, report.timestamp).encode()
			},
			Call::register_evm_key { key, proof } => {
				Pallet::<T>::check_evm_key(who, key, proof).map_err(invalid::<T>)?;
				(b"usdai/br", who, 3u8, 0u32, key).encode()
			},
			Call::submit_signature { subject, signature } => {
				// The signer, not the submitter, is what may post once: a second copy of the
				// same signature from anyone is the same transaction's work.
				let signer =
					Pallet::<T>::check_signature(subject, signature).map_err(invalid::<T>)?;
				(b"usdai/br", signer, 4u8, subject).encode()
			},
			_ => return Ok((ValidTransaction::default(), (), origin)),
		};
		let valid = ValidTransaction { provides: alloc::vec![tag], ..Default::default() };
		Ok((valid, (), origin))
	}

	impl_tx_ext_default!(<T as frame_system::Config>::RuntimeCall; prepare);
}

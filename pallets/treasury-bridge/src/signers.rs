//! The gateway's signers: relayers' EVM keys, the signer set the gateway follows, and the
//! threshold signatures relayers post on chain for outbound messages and signer-set rotations.
//!
//! The gateway contract on the stablecoins' EVM chain executes a withdrawal, a move to the sleeve
//! or a recall only with signatures of at least the threshold of its signer set (EIP-712 over
//! secp256k1). That set follows the chain's relayers: each relayer registers an EVM key
//! (`register_evm_key`, with a proof that it holds the key), and whenever the keys of the current
//! relayers (or the threshold) change and every relayer has one, a new signer set is numbered
//! (`SignerEpoch`). The gateway moves to it on a `RelayerSet` message signed by the set before.
//!
//! Relayers share their signatures here (`submit_signature`) rather than among themselves: the
//! chain rebuilds each EIP-712 digest from its own storage and keeps a signature only when it
//! recovers to a key of the right set, so whoever executes on the EVM side finds the threshold
//! of valid signatures in one place, and nobody can make it pay gas for junk. A signature is
//! stored as the gateway takes it (`v` 27 or 28, low `s`), so anything stored here is accepted
//! there.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_io::hashing::keccak_256;
use sp_runtime::{traits::Zero, ArithmeticError};

/// Domain of the proof that a relayer holds the EVM key it registers.
pub const EVM_KEY_PROOF_PREFIX: &[u8] = b"usdai-relayer-evm-key";

/// The EIP-712 domain's `name`.
pub const EIP712_NAME: &[u8] = b"USDai Gateway";

/// The EIP-712 domain's `version`.
pub const EIP712_VERSION: &[u8] = b"1";

/// Half the secp256k1 curve order: signatures with a larger `s` are malleable copies (EIP-2),
/// which the gateway (OpenZeppelin's `ECDSA`) refuses.
const SECP256K1_HALF_ORDER: [u8; 32] = [
	0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

/// EIP-712 hashing of the gateway's messages, as Solidity's `abi.encode` lays them out: every
/// field one 32-byte word, integers big-endian and left-padded, addresses left-padded.
pub mod eip712 {
	use super::*;

	/// `uint` word of `value`.
	fn word_u128(value: u128) -> [u8; 32] {
		let mut word = [0u8; 32];
		if let Some(tail) = word.get_mut(16..) {
			tail.copy_from_slice(&value.to_be_bytes());
		}
		word
	}

	/// `address` word of `address`.
	fn word_address(address: &EvmAddress) -> [u8; 32] {
		let mut word = [0u8; 32];
		if let Some(tail) = word.get_mut(12..) {
			tail.copy_from_slice(address.as_bytes());
		}
		word
	}

	/// `keccak256(abi.encode(words…))`.
	fn hash_words(words: &[[u8; 32]]) -> [u8; 32] {
		let mut data = Vec::with_capacity(words.len().saturating_mul(32));
		for word in words {
			data.extend_from_slice(word);
		}
		keccak_256(&data)
	}

	/// The domain separator of `gateway`.
	pub fn domain_separator(gateway: &GatewayInfo) -> [u8; 32] {
		hash_words(&[
			keccak_256(
				b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
			),
			keccak_256(EIP712_NAME),
			keccak_256(EIP712_VERSION),
			word_u128(u128::from(gateway.chain_id)),
			word_address(&gateway.address),
		])
	}

	/// The digest a key signs: `keccak256(0x19 0x01 ‖ domain separator ‖ struct hash)`.
	pub fn digest(gateway: &GatewayInfo, struct_hash: [u8; 32]) -> [u8; 32] {
		let mut data = [0u8; 66];
		data[0] = 0x19;
		data[1] = 0x01;
		if let Some(domain) = data.get_mut(2..34) {
			domain.copy_from_slice(&domain_separator(gateway));
		}
		if let Some(hash) = data.get_mut(34..66) {
			hash.copy_from_slice(&struct_hash);
		}
		keccak_256(&data)
	}

	/// `Withdrawal(uint64 nonce,bytes32 who,uint32 asset,uint128 amount,address destination)`.
	pub fn withdrawal(
		nonce: MessageNonce,
		who: [u8; 32],
		asset: u32,
		amount: u128,
		destination: &EvmAddress,
	) -> [u8; 32] {
		hash_words(&[
			keccak_256(
				b"Withdrawal(uint64 nonce,bytes32 who,uint32 asset,uint128 amount,address destination)",
			),
			word_u128(u128::from(nonce)),
			who,
			word_u128(u128::from(asset)),
			word_u128(amount),
			word_address(destination),
		])
	}

	/// `ToSleeve(uint64 nonce,uint32 asset,uint128 amount)`.
	pub fn to_sleeve(nonce: MessageNonce, asset: u32, amount: u128) -> [u8; 32] {
		hash_words(&[
			keccak_256(b"ToSleeve(uint64 nonce,uint32 asset,uint128 amount)"),
			word_u128(u128::from(nonce)),
			word_u128(u128::from(asset)),
			word_u128(amount),
		])
	}

	/// `Recall(uint64 nonce,uint32 asset,uint128 amount)`.
	pub fn recall(nonce: MessageNonce, asset: u32, amount: u128) -> [u8; 32] {
		hash_words(&[
			keccak_256(b"Recall(uint64 nonce,uint32 asset,uint128 amount)"),
			word_u128(u128::from(nonce)),
			word_u128(u128::from(asset)),
			word_u128(amount),
		])
	}

	/// `RelayerSet(uint32 epoch,address[] signers,uint32 threshold)`; the array is hashed as
	/// `keccak256(abi.encodePacked(signers))`, each address a left-padded word.
	pub fn relayer_set(epoch: u32, signers: &[EvmAddress], threshold: u32) -> [u8; 32] {
		let words: Vec<[u8; 32]> = signers.iter().map(word_address).collect();
		hash_words(&[
			keccak_256(b"RelayerSet(uint32 epoch,address[] signers,uint32 threshold)"),
			word_u128(u128::from(epoch)),
			hash_words(&words),
			word_u128(u128::from(threshold)),
		])
	}
}

/// The EVM address of a 64-byte uncompressed public key (without its `0x04` prefix).
fn address_of(public: &[u8; 64]) -> EvmAddress {
	let hash = keccak_256(public);
	let mut address = [0u8; 20];
	if let Some(tail) = hash.get(12..) {
		address.copy_from_slice(tail);
	}
	EvmAddress::from(address)
}

/// The key that signed `digest`, for a signature the gateway would accept: `v` 27 or 28, `s` at
/// most half the curve order. `None` for anything else.
pub fn recover_signer(signature: &EcdsaSignature, digest: &[u8; 32]) -> Option<EvmAddress> {
	let v = *signature.get(64)?;
	if v != 27 && v != 28 {
		return None;
	}
	let s: &[u8] = signature.get(32..64)?;
	if s > &SECP256K1_HALF_ORDER[..] {
		return None;
	}
	let public = sp_io::crypto::secp256k1_ecdsa_recover(signature, digest).ok()?;
	Some(address_of(&public))
}

impl<T: Config> Pallet<T> {
	/// What a relayer's key signs to prove it holds the key:
	/// `keccak256("usdai-relayer-evm-key" ‖ genesis hash ‖ relayer account)`. The genesis hash
	/// keeps a proof from being replayed on another chain.
	pub fn evm_key_proof_digest(relayer: &T::AccountId) -> [u8; 32] {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let mut data = EVM_KEY_PROOF_PREFIX.to_vec();
		data.extend_from_slice(genesis.as_ref());
		data.extend_from_slice(&relayer.encode());
		keccak_256(&data)
	}

	/// Checks that relayer `who` may register `key` with `proof`, changing nothing.
	pub fn check_evm_key(
		who: &T::AccountId,
		key: &EvmAddress,
		proof: &EcdsaSignature,
	) -> DispatchResult {
		Self::ensure_relayer(who)?;
		ensure!(RelayerEvmKeys::<T>::get(who).as_ref() != Some(key), Error::<T>::AlreadyRegistered);
		if let Some(owner) = EvmKeyOwner::<T>::get(key) {
			ensure!(&owner == who, Error::<T>::KeyInUse);
		}
		let signer = recover_signer(proof, &Self::evm_key_proof_digest(who))
			.ok_or(Error::<T>::InvalidKeyProof)?;
		ensure!(&signer == key, Error::<T>::InvalidKeyProof);
		Ok(())
	}

	/// Relayer `who` registers (or replaces) its EVM key; the signer set follows.
	pub fn do_register_evm_key(
		who: T::AccountId,
		key: EvmAddress,
		proof: EcdsaSignature,
	) -> DispatchResultWithPostInfo {
		Self::check_evm_key(&who, &key, &proof)?;
		// A replaced key keeps its owner: nobody else may take it up, and it can still sign the
		// rotation away from the set it belongs to.
		RelayerEvmKeys::<T>::insert(&who, key);
		EvmKeyOwner::<T>::insert(key, &who);
		Self::deposit_event(Event::EvmKeyRegistered { relayer: who, key });
		Self::refresh_signer_set()?;
		Ok(Self::feeless(T::WeightInfo::register_evm_key()))
	}

	/// Sets (or removes) the gateway.
	pub fn do_set_gateway(gateway: Option<GatewayInfo>) -> DispatchResult {
		if let Some(info) = &gateway {
			ensure!(Channels::<T>::contains_key(info.channel), Error::<T>::UnknownChannel);
			ensure!(!info.address.is_zero(), Error::<T>::InvalidGateway);
		}
		match &gateway {
			Some(info) => Gateway::<T>::put(info),
			None => Gateway::<T>::kill(),
		}
		Self::deposit_event(Event::GatewaySet { gateway });
		Ok(())
	}

	/// Numbers a new signer set when the current relayers' keys or the threshold changed and
	/// every relayer has a key. Keeps the last [`SIGNER_SET_HISTORY`] sets.
	pub(crate) fn refresh_signer_set() -> DispatchResult {
		let relayers = Relayers::<T>::get();
		let mut keys = Vec::with_capacity(relayers.len());
		for relayer in relayers.iter() {
			match RelayerEvmKeys::<T>::get(relayer) {
				Some(key) => keys.push(key),
				// The gateway keeps the set it has until every relayer can sign.
				None => return Ok(()),
			}
		}
		if keys.is_empty() {
			return Ok(());
		}
		keys.sort();
		keys.dedup();
		let signers: BoundedVec<EvmAddress, T::MaxRelayers> =
			keys.try_into().map_err(|_| Error::<T>::InvalidRelayers)?;
		let set = SignerSet { signers, threshold: Threshold::<T>::get() };
		let current = SignerEpoch::<T>::get();
		if SignerSets::<T>::get(current).as_ref() == Some(&set) {
			return Ok(());
		}
		let epoch = current.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		SignerEpoch::<T>::put(epoch);
		if let Some(old) = epoch.checked_sub(SIGNER_SET_HISTORY) {
			SignerSets::<T>::remove(old);
			SignerSetSignatures::<T>::remove(old);
		}
		Self::deposit_event(Event::SignerSetChanged {
			epoch,
			signers: set.signers.clone(),
			threshold: set.threshold,
		});
		SignerSets::<T>::insert(epoch, set);
		Ok(())
	}

	/// The gateway outbound message `nonce` is signed for: the one it is bound to once signed,
	/// the current one before.
	pub fn outbound_gateway(nonce: MessageNonce) -> Result<GatewayInfo, DispatchError> {
		match OutboundSignatures::<T>::get(nonce) {
			Some(stored) => Ok(stored.gateway),
			None => Gateway::<T>::get().ok_or_else(|| Error::<T>::NoGateway.into()),
		}
	}

	/// The EIP-712 digest of outbound message `nonce` for `gateway`.
	pub fn outbound_digest(
		nonce: MessageNonce,
		gateway: &GatewayInfo,
	) -> Result<[u8; 32], DispatchError> {
		let message = Outbound::<T>::get(nonce).ok_or_else(|| {
			if nonce < NextOutboundNonce::<T>::get() {
				Error::<T>::AlreadyProcessed
			} else {
				Error::<T>::UnknownMessage
			}
		})?;
		let hash = match message {
			OutboundMessage::Withdrawal { who, asset, amount, destination } => {
				let destination: [u8; 20] = destination
					.as_slice()
					.try_into()
					.map_err(|_| Error::<T>::InvalidDestination)?;
				let who = Self::account_word(&who)?;
				eip712::withdrawal(nonce, who, asset, amount, &EvmAddress::from(destination))
			},
			OutboundMessage::ToSleeve { asset, amount } => eip712::to_sleeve(nonce, asset, amount),
			OutboundMessage::Recall { asset, amount, .. } => eip712::recall(nonce, asset, amount),
		};
		Ok(eip712::digest(gateway, hash))
	}

	/// The EIP-712 digest of the gateway's rotation to signer set `epoch`, and the set before it
	/// whose keys sign it.
	fn rotation(epoch: u32) -> Result<([u8; 32], SignerSet<T::MaxRelayers>), DispatchError> {
		let gateway = Gateway::<T>::get().ok_or(Error::<T>::NoGateway)?;
		let set = SignerSets::<T>::get(epoch).ok_or(Error::<T>::UnknownSignerSet)?;
		let previous = epoch
			.checked_sub(1)
			.and_then(SignerSets::<T>::get)
			.ok_or(Error::<T>::UnknownSignerSet)?;
		let hash = eip712::relayer_set(epoch, &set.signers, set.threshold);
		Ok((eip712::digest(&gateway, hash), previous))
	}

	/// Checks `signature` for `subject` and returns its signer, changing nothing.
	pub fn check_signature(
		subject: &SignatureSubject,
		signature: &EcdsaSignature,
	) -> Result<EvmAddress, DispatchError> {
		match *subject {
			SignatureSubject::Outbound(nonce) => {
				// A halt stops money leaving: no new signatures for outbound messages. Rotations
				// go on, so a halted bridge can still move the gateway away from a bad key.
				Self::ensure_running()?;
				let gateway = Self::outbound_gateway(nonce)?;
				let digest = Self::outbound_digest(nonce, &gateway)?;
				let epoch = SignerEpoch::<T>::get();
				let set = SignerSets::<T>::get(epoch).ok_or(Error::<T>::NoSignerSet)?;
				let signer = recover_signer(signature, &digest).ok_or(Error::<T>::BadSignature)?;
				ensure!(set.signers.binary_search(&signer).is_ok(), Error::<T>::NotSigner);
				if let Some(stored) = OutboundSignatures::<T>::get(nonce) {
					ensure!(
						stored.epoch != epoch
							|| !stored.signatures.iter().any(|(key, _)| key == &signer),
						Error::<T>::AlreadySigned
					);
				}
				Ok(signer)
			},
			SignatureSubject::SignerSet(epoch) => {
				let (digest, previous) = Self::rotation(epoch)?;
				let signer = recover_signer(signature, &digest).ok_or(Error::<T>::BadSignature)?;
				ensure!(previous.signers.binary_search(&signer).is_ok(), Error::<T>::NotSigner);
				ensure!(
					!SignerSetSignatures::<T>::get(epoch).iter().any(|(key, _)| key == &signer),
					Error::<T>::AlreadySigned
				);
				Ok(signer)
			},
		}
	}

	/// Stores a valid `signature` for `subject`.
	pub fn do_submit_signature(
		subject: SignatureSubject,
		signature: EcdsaSignature,
	) -> DispatchResultWithPostInfo {
		let signer = Self::check_signature(&subject, &signature)?;
		match subject {
			SignatureSubject::Outbound(nonce) => {
				let epoch = SignerEpoch::<T>::get();
				let gateway = Self::outbound_gateway(nonce)?;
				OutboundSignatures::<T>::try_mutate(nonce, |stored| -> DispatchResult {
					let set = match stored {
						Some(set) if set.epoch == epoch => set,
						// Signatures of an older signer set: the gateway refuses them once it
						// rotated, so they make room. The message stays bound to its gateway.
						_ => stored.insert(SignatureSet {
							epoch,
							gateway,
							signatures: BoundedVec::new(),
						}),
					};
					set.signatures
						.try_push((signer, signature))
						.map_err(|_| Error::<T>::AlreadySigned)?;
					Ok(())
				})?;
			},
			SignatureSubject::SignerSet(epoch) => {
				SignerSetSignatures::<T>::try_mutate(epoch, |stored| {
					stored.try_push((signer, signature)).map_err(|_| Error::<T>::AlreadySigned)
				})?;
			},
		}
		Self::deposit_event(Event::SignatureSubmitted { subject, signer });
		let weight = match subject {
			SignatureSubject::Outbound(_) => T::WeightInfo::submit_signature(),
			SignatureSubject::SignerSet(_) => T::WeightInfo::submit_rotation_signature(),
		};
		Ok(Self::feeless(weight))
	}

	/// The `bytes32 who` of a withdrawal: the account's encoding (32 bytes for the runtime's
	/// `AccountId32`), left-aligned in the word.
	pub fn account_word(who: &T::AccountId) -> Result<[u8; 32], DispatchError> {
		let encoded = who.encode();
		let mut word = [0u8; 32];
		word.get_mut(..encoded.len())
			.ok_or(Error::<T>::InvalidDestination)?
			.copy_from_slice(&encoded);
		Ok(word)
	}

	/// Forgets the signatures of outbound message `nonce` (it is done).
	pub(crate) fn outbound_done(nonce: MessageNonce) {
		OutboundSignatures::<T>::remove(nonce);
	}
}

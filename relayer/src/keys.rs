//! Key duty: make sure the chain knows this relayer's EVM key.
//!
//! The chain adds a relayer's key to the gateway's signer set only once the relayer registered
//! it with a proof of possession: the key's signature (prehashed) over
//! `keccak256(b"usdai-relayer-evm-key" ‖ genesis_hash ‖ account_id)`, so nobody can register an
//! address whose key they do not hold. Checked every pass (three storage reads), so a relayer
//! that governance adds to the set later registers without a restart, and a changed key in the
//! configuration replaces the registered one.

use crate::api::ChainApi;
use crate::evm::{key_proof_hash, EvmKey};
use crate::metrics::Metrics;
use crate::types::TxOutcome;
use anyhow::Result;
use tracing::{error, info, warn};

/// Where this relayer's registration stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyStatus {
	/// The account is not in the relayer set: nothing to register (yet).
	NotRelayer,
	/// The chain has this key for this account.
	Registered,
	/// Another account registered this key: the operator must use another key.
	TakenByOther,
	/// A registration was sent; its outcome.
	Submitted(TxOutcome),
}

/// Registers the relayer's EVM key if the chain does not have it for this account.
pub async fn ensure_registered<C: ChainApi>(
	chain: &C,
	key: &EvmKey,
	metrics: &Metrics,
) -> Result<KeyStatus> {
	let address = key.address();
	let view = chain.key_view(address).await?;
	if !view.is_relayer {
		return Ok(KeyStatus::NotRelayer);
	}
	if view.registered == Some(address) {
		return Ok(KeyStatus::Registered);
	}
	if view.key_owner.is_some_and(|owner| owner != chain.account()) {
		error!(key = %address, "this EVM key is registered by another relayer account");
		metrics.error("key_taken");
		return Ok(KeyStatus::TakenByOther);
	}
	let proof = key.sign(&key_proof_hash(&chain.genesis_hash(), &chain.account()))?;
	let outcome = chain.register_evm_key(address, proof).await?;
	metrics.record("key", &outcome);
	match &outcome {
		TxOutcome::Included => {
			info!(key = %address, replaced = ?view.registered, "registered the EVM key");
		},
		TxOutcome::AlreadyDone => {},
		TxOutcome::Rejected(reason) => {
			warn!(key = %address, %reason, "the chain refused the EVM key registration");
		},
	}
	Ok(KeyStatus::Submitted(outcome))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::api::KeyView;
	use crate::testing::{block_on, FakeChain};
	use alloy::primitives::{Address, Signature};

	const KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

	fn chain(keys: KeyView) -> FakeChain {
		let chain = FakeChain { account: [3; 32], genesis: [9; 32], ..FakeChain::default() };
		chain.state.borrow_mut().keys = keys;
		chain
	}

	#[test]
	fn registers_with_a_proof_of_possession() {
		let key = EvmKey::from_hex(KEY).unwrap();
		let chain = chain(KeyView { is_relayer: true, registered: None, key_owner: None });
		let metrics = Metrics::new();
		let status = block_on(ensure_registered(&chain, &key, &metrics)).unwrap();
		assert_eq!(status, KeyStatus::Submitted(TxOutcome::Included));
		let (address, proof) = chain.state.borrow().registrations[0];
		assert_eq!(address, key.address());
		let signer = Signature::from_raw_array(&proof)
			.unwrap()
			.recover_address_from_prehash(&key_proof_hash(&[9; 32], &[3; 32]))
			.unwrap();
		assert_eq!(signer, key.address());
	}

	#[test]
	fn does_nothing_when_registered_or_not_a_relayer_and_replaces_an_old_key() {
		let key = EvmKey::from_hex(KEY).unwrap();
		let metrics = Metrics::new();
		let registered =
			chain(KeyView { is_relayer: true, registered: Some(key.address()), key_owner: None });
		assert_eq!(
			block_on(ensure_registered(&registered, &key, &metrics)).unwrap(),
			KeyStatus::Registered
		);
		let outsider = chain(KeyView::default());
		assert_eq!(
			block_on(ensure_registered(&outsider, &key, &metrics)).unwrap(),
			KeyStatus::NotRelayer
		);
		let old = chain(KeyView {
			is_relayer: true,
			registered: Some(Address::repeat_byte(1)),
			key_owner: None,
		});
		assert!(matches!(
			block_on(ensure_registered(&old, &key, &metrics)).unwrap(),
			KeyStatus::Submitted(_)
		));
	}

	#[test]
	fn refuses_a_key_another_account_registered() {
		let key = EvmKey::from_hex(KEY).unwrap();
		let taken = chain(KeyView { is_relayer: true, registered: None, key_owner: Some([4; 32]) });
		let metrics = Metrics::new();
		assert_eq!(
			block_on(ensure_registered(&taken, &key, &metrics)).unwrap(),
			KeyStatus::TakenByOther
		);
		assert!(taken.state.borrow().registrations.is_empty());
	}
}

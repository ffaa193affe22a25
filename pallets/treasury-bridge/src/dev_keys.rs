//! Deterministic secp256k1 keys and EIP-712 signing for tests, benchmarks and development tools:
//! what a relayer's EVM key does, without a keystore. Never for real keys: the secrets are public.

use crate::types::{EcdsaSignature, EvmAddress};
use k256::ecdsa::SigningKey;
use sp_io::hashing::keccak_256;

/// The secret of development key `index`: `keccak256("usdai-dev-evm-key" ‖ index)`.
pub fn secret(index: u32) -> [u8; 32] {
	let mut data = b"usdai-dev-evm-key".to_vec();
	data.extend_from_slice(&index.to_be_bytes());
	keccak_256(&data)
}

/// The signing key of `secret`, `None` for the (negligible) secrets that are not valid scalars.
fn signing_key(secret: &[u8; 32]) -> Option<SigningKey> {
	SigningKey::from_slice(secret).ok()
}

/// The EVM address of `secret`'s key.
pub fn address(secret: &[u8; 32]) -> EvmAddress {
	let Some(key) = signing_key(secret) else { return EvmAddress::zero() };
	let point = key.verifying_key().to_encoded_point(false);
	let hash = keccak_256(point.as_bytes().get(1..).unwrap_or_default());
	let mut out = [0u8; 20];
	out.copy_from_slice(hash.get(12..).unwrap_or(&[0u8; 20]));
	EvmAddress::from(out)
}

/// `secret`'s signature of `digest` as the gateway takes it: `r ‖ s ‖ v`, low `s`, `v` 27/28.
/// All zeros if signing fails.
pub fn sign(secret: &[u8; 32], digest: &[u8; 32]) -> EcdsaSignature {
	let mut out = [0u8; 65];
	let Some(key) = signing_key(secret) else { return out };
	let Ok((signature, recovery)) = key.sign_prehash_recoverable(digest) else { return out };
	let bytes = signature.to_bytes();
	if let Some(rs) = out.get_mut(..64) {
		rs.copy_from_slice(bytes.as_slice());
	}
	if let Some(v) = out.get_mut(64) {
		*v = recovery.to_byte().saturating_add(27);
	}
	out
}

//! BLS signatures of drand's `bls-unchained-g1-rfc9380` scheme: keys on G2, signatures on G1.

use crate::{Error, PUBLIC_KEY_LEN, SIGNATURE_LEN};
use ark_ec::{
	hashing::{curve_maps::wb::WBMap, map_to_curve_hasher::MapToCurveBasedHasher, HashToCurve},
	pairing::Pairing,
	AffineRepr, CurveGroup, PrimeGroup,
};
use ark_ff::{field_hashers::DefaultFieldHasher, PrimeField, Zero};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use core::ops::Neg;
use sha2::{Digest, Sha256};
use sp_crypto_ec_utils::bls12_381::{Bls12_381, G1Affine, G2Affine, G2Projective, ScalarField};

/// The domain separation tag of drand's RFC 9380 scheme (signatures on G1).
const DST_G1: &[u8] = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

/// A beacon's public key: a point of G2 of prime order, not the identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicKey(pub(crate) G2Affine);

/// A round's signature: a point of G1 of prime order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature(pub(crate) G1Affine);

/// A beacon's secret key: for the development beacon and tests only (drand's is shared among
/// its members and never whole).
#[derive(Clone, Copy)]
pub struct SecretKey(ScalarField);

impl SecretKey {
	/// The secret key whose 32 bytes, read big-endian, are `bytes` reduced modulo the group
	/// order.
	pub fn from_be_bytes(bytes: &[u8; 32]) -> Self {
		Self(ScalarField::from_be_bytes_mod_order(bytes))
	}
}

/// The message the beacon signs for `round`: `sha256(round as u64 big-endian)` (unchained).
pub fn round_message(round: u64) -> [u8; 32] {
	Sha256::digest(round.to_be_bytes()).into()
}

/// Decodes a compressed public key, checking that it is a point of G2 of prime order and not
/// the identity (with the identity, every signature would verify).
///
/// The check runs on arkworks' own curve, with no host call, so that a chain's genesis (built
/// by tools that may not provide the BLS12-381 host functions) can check its beacon's key.
pub fn decode_public_key(bytes: &[u8; PUBLIC_KEY_LEN]) -> Result<PublicKey, Error> {
	let key = ark_bls12_381::G2Affine::deserialize_compressed(&bytes[..])
		.map_err(|_| Error::BadPublicKey)?;
	let (x, y) = key.xy().ok_or(Error::BadPublicKey)?;
	Ok(PublicKey(G2Affine::new_unchecked(x, y)))
}

/// Decodes a compressed public key that [`decode_public_key`] has already accepted (the
/// chain's, checked at genesis): only decompressed, without the subgroup check.
pub fn decode_trusted_public_key(bytes: &[u8; PUBLIC_KEY_LEN]) -> Result<PublicKey, Error> {
	let key =
		G2Affine::deserialize_compressed_unchecked(&bytes[..]).map_err(|_| Error::BadPublicKey)?;
	if key.is_zero() {
		return Err(Error::BadPublicKey);
	}
	Ok(PublicKey(key))
}

/// Decodes a compressed signature, checking that it is a point of G1 of prime order and not
/// the identity (which arkworks also reads from some non-canonical bytes, and which is no
/// beacon's signature of anything).
pub fn decode_signature(bytes: &[u8; SIGNATURE_LEN]) -> Result<Signature, Error> {
	let signature =
		G1Affine::deserialize_compressed(&bytes[..]).map_err(|_| Error::BadSignature)?;
	if signature.is_zero() {
		return Err(Error::BadSignature);
	}
	Ok(Signature(signature))
}

impl Signature {
	/// The signature's compressed bytes, as drand publishes them.
	pub fn to_bytes(&self) -> [u8; SIGNATURE_LEN] {
		let mut out = [0u8; SIGNATURE_LEN];
		// A G1 point always compresses to exactly 48 bytes, so writing into the array cannot
		// fail; were it ever to, the zero bytes would not decode.
		let _ = self.0.serialize_compressed(&mut out[..]);
		out
	}

	/// drand's "randomness" of the round: `sha256(signature)`.
	pub fn randomness(&self) -> [u8; 32] {
		Sha256::digest(self.to_bytes()).into()
	}
}

impl PublicKey {
	/// The key's compressed bytes.
	pub fn to_bytes(&self) -> [u8; PUBLIC_KEY_LEN] {
		let mut out = [0u8; PUBLIC_KEY_LEN];
		// As for a signature: a G2 point always compresses to exactly 96 bytes.
		let _ = self.0.serialize_compressed(&mut out[..]);
		out
	}
}

/// Hashes `message` to G1 (RFC 9380, `expand_message_xmd` with SHA-256, the simplified SWU
/// map through the 11-isogeny). The hooked curve type has no map-to-curve, so this runs on
/// arkworks' own BLS12-381 (the same field types) and copies the coordinates across.
pub(crate) fn hash_to_g1(message: &[u8]) -> Result<G1Affine, Error> {
	let hasher = MapToCurveBasedHasher::<
		ark_bls12_381::G1Projective,
		DefaultFieldHasher<Sha256, 128>,
		WBMap<ark_bls12_381::g1::Config>,
	>::new(DST_G1)
	.map_err(|_| Error::HashToCurve)?;
	let point = hasher.hash(message).map_err(|_| Error::HashToCurve)?;
	// The hash of a message is never the identity except with negligible probability; an
	// identity would have no coordinates, and is refused rather than mapped.
	let (x, y) = point.xy().ok_or(Error::HashToCurve)?;
	Ok(G1Affine::new_unchecked(x, y))
}

/// Checks that `signature` is the beacon's signature of `round`:
/// `e(signature, g2) = e(H(round), public_key)`, as one product of two Miller loops and one
/// final exponentiation (`e(-signature, g2) · e(H(round), public_key) = 1`).
pub fn verify(public_key: &PublicKey, round: u64, signature: &Signature) -> Result<(), Error> {
	let hashed = hash_to_g1(&round_message(round))?;
	let product = Bls12_381::multi_pairing(
		[signature.0.neg(), hashed],
		[G2Affine::generator(), public_key.0],
	);
	if product.is_zero() {
		Ok(())
	} else {
		Err(Error::InvalidSignature)
	}
}

/// The public key of `secret`: `secret · g2`.
pub fn public_key_of(secret: &SecretKey) -> PublicKey {
	PublicKey(G2Projective::generator().mul_bigint(secret.0.into_bigint()).into_affine())
}

/// Signs `round` as the beacon does: `secret · H(round)`.
pub fn sign(secret: &SecretKey, round: u64) -> Result<Signature, Error> {
	let hashed = hash_to_g1(&round_message(round))?;
	Ok(Signature(hashed.mul_bigint(secret.0.into_bigint()).into_affine()))
}

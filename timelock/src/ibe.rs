//! tlock's identity-based encryption (`EncryptCCAonG2` / `DecryptCCAonG2` of drand's kyber and
//! tlock-js) and age's payload encryption, on the compact ciphertext of the crate's docs.

use crate::{
	bls::{hash_to_g1, round_message, PublicKey, Signature},
	Error,
};
use alloc::vec::Vec;
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup, PrimeGroup};
use ark_ff::{BigInt, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use chacha20poly1305::{aead::Aead, ChaCha20Poly1305, KeyInit};
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use sp_crypto_ec_utils::bls12_381::{Bls12_381, G2Affine, G2Projective, ScalarField};

/// Length of `U` (a compressed point of G2).
const U_LEN: usize = 96;
/// Length of `V`, `W` and the age file key they carry.
const KEY_LEN: usize = 16;
/// Length of age's payload nonce.
const NONCE_LEN: usize = 16;
/// Length of the ChaCha20-Poly1305 tag.
const TAG_LEN: usize = 16;
/// age's payload is cut in chunks of 64 KiB; the chain takes one chunk, far more than a bid.
const MAX_PLAINTEXT_LEN: usize = 64 * 1024;

/// Bytes a compact ciphertext adds to its plaintext: `U`, `V`, `W`, the nonce and the tag.
pub const ENVELOPE_LEN: usize = U_LEN + KEY_LEN + KEY_LEN + NONCE_LEN + TAG_LEN;

/// Serialises a pairing result as kyber and tlock-js do (the `c1` halves first, each
/// coordinate big-endian): exactly arkworks' compressed encoding of `Fq12`, byte-reversed.
fn gt_bytes(gt: &<Bls12_381 as Pairing>::TargetField) -> Vec<u8> {
	let mut out = Vec::with_capacity(576);
	// Writing a field element into a vector cannot fail.
	let _ = gt.serialize_compressed(&mut out);
	out.reverse();
	out
}

/// `H(tag ‖ parts…)`, SHA-256.
fn sha256(tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
	let mut hasher = Sha256::new();
	hasher.update(tag);
	for part in parts {
		hasher.update(part);
	}
	hasher.finalize().into()
}

/// `a ⊕ b` over 16 bytes (`b` is at least as long).
fn xor16(a: &[u8; KEY_LEN], b: &[u8]) -> [u8; KEY_LEN] {
	let mut out = *a;
	out.iter_mut().zip(b).for_each(|(x, y)| *x ^= y);
	out
}

/// `H3(sigma, msg)`: a scalar below the group order, by rejection sampling exactly as kyber
/// and tlock-js draw it: `h = sha256("IBE-H3" ‖ sigma ‖ msg)`, then for `i = 1, 2, …` the
/// first `sha256(i as u16 little-endian ‖ h)`, top bit cleared, read big-endian, that is below
/// the order. (Reducing modulo the order instead would give another scalar for about one
/// ciphertext in ten.)
fn h3(sigma: &[u8; KEY_LEN], msg: &[u8; KEY_LEN]) -> Result<ScalarField, Error> {
	let h = sha256(b"IBE-H3", &[sigma, msg]);
	for i in 1..=u16::MAX {
		let mut candidate = sha256(&i.to_le_bytes(), &[&h]);
		if let Some(first) = candidate.first_mut() {
			*first >>= 1;
		}
		// Big-endian bytes to little-endian 64-bit limbs.
		let mut limbs = [0u64; 4];
		for (limb, chunk) in limbs.iter_mut().rev().zip(candidate.chunks_exact(8)) {
			let mut word = [0u8; 8];
			word.copy_from_slice(chunk);
			*limb = u64::from_be_bytes(word);
		}
		if let Some(scalar) = ScalarField::from_bigint(BigInt::new(limbs)) {
			return Ok(scalar);
		}
	}
	// About half of the candidates are below the order: 65,535 failures do not happen.
	Err(Error::WrongRound)
}

/// age's payload key: `HKDF-SHA256(ikm = file key, salt = nonce, info = "payload")`.
fn payload_cipher(file_key: &[u8; KEY_LEN], nonce: &[u8]) -> Result<ChaCha20Poly1305, Error> {
	let mut key = [0u8; 32];
	Hkdf::<Sha256>::new(Some(nonce), file_key)
		.expand(b"payload", &mut key)
		.map_err(|_| Error::Payload)?;
	Ok(ChaCha20Poly1305::new(&key.into()))
}

/// age's STREAM nonce of the first chunk when it is also the last: an 11-byte counter of zero
/// and the last-chunk flag.
const LAST_CHUNK_NONCE: [u8; 12] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

/// Decodes `U`, a compressed point of G2, checked to be in the prime-order subgroup and not the
/// identity. The check is not optional: a point of small order on the twist (13 divides its
/// cofactor) sends the Miller loop to the point at infinity, whose pairing the host cannot
/// finish, and the host function then aborts the runtime. It runs on arkworks' own curve, in
/// wasm, with no host call (the endomorphism test: a 64-bit multiplication and a Frobenius).
fn decode_u(bytes: &[u8]) -> Result<G2Affine, Error> {
	let u = ark_bls12_381::G2Affine::deserialize_compressed(bytes).map_err(|_| Error::Malformed)?;
	let (x, y) = u.xy().ok_or(Error::Malformed)?;
	Ok(G2Affine::new_unchecked(x, y))
}

/// Checks what can be checked of a ciphertext without the round's signature: its length and
/// that its `U` is a point of G2's prime-order subgroup (not the identity). A ciphertext that
/// passes may still open to nothing; one that fails never opens.
pub fn check_envelope(ciphertext: &[u8]) -> Result<(), Error> {
	if ciphertext.len() < ENVELOPE_LEN
		|| ciphertext.len() > ENVELOPE_LEN.saturating_add(MAX_PLAINTEXT_LEN)
	{
		return Err(Error::Malformed);
	}
	let u_bytes = ciphertext.get(..U_LEN).ok_or(Error::Malformed)?;
	decode_u(u_bytes).map(|_| ())
}

/// Opens a compact ciphertext with the signature of the round it was encrypted to.
///
/// Fails with [`Error::Malformed`] if it is shorter than [`ENVELOPE_LEN`] or its `U` is not a
/// point of G2's prime-order subgroup, [`Error::WrongRound`] if it was not encrypted to this signature's round (or was
/// altered), and [`Error::Payload`] if the payload does not authenticate. The signature must
/// have been verified against the beacon's key: this only opens, it does not check the pulse.
///
/// Cost: one pairing and one scalar multiplication on G2 (host calls), one decompression of a
/// G2 point, and hashing and ChaCha20 over the plaintext (in wasm).
pub fn decrypt(signature: &Signature, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
	let (u_bytes, rest) = ciphertext.split_at_checked(U_LEN).ok_or(Error::Malformed)?;
	let (v, rest) = rest.split_first_chunk::<KEY_LEN>().ok_or(Error::Malformed)?;
	let (w, payload) = rest.split_first_chunk::<KEY_LEN>().ok_or(Error::Malformed)?;
	let (nonce, sealed) = payload.split_first_chunk::<NONCE_LEN>().ok_or(Error::Malformed)?;
	if sealed.len() < TAG_LEN || sealed.len() > MAX_PLAINTEXT_LEN.saturating_add(TAG_LEN) {
		return Err(Error::Malformed);
	}
	let u = decode_u(u_bytes)?;

	let gid = Bls12_381::pairing(signature.0, u);
	let sigma = xor16(v, &sha256(b"IBE-H2", &[&gt_bytes(&gid.0)]));
	let file_key = xor16(w, &sha256(b"IBE-H4", &[&sigma]));
	let r = h3(&sigma, &file_key)?;
	if G2Projective::generator().mul_bigint(r.into_bigint()).into_affine() != u {
		return Err(Error::WrongRound);
	}

	payload_cipher(&file_key, nonce)?
		.decrypt(&LAST_CHUNK_NONCE.into(), sealed)
		.map_err(|_| Error::Payload)
}

/// Encrypts `plaintext` to `round` of the beacon with `public_key`, into the compact form.
///
/// Deterministic: `sigma`, `file_key` and `nonce` must be fresh uniform random bytes for each
/// ciphertext (a client draws them from the operating system); reusing them reveals the
/// plaintext. Fails with [`Error::Malformed`] above 64 KiB of plaintext.
pub fn encrypt(
	public_key: &PublicKey,
	round: u64,
	plaintext: &[u8],
	sigma: [u8; KEY_LEN],
	file_key: [u8; KEY_LEN],
	nonce: [u8; NONCE_LEN],
) -> Result<Vec<u8>, Error> {
	if plaintext.len() > MAX_PLAINTEXT_LEN {
		return Err(Error::Malformed);
	}
	let qid = hash_to_g1(&round_message(round))?;
	let r = h3(&sigma, &file_key)?;
	let u = G2Projective::generator().mul_bigint(r.into_bigint()).into_affine();
	// e(Qid, pk)^r, computed as e(r·Qid, pk).
	let gid_r = Bls12_381::pairing(qid.mul_bigint(r.into_bigint()).into_affine(), public_key.0);
	let v = xor16(&sigma, &sha256(b"IBE-H2", &[&gt_bytes(&gid_r.0)]));
	let w = xor16(&file_key, &sha256(b"IBE-H4", &[&sigma]));
	let sealed = payload_cipher(&file_key, &nonce)?
		.encrypt(&LAST_CHUNK_NONCE.into(), plaintext)
		.map_err(|_| Error::Payload)?;

	let mut out = Vec::with_capacity(ENVELOPE_LEN.saturating_add(plaintext.len()));
	u.serialize_compressed(&mut out).map_err(|_| Error::Malformed)?;
	out.extend_from_slice(&v);
	out.extend_from_slice(&w);
	out.extend_from_slice(&nonce);
	out.extend_from_slice(&sealed);
	Ok(out)
}

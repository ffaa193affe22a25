//! Checks against drand's public quicknet chain (real pulses and a ciphertext from drand's own
//! tlock test suite), and the properties the chain relies on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use usdai_timelock::{
	check_envelope, decode_public_key, decode_signature, decrypt, dev, encrypt, public_key_of,
	quicknet, sign, verify, Error, SecretKey, ENVELOPE_LEN,
};

fn bytes<const N: usize>(s: &str) -> [u8; N] {
	hex::decode(s).unwrap().try_into().unwrap()
}

fn quicknet_key() -> usdai_timelock::PublicKey {
	decode_public_key(&quicknet::PUBLIC_KEY).unwrap()
}

/// Round 1000 of quicknet, as drand serves it (and pallet-drand's tests use it).
const ROUND_1000_SIG: &str = "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39";
/// Round 12040883 of quicknet, the round of drand/tlock's `TestDecryptText`.
const ROUND_12040883_SIG: &str = "929906c959032ab363c9f26570d215d66f5c06cb0c44fe508c12bb5839f04ec895bb6868e5b9ff13ab289bdb5266b394";
/// drand/tlock's `TestDecryptText` ciphertext (to round 12040883, "hello world"): its tlock
/// stanza body and age payload, cut from the armored file.
const HELLO_BODY: &str = "91173e30c1c4d0a33da14b4970a31f1684445b45bb44f9b79b0ea2501ba971654575dd8fa17cd2064fa74b7300ea927b19df700c77d435a35658c97aa5e6e46daf4431d6c26699c04a6f5a1e8c6347ea616943a584a662762c9da4a23e38a72d96839f388a0986482ee5216b4fc7940364fc8bb8b4a413ec2fd4980537413e8a";
const HELLO_PAYLOAD: &str =
	"0c8e1c0e53c73e08f2527066b6cc3a5362e52a1f220dfd04d4f7f00de9e62857d06801a6d162f1765ccff1";

fn hello_ciphertext() -> Vec<u8> {
	[hex::decode(HELLO_BODY).unwrap(), hex::decode(HELLO_PAYLOAD).unwrap()].concat()
}

#[test]
fn quicknet_pulses_verify_and_give_drands_randomness() {
	let key = quicknet_key();
	assert_eq!(key.to_bytes(), quicknet::PUBLIC_KEY);
	let sig = decode_signature(&bytes(ROUND_1000_SIG)).unwrap();
	assert_eq!(verify(&key, 1000, &sig), Ok(()));
	assert_eq!(
		sig.randomness(),
		bytes::<32>("fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd")
	);
	let sig = decode_signature(&bytes(ROUND_12040883_SIG)).unwrap();
	assert_eq!(verify(&key, 12_040_883, &sig), Ok(()));
	assert_eq!(sig.to_bytes(), bytes::<48>(ROUND_12040883_SIG));
}

#[test]
fn a_pulse_for_another_round_or_a_bad_signature_is_refused() {
	let key = quicknet_key();
	let sig = decode_signature(&bytes(ROUND_1000_SIG)).unwrap();
	assert_eq!(verify(&key, 1001, &sig), Err(Error::InvalidSignature));
	assert_eq!(verify(&key, 999, &sig), Err(Error::InvalidSignature));
	// pallet-drand's "bad signature" vector is not even a point of G1.
	assert_eq!(
		decode_signature(&bytes("b0a8b04e009cf72534321aca0f50048da596a3feec1172a0244d9a4a623a3123d0402da79854d4c705e94bc73224c341")),
		Err(Error::BadSignature)
	);
	// A real signature of another round is a point of G1, but not round 1000's signature.
	let other = decode_signature(&bytes(ROUND_12040883_SIG)).unwrap();
	assert_eq!(verify(&key, 1000, &other), Err(Error::InvalidSignature));
	// Flipping a bit of the x coordinate gives no point, or a point that does not verify.
	let mut flipped = bytes::<48>(ROUND_1000_SIG);
	flipped[47] ^= 1;
	match decode_signature(&flipped) {
		Err(e) => assert_eq!(e, Error::BadSignature),
		Ok(sig) => assert_eq!(verify(&key, 1000, &sig), Err(Error::InvalidSignature)),
	}
	// Not a compressed point at all, or the identity (also from non-canonical bytes).
	assert_eq!(decode_signature(&[0xff; 48]), Err(Error::BadSignature));
	let mut identity = [0u8; 48];
	identity[0] = 0xc0;
	assert_eq!(decode_signature(&identity), Err(Error::BadSignature));
}

#[test]
fn the_same_scheme_on_another_network_verifies_with_its_key() {
	// drand_core's `unchained_beacon_on_g1_rfc` test network (same scheme, other key).
	let key = decode_public_key(&bytes("a1ee12542360bf75742bcade13d6134e7d5283d9eb782887c47d3d9725f05805d37b0106b7f744395bf82c175dd7434a169e998f188a657a030d588892c0cd2c01f996aaf331c4d8bc5b9734bbe261d09e7d2d39ef88b635077f262bd7bbb30f")).unwrap();
	let sig = decode_signature(&bytes("b98dae74f6a9d2ec79d75ba273dcfda86a45d589412860eb4c0fd056b00654dbf667c1b6884987c9aee0d43f8ba9db52")).unwrap();
	assert_eq!(verify(&key, 3, &sig), Ok(()));
	assert_eq!(
		sig.randomness(),
		bytes::<32>("9e9829dfb34bd8db3e21c28e13aefecd86e007ebd19d6bb8a5cee99c0a34798f")
	);
	assert_eq!(verify(&quicknet_key(), 3, &sig), Err(Error::InvalidSignature));
}

#[test]
fn drands_own_tlock_ciphertext_opens_with_its_rounds_signature() {
	let sig = decode_signature(&bytes(ROUND_12040883_SIG)).unwrap();
	assert_eq!(decrypt(&sig, &hello_ciphertext()).unwrap(), b"hello world");
	// Another round's signature does not open it.
	let other = decode_signature(&bytes(ROUND_1000_SIG)).unwrap();
	assert_eq!(decrypt(&other, &hello_ciphertext()), Err(Error::WrongRound));
}

#[test]
fn every_altered_byte_of_a_ciphertext_is_refused() {
	let sig = decode_signature(&bytes(ROUND_12040883_SIG)).unwrap();
	let good = hello_ciphertext();
	for i in 0..good.len() {
		let mut altered = good.clone();
		altered[i] ^= 0x01;
		let result = decrypt(&sig, &altered);
		let expected: &[Error] = match i {
			0..=95 => &[Error::Malformed, Error::WrongRound],
			96..=127 => &[Error::WrongRound],
			_ => &[Error::Payload],
		};
		assert!(result.as_ref().is_err_and(|e| expected.contains(e)), "byte {i}: {result:?}");
	}
	for len in 0..good.len() {
		let result = decrypt(&sig, &good[..len]);
		assert!(result.is_err(), "cut at {len}: {result:?}");
	}
	assert_eq!(decrypt(&sig, &good[..ENVELOPE_LEN - 1]), Err(Error::Malformed));
	assert_eq!(decrypt(&sig, &[0u8; 200]), Err(Error::Malformed));
}

fn dev_key() -> SecretKey {
	SecretKey::from_be_bytes(&[7u8; 32])
}

#[test]
fn a_ciphertext_opens_only_with_its_rounds_pulse() {
	let secret = dev_key();
	let key = public_key_of(&secret);
	let ct = encrypt(&key, 42, b"bid: 25 bps", [1; 16], [2; 16], [3; 16]).unwrap();
	assert_eq!(ct.len(), ENVELOPE_LEN + 11);
	let sig = sign(&secret, 42).unwrap();
	assert_eq!(verify(&key, 42, &sig), Ok(()));
	assert_eq!(decrypt(&sig, &ct).unwrap(), b"bid: 25 bps");
	// The next round's pulse, or another beacon's signature of the same round, does not open it.
	assert_eq!(decrypt(&sign(&secret, 43).unwrap(), &ct), Err(Error::WrongRound));
	let other = SecretKey::from_be_bytes(&[8u8; 32]);
	assert_eq!(decrypt(&sign(&other, 42).unwrap(), &ct), Err(Error::WrongRound));
	assert_eq!(verify(&key, 42, &sign(&other, 42).unwrap()), Err(Error::InvalidSignature));
	// Other randomness, another ciphertext of the same plaintext: nothing repeats.
	let again = encrypt(&key, 42, b"bid: 25 bps", [4; 16], [5; 16], [6; 16]).unwrap();
	assert_ne!(again, ct);
	assert_eq!(decrypt(&sig, &again).unwrap(), b"bid: 25 bps");
	// An empty plaintext works too (the envelope alone).
	let empty = encrypt(&key, 42, b"", [1; 16], [2; 16], [3; 16]).unwrap();
	assert_eq!(decrypt(&sig, &empty).unwrap(), b"");
}

#[test]
fn the_identity_is_no_key() {
	let mut identity = [0u8; 96];
	identity[0] = 0xc0; // compressed, infinity
	assert_eq!(decode_public_key(&identity), Err(Error::BadPublicKey));
	assert_eq!(decode_public_key(&[0u8; 96]), Err(Error::BadPublicKey));
}

#[test]
fn the_development_beacons_key_is_its_secrets() {
	let secret = SecretKey::from_be_bytes(&dev::SECRET_KEY);
	assert_eq!(public_key_of(&secret).to_bytes(), dev::PUBLIC_KEY);
	assert!(decode_public_key(&dev::PUBLIC_KEY).is_ok());
	// A signature the local beacon (JavaScript, @noble/curves) made for round 5: both sides
	// hash to the curve alike.
	let sig = decode_signature(&bytes("940f632eb451ca2c6c08fcd2348e23008b52a2a2cc056a570206741dfe197d9372f122f04f38262466f41b3af4a75014")).unwrap();
	assert_eq!(sign(&secret, 5).unwrap(), sig);
	assert_eq!(verify(&public_key_of(&secret), 5, &sig), Ok(()));
}

#[test]
fn a_ciphertext_sealed_by_tlock_js_opens_on_chain() {
	// Written by `sealToRound(DEV_BEACON.publicKey, 5, "sealed bid: 25 bps")` in
	// tests/e2e/lib/timelock.js (tlock-js 0.9.0's timelockEncrypt, cut to the compact form).
	let ct = hex::decode("ae3586108a7c9c86c827507748bbd9bd2b7c05babd2cb9dd5241ada62c228dfa110b89999f53964c459631f246b347bb0164342238f920662a2b820a959d3f11e0bd10718e6507bd31322b56610864f66fae6d745b20069c807f1e201508d9a2fdb29e2b9324b9d6a31ba6e95d0676812382c239343695d8f21d4b742237968a84b3c0d072dc594f010d8ba3cf344555505a2a119c8eabbe091527e8d5a2345bb2c401de98410fe0f00868525bbf27f2fdf2").unwrap();
	let secret = SecretKey::from_be_bytes(&dev::SECRET_KEY);
	assert_eq!(decrypt(&sign(&secret, 5).unwrap(), &ct).unwrap(), b"sealed bid: 25 bps");
	assert_eq!(decrypt(&sign(&secret, 4).unwrap(), &ct), Err(Error::WrongRound));
}

/// `h₂ · r / 13²`, little-endian limbs: multiplying a point of the twist by it leaves a point
/// of order dividing 13 (13² divides G2's cofactor `h₂`, and the twist's 13-part has exponent
/// 13), the identity for some.
const TO_ORDER_13: [u64; 12] = [
	0x29f4e3380941cfdd,
	0xa706298882819145,
	0xb3ca5c33c3fd8ff8,
	0x96568f2d18c750b4,
	0xd6461e907737d78e,
	0xcfdac10ff1fc5b48,
	0x3677f5d45f7cedb8,
	0xb33907d71557a7d3,
	0x56f3b9bdc84396ca,
	0x28ba1c1fa6b67083,
	0xa7136c440a0c65b7,
	0x4005449cda731,
];

/// Points of the twist outside G2's prime-order subgroup, compressed: the first few found from
/// small `x`, and one of order 13 made from the first.
fn points_outside_the_subgroup() -> Vec<Vec<u8>> {
	use ark_ec::{AffineRepr, CurveGroup};
	use ark_serialize::CanonicalSerialize;
	let mut out = Vec::new();
	let mut order_13 = None;
	for i in 1u64..2_000 {
		let x = ark_bls12_381::Fq2::new(i.into(), 1u64.into());
		let Some(p) = ark_bls12_381::G2Affine::get_point_from_x_unchecked(x, true) else {
			continue;
		};
		if p.is_in_correct_subgroup_assuming_on_curve() {
			continue;
		}
		if order_13.is_none() {
			let q = p.mul_bigint(TO_ORDER_13).into_affine();
			if !q.is_zero() {
				assert!(q.mul_bigint([13u64]).into_affine().is_zero(), "of order 13");
				order_13 = Some(q);
			}
		}
		if out.len() < 3 {
			let mut bytes = Vec::new();
			p.serialize_compressed(&mut bytes).unwrap();
			out.push(bytes);
		}
		if out.len() == 3 && order_13.is_some() {
			break;
		}
	}
	let mut bytes = Vec::new();
	order_13.expect("an order-13 point").serialize_compressed(&mut bytes).unwrap();
	out.push(bytes);
	out
}

#[test]
fn a_u_outside_the_subgroup_is_refused_not_paired() {
	// With a `U` of order 13 the pairing's Miller loop degenerates and the host function would
	// abort the block; such a `U` must be refused before any pairing.
	let sig = decode_signature(&bytes(ROUND_12040883_SIG)).unwrap();
	let body = hello_ciphertext();
	for u in points_outside_the_subgroup() {
		let mut ct = u.clone();
		ct.extend_from_slice(&body[96..]);
		assert_eq!(check_envelope(&ct), Err(Error::Malformed));
		assert_eq!(decrypt(&sig, &ct), Err(Error::Malformed));
	}
	assert_eq!(check_envelope(&body), Ok(()));
	assert_eq!(check_envelope(&body[..ENVELOPE_LEN - 1]), Err(Error::Malformed));
}

//! Timelock encryption to a drand round, and verification of drand's pulses.
//!
//! drand's quicknet network publishes, every 3 seconds, a BLS signature of the round number
//! (`bls-unchained-g1-rfc9380`: signatures on G1, the public key on G2, the message
//! `sha256(round as u64 big-endian)` hashed to G1 by RFC 9380). A signature nobody can compute
//! before the network publishes it is also the private key of identity-based encryption (IBE,
//! Boneh–Franklin with the Fujisaki–Okamoto transform) to the identity "round `r`": anyone can
//! encrypt to a future round with the public key alone, and nobody, the bidder included, can
//! decrypt before the round's pulse exists. This is drand's `tlock` scheme, which the `tlock`
//! Go library and `tlock-js` implement.
//!
//! This crate is the runtime's side of it and a client's:
//! - [`verify`]: checks a pulse against the beacon's public key (two pairings, one call);
//! - [`decrypt`]: opens a [compact ciphertext](#the-compact-ciphertext) with a round's signature;
//! - [`encrypt`] (deterministic: the caller gives the randomness) and [`sign`], for tests, the
//!   command-line client and the development beacon.
//!
//! It builds without `std` for the runtime. The pairings and scalar multiplications go through
//! the Polkadot SDK's BLS12-381 host functions (`sp-crypto-ec-utils`), which the node must
//! register; hashing to the curve and point decompression run in wasm (there is no host
//! function for them).
//!
//! # The compact ciphertext
//!
//! tlock wraps its IBE ciphertext in an age file: a text header with a `tlock` stanza whose body
//! is `U ‖ V ‖ W` (`U` on G2, compressed, 96 bytes; `V` and `W` 16 bytes each), a MAC of the
//! header, then the payload: a 16-byte nonce and the plaintext under ChaCha20-Poly1305 (age's
//! STREAM, one chunk). The chain accepts those bytes without the text:
//!
//! ```text
//! U (96) ‖ V (16) ‖ W (16) ‖ nonce (16) ‖ ChaCha20-Poly1305(plaintext) ‖ tag (16)
//! ```
//!
//! 160 bytes plus the plaintext, cut verbatim from what `tlock-js`'s `timelockEncrypt` (or Go's
//! `tle`) writes: the client drops the header's text and its MAC. Nothing is lost by dropping
//! them: the Fujisaki–Okamoto check (`r·G2 = U`) authenticates the file key for this round's
//! signature, and the AEAD authenticates the payload under that key.

#![cfg_attr(not(feature = "std"), no_std)]
// Unit tests may unwrap and do plain arithmetic; the crate's own code may not.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing
	)
)]

extern crate alloc;

mod bls;
mod ibe;

pub use bls::{
	decode_public_key, decode_signature, decode_trusted_public_key, public_key_of, round_message,
	sign, verify, PublicKey, SecretKey, Signature,
};
pub use ibe::{check_envelope, decrypt, encrypt, ENVELOPE_LEN};

/// Length of a compressed signature (a point of G1).
pub const SIGNATURE_LEN: usize = 48;
/// Length of a compressed public key (a point of G2).
pub const PUBLIC_KEY_LEN: usize = 96;

/// drand's quicknet network: what a chain following the real beacon is configured with.
pub mod quicknet {
	/// The network's public key (G2, compressed), as drand publishes it in `/info`.
	pub const PUBLIC_KEY: [u8; super::PUBLIC_KEY_LEN] = hex_literal(
		b"83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
	);
	/// The chain hash that names the network in tlock's stanza and drand's HTTP paths.
	pub const CHAIN_HASH: [u8; 32] =
		hex_literal(b"52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971");
	/// Unix time, in seconds, of round 1.
	pub const GENESIS_TIME: u64 = 1_692_803_367;
	/// Seconds between rounds.
	pub const PERIOD: u64 = 3;

	/// Decodes a hex string of exactly `N` bytes at compile time (a bad literal fails the build).
	// Evaluated only in constants: an out-of-range index or overflow is a build error.
	#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
	pub(crate) const fn hex_literal<const N: usize>(hex: &[u8]) -> [u8; N] {
		assert!(hex.len() == 2 * N, "wrong length");
		let mut out = [0u8; N];
		let mut i = 0;
		while i < N {
			out[i] = (nibble(hex[2 * i]) << 4) | nibble(hex[2 * i + 1]);
			i += 1;
		}
		out
	}

	#[allow(clippy::arithmetic_side_effects)]
	const fn nibble(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("not a lowercase hex digit"),
		}
	}
}

/// The development beacon: a key whose secret is public, for development chains and tests
/// (`dev`, `dev-fast`, `local` and the network tests), where the local beacon
/// (`tests/e2e/lib/timelock.js`) signs rounds on quicknet's schedule in drand's place. Anyone
/// can sign any round with it, the future ones included: a chain that follows it seals
/// nothing. Never for value.
pub mod dev {
	/// The secret key, 32 bytes big-endian, below the group order: SHA-256 of
	/// `usdai-chain development beacon: public, never for value`, reduced modulo the order.
	pub const SECRET_KEY: [u8; 32] = super::quicknet::hex_literal(
		b"41ca06c8e7e5bab58c6a9588f4013220706691baae86ae557a296b723959907d",
	);
	/// Its public key (G2, compressed).
	pub const PUBLIC_KEY: [u8; super::PUBLIC_KEY_LEN] = super::quicknet::hex_literal(
		b"999345230d193cef01bbe4ef72ef315d91a31a81be13a3c60a7b4e72862a664b7a976155993b640b16208fe6e7fa7ad1013ad5ecfdc733017201fcfa4fadea28de18a0710165f73163ed93e5a971c0da2dc1cdddab21d1a5ecc9ce817838fec1",
	);
}

/// Why a key, a pulse or a ciphertext was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
	/// The public key is not a point of G2 of the right order (or is the identity).
	BadPublicKey,
	/// The signature is not a point of G1 of the right order.
	BadSignature,
	/// The signature is a point of G1, but not the beacon's signature of the round.
	InvalidSignature,
	/// Hashing the round to the curve failed (does not happen for SHA-256 and BLS12-381).
	HashToCurve,
	/// The ciphertext is too short, or its `U` is not a point on the curve.
	Malformed,
	/// The ciphertext was not encrypted to this round, or was tampered with: the
	/// Fujisaki–Okamoto check (`r·G2 = U`) failed.
	WrongRound,
	/// The payload does not authenticate under the file key (tampered with, or cut).
	Payload,
}

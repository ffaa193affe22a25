//! Where the fuzzer's choices come from: a seeded ChaCha stream (the default, so that a seed
//! names a case), or a byte string read through `arbitrary` (so that a coverage-guided fuzzer,
//! which mutates bytes, can drive the same generator later).

use arbitrary::{Arbitrary, Unstructured};
use rand_chacha::{
	rand_core::{RngCore, SeedableRng},
	ChaCha8Rng,
};

/// A source of choices. Every decision of the generator goes through it, so a case is a
/// function of its seed (or of its bytes).
pub struct Entropy {
	source: Source,
}

enum Source {
	Rng(Box<ChaCha8Rng>),
	/// Bytes from an external fuzzer; once they run out every choice is zero.
	Bytes {
		data: Vec<u8>,
		pos: usize,
	},
}

impl Entropy {
	/// Choices from a ChaCha8 stream seeded with `seed`.
	pub fn from_seed(seed: u64) -> Self {
		Self { source: Source::Rng(Box::new(ChaCha8Rng::seed_from_u64(seed))) }
	}

	/// Choices read from `data` with `arbitrary`.
	pub fn from_bytes(data: &[u8]) -> Self {
		Self { source: Source::Bytes { data: data.to_vec(), pos: 0 } }
	}

	/// A uniform 64-bit word.
	pub fn u64(&mut self) -> u64 {
		match &mut self.source {
			Source::Rng(rng) => rng.next_u64(),
			Source::Bytes { data, pos } => {
				let rest = data.get(*pos..).unwrap_or(&[]);
				let mut u = Unstructured::new(rest);
				let v = u64::arbitrary(&mut u).unwrap_or(0);
				*pos = data.len() - u.len();
				v
			},
		}
	}

	/// A uniform 128-bit word.
	pub fn u128(&mut self) -> u128 {
		(u128::from(self.u64()) << 64) | u128::from(self.u64())
	}

	/// A number in `0..n` (0 when `n` is 0).
	pub fn below(&mut self, n: u64) -> u64 {
		if n == 0 {
			0
		} else {
			self.u64() % n
		}
	}

	/// An index into a collection of `n` items (0 when empty).
	pub fn index(&mut self, n: usize) -> usize {
		self.below(n as u64) as usize
	}

	/// A number in `lo..=hi`.
	pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
		if hi <= lo {
			return lo;
		}
		match (hi - lo).checked_add(1) {
			Some(span) => lo + self.below(span),
			None => self.u64(),
		}
	}

	/// A number in `lo..=hi` (128 bits).
	pub fn range128(&mut self, lo: u128, hi: u128) -> u128 {
		if hi <= lo {
			return lo;
		}
		match (hi - lo).checked_add(1) {
			Some(span) => lo + self.u128() % span,
			None => self.u128(),
		}
	}

	/// True with probability `percent` / 100.
	pub fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}

	/// One of `items`, if there is any.
	pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
		if items.is_empty() {
			None
		} else {
			items.get(self.index(items.len()))
		}
	}

	/// An index drawn with the given weights (0 when they are all zero).
	pub fn weighted(&mut self, weights: &[u32]) -> usize {
		let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
		let mut x = self.below(total);
		for (i, w) in weights.iter().enumerate() {
			let w = u64::from(*w);
			if x < w {
				return i;
			}
			x -= w;
		}
		0
	}

	/// 32 random bytes.
	pub fn bytes32(&mut self) -> [u8; 32] {
		let mut out = [0u8; 32];
		for chunk in out.chunks_mut(8) {
			chunk.copy_from_slice(&self.u64().to_le_bytes());
		}
		out
	}

	/// `len` random bytes.
	pub fn bytes(&mut self, len: usize) -> Vec<u8> {
		(0..len).map(|_| self.u64() as u8).collect()
	}
}

/// The seed of case `i` of a run started with `seed`: `--seed <that> --cases 1` replays it.
pub fn case_seed(seed: u64, i: u64) -> u64 {
	seed.wrapping_add(i)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_seed_names_its_choices() {
		let a: Vec<u64> = {
			let mut e = Entropy::from_seed(7);
			(0..16).map(|_| e.u64()).collect()
		};
		let mut e = Entropy::from_seed(7);
		assert_eq!(a, (0..16).map(|_| e.u64()).collect::<Vec<_>>());
		let mut other = Entropy::from_seed(8);
		assert_ne!(a[0], other.u64());
	}

	#[test]
	fn bytes_run_out_into_zeroes() {
		let mut e = Entropy::from_bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 2]);
		assert_eq!(e.u64(), 1);
		let _ = e.u64();
		assert_eq!(e.u64(), 0);
		assert_eq!(e.range(5, 9), 5);
	}
}

//! Types, identifiers and constants shared by the USD.AI runtime, its pallets and the node.
//!
//! This crate holds no storage. The traits through which the protocol's pallets talk to each
//! other live here too, grouped by contract, so that no pallet depends on another pallet's
//! crate: each is implemented by the pallet that owns the state (in its `src/impls.rs`), named
//! by a consumer's `Config` item, and joined in the runtime. `docs/architecture.md` has the
//! table of provider, trait, consumer and runtime line.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod beacon;
pub mod bridge;
pub mod capacity;
pub mod collateral;
pub mod governance;
pub mod holders;
pub mod tokens;
pub mod vault;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// An index to a block.
pub type BlockNumber = u32;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in any token's base units (CHIP and all pallet-assets tokens).
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// Identifier of a pallet-assets token.
pub type AssetId = u32;

/// Identifier of a pallet-nfts collection.
pub type CollectionId = u32;

/// Identifier of an item within a pallet-nfts collection.
pub type ItemId = u32;

/// Identifier of a CALIBER receipt: its item id in the CALIBER collection.
pub type ReceiptId = ItemId;

/// Identifier of a FiLo loan (what CALIBER receipts are pledged to).
pub type LoanId = u64;

/// Identifier of a FiLo curator stack.
pub type StackId = u32;

/// Seconds since the Unix epoch: the clock of real-world dates (insurance expiry, appraisals).
pub type UnixSeconds = u64;

/// `value × numerator / denominator`, rounded as asked, without intermediate overflow. The one
/// rounding helper of the protocol's money maths: callers choose the direction that favours the
/// vault.
pub fn mul_div(
	value: Balance,
	numerator: u128,
	denominator: u128,
	rounding: sp_runtime::Rounding,
) -> Result<Balance, sp_runtime::ArithmeticError> {
	if denominator == 0 {
		return Err(sp_runtime::ArithmeticError::DivisionByZero);
	}
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		value,
		numerator,
		denominator,
		rounding,
	)
	.ok_or(sp_runtime::ArithmeticError::Overflow)
}

/// Rates and shares in basis points (`1500` = 15%).
pub type BasisPoints = u32;

/// One hundred percent in basis points.
pub const BPS_DENOMINATOR: BasisPoints = 10_000;

/// The token identifiers of the chain's public interface (DESIGN §3).
pub mod assets {
	use super::AssetId;

	/// Bridged USD Coin (6 decimals), minted only by the treasury bridge.
	pub const USDC: AssetId = 1;
	/// Bridged Tether USD (6 decimals), minted only by the treasury bridge.
	pub const USDT: AssetId = 2;
	/// USDai, the chain's dollar (18 decimals), minted only by the usdai vault.
	pub const USDAI: AssetId = 100;
	/// sUSDai, shares of the usdai vault (18 decimals), minted only by the usdai vault.
	pub const SUSDAI: AssetId = 101;

	/// Decimals of the bridged stablecoins.
	pub const STABLECOIN_DECIMALS: u8 = 6;
	/// Decimals of USDai and sUSDai.
	pub const USDAI_DECIMALS: u8 = 18;
}

/// The native token, CHIP.
pub mod chip {
	use super::Balance;

	/// Ticker shown by wallets.
	pub const SYMBOL: &str = "CHIP";
	/// Decimals shown by wallets.
	pub const DECIMALS: u8 = 18;
	/// One CHIP in base units.
	pub const UNIT: Balance = 1_000_000_000_000_000_000;
	/// One thousandth of a CHIP.
	pub const MILLI_UNIT: Balance = UNIT / 1_000;
	/// One millionth of a CHIP.
	pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
	/// The SS58 address format (42: the generic Substrate prefix).
	pub const SS58_FORMAT: u16 = 42;
}

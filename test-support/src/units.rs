//! The units the tests count in, in base units of [`Balance`]. A mock re-exports the ones its
//! tests use (`pub use usdai_test_support::units::{USD, USD6};`), so that they stay
//! `mock::USD`, ...

use usdai_primitives::Balance;

/// One dollar of a 6-decimal stablecoin (USDC, USDT).
pub const USD6: Balance = 1_000_000;

/// One dollar of USDai, sUSDai or DAI (18 decimals).
pub const USD: Balance = 1_000_000_000_000_000_000;

/// [`USD`] named by its decimals, for the tests that mix 6- and 18-decimal tokens.
pub const USD18: Balance = USD;

/// One CHIP, the native token (18 decimals).
pub const CHIP: Balance = usdai_primitives::chip::UNIT;

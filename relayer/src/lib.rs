//! `usdai-relayer`: the relayer daemon of the USD.AI treasury bridge.
//!
//! Each relayer runs four duties against the USD.AI chain (subxt) and the EVM gateway (alloy):
//! - [`keys`]: registers its EVM key on the chain, with a proof of possession;
//! - [`deposits`]: attests the gateway's `Deposited`/`SleeveReturned` logs, in nonce order, once
//!   they are `confirmations` deep;
//! - [`outbound`]: signs the chain's outbound messages and signer-set rotations (from finalized
//!   state), executes them on the gateway when a threshold has signed, and confirms executed
//!   withdrawals and moves to the sleeve;
//! - [`nav`]: reports the T-bill sleeve's value at a deterministic EVM block.
//!
//! Beside it, [`beacon`] is the beacon feeder (`usdai-beacon-feeder`): it brings drand's pulses
//! to the chain for the rounds its sealed QEV bids wait for. It needs no account and no key.
//!
//! The duties see the chains only through [`api::ChainApi`] and [`api::EvmApi`], so they are
//! unit-tested against in-memory fakes. The relayer keeps no database: it reads its place from
//! the chain on every pass (see the README).

// Unit tests may unwrap, index and do plain arithmetic; the relayer's own code may not.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing
	)
)]

pub mod api;
pub mod beacon;
pub mod chain;
pub mod config;
pub mod deposits;
pub mod evm;
pub mod keys;
pub mod metrics;
pub mod nav;
pub mod outbound;
pub mod runner;
pub mod types;

#[cfg(test)]
mod testing;

//! Unit tests of the bridge over a mock runtime with the real vault. Every test runs the
//! bridge's and the vault's invariants when it ends (`ExtBuilder::build_and_execute`).

mod deposits;
mod extension;
mod governance;
mod governance_class;
mod held;
mod inflow;
mod runtime_api;
mod signers;
mod sleeve;
mod weights;
mod withdrawals;

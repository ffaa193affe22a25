//! Unit tests of the vault, one file per call or flow. Every test runs the vault's invariants
//! when it ends (`ExtBuilder::build_and_execute`).

mod bridge;
mod deposit;
mod dust;
mod governance;
mod lending;
mod lockers;
mod points;
mod price_jumps;
mod queue;
mod redeem;
mod rounding;
mod sleeve;
mod stake;
mod weights;

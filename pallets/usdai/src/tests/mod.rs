//! Unit tests of the vault, one file per call or flow; a feature module's tests have its name
//! (`shares.rs`, `lending.rs`, `redemption.rs`). Every test runs the vault's invariants when it
//! ends (`ExtBuilder::build_and_execute`).

mod bridge;
mod deposit;
mod dust;
mod governance;
mod governance_class;
mod lending;
mod lockers;
mod points;
mod price_jumps;
mod redeem;
mod redemption;
mod rounding;
mod shares;
mod sleeve;
mod weights;

//! Unit tests of FiLo over a mock runtime with the real vault and receipts, one file per flow.
//! Every test runs FiLo's, the vault's and caliber's invariants when it ends
//! (`ExtBuilder::build_and_execute`).

mod auction;
mod deadlines;
mod default;
mod dust;
mod governance_class;
#[cfg(feature = "next-release")]
mod migrations;
mod origination;
mod properties;
mod repay;
mod schedule;
mod stacks;
mod weights;

//! Unit tests of the registry, one file per call or flow. Every test runs the registry's
//! invariants when it ends (`ExtBuilder::build_and_execute`).

mod collateral;
mod custodians;
mod governance_class;
mod issue;
mod properties;
mod release;
mod valuation;
mod weights;

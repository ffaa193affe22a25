//! Unit tests of the gauges over a mock runtime. Every test runs the invariants when it ends
//! (`ExtBuilder::build_and_execute`).

mod backstop;
mod bribes;
mod capacity;
mod dust;
mod fees;
mod governance_class;
mod locks;
mod properties;
mod votes;
mod weights;

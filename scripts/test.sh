#!/usr/bin/env bash
# Sets up the machine and runs every test: formatting, clippy, the Rust tests (pallets, runtime,
# chain specs, node CLI, relayer), the bridge's contracts (forge), the zombienet multi-validator
# network, the end-to-end tests that drive a real node through @polkadot/api, the bridge end to end
# (anvil, the gateway, three relayers), the lifecycle and fault tests on zombienet networks, and the
# throughput harness in its short mode. This is what CI runs (.ci/run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
START=$SECONDS

step "cargo fmt --check"
cargo fmt --all -- --check

# Every target (tests, benchmarks, the fuzzer) with the benchmarks compiled in, so that the
# workspace's deny lints (no unwrap, no unchecked arithmetic, ...) hold everywhere. A check
# build: it needs no wasm runtime. Then the next release (FiLo with `next-release`, the upgrade
# tests with `try-runtime`) apart, as it is built: its features must not reach the node.
step "cargo clippy (every target, with runtime-benchmarks; the next release with try-runtime)"
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --exclude usdai-runtime-upgrade-tests \
	--all-targets --features runtime-benchmarks -- -D warnings
SKIP_WASM_BUILD=1 cargo clippy --locked -p usdai-runtime-upgrade-tests -p pallet-filo \
	-p pallet-beacon -p pallet-qev --all-targets -- -D warnings

# One release build serves everything: the unit and integration tests, and the node and relayer
# binaries that the network and bridge tests run (cargo builds a package's binaries for its
# integration tests: usdai-node has them, and so has usdai-relayer, tests/metadata.rs, which
# builds both its binaries, the relayer and the beacon feeder).
step "cargo test (release)"
cargo test --locked --release --workspace --exclude usdai-runtime-upgrade-tests
export USDAI_NODE="$CARGO_TARGET_DIR/release/usdai-node"
export USDAI_RELAYER="$CARGO_TARGET_DIR/release/usdai-relayer"
export USDAI_BEACON_FEEDER="$CARGO_TARGET_DIR/release/usdai-beacon-feeder"
for bin in "$USDAI_NODE" "$USDAI_RELAYER" "$USDAI_BEACON_FEEDER"; do
	[[ -x "$bin" ]] || { echo "test.sh: $bin was not built by cargo test" >&2; exit 1; }
done

# The gateway, the T-bill fund stand-in and the test stablecoin (forge, offline from npm); the
# bridge's end-to-end tests deploy these builds.
# The next release's storage migrations with try-runtime's checks, over states the tests build
# (runtime/upgrade-tests), and the unit tests of the pallets it migrates (FiLo, the beacon, QEV)
# on the next release's storage. Natively only:
# the next release's blob is runtime-fast's second blob, installed on a live network by the
# lifecycle test below.
step "cargo test: the next release's migrations (try-runtime)"
SKIP_WASM_BUILD=1 cargo test --locked --release -p usdai-runtime-upgrade-tests -p pallet-filo \
	-p pallet-beacon -p pallet-qev

step "contracts: forge build and test"
"$ROOT/scripts/contracts.sh" install
"$ROOT/scripts/contracts.sh" build
"$ROOT/scripts/contracts.sh" test

step "zombienet: three validators and a full node (zombienet/local.zndsl)"
"$ROOT/scripts/zombienet.sh" test "$ROOT/zombienet/local.zndsl"

step "end-to-end: a dev node through @polkadot/api"
cd "$ROOT/tests/e2e"
npm test

# A dev-fast node, anvil with the gateway and three real relayers (2 of 3): deposits, a
# withdrawal, the T-bill sleeve, and the faults (a relayer down, a lying relayer, a reorg, a halt).
step "end-to-end: the bridge with anvil, the gateway and three relayers"
npm run test:bridge

# The whole loop on zombienet networks of the fast-runtime chain (local-fast): the lifecycle on
# three validators and a full node, and the fault tests (a validator down, the network restarted).
step "end-to-end: the lifecycle and fault tests on zombienet networks"
npm run test:network

# A few blocks of each measured call, so that the harness cannot rot (the full run is manual).
step "throughput harness (short mode)"
npm run throughput:short

echo "all tests passed in $((SECONDS - START)) s"

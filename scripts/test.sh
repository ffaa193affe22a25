#!/usr/bin/env bash
# Sets up the machine and runs every test: formatting, clippy, the Rust tests (pallets, runtime,
# chain specs, node CLI), the zombienet multi-validator network, the end-to-end tests that drive a real
# node through @polkadot/api, the lifecycle and fault tests on zombienet networks, and the
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
# build: it needs no wasm runtime.
step "cargo clippy (every target, with runtime-benchmarks)"
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets --features runtime-benchmarks \
	-- -D warnings

# One release build serves everything: the unit and integration tests, and the node binary
# that the network tests run (cargo builds a package's binaries for its integration tests).
step "cargo test (release)"
cargo test --locked --release --workspace
export USDAI_NODE="$CARGO_TARGET_DIR/release/usdai-node"

step "zombienet: three validators and a full node (zombienet/local.zndsl)"
"$ROOT/scripts/zombienet.sh" test "$ROOT/zombienet/local.zndsl"

step "end-to-end: a dev node through @polkadot/api"
cd "$ROOT/tests/e2e"
npm test

# The whole loop on zombienet networks of the fast-runtime chain (local-fast): the lifecycle on
# three validators and a full node, and the fault tests (a validator down, the network restarted).
step "end-to-end: the lifecycle and fault tests on zombienet networks"
npm run test:network

# A few blocks of each measured call, so that the harness cannot rot (the full run is manual).
step "throughput harness (short mode)"
npm run throughput:short

echo "all tests passed in $((SECONDS - START)) s"

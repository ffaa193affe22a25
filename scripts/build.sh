#!/usr/bin/env bash
# Builds the release node (with its wasm runtime) after making sure the toolchain is there.
# Extra arguments go to cargo (e.g. `--features fast-runtime`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_NPM=1 "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
cargo build --locked --release -p usdai-node "$@"
echo "built $CARGO_TARGET_DIR/release/usdai-node"

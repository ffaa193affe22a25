#!/usr/bin/env bash
# Re-exports chain-specs/{dev,local}{,-raw}.json from the built node. Run it after changing
# the runtime version or a genesis preset (runtime/tests/chain_specs.rs checks they match).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/build.sh"
source "$ROOT/scripts/env.sh"
NODE="$CARGO_TARGET_DIR/release/usdai-node"
for chain in dev local; do
	"$NODE" export-chain-spec --chain "$chain" --output "$ROOT/chain-specs/$chain.json"
	"$NODE" export-chain-spec --chain "$chain" --raw --output "$ROOT/chain-specs/$chain-raw.json"
done

#!/usr/bin/env bash
# Builds the node with `runtime-benchmarks` and regenerates the weights of the project's
# pallets (pallets/<name>/src/weights.rs) on this machine. Also prints pallet_assets'
# transfer_keep_alive for comparison (pallets/usdai/README.md).
#   scripts/benchmark.sh              # every project pallet
#   scripts/benchmark.sh pallet_usdai # one pallet
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_NPM=1 "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
cargo build --locked --release -p usdai-node --features runtime-benchmarks
NODE="$CARGO_TARGET_DIR/release/usdai-node"

PALLETS=("$@")
if [ "${#PALLETS[@]}" -eq 0 ]; then
	for dir in pallets/*/; do
		PALLETS+=("pallet_$(basename "$dir" | tr '-' '_')")
	done
fi

for pallet in "${PALLETS[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr '_' '-')"
	echo "==> $pallet → $dir/src/weights.rs"
	"$NODE" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps 50 \
		--repeat 20 \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/frame-weight-template.hbs \
		--output "$dir/src/weights.rs"
done

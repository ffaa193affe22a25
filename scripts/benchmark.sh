#!/usr/bin/env bash
# Measures every weight of the runtime on this machine, the reference machine (see
# runtime/src/weights/mod.rs for the one the committed weights come from):
#   - the machine itself (`benchmark machine`), printed and kept in runtime/src/weights/machine.txt;
#   - each database the node opens (`benchmark storage`) → runtime/src/weights/rocksdb_weights.rs
#     (RocksDbWeight, the runtime's DbWeight) and paritydb_weights.rs (ParityDbWeight, the node's
#     default database; a runtime test checks the charged weight covers it);
#   - a block's and an extrinsic's base cost (`benchmark overhead`) →
#     runtime/src/weights/{block,extrinsic}_weights.rs;
#   - the SDK pallets the runtime uses → runtime/src/weights/<pallet>.rs;
#   - the project's pallets → pallets/<name>/src/weights.rs.
# One STEPS/REPEAT for all of them.
#   scripts/benchmark.sh                    # everything
#   scripts/benchmark.sh pallet_usdai ...   # only these pallets
#   NODE=/path/to/usdai-node scripts/benchmark.sh   # a node built with runtime-benchmarks,rocksdb
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STEPS="${STEPS:-20}"
REPEAT="${REPEAT:-10}"
if [ -z "${NODE:-}" ]; then
	SKIP_NPM=1 "$ROOT/scripts/setup.sh"
	source "$ROOT/scripts/env.sh"
	cargo build --locked --release -p usdai-node --features runtime-benchmarks,rocksdb
	NODE="$CARGO_TARGET_DIR/release/usdai-node"
	# The wasm builder keeps one blob per runtime in wbuild/, whatever the features: this build
	# has just put the benchmark runtimes there. A later normal build would see them change and
	# embed them in the node without building its own; touching the build scripts makes it run
	# the wasm builds again.
	touch "$ROOT/runtime/build.rs" "$ROOT/runtime-fast/build.rs"
fi
OUT=runtime/src/weights
HEADER=scripts/weight-header.txt

# The SDK's pallets (their weights live in the runtime) and ours (in each pallet's crate).
SDK_PALLETS=(frame_system frame_system_extensions pallet_balances pallet_timestamp pallet_sudo
	pallet_utility pallet_multisig pallet_assets pallet_nfts
	pallet_scheduler pallet_preimage pallet_referenda pallet_conviction_voting pallet_collective
	pallet_whitelist pallet_treasury)
OWN_PALLETS=()
for dir in pallets/*/; do
	OWN_PALLETS+=("pallet_$(basename "$dir" | tr '-' '_')")
done

bench_pallet() {
	local pallet="$1" output template=()
	if [[ " ${SDK_PALLETS[*]} " == *" $pallet "* ]]; then
		output="$OUT/$pallet.rs"
	else
		output="pallets/$(echo "${pallet#pallet_}" | tr '_' '-')/src/weights.rs"
		template=(--template scripts/frame-weight-template.hbs)
	fi
	# pallet-assets' migration benchmark assumes a chain with no other asset (ours has five at
	# genesis); this runtime runs no such migration, so its weight stays the SDK's.
	local exclude=()
	if [ "$pallet" = pallet_assets ]; then
		exclude=(--exclude-extrinsics pallet_assets::migration_v2_foreign_asset_set_reserve_weight)
	fi
	echo "==> $pallet → $output (steps $STEPS, repeat $REPEAT)"
	"$NODE" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header "$HEADER" \
		"${template[@]}" "${exclude[@]}" \
		--output "$output"
	if [ "$pallet" = pallet_assets ]; then
		python3 - "$output" <<'PY'
import sys
path = sys.argv[1]
src = open(path).read().rstrip()
assert src.endswith("}")
src = src[:-1] + """	/// Not measured here: the SDK's benchmark assumes a chain without other assets, and this
	/// runtime runs no such migration. The SDK's own weight.
	fn migration_v2_foreign_asset_set_reserve_weight() -> Weight {
		<pallet_assets::weights::SubstrateWeight<T> as pallet_assets::WeightInfo>::migration_v2_foreign_asset_set_reserve_weight()
	}
}
"""
open(path, "w").write(src)
PY
	fi
}

if [ "$#" -gt 0 ]; then
	for pallet in "$@"; do bench_pallet "$pallet"; done
	exit 0
fi

echo "==> machine"
"$NODE" benchmark machine --chain dev --allow-fail 2>&1 | tee "$OUT/machine.txt"

DB="$(mktemp -d)"
trap 'rm -rf "$DB"' EXIT
"$NODE" export-chain-spec --chain dev --raw --output "$DB/dev-raw.json"
python3 scripts/storage-bench-spec.py "$DB/dev-raw.json" "$DB/storage.json" 100000
for database in rocksdb paritydb; do
	echo "==> storage ($database, the dev genesis plus 100,000 accounts)"
	"$NODE" benchmark storage --chain "$DB/storage.json" --base-path "$DB/$database" \
		--database "$database" --state-version 1 --batch-size 1 --header "$HEADER" \
		--weight-path "$OUT/"
done

echo "==> overhead (block and extrinsic base weights)"
"$NODE" benchmark overhead --chain dev --header "$HEADER" --weight-path "$OUT/"

for pallet in "${SDK_PALLETS[@]}" "${OWN_PALLETS[@]}"; do
	bench_pallet "$pallet"
done
# The generated constants name `sp_weights`, which the runtime reaches through frame-support.
sed -i 's/\bsp_weights::/frame_support::weights::/g' "$OUT"/*.rs
cargo fmt --all 2>/dev/null || true

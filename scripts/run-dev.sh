#!/usr/bin/env bash
# Sets up the machine, builds the node and starts a development chain: Alice authors and
# finalizes 6-second blocks, RPC and WebSocket on ws://127.0.0.1:9944 (Polkadot.js apps:
# https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944). State is thrown away on exit;
# pass `--base-path DIR` instead of the default `--tmp` to keep it. Extra arguments go to the node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The development chain runs the production runtime; the fast runtime's wasm blob (the `dev-fast`
# and `local-fast` chains of the end-to-end tests) is a second full wasm build, so skip it here.
SKIP_USDAI_RUNTIME_FAST_WASM_BUILD=1 "$ROOT/scripts/build.sh"
source "$ROOT/scripts/env.sh"
ARGS=("$@")
if [[ " ${ARGS[*]-} " != *" --base-path "* ]]; then ARGS+=(--tmp); fi
exec "$CARGO_TARGET_DIR/release/usdai-node" --dev --rpc-port 9944 "${ARGS[@]}"

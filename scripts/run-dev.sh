#!/usr/bin/env bash
# Sets up the machine, builds the node and starts a development chain: Alice authors and
# finalizes 6-second blocks, RPC and WebSocket on ws://127.0.0.1:9944 (Polkadot.js apps:
# https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944). State is thrown away on exit;
# pass `--base-path DIR` instead of the default `--tmp` to keep it. Extra arguments go to the node.
#
# The chain runs in the background (log in a temp dir) with the local beacon beside it
# (`tests/e2e/sealed-bid.js beacon`): it plays drand's part with the development beacon's key,
# submitting the pulses that open the QEV queue's sealed bids. `--no-beacon` leaves it out (and
# runs the node in the foreground): sealed bids then wait, and lapse after half an hour.
#
# `--bridge` adds the EVM side of the treasury bridge: it also builds the relayer and the
# contracts, then starts anvil on http://127.0.0.1:8545, the gateway, test USDC/USDT and three
# relayers (tests/e2e/bridge-dev.js), and prints how to deposit and withdraw. Ctrl-C stops
# everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BRIDGE=0
BEACON=1
ARGS=()
for arg in "$@"; do
	case "$arg" in
	--bridge) BRIDGE=1 ;;
	--no-beacon) BEACON=0 ;;
	*) ARGS+=("$arg") ;;
	esac
done
# The development chain runs the production runtime; the fast runtime's wasm blob (the `dev-fast`
# and `local-fast` chains of the end-to-end tests) is a second full wasm build, so skip it here.
SKIP_USDAI_RUNTIME_FAST_WASM_BUILD=1 "$ROOT/scripts/build.sh"
source "$ROOT/scripts/env.sh"
if [[ " ${ARGS[*]-} " != *" --base-path "* ]]; then ARGS+=(--tmp); fi
NODE=("$CARGO_TARGET_DIR/release/usdai-node" --dev --rpc-port 9944 "${ARGS[@]}")
if [[ $BRIDGE -eq 0 && $BEACON -eq 0 ]]; then
	exec "${NODE[@]}"
fi

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
cd "$ROOT"
if [[ $BRIDGE -eq 1 ]]; then
	step "building the relayer"
	cargo build --locked --release -p usdai-relayer
	export USDAI_RELAYER="$CARGO_TARGET_DIR/release/usdai-relayer"
	step "building the contracts"
	"$ROOT/scripts/contracts.sh" install
	"$ROOT/scripts/contracts.sh" build
fi
if [ ! -d "$ROOT/tests/e2e/node_modules" ] ||
	[ "$ROOT/tests/e2e/package-lock.json" -nt "$ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
	step "installing the end-to-end tools (npm ci)"
	(cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/usdai-dev-XXXXXX")"
NODE_PID=""
BEACON_PID=""
cleanup() {
	trap - EXIT INT TERM
	if [[ -n "$BEACON_PID" ]]; then kill -TERM "$BEACON_PID" 2>/dev/null || true; fi
	if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2>/dev/null; then
		echo "stopping the chain"
		# A background job of a script ignores SIGINT: SIGTERM stops the node cleanly.
		kill -TERM "$NODE_PID" 2>/dev/null || true
		wait "$NODE_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

step "starting the dev chain (log: $DIR/node.log)"
"${NODE[@]}" >"$DIR/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 120); do
	if ! kill -0 "$NODE_PID" 2>/dev/null; then
		tail -n 40 "$DIR/node.log" >&2
		echo "run-dev.sh: the node exited" >&2
		exit 1
	fi
	if curl -sf -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' \
		http://127.0.0.1:9944 >/dev/null 2>&1; then
		break
	fi
	sleep 1
done

if [[ $BEACON -eq 1 ]]; then
	step "starting the local beacon (log: $DIR/beacon.log)"
	node "$ROOT/tests/e2e/sealed-bid.js" beacon --ws ws://127.0.0.1:9944 >"$DIR/beacon.log" 2>&1 &
	BEACON_PID=$!
fi
if [[ $BRIDGE -eq 0 ]]; then
	echo "the chain: ws://127.0.0.1:9944 (Polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944)"
	echo "seal a bid: node tests/e2e/sealed-bid.js bid --ticket <id> --bid-bps <bps> --suri //Alice"
	echo "Ctrl-C stops everything"
	wait "$NODE_PID"
	exit
fi

step "setting up the bridge (anvil, contracts, relayers; files in $DIR)"
# In the foreground, so that Ctrl-C reaches it: it stops the relayers and anvil, then the trap
# stops the chain.
node "$ROOT/tests/e2e/bridge-dev.js" --ws ws://127.0.0.1:9944 --dir "$DIR"

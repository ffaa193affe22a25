#!/usr/bin/env bash
# Runs zombienet (npm @zombienet/cli, native provider) with the built node:
#   scripts/zombienet.sh test zombienet/local.zndsl
#   scripts/zombienet.sh spawn zombienet/local.toml
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
export USDAI_NODE="${USDAI_NODE:-$CARGO_TARGET_DIR/release/usdai-node}"
if [ ! -x "$USDAI_NODE" ]; then
	echo "no node at $USDAI_NODE: run scripts/build.sh first" >&2
	exit 1
fi
ZOMBIENET="$ROOT/tests/e2e/node_modules/.bin/zombienet"
if [ ! -x "$ZOMBIENET" ]; then
	(cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec "$ZOMBIENET" --provider native "$@"

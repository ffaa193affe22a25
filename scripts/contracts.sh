#!/usr/bin/env bash
# The Solidity side of the bridge (contracts/): forge 1.7.1, anvil, cast and solc-js 0.8.37 from
# npm, run offline through contracts/tools/solc-js.cjs.
#
#   scripts/contracts.sh install          npm ci in contracts/ (when node_modules is missing or stale)
#   scripts/contracts.sh build            forge build
#   scripts/contracts.sh test [args]      forge test (non-zero exit on failure); args go to forge
#   scripts/contracts.sh anvil [args]     exec the anvil binary (e.g. --port 8545)
#   scripts/contracts.sh deploy [args]    node scripts/deploy.mjs (see --help)
#   scripts/contracts.sh forge|cast …     run forge or cast from contracts/
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/contracts"
BIN="$DIR/node_modules/@foundry-rs"

usage() {
	sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# npm ci when node_modules is missing, or older than package.json / package-lock.json, or npm's
# own record of the install differs from the lock file.
install() {
	command -v node >/dev/null || { echo "contracts.sh: node is not on PATH" >&2; exit 1; }
	local marker="$DIR/node_modules/.package-lock.json"
	if [[ -f "$marker" && "$marker" -nt "$DIR/package-lock.json" && "$marker" -nt "$DIR/package.json" \
		&& -x "$BIN/forge-linux-amd64/bin/forge" && -x "$BIN/anvil-linux-amd64/bin/anvil" \
		&& -x "$BIN/cast-linux-amd64/bin/cast" ]]; then
		return 0
	fi
	echo "contracts.sh: npm ci in $DIR" >&2
	(cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error)
	touch "$marker"
}

# forge resolves foundry.toml's relative `solc` path against the cwd: always run from contracts/.
forge() {
	install
	cd "$DIR"
	"$BIN/forge-linux-amd64/bin/forge" "$@"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
install) install ;;
build) forge build "$@" ;;
test) forge test "$@" ;;
anvil)
	install
	exec "$BIN/anvil-linux-amd64/bin/anvil" "$@"
	;;
deploy)
	install
	cd "$DIR"
	exec node scripts/deploy.mjs "$@"
	;;
forge) forge "$@" ;;
cast)
	install
	cd "$DIR"
	exec "$BIN/cast-linux-amd64/bin/cast" "$@"
	;;
-h | --help | help) usage ;;
*)
	usage >&2
	exit 2
	;;
esac

#!/usr/bin/env bash
# Builds the node and starts a local network of three validators and a full node with
# zombienet (zombienet/local.toml). Alice's RPC port is printed by zombienet; Ctrl-C stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/build.sh"
"$ROOT/scripts/setup.sh"
exec "$ROOT/scripts/zombienet.sh" spawn "$ROOT/zombienet/local.toml"

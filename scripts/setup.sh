#!/usr/bin/env bash
# Installs everything a fresh machine needs to build, run and test the USD.AI chain.
#
# Idempotent and quick when already done. On a machine whose rustup toolchain already has the
# `wasm32v1-none` (or `wasm32-unknown-unknown` + rust-src) target it leaves Rust alone; on the
# sandboxed build machines (no `rustup target add`) it links Debian's rustc-web as a second
# toolchain and builds a `wasm32v1-none` sysroot for it once (see docs/toolchain.md).
#
# After it runs, `scripts/env.sh` (sourced by every other script) exports the right
# `WASM_BUILD_TOOLCHAIN` and `CARGO_TARGET_DIR`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

apt_install() {
	# Install the Debian packages that are missing, running `apt-get update` only when needed.
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ "${#missing[@]}" -gt 0 ]; then
		if ! command -v apt-get >/dev/null 2>&1; then
			echo "missing packages ${missing[*]} and no apt-get: install them by hand" >&2
			exit 1
		fi
		log "installing ${missing[*]}"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# 1. Native build dependencies of the node (protobuf for libp2p, clang for bindgen, OpenSSL for
#    litep2p's WebRTC; RocksDB only with the node's `rocksdb` feature).
apt_install protobuf-compiler clang libclang-dev make git curl pkg-config libssl-dev

# 2. Rust.
if ! command -v cargo >/dev/null 2>&1; then
	echo "cargo not found: install rustup (https://rustup.rs) first" >&2
	exit 1
fi

has_rustup_wasm() {
	command -v rustup >/dev/null 2>&1 || return 1
	rustup target list --installed 2>/dev/null | grep -qx 'wasm32v1-none' && return 0
	rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown' &&
		rustup component list --installed 2>/dev/null | grep -q '^rust-src' && return 0
	return 1
}

if [ "${USDAI_DEBIAN_WASM:-0}" != "1" ] && has_rustup_wasm; then
	log "rustup already has a wasm target: using it"
else
	# Try the normal route first; on the sandboxed machines it fails fast (no network).
	# USDAI_DEBIAN_WASM=1 skips it and forces the Debian toolchain route.
	if [ "${USDAI_DEBIAN_WASM:-0}" != "1" ] && command -v rustup >/dev/null 2>&1 &&
		timeout 60 rustup target add wasm32v1-none >/dev/null 2>&1; then
		log "installed wasm32v1-none with rustup"
	else
		log "no rustup wasm target: using Debian's rustc-web with a self-built wasm32v1-none sysroot"
		apt_install rustc-web cargo-web rust-web-src lld-22
		if ! rustup toolchain list | grep -q '^debian'; then
			rustup toolchain link debian /usr
		fi
		SYSROOT_LIB="$(rustc +debian --print sysroot)/lib/rustlib/wasm32v1-none/lib"
		if ! ls "$SYSROOT_LIB"/libcore-*.rlib >/dev/null 2>&1; then
			log "building the wasm32v1-none sysroot (once per machine)"
			TMP="$(mktemp -d)"
			mkdir -p "$TMP/src"
			cat >"$TMP/Cargo.toml" <<'TOML'
[package]
name = "wasm-sysroot"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
panic = "abort"
TOML
			echo '#![no_std]' >"$TMP/src/lib.rs"
			(cd "$TMP" && env -u CARGO_TARGET_DIR RUSTFLAGS="-C embed-bitcode=yes" RUSTC_BOOTSTRAP=1 \
				cargo +debian build --release -q -Zbuild-std=core,alloc \
				-Zbuild-std-features=compiler-builtins-mem --target wasm32v1-none)
			$SUDO mkdir -p "$SYSROOT_LIB"
			for lib in core alloc compiler_builtins; do
				$SUDO cp "$TMP"/target/wasm32v1-none/release/deps/lib${lib}-*.rlib "$SYSROOT_LIB"/
			done
			rm -rf "$TMP"
		fi
	fi
fi

# 3. Node.js tools for the end-to-end and zombienet tests (@polkadot/api, @zombienet/cli).
if [ "${SKIP_NPM:-0}" != "1" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		apt_install nodejs npm
	fi
	if [ ! -d "$ROOT/tests/e2e/node_modules" ] ||
		[ "$ROOT/tests/e2e/package-lock.json" -nt "$ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
		log "installing end-to-end test dependencies (npm ci)"
		(cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi

log "done"

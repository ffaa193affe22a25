# Sourced by the project's scripts: picks the toolchain that builds the wasm runtime and a
# build directory that survives fresh clones. Safe to source more than once.

_USDAI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The runtime's wasm is built in a nested workspace inside the target directory; point it at
# this workspace so that it uses our Cargo.lock.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$_USDAI_ROOT}"

# Keep the (large) target directory outside the work tree so fresh clones build warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/usdai-target}"

# substrate-wasm-builder needs a toolchain with a wasm target. Prefer rustup's own; fall back to
# the Debian toolchain that scripts/setup.sh linked as `debian` with a self-built sysroot.
if [ -z "${WASM_BUILD_TOOLCHAIN:-}" ] && command -v rustup >/dev/null 2>&1; then
	if ! rustup target list --installed 2>/dev/null | grep -qx 'wasm32v1-none' &&
		rustup toolchain list 2>/dev/null | grep -q '^debian' &&
		ls "$(rustc +debian --print sysroot 2>/dev/null)"/lib/rustlib/wasm32v1-none/lib/libcore-*.rlib \
			>/dev/null 2>&1; then
		export WASM_BUILD_TOOLCHAIN=debian
	fi
fi

# Sourced by the scripts in .ci/: the tools on PATH and the build environment they share.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Builds live outside the checkout, one folder per checkout path: a clone at the same path
# (CI) starts warm. Not one folder for all checkouts: cargo tells workspace crates apart by
# mtime, not path, so two checkouts would take each other's stale builds for fresh ones.
# The site (target/site) and the e2e database (target/e2e) stay inside the checkout.
BUILDS="$HOME/.cache/partnerhub-target"
if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="$BUILDS/$(printf %s "$ROOT" | sha256sum | cut -c1-12)"
  # Which checkout the folder builds, so that .ci/test can drop the builds of deleted clones.
  mkdir -p "$CARGO_TARGET_DIR" && printf %s "$ROOT" >"$CARGO_TARGET_DIR/checkout"
fi

# Drops the builds of checkouts that no longer exist: each is several GB, and a machine that
# clones the project often (CI, review clones) would otherwise fill its disk.
drop_builds_of_deleted_checkouts() {
  local build checkout
  for build in "$BUILDS"/*/; do
    [ -f "$build/checkout" ] || continue
    checkout=$(cat "$build/checkout")
    if [ ! -d "$checkout" ]; then
      log "removing the builds of $checkout (deleted): $(du -sh "$build" | cut -f1)"
      rm -rf "$build"
    fi
  done
}

# The environment cargo-leptos gives its debug builds. `cargo test` gets the same, so it
# reuses cargo-leptos's artifacts instead of building every crate a second time.
leptos_build_env() {
  export LEPTOS_OUTPUT_NAME=partnerhub LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend \
    LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=false
}

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

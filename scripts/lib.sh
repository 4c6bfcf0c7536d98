# Shared by the scripts in this folder: logging, and the toolchain environment.
# shellcheck shell=bash

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The Debian rust-web toolchain (/usr/bin) builds both halves: it can compile the wasm32 std
# from source, which the rustup toolchain here cannot download. See scripts/setup.
export PATH="/usr/bin:$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
# One build cache per machine, shared by every checkout: a fresh clone (as CI makes) then
# rebuilds only Parley itself, not its few hundred dependencies.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/parley/target}"
# cargo-leptos puts the site (JS, wasm, CSS, public/) under the target directory; the server
# finds it through this variable, which overrides site-root in Leptos.toml.
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
# Python packages the tests use (aiosmtpd), kept out of the system Python.
export PARLEY_VENV="${PARLEY_VENV:-$HOME/.cache/parley/venv}"

# The release build (its wasm split into the pieces src/lazy_pages.rs names), with the app's
# files compressed next to themselves (name.br, name.gz):
# the server sends those to browsers that accept them (`ServeDir::precompressed_*`). File
# names carry a content hash (hash-files in Cargo.toml), so a compressed copy is never stale.
# wasm-opt's outputs and the compressed copies are kept by content in the build cache
# (scripts/wasm-opt-cache, compress_site), so a build of unchanged code does not make them again.
# Arguments go to cargo-leptos (build_for_end_to_end passes --frontend-only). What neither
# kept folder was asked for in a week goes. A failed step returns its status even where
# `set -e` is off (this file sourced into a shell by hand), rather than the pruning's 0.
build_release() {
  PATH="$ROOT/scripts/wasm-opt-cache:$PATH" cargo leptos build --release --split "$@" || return
  compress_site || return
  find "$CARGO_TARGET_DIR/compressed" "$CARGO_TARGET_DIR/wasm-opt-cache" -type f -mtime +7 -delete 2>/dev/null || true
}

# Runs a cargo command (a debug-profile build) with clippy's lints (warnings denied) on the
# workspace's own crates, as `cargo clippy` does (clippy-driver as the workspace's compiler
# wrapper), but producing the build too: the test build then also is the clippy check, and the
# dependency graph is not compiled once more in check mode only for clippy (about 150 s of a
# fresh run). Not for release builds: clippy-driver turns off MIR optimizations.
with_clippy() {
  RUSTC_WORKSPACE_WRAPPER="$(command -v clippy-driver)" \
    CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" "$@"
}

# What the end-to-end tests run: the browser half exactly as released (its size and load time
# are what they measure), and the server as the test build compiled it; a release server
# compiled the whole dependency graph again with optimizations (12 of the 51 minutes of a
# fresh run). The server finds the hashed file names in hash.txt beside its binary.
build_for_end_to_end() {
  build_release --frontend-only || return
  # The server binary as the test build makes it (cargo builds the binaries its integration
  # tests start, into debug/): after the test command's own build this does nothing, where
  # `cargo build --bins` (the dev profile, not the test profile) compiled Parley once more
  # (about 100 s). With the same wrapper, or cargo would compile the workspace's crates again.
  with_clippy cargo test --workspace --features ssr --no-run || return
  cp "$CARGO_TARGET_DIR/release/hash.txt" "$CARGO_TARGET_DIR/debug/hash.txt"
}

# The app's text files compressed next to themselves (name.br, name.gz), which the server sends
# (src/server/static_files.rs, whose unit tests check that its list of public/ text files is
# the one below). The gzip copy is made by zopfli: ordinary gzip that any browser reads, about
# 5% smaller than `gzip --best` on the wasm (docs/performance.md), at a few seconds of build
# time. Browsers that accept Brotli get that instead, but Chromium asks for Brotli only over
# HTTPS, so plain HTTP (the end-to-end tests, a server without TLS in front) gets gzip.
compress_site() {
  local file key kind
  # cargo-leptos empties the site on every build, so the copies are kept by content in the
  # build cache as well, and a build whose files did not change (the same commit again, a
  # change to documents or tests) copies them back instead of compressing again (12 s).
  local kept="$CARGO_TARGET_DIR/compressed"
  mkdir -p "$kept"
  # Largest first, so the longest job (zopfli on the chat's piece) starts at once; then each
  # copy as a job of its own, as many at a time as there are cores. Waiting for both copies of
  # one file before the next left a core idle while zopfli ran (17.2 s for the site against
  # 12.1 s as a pool, docs/performance.md). xargs fails if any job fails, and with it the script.
  # shellcheck disable=SC2012 # the site's names are hashes and fixed names, no odd characters
  for file in $(ls -S "$LEPTOS_SITE_ROOT"/pkg/*.{wasm,js,css} "$LEPTOS_SITE_ROOT"/{sw.js,manifest.webmanifest} 2>/dev/null); do
    key=$(sha256sum <"$file" | cut -c1-64)
    for kind in br gz; do
      if [[ -s "$kept/$key.$kind" ]]; then
        cp "$kept/$key.$kind" "$file.$kind"
        touch "$kept/$key.$kind"
      else
        printf '%s\0' "$kind" "$file" "$kept/$key.$kind"
      fi
    done
  done | xargs -0 -r -n 3 -P "$(nproc)" bash -c '
    case $0 in br) brotli --force --best --keep "$1" ;; gz) zopfli "$1" ;; esac &&
      cp "$1.$0" "$2.$$" && mv "$2.$$" "$2"'
}

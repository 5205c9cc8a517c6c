#!/usr/bin/env bash
# Runs every claimwatch test, installing what the tests need when missing:
# the Tansu broker for the end-to-end tests (built once, about 10 minutes,
# then reused from ~/.cargo/bin). Needs only the Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v tansu >/dev/null 2>&1; then
  echo "test.sh: installing the tansu broker (once)..." >&2
  cargo install tansu --locked --features dynostore,libsql
fi
export TANSU="$(command -v tansu)"

# Unit, component (MockCluster), corpus-regression and end-to-end (Tansu)
# tests, in one build.
cargo test --workspace --no-fail-fast

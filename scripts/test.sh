#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests of the real binary.
# Everything the tests need is installed by this script (nothing beyond Rust yet).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
if [ "${CI:-}" = "true" ]; then
  export CARGO_INCREMENTAL=0
fi
cargo test --locked "$@"

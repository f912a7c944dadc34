#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests of the real binary.
# Everything the tests need is installed by this script: anvil (npm, into .tools/) for
# the Ethereum tests; the Bitcoin Core node comes from ../shared/bitcoin-core.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
if [ "${CI:-}" = "true" ]; then
  export CARGO_INCREMENTAL=0
fi
COFFER_ANVIL_BIN=$(scripts/install-tools.sh)
export COFFER_ANVIL_BIN
cargo test --locked "$@"
